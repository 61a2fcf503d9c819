//! `rasid serve`: the web interface and HTTP API over the corpus in the data
//! directory (see `rasid_server`).

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::report::Reporter;
use crate::{Fatal, Status};

pub const SERVE_HELP: &str = "\
Serves the corpus in the data directory (--home, $RASID_HOME): stories, ledgers, articles and
search in the browser (Arabic, with English available), and a JSON API under /api/ described
by /api/openapi.json. Reads are open; writes (POST /api/articles) need the bearer token in
--token-file and are disabled without it. Listens on 127.0.0.1 (this machine only) unless
--addr says otherwise; port 0 picks a free port. Stops on Ctrl-C.

Examples:
  rasid serve
  rasid serve --addr 127.0.0.1:9000 --token-file ~/.config/rasid/token";

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// File whose first line is the bearer token that POST /api/articles must present
    /// (at least 16 characters); without it, writes are disabled
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,

    /// Memory for repeated answers (searches, stories, ledgers, pages), in MiB; 0 turns the cache off.
    /// Answers are dropped as soon as an article is stored, so they are never stale
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub cache_mb: usize,
}

pub fn run(args: &ServeArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let home = global
        .home_dir()
        .ok_or_else(|| Fatal("no data directory on this platform: pass --home DIR".into()))?;
    if !home.join(rasid_corpus::DB_FILE).is_file() {
        return Err(Fatal(format!(
            "no corpus in {}: ingest articles first (`rasid ingest PATH`), or try `rasid demo`",
            home.display()
        )));
    }
    let token = match &args.token_file {
        Some(path) => Some(rasid_server::read_token_file(path).map_err(|e| Fatal(e.to_string()))?),
        None => None,
    };
    // Without a token nothing is written: open read-only, so an ingest may
    // run in another process meanwhile.
    let corpus = if token.is_some() {
        rasid_corpus::Corpus::open(&home)
    } else {
        rasid_corpus::Corpus::open_read_only(&home)
    }
    .map_err(|e| Fatal(format!("{}: {e}", home.display())))?;
    for notice in corpus.notices() {
        reporter.note(format_args!("rasid: note: {notice}"));
    }
    let options = rasid_server::Options { token, cache_bytes: args.cache_mb.saturating_mul(1024 * 1024) };
    serve(corpus, options, args.addr, &home.display().to_string(), reporter)
}

/// Serve an open corpus until Ctrl-C; prints the address to open on stdout.
pub fn serve(
    corpus: rasid_corpus::Corpus,
    options: rasid_server::Options,
    addr: SocketAddr,
    what: &str,
    reporter: &Reporter,
) -> Result<Status, Fatal> {
    let writes = options.token.is_some();
    let app = rasid_server::App::new(corpus, options).map_err(|e| Fatal(e.to_string()))?;
    if !addr.ip().is_loopback() {
        reporter.warning(format_args!(
            "listening on {addr}: anyone who can reach this address can read the corpus{}",
            if writes { " (writes still need the token)" } else { "" }
        ));
    }
    rasid_server::serve(addr, app, |local| {
        // stdout, unbuffered by line: scripts wait for this line.
        println!("rasid: serving {what} on http://{local}/");
        reporter.note(format_args!(
            "rasid: writes {}; press Ctrl-C to stop",
            if writes { "enabled (bearer token)" } else { "disabled (no --token-file)" }
        ));
    })
    .map_err(|e| Fatal(e.to_string()))?;
    Ok(Status::Success)
}
