//! The bundled corpus (`data/`) as a user meets it: a fresh library on disk is
//! filled with the seven curated articles and the starter code book, exactly once.

use std::collections::HashSet;

use pizhu_api::{bundled, Pizhu};
use pizhu_core::LibraryDir;
use serde_json::{json, Value};

/// (title, authors, source, title supplied, number of headings), in file order.
const EXPECTED: &[(&str, &[&str], &str, bool, usize)] = &[
    (
        "影视产业新视角：大模型 Sora 带来的变革与思考",
        &["司若", "庞胜楠"],
        "",
        false,
        3,
    ),
    (
        "《加油吧！娜依拉》剧本研讨会在深圳举办",
        &["赵丽"],
        "",
        false,
        0,
    ),
    ("陕西省中小学影视教育协会成立", &["影子"], "", false, 0),
    ("天津开展院线电影版权保护专项工作", &["花花"], "", false, 0),
    ("Sora冲击下影视行业的挑战与应对", &[], "", true, 3),
    (
        "输入“繁花”能演出爷叔看宝总的表情? 专家解读: Sora 赋能于人, 不能代替人",
        &["刘昕璐"],
        "青年报",
        false,
        3,
    ),
    (
        "59秒视频质量媲美“大片” 颠覆影视行业？Sora能吗",
        &["刘宗智"],
        "齐鲁晚报",
        false,
        3,
    ),
];

fn open(dir: &std::path::Path) -> Pizhu {
    Pizhu::open(&LibraryDir::new(dir)).expect("open library")
}

/// Every article, in file order (ids ascend with insertion order).
fn articles(app: &Pizhu) -> Vec<Value> {
    let list = app.call("listArticles", json!({})).expect("listArticles");
    let mut ids: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    ids.sort();
    ids.iter()
        .map(|id| {
            app.call("getArticle", json!({ "id": id }))
                .expect("getArticle")
        })
        .collect()
}

fn text(a: &Value) -> &str {
    a["text"].as_str().unwrap()
}

