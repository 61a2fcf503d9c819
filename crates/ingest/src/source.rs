//! One open input file and the items it gives.

use std::borrow::Cow;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;

use crate::json::{Chunk, ValueReader};
use crate::jsonl::{self, Line, LineProblem, LineReader};
use crate::text::{self, TextProblem, TooLarge};
use crate::{Article, Item, Origin, ReadOptions, feed, headline, html, ids};

/// How a file is read, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    Html,
    Json,
    JsonLines,
    Feed,
}

/// The formats rasid reads, for the "unsupported file type" message.
const SUPPORTED: &str =
    ".txt, .html/.htm, .json, .jsonl/.ndjson, .xml/.rss/.atom, each optionally gzip-compressed (.gz)";

/// The format a file name says, looking through a final `.gz`.
pub(crate) fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::JsonLines,
        "xml" | "rss" | "atom" => Format::Feed,
        _ => return None,
    })
}

/// How many leading bytes are looked at to recognise a file by content.
const SNIFF_BYTES: usize = 1024;

/// The format of a file with an unknown name, from its first bytes (after
/// any whitespace and byte-order mark).
fn sniff(head: &[u8]) -> Option<Format> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    let lower: Vec<u8> = head.iter().take(SNIFF_BYTES).map(u8::to_ascii_lowercase).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    match lower.first() {
        Some(b'{' | b'[') => Some(Format::Json),
        Some(b'<') if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") => Some(Format::Feed),
        Some(b'<') if lower.starts_with(b"<!doctype html") || has(b"<html") => Some(Format::Html),
        _ => None,
    }
}

/// An open input.
pub(crate) struct Source {
    kind: Kind,
    /// Where the shared byte counter stood when this file was opened, and the
    /// file's size: when the file is done, the counter is topped up to the
    /// size, so progress reaches the total even for files skipped unread.
    start: u64,
    size: u64,
    consumed: Arc<AtomicU64>,
}

enum Kind {
    /// Everything already read (single-article files, feeds).
    Items(std::vec::IntoIter<Item>),
    Lines(Lines),
    Values(Values),
}

impl Source {
    pub(crate) fn open(
        path: &Path,
        size: u64,
        opts: &ReadOptions,
        consumed: &Arc<AtomicU64>,
    ) -> Result<Source, String> {
        let start = consumed.load(Ordering::Relaxed);
        let result = Self::open_kind(path, size, opts, consumed);
        let source =
            Source { kind: Kind::Items(Vec::new().into_iter()), start, size, consumed: Arc::clone(consumed) };
        match result {
            Ok(kind) => Ok(Source { kind, ..source }),
            Err(reason) => {
                source.finish();
                Err(reason)
            }
        }
    }

    /// JSON Lines from standard input.
    pub(crate) fn stdin(opts: &ReadOptions, consumed: &Arc<AtomicU64>) -> Source {
        let path = Path::new("-");
        let start = consumed.load(Ordering::Relaxed);
        let kind = match jsonl::open_counted(path, Arc::clone(consumed)) {
            Ok(input) => Kind::Lines(Lines::new(path, input.reader, input.gzip, opts)),
            Err(reason) => Kind::Items(vec![Item::Problem(Origin::file(path), reason)].into_iter()),
        };
        Source { kind, start, size: 0, consumed: Arc::clone(consumed) }
    }

