//! # rasid-corpus: one corpus directory, and everything done with it
//!
//! A corpus lives in one directory (`$RASID_HOME`):
//! - `rasid.db`: the SQLite database ([`rasid_store`]): articles, their
//!   extractions, figures, mentions, stories, and a snapshot of the story
//!   clusterer's state. **The database is the truth**: everything else can
//!   be rebuilt from it.
//! - `index/`: the tantivy search index ([`rasid_index`]). Each index commit
//!   records the database `seq` it covers (its watermark); opening the corpus
//!   for writing upserts whatever came after it, so a crash between a
//!   database commit and an index commit loses nothing. A missing or corrupt
//!   index makes search fail with a message naming `rasid reindex`; every
//!   other operation works without it.
//! - `gazetteer/`: an imported gazetteer, read by the extractor.
//!
//! [`Corpus::ingest`] runs a pipeline: a reader thread ([`rasid_ingest`]),
//! extraction on all cores, and a single writer that assigns near-duplicates
//! and stories ([`rasid_stories`]), commits batches to the database and then
//! feeds the index (see [`ingest`] for the crash-safety argument).
//!
//! Re-ingesting is idempotent: an article whose id is stored with the same
//! content hash is counted as unchanged and not even extracted. An article
//! whose content changed is re-extracted and replaces the stored one (its
//! figures and mentions with it); it is assigned to a story again like a new
//! article, and the summary of the story it left is recomputed. The
//! clusterer's own memory of the old version is not rewritten: it may still
//! attract later articles to the old story, which is harmless (that story
//! still exists while it has other articles).

pub mod ingest;
mod parts;
mod summary;

pub use ingest::{IngestOptions, IngestReport, Progress};
pub use parts::Ledger;
pub use rasid_index::{Hit, SearchQuery};
pub use rasid_ingest::{Item, Origin, ReadOptions};
pub use rasid_store::{DayRange, StoryId, StoryRow};
pub use summary::{HeadlineFigure, StorySummary};

use rasid_extract::{Config, Extractor};
use rasid_index::SearchIndex;
use rasid_model::{Article, Extraction};
use rasid_store::{SqliteStore, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// File and folder names inside a corpus directory.
pub const DB_FILE: &str = "rasid.db";
pub const INDEX_DIR: &str = "index";

/// Articles read from the database per page when feeding the index.
const PAGE: usize = 2_000;

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The search index cannot be used; the message says what to do.
    #[error("{0}")]
    Index(String),
    /// Another process holds the index writer (an ingest is running).
    #[error("{0}")]
    IndexLocked(String),
    #[error("cannot load the extractor: {0}")]
    Extractor(String),
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("no story {0} in this corpus")]
    NoSuchStory(StoryId),
    #[error("no article '{0}' in this corpus")]
    NoSuchArticle(String),
    /// The persisted story clusterer state does not load.
    #[error("the story clusterer state in {location} is unreadable ({reason}); re-ingest into a new corpus")]
    ClustererState { location: String, reason: String },
    #[error("export failed: {0}")]
    Export(String),
}

pub type Result<T> = std::result::Result<T, CorpusError>;

/// An index error as a corpus error: a lock held by another process is
/// told apart (it is not damage).
pub(crate) fn index_error(dir: &Path, e: &rasid_index::IndexError) -> CorpusError {
    match e {
        rasid_index::IndexError::Locked { .. } => CorpusError::IndexLocked(unusable_message(dir, e)),
        _ => CorpusError::Index(unusable_message(dir, e)),
    }
}

/// The state of the search index as found on open.
enum IndexState {
    Ready(SearchIndex),
    /// Missing or corrupt: the message for the user.
    Unusable(String),
}

/// How far behind the database the search index is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexLag {
    pub watermark: i64,
    pub max_seq: i64,
}

/// An open corpus. `Sync`: searches, ledgers and exports may run from
/// several threads (and several processes) while one ingest writes.
pub struct Corpus {
    home: PathBuf,
    store: Box<dyn Store>,
    index: IndexState,
    read_only: bool,
    extractor: OnceLock<Extractor>,
    notices: Vec<String>,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corpus")
            .field("home", &self.home)
            .field("read_only", &self.read_only)
            .field("index_ready", &matches!(self.index, IndexState::Ready(_)))
            .finish_non_exhaustive()
    }
}

pub(crate) fn unusable_message(dir: &Path, error: &rasid_index::IndexError) -> String {
    use rasid_index::IndexError;
    match error {
        IndexError::Missing { .. } => {
            format!("search index at {} is missing; run `rasid reindex`", dir.display())
        }
        IndexError::Corrupt { reason, .. } => {
            format!("search index at {} is corrupt ({reason}); run `rasid reindex`", dir.display())
        }
        IndexError::Locked { .. } => format!(
            "search index at {} is being written by another process (an ingest is running?): try again when it is done",
            dir.display()
        ),
        other => format!("search index at {} cannot be used ({other}); run `rasid reindex`", dir.display()),
    }
}

