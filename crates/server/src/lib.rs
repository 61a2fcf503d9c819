//! # rasid-server: the web interface and the HTTP API of `rasid serve`
//!
//! Analysts read a corpus in a browser: the **stories** (newest first, with a
//! timeline and filters), a **story** (its figure ledger as a table of what
//! is counted × who says so, a chart of each figure over time by source, a map
//! of its places), an **article** (its text with every extracted item
//! highlighted) and **search**. Everything the pages show is also in the JSON
//! API under `/api/` (described by `/api/openapi.json`).
//!
//! Design choices, and why:
//! - Pages are rendered on the server (minijinja templates embedded from
//!   `templates/`), charts and maps are SVG drawn here: the UI works offline,
//!   without JavaScript, on a phone.
//! - **Article text is hostile input.** Every value reaches HTML through one
//!   escaper ([`html::escape`]) that also turns bidi embedding/override
//!   controls into visible markers; a strict Content-Security-Policy forbids
//!   inline scripts anyway ([`security`]).
//! - The corpus API is blocking (SQLite, tantivy): handlers run it on tokio's
//!   blocking pool. Writes (`POST /api/articles`) need a bearer token given at
//!   start, compared in constant time, and run one at a time.
//!
//! Entry points: [`App::new`] over an open [`Corpus`], [`router`] for tests
//! (`tower::ServiceExt::oneshot`), [`serve`] for the command line.

mod api;
mod cache;
pub mod demo;
mod failure;
mod format;
pub mod highlight;
pub mod html;
mod i18n;
mod openapi;
mod pages;
pub mod security;
mod statics;
pub mod svg;
mod ui;
mod views;

pub use i18n::Lang;
pub use openapi::{OPENAPI_JSON, api_routes, openapi_document};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use rasid_corpus::Corpus;
use rasid_gazetteer::Boundaries;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

/// Largest request body accepted (an article posted to `/api/articles`).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("token file {path}: {message}")]
    TokenFile { path: String, message: String },
    #[error("interface data is broken: {0}")]
    Ui(String),
    #[error("cannot read the governorate outlines: {0}")]
    Boundaries(String),
    #[error("cannot listen on {addr}: {message}")]
    Bind { addr: SocketAddr, message: String },
    #[error("server error: {0}")]
    Io(String),
}

/// How the server is set up.
#[derive(Debug, Clone)]
pub struct Options {
    /// The bearer token writes must present; `None` disables writes (403).
    pub token: Option<String>,
    /// Bytes of rendered answers (searches, stories, ledgers) kept for
    /// repeated requests; 0 disables the cache. Entries are dropped as soon
    /// as any article is stored, so they are never stale.
    pub cache_bytes: usize,
}

/// Default size of the answer cache.
pub const DEFAULT_CACHE_BYTES: usize = 64 * 1024 * 1024;

impl Default for Options {
    fn default() -> Options {
        Options { token: None, cache_bytes: DEFAULT_CACHE_BYTES }
    }
}

/// Everything a request handler needs. Shared between requests (`Arc`).
pub struct App {
    pub(crate) corpus: Arc<Corpus>,
    pub(crate) token: Option<security::Token>,
    pub(crate) ui: ui::Ui,
    /// Governorate outlines for story maps, when imported into the corpus home.
    pub(crate) boundaries: Option<Boundaries>,
    /// Writes run one at a time: the corpus has a single index writer.
    pub(crate) writes: tokio::sync::Mutex<()>,
    /// Rendered answers for repeated requests.
    pub(crate) cache: cache::Cache,
    /// Permits for blocking corpus work running at once ([`failure::blocking`]).
    pub(crate) workers: tokio::sync::Semaphore,
    /// Host names requests may carry (`None`: any). Set by [`serve`] on a
    /// loopback address, so that a web page elsewhere cannot read the corpus
    /// through a DNS name rebound to 127.0.0.1.
    pub(crate) allowed_hosts: Option<Vec<String>>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("corpus", &self.corpus)
            .field("writes_enabled", &self.token.is_some())
            .field("boundaries", &self.boundaries.as_ref().map(|b| b.features.len()))
            .finish_non_exhaustive()
    }
}

