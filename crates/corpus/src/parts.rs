//! The seams to the other corpus crates (stories, index, export): every call
//! into them goes through here, so the rest of the corpus speaks in stored
//! articles and extractions only.

use jiff::civil::Date;
use rasid_index::IndexDoc;
use rasid_model::{Article, Extraction, Mention};
use rasid_store::StoredArticle;

use crate::{CorpusError, Pages, Result};

use rasid_stories::{Clusterer, DupIndex};
pub(crate) use rasid_stories::{Params as StoryParams, Prepared};
use serde::{Deserialize, Serialize};

// ---- near-duplicates and stories -------------------------------------------

/// Near-duplicates are looked for among articles published up to this many
/// days before the newest one: wire copies appear within days, and the
/// duplicate index stays bounded on a growing corpus.
const DUP_RETENTION_DAYS: u32 = 60;

/// The writer's memory of near-duplicates and stories, snapshotted into the
/// database: `seq` is the last stored article it has seen.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct StoryState {
    pub seq: i64,
    pub clusterer: Clusterer,
    pub dups: DupIndex,
}

impl StoryState {
    pub fn new() -> StoryState {
        StoryState {
            seq: 0,
            clusterer: Clusterer::default(),
            dups: DupIndex::default().with_retention(DUP_RETENTION_DAYS),
        }
    }

    pub fn load(bytes: &[u8]) -> std::result::Result<StoryState, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }

    pub fn save(&self) -> std::result::Result<Vec<u8>, String> {
        serde_json::to_vec(self).map_err(|e| e.to_string())
    }

    /// The clusterer's parameters, for [`prepare`] on the extraction
    /// workers (they are part of the saved state and fixed for a run).
    pub fn params(&self) -> &StoryParams {
        self.clusterer.params()
    }

    /// Record an article's fingerprint (from its [`Prepared`] form); the id
    /// of the earlier article it near-duplicates, if any.
    pub fn insert_dup(&mut self, prepared: &Prepared) -> Option<String> {
        self.dups.insert_dated(&prepared.id, &prepared.fingerprint, prepared.published)
    }

    /// The story of an article prepared beforehand: the decision
    /// `Clusterer::assign` makes on the raw article.
    pub fn assign(&mut self, prepared: &Prepared, dup_of: Option<&str>) -> i64 {
        self.clusterer.assign_prepared(prepared, dup_of)
    }
}

/// An article reduced to what near-duplicate detection and story assignment
/// compare (terms, places, figures, MinHash sketch of the folded text).
/// Pure, so the extraction workers compute it and the single writer only
/// looks up and assigns.
/// `folded` is the article's folded text when the extraction just made it.
pub(crate) fn prepare(
    article: &Article,
    extraction: &Extraction,
    folded: Option<&str>,
    params: &StoryParams,
) -> Prepared {
    let input = rasid_stories::StoryInput {
        id: article.id.clone(),
        published: day(extraction.article.published.as_deref()),
        outlet: article.outlet.clone(),
        title: article.title.clone().unwrap_or_default(),
        text: &article.text,
        extraction,
        dup_of: None,
    };
    match folded {
        Some(folded) => rasid_stories::prepare_folded(&input, folded, params),
        None => rasid_stories::prepare(&input, params),
    }
}

fn day(published: Option<&str>) -> Option<Date> {
    rasid_stories::parse_published(published?)
}

pub use rasid_stories::Ledger;

pub(crate) fn ledger(story: i64, articles: &[StoredArticle]) -> Ledger {
    let inputs: Vec<rasid_stories::LedgerArticle<'_>> = articles
        .iter()
        .map(|a| rasid_stories::LedgerArticle {
            id: a.article.id.clone(),
            outlet: a.article.outlet.clone(),
            published: day(a.day.as_deref()),
            extraction: &a.extraction,
            dup_of: a.dup_of.clone(),
        })
        .collect();
    rasid_stories::ledger(story, &inputs)
}

// ---- search index ----------------------------------------------------------

/// Ids and canonical names (Arabic and English) of the mentioned entities,
/// each once: the index filters on any of them.
fn entity_keys(mentions: &[Mention]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for m in mentions {
        for k in [&m.id, &m.ar, &m.en] {
            if !k.is_empty() && !keys.iter().any(|x| x == k) {
                keys.push(k.clone());
            }
        }
    }
    keys
}

pub(crate) fn index_doc(
    article: &Article,
    extraction: &Extraction,
    day_s: Option<&str>,
    story: Option<i64>,
) -> IndexDoc {
    IndexDoc {
        id: article.id.clone(),
        title: article.title.clone().unwrap_or_default(),
        text: article.text.clone(),
        outlet: article.outlet.clone(),
        published: day(day_s),
        places: entity_keys(&extraction.places),
        actors: entity_keys(&extraction.actors),
        story,
    }
}

// ---- exports ---------------------------------------------------------------

/// Stream the pages through the exporter for `format` (`jsonl`, `acled`,
/// `gkg`, `geojson`).
pub(crate) fn export(format: &str, pages: &mut Pages<'_>, out: &mut dyn std::io::Write) -> Result<u64> {
    let format: rasid_export::Format = format.parse().map_err(CorpusError::Export)?;
    let fail = |e: rasid_export::ExportError| CorpusError::Export(e.to_string());
    let mut exporter = rasid_export::Exporter::new(format, out).map_err(fail)?;
    let mut n = 0u64;
    loop {
        let page = pages.next_page()?;
        if page.is_empty() {
            break;
        }
        for a in &page {
            let record = rasid_export::ExportRecord {
                article: &a.article,
                extraction: &a.extraction,
                story: a.story,
                dup_of: a.dup_of.as_deref(),
            };
            exporter.write(&record).map_err(fail)?;
            n += 1;
        }
    }
    exporter.finish().map_err(fail)?;
    Ok(n)
}
