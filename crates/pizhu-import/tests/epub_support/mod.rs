//! EPUBs built at test time from the curated edition of the seed texts (the
//! same sources the PDF fixtures print): chapters, metadata and, when asked,
//! a page list. Nothing generated is committed.
#![allow(dead_code)]

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub use crate::pdf_support::fixtures::{sources, Source};

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// How the book marks its printed pages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PageList {
    None,
    /// EPUB 3: `<nav epub:type="page-list">`.
    Nav,
    /// EPUB 2: the NCX's `<pageList>`.
    Ncx,
}

/// Where a page begins: before paragraph `para` of chapter `chapter`
/// (0 = the chapter heading), or `mid` characters into it.
#[derive(Clone, Debug)]
pub struct PageMark {
    pub chapter: usize,
    pub para: usize,
    pub mid: usize,
    pub label: String,
}

pub struct Book {
    pub title: String,
    pub creators: Vec<String>,
    pub chapters: Vec<Source>,
    pub pages: Vec<PageMark>,
    pub list: PageList,
    /// Extra zip entries (name, bytes), e.g. META-INF/encryption.xml.
    pub extra: Vec<(String, Vec<u8>)>,
    /// Notes, each referenced from the end of a paragraph.
    pub notes: Vec<BookNote>,
}

/// A note referenced (`noteref`, shown as its number) at the end of
/// paragraph `para` (0-based) of `chapter`.
pub struct BookNote {
    pub chapter: usize,
    pub para: usize,
    pub text: String,
    /// An `<aside epub:type="footnote">` right after the paragraph, or an
    /// entry of the chapter's `<section epub:type="endnotes">` list.
    pub footnote: bool,
}

