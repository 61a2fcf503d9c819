//! # rasid-extract: the pipeline of `rasid extract`
//!
//! One [`Article`] in, one [`Extraction`] (the `rasid.extraction/1` contract)
//! out. The [`Extractor`] holds everything loaded once at start-up (rule
//! tables, gazetteer, actor registry, vocabulary) and is shared by all worker
//! threads.
//!
//! Stages, in order (see ARCHITECTURE.md): [`analysis`] reads the text once
//! (tokens, numbers, dates, rule-table matches); places, actors and persons
//! are found; [`figures`] decides which numbers are figures and what they
//! count; [`attribution`], [`place`] and [`period`] say who said each figure,
//! where and when.

pub mod analysis;
pub mod attribution;
pub mod figures;
pub mod period;
pub mod place;
pub mod repeat;
pub mod tables;

use jiff::civil::Date;
use rasid_actors::Registry;
use rasid_gazetteer::Gazetteer;
use rasid_model::{ArticleMeta, DateMention, Extraction, Figure, Mention, Period};
use rasid_repair::Vocabulary;

use crate::analysis::Analysis;
use crate::attribution::Speaker;
use crate::place::Spot;
use crate::tables::Tables;

pub use rasid_model::Article;
pub use repeat::LastExtraction;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("a built-in rule table is malformed: {0}")]
    Table(tables::TableError),
    #[error("the gazetteer in {home} cannot be loaded: {reason}")]
    Gazetteer { home: String, reason: String },
}

/// Where the extractor finds what the user imported.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The corpus directory (`$RASID_HOME`): an imported gazetteer lives there.
    /// `None`: built-in lexicons only.
    pub home: Option<std::path::PathBuf>,
}

/// Everything the pipeline needs, loaded once.
pub struct Extractor {
    tables: Tables,
    gazetteer: Gazetteer,
    registry: &'static Registry,
    vocabulary: Vocabulary,
    notices: Vec<String>,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor").field("places", &self.gazetteer.places().len()).finish_non_exhaustive()
    }
}

impl Extractor {
    /// The extractor with the built-in lexicons only.
    pub fn builtin() -> Result<Extractor, Error> {
        Extractor::new(&Config::default())
    }

    /// The extractor with the built-in lexicons plus whatever `config.home` holds.
    pub fn new(config: &Config) -> Result<Extractor, Error> {
        // The vocabulary (a Hunspell parse, itself split over two threads)
        // and the gazetteer are the two slow parts of the load and need
        // nothing from each other: the vocabulary loads on its own thread
        // while this one loads the rest (in turn if no thread can start).
        let load_rest = || -> Result<(Tables, Gazetteer, &'static Registry), Error> {
            let tables = Tables::load().map_err(Error::Table)?;
            let gazetteer = match &config.home {
                Some(home) => match Gazetteer::load(home) {
                    Ok((g, _report)) => g,
                    Err(e) => {
                        return Err(Error::Gazetteer {
                            home: home.display().to_string(),
                            reason: e.to_string(),
                        });
                    }
                },
                None => Gazetteer::builtin(),
            };
            Ok((tables, gazetteer, Registry::builtin()))
        };
        let ((vocabulary, notice), rest) = std::thread::scope(|scope| {
            let vocabulary = std::thread::Builder::new()
                .name("rasid-vocabulary".into())
                .spawn_scoped(scope, Vocabulary::load_default);
            let rest = load_rest();
            let vocabulary = match vocabulary {
                Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => Vocabulary::load_default(),
            };
            (vocabulary, rest)
        });
        let (tables, gazetteer, registry) = rest?;
        let notices = notice.into_iter().collect();
        Ok(Extractor { tables, gazetteer, registry, vocabulary, notices })
    }

    /// Things the user should be told once (e.g. "no Hunspell dictionary found:
    /// glued-word repair runs with the article's own vocabulary only").
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Extract one article.
    pub fn extract(&self, article: &Article) -> Extraction {
        self.extract_folded(article).0
    }

    /// [`Extractor::extract`], and the article's folded text, which the
    /// extraction makes anyway: exactly `rasid_text::fold::fold_str` of the
    /// text, for a caller that reads the text again (story features).
    pub fn extract_folded(&self, article: &Article) -> (Extraction, String) {
        let published_iso = article.published.as_deref().and_then(published_date);
        let published = published_iso.as_deref().and_then(rasid_dates::parse_iso_date);
        let meta = ArticleMeta {
            id: article.id.clone(),
            outlet: article.outlet.clone(),
            published: published_iso,
            title: article.title.clone(),
            language: "ar".to_string(),
        };
        let mut out = Extraction::empty(meta);
        let a = Analysis::new(&article.text, published, &self.tables);
        if !a.doc.tokens.is_empty() {
            self.read(article, published, &a, &mut out);
        }
        (out, a.doc.folded.into_string())
    }

