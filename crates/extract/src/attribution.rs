//! Who said it: the speaker of each figure.
//!
//! Per sentence, speech verbs (`قال المرصد`, `أعلنت وزارة الدفاع`, or the
//! subject first: `المكتب … قال`) open a speaker for what follows them;
//! "according to" phrases (`وفق المرصد`, `بحسب ناشطين`, `حصيلة للمرصد`)
//! name the speaker of the clause before them; `نقلا عن X` names the origin,
//! which wins over whoever relayed it (`نقلت وكالة تاس عن وزارة الدفاع` → the
//! ministry). A sentence without a speaker of its own continues the previous
//! one when it starts with a continuation verb (`وأضاف`, `مشيرا`) or a carrying
//! word (`كما`), or sits inside an open quotation; otherwise it is the outlet's
//! own voice. Unnamed sources (`مراقبون`, `تقارير`, `معلومات`) give no source.
//! News agencies relaying another speaker do not replace it.

use std::ops::Range;

use crate::analysis::Analysis;
use crate::figures::Draft;
use crate::tables::{SpeechKind, Tables};

/// An actor or person that can be a speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub tokens: Range<usize>,
    /// The source id; `None` for an unnamed source.
    pub source: Option<String>,
    /// A news agency or outlet: relays others' statements.
    pub relay: bool,
    /// A person who speaks for an organisation or role (preferred over an
    /// organisation named inside his title).
    pub person: bool,
}

/// How far after a speech verb its subject may start ("قال مدير المرصد رامي").
const SUBJECT_WINDOW: usize = 6;
/// How far before a speech verb a subject may end ("المكتب التابع للأمم المتحدة في سوريا قال").
const FRONT_SUBJECT_WINDOW: usize = 6;

/// Words that may stand between a subject and its verb ("الأمم المتحدة قد دعت").
const PARTICLES: &[&str] = &["قد", "لقد", "كان", "كانت", "وقد", "فقد"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Applies to what follows (a speech verb, a leading "according to").
    Forward,
    /// Applies to what precedes, in its sentence (a trailing "according to").
    Backward,
    /// The origin relayed: wins over the others for what precedes.
    Origin,
}

#[derive(Debug, Clone)]
struct Event {
    at: usize,
    speaker: Speaker,
    reach: Reach,
}

fn kinds(tables: &Tables, key: usize) -> Vec<SpeechKind> {
    tables.speech.entries_of(key).copied().collect()
}

fn null_speaker_at(a: &Analysis, tables: &Tables, t: usize) -> Option<Speaker> {
    let m = a.speech.at(t)?;
    kinds(tables, m.key).contains(&SpeechKind::NullSpeaker).then(|| Speaker {
        tokens: m.tokens.clone(),
        source: None,
        relay: false,
        person: false,
    })
}

/// The subject starting in `range`: the first speaker (a person speaking for
/// someone wins over an organisation named inside his title), stopping at a
/// complementizer or clause break.
fn subject_in(a: &Analysis, tables: &Tables, speakers: &[Speaker], range: Range<usize>) -> Option<Speaker> {
    let mut first: Option<&Speaker> = None;
    let end = range.end.min(a.doc.tokens.len());
    let mut t = range.start;
    while t < end {
        for s in speakers.iter().filter(|s| s.tokens.start == t) {
            if s.person {
                return Some(s.clone());
            }
            first.get_or_insert(s);
        }
        // an unnamed source ("مصادر", "تقارير"), unless a named one starts here ("مصادر طبية")
        if first.is_none()
            && let Some(s) = null_speaker_at(a, tables, t)
        {
            return Some(s);
        }
        let k = a.key(t);
        if matches!(k, "ان" | "انه" | "انها" | "بان" | "وان" | "عن" | "نقلا") || a.is_clause_break(t)
        {
            break;
        }
        t += 1;
    }
    first.cloned()
}

