//! Behaviour of the search index: analyzer recall, filters, snippets, upserts, the watermark,
//! corruption, concurrency. Every sentence here is written for these tests.

use std::path::Path;

use jiff::civil::date;
use rasid_index::{IndexDoc, IndexError, SearchIndex, SearchQuery};

fn doc(id: &str, title: &str, text: &str) -> IndexDoc {
    IndexDoc { id: id.to_string(), title: title.to_string(), text: text.to_string(), ..IndexDoc::default() }
}

/// A small corpus: Ghouta written four ways, plus reports that must not match it.
fn corpus() -> Vec<IndexDoc> {
    vec![
        IndexDoc {
            outlet: Some("Sky News Arabia".to_string()),
            published: Some(date(2018, 3, 15)),
            places: vec!["syr-ghouta".to_string(), "الغوطة الشرقية".to_string()],
            actors: vec!["sohr".to_string(), "المرصد السوري لحقوق الإنسان".to_string()],
            story: Some(7),
            ..doc(
                "a1",
                "نزوح آلاف المدنيين",
                "قال المرصد إن آلاف المدنيين خرجوا من بلدات محاصرة بالغوطة صباح اليوم.",
            )
        },
        IndexDoc {
            outlet: Some("Al Arabiya".to_string()),
            published: Some(date(2018, 3, 20)),
            places: vec!["syr-ghouta".to_string()],
            ..doc(
                "a2",
                "قصف متواصل",
                "تواصل القصف على الغوطة الشرقية لليوم الخامس، وأفاد مسعفون بسقوط جرحى في دوما.",
            )
        },
        IndexDoc {
            outlet: Some("BBC Arabic".to_string()),
            published: Some(date(2018, 4, 2)),
            ..doc("a3", "مساعدات", "دخلت قافلة مساعدات إلى الغُوطَة بعد أسابيع من الانتظار.")
        },
        IndexDoc {
            outlet: Some("Al Arabiya".to_string()),
            published: Some(date(2018, 4, 9)),
            actors: vec!["un".to_string(), "الأمم المتحدة".to_string()],
            ..doc("a4", "نداء أممي", "دعت الأمم المتحدة إلى إيصال الغذاء للغوطة دون تأخير.")
        },
        IndexDoc {
            outlet: Some("CNN Arabic".to_string()),
            published: Some(date(2018, 1, 5)),
            ..doc("b1", "أسعار الخبز", "ارتفعت أسعار الخبز في دمشق وحلب خلال الشتاء.")
        },
        IndexDoc {
            published: None,
            ..doc("b2", "الغوطة في العناوين", "تقرير عن اجتماع مجلس الأمن في نيويورك.")
        },
    ]
}

fn indexed(docs: &[IndexDoc]) -> SearchIndex {
    let index = SearchIndex::in_memory().expect("in-memory index");
    let mut writer = index.writer().expect("writer");
    for d in docs {
        writer.upsert(d).expect("upsert");
    }
    writer.commit(docs.len() as i64).expect("commit");
    index
}