impl Book {
    /// A book of the first `n` curated articles, one chapter each.
    pub fn of_sources(n: usize) -> Book {
        let chapters: Vec<Source> = sources().into_iter().take(n).collect();
        let mut creators: Vec<String> = Vec::new();
        for c in &chapters {
            for a in &c.authors {
                if !creators.contains(a) {
                    creators.push(a.clone());
                }
            }
        }
        Book {
            title: "影视与人工智能读本".into(),
            creators,
            chapters,
            pages: Vec::new(),
            list: PageList::None,
            extra: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The expected text lines: per chapter its title, then its paragraphs.
    /// With notes: the paragraphs keep their note numbers, and the notes
    /// follow the last chapter under one "注释" heading, in reading order.
    pub fn expected_lines(&self) -> Vec<(bool, String)> {
        let mut out = Vec::new();
        for (i, c) in self.chapters.iter().enumerate() {
            out.push((true, c.title.clone()));
            for (j, (heading, text)) in c.paras.iter().enumerate() {
                let refs: String = self.notes_of(i, j).map(|(n, _)| n.to_string()).collect();
                out.push((*heading, format!("{text}{refs}")));
            }
        }
        let notes = self.notes_in_reading_order();
        if !notes.is_empty() {
            out.push((true, "注释".into()));
            out.extend(notes.into_iter().map(|t| (false, t)));
        }
        out
    }

    /// The notes referenced from paragraph `para` of `chapter`, numbered.
    fn notes_of(&self, chapter: usize, para: usize) -> impl Iterator<Item = (usize, &BookNote)> {
        self.notes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.chapter == chapter && n.para == para)
            .map(|(k, n)| (k + 1, n))
    }

    /// Footnotes where they stand, then each chapter's endnotes.
    fn notes_in_reading_order(&self) -> Vec<String> {
        let mut out = Vec::new();
        for i in 0..self.chapters.len() {
            let mine: Vec<&BookNote> = self.notes.iter().filter(|n| n.chapter == i).collect();
            let mut foot: Vec<&&BookNote> = mine.iter().filter(|n| n.footnote).collect();
            foot.sort_by_key(|n| n.para);
            out.extend(foot.iter().map(|n| n.text.clone()));
            out.extend(mine.iter().filter(|n| !n.footnote).map(|n| n.text.clone()));
        }
        out
    }

    fn chapter_xhtml(&self, i: usize) -> String {
        let c = &self.chapters[i];
        let marks: Vec<&PageMark> = self.pages.iter().filter(|p| p.chapter == i).collect();
        let span = |m: &PageMark| {
            format!(
                "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"pg{}\" title=\"{}\"/>",
                m.label, m.label
            )
        };
        let mut body = String::new();
        for m in marks.iter().filter(|m| m.para == 0) {
            body.push_str(&span(m));
        }
        body.push_str(&format!(
            "<section epub:type=\"chapter\"><header><h1>{}</h1></header>\n",
            esc(&c.title)
        ));
        for (j, (heading, text)) in c.paras.iter().enumerate() {
            let mut inner = String::new();
            let chars: Vec<char> = text.chars().collect();
            let mids: Vec<&&PageMark> = marks.iter().filter(|m| m.para == j + 1).collect();
            let mut at = 0;
            for m in &mids {
                let cut = m.mid.min(chars.len());
                inner.push_str(&esc(&chars[at..cut].iter().collect::<String>()));
                inner.push_str(&span(m));
                at = cut;
            }
            inner.push_str(&esc(&chars[at..].iter().collect::<String>()));
            for (k, _) in self.notes_of(i, j) {
                inner.push_str(&format!(
                    "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#n{k}\">{k}</a></sup>"
                ));
            }
            if *heading {
                body.push_str(&format!("<h2>{inner}</h2>\n"));
            } else {
                body.push_str(&format!("<p>{inner}</p>\n"));
            }
            for (k, n) in self.notes_of(i, j).filter(|(_, n)| n.footnote) {
                body.push_str(&format!(
                    "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"n{k}\"><p>{}</p></aside>\n",
                    esc(&n.text)
                ));
            }
        }
        let endnotes: Vec<(usize, &BookNote)> = self
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.chapter == i && !n.footnote)
            .map(|(k, n)| (k + 1, n))
            .collect();
        if !endnotes.is_empty() {
            body.push_str(
                "<section epub:type=\"endnotes\" role=\"doc-endnotes\"><h2>注释</h2><ol>",
            );
            for (k, n) in endnotes {
                body.push_str(&format!(
                    "<li id=\"n{k}\" epub:type=\"endnote\" role=\"doc-endnote\"><p>{}</p></li>",
                    esc(&n.text)
                ));
            }
            body.push_str("</ol></section>");
        }
        body.push_str("</section>");
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"zh-CN\">\n\
<head><title/><link rel=\"stylesheet\" href=\"style.css\"/></head>\n<body>\n{body}\n</body></html>"
        )
    }

    fn nav(&self) -> String {
        let toc: String = self
            .chapters
            .iter()
            .enumerate()
            .map(|(i, c)| {
                format!(
                    "<li><a href=\"text/ch{i}.xhtml\">{}</a></li>",
                    esc(&c.title)
                )
            })
            .collect();
        let pages = if self.list == PageList::Nav {
            let items: String = self
                .pages
                .iter()
                .map(|p| {
                    format!(
                        "<li><a href=\"text/ch{}.xhtml#pg{}\">{}</a></li>",
                        p.chapter, p.label, p.label
                    )
                })
                .collect();
            format!("<nav epub:type=\"page-list\" hidden=\"\"><ol>{items}</ol></nav>")
        } else {
            String::new()
        };
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\
<head><title>目录</title></head><body><nav epub:type=\"toc\"><ol>{toc}</ol></nav>{pages}</body></html>"
        )
    }

    fn ncx(&self) -> String {
        let pages = if self.list == PageList::Ncx {
            let items: String = self
                .pages
                .iter()
                .map(|p| {
                    format!(
                        "<pageTarget type=\"normal\" value=\"{l}\" id=\"t{l}\"><navLabel><text>{l}</text></navLabel>\
<content src=\"text/ch{}.xhtml#pg{l}\"/></pageTarget>",
                        p.chapter,
                        l = p.label
                    )
                })
                .collect();
            format!("<pageList>{items}</pageList>")
        } else {
            String::new()
        };
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\">\
<docTitle><text>{}</text></docTitle><navMap/>{pages}</ncx>",
            esc(&self.title)
        )
    }

    fn opf(&self) -> String {
        let creators: String = self
            .creators
            .iter()
            .map(|c| format!("<dc:creator>{}</dc:creator>", esc(c)))
            .collect();
        let items: String = (0..self.chapters.len())
            .map(|i| {
                format!("<item id=\"ch{i}\" href=\"text/ch{i}.xhtml\" media-type=\"application/xhtml+xml\"/>")
            })
            .collect();
        let spine: String = (0..self.chapters.len())
            .map(|i| format!("<itemref idref=\"ch{i}\"/>"))
            .collect();
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"bookid\">\
<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
<dc:identifier id=\"uuid\">urn:uuid:0b6f5c4e-1d2a-4c3b-9e8f-123456789abc</dc:identifier>\
<dc:identifier id=\"bookid\">urn:isbn:978-7-04-012345-6</dc:identifier>\
<dc:title>{}</dc:title>{creators}<dc:publisher>影视出版社</dc:publisher>\
<dc:date>2024-03-01</dc:date><dc:language>zh-CN</dc:language>\
<meta property=\"dcterms:modified\">2024-03-01T00:00:00Z</meta></metadata>\
<manifest><item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\
<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\
<item id=\"css\" href=\"text/style.css\" media-type=\"text/css\"/>{items}</manifest>\
<spine toc=\"ncx\">{spine}</spine></package>",
            esc(&self.title)
        )
    }

    /// [`Self::build`], with the `extra` entries replacing those of the same
    /// name instead of being added.
    pub fn build_replacing(&self) -> Vec<u8> {
        let mut entries = self.entries();
        for (name, data) in &self.extra {
            match entries.iter_mut().find(|(n, _)| n == name) {
                Some(e) => e.1 = data.clone(),
                None => entries.push((name.clone(), data.clone())),
            }
        }
        zip_of(&entries)
    }

    pub fn build(&self) -> Vec<u8> {
        let mut entries = self.entries();
        entries.extend(self.extra.iter().cloned());
        zip_of(&entries)
    }

    fn entries(&self) -> Vec<(String, Vec<u8>)> {
        let mut entries: Vec<(String, Vec<u8>)> = vec![
            ("mimetype".into(), b"application/epub+zip".to_vec()),
            (
                "META-INF/container.xml".into(),
                b"<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\
<rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>"
                    .to_vec(),
            ),
            ("OEBPS/content.opf".into(), self.opf().into_bytes()),
            ("OEBPS/nav.xhtml".into(), self.nav().into_bytes()),
            ("OEBPS/toc.ncx".into(), self.ncx().into_bytes()),
            ("OEBPS/text/style.css".into(), b"p{text-indent:2em}".to_vec()),
        ];
        for i in 0..self.chapters.len() {
            entries.push((
                format!("OEBPS/text/ch{i}.xhtml"),
                self.chapter_xhtml(i).into_bytes(),
            ));
        }
        entries
    }
}

pub fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        let method = if name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        zip.start_file(
            name.as_str(),
            SimpleFileOptions::default().compression_method(method),
        )
        .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
