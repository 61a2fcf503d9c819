//! Run the number reader over JSONL article files (plain or `.gz`), report
//! the time spent, and optionally print every phrase with its context.
//!
//! ```text
//! cargo run --release -p rasid-numbers --example numbers_scan -- FILE.jsonl[.gz]... [--print] [--limit N]
//! ```

use rasid_numbers::find_numbers;
use rasid_text::Document;
use std::io::{BufRead, BufReader, Read};
use std::time::{Duration, Instant};

fn open(path: &str) -> Box<dyn BufRead> {
    let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let r: Box<dyn Read> =
        if path.ends_with(".gz") { Box::new(flate2::read::GzDecoder::new(f)) } else { Box::new(f) };
    Box::new(BufReader::new(r))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let print = args.iter().any(|a| a == "--print");
    let limit: usize = args
        .iter()
        .position(|a| a == "--limit")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    let files: Vec<&String> = args.iter().filter(|a| a.ends_with(".jsonl") || a.ends_with(".gz")).collect();
    let texts: Vec<String> = files
        .iter()
        .flat_map(|f| open(f).lines().map_while(Result::ok))
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .take(limit)
        .collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let (mut t_doc, mut t_num, mut phrases) = (Duration::ZERO, Duration::ZERO, 0usize);
    for text in &texts {
        let t0 = Instant::now();
        let doc = Document::new(text);
        let t1 = Instant::now();
        let found = find_numbers(&doc);
        t_num += t1.elapsed();
        t_doc += t1 - t0;
        phrases += found.len();
        if print {
            for p in &found {
                let from = p.span.start.saturating_sub(25);
                let to = p.span.end + 25;
                let ctx = format!(
                    "{}[[{}]]{}",
                    doc.slice(rasid_model::Span::new(from, p.span.start)),
                    doc.slice(p.span),
                    doc.slice(rasid_model::Span::new(p.span.end, to))
                )
                .replace('\n', " ");
                println!("{}\t{:?}\t{:?}\t{}", p.value, p.approx, p.form, ctx);
            }
        }
    }
    eprintln!(
        "{} articles, {} chars: Document::new {:.2?}, find_numbers {:.2?} ({:.1} M chars/s), {} phrases",
        texts.len(),
        chars,
        t_doc,
        t_num,
        chars as f64 / t_num.as_secs_f64().max(1e-9) / 1e6,
        phrases
    );
}
