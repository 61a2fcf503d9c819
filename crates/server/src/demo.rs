//! The demo corpus: the fixture articles of `fixtures/corpus/` (written for
//! rasid: invented outlets telling the same episodes with differing figures,
//! plus one article whose text is hostile to a web page), embedded in the
//! binary so `rasid demo` works from any directory.

use rasid_corpus::{Corpus, IngestOptions, IngestReport, Item, Origin};
use rasid_model::Article;
use std::path::{Path, PathBuf};

/// `(file name, JSON Lines)` of the fixture corpus.
pub const FIXTURES: &[(&str, &str)] = &[
    ("articles.jsonl", include_str!("../../../fixtures/corpus/articles.jsonl")),
    ("hostile.jsonl", include_str!("../../../fixtures/corpus/hostile.jsonl")),
];

/// The fixture articles as ingest items (a bad line becomes a problem item,
/// as any input would).
pub fn fixture_items() -> Vec<Item> {
    let mut items = Vec::new();
    for (name, text) in FIXTURES {
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let origin = Origin { path: PathBuf::from("fixtures/corpus").join(name), line: Some(i + 1) };
            match serde_json::from_str::<Article>(line) {
                Ok(a) => items.push(Item::Article(a, origin)),
                Err(e) => items.push(Item::Problem(origin, e.to_string())),
            }
        }
    }
    items
}

/// Create (or update) a corpus in `home` with the fixture articles, and
/// import governorate outlines from `boundaries` when given (an OCHA
/// `syr_adm1.geojson`; never shipped in the repository).
pub fn build(home: &Path, boundaries: Option<&Path>) -> Result<(Corpus, IngestReport), String> {
    if let Some(path) = boundaries {
        rasid_gazetteer::import(path, home)
            .map_err(|e| format!("cannot import outlines from {}: {e}", path.display()))?;
    }
    let corpus = Corpus::open(home).map_err(|e| e.to_string())?;
    let report = corpus
        .ingest(fixture_items().into_iter(), &IngestOptions::default(), &|_| {})
        .map_err(|e| e.to_string())?;
    Ok((corpus, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_parse() {
        let items = fixture_items();
        assert!(items.len() >= 10);
        assert!(items.iter().all(|i| matches!(i, Item::Article(..))));
    }
}
