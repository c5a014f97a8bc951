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
