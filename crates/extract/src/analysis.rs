//! Everything the figure stage reads about one document, computed once:
//! tokens, numbers, dates and the matches of every rule table, indexed by
//! token so that "what is right after this number" is a lookup.

use rasid_dates::DatePhrase;
use rasid_lexicon::{Joined, LexMatch, Lexicon};
use rasid_numbers::NumberPhrase;
use rasid_text::{Document, TokenKind};

use crate::tables::Tables;

/// Matches of one lexicon, with an index from a token to the match that starts there.
#[derive(Debug, Default)]
pub struct Matches {
    pub all: Vec<LexMatch>,
    /// `starts[t]` = 1 + index into `all` of the match starting at token t, or 0.
    starts: Vec<u32>,
}

impl Matches {
    pub fn new<T>(lex: &Lexicon<T>, doc: &Document, joined: &Joined) -> Matches {
        Matches::index(lex.find_all(doc, joined), doc)
    }

    /// The matches of `lex`, member `member` of the group whose `flags` were
    /// computed for the document: only the flagged tokens are tried.
    fn flagged<T>(lex: &Lexicon<T>, doc: &Document, joined: &Joined, flags: &[u8], member: usize) -> Matches {
        Matches::index(lex.find_all_flagged(doc, joined, flags, member), doc)
    }

    fn index(all: Vec<LexMatch>, doc: &Document) -> Matches {
        let mut starts = vec![0u32; doc.tokens.len()];
        for (i, m) in all.iter().enumerate() {
            starts[m.tokens.start] = i as u32 + 1;
        }
        Matches { all, starts }
    }

    /// The match starting at token `t`.
    pub fn at(&self, t: usize) -> Option<&LexMatch> {
        match self.starts.get(t) {
            Some(&i) if i > 0 => Some(&self.all[i as usize - 1]),
            _ => None,
        }
    }

    /// The match covering token `t`.
    pub fn covering(&self, t: usize) -> Option<&LexMatch> {
        let i = self.all.partition_point(|m| m.tokens.end <= t);
        self.all.get(i).filter(|m| m.tokens.start <= t)
    }

    /// Matches whose first token lies in `range`.
    pub fn within(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &LexMatch> {
        let s = self.all.partition_point(|m| m.tokens.start < range.start);
        self.all[s..].iter().take_while(move |m| m.tokens.start < range.end)
    }
}

pub struct Analysis<'a> {
    pub doc: Document<'a>,
    pub joined: Joined,
    pub numbers: Vec<NumberPhrase>,
    pub dates: Vec<DatePhrase>,
    pub nouns: Matches,
    pub cues: Matches,
    pub speech: Matches,
    pub nonfigure: Matches,
    pub span_words: Matches,
    pub period_words: Matches,
}

impl<'a> Analysis<'a> {
    pub fn new(text: &'a str, published: Option<jiff::civil::Date>, tables: &Tables) -> Analysis<'a> {
        let doc = Document::new(text);
        let joined = Joined::new(&doc);
        let numbers = rasid_numbers::find_numbers(&doc);
        let dates = rasid_dates::find_dates(&doc, published);
        // one probe per word for the six tables (members in `Tables::group` order)
        let flags = tables.group.flags(&joined);
        let nouns = Matches::flagged(&tables.nouns, &doc, &joined, &flags, 0);
        let cues = Matches::flagged(&tables.cues, &doc, &joined, &flags, 1);
        let speech = Matches::flagged(&tables.speech, &doc, &joined, &flags, 2);
        let nonfigure = Matches::flagged(&tables.nonfigure, &doc, &joined, &flags, 3);
        let span_words = Matches::flagged(&tables.span_words, &doc, &joined, &flags, 4);
        let period_words = Matches::flagged(&tables.period_words, &doc, &joined, &flags, 5);
        Analysis { doc, joined, numbers, dates, nouns, cues, speech, nonfigure, span_words, period_words }
    }

    /// The token range of the sentence holding token `t`.
    pub fn sentence_range(&self, t: usize) -> std::ops::Range<usize> {
        let s = self.doc.sentence_of(t);
        self.doc.sentences.get(s).map(|s| s.tokens.clone()).unwrap_or(t..t + 1)
    }

    pub fn is_punct(&self, t: usize, chars: &[&str]) -> bool {
        self.doc.tokens.get(t).is_some_and(|tk| tk.kind == TokenKind::Punct)
            && chars.contains(&self.doc.key(t))
    }

    /// Token `t` is a quotation mark.
    pub fn is_quote(&self, t: usize) -> bool {
        self.is_punct(t, &["\"", "«", "»", "“", "”", "'"])
    }

    /// Token `t` is a clause boundary (punctuation other than quotes).
    pub fn is_clause_break(&self, t: usize) -> bool {
        self.doc.tokens.get(t).is_some_and(|tk| tk.kind == TokenKind::Punct) && !self.is_quote(t)
    }

    pub fn key(&self, t: usize) -> &str {
        self.doc.key(t)
    }
}
