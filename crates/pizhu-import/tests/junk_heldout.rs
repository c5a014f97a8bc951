//! The anti-copy junk detector on a held-out sample made here, not on the
//! seed file it was written against: runs of random 1–2 character groups
//! drawn from the whole printable ASCII range, 5–27 groups long (as in the
//! seeds), on their own line, glued before a sentence or glued after one.
//!
//! Regression (issue 14): a held-out sample left 1 of 33 runs in the text, a
//! run whose groups happened to be letter–digit pairs without punctuation.

use pizhu_import::{import_bytes, ImportOptions};

const SENTENCES: &[&str] = &[
    "视频制作的门槛将逐步降低，大众化成为大势所趋。",
    "天津开展院线电影版权保护专项工作。",
    "专家认为，生成式人工智能不能代替人的创造。",
    "这一技术的突破，将给影视行业带来新的机遇。",
    "记者从有关部门获悉，相关规定将于下月施行。",
    "市场结构的改变，需要时间来观察。",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One run of random groups (printable ASCII, 1–2 characters each).
fn junk_run(rng: &mut Rng) -> Vec<String> {
    let groups = 5 + rng.below(23) as usize;
    (0..groups)
        .map(|_| {
            let len = 1 + rng.below(2) as usize;
            (0..len)
                .map(|_| (0x21 + rng.below(94) as u8) as char)
                .collect()
        })
        .collect()
}

/// What became of the junk runs in a sample.
#[derive(Default)]
struct Outcome {
    /// The text came out exactly as the sentence.
    clean: usize,
    /// One or two junk characters stayed glued to the sentence (a glued
    /// group that looks like a number, or a word: `47这一技术`).
    edge: usize,
    /// More stayed: the run (or most of it) was not recognised.
    run_left: usize,
    examples: Vec<String>,
}

fn run_sample(seed: u64, runs: usize) -> Outcome {
    let mut rng = Rng(seed);
    let mut out = Outcome::default();
    for n in 0..runs {
        let sentence = SENTENCES[n % SENTENCES.len()];
        let run = junk_run(&mut rng).join(" ");
        let line = match rng.below(3) {
            0 => format!("{sentence}\n{run}"),
            1 => format!("{run}{sentence}"),
            _ => format!("{sentence}{run}"),
        };
        // A title line and the sentence's own paragraph around the junk.
        let file = format!("标题\n\n{line}\n");
        let f = import_bytes("sample.txt", file.as_bytes(), &ImportOptions::default()).unwrap();
        let text = &f.articles[0].text;
        let text = text.strip_prefix("标题\n").unwrap_or(text);
        if text == sentence {
            out.clean += 1;
            continue;
        }
        let extra = text.len().saturating_sub(sentence.len());
        let real_kept = text.replace(|c: char| c.is_ascii(), "")
            == sentence.replace(|c: char| c.is_ascii(), "");
        if real_kept && extra <= 2 {
            out.edge += 1;
        } else {
            out.run_left += 1;
            if out.examples.len() < 5 {
                out.examples.push(format!("{line:?} -> {text:?}"));
            }
        }
    }
    out
}

#[test]
fn held_out_junk_runs_are_removed() {
    const RUNS: usize = 3000;
    let o = run_sample(0x9e37_79b9_7f4a_7c15, RUNS);
    let pct = |n: usize| n as f64 * 100.0 / RUNS as f64;
    println!(
        "{RUNS} held-out junk runs: {} clean, {} with 1–2 glued characters left ({:.2}%), {} runs left ({:.2}%)",
        o.clean,
        o.edge,
        pct(o.edge),
        o.run_left,
        pct(o.run_left)
    );
    for e in &o.examples {
        println!("  {e}");
    }
    // The sample left 1 run in 33 (3%); the generalised detector must
    // do far better on a sample it has never seen.
    assert!(pct(o.run_left) < 0.5, "{:#?}", o.examples);
    assert!(pct(o.edge) < 1.0);
}
