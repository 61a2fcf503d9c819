//! The SQLite backend against the Store contract: upserts, atomic batches,
//! story rows, readers during a write, schema versions, read-only opening.

use proptest::prelude::*;
use rasid_model::{Approx, Article, ArticleMeta, Extraction, Figure, Mention, Repeat, Span};
use rasid_store::{DayRange, NewArticle, SqliteStore, Store, StoreError, WriteBatch, Written, content_hash};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

fn article(id: &str, text: &str, day: &str, outlet: &str) -> Article {
    Article {
        id: id.to_string(),
        text: text.to_string(),
        published: Some(day.to_string()),
        outlet: Some(outlet.to_string()),
        title: Some(format!("عنوان {id}")),
        url: None,
    }
}

fn mention(id: &str, ar: &str, start: usize) -> Mention {
    Mention {
        span: Span::new(start, start + ar.chars().count()),
        text: ar.to_string(),
        id: id.to_string(),
        ar: ar.to_string(),
        en: id.to_string(),
        kind: "city".to_string(),
        lat: None,
        lon: None,
        admin: None,
    }
}

fn extraction(a: &Article) -> Extraction {
    let mut e = Extraction::empty(ArticleMeta {
        id: a.id.clone(),
        outlet: a.outlet.clone(),
        published: a.published.clone(),
        title: a.title.clone(),
        language: "ar".to_string(),
    });
    e.figures.push(Figure {
        span: Span::new(4, 6),
        text: "12".to_string(),
        value: 12.0,
        low: None,
        high: None,
        approx: Approx::Exact,
        category: Some("killed".to_string()),
        who: Some("civilians".to_string()),
        place: None,
        destination: None,
        source: None,
        period: None,
    });
    e.figures.push(Figure { span: Span::new(30, 32), ..e.figures[0].clone() });
    e.repeats.push(Repeat { span: Span::new(25, 40), repeats: Span::new(0, 15), kind: None });
    e.places.push(mention("douma", "دوما", 10));
    e.places.push(mention("douma", "دوما", 20));
    e.places.push(mention("ghouta", "الغوطة", 40));
    e.actors.push(mention("sohr", "المرصد", 50));
    e
}

fn new_article(a: Article, story: Option<i64>) -> NewArticle {
    let extraction = extraction(&a);
    NewArticle {
        hash: content_hash(&a),
        extraction,
        extraction_json: None,
        article: a,
        dup_of: None,
        story,
        sketch: Some(vec![1, 2, 3]),
    }
}

fn open() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = SqliteStore::open(&dir.path().join("rasid.db")).expect("open");
    (dir, store)
}

const TEXT: &str = "قتل 12 مدنيا في دوما بريف دمشق اليوم";

#[test]
fn write_then_read_back() {
    let (_dir, store) = open();
    let a = article("a1", TEXT, "2018-04-07", "المدن");
    let out =
        store.write(&WriteBatch { articles: vec![new_article(a.clone(), Some(1))], ..Default::default() });
    let out = out.expect("write");
    assert_eq!(out.written, vec![Written::Added { seq: 1 }]);
    assert_eq!(out.max_seq, 1);
    assert!(out.stories_touched.contains(&1));

    let back = store.article("a1").expect("read").expect("present");
    assert_eq!(back.article, a);
    assert_eq!(back.day.as_deref(), Some("2018-04-07"));
    assert_eq!(back.extraction, extraction(&a));
    assert_eq!(back.story, Some(1));
    assert!(store.article("nope").expect("read").is_none());

    let figures = store.story_figures(1).expect("figures");
    assert_eq!(figures.len(), 2);
    assert!(!figures[0].in_repeat);
    assert!(figures[1].in_repeat, "the second figure lies in a repeated passage");
    let counts = store.counts().expect("counts");
    assert_eq!((counts.articles, counts.figures, counts.mentions, counts.stories), (1, 2, 3, 1));
    assert_eq!(store.sketches_after(0, 10).expect("sketches"), vec![(1, "a1".to_string(), vec![1, 2, 3])]);
}

