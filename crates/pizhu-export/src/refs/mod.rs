//! References out: the library's items as CSL-JSON, BibLaTeX or RIS, so a
//! reference manager gets the same items Pizhu holds. Pure: items in, text out.
//! The readers are `pizhu_import::refs`; `tests/refs_roundtrip.rs` checks that
//! out and back in loses no field.

use pizhu_core::reference::{PartialDate, Reference};

use crate::{Format, Selection};

pub mod bibtex;
pub mod csl_json;
pub mod ris;

/// One item to write: its title, its reference, and a stable id for keys.
#[derive(Debug, Clone, Copy)]
pub struct RefItem<'a> {
    pub id: i64,
    pub title: &'a str,
    pub reference: &'a Reference,
}

/// ISO form of a partial date: `2020`, `2020-03`, `2020-03-15`.
pub(crate) fn iso_date(d: &PartialDate) -> String {
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{:04}-{m:02}-{day:02}", d.year),
        (Some(m), None) => format!("{:04}-{m:02}", d.year),
        _ => format!("{:04}", d.year),
    }
}

/// The selection's articles (the library, a theme's, one article, or those of
/// the selected passages) in a reference format.
pub fn write_selection(sel: &Selection, format: Format) -> Vec<u8> {
    let items: Vec<RefItem> = sel
        .articles
        .iter()
        .map(|a| RefItem {
            id: a.id,
            title: &a.title,
            reference: &a.reference,
        })
        .collect();
    let text = match format {
        Format::CslJson => csl_json::write(&items),
        Format::Bibtex => bibtex::write(&items),
        _ => ris::write(&items),
    };
    text.into_bytes()
}