fn ids(index: &SearchIndex, query: &SearchQuery) -> Vec<String> {
    let (_, hits) = index.search(query).expect("search");
    let mut ids: Vec<String> = hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

fn text_ids(index: &SearchIndex, text: &str) -> Vec<String> {
    ids(index, &SearchQuery::text(text))
}

#[test]
fn ghouta_finds_every_spelling_and_clitic() {
    let index = indexed(&corpus());
    let expected = vec!["a1", "a2", "a3", "a4", "b2"];
    assert_eq!(text_ids(&index, "غوطة"), expected);
    assert_eq!(text_ids(&index, "الغوطة"), expected);
    assert_eq!(text_ids(&index, "بالغوطة"), expected);
    assert_eq!(text_ids(&index, "الغُوطة"), expected);
}

#[test]
fn words_are_anded_and_relaxed_when_nothing_has_all() {
    let index = indexed(&corpus());
    assert_eq!(text_ids(&index, "الغوطة دوما"), vec!["a2"]);
    let results = index.search_detailed(&SearchQuery::text("الغوطة كلمةغيرموجودة")).expect("search");
    assert!(results.relaxed);
    assert_eq!(results.total, 5);
    let strict = index.search_detailed(&SearchQuery::text("الغوطة دوما")).expect("search");
    assert!(!strict.relaxed);
}

#[test]
fn phrases_exclusions_and_or() {
    let index = indexed(&corpus());
    assert_eq!(text_ids(&index, "\"الغوطة الشرقية\""), vec!["a2"]);
    assert_eq!(text_ids(&index, "غوطة -دوما"), vec!["a1", "a3", "a4", "b2"]);
    assert_eq!(text_ids(&index, "دمشق OR دوما"), vec!["a2", "b1"]);
}

#[test]
fn title_matches_rank_above_body_matches() {
    let index = indexed(&[
        doc("body", "تقرير", "ذكر التقرير حلب مرة واحدة بين أخبار كثيرة عن مدن أخرى ومناطق متعددة."),
        doc("title", "حلب", "ذكر التقرير أخبارا كثيرة عن مدن أخرى ومناطق متعددة وحلب أيضا."),
    ]);
    let (_, hits) = index.search(&SearchQuery::text("حلب")).expect("search");
    assert_eq!(hits.first().map(|h| h.id.as_str()), Some("title"));
}

#[test]
fn filters_by_outlet_date_place_and_actor() {
    let index = indexed(&corpus());
    let base = SearchQuery::text("غوطة");
    let outlet = SearchQuery { outlet: Some("al arabiya".to_string()), ..base.clone() };
    assert_eq!(ids(&index, &outlet), vec!["a2", "a4"]);
    let march = SearchQuery { from: Some(date(2018, 3, 1)), to: Some(date(2018, 3, 31)), ..base.clone() };
    assert_eq!(ids(&index, &march), vec!["a1", "a2"]);
    let from_april = SearchQuery { from: Some(date(2018, 4, 2)), ..base.clone() };
    assert_eq!(ids(&index, &from_april), vec!["a3", "a4"]);
    let to_march_15 = SearchQuery { to: Some(date(2018, 3, 15)), ..base.clone() };
    assert_eq!(ids(&index, &to_march_15), vec!["a1"]);
    for place in ["syr-ghouta", "الغوطة الشرقية", "الغوطه الشرقيه"] {
        let by_place = SearchQuery { place: Some(place.to_string()), ..SearchQuery::default() };
        let expected: Vec<&str> = if place == "syr-ghouta" { vec!["a1", "a2"] } else { vec!["a1"] };
        assert_eq!(ids(&index, &by_place), expected, "{place}");
    }
    for actor in ["un", "الأمم المتحدة", "UN"] {
        let by_actor = SearchQuery { actor: Some(actor.to_string()), ..base.clone() };
        assert_eq!(ids(&index, &by_actor), vec!["a4"], "{actor}");
    }
    let nobody = SearchQuery { actor: Some("nobody".to_string()), ..base.clone() };
    assert!(ids(&index, &nobody).is_empty());
    // A blank filter value is no filter.
    let blank = SearchQuery { outlet: Some("  ".to_string()), ..base };
    assert_eq!(ids(&index, &blank).len(), 5);
}

#[test]
fn blank_text_browses_newest_first() {
    let index = indexed(&corpus());
    let (total, hits) = index.search(&SearchQuery::default()).expect("search");
    assert_eq!(total, 6);
    let order: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(&order[..5], &["a4", "a3", "a2", "a1", "b1"]);
    let (total, hits) = index
        .search(&SearchQuery { outlet: Some("Al Arabiya".to_string()), ..SearchQuery::default() })
        .expect("search");
    assert_eq!(total, 2);
    assert_eq!(hits[0].id, "a4");
    // Words that are all stop words are not a blank query: nothing to search, nothing found.
    assert_eq!(index.search(&SearchQuery::text("في من")).expect("search").0, 0);
}

#[test]
fn hits_carry_stored_fields_and_highlighted_snippets() {
    let index = indexed(&corpus());
    let (_, hits) = index.search(&SearchQuery::text("غوطة")).expect("search");
    let a1 = hits.iter().find(|h| h.id == "a1").expect("a1");
    assert_eq!(a1.title, "نزوح آلاف المدنيين");
    assert_eq!(a1.outlet.as_deref(), Some("Sky News Arabia"));
    assert_eq!(a1.published, Some(date(2018, 3, 15)));
    assert_eq!(a1.story, Some(7));
    for hit in &hits {
        let chars: Vec<char> = hit.snippet.chars().collect();
        if hit.id == "b2" {
            // Matched in the title only: the opening of the text, nothing highlighted.
            assert!(hit.highlights.is_empty());
            assert!(hit.snippet.starts_with("تقرير"));
            continue;
        }
        assert_eq!(hit.highlights.len(), 1, "{}", hit.id);
        let (start, end) = hit.highlights[0];
        let word: String = chars[start..end].iter().collect();
        assert!(word.contains("غ") && word.contains("وط"), "{}: {word}", hit.id);
    }
    let a3 = hits.iter().find(|h| h.id == "a3").expect("a3");
    let (start, end) = a3.highlights[0];
    assert_eq!(a3.snippet.chars().skip(start).take(end - start).collect::<String>(), "الغُوطَة");
}

#[test]
fn snippet_of_a_long_text_is_a_passage() {
    let filler = "وتحدث السكان عن الأوضاع المعيشية الصعبة في المدينة. ".repeat(40);
    let text = format!("{filler}وسقطت قذائف على حي الميدان صباحا.\n{filler}");
    let index = indexed(&[doc("long", "تقرير", &text)]);
    let (_, hits) = index.search(&SearchQuery::text("قذائف الميدان")).expect("search");
    let hit = &hits[0];
    assert!(hit.snippet.chars().count() < 400);
    assert!(!hit.snippet.contains('\n'));
    let words: Vec<String> =
        hit.highlights.iter().map(|&(s, e)| hit.snippet.chars().skip(s).take(e - s).collect()).collect();
    assert_eq!(words, vec!["قذائف", "الميدان"]);
}

#[test]
fn upsert_replaces_by_id() {
    let index = SearchIndex::in_memory().expect("index");
    let mut writer = index.writer().expect("writer");
    writer.upsert(&doc("x", "أول", "نص عن حمص")).expect("upsert");
    writer.upsert(&doc("x", "ثان", "نص عن درعا")).expect("upsert");
    writer.commit(1).expect("commit");
    assert_eq!(index.doc_count(), 1);
    writer.upsert(&doc("x", "ثالث", "نص عن درعا مرة أخرى")).expect("upsert");
    writer.commit(2).expect("commit");
    assert_eq!(index.doc_count(), 1);
    assert!(text_ids(&index, "حمص").is_empty());
    let (_, hits) = index.search(&SearchQuery::text("درعا")).expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "ثالث");
    writer.delete("x");
    writer.commit(3).expect("commit");
    assert_eq!(index.doc_count(), 0);
    assert!(matches!(writer.upsert(&doc("", "t", "x")), Err(IndexError::InvalidDoc { .. })));
}

