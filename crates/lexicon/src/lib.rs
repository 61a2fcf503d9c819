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

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
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
}

impl Joined {
    pub fn new(doc: &Document) -> Joined {
        let mut text = String::with_capacity(doc.folded.len() + doc.tokens.len());
        let mut starts = Vec::with_capacity(doc.tokens.len());
        let mut ends = Vec::with_capacity(doc.tokens.len());
        for i in 0..doc.tokens.len() {
            if i > 0 {
                text.push(' ');
            }
            starts.push(text.len());
            text.push_str(doc.key(i));
            ends.push(text.len());
        }
        Joined { text, starts, ends }
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
    pub prefix: String,
    /// Index of the matched key: all entries with this key are
    /// [`Lexicon::entries_of`] it.
    pub key: usize,
}

/// Names with payloads, compiled for matching.
#[derive(Debug, Clone)]
pub struct Lexicon<T> {
    automaton: Option<AhoCorasick>,
    /// Distinct keys, in pattern order.
    keys: Vec<String>,
    /// For each key, the indices of its entries in `payloads`.
    key_entries: Vec<Vec<usize>>,
    payloads: Vec<T>,
    max_key_len: usize,
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
        LexiconBuilder { index: HashMap::new(), keys: Vec::new(), key_entries: Vec::new(), payloads: Vec::new() }
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
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(&self.keys)
                .ok()
        };
        let max_key_len = self.keys.iter().map(|k| k.len()).max().unwrap_or(0);
        Lexicon {
            automaton,
            keys: self.keys,
            key_entries: self.key_entries,
            payloads: self.payloads,
            max_key_len,
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
        let k = name_key(name);
        self.keys.iter().position(|x| *x == k)
    }

    /// The longest name starting at token `i` (with any proclitic reading),
    /// ending on a token boundary.
    pub fn match_at(&self, doc: &Document, joined: &Joined, i: usize) -> Option<LexMatch> {
        let ac = self.automaton.as_ref()?;
        let tok = &doc.tokens[i];
        if !matches!(tok.kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Digits) {
            return None;
        }
        let start = joined.starts[i];
        let word = doc.key(i);
        let mut best: Option<(usize, LexMatch)> = None; // (matched byte length incl. prefix, match)
        let peels =
            if tok.kind == TokenKind::Arabic { clitic::peels(word) } else { vec![clitic::Peel { prefix: "", rest: word, elided_article: false }] };
        for peel in peels {
            let at = start + peel.prefix_len();
            let (found_end, key) = if peel.elided_article {
                // ل + ال written لل: look up "ال" + the rest.
                let end = (at + self.max_key_len).min(joined.text.len());
                let end = floor_char_boundary(&joined.text, end);
                let mut hay = String::with_capacity(end - at + 4);
                hay.push_str("ال");
                hay.push_str(&joined.text[at..end]);
                match longest_anchored(ac, &hay, 0, |e| joined.token_ending_at(at + e - "ال".len()).is_some()) {
                    Some((e, k)) => (at + e - "ال".len(), k),
                    None => continue,
                }
            } else {
                match longest_anchored(ac, &joined.text, at, |e| joined.token_ending_at(e).is_some()) {
                    Some(x) => x,
                    None => continue,
                }
            };
            let Some(last) = joined.token_ending_at(found_end) else { continue };
            let len = found_end - start;
            // Span: leave the proclitics out, except the لل of an elided article.
            let kept_prefix = if peel.elided_article { peel.prefix_len() - "لل".len() } else { peel.prefix_len() };
            let span_start = doc.folded.original_start(tok.fold.start + kept_prefix);
            let span = Span::new(span_start, doc.tokens[last].span.end);
            // Prefer the longest match; on ties, the reading with fewer clitics.
            let better = match &best {
                None => true,
                Some((blen, b)) => len > *blen || (len == *blen && peel.prefix.len() < b.prefix.len()),
            };
            if better {
                best = Some((
                    len,
                    LexMatch { tokens: i..last + 1, span, prefix: peel.prefix.to_string(), key },
                ));
            }
        }
        best.map(|(_, m)| m)
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

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The longest pattern matching `hay` anchored at `at` whose end satisfies
/// `boundary`: (end offset in `hay`, pattern index).
///
/// Overlapping iteration does not support anchored searches, so when the
/// longest match ends inside a word, the search is repeated with the haystack
/// cut at the last word boundary before that end.
fn longest_anchored(
    ac: &AhoCorasick,
    hay: &str,
    at: usize,
    boundary: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let mut end = hay.len();
    while at < end {
        let input = Input::new(hay).span(at..end).anchored(Anchored::Yes);
        let m = ac.find(input)?;
        if boundary(m.end()) {
            return Some((m.end(), m.pattern().as_usize()));
        }
        // cut at the last space before the match end
        end = hay[..m.end()].rfind(' ')?;
    }
    None
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
        assert_eq!(found("وفقا للمرصد السوري لحقوق الإنسان"), vec![("للمرصد السوري لحقوق الإنسان".to_string(), vec!["sohr"])]);
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
        assert_eq!(found("في الغُوطَة  الشرقيّة"), vec![("الغُوطَة  الشرقيّة".to_string(), vec!["eastern_ghouta"])]);
        assert_eq!(found("بلدة كفرنبل"), vec![("كفرنبل".to_string(), vec!["kafr_nabl"])]);
        assert_eq!(found("بلدة كفر نبل"), vec![("كفر نبل".to_string(), vec!["kafr_nabl"])]);
    }

    #[test]
    fn falls_back_to_shorter_name_on_boundary() {
        // "الغوطة الشرقيةX" glued: the long name does not end on a word boundary.
        assert_eq!(found("الغوطة الشرقيةوالغربية"), vec![("الغوطة".to_string(), vec!["eastern_ghouta"])]);
    }
}
