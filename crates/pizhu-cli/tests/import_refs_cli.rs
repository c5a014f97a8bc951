//! `pizhu import-refs FILE [--json]` per the contract in issue #13: imported in
//! file order, duplicates and failed records by record number, exit 1 when a
//! record failed, attached files imported through the importers, records
//! without one as metadata-only items, the file as one undo step; and the
//! reference exports read back in as duplicates.

mod common;

use std::path::Path;

use common::{ok, ok_json, pizhu};
use serde_json::Value;

const RIS: &str = "TY  - JOUR\r
TI  - 评点与阅读：以金圣叹为例\r
AU  - 欧阳修\r
AU  - Smith, John\r
T2  - 文学评论\r
PY  - 2020\r
DO  - 10.1234/WXPL.2020.1\r
L1  - files/essay.html\r
ER  - \r
\r
TY  - BOOK\r
TI  - 中国阅读史\r
AU  - 王小明\r
PB  - 中华书局\r
PY  - 2015\r
ER  - \r
\r
TY  - JOUR\r
AU  - 无题, 作者\r
ER  - \r
\r
TY  - CHAP\r
TI  - 中国阅读史\r
AU  - 王小明\r
PY  - 2015\r
ER  - \r
";

fn write_fixture(dir: &Path) -> std::path::PathBuf {
    std::fs::create_dir_all(dir.join("files")).unwrap();
    std::fs::write(
        dir.join("files/essay.html"),
        "<html><body><h1>评点与阅读</h1><p>金圣叹批《水浒》，句句有眼。</p></body></html>",
    )
    .unwrap();
    let path = dir.join("refs.ris");
    std::fs::write(&path, RIS).unwrap();
    path
}

fn run(lib: &Path, args: &[&str]) -> (Value, i32) {
    let out = pizhu(lib, args);
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (v, out.status.code().unwrap())
}

