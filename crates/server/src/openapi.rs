//! The OpenAPI 3.1 document of the API (`openapi.json`, a data file served
//! at `/api/openapi.json`) and the list of routes it must describe.

/// The document, as served.
pub const OPENAPI_JSON: &str = include_str!("../openapi.json");

/// `(method, path)` of every API route, from the same table the router is
/// built from ([`crate::api`]).
pub fn api_routes() -> Vec<(&'static str, &'static str)> {
    crate::api::table().into_iter().map(|(method, path, _)| (method, path)).collect()
}

/// The document parsed.
pub fn openapi_document() -> Result<serde_json::Value, serde_json::Error> {
    serde_json::from_str(OPENAPI_JSON)
}
