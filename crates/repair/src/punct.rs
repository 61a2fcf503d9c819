//! Glued punctuation: a mark that ends a sentence or clause, or a closing
//! quote or bracket, with no space before the next word (`إدلب.وقال`,
//! `صعب،"مضيفا`).
//!
//! The shape is: a word, then a run of marks glued to it, then a word glued to
//! the run. The space goes after the marks and closing quotes, and before an
//! opening quote (`قال:"نحن` → `قال: "نحن`). Whether an ambiguous quote (`"`)
//! opens or closes is read from the quotes before it in the paragraph; a quote
//! whose role cannot be told leaves the run alone.
//!
//! Not damage: numbers (`12.300`, `3,5`, `10:30`), domains and URLs
//! (`twitter.com`, `العربية.نت`), abbreviations (`د.أحمد`, `أ.ف.ب`, letter
//! names as in `بي.بي.سي`), a proclitic before an opening quote (`و"النصرة`),
//! marks with a space before them (`example . com`), English text.

use rasid_text::{Document, TokenKind, sentence::ABBREVIATIONS};

use crate::vocab::lexicon;
use crate::words::is_proclitic_chain;
use crate::{Context, GLUED_PUNCTUATION, Insertion};

/// What a quote does in its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Opening,
    Closing,
    Unknown,
}

/// How one punctuation token can take part in a glued run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// Ends a sentence or clause: `.` `،` `:` …
    Mark,
    /// Closes a quotation or bracket.
    Closer,
    /// Opens a quotation.
    Opener,
}

fn is_mark(k: &str) -> bool {
    matches!(k, "." | "," | "،" | "؛" | ";" | ":" | "!" | "?" | "؟" | "…")
}

fn is_bracket_closer(k: &str) -> bool {
    matches!(k, ")" | "]" | "}")
}

/// Double quotes whose direction is not in the glyph (after folding).
fn is_plain_quote(k: &str) -> bool {
    matches!(k, "\"" | "“" | "”" | "„" | "‟" | "″")
}

fn is_guillemet(k: &str) -> bool {
    matches!(k, "«" | "»")
}

/// The role of every quote token: the n-th plain quote of a paragraph opens
/// when n is even; guillemets open or close as drawn, unless their count in
/// the paragraph says the page draws them the other way round.
fn quote_roles(doc: &Document) -> Vec<Role> {
    let mut roles = vec![Role::Unknown; doc.tokens.len()];
    let (mut plain, mut guil) = (0usize, 0usize);
    for (i, t) in doc.tokens.iter().enumerate() {
        if t.newline_before {
            plain = 0;
            guil = 0;
        }
        if t.kind != TokenKind::Punct {
            continue;
        }
        let k = doc.key(i);
        if is_plain_quote(k) {
            roles[i] = if plain % 2 == 0 { Role::Opening } else { Role::Closing };
            plain += 1;
        } else if is_guillemet(k) {
            let by_count = if guil % 2 == 0 { Role::Opening } else { Role::Closing };
            let by_glyph = if k == "«" { Role::Opening } else { Role::Closing };
            roles[i] = if by_count == by_glyph { by_glyph } else { Role::Unknown };
            guil += 1;
        }
    }
    roles
}

fn piece(doc: &Document, roles: &[Role], i: usize) -> Option<Piece> {
    let k = doc.key(i);
    if is_mark(k) {
        Some(Piece::Mark)
    } else if is_bracket_closer(k) {
        Some(Piece::Closer)
    } else {
        match roles[i] {
            Role::Opening => Some(Piece::Opener),
            Role::Closing => Some(Piece::Closer),
            Role::Unknown => None,
        }
    }
}

/// Finds glued punctuation and appends its insertions.
pub(crate) fn find(ctx: &Context, out: &mut Vec<Insertion>) {
    let doc = ctx.doc;
    let toks = &doc.tokens;
    let n = toks.len();
    // read the quotes only once a glued run asks about one (few documents have any)
    let mut roles: Option<Vec<Role>> = None;
    let mut i = 0;
    while i + 2 < n {
        let a = &toks[i];
        if !is_word_like(a.kind) || toks[i + 1].kind != TokenKind::Punct || toks[i + 1].space_before {
            i += 1;
            continue;
        }
        // the run of punctuation glued to the word
        let mut k = i + 1;
        while k < n && toks[k].kind == TokenKind::Punct && !toks[k].space_before {
            k += 1;
        }
        if k < n
            && is_word_like(toks[k].kind)
            && !toks[k].space_before
            && let Some(ins) = judge(ctx, roles.get_or_insert_with(|| quote_roles(doc)), i, k)
        {
            out.push(ins);
        }
        i = k;
    }
}

fn is_word_like(k: TokenKind) -> bool {
    matches!(k, TokenKind::Arabic | TokenKind::Latin | TokenKind::Digits)
}

