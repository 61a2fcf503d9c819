//! JSON Lines input: opening (plain or gzip), bounded line reading, and
//! turning one line into an [`Article`].
//!
//! Corpora are big and scraped: a file may be gzip-compressed whatever its
//! name, truncated, or hold a single 200 MB line. Lines are therefore read
//! with a buffer capped at the article limit (an over-long line is counted
//! and skipped, never held in memory), and every problem with one line is a
//! [`LineProblem`] for that line only.
//!
//! This is the one JSON Lines reader of rasid: `rasid extract --jsonl` and
//! `rasid ingest` both read through it ([`parse_line`] is the strict form
//! the former needs, [`parse_record`] the lenient one for ingest).

use rasid_model::Article;
use serde_json::{Map, Value};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::ids;
use crate::published;
use crate::text::{self as input, TextProblem, TooLarge, UTF8_BOM};

/// Read buffer for input files: large enough that gzip and line splitting
/// work on big blocks.
const READ_BUFFER: usize = 256 * 1024;

/// An opened JSON Lines input.
pub struct Input {
    pub reader: Box<dyn BufRead + Send>,
    /// Whether the content is gzip (decided by its first bytes, not its name).
    pub gzip: bool,
    /// Bytes taken from the file or stdin so far (compressed bytes for gzip),
    /// for the progress bar.
    pub consumed: Arc<AtomicU64>,
    /// Size of the file, when it is a regular file.
    pub total: Option<u64>,
}

/// Counts the bytes read through it, so progress can be shown in input bytes
/// even when the lines come out of a gzip decoder.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Open a JSON Lines file (`-` for stdin), decompressing gzip transparently.
/// Errors are worded for the user (the caller adds the path).
pub fn open(path: &Path) -> Result<Input, String> {
    open_counted(path, Arc::new(AtomicU64::new(0)))
}

/// [`open`], adding the bytes read to `consumed` (shared by all the files
/// of one ingest, for one progress bar).
pub fn open_counted(path: &Path, consumed: Arc<AtomicU64>) -> Result<Input, String> {
    let (raw, total): (Box<dyn Read + Send>, Option<u64>) = if path.as_os_str() == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let meta = std::fs::metadata(path).map_err(|e| input::describe_io(&e))?;
        if meta.is_dir() {
            return Err("is a directory, not a file".to_string());
        }
        let file = File::open(path).map_err(|e| input::describe_io(&e))?;
        (Box::new(file), meta.is_file().then_some(meta.len()))
    };
    let counted = Counting { inner: raw, count: Arc::clone(&consumed) };
    let (gzip, raw) = sniff_gzip(counted).map_err(|e| input::describe_io(&e))?;
    let buffered = BufReader::with_capacity(READ_BUFFER, raw);
    let reader: Box<dyn BufRead + Send> = if gzip {
        // Multi-member: `cat a.gz b.gz > c.gz` and bgzip files are valid gzip.
        Box::new(BufReader::with_capacity(READ_BUFFER, flate2::bufread::MultiGzDecoder::new(buffered)))
    } else {
        Box::new(buffered)
    };
    Ok(Input { reader, gzip, consumed, total })
}

/// Whether the input starts with the gzip magic bytes, and the input again
/// with those bytes put back in front. A pipe may deliver them one at a time.
pub(crate) fn sniff_gzip<R: Read + Send + 'static>(mut raw: R) -> io::Result<(bool, Box<dyn Read + Send>)> {
    let mut head = [0u8; 2];
    let mut got = 0;
    while got < head.len() {
        match raw.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    let gzip = head[..got] == [0x1f, 0x8b];
    Ok((gzip, Box::new(io::Cursor::new(head[..got].to_vec()).chain(raw))))
}

/// One line as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// The line is in the buffer (without its `\n`, or `\r\n`).
    Complete,
    /// The line was longer than the limit: it was skipped; `bytes` is its length.
    TooLong { bytes: u64 },
}

/// Lines of a `BufRead`, each held in a buffer of at most `limit` bytes.
pub struct LineReader<R> {
    inner: R,
    limit: usize,
    /// Number of the last line returned (1-based).
    number: u64,
}

impl<R: BufRead> LineReader<R> {
    pub fn new(inner: R, limit: u64) -> LineReader<R> {
        LineReader { inner, limit: usize::try_from(limit).unwrap_or(usize::MAX), number: 0 }
    }

    /// Number of the last line returned (1-based; 0 before the first).
    pub fn line_number(&self) -> u64 {
        self.number
    }

