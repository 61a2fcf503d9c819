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

pub mod punct;
pub mod vocab;
pub mod words;

// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt};
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

/// What every rule reads: the document, the vocabulary and how often each
/// word occurs standalone in the article.
pub(crate) struct Context<'d, 'a> {
    pub doc: &'d Document<'a>,
    pub vocab: &'d Vocabulary,
    /// Occurrences of each folded Arabic token in the document.
    pub counts: HashMap<&'d str, u32>,
    /// Tokens inside a URL, an e-mail address or a hashtag: their glue is
    /// intended.
    pub protected: Vec<bool>,
    /// The document writes ى where ي belongs (`ىشرف`, `المسلحىن`): then ى
    /// marks no word end.
    pub ya_for_alef_maqsura: bool,
}

impl<'d, 'a> Context<'d, 'a> {
    fn new(doc: &'d Document<'a>, vocab: &'d Vocabulary) -> Self {
        let mut counts: HashMap<&'d str, u32> = HashMap::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            if t.kind == TokenKind::Arabic {
                *counts.entry(doc.key(i)).or_insert(0) += 1;
            }
        }
        let protected = protected_tokens(doc);
        // Word-initial ى (`ىشرف`) and ى before a final ن or ة (`المسلحىن`,
        // `الزراعىة`) are never glue: they mark a writer who uses ى for ي.
        let ya_misuse = doc
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Arabic)
            .filter(|t| {
                let letters: Vec<char> =
                    doc.slice(t.span).chars().filter(|c| rasid_text::token::is_arabic_letter(*c)).collect();
                letters.first() == Some(&'ى')
                    || (letters.len() >= 3
                        && letters[letters.len() - 2] == 'ى'
                        && matches!(letters[letters.len() - 1], 'ن' | 'ة'))
            })
            .count();
        Context { doc, vocab, counts, protected, ya_for_alef_maqsura: ya_misuse > 1 }
    }

    /// Occurrences of a folded word as a token of the article.
    pub fn count(&self, folded: &str) -> u32 {
        self.counts.get(folded).copied().unwrap_or(0)
    }
}

/// Marks the tokens of whitespace-delimited chunks that are URLs, e-mail
/// addresses or hashtags (`twitter.com/ICRC`, `#الغوطة_الشرقية`): words and
/// marks glued there are meant to be glued.
fn protected_tokens(doc: &Document) -> Vec<bool> {
    let n = doc.tokens.len();
    let mut out = vec![false; n];
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && !doc.tokens[end].space_before {
            end += 1;
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
    out
}

/// Repairs of one document, in text order, with non-overlapping spans.
pub fn find_repairs(doc: &Document, vocab: &Vocabulary) -> Vec<Repair> {
    if doc.tokens.len() < 2 {
        return Vec::new();
    }
    let ctx = Context::new(doc, vocab);
    let mut insertions = Vec::new();
    punct::find(&ctx, &mut insertions);
    words::find(&ctx, &mut insertions);
    merge(doc, insertions)
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
    fn urls_and_hashtags_are_left_alone() {
        assert!(repairs("تابعونا على twitter.com/SyriaNews و#الغوطة_الشرقية اليوم").is_empty());
    }
}