/// Whether the run between word `a` and word `b` is glued punctuation, and
/// where its space goes.
fn judge(ctx: &Context, roles: &[Role], a: usize, b: usize) -> Option<Insertion> {
    let doc = ctx.doc;
    let toks = &doc.tokens;
    if ctx.protected[a] || ctx.protected[b] {
        return None;
    }
    // marks and closers, then openers
    let mut split = None; // index of the first opener
    let mut marks = Vec::new();
    for j in a + 1..b {
        match piece(doc, roles, j)? {
            Piece::Mark | Piece::Closer if split.is_some() => return None,
            Piece::Mark => marks.push(doc.key(j)),
            Piece::Closer => {}
            Piece::Opener => {
                split.get_or_insert(j);
            }
        }
    }
    let split = split.unwrap_or(b);
    if split == a + 1 {
        return None; // only an opening quote: `قال"نحن` has no clause mark to repair
    }
    let (ka, kb) = (toks[a].kind, toks[b].kind);
    let (wa, wb) = (doc.key(a), doc.key(b));
    if ka == TokenKind::Latin && kb == TokenKind::Latin {
        return None;
    }
    if is_proclitic_chain(wa) {
        return None;
    }
    let numeric_marks = marks.iter().all(|m| matches!(*m, "." | "," | "،" | ":"));
    if !marks.is_empty() && numeric_marks && ka == TokenKind::Digits && kb == TokenKind::Digits {
        return None;
    }
    let dotted = marks.iter().any(|m| matches!(*m, "." | ":"));
    if dotted {
        let lex = lexicon();
        if ka == TokenKind::Latin || kb == TokenKind::Latin {
            return None;
        }
        let short = |k: TokenKind, w: &str| k != TokenKind::Digits && w.chars().count() < 2;
        if short(ka, wa) || short(kb, wb) || ABBREVIATIONS.contains(&wa) {
            return None;
        }
        if lex.letters.contains(wa) || lex.letters.contains(wb) || lex.domains.contains(wb) {
            return None;
        }
    }
    let at = toks[split - 1].span.end;
    Some(Insertion { at, tokens: a..b + 1, kind: GLUED_PUNCTUATION })
}

#[cfg(test)]
mod tests {
    use crate::{GLUED_PUNCTUATION, Vocabulary, find_repairs};
    use rasid_text::Document;

    fn fixes(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        find_repairs(&doc, &Vocabulary::without_dictionary())
            .into_iter()
            .filter(|r| r.kind.as_deref() == Some(GLUED_PUNCTUATION))
            .map(|r| {
                assert_eq!(doc.slice(r.span), r.text);
                (r.text, r.fixed)
            })
            .collect()
    }

    fn one(text: &str, glued: &str, fixed: &str) {
        assert_eq!(fixes(text), [(glued.to_string(), fixed.to_string())], "{text}");
    }

    #[test]
    fn sentence_and_clause_marks() {
        one("سقطت قذائف على حماة.وقال الدفاع المدني إن", "حماة.وقال", "حماة. وقال");
        one("نزح الآلاف،ومعظمهم نساء", "الآلاف،ومعظمهم", "الآلاف، ومعظمهم");
        one("هل انتهت الحرب؟لا أحد يعرف", "الحرب؟لا", "الحرب؟ لا");
        one("المصدر:الهلال الأحمر", "المصدر:الهلال", "المصدر: الهلال");
        one("في عام 2017.وقال الناطق", "2017.وقال", "2017. وقال");
    }

    #[test]
    fn closing_quote_takes_the_space_after_it() {
        one("وقال المتحدث: \"الوضع صعب جدا،\"مضيفا أن الطرق مغلقة", "جدا،\"مضيفا", "جدا،\" مضيفا");
        one("ووصف الهجوم بأنه \"مجزرة\"وطالب بتحقيق", "مجزرة\"وطالب", "مجزرة\" وطالب");
        one("أعلنت «الجبهة»وقف القتال", "الجبهة»وقف", "الجبهة» وقف");
        one("قال المصدر (وهو مسؤول محلي)إن القصف توقف", "محلي)إن", "محلي) إن");
    }

    #[test]
    fn opening_quote_takes_the_space_before_it() {
        one("وقال المتحدث:\"الوضع صعب\" ثم غادر", "المتحدث:\"الوضع", "المتحدث: \"الوضع");
    }

    #[test]
    fn not_glued_punctuation() {
        for t in [
            "غادر 12.300 شخص و3.5 ألف آخرون",
            "في الساعة 10:30 صباحا",
            "نقل موقع twitter.com الخبر",
            "بحسب موقع العربية.نت الإخباري",
            "قال د.أحمد إن المصابين كثر",
            "نقلت وكالة أ.ف.ب الخبر",
            "قالت شبكة بي.بي.سي إن",
            "سقط 12\" جريحا في القصف",
            "نقل example . com الخبر",
            "وقال \"نحن هنا\" و\"النصرة\" هناك",
            "قال المصدر \"نحن هنا",
            "He said.Then left",
            "قال، \"نحن هنا\" ثم",
            "انظر http://example.com/news.html الآن",
        ] {
            assert!(fixes(t).is_empty(), "{t}: {:?}", fixes(t));
        }
    }
}
