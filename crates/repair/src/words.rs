//! Glued words: two words run together with no space between them.
//!
//! Three shapes:
//!
//! - **Two Arabic words in one token** (`مجلسالأمن`). A token is a candidate
//!   only when it occurs once in the article, is long enough to hold two
//!   words, and is no known word: not in the lexicon, not in the dictionary's
//!   lists once its proclitics are peeled, not accepted by the dictionary as
//!   written or respelled with hamza and ة (`الاسلامي`), and no peeled form of
//!   it is used in the article. A split is then accepted only with evidence
//!   of a word boundary (see `judge_split`): the first half ends in ة or ى,
//!   the second begins with the article, the article uses both halves
//!   standalone, or a site's name ending (`نت`) runs into the next word.
//!   "Both halves are dictionary words" alone is not enough: most Arabic
//!   three-letter strings are some root's form, and foreign names split into
//!   such pieces (`جير|يمي`).
//! - **A number glued to a word** (`12ألف`, `قتل5`), except proclitics
//!   (`ال48`, `و5`), unit abbreviations (`1439هـ`, `10كم`), Latin letter
//!   names (`إف16`) and names written with their number (`فرانس24`).
//! - **A Latin word glued to an Arabic word** (`شبكةNPR`), except proclitics
//!   (`لـCNN`).

use rasid_text::TokenKind;

use crate::peel::{BA, FA, KAF, LAM, WAW, any_peel, has_chars, strip_article, strip_letter, with_article};
use crate::vocab::{Vocabulary, flag, lexicon};
use crate::{Context, GLUED_WORDS, Insertion};

/// Fewest letters of a token that may hold two glued words.
const MIN_GLUED_LETTERS: usize = 5;
/// Most letters of a token considered: longer runs are not two words, and
/// dictionary checks of long strings are slow.
const MAX_GLUED_LETTERS: usize = 24;
/// Dictionary look-ups (not already cached) allowed per document: bounds the
/// work on huge or hostile inputs. Past it, no more tokens are split.
const LOOKUP_BUDGET: usize = 20_000;

/// One half of a split and the evidence that it is a word, gathered
/// lazily: the article's own use first (cheap), the word lists when a rule
/// asks, the dictionary's verdict last and only for a split that every
/// other rule accepts (Hunspell checks are what the repairer spends most on).
struct Half<'a> {
    folded: &'a str,
    /// The half as written, for the dictionary.
    surface: &'a str,
    /// The article uses it as a standalone token (possibly with proclitics).
    article: bool,
    /// It is a stem of the dictionary or lexicon, or one inflection away
    /// ([`Vocabulary::stem_known`]); computed on first use.
    stem: Option<bool>,
}

impl<'a> Half<'a> {
    fn new(ctx: &Context, folded: &'a str, surface: &'a str) -> Half<'a> {
        Half { folded, surface, article: used_standalone(ctx, folded), stem: None }
    }

    fn stem(&mut self, vocab: &Vocabulary) -> bool {
        *self.stem.get_or_insert_with(|| vocab.stem_known(self.folded))
    }

    /// Used in the article or a stem: evidence enough for a second half.
    fn strong(&mut self, vocab: &Vocabulary) -> bool {
        self.article || self.stem(vocab)
    }

    /// Strong, or accepted by the dictionary (possibly only through its
    /// affix rules), while the budget lasts.
    fn known(&mut self, vocab: &Vocabulary, budget: &mut Budget) -> bool {
        if self.strong(vocab) {
            return true;
        }
        if budget.left == 0 {
            return false;
        }
        if !vocab.is_cached(self.surface) {
            budget.left -= 1;
        }
        vocab.dictionary_knows(self.surface)
    }
}

/// Counts dictionary look-ups against the per-document budget.
struct Budget {
    left: usize,
}

/// How [`best_split`] treats what only the dictionary can tell.
enum Mode<'b> {
    /// Assume the dictionary accepts every half: finds whether any split
    /// could be accepted, without a single dictionary look-up.
    Screen,
    /// Ask the dictionary, counting look-ups against the budget.
    Decide(&'b mut Budget),
}