/// A missing source or date may come back as null or "": both mean "none".
fn str_or_empty(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// Longest run of space-separated tokens of one or two printable ASCII characters
/// (`s2 j( i5 J& V: V…`): the shape of the anti-copy junk in seed 001. Real text
/// has at most isolated short ASCII tokens ("Sora 5 秒", "3D").
fn jammer_run(line: &str) -> usize {
    let (mut best, mut run) = (0, 0);
    for token in line.split(' ') {
        let short_ascii =
            (1..=2).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_graphic());
        run = if short_ascii { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

const JAMMER_LIMIT: usize = 4;

#[test]
fn the_junk_checker_flags_seed_junk_and_passes_real_text() {
    // Lines copied from the raw seed 001 (positive controls).
    for raw in [
        "7 `. m+ ?7 X0 `* A& z+ q' F",
        "s2 j( i5 J& V: VSora技术的突破,将给影视行业带来怎样的冲击与变化呢?",
        "1 D$ f+ c7 E$ ?",
        "汲取中国文化“天人合一”的思想,创建“人机共生”的影视新生态,将是推动影视行业高质量发展的必由之路。2 r5 T3 ^, {9 B5 v: s: M) V",
        "$ b; ~ R. ?/ V2 Q03",
    ] {
        assert!(jammer_run(raw) >= JAMMER_LIMIT, "not flagged: {raw}");
    }
    for real in [
        "从 5 秒拉升到 1 分钟视频的背后",
        "PIKA 以其对 3D 动画、动漫等多种风格视频的生成和编辑能力",
        "“在 Sora 前, 只能根据提示词生成 5~10 秒的短视频, 如今一口气把时长提到了 1 分钟",
        "随着 Gen-1 和 Gen-2 等后续版本的推出",
    ] {
        assert!(jammer_run(real) < JAMMER_LIMIT, "false alarm: {real}");
    }
}

/// What a bundled Markdown file should become: its body paragraphs (blank-line
/// separated) joined by '\n', with `## ` headings unmarked and listed by index.
fn expected_text(markdown: &str) -> (String, Vec<usize>) {
    let rest = markdown
        .strip_prefix("---\n")
        .expect("front matter opens the file");
    let end = rest.find("\n---\n").expect("front matter closes");
    let body = &rest[end + 5..];
    let mut paragraphs = Vec::new();
    let mut headings = Vec::new();
    for p in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        match p.strip_prefix("## ") {
            Some(h) => {
                headings.push(paragraphs.len());
                paragraphs.push(h);
            }
            None => paragraphs.push(p),
        }
    }
    (paragraphs.join("\n"), headings)
}

#[test]
fn a_new_library_holds_the_seven_curated_articles() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path());
    let all = articles(&app);
    assert_eq!(
        all.len(),
        7,
        "titles: {:?}",
        all.iter().map(|a| a["title"].clone()).collect::<Vec<_>>()
    );
    assert_eq!(bundled::ARTICLES.len(), 7);

    for (i, (a, (title, authors, source, supplied, heading_count))) in
        all.iter().zip(EXPECTED).enumerate()
    {
        assert_eq!(a["title"], *title, "article {}", i + 1);
        assert_eq!(a["authors"], json!(authors), "{title}");
        assert_eq!(str_or_empty(&a["source"]), *source, "{title}");
        assert_eq!(a["titleSupplied"], *supplied, "{title}");
        // Their real item types: seed 001's piece is from a journal, the rest are newspaper pieces.
        let item_type = if i == 4 {
            "journalArticle"
        } else {
            "newspaperArticle"
        };
        assert_eq!(a["reference"]["itemType"], item_type, "{title}");
        let creators: Vec<&str> = a["reference"]["creators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(creators, *authors, "{title}: names kept whole");
        // No bundled article carries a date: none is printed in the seeds.
        assert_eq!(str_or_empty(&a["published"]), "", "{title}");
        assert!(
            !a["corrections"].as_array().unwrap().is_empty(),
            "{title}: corrections are recorded"
        );

        let (name, markdown) = bundled::ARTICLES[i];
        assert!(name.starts_with(&format!("{:02}-", i + 1)), "{name}");
        let (want_text, want_headings) = expected_text(markdown);
        assert_eq!(
            text(a),
            want_text,
            "{title}: stored text is the file's body, paragraph for paragraph"
        );
        assert_eq!(a["headings"], json!(want_headings), "{title}");
        assert_eq!(want_headings.len(), *heading_count, "{title}");
    }
}

#[test]
fn article_texts_are_clean() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path());
    for a in articles(&app) {
        let title = a["title"].as_str().unwrap();
        let headings: HashSet<usize> = a["headings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_u64().unwrap() as usize)
            .collect();
        for (n, line) in text(&a).split('\n').enumerate() {
            assert!(!line.trim().is_empty(), "{title}: empty paragraph {n}");
            assert!(
                jammer_run(line) < JAMMER_LIMIT,
                "{title}: anti-copy junk in paragraph {n}: {line}"
            );
            // Characters that only the junk brought in (the seeds' real text uses none).
            assert!(
                !line.contains(['`', '{', '}', '|', '\\', '^', '$', '#', '&', '@', '*', '[', ']']),
                "{title}: {line}"
            );
            for furniture in [
                "编辑：曲鹏",
                "公益广告",
                "网络截图",
                "效果截图",
                "■文",
                "青年报记者",
                "记者 刘宗智",
            ] {
                assert!(
                    !line.contains(furniture),
                    "{title}: page furniture {furniture:?} left in: {line}"
                );
            }
            // A paragraph cut by a page break ends mid-sentence; every joined one ends like a sentence.
            if !headings.contains(&n) {
                let last = line.chars().last().unwrap();
                assert!(
                    "。？！?!”)）…".contains(last),
                    "{title}: paragraph {n} ends mid-sentence: …{line}"
                );
            }
        }
        // The news items' closing signatures became their authors.
        for signature in ["(赵丽)", "(影子)", "(花花)"] {
            assert!(
                !text(&a).contains(signature),
                "{title}: signature {signature} left in the text"
            );
        }
    }
}

#[test]
fn seed_003_is_back_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path());
    let all = articles(&app);
    let a = all
        .iter()
        .find(|a| a["title"] == EXPECTED[6].0)
        .expect("seed 003's article");
    let body = text(a);
    for joined in [
        "人们不免喜忧参半",
        "Sora的出现也为影视行业的发展，带来了更为广阔的想象空间",
    ] {
        assert!(body.contains(joined), "missing {joined}");
    }
    let lines: Vec<&str> = body.split('\n').collect();
    let pos = |needle: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(needle))
            .unwrap_or_else(|| panic!("{needle}"))
    };
    let zhou = pos("360创始人、董事长周鸿祎");
    let heading = pos("Sora将会替代谁");
    let prospects = pos("Sora的出现也为影视行业的发展");
    let worries = pos("技术浪潮下的影视产业");
    let aura = pos("最大短板是“灵韵”");
    assert_eq!(
        (heading, prospects, worries, aura),
        (zhou + 1, zhou + 2, zhou + 3, zhou + 4)
    );
    assert!(a["headings"].as_array().unwrap().contains(&json!(heading)));

    let corrections: Vec<&str> = a["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        corrections
            .iter()
            .any(|c| c.contains("reading order") && c.contains("Sora将会替代谁")),
        "the reordering is recorded: {corrections:?}"
    );
}

/// A stored theme, as the code book put it there.
#[derive(Debug, PartialEq)]
struct Theme {
    id: i64,
    name: String,
    color: String,
    description: String,
    keywords: Vec<String>,
    parent: Option<i64>,
}

