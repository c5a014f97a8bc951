//! What the desktop hands the app on its command line, at launch or forwarded by
//! the single-instance plugin to the running app: `pizhu://` links (see
//! `deep_link.rs`) and files. "Open with Pizhu" in a file manager runs the
//! desktop entry's `pizhu-desktop %U`, so a file arrives as a path or a
//! `file://` URI; it is imported through the same operation as the import
//! button, and the page then opens the article.
//!
//! The shell keeps what it was asked to open until the page takes it
//! (`take_opened`): at launch the page may not be listening yet, so it takes
//! what waits as it starts, and the shell tells it when something more arrives.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use pizhu_api::{ApiError, Pizhu};
use serde::Serialize;
use serde_json::{json, Value};
use tauri::{AppHandle, Manager, State, Url};

use crate::deep_link;

/// One thing to show, in the order asked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Opened {
    /// A UI route (`#/article/3?start=10&end=20`), from a `pizhu://` link.
    Route { route: String },
    /// What importing the files did (`importFiles`' report); the page opens
    /// the first article and words any failure.
    Import { report: Value },
}

/// What waits for the page.
#[derive(Default)]
pub struct Inbox(Mutex<Vec<Opened>>);

impl Inbox {
    fn push(&self, item: Opened) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(item);
    }

    fn take(&self) -> Vec<Opened> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The page takes what it was asked to open (at start, and when told).
#[tauri::command]
pub fn take_opened(inbox: State<'_, Arc<Inbox>>) -> Vec<Opened> {
    inbox.take()
}

/// Act on a command line (`args[0]` is the program): its first Pizhu link and
/// every file it names.
pub fn handle_args<S: AsRef<str>>(handle: &AppHandle, args: &[S], cwd: &Path) {
    if let Some(route) = deep_link::link_in_args(args).and_then(deep_link::route_for) {
        deliver(handle, Opened::Route { route });
    }
    let files = files_in_args(args, cwd);
    if !files.is_empty() {
        import_then_deliver(handle.clone(), files);
    }
}

/// Keep `item` for the page, tell the page, and bring the window forward.
pub fn deliver(handle: &AppHandle, item: Opened) {
    handle.state::<Arc<Inbox>>().push(item);
    if let Some(window) = handle.get_webview_window("main") {
        // A fixed script: the page then asks for what waits (`take_opened`).
        let _ = window.eval("window.dispatchEvent(new Event('pizhu-opened'))");
        let _ = window.set_focus();
    }
}

/// Import on a blocking thread (a long PDF must not hold the window), then deliver.
fn import_then_deliver(handle: AppHandle, files: Vec<PathBuf>) {
    tauri::async_runtime::spawn_blocking(move || {
        let app = Arc::clone(&handle.state::<Arc<Pizhu>>());
        let report = import_report(&app, &files);
        deliver(&handle, Opened::Import { report });
    });
}

/// `importFiles` on `files`, as the import button runs it after the file dialog;
/// an error of the whole call becomes a failure of each file, so the page has
/// one shape to show.
fn import_report(app: &Pizhu, files: &[PathBuf]) -> Value {
    app.call("importFiles", json!({ "paths": files }))
        .unwrap_or_else(|e: ApiError| {
            let failed: Vec<Value> = files
                .iter()
                .map(|f| json!({ "file": f.display().to_string(), "error": e.message }))
                .collect();
            json!({ "imported": [], "duplicates": [], "failed": failed })
        })
}

