//! Running the real `pizhu` binary on a library folder, shared by the CLI tests.
// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// `pizhu --library LIB ARGS…`, whatever its outcome.
pub fn pizhu(lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pizhu"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .output()
        .expect("run pizhu")
}

/// Its standard output, after checking that it succeeded.
pub fn ok(lib: &Path, args: &[&str]) -> String {
    let out = pizhu(lib, args);
    assert!(
        out.status.success(),
        "pizhu {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("pizhu prints UTF-8")
}

/// Its `--json` output, parsed, after checking that it succeeded.
pub fn ok_json(lib: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(lib, args)).expect("--json prints JSON")
}

/// `pizhu --library LIB ARGS…` with no `PIZHU_LIBRARY` from the environment:
/// (exit code, stdout as JSON or `null`, stderr).
pub fn run(library: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pizhu"))
        .env_remove("PIZHU_LIBRARY")
        .arg("--library")
        .arg(library)
        .args(args)
        .output()
        .expect("run pizhu");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (out.status.code().expect("exit code"), json, stderr)
}
