//! HTML: the article body only, as text. Navigation, page header/footer,
//! asides, ads, scripts, styles, forms and frames are dropped; `<article>` or
//! `<main>` is preferred, else the element holding the most paragraph text.

use std::collections::HashSet;

use encoding_rs::Encoding;
use scraper::{node::Node, ElementRef, Html, Selector};

use crate::clean::{junk, paragraphs::normalize_line, Kind, Para};
use crate::ImportError;

mod depth;

/// The deepest element nesting accepted (Chromium's parser stops nesting at
/// 512 too); real articles stay far below it.
pub const MAX_DEPTH: usize = 512;
/// The most nesting work accepted: the sum over all elements of their depth,
/// which the parser's cost follows. 2 MB of blocks nested 500 deep (47
/// million) took twice as long as an ordinary 2 MB page (about 3 million);
/// this allows ordinary pages of 10 MB and more.
pub const MAX_NESTING_WORK: u64 = 20_000_000;

/// The charset an HTML file declares in its first bytes (`<meta charset="gbk">`
/// or `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: String = head
        .iter()
        .map(|&b| {
            if b.is_ascii() {
                (b as char).to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let mut from = 0;
    while let Some(p) = lower[from..].find("<meta") {
        let start = from + p;
        let end = lower[start..]
            .find('>')
            .map(|e| start + e)
            .unwrap_or(lower.len());
        let tag = &lower[start..end];
        if let Some(c) = tag.find("charset") {
            let rest = tag[c + "charset".len()..].trim_start();
            if let Some(rest) = rest.strip_prefix('=') {
                let value: String = rest
                    .trim_start()
                    .trim_start_matches(['"', '\''])
                    .chars()
                    .take_while(|c| !matches!(c, '"' | '\'' | ' ' | ';' | '/' | '>'))
                    .collect();
                if let Some(enc) = Encoding::for_label(value.as_bytes()) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

const SKIPPED_TAGS: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "iframe",
    "template", "svg", "button", "select", "textarea", "input", "object", "embed", "canvas",
    "video", "audio", "map", "head", "title", "menu",
];

/// Class/id words that mark page chrome or ads.
const CHROME_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "banner",
    "sponsor",
    "sponsored",
    "promo",
    "share",
    "social",
    "comment",
    "comments",
    "related",
    "recommend",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "nav",
    "navbar",
    "menu",
    "footer",
    "cookie",
    "subscribe",
    "popup",
    "modal",
    "jammer",
    "toolbar",
    "pagination",
    "copyright",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "blockquote",
    "section",
    "article",
    "main",
    "br",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "pre",
    "table",
    "ul",
    "ol",
    "dl",
    "figure",
    "figcaption",
    "center",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "body",
];

/// Tags that are page chrome on the web but content in an EPUB chapter (a
/// chapter's `<header>` holds its title, an `<aside>` its notes).
const BOOK_CONTENT_TAGS: &[&str] = &["header", "footer", "aside"];

fn is_chrome(el: &ElementRef) -> bool {
    is_chrome_in(el, false)
}

/// A footnote or endnote by EPUB 3's structural semantics (`epub:type`) or
/// its ARIA role; a note reference (`noteref`) is not one.
fn is_note(el: &ElementRef) -> bool {
    const TYPES: &[&str] = &[
        "footnote",
        "footnotes",
        "endnote",
        "endnotes",
        "rearnote",
        "rearnotes",
    ];
    const ROLES: &[&str] = &["doc-footnote", "doc-endnote", "doc-endnotes"];
    let v = el.value();
    let typed = v
        .attr("epub:type")
        .is_some_and(|t| t.split_whitespace().any(|w| TYPES.contains(&w)));
    typed || v.attr("role").is_some_and(|r| ROLES.contains(&r))
}

fn is_chrome_in(el: &ElementRef, book: bool) -> bool {
    let v = el.value();
    if SKIPPED_TAGS.contains(&v.name()) && !(book && BOOK_CONTENT_TAGS.contains(&v.name())) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = v.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(
        v.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary")
    ) {
        return true;
    }
    let words = v
        .classes()
        .chain(v.id())
        .flat_map(|c| c.split(['-', '_']))
        .map(|w| w.to_ascii_lowercase());
    let mut found = false;
    for w in words {
        if CHROME_WORDS.contains(&w.as_str()) {
            found = true;
            break;
        }
    }
    found
}

/// Line breaks in HTML source are not text. Like a browser (CSS Text's
/// segment-break rule), a break between two East Asian characters vanishes —
/// `第一行\n第二行` reads `第一行第二行` — and any other becomes a space.
fn collapse_source_line_breaks(s: &str) -> String {
    if !s.contains(['\n', '\r']) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let wide = |c: char| !c.is_ascii() && !c.is_whitespace();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let start = i;
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            let run = &chars[start..i];
            let has_break = run.iter().any(|&c| c == '\n' || c == '\r');
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            if has_break && before.is_some_and(wide) && after.is_some_and(wide) {
                continue;
            }
            out.push(if has_break { ' ' } else { chars[start] });
            out.extend(run.iter().skip(1).filter(|c| !matches!(c, '\n' | '\r')));
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Where an element with a wanted id falls in the paragraphs: the paragraph
/// index, and how many non-space characters of it come before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: String,
    pub para: usize,
    pub chars_before: usize,
}

struct Walker<'a> {
    paras: Vec<Para>,
    current: String,
    /// An EPUB chapter: every `h1`–`h6` is a heading (the book's title comes
    /// from its metadata), and `<header>`/`<aside>` are content.
    book: bool,
    /// Ids whose places are wanted (page-break anchors).
    ids: Option<&'a HashSet<String>>,
    anchors: Vec<Anchor>,
    /// A book's footnotes and endnotes, set aside to be read at the end.
    notes: Vec<Para>,
    /// Whether note elements are set aside (off inside a note, so a note
    /// nested in a note stays with it and the walk never recurses twice).
    divert_notes: bool,
}

impl Walker<'_> {
    fn new(book: bool, ids: Option<&HashSet<String>>) -> Walker<'_> {
        Walker {
            paras: Vec::new(),
            current: String::new(),
            book,
            ids,
            anchors: Vec::new(),
            notes: Vec::new(),
            divert_notes: book,
        }
    }

    /// Walk a note element on its own; its paragraphs become notes. Its own
    /// title ("注释", "Notes") is dropped: the article gets one notes heading.
    fn set_aside(&mut self, note: ElementRef) {
        self.flush(Kind::Body);
        let mut inner = Walker::new(true, None);
        inner.divert_notes = false;
        inner.walk(note);
        inner.flush(Kind::Body);
        self.notes
            .extend(inner.paras.into_iter().filter(|p| p.kind == Kind::Body));
    }

    /// Record the place of `el` if its id is wanted: the paragraph being
    /// collected (the next one pushed), after the text collected so far.
    fn mark(&mut self, el: &ElementRef) {
        let (Some(ids), Some(id)) = (self.ids, el.value().id()) else {
            return;
        };
        if ids.contains(id) {
            self.anchors.push(Anchor {
                id: id.to_string(),
                para: self.paras.len(),
                chars_before: self.current.chars().filter(|c| !c.is_whitespace()).count(),
            });
        }
    }

    /// Record the wanted ids inside a heading (read as one piece of text).
    fn mark_inside(&mut self, el: &ElementRef) {
        let Some(ids) = self.ids else {
            return;
        };
        let mut before = 0;
        for node in el.descendants().skip(1) {
            match node.value() {
                Node::Text(t) => before += t.chars().filter(|c| !c.is_whitespace()).count(),
                Node::Element(e) => {
                    if let Some(id) = e.id().filter(|id| ids.contains(*id)) {
                        self.anchors.push(Anchor {
                            id: id.to_string(),
                            para: self.paras.len(),
                            chars_before: before,
                        });
                    }
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self, kind: Kind) {
        let text = normalize_line(&collapse_source_line_breaks(&self.current));
        self.current.clear();
        if text.is_empty() {
            return;
        }
        let text = if kind == Kind::Body {
            junk::strip_junk(&text).0
        } else {
            text
        };
        if !text.is_empty() {
            self.paras.push(Para { text, kind });
        }
    }

    /// Depth-first over `el`'s subtree with an explicit stack: a page nested
    /// thousands deep must not exhaust the thread's stack.
    fn walk(&mut self, el: ElementRef) {
        // Generic so the tree's node type need not be named (scraper does not
        // re-export ego_tree).
        enum Step<N> {
            Visit(N),
            /// The end of a block element: its text is a paragraph.
            EndBlock,
        }
        let mut stack: Vec<Step<_>> = el.children().rev().map(Step::Visit).collect();
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::EndBlock => {
                    self.flush(Kind::Body);
                    continue;
                }
                Step::Visit(node) => node,
            };
            match node.value() {
                Node::Text(t) => self.current.push_str(t),
                Node::Element(_) => {
                    let Some(child_el) = ElementRef::wrap(node) else {
                        continue;
                    };
                    if is_chrome_in(&child_el, self.book) {
                        continue;
                    }
                    if self.divert_notes && is_note(&child_el) {
                        self.set_aside(child_el);
                        continue;
                    }
                    let name = child_el.value().name();
                    let heading = match name {
                        "h1" if !self.book => Some(Kind::Title),
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(Kind::Heading),
                        _ => None,
                    };
                    if let Some(kind) = heading {
                        self.flush(Kind::Body);
                        self.mark(&child_el);
                        self.mark_inside(&child_el);
                        let text: String = child_el.text().collect();
                        self.current = text;
                        self.flush(kind);
                        continue;
                    }
                    if BLOCK_TAGS.contains(&name) {
                        self.flush(Kind::Body);
                        stack.push(Step::EndBlock);
                    }
                    self.mark(&child_el);
                    stack.extend(node.children().rev().map(Step::Visit));
                }
                _ => {}
            }
        }
    }
}

/// Text length of an element's direct `<p>` children.
fn paragraph_text_len(el: &ElementRef) -> usize {
    el.child_elements()
        .filter(|c| c.value().name() == "p" && !is_chrome(c))
        .map(|p| p.text().map(|t| t.trim().chars().count()).sum::<usize>())
        .sum()
}

fn text_len(el: &ElementRef) -> usize {
    el.text().map(|t| t.trim().chars().count()).sum()
}

/// `影视产业新视角 - 某某网` → `影视产业新视角`: a `<title>` usually appends
/// the site's name after a separator; the headline is the first part.
fn strip_site_name(title: &str) -> String {
    for sep in [" - ", " | ", " – ", " — ", "_", "｜"] {
        if let Some((head, _)) = title.split_once(sep) {
            if head.trim().chars().count() >= 4 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Extract the paragraphs of the main content. The first paragraph is the
/// title (kind `Title`) when the page has one. A page nested deeper than
/// [`MAX_DEPTH`], or with more than [`MAX_NESTING_WORK`], is refused before
/// it is parsed.
pub fn extract(html: &str) -> Result<Vec<Para>, ImportError> {
    if depth::nests_too_deep(html, MAX_DEPTH, MAX_NESTING_WORK) {
        return Err(ImportError::TooDeep { limit: MAX_DEPTH });
    }
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).expect("static selector");
    let root = doc.root_element();

    let main = doc
        .select(&sel("article, main, [role=main]"))
        .filter(|e| !is_chrome(e))
        .max_by_key(text_len)
        .or_else(|| {
            root.descendent_elements()
                .filter(|e| !is_chrome(e))
                .max_by_key(paragraph_text_len)
                .filter(|e| paragraph_text_len(e) > 0)
        })
        .or_else(|| doc.select(&sel("body")).next())
        .unwrap_or(root);

    let mut walker = Walker::new(false, None);
    walker.walk(main);
    walker.flush(Kind::Body);
    let mut paras = walker.paras;

    // One title: the first <h1> inside the content, else anywhere, else <title>.
    let first_title = paras.iter().position(|p| p.kind == Kind::Title);
    for p in paras.iter_mut().skip(first_title.map_or(0, |i| i + 1)) {
        if p.kind == Kind::Title {
            p.kind = Kind::Heading;
        }
    }
    match first_title {
        Some(i) => {
            let t = paras.remove(i);
            paras.insert(0, t);
        }
        None => {
            let title = doc
                .select(&sel("h1"))
                .map(|h| normalize_line(&h.text().collect::<String>()))
                .find(|t| !t.is_empty())
                .or_else(|| {
                    doc.select(&sel("title"))
                        .map(|t| strip_site_name(&normalize_line(&t.text().collect::<String>())))
                        .find(|t| !t.is_empty())
                });
            if let Some(t) = title {
                paras.insert(
                    0,
                    Para {
                        text: t,
                        kind: Kind::Title,
                    },
                );
            }
        }
    }
    Ok(paras)
}

/// An EPUB chapter: its running text, where the wanted ids fall in it, and
/// its footnotes and endnotes, which are read at the end of the book.
pub struct Chapter {
    pub paras: Vec<Para>,
    pub anchors: Vec<Anchor>,
    pub notes: Vec<Para>,
}

/// An EPUB chapter (XHTML): the paragraphs of its whole body, every heading
/// a heading, and where the elements with the wanted `ids` fall.
pub fn extract_chapter(xhtml: &str, ids: &HashSet<String>) -> Result<Chapter, ImportError> {
    let html = expand_self_closing(xhtml);
    if depth::nests_too_deep(&html, MAX_DEPTH, MAX_NESTING_WORK) {
        return Err(ImportError::TooDeep { limit: MAX_DEPTH });
    }
    let doc = Html::parse_document(&html);
    let body = doc
        .select(&Selector::parse("body").expect("static selector"))
        .next()
        .unwrap_or(doc.root_element());
    let mut walker = Walker::new(true, Some(ids));
    walker.walk(body);
    walker.flush(Kind::Body);
    Ok(Chapter {
        paras: walker.paras,
        anchors: walker.anchors,
        notes: walker.notes,
    })
}

/// Elements that are empty in HTML anyway.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

/// XHTML's `<span id="p12"/>` or `<title/>` is an open tag to an HTML
/// parser, which would swallow what follows into it (all of the body, for
/// `<title/>`): write them as an empty pair.
fn expand_self_closing(xhtml: &str) -> String {
    let mut out = String::with_capacity(xhtml.len() + 64);
    let mut rest = xhtml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let starts_tag = rest[1..].starts_with(|c: char| c.is_ascii_alphabetic());
        // The tag's end: the first '>' outside quotes.
        let mut quote: Option<char> = None;
        let end = rest
            .char_indices()
            .skip(1)
            .find_map(|(i, c)| match (quote, c) {
                (Some(q), c) if c == q => {
                    quote = None;
                    None
                }
                (Some(_), _) => None,
                (None, '"' | '\'') => {
                    quote = Some(c);
                    None
                }
                (None, '>') => Some(i),
                _ => None,
            });
        let Some(end) = end.filter(|_| starts_tag) else {
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[..=end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_'))
            .collect();
        let local = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
        if tag.ends_with("/>") && !VOID.contains(&local.as_str()) {
            out.push_str(&tag[..tag.len() - 2]);
            out.push_str("></");
            out.push_str(&name);
            out.push('>');
        } else {
            out.push_str(tag);
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_line_breaks() {
        assert_eq!(
            collapse_source_line_breaks("第一行\n  第二行"),
            "第一行第二行"
        );
        assert_eq!(
            collapse_source_line_breaks("使用\nSora 生成"),
            "使用 Sora 生成"
        );
        assert_eq!(collapse_source_line_breaks("无换行 文本"), "无换行 文本");
    }

    #[test]
    fn self_closing_tags_are_closed() {
        assert_eq!(
            expand_self_closing("<title/><p>a<span id=\"p2\"/>b<br/></p>"),
            "<title></title><p>a<span id=\"p2\"></span>b<br/></p>"
        );
        assert_eq!(
            expand_self_closing("a < b <!-- c/> -->"),
            "a < b <!-- c/> -->"
        );
    }

    #[test]
    fn chapter_anchors_fall_in_their_paragraphs() {
        let ids: HashSet<String> = ["p1", "p2"].iter().map(|s| s.to_string()).collect();
        let Chapter { paras, anchors, .. } = extract_chapter(
            "<html><head><title/></head><body><section><header><h1 id=\"p1\">第一章</h1></header>\
             <p>前面的话<span id=\"p2\"/>后面的话</p></section></body></html>",
            &ids,
        )
        .unwrap();
        assert_eq!(
            paras,
            vec![Para::heading("第一章"), Para::body("前面的话后面的话")]
        );
        assert_eq!(
            anchors[0],
            Anchor {
                id: "p1".into(),
                para: 0,
                chars_before: 0
            }
        );
        assert_eq!(
            anchors[1],
            Anchor {
                id: "p2".into(),
                para: 1,
                chars_before: 4
            }
        );
    }

    #[test]
    fn site_name_leaves_the_title() {
        assert_eq!(strip_site_name("影视产业新视角 - 某某网"), "影视产业新视角");
        assert_eq!(
            strip_site_name("天津开展院线电影版权保护专项工作_新闻中心_某某网"),
            "天津开展院线电影版权保护专项工作"
        );
        assert_eq!(strip_site_name("AI - 综述"), "AI - 综述");
    }

    #[test]
    fn charset_from_meta() {
        assert_eq!(
            declared_charset(b"<html><head><meta charset=\"gbk\">").map(|e| e.name()),
            Some("GBK")
        );
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">"
            )
            .map(|e| e.name()),
            Some("Big5")
        );
        assert_eq!(declared_charset(b"<html><body>no meta</body></html>"), None);
    }
}
