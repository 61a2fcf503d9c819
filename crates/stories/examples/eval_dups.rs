//! Near-duplicate detection against ANT's `dup_of` (byte-identical stripped
//! texts; see `shared/data/ant-multisource/SOURCE.md`):
//! `cargo run --release -p rasid-stories --example eval_dups -- [ANT.jsonl.gz] [THRESHOLD]`.
//!
//! Articles are inserted in file order (the order `dup_of` refers to).
//! Prints precision and recall against the exact duplicates, the speed, and
//! the pairs found that are not byte-identical (near-duplicates the gold
//! does not mark), with their similarity, for inspection.

use std::io::BufRead;

use rasid_stories::{DupIndex, fingerprint};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path =
        args.get(1).cloned().unwrap_or_else(|| "../shared/data/ant-multisource/articles.jsonl.gz".into());
    let threshold: f64 =
        args.get(2).and_then(|s| s.parse().ok()).unwrap_or(rasid_stories::dup::DEFAULT_THRESHOLD);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let rows: Vec<(String, String, Option<String>, String)> = reader
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.expect("line")).expect("json");
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            (
                s("id").unwrap_or_default(),
                s("text").unwrap_or_default(),
                s("dup_of"),
                s("title").unwrap_or_default(),
            )
        })
        .collect();
    let gold_root: std::collections::HashMap<&str, &str> =
        rows.iter().map(|(id, _, d, _)| (id.as_str(), d.as_deref().unwrap_or(id))).collect();
    let start = std::time::Instant::now();
    let mut index = DupIndex::new(threshold);
    let mut found = Vec::with_capacity(rows.len());
    for (id, text, _, _) in &rows {
        let fp = fingerprint(text);
        found.push(index.insert(id, &fp));
    }
    let secs = start.elapsed().as_secs_f64();
    let (mut tp, mut predicted, mut gold) = (0usize, 0usize, 0usize);
    let mut extra = Vec::new();
    let by_id: std::collections::HashMap<&str, usize> =
        rows.iter().enumerate().map(|(i, r)| (r.0.as_str(), i)).collect();
    for ((id, text, dup_of, title), f) in rows.iter().zip(&found) {
        gold += usize::from(dup_of.is_some());
        let Some(f) = f else { continue };
        predicted += 1;
        if dup_of.is_some() && gold_root.get(f.as_str()) == gold_root.get(id.as_str()) {
            tp += 1;
        } else {
            let other = &rows[by_id[f.as_str()]];
            let sim = fingerprint(text).similarity(&fingerprint(&other.1));
            extra.push(format!(
                "{sim:.2} {id} ({} chars) ~ {} ({} chars)\n    {title}\n    {}",
                text.chars().count(),
                other.0,
                other.1.chars().count(),
                other.3
            ));
        }
    }
    println!(
        "threshold {threshold}: {} articles, gold duplicates {gold}, found {predicted}, exact-match agreement {tp}",
        rows.len()
    );
    println!(
        "precision {:.4} recall {:.4} (against byte-identical copies only)",
        tp as f64 / predicted.max(1) as f64,
        tp as f64 / gold.max(1) as f64
    );
    println!("{:.2} s, {:.0} articles/s (fingerprint + insert, one thread)", secs, rows.len() as f64 / secs);
    for ((id, text, dup_of, _), f) in rows.iter().zip(&found) {
        if let Some(d) = dup_of
            && f.as_deref().and_then(|f| gold_root.get(f)) != gold_root.get(id.as_str())
        {
            println!("missed: {id} ({} chars) = {d}, found {f:?}", text.chars().count());
        }
    }
    println!("{} pairs found that are not byte-identical:", extra.len());
    for e in &extra {
        println!("{e}");
    }
}
