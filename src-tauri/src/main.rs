//! The desktop shell. It opens the library and forwards `api_call` to the core
//! API; everything a user can do lives in `pizhu-api`, not here. The only extra
//! commands run native dialogs on the Rust side (so the page needs no dialog or
//! file-system permission) and then call the same API.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::Arc;

use pizhu_api::{ApiError, ErrorCode, Pizhu};
use serde_json::Value;
use tauri::{Manager, State};

mod deep_link;
mod files;
mod launch;
mod opened;
mod viewer;

use files::DialogGrants;

pub(crate) type App<'a> = State<'a, Arc<Pizhu>>;

pub(crate) fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, e.to_string())
}

/// Run one API operation. Database and index work blocks, so it runs on a
/// blocking thread, never on the async runtime that drives the window.
pub(crate) async fn call_blocking(
    app: Arc<Pizhu>,
    op: String,
    args: Value,
) -> Result<Value, ApiError> {
    tauri::async_runtime::spawn_blocking(move || app.call(&op, args))
        .await
        .map_err(internal)?
}

/// An operation from the page. The page is web content: it may not name files,
/// except those the user just picked in the open dialog.
#[tauri::command]
async fn api_call(
    app: App<'_>,
    grants: State<'_, Arc<DialogGrants>>,
    op: String,
    args: Value,
) -> Result<Value, ApiError> {
    let (app, grants) = (Arc::clone(&app), Arc::clone(&grants));
    tauri::async_runtime::spawn_blocking(move || files::call_as_page(&app, &grants, &op, args))
        .await
        .map_err(internal)?
}

fn main() {
    let started = launch::LaunchStart::now();
    tauri::Builder::default()
        .manage(started)
        .manage(Arc::new(DialogGrants::default()))
        .manage(Arc::new(opened::Inbox::default()))
        // A second launch (a link or "Open with Pizhu") hands its arguments to this one.
        .plugin(tauri_plugin_single_instance::init(|handle, argv, cwd| {
            opened::handle_args(handle, &argv, std::path::Path::new(&cwd));
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
            let args: Vec<String> = std::env::args().collect();
            let cwd = std::env::current_dir().unwrap_or_default();
            opened::handle_args(app.handle(), &args, &cwd);
            deep_link::listen_for_open_url_events(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            api_call,
            files::pick_import_files,
            files::pick_folder,
            files::save_export,
            files::reveal_path,
            files::open_library_folder,
            opened::take_opened,
            viewer::open_original,
            launch::library_visible
        ])
        .run(tauri::generate_context!())
        .expect("error while running Pizhu");
}
