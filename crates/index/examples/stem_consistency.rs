//! Does a definite word stem like its bare form? Compares tantivy's stock Arabic chain
//! (SimpleTokenizer → LowerCaser → Stemmer) with rasid's analyzer on the vocabulary of a corpus.
//!
//! ```text
//! cargo run --release -p rasid-index --example stem_consistency -- /work/shared/data/ant-multisource/syria.jsonl
//! ```
//!
//! For every word W (three letters or more, not itself starting with ال) such that ال+W, وال+W,
//! بال+W or لل+W also occurs, it checks whether both get the same term; prints the share of such
//! pairs each analyzer keeps together, the most frequent pairs each splits, and how many distinct
//! terms the frequent words (seen five times or more) collapse to.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};

use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

fn terms(analyzer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = analyzer.token_stream(word);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out.join("|")
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: stem_consistency CORPUS.jsonl[.gz]");
        std::process::exit(2);
    };
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let reader: Box<dyn BufRead> = if path.ends_with(".gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    let mut vocabulary: HashMap<String, usize> = HashMap::new();
    for line in reader.lines().map_while(Result::ok) {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let text = value.get("text").and_then(|t| t.as_str()).unwrap_or("");
        for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            *vocabulary.entry(word.to_string()).or_default() += 1;
        }
    }

    let mut stock = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Arabic))
        .build();
    let mut ours = rasid_index::analysis::arabic_analyzer();
    let mut pairs = 0;
    let mut kept = [0usize; 2];
    let mut split: [Vec<(usize, String)>; 2] = [Vec::new(), Vec::new()];
    for (word, count) in &vocabulary {
        if word.starts_with("ال") || word.chars().count() < 3 {
            continue;
        }
        for prefix in ["ال", "وال", "بال", "لل"] {
            let definite = format!("{prefix}{word}");
            let Some(definite_count) = vocabulary.get(&definite) else { continue };
            pairs += 1;
            for (i, analyzer) in [&mut stock, &mut ours].into_iter().enumerate() {
                let (bare, with_article) = (terms(analyzer, word), terms(analyzer, &definite));
                if bare == with_article {
                    kept[i] += 1;
                } else {
                    split[i].push((
                        count + definite_count,
                        format!("{word} → {bare}   {definite} → {with_article}"),
                    ));
                }
            }
        }
    }
    let share = |n: usize| 100.0 * n as f64 / pairs.max(1) as f64;
    println!("{pairs} bare/definite pairs in {} distinct words", vocabulary.len());
    for (i, name) in ["tantivy stock (Simple+Lower+Stemmer)", "rasid analyzer"].iter().enumerate() {
        println!("{name}: {} pairs stem alike ({:.1} %)", kept[i], share(kept[i]));
        split[i].sort();
        for (count, example) in split[i].iter().rev().take(8) {
            println!("    split ({count} occurrences): {example}");
        }
    }
    let mut distinct = [HashSet::new(), HashSet::new()];
    for (word, count) in &vocabulary {
        if *count >= 5 {
            distinct[0].insert(terms(&mut stock, word));
            distinct[1].insert(terms(&mut ours, word));
        }
    }
    println!(
        "distinct terms of the words seen 5+ times: stock {}, rasid {}",
        distinct[0].len(),
        distinct[1].len()
    );
}
