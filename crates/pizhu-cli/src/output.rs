//! Printing: `--json` prints the API's JSON as it is; otherwise short human text.

use std::borrow::Cow;

use serde_json::Value;

pub fn json(v: &Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(v).expect("a Value always serialises")
    );
}

pub fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Library text made safe for a terminal: control characters (an escape
/// sequence stored by an older import, a bidi override) are shown as `\u{1b}`
/// instead of being obeyed.
pub fn safe(s: &str) -> Cow<'_, str> {
    let escaped = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if escaped(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`str_field`] made safe for a terminal, for human-readable output.
pub fn text_field<'a>(v: &'a Value, key: &str) -> Cow<'a, str> {
    safe(str_field(v, key))
}

pub fn authors(v: &Value) -> String {
    v.get("authors")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(safe)
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(safe("\u{1b}[2J标题\u{7}"), "\\u{1b}[2J标题\\u{7}");
        assert_eq!(safe("文件\u{202e}txt"), "文件\\u{202e}txt");
        assert_eq!(safe("普通\t标题"), "普通\t标题");
    }
}

/// "1 highlight", "3 highlights": `n` (a JSON number) with the noun in the
/// right number; `plural` is the noun's plural.
pub fn count(n: &Value, singular: &str, plural: &str) -> String {
    match n.as_i64() {
        Some(1) => format!("1 {singular}"),
        Some(n) => format!("{n} {plural}"),
        None => format!("{n} {plural}"),
    }
}

#[cfg(test)]
mod count_tests {
    use super::count;
    use serde_json::json;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(&json!(1), "highlight", "highlights"), "1 highlight");
        assert_eq!(count(&json!(0), "highlight", "highlights"), "0 highlights");
        assert_eq!(count(&json!(2), "article", "articles"), "2 articles");
    }
}