/// One article's reference, as the CSL-JSON export writes it.
fn csl(lib: &Path, id: &str, tmp: &Path) -> Value {
    let out = tmp.join(format!("article-{id}.json"));
    ok(
        lib,
        &[
            "export",
            "--format",
            "csl-json",
            "--article",
            id,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap()
}

fn count(lib: &Path) -> usize {
    ok_json(lib, &["list", "--json"]).as_array().unwrap().len()
}

#[test]
fn import_refs_follows_the_contract() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let file = write_fixture(tmp.path());
    let before = count(&lib);

    let (r, code) = run(&lib, &["import-refs", file.to_str().unwrap(), "--json"]);
    assert_eq!(code, 1, "a failed record makes the exit code 1: {r}");
    let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["duplicates", "failed", "imported"], "{r}");
    let imported = r["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 2);
    assert_eq!(imported[0]["title"], "评点与阅读：以金圣叹为例");
    assert_eq!(imported[1]["title"], "中国阅读史");
    assert_eq!(r["failed"][0]["record"], 3);
    assert!(r["failed"][0]["error"]
        .as_str()
        .unwrap()
        .contains("no title"));
    // Same title, first author and year as record 2, though typed differently.
    assert_eq!(r["duplicates"][0]["record"], 4);
    assert_eq!(r["duplicates"][0]["id"], imported[1]["id"]);
    assert_eq!(count(&lib), before + 2);

    // The attached HTML came in as the article's text, with the full reference.
    let id = imported[0]["id"].as_i64().unwrap().to_string();
    let a = ok_json(&lib, &["show", &id, "--json"]);
    assert!(
        a["text"].as_str().unwrap().contains("金圣叹批《水浒》"),
        "{a}"
    );
    let item = &csl(&lib, &id, tmp.path())[0];
    assert_eq!(item["type"], "article-journal");
    assert_eq!(item["DOI"], "10.1234/WXPL.2020.1");
    assert_eq!(item["author"][0]["family"], "欧阳");
    assert_eq!(item["author"][1]["family"], "Smith");
    // The book has no file: a metadata-only item.
    let id = imported[1]["id"].as_i64().unwrap().to_string();
    let b = ok_json(&lib, &["show", &id, "--json"]);
    assert_eq!(b["text"], "");
    assert_eq!(csl(&lib, &id, tmp.path())[0]["publisher"], "中华书局");

    // A file attached later gives the metadata-only item its text; undoable.
    let doc = tmp.path().join("book.html");
    std::fs::write(
        &doc,
        "<html><body><p>中国阅读史的第一章。</p></body></html>",
    )
    .unwrap();
    ok(&lib, &["attach", &id, doc.to_str().unwrap()]);
    let b = ok_json(&lib, &["show", &id, "--json"]);
    assert!(b["text"].as_str().unwrap().contains("第一章"), "{b}");
    let again = pizhu(&lib, &["attach", &id, doc.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already has its text"));
    ok(&lib, &["undo"]);
    assert_eq!(ok_json(&lib, &["show", &id, "--json"])["text"], "");

    // Again: everything is a duplicate now (the DOI matches whatever its case).
    let (r, code) = run(&lib, &["import-refs", file.to_str().unwrap(), "--json"]);
    assert_eq!(code, 1);
    assert!(r["imported"].as_array().unwrap().is_empty(), "{r}");
    assert_eq!(r["duplicates"].as_array().unwrap().len(), 3);

    // The first import is one undo step.
    ok(&lib, &["undo"]);
    assert_eq!(count(&lib), before);
}

/// The files in the library's `originals/` folder.
fn originals(lib: &Path) -> Vec<String> {
    match std::fs::read_dir(lib.join("originals")) {
        Ok(dir) => dir
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn attached_files_are_kept_so_the_article_can_be_reimported_without_them() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let file = write_fixture(tmp.path());
    let (r, _) = run(&lib, &["import-refs", file.to_str().unwrap(), "--json"]);
    let essay = r["imported"][0]["id"].as_i64().unwrap().to_string();
    let book = r["imported"][1]["id"].as_i64().unwrap().to_string();
    assert_eq!(originals(&lib).len(), 1, "the record's attachment is kept");
    assert!(originals(&lib)[0].ends_with(".html"));

    let doc = tmp.path().join("book.html");
    std::fs::write(
        &doc,
        "<html><body><p>中国阅读史的第一章。</p></body></html>",
    )
    .unwrap();
    ok(&lib, &["attach", &book, doc.to_str().unwrap()]);
    assert_eq!(
        originals(&lib).len(),
        2,
        "a file attached later is kept too"
    );

    // The user's copies are gone; both articles re-import from the library's own.
    std::fs::remove_dir_all(tmp.path().join("files")).unwrap();
    std::fs::remove_file(&doc).unwrap();
    for id in [&essay, &book] {
        let before = ok_json(&lib, &["show", id, "--json"])["text"].clone();
        ok(&lib, &["reimport", id]);
        assert_eq!(ok_json(&lib, &["show", id, "--json"])["text"], before);
    }
}

#[test]
fn a_clean_file_exits_0_and_an_unknown_one_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let good = tmp.path().join("one.bib");
    std::fs::write(
        &good,
        "@book{w2015, title = {中国阅读史}, author = {王小明}, year = {2015}}\n",
    )
    .unwrap();
    let (r, code) = run(&lib, &["import-refs", good.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{r}");
    assert_eq!(r["imported"].as_array().unwrap().len(), 1);

    let prose = tmp.path().join("essay.txt");
    std::fs::write(&prose, "这不是参考文献文件。\n").unwrap();
    let out = pizhu(&lib, &["import-refs", prose.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a reference file"));
}

#[test]
fn the_import_command_takes_reference_files_and_exports_come_back_as_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let file = write_fixture(tmp.path());
    let (r, code) = run(&lib, &["import", file.to_str().unwrap(), "--json"]);
    assert_eq!(
        code, 1,
        "like import-refs, a failed record is not a success"
    );
    let imported = r["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 2, "{r}");
    assert_eq!(imported[1]["title"], "中国阅读史");
    assert_eq!(r["failed"].as_array().unwrap().len(), 1);

    for (format, name) in [
        ("csl-json", "out.json"),
        ("bibtex", "out.bib"),
        ("ris", "out.ris"),
    ] {
        let out = tmp.path().join(name);
        ok(
            &lib,
            &["export", "--format", format, "--out", out.to_str().unwrap()],
        );
        let (back, code) = run(&lib, &["import-refs", out.to_str().unwrap(), "--json"]);
        assert_eq!(code, 0, "{format}: {back}");
        assert!(
            back["imported"].as_array().unwrap().is_empty(),
            "{format}: {back}"
        );
        assert_eq!(
            back["duplicates"].as_array().unwrap().len(),
            count(&lib),
            "{format}"
        );
    }
}

/// A Zotero data directory built from the fixture SQL (Zotero's public schema,
/// userdata v129) and its stored HTML snapshot.
fn zotero_dir(tmp: &Path) -> std::path::PathBuf {
    let fixtures =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../pizhu-import/tests/fixtures/zotero");
    let dir = tmp.join("Zotero");
    std::fs::create_dir_all(dir.join("storage/CCCC3333")).unwrap();
    std::fs::copy(
        fixtures.join("storage/CCCC3333/page.html"),
        dir.join("storage/CCCC3333/page.html"),
    )
    .unwrap();
    let sql = std::fs::read_to_string(fixtures.join("zotero-v129.sql")).unwrap();
    pizhu_core::rusqlite::Connection::open(dir.join("zotero.sqlite"))
        .unwrap()
        .execute_batch(&sql)
        .unwrap();
    dir
}

#[test]
fn import_zotero_brings_items_attachments_and_annotations() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let dir = zotero_dir(tmp.path());
    let db = std::fs::read(dir.join("zotero.sqlite")).unwrap();
    let d = dir.to_str().unwrap();

    let r = ok_json(
        &lib,
        &[
            "import-zotero",
            d,
            "--collection",
            "小说史",
            "--collections-as",
            "themes",
            "--json",
        ],
    );
    let imported = r["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 1, "{r}");
    assert_eq!(imported[0]["key"], "AAAA1111");
    assert_eq!(r["highlights"], 1);
    let unplaced = r["unplaced"].as_array().unwrap();
    assert_eq!(unplaced.len(), 1);
    assert_eq!(unplaced[0]["key"], "EEEE5555");
    assert!(unplaced[0]["reason"]
        .as_str()
        .unwrap()
        .contains("not in the imported article"));
    // Named for the UI's own wording (issue #15).
    assert_eq!(unplaced[0]["kind"], "annotation_text_not_found");

    let id = imported[0]["id"].as_i64().unwrap().to_string();
    let hs = ok_json(&lib, &["highlight", "list", "--article", &id, "--json"]);
    let h = &hs.as_array().unwrap()[0];
    assert_eq!(h["exact"], "句句有眼", "{h}");
    assert!(h["note"].as_str().unwrap().contains("要紧处：读法"), "{h}");
    assert!(h["note"].as_str().unwrap().contains("p. 46"), "{h}");
    assert_eq!(h["color"], "#ffd400", "{h}");
    assert!(
        h.to_string().contains("评点研究"),
        "the collection is the theme: {h}"
    );
    let item = &csl(&lib, &id, tmp.path())[0];
    assert_eq!(
        item["custom"]["sourceLink"],
        "zotero://select/library/items/AAAA1111"
    );
    assert_eq!(item["keyword"], "明清小说, 评点");

    // The rest of the library; the first item is a duplicate now.
    let r = ok_json(&lib, &["import-zotero", d, "--json"]);
    assert_eq!(r["imported"].as_array().unwrap().len(), 1, "{r}");
    assert_eq!(r["duplicates"][0]["key"], "AAAA1111");
    // Zotero's database was only read.
    assert_eq!(std::fs::read(dir.join("zotero.sqlite")).unwrap(), db);
}

/// The fixture library with a group library and linked files added
/// (`groups-and-linked.sql`); the book's linked file under `base`.
fn zotero_dir_with_groups(tmp: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = zotero_dir(tmp);
    let fixtures =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../pizhu-import/tests/fixtures/zotero");
    let sql = std::fs::read_to_string(fixtures.join("groups-and-linked.sql")).unwrap();
    pizhu_core::rusqlite::Connection::open(dir.join("zotero.sqlite"))
        .unwrap()
        .execute_batch(&sql)
        .unwrap();
    let base = tmp.join("附件");
    std::fs::create_dir_all(base.join("书")).unwrap();
    std::fs::write(
        base.join("书/阅读史.html"),
        "<html><head><title>中国阅读史</title></head><body><h1>中国阅读史</h1>\
         <p>古人读书，先求其通，再求其精，这是一部讲阅读方法变迁的书。</p></body></html>",
    )
    .unwrap();
    (dir, base)
}

#[test]
fn import_zotero_keeps_the_collection_tree_group_libraries_and_linked_files() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let (dir, base) = zotero_dir_with_groups(tmp.path());
    let (d, b) = (dir.to_str().unwrap(), base.to_str().unwrap());

    let r = ok_json(
        &lib,
        &[
            "import-zotero",
            d,
            "--collections-as",
            "collections",
            "--base-dir",
            b,
            "--json",
        ],
    );
    let imported = r["imported"].as_array().unwrap();
    let keys: Vec<&str> = imported
        .iter()
        .map(|i| i["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["AAAA1111", "BBBB2222", "HHHH8888"], "{r}");
    assert_eq!(imported[2]["library"], "读书会", "which library: {r}");
    assert!(imported[0]["library"].is_null());
    // The linked file was read: the book has its text, not metadata only.
    let book = ok_json(&lib, &["show", &imported[1]["id"].to_string(), "--json"]);
    assert!(
        book["text"].as_str().unwrap().contains("先求其通"),
        "{book}"
    );
    // The group item's linked file is missing: reported, the item kept as metadata.
    let missing = r["missingFiles"].as_array().unwrap();
    assert_eq!(missing.len(), 1, "{r}");
    assert_eq!(missing[0]["key"], "HHHH8888");
    assert_eq!(missing[0]["path"], "/nonexistent/pizhu-test/missing.pdf");
    assert_eq!(missing[0]["kind"], "linked_file_missing");
    assert_eq!(
        r["collectionsCreated"], 5,
        "小说史, 评点研究, 其他, 读书会, 共读: {r}"
    );

    let tree = ok_json(&lib, &["collection", "list", "--json"]);
    let paths: Vec<(String, i64)> = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["path"].as_str().unwrap().to_string(),
                c["articles"].as_i64().unwrap(),
            )
        })
        .collect();
    for want in [
        ("小说史/评点研究", 1),
        ("小说史", 0),
        ("其他", 1),
        ("读书会/共读", 1),
    ] {
        assert!(
            paths.contains(&(want.0.to_string(), want.1)),
            "{want:?} in {paths:?}"
        );
    }
    let group_article = ok_json(&lib, &["list", "--collection", "读书会/共读", "--json"]);
    assert_eq!(group_article[0]["title"], "群组里的书");
    let item = &csl(&lib, &imported[2]["id"].to_string(), tmp.path())[0];
    assert_eq!(
        item["custom"]["sourceLink"],
        "zotero://select/groups/4567/items/HHHH8888"
    );

    // Without the base directory the relative link is reported, not guessed.
    let lib2 = tmp.path().join("lib2");
    let r = ok_json(&lib2, &["import-zotero", d, "--json"]);
    let reasons: Vec<&str> = r["missingFiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.iter().any(|r| r.contains("--base-dir")),
        "{reasons:?}"
    );
    assert!(
        r["missingFiles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["kind"] == "linked_file_needs_base_dir"),
        "{r}"
    );

    // Importing again adds nothing and reuses the collections.
    let again = ok_json(
        &lib,
        &[
            "import-zotero",
            d,
            "--collections-as",
            "collections",
            "--base-dir",
            b,
            "--json",
        ],
    );
    assert_eq!(again["imported"].as_array().unwrap().len(), 0);
    assert_eq!(again["collectionsCreated"], 0);
}
