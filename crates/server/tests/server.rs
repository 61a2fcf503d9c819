//! The HTTP application end to end, in process: requests go through the
//! whole router (`tower::ServiceExt::oneshot`) over corpora built from the
//! fixture articles (`fixtures/corpus/*.jsonl`, written for rasid) in
//! temporary directories.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use rasid_server::{App, Options, router};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789abcdef";

struct Fixture {
    _dir: tempfile::TempDir,
    app: Arc<App>,
}

fn build(token: Option<&str>, boundaries: Option<&Path>) -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let (corpus, report) = rasid_server::demo::build(dir.path(), boundaries).expect("demo corpus builds");
    assert!(report.problems.is_empty(), "fixture problems: {:?}", report.problems);
    let app =
        App::new(corpus, Options { token: token.map(str::to_string), ..Options::default() }).expect("app");
    Fixture { _dir: dir, app: Arc::new(app) }
}

/// The read-only fixture corpus (no token: writes disabled), built once.
fn reader() -> Arc<App> {
    static F: OnceLock<Fixture> = OnceLock::new();
    Arc::clone(&F.get_or_init(|| build(None, None)).app)
}

/// Where `../shared/data` is for this checkout.
fn shared_data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel)
}

/// A corpus that accepts writes (token), with governorate outlines when the
/// OCHA boundaries are beside the checkout (required under CI=true).
fn writer() -> Arc<App> {
    static F: OnceLock<Fixture> = OnceLock::new();
    Arc::clone(
        &F.get_or_init(|| {
            let geo = shared_data("syria-ocha-boundaries/syr_adm1.geojson");
            let boundaries = if geo.is_file() {
                Some(geo)
            } else if std::env::var("CI").as_deref() == Ok("true") {
                panic!("CI=true but {} is missing", geo.display());
            } else {
                eprintln!("note: {} is missing: maps are tested without outlines", geo.display());
                None
            };
            build(Some(TOKEN), boundaries.as_deref())
        })
        .app,
    )
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

async fn send(app: &Arc<App>, request: Request<Body>) -> Reply {
    let response = router(Arc::clone(app)).oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

async fn get(app: &Arc<App>, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

fn enc(s: &str) -> String {
    rasid_server::html::url_component(s)
}

/// The id of the story an article belongs to.
async fn story_of(app: &Arc<App>, article: &str) -> i64 {
    let r = get(app, &format!("/api/articles/{article}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()["story"].as_i64().expect("the article has a story")
}

#[tokio::test]
async fn the_stories_page_lists_stories_in_arabic_rtl_with_security_headers() {
    let app = reader();
    let r = get(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(r.body.contains("سراقب"), "a fixture story is listed");
    assert!(r.body.contains("<svg class=\"timeline\""));
    assert!(r.body.contains("href=\"/story/"));
    let csp = r.header(header::CONTENT_SECURITY_POLICY);
    for part in [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "script-src 'self'",
    ] {
        assert!(csp.contains(part), "CSP has {part}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"));
    assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(r.header(header::REFERRER_POLICY), "no-referrer");
    assert!(!r.body.contains("<script"), "no script at all");
    assert!(!r.body.contains("style=\""), "no inline style (the CSP forbids it)");
}

#[tokio::test]
async fn english_is_one_switch_away_and_keeps_the_page() {
    let app = reader();
    let r = get(&app, "/?lang=en").await;
    assert!(r.body.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(r.body.contains("Latest stories"));

    let back = enc("/search?q=سراقب");
    let r = get(&app, &format!("/lang/en?back={back}")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header(header::LOCATION), "/search?q=%D8%B3%D8%B1%D8%A7%D9%82%D8%A8");
    assert!(r.header(header::SET_COOKIE).starts_with("rasid_lang=en;"));

    let request =
        Request::get("/").header(header::COOKIE, "rasid_lang=en").body(Body::empty()).expect("request");
    assert!(send(&app, request).await.body.contains("dir=\"ltr\""));

    for evil in ["//evil.example/", "https://evil.example/", "/\\evil.example", "/\\/evil.example"] {
        let r = get(&app, &format!("/lang/ar?back={}", enc(evil))).await;
        assert_eq!(r.header(header::LOCATION), "/", "{evil} is not a redirect target");
    }
    // The switch link on a page points back to that page.
    let r = get(&app, "/search?q=x&lang=ar").await;
    assert!(r.body.contains("href=\"/lang/en?back=%2Fsearch%3Fq%3Dx\""), "switch link keeps the page");
}

#[tokio::test]
async fn the_story_page_shows_the_ledger_chart_and_map() {
    let app = reader();
    let id = story_of(&app, "rasid-001").await;
    let r = get(&app, &format!("/story/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<table class=\"ledger\">"));
    assert!(r.body.contains("href=\"/article/rasid-001#fig-"), "cells link to the figure");
    assert!(r.body.contains("<svg class=\"chart\""));
    assert!(r.body.contains("<svg class=\"map\""), "built-in places carry coordinates");
    assert!(r.body.contains("class=\"place-dot\""));

    let ledger = get(&app, &format!("/api/stories/{id}/ledger")).await.json();
    assert_eq!(ledger["story"], id);
    let rows = ledger["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    for row in rows {
        for key in ["category", "who", "place", "period", "low", "high", "spread", "disagree", "claims"] {
            assert!(row.get(key).is_some(), "row has {key}: {row}");
        }
        for claim in row["claims"].as_array().expect("claims") {
            for key in ["source", "value", "low", "high", "approx", "article", "outlet", "span", "copies"] {
                assert!(claim.get(key).is_some(), "claim has {key}: {claim}");
            }
        }
    }
    // The fixture episode: two outlets quote sources whose figures differ.
    let differing = rows.iter().any(|row| {
        let claims = row["claims"].as_array().map(Vec::as_slice).unwrap_or_default();
        let sources: std::collections::BTreeSet<String> =
            claims.iter().map(|c| c["source"].to_string()).collect();
        let values: std::collections::BTreeSet<String> =
            claims.iter().map(|c| c["value"].to_string()).collect();
        row["disagree"] == true && sources.len() >= 2 && values.len() >= 2
    });
    assert!(differing, "a row where two sources give different figures: {ledger}");
    assert!(r.body.contains("<tr class=\"disagree\">"), "disagreements are highlighted");

    let story = get(&app, &format!("/api/stories/{id}")).await.json();
    assert_eq!(story["story"]["id"], id);
    assert!(story["articles"].as_array().is_some_and(|a| a.iter().any(|a| a["id"] == "rasid-001")));
    assert!(story["ledger"]["rows"].is_array());
}

#[tokio::test]
async fn stories_api_has_the_issue_shape_and_filters() {
    let app = reader();
    let all = get(&app, "/api/stories").await;
    assert_eq!(all.status, StatusCode::OK);
    let all = all.json();
    let list = all.as_array().expect("array");
    assert!(list.len() >= 3, "three episodes at least: {all}");
    for s in list {
        for key in ["id", "title", "first", "last", "outlets", "articles"] {
            assert!(s.get(key).is_some(), "story has {key}");
        }
    }
    let march = get(&app, "/api/stories?from=2019-03-01&to=2019-03-31").await.json();
    assert!(march.as_array().expect("array").iter().all(|s| s["first"].as_str() <= Some("2019-03-31")));
    let bad = get(&app, "/api/stories?from=yesterday").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.json()["error"].as_str().is_some_and(|e| e.contains("from")));
    // Pages report a bad date instead of failing.
    assert_eq!(get(&app, "/?from=yesterday").await.status, StatusCode::OK);
    // Filter by an outlet name.
    let furat = get(&app, &format!("/api/stories?outlet={}", enc("شبكة الفرات"))).await.json();
    let furat = furat.as_array().expect("array");
    assert!(!furat.is_empty());
    assert!(
        furat.iter().all(|s| s["outlets"].as_array().is_some_and(|o| o.iter().any(|o| o == "شبكة الفرات")))
    );
}

#[tokio::test]
async fn the_article_page_highlights_every_kind_with_tooltips() {
    let app = reader();
    let r = get(&app, "/article/rasid-001").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("id=\"fig-0\""));
    assert!(r.body.contains("class=\"hl fig\""));
    assert!(r.body.contains("class=\"hl place\""));
    assert!(r.body.contains("class=\"hl actor\"") || r.body.contains("class=\"hl person\""));
    assert!(r.body.contains("role=\"tooltip\""));
    assert!(r.body.contains("tabindex=\"0\""));
    assert!(r.body.contains("<span class=\"sent\" id=\"s-0\">"));

    let api = get(&app, "/api/articles/rasid-001").await.json();
    assert_eq!(api["article"]["id"], "rasid-001");
    assert_eq!(api["extraction"]["schema"], "rasid.extraction/1");
    assert!(api["extraction"]["figures"].as_array().is_some_and(|f| !f.is_empty()));

    assert_eq!(get(&app, "/article/no-such-article").await.status, StatusCode::NOT_FOUND);
    let missing = get(&app, "/api/articles/no-such-article").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.json()["error"].is_string());
    assert_eq!(get(&app, "/story/999999").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/story/abc").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/stories/999999/ledger").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_finds_clitic_forms_with_highlighted_snippets() {
    let app = reader();
    let r = get(&app, &format!("/api/search?q={}", enc("جروح"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    let hits = v["hits"].as_array().expect("hits");
    assert!(hits.iter().any(|h| h["id"] == "furat-001"), "جروح finds بجروح: {v}");
    let hit = &hits[0];
    let snippet: Vec<char> = hit["snippet"].as_str().expect("snippet").chars().collect();
    let [s, e] = [hit["highlights"][0][0].as_u64(), hit["highlights"][0][1].as_u64()]
        .map(|x| x.expect("range") as usize);
    assert!(snippet[s..e].iter().collect::<String>().contains("جروح"));

    let page = get(&app, &format!("/search?q={}", enc("سراقب"))).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<mark>"), "snippets are highlighted");
    assert!(page.body.contains("href=\"/article/rasid-001\""));

    let filtered =
        get(&app, &format!("/api/search?q={}&outlet={}", enc("سراقب"), enc("وكالة البادية"))).await.json();
    assert!(filtered["hits"].as_array().expect("hits").iter().all(|h| h["outlet"] == "وكالة البادية"));

    assert_eq!(get(&app, "/api/search").await.status, StatusCode::BAD_REQUEST);
    let browse = get(&app, &format!("/api/search?outlet={}", enc("وكالة البادية"))).await;
    assert_eq!(browse.status, StatusCode::OK, "filters alone browse");
    let browsed = browse.json();
    assert!(browsed["total"].as_u64().is_some_and(|n| n > 0), "{browsed}");
    assert_eq!(get(&app, "/api/search?q=x&limit=abc").await.status, StatusCode::BAD_REQUEST);
    // Hostile query syntax is just text.
    let odd = get(&app, &format!("/api/search?q={}", enc("\"(AND: \u{202E}"))).await;
    assert_eq!(odd.status, StatusCode::OK, "{}", odd.body);
}

#[tokio::test]
async fn a_hostile_article_renders_as_inert_text_everywhere() {
    let app = reader();
    let r = get(&app, "/article/hostile-001").await;
    assert_eq!(r.status, StatusCode::OK);
    for raw in
        ["<script>", "<img src=x", "<img ", "href=\"javascript:", "<b>منفذ</b>", "\u{202E}", "\u{202C}"]
    {
        assert!(!r.body.contains(raw), "raw {raw:?} must not reach the page");
    }
    assert!(r.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(r.body.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(r.body.contains("&lt;a href=&quot;javascript:alert(3)&quot;&gt;"));
    assert!(r.body.contains("&lt;b&gt;منفذ&lt;/b&gt;"));
    assert!(r.body.contains("<span class=\"bidi\" title=\"U+202E RLO\">⟦RLO⟧</span>"));
    // The title and outlet are also shown on the story list and in search.
    for page in ["/".to_string(), format!("/search?q={}", enc("مدنيين")), "/?lang=en".to_string()] {
        let r = get(&app, &page).await;
        assert!(!r.body.contains("<script>"), "{page}");
        assert!(!r.body.contains("<b>منفذ"), "{page}");
    }
    let id = story_of(&app, "hostile-001").await;
    let story = get(&app, &format!("/story/{id}")).await;
    assert!(!story.body.contains("<script>") && !story.body.contains("\u{202E}"));
}

#[tokio::test]
async fn static_files_are_served_and_paths_cannot_escape() {
    let app = reader();
    let css = get(&app, "/static/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header(header::CONTENT_TYPE).starts_with("text/css"));
    assert_eq!(css.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    for evil in [
        "/static/../Cargo.toml",
        "/static/%2e%2e/Cargo.toml",
        "/static/%2E%2E%2FCargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/static/..%5cCargo.toml",
        "/static/%5c..%5c..%5cCargo.toml",
        "/static/../../../../etc/passwd",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static/style.css%00.txt",
        "/static/./style.css/..",
    ] {
        let r = get(&app, evil).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{evil}");
        assert!(!r.body.contains("[package]") && !r.body.contains("root:"), "{evil} leaked a file");
    }
    let r = get(&app, "/../Cargo.toml").await;
    assert!(!r.body.contains("[package]"));
}

#[tokio::test]
async fn writes_need_the_bearer_token() {
    let app = writer();
    let article = serde_json::json!({
        "id": "post-001",
        "text": "قال ناشطون إن 4 مدنيين قتلوا اليوم في قصف على بلدة كفرنبل بريف إدلب الجنوبي.",
        "published": "2019-05-08",
        "outlet": "شبكة الفرات",
        "title": "قصف على كفرنبل"
    })
    .to_string();
    let post = |auth: Option<&str>, body: String| {
        let mut b = Request::post("/api/articles").header(header::CONTENT_TYPE, "application/json");
        if let Some(a) = auth {
            b = b.header(header::AUTHORIZATION, a);
        }
        b.body(Body::from(body)).expect("request")
    };
    // Asked before the article exists: the answer is cached, and must not outlive the write.
    let search = format!("/api/search?q={}", enc("كفرنبل"));
    let before = get(&app, &search).await.json();
    assert!(!before["hits"].as_array().expect("hits").iter().any(|h| h["id"] == "post-001"));
    let r = send(&app, post(None, article.clone())).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.header(header::WWW_AUTHENTICATE).starts_with("Bearer"));
    let r = send(&app, post(Some("Bearer wrong-token-0123456789abcdef"), article.clone())).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = send(&app, post(Some(&format!("Basic {TOKEN}")), article.clone())).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let good = format!("Bearer {TOKEN}");
    let r = send(&app, post(Some(&good), article.clone())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["status"], "added");
    let r = send(&app, post(Some(&good), article)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "unchanged");
    let stored = get(&app, "/api/articles/post-001").await;
    assert_eq!(stored.status, StatusCode::OK);
    assert_eq!(stored.json()["article"]["outlet"], "شبكة الفرات");
    let found = get(&app, &search).await.json();
    assert!(found["hits"].as_array().expect("hits").iter().any(|h| h["id"] == "post-001"), "{found}");

    let r = send(&app, post(Some(&good), "{not json".into())).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = send(&app, post(Some(&good), serde_json::json!({"id": "", "text": "x"}).to_string())).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let huge = serde_json::json!({"id": "huge", "text": "ا".repeat(3 * 1024 * 1024)}).to_string();
    let r = send(&app, post(Some(&good), huge)).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);

    // Without a token file, writes are disabled.
    let r = send(&reader(), post(Some(&good), "{}".into())).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.json()["error"].as_str().is_some_and(|e| e.contains("--token-file")));
}

#[tokio::test]
async fn story_maps_draw_governorate_outlines_when_imported() {
    let app = writer();
    if !app.corpus().home().join("gazetteer").is_dir() {
        eprintln!("note: no outlines imported (OCHA boundaries missing): skipping");
        return;
    }
    let id = story_of(&app, "rasid-002").await;
    let r = get(&app, &format!("/story/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.matches("class=\"outline\"").count() >= 14, "the 14 governorates are drawn");
    assert!(r.body.contains("class=\"place-dot\""));
}

#[tokio::test]
async fn exports_stream_in_every_format() {
    let app = reader();
    let r = get(&app, "/api/export?format=jsonl").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header(header::CONTENT_TYPE).starts_with("application/x-ndjson"));
    assert!(r.body.lines().count() >= 13, "one line per article");
    for format in ["acled", "gkg", "geojson"] {
        let r = get(&app, &format!("/api/export?format={format}")).await;
        assert_eq!(r.status, StatusCode::OK, "{format}: {}", r.body);
        assert!(!r.body.is_empty(), "{format}");
    }
    let geo: serde_json::Value =
        serde_json::from_str(&get(&app, "/api/export?format=geojson").await.body).expect("GeoJSON");
    assert_eq!(geo["type"], "FeatureCollection");
    assert_eq!(get(&app, "/api/export?format=xml").await.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_openapi_document_matches_the_routes() {
    let doc = rasid_server::openapi_document().expect("openapi.json parses");
    let version = doc["openapi"].as_str().expect("openapi version");
    assert!(version.starts_with("3.0") || version.starts_with("3.1"), "{version}");
    assert!(doc["info"]["title"].is_string());
    let paths = doc["paths"].as_object().expect("paths");
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in paths {
        for (method, op) in item.as_object().expect("path item") {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                let responses = op["responses"].as_object().expect("responses");
                assert!(!responses.is_empty(), "{method} {path} has responses");
                documented.push((method.clone(), path.clone()));
            }
        }
    }
    let mut routed: Vec<(String, String)> =
        rasid_server::api_routes().into_iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    documented.sort();
    routed.sort();
    assert_eq!(documented, routed, "every route documented, every documented route routed");

    // Every $ref resolves.
    let text = rasid_server::OPENAPI_JSON;
    for r in text.split("\"$ref\": \"#/components/schemas/").skip(1) {
        let name = r.split('"').next().unwrap_or("");
        assert!(doc["components"]["schemas"].get(name).is_some(), "schema {name} exists");
    }

    // The routes answer (JSON from the API, not the HTML fallback).
    let app = reader();
    for (method, path) in rasid_server::api_routes() {
        let uri = path.replace("{id}", "1");
        let request = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri)
            .body(Body::empty())
            .expect("req");
        let r = send(&app, request).await;
        assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        let ct = r.header(header::CONTENT_TYPE);
        assert!(!ct.starts_with("text/html"), "{method} {uri} reached the page fallback ({ct})");
    }
    let served = get(&app, "/api/openapi.json").await;
    assert_eq!(served.json(), doc);
    assert_eq!(get(&app, "/api/nope").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = reader();
    let id = story_of(&app, "rasid-001").await;
    for uri in [
        "/search?q=x".to_string(),
        format!("/story/{id}"),
        "/article/hostile-001".to_string(),
        "/static/style.css".to_string(),
        "/static/../Cargo.toml".to_string(),
        "/api/stories".to_string(),
        "/api/openapi.json".to_string(),
        "/api/nope".to_string(),
        "/no-such-page".to_string(),
    ] {
        let r = get(&app, &uri).await;
        let csp = r.header(header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{uri}: {csp}");
        assert_eq!(r.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff", "{uri}");
        assert_eq!(r.header(header::REFERRER_POLICY), "no-referrer", "{uri}");
    }
    // A refused write too (the body is read by nobody, the headers are still there).
    let request = Request::post("/api/articles").body(Body::from("{}")).expect("request");
    let r = send(&app, request).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.header(header::CONTENT_SECURITY_POLICY).contains("default-src 'self'"));
}
