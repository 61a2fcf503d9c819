//! The quality gate: run the built `rasid extract --jsonl` over the dev-gold
//! articles, score the output with the gold scorer, and hold every metric to
//! the thresholds in `tests/dev_gold_targets.toml`.
//!
//! The articles and the scorer are read at run time from `../shared/data`
//! beside the workspace (never copied into the repo). Without them the test
//! skips with a notice, except under `CI=true`, where it fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const TARGETS: &str = include_str!("dev_gold_targets.toml");

/// The target key that is a maximum (all others are minimums on the metric
/// of the same name).
const NONFIG_MAX: &str = "nonfig_hits_max";

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Skip (with a notice) when developing, fail in CI.
fn unavailable(what: &str) {
    if in_ci() {
        panic!("CI=true and {what}: the dev-gold gate cannot run");
    }
    eprintln!("notice: {what}: skipping the dev-gold score test (it runs, and must pass, when CI=true)");
}

fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().and_then(Path::parent).unwrap_or(manifest).to_path_buf()
}

/// The `key=value` pairs of the scorer's last line; `nan` (undefined, e.g.
/// no matched figure to judge) is kept as NaN.
fn parse_summary(line: &str) -> BTreeMap<String, f64> {
    line.split_whitespace()
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_string(), v.parse::<f64>().unwrap_or(f64::NAN)))
        .collect()
}

fn parse_targets() -> BTreeMap<String, f64> {
    let table: toml::Table = TARGETS.parse().expect("tests/dev_gold_targets.toml is valid TOML");
    table
        .into_iter()
        .map(|(k, v)| {
            let n = v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
            (k.clone(), n.unwrap_or_else(|| panic!("target {k} must be a number, found {v}")))
        })
        .collect()
}

/// Every metric that misses its target, in words.
fn misses(scores: &BTreeMap<String, f64>, targets: &BTreeMap<String, f64>) -> Vec<String> {
    let mut out = Vec::new();
    for (key, &target) in targets {
        if key == NONFIG_MAX {
            let hits = scores.get("nonfig_hits").copied().unwrap_or(f64::NAN);
            if hits.is_nan() || hits > target {
                out.push(format!("nonfig_hits = {hits}, the most allowed is {target}"));
            }
            continue;
        }
        let Some(&score) = scores.get(key) else {
            out.push(format!("{key}: the scorer does not report it (a typo in dev_gold_targets.toml?)"));
            continue;
        };
        // NaN (undefined) only passes a zero target.
        let missed = if score.is_nan() { target > 0.0 } else { score < target };
        if missed {
            out.push(format!("{key} = {score}, the target is {target}"));
        }
    }
    out
}

#[test]
fn targets_are_read_and_compared() {
    let targets = parse_targets();
    assert!(targets.contains_key("figures_f1") && targets.contains_key(NONFIG_MAX));
    let scores = parse_summary("figures_f1=0.500 approx_acc=nan nonfig_hits=3");
    let t = |pairs: &[(&str, f64)]| pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    assert!(misses(&scores, &t(&[("figures_f1", 0.5), ("approx_acc", 0.0), (NONFIG_MAX, 3.0)])).is_empty());
    assert_eq!(misses(&scores, &t(&[("figures_f1", 0.6)])).len(), 1);
    assert_eq!(misses(&scores, &t(&[("approx_acc", 0.1)])).len(), 1);
    assert_eq!(misses(&scores, &t(&[(NONFIG_MAX, 2.0)])).len(), 1);
    assert_eq!(misses(&scores, &t(&[("figure_f1", 0.0)])).len(), 1, "unknown keys are reported");
}

/// The built-in lexicons alone: what a fresh machine gets.
#[test]
fn dev_gold_score_meets_targets() {
    score_dev_gold(None);
}

/// The setting: the OCHA place list imported first
/// (`rasid gazetteer import ../shared/data/syria-ocha-cod-gazetteer`).
#[test]
fn dev_gold_score_meets_targets_with_the_ocha_gazetteer() {
    let ocha = workspace_root().join("../shared/data/syria-ocha-cod-gazetteer");
    if !ocha.is_dir() {
        return unavailable(&format!("the OCHA gazetteer is not at {}", ocha.display()));
    }
    score_dev_gold(Some(&ocha));
}

/// Extracts the dev articles with a fresh data directory (into which
/// `gazetteer` is imported first, if given), scores them with the project's
/// scorer, and checks every target.
fn score_dev_gold(gazetteer: Option<&Path>) {
    let data = workspace_root().join("../shared/data/syria-dev-40");
    let (articles, gold, scorer) = (data.join("articles.jsonl"), data.join("gold"), data.join("score.py"));
    if !(articles.is_file() && gold.is_dir() && scorer.is_file()) {
        return unavailable(&format!("the dev-gold data is not at {}", data.display()));
    }
    if Command::new("python3").arg("--version").stdout(Stdio::null()).status().is_err() {
        return unavailable("python3 is not installed (scripts/setup installs it)");
    }
    let targets = parse_targets();

    let scratch = tempfile::tempdir().expect("a temporary directory");
    let out = scratch.path().join("extractions");
    let home = scratch.path().join("home");
    std::fs::create_dir(&home).expect("an empty data directory");
    if let Some(gazetteer) = gazetteer {
        let import = Command::new(env!("CARGO_BIN_EXE_rasid"))
            .args(["--quiet", "gazetteer", "import"])
            .arg(gazetteer)
            .env("RASID_HOME", &home)
            .output()
            .expect("the rasid binary runs");
        assert!(
            import.status.success(),
            "rasid gazetteer import {} failed:\n{}",
            gazetteer.display(),
            String::from_utf8_lossy(&import.stderr)
        );
    }
    let extract = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["--quiet", "extract", "--jsonl"])
        .arg(&articles)
        .arg("--out")
        .arg(&out)
        .env("RASID_HOME", &home)
        .output()
        .expect("the rasid binary runs");
    let stderr = String::from_utf8_lossy(&extract.stderr);
    assert!(extract.status.success(), "rasid extract failed on the dev articles:\n{stderr}");

    let score =
        Command::new("python3").arg(&scorer).arg(&gold).arg(&out).output().expect("python3 runs the scorer");
    let report = String::from_utf8_lossy(&score.stdout);
    println!("{report}");
    assert!(score.status.success(), "the scorer failed:\n{}", String::from_utf8_lossy(&score.stderr));
    let last = report.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let scores = parse_summary(last);
    assert!(scores.contains_key("figures_f1"), "no summary line at the end of the scorer's output: {last:?}");

    let missed = misses(&scores, &targets);
    assert!(missed.is_empty(), "dev-gold targets missed:\n  {}\n(scores: {last})", missed.join("\n  "));
}
