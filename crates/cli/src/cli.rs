//! The command line, as clap derive definitions.
//!
//! Every command has its own `Args` struct here and its own module in
//! [`crate::commands`]; options shared by several commands are small
//! flattened structs ([`Limits`]) so their help reads the same everywhere.

use clap::{Args, Parser, Subcommand};
use std::num::NonZeroUsize;
use std::path::PathBuf;

use rasid_ingest::size;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  the input was read but some articles were rejected (their errors are printed; good ones are still written)
  2  usage error, or the input could not be read (missing, unreadable, truncated gzip)";

/// rasid (راصد) reads Arabic news reports on armed conflict and extracts every
/// figure (killed, injured, displaced …), place, actor, person and date, each
/// with the exact character span it came from.
#[derive(Debug, Parser)]
#[command(name = "rasid", version, after_help = EXIT_CODES, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Data directory (imported gazetteer, corpus) [default: $RASID_HOME, else the platform data dir + /rasid,
    /// e.g. ~/.local/share/rasid]
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,

    /// No progress bar, notices or summary; errors and warnings are still printed
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

impl GlobalArgs {
    /// The data directory: `--home`, else a non-empty `$RASID_HOME`, else the
    /// platform data directory + `/rasid`. `None` only on a platform without a
    /// data directory, where the extractor runs on its built-in lexicons.
    pub fn home_dir(&self) -> Option<PathBuf> {
        if let Some(home) = &self.home {
            return Some(home.clone());
        }
        match std::env::var_os("RASID_HOME") {
            Some(v) if !v.is_empty() => Some(PathBuf::from(v)),
            _ => dirs::data_dir().map(|d| d.join("rasid")),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract one article (JSON on stdout) or a JSON Lines file (one JSON file per article)
    #[command(after_help = EXTRACT_HELP)]
    Extract(ExtractArgs),
    /// Measure the speed of the reading layer or of the whole extraction on a corpus
    #[command(after_help = BENCH_HELP)]
    Bench(BenchArgs),
    /// Read files or folders into the corpus: extract, group into stories, store and index (idempotent)
    #[command(after_help = INGEST_HELP)]
    Ingest(IngestArgs),
    /// Search the corpus (Arabic-aware: غوطة finds بالغوطة)
    Search(SearchArgs),
    /// List stories (reports of the same episode across outlets), newest first
    Stories(StoriesArgs),
    /// Show one story: its articles and its figure ledger
    Story(StoryArgs),
    /// The figure ledger of a story: every source's claim side by side
    Ledger(LedgerArgs),
    /// Export the corpus: JSON Lines, ACLED-style CSV, GDELT GKG-style rows or GeoJSON
    Export(ExportArgs),
    /// Rebuild the search index from the database (after "search index … is corrupt" or "missing")
    Reindex(ReindexArgs),
    /// Manage the gazetteer in the data directory
    Gazetteer(GazetteerArgs),
    /// Serve the web interface (stories, ledgers, articles, search) and the JSON API over the corpus
    #[command(after_help = crate::commands::serve::SERVE_HELP)]
    Serve(crate::commands::serve::ServeArgs),
    /// Load the fixture corpus into a temporary directory and serve it: the whole product in one command
    #[command(after_help = crate::commands::demo::DEMO_HELP)]
    Demo(crate::commands::demo::DemoArgs),
}

const INGEST_HELP: &str = "\
Examples:
  rasid ingest reports/                       # a folder: .txt .html .json .jsonl(.gz) .xml (RSS/Atom)
  rasid ingest articles.jsonl.gz feed.xml
  cat articles.jsonl | rasid ingest -

The corpus lives in the data directory (--home, $RASID_HOME, or the platform data dir):
rasid.db (SQLite), index/ (search index), gazetteer/ (imported gazetteer).

Re-ingesting is idempotent: an article whose id is stored with the same content is
'unchanged' and not extracted again; one whose content changed replaces the stored one.
Unreadable files, invalid UTF-8, broken JSON lines, truncated gzip and articles over
--max-article-bytes are listed with their path (and line) and skipped; the rest is
ingested. Exit code 1 when anything was skipped. An interrupted ingest (even kill -9)
loses nothing that was committed: run it again.";

const EXTRACT_HELP: &str = "\
Examples:
  rasid extract --published 2018-03-11 --outlet \"المدن\" report.txt
  cat report.txt | rasid extract --published 2018-03-11 -
  rasid extract --jsonl articles.jsonl.gz --out extractions/

Input:
  Text must be UTF-8. A leading byte-order mark (U+FEFF) is removed, so offsets count
  from the character after it; CRLF line ends are kept (offsets count the \\r).
  A JSON line is an object with string fields \"id\" and \"text\" (required) and
  \"published\" (YYYY-MM-DD or an ISO date-time), \"outlet\", \"title\", \"url\" (optional,
  may be null); other fields are ignored. Gzip input is recognised by its content, whatever
  the file name.

Output files (--jsonl):
  DIR/<id>.json, written atomically (written unnamed, or under a temporary name, then
  named in place), so an interrupted run never leaves a half-written file. The id is
  made a safe file name: ASCII letters and digits, '-', '_', '.', and non-ASCII
  letters and digits (Arabic included) are kept; every other byte (and a leading '.')
  becomes %XX, so '../x' is written as '%2E.%2Fx.json' inside DIR. Ids whose name
  would pass 200 bytes are cut and end in '~' and a hash of the whole id. When several
  lines share an id, a warning names them and the LAST line wins.";

const BENCH_HELP: &str = "\
PATH is a JSON Lines file (plain or gzip) as for `rasid extract --jsonl`. Without it, rasid
looks for ../shared/data/ant-multisource/articles.jsonl.gz from the current directory,
then from the workspace it was built in.

All articles are read into memory first; reading (I/O, gunzip, JSON) is timed separately
and is not part of the throughput. Results go to stdout.

Examples:
  rasid bench
  rasid bench --stage text --repeat 5
  rasid bench corpus.jsonl.gz --limit 1000 --threads 1";

/// Limits on untrusted input, shared by every command that reads articles.
#[derive(Debug, Clone, Args)]
pub struct Limits {
    /// Largest article accepted, as bytes of UTF-8: a file's size, or a JSON line's length.
    /// Bigger articles are rejected with their size and skipped. Accepts K/M/G (binary), KiB/MiB/GiB,
    /// KB/MB/GB
    #[arg(long, value_name = "SIZE", default_value = "10MiB", value_parser = size::parse_size)]
    pub max_article_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_article_bytes: size::DEFAULT_MAX_ARTICLE_BYTES }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// The article: a UTF-8 text file, or '-' for standard input
    #[arg(value_name = "FILE", required_unless_present = "jsonl", conflicts_with = "jsonl")]
    pub file: Option<PathBuf>,

