//! Proclitic readings of a folded word, without allocating.
//!
//! The repairer asks "is this word, or this word without its proclitics,
//! known?" for every candidate token and for both halves of every split it
//! tries: tens of times per token. [`rasid_text::clitic::peels`] answers
//! with a fresh `Vec`, which made allocation a large share of the repairer's
//! cost. [`any_peel`] walks the same readings and stores none; a property
//! test checks that both agree on every word.
//!
//! It also holds [`with_article`]: the form `ال` + stem that a `لل` reading
//! (`للمرصد` → `المرصد`) is looked up as, built on the stack; and
//! byte-level tests for the proclitic letters.

/// One reading of a folded word: what follows its proclitics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Peel<'a> {
    /// The rest of the word once the proclitics are removed.
    pub rest: &'a str,
    /// The word had ل + article written `لل`: `ال` + `rest` is the form to
    /// look up.
    pub elided_article: bool,
    /// At least one proclitic was removed (false only for the word itself).
    pub peeled: bool,
}

/// Fewest letters left after peeling (as in [`rasid_text::clitic`]).
const MIN_REST_CHARS: usize = 2;

/// Whether any reading of a folded word passes `f`. The readings are the
/// word itself (first), then every legal peeling of a conjunction (و ف), a
/// preposition (ب ك ل) and `لل` that leaves at least two letters: the same
/// set as [`rasid_text::clitic::peels`], in an order of no consequence to
/// the question, with nothing stored.
#[inline]
pub(crate) fn any_peel<'a>(word: &'a str, mut f: impl FnMut(Peel<'a>) -> bool) -> bool {
    f(Peel { rest: word, elided_article: false, peeled: false })
        || after_conjunction(word, false, &mut f)
        || strip_letter(word, &[WAW, FA])
            .is_some_and(|after_conj| after_conjunction(after_conj, true, &mut f))
}

/// The readings of what follows a conjunction (or no conjunction): the bare
/// rest after a conjunction, the rest after a preposition, the rest after
/// `لل`. A word starts with one letter, so at most one of ب ك ل can be
/// peeled.
#[inline]
fn after_conjunction<'a>(
    after_conj: &'a str,
    had_conjunction: bool,
    f: &mut impl FnMut(Peel<'a>) -> bool,
) -> bool {
    if had_conjunction
        && has_chars(after_conj, MIN_REST_CHARS)
        && f(Peel { rest: after_conj, elided_article: false, peeled: true })
    {
        return true;
    }
    let Some(after_prep) = strip_letter(after_conj, &[BA, KAF, LAM]) else {
        return false; // no preposition, so no `لل` either
    };
    if has_chars(after_prep, MIN_REST_CHARS)
        && f(Peel { rest: after_prep, elided_article: false, peeled: true })
    {
        return true;
    }
    // `لل`: the preposition ل, then the ل of an article whose alef is not written
    after_conj.as_bytes().starts_with(&LAM)
        && strip_letter(after_prep, &[LAM]).is_some_and(|after_ll| {
            has_chars(after_ll, MIN_REST_CHARS)
                && f(Peel { rest: after_ll, elided_article: true, peeled: true })
        })
}

/// UTF-8 of the proclitic letters و ف ب ك ل and of alef.
pub(crate) const WAW: [u8; 2] = [0xD9, 0x88];
pub(crate) const FA: [u8; 2] = [0xD9, 0x81];
pub(crate) const BA: [u8; 2] = [0xD8, 0xA8];
pub(crate) const KAF: [u8; 2] = [0xD9, 0x83];
pub(crate) const LAM: [u8; 2] = [0xD9, 0x84];
pub(crate) const ALEF: [u8; 2] = [0xD8, 0xA7];

/// `s` without its first letter if that letter is one of `letters` (Arabic
/// letters, two bytes each in UTF-8): a byte comparison, where
/// `str::strip_prefix` with a set of `char`s decodes the first character.
#[inline]
pub(crate) fn strip_letter<'s>(s: &'s str, letters: &[[u8; 2]]) -> Option<&'s str> {
    match s.as_bytes() {
        [a, b, ..] if letters.iter().any(|l| l[0] == *a && l[1] == *b) => s.get(2..),
        _ => None,
    }
}

/// `s` without a leading article `ال`.
#[inline]
pub(crate) fn strip_article(s: &str) -> Option<&str> {
    strip_letter(s, &[ALEF]).and_then(|r| strip_letter(r, &[LAM]))
}

