//! Country and capital names: the state (an actor) or the territory (a place)?
//!
//! `روسيا` in `أعلنته روسيا` is the Russian state; in `إلى روسيا` it is the
//! country as a place. The annotation guidelines make the first an actor and
//! the second a place, and the same word can be both in one article (`قرب
//! دمشق` vs `وسارعت دمشق إلى نفيه`). The rules read the words around the
//! name, in this order:
//!
//! 1. a locative clitic on the name (`بروسيا`, `كدمشق`) → territory;
//! 2. a dateline (`موسكو، روسيا (CNN)`) → territory;
//! 3. a coordinated name (`موسكو ودمشق`, `واشنطن وباريس`) reads like the
//!    first conjunct;
//! 4. `لـ` after a word of loyalty (`الموالية لتركيا`) → state;
//! 5. the word before: a locative preposition or a descriptor (`في`, `قرب`,
//!    `العاصمة`, `جنوب`) → territory; `من` → territory unless it follows a
//!    noun of agency (`بدعم من روسيا`); `مع` → state unless after a border
//!    word (`الحدودية مع تركيا`); `بين` → state; a political noun
//!    (`وزراء خارجية روسيا`, `قوى الغرب`) or a political verb (`تقول
//!    أنقرة`) → state;
//! 6. a political verb right after the name (`دمشق تنفي`) → state;
//! 7. otherwise: a country (`@` in actors.tsv) is the state, a capital or
//!    region (`^`) the territory, anything else the territory.

use rasid_text::{Document, TokenKind, clitic};
use std::ops::Range;

use crate::Registry;
use crate::data::Gate;
use crate::words::{is_comma, next_skipping_quotes, prev_skipping_quotes, strip_conj};

/// Is the place name at `tokens` used for the state (`true`: an actor, e.g.
/// `وسارعت دمشق للنفي`, `تقول أنقرة`) rather than the territory (`false`:
/// `في تركيا`, `قرب دمشق`, `مدينة دمشق`)? The first token may carry
/// proclitics. Names the registry does not know as states default to the
/// territory, but still read as the state in a clear context.
pub fn state_reading(doc: &Document, tokens: Range<usize>) -> bool {
    Registry::builtin().state_reading(doc, tokens)
}

/// The most recursion the coordination rule follows (`روسيا وتركيا وإيران`).
const MAX_CHAIN: u8 = 4;

impl Registry {
    /// [`state_reading`] with this registry's word lists.
    pub fn state_reading(&self, doc: &Document, tokens: Range<usize>) -> bool {
        if tokens.start >= tokens.end || tokens.end > doc.tokens.len() {
            return false;
        }
        let (prefix, default) = match self.toponym_at(doc, tokens.clone()) {
            Some((p, gate)) => (p, gate == Gate::Country),
            None => (guess_prefix(doc.key(tokens.start)), false),
        };
        self.state_at(doc, tokens, &prefix, default, 0)
    }

    /// The registry toponym spelled by `tokens` (first token with any
    /// proclitic reading): its peeled prefix and gate.
    pub(crate) fn toponym_at(&self, doc: &Document, tokens: Range<usize>) -> Option<(String, Gate)> {
        if tokens.start >= tokens.end || tokens.end > doc.tokens.len() {
            return None;
        }
        let first = &doc.tokens[tokens.start];
        if !first.is_word() {
            return None;
        }
        let rest: Vec<&str> = (tokens.start + 1..tokens.end).map(|i| doc.key(i)).collect();
        for peel in clitic::peels(doc.key(tokens.start)) {
            let head = if peel.elided_article { format!("ال{}", peel.rest) } else { peel.rest.to_string() };
            let mut key = head;
            for r in &rest {
                key.push(' ');
                key.push_str(r);
            }
            // `key` is made of folded tokens, so folding and tokenizing it
            // again (`Lexicon::lookup`) would give it back unchanged.
            debug_assert_eq!(rasid_lexicon::name_key(&key), key);
            let Some(&k) = self.actor_keys.get(key.as_str()) else { continue };
            if let Some(g) =
                self.actor_lex.entries_of(k).map(|a| a.gate).find(|g| matches!(g, Gate::Country | Gate::City))
            {
                return Some((peel.prefix.to_string(), g));
            }
        }
        None
    }

    /// A registry toponym ending exactly at token `last` (inclusive).
    fn toponym_ending_at(&self, doc: &Document, last: usize) -> Option<(Range<usize>, String, Gate)> {
        let from = last.saturating_sub(3);
        (from..=last).find_map(|s| self.toponym_at(doc, s..last + 1).map(|(p, g)| (s..last + 1, p, g)))
    }

    pub(crate) fn state_at(
        &self,
        doc: &Document,
        tokens: Range<usize>,
        prefix: &str,
        default: bool,
        depth: u8,
    ) -> bool {
        let ctx = &self.ctx;
        // 1. locative clitic
        if prefix.contains('ب') || prefix.contains('ك') {
            return false;
        }
        let prev = prev_skipping_quotes(doc, tokens.start);
        let next = next_skipping_quotes(doc, tokens.end);
        // 2. dateline
        if self.is_dateline(doc, tokens.clone(), prev, next) {
            return false;
        }
        // 3. coordination: "موسكو ودمشق"
        if prefix.starts_with('و')
            && depth < MAX_CHAIN
            && let Some(p) = prev
            && let Some((range, pfx, gate)) = self.toponym_ending_at(doc, p)
        {
            return self.state_at(doc, range, &pfx, gate == Gate::Country, depth + 1);
        }
        let prev_word = prev.filter(|&p| doc.tokens[p].is_word()).map(|p| doc.key(p));
        // 4. لـ
        if prefix.contains('ل') {
            return match prev_word {
                Some(w) if ctx.state_loyal.has(w) => true,
                _ => default,
            };
        }
        // 5. the word before
        if let Some(w) = prev_word {
            let p = prev.unwrap_or(0);
            let before =
                prev_skipping_quotes(doc, p).filter(|&b| doc.tokens[b].is_word()).map(|b| doc.key(b));
            if ctx.place_before.has_stem(w) {
                return false;
            }
            match strip_conj(w) {
                "من" => return before.is_some_and(|b| ctx.from_actor.has(b)),
                "مع" => return !before.is_some_and(|b| ctx.border.has(b)),
                "بين" => return true,
                _ => {}
            }
            if ctx.political.has(w) || self.is_state_verb(w) {
                return true;
            }
        }
        // 6. a political verb after the name
        if let Some(n) = next
            && doc.tokens[n].is_word()
            && self.is_state_verb(doc.key(n))
        {
            return true;
        }
        default
    }

