//! The review history as CSV: one row per grade, UTF-8 with a BOM (so Excel
//! shows Chinese), cells a spreadsheet would evaluate neutralised like the
//! highlight CSV's.

use pizhu_core::review::HistoryRow;

use crate::ExportError;

pub const HEADER: [&str; 11] = [
    "reviewed_at",
    "card_id",
    "highlight_id",
    "article",
    "passage",
    "kind",
    "grade",
    "state_before",
    "interval_days",
    "stability",
    "difficulty",
];

pub fn write(rows: &[HistoryRow]) -> Result<String, ExportError> {
    let mut buf = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(&mut buf);
        let err = |e: ::csv::Error| ExportError::Write(format!("csv: {e}"));
        w.write_record(HEADER).map_err(err)?;
        for r in rows {
            w.write_record([
                r.reviewed_at.clone(),
                r.card_id.to_string(),
                r.highlight_id.to_string(),
                crate::csv::neutralise(&r.article_title),
                crate::csv::neutralise(&r.passage),
                r.kind.clone(),
                r.grade.name().to_string(),
                r.state.clone(),
                r.scheduled_days.to_string(),
                format!("{:.4}", r.stability),
                format!("{:.4}", r.difficulty),
            ])
            .map_err(err)?;
        }
        w.flush()
            .map_err(|e| ExportError::Write(format!("csv: {e}")))?;
    }
    String::from_utf8(buf).map_err(|e| ExportError::Write(format!("csv: {e}")))
}
