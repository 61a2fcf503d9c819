//! Time `Document::new` over a JSON Lines (.gz) corpus, one thread:
//! `cargo run --release -p rasid-text --example fold_speed -- FILE.jsonl.gz`.

use std::io::{BufRead, Read};

fn main() {
    let path = std::env::args().nth(1).expect("path");
    let mut raw = Vec::new();
    std::fs::File::open(&path).expect("open").read_to_end(&mut raw).expect("read");
    let mut text = String::new();
    if path.ends_with(".gz") {
        flate2::read::MultiGzDecoder::new(&raw[..]).read_to_string(&mut text).expect("gz");
    } else {
        text = String::from_utf8(raw).expect("utf8");
    }
    let texts: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            v.get("text")?.as_str().map(str::to_string)
        })
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let start = std::time::Instant::now();
    let mut tokens = 0usize;
    for t in &texts {
        let d = rasid_text::Document::new(t);
        tokens += d.tokens.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} articles, {:.1} MB, {} tokens, {:.2} s, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        tokens,
        secs,
        bytes as f64 / 1e6 / secs
    );
    let _ = std::io::stdin().lock().lines();
}