#[test]
fn clear_empties_the_index_at_commit() {
    let index = indexed(&corpus());
    let mut writer = index.writer().expect("writer");
    writer.clear().expect("clear");
    assert_eq!(index.doc_count(), 6, "not visible before the commit");
    writer.commit(0).expect("commit");
    assert_eq!(index.doc_count(), 0);
}

#[test]
fn limit_offset_and_count_only() {
    let docs: Vec<IndexDoc> =
        (0..30).map(|i| doc(&format!("d{i:02}"), "خبر", &format!("قصف على حمص رقم {i}"))).collect();
    let index = indexed(&docs);
    let page = |limit, offset| {
        index.search(&SearchQuery { limit, offset, ..SearchQuery::text("حمص") }).expect("search")
    };
    assert_eq!(page(10, 0).1.len(), 10);
    assert_eq!(page(10, 25).1.len(), 5);
    let (total, hits) = page(0, 0);
    assert_eq!((total, hits.len()), (30, 0));
    let (total, hits) = page(usize::MAX, usize::MAX);
    assert_eq!((total, hits.len()), (30, 0));
    assert_eq!(page(usize::MAX, 0).1.len(), 30);
}

#[test]
fn watermark_is_the_commit_payload_and_survives_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    {
        let index = SearchIndex::open_or_create(&path).expect("create");
        assert_eq!(index.watermark(), None);
        let mut writer = index.writer().expect("writer");
        writer.upsert(&corpus()[0]).expect("upsert");
        writer.commit(41).expect("commit");
        assert_eq!(index.watermark(), Some(41));
        writer.upsert(&corpus()[1]).expect("upsert");
        writer.commit(42).expect("commit");
        assert_eq!(index.watermark(), Some(42));
    }
    let index = SearchIndex::open(&path).expect("open");
    assert_eq!(index.watermark(), Some(42));
    assert_eq!(index.doc_count(), 2);
}