/// The files a command line names: paths (relative ones from `cwd`, where the
/// launching program stood) and `file://` URIs, each an existing regular file.
/// The program itself, links, options and anything else are left out.
pub fn files_in_args<S: AsRef<str>>(args: &[S], cwd: &Path) -> Vec<PathBuf> {
    args.iter()
        .skip(1)
        .map(AsRef::as_ref)
        .filter(|a| !a.starts_with('-') && !a.starts_with("pizhu://"))
        .filter_map(|a| {
            if a.starts_with("file:") {
                Url::parse(a).ok()?.to_file_path().ok()
            } else {
                Some(cwd.join(a))
            }
        })
        .filter(|p| p.is_file())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_as_paths_relative_paths_or_file_uris() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("article.txt");
        let chinese = dir.path().join("生成式 视频.md");
        std::fs::write(&plain, "x").unwrap();
        std::fs::write(&chinese, "x").unwrap();
        let uri = Url::from_file_path(&chinese).unwrap().to_string();
        assert!(
            uri.contains("%E7%94%9F"),
            "percent-encoded as a launcher passes it: {uri}"
        );
        let args = [
            "/usr/bin/pizhu-desktop",
            plain.to_str().unwrap(),
            &uri,
            "pizhu://article/3",
            "--some-option",
            "missing.txt",
            dir.path().to_str().unwrap(), // a folder is not a file to open
        ];
        assert_eq!(
            files_in_args(&args, Path::new("/")),
            vec![plain.clone(), chinese]
        );
        // A relative path is the launching program's, not the app's.
        assert_eq!(
            files_in_args(&["pizhu-desktop", "article.txt"], dir.path()),
            vec![plain]
        );
    }

    #[test]
    fn the_program_itself_and_links_are_not_files() {
        let exe = std::env::current_exe().unwrap();
        let args = [exe.to_str().unwrap(), "pizhu://article/3?start=1&end=2"];
        assert!(files_in_args(&args, Path::new("/")).is_empty());
    }

    #[test]
    fn a_file_is_imported_as_the_import_button_does_and_a_failure_keeps_its_file() {
        let app = Pizhu::open_in_memory().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("打开方式.txt");
        std::fs::write(&good, "打开方式\n\n从文件管理器用批注打开的一篇文章。\n").unwrap();
        let report = import_report(&app, std::slice::from_ref(&good));
        assert_eq!(report["imported"].as_array().unwrap().len(), 1, "{report}");
        assert_eq!(report["imported"][0]["title"], "打开方式");
        // The same file again is a duplicate that names the same article.
        let again = import_report(&app, std::slice::from_ref(&good));
        assert_eq!(again["duplicates"][0]["id"], report["imported"][0]["id"]);

        let bad = dir.path().join("picture.png");
        std::fs::write(&bad, [0x89, b'P', b'N', b'G']).unwrap();
        let failed = import_report(&app, std::slice::from_ref(&bad));
        assert_eq!(failed["failed"][0]["file"], bad.display().to_string());
        assert_eq!(failed["failed"][0]["kind"], "unsupported_type", "{failed}");
    }

    /// The MIME type a Linux desktop gives files with extension `ext` (shared-mime-info),
    /// or None where "Open with Pizhu" should not be offered: the format has no type of its
    /// own (CAJ, EndNote, NoteExpress) or a generic one (CSL-JSON is `application/json`).
    fn desktop_mime_type(ext: &str) -> Option<&'static str> {
        match ext {
            "txt" | "text" => Some("text/plain"),
            "md" | "markdown" => Some("text/markdown"),
            "html" | "htm" => Some("text/html"),
            "xhtml" => Some("application/xhtml+xml"),
            "docx" => {
                Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            }
            "pdf" => Some("application/pdf"),
            "epub" => Some("application/epub+zip"),
            "ris" => Some("application/x-research-info-systems"),
            "bib" => Some("text/x-bibtex"),
            "caj" | "enw" | "net" | "csl" | "json" => None,
            other => panic!(
                "a new import format .{other}: add its MIME type to packaging/pizhu.desktop.hbs and here"
            ),
        }
    }

    #[test]
    fn the_desktop_entry_offers_open_with_for_every_format_pizhu_imports() {
        let entry = include_str!("../../packaging/pizhu.desktop.hbs");
        let offered: Vec<&str> = entry
            .lines()
            .find_map(|l| l.strip_prefix("MimeType="))
            .expect("a MimeType line")
            .split(';')
            .collect();
        let (articles, references) = pizhu_api::import_extensions();
        for ext in articles.into_iter().chain(references) {
            if let Some(mime) = desktop_mime_type(ext) {
                assert!(
                    offered.contains(&mime),
                    ".{ext} ({mime}) is not in {offered:?}"
                );
            }
        }
        // The bundler adds the URL scheme of tauri.conf.json's deep links.
        assert!(entry.contains("{{mime_type}}"));
        assert!(
            entry.contains("Exec={{exec}} %U"),
            "files and links arrive as arguments"
        );
    }

    #[test]
    fn the_inbox_hands_each_item_over_once() {
        let inbox = Inbox::default();
        inbox.push(Opened::Route {
            route: "#/article/1".into(),
        });
        inbox.push(Opened::Import {
            report: json!({"imported": []}),
        });
        let taken = inbox.take();
        assert_eq!(taken.len(), 2);
        assert_eq!(
            serde_json::to_value(&taken[0]).unwrap(),
            json!({"kind": "route", "route": "#/article/1"})
        );
        assert_eq!(serde_json::to_value(&taken[1]).unwrap()["kind"], "import");
        assert!(inbox.take().is_empty());
    }
}
