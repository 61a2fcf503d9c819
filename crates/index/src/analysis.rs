//! The analyzers: how text becomes index terms.
//!
//! Two analyzers are registered on every index:
//!
//! - [`ARABIC`] for `title` and `text`: [`ArabicTokenizer`] (words as runs of letters and digits,
//!   with diacritics, tatweel, joiners and bidi controls dropped from the term but kept inside the
//!   word's offsets; Eastern digits as ASCII; presentation forms expanded; lower case; Arabic stop
//!   words skipped; the definite article and the clitics before it stripped; junk longer than 100
//!   bytes dropped) → tantivy's Snowball Arabic [`Stemmer`], memoised. The stemmer normalises hamza forms and ة/ى on its
//!   own; folding ة→ه or ى→ي *before* it breaks the agreement between query and document stems
//!   (`/work/shared/design/rust-stack.md` §3.1), so this tokenizer leaves those letters alone.
//!
//! Why the article is stripped before the stemmer: Snowball decides which suffixes to remove by
//! the length of the whole word, article included, and treats "defined" words differently, so the
//! same noun stems one way bare and another way with `ال`, and long definite words lose too much:
//!
//! | word | Snowball alone | article stripped first |
//! |---|---|---|
//! | `غارات` / `الغارات` / `والغارات` | `غارا` / `غار` / `والغارا` | `غارا` for all three |
//! | `قوات` / `القوات` | `قوا` / `القو` | `قوا` for both |
//! | `وزير` / `الوزير` | `زير` / `وزير` | `زير` for both |
//! | `مدنيين` / `المدنيين` | `مدني` / `مدن` (= `مدن`, cities) | `مدني` for both |
//! | `يمين` / `اليمين` | `يمين` / `اليم` (= the sea) | `يمين` for both |
//!
//! With the article (and و/ف/ب/ك/ل before it, `data/article_prefixes.txt`) stripped whenever two
//! letters remain, a definite word always stems like its bare form: a query for `غارات` finds
//! `الغارات`, and `غوطة` still finds `وبالغوطة`, `للغوطة`, `الغُوطَة`. Single clitics without the
//! article (`وغارات`, `بغارات`) stay the stemmer's business: stripping a lone و would turn `وزارة`
//! into `زارة`.
//! - [`KEYWORD`] for `outlet`, `places` and `actors`: the whole value is one term, its
//!   [`keyword_key`] (the project's match-key folding, lower case), so that a filter on
//!   `الغوطة الشرقية` also finds `الغوطه الشرقيه` and `Al Arabiya` finds `al arabiya`.
//!
//! Offsets of every token point into the original text, so snippets highlight the word as written
//! (`وبالغوطة`, `الغُوطَة`).

use std::collections::{HashMap, HashSet};
use std::str::CharIndices;
use std::sync::{Arc, OnceLock};

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};
use unicode_normalization::UnicodeNormalization;

/// Name of the Arabic full-text analyzer in the index's tokenizer manager.
pub const ARABIC: &str = "rasid_ar";
/// Name of the one-term keyword analyzer in the index's tokenizer manager.
pub const KEYWORD: &str = "rasid_kw";

/// Terms longer than this many bytes are dropped: they are glued-together junk (URLs, scraping
/// debris), never words anyone searches for, and tantivy refuses terms above 65 530 bytes anyway.
const MAX_TERM_BYTES: usize = 100;

/// Stems remembered per thread before the memo is emptied. Word frequencies are Zipfian, so a
/// thread stems each frequent word once instead of thousands of times (the Snowball stemmer was
/// two thirds of the analysis time); 100k entries stay under ~10 MB a thread.
const STEM_MEMO_CAPACITY: usize = 100_000;

thread_local! {
    /// The stem memo, per thread rather than per analyzer: tantivy clones the registered analyzer
    /// for every snippet generator and query, so a memo inside it would start empty on each
    /// search request (the server spent two thirds of a search re-stemming the hits' texts).
    static STEMS: std::cell::RefCell<StemMemo> = std::cell::RefCell::new(StemMemo::default());
}

/// Slots of [`StemMemo::recent`] (a power of two).
const RECENT_SLOTS: usize = 4096;
/// Longest word, and longest stem, (bytes) a [`RecentStem`] holds: 15 Arabic letters.
const RECENT_WORD: usize = 30;

