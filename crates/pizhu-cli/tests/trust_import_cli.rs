//! Issue 14 through the real binary: terminal escapes stored by an older
//! version are shown, not obeyed, by `list` / `show`; new imports lose them;
//! devices and FIFOs are refused instead of eating memory or hanging.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::ok;
use pizhu_api::Pizhu;
use pizhu_core::{LibraryDir, NewArticle};

const ESC: char = '\u{1b}';

#[test]
fn list_and_show_escape_control_characters_already_in_a_library() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let id = {
        let app = Pizhu::open(&LibraryDir::new(&lib)).unwrap();
        // Stored as an older importer would have: escapes and a bidi override raw.
        let article = NewArticle {
            title: "\u{1b}[2J\u{1b}[31m清屏的标题\u{1b}[0m".into(),
            authors: vec!["作者\u{1b}]0;伪造窗口标题\u{7}".into()],
            text: "第一段\u{1b}[8m隐藏的字\u{1b}[0m。\n文件\u{202e}txt.exe".into(),
            ..Default::default()
        };
        let inserted = app.store().insert_articles(None, &[article]).unwrap();
        match inserted[0] {
            pizhu_core::articles::Inserted::New(id) => id,
            ref other => panic!("{other:?}"),
        }
    };
    for args in [
        vec!["list".to_string()],
        vec!["show".to_string(), id.to_string()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = ok(&lib, &args);
        assert!(!out.contains(ESC), "{args:?} printed a raw ESC: {out:?}");
        assert!(
            !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{out:?}"
        );
        assert!(out.contains("\\u{1b}[31m清屏的标题"), "{out:?}");
    }
    let shown = ok(&lib, &["show", &id.to_string()]);
    assert!(shown.contains("文件\\u{202e}txt.exe"), "{shown}");
    // --json keeps the data exact (JSON escapes control characters itself).
    let json = ok(&lib, &["list", "--json"]);
    assert!(
        !json.contains(ESC) && json.contains("\\u001b[31m"),
        "{json}"
    );
}

#[test]
fn an_imported_title_loses_its_escape_sequences() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let file = tmp.path().join("escaped.txt");
    std::fs::write(
        &file,
        "\u{1b}[1m\u{1b}]0;pwned\u{7}影视产业新视角\u{1b}[0m\n\n正文一段，讲述新技术。\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pizhu"))
        .arg("--library")
        .arg(&lib)
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("影视产业新视角  ("), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("control characters"));
    let list = ok(&lib, &["list"]);
    assert!(!list.contains(ESC) && !list.contains("\\u{1b}"), "{list}");
}

/// `pizhu import` under a 1 GB address-space limit and a 30 s deadline: the
/// old reader grew memory without bound on /dev/zero and blocked on a FIFO.
fn import_guarded(lib: &Path, files: &[&Path]) -> (Option<i32>, String) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 1048576 && exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_pizhu"))
        .arg("--library")
        .arg(lib)
        .arg("import")
        .args(files)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("pizhu import hung on {files:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    ok(&lib, &["list"]);
    let zero = tmp.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let fifo = tmp.path().join("pipe.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (code, stderr) = import_guarded(&lib, &[&zero, &fifo, Path::new("/dev/zero")]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr.matches("character device").count(), 2, "{stderr}");
    assert!(stderr.contains("named pipe (FIFO)"), "{stderr}");
    assert_eq!(ok(&lib, &["list"]), "");
}
