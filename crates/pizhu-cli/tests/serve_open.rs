//! `serve --open` must not put the token on the browser's command line (every
//! local user can read it in `ps`): it opens a single-use start code instead.
#![cfg(unix)]

mod serve_common;

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use serve_common::{request, start_with};

#[test]
fn the_opened_address_carries_a_single_use_code_not_the_token() {
    // A stand-in for xdg-open that writes down the address it was given.
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let (server, _) = start_with(&["--open"], &[("PATH", path.as_str())]);

    let waited = Instant::now();
    while !opened.exists() && waited.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    let url = std::fs::read_to_string(&opened).expect("serve --open ran the opener");
    assert!(!url.contains(&server.token), "the token is in {url}");
    let code = url
        .split_once("?code=")
        .map(|(_, c)| c.to_owned())
        .unwrap_or_else(|| panic!("no start code in {url}"));

    let exchange = |code: &str| {
        request(
            server.port,
            "POST",
            "/session",
            &[("Content-Type", "application/json")],
            &format!(r#"{{"code":"{code}"}}"#),
        )
    };
    let first = exchange(&code);
    assert_eq!(first.status, 200, "{}", first.body);
    let token: serde_json::Value = serde_json::from_str(&first.body).unwrap();
    assert_eq!(token["token"], server.token.as_str());
    assert!(first.headers.contains("cache-control: no-store"));
    let again = exchange(&code);
    assert_eq!(
        again.status, 401,
        "a start code worked twice: {}",
        again.body
    );
    assert!(!again.body.contains(&server.token));
    let guessed = exchange("00000000000000000000000000000000");
    assert_eq!(guessed.status, 401);
}
