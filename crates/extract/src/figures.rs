//! Figures: which numbers count people, attacks, vehicles, aid or territory,
//! what they count (category, who), and the words they were read from.
//!
//! Input: the number phrases of `rasid-numbers` and the rule tables. A number
//! is a figure when its counted noun is one of people/attacks/vehicles/aid
//! (or, with no noun, when an event word governs it: "إصابة 38"), and not a
//! year, date, duration, distance, age or law number. Its category comes from
//! the noun itself (قتيل), else from the nearest event word of its sentence
//! (مقتل، نزح، إجلاء), else from the figure it breaks down (بينهم).

use rasid_model::{Approx, Span};
use rasid_numbers::{NumberForm, NumberPhrase};
use std::ops::Range;

use crate::analysis::Analysis;
use crate::tables::{CueWhere, NonFigureContext, Noun, NounClass, SpanWord, Tables};

/// A figure before attribution, place and period are known.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Tokens of the whole figure (approximation words to counted noun).
    pub tokens: Range<usize>,
    pub span: Span,
    /// Tokens of the number phrase.
    pub number: Range<usize>,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: Approx,
    pub category: &'static str,
    pub who: Option<&'static str>,
    /// Index of the figure this one breaks down ("بينهم 12 طفلا").
    pub part_of: Option<usize>,
    /// Introduced as a part of another figure ("بينهم", "منهم").
    pub breakdown: bool,
}

/// Maximum distance in tokens between a category word and the number it governs.
const CUE_BEFORE_WINDOW: usize = 15;
const CUE_AFTER_WINDOW: usize = 6;
/// A count of people with no event word at all is kept (as `other`) only from
/// this size up: small ones are descriptions ("أم لثمانية أطفال").
const BARE_PERSON_COUNT_MIN: f64 = 100.0;

/// Pseudo-categories of the cue table: context, not a category.
const CONTEXTS: &[&str] = &["evacuation_context", "corridor_context", "territory_context", "siege_context"];

struct NounAt<'t> {
    tokens: Range<usize>,
    noun: &'t Noun,
    /// The word carried the conjunction و ("ومدنيا").
    conj: bool,
}

fn noun_at<'t>(a: &Analysis, tables: &'t Tables, t: usize) -> Option<NounAt<'t>> {
    let m = a.nouns.at(t)?;
    let noun = tables.nouns.entries_of(m.key).next()?;
    let prefix = m.prefix;
    Some(NounAt {
        tokens: m.tokens.clone(), noun, conj: prefix.starts_with('و') || prefix.starts_with('ف')
    })
}

fn span_word(a: &Analysis, tables: &Tables, t: usize, want: SpanWord) -> Option<Range<usize>> {
    let m = a.span_words.at(t)?;
    tables.span_words.entries_of(m.key).any(|w| *w == want).then(|| m.tokens.clone())
}

fn is_year_like(np: &NumberPhrase) -> bool {
    np.form == NumberForm::Digits
        && np.value.fract() == 0.0
        && (1900.0..=2100.0).contains(&np.value)
        && np.decimal_reading.is_none()
}

/// The counted noun of a number phrase: right after it (a quotation mark may
/// sit between: `47" قتيلاً`), through a partitive (`27 من بين القتلى`,
/// `73 من المصابين`), or right before a definite number (`القتلى الـ35`).
fn counted_noun<'t>(a: &Analysis, tables: &'t Tables, np: &NumberPhrase) -> Option<NounAt<'t>> {
    let mut t = np.tokens.end;
    if a.is_quote(t) && !a.doc.tokens.get(t + 1).is_some_and(|x| x.newline_before) {
        t += 1;
    }
    if let Some(n) = noun_at(a, tables, t) {
        return Some(n);
    }
    if span_word(a, tables, t, SpanWord::Partitive).is_some() {
        let mut u = t + 1;
        if a.doc.tokens.get(u).is_some() && a.key(u) == "بين" {
            u += 1;
        }
        if let Some(n) = noun_at(a, tables, u)
            && n.noun.class == NounClass::Person
        {
            return Some(n);
        }
    }
    if np.definite && np.tokens.start > 0 {
        let m = a.nouns.covering(np.tokens.start - 1)?;
        let noun = tables.nouns.entries_of(m.key).next()?;
        return Some(NounAt { tokens: m.tokens.clone(), noun, conj: false });
    }
    None
}

