//! The formats Pizhu writes: the one list of their names, file extensions and
//! MIME types. The API's `format` argument, the CLI's `--format` and the UI's
//! generated `formats.generated.ts` (checked by `tests/ui_formats.rs`) all read it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An export format. In JSON and on the command line it is its [`Format::name`]
/// (`md`, `html`, `docx`, `csv`, `w3c`, `qdpx`, `anki`, `csl-json`, `bibtex`, `ris`); JSON also takes a few spelled-out
/// aliases in any case (`Markdown`, `word`, `jsonld`, `refi-qda`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    #[cfg_attr(feature = "clap", value(name = "md"))]
    Markdown,
    Html,
    Docx,
    Csv,
    W3c,
    Qdpx,
    /// An Anki package (`.apkg`) of the daily review's cards.
    Anki,
    /// References only, for a reference manager (CSL-JSON, BibLaTeX, RIS).
    #[cfg_attr(feature = "clap", value(name = "csl-json"))]
    CslJson,
    Bibtex,
    Ris,
}

impl Format {
    pub const ALL: [Format; 10] = [
        Format::Markdown,
        Format::Html,
        Format::Docx,
        Format::Csv,
        Format::W3c,
        Format::Qdpx,
        Format::Anki,
        Format::CslJson,
        Format::Bibtex,
        Format::Ris,
    ];

    /// `md`, `html`, `docx`, `csv`, `w3c`, `qdpx`, `csl-json`, `bibtex`, `ris` (plus a few spelled-out aliases).
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "docx" | "word" => Format::Docx,
            "csv" => Format::Csv,
            "w3c" | "jsonld" | "json" => Format::W3c,
            "qdpx" | "refi" | "refi-qda" => Format::Qdpx,
            "anki" | "apkg" => Format::Anki,
            "csl-json" | "csljson" | "csl" => Format::CslJson,
            "bibtex" | "bib" | "biblatex" => Format::Bibtex,
            "ris" => Format::Ris,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Csv => "csv",
            Format::W3c => "w3c",
            Format::Qdpx => "qdpx",
            Format::Anki => "anki",
            Format::CslJson => "csl-json",
            Format::Bibtex => "bibtex",
            Format::Ris => "ris",
        }
    }

    /// Whether the format carries only the articles' references (no passages).
    pub fn is_references(self) -> bool {
        matches!(self, Format::CslJson | Format::Bibtex | Format::Ris)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::W3c => "jsonld",
            Format::Anki => "apkg",
            Format::CslJson => "json",
            Format::Bibtex => "bib",
            other => other.name(),
        }
    }

    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Csv => "text/csv; charset=utf-8",
            Format::W3c => "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"",
            Format::Qdpx => "application/zip",
            Format::Anki => "application/apkg",
            Format::CslJson => "application/vnd.citationstyles.csl+json",
            Format::Bibtex => "application/x-bibtex; charset=utf-8",
            Format::Ris => "application/x-research-info-systems; charset=utf-8",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Format::parse(s).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format {s:?}: use {}", names.join(", "))
        })
    }
}

impl TryFrom<String> for Format {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<Format> for &'static str {
    fn from(f: Format) -> Self {
        f.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_parse_and_names_round_trip_through_json() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()), Some(f));
            let json = serde_json::to_value(f).unwrap();
            assert_eq!(json, f.name());
            assert_eq!(serde_json::from_value::<Format>(json).unwrap(), f);
        }
        assert_eq!(
            serde_json::from_str::<Format>("\"Markdown\"").unwrap(),
            Format::Markdown
        );
        let err = serde_json::from_str::<Format>("\"pdf\"").unwrap_err();
        assert!(err.to_string().contains("unknown format \"pdf\""), "{err}");
    }
}
