//! The API's errors, and the one place every library error becomes an
//! [`ErrorCode`]: core, search and export errors convert here, and each code
//! carries its HTTP status for `pizhu serve`. The JSON of every code is pinned
//! by the tests at the end.

use std::collections::BTreeMap;

use pizhu_core::CoreError;
use pizhu_export::ExportError;
use pizhu_search::SearchError;
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
    /// `pizhu serve`: no token, or the wrong one.
    Unauthorized,
    /// `pizhu serve`: a request from another web page's origin.
    Forbidden,
    /// A web page named a file on this computer (only the CLI and native dialogs may).
    PathNotAllowed,
    Internal,
}

impl ErrorCode {
    /// The HTTP status `pizhu serve` answers with.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::InvalidInput | ErrorCode::UnknownOperation => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::Forbidden | ErrorCode::PathNotAllowed => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::Busy => 503,
            ErrorCode::Corrupt
            | ErrorCode::ImportFailed
            | ErrorCode::WriteFailed
            | ErrorCode::NothingToUndo
            | ErrorCode::Internal => 500,
        }
    }
}

/// An error as every front end sees it: `{"code": "...", "message": "..."}`,
/// plus `kind` and `params` when the user may see it: `message` is English (CLI,
/// logs); a front end words `kind` with `params` in its own language. Every
/// kind is listed by [`message_kinds`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<BTreeMap<String, String>>,
}

