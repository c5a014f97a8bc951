//! `pizhu --version`, the refusal of a library from a newer Pizhu, and the shell
//! completions and man page generated from the command definition.

use std::process::Command;

use pizhu_core::rusqlite::Connection;
use pizhu_core::store::migrations::latest_version;

mod common;
use common::run;

/// `pizhu ARGS…` with no library involved.
fn pizhu_plain(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pizhu"))
        .args(args)
        .output()
        .expect("run pizhu");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn version_names_the_build() {
    for flag in ["--version", "-V"] {
        let (code, out, _) = pizhu_plain(&[flag]);
        assert_eq!(code, 0);
        assert_eq!(out.trim(), format!("pizhu {}", env!("CARGO_PKG_VERSION")));
    }
}

#[test]
fn a_library_from_a_newer_pizhu_is_refused_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("lib");
    let (code, _, err) = run(&lib, &["list", "--json"]);
    assert_eq!(code, 0, "{err}");
    let newer = latest_version() + 1;
    let conn = Connection::open(lib.join("library.sqlite")).unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = {newer}"))
        .unwrap();
    conn.close().unwrap();

    let (code, json, err) = run(&lib, &["list", "--json"]);
    assert_eq!(code, 1);
    assert_eq!(json, serde_json::Value::Null, "nothing listed");
    assert!(err.starts_with("pizhu: "), "{err}");
    assert!(
        err.contains("this library was written by a newer Pizhu"),
        "{err}"
    );
    assert!(err.contains(&format!("library schema {newer}")), "{err}");
    assert!(err.contains("left unchanged"), "{err}");
}

/// Every top-level subcommand, from the definition's own help.
fn subcommands() -> Vec<String> {
    let (_, help, _) = pizhu_plain(&["--help"]);
    let section = help
        .split("Commands:")
        .nth(1)
        .expect("a Commands section")
        .split("Options:")
        .next()
        .unwrap();
    let names: Vec<String> = section
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| *w != "help")
        .map(str::to_string)
        .collect();
    assert!(names.len() > 10, "{names:?}");
    names
}

#[test]
fn completions_for_bash_zsh_and_fish_know_every_subcommand() {
    let names = subcommands();
    for (shell, marker) in [
        ("bash", "complete -F _pizhu"),
        ("zsh", "#compdef pizhu"),
        ("fish", "complete -c pizhu"),
    ] {
        let (code, script, err) = pizhu_plain(&["completions", shell]);
        assert_eq!(code, 0, "{err}");
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for name in &names {
            assert!(
                script.contains(name.as_str()),
                "{shell} completion lacks {name}"
            );
        }
    }
    let (code, _, err) = pizhu_plain(&["completions", "tcsh"]);
    assert_eq!(code, 2, "an unknown shell is a usage error: {err}");
}

#[test]
fn the_bash_completion_completes_a_subcommand() {
    let (_, script, _) = pizhu_plain(&["completions", "bash"]);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("pizhu.bash");
    std::fs::write(&file, script).unwrap();
    // What bash does on `pizhu ser<TAB>`.
    let probe = format!(
        "source {}; COMP_WORDS=(pizhu ser); COMP_CWORD=1; _pizhu pizhu ser pizhu; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display()
    );
    let out = Command::new("bash").arg("-c").arg(probe).output().unwrap();
    let words = String::from_utf8_lossy(&out.stdout);
    assert!(
        words.lines().any(|w| w == "serve"),
        "completions: {words:?} {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_man_page_is_roff_and_lists_the_subcommands() {
    let (code, page, err) = pizhu_plain(&["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH pizhu"),
        "{page}"
    );
    assert!(page.contains(".TH pizhu 1"), "a section 1 page");
    assert!(page.contains(env!("CARGO_PKG_VERSION")));
    for name in subcommands() {
        assert!(
            page.contains(&format!("pizhu\\-{}", name.replace('-', "\\-"))) || page.contains(&name),
            "the man page lacks {name}"
        );
    }
}
