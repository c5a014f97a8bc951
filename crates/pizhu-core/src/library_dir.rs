//! Where a library lives on disk.

use std::path::{Path, PathBuf};

/// The app's identifier; also names the OS data folder (`$XDG_DATA_HOME/<identifier>`).
pub const APP_IDENTIFIER: &str = "app.pizhu.desktop";

/// A library directory: `library.sqlite` (source of truth), `index/` (tantivy cache),
/// `backups/`.
#[derive(Debug, Clone)]
pub struct LibraryDir {
    root: PathBuf,
}

impl LibraryDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        LibraryDir { root: root.into() }
    }

    /// The library the desktop app and the CLI share: `--library DIR` wins,
    /// then `PIZHU_LIBRARY`, then the OS app-data folder for [`APP_IDENTIFIER`].
    pub fn resolve(explicit: Option<&Path>) -> Self {
        if let Some(dir) = explicit {
            return Self::new(dir);
        }
        if let Some(dir) = std::env::var_os("PIZHU_LIBRARY").filter(|d| !d.is_empty()) {
            return Self::new(PathBuf::from(dir));
        }
        Self::new(Self::default_root())
    }

    /// The OS app-data folder, the same path Tauri's `app_data_dir()` gives.
    pub fn default_root() -> PathBuf {
        dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join(APP_IDENTIFIER)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
    pub fn database(&self) -> PathBuf {
        self.root.join("library.sqlite")
    }
    pub fn index(&self) -> PathBuf {
        self.root.join("index")
    }
    pub fn backups(&self) -> PathBuf {
        self.root.join("backups")
    }
}