/// The context word right before a number that rules it out.
fn nonfigure_before(a: &Analysis, tables: &Tables, np: &NumberPhrase) -> Option<NonFigureContext> {
    let t = np.tokens.start.checked_sub(1)?;
    let m = a.nonfigure.covering(t)?;
    if m.tokens.end != np.tokens.start {
        return None;
    }
    tables.nonfigure.entries_of(m.key).next().copied()
}

/// A category word of the figure's sentence and its distance to the figure.
struct CueHit {
    category: &'static str,
    distance: usize,
    /// Token right after the cue (for "القتلى المدنيين").
    after: usize,
}

fn cues_near(a: &Analysis, tables: &Tables, number: &Range<usize>, end: usize) -> Vec<CueHit> {
    let sentence = a.sentence_range(number.start);
    let mut out = Vec::new();
    for m in a.cues.within(sentence.clone()) {
        for cue in tables.cues.entries_of(m.key) {
            let (d, window) = if m.tokens.end <= number.start {
                if cue.place == CueWhere::After {
                    continue;
                }
                (number.start - m.tokens.end, CUE_BEFORE_WINDOW)
            } else if m.tokens.start >= end {
                if cue.place == CueWhere::Before {
                    continue;
                }
                // a cue after the figure counts a little less than one before it
                (m.tokens.start - end + 1, CUE_AFTER_WINDOW)
            } else {
                continue;
            };
            if d <= window {
                out.push(CueHit { category: cue.category, distance: d, after: m.tokens.end });
            }
        }
    }
    out
}

fn nearest_category(hits: &[CueHit]) -> Option<&CueHit> {
    hits.iter().filter(|h| !CONTEXTS.contains(&h.category)).min_by_key(|h| h.distance)
}

fn sentence_has(a: &Analysis, tables: &Tables, t: usize, category: &str) -> bool {
    let sentence = a.sentence_range(t);
    a.cues.within(sentence).any(|m| tables.cues.entries_of(m.key).any(|c| c.category == category))
}

/// Where the span of a figure ends, and what the words after the counted
/// noun say about who was counted.
#[derive(Default)]
struct Tail {
    end: usize,
    civilians: bool,
    soldiers: bool,
    families: bool,
    /// who-values of nouns joined with و, in a partitive, or after بين
    others: Vec<&'static str>,
}

fn extend_tail(
    a: &Analysis,
    tables: &Tables,
    mut end: usize,
    person: bool,
    skip: Option<&Range<usize>>,
) -> Tail {
    let mut tail = Tail::default();
    let n = a.doc.tokens.len();
    for _ in 0..10 {
        if end >= n || a.doc.tokens[end].newline_before {
            break;
        }
        // jump over a postposed approximation the number phrase already read
        if let Some(r) = skip
            && r.start == end
        {
            end = r.end;
            continue;
        }
        if person {
            // "مسلح ومدني", "عسكرياً ومدنياً": a second counted noun
            if let Some(x) = noun_at(a, tables, end)
                && x.conj
                && x.noun.class == NounClass::Person
                && x.noun.who != Some("inherit")
            {
                tail.others.extend(x.noun.who);
                end = x.tokens.end;
                continue;
            }
        }
        if let Some(r) = span_word(a, tables, end, SpanWord::WhoCivilians) {
            tail.civilians = true;
            end = r.end;
            continue;
        }
        if let Some(r) = span_word(a, tables, end, SpanWord::WhoFightersFamilies) {
            tail.families = true;
            end = r.end;
            continue;
        }
        if let Some(r) = span_word(a, tables, end, SpanWord::Adjective)
            .or_else(|| span_word(a, tables, end, SpanWord::Limiter))
        {
            end = r.end;
            continue;
        }
        if !person {
            break;
        }
        if let Some(r) = span_word(a, tables, end, SpanWord::PronounPartitive) {
            end = r.end;
            continue;
        }
        // "من المدنيين", "من المسلحين وعائلاتهم", "من سكان المدينة", "من قوات النظام",
        // "بين مسلح ومدني"
        let partitive = span_word(a, tables, end, SpanWord::Partitive).is_some();
        let among = span_word(a, tables, end, SpanWord::Among).is_some();
        if partitive || among {
            let mut u = end + 1;
            if partitive && u < n && a.key(u) == "بين" {
                u += 1;
            }
            if let Some(r) = span_word(a, tables, u, SpanWord::WhoSoldiers) {
                tail.soldiers = true;
                end = r.end;
                continue;
            }
            if let Some(x) = noun_at(a, tables, u)
                && x.noun.class == NounClass::Person
            {
                tail.others.extend(x.noun.who.filter(|w| *w != "inherit"));
                end = x.tokens.end;
                // a genitive after "سكان": "من سكان المدينة"
                if x.noun.who == Some("civilians")
                    && end < n
                    && a.doc.tokens[end].is_word()
                    && a.key(end).starts_with("ال")
                    && a.nouns.at(end).is_none()
                    && a.span_words.at(end).is_none()
                    && !a.doc.tokens[end].newline_before
                {
                    end += 1;
                }
                continue;
            }
        }
        break;
    }
    tail.end = end;
    tail
}