#[test]
fn missing_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let absent = dir.path().join("nothing-here");
    assert!(matches!(SearchIndex::open(&absent), Err(IndexError::Missing { .. })));
    assert!(matches!(SearchIndex::open(dir.path()), Err(IndexError::Missing { .. })));
    // open_or_create makes it.
    let index = SearchIndex::open_or_create(&absent).expect("create");
    assert_eq!(index.doc_count(), 0);
    assert!(SearchIndex::open(&absent).is_ok());
}

/// A committed on-disk index of the test corpus, returned with the files its segments use.
/// Replaces a file's bytes through a new inode (write aside, rename over), as a
/// damaging crash or a restore from backup would. Writing in place would
/// truncate a file that a reader of an earlier iteration may still have
/// memory-mapped, and touching a truncated mapping is SIGBUS, not an error
/// tantivy can report.
fn replace_file(file: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    let aside = file.with_extension("replacing");
    std::fs::write(&aside, bytes)?;
    std::fs::rename(&aside, file)
}

fn committed_index(path: &Path) -> Vec<std::path::PathBuf> {
    let index = SearchIndex::open_or_create(path).expect("create");
    let mut writer = index.writer().expect("writer");
    for d in corpus() {
        writer.upsert(&d).expect("upsert");
    }
    writer.commit(6).expect("commit");
    writer.finish().expect("finish");
    drop(index);
    let mut files: Vec<_> = std::fs::read_dir(path)
        .expect("read_dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            !name.starts_with('.') && name != "meta.json"
        })
        .collect();
    files.sort();
    files
}

fn assert_corrupt(path: &Path, what: &str) {
    for opened in [SearchIndex::open_or_create(path), SearchIndex::open(path)] {
        match opened {
            Err(IndexError::Corrupt { dir, reason }) => {
                assert_eq!(dir, path);
                assert!(!reason.is_empty());
            }
            Err(other) => panic!("{what}: expected Corrupt, got {other}"),
            Ok(_) => panic!("{what}: a damaged index opened"),
        }
    }
}

#[test]
fn garbage_meta_json_is_corrupt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    committed_index(&path);
    std::fs::write(path.join("meta.json"), b"{\"segments\": [garbage").expect("write");
    assert_corrupt(&path, "garbage meta.json");
    std::fs::write(path.join("meta.json"), b"").expect("write");
    assert_corrupt(&path, "empty meta.json");
}

#[test]
fn missing_meta_json_with_segments_is_corrupt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    committed_index(&path);
    std::fs::remove_file(path.join("meta.json")).expect("remove");
    assert_corrupt(&path, "meta.json deleted");
}

#[test]
fn every_missing_segment_file_is_corrupt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    let files = committed_index(&path);
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let saved = std::fs::read(&file).expect("read");
        std::fs::remove_file(&file).expect("remove");
        assert_corrupt(&path, &format!("{} missing", file.display()));
        replace_file(&file, saved).expect("restore");
    }
    assert!(SearchIndex::open(&path).is_ok(), "restored index opens again");
}

#[test]
fn every_truncated_segment_file_is_corrupt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    let files = committed_index(&path);
    for file in files {
        let saved = std::fs::read(&file).expect("read");
        for keep in [0, 3, saved.len() / 2, saved.len().saturating_sub(1)] {
            replace_file(&file, &saved[..keep]).expect("truncate");
            assert_corrupt(&path, &format!("{} cut to {keep} bytes", file.display()));
        }
        replace_file(&file, saved).expect("restore");
    }
    let index = SearchIndex::open(&path).expect("restored");
    index.verify().expect("restored index verifies");
}