/// Every `kind` a user-visible message can carry (import errors and warnings,
/// conflicts); one namespace, so a front end keys its wording on the kind alone.
pub fn message_kinds() -> Vec<&'static str> {
    let mut all = pizhu_import::ImportError::kinds();
    all.extend(pizhu_import::ImportWarning::kinds());
    all.extend(pizhu_core::Clash::kinds());
    all.extend(crate::ops::reference_files::WARNING_KINDS);
    all.extend(crate::ops::zotero::REPORT_KINDS);
    all
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            kind: None,
            params: None,
        }
    }

    /// The same error with a kind and parameters for a front end's own wording.
    pub fn with_kind(mut self, kind: &str, params: BTreeMap<String, String>) -> Self {
        self.kind = Some(kind.to_string());
        self.params = Some(params);
        self
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
            CoreError::WriteFailed(_) => ErrorCode::WriteFailed,
            CoreError::Db(_) if e.is_constraint_violation() => ErrorCode::Conflict,
            CoreError::Db(_) => ErrorCode::Internal,
            CoreError::Io(_) | CoreError::Json(_) => ErrorCode::Internal,
            CoreError::Clash(c) => {
                return ApiError::new(ErrorCode::Conflict, e.to_string())
                    .with_kind(c.kind(), c.params())
            }
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<pizhu_import::ImportError> for ApiError {
    fn from(e: pizhu_import::ImportError) -> Self {
        ApiError::new(ErrorCode::ImportFailed, e.to_string()).with_kind(e.code(), e.params())
    }
}

impl From<SearchError> for ApiError {
    fn from(e: SearchError) -> Self {
        let code = match e {
            // A library error maps as every other operation's does.
            SearchError::Library(e) => return e.into(),
            SearchError::InvalidQuery(_) => ErrorCode::InvalidInput,
            SearchError::Rebuilding { .. } => ErrorCode::Busy,
            SearchError::Index(_) | SearchError::Io(_) | SearchError::Other(_) => {
                ErrorCode::Internal
            }
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<ExportError> for ApiError {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::NotFound(m) => ApiError::new(ErrorCode::NotFound, m),
            ExportError::Invalid(m) => ApiError::new(ErrorCode::ImportFailed, m),
            ExportError::Write(m) => ApiError::new(ErrorCode::WriteFailed, m),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;

    fn as_json(e: impl Into<ApiError>) -> Value {
        serde_json::to_value(e.into()).unwrap()
    }

    /// Every code, spelled as the UI reads it, with its HTTP status. A new
    /// variant fails to compile here until it is given both.
    fn spelling(code: ErrorCode) -> (&'static str, u16) {
        match code {
            ErrorCode::UnknownOperation => ("unknown_operation", 400),
            ErrorCode::InvalidInput => ("invalid_input", 400),
            ErrorCode::NotFound => ("not_found", 404),
            ErrorCode::Conflict => ("conflict", 409),
            ErrorCode::Busy => ("busy", 503),
            ErrorCode::Corrupt => ("corrupt", 500),
            ErrorCode::ImportFailed => ("import_failed", 500),
            ErrorCode::WriteFailed => ("write_failed", 500),
            ErrorCode::NothingToUndo => ("nothing_to_undo", 500),
            ErrorCode::Unauthorized => ("unauthorized", 401),
            ErrorCode::Forbidden => ("forbidden", 403),
            ErrorCode::PathNotAllowed => ("path_not_allowed", 403),
            ErrorCode::Internal => ("internal", 500),
        }
    }

    const ALL: [ErrorCode; 13] = [
        ErrorCode::UnknownOperation,
        ErrorCode::InvalidInput,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::Busy,
        ErrorCode::Corrupt,
        ErrorCode::ImportFailed,
        ErrorCode::WriteFailed,
        ErrorCode::NothingToUndo,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::PathNotAllowed,
        ErrorCode::Internal,
    ];

    #[test]
    fn every_code_serialises_as_code_and_message_and_reads_back() {
        for code in ALL {
            let (name, status) = spelling(code);
            let e = ApiError::new(code, "why");
            let v = serde_json::to_value(&e).unwrap();
            assert_eq!(v, json!({"code": name, "message": "why"}));
            assert_eq!(serde_json::from_value::<ApiError>(v).unwrap(), e);
            assert_eq!(code.http_status(), status, "{name}");
        }
    }

    #[test]
    fn core_errors_map_to_their_codes_with_the_core_message() {
        assert_eq!(
            as_json(CoreError::NotFound("article 7".into())),
            json!({"code": "not_found", "message": "not found: article 7"})
        );
        assert_eq!(
            as_json(CoreError::Invalid("colour".into())),
            json!({"code": "invalid_input", "message": "invalid input: colour"})
        );
        assert_eq!(
            as_json(CoreError::Conflict("name taken".into())),
            json!({"code": "conflict", "message": "conflict: name taken"})
        );
        assert_eq!(
            as_json(CoreError::Busy("locked".into())),
            json!({"code": "busy", "message": "the library is busy (another process is writing): locked"})
        );
        assert_eq!(
            as_json(CoreError::Corrupt("bad page".into())),
            json!({"code": "corrupt", "message": "the library database is damaged: bad page"})
        );
        let io = std::io::Error::other("disk gone");
        assert_eq!(
            as_json(CoreError::Io(io)),
            json!({"code": "internal", "message": "I/O error: disk gone"})
        );
    }

    #[test]
    fn a_conflict_the_user_meets_carries_its_kind_and_params() {
        let clash = pizhu_core::Clash::ThemeNameTaken {
            name: "版权".into(),
        };
        assert_eq!(
            as_json(CoreError::Clash(clash)),
            json!({"code": "conflict", "message": "conflict: a theme named \u{201c}版权\u{201d} already exists",
                   "kind": "theme_name_taken", "params": {"name": "版权"}})
        );
    }

    #[test]
    fn an_import_error_carries_its_kind_and_params() {
        assert_eq!(
            as_json(pizhu_import::ImportError::UnsupportedType("xyz".into())),
            json!({"code": "import_failed",
                   "message": "unsupported file type \"xyz\" (Pizhu imports .txt, .md, .html, .htm, .docx, .pdf and .epub)",
                   "kind": "unsupported_type", "params": {"ext": "xyz"}})
        );
    }

    #[test]
    fn message_kinds_are_one_namespace() {
        let kinds = message_kinds();
        let unique: std::collections::BTreeSet<_> = kinds.iter().collect();
        assert_eq!(unique.len(), kinds.len(), "{kinds:?}");
        assert!(kinds.contains(&"anti_copy_junk") && kinds.contains(&"malformed"));
    }

    #[test]
    fn search_errors_map_to_their_codes_and_library_errors_as_core_ones() {
        assert_eq!(
            as_json(SearchError::InvalidQuery("unclosed quote".into())),
            json!({"code": "invalid_input", "message": "unclosed quote"})
        );
        assert_eq!(
            as_json(SearchError::Rebuilding { done: 3, total: 9 }),
            json!({"code": "busy", "message": "the search index is being rebuilt (3 of 9 documents); try again shortly"})
        );
        assert_eq!(
            as_json(SearchError::Other("no index".into())),
            json!({"code": "internal", "message": "search index: no index"})
        );
        assert_eq!(
            as_json(SearchError::Library(CoreError::Busy("locked".into()))),
            json!({"code": "busy", "message": "the library is busy (another process is writing): locked"})
        );
    }

    #[test]
    fn export_errors_map_to_their_codes_with_the_bare_message() {
        assert_eq!(
            as_json(ExportError::NotFound("article 3".into())),
            json!({"code": "not_found", "message": "article 3"})
        );
        assert_eq!(
            as_json(ExportError::Invalid("not a .qdc".into())),
            json!({"code": "import_failed", "message": "not a .qdc"})
        );
        assert_eq!(
            as_json(ExportError::Write("/x.md".into())),
            json!({"code": "write_failed", "message": "/x.md"})
        );
    }
}
