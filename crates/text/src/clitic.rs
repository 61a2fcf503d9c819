//! Clitic peeling: the readings of a word with its proclitics removed.
//!
//! Arabic writes conjunctions (و ف), prepositions (ب ك ل) and the article (ال)
//! glued to the word they govern: `وبالغوطة` is و + ب + ال + غوطة. A lexicon
//! stores `الغوطة`; to find it we try every legal peeling of the word. Order
//! of the prefixes is fixed: conjunction, then preposition, then article; ل
//! followed by the article is written `لل` (the alef drops).

/// One reading of a folded word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peel<'a> {
    /// The proclitics removed (folded), e.g. `وب`.
    pub prefix: &'a str,
    /// What follows them, starting with `ال` when the word has the article
    /// (except after `لل`, where the article's alef is not written).
    pub rest: &'a str,
    /// The word had a ل + article written `لل`: `rest` is the stem without
    /// the article, and `ال` + `rest` is the form to look up.
    pub elided_article: bool,
}

impl Peel<'_> {
    /// Byte length of the prefix in the folded text.
    pub fn prefix_len(&self) -> usize {
        self.prefix.len()
    }
}

const MIN_REST_CHARS: usize = 2;

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// All readings of `word` (folded), the unpeeled word first, then shorter
/// prefixes before longer ones. Peelings that would leave fewer than two
/// letters are not produced.
pub fn peels(word: &str) -> Vec<Peel<'_>> {
    let mut out = vec![Peel { prefix: "", rest: word, elided_article: false }];
    // conjunction
    let conj_options: &[&str] = &["", "و", "ف"];
    let prep_options: &[&str] = &["", "ب", "ك", "ل"];
    for conj in conj_options {
        let Some(after_conj) = word.strip_prefix(conj) else {
            continue;
        };
        for prep in prep_options {
            let Some(after_prep) = after_conj.strip_prefix(prep) else {
                continue;
            };
            let plen = conj.len() + prep.len();
            if plen == 0 {
                continue;
            }
            if char_count(after_prep) >= MIN_REST_CHARS {
                out.push(Peel { prefix: &word[..plen], rest: after_prep, elided_article: false });
            }
        }
        // ل + article written لل
        if let Some(after_ll) = after_conj.strip_prefix("لل")
            && char_count(after_ll) >= MIN_REST_CHARS
        {
            out.push(Peel {
                prefix: &word[..conj.len() + "لل".len()], rest: after_ll, elided_article: true
            });
        }
    }
    out.sort_by_key(|p| p.prefix.len());
    out.dedup();
    out
}

/// The word without its proclitics and article: the stem a lexicon of bare
/// nouns would hold (`وبالغوطة` → `غوطه`). Picks the longest peeling that
/// leaves at least two letters, so it is greedy (`بشار` → `شار`): use it for
/// keyword classes where a wrong peel only misses, and check peels against a
/// lexicon where a wrong peel would invent a name.
pub fn bare_stem(word: &str) -> &str {
    let mut best = word;
    for p in peels(word) {
        let rest = p.rest.strip_prefix("ال").filter(|r| char_count(r) >= MIN_REST_CHARS).unwrap_or(p.rest);
        if rest.len() < best.len() {
            best = rest;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rests(w: &str) -> Vec<(String, String, bool)> {
        peels(w).into_iter().map(|p| (p.prefix.to_string(), p.rest.to_string(), p.elided_article)).collect()
    }

    #[test]
    fn peels_conjunction_preposition_article() {
        let r = rests("وبالغوطه");
        assert!(r.contains(&("وب".into(), "الغوطه".into(), false)));
        assert!(r.contains(&("و".into(), "بالغوطه".into(), false)));
        assert_eq!(r[0].0, "");
    }

    #[test]
    fn elided_article_after_lam() {
        let r = rests("للمرصد");
        assert!(r.contains(&("لل".into(), "مرصد".into(), true)));
        let r = rests("وللغوطه");
        assert!(r.contains(&("ولل".into(), "غوطه".into(), true)));
    }

    #[test]
    fn short_words_are_not_over_peeled() {
        // "بل" must not be peeled to a one-letter rest.
        assert_eq!(rests("بل").len(), 1);
    }

    #[test]
    fn bare_stems() {
        assert_eq!(bare_stem("وبالغوطه"), "غوطه");
        assert_eq!(bare_stem("للمرصد"), "مرصد");
        assert_eq!(bare_stem("ادلب"), "ادلب");
    }
}
