//! The ingest pipeline.
//!
//! ```text
//! reader ──work──▶ N extraction workers ──results──▶ decider (this thread) ──batches──▶ storer thread
//!   items            extract, extraction JSON,        reorder → near-dups → stories      DB batch commit
//!                    story features (`prepare`)                                            → index feed
//!   unchanged articles skip ──────────────────────────▶
//! ```
//!
//! Bounded channels keep memory flat whatever the input size. The decider
//! handles articles in input order (a small reorder buffer), so near-
//! duplicate and story decisions are the same on every run; everything per
//! article that needs no shared state (extraction, its JSON, the folded
//! story features and MinHash sketch) is done by the workers, on all cores.
//! The decider hands each batch to the storer and goes on with the next
//! while the storer writes it: one database transaction per batch
//! (articles, figures, mentions, story rows), then the index is fed and
//! committed every few seconds with the last stored `seq` as its watermark
//! (tantivy analyses on its own threads meanwhile).
//!
//! The near-duplicate and story state is snapshotted every 30 s: the
//! decider sends a copy of it down the same queue as the batches, so the
//! storer writes it after exactly the batches it covers and records the
//! `seq` they reached. On the next start the articles stored after the
//! snapshot are replayed through it (the clusterer is deterministic, so the
//! replay makes the decisions that were stored). Writing it with every
//! batch would cost O(corpus) per batch.

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, bounded};
use rasid_extract::Extractor;
use rasid_index::IndexWriter;
use rasid_ingest::{Item, ReadOptions};
use rasid_model::{Article, Extraction};
use rasid_store::{NewArticle, Store, WriteBatch, Written, content_hash};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::ScopedJoinHandle;
use std::time::{Duration, Instant};

use crate::parts::{self, Prepared, StoryParams, StoryState};
use crate::{Corpus, CorpusError, INDEX_DIR, Result, unusable_message};

/// The meta key under which the near-duplicate and story state is snapshotted.
pub(crate) const STATE_KEY: &str = "stories.state";
/// The story state is snapshotted at most this often (and at the end of an
/// ingest); see [`Decider::flush`].
const SNAPSHOT_INTERVAL: Duration = Duration::from_secs(30);
/// Batches decided and not yet written that the decider may be ahead of
/// the storer: enough to ride out an index commit, few enough to keep
/// memory flat (a batch holds its articles' texts and extractions).
const STORE_QUEUE_BATCHES: usize = 2;

#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Articles per database transaction.
    pub batch_size: usize,
    /// Extraction threads; 0 = one per core.
    pub workers: usize,
    /// Commit the search index after this many articles…
    pub index_commit_articles: usize,
    /// …or this long since its last commit, whichever comes first.
    pub index_commit_interval: Duration,
    pub read: ReadOptions,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch_size: 1_000,
            workers: 0,
            index_commit_articles: 20_000,
            index_commit_interval: Duration::from_secs(10),
            read: ReadOptions::default(),
        }
    }
}

/// Where an ingest is, for a progress bar. Reported by the writer thread
/// after every batch (and every few hundred skipped items).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Articles read so far.
    pub read: u64,
    /// Articles stored (added, replaced) or found unchanged.
    pub done: u64,
    pub problems: u64,
    /// Input bytes consumed (files read through [`Corpus::ingest_paths`]).
    pub bytes: u64,
}

/// What an ingest did.
#[derive(Debug, Clone, Default)]
pub struct IngestReport {
    /// Articles read (problems not included).
    pub read: u64,
    pub added: u64,
    pub replaced: u64,
    /// Same id and same content as already stored: not extracted again.
    pub unchanged: u64,
    /// Inputs skipped: (origin `path` or `path:line`, reason).
    pub problems: Vec<(String, String)>,
    /// Articles found to be near-duplicates of an earlier one.
    pub duplicates: u64,
    /// Stories created or changed.
    pub stories_touched: u64,
    pub elapsed: Duration,
    /// Set when the search index could not be fed (missing, corrupt,
    /// locked): the database has everything, `rasid reindex` rebuilds it.
    pub index_notice: Option<String>,
}

struct Work {
    ord: u64,
    article: Article,
    origin: String,
    hash: String,
}

