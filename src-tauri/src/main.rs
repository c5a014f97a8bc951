//! The desktop shell: opens the library and forwards one command, `api_call`, to
//! the core API. Everything a user can do lives in `pizhu-api`; nothing here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::Arc;

use pizhu_api::{ApiError, Pizhu};
use serde_json::Value;
use tauri::Manager;

/// Run one API operation. Database and index work blocks, so it runs on a
/// blocking thread, never on the async runtime that drives the window.
#[tauri::command]
async fn api_call(app: tauri::State<'_, Arc<Pizhu>>, op: String, args: Value) -> Result<Value, ApiError> {
    let app = Arc::clone(&app);
    tauri::async_runtime::spawn_blocking(move || app.call(&op, args))
        .await
        .map_err(|e| ApiError::new(pizhu_api::ErrorCode::Internal, e.to_string()))?
}

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            let dir = pizhu_core::LibraryDir::resolve(None);
            let pizhu = Pizhu::open(&dir).map_err(|e| format!("cannot open the library at {}: {e}", dir.root().display()))?;
            app.manage(Arc::new(pizhu));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![api_call])
        .run(tauri::generate_context!())
        .expect("error while running Pizhu");
}
