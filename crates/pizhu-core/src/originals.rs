//! Original files kept in the library folder by checksum
//! (`originals/<sha256>.<ext>`), for sources too large to keep as a BLOB
//! (PDF). Content-addressed: the same file imported twice is stored once,
//! and a file left by a failed import is harmless.

use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::Result;

/// The folder, relative to the library root.
pub const ORIGINALS_DIR: &str = "originals";

/// Write `bytes` under the library root (durably: temp file, fsync, rename)
/// and return the path relative to the root.
pub fn store(root: &Path, bytes: &[u8], ext: &str) -> Result<String> {
    let sha = hex::encode(Sha256::digest(bytes));
    let ext: String = ext
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    let rel = format!("{ORIGINALS_DIR}/{sha}.{ext}");
    let path = root.join(&rel);
    if path.exists() {
        return Ok(rel);
    }
    let dir = root.join(ORIGINALS_DIR);
    std::fs::create_dir_all(&dir)?;
    let tmp = dir.join(format!(".{sha}.{}.tmp", std::process::id()));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, &path)?;
    Ok(rel)
}

/// Read a stored original back.
pub fn load(root: &Path, rel: &str) -> Result<Vec<u8>> {
    Ok(std::fs::read(root.join(rel))?)
}