/// Words and their stems: a small direct-mapped table of recent words in front of the map.
///
/// Why two levels: the map holds up to [`STEM_MEMO_CAPACITY`] words, each key and stem a heap
/// string, so a look-up is several cache misses; in a corpus ingest that was about a twentieth
/// of all CPU. The frequent words of news fit in a few thousand slots of 64 bytes each that
/// stay in the core's cache, holding the word and its stem inline. A slot holds the whole word,
/// so an answer is exact; a slot is overwritten by the next word mapped to it.
struct StemMemo {
    recent: Box<[RecentStem]>,
    all: HashMap<String, String, WordHash>,
}

#[derive(Clone, Copy)]
struct RecentStem {
    word_len: u8,
    stem_len: u8,
    word: [u8; RECENT_WORD],
    stem: [u8; RECENT_WORD],
}

const NO_RECENT: RecentStem =
    RecentStem { word_len: u8::MAX, stem_len: 0, word: [0; RECENT_WORD], stem: [0; RECENT_WORD] };

impl Default for StemMemo {
    fn default() -> Self {
        StemMemo { recent: vec![NO_RECENT; RECENT_SLOTS].into_boxed_slice(), all: HashMap::default() }
    }
}

impl StemMemo {
    /// The slot of a word short enough for one.
    fn slot_of(word: &str) -> Option<usize> {
        use std::hash::Hasher;
        if word.len() > RECENT_WORD {
            return None;
        }
        let mut h = WordHasher::default();
        h.write(word.as_bytes());
        Some((h.finish() >> 32) as usize & (RECENT_SLOTS - 1))
    }

    fn remember_recent(recent: &mut [RecentStem], slot: Option<usize>, word: &str, stem: &str) {
        if let Some(i) = slot
            && stem.len() <= RECENT_WORD
        {
            let r = &mut recent[i];
            r.word_len = word.len() as u8; // at most RECENT_WORD
            r.word[..word.len()].copy_from_slice(word.as_bytes());
            r.stem_len = stem.len() as u8;
            r.stem[..stem.len()].copy_from_slice(stem.as_bytes());
        }
    }

    /// Replace `text` by its remembered stem; false when the word is not remembered.
    fn recall(&mut self, text: &mut String) -> bool {
        let slot = Self::slot_of(text);
        if let Some(i) = slot {
            let r = &self.recent[i];
            if usize::from(r.word_len) == text.len()
                && rasid_text::bytes::same(&r.word[..text.len()], text.as_bytes())
            {
                // the bytes were copied from a `str`, whole
                if let Ok(stem) = std::str::from_utf8(&r.stem[..usize::from(r.stem_len)]) {
                    text.clear();
                    text.push_str(stem);
                    return true;
                }
            }
        }
        let StemMemo { recent, all } = self;
        let Some(stem) = all.get(text.as_str()) else { return false };
        Self::remember_recent(recent, slot, text, stem);
        text.clear();
        text.push_str(stem);
        true
    }

    fn remember(&mut self, word: String, stem: String) {
        Self::remember_recent(&mut self.recent, Self::slot_of(&word), &word, &stem);
        if self.all.len() >= STEM_MEMO_CAPACITY {
            self.all.clear();
        }
        self.all.insert(word, stem);
    }
}

/// The Arabic stop words: function words that would make every AND query slower without making it
/// more precise. One a line in the data file, written as they are spelt; compared after
/// [`stop_fold`], so `إلى` also covers `الى`.
static STOP_WORDS_DATA: &str = include_str!("../data/stopwords_ar.txt");

/// The article prefixes (data file), longest first.
static ARTICLE_PREFIXES_DATA: &str = include_str!("../data/article_prefixes.txt");

/// Letters that must remain after the article for it to be stripped (`الف`, thousand, stays
/// whole), as in the Light10 stemmer's article rule.
const MIN_LETTERS_AFTER_ARTICLE: usize = 2;

/// The multiply-rotate hash of rustc (FxHash): the memo and stop-word lookups hash short words
/// millions of times, where std's DoS-resistant SipHash costs more than the lookup. The keys are
/// words of the text, and a hostile text can only make its own indexing slower.
#[derive(Default, Clone, Copy)]
struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type WordHash = std::hash::BuildHasherDefault<WordHasher>;

/// The word lists the tokenizer consults, compiled once.
struct Lexicon {
    stop_words: HashSet<String, WordHash>,
    /// Longest stop word in bytes: longer terms skip the lookup.
    longest_stop_word: usize,
    article_prefixes: Vec<String>,
}

fn data_lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().map(|line| line.split('#').next().unwrap_or("").trim()).filter(|line| !line.is_empty())
}

