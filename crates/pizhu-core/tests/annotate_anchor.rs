//! Re-anchoring on real edits of a real article (the Sora seed, as canonical text),
//! through `Store::edit_article_text` on a real library file.
//!
//! Each edit is built from pieces of the old text plus new strings, so the test knows
//! where every old character went. A highlight whose characters all survive must land
//! exactly on them (insertions inside it included); one whose text was deleted must
//! be an orphan; a partly deleted one may be either, but never elsewhere. Run with
//! `--nocapture` to see the orphan rate.

use pizhu_core::annotate::{Highlight, HighlightFilter, NewHighlight};
use pizhu_core::articles::Inserted;
use pizhu_core::{LibraryDir, NewArticle, Store};

const FIXTURE: &str = include_str!("fixtures/sora_article.txt");

/// A piece of the edited text: a range of the old text, or new text.
enum Piece {
    Old(usize, usize),
    New(&'static str),
}

struct Edit {
    text: String,
    /// For each old code point, where it is in the new text (None: deleted).
    map: Vec<Option<usize>>,
}

fn build(old: &[char], pieces: &[Piece]) -> Edit {
    let mut text = String::new();
    let mut map = vec![None; old.len()];
    let mut at = 0;
    for p in pieces {
        match p {
            Piece::Old(s, e) => {
                for (i, slot) in map.iter_mut().enumerate().take(*e).skip(*s) {
                    *slot = Some(at);
                    text.push(old[i]);
                    at += 1;
                }
            }
            Piece::New(s) => {
                text.push_str(s);
                at += s.chars().count();
            }
        }
    }
    Edit { text, map }
}

/// Code-point ranges of the fixture's paragraphs.
fn paragraphs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, chars.len()));
    out
}

/// Deterministic highlights: in every paragraph of 30+ characters a short (3), a
/// medium (12) and a long (40, or the rest of the paragraph) passage.
fn highlight_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (s, e) in paragraphs(chars) {
        let len = e - s;
        if len < 30 {
            continue;
        }
        out.push((s + len / 5, s + len / 5 + 3));
        out.push((s + len / 2, s + len / 2 + 12));
        let ls = s + len * 2 / 3;
        out.push((ls, (ls + 40).min(e)));
    }
    out
}

#[derive(Debug, Default)]
struct Tally {
    total: usize,
    exact: usize,
    expected_orphans: usize,
    partial_orphaned: usize,
    partial_placed: usize,
    needless_orphans: usize,
    wrong: Vec<String>,
}

impl Tally {
    fn placeable(&self) -> usize {
        self.exact + self.needless_orphans
    }
}

struct Lib {
    _dir: tempfile::TempDir,
    store: Store,
    article: i64,
    chars: Vec<char>,
}

fn library() -> Lib {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&LibraryDir::new(dir.path())).unwrap();
    let a = NewArticle {
        title: "影视产业新视角".into(),
        text: FIXTURE.into(),
        ..Default::default()
    };
    let Inserted::New(article) = store.insert_articles(None, &[a]).unwrap()[0] else {
        panic!()
    };
    let chars: Vec<char> = FIXTURE.chars().collect();
    for (s, e) in highlight_ranges(&chars) {
        store
            .add_highlight(&NewHighlight {
                article_id: article,
                start: s,
                end: e,
                ..Default::default()
            })
            .unwrap();
    }
    Lib {
        _dir: dir,
        store,
        article,
        chars,
    }
}

fn highlights(lib: &Lib) -> Vec<Highlight> {
    lib.store
        .list_highlights(&HighlightFilter {
            article_id: Some(lib.article),
            ..Default::default()
        })
        .unwrap()
}

