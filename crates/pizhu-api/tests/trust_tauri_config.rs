//! The desktop shell's security settings, read from the files Tauri builds from:
//! fails if the CSP is missing or lets inline script or eval run, if
//! `withGlobalTauri` is on, if a capability reaches remote URLs or grants broad
//! file-system or shell access, or if the locked `tauri` predates the fixed
//! advisories (2.11.1).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The CSP as directive → sources, from either form Tauri accepts (a string or an object).
fn csp_directives(csp: &Value) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    match csp {
        Value::String(s) => {
            for part in s.split(';') {
                let mut words = part.split_whitespace();
                if let Some(name) = words.next() {
                    out.insert(name.to_lowercase(), words.map(str::to_string).collect());
                }
            }
        }
        Value::Object(map) => {
            for (name, v) in map {
                let sources = match v {
                    Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
                    Value::Array(a) => a
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect(),
                    other => panic!("CSP directive {name} has an unexpected value {other}"),
                };
                out.insert(name.to_lowercase(), sources);
            }
        }
        other => panic!("CSP has an unexpected shape: {other}"),
    }
    out
}

/// Problems with one tauri.conf.json.
fn config_problems(conf: &Value) -> Vec<String> {
    let mut problems = vec![];
    if conf
        .pointer("/app/withGlobalTauri")
        .and_then(Value::as_bool)
        == Some(true)
    {
        problems.push("app.withGlobalTauri is on (exposes window.__TAURI__ to any script)".into());
    }
    let security = conf
        .pointer("/app/security")
        .cloned()
        .unwrap_or(Value::Null);
    let Some(csp) = security.get("csp").filter(|c| !c.is_null()) else {
        problems.push("app.security.csp is missing".into());
        return problems;
    };
    let d = csp_directives(csp);
    let script = d.get("script-src").or_else(|| d.get("default-src"));
    match script {
        None => problems.push("the CSP has neither script-src nor default-src".into()),
        Some(src) => {
            for bad in ["'unsafe-inline'", "*", "data:", "http:", "https:"] {
                if src.iter().any(|s| s.eq_ignore_ascii_case(bad)) {
                    problems.push(format!("script-src allows {bad}"));
                }
            }
        }
    }
    for (name, sources) in &d {
        if sources.iter().any(|s| {
            s.eq_ignore_ascii_case("'unsafe-eval'") || s.eq_ignore_ascii_case("'wasm-unsafe-eval'")
        }) {
            problems.push(format!("{name} allows eval"));
        }
    }
    if !d.contains_key("object-src") && d.get("default-src").is_none_or(|s| s != &["'none'"]) {
        problems.push("the CSP does not restrict object-src (plugins, <embed>)".into());
    }
    match security.get("dangerousDisableAssetCspModification") {
        None | Some(Value::Bool(false)) => {}
        Some(v) => problems.push(format!("dangerousDisableAssetCspModification is {v}")),
    }
    if security.get("dangerousRemoteDomainIpcAccess").is_some() {
        problems.push("dangerousRemoteDomainIpcAccess is set".into());
    }
    problems
}

/// Problems with one capability file.
fn capability_problems(name: &str, cap: &Value) -> Vec<String> {
    let mut problems = vec![];
    if let Some(remote) = cap.get("remote") {
        problems.push(format!("{name}: grants remote URLs {remote}"));
    }
    for perm in cap
        .get("permissions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (id, scope) = match perm {
            Value::String(s) => (s.as_str(), None),
            Value::Object(o) => (
                o.get("identifier").and_then(Value::as_str).unwrap_or(""),
                Some(perm),
            ),
            _ => continue,
        };
        let plugin = id.split(':').next().unwrap_or("");
        let broad = id.contains("-all")
            || id.contains("recursive")
            || id.ends_with(":default")
            || id.contains("scope-home")
            || id.contains("scope-app");
        if plugin == "fs" && (broad || scope.is_none_or(|s| s.to_string().contains("**"))) {
            problems.push(format!("{name}: broad file-system permission {perm}"));
        }
        if plugin == "shell"
            && (id.contains("execute") || id.contains("spawn") || id.ends_with(":default"))
        {
            problems.push(format!("{name}: shell permission {perm}"));
        }
        if plugin == "http" {
            problems.push(format!(
                "{name}: http permission {perm} (the app talks to no server)"
            ));
        }
    }
    problems
}

