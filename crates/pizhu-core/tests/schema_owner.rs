//! pizhu-core owns the library's schema: no other workspace crate may reach
//! SQLite itself. Checked on `cargo metadata`, so a new crate is covered too.

use std::process::Command;

use serde_json::Value;

fn workspace_packages() -> Vec<Value> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("running cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
    meta["packages"].as_array().unwrap().clone()
}

/// (package, dependency) pairs that are not dev-dependencies.
fn normal_dependencies(packages: &[Value]) -> Vec<(String, Value)> {
    let mut out = vec![];
    for p in packages {
        let name = p["name"].as_str().unwrap().to_string();
        for d in p["dependencies"].as_array().unwrap() {
            if d["kind"].as_str() != Some("dev") {
                out.push((name.clone(), d.clone()));
            }
        }
    }
    out
}

#[test]
fn no_crate_but_pizhu_core_depends_on_rusqlite() {
    let packages = workspace_packages();
    assert!(packages.len() >= 7, "the workspace's crates are listed");
    let offenders: Vec<String> = normal_dependencies(&packages)
        .into_iter()
        // pizhu-export writes Anki's collection, a foreign SQLite file, never the library.
        .filter(|(p, d)| p != "pizhu-core" && p != "pizhu-export" && d["name"] == "rusqlite")
        .map(|(p, _)| p)
        .collect();
    assert!(
        offenders.is_empty(),
        "only pizhu-core may use SQLite (ask it typed questions instead): {offenders:?}"
    );
}

#[test]
fn raw_sqlite_access_is_for_tests_only() {
    let packages = workspace_packages();
    let offenders: Vec<String> = normal_dependencies(&packages)
        .into_iter()
        .filter(|(_, d)| {
            d["name"] == "pizhu-core"
                && d["features"]
                    .as_array()
                    .is_some_and(|f| f.iter().any(|f| f == "test-support"))
        })
        .map(|(p, _)| p)
        .collect();
    assert!(
        offenders.is_empty(),
        "pizhu-core's test-support feature belongs in [dev-dependencies]: {offenders:?}"
    );
}
