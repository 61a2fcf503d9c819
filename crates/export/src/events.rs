//! Events for the ACLED-style export, derived from one article's figures.
//!
//! ACLED records events (who did what to whom, where, when, how many
//! died); rasid extracts figures. The bridge (documented for users in
//! `docs/exports.md`):
//!
//! 1. Figures of the event-making categories (`acled.toml`: killed,
//!    injured, casualties, attacks; detained; abducted; evacuated) that are
//!    not inside a repeated passage are grouped by **family × place ×
//!    period**: the killed and injured of one strike on one town on one day
//!    are one event, whatever the number of sources that give them.
//!    Cumulative tolls are not events: figures whose period is longer than
//!    `max_event_days` (or open-ended), or undated ones in a sentence that
//!    says "since…" (`cumulative_cues`), are left out.
//! 2. The event type of a violence event comes from cue words in the
//!    sentences of its figures (`event_cues.tsv`, most specific first), else
//!    from who the victims were (`violence_defaults`); other families have a
//!    fixed type.
//! 3. Fatalities: per source the largest killed figure (a total and its
//!    breakdowns come from one source), then the **smallest** of the sources
//!    — ACLED's rule of the most conservative report. Lower bounds are used
//!    for ranges and "at least".
//! 4. Actors: the armed actors (`acled.toml` types) named in those sentences,
//!    in order of mention; when only one is named and the victims are
//!    civilians (`who`: civilians, children, women, people…), actor2 is
//!    "Civilians".

use std::collections::BTreeMap;

use crate::context::{Context, Place, PlacedFigure};
use crate::rules::Rules;

/// One derived event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub date: Option<String>,
    pub event_type: String,
    pub sub_event_type: String,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub place: Option<Place>,
    pub fatalities: u64,
    /// Attributions of the figures (source ids), in order of first use.
    pub sources: Vec<String>,
    /// The sentences of the figures.
    pub notes: String,
    /// Spans of the figures.
    pub spans: Vec<rasid_model::Span>,
}

/// Longest notes field, in characters; longer notes end with `…`.
const MAX_NOTES_CHARS: usize = 1000;

/// What makes figures one event: family, place key, period.
type GroupKey = (String, String, String);

/// The events of one article, in order of their first figure (the rows of
/// the ACLED export, before duplicates are left out).
pub fn events_of(record: &crate::ExportRecord<'_>) -> Vec<Event> {
    events(&Context::new(record))
}

pub(crate) fn events(cx: &Context<'_>) -> Vec<Event> {
    let rules = Rules::get();
    // (family, place key, period) → figures, in order of first appearance.
    let mut groups: Vec<(GroupKey, Vec<&PlacedFigure<'_>>)> = Vec::new();
    for pf in &cx.figures {
        let Some(family) = pf.figure.category.as_deref().and_then(|c| rules.family_of.get(c)) else {
            continue;
        };
        if is_cumulative(cx, rules, pf) {
            continue;
        }
        let place = pf.place.as_ref().map(|p| p.key().to_string()).unwrap_or_default();
        let period = pf
            .figure
            .period
            .as_ref()
            .map(|p| format!("{}/{}", p.from.as_deref().unwrap_or(""), p.to.as_deref().unwrap_or("")))
            .unwrap_or_default();
        let key = (family.clone(), place, period);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, members)) => members.push(pf),
            None => groups.push((key, vec![pf])),
        }
    }
    groups.into_iter().map(|((family, _, _), members)| event(cx, rules, &family, &members)).collect()
}

