//! Our own fixture corpus (`fixtures/corpus/articles.jsonl`, what `rasid
//! demo` shows): twelve reports by four invented outlets of three episodes,
//! plus two unrelated articles, clustered in file order as `rasid ingest`
//! reads them. The fixtures are ours, so this test always runs.
//!
//! The hard cases: a report whose title names the town its body leaves
//! implicit (the extraction covers the body only), and one that shares only
//! the governorate and comparable (not equal) figures with the story it
//! belongs to, a day later.

use std::collections::BTreeSet;

use rasid_model::Article;
use rasid_stories::{Clusterer, DupIndex, StoryInput, fingerprint, parse_published};

fn fixture_articles() -> Vec<Article> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus/articles.jsonl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

#[test]
fn fixture_corpus_groups_into_its_episodes() {
    let articles = fixture_articles();
    let ex = rasid_extract::Extractor::builtin().expect("extractor");
    let mut dups = DupIndex::default();
    let mut clusterer = Clusterer::default();
    for a in &articles {
        let x = ex.extract(a);
        let published = a.published.as_deref().and_then(parse_published);
        let input = StoryInput {
            id: a.id.clone(),
            published,
            outlet: a.outlet.clone(),
            title: a.title.clone().unwrap_or_default(),
            text: &a.text,
            extraction: &x,
            dup_of: dups.insert_dated(&a.id, &fingerprint(&a.text), published),
        };
        clusterer.assign(&input);
    }
    let got: BTreeSet<BTreeSet<&str>> =
        clusterer.stories().iter().map(|s| s.articles.iter().map(String::as_str).collect()).collect();
    let expected: BTreeSet<BTreeSet<&str>> = [
        &["rasid-001", "furat-001", "badia-001"][..],
        &["rasid-002", "furat-002", "sahel-002", "badia-002"],
        &["rasid-003", "furat-003", "sahel-003"],
        &["sahel-004"],
        &["badia-004"],
    ]
    .iter()
    .map(|ids| ids.iter().copied().collect())
    .collect();
    assert_eq!(got, expected);
}
