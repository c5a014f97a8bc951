//! The desktop benchmark's baseline: the same Tauri and WebKitGTK, a window of the
//! same size, a static page of one line and no library. Its launch time and memory
//! are what Pizhu's are measured against (`scripts/bench-ui.sh`). Built only with
//! `--features baseline`.

#[path = "../launch.rs"]
mod launch;

fn main() {
    tauri::Builder::default()
        .manage(launch::LaunchStart::now())
        .invoke_handler(tauri::generate_handler![launch::library_visible])
        .run(tauri::generate_context!("baseline/tauri.conf.json"))
        .expect("error while running the bare window");
}
