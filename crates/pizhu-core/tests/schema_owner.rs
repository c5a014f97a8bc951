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

/// Crates that read or write another program's SQLite file (never the library's),
/// and the one module in each that may do so.
const FOREIGN_DATABASES: &[(&str, &str, &str)] = &[
    (
        "pizhu-export",
        "src/anki",
        "writes an Anki package's collection",
    ),
    (
        "pizhu-import",
        "src/zotero",
        "reads a copy of Zotero's database",
    ),
];

#[test]
fn no_crate_but_pizhu_core_depends_on_rusqlite() {
    let packages = workspace_packages();
    assert!(packages.len() >= 7, "the workspace's crates are listed");
    let offenders: Vec<String> = normal_dependencies(&packages)
        .into_iter()
        .filter(|(p, d)| p != "pizhu-core" && d["name"] == "rusqlite")
        .map(|(p, _)| p)
        .filter(|p| !FOREIGN_DATABASES.iter().any(|(c, _, _)| c == p))
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

/// No SQL statement outside pizhu-core, but in the foreign-database modules.
#[test]
fn no_sql_is_written_outside_pizhu_core() {
    let sql = [
        "SELECT ",
        "INSERT INTO",
        "DELETE FROM",
        "CREATE TABLE",
        "PRAGMA ",
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap();
    let mut offenders = vec![];
    for p in workspace_packages() {
        let name = p["name"].as_str().unwrap();
        if name == "pizhu-core" {
            continue;
        }
        let manifest = std::path::PathBuf::from(p["manifest_path"].as_str().unwrap());
        let crate_dir = manifest.parent().unwrap().to_path_buf();
        let mut stack = vec![crate_dir.join("src")];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|x| x != "rs") {
                    continue;
                }
                let rel = path
                    .strip_prefix(&crate_dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let foreign = FOREIGN_DATABASES
                    .iter()
                    .any(|(c, module, _)| *c == name && rel.starts_with(module));
                let text = std::fs::read_to_string(&path).unwrap();
                if !foreign && sql.iter().any(|s| text.contains(s)) {
                    offenders.push(
                        path.strip_prefix(&root)
                            .unwrap_or(&path)
                            .display()
                            .to_string(),
                    );
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL outside pizhu-core: {offenders:?}"
    );
}
