//! # rasid-extract: the pipeline of `rasid extract`
//!
//! One [`Article`] in, one [`Extraction`] (the `rasid.extraction/1` contract)
//! out. The [`Extractor`] holds everything loaded once at start-up (lexicons,
//! gazetteer, vocabulary) and is shared by all worker threads.

use rasid_model::{ArticleMeta, Extraction};

/// An article as read from a file or a JSON line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    pub id: String,
    pub text: String,
    /// `YYYY-MM-DD` or an ISO-8601 date-time; only the date part is used.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Resource(String),
}

/// Where the extractor finds what the user imported.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The corpus directory (`$RASID_HOME`): an imported gazetteer lives there.
    /// `None`: built-in lexicons only.
    pub home: Option<std::path::PathBuf>,
}

/// Everything the pipeline needs, loaded once.
#[derive(Debug)]
pub struct Extractor {
    notices: Vec<String>,
}

impl Extractor {
    /// The extractor with the built-in lexicons only.
    pub fn builtin() -> Result<Extractor, Error> {
        Extractor::new(&Config::default())
    }

    /// The extractor with the built-in lexicons plus whatever `config.home` holds.
    pub fn new(_config: &Config) -> Result<Extractor, Error> {
        Ok(Extractor { notices: Vec::new() })
    }

    /// Things the user should be told once (e.g. "no Hunspell dictionary found:
    /// glued-word repair runs with the article's own vocabulary only").
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Extract one article.
    pub fn extract(&self, article: &Article) -> Extraction {
        let meta = ArticleMeta {
            id: article.id.clone(),
            outlet: article.outlet.clone(),
            published: article.published.as_deref().and_then(published_date),
            title: article.title.clone(),
            language: "ar".to_string(),
        };
        let _doc = rasid_text::Document::new(&article.text);
        Extraction::empty(meta)
    }
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
    let month: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    (ok && (1..=12).contains(&month) && (1..=31).contains(&day)).then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_dates() {
        assert_eq!(published_date("2018-03-20T07:33:24+00:00").as_deref(), Some("2018-03-20"));
        assert_eq!(published_date("2018-03-11").as_deref(), Some("2018-03-11"));
        assert_eq!(published_date("yesterday"), None);
        assert_eq!(published_date("2018-13-01"), None);
        assert_eq!(published_date(""), None);
    }
}
