//! The embedded backend: one SQLite file in WAL mode.
//!
//! WAL lets readers see the last committed state while the writer appends,
//! so `rasid search` and `rasid ledger` keep working during `rasid ingest`.
//! There is exactly one writer connection (behind a mutex: SQLite allows one
//! writer at a time anyway, and queueing in-process is cheaper than busy
//! retries) and a small pool of read-only connections, opened on demand.
//! `synchronous=NORMAL` in WAL mode keeps every committed transaction across
//! a process crash (kill -9); only a power loss may drop the last commits,
//! never corrupt the file.

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior, params};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use rasid_model::{Article, Extraction, Figure, Mention, Span};

use crate::{
    Counts, DayRange, EntityCount, FigureRow, NewArticle, Result, Seq, Store, StoreError, StoredArticle,
    StoryId, StoryRow, WriteBatch, WriteOutcome, Written,
};

/// Schema migrations, in order: migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[include_str!("../migrations/0001_initial.sql")];
const SCHEMA_KEY: &str = "schema_version";
/// How long a connection waits for a lock held by another process (a second
/// `rasid ingest`, or a reader during a checkpoint) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// Prepared statements kept per connection. rusqlite keeps 16 by default,
/// and an ingest batch runs about as many distinct statements (the article,
/// its figures and mentions, the story refresh): one evicted is parsed and
/// planned again on its next use.
const STATEMENT_CACHE: usize = 64;
/// Idle reader connections kept open; more are opened when needed. At least
/// as many as readers usually run at once (the server runs two per core):
/// a connection opened per request and closed after it parses the schema and
/// prepares its statements again each time.
const MAX_IDLE_READERS: usize = 32;
/// Places and actors kept in a story's summary row.
const TOP_ENTITIES: usize = 5;

