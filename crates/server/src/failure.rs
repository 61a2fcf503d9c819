//! What can go wrong in a request, and the HTTP status each failure means.

use axum::http::StatusCode;
use rasid_corpus::CorpusError;
use std::sync::Arc;

use crate::App;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No such story, article, page: 404.
    NotFound(String),
    /// A malformed parameter or body: 400.
    BadRequest(String),
    /// The request was understood but cannot be done (an article the ingest
    /// refused): 422.
    Unprocessable(String),
    /// No or wrong bearer token: 401.
    Unauthorized,
    /// A body over the limit: 413.
    PayloadTooLarge(String),
    /// Writes are disabled (no token configured): 403.
    Forbidden(String),
    /// The search index is missing or corrupt (the message says to run
    /// `rasid reindex`): 503.
    Unavailable(String),
    /// Anything else: 500. The detail goes to the server's log, not the client.
    Internal(String),
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::Unauthorized => StatusCode::UNAUTHORIZED,
            Failure::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::Forbidden(_) => StatusCode::FORBIDDEN,
            Failure::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The message shown to the client.
    pub fn message(&self) -> String {
        match self {
            Failure::NotFound(m)
            | Failure::BadRequest(m)
            | Failure::Unprocessable(m)
            | Failure::Forbidden(m)
            | Failure::PayloadTooLarge(m)
            | Failure::Unavailable(m) => m.clone(),
            Failure::Unauthorized => "a valid bearer token is required (Authorization: Bearer TOKEN)".into(),
            Failure::Internal(_) => "internal error (see the server log)".into(),
        }
    }

    /// Log what the client is not told.
    pub fn log(&self) {
        if let Failure::Internal(detail) = self {
            eprintln!("rasid serve: error: {detail}");
        }
    }
}

impl From<CorpusError> for Failure {
    fn from(e: CorpusError) -> Failure {
        match e {
            CorpusError::NoSuchStory(_) | CorpusError::NoSuchArticle(_) => Failure::NotFound(e.to_string()),
            CorpusError::Index(m) => Failure::Unavailable(m),
            other => Failure::Internal(other.to_string()),
        }
    }
}

/// An unexpected error (database, I/O) as a [`Failure::Internal`].
pub fn internal(e: impl std::fmt::Display) -> Failure {
    Failure::Internal(e.to_string())
}

/// Run blocking corpus work (SQLite, tantivy, rendering) on tokio's blocking
/// pool, so the async workers keep accepting connections; at most
/// [`App::workers`] at once.
pub async fn blocking<T: Send + 'static>(
    app: &Arc<App>,
    f: impl FnOnce(&App) -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    // Never closed, so acquiring only fails if it were: then run unthrottled.
    let _permit = app.workers.acquire().await.ok();
    let app = Arc::clone(app);
    tokio::task::spawn_blocking(move || f(&app))
        .await
        .map_err(|e| Failure::Internal(format!("request task failed: {e}")))?
}
