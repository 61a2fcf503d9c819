//! The `rasid` binary end to end: good input in every form, and every kind
//! of bad input the README promises a clear message (and no panic) for.

use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A sentence in the style of a news report (written for these tests).
const REPORT: &str = "قالت مصادر محلية إن 12 مدنياً قتلوا وأصيب نحو عشرين آخرين في قصف على بلدة كفربطنا أمس.";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn finish(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The built binary, with an empty data directory so that nothing installed
/// on the machine changes what it does.
fn rasid(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rasid"));
    cmd.env("RASID_HOME", home).stdin(Stdio::null());
    cmd
}

fn run(home: &Path, args: &[&str]) -> Run {
    finish(rasid(home).args(args).output().expect("the rasid binary runs"))
}

fn run_with_stdin(home: &Path, args: &[&str], input: &[u8]) -> Run {
    let mut child = rasid(home)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the rasid binary runs");
    child.stdin.take().expect("stdin is piped").write_all(input).expect("stdin accepts the article");
    finish(child.wait_with_output().expect("rasid finishes"))
}

fn json_line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text, "published": "2018-03-11", "outlet": "منفذ تجريبي"})
        .to_string()
}

fn read_json(path: &Path) -> Value {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assert_extraction(doc: &Value, id: &str) {
    assert_eq!(doc["schema"], "rasid.extraction/1");
    assert_eq!(doc["article"]["id"], id);
    assert_eq!(doc["article"]["language"], "ar");
}

/// Names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("gzip in memory");
    gz.finish().expect("gzip in memory")
}

struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("a temporary directory");
        fs::create_dir(dir.path().join("home")).expect("a home directory");
        Scratch { dir }
    }
    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, bytes).expect("a scratch file");
        path
    }
    fn s(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

// ---------------------------------------------------------------- good input

#[test]
fn single_file_prints_one_document() {
    let t = Scratch::new();
    t.write("kafr-batna.txt", REPORT);
    let r = run(
        &t.home(),
        &["extract", "--published", "2018-03-11", "--outlet", "المدن", &t.s("kafr-batna.txt")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    assert_extraction(&doc, "kafr-batna");
    assert_eq!(doc["article"]["published"], "2018-03-11");
    assert_eq!(doc["article"]["outlet"], "المدن");
    assert!(r.stdout.contains("المدن"), "Arabic is written as is, not escaped");
    assert!(r.stdout.contains("\n  \"article\""), "pretty-printed");
}

#[test]
fn stdin_is_read_with_dash() {
    let t = Scratch::new();
    let r = run_with_stdin(&t.home(), &["extract", "-"], REPORT.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_extraction(&serde_json::from_str(&r.stdout).expect("stdout is JSON"), "stdin");

    let r = run_with_stdin(&t.home(), &["extract", "--id", "تقرير-1", "-"], REPORT.as_bytes());
    assert_extraction(&serde_json::from_str(&r.stdout).expect("stdout is JSON"), "تقرير-1");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let t = Scratch::new();
    t.write("bom.txt", format!("\u{feff}{REPORT}\r\n{REPORT}\r\n"));
    let r = run(&t.home(), &["extract", &t.s("bom.txt")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_extraction(&serde_json::from_str(&r.stdout).expect("stdout is JSON"), "bom");
}

#[test]
fn jsonl_plain_and_gzip_write_one_file_per_line() {
    let t = Scratch::new();
    let lines =
        [json_line("a-1", REPORT), json_line("a-2", REPORT), json_line("خبر-3", REPORT)].join("\n") + "\n";
    t.write("articles.jsonl", &lines);
    // The gzip file is named like a plain one: gzip is recognised by content.
    t.write("articles.jsonl.gz", gzip(lines.as_bytes()));
    t.write("disguised.jsonl", gzip(lines.as_bytes()));
    for input in ["articles.jsonl", "articles.jsonl.gz", "disguised.jsonl"] {
        let out = t.path(&format!("out-{input}"));
        let r = run(&t.home(), &["extract", "--jsonl", &t.s(input), "--out", &out.display().to_string()]);
        assert_eq!(r.code, 0, "{input}: {}", r.stderr);
        assert!(r.stderr.contains("3 articles, 0 failed"), "summary: {}", r.stderr);
        assert_eq!(listing(&out), vec!["a-1.json", "a-2.json", "خبر-3.json"]);
        for id in ["a-1", "a-2", "خبر-3"] {
            let doc = read_json(&out.join(format!("{id}.json")));
            assert_extraction(&doc, id);
            assert_eq!(doc["article"]["published"], "2018-03-11");
        }
    }
}

/// A line repeating the line before (a feed listing one item twice) is not
/// read again, and its file is still its own: its id and title, and what
/// extracting it alone gives.
#[test]
fn repeated_lines_keep_their_own_id_and_title() {
    let t = Scratch::new();
    let line = |id: &str, title: &str, outlet: &str| {
        serde_json::json!({"id": id, "title": title, "text": REPORT, "published": "2018-03-11", "outlet": outlet})
            .to_string()
    };
    let lines = [
        line("r-1", "العنوان الأول", "منفذ تجريبي"),
        line("r-2", "العنوان الثاني", "منفذ تجريبي"),
        line("r-3", "العنوان الثالث", "منفذ آخر"),
    ];
    t.write("repeats.jsonl", lines.join("\n") + "\n");
    let r = run(
        &t.home(),
        &["extract", "--threads", "1", "--jsonl", &t.s("repeats.jsonl"), "--out", &t.s("out")],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (i, line) in lines.iter().enumerate() {
        let id = format!("r-{}", i + 1);
        t.write(&format!("{id}.jsonl"), format!("{line}\n"));
        let alone = t.path(&format!("alone-{id}"));
        let r = run(
            &t.home(),
            &["extract", "--jsonl", &t.s(&format!("{id}.jsonl")), "--out", &alone.display().to_string()],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let file = format!("{id}.json");
        let (repeated, single) = (read_json(&t.path("out").join(&file)), read_json(&alone.join(&file)));
        assert_extraction(&repeated, &id);
        assert!(repeated["figures"].as_array().is_some_and(|f| !f.is_empty()), "{repeated}");
        assert_eq!(repeated, single, "{id}");
    }
}

#[test]
fn quiet_prints_nothing_on_success() {
    let t = Scratch::new();
    t.write("a.jsonl", json_line("a", REPORT));
    let r = run(&t.home(), &["-q", "extract", "--jsonl", &t.s("a.jsonl"), "--out", &t.s("out")]);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
}

#[test]
fn jsonl_from_stdin() {
    let t = Scratch::new();
    let r = run_with_stdin(
        &t.home(),
        &["extract", "--jsonl", "-", "--out", &t.s("out")],
        json_line("s", REPORT).as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_extraction(&read_json(&t.path("out/s.json")), "s");
}

// ---------------------------------------------------------------- bad single files

#[test]
fn missing_file_and_directory_are_usage_errors() {
    let t = Scratch::new();
    let r = run(&t.home(), &["extract", &t.s("nowhere.txt")]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("nowhere.txt") && r.stderr.contains("no such file"), "{}", r.stderr);

    let r = run(&t.home(), &["extract", &t.home().display().to_string()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is a directory"), "{}", r.stderr);
}

#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let t = Scratch::new();
    let path = t.write("secret.txt", REPORT);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::File::open(&path).is_ok() {
        eprintln!(
            "notice: running as root, permissions are not enforced: skipping the unreadable-file check"
        );
        return;
    }
    let r = run(&t.home(), &["extract", &t.s("secret.txt")]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("secret.txt") && r.stderr.contains("permission denied"), "{}", r.stderr);
}

#[test]
fn bad_content_is_named_and_rejected() {
    let t = Scratch::new();
    let mut invalid = "سطر أول\nسطر".as_bytes().to_vec();
    invalid.extend_from_slice(&[0xD8, b' ', b'x']);
    let cases: [(&str, Vec<u8>, &str); 5] = [
        ("invalid.txt", invalid, "invalid UTF-8 at byte 20 (line 2, column 4)"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(), "looks like a binary file"),
        ("controls.txt", b"\x01\x02\x03\x04\x05\x06ab".to_vec(), "looks like a binary file"),
        ("empty.txt", Vec::new(), "no text"),
        ("blank.txt", b" \r\n\t\n".to_vec(), "no text"),
    ];
    for (name, bytes, message) in cases {
        t.write(name, bytes);
        let r = run(&t.home(), &["extract", &t.s(name)]);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(r.stderr.contains(name) && r.stderr.contains(message), "{name}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{name}: nothing on stdout");
        assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
    }
}

#[test]
fn oversized_articles_are_refused_with_their_size() {
    let t = Scratch::new();
    t.write("long.txt", REPORT.repeat(20));
    let size = REPORT.len() * 20;
    let r = run(&t.home(), &["extract", "--max-article-bytes", "1KiB", &t.s("long.txt")]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("long.txt") && r.stderr.contains(&format!("too large: {size} bytes")),
        "{}",
        r.stderr
    );

    let r = run_with_stdin(
        &t.home(),
        &["extract", "--max-article-bytes", "1KiB", "-"],
        REPORT.repeat(20).as_bytes(),
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("stdin") && r.stderr.contains("too large"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_with_2() {
    let t = Scratch::new();
    for args in [
        vec!["extract"],
        vec!["extract", "--jsonl", "x.jsonl"],
        vec!["extract", "--published", "yesterday", "a.txt"],
        vec!["extract", "--max-article-bytes", "lots", "a.txt"],
        vec!["frobnicate"],
    ] {
        let r = run(&t.home(), &args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("error"), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn help_reads_for_every_command() {
    let t = Scratch::new();
    for (args, expected) in [
        (vec!["--help"], "Exit codes"),
        (vec!["extract", "--help"], "--max-article-bytes"),
        (vec!["bench", "--help"], "--stage"),
    ] {
        let r = run(&t.home(), &args);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.contains(expected), "{args:?}: {}", r.stdout);
    }
}

// ---------------------------------------------------------------- bad JSON lines

#[test]
fn bad_lines_are_reported_and_good_ones_still_written() {
    let t = Scratch::new();
    let (good_1, good_2) = (json_line("good-1", REPORT), json_line("good-2", REPORT));
    let mut input = Vec::new();
    let lines: [&[u8]; 10] = [
        good_1.as_bytes(),
        b"{\"id\": \"broken\", \"text\": \"",          // line 2: not JSON
        br#"{"id": "no-text"}"#,                       // 3
        br#"{"id": 42, "text": "x"}"#,                 // 4
        b"[\"an\", \"array\"]",                        // 5
        b"{\"id\": \"bad-utf8\", \"text\": \"\xff\"}", // 6
        br#"{"id": "nul", "text": "a\u0000b"}"#,       // 7
        b"",                                           // 8: blank, skipped silently
        br#"{"id": "empty", "text": "   "}"#,          // 9
        good_2.as_bytes(),                             // 10
    ];
    for line in lines {
        input.extend_from_slice(line);
        input.push(b'\n');
    }
    t.write("mixed.jsonl", input);
    let r = run(&t.home(), &["extract", "--jsonl", &t.s("mixed.jsonl"), "--out", &t.s("out")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(listing(&t.path("out")), vec!["good-1.json", "good-2.json"]);
    for (line, reason) in [
        (2, "not JSON"),
        (3, "no \"text\" field"),
        (4, "\"id\" must be a string, found a number"),
        (5, "not a JSON object"),
        (6, "invalid UTF-8"),
        (7, "looks like a binary file"),
        (9, "no text"),
    ] {
        let tag = format!("mixed.jsonl:{line}: ");
        let message = r.stderr.lines().find(|l| l.contains(&tag));
        assert!(
            message.is_some_and(|m| m.contains(reason)),
            "line {line} should say {reason:?}:\n{}",
            r.stderr
        );
    }
    assert!(!r.stderr.contains("mixed.jsonl:8:"), "blank lines are not errors");
    assert!(r.stderr.contains("9 articles, 7 failed"), "{}", r.stderr);
}

#[test]
fn hostile_ids_stay_inside_the_output_directory() {
    let t = Scratch::new();
    let ids = ["../../etc/x", "a/b", "..", ".", "/abs", "x\ny", "a%2Fb"];
    let lines: Vec<String> = ids.iter().map(|id| json_line(id, REPORT)).collect();
    t.write("hostile.jsonl", lines.join("\n"));
    fs::create_dir_all(t.path("deep/er")).expect("output parent");
    let out = t.path("deep/er/out");
    let r =
        run(&t.home(), &["extract", "--jsonl", &t.s("hostile.jsonl"), "--out", &out.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names = listing(&out);
    assert_eq!(names.len(), ids.len(), "one file per id, no collisions: {names:?}");
    for name in &names {
        assert!(!name.starts_with('.') && name.ends_with(".json"), "{name}");
        let path = out.join(name);
        assert!(path.is_file(), "{name} is a plain file inside DIR");
    }
    let mut seen: Vec<String> = names
        .iter()
        .map(|n| read_json(&out.join(n))["article"]["id"].as_str().unwrap_or_default().to_string())
        .collect();
    seen.sort();
    let mut expected: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(seen, expected, "each file holds its own article");
    assert_eq!(listing(&t.path("deep/er")), vec!["out"], "nothing written beside DIR");
    assert_eq!(listing(&t.path("deep")), vec!["er"], "nothing written above DIR");
    assert!(!t.path("etc").exists());
}

#[test]
fn duplicate_ids_keep_the_last_line() {
    let t = Scratch::new();
    let line = |title: &str| serde_json::json!({"id": "same", "text": REPORT, "title": title}).to_string();
    let input = [line("first"), json_line("other", REPORT), line("second"), line("third")].join("\n");
    t.write("dups.jsonl", input);
    // One thread or several: the last line must win either way.
    for threads in ["1", "4"] {
        let out = t.path(&format!("out-{threads}"));
        let r = run(
            &t.home(),
            &[
                "extract",
                "--jsonl",
                &t.s("dups.jsonl"),
                "--out",
                &out.display().to_string(),
                "--threads",
                threads,
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(listing(&out), vec!["other.json", "same.json"]);
        assert_eq!(read_json(&out.join("same.json"))["article"]["title"], "third");
        let warnings: Vec<&str> =
            r.stderr.lines().filter(|l| l.contains("warning: ") && l.contains("duplicate id")).collect();
        assert_eq!(warnings.len(), 2, "{}", r.stderr);
        assert!(warnings.iter().all(|w| w.contains("keeping line 4") || w.contains("keeping line 3")));
        assert!(r.stderr.contains("dups.jsonl:"), "{}", r.stderr);
    }
}

#[test]
fn truncated_gzip_names_the_last_good_line_and_keeps_the_output() {
    let t = Scratch::new();
    // Incompressible-ish lines, so that the cut lands well inside the data.
    let lines: Vec<String> =
        (0..400).map(|i| json_line(&format!("n{i}"), &format!("{REPORT} {}", i * 7919))).collect();
    let gz = gzip((lines.join("\n") + "\n").as_bytes());
    t.write("cut.jsonl.gz", &gz[..gz.len() / 2]);
    let r = run(&t.home(), &["extract", "--jsonl", &t.s("cut.jsonl.gz"), "--out", &t.s("out")]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let message = r
        .stderr
        .lines()
        .find(|l| l.contains("cannot read past line"))
        .unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(message.contains("cut.jsonl.gz") && message.contains("gzip"), "{message}");
    let last_good: usize = message
        .split("cannot read past line ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no line number in {message}"));
    assert!(last_good > 0 && last_good < 400, "{message}");
    let written = listing(&t.path("out"));
    assert_eq!(written.len(), last_good, "every line before the cut is written");
    for i in 0..last_good {
        assert_extraction(&read_json(&t.path(&format!("out/n{i}.json"))), &format!("n{i}"));
    }
    assert!(written.iter().all(|n| n.ends_with(".json")), "no temporary files left: {written:?}");
}

#[test]
fn output_directory_must_be_a_directory() {
    let t = Scratch::new();
    t.write("a.jsonl", json_line("a", REPORT));
    t.write("occupied", "a file");
    let r = run(&t.home(), &["extract", "--jsonl", &t.s("a.jsonl"), "--out", &t.s("occupied")]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("occupied"), "{}", r.stderr);
    let r = run(&t.home(), &["extract", "--jsonl", &t.s("missing.jsonl"), "--out", &t.s("out")]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.jsonl") && r.stderr.contains("no such file"), "{}", r.stderr);
}

/// Peak resident memory (KiB) of `rasid args`, measured by GNU time; `None`
/// when GNU time is not installed (scripts/setup installs it).
fn peak_kib(home: &Path, args: &[&str], scratch: &Scratch) -> Option<(Run, u64)> {
    let time = Path::new("/usr/bin/time");
    if !time.is_file() {
        return None;
    }
    let report = scratch.path("peak.txt");
    let out = Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(env!("CARGO_BIN_EXE_rasid"))
        .args(args)
        .env("RASID_HOME", home)
        .stdin(Stdio::null())
        .output()
        .expect("GNU time runs rasid");
    let kib = fs::read_to_string(&report).ok()?.trim().lines().last()?.trim().parse().ok()?;
    Some((finish(out), kib))
}

#[test]
fn a_200_mb_line_is_skipped_without_holding_it_in_memory() {
    const HUGE: usize = 200 * 1024 * 1024;
    let t = Scratch::new();
    let good = |id: &str| json_line(id, REPORT) + "\n";
    {
        let file = fs::File::create(t.path("huge.jsonl")).expect("scratch file");
        let mut w = std::io::BufWriter::new(file);
        w.write_all(good("before").as_bytes()).expect("write");
        w.write_all(br#"{"id": "huge", "text": ""#).expect("write");
        let chunk = "ا".repeat(512 * 1024); // 1 MiB of two-byte letters
        for _ in 0..HUGE / chunk.len() {
            w.write_all(chunk.as_bytes()).expect("write");
        }
        w.write_all(b"\"}\n").expect("write");
        w.write_all(good("after").as_bytes()).expect("write");
        w.flush().expect("write");
    }
    t.write("small.jsonl", good("before") + &good("after"));
    let huge_args = ["extract", "--jsonl", &t.s("huge.jsonl"), "--out", &t.s("out")];
    let small_args = ["extract", "--jsonl", &t.s("small.jsonl"), "--out", &t.s("out-small")];

    let (r, peaks) = match (peak_kib(&t.home(), &huge_args, &t), peak_kib(&t.home(), &small_args, &t)) {
        (Some((r, huge)), Some((_, small))) => (r, Some((huge, small))),
        _ => {
            eprintln!(
                "notice: GNU time (/usr/bin/time) not installed: memory is not measured (scripts/setup installs it)"
            );
            (run(&t.home(), &huge_args), None)
        }
    };
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line_size = r#"{"id": "huge", "text": ""#.len() + HUGE + r#""}"#.len();
    let message =
        r.stderr.lines().find(|l| l.contains("huge.jsonl:2: ")).unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(message.contains(&format!("line too large: {line_size} bytes")), "{message}");
    assert_eq!(
        listing(&t.path("out")),
        vec!["after.json", "before.json"],
        "the next good line is still processed"
    );
    if let Some((huge, small)) = peaks {
        eprintln!("peak memory: {huge} KiB with the 200 MB line, {small} KiB without");
        // Holding the line would cost 200 MiB or more; the bounded reader
        // holds at most the 10 MiB limit plus read buffers.
        assert!(huge < small + 64 * 1024, "peak memory {huge} KiB with the huge line vs {small} KiB without");
    }
}

// ---------------------------------------------------------------- bench

#[test]
fn bench_measures_a_small_corpus() {
    let t = Scratch::new();
    let lines: Vec<String> = (0..30).map(|i| json_line(&format!("b{i}"), REPORT)).collect();
    t.write("corpus.jsonl.gz", gzip(lines.join("\n").as_bytes()));
    for stage in ["text", "extract"] {
        let r = run(
            &t.home(),
            &["bench", &t.s("corpus.jsonl.gz"), "--stage", stage, "--repeat", "3", "--threads", "2"],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        for field in ["articles     30", "(gzip)", "articles/s", "MB/s", "peak memory", "median", "2 threads"]
        {
            assert!(r.stdout.contains(field), "{stage}: {field:?} missing:\n{}", r.stdout);
        }
    }
    let r = run(&t.home(), &["bench", &t.s("corpus.jsonl.gz"), "--limit", "5"]);
    assert!(r.stdout.contains("articles     5 "), "{}", r.stdout);
    let r = run(&t.home(), &["bench", &t.s("none.jsonl")]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("none.jsonl"), "{}", r.stderr);
}
