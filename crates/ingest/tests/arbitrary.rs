//! Arbitrary bytes under every file name rasid reads: no panic, no endless
//! loop, and whatever comes out is well-formed.

use std::io::Write;

use proptest::prelude::*;
use rasid_ingest::{Item, ReadOptions, read_paths};

const NAMES: &[&str] = &[
    "a.txt",
    "a.html",
    "a.json",
    "a.jsonl",
    "a.jsonl.gz",
    "a.json.gz",
    "a.xml",
    "a.rss",
    "a.atom",
    "a.bin",
    "noext",
];

fn check(name: &str, bytes: &[u8], limit: usize) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let items: Vec<Item> =
        read_paths(&[path], &ReadOptions { max_article_bytes: limit }).take(10_000).collect();
    prop_assert!(items.len() < 10_000, "runaway reader on {name}");
    for item in items {
        match item {
            Item::Article(a, origin) => {
                prop_assert!(!a.id.is_empty());
                prop_assert!(!a.text.trim().is_empty());
                prop_assert!(a.text.len() <= limit.max(bytes.len()) * 4 + 64);
                prop_assert!(origin.path.ends_with(name));
            }
            Item::Problem(origin, reason) => {
                prop_assert!(!reason.is_empty());
                prop_assert!(origin.path.ends_with(name));
            }
        }
    }
    Ok(())
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = gz.write_all(bytes);
    gz.finish().unwrap_or_default()
}

/// Bytes that look a bit like each format, so the parsers get past their
/// first check.
fn near_format() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        Just("{\"id\":\"x\",\"text\":\"".to_string()),
        Just("\"}\n".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just(",".to_string()),
        Just("<p>".to_string()),
        Just("<div class=\"share\">".to_string()),
        Just("</div>".to_string()),
        Just("<html><body>".to_string()),
        Just("<rss version=\"2.0\"><channel><item><title>".to_string()),
        Just("</title><description>".to_string()),
        Just("</description></item>".to_string()),
        Just("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">".to_string()),
        "\\PC{0,12}",
        Just("\n".to_string()),
    ];
    prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat().into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600), which in 0..NAMES.len(), limit in 16usize..400) {
        check(NAMES[which], &bytes, limit)?;
    }

    #[test]
    fn near_valid_inputs(bytes in near_format(), which in 0..NAMES.len(), limit in 16usize..2000, zip in any::<bool>(), cut in 0usize..100) {
        let mut bytes = if zip { gzip(&bytes) } else { bytes };
        if zip && cut > 0 {
            let keep = bytes.len() * cut / 100;
            bytes.truncate(keep);
        }
        check(NAMES[which], &bytes, limit)?;
    }
}
