//! Folding: the match-key form of a text, with a map back to the original.
//!
//! The folded text is what every rule and lexicon in rasid matches against.
//! It is NFKC (presentation forms and ligatures expanded), without diacritics
//! or tatweel, with alef/ya/ta-marbuta variants unified, Eastern digits as
//! ASCII digits, every kind of space as ' ' (newlines kept), and invisible
//! format characters (bidi controls, zero-width joiners) removed.
//!
//! Every byte of the folded text records the original character range it came
//! from, so anything found in the folded text can be reported in original
//! character offsets. Removed combining marks extend the range of the letter
//! they sit on, so a span that ends on `مدنيا` covers the tanween of `مدنياً`.

use unicode_normalization::UnicodeNormalization;

/// What folding does with one character of the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Emit this character.
    Emit(char),
    /// Emit nothing; the character belongs to the preceding letter (a
    /// diacritic, tatweel, a joiner).
    Attach,
    /// Emit nothing and map nowhere (bidi and other format controls).
    Vanish,
    /// Not a single-character fold: run NFKC on it first.
    Compat,
}

/// Arabic combining marks (harakat, tanween, shadda, sukun, superscript
/// alef, Quranic marks): what folding drops.
pub fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}')
}

/// A letter, checked cheaply for the scripts that make up nearly all news
/// text before falling back to Unicode's table (which is slow: this is the
/// hottest test of the reading layer).
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
        crate::token::is_arabic_letter(c)
    } else {
        c.is_alphabetic()
    }
}

/// Format and bidi controls: never visible, never part of a word's key.
pub fn is_format_control(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{200B}'
        | '\u{200E}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}')
}

pub(crate) fn action(c: char) -> Action {
    // the common cases first: plain Arabic letters and ASCII
    if ('\u{0621}'..='\u{063A}').contains(&c) || ('\u{0641}'..='\u{064A}').contains(&c) {
        return match c {
            'أ' | 'إ' | 'آ' => Action::Emit('ا'),
            'ى' => Action::Emit('ي'),
            'ة' => Action::Emit('ه'),
            _ => Action::Emit(c),
        };
    }
    if c.is_ascii_graphic() || c == ' ' {
        return Action::Emit(c.to_ascii_lowercase());
    }
    match c {
        // Letters that have variants to unify.
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Action::Emit('ا'),
        'ى' | 'ی' | 'ې' => Action::Emit('ي'),
        'ة' => Action::Emit('ه'),
        'ک' => Action::Emit('ك'),
        'ھ' => Action::Emit('ه'),
        // Digits and number punctuation.
        '\u{0660}'..='\u{0669}' => Action::Emit(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => Action::Emit(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '\u{066B}' => Action::Emit('.'), // Arabic decimal separator
        '\u{066C}' => Action::Emit(','), // Arabic thousands separator
        '\u{066A}' => Action::Emit('%'),
        // Marks that sit on the letter before them.
        '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{034F}' => Action::Attach,
        c if is_arabic_mark(c) => Action::Attach,
        c if is_format_control(c) => Action::Vanish,
        // Line structure.
        '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Action::Emit('\n'),
        '\r' => Action::Emit(' '),
        c if c.is_whitespace() => Action::Emit(' '),
        c if c.is_control() => Action::Emit(' '),
        c if c.is_ascii() => Action::Emit(c.to_ascii_lowercase()),
        // Arabic block letters that need nothing.
        '\u{0621}'..='\u{064A}' => Action::Emit(c),
        // Presentation forms (PDF-sourced text) and fullwidth forms: NFKC.
        // Other compatibility characters (¼, ①, ㎞) stay as the symbol they
        // are: expanding them would mix digits into neighbouring numbers.
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' | '\u{FF01}'..='\u{FF5E}' => Action::Compat,
        _ => Action::Emit(c),
    }
}

/// Fold a character that was already NFKC-expanded: same as [`action`] but
/// never recursing into compatibility decomposition again.
pub(crate) fn action_simple(c: char) -> Action {
    match action(c) {
        Action::Compat => Action::Emit(c),
        a => a,
    }
}

/// A folded text and, for each of its bytes, the original character range.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    text: String,
    /// For each byte: the original char offset where its character starts,
    /// and where it ends (exclusive). One pair per byte, written together.
    map: Vec<[u32; 2]>,
    /// Number of characters in the original text.
    original_chars: usize,
}

/// One entry of the folding table of the Arabic block (U+0600..U+06FF): the
/// action and, for an emitted character, whether it is a letter (marks
/// after a letter attach to it).
#[derive(Debug, Clone, Copy)]
struct Entry {
    action: Action,
    letter: bool,
    /// The character folds to itself.
    same: bool,
}

/// The folding of every character of the Arabic block, computed once: nearly
/// every character of an Arabic article is looked up here instead of going
/// through [`action`]'s chain of tests.
fn arabic_block() -> &'static [Entry; 256] {
    static TABLE: std::sync::OnceLock<[Entry; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = char::from_u32(0x0600 + i as u32).unwrap_or('\u{0600}');
            let action = action(c);
            Entry {
                action,
                letter: matches!(action, Action::Emit(f) if is_letter(f)),
                same: action == Action::Emit(c),
            }
        })
    })
}

