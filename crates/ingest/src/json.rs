//! JSON files: one object, an array of objects, or objects one after the
//! other (concatenated or pretty-printed JSON Lines), read one value at a
//! time.
//!
//! A `.json` export of a whole corpus can be gigabytes in one array, so the
//! file is never parsed as a whole: a small scanner finds where each
//! top-level value (each array element) starts and ends — tracking strings,
//! escapes and nesting, nothing more — and only that value's bytes are held,
//! up to the article limit. Each value is then parsed on its own, so one
//! broken element is one problem and the next element is still read.

use std::io::{self, BufRead};

/// What the scanner found next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chunk {
    /// A whole value is in the buffer; `line` is where it starts (1-based).
    Complete { line: usize },
    /// A value longer than the limit was skipped; `bytes` is its length.
    TooLong { line: usize, bytes: u64 },
    /// The structure itself is broken at `line` (an unclosed value at the
    /// end of the file, data after the closing `]`): reading stops here.
    Broken { line: usize, reason: String },
}

/// Where the scanner is in the file's top-level structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    /// Nothing read yet: the first byte decides between array and sequence.
    Start,
    /// Inside the top-level `[ … ]`.
    InArray,
    /// After the top-level `]`: only whitespace may follow.
    AfterArray,
    /// Top-level values one after the other.
    Sequence,
    /// A structural problem was reported: nothing more is read.
    Done,
}

/// Top-level JSON values of a byte stream, each held in at most `limit` bytes.
pub struct ValueReader<R> {
    inner: R,
    limit: usize,
    /// Current line (1-based).
    line: usize,
    level: Level,
}

impl<R: BufRead> ValueReader<R> {
    pub fn new(inner: R, limit: usize) -> ValueReader<R> {
        ValueReader { inner, limit, line: 1, level: Level::Start }
    }

    /// The line the scanner has reached (1-based).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The next value into `buf` (cleared first); `Ok(None)` at the end.
    pub fn next_value(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<Chunk>> {
        buf.clear();
        loop {
            if self.level == Level::Done {
                return Ok(None);
            }
            let Some(byte) = self.skip_separators()? else {
                return Ok(match self.level {
                    Level::InArray => {
                        self.level = Level::Done;
                        Some(Chunk::Broken {
                            line: self.line,
                            reason: "the top-level array is not closed (the file ends inside it)".to_string(),
                        })
                    }
                    _ => None,
                });
            };
            match (self.level, byte) {
                (Level::Start, b'[') => {
                    self.inner.consume(1);
                    self.level = Level::InArray;
                }
                (Level::Start, _) => self.level = Level::Sequence,
                (Level::InArray, b']') => {
                    self.inner.consume(1);
                    self.level = Level::AfterArray;
                }
                (Level::AfterArray, _) => {
                    self.level = Level::Done;
                    return Ok(Some(Chunk::Broken {
                        line: self.line,
                        reason: "data after the end of the top-level array".to_string(),
                    }));
                }
                (Level::InArray | Level::Sequence, _) => return self.read_value(buf).map(Some),
                (Level::Done, _) => return Ok(None),
            }
        }
    }

    /// Skip whitespace (and commas between array elements); the next byte,
    /// not consumed, or `None` at the end.
    fn skip_separators(&mut self) -> io::Result<Option<u8>> {
        loop {
            let available = match self.inner.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(None);
            }
            let commas_ok = matches!(self.level, Level::InArray | Level::Sequence);
            let mut used = 0;
            let mut found = None;
            for &b in available {
                match b {
                    b'\n' => self.line += 1,
                    b' ' | b'\t' | b'\r' => {}
                    // A byte-order mark at the very start is not data.
                    0xEF | 0xBB | 0xBF if self.level == Level::Start => {}
                    b',' if commas_ok => {}
                    _ => {
                        found = Some(b);
                        break;
                    }
                }
                used += 1;
            }
            self.inner.consume(used);
            if found.is_some() {
                return Ok(found);
            }
        }
    }

