//! Story clustering of our own fixture corpus (`fixtures/corpus/articles.jsonl`,
//! what `rasid demo` shows), in file order as `rasid ingest` reads it, with
//! each article's candidate stories scored feature by feature.
//!
//! `cargo run -p rasid-stories --example fixture_stories -- [param=value ...]`

#[path = "support/mod.rs"]
mod support;

use rasid_stories::{Clusterer, DupIndex, Params, StoryInput, parse_published, prepare};

fn main() {
    let mut overrides = serde_json::Map::new();
    for a in std::env::args().skip(1) {
        if let Some((k, v)) = a.split_once('=') {
            overrides.insert(k.to_string(), serde_json::from_str(v).expect("param value"));
        }
    }
    let params: Params = serde_json::from_value(serde_json::Value::Object(overrides)).expect("params");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus/articles.jsonl");
    let rows = support::read_jsonl(&path);
    let xs = support::extractions(&rows, None);
    let mut dups = DupIndex::default();
    let mut clusterer = Clusterer::new(params.clone());
    for (r, x) in rows.iter().zip(&xs) {
        let a = &r.article;
        let input = StoryInput {
            id: a.id.clone(),
            published: a.published.as_deref().and_then(parse_published),
            outlet: a.outlet.clone(),
            title: a.title.clone().unwrap_or_default(),
            text: &a.text,
            extraction: x,
            dup_of: None,
        };
        let p = prepare(&input, &params);
        let dup_of = dups.insert_dated(&a.id, &p.fingerprint, p.published);
        let places: Vec<&str> = x.places.iter().map(|m| m.id.as_str()).collect();
        let figures: Vec<String> = x
            .figures
            .iter()
            .map(|f| format!("{}={}", f.category.as_deref().unwrap_or("-"), f.value))
            .collect();
        println!("{} {} places {places:?} figures {figures:?}", a.id, a.title.as_deref().unwrap_or(""));
        for c in clusterer.explain(&input).iter().take(4) {
            let members = clusterer.story(c.story).map(|s| s.articles.join(",")).unwrap_or_default();
            println!(
                "    -> {} {:.3} (text {:.3} head {:.3} place {:.3} actor {:.3} fig {} ev {:.2}) {} [{members}]",
                c.story,
                c.score,
                c.text,
                c.head,
                c.place,
                c.actor,
                c.figures,
                c.figure_evidence,
                if c.joins { "J" } else { "" }
            );
        }
        clusterer.assign_prepared(&p, dup_of.as_deref());
    }
    for s in clusterer.stories() {
        println!("story {}: {:?}", s.id, s.articles);
    }
}
