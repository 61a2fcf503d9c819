//! The corpus commands through the real binary: bad input in a folder,
//! kill -9 in the middle of an ingest, the JSON shapes, exit codes.

use rasid_corpus::Corpus;
use rasid_store::{SqliteStore, Store};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn rasid(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rasid"));
    c.arg("--home").arg(home).arg("--quiet").env_remove("RASID_HOME");
    c
}

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run rasid")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const PLACES: [&str; 5] = ["دوما", "إدلب", "حلب", "درعا", "الرقة"];

/// One JSON line of a news-style report in our own words.
fn line(i: usize) -> String {
    let place = PLACES[i % PLACES.len()];
    let outlet = ["المدن", "عنب بلدي", "سمارت"][i % 3];
    let text = format!(
        "أفادت مصادر محلية بمقتل {} مدنيين وإصابة {} آخرين جراء قصف استهدف أحياء في {place}. وقال ناشطون إن الطيران شن {} غارات منذ الصباح.",
        2 + i % 19,
        5 + i % 31,
        1 + i % 7
    );
    let article = serde_json::json!({
        "id": format!("k{i:05}"),
        "text": text,
        "published": format!("2019-0{}-{:02}", 1 + i % 9, 1 + i % 28),
        "outlet": outlet,
        "title": format!("قصف على {place}"),
    });
    article.to_string()
}

fn write_jsonl(path: &Path, range: std::ops::Range<usize>) {
    let mut f = std::fs::File::create(path).expect("create");
    for i in range {
        writeln!(f, "{}", line(i)).expect("write");
    }
}

#[test]
fn a_folder_with_bad_files_is_ingested_around_them() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("input");
    std::fs::create_dir_all(input.join("sub")).expect("mkdir");
    std::fs::write(input.join("good.txt"), "قتل خمسة مدنيين في قصف على بلدة في ريف إدلب اليوم.").expect("w");
    write_jsonl(&input.join("sub/good.jsonl"), 0..3);
    std::fs::write(input.join("bad-utf8.txt"), b"\xd9\x82\xd8\xaa\xd9\x84 \xff\xfe broken").expect("w");
    std::fs::write(input.join("broken.html"), b"<html><body><div><p>\x00\x01\x02<<<>>></div").expect("w");
    std::fs::write(input.join("huge.txt"), "ا".repeat(4_000)).expect("w");
    // a gzip stream cut in the middle
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 10..40 {
        writeln!(gz, "{}", line(i)).expect("gz");
    }
    let bytes = gz.finish().expect("gz");
    std::fs::write(input.join("cut.jsonl.gz"), &bytes[..bytes.len() / 2]).expect("w");
    // unreadable (only when the test does not run as root, who reads anything)
    let locked = input.join("locked.txt");
    std::fs::write(&locked, "نص").expect("w");
    let mut perms = std::fs::metadata(&locked).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    std::fs::set_permissions(&locked, perms).expect("chmod");
    let locked_is_unreadable = std::fs::read(&locked).is_err();

    let home = dir.path().join("home");
    let out = run(rasid(&home).arg("ingest").arg(&input).args(["--max-article-bytes", "1KiB"]));
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "something was skipped: {err}");
    for bad in ["bad-utf8.txt", "huge.txt", "cut.jsonl.gz"] {
        assert!(err.contains(bad), "{bad} is named in: {err}");
    }
    if locked_is_unreadable {
        assert!(err.contains("locked.txt"), "{err}");
    }
    assert!(!err.contains("panicked"), "{err}");

    let corpus = Corpus::open_read_only(&home).expect("corpus");
    assert!(corpus.article("good").is_ok(), "the .txt file is ingested");
    for i in 0..3 {
        assert!(corpus.article(&format!("k{i:05}")).is_ok(), "the good JSON lines are ingested");
    }
    assert!(corpus.article("k00010").is_ok(), "lines before the cut are kept");

    // the same folder again: nothing new, still non-zero because of the bad files
    let again = run(rasid(&home).arg("ingest").arg(&input).args(["--max-article-bytes", "1KiB"]));
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn ingest_of_a_missing_path_is_fatal() {
    let dir = tempfile::tempdir().expect("dir");
    let out = run(rasid(&dir.path().join("home")).arg("ingest").arg(dir.path().join("nope.jsonl")));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.jsonl"));
}

