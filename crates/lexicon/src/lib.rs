//! # rasid-lexicon: finding known names in a document
//!
//! A [`Lexicon`] maps names (places, actors, persons, keywords) to payloads.
//! It is matched against a document's tokens, not its raw characters, so a
//! name only matches whole words, whatever spacing, diacritics, tatweel or
//! punctuation the text has between them. At every word it tries the word as
//! written and each of its proclitic readings (`وبالغوطة` → `الغوطة`, `للمرصد`
//! → `المرصد`), and keeps the longest name that ends on a word boundary.
//!
//! Engine: a name can only start at a reading whose rest is exactly the
//! name's first word (names and the [`Joined`] text both separate words by
//! one space, and a match must end where a word ends). So each reading's
//! hash, computed once per document, is tested against a bit table of first
//! words, and on a hit the few names with that first word are compared
//! byte for byte. This gives the same matches as an anchored Aho-Corasick
//! walk from the reading, in the same order, at a fraction of the cost.

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
    /// Bit `b` is set when a token ends at byte `b` of `text`: a key that
    /// would end inside a token is dismissed before its bytes are compared.
    end_bits: Vec<u64>,
    /// The proclitic readings of every token, computed once for all the
    /// lexicons matched against the document: `peel_at[t]..peel_at[t + 1]`
    /// indexes `peels`. Punctuation has none: no name starts there.
    peel_at: Vec<u32>,
    peels: Vec<PeelAt>,
}

