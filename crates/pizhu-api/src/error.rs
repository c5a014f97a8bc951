use pizhu_core::CoreError;
use serde::{Deserialize, Serialize};

/// What the UI branches on. Add a code only when some front end acts on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No such operation name.
    UnknownOperation,
    /// Arguments missing or of the wrong shape, or a value out of range.
    InvalidInput,
    NotFound,
    /// The change clashes with what is there (a duplicate theme name, a newer schema…).
    Conflict,
    /// Another process holds the library's write lock; try again.
    Busy,
    /// The library file is damaged (a backup is restored at start-up).
    Corrupt,
    /// A file could not be imported.
    ImportFailed,
    /// A file could not be written (export, backup).
    WriteFailed,
    /// Nothing to undo or redo.
    NothingToUndo,
    /// A web page named a file on this computer (only the CLI and native dialogs may).
    PathNotAllowed,
    Internal,
}

/// An error as every front end sees it: `{"code": "...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        let code = match &e {
            CoreError::NotFound(_) => ErrorCode::NotFound,
            CoreError::Invalid(_) => ErrorCode::InvalidInput,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::Busy(_) => ErrorCode::Busy,
            CoreError::Corrupt(_) => ErrorCode::Corrupt,
            CoreError::Db(_) if e.is_constraint_violation() => ErrorCode::Conflict,
            CoreError::Db(_) => ErrorCode::Internal,
            CoreError::Io(_) | CoreError::Json(_) => ErrorCode::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}
