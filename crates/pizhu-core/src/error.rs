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
