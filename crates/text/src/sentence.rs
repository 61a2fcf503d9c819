//! Sentences and paragraphs over tokens.
//!
//! A sentence ends at `.`, `!`, `?`, `؟`, `…` or a line break, except where a
//! period is part of a number (`13.450`, `3.5`) or follows an abbreviation
//! (`د.` for doctor, single letters, the entries of [`ABBREVIATIONS`]).
//! Closing quotes and brackets after the end mark stay in the sentence.

use rasid_model::Span;
use std::ops::Range;

use crate::token::{Token, TokenKind};

/// Folded words that, followed by a period, do not end a sentence.
pub const ABBREVIATIONS: &[&str] =
    &["د", "م", "ا", "ق", "ص", "ج", "ه", "ش", "ت", "ب", "مج", "ح", "dr", "mr", "st", "no"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Token indices.
    pub tokens: Range<usize>,
    /// Index of the paragraph this sentence belongs to.
    pub paragraph: usize,
}

fn is_end_mark(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "؟" | "…")
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "'" | "»" | "”" | "’" | ")" | "]" | "}" | "›")
}

/// Split token indices into sentences; `key(i)` gives the folded text of token i.
pub fn split<'a>(tokens: &[Token], key: impl Fn(usize) -> &'a str) -> Vec<Sentence> {
    let n = tokens.len();
    let mut bounds: Vec<Range<usize>> = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < n {
        if i > start && tokens[i].newline_before {
            bounds.push(start..i);
            start = i;
        }
        let t = &tokens[i];
        if t.kind == TokenKind::Punct && is_end_mark(key(i)) && !is_inner_period(tokens, &key, i) {
            let mut e = i + 1;
            // runs of end marks: "..." "!?"
            while e < n
                && tokens[e].kind == TokenKind::Punct
                && is_end_mark(key(e))
                && !tokens[e].newline_before
            {
                e += 1;
            }
            // closing quotes and brackets glued to the end mark
            while e < n
                && tokens[e].kind == TokenKind::Punct
                && is_closer(key(e))
                && !tokens[e].newline_before
                && !tokens[e].space_before
            {
                e += 1;
            }
            bounds.push(start..e);
            start = e;
            i = e;
            continue;
        }
        i += 1;
    }
    if start < n {
        bounds.push(start..n);
    }
    let mut out = Vec::with_capacity(bounds.len());
    let mut paragraph = 0usize;
    for (k, r) in bounds.into_iter().filter(|r| !r.is_empty()).enumerate() {
        if k > 0 && tokens[r.start].newline_before {
            paragraph += 1;
        }
        out.push(Sentence {
            span: Span::new(tokens[r.start].span.start, tokens[r.end - 1].span.end),
            tokens: r,
            paragraph,
        });
    }
    out
}

/// A period that does not end a sentence: inside a number (`13.450`), or
/// after an abbreviation (`د.`).
fn is_inner_period<'a>(tokens: &[Token], key: &impl Fn(usize) -> &'a str, i: usize) -> bool {
    if key(i) != "." || i == 0 || tokens[i].space_before {
        return false;
    }
    let n = tokens.len();
    let prev = &tokens[i - 1];
    let next_glued = i + 1 < n && !tokens[i + 1].space_before && !tokens[i + 1].newline_before;
    if prev.kind == TokenKind::Digits && next_glued && tokens[i + 1].kind == TokenKind::Digits {
        return true;
    }
    // "د. أحمد": a short word standing alone before the period
    prev.is_word()
        && ABBREVIATIONS.contains(&key(i - 1))
        && (i < 2 || prev.space_before || tokens[i - 2].kind == TokenKind::Punct)
        && i + 1 < n
        && tokens[i + 1].space_before
        && !tokens[i + 1].newline_before
}

#[cfg(test)]
mod tests {
    use crate::Document;

    fn sents(t: &str) -> Vec<String> {
        let d = Document::new(t);
        d.sentences.iter().map(|s| d.slice(s.span).to_string()).collect()
    }

    #[test]
    fn splits_on_marks_and_lines() {
        assert_eq!(sents("قتل 5. وجرح 7!\nثم"), ["قتل 5.", "وجرح 7!", "ثم"]);
    }

    #[test]
    fn not_fooled_by_decimals_or_abbreviations() {
        assert_eq!(
            sents("قال د. أحمد إن 13.450 مدنيا و3.5 ألف غادروا."),
            ["قال د. أحمد إن 13.450 مدنيا و3.5 ألف غادروا."]
        );
    }

    #[test]
    fn closing_quote_stays() {
        assert_eq!(sents("قال \"انتهى.\" ثم"), ["قال \"انتهى.\"", "ثم"]);
    }

    #[test]
    fn glued_period_still_ends() {
        assert_eq!(sents("في إدلب.وقال المرصد"), ["في إدلب.", "وقال المرصد"]);
    }

    #[test]
    fn paragraphs_count_line_breaks() {
        let d = Document::new("قال. جاء.\nذهب.");
        let p: Vec<usize> = d.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(p, [0, 0, 1]);
    }
}