    /// Publication date of the article, YYYY-MM-DD or an ISO date-time; relative dates ("yesterday",
    /// "last Sunday") are resolved against it
    #[arg(long, value_name = "DATE", value_parser = parse_published, conflicts_with = "jsonl")]
    pub published: Option<String>,

    /// The outlet that published the article
    #[arg(long, value_name = "NAME", conflicts_with = "jsonl")]
    pub outlet: Option<String>,

    /// The article's headline
    #[arg(long, value_name = "TEXT", conflicts_with = "jsonl")]
    pub title: Option<String>,

    /// Article id written in the output [default: the file name without extension, "stdin" for '-']
    #[arg(long, value_name = "ID", conflicts_with = "jsonl")]
    pub id: Option<String>,

    /// Read articles from a JSON Lines file (plain or .gz; '-' for stdin), one object per line
    #[arg(long, value_name = "PATH", requires = "out")]
    pub jsonl: Option<PathBuf>,

    /// With --jsonl: the directory to write one DIR/ID.json per article into (created if missing)
    #[arg(long, value_name = "DIR", requires = "jsonl")]
    pub out: Option<PathBuf>,

    /// With --jsonl: worker threads [default: all cores]
    #[arg(long, value_name = "N", requires = "jsonl")]
    pub threads: Option<NonZeroUsize>,

    #[command(flatten)]
    pub limits: Limits,
}