/// Whether `s` has at least `n` characters (without counting them all).
#[inline]
pub(crate) fn has_chars(s: &str, n: usize) -> bool {
    n == 0 || s.chars().nth(n - 1).is_some()
}

/// Bytes of the stack buffer [`with_article`] and [`concat`] build words in:
/// the repairer's words are at most 24 letters (48 bytes).
const BUF: usize = 96;

/// Calls `f` with `ال` + `rest`, built on the stack when short enough.
pub(crate) fn with_article<R>(rest: &str, f: impl FnOnce(&str) -> R) -> R {
    concat("ال", rest, f)
}

/// Calls `f` with `a` + `b`, built on the stack when short enough.
pub(crate) fn concat<R>(a: &str, b: &str, f: impl FnOnce(&str) -> R) -> R {
    let n = a.len() + b.len();
    if n > BUF {
        return f(&format!("{a}{b}"));
    }
    let mut buf = [0u8; BUF];
    buf[..a.len()].copy_from_slice(a.as_bytes());
    buf[a.len()..n].copy_from_slice(b.as_bytes());
    // two whole strings joined are valid UTF-8
    match std::str::from_utf8(&buf[..n]) {
        Ok(s) => f(s),
        Err(_) => f(&format!("{a}{b}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rasid_text::clitic;

    fn sorted(v: impl Iterator<Item = (String, bool)>) -> Vec<(String, bool)> {
        let mut v: Vec<_> = v.collect();
        v.sort();
        v.dedup();
        v
    }

    fn agree(w: &str) {
        let mut ours = Vec::new();
        assert!(!any_peel(w, |p| {
            ours.push(p);
            false
        }));
        assert_eq!(ours[0], Peel { rest: w, elided_article: false, peeled: false });
        // the word itself is not repeated among the peeled readings
        assert!(ours[1..].iter().all(|p| p.peeled && p.rest.len() < w.len()));
        let mine = sorted(ours.iter().map(|p| (p.rest.to_string(), p.elided_article)));
        let theirs = sorted(clitic::peels(w).iter().map(|p| (p.rest.to_string(), p.elided_article)));
        assert_eq!(mine, theirs, "{w}");
        assert_eq!(ours.len(), theirs.len(), "{w}: no reading twice");
        // stops at the first reading that passes
        let mut calls = 0;
        assert!(any_peel(w, |_| {
            calls += 1;
            true
        }));
        assert_eq!(calls, 1);
    }

    #[test]
    fn same_readings_as_the_text_crate() {
        for w in ["وبالغوطه", "للمرصد", "وللغوطه", "فلل", "بل", "و", "", "ولل", "فبالمدينه", "كالعاده", "لله"]
        {
            agree(w);
        }
    }

    #[test]
    fn strips_letters_by_their_bytes() {
        for (l, c) in [(WAW, 'و'), (FA, 'ف'), (BA, 'ب'), (KAF, 'ك'), (LAM, 'ل'), (ALEF, 'ا')] {
            let mut buf = [0u8; 4];
            assert_eq!(c.encode_utf8(&mut buf).as_bytes(), l, "{c}");
        }
        assert_eq!(strip_letter("وقال", &[FA, WAW]), Some("قال"));
        assert_eq!(strip_letter("قال", &[FA, WAW]), None);
        assert_eq!(strip_letter("و", &[WAW]), Some(""));
        assert_eq!(strip_letter("", &[WAW]), None);
        assert_eq!(strip_letter("\u{0648}", &[[0xD9, 0x88]]), Some(""));
        assert_eq!(strip_letter("ωx", &[[0xCF, 0x89]]), Some("x"));
        assert_eq!(strip_article("المرصد"), Some("مرصد"));
        assert_eq!(strip_article("امرصد"), None);
        assert_eq!(strip_article("ال"), Some(""));
    }

    #[test]
    fn joins_on_the_stack_and_off_it() {
        assert_eq!(with_article("مرصد", str::to_string), "المرصد");
        let long = "ب".repeat(80);
        assert_eq!(concat(&long, "ه", |s| s.chars().count()), 81);
    }

    proptest! {
        #[test]
        fn agrees_with_clitic_peels(w in "[وفبكلاله]{0,6}[a-zمرصدغوطه]{0,4}") {
            agree(&w);
        }
    }
}
