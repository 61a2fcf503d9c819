//! Places F1 on the syria-dev-40 gold, scored by the project's own scorer.
//!
//! Imports the OCHA COD gazetteer into a temp home, runs `find_places` on the
//! gold articles, writes minimal extraction documents (places only) and runs
//! `score.py --json`. Asserts places F1 ≥ 0.80 with the OCHA import; prints
//! the built-in-only F1, the misses and the false positives.

mod common;

use rasid_gazetteer::{Gazetteer, import};
use rasid_lexicon::Joined;
use rasid_model::{ArticleMeta, Extraction};
use rasid_text::Document;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

struct Scores {
    p: f64,
    r: f64,
    f1: f64,
}

/// Folded canonical name as the scorer compares them.
fn norm(s: &str) -> String {
    rasid_lexicon::name_key(s)
        .split(' ')
        .map(|w| match w.strip_prefix("ال") {
            Some(r) if r.chars().count() >= 2 => r,
            _ => w,
        })
        .collect()
}

/// `drop_state`: leave out countries and capitals flagged `may_be_state`, as
/// the extract stage may (they are actors in the gold).
fn run(
    gaz: &Gazetteer,
    label: &str,
    dev: &Path,
    articles: &HashMap<String, Value>,
    drop_state: bool,
) -> Scores {
    let out = tempfile::tempdir().expect("tempdir");
    let gold_dir = dev.join("gold");
    let mut misses = Vec::new();
    let mut false_positives = Vec::new();
    let mut gold_files: Vec<_> =
        std::fs::read_dir(&gold_dir).expect("gold dir").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    gold_files.sort();
    for gp in gold_files.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let id = gp.file_stem().and_then(|s| s.to_str()).expect("stem").to_string();
        let Some(article) = articles.get(&id) else { continue };
        let text = article["text"].as_str().unwrap_or("");
        let doc = Document::new(text);
        let joined = Joined::new(&doc);
        let places: Vec<rasid_model::Mention> = gaz
            .find_places(&doc, &joined)
            .iter()
            .filter(|m| !(drop_state && m.may_be_state))
            .map(|m| gaz.place(m.place).to_mention(&doc, m.span))
            .collect();
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(gp).expect("gold")).expect("gold json");
        let gold_places: Vec<(usize, usize, String, String)> = gold["places"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|p| {
                        (
                            p["span"][0].as_u64().unwrap_or(0) as usize,
                            p["span"][1].as_u64().unwrap_or(0) as usize,
                            p["text"].as_str().unwrap_or("").to_string(),
                            p["ar"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let context = |s: usize, e: usize| {
            let chars: Vec<char> = text.chars().collect();
            let a = s.saturating_sub(30);
            let b = (e + 30).min(chars.len());
            chars[a..b].iter().collect::<String>().replace('\n', " ")
        };
        for g in &gold_places {
            let found =
                places.iter().any(|m| m.span.start < g.1 && g.0 < m.span.end && norm(&m.ar) == norm(&g.3));
            if !found {
                misses.push(format!("{id:.30} {}..{} {} [{}] | {}", g.0, g.1, g.2, g.3, context(g.0, g.1)));
            }
        }
        for m in &places {
            let found = gold_places
                .iter()
                .any(|g| m.span.start < g.1 && g.0 < m.span.end && norm(&m.ar) == norm(&g.3));
            if !found {
                false_positives.push(format!(
                    "{id:.30} {}..{} {} [{} {}] | {}",
                    m.span.start,
                    m.span.end,
                    m.text,
                    m.id,
                    m.ar,
                    context(m.span.start, m.span.end)
                ));
            }
        }
        let meta = ArticleMeta {
            id: id.clone(),
            outlet: article["outlet"].as_str().map(String::from),
            published: None,
            title: article["title"].as_str().map(String::from),
            language: "ar".into(),
        };
        let mut ex = Extraction::empty(meta);
        ex.places = places;
        std::fs::write(out.path().join(format!("{id}.json")), serde_json::to_string(&ex).expect("serialise"))
            .expect("write");
    }
    let output = std::process::Command::new("python3")
        .arg(dev.join("score.py"))
        .arg(&gold_dir)
        .arg(out.path())
        .arg("--json")
        .output()
        .expect("run score.py");
    assert!(output.status.success(), "score.py failed: {}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json_part = stdout.trim_end().rsplit_once('\n').map(|(j, _)| j).unwrap_or("");
    let res: Value = serde_json::from_str(json_part).expect("score.py JSON");
    let m = &res["overall"];
    let s = Scores {
        p: m["places_p"].as_f64().unwrap_or(0.0),
        r: m["places_r"].as_f64().unwrap_or(0.0),
        f1: m["places_f1"].as_f64().unwrap_or(0.0),
    };
    println!("== {label}: places P={:.3} R={:.3} F1={:.3}", s.p, s.r, s.f1);
    println!("-- misses ({}):", misses.len());
    for l in &misses {
        println!("   {l}");
    }
    println!("-- false positives ({}):", false_positives.len());
    for l in &false_positives {
        println!("   {l}");
    }
    s
}

#[test]
fn places_f1_on_dev_gold() {
    let (Some(dev), Some(ocha)) =
        (common::data_dir("syria-dev-40"), common::data_dir("syria-ocha-cod-gazetteer"))
    else {
        return;
    };
    let articles: HashMap<String, Value> = common::jsonl(&dev.join("articles.jsonl"))
        .into_iter()
        .filter_map(|a| Some((a["id"].as_str()?.to_string(), a)))
        .collect();

    let builtin = Gazetteer::builtin();
    let b = run(&builtin, "built-in lexicon only", &dev, &articles, false);

    let home = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let report = import(&ocha, home.path()).expect("import OCHA");
    let import_time = t.elapsed();
    let t = Instant::now();
    let (gaz, load) = Gazetteer::load(home.path()).expect("load");
    let load_time = t.elapsed();
    println!(
        "OCHA import: {} places in {:?} ({} rows skipped); load: {} places, {} keys, {} merged, {:?}",
        report.places,
        import_time,
        report.skipped.len(),
        load.places,
        load.names,
        load.merged,
        load_time
    );
    let o = run(&gaz, "built-in + OCHA", &dev, &articles, false);
    let s = run(&gaz, "built-in + OCHA, may_be_state dropped", &dev, &articles, true);
    println!(
        "SUMMARY builtin F1={:.3} | OCHA P={:.3} R={:.3} F1={:.3} | OCHA without may_be_state P={:.3} R={:.3} F1={:.3}",
        b.f1, o.p, o.r, o.f1, s.p, s.r, s.f1
    );
    assert!(o.f1 >= 0.80, "places F1 with the OCHA import is {:.3} < 0.80", o.f1);
}
