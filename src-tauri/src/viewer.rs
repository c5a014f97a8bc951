//! Opening an article's kept original (a PDF, an EPUB) in the system's viewer,
//! at the page of a passage. The desktop names the default viewer of a file
//! type (`xdg-mime`); viewers take a page in different ways, so the ones our
//! users have are told the page and any other opens the file at its start.

use std::path::{Path, PathBuf};
use std::process::Command;

use pizhu_api::{ApiError, ErrorCode};
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

use crate::{internal, App};

/// Open article `id`'s kept original in the system's viewer, at physical page
/// `page` when given. The page names an article, never a path: the file is the
/// one the library keeps.
#[tauri::command]
pub fn open_original(
    handle: AppHandle,
    app: App<'_>,
    id: i64,
    page: Option<u32>,
) -> Result<(), ApiError> {
    let store = app.store();
    let rel = store.original_path(id)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            format!("article {id} has no original file kept in the library"),
        )
    })?;
    let file = store.dir().root().join(rel);
    if !file.is_file() {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("the original file {} is missing", file.display()),
        ));
    }
    let page = match page {
        Some(n) => store
            .article_pages(id)?
            .into_iter()
            .find(|p| p.n == n)
            .map(|p| PageRef { n, label: p.label }),
        None => None,
    };
    if cfg!(target_os = "linux") && open_at_page(&file, page.as_ref(), &[]).map_err(internal)? {
        return Ok(());
    }
    // No known viewer (or not Linux): the system opens it at its start.
    handle
        .opener()
        .open_path(file.to_string_lossy(), None::<&str>)
        .map_err(internal)
}

/// A page as the article knows it: physical number from 1, printed label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRef {
    pub n: u32,
    pub label: String,
}

/// How a viewer takes the page to open at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageArg {
    /// Evince and its forks: `--page-label=45` (the printed label).
    Label,
    /// Okular `-p 3`, zathura `-P 3`: the physical page.
    Flag(&'static str),
    /// Browsers' PDF viewers: `file:///….pdf#page=3`.
    Fragment,
    /// Unknown viewer: open the file, no page.
    None,
}

fn page_arg(program: &str) -> PageArg {
    let name = Path::new(program)
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match name.as_str() {
        "evince" | "atril" | "xreader" | "papers" => PageArg::Label,
        "okular" => PageArg::Flag("-p"),
        "zathura" => PageArg::Flag("-P"),
        "firefox"
        | "firefox-esr"
        | "chromium"
        | "chromium-browser"
        | "google-chrome"
        | "google-chrome-stable"
        | "microsoft-edge" => PageArg::Fragment,
        _ => PageArg::None,
    }
}

/// The command line a desktop entry's `Exec` value gives for `file` at
/// `page`, or `None` when the line cannot be used (empty, or no program).
pub fn viewer_command(exec: &str, file: &Path, page: Option<&PageRef>) -> Option<Vec<String>> {
    let words = split_exec(exec);
    let program = words.first()?.clone();
    let style = page.map_or(PageArg::None, |_| page_arg(&program));
    let url = file_url(file);
    let target = match (style, page) {
        (PageArg::Fragment, Some(p)) => format!("{url}#page={}", p.n),
        _ => file.to_string_lossy().into_owned(),
    };
    let mut out = vec![program];
    let mut placed = false;
    for w in &words[1..] {
        match w.as_str() {
            "%f" | "%F" | "%u" | "%U" => {
                push_page(&mut out, style, page);
                let arg = if matches!(w.as_str(), "%u" | "%U") && !target.contains("#page=") {
                    url.clone()
                } else {
                    target.clone()
                };
                out.push(arg);
                placed = true;
            }
            // Icon, name and desktop-file field codes carry nothing we need.
            "%i" | "%c" | "%k" => {}
            _ => out.push(w.replace("%%", "%")),
        }
    }
    if !placed {
        push_page(&mut out, style, page);
        out.push(target);
    }
    Some(out)
}

fn push_page(out: &mut Vec<String>, style: PageArg, page: Option<&PageRef>) {
    match (style, page) {
        (PageArg::Label, Some(p)) => out.push(format!("--page-label={}", p.label)),
        (PageArg::Flag(flag), Some(p)) => {
            out.push(flag.to_string());
            out.push(p.n.to_string());
        }
        _ => {}
    }
}

/// `file:///path` with the characters a URL may not hold %-escaped.
fn file_url(file: &Path) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
    const PATH: &AsciiSet = &CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    format!(
        "file://{}",
        utf8_percent_encode(&file.to_string_lossy(), PATH)
    )
}

/// An `Exec` value split into words: double quotes group, a backslash in
/// quotes escapes the next character (the Desktop Entry rules).
fn split_exec(exec: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut in_word) = (false, false);
    let mut chars = exec.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            '\\' if quoted => {
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The MIME type the desktop files the original under.
pub fn mime_of(file: &Path) -> &'static str {
    match file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .as_deref()
    {
        Some("pdf" | "caj") => "application/pdf",
        Some("epub") => "application/epub+zip",
        Some("html" | "htm" | "xhtml") => "text/html",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "text/plain",
    }
}