/// SQLite implementation of [`Store`].
pub struct SqliteStore {
    path: PathBuf,
    writer: Option<Mutex<Connection>>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .field("read_only", &self.writer.is_none())
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Open (creating it and its folder if needed) the database at `path`
    /// for reading and writing, bringing its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let location = path.display().to_string();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| StoreError::Backend { location: location.clone(), message: e.to_string() })?;
        }
        let conn = Connection::open(path).map_err(backend(&location))?;
        configure(&conn).map_err(backend(&location))?;
        // Checkpoints: SQLite's default (every 1,000 pages of WAL) ran one
        // after every ingest batch (about 1,900 pages each), copying into the
        // database again the pages that the next batches change once more
        // (indexes, story rows). Every 16,384 pages (64 MiB) copies them once
        // per eight batches or so: the checkpoints' share of an ingest's CPU
        // went from 2.8 % to 1.9 %. The WAL file is cut back to 64 MiB after.
        conn.execute_batch(
            "PRAGMA journal_mode=WAL;
             PRAGMA synchronous=NORMAL;
             PRAGMA foreign_keys=ON;
             PRAGMA temp_store=MEMORY;
             PRAGMA cache_size=-65536;
             PRAGMA wal_autocheckpoint=16384;
             PRAGMA journal_size_limit=67108864;",
        )
        .map_err(backend(&location))?;
        let mut conn = conn;
        migrate(&mut conn, &location)?;
        Ok(SqliteStore {
            path: path.to_path_buf(),
            writer: Some(Mutex::new(conn)),
            readers: Mutex::new(Vec::new()),
        })
    }

    /// Open an existing database for reading only (no writer connection, no
    /// migration). Fails if there is no database at `path`.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore> {
        let location = path.display().to_string();
        if !path.is_file() {
            return Err(StoreError::Backend {
                location,
                message: "no corpus database here (run `rasid ingest` first)".to_string(),
            });
        }
        let store = SqliteStore { path: path.to_path_buf(), writer: None, readers: Mutex::new(Vec::new()) };
        let version = store.read(|c| schema_version(c, &location))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::NewerSchema { location, found: version, known });
        }
        if version < known {
            return Err(StoreError::Backend {
                location,
                message: format!(
                    "schema version {version} is older than this rasid's ({known}): open it once for writing (e.g. `rasid ingest`) to upgrade it"
                ),
            });
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn location_str(&self) -> String {
        self.path.display().to_string()
    }

    fn open_reader(&self) -> Result<Connection> {
        let location = self.location_str();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags).map_err(backend(&location))?;
        configure(&conn).map_err(backend(&location))?;
        Ok(conn)
    }

    /// Run `f` on a pooled reader connection.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let pooled = lock(&self.readers).pop();
        let conn = match pooled {
            Some(c) => c,
            None => self.open_reader()?,
        };
        let out = f(&conn);
        let mut idle = lock(&self.readers);
        if idle.len() < MAX_IDLE_READERS {
            idle.push(conn);
        }
        out
    }

    fn read_articles(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<StoredArticle>> {
        let location = self.location_str();
        self.read(|c| {
            let mut stmt = c.prepare_cached(sql).map_err(backend(&location))?;
            let rows = stmt.query_map(params, raw_article).map_err(backend(&location))?;
            let mut out = Vec::new();
            for row in rows {
                out.push(row.map_err(backend(&location))?.finish(&location)?);
            }
            Ok(out)
        })
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock cannot leave a connection half-used in
    // a way SQLite does not recover from (an open transaction rolls back on
    // drop), so a poisoned lock is still usable.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn backend(location: &str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |e| StoreError::Backend { location: location.to_string(), message: e.to_string() }
}

fn corrupt(location: &str, what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt { location: location.to_string(), what: what.to_string(), message: e.to_string() }
}

/// Settings of every connection, writer or reader.
///
/// Query planner stability (`SQLITE_DBCONFIG_ENABLE_QPSG`): without it,
/// SQLite plans some statements for the values bound to them (a join, or a
/// `GROUP BY` next to a constant, compares the parameter with the constant)
/// and marks them to be parsed and planned again whenever a parameter gets
/// a new value. Every story refresh binds a new story id, so its statements
/// were prepared afresh on each run: 5 % of an ingest's CPU. The plans here
/// do not depend on values (no `ANALYZE` statistics are kept), so one plan
/// per statement loses nothing.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

fn schema_version(conn: &Connection, location: &str) -> Result<i64> {
    let has_meta: bool = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'", [], |r| r.get(0))
        .map_err(backend(location))?;
    if !has_meta {
        return Ok(0);
    }
    let value: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [SCHEMA_KEY], |r| r.get(0))
        .optional()
        .map_err(backend(location))?;
    match value {
        None => Ok(0),
        Some(v) => std::str::from_utf8(&v)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| corrupt(location, "schema version", String::from_utf8_lossy(&v))),
    }
}

/// Apply the migrations the database has not seen, each in its own transaction.
fn migrate(conn: &mut Connection, location: &str) -> Result<()> {
    let version = schema_version(conn, location)?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::NewerSchema { location: location.to_string(), found: version, known });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(usize::try_from(version).unwrap_or(0)) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(backend(location))?;
        tx.execute_batch(sql).map_err(backend(location))?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![SCHEMA_KEY, (i + 1).to_string().into_bytes()],
        )
        .map_err(backend(location))?;
        tx.commit().map_err(backend(location))?;
    }
    Ok(())
}

const ARTICLE_COLUMNS: &str =
    "seq, id, outlet, published, day, title, url, text, hash, extraction, dup_of, story";

/// An article row before its extraction JSON is parsed (parsing errors are
/// ours, not rusqlite's).
struct RawArticle {
    seq: Seq,
    article: Article,
    day: Option<String>,
    hash: String,
    extraction: String,
    dup_of: Option<String>,
    story: Option<StoryId>,
}

