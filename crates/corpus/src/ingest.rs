//! The ingest pipeline.
//!
//! ```text
//! reader thread ──work (bounded)──▶ N extraction workers ──results (bounded)──▶ writer (this thread)
//!   rasid-ingest items               extract + fingerprint                      reorder → near-dups → stories
//!   unchanged articles skip ─────────────────────────────────────────────────▶  → DB batch commit → index
//! ```
//!
//! Bounded channels keep memory flat whatever the input size. The writer
//! handles articles in input order (a small reorder buffer), so near-
//! duplicate and story decisions are the same on every run. Each batch is
//! one database transaction (articles, figures, mentions, story rows); the
//! index is fed after the commit and committed every few seconds with the
//! last stored `seq` as its watermark. The near-duplicate and story state is
//! snapshotted every 30 s with the `seq` it covers; on the next start the
//! articles stored after the snapshot are replayed through it (the
//! clusterer is deterministic, so the replay makes the decisions that were
//! stored). Writing it with every batch would cost O(corpus) per batch.

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender, bounded};
use rasid_extract::Extractor;
use rasid_index::IndexWriter;
use rasid_ingest::{Item, ReadOptions};
use rasid_model::{Article, Extraction};
use rasid_store::{NewArticle, Store, WriteBatch, Written, content_hash};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::parts::{self, Fingerprint, StoryState};
use crate::{Corpus, CorpusError, INDEX_DIR, Result, unusable_message};

/// The meta key under which the near-duplicate and story state is snapshotted.
pub(crate) const STATE_KEY: &str = "stories.state";
/// The story state is snapshotted at most this often (and at the end of an
/// ingest); see [`Writer::maybe_snapshot`].
const SNAPSHOT_INTERVAL: Duration = Duration::from_secs(30);

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

struct Extracted {
    article: Article,
    hash: String,
    extraction: Extraction,
    fingerprint: Fingerprint,
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

/// The writer's state across batches.
struct Writer<'a> {
    corpus: &'a Corpus,
    opts: &'a IngestOptions,
    state: StoryState,
    last_snapshot: Instant,
    snapshot_cost: Duration,
    index: Option<IndexWriter>,
    uncommitted: usize,
    last_commit: Instant,
    max_seq: i64,
    stories: BTreeSet<i64>,
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
        let mut writer = self.start_writer(opts)?;
        let workers = match opts.workers {
            0 => std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            n => n,
        };
        let (work_tx, work_rx) = bounded::<Work>(workers * 64);
        let (done_tx, done_rx) = bounded::<Done>(workers * 64);
        let read_count = AtomicU64::new(0);

