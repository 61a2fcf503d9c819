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

/// The kind of token a character of the folded text belongs to; `None` for
/// whitespace. Arabic-block characters (nearly all of an Arabic text) are
/// either Arabic letters or punctuation: that test comes first.
#[inline]
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
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        return Some(if is_arabic_letter(c) { TokenKind::Arabic } else { TokenKind::Punct });
    }
    class_other(c)
}

/// [`class`] outside ASCII and the Arabic block.
fn class_other(c: char) -> Option<TokenKind> {
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

/// Token classes in a byte: 0 for whitespace, else a [`TokenKind`].
const SPACE: u8 = 0;
const ARABIC: u8 = 1;
const LATIN: u8 = 2;
const DIGITS: u8 = 3;
const PUNCT: u8 = 4;

fn class_code(k: Option<TokenKind>) -> u8 {
    match k {
        None => SPACE,
        Some(TokenKind::Arabic) => ARABIC,
        Some(TokenKind::Latin) => LATIN,
        Some(TokenKind::Digits) => DIGITS,
        Some(TokenKind::Punct) => PUNCT,
    }
}

fn kind_of_code(c: u8) -> TokenKind {
    match c {
        ARABIC => TokenKind::Arabic,
        LATIN => TokenKind::Latin,
        DIGITS => TokenKind::Digits,
        _ => TokenKind::Punct,
    }
}

/// The class of every ASCII character and of every character of the Arabic
/// block (U+0600..U+06FF, indexed from 128), computed once from [`class`].
fn class_table() -> &'static [u8; 384] {
    static TABLE: std::sync::OnceLock<[u8; 384]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let code = if i < 128 { i as u32 } else { 0x0600 + (i as u32 - 128) };
            class_code(char::from_u32(code).and_then(class))
        })
    })
}

/// The class of the character at byte `i` of `text` and its length: from the
/// table for ASCII and the Arabic block (lead bytes 0xD8..0xDB).
#[inline(always)]
fn class_at(text: &str, table: &[u8; 384], i: usize) -> (u8, usize) {
    let bytes = text.as_bytes();
    let b0 = bytes[i];
    if b0 < 0x80 {
        (table[usize::from(b0)], 1)
    } else if b0 & 0xFC == 0xD8 && i + 1 < bytes.len() {
        (table[128 + ((usize::from(b0 & 0x03) << 6) | usize::from(bytes[i + 1] & 0x3F))], 2)
    } else {
        match text[i..].chars().next() {
            Some(c) => (class_code(class_other(c)), c.len_utf8()),
            None => (SPACE, 1),
        }
    }
}

/// Split a folded text into tokens.
pub fn tokenize(folded: &Folded) -> Vec<Token> {
    let text = folded.as_str();
    let n = text.len();
    let table = class_table();
    let mut tokens = Vec::with_capacity(n / 6);
    // what lies between the last token and the next one
    let mut pending_space = true;
    let mut pending_newline = true;
    let mut i = 0usize;
    while i < n {
        let (k, len) = class_at(text, table, i);
        if k == SPACE {
            pending_space = true;
            if text.as_bytes()[i] == b'\n' {
                pending_newline = true;
            }
            i += len;
            continue;
        }
        let start = i;
        i += len;
        // a word or a digit run goes on while the class does; punctuation
        // is one character per token
        if k != PUNCT {
            while i < n {
                let (k2, len2) = class_at(text, table, i);
                if k2 != k {
                    break;
                }
                i += len2;
            }
        }
        tokens.push(Token {
            kind: kind_of_code(k),
            span: folded.original_span(start..i),
            fold: start..i,
            space_before: pending_space,
            newline_before: pending_newline,
        });
        pending_space = false;
        pending_newline = false;
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