impl RawArticle {
    fn finish(self, location: &str) -> Result<StoredArticle> {
        let extraction: Extraction = serde_json::from_str(&self.extraction)
            .map_err(|e| corrupt(location, &format!("extraction of article {}", self.article.id), e))?;
        Ok(StoredArticle {
            seq: self.seq,
            article: self.article,
            day: self.day,
            hash: self.hash,
            extraction,
            dup_of: self.dup_of,
            story: self.story,
        })
    }
}

fn raw_article(r: &Row<'_>) -> rusqlite::Result<RawArticle> {
    Ok(RawArticle {
        seq: r.get(0)?,
        article: Article {
            id: r.get(1)?,
            outlet: r.get(2)?,
            published: r.get(3)?,
            title: r.get(5)?,
            url: r.get(6)?,
            text: r.get(7)?,
        },
        day: r.get(4)?,
        hash: r.get(8)?,
        extraction: r.get(9)?,
        dup_of: r.get(10)?,
        story: r.get(11)?,
    })
}

/// Whether a figure lies inside a passage that repeats an earlier one.
fn in_repeat(figure: &Figure, extraction: &Extraction) -> bool {
    extraction.repeats.iter().any(|r| r.span.contains(&figure.span))
}

/// Insert one article with its figures and mentions; returns its `seq`.
fn insert_article(tx: &Transaction<'_>, a: &NewArticle, location: &str) -> Result<Seq> {
    let serialized;
    let json = match &a.extraction_json {
        Some(json) => json.as_str(),
        None => {
            serialized = crate::extraction_json(&a.extraction)
                .map_err(|e| corrupt(location, &format!("extraction of article {}", a.article.id), e))?;
            serialized.as_str()
        }
    };
    let art = &a.article;
    tx.prepare_cached(
        "INSERT INTO articles(id, outlet, published, day, title, url, text, hash, extraction, dup_of, story, sketch, figures)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )
    .and_then(|mut s| {
        s.execute(params![
            art.id,
            art.outlet,
            art.published,
            a.extraction.article.published,
            art.title,
            art.url,
            art.text,
            a.hash,
            json,
            a.dup_of,
            a.story,
            a.sketch,
            a.extraction.figures.len() as i64,
        ])
    })
    .map_err(backend(location))?;
    let seq = tx.last_insert_rowid();

    let mut fig = tx
        .prepare_cached(
            "INSERT INTO figures(article_seq, idx, category, who, value, low, high, approx, source, place_ar, place_en,
                                 period_from, period_to, span_start, span_end, text, in_repeat)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )
        .map_err(backend(location))?;
    for (idx, f) in a.extraction.figures.iter().enumerate() {
        let period = f.period.as_ref();
        fig.execute(params![
            seq,
            idx as i64,
            f.category,
            f.who,
            finite(f.value),
            f.low.map(finite),
            f.high.map(finite),
            f.approx.as_str(),
            f.source,
            f.place.as_ref().map(|p| p.ar.as_str()),
            f.place.as_ref().map(|p| p.en.as_str()),
            period.and_then(|p| p.from.as_deref()),
            period.and_then(|p| p.to.as_deref()),
            f.span.start as i64,
            f.span.end as i64,
            f.text,
            in_repeat(f, &a.extraction),
        ])
        .map_err(backend(location))?;
    }

    let mut men = tx
        .prepare_cached(
            "INSERT INTO mentions(article_seq, kind, entity, ar, en, type, count, span_start, span_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .map_err(backend(location))?;
    for (kind, mentions) in
        [("place", &a.extraction.places), ("actor", &a.extraction.actors), ("person", &a.extraction.persons)]
    {
        for (m, count, first) in per_entity(mentions) {
            men.execute(params![
                seq,
                kind,
                m.id,
                m.ar,
                m.en,
                m.kind,
                count as i64,
                first.start as i64,
                first.end as i64
            ])
            .map_err(backend(location))?;
        }
    }
    Ok(seq)
}

/// SQLite stores NaN as NULL, which the NOT NULL column refuses; the contract
/// never produces one, but a stored row must not fail because of it.
fn finite(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

/// One entry per entity id: the first mention, how many, and the earliest span.
fn per_entity(mentions: &[Mention]) -> Vec<(&Mention, usize, Span)> {
    let mut by_id: BTreeMap<&str, (&Mention, usize, Span)> = BTreeMap::new();
    for m in mentions {
        by_id
            .entry(m.id.as_str())
            .and_modify(|(_, n, first)| {
                *n += 1;
                if m.span.start < first.start {
                    *first = m.span;
                }
            })
            .or_insert((m, 1, m.span));
    }
    by_id.into_values().collect()
}

// The statements of `refresh_story`, named so that a test can check their
// plans are kept (see `configure`).
const STORY_COUNTS_SQL: &str = "SELECT count(*), min(day), max(day) FROM articles WHERE story = ?1";

const STORY_DELETE_SQL: &str = "DELETE FROM stories WHERE id = ?1";

const STORY_TITLE_SQL: &str =
    "SELECT CASE WHEN title IS NOT NULL AND trim(title) <> '' THEN title ELSE substr(text, 1, 80) END
             FROM articles WHERE story = ?1
             ORDER BY (title IS NULL OR trim(title) = ''), day IS NULL, day, seq LIMIT 1";

const STORY_OUTLETS_SQL: &str = "SELECT outlet FROM articles WHERE story = ?1 AND outlet IS NOT NULL
             GROUP BY outlet ORDER BY count(*) DESC, outlet";

// CROSS JOIN fixes the loop order: the story's articles (a few,
// by `articles_story`), then their mentions by primary key.
// Left to itself the planner walks every mention of the kind
// (`mentions_entity`) and reads each one's article row: a scan
// of the whole corpus per story refresh, quadratic over an ingest.
const STORY_TOP_SQL: &str = "SELECT m.entity, min(m.ar), min(m.en), count(*) AS n
             FROM articles a CROSS JOIN mentions m ON m.article_seq = a.seq AND m.kind = ?2
             WHERE a.story = ?1
             GROUP BY m.entity ORDER BY n DESC, m.entity LIMIT ?3";

const STORY_UPSERT_SQL: &str =
    "INSERT INTO stories(id, title, first, last, articles, outlets, top_places, top_actors, updated_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(id) DO UPDATE SET title = excluded.title, first = excluded.first, last = excluded.last,
           articles = excluded.articles, outlets = excluded.outlets, top_places = excluded.top_places,
           top_actors = excluded.top_actors, updated_seq = excluded.updated_seq";

/// Recompute one story's summary row from its articles (or remove it when
/// it has none left).
fn refresh_story(tx: &Transaction<'_>, id: StoryId, max_seq: Seq, location: &str) -> Result<()> {
    let b = backend(location);
    let (count, first, last): (i64, Option<String>, Option<String>) = tx
        .prepare_cached(STORY_COUNTS_SQL)
        .and_then(|mut s| s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))))
        .map_err(&b)?;
    if count == 0 {
        tx.prepare_cached(STORY_DELETE_SQL).and_then(|mut s| s.execute([id])).map_err(&b)?;
        return Ok(());
    }
    let title: String =
        tx.prepare_cached(STORY_TITLE_SQL).and_then(|mut s| s.query_row([id], |r| r.get(0))).map_err(&b)?;
    let outlets: Vec<String> = tx
        .prepare_cached(STORY_OUTLETS_SQL)
        .and_then(|mut s| s.query_map([id], |r| r.get(0))?.collect())
        .map_err(&b)?;
    let top = |kind: &str| -> Result<Vec<EntityCount>> {
        tx.prepare_cached(STORY_TOP_SQL)
            .and_then(|mut s| {
                s.query_map(params![id, kind, TOP_ENTITIES as i64], |r| {
                    Ok(EntityCount { id: r.get(0)?, ar: r.get(1)?, en: r.get(2)?, articles: r.get(3)? })
                })?
                .collect()
            })
            .map_err(&b)
    };
    let places = top("place")?;
    let actors = top("actor")?;
    tx.prepare_cached(STORY_UPSERT_SQL)
        .and_then(|mut s| {
            s.execute(params![
                id,
                title,
                first,
                last,
                count,
                json(&outlets),
                json(&places),
                json(&actors),
                max_seq
            ])
        })
        .map_err(&b)?;
    Ok(())
}

