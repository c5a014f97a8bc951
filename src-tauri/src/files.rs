//! The only ways a file path enters the desktop app: the native open and save
//! dialogs, run on the Rust side. The page gets the chosen paths back, but
//! `api_call` honours a path only if the open dialog just granted it, and
//! `reveal_path` only shows files `save_export` wrote. (`open_library_folder`
//! takes no path: it opens the library's own folder.)

use std::path::PathBuf;
use std::sync::Arc;

use pizhu_api::{ApiError, Caller, ErrorCode, PathGrants, Pizhu};
use serde_json::{json, Value};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use crate::{call_blocking, internal, App};

/// Paths the user chose in this session's dialogs.
#[derive(Default)]
pub struct DialogGrants {
    /// Picked in the open dialog: the page may import each once.
    pub picked: PathGrants,
    /// Written by `save_export`: the page may reveal them.
    saved: PathGrants,
}

/// Native "open files" dialog for import: the chosen paths (`[]` when cancelled).
/// The page imports them one by one through `api_call`, so it can show progress
/// and a failure stays with its file.
#[tauri::command]
pub async fn pick_import_files(handle: AppHandle) -> Vec<PathBuf> {
    let (articles, mut references) = pizhu_api::import_extensions();
    // CNKI saves its EndNote and RIS exports as .txt.
    references.push("txt");
    let picked: Vec<PathBuf> = handle
        .dialog()
        .file()
        .add_filter("文章 Articles", &articles)
        // Reference files: each record becomes an article (see importReferences).
        .add_filter("参考文献 References", &references)
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect();
    handle
        .state::<Arc<DialogGrants>>()
        .picked
        .grant(picked.iter().cloned());
    picked
}

/// Native "choose folder" dialog (a Zotero data folder, or the base folder of
/// its linked files): the folder, `null` when cancelled. Granted like a picked
/// file, so the page may pass it to `importZotero` once.
#[tauri::command]
pub async fn pick_folder(handle: AppHandle) -> Option<PathBuf> {
    let picked = handle
        .dialog()
        .file()
        .blocking_pick_folder()?
        .into_path()
        .ok()?;
    handle
        .state::<Arc<DialogGrants>>()
        .picked
        .grant([picked.clone()]);
    Some(picked)
}

/// Native "save as" dialog, then `exportNotes` to that path. `null` when cancelled.
#[tauri::command]
pub async fn save_export(
    handle: AppHandle,
    app: App<'_>,
    grants: State<'_, Arc<DialogGrants>>,
    suggested_name: String,
    args: Value,
) -> Result<Value, ApiError> {
    // Checked before the dialog opens: a bad call must not ask the user anything.
    let args = export_options(args)?;
    let picked = handle
        .dialog()
        .file()
        .set_file_name(&suggested_name)
        .blocking_save_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(Value::Null);
    };
    let written =
        call_blocking(Arc::clone(&app), "exportNotes".into(), to_path(args, &path)).await?;
    if let Some(p) = written.get("path").and_then(Value::as_str) {
        grants.saved.grant([PathBuf::from(p)]);
    }
    Ok(written)
}

/// Show an exported file in the system's file manager.
#[tauri::command]
pub fn reveal_path(
    handle: AppHandle,
    grants: State<'_, Arc<DialogGrants>>,
    path: PathBuf,
) -> Result<(), ApiError> {
    if !grants.saved.contains(&path) {
        return Err(ApiError::new(
            ErrorCode::PathNotAllowed,
            "only a file this window exported can be shown",
        ));
    }
    handle.opener().reveal_item_in_dir(path).map_err(internal)
}

/// Open the library's folder in the system's file manager (the About panel).
/// The folder is the one this app opened; the page names nothing.
#[tauri::command]
pub fn open_library_folder(handle: AppHandle, app: App<'_>) -> Result<(), ApiError> {
    let folder = app.store().dir().root().to_path_buf();
    handle
        .opener()
        .open_path(folder.to_string_lossy(), None::<&str>)
        .map_err(internal)
}

/// The page's export options as an object (`null` = none); anything else is refused.
fn export_options(args: Value) -> Result<serde_json::Map<String, Value>, ApiError> {
    match args {
        Value::Null => Ok(Default::default()),
        Value::Object(map) => Ok(map),
        other => Err(ApiError::invalid(format!(
            "export options must be an object, not {other}"
        ))),
    }
}

/// The options with the dialog's path; the dialog already asked about replacing a file.
fn to_path(mut args: serde_json::Map<String, Value>, path: &std::path::Path) -> Value {
    args.insert("path".into(), json!(path));
    args.insert("force".into(), json!(true));
    Value::Object(args)
}

/// Run `op` as the page: file arguments only if the open dialog granted them.
pub fn call_as_page(
    app: &Pizhu,
    grants: &DialogGrants,
    op: &str,
    args: Value,
) -> Result<Value, ApiError> {
    app.call_as(Caller::Page(Some(&grants.picked)), op, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_options_must_be_an_object() {
        for bad in [json!(3), json!("path"), json!([1, 2]), json!(true)] {
            let e = export_options(bad.clone()).unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidInput, "{bad}");
        }
        assert!(export_options(Value::Null).unwrap().is_empty());
        let args =
            export_options(json!({"format": "md", "path": "/etc/x", "force": false})).unwrap();
        let out = to_path(args, std::path::Path::new("/home/u/notes.md"));
        assert_eq!(out["path"], "/home/u/notes.md");
        assert_eq!(out["force"], true);
        assert_eq!(out["format"], "md");
    }

    #[test]
    fn the_page_cannot_name_files_the_dialogs_did_not_give_it() {
        let app = Pizhu::open_in_memory().unwrap();
        let grants = DialogGrants::default();
        let dir = std::env::temp_dir();
        let target = dir.join("pizhu-desktop-test-never-written.md");
        let e = call_as_page(
            &app,
            &grants,
            "exportNotes",
            json!({"format": "md", "path": target, "force": true}),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::PathNotAllowed);
        assert!(!target.exists());
        let e = call_as_page(
            &app,
            &grants,
            "importFiles",
            json!({"paths": ["/etc/passwd"]}),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::PathNotAllowed);
        assert!(!grants.saved.contains(&target));
    }

    #[test]
    fn a_folder_picked_in_the_dialog_may_be_imported_from_zotero_once() {
        let app = Pizhu::open_in_memory().unwrap();
        let grants = DialogGrants::default();
        // A folder that exists but holds no Zotero library.
        let folder = std::env::temp_dir();
        let args = json!({"dir": folder, "collectionsAs": "collections"});
        let e = call_as_page(&app, &grants, "importZotero", args.clone()).unwrap_err();
        assert_eq!(e.code, ErrorCode::PathNotAllowed, "not picked: {e:?}");

        // What `pick_folder` does with the chosen folder.
        grants.picked.grant([folder.clone()]);
        let e = call_as_page(&app, &grants, "importZotero", args.clone()).unwrap_err();
        assert_eq!(
            e.code,
            ErrorCode::ImportFailed,
            "the path was let through: {e:?}"
        );
        assert!(e.message.contains("not a Zotero data directory"), "{e:?}");
        let e = call_as_page(&app, &grants, "importZotero", args).unwrap_err();
        assert_eq!(
            e.code,
            ErrorCode::PathNotAllowed,
            "a grant is used once: {e:?}"
        );

        // A base folder the dialog did not give is refused too.
        grants.picked.grant([folder.clone()]);
        let e = call_as_page(
            &app,
            &grants,
            "importZotero",
            json!({"dir": folder, "baseDir": "/etc"}),
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::PathNotAllowed);
    }
}