/// An article with everything the writer needs computed off its thread:
/// the extraction, its JSON for the store, and the article's prepared form
/// for near-duplicates and stories. The writer is the one serial stage of
/// the pipeline, so any per-article work that needs no shared state is done
/// here, on all cores.
struct Extracted {
    article: Article,
    hash: String,
    extraction: Extraction,
    json: String,
    prepared: Prepared,
}

enum Outcome {
    Extracted(Box<Extracted>),
    /// Stored already with the same content.
    Unchanged,
    Problem(String, String),
}

struct Done {
    ord: u64,
    outcome: Outcome,
}

/// What the decider sends the storer, in order.
enum ToStore {
    /// One database transaction's worth of decided articles.
    Batch(Vec<NewArticle>),
    /// A copy of the story state as of the batches sent before it.
    Snapshot(Box<StoryState>),
}

/// Counters shared by the pipeline's threads (for progress and pacing).
#[derive(Default)]
struct Shared {
    read: AtomicU64,
    /// Articles the storer has written (added, replaced or found unchanged).
    stored: AtomicU64,
    /// Batches the storer has committed.
    committed_batches: AtomicU64,
    /// What writing the last snapshot took, in microseconds.
    snapshot_cost_us: AtomicU64,
}

/// The decider: input order, near-duplicates and stories. The one stage
/// that must see articles one by one.
struct Decider<'a> {
    corpus: &'a Corpus,
    opts: &'a IngestOptions,
    state: StoryState,
    last_snapshot: Instant,
    shared: &'a Shared,
    to_store: Sender<ToStore>,
    /// Batches sent so far.
    sent_batches: u64,
    /// Id → (content hash, batch number) of the articles sent to the storer
    /// in batches it has not yet committed: the database cannot tell yet
    /// that they are stored, and an id given twice in one input must be
    /// stored (and clustered) once.
    in_flight: HashMap<String, (String, u64)>,
    in_flight_batches: VecDeque<(u64, Vec<String>)>,
    /// Problems, duplicates and the articles found unchanged before
    /// reaching the storer.
    report: IngestReport,
}

/// The storer: database transactions, then the search index.
struct Storer<'a> {
    corpus: &'a Corpus,
    opts: &'a IngestOptions,
    shared: &'a Shared,
    index: Option<IndexWriter>,
    uncommitted: usize,
    last_commit: Instant,
    max_seq: i64,
    stories: BTreeSet<i64>,
    /// Added, replaced, unchanged (as the store found them) and the index
    /// notice.
    report: IngestReport,
}

impl Corpus {
    /// Ingest files and folders (see [`rasid_ingest`] for formats).
    pub fn ingest_paths(
        &self,
        paths: &[PathBuf],
        opts: &IngestOptions,
        progress: &dyn Fn(&Progress),
    ) -> Result<IngestReport> {
        let reader = rasid_ingest::read_paths(paths, &opts.read);
        let bytes = reader.progress();
        self.ingest_items(reader, opts, Some(bytes), progress)
    }

    /// Ingest items from any source (a reader, a generator of synthetic
    /// articles for benchmarks, an HTTP handler's batch).
    pub fn ingest(
        &self,
        items: impl Iterator<Item = Item> + Send,
        opts: &IngestOptions,
        progress: &dyn Fn(&Progress),
    ) -> Result<IngestReport> {
        self.ingest_items(items, opts, None, progress)
    }

