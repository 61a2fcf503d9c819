//! Finding places in a document: lexicon matches, then the context that says
//! whether each is a place and which of its homonyms it is.
//!
//! 1. **Scan.** Left to right, at each token: a blocked phrase
//!    (`not_places.tsv`) swallows its words; otherwise the longest place name
//!    starting there (clitics peeled by `rasid-lexicon`).
//! 2. **Context before the name.** Skipping directional words (`شمال غرب`)
//!    and, after a descriptor, nisba adjectives (`العاصمة السورية دمشق`): a
//!    descriptor (`مدينة`, `بلدات`, `ريف`), a preposition (`في`, `قرب`, or a
//!    `ب`/`ل` proclitic on the name), a sentence start, a definite word.
//! 3. **Gates.** A name is reported if one of its places' gates is satisfied
//!    ([`Gate`]); list neighbours (`بنش وطعوم`) and a place right after
//!    (`الهبيط بريف إدلب`) count as context, so acceptance is iterated until
//!    nothing changes.
//! 4. **Homonyms.** Candidates are scored: descriptor kind (`مدينة إدلب` is the
//!    city), the governorate of a place right after the name, the governorates
//!    and countries of the unambiguous places of the article, built-in over
//!    imported, priority, population.

use crate::names::norm_ar;
use crate::rules::{BlockWhen, Gate, rules};
use crate::{Gazetteer, Place, PlaceKind, PlaceMention};
use rasid_lexicon::Joined;
use rasid_model::Span;
use rasid_text::{Document, TokenKind, clitic};
// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt};
use std::ops::Range;

/// Directional words skipped between a context word and the name.
const MAX_DIRECTIONS: usize = 3;
/// Adjectives skipped between a descriptor and the name.
const MAX_BETWEEN: usize = 2;
/// Connecting words allowed between a name and a place right after it.
const MAX_RIGHT_GAP: usize = 3;

/// A name found by the lexicon, with its context.
#[derive(Debug)]
struct Raw {
    tokens: Range<usize>,
    span: Span,
    /// Candidate places and their gates.
    cands: Vec<(usize, Gate)>,
    /// Descriptor class before the name.
    desc: Option<usize>,
    /// A preposition, a direction or a descriptor before the name.
    prep: bool,
    /// A `ب`/`ل` proclitic on the name (`بدوما`, `لسورية`). Weaker than a
    /// preposition word: peeling invents readings (`لسان` → ل + `سان`), so it
    /// only counts for built-in names.
    clitic_prep: bool,
    /// At a sentence or line start, or right after punctuation.
    start: bool,
    /// Right after a definite word (`الحكومة السعودية`).
    after_definite: bool,
    /// The name starts with the article (`العراقية`): after a definite word
    /// it reads as an agreeing adjective (`العاصمة العراقية`).
    definite: bool,
    /// Joined to the previous name by a list word: a conjunction (`بنش
    /// وطعوم`) or only punctuation (`زملكا، عربين`, which may also be an
    /// apposition: `دوما، أبرز مدن الغوطة`).
    listed_with_prev: Link,
    /// Index of the previous name's last token + 1 (0 for the first name).
    prev_end: usize,
    /// Some reading is a place inside a country (not a country, not abroad):
    /// only such names lend list or right context to village names
    /// (`بنش وطعوم`, `تل حمكي بريف جسر الشغور`), not `سوريا وحدث`.
    local: bool,
    /// Index of a name that follows this one after prepositions / directions
    /// / descriptors only (`الكوم بريف اللاذقية`).
    right: Option<usize>,
    accepted: bool,
}

/// A reading of the word (see [`crate::rules::forms`]) has the article and more than one
/// letter after it. Reads the peels in place: no form is built.
fn is_definite(word: &str) -> bool {
    clitic::peel_list(word).iter().any(|p| {
        if p.elided_article {
            // the form is `ال` + rest
            p.rest.chars().count() > 1
        } else {
            p.rest.starts_with("ال") && p.rest.chars().count() > 3
        }
    })
}

