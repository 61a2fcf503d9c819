//! Dev check against the syria-dev-40 gold: every gold figure should be
//! covered by a number phrase with its value and approximation.
//!
//! The data is read at run time from `<workspace>/../shared/data/syria-dev-40`
//! and never copied into the repository. With `CI=true` a missing data folder
//! fails the test; otherwise the test is skipped with a notice.

use rasid_model::{Approx, Span};
use rasid_numbers::{NumberForm, NumberPhrase, find_numbers};
use rasid_text::Document;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/syria-dev-40");
    if dir.join("articles.jsonl").is_file() && dir.join("gold").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true but the dev data is missing at {}", dir.display());
    }
    eprintln!("NOTICE: dev data not found at {}; skipping the gold check", dir.display());
    None
}

fn approx_of(s: &str) -> Option<Approx> {
    Some(match s {
        "exact" => Approx::Exact,
        "about" => Approx::About,
        "at_least" => Approx::AtLeast,
        "at_most" => Approx::AtMost,
        "range" => Approx::Range,
        _ => return None,
    })
}

fn span_of(v: &Value) -> Option<Span> {
    let a = v.get("span")?.as_array()?;
    Some(Span::new(a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize))
}

/// The value the contract would carry for this phrase: fractions of
/// territory are percentages there.
fn contract_value(p: &NumberPhrase) -> f64 {
    if p.form == NumberForm::Fraction { p.value * 100.0 } else { p.value }
}

fn close(a: f64, gold: f64) -> bool {
    (a - gold).abs() <= gold.abs() * 0.005 + 1e-9
}

fn context(chars: &[char], s: Span) -> String {
    let from = s.start.saturating_sub(30);
    let to = (s.end + 30).min(chars.len());
    let pre: String = chars[from..s.start.min(chars.len())].iter().collect();
    let mid: String = chars[s.start.min(chars.len())..s.end.min(chars.len())].iter().collect();
    let post: String = chars[s.end.min(chars.len())..to].iter().collect();
    format!("{pre}[[{mid}]]{post}").replace('\n', " ")
}

#[test]
fn gold_figures_are_read() {
    let Some(dir) = data_dir() else {
        return;
    };
    let mut texts: HashMap<String, String> = HashMap::new();
    let jsonl = std::fs::read_to_string(dir.join("articles.jsonl")).expect("articles.jsonl readable");
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("article row is JSON");
        if let (Some(id), Some(text)) = (row["id"].as_str(), row["text"].as_str()) {
            texts.insert(id.to_string(), text.to_string());
        }
    }
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .expect("gold folder readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    gold_files.sort();
    assert!(!gold_files.is_empty(), "no gold files");

    let (mut total, mut value_hits, mut approx_hits) = (0usize, 0usize, 0usize);
    let mut misses: Vec<String> = Vec::new();
    let mut approx_misses: Vec<String> = Vec::new();
    let mut nonfig: HashMap<String, (usize, usize)> = HashMap::new();
    let mut vague_returned: Vec<String> = Vec::new();

    for path in &gold_files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("gold readable"))
            .expect("gold is JSON");
        let id = gold["article"]["id"].as_str().expect("article id");
        let text = texts.get(id).unwrap_or_else(|| panic!("article {id} missing from articles.jsonl"));
        let chars: Vec<char> = text.chars().collect();
        let doc = Document::new(text);
        let phrases = find_numbers(&doc);
        for fig in gold["figures"].as_array().into_iter().flatten() {
            let (Some(span), Some(v)) = (span_of(fig), fig["value"].as_f64()) else {
                continue;
            };
            let approx = fig["approx"].as_str().and_then(approx_of);
            total += 1;
            let hit = phrases.iter().find(|p| p.span.overlaps(&span) && close(contract_value(p), v));
            match hit {
                Some(p) => {
                    value_hits += 1;
                    if Some(p.approx) == approx {
                        approx_hits += 1;
                    } else {
                        approx_misses.push(format!(
                            "{id}: gold {:?} got {:?}: {}",
                            approx,
                            p.approx,
                            context(&chars, span)
                        ));
                    }
                }
                None => {
                    let near: Vec<String> = phrases
                        .iter()
                        .filter(|p| p.span.overlaps(&span))
                        .map(|p| format!("{} ({:?})", p.value, p.form))
                        .collect();
                    misses.push(format!("{id}: gold {v} got {near:?}: {}", context(&chars, span)));
                }
            }
        }
        for nf in gold["non_figures"].as_array().into_iter().flatten() {
            let Some(span) = span_of(nf) else {
                continue;
            };
            let kind = nf["kind"].as_str().unwrap_or("?").to_string();
            let returned = phrases.iter().any(|p| p.span.overlaps(&span));
            let e = nonfig.entry(kind.clone()).or_default();
            e.0 += 1;
            if returned {
                e.1 += 1;
                if kind == "vague" {
                    vague_returned.push(format!("{id}: {}", context(&chars, span)));
                }
            }
        }
    }

    let recall = value_hits as f64 / total.max(1) as f64;
    let approx_acc = approx_hits as f64 / value_hits.max(1) as f64;
    println!("gold figures: {total}; value matched: {value_hits} (recall {recall:.3})");
    println!("approx correct on matched: {approx_hits} (accuracy {approx_acc:.3})");
    for m in &misses {
        println!("MISS  {m}");
    }
    for m in &approx_misses {
        println!("APPROX {m}");
    }
    let mut kinds: Vec<_> = nonfig.iter().collect();
    kinds.sort();
    for (kind, (n, returned)) in kinds {
        println!("non_figures {kind}: {returned} of {n} returned as number phrases");
    }
    for v in &vague_returned {
        println!("VAGUE {v}");
    }
    assert!(recall >= 0.95, "value recall {recall:.3} < 0.95");
    assert!(approx_acc >= 0.90, "approx accuracy {approx_acc:.3} < 0.90");
    assert!(vague_returned.is_empty(), "vague plurals were returned as numbers");
}
