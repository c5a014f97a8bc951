//! Correctness at scale (issue 17), on a generated library CI can afford:
//! 150 articles recombined from the bundled ones and 1,200 highlights over 30
//! themes, all made through the operations. Search results, the theme matrix
//! and a CSV export must agree with a brute-force computation over the library
//! as the operations read it back (`getArticle`, `listHighlights`).
//! The 10,000-paper version is the benchmark (`scripts/bench-library.sh`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use base64::Engine;
use pizhu_api::Pizhu;
use pizhu_core::normalize::normalize;
use pizhu_core::test_rng::Rng;
use serde_json::{json, Value};

const ARTICLES: usize = 150;
const HIGHLIGHTS: usize = 1_200;
const THEMES: usize = 30;

fn call(app: &Pizhu, op: &str, args: Value) -> Value {
    app.call(op, args).unwrap_or_else(|e| panic!("{op}: {e:?}"))
}

/// An article as brute force sees it: every searchable field, normalised.
struct Doc {
    fields: String,
}

/// A highlight: its passage and note, normalised; its article and themes.
struct Hl {
    article: i64,
    fields: String,
    themes: BTreeSet<String>,
    theme_ids: Vec<i64>,
}

fn build(app: &Pizhu, rng: &mut Rng) {
    let mut paragraphs = Vec::new();
    for a in call(app, "listArticles", json!({})).as_array().unwrap() {
        let full = call(app, "getArticle", json!({ "id": a["id"] }));
        for p in full["text"].as_str().unwrap().split('\n') {
            if p.chars().count() >= 20 {
                paragraphs.push(p.to_string());
            }
        }
    }
    for i in 0..ARTICLES {
        let body: Vec<&str> = (0..10)
            .map(|_| paragraphs[rng.below(paragraphs.len())].as_str())
            .collect();
        let text = format!("生成的文章{i}\n\n{}\n", body.join("\n\n"));
        let imported = call(
            app,
            "importData",
            json!({
                "fileName": format!("gen-{i:03}.txt"),
                "dataBase64": base64::engine::general_purpose::STANDARD.encode(text),
            }),
        );
        assert_eq!(
            imported["imported"].as_array().unwrap().len(),
            1,
            "{imported}"
        );
    }
    let articles: Vec<(i64, usize)> = call(app, "listArticles", json!({}))
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let id = a["id"].as_i64().unwrap();
            let text = call(app, "getArticle", json!({ "id": id }))["text"]
                .as_str()
                .unwrap()
                .chars()
                .count();
            (id, text)
        })
        .collect();
    let mut made = 0;
    while made < HIGHLIGHTS {
        let (id, len) = articles[rng.below(articles.len())];
        if len < 100 {
            continue;
        }
        let start = rng.below(len - 60);
        let end = start + 3 + rng.below(50);
        let first = rng.below(THEMES);
        let mut themes = vec![format!("规模主题{first:02}")];
        if rng.below(3) == 0 {
            themes.push(format!(
                "规模主题{:02}",
                (first + 1 + rng.below(THEMES - 1)) % THEMES
            ));
        }
        let note = if rng.below(5) == 0 {
            format!("批注{made}")
        } else {
            String::new()
        };
        call(
            app,
            "addHighlight",
            json!({ "articleId": id, "start": start, "end": end, "themes": themes, "note": note }),
        );
        made += 1;
    }
}