    /// A political verb, possibly with a conjunction before it or an object
    /// pronoun after it (`وتعتبرها`, `أعلنته`).
    fn is_state_verb(&self, w: &str) -> bool {
        let verbs = &self.ctx.state_verbs;
        if verbs.has(w) {
            return true;
        }
        let w = strip_conj(w);
        ["هما", "هم", "ها", "ه"]
            .iter()
            .any(|s| w.strip_suffix(s).is_some_and(|stem| stem.chars().count() >= 3 && verbs.exact(stem)))
    }

    /// `موسكو، روسيا (CNN)--`, `عين اليوم – بغداد`: a place at the head of a
    /// line, followed by a comma, a dash or a bracket, or after another such
    /// place and a comma.
    fn is_dateline(
        &self,
        doc: &Document,
        tokens: Range<usize>,
        prev: Option<usize>,
        next: Option<usize>,
    ) -> bool {
        let at_line_head = |i: usize| {
            // within the first three tokens of a line
            let mut j = i;
            let mut steps = 0;
            loop {
                if j == 0 || doc.tokens[j].newline_before {
                    return true;
                }
                if steps == 3 {
                    return false;
                }
                j -= 1;
                steps += 1;
            }
        };
        let punct_after = next.is_some_and(|n| {
            doc.tokens[n].kind == TokenKind::Punct && {
                let k = doc.key(n);
                is_comma(k) || matches!(k, "-" | "–" | "—" | "(")
            }
        });
        if punct_after && at_line_head(tokens.start) {
            return true;
        }
        // "موسكو، روسيا"
        if let Some(p) = prev
            && is_comma(doc.key(p))
            && p > 0
            && let Some((range, _, _)) = self.toponym_ending_at(doc, p - 1)
        {
            return at_line_head(range.start);
        }
        // "عين اليوم – بغداد": after a dash at the head of a line
        if let Some(p) = prev
            && matches!(doc.key(p), "-" | "–" | "—")
            && at_line_head(p)
        {
            return true;
        }
        false
    }
}

/// For a place the registry does not know: the proclitics a preposition-like
/// first letter most likely is (`بحلب` → `ب`). Conservative: only ب/ك/ل
/// (after an optional و/ف) before at least three more letters.
fn guess_prefix(word: &str) -> String {
    let rest = strip_conj(word);
    let conj = &word[..word.len() - rest.len()];
    for p in ['ب', 'ك', 'ل'] {
        if let Some(r) = rest.strip_prefix(p)
            && r.chars().count() >= 3
            && !r.starts_with(p)
        {
            return format!("{conj}{p}");
        }
    }
    conj.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(text: &str, word: &str) -> bool {
        let doc = Document::new(text);
        let key = rasid_text::key(word);
        let first = key.split(' ').next().unwrap_or_default();
        let i = (0..doc.tokens.len()).find(|&i| doc.key(i).ends_with(first)).expect("word present");
        let n = key.split(' ').count();
        state_reading(&doc, i..i + n)
    }

    #[test]
    fn countries() {
        assert!(reading("وأعلنت روسيا أمس التوصل إلى اتفاق", "روسيا"));
        assert!(!reading("نقل الجرحى إلى تركيا للعلاج", "تركيا"));
        assert!(!reading("في المحافظة الحدودية مع تركيا", "تركيا"));
        assert!(reading("أجرى الوفد مفاوضات مع روسيا", "روسيا"));
        assert!(reading("اجتمع وزراء خارجية روسيا وتركيا وإيران", "وإيران"));
        assert!(!reading("يقيم في بريطانيا منذ سنوات", "بريطانيا"));
        assert!(!reading("مقره بالولايات المتحدة", "الولايات المتحدة"));
    }

    #[test]
    fn capitals() {
        assert!(!reading("سقطت قذائف قرب دمشق", "دمشق"));
        assert!(reading("وسارعت دمشق إلى نفي الخبر", "دمشق"));
        assert!(reading("وهددت واشنطن وباريس بالرد", "وباريس"));
        assert!(!reading("وصل الوفد إلى مدينة دمشق", "دمشق"));
        assert!(reading("وتقول أنقرة إنها تستهدف المسلحين", "أنقرة"));
        assert!(!reading("عاد النازحون إلى دمشق", "دمشق"));
    }

    #[test]
    fn datelines() {
        assert!(!reading("موسكو، روسيا (وكالات)-- رفضت السلطات", "روسيا"));
        assert!(!reading("موسكو، روسيا (وكالات)-- رفضت السلطات", "موسكو"));
    }

    #[test]
    fn out_of_range_is_territory() {
        let doc = Document::new("روسيا");
        assert!(!state_reading(&doc, 3..5));
        assert!(!state_reading(&doc, 0..0));
    }
}
