//! Page labels: the numbers printed on the pages (a journal's "45", a book's
//! "xii"), from the catalog's /PageLabels number tree (PDF 32000-1 §12.4.2).

use pdf_extract::{Dictionary, Document, Object};

/// One label per page; `None` where the PDF defines none.
pub fn page_labels(doc: &Document, n_pages: usize) -> Vec<Option<String>> {
    let mut ranges: Vec<(usize, Range)> = Vec::new();
    if let Some(tree) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"PageLabels").ok())
        .and_then(|o| deref_dict(doc, o))
    {
        collect(doc, tree, &mut ranges, 0);
    }
    ranges.sort_by_key(|(start, _)| *start);
    (0..n_pages)
        .map(|i| {
            let (start, range) = ranges.iter().rev().find(|(s, _)| *s <= i)?;
            Some(range.label(i - start))
        })
        .collect()
}

struct Range {
    style: Option<u8>,
    prefix: String,
    first: i64,
}

impl Range {
    fn label(&self, offset: usize) -> String {
        let n = self.first + offset as i64;
        let number = match self.style {
            Some(b'D') => n.to_string(),
            Some(b'R') => roman(n).to_uppercase(),
            Some(b'r') => roman(n),
            Some(b'A') => letters(n).to_uppercase(),
            Some(b'a') => letters(n),
            _ => String::new(),
        };
        format!("{}{number}", self.prefix)
    }
}

fn deref_dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(o).ok()?.1.as_dict().ok()
}

/// Walk /Nums (and /Kids, depth-limited against cycles).
fn collect(doc: &Document, node: &Dictionary, out: &mut Vec<(usize, Range)>, depth: usize) {
    if depth > 16 || out.len() > 100_000 {
        return;
    }
    if let Ok(nums) = node.get(b"Nums").and_then(|o| o.as_array()) {
        for pair in nums.chunks(2) {
            let [key, value] = pair else { continue };
            let (Ok(start), Some(d)) = (key.as_i64(), deref_dict(doc, value)) else {
                continue;
            };
            let style = d
                .get(b"S")
                .ok()
                .and_then(|s| s.as_name().ok())
                .and_then(|n| n.first().copied());
            let prefix = d
                .get(b"P")
                .ok()
                .and_then(|p| p.as_str().ok())
                .map(super::metadata::text_string)
                .unwrap_or_default();
            let first = d.get(b"St").ok().and_then(|s| s.as_i64().ok()).unwrap_or(1);
            if start >= 0 {
                out.push((
                    start as usize,
                    Range {
                        style,
                        prefix,
                        first,
                    },
                ));
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(|o| o.as_array()) {
        for kid in kids {
            if let Some(d) = deref_dict(doc, kid) {
                collect(doc, d, out, depth + 1);
            }
        }
    }
}

fn roman(mut n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    let table = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut s = String::new();
    for (v, r) in table {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// a..z, then aa..zz, … (the PDF rule).
fn letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let letter = (b'a' + ((n - 1) % 26) as u8) as char;
    letter
        .to_string()
        .repeat(((n - 1) / 26 + 1).min(100) as usize)
}
