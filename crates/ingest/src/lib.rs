//! # rasid-ingest: every input rasid reads, as articles or named problems
//!
//! [`read_paths`] takes files and folders and yields, one at a time, an
//! [`Item`]: an [`Article`] with the place it came from, or a problem that
//! names the input (`path` or `path:line`) and the reason it was skipped.
//! Reading goes on after a problem: one broken line, page or file never
//! stops an ingest, and nothing here panics on any input.
//!
//! ## Formats (chosen by file name; gzip is recognised by content)
//!
//! | file | articles | id |
//! |---|---|---|
//! | `.txt` | the file, UTF-8 (BOM stripped), as is; title = first line when it looks like a headline (see [`headline`]) | file stem ([`ids::file_stem`]) |
//! | `.html`, `.htm`, `.xhtml` | the article text (Readability, boilerplate dropped; see [`html`]); title, published, outlet, url from the page's meta tags; pages in a declared legacy charset (`windows-1256`) are decoded | file stem |
//! | `.json` | one object, an array of objects, or objects one after another (see [`json`]) | `id` field |
//! | `.jsonl`, `.ndjson` | one object per line (see [`jsonl`]) | `id` field |
//! | `.xml`, `.rss`, `.atom` | one per feed item (see [`feed`]) | guid or link |
//! | `-` | JSON Lines from standard input | `id` field |
//!
//! Any of these may be gzip-compressed (`.jsonl.gz`, `.json.gz`,
//! `.html.gz`…): the gzip magic bytes decide, not the name. JSON fields and
//! their accepted aliases are listed at [`jsonl::parse_value`]; a record
//! without an id gets a stable derived one (its `url`, else
//! `<file stem>-<hash of the text>`), so no article ever has an empty id.
//!
//! A file with another extension (or none) is sniffed: JSON (`{`, `[`),
//! a feed (`<rss`, `<feed`, `<rdf:RDF`) or a web page (`<!doctype html`,
//! `<html`) are read as such; anything else is the problem "unsupported file
//! type" — plain text is only taken from `.txt` files, so that a README, a
//! CSV or a log in a folder is reported rather than ingested as an article.
//!
//! ## Folders
//!
//! Recursive, in byte order of the names at each level (the same order on
//! every machine), hidden files and folders (name starting with `.`)
//! skipped. Symbolic links are followed, each real folder at most once (no
//! cycles). Unreadable files and folders, broken links, special files (FIFOs,
//! devices), invalid UTF-8, binary and empty files are one problem each, and
//! the rest is read.
//!
//! ## Limits
//!
//! [`ReadOptions::max_article_bytes`] bounds memory: a single-article file
//! (`.txt`, `.html`) or a feed file over it, or a JSON line or JSON array
//! element over it, is skipped with a problem (its bytes are never held).
//! A truncated or corrupt gzip stream ends that file with a problem naming
//! the last good line; the articles before it are kept.

pub mod feed;
pub mod html;
pub mod ids;
pub mod json;
pub mod jsonl;
pub mod published;
pub mod size;
pub mod text;

mod source;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use rasid_model::Article;

/// Where an item came from: a file, and the line within it for line- or
/// element-based formats. `Display` gives `path` or `path:line` (`stdin`
/// for `-`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub path: PathBuf,
    pub line: Option<usize>,
}

impl Origin {
    pub fn file(path: &Path) -> Origin {
        Origin { path: path.to_path_buf(), line: None }
    }

    pub fn line(path: &Path, line: usize) -> Origin {
        Origin { path: path.to_path_buf(), line: Some(line) }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.as_os_str() == "-" {
            f.write_str("stdin")?;
        } else {
            write!(f, "{}", self.path.display())?;
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        Ok(())
    }
}

/// One thing read: an article, or a problem that names the input and why
/// it was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Article(Article, Origin),
    Problem(Origin, String),
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest article accepted, in bytes: a single-article file, a feed
    /// file, a JSON line or a JSON array element. Default 10 MiB.
    pub max_article_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_article_bytes: size::DEFAULT_MAX_ARTICLE_BYTES as usize }
    }
}

