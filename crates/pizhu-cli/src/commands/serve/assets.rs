//! The built UI (`ui/dist`), embedded in release builds and read from disk in
//! debug builds (rust-embed's behaviour), served with a strict CSP.

use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../../ui/dist"]
// The crate must build before anyone has run `npm run build`; the UI is then simply absent.
#[allow_missing = true]
struct UiDist;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
                   form-action 'none'";

pub(crate) async fn serve(method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return secured(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            b"method not allowed".to_vec(),
        );
    }
    let Some(name) = asset_name(uri.path()) else {
        return not_found();
    };
    if let Some(file) = UiDist::get(&name) {
        return secured(StatusCode::OK, mime_for(&name), file.data.into_owned());
    }
    // Client-side routes (no extension) get the app; a missing asset stays a 404.
    let is_route = !name.rsplit('/').next().unwrap_or("").contains('.');
    if is_route {
        if let Some(index) = UiDist::get("index.html") {
            return secured(
                StatusCode::OK,
                "text/html; charset=utf-8",
                index.data.into_owned(),
            );
        }
        return secured(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            b"The UI is not built: run `npm ci && npm run build` in ui/.".to_vec(),
        );
    }
    not_found()
}

/// The embedded file a URL path names, or None for anything that tries to leave the folder.
fn asset_name(path: &str) -> Option<String> {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() {
        return Some("index.html".to_owned());
    }
    let suspicious = trimmed.contains('\\')
        || trimmed.contains('%')
        || trimmed.contains(':')
        || trimmed
            .split('/')
            .any(|seg| seg.is_empty() || seg == "." || seg == "..");
    if suspicious {
        return None;
    }
    Some(trimmed.to_owned())
}

fn mime_for(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn not_found() -> Response {
    secured(
        StatusCode::NOT_FOUND,
        "text/plain; charset=utf-8",
        b"not found".to_vec(),
    )
}

fn secured(status: StatusCode, mime: &'static str, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The first URL carries the token; never send it on as a referrer.
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
