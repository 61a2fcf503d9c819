//! Reading an article's text from untrusted bytes.
//!
//! Everything a user can hand rasid goes through here before the extractor
//! sees it: the checks turn the usual accidents (a PDF or a UTF-16 export
//! instead of a text file, a Windows-1256 file, an empty scrape, a runaway
//! file) into one clear message each, instead of garbage output or a panic.
//!
//! (Moved here from the command line crate so that `rasid extract` and
//! `rasid ingest` refuse the same things with the same words.)

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

use crate::size;

/// Why a text was refused. `Display` gives the reason without naming the
/// input; callers put the file name (and line) in front.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextProblem {
    #[error("invalid UTF-8 at byte {byte} (line {line}, column {column}); rasid reads UTF-8 text only")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        byte: usize,
        /// 1-based line of that byte.
        line: usize,
        /// 1-based column, in characters, of that byte within its line.
        column: usize,
    },
    #[error("looks like a binary file, not text ({0})")]
    Binary(String),
    #[error(
        "looks like UTF-16 text (it starts with a UTF-16 byte-order mark); convert it to UTF-8 first, e.g. with iconv -f UTF-16 -t UTF-8"
    )]
    Utf16,
    #[error("no text (empty or only whitespace)")]
    Empty,
    #[error("article {0}")]
    TooLarge(TooLarge),
}

/// An article over `--max-article-bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    /// The size, when known (`None` when reading a stream stopped at the limit).
    pub size: Option<u64>,
    pub limit: u64,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limit = size::human(self.limit);
        match self.size {
            Some(n) => write!(f, "too large: {n} bytes ({}), over the limit of {limit}", size::human(n))?,
            None => write!(f, "too large: more than the limit of {limit}")?,
        }
        write!(f, " (raise it with --max-article-bytes)")
    }
}

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The input itself is unusable (missing, a directory, no permission):
    /// nothing can be done, exit code 2.
    #[error("{0}")]
    Unreadable(String),
    /// The bytes were read but are not an acceptable article: exit code 1.
    #[error("{0}")]
    Rejected(#[from] TextProblem),
}

/// The UTF-8 byte-order mark some Windows editors put at the start of a file.
pub const UTF8_BOM: &str = "\u{feff}";

/// Share of control characters (other than tab, newline, carriage return and
/// form feed) above which a text is taken for binary data: real prose has
/// none, so even a tenth is far past any scraping noise.
const MAX_CONTROL_SHARE: f64 = 0.10;

/// Validate raw bytes as article text and return it without a leading BOM.
///
/// Order matters for the message: a binary file is usually invalid UTF-8
/// too, and "looks like a binary file" is the more useful thing to say.
pub fn decode_article(bytes: &[u8]) -> Result<&str, TextProblem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(TextProblem::Utf16);
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(TextProblem::Binary(format!("NUL byte at byte {at}")));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| invalid_utf8_at(bytes, e.valid_up_to()))?;
    let text = text.strip_prefix(UTF8_BOM).unwrap_or(text);
    check_text(text)?;
    Ok(text)
}

/// The checks that also apply to text that arrived inside a JSON string:
/// binary data (NUL or mostly control characters) and empty text.
pub fn check_text(text: &str) -> Result<(), TextProblem> {
    let bytes = text.as_bytes();
    if let Some(at) = memchr::memchr(0, bytes) {
        let i = text[..at].chars().count();
        return Err(TextProblem::Binary(format!("NUL character at character {i}")));
    }
    let (total, controls) = count_chars_and_controls(bytes);
    if controls > 0 && controls as f64 > MAX_CONTROL_SHARE * total as f64 {
        let share = 100.0 * controls as f64 / total as f64;
        return Err(TextProblem::Binary(format!("{share:.0}% of its characters are control characters")));
    }
    if text.trim().is_empty() {
        return Err(TextProblem::Empty);
    }
    Ok(())
}