/// Decide `who` from the counted noun and the words after it.
fn decide_who(base: &'static str, tail: &Tail) -> &'static str {
    let mut distinct: Vec<&'static str> =
        std::iter::once(base).chain(tail.others.iter().copied()).filter(|w| *w != "people").collect();
    distinct.sort_unstable();
    distinct.dedup();
    if tail.families && (base == "people" || distinct.contains(&"fighters")) {
        return "fighters_and_families";
    }
    if distinct.len() > 1 {
        // children and women together are civilians; armed and unarmed together are people
        if distinct.iter().all(|w| matches!(*w, "children" | "women" | "civilians")) {
            return "civilians";
        }
        return "people";
    }
    if tail.soldiers && matches!(base, "fighters" | "people") {
        return "soldiers";
    }
    if tail.civilians && base == "people" {
        return "civilians";
    }
    match distinct.first() {
        Some(w) if base == "people" => w,
        _ => base,
    }
}

/// The group mixes armed and unarmed people, or is armed: exits of such
/// groups are evacuations under an agreement.
fn armed(who: Option<&str>, base: Option<&str>, tail_others: &[&str]) -> bool {
    let is_armed = |w: &str| matches!(w, "fighters" | "fighters_and_families");
    who.is_some_and(is_armed) || base.is_some_and(is_armed) || tail_others.iter().any(|w| is_armed(w))
}

/// The last earlier figure that is not itself a part of another.
fn last_whole(earlier: &[Draft]) -> Option<&Draft> {
    earlier.iter().rev().find(|d| !d.breakdown)
}

fn breakdown_before(a: &Analysis, tables: &Tables, start: usize) -> bool {
    (start.saturating_sub(3)..start).any(|t| span_word(a, tables, t, SpanWord::Breakdown).is_some())
}

/// Find the figures of a document.
pub fn find(a: &Analysis, tables: &Tables) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    for np in &a.numbers {
        if let Some(d) = draft(a, tables, np, &out) {
            out.push(d);
        }
    }
    // Duals of counted nouns: "طفلين" is 2 children.
    let mut duals = Vec::new();
    for m in &a.nouns.all {
        let Some(noun) = tables.nouns.entries_of(m.key).next() else { continue };
        if !noun.dual || !noun.class.counts_figures() {
            continue;
        }
        if a.numbers.iter().any(|np| np.tokens.start < m.tokens.end && m.tokens.start < np.tokens.end + 1) {
            continue;
        }
        let hits = cues_near(a, tables, &m.tokens, m.tokens.end);
        let Some(category) = noun.category.or_else(|| nearest_category(&hits).map(|h| h.category)) else {
            continue;
        };
        let person = noun.class == NounClass::Person;
        let tail = extend_tail(a, tables, m.tokens.end, person, None);
        let tokens = m.tokens.start..tail.end;
        let who = if person { noun.who.map(|w| decide_who(w, &tail)) } else { None };
        duals.push(Draft {
            span: Span::new(m.span.start, a.doc.tokens[tokens.end - 1].span.end),
            tokens,
            number: m.tokens.clone(),
            value: 2.0,
            low: Some(2.0),
            high: Some(2.0),
            approx: Approx::Exact,
            category,
            who,
            part_of: None,
            breakdown: false,
        });
    }
    out.extend(duals);
    out.sort_by_key(|d| d.span.start);
    link_breakdowns(a, tables, &mut out);
    // "أكثر من ألفي شخص، بينهم 650 مسلحاً، غادروا": a group that includes
    // fighters leaves under an agreement, whatever the verb
    for i in 0..out.len() {
        if out[i].category != "displaced" || sentence_has(a, tables, out[i].tokens.start, "corridor_context")
        {
            continue;
        }
        let sentence = a.sentence_range(out[i].tokens.start);
        let armed_in_sentence = out.iter().any(|d| {
            d.tokens.start >= sentence.start
                && d.tokens.start < sentence.end
                && matches!(d.who, Some("fighters" | "fighters_and_families"))
        });
        if armed_in_sentence {
            out[i].category = "evacuated";
        }
    }
    out
}