/// What `rasid bench` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Stage {
    /// The reading layer only: `rasid_text::Document::new` (folding, tokens, sentences)
    Text,
    /// The whole extraction, as `rasid extract` runs it
    Extract,
}

#[derive(Debug, Clone, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BenchArgs {
    /// `rasid bench corpus`: the corpus pipeline instead of extraction alone
    #[command(subcommand)]
    pub command: Option<BenchCommand>,

    /// JSON Lines corpus (plain or gzip) [default: ../shared/data/ant-multisource/articles.jsonl.gz]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Use only the first N articles
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Worker threads [default: all cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,

    /// Run K times and report the best and the median
    #[arg(long, value_name = "K", default_value = "1")]
    pub repeat: NonZeroUsize,

    /// What to measure
    #[arg(long, value_enum, default_value = "extract")]
    pub stage: Stage,

    #[command(flatten)]
    pub limits: Limits,
}

/// `--from` / `--to`: inclusive publication-day bounds, shared by the corpus commands.
#[derive(Debug, Clone, Default, Args)]
pub struct DayFilter {
    /// Only what was published on or after this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub from: Option<String>,

    /// Only what was published on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct IngestArgs {
    /// Files or folders: .txt, .html, .json, .jsonl(.gz), RSS/Atom .xml; '-' reads JSON Lines from stdin
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Extraction threads [default: all cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,

    /// Articles per database transaction
    #[arg(long, value_name = "N", default_value = "1000")]
    pub batch: NonZeroUsize,

    #[command(flatten)]
    pub limits: Limits,
}

#[derive(Debug, Clone, Args)]
pub struct SearchArgs {
    /// Words to find (all of them); Arabic is matched by stem, so غوطة finds بالغوطة and الغوطة الشرقية
    #[arg(value_name = "QUERY")]
    pub query: String,

    /// Only articles of this outlet
    #[arg(long, value_name = "NAME")]
    pub outlet: Option<String>,

    /// Only articles that mention this place (id, Arabic or English name)
    #[arg(long, value_name = "PLACE")]
    pub place: Option<String>,

    /// Only articles that mention this actor (id, Arabic or English name)
    #[arg(long, value_name = "ACTOR")]
    pub actor: Option<String>,

    #[command(flatten)]
    pub days: DayFilter,

    /// Print JSON: {"total", "hits": [{"id", "score", "title", "outlet", "published", "snippet", "highlights"}]}
    #[arg(long)]
    pub json: bool,

    /// Hits to show
    #[arg(long, value_name = "N", default_value = "20")]
    pub limit: usize,

    /// Hits to skip (for paging)
    #[arg(long, value_name = "N", default_value = "0")]
    pub offset: usize,
}

#[derive(Debug, Clone, Args)]
pub struct StoriesArgs {
    #[command(flatten)]
    pub days: DayFilter,

    /// Print JSON: [{"id", "title", "first", "last", "outlets": [...], "articles": [ids...]}]
    #[arg(long)]
    pub json: bool,

    /// Stories to show (newest first)
    #[arg(long, value_name = "N", default_value = "20")]
    pub limit: usize,
}

#[derive(Debug, Clone, Args)]
pub struct StoryArgs {
    /// Story id (as `rasid stories` lists them)
    #[arg(value_name = "ID")]
    pub id: i64,

    /// Print JSON: the story summary with its "ledger"
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Args)]
pub struct LedgerArgs {
    /// Story id (as `rasid stories` lists them)
    #[arg(value_name = "ID")]
    pub id: i64,

    /// Print JSON: {"story", "rows": [{"category", "who", "place", "period", "low", "high", "spread", "disagree",
    /// "claims": [...]}]}
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print CSV: one line per claim, with its row's keys
    #[arg(long)]
    pub csv: bool,
}

/// The formats of `rasid export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One JSON line per article: its metadata and extraction
    Jsonl,
    /// ACLED-style CSV events (event_date, event_type, …, fatalities)
    Acled,
    /// GDELT GKG 2.1-style rows (tab-separated, COUNTS with character offsets)
    Gkg,
    /// A GeoJSON FeatureCollection (QGIS, geojson.io)
    Geojson,
}