#[test]
fn upsert_is_idempotent_and_replacement_gets_a_new_seq() {
    let (_dir, store) = open();
    let a = article("a1", TEXT, "2018-04-07", "المدن");
    let b = article("b1", "نص آخر عن حلب", "2018-04-08", "عنب بلدي");
    store
        .write(&WriteBatch { articles: vec![new_article(a.clone(), Some(1))], ..Default::default() })
        .expect("w1");
    store.write(&WriteBatch { articles: vec![new_article(b, Some(2))], ..Default::default() }).expect("w2");

    let again =
        store.write(&WriteBatch { articles: vec![new_article(a.clone(), Some(1))], ..Default::default() });
    assert_eq!(again.expect("w3").written, vec![Written::Unchanged { seq: 1 }]);

    let mut changed = a.clone();
    changed.text.push_str(" وأصيب آخرون");
    let out = store
        .write(&WriteBatch { articles: vec![new_article(changed.clone(), Some(3))], ..Default::default() })
        .expect("w4");
    assert_eq!(out.written, vec![Written::Replaced { seq: 3, old_story: Some(1) }]);
    assert!(out.stories_touched.contains(&1) && out.stories_touched.contains(&3));
    assert_eq!(store.article("a1").expect("r").expect("p").article.text, changed.text);
    // the old story lost its only article: its row is gone
    assert!(store.story(1).expect("story").is_none());
    let counts = store.counts().expect("counts");
    assert_eq!((counts.articles, counts.figures, counts.stories), (2, 4, 2));
    // the index catches up from its watermark: the replacement comes after seq 2
    let after = store.articles_after(2, 10).expect("after");
    assert_eq!(after.iter().map(|x| x.article.id.as_str()).collect::<Vec<_>>(), ["a1"]);
}

#[test]
fn same_id_twice_in_one_batch_keeps_the_last() {
    let (_dir, store) = open();
    let a = article("a1", TEXT, "2018-04-07", "المدن");
    let mut a2 = a.clone();
    a2.text = "نص مختلف".to_string();
    let out = store
        .write(&WriteBatch {
            articles: vec![new_article(a, None), new_article(a2.clone(), None)],
            ..Default::default()
        })
        .expect("write");
    assert_eq!(out.written, vec![Written::Added { seq: 1 }, Written::Replaced { seq: 2, old_story: None }]);
    assert_eq!(store.counts().expect("c").articles, 1);
    assert_eq!(store.article("a1").expect("r").expect("p").article.text, a2.text);
}

#[test]
fn story_rows_summarise_their_articles() {
    let (_dir, store) = open();
    let articles = vec![
        new_article(article("x2", TEXT, "2018-04-08", "عنب بلدي"), Some(7)),
        new_article(article("x1", TEXT, "2018-04-07", "المدن"), Some(7)),
        new_article(article("x3", TEXT, "2018-04-09", "المدن"), Some(7)),
        new_article(article("y1", TEXT, "2018-03-01", "المدن"), Some(8)),
    ];
    store.write(&WriteBatch { articles, ..Default::default() }).expect("write");
    let s = store.story(7).expect("story").expect("present");
    assert_eq!(s.title, "عنوان x1", "title of the earliest article");
    assert_eq!(
        (s.first.as_deref(), s.last.as_deref(), s.articles),
        (Some("2018-04-07"), Some("2018-04-09"), 3)
    );
    assert_eq!(s.outlets, ["المدن", "عنب بلدي"]);
    assert_eq!(s.top_places[0].id, "douma");
    assert_eq!(s.top_places[0].articles, 3);
    assert_eq!(s.top_actors[0].id, "sohr");
    assert_eq!(store.story_article_ids(7).expect("ids"), ["x1", "x2", "x3"]);
    assert_eq!(store.story_articles(7).expect("articles").len(), 3);

    let all = store.stories(&DayRange::default(), 10).expect("stories");
    assert_eq!(all.iter().map(|s| s.id).collect::<Vec<_>>(), [7, 8], "newest first");
    let march = DayRange { from: Some("2018-03-01".into()), to: Some("2018-03-31".into()) };
    assert_eq!(store.stories(&march, 10).expect("stories").iter().map(|s| s.id).collect::<Vec<_>>(), [8]);
    let in_april = DayRange { from: Some("2018-04-09".into()), to: None };
    assert_eq!(store.articles_in(&in_april, 0, 10).expect("in").len(), 1);
}

