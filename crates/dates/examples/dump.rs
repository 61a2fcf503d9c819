//! Print the date mentions of JSON-lines articles (fields `text` and
//! `published`), one mention a line, for reading the grammar's output on a
//! real corpus:
//!
//! ```text
//! cargo run -p rasid-dates --example dump -- ARTICLES.jsonl [LIMIT]
//! zcat ARTICLES.jsonl.gz | cargo run -p rasid-dates --example dump -- - [LIMIT]
//! ```
//!
//! Columns: published, kind, from..to, since, the mention in its context.

use std::io::{BufRead, BufReader, Read};

use rasid_dates::{find_dates, parse_iso_date};
use rasid_text::{Document, Span};

const CONTEXT_CHARS: usize = 25;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "-".to_string());
    let limit: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(usize::MAX);
    let input: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
    };
    for line in BufReader::new(input).lines().map_while(Result::ok).take(limit) {
        let Ok(row) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let text = row["text"].as_str().unwrap_or_default();
        let published = row["published"].as_str().and_then(parse_iso_date);
        let doc = Document::new(text);
        for d in find_dates(&doc, published) {
            let m = d.to_mention(&doc);
            let before = doc.slice(Span::new(m.span.start.saturating_sub(CONTEXT_CHARS), m.span.start));
            let after = doc.slice(Span::new(m.span.end, m.span.end + CONTEXT_CHARS));
            println!(
                "{}\t{:?}\t{}..{}\t{}\t…{}【{}】{}…",
                published.map(|p| p.to_string()).unwrap_or_default(),
                d.kind,
                m.from.unwrap_or_default(),
                m.to.unwrap_or_default(),
                d.since,
                before.replace('\n', " "),
                m.text,
                after.replace('\n', " ")
            );
        }
    }
}
