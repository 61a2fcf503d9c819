//! Shared by the evaluation examples: reading the development corpora and
//! extracting them (or reading extractions cached by `extract_cache`).

#![allow(dead_code)]

use std::io::BufRead;

use rasid_model::{Article, Extraction};

/// One input row: the article and the raw JSON (for labels).
pub struct Row {
    pub article: Article,
    pub raw: serde_json::Value,
}

pub fn data_dir() -> std::path::PathBuf {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    here.join("../../../shared/data")
}

pub fn read_jsonl(path: &std::path::Path) -> Vec<Row> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(file)))
    } else {
        Box::new(std::io::BufReader::new(file))
    };
    reader
        .lines()
        .map(|l| {
            let raw: serde_json::Value = serde_json::from_str(&l.expect("line")).expect("json");
            let s = |k: &str| raw.get(k).and_then(|x| x.as_str()).map(str::to_string);
            let article = Article {
                id: s("id").unwrap_or_default(),
                text: s("text").unwrap_or_default(),
                published: s("published"),
                outlet: s("outlet"),
                title: s("title"),
                url: s("url"),
            };
            Row { article, raw }
        })
        .collect()
}

/// Extractions of `rows`, from `cache` (one JSON document per line, same
/// order) when given and present, else by running the extractor on both cores.
pub fn extractions(rows: &[Row], cache: Option<&std::path::Path>) -> Vec<Extraction> {
    if let Some(c) = cache
        && c.exists()
    {
        let text = std::fs::read_to_string(c).expect("cache");
        let out: Vec<Extraction> =
            text.lines().map(|l| serde_json::from_str(l).expect("cached extraction")).collect();
        assert_eq!(out.len(), rows.len(), "{} is stale", c.display());
        for (x, r) in out.iter().zip(rows) {
            assert_eq!(x.article.id, r.article.id, "{} is stale", c.display());
        }
        return out;
    }
    let ex = rasid_extract::Extractor::builtin().expect("extractor");
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = rows.len().div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = rows
            .chunks(chunk)
            .map(|part| {
                let ex = &ex;
                s.spawn(move || part.iter().map(|r| ex.extract(&r.article)).collect::<Vec<_>>())
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("worker")).collect()
    })
}

/// The ingest order used by the evaluations: by the published string's date
/// and time (its offset ignored), undated articles first, ties in input order.
pub fn published_order(rows: &[&Row]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order
        .sort_by_key(|&i| rows[i].article.published.as_deref().map(|p| p.get(..19).unwrap_or(p).to_string()));
    order
}

/// B-cubed precision and recall of `clusters` against `gold` (same length).
pub fn bcubed<C: PartialEq, G: PartialEq>(clusters: &[C], gold: &[G]) -> (f64, f64) {
    let n = clusters.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..n {
        let same_c = (0..n).filter(|&j| clusters[j] == clusters[i]).count();
        let same_g = (0..n).filter(|&j| gold[j] == gold[i]).count();
        let both = (0..n).filter(|&j| clusters[j] == clusters[i] && gold[j] == gold[i]).count();
        p += both as f64 / same_c as f64;
        r += both as f64 / same_g as f64;
    }
    (p / n as f64, r / n as f64)
}

pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
}

/// CPU time of the calling thread, in seconds (Linux; 0 elsewhere): timings
/// on a shared machine are steadier in CPU time than in wall time.
pub fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}
