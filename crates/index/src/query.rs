//! The user's query text, parsed leniently.
//!
//! Users type news words, names and sometimes pasted text, not query syntax, so nothing here can
//! fail: whatever the text, it becomes a (possibly empty) set of clauses. The little syntax there
//! is:
//!
//! - words are required (AND across words: a query narrows as it grows, like a news search box);
//! - `"…"` (also `«…»`, `“…”`) is a phrase; an unbalanced quote is ignored and its words are plain
//!   words;
//! - `-word` or `NOT word` excludes; `a OR b` makes a group where either may match; a bare `AND`
//!   is the default and ignored. Only the upper-case Latin operator words count, so Arabic and
//!   lower-case English text is never mistaken for syntax;
//! - everything else (colons, parentheses, brackets, `field:value`, bidi controls) is just text:
//!   the analyzer drops what is not a letter or digit;
//! - a word the analyzer splits in several terms (`٢٠١٨/٣/١٥`, `COVID-19`) is a phrase of them;
//! - a word that is only a stop word (`في`) or punctuation adds nothing.

use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Explanation, Occur, PhraseQuery, Query, Scorer, TermQuery,
    Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocId, DocSet, Score, SegmentReader};

use crate::analysis::analyze_with;

/// A title match weighs this much more than a match in the body: a headline names what the
/// report is about, the body mentions everything in passing.
const TITLE_BOOST: f32 = 2.0;

/// One thing to look for: a single term, or a phrase of terms at relative positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// `(position offset, term)`, offsets relative to the first term; one entry for a term.
    pub terms: Vec<(usize, String)>,
}

/// The parsed query: AND over `groups`, OR inside a group, none of `excluded`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub groups: Vec<Vec<Clause>>,
    pub excluded: Vec<Clause>,
    /// The text had nothing but whitespace (and invisible controls): browse, don't search.
    pub blank: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Lexeme {
    Word { text: String, negated: bool },
    Phrase { text: String, negated: bool },
    Or,
    Not,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '»' | '“' | '”' | '„' | '″' | '＂')
}

fn lex(text: &str) -> Vec<Lexeme> {
    let chars: Vec<char> = text.chars().filter(|&c| !rasid_text::fold::is_format_control(c)).collect();
    let mut lexemes = Vec::new();
    let mut quotes_balanced = true;
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let mut negated = false;
        let mut j = i;
        while j < chars.len() && matches!(chars[j], '-' | '+') {
            negated |= chars[j] == '-';
            j += 1;
        }
        if quotes_balanced && j < chars.len() && is_quote(chars[j]) {
            let start = j + 1;
            match chars[start..].iter().position(|&c| is_quote(c)) {
                Some(len) => {
                    let text = chars[start..start + len].iter().collect();
                    lexemes.push(Lexeme::Phrase { text, negated });
                    i = start + len + 1;
                }
                None => {
                    // No closing quote: read the rest as plain words.
                    quotes_balanced = false;
                    i = start;
                }
            }
            continue;
        }
        let mut end = j;
        while end < chars.len() && !chars[end].is_whitespace() && !(quotes_balanced && is_quote(chars[end])) {
            end += 1;
        }
        let text: String = chars[j..end].iter().collect();
        let prefixed = j > i;
        // end >= j >= i; end == i only for an empty word, which must still move on.
        i = if end > i { end } else { i + 1 };
        if text.is_empty() {
            continue;
        }
        match text.as_str() {
            "AND" | "&&" if !prefixed => {}
            "OR" | "||" if !prefixed => lexemes.push(Lexeme::Or),
            "NOT" if !prefixed => lexemes.push(Lexeme::Not),
            _ => lexemes.push(Lexeme::Word { text, negated }),
        }
    }
    lexemes
}

/// Parse `text` into clauses, analysing words with `analyzer` (the index's Arabic analyzer).
pub fn parse(text: &str, analyzer: &mut TextAnalyzer) -> ParsedQuery {
    let mut parsed = ParsedQuery::default();
    let lexemes = lex(text);
    if lexemes.is_empty() && text.chars().all(|c| c.is_whitespace() || rasid_text::fold::is_format_control(c))
    {
        parsed.blank = true;
        return parsed;
    }
    let mut pending_or = false;
    let mut pending_not = false;
    for lexeme in lexemes {
        let (text, negated) = match lexeme {
            Lexeme::Or => {
                pending_or = true;
                continue;
            }
            Lexeme::Not => {
                pending_not = true;
                continue;
            }
            Lexeme::Word { text, negated } | Lexeme::Phrase { text, negated } => (text, negated),
        };
        let negated = negated || std::mem::take(&mut pending_not);
        let or = std::mem::take(&mut pending_or);
        let terms = analyze_with(analyzer, &text);
        let Some(first) = terms.first().map(|t| t.position) else {
            continue;
        };
        let clause =
            Clause { terms: terms.into_iter().map(|t| (t.position.saturating_sub(first), t.text)).collect() };
        if negated {
            parsed.excluded.push(clause);
        } else if let (true, Some(group)) = (or, parsed.groups.last_mut()) {
            group.push(clause);
        } else {
            parsed.groups.push(vec![clause]);
        }
    }
    parsed
}

/// The text fields a clause is looked for in.
#[derive(Debug, Clone, Copy)]
pub struct TextFields {
    pub title: Field,
    pub text: Field,
}

