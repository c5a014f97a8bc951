//! A folder given to `importFiles` stands for every supported file inside it,
//! recursively, in name order. Hidden entries and symbolic links are skipped
//! (a link loop must not hang the import); files named directly are kept as
//! they are, so an unsupported one still gets its clear error.

use std::path::{Path, PathBuf};

/// How deep a folder import goes.
const MAX_DEPTH: usize = 32;

/// The paths to import: files as given, folders replaced by their files.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, 0, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(kind) = e.file_type() else { continue };
        if name.starts_with('.') || kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            walk(&e.path(), depth + 1, out);
        } else if kind.is_file() && pizhu_import::is_supported(&name) {
            out.push(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_stands_for_its_supported_files_recursively() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        for f in ["a.txt", "b/x.pdf", "b/c/y.md", "b/skip.png", ".hidden.txt"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let loose = root.join("b/skip.png");
        let got = expand(&[root.to_path_buf(), loose.clone()]);
        let want = vec![
            root.join("a.txt"),
            root.join("b/c/y.md"),
            root.join("b/x.pdf"),
            loose,
        ];
        assert_eq!(got, want);
    }
}
