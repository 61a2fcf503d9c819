//! # rasid-lexicon: finding known names in a document
//!
//! A [`Lexicon`] maps names (places, actors, persons, keywords) to payloads.
//! It is matched against a document's tokens, not its raw characters, so a
//! name only matches whole words, whatever spacing, diacritics, tatweel or
//! punctuation the text has between them. At every word it tries the word as
//! written and each of its proclitic readings (`وبالغوطة` → `الغوطة`, `للمرصد`
//! → `المرصد`), and keeps the longest name that ends on a word boundary.
//!
//! Engine: one Aho-Corasick automaton over the folded names, searched
//! anchored at each candidate start (see `shared/design/rust-stack.md` §3.6
//! for why anchored beats unanchored-plus-filter here).

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use rasid_model::Span;
use rasid_text::{Document, TokenKind, clitic};
use std::collections::HashMap;
use std::ops::Range;

/// The document's tokens joined by single spaces: the haystack every lexicon
/// is matched against. Build it once per document.
#[derive(Debug, Clone)]
pub struct Joined {
    text: String,
    /// Byte offset in `text` where each token starts / ends.
    starts: Vec<usize>,
    ends: Vec<usize>,
    /// The proclitic readings of every token, computed once for all the
    /// lexicons matched against the document: `peel_at[t]..peel_at[t + 1]`
    /// indexes `peels`.
    peel_at: Vec<u32>,
    peels: Vec<PeelAt>,
}

/// One proclitic reading of a token: how many bytes of proclitics, and
/// whether they end in a لل that hides the article's alif.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PeelAt {
    prefix: u8,
    elided_article: bool,
}

impl Joined {
    pub fn new(doc: &Document) -> Joined {
        let mut text = String::with_capacity(doc.folded.len() + doc.tokens.len());
        let n = doc.tokens.len();
        let mut starts = Vec::with_capacity(n);
        let mut ends = Vec::with_capacity(n);
        let mut peel_at = Vec::with_capacity(n + 1);
        let mut peels = Vec::with_capacity(n * 2);
        for i in 0..n {
            if i > 0 {
                text.push(' ');
            }
            starts.push(text.len());
            let word = doc.key(i);
            text.push_str(word);
            ends.push(text.len());
            peel_at.push(peels.len() as u32);
            if doc.tokens[i].kind == TokenKind::Arabic {
                for p in clitic::peels(word) {
                    peels.push(PeelAt { prefix: p.prefix_len() as u8, elided_article: p.elided_article });
                }
            } else {
                peels.push(PeelAt { prefix: 0, elided_article: false });
            }
        }
        peel_at.push(peels.len() as u32);
        Joined { text, starts, ends, peel_at, peels }
    }

    fn peels_of(&self, t: usize) -> &[PeelAt] {
        &self.peels[self.peel_at[t] as usize..self.peel_at[t + 1] as usize]
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The token that ends exactly at byte `at`, if any.
    fn token_ending_at(&self, at: usize) -> Option<usize> {
        self.ends.binary_search(&at).ok()
    }
}

/// The lookup key of a name: folded and tokenized exactly like a document,
/// tokens joined by single spaces (`"دوما - مركز دوما"` → `"دوما - مركز دوما"`,
/// `"الغُوطَة  الشرقية"` → `"الغوطه الشرقيه"`).
pub fn name_key(name: &str) -> String {
    let doc = Document::new(name);
    let mut out = String::with_capacity(name.len());
    for i in 0..doc.tokens.len() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(doc.key(i));
    }
    out
}

/// One name found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexMatch {
    /// Tokens covered (the first may carry proclitics outside the span).
    pub tokens: Range<usize>,
    /// Original span of the name, proclitics left out (but `لل` kept where
    /// the article's alif is elided, as the annotation guidelines want).
    pub span: Span,
    /// The proclitics peeled off the first token (folded), `""` if none.
    pub prefix: &'static str,
    /// Index of the matched key: all entries with this key are
    /// [`Lexicon::entries_of`] it.
    pub key: usize,
}