/// Finds glued words and appends their insertions.
pub(crate) fn find(ctx: &Context, out: &mut Vec<Insertion>) {
    script_glue(ctx, out);
    let mut budget = Budget { left: LOOKUP_BUDGET };
    for i in 0..ctx.doc.tokens.len() {
        if budget.left == 0 {
            break;
        }
        if let Some(ins) = split_token(ctx, i, &mut budget) {
            out.push(ins);
        }
    }
}

/// A folded word made only of proclitics (`و`, `بال`, `لل`): glued to what it
/// governs by the rules of the script, never damage.
pub(crate) fn is_proclitic_chain(w: &str) -> bool {
    if w.is_empty() {
        return false;
    }
    let rest = w.strip_prefix(['و', 'ف']).unwrap_or(w);
    if rest == "لل" || rest.is_empty() {
        return true;
    }
    let rest = rest.strip_prefix(['ب', 'ك', 'ل']).unwrap_or(rest);
    let rest = rest.strip_prefix("ال").unwrap_or(rest);
    rest.is_empty()
}

fn letters(s: &str) -> usize {
    s.chars().count()
}

/// Whether the Arabic token `i` is a known word for the purpose of standing
/// next to a number or a Latin word: lexicon, dictionary, or used elsewhere
/// in the article.
fn token_is_known(ctx: &Context, i: usize) -> bool {
    let w = ctx.doc.key(i);
    let lex = lexicon();
    if letters(w) == 2 {
        return lex.function.contains(w);
    }
    ctx.token_count(i) >= 2
        || lex.knows(w)
        || ctx.vocab.dictionary_knows(ctx.doc.slice(ctx.doc.tokens[i].span))
}

/// A number or a Latin word glued to an Arabic word.
fn script_glue(ctx: &Context, out: &mut Vec<Insertion>) {
    let doc = ctx.doc;
    let toks = &doc.tokens;
    let lex = lexicon();
    for i in 1..toks.len() {
        let (a, b) = (&toks[i - 1], &toks[i]);
        if b.space_before || ctx.protected[i - 1] || ctx.protected[i] {
            continue;
        }
        let (wi, other) = match (a.kind, b.kind) {
            (TokenKind::Digits | TokenKind::Latin, TokenKind::Arabic) => (i, i - 1),
            (TokenKind::Arabic, TokenKind::Digits | TokenKind::Latin) => (i - 1, i),
            _ => continue,
        };
        let w = doc.key(wi);
        let n = letters(w);
        if n < 2 || is_proclitic_chain(w) || lex.units.contains(w) {
            continue;
        }
        if lex.letters.contains(w) && (!lex.function.contains(w) || in_code(ctx, wi, other)) {
            continue;
        }
        let other_is_digits = toks[other].kind == TokenKind::Digits;
        if other_is_digits && wi < other && any_peel(w, |p| lex.brands.contains(p.rest)) {
            continue;
        }
        if !other_is_digits && letters(doc.key(other)) < 2 {
            continue;
        }
        // The word must not itself be glued to more letters or digits on its
        // far side in a way that makes it a code (`إيه320نيو`).
        if !token_is_known(ctx, wi) {
            continue;
        }
        // Cover the whole number (`3.5مليون`), not just its last digits.
        let (mut s, mut e) = (i - 1, i + 1);
        if other_is_digits {
            if other < wi {
                s = number_start(ctx, other);
            } else {
                e = number_end(ctx, other) + 1;
            }
        }
        out.push(Insertion { at: a.span.end, tokens: s..e, kind: GLUED_WORDS });
    }
}

/// Whether the Arabic token `wi`, glued to the digit run `di`, sits in a
/// code of letter names and digits (`إتش7 إن9`, `إتش1إن1`): before a number,
/// the token before the word is a digit run or a letter name; after a
/// number, the number is itself glued to a word before it.
fn in_code(ctx: &Context, wi: usize, di: usize) -> bool {
    let toks = &ctx.doc.tokens;
    if di < wi {
        return di >= 1 && !toks[di].space_before && toks[di - 1].kind == TokenKind::Arabic;
    }
    let Some(prev) = wi.checked_sub(1) else {
        return false;
    };
    toks[prev].kind == TokenKind::Digits || lexicon().letters.contains(ctx.doc.key(prev))
}

