//! # rasid-repair: text damaged by scraping
//!
//! Web pages lose their spaces when a scraper joins the text of neighbouring
//! HTML elements: a caption runs into the next sentence (`أرشيفقال`), a
//! byline into the agency name (`وكالاتمحمد`), a number into its noun
//! (`12ألف`), a full stop into the next word (`إدلب.وقال`). Readers downstream
//! (the number parser, the gazetteer) miss such words, and users should see
//! how the text reads once fixed. This crate finds that damage and proposes
//! the fix as a [`Repair`]: the original span and text, and the same text with
//! one space inserted at each break.
//!
//! Two kinds:
//!
//! - `glued_words` ([`words`]): a token that is no known word but splits into
//!   two known ones, or a number or a Latin word glued to an Arabic word. What
//!   "known" means comes from a [`Vocabulary`] (the Hunspell Arabic dictionary
//!   and the crate's lexicon) and from the article itself: a word the article
//!   uses standalone elsewhere is known, and a split whose halves both occur
//!   standalone is the strongest evidence.
//! - `glued_punctuation` ([`punct`]): a clause or sentence mark, or a closing
//!   quote or bracket, glued to the next word.
//!
//! Precision comes first: names and foreign words are often unknown to the
//! dictionary, so every rule errs towards reporting nothing.

mod peel;
pub mod punct;
pub mod vocab;
pub mod words;

use std::cell::RefCell;
use std::hash::BuildHasher;
use std::ops::Range;

use rasid_model::{Repair, Span};
use rasid_text::{Document, TokenKind};

pub use vocab::Vocabulary;

/// The `kind` of a repair that splits two words.
pub const GLUED_WORDS: &str = "glued_words";
/// The `kind` of a repair that puts a space after a punctuation mark.
pub const GLUED_PUNCTUATION: &str = "glued_punctuation";

/// One proposed space: where it goes and which tokens the repair covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Insertion {
    /// Original character offset the space is inserted before.
    pub at: usize,
    /// Tokens the repair spans (the words on both sides of the break).
    pub tokens: Range<usize>,
    pub kind: &'static str,
}

/// Buffers the repairer fills for every document, kept per thread: a fresh
/// table per document cost a tenth of the repairer's time, mostly in the
/// allocator.
#[derive(Default)]
struct Scratch {
    /// The folded Arabic words of the document, each as the index of its
    /// first token, found by the word's hash ([`COUNT_HASHER`]).
    words: hashbrown::HashTable<usize>,
    /// For each token, the first token of its word (Arabic tokens only;
    /// [`NO_WORD`] for the others).
    first_of: Vec<u32>,
    /// For the first token of each word, the word's number of tokens.
    count_at: Vec<u32>,
    /// A Bloom filter of the words ([`WordFilter`]).
    filter: WordFilter,
    /// Tokens inside a URL, an e-mail address or a hashtag.
    protected: Vec<bool>,
    /// Recent answers of the vocabulary's word table, kept across documents.
    memo: RefCell<vocab::FlagMemo>,
    /// Recent verdicts of [`words::listed_as_is`] on whole tokens, kept
    /// across documents.
    listed_memo: RefCell<vocab::FlagMemo>,
}

/// [`Scratch::first_of`] of a token that is no Arabic word.
const NO_WORD: u32 = u32::MAX;

/// Tokens a [`Scratch`] may keep room for between documents: a huge
/// document does not leave its buffers behind.
const SCRATCH_KEEP: usize = 1 << 16;

/// The hasher of [`Scratch::words`].
const COUNT_HASHER: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x636f_756e_7473);

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::default();
}

impl Scratch {
    /// Counts the words and marks the protected tokens of `doc`.
    fn fill(&mut self, doc: &Document) {
        let n = doc.tokens.len();
        self.words.clear();
        self.filter.clear();
        self.first_of.clear();
        self.first_of.resize(n, NO_WORD);
        self.count_at.clear();
        self.count_at.resize(n, 0);
        for (i, t) in doc.tokens.iter().enumerate() {
            // past u32::MAX tokens (a 4 GiB document), words go uncounted
            if t.kind != TokenKind::Arabic || i >= NO_WORD as usize {
                continue;
            }
            let w = doc.key(i);
            let entry = self.words.entry(
                COUNT_HASHER.hash_one(w),
                |&first| doc.key(first) == w,
                |&first| COUNT_HASHER.hash_one(doc.key(first)),
            );
            let first = match entry {
                hashbrown::hash_table::Entry::Occupied(o) => *o.get(),
                hashbrown::hash_table::Entry::Vacant(v) => {
                    v.insert(i);
                    self.filter.insert(w);
                    i
                }
            };
            self.first_of[i] = first as u32;
            self.count_at[first] += 1;
        }
        protected_tokens(doc, &mut self.protected);
    }