/// One proclitic reading of a token: how many bytes of proclitics, whether
/// they end in a لل that hides the article's alif, and the [`word_hash`] of
/// what follows them (tested against each lexicon's [`FirstWords`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PeelAt {
    prefix: u8,
    elided_article: bool,
    rest_hash: u64,
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
            let kind = doc.tokens[i].kind;
            if kind == TokenKind::Arabic {
                for p in clitic::peel_list(word) {
                    peels.push(PeelAt {
                        prefix: p.prefix_len() as u8,
                        elided_article: p.elided_article,
                        rest_hash: word_hash(p.rest.as_bytes()),
                    });
                }
            } else if kind != TokenKind::Punct {
                peels.push(PeelAt {
                    prefix: 0,
                    elided_article: false,
                    rest_hash: word_hash(word.as_bytes()),
                });
            }
        }
        peel_at.push(peels.len() as u32);
        let mut end_bits = vec![0u64; text.len() / 64 + 1];
        for &e in &ends {
            end_bits[e / 64] |= 1 << (e % 64);
        }
        Joined { text, starts, ends, end_bits, peel_at, peels }
    }

    /// Whether a token ends exactly at byte `at` (a bit test).
    #[inline]
    fn ends_token(&self, at: usize) -> bool {
        self.end_bits.get(at / 64).is_some_and(|w| w & (1 << (at % 64)) != 0)
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
    /// Which first words the keys have: most words of a text start no key,
    /// and this test is far cheaper than looking the word up.
    first_words: FirstWords,
    /// The keys by first word, for the readings that pass `first_words`.
    by_first: ByFirstWord,
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
        self.build_splitting_above(SPLIT_ABOVE)
    }

    /// [`LexiconBuilder::build`], splitting the first-word buckets longer
    /// than `split_above` by second word (tests split short ones too).
    fn build_splitting_above(self, split_above: usize) -> Lexicon<T> {
        Lexicon {
            first_words: FirstWords::new(&self.keys),
            by_first: ByFirstWord::new(&self.keys, split_above),
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

    /// The distinct keys (folded names), in pattern order: what a
    /// [`LexiconGroup`] is built from.
    pub fn keys(&self) -> &[String] {
        &self.keys
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

    /// Whether a name may start at token `i` (with some proclitic reading):
    /// `false` means [`Lexicon::match_at`] finds nothing there. A scan can
    /// skip most words of a text with this test alone, without setting up a
    /// match.
    #[inline]
    pub fn may_start_at(&self, joined: &Joined, i: usize) -> bool {
        joined.peels_of(i).iter().any(|peel| self.first_words.may_start(peel))
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
        // punctuation tokens have no readings: no name starts there
        for peel in joined.peels_of(i) {
            if self.first_words.may_start(peel) {
                self.match_reading(doc, joined, i, peel, &mut f);
            }
        }
    }

    /// The matches of one reading of token `i` that passed the first-word
    /// filter: the keys whose first word it is, shortest first (the order in
    /// which a walk of an automaton from the reading would meet them).
    #[inline(never)]
    fn match_reading(
        &self,
        doc: &Document,
        joined: &Joined,
        i: usize,
        peel: &PeelAt,
        f: &mut impl FnMut(LexMatch, usize),
    ) {
        let tok = &doc.tokens[i];
        let start = joined.starts[i];
        let word = doc.key(i);
        let plen = peel.prefix as usize;
        let at = start + plen;
        let text = &joined.text.as_bytes()[at..];
        // ل + ال written لل: the keys are "ال" + the rest
        let (h, article) = if peel.elided_article {
            (peel.rest_hash ^ FirstWords::AFTER_ARTICLE, "ال")
        } else {
            (peel.rest_hash, "")
        };
        let bucket = match self.by_first.get(h) {
            Bucket::Whole(keys) => keys,
            Bucket::Split(h, one_word) => self.by_first.narrow(h, one_word, text),
        };
        for &key in bucket {
            let key = key as usize;
            let name = self.keys[key].as_bytes();
            let body = if article.is_empty() {
                name
            } else if rasid_text::bytes::starts_with(name, article.as_bytes()) {
                &name[article.len()..]
            } else {
                continue;
            };
            let end = at + body.len();
            // the cheap test first: most keys of a bucket end off a token boundary
            if body.is_empty() || !joined.ends_token(end) || !rasid_text::bytes::starts_with(text, body) {
                continue;
            }
            let Some(last) = joined.token_ending_at(end) else { continue };
            // Span: leave the proclitics out, except the لل of an elided article.
            let kept = if peel.elided_article { plen - "لل".len() } else { plen };
            let span = Span::new(doc.folded.original_start(tok.fold.start + kept), doc.tokens[last].span.end);
            let m = LexMatch { tokens: i..last + 1, span, prefix: static_prefix(&word[..plen]), key };
            f(m, end - start);
        }
    }

    /// Every name in the document, left to right, longest first, not
    /// overlapping each other.
    pub fn find_all(&self, doc: &Document, joined: &Joined) -> Vec<LexMatch> {
        let mut out = Vec::new();
        if self.keys.is_empty() {
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

    /// [`Lexicon::find_all`], trying only the tokens whose `flags` (from
    /// [`LexiconGroup::flags`], this lexicon being member `member` of the
    /// group) say a name of this lexicon may start there. Same result: no
    /// match starts at the other tokens, and the scan skips them anyway.
    pub fn find_all_flagged(
        &self,
        doc: &Document,
        joined: &Joined,
        flags: &[u8],
        member: usize,
    ) -> Vec<LexMatch> {
        let mut out = Vec::new();
        if self.keys.is_empty() {
            return out;
        }
        if member >= LexiconGroup::MAX_MEMBERS {
            return self.find_all(doc, joined);
        }
        let bit = 1u8 << member;
        let mut next = 0; // the first token not inside an earlier match
        for (i, &f) in flags.iter().enumerate().take(doc.tokens.len()) {
            if f & bit == 0 || i < next {
                continue;
            }
            if let Some(m) = self.match_at(doc, joined, i) {
                next = m.tokens.end;
                out.push(m);
            }
        }
        out
    }
}

/// Up to eight lexicons matched over the same documents (the rule tables of
/// a pipeline): one probe per reading of each token, in a table merging
/// their first-word filters, says which of them may have a name starting
/// there. Each lexicon then only looks at its flagged tokens
/// ([`Lexicon::find_all_flagged`]) instead of testing every token itself.
#[derive(Debug, Clone)]
pub struct LexiconGroup {
    /// Bit `k` of a slot: member `k` has a first word hashing there.
    slots: Vec<u8>,
    shift: u32,
}

impl LexiconGroup {
    /// Most members a group holds (one bit each in a byte).
    pub const MAX_MEMBERS: usize = 8;

    /// A group of the lexicons whose keys are given ([`Lexicon::keys`]), in
    /// member order. Members past [`LexiconGroup::MAX_MEMBERS`] get no bit:
    /// [`Lexicon::find_all_flagged`] scans every token for them.
    pub fn new(members: &[&[String]]) -> LexiconGroup {
        let entries: usize = members.iter().map(|k| k.len()).sum::<usize>().max(1) * 2;
        let size = (entries * 16).next_power_of_two().max(1 << 9);
        let mut g = LexiconGroup { slots: vec![0; size], shift: 64 - size.trailing_zeros() };
        for (m, keys) in members.iter().enumerate() {
            if m >= Self::MAX_MEMBERS {
                break;
            }
            for k in keys.iter() {
                let first = k.split(' ').next().unwrap_or(k);
                let i = g.index(word_hash(first.as_bytes()));
                g.slots[i] |= 1 << m;
                if let Some(stem) = first.strip_prefix("ال").filter(|s| !s.is_empty()) {
                    let i = g.index(word_hash(stem.as_bytes()) ^ FirstWords::AFTER_ARTICLE);
                    g.slots[i] |= 1 << m;
                }
            }
        }
        g
    }

    fn index(&self, h: u64) -> usize {
        (h.wrapping_mul(0xff51_afd7_ed55_8ccd) >> self.shift) as usize
    }

    /// For each token of the document, bit `k` set where a name of member
    /// `k` may start (a superset of where one does).
    pub fn flags(&self, joined: &Joined) -> Vec<u8> {
        let n = joined.starts.len();
        let mut out = Vec::with_capacity(n);
        for t in 0..n {
            let mut f = 0u8;
            for peel in joined.peels_of(t) {
                let h = if peel.elided_article {
                    peel.rest_hash ^ FirstWords::AFTER_ARTICLE
                } else {
                    peel.rest_hash
                };
                f |= self.slots[self.index(h)];
            }
            out.push(f);
        }
        out
    }
}

/// A hash of a word's bytes: the same function over the first words of keys
/// (at build time) and over the readings of a document's words (once per
/// document, in [`Joined`]), so a lexicon tests a reading with one probe.
fn word_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(31);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(w));
    }
    h ^ (h >> 29)
}

/// A permissive filter of the first words of keys, a bit table of their
/// [`word_hash`]es. A key matches at a reading of a word only if the key's
/// first word is exactly the reading's rest (keys and the joined text both
/// separate words by one space, and a match must end where a word ends), or,
/// for a لل reading, `ال` + the rest: such first words are also entered
/// without their article, under a salted hash. `may_start` never says no to
/// a reading where a key matches; it says yes to a few where none does.
#[derive(Debug, Clone)]
struct FirstWords {
    bits: Vec<u64>,
    /// `64 - log2(number of bits)`: the top bits of a mixed hash index the table.
    shift: u32,
}

impl FirstWords {
    /// Salt of the hashes of article-less first words.
    const AFTER_ARTICLE: u64 = 0x5bd1_e995_27d4_eb2f;

    fn index(&self, h: u64) -> usize {
        (h.wrapping_mul(0xff51_afd7_ed55_8ccd) >> self.shift) as usize
    }

    fn set(&mut self, h: u64) {
        let i = self.index(h);
        self.bits[i / 64] |= 1 << (i % 64);
    }

    fn get(&self, h: u64) -> bool {
        let i = self.index(h);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }

    fn new(keys: &[String]) -> FirstWords {
        // about 16 bits per entry: one reading in sixteen that starts no key
        // still gets a walk
        let entries = keys.len().max(1) * 2;
        let size = (entries * 16).next_power_of_two().max(1 << 9);
        let mut f = FirstWords { bits: vec![0; size / 64], shift: 64 - size.trailing_zeros() };
        for k in keys {
            let first = k.split(' ').next().unwrap_or(k);
            f.set(word_hash(first.as_bytes()));
            if let Some(stem) = first.strip_prefix("ال").filter(|s| !s.is_empty()) {
                f.set(word_hash(stem.as_bytes()) ^ Self::AFTER_ARTICLE);
            }
        }
        f
    }

    /// Can a key start at this reading?
    #[inline]
    fn may_start(&self, peel: &PeelAt) -> bool {
        if peel.elided_article {
            self.get(peel.rest_hash ^ Self::AFTER_ARTICLE)
        } else {
            self.get(peel.rest_hash)
        }
    }
}

/// A proclitic chain as a static string ([`rasid_text::clitic::PREFIXES`]):
/// a match needs no allocation for its prefix.
fn static_prefix(p: &str) -> &'static str {
    rasid_text::clitic::PREFIXES.iter().copied().find(|x| *x == p).unwrap_or("?")
}

