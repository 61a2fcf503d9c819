//! Response headers every page and API answer carries, and the bearer token
//! that guards writes.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// No inline script or style, no eval, no plugins, no framing, no `<base>`:
/// even if some text slipped through unescaped it could not run. SVG charts
/// and maps are inline markup styled by classes and presentation attributes,
/// which this policy allows.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
frame-ancestors 'none'; form-action 'self'";

/// Adds the security headers to every response (a `map_response` layer).
pub async fn add_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    response
}

/// The host name of a `Host` header value, without the port.
pub fn host_name(host: &str) -> &str {
    let host = host.trim();
    if host.starts_with('[') {
        match host.find(']') {
            Some(end) => &host[..=end],
            None => host,
        }
    } else {
        host.split(':').next().unwrap_or(host)
    }
}

/// Refuse requests for another host name when the server is bound to a
/// loopback address ([`crate::App::restrict_hosts`]): a DNS-rebinding page would
/// send its own name.
pub async fn check_host(
    State(allowed): State<Arc<Option<Vec<String>>>>,
    request: Request,
    next: Next,
) -> Response {
    if let Some(allowed) = allowed.as_ref() {
        let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).map(host_name);
        let ok = host.is_some_and(|h| allowed.iter().any(|a| a.eq_ignore_ascii_case(h)));
        if !ok {
            return (StatusCode::MISDIRECTED_REQUEST, "this server answers for localhost only\n")
                .into_response();
        }
    }
    next.run(request).await
}

/// The write token, held as bytes; compared in constant time so that the
/// time a wrong guess takes says nothing about how much of it was right.
pub struct Token(Vec<u8>);

impl Token {
    /// `None` for an empty token.
    pub fn new(token: &str) -> Option<Token> {
        let t = token.trim();
        (!t.is_empty()).then(|| Token(t.as_bytes().to_vec()))
    }

    /// Whether `candidate` is the token. Constant time in the contents;
    /// only the length (not secret in practice) can shorten it.
    pub fn matches(&self, candidate: &[u8]) -> bool {
        bool::from(self.0.as_slice().ct_eq(candidate))
    }
}

/// What the `Authorization` header of a write request says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// The right bearer token.
    Granted,
    /// No header, another scheme, or a wrong token: 401.
    Refused,
    /// The server has no token: writes are disabled (403).
    Disabled,
}

/// Check a request's bearer token against the configured one.
pub fn authorize(token: Option<&Token>, headers: &HeaderMap) -> Auth {
    let Some(token) = token else { return Auth::Disabled };
    let Some(value) = headers.get(header::AUTHORIZATION) else { return Auth::Refused };
    let bytes = value.as_bytes();
    // The scheme is case-insensitive (RFC 7235); one space, then the token.
    let Some((scheme, rest)) = bytes.split_at_checked(7) else { return Auth::Refused };
    if !scheme.eq_ignore_ascii_case(b"bearer ") {
        return Auth::Refused;
    }
    if token.matches(rest.trim_ascii()) { Auth::Granted } else { Auth::Refused }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(auth: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::AUTHORIZATION, HeaderValue::from_str(auth).unwrap());
        h
    }

    #[test]
    fn host_names_without_ports() {
        assert_eq!(host_name("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host_name("localhost"), "localhost");
        assert_eq!(host_name("[::1]:80"), "[::1]");
        assert_eq!(host_name("evil.example:8080"), "evil.example");
    }

    #[tokio::test]
    async fn other_host_names_are_refused() {
        use axum::body::Body;
        use tower::ServiceExt;
        let allowed = Arc::new(Some(vec!["localhost".to_string(), "127.0.0.1".to_string()]));
        let app = axum::Router::new()
            .route("/", axum::routing::get(|| async { "ok" }))
            .layer(axum::middleware::from_fn_with_state(allowed, check_host));
        let status = |host: Option<&'static str>| {
            let app = app.clone();
            async move {
                let mut req = axum::http::Request::get("/");
                if let Some(h) = host {
                    req = req.header(header::HOST, h);
                }
                app.oneshot(req.body(Body::empty()).unwrap()).await.unwrap().status()
            }
        };
        assert_eq!(status(Some("127.0.0.1:8080")).await, StatusCode::OK);
        assert_eq!(status(Some("localhost")).await, StatusCode::OK);
        assert_eq!(status(Some("rebound.evil.example:8080")).await, StatusCode::MISDIRECTED_REQUEST);
        assert_eq!(status(None).await, StatusCode::MISDIRECTED_REQUEST);
    }

    #[test]
    fn bearer_token_checks() {
        let t = Token::new("s3cret-token-0123456789").unwrap();
        assert_eq!(authorize(Some(&t), &headers("Bearer s3cret-token-0123456789")), Auth::Granted);
        assert_eq!(authorize(Some(&t), &headers("bearer s3cret-token-0123456789")), Auth::Granted);
        assert_eq!(authorize(Some(&t), &headers("Bearer s3cret-token-012345678")), Auth::Refused);
        assert_eq!(authorize(Some(&t), &headers("Bearer s3cret-token-01234567890")), Auth::Refused);
        assert_eq!(authorize(Some(&t), &headers("Basic s3cret-token-0123456789")), Auth::Refused);
        assert_eq!(authorize(Some(&t), &headers("Bearer")), Auth::Refused);
        assert_eq!(authorize(Some(&t), &HeaderMap::new()), Auth::Refused);
        assert_eq!(authorize(None, &headers("Bearer s3cret-token-0123456789")), Auth::Disabled);
        assert!(Token::new("  ").is_none());
    }
}
