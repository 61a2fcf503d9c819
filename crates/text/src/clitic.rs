//! Clitic peeling: the readings of a word with its proclitics removed.
//!
//! Arabic writes conjunctions (و ف), prepositions (ب ك ل) and the article (ال)
//! glued to the word they govern: `وبالغوطة` is و + ب + ال + غوطة. A lexicon
//! stores `الغوطة`; to find it we try every legal peeling of the word. Order
//! of the prefixes is fixed: conjunction, then preposition, then article; ل
//! followed by the article is written `لل` (the alef drops).

/// One reading of a folded word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peel<'a> {
    /// The proclitics removed (folded), e.g. `وب`.
    pub prefix: &'a str,
    /// What follows them, starting with `ال` when the word has the article
    /// (except after `لل`, where the article's alef is not written).
    pub rest: &'a str,
    /// The word had a ل + article written `لل`: `rest` is the stem without
    /// the article, and `ال` + `rest` is the form to look up.
    pub elided_article: bool,
}

impl Peel<'_> {
    /// Byte length of the prefix in the folded text.
    pub fn prefix_len(&self) -> usize {
        self.prefix.len()
    }
}

const MIN_REST_CHARS: usize = 2;

/// Every prefix a reading can have: none, a conjunction, a preposition,
/// both, or ل + elided article after an optional conjunction. A table of
/// words that must hold every spelling some reading of which it knows can
/// be built from these strings before each word it knows.
pub const PREFIXES: [&str; 15] =
    ["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل", "لل", "ولل", "فلل"];

/// All readings of `word` (folded), the unpeeled word first, then shorter
/// prefixes before longer ones. Peelings that would leave fewer than two
/// letters are not produced. Allocates: [`peel_list`] gives the same
/// readings without allocating.
pub fn peels(word: &str) -> Vec<Peel<'_>> {
    peel_list(word).to_vec()
}

/// The readings of a word, held inline (no allocation): a word has a handful
/// of readings at most, and they are computed for every word of every text.
/// Dereferences to a slice of [`Peel`]s.
#[derive(Debug, Clone, Copy)]
pub struct PeelList<'a> {
    len: usize,
    items: [Peel<'a>; PEELS_CAPACITY],
}

/// The most readings a word has: the unpeeled word, then for a word starting
/// with و/ف the conjunction alone, with a preposition, with لل (4); for a
/// word starting with a preposition, the preposition and لل (3).
const PEELS_CAPACITY: usize = 4;

impl<'a> PeelList<'a> {
    fn push(&mut self, p: Peel<'a>) {
        debug_assert!(self.len < PEELS_CAPACITY, "more readings than a word can have");
        if self.len < PEELS_CAPACITY {
            self.items[self.len] = p;
            self.len += 1;
        }
    }
}

impl<'a> std::ops::Deref for PeelList<'a> {
    type Target = [Peel<'a>];
    fn deref(&self) -> &[Peel<'a>] {
        &self.items[..self.len]
    }
}

impl<'a> IntoIterator for PeelList<'a> {
    type Item = Peel<'a>;
    type IntoIter = std::iter::Take<std::array::IntoIter<Peel<'a>, PEELS_CAPACITY>>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter().take(self.len)
    }
}

impl<'l, 'a> IntoIterator for &'l PeelList<'a> {
    type Item = &'l Peel<'a>;
    type IntoIter = std::slice::Iter<'l, Peel<'a>>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Folded UTF-8 of the proclitic letters.
const WAW: [u8; 2] = [0xD9, 0x88];
const FA: [u8; 2] = [0xD9, 0x81];
const BA: [u8; 2] = [0xD8, 0xA8];
const KAF: [u8; 2] = [0xD9, 0x83];
const LAM: [u8; 2] = [0xD9, 0x84];

/// The readings of [`peels`], without allocating, in the same order.
///
/// The general rule (a conjunction, then a preposition or لل) is spelled
/// out: a word starting with و/ف can only take the conjunction first, and
/// one starting with ب/ك/ل only a preposition or لل, so the readings come
/// out already ordered by prefix length.
#[inline]
pub fn peel_list(word: &str) -> PeelList<'_> {
    let unpeeled = Peel { prefix: "", rest: word, elided_article: false };
    let mut out = PeelList { len: 1, items: [unpeeled; PEELS_CAPACITY] };
    let b = word.as_bytes();
    let letter_at = |at: usize, l: [u8; 2]| b.get(at..at + 2) == Some(&l[..]);
    let is_prep_at = |at: usize| letter_at(at, BA) || letter_at(at, KAF) || letter_at(at, LAM);
    let lam_lam_at = |at: usize| letter_at(at, LAM) && letter_at(at + 2, LAM);
    let mut push = |plen: usize, elided_article: bool| {
        if leaves_word(&b[plen..]) {
            out.push(Peel { prefix: &word[..plen], rest: &word[plen..], elided_article });
        }
    };
    if letter_at(0, WAW) || letter_at(0, FA) {
        push(2, false);
        if is_prep_at(2) {
            push(4, false);
        }
        if lam_lam_at(2) {
            push(6, true);
        }
    } else if is_prep_at(0) {
        push(2, false);
        if lam_lam_at(0) {
            push(4, true);
        }
    }
    out
}

