//! Reading real files and folders: every format, every kind of bad input.

use std::io::Write;
use std::path::{Path, PathBuf};

use rasid_ingest::{Article, Item, Origin, ReadOptions, count_hint, read_paths};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn read_all(paths: &[PathBuf], opts: &ReadOptions) -> Vec<Item> {
    read_paths(paths, opts).collect()
}

fn articles(items: &[Item]) -> Vec<&Article> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Article(a, _) => Some(a),
            Item::Problem(..) => None,
        })
        .collect()
}

fn problems(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Problem(origin, reason) => Some(format!("{origin}: {reason}")),
            Item::Article(..) => None,
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("gzip in memory");
    gz.finish().expect("gzip in memory")
}

fn one(path: PathBuf) -> Vec<Item> {
    read_all(&[path], &ReadOptions::default())
}

#[test]
fn news_page_keeps_the_article_and_drops_the_page() {
    let items = one(fixture("news_page.html"));
    assert!(problems(&items).is_empty(), "{:?}", problems(&items));
    let a = articles(&items)[0];
    assert_eq!(a.id, "news_page");
    assert_eq!(a.title.as_deref(), Some("مقتل ١٢ مدنياً في غارات على ريف إدلب الجنوبي"));
    assert_eq!(a.outlet.as_deref(), Some("شبكة الرصد الإخبارية"));
    assert_eq!(a.published.as_deref(), Some("2019-05-12T09:40:00+03:00"));
    assert_eq!(a.url.as_deref(), Some("https://rasd-news.example/syria/2019/05/12/idlib-raids"));
    for kept in ["قُتل ١٢ مدنياً، بينهم أربعة أطفال", "نحو ٣٠٠ عائلة نزحت", "وتشهد المنطقة منذ أسابيع"]
    {
        assert!(a.text.contains(kept), "lost {kept:?} from:\n{}", a.text);
    }
    for dropped in [
        "ملفات تعريف الارتباط",
        "اقتصاد",
        "الأكثر قراءة",
        "ارتفاع أسعار الوقود",
        "مواضيع ذات صلة",
        "قصف مدفعي على أطراف",
        "جميع الحقوق محفوظة",
        "dataLayer",
        "نسخ الرابط",
        "من نحن",
        "display:flex",
    ] {
        assert!(!a.text.contains(dropped), "kept boilerplate {dropped:?} in:\n{}", a.text);
    }
    // Paragraphs stay paragraphs.
    assert!(a.text.lines().filter(|l| !l.trim().is_empty()).count() >= 4, "{}", a.text);
}

#[test]
fn broken_page_still_gives_its_text() {
    let items = one(fixture("broken_page.html"));
    assert!(problems(&items).is_empty(), "{:?}", problems(&items));
    let a = articles(&items)[0];
    assert!(a.text.contains("قتل خمسة أشخاص"), "{}", a.text);
    assert!(a.text.contains("وحالتهم حرجة"), "{}", a.text);
    assert!(a.text.contains("ولم تتبن أي جهة"), "{}", a.text);
    assert_eq!(a.published.as_deref(), Some("2018-01-20"));
    assert!(a.title.as_deref().is_some_and(|t| t.contains("تفجير سيارة مفخخة")), "{:?}", a.title);
}

#[test]
fn page_without_meta_uses_its_headline() {
    let items = one(fixture("no_meta_page.html"));
    let a = articles(&items)[0];
    assert_eq!(a.title.as_deref(), Some("عودة مئات النازحين إلى قراهم في ريف دير الزور"));
    assert!(a.text.contains("عادت نحو ٤٠٠ عائلة"), "{}", a.text);
    assert!(!a.text.contains("روابط سريعة"), "{}", a.text);
    assert_eq!(a.published, None);
    assert_eq!(a.outlet, None);
}

#[test]
fn page_without_an_article_is_a_problem() {
    let items = one(fixture("menu_only.html"));
    assert!(articles(&items).is_empty(), "{items:?}");
    let p = problems(&items);
    assert!(p[0].contains("menu_only.html") && p[0].contains("no article text"), "{p:?}");
}

