//! The launch benchmark's finish line, shared by the app and the bare-window
//! baseline (`src/bin/bare_window.rs`).

use std::time::Instant;

use tauri::State;

/// When the process started (as near as `main` can tell).
pub struct LaunchStart(Instant);

impl LaunchStart {
    pub fn now() -> LaunchStart {
        LaunchStart(Instant::now())
    }
}

/// The page calls this once, when its first screen is drawn (Pizhu: the library
/// list). Under the launch benchmark (`PIZHU_LAUNCH_PROBE` set) it prints one
/// JSON line with the time since `main` began and the process's resident memory;
/// otherwise nothing.
#[tauri::command]
pub fn library_visible(started: State<'_, LaunchStart>) {
    if std::env::var_os("PIZHU_LAUNCH_PROBE").is_none() {
        return;
    }
    let ms = started.0.elapsed().as_secs_f64() * 1000.0;
    let rss_kb = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({ "libraryVisibleMs": ms, "rssKb": rss_kb })
    );
}