fn draft(a: &Analysis, tables: &Tables, np: &NumberPhrase, earlier: &[Draft]) -> Option<Draft> {
    if np.form == NumberForm::Ordinal {
        return None;
    }
    if a.dates.iter().any(|d| d.span.overlaps(&np.span)) {
        return None;
    }
    if nonfigure_before(a, tables, np).is_some() {
        return None;
    }
    let sentence = a.sentence_range(np.tokens.start);
    let mut value = np.value;
    let (mut low, mut high) = (np.low, np.high);
    let mut end = np.tokens.end;
    let category: &'static str;
    let mut who: Option<&'static str> = None;
    let mut tail_others: Vec<&'static str> = Vec::new();
    let mut base_who: Option<&'static str> = None;

    if np.percent || np.form == NumberForm::Fraction {
        if !sentence_has(a, tables, np.tokens.start, "territory_context") {
            return None;
        }
        if np.form == NumberForm::Fraction {
            // "ربعهم": a share of people, not of territory
            let last = a.key(np.core.end.saturating_sub(1).max(np.core.start));
            if last.ends_with("هم") || last.ends_with("هن") {
                return None;
            }
            let pct = (np.value * 10000.0).round() / 100.0;
            value = pct;
            low = low.map(|_| pct);
            high = high.map(|_| pct);
            // "ثلثي ما تم تحريره": the fraction's complement runs to the clause end
            let n = a.doc.tokens.len();
            let mut e = end;
            while e < n && e < end + 4 && !a.is_clause_break(e) && !a.doc.tokens[e].newline_before {
                e += 1;
            }
            end = e;
        } else {
            end = percent_tail(a, tables, end);
        }
        category = "territory_percent";
    } else if np.value < 2.0 {
        // "أحد العناصر" is "one of", and single counts are rare enough not to guess
        return None;
    } else if let Some(noun) = counted_noun(a, tables, np) {
        let n = noun.noun;
        if !n.class.counts_figures() {
            return None;
        }
        let person = n.class == NounClass::Person;
        base_who = n.who;
        let hits = cues_near(a, tables, &np.tokens, noun.tokens.end);
        if noun.tokens.start >= np.tokens.end {
            let tail = extend_tail(a, tables, noun.tokens.end, person, np.trailing_approx.as_ref());
            end = tail.end;
            if person {
                who = n.who.map(|w| if w == "inherit" { w } else { decide_who(w, &tail) });
            }
            tail_others = tail.others.clone();
        } else if person {
            who = n.who;
        }
        if who == Some("inherit") {
            // "30 آخرين": others of the kind just counted
            who = last_whole(earlier)
                .filter(|d| d.tokens.start + 60 >= sentence.start)
                .and_then(|d| d.who)
                .or(Some("people"));
        }
        let mut cat = n.category;
        if cat.is_none() || cat == Some("casualties") {
            cat = category_from_context(a, tables, np, &hits, earlier, n.who == Some("inherit")).or(cat);
        }
        if who == Some("people") || who == Some("civilians") {
            who = who_hint(a, tables, np, &hits, end).or(who);
        }
        category = match cat {
            Some(c) => c,
            None if sentence_has(a, tables, np.tokens.start, "evacuation_context") => "evacuated",
            None if person && value >= BARE_PERSON_COUNT_MIN => "other",
            None => return None,
        };
    } else {
        if is_year_like(np) || np.value < 2.0 {
            return None;
        }
        // a bare number needs an event word right next to it
        let hits = cues_near(a, tables, &np.tokens, np.tokens.end);
        let close = hits
            .iter()
            .filter(|h| !CONTEXTS.contains(&h.category) && h.distance <= 3)
            .min_by_key(|h| h.distance);
        let breakdown_after = span_word(a, tables, np.tokens.end, SpanWord::Breakdown).is_some();
        // "خمسة منهم": a part of the people just counted
        let of_them = span_word(a, tables, np.tokens.end, SpanWord::PronounPartitive);
        if let Some(r) = &of_them
            && let Some(parent) = last_whole(earlier)
            && parent.tokens.start + 60 >= sentence.start
        {
            let tokens = np.tokens.start..r.end;
            return Some(Draft {
                span: Span::new(np.span.start, a.doc.tokens[r.end - 1].span.end),
                tokens,
                number: np.tokens.clone(),
                value,
                low,
                high,
                approx: np.approx,
                category: parent.category,
                who: parent.who.filter(|_| parent.who != Some("children")).or(Some("people")),
                part_of: None,
                breakdown: true,
            });
        }
        let total_before = np.tokens.start >= 1
            && matches!(a.key(np.tokens.start - 1), "الي" | "بلغ" | "بلغت" | "ليبلغ" | "لتبلغ")
            && nearest_category(&hits).is_some();
        if close.is_none() && !breakdown_after && !total_before {
            return None;
        }
        category = match close {
            Some(h) => h.category,
            None => category_from_context(a, tables, np, &hits, earlier, false).unwrap_or("other"),
        };
        who = who_hint(a, tables, np, &hits, end).or(Some("people"));
    }
    // trailing approximation after the counted noun ("12 شخصا على الأقل")
    if let Some(tr) = &np.trailing_approx
        && tr.start >= end
        && tr.start <= end + 2
    {
        end = tr.end;
    }
    let tokens = np.tokens.start..end.max(np.tokens.end);
    let span = Span::new(np.span.start, a.doc.tokens[tokens.end - 1].span.end.max(np.span.end));
    if matches!(category, "attacks" | "vehicles" | "aid" | "territory_percent") {
        who = None;
    }
    let category = adjust(a, tables, np.tokens.start, category, armed(who, base_who, &tail_others));
    let breakdown = breakdown_before(a, tables, np.tokens.start);
    Some(Draft {
        tokens,
        span,
        number: np.tokens.clone(),
        value,
        low,
        high,
        approx: np.approx,
        category,
        who,
        part_of: None,
        breakdown,
    })
}