/// How much blocking corpus work runs at once: two per core. Under load,
/// more would not finish sooner (the work is CPU-bound), but each extra task
/// takes a thread and an SQLite connection beyond the reader pool, which is
/// opened, parses the schema and prepares its statements, then is closed:
/// measured under 64 connections, that churn and the thread switching were a
/// third of a story request's time. The others wait in turn (the semaphore
/// is fair), which keeps the slowest answers close to the typical ones.
fn blocking_workers() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get) * 2
}

impl App {
    /// Build the application over an open corpus: templates and interface
    /// strings are compiled now (a broken template fails here, not on the
    /// first request), and governorate outlines are read from the corpus
    /// home if they were imported.
    pub fn new(corpus: Corpus, options: Options) -> Result<App, ServerError> {
        let boundaries = rasid_gazetteer::load_boundaries(corpus.home())
            .map_err(|e| ServerError::Boundaries(e.to_string()))?;
        let token = match options.token {
            Some(t) => Some(security::Token::new(&t).ok_or_else(|| ServerError::TokenFile {
                path: "(given)".into(),
                message: "the token is empty".into(),
            })?),
            None => None,
        };
        Ok(App {
            corpus: Arc::new(corpus),
            token,
            ui: ui::Ui::new()?,
            boundaries,
            writes: tokio::sync::Mutex::new(()),
            cache: cache::Cache::new(options.cache_bytes),
            workers: tokio::sync::Semaphore::new(blocking_workers()),
            allowed_hosts: None,
        })
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn writes_enabled(&self) -> bool {
        self.token.is_some()
    }

    /// Accept only requests whose `Host` is one of `hosts` (names or IP
    /// literals, without port; IPv6 in brackets).
    pub fn restrict_hosts(&mut self, hosts: Vec<String>) {
        self.allowed_hosts = Some(hosts);
    }
}

/// Read a bearer token from a file: its first line, trimmed. An empty token
/// is refused (it would let anyone write).
pub fn read_token_file(path: &Path) -> Result<String, ServerError> {
    let err = |message: String| ServerError::TokenFile { path: path.display().to_string(), message };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    let token = text.lines().next().unwrap_or("").trim();
    if token.is_empty() {
        return Err(err("the file holds no token (its first line is empty)".into()));
    }
    if token.len() < 16 {
        return Err(err("the token is shorter than 16 characters: use a long random string".into()));
    }
    Ok(token.to_string())
}

/// The whole HTTP application: pages, static files and the API, with the
/// security headers and the body limit on every route.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(statics::routes())
        .merge(api::routes())
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(app.allowed_hosts.clone()),
            security::check_host,
        ))
        .layer(axum::middleware::map_response(security::add_headers))
        .with_state(app)
}

/// Serve `app` on `addr` until Ctrl-C or SIGTERM. `on_ready` is called once
/// the socket is bound, with the actual address (useful with port 0).
/// Builds its own tokio runtime, so callers stay synchronous.
pub fn serve(addr: SocketAddr, mut app: App, on_ready: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("rasid-http")
        .build()
        .map_err(|e| ServerError::Io(e.to_string()))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| ServerError::Bind { addr, message: e.to_string() })?;
        let local = listener.local_addr().map_err(|e| ServerError::Io(e.to_string()))?;
        if local.ip().is_loopback() {
            let ip = match local.ip() {
                std::net::IpAddr::V4(v4) => v4.to_string(),
                std::net::IpAddr::V6(v6) => format!("[{v6}]"),
            };
            app.restrict_hosts(vec!["localhost".into(), "127.0.0.1".into(), "[::1]".into(), ip]);
        }
        on_ready(local);
        axum::serve(listener, router(Arc::new(app)))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| ServerError::Io(e.to_string()))
    })
}

/// Resolves on Ctrl-C or SIGTERM (what `kill` and the e2e harness send).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