/// The `Exec` value of the desktop's default application for `mime`, looked up
/// as `xdg-mime` does, with the environment the command is given (`env`
/// overrides this process's: the tests run in a made-up desktop).
pub fn default_exec(mime: &str, env: &[(String, String)]) -> Option<String> {
    let out = Command::new("xdg-mime")
        .args(["query", "default", mime])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .ok()?;
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() || id.is_empty() || id.contains('/') {
        return None;
    }
    let var = |name: &str| {
        env.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .or_else(|| std::env::var(name).ok())
            .filter(|v| !v.is_empty())
    };
    let data_home = var("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|h| Path::new(&h).join(".local/share")))?;
    let data_dirs = var("XDG_DATA_DIRS").unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    let dirs = std::iter::once(data_home).chain(data_dirs.split(':').map(PathBuf::from));
    for dir in dirs {
        let Ok(entry) = std::fs::read_to_string(dir.join("applications").join(&id)) else {
            continue;
        };
        if let Some(exec) = exec_line(&entry) {
            return Some(exec);
        }
    }
    None
}

/// The `Exec` key of a desktop entry's main group.
fn exec_line(entry: &str) -> Option<String> {
    let mut in_main = false;
    for line in entry.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_main = line == "[Desktop Entry]";
        } else if in_main {
            if let Some(v) = line.strip_prefix("Exec=") {
                return Some(v.trim().to_string());
            }
        }
    }
    None
}

/// Start the default viewer of `file` at `page`. `Ok(false)` when the desktop
/// names no usable viewer (the caller then opens the file the generic way).
pub fn open_at_page(
    file: &Path,
    page: Option<&PageRef>,
    env: &[(String, String)],
) -> std::io::Result<bool> {
    let Some(argv) =
        default_exec(mime_of(file), env).and_then(|exec| viewer_command(&exec, file, page))
    else {
        return Ok(false);
    };
    Command::new(&argv[0])
        .args(&argv[1..])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .spawn()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p45() -> PageRef {
        PageRef {
            n: 3,
            label: "45".into(),
        }
    }

    #[test]
    fn each_known_viewer_is_told_the_page_its_own_way() {
        let f = Path::new("/lib/originals/ab 12.pdf");
        let cmd = |exec: &str| viewer_command(exec, f, Some(&p45())).unwrap().join("|");
        assert_eq!(
            cmd("evince %U"),
            "evince|--page-label=45|file:///lib/originals/ab%2012.pdf"
        );
        assert_eq!(
            cmd("/usr/bin/okular %U"),
            "/usr/bin/okular|-p|3|file:///lib/originals/ab%2012.pdf"
        );
        assert_eq!(cmd("zathura %f"), "zathura|-P|3|/lib/originals/ab 12.pdf");
        assert_eq!(
            cmd("firefox-esr %u"),
            "firefox-esr|file:///lib/originals/ab%2012.pdf#page=3"
        );
        // Unknown viewers open the file; so does a known one without a page.
        assert_eq!(cmd("mupdf-gl %f"), "mupdf-gl|/lib/originals/ab 12.pdf");
        assert_eq!(
            viewer_command("evince %U", f, None).unwrap().join("|"),
            "evince|file:///lib/originals/ab%2012.pdf"
        );
    }

    #[test]
    fn exec_lines_are_split_as_the_desktop_entry_rules_say() {
        assert_eq!(
            split_exec(r#""/opt/My Viewer/view" --x "a \"b\"" %F"#),
            ["/opt/My Viewer/view", "--x", "a \"b\"", "%F"]
        );
        let f = Path::new("/a.pdf");
        // No field code: the file goes last. %i/%c/%k are dropped.
        assert_eq!(
            viewer_command("atril --fullscreen %i", f, Some(&p45())).unwrap(),
            ["atril", "--fullscreen", "--page-label=45", "/a.pdf"]
        );
        assert!(viewer_command("   ", f, None).is_none());
        let entry =
            "[Desktop Entry]\nName=V\nExec=evince %U\n[Desktop Action new]\nExec=evince --new";
        assert_eq!(exec_line(entry).as_deref(), Some("evince %U"));
    }

    /// A made-up desktop whose PDF viewer is a script named `evince` that
    /// writes down how it was started; `xdg-mime` is the real one.
    #[test]
    fn the_desktops_default_viewer_is_started_at_the_page() {
        if Command::new("xdg-mime").arg("--version").output().is_err() {
            panic!("xdg-mime (xdg-utils) is needed: scripts/setup.sh installs it");
        }
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for d in ["data/applications", "config", "bin"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        let log = root.join("args");
        let viewer = root.join("bin/evince");
        std::fs::write(
            &viewer,
            format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", log.display()),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&viewer, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(
            root.join("data/applications/test-viewer.desktop"),
            format!(
                "[Desktop Entry]\nType=Application\nName=Viewer\nExec=\"{}\" %U\nMimeType=application/pdf;\n",
                viewer.display()
            ),
        )
        .unwrap();
        std::fs::write(
            root.join("config/mimeapps.list"),
            "[Default Applications]\napplication/pdf=test-viewer.desktop\n",
        )
        .unwrap();
        let env: Vec<(String, String)> = [
            ("HOME", root.to_path_buf()),
            ("XDG_CONFIG_HOME", root.join("config")),
            ("XDG_DATA_HOME", root.join("data")),
            ("XDG_DATA_DIRS", root.join("none")),
            ("XDG_CURRENT_DESKTOP", PathBuf::from("")),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string_lossy().into_owned()))
        .collect();
        let pdf = root.join("paper.pdf");
        std::fs::write(&pdf, b"%PDF-1.4").unwrap();
        assert!(open_at_page(&pdf, Some(&p45()), &env).unwrap());
        let mut args = String::new();
        for _ in 0..100 {
            args = std::fs::read_to_string(&log).unwrap_or_default();
            if !args.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert_eq!(
            args.lines().collect::<Vec<_>>(),
            ["--page-label=45", &file_url(&pdf)]
        );
        // No viewer for EPUB in this desktop: the caller falls back.
        assert!(!open_at_page(&root.join("book.epub"), None, &env).unwrap());
    }
}