    /// Gives back the memory of an exceptionally large document.
    fn trim(&mut self) {
        if self.first_of.capacity() > SCRATCH_KEEP {
            *self = Scratch::default();
        }
    }
}

/// A Bloom filter of the words of a document: most strings the repairer
/// asks about (halves of tokens, their peeled forms) are no word of the
/// document, and this answers "no" for most of them without hashing them.
/// Two bits per word out of 4,096, from a hash of the word's length and its
/// first and last eight bytes (four letters each).
#[derive(Clone)]
struct WordFilter {
    bits: [u64; 64],
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter { bits: [0; 64] }
    }
}

impl WordFilter {
    const MASK: u64 = 64 * 64 - 1;

    fn clear(&mut self) {
        self.bits = [0; 64];
    }

    #[inline]
    fn positions(w: &str) -> [u64; 2] {
        let b = w.as_bytes();
        let (head, tail) = match (b.first_chunk::<8>(), b.last_chunk::<8>()) {
            (Some(h), Some(t)) => (u64::from_le_bytes(*h), u64::from_le_bytes(*t)),
            // shorter than eight bytes: every byte in
            _ => (b.iter().fold(0u64, |h, &x| (h << 8) | u64::from(x)), 0),
        };
        let h = (head ^ tail.rotate_left(29) ^ b.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        [(h >> 52) & Self::MASK, (h >> 40) & Self::MASK]
    }

    fn insert(&mut self, w: &str) {
        for p in Self::positions(w) {
            self.bits[(p / 64) as usize] |= 1 << (p % 64);
        }
    }

    /// False when `w` is certainly not a word of the filter.
    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        Self::positions(w).iter().all(|&p| self.bits[(p / 64) as usize] & (1 << (p % 64)) != 0)
    }
}

/// What every rule reads: the document, the vocabulary and how often each
/// word occurs standalone in the article.
pub(crate) struct Context<'d, 'a> {
    pub doc: &'d Document<'a>,
    pub vocab: &'d Vocabulary,
    /// The document's words and their counts.
    scratch: &'d Scratch,
    /// Tokens inside a URL, an e-mail address or a hashtag: their glue is
    /// intended.
    pub protected: &'d [bool],
    /// The document writes ى where ي belongs (`ىشرف`, `المسلحىن`): then ى
    /// marks no word end.
    pub ya_for_alef_maqsura: bool,
}

impl<'d, 'a> Context<'d, 'a> {
    fn new(doc: &'d Document<'a>, vocab: &'d Vocabulary, scratch: &'d Scratch) -> Self {
        Context { doc, vocab, scratch, protected: &scratch.protected, ya_for_alef_maqsura: ya_misused(doc) }
    }

    /// [`vocab::WordTable::flags`] of a folded word, through the thread's memo.
    pub fn word_flags(&self, folded: &str) -> u8 {
        let mut memo = self.scratch.memo.borrow_mut();
        self.vocab.words().flags_memo(folded, &mut memo)
    }

    /// Whether a folded token is listed as it stands
    /// ([`words::listed_as_is`]), through the thread's memo of verdicts.
    pub fn listed_as_is(&self, folded: &str) -> bool {
        let mut memo = self.scratch.listed_memo.borrow_mut();
        self.vocab.words().derived_memo(folded, &mut memo, || u8::from(words::listed_as_is(self, folded)))
            != 0
    }

    /// Occurrences of a folded word as a token of the article.
    pub fn count(&self, folded: &str) -> u32 {
        let s = self.scratch;
        if !s.filter.may_hold(folded) {
            return 0;
        }
        let hash = COUNT_HASHER.hash_one(folded);
        s.words.find(hash, |&first| self.doc.key(first) == folded).map_or(0, |&first| s.count_at[first])
    }

    /// Occurrences of the word of Arabic token `i` (0 for other tokens).
    pub fn token_count(&self, i: usize) -> u32 {
        let s = self.scratch;
        s.first_of.get(i).and_then(|&first| s.count_at.get(first as usize)).copied().unwrap_or(0)
    }
}

