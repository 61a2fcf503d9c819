//! Actors and persons against the syria-dev-40 gold annotations.
//!
//! Runs the registry on every article that has a gold file, writes minimal
//! `rasid.extraction/1` documents (actors and persons filled, everything else
//! empty) into a temporary directory, scores them with the project's scorer
//! (`score.py --json`) and asserts the F1 targets. Misses and false positives
//! are printed (run with `--nocapture`) to guide the rules.
//!
//! The data lives outside the repository (`../shared/data` from the workspace
//! root). With `CI=true` missing data fails the test; otherwise the test is
//! skipped with a notice.

use rasid_actors::Registry;
use rasid_lexicon::Joined;
use rasid_model::{ArticleMeta, Extraction};
use rasid_text::Document;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const ACTORS_F1_TARGET: f64 = 0.70;
const PERSONS_F1_TARGET: f64 = 0.70;

fn data_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/syria-dev-40");
    if dir.join("articles.jsonl").is_file() && dir.join("gold").is_dir() && dir.join("score.py").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true but the syria-dev-40 data is missing at {}", dir.display());
    }
    println!("NOTICE: syria-dev-40 data not found at {}; skipping the gold test", dir.display());
    None
}

/// The scorer's name normalization (`score.py: norm_ar`), near enough for
/// printing which mentions matched.
fn norm_ar(s: &str) -> String {
    let folded = rasid_text::key(s);
    let cleaned: String =
        folded.chars().map(|c| if c.is_alphanumeric() || c.is_whitespace() { c } else { ' ' }).collect();
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .map(|w| match w.strip_prefix("ال") {
            Some(r) if w.chars().count() > 3 => r,
            _ => w,
        })
        .collect();
    words.concat().replace("عبدال", "عبد").to_lowercase()
}

fn span_of(v: &Value) -> (usize, usize) {
    let s = v["span"][0].as_u64().unwrap_or(0) as usize;
    let e = v["span"][1].as_u64().unwrap_or(0) as usize;
    (s, e)
}

/// Greedy one-to-one matching like the scorer's: (gold matched, system matched).
fn match_mentions(gold: &[Value], sys: &[Value], by_id: bool) -> (Vec<bool>, Vec<bool>) {
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        let (gs, ge) = span_of(g);
        for (si, s) in sys.iter().enumerate() {
            let (ss, se) = span_of(s);
            let ov = ge.min(se).saturating_sub(gs.max(ss));
            let same = norm_ar(g["ar"].as_str().unwrap_or("")) == norm_ar(s["ar"].as_str().unwrap_or(""))
                || (by_id && g["id"] == s["id"]);
            if ov > 0 && same {
                cands.push((std::cmp::Reverse(ov), gs.abs_diff(ss), gi, si));
            }
        }
    }
    cands.sort();
    let mut gm = vec![false; gold.len()];
    let mut sm = vec![false; sys.len()];
    for (_, _, gi, si) in cands {
        if !gm[gi] && !sm[si] {
            gm[gi] = true;
            sm[si] = true;
        }
    }
    (gm, sm)
}

#[test]
fn dev_gold_actors_and_persons() {
    let Some(dir) = data_dir() else { return };
    let registry = Registry::builtin();
    let out_dir = std::env::temp_dir().join(format!("rasid-actors-dev-gold-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("temp dir");
    let articles = std::fs::read_to_string(dir.join("articles.jsonl")).expect("articles.jsonl");
    let mut scored = 0;
    let mut report: Vec<String> = Vec::new();
    let mut miss_counts: HashMap<String, usize> = HashMap::new();
    for line in articles.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("article row");
        let id = row["id"].as_str().unwrap_or_default().to_string();
        let gold_path = dir.join("gold").join(format!("{id}.json"));
        if !gold_path.is_file() {
            continue;
        }
        let text = row["text"].as_str().unwrap_or_default();
        let outlet = row["outlet"].as_str();
        let doc = Document::new(text);
        let joined = Joined::new(&doc);
        let analysis = registry.analyze(&doc, &joined, outlet);
        let mut ex = Extraction::empty(ArticleMeta {
            id: id.clone(),
            outlet: outlet.map(str::to_string),
            published: None,
            title: row["title"].as_str().map(str::to_string),
            language: "ar".into(),
        });
        ex.actors = analysis.actors.iter().map(|m| m.to_mention(&doc)).collect();
        ex.persons = analysis.persons.iter().map(|m| m.to_mention(&doc)).collect();
        for m in ex.actors.iter().chain(&ex.persons) {
            assert!(m.span.start < m.span.end && m.span.end <= doc.char_len(), "bad span {:?}", m.span);
        }
        let json = serde_json::to_string_pretty(&ex).expect("serialise");
        std::fs::write(out_dir.join(format!("{id}.json")), &json).expect("write");
        scored += 1;

        // Diagnostics: misses and false positives.
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold")).expect("gold json");
        let sys: Value = serde_json::from_str(&json).expect("own json");
        for (kind, by_id) in [("actors", true), ("persons", false)] {
            let g = gold[kind].as_array().cloned().unwrap_or_default();
            let s = sys[kind].as_array().cloned().unwrap_or_default();
            let (gm, sm) = match_mentions(&g, &s, by_id);
            for (x, ok) in g.iter().zip(&gm) {
                if !ok {
                    report.push(format!(
                        "MISS {kind} {id} {:?} {} -> {} [{}]",
                        span_of(x),
                        x["text"],
                        x["id"],
                        x["ar"]
                    ));
                    *miss_counts.entry(format!("{kind}:{}", x["id"])).or_default() += 1;
                }
            }
            for (x, ok) in s.iter().zip(&sm) {
                if !ok {
                    report.push(format!(
                        "FP   {kind} {id} {:?} {} -> {} [{}]",
                        span_of(x),
                        x["text"],
                        x["id"],
                        x["ar"]
                    ));
                }
            }
        }
    }
    for r in &report {
        println!("{r}");
    }
    let mut misses: Vec<_> = miss_counts.into_iter().collect();
    misses.sort_by_key(|m| std::cmp::Reverse(m.1));
    println!("most missed: {:?}", &misses[..misses.len().min(15)]);

    let output = Command::new("python3")
        .arg(dir.join("score.py"))
        .arg(dir.join("gold"))
        .arg(&out_dir)
        .arg("--json")
        .output()
        .expect("run score.py");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json_part = stdout.trim_end().rsplit_once('\n').map_or(stdout.as_ref(), |(head, _)| head);
    let scores: Value = serde_json::from_str(json_part).expect("score.py --json output");
    let overall = &scores["overall"];
    let get = |k: &str| overall[k].as_f64().unwrap_or(0.0);
    println!(
        "scored {scored} articles: actors p={:.3} r={:.3} f1={:.3}; persons p={:.3} r={:.3} f1={:.3}",
        get("actors_p"),
        get("actors_r"),
        get("actors_f1"),
        get("persons_p"),
        get("persons_r"),
        get("persons_f1")
    );
    let _ = std::fs::remove_dir_all(&out_dir);
    assert!(scored >= 20, "only {scored} gold articles scored");
    assert!(
        get("actors_f1") >= ACTORS_F1_TARGET,
        "actors F1 {:.3} below {ACTORS_F1_TARGET}",
        get("actors_f1")
    );
    assert!(
        get("persons_f1") >= PERSONS_F1_TARGET,
        "persons F1 {:.3} below {PERSONS_F1_TARGET}",
        get("persons_f1")
    );
}
