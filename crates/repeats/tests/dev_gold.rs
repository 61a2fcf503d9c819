//! Dev check against the syria-dev-40 gold: recall of the gold repeats.
//!
//! Reads `shared/data/syria-dev-40/{articles.jsonl,gold/*.json}` at run time
//! (never copied into the repo). A gold repeat is found when a system repeat
//! overlaps both of its spans, in either orientation (the scorer's rule).
//! Prints misses and every system repeat, per article.
//!
//! Without the data: skipped with a notice, or failed under `CI=true`.

use std::collections::HashMap;
use std::path::PathBuf;

use rasid_model::Span;
use rasid_repeats::find_repeats;
use rasid_text::Document;
use serde_json::Value;

const MIN_RECALL: f64 = 0.80;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn data_dir() -> PathBuf {
    // canonicalize: the crate may be reached through a symlinked workspace
    let manifest = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.join("../../../shared/data/syria-dev-40")
}

fn span(v: &Value) -> Span {
    Span::new(v[0].as_u64().unwrap_or(0) as usize, v[1].as_u64().unwrap_or(0) as usize)
}

#[test]
fn dev_gold_repeats_recall() {
    let dir = data_dir();
    let articles_path = dir.join("articles.jsonl");
    let Ok(articles_src) = std::fs::read_to_string(&articles_path) else {
        assert!(!in_ci(), "CI=true but the dev data is missing: {}", articles_path.display());
        println!("skipping: no dev data at {}", articles_path.display());
        return;
    };
    let mut texts: HashMap<String, String> = HashMap::new();
    for line in articles_src.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("articles.jsonl row is JSON");
        if let (Some(id), Some(text)) = (row["id"].as_str(), row["text"].as_str()) {
            texts.insert(id.to_string(), text.to_string());
        }
    }
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .expect("gold directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    gold_files.sort();
    assert!(!gold_files.is_empty(), "no gold files in {}", dir.display());

    let (mut gold_total, mut found, mut system_total) = (0usize, 0usize, 0usize);
    for path in &gold_files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("gold file"))
            .expect("gold file is JSON");
        let id = gold["article"]["id"].as_str().unwrap_or_default();
        let Some(text) = texts.get(id) else {
            panic!("gold {id} has no article text");
        };
        let doc = Document::new(text);
        let system = find_repeats(&doc);
        system_total += system.len();
        let gold_repeats = gold["repeats"].as_array().cloned().unwrap_or_default();
        if !system.is_empty() || !gold_repeats.is_empty() {
            println!("{id}: {} gold, {} system", gold_repeats.len(), system.len());
            for r in &system {
                println!(
                    "    system {:?} repeats {:?} ({:?}): {:?}",
                    r.span,
                    r.repeats,
                    r.kind,
                    doc.slice(r.span)
                );
            }
        }
        for g in &gold_repeats {
            gold_total += 1;
            let (gs, gr) = (span(&g["span"]), span(&g["repeats"]));
            let hit = system.iter().any(|r| {
                (r.span.overlaps(&gs) && r.repeats.overlaps(&gr))
                    || (r.span.overlaps(&gr) && r.repeats.overlaps(&gs))
            });
            if hit {
                found += 1;
            } else {
                println!("    MISS {gs:?} repeats {gr:?}: {:?}", doc.slice(gs));
            }
        }
    }
    let recall = if gold_total == 0 { 1.0 } else { found as f64 / gold_total as f64 };
    println!("repeats recall {found}/{gold_total} = {recall:.2}; {system_total} system repeats");
    assert!(recall >= MIN_RECALL, "repeats recall {recall:.2} < {MIN_RECALL}");
}
