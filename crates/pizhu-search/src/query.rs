//! The query language a person guesses.
//!
//! - words separated by spaces must all match: `门槛 爷叔`;
//! - a run typed without spaces is segmented exactly like the text, whatever
//!   scripts it mixes, and its words must all match as if the user had typed the
//!   spaces (`人工智能电影`, `AI版权`, `sora视频`); passages where they stand
//!   together as typed rank first;
//! - `"quoted text"` is a phrase (spaces and punctuation inside are ignored, the
//!   words must be adjacent); “中文引号” and ＂全角引号＂ work too;
//! - `-word` / `-"a phrase"` excludes (an unquoted `-run` excludes the words
//!   together, so `-人工智能电影` does not drop every mention of 人工智能);
//! - `theme:名称`, `author:名字`, `article:12` filter (also `主题:`, `作者:`,
//!   `文章:`; a full-width colon works). A value with spaces can be quoted:
//!   `theme:"Human machine"`.
//!
//! Everything is normalised like the text (full-width, case, traditional).

use crate::normalize::normalize;
use crate::segment::Segmenter;

/// A sequence of index terms at fixed code-point offsets from the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// (offset in code points from the phrase start, normalised term)
    pub terms: Vec<(usize, String)>,
    /// Length of the whole phrase in code points (first term start → last term end).
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    Theme(String),
    Author(String),
    Article(i64),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Each must match (a word, or a quoted phrase).
    pub required: Vec<Phrase>,
    /// Unquoted runs of several words: matches where they stand together as
    /// typed rank first, but are not required.
    pub together: Vec<Phrase>,
    pub excluded: Vec<Phrase>,
    pub filters: Vec<Filter>,
}

impl ParsedQuery {
    pub fn is_empty(&self) -> bool {
        self.required.is_empty() && self.excluded.is_empty() && self.filters.is_empty()
    }

    /// One index term and nothing else: the query tantivy can answer top-k by
    /// block-max WAND, skipping documents that cannot make the top.
    pub fn is_single_word(&self) -> bool {
        matches!(self.required.as_slice(), [p] if p.terms.len() == 1)
            && self.together.is_empty()
            && self.excluded.is_empty()
            && self.filters.is_empty()
    }
}

/// A parse error a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(pub String);

/// Turn one chunk of query text into a phrase of index terms, or `None` when it
/// holds nothing searchable (only punctuation or spaces).
pub fn phrase_of(text: &str) -> Option<Phrase> {
    let text = collapse_spaces(text);
    let words = Segmenter::global().cut(&text);
    let mut terms = Vec::new();
    let mut first = None;
    let mut end = 0;
    for w in words {
        if !w.text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let base = *first.get_or_insert(w.start);
        terms.push((w.start - base, normalize(w.text)));
        end = w.end - base;
    }
    (!terms.is_empty()).then_some(Phrase { terms, len: end })
}

/// Offsets make spacing significant, and Chinese text has no spaces between
/// words: drop whitespace next to a non-ASCII character, make other runs one space.
fn collapse_spaces(text: &str) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let before = chars[start - 1];
            let after = chars.get(i).copied().unwrap_or(' ');
            if before.is_ascii() && after.is_ascii() {
                out.push(' ');
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

struct Chunk {
    negated: bool,
    /// Some of it was in quotes: a phrase.
    quoted: bool,
    field: Option<String>,
    text: String,
}

/// Split on whitespace outside quotes; recognise `-` and `field:`.
fn chunks(query: &str) -> Vec<Chunk> {
    // Chinese and full-width quotes behave like ASCII ones.
    let q: String = query
        .chars()
        .map(|c| match c {
            '“' | '”' | '＂' | '「' | '」' => '"',
            '：' => ':',
            '－' => '-',
            c => c,
        })
        .collect();
    let mut out = Vec::new();
    let mut chars = q.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut negated = false;
        if chars.peek() == Some(&'-') {
            negated = true;
            chars.next();
        }
        let mut raw = String::new();
        let mut field = None;
        let mut in_quotes = false;
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() && !in_quotes {
                break;
            }
            chars.next();
            if c == '"' {
                in_quotes = !in_quotes;
                quoted = true;
                continue;
            }
            if c == ':' && !in_quotes && field.is_none() {
                let name = raw.trim().to_lowercase();
                let canonical = match name.as_str() {
                    "theme" | "主题" | "主題" => Some("theme"),
                    "author" | "作者" => Some("author"),
                    "article" | "文章" => Some("article"),
                    _ => None,
                };
                if let Some(f) = canonical {
                    field = Some(f.to_string());
                    raw.clear();
                    continue;
                }
            }
            raw.push(c);
        }
        out.push(Chunk {
            negated,
            quoted,
            field,
            text: raw,
        });
    }
    out
}

