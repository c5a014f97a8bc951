//! The analysis commands (`pizhu themes matrix|cooccurrence|suggest|dismiss`,
//! `pizhu terms`, `pizhu kwic`) as a user runs them: the real binary on a fresh
//! library filled with the bundled articles and code book, coded through
//! `pizhu highlight add`.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

mod common;
use common::{ok, ok_json, pizhu};

/// Title fragments of two bundled articles.
const FEATURE: &str = "影视产业新视角";
const COPYRIGHT_NEWS: &str = "院线电影版权保护";

fn rows(v: &Value) -> &[Value] {
    v.as_array().expect("a JSON array")
}

/// A fresh library; the first command fills it with the bundled corpus.
struct Library {
    dir: tempfile::TempDir,
    /// Article id → text as code points.
    texts: HashMap<i64, Vec<char>>,
    titles: Vec<(i64, String)>,
}

impl Library {
    fn new() -> Library {
        let dir = tempfile::tempdir().unwrap();
        let list = ok_json(dir.path(), &["list", "--json"]);
        let titles: Vec<(i64, String)> = rows(&list)
            .iter()
            .map(|a| {
                (
                    a["id"].as_i64().unwrap(),
                    a["title"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(titles.len() >= 2, "the bundled corpus is there");
        let mut texts = HashMap::new();
        for (id, _) in &titles {
            let a = ok_json(dir.path(), &["show", &id.to_string(), "--json"]);
            texts.insert(*id, a["text"].as_str().unwrap().chars().collect());
        }
        Library { dir, texts, titles }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn article(&self, title_part: &str) -> i64 {
        self.titles
            .iter()
            .find(|(_, t)| t.contains(title_part))
            .unwrap_or_else(|| panic!("no bundled article titled …{title_part}…"))
            .0
    }

    fn text(&self, id: i64) -> &[char] {
        &self.texts[&id]
    }

    fn slice(&self, id: i64, start: usize, end: usize) -> String {
        self.text(id)[start..end].iter().collect()
    }

    /// Code-point range of the first occurrence of `needle` in an article.
    fn span(&self, id: i64, needle: &str) -> (usize, usize) {
        let text = self.text(id);
        let needle: Vec<char> = needle.chars().collect();
        let start = text
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .unwrap_or_else(|| panic!("article {id} has no {needle:?}"));
        (start, start + needle.len())
    }

    /// `pizhu highlight add` over `start..end` with `themes`; returns the highlight's id.
    fn highlight(&self, id: i64, (start, end): (usize, usize), themes: &[&str]) -> i64 {
        let (id_s, start_s, end_s) = (id.to_string(), start.to_string(), end.to_string());
        let mut args = vec![
            "highlight",
            "add",
            &id_s,
            "--start",
            &start_s,
            "--end",
            &end_s,
            "--json",
        ];
        for t in themes {
            args.extend(["--theme", t]);
        }
        let h = ok_json(self.path(), &args);
        assert_eq!(h["exact"], self.slice(id, start, end));
        h["id"].as_i64().unwrap()
    }
}

/// Index of the theme named `name` in a report's `themes`.
fn theme_index(report: &Value, name: &str) -> usize {
    let themes = rows(&report["themes"]);
    let found: Vec<usize> = (0..themes.len())
        .filter(|&i| themes[i]["name"] == name)
        .collect();
    assert_eq!(found.len(), 1, "exactly one theme named {name}");
    found[0]
}

fn theme_id(report: &Value, name: &str) -> i64 {
    report["themes"][theme_index(report, name)]["id"]
        .as_i64()
        .unwrap()
}

/// The two passages of 人机共生 and one of 版权伦理 in the feature article (one
/// highlight carries both), and one of 版权伦理 in the copyright news item.
fn code_feature_and_copyright_news(lib: &Library) -> (i64, i64) {
    let feature = lib.article(FEATURE);
    let news = lib.article(COPYRIGHT_NEWS);
    lib.highlight(
        feature,
        lib.span(feature, "让人工智能成为创作者们助手"),
        &["人机共生"],
    );
    lib.highlight(
        feature,
        lib.span(feature, "人工智能的应用还涉及诸多关于版权和伦理的问题"),
        &["人机共生", "版权伦理"],
    );
    let (s, _) = lib.span(news, "版权保护");
    lib.highlight(news, (s, s + 4), &["版权伦理"]);
    (feature, news)
}

#[test]
fn themes_matrix_counts_each_coded_passage_in_its_article_only() {
    let lib = Library::new();
    let (feature, news) = code_feature_and_copyright_news(&lib);

    let m = ok_json(lib.path(), &["themes", "matrix", "--json"]);
    let articles: Vec<i64> = rows(&m["articles"])
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(
        articles.len(),
        lib.titles.len(),
        "every article is a column"
    );
    let counts = rows(&m["counts"]);
    assert_eq!(counts.len(), rows(&m["themes"]).len());
    let symbiosis = theme_index(&m, "人机共生");
    let copyright = theme_index(&m, "版权伦理");
    for (j, &article) in articles.iter().enumerate() {
        let expect_symbiosis = if article == feature { 2 } else { 0 };
        let expect_copyright = if article == feature || article == news {
            1
        } else {
            0
        };
        assert_eq!(
            counts[symbiosis][j], expect_symbiosis,
            "人机共生 in #{article}"
        );
        assert_eq!(
            counts[copyright][j], expect_copyright,
            "版权伦理 in #{article}"
        );
        for (i, row) in counts.iter().enumerate() {
            if i != symbiosis && i != copyright {
                assert_eq!(row[j], 0, "theme {i} is uncoded, article #{article}");
            }
        }
    }
    assert_eq!(m["max"], 2);

    // --only-coded keeps exactly the two coded articles, counts unchanged.
    let coded = ok_json(lib.path(), &["themes", "matrix", "--only-coded", "--json"]);
    let coded_ids: Vec<i64> = rows(&coded["articles"])
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    let mut expected = vec![feature, news];
    expected.sort_unstable();
    assert_eq!(coded_ids, expected);
    let f = coded_ids.iter().position(|&a| a == feature).unwrap();
    assert_eq!(coded["counts"][theme_index(&coded, "人机共生")][f], 2);
}

#[test]
fn themes_cooccurrence_counts_shared_highlights_and_overlaps_but_not_touching_ones() {
    let lib = Library::new();
    let (feature, _) = code_feature_and_copyright_news(&lib);
    // Two highlights that touch (one ends where the next starts) with different themes…
    let (a_start, a_end) = lib.span(feature, "第四是保持足够的警惕,");
    let (b_start, b_end) = lib.span(feature, "人工智能技术一方面能够丰富人们的创作思维");
    assert_eq!(a_end, b_start, "the two passages touch");
    lib.highlight(feature, (a_start, a_end), &["灵韵"]);
    lib.highlight(feature, (b_start, b_end), &["技术局限"]);
    // …and a third that shares code points with the second.
    lib.highlight(feature, (b_end - 4, b_end + 6), &["媒介与真实"]);

    let c = ok_json(lib.path(), &["themes", "cooccurrence", "--json"]);
    let counts = rows(&c["counts"]);
    let at = |x: &str, y: &str| counts[theme_index(&c, x)][theme_index(&c, y)].clone();

    // One highlight carrying both themes: they meet once, both ways round.
    assert_eq!(at("人机共生", "版权伦理"), 1);
    assert_eq!(at("版权伦理", "人机共生"), 1);
    // Touching is not overlapping.
    assert_eq!(at("灵韵", "技术局限"), 0);
    assert_eq!(at("灵韵", "媒介与真实"), 0);
    // Overlapping highlights meet.
    assert_eq!(at("技术局限", "媒介与真实"), 1);
    // The diagonal is each theme's passage count.
    assert_eq!(at("人机共生", "人机共生"), 2);
    assert_eq!(at("版权伦理", "版权伦理"), 2);
    assert_eq!(at("灵韵", "灵韵"), 1);

    // The pairs are exactly the two meetings, by theme id.
    let mut pairs: Vec<(i64, i64, u64)> = rows(&c["pairs"])
        .iter()
        .map(|p| {
            let (a, b) = (p["a"].as_i64().unwrap(), p["b"].as_i64().unwrap());
            (a.min(b), a.max(b), p["count"].as_u64().unwrap())
        })
        .collect();
    pairs.sort_unstable();
    let pair = |x: &str, y: &str| {
        let (a, b) = (theme_id(&c, x), theme_id(&c, y));
        (a.min(b), a.max(b), 1)
    };
    let mut expected = vec![pair("人机共生", "版权伦理"), pair("技术局限", "媒介与真实")];
    expected.sort_unstable();
    assert_eq!(pairs, expected);
}

/// Display columns: CJK ideographs, kana, CJK punctuation and full-width forms take two.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x3000..=0x303F
            | 0x3040..=0x30FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xF900..=0xFAFF
            | 0xFF01..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFF => 2,
            _ => 1,
        })
        .sum()
}

/// At most `width` shown characters of `s` from its end (or start), runs of
/// whitespace shown as one space — what a KWIC context should hold.
fn expected_context(s: &[char], width: usize, from_end: bool) -> String {
    let mut shown: Vec<char> = Vec::new();
    for &c in s {
        let gap = c.is_whitespace();
        if gap && shown.last() == Some(&' ') {
            continue;
        }
        shown.push(if gap { ' ' } else { c });
    }
    let n = shown.len().min(width);
    if from_end {
        shown[shown.len() - n..].iter().collect()
    } else {
        shown[..n].iter().collect()
    }
}

#[test]
fn kwic_rows_carry_the_text_around_each_occurrence_and_print_aligned() {
    let lib = Library::new();
    let found = ok_json(lib.path(), &["kwic", "影视", "--json"]);
    let found = rows(&found);

    // Every literal occurrence in the library, once each, in reading order.
    let mut occurrences = 0;
    for text in lib.texts.values() {
        occurrences += text.windows(2).filter(|w| w == &['影', '视']).count();
    }
    assert!(occurrences > 20, "the bundled corpus is about 影视");
    assert_eq!(found.len(), occurrences);
    let order: Vec<(i64, u64)> = found
        .iter()
        .map(|r| {
            (
                r["articleId"].as_i64().unwrap(),
                r["start"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted, "default order is article, then position");

    for r in found {
        let id = r["articleId"].as_i64().unwrap();
        let (start, end) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let text = lib.text(id);
        assert_eq!(r["match"], "影视");
        assert_eq!(lib.slice(id, start, end), "影视");
        // Context stays inside the paragraph, 20 code points by default.
        let para_start = text[..start]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |i| i + 1);
        let para_end = text[end..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(text.len(), |i| end + i);
        assert_eq!(
            r["left"],
            expected_context(&text[para_start..start], 20, true),
            "left of #{id}:{start}"
        );
        assert_eq!(
            r["right"],
            expected_context(&text[end..para_end], 20, false),
            "right of #{id}:{start}"
        );
        assert_eq!(
            r["paragraph"],
            text[..start].iter().filter(|&&c| c == '\n').count()
        );
    }

    // The human table: one line per row, the match column at one display column.
    let human = ok(lib.path(), &["kwic", "影视"]);
    let lines: Vec<&str> = human.lines().collect();
    assert_eq!(lines.len(), found.len());
    let mut match_columns = Vec::new();
    for (line, r) in lines.iter().zip(found) {
        let left = r["left"].as_str().unwrap();
        let right = r["right"].as_str().unwrap();
        let core = format!("{left}  影视  {right}");
        let at = line
            .find(&core)
            .unwrap_or_else(|| panic!("{line:?} shows {core:?}"));
        assert!(line[..at].chars().all(|c| c == ' '), "{line:?}");
        assert!(
            line.trim_end()
                .ends_with(&format!("#{}:{}", r["articleId"], r["start"])),
            "{line:?}"
        );
        match_columns.push(columns(&line[..at]) + columns(left) + 2);
    }
    let widest_left = found
        .iter()
        .map(|r| columns(r["left"].as_str().unwrap()))
        .max()
        .unwrap();
    assert!(
        match_columns.iter().all(|&c| c == widest_left + 2),
        "match columns {match_columns:?}"
    );
}

#[test]
fn terms_of_the_library_and_of_the_feature_article_come_from_their_texts() {
    let lib = Library::new();
    let everything: Vec<String> = lib
        .texts
        .values()
        .map(|t| t.iter().collect::<String>())
        .collect();
    let check = |terms: &Value, limit: usize, texts: &[&String]| -> Vec<String> {
        let terms = rows(terms);
        assert!(!terms.is_empty() && terms.len() <= limit, "{terms:?}");
        let weights: Vec<f64> = terms
            .iter()
            .map(|t| t["weight"].as_f64().unwrap())
            .collect();
        assert!(weights.iter().all(|&w| w > 0.0), "{weights:?}");
        assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{weights:?}");
        let words: Vec<String> = terms
            .iter()
            .map(|t| t["term"].as_str().unwrap().to_string())
            .collect();
        for w in &words {
            assert!(
                texts.iter().any(|t| t.contains(w.as_str())),
                "{w} is in the text"
            );
        }
        let mut unique = words.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), words.len(), "{words:?}");
        words
    };

    let library = ok_json(lib.path(), &["terms", "--json"]);
    check(&library, 20, &everything.iter().collect::<Vec<_>>());

    let feature = lib.article(FEATURE);
    let feature_text: String = lib.text(feature).iter().collect();
    let id = feature.to_string();
    let terms = ok_json(lib.path(), &["terms", "--article", &id, "--json"]);
    let words = check(&terms, 20, &[&feature_text]);
    assert!(
        words.iter().any(|w| w == "生成式人工智能"),
        "the feature's key terms: {words:?}"
    );

    let five = ok_json(
        lib.path(),
        &["terms", "--article", &id, "--limit", "5", "--json"],
    );
    assert_eq!(rows(&five).len(), 5);
}

fn suggestions(lib: &Path) -> Vec<Value> {
    rows(&ok_json(
        lib,
        &["themes", "suggest", "人机共生", "--limit", "5", "--json"],
    ))
    .to_vec()
}

fn place(s: &Value) -> (i64, u64, u64) {
    (
        s["articleId"].as_i64().unwrap(),
        s["start"].as_u64().unwrap(),
        s["end"].as_u64().unwrap(),
    )
}

#[test]
fn themes_suggest_gives_uncoded_sentences_at_their_offsets_and_dismiss_removes_one() {
    let lib = Library::new();
    let feature = lib.article(FEATURE);
    let coded = lib.span(feature, "让人工智能成为创作者们助手");
    lib.highlight(feature, coded, &["人机共生"]);

    let before = suggestions(lib.path());
    assert!(!before.is_empty() && before.len() <= 5, "{before:?}");
    for s in &before {
        let (id, start, end) = place(s);
        let (start, end) = (start as usize, end as usize);
        assert!(start < end);
        assert_eq!(
            s["text"],
            lib.slice(id, start, end),
            "text at #{id}:{start}"
        );
        assert!(!rows(&s["reasons"]).is_empty(), "{s}");
        // A sentence already coded with the theme is not suggested again.
        assert!(
            id != feature || end <= coded.0 || coded.1 <= start,
            "{s} overlaps the coded passage"
        );
    }
    let scores: Vec<f64> = before
        .iter()
        .map(|s| s["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    let (id, start, end) = place(&before[0]);
    let dismissed = ok(
        lib.path(),
        &[
            "themes",
            "dismiss",
            "人机共生",
            "--article",
            &id.to_string(),
            "--start",
            &start.to_string(),
            "--end",
            &end.to_string(),
        ],
    );
    assert!(dismissed.contains("dismissed"), "{dismissed}");

    let after = suggestions(lib.path());
    let places: Vec<_> = after.iter().map(place).collect();
    assert!(!places.contains(&(id, start, end)), "{places:?}");
    // The rest keep their order: what was second is now first.
    let kept: Vec<_> = before[1..].iter().map(place).collect();
    assert_eq!(&places[..kept.len()], kept.as_slice());

    // The dismissed sentence is listed, and restoring it brings it back first.
    let listed = ok_json(lib.path(), &["themes", "dismissed", "人机共生", "--json"]);
    assert_eq!(
        rows(&listed).iter().map(place).collect::<Vec<_>>(),
        vec![(id, start, end)]
    );
    assert_eq!(listed[0]["text"], before[0]["text"]);
    let restored = ok(
        lib.path(),
        &[
            "themes",
            "restore",
            "人机共生",
            "--article",
            &id.to_string(),
            "--start",
            &start.to_string(),
            "--end",
            &end.to_string(),
        ],
    );
    assert!(restored.contains("restored"), "{restored}");
    assert_eq!(place(&suggestions(lib.path())[0]), (id, start, end));
    assert!(rows(&ok_json(
        lib.path(),
        &["themes", "dismissed", "人机共生", "--json"]
    ))
    .is_empty());
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    let lib = Library::new();
    let p = lib.path();
    for args in [
        &["kwic"][..],
        &["themes", "suggest"],
        &["themes", "dismiss", "人机共生", "--article", "1"],
        &["terms", "--article", "1", "--theme", "灵韵"],
        &["kwic", "影视", "--sort", "sideways"],
    ] {
        assert_eq!(pizhu(p, args).status.code(), Some(2), "pizhu {args:?}");
    }
    // Well-formed commands the library cannot satisfy fail with 1.
    for args in [
        &["themes", "suggest", "没有这个主题"][..],
        &[
            "themes",
            "dismiss",
            "没有这个主题",
            "--article",
            "1",
            "--start",
            "0",
            "--end",
            "5",
        ],
        &["kwic", " "],
    ] {
        assert_eq!(pizhu(p, args).status.code(), Some(1), "pizhu {args:?}");
    }
}
