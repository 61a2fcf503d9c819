//! Finding person mentions.
//!
//! Three sources, in order of trust:
//!
//! 1. the registry (`persons.tsv`): known figures under every spelling;
//! 2. rules for names the registry lacks: a name is a known given name
//!    (`first_names.txt`) or a connector (`عبد`, `أبو`) followed by name-like
//!    words, read up to a word that cannot be part of a name
//!    (`name_stop.txt`, a role title, a speech verb, a known body, a
//!    preposition phrase). A given name that is also a common word (`نصر`,
//!    `صالح`) needs a trigger before it: a role title (`مدير المرصد`, `اللواء`)
//!    possibly with its complement, a speech verb (`وقال`), or a naming word
//!    (`تدعى`). A trigger also admits a name without a known given name when
//!    the sentence frames it: `وقال X Y، المتحدث باسم…`, `…، X Y،` after a
//!    title;
//! 3. surname-only repeats (`الحريري` after `نصر الحريري`) of a person named
//!    earlier in the same article.

use rasid_lexicon::Joined;
use rasid_model::Span;
use rasid_text::{Document, TokenKind, clitic};
// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

use crate::actors::{Cand, span_skipping};
use crate::facts::{COMMA, CONNECTOR, Facts, NAME_STOP, NAMING, NOT_AFTER, SPEECH, TITLE, TitleScan};
use crate::words::{clean_surface, is_comma, is_quote, is_word, strip_conj, transliterate, two_chars};
use crate::{ActorMention, PersonMention, Registry};

/// How far back from a name a role title may stand (`ممثل مفوضية الأمم
/// المتحدة لشؤون اللاجئين في سوريا سجاد مالك`).
const TITLE_REACH: usize = 10;
/// At most this many name parts (`أدريان رانكين غالاوي`, `زيد بن رعد الحسين`).
const MAX_PARTS: usize = 4;

/// A person mention before its attributes are filled in.
#[derive(Debug, Clone)]
pub(crate) struct FoundPerson {
    pub tokens: Range<usize>,
    pub span: Span,
    /// Registry person, if any.
    pub person: Option<usize>,
    pub id: String,
    pub ar: String,
    pub en: String,
    /// The role title (with its complement) before a rule-found name.
    pub title: Option<Range<usize>>,
    /// A one-word registry alias or a surname-only repeat.
    pub short: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trigger {
    /// A role title, `comma` when a comma separates it from the name.
    Title {
        at: usize,
        comma: bool,
    },
    Speech,
    Naming,
}

impl Registry {
    pub(crate) fn find_person_mentions(
        &self,
        doc: &Document,
        joined: &Joined,
        facts: &Facts,
        cands: &[Cand],
    ) -> Vec<FoundPerson> {
        let n = doc.tokens.len();
        let mut covered = vec![false; n];
        for c in cands.iter().filter(|c| c.covers_words()) {
            for t in c.tokens.clone() {
                covered[t] = true;
            }
        }
        // 1. registry
        let mut registry: Vec<FoundPerson> = Vec::new();
        let mut i = 0;
        while i < n {
            if facts.may_start_person(i)
                && let Some(m) = self.person_lex.match_at(doc, joined, i)
                && let Some(r) = self.person_lex.entries_of(m.key).next()
            {
                let p = &self.persons[r.person];
                registry.push(FoundPerson {
                    tokens: m.tokens.clone(),
                    span: m.span,
                    person: Some(r.person),
                    id: p.id.clone(),
                    ar: p.ar.clone(),
                    en: p.en.clone(),
                    title: None,
                    short: r.short,
                });
                i = m.tokens.end.max(i + 1);
            } else {
                i += 1;
            }
        }
        // 2. rules
        let mut ruled: Vec<FoundPerson> = Vec::new();
        let mut i = 0;
        while i < n {
            match self.name_at(doc, joined, facts, i, &covered) {
                Some(p) => {
                    i = p.tokens.end.max(i + 1);
                    ruled.push(p);
                }
                None => i += 1,
            }
        }
        // A registry full name beats a rule-found name over the same words;
        // a rule-found name beats a registry surname inside it (`صبحية الأسد`).
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        ruled.retain(|p| !registry.iter().any(|r| !r.short && overlaps(&r.tokens, &p.tokens)));
        registry.retain(|r| !r.short || !ruled.iter().any(|p| overlaps(&r.tokens, &p.tokens)));
        let mut found = registry;
        found.extend(ruled);
        found.sort_by_key(|p| p.tokens.start);
        // 3. surname-only repeats
        let repeats = self.surname_repeats(doc, facts, &found, &covered);
        found.extend(repeats);
        found.sort_by_key(|p| p.tokens.start);
        found
    }