impl Corpus {
    /// Open the corpus in `home` for reading and writing, creating it if
    /// needed. If the search index is behind the database (an ingest was
    /// interrupted), it catches up now; if another process holds the index
    /// writer (an ingest is running), the catch-up is left to that process.
    pub fn open(home: &Path) -> Result<Corpus> {
        std::fs::create_dir_all(home)
            .map_err(|e| CorpusError::Io { path: home.display().to_string(), message: e.to_string() })?;
        let store = SqliteStore::open(&home.join(DB_FILE))?;
        let dir = home.join(INDEX_DIR);
        let index = match SearchIndex::open_or_create(&dir) {
            Ok(i) => IndexState::Ready(i),
            Err(e) => IndexState::Unusable(unusable_message(&dir, &e)),
        };
        let mut corpus = Corpus {
            home: home.to_path_buf(),
            store: Box::new(store),
            index,
            read_only: false,
            extractor: OnceLock::new(),
            notices: Vec::new(),
        };
        if let IndexState::Unusable(message) = &corpus.index {
            corpus.notices.push(message.clone());
        } else if corpus.index_lag()?.is_some() {
            match corpus.catch_up() {
                Ok(n) => corpus.notices.push(format!(
                    "search index caught up with {n} article(s) stored by an interrupted ingest"
                )),
                // Another process holds the index writer: it is ingesting, and
                // catches up itself.
                Err(CorpusError::IndexLocked(_)) => {}
                Err(CorpusError::Index(m)) => corpus.notices.push(m),
                Err(e) => return Err(e),
            }
        }
        Ok(corpus)
    }

