//! Writing a user's file (an export, a picture) so a crash never leaves half of it:
//! the bytes go to a synced temporary file in the target folder, which is then
//! moved into place and the folder entry synced.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::files::sync_dir;
use crate::{CoreError, Result};

/// Write `bytes` to `path` through a synced temporary file in the same folder.
///
/// Without `force` an existing file is refused ([`CoreError::Conflict`]), also
/// when one appears while we write: the final step is then a hard link, which
/// never replaces. Failures are [`CoreError::WriteFailed`]; no temporary file is
/// left behind either way.
pub fn write_atomically(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let failed = |what: &str, e: std::io::Error| {
        CoreError::WriteFailed(format!("{what} {}: {e}", path.display()))
    };
    let exists = || {
        CoreError::Clash(crate::error::Clash::FileExists {
            path: path.display().to_string(),
        })
    };
    if !force && path.exists() {
        return Err(exists());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(CoreError::WriteFailed(format!(
            "folder {} does not exist",
            dir.display()
        )));
    }
    let name = path
        .file_name()
        .ok_or_else(|| CoreError::Invalid(format!("{} is not a file path", path.display())))?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let temp = dir.join(format!(
        ".{}.{}-{stamp}.part",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| failed("cannot write next to", e))?;
        f.write_all(bytes).map_err(|e| failed("cannot write", e))?;
        f.sync_all().map_err(|e| failed("cannot sync", e))?;
        drop(f);
        if force {
            std::fs::rename(&temp, path).map_err(|e| failed("cannot replace", e))?;
        } else {
            match std::fs::hard_link(&temp, path) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&temp);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(exists()),
                // Some file systems (FAT, some network shares) have no hard links.
                Err(_) => {
                    if path.exists() {
                        return Err(exists());
                    }
                    std::fs::rename(&temp, path)
                        .map_err(|e| failed("cannot move into place", e))?;
                }
            }
        }
        // The new name is durable once the folder's entry is on disk.
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".part"))
            .collect()
    }

    #[test]
    fn an_existing_file_is_kept_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        write_atomically(&path, b"one", false).unwrap();
        let err = write_atomically(&path, b"two", false).unwrap_err();
        assert!(matches!(err, CoreError::Clash(_)), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomically(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_is_a_write_failure() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(&dir.path().join("no/such/a.md"), b"x", true).unwrap_err();
        assert!(matches!(err, CoreError::WriteFailed(_)), "{err}");
    }
}