/// Every theme, children included, straight from the store.
fn themes(app: &Pizhu) -> Vec<Theme> {
    app.store()
        .read(|c| {
            let mut stmt =
                c.prepare("SELECT id, name, color, description, keywords, parent_id FROM themes ORDER BY position")?;
            let rows = stmt
                .query_map([], |r| {
                    let keywords: String = r.get(4)?;
                    Ok(Theme {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        color: r.get(2)?,
                        description: r.get(3)?,
                        keywords: serde_json::from_str(&keywords).unwrap(),
                        parent: r.get(5)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(rows)
        })
        .unwrap()
}

#[test]
fn the_code_book_is_loaded_and_its_keywords_are_real() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path());
    let corpus: Vec<String> = articles(&app).iter().map(|a| text(a).to_string()).collect();
    let themes = themes(&app);
    let top: Vec<&str> = themes
        .iter()
        .filter(|t| t.parent.is_none())
        .map(|t| t.name.as_str())
        .collect();
    assert!(top.len() >= 7, "{top:?}");
    for name in [
        "人机共生",
        "版权伦理",
        "灵韵",
        "产业变革",
        "职业替代",
        "技术局限",
        "媒介与真实",
    ] {
        assert!(
            top.contains(&name),
            "top-level theme {name} missing: {top:?}"
        );
    }
    let id_of = |name: &str| themes.iter().find(|t| t.name == name).unwrap().id;
    let children_of = |name: &str| -> Vec<&str> {
        let id = id_of(name);
        themes
            .iter()
            .filter(|t| t.parent == Some(id))
            .map(|t| t.name.as_str())
            .collect()
    };
    assert_eq!(children_of("产业变革"), ["制作效率", "市场结构"]);
    assert_eq!(children_of("职业替代"), ["新职业与新能力"]);

    let mut colours = HashSet::new();
    for Theme {
        name,
        color,
        description,
        keywords,
        ..
    } in &themes
    {
        let hex = color
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{name}: colour {color}"));
        assert!(
            hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()),
            "{name}: colour {color}"
        );
        assert!(
            colours.insert(color.to_lowercase()),
            "{name}: colour {color} used twice"
        );
        assert!(!description.trim().is_empty(), "{name}: description");
        assert!(
            (4..=8).contains(&keywords.len()),
            "{name}: {} keywords",
            keywords.len()
        );
        for k in keywords {
            assert!(
                corpus.iter().any(|t| t.contains(k.as_str())),
                "{name}: keyword {k} occurs in no article"
            );
        }
    }
}

#[test]
fn the_user_dictionary_is_well_formed_and_names_real_words() {
    let dir = tempfile::tempdir().unwrap();
    let app = open(dir.path());
    let mut haystack = String::new();
    for a in articles(&app) {
        haystack.push_str(a["title"].as_str().unwrap());
        for author in a["authors"].as_array().unwrap() {
            haystack.push_str(author.as_str().unwrap());
        }
        haystack.push_str(str_or_empty(&a["source"]));
        haystack.push_str(text(&a));
    }
    let theme_names: HashSet<String> = themes(&app).into_iter().map(|t| t.name).collect();

    let mut words = HashSet::new();
    for line in bundled::USER_DICT.lines() {
        let fields: Vec<&str> = line.split(' ').collect();
        assert_eq!(fields.len(), 3, "`word freq tag` expected: {line:?}");
        let freq: u32 = fields[1]
            .parse()
            .unwrap_or_else(|_| panic!("frequency in {line:?}"));
        assert!((1000..=50_000).contains(&freq), "{line:?}");
        assert!(
            fields[2].chars().all(|c| c.is_ascii_lowercase()),
            "{line:?}"
        );
        assert!(words.insert(fields[0]), "{} listed twice", fields[0]);
        assert!(
            haystack.contains(fields[0]) || theme_names.contains(fields[0]),
            "{} occurs nowhere",
            fields[0]
        );
    }
    for name in &theme_names {
        assert!(
            words.contains(name.as_str()),
            "theme name {name} missing from the user dictionary"
        );
    }
    for term in [
        "文生视频",
        "人机共生",
        "生成式人工智能",
        "世界模拟器",
        "模态翻译",
        "轮扁斫轮",
        "爷叔",
        "宝总",
        "邱锡鹏",
    ] {
        assert!(words.contains(term), "{term}");
    }
}

#[test]
fn reopening_the_library_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (first_articles, first_themes) = {
        let app = open(dir.path());
        (articles(&app), themes(&app))
    };
    let app = open(dir.path());
    let again = articles(&app);
    assert_eq!(again.len(), 7);
    let ids = |v: &[Value]| {
        v.iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&again), ids(&first_articles));
    assert_eq!(themes(&app), first_themes);
}
