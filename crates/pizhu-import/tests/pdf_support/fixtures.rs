//! PDF fixtures generated at test time from the curated edition in `data/`,
//! printed by Debian's Chromium (real producer, real page furniture: its
//! default print adds date, title, URL and page numbers on every page).
//! Nothing here is committed: PDFs are cached under a directory in `target/`,
//! keyed by a hash of their HTML, so only the first run pays for Chromium.
//!
//! Needs `chromium` (or `PIZHU_CHROMIUM`) and, for the encrypted ones, `qpdf`.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Makes every work folder unique, also between threads of one test binary.
static WORK: AtomicUsize = AtomicUsize::new(0);

fn work_dir(root: &Path, name: &str) -> PathBuf {
    let n = WORK.fetch_add(1, Ordering::Relaxed);
    let dir = root.join(format!("{name}.{}.{n}.work", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One article of the curated edition: what the PDF must give back.
#[derive(Debug, Clone)]
pub struct Source {
    pub title: String,
    pub authors: Vec<String>,
    /// Body paragraphs in order; `true` marks a heading.
    pub paras: Vec<(bool, String)>,
}

/// The seven curated articles (`data/articles/*.md`), in file-name order.
pub fn sources() -> Vec<Source> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| parse_curated(&std::fs::read_to_string(p).unwrap()))
        .collect()
}

fn parse_curated(md: &str) -> Source {
    let rest = md.strip_prefix("---\n").expect("front matter");
    let (front, body) = rest.split_once("\n---\n").expect("front matter end");
    let mut title = String::new();
    let mut authors = Vec::new();
    for line in front.lines() {
        if let Some(t) = line.strip_prefix("title:") {
            title = t.trim().to_string();
        } else if let Some(a) = line.strip_prefix("authors:") {
            let a = a.trim().trim_start_matches('[').trim_end_matches(']');
            authors = a
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        }
    }
    let paras = body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| match p.strip_prefix("## ") {
            Some(h) => (true, h.trim().to_string()),
            None => (false, p.replace('\n', "")),
        })
        .collect();
    Source {
        title,
        authors,
        paras,
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Long Latin words get soft hyphens so Chromium hyphenates them at a line
/// end (a visible `-` the extractor must re-join).
fn soft_hyphens(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            if w.len() >= 12 && w.chars().all(|c| c.is_ascii_alphabetic()) {
                let mid = w.len() / 2;
                format!("{}\u{ad}{}", &w[..mid], &w[mid..])
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const STYLE: &str =
    "body{font-family:'Noto Serif CJK SC',serif;font-size:11pt;line-height:1.6;margin:0}\
h1{font-size:18pt;text-align:center;margin:0 0 .5em}\
h2{font-size:13pt;font-family:'Noto Sans CJK SC',sans-serif;margin:.8em 0 .3em}\
p{text-indent:2em;margin:0 0 .2em;text-align:justify}\
.byline{text-align:center;font-size:11pt;margin-bottom:1em}\
.cols{column-count:2;column-gap:2.5em}\
.abstract{font-size:10pt;margin:0 2em 1em;text-indent:0}\
.notes{font-size:8pt;border-top:1px solid #000;margin-top:1em;padding-top:.3em}\
.notes p{text-indent:0}\
.journal{margin-top:0}";

/// A journal's running header (name, issue) and page number, in the page
/// margins on every page (CSS paged-media margin boxes).
const JOURNAL_PAGE: &str = "@page{margin:2.2cm 1.8cm 1.8cm;\
@top-left{content:'影视研究与评论';font-size:8pt}\
@top-right{content:'2024年第3期';font-size:8pt}\
@bottom-center{content:counter(page);font-size:9pt}}";

fn body_html(src: &Source, hyphenate: bool) -> String {
    let mut out = String::new();
    for (heading, text) in &src.paras {
        let text = if hyphenate {
            soft_hyphens(&esc(text))
        } else {
            esc(text)
        };
        if *heading {
            out.push_str(&format!("<h2>{text}</h2>\n"));
        } else {
            out.push_str(&format!("<p>{text}</p>\n"));
        }
    }
    out
}

fn page(title: &str, body: &str) -> String {
    page_with(title, body, "")
}

fn page_with(title: &str, body: &str, css: &str) -> String {
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}{css}</style></head><body>{body}</body></html>",
        esc(title)
    )
}

/// One column: title, byline, headings and paragraphs.
pub fn plain_html(src: &Source) -> String {
    let body = format!(
        "<h1>{}</h1><div class=\"byline\">{}</div>{}",
        esc(&src.title),
        esc(&src.authors.join(" ")),
        body_html(src, true)
    );
    page(&src.title, &body)
}

/// The journal abstract the two-column fixtures print above the columns.
pub fn abstract_of(src: &Source) -> String {
    src.paras
        .iter()
        .find(|(h, _)| !h)
        .map(|(_, t)| t.chars().take(80).collect())
        .unwrap_or_default()
}

pub const KEYWORDS: &str = "人工智能；影视产业；Sora";
pub const DOI: &str = "10.12345/j.cnki.yszz.2024.03.007";
pub const JOURNAL: &str = "影视研究与评论";
pub const NOTES: [&str; 2] = [
    "①参见国家电影局：《2023年中国电影市场年度报告》，北京，2024年，第12页。",
    "②本文所引数据均来自公开报道。",
];

/// A Chinese journal paper: a running header and page number on every page
/// (print it without Chromium's own furniture), the labelled first-page
/// blocks, the body in two columns and two footnotes at the end.
pub fn journal_html(src: &Source) -> String {
    let authors = if src.authors.is_empty() {
        "佚名".to_string()
    } else {
        src.authors.join("，")
    };
    let body = format!(
        "<div class=\"journal\">\
         <h1>{title}</h1><div class=\"byline\">{authors}</div>\
         <div class=\"byline\">（北京电影学院 电影学系，北京 100088）</div>\
         <p class=\"abstract\"><b>摘要：</b>{abs}</p>\
         <p class=\"abstract\"><b>关键词：</b>{KEYWORDS}</p>\
         <p class=\"abstract\">中图分类号：J90　　文献标识码：A　　文章编号：1002-1234(2024)03-0045-08</p>\
         <p class=\"abstract\">DOI：{DOI}</p>\
         <p class=\"abstract\">基金项目：国家社会科学基金艺术学项目（23BC045）</p>\
         <div class=\"cols\">{body}</div>\
         <div class=\"notes\"><p>{n1}</p><p>{n2}</p></div></div>",
        title = esc(&src.title),
        abs = esc(&abstract_of(src)),
        body = body_html(src, true),
        n1 = NOTES[0],
        n2 = NOTES[1],
    );
    page_with(&src.title, &body, JOURNAL_PAGE)
}

/// Every curated article one after another, `copies` times: the long PDF for
/// the memory test and the benchmark.
pub fn long_html(copies: usize) -> String {
    let mut body = String::new();
    for _ in 0..copies {
        for src in sources() {
            body.push_str(&format!("<h1>{}</h1>", esc(&src.title)));
            body.push_str(&body_html(&src, false));
        }
    }
    page("长文档", &body)
}

/// Where fixtures are cached: `target/tmp/pdf-fixtures` for tests.
pub struct Fixtures {
    dir: PathBuf,
}

impl Fixtures {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        std::fs::create_dir_all(&dir).unwrap();
        Fixtures { dir }
    }

    /// The default cache for integration tests.
    pub fn for_tests() -> Self {
        let tmp = option_env!("CARGO_TARGET_TMPDIR").unwrap_or("target/tmp");
        Fixtures::new(Path::new(tmp).join("pdf-fixtures"))
    }

    fn cached(&self, name: &str, key: &str, make: impl FnOnce(&Path)) -> PathBuf {
        let mut h = DefaultHasher::new();
        key.hash(&mut h);
        let path = self.dir.join(format!("{name}-{:016x}.pdf", h.finish()));
        if !path.exists() {
            // Written beside, then renamed: parallel tests never see half a file.
            let tmp = work_dir(&self.dir, name).join("partial.pdf");
            make(&tmp);
            std::fs::rename(&tmp, &path).unwrap();
            let _ = std::fs::remove_dir_all(tmp.parent().unwrap());
        }
        path
    }

    /// Print HTML to PDF with Chromium; `furniture` keeps its header/footer.
    pub fn print(&self, name: &str, html: &str, furniture: bool) -> PathBuf {
        let key = format!("{furniture}{html}");
        self.cached(name, &key, |out| {
            let work = work_dir(&self.dir, name);
            let page = work.join("page.html");
            std::fs::write(&page, html).unwrap();
            chromium(
                &work,
                &[&format!("--print-to-pdf={}", out.display())],
                furniture,
                &page,
            );
            let _ = std::fs::remove_dir_all(&work);
        })
    }

    /// A scanned-looking PDF: a screenshot of the article, printed as an image.
    pub fn image_only(&self, src: &Source) -> PathBuf {
        let html = plain_html(src);
        self.cached("image-only", &html, |out| {
            let work = work_dir(&self.dir, "img");
            let page = work.join("page.html");
            std::fs::write(&page, &html).unwrap();
            let png = work.join("shot.png");
            chromium(
                &work,
                &[
                    &format!("--screenshot={}", png.display()),
                    "--window-size=800,1100",
                ],
                false,
                &page,
            );
            let wrapper = work.join("scan.html");
            std::fs::write(
                &wrapper,
                "<!doctype html><html><body style=\"margin:0\"><img src=\"shot.png\" style=\"width:100%\"></body></html>",
            )
            .unwrap();
            chromium(&work, &[&format!("--print-to-pdf={}", out.display())], false, &wrapper);
            let _ = std::fs::remove_dir_all(&work);
        })
    }

    /// `qpdf --encrypt` with the given user password (empty opens without one).
    pub fn encrypted(&self, input: &Path, user_password: &str) -> PathBuf {
        let key = format!("{}{user_password}", input.display());
        let name = if user_password.is_empty() {
            "encrypted-empty"
        } else {
            "encrypted"
        };
        self.cached(name, &key, |out| {
            let status = Command::new("qpdf")
                .args(["--encrypt", user_password, "owner-secret", "256", "--"])
                .arg(input)
                .arg(out)
                .status()
                .expect("qpdf is needed for the encrypted fixtures (scripts/setup.sh installs it)");
            assert!(status.success(), "qpdf failed");
        })
    }
}

fn chromium(work: &Path, args: &[&str], furniture: bool, page: &Path) {
    let bin = std::env::var("PIZHU_CHROMIUM").unwrap_or_else(|_| "chromium".to_string());
    let mut cmd = Command::new(&bin);
    cmd.args(["--headless", "--no-sandbox", "--disable-gpu"])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ))
        .args(args);
    if !furniture {
        cmd.arg("--no-pdf-header-footer");
    }
    let out = cmd
        .arg(page)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {bin} (scripts/setup.sh installs chromium): {e}"));
    assert!(
        out.status.success(),
        "{bin} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Fixtures {
    /// The same PDF with printed page numbers starting at `first` (/PageLabels).
    pub fn with_page_labels(&self, input: &Path, first: i64) -> PathBuf {
        use pdf_extract::{Dictionary, Document, Object};
        let key = format!("{}{first}", input.display());
        self.cached("labelled", &key, |out| {
            let mut doc = Document::load(input).unwrap();
            let mut range = Dictionary::new();
            range.set("S", Object::Name(b"D".to_vec()));
            range.set("St", Object::Integer(first));
            let mut tree = Dictionary::new();
            tree.set(
                "Nums",
                Object::Array(vec![Object::Integer(0), Object::Dictionary(range)]),
            );
            doc.catalog_mut()
                .unwrap()
                .set("PageLabels", Object::Dictionary(tree));
            doc.save(out).unwrap();
        })
    }

    /// The same PDF with every font's Unicode map (/ToUnicode) removed, as
    /// PDFs made by some old typesetting and scanning tools come: the glyphs
    /// are there, what characters they are is not.
    pub fn without_unicode_maps(&self, input: &Path) -> PathBuf {
        use pdf_extract::{Document, Object};
        let key = input.display().to_string();
        self.cached("no-unicode-map", &key, |out| {
            let mut doc = Document::load(input).unwrap();
            for obj in doc.objects.values_mut() {
                let dict = match obj {
                    Object::Dictionary(d) => d,
                    Object::Stream(s) => &mut s.dict,
                    _ => continue,
                };
                let is_font = matches!(dict.get(b"Type"), Ok(Object::Name(n)) if n == b"Font");
                if is_font {
                    dict.remove(b"ToUnicode");
                }
            }
            doc.save(out).unwrap();
        })
    }

    /// The pages of several PDFs one after another (`qpdf --pages`).
    pub fn joined(&self, name: &str, inputs: &[&Path]) -> PathBuf {
        let key: String = inputs.iter().map(|p| p.display().to_string()).collect();
        self.cached(name, &key, |out| {
            let status = Command::new("qpdf")
                .arg("--empty")
                .arg("--pages")
                .args(inputs)
                .arg("--")
                .arg(out)
                .status()
                .expect("qpdf (scripts/setup.sh installs it)");
            assert!(status.success(), "qpdf --pages failed");
        })
    }
}