/// Whether the document writes ى for ي: more than one Arabic token has ى
/// first (`ىشرف`) or before a final ن or ة (`المسلحىن`, `الزراعىة`), where
/// no word has it. Only the tokens holding a ى can, so they are found from
/// the text's (few) ى rather than by reading every token.
fn ya_misused(doc: &Document) -> bool {
    let tokens = &doc.tokens;
    let mut misused = 0;
    let mut last_token = None;
    for (at, _) in doc.text().match_indices('ى') {
        let i = tokens.partition_point(|t| doc.byte_of_char(t.span.end) <= at);
        let Some(t) = tokens.get(i).filter(|t| doc.byte_of_char(t.span.start) <= at) else {
            continue; // not inside a token
        };
        if last_token == Some(i) {
            continue; // a second ى of the same token
        }
        last_token = Some(i);
        if t.kind == TokenKind::Arabic && misuses_alef_maqsura(doc.slice(t.span)) {
            misused += 1;
            if misused > 1 {
                return true;
            }
        }
    }
    false
}

/// Whether a word as written has ى where no word has it: first
/// (`ىشرف`), or before a final ن or ة (`المسلحىن`, `الزراعىة`).
fn misuses_alef_maqsura(written: &str) -> bool {
    if !written.contains('ى') {
        return false;
    }
    let is_letter = |c: &char| rasid_text::token::is_arabic_letter(*c);
    if written.chars().find(is_letter) == Some('ى') {
        return true;
    }
    let mut from_end = written.chars().rev().filter(is_letter);
    let (last, before_last, third_last) = (from_end.next(), from_end.next(), from_end.next());
    third_last.is_some() && before_last == Some('ى') && matches!(last, Some('ن' | 'ة'))
}

/// Marks the tokens of whitespace-delimited chunks that are URLs, e-mail
/// addresses or hashtags (`twitter.com/ICRC`, `#الغوطة_الشرقية`): words and
/// marks glued there are meant to be glued.
fn protected_tokens(doc: &Document, out: &mut Vec<bool>) {
    let n = doc.tokens.len();
    out.clear();
    out.resize(n, false);
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        // only punctuation and Latin words make a chunk special
        let mut marked = !matches!(doc.tokens[start].kind, TokenKind::Arabic | TokenKind::Digits);
        while end < n && !doc.tokens[end].space_before {
            marked |= !matches!(doc.tokens[end].kind, TokenKind::Arabic | TokenKind::Digits);
            end += 1;
        }
        if !marked {
            start = end;
            continue;
        }
        let keys = (start..end).map(|i| doc.key(i));
        let mut has_slash = false;
        let mut has_latin = false;
        let mut special = false;
        for (k, i) in keys.zip(start..end) {
            match k {
                "/" | "\\" => has_slash = true,
                "@" | "#" | "_" => special = true,
                "http" | "https" | "www" => special = true,
                _ => {}
            }
            if doc.tokens[i].kind == TokenKind::Latin {
                has_latin = true;
            }
        }
        if special || (has_slash && has_latin) {
            out[start..end].iter_mut().for_each(|p| *p = true);
        }
        start = end;
    }
}

/// Repairs of one document, in text order, with non-overlapping spans.
pub fn find_repairs(doc: &Document, vocab: &Vocabulary) -> Vec<Repair> {
    if doc.tokens.len() < 2 {
        return Vec::new();
    }
    let run = |scratch: &mut Scratch| {
        scratch.fill(doc);
        let ctx = Context::new(doc, vocab, scratch);
        let mut insertions = Vec::new();
        punct::find(&ctx, &mut insertions);
        words::find(&ctx, &mut insertions);
        let repairs = merge(doc, insertions);
        scratch.trim();
        repairs
    };
    // the thread's buffers, or fresh ones if they are in use (a repairer
    // called from inside itself) or gone (a thread being torn down)
    SCRATCH
        .try_with(|cell| cell.try_borrow_mut().ok().map(|mut scratch| run(&mut scratch)))
        .ok()
        .flatten()
        .unwrap_or_else(|| run(&mut Scratch::default()))
}

/// Turns insertions into repairs: insertions whose token ranges overlap
/// (`قتل5أشخاص`: two breaks sharing the number) become one repair with every
/// space inserted.
fn merge(doc: &Document, mut insertions: Vec<Insertion>) -> Vec<Repair> {
    insertions.sort_by_key(|x| (x.tokens.start, x.at));
    insertions.dedup_by_key(|x| x.at);
    let mut out = Vec::new();
    let mut group: Vec<Insertion> = Vec::new();
    let mut group_end = 0usize;
    for ins in insertions {
        if !group.is_empty() && ins.tokens.start >= group_end {
            out.extend(build(doc, &group));
            group.clear();
        }
        group_end = if group.is_empty() { ins.tokens.end } else { group_end.max(ins.tokens.end) };
        group.push(ins);
    }
    if !group.is_empty() {
        out.extend(build(doc, &group));
    }
    out
}