/// Names with payloads, compiled for matching.
#[derive(Debug, Clone)]
pub struct Lexicon<T> {
    automaton: Option<NFA>,
    /// Which beginnings a key can have: most words of a text start no key,
    /// and this test is far cheaper than a walk of the automaton.
    starts: StartFilter,
    /// Distinct keys, in pattern order.
    keys: Vec<String>,
    /// For each key, the indices of its entries in `payloads`.
    key_entries: Vec<Vec<usize>>,
    payloads: Vec<T>,
    /// Key text → key index, for exact lookups.
    index: HashMap<String, usize>,
}

/// Collects names before compiling them.
#[derive(Debug, Clone)]
pub struct LexiconBuilder<T> {
    index: HashMap<String, usize>,
    keys: Vec<String>,
    key_entries: Vec<Vec<usize>>,
    payloads: Vec<T>,
}

impl<T> Default for LexiconBuilder<T> {
    fn default() -> Self {
        LexiconBuilder {
            index: HashMap::new(),
            keys: Vec::new(),
            key_entries: Vec::new(),
            payloads: Vec::new(),
        }
    }
}

impl<T> LexiconBuilder<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a payload under one or more names. Returns the payload's index.
    /// Names whose key is empty are ignored.
    pub fn add<'n>(&mut self, names: impl IntoIterator<Item = &'n str>, payload: T) -> usize {
        let id = self.payloads.len();
        self.payloads.push(payload);
        for name in names {
            self.add_key(name_key(name), id);
        }
        id
    }

    /// Add another name for an existing payload.
    pub fn alias(&mut self, name: &str, payload_index: usize) {
        self.add_key(name_key(name), payload_index);
    }

    fn add_key(&mut self, key: String, id: usize) {
        if key.is_empty() {
            return;
        }
        let k = match self.index.get(&key) {
            Some(&k) => k,
            None => {
                let k = self.keys.len();
                self.index.insert(key.clone(), k);
                self.keys.push(key);
                self.key_entries.push(Vec::new());
                k
            }
        };
        if !self.key_entries[k].contains(&id) {
            self.key_entries[k].push(id);
        }
    }

    pub fn len(&self) -> usize {
        self.payloads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.payloads.is_empty()
    }

    pub fn build(self) -> Lexicon<T> {
        let automaton = if self.keys.is_empty() {
            None
        } else {
            NFA::builder().match_kind(MatchKind::Standard).build(&self.keys).ok()
        };
        Lexicon {
            starts: StartFilter::new(&self.keys),
            automaton,
            keys: self.keys,
            key_entries: self.key_entries,
            payloads: self.payloads,
            index: self.index,
        }
    }
}

impl<T> Lexicon<T> {
    pub fn builder() -> LexiconBuilder<T> {
        LexiconBuilder::new()
    }

    pub fn payloads(&self) -> &[T] {
        &self.payloads
    }

    pub fn key(&self, key: usize) -> &str {
        &self.keys[key]
    }

    /// The payloads stored under a matched key.
    pub fn entries_of(&self, key: usize) -> impl Iterator<Item = &T> {
        self.key_entries[key].iter().map(|&i| &self.payloads[i])
    }

    /// Indices of the payloads stored under a matched key.
    pub fn entry_indices(&self, key: usize) -> &[usize] {
        &self.key_entries[key]
    }