fn is_blocked(doc: &Document, tokens: &Range<usize>, when: BlockWhen) -> bool {
    match when {
        BlockWhen::Always => true,
        BlockWhen::Media => {
            let r = rules();
            let s = tokens.start;
            let e = tokens.end;
            let before = s.checked_sub(1).map(|j| (doc.tokens[j].kind, doc.key(j)));
            let after = (e < doc.tokens.len()).then(|| (doc.tokens[e].kind, doc.key(e)));
            let opening = |k: &str| matches!(k, "«" | "\"" | "“" | "'" | "‘" | "(");
            let closing = |k: &str| matches!(k, "»" | "\"" | "”" | "'" | "’" | ")");
            before.is_some_and(|(kind, k)| (kind == TokenKind::Punct && opening(k)) || r.is_media(k))
                || after.is_some_and(|(kind, k)| kind == TokenKind::Punct && closing(k))
        }
    }
}

/// Context words before token `s` (the name's first token).
fn context_before(doc: &Document, s: usize, prefix: &str, raw: &mut Raw) {
    let r = rules();
    if prefix.contains('ب') || prefix.contains('ل') {
        raw.clitic_prep = true;
    }
    let tokens = &doc.tokens;
    let sentence = &doc.sentences[doc.sentence_of(s)];
    raw.start = s == sentence.tokens.start
        || tokens[s].newline_before
        || s.checked_sub(1).is_some_and(|j| tokens[j].kind == TokenKind::Punct);
    if let Some(j) = s.checked_sub(1)
        && tokens[j].kind == TokenKind::Arabic
    {
        raw.after_definite = is_definite(doc.key(j)) && !r.is_direction(doc.key(j));
    }
    // Walk back over directions, then look for a descriptor or preposition;
    // adjectives may sit between a descriptor and the name.
    let mut j = s;
    let mut directions = 0;
    while j > 0
        && directions < MAX_DIRECTIONS
        && tokens[j - 1].kind == TokenKind::Arabic
        && r.is_direction(doc.key(j - 1))
    {
        j -= 1;
        directions += 1;
    }
    if directions > 0 {
        raw.prep = true;
    }
    let Some(prev) = j.checked_sub(1) else { return };
    if tokens[prev].kind != TokenKind::Arabic {
        return;
    }
    let word = doc.key(prev);
    if let Some(class) = r.descriptor_of(word) {
        raw.desc = Some(class);
        raw.prep = true;
        return;
    }
    if r.is_preposition(word) {
        raw.prep = true;
        return;
    }
    // `العاصمة السورية دمشق`: up to two adjectives after a descriptor.
    let mut k = prev + 1;
    let mut between = 0;
    while k > raw.prev_end && between < MAX_BETWEEN && tokens[k - 1].kind == TokenKind::Arabic {
        let w = doc.key(k - 1);
        let adjective = r.between.contains(w) || (is_definite(w) && (w.ends_with("يه") || w.ends_with("ي")));
        if !adjective {
            break;
        }
        k -= 1;
        between += 1;
        if let Some(d) = k.checked_sub(1).filter(|&d| tokens[d].kind == TokenKind::Arabic)
            && let Some(class) = r.descriptor_of(doc.key(d))
        {
            raw.desc = Some(class);
            raw.prep = true;
            return;
        }
    }
}

/// How two neighbouring names are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Link {
    None,
    /// Punctuation only (`زملكا، عربين`).
    Comma,
    /// A conjunction (`بنش وطعوم`, `زملكا، وعربين`).
    Conjunction,
}

/// Is `b` the next item of a list that `a` is in (`a وb`, `a، b`)?
fn listed(doc: &Document, a: &Raw, b: &Raw, b_prefix: &str) -> Link {
    let r = rules();
    if b.tokens.start < a.tokens.end {
        return Link::None;
    }
    let gap = a.tokens.end..b.tokens.start;
    let conj_prefix = b_prefix.starts_with('و');
    if gap.is_empty() {
        return if conj_prefix { Link::Conjunction } else { Link::None };
    }
    if gap.len() > 2 || !gap.clone().all(|j| r.list_words.contains(doc.key(j))) {
        return Link::None;
    }
    let conj_word = gap.clone().any(|j| doc.tokens[j].kind == TokenKind::Arabic);
    if conj_prefix || conj_word { Link::Conjunction } else { Link::Comma }
}