#[test]
fn meta_commits_with_the_batch() {
    let (_dir, store) = open();
    store
        .write(&WriteBatch { meta: vec![("clusterer".into(), b"state-1".to_vec())], ..Default::default() })
        .expect("write");
    assert_eq!(store.meta("clusterer").expect("meta").as_deref(), Some(&b"state-1"[..]));
    assert_eq!(store.meta("schema_version").expect("meta").as_deref(), Some(&b"1"[..]));
    assert!(store.meta("missing").expect("meta").is_none());
}

#[test]
fn read_only_store_reads_but_refuses_writes() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("rasid.db");
    assert!(SqliteStore::open_read_only(&path).is_err(), "no database yet");
    {
        let store = SqliteStore::open(&path).expect("open");
        let a = article("a1", TEXT, "2018-04-07", "المدن");
        store
            .write(&WriteBatch { articles: vec![new_article(a, None)], ..Default::default() })
            .expect("write");
    }
    let ro = SqliteStore::open_read_only(&path).expect("open ro");
    assert!(ro.article("a1").expect("read").is_some());
    assert!(matches!(ro.write(&WriteBatch::default()), Err(StoreError::ReadOnly { .. })));
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("rasid.db");
    let store = SqliteStore::open(&path).expect("open");
    store
        .write(&WriteBatch { meta: vec![("schema_version".into(), b"99".to_vec())], ..Default::default() })
        .expect("w");
    drop(store);
    assert!(matches!(SqliteStore::open(&path), Err(StoreError::NewerSchema { found: 99, .. })));
    assert!(matches!(SqliteStore::open_read_only(&path), Err(StoreError::NewerSchema { .. })));
}

/// Readers see the last committed state and are never blocked by the writer,
/// even while a large batch is being written from another thread.
#[test]
fn readers_keep_working_during_writes() {
    let (_dir, store) = open();
    let store = Arc::new(store);
    store
        .write(&WriteBatch {
            articles: vec![new_article(article("seed", TEXT, "2018-01-01", "المدن"), Some(1))],
            ..Default::default()
        })
        .expect("seed");
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let store = Arc::clone(&store);
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            for batch in 0..20 {
                let articles = (0..200)
                    .map(|i| {
                        new_article(article(&format!("w{batch}-{i}"), TEXT, "2018-02-01", "المدن"), Some(2))
                    })
                    .collect();
                store.write(&WriteBatch { articles, ..Default::default() }).expect("batch");
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let mut reads = 0;
    let mut last = 0;
    while !done.load(Ordering::SeqCst) {
        assert!(store.article("seed").expect("read during write").is_some());
        let n = store.counts().expect("counts").articles;
        assert!(n >= last && (n - 1) % 200 == 0, "only whole batches are visible: {n}");
        last = n;
        reads += 1;
    }
    writer.join().expect("writer");
    assert!(reads > 0);
    assert_eq!(store.counts().expect("counts").articles, 4001);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Whatever the text, id and fields, what is stored is read back unchanged.
    #[test]
    fn any_article_round_trips(id in "\\PC{1,20}", text in "\\PC{0,200}", title in proptest::option::of("\\PC{0,30}"),
                               outlet in proptest::option::of("\\PC{0,10}"), published in proptest::option::of("\\PC{0,12}")) {
        let (_dir, store) = open();
        let a = Article { id: id.clone(), text, title, outlet, published, url: None };
        store.write(&WriteBatch { articles: vec![new_article(a.clone(), None)], ..Default::default() }).expect("write");
        let back = store.article(&id).expect("read").expect("present");
        prop_assert_eq!(back.article, a);
    }
}
