//! Tokens of the folded text, each with its original character span.

use rasid_model::Span;
use std::ops::Range;

use crate::fold::Folded;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A run of Arabic letters (clitics still attached).
    Arabic,
    /// A run of other letters (Latin, …).
    Latin,
    /// A run of ASCII digits (Eastern digits are folded to ASCII).
    Digits,
    /// One punctuation or symbol character.
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// Original character offsets.
    pub span: Span,
    /// Byte range of the token in the folded text.
    pub fold: Range<usize>,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// A line break separates this token from the previous one.
    pub newline_before: bool,
}

impl Token {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Arabic | TokenKind::Latin)
    }
    /// Glued to the previous token: nothing between them in the folded text.
    pub fn glued(&self) -> bool {
        !self.space_before
    }
}

pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}')
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
    if is_arabic_letter(c) {
        Some(TokenKind::Arabic)
    } else if crate::fold::is_letter(c) {
        Some(TokenKind::Latin)
    } else if c.is_whitespace() {
        None
    } else {
        Some(TokenKind::Punct)
    }
}

/// Split a folded text into tokens.
pub fn tokenize(folded: &Folded) -> Vec<Token> {
    let text = folded.as_str();
    let mut tokens = Vec::with_capacity(text.len() / 5);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(TokenKind, String, bool)> {
        let f = Folded::new(t);
        tokenize(&f)
            .into_iter()
            .map(|tk| (tk.kind, f.as_str()[tk.fold.clone()].to_string(), tk.space_before))
            .collect()
    }

    #[test]
    fn splits_scripts_digits_punct() {
        let k = kinds("قتل 13ألف شخص، في إدلب.وقال");
        let words: Vec<&str> = k.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(words, ["قتل", "13", "الف", "شخص", "،", "في", "ادلب", ".", "وقال"]);
        assert!(!k[2].2, "الف is glued to 13");
        assert!(!k[8].2, "وقال is glued to the period");
    }

    #[test]
    fn diacritics_do_not_split_words() {
        let k = kinds("الغُوطَة الشرقيّة");
        assert_eq!(k.len(), 2);
    }

    #[test]
    fn newline_flag() {
        let f = Folded::new("أ\nب ج");
        let t = tokenize(&f);
        assert!(t[1].newline_before);
        assert!(!t[2].newline_before);
    }
}
