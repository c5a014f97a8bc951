//! `serve --open` hands the browser a start code, not the token: a browser's
//! command line is visible to every local user (`ps`) and its address lands in
//! the history. The page trades the code for the token once (`POST /session`);
//! after that, or after a minute, the code is worth nothing.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::guard::{refuse, same_secret};
use super::{new_token, ServerState};

/// Long enough for a browser to start cold, short enough to be useless later.
const CODE_LIFETIME: Duration = Duration::from_secs(60);

/// Codes handed out and not yet used, with when they stop working.
#[derive(Default)]
pub(crate) struct StartCodes(Mutex<Vec<(String, Instant)>>);

impl StartCodes {
    /// A new single-use code, valid for [`CODE_LIFETIME`] from `now`.
    pub(crate) fn issue(&self, now: Instant) -> String {
        let code = new_token();
        self.lock().push((code.clone(), now + CODE_LIFETIME));
        code
    }

    /// Whether `presented` is a live code; if so it is used up.
    pub(crate) fn redeem(&self, presented: &str, now: Instant) -> bool {
        let mut codes = self.lock();
        codes.retain(|(_, expires)| now < *expires);
        let found = codes
            .iter()
            .position(|(code, _)| same_secret(code.as_bytes(), presented.as_bytes()));
        found.map(|i| codes.swap_remove(i)).is_some()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(String, Instant)>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[derive(Deserialize)]
pub(crate) struct Exchange {
    code: String,
}

/// `POST /session {"code": …}` → `{"token": …}` for a live code, 401 otherwise.
pub(crate) async fn exchange(
    State(state): State<Arc<ServerState>>,
    Json(body): Json<Exchange>,
) -> Response {
    if !state.start_codes.redeem(&body.code, Instant::now()) {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "this start code is used up or expired: open the address `pizhu serve` printed",
        );
    }
    let mut response = Json(json!({ "token": state.token })).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_works_once_and_only_within_its_lifetime() {
        let codes = StartCodes::default();
        let t0 = Instant::now();
        let a = codes.issue(t0);
        assert!(a.len() >= 32);
        assert!(!codes.redeem("not-a-code", t0));
        assert!(codes.redeem(&a, t0 + Duration::from_secs(5)));
        assert!(!codes.redeem(&a, t0 + Duration::from_secs(6)), "used twice");

        let b = codes.issue(t0);
        assert!(!codes.redeem(&b, t0 + CODE_LIFETIME), "used after expiry");
        assert!(!codes.redeem(&b, t0), "an expired code came back");
    }
}