/// Parse a query. Unknown `field:` prefixes are searched as text.
pub fn parse(query: &str) -> Result<ParsedQuery, QueryError> {
    let mut parsed = ParsedQuery::default();
    for chunk in chunks(query) {
        match chunk.field.as_deref() {
            Some(field) => {
                let value = chunk.text.trim();
                if value.is_empty() {
                    return Err(QueryError(format!("{field}: needs a value")));
                }
                if chunk.negated {
                    return Err(QueryError(format!(
                        "-{field}: is not supported; filters only narrow a search"
                    )));
                }
                let filter = match field {
                    "theme" => Filter::Theme(value.to_string()),
                    "author" => Filter::Author(normalize(value)),
                    _ => Filter::Article(value.parse().map_err(|_| {
                        QueryError(format!("article:{value} is not an article number"))
                    })?),
                };
                parsed.filters.push(filter);
            }
            None => {
                let Some(phrase) = phrase_of(&chunk.text) else {
                    continue;
                };
                if chunk.negated {
                    parsed.excluded.push(phrase);
                } else if chunk.quoted || phrase.terms.len() == 1 {
                    parsed.required.push(phrase);
                } else {
                    // As if typed with spaces: every word required, once.
                    for (_, term) in &phrase.terms {
                        let word = Phrase {
                            terms: vec![(0, term.clone())],
                            len: term.chars().count(),
                        };
                        if !parsed.required.contains(&word) {
                            parsed.required.push(word);
                        }
                    }
                    parsed.together.push(phrase);
                }
            }
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(p: &Phrase) -> Vec<(usize, &str)> {
        p.terms.iter().map(|(o, t)| (*o, t.as_str())).collect()
    }

    #[test]
    fn words_phrases_exclusions_and_filters() {
        let q = parse(r#"门槛 "人民 生活" -爷叔 theme:人机共生 author:Ｌｉ article:7"#).unwrap();
        assert_eq!(q.required.len(), 2);
        assert_eq!(terms(&q.required[0]), [(0, "门槛")]);
        assert_eq!(
            terms(&q.required[1]),
            [(0, "人民"), (2, "生活")],
            "spaces between Chinese words are dropped"
        );
        assert_eq!(q.excluded.len(), 1);
        assert_eq!(
            q.filters,
            [
                Filter::Theme("人机共生".into()),
                Filter::Author("li".into()),
                Filter::Article(7)
            ]
        );
    }

    #[test]
    fn an_unspaced_run_requires_its_words_and_prefers_them_together() {
        for (query, words) in [
            ("人工智能电影", vec!["人工智能", "电影"]),
            ("AI版权", vec!["ai", "版权"]),
            ("sora视频", vec!["sora", "视频"]),
        ] {
            let q = parse(query).unwrap();
            let required: Vec<&str> = q.required.iter().map(|p| p.terms[0].1.as_str()).collect();
            assert_eq!(required, words, "{query}");
            assert!(q.required.iter().all(|p| p.terms.len() == 1), "{query}");
            assert_eq!(q.together.len(), 1, "{query}");
            assert_eq!(q.together[0].terms.len(), words.len(), "{query}");
        }
        let quoted = parse("\"人工智能电影\"").unwrap();
        assert_eq!(quoted.required.len(), 1, "quotes make a phrase");
        assert_eq!(quoted.required[0].terms.len(), 2);
        assert!(quoted.together.is_empty());
    }

    #[test]
    fn chinese_quotes_and_full_width_colon_work() {
        let q = parse("“人民生活” 主题：科技").unwrap();
        assert_eq!(terms(&q.required[0]), [(0, "人民"), (2, "生活")]);
        assert_eq!(q.filters, [Filter::Theme("科技".into())]);
    }

    #[test]
    fn unknown_fields_are_text_and_bad_ids_are_errors() {
        let q = parse("http://x").unwrap();
        assert!(!q.required.is_empty());
        assert!(parse("article:abc").is_err());
        assert!(parse("theme:").is_err());
        assert!(parse("，。！").unwrap().is_empty());
        let english = parse(r#""open   source""#).unwrap();
        assert_eq!(terms(&english.required[0]), [(0, "open"), (5, "source")]);
    }
}
