//! Full-text search over the rasid corpus: a tantivy index with an Arabic analyzer.
//!
//! The index is a *derived* copy of the corpus database: the database is the truth, and the index
//! records in every commit (its commit payload) the store sequence number it covers, its
//! [watermark](SearchIndex::watermark), so the corpus can catch up after a crash and rebuild it
//! when it is corrupt or missing.
//!
//! - Analyzer: see [`analysis`]; `غوطة` finds `بالغوطة`, `الغوطة الشرقية`, `الغُوطَة`, `للغوطة`.
//! - Query text: see [`query`]; never a syntax error. Words are ANDed; if that finds nothing
//!   and there are several words, the search is retried with any word matching
//!   ([`SearchResults::relaxed`] says so). Ranking is BM25, title matches boosted.
//! - Filters: outlet, date range, place, actor: exact on the folded value ([`analysis::keyword_key`]).
//! - Concurrency: one writer (tantivy's lock; a second gets [`IndexError::Locked`]); any number of
//!   readers, which keep searching the last commit while a writer works and see the new one as
//!   soon as it is committed (immediately in-process, within about a second from another process).

pub mod analysis;
pub use rasid_model::days;
pub mod query;
mod snippet;

use std::ops::Bound;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, Order, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::query::{ParsedQuery, TextFields};

/// Most hits one search returns, whatever the caller asks: a page of results, not an export.
pub const MAX_LIMIT: usize = 1000;
/// Deepest page offset served; past it a search returns the total and no hits. Bounds the top-k
/// heap a hostile `offset` could make tantivy allocate.
pub const MAX_OFFSET: usize = 10_000;
/// Hits per search when the caller does not say.
pub const DEFAULT_LIMIT: usize = 10;
/// Default indexing memory budget (all writer threads together).
pub const DEFAULT_WRITER_HEAP: usize = 200 * 1024 * 1024;

/// One article as the index sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexDoc {
    /// The article id given at ingest; upserts replace by it.
    pub id: String,
    pub title: String,
    pub text: String,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    /// Place ids and canonical names (any number; each is an exact filter value).
    pub places: Vec<String>,
    /// Actor ids and canonical names.
    pub actors: Vec<String>,
    pub story: Option<i64>,
}

/// A search: text plus filters and paging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// What the user typed; blank means "everything matching the filters, newest first".
    pub text: String,
    pub outlet: Option<String>,
    /// First publication date included.
    pub from: Option<Date>,
    /// Last publication date included.
    pub to: Option<Date>,
    /// A place id or canonical name.
    pub place: Option<String>,
    /// An actor id or canonical name.
    pub actor: Option<String>,
    /// Hits wanted, capped at [`MAX_LIMIT`]; 0 counts only.
    pub limit: usize,
    pub offset: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            outlet: None,
            from: None,
            to: None,
            place: None,
            actor: None,
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

impl SearchQuery {
    /// A text search with default paging and no filters.
    pub fn text(text: impl Into<String>) -> SearchQuery {
        SearchQuery { text: text.into(), ..SearchQuery::default() }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: String,
    /// BM25 score (0 when browsing without search words).
    pub score: f32,
    pub title: String,
    pub outlet: Option<String>,
    pub published: Option<Date>,
    pub story: Option<i64>,
    /// A passage of the text around the best matches (the opening of the text when the words
    /// only matched the title), whitespace flattened to single spaces.
    pub snippet: String,
    /// Highlighted words: `(start, end)` character offsets into `snippet`, end exclusive.
    pub highlights: Vec<(usize, usize)>,
}

/// What [`SearchIndex::search_detailed`] returns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Documents matching (all of them, not just this page).
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Requiring every word found nothing, so these are documents with any of the words.
    pub relaxed: bool,
}

/// Why the index could not be opened, written or searched.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no search index at {}", dir.display())]
    Missing { dir: PathBuf },
    #[error("the search index at {} is corrupt ({reason}); rebuild it from the database (rasid reindex)", dir.display())]
    Corrupt { dir: PathBuf, reason: String },
    #[error("the search index at {} is being written by another process", dir.display())]
    Locked { dir: PathBuf },
    #[error("cannot access the search index at {}: {reason}", dir.display())]
    Io { dir: PathBuf, reason: String },
    #[error("document not indexable: {reason}")]
    InvalidDoc { reason: String },
    #[error("search index error at {}: {reason}", dir.display())]
    Internal { dir: PathBuf, reason: String },
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    text: Field,
    outlet: Field,
    published: Field,
    places: Field,
    actors: Field,
    story: Field,
}