/// The origin named by "نقلا عن X" / "عن X" right after a speaker.
fn relayed_origin(
    a: &Analysis,
    tables: &Tables,
    speakers: &[Speaker],
    after: usize,
    limit: usize,
) -> Option<Speaker> {
    for t in after..limit.min(a.doc.tokens.len()).min(after + 4) {
        if let Some(m) = a.speech.at(t)
            && kinds(tables, m.key).contains(&SpeechKind::Relay)
            // a bare "عن" relays only right after the speaker ("نقلت تاس عن الوزارة");
            // further on it is "about" ("تحدث عن استخدام طائرات")
            && (t == after || m.tokens.len() > 1 || a.key(t) != "عن")
        {
            return subject_in(a, tables, speakers, m.tokens.end..m.tokens.end + 3);
        }
    }
    None
}

/// The speaker right before a verb: "وكان مكتب … في سوريا قال".
fn front_subject(a: &Analysis, speakers: &[Speaker], verb: usize, sentence_start: usize) -> Option<Speaker> {
    let from = verb.saturating_sub(FRONT_SUBJECT_WINDOW).max(sentence_start);
    let s = speakers
        .iter()
        .filter(|s| s.tokens.end <= verb && s.tokens.start >= from)
        .max_by_key(|s| s.tokens.end)?;
    // no clause break between it and the verb
    (s.tokens.end..verb).all(|t| !a.is_clause_break(t)).then(|| s.clone())
}

fn sentence_events(
    a: &Analysis,
    tables: &Tables,
    speakers: &[Speaker],
    sentence: Range<usize>,
) -> (Vec<Event>, bool) {
    let mut events = Vec::new();
    let mut carries = false;
    for m in a.speech.within(sentence.clone()) {
        let ks = kinds(tables, m.key);
        let at_start = m.tokens.start <= sentence.start + 1;
        let after = m.tokens.end..(m.tokens.end + SUBJECT_WINDOW).min(sentence.end);
        if ks.contains(&SpeechKind::Verb) || ks.contains(&SpeechKind::Continuation) {
            // "وكانت الأمم المتحدة قد دعت الحكومة": a subject right before the verb
            // wins over the noun after it (its object)
            let close_front = front_subject(a, speakers, m.tokens.start, sentence.start)
                .filter(|s| (s.tokens.end..m.tokens.start).all(|t| PARTICLES.contains(&a.key(t))));
            if let Some(s) = close_front {
                events.push(Event { at: s.tokens.start, speaker: s, reach: Reach::Forward });
            } else if let Some(s) = subject_in(a, tables, speakers, after.clone()) {
                let origin = relayed_origin(a, tables, speakers, s.tokens.end, sentence.end);
                events.push(Event {
                    at: m.tokens.start,
                    speaker: origin.unwrap_or(s),
                    reach: Reach::Forward,
                });
            } else if let Some(s) = front_subject(a, speakers, m.tokens.start, sentence.start) {
                events.push(Event { at: s.tokens.start, speaker: s, reach: Reach::Forward });
            } else if ks.contains(&SpeechKind::Continuation) && at_start {
                carries = true;
            }
        } else if ks.contains(&SpeechKind::Preposition) {
            if let Some(s) = subject_in(a, tables, speakers, after.clone()) {
                let origin = relayed_origin(a, tables, speakers, s.tokens.end, sentence.end);
                let reach = if at_start { Reach::Forward } else { Reach::Backward };
                events.push(Event { at: m.tokens.start, speaker: origin.unwrap_or(s), reach });
            }
        } else if ks.contains(&SpeechKind::Tally) {
            // "حصيلة للمرصد", "حصيلة جديدة للمرصد": the speaker follows at once, with لِـ
            let s = speakers.iter().find(|s| {
                (m.tokens.end..m.tokens.end + 2).contains(&s.tokens.start)
                    && a.key(s.tokens.start).starts_with('ل')
            });
            if let Some(s) = s {
                let reach = if at_start { Reach::Forward } else { Reach::Backward };
                events.push(Event { at: m.tokens.start, speaker: s.clone(), reach });
            }
        } else if ks.contains(&SpeechKind::Relay) {
            // "…، نقلا عن مصادر طبية": the origin of what precedes
            if m.tokens.start > sentence.start
                // a bare "عن" is everywhere ("أسفر عن"): only "نقلا عن" names an origin here
                && (m.tokens.len() > 1 || a.key(m.tokens.start) != "عن")
                && let Some(s) = subject_in(a, tables, speakers, m.tokens.end..(m.tokens.end + 3).min(sentence.end))
            {
                events.push(Event { at: m.tokens.start, speaker: s, reach: Reach::Origin });
            }
        } else if ks.contains(&SpeechKind::Carry) && at_start {
            carries = true;
        }
    }
    (events, carries)
}