        let outcome = std::thread::scope(|scope| {
            {
                let done_tx = done_tx.clone();
                let read_count = &read_count;
                let store = self.store.as_ref();
                scope.spawn(move || read_items(items, store, &work_tx, &done_tx, read_count));
            }
            for _ in 0..workers {
                let work_rx = work_rx.clone();
                let done_tx = done_tx.clone();
                scope.spawn(move || extract_items(extractor, &work_rx, &done_tx));
            }
            drop(work_rx);
            drop(done_tx);
            let bytes = || bytes.as_ref().map_or(0, |b| b.load(Ordering::Relaxed));
            let result = writer.run(&done_rx, &|r: &IngestReport| {
                progress(&Progress {
                    read: read_count.load(Ordering::Relaxed),
                    done: r.added + r.replaced + r.unchanged,
                    problems: r.problems.len() as u64,
                    bytes: bytes(),
                });
            });
            // On an error, dropping the receiver makes the workers' and the
            // reader's sends fail, so every thread ends and the scope joins.
            drop(done_rx);
            result
        });
        outcome?;
        writer.finish()?;
        let mut report = writer.report;
        report.read = read_count.load(Ordering::Relaxed);
        report.stories_touched = writer.stories.len() as u64;
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
                let fp = parts::fingerprint(&a.article);
                state.insert_dup(&a.article.id, a.extraction.article.published.as_deref(), &fp);
                state.assign(&a.article, &a.extraction, a.dup_of.as_deref());
            }
            state.seq = last;
        }
        Ok(state)
    }

    /// Load the story state, take the index writer and let the index catch
    /// up with the database first.
    fn start_writer<'a>(&'a self, opts: &'a IngestOptions) -> Result<Writer<'a>> {
        let state = self.story_state()?;
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
        Ok(Writer {
            corpus: self,
            opts,
            state,
            last_snapshot: Instant::now(),
            snapshot_cost: Duration::ZERO,
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

/// An extraction worker. A panic on one article is that article's problem.
fn extract_items(extractor: &Extractor, work: &Receiver<Work>, done: &Sender<Done>) {
    for w in work {
        let outcome = match catch_unwind(AssertUnwindSafe(|| extractor.extract(&w.article))) {
            Ok(extraction) => {
                let fingerprint = parts::fingerprint(&w.article);
                Outcome::Extracted(Box::new(Extracted {
                    article: w.article,
                    hash: w.hash,
                    extraction,
                    fingerprint,
                }))
            }
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

impl Writer<'_> {
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

    /// Near-duplicates and stories for a batch, one database transaction,
    /// then the index.
    fn flush(&mut self, batch: Vec<Extracted>) -> Result<()> {
        let store = self.corpus.store.as_ref();
        // Articles stored earlier in this same run (the reader checked before
        // they were) or twice in this batch with the same content.
        let ids: Vec<&str> = batch.iter().map(|e| e.article.id.as_str()).collect();
        let mut known: HashMap<String, String> = store.hashes(&ids)?;
        let mut articles = Vec::with_capacity(batch.len());
        for e in batch {
            if known.get(&e.article.id) == Some(&e.hash) {
                self.report.unchanged += 1;
                continue;
            }
            known.insert(e.article.id.clone(), e.hash.clone());
            let published = e.extraction.article.published.as_deref();
            let dup_of = self.state.insert_dup(&e.article.id, published, &e.fingerprint);
            if dup_of.is_some() {
                self.report.duplicates += 1;
            }
            let story = self.state.assign(&e.article, &e.extraction, dup_of.as_deref());
            articles.push(NewArticle {
                // The duplicate index lives in the snapshot; fingerprints are
                // recomputed from the text when replaying.
                sketch: None,
                article: e.article,
                hash: e.hash,
                extraction: e.extraction,
                dup_of,
                story: Some(story),
            });
        }
        let batch = WriteBatch { articles, meta: Vec::new(), refresh_stories: BTreeSet::new() };
        let outcome = store.write(&batch)?;
        self.max_seq = outcome.max_seq;
        self.state.seq = outcome.max_seq;
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
        self.index_articles(&to_index);
        if self.last_snapshot.elapsed() >= SNAPSHOT_INTERVAL.max(self.snapshot_cost * 10) {
            self.snapshot()?;
        }
        Ok(())
    }

    /// Save the story state (in its own transaction, after the batch it
    /// covers: a crash in between only means more to replay). Its size grows
    /// with the corpus, so it is written every [`SNAPSHOT_INTERVAL`], or less
    /// often when writing it takes long, never in every batch.
    fn snapshot(&mut self) -> Result<()> {
        let started = Instant::now();
        let bytes = self.state.save().map_err(|reason| CorpusError::ClustererState {
            location: self.corpus.store.location(),
            reason,
        })?;
        let batch = WriteBatch { meta: vec![(STATE_KEY.to_string(), bytes)], ..WriteBatch::default() };
        self.corpus.store.write(&batch)?;
        self.snapshot_cost = started.elapsed();
        self.last_snapshot = Instant::now();
        Ok(())
    }

    /// Feed the index; on failure stop feeding it and say so (the database
    /// has everything: `rasid reindex` rebuilds the index).
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

    /// The last snapshot and index commit, then wait for the index's segment
    /// merges (so the next reader opens few segments).
    fn finish(&mut self) -> Result<()> {
        self.snapshot()?;
        if let Some(mut w) = self.index.take() {
            let result = w.commit(self.max_seq).and_then(|()| w.finish());
            if let Err(e) = result {
                let dir = self.corpus.home.join(INDEX_DIR);
                self.report.index_notice = Some(unusable_message(&dir, &e));
            }
        }
        Ok(())
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
