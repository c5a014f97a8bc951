//! A web page (the browser UI, the desktop webview) cannot make the API read or
//! write a file it names: only the CLI and native dialogs hand the API paths.
//! Regression tests for "the HTTP API reads and writes any file" (issue 14).

use std::path::Path;

use pizhu_api::{ApiError, Caller, ErrorCode, PathGrants, Pizhu};
use serde_json::{json, Value};

fn page(app: &Pizhu, op: &str, args: Value) -> Result<Value, ApiError> {
    app.call_as(Caller::Page(None), op, args)
}

fn assert_refused(result: Result<Value, ApiError>, what: &str) {
    match result {
        Err(e) => assert_eq!(e.code, ErrorCode::PathNotAllowed, "{what}: {e:?}"),
        Ok(v) => panic!("{what} was allowed: {v}"),
    }
}

fn article_count(app: &Pizhu) -> usize {
    app.call("listArticles", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn a_page_cannot_export_over_a_file() {
    let app = Pizhu::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bashrc = dir.path().join(".bashrc");
    std::fs::write(&bashrc, "echo original\n").unwrap();
    assert_refused(
        page(
            &app,
            "exportNotes",
            json!({"format": "md", "path": bashrc, "force": true}),
        ),
        "exportNotes with path and force",
    );
    assert_refused(
        page(
            &app,
            "exportNotes",
            json!({"format": "md", "path": dir.path()}),
        ),
        "exportNotes into a folder",
    );
    assert_refused(
        page(&app, "exportNotes", json!({"format": "md", "force": true})),
        "exportNotes with force",
    );
    assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), "echo original\n");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // The download form still works for a page, and `force: false` / `path: null` are harmless.
    let download = page(
        &app,
        "exportNotes",
        json!({"format": "md", "path": null, "force": false}),
    )
    .unwrap();
    assert!(download["dataBase64"].is_string(), "{download}");
}

#[test]
fn a_page_cannot_import_files_by_path() {
    let app = Pizhu::open_in_memory().unwrap();
    let before = article_count(&app);
    for paths in [
        json!(["/etc/passwd"]),
        json!(["../../../../etc/passwd"]),
        json!("/etc/hosts"),
    ] {
        assert_refused(
            page(&app, "importFiles", json!({ "paths": paths })),
            "importFiles",
        );
    }
    assert_eq!(article_count(&app), before, "nothing was imported");
}

#[test]
fn a_page_learns_nothing_about_which_paths_exist() {
    let app = Pizhu::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let exists = dir.path().join("there.json");
    std::fs::write(&exists, "{}").unwrap();
    let missing = dir.path().join("not-there.json");
    for op in ["importAnnotations", "importCodebook", "importReferences"] {
        let a = page(&app, op, json!({ "path": exists })).unwrap_err();
        let b = page(&app, op, json!({ "path": missing })).unwrap_err();
        assert_eq!(a.code, ErrorCode::PathNotAllowed, "{op}: {a:?}");
        // The same answer for both, apart from nothing: no existence oracle.
        assert_eq!(a, b, "{op}");
    }
}

#[test]
fn the_cli_still_names_files() {
    let app = Pizhu::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("notes.md");
    let out = app
        .call("exportNotes", json!({"format": "md", "path": target}))
        .unwrap();
    assert_eq!(Path::new(out["path"].as_str().unwrap()), target);
    assert!(target.is_file());
}

#[test]
fn a_file_picked_in_the_open_dialog_can_be_imported_once() {
    let app = Pizhu::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let picked = dir.path().join("picked.txt");
    std::fs::write(&picked, "对话框里选中的文章。\n第二段。").unwrap();
    let other = dir.path().join("other.txt");
    std::fs::write(&other, "没有选过的文件。").unwrap();
    let grants = PathGrants::new();
    grants.grant([picked.clone()]);
    let desktop = Caller::Page(Some(&grants));

    // A list holding one file the user did not pick is refused whole.
    assert_refused(
        app.call_as(
            desktop,
            "importFiles",
            json!({ "paths": [&picked, &other] }),
        ),
        "a picked and an unpicked file",
    );
    let report = app
        .call_as(desktop, "importFiles", json!({ "paths": [&picked] }))
        .unwrap();
    assert_eq!(report["imported"].as_array().unwrap().len(), 1, "{report}");
    // The grant is used up, and it never allowed writing to the file.
    assert_refused(
        app.call_as(desktop, "importFiles", json!({ "paths": [&picked] })),
        "the same file again",
    );
    grants.grant([picked.clone()]);
    assert_refused(
        app.call_as(
            desktop,
            "exportNotes",
            json!({"format": "md", "path": &picked, "force": true}),
        ),
        "exporting over a file picked for import",
    );
    assert_eq!(
        std::fs::read_to_string(&picked).unwrap(),
        "对话框里选中的文章。\n第二段。"
    );
}

/// The desktop's Zotero dialog: a folder picked in the native folder picker may
/// be read by `importZotero` once; a base folder for linked files only if picked too.
#[test]
fn a_zotero_folder_picked_in_the_dialog_can_be_imported_from_once() {
    let app = Pizhu::open_in_memory().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().to_path_buf();
    let grants = PathGrants::new();
    let desktop = Caller::Page(Some(&grants));
    let args = json!({"dir": &dir, "collectionsAs": "collections"});
    assert_refused(
        app.call_as(desktop, "importZotero", args.clone()),
        "an unpicked folder",
    );

    grants.grant([dir.clone()]);
    let e = app
        .call_as(desktop, "importZotero", args.clone())
        .unwrap_err();
    // Let through to the import, which finds no Zotero library there.
    assert_eq!(e.code, ErrorCode::ImportFailed, "{e:?}");
    assert!(e.message.contains("not a Zotero data directory"), "{e:?}");
    assert_refused(
        app.call_as(desktop, "importZotero", args),
        "the same folder again",
    );

    grants.grant([dir.clone()]);
    assert_refused(
        app.call_as(
            desktop,
            "importZotero",
            json!({"dir": &dir, "baseDir": "/etc"}),
        ),
        "a base folder the dialog did not give",
    );
}