/// Serialising our own plain vectors of strings and numbers cannot fail.
fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".to_string())
}

fn story_row(r: &Row<'_>) -> rusqlite::Result<(StoryRow, [String; 3])> {
    Ok((
        StoryRow {
            id: r.get(0)?,
            title: r.get(1)?,
            first: r.get(2)?,
            last: r.get(3)?,
            articles: r.get(4)?,
            outlets: Vec::new(),
            top_places: Vec::new(),
            top_actors: Vec::new(),
        },
        [r.get(5)?, r.get(6)?, r.get(7)?],
    ))
}

fn finish_story(
    (mut row, [outlets, places, actors]): (StoryRow, [String; 3]),
    location: &str,
) -> Result<StoryRow> {
    let what = format!("summary of story {}", row.id);
    row.outlets = serde_json::from_str(&outlets).map_err(|e| corrupt(location, &what, e))?;
    row.top_places = serde_json::from_str(&places).map_err(|e| corrupt(location, &what, e))?;
    row.top_actors = serde_json::from_str(&actors).map_err(|e| corrupt(location, &what, e))?;
    Ok(row)
}

const STORY_COLUMNS: &str = "id, title, first, last, articles, outlets, top_places, top_actors";

impl Store for SqliteStore {
    fn location(&self) -> String {
        self.location_str()
    }