#[test]
fn windows_1256_pages_are_decoded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head>\
        <body><p>أعلنت السلطات المحلية عن إعادة فتح الطريق الدولي بين المدينتين بعد إغلاقه لمدة أسبوعين بسبب المعارك.</p></body></html>";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(page);
    assert!(!unmappable);
    let path = dir.path().join("legacy.html");
    std::fs::write(&path, &bytes).expect("write");
    let items = one(path);
    assert!(
        articles(&items).first().is_some_and(|a| a.text.contains("إعادة فتح الطريق الدولي")),
        "{items:?}"
    );
}

#[test]
fn feeds_give_one_article_per_item() {
    let items = read_all(&[fixture("feed.rss"), fixture("feed.atom")], &ReadOptions::default());
    let got = articles(&items);
    assert_eq!(got.len(), 3, "{items:?}");
    assert_eq!(got[0].id, "rasd-news.example-syria-2018-06-20-daraa-shelling");
    assert!(got[0].text.starts_with("قتل ثلاثة مدنيين وأصيب ثمانية آخرون"), "{}", got[0].text);
    assert!(!got[0].text.contains("شارك"), "{}", got[0].text);
    assert_eq!(got[0].outlet.as_deref(), Some("الرصد الإخباري - سوريا"));
    assert_eq!(got[0].published.as_deref(), Some("2018-06-20T11:05:00+00:00"));
    assert_eq!(got[1].id, "rasd-news.example-88231", "a local guid gets the site in front");
    assert!(got[1].text.contains("40 شاحنة"));
    assert_eq!(got[2].id, "tag-north-bulletin.example-2018-1201");
    assert_eq!(got[2].outlet.as_deref(), Some("نشرة الشمال"));
    assert_eq!(got[2].published.as_deref(), Some("2018-03-16T08:30:00+00:00"));
    let p = problems(&items);
    assert_eq!(p.len(), 1);
    assert!(p[0].contains("feed.rss") && p[0].contains("item 3") && p[0].contains("no text"), "{p:?}");
}

#[test]
fn text_files_and_their_titles() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report-7.txt");
    std::fs::write(&path, "\u{feff}نزوح آلاف المدنيين من ريف حماة\n\nنزح آلاف المدنيين خلال الأيام الماضية.\r\n")
        .expect("write");
    let items = one(path);
    let a = articles(&items)[0];
    assert_eq!(a.id, "report-7");
    assert_eq!(a.title.as_deref(), Some("نزوح آلاف المدنيين من ريف حماة"));
    assert!(a.text.starts_with("نزوح"), "the BOM is stripped, nothing else");
    assert!(a.text.ends_with(".\r\n"));
}

#[test]
fn json_arrays_objects_and_aliases() {
    let dir = tempfile::tempdir().expect("temp dir");
    let array = r#"[
  {"id": "a1", "text": "قتل مدنيان في قصف", "published": "2018-03-11", "outlet": "وكالة"},
  {"id": 17, "content": "نص من حقل content", "date": "Sun, 11 Mar 2018 10:00:00 +0000", "link": "https://x.example/17"},
  {"body": "نص بلا معرف", "url": "https://x.example/no-id"},
  {"body": "نص بلا معرف ولا رابط"},
  {"id": "bad", "text": 5},
  "not an object",
  {"id": "a5", "text": "الأخير"}
]"#;
    std::fs::write(dir.path().join("batch.json"), array).expect("write");
    std::fs::write(dir.path().join("single.json"), r#"{"id":"s1","text":"مقال واحد","title":"عنوان"}"#)
        .expect("write");
    std::fs::write(
        dir.path().join("packed.json.gz"),
        gzip(b"{\"id\":\"g1\",\"text\":\"x1\"}\n{\"id\":\"g2\",\"text\":\"x2\"}"),
    )
    .expect("write");
    let items = read_all(&[dir.path().to_path_buf()], &ReadOptions::default());
    let got = articles(&items);
    let ids: Vec<&str> = got.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids[..2], ["a1", "17"]);
    assert_eq!(ids[2], "https://x.example/no-id");
    assert!(ids[3].starts_with("batch-"), "{ids:?}");
    assert_eq!(ids[4..], ["a5", "g1", "g2", "s1"]);
    assert_eq!(got[1].text, "نص من حقل content");
    assert_eq!(got[1].published.as_deref(), Some("2018-03-11T10:00:00Z"));
    assert_eq!(got[1].url.as_deref(), Some("https://x.example/17"));
    assert_eq!(got[7].title.as_deref(), Some("عنوان"));
    let p = problems(&items);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].contains("batch.json:6:") && p[0].contains("\"text\" must be a string"), "{p:?}");
    assert!(p[1].contains("batch.json:7:") && p[1].contains("not a JSON object"), "{p:?}");
    // Same input, same ids.
    let again = read_all(&[dir.path().to_path_buf()], &ReadOptions::default());
    assert_eq!(items, again);
}