/// Who the counted were, from the words around the figure: a tally of
/// civilians before it ("عدد القتلى المدنيين بلغ …"), "among the civilians"
/// or "all of them civilians" after it.
fn who_hint(
    a: &Analysis,
    tables: &Tables,
    np: &NumberPhrase,
    hits: &[CueHit],
    end: usize,
) -> Option<&'static str> {
    let sentence = a.sentence_range(np.tokens.start);
    // the category word before the number, followed by a who word: "القتلى المدنيين"
    if let Some(h) = nearest_category(hits)
        && h.after <= np.tokens.start
        && (h.after..(h.after + 2).min(np.tokens.start))
            .any(|t| span_word(a, tables, t, SpanWord::WhoCivilians).is_some())
    {
        return Some("civilians");
    }
    // a tally of civilians: "العدد الإجمالي للمدنيين … ارتفع إلى"
    let from = np.tokens.start.saturating_sub(CUE_BEFORE_WINDOW).max(sentence.start);
    for t in from..np.tokens.start {
        if span_word(a, tables, t, SpanWord::Tally).is_some()
            && (t + 1..(t + 3).min(np.tokens.start))
                .any(|u| span_word(a, tables, u, SpanWord::WhoCivilians).is_some())
        {
            return Some("civilians");
        }
    }
    // after: "بين المدنيين", "جميعهم مدنيون", "هم من المدنيين"
    for t in end..(end + 8).min(sentence.end) {
        let among = span_word(a, tables, t, SpanWord::Among).is_some();
        let all = span_word(a, tables, t, SpanWord::AllOfThem).is_some();
        if among || all {
            let mut u = t + 1;
            if all && u < sentence.end && span_word(a, tables, u, SpanWord::Partitive).is_some() {
                u += 1;
            }
            if span_word(a, tables, u, SpanWord::WhoCivilians).is_some() {
                return Some("civilians");
            }
        }
    }
    None
}

