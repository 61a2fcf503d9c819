//! Static files (CSS, icon), embedded in the binary.
//!
//! The route looks the requested name up in a fixed table: nothing is ever
//! read from disk, so `..`, `%2e%2e`, backslashes or absolute paths can only
//! miss (404); there is no path to traverse.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;

use crate::App;

/// name → (content type, bytes).
pub const FILES: &[(&str, &str, &str)] = &[
    ("style.css", "text/css; charset=utf-8", include_str!("../static/style.css")),
    ("favicon.svg", "image/svg+xml", include_str!("../static/favicon.svg")),
];

pub fn routes() -> Router<Arc<App>> {
    Router::new().route("/static/{*path}", get(file))
}

async fn file(Path(path): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == path) {
        Some((_, content_type, body)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
            ],
            *body,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "not found\n")
            .into_response(),
    }
}