/// The keys grouped by first word, under the [`word_hash`] of the first
/// word (and, for first words starting with the article, also under the
/// salted hash of what follows it, for لل readings). An open-addressing
/// table of hashes; keys of a bucket are sorted shortest first. Buckets of
/// two first words whose hashes collide merge, which is harmless: every key
/// is compared byte for byte before it matches.
///
/// A long bucket (an imported gazetteer has hundreds of villages named
/// `تل …`, `عين …`, `كفر …`) is split again by the keys' second word, so a
/// reading compares only the keys whose second word is the text's next word
/// (and the one-word keys), not the whole bucket: see [`Bucket::Split`].
#[derive(Debug, Clone)]
struct ByFirstWord {
    slots: Vec<Slot>,
    /// Key indices, list after list.
    members: Vec<u32>,
    /// The lists of the split buckets by (bucket hash, [`word_hash`] of the
    /// second word): open addressing; 0 members is an empty slot.
    seconds: Vec<SecondSlot>,
}

/// One bucket of [`ByFirstWord`]; 0 members is an empty slot.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    hash: u64,
    /// The bucket's keys (`first..first + len` of `members`), or, for a split
    /// bucket, its one-word keys only.
    first: u32,
    len: u32,
    /// Whether the bucket is split by second word (see [`ByFirstWord::seconds`]).
    split: bool,
}