    /// A given name or connector that can open a name: `Some(ambiguous)`.
    fn name_opener(&self, doc: &Document, facts: &Facts, i: usize) -> Option<bool> {
        if facts.exact(i, NAME_STOP) {
            return None;
        }
        if let Some(amb) = facts.first_name(i) {
            return Some(amb);
        }
        if let Some(amb) = facts.first_name_bare(i) {
            return Some(amb);
        }
        // "عبد الله", "أبو محمد": a connector before a name word.
        if !facts.bare(i, CONNECTOR) {
            return None;
        }
        let bare = strip_conj(doc.key(i));
        if matches!(bare, "عبد" | "ابو" | "ام") {
            let next = i + 1;
            if next < doc.tokens.len()
                && doc.tokens[next].kind == TokenKind::Arabic
                && !doc.tokens[next].newline_before
            {
                if bare == "عبد" {
                    return Some(false);
                }
                if facts.first_name(next).is_some() {
                    return Some(false);
                }
            }
        }
        None
    }

    /// Can token `t` continue a name?
    fn name_word(&self, doc: &Document, joined: &Joined, facts: &Facts, t: usize, covered: &[bool]) -> bool {
        let Some(tok) = doc.tokens.get(t) else { return false };
        if tok.kind != TokenKind::Arabic || tok.newline_before || !tok.space_before || covered[t] {
            return false;
        }
        let k = doc.key(t);
        if k.chars().count() < 2 || facts.has(t, NAME_STOP | TITLE | SPEECH) {
            return false;
        }
        let first_name = facts.first_name(t).is_some();
        // An indefinite noun or adjective (`مبعوثاً`), a noun with a pronoun
        // suffix (`منصبه`) or a verbal noun behind a preposition (`بتدخل`,
        // `لمناقشة`, `بانتخاب`) is not part of a name.
        let written = doc.slice(tok.span);
        if has_tanween(written) || (written.ends_with('ه') && k != "الله" && !first_name) {
            return false;
        }
        if let Some(rest) = k.strip_prefix(['ب', 'ل'])
            && rest.starts_with(['ا', 'ت', 'م'])
            && !first_name
        {
            return false;
        }
        if k.starts_with("لل") {
            return false;
        }
        if (k.starts_with('و') || k.starts_with('ف')) && !first_name {
            return false;
        }
        if let Some(rest) = k.strip_prefix(['ب', 'ل', 'ك'])
            && (self.name_stop.exact(rest)
                || self.ctx.titles.exact(rest)
                || self.ctx.media_descriptors.exact(rest))
        {
            return false;
        }
        // A preposition glued to a known body or person: "لسانا", "لرويترز".
        if let Some(m) = self.actor_match_at(doc, joined, facts, t)
            && !m.prefix.is_empty()
        {
            return false;
        }
        true
    }

