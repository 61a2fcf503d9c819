//! The HTML pages: stories, story, article, search, and the language switch.
//!
//! Each handler gathers its data on the blocking pool, turns it into a small
//! view struct of display strings (`views`), and renders its template. The
//! language comes from `?lang=`, else the `rasid_lang` cookie, else Arabic.

use axum::Router;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

use crate::App;
use crate::failure::{Failure, blocking};
use crate::html::url_component;
use crate::i18n::Lang;
use crate::ui::Chrome;
use crate::views::{self, Filters};

/// The cookie that remembers the interface language.
pub const LANG_COOKIE: &str = "rasid_lang";

pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(stories_page))
        .route("/story/{id}", get(story_page))
        .route("/article/{id}", get(article_page))
        .route("/search", get(search_page))
        .route("/lang/{code}", get(switch_language))
}

/// The language of a request and the page it is on (for the switch link).
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub lang: Lang,
    /// Path and query of this page, without any `lang=` parameter.
    pub here: String,
}

impl<S: Send + Sync> FromRequestParts<S> for PageCtx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PageCtx, Self::Rejection> {
        let query_lang =
            query_pairs(&parts.uri).into_iter().find(|(k, _)| k == "lang").and_then(|(_, v)| Lang::parse(&v));
        let cookie_lang = parts
            .headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, _)| *k == LANG_COOKIE)
            .and_then(|(_, v)| Lang::parse(v));
        Ok(PageCtx {
            lang: query_lang.or(cookie_lang).unwrap_or_default(),
            here: here_without_lang(&parts.uri),
        })
    }
}

/// The query of a URI as decoded pairs (lenient: bad encodings are kept raw).
fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    Query::<Vec<(String, String)>>::try_from_uri(uri).map(|q| q.0).unwrap_or_default()
}

fn here_without_lang(uri: &Uri) -> String {
    let pairs: Vec<String> = query_pairs(uri)
        .into_iter()
        .filter(|(k, _)| k != "lang")
        .map(|(k, v)| format!("{}={}", url_component(&k), url_component(&v)))
        .collect();
    if pairs.is_empty() { uri.path().to_string() } else { format!("{}?{}", uri.path(), pairs.join("&")) }
}

impl PageCtx {
    pub fn chrome(&self, nav: &'static str, q: &str) -> Chrome {
        let other = self.lang.other();
        Chrome {
            lang: self.lang.code(),
            dir: self.lang.dir(),
            other_lang: other.code(),
            switch_url: format!("/lang/{}?back={}", other.code(), url_component(&self.here)),
            q: q.to_string(),
            nav,
        }
    }
}

/// A page through the answer cache (keyed by language and URL).
async fn cached_page(
    app: &Arc<App>,
    ctx: &PageCtx,
    make: impl FnOnce(&App) -> Result<String, Failure> + Send + 'static,
) -> Result<String, Failure> {
    let key = format!("page {} {}", ctx.lang.code(), ctx.here);
    let body = crate::cache::through(app, key, move |app| make(app).map(String::into_bytes)).await?;
    String::from_utf8(body.to_vec()).map_err(|e| Failure::Internal(e.to_string()))
}

/// A page, or the error page with the failure's status.
fn respond(app: &App, ctx: &PageCtx, result: Result<String, Failure>) -> Response {
    match result {
        Ok(html) => Html(html).into_response(),
        Err(failure) => error_page(app, ctx, &failure),
    }
}

#[derive(Serialize)]
struct ErrorView {
    heading: String,
    message: String,
}

fn error_page(app: &App, ctx: &PageCtx, failure: &Failure) -> Response {
    failure.log();
    let strings = &app.ui.strings;
    let heading = match failure {
        Failure::NotFound(_) => strings.ui(ctx.lang, "not_found"),
        _ => strings.ui(ctx.lang, "error"),
    };
    let view = ErrorView { heading: heading.to_string(), message: failure.message() };
    let body = app
        .ui
        .render("error.html", ctx.lang, &ctx.chrome("", ""), &view)
        .unwrap_or_else(|e| format!("<!doctype html><title>error</title><p>{}</p>", crate::html::escape(&e)));
    (failure.status(), Html(body)).into_response()
}

/// Any unknown path: the 404 page.
pub async fn not_found(State(app): State<Arc<App>>, ctx: PageCtx) -> Response {
    error_page(&app, &ctx, &Failure::NotFound("no such page".into()))
}

