//! Eyeballing aid (ignored by default): prints the persons found in a
//! deterministic sample of real articles, with context, for a precision check
//! by hand. Run with
//! `cargo test -p rasid-actors --test sample_persons -- --ignored --nocapture`
//! (`SAMPLE_EVERY` sets the stride, default 40; `SAMPLE_RULE_ONLY=1` prints
//! only names found by rule, not from the registry).

use rasid_actors::Registry;
use rasid_lexicon::Joined;
use rasid_model::Span;
use rasid_text::Document;
use std::path::Path;

#[test]
#[ignore]
fn print_sampled_persons() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ant-multisource/syria.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("NOTICE: {} not found; nothing to sample", path.display());
        return;
    };
    let every: usize = std::env::var("SAMPLE_EVERY").ok().and_then(|s| s.parse().ok()).unwrap_or(40).max(1);
    let rule_only = std::env::var("SAMPLE_RULE_ONLY").is_ok();
    let registry = Registry::builtin();
    for line in text.lines().step_by(every) {
        let Ok(row) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let body = row["text"].as_str().unwrap_or_default();
        let doc = Document::new(body);
        let joined = Joined::new(&doc);
        for p in registry.find_persons(&doc, &joined) {
            if rule_only && registry.person(&p.id).is_some() {
                continue;
            }
            let before = Span::new(p.span.start.saturating_sub(30), p.span.start);
            let after = Span::new(p.span.end, (p.span.end + 30).min(doc.char_len()));
            println!(
                "{}\t{}\t{}[[{}]]{}",
                row["id"].as_str().unwrap_or_default(),
                p.ar,
                doc.slice(before).replace('\n', " "),
                doc.slice(p.span),
                doc.slice(after).replace('\n', " ")
            );
        }
    }
}