fn lexicon() -> &'static Arc<Lexicon> {
    static LEXICON: OnceLock<Arc<Lexicon>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut stop_words = HashSet::default();
        for word in data_lines(STOP_WORDS_DATA) {
            let mut cleaned = String::new();
            push_term_chars(word, &mut cleaned);
            let mut folded = String::new();
            stop_fold(&cleaned, &mut folded);
            if !folded.is_empty() {
                stop_words.insert(folded);
            }
        }
        let longest_stop_word = stop_words.iter().map(String::len).max().unwrap_or(0);
        let mut article_prefixes: Vec<String> =
            data_lines(ARTICLE_PREFIXES_DATA).map(str::to_string).collect();
        article_prefixes.sort_by_key(|prefix| std::cmp::Reverse(prefix.chars().count()));
        Arc::new(Lexicon { stop_words, longest_stop_word, article_prefixes })
    })
}

impl Lexicon {
    /// Is this term (already in term form) a stop word?
    fn is_stop_word(&self, term: &str, buffer: &mut String) -> bool {
        if term.len() > self.longest_stop_word {
            return false;
        }
        if term.contains(['أ', 'إ', 'آ', 'ٱ']) {
            stop_fold(term, buffer);
            self.stop_words.contains(buffer.as_str())
        } else {
            self.stop_words.contains(term)
        }
    }

    /// Remove the longest article prefix of `term` if enough letters remain.
    fn strip_article(&self, term: &mut String) {
        if !term.starts_with(['ا', 'و', 'ف', 'ب', 'ك', 'ل']) {
            return;
        }
        let strip = self.article_prefixes.iter().find(|prefix| {
            term.strip_prefix(prefix.as_str()).is_some_and(|rest| {
                rest.chars().take(MIN_LETTERS_AFTER_ARTICLE).count() == MIN_LETTERS_AFTER_ARTICLE
            })
        });
        if let Some(prefix) = strip {
            term.drain(..prefix.len());
        }
    }
}

/// Is `word` (as written, any spelling variant) one of the stop words the analyzer skips?
pub fn is_stop_word(word: &str) -> bool {
    let mut term = String::new();
    push_term_chars(word, &mut term);
    lexicon().is_stop_word(&term, &mut String::new())
}

/// The spelling-variant folding used only to recognise stop words: hamza-carrying alefs → ا.
/// Not ى → ي: that would make the name `علي` the stop word `على`. Never applied to indexed
/// terms (see the module doc).
fn stop_fold(term: &str, out: &mut String) {
    out.clear();
    for c in term.chars() {
        out.push(match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            c => c,
        });
    }
}

/// Characters that belong to the word they sit in but are not part of its term: marks, tatweel,
/// joiners, and invisible format/bidi controls (scraped text is full of stray RLMs).
fn is_ignorable(c: char) -> bool {
    rasid_text::fold::is_arabic_mark(c)
        || matches!(c, '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{034F}')
        || rasid_text::fold::is_format_control(c)
}

/// Letters that need no change in the term: the basic Arabic letters (tatweel excepted),
/// lower-case ASCII letters and ASCII digits. The common case, checked first.
fn is_plain_term_char(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | 'a'..='z' | '0'..='9')
}

fn is_word_char(c: char) -> bool {
    is_plain_term_char(c) || c.is_alphanumeric() || is_ignorable(c)
}

/// Presentation forms and fullwidth forms, which NFKC turns into ordinary letters.
fn is_compat_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' | '\u{FF01}'..='\u{FF5E}')
}

/// Append the term form of one character (already known not to need NFKC).
fn push_term_char(c: char, out: &mut String) {
    match c {
        c if is_plain_term_char(c) => out.push(c),
        c if is_ignorable(c) => {}
        '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        // Persian keyboard letters typed into Arabic text.
        'ک' => out.push('ك'),
        'ی' => out.push('ي'),
        'ھ' => out.push('ه'),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c if c.is_uppercase() => out.extend(c.to_lowercase()),
        c if c.is_alphanumeric() => out.push(c),
        // NFKC of an isolated-form mark can yield a space: never part of a term.
        _ => {}
    }
}

/// Append the term form of a word as written (marks dropped, digits folded, forms expanded).
fn push_term_chars(word: &str, out: &mut String) {
    if word.chars().all(is_plain_term_char) {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        if is_compat_form(c) {
            for expanded in c.to_string().nfkc() {
                push_term_char(expanded, out);
            }
        } else {
            push_term_char(c, out);
        }
    }
}

/// tantivy's Snowball Arabic stemmer applied to one term.
fn snowball_arabic() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default()).filter(Stemmer::new(Language::Arabic)).build()
}

