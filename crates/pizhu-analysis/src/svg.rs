//! Pictures for a paper: a matrix (theme × article, or theme × theme) as a
//! standalone SVG heat map. Pure string building; every label is escaped.
//! The UI draws its own interactive version; this is the export.

use std::fmt::Write;

const CELL: usize = 36;
const ROW_LABEL: usize = 150;
const COL_LABEL: usize = 170;
const MAX_LABEL_CHARS: usize = 14;
const FONT: &str = "system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/// Text safe inside an XML element or attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_LABEL_CHARS {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX_LABEL_CHARS - 1).collect();
        t.push('…');
        t
    }
}

/// A `#rrggbb` colour, or a neutral one when the theme's colour is not in that form.
fn hex_or_default(c: &str) -> &str {
    let ok = c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|d| d.is_ascii_hexdigit());
    if ok {
        c
    } else {
        "#5b6b8c"
    }
}

/// `rows` are (label, colour) — each row's cells are shaded in its colour, more
/// opaque for higher counts; `cols` are column labels; `counts[row][col]`.
/// `dark` picks colours legible on a dark page.
pub fn heat_map(rows: &[(&str, &str)], cols: &[&str], counts: &[Vec<u32>], dark: bool) -> String {
    let (bg, fg, grid) = if dark {
        ("#1e1f24", "#e6e6e6", "#3a3c44")
    } else {
        ("#ffffff", "#222222", "#dddddd")
    };
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1);
    // Rotated column labels lean right past the last column: leave room for them.
    let width = ROW_LABEL + cols.len() * CELL + COL_LABEL * 6 / 10;
    let height = COL_LABEL + rows.len() * CELL + 20;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{}" font-size="13">"#,
        escape(FONT)
    );
    let _ = write!(s, r#"<rect width="100%" height="100%" fill="{bg}"/>"#);
    for (j, label) in cols.iter().enumerate() {
        let x = ROW_LABEL + j * CELL + CELL / 2;
        let y = COL_LABEL - 6;
        let _ = write!(
            s,
            r#"<text x="{x}" y="{y}" fill="{fg}" transform="rotate(-55 {x} {y})"><title>{}</title>{}</text>"#,
            escape(label),
            escape(&clip(label))
        );
    }
    for (i, (label, color)) in rows.iter().enumerate() {
        let y = COL_LABEL + i * CELL;
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" fill="{fg}" text-anchor="end"><title>{}</title>{}</text>"#,
            ROW_LABEL - 8,
            y + CELL / 2 + 5,
            escape(label),
            escape(&clip(label))
        );
        let color = hex_or_default(color);
        for j in 0..cols.len() {
            let n = counts.get(i).and_then(|r| r.get(j)).copied().unwrap_or(0);
            let x = ROW_LABEL + j * CELL;
            let opacity = if n == 0 {
                0.0
            } else {
                0.15 + 0.85 * f64::from(n) / f64::from(max)
            };
            let _ = write!(
                s,
                r#"<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" fill="{color}" fill-opacity="{opacity:.2}" stroke="{grid}"/>"#
            );
            if n > 0 {
                let text_fill = if opacity > 0.55 { "#ffffff" } else { fg };
                let _ = write!(
                    s,
                    r#"<text x="{}" y="{}" fill="{text_fill}" text-anchor="middle">{n}</text>"#,
                    x + CELL / 2,
                    y + CELL / 2 + 5
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_every_non_zero_cell_shows_its_number() {
        let svg = heat_map(
            &[("A&B", "#2e7d6b"), ("<灵韵>", "not-a-colour")],
            &["“大片”<script>"],
            &[vec![3], vec![0]],
            false,
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains("A&amp;B") && svg.contains("&lt;灵韵&gt;") && !svg.contains("<script>")
        );
        assert!(svg.contains(">3</text>"));
        assert_eq!(svg.matches("<rect x=").count(), 2);
        assert!(
            svg.contains("#5b6b8c"),
            "a bad colour falls back to the neutral one"
        );
    }

    #[test]
    fn dark_pictures_use_a_dark_page_and_light_text() {
        let svg = heat_map(&[("A", "#2e7d6b")], &["x"], &[vec![1]], true);
        assert!(svg.contains(r##"fill="#1e1f24""##) && svg.contains(r##"fill="#e6e6e6""##));
    }
}
