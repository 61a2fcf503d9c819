//! # rasid: the command line
//!
//! The binary is a thin shell over [`rasid_extract`]: it reads articles from
//! files, standard input or JSON Lines (plain or gzip), refuses bad input with a
//! message that names the input and the problem, runs the extractor on all
//! cores and writes `rasid.extraction/1` documents.
//!
//! Layout, so that later commands slot in:
//! - [`cli`]: the clap definitions (one `Args` struct per command);
//! - [`commands`]: one module per command, each with a `run` function;
//! - [`input`]: reading and validating article text (files, stdin);
//! - [`jsonl`]: bounded line reading and JSON-line parsing;
//! - [`output`]: file names from ids and atomic writes;
//! - [`report`]: errors, warnings and the progress bar on stderr;
//! - [`size`]: byte sizes such as `10MiB` on the command line;
//! - [`table`]: aligned plain-text tables for the corpus commands.

pub mod allocator;
pub mod cli;
pub mod commands;
pub mod output;
pub mod report;
pub mod table;

use clap::Parser;
use std::process::ExitCode;

/// How a command ended. The numbers are the process exit codes documented in
/// `rasid --help` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every article was extracted.
    Success,
    /// The input was read, but some articles were rejected (bad JSON, invalid
    /// UTF-8, no text, too large …); the good ones were still written.
    SomeFailed,
    /// Usage error, or the input could not be read (missing, unreadable,
    /// truncated gzip): the job could not be done, or not to the end.
    Fatal,
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::Success => 0,
            Status::SomeFailed => 1,
            Status::Fatal => 2,
        }
    }
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s.code())
    }
}

/// An error that stops a command before it could do its job (exit code 2).
/// The message names the input and the problem; `main` prints it once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Fatal(pub String);

/// Parse the command line, run the command, and turn its outcome into the
/// process exit code. Usage errors exit with 2 (clap's own convention).
pub fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let reporter = report::Reporter::new(cli.global.quiet);
    let outcome = match &cli.command {
        cli::Command::Extract(args) => commands::extract::run(args, &cli.global, &reporter),
        cli::Command::Bench(args) => match &args.command {
            Some(cli::BenchCommand::Corpus(corpus)) => {
                commands::bench_corpus::run(corpus, &cli.global, &reporter)
            }
            None => commands::bench::run(args, &cli.global, &reporter),
        },
        cli::Command::Ingest(args) => commands::ingest::run(args, &cli.global, &reporter),
        cli::Command::Search(args) => commands::search::run(args, &cli.global, &reporter),
        cli::Command::Stories(args) => commands::stories::run(args, &cli.global, &reporter),
        cli::Command::Story(args) => commands::story::run(args, &cli.global, &reporter),
        cli::Command::Ledger(args) => commands::ledger::run(args, &cli.global, &reporter),
        cli::Command::Export(args) => commands::export::run(args, &cli.global, &reporter),
        cli::Command::Reindex(args) => commands::reindex::run(args, &cli.global, &reporter),
        cli::Command::Gazetteer(args) => commands::gazetteer::run(args, &cli.global, &reporter),
        cli::Command::Serve(args) => commands::serve::run(args, &cli.global, &reporter),
        cli::Command::Demo(args) => commands::demo::run(args, &cli.global, &reporter),
    };
    match outcome {
        Ok(status) => status.into(),
        Err(fatal) => {
            reporter.error(&fatal);
            Status::Fatal.into()
        }
    }
}