impl Fields {
    fn text_fields(&self) -> TextFields {
        TextFields { title: self.title, text: self.text }
    }
}

const PUBLISHED: &str = "published";

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let arabic = TextFieldIndexing::default()
        .set_tokenizer(analysis::ARABIC)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let keyword = TextFieldIndexing::default()
        .set_tokenizer(analysis::KEYWORD)
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        title: builder.add_text_field(
            "title",
            TextOptions::default().set_indexing_options(arabic.clone()).set_stored(),
        ),
        text: builder
            .add_text_field("text", TextOptions::default().set_indexing_options(arabic).set_stored()),
        outlet: builder.add_text_field(
            "outlet",
            TextOptions::default().set_indexing_options(keyword.clone()).set_stored(),
        ),
        published: builder.add_i64_field(PUBLISHED, INDEXED | FAST | STORED),
        places: builder
            .add_text_field("places", TextOptions::default().set_indexing_options(keyword.clone())),
        actors: builder.add_text_field("actors", TextOptions::default().set_indexing_options(keyword)),
        story: builder.add_i64_field("story", INDEXED | FAST | STORED),
    };
    (builder.build(), fields)
}

/// Does this look like the debris of an index (segment or bookkeeping files) without its
/// `meta.json`? Then the index was damaged, not never created.
fn has_index_debris(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        name == ".managed.json"
            || [".idx", ".term", ".pos", ".store", ".fast", ".fieldnorm", ".del"]
                .iter()
                .any(|ext| name.ends_with(ext))
    })
}

/// Map a tantivy error met while opening or reading an existing index: anything that is not
/// plainly about access rights or the lock means the files are not what they should be.
fn classify(dir: &Path, error: TantivyError) -> IndexError {
    let dir = dir.to_path_buf();
    match error {
        TantivyError::LockFailure(..) => IndexError::Locked { dir },
        TantivyError::IoError(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            IndexError::Io { dir, reason: io.to_string() }
        }
        TantivyError::OpenDirectoryError(e) => IndexError::Io { dir, reason: e.to_string() },
        TantivyError::InvalidArgument(_)
        | TantivyError::ErrorInThread(_)
        | TantivyError::Poisoned
        | TantivyError::InternalError(_)
        | TantivyError::AggregationError(_) => IndexError::Internal { dir, reason: error.to_string() },
        other => IndexError::Corrupt { dir, reason: other.to_string() },
    }
}

/// Every file of every segment must be there and end with a sound tantivy footer (the
/// directory's `open_read` checks it). tantivy itself opens some components lazily or treats
/// them as optional (a missing `.pos` only shows as phrase queries silently finding nothing), so
/// this is checked up front. Cheap: no file is read beyond its footer.
fn check_segment_files(dir: &Path, index: &Index) -> Result<(), IndexError> {
    use tantivy::directory::Directory;
    use tantivy::index::SegmentComponent;
    let metas = index.searchable_segment_metas().map_err(|e| classify(dir, e))?;
    for meta in metas {
        let mut components = vec![
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::Terms,
            SegmentComponent::Store,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
        ];
        if meta.has_deletes() {
            components.push(SegmentComponent::Delete);
        }
        for component in components {
            let path = meta.relative_path(component);
            index.directory().open_read(&path).map_err(|e| IndexError::Corrupt {
                dir: dir.to_path_buf(),
                reason: format!("segment file {}: {e}", path.display()),
            })?;
        }
    }
    Ok(())
}

/// Map a tantivy error met while writing: that fails for reasons of the disk (full, read-only)
/// more often than of damage, so I/O errors are reported as such, not as corruption.
fn classify_write(dir: &Path, error: TantivyError) -> IndexError {
    match error {
        TantivyError::IoError(io) => IndexError::Io { dir: dir.to_path_buf(), reason: io.to_string() },
        TantivyError::OpenWriteError(e) => IndexError::Io { dir: dir.to_path_buf(), reason: e.to_string() },
        other => classify(dir, other),
    }
}

