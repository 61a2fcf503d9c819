//! What every export needs to know about one article beyond its
//! extraction: which sentence each figure is in, where each figure happened
//! (with coordinates), and which figures are only repeats of earlier ones.

use rasid_model::{Figure, Mention, Span};
use rasid_text::Document;

use crate::ExportRecord;

/// A place as the exports write it.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Gazetteer id; empty for a place the extraction named without finding it.
    pub id: String,
    pub ar: String,
    pub en: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub admin: Option<String>,
}

impl Place {
    fn of(m: &Mention) -> Place {
        Place {
            id: m.id.clone(),
            ar: m.ar.clone(),
            en: m.en.clone(),
            lat: m.lat,
            lon: m.lon,
            admin: m.admin.clone(),
        }
    }

    /// The name to show: English when known.
    pub fn name(&self) -> &str {
        if self.en.trim().is_empty() { &self.ar } else { &self.en }
    }

    /// A key that is the same for every mention of one place.
    pub fn key(&self) -> &str {
        if self.id.is_empty() { &self.ar } else { &self.id }
    }

    /// Coordinates usable on a map: both present, finite and in range.
    pub fn point(&self) -> Option<(f64, f64)> {
        let (lat, lon) = (self.lat?, self.lon?);
        (lat.is_finite()
            && lon.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon))
        .then_some((lat, lon))
    }
}

/// A figure with what the exports derive for it.
#[derive(Debug, Clone)]
pub struct PlacedFigure<'a> {
    pub figure: &'a Figure,
    /// Index of the sentence holding the figure (into [`Context::sentences`]).
    pub sentence: Option<usize>,
    pub place: Option<Place>,
}

/// One article, read for export.
pub struct Context<'a> {
    pub record: &'a ExportRecord<'a>,
    doc: Document<'a>,
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// The figures that are not repeats of an earlier passage, in order.
    pub figures: Vec<PlacedFigure<'a>>,
}

impl<'a> Context<'a> {
    pub fn new(record: &'a ExportRecord<'a>) -> Context<'a> {
        let doc = Document::new(&record.article.text);
        let sentences: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
        let x = record.extraction;
        let figures = x
            .figures
            .iter()
            .filter(|f| !x.repeats.iter().any(|r| r.span.contains(&f.span)))
            .map(|figure| {
                let sentence = sentence_of(&sentences, figure.span.start);
                let place = resolve_place(figure, sentence.map(|i| sentences[i]), &x.places);
                PlacedFigure { figure, sentence, place }
            })
            .collect();
        Context { record, doc, sentences, figures }
    }

    /// The original text of a span (clamped to the text: extractions from
    /// elsewhere may not match it).
    pub fn slice(&self, span: Span) -> &'a str {
        self.doc.slice(span)
    }

    /// The folded words of a sentence, for cue lookups.
    pub fn sentence_keys(&self, sentence: usize) -> impl Iterator<Item = &str> {
        let range = self.doc.sentences.get(sentence).map(|s| s.tokens.clone()).unwrap_or(0..0);
        range.map(|i| self.doc.key(i))
    }

    /// The `YYYY-MM-DD` publication date.
    pub fn published_date(&self) -> Option<String> {
        let x = &self.record.extraction.article;
        x.published.clone().or_else(|| self.record.article.published.as_deref().and_then(date_part))
    }
}

/// The sentence containing character `at`.
fn sentence_of(sentences: &[Span], at: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= at);
    (i < sentences.len() && sentences[i].start <= at).then_some(i)
}

/// Where a figure happened: its own place, found among the place mentions
/// for coordinates (the extraction gives only names in the figure); else
/// the place named nearest before it in its sentence, else after it.
fn resolve_place(figure: &Figure, sentence: Option<Span>, places: &[Mention]) -> Option<Place> {
    if let Some(p) = &figure.place {
        let same = |m: &&Mention| m.ar == p.ar || (!p.en.is_empty() && m.en == p.en);
        let mention = places.iter().filter(same).max_by_key(|m| m.lat.is_some() && m.lon.is_some());
        return Some(match mention {
            Some(m) => Place::of(m),
            None => Place {
                id: String::new(),
                ar: p.ar.clone(),
                en: p.en.clone(),
                lat: None,
                lon: None,
                admin: None,
            },
        });
    }
    let sentence = sentence?;
    let inside = |m: &&Mention| sentence.contains(&m.span);
    let before =
        places.iter().filter(inside).filter(|m| m.span.end <= figure.span.start).max_by_key(|m| m.span.end);
    let after = || {
        places.iter().filter(inside).filter(|m| m.span.start >= figure.span.end).min_by_key(|m| m.span.start)
    };
    before.or_else(after).map(Place::of)
}

/// The `YYYY-MM-DD` prefix of an ISO date or date-time.
pub fn date_part(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    let b = d.as_bytes();
    let ok =
        b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    ok.then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_sentences() {
        let s = [Span::new(0, 10), Span::new(11, 20)];
        assert_eq!(sentence_of(&s, 0), Some(0));
        assert_eq!(sentence_of(&s, 10), None);
        assert_eq!(sentence_of(&s, 15), Some(1));
        assert_eq!(sentence_of(&s, 25), None);
        assert_eq!(sentence_of(&[], 0), None);
    }

    #[test]
    fn date_parts() {
        assert_eq!(date_part("2018-04-07T10:00:00Z").as_deref(), Some("2018-04-07"));
        assert_eq!(date_part("7 April"), None);
        assert_eq!(date_part("ااااااااااااا"), None);
    }
}