fn version_at_least(v: &str, min: (u64, u64, u64)) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<u64> = core.split('.').map(|p| p.parse().unwrap_or(0)).collect();
    let got = (
        parts.first().copied().unwrap_or(0),
        parts.get(1).copied().unwrap_or(0),
        parts.get(2).copied().unwrap_or(0),
    );
    got >= min
}

#[test]
fn the_desktop_configuration_has_a_strict_csp_and_no_global_tauri() {
    let mut problems = vec![];
    for path in [
        repo().join("tauri.conf.json"),
        repo().join("src-tauri/tauri.conf.json"),
    ] {
        if path.exists() {
            problems.extend(
                config_problems(&read_json(&path))
                    .into_iter()
                    .map(|p| format!("{}: {p}", path.display())),
            );
        }
    }
    assert!(
        repo().join("tauri.conf.json").exists()
            || repo().join("src-tauri/tauri.conf.json").exists()
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn capabilities_grant_no_remote_urls_and_no_broad_file_or_shell_access() {
    let dir = repo().join("src-tauri/capabilities");
    let mut seen = 0;
    let mut problems = vec![];
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            seen += 1;
            problems.extend(capability_problems(
                &path.display().to_string(),
                &read_json(&path),
            ));
        }
    }
    assert!(seen > 0, "no capability files in {}", dir.display());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_locked_tauri_has_the_published_advisories_fixed() {
    let lock = std::fs::read_to_string(repo().join("Cargo.lock")).unwrap();
    let mut versions = vec![];
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"tauri\"" {
            let v = lines
                .next()
                .unwrap()
                .trim_start_matches("version = ")
                .trim_matches('"')
                .to_string();
            versions.push(v);
        }
    }
    assert!(!versions.is_empty(), "tauri not in Cargo.lock");
    for v in versions {
        assert!(
            version_at_least(&v, (2, 11, 1)),
            "tauri {v} is older than 2.11.1"
        );
    }
}

/// The checks themselves: each catches what it is for.
#[test]
fn the_checks_reject_known_bad_settings() {
    let good = serde_json::json!({"app": {"withGlobalTauri": false, "security": {"csp": {"default-src": "'self'", "script-src": "'self'", "object-src": "'none'"}}}});
    assert!(
        config_problems(&good).is_empty(),
        "{:?}",
        config_problems(&good)
    );
    let cases = [
        serde_json::json!({"app": {"security": {}}}),
        serde_json::json!({"app": {"security": {"csp": null}}}),
        serde_json::json!({"app": {"withGlobalTauri": true, "security": {"csp": "default-src 'self'; object-src 'none'"}}}),
        serde_json::json!({"app": {"security": {"csp": "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'"}}}),
        serde_json::json!({"app": {"security": {"csp": "default-src 'self' 'unsafe-eval'; object-src 'none'"}}}),
        serde_json::json!({"app": {"security": {"csp": {"default-src": "'self'", "style-src": ["'self'", "'unsafe-eval'"], "object-src": "'none'"}}}}),
        serde_json::json!({"app": {"security": {"csp": "default-src *; object-src 'none'"}}}),
        serde_json::json!({"app": {"security": {"csp": "script-src 'self'"}}}),
    ];
    for bad in cases {
        assert!(!config_problems(&bad).is_empty(), "not caught: {bad}");
    }
    let caps = [
        serde_json::json!({"permissions": ["allow-api-call"], "remote": {"urls": ["https://*.example.com"]}}),
        serde_json::json!({"permissions": ["fs:allow-write-all"]}),
        serde_json::json!({"permissions": ["fs:default"]}),
        serde_json::json!({"permissions": [{"identifier": "fs:allow-read-file", "allow": [{"path": "$HOME/**"}]}]}),
        serde_json::json!({"permissions": ["shell:allow-execute"]}),
    ];
    for bad in caps {
        assert!(
            !capability_problems("test", &bad).is_empty(),
            "not caught: {bad}"
        );
    }
    assert!(capability_problems(
        "test",
        &serde_json::json!({"permissions": ["allow-api-call", "core:default"]})
    )
    .is_empty());
    assert!(version_at_least("2.12.5", (2, 11, 1)) && version_at_least("2.11.1", (2, 11, 1)));
    assert!(!version_at_least("2.11.0", (2, 11, 1)) && !version_at_least("2.9.9", (2, 11, 1)));
}
