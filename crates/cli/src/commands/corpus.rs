//! What the corpus commands share: finding and opening the corpus in the
//! data directory, turning its errors into messages, the day filter.

use rasid_corpus::{Corpus, CorpusError, DayRange};
use std::path::PathBuf;

use crate::Fatal;
use crate::cli::{DayFilter, GlobalArgs};
use crate::report::Reporter;

/// The data directory, which a corpus command cannot do without.
pub fn home(global: &GlobalArgs) -> Result<PathBuf, Fatal> {
    global.home_dir().ok_or_else(|| {
        Fatal("no data directory on this platform: pass --home DIR or set RASID_HOME".to_string())
    })
}

pub fn fatal(e: CorpusError) -> Fatal {
    Fatal(e.to_string())
}

fn tell(corpus: &Corpus, reporter: &Reporter) {
    for notice in corpus.notices() {
        reporter.warning(notice);
    }
}

/// Open the corpus for reading (search, stories, ledger, export): it must
/// exist; nothing is written, so this works while an ingest runs.
pub fn open_read(global: &GlobalArgs, reporter: &Reporter) -> Result<Corpus, Fatal> {
    let home = home(global)?;
    if !home.join(rasid_corpus::DB_FILE).is_file() {
        return Err(Fatal(format!(
            "no corpus in {} yet: run `rasid ingest PATH...` first (or pass --home DIR)",
            home.display()
        )));
    }
    let corpus = Corpus::open_read_only(&home).map_err(fatal)?;
    tell(&corpus, reporter);
    Ok(corpus)
}

/// Open (creating it if needed) the corpus for writing (ingest, reindex).
pub fn open_write(global: &GlobalArgs, reporter: &Reporter) -> Result<Corpus, Fatal> {
    let home = home(global)?;
    let corpus = Corpus::open(&home).map_err(fatal)?;
    tell(&corpus, reporter);
    Ok(corpus)
}

pub fn days(filter: &DayFilter) -> DayRange {
    DayRange { from: filter.from.clone(), to: filter.to.clone() }
}

/// Print a JSON value on stdout (Arabic unescaped, pretty).
pub fn print_json(value: &impl serde::Serialize) -> Result<(), Fatal> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Fatal(format!("cannot write JSON: {e}")))?;
    write_stdout(&text)
}

/// Write to stdout; a closed pipe (`| head`) ends quietly.
pub fn write_stdout(text: &str) -> Result<(), Fatal> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text.as_bytes())
        .and_then(|()| if text.ends_with('\n') { Ok(()) } else { out.write_all(b"\n") })
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fatal(format!("cannot write to standard output: {e}"))),
    }
}
