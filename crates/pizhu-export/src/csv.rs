//! One row per highlight, UTF-8 with a BOM (so Excel shows Chinese), with cells
//! that a spreadsheet would evaluate as a formula neutralised by a leading `'`.

use crate::model::deep_link;
use crate::select::Selection;
use crate::ExportError;

pub const HEADER: [&str; 15] = [
    "highlight_id",
    "article_id",
    "article",
    "authors",
    "source",
    "published",
    "themes",
    "passage",
    "note",
    "paragraph",
    "start",
    "end",
    "created",
    "modified",
    "link",
];

pub fn write(sel: &Selection) -> Result<Vec<u8>, ExportError> {
    let mut buf = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut buf);
        let err = |e: ::csv::Error| ExportError::Write(format!("csv: {e}"));
        w.write_record(HEADER).map_err(err)?;
        for h in &sel.highlights {
            let Some(a) = sel.model.article(h.article_id) else {
                continue;
            };
            let note = if sel.options.include_notes {
                h.note.as_str()
            } else {
                ""
            };
            let row = [
                h.id.to_string(),
                a.id.to_string(),
                neutralise(&a.title),
                neutralise(&a.authors.join("; ")),
                neutralise(a.source.as_deref().unwrap_or("")),
                neutralise(a.published.as_deref().unwrap_or("")),
                neutralise(&sel.theme_names(h).join("; ")),
                neutralise(&h.exact),
                neutralise(note),
                sel.paragraph_number(h).to_string(),
                h.start.to_string(),
                h.end.to_string(),
                neutralise(&h.created_at),
                neutralise(&h.modified_at),
                deep_link(a.id, h.start, h.end),
            ];
            w.write_record(&row).map_err(err)?;
        }
        w.flush()
            .map_err(|e| ExportError::Write(format!("csv: {e}")))?;
    }
    Ok(buf)
}

/// A cell starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed
/// with `'`, which spreadsheets read as "this is text" (OWASP CSV injection).
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_starts_are_neutralised_and_other_text_is_not() {
        for bad in [
            "=1+1",
            "+SUM(A1)",
            "-2",
            "@cmd",
            "\tx",
            "\rx",
            "=HYPERLINK(\"http://x\")",
        ] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for ok in ["Sora 是什么", "1+1=2", "", " =x", "“=”"] {
            assert_eq!(neutralise(ok), ok);
        }
    }
}
