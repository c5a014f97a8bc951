//! `pizhu serve`: the same UI and the same API as the desktop app, over HTTP on
//! 127.0.0.1, for people who prefer a browser and for end-to-end tests.
//!
//! Safety model: the server listens on loopback only (another interface needs
//! `--allow-remote`), and every API call must carry a per-run random token
//! (`Authorization: Bearer …`) and come from no page or from the server's own
//! origin — so other local users and other web pages cannot drive the library.

mod api;
mod assets;
mod guard;
mod listen;
mod session;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::post;
use axum::Router;
use clap::Subcommand;
use pizhu_api::{ApiError, ErrorCode, Pizhu};
use pizhu_core::LibraryDir;
use rand::RngCore;

/// Imports arrive as base64 in a JSON body; a few large .docx files fit.
const MAX_BODY_BYTES: usize = 100 * 1024 * 1024;

#[derive(Subcommand)]
pub enum Cmd {
    /// Serve the Pizhu UI and API on 127.0.0.1 for a browser.
    Serve {
        /// Port to listen on (0 = any free port).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Address to listen on; anything but loopback needs --allow-remote.
        #[arg(long, default_value = "127.0.0.1")]
        host: IpAddr,
        /// Allow listening on a non-loopback address (the token still applies).
        #[arg(long)]
        allow_remote: bool,
        /// Open the address in the default browser.
        #[arg(long)]
        open: bool,
    },
}

/// What every request handler shares.
pub(crate) struct ServerState {
    pub app: Pizhu,
    pub token: String,
    /// Origins a browser may call the API from (the server's own).
    pub allowed_origins: Vec<String>,
    /// `Host` headers the API answers (None: any, when listening beyond loopback).
    pub allowed_hosts: Option<Vec<String>>,
    /// Single-use codes `--open` gave the browser instead of the token.
    pub start_codes: session::StartCodes,
}

pub fn run(dir: &LibraryDir, cmd: Cmd) -> Result<ExitCode, ApiError> {
    let Cmd::Serve {
        port,
        host,
        allow_remote,
        open,
    } = cmd;
    if !host.is_loopback() && !allow_remote {
        eprintln!(
            "pizhu: refusing to listen on {host}: only loopback (127.0.0.1, ::1) is allowed \
             unless --allow-remote is given"
        );
        return Ok(ExitCode::from(2));
    }
    let app = Pizhu::open(dir)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| internal(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(serve(app, SocketAddr::new(host, port), open, dir))
}

async fn serve(
    app: Pizhu,
    addr: SocketAddr,
    open: bool,
    dir: &LibraryDir,
) -> Result<ExitCode, ApiError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| internal(format!("cannot listen on {addr}: {e}")))?;
    let bound = listener.local_addr().map_err(|e| internal(e.to_string()))?;
    let token = new_token();
    let host_for_url = match bound.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let origin = format!("http://{host_for_url}:{}", bound.port());
    let mut allowed_origins = vec![origin.clone()];
    if bound.ip().is_loopback() {
        allowed_origins.push(format!("http://localhost:{}", bound.port()));
    }
    let allowed_hosts = bound.ip().is_loopback().then(|| {
        allowed_origins
            .iter()
            .map(|o| o.trim_start_matches("http://").to_owned())
            .collect()
    });
    let url = format!("{origin}/?token={token}");

    // The first line is the address, alone, so scripts and tests can read it.
    // Printing must never stop the server: a launcher may close our stdout after that line.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{url}");
    let _ = writeln!(
        out,
        "Pizhu is serving the library in {}",
        dir.root().display()
    );
    if !bound.ip().is_loopback() {
        let _ = writeln!(
            out,
            "Warning: listening on {} — reachable from other machines (token required).",
            bound.ip()
        );
    }
    let _ = writeln!(out, "Press Ctrl+C to stop.");
    let _ = out.flush();
    drop(out);
    let state = Arc::new(ServerState {
        app,
        token,
        allowed_origins,
        allowed_hosts,
        start_codes: session::StartCodes::default(),
    });
    if open {
        // Never the token: the browser's command line is visible to other users.
        let code = state.start_codes.issue(std::time::Instant::now());
        open_browser(&format!("{origin}/?code={code}"));
    }
    // Route layers run before the handler's body extractor: refused callers are never read.
    let api = Router::new()
        .route("/api/{op}", post(api::call))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::authorised,
        ));
    let start = Router::new()
        .route("/session", post(session::exchange))
        .layer(DefaultBodyLimit::max(4096))
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::same_site,
        ));
    let router = api.merge(start).fallback(assets::serve).with_state(state);
    listen::run(listener, router, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(ExitCode::SUCCESS)
}

/// 128 random bits from the OS-seeded generator, as hex.
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Best effort: a missing opener must not stop the server.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let _ = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

fn internal(message: String) -> ApiError {
    ApiError::new(ErrorCode::Internal, message)
}
