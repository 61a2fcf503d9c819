//! `rasid bench`: throughput of the reading layer or of the whole
//! extraction on a corpus.
//!
//! The corpus is read into memory first, so the measured runs see only the
//! CPU work the stage does (reading, gunzip and JSON parsing are timed on
//! their own). Runs use rayon over all articles, as a corpus extraction
//! would; `--repeat` gives the best and the median, since a 2-core machine
//! shared with other work is noisy.

use rasid_extract::Article;
use rayon::prelude::*;
use std::hint::black_box;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::{extract_guarded, load_extractor, per_second};
use crate::cli::{BenchArgs, GlobalArgs, Stage};
use crate::report::Reporter;
use crate::{Fatal, Status};
use rasid_ingest::jsonl::{self, Line, LineProblem, LineReader};
use rasid_ingest::text::TooLarge;

/// The corpus used when none is given, relative to the current directory
/// and then to the workspace root (the shared data sits beside the checkout).
pub const DEFAULT_CORPUS: &str = "../shared/data/ant-multisource/articles.jsonl.gz";

/// How many rejected lines are shown one by one before just counting them.
const SHOWN_PROBLEMS: u64 = 5;

/// Articles in memory, with how they were read.
struct Corpus {
    articles: Vec<Article>,
    rejected: u64,
    gzip: bool,
}

pub fn run(args: &BenchArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let path = match &args.path {
        Some(path) => path.clone(),
        None => default_corpus()?,
    };
    let threads =
        args.threads.or_else(|| std::thread::available_parallelism().ok()).map_or(1, NonZeroUsize::get);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Fatal(format!("cannot start {threads} threads: {e}")))?;

    let started = Instant::now();
    let corpus = load(&path, args.limit, args.limits.max_article_bytes, reporter)?;
    let read_time = started.elapsed();
    if corpus.articles.is_empty() {
        return Err(Fatal(format!("{}: no usable article to measure", path.display())));
    }
    let chars: usize = corpus.articles.iter().map(|a| a.text.chars().count()).sum();
    let bytes: usize = corpus.articles.iter().map(|a| a.text.len()).sum();

    let extractor = match args.stage {
        Stage::Extract => Some(load_extractor(global, reporter)?),
        Stage::Text => None,
    };
    let panics = AtomicU64::new(0);
    let mut runs = Vec::with_capacity(args.repeat.get());
    for _ in 0..args.repeat.get() {
        let run_started = Instant::now();
        pool.install(|| match &extractor {
            None => corpus.articles.par_iter().for_each(|a| {
                black_box(rasid_text::Document::new(&a.text));
            }),
            Some((extractor, _)) => corpus.articles.par_iter().for_each(|a| {
                if black_box(extract_guarded(extractor, a)).is_err() {
                    panics.fetch_add(1, Ordering::Relaxed);
                }
            }),
        });
        runs.push(run_started.elapsed());
    }
    runs.sort();
    let best = runs[0];
    let median = runs[runs.len() / 2];

    let n = corpus.articles.len();
    let mb = bytes as f64 / 1e6;
    let stage = match args.stage {
        Stage::Text => "text (rasid_text::Document::new)",
        Stage::Extract => "extract (Extractor::extract)",
    };
    let mut table = vec![
        ("corpus", format!("{}{}", path.display(), if corpus.gzip { " (gzip)" } else { "" })),
        ("articles", format!("{n} ({} lines rejected)", corpus.rejected)),
        ("text", format!("{chars} characters, {mb:.1} MB of UTF-8")),
        ("read", format!("{} (I/O, gunzip, JSON; not in the throughput)", secs(read_time))),
    ];
    if let Some((_, load_time)) = &extractor {
        table.push(("extractor", format!("loaded in {:.1} ms", load_time.as_secs_f64() * 1e3)));
    }
    table.push(("stage", format!("{stage}, {threads} threads, {} runs", runs.len())));
    table.push((
        "wall",
        if runs.len() == 1 { secs(best) } else { format!("best {}, median {}", secs(best), secs(median)) },
    ));
    table.push((
        "throughput",
        format!("{:.0} articles/s, {:.2} MB/s (best run)", per_second(n as f64, best), per_second(mb, best)),
    ));
    table.push((
        "peak memory",
        match peak_memory_kib() {
            Some(kib) => {
                format!("{:.0} MiB (VmHWM: the whole process, corpus included)", kib as f64 / 1024.0)
            }
            None => "n/a (no /proc/self/status)".to_string(),
        },
    ));
    let panicked = panics.load(Ordering::Relaxed);
    if panicked > 0 {
        table.push(("panics", format!("{panicked} extractions panicked (see above)")));
    }
    for (label, value) in table {
        println!("{label:<12} {value}");
    }
    Ok(if panicked > 0 { Status::SomeFailed } else { Status::Success })
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

/// The default corpus, from the current directory or else from the
/// workspace this binary was built in.
fn default_corpus() -> Result<PathBuf, Fatal> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().and_then(Path::parent);
    let candidates: Vec<PathBuf> = std::iter::once(PathBuf::from(DEFAULT_CORPUS))
        .chain(workspace.map(|w| w.join(DEFAULT_CORPUS)))
        .collect();
    if let Some(found) = candidates.iter().find(|c| c.is_file()) {
        return Ok(found.clone());
    }
    let tried: Vec<String> = candidates.iter().map(|c| c.display().to_string()).collect();
    Err(Fatal(format!(
        "no corpus given, and the default corpus is not at {}: pass a JSON Lines file, e.g. rasid bench articles.jsonl.gz",
        tried.join(" nor at ")
    )))
}

/// Read up to `limit` good articles into memory; bad lines are counted and
/// the first few shown, but do not stop the benchmark.
fn load(path: &Path, limit: Option<usize>, max_bytes: u64, reporter: &Reporter) -> Result<Corpus, Fatal> {
    let name = path.display();
    let input = jsonl::open(path).map_err(|why| Fatal(format!("{name}: {why}")))?;
    let mut lines = LineReader::new(input.reader, max_bytes);
    let mut corpus = Corpus { articles: Vec::new(), rejected: 0, gzip: input.gzip };
    let mut buf = Vec::new();
    while limit.is_none_or(|l| corpus.articles.len() < l) {
        let problem = match lines.next_line(&mut buf) {
            Ok(None) => break,
            Ok(Some((_, Line::Complete))) if buf.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(Some((line, Line::Complete))) => match jsonl::parse_line(&buf) {
                Ok(parsed) => {
                    corpus.articles.push(parsed.article);
                    continue;
                }
                Err(problem) => (line, problem),
            },
            Ok(Some((line, Line::TooLong { bytes }))) => {
                (line, LineProblem::TooLong(TooLarge { size: Some(bytes), limit: max_bytes }))
            }
            Err(e) => {
                return Err(Fatal(format!(
                    "{name}: cannot read past line {}: {}",
                    lines.line_number(),
                    rasid_ingest::text::describe_io(&e)
                )));
            }
        };
        corpus.rejected += 1;
        if corpus.rejected <= SHOWN_PROBLEMS {
            reporter.warning(format_args!("{name}:{}: skipped: {}", problem.0, problem.1));
        }
    }
    if corpus.rejected > SHOWN_PROBLEMS {
        reporter.warning(format_args!("{name}: {} more lines skipped", corpus.rejected - SHOWN_PROBLEMS));
    }
    Ok(corpus)
}

/// Peak resident memory of this process (Linux `VmHWM`), in KiB.
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}
