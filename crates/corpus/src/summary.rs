//! What `rasid stories` and `rasid story` show of a story.

use rasid_store::{EntityCount, FigureRow, StoryId, StoryRow};
use serde::Serialize;
use std::collections::BTreeMap;

/// Headline figures shown per story: one per category, the categories with
/// the most claims first.
const HEADLINE_CATEGORIES: usize = 4;

/// One story as listed: its summary row, its articles, and its largest
/// claim per category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySummary {
    pub id: StoryId,
    pub title: String,
    pub first: Option<String>,
    pub last: Option<String>,
    pub outlets: Vec<String>,
    /// Article ids, by publication day then ingest order.
    pub articles: Vec<String>,
    pub top_places: Vec<EntityCount>,
    pub top_actors: Vec<EntityCount>,
    pub headline_figures: Vec<HeadlineFigure>,
}

/// The largest claim of one category in a story (the ledger has them all).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeadlineFigure {
    pub category: String,
    pub who: Option<String>,
    pub value: f64,
    pub approx: String,
    pub source: Option<String>,
    pub article: String,
    pub outlet: Option<String>,
    /// How many claims of this category the story has.
    pub claims: usize,
}

impl StorySummary {
    pub(crate) fn new(row: StoryRow, articles: Vec<String>, figures: &[FigureRow]) -> StorySummary {
        StorySummary {
            id: row.id,
            title: row.title,
            first: row.first,
            last: row.last,
            outlets: row.outlets,
            articles,
            top_places: row.top_places,
            top_actors: row.top_actors,
            headline_figures: headline_figures(figures),
        }
    }
}

/// Per category, the largest value claimed (repeated passages excluded: they
/// restate a claim already counted).
fn headline_figures(figures: &[FigureRow]) -> Vec<HeadlineFigure> {
    let mut by_category: BTreeMap<&str, (usize, &FigureRow)> = BTreeMap::new();
    for f in figures.iter().filter(|f| !f.in_repeat) {
        let Some(category) = f.category.as_deref() else { continue };
        by_category
            .entry(category)
            .and_modify(|(n, best)| {
                *n += 1;
                if f.value > best.value {
                    *best = f;
                }
            })
            .or_insert((1, f));
    }
    let mut out: Vec<HeadlineFigure> = by_category
        .into_iter()
        .map(|(category, (claims, f))| HeadlineFigure {
            category: category.to_string(),
            who: f.who.clone(),
            value: f.value,
            approx: f.approx.clone(),
            source: f.source.clone(),
            article: f.article.clone(),
            outlet: f.outlet.clone(),
            claims,
        })
        .collect();
    out.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.category.cmp(&b.category)));
    out.truncate(HEADLINE_CATEGORIES);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(article: &str, category: &str, value: f64, in_repeat: bool) -> FigureRow {
        FigureRow {
            article: article.to_string(),
            outlet: None,
            day: None,
            idx: 0,
            category: Some(category.to_string()),
            who: None,
            value,
            low: None,
            high: None,
            approx: "exact".to_string(),
            source: None,
            place_ar: None,
            place_en: None,
            period_from: None,
            period_to: None,
            span: (0, 1),
            text: String::new(),
            in_repeat,
        }
    }

    #[test]
    fn headline_is_the_largest_claim_per_category_without_repeats() {
        let figures = vec![
            figure("a", "killed", 25.0, false),
            figure("b", "killed", 70.0, false),
            figure("b", "killed", 900.0, true),
            figure("c", "injured", 100.0, false),
        ];
        let h = headline_figures(&figures);
        assert_eq!(h.len(), 2);
        assert_eq!((h[0].category.as_str(), h[0].value, h[0].claims), ("killed", 70.0, 2));
        assert_eq!((h[1].category.as_str(), h[1].value), ("injured", 100.0));
    }
}