/// Quotation marks opened and not closed before the sentence, in its paragraph.
fn inside_quote(a: &Analysis, sentence: &Range<usize>) -> bool {
    let idx = a.doc.sentence_of(sentence.start);
    let para = a.doc.sentences[idx].paragraph;
    let first = a.doc.sentences.iter().position(|s| s.paragraph == para).unwrap_or(idx);
    let mut open = false;
    for t in a.doc.sentences[first].tokens.start..sentence.start {
        match a.key(t) {
            "\"" => open = !open,
            "«" | "“" => open = true,
            "»" | "”" => open = false,
            _ => {}
        }
    }
    open
}

/// The source of each figure: `Some(id)`, or `None` when unknowable.
pub fn attribute(
    a: &Analysis,
    tables: &Tables,
    figures: &[Draft],
    speakers: &[Speaker],
) -> Vec<Option<String>> {
    let mut out = vec![None; figures.len()];
    let mut carried: Option<Speaker> = None;
    let mut fig = 0usize;
    for sentence in &a.doc.sentences {
        let range = sentence.tokens.clone();
        let (events, carries) = sentence_events(a, tables, speakers, range.clone());
        let quoted = inside_quote(a, &range);
        let inherited = if carries || quoted { carried.clone() } else { None };
        while fig < figures.len() && figures[fig].tokens.start < range.end {
            let at = figures[fig].number.start;
            let origin =
                events.iter().filter(|e| e.reach == Reach::Origin && e.at >= at).min_by_key(|e| e.at);
            let before =
                events.iter().filter(|e| e.reach == Reach::Forward && e.at <= at).max_by_key(|e| e.at);
            let after =
                events.iter().filter(|e| e.reach == Reach::Backward && e.at >= at).min_by_key(|e| e.at);
            // a trailing "according to" earlier in the sentence still covers the clause after it
            let mid = events.iter().filter(|e| e.reach == Reach::Backward && e.at < at).max_by_key(|e| e.at);
            let chosen: Option<&Speaker> = if let Some(o) = origin {
                Some(&o.speaker)
            } else {
                match (before, after) {
                    // a news agency after the figure relays the speaker before it, and vice versa
                    (Some(b), Some(x)) if x.speaker.relay && !b.speaker.relay => Some(&b.speaker),
                    (Some(b), Some(x)) if b.speaker.relay && !x.speaker.relay => Some(&x.speaker),
                    (Some(b), _) => Some(&b.speaker),
                    (None, Some(x)) if x.speaker.relay && inherited.as_ref().is_some_and(|s| !s.relay) => {
                        inherited.as_ref()
                    }
                    (None, Some(x)) => Some(&x.speaker),
                    (None, None) => mid.map(|e| &e.speaker).or(inherited.as_ref()),
                }
            };
            out[fig] = match chosen {
                Some(s) => s.source.clone(),
                None => Some("outlet".to_string()),
            };
            fig += 1;
        }
        // what the next sentence may continue: the last speaker of this one
        if let Some(e) = events.iter().filter(|e| e.reach != Reach::Origin).max_by_key(|e| e.at) {
            carried = Some(e.speaker.clone());
        } else if !(carries || quoted) {
            carried = None;
        }
    }
    // breakdowns share the source of the figure they break down
    for i in 0..figures.len() {
        if let Some(j) = figures[i].part_of
            && figures[j].tokens.start >= a.sentence_range(figures[i].tokens.start).start
        {
            out[i] = out[j].clone();
        }
    }
    out
}
