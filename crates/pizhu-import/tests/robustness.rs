//! Arbitrary input never panics: a deterministic generator mixes the pieces the
//! cleaner cares about (junk tokens, CJK, punctuation, headings, bylines,
//! signatures, blank lines, Markdown front matter, HTML tags) at random.

use pizhu_import::{import_bytes, ImportOptions};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "s2",
    "j(",
    " ",
    "  ",
    "V",
    "Sora",
    "影视",
    "产业",
    "。",
    "，",
    ",",
    "?",
    "？",
    "”",
    "“",
    "(",
    ")",
    "（赵丽）",
    "(花花)",
    "\n",
    "\n\n",
    "## ",
    "### ",
    "# ",
    "◎ ",
    "■文/司若 庞胜楠",
    "青年报记者 刘昕璐",
    "记者 ",
    "本报讯 ",
    "01",
    "03",
    "Q03",
    "编辑：曲鹏",
    "齐鲁晚报",
    "公益广告",
    "---\n",
    "title: x\n",
    "authors: [",
    "]",
    "\"",
    "- ",
    "<p>",
    "</p>",
    "<h1>",
    "<article>",
    "<script>",
    "&amp;",
    "𠮷",
    "\u{3000}",
    "\t",
    "\r\n",
    "网络截图",
    "…",
    "·",
    "a",
    "3D",
    "5~10",
    "#",
    "$",
    "\u{FFFD}",
];

#[test]
fn random_documents_never_panic() {
    let mut rng = Lcg(0x5eed);
    for round in 0..3000 {
        let n = (rng.next() % 80) as usize;
        let text: String = (0..n).map(|_| rng.pick(PIECES)).collect();
        for name in ["a.txt", "a.md", "a.html"] {
            // Any outcome is fine except a panic; a success must be well-formed.
            if let Ok(f) = import_bytes(name, text.as_bytes(), &ImportOptions::default()) {
                for a in &f.articles {
                    let lines = a.text.split('\n').count();
                    assert!(
                        !a.text.is_empty(),
                        "round {round}: empty article from {text:?}"
                    );
                    assert!(
                        a.headings.iter().all(|&h| h < lines),
                        "round {round}: bad heading index"
                    );
                    assert!(
                        !a.title.is_empty(),
                        "round {round}: empty title from {text:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Lcg(42);
    for _ in 0..500 {
        let n = (rng.next() % 600) as usize;
        let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        for name in ["b.txt", "b.md", "b.html", "b.docx"] {
            let _ = import_bytes(name, &bytes, &ImportOptions::default());
        }
    }
}

/// Throughput figure (run with `--ignored --nocapture`): a ~10 MB text made of
/// the junk-laden seed 001 repeated, cleaned in one go.
#[test]
#[ignore]
fn throughput_on_a_large_junk_file() {
    let seed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/001_11c33424f4e74612.txt"
    ))
    .unwrap();
    let big = seed.repeat(10 * 1024 * 1024 / seed.len());
    let start = std::time::Instant::now();
    let f = import_bytes("big.txt", big.as_bytes(), &ImportOptions::default()).unwrap();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} MB in {:.2} s = {:.1} MB/s, {} articles, {}",
        big.len() / (1 << 20),
        secs,
        big.len() as f64 / 1048576.0 / secs,
        f.articles.len(),
        f.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    );
}
