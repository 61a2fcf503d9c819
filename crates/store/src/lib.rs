//! # rasid-store: where the corpus lives
//!
//! The [`Store`] trait is everything the corpus asks of a database: write a
//! batch of extracted articles in one transaction, and read articles, stories
//! and settings back. It speaks in plain Rust types (no SQL, no driver types)
//! so that a PostgreSQL backend can implement it later; [`SqliteStore`] is the
//! embedded backend (rusqlite, WAL, one writer connection and a pool of
//! readers, so searches and ledgers keep working during an ingest).
//!
//! Semantics every backend must keep:
//! - `seq` is the ingest order and is never reused: a replaced article gets a
//!   new, larger `seq` (the search index catches up from "everything after my
//!   watermark", so a replacement must land after it).
//! - [`Store::write`] is atomic: the articles, their figures and mentions, the
//!   refreshed story rows and the `meta` entries of one [`WriteBatch`] commit
//!   together or not at all. That is what makes an interrupted ingest safe to
//!   run again.
//! - Upsert by id: same id and same content hash is `Unchanged` (nothing is
//!   written), same id with another hash is `Replaced` (old row, figures and
//!   mentions removed; the new one added with a new `seq`).

mod hash;
mod sqlite;

pub use hash::content_hash;
pub use sqlite::SqliteStore;

/// The stored JSON form of an extraction (what [`NewArticle::extraction_json`]
/// must hold). Serialising the contract types does not fail in practice; the
/// error is the serializer's message.
pub fn extraction_json(extraction: &Extraction) -> std::result::Result<String, String> {
    serde_json::to_string(extraction).map_err(|e| e.to_string())
}

use rasid_model::{Article, Extraction};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// Ingest order of an article; the primary key of the articles table.
pub type Seq = i64;
/// A story (cluster of reports of the same episode).
pub type StoryId = i64;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened, read or written.
    #[error("database {location}: {message}")]
    Backend { location: String, message: String },
    /// A stored value does not parse (hand-edited or damaged database).
    #[error("database {location}: stored {what} is unreadable: {message}")]
    Corrupt { location: String, what: String, message: String },
    /// The database was written by a newer rasid.
    #[error("database {location} has schema version {found}; this rasid knows up to {known}: upgrade rasid")]
    NewerSchema { location: String, found: i64, known: i64 },
    /// A write on a store opened read-only.
    #[error("database {location} is open read-only")]
    ReadOnly { location: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// One extracted article to write.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub article: Article,
    /// [`content_hash`] of the article.
    pub hash: String,
    pub extraction: Extraction,
    /// `extraction` as JSON ([`extraction_json`]) when the caller serialized
    /// it beforehand (the corpus does so on its extraction workers, off the
    /// single writer thread); `None` = the store serializes it.
    pub extraction_json: Option<String>,
    /// Id of the earlier article this one is a near-duplicate of.
    pub dup_of: Option<String>,
    pub story: Option<StoryId>,
    /// The near-duplicate fingerprint, opaque to the store; kept so that the
    /// duplicate index can be rebuilt from the database.
    pub sketch: Option<Vec<u8>>,
}

/// What one [`Store::write`] commits, atomically.
#[derive(Debug, Clone, Default)]
pub struct WriteBatch {
    pub articles: Vec<NewArticle>,
    /// Settings written in the same transaction (e.g. the story clusterer's
    /// state, so that it never disagrees with the articles it has seen).
    pub meta: Vec<(String, Vec<u8>)>,
    /// Stories whose summary row must be recomputed (besides those of the
    /// articles written, which the store refreshes on its own, and the old
    /// stories of replaced articles).
    pub refresh_stories: BTreeSet<StoryId>,
}

/// What happened to one article of a batch, in batch order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Added { seq: Seq },
    Replaced { seq: Seq, old_story: Option<StoryId> },
    Unchanged { seq: Seq },
}