fn is_number_separator(k: &str) -> bool {
    matches!(k, "." | "," | "،")
}

/// First token of the number whose last digit run is token `i`.
fn number_start(ctx: &Context, mut i: usize) -> usize {
    let toks = &ctx.doc.tokens;
    while i >= 2
        && !toks[i].space_before
        && !toks[i - 1].space_before
        && is_number_separator(ctx.doc.key(i - 1))
        && toks[i - 2].kind == TokenKind::Digits
    {
        i -= 2;
    }
    i
}

/// Last token of the number whose first digit run is token `i`.
fn number_end(ctx: &Context, mut i: usize) -> usize {
    let toks = &ctx.doc.tokens;
    while i + 2 < toks.len()
        && !toks[i + 1].space_before
        && !toks[i + 2].space_before
        && is_number_separator(ctx.doc.key(i + 1))
        && toks[i + 2].kind == TokenKind::Digits
    {
        i += 2;
    }
    i
}

/// Characters that end a word and never begin one: a split that puts one of
/// them first in the second half is wrong.
fn only_final(c: char) -> bool {
    matches!(c, 'ة' | 'ى' | 'ء')
}

/// Why a split was accepted, strongest first (the order ranks competing
/// splits of one token).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reason {
    /// A site's name ending (`نت`, used standalone in the article) glued to
    /// the next word.
    SiteSuffix,
    /// The article uses both halves standalone, and both are dictionary words.
    BothStandalone,
    /// The second half begins with the article (`مجلس|الأمن`).
    Article,
    /// The first half ends in ة or ى, letters that end a word (`أنقرة|وطهران`).
    FinalLetter,
}

/// The rest of a folded word after its article and the proclitics before it
/// (`والغوطه` → `غوطه`), if it has one.
fn after_article(w: &str) -> Option<&str> {
    let w2 = strip_letter(w, &[WAW, FA]).unwrap_or(w);
    if let Some(rest) = strip_letter(w2, &[LAM]).and_then(|r| strip_letter(r, &[LAM])) {
        return Some(rest);
    }
    let w3 = strip_letter(w2, &[BA, KAF, LAM]).unwrap_or(w2);
    strip_article(w3).or_else(|| strip_article(w2))
}

/// Whether two halves are evidence enough to call the token glued, and why.
///
/// Most Arabic three-letter strings are some root's form, a dictionary of
/// affixes accepts many longer ones, and the dictionary's list holds tens of
/// thousands of names, so "both halves are words" alone splits foreign names
/// (`جير|يمي`, `مونتي|نيغرو`). A split is accepted only with evidence of a
/// word boundary:
///
/// - the first half ends in ة or ى, which only end words;
/// - the second half begins with the article, and both halves are words of
///   the dictionary's list (four letters or more, one inflection away at
///   most) or words the article uses standalone; a function word (`من`)
///   may be the first half only before a word the article uses standalone;
/// - the article uses both halves standalone and both are dictionary words;
/// - the first half is a site's name ending the article uses standalone
///   (`نت`), the second a word of the dictionary's list.
///
/// The caller checks that both halves are words ([`Half::known`]); the
/// verdict assumes they are.
fn judge_split(ctx: &Context, left: &mut Half, right: &mut Half, final_boundary: bool) -> Option<Reason> {
    let lex = lexicon();
    let vocab = ctx.vocab;
    let (nl, nr) = (letters(left.folded), letters(right.folded));
    let function_word = |h: &str| lex.function.contains(h);
    let standalone = |h: &Half| h.article && !function_word(h.folded) && !lex.letters.contains(h.folded);
    let (stand_l, stand_r) = (standalone(left), standalone(right));
    if final_boundary && nl >= 3 && ((nr >= 3 && right.strong(vocab)) || function_word(right.folded)) {
        return Some(Reason::FinalLetter);
    }
    if let Some(rest) = after_article(right.folded) {
        // relative pronouns (`الذي`, `التي`) are short after their article
        let nrest = if function_word(right.folded) && nr >= 4 { 4 } else { letters(rest) };
        if nrest >= 3 {
            let right_ok =
                stand_r || (function_word(right.folded) && nr >= 4) || vocab.entry_known(right.folded);
            let left_ok = || {
                if function_word(left.folded) {
                    stand_r
                } else {
                    nl >= 3 && (stand_l || vocab.entry_known(left.folded))
                }
            };
            if right_ok && left_ok() {
                return Some(Reason::Article);
            }
        }
    }
    if stand_l && stand_r && nl >= 3 && nr >= 3 && left.stem(vocab) && right.stem(vocab) {
        return Some(Reason::BothStandalone);
    }
    if lex.domains.contains(left.folded) && left.article && nr >= 4 && vocab.entry_known(right.folded) {
        return Some(Reason::SiteSuffix);
    }
    None
}