    fn open_kind(
        path: &Path,
        size: u64,
        opts: &ReadOptions,
        consumed: &Arc<AtomicU64>,
    ) -> Result<Kind, String> {
        let limit = opts.max_article_bytes;
        let mut input = jsonl::open_counted(path, Arc::clone(consumed))?;
        let format = match format_of(path) {
            Some(f) => f,
            None => {
                let head = input.reader.fill_buf().map_err(|e| text::describe_io(&e))?;
                sniff(head).ok_or_else(|| {
                    let ext =
                        path.extension().map(|e| format!(" (.{})", e.to_string_lossy())).unwrap_or_default();
                    format!("unsupported file type{ext}: rasid reads {SUPPORTED}")
                })?
            }
        };
        let stem = ids::file_stem(path);
        let whole = |input: jsonl::Input| -> Result<Vec<u8>, String> {
            if !input.gzip && size > limit as u64 {
                return Err(too_large(Some(size), limit));
            }
            match text::read_capped(input.reader, limit as u64) {
                Ok(Some(bytes)) => Ok(bytes),
                Ok(None) => Err(too_large(None, limit)),
                Err(e) => Err(read_error(&e, input.gzip)),
            }
        };
        let origin = Origin::file(path);
        Ok(match format {
            Format::Text => {
                let bytes = whole(input)?;
                let text = text::decode_article(&bytes).map_err(|p| p.to_string())?;
                let title = headline(text);
                let article = Article { id: stem, text: text.to_string(), title, ..Article::default() };
                Kind::Items(vec![Item::Article(article, origin)].into_iter())
            }
            Format::Html => {
                let bytes = whole(input)?;
                let page = decode_html(&bytes)?;
                let found = html::extract(&page)?;
                text::check_text(&found.text).map_err(|p| p.to_string())?;
                let article = Article {
                    id: stem,
                    text: found.text,
                    published: found.published,
                    outlet: found.outlet,
                    title: found.title,
                    url: found.url,
                };
                Kind::Items(vec![Item::Article(article, origin)].into_iter())
            }
            Format::Feed => {
                let bytes = whole(input)?;
                let items = feed::read_feed(&bytes, &stem)?
                    .into_iter()
                    .map(|item| match item {
                        Ok(article) => match text::check_text(&article.text) {
                            Ok(()) => Item::Article(article, origin.clone()),
                            Err(p) => Item::Problem(origin.clone(), format!("item {:?}: {p}", article.id)),
                        },
                        Err(reason) => Item::Problem(origin.clone(), reason),
                    })
                    .collect::<Vec<_>>();
                Kind::Items(items.into_iter())
            }
            Format::JsonLines => Kind::Lines(Lines::new(path, input.reader, input.gzip, opts)),
            Format::Json => Kind::Values(Values {
                path: path.to_path_buf(),
                stem,
                gzip: input.gzip,
                limit,
                reader: ValueReader::new(input.reader, limit),
                buf: Vec::new(),
                done: false,
            }),
        })
    }

    pub(crate) fn next(&mut self) -> Option<Item> {
        match &mut self.kind {
            Kind::Items(items) => items.next(),
            Kind::Lines(lines) => lines.next(),
            Kind::Values(values) => values.next(),
        }
    }

    /// Count the file as read in full.
    pub(crate) fn finish(&self) {
        let read = self.consumed.load(Ordering::Relaxed).saturating_sub(self.start);
        if read < self.size {
            self.consumed.fetch_add(self.size - read, Ordering::Relaxed);
        }
    }
}

fn too_large(size: Option<u64>, limit: usize) -> String {
    TextProblem::TooLarge(TooLarge { size, limit: limit as u64 }).to_string()
}

fn read_error(e: &std::io::Error, gzip: bool) -> String {
    let hint = if gzip { " (the gzip data is truncated or corrupt)" } else { "" };
    format!("cannot read: {}{hint}", text::describe_io(e))
}

/// A line number as the origin holds it.
fn line_no(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// A JSON Lines file, line by line.
struct Lines {
    path: PathBuf,
    stem: String,
    gzip: bool,
    limit: u64,
    reader: LineReader<Box<dyn BufRead + Send>>,
    buf: Vec<u8>,
    done: bool,
}

impl Lines {
    fn new(path: &Path, reader: Box<dyn BufRead + Send>, gzip: bool, opts: &ReadOptions) -> Lines {
        let limit = opts.max_article_bytes as u64;
        Lines {
            path: path.to_path_buf(),
            stem: if path.as_os_str() == "-" { "stdin".to_string() } else { ids::file_stem(path) },
            gzip,
            limit,
            reader: LineReader::new(reader, limit),
            buf: Vec::new(),
            done: false,
        }
    }

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            match self.reader.next_line(&mut self.buf) {
                Ok(None) => self.done = true,
                Ok(Some((n, Line::TooLong { bytes }))) => {
                    let reason = LineProblem::TooLong(TooLarge { size: Some(bytes), limit: self.limit });
                    return Some(Item::Problem(Origin::line(&self.path, line_no(n)), reason.to_string()));
                }
                Ok(Some((_, Line::Complete))) if self.buf.iter().all(u8::is_ascii_whitespace) => {}
                Ok(Some((n, Line::Complete))) => {
                    let origin = Origin::line(&self.path, line_no(n));
                    return Some(match jsonl::parse_record(&self.buf, Some(&self.stem)) {
                        Ok(parsed) => Item::Article(parsed.article, origin),
                        Err(problem) => Item::Problem(origin, problem.to_string()),
                    });
                }
                Err(e) => {
                    self.done = true;
                    let last = self.reader.line_number();
                    let hint = if self.gzip { " (the gzip data is truncated or corrupt)" } else { "" };
                    let kept = if last == 0 {
                        "nothing could be read".to_string()
                    } else {
                        format!("the last good line is {last}; the lines before it were read")
                    };
                    return Some(Item::Problem(
                        Origin::file(&self.path),
                        format!("cannot read past line {last}: {}{hint}; {kept}", text::describe_io(&e)),
                    ));
                }
            }
        }
        None
    }
}

/// A JSON file, value by value.
struct Values {
    path: PathBuf,
    stem: String,
    gzip: bool,
    limit: usize,
    reader: ValueReader<Box<dyn BufRead + Send>>,
    buf: Vec<u8>,
    done: bool,
}