#[derive(Debug, Clone, Default)]
pub struct WriteOutcome {
    pub written: Vec<Written>,
    /// Stories whose summary row was recomputed.
    pub stories_touched: BTreeSet<StoryId>,
    /// The largest `seq` in the store after the commit.
    pub max_seq: Seq,
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    pub seq: Seq,
    pub article: Article,
    /// Publication day `YYYY-MM-DD` (normalised from `article.published`).
    pub day: Option<String>,
    pub hash: String,
    pub extraction: Extraction,
    pub dup_of: Option<String>,
    pub story: Option<StoryId>,
}

/// A place or actor and in how many of a story's articles it appears.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityCount {
    pub id: String,
    pub ar: String,
    pub en: String,
    pub articles: i64,
}

/// The summary row of a story, kept up to date by every write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryRow {
    pub id: StoryId,
    /// The title of its earliest article that has one.
    pub title: String,
    /// Earliest and latest publication day.
    pub first: Option<String>,
    pub last: Option<String>,
    pub articles: i64,
    /// Outlets, most articles first.
    pub outlets: Vec<String>,
    pub top_places: Vec<EntityCount>,
    pub top_actors: Vec<EntityCount>,
}

/// A figure row of the denormalised figures table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureRow {
    pub article: String,
    pub outlet: Option<String>,
    pub day: Option<String>,
    pub idx: i64,
    pub category: Option<String>,
    pub who: Option<String>,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: String,
    pub source: Option<String>,
    pub place_ar: Option<String>,
    pub place_en: Option<String>,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub span: (usize, usize),
    pub text: String,
    /// The figure sits inside a passage that repeats an earlier one.
    pub in_repeat: bool,
}

/// Inclusive publication-day bounds (`YYYY-MM-DD`); `None` is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayRange {
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: u64,
    pub figures: u64,
    pub mentions: u64,
    pub stories: u64,
}

/// The corpus database. Object-safe (`dyn Store`) and shared between the
/// writer thread and any number of readers.
pub trait Store: Send + Sync {
    /// Where the store lives, for messages.
    fn location(&self) -> String;

    /// Write one batch atomically (see the crate doc for the upsert rules).
    fn write(&self, batch: &WriteBatch) -> Result<WriteOutcome>;

    /// The stored content hash of each of `ids` that exists.
    fn hashes(&self, ids: &[&str]) -> Result<HashMap<String, String>>;

    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;

    /// Articles with `seq > after`, in `seq` order, at most `limit`.
    fn articles_after(&self, after: Seq, limit: usize) -> Result<Vec<StoredArticle>>;

    /// Articles published within `days` (articles without a day are included
    /// only when both ends are open), `seq > after`, in `seq` order.
    fn articles_in(&self, days: &DayRange, after: Seq, limit: usize) -> Result<Vec<StoredArticle>>;

    /// Near-duplicate sketches with `seq > after`, in `seq` order: (seq, id, sketch).
    fn sketches_after(&self, after: Seq, limit: usize) -> Result<Vec<(Seq, String, Vec<u8>)>>;

    /// Stories that overlap `days`, newest (by last day) first.
    fn stories(&self, days: &DayRange, limit: usize) -> Result<Vec<StoryRow>>;

    fn story(&self, id: StoryId) -> Result<Option<StoryRow>>;

    /// Ids of a story's articles, by publication day then ingest order.
    fn story_article_ids(&self, id: StoryId) -> Result<Vec<String>>;

    /// A story's articles, by publication day then ingest order.
    fn story_articles(&self, id: StoryId) -> Result<Vec<StoredArticle>>;

    /// A story's figures, by article then position.
    fn story_figures(&self, id: StoryId) -> Result<Vec<FigureRow>>;

    /// The largest `seq` (0 for an empty store).
    fn max_seq(&self) -> Result<Seq>;

    fn counts(&self) -> Result<Counts>;

    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>>;
}