    fn ingest_items(
        &self,
        items: impl Iterator<Item = Item> + Send,
        opts: &IngestOptions,
        bytes: Option<Arc<AtomicU64>>,
        progress: &dyn Fn(&Progress),
    ) -> Result<IngestReport> {
        let started = Instant::now();
        if self.read_only {
            return Err(CorpusError::Store(rasid_store::StoreError::ReadOnly {
                location: self.store.location(),
            }));
        }
        let extractor = self.extractor()?;
        let state = self.story_state()?;
        let shared = Shared::default();
        let mut storer = self.start_storer(opts, &shared)?;
        let workers = match opts.workers {
            0 => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            n => n,
        };
        let (work_tx, work_rx) = bounded::<Work>(workers * 64);
        let (done_tx, done_rx) = bounded::<Done>(workers * 64);
        let (store_tx, store_rx) = bounded::<ToStore>(STORE_QUEUE_BATCHES);
        let params = state.params().clone();
        let progress_now = |decided: &IngestReport| {
            progress(&Progress {
                read: shared.read.load(Ordering::Relaxed),
                done: decided.unchanged + shared.stored.load(Ordering::Relaxed),
                problems: decided.problems.len() as u64,
                bytes: bytes.as_ref().map_or(0, |b| b.load(Ordering::Relaxed)),
            });
        };

        let (decided, stored) = std::thread::scope(|scope| {
            // Owned here, so that a panic drops them and lets the other
            // threads end instead of waiting on their queues.
            let done_rx = done_rx;
            let mut decider = Decider {
                corpus: self,
                opts,
                state,
                last_snapshot: Instant::now(),
                shared: &shared,
                to_store: store_tx,
                sent_batches: 0,
                in_flight: HashMap::new(),
                in_flight_batches: VecDeque::new(),
                report: IngestReport::default(),
            };
            {
                let done_tx = done_tx.clone();
                let read_count = &shared.read;
                let store = self.store.as_ref();
                scope.spawn(move || read_items(items, store, &work_tx, &done_tx, read_count));
            }
            for _ in 0..workers {
                let work_rx = work_rx.clone();
                let done_tx = done_tx.clone();
                let params = &params;
                scope.spawn(move || extract_items(extractor, params, &work_rx, &done_tx));
            }
            drop(work_rx);
            drop(done_tx);
            let storer: ScopedJoinHandle<'_, Result<IngestReport>> = scope.spawn(move || {
                let result = storer.run(&store_rx);
                // Dropping the receiver (also on an error) makes the
                // decider's next send fail, so it stops too.
                drop(store_rx);
                result.map(|()| storer.report)
            });
            let decided = decider.run(&done_rx, &progress_now).and_then(|()| decider.snapshot());
            // On an error, dropping the receiver makes the workers' and the
            // reader's sends fail, so every thread ends and the scope joins;
            // dropping the decider closes the storer's queue, so it writes
            // what it was sent, then finishes the index.
            drop(done_rx);
            let report = std::mem::take(&mut decider.report);
            drop(decider);
            let stored = storer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (decided.map(|()| report), stored)
        });
        // The storer's error is the cause when both failed (the decider
        // only sees that the storer stopped).
        let stored = stored?;
        let mut report = decided?;
        // The last progress, while `report` still holds only what the
        // decider counted (the storer's counts arrive through `shared`).
        progress_now(&report);
        report.added = stored.added;
        report.replaced = stored.replaced;
        report.unchanged += stored.unchanged;
        report.index_notice = stored.index_notice;
        report.stories_touched = stored.stories_touched;
        report.read = shared.read.load(Ordering::Relaxed);
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// The near-duplicate and story state as of the last stored article: the
    /// last snapshot, plus the stored articles after it replayed through it.
    /// The clusterer and the duplicate index are deterministic, so replaying
    /// the same articles in the same order gives the same decisions the
    /// interrupted run made (and stored).
    fn story_state(&self) -> Result<StoryState> {
        let location = self.store.location();
        let mut state = match self.store.meta(STATE_KEY)? {
            Some(bytes) => {
                StoryState::load(&bytes).map_err(|reason| CorpusError::ClustererState { location, reason })?
            }
            None => StoryState::new(),
        };
        loop {
            let page = self.store.articles_after(state.seq, crate::PAGE)?;
            let Some(last) = page.last() else { break };
            let last = last.seq;
            for a in &page {
                let prepared = parts::prepare(&a.article, &a.extraction, None, state.params());
                state.insert_dup(&prepared);
                state.assign(&prepared, a.dup_of.as_deref());
            }
            state.seq = last;
        }
        Ok(state)
    }

    /// Take the index writer and let the index catch up with the database
    /// first.
    fn start_storer<'a>(&'a self, opts: &'a IngestOptions, shared: &'a Shared) -> Result<Storer<'a>> {
        let mut report = IngestReport::default();
        let dir = self.home.join(INDEX_DIR);
        let index = match self.index() {
            Ok(index) => match index.writer() {
                Ok(mut w) => {
                    let from = index.watermark().unwrap_or(0);
                    let max_seq = self.store.max_seq()?;
                    if from < max_seq {
                        self.feed(&mut w, from, &|_, _| {})?;
                    }
                    Some(w)
                }
                // Two ingests at once would interleave in the database and
                // leave one of them unindexed: refuse the second.
                Err(e @ rasid_index::IndexError::Locked { .. }) => {
                    return Err(crate::index_error(&dir, &e));
                }
                Err(e) => {
                    report.index_notice = Some(unusable_message(&dir, &e));
                    None
                }
            },
            Err(CorpusError::Index(m)) => {
                report.index_notice = Some(m);
                None
            }
            Err(e) => return Err(e),
        };
        Ok(Storer {
            corpus: self,
            opts,
            shared,
            index,
            uncommitted: 0,
            last_commit: Instant::now(),
            max_seq: self.store.max_seq()?,
            stories: BTreeSet::new(),
            report,
        })
    }
}

