//! Words of a folded text, and the content-word stems stories compare.
//!
//! Story similarity needs a cheap, consistent key per content word:
//! `الغوطة`, `بالغوطة` and `غوطة` must meet, `المدنيين` and `مدنيا` too.
//! Proclitics are peeled only where an article follows them
//! (`وبالغوطة` → `غوطه`): a bare `و` or `ب` in front of a word cannot be told
//! apart from a root letter without a dictionary (`وزارة`, `فرنسا`, `بيان`),
//! and peeling them greedily would make `فرنسا` and `الفرنسي` disagree. Then
//! one suffix is stripped (`data/suffixes.txt`). Function words and reporting
//! verbs are dropped (`data/stopwords.txt`).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::hash::hash_str;

/// The kind of a word of folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Arabic,
    /// Any other letters (Latin, …).
    Other,
    Digits,
}

/// The words of a folded text: maximal runs of letters of one script, or of
/// ASCII digits. Punctuation, spaces and symbols separate words.
pub fn words(folded: &str) -> impl Iterator<Item = (&str, WordKind)> {
    let mut rest = folded;
    std::iter::from_fn(move || {
        loop {
            let (start, first) = rest.char_indices().find(|&(_, c)| class(c).is_some())?;
            let kind = class(first)?;
            let tail = &rest[start..];
            let len =
                tail.char_indices().find(|&(_, c)| class(c) != Some(kind)).map_or(tail.len(), |(i, _)| i);
            let word = &tail[..len];
            rest = &tail[len..];
            if !word.is_empty() {
                return Some((word, kind));
            }
        }
    })
}

fn class(c: char) -> Option<WordKind> {
    if c.is_ascii_digit() {
        Some(WordKind::Digits)
    } else if rasid_text::token::is_arabic_letter(c) {
        Some(WordKind::Arabic)
    } else if c.is_alphabetic() {
        Some(WordKind::Other)
    } else {
        None
    }
}

struct Lexicon {
    stop: FxHashSet<String>,
    /// Longest first.
    suffixes: Vec<String>,
    /// Root templates: the letters, and where the three root letters are.
    templates: Vec<(Vec<char>, [usize; 3])>,
}

/// Letters of the longest template `data/patterns.txt` may hold.
const LONGEST_TEMPLATE: usize = 24;

/// A template of `data/patterns.txt`: its letters and the places of ف ع ل.
fn template(t: &str) -> Option<(Vec<char>, [usize; 3])> {
    let chars: Vec<char> = t.chars().collect();
    let mut at = [0usize; 3];
    for (slot, letter) in at.iter_mut().zip(['ف', 'ع', 'ل']) {
        *slot = chars.iter().position(|&c| c == letter)?;
    }
    (at[0] < at[1] && at[1] < at[2]).then_some((chars, at))
}

fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let stop = lines(include_str!("../data/stopwords.txt")).map(rasid_text::key).collect();
        let mut suffixes: Vec<String> =
            lines(include_str!("../data/suffixes.txt")).map(rasid_text::key).collect();
        suffixes.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
        suffixes.dedup();
        let templates = lines(include_str!("../data/patterns.txt"))
            .map(|l| {
                template(&rasid_text::key(l))
                    .filter(|(t, _)| t.len() <= LONGEST_TEMPLATE)
                    .unwrap_or_else(|| panic!("data/patterns.txt: bad template {l}"))
            })
            .collect();
        Lexicon { stop, suffixes, templates }
    })
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Is this folded word a function word or reporting verb (possibly with a
/// conjunction in front)?
pub fn is_stop_word(word: &str) -> bool {
    let lex = lexicon();
    lex.stop.contains(word)
        || ["و", "ف"].iter().any(|c| word.strip_prefix(c).is_some_and(|rest| lex.stop.contains(rest)))
}

/// The word without proclitics followed by the article: (و|ف)?(ب|ك|ل)?ال or
/// (و|ف)?لل. At least two letters are left.
fn strip_article(word: &str) -> &str {
    let after_conj = ["و", "ف"].iter().find_map(|c| word.strip_prefix(c)).unwrap_or(word);
    for candidate in [word, after_conj] {
        if let Some(rest) = candidate.strip_prefix("لل")
            && chars(rest) >= 2
        {
            return rest;
        }
        let after_prep = ["ب", "ك", "ل"].iter().find_map(|p| candidate.strip_prefix(p)).unwrap_or(candidate);
        for c in [candidate, after_prep] {
            if let Some(rest) = c.strip_prefix("ال")
                && chars(rest) >= 2
            {
                return rest;
            }
        }
    }
    word
}

/// The stem of a folded Arabic content word, or `None` for a function word
/// or a word too short to say anything.
pub fn arabic_stem(word: &str) -> Option<&str> {
    if is_stop_word(word) {
        return None;
    }
    let base = strip_article(word);
    let lex = lexicon();
    let stem = lex
        .suffixes
        .iter()
        .find_map(|s| {
            // (a byte comparison: a suffix of valid UTF-8 ends on a character boundary)
            let rest = rasid_text::bytes::ends_with(base.as_bytes(), s.as_bytes())
                .then(|| &base[..base.len() - s.len()])?;
            (chars(rest) >= 3).then_some(rest)
        })
        .unwrap_or(base);
    (chars(stem) >= 2).then_some(stem)
}

/// The three root letters of a light stem ([`arabic_stem`]): the stem
/// itself when it has three letters, else the root letters of the first
/// template of `data/patterns.txt` it fits.
pub fn root(stem: &str) -> Option<[char; 3]> {
    // the letters on the stack: this runs for every content word of every article
    let mut buf = ['\0'; LONGEST_TEMPLATE];
    let mut n = 0;
    for c in stem.chars() {
        if n == LONGEST_TEMPLATE {
            return None; // longer than every template (and than three letters)
        }
        buf[n] = c;
        n += 1;
    }
    let chars = &buf[..n];
    if chars.len() == 3 {
        return Some([chars[0], chars[1], chars[2]]);
    }
    lexicon().templates.iter().find_map(|(t, at)| {
        let fits = t.len() == chars.len()
            && t.iter().zip(chars).enumerate().all(|(i, (tc, wc))| at.contains(&i) || tc == wc);
        fits.then(|| [chars[at[0]], chars[at[1]], chars[at[2]]])
    })
}

/// Hash of the root term of a stem, in its own namespace (a root never
/// meets a stem that happens to have the same letters).
pub fn root_hash(stem: &str) -> Option<u64> {
    let r = root(stem)?;
    let mut buf = [0u8; 2 + 3 * 4];
    buf[..2].copy_from_slice(b"r:");
    let mut n = 2;
    for c in r {
        n += c.encode_utf8(&mut buf[n..]).len();
    }
    Some(crate::hash::hash_bytes(&buf[..n]))
}

/// Hash of the content term of an Arabic word, from its stem
/// ([`arabic_stem`]).
pub fn stem_hash(stem: &str) -> u64 {
    hash_str(stem)
}

/// Hash of the content term of a word, or `None` when it is not one. Digits
/// are not terms (figures are compared as figures); other scripts are
/// lower-cased.
pub fn term_hash(word: &str, kind: WordKind) -> Option<u64> {
    match kind {
        WordKind::Arabic => arabic_stem(word).map(stem_hash),
        WordKind::Other if chars(word) >= 3 => Some(hash_str(&word.to_lowercase())),
        WordKind::Other | WordKind::Digits => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem_of(w: &str) -> Option<String> {
        arabic_stem(&rasid_text::key(w)).map(str::to_string)
    }

    #[test]
    fn words_split_scripts_and_digits() {
        let folded = rasid_text::key("قتل 47 شخصا في دوما (SANA).");
        let w: Vec<_> = words(&folded).collect();
        assert_eq!(w[1], ("47", WordKind::Digits));
        assert_eq!(w.last(), Some(&("sana", WordKind::Other)));
        assert_eq!(w.len(), 6);
    }

    #[test]
    fn article_forms_meet() {
        assert_eq!(stem_of("الغوطة"), stem_of("غوطة"));
        assert_eq!(stem_of("وبالغوطة"), stem_of("غوطة"));
        assert_eq!(stem_of("للمدنيين"), stem_of("مدنيا"));
        assert_eq!(stem_of("المدنيون"), stem_of("مدنيين"));
    }

    #[test]
    fn root_letters_are_not_peeled() {
        assert_eq!(stem_of("وزارة").as_deref(), Some("وزار"));
        assert_eq!(stem_of("بيان").as_deref(), Some("بيان"));
    }

    fn root_of(w: &str) -> Option<String> {
        let k = rasid_text::key(w);
        root(arabic_stem(&k)?).map(|r| r.iter().collect())
    }

    #[test]
    fn derived_forms_meet_on_their_root() {
        assert_eq!(root_of("خروج").as_deref(), Some("خرج"));
        assert_eq!(root_of("الخارجين").as_deref(), Some("خرج"));
        assert_eq!(root_of("النازحين").as_deref(), Some("نزح"));
        assert_eq!(root_of("نزوح").as_deref(), Some("نزح"));
        assert_eq!(root_of("استهداف").as_deref(), Some("هدف"));
        assert_eq!(root_of("إجلاء").as_deref(), Some("جلء"));
        assert_eq!(root_of("الفصائل").as_deref(), Some("فصل"));
        assert!(lexicon().templates.len() > 20);
        assert_ne!(root_hash("خرج"), Some(hash_str("خرج")));
    }

    #[test]
    fn function_words_are_dropped() {
        for w in ["في", "وقال", "التي", "فقد", "أيضاً"] {
            assert_eq!(stem_of(w), None, "{w}");
        }
    }
}
