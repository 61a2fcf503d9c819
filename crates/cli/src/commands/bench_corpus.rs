//! `rasid bench corpus`: end-to-end ingest into a fresh corpus, at scale.
//!
//! The inputs are read into memory first (not timed), then fed to
//! [`rasid_corpus::Corpus::ingest`] as the reader would, cycling over them
//! when `--replicate N` asks for more articles than they hold: copy k of an
//! article gets the id `<id>~k` and its publication date moved k × 500 days
//! back, so every copy is a new article in another time window (its text is
//! unchanged, so the near-duplicate index sees it as a copy: the benchmark
//! exercises that path as much as a wire-heavy corpus would). Reported: the
//! ingest rate, the corpus size on disk and the peak memory (VmHWM) at every
//! 100,000 articles and at the end, then search latency p50/p99 over a query
//! list.

use rasid_corpus::{Corpus, IngestOptions, Item, Origin, Progress, ReadOptions, SearchQuery};
use rasid_model::Article;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::corpus::{fatal, write_stdout};
use crate::cli::{BenchCorpusArgs, GlobalArgs};
use crate::report::Reporter;
use crate::{Fatal, Status};

/// The corpora used when none is given (relative to the current directory,
/// then to the workspace root).
const DEFAULT_CORPORA: [&str; 2] =
    ["../shared/data/ant-multisource/articles.jsonl.gz", "../shared/data/saudinewsnet/articles.jsonl.gz"];
/// The index crate's list of realistic queries (place names, actors, event
/// words; tab-separated: query, outlet, from, to, empty = no filter).
const DEFAULT_QUERIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../index/data/bench_queries.tsv");
/// Days between two copies of an article.
const SHIFT_DAYS: i64 = 500;
/// A checkpoint line every this many articles.
const CHECKPOINT: u64 = 100_000;
/// Every query is run this many times for the latency figures.
const QUERY_ROUNDS: usize = 3;

fn find(relative: &str) -> Option<PathBuf> {
    let here = PathBuf::from(relative);
    if here.exists() {
        return Some(here);
    }
    let from_workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative);
    from_workspace.exists().then_some(from_workspace)
}

fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// One line of the query list: `query[\toutlet[\tfrom[\tto]]]`, empty or
/// unparsable columns meaning no filter; ten hits wanted, as a page shows.
fn parse_query_line(line: &str) -> SearchQuery {
    let mut columns = line.split('\t').map(str::trim);
    let text = columns.next().unwrap_or_default().to_string();
    let outlet = columns.next().filter(|c| !c.is_empty()).map(str::to_string);
    let from = columns.next().and_then(|c| c.parse().ok());
    let to = columns.next().and_then(|c| c.parse().ok());
    SearchQuery { text, outlet, from, to, limit: 10, ..SearchQuery::default() }
}

/// Copy `k` of an article: new id, date moved back.
fn copy(a: &Article, k: usize) -> Article {
    if k == 0 {
        return a.clone();
    }
    let mut c = a.clone();
    c.id = format!("{}~{k}", a.id);
    if let Some(p) = &a.published
        && let Some(day) = p.get(..10).and_then(|d| d.parse::<jiff::civil::Date>().ok())
        && let Ok(moved) = day.checked_sub(jiff::Span::new().days(SHIFT_DAYS * k as i64))
    {
        c.published = Some(format!("{moved}{}", &p[10..]));
    }
    c
}

