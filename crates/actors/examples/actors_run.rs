//! Run [`rasid_actors::Registry::analyze`] alone over a JSON Lines file of
//! articles (`id`, `text`, `outlet`), for profiling and for checking that a
//! change leaves the output untouched:
//! `cargo run --release -p rasid-actors --example actors_run -- IN.jsonl [OUT.txt]`.
//! With `OUT.txt`, every article's analysis is written there (debug form).
//! Under callgrind, `--toggle-collect='rasid_actors::Registry::analyze'`
//! counts the analysis only.

use std::io::{BufRead, Write};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(input) = args.get(1) else {
        eprintln!("usage: actors_run IN.jsonl [OUT.txt]");
        std::process::exit(2);
    };
    let registry = rasid_actors::Registry::builtin();
    let file = std::fs::File::open(input).unwrap_or_else(|e| {
        eprintln!("{input}: {e}");
        std::process::exit(1)
    });
    let mut out = args.get(2).map(|p| {
        std::io::BufWriter::new(std::fs::File::create(p).unwrap_or_else(|e| {
            eprintln!("{p}: {e}");
            std::process::exit(1)
        }))
    });
    let mut articles = 0usize;
    let mut mentions = 0usize;
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { break };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let field = |k: &str| v.get(k).and_then(|x| x.as_str());
        let text = field("text").unwrap_or_default();
        let doc = rasid_text::Document::new(text);
        let joined = rasid_lexicon::Joined::new(&doc);
        let found = registry.analyze(&doc, &joined, field("outlet"));
        articles += 1;
        mentions += found.actors.len() + found.persons.len();
        if let Some(out) = out.as_mut() {
            let written = writeln!(out, "{}\n{:#?}", field("id").unwrap_or_default(), found);
            if let Err(e) = written {
                eprintln!("write: {e}");
                std::process::exit(1);
            }
        }
    }
    eprintln!("{articles} articles, {mentions} mentions");
}
