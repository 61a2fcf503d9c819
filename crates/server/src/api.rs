//! The JSON API under `/api/`: what the pages show, as data. Routes are
//! built from one table ([`table`]) that the OpenAPI test compares with
//! `openapi.json`, so the document cannot drift from the router.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{MethodRouter, get, post};
use rasid_corpus::{IngestOptions, Item, Origin};
use rasid_model::Article;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::Arc;

use crate::App;
use crate::cache::through;
use crate::failure::{Failure, blocking, internal};
use crate::pages::FilterParams;
use crate::security::{Auth, authorize};
use crate::views::Filters;

/// Stories returned when `limit` is not given, and the most ever returned.
const STORIES_DEFAULT: usize = 50;
const STORIES_MAX: usize = 1_000;
const HITS_DEFAULT: usize = 20;
const HITS_MAX: usize = 100;
/// Longest article id accepted by `POST /api/articles`.
const MAX_ID_CHARS: usize = 256;

/// Export formats and their media types.
const EXPORT_FORMATS: &[(&str, &str)] = &[
    ("jsonl", "application/x-ndjson; charset=utf-8"),
    ("acled", "text/csv; charset=utf-8"),
    ("gkg", "text/tab-separated-values; charset=utf-8"),
    ("geojson", "application/geo+json"),
];

/// Every API route: (method, path as in OpenAPI, handler).
pub fn table() -> Vec<(&'static str, &'static str, MethodRouter<Arc<App>>)> {
    vec![
        ("get", "/api/stories", get(stories)),
        ("get", "/api/stories/{id}", get(story)),
        ("get", "/api/stories/{id}/ledger", get(ledger)),
        ("get", "/api/articles/{id}", get(article)),
        ("post", "/api/articles", post(post_article)),
        ("get", "/api/search", get(search)),
        ("get", "/api/export", get(export)),
        ("get", "/api/openapi.json", get(openapi)),
    ]
}

pub fn routes() -> Router<Arc<App>> {
    table()
        .into_iter()
        .fold(Router::new(), |r, (_, path, handler)| r.route(path, handler))
        .fallback(api_not_found)
}

/// A failure as `{"error": "…"}` with its status.
pub struct ApiError(pub Failure);

impl From<Failure> for ApiError {
    fn from(f: Failure) -> ApiError {
        ApiError(f)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.log();
        let mut response = (self.0.status(), Json(json!({ "error": self.0.message() }))).into_response();
        if self.0 == Failure::Unauthorized {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"rasid\""));
        }
        response
    }
}

type ApiResult<T> = Result<T, ApiError>;

async fn api_not_found() -> ApiError {
    ApiError(Failure::NotFound("no such API route (see /api/openapi.json)".into()))
}

fn bad(e: impl Into<String>) -> ApiError {
    ApiError(Failure::BadRequest(e.into()))
}

/// `limit` as a number in `1..=max`, `default` when absent.
fn limit_of(s: &Option<String>, default: usize, max: usize) -> ApiResult<usize> {
    match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n.min(max)),
            _ => Err(bad(format!("'limit' must be a positive number, not '{v}'"))),
        },
    }
}

fn story_id(s: &str) -> ApiResult<i64> {
    s.trim().parse().map_err(|_| ApiError(Failure::NotFound(format!("no story '{s}'"))))
}

/// The cache key of an API answer: its path and query.
fn key(uri: &Uri) -> String {
    format!("api {uri}")
}

async fn stories(
    State(app): State<Arc<App>>,
    uri: Uri,
    Query(p): Query<FilterParams>,
) -> ApiResult<Response> {
    let f = Filters::parse(&p).map_err(bad)?;
    let limit = limit_of(&p.limit, STORIES_DEFAULT, STORIES_MAX)?;
    let body = through(&app, key(&uri), move |app| {
        serde_json::to_vec(&crate::views::list_stories(app, &f, limit)?).map_err(internal)
    })
    .await?;
    Ok(json_bytes(body))
}

#[derive(Serialize)]
struct ArticleMeta {
    id: String,
    title: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    day: Option<String>,
    dup_of: Option<String>,
}

async fn story(State(app): State<Arc<App>>, uri: Uri, Path(id): Path<String>) -> ApiResult<Response> {
    let id = story_id(&id)?;
    let body = through(&app, key(&uri), move |app| {
        let summary = app.corpus.story(id)?;
        let ledger = app.corpus.ledger(id)?;
        let articles: Vec<ArticleMeta> = app
            .corpus
            .store()
            .story_articles(id)
            .map_err(internal)?
            .into_iter()
            .map(|a| ArticleMeta {
                id: a.article.id,
                title: a.article.title,
                outlet: a.article.outlet,
                published: a.article.published,
                day: a.day,
                dup_of: a.dup_of,
            })
            .collect();
        serde_json::to_vec(&json!({ "story": summary, "articles": articles, "ledger": ledger }))
            .map_err(internal)
    })
    .await?;
    Ok(json_bytes(body))
}

