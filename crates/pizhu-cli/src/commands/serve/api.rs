//! `POST /api/<op>`: one API operation (the guard layer has checked the caller).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use pizhu_api::{ApiError, Caller, ErrorCode};
use serde_json::{json, Value};

use super::ServerState;

/// The caller has passed [`super::guard::authorised`] before this body is read.
pub(crate) async fn call(
    State(state): State<Arc<ServerState>>,
    Path(op): Path<String>,
    body: Bytes,
) -> Response {
    let args: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                return api_error(ApiError::invalid(format!(
                    "the request body is not JSON: {e}"
                )))
            }
        }
    };
    // Operations do blocking SQLite, tantivy and file work; running them on the
    // async workers would stall every other request (and the static files) meanwhile.
    // A browser page sends file contents, never paths: `Caller::Page` refuses them.
    let result =
        tokio::task::spawn_blocking(move || state.app.call_as(Caller::Page(None), &op, args)).await;
    match result {
        Ok(Ok(value)) => (StatusCode::OK, Json(value)).into_response(),
        Ok(Err(e)) => api_error(e),
        Err(join) => api_error(ApiError::new(
            ErrorCode::Internal,
            format!("the operation panicked: {join}"),
        )),
    }
}

/// `{code, message}` with the code's own HTTP status (both set in `pizhu_api::ErrorCode`).
fn api_error(e: ApiError) -> Response {
    let status =
        StatusCode::from_u16(e.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(json!(e))).into_response()
}