/// Apply `pieces` as an edit, judge every highlight, then undo it and check the
/// highlights are back where they were.
fn run(lib: &Lib, name: &str, pieces: &[Piece], tally: &mut Tally) {
    let before = highlights(lib);
    let edit = build(&lib.chars, pieces);
    let outcome = lib
        .store
        .edit_article_text(lib.article, &edit.text)
        .unwrap();
    let after = highlights(lib);
    let new: Vec<char> = edit.text.chars().collect();
    for old in &before {
        let now = after
            .iter()
            .find(|h| h.id == old.id)
            .expect("never dropped");
        let (s, e) = (old.start as usize, old.end as usize);
        let mapped: Vec<Option<usize>> = edit.map[s..e].to_vec();
        let surviving: Vec<usize> = mapped.iter().flatten().copied().collect();
        tally.total += 1;
        let placed = (!now.orphan).then_some((now.start as usize, now.end as usize));
        if let Some((ps, pe)) = placed {
            assert_eq!(
                now.exact,
                new[ps..pe].iter().collect::<String>(),
                "{name}: stored quote matches the text"
            );
        }
        let describe = |what: &str| {
            format!(
                "{name}: #{} {:?} {what}; now {:?}",
                old.id, old.exact, placed
            )
        };
        if surviving.len() == mapped.len() {
            let want = (surviving[0], surviving[surviving.len() - 1] + 1);
            match placed {
                Some(p) if p == want => tally.exact += 1,
                Some(_) => tally.wrong.push(describe(&format!("expected at {want:?}"))),
                None => tally.needless_orphans += 1,
            }
        } else if surviving.is_empty() {
            tally.expected_orphans += 1;
            if placed.is_some() {
                tally
                    .wrong
                    .push(describe("its text was deleted, so it must be an orphan"));
            }
        } else {
            match placed {
                None => tally.partial_orphaned += 1,
                Some((ps, pe)) if surviving.iter().any(|&c| c >= ps && c < pe) => {
                    tally.partial_placed += 1
                }
                Some(_) => tally.wrong.push(describe(&format!(
                    "partly deleted and placed away from what is left {surviving:?}"
                ))),
            }
        }
    }
    assert_eq!(
        outcome.orphans.len(),
        after.iter().filter(|h| h.orphan).count(),
        "{name}: orphans reported"
    );
    lib.store.undo().unwrap().expect("the edit is undoable");
    assert_eq!(
        lib.store.article(lib.article).unwrap().text,
        FIXTURE,
        "{name}: undo restores the text"
    );
    assert_eq!(
        highlights(lib),
        before,
        "{name}: undo restores every highlight"
    );
}

/// Start of the `n`-th occurrence-free landmark: the code point offset of `needle`.
fn at(chars: &[char], needle: &str) -> usize {
    let text: String = chars.iter().collect();
    let b = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in fixture"));
    text[..b].chars().count()
}

#[test]
fn named_edits_of_the_sora_article() {
    let lib = library();
    let c = &lib.chars;
    let n = c.len();
    let paras = paragraphs(c);
    let hs = highlight_ranges(c);
    let mut tally = Tally::default();

    // Before every highlight: a line added under the title.
    run(
        &lib,
        "insert before",
        &[
            Piece::Old(0, paras[0].1),
            Piece::New("\n（本文有删节）"),
            Piece::Old(paras[0].1, n),
        ],
        &mut tally,
    );
    // After every highlight.
    run(
        &lib,
        "insert after",
        &[Piece::Old(0, n), Piece::New("\n（完）")],
        &mut tally,
    );
    // Fix an OCR slip right before a highlight: "配对本图像" → "配对文本图像".
    let slip = at(c, "配对本图像") + 2;
    run(
        &lib,
        "ocr insert",
        &[Piece::Old(0, slip), Piece::New("文"), Piece::Old(slip, n)],
        &mut tally,
    );
    // Inside highlights: a character inserted in the middle of every long highlight.
    let mut pieces = Vec::new();
    let mut last = 0;
    for (s, e) in hs.iter().filter(|(s, e)| e - s >= 20) {
        let mid = (s + e) / 2;
        pieces.push(Piece::Old(last, mid));
        pieces.push(Piece::New("、"));
        last = mid;
    }
    pieces.push(Piece::Old(last, n));
    run(
        &lib,
        "insert inside each long highlight",
        &pieces,
        &mut tally,
    );
    // Delete a stray character inside every medium highlight.
    let mut pieces = Vec::new();
    let mut last = 0;
    for (s, e) in hs.iter().filter(|(s, e)| e - s == 12) {
        pieces.push(Piece::Old(last, s + 5));
        last = s + 6;
        let _ = e;
    }
    pieces.push(Piece::Old(last, n));
    run(
        &lib,
        "delete one char inside each medium highlight",
        &pieces,
        &mut tally,
    );
    // Delete a sentence just before a highlight, in the same paragraph.
    let (s0, _) = hs[4];
    run(
        &lib,
        "delete before in paragraph",
        &[Piece::Old(0, s0 - 10), Piece::Old(s0, n)],
        &mut tally,
    );
    // Restore paragraph order: swap two long paragraphs.
    let (a, b) = (paras[4], paras[5]);
    run(
        &lib,
        "swap paragraphs",
        &[
            Piece::Old(0, a.0),
            Piece::Old(b.0, b.1),
            Piece::New("\n"),
            Piece::Old(a.0, a.1),
            Piece::Old(b.1, n),
        ],
        &mut tally,
    );
    // Move a paragraph from the middle to the end.
    let m = paras[10];
    run(
        &lib,
        "move paragraph to end",
        &[
            Piece::Old(0, m.0),
            Piece::Old(m.1 + 1, n),
            Piece::New("\n"),
            Piece::Old(m.0, m.1),
        ],
        &mut tally,
    );
    // A highlight's own text deleted: the whole paragraph goes.
    let d = paras[7];
    run(
        &lib,
        "delete paragraph",
        &[Piece::Old(0, d.0), Piece::Old(d.1 + 1, n)],
        &mut tally,
    );
    // Replace a highlighted short phrase with other words.
    let (s1, e1) = hs[0];
    run(
        &lib,
        "rewrite short highlight",
        &[
            Piece::Old(0, s1),
            Piece::New("另一种说法"),
            Piece::Old(e1, n),
        ],
        &mut tally,
    );

    // Restore paragraph order for a whole stretch: paragraphs 2..=12 reversed.
    let mut pieces = vec![Piece::Old(0, paras[2].0)];
    for (i, p) in paras[2..=12].iter().rev().enumerate() {
        if i > 0 {
            pieces.push(Piece::New("\n"));
        }
        pieces.push(Piece::Old(p.0, p.1));
    }
    pieces.push(Piece::Old(paras[12].1, n));
    run(&lib, "reverse eleven paragraphs", &pieces, &mut tally);
    // A cleaning pass over the whole text: half-width commas become full-width.
    let pieces: Vec<Piece> = (0..n)
        .map(|i| {
            if c[i] == ',' {
                Piece::New("，")
            } else {
                Piece::Old(i, i + 1)
            }
        })
        .collect();
    run(&lib, "full-width commas throughout", &pieces, &mut tally);

    println!("named edits: {tally:?}");
    assert!(
        tally.wrong.is_empty(),
        "moved to a wrong passage: {:#?}",
        tally.wrong
    );
    assert!(
        tally.expected_orphans >= 4,
        "the deleted paragraph's highlights were orphaned"
    );
    let rate = tally.needless_orphans as f64 / tally.placeable() as f64;
    println!(
        "orphan rate among highlights whose text survived: {:.2}% ({}/{}); total judged {}",
        rate * 100.0,
        tally.needless_orphans,
        tally.placeable(),
        tally.total
    );
    assert!(rate < 0.02, "too many needless orphans: {rate}");
}