    /// Look a single name up exactly (after folding).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.index.get(&name_key(name)).copied()
    }

    /// The longest name starting at token `i` (with any proclitic reading),
    /// ending on a token boundary.
    pub fn match_at(&self, doc: &Document, joined: &Joined, i: usize) -> Option<LexMatch> {
        let mut best: Option<(usize, usize, LexMatch)> = None; // (length incl. prefix, prefix length, match)
        self.each_match_at(doc, joined, i, |m, len| {
            let better = match &best {
                None => true,
                Some((blen, bpre, _)) => len > *blen || (len == *blen && m.prefix.len() < *bpre),
            };
            if better {
                best = Some((len, m.prefix.len(), m));
            }
        });
        best.map(|(_, _, m)| m)
    }

    /// Every name starting at token `i`, with every proclitic reading, that
    /// ends on a token boundary — not only the longest (a caller may refuse
    /// the longest by context and fall back to a shorter one). `f` receives
    /// each match and its length in bytes of the joined text, proclitics
    /// included.
    pub fn each_match_at(
        &self,
        doc: &Document,
        joined: &Joined,
        i: usize,
        mut f: impl FnMut(LexMatch, usize),
    ) {
        let Some(nfa) = self.automaton.as_ref() else { return };
        let tok = &doc.tokens[i];
        if !matches!(tok.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Digits) {
            return;
        }
        let start = joined.starts[i];
        let word = doc.key(i);
        for peel in joined.peels_of(i) {
            let plen = peel.prefix as usize;
            let at = start + plen;
            if !peel.elided_article && !self.starts.may_start(&joined.text.as_bytes()[at..]) {
                continue;
            }
            let mut report = |end: usize, key: usize| {
                let Some(last) = joined.token_ending_at(end) else { return };
                // Span: leave the proclitics out, except the لل of an elided article.
                let kept = if peel.elided_article { plen - "لل".len() } else { plen };
                let span =
                    Span::new(doc.folded.original_start(tok.fold.start + kept), doc.tokens[last].span.end);
                let m = LexMatch { tokens: i..last + 1, span, prefix: static_prefix(&word[..plen]), key };
                f(m, end - start);
            };
            if peel.elided_article {
                // ل + ال written لل: look up "ال" + the rest
                walk(nfa, "ال".bytes().chain(joined.text[at..].bytes()), |n, key| {
                    if n > "ال".len() {
                        report(at + n - "ال".len(), key);
                    }
                });
            } else {
                walk(nfa, joined.text[at..].bytes(), |n, key| report(at + n, key));
            }
        }
    }

    /// Every name in the document, left to right, longest first, not
    /// overlapping each other.
    pub fn find_all(&self, doc: &Document, joined: &Joined) -> Vec<LexMatch> {
        let mut out = Vec::new();
        if self.automaton.is_none() {
            return out;
        }
        let mut i = 0;
        while i < doc.tokens.len() {
            if let Some(m) = self.match_at(doc, joined, i) {
                i = m.tokens.end;
                out.push(m);
            } else {
                i += 1;
            }
        }
        out
    }
}

/// A permissive filter of the beginnings of keys: hashes of their first
/// [`StartFilter::PREFIX`] bytes (or, for shorter keys, of the whole key, by
/// length) in bit tables. `may_start` never says no to a text that starts
/// with a key; it says yes to some that don't.
#[derive(Debug, Clone)]
struct StartFilter {
    long: Vec<u64>,
    short: Vec<u64>,
    /// Bit `n` set: some key is `n` bytes long, `n < PREFIX`.
    short_lengths: u8,
}

impl StartFilter {
    const PREFIX: usize = 6;
    const BITS: usize = 1 << 16;

    /// FNV-1a over `bytes`, folded to a table index; `len` salts the result
    /// so short keys of different lengths use different bits.
    fn index(h: u64, len: usize) -> usize {
        let h = h ^ (len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h as usize ^ (h >> 29) as usize ^ (h >> 47) as usize) & (Self::BITS - 1)
    }

    fn fnv_step(h: u64, b: u8) -> u64 {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    }

    const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

    fn set(table: &mut [u64], i: usize) {
        table[i / 64] |= 1 << (i % 64);
    }

    fn get(table: &[u64], i: usize) -> bool {
        table[i / 64] & (1 << (i % 64)) != 0
    }

    fn new(keys: &[String]) -> StartFilter {
        let mut f =
            StartFilter { long: vec![0; Self::BITS / 64], short: vec![0; Self::BITS / 64], short_lengths: 0 };
        for k in keys {
            let b = k.as_bytes();
            let n = b.len().min(Self::PREFIX);
            let h = b[..n].iter().fold(Self::FNV_START, |h, &x| Self::fnv_step(h, x));
            if b.len() >= Self::PREFIX {
                Self::set(&mut f.long, Self::index(h, n));
            } else {
                f.short_lengths |= 1 << n;
                Self::set(&mut f.short, Self::index(h, n));
            }
        }
        f
    }

    /// One pass over the first bytes of `text`, testing every key length.
    fn may_start(&self, text: &[u8]) -> bool {
        let mut h = Self::FNV_START;
        for (i, &b) in text.iter().take(Self::PREFIX).enumerate() {
            h = Self::fnv_step(h, b);
            let n = i + 1;
            if n == Self::PREFIX {
                return Self::get(&self.long, Self::index(h, n));
            }
            if self.short_lengths & (1 << n) != 0 && Self::get(&self.short, Self::index(h, n)) {
                return true;
            }
        }
        false
    }
}

