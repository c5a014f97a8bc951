use thiserror::Error;

/// What can go wrong in the core. The API layer maps each variant to an error code.
#[derive(Debug, Error)]
pub enum CoreError {
    #[error("not found: {0}")]
    NotFound(String),
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("conflict: {0}")]
    Conflict(String),
    /// A conflict the user meets, with a kind the UI words itself.
    #[error("conflict: {0}")]
    Clash(Clash),
    #[error("the library is busy (another process is writing): {0}")]
    Busy(String),
    #[error("the library database is damaged: {0}")]
    Corrupt(String),
    /// A file outside the library (an export) could not be written.
    #[error("{0}")]
    WriteFailed(String),
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
}

/// Conflicts a user can run into. The English text is for the CLI and logs;
/// a front end words the [`ClashKind`] (snake_case, e.g. `theme_name_taken`)
/// with [`Clash::params`]. [`Clash::kinds`] lists them for the UI's tests.
#[derive(Debug, Clone, PartialEq, Eq, Error, strum::EnumDiscriminants)]
#[strum_discriminants(
    name(ClashKind),
    derive(strum::EnumIter, strum::IntoStaticStr),
    strum(serialize_all = "snake_case")
)]
pub enum Clash {
    #[error("a theme named \u{201c}{name}\u{201d} already exists")]
    ThemeNameTaken { name: String },
    #[error("cannot {} \u{201c}{label}\u{201d}: what it changed was removed in the meantime; it was dropped from the history", if *.undo { "undo" } else { "redo" })]
    ChangeGone { undo: bool, label: String },
    #[error("{path} already exists (use --force to replace it)")]
    FileExists { path: String },
    #[error(
        "this library was written by a newer Pizhu (library schema {found}; this Pizhu reads schema {known} and older). \
         It has been left unchanged: open it with the newer Pizhu, or update this one."
    )]
    NewerSchema { found: u32, known: u32 },
}

impl Clash {
    pub fn kind(&self) -> &'static str {
        ClashKind::from(self).into()
    }

    pub fn kinds() -> Vec<&'static str> {
        use strum::IntoEnumIterator;
        ClashKind::iter().map(Into::into).collect()
    }

    /// The values the message is built from, by name.
    pub fn params(&self) -> std::collections::BTreeMap<String, String> {
        let pairs: Vec<(&str, String)> = match self {
            Clash::ThemeNameTaken { name } => vec![("name", name.clone())],
            Clash::ChangeGone { undo, label } => vec![
                ("direction", if *undo { "undo" } else { "redo" }.to_string()),
                ("label", label.clone()),
            ],
            Clash::FileExists { path } => vec![("path", path.clone())],
            Clash::NewerSchema { found, known } => {
                vec![("found", found.to_string()), ("known", known.to_string())]
            }
        };
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

impl CoreError {
    /// Classify an SQLite error: a lock held by another process is `Busy`,
    /// a damaged file is `Corrupt`, anything else stays a plain DB error.
    pub fn from_sqlite(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::*;
        match e.sqlite_error_code() {
            Some(DatabaseBusy) | Some(DatabaseLocked) => CoreError::Busy(e.to_string()),
            Some(DatabaseCorrupt) | Some(NotADatabase) => CoreError::Corrupt(e.to_string()),
            _ => CoreError::Db(e),
        }
    }

    /// A UNIQUE / FOREIGN KEY / CHECK constraint refused the write.
    pub fn is_constraint_violation(&self) -> bool {
        matches!(self, CoreError::Db(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation))
    }
}
