//! Reading a file from disk for import: regular files only, never more than
//! the size limit.
//!
//! `/dev/zero` (or a symlink to it) reports size 0 and never ends, and
//! opening a FIFO blocks until some writer appears, so the size check alone
//! is not enough: the file is opened without blocking, its type checked on
//! the open handle (a path swapped after a first check cannot slip through),
//! and the read is capped with `take`.

use std::fs::{File, FileType};
use std::io::Read;
use std::path::Path;

use crate::ImportError;

/// The bytes of the regular file at `path` (symlinks followed), refused when
/// over `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    let meta = std::fs::metadata(path)?;
    check_kind(meta.file_type())?;
    if meta.len() > limit {
        return Err(ImportError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = open_nonblocking(path)?;
    let meta = file.metadata()?;
    check_kind(meta.file_type())?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    // The file grew between the size check and the read.
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            size: meta.len().max(bytes.len() as u64),
            limit,
        });
    }
    Ok(bytes)
}

fn check_kind(kind: FileType) -> Result<(), ImportError> {
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err(ImportError::Io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "this is a folder, not a file",
        )));
    }
    Err(ImportError::NotAFile {
        kind: describe(kind),
    })
}

#[cfg(unix)]
fn describe(kind: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_char_device() {
        "character device"
    } else if kind.is_block_device() {
        "block device"
    } else if kind.is_fifo() {
        "named pipe (FIFO)"
    } else if kind.is_socket() {
        "socket"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn describe(_: FileType) -> &'static str {
    "special file"
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Without O_NONBLOCK, opening a FIFO waits for a writer forever.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}