async fn ledger(State(app): State<Arc<App>>, uri: Uri, Path(id): Path<String>) -> ApiResult<Response> {
    let id = story_id(&id)?;
    let body =
        through(&app, key(&uri), move |app| serde_json::to_vec(&app.corpus.ledger(id)?).map_err(internal))
            .await?;
    Ok(json_bytes(body))
}

async fn article(State(app): State<Arc<App>>, Path(id): Path<String>) -> ApiResult<Response> {
    let body = blocking(&app, move |app| {
        let a = app
            .corpus
            .store()
            .article(&id)
            .map_err(internal)?
            .ok_or_else(|| Failure::NotFound(format!("no article '{id}' in this corpus")))?;
        serde_json::to_vec(&json!({
            "article": a.article,
            "extraction": a.extraction,
            "story": a.story,
            "dup_of": a.dup_of,
        }))
        .map_err(internal)
    })
    .await?;
    Ok(json_bytes(body))
}

fn json_bytes(body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

#[derive(Serialize)]
struct HitJson {
    id: String,
    score: f32,
    title: String,
    outlet: Option<String>,
    published: Option<String>,
    story: Option<i64>,
    snippet: String,
    /// Character ranges of the snippet to highlight, `[start, end)`.
    highlights: Vec<[usize; 2]>,
}

async fn search(State(app): State<Arc<App>>, uri: Uri, Query(p): Query<FilterParams>) -> ApiResult<Response> {
    let f = Filters::parse(&p).map_err(bad)?;
    // Without words, the filters alone browse the corpus newest first;
    // with neither, there is nothing to ask.
    let filtered =
        f.from.is_some() || f.to.is_some() || f.place.is_some() || f.actor.is_some() || f.outlet.is_some();
    if f.q.is_empty() && !filtered {
        return Err(bad(
            "'q' (the text to search for) or a filter (from, to, place, actor, outlet) is required",
        ));
    }
    let limit = limit_of(&p.limit, HITS_DEFAULT, HITS_MAX)?;
    let offset = match p.offset.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => 0,
        Some(v) => v.parse::<usize>().map_err(|_| bad(format!("'offset' must be a number, not '{v}'")))?,
    };
    let body = through(&app, key(&uri), move |app| {
        let (total, hits) = app.corpus.search(&f.search_query(limit, offset))?;
        let hits: Vec<HitJson> = hits
            .into_iter()
            .map(|h| HitJson {
                id: h.id,
                score: h.score,
                title: h.title,
                outlet: h.outlet,
                published: h.published.map(|d| d.to_string()),
                story: h.story,
                snippet: h.snippet,
                highlights: h.highlights.iter().map(|&(s, e)| [s, e]).collect(),
            })
            .collect();
        serde_json::to_vec(&json!({ "total": total, "offset": offset, "limit": limit, "hits": hits }))
            .map_err(internal)
    })
    .await?;
    Ok(json_bytes(body))
}

/// An `io::Write` that hands the export to the response body in chunks, so
/// a corpus of any size streams without being held in memory.
struct ChunkWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, String>>,
    buf: Vec<u8>,
}

const CHUNK: usize = 64 * 1024;

impl ChunkWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl std::io::Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