/// The whole Arabic analysis in one pass: words as maximal runs of letters, digits and in-word
/// ignorables, each turned into its term form (marks dropped, digits and forms folded); stop
/// words skipped (they still take up a position, so phrase queries keep their gaps); the definite
/// article stripped; then tantivy's Snowball Arabic stemmer, memoised. Offsets cover the word as
/// written.
#[derive(Clone)]
pub struct ArabicTokenizer {
    token: Token,
    lexicon: Arc<Lexicon>,
    stemmer: TextAnalyzer,
    buffer: String,
}

impl Default for ArabicTokenizer {
    fn default() -> Self {
        ArabicTokenizer {
            token: Token::default(),
            lexicon: lexicon().clone(),
            stemmer: snowball_arabic(),
            buffer: String::new(),
        }
    }
}

/// The token stream of [`ArabicTokenizer`].
pub struct ArabicTokenStream<'a> {
    text: &'a str,
    chars: CharIndices<'a>,
    token: &'a mut Token,
    lexicon: &'a Lexicon,
    stemmer: &'a mut TextAnalyzer,
    buffer: &'a mut String,
}

impl Tokenizer for ArabicTokenizer {
    type TokenStream<'a> = ArabicTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ArabicTokenStream<'a> {
        self.token.reset();
        ArabicTokenStream {
            text,
            chars: text.char_indices(),
            token: &mut self.token,
            lexicon: &self.lexicon,
            stemmer: &mut self.stemmer,
            buffer: &mut self.buffer,
        }
    }
}

impl ArabicTokenStream<'_> {
    /// Read the next word into the token (term form, offsets, position); false at the end.
    fn next_word(&mut self) -> bool {
        loop {
            let Some((start, first)) = self.chars.next() else {
                return false;
            };
            if !is_word_char(first) {
                continue;
            }
            let mut end = self.text.len();
            for (at, c) in self.chars.by_ref() {
                if !is_word_char(c) {
                    end = at;
                    break;
                }
            }
            self.token.text.clear();
            push_term_chars(&self.text[start..end], &mut self.token.text);
            if self.token.text.is_empty() {
                // Only ignorables (a stray mark or bidi control between spaces): no word.
                continue;
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.position = self.token.position.wrapping_add(1);
            return true;
        }
    }

    /// Replace the token's text by its stem, from the memo when it has been seen.
    fn stem(&mut self) {
        if STEMS.with_borrow_mut(|stems| stems.recall(&mut self.token.text)) {
            return;
        }
        let mut stream = self.stemmer.token_stream(&self.token.text);
        let stem = if stream.advance() { stream.token().text.clone() } else { String::new() };
        drop(stream);
        if stem.is_empty() {
            return; // keep the unstemmed term rather than index nothing
        }
        let term = std::mem::replace(&mut self.token.text, stem.clone());
        STEMS.with_borrow_mut(|stems| stems.remember(term, stem));
    }
}

impl TokenStream for ArabicTokenStream<'_> {
    fn advance(&mut self) -> bool {
        while self.next_word() {
            if self.lexicon.is_stop_word(&self.token.text, self.buffer) {
                continue;
            }
            self.lexicon.strip_article(&mut self.token.text);
            if self.token.text.len() > MAX_TERM_BYTES {
                continue;
            }
            self.stem();
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The full-text analyzer for Arabic (and whatever Latin text comes with it).
pub fn arabic_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(ArabicTokenizer::default()).build()
}

/// The exact-filter key of an outlet, place or actor value: the project's match-key folding
/// (diacritics, alef/ya/ta-marbuta variants, spaces), lower-cased.
pub fn keyword_key(value: &str) -> String {
    rasid_text::key(value).to_lowercase()
}

/// Emits the whole value as a single term, its [`keyword_key`]; nothing for a blank value.
#[derive(Clone, Default)]
pub struct KeywordTokenizer {
    token: Token,
}

/// The token stream of [`KeywordTokenizer`]: zero or one token.
pub struct KeywordStream<'a> {
    token: &'a mut Token,
    pending: bool,
}

impl Tokenizer for KeywordTokenizer {
    type TokenStream<'a> = KeywordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> KeywordStream<'a> {
        self.token.reset();
        self.token.text = keyword_key(text);
        self.token.offset_from = 0;
        self.token.offset_to = text.len();
        self.token.position = 0;
        let pending = !self.token.text.is_empty();
        KeywordStream { token: &mut self.token, pending }
    }
}

impl TokenStream for KeywordStream<'_> {
    fn advance(&mut self) -> bool {
        std::mem::take(&mut self.pending)
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Register both analyzers under their names; tokenizers are not persisted with an index, so
/// this runs on every open.
pub fn register(manager: &TokenizerManager) {
    manager.register(ARABIC, arabic_analyzer());
    manager.register(KEYWORD, TextAnalyzer::builder(KeywordTokenizer::default()).build());
}

/// One analysed term of a text: its term, position and byte range in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub position: usize,
    pub bytes: std::ops::Range<usize>,
}