/// Context lent by neighbouring names.
#[derive(Debug, Clone, Copy, Default)]
struct Lent {
    /// The previous item of the same list is a place (`منطقتي الكوم وكتف الغدر`).
    listed_left: bool,
    /// … and joined by a conjunction, not only a comma.
    conj_left: bool,
    /// The next item of the same list is a place.
    listed_right: bool,
    /// A place follows after prepositions / directions (`تل حمكي بريف جسر الشغور`).
    right: bool,
}

fn passes(gate: Gate, raw: &Raw, builtin: bool, lent: Lent) -> bool {
    let listed = lent.listed_left || lent.listed_right;
    // `الفرقة الذهبية`, `العاصمة العراقية`: a definite word after a definite
    // word agrees with it; imported village names of that shape are adjectives here.
    if !builtin && gate != Gate::Free && raw.after_definite && raw.definite {
        return false;
    }
    match gate {
        Gate::Free => true,
        Gate::AdjDef => !raw.after_definite,
        Gate::Adjective => raw.desc.is_some() || raw.prep || raw.clitic_prep || raw.start || listed,
        // A preposition is enough for a well-known (built-in) name: `في المرج`.
        // Imported village names need more, since news is full of `في` +
        // noun and thousands of villages are named after nouns (`من العمر`,
        // `في خطاب`): a descriptor, a list with a place, a place right after.
        Gate::Weak if builtin => raw.desc.is_some() || raw.prep || raw.clitic_prep || listed || lent.right,
        Gate::Weak => raw.desc.is_some() || listed || lent.right,
        Gate::Strong => raw.desc.is_some() || lent.conj_left,
        Gate::Never => false,
    }
}

fn lent(raws: &[Raw], k: usize) -> Lent {
    let lends = |x: usize| raws[x].accepted && raws[x].local;
    let left = k > 0 && lends(k - 1);
    Lent {
        listed_left: left && raws[k].listed_with_prev != Link::None,
        conj_left: left && raws[k].listed_with_prev == Link::Conjunction,
        listed_right: k + 1 < raws.len() && raws[k + 1].listed_with_prev != Link::None && lends(k + 1),
        right: raws[k].right.is_some_and(lends),
    }
}

