//! Snapshot tests of whole extraction documents for the fixture articles we
//! wrote (`fixtures/`). A change in what rasid reads shows up as a diff of
//! these snapshots; review it with `cargo insta review` (or set
//! `INSTA_UPDATE=always` and read the git diff).

use rasid_extract::{Article, Extractor};
use std::path::PathBuf;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

#[test]
fn demo_article() {
    let text = std::fs::read_to_string(fixtures().join("articles/ghouta-evacuation.txt")).expect("fixture");
    let x = Extractor::builtin().expect("extractor").extract(&Article {
        id: "ghouta-evacuation".into(),
        text,
        published: Some("2018-03-11".into()),
        outlet: Some("الراصد نيوز".into()),
        title: None,
        url: None,
    });
    insta::assert_json_snapshot!("ghouta-evacuation", x);
}

#[test]
fn corpus_articles() {
    let ex = Extractor::builtin().expect("extractor");
    let lines = std::fs::read_to_string(fixtures().join("corpus/articles.jsonl")).expect("fixture");
    for line in lines.lines() {
        let a: Article = serde_json::from_str(line).expect("fixture line");
        let x = ex.extract(&a);
        insta::assert_json_snapshot!(a.id.clone(), x);
    }
}
