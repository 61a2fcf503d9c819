//! The `rasid.extraction/1` contract (see `shared/spec/extraction.md`).
//!
//! These are plain data types with serde derives: every pipeline stage fills
//! some of them, and every interface (CLI, store, HTTP) prints them. Offsets
//! are **character offsets** (Unicode scalar values) into the article text as
//! given, end exclusive.

pub mod days;

use serde::{Deserialize, Serialize};

/// The figure categories of the contract, in the contract's order (the
/// order ledgers list their rows in).
pub const CATEGORIES: &[&str] = &[
    "killed",
    "injured",
    "casualties",
    "evacuated",
    "displaced",
    "returned",
    "besieged",
    "detained",
    "abducted",
    "missing",
    "affected",
    "attacks",
    "vehicles",
    "aid",
    "fighters",
    "territory_percent",
    "other",
];

/// The schema identifier written in every extraction document.
pub const SCHEMA: &str = "rasid.extraction/1";

/// A half-open range of character offsets `[start, end)` into the original
/// text. Serialised as a two-element array `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

/// An article as given to rasid: from a file, a JSON line, a feed item or an
/// HTTP request. `published` may be a date or an ISO-8601 date-time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One whole extraction document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub schema: String,
    pub article: ArticleMeta,
    pub figures: Vec<Figure>,
    pub places: Vec<Mention>,
    pub actors: Vec<Mention>,
    pub persons: Vec<Mention>,
    pub dates: Vec<DateMention>,
    pub repeats: Vec<Repeat>,
    pub repairs: Vec<Repair>,
}

impl Extraction {
    pub fn empty(article: ArticleMeta) -> Self {
        Extraction {
            schema: SCHEMA.to_string(),
            article,
            figures: Vec::new(),
            places: Vec::new(),
            actors: Vec::new(),
            persons: Vec::new(),
            dates: Vec::new(),
            repeats: Vec::new(),
            repairs: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ArticleMeta {
    pub id: String,
    pub outlet: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub title: Option<String>,
    pub language: String,
}

/// How a figure's value relates to the quantity it states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    Exact,
    About,
    AtLeast,
    AtMost,
    Range,
}

impl Approx {
    pub fn as_str(self) -> &'static str {
        match self {
            Approx::Exact => "exact",
            Approx::About => "about",
            Approx::AtLeast => "at_least",
            Approx::AtMost => "at_most",
            Approx::Range => "range",
        }
    }
}

/// A place as the contract writes it inside a figure (`place`, `destination`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceRef {
    pub ar: String,
    pub en: String,
}

/// When the counted thing happened, as ISO dates; either end may be open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub span: Span,
    pub text: String,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: Approx,
    /// `killed`, `injured`, … (see the contract); `None` until classified.
    pub category: Option<String>,
    pub who: Option<String>,
    pub place: Option<PlaceRef>,
    pub destination: Option<PlaceRef>,
    pub source: Option<String>,
    pub period: Option<Period>,
}

/// A place, actor or person mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub text: String,
    pub id: String,
    pub ar: String,
    pub en: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub lon: Option<f64>,
    /// Governorate, for places found in the gazetteer.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub admin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub span: Span,
    pub text: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A passage that repeats an earlier one (`repeats` is the earlier span).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repeat {
    pub span: Span,
    pub repeats: Span,
    /// `verbatim` or `near_verbatim` (not in the contract's minimum; kept for readers).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<String>,
}

/// Text damaged by scraping and how it reads once fixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    pub span: Span,
    pub text: String,
    pub fixed: String,
    /// `glued_words` or `glued_punctuation`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub kind: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_serialises_as_pair() {
        let s = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[3,9]");
        let back: Span = serde_json::from_str("[3,9]").unwrap();
        assert_eq!(back, s);
        assert!(serde_json::from_str::<Span>("[3]").is_err());
    }

    #[test]
    fn approx_names_match_the_contract() {
        for (a, name) in [
            (Approx::Exact, "exact"),
            (Approx::About, "about"),
            (Approx::AtLeast, "at_least"),
            (Approx::AtMost, "at_most"),
            (Approx::Range, "range"),
        ] {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{name}\""));
            assert_eq!(a.as_str(), name);
        }
    }
}