/// Read files and folders (see the crate documentation for formats and
/// order). Streaming: one file is open at a time, and memory is bounded by
/// [`ReadOptions::max_article_bytes`] whatever the sizes of the inputs.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions) -> Reader {
    Reader {
        opts: *opts,
        todo: paths.iter().rev().map(|p| Pending { path: p.clone(), named: true }).collect(),
        current: None,
        queued: Vec::new(),
        consumed: Arc::new(AtomicU64::new(0)),
        seen_dirs: HashSet::new(),
    }
}

/// The total size in bytes of the files [`read_paths`] would read (for a
/// progress bar against [`Reader::bytes_read`]): metadata only, no file is
/// opened. `None` when standard input is among the paths.
pub fn count_hint(paths: &[PathBuf]) -> Option<u64> {
    let mut total = 0u64;
    let mut seen = HashSet::new();
    let mut todo: Vec<(PathBuf, bool)> = paths.iter().rev().map(|p| (p.clone(), true)).collect();
    while let Some((path, named)) = todo.pop() {
        if path.as_os_str() == "-" {
            return None;
        }
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if meta.is_dir() {
            if let Ok(children) = list_dir(&path, &mut seen) {
                todo.extend(children.into_iter().rev().filter_map(Result::ok).map(|c| (c, false)));
            }
        } else if meta.is_file() && (named || !is_hidden(&path)) {
            total = total.saturating_add(meta.len());
        }
    }
    Some(total)
}

/// The iterator [`read_paths`] returns. `Send`, so it can feed a pipeline
/// from its own thread.
pub struct Reader {
    opts: ReadOptions,
    /// Paths still to read, last first.
    todo: Vec<Pending>,
    current: Option<source::Source>,
    /// Problems found while listing a folder, returned before its files.
    queued: Vec<Item>,
    /// Bytes read from the input files so far (compressed bytes for gzip).
    consumed: Arc<AtomicU64>,
    /// Folders already listed (canonical paths), so links cannot loop.
    seen_dirs: HashSet<PathBuf>,
}

struct Pending {
    path: PathBuf,
    /// Given by the caller (read even if hidden), rather than found in a folder.
    named: bool,
}

impl Reader {
    /// Bytes of input read so far, comparable with [`count_hint`]; a file
    /// skipped without being read counts as read.
    pub fn bytes_read(&self) -> u64 {
        self.consumed.load(Ordering::Relaxed)
    }

    /// A handle on the same counter as [`Reader::bytes_read`], for a
    /// progress bar on another thread than the one iterating.
    pub fn progress(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.consumed)
    }

    /// Start on the next path: a source of items, a folder's children queued,
    /// or a problem.
    fn open(&mut self, pending: Pending) -> Option<Item> {
        let Pending { path, named } = pending;
        if named && path.as_os_str() == "-" {
            self.current = Some(source::Source::stdin(&self.opts, &self.consumed));
            return None;
        }
        let meta = match std::fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => {
                let reason = if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                    "broken symbolic link (its target does not exist)".to_string()
                } else {
                    text::describe_io(&e)
                };
                return Some(Item::Problem(Origin::file(&path), reason));
            }
        };
        if meta.is_dir() {
            return match list_dir(&path, &mut self.seen_dirs) {
                Ok(children) => {
                    for child in children.into_iter().rev() {
                        match child {
                            Ok(p) => self.todo.push(Pending { path: p, named: false }),
                            Err(reason) => self.queued.push(Item::Problem(Origin::file(&path), reason)),
                        }
                    }
                    None
                }
                Err(reason) => Some(Item::Problem(Origin::file(&path), reason)),
            };
        }
        if !meta.is_file() {
            return Some(Item::Problem(
                Origin::file(&path),
                "not a regular file (a pipe, socket or device); pass it as - to read it from standard input"
                    .to_string(),
            ));
        }
        match source::Source::open(&path, meta.len(), &self.opts, &self.consumed) {
            Ok(src) => {
                self.current = Some(src);
                None
            }
            Err(reason) => Some(Item::Problem(Origin::file(&path), reason)),
        }
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queued.pop() {
                return Some(item);
            }
            if let Some(current) = &mut self.current {
                if let Some(item) = current.next() {
                    return Some(item);
                }
                current.finish();
                self.current = None;
            }
            let pending = self.todo.pop()?;
            if let Some(item) = self.open(pending) {
                return Some(item);
            }
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
}

