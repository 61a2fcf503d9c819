//! Same-story detection on the Arabic fact-checking corpus of Baly et al.
//! (`shared/data/arabic-fc-stance-baly2018`): articles retrieved for one
//! claim and labelled agree / disagree / discuss are reports of the same
//! story; the unrelated ones retrieved by the same search are hard negatives.
//!
//! `cargo run --release -p rasid-stories --example eval_baly -- [--cache DIR] [param=value ...]`
//!
//! All 3,042 articles are clustered in file order (the corpus has no
//! dates). Reported:
//! - pairwise precision and recall of "same story" over the related
//!   articles (a pair is positive when the two are related to a common claim;
//!   one web page retrieved for several claims counts for each);
//! - how many (related, unrelated) pairs retrieved for the same claim were
//!   put in one story (hard negatives merged).

#[path = "support/mod.rs"]
mod support;

use std::collections::{HashMap, HashSet};

use rasid_stories::{Clusterer, DupIndex, Params, StoryInput, prepare};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cache = None;
    let mut overrides = serde_json::Map::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--cache" {
            cache = it.next().map(std::path::PathBuf::from);
        } else if let Some((k, v)) = a.split_once('=') {
            overrides.insert(k.to_string(), serde_json::from_str(v).expect("param value"));
        }
    }
    let params: Params = serde_json::from_value(serde_json::Value::Object(overrides)).expect("params");
    let rows = support::read_jsonl(&support::data_dir().join("arabic-fc-stance-baly2018/articles.jsonl.gz"));
    let xs = support::extractions(&rows, cache.as_ref().map(|c| c.join("baly.x.jsonl")).as_deref());

    let mut dups = DupIndex::default();
    let mut clusterer = Clusterer::new(params.clone());
    let mut story = Vec::with_capacity(rows.len());
    let cpu = support::thread_cpu();
    for (r, x) in rows.iter().zip(&xs) {
        let a = &r.article;
        let input = StoryInput {
            id: a.id.clone(),
            published: None,
            outlet: a.outlet.clone(),
            title: a.title.clone().unwrap_or_default(),
            text: &a.text,
            extraction: x,
            dup_of: None,
        };
        let p = prepare(&input, &params);
        let dup_of = dups.insert(&a.id, &p.fingerprint);
        story.push(clusterer.assign_prepared(&p, dup_of.as_deref()));
    }
    let cpu = support::thread_cpu() - cpu;

    let claim = |i: usize| rows[i].raw["claim_id"].as_str().unwrap_or("").to_string();
    let related = |i: usize| rows[i].raw["stance"].as_str().is_some_and(|s| s != "unrelated");
    let url = |i: usize| rows[i].article.url.clone().unwrap_or_else(|| rows[i].article.id.clone());
    // claims each page is related to
    let mut claims_of: HashMap<String, HashSet<String>> = HashMap::new();
    for i in (0..rows.len()).filter(|&i| related(i)) {
        claims_of.entry(url(i)).or_default().insert(claim(i));
    }
    let rel: Vec<usize> = (0..rows.len()).filter(|&i| related(i)).collect();
    let (mut tp, mut fp, mut fneg) = (0u64, 0u64, 0u64);
    for (k, &i) in rel.iter().enumerate() {
        for &j in &rel[k + 1..] {
            let gold = !claims_of[&url(i)].is_disjoint(&claims_of[&url(j)]);
            let same = story[i] == story[j];
            match (gold, same) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fneg += 1,
                (false, false) => {}
            }
        }
    }
    let (mut hard, mut hard_merged) = (0u64, 0u64);
    let mut by_claim: HashMap<String, Vec<usize>> = HashMap::new();
    for i in 0..rows.len() {
        by_claim.entry(claim(i)).or_default().push(i);
    }
    for members in by_claim.values() {
        for &i in members.iter().filter(|&&i| related(i)) {
            for &j in members.iter().filter(|&&j| !related(j) && url(j) != url(i)) {
                hard += 1;
                hard_merged += u64::from(story[i] == story[j]);
            }
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    println!(
        "Baly: {} articles ({} related to their claim) -> {} stories",
        rows.len(),
        rel.len(),
        clusterer.stories().len()
    );
    println!(
        "same-story pairs among related articles: precision {p:.3} recall {r:.3} F1 {:.3} (tp {tp}, fp {fp}, fn {fneg})",
        support::f1(p, r)
    );
    println!("hard negatives (related vs unrelated, same claim) merged: {hard_merged} of {hard}");
    if std::env::var_os("SHOW").is_some() {
        let mut members: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, s) in story.iter().enumerate().take(rows.len()) {
            members.entry(*s).or_default().push(i);
        }
        let mut big: Vec<(&i64, &Vec<usize>)> = members.iter().filter(|(_, m)| m.len() > 3).collect();
        big.sort_by_key(|(s, m)| (std::cmp::Reverse(m.len()), **s));
        for (s, m) in big.iter().take(12) {
            println!("story {s}: {} articles", m.len());
            for &i in m.iter().take(10) {
                let t: String = rows[i].article.text.chars().take(110).collect::<String>().replace('\n', " ");
                println!(
                    "   {} {} {} | {t}",
                    claim(i),
                    rows[i].raw["stance"].as_str().unwrap_or(""),
                    rows[i].article.outlet.as_deref().unwrap_or("")
                );
            }
        }
    }
    println!("sequential CPU {:.1} µs/article (prepare + dup + assign)", cpu * 1e6 / rows.len() as f64);
}
