//! The corpus end to end on small hand-written articles: ingest, idempotent
//! re-ingest, replacement, search, stories, ledger, export, index recovery,
//! readers during an ingest.

use rasid_corpus::{Corpus, CorpusError, DayRange, IngestOptions, Item, Origin, SearchQuery};
use rasid_model::Article;
use rasid_store::{NewArticle, SqliteStore, Store, WriteBatch, content_hash};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

const PLACES: [&str; 6] = ["دوما", "حرستا", "إدلب", "حلب", "درعا", "الرقة"];
const OUTLETS: [&str; 3] = ["المدن", "عنب بلدي", "سمارت"];

/// A short news-style report (our own wording), varied by `i`.
fn report(i: usize) -> Article {
    let place = PLACES[i % PLACES.len()];
    let text = format!(
        "قالت مصادر محلية إن {} مدنيين قتلوا وأصيب {} آخرون في قصف جوي استهدف مدينة {place} صباح اليوم. \
         وأضافت المصادر أن فرق الدفاع المدني انتشلت الضحايا من تحت الأنقاض، فيما نزحت عشرات العائلات نحو المناطق المجاورة.",
        3 + i % 17,
        10 + i % 23
    );
    Article {
        id: format!("r{i:04}"),
        text,
        published: Some(format!("2018-03-{:02}", 1 + i % 28)),
        outlet: Some(OUTLETS[i % OUTLETS.len()].to_string()),
        title: Some(format!("قتلى وجرحى بقصف على {place}")),
        url: None,
    }
}

fn items(articles: Vec<Article>) -> impl Iterator<Item = Item> + Send {
    articles.into_iter().map(|a| Item::Article(a, Origin { path: PathBuf::from("test"), line: None }))
}

fn ingest(corpus: &Corpus, articles: Vec<Article>) -> rasid_corpus::IngestReport {
    let opts = IngestOptions { batch_size: 7, ..IngestOptions::default() };
    corpus.ingest(items(articles), &opts, &|_| {}).expect("ingest")
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.to_string(),
        outlet: None,
        from: None,
        to: None,
        place: None,
        actor: None,
        limit: 50,
        offset: 0,
    }
}

#[test]
fn ingest_is_idempotent_and_replaces_changed_articles() {
    let home = tempfile::tempdir().expect("dir");
    let corpus = Corpus::open(home.path()).expect("open");
    let articles: Vec<Article> = (0..20).map(report).collect();
    let first = ingest(&corpus, articles.clone());
    assert_eq!((first.read, first.added, first.replaced, first.unchanged), (20, 20, 0, 0));
    assert!(first.problems.is_empty());
    assert!(first.stories_touched > 0);

    let again = ingest(&corpus, articles.clone());
    assert_eq!((again.added, again.replaced, again.unchanged), (0, 0, 20));

    let mut changed = articles[3].clone();
    changed.text.push_str(" وارتفعت الحصيلة لاحقا.");
    let third = ingest(&corpus, vec![changed.clone(), articles[4].clone()]);
    assert_eq!((third.added, third.replaced, third.unchanged), (0, 1, 1));
    let (stored, extraction) = corpus.article(&changed.id).expect("article");
    assert_eq!(stored.text, changed.text);
    assert_eq!(extraction.article.id, changed.id);

    let stats = corpus.stats().expect("stats");
    assert_eq!(stats.counts.articles, 20);
    assert_eq!(stats.index_docs, Some(20), "one index document per article, even after a replacement");
}

#[test]
fn same_id_twice_in_one_input_is_stored_once() {
    let home = tempfile::tempdir().expect("dir");
    let corpus = Corpus::open(home.path()).expect("open");
    let a = report(1);
    let mut b = a.clone();
    b.text.push_str(" تحديث.");
    let r = ingest(&corpus, vec![a.clone(), a.clone(), b.clone()]);
    assert_eq!(r.read, 3);
    assert_eq!(r.added + r.replaced + r.unchanged, 3);
    assert_eq!(corpus.stats().expect("stats").counts.articles, 1);
    assert_eq!(corpus.article(&a.id).expect("article").0.text, b.text, "the last version wins");
}

#[test]
fn search_stories_ledger_and_export_work_over_what_was_ingested() {
    let home = tempfile::tempdir().expect("dir");
    let corpus = Corpus::open(home.path()).expect("open");
    ingest(&corpus, (0..12).map(report).collect());

    let (total, hits) = corpus.search(&query("دوما")).expect("search");
    assert!(total >= 2, "{total}");
    assert!(hits.iter().all(|h| h.title.contains("دوما")));

    let stories = corpus.stories(&DayRange::default(), 100).expect("stories");
    assert!(!stories.is_empty());
    let listed: usize = stories.iter().map(|s| s.articles.len()).sum();
    assert_eq!(listed, 12, "every article is in exactly one story");
    let newest = &stories[0];
    assert!(stories.iter().all(|s| s.last <= newest.last), "newest first");
    let story = corpus.story(newest.id).expect("story");
    assert_eq!(story.articles, newest.articles);
    let ledger = serde_json::to_value(corpus.ledger(newest.id).expect("ledger")).expect("json");
    assert_eq!(ledger["story"], serde_json::json!(newest.id));
    assert!(ledger["rows"].is_array());
    assert!(matches!(corpus.story(999_999), Err(CorpusError::NoSuchStory(_))));

    let mut out = Vec::new();
    let n = corpus.export("jsonl", &DayRange::default(), &mut out).expect("export");
    assert_eq!(n, 12);
    assert_eq!(String::from_utf8(out).expect("utf8").lines().count(), 12);
    let march_first = DayRange { from: Some("2018-03-01".into()), to: Some("2018-03-01".into()) };
    let mut out = Vec::new();
    assert_eq!(corpus.export("jsonl", &march_first, &mut out).expect("export"), 1);
}