/// The reader thread: items in, work or immediate outcomes out.
fn read_items(
    items: impl Iterator<Item = Item>,
    store: &dyn Store,
    work: &Sender<Work>,
    done: &Sender<Done>,
    read_count: &AtomicU64,
) {
    for (ord, item) in (0u64..).zip(items) {
        let sent = match item {
            Item::Problem(origin, reason) => {
                done.send(Done { ord, outcome: Outcome::Problem(origin.to_string(), reason) }).is_ok()
            }
            Item::Article(article, origin) => {
                read_count.fetch_add(1, Ordering::Relaxed);
                let hash = content_hash(&article);
                // A failed lookup only costs a needless extraction: the writer decides.
                let stored =
                    store.hashes(&[article.id.as_str()]).ok().and_then(|mut m| m.remove(&article.id));
                if stored.as_deref() == Some(hash.as_str()) {
                    done.send(Done { ord, outcome: Outcome::Unchanged }).is_ok()
                } else {
                    work.send(Work { ord, article, origin: origin.to_string(), hash }).is_ok()
                }
            }
        };
        if !sent {
            return; // the writer stopped
        }
    }
}

/// An extraction worker: extraction, its JSON and the article's prepared
/// story features. A panic on one article is that article's problem.
fn extract_items(extractor: &Extractor, params: &StoryParams, work: &Receiver<Work>, done: &Sender<Done>) {
    for w in work {
        let outcome = match catch_unwind(AssertUnwindSafe(|| {
            let (extraction, folded) = extractor.extract_folded(&w.article);
            let prepared = parts::prepare(&w.article, &extraction, Some(&folded), params);
            let json = rasid_store::extraction_json(&extraction);
            (extraction, json, prepared)
        })) {
            Ok((extraction, Ok(json), prepared)) => Outcome::Extracted(Box::new(Extracted {
                article: w.article,
                hash: w.hash,
                extraction,
                json,
                prepared,
            })),
            Ok((_, Err(reason), _)) => Outcome::Problem(
                w.origin,
                format!("internal error: the extraction does not serialize ({reason})"),
            ),
            Err(_) => Outcome::Problem(
                w.origin,
                "internal error: the extractor panicked on this article (please report it)".to_string(),
            ),
        };
        if done.send(Done { ord: w.ord, outcome }).is_err() {
            return;
        }
    }
}

