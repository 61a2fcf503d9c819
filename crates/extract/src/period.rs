//! When the counted thing happened.
//!
//! The date mentions of the figure's own sentence (the nearest one); a
//! "since" date (`منذ 18 شباط`) opens a period that runs to the publication
//! date. Breakdowns share the period of the figure they break down. Without
//! a date in the sentence the period is unknown.

use jiff::civil::Date;
use rasid_model::Period;

use crate::analysis::Analysis;
use crate::figures::Draft;

fn iso(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

pub fn period_figures(a: &Analysis, figures: &[Draft], published: Option<Date>) -> Vec<Option<Period>> {
    let mut out = Vec::with_capacity(figures.len());
    for f in figures {
        let sentence = a.sentence_range(f.tokens.start);
        let nearest = a
            .dates
            .iter()
            .filter(|d| d.tokens.start >= sentence.start && d.tokens.end <= sentence.end)
            .filter(|d| d.from.is_some() || d.to.is_some())
            .min_by_key(|d| {
                if d.tokens.end <= f.tokens.start {
                    f.tokens.start - d.tokens.end
                } else {
                    d.tokens.start.saturating_sub(f.tokens.end)
                }
            });
        out.push(nearest.map(|d| {
            if d.since {
                Period { from: iso(d.from), to: iso(published.or(d.to)) }
            } else {
                Period { from: iso(d.from), to: iso(d.to) }
            }
        }));
    }
    for i in 0..figures.len() {
        if let Some(j) = figures[i].part_of
            && out[i].is_none()
        {
            out[i] = out[j].clone();
        }
    }
    out
}