    /// Read the next line into `buf` (cleared first). `Ok(None)` at end of
    /// input. A read error leaves the line unfinished and unnumbered: a
    /// truncated last line is never handed out as if it were whole.
    pub fn next_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<(u64, Line)>> {
        buf.clear();
        let mut length: u64 = 0;
        let mut read_any = false;
        let mut too_long = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if !read_any {
                    return Ok(None);
                }
                break;
            }
            read_any = true;
            let newline = memchr::memchr(b'\n', available);
            let chunk = &available[..newline.unwrap_or(available.len())];
            length += chunk.len() as u64;
            if !too_long {
                if buf.len() + chunk.len() <= self.limit {
                    buf.extend_from_slice(chunk);
                } else {
                    too_long = true;
                    buf.clear();
                }
            }
            let used = chunk.len() + usize::from(newline.is_some());
            self.inner.consume(used);
            if newline.is_some() {
                break;
            }
        }
        self.number += 1;
        if too_long {
            return Ok(Some((self.number, Line::TooLong { bytes: length })));
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        if self.number == 1 && buf.starts_with(UTF8_BOM.as_bytes()) {
            buf.drain(..UTF8_BOM.len());
        }
        Ok(Some((self.number, Line::Complete)))
    }
}

/// Why one JSON line was rejected. `Display` is the reason; the caller puts
/// `file:line:` in front.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    #[error("invalid UTF-8 at byte {0} of the line")]
    InvalidUtf8(usize),
    #[error("not JSON ({0})")]
    NotJson(String),
    #[error("not a JSON object (found {0})")]
    NotObject(&'static str),
    #[error("no \"{0}\" field")]
    Missing(&'static str),
    #[error("field \"{field}\" must be a string, found {found}")]
    NotString { field: &'static str, found: &'static str },
    #[error("empty \"id\"")]
    EmptyId,
    #[error("\"text\": {0}")]
    Text(TextProblem),
    #[error("line {0}")]
    TooLong(TooLarge),
}

/// An article read from a line, with what the user should be warned about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLine {
    pub article: Article,
    pub warnings: Vec<String>,
}

/// Field names read for each article field, the canonical one first. Data
/// sets name their fields differently (`content` or `body` for the text,
/// `date` for the publication date, `link` for the URL); the aliases are
/// read only when the canonical field is absent, and only when they hold a
/// string (a `source` object or a `date` number is someone else's field).
const TEXT_FIELDS: &[&str] = &["text", "content", "body"];
const PUBLISHED_FIELDS: &[&str] = &["published", "date", "published_at"];
const OUTLET_FIELDS: &[&str] = &["outlet", "source", "site_name"];
const TITLE_FIELDS: &[&str] = &["title", "headline"];
const URL_FIELDS: &[&str] = &["url", "link"];

/// Parse one JSON line as `rasid extract --jsonl` reads it: an object with
/// string `id` and `text`, optional string-or-null `published`, `outlet`,
/// `title`, `url` (or their aliases, see [`parse_value`]); other fields are
/// ignored. A missing or empty id is a problem: the output file is named
/// after it.
pub fn parse_line(bytes: &[u8]) -> Result<ParsedLine, LineProblem> {
    parse_record(bytes, None)
}

/// Parse one JSON line as `rasid ingest` reads it: like [`parse_line`], but
/// when `fallback_stem` is given an id is never a problem: a number is
/// written as a string, and a missing, null or empty id is derived from the
/// data (see [`parse_value`]).
pub fn parse_record(bytes: &[u8], fallback_stem: Option<&str>) -> Result<ParsedLine, LineProblem> {
    // simdutf8: the same verdict and error position as `std::str::from_utf8`,
    // several times faster on Arabic text (no ASCII fast path helps there)
    let line = simdutf8::compat::from_utf8(bytes).map_err(|e| LineProblem::InvalidUtf8(e.valid_up_to()))?;
    let value: Value = serde_json::from_str(line).map_err(|e| LineProblem::NotJson(json_error(&e)))?;
    parse_value(value, fallback_stem)
}