    fn write(&self, batch: &WriteBatch) -> Result<WriteOutcome> {
        let location = self.location_str();
        let Some(writer) = &self.writer else {
            return Err(StoreError::ReadOnly { location });
        };
        let mut conn = lock(writer);
        let b = backend(&location);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(&b)?;
        let mut refresh = batch.refresh_stories.clone();
        let mut written = Vec::with_capacity(batch.articles.len());
        for a in &batch.articles {
            let existing: Option<(Seq, String, Option<StoryId>)> = tx
                .prepare_cached("SELECT seq, hash, story FROM articles WHERE id = ?1")
                .and_then(|mut s| {
                    s.query_row([&a.article.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()
                })
                .map_err(&b)?;
            let outcome = match existing {
                Some((seq, hash, _)) if hash == a.hash => {
                    written.push(Written::Unchanged { seq });
                    continue;
                }
                Some((old_seq, _, old_story)) => {
                    tx.prepare_cached("DELETE FROM articles WHERE seq = ?1")
                        .and_then(|mut s| s.execute([old_seq]))
                        .map_err(&b)?;
                    refresh.extend(old_story);
                    let seq = insert_article(&tx, a, &location)?;
                    Written::Replaced { seq, old_story }
                }
                None => Written::Added { seq: insert_article(&tx, a, &location)? },
            };
            refresh.extend(a.story);
            written.push(outcome);
        }
        for (key, value) in &batch.meta {
            tx.prepare_cached(
                "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )
            .and_then(|mut s| s.execute(params![key, value]))
            .map_err(&b)?;
        }
        let max_seq: Seq =
            tx.query_row("SELECT coalesce(max(seq), 0) FROM articles", [], |r| r.get(0)).map_err(&b)?;
        for &story in &refresh {
            refresh_story(&tx, story, max_seq, &location)?;
        }
        tx.commit().map_err(&b)?;
        Ok(WriteOutcome { written, stories_touched: refresh, max_seq })
    }

    fn hashes(&self, ids: &[&str]) -> Result<HashMap<String, String>> {
        let location = self.location_str();
        self.read(|c| {
            let mut stmt =
                c.prepare_cached("SELECT hash FROM articles WHERE id = ?1").map_err(backend(&location))?;
            let mut out = HashMap::new();
            for id in ids {
                let hash: Option<String> =
                    stmt.query_row([id], |r| r.get(0)).optional().map_err(backend(&location))?;
                if let Some(h) = hash {
                    out.insert((*id).to_string(), h);
                }
            }
            Ok(out)
        })
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        Ok(self.read_articles(&sql, [id])?.into_iter().next())
    }

    fn articles_after(&self, after: Seq, limit: usize) -> Result<Vec<StoredArticle>> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2");
        self.read_articles(&sql, params![after, clamp(limit)])
    }

    fn articles_in(&self, days: &DayRange, after: Seq, limit: usize) -> Result<Vec<StoredArticle>> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles
             WHERE seq > ?1 AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)
             ORDER BY seq LIMIT ?4"
        );
        self.read_articles(&sql, params![after, days.from, days.to, clamp(limit)])
    }

    fn sketches_after(&self, after: Seq, limit: usize) -> Result<Vec<(Seq, String, Vec<u8>)>> {
        let location = self.location_str();
        self.read(|c| {
            c.prepare_cached(
                "SELECT seq, id, sketch FROM articles WHERE seq > ?1 AND sketch IS NOT NULL ORDER BY seq LIMIT ?2",
            )
            .and_then(|mut s| {
                s.query_map(params![after, clamp(limit)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect()
            })
            .map_err(backend(&location))
        })
    }

    fn stories(&self, days: &DayRange, limit: usize) -> Result<Vec<StoryRow>> {
        let location = self.location_str();
        let sql = format!(
            "SELECT {STORY_COLUMNS} FROM stories
             WHERE (?1 IS NULL OR last >= ?1) AND (?2 IS NULL OR first <= ?2)
             ORDER BY last IS NULL, last DESC, id DESC LIMIT ?3"
        );
        self.read(|c| {
            let rows: Vec<_> = c
                .prepare_cached(&sql)
                .and_then(|mut s| {
                    s.query_map(params![days.from, days.to, clamp(limit)], story_row)?.collect()
                })
                .map_err(backend(&location))?;
            rows.into_iter().map(|r| finish_story(r, &location)).collect()
        })
    }

    fn story(&self, id: StoryId) -> Result<Option<StoryRow>> {
        let location = self.location_str();
        let sql = format!("SELECT {STORY_COLUMNS} FROM stories WHERE id = ?1");
        self.read(|c| {
            let row = c
                .prepare_cached(&sql)
                .and_then(|mut s| s.query_row([id], story_row).optional())
                .map_err(backend(&location))?;
            row.map(|r| finish_story(r, &location)).transpose()
        })
    }

    fn story_article_ids(&self, id: StoryId) -> Result<Vec<String>> {
        let location = self.location_str();
        self.read(|c| {
            c.prepare_cached("SELECT id FROM articles WHERE story = ?1 ORDER BY day IS NULL, day, seq")
                .and_then(|mut s| s.query_map([id], |r| r.get(0))?.collect())
                .map_err(backend(&location))
        })
    }

    fn story_articles(&self, id: StoryId) -> Result<Vec<StoredArticle>> {
        let sql =
            format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = ?1 ORDER BY day IS NULL, day, seq");
        self.read_articles(&sql, [id])
    }

    fn story_figures(&self, id: StoryId) -> Result<Vec<FigureRow>> {
        let location = self.location_str();
        self.read(|c| {
            c.prepare_cached(
                "SELECT a.id, a.outlet, a.day, f.idx, f.category, f.who, f.value, f.low, f.high, f.approx, f.source,
                        f.place_ar, f.place_en, f.period_from, f.period_to, f.span_start, f.span_end, f.text,
                        f.in_repeat
                 FROM figures f JOIN articles a ON a.seq = f.article_seq
                 WHERE a.story = ?1 ORDER BY a.day IS NULL, a.day, a.seq, f.idx",
            )
            .and_then(|mut s| {
                s.query_map([id], |r| {
                    Ok(FigureRow {
                        article: r.get(0)?,
                        outlet: r.get(1)?,
                        day: r.get(2)?,
                        idx: r.get(3)?,
                        category: r.get(4)?,
                        who: r.get(5)?,
                        value: r.get(6)?,
                        low: r.get(7)?,
                        high: r.get(8)?,
                        approx: r.get(9)?,
                        source: r.get(10)?,
                        place_ar: r.get(11)?,
                        place_en: r.get(12)?,
                        period_from: r.get(13)?,
                        period_to: r.get(14)?,
                        span: (to_usize(r.get(15)?), to_usize(r.get(16)?)),
                        text: r.get(17)?,
                        in_repeat: r.get(18)?,
                    })
                })?
                .collect()
            })
            .map_err(backend(&location))
        })
    }

    fn max_seq(&self) -> Result<Seq> {
        let location = self.location_str();
        self.read(|c| {
            c.query_row("SELECT coalesce(max(seq), 0) FROM articles", [], |r| r.get(0))
                .map_err(backend(&location))
        })
    }

    fn counts(&self) -> Result<Counts> {
        let location = self.location_str();
        self.read(|c| {
            let n = |table: &str| -> Result<u64> {
                let v: i64 = c
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                    .map_err(backend(&location))?;
                Ok(u64::try_from(v).unwrap_or(0))
            };
            Ok(Counts {
                articles: n("articles")?,
                figures: n("figures")?,
                mentions: n("mentions")?,
                stories: n("stories")?,
            })
        })
    }

    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let location = self.location_str();
        self.read(|c| {
            c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()
                .map_err(backend(&location))
        })
    }
}