/// The last emitted character (`bytes` long) now ends at original char `end`:
/// a mark attached to it.
fn extend_last(map: &mut [[u32; 2]], bytes: usize, end: u32) {
    let n = map.len();
    for m in &mut map[n - bytes..] {
        m[1] = end;
    }
}

/// The folding of an ASCII character: printable characters and the space
/// lower-cased, line feeds kept, every other control character a space
/// (exactly what [`action`] does with them).
#[inline]
fn fold_ascii(b: u8) -> u8 {
    if b.is_ascii_graphic() || b == b' ' {
        b.to_ascii_lowercase()
    } else if b == b'\n' {
        b'\n'
    } else {
        b' '
    }
}

impl Folded {
    /// Fold `original`.
    pub fn new(original: &str) -> Folded {
        Folded::fold::<false>(original, &mut Vec::new())
    }

    /// Fold `original` and, in the same pass, record the byte offset of each
    /// of its characters in `char_bytes` (plus its length at the end).
    pub(crate) fn with_char_bytes(original: &str, char_bytes: &mut Vec<u32>) -> Folded {
        Folded::fold::<true>(original, char_bytes)
    }

    /// The fold itself, byte by byte.
    ///
    /// Every character of every article passes here, so: most characters
    /// fold to themselves (plain Arabic letters, lower-case ASCII), and such
    /// runs are copied into the folded text in one piece when a character
    /// that changes ends them; the Arabic block is folded by table; and the
    /// map gets one (start, end) pair per byte.
    fn fold<const CHAR_BYTES: bool>(original: &str, char_bytes: &mut Vec<u32>) -> Folded {
        let bytes = original.as_bytes();
        let n = bytes.len();
        let mut text = String::with_capacity(n);
        let mut map: Vec<[u32; 2]> = Vec::with_capacity(n);
        if CHAR_BYTES {
            char_bytes.clear();
            char_bytes.reserve(n + 1);
        }
        let arabic = arabic_block();
        let mut prev_was_letter = false;
        let mut last_char_bytes = 0usize; // byte length of the last emitted char
        let mut ci = 0u32; // original characters read
        let mut i = 0usize; // original bytes read
        // original[run..i] folds to itself and is not yet in `text`
        let mut run = 0usize;
        while i < n {
            if CHAR_BYTES {
                char_bytes.push(i as u32);
            }
            let b0 = bytes[i];
            if b0 < 0x80 {
                let f = fold_ascii(b0);
                if f != b0 {
                    text.push_str(&original[run..i]);
                    text.push(char::from(f));
                    run = i + 1;
                }
                map.push([ci, ci + 1]);
                last_char_bytes = 1;
                prev_was_letter = f.is_ascii_alphabetic();
                i += 1;
                ci += 1;
                continue;
            }
            if b0 & 0xFC == 0xD8 && i + 1 < n {
                // U+0600..U+06FF: lead byte 0xD8..0xDB
                let entry = &arabic[(usize::from(b0 & 0x03) << 6) | usize::from(bytes[i + 1] & 0x3F)];
                if entry.same {
                    // the common case: a letter of the block, kept as it is
                    map.extend_from_slice(&[[ci, ci + 1], [ci, ci + 1]]);
                    last_char_bytes = 2;
                    prev_was_letter = entry.letter;
                    i += 2;
                    ci += 1;
                    continue;
                }
                match entry.action {
                    Action::Emit(f) => {
                        text.push_str(&original[run..i]);
                        text.push(f);
                        run = i + 2;
                        // what this block folds to is one or two bytes long
                        if f.len_utf8() == 2 {
                            map.extend_from_slice(&[[ci, ci + 1], [ci, ci + 1]]);
                            last_char_bytes = 2;
                        } else {
                            map.push([ci, ci + 1]);
                            last_char_bytes = 1;
                        }
                        prev_was_letter = entry.letter;
                    }
                    Action::Attach => {
                        text.push_str(&original[run..i]);
                        if prev_was_letter && last_char_bytes > 0 {
                            extend_last(&mut map, last_char_bytes, ci + 1);
                        }
                        run = i + 2;
                    }
                    Action::Vanish | Action::Compat => {
                        // (nothing in this block is a compatibility character)
                        text.push_str(&original[run..i]);
                        run = i + 2;
                    }
                }
                i += 2;
                ci += 1;
                continue;
            }
            // everything else: the general path, after flushing the run
            text.push_str(&original[run..i]);
            let Some(c) = original[i..].chars().next() else { break };
            let emit = |f: char, text: &mut String, map: &mut Vec<[u32; 2]>| {
                text.push(f);
                for _ in 0..f.len_utf8() {
                    map.push([ci, ci + 1]);
                }
                f.len_utf8()
            };
            match action(c) {
                Action::Emit(f) => {
                    last_char_bytes = emit(f, &mut text, &mut map);
                    prev_was_letter = is_letter(f);
                }
                Action::Attach => {
                    if prev_was_letter && last_char_bytes > 0 {
                        extend_last(&mut map, last_char_bytes, ci + 1);
                    }
                }
                Action::Vanish => {}
                Action::Compat => {
                    let mut emitted_any = false;
                    for d in std::iter::once(c).nfkc() {
                        match action_simple(d) {
                            Action::Emit(f) => {
                                last_char_bytes = emit(f, &mut text, &mut map);
                                prev_was_letter = is_letter(f);
                                emitted_any = true;
                            }
                            Action::Attach | Action::Vanish | Action::Compat => {}
                        }
                    }
                    if !emitted_any && prev_was_letter && last_char_bytes > 0 {
                        extend_last(&mut map, last_char_bytes, ci + 1);
                    }
                }
            }
            i += c.len_utf8();
            run = i;
            ci += 1;
        }
        text.push_str(&original[run..]);
        if CHAR_BYTES {
            char_bytes.push(n as u32);
        }
        Folded { text, map, original_chars: ci as usize }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The folded text, without the map.
    pub fn into_string(self) -> String {
        self.text
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Number of characters of the original text.
    pub fn original_chars(&self) -> usize {
        self.original_chars
    }

    /// The original character range of a non-empty folded byte range.
    /// `range` must lie on char boundaries of the folded text.
    pub fn original_span(&self, range: std::ops::Range<usize>) -> rasid_model::Span {
        if range.start >= range.end || range.end > self.text.len() {
            let at = self.map.get(range.start).map_or(self.original_chars as u32, |m| m[0]) as usize;
            return rasid_model::Span::new(at, at);
        }
        rasid_model::Span::new(self.map[range.start][0] as usize, self.map[range.end - 1][1] as usize)
    }

    /// The maps of every folded byte to the original characters: starts, ends.
    #[cfg(test)]
    pub(crate) fn maps(&self) -> (Vec<u32>, Vec<u32>) {
        (self.map.iter().map(|m| m[0]).collect(), self.map.iter().map(|m| m[1]).collect())
    }

    /// Original char offset where the folded byte `at` starts (or the end).
    pub fn original_start(&self, at: usize) -> usize {
        self.map.get(at).map_or(self.original_chars as u32, |m| m[0]) as usize
    }
}

/// The folded text alone, without the map back to the original: exactly
/// `Folded::new(original).as_str()`, several times cheaper. For callers that
/// compare whole texts and never report spans (near-duplicate fingerprints,
/// story similarity).
pub fn fold_str(original: &str) -> String {
    let arabic = arabic_block();
    let mut out = String::with_capacity(original.len());
    for c in original.chars() {
        let code = c as u32;
        if code < 0x80 {
            out.push(fold_ascii(code as u8) as char);
            continue;
        }
        let a = if code & !0xFF == 0x0600 { arabic[(code & 0xFF) as usize].action } else { action(c) };
        match a {
            Action::Emit(f) => out.push(f),
            Action::Attach | Action::Vanish => {}
            Action::Compat => {
                for d in std::iter::once(c).nfkc() {
                    if let Action::Emit(f) = action_simple(d) {
                        out.push(f);
                    }
                }
            }
        }
    }
    out
}

/// The match key of a short string (a lexicon entry, a query): folded, with
/// runs of spaces collapsed and trimmed.
pub fn key(s: &str) -> String {
    let folded = Folded::new(s);
    let mut out = String::with_capacity(folded.text.len());
    let mut pending_space = false;
    for c in folded.text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_letters_marks_and_digits() {
        assert_eq!(key("الغُوطَة"), "الغوطه");
        assert_eq!(key("الغـــوطة"), "الغوطه");
        assert_eq!(key("إدلب"), "ادلب");
        assert_eq!(key("مستشفى"), "مستشفي");
        assert_eq!(key("٥٢١٨"), "5218");
        assert_eq!(key("۱۲"), "12");
        assert_eq!(key("١٣٬٤٥٠"), "13,450");
        assert_eq!(key("  دير   الزور "), "دير الزور");
    }

    #[test]
    fn nfkc_presentation_forms() {
        assert_eq!(key("ﻻ"), "لا");
        assert_eq!(key("ﺍﻟﻐﻮﻃﺔ"), "الغوطه");
        assert_eq!(key("ﷲ"), "الله");
    }

    #[test]
    fn marks_extend_the_letter_they_sit_on() {
        let t = "مدنياً قتلوا";
        let f = Folded::new(t);
        assert_eq!(f.as_str(), "مدنيا قتلوا");
        let word_end = "مدنيا".len();
        let span = f.original_span(0..word_end);
        assert_eq!(span, rasid_model::Span::new(0, 6)); // includes the tanween
    }

    #[test]
    fn bidi_controls_vanish_without_shifting() {
        let t = "\u{202E}دوما\u{200F} حرستا";
        let f = Folded::new(t);
        assert_eq!(f.as_str(), "دوما حرستا");
        let sp = f.original_span(0.."دوما".len());
        assert_eq!(sp, rasid_model::Span::new(1, 5));
        let chars: Vec<char> = t.chars().collect();
        let s: String = chars[sp.start..sp.end].iter().collect();
        assert_eq!(s, "دوما");
        let h = f.as_str().find("حرستا").unwrap();
        let sp2 = f.original_span(h..h + "حرستا".len());
        let s2: String = chars[sp2.start..sp2.end].iter().collect();
        assert_eq!(s2, "حرستا");
    }

    #[test]
    fn ligature_expansion_maps_to_one_char() {
        let t = "ﷲ";
        let f = Folded::new(t);
        assert_eq!(f.as_str(), "الله");
        assert_eq!(f.original_span(0..f.len()), rasid_model::Span::new(0, 1));
    }

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(Folded::new("").as_str(), "");
        assert_eq!(Folded::new("\u{00A0}").as_str(), " ");
        assert_eq!(key("\u{200F}\u{200F}"), "");
    }
}