fn panic_reason(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

struct Inner {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

/// The search index of a corpus. Cheap to clone; `Send + Sync`; readers reload on commit.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("dir", &self.inner.dir).finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Open the index in `dir`, creating it (and `dir`) when there is none.
    ///
    /// An existing index that cannot be read (garbage `meta.json`, missing or truncated segment
    /// files, a schema from another version, segment files without `meta.json`) is
    /// [`IndexError::Corrupt`]: it is never silently replaced, the caller decides to rebuild.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex, IndexError> {
        if dir.join("meta.json").exists() {
            return Self::open_existing(dir);
        }
        if dir.exists() && !dir.is_dir() {
            return Err(IndexError::Io { dir: dir.to_path_buf(), reason: "not a directory".to_string() });
        }
        if has_index_debris(dir) {
            return Err(IndexError::Corrupt {
                dir: dir.to_path_buf(),
                reason: "meta.json is missing but segment files are present".to_string(),
            });
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| IndexError::Io { dir: dir.to_path_buf(), reason: e.to_string() })?;
        let (schema, fields) = schema();
        let index = Index::create_in_dir(dir, schema).map_err(|e| classify_write(dir, e))?;
        Self::finish_open(dir, index, fields)
    }

    /// Open the existing index in `dir`: [`IndexError::Missing`] when there is none.
    pub fn open(dir: &Path) -> Result<SearchIndex, IndexError> {
        if !dir.join("meta.json").exists() {
            if has_index_debris(dir) {
                return Err(IndexError::Corrupt {
                    dir: dir.to_path_buf(),
                    reason: "meta.json is missing but segment files are present".to_string(),
                });
            }
            return Err(IndexError::Missing { dir: dir.to_path_buf() });
        }
        Self::open_existing(dir)
    }

    /// A throw-away index in memory (tests, small tools).
    pub fn in_memory() -> Result<SearchIndex, IndexError> {
        let (schema, fields) = schema();
        Self::finish_open(Path::new("<memory>"), Index::create_in_ram(schema), fields)
    }

    fn open_existing(dir: &Path) -> Result<SearchIndex, IndexError> {
        let opened = catch_unwind(AssertUnwindSafe(|| {
            let index = Index::open_in_dir(dir).map_err(|e| classify(dir, e))?;
            let (expected, fields) = schema();
            if index.schema() != expected {
                return Err(IndexError::Corrupt {
                    dir: dir.to_path_buf(),
                    reason: "its schema is not the one this version of rasid writes".to_string(),
                });
            }
            Self::finish_open(dir, index, fields)
        }));
        opened.unwrap_or_else(|panic| {
            Err(IndexError::Corrupt {
                dir: dir.to_path_buf(),
                reason: format!("opening it panicked: {}", panic_reason(panic.as_ref())),
            })
        })
    }

    fn finish_open(dir: &Path, index: Index, fields: Fields) -> Result<SearchIndex, IndexError> {
        analysis::register(index.tokenizers());
        check_segment_files(dir, &index)?;
        // Opening the reader opens every segment, so missing or truncated segment files show up
        // here rather than in the middle of a search.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(|e| classify(dir, e))?;
        Ok(SearchIndex { inner: Arc::new(Inner { dir: dir.to_path_buf(), index, reader, fields }) })
    }

    /// The directory the index lives in.
    pub fn dir(&self) -> &Path {
        &self.inner.dir
    }

    /// The single writer, with the default budget ([`WriterOptions::default`]).
    pub fn writer(&self) -> Result<IndexWriter, IndexError> {
        self.writer_with(WriterOptions::default())
    }

    /// The single writer with an explicit memory budget and thread count.
    pub fn writer_with(&self, options: WriterOptions) -> Result<IndexWriter, IndexError> {
        let threads = options.threads.max(1);
        // tantivy wants at least 15 MB per indexing thread.
        let heap = options.heap_bytes.max(threads * 16 * 1024 * 1024);
        let writer = self
            .inner
            .index
            .writer_with_num_threads(threads, heap)
            .map_err(|e| classify(&self.inner.dir, e))?;
        Ok(IndexWriter { writer, index: self.clone() })
    }

    /// The store sequence number the last commit covers (its commit payload); `None` for a
    /// fresh index or one committed without a watermark.
    pub fn watermark(&self) -> Option<i64> {
        let metas = self.inner.index.load_metas().ok()?;
        metas.payload?.trim().parse().ok()
    }

    /// Documents in the last commit this reader has loaded.
    pub fn doc_count(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    /// Search; `(total matching, this page of hits)`.
    pub fn search(&self, query: &SearchQuery) -> Result<(usize, Vec<Hit>), IndexError> {
        self.search_detailed(query).map(|results| (results.total, results.hits))
    }

    /// Search, also saying whether the AND query had to be relaxed to OR.
    pub fn search_detailed(&self, query: &SearchQuery) -> Result<SearchResults, IndexError> {
        catch_unwind(AssertUnwindSafe(|| self.run_search(query))).unwrap_or_else(|panic| {
            Err(IndexError::Corrupt {
                dir: self.inner.dir.clone(),
                reason: format!("searching it panicked: {}", panic_reason(panic.as_ref())),
            })
        })
    }

    /// Read every file of the index and check its checksum: slow (reads the whole index), for
    /// `reindex --check`-style commands, catches damage that opening does not.
    pub fn verify(&self) -> Result<(), IndexError> {
        let damaged = self.inner.index.validate_checksum().map_err(|e| classify(&self.inner.dir, e))?;
        if damaged.is_empty() {
            return Ok(());
        }
        let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
        names.sort();
        Err(IndexError::Corrupt {
            dir: self.inner.dir.clone(),
            reason: format!("checksum mismatch in {}", names.join(", ")),
        })
    }

    /// Bytes the loaded commit takes, by part: what storing the article text costs is `stored`.
    pub fn space_usage(&self) -> Result<SpaceUsage, IndexError> {
        let usage = self
            .inner
            .reader
            .searcher()
            .space_usage()
            .map_err(|e| IndexError::Io { dir: self.inner.dir.clone(), reason: e.to_string() })?;
        let mut total = SpaceUsage { segments: usage.segments().len(), ..SpaceUsage::default() };
        for segment in usage.segments() {
            total.total += segment.total().get_bytes();
            total.stored += segment.store().total().get_bytes();
            total.terms += segment.termdict().total().get_bytes();
            total.postings += segment.postings().total().get_bytes();
            total.positions += segment.positions().total().get_bytes();
            total.fast += segment.fast_fields().total().get_bytes();
            total.fieldnorms += segment.fieldnorms().total().get_bytes();
        }
        Ok(total)
    }

    fn filters(&self, query: &SearchQuery) -> Vec<Box<dyn Query>> {
        let fields = self.inner.fields;
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        for (field, value) in
            [(fields.outlet, &query.outlet), (fields.places, &query.place), (fields.actors, &query.actor)]
        {
            let Some(value) = value else { continue };
            let key = analysis::keyword_key(value);
            if key.is_empty() {
                continue;
            }
            filters
                .push(Box::new(TermQuery::new(Term::from_field_text(field, &key), IndexRecordOption::Basic)));
        }
        if query.from.is_some() || query.to.is_some() {
            let bound = |date: Option<Date>| match date {
                Some(date) => Bound::Included(Term::from_field_i64(fields.published, days::from_date(date))),
                None => Bound::Unbounded,
            };
            filters.push(Box::new(RangeQuery::new(bound(query.from), bound(query.to))));
        }
        filters
    }

    /// `positive` (or everything) AND every filter AND none of the excluded clauses. Filters
    /// score nothing, so BM25 ranks on the words alone.
    fn combine(
        &self,
        positive: Option<Box<dyn Query>>,
        parsed: &ParsedQuery,
        filters: &[Box<dyn Query>],
    ) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, positive.unwrap_or_else(|| Box::new(AllQuery)))];
        for filter in filters {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter.box_clone(), 0.0))));
        }
        for excluded in &parsed.excluded {
            clauses.push((Occur::MustNot, query::excluded_query(excluded, self.inner.fields.text_fields())));
        }
        BooleanQuery::new(clauses)
    }

    fn run_search(&self, request: &SearchQuery) -> Result<SearchResults, IndexError> {
        let dir = &self.inner.dir;
        let fields = self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let mut analyzer =
            self.inner.index.tokenizers().get(analysis::ARABIC).unwrap_or_else(analysis::arabic_analyzer);
        let parsed = query::parse(&request.text, &mut analyzer);
        let filters = self.filters(request);
        let limit = request.limit.min(MAX_LIMIT);
        let offset = request.offset;
        // (limit, offset) of the page wanted; none when only the count is.
        let page = if limit == 0 || offset > MAX_OFFSET { None } else { Some((limit, offset)) };

        if parsed.groups.is_empty() && !parsed.blank && parsed.excluded.is_empty() {
            // Words were typed but none is searchable (only stop words or punctuation).
            return Ok(SearchResults { total: 0, hits: Vec::new(), relaxed: false });
        }
        if parsed.groups.is_empty() {
            // Browsing: the filters alone, newest first.
            let all = self.combine(None, &parsed, &filters);
            let (total, top) = match page {
                Some((limit, offset)) => {
                    let newest = TopDocs::with_limit(limit)
                        .and_offset(offset)
                        .order_by_fast_field::<i64>(PUBLISHED, Order::Desc);
                    let (total, top) =
                        searcher.search(&all, &(Count, newest)).map_err(|e| classify(dir, e))?;
                    (total, top.into_iter().map(|(_, address)| (0.0, address)).collect())
                }
                None => (searcher.search(&all, &Count).map_err(|e| classify(dir, e))?, Vec::new()),
            };
            let hits = self.hits(&searcher, &top, None, &[])?;
            return Ok(SearchResults { total, hits, relaxed: false });
        }

        // AND first; if that finds nothing and there are several words, any word.
        let mut relaxed = false;
        let mut positive = query::positive_query(&parsed, fields.text_fields(), true);
        let (mut total, mut top) = self.scored(&searcher, &positive, &parsed, &filters, page)?;
        if total == 0 && parsed.groups.len() > 1 {
            relaxed = true;
            positive = query::positive_query(&parsed, fields.text_fields(), false);
            (total, top) = self.scored(&searcher, &positive, &parsed, &filters, page)?;
        }
        let mut terms = Vec::new();
        let generator = match (&positive, top.is_empty()) {
            (Some(positive), false) => {
                let mut generator = SnippetGenerator::create(&searcher, positive.as_ref(), fields.text)
                    .map_err(|e| classify(dir, e))?;
                generator.set_max_num_chars(snippet::SNIPPET_BYTES);
                positive.query_terms(&mut |term, _| {
                    if term.field() == fields.text
                        && let Some(text) = term.value().as_str()
                    {
                        terms.push(text.to_string());
                    }
                });
                terms.sort_unstable();
                terms.dedup();
                Some(generator)
            }
            _ => None,
        };
        let hits = self.hits(&searcher, &top, generator.as_ref(), &terms)?;
        Ok(SearchResults { total, hits, relaxed })
    }

    /// Count and rank (by BM25) the documents `positive` finds within the filters.
    fn scored(
        &self,
        searcher: &tantivy::Searcher,
        positive: &Option<Box<dyn Query>>,
        parsed: &ParsedQuery,
        filters: &[Box<dyn Query>],
        page: Option<(usize, usize)>,
    ) -> Result<(usize, Vec<(f32, DocAddress)>), IndexError> {
        let dir = &self.inner.dir;
        let combined = self.combine(positive.as_ref().map(|q| q.box_clone()), parsed, filters);
        match page {
            Some((limit, offset)) => {
                let best = TopDocs::with_limit(limit).and_offset(offset).order_by_score();
                searcher.search(&combined, &(Count, best)).map_err(|e| classify(dir, e))
            }
            None => Ok((searcher.search(&combined, &Count).map_err(|e| classify(dir, e))?, Vec::new())),
        }
    }

    fn hits(
        &self,
        searcher: &tantivy::Searcher,
        top: &[(f32, DocAddress)],
        generator: Option<&SnippetGenerator>,
        terms: &[String],
    ) -> Result<Vec<Hit>, IndexError> {
        let fields = self.inner.fields;
        let mut hits = Vec::with_capacity(top.len());
        for &(score, address) in top {
            let doc: TantivyDocument = searcher.doc(address).map_err(|e| classify(&self.inner.dir, e))?;
            let text_of = |field: Field| doc.get_first(field).and_then(|v| v.as_str().map(str::to_string));
            let int_of = |field: Field| doc.get_first(field).and_then(|v| v.as_i64());
            let body = doc.get_first(fields.text).and_then(|v| v.as_str()).unwrap_or("");
            let (snippet, highlights) = snippet::make(generator, terms, body);
            hits.push(Hit {
                id: text_of(fields.id).unwrap_or_default(),
                score,
                title: text_of(fields.title).unwrap_or_default(),
                outlet: text_of(fields.outlet),
                published: int_of(fields.published).and_then(days::to_date),
                story: int_of(fields.story),
                snippet,
                highlights,
            });
        }
        Ok(hits)
    }
}