#[test]
fn damaged_bytes_are_caught_by_verify_and_never_panic_a_search() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    let files = committed_index(&path);
    for file in files {
        let saved = std::fs::read(&file).expect("read");
        let mut damaged = saved.clone();
        // Same length, sound footer, garbage in the first half.
        for byte in damaged.iter_mut().take(saved.len() / 2) {
            *byte = !*byte;
        }
        replace_file(&file, &damaged).expect("damage");
        match SearchIndex::open(&path) {
            Err(IndexError::Corrupt { .. }) => {}
            Err(other) => panic!("{}: expected Corrupt, got {other}", file.display()),
            Ok(index) => {
                let verified = index.verify();
                assert!(
                    matches!(verified, Err(IndexError::Corrupt { .. })),
                    "{}: {verified:?}",
                    file.display()
                );
                for text in ["غوطة", "\"الغوطة الشرقية\"", ""] {
                    match index.search(&SearchQuery::text(text)) {
                        Ok(_) | Err(IndexError::Corrupt { .. }) => {}
                        Err(other) => panic!("{}: search failed with {other}", file.display()),
                    }
                }
            }
        }
        replace_file(&file, saved).expect("restore");
    }
}

#[test]
fn a_foreign_schema_is_corrupt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut builder = tantivy::schema::Schema::builder();
    builder.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(dir.path(), builder.build()).expect("foreign index");
    assert_corrupt(dir.path(), "foreign schema");
}

#[test]
fn second_writer_is_locked_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open_or_create(dir.path()).expect("create");
    let writer = index.writer().expect("first writer");
    assert!(matches!(index.writer(), Err(IndexError::Locked { .. })));
    drop(writer);
    assert!(index.writer().is_ok());
}

#[test]
fn searches_keep_working_while_another_thread_commits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::open_or_create(dir.path()).expect("create");
    let batches = 20;
    let per_batch = 25;
    let writer_index = index.clone();
    let writer = std::thread::spawn(move || {
        let mut writer = writer_index.writer().expect("writer");
        for batch in 0..batches {
            for i in 0..per_batch {
                let n = batch * per_batch + i;
                writer
                    .upsert(&doc(&format!("w{n}"), "خبر عاجل", &format!("قصف على إدلب في اليوم {n}")))
                    .expect("upsert");
            }
            writer.commit(i64::from(batch + 1)).expect("commit");
        }
    });
    let mut searches = 0;
    let mut last_total = 0;
    while !writer.is_finished() || searches == 0 {
        let (total, hits) = index.search(&SearchQuery::text("إدلب")).expect("search during writes");
        assert!(total >= last_total, "a reader went back in time: {total} < {last_total}");
        assert!(hits.len() <= 10);
        last_total = total;
        searches += 1;
    }
    writer.join().expect("writer thread");
    let (total, _) = index.search(&SearchQuery::text("إدلب")).expect("search");
    assert_eq!(total, (batches * per_batch) as usize);
    assert_eq!(index.watermark(), Some(i64::from(batches)));
    assert!(searches > 1, "searched {searches} times");
}

#[test]
fn a_reader_in_another_handle_sees_commits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let writing = SearchIndex::open_or_create(dir.path()).expect("create");
    let reading = SearchIndex::open(dir.path()).expect("open");
    let mut writer = writing.writer().expect("writer");
    writer.upsert(&doc("z", "خبر", "اشتباكات في منبج")).expect("upsert");
    writer.commit(1).expect("commit");
    // The other handle reloads when its file watcher sees meta.json change.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while reading.doc_count() == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(reading.doc_count(), 1);
    assert_eq!(reading.watermark(), Some(1));
}

#[test]
fn handles_can_be_shared_across_threads() {
    fn shareable<T: Clone + Send + Sync + 'static>() {}
    fn sendable<T: Send + 'static>() {}
    shareable::<SearchIndex>();
    sendable::<rasid_index::IndexWriter>();
}