    /// Open an existing corpus for reading only: nothing is created or
    /// written (an ingest may be running in another process). A search index
    /// that lags behind the database is reported in [`Corpus::notices`].
    pub fn open_read_only(home: &Path) -> Result<Corpus> {
        let store = SqliteStore::open_read_only(&home.join(DB_FILE))?;
        let dir = home.join(INDEX_DIR);
        let index = match SearchIndex::open(&dir) {
            Ok(i) => IndexState::Ready(i),
            Err(e) => IndexState::Unusable(unusable_message(&dir, &e)),
        };
        let mut corpus = Corpus {
            home: home.to_path_buf(),
            store: Box::new(store),
            index,
            read_only: true,
            extractor: OnceLock::new(),
            notices: Vec::new(),
        };
        if let Some(lag) = corpus.index_lag()? {
            corpus.notices.push(format!(
                "search index is behind the database ({} of {} articles indexed by seq); an ingest is running, or was interrupted: the next `rasid ingest` or `rasid reindex` catches up",
                lag.watermark, lag.max_seq
            ));
        }
        Ok(corpus)
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// Things found on open that the user should know (index caught up,
    /// lagging, missing or corrupt).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The search index, or the message saying why it cannot be used.
    fn index(&self) -> Result<&SearchIndex> {
        match &self.index {
            IndexState::Ready(i) => Ok(i),
            IndexState::Unusable(m) => Err(CorpusError::Index(m.clone())),
        }
    }

    /// `Some` when the search index has not seen every stored article.
    pub fn index_lag(&self) -> Result<Option<IndexLag>> {
        let IndexState::Ready(index) = &self.index else { return Ok(None) };
        let max_seq = self.store.max_seq()?;
        let watermark = index.watermark().unwrap_or(0);
        Ok((watermark < max_seq).then_some(IndexLag { watermark, max_seq }))
    }

    /// The extractor, loaded on first use (read-only commands never pay for it).
    pub fn extractor(&self) -> Result<&Extractor> {
        if let Some(x) = self.extractor.get() {
            return Ok(x);
        }
        let config = Config { home: Some(self.home.clone()) };
        let loaded = Extractor::new(&config).map_err(|e| CorpusError::Extractor(e.to_string()))?;
        Ok(self.extractor.get_or_init(|| loaded))
    }

    /// Upsert into the index every stored article after its watermark.
    /// Returns how many articles were indexed.
    fn catch_up(&self) -> Result<u64> {
        let index = self.index()?;
        let dir = self.home.join(INDEX_DIR);
        let mut writer = index.writer().map_err(|e| index_error(&dir, &e))?;
        self.feed(&mut writer, index.watermark().unwrap_or(0), &|_, _| {})
    }

    /// Rebuild the search index from the database (a missing or corrupt
    /// index folder is replaced). `progress(done, total)`.
    pub fn reindex(&mut self, progress: &dyn Fn(u64, u64)) -> Result<u64> {
        if self.read_only {
            return Err(CorpusError::Store(StoreError::ReadOnly { location: self.store.location() }));
        }
        let dir = self.home.join(INDEX_DIR);
        let index = match SearchIndex::open_or_create(&dir) {
            Ok(i) => i,
            Err(_) => {
                std::fs::remove_dir_all(&dir).map_err(|e| CorpusError::Io {
                    path: dir.display().to_string(),
                    message: e.to_string(),
                })?;
                SearchIndex::open_or_create(&dir)
                    .map_err(|e| CorpusError::Index(unusable_message(&dir, &e)))?
            }
        };
        let fail = |e: rasid_index::IndexError| index_error(&dir, &e);
        // nothing else runs: index on every core
        let mut writer = index.writer_with(rasid_index::WriterOptions::all_cores()).map_err(fail)?;
        writer.clear().map_err(fail)?;
        let n = self.feed(&mut writer, 0, progress)?;
        // An empty corpus still gets a committed (empty) index.
        writer.commit(self.store.max_seq()?).map_err(fail)?;
        writer.finish().map_err(fail)?;
        self.index = IndexState::Ready(index);
        self.notices.retain(|n| !n.starts_with("search index"));
        Ok(n)
    }

    /// Full-text search. Fails with the index's message when it is missing or
    /// corrupt. Returns the total number of matches and one page of hits.
    pub fn search(&self, query: &SearchQuery) -> Result<(usize, Vec<Hit>)> {
        let dir = self.home.join(INDEX_DIR);
        self.index()?.search(query).map_err(|e| CorpusError::Index(unusable_message(&dir, &e)))
    }

    /// A stored article and its extraction.
    pub fn article(&self, id: &str) -> Result<(Article, Extraction)> {
        let a = self.store.article(id)?.ok_or_else(|| CorpusError::NoSuchArticle(id.to_string()))?;
        Ok((a.article, a.extraction))
    }

    /// Stories overlapping `days`, newest first, each with its article ids
    /// and headline figures.
    pub fn stories(&self, days: &DayRange, limit: usize) -> Result<Vec<StorySummary>> {
        self.store.stories(days, limit)?.into_iter().map(|row| self.summarise(row)).collect()
    }

    pub fn story(&self, id: StoryId) -> Result<StorySummary> {
        let row = self.store.story(id)?.ok_or(CorpusError::NoSuchStory(id))?;
        self.summarise(row)
    }

    fn summarise(&self, row: StoryRow) -> Result<StorySummary> {
        let ids = self.store.story_article_ids(row.id)?;
        let figures = self.store.story_figures(row.id)?;
        Ok(StorySummary::new(row, ids, &figures))
    }

    /// The figure ledger of a story.
    pub fn ledger(&self, id: StoryId) -> Result<Ledger> {
        if self.store.story(id)?.is_none() {
            return Err(CorpusError::NoSuchStory(id));
        }
        let articles = self.store.story_articles(id)?;
        Ok(parts::ledger(id, &articles))
    }

    /// Write every article published within `days` (all when open) in the
    /// given format. Returns the number of articles exported.
    pub fn export(&self, format: &str, days: &DayRange, out: &mut dyn std::io::Write) -> Result<u64> {
        let mut pages = Pages { store: self.store.as_ref(), days, after: 0, done: false };
        parts::export(format, &mut pages, out)
    }

    /// Counts of what is stored, plus the index's document count.
    pub fn stats(&self) -> Result<Stats> {
        let counts = self.store.counts()?;
        let index_docs = match &self.index {
            IndexState::Ready(i) => Some(i.doc_count()),
            IndexState::Unusable(_) => None,
        };
        Ok(Stats { counts, index_docs, disk_bytes: dir_size(&self.home) })
    }
}

/// What a corpus holds.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub counts: rasid_store::Counts,
    /// `None` when the index is unusable.
    pub index_docs: Option<u64>,
    /// Bytes on disk under the corpus directory.
    pub disk_bytes: u64,
}

/// Total size of the files under `dir` (0 where unreadable).
pub fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(_) => e.metadata().map(|m| m.len()).unwrap_or(0),
            Err(_) => 0,
        })
        .sum()
}

/// Stored articles of a day range, page by page, in ingest order: exports
/// stream over this without holding the corpus in memory.
pub(crate) struct Pages<'a> {
    store: &'a dyn Store,
    days: &'a DayRange,
    after: i64,
    done: bool,
}

impl Pages<'_> {
    pub(crate) fn next_page(&mut self) -> Result<Vec<rasid_store::StoredArticle>> {
        if self.done {
            return Ok(Vec::new());
        }
        let page = self.store.articles_in(self.days, self.after, PAGE)?;
        match page.last() {
            Some(last) => self.after = last.seq,
            None => self.done = true,
        }
        Ok(page)
    }
}

/// Seconds as a short human duration for messages.
pub fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// A rate per second that does not divide by zero on very fast runs.
pub fn per_second(count: u64, since: Instant) -> f64 {
    count as f64 / since.elapsed().as_secs_f64().max(1e-9)
}