    /// Can an unknown word open a name? Not a stop word, title or verb, and
    /// not a preposition phrase (`بريف`, `لسانا`) or a conjunction (`وهي`).
    fn first_word_ok(&self, doc: &Document, facts: &Facts, i: usize) -> bool {
        let k = doc.key(i);
        // An unknown word that opens a name looks like neither a conjunction
        // (`وهي`), a preposition phrase (`لمدة`, `للمرة`), an imperfect verb
        // (`يقتضي`), a plural verb or noun (`سيدفعون`, `أسقطوا`), nor a noun
        // with ta marbuta or a pronoun suffix (`صفعة`, `قياداته`) as written.
        // (Cheapest tests first: this runs for most words of a text.)
        if k.chars().next().is_some_and(|c| matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك' | 'ي' | 'ت'))
            || k.ends_with("وا")
            || k.ends_with("ون")
            || facts.has(i, NAME_STOP | TITLE | SPEECH | NAMING)
            || !two_chars(k)
        {
            return false;
        }
        let written = doc.slice(doc.tokens[i].span);
        !(written.ends_with('ة') || written.ends_with('ه') || has_tanween(written))
    }

    /// The name starting at token `i`: its end and number of parts.
    fn read_name(
        &self,
        doc: &Document,
        joined: &Joined,
        facts: &Facts,
        i: usize,
        covered: &[bool],
    ) -> (usize, usize) {
        let n = doc.tokens.len();
        let mut e = i + 1;
        let mut parts = 1;
        if facts.bare(i, CONNECTOR) {
            if e < n
                && doc.tokens[e].kind == TokenKind::Arabic
                && !covered[e]
                && !doc.tokens[e].newline_before
            {
                e += 1;
            } else {
                return (e, 0);
            }
        }
        while parts < MAX_PARTS && e < n && self.name_word(doc, joined, facts, e, covered) {
            // After a full name, an unambiguous given name starts the next one
            // (`وسام الحسن محمد شطح`).
            if parts >= 2 && facts.first_name(e) == Some(false) {
                break;
            }
            if facts.exact(e, CONNECTOR) {
                if self.name_word(doc, joined, facts, e + 1, covered) {
                    e += 2;
                    parts += 1;
                    continue;
                }
                break;
            }
            e += 1;
            parts += 1;
        }
        (e, parts)
    }

    /// What stands before token `i` that licenses a name there.
    fn trigger_before(&self, doc: &Document, facts: &Facts, i: usize) -> Option<Trigger> {
        let p = facts.prev_skipping_quotes(i)?;
        if is_word(doc, p) {
            if facts.has(p, NAMING) {
                return Some(Trigger::Naming);
            }
            if facts.has(p, SPEECH) {
                return Some(Trigger::Speech);
            }
        }
        // A role title, possibly followed by its complement; `comma` when a
        // comma stands right before the name (`رئيس الهيئة، فلان الفلاني`).
        let sentence = facts.sentence(i);
        let comma = facts.mark(p, COMMA);
        let mut j = p;
        for _ in 0..TITLE_REACH {
            if facts.sentence(j) != sentence {
                return None;
            }
            // A clause boundary, not the title's own words (`في`, `باسم`),
            // ends the complement.
            match facts.title_scan(j) {
                TitleScan::Title => return Some(Trigger::Title { at: j, comma }),
                TitleScan::Stop => return None,
                TitleScan::Over => {}
            }
            if j == 0 {
                return None;
            }
            j -= 1;
        }
        None
    }

    /// A person name found by rule at token `i`.
    fn name_at(
        &self,
        doc: &Document,
        joined: &Joined,
        facts: &Facts,
        i: usize,
        covered: &[bool],
    ) -> Option<FoundPerson> {
        let tok = &doc.tokens[i];
        if tok.kind != TokenKind::Arabic || covered[i] {
            return None;
        }
        let opener = self.name_opener(doc, facts, i);
        if opener.is_none() && !self.first_word_ok(doc, facts, i) {
            return None;
        }
        let trigger = self.trigger_before(doc, facts, i);
        if opener.is_none() && trigger.is_none() {
            return None;
        }
        let (end, parts) = self.read_name(doc, joined, facts, i, covered);
        if parts == 0 {
            return None;
        }
        let after = end;
        let accept = match (opener, trigger) {
            (Some(_), Some(Trigger::Naming)) => parts >= 1,
            (None, Some(Trigger::Naming)) => parts >= 2 || !doc.key(i).starts_with("ال"),
            (Some(_), Some(_)) => parts >= 2,
            (Some(ambiguous), None) => {
                !ambiguous
                    && (2..=3).contains(&parts)
                    && !facts
                        .prev_skipping_quotes(i)
                        .is_some_and(|p| is_word(doc, p) && facts.has(p, NOT_AFTER))
            }
            (None, Some(Trigger::Speech)) => {
                (2..=3).contains(&parts) && self.title_follows(doc, facts, after)
            }
            (None, Some(Trigger::Title { comma: true, .. })) => {
                (2..=3).contains(&parts)
                    && !doc.key(i).starts_with("ال")
                    && doc.tokens.get(after).is_none_or(|t| t.kind == TokenKind::Punct)
            }
            (None, _) => false,
        };
        if !accept {
            return None;
        }
        // Trim a trailing connector ("أبو" at the end is not a name).
        let mut end = end;
        while end > i + 1 && facts.exact(end - 1, CONNECTOR) {
            end -= 1;
        }
        let range = i..end;
        let first = doc.key(i);
        let skip = if facts.first_name(i).is_some() { 0 } else { first.len() - strip_conj(first).len() };
        let span = span_skipping(doc, &range, skip);
        let ar = clean_surface(doc.slice(span));
        let folded: Vec<&str> =
            range.clone().map(|t| if t == i { &first[skip..] } else { doc.key(t) }).collect();
        let slug = transliterate(&folded.join(" "));
        let title = match trigger {
            Some(Trigger::Title { at, .. }) => Some(at..i),
            _ => None,
        };
        Some(FoundPerson {
            tokens: range,
            span,
            person: None,
            id: format!("person_{slug}"),
            ar,
            en: slug,
            title,
            short: false,
        })
    }

    /// `، المتحدث باسم…`: a comma and a role title right after a name.
    fn title_follows(&self, doc: &Document, facts: &Facts, after: usize) -> bool {
        let Some(t) = doc.tokens.get(after) else { return false };
        if t.kind != TokenKind::Punct || !is_comma(doc.key(after)) {
            return false;
        }
        let mut j = after + 1;
        while j < doc.tokens.len() && doc.tokens[j].kind == TokenKind::Punct && is_quote(doc.key(j)) {
            j += 1;
        }
        j < doc.tokens.len() && is_word(doc, j) && facts.has(j, TITLE)
    }

    /// Later mentions of a person by surname only.
    fn surname_repeats(
        &self,
        doc: &Document,
        facts: &Facts,
        found: &[FoundPerson],
        covered: &[bool],
    ) -> Vec<FoundPerson> {
        let n = doc.tokens.len();
        let mut taken = vec![false; n];
        for p in found {
            for t in p.tokens.clone() {
                taken[t] = true;
            }
        }
        let mut surnames: Vec<Surname> = Vec::new();
        let mut seen_ids: HashMap<&str, ()> = HashMap::new();
        for (idx, p) in found.iter().enumerate() {
            if p.short || p.tokens.len() < 2 || seen_ids.insert(p.id.as_str(), ()).is_some() {
                continue;
            }
            let last = p.tokens.end - 1;
            let from = if last >= p.tokens.start + 2 && self.ctx.connectors.exact(doc.key(last - 1)) {
                last - 1
            } else {
                last
            };
            let words: Vec<&str> = (from..=last).map(|t| doc.key(t)).collect();
            let single = words.len() == 1;
            let w0 = words[0];
            if w0.chars().count() < 3 || self.name_stop.has(w0) || (single && self.ctx.connectors.exact(w0)) {
                continue;
            }
            // Registry people may be named by surname before their full
            // name (a lead paragraph); people found by rule only after.
            let from = if p.person.is_some() { 0 } else { p.tokens.end };
            let tail = w0.strip_prefix("ال").unwrap_or(w0);
            surnames.push(Surname { words, tail, from, idx });
        }
        if surnames.is_empty() {
            return Vec::new();
        }
        // The last bytes the surnames' first words end with: a token ending
        // otherwise is none of them (see `first_word_matches`).
        let mut last_bytes = [false; 256];
        for surname in &surnames {
            if let Some(&b) = surname.tail.as_bytes().last() {
                last_bytes[b as usize] = true;
            }
        }
        let mut out = Vec::new();
        let mut t = 0;
        'scan: while t < n {
            if taken[t] || covered[t] || doc.tokens[t].kind != TokenKind::Arabic {
                t += 1;
                continue;
            }
            let key = doc.key(t);
            if !key.as_bytes().last().is_some_and(|&b| last_bytes[b as usize]) {
                t += 1;
                continue;
            }
            for surname in &surnames {
                let words = &surname.words;
                // (`first_word_matches` needs the token to end like the
                // surname: its last byte is a quick first test.)
                if t < surname.from
                    || t + words.len() > n
                    || key.as_bytes().last() != surname.tail.as_bytes().last()
                {
                    continue;
                }
                let Some(skip) = first_word_matches(key, words[0]) else { continue };
                if !(1..words.len()).all(|k| doc.key(t + k) == words[k] && !covered[t + k] && !taken[t + k]) {
                    continue;
                }
                let end = t + words.len();
                // Not the start of a longer, different name.
                if end < n && words.len() == 1 && facts.first_name(t).is_some() {
                    continue;
                }
                // A surname that is also a given name only after a speech verb.
                if words.len() == 1
                    && self.first_names.contains_key(words[0])
                    && !facts.prev_skipping_quotes(t).is_some_and(|p| facts.has(p, SPEECH))
                {
                    continue;
                }
                let p = &found[surname.idx];
                let range = t..end;
                out.push(FoundPerson {
                    tokens: range.clone(),
                    span: span_skipping(doc, &range, skip),
                    person: p.person,
                    id: p.id.clone(),
                    ar: p.ar.clone(),
                    en: p.en.clone(),
                    title: None,
                    short: true,
                });
                t = end;
                continue 'scan;
            }
            t += 1;
        }
        out
    }