/// A percentage's span runs over "من + noun phrase" but not a bare pronoun.
fn percent_tail(a: &Analysis, tables: &Tables, mut end: usize) -> usize {
    let n = a.doc.tokens.len();
    if end < n && span_word(a, tables, end, SpanWord::Limiter).is_some() {
        end += 1;
    }
    if end < n && a.key(end) == "من" && !a.doc.tokens[end].newline_before {
        let mut e = end + 1;
        // the head noun and the definite words that qualify it
        while e < n && e < end + 5 && a.doc.tokens[e].is_word() && !a.doc.tokens[e].newline_before {
            e += 1;
            if e < n && !a.key(e).starts_with("ال") {
                break;
            }
        }
        if e > end + 1 {
            end = e;
        }
    }
    end
}

/// The category of a figure from the words around it.
fn category_from_context(
    a: &Analysis,
    tables: &Tables,
    np: &NumberPhrase,
    hits: &[CueHit],
    earlier: &[Draft],
    others: bool,
) -> Option<&'static str> {
    let best = nearest_category(hits);
    let breakdown = breakdown_before(a, tables, np.tokens.start);
    let sentence = a.sentence_range(np.tokens.start);
    // only a count of people passes its category on to a count of people
    let previous_in_sentence = earlier
        .iter()
        .rev()
        .find(|d| d.tokens.start >= sentence.start)
        .filter(|d| !matches!(d.category, "attacks" | "vehicles" | "aid" | "territory_percent"));
    match (breakdown || others, previous_in_sentence, best) {
        // "بينهم 12 طفلا", "و30 آخرين": the kind just counted, unless an event word is right there
        (true, Some(p), Some(h)) if h.distance > 2 => Some(p.category),
        (true, Some(p), None) => Some(p.category),
        (_, _, Some(h)) => Some(h.category),
        (false, Some(p), None) => Some(p.category),
        (true, None, None) => last_whole(earlier)
            .map(|p| p.category)
            .filter(|c| !matches!(*c, "attacks" | "vehicles" | "aid" | "territory_percent")),
        _ => None,
    }
}

/// Context adjustments: exits under an agreement or by organised transfer are
/// `evacuated`, exits through the humanitarian corridors stay `displaced`;
/// a population in need inside a besieged area is `besieged`.
fn adjust(a: &Analysis, tables: &Tables, t: usize, cat: &'static str, armed: bool) -> &'static str {
    let has = |c| sentence_has(a, tables, t, c);
    match cat {
        "displaced" if (armed || has("evacuation_context")) && !has("corridor_context") => "evacuated",
        "evacuated" if has("corridor_context") => "displaced",
        "affected" if has("siege_context") => "besieged",
        c => c,
    }
}

/// Mark breakdown figures ("بينهم 12 طفلا") with the figure they break down,
/// and give them its category.
fn link_breakdowns(a: &Analysis, tables: &Tables, figures: &mut [Draft]) {
    for i in 1..figures.len() {
        let start = figures[i].tokens.start;
        if !figures[i].breakdown && !breakdown_before(a, tables, start) {
            continue;
        }
        let sentence = a.sentence_range(start);
        let prev_sentence_start = a.sentence_range(sentence.start.saturating_sub(1)).start;
        if let Some(j) = (0..i).rev().find(|&j| figures[j].tokens.start >= prev_sentence_start) {
            figures[i].part_of = Some(j);
            let parent = figures[j].category;
            if parent != "other" && !matches!(parent, "attacks" | "vehicles" | "aid" | "territory_percent") {
                figures[i].category = parent;
            }
        }
    }
}
