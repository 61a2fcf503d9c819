//! When the counted thing happened.
//!
//! - The date mentions of the figure's own sentence, nearest first; two days
//!   joined by و make one period ("يومي الاثنين والثلاثاء").
//! - A "since" date (`منذ 18 شباط`), or a date after a start word (`هجوم
//!   بدأ في 18 شباط`), opens a cumulative period that runs to the day of the
//!   statement (a day named in the same sentence, else the story's current
//!   day, else publication).
//! - "خلال 3 أيام", "خلال الساعات الـ48 الماضية": a span ending at that day.
//! - A lead with no date takes the first day the body gives (if recent);
//!   other figures without a date in reach have no period.
//!
//! Breakdowns share the period of the figure they break down.

use jiff::ToSpan;
use jiff::civil::Date;
use rasid_dates::DatePhrase;
use rasid_model::Period;

use crate::analysis::Analysis;
use crate::figures::Draft;
use crate::tables::{PeriodWord, Tables};

fn iso(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// How old the day of a story's lead may be, compared to publication.
const LEAD_DAY_MAX_AGE_DAYS: i64 = 10;
/// A date further than this (in tokens) from a figure does not date it.
const DATE_REACH: usize = 15;

fn single_day(d: &DatePhrase) -> Option<Date> {
    match (d.from, d.to) {
        (Some(f), Some(t)) if f == t && !d.since => Some(f),
        _ => None,
    }
}

fn period_word(a: &Analysis, tables: &Tables, t: usize) -> Option<PeriodWord> {
    let m = a.period_words.covering(t)?;
    tables.period_words.entries_of(m.key).next().copied()
}

/// A date that starts something: "بدأ في 18 شباط", "منذ بداية التصعيد الأحد الماضي".
fn opens_period(a: &Analysis, tables: &Tables, d: &DatePhrase) -> bool {
    d.since
        || (d.tokens.start.saturating_sub(6)..d.tokens.start)
            .any(|t| matches!(period_word(a, tables, t), Some(PeriodWord::Start)))
}

/// "خلال 3 أيام", "خلال أسبوع", "على مدى يومين": the length in days.
fn within_days(a: &Analysis, tables: &Tables, sentence: std::ops::Range<usize>) -> Option<f64> {
    for t in sentence.clone() {
        if !matches!(period_word(a, tables, t), Some(PeriodWord::Within)) {
            continue;
        }
        let after = a.period_words.covering(t).map(|m| m.tokens.end).unwrap_or(t + 1);
        // a unit right after ("خلال أسبوع"), or after a number ("خلال 3 أيام")
        let mut count = 1.0;
        let mut u = after;
        if let Some(np) = a.numbers.iter().find(|n| n.tokens.start == after) {
            count = np.value;
            u = np.tokens.end;
        }
        if u < sentence.end
            && let Some(PeriodWord::Unit(days)) = period_word(a, tables, u)
        {
            return Some((count * days).max(1.0));
        }
    }
    None
}

pub fn period_figures(
    a: &Analysis,
    tables: &Tables,
    figures: &[Draft],
    published: Option<Date>,
) -> Vec<Option<Period>> {
    let recent = |d: Date| {
        published.is_none_or(|p| {
            let age = p.since(d).map(|s| s.get_days() as i64).unwrap_or(i64::MAX);
            (0..=LEAD_DAY_MAX_AGE_DAYS).contains(&age)
        })
    };
    let mut out = Vec::with_capacity(figures.len());
    for f in figures {
        let sentence = a.sentence_range(f.tokens.start);
        let in_sentence: Vec<&DatePhrase> = a
            .dates
            .iter()
            .filter(|d| d.tokens.start >= sentence.start && d.tokens.end <= sentence.end)
            .filter(|d| d.from.is_some() || d.to.is_some())
            .collect();
        // a lead with no date takes the first day its body gives
        let in_lead =
            a.doc.sentences.get(a.doc.sentence_of(f.tokens.start)).is_some_and(|s| s.paragraph == 0);
        let lead_day =
            if in_lead { a.dates.iter().filter_map(single_day).find(|d| recent(*d)) } else { None };
        let distance = |d: &&DatePhrase| {
            if d.tokens.end <= f.tokens.start {
                f.tokens.start - d.tokens.end
            } else {
                d.tokens.start.saturating_sub(f.tokens.end)
            }
        };
        let statement_day =
            in_sentence.iter().filter(|d| !opens_period(a, tables, d)).filter_map(|d| single_day(d)).max();
        let nearest =
            in_sentence.iter().copied().filter(|d| distance(d) <= DATE_REACH).min_by_key(|d| distance(d));
        let period = match nearest {
            Some(d) if opens_period(a, tables, d) => {
                let to = statement_day.or(published).or(d.to).filter(|t| d.from.is_none_or(|f| *t >= f));
                Some(Period { from: iso(d.from), to: iso(to.or(d.to)) })
            }
            Some(d) => {
                // two days together: "يومي الاثنين والثلاثاء", "ليل الاثنين الثلاثاء"
                let pair = in_sentence.iter().find(|e| {
                    e.tokens.start == d.tokens.end
                        || (e.tokens.start == d.tokens.end + 1 && a.key(d.tokens.end) == "و")
                });
                match pair {
                    Some(e) => Some(Period { from: iso(d.from), to: iso(e.to) }),
                    None => {
                        let day = single_day(d);
                        match (day, within_days(a, tables, sentence.clone())) {
                            (Some(end), Some(days)) => Some(span_back(end, days)),
                            _ => Some(Period { from: iso(d.from), to: iso(d.to) }),
                        }
                    }
                }
            }
            None => {
                let day = lead_day
                    .or_else(|| published.filter(|_| within_days(a, tables, sentence.clone()).is_some()));
                match (day, within_days(a, tables, sentence.clone())) {
                    (Some(end), Some(days)) => Some(span_back(end, days)),
                    (Some(end), None) => Some(Period { from: iso(Some(end)), to: iso(Some(end)) }),
                    _ => None,
                }
            }
        };
        out.push(period);
    }
    for i in 0..figures.len() {
        if let Some(j) = figures[i].part_of {
            out[i] = out[j].clone();
        }
    }
    out
}

/// The period of `days` days ending on `end`.
fn span_back(end: Date, days: f64) -> Period {
    let back = (days.ceil() as i64 - 1).clamp(0, 3650);
    let from = end.checked_sub(back.days()).ok();
    Period { from: iso(from.or(Some(end))), to: iso(Some(end)) }
}