    /// Fill in `speaks_for` and `role`, in text order.
    pub(crate) fn finish_persons(
        &self,
        doc: &Document,
        found: Vec<FoundPerson>,
        actors: &[ActorMention],
        cands: &[Cand],
    ) -> Vec<PersonMention> {
        let mut known: HashMap<String, (Option<String>, Option<String>)> = HashMap::new();
        let mut out = Vec::with_capacity(found.len());
        for p in found {
            let (speaks_for, role) = if let Some(idx) = p.person {
                let reg = &self.persons[idx];
                (reg.speaks_for.clone(), reg.role.clone())
            } else if let Some((s, r)) = known.get(&p.id) {
                (s.clone(), r.clone())
            } else {
                let mut speaks_for = None;
                let mut role = None;
                if let Some(title) = &p.title {
                    speaks_for = actors
                        .iter()
                        .find(|a| a.tokens.start >= title.start && a.tokens.end <= p.tokens.start)
                        .map(|a| a.actor_id.clone());
                    if title.start < title.end {
                        let span =
                            Span::new(doc.tokens[title.start].span.start, doc.tokens[title.end - 1].span.end);
                        let text = clean_surface(doc.slice(span));
                        let text = text.trim_end_matches([',', '،', ' ']).to_string();
                        role = (!text.is_empty()).then_some(text);
                    }
                }
                if speaks_for.is_none() {
                    // A role title dropped for standing before this name.
                    speaks_for = cands
                        .iter()
                        .filter(|c| c.dropped)
                        .find(|c| crate::actors::next_name_start(doc, c.tokens.end) == Some(p.tokens.start))
                        .and_then(|c| c.registry_actor())
                        .map(|a| self.actors[a].actor.id.clone());
                }
                known.insert(p.id.clone(), (speaks_for.clone(), role.clone()));
                (speaks_for, role)
            };
            out.push(PersonMention {
                tokens: p.tokens,
                span: p.span,
                id: p.id,
                ar: p.ar,
                en: p.en,
                speaks_for,
                role,
            });
        }
        out
    }
}

/// A surname to look for again (`surname_repeats`).
struct Surname<'d> {
    /// Its words (folded): the last word of the full name, with a connector
    /// before it (`عبد الرحمن`).
    words: Vec<&'d str>,
    /// The first word without its article: every spelling of it that
    /// `first_word_matches` accepts ends so.
    tail: &'d str,
    /// The first token where a repeat may stand.
    from: usize,
    /// The full mention in `found`.
    idx: usize,
}

