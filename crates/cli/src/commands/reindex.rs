//! `rasid reindex`: rebuild the search index from the database.

use std::time::Instant;

use super::corpus::{fatal, open_write};
use crate::cli::{GlobalArgs, ReindexArgs};
use crate::report::Reporter;
use crate::{Fatal, Status};

pub fn run(_args: &ReindexArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let mut corpus = open_write(global, reporter)?;
    let total = corpus.store().max_seq().map_err(|e| fatal(e.into()))?;
    reporter.start_progress(u64::try_from(total).ok());
    let started = Instant::now();
    let result = corpus.reindex(&|done, _total| reporter.progress(done, || format!("{done} articles")));
    reporter.finish_progress();
    let n = result.map_err(fatal)?;
    reporter
        .note(format_args!("search index rebuilt: {n} articles in {:.1} s", started.elapsed().as_secs_f64()));
    Ok(Status::Success)
}
