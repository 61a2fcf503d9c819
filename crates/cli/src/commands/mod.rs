//! One module per command, each with
//! `run(args, &GlobalArgs, &Reporter) -> Result<Status, Fatal>`.
//! A new command adds its `Args` to [`crate::cli::Command`], a module here,
//! and one arm in [`crate::main`].

pub mod bench;
pub mod bench_corpus;
pub mod corpus;
pub mod demo;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod ingest;
pub mod ledger;
pub mod reindex;
pub mod search;
pub mod serve;
pub mod stories;
pub mod story;

use rasid_extract::{Article, Config, Extractor};
use rasid_model::Extraction;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use crate::Fatal;
use crate::cli::GlobalArgs;
use crate::report::Reporter;

/// Load the extractor once (lexicons, gazetteer from the data directory) and
/// tell the user its notices once; returns how long loading took.
pub fn load_extractor(global: &GlobalArgs, reporter: &Reporter) -> Result<(Extractor, Duration), Fatal> {
    let started = Instant::now();
    let config = Config { home: global.home_dir() };
    let extractor = Extractor::new(&config).map_err(|e| Fatal(format!("cannot load the extractor: {e}")))?;
    let took = started.elapsed();
    for notice in extractor.notices() {
        reporter.note(format_args!("rasid: note: {notice}"));
    }
    Ok((extractor, took))
}

/// Run the extractor on one article, turning a panic into an error for that
/// article: one pathological text must not end a run over thirty thousand.
/// (The panic message itself is still printed by the default hook.)
pub fn extract_guarded(extractor: &Extractor, article: &Article) -> Result<Extraction, String> {
    catch_unwind(AssertUnwindSafe(|| extractor.extract(article)))
        .map_err(|_| "internal error: the extractor panicked on this article (please report it)".to_string())
}

/// A rate per second that does not divide by zero on very fast runs.
pub fn per_second(count: f64, elapsed: Duration) -> f64 {
    count / elapsed.as_secs_f64().max(1e-9)
}
