//! Reading parts of a zip container (DOCX, EPUB) in memory, never extracting.
//!
//! Zip safety: the entry count is capped, the declared and the actual
//! uncompressed size of every part read is capped (a lying header cannot get
//! past `take`), a whole document's unpacked total is capped too, and entry
//! names are only ever looked up, never used as paths.

use std::io::{Cursor, Read};

use crate::ImportError;

/// The most parts a container may have.
pub const MAX_ENTRIES: usize = 10_000;

fn malformed(msg: impl Into<String>) -> ImportError {
    ImportError::Malformed(msg.into())
}

/// An opened container and what has been unpacked from it so far.
pub struct Container<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// "DOCX", "EPUB": named in messages.
    kind: &'static str,
    unpacked: u64,
    total_cap: u64,
}

impl<'a> Container<'a> {
    /// Open `bytes` as a zip; `total_cap` bounds the sum of all parts read.
    pub fn open(bytes: &'a [u8], kind: &'static str, total_cap: u64) -> Result<Self, ImportError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| malformed(format!("not a valid {kind} (zip) file: {e}")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(malformed(format!(
                "the {kind} has {} parts, over the {MAX_ENTRIES} limit (zip bomb?)",
                zip.len()
            )));
        }
        Ok(Container {
            zip,
            kind,
            unpacked: 0,
            total_cap,
        })
    }

    /// Read one part into memory with a hard cap. `Ok(None)` if absent.
    pub fn read_bytes(&mut self, name: &str, cap: u64) -> Result<Option<Vec<u8>>, ImportError> {
        let kind = self.kind;
        let cap = cap.min(self.total_cap.saturating_sub(self.unpacked));
        let mut entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(malformed(format!("cannot open {name} in the {kind}: {e}"))),
        };
        if entry.size() > cap {
            return Err(malformed(format!(
                "{name} would unpack to {} bytes, over the {cap}-byte limit (zip bomb?)",
                entry.size()
            )));
        }
        let mut buf = Vec::new();
        (&mut entry)
            .take(cap + 1)
            .read_to_end(&mut buf)
            .map_err(|e| malformed(format!("cannot unpack {name} from the {kind}: {e}")))?;
        if buf.len() as u64 > cap {
            return Err(malformed(format!(
                "{name} unpacks to more than {cap} bytes (zip bomb?)"
            )));
        }
        self.unpacked += buf.len() as u64;
        Ok(Some(buf))
    }

    /// [`Self::read_bytes`] for a UTF-8 XML part (a BOM is dropped).
    pub fn read_text(&mut self, name: &str, cap: u64) -> Result<Option<String>, ImportError> {
        let Some(buf) = self.read_bytes(name, cap)? else {
            return Ok(None);
        };
        let buf = buf
            .strip_prefix(b"\xEF\xBB\xBF")
            .map(<[u8]>::to_vec)
            .unwrap_or(buf);
        String::from_utf8(buf)
            .map(Some)
            .map_err(|_| malformed(format!("{name} is not UTF-8 XML")))
    }
}