fn clamp(limit: usize) -> i64 {
    i64::try_from(limit).unwrap_or(i64::MAX)
}

fn to_usize(v: i64) -> usize {
    usize::try_from(v).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::StatementStatus;

    /// The story refresh runs for a new story id in every batch: its
    /// statements must keep their plan across ids, not be parsed and planned
    /// again on each new binding (see [`configure`]).
    #[test]
    fn refresh_statements_are_not_prepared_again_per_story() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStore::open(&dir.path().join("rasid.db")).unwrap();
        let mut conn = lock(store.writer.as_ref().unwrap());
        for story in 1..=6i64 {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).unwrap();
            for k in 0..2 {
                tx.execute(
                    "INSERT INTO articles(id, outlet, day, title, text, hash, extraction, story)
                     VALUES (?1, ?2, '2018-03-15', ?3, 'نص', 'h', '{}', ?4)",
                    params![format!("a{story}-{k}"), format!("outlet{k}"), format!("عنوان {story}"), story],
                )
                .unwrap();
                let seq = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO mentions(article_seq, kind, entity, ar, en, type, count, span_start, span_end)
                     VALUES (?1, 'place', ?2, 'دوما', 'Douma', 'city', 1, 0, 4)",
                    params![seq, format!("p{story}")],
                )
                .unwrap();
            }
            refresh_story(&tx, story, story * 2, "test").unwrap();
            tx.commit().unwrap();
        }
        let top_places: String =
            conn.query_row("SELECT top_places FROM stories WHERE id = 6", [], |r| r.get(0)).unwrap();
        assert!(top_places.contains("\"p6\"") && top_places.contains("\"articles\":2"), "{top_places}");
        // every statement the refresh ran is in the cache: none was prepared again
        for sql in [STORY_COUNTS_SQL, STORY_TITLE_SQL, STORY_OUTLETS_SQL, STORY_TOP_SQL, STORY_UPSERT_SQL] {
            let stmt = conn.prepare_cached(sql).unwrap();
            assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0, "{sql}");
        }
    }
}
