//! Snippets: a passage of the text around the matches, with highlights as character ranges.
//!
//! tantivy's [`SnippetGenerator`] picks the best passage and reports byte ranges; callers (CLI,
//! JSON, a web UI in JavaScript) count characters, so the ranges are converted here.
//!
//! The generator runs the full Arabic analysis over the text it is given, and over whole
//! articles that was two thirds of a search request's time. So the text is narrowed first to a
//! window around where the query's terms occur, found by a plain substring search in a lightly
//! folded copy (a stem is, nearly always, a run of letters of the word it came from); the
//! generator then analyses only that window. When the search finds nothing, or the window yields
//! no highlight (the substring was inside another word), the whole text is analysed as before:
//! the window only ever saves work, it never loses a highlight.

use tantivy::snippet::SnippetGenerator;

/// Passage length handed to tantivy, in bytes (about 160 Arabic letters).
pub const SNIPPET_BYTES: usize = 320;
/// Length of the opening passage shown when nothing in the text is highlighted, in characters.
const LEAD_CHARS: usize = 160;
/// Texts shorter than this are analysed whole: a window would save nothing.
const WINDOW_MIN_TEXT_BYTES: usize = 2 * SNIPPET_BYTES;

/// The snippet of `text` and its highlights as `(start, end)` character ranges into it. `terms`
/// are the query's terms in the index's form (the generator's), used to find the window.
pub fn make(
    generator: Option<&SnippetGenerator>,
    terms: &[String],
    text: &str,
) -> (String, Vec<(usize, usize)>) {
    if let Some(generator) = generator {
        let windowed = window(text, terms).map(|w| generator.snippet(w));
        let snippet = match windowed {
            Some(snippet) if !snippet.highlighted().is_empty() => snippet,
            _ => generator.snippet(text),
        };
        if !snippet.highlighted().is_empty() {
            let fragment = snippet.fragment();
            let highlights = char_ranges(fragment, snippet.highlighted());
            return (flatten_whitespace(fragment), highlights);
        }
    }
    (flatten_whitespace(lead(text)), Vec::new())
}

/// The letters a term and the text are compared in: marks and tatweel dropped, hamza seats and
/// final forms merged (the stemmer normalises some of them), ASCII lower case. `None` for a
/// character that is dropped.
fn fold_char(c: char) -> Option<char> {
    // Most characters are plain letters, digits or spaces: settle them before the table tests.
    // (ا to غ but ة, ف to و, and ي: ة and ى fold.)
    if matches!(c, '\u{0627}'..='\u{0628}' | '\u{062A}'..='\u{063A}' | '\u{0641}'..='\u{0648}' | '\u{064A}' | ' ' | '0'..='9' | 'a'..='z')
    {
        return Some(c);
    }
    if rasid_text::fold::is_arabic_mark(c) || c == '\u{0640}' || rasid_text::fold::is_format_control(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ء' => 'ا',
        'ؤ' => 'و',
        'ئ' | 'ى' => 'ي',
        'ة' => 'ه',
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        c => c.to_ascii_lowercase(),
    })
}

fn fold_str(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// The part of `text` (cut at whitespace) that starts a few words before the densest cluster of
/// the terms' occurrences, about one passage long; `None` when the text is short or no term occurs in it.
fn window<'t>(text: &'t str, terms: &[String]) -> Option<&'t str> {
    if text.len() < WINDOW_MIN_TEXT_BYTES || terms.is_empty() {
        return None;
    }
    // The folded text, and for each of its bytes' characters the original byte offset.
    let mut folded = String::with_capacity(text.len());
    let mut origin: Vec<u32> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        if let Some(f) = fold_char(c) {
            folded.push(f);
            origin.resize(folded.len(), at as u32);
        }
    }
    // (original offset, term) of every occurrence, in text order.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (t, term) in terms.iter().enumerate() {
        let needle = fold_str(term);
        if needle.is_empty() {
            continue;
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        hits.extend(finder.find_iter(folded.as_bytes()).map(|at| (origin[at] as usize, t)));
    }
    if hits.is_empty() {
        return None;
    }
    hits.sort_unstable();
    // The occurrence that starts the passage with the most distinct terms (earliest on ties).
    let mut best = (0, hits[0].0);
    let mut seen = vec![false; terms.len()];
    for (i, &(start, _)) in hits.iter().enumerate() {
        seen.iter_mut().for_each(|s| *s = false);
        let mut distinct = 0;
        for &(_, t) in hits[i..].iter().take_while(|(at, _)| *at < start + SNIPPET_BYTES) {
            if !seen[t] {
                seen[t] = true;
                distinct += 1;
            }
        }
        if distinct > best.0 {
            best = (distinct, start);
        }
    }
    let center = best.1;
    // tantivy cuts the text it is given into consecutive passages of SNIPPET_BYTES and keeps the
    // best: one passage starting a few words before the cluster is the window.
    let from = floor_boundary(text, center.saturating_sub(SNIPPET_BYTES / 4));
    let to = ceil_boundary(text, (from + SNIPPET_BYTES).min(text.len()));
    // Widen to whitespace so no word is cut (a cut word would analyse differently).
    let from = text[..from]
        .rfind(char::is_whitespace)
        .map_or(0, |space| space + text[space..].chars().next().map_or(0, char::len_utf8));
    let to = text[to..].find(char::is_whitespace).map_or(text.len(), |space| to + space);
    Some(&text[from..to])
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
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
    fn window_surrounds_the_densest_cluster() {
        let filler = "وقالت مصادر محلية إن الأوضاع هادئة نسبيا في المنطقة. ".repeat(40);
        let text = format!("{filler}نزح الأهالي من الغُوطة الشرقية بعد قصف عنيف. {filler}");
        let terms = vec!["غوط".to_string(), "نزح".to_string()];
        let w = window(&text, &terms).expect("a window");
        assert!(w.len() < text.len() / 2, "narrowed: {} of {} bytes", w.len(), text.len());
        assert!(w.contains("الغُوطة") && w.contains("نزح"), "{w}");
        assert_eq!(window(&text, &["مفقود".to_string()]), None, "no occurrence: the whole text");
        assert_eq!(window("قصير", &terms), None, "a short text is analysed whole");
    }

    proptest::proptest! {
        #[test]
        fn window_is_a_slice_of_the_text(text in "\\PC{0,1500}", terms in proptest::collection::vec("\\PC{0,4}", 0..4)) {
            if let Some(w) = window(&text, &terms) {
                let start = w.as_ptr() as usize - text.as_ptr() as usize;
                proptest::prop_assert!(text.get(start..start + w.len()).is_some());
            }
        }
    }

    #[test]
    fn whitespace_is_flattened_in_place() {
        assert_eq!(flatten_whitespace("أ\nب\tج"), "أ ب ج");
    }
}