/// A small deterministic generator (no `rand` in the core).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[test]
fn random_edits_never_misplace_and_rarely_orphan() {
    let lib = library();
    let c = &lib.chars;
    let n = c.len();
    let paras = paragraphs(c);
    let mut rng = Lcg(20240216);
    let inserts = [
        "的",
        "，并且",
        "（注）",
        "人工智能",
        "\n新增一段。\n",
        "Sora",
    ];
    let mut tally = Tally::default();
    for trial in 0..60 {
        let kind = trial % 5;
        let pos = rng.next(n);
        let pieces: Vec<Piece> = match kind {
            0 => vec![
                Piece::Old(0, pos),
                Piece::New(inserts[rng.next(inserts.len())]),
                Piece::Old(pos, n),
            ],
            1 => {
                let len = 1 + rng.next(8);
                let end = (pos + len).min(n);
                vec![Piece::Old(0, pos), Piece::Old(end, n)]
            }
            2 => {
                let len = 1 + rng.next(4);
                let end = (pos + len).min(n);
                vec![
                    Piece::Old(0, pos),
                    Piece::New(inserts[rng.next(inserts.len())]),
                    Piece::Old(end, n),
                ]
            }
            3 => {
                // Swap two neighbouring paragraphs.
                let i = 2 + rng.next(paras.len() - 3);
                let (a, b) = (paras[i], paras[i + 1]);
                vec![
                    Piece::Old(0, a.0),
                    Piece::Old(b.0, b.1),
                    Piece::New("\n"),
                    Piece::Old(a.0, a.1),
                    Piece::Old(b.1, n),
                ]
            }
            _ => {
                // Two edits far apart.
                let p2 = (pos + n / 2) % n;
                let (lo, hi) = (pos.min(p2), pos.max(p2));
                vec![
                    Piece::Old(0, lo),
                    Piece::New("。"),
                    Piece::Old(lo, hi),
                    Piece::Old((hi + 2).min(n), n),
                ]
            }
        };
        run(
            &lib,
            &format!("random #{trial} kind {kind} at {pos}"),
            &pieces,
            &mut tally,
        );
    }
    println!("random edits: {tally:?}");
    assert!(
        tally.wrong.is_empty(),
        "moved to a wrong passage: {:#?}",
        tally.wrong
    );
    let rate = tally.needless_orphans as f64 / tally.placeable() as f64;
    println!(
        "random edits: orphan rate among highlights whose text survived {:.2}% ({}/{}); partly deleted: {} placed, {} orphaned",
        rate * 100.0,
        tally.needless_orphans,
        tally.placeable(),
        tally.partial_placed,
        tally.partial_orphaned
    );
    assert!(rate < 0.02, "too many needless orphans: {rate}");
}