/// Index size by part, in bytes ([`SearchIndex::space_usage`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SpaceUsage {
    pub segments: usize,
    pub total: u64,
    /// The document store: id, title, text, outlet, dates (LZ4-compressed blocks).
    pub stored: u64,
    pub terms: u64,
    pub postings: u64,
    pub positions: u64,
    pub fast: u64,
    pub fieldnorms: u64,
}

/// Memory and threads for the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriterOptions {
    /// Indexing memory budget in bytes for all threads together (at least 16 MB a thread is
    /// used whatever this says). A bigger budget makes fewer, bigger segments before merging.
    pub heap_bytes: usize,
    /// Indexing threads.
    pub threads: usize,
}

/// Most indexing threads tantivy runs.
const MAX_WRITER_THREADS: usize = 8;

fn cores() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

impl Default for WriterOptions {
    /// [`DEFAULT_WRITER_HEAP`] over a thread for every four cores (at least one). The corpus
    /// indexes while it extracts on every core, and indexing is about a quarter of an ingest's
    /// CPU: more threads only take turns with the extraction workers. On 2 cores, one indexing
    /// thread instead of two ingested both 31k corpora at 2,297–2,917 articles/s against
    /// 2,104–2,682 (six interleaved pairs; the one thread won five), with 3 % less CPU: one
    /// thread's stem memo sees every document, and fewer segments are merged.
    fn default() -> Self {
        WriterOptions { heap_bytes: DEFAULT_WRITER_HEAP, threads: (cores() / 4).clamp(1, MAX_WRITER_THREADS) }
    }
}

