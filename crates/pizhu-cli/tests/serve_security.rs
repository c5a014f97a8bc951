//! `pizhu serve` as a browser and a hostile neighbour see it: the real binary on
//! a temporary library, spoken to over raw HTTP.

mod serve_common;

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use serve_common::{api, base64_encode, request, start, wait_with_timeout};

#[test]
fn first_line_is_the_address_with_a_long_random_token() {
    let (a, url) = start();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert!(
        a.token.len() >= 32 && a.token.chars().all(|c| c.is_ascii_hexdigit()),
        "token {:?} is not ≥128 bits of hex",
        a.token
    );
    let (b, _) = start();
    assert_ne!(a.token, b.token, "each run must have its own token");
}

#[test]
fn api_calls_need_the_token() {
    let (server, _) = start();
    let none = request(server.port, "POST", "/api/listArticles", &[], "{}");
    assert_eq!(none.status, 401, "{}", none.body);
    assert!(none.body.contains("unauthorized"));
    let wrong = request(
        server.port,
        "POST",
        "/api/listArticles",
        &[("Authorization", "Bearer 0123456789abcdef0123456789abcdef")],
        "{}",
    );
    assert_eq!(wrong.status, 401);
    let ok = api(&server, "listArticles", "{}", &[]);
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(
        ok.body.trim_start().starts_with('['),
        "listArticles returns a JSON array: {}",
        ok.body
    );
}

#[test]
fn other_web_pages_are_refused_by_origin() {
    let (server, _) = start();
    let foreign = api(
        &server,
        "listArticles",
        "{}",
        &[("Origin", "http://evil.example")],
    );
    assert_eq!(foreign.status, 403, "{}", foreign.body);
    let other_port = api(
        &server,
        "listArticles",
        "{}",
        &[("Origin", "http://127.0.0.1:1")],
    );
    assert_eq!(other_port.status, 403);
    let own = format!("http://127.0.0.1:{}", server.port);
    let same = api(&server, "listArticles", "{}", &[("Origin", own.as_str())]);
    assert_eq!(same.status, 200, "{}", same.body);
}

#[test]
fn operations_work_and_errors_carry_codes_and_statuses() {
    let (server, _) = start();
    let text = "第一段：人工智能与写作。\n第二段：𠮷野家的例子。";
    let data = base64_encode(text.as_bytes());
    let imported = api(
        &server,
        "importData",
        &format!(r#"{{"fileName":"serve-test.txt","dataBase64":"{data}"}}"#),
        &[],
    );
    assert_eq!(imported.status, 200, "{}", imported.body);
    let report: serde_json::Value = serde_json::from_str(&imported.body).unwrap();
    let id = report["imported"][0]["id"]
        .as_i64()
        .expect("one article imported");
    let article = api(&server, "getArticle", &format!(r#"{{"id":{id}}}"#), &[]);
    assert_eq!(article.status, 200);
    let article: serde_json::Value = serde_json::from_str(&article.body).unwrap();
    assert!(article["text"].as_str().unwrap().contains("𠮷野家"));

    let unknown = api(&server, "noSuchOperation", "{}", &[]);
    assert_eq!(unknown.status, 400);
    assert!(
        unknown.body.contains(r#""code":"unknown_operation""#),
        "{}",
        unknown.body
    );
    let missing = api(&server, "getArticle", r#"{"id":987654}"#, &[]);
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains(r#""code":"not_found""#),
        "{}",
        missing.body
    );
    let bad = api(&server, "getArticle", "not json", &[]);
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("invalid_input"));
}

#[test]
fn paths_outside_the_ui_are_never_served() {
    let (server, _) = start();
    for path in [
        "/../Cargo.toml",
        "/assets/../../Cargo.toml",
        "/..%2f..%2fCargo.toml",
        "/%2e%2e/%2e%2e/Cargo.toml",
        "/..\\..\\Cargo.toml",
        "/../../../crates/pizhu-cli/Cargo.toml",
    ] {
        let reply = request(server.port, "GET", path, &[], "");
        assert!(
            !reply.body.contains("[package]") && !reply.body.contains("[workspace]"),
            "{path} leaked a file"
        );
        assert_ne!(reply.status, 200, "{path} should not be served");
    }
    let missing = request(server.port, "GET", "/assets/nothing-here.js", &[], "");
    assert_eq!(missing.status, 404);
    // Every answer carries the strict policy headers.
    assert!(
        missing
            .headers
            .contains("content-security-policy: default-src 'self'; script-src 'self'"),
        "{}",
        missing.headers
    );
    assert!(missing.headers.contains("x-content-type-options: nosniff"));
    // Nothing on the page may submit a form (a note drawn as a fake login form).
    assert!(
        missing.headers.contains("form-action 'none'"),
        "{}",
        missing.headers
    );
}

#[test]
fn the_ui_and_client_routes_get_index_html_when_built() {
    let (server, _) = start();
    let root = request(server.port, "GET", "/", &[], "");
    if root.status == 404 {
        // The UI has not been built on this machine; the message says how.
        assert!(root.body.contains("npm"), "{}", root.body);
        return;
    }
    assert_eq!(root.status, 200);
    assert!(root.headers.contains("content-type: text/html"));
    assert!(root.body.contains("<div id=\"app\">"));
    let route = request(server.port, "GET", "/library", &[], "");
    assert_eq!(route.status, 200);
    assert_eq!(route.body, root.body);
}

#[test]
fn other_interfaces_are_refused_without_allow_remote() {
    let library = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pizhu"))
        .args([
            "--library",
            library.path().to_str().unwrap(),
            "serve",
            "--host",
            "0.0.0.0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = wait_with_timeout(&mut child, Duration::from_secs(20))
        .expect("serve --host 0.0.0.0 must exit, not listen");
    assert_eq!(status.code(), Some(2));
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(err.contains("--allow-remote"), "{err}");
}

#[test]
fn the_api_refuses_arguments_that_name_files() {
    let (server, _) = start();
    let dir = tempfile::tempdir().unwrap();
    let bashrc = dir.path().join(".bashrc");
    std::fs::write(&bashrc, "echo original\n").unwrap();
    let args = serde_json::json!({"format": "md", "path": bashrc, "force": true}).to_string();
    let export = api(&server, "exportNotes", &args, &[]);
    assert_eq!(export.status, 403, "{}", export.body);
    assert!(
        export.body.contains(r#""code":"path_not_allowed""#),
        "{}",
        export.body
    );
    assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), "echo original\n");

    let before = api(&server, "listArticles", "{}", &[]).body;
    let import = api(
        &server,
        "importFiles",
        r#"{"paths":["../../../../../../etc/passwd"]}"#,
        &[],
    );
    assert_eq!(import.status, 403, "{}", import.body);
    assert_eq!(api(&server, "listArticles", "{}", &[]).body, before);
    for op in ["importAnnotations", "importCodebook", "importReferences"] {
        let probe = api(&server, op, r#"{"path":"/etc/passwd"}"#, &[]);
        assert_eq!(probe.status, 403, "{op}: {}", probe.body);
    }
}