/// Run the Arabic analyzer over `text` (what the index sees for `title`/`text`).
pub fn analyze(text: &str) -> Vec<Term> {
    analyze_with(&mut arabic_analyzer(), text)
}

pub(crate) fn analyze_with(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Term> {
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while stream.advance() {
        let token = stream.token();
        terms.push(Term {
            text: token.text.clone(),
            position: token.position,
            bytes: token.offset_from..token.offset_to,
        });
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stem_memo_recalls_what_it_was_told() {
        let mut memo = StemMemo::default();
        // many more words than recent slots, some longer than a slot holds
        let words: Vec<String> = (0..3 * RECENT_SLOTS).map(|i| format!("كلمة{i}")).collect();
        let long = "مستشفياتمستشفياتمستشفياتمستشفيات".to_string();
        for (i, w) in words.iter().chain([&long]).enumerate() {
            memo.remember(w.clone(), format!("ج{i}"));
        }
        for _ in 0..2 {
            // (the second pass answers from the recent slots the first one filled)
            for (i, w) in words.iter().chain([&long]).enumerate() {
                let mut text = w.clone();
                assert!(memo.recall(&mut text), "{w}");
                assert_eq!(text, format!("ج{i}"));
            }
        }
        let mut unknown = "غوطه".to_string();
        assert!(!memo.recall(&mut unknown));
        assert_eq!(unknown, "غوطه");
    }

    fn stems(text: &str) -> Vec<String> {
        analyze(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn ghouta_spellings_share_one_stem() {
        let expected = stems("غوطة");
        assert_eq!(expected.len(), 1);
        for written in ["الغوطة", "بالغوطة", "وبالغوطة", "للغوطة", "الغُوطَة", "الغـــوطة", "ﺍﻟﻐﻮﻃﺔ"]
        {
            assert_eq!(stems(written), expected, "{written}");
        }
    }

    #[test]
    fn definite_words_stem_like_bare_ones() {
        for (bare, written) in [
            ("غارات", "الغارات"),
            ("غارات", "والغارات"),
            ("قوات", "القوات"),
            ("وزير", "الوزير"),
            ("مدنيين", "المدنيين"),
            ("يمين", "اليمين"),
            ("أمم", "للأمم"),
            ("جزائر", "بالجزائر"),
        ] {
            assert_eq!(stems(bare), stems(written), "{bare} / {written}");
        }
        // Not over-conflated: civilians are not cities, the right is not the sea.
        assert_ne!(stems("المدنيين"), stems("مدن"));
        assert_ne!(stems("اليمين"), stems("اليم"));
        // A word that would keep one letter has no article: `الف` (thousand) stays whole.
        assert_ne!(stems("الف"), stems("ف"));
        assert_eq!(stems("حزب الله").len(), 2);
    }

    #[test]
    fn the_name_ali_is_not_the_preposition() {
        assert!(stems("على").is_empty());
        assert_eq!(stems("علي").len(), 1);
    }

    #[test]
    fn offsets_cover_the_word_as_written() {
        let text = "نزح السكان من الغُوطَة\u{200F} أمس";
        let terms = analyze(text);
        let ghouta = terms.iter().find(|t| t.text == stems("غوطة")[0]).map(|t| &text[t.bytes.clone()]);
        assert_eq!(ghouta, Some("الغُوطَة\u{200F}"));
    }

    #[test]
    fn stop_words_are_skipped_but_keep_their_position() {
        let terms = analyze("قصف في حلب");
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[1].position - terms[0].position, 2);
        assert!(is_stop_word("الى"));
        assert!(is_stop_word("إلى"));
        assert!(!is_stop_word("حلب"));
    }

    #[test]
    fn digits_fold_to_ascii() {
        assert_eq!(stems("٢٠١٨"), vec!["2018"]);
        assert_eq!(stems("۱۲"), vec!["12"]);
    }

    #[test]
    fn junk_yields_no_terms() {
        assert!(stems("\u{200F}\u{064E} ... ::: ()").is_empty());
        assert!(stems("").is_empty());
    }

    #[test]
    fn keyword_key_folds_spelling_and_case() {
        assert_eq!(keyword_key(" الغُوطة  الشرقية "), keyword_key("الغوطه الشرقيه"));
        assert_eq!(keyword_key("Al Arabiya"), keyword_key("al  arabiya"));
    }
}