impl Decider<'_> {
    /// Receive outcomes until every sender is gone, in input order.
    fn run(&mut self, done: &Receiver<Done>, progress: &dyn Fn(&IngestReport)) -> Result<()> {
        let mut pending: BTreeMap<u64, Outcome> = BTreeMap::new();
        let mut next = 0u64;
        let mut batch: Vec<Extracted> = Vec::with_capacity(self.opts.batch_size);
        let mut since_progress = 0usize;
        loop {
            let received = match done.recv_timeout(Duration::from_millis(500)) {
                Ok(d) => Some(d),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let idle = received.is_none();
            if let Some(d) = received {
                pending.insert(d.ord, d.outcome);
            }
            while let Some(outcome) = pending.remove(&next) {
                next += 1;
                since_progress += 1;
                match outcome {
                    Outcome::Extracted(e) => batch.push(*e),
                    Outcome::Unchanged => self.report.unchanged += 1,
                    Outcome::Problem(origin, reason) => self.report.problems.push((origin, reason)),
                }
                if batch.len() >= self.opts.batch_size {
                    self.flush(std::mem::take(&mut batch))?;
                    progress(&self.report);
                    since_progress = 0;
                }
            }
            // A slow source (stdin, a feed) still gets stored regularly.
            if idle && !batch.is_empty() {
                self.flush(std::mem::take(&mut batch))?;
            }
            if since_progress >= 500 || idle {
                progress(&self.report);
                since_progress = 0;
            }
        }
        // Every sender is gone, so everything sent has been received.
        while let Some((_, outcome)) = pending.pop_first() {
            match outcome {
                Outcome::Extracted(e) => batch.push(*e),
                Outcome::Unchanged => self.report.unchanged += 1,
                Outcome::Problem(origin, reason) => self.report.problems.push((origin, reason)),
            }
        }
        if !batch.is_empty() {
            self.flush(batch)?;
        }
        progress(&self.report);
        Ok(())
    }

    /// Forget the in-flight ids of the batches the storer has committed (the
    /// database answers for them now).
    fn prune_in_flight(&mut self) {
        let committed = self.shared.committed_batches.load(Ordering::Acquire);
        while let Some((no, _)) = self.in_flight_batches.front()
            && *no < committed
        {
            let Some((no, ids)) = self.in_flight_batches.pop_front() else { break };
            for id in ids {
                if self.in_flight.get(&id).is_some_and(|(_, b)| *b == no) {
                    self.in_flight.remove(&id);
                }
            }
        }
    }

    /// Near-duplicates and stories for a batch, then hand it to the storer.
    fn flush(&mut self, batch: Vec<Extracted>) -> Result<()> {
        let store = self.corpus.store.as_ref();
        // Articles stored earlier in this same run (the reader checked before
        // they were), still on their way to the database, or twice in this
        // batch with the same content.
        self.prune_in_flight();
        let ids: Vec<&str> = batch.iter().map(|e| e.article.id.as_str()).collect();
        let mut known: HashMap<String, String> = store.hashes(&ids)?;
        for id in &ids {
            if let Some((hash, _)) = self.in_flight.get(*id) {
                known.insert((*id).to_string(), hash.clone());
            }
        }
        let batch_no = self.sent_batches;
        let mut sent_ids = Vec::with_capacity(batch.len());
        let mut articles = Vec::with_capacity(batch.len());
        for e in batch {
            if known.get(&e.article.id) == Some(&e.hash) {
                self.report.unchanged += 1;
                continue;
            }
            known.insert(e.article.id.clone(), e.hash.clone());
            self.in_flight.insert(e.article.id.clone(), (e.hash.clone(), batch_no));
            sent_ids.push(e.article.id.clone());
            let dup_of = self.state.insert_dup(&e.prepared);
            if dup_of.is_some() {
                self.report.duplicates += 1;
            }
            let story = self.state.assign(&e.prepared, dup_of.as_deref());
            articles.push(NewArticle {
                // The duplicate index lives in the snapshot; fingerprints are
                // recomputed from the text when replaying.
                sketch: None,
                article: e.article,
                hash: e.hash,
                extraction: e.extraction,
                extraction_json: Some(e.json),
                dup_of,
                story: Some(story),
            });
        }
        self.in_flight_batches.push_back((batch_no, sent_ids));
        self.sent_batches += 1;
        self.send(ToStore::Batch(articles))?;
        let cost = Duration::from_micros(self.shared.snapshot_cost_us.load(Ordering::Relaxed));
        if self.last_snapshot.elapsed() >= SNAPSHOT_INTERVAL.max(cost * 10) {
            self.snapshot()?;
        }
        Ok(())
    }

    /// Send a copy of the story state to be saved after the batches before
    /// it. Its size grows with the corpus, so it is sent every
    /// [`SNAPSHOT_INTERVAL`], or less often when writing it takes long,
    /// never with every batch.
    fn snapshot(&mut self) -> Result<()> {
        self.send(ToStore::Snapshot(Box::new(self.state.clone())))?;
        self.last_snapshot = Instant::now();
        Ok(())
    }

    fn send(&self, message: ToStore) -> Result<()> {
        // A closed queue means the storer stopped on an error, which the
        // caller reports (this one only says so when there is none).
        self.to_store.send(message).map_err(|_| {
            CorpusError::Store(rasid_store::StoreError::Backend {
                location: self.corpus.store.location(),
                message: "the database writer stopped".to_string(),
            })
        })
    }
}

