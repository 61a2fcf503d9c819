//! False positives on general (non-Syrian) Arabic news: place mentions per
//! article on 500 SaudiNewsNet articles with the OCHA import, and a sample of
//! 50 mentions of imported (non-built-in) places to eyeball. Saudi news names
//! few Syrian villages, so imported-place mentions there are mostly ordinary
//! words matched by mistake.
//!
//! The numbers are printed (run with `--nocapture`); the assertion is a loose
//! ceiling on imported-place mentions per article, to catch regressions such
//! as a gate that stopped working.

mod common;

use rasid_gazetteer::{Gazetteer, import};
use rasid_lexicon::Joined;
use rasid_text::Document;
use std::collections::BTreeMap;

#[test]
fn few_place_mentions_in_general_news() {
    let (Some(snn), Some(ocha)) =
        (common::data_dir("saudinewsnet"), common::data_dir("syria-ocha-cod-gazetteer"))
    else {
        return;
    };
    let home = tempfile::tempdir().expect("tempdir");
    import(&ocha, home.path()).expect("import");
    let (gaz, _) = Gazetteer::load(home.path()).expect("load");
    let articles = common::jsonl(&snn.join("articles.jsonl.gz"));
    let mut total = 0usize;
    let mut imported = 0usize;
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    let mut builtin_names: BTreeMap<String, usize> = BTreeMap::new();
    let mut builtin_samples: Vec<String> = Vec::new();
    let mut samples = Vec::new();
    let n = articles.len().min(500);
    for a in articles.iter().take(n) {
        let text = a["text"].as_str().unwrap_or("");
        let doc = Document::new(text);
        let joined = Joined::new(&doc);
        for m in gaz.find_places(&doc, &joined) {
            total += 1;
            let p = gaz.place(m.place);
            if p.source == "builtin" {
                *builtin_names.entry(format!("{} ({})", doc.slice(m.span), p.id)).or_default() += 1;
                if total.is_multiple_of(41) && builtin_samples.len() < 50 {
                    let chars: Vec<char> = text.chars().collect();
                    let s = m.span.start.saturating_sub(25);
                    let e = (m.span.end + 25).min(chars.len());
                    builtin_samples.push(format!(
                        "{} [{}] | {}",
                        doc.slice(m.span),
                        p.id,
                        chars[s..e].iter().collect::<String>().replace('\n', " ")
                    ));
                }
            } else {
                imported += 1;
                let surface = doc.slice(m.span).to_string();
                *by_name.entry(format!("{surface} ({})", p.id)).or_default() += 1;
                if samples.len() < 50 && imported % 3 == 1 {
                    let chars: Vec<char> = text.chars().collect();
                    let s = m.span.start.saturating_sub(25);
                    let e = (m.span.end + 25).min(chars.len());
                    samples.push(format!(
                        "{surface} [{}] | {}",
                        p.id,
                        chars[s..e].iter().collect::<String>().replace('\n', " ")
                    ));
                }
            }
        }
    }
    println!(
        "{n} SaudiNewsNet articles: {total} place mentions ({:.2}/article), {imported} of imported places ({:.3}/article)",
        total as f64 / n as f64,
        imported as f64 / n as f64
    );
    let mut top: Vec<(&String, &usize)> = by_name.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1));
    println!("most frequent imported-place matches:");
    for (name, c) in top.iter().take(40) {
        println!("  {c:4} {name}");
    }
    let mut top_builtin: Vec<(&String, &usize)> = builtin_names.iter().collect();
    top_builtin.sort_by(|a, b| b.1.cmp(a.1));
    println!("most frequent built-in-place matches:");
    for (name, c) in top_builtin.iter().take(60) {
        println!("  {c:4} {name}");
    }
    println!("sample of built-in-place mentions:");
    for s in &builtin_samples {
        println!("  {s}");
    }
    println!("sample of imported-place mentions:");
    for s in &samples {
        println!("  {s}");
    }
    assert!((imported as f64 / n as f64) < 0.5, "too many imported-place mentions in general news");
}
