//! # rasid-gazetteer: places in Arabic conflict news
//!
//! Finds the place names of a document and says which place each one is:
//! canonical Arabic and English names, kind, coordinates, governorate.
//!
//! - A hand-written **built-in lexicon** (`data/places.tsv`) covers Syria, its
//!   governorates, the towns, regions and neighbourhoods the war news keeps
//!   naming, and the countries and capitals of the wider story. It works with
//!   nothing imported.
//! - **Importers** ([`import()`]) read the OCHA COD gazetteer, GeoNames
//!   (`cities500`-style TSV, the `SY.txt` dump and `alternateNames`), OpenSyria
//!   admin JSON and OCHA boundary GeoJSON into `home/gazetteer/`, in a compact
//!   TSV that [`Gazetteer::load`] reads back in milliseconds.
//! - **Matching** ([`Gazetteer::find_places`]) runs the names through
//!   `rasid-lexicon` (whole words, clitics peeled, longest match) and then
//!   decides, from the words around each name, whether it is a place at all
//!   (many village names are ordinary words) and which of its homonyms it is.
//!
//! The rules are data: `data/context.toml` (descriptors, prepositions,
//! directions), `data/gates.tsv` and `data/common_words.txt` (which names need
//! context), `data/not_places.tsv` (media brands and set phrases).

pub mod boundaries;
mod build;
pub mod import;
mod matcher;
mod names;
mod rules;
mod store;

use rasid_lexicon::{Joined, Lexicon};
use rasid_model::{Mention, Span};
use rasid_text::Document;
// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use boundaries::{Boundaries, BoundaryFeature, load_boundaries, load_boundary_level};
pub use import::{ImportError, ImportReport, import};
pub use rules::Gate;

/// What kind of place a [`Place`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Country,
    /// The capital of a country (`دمشق`, `أنقرة`): a city the news may also
    /// use for the state it governs.
    Capital,
    Governorate,
    District,
    Subdistrict,
    City,
    Town,
    Village,
    /// An OCHA "community": a populated place of unknown size.
    Community,
    Neighbourhood,
    Camp,
    Region,
    Border,
    Base,
    Other,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 15] = [
        PlaceKind::Country,
        PlaceKind::Capital,
        PlaceKind::Governorate,
        PlaceKind::District,
        PlaceKind::Subdistrict,
        PlaceKind::City,
        PlaceKind::Town,
        PlaceKind::Village,
        PlaceKind::Community,
        PlaceKind::Neighbourhood,
        PlaceKind::Camp,
        PlaceKind::Region,
        PlaceKind::Border,
        PlaceKind::Base,
        PlaceKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Capital => "capital",
            PlaceKind::Governorate => "governorate",
            PlaceKind::District => "district",
            PlaceKind::Subdistrict => "subdistrict",
            PlaceKind::City => "city",
            PlaceKind::Town => "town",
            PlaceKind::Village => "village",
            PlaceKind::Community => "community",
            PlaceKind::Neighbourhood => "neighbourhood",
            PlaceKind::Camp => "camp",
            PlaceKind::Region => "region",
            PlaceKind::Border => "border",
            PlaceKind::Base => "base",
            PlaceKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// A populated place (as opposed to an administrative unit, a region…).
    pub fn is_settlement(self) -> bool {
        matches!(
            self,
            PlaceKind::Capital
                | PlaceKind::City
                | PlaceKind::Town
                | PlaceKind::Village
                | PlaceKind::Community
                | PlaceKind::Neighbourhood
                | PlaceKind::Camp
        )
    }

    /// Countries and capitals: the names the news also uses for a state
    /// (`وهددت واشنطن`), which the extract stage may turn into actors.
    pub fn can_stand_for_state(self) -> bool {
        matches!(self, PlaceKind::Country | PlaceKind::Capital)
    }
}

impl std::fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Stable identifier: the built-in id (`eastern_ghouta`, `idlib_city`) or,
    /// for imported places, an English slug plus the source's own code
    /// (`kafr_ruma_c3794`).
    pub id: String,
    /// Canonical Arabic name.
    pub ar: String,
    /// English name.
    pub en: String,
    pub kind: PlaceKind,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Governorate, canonical Arabic (`ريف دمشق`); the governorate's own name
    /// for a governorate; `None` outside Syria or when unknown.
    pub admin1: Option<String>,
    pub admin1_en: Option<String>,
    /// District (mantika), Arabic, when the source gives it.
    pub admin2: Option<String>,
    /// OCHA p-code (`SY07`, `SY0703`, `C3794`, `N0012`).
    pub pcode: Option<String>,
    /// P-code of the enclosing unit, when the source gives it.
    pub parent: Option<String>,
    pub population: Option<u64>,
    /// ISO 3166-1 alpha-2 code of the country the place is in.
    pub country: Option<String>,
    /// GeoNames id, when the place came from or was merged with GeoNames.
    pub geonames: Option<u64>,
    /// Where the entry comes from: `builtin`, `ocha`, `geonames`, `opensyria`.
    pub source: &'static str,
    /// Every Arabic name the place is matched by (the canonical name first).
    pub names: Vec<String>,
    /// Tie-break between homonyms when the context says nothing (higher wins).
    pub priority: i32,
}