#[derive(Debug, Clone, Copy, Default)]
struct SecondSlot {
    bucket: u64,
    second: u64,
    /// The one-word keys of the bucket and the keys with this second word,
    /// shortest first (`first..first + len` of `members`).
    first: u32,
    len: u32,
}

/// The keys a reading compares, from [`ByFirstWord::get`].
enum Bucket<'a> {
    /// All the keys of the first word, shortest first.
    Whole(&'a [u32]),
    /// A long bucket: resolve with the text's second word
    /// ([`ByFirstWord::narrow`]).
    Split(u64, &'a [u32]),
}

/// Buckets with more keys than this are split by second word: below it, the
/// second word's hash costs more than the comparisons it saves.
const SPLIT_ABOVE: usize = 8;

impl ByFirstWord {
    fn new(keys: &[String], split_above: usize) -> ByFirstWord {
        // bucket hash -> key indices, in key order
        let mut buckets: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut order: Vec<u64> = Vec::new();
        let mut add = |h: u64, k: usize| {
            let b = buckets.entry(h).or_insert_with(|| {
                order.push(h);
                Vec::new()
            });
            b.push(k as u32);
        };
        for (k, key) in keys.iter().enumerate() {
            let first = key.split(' ').next().unwrap_or(key);
            add(word_hash(first.as_bytes()), k);
            if let Some(stem) = first.strip_prefix("ال").filter(|s| !s.is_empty()) {
                add(word_hash(stem.as_bytes()) ^ FirstWords::AFTER_ARTICLE, k);
            }
        }
        let shortest_first = |bucket: &mut Vec<u32>| bucket.sort_by_key(|&k| (keys[k as usize].len(), k));
        let size = (order.len() * 2).next_power_of_two().max(2);
        let mut table =
            ByFirstWord { slots: vec![Slot::default(); size], members: Vec::new(), seconds: Vec::new() };
        // (bucket hash, second-word hash) -> keys, for the split buckets
        let mut seconds: Vec<(u64, u64, Vec<u32>)> = Vec::new();
        for h in order {
            let mut bucket = buckets.remove(&h).unwrap_or_default();
            shortest_first(&mut bucket);
            let split = bucket.len() > split_above;
            if split {
                let (one_word, longer): (Vec<u32>, Vec<u32>) =
                    bucket.iter().partition(|&&k| !keys[k as usize].contains(' '));
                let mut by_second: HashMap<u64, usize> = HashMap::new();
                let first_list = seconds.len();
                for k in longer {
                    let second = keys[k as usize].split(' ').nth(1).unwrap_or("");
                    let s2 = word_hash(second.as_bytes());
                    let at = *by_second.entry(s2).or_insert_with(|| {
                        seconds.push((h, s2, one_word.clone()));
                        seconds.len() - 1
                    });
                    seconds[at].2.push(k);
                }
                for list in &mut seconds[first_list..] {
                    shortest_first(&mut list.2);
                }
                bucket = one_word;
            }
            let mut s = table.slot(h);
            while table.slots[s].len != 0 || table.slots[s].split {
                s = (s + 1) & (size - 1);
            }
            table.slots[s] =
                Slot { hash: h, first: table.members.len() as u32, len: bucket.len() as u32, split };
            table.members.extend(bucket);
        }
        let size = (seconds.len() * 2).next_power_of_two().max(2);
        table.seconds = vec![SecondSlot::default(); size];
        for (bucket, second, list) in seconds {
            let mut s = Self::second_slot(bucket, second, size);
            while table.seconds[s].len != 0 {
                s = (s + 1) & (size - 1);
            }
            table.seconds[s] =
                SecondSlot { bucket, second, first: table.members.len() as u32, len: list.len() as u32 };
            table.members.extend(list);
        }
        table
    }

    fn slot(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (self.slots.len() - 1)
    }

    fn second_slot(bucket: u64, second: u64, size: usize) -> usize {
        ((bucket ^ second.rotate_left(17)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & (size - 1)
    }

    fn list(&self, first: u32, len: u32) -> &[u32] {
        &self.members[first as usize..(first + len) as usize]
    }

    /// The keys whose first word hashes to `h`, shortest first, or a split
    /// bucket to [`ByFirstWord::narrow`].
    fn get(&self, h: u64) -> Bucket<'_> {
        let mask = self.slots.len() - 1;
        let mut s = self.slot(h);
        loop {
            let slot = self.slots[s];
            if slot.len == 0 && !slot.split {
                return Bucket::Whole(&[]);
            }
            if slot.hash == h {
                let list = self.list(slot.first, slot.len);
                return if slot.split { Bucket::Split(h, list) } else { Bucket::Whole(list) };
            }
            s = (s + 1) & mask;
        }
    }

    /// The keys of split bucket `h` that may match `text` (the joined text
    /// from the reading's rest on), shortest first: its one-word keys and
    /// those whose second word is the text's second word.
    ///
    /// Exact: a key matches only if its body is a prefix of `text` that ends
    /// where a token ends, that is before a space or at the end of the text.
    /// Its words hold no space, so its first word then ends at the text's
    /// first space and its second word, if any, is the text's second word,
    /// all of it.
    fn narrow<'a>(&'a self, h: u64, one_word: &'a [u32], text: &[u8]) -> &'a [u32] {
        let Some(space) = text.iter().position(|&b| b == b' ') else { return one_word };
        let rest = &text[space + 1..];
        let second = rest.iter().position(|&b| b == b' ').map_or(rest, |e| &rest[..e]);
        let s2 = word_hash(second);
        let mask = self.seconds.len() - 1;
        let mut s = Self::second_slot(h, s2, self.seconds.len());
        loop {
            let slot = self.seconds[s];
            if slot.len == 0 {
                return one_word;
            }
            if slot.bucket == h && slot.second == s2 {
                return self.list(slot.first, slot.len);
            }
            s = (s + 1) & mask;
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

/// The first-word filter and table change nothing but speed: every match
/// is the one an anchored walk of an Aho-Corasick automaton over the keys
/// finds from each reading (the engine they replace), in the same order.
#[cfg(test)]
mod engine_tests {
    use super::*;
    use aho_corasick::automaton::Automaton;
    use aho_corasick::nfa::contiguous::NFA;
    use aho_corasick::{Anchored, MatchKind};
    use proptest::prelude::*;

    /// Every pattern starting at the anchor, as `(length, pattern)`.
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
                    if nfa.pattern_len(pid) == n + 1 {
                        found(n + 1, pid.as_usize());
                    }
                }
            }
        }
    }

    /// `each_match_at` as the automaton engine computed it, every reading walked.
    fn walked<T>(lex: &Lexicon<T>, doc: &Document, joined: &Joined, i: usize) -> Vec<(LexMatch, usize)> {
        let mut out = Vec::new();
        if lex.keys.is_empty() {
            return out;
        }
        let nfa = NFA::builder().match_kind(MatchKind::Standard).build(&lex.keys).expect("automaton");
        let tok = &doc.tokens[i];
        if !matches!(tok.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Digits) {
            return out;
        }
        let start = joined.starts[i];
        let word = doc.key(i);
        let peels: Vec<(usize, bool)> = if tok.kind == TokenKind::Arabic {
            clitic::peels(word).iter().map(|p| (p.prefix_len(), p.elided_article)).collect()
        } else {
            vec![(0, false)]
        };
        for (plen, elided) in peels {
            let at = start + plen;
            let mut report = |end: usize, key: usize| {
                let Some(last) = joined.token_ending_at(end) else { return };
                let kept = if elided { plen - "لل".len() } else { plen };
                let span =
                    Span::new(doc.folded.original_start(tok.fold.start + kept), doc.tokens[last].span.end);
                out.push((
                    LexMatch { tokens: i..last + 1, span, prefix: static_prefix(&word[..plen]), key },
                    end - start,
                ));
            };
            if elided {
                walk(&nfa, "ال".bytes().chain(joined.text[at..].bytes()), |n, key| {
                    if n > "ال".len() {
                        report(at + n - "ال".len(), key);
                    }
                });
            } else {
                walk(&nfa, joined.text[at..].bytes(), |n, key| report(at + n, key));
            }
        }
        out
    }

    fn word() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "دوما",
            "الغوطة",
            "الشرقية",
            "غوطة",
            "إدلب",
            "ريف",
            "كفر",
            "نبل",
            "المرصد",
            "مرصد",
            "السوري",
            "حلب",
            "قتل",
            "من",
            "في",
            "و",
            "ب",
            "ل",
            "ال",
            "لل",
            "5",
            "12",
            "x",
            "ab",
            "ـ",
            "ً",
            "،",
            ".",
            "-",
            "وال",
            "الل",
            "للغوطة",
            "الغوطةالشرقية",
        ])
    }

    fn reading() -> impl Strategy<Value = String> {
        (prop::sample::select(vec!["", "و", "ف", "ب", "ل", "لل", "ولل", "وب", "ك"]), word())
            .prop_map(|(p, w)| format!("{p}{w}"))
    }

    /// A small vocabulary: names share first words and follow each other.
    fn small_word() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec!["الغوطة", "غوطة", "الشرقية", "دوما", "ريف", "ال", "5", "،"])
    }

    /// A lexicon of the names (words joined by spaces), each its own payload.
    fn lexicon_of(names: &[Vec<&'static str>], split_above: usize) -> Lexicon<usize> {
        let mut b = Lexicon::builder();
        for (i, n) in names.iter().enumerate() {
            b.add([n.join(" ").as_str()], i);
        }
        b.build_splitting_above(split_above)
    }

    /// At every token of `text`, the lexicon's matches are the automaton walk's, in its order.
    fn check_walks(lex: &Lexicon<usize>, text: &str) -> Result<(), TestCaseError> {
        let doc = Document::new(text);
        let joined = Joined::new(&doc);
        for i in 0..doc.tokens.len() {
            let mut fast = Vec::new();
            lex.each_match_at(&doc, &joined, i, |m, n| fast.push((m, n)));
            prop_assert_eq!(fast, walked(lex, &doc, &joined, i));
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(800))]

        #[test]
        fn overlapping_names_come_in_walk_order(
            names in prop::collection::vec(prop::collection::vec(small_word(), 1..4), 1..10),
            text in prop::collection::vec(
                (prop::sample::select(vec!["", "و", "ل", "لل", "ب"]), small_word()), 0..30),
        ) {
            let full: Vec<String> = text.iter().map(|(p, w)| format!("{p}{w}")).collect();
            check_walks(&lexicon_of(&names, SPLIT_ABOVE), &full.join(" "))?;
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(800))]

        /// With the default bucket split, and with every bucket split by
        /// second word (as the long buckets of an imported gazetteer are).
        #[test]
        fn matches_are_the_automaton_walks(
            names in prop::collection::vec(prop::collection::vec(word(), 1..4), 1..16),
            text in prop::collection::vec(reading(), 0..40),
            glue in prop::collection::vec(any::<bool>(), 40),
            split_above in prop::sample::select(vec![0, 1, 2, SPLIT_ABOVE]),
        ) {
            let mut full = String::new();
            for (w, g) in text.iter().zip(&glue) {
                if !g {
                    full.push(' ');
                }
                full.push_str(w);
            }
            check_walks(&lexicon_of(&names, split_above), &full)?;
        }
    }
}

