//! Where a figure happened, and where the counted went.
//!
//! One place per figure, the most specific the text gives: first the places of
//! its own sentence (those after the figure first: "قتل 20 مدنيا في دوما"),
//! then the nearest place before it in the paragraph, then the article's
//! main place (the story's place). A place after "إلى" following an
//! evacuation or displacement figure is its destination instead.

use rasid_model::PlaceRef;
use std::ops::Range;

use crate::analysis::Analysis;
use crate::figures::Draft;

/// A place mention reduced to what the figure stage needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Spot {
    pub tokens: Range<usize>,
    pub id: String,
    pub ar: String,
    pub en: String,
    /// Higher is more specific (neighbourhood > town > region > country).
    pub specificity: u8,
}

impl Spot {
    fn as_ref(&self) -> PlaceRef {
        PlaceRef { ar: self.ar.clone(), en: self.en.clone() }
    }
}

/// How specific a place kind is.
pub fn specificity(kind: &str) -> u8 {
    match kind {
        "neighbourhood" | "camp" | "base" | "airport" | "crossing" => 6,
        "village" | "town" | "community" => 5,
        "city" | "capital" => 4,
        "subdistrict" | "district" => 3,
        "region" | "governorate" | "border" => 2,
        "country" => 1,
        _ => 3,
    }
}

const TOWARDS: &[&str] = &["الي", "نحو", "باتجاه", "صوب"];

/// Words before a place that make it a locator of something else ("الغوطة
/// الشرقية قرب دمشق", "المرصد ومقره لندن"), not where the figure happened.
const LOCATORS: &[&str] = &["قرب", "بالقرب", "مقره", "ومقره", "مقرها", "ومقرها", "ضواحي", "مشارف"];

fn is_locator(a: &Analysis, s: &Spot) -> bool {
    let t = s.tokens.start;
    let prev = |k: usize| t.checked_sub(k).map(|p| a.key(p)).unwrap_or("");
    LOCATORS.contains(&prev(1)) || (prev(1) == "من" && LOCATORS.contains(&prev(2)))
}

/// Place and destination of each figure.
pub fn place_figures(
    a: &Analysis,
    figures: &[Draft],
    spots: &[Spot],
) -> Vec<(Option<PlaceRef>, Option<PlaceRef>)> {
    let story = story_place(spots);
    let mut out = Vec::with_capacity(figures.len());
    for f in figures {
        let sentence = a.sentence_range(f.tokens.start);
        let all_in_sentence: Vec<&Spot> = spots
            .iter()
            .filter(|s| s.tokens.start >= sentence.start && s.tokens.end <= sentence.end)
            .collect();
        let located: Vec<&Spot> = all_in_sentence.iter().copied().filter(|s| !is_locator(a, s)).collect();
        let in_sentence = if located.is_empty() { all_in_sentence } else { located };
        let moving = matches!(f.category, "evacuated" | "displaced" | "returned");
        let mut destination: Option<&Spot> = None;
        if moving {
            destination = in_sentence.iter().copied().find(|s| {
                s.tokens.start >= f.tokens.end
                    && s.tokens.start.checked_sub(1).is_some_and(|p| TOWARDS.contains(&a.key(p)))
            });
        }
        let candidates = |after: bool| {
            in_sentence.iter().copied().filter(move |s| {
                destination.is_none_or(|d| d.tokens != s.tokens)
                    && if after { s.tokens.start >= f.tokens.end } else { s.tokens.end <= f.tokens.start }
            })
        };
        // the first place after the figure ("قتل 20 مدنيا في دوما", "في بلدتي
        // كفربطنا وسقبا" → the first named), else the nearest before it
        let pick_after = candidates(true).next();
        let pick_before = candidates(false).next_back();
        let mut place = pick_after.or(pick_before);
        if place.is_none() {
            // nearest place earlier in the paragraph
            let para = a.doc.sentences[a.doc.sentence_of(f.tokens.start)].paragraph;
            let para_start =
                a.doc.sentences.iter().find(|s| s.paragraph == para).map(|s| s.tokens.start).unwrap_or(0);
            place = spots.iter().rfind(|s| {
                s.tokens.end <= f.tokens.start
                    && s.tokens.start >= para_start
                    && destination.is_none_or(|d| d.tokens != s.tokens)
            });
        }
        let place = place.or(story);
        out.push((place.map(Spot::as_ref), destination.map(Spot::as_ref)));
    }
    // breakdowns share the place of the figure they break down
    for i in 0..figures.len() {
        if let Some(j) = figures[i].part_of {
            out[i].0 = out[j].0.clone();
        }
    }
    out
}

/// The article's main place: the most mentioned, ties to the more specific.
fn story_place(spots: &[Spot]) -> Option<&Spot> {
    let mut counts: Vec<(&Spot, usize)> = Vec::new();
    for s in spots {
        match counts.iter_mut().find(|(c, _)| c.id == s.id) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts
        .into_iter()
        .filter(|(s, _)| s.specificity >= 2)
        .max_by_key(|(s, n)| (*n, s.specificity))
        .map(|(s, _)| s)
}
