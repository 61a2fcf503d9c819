//! The straightforward versions of the fast paths of this crate, kept for
//! tests only: property tests check that the fast code gives exactly what
//! these give (folded text, offset map, tokens, clitic readings).

use crate::fold::{Action, Folded, action, action_simple, is_letter};
use crate::token::{Token, TokenKind};
use unicode_normalization::UnicodeNormalization;

/// Folded text, start and end maps, original character count: the fold as
/// first written (every character through the general action function).
pub fn fold(original: &str) -> (String, Vec<u32>, Vec<u32>, usize) {
    let mut text = String::new();
    let mut start: Vec<u32> = Vec::new();
    let mut end: Vec<u32> = Vec::new();
    let mut chars = 0usize;
    let mut prev_was_letter = false;
    let mut last_char_bytes = 0usize;
    let push = |text: &mut String, start: &mut Vec<u32>, end: &mut Vec<u32>, c: char, s: u32| {
        text.push(c);
        for _ in 0..c.len_utf8() {
            start.push(s);
            end.push(s + 1);
        }
        c.len_utf8()
    };
    for (ci, c) in original.chars().enumerate() {
        let ci = ci as u32;
        match action(c) {
            Action::Emit(f) => {
                last_char_bytes = push(&mut text, &mut start, &mut end, f, ci);
                prev_was_letter = is_letter(f);
            }
            Action::Attach => {
                if prev_was_letter && last_char_bytes > 0 {
                    let n = end.len();
                    for e in &mut end[n - last_char_bytes..] {
                        *e = ci + 1;
                    }
                }
            }
            Action::Vanish => {}
            Action::Compat => {
                let mut emitted_any = false;
                for d in std::iter::once(c).nfkc() {
                    if let Action::Emit(f) = action_simple(d) {
                        last_char_bytes = push(&mut text, &mut start, &mut end, f, ci);
                        prev_was_letter = is_letter(f);
                        emitted_any = true;
                    }
                }
                if !emitted_any && prev_was_letter && last_char_bytes > 0 {
                    let n = end.len();
                    for e in &mut end[n - last_char_bytes..] {
                        *e = ci + 1;
                    }
                }
            }
        }
        chars = ci as usize + 1;
    }
    (text, start, end, chars)
}

fn class(c: char) -> Option<TokenKind> {
    if c.is_ascii() {
        return if c.is_ascii_digit() {
            Some(TokenKind::Digits)
        } else if c.is_ascii_alphabetic() {
            Some(TokenKind::Latin)
        } else if c.is_ascii_whitespace() {
            None
        } else {
            Some(TokenKind::Punct)
        };
    }
    if crate::token::is_arabic_letter(c) {
        Some(TokenKind::Arabic)
    } else if crate::fold::is_letter(c) {
        Some(TokenKind::Latin)
    } else if c.is_whitespace() {
        None
    } else {
        Some(TokenKind::Punct)
    }
}

/// The tokenizer as first written.
pub fn tokenize(folded: &Folded) -> Vec<Token> {
    let text = folded.as_str();
    let mut tokens = Vec::new();
    let mut cur: Option<(TokenKind, usize)> = None;
    let mut space_before = true;
    let mut newline_before = true;
    let mut pending_space = true;
    let mut pending_newline = true;
    let close = |tokens: &mut Vec<Token>, kind: TokenKind, start: usize, end: usize, sb: bool, nb: bool| {
        tokens.push(Token {
            kind,
            span: folded.original_span(start..end),
            fold: start..end,
            space_before: sb,
            newline_before: nb,
        });
    };
    for (i, c) in text.char_indices() {
        let k = class(c);
        match (cur, k) {
            (Some((ck, _)), Some(nk)) if ck == nk && nk != TokenKind::Punct => {}
            _ => {
                if let Some((ck, s)) = cur.take() {
                    close(&mut tokens, ck, s, i, space_before, newline_before);
                    pending_space = false;
                    pending_newline = false;
                }
                match k {
                    Some(nk) => {
                        cur = Some((nk, i));
                        space_before = pending_space;
                        newline_before = pending_newline;
                    }
                    None => {
                        pending_space = true;
                        if c == '\n' {
                            pending_newline = true;
                        }
                    }
                }
            }
        }
    }
    if let Some((ck, s)) = cur {
        close(&mut tokens, ck, s, text.len(), space_before, newline_before);
    }
    tokens
}

/// Clitic readings as first written: (prefix, rest, elided article).
pub fn peels(word: &str) -> Vec<(&str, &str, bool)> {
    let mut out = vec![("", word, false)];
    for conj in ["", "و", "ف"] {
        let Some(after_conj) = word.strip_prefix(conj) else { continue };
        for prep in ["", "ب", "ك", "ل"] {
            let Some(after_prep) = after_conj.strip_prefix(prep) else { continue };
            let plen = conj.len() + prep.len();
            if plen == 0 {
                continue;
            }
            if after_prep.chars().count() >= 2 {
                out.push((&word[..plen], after_prep, false));
            }
        }
        if let Some(after_ll) = after_conj.strip_prefix("لل")
            && after_ll.chars().count() >= 2
        {
            out.push((&word[..conj.len() + "لل".len()], after_ll, true));
        }
    }
    out.sort_by_key(|p| p.0.len());
    out.dedup();
    out
}
