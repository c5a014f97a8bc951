//! Printed page labels: the EPUB 3 navigation document's
//! `<nav epub:type="page-list">`, else the EPUB 2 NCX's `<pageList>`.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::package::{attr, resolve};

/// One printed page: its label and where it begins (a part of the zip and
/// an element id in it; no id means the part's start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTarget {
    pub label: String,
    pub path: String,
    pub fragment: Option<String>,
}

fn target(base: &str, label: &str, href: &str) -> Option<PageTarget> {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() {
        return None;
    }
    let path = resolve(base, href)?;
    let fragment = href
        .split_once('#')
        .map(|(_, f)| f.to_string())
        .filter(|f| !f.is_empty());
    Some(PageTarget {
        label,
        path,
        fragment,
    })
}

/// Page targets from the nav document at `nav_path` (XHTML).
pub fn from_nav(nav_path: &str, xml: &str) -> Vec<PageTarget> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    // Depth of nested <nav> while inside the page-list one.
    let mut in_list = 0usize;
    let mut link: Option<(String, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"nav" if in_list > 0 => in_list += 1,
                b"nav" => {
                    let kind = attr(&e, b"type").unwrap_or_default();
                    if kind.split_whitespace().any(|t| t == "page-list") {
                        in_list = 1;
                    }
                }
                b"a" if in_list > 0 => {
                    link = attr(&e, b"href").map(|h| (h, String::new()));
                }
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let Some((_, label)) = link.as_mut() {
                    label.push_str(&t.unescape().unwrap_or_default());
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"nav" if in_list > 0 => in_list -= 1,
                b"a" => {
                    if let Some((href, label)) = link.take() {
                        out.extend(target(nav_path, &label, &href));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Page targets from the NCX at `ncx_path`.
pub fn from_ncx(ncx_path: &str, xml: &str) -> Vec<PageTarget> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut in_target = false;
    let mut in_text = false;
    let mut label = String::new();
    let mut src: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"pageTarget" => {
                    in_target = true;
                    label.clear();
                    src = None;
                }
                b"text" if in_target => in_text = true,
                b"content" if in_target => src = attr(&e, b"src"),
                _ => {}
            },
            Ok(Event::Empty(e)) if in_target && e.local_name().as_ref() == b"content" => {
                src = attr(&e, b"src");
            }
            Ok(Event::Text(t)) if in_text => label.push_str(&t.unescape().unwrap_or_default()),
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"text" => in_text = false,
                b"pageTarget" => {
                    in_target = false;
                    if let Some(href) = src.take() {
                        out.extend(target(ncx_path, &label, &href));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nav_page_list() {
        let nav = r##"<html xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="toc"><ol><li><a href="ch1.xhtml">第一章</a></li></ol></nav>
<nav epub:type="page-list" hidden=""><ol><li><a href="ch1.xhtml#p1">1</a></li>
<li><a href="text/ch2.xhtml#pg_ii">ii</a></li></ol></nav></body></html>"##;
        let t = from_nav("OEBPS/nav.xhtml", nav);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].path, "OEBPS/ch1.xhtml");
        assert_eq!(t[0].fragment.as_deref(), Some("p1"));
        assert_eq!(t[1].label, "ii");
        assert_eq!(t[1].path, "OEBPS/text/ch2.xhtml");
    }

    #[test]
    fn ncx_page_list() {
        let ncx = r#"<ncx><pageList><pageTarget type="normal" value="12" id="p12">
<navLabel><text>12</text></navLabel><content src="ch1.xhtml#page12"/></pageTarget></pageList></ncx>"#;
        let t = from_ncx("toc.ncx", ncx);
        assert_eq!(
            t,
            vec![PageTarget {
                label: "12".into(),
                path: "ch1.xhtml".into(),
                fragment: Some("page12".into())
            }]
        );
    }
}
