//! Indexing throughput and search latency over real corpora.
//!
//! ```text
//! cargo run --release -p rasid-index --example search_bench -- \
//!     /work/shared/data/ant-multisource/articles.jsonl.gz /work/shared/data/saudinewsnet/articles.jsonl.gz \
//!     [--heap-mb 200] [--threads 2] [--rounds 5] [--limit 10] [--index DIR] [--queries FILE] [--verbose]
//! ```
//!
//! Reads JSON lines (`id`, `title`, `text`, `outlet`, `published`; gzip or plain), indexes them
//! with the given writer budget (places/actors left empty), reopens the index from disk as a CLI
//! would, then runs the query list (`data/bench_queries.tsv` by default: query, outlet, from, to)
//! once to warm up and `--rounds` more times, timing each `SearchIndex::search` call, snippets
//! included. Prints docs/s, MB/s, index size by part, and latency percentiles.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rasid_index::{IndexDoc, SearchIndex, SearchQuery, WriterOptions};

#[derive(serde::Deserialize)]
struct Line {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

struct Options {
    inputs: Vec<PathBuf>,
    heap_mb: usize,
    threads: usize,
    rounds: usize,
    limit: usize,
    index: Option<PathBuf>,
    queries: Option<PathBuf>,
    verbose: bool,
}

fn parse_args() -> Result<Options, String> {
    // the bench indexes alone: a thread per core, as `rasid reindex` does
    let defaults = WriterOptions::all_cores();
    let mut options = Options {
        inputs: Vec::new(),
        heap_mb: defaults.heap_bytes / (1024 * 1024),
        threads: defaults.threads,
        rounds: 5,
        limit: 10,
        index: None,
        queries: None,
        verbose: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--heap-mb" => {
                options.heap_mb = value("--heap-mb")?.parse().map_err(|e| format!("--heap-mb: {e}"))?
            }
            "--threads" => {
                options.threads = value("--threads")?.parse().map_err(|e| format!("--threads: {e}"))?
            }
            "--rounds" => {
                options.rounds = value("--rounds")?.parse().map_err(|e| format!("--rounds: {e}"))?
            }
            "--limit" => options.limit = value("--limit")?.parse().map_err(|e| format!("--limit: {e}"))?,
            "--index" => options.index = Some(PathBuf::from(value("--index")?)),
            "--queries" => options.queries = Some(PathBuf::from(value("--queries")?)),
            "--verbose" => options.verbose = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path => options.inputs.push(PathBuf::from(path)),
        }
    }
    if options.inputs.is_empty() {
        return Err("usage: search_bench CORPUS.jsonl[.gz]... [--heap-mb N] [--threads N] [--rounds N] \
                    [--limit N] [--index DIR] [--queries FILE] [--verbose]"
            .to_string());
    }
    Ok(options)
}

fn read_corpus(path: &Path, docs: &mut Vec<IndexDoc>) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let reader: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(BufReader::new(file))
    };
    for (number, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{}:{}: {e}", path.display(), number + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = match serde_json::from_str(&line) {
            Ok(parsed) => parsed,
            Err(e) => {
                eprintln!("{}:{}: skipped: {e}", path.display(), number + 1);
                continue;
            }
        };
        let published = parsed.published.as_deref().and_then(|p| p.get(..10)).and_then(|d| d.parse().ok());
        docs.push(IndexDoc {
            id: parsed.id,
            title: parsed.title.unwrap_or_default(),
            text: parsed.text,
            outlet: parsed.outlet,
            published,
            ..IndexDoc::default()
        });
    }
    Ok(())
}