impl WriterOptions {
    /// A thread per core: for a writer with the machine to itself (`rasid reindex`).
    pub fn all_cores() -> WriterOptions {
        WriterOptions { heap_bytes: DEFAULT_WRITER_HEAP, threads: cores().clamp(1, MAX_WRITER_THREADS) }
    }
}

/// The index's single writer. Changes are invisible until [`commit`](IndexWriter::commit).
pub struct IndexWriter {
    writer: tantivy::IndexWriter<TantivyDocument>,
    index: SearchIndex,
}

impl IndexWriter {
    fn fail(&self, error: TantivyError) -> IndexError {
        classify_write(&self.index.inner.dir, error)
    }

    /// Add `doc`, replacing any document with the same id (delete-by-id, then add).
    pub fn upsert(&mut self, doc: &IndexDoc) -> Result<(), IndexError> {
        if doc.id.is_empty() {
            return Err(IndexError::InvalidDoc { reason: "empty id".to_string() });
        }
        let fields = self.index.inner.fields;
        let mut document = TantivyDocument::new();
        document.add_text(fields.id, &doc.id);
        document.add_text(fields.title, &doc.title);
        document.add_text(fields.text, &doc.text);
        if let Some(outlet) = &doc.outlet {
            document.add_text(fields.outlet, outlet);
        }
        if let Some(published) = doc.published {
            document.add_i64(fields.published, days::from_date(published));
        }
        for place in &doc.places {
            document.add_text(fields.places, place);
        }
        for actor in &doc.actors {
            document.add_text(fields.actors, actor);
        }
        if let Some(story) = doc.story {
            document.add_i64(fields.story, story);
        }
        self.writer.delete_term(Term::from_field_text(fields.id, &doc.id));
        self.writer.add_document(document).map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Remove the document with this id (if any).
    pub fn delete(&mut self, id: &str) {
        self.writer.delete_term(Term::from_field_text(self.index.inner.fields.id, id));
    }

    /// Make every change so far durable and visible, recording `watermark` (the store sequence
    /// number these changes bring the index up to) as the commit payload.
    pub fn commit(&mut self, watermark: i64) -> Result<(), IndexError> {
        let dir = self.index.inner.dir.clone();
        let mut prepared = self.writer.prepare_commit().map_err(|e| classify_write(&dir, e))?;
        prepared.set_payload(&watermark.to_string());
        prepared.commit().map_err(|e| classify_write(&dir, e))?;
        // In-process readers see the commit now rather than at the next file-watch poll.
        self.index.inner.reader.reload().map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Delete every document (takes effect at the next commit, e.g. before a reindex).
    pub fn clear(&mut self) -> Result<(), IndexError> {
        self.writer.delete_all_documents().map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Drop uncommitted changes.
    pub fn rollback(&mut self) -> Result<(), IndexError> {
        self.writer.rollback().map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Release the writer after waiting for background segment merges (a bulk load's last step:
    /// the next reader opens fewer, bigger segments).
    pub fn finish(self) -> Result<(), IndexError> {
        let dir = self.index.inner.dir.clone();
        self.writer.wait_merging_threads().map_err(|e| classify_write(&dir, e))?;
        self.index.inner.reader.reload().map_err(|e| classify(&dir, e))?;
        Ok(())
    }
}
