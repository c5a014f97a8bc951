//! The desktop shell. It opens the library and forwards `api_call` to the core
//! API; everything a user can do lives in `pizhu-api`, not here. The only extra
//! commands run native dialogs on the Rust side (so the page needs no dialog or
//! file-system permission) and then call the same API.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::Arc;

use pizhu_api::{ApiError, ErrorCode, Pizhu};
use serde_json::{json, Value};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

mod launch;

type App<'a> = State<'a, Arc<Pizhu>>;

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, e.to_string())
}

/// Run one API operation. Database and index work blocks, so it runs on a
/// blocking thread, never on the async runtime that drives the window.
async fn call_blocking(app: Arc<Pizhu>, op: String, args: Value) -> Result<Value, ApiError> {
    tauri::async_runtime::spawn_blocking(move || app.call(&op, args))
        .await
        .map_err(internal)?
}

#[tauri::command]
async fn api_call(app: App<'_>, op: String, args: Value) -> Result<Value, ApiError> {
    call_blocking(Arc::clone(&app), op, args).await
}

/// Native "open files" dialog for import: the chosen paths (`[]` when cancelled).
/// The page imports them one by one through `api_call`, so it can show progress
/// and a failure stays with its file.
#[tauri::command]
async fn pick_import_files(handle: AppHandle) -> Vec<PathBuf> {
    let picked = handle
        .dialog()
        .file()
        .add_filter(
            "文章 Articles",
            &["txt", "md", "markdown", "html", "htm", "docx"],
        )
        .blocking_pick_files();
    picked
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect()
}

/// Native "save as" dialog, then `exportNotes` to that path. `null` when cancelled.
#[tauri::command]
async fn save_export(
    handle: AppHandle,
    app: App<'_>,
    suggested_name: String,
    args: Value,
) -> Result<Value, ApiError> {
    let picked = handle
        .dialog()
        .file()
        .set_file_name(&suggested_name)
        .blocking_save_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(Value::Null);
    };
    let mut args = args;
    args["path"] = json!(path);
    // The dialog already asked the user about replacing an existing file.
    args["force"] = json!(true);
    call_blocking(Arc::clone(&app), "exportNotes".into(), args).await
}

/// Show an exported file in the system's file manager.
#[tauri::command]
fn reveal_path(handle: AppHandle, path: PathBuf) -> Result<(), ApiError> {
    handle.opener().reveal_item_in_dir(path).map_err(internal)
}

/// `pizhu://article/12?start=5&end=9` → the UI route that opens that passage.
fn route_for_deep_link(url: &str) -> Option<String> {
    let rest = url.strip_prefix("pizhu://")?;
    let safe = rest
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/?&=-_.".contains(c));
    safe.then(|| format!("#/{rest}"))
}

fn open_deep_link(handle: &AppHandle, url: &str) {
    if let (Some(route), Some(window)) =
        (route_for_deep_link(url), handle.get_webview_window("main"))
    {
        // The route is checked to be plain ASCII path characters above.
        let _ = window.eval(format!("window.location.hash = {:?}", route));
        let _ = window.set_focus();
    }
}

fn main() {
    let started = launch::LaunchStart::now();
    tauri::Builder::default()
        .manage(started)
        .plugin(tauri_plugin_single_instance::init(|handle, argv, _cwd| {
            if let Some(url) = argv.iter().find(|a| a.starts_with("pizhu://")) {
                open_deep_link(handle, url);
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            let dir = pizhu_core::LibraryDir::resolve(None);
            let pizhu = Pizhu::open(&dir)
                .map_err(|e| format!("cannot open the library at {}: {e}", dir.root().display()))?;
            app.manage(Arc::new(pizhu));
            if let Some(url) = std::env::args().find(|a| a.starts_with("pizhu://")) {
                open_deep_link(app.handle(), &url);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            api_call,
            pick_import_files,
            save_export,
            reveal_path,
            launch::library_visible
        ])
        .run(tauri::generate_context!())
        .expect("error while running Pizhu");
}

#[cfg(test)]
mod tests {
    use super::route_for_deep_link;

    #[test]
    fn deep_links_become_routes_and_nothing_else_gets_through() {
        assert_eq!(
            route_for_deep_link("pizhu://article/3?start=10&end=20").as_deref(),
            Some("#/article/3?start=10&end=20")
        );
        assert_eq!(route_for_deep_link("pizhu://article/3\";alert(1)//"), None);
        assert_eq!(route_for_deep_link("https://example.com"), None);
    }
}
