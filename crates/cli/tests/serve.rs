//! `rasid demo` and `rasid serve` as a user runs them: the real binary on a
//! free port, spoken to over plain HTTP/1.1 on a TCP socket.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the server when the test ends, whatever happens.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Start `rasid ARGS… --addr 127.0.0.1:0` and return it with the address it printed.
fn start(args: &[&str], home: &std::path::Path) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(args)
        .args(["--addr", "127.0.0.1:0"])
        .env("RASID_HOME", home)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("rasid starts");
    let stdout = child.stdout.take().expect("stdout");
    let server = Server(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("a line on stdout");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    (server, addr)
}

/// `GET path` with the given Host header; (status, body).
fn get(addr: &str, host: &str, path: &str) -> (u16, String) {
    send(addr, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
}

/// `POST /api/articles` with a JSON body and an optional Authorization header; (status, body).
fn post_article(addr: &str, authorization: Option<&str>, body: &str) -> (u16, String) {
    let auth = authorization.map(|a| format!("Authorization: {a}\r\n")).unwrap_or_default();
    send(
        addr,
        &format!(
            "POST /api/articles HTTP/1.1\r\nHost: {addr}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

/// Send a raw HTTP/1.1 request (bytes exactly as given: no client normalizes
/// the path); (status, body).
fn send(addr: &str, request: &str) -> (u16, String) {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut stream = loop {
        match TcpStream::connect(addr) {
            Ok(s) => break s,
            Err(e) if Instant::now() < deadline => {
                eprintln!("connect: {e}; retrying");
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => panic!("cannot connect to {addr}: {e}"),
        }
    };
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    stream.write_all(request.as_bytes()).expect("request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("response");
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
fn demo_serves_the_fixture_corpus() {
    let home = tempfile::tempdir().expect("temp dir");
    let (_server, addr) = start(&["demo"], home.path());
    let (status, body) = get(&addr, &addr, "/");
    assert_eq!(status, 200);
    assert!(body.contains("dir=\"rtl\""));
    assert!(body.contains("سراقب"));
    let (status, body) = get(&addr, &addr, "/api/openapi.json");
    assert_eq!(status, 200);
    assert!(body.contains("\"openapi\""));
    // Bound to loopback: a page under another name (DNS rebinding) gets nothing.
    let (status, _) = get(&addr, "rebound.example", "/api/stories");
    assert_eq!(status, 421);
    let (status, _) = get(&addr, "localhost", "/api/stories");
    assert_eq!(status, 200);
    // Paths as a hostile client sends them on the wire (no normalization on the way).
    for evil in [
        "/static/../Cargo.toml",
        "/static/../../Cargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/static/..\\..\\Cargo.toml",
        "/static/%5c..%5c..%5cCargo.toml",
        "/../../Cargo.toml",
    ] {
        let (status, body) = get(&addr, &addr, evil);
        assert!(status == 404 || status == 400, "{evil}: {status}");
        assert!(!body.contains("[package]") && !body.contains("[workspace]"), "{evil} leaked a file");
    }
    // The demo takes no token: writes are refused.
    let (status, _) = post_article(&addr, Some("Bearer anything-long-enough-0123"), "{}");
    assert_eq!(status, 403);
}

#[test]
fn serve_needs_a_corpus_and_a_real_token_file() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("RASID_HOME", home.path())
        .output()
        .expect("rasid runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no corpus"));

    // A corpus (from the demo fixtures), and a token file that is too short.
    std::fs::write(home.path().join("short-token"), "abc\n").expect("write");
    let status = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["ingest", concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/corpus/articles.jsonl")])
        .env("RASID_HOME", home.path())
        .stderr(Stdio::null())
        .status()
        .expect("rasid ingest runs");
    assert!(status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["serve", "--addr", "127.0.0.1:0", "--token-file"])
        .arg(home.path().join("short-token"))
        .env("RASID_HOME", home.path())
        .output()
        .expect("rasid runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("shorter than 16"));

    // Read-only serving of the ingested corpus.
    let (server, addr) = start(&["serve"], home.path());
    let (status, body) = get(&addr, "127.0.0.1", "/api/stories");
    assert_eq!(status, 200);
    assert!(body.starts_with('['), "{body}");
    drop(server);

    // With a token file: writes need exactly that bearer token.
    let token = "serve-test-token-0123456789abcdef";
    std::fs::write(home.path().join("token"), format!("{token}\n")).expect("write");
    let token_file = home.path().join("token");
    let token_file = token_file.to_str().expect("utf-8 path");
    let (_server, addr) = start(&["serve", "--token-file", token_file], home.path());
    let article = r#"{"id":"wire-001","text":"قال ناشطون إن 3 مدنيين أصيبوا في قصف على بلدة كفرنبل.","published":"2019-05-09","outlet":"شبكة الفرات","title":"قصف"}"#;
    let (status, body) = post_article(&addr, None, article);
    assert_eq!(status, 401, "{body}");
    let (status, _) = post_article(&addr, Some("Bearer serve-test-token-0123456789abcdeX"), article);
    assert_eq!(status, 401);
    let (status, _) = post_article(&addr, Some(&format!("Bearer {token}")), article);
    assert_eq!(status, 201);
    let (status, body) = get(&addr, "127.0.0.1", "/api/articles/wire-001");
    assert_eq!(status, 200);
    assert!(body.contains("wire-001"));
}