/// Whether the article uses a folded word standalone (possibly with proclitics).
fn used_standalone(ctx: &Context, folded: &str) -> bool {
    any_peel(folded, |p| used_peel(ctx, p.rest, p.elided_article))
}

/// Whether the article uses one reading of a word as a token: the rest, or
/// `ال` + the rest after a `لل`.
fn used_peel(ctx: &Context, rest: &str, elided_article: bool) -> bool {
    ctx.count(rest) >= 1 || (elided_article && with_article(rest, |w| ctx.count(w) >= 1))
}

/// Whether a folded word is known as it stands: listed
/// ([`listed_as_is`]), or, peeled, a word the article uses.
fn known_as_is(ctx: &Context, w: &str) -> bool {
    ctx.listed_as_is(w) || any_peel(w, |p| p.peeled && used_peel(ctx, p.rest, p.elided_article))
}

/// Whether a folded word is listed as it stands: once its proclitics are
/// peeled, a word of the lexicon ([`crate::vocab::Lexicon::knows`]); or a
/// word of the dictionary's lists or the lexicon as it stands, with or
/// without its article (no inflection endings: catches a known word in an
/// unusual spelling, `الاضعف`, without the looseness of
/// [`Vocabulary::stem_known`]). One pass over the readings, one or two table
/// look-ups each. The verdict depends on the word and the vocabulary alone,
/// not the article, so [`Context::listed_as_is`] remembers it across
/// articles: one look-up per token instead of one per reading.
pub(crate) fn listed_as_is(ctx: &Context, w: &str) -> bool {
    const LISTED: u8 = flag::STEM | flag::NAME | flag::LEXICON;
    let has = |x: &str, flags: u8| ctx.word_flags(x) & flags != 0;
    any_peel(w, |p| {
        let f = ctx.word_flags(p.rest);
        // the lexicon's words count at any length, listed words from three letters
        (f & flag::LEXICON != 0)
            || (f & LISTED != 0 && has_chars(p.rest, 3))
            || strip_article(p.rest).is_some_and(|bare| has_chars(bare, 3) && has(bare, LISTED))
            || (p.elided_article && with_article(p.rest, |x| has(x, flag::LEXICON)))
    })
}

/// Some split of `w` has a precondition of one of the reasons of
/// [`judge_split`]: a letter that may end a word before it, the article after
/// it, a site's name ending before it, or both halves used standalone.
fn plausibly_glued(ctx: &Context, w: &str, tok: &rasid_text::Token) -> bool {
    let lex = lexicon();
    // the letter before a split point as written: ة and ى end words, ه and ي need not
    let written_final = |p: usize| {
        let last = w[..p].chars().next_back().map_or(0, char::len_utf8);
        let at = ctx.doc.folded.original_start(tok.fold.start + p - last);
        ctx.doc.slice(rasid_model::Span::new(at, at + 1)).starts_with(['ة', 'ى'])
    };
    let n = letters(w);
    w.char_indices().enumerate().skip(2).any(|(k, (p, _))| {
        let (left, right) = w.split_at(p);
        n - k >= 2
            && ((left.ends_with(['ه', 'ي']) && written_final(p))
                || after_article(right).is_some()
                || (left.len() <= lex.longest_domain && lex.domains.contains(left))
                || (used_standalone(ctx, left) && used_standalone(ctx, right)))
    })
}

