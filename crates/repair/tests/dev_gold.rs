//! Dev check against the syria-dev-40 gold: recall of the gold repairs.
//!
//! Reads `shared/data/syria-dev-40/{articles.jsonl,gold/*.json}` at run time
//! (never copied into the repo). A gold repair is found when a system repair
//! overlaps its span and has the same `fixed` text up to whitespace (the
//! scorer's rule). Prints misses and every system repair, per article.
//!
//! Without the data: skipped with a notice, or failed under `CI=true`.
//! Without a Hunspell dictionary: the recall assertion is skipped with a
//! notice, or failed under `CI=true` (CI installs `hunspell-ar`).

use std::collections::HashMap;
use std::path::PathBuf;

use rasid_repair::{Vocabulary, find_repairs};
use rasid_text::Document;
use serde_json::Value;

const MIN_RECALL: f64 = 0.60;

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn data_dir() -> PathBuf {
    // canonicalize: the crate may be reached through a symlinked workspace
    let manifest = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest.join("../../../shared/data/syria-dev-40")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn dev_gold_repairs_recall() {
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

    let t = std::time::Instant::now();
    let (vocab, notice) = Vocabulary::load_default();
    println!("vocabulary loaded in {:?} (dictionary: {:?})", t.elapsed(), vocab.dictionary_dir());

    let (mut gold_total, mut found, mut system_total) = (0usize, 0usize, 0usize);
    for path in &gold_files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("gold file"))
            .expect("gold file is JSON");
        let id = gold["article"]["id"].as_str().unwrap_or_default();
        let Some(text) = texts.get(id) else {
            panic!("gold {id} has no article text");
        };
        let doc = Document::new(text);
        let system = find_repairs(&doc, &vocab);
        system_total += system.len();
        for r in &system {
            assert_eq!(doc.slice(r.span), r.text, "{id}: span and text disagree");
        }
        let gold_repairs = gold["repairs"].as_array().cloned().unwrap_or_default();
        if !system.is_empty() || !gold_repairs.is_empty() {
            println!("{id}: {} gold, {} system", gold_repairs.len(), system.len());
            for r in &system {
                println!("    system [{}, {}] {:?} -> {:?}", r.span.start, r.span.end, r.text, r.fixed);
            }
        }
        for g in &gold_repairs {
            gold_total += 1;
            let (gs, ge) =
                (g["span"][0].as_u64().unwrap_or(0) as usize, g["span"][1].as_u64().unwrap_or(0) as usize);
            let gfixed = squash(g["fixed"].as_str().unwrap_or_default());
            let hit =
                system.iter().any(|r| r.span.start < ge && gs < r.span.end && squash(&r.fixed) == gfixed);
            if hit {
                found += 1;
            } else {
                println!("    MISS [{gs}, {ge}] {} -> {}", g["text"], g["fixed"]);
            }
        }
    }
    let recall = if gold_total == 0 { 1.0 } else { found as f64 / gold_total as f64 };
    println!("repairs recall {found}/{gold_total} = {recall:.2}; {system_total} system repairs");
    if let Some(n) = notice {
        assert!(!in_ci(), "CI=true but no Hunspell dictionary: {n}");
        println!("skipping the recall assertion: {n}");
        return;
    }
    assert!(recall >= MIN_RECALL, "repairs recall {recall:.2} < {MIN_RECALL}");
}