impl ExportFormat {
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Acled => "acled",
            ExportFormat::Gkg => "gkg",
            ExportFormat::Geojson => "geojson",
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: ExportFormat,

    #[command(flatten)]
    pub days: DayFilter,

    /// Write to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ReindexArgs {}

#[derive(Debug, Clone, Args)]
pub struct GazetteerArgs {
    #[command(subcommand)]
    pub command: GazetteerCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum GazetteerCommand {
    /// Import a gazetteer file or folder (OCHA COD, GeoNames, OpenSyria, OCHA boundaries) into the data directory
    Import(GazetteerImportArgs),
}

#[derive(Debug, Clone, Args)]
pub struct GazetteerImportArgs {
    /// A gazetteer file, or a folder of them
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

#[derive(Debug, Clone, Subcommand)]
pub enum BenchCommand {
    /// Ingest a corpus (replicated to N articles with new ids and shifted dates) into a fresh corpus directory and
    /// measure ingest rate, disk size, peak memory and search latency
    #[command(after_help = BENCH_CORPUS_HELP)]
    Corpus(BenchCorpusArgs),
}

const BENCH_CORPUS_HELP: &str = "\
PATHs are JSON Lines files (plain or gzip) [default: ../shared/data/ant-multisource/articles.jsonl.gz and
../shared/data/saudinewsnet/articles.jsonl.gz]. They are read into memory first; with --replicate N the
articles are cycled until N are ingested, copy k getting the id '<id>~k' and its date moved k × 500 days back.

Examples:
  rasid bench corpus
  rasid bench corpus --replicate 100000
  rasid bench corpus --replicate 1000000 --keep /tmp/rasid-1m";

#[derive(Debug, Clone, Args)]
pub struct BenchCorpusArgs {
    /// JSON Lines corpora (plain or gzip)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Ingest exactly N articles, cycling over the inputs [default: each input article once]
    #[arg(long, value_name = "N")]
    pub replicate: Option<usize>,

    /// Build the corpus in DIR and keep it [default: a temporary directory, removed afterwards]
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,

    /// Queries for the search latency, one per line [default: the index crate's query list]
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,

    /// Extraction threads [default: all cores]
    #[arg(long, value_name = "N")]
    pub threads: Option<NonZeroUsize>,

    #[command(flatten)]
    pub limits: Limits,
}

/// `YYYY-MM-DD`, checked at the command line.
fn parse_day(s: &str) -> Result<String, String> {
    let s = s.trim();
    match s.parse::<jiff::civil::Date>() {
        Ok(d) if s.len() == 10 => Ok(d.to_string()),
        _ => Err(format!("'{s}' is not a day: use YYYY-MM-DD (2018-03-11)")),
    }
}

/// Accept what the extractor can read (`YYYY-MM-DD`, or an ISO date-time
/// whose date part it takes) and refuse the rest at the command line, where a
/// typo is cheap to fix, rather than silently leaving dates unresolved.
fn parse_published(s: &str) -> Result<String, String> {
    match rasid_extract::published_date(s) {
        Some(_) => Ok(s.trim().to_string()),
        None => Err(format!(
            "'{s}' is not a date: use YYYY-MM-DD or an ISO date-time (2018-03-11T09:30:00+02:00)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn published_must_be_a_date() {
        assert_eq!(parse_published("2018-03-11").as_deref(), Ok("2018-03-11"));
        assert!(parse_published("2018-03-20T07:33:24+00:00").is_ok());
        assert!(parse_published("11/03/2018").is_err());
    }

    #[test]
    fn file_and_jsonl_exclude_each_other() {
        assert!(
            Cli::try_parse_from(["rasid", "extract", "a.txt", "--jsonl", "b.jsonl", "--out", "o"]).is_err()
        );
        assert!(Cli::try_parse_from(["rasid", "extract", "--jsonl", "b.jsonl"]).is_err());
        assert!(Cli::try_parse_from(["rasid", "extract"]).is_err());
        assert!(Cli::try_parse_from(["rasid", "extract", "--jsonl", "b.jsonl", "--out", "o"]).is_ok());
        assert!(Cli::try_parse_from(["rasid", "-q", "extract", "-", "--published", "2018-03-11"]).is_ok());
    }
}