/// The best split of token `i` into two glued words, if any.
fn split_token(ctx: &Context, i: usize, budget: &mut Budget) -> Option<Insertion> {
    let doc = ctx.doc;
    let tok = &doc.tokens[i];
    if tok.kind != TokenKind::Arabic || ctx.protected[i] {
        return None;
    }
    if ctx.token_count(i) > 1 {
        return None;
    }
    let w = doc.key(i);
    if !(MIN_GLUED_LETTERS..=MAX_GLUED_LETTERS).contains(&letters(w)) {
        return None;
    }
    if known_as_is(ctx, w) {
        return None;
    }
    // Every accepted split needs a cheap sign of a boundary (see
    // `judge_split`): skip the dictionary entirely for tokens with none. A
    // folded ه/ي may be a written ة/ى, so they count here.
    if !plausibly_glued(ctx, w, tok) {
        return None;
    }
    // No split would be accepted even if the dictionary knew every half:
    // the dictionary's verdicts below could not change that.
    best_split(ctx, tok, w, Mode::Screen)?;
    let surface = doc.slice(tok.span);
    if !ctx.vocab.is_cached(surface) {
        budget.left = budget.left.saturating_sub(1);
    }
    // known as written, or once respelled with hamza and ة (`الاسلامي`)
    if ctx.vocab.dictionary_knows(surface) || ctx.vocab.respelling_known(surface) {
        return None;
    }
    let at = best_split(ctx, tok, w, Mode::Decide(budget))?;
    Some(Insertion { at, tokens: i..i + 1, kind: GLUED_WORDS })
}

