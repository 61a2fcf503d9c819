//! `rasid ingest PATH...`: read, extract, cluster, store and index.

use rasid_corpus::{IngestOptions, Progress, ReadOptions};
use std::time::Instant;

use super::corpus::{fatal, open_write};
use crate::cli::{GlobalArgs, IngestArgs};
use crate::report::Reporter;
use crate::{Fatal, Status};

/// How many skipped inputs are listed one by one before only counting.
const SHOWN_PROBLEMS: usize = 50;

pub fn run(args: &IngestArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    for path in &args.paths {
        if path.as_os_str() != "-" && !path.exists() {
            return Err(Fatal(format!("{}: no such file or folder", path.display())));
        }
    }
    let corpus = open_write(global, reporter)?;
    let opts = IngestOptions {
        batch_size: args.batch.get(),
        workers: args.threads.map_or(0, |n| n.get()),
        read: ReadOptions {
            max_article_bytes: usize::try_from(args.limits.max_article_bytes).unwrap_or(usize::MAX),
        },
        ..IngestOptions::default()
    };
    reporter.start_progress(rasid_ingest::count_hint(&args.paths));
    let started = Instant::now();
    let progress = |p: &Progress| {
        reporter.progress(p.bytes, || {
            format!(
                "{} read, {} stored, {} skipped, {:.0}/s",
                p.read,
                p.done,
                p.problems,
                rasid_corpus::per_second(p.done, started)
            )
        });
    };
    let report = corpus.ingest_paths(&args.paths, &opts, &progress);
    reporter.finish_progress();
    let report = report.map_err(fatal)?;

    for (origin, reason) in report.problems.iter().take(SHOWN_PROBLEMS) {
        reporter.error(format_args!("{origin}: {reason}"));
    }
    if report.problems.len() > SHOWN_PROBLEMS {
        reporter.error(format_args!("… and {} more inputs skipped", report.problems.len() - SHOWN_PROBLEMS));
    }
    if let Some(notice) = &report.index_notice {
        reporter.warning(notice);
    }
    let secs = report.elapsed.as_secs_f64().max(1e-9);
    reporter.note(format_args!(
        "{} articles read: {} added, {} replaced, {} unchanged, {} skipped; {} near-duplicates, {} stories touched; {:.1} s, {:.0} articles/s",
        report.read,
        report.added,
        report.replaced,
        report.unchanged,
        report.problems.len(),
        report.duplicates,
        report.stories_touched,
        secs,
        report.read as f64 / secs,
    ));
    Ok(if report.problems.is_empty() { Status::Success } else { Status::SomeFailed })
}