    /// Everything found in an article's analysis `a`, into `out`.
    fn read(&self, article: &Article, published: Option<Date>, a: &Analysis<'_>, out: &mut Extraction) {
        let doc = &a.doc;

        // places, actors, persons
        let found = self.registry.analyze(doc, &a.joined, article.outlet.as_deref());
        let state_spans: Vec<_> = found.actors.iter().filter(|m| m.state_metonymy).map(|m| m.span).collect();
        let place_mentions: Vec<_> = self
            .gazetteer
            .find_places(doc, &a.joined)
            .into_iter()
            .filter(|p| !state_spans.iter().any(|s| s.overlaps(&p.span)))
            .collect();
        let spots: Vec<Spot> = place_mentions
            .iter()
            .map(|p| {
                let place = self.gazetteer.place(p.place);
                Spot {
                    tokens: p.tokens.clone(),
                    id: place.id.clone(),
                    ar: place.ar.clone(),
                    en: place.en.clone(),
                    specificity: place::specificity(place.kind.as_str()),
                }
            })
            .collect();
        out.places =
            place_mentions.iter().map(|p| self.gazetteer.place(p.place).to_mention(doc, p.span)).collect();
        out.actors = found.actors.iter().map(|m| m.to_mention(doc)).collect();
        out.persons = found.persons.iter().map(|m| m.to_mention(doc)).collect();

        // who can speak: actors (the outlet itself speaks as "outlet") and persons
        let outlet_id = article.outlet.as_deref().and_then(|o| self.registry.outlet_id(o));
        let mut speakers: Vec<Speaker> = found
            .actors
            .iter()
            .map(|m| Speaker {
                tokens: m.tokens.clone(),
                source: Some(if Some(m.actor_id.as_str()) == outlet_id {
                    "outlet".to_string()
                } else {
                    m.actor_id.clone()
                }),
                relay: m.kind == "media",
                person: false,
            })
            .chain(found.persons.iter().map(|p| Speaker {
                tokens: p.tokens.clone(),
                source: Some(p.speaks_for.clone().unwrap_or_else(|| p.id.clone())),
                relay: false,
                person: p.speaks_for.is_some(),
            }))
            .collect();
        speakers.sort_by_key(|s| (s.tokens.start, std::cmp::Reverse(s.tokens.end)));

        // figures
        let drafts = figures::find(a, &self.tables);
        let sources = attribution::attribute(a, &self.tables, &drafts, &speakers);
        let places = place::place_figures(a, &drafts, &spots);
        let periods = period::period_figures(a, &self.tables, &drafts, published);
        out.figures = drafts
            .iter()
            .zip(sources)
            .zip(places)
            .zip(periods)
            .map(|(((d, source), (place, destination)), period)| Figure {
                span: d.span,
                text: doc.slice(d.span).to_string(),
                value: d.value,
                low: d.low,
                high: d.high,
                approx: d.approx,
                category: Some(d.category.to_string()),
                who: d.who.map(str::to_string),
                place,
                destination,
                source,
                period: period.filter(|p: &Period| p.from.is_some() || p.to.is_some()),
            })
            .collect();

        out.dates = a
            .dates
            .iter()
            .map(|d| DateMention {
                span: d.span,
                text: doc.slice(d.span).to_string(),
                from: d.from.map(|x| x.to_string()),
                to: d.to.map(|x| x.to_string()),
            })
            .collect();
        out.repeats = rasid_repeats::find_repeats(doc);
        out.repairs = rasid_repair::find_repairs(doc, &self.vocabulary);
        sort_mentions(&mut out.places);
        sort_mentions(&mut out.actors);
        sort_mentions(&mut out.persons);
    }
}

fn sort_mentions(m: &mut [Mention]) {
    m.sort_by_key(|x| (x.span.start, x.span.end));
}

/// The `YYYY-MM-DD` part of a date or date-time, if it is one.
pub fn published_date(s: &str) -> Option<String> {
    let s = s.trim();
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !ok {
        return None;
    }
    Date::strptime("%Y-%m-%d", d).ok().map(|x| x.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folded text handed back is what the story features would fold
    /// themselves, and the extraction is the plain one.
    #[test]
    fn extract_folded_gives_the_folded_text() {
        let extractor = Extractor::new(&Config::default()).unwrap();
        for text in ["قُتل 12 مدنيّاً في دوما أمس، وأصيب نحو عشرين ﻻجئاً.\u{200F}", " ", ""]
        {
            let article = Article {
                id: "t".to_string(),
                text: text.to_string(),
                published: Some("2018-04-08".to_string()),
                outlet: None,
                title: None,
                url: None,
            };
            let (extraction, folded) = extractor.extract_folded(&article);
            assert_eq!(folded, rasid_text::fold::fold_str(text), "{text:?}");
            assert_eq!(extraction, extractor.extract(&article));
        }
    }

    #[test]
    fn published_dates() {
        assert_eq!(published_date("2018-03-20T07:33:24+00:00").as_deref(), Some("2018-03-20"));
        assert_eq!(published_date("2018-03-11").as_deref(), Some("2018-03-11"));
        assert_eq!(published_date("yesterday"), None);
        assert_eq!(published_date("2018-13-01"), None);
        assert_eq!(published_date("2018-02-30"), None);
        assert_eq!(published_date(""), None);
    }
}