impl Values {
    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        let chunk = match self.reader.next_value(&mut self.buf) {
            Ok(Some(chunk)) => chunk,
            Ok(None) => {
                self.done = true;
                return None;
            }
            Err(e) => {
                self.done = true;
                let line = self.reader.line();
                let hint = if self.gzip { " (the gzip data is truncated or corrupt)" } else { "" };
                return Some(Item::Problem(
                    Origin::line(&self.path, line),
                    format!(
                        "cannot read further: {}{hint}; the values before this line were read",
                        text::describe_io(&e)
                    ),
                ));
            }
        };
        Some(match chunk {
            Chunk::Complete { line } => {
                let origin = Origin::line(&self.path, line);
                let parsed = serde_json::from_slice::<Value>(&self.buf)
                    .map_err(|e| {
                        let at = line + e.line().saturating_sub(1);
                        let message = e.to_string();
                        let reason = message.split(" at line ").next().unwrap_or(&message).to_string();
                        LineProblem::NotJson(format!("{reason} at line {at}, column {}", e.column()))
                    })
                    .and_then(|value| jsonl::parse_value(value, Some(&self.stem)));
                match parsed {
                    Ok(parsed) => Item::Article(parsed.article, origin),
                    Err(problem) => Item::Problem(origin, problem.to_string()),
                }
            }
            Chunk::TooLong { line, bytes } => Item::Problem(
                Origin::line(&self.path, line),
                format!("value {}", TooLarge { size: Some(bytes), limit: self.limit as u64 }),
            ),
            Chunk::Broken { line, reason } => {
                self.done = true;
                Item::Problem(Origin::line(&self.path, line), format!("broken JSON: {reason}"))
            }
        })
    }
}

/// A page's bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM,
/// or the charset the page declares in its first bytes (`<meta
/// charset="windows-1256">`, still common on Arabic sites).
fn decode_html(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok(text);
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(TextProblem::Binary(format!("NUL byte at byte {at}")).to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(e) => match declared_charset(bytes) {
            Some(encoding) if encoding != encoding_rs::UTF_8 => {
                Ok(encoding.decode_without_bom_handling(bytes).0)
            }
            _ => Err(format!(
                "invalid UTF-8 at byte {} and no other charset declared in the page; convert it to UTF-8 first",
                e.valid_up_to()
            )),
        },
    }
}

/// How far into a page a `charset` declaration is looked for (the HTML
/// standard's prescan reads 1024 bytes; pages with long heads get more).
const CHARSET_PRESCAN: usize = 4096;

/// The encoding named by the first `charset=` in the head of a page.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head: Vec<u8> = bytes.iter().take(CHARSET_PRESCAN).map(u8::to_ascii_lowercase).collect();
    let at = head.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end =
        rest.iter().position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))?;
    encoding_rs::Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        assert_eq!(format_of(Path::new("a.TXT")), Some(Format::Text));
        assert_eq!(format_of(Path::new("a.jsonl.gz")), Some(Format::JsonLines));
        assert_eq!(format_of(Path::new("a.json.gz")), Some(Format::Json));
        assert_eq!(format_of(Path::new("feed.rss")), Some(Format::Feed));
        assert_eq!(format_of(Path::new("page.htm")), Some(Format::Html));
        assert_eq!(format_of(Path::new("a.pdf")), None);
        assert_eq!(format_of(Path::new("noext")), None);
        assert_eq!(format_of(Path::new("a.gz")), None);
    }

    #[test]
    fn sniffs_structured_content_only() {
        assert_eq!(sniff(b"  \n{\"id\":1}"), Some(Format::Json));
        assert_eq!(sniff(b"\xEF\xBB\xBF[1]"), Some(Format::Json));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><rss>"), Some(Format::Feed));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><feed xmlns=\"x\">"), Some(Format::Feed));
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Some(Format::Html));
        assert_eq!(sniff("نص عادي".as_bytes()), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"%PDF-1.4"), None);
    }

    #[test]
    fn decodes_declared_charsets() {
        // "سوريا" in windows-1256.
        let mut page = b"<html><head><meta charset=\"windows-1256\"></head><body><p>".to_vec();
        page.extend_from_slice(&[0xD3, 0xE6, 0xD1, 0xED, 0xC7]);
        page.extend_from_slice(b"</p></body></html>");
        assert!(decode_html(&page).is_ok_and(|t| t.contains("سوريا")));
        assert!(decode_html(b"\xff\xfe<\x00p\x00>\x00").is_ok_and(|t| t == "<p>"), "a UTF-16 BOM decides");
        assert!(decode_html(b"<p>ok \xc3</p>").is_err());
        assert!(decode_html(b"<p>\x00</p>").is_err());
    }
}
