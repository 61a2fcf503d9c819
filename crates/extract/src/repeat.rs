//! The article extracted last, kept to answer a verbatim repeat of it
//! without reading the text again.
//!
//! Why: feeds list one item under several sections, and a scrape keeps every
//! listing, one after the other, each with its own id. In the ANT corpus
//! 1,463 of 31,525 lines repeat the line just before them (same outlet, same
//! date, same text). An extraction depends on nothing else: the text, the
//! publication date (relative dates) and the outlet (the outlet speaks as
//! `outlet`). So a repeat gets the kept extraction, with its own id and title.
//!
//! Only the last article is kept: that is where the repeats are, and it
//! costs one copy of the text per article. A match is checked on the whole
//! text, never on a hash.

use rasid_model::{Article, Extraction};

/// The last article a worker extracted, and its extraction.
#[derive(Debug, Default)]
pub struct LastExtraction {
    text: String,
    published: Option<String>,
    outlet: Option<String>,
    extraction: Option<Extraction>,
}

impl LastExtraction {
    /// The extraction of `article` when it repeats the kept article: the
    /// kept extraction with `article`'s id and title.
    pub fn recall(&self, article: &Article) -> Option<Extraction> {
        let kept = self.extraction.as_ref()?;
        if self.text != article.text || self.published != article.published || self.outlet != article.outlet {
            return None;
        }
        let mut extraction = kept.clone();
        extraction.article.id.clone_from(&article.id);
        extraction.article.title.clone_from(&article.title);
        Some(extraction)
    }

    /// Keep `extraction`, the extraction of `article`, in place of the last.
    pub fn keep(&mut self, article: &Article, extraction: Extraction) {
        self.text.clone_from(&article.text);
        self.published.clone_from(&article.published);
        self.outlet.clone_from(&article.outlet);
        self.extraction = Some(extraction);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Extractor};

    fn article(id: &str, title: &str, outlet: &str, published: &str, text: &str) -> Article {
        Article {
            id: id.to_string(),
            text: text.to_string(),
            published: Some(published.to_string()),
            outlet: Some(outlet.to_string()),
            title: Some(title.to_string()),
            url: None,
        }
    }

    const TEXT: &str = "قال المرصد السوري لحقوق الإنسان أمس الأحد إن 25 مدنيا قتلوا في دوما، \
                        وأضاف أن نحو 3 آلاف شخص نزحوا من بلدات الغوطة الشرقية.";

    #[test]
    fn a_repeat_gets_what_extracting_it_gives() {
        let extractor = Extractor::new(&Config::default()).unwrap();
        let first = article("a1", "عنوان", "الجزيرة", "2018-04-08", TEXT);
        let repeat = article("a2", "عنوان آخر", "الجزيرة", "2018-04-08", TEXT);
        let mut last = LastExtraction::default();
        assert_eq!(last.recall(&first), None, "nothing kept yet");
        last.keep(&first, extractor.extract(&first));
        let recalled = last.recall(&repeat).expect("a verbatim repeat is recalled");
        assert!(!recalled.figures.is_empty() && !recalled.places.is_empty(), "{recalled:?}");
        assert_eq!(recalled, extractor.extract(&repeat));
    }

    #[test]
    fn anything_the_extraction_reads_that_differs_is_no_repeat() {
        let extractor = Extractor::new(&Config::default()).unwrap();
        let first = article("a1", "عنوان", "الجزيرة", "2018-04-08", TEXT);
        let mut last = LastExtraction::default();
        last.keep(&first, extractor.extract(&first));
        let other_text = format!("{TEXT} ");
        for other in [
            article("a2", "عنوان", "الجزيرة", "2018-04-08", &other_text),
            article("a2", "عنوان", "الجزيرة", "2018-04-09", TEXT),
            article("a2", "عنوان", "العربية", "2018-04-08", TEXT),
            Article { published: None, ..article("a2", "عنوان", "الجزيرة", "", TEXT) },
        ] {
            assert_eq!(last.recall(&other), None, "{other:?}");
        }
    }
}
