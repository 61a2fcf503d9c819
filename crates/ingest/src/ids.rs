//! Article ids that the data did not give: stable, never empty.
//!
//! An id must be the same every time the same input is read (ingest is
//! idempotent by id), so nothing here depends on the order of reading, the
//! time or a random seed. The hash is FNV-1a (64 bits), written out here
//! because `std`'s hasher may change between Rust releases.

use std::path::Path;

/// FNV-1a over `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `<stem>-<16 hex digits of the hash of text>`; `article-…` without a stem.
pub fn derived(stem: &str, text: &str) -> String {
    let stem = if stem.is_empty() { "article" } else { stem };
    format!("{stem}-{:016x}", fnv1a(text.as_bytes()))
}

/// Extensions that name a format (or compression), removed from a file name
/// to give its stem: `a.jsonl.gz` → `a`, `report.html` → `report`.
const FORMAT_EXTENSIONS: &[&str] =
    &["gz", "txt", "text", "html", "htm", "xhtml", "json", "jsonl", "ndjson", "xml", "rss", "atom"];

/// Stems that name no article: a saved site has one `index.html` per
/// article folder. Such files take their folder's name in front.
const GENERIC_STEMS: &[&str] = &["index", "default", "article", "story", "page", "content", "main", "text"];

/// The id of a one-article file: its name without the format extensions
/// (`report-12.txt` → `report-12`); for a generic name, with its folder's
/// name in front (`2018/idlib-raids/index.html` → `idlib-raids-index`).
/// Never empty: a file named only `.txt` keeps its whole name.
pub fn file_stem(path: &Path) -> String {
    let stem = bare_stem(path);
    if GENERIC_STEMS.contains(&stem.to_ascii_lowercase().as_str())
        && let Some(folder) = path.parent().and_then(Path::file_name)
    {
        return format!("{}-{stem}", folder.to_string_lossy());
    }
    stem
}

fn bare_stem(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut stem = name.as_str();
    for _ in 0..2 {
        match stem.rsplit_once('.') {
            Some((before, ext))
                if !before.is_empty() && FORMAT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()) =>
            {
                stem = before;
            }
            _ => break,
        }
    }
    if !stem.is_empty() {
        stem.to_string()
    } else if !name.is_empty() {
        name
    } else {
        "article".to_string()
    }
}

/// Longest sanitized id kept whole; longer ones are cut and get a hash of
/// the whole so that two long guids with one prefix stay apart.
const MAX_SANITIZED: usize = 120;

/// A feed guid or link as an id: percent-escapes decoded (Arabic URLs are
/// mostly escapes), the scheme dropped, and every run of characters other
/// than letters, digits, `.`, `_` and `-` made one `-`. `None` when nothing
/// is left.
pub fn sanitize(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw.trim());
    let without_scheme = match decoded.split_once("://") {
        Some((scheme, rest)) if scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) => {
            rest
        }
        _ => decoded.as_str(),
    };
    let mut out = String::with_capacity(without_scheme.len());
    for c in without_scheme.chars() {
        if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches(|c| c == '-' || c == '.');
    if trimmed.is_empty() {
        return None;
    }
    if trimmed.chars().count() <= MAX_SANITIZED {
        return Some(trimmed.to_string());
    }
    let head: String = trimmed.chars().take(MAX_SANITIZED).collect();
    Some(format!("{}-{:016x}", head.trim_end_matches('-'), fnv1a(raw.as_bytes())))
}

/// `%D8%A7` → `ا` when the escapes spell UTF-8; the input unchanged otherwise.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn stems() {
        assert_eq!(file_stem(Path::new("a/b/report-12.txt")), "report-12");
        assert_eq!(file_stem(Path::new("x.jsonl.gz")), "x");
        assert_eq!(file_stem(Path::new("x.tar.gz")), "x.tar");
        assert_eq!(file_stem(Path::new("v1.2.html")), "v1.2");
        assert_eq!(file_stem(Path::new(".txt")), ".txt");
        assert_eq!(file_stem(Path::new("/")), "article");
        assert_eq!(file_stem(Path::new("site/2018/idlib-raids/index.html")), "idlib-raids-index");
        assert_eq!(file_stem(Path::new("index.html")), "index");
    }

    #[test]
    fn derived_ids_are_stable() {
        assert_eq!(derived("f", "نص"), derived("f", "نص"));
        assert_ne!(derived("f", "نص"), derived("f", "نص آخر"));
        assert!(derived("", "x").starts_with("article-"));
    }

    #[test]
    fn sanitizes_guids() {
        assert_eq!(
            sanitize("https://example.org/news/2018/03/item?id=5").as_deref(),
            Some("example.org-news-2018-03-item-id-5")
        );
        assert_eq!(
            sanitize("https://example.org/%D8%BA%D9%88%D8%B7%D8%A9").as_deref(),
            Some("example.org-غوطة")
        );
        assert_eq!(sanitize("tag:example.org,2018:77").as_deref(), Some("tag-example.org-2018-77"));
        assert_eq!(sanitize(" / ?"), None);
        let long = "x".repeat(300);
        let a = sanitize(&format!("{long}a")).unwrap_or_default();
        let b = sanitize(&format!("{long}b")).unwrap_or_default();
        assert_ne!(a, b);
        assert!(a.chars().count() < 150);
    }

    proptest! {
        #[test]
        fn sanitize_never_panics_and_never_gives_empty(s in "\\PC{0,200}") {
            if let Some(id) = sanitize(&s) {
                prop_assert!(!id.is_empty());
            }
            prop_assert!(!file_stem(Path::new(&s)).is_empty());
        }
    }
}