/// The proclitic chains a word can carry, as static strings: a match needs no
/// allocation for its prefix.
const PREFIXES: &[&str] =
    &["", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل", "لل", "ولل", "فلل"];

fn static_prefix(p: &str) -> &'static str {
    PREFIXES.iter().copied().find(|x| *x == p).unwrap_or("?")
}

/// Walk the automaton over `bytes` from an anchored start, reporting every
/// pattern that ends after `n` bytes and starts at the anchor: `(n, pattern)`.
/// Stops at the first dead state, so the walk costs as many steps as the
/// longest key prefix the text shares.
fn walk(nfa: &NFA, bytes: impl Iterator<Item = u8>, mut found: impl FnMut(usize, usize)) {
    let Ok(mut sid) = nfa.start_state(Anchored::Yes) else { return };
    for (n, b) in bytes.enumerate() {
        sid = nfa.next_state(Anchored::Yes, sid, b);
        if nfa.is_dead(sid) {
            return;
        }
        if nfa.is_match(sid) {
            for k in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, k);
                // a match state also carries shorter patterns ending here
                // (suffixes); only those starting at the anchor count
                if nfa.pattern_len(pid) == n + 1 {
                    found(n + 1, pid.as_usize());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon<&'static str> {
        let mut b = Lexicon::builder();
        b.add(["الغوطة", "الغوطة الشرقية"], "eastern_ghouta");
        b.add(["إدلب", "ادلب"], "idlib");
        b.add(["المرصد السوري لحقوق الإنسان", "المرصد"], "sohr");
        b.add(["دوما"], "douma_a");
        b.add(["دوما"], "douma_b");
        b.add(["كفر نبل", "كفرنبل"], "kafr_nabl");
        b.build()
    }

    fn found(text: &str) -> Vec<(String, Vec<&'static str>)> {
        let l = lex();
        let d = Document::new(text);
        let j = Joined::new(&d);
        l.find_all(&d, &j)
            .into_iter()
            .map(|m| (d.slice(m.span).to_string(), l.entries_of(m.key).copied().collect()))
            .collect()
    }

    #[test]
    fn clitics_and_longest() {
        assert_eq!(
            found("قصف على وبالغوطة الشرقية وفي ريف إدلب"),
            vec![("الغوطة الشرقية".to_string(), vec!["eastern_ghouta"]), ("إدلب".to_string(), vec!["idlib"])]
        );
    }

    #[test]
    fn elided_article_keeps_lam_lam() {
        assert_eq!(
            found("وفقا للمرصد السوري لحقوق الإنسان"),
            vec![("للمرصد السوري لحقوق الإنسان".to_string(), vec!["sohr"])]
        );
        assert_eq!(found("وللغوطة"), vec![("للغوطة".to_string(), vec!["eastern_ghouta"])]);
    }

    #[test]
    fn whole_words_only() {
        assert!(found("دومانيا إدلبي").is_empty());
    }

    #[test]
    fn ambiguous_names_return_all_entries() {
        assert_eq!(found("في دوما"), vec![("دوما".to_string(), vec!["douma_a", "douma_b"])]);
    }

    #[test]
    fn diacritics_spacing_variants() {
        assert_eq!(
            found("في الغُوطَة  الشرقيّة"),
            vec![("الغُوطَة  الشرقيّة".to_string(), vec!["eastern_ghouta"])]
        );
        assert_eq!(found("بلدة كفرنبل"), vec![("كفرنبل".to_string(), vec!["kafr_nabl"])]);
        assert_eq!(found("بلدة كفر نبل"), vec![("كفر نبل".to_string(), vec!["kafr_nabl"])]);
    }

    #[test]
    fn falls_back_to_shorter_name_on_boundary() {
        // "الغوطة الشرقيةX" glued: the long name does not end on a word boundary.
        assert_eq!(found("الغوطة الشرقيةوالغربية"), vec![("الغوطة".to_string(), vec!["eastern_ghouta"])]);
    }
}