/// Characters, and control characters other than tab, newline, carriage
/// return and form feed, of valid UTF-8. Counted on bytes, not decoded
/// characters (every article passes here, and decoding was a visible share
/// of a corpus run): a character is a byte that is no continuation byte; the
/// control characters (`char::is_control`: U+0000–U+001F and U+007F–U+009F)
/// are the bytes below 0x20 and 0x7F, and the pairs 0xC2 0x80–0x9F.
fn count_chars_and_controls(bytes: &[u8]) -> (usize, usize) {
    // Counted a chunk at a time into byte-wide counters, which cannot
    // overflow within a chunk: that is what lets the compiler count sixteen
    // bytes per instruction (summed straight into `usize`, the loop took
    // twelve instructions a byte, 3 % of a corpus run's).
    const CHUNK: usize = 255;
    let (mut total, mut c0) = (0usize, 0usize);
    for chunk in bytes.chunks(CHUNK) {
        let (mut chars, mut controls) = (0u8, 0u8);
        for &b in chunk {
            chars += u8::from(b & 0xC0 != 0x80);
            // `&` and `|`, not `&&` and `||`: no branch, so it vectorizes
            let c0_control = (b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r') & (b != 0x0c);
            controls += u8::from(c0_control | (b == 0x7F));
        }
        total += usize::from(chars);
        c0 += usize::from(controls);
    }
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&at| bytes.get(at + 1).is_some_and(|b| (0x80..=0x9F).contains(b)))
        .count();
    (total, c0 + c1)
}

/// Where invalid UTF-8 starts, as people count: line and column of the
/// character (the prefix up to `valid_up_to` is valid, so it can be counted).
fn invalid_utf8_at(bytes: &[u8], valid_up_to: usize) -> TextProblem {
    let valid = &bytes[..valid_up_to.min(bytes.len())];
    let line_start = memchr::memrchr(b'\n', valid).map_or(0, |i| i + 1);
    let line = 1 + memchr::memchr_iter(b'\n', valid).count();
    let column = 1 + String::from_utf8_lossy(&valid[line_start..]).chars().count();
    TextProblem::InvalidUtf8 { byte: valid_up_to, line, column }
}

/// Read at most `limit + 1` bytes of `reader`, so a runaway input costs at
/// most the limit in memory; `Ok(None)` when it is bigger than the limit.
pub fn read_capped(reader: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Bytes to owned text: validated, BOM removed, no second copy of the text.
fn into_article(bytes: Vec<u8>) -> Result<String, TextProblem> {
    // The text is a suffix of the bytes: only a leading BOM is ever cut.
    let start = bytes.len() - decode_article(&bytes)?.len();
    let mut text =
        String::from_utf8(bytes).map_err(|e| invalid_utf8_at(e.as_bytes(), e.utf8_error().valid_up_to()))?;
    text.drain(..start);
    Ok(text)
}

/// Read one article from a file, refusing anything that is not a usable text
/// of at most `limit` bytes.
pub fn read_article_file(path: &Path, limit: u64) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Unreadable(describe_io(&e)))?;
    if meta.is_dir() {
        return Err(ReadError::Unreadable("is a directory, not a file".to_string()));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(TextProblem::TooLarge(TooLarge { size: Some(meta.len()), limit }).into());
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::Unreadable(describe_io(&e)))?;
    read_article(file, limit)
}

/// Read one article from a stream (stdin, a pipe, a special file).
pub fn read_article(reader: impl Read, limit: u64) -> Result<String, ReadError> {
    match read_capped(reader, limit).map_err(|e| ReadError::Unreadable(describe_io(&e)))? {
        Some(bytes) => Ok(into_article(bytes)?),
        None => Err(TextProblem::TooLarge(TooLarge { size: None, limit }).into()),
    }
}