/// Turn one parsed JSON value into an article.
///
/// Fields: `id`; `text` (or `content`, `body`); `published` (or `date`,
/// `published_at`), brought to ISO 8601 when written another known way;
/// `outlet` (or `source`, `site_name`); `title` (or `headline`); `url` (or
/// `link`). With `fallback_stem`, an id that is a number is taken as its
/// decimal string, and a missing, null or empty id becomes the `url`, or else
/// `<stem>-<hash of the text>`: stable across runs, so ingesting the same
/// file twice gives the same ids.
pub fn parse_value(value: Value, fallback_stem: Option<&str>) -> Result<ParsedLine, LineProblem> {
    let Value::Object(mut fields) = value else {
        return Err(LineProblem::NotObject(kind_of(&value)));
    };
    let id = match (fields.remove("id"), fallback_stem) {
        (Some(Value::String(s)), _) if !s.is_empty() => Some(s),
        (Some(Value::String(_)), None) => return Err(LineProblem::EmptyId),
        (None | Some(Value::Null), None) => return Err(LineProblem::Missing("id")),
        (Some(Value::Number(n)), Some(_)) => Some(n.to_string()),
        (Some(other @ (Value::Bool(_) | Value::Number(_) | Value::Array(_) | Value::Object(_))), _) => {
            return Err(LineProblem::NotString { field: "id", found: kind_of(&other) });
        }
        (None | Some(Value::Null) | Some(Value::String(_)), Some(_)) => None,
    };
    let Some(mut text) = first_string(&mut fields, TEXT_FIELDS)? else {
        return Err(LineProblem::Missing("text"));
    };
    if text.starts_with(UTF8_BOM) {
        text.drain(..UTF8_BOM.len());
    }
    input::check_text(&text).map_err(LineProblem::Text)?;
    let published = first_string(&mut fields, PUBLISHED_FIELDS)?.and_then(|p| published::normalize(&p));
    let outlet = first_string(&mut fields, OUTLET_FIELDS)?;
    let title = first_string(&mut fields, TITLE_FIELDS)?;
    let url = first_string(&mut fields, URL_FIELDS)?;
    let id = match (id, fallback_stem) {
        (Some(id), _) => id,
        (None, stem) => match &url {
            Some(u) if !u.trim().is_empty() => u.clone(),
            _ => ids::derived(stem.unwrap_or_default(), &text),
        },
    };
    let mut warnings = Vec::new();
    if let Some(p) = &published
        && published::date_part(p).is_none()
    {
        warnings.push(format!("\"published\" is not a date ({p:?}): relative dates will not be resolved"));
    }
    Ok(ParsedLine { article: Article { id, text, published, outlet, title, url }, warnings })
}

