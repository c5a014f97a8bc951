//! Metadata: the Info dictionary, the labelled blocks of a Chinese journal
//! paper's first page (题名, 作者, 单位, 摘要, 关键词, DOI, 中图分类号 …, kept
//! out of the body) and the CNKI file name `题名_作者.pdf` as a fallback.

use pdf_extract::{Document, Object};

/// What the PDF says about itself.
#[derive(Debug, Default, Clone)]
pub struct Info {
    pub title: Option<String>,
    pub author: Option<String>,
    pub keywords: Option<String>,
}

/// Read the Info dictionary (strings in PDFDocEncoding or UTF-16BE).
pub fn info(doc: &Document) -> Info {
    let dict = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok());
    let Some(dict) = dict else {
        return Info::default();
    };
    let field = |key: &[u8]| {
        dict.get(key)
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| match o {
                Object::String(bytes, _) => Some(text_string(bytes)),
                _ => None,
            })
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Info {
        title: field(b"Title").filter(|t| !is_junk_title(t)),
        author: field(b"Author"),
        keywords: field(b"Keywords"),
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, UTF-8 with one, else
/// PDFDocEncoding (Latin-1 for everything that matters here).
pub fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| b as char).collect()
}

/// Titles producers write for you: file names, "untitled", "Microsoft Word - x.doc".
fn is_junk_title(t: &str) -> bool {
    let l = t.to_ascii_lowercase();
    l == "untitled"
        || l.starts_with("microsoft word")
        || l.ends_with(".doc")
        || l.ends_with(".docx")
        || l.ends_with(".pdf")
        || l.ends_with(".html")
        || l.ends_with(".caj")
}

/// The labels of a journal paper's first page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Abstract,
    Keywords,
    Doi,
    Classification,
    DocumentCode,
    ArticleNumber,
    Funding,
    AuthorNote,
    Received,
}

const LABELS: &[(&str, Label)] = &[
    ("摘要", Label::Abstract),
    ("摘 要", Label::Abstract),
    ("提要", Label::Abstract),
    ("内容提要", Label::Abstract),
    ("关键词", Label::Keywords),
    ("关键字", Label::Keywords),
    ("DOI", Label::Doi),
    ("doi", Label::Doi),
    ("中图分类号", Label::Classification),
    ("文献标识码", Label::DocumentCode),
    ("文献标志码", Label::DocumentCode),
    ("文章编号", Label::ArticleNumber),
    ("基金项目", Label::Funding),
    ("作者简介", Label::AuthorNote),
    ("收稿日期", Label::Received),
];

/// A label at the start of `text` followed by a colon: (label, rest).
pub fn label_at_start(text: &str) -> Option<(Label, &str)> {
    let t = text.trim_start_matches(['[', '【']);
    for (name, label) in LABELS {
        if let Some(rest) = t.strip_prefix(name) {
            let rest = rest.trim_start_matches([']', '】', ' ', '\u{3000}']);
            if let Some(value) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) {
                return Some((*label, value));
            }
        }
    }
    None
}

/// Split a block holding several labels ("中图分类号：J90 文献标识码：A") into
/// (label, value) pairs; `None` when it does not start with a label.
pub fn labelled_fields(text: &str) -> Option<Vec<(Label, String)>> {
    label_at_start(text)?;
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((label, after)) = label_at_start(rest) {
        // The value runs to the next label preceded by a space.
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            if (c == ' ' || c == '\u{3000}') && label_at_start(after[i..].trim_start()).is_some() {
                end = i;
                break;
            }
        }
        out.push((label, after[..end].trim().to_string()));
        rest = after[end..].trim_start();
    }
    Some(out)
}

/// Keywords split on the separators journals use.
pub fn split_keywords(s: &str) -> Vec<String> {
    s.split(['；', ';', '，', ',', '、'])
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

/// A byline: short, no sentence punctuation, names split on separators.
pub fn byline_authors(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if t.chars().count() > 40 || t.contains(['。', '：', ':', '（', '(']) {
        return None;
    }
    let names: Vec<String> = t
        .split(['，', ',', '、', ' ', '\u{3000}', ';', '；'])
        .map(|n| {
            n.trim_matches(|c: char| c.is_ascii_digit() || c == '*')
                .to_string()
        })
        .filter(|n| !n.is_empty())
        .collect();
    let plausible = !names.is_empty()
        && names
            .iter()
            .all(|n| (2..=4).contains(&n.chars().count()) && n.chars().all(super::lines::is_cjk));
    plausible.then_some(names)
}

/// An affiliation line: wholly in parentheses (（北京大学 中文系，北京 100871）).
pub fn is_affiliation(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'))
}

/// CNKI names downloads `题名_作者.pdf` (also `.caj`): (title, authors).
pub fn from_file_name(name: &str) -> Option<(String, Vec<String>)> {
    let stem = std::path::Path::new(name).file_stem()?.to_string_lossy();
    let (title, authors) = stem.rsplit_once('_')?;
    let title = title.trim();
    if title.is_empty() || !title.chars().any(super::lines::is_cjk) {
        return None;
    }
    let authors = authors
        .split([',', '，', '、', ';'])
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    Some((title.to_string(), authors))
}