fn event(cx: &Context<'_>, rules: &Rules, family: &str, members: &[&PlacedFigure<'_>]) -> Event {
    let mut sentences: Vec<usize> = members.iter().filter_map(|m| m.sentence).collect();
    sentences.sort_unstable();
    sentences.dedup();

    let fixed =
        rules.families.get(family).and_then(|f| Some((f.event_type.clone()?, f.sub_event_type.clone()?)));
    let (event_type, sub_event_type) = fixed.unwrap_or_else(|| violence_type(cx, rules, &sentences, members));

    let mut per_source: BTreeMap<&str, f64> = BTreeMap::new();
    for m in members.iter().filter(|m| m.figure.category.as_deref() == Some("killed")) {
        let f = m.figure;
        let conservative = f.low.unwrap_or(f.value);
        let source = f.source.as_deref().unwrap_or("");
        let best = per_source.entry(source).or_insert(0.0);
        *best = best.max(conservative);
    }
    let fatalities =
        per_source.values().copied().fold(None, |acc: Option<f64>, v| Some(acc.map_or(v, |a| a.min(v))));
    let fatalities = fatalities.filter(|v| v.is_finite() && *v > 0.0).map_or(0, |v| v.round() as u64);

    let civilian_victims = members
        .iter()
        .any(|m| m.figure.who.as_deref().is_some_and(|w| rules.actors.civilian_who.iter().any(|c| c == w)));
    let (actor1, actor2) = actors(cx, rules, &sentences, civilian_victims);
    let mut sources: Vec<String> = Vec::new();
    for m in members {
        if let Some(s) = m.figure.source.as_deref()
            && !sources.iter().any(|x| x == s)
        {
            sources.push(s.to_string());
        }
    }
    let date = members
        .iter()
        .find_map(|m| m.figure.period.as_ref().and_then(|p| p.to.clone().or_else(|| p.from.clone())))
        .or_else(|| cx.published_date());
    Event {
        date,
        event_type,
        sub_event_type,
        actor1,
        actor2,
        place: members.iter().find_map(|m| m.place.clone()),
        fatalities,
        sources,
        notes: notes(cx, &sentences),
        spans: members.iter().map(|m| m.figure.span).collect(),
    }
}

/// Whether a figure is a toll over weeks rather than one day's event: its
/// period is longer than `max_event_days`, or it has none and its sentence
/// says "since…" (`cumulative_cues`).
fn is_cumulative(cx: &Context<'_>, rules: &Rules, pf: &PlacedFigure<'_>) -> bool {
    let day = |d: Option<&str>| d.and_then(|d| d.get(..10)?.parse::<jiff::civil::Date>().ok());
    match &pf.figure.period {
        Some(p) => match (day(p.from.as_deref()), day(p.to.as_deref())) {
            (Some(from), Some(to)) => {
                to.since(from).map_or(true, |span| i64::from(span.get_days()) + 1 > rules.max_event_days)
            }
            // Open-ended ("since February"): a running total.
            (Some(_), None) => true,
            _ => false,
        },
        None => pf.sentence.is_some_and(|s| cx.sentence_keys(s).any(|w| rules.is_cumulative_cue(w))),
    }
}

/// The type of a violence event: the best cue in its sentences, else by the
/// victims.
fn violence_type(
    cx: &Context<'_>,
    rules: &Rules,
    sentences: &[usize],
    members: &[&PlacedFigure<'_>],
) -> (String, String) {
    let cue = sentences
        .iter()
        .flat_map(|&s| cx.sentence_keys(s))
        .filter_map(|w| rules.cue_for(w))
        .min_by_key(|c| c.rank);
    if let Some(cue) = cue {
        return (cue.event_type.clone(), cue.sub_event_type.clone());
    }
    let who = members.iter().find_map(|m| m.figure.who.as_deref()).unwrap_or("");
    let [t, s] = rules
        .violence_defaults
        .get(who)
        .or_else(|| rules.violence_defaults.get("otherwise"))
        .cloned()
        .unwrap_or_default();
    (t, s)
}

/// The first two distinct armed actors named in the sentences.
fn actors(
    cx: &Context<'_>,
    rules: &Rules,
    sentences: &[usize],
    civilian_victims: bool,
) -> (Option<String>, Option<String>) {
    let spans: Vec<_> = sentences.iter().filter_map(|&s| cx.sentences.get(s).copied()).collect();
    let mut named: Vec<String> = Vec::new();
    for a in &cx.record.extraction.actors {
        if !rules.actors.types.contains(&a.kind) || !spans.iter().any(|s| s.contains(&a.span)) {
            continue;
        }
        let name = if a.en.trim().is_empty() { a.ar.clone() } else { a.en.clone() };
        if !named.contains(&name) {
            named.push(name);
        }
    }
    let mut it = named.into_iter();
    let actor1 = it.next();
    let actor2 =
        it.next().or_else(|| (civilian_victims && actor1.is_some()).then(|| rules.actors.civilians.clone()));
    (actor1, actor2)
}

/// The sentences, one line, capped.
fn notes(cx: &Context<'_>, sentences: &[usize]) -> String {
    let mut out = String::new();
    for &s in sentences {
        let Some(span) = cx.sentences.get(s) else { continue };
        let text = cx.slice(*span).split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(" … ");
        }
        out.push_str(&text);
    }
    if out.chars().count() > MAX_NOTES_CHARS {
        out = out.chars().take(MAX_NOTES_CHARS - 1).collect();
        out.push('…');
    }
    out
}