/// The value of the first of `names` present: the canonical name (first)
/// must be a string or null; aliases are skipped unless they hold a string.
fn first_string(
    fields: &mut Map<String, Value>,
    names: &[&'static str],
) -> Result<Option<String>, LineProblem> {
    let Some((&canonical, aliases)) = names.split_first() else {
        return Ok(None);
    };
    if let Some(found) = optional_string(fields, canonical)? {
        return Ok(Some(found));
    }
    for alias in aliases {
        if let Some(Value::String(s)) = fields.get(*alias) {
            return Ok(Some(s.clone()));
        }
    }
    Ok(None)
}

fn optional_string(
    fields: &mut Map<String, Value>,
    field: &'static str,
) -> Result<Option<String>, LineProblem> {
    match fields.remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(LineProblem::NotString { field, found: kind_of(&other) }),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message with the column only (the line is always 1 here).
fn json_error(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let reason = message.split(" at line ").next().unwrap_or(&message);
    format!("{reason} at column {}", e.column())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(input: &[u8], limit: u64) -> Vec<(u64, Line, Vec<u8>)> {
        let mut reader = LineReader::new(BufReader::with_capacity(7, input), limit);
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some((n, line)) = reader.next_line(&mut buf).unwrap() {
            out.push((n, line, buf.clone()));
        }
        out
    }

    #[test]
    fn reads_lines_and_skips_long_ones() {
        let got = lines(b"ab\r\n0123456789abcdef\n\nlast", 8);
        assert_eq!(
            got,
            vec![
                (1, Line::Complete, b"ab".to_vec()),
                (2, Line::TooLong { bytes: 16 }, vec![]),
                (3, Line::Complete, vec![]),
                (4, Line::Complete, b"last".to_vec()),
            ]
        );
        assert_eq!(lines(b"", 8), vec![]);
        assert_eq!(lines(b"x\n", 8).len(), 1);
    }

    #[test]
    fn strips_a_bom_on_the_first_line_only() {
        let input = "\u{feff}{}\n\u{feff}{}\n".as_bytes();
        let got = lines(input, 100);
        assert_eq!(got[0].2, b"{}".to_vec());
        assert_eq!(got[1].2, "\u{feff}{}".as_bytes().to_vec());
    }

    #[test]
    fn parses_articles() {
        let p = parse_line(
            r#"{"id":"a1","text":"قتل 3","published":"2018-03-11","outlet":null,"views":5}"#.as_bytes(),
        )
        .unwrap();
        assert_eq!(p.article.id, "a1");
        assert_eq!(p.article.published.as_deref(), Some("2018-03-11"));
        assert_eq!(p.article.outlet, None);
        assert!(p.warnings.is_empty());
        let p = parse_line(br#"{"id":"a1","text":"x","published":"soon","url":"https://example.org/a"}"#)
            .unwrap();
        assert_eq!(p.article.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(p.warnings.len(), 1);
    }

    #[test]
    fn names_what_is_wrong_with_a_line() {
        assert!(matches!(parse_line(b"{\"id\":\"a\",\"text\":"), Err(LineProblem::NotJson(_))));
        assert_eq!(parse_line(b"[1]"), Err(LineProblem::NotObject("an array")));
        assert_eq!(parse_line(br#"{"text":"x"}"#), Err(LineProblem::Missing("id")));
        assert_eq!(parse_line(br#"{"id":"a"}"#), Err(LineProblem::Missing("text")));
        assert_eq!(
            parse_line(br#"{"id":7,"text":"x"}"#),
            Err(LineProblem::NotString { field: "id", found: "a number" })
        );
        assert_eq!(
            parse_line(br#"{"id":"a","text":"x","title":["t"]}"#),
            Err(LineProblem::NotString { field: "title", found: "an array" })
        );
        assert_eq!(parse_line(br#"{"id":"","text":"x"}"#), Err(LineProblem::EmptyId));
        assert_eq!(parse_line(br#"{"id":"a","text":"  "}"#), Err(LineProblem::Text(TextProblem::Empty)));
        assert!(matches!(parse_line(b"{\"id\":\"a\xff\"}"), Err(LineProblem::InvalidUtf8(8))));
        let e = parse_line(b"{\"id\":\"a\",}").unwrap_err().to_string();
        assert!(e.contains("column"), "{e}");
    }

    #[test]
    fn opens_gzip_by_content() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plain-name.jsonl");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"id\":\"a\"}\n").unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let mut input = open(&path).unwrap();
        assert!(input.gzip);
        let mut s = String::new();
        input.reader.read_to_string(&mut s).unwrap();
        assert_eq!(s, "{\"id\":\"a\"}\n");
        assert!(open(dir.path()).is_err());
        assert!(open(&dir.path().join("missing")).is_err());
    }

    #[test]
    fn sniffing_survives_a_reader_that_gives_one_byte_at_a_time() {
        struct OneByte(Vec<u8>);
        impl Read for OneByte {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                if self.0.is_empty() || buf.is_empty() {
                    return Ok(0);
                }
                buf[0] = self.0.remove(0);
                Ok(1)
            }
        }
        let (gzip, mut r) = sniff_gzip(OneByte(vec![0x1f, 0x8b, 8])).unwrap();
        assert!(gzip);
        let mut back = Vec::new();
        r.read_to_end(&mut back).unwrap();
        assert_eq!(back, vec![0x1f, 0x8b, 8]);
        let (gzip, mut r) = sniff_gzip(OneByte(b"x".to_vec())).unwrap();
        assert!(!gzip);
        back.clear();
        r.read_to_end(&mut back).unwrap();
        assert_eq!(back, b"x");
    }

    proptest! {
        /// Joining the complete lines gives back the input, every over-long
        /// line is reported with its true length, and no buffer passes the limit.
        #[test]
        fn line_reader_is_exact_and_bounded(
            parts in prop::collection::vec(("[a-z\r]{0,20}", any::<bool>()), 0..20),
            limit in 1u64..16,
        ) {
            let mut input = String::new();
            for (i, (text, newline)) in parts.iter().enumerate() {
                input.push_str(text);
                if *newline || i + 1 == parts.len() { input.push('\n'); }
            }
            let expected: Vec<&str> = input.split_terminator('\n').collect();
            let got = lines(input.as_bytes(), limit);
            prop_assert_eq!(got.len(), expected.len());
            for ((n, line, buf), want) in got.iter().zip(&expected) {
                prop_assert!(*n >= 1);
                prop_assert!(buf.len() as u64 <= limit);
                match line {
                    Line::Complete => prop_assert_eq!(buf.as_slice(), want.strip_suffix('\r').unwrap_or(want).as_bytes()),
                    Line::TooLong { bytes } => {
                        prop_assert_eq!(*bytes, want.len() as u64);
                        prop_assert!(*bytes > limit);
                    }
                }
            }
        }

        #[test]
        fn parse_line_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = parse_line(&bytes);
        }

        #[test]
        fn parse_line_never_panics_on_near_json(
            id in prop_oneof![Just("\"a\"".to_string()), "\\PC{0,8}".prop_map(|s| serde_json::to_string(&s).unwrap()), Just("1".to_string()), Just("null".to_string())],
            text in "\\PC{0,30}",
        ) {
            let line = format!("{{\"id\":{id},\"text\":{}}}", serde_json::to_string(&text).unwrap());
            if let Ok(p) = parse_line(line.as_bytes()) {
                prop_assert!(!p.article.id.is_empty());
                prop_assert!(!p.article.text.trim().is_empty());
            }
        }
    }
}
