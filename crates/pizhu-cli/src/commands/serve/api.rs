//! `POST /api/<op>`: one API operation, guarded by the origin check and the token.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use pizhu_api::{ApiError, ErrorCode};
use serde_json::{json, Value};

use super::ServerState;

pub(crate) async fn call(
    State(state): State<Arc<ServerState>>,
    Path(op): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // A page from another origin must not reach the library even if it guessed the port.
    if let Some(origin) = headers.get(header::ORIGIN) {
        let allowed = origin
            .to_str()
            .is_ok_and(|o| state.allowed_origins.iter().any(|a| a == o));
        if !allowed {
            return api_error(ApiError::new(
                ErrorCode::Forbidden,
                "requests from other web pages are refused",
            ));
        }
    }
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !same_secret(presented.as_bytes(), state.token.as_bytes()) {
        return api_error(ApiError::new(
            ErrorCode::Unauthorized,
            "missing or wrong token",
        ));
    }
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
    let result = tokio::task::spawn_blocking(move || state.app.call(&op, args)).await;
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

/// Compare without stopping at the first differing byte, so timing does not leak the token.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