pub fn find_places(g: &Gazetteer, doc: &Document, joined: &Joined) -> Vec<PlaceMention> {
    let r = rules();
    let n = doc.tokens.len();
    let mut raws: Vec<Raw> = Vec::new();
    let mut prefixes: Vec<&'static str> = Vec::new();
    let mut i = 0;
    while i < n {
        // most words start neither a blocked phrase nor a name
        if !g.blockers.may_start_at(joined, i) && !g.lexicon.may_start_at(joined, i) {
            i += 1;
            continue;
        }
        if let Some(b) = g.blockers.match_at(doc, joined, i) {
            let when = g
                .blockers
                .entries_of(b.key)
                .copied()
                .fold(BlockWhen::Media, |acc, w| if w == BlockWhen::Always { w } else { acc });
            if is_blocked(doc, &b.tokens, when) {
                i = b.tokens.end;
                continue;
            }
        }
        let Some(m) = g.lexicon.match_at(doc, joined, i) else {
            i += 1;
            continue;
        };
        let mut cands: Vec<(usize, Gate)> = Vec::new();
        for e in g.lexicon.entries_of(m.key) {
            let place = e.place as usize;
            match cands.iter_mut().find(|(p, _)| *p == place) {
                Some(c) => c.1 = c.1.min(e.gate),
                None => cands.push((place, e.gate)),
            }
        }
        let local = cands.iter().any(|&(p, _)| {
            let place = g.place(p);
            place.kind != PlaceKind::Country && place.country.as_deref() == Some("SY")
        });
        let mut raw = Raw {
            tokens: m.tokens.clone(),
            span: m.span,
            cands,
            desc: None,
            prep: false,
            clitic_prep: false,
            start: false,
            after_definite: false,
            definite: {
                let first = doc.key(m.tokens.start).get(m.prefix.len()..).unwrap_or("");
                first.starts_with("ال") || m.prefix.ends_with("لل")
            },
            listed_with_prev: Link::None,
            prev_end: raws.last().map_or(0, |p: &Raw| p.tokens.end),
            right: None,
            accepted: false,
            local,
        };
        context_before(doc, m.tokens.start, m.prefix, &mut raw);
        i = m.tokens.end;
        raws.push(raw);
        prefixes.push(m.prefix);
    }
    if raws.is_empty() {
        return Vec::new();
    }

    // List links and right neighbours.
    for k in 1..raws.len() {
        let l = listed(doc, &raws[k - 1], &raws[k], prefixes[k]);
        raws[k].listed_with_prev = l;
    }
    for k in 0..raws.len().saturating_sub(1) {
        let gap = raws[k].tokens.end..raws[k + 1].tokens.start;
        let connected = gap.len() <= MAX_RIGHT_GAP
            && gap.clone().all(|j| {
                doc.tokens[j].kind == TokenKind::Arabic && {
                    let w = doc.key(j);
                    r.is_preposition(w) || r.is_direction(w) || r.descriptor_of(w).is_some()
                }
            })
            && (!gap.is_empty() || prefixes[k + 1].contains('ب'));
        if connected {
            raws[k].right = Some(k + 1);
        }
    }

    // Acceptance, iterated: list neighbours and right neighbours lend context.
    loop {
        let mut changed = false;
        for k in 0..raws.len() {
            if raws[k].accepted {
                continue;
            }
            let lent = lent(&raws, k);
            let raw = &raws[k];
            if raw.cands.iter().any(|&(p, gate)| passes(gate, raw, g.place(p).source == "builtin", lent)) {
                raws[k].accepted = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    // Votes of the unambiguous names: governorates and countries.
    let mut admin_votes: HashMap<&str, f64> = HashMap::new();
    let mut country_votes: HashMap<&str, f64> = HashMap::new();
    for raw in raws.iter().filter(|r| r.accepted) {
        let Some(&(first, _)) = raw.cands.first() else { continue };
        let p = g.place(first);
        // one referent: every candidate is the same place as the first
        if raw.cands.iter().all(|&(q, _)| same_referent(p, g.place(q))) {
            if let Some(a) = &p.admin1 {
                *admin_votes.entry(a.as_str()).or_default() += 1.0;
            }
            if let Some(c) = &p.country {
                *country_votes.entry(c.as_str()).or_default() += 1.0;
            }
        }
    }

    let mut out = Vec::new();
    for (k, raw) in raws.iter().enumerate() {
        if !raw.accepted {
            continue;
        }
        let lent = lent(&raws, k);
        let right_place = raw.right.filter(|&x| raws[x].accepted).map(|x| &raws[x]);
        let mut scored: Vec<(f64, f64, usize)> = Vec::new(); // (score, evidence, place)
        for &(p, gate) in &raw.cands {
            let place = g.place(p);
            let mut evidence = 0.0;
            if let Some(d) = raw.desc
                && r.classes[d].prefer.contains(&place.kind)
            {
                evidence += 4.0;
            }
            if let Some(rp) = right_place {
                let same_admin = place.admin1.is_some()
                    && rp.cands.iter().any(|&(q, _)| g.place(q).admin1 == place.admin1 && q != p);
                let same_country =
                    rp.cands.iter().any(|&(q, _)| g.place(q).country == place.country && q != p);
                if same_admin {
                    evidence += 5.0;
                } else if same_country {
                    evidence += 1.0;
                }
            }
            if let Some(a) = &place.admin1 {
                evidence += admin_votes.get(a.as_str()).copied().unwrap_or(0.0).min(4.0) * 0.75;
            }
            // Country votes tell foreign homonyms apart (Tripoli in Lebanon or
            // Libya); every Syrian place would get Syria's.
            if let Some(c) = place.country.as_deref().filter(|&c| c != "SY") {
                evidence += country_votes.get(c).copied().unwrap_or(0.0).min(4.0) * 0.5;
            }
            let builtin = place.source == "builtin";
            let mut score = evidence;
            if !passes(gate, raw, builtin, lent) {
                score -= 3.0;
            }
            if builtin {
                score += 2.5;
            }
            // A country's or capital's name is the country or capital far more
            // often than a village of the same name.
            if builtin && place.kind.can_stand_for_state() {
                score += 1.5;
            }
            score += f64::from(place.priority);
            if place.kind.is_settlement() {
                score += 0.3;
            }
            score += (place.population.unwrap_or(0) as f64 + 1.0).log10() * 0.05;
            scored.push((score, evidence, p));
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
        let Some(&(_, best_evidence, best)) = scored.first() else { continue };
        let best_place = g.place(best);
        let rivals: Vec<(f64, usize)> = scored[1..]
            .iter()
            .filter(|s| !same_referent(best_place, g.place(s.2)))
            .map(|s| (s.1, s.2))
            .collect();
        let ambiguous = rivals.iter().any(|&(ev, _)| ev >= best_evidence);
        let may_be_state = best_place.kind.can_stand_for_state() && !locative(doc, &raws, &prefixes, k);
        out.push(PlaceMention {
            tokens: raw.tokens.clone(),
            span: raw.span,
            place: best,
            ambiguous,
            alternatives: rivals.iter().map(|&(_, p)| p).collect(),
            may_be_state,
        });
    }
    out
}

/// Is a name used as a location: a locative word or `ب`/`ل` before it, a
/// descriptor, a dateline (`موسكو، روسيا`, `عين اليوم – بغداد`), or an item
/// of a list whose first item is?
fn locative(doc: &Document, raws: &[Raw], prefixes: &[&str], k: usize) -> bool {
    let r = rules();
    let raw = &raws[k];
    let prefix = &prefixes[k];
    if raw.desc.is_some() || prefix.contains('ب') || prefix.contains('ل') {
        return true;
    }
    let s = raw.tokens.start;
    let e = raw.tokens.end;
    let mut j = s;
    while j > 0 && doc.tokens[j - 1].kind == TokenKind::Arabic && r.is_direction(doc.key(j - 1)) {
        j -= 1;
    }
    if j < s {
        return true;
    }
    if let Some(prev) = s.checked_sub(1) {
        let kind = doc.tokens[prev].kind;
        if kind == TokenKind::Arabic && r.is_locative(doc.key(prev)) {
            return true;
        }
        if kind == TokenKind::Punct && matches!(doc.key(prev), "-" | "–" | "—") {
            return true;
        }
        // `بالعاصمة السعودية، الرياض`: a descriptor, an adjective, a comma
        if kind == TokenKind::Punct && matches!(doc.key(prev), "،" | ",") {
            let described = (prev.saturating_sub(2)..prev)
                .any(|d| doc.tokens[d].kind == TokenKind::Arabic && r.descriptor_of(doc.key(d)).is_some());
            if described {
                return true;
            }
        }
    }
    let line_start = s == 0 || doc.tokens[s].newline_before;
    let next_is_separator = e < doc.tokens.len()
        && doc.tokens[e].kind == TokenKind::Punct
        && matches!(doc.key(e), "،" | "," | "-" | "–" | "(");
    if line_start && next_is_separator {
        return true;
    }
    // `موسكو، روسيا`: the second place of a dateline
    if k > 0 && raws[k].listed_with_prev == Link::Comma && {
        let first = raws[k - 1].tokens.start;
        first == 0 || doc.tokens[first].newline_before
    } {
        return true;
    }
    // `في روسيا وتركيا`: the list's first item decides
    let mut first = k;
    while first > 0 && raws[first].listed_with_prev != Link::None && raws[first - 1].accepted {
        first -= 1;
    }
    first != k && locative(doc, raws, prefixes, first)
}

/// Places that are "the same referent" for ambiguity: the same normalised
/// name in the same governorate (a city and its governorate, a town and its
/// district) or, abroad, the same country. The area is compared first and
/// the names as written next: normalising a name costs a reading of it, and
/// most pairs differ in area or share their written name.
fn same_referent(a: &Place, b: &Place) -> bool {
    fn area(p: &Place) -> &str {
        p.admin1.as_deref().or(p.country.as_deref()).unwrap_or("")
    }
    area(a) == area(b) && (a.ar == b.ar || norm_ar(&a.ar) == norm_ar(&b.ar))
}