impl Storer<'_> {
    /// Write what the decider sends, in order, until it is done; then the
    /// last index commit.
    fn run(&mut self, queue: &Receiver<ToStore>) -> Result<()> {
        for message in queue {
            match message {
                ToStore::Batch(articles) => {
                    self.write(articles)?;
                    self.shared.committed_batches.fetch_add(1, Ordering::Release);
                }
                ToStore::Snapshot(state) => self.snapshot(*state)?,
            }
        }
        self.finish();
        Ok(())
    }

    /// One database transaction, then the index.
    fn write(&mut self, articles: Vec<NewArticle>) -> Result<()> {
        let batch = WriteBatch { articles, meta: Vec::new(), refresh_stories: BTreeSet::new() };
        let outcome = self.corpus.store.write(&batch)?;
        self.max_seq = outcome.max_seq;
        self.stories.extend(outcome.stories_touched.iter().copied());
        let mut to_index = Vec::with_capacity(batch.articles.len());
        for (a, w) in batch.articles.iter().zip(&outcome.written) {
            match w {
                Written::Added { .. } => self.report.added += 1,
                Written::Replaced { .. } => self.report.replaced += 1,
                Written::Unchanged { .. } => {
                    self.report.unchanged += 1;
                    continue;
                }
            }
            to_index.push(a);
        }
        self.shared.stored.fetch_add(outcome.written.len() as u64, Ordering::Relaxed);
        self.index_articles(&to_index);
        Ok(())
    }

    /// Save the story state (in its own transaction, after the batches it
    /// covers: a crash in between only means more to replay).
    fn snapshot(&mut self, mut state: StoryState) -> Result<()> {
        let started = Instant::now();
        state.seq = self.max_seq;
        let bytes = state.save().map_err(|reason| CorpusError::ClustererState {
            location: self.corpus.store.location(),
            reason,
        })?;
        drop(state);
        let batch = WriteBatch { meta: vec![(STATE_KEY.to_string(), bytes)], ..WriteBatch::default() };
        self.corpus.store.write(&batch)?;
        let cost = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
        self.shared.snapshot_cost_us.store(cost, Ordering::Relaxed);
        Ok(())
    }

    /// Feed the index; on failure stop feeding it and say so (the database
    /// has everything: `rasid reindex` rebuilds it).
    fn index_articles(&mut self, articles: &[&NewArticle]) {
        let Some(w) = self.index.as_mut() else { return };
        let mut result = Ok(());
        for a in articles {
            let doc = parts::index_doc(
                &a.article,
                &a.extraction,
                a.extraction.article.published.as_deref(),
                a.story,
            );
            result = w.upsert(&doc);
            if result.is_err() {
                break;
            }
        }
        self.uncommitted += articles.len();
        if result.is_ok()
            && (self.uncommitted >= self.opts.index_commit_articles
                || self.last_commit.elapsed() >= self.opts.index_commit_interval)
        {
            result = w.commit(self.max_seq);
            self.uncommitted = 0;
            self.last_commit = Instant::now();
        }
        if let Err(e) = result {
            let dir = self.corpus.home.join(INDEX_DIR);
            self.report.index_notice = Some(unusable_message(&dir, &e));
            self.index = None;
        }
    }

    /// The last index commit, then wait for the index's segment merges (so
    /// the next reader opens few segments).
    fn finish(&mut self) {
        self.report.stories_touched = self.stories.len() as u64;
        if let Some(mut w) = self.index.take() {
            let result = w.commit(self.max_seq).and_then(|()| w.finish());
            if let Err(e) = result {
                let dir = self.corpus.home.join(INDEX_DIR);
                self.report.index_notice = Some(unusable_message(&dir, &e));
            }
        }
    }
}

impl Corpus {
    /// Upsert into the index every stored article after `after`, committing
    /// page by page. `progress(done, total)`; returns the count.
    pub(crate) fn feed(
        &self,
        writer: &mut IndexWriter,
        after: i64,
        progress: &dyn Fn(u64, u64),
    ) -> Result<u64> {
        let dir = self.home.join(INDEX_DIR);
        let index_error = |e: rasid_index::IndexError| crate::index_error(&dir, &e);
        let max_seq = self.store.max_seq()?;
        let total = u64::try_from(max_seq - after).unwrap_or(0);
        let mut done = 0u64;
        let mut last = after;
        loop {
            let page = self.store.articles_after(last, crate::PAGE)?;
            let Some(tail) = page.last() else { break };
            last = tail.seq;
            for a in &page {
                writer
                    .upsert(&parts::index_doc(&a.article, &a.extraction, a.day.as_deref(), a.story))
                    .map_err(index_error)?;
            }
            writer.commit(last).map_err(index_error)?;
            done += page.len() as u64;
            progress(done.min(total.max(done)), total);
        }
        Ok(done)
    }
}