/// One repair from a group of overlapping insertions.
fn build(doc: &Document, group: &[Insertion]) -> Option<Repair> {
    let first = group.first()?;
    let start_tok = group.iter().map(|g| g.tokens.start).min()?;
    let end_tok = group.iter().map(|g| g.tokens.end).max()?;
    if start_tok >= end_tok || end_tok > doc.tokens.len() {
        return None;
    }
    let span = doc.span_of(start_tok..end_tok);
    let mut cuts: Vec<usize> =
        group.iter().map(|g| g.at).filter(|&at| at > span.start && at < span.end).collect();
    cuts.sort_unstable();
    cuts.dedup();
    if cuts.is_empty() {
        return None;
    }
    let text = doc.slice(span).to_string();
    let mut fixed = String::with_capacity(text.len() + cuts.len());
    let mut next_cut = cuts.iter().peekable();
    for (k, c) in text.chars().enumerate() {
        if next_cut.peek().is_some_and(|&&at| at == span.start + k) {
            fixed.push(' ');
            next_cut.next();
        }
        fixed.push(c);
    }
    let kind = if group.iter().any(|g| g.kind == GLUED_PUNCTUATION) && group.len() == 1 {
        GLUED_PUNCTUATION
    } else {
        first.kind
    };
    Some(Repair { span: Span::new(span.start, span.end), text, fixed, kind: Some(kind.to_string()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repairs(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        find_repairs(&doc, &Vocabulary::without_dictionary())
            .into_iter()
            .map(|r| {
                assert_eq!(doc.slice(r.span), r.text);
                (r.text, r.fixed)
            })
            .collect()
    }

    #[test]
    fn number_glued_on_both_sides_is_one_repair() {
        let r = repairs("وقال المرصد إن القصف قتل5أشخاص في دوما، كما قتل أشخاص آخرون في حرستا.");
        assert_eq!(r, [("قتل5أشخاص".to_string(), "قتل 5 أشخاص".to_string())]);
    }

    #[test]
    fn empty_and_tiny_documents() {
        assert!(repairs("").is_empty());
        assert!(repairs("قتل").is_empty());
        assert!(repairs(".").is_empty());
    }

    #[test]
    fn alef_maqsura_for_ya_is_read_from_the_tokens_that_hold_one() {
        for (text, misused) in [
            ("قال ىشرف على المحاصىل الزراعىة", true),
            ("قال ىشرف على المحاصيل", false),
            ("ذهب إلى المستشفى حتى الصباح", false),
            ("ىشرف ىعمل", true),
            ("ى ىشرف", true),
            ("مستشفى ـىـن", false),
            ("", false),
        ] {
            let doc = Document::new(text);
            let by_token = doc
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Arabic && misuses_alef_maqsura(doc.slice(t.span)))
                .count()
                > 1;
            assert_eq!(ya_misused(&doc), misused, "{text}");
            assert_eq!(by_token, misused, "{text}");
        }
    }

    #[test]
    fn word_filter_never_forgets_a_word() {
        let mut f = WordFilter::default();
        let words = ["", "و", "في", "قتل", "المدينه", "والمستشفيات", "abc", "12345678", "123456789"];
        for w in words {
            f.insert(w);
        }
        assert!(words.iter().all(|w| f.may_hold(w)));
        let doc = Document::new("قال المرصد إن القصف على المدينة قتل مدنيين في المدينة.");
        let vocab = Vocabulary::without_dictionary();
        let mut scratch = Scratch::default();
        scratch.fill(&doc);
        let ctx = Context::new(&doc, &vocab, &scratch);
        assert_eq!(ctx.count("المدينه"), 2);
        assert_eq!(ctx.count("المرصد"), 1);
        assert_eq!(ctx.count("مدينه"), 0);
        let i = doc.tokens.iter().position(|t| doc.slice(t.span) == "المدينة").unwrap_or(0);
        assert_eq!(ctx.token_count(i), 2);
        assert_eq!(ctx.token_count(doc.tokens.len() - 1), 0); // the full stop
    }

    #[test]
    fn urls_and_hashtags_are_left_alone() {
        assert!(repairs("تابعونا على twitter.com/SyriaNews و#الغوطة_الشرقية اليوم").is_empty());
    }
}
