//! Snippets: a passage of the text around the matches, with highlights as character ranges.
//!
//! tantivy's [`SnippetGenerator`] picks the best passage and reports byte ranges; callers (CLI,
//! JSON, a web UI in JavaScript) count characters, so the ranges are converted here.

use tantivy::snippet::SnippetGenerator;

/// Passage length handed to tantivy, in bytes (about 160 Arabic letters).
pub const SNIPPET_BYTES: usize = 320;
/// Length of the opening passage shown when nothing in the text is highlighted, in characters.
const LEAD_CHARS: usize = 160;

/// The snippet of `text` and its highlights as `(start, end)` character ranges into it.
pub fn make(generator: Option<&SnippetGenerator>, text: &str) -> (String, Vec<(usize, usize)>) {
    if let Some(generator) = generator {
        let snippet = generator.snippet(text);
        if !snippet.highlighted().is_empty() {
            let fragment = snippet.fragment();
            let highlights = char_ranges(fragment, snippet.highlighted());
            return (flatten_whitespace(fragment), highlights);
        }
    }
    (flatten_whitespace(lead(text)), Vec::new())
}

/// The opening of `text`, cut at a word boundary.
fn lead(text: &str) -> &str {
    let text = text.trim_start();
    let Some((cut, _)) = text.char_indices().nth(LEAD_CHARS) else {
        return text.trim_end();
    };
    let head = &text[..cut];
    match head.rfind(char::is_whitespace) {
        Some(space) if space > cut / 2 => head[..space].trim_end(),
        _ => head,
    }
}

/// Each whitespace character (newline, tab, no-break space) becomes one plain space, so the
/// snippet reads as one line and character offsets do not move.
fn flatten_whitespace(text: &str) -> String {
    text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
}

/// Byte ranges into `text` → sorted, merged character ranges; ranges that do not fall on
/// character boundaries are dropped rather than trusted.
fn char_ranges(text: &str, bytes: &[std::ops::Range<usize>]) -> Vec<(usize, usize)> {
    let mut sorted: Vec<std::ops::Range<usize>> =
        bytes.iter().filter(|r| r.start < r.end && text.get(r.start..r.end).is_some()).cloned().collect();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    // One pass over the text converts every boundary.
    let mut out = Vec::with_capacity(merged.len());
    let mut chars_before = 0;
    let mut byte_at = 0;
    for range in merged {
        chars_before += text[byte_at..range.start].chars().count();
        let len = text[range.clone()].chars().count();
        out.push((chars_before, chars_before + len));
        chars_before += len;
        byte_at = range.end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges_become_char_ranges() {
        let text = "قصف على حلب";
        let start = text.find("حلب").unwrap_or(0);
        let ranges = char_ranges(text, &[start..text.len(), 0..2, 0..1]);
        // 0..1 is inside a two-byte letter: dropped.
        assert_eq!(ranges, vec![(0, 1), (8, 11)]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[8..11].iter().collect::<String>(), "حلب");
    }

    #[test]
    fn overlapping_ranges_merge() {
        assert_eq!(char_ranges("abcdef", &[1..3, 2..5, 5..6]), vec![(1, 6)]);
    }

    #[test]
    fn lead_cuts_at_a_word() {
        let text = "كلمة ".repeat(100);
        let head = lead(&text);
        assert!(head.chars().count() <= LEAD_CHARS);
        assert!(head.ends_with("كلمة"));
        assert_eq!(lead("  قصير \n"), "قصير");
    }

    #[test]
    fn whitespace_is_flattened_in_place() {
        assert_eq!(flatten_whitespace("أ\nب\tج"), "أ ب ج");
    }
}
