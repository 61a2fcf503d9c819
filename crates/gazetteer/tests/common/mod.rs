//! Shared helpers of the integration tests: where the real data lives, and
//! the rule for tests that need it (run and fail under `CI=true`, skip with a
//! notice elsewhere).
#![allow(dead_code)]

use std::path::PathBuf;

/// `/work/shared/data`, found relative to the workspace root.
pub fn shared_data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// The data folder `name` under shared/data, or `None` (with a notice) when it
/// is missing outside CI. Under `CI=true` a missing folder fails the test.
pub fn data_dir(name: &str) -> Option<PathBuf> {
    let dir = shared_data().join(name);
    if dir.exists() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true but the test data {} is missing", dir.display());
    }
    eprintln!("notice: {} not found, test skipped", dir.display());
    None
}

/// Lines of a JSON Lines file, gzipped or not.
pub fn jsonl(path: &std::path::Path) -> Vec<serde_json::Value> {
    use std::io::{BufRead, Read};
    let file = std::fs::File::open(path).expect("open jsonl");
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    std::io::BufReader::new(reader)
        .lines()
        .map(|l| l.expect("read line"))
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(&l).expect("json line"))
        .collect()
}