fn clause_in_field(clause: &Clause, field: Field) -> Box<dyn Query> {
    match clause.terms.as_slice() {
        [(_, term)] => Box::new(TermQuery::new(
            tantivy::Term::from_field_text(field, term),
            IndexRecordOption::WithFreqs,
        )),
        terms => Box::new(PhraseQuery::new_with_offset(
            terms
                .iter()
                .map(|(offset, term)| (*offset, tantivy::Term::from_field_text(field, term)))
                .collect(),
        )),
    }
}

/// A clause matched in the title (boosted) or the body.
pub fn clause_query(clause: &Clause, fields: TextFields) -> Box<dyn Query> {
    Box::new(BooleanQuery::union(vec![
        Box::new(BoostQuery::new(clause_in_field(clause, fields.title), TITLE_BOOST)),
        clause_in_field(clause, fields.text),
    ]))
}

/// A group: any of its clauses.
pub fn group_query(group: &[Clause], fields: TextFields) -> Box<dyn Query> {
    match group {
        [clause] => clause_query(clause, fields),
        clauses => Box::new(BooleanQuery::union(clauses.iter().map(|c| clause_query(c, fields)).collect())),
    }
}

/// The positive part of a parsed query: every group (`strict`) or any group (relaxed); `None` when
/// there is no positive clause.
pub fn positive_query(parsed: &ParsedQuery, fields: TextFields, strict: bool) -> Option<Box<dyn Query>> {
    match parsed.groups.as_slice() {
        [] => None,
        [group] => Some(group_query(group, fields)),
        groups => {
            let occur = if strict { Occur::Must } else { Occur::Should };
            Some(Box::new(BooleanQuery::new(
                groups.iter().map(|g| (occur, group_query(g, fields))).collect(),
            )))
        }
    }
}

/// An excluded clause. tantivy 0.27's phrase scorer asserts (in debug builds) when the exclusion
/// machinery probes it for a document while it is already exhausted (`seek_danger` with a target
/// below `TERMINATED`), so an excluded phrase like `-"a b"` that matches nothing panicked. This
/// wrapper hides the scorer's own `seek_danger` behind the trait's default, which only seeks
/// forward; the documents matched are the same.
pub fn excluded_query(clause: &Clause, fields: TextFields) -> Box<dyn Query> {
    Box::new(ForwardOnly(clause_query(clause, fields)))
}

#[derive(Debug)]
struct ForwardOnly(Box<dyn Query>);

impl Clone for ForwardOnly {
    fn clone(&self) -> Self {
        ForwardOnly(self.0.box_clone())
    }
}

impl Query for ForwardOnly {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ForwardOnlyWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct ForwardOnlyWeight(Box<dyn Weight>);

impl Weight for ForwardOnlyWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ForwardOnlyScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct ForwardOnlyScorer(Box<dyn Scorer>);

impl DocSet for ForwardOnlyScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.0.doc() >= target {
            return self.0.doc();
        }
        self.0.seek(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for ForwardOnlyScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::arabic_analyzer;

    fn parse_text(text: &str) -> ParsedQuery {
        parse(text, &mut arabic_analyzer())
    }

    fn stem(word: &str) -> String {
        crate::analysis::analyze(word).remove(0).text
    }

    #[test]
    fn words_are_and_groups() {
        let parsed = parse_text("غارات حلب");
        assert_eq!(parsed.groups.len(), 2);
        assert!(parsed.excluded.is_empty());
        assert!(!parsed.blank);
    }

    #[test]
    fn phrases_or_and_not() {
        let parsed = parse_text("«مجلس الأمن» سوريا OR العراق -إيران NOT تركيا");
        assert_eq!(parsed.groups.len(), 2);
        assert_eq!(parsed.groups[0][0].terms.len(), 2);
        assert_eq!(parsed.groups[1].len(), 2);
        assert_eq!(parsed.excluded.len(), 2);
        assert_eq!(parsed.excluded[0].terms[0].1, stem("إيران"));
    }

    #[test]
    fn unbalanced_quote_is_plain_words() {
        let parsed = parse_text("\"مجلس الأمن");
        assert_eq!(parsed.groups.len(), 2);
    }

    #[test]
    fn syntax_characters_are_text() {
        let parsed = parse_text("title:(حلب) AND [دمشق] {} ^2 ~ * ?");
        let terms: Vec<_> =
            parsed.groups.iter().flat_map(|g| g[0].terms.iter().map(|t| t.1.clone())).collect();
        assert_eq!(terms, vec!["title".to_string(), stem("حلب"), stem("دمشق"), "2".to_string()]);
    }

    #[test]
    fn blank_versus_nothing_to_search() {
        assert!(parse_text(" \u{200F}\t").blank);
        let only_stop_words = parse_text("في من");
        assert!(!only_stop_words.blank);
        assert!(only_stop_words.groups.is_empty());
    }

    #[test]
    fn split_word_is_a_phrase_with_offsets() {
        let parsed = parse_text("٢٠١٨/٣/١٥");
        assert_eq!(parsed.groups.len(), 1);
        let offsets: Vec<usize> = parsed.groups[0][0].terms.iter().map(|t| t.0).collect();
        assert_eq!(offsets, vec![0, 1, 2]);
    }
}
