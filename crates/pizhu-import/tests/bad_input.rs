//! Bad input is refused with a clear error, never imported as garbage.

use std::io::Write;

use pizhu_import::{
    import_bytes, import_path, import_path_with_limit, ImportError, ImportOptions, MAX_FILE_BYTES,
};

fn opts() -> ImportOptions {
    ImportOptions::default()
}

#[test]
fn empty_file() {
    assert!(matches!(
        import_bytes("a.txt", b"", &opts()),
        Err(ImportError::Empty)
    ));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("empty.md");
    std::fs::write(&p, b"").unwrap();
    assert!(matches!(import_path(&p, &opts()), Err(ImportError::Empty)));
}

#[test]
fn whitespace_only_file_has_no_text() {
    assert!(matches!(
        import_bytes("a.txt", b" \n\n\t\n", &opts()),
        Err(ImportError::NoText)
    ));
}

#[test]
fn png_renamed_txt_is_binary() {
    // A real PNG header and IHDR chunk.
    let mut png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x20\0\0\0\x20\x08\x06\0\0\0\x73\x7a\x7a\xf4".to_vec();
    png.extend(std::iter::repeat_n(0x42u8, 200));
    assert!(matches!(
        import_bytes("photo.txt", &png, &opts()),
        Err(ImportError::Binary)
    ));
    assert!(matches!(
        import_bytes("photo.md", &png, &opts()),
        Err(ImportError::Binary)
    ));
    assert!(matches!(
        import_bytes("photo.html", &png, &opts()),
        Err(ImportError::Binary)
    ));
}

#[test]
fn unsupported_extension() {
    match import_bytes("book.mobi", b"BOOKMOBI", &opts()) {
        Err(e @ ImportError::UnsupportedType(_)) => assert!(e.to_string().contains(".mobi")),
        other => panic!("expected UnsupportedType, got {other:?}"),
    }
    // A bare zip header named .epub is a damaged EPUB, not a crash.
    assert!(matches!(
        import_bytes("book.epub", b"PK\x03\x04", &opts()),
        Err(ImportError::Malformed(_))
    ));
    // A bare PDF header with nothing behind it is a damaged PDF, not a crash.
    assert!(matches!(
        import_bytes("scan.pdf", b"%PDF-1.7", &opts()),
        Err(ImportError::Malformed(_))
    ));
    assert!(matches!(
        import_bytes("README", b"text", &opts()),
        Err(ImportError::UnsupportedType(_))
    ));
    // The extension is case-insensitive.
    assert!(import_bytes("NOTE.TXT", "标题\n正文。".as_bytes(), &opts()).is_ok());
}

#[test]
fn too_large_with_a_small_injected_limit() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.txt");
    std::fs::write(&p, "标题\n正文正文正文。".repeat(50)).unwrap();
    match import_path_with_limit(&p, &opts(), 100) {
        Err(ImportError::TooLarge { size, limit }) => {
            assert_eq!(limit, 100);
            assert!(size > 100);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    assert!(import_path_with_limit(&p, &opts(), 1 << 20).is_ok());
}

#[test]
fn too_large_at_the_real_limit_via_a_sparse_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.txt");
    let f = std::fs::File::create(&p).unwrap();
    // Sparse: no disk space used, and the importer must not read it.
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    match import_path(&p, &opts()) {
        Err(e @ ImportError::TooLarge { .. }) => assert!(e.to_string().contains("limit")),
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn unreadable_paths_name_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    match import_path(&dir.path().join("missing.txt"), &opts()) {
        Err(e @ ImportError::Io(_)) => {
            assert!(e.to_string().to_lowercase().contains("no such file"), "{e}")
        }
        other => panic!("expected Io, got {other:?}"),
    }
    match import_path(dir.path(), &opts()) {
        Err(e @ ImportError::Io(_)) => assert!(e.to_string().contains("folder"), "{e}"),
        other => panic!("expected Io for a folder, got {other:?}"),
    }
}

#[cfg(unix)]
#[test]
fn permission_denied_is_an_io_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("secret.txt");
    let mut f = std::fs::File::create(&p).unwrap();
    f.write_all("标题\n正文。".as_bytes()).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root can read anything; only check when the file really is unreadable.
    if std::fs::read(&p).is_err() {
        match import_path(&p, &opts()) {
            Err(e @ ImportError::Io(_)) => {
                assert!(e.to_string().to_lowercase().contains("permission"), "{e}")
            }
            other => panic!("expected Io, got {other:?}"),
        }
    }
}

/// Runs `test_name` alone in a child process with at most 1 GB of address
/// space and 30 s: without the fix, `/dev/zero` grows memory until the child
/// dies and a FIFO blocks it forever; either way the parent sees a failure
/// instead of the test run being killed or hanging.
#[cfg(unix)]
fn in_guarded_child(test_name: &str) -> bool {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    if std::env::var_os("PIZHU_GUARDED_CHILD").is_some() {
        return false;
    }
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 1048576 && exec "$0" "$@""#)
        .arg(std::env::current_exe().unwrap())
        .args([test_name, "--exact", "--test-threads=1"])
        .env("PIZHU_GUARDED_CHILD", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{test_name} hung in its child process");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(
        status.success(),
        "{test_name} failed in its child process: {status}"
    );
    true
}

#[cfg(unix)]
fn expect_not_a_file(path: &std::path::Path, kind: &str) {
    match import_path(path, &opts()) {
        Err(e @ ImportError::NotAFile { .. }) => {
            assert_eq!(e.code(), "not_a_file");
            assert!(e.to_string().contains(kind), "{e}");
        }
        other => panic!("expected NotAFile for {}, got {other:?}", path.display()),
    }
}

#[cfg(unix)]
#[test]
fn dev_zero_and_a_symlink_to_it_are_refused_as_devices() {
    if in_guarded_child("dev_zero_and_a_symlink_to_it_are_refused_as_devices") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    expect_not_a_file(std::path::Path::new("/dev/zero"), "character device");
    expect_not_a_file(&link, "character device");
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    if in_guarded_child("a_fifo_is_refused_without_waiting_for_a_writer") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    expect_not_a_file(&fifo, "named pipe (FIFO)");
}

#[test]
fn a_regular_file_through_a_symlink_still_imports() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.txt");
    std::fs::write(&real, "标题\n正文。").unwrap();
    #[cfg(unix)]
    {
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(import_path(&link, &opts()).unwrap().articles.len(), 1);
    }
    assert_eq!(import_path(&real, &opts()).unwrap().articles.len(), 1);
}