/// Tanween (ً ٌ ٍ) marks an indefinite noun or adjective, never a name.
fn has_tanween(written: &str) -> bool {
    // U+064B..=U+064D are D9 8B..=D9 8D in UTF-8; a lead byte and the
    // continuation byte after it always belong to one character. Most words
    // have no byte 8B..=8D at all: eight bytes at a time rule that out
    // before the exact test.
    let b = written.as_bytes();
    let exact = || b.windows(2).any(|w| w[0] == 0xD9 && (0x8B..=0x8D).contains(&w[1]));
    if b.len() < 8 {
        return exact();
    }
    let may_hold = |x: u64| {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
        // a byte 8B, or a byte 8C/8D (8C once the low bit is cleared)
        has_zero(x ^ (0x8B * ONES)) || has_zero((x & (0xFE * ONES)) ^ (0x8C * ONES))
    };
    let word_at = |at: usize| {
        let mut x = [0; 8];
        x.copy_from_slice(&b[at..at + 8]);
        u64::from_le_bytes(x)
    };
    // whole words, then the last eight bytes (overlapping)
    let any = (0..b.len() / 8).any(|k| may_hold(word_at(8 * k))) || may_hold(word_at(b.len() - 8));
    any && exact()
}

/// Does a token spell `surname`, possibly behind proclitics (`وحمصي`,
/// `للحريري`)? Returns the folded bytes to leave out of the span.
fn first_word_matches(token: &str, surname: &str) -> Option<usize> {
    if token == surname {
        return Some(0);
    }
    // Every reading's rest ends the token, and is the surname (or the
    // surname without its article after `لل`): most tokens end otherwise,
    // and need no peeling.
    if !token.ends_with(surname.strip_prefix("ال").unwrap_or(surname)) {
        return None;
    }
    for peel in clitic::peels(token) {
        if peel.prefix.is_empty() {
            continue;
        }
        if peel.elided_article {
            if surname.strip_prefix("ال") == Some(peel.rest) {
                return Some(peel.prefix_len() - "لل".len());
            }
        } else if peel.rest == surname {
            return Some(peel.prefix_len());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::Registry;
    use rasid_lexicon::Joined;
    use rasid_text::Document;

    fn persons(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let joined = Joined::new(&doc);
        Registry::builtin()
            .find_persons(&doc, &joined)
            .into_iter()
            .map(|m| (doc.slice(m.span).to_string(), m.ar))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn registry_names_and_variants() {
        assert_eq!(
            persons("وقال الرئيس التركي رجب طيب إردوغان إن إردوغان"),
            pairs(&[("رجب طيب إردوغان", "رجب طيب أردوغان"), ("إردوغان", "رجب طيب أردوغان")])
        );
        assert_eq!(persons("يحاصر نظام الأسد المدينة"), pairs(&[("الأسد", "بشار الأسد")]));
    }

    #[test]
    fn names_after_titles_and_speech() {
        assert_eq!(
            persons("وأوضح مدير المستشفى الطبيب مازن الخطيب للصحفيين أن"),
            pairs(&[("مازن الخطيب", "مازن الخطيب")])
        );
        assert_eq!(
            persons("وقالت مسؤولة محلية تدعى روان سليمان إن"),
            pairs(&[("روان سليمان", "روان سليمان")])
        );
        assert_eq!(persons("وقال نصر العلي، المتحدث باسم المجلس، إن"), pairs(&[("نصر العلي", "نصر العلي")]));
    }

    #[test]
    fn ambiguous_given_names_need_a_trigger() {
        assert!(persons("حقق الجيش نصر كبير في المعركة").is_empty());
        assert!(persons("سقطت القذيفة على سوق المدينة").is_empty());
    }

    #[test]
    fn tanween_bytes() {
        for w in [
            "مبعوثاً",
            "مبعوثا",
            "كتابٌ",
            "كتابٍ",
            "كتاب",
            "",
            "a\u{064C}b",
            "\u{064E}",
            "المستشفياتُ الميدانيةٌ",
            "المستشفيات الميدانيةٍ",
            "المستشفيات الميدانية",
            "abcdefgh\u{064B}",
            "\u{064D}abcdefghijklmnop",
            "abcdefghijkl\u{060C}",
        ] {
            assert_eq!(super::has_tanween(w), w.chars().any(|c| matches!(c, '\u{064B}'..='\u{064D}')), "{w}");
        }
    }

    #[test]
    fn surname_repeats() {
        assert_eq!(
            persons("قال الناشط مازن الخطيب إن القصف مستمر. وأضاف الخطيب أن"),
            pairs(&[("مازن الخطيب", "مازن الخطيب"), ("الخطيب", "مازن الخطيب")])
        );
    }

    #[test]
    fn names_inside_bodies_are_not_persons() {
        assert!(persons("سيطرت حركة نور الدين الزنكي على القرية").is_empty());
    }

    #[test]
    fn speaks_for_from_title() {
        let doc = Document::new("وقال مدير المرصد السوري لحقوق الإنسان مازن الخطيب إن");
        let joined = Joined::new(&doc);
        let found = Registry::builtin().find_persons(&doc, &joined);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].speaks_for.as_deref(), Some("sohr"));
    }
}