fn read_back(app: &Pizhu) -> (BTreeMap<i64, Doc>, BTreeMap<i64, Hl>) {
    let mut docs = BTreeMap::new();
    for a in call(app, "listArticles", json!({})).as_array().unwrap() {
        let id = a["id"].as_i64().unwrap();
        let full = call(app, "getArticle", json!({ "id": id }));
        let field = |k: &str| full[k].as_str().unwrap_or("").to_string();
        docs.insert(
            id,
            Doc {
                fields: normalize(&format!(
                    "{}\u{0}{}\u{0}{}",
                    field("title"),
                    field("text"),
                    field("memo")
                )),
            },
        );
    }
    let mut hls = BTreeMap::new();
    for h in call(app, "listHighlights", json!({})).as_array().unwrap() {
        let s = |k: &str| h[k].as_str().unwrap().to_string();
        hls.insert(
            h["id"].as_i64().unwrap(),
            Hl {
                article: h["articleId"].as_i64().unwrap(),
                fields: normalize(&format!("{}\u{0}{}", s("exact"), s("note"))),
                themes: h["themes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap().to_string())
                    .collect(),
                theme_ids: h["themeIds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_i64().unwrap())
                    .collect(),
            },
        );
    }
    (docs, hls)
}

/// Every hit of `query` (paging through, `page` hits at a time), as (article
/// hits, highlight hits).
fn all_hits(app: &Pizhu, query: &str, page: usize) -> (BTreeSet<i64>, BTreeSet<i64>) {
    let (mut articles, mut highlights) = (BTreeSet::new(), BTreeSet::new());
    let mut offset = 0;
    loop {
        let page = call(
            app,
            "search",
            json!({ "query": query, "limit": page, "offset": offset }),
        );
        assert!(
            page.get("indexing").is_none(),
            "an index in memory is current"
        );
        let hits = page["hits"].as_array().unwrap();
        for h in hits {
            match h.get("highlightId").and_then(Value::as_i64) {
                Some(id) => assert!(highlights.insert(id), "{query}: highlight {id} twice"),
                None => assert!(
                    articles.insert(h["articleId"].as_i64().unwrap()),
                    "{query}: article twice"
                ),
            }
        }
        offset += hits.len();
        if hits.is_empty() || offset >= page["total"].as_u64().unwrap() as usize {
            assert_eq!(offset, page["total"].as_u64().unwrap() as usize, "{query}");
            break;
        }
    }
    (articles, highlights)
}

#[test]
fn search_matrix_and_export_agree_with_brute_force_on_a_generated_library() {
    let app = Pizhu::open_in_memory().unwrap();
    let mut rng = Rng(0x5CA1_E000_0000_0017);
    build(&app, &mut rng);
    let (docs, hls) = read_back(&app);
    assert!(docs.len() >= ARTICLES && hls.len() >= HIGHLIGHTS);

    // ---- search: single Han characters (each is indexed on its own, so brute force is
    // a substring test) and pairs of them (both in the same document).
    let han: Vec<char> = docs
        .values()
        .flat_map(|d| d.fields.chars())
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    // 的 and 中 are in most documents: the longest lists, paged the furthest.
    let mut queries: Vec<Vec<char>> = vec![vec!['的'], vec!['中'], vec!['的', '中']];
    queries.extend((0..40).map(|_| vec![han[rng.below(han.len())]]));
    queries.extend((0..20).map(|_| vec![han[rng.below(han.len())], han[rng.below(han.len())]]));
    for chars in &queries {
        let query = chars
            .iter()
            .map(char::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        let (found_articles, found_highlights) = all_hits(&app, &query, 1000);
        // Page by page, as the search list loads more, the same hits, each once
        // (equal scores must not move across a page boundary).
        assert_eq!(
            all_hits(&app, &query, 9),
            (found_articles.clone(), found_highlights.clone()),
            "{query:?} paged 9 at a time"
        );
        let has_all = |s: &str| chars.iter().all(|c| s.contains(*c));
        let want_articles: BTreeSet<i64> = docs
            .iter()
            .filter(|(_, d)| has_all(&d.fields))
            .map(|(id, _)| *id)
            .collect();
        let want_highlights: BTreeSet<i64> = hls
            .iter()
            .filter(|(_, h)| has_all(&h.fields))
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(found_articles, want_articles, "articles for {query:?}");
        assert_eq!(
            found_highlights, want_highlights,
            "highlights for {query:?}"
        );
    }

    // ---- the theme × article matrix: one count per highlight and theme.
    let matrix = call(&app, "themeMatrix", json!({}));
    let mut want: HashMap<(i64, i64), u32> = HashMap::new();
    for h in hls.values() {
        for t in &h.theme_ids {
            *want.entry((*t, h.article)).or_default() += 1;
        }
    }
    let themes: Vec<i64> = matrix["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    let articles: Vec<i64> = matrix["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(articles.len(), docs.len());
    let mut total = 0;
    for (ti, t) in themes.iter().enumerate() {
        for (ai, a) in articles.iter().enumerate() {
            let got = matrix["counts"][ti][ai].as_u64().unwrap() as u32;
            assert_eq!(
                got,
                want.get(&(*t, *a)).copied().unwrap_or(0),
                "theme {t} article {a}"
            );
            total += got;
        }
    }
    assert_eq!(total as usize, want.values().sum::<u32>() as usize);

    // ---- a CSV export of everything: one row per highlight, with its themes.
    let export = call(&app, "exportNotes", json!({ "format": "csv" }));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(export["dataBase64"].as_str().unwrap())
        .unwrap();
    let mut reader = csv::Reader::from_reader(bytes.strip_prefix("\u{feff}".as_bytes()).unwrap());
    let mut rows = BTreeMap::new();
    for row in reader.records() {
        let row = row.unwrap();
        let id: i64 = row[0].parse().unwrap();
        let themes: BTreeSet<String> = row[6]
            .split("; ")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        assert!(rows
            .insert(id, (row[1].parse::<i64>().unwrap(), themes))
            .is_none());
    }
    assert_eq!(rows.len(), hls.len(), "one row per highlight");
    for (id, h) in &hls {
        let (article, themes) = &rows[id];
        assert_eq!(*article, h.article, "highlight {id}'s article");
        assert_eq!(themes, &h.themes, "highlight {id}'s themes");
    }
}
