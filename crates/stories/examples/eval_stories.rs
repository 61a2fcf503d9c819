//! Story clustering on the development set: the 40 labelled articles of
//! `syria-dev-40` (`story_key`) ingested together with the 2,431 Syria
//! articles of ANT as distractors, in published order; B-cubed precision,
//! recall and F1 over the 40.
//!
//! `cargo run --release -p rasid-stories --example eval_stories -- [--cache DIR] [--quiet] [param=value ...]`
//!
//! `--cache DIR` reads `DIR/dev40.x.jsonl` and `DIR/syria.x.jsonl` (written by
//! the `extract_cache` example) instead of extracting; `param=value`
//! overrides a field of `rasid_stories::Params` (e.g. `threshold=0.35`).

#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeMap;

use rasid_stories::{Clusterer, DupIndex, Params, StoryInput, parse_published, prepare};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cache = None;
    let mut quiet = false;
    let mut explain = false;
    let mut distractors = true;
    let mut overrides = serde_json::Map::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--cache" {
            cache = it.next().map(std::path::PathBuf::from);
        } else if a == "--no-distractors" {
            distractors = false;
        } else if a == "--explain" {
            explain = true;
        } else if a == "--quiet" {
            quiet = true;
        } else if let Some((k, v)) = a.split_once('=') {
            overrides.insert(k.to_string(), serde_json::from_str(v).expect("param value"));
        }
    }
    let params: Params = serde_json::from_value(serde_json::Value::Object(overrides)).expect("params");
    let data = support::data_dir();
    let dev = support::read_jsonl(&data.join("syria-dev-40/articles.jsonl"));
    let (syria, syria_x) = if distractors {
        let syria = support::read_jsonl(&data.join("ant-multisource/syria.jsonl"));
        let x = support::extractions(&syria, cache.as_ref().map(|c| c.join("syria.x.jsonl")).as_deref());
        (syria, x)
    } else {
        (Vec::new(), Vec::new())
    };
    let dev_x = support::extractions(&dev, cache.as_ref().map(|c| c.join("dev40.x.jsonl")).as_deref());
    let rows: Vec<&support::Row> = dev.iter().chain(&syria).collect();
    let xs: Vec<&rasid_model::Extraction> = dev_x.iter().chain(&syria_x).collect();
    let order = support::published_order(&rows);

    let inputs: Vec<StoryInput> = rows
        .iter()
        .zip(&xs)
        .map(|(r, x)| {
            let a = &r.article;
            StoryInput {
                id: a.id.clone(),
                published: a.published.as_deref().and_then(parse_published),
                outlet: a.outlet.clone(),
                title: a.title.clone().unwrap_or_default(),
                text: &a.text,
                extraction: x,
                dup_of: None,
            }
        })
        .collect();
    // the parallel part of ingest (here on one thread, timed apart)
    let (wall, cpu) = (std::time::Instant::now(), support::thread_cpu());
    let prepared: Vec<rasid_stories::Prepared> = inputs.iter().map(|i| prepare(i, &params)).collect();
    let prepare_cpu = support::thread_cpu() - cpu;
    let prepare_wall = wall.elapsed().as_secs_f64();
    // the sequential part: near-duplicates and assignment, in order
    let (wall, cpu) = (std::time::Instant::now(), support::thread_cpu());
    let mut dups = DupIndex::default();
    let mut clusterer = Clusterer::new(params.clone());
    let mut story_of = vec![0i64; rows.len()];
    let mut dup_count = 0;
    for &i in &order {
        let a = &rows[i].article;
        let p = &prepared[i];
        let dup_of = dups.insert_dated(&a.id, &p.fingerprint, p.published);
        dup_count += usize::from(dup_of.is_some());
        if explain && i < dev.len() {
            let key = dev[i].raw["story_key"].as_str().unwrap_or("");
            println!("{} [{key}] {}", a.id, a.title.as_deref().unwrap_or(""));
            for c in clusterer.explain(&inputs[i]).iter().take(4) {
                let keys: Vec<&str> = (0..dev.len())
                    .filter(|&j| story_of[j] == c.story)
                    .map(|j| dev[j].raw["story_key"].as_str().unwrap_or(""))
                    .collect();
                let title = clusterer.story(c.story).map(|s| s.title.chars().take(50).collect::<String>());
                println!(
                    "    -> {} {:.3} (text {:.3} head {:.3} place {:.3} actor {:.3} fig {}) {} {keys:?} {title:?}",
                    c.story,
                    c.score,
                    c.text,
                    c.head,
                    c.place,
                    c.actor,
                    c.figures,
                    if c.joins { "J" } else { "" }
                );
            }
        }
        story_of[i] = clusterer.assign_prepared(p, dup_of.as_deref());
    }
    let assign_cpu = support::thread_cpu() - cpu;
    let assign_wall = wall.elapsed().as_secs_f64();

    let labelled: Vec<usize> = (0..dev.len()).collect();
    let gold: Vec<&str> = labelled.iter().map(|&i| dev[i].raw["story_key"].as_str().unwrap_or("")).collect();
    let got: Vec<i64> = labelled.iter().map(|&i| story_of[i]).collect();
    let (p, r) = support::bcubed(&got, &gold);
    println!(
        "B-cubed over {} labelled articles: precision {p:.3} recall {r:.3} F1 {:.3}",
        gold.len(),
        support::f1(p, r)
    );
    let sizes: Vec<usize> = clusterer.stories().iter().map(|s| s.articles.len()).collect();
    let mut big = sizes.clone();
    big.sort_unstable_by(|a, b| b.cmp(a));
    println!(
        "{} articles ({} near-duplicates) -> {} stories; largest {:?}",
        rows.len(),
        dup_count,
        sizes.len(),
        &big[..big.len().min(8)],
    );
    let n = rows.len() as f64;
    println!(
        "prepare (parallelisable): {:.1} µs/article CPU ({:.1} wall); dup + assign (sequential): {:.1} µs/article CPU ({:.1} wall) = {:.0} articles/s",
        prepare_cpu * 1e6 / n,
        prepare_wall * 1e6 / n,
        assign_cpu * 1e6 / n,
        assign_wall * 1e6 / n,
        n / assign_cpu.max(1e-9)
    );
    if quiet {
        return;
    }
    let mut by_gold: BTreeMap<&str, Vec<(i64, &str)>> = BTreeMap::new();
    for (k, &i) in labelled.iter().enumerate() {
        by_gold.entry(gold[k]).or_default().push((story_of[i], dev[i].article.id.as_str()));
    }
    for (key, members) in &by_gold {
        let ids: Vec<i64> = members.iter().map(|m| m.0).collect();
        println!("{key}: stories {ids:?}");
    }
    let mut shown = std::collections::BTreeSet::new();
    for &i in &labelled {
        let s = story_of[i];
        if !shown.insert(s) {
            continue;
        }
        let Some(story) = clusterer.story(s) else { continue };
        let keys: Vec<&str> =
            labelled.iter().enumerate().filter(|&(_, &j)| story_of[j] == s).map(|(k, _)| gold[k]).collect();
        println!(
            "\nstory {s} ({} articles, {:?}..{:?}): dev keys {keys:?}",
            story.articles.len(),
            story.first,
            story.last
        );
        let index: std::collections::HashMap<&str, usize> =
            rows.iter().enumerate().map(|(k, r)| (r.article.id.as_str(), k)).collect();
        for id in story.articles.iter().take(12) {
            let r = &rows[index[id.as_str()]].article;
            println!(
                "   {} {} | {}",
                r.published.as_deref().unwrap_or("-").get(..10).unwrap_or("-"),
                id,
                r.title.as_deref().unwrap_or("").chars().take(90).collect::<String>()
            );
        }
    }
}
