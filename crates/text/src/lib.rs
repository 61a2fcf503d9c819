//! # rasid-text: reading Arabic text as it really is
//!
//! The first stage of the pipeline. A [`Document`] holds the article text as
//! given and everything the later stages read from it:
//!
//! - the **folded** text ([`fold`]), a match key with a byte-by-byte map back
//!   to the original characters, so every item found anywhere downstream can
//!   be reported in original character offsets;
//! - **tokens** ([`token`]): Arabic words, other words, digit runs and
//!   punctuation, each with its original span and whether it was glued to its
//!   neighbour;
//! - **sentences** and paragraphs ([`sentence`]);
//! - **clitic** readings of a word ([`clitic`]).
//!
//! Nothing here knows about numbers, dates or lexicons; those stages work on
//! the [`Document`].

pub mod bytes;
pub mod clitic;
pub mod fold;
#[cfg(test)]
mod reference;
pub mod sentence;
pub mod token;

pub use fold::{Folded, key};
pub use rasid_model::Span;
pub use sentence::Sentence;
pub use token::{Token, TokenKind};

/// An article text, folded, tokenized and split into sentences.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    text: &'a str,
    /// Byte offset of every character of `text`, plus the length at the end.
    char_bytes: Vec<u32>,
    pub folded: Folded,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Document<'a> {
        // one pass over the text: folding and the character offsets
        let mut char_bytes: Vec<u32> = Vec::with_capacity(text.len() + 1);
        let folded = Folded::with_char_bytes(text, &mut char_bytes);
        let tokens = token::tokenize(&folded);
        let sentences = sentence::split(&tokens, |i| &folded.as_str()[tokens[i].fold.clone()]);
        Document { text, char_bytes, folded, tokens, sentences }
    }

    /// The original text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of characters in the original text.
    pub fn char_len(&self) -> usize {
        self.char_bytes.len() - 1
    }

    /// The original text of a character span (clamped to the text).
    pub fn slice(&self, span: Span) -> &'a str {
        let n = self.char_len();
        let s = span.start.min(n);
        let e = span.end.clamp(s, n);
        &self.text[self.char_bytes[s] as usize..self.char_bytes[e] as usize]
    }

    /// Byte offset in the original text of a character offset (clamped).
    pub fn byte_of_char(&self, c: usize) -> usize {
        self.char_bytes[c.min(self.char_len())] as usize
    }

    /// The folded form of token `i`.
    pub fn key(&self, i: usize) -> &str {
        &self.folded.as_str()[self.tokens[i].fold.clone()]
    }

    /// The original span of tokens `range` (non-empty).
    pub fn span_of(&self, range: std::ops::Range<usize>) -> Span {
        debug_assert!(range.start < range.end);
        Span::new(self.tokens[range.start].span.start, self.tokens[range.end - 1].span.end)
    }

    /// The original span of a folded byte range.
    pub fn span_of_folded(&self, range: std::ops::Range<usize>) -> Span {
        self.folded.original_span(range)
    }

    /// Index of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| s.tokens.end <= i).min(self.sentences.len().saturating_sub(1))
    }

    /// Index of the first token starting at or after folded byte `at`.
    pub fn token_at_folded(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.fold.start < at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hostile_char() -> impl Strategy<Value = char> {
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                'ا', 'أ', 'ل', 'غ', 'و', 'ط', 'ة', 'ى', 'ي', 'ب', 'ف', 'ك', '\u{064B}', '\u{0651}',
                '\u{0640}', '\u{200F}', '\u{202E}', '\u{200D}', '\u{FEFF}', '٣', '٬', '٫', '.', ',', ' ',
                '\n', '\r', '\t', '\u{00A0}', 'ﷲ', 'ﻻ', 'ﺍ', '"', '؟', 'د', '5', 'A', 'z', '\u{0670}',
                '\u{06F5}', '\u{0600}', '\u{061C}', '\u{06DD}', '\u{2028}', '\u{0085}', '\u{FF21}', '¼', 'é',
                '\u{0301}', '\u{0007}',
            ]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The fast fold, tokenizer and character offsets give exactly what
        /// the straightforward versions give.
        #[test]
        fn fast_paths_match_the_reference(chars in prop::collection::vec(hostile_char(), 0..160)) {
            let text: String = chars.into_iter().collect();
            let d = Document::new(&text);
            let (rtext, rstart, rend, rchars) = reference::fold(&text);
            prop_assert_eq!(d.folded.as_str(), rtext.as_str());
            let (start, end) = d.folded.maps();
            prop_assert_eq!(&start, &rstart);
            prop_assert_eq!(&end, &rend);
            prop_assert_eq!(d.folded.original_chars(), rchars);
            prop_assert_eq!(fold::fold_str(&text), rtext.clone());
            let plain = Folded::new(&text);
            prop_assert_eq!(plain.as_str(), rtext.as_str());
            prop_assert_eq!(plain.maps(), (rstart.clone(), rend.clone()));
            let mut char_bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
            char_bytes.push(text.len() as u32);
            prop_assert_eq!(&d.char_bytes, &char_bytes);
            prop_assert_eq!(&d.tokens, &reference::tokenize(&d.folded));
            for i in 0..d.tokens.len() {
                let w = d.key(i);
                let fast: Vec<(&str, &str, bool)> =
                    clitic::peel_list(w).iter().map(|p| (p.prefix, p.rest, p.elided_article)).collect();
                prop_assert_eq!(fast, reference::peels(w));
            }
        }
    }

    #[test]
    fn slices_by_char_offsets() {
        let d = Document::new("قتل 5 مدنيين في دوما");
        let i = (0..d.tokens.len()).find(|&i| d.key(i) == "دوما").unwrap();
        assert_eq!(d.slice(d.tokens[i].span), "دوما");
        assert_eq!(d.tokens[i].span, Span::new(16, 20));
    }

    #[test]
    fn sentence_of_token() {
        let d = Document::new("قال هو. جاء هنا.");
        assert_eq!(d.sentence_of(0), 0);
        assert_eq!(d.sentence_of(3), 1);
    }
}