/// A group's flags find exactly what each lexicon finds alone.
#[cfg(test)]
mod group_tests {
    use super::*;
    use proptest::prelude::*;

    fn word() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "دوما",
            "الغوطة",
            "الشرقية",
            "غوطة",
            "إدلب",
            "ريف",
            "كفر",
            "نبل",
            "المرصد",
            "مرصد",
            "قتل",
            "من",
            "في",
            "و",
            "ل",
            "ال",
            "لل",
            "5",
            "x",
            "،",
            ".",
            "-",
        ])
    }

    fn reading() -> impl Strategy<Value = String> {
        (prop::sample::select(vec!["", "و", "ف", "ب", "ل", "لل", "ولل", "وب"]), word())
            .prop_map(|(p, w)| format!("{p}{w}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn grouped_scan_finds_what_each_lexicon_finds(
            members in prop::collection::vec(
                prop::collection::vec(prop::collection::vec(word(), 1..3), 0..6), 1..10),
            text in prop::collection::vec(reading(), 0..40),
        ) {
            let lexicons: Vec<Lexicon<usize>> = members
                .iter()
                .map(|names| {
                    let mut b = Lexicon::builder();
                    for (i, n) in names.iter().enumerate() {
                        b.add([n.join(" ").as_str()], i);
                    }
                    b.build()
                })
                .collect();
            let keys: Vec<&[String]> = lexicons.iter().map(Lexicon::keys).collect();
            let group = LexiconGroup::new(&keys);
            let full = text.join(" ");
            let doc = Document::new(&full);
            let joined = Joined::new(&doc);
            let flags = group.flags(&joined);
            prop_assert_eq!(flags.len(), doc.tokens.len());
            for (k, lex) in lexicons.iter().enumerate() {
                prop_assert_eq!(lex.find_all_flagged(&doc, &joined, &flags, k), lex.find_all(&doc, &joined));
            }
        }
    }
}