#[test]
fn a_missing_or_corrupt_index_is_reported_and_rebuilt() {
    let home = tempfile::tempdir().expect("dir");
    {
        let corpus = Corpus::open(home.path()).expect("open");
        ingest(&corpus, (0..6).map(report).collect());
    }
    let index_dir = home.path().join(rasid_corpus::INDEX_DIR);

    // corrupt: garbage where tantivy keeps its metadata
    std::fs::write(index_dir.join("meta.json"), b"{ not json").expect("corrupt");
    let reader = Corpus::open_read_only(home.path()).expect("open read-only");
    let err = reader.search(&query("دوما")).expect_err("search must fail");
    let message = err.to_string();
    assert!(message.contains("corrupt") && message.contains("rasid reindex"), "{message}");
    // everything else works
    assert!(!reader.stories(&DayRange::default(), 10).expect("stories").is_empty());
    drop(reader);

    let mut corpus = Corpus::open(home.path()).expect("open with a corrupt index");
    assert!(corpus.notices().iter().any(|n| n.contains("rasid reindex")));
    assert_eq!(corpus.reindex(&|_, _| {}).expect("reindex"), 6);
    assert!(corpus.search(&query("دوما")).expect("search").0 >= 1);
    drop(corpus);

    // missing
    std::fs::remove_dir_all(&index_dir).expect("remove");
    let reader = Corpus::open_read_only(home.path()).expect("open read-only");
    let message = reader.search(&query("دوما")).expect_err("missing").to_string();
    assert!(message.contains("missing") && message.contains("rasid reindex"), "{message}");
    drop(reader);
    let mut corpus = Corpus::open(home.path()).expect("open");
    corpus.reindex(&|_, _| {}).expect("reindex");
    assert!(corpus.search(&query("دوما")).expect("search").0 >= 1);
}

/// A crash between the database commit and the index commit: the next
/// writer open brings the index up to the database.
#[test]
fn the_index_catches_up_with_articles_it_never_saw() {
    let home = tempfile::tempdir().expect("dir");
    {
        let corpus = Corpus::open(home.path()).expect("open");
        ingest(&corpus, (0..4).map(report).collect());
    }
    // Store two more articles behind the index's back.
    {
        let store = SqliteStore::open(&home.path().join(rasid_corpus::DB_FILE)).expect("store");
        let extractor = rasid_extract::Extractor::builtin().expect("extractor");
        let articles = (100..102)
            .map(|i| {
                let mut a = report(i);
                a.title = Some("خبر لم يفهرس بعد عن سراقب".to_string());
                NewArticle {
                    hash: content_hash(&a),
                    extraction: extractor.extract(&a),
                    extraction_json: None,
                    article: a,
                    dup_of: None,
                    story: None,
                    sketch: None,
                }
            })
            .collect();
        store.write(&WriteBatch { articles, ..WriteBatch::default() }).expect("write");
    }
    let reader = Corpus::open_read_only(home.path()).expect("reader");
    assert!(reader.index_lag().expect("lag").is_some());
    assert!(reader.notices().iter().any(|n| n.contains("behind")));
    drop(reader);
    let corpus = Corpus::open(home.path()).expect("open");
    assert!(corpus.index_lag().expect("lag").is_none());
    assert!(corpus.notices().iter().any(|n| n.contains("caught up")));
    assert_eq!(corpus.search(&query("سراقب")).expect("search").0, 2);
    assert_eq!(corpus.stats().expect("stats").index_docs, Some(6));
}

/// Searches, story lists and ledgers from another handle keep answering
/// while an ingest writes.
#[test]
fn readers_keep_working_during_an_ingest() {
    let home = tempfile::tempdir().expect("dir");
    let corpus = Arc::new(Corpus::open(home.path()).expect("open"));
    ingest(&corpus, (0..5).map(report).collect());
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let corpus = Arc::clone(&corpus);
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let opts = IngestOptions { batch_size: 10, ..IngestOptions::default() };
            let r = corpus.ingest(items((5..150).map(report).collect()), &opts, &|_| {});
            done.store(true, Ordering::SeqCst);
            r
        })
    };
    let reader = Corpus::open_read_only(home.path()).expect("reader");
    let mut rounds = 0;
    while !done.load(Ordering::SeqCst) {
        reader.search(&query("قصف")).expect("search during ingest");
        let stories = reader.stories(&DayRange::default(), 5).expect("stories during ingest");
        if let Some(s) = stories.first() {
            reader.ledger(s.id).expect("ledger during ingest");
        }
        rounds += 1;
    }
    let report = writer.join().expect("join").expect("ingest");
    assert_eq!(report.added, 145);
    assert!(rounds > 0);
}