async fn export(State(app): State<Arc<App>>, Query(p): Query<FilterParams>) -> ApiResult<Response> {
    let f = Filters::parse(&p).map_err(bad)?;
    let format = p.format.as_deref().map(str::trim).unwrap_or("jsonl").to_string();
    let Some(&(_, media)) = EXPORT_FORMATS.iter().find(|(name, _)| *name == format) else {
        let names: Vec<&str> = EXPORT_FORMATS.iter().map(|(n, _)| *n).collect();
        return Err(bad(format!("'format' must be one of {}, not '{format}'", names.join(", "))));
    };
    let filename =
        format!("attachment; filename=\"rasid-export.{}\"", if format == "acled" { "csv" } else { &format });
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Result<Bytes, String>>(4);
    let corpus = Arc::clone(&app.corpus);
    tokio::task::spawn_blocking(move || {
        let mut w = ChunkWriter { tx: tx.clone(), buf: Vec::with_capacity(CHUNK) };
        let outcome = match corpus.export(&format, &f.days(), &mut w) {
            Ok(_) => std::io::Write::flush(&mut w).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(e) = outcome {
            eprintln!("rasid serve: export failed: {e}");
            // Abort the body: the client sees a failed transfer, not a silently short file.
            let _ = tx.blocking_send(Err(e));
        }
    });
    // A failure before the first chunk is still a proper error response.
    let mut first = match rx.recv().await {
        Some(Err(e)) => return Err(ApiError(Failure::Unprocessable(e))),
        Some(Ok(chunk)) => Some(chunk),
        None => None,
    };
    let stream = futures_util::stream::poll_fn(move |cx| match first.take() {
        Some(chunk) => std::task::Poll::Ready(Some(Ok(chunk))),
        None => rx.poll_recv(cx),
    });
    let mut response = Response::new(Body::from_stream(stream));
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    if let Ok(v) = HeaderValue::from_str(&filename) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

async fn openapi() -> Response {
    json_bytes(crate::openapi::OPENAPI_JSON.as_bytes().to_vec())
}

/// The body of `POST /api/articles`.
#[derive(Debug, Deserialize)]
struct IncomingArticle {
    id: String,
    text: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

fn validate(a: &IncomingArticle) -> Result<(), String> {
    let id = a.id.trim();
    if id.is_empty() {
        return Err("'id' is empty".into());
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(format!("'id' is longer than {MAX_ID_CHARS} characters"));
    }
    if id.chars().any(char::is_control) {
        return Err("'id' contains control characters".into());
    }
    if a.text.trim().is_empty() {
        return Err("'text' is empty".into());
    }
    if let Some(p) = a.published.as_deref().filter(|p| !p.trim().is_empty())
        && crate::format::day(p.trim()).is_none()
    {
        return Err(format!("'published' must be YYYY-MM-DD or an ISO date-time, not '{p}'"));
    }
    Ok(())
}

/// Ingest one article. The token is checked before the body is read; the
/// body is limited to [`crate::MAX_BODY_BYTES`] (413 beyond).
async fn post_article(State(app): State<Arc<App>>, request: Request) -> ApiResult<Response> {
    match authorize(app.token.as_ref(), request.headers()) {
        Auth::Granted => {}
        Auth::Refused => return Err(ApiError(Failure::Unauthorized)),
        Auth::Disabled => {
            return Err(ApiError(Failure::Forbidden(
                "writes are disabled: start `rasid serve` with --token-file to accept articles".into(),
            )));
        }
    }
    let body = axum::body::to_bytes(request.into_body(), crate::MAX_BODY_BYTES).await.map_err(|_| {
        ApiError(Failure::PayloadTooLarge(format!("the body is larger than {} bytes", crate::MAX_BODY_BYTES)))
    })?;
    let incoming: IncomingArticle =
        serde_json::from_slice(&body).map_err(|e| bad(format!("the body is not an article object: {e}")))?;
    validate(&incoming).map_err(bad)?;
    let article = Article {
        id: incoming.id.trim().to_string(),
        text: incoming.text,
        published: incoming.published.map(|p| p.trim().to_string()).filter(|p| !p.is_empty()),
        outlet: incoming.outlet.filter(|o| !o.trim().is_empty()),
        title: incoming.title.filter(|t| !t.trim().is_empty()),
        url: incoming.url.filter(|u| !u.trim().is_empty()),
    };
    let _one_writer = app.writes.lock().await;
    let (status, body) = blocking(&app, move |app| {
        let id = article.id.clone();
        let origin = Origin { path: "POST /api/articles".into(), line: None };
        let report = app.corpus.ingest(
            std::iter::once(Item::Article(article, origin)),
            &IngestOptions::default(),
            &|_| {},
        )?;
        if let Some((_, reason)) = report.problems.first() {
            return Err(Failure::Unprocessable(reason.clone()));
        }
        let (status, word) = if report.added > 0 {
            (StatusCode::CREATED, "added")
        } else if report.replaced > 0 {
            (StatusCode::OK, "replaced")
        } else {
            (StatusCode::OK, "unchanged")
        };
        let story = app.corpus.store().article(&id).map_err(internal)?.and_then(|a| a.story);
        let body = json!({ "id": id, "status": word, "story": story, "index_notice": report.index_notice });
        Ok((status, body))
    })
    .await?;
    Ok((status, Json(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incoming(id: &str, text: &str, published: Option<&str>) -> IncomingArticle {
        IncomingArticle {
            id: id.into(),
            text: text.into(),
            published: published.map(str::to_string),
            outlet: None,
            title: None,
            url: None,
        }
    }

    #[test]
    fn incoming_articles_are_validated() {
        assert!(validate(&incoming("a-1", "نص", Some("2019-03-09"))).is_ok());
        assert!(validate(&incoming("  ", "نص", None)).is_err());
        assert!(validate(&incoming("a\u{0}b", "نص", None)).is_err());
        assert!(validate(&incoming("a", "   ", None)).is_err());
        assert!(validate(&incoming("a", "نص", Some("أمس"))).is_err());
        assert!(validate(&incoming(&"x".repeat(300), "نص", None)).is_err());
    }

    #[test]
    fn limits_are_bounded() {
        assert_eq!(limit_of(&None, 20, 100).ok(), Some(20));
        assert_eq!(limit_of(&Some("5000".into()), 20, 100).ok(), Some(100));
        assert!(limit_of(&Some("0".into()), 20, 100).is_err());
        assert!(limit_of(&Some("x".into()), 20, 100).is_err());
    }
}