impl Place {
    /// The contract's form of a mention of this place at `span`.
    pub fn to_mention(&self, doc: &Document, span: Span) -> Mention {
        Mention {
            span,
            text: doc.slice(span).to_string(),
            id: self.id.clone(),
            ar: self.ar.clone(),
            en: self.en.clone(),
            kind: "place".to_string(),
            lat: self.lat,
            lon: self.lon,
            admin: self.admin1.clone(),
        }
    }
}

/// A place found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMention {
    /// Tokens covered (the first may carry proclitics outside the span).
    pub tokens: Range<usize>,
    /// Original character span of the name: descriptors, directional words
    /// and separable clitics left out (`بمدينة حرستا` → `حرستا`), the `لل`
    /// of an elided article kept (`للغوطة`).
    pub span: Span,
    /// Index of the place ([`Gazetteer::place`]).
    pub place: usize,
    /// Several different places carry this name and the context did not
    /// settle which one is meant: `place` is the best guess.
    pub ambiguous: bool,
    /// The other places the name could be, best first (empty when the name
    /// has one reading).
    pub alternatives: Vec<usize>,
    /// A country or capital named without locative context (no `في`, `إلى`,
    /// `ومقره`… before it, not a dateline): news often uses such a name for
    /// the state (`وهددت واشنطن وباريس`, `اتفاق مع روسيا`), which the
    /// annotation guidelines make an actor, not a place. A hint for the
    /// extract stage, which decides.
    pub may_be_state: bool,
}

/// What [`Gazetteer::load`] read.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Store files read and the number of records in each.
    pub files: Vec<(PathBuf, usize)>,
    /// Places in the gazetteer (built-in and imported, after merging).
    pub places: usize,
    /// Imported records merged into a place that was already there
    /// (the same p-code, or the same name within a few kilometres).
    pub merged: usize,
    /// Distinct match keys.
    pub names: usize,
    pub elapsed: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{file}:{line}: {reason}")]
    Store { file: PathBuf, line: usize, reason: String },
}

/// What a match key stands for in the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    pub place: u32,
    pub gate: Gate,
}

/// The gazetteer: places, their names compiled for matching. Build it once
/// and share it (it is `Sync`).
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_id: HashMap<String, usize>,
    /// Folded name key → places, best first (for [`Gazetteer::lookup`]).
    by_key: HashMap<String, Vec<usize>>,
    lexicon: Lexicon<Entry>,
    blockers: Lexicon<rules::BlockWhen>,
}

impl Gazetteer {
    /// The hand-written lexicon only.
    pub fn builtin() -> Gazetteer {
        build::Builder::with_builtin().finish()
    }

    /// The built-in lexicon plus everything imported into `home/gazetteer/`.
    /// A home without a `gazetteer` folder gives the built-in lexicon.
    pub fn load(home: &Path) -> Result<(Gazetteer, LoadReport), GazetteerError> {
        let started = std::time::Instant::now();
        let mut builder = build::Builder::with_builtin();
        let mut report = LoadReport::default();
        store::load_into(&store::store_dir(home), &mut builder, &mut report)?;
        report.merged = builder.merged;
        let gazetteer = builder.finish();
        report.places = gazetteer.places.len();
        report.names = gazetteer.by_key.len();
        report.elapsed = started.elapsed();
        Ok((gazetteer, report))
    }

    /// Every place mention of the document, in text order, not overlapping.
    pub fn find_places(&self, doc: &Document, joined: &Joined) -> Vec<PlaceMention> {
        matcher::find_places(self, doc, joined)
    }

    /// [`Gazetteer::find_places`] in the contract's shape.
    pub fn mentions(&self, doc: &Document, joined: &Joined) -> Vec<Mention> {
        self.find_places(doc, joined).iter().map(|m| self.places[m.place].to_mention(doc, m.span)).collect()
    }

    /// The place with this id.
    pub fn get(&self, id: &str) -> Option<&Place> {
        self.by_id.get(id).map(|&i| &self.places[i])
    }

    /// The place at index `i` (as in [`PlaceMention::place`]).
    pub fn place(&self, i: usize) -> &Place {
        &self.places[i]
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The places a name may refer to, most likely first (built-in before
    /// imported, then priority and population). The name is folded and may
    /// carry a descriptor or proclitics: `محافظة إدلب`, `بحرستا`.
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        let key = rasid_lexicon::name_key(name);
        if let Some(v) = self.by_key.get(&key) {
            return v.iter().map(|&i| &self.places[i]).collect();
        }
        // Fall back to the matcher, which knows descriptors and clitics.
        let doc = Document::new(name);
        let joined = Joined::new(&doc);
        let found = matcher::find_places(self, &doc, &joined);
        match found.as_slice() {
            [only] => std::iter::once(only.place)
                .chain(only.alternatives.iter().copied())
                .map(|i| &self.places[i])
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_is_shareable_between_threads() {
        fn assert_sync_send<T: Sync + Send>() {}
        assert_sync_send::<Gazetteer>();
    }

    #[test]
    fn kinds_round_trip() {
        for k in PlaceKind::ALL {
            assert_eq!(PlaceKind::parse(k.as_str()), Some(k));
        }
    }
}