pub fn run(args: &BenchCorpusArgs, _global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        DEFAULT_CORPORA
            .iter()
            .map(|p| find(p).ok_or_else(|| Fatal(format!("{p} not found (give the corpora as PATH...)"))))
            .collect::<Result<_, _>>()?
    } else {
        args.paths.clone()
    };
    let started = Instant::now();
    let read = ReadOptions {
        max_article_bytes: usize::try_from(args.limits.max_article_bytes).unwrap_or(usize::MAX),
    };
    let mut base = Vec::new();
    let mut problems = 0;
    for item in rasid_ingest::read_paths(&paths, &read) {
        match item {
            Item::Article(a, _) => base.push(a),
            Item::Problem(..) => problems += 1,
        }
    }
    if base.is_empty() {
        return Err(Fatal("no article in the inputs".to_string()));
    }
    let total = args.replicate.unwrap_or(base.len());
    reporter.note(format_args!(
        "read {} articles ({problems} skipped) in {:.1} s; ingesting {total}",
        base.len(),
        started.elapsed().as_secs_f64()
    ));

    let temp;
    let home = match &args.keep {
        Some(dir) => dir.clone(),
        None => {
            temp =
                tempfile::tempdir().map_err(|e| Fatal(format!("cannot make a temporary directory: {e}")))?;
            temp.path().to_path_buf()
        }
    };
    let corpus = Corpus::open(&home).map_err(fatal)?;
    let opts = IngestOptions { workers: args.threads.map_or(0, |n| n.get()), ..IngestOptions::default() };
    let origin = Origin { path: PathBuf::from("bench"), line: None };
    let items =
        (0..total).map(|i| Item::Article(copy(&base[i % base.len()], i / base.len()), origin.clone()));

    let mut out = String::from("articles   elapsed  articles/s  disk MiB  peak MiB\n");
    let next_checkpoint = AtomicU64::new(CHECKPOINT);
    let lines = std::sync::Mutex::new(Vec::<String>::new());
    let ingest_started = Instant::now();
    let checkpoint = |done: u64| {
        let secs = ingest_started.elapsed().as_secs_f64();
        format!(
            "{done:>8}  {secs:>7.1}  {:>10.0}  {:>8.0}  {:>8.0}",
            done as f64 / secs.max(1e-9),
            mib(rasid_corpus::dir_size(&home)),
            peak_memory_mib().unwrap_or(0.0)
        )
    };
    reporter.start_progress(Some(total as u64));
    let progress = |p: &Progress| {
        reporter.progress(p.done, || format!("{} stored", p.done));
        if p.done >= next_checkpoint.load(Ordering::Relaxed) {
            next_checkpoint.store((p.done / CHECKPOINT + 1) * CHECKPOINT, Ordering::Relaxed);
            let line = checkpoint(p.done);
            reporter.note(&line);
            if let Ok(mut l) = lines.lock() {
                l.push(line);
            }
        }
    };
    let report = corpus.ingest(items, &opts, &progress);
    reporter.finish_progress();
    let report = report.map_err(fatal)?;
    let done = report.added + report.replaced + report.unchanged;
    if let Ok(l) = lines.lock() {
        for line in l.iter() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push_str(&checkpoint(done));
    out.push_str("  (end)\n");
    out.push_str(&format!(
        "\n{} added, {} replaced, {} unchanged, {} skipped, {} near-duplicates, {} stories touched\n",
        report.added,
        report.replaced,
        report.unchanged,
        report.problems.len(),
        report.duplicates,
        report.stories_touched
    ));
    if let Some(n) = &report.index_notice {
        out.push_str(&format!("index: {n}\n"));
    }
    drop(corpus);

    // Search latency, as a separate reader would see it.
    let queries_path = args.queries.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_QUERIES));
    match std::fs::read_to_string(&queries_path) {
        Ok(text) => {
            let queries: Vec<SearchQuery> = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(parse_query_line)
                .collect();
            let reader = Corpus::open_read_only(&home).map_err(fatal)?;
            let mut times: Vec<Duration> = Vec::new();
            let mut hits = 0usize;
            for _ in 0..QUERY_ROUNDS {
                for query in &queries {
                    let t = Instant::now();
                    let (total, _) = reader.search(query).map_err(fatal)?;
                    times.push(t.elapsed());
                    hits += total;
                }
            }
            times.sort_unstable();
            let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0;
            if !times.is_empty() {
                out.push_str(&format!(
                    "search: {} queries × {QUERY_ROUNDS}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({} hits in all)\n",
                    queries.len(),
                    pct(0.5),
                    pct(0.99),
                    pct(1.0),
                    hits
                ));
            }
        }
        Err(e) => out.push_str(&format!("search: no queries ({}: {e})\n", queries_path.display())),
    }
    out.push_str(&format!(
        "corpus: {}{}\n",
        home.display(),
        if args.keep.is_some() { "" } else { " (removed)" }
    ));
    write_stdout(&out)?;
    Ok(Status::Success)
}