/// The entries of a folder to read, sorted, hidden ones left out; a problem
/// for each entry that could not be listed. Empty when the folder was
/// already listed (reached again through a link).
fn list_dir(dir: &Path, seen: &mut HashSet<PathBuf>) -> Result<Vec<Result<PathBuf, String>>, String> {
    let canonical = std::fs::canonicalize(dir).map_err(|e| text::describe_io(&e))?;
    if !seen.insert(canonical) {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| text::describe_io(&e))?;
    let mut names = Vec::new();
    let mut out = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let name = entry.file_name();
                if !name.as_encoded_bytes().starts_with(b".") {
                    names.push(name);
                }
            }
            Err(e) => out.push(Err(format!("cannot list an entry: {}", text::describe_io(&e)))),
        }
    }
    names.sort_by(|a, b| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
    out.extend(names.into_iter().map(|n| Ok(dir.join(n))));
    Ok(out)
}

/// Longest first line taken for a headline, in characters.
const MAX_HEADLINE_CHARS: usize = 200;
/// Most words in a headline.
const MAX_HEADLINE_WORDS: usize = 25;

/// The title of a plain-text article: its first non-empty line, when that
/// line looks like a headline — more text follows it, it is short (at most
/// 200 characters and 25 words), and it does not end like a sentence of
/// running text (`.`, `:`, `،`, `,`, `؛`, `;`). A one-paragraph text has
/// no title. The text itself is kept whole (headline included), so that
/// offsets are offsets into the file as given.
pub fn headline(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    lines.next()?;
    let words = first.split_whitespace().count();
    let ends_like_prose = first.ends_with(['.', ':', '،', ',', '؛', ';']);
    let has_letters = first.chars().any(char::is_alphabetic);
    (first.chars().count() <= MAX_HEADLINE_CHARS
        && words <= MAX_HEADLINE_WORDS
        && !ends_like_prose
        && has_letters)
        .then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_display_as_path_and_line() {
        assert_eq!(Origin::line(Path::new("a/b.jsonl"), 7).to_string(), "a/b.jsonl:7");
        assert_eq!(Origin::file(Path::new("a.txt")).to_string(), "a.txt");
        assert_eq!(Origin::line(Path::new("-"), 2).to_string(), "stdin:2");
    }

    #[test]
    fn headlines() {
        assert_eq!(
            headline("مقتل 5 مدنيين في قصف\n\nقالت مصادر محلية إن..."),
            Some("مقتل 5 مدنيين في قصف".to_string())
        );
        assert_eq!(headline("\n  عنوان  \nنص"), Some("عنوان".to_string()));
        assert_eq!(headline("فقرة واحدة فقط."), None);
        assert_eq!(headline("قال المرصد:\nإن القصف استمر"), None);
        assert_eq!(headline("2018\nنص"), None);
        assert_eq!(headline(&format!("{}\nنص", "كلمة ".repeat(40))), None);
    }
}

#[cfg(test)]
mod send_tests {
    /// The corpus reads on its own thread.
    #[test]
    fn reader_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<super::Reader>();
        assert_send::<super::Item>();
    }
}