/// An I/O error in words, without the "(os error 2)" noise where the kind
/// says it all.
pub fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory, not a file".to_string(),
        io::ErrorKind::InvalidData => format!("invalid data: {e}"),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_counts_match_the_characters() {
        let reference = |t: &str| {
            let total = t.chars().count();
            let controls =
                t.chars().filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c')).count();
            (total, controls)
        };
        for t in ["", "abc", "قتل 12\tشخصا\n", "\u{7f}\u{80}\u{9f}\u{a0}x\u{1}", "\u{85}\u{2028}\u{202e}"]
        {
            assert_eq!(count_chars_and_controls(t.as_bytes()), reference(t), "{t:?}");
        }
        proptest::proptest!(|(t in "[\\x00-\\x{ff}a-zء-ي\\u{2000}-\\u{2030}]{0,40}")| {
            proptest::prop_assert_eq!(count_chars_and_controls(t.as_bytes()), reference(&t));
        });
        // longer than a chunk of the counter, with chunk edges inside characters
        proptest::proptest!(|(t in "[\\x00-\\x{ff}a-zء-ي\\u{2000}-\\u{2030}]{200,900}")| {
            proptest::prop_assert_eq!(count_chars_and_controls(t.as_bytes()), reference(&t));
        });
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_text_and_strips_the_bom() {
        assert_eq!(decode_article("قتل 5 مدنيين".as_bytes()), Ok("قتل 5 مدنيين"));
        assert_eq!(decode_article("\u{feff}نص".as_bytes()), Ok("نص"));
        assert_eq!(into_article("\u{feff}نص\r\n".as_bytes().to_vec()).as_deref(), Ok("نص\r\n"));
    }

    #[test]
    fn says_where_utf8_breaks() {
        let mut bytes = "سطر\nاب".as_bytes().to_vec();
        bytes.push(0xC3);
        bytes.extend_from_slice(b"(x");
        match decode_article(&bytes) {
            Err(TextProblem::InvalidUtf8 { byte, line, column }) => {
                assert_eq!((byte, line, column), ("سطر\nاب".len(), 2, 3));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_binary_empty_and_utf16() {
        assert!(matches!(decode_article(b"PK\x03\x04\x00\x00"), Err(TextProblem::Binary(_))));
        assert!(matches!(decode_article(b"\x01\x02\x03\x04abc"), Err(TextProblem::Binary(_))));
        assert_eq!(decode_article(b""), Err(TextProblem::Empty));
        assert_eq!(decode_article(" \n\t ".as_bytes()), Err(TextProblem::Empty));
        assert_eq!(decode_article("\u{feff}".as_bytes()), Err(TextProblem::Empty));
        assert_eq!(decode_article(&[0xFF, 0xFE, b'a', 0]), Err(TextProblem::Utf16));
        assert!(check_text("نص\u{1}").is_err(), "one control in two characters is binary");
        assert!(check_text("نص طويل بما يكفي لتحمل حرفا واحدا\u{7}").is_ok());
    }

    #[test]
    fn caps_what_it_reads() {
        let big = [b'a'; 100];
        assert!(read_capped(&big[..], 99).unwrap().is_none());
        assert_eq!(read_capped(&big[..], 100).unwrap().map(|b| b.len()), Some(100));
        assert!(matches!(
            read_article(&big[..], 10),
            Err(ReadError::Rejected(TextProblem::TooLarge(TooLarge { size: None, limit: 10 })))
        ));
    }

    proptest! {
        #[test]
        fn decoding_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            match decode_article(&bytes) {
                Ok(text) => {
                    prop_assert!(!text.starts_with(UTF8_BOM));
                    prop_assert!(!text.trim().is_empty());
                    let owned = into_article(bytes.clone());
                    prop_assert_eq!(owned.as_deref(), Ok(text));
                }
                Err(TextProblem::InvalidUtf8 { byte, line, column }) => {
                    prop_assert!(byte < bytes.len() && line >= 1 && column >= 1);
                    prop_assert!(std::str::from_utf8(&bytes[..byte]).is_ok());
                }
                Err(_) => {}
            }
        }

        #[test]
        fn text_checks_never_panic(text in "\\PC{0,40}[\\x00-\\x1f]{0,5}") {
            let _ = check_text(&text);
        }
    }
}
