//! `rasid demo`: the whole product on a fresh machine. Builds a corpus in a
//! temporary directory from the fixture articles embedded in the binary
//! (several invented outlets telling the same episodes with differing
//! figures), then serves it like `rasid serve` and prints the address.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::report::Reporter;
use crate::{Fatal, Status};

pub const DEMO_HELP: &str = "\
Loads the fixture corpus (12 invented reports by 4 outlets about 3 episodes, and one article
whose text is hostile to a web page) into a temporary corpus, serves it, and prints the
address to open. The temporary corpus is deleted when the server stops (Ctrl-C).

Examples:
  rasid demo
  rasid demo --addr 127.0.0.1:0      # any free port (the address is printed)
  rasid demo --boundaries ../shared/data/syria-ocha-boundaries/syr_adm1.geojson";

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// Address to listen on
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Governorate outlines to draw under story maps: an OCHA admin-1 GeoJSON
    /// (as `rasid gazetteer import` reads)
    #[arg(long, value_name = "GEOJSON")]
    pub boundaries: Option<PathBuf>,
}

pub fn run(args: &DemoArgs, _global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let dir = tempfile::Builder::new()
        .prefix("rasid-demo-")
        .tempdir()
        .map_err(|e| Fatal(format!("cannot create a temporary directory: {e}")))?;
    reporter.note("rasid: building the demo corpus from the fixture articles…");
    let (corpus, report) = rasid_server::demo::build(dir.path(), args.boundaries.as_deref())
        .map_err(|e| Fatal(format!("demo: {e}")))?;
    for (origin, reason) in &report.problems {
        reporter.warning(format_args!("{origin}: {reason}"));
    }
    let stories = corpus.stats().map(|s| s.counts.stories).unwrap_or(0);
    reporter.note(format_args!(
        "rasid: demo corpus: {} articles, {stories} stories, in {}",
        report.added + report.replaced + report.unchanged,
        dir.path().display()
    ));
    let what = format!("the demo corpus ({})", dir.path().display());
    let status = super::serve::serve(corpus, rasid_server::Options::default(), args.addr, &what, reporter);
    drop(dir);
    status
}