#[test]
fn read_commands_need_a_corpus() {
    let dir = tempfile::tempdir().expect("dir");
    let out = run(rasid(&dir.path().join("empty")).args(["stories", "--json"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("rasid ingest"), "{}", stderr(&out));
}

#[test]
fn json_shapes_of_stories_story_ledger_and_search() {
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("in.jsonl");
    write_jsonl(&input, 0..12);
    let home = dir.path().join("home");
    let out = run(rasid(&home).arg("ingest").arg(&input));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = run(rasid(&home).args(["stories", "--json", "--limit", "100"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stories: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let list = stories.as_array().expect("array");
    assert!(!list.is_empty());
    let mut ids = 0;
    for s in list {
        let keys: Vec<&str> = s.as_object().expect("object").keys().map(String::as_str).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, ["articles", "first", "id", "last", "outlets", "title"]);
        ids += s["articles"].as_array().expect("articles").len();
    }
    assert_eq!(ids, 12);
    let id = list[0]["id"].as_i64().expect("id").to_string();

    let out = run(rasid(&home).args(["ledger", &id, "--json"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ledger: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(ledger["story"].to_string(), id);
    for row in ledger["rows"].as_array().expect("rows") {
        for key in ["category", "who", "place", "period", "low", "high", "spread", "disagree", "claims"] {
            assert!(row.get(key).is_some(), "row has {key}: {row}");
        }
        for claim in row["claims"].as_array().expect("claims") {
            for key in ["source", "value", "low", "high", "approx", "article", "outlet", "span", "copies"] {
                assert!(claim.get(key).is_some(), "claim has {key}: {claim}");
            }
        }
    }
    let out = run(rasid(&home).args(["ledger", &id, "--csv"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(rasid(&home).args(["ledger", &id]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("story {id}")));

    let out = run(rasid(&home).args(["story", &id, "--json"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let story: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(story["ledger"]["rows"].is_array());
    let out = run(rasid(&home).args(["story", "987654"]));
    assert_eq!(out.status.code(), Some(2));

    let out = run(rasid(&home).args(["search", "دوما", "--json"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(found["total"].as_u64().expect("total") >= 2);
    let out = run(rasid(&home).args(["search", "دوما", "--from", "2019-13-01"]));
    assert_eq!(out.status.code(), Some(2), "a bad date is a usage error");

    let out = run(rasid(&home).args(["export", "--format", "jsonl"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 12);
}

fn stored(home: &Path) -> u64 {
    let Ok(store) = SqliteStore::open_read_only(&home.join("rasid.db")) else { return 0 };
    store.counts().map(|c| c.articles).unwrap_or(0)
}

/// kill -9 in the middle of an ingest, then the same ingest again: every
/// article stored once, indexed once, in exactly one existing story.
#[test]
fn kill_nine_mid_ingest_loses_and_duplicates_nothing() {
    const N: usize = 1_500;
    let dir = tempfile::tempdir().expect("dir");
    let input = dir.path().join("big.jsonl");
    write_jsonl(&input, 0..N);
    let home = dir.path().join("home");

    let mut child = rasid(&home)
        .arg("ingest")
        .arg(&input)
        .args(["--batch", "50"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    let mut before_kill = 0;
    while started.elapsed() < Duration::from_secs(300) {
        before_kill = stored(&home);
        if before_kill >= 200 {
            break;
        }
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
    child.wait().expect("reap");
    let after_kill = stored(&home);
    assert!(
        after_kill > 0 && after_kill < N as u64,
        "killed mid-ingest: {before_kill} / {after_kill} of {N} stored"
    );

    let out = run(rasid(&home).arg("ingest").arg(&input));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let store = SqliteStore::open_read_only(&home.join("rasid.db")).expect("store");
    let counts = store.counts().expect("counts");
    assert_eq!(counts.articles, N as u64, "every article exactly once (ids are unique in the table)");
    let corpus = Corpus::open_read_only(&home).expect("corpus");
    assert!(corpus.index_lag().expect("lag").is_none());
    assert_eq!(corpus.stats().expect("stats").index_docs, Some(N as u64), "every article once in the index");
    for i in (0..N).step_by(97) {
        let id = format!("k{i:05}");
        let a = store.article(&id).expect("read").expect("present");
        let story = a.story.expect("every article has a story");
        let ids = store.story_article_ids(story).expect("story articles");
        assert!(ids.contains(&id), "story {story} lists {id}");
        let row = store.story(story).expect("story").expect("the story row exists");
        assert_eq!(row.articles as usize, ids.len());
    }
    let stories = corpus.stories(&rasid_corpus::DayRange::default(), usize::MAX).expect("stories");
    let listed: usize = stories.iter().map(|s| s.articles.len()).sum();
    assert_eq!(listed, N, "stories partition the articles");
}
