//! File names built from titles, safe on Windows, macOS and Linux.

/// Longest name we produce, in UTF-8 bytes (well under every common file system's 255).
pub const MAX_FILE_NAME_BYTES: usize = 120;

/// Longest scope part of an export's file name, in characters (a long title
/// must not push the date out).
const MAX_SCOPE_CHARS: usize = 30;

/// An export's file name from what it covers and when: `批注导出-版权伦理-2026-12-02.md`.
/// The date is `exported_at`'s own (local) date; a time that is not RFC 3339 adds none.
pub fn export_file_name(scope: &str, exported_at: &str, ext: &str) -> String {
    let mut stem = String::from("批注导出");
    let scope: String = scope.trim().chars().take(MAX_SCOPE_CHARS).collect();
    if !scope.trim().is_empty() {
        stem.push('-');
        stem.push_str(scope.trim());
    }
    if crate::model::is_rfc3339(exported_at) {
        stem.push('-');
        stem.push_str(&exported_at[..10]);
    }
    safe_file_name(&stem, ext)
}

const WINDOWS_RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A file name for `title` with extension `ext` (no dot; empty for none):
/// separators and characters Windows forbids become `_`, control characters go,
/// leading dots and trailing dots/spaces go, reserved device names get a `_`
/// prefix, and the whole name fits in [`MAX_FILE_NAME_BYTES`] without cutting a
/// character in half.
pub fn safe_file_name(title: &str, ext: &str) -> String {
    let mut stem = String::with_capacity(title.len());
    let mut last_was_sub = false;
    for c in title.chars() {
        let replaced = match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => Some('_'),
            c if c.is_control() => Some(' '),
            // Unicode line/paragraph separators and BOMs confuse shells and file pickers.
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{200b}' => Some(' '),
            _ => None,
        };
        match replaced {
            Some('_') if last_was_sub => {}
            Some(r) => {
                stem.push(r);
                last_was_sub = r == '_';
            }
            None => {
                stem.push(c);
                last_was_sub = false;
            }
        }
    }
    let collapsed = stem.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut stem = tidy_ends(&collapsed).to_string();
    if stem.is_empty() || stem.chars().all(|c| c == '_') {
        stem = "pizhu-export".to_string();
    }
    let device = stem.split('.').next().unwrap_or("").trim_end();
    if WINDOWS_RESERVED
        .iter()
        .any(|r| r.eq_ignore_ascii_case(device))
    {
        stem.insert(0, '_');
    }
    let suffix = if ext.is_empty() {
        String::new()
    } else {
        format!(".{ext}")
    };
    let budget = MAX_FILE_NAME_BYTES.saturating_sub(suffix.len());
    if stem.len() > budget {
        let mut cut = budget;
        while !stem.is_char_boundary(cut) {
            cut -= 1;
        }
        stem.truncate(cut);
        stem = tidy_ends(&stem).to_string();
    }
    format!("{stem}{suffix}")
}

fn tidy_ends(s: &str) -> &str {
    s.trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' '])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names_say_what_and_when() {
        let at = "2026-12-02T00:30:00+08:00";
        assert_eq!(
            export_file_name("版权伦理", at, "md"),
            "批注导出-版权伦理-2026-12-02.md"
        );
        assert_eq!(
            export_file_name("书库", at, "docx"),
            "批注导出-书库-2026-12-02.docx"
        );
        assert_eq!(
            export_file_name("a/b: c?", at, "csv"),
            "批注导出-a_b_ c_-2026-12-02.csv"
        );
        assert_eq!(export_file_name("", "昨天", "md"), "批注导出.md");
        let long = "很长的标题".repeat(20);
        let name = export_file_name(&long, at, "html");
        assert!(name.ends_with("-2026-12-02.html"), "{name}");
    }

    #[test]
    fn separators_and_forbidden_characters_become_underscores() {
        assert_eq!(
            safe_file_name("a/b\\c:d*e?f\"g<h>i|j", "md"),
            "a_b_c_d_e_f_g_h_i_j.md"
        );
        assert_eq!(
            safe_file_name("影视/行业？Sora能吗", "md"),
            "影视_行业？Sora能吗.md"
        );
        assert_eq!(safe_file_name("a//b", ""), "a_b");
    }

    #[test]
    fn control_characters_and_trailing_dots_and_spaces_go() {
        assert_eq!(
            safe_file_name("line1\nline2\t\u{0}end", "csv"),
            "line1 line2 end.csv"
        );
        assert_eq!(safe_file_name("  title. . ", "html"), "title.html");
        assert_eq!(safe_file_name("..hidden", "md"), "hidden.md");
    }

    #[test]
    fn reserved_device_names_are_prefixed() {
        assert_eq!(safe_file_name("CON", "md"), "_CON.md");
        assert_eq!(safe_file_name("nul.txt", "md"), "_nul.txt.md");
        assert_eq!(safe_file_name("Lpt9", ""), "_Lpt9");
        assert_eq!(safe_file_name("COM10", "md"), "COM10.md");
        assert_eq!(safe_file_name("console", "md"), "console.md");
    }

    #[test]
    fn empty_or_all_forbidden_titles_get_a_default() {
        assert_eq!(safe_file_name("", "docx"), "pizhu-export.docx");
        assert_eq!(safe_file_name("???", "docx"), "pizhu-export.docx");
        assert_eq!(safe_file_name(" . ", "docx"), "pizhu-export.docx");
    }

    #[test]
    fn long_titles_are_cut_on_a_character_boundary() {
        let title = "影视产业新视角".repeat(20);
        let name = safe_file_name(&title, "docx");
        assert!(name.len() <= MAX_FILE_NAME_BYTES, "{} bytes", name.len());
        assert!(name.ends_with(".docx"));
        let stem = name.trim_end_matches(".docx");
        assert!(title.starts_with(stem));
        // 3-byte characters: the cut lands on a whole character.
        assert_eq!(stem.len() % 3, 0);
        assert!(stem.len() > MAX_FILE_NAME_BYTES - 10);
    }
}