/// The best split point of the folded token `w` (an original character
/// offset), if any; with [`Mode::Screen`], the first split that could be
/// accepted.
fn best_split(ctx: &Context, tok: &rasid_text::Token, w: &str, mut mode: Mode) -> Option<usize> {
    let doc = ctx.doc;
    let lex = lexicon();
    let mut best: Option<(Reason, usize, usize)> = None; // (reason, shorter half, split offset)
    for (p, _) in w.char_indices().skip(2) {
        let (left, right) = w.split_at(p);
        let (nl, nr) = (letters(left), letters(right));
        if nr < 2 {
            break;
        }
        if left.ends_with("ال") || is_proclitic_chain(left) {
            continue;
        }
        if any_peel(left, |pl| lex.heads.contains(pl.rest)) || lex.heads.contains(left) {
            continue;
        }
        let at = doc.folded.original_start(tok.fold.start + p);
        if at <= tok.span.start || at >= tok.span.end {
            continue;
        }
        let left_surface = doc.slice(rasid_model::Span::new(tok.span.start, at));
        // The article and one letter is no word (`الإ|تجاه`); with two, only
        // a known word (`الآن`, `الحر`), not a fragment (`الخ|الدية`).
        if let Some(rest) = after_article(left)
            && !lex.function.contains(left)
            && (letters(rest) < 2
                || (letters(rest) == 2
                    && match mode {
                        Mode::Screen => false,
                        Mode::Decide(_) => !ctx.vocab.dictionary_knows(left_surface),
                    }))
        {
            continue;
        }
        let right_surface = doc.slice(rasid_model::Span::new(at, tok.span.end));
        let first_right = right_surface.chars().find(|c| rasid_text::token::is_arabic_letter(*c));
        if first_right.is_some_and(only_final) {
            continue;
        }
        let left_last = left_surface.chars().rev().find(|c| rasid_text::token::is_arabic_letter(*c));
        // ة/ى inside the second half too means the writer uses them for ه/ي
        // everywhere (`علىهىا`): then they mark no word end
        let right_inner = right_surface.chars().rev().skip(1).any(|c| matches!(c, 'ة' | 'ى'));
        let final_boundary = match left_last {
            Some('ة') => !right_inner,
            Some('ى') => !right_inner && !ctx.ya_for_alef_maqsura,
            _ => false,
        };
        let mut half_l = Half::new(ctx, left, left_surface);
        let mut half_r = Half::new(ctx, right, right_surface);
        let Some(reason) = judge_split(ctx, &mut half_l, &mut half_r, final_boundary) else {
            continue;
        };
        match &mut mode {
            Mode::Screen => return Some(at),
            Mode::Decide(budget) => {
                if !half_l.known(ctx.vocab, budget) || !half_r.known(ctx.vocab, budget) {
                    continue;
                }
            }
        }
        let cand = (reason, nl.min(nr), at);
        if best.is_none_or(|b| (cand.0, cand.1) > (b.0, b.1)) {
            best = Some(cand);
        }
    }
    best.map(|(_, _, at)| at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Vocabulary, find_repairs};
    use rasid_text::Document;

    fn fixes(text: &str, vocab: &Vocabulary) -> Vec<(String, String)> {
        let doc = Document::new(text);
        find_repairs(&doc, vocab)
            .into_iter()
            .filter(|r| r.kind.as_deref() == Some(GLUED_WORDS))
            .map(|r| (r.text, r.fixed))
            .collect()
    }

    fn plain() -> Vocabulary {
        Vocabulary::without_dictionary()
    }

    #[test]
    fn proclitic_chains() {
        for w in ["و", "ب", "ال", "وال", "بال", "لل", "ولل", "فب", "وكال"] {
            assert!(is_proclitic_chain(w), "{w}");
        }
        for w in ["", "قتل", "الف", "من", "ولد"] {
            assert!(!is_proclitic_chain(w), "{w}");
        }
    }

    #[test]
    fn halves_used_in_the_article_split_a_token() {
        let t = "عقد مجلس الأمن جلسة طارئة أمس، وقال رئيس المجلس إن الأمن في المدينة هش. \
                 وطالب أعضاء مجلسالأمن بهدنة فورية.";
        assert_eq!(fixes(t, &plain()), [("مجلسالأمن".to_string(), "مجلس الأمن".to_string())]);
    }

    #[test]
    fn split_keeps_the_original_letters_and_marks() {
        let t = "وصل وفد من أنقرة إلى طهران، ثم عاد الوفد. وتبادلت أنقرةوطهران الرسائل.";
        assert_eq!(fixes(t, &plain()), [("أنقرةوطهران".to_string(), "أنقرة وطهران".to_string())]);
        let t = "قال مجلس الأمن إن الأمن هش، وتحدث مجلسُالأمنِ عن الهدنة.";
        assert_eq!(fixes(t, &plain()), [("مجلسُالأمنِ".to_string(), "مجلسُ الأمنِ".to_string())]);
    }

    #[test]
    fn digits_glued_to_words() {
        let t = "ونزح 12ألف مدني من البلدة، وكان ألف مدني قد نزحوا قبلها.";
        assert_eq!(fixes(t, &plain()), [("12ألف".to_string(), "12 ألف".to_string())]);
        let t = "وقال إن القصف قتل5 مدنيين، كما قتل مسلحان.";
        assert_eq!(fixes(t, &plain()), [("قتل5".to_string(), "قتل 5".to_string())]);
        let t = "غادر نحو3.5ألف شخص، وكان ألف شخص قد غادروا أمس.";
        assert_eq!(fixes(t, &plain()), [("3.5ألف".to_string(), "3.5 ألف".to_string())]);
    }

    #[test]
    fn digits_with_proclitics_units_and_names_are_not_damage() {
        let v = plain();
        for t in [
            "قتل ال48 شخصا في القصف",
            "وأصيب و5 آخرون بجروح",
            "توفي عام 1439هـ في مكة",
            "سقطت القذيفة على بعد 10كم من المدينة",
            "قالت قناة فرانس24 إن القصف مستمر وإن فرانس قناة",
            "حلقت طائرة إف16 فوق المدينة",
            "في الـ16 من الشهر الجاري",
        ] {
            assert!(fixes(t, &v).is_empty(), "{t}: {:?}", fixes(t, &v));
        }
    }

    #[test]
    fn latin_glued_to_arabic() {
        let t = "قالت شبكةNPR الأمريكية إن الشبكة تلقت الخبر، وإن شبكة أخرى نقلته.";
        assert_eq!(fixes(t, &plain()), [("شبكةNPR".to_string(), "شبكة NPR".to_string())]);
        assert!(fixes("وقال مراسل لـCNN إن القصف مستمر", &plain()).is_empty());
    }

    #[test]
    fn unknown_words_without_evidence_stay_whole() {
        let v = plain();
        // names and long words unknown to the lexicon, with no halves in the article
        for t in [
            "وصل الرئيس ماكرونيلي إلى المدينة",
            "قال عبدالله إن الوضع صعب وإن الله أعلم وإن عبد الدار هنا",
            "المستشفيات مكتظة في المدينة",
        ] {
            assert!(fixes(t, &v).is_empty(), "{t}: {:?}", fixes(t, &v));
        }
    }

    #[test]
    fn a_word_used_twice_is_not_glued() {
        let t = "وصل الوفد إلى أنقرةوطهران ثم غادر أنقرةوطهران، وقال إن أنقرة وطهران متفقتان.";
        assert!(fixes(t, &plain()).is_empty());
    }

    #[test]
    fn word_final_letter_marks_the_boundary() {
        // ة cannot begin a word, ى cannot sit inside one
        let t = "وصل الوفد إلى المدينةوطالب بفتح الممرات، ثم غادر المدينة، كما طالب وفد آخر بالشيء نفسه.";
        let r = fixes(t, &plain());
        assert_eq!(r, [("المدينةوطالب".to_string(), "المدينة وطالب".to_string())]);
    }

    #[test]
    fn a_writer_who_uses_alef_maqsura_for_ya_is_not_split() {
        let t = "قال المسؤول ىشرف على المحاصىل الزراعىة فىها، وإن المدينةوطالب بذلك.";
        let r = fixes(t, &plain());
        assert!(r.iter().all(|(text, _)| !text.contains('ى')), "{r:?}");
    }

    #[test]
    fn site_name_ending_glued_to_the_next_word() {
        let (v, notice) = Vocabulary::load_default();
        if let Some(n) = notice {
            println!("skipping: {n}");
            return;
        }
        let t = "المصدر : موقع الأخبار نت | اقرأ أيضا : الأخبار نتمقالات ذات صلة";
        assert_eq!(fixes(t, &v), [("نتمقالات".to_string(), "نت مقالات".to_string())]);
    }

    #[test]
    fn known_words_in_unusual_spellings_are_not_split() {
        let (v, notice) = Vocabulary::load_default();
        if let Some(n) = notice {
            println!("skipping: {n}");
            return;
        }
        for t in [
            "وقال إن الاقتصاد الاسلامي ينمو بسرعة كبيرة.",
            "ارتفعت القدرة الانتاجيه للمصنع هذا العام.",
            "وصلت التعزيزات الاضافية إلى الجبهة.",
        ] {
            assert!(fixes(t, &v).is_empty(), "{t}: {:?}", fixes(t, &v));
        }
    }

    #[test]
    fn foreign_names_are_not_split() {
        let (v, notice) = Vocabulary::load_default();
        if let Some(n) = notice {
            println!("skipping: {n}");
            return;
        }
        for t in [
            "وقال المدرب جيريمي إن الفريق جاهز.",
            "سجل اللاعب روميلو هدفا في المباراة.",
            "زار الوفد مقاطعة كاتالونيا أمس.",
            "وصل الرئيس الفرنسي إلى مونتينيغرو.",
        ] {
            assert!(fixes(t, &v).is_empty(), "{t}: {:?}", fixes(t, &v));
        }
    }

    #[test]
    fn dictionary_splits_when_installed() {
        let (v, notice) = Vocabulary::load_default();
        if let Some(n) = notice {
            println!("skipping: {n}");
            return;
        }
        let t = "وأعرب مجلسالأمن عن قلقه.";
        assert_eq!(fixes(t, &v), [("مجلسالأمن".to_string(), "مجلس الأمن".to_string())]);
        let t = "وقال مراسلالوكالة إن القصف توقف.";
        assert_eq!(fixes(t, &v), [("مراسلالوكالة".to_string(), "مراسل الوكالة".to_string())]);
        // a real word the dictionary knows is never split
        assert!(fixes("وقالت المستشفيات إن الجرحى كثيرون.", &v).is_empty());
    }
}
