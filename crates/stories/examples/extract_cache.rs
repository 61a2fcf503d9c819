//! Development tool: extract a JSON Lines corpus once and cache the
//! extractions (one JSON document per line, input order), so clustering
//! experiments do not pay for extraction every run:
//! `cargo run -p rasid-stories --example extract_cache -- IN.jsonl[.gz] OUT.jsonl`.

use std::io::{BufRead, Write};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(out)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: extract_cache IN.jsonl[.gz] OUT.jsonl");
        std::process::exit(2);
    };
    let file = std::fs::File::open(input).expect("input");
    let reader: Box<dyn BufRead> = if input.ends_with(".gz") {
        Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    let articles: Vec<rasid_model::Article> = reader
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(&l.expect("line")).expect("json");
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
            rasid_model::Article {
                id: s("id").unwrap_or_default(),
                text: s("text").unwrap_or_default(),
                published: s("published"),
                outlet: s("outlet"),
                title: s("title"),
                url: None,
            }
        })
        .collect();
    let ex = rasid_extract::Extractor::builtin().expect("extractor");
    let start = std::time::Instant::now();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = articles.len().div_ceil(threads).max(1);
    let lines: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = articles
            .chunks(chunk)
            .map(|part| {
                let ex = &ex;
                s.spawn(move || {
                    part.iter()
                        .map(|a| serde_json::to_string(&ex.extract(a)).expect("ser"))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("worker")).collect()
    });
    eprintln!("{} articles in {:.1} s", articles.len(), start.elapsed().as_secs_f64());
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("out"));
    for l in lines {
        writeln!(w, "{l}").expect("write");
    }
}