#[test]
fn jsonl_bad_lines_long_lines_and_truncated_gzip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = format!("{{\"id\":\"long\",\"text\":\"{}\"}}", "ا".repeat(600));
    let lines = [
        r#"{"id":"l1","text":"سطر أول"}"#.to_string(),
        r#"{"id":"l2","text":"#.to_string(),
        long,
        String::new(),
        r#"{"id":"l5","text":"بعد السطر الطويل"}"#.to_string(),
    ];
    std::fs::write(dir.path().join("a.jsonl"), lines.join("\n")).expect("write");
    let mut good = String::new();
    for i in 0..200 {
        good.push_str(&format!("{{\"id\":\"t{i}\",\"text\":\"نص رقم {i} في ملف مضغوط\"}}\n"));
    }
    let gz = gzip(good.as_bytes());
    std::fs::write(dir.path().join("b.jsonl.gz"), &gz[..gz.len() * 2 / 3]).expect("write");
    let opts = ReadOptions { max_article_bytes: 512 };
    let items = read_all(&[dir.path().to_path_buf()], &opts);
    let p = problems(&items);
    assert!(p[0].contains("a.jsonl:2: not JSON"), "{p:?}");
    assert!(p[1].contains("a.jsonl:3: line too large"), "{p:?}");
    assert!(
        p[2].contains("b.jsonl.gz")
            && p[2].contains("truncated or corrupt")
            && p[2].contains("last good line"),
        "{p:?}"
    );
    assert_eq!(p.len(), 3);
    let got = articles(&items);
    assert_eq!(got[0].id, "l1");
    assert_eq!(got[1].id, "l5");
    let truncated = got.len() - 2;
    assert!(truncated > 10 && truncated < 200, "{truncated} lines before the cut");
    assert!(p[2].contains(&format!("last good line is {truncated}")), "{p:?}");
}

#[test]
fn folders_report_each_bad_file_and_read_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, bytes).expect("write");
    };
    write("b.txt", "تقرير عن قصف\n\nقتل مدني في قصف.".as_bytes());
    write("a.txt", "نص أول".as_bytes());
    write("sub/c.txt", "نص في مجلد فرعي".as_bytes());
    write("sub/deeper/d.jsonl", b"{\"id\":\"d1\",\"text\":\"x\"}\n");
    write(".hidden.txt", "مخفي".as_bytes());
    write(".git/objects.txt", "مخفي".as_bytes());
    write("empty.txt", b"");
    write("latin1.txt", b"caf\xe9 au lait");
    write("binary.txt", b"\x00\x01\x02PK");
    write("image.png", b"\x89PNG\r\n\x1a\n\x00\x00");
    write("notes.md", "# ملاحظات".as_bytes());
    write("huge.txt", "ا".repeat(2000).as_bytes());
    write("sniffed.data", b"[{\"id\":\"sn\",\"text\":\"y\"}]");
    std::fs::copy(fixture("broken_page.html"), root.join("report.htm")).expect("copy");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling.txt")).expect("symlink");
        std::os::unix::fs::symlink(root, root.join("sub/loop")).expect("symlink");
        write("locked.txt", "مقفل".as_bytes());
        std::fs::set_permissions(root.join("locked.txt"), std::fs::Permissions::from_mode(0o000))
            .expect("chmod");
    }
    let opts = ReadOptions { max_article_bytes: 2048 };
    let items = read_all(&[root.to_path_buf()], &opts);
    let ids: Vec<&str> = articles(&items).iter().map(|a| a.id.as_str()).collect();
    let root_can_read_anything = std::fs::read(root.join("locked.txt")).is_ok();
    let mut expected = vec!["a", "b"];
    if root_can_read_anything {
        expected.push("locked");
    }
    expected.extend(["report", "sn", "c", "d1"]);
    assert_eq!(ids, expected, "{items:#?}");
    let p = problems(&items);
    let expect_problem = |file: &str, reason: &str| {
        assert!(
            p.iter().any(|x| x.contains(file) && x.contains(reason)),
            "no problem {reason:?} for {file} in {p:#?}"
        );
    };
    expect_problem("binary.txt", "binary");
    expect_problem("dangling.txt", "broken symbolic link");
    expect_problem("empty.txt", "no text");
    expect_problem("huge.txt", "too large");
    expect_problem("image.png", "unsupported file type (.png)");
    expect_problem("latin1.txt", "invalid UTF-8");
    expect_problem("notes.md", "unsupported file type");
    if !root_can_read_anything {
        expect_problem("locked.txt", "permission denied");
    }
    assert!(!p.iter().any(|x| x.contains("hidden") || x.contains(".git")), "{p:#?}");
    // The link back to the root is not read twice.
    assert_eq!(ids.iter().filter(|i| **i == "c").count(), 1);
    // Progress ends at the total the hint announced.
    let mut reader = read_paths(&[root.to_path_buf()], &opts);
    let hint = count_hint(&[root.to_path_buf()]);
    reader.by_ref().for_each(drop);
    assert_eq!(Some(reader.bytes_read()), hint);
}

