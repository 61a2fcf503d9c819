//! Runs the repairer over a JSON Lines corpus (optionally gzip-compressed) and
//! prints every repair with some context, for judging precision by eye.
//!
//! ```text
//! cargo run -p rasid-repair --example repair_scan -- FILE.jsonl[.gz] [MAX_ARTICLES] > repairs.txt
//! ```
//!
//! Ends with a summary line on stderr: articles, repairs by kind, time.

use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

use rasid_repair::{Vocabulary, find_repairs};
use rasid_text::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: scan FILE.jsonl[.gz] [MAX_ARTICLES]")?;
    let max: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(usize::MAX);
    let t0 = Instant::now();
    let (vocab, notice) = Vocabulary::load_default();
    eprintln!("dictionary loaded in {:?} ({:?})", t0.elapsed(), vocab.dictionary_dir());
    if let Some(n) = notice {
        eprintln!("{n}");
    }
    let file = std::fs::File::open(&path)?;
    let reader: Box<dyn Read> =
        if path.ends_with(".gz") { Box::new(flate2::read::GzDecoder::new(file)) } else { Box::new(file) };
    let t1 = Instant::now();
    let (mut articles, mut words, mut puncts, mut chars) = (0usize, 0usize, 0usize, 0usize);
    for line in BufReader::new(reader).lines().take(max) {
        let line = line?;
        let row: serde_json::Value = serde_json::from_str(&line)?;
        let id = row["id"].as_str().unwrap_or("?");
        let text = row["text"].as_str().unwrap_or("");
        articles += 1;
        chars += text.chars().count();
        let doc = Document::new(text);
        for r in find_repairs(&doc, &vocab) {
            let kind = r.kind.clone().unwrap_or_default();
            if kind == rasid_repair::GLUED_WORDS {
                words += 1;
            } else {
                puncts += 1;
            }
            let before = doc.slice(rasid_model::Span::new(r.span.start.saturating_sub(30), r.span.start));
            let after = doc.slice(rasid_model::Span::new(r.span.end, r.span.end + 30));
            println!(
                "{kind}\t{id}\t{}\t{}\t…{}[{}]{}…",
                r.text,
                r.fixed,
                before.replace('\n', " "),
                r.text,
                after.replace('\n', " ")
            );
        }
    }
    eprintln!(
        "articles {articles}, chars {chars}, glued_words {words}, glued_punctuation {puncts}, time {:?}",
        t1.elapsed()
    );
    Ok(())
}