/// `rest` (the tail of a word, from a character boundary) has at least
/// [`MIN_REST_CHARS`] (two) characters: something follows its first one.
fn leaves_word(rest: &[u8]) -> bool {
    let first = match rest.first() {
        None => return false,
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b < 0xE0 => 2,
        Some(&b) if b < 0xF0 => 3,
        Some(_) => 4,
    };
    rest.len() > first
}

/// `s` has at least `n` characters (without counting all of them).
fn has_chars(s: &str, n: usize) -> bool {
    s.len() >= n && s.chars().nth(n - 1).is_some()
}

/// The word without its proclitics and article: the stem a lexicon of bare
/// nouns would hold (`وبالغوطة` → `غوطه`). Picks the longest peeling that
/// leaves at least two letters, so it is greedy (`بشار` → `شار`): use it for
/// keyword classes where a wrong peel only misses, and check peels against a
/// lexicon where a wrong peel would invent a name.
pub fn bare_stem(word: &str) -> &str {
    let mut best = word;
    for p in peel_list(word) {
        let rest = p.rest.strip_prefix("ال").filter(|r| has_chars(r, MIN_REST_CHARS)).unwrap_or(p.rest);
        if rest.len() < best.len() {
            best = rest;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rests(w: &str) -> Vec<(String, String, bool)> {
        peels(w).into_iter().map(|p| (p.prefix.to_string(), p.rest.to_string(), p.elided_article)).collect()
    }

    #[test]
    fn peels_conjunction_preposition_article() {
        let r = rests("وبالغوطه");
        assert!(r.contains(&("وب".into(), "الغوطه".into(), false)));
        assert!(r.contains(&("و".into(), "بالغوطه".into(), false)));
        assert_eq!(r[0].0, "");
    }

    #[test]
    fn elided_article_after_lam() {
        let r = rests("للمرصد");
        assert!(r.contains(&("لل".into(), "مرصد".into(), true)));
        let r = rests("وللغوطه");
        assert!(r.contains(&("ولل".into(), "غوطه".into(), true)));
    }

    #[test]
    fn short_words_are_not_over_peeled() {
        // "بل" must not be peeled to a one-letter rest.
        assert_eq!(rests("بل").len(), 1);
    }

    /// Every word of up to six letters over the proclitic letters (and a few
    /// others) peels exactly as the general conjunction-then-preposition loop.
    #[test]
    fn peel_list_matches_the_general_rule() {
        let letters = ["و", "ف", "ب", "ك", "ل", "ا", "غ", "5"];
        let mut words = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> =
                words.iter().flat_map(|w| letters.iter().map(move |l| format!("{w}{l}"))).collect();
            for w in &words {
                let fast: Vec<(&str, &str, bool)> =
                    peel_list(w).iter().map(|p| (p.prefix, p.rest, p.elided_article)).collect();
                assert_eq!(fast, crate::reference::peels(w), "{w}");
            }
            words = longer;
        }
    }

    /// [`PREFIXES`] is exactly the set of prefixes the readings produce.
    #[test]
    fn prefixes_are_those_of_the_readings() {
        let mut seen = std::collections::BTreeSet::new();
        for p in PREFIXES {
            for w in [format!("{p}غوطه"), format!("{p}غ"), format!("{p}{p}غوطه")] {
                seen.extend(peel_list(&w).iter().map(|peel| peel.prefix.to_string()));
            }
        }
        let listed: std::collections::BTreeSet<String> = PREFIXES.iter().map(|p| p.to_string()).collect();
        assert_eq!(seen, listed);
    }

    proptest::proptest! {
        #[test]
        fn every_reading_has_a_listed_prefix(w in "[وفبكلاغه]{0,8}") {
            for peel in peel_list(&w).iter() {
                proptest::prop_assert!(PREFIXES.contains(&peel.prefix), "{}", peel.prefix);
            }
        }
    }

    #[test]
    fn bare_stems() {
        assert_eq!(bare_stem("وبالغوطه"), "غوطه");
        assert_eq!(bare_stem("للمرصد"), "مرصد");
        assert_eq!(bare_stem("ادلب"), "ادلب");
    }
}
