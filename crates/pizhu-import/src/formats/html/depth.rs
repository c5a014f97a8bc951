//! How deep an HTML document nests, measured on the raw text before parsing.
//!
//! The HTML parser's cost grows with nesting (100,000 nested `<div>` took over a
//! minute of CPU) and a hostile page can nest arbitrarily deep, so the depth is
//! checked first with this cheap linear scan. It follows the parser closely
//! enough for real pages: elements whose end tag is optional or that cannot
//! have content are not counted, and an end tag closes everything opened
//! inside its element, as the parser does; a stray end tag is ignored.

/// Elements that never nest on their own (void elements, and those whose end
/// tag may be left out: a new `<p>` or `<li>` closes the previous one).
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound", "p", "li", "dt", "dd", "tr", "td",
    "th", "option", "optgroup", "rb", "rt", "rtc", "rp", "tbody", "thead", "tfoot", "colgroup",
    "caption", "html", "head", "body",
];

/// Elements whose content is raw text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Whether `html` nests elements deeper than `limit`. Stops scanning as soon
/// as the limit is passed, so the work is linear in the input and the memory
/// bounded by `limit`.
pub fn nests_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // How many of `open` are <svg> or <math> (foreign content).
    let mut foreign = 0usize;
    let mut i = 0;
    while let Some(p) = find(bytes, i, b"<") {
        i = p + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if rest.first().is_some_and(|&b| b == b'!' || b == b'?') {
            i = find(bytes, i, b">").map_or(bytes.len(), |e| e + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name = tag_name(&bytes[name_start..]);
        if name.is_empty() {
            continue; // a literal `<`
        }
        let end = tag_end(bytes, name_start + name.len());
        let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
        i = (end + 1).min(bytes.len());
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                foreign -= open[at..].iter().filter(|n| is_foreign_root(n)).count();
                open.truncate(at);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ignore_case(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        // `<div/>` does not close in HTML, only inside SVG and MathML.
        if (self_closing && foreign > 0) || NOT_COUNTED.contains(&name.as_str()) {
            continue;
        }
        foreign += usize::from(is_foreign_root(&name));
        open.push(name);
        if open.len() > limit {
            return true;
        }
    }
    false
}

fn is_foreign_root(name: &str) -> bool {
    name == "svg" || name == "math"
}

/// The lower-cased tag name at the start of `rest` (empty if it is not a tag).
fn tag_name(rest: &[u8]) -> String {
    if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
        return String::new();
    }
    rest.iter()
        .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>'))
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// Index of the `>` that ends a tag whose attributes start at `from` (quoted
/// attribute values may hold `>`), or the end of the input.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (k, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return k,
            None => {}
        }
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_real_nesting() {
        let page = "<div><section><span>a</span></section></div>";
        assert!(!nests_deeper_than(page, 3));
        assert!(nests_deeper_than(page, 2));
    }

    #[test]
    fn optional_end_tags_and_void_elements_do_not_nest() {
        let page = "<div>".to_string() + &"<p>段落<br><img src=x>".repeat(1000) + "</div>";
        assert!(!nests_deeper_than(&page, 2));
        let list = "<ul>".to_string() + &"<li>一项".repeat(1000) + "</ul>";
        assert!(!nests_deeper_than(&list, 2));
    }

    #[test]
    fn an_end_tag_closes_what_was_left_open_inside() {
        let sloppy = "<div><span>没有关闭的 span</div>".repeat(1000);
        assert!(!nests_deeper_than(&sloppy, 2));
        let stray = "</span></b>".repeat(100) + "<div>x</div>";
        assert!(!nests_deeper_than(&stray, 1));
    }

    #[test]
    fn comments_scripts_and_quoted_brackets_are_not_tags() {
        let page = format!(
            "<!-- {} --><script>{}</script><div title=\"a>b\">x</div>",
            "<div>".repeat(100),
            "if (a<b) { s = '<div><div>'; }"
        );
        assert!(!nests_deeper_than(&page, 1));
    }

    #[test]
    fn a_slash_closes_only_inside_svg() {
        assert!(nests_deeper_than(&"<div/>".repeat(10), 5));
        let icons = "<svg>".to_string() + &"<path d=\"M0\"/>".repeat(100) + "</svg>";
        assert!(!nests_deeper_than(&icons, 2));
    }

    #[test]
    fn deep_nesting_is_found() {
        let deep = "<span>".repeat(600);
        assert!(nests_deeper_than(&deep, 512));
        assert!(!nests_deeper_than(&deep, 600));
    }
}