#[test]
fn named_paths_keep_their_order_and_missing_ones_are_problems() {
    let items = read_all(
        &[fixture("feed.atom"), PathBuf::from("/no/such/file.txt"), fixture("no_meta_page.html")],
        &ReadOptions::default(),
    );
    assert!(matches!(&items[0], Item::Article(a, _) if a.outlet.as_deref() == Some("نشرة الشمال")));
    assert_eq!(
        items[1],
        Item::Problem(Origin::file(Path::new("/no/such/file.txt")), "no such file or directory".to_string())
    );
    assert!(matches!(&items[2], Item::Article(a, o) if a.id == "no_meta_page" && o.line.is_none()));
    assert_eq!(count_hint(&[PathBuf::from("-")]), None);
}

/// The shared data set, read as the corpus reads it. With `CI=true` the data
/// must be there.
fn shared_data(rel: &str) -> Option<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = workspace.join("../shared/data").join(rel);
    if let Ok(path) = path.canonicalize() {
        return Some(path);
    }
    assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but {} is missing", path.display());
    eprintln!("skipping: {} is not there", path.display());
    None
}

#[test]
fn reads_the_shared_corpora_without_problems() {
    for rel in ["syria-dev-40/articles.jsonl", "ant-multisource/articles.jsonl.gz"] {
        let Some(path) = shared_data(rel) else { continue };
        let started = std::time::Instant::now();
        let items = read_all(std::slice::from_ref(&path), &ReadOptions::default());
        let elapsed = started.elapsed();
        let p = problems(&items);
        let got = articles(&items);
        // Scraped data has the odd empty article: reported, never more than a trace.
        assert!(p.iter().all(|x| x.contains("no text")), "{rel}: {:?}", &p[..p.len().min(5)]);
        assert!(p.len() * 1000 <= got.len(), "{rel}: {} problems", p.len());
        let mut ids: Vec<&str> = got.iter().map(|a| a.id.as_str()).collect();
        assert!(got.iter().all(|a| !a.id.is_empty() && !a.text.trim().is_empty()));
        let dated = got.iter().filter_map(|a| a.published.as_deref());
        assert!(dated.clone().all(|p| rasid_ingest::published::date_part(p).is_some()));
        assert!(dated.count() * 10 >= got.len() * 9, "{rel}: most articles keep their date");
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "{rel}: ids are unique");
        eprintln!(
            "{rel}: {n} articles in {:.2} s ({:.0}/s)",
            elapsed.as_secs_f64(),
            n as f64 / elapsed.as_secs_f64()
        );
    }
}
