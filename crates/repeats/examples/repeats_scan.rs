//! Runs the repeat finder over a JSON Lines corpus (optionally
//! gzip-compressed) and prints every repeat, for judging by eye.
//!
//! ```text
//! cargo run -p rasid-repeats --example repeats_scan -- FILE.jsonl[.gz] [MAX_ARTICLES] > repeats.txt
//! ```

use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

use rasid_repeats::find_repeats;
use rasid_text::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: scan FILE.jsonl[.gz] [MAX_ARTICLES]")?;
    let max: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(usize::MAX);
    let file = std::fs::File::open(&path)?;
    let reader: Box<dyn Read> =
        if path.ends_with(".gz") { Box::new(flate2::read::GzDecoder::new(file)) } else { Box::new(file) };
    let t = Instant::now();
    let (mut articles, mut with_repeats, mut total) = (0usize, 0usize, 0usize);
    for line in BufReader::new(reader).lines().take(max) {
        let row: serde_json::Value = serde_json::from_str(&line?)?;
        let id = row["id"].as_str().unwrap_or("?");
        let doc = Document::new(row["text"].as_str().unwrap_or(""));
        let repeats = find_repeats(&doc);
        articles += 1;
        with_repeats += usize::from(!repeats.is_empty());
        total += repeats.len();
        for r in repeats {
            let kind = r.kind.unwrap_or_default();
            println!(
                "{kind}\t{id}\t{:?}\t{:?}\t{}\t{}",
                r.span,
                r.repeats,
                doc.slice(r.span).replace('\n', " / "),
                doc.slice(r.repeats).replace('\n', " / ")
            );
        }
    }
    eprintln!("articles {articles}, with repeats {with_repeats}, repeats {total}, time {:?}", t.elapsed());
    Ok(())
}
