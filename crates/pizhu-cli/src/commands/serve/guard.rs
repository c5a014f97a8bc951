//! Who may call the API, decided from the request line and headers alone.
//!
//! This runs as a layer ahead of the handler, so a request that fails it is
//! answered before a single byte of its body is read: a page on another origin
//! (or a process without the token) cannot make the server buffer 100 MB.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use super::ServerState;

/// Host and Origin only: for routes that need no token (the code exchange).
pub(crate) async fn same_site(
    State(state): State<Arc<ServerState>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(refused) = check_site(&state, request.headers()) {
        return refused;
    }
    next.run(request).await
}

/// Host, Origin and the bearer token: for every API call.
pub(crate) async fn authorised(
    State(state): State<Arc<ServerState>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(refused) = check_site(&state, request.headers()) {
        return refused;
    }
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !same_secret(presented.as_bytes(), state.token.as_bytes()) {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or wrong token",
        );
    }
    next.run(request).await
}

fn check_site(state: &ServerState, headers: &HeaderMap) -> Option<Response> {
    // A name that resolves to 127.0.0.1 (DNS rebinding) still carries its own Host.
    if let Some(hosts) = &state.allowed_hosts {
        let ok = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .is_some_and(|h| hosts.iter().any(|a| a.eq_ignore_ascii_case(h)));
        if !ok {
            return Some(refuse(
                StatusCode::FORBIDDEN,
                "forbidden",
                "requests for another host name are refused",
            ));
        }
    }
    // A page from another origin must not reach the library even if it guessed the port.
    if let Some(origin) = headers.get(header::ORIGIN) {
        let allowed = origin
            .to_str()
            .is_ok_and(|o| state.allowed_origins.iter().any(|a| a == o));
        if !allowed {
            return Some(refuse(
                StatusCode::FORBIDDEN,
                "forbidden",
                "requests from other web pages are refused",
            ));
        }
    }
    None
}

pub(crate) fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    let mut response = (status, Json(json!({ "code": code, "message": message }))).into_response();
    // The body was not read: tell the client this connection is done with.
    response.headers_mut().insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    response
}

/// Compare without stopping at the first differing byte, so timing does not leak the secret.
pub(crate) fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