    /// Read one value starting at the next byte (which is not whitespace).
    fn read_value(&mut self, buf: &mut Vec<u8>) -> io::Result<Chunk> {
        let line = self.line;
        let mut depth: usize = 0;
        let mut in_string = false;
        let mut escaped = false;
        let mut length: u64 = 0;
        let mut too_long = false;
        let mut first = true;
        // A scalar (number, literal) ends before the next separator; a
        // string, object or array ends with its closing byte.
        let mut scalar = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if scalar && !too_long {
                    return Ok(Chunk::Complete { line });
                }
                if scalar {
                    return Ok(Chunk::TooLong { line, bytes: length });
                }
                self.level = Level::Done;
                return Ok(Chunk::Broken {
                    line,
                    reason: "the file ends inside the value that starts here".to_string(),
                });
            }
            let mut end: Option<usize> = None; // bytes of `available` that belong to the value
            for (i, &b) in available.iter().enumerate() {
                if first {
                    first = false;
                    match b {
                        b'{' | b'[' => depth = 1,
                        b'"' => in_string = true,
                        _ => scalar = true,
                    }
                    if b == b'\n' {
                        self.line += 1;
                    }
                    continue;
                }
                if b == b'\n' {
                    self.line += 1;
                }
                if scalar {
                    if matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b',' | b']' | b'[' | b'{' | b'}' | b'"') {
                        if b == b'\n' {
                            self.line -= 1; // not part of the value: counted when skipped
                        }
                        end = Some(i);
                        break;
                    }
                    continue;
                }
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if b == b'\\' {
                        escaped = true;
                    } else if b == b'"' {
                        in_string = false;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    continue;
                }
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let take = end.unwrap_or(available.len());
            length += take as u64;
            if !too_long {
                if buf.len() + take <= self.limit {
                    buf.extend_from_slice(&available[..take]);
                } else {
                    too_long = true;
                    buf.clear();
                }
            }
            self.inner.consume(take);
            if end.is_some() {
                return Ok(if too_long {
                    Chunk::TooLong { line, bytes: length }
                } else {
                    Chunk::Complete { line }
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::BufReader;

    fn values(input: &[u8], limit: usize) -> Vec<(Chunk, String)> {
        let mut reader = ValueReader::new(BufReader::with_capacity(5, input), limit);
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some(chunk) = reader.next_value(&mut buf).unwrap() {
            out.push((chunk, String::from_utf8_lossy(&buf).into_owned()));
        }
        out
    }

    #[test]
    fn reads_array_elements() {
        let got = values(b"[\n {\"a\": \"x]}\\\"\"},\n {\"b\": [1, {}]}\n]\n", 100);
        assert_eq!(
            got,
            vec![
                (Chunk::Complete { line: 2 }, "{\"a\": \"x]}\\\"\"}".to_string()),
                (Chunk::Complete { line: 3 }, "{\"b\": [1, {}]}".to_string()),
            ]
        );
    }

    #[test]
    fn reads_one_object_and_sequences() {
        assert_eq!(values(b"{\"a\":1}", 100), vec![(Chunk::Complete { line: 1 }, "{\"a\":1}".to_string())]);
        let got = values(b"{\"a\":1}\n{\"a\":\n2}\n\n{}", 100);
        let lines: Vec<_> = got.iter().map(|(c, _)| c.clone()).collect();
        assert_eq!(
            lines,
            vec![Chunk::Complete { line: 1 }, Chunk::Complete { line: 2 }, Chunk::Complete { line: 5 }]
        );
        assert_eq!(values(b"", 10), vec![]);
        assert_eq!(values(b"[]", 10), vec![]);
        assert_eq!(
            values("\u{feff}[{}]".as_bytes(), 10),
            vec![(Chunk::Complete { line: 1 }, "{}".to_string())]
        );
    }

    #[test]
    fn scalars_are_values_too() {
        let got = values(b"[1, true, \"s\"]", 100);
        let texts: Vec<_> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, vec!["1", "true", "\"s\""]);
    }

    #[test]
    fn long_values_are_skipped_with_their_length() {
        let got = values(b"[{\"t\":\"0123456789\"}, {}]", 8);
        assert_eq!(got[0].0, Chunk::TooLong { line: 1, bytes: 18 });
        assert_eq!(got[1], (Chunk::Complete { line: 1 }, "{}".to_string()));
    }

    #[test]
    fn broken_structure_stops_with_a_reason() {
        let got = values(b"[{}, {\"a\": ", 100);
        assert_eq!(got[0].0, Chunk::Complete { line: 1 });
        assert!(matches!(got[1].0, Chunk::Broken { line: 1, .. }));
        assert_eq!(got.len(), 2);
        let got = values(b"[{}", 100);
        assert!(matches!(got[1].0, Chunk::Broken { .. }));
        let got = values(b"[{}] x", 100);
        assert!(matches!(got[1].0, Chunk::Broken { .. }));
        // Stray closers make progress instead of looping.
        let got = values(b"}}}", 100);
        assert_eq!(got.len(), 3);
    }

    proptest! {
        /// Any bytes: no panic, no endless loop, buffers within the limit.
        #[test]
        fn never_panics_and_stays_bounded(bytes in prop::collection::vec(any::<u8>(), 0..300), limit in 1usize..40) {
            let mut reader = ValueReader::new(BufReader::with_capacity(3, &bytes[..]), limit);
            let mut buf = Vec::new();
            let mut n = 0;
            while let Ok(Some(_)) = reader.next_value(&mut buf) {
                prop_assert!(buf.len() <= limit);
                n += 1;
                prop_assert!(n <= bytes.len() + 1);
            }
        }

        /// Arrays of objects written by serde_json come back element by element.
        #[test]
        fn serde_arrays_round_trip(texts in prop::collection::vec("\\PC{0,20}", 0..6), pretty in any::<bool>()) {
            let items: Vec<serde_json::Value> = texts.iter().map(|t| serde_json::json!({"id": "x", "text": t, "n": [1, {"k": t}]})).collect();
            let json = if pretty { serde_json::to_string_pretty(&items) } else { serde_json::to_string(&items) }.unwrap_or_default();
            let got = values(json.as_bytes(), 10_000);
            prop_assert_eq!(got.len(), items.len());
            for ((chunk, text), item) in got.iter().zip(&items) {
                let complete = matches!(chunk, Chunk::Complete { .. });
                prop_assert!(complete);
                let back: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
                prop_assert_eq!(&back, item);
            }
        }
    }
}