fn load_queries(path: Option<&Path>) -> Result<Vec<SearchQuery>, String> {
    let text = match path {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => include_str!("../data/bench_queries.tsv").to_string(),
    };
    let mut queries = Vec::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut columns = line.split('\t').map(str::trim);
        let mut next = || columns.next().filter(|c| !c.is_empty()).map(str::to_string);
        let text = next().unwrap_or_default();
        let outlet = next();
        let date = |value: Option<String>| -> Result<Option<jiff::civil::Date>, String> {
            value.map(|v| v.parse().map_err(|e| format!("bad date {v}: {e}"))).transpose()
        };
        let from = date(next())?;
        let to = date(next())?;
        queries.push(SearchQuery { text, outlet, from, to, ..SearchQuery::default() });
    }
    Ok(queries)
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| entries.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn run() -> Result<(), String> {
    let options = parse_args()?;
    let started = Instant::now();
    let mut docs = Vec::new();
    for input in &options.inputs {
        read_corpus(input, &mut docs)?;
    }
    let read_time = started.elapsed();
    let text_bytes: u64 = docs.iter().map(|d| (d.text.len() + d.title.len()) as u64).sum();
    println!(
        "read {} articles ({:.1} MB of title+text) in {:.2} s",
        docs.len(),
        mb(text_bytes),
        read_time.as_secs_f64()
    );

    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let dir = options.index.clone().unwrap_or_else(|| scratch.path().join("index"));
    if dir.exists() {
        return Err(format!("{} exists: give a fresh --index directory", dir.display()));
    }
    let index = SearchIndex::open_or_create(&dir).map_err(|e| e.to_string())?;
    let writer_options =
        WriterOptions { heap_bytes: options.heap_mb * 1024 * 1024, threads: options.threads };
    let mut writer = index.writer_with(writer_options).map_err(|e| e.to_string())?;
    let started = Instant::now();
    for doc in &docs {
        writer.upsert(doc).map_err(|e| e.to_string())?;
    }
    writer.commit(docs.len() as i64).map_err(|e| e.to_string())?;
    let indexed = started.elapsed();
    writer.finish().map_err(|e| e.to_string())?;
    let merged = started.elapsed();
    let rate = |d: Duration| (docs.len() as f64 / d.as_secs_f64(), mb(text_bytes) / d.as_secs_f64());
    let (docs_s, mb_s) = rate(indexed);
    let (docs_s_merged, mb_s_merged) = rate(merged);
    println!(
        "indexed with heap {} MB, {} thread(s): {:.2} s to commit ({docs_s:.0} docs/s, {mb_s:.1} MB/s); \
         {:.2} s with merges ({docs_s_merged:.0} docs/s, {mb_s_merged:.1} MB/s)",
        options.heap_mb,
        options.threads,
        indexed.as_secs_f64(),
        merged.as_secs_f64()
    );
    drop(index);

    let started = Instant::now();
    let index = SearchIndex::open(&dir).map_err(|e| e.to_string())?;
    println!(
        "reopened in {:.1} ms: {} docs, watermark {:?}",
        millis(started.elapsed()),
        index.doc_count(),
        index.watermark()
    );
    let usage = index.space_usage().map_err(|e| e.to_string())?;
    println!(
        "index on disk {:.1} MB in {} segment(s): stored docs {:.1} MB ({:.0} % of the index), terms {:.1} MB, \
         postings {:.1} MB, positions {:.1} MB, fast {:.1} MB, fieldnorms {:.1} MB",
        mb(dir_bytes(&dir)),
        usage.segments,
        mb(usage.stored),
        100.0 * usage.stored as f64 / usage.total.max(1) as f64,
        mb(usage.terms),
        mb(usage.postings),
        mb(usage.positions),
        mb(usage.fast),
        mb(usage.fieldnorms)
    );

    let queries = load_queries(options.queries.as_deref())?;
    let mut samples = Vec::with_capacity(queries.len() * options.rounds);
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    for round in 0..=options.rounds {
        for query in &queries {
            let query = SearchQuery { limit: options.limit, ..query.clone() };
            let started = Instant::now();
            let (total, hits) = index.search(&query).map_err(|e| e.to_string())?;
            let took = started.elapsed();
            if round == 0 {
                if options.verbose {
                    let first = hits.first().map(|h| h.title.as_str()).unwrap_or("");
                    println!(
                        "{:>8.2} ms {total:>6} hits  {:?} {:?}  → {first}",
                        millis(took),
                        query.text,
                        query.outlet
                    );
                }
                continue; // warm-up round
            }
            samples.push(took);
            slowest.push((
                took,
                format!("{:?} outlet={:?} from={:?} to={:?}", query.text, query.outlet, query.from, query.to),
            ));
        }
    }
    samples.sort();
    slowest.sort_by_key(|slow| std::cmp::Reverse(slow.0));
    let mean = samples.iter().sum::<Duration>() / samples.len().max(1) as u32;
    println!(
        "search latency over {} queries x {} rounds (limit {}, snippets included): p50 {:.2} ms, p90 {:.2} ms, \
         p99 {:.2} ms, max {:.2} ms, mean {:.2} ms",
        queries.len(),
        options.rounds,
        options.limit,
        millis(percentile(&samples, 50.0)),
        millis(percentile(&samples, 90.0)),
        millis(percentile(&samples, 99.0)),
        millis(percentile(&samples, 100.0)),
        millis(mean)
    );
    for (took, query) in slowest.iter().take(3) {
        println!("  slow: {:.2} ms {query}", millis(*took));
    }
    if let Some(peak) = peak_rss_mb() {
        println!(
            "peak RSS {peak:.0} MB (the corpus itself is held in memory: {:.0} MB of text)",
            mb(text_bytes)
        );
    }
    Ok(())
}

fn main() {
    if let Err(e) = run() {
        eprintln!("search_bench: {e}");
        std::process::exit(1);
    }
}