/// Query parameters of the stories and search pages (all optional strings:
/// a bad date is reported on the page rather than refused with a bare 400).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FilterParams {
    pub q: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub place: Option<String>,
    pub actor: Option<String>,
    pub outlet: Option<String>,
    pub page: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
    pub format: Option<String>,
}

async fn stories_page(
    State(app): State<Arc<App>>,
    ctx: PageCtx,
    Query(params): Query<FilterParams>,
) -> Response {
    let lang = ctx.lang;
    let chrome = ctx.chrome("stories", "");
    let result = cached_page(&app, &ctx, move |app| {
        let (filters, notices) = Filters::parse_lenient(&params);
        let view = views::stories_view(app, lang, &filters, notices)?;
        app.ui.render("stories.html", lang, &chrome, &view).map_err(Failure::Internal)
    })
    .await;
    respond(&app, &ctx, result)
}

async fn story_page(State(app): State<Arc<App>>, ctx: PageCtx, Path(id): Path<String>) -> Response {
    let lang = ctx.lang;
    let chrome = ctx.chrome("stories", "");
    let result = cached_page(&app, &ctx, move |app| {
        let id: i64 = id.trim().parse().map_err(|_| Failure::NotFound(format!("no story '{id}'")))?;
        let view = views::story_view(app, lang, id)?;
        app.ui.render("story.html", lang, &chrome, &view).map_err(Failure::Internal)
    })
    .await;
    respond(&app, &ctx, result)
}

async fn article_page(State(app): State<Arc<App>>, ctx: PageCtx, Path(id): Path<String>) -> Response {
    let lang = ctx.lang;
    let chrome = ctx.chrome("", "");
    let result = blocking(&app, move |app| {
        let view = views::article_view(app, lang, &id)?;
        app.ui.render("article.html", lang, &chrome, &view).map_err(Failure::Internal)
    })
    .await;
    respond(&app, &ctx, result)
}

async fn search_page(
    State(app): State<Arc<App>>,
    ctx: PageCtx,
    Query(params): Query<FilterParams>,
) -> Response {
    let lang = ctx.lang;
    let chrome = ctx.chrome("search", params.q.as_deref().unwrap_or(""));
    let result = cached_page(&app, &ctx, move |app| {
        let (filters, notices) = Filters::parse_lenient(&params);
        let page = params.page.as_deref().and_then(|p| p.trim().parse::<usize>().ok()).unwrap_or(1).max(1);
        let view = views::search_view(app, lang, &filters, notices, page)?;
        app.ui.render("search.html", lang, &chrome, &view).map_err(Failure::Internal)
    })
    .await;
    respond(&app, &ctx, result)
}

/// `/lang/en?back=/story/3`: remember the language in a cookie and go back
/// to the page the user was on. `back` must be a local path (`/…`, not
/// `//host` or `/\host`), so the switch cannot be used as an open redirect.
async fn switch_language(Path(code): Path<String>, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(lang) = Lang::parse(&code) else {
        return (StatusCode::NOT_FOUND, "no such language\n").into_response();
    };
    let back = q.get("back").map(String::as_str).filter(|b| is_local_path(b)).unwrap_or("/");
    let mut response = Redirect::to(&location(back)).into_response();
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, v);
    }
    response
}

/// A local path as a `Location` header value: bytes outside printable
/// ASCII (Arabic in a query) percent-encoded, the rest kept.
pub fn location(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if (0x21..0x7f).contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A path on this server: starts with one `/`, no backslash, no control
/// characters (a browser would read `//evil` or `/\evil` as another host).
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !p.chars().any(|c| c.is_control())
        && p.len() < 2048
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert!(is_local_path("/story/3?x=1"));
        assert!(!is_local_path("//evil.example/"));
        assert!(!is_local_path("/\\evil.example/"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path("javascript:alert(1)"));
        assert!(!is_local_path("/a\nb"));
    }

    #[test]
    fn locations_are_ascii() {
        assert_eq!(location("/search?q=سر"), "/search?q=%D8%B3%D8%B1");
        assert_eq!(location("/a b"), "/a%20b");
    }

    #[test]
    fn the_switch_link_keeps_the_page_and_drops_lang() {
        let uri: Uri = "/search?q=%D8%B3%D8%B1%D8%A7%D9%82%D8%A8&lang=en&from=2019-03-01".parse().unwrap();
        assert_eq!(here_without_lang(&uri), "/search?q=%D8%B3%D8%B1%D8%A7%D9%82%D8%A8&from=2019-03-01");
    }
}
