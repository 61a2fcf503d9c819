//! Throughput of `find_dates` on a JSON-lines corpus (fields `text`,
//! `published`), apart from building the `Document`:
//!
//! ```text
//! zcat ARTICLES.jsonl.gz | cargo run --release -p rasid-dates --example bench
//! ```

use std::io::{BufRead, BufReader};
use std::time::{Duration, Instant};

use rasid_dates::{find_dates, parse_iso_date};
use rasid_text::Document;

fn main() {
    let mut texts: Vec<(String, Option<jiff::civil::Date>)> = Vec::new();
    for line in BufReader::new(std::io::stdin()).lines().map_while(Result::ok) {
        let Ok(row) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let text = row["text"].as_str().unwrap_or_default().to_string();
        texts.push((text, row["published"].as_str().and_then(parse_iso_date)));
    }
    let chars: usize = texts.iter().map(|(t, _)| t.chars().count()).sum();
    let (mut reading, mut dating, mut mentions) = (Duration::ZERO, Duration::ZERO, 0usize);
    for (text, published) in &texts {
        let t0 = Instant::now();
        let doc = Document::new(text);
        let t1 = Instant::now();
        mentions += find_dates(&doc, *published).len();
        dating += t1.elapsed();
        reading += t1 - t0;
    }
    let mchars = chars as f64 / 1e6;
    println!(
        "{} articles, {mchars:.1} M chars, {mentions} date mentions; Document::new {:.2} s, find_dates {:.2} s ({:.1} M chars/s, one thread)",
        texts.len(),
        reading.as_secs_f64(),
        dating.as_secs_f64(),
        mchars / dating.as_secs_f64()
    );
}
