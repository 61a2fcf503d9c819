//! Stories: incremental clustering of reports of the same episode.
//!
//! A story is a rolling group of reports of one episode (an attack and its
//! aftermath, an evacuation over a few days). Articles arrive one by one
//! ([`Clusterer::assign`]); each joins the most similar *open* story or
//! starts a new one. Nothing is ever re-clustered, so assignments are
//! stable and the result depends only on the input order.
//!
//! ## Features
//!
//! Each article is reduced to:
//! - **terms**: TF-IDF over content-word stems ([`crate::terms`]) of the
//!   title (weight [`Params::title_weight`]), the lead (the first
//!   [`Params::lead_words`] content words, weight [`Params::lead_weight`])
//!   and the rest of the body (weight 1, first [`Params::body_words`]); the
//!   IDF table is learned as the corpus grows, smoothed towards a flat
//!   prior ([`Params::idf_prior_articles`]) so that in a young corpus the
//!   words two reports share (seen twice, hence "common") are not drowned
//!   by the words each uses once. The strongest [`Params::article_terms`]
//!   terms are kept, L2-normalised.
//! - **headline**: the same TF-IDF over the title and the first
//!   [`Params::head_words`] content words only. Reports of one episode
//!   written separately share few body words but tell the same thing up
//!   front; on a long article the body terms would otherwise crowd the
//!   title's out of the strongest 40.
//! - **places** and **actors** (ids from the extraction), weighted by how
//!   often they are named and by their own IDF, so `Syria` says little and
//!   `Douma` a lot. Places are also weighted by how specific they are
//!   ([`Params::place_specificity`]: the country, a governorate, a place
//!   abroad, a town), which a young corpus's IDF cannot know yet. A place
//!   one side names only in its *title* counts as named there when the
//!   other side's extraction found it (the extraction covers the body; a
//!   title often names the town the body leaves implicit).
//! - **figures**: (category, value) of its figures, as shared tolls are a
//!   strong sign of the same episode (`47 killed`); a comparable figure
//!   (same category, within [`Params::near_figure`]) is weaker evidence:
//!   sources estimate one count differently, and a toll rises.
//! - the publication **day**.
//!
//! A story keeps the sum of its articles' vectors (its centroid, truncated
//! to its [`Params::story_terms`] strongest terms), so an article is compared
//! with the story as a whole (average link), not with its closest member:
//! this is what keeps a story from chaining into everything about Ghouta.
//!
//! ## Decision
//!
//! `score = w_text·cos(terms) + w_head·cos(headline) + w_place·cos(places) + w_actor·cos(actors) +
//! w_figure·min(1, figure evidence / 2)` (an equal figure counts its
//! rarity, a comparable one [`Params::near_figure_credit`] of it); the article joins the best open
//! story when `score ≥ threshold` and the text similarity alone reaches
//! [`Params::min_text`] (shared places and tolls without shared words are
//! a different episode in the same town). A story is open to an article
//! dated within [`Params::window_days`] of the story's days, as long as the
//! story would not then span more than [`Params::max_span_days`]. Undated
//! articles are compared with every open story. A near-duplicate
//! (`dup_of`) always joins the story of its original.
//!
//! ## Cost
//!
//! Candidate stories come from posting lists (term/place → open stories),
//! so the work per article is bounded by the number of open stories sharing
//! one of its strongest terms, not by the corpus size. Stories that can no
//! longer be joined are dropped from the posting lists and lose their
//! vectors.

use rasid_model::Extraction;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::dup::Fingerprint;
use crate::hash::hash_str;
use crate::places::PlaceInfo;
use crate::terms::{WordKind, arabic_stem, root_hash, stem_hash, term_hash, words};

/// Story ids: 1, 2, 3… in order of creation.
pub type StoryId = i64;

/// One article as the clusterer sees it.
#[derive(Debug, Clone)]
pub struct StoryInput<'a> {
    pub id: String,
    pub published: Option<jiff::civil::Date>,
    pub outlet: Option<String>,
    pub title: String,
    /// Borrowed: the ingest hands [`prepare_folded`] the folded text and
    /// never needs a copy of this one.
    pub text: &'a str,
    pub extraction: &'a Extraction,
    /// The original this article is a near-duplicate of ([`crate::DupIndex`]).
    pub dup_of: Option<String>,
}

/// The knobs of the clusterer. Defaults were set on the development data
/// (syria-dev-40 alone and among the ANT Syria distractors; see the crate
/// docs for the numbers); they are stored with the state so
/// a resumed corpus keeps clustering the same way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Params {
    pub threshold: f64,
    pub min_text: f64,
    /// Added to the threshold when the article or the story is undated.
    pub undated_margin: f64,
    pub w_text: f64,
    pub w_place: f64,
    pub w_actor: f64,
    pub w_figure: f64,
    /// Weight of the headline similarity: the title and the first
    /// [`Params::head_words`] content words of the article against those
    /// of the story's articles.
    pub w_head: f64,
    /// Content words of the body that count as the lead in the headline
    /// vector.
    pub head_words: usize,
    /// An article may join a story dated within this many days of it.
    pub window_days: i32,
    /// A story never spans more days than this (first to last article).
    pub max_span_days: i32,
    pub title_weight: f32,
    pub lead_weight: f32,
    pub lead_words: usize,
    pub body_words: usize,
    pub article_terms: usize,
    pub story_terms: usize,
    /// Figures below this value are not compared (too common to mean much).
    pub min_figure: f64,
    /// Weight of a word's root ([`crate::terms::root`]) next to its stem:
    /// partial credit for other forms of the same word (خروج / الخارجين).
    pub root_weight: f32,
    /// Pseudo-articles of the IDF prior, and the rate at which every key
    /// appears in them (see `Clusterer::idf`).
    pub idf_prior_articles: f32,
    pub idf_prior_rate: f32,
    /// How much a place says by how specific it is, multiplying its IDF
    /// in the place vector: the country, a governorate or area, a place
    /// with no governorate (abroad, a border, unknown), a town or
    /// neighbourhood ([`crate::places::PlaceInfo::rank`] 1 to 4). A young
    /// corpus cannot yet tell from IDF that `Syria` is named everywhere;
    /// this prior knows it from the start.
    pub place_specificity: [f32; 4],
    /// Figures of one category within this relative difference of a
    /// story's are *comparable* (estimates of one count by different
    /// sources, a toll that rose) and give [`Params::near_figure_credit`]
    /// of the evidence of an equal figure (within 5 %).
    pub near_figure: f64,
    pub near_figure_credit: f64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            threshold: 0.43,
            min_text: 0.12,
            undated_margin: 0.05,
            w_text: 0.6,
            w_place: 0.25,
            w_actor: 0.1,
            w_figure: 0.2,
            w_head: 0.4,
            head_words: 30,
            window_days: 3,
            max_span_days: 8,
            title_weight: 3.0,
            lead_weight: 2.0,
            lead_words: 50,
            body_words: 400,
            article_terms: 40,
            story_terms: 100,
            min_figure: 5.0,
            root_weight: 0.5,
            idf_prior_articles: 60.0,
            idf_prior_rate: 0.05,
            place_specificity: [0.25, 0.6, 0.5, 1.0],
            near_figure: 0.25,
            near_figure_credit: 0.5,
        }
    }
}

/// A sparse vector, sorted by key.
type Sparse = Vec<(u64, f32)>;

/// A place an article names, as another article's title may name it: its
/// key in the place vectors, how specific it is (a factor of
/// [`Params::place_specificity`]) and the content terms of its canonical
/// Arabic name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct PlaceName {
    key: u64,
    specificity: f32,
    terms: Vec<u64>,
}

impl PlaceName {
    /// Is the place named in a text whose content terms are `terms` (sorted)?
    fn named_in(&self, terms: &[u64]) -> bool {
        !self.terms.is_empty() && self.terms.iter().all(|t| terms.binary_search(t).is_ok())
    }
}

/// Place names kept per story, and title terms kept per story.
const STORY_PLACE_NAMES: usize = 48;
const STORY_TITLE_TERMS: usize = 96;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct FigureKey {
    category: u64,
    value: f64,
}

impl FigureKey {
    /// The key of this exact figure in the document-frequency table.
    fn df_key(&self) -> u64 {
        crate::hash::combine(self.category ^ 0x6669_6775_7265, self.value.to_bits())
    }
}

/// How an article compares with one open story ([`Clusterer::explain`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub story: StoryId,
    pub score: f64,
    /// Cosine of the term vectors.
    pub text: f64,
    /// Cosine of the headline (title + lead) vectors.
    pub head: f64,
    pub place: f64,
    pub actor: f64,
    /// Figures of the article the story already has.
    pub figures: usize,
    /// Those figures weighed by rarity (a figure never seen elsewhere
    /// counts 1, one that many articles give counts little), plus
    /// [`Params::near_figure_credit`] of that for each comparable one.
    pub figure_evidence: f64,
    /// Over the threshold: the article would join this story (the best such).
    pub joins: bool,
}

/// A named thing counted in a story (place, actor, outlet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedCount {
    pub id: String,
    pub name: String,
    pub count: u32,
}

/// What the corpus shows of a story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: StoryId,
    /// The title of its first titled article.
    pub title: String,
    pub first: Option<jiff::civil::Date>,
    pub last: Option<jiff::civil::Date>,
    /// Outlets, sorted.
    pub outlets: Vec<String>,
    /// Article ids in order of assignment.
    pub articles: Vec<String>,
    /// Places and actors by number of mentions, most first.
    pub places: Vec<NamedCount>,
    pub actors: Vec<NamedCount>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Centroid {
    terms: Sparse,
    /// Sum of the headline vectors of the story's articles.
    #[serde(default)]
    head: Sparse,
    places: Sparse,
    actors: Sparse,
    figures: Vec<FigureKey>,
    /// The places of its articles, to find them named in a new article's
    /// title, and the content terms of its articles' titles, to find a new
    /// article's places named there.
    #[serde(default)]
    place_names: Vec<PlaceName>,
    #[serde(default)]
    title_terms: Vec<u64>,
    first_day: Option<i32>,
    last_day: Option<i32>,
    /// No vectors any more: the story can no longer be joined.
    closed: bool,
}

/// The incremental story clusterer. Serializable (serde): a corpus saves it
/// after each batch and resumes it; the posting lists are rebuilt on load.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clusterer {
    params: Params,
    /// Articles seen (the N of IDF).
    seen: u64,
    /// Document frequency of terms, places (`p:` id) and actors (`a:` id).
    df: FxHashMap<u64, u32>,
    /// Per outlet (by name hash): how often each term appears in its
    /// articles, to recognise the outlet's own boilerplate.
    outlets: FxHashMap<u64, OutletTerms>,
    stories: Vec<Story>,
    centroids: Vec<Centroid>,
    article_story: FxHashMap<String, StoryId>,
    newest_day: Option<i32>,
    #[serde(skip)]
    postings: Option<FxHashMap<u64, Vec<u32>>>,
    #[serde(skip)]
    since_sweep: u32,
}

impl Default for Clusterer {
    fn default() -> Self {
        Clusterer::new(Params::default())
    }
}

/// The features of one article.
#[derive(Debug, Clone, Default)]
struct Features {
    terms: Sparse,
    head: Sparse,
    places: Sparse,
    /// The norm of the place vector before normalisation.
    place_norm: f32,
    actors: Sparse,
    /// Figures with their rarity weight (1 for a figure never seen before).
    figures: Vec<(FigureKey, f64)>,
    place_names: Vec<PlaceName>,
    title_terms: Vec<u64>,
    day: Option<i32>,
}

/// An article reduced to what clustering compares. Computing it needs no
/// clusterer state, so a corpus prepares articles on all cores and only
/// assigns them ([`Clusterer::assign_prepared`]) one by one, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub id: String,
    pub published: Option<jiff::civil::Date>,
    pub outlet: Option<String>,
    pub title: String,
    /// The MinHash sketch of the text, for [`crate::DupIndex`] (folding the
    /// text once serves both).
    pub fingerprint: Fingerprint,
    /// Weighted term counts (title, lead, body), by term hash.
    terms: Sparse,
    /// Term counts of the headline: the title and the lead.
    head: Sparse,
    /// Mention counts by `p:` / `a:` id hash.
    places: Sparse,
    actors: Sparse,
    figures: Vec<FigureKey>,
    /// Each place once, with its specificity and name terms.
    place_keys: Vec<PlaceName>,
    /// Content terms of the title, sorted, deduplicated.
    title_terms: Vec<u64>,
    /// (id, canonical Arabic name) of every mention, for story summaries.
    place_names: Vec<(String, String)>,
    actor_names: Vec<(String, String)>,
}

/// Prepare an article for [`Clusterer::assign_prepared`]: fold its title and
/// text (once), weigh its content-word stems, count its places and actors,
/// list its figures and sketch its text.
pub fn prepare(input: &StoryInput, params: &Params) -> Prepared {
    prepare_folded(input, &rasid_text::fold::fold_str(input.text), params)
}

/// [`prepare`] given the article's text already folded (`body`, exactly
/// [`rasid_text::fold::fold_str`] of `input.text`; the extraction makes it).
pub fn prepare_folded(input: &StoryInput, body: &str, params: &Params) -> Prepared {
    // Sized for a typical article (its distinct stems and roots, and the
    // head's words) so that the maps do not grow step by step.
    let mut tf: FxHashMap<u64, f32> =
        FxHashMap::with_capacity_and_hasher(params.body_words.min(1024), Default::default());
    let mut head: FxHashMap<u64, f32> =
        FxHashMap::with_capacity_and_hasher(params.head_words.min(256), Default::default());
    let title = rasid_text::fold::fold_str(&input.title);
    let mut title_terms: Vec<u64> = words(&title).filter_map(|(w, kind)| term_hash(w, kind)).collect();
    title_terms.sort_unstable();
    title_terms.dedup();
    let mut add = |w: &str, kind: WordKind, weight: f32, in_head: bool| -> bool {
        // an Arabic word's stem gives both its term and its root (stemmed once)
        let (h, root) = match kind {
            WordKind::Arabic => {
                let Some(stem) = arabic_stem(w) else { return false };
                (stem_hash(stem), if params.root_weight > 0.0 { root_hash(stem) } else { None })
            }
            _ => {
                let Some(h) = term_hash(w, kind) else { return false };
                (h, None)
            }
        };
        *tf.entry(h).or_default() += weight;
        if in_head {
            *head.entry(h).or_default() += 1.0;
        }
        if let Some(r) = root {
            *tf.entry(r).or_default() += weight * params.root_weight;
        }
        true
    };
    for (w, kind) in words(&title) {
        add(w, kind, params.title_weight, true);
    }
    let mut n = 0usize;
    for (w, kind) in words(body) {
        if n >= params.body_words {
            break;
        }
        let weight = if n < params.lead_words { params.lead_weight } else { 1.0 };
        if add(w, kind, weight, n < params.head_words) {
            n += 1;
        }
    }
    let fingerprint = Fingerprint::from_words(words(body).map(|(w, _)| w));
    let count = |keys: &mut dyn Iterator<Item = u64>| -> Sparse {
        let mut m: FxHashMap<u64, f32> = FxHashMap::default();
        for k in keys {
            *m.entry(k).or_default() += 1.0;
        }
        let mut v: Sparse = m.into_iter().collect();
        v.sort_by_key(|e| e.0);
        v
    };
    let x = input.extraction;
    let place_key = |m: &rasid_model::Mention| hash_str(&format!("p:{}", m.id));
    let places = count(&mut x.places.iter().map(place_key));
    let mut place_keys: Vec<PlaceName> = Vec::new();
    for m in &x.places {
        let key = place_key(m);
        if place_keys.iter().any(|p| p.key == key) {
            continue;
        }
        let info = PlaceInfo {
            key: m.id.clone(),
            ar: rasid_text::key(&m.ar),
            admin: m.admin.as_deref().map(rasid_text::key).filter(|a| !a.is_empty()),
        };
        let rank = usize::from(info.rank().clamp(1, 4));
        let terms = words(&info.ar).filter_map(|(w, kind)| term_hash(w, kind)).collect();
        place_keys.push(PlaceName { key, specificity: params.place_specificity[rank - 1], terms });
    }
    let actors = count(&mut x.actors.iter().map(|m| hash_str(&format!("a:{}", m.id))));
    let mut terms: Sparse = tf.into_iter().collect();
    terms.sort_by_key(|e| e.0);
    let mut head: Sparse = head.into_iter().collect();
    head.sort_by_key(|e| e.0);
    let mut figures: Vec<FigureKey> = x
        .figures
        .iter()
        .filter(|f| f.value.is_finite() && f.value >= params.min_figure)
        .filter_map(|f| {
            let c = f.category.as_deref()?;
            (c != "other" && c != "territory_percent")
                .then(|| FigureKey { category: hash_str(c), value: f.value })
        })
        .collect();
    figures.sort_by(|a, b| a.category.cmp(&b.category).then(a.value.total_cmp(&b.value)));
    figures.dedup();
    Prepared {
        id: input.id.clone(),
        published: input.published,
        outlet: input.outlet.clone(),
        title: input.title.clone(),
        fingerprint,
        terms,
        head,
        places,
        actors,
        figures,
        place_keys,
        title_terms,
        place_names: x.places.iter().map(|m| (m.id.clone(), m.ar.clone())).collect(),
        actor_names: x.actors.iter().map(|m| (m.id.clone(), m.ar.clone())).collect(),
    }
}

/// Buckets per row of an outlet's term sketch.
const OUTLET_BUCKETS: usize = 4096;
/// Articles of an outlet before its boilerplate factor applies.
const OUTLET_MIN_ARTICLES: u8 = 10;

/// How often each term appears in one outlet's articles: a count-min sketch
/// (two rows of [`OUTLET_BUCKETS`] saturating byte counters, fixed size
/// whatever the vocabulary) with the number of articles. When the article
/// count reaches 255 every count is halved, so the sketch follows the
/// outlet's recent pages (a site redesign changes its boilerplate).
///
/// IDF over the whole corpus misses an outlet's boilerplate (navigation,
/// sign-offs, datelines such as `سكاي نيوز عربية - أبوظبي`) when the outlet
/// is a large share of the corpus, or when it is not but its boilerplate
/// still makes its pages alike; this does not.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct OutletTerms {
    articles: u8,
    #[serde(with = "hex_bytes")]
    counts: Vec<u8>,
}

impl Default for OutletTerms {
    fn default() -> Self {
        OutletTerms { articles: 0, counts: vec![0; 2 * OUTLET_BUCKETS] }
    }
}

impl OutletTerms {
    fn buckets(term: u64) -> [usize; 2] {
        let b = OUTLET_BUCKETS as u64;
        [(term % b) as usize, OUTLET_BUCKETS + ((term >> 32) % b) as usize]
    }

    fn add(&mut self, terms: impl Iterator<Item = u64>) {
        if self.counts.len() != 2 * OUTLET_BUCKETS {
            *self = OutletTerms::default();
        }
        for t in terms {
            for b in OutletTerms::buckets(t) {
                self.counts[b] = self.counts[b].saturating_add(1);
            }
        }
        self.articles = self.articles.saturating_add(1);
        if self.articles == u8::MAX {
            self.articles /= 2;
            for c in &mut self.counts {
                *c /= 2;
            }
        }
    }

    /// 1 for a term the outlet rarely uses, falling to 0 for one on every
    /// page (1 − share², so only near-ubiquitous terms are much reduced).
    fn factor(&self, term: u64) -> f32 {
        if self.articles < OUTLET_MIN_ARTICLES || self.counts.len() != 2 * OUTLET_BUCKETS {
            return 1.0;
        }
        let count = OutletTerms::buckets(term).iter().map(|&b| self.counts[b]).min().unwrap_or(0);
        let share = (f32::from(count) / f32::from(self.articles)).min(1.0);
        1.0 - share * share
    }
}

/// Byte vectors as hex strings in saved state.
mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            out.push_str(&format!("{b:02x}"));
        }
        s.serialize_str(&out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() % 2 != 0 || !s.is_ascii() {
            return Err(serde::de::Error::custom("expected a hex string"));
        }
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).map_err(serde::de::Error::custom))
            .collect()
    }
}

/// Places and actors kept in a story summary.
const MAX_NAMES: usize = 32;
/// Articles between sweeps of closed stories out of the posting lists.
const SWEEP_EVERY: u32 = 512;
/// Posting-list keys look up at most this many of an article's strongest terms.
const LOOKUP_TERMS: usize = 12;
/// Terms kept in an article's headline vector and in a story's.
const HEAD_TERMS: usize = 40;

impl Clusterer {
    pub fn new(params: Params) -> Clusterer {
        Clusterer {
            params,
            seen: 0,
            df: FxHashMap::default(),
            outlets: FxHashMap::default(),
            stories: Vec::new(),
            centroids: Vec::new(),
            article_story: FxHashMap::default(),
            newest_day: None,
            postings: None,
            since_sweep: 0,
        }
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// All stories, in order of creation (index = id − 1).
    pub fn stories(&self) -> &[Story] {
        &self.stories
    }

    pub fn story(&self, id: StoryId) -> Option<&Story> {
        usize::try_from(id - 1).ok().and_then(|i| self.stories.get(i))
    }

    /// The story an article was assigned to.
    pub fn story_of(&self, article: &str) -> Option<StoryId> {
        self.article_story.get(article).copied()
    }

    /// The prepared form of an article with this clusterer's parameters
    /// (see [`prepare`]).
    pub fn prepare(&self, input: &StoryInput) -> Prepared {
        prepare(input, &self.params)
    }

    /// Assign an article to a story (an existing one or a new one) and
    /// return its id. Assigning an id again returns its earlier story.
    pub fn assign(&mut self, input: &StoryInput) -> StoryId {
        let prepared = self.prepare(input);
        self.assign_prepared(&prepared, input.dup_of.as_deref())
    }

    /// [`Clusterer::assign`] for an article prepared beforehand (on another
    /// thread), with the original it near-duplicates, if any.
    pub fn assign_prepared(&mut self, p: &Prepared, dup_of: Option<&str>) -> StoryId {
        if let Some(&s) = self.article_story.get(&p.id) {
            return s;
        }
        if let Some(d) = p.published.map(crate::day_number) {
            self.newest_day = Some(self.newest_day.map_or(d, |n| n.max(d)));
        }
        let features = self.features(p);
        self.ensure_postings();
        let joined = dup_of
            .and_then(|d| self.article_story.get(d).copied())
            .and_then(|s| usize::try_from(s - 1).ok())
            .or_else(|| {
                self.scores(&features)
                    .into_iter()
                    .filter(|c| c.joins)
                    .max_by(|a, b| a.score.total_cmp(&b.score).then(b.story.cmp(&a.story)))
                    .and_then(|c| usize::try_from(c.story - 1).ok())
            });
        self.seen += 1;
        for k in p
            .terms
            .iter()
            .chain(&p.places)
            .chain(&p.actors)
            .map(|e| e.0)
            .chain(p.figures.iter().map(FigureKey::df_key))
        {
            *self.df.entry(k).or_default() += 1;
        }
        if let Some(o) = &p.outlet {
            self.outlets.entry(hash_str(o)).or_default().add(p.terms.iter().map(|e| e.0));
        }
        let index = match joined {
            Some(i) => i,
            None => self.new_story(),
        };
        self.add_to_story(index, p, &features);
        let id = self.stories[index].id;
        self.article_story.insert(p.id.clone(), id);
        self.since_sweep += 1;
        if self.since_sweep >= SWEEP_EVERY {
            self.sweep();
        }
        id
    }

    /// Inverse document frequency, smoothed towards a flat prior of
    /// [`Params::idf_prior_articles`] pseudo-articles in which every key
    /// appears at rate [`Params::idf_prior_rate`]: a young corpus has not
    /// seen enough to tell a common word from a rare one, and the prior
    /// fades as it grows.
    fn idf(&self, key: u64) -> f32 {
        let df = self.df.get(&key).copied().unwrap_or(0) as f32;
        let n0 = self.params.idf_prior_articles;
        let d0 = n0 * self.params.idf_prior_rate;
        ((self.seen as f32 + n0 + 1.0) / (df + d0 + 1.0)).ln() + 1.0
    }

    /// Weigh a prepared article's counts with the current IDF tables (and,
    /// for terms, its outlet's boilerplate factor).
    fn features(&self, p: &Prepared) -> Features {
        let outlet = p.outlet.as_deref().and_then(|o| self.outlets.get(&hash_str(o)));
        let terms = {
            let mut v: Sparse = p
                .terms
                .iter()
                .map(|&(k, c)| (k, (1.0 + c.ln()) * self.idf(k) * outlet.map_or(1.0, |o| o.factor(k))))
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(self.params.article_terms);
            normalise(&mut v);
            v.sort_by_key(|e| e.0);
            v
        };
        let weigh = |counts: &Sparse, keep: usize| -> Sparse {
            let mut v: Sparse = counts.iter().map(|&(k, c)| (k, (1.0 + c.ln()) * self.idf(k))).collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(keep);
            normalise(&mut v);
            v.sort_by_key(|e| e.0);
            v
        };
        let specificity = |k: u64| p.place_keys.iter().find(|n| n.key == k).map_or(1.0, |n| n.specificity);
        let mut places: Sparse =
            p.places.iter().map(|&(k, c)| (k, (1.0 + c.ln()) * self.idf(k) * specificity(k))).collect();
        places.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        places.truncate(24);
        let place_norm = places.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
        normalise(&mut places);
        places.sort_by_key(|e| e.0);
        Features {
            terms,
            head: weigh(&p.head, HEAD_TERMS),
            places,
            place_norm,
            actors: weigh(&p.actors, 24),
            figures: p
                .figures
                .iter()
                .map(|f| {
                    let unseen = self.idf(u64::MAX - 1);
                    (*f, f64::from(self.idf(f.df_key()) / unseen).min(1.0))
                })
                .collect(),
            place_names: p.place_keys.clone(),
            title_terms: p.title_terms.clone(),
            day: p.published.map(crate::day_number),
        }
    }

    fn is_open_to(&self, c: &Centroid, day: Option<i32>) -> bool {
        if c.closed {
            return false;
        }
        let (Some(d), Some(first), Some(last)) = (day, c.first_day, c.last_day) else {
            return true;
        };
        let p = &self.params;
        d >= first - p.window_days
            && d <= last + p.window_days
            && last.max(d) - first.min(d) <= p.max_span_days
    }

    /// How an article compares with the open stories that share one of its
    /// strongest terms or a place, best first, without assigning it (for
    /// "why is this report in that story?" and for tuning).
    pub fn explain(&self, input: &StoryInput) -> Vec<Candidate> {
        let features = self.features(&self.prepare(input));
        let mut out = if self.postings.is_some() {
            self.scores(&features)
        } else {
            let mut copy = self.clone();
            copy.ensure_postings();
            copy.scores(&features)
        };
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.story.cmp(&b.story)));
        out
    }

    fn scores(&self, f: &Features) -> Vec<Candidate> {
        let Some(postings) = self.postings.as_ref() else { return Vec::new() };
        let mut strongest: Vec<&(u64, f32)> = f.terms.iter().collect();
        strongest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut candidates: Vec<u32> = strongest
            .iter()
            .take(LOOKUP_TERMS)
            .map(|e| e.0)
            .chain(f.places.iter().map(|e| e.0))
            .filter_map(|k| postings.get(&k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let p = &self.params;
        let mut out = Vec::new();
        for i in candidates {
            let Some(c) = self.centroids.get(i as usize) else { continue };
            if !self.is_open_to(c, f.day) {
                continue;
            }
            let text = cosine(&f.terms, &c.terms);
            let head = cosine(&f.head, &c.head);
            let place = self.place_similarity(f, c);
            let actor = cosine(&f.actors, &c.actors);
            let (figures, evidence) = shared_figures(&f.figures, &c.figures, p);
            let score = p.w_text * text
                + p.w_head * head
                + p.w_place * place
                + p.w_actor * actor
                + p.w_figure * (evidence / 2.0).min(1.0);
            // without dates on both sides nothing says the two are close in
            // time, so the content must say more
            let undated = f.day.is_none() || c.first_day.is_none();
            let threshold = if undated { p.threshold + p.undated_margin } else { p.threshold };
            let joins = score >= threshold && text >= p.min_text;
            out.push(Candidate {
                story: i as StoryId + 1,
                score,
                text,
                head,
                place,
                actor,
                figures,
                figure_evidence: evidence,
                joins,
            });
        }
        out
    }

    /// Cosine of the place vectors, where a place one side names only in
    /// its title counts as named there: the extraction covers the text, and
    /// a report's title often names the town its body leaves implicit
    /// (`حافلات الرستن تصل إلى …`). Only places the other side has found
    /// in its text are looked for, so a title is never read as places on
    /// its own.
    fn place_similarity(&self, f: &Features, c: &Centroid) -> f64 {
        let from_story: Vec<(u64, f32)> = c
            .place_names
            .iter()
            .filter(|n| f.places.binary_search_by_key(&n.key, |e| e.0).is_err() && n.named_in(&f.title_terms))
            .map(|n| (n.key, self.idf(n.key) * n.specificity))
            .collect();
        let from_article: Vec<(u64, f32)> = f
            .place_names
            .iter()
            .filter(|n| c.places.binary_search_by_key(&n.key, |e| e.0).is_err() && n.named_in(&c.title_terms))
            .filter_map(|n| {
                f.places.binary_search_by_key(&n.key, |e| e.0).ok().map(|i| (n.key, f.places[i].1))
            })
            .collect();
        if from_story.is_empty() && from_article.is_empty() {
            return cosine(&f.places, &c.places);
        }
        let mut article = f.places.clone();
        if !from_story.is_empty() {
            // as if the article had named each once: on the scale of its
            // vector before normalisation, then normalised again
            let norm = if f.place_norm > 0.0 { f.place_norm } else { 1.0 };
            article.extend(from_story.iter().map(|&(k, w)| (k, w / norm)));
            article.sort_by_key(|e| e.0);
            normalise(&mut article);
        }
        let mut story = c.places.clone();
        // as if one more of its articles had named the place
        story.extend(from_article);
        story.sort_by_key(|e| e.0);
        cosine(&article, &story)
    }

    fn new_story(&mut self) -> usize {
        let id = self.stories.len() as StoryId + 1;
        self.stories.push(Story {
            id,
            title: String::new(),
            first: None,
            last: None,
            outlets: Vec::new(),
            articles: Vec::new(),
            places: Vec::new(),
            actors: Vec::new(),
        });
        self.centroids.push(Centroid::default());
        self.stories.len() - 1
    }

    fn add_to_story(&mut self, index: usize, input: &Prepared, f: &Features) {
        let story_terms = self.params.story_terms;
        let c = &mut self.centroids[index];
        if !c.closed {
            let added_terms = add_into(&mut c.terms, &f.terms, story_terms);
            add_into(&mut c.head, &f.head, HEAD_TERMS * 2);
            let added_places = add_into(&mut c.places, &f.places, 48);
            add_into(&mut c.actors, &f.actors, 48);
            for (fig, _) in &f.figures {
                if c.figures.len() < 128 && !c.figures.contains(fig) {
                    c.figures.push(*fig);
                }
            }
            for n in &f.place_names {
                if c.place_names.len() < STORY_PLACE_NAMES && c.place_names.iter().all(|m| m.key != n.key) {
                    c.place_names.push(n.clone());
                }
            }
            for &t in &f.title_terms {
                if c.title_terms.len() < STORY_TITLE_TERMS
                    && let Err(at) = c.title_terms.binary_search(&t)
                {
                    c.title_terms.insert(at, t);
                }
            }
            if let Some(d) = f.day {
                c.first_day = Some(c.first_day.map_or(d, |x| x.min(d)));
                c.last_day = Some(c.last_day.map_or(d, |x| x.max(d)));
            }
            if let Some(postings) = self.postings.as_mut() {
                for k in added_terms.into_iter().chain(added_places) {
                    postings.entry(k).or_default().push(index as u32);
                }
            }
        }
        let s = &mut self.stories[index];
        if s.title.is_empty() && !input.title.trim().is_empty() {
            s.title = input.title.trim().to_string();
        }
        if let Some(date) = input.published {
            s.first = Some(s.first.map_or(date, |x| x.min(date)));
            s.last = Some(s.last.map_or(date, |x| x.max(date)));
        }
        if let Some(o) = &input.outlet
            && let Err(at) = s.outlets.binary_search(o)
        {
            s.outlets.insert(at, o.clone());
        }
        s.articles.push(input.id.clone());
        count_names(&mut s.places, &input.place_names);
        count_names(&mut s.actors, &input.actor_names);
    }

    /// Close stories that no article can join any more (their last day is
    /// further behind the newest day than the window), drop their vectors,
    /// and rebuild the posting lists from the open stories.
    fn sweep(&mut self) {
        self.since_sweep = 0;
        if let Some(newest) = self.newest_day {
            let w = self.params.window_days;
            for c in &mut self.centroids {
                if !c.closed && c.last_day.is_some_and(|l| l + w < newest - w) {
                    *c = Centroid {
                        first_day: c.first_day,
                        last_day: c.last_day,
                        closed: true,
                        ..Centroid::default()
                    };
                }
            }
        }
        self.postings = None;
        self.ensure_postings();
    }

    fn ensure_postings(&mut self) {
        if self.postings.is_some() {
            return;
        }
        let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (i, c) in self.centroids.iter().enumerate() {
            if c.closed {
                continue;
            }
            for (k, _) in c.terms.iter().chain(&c.places) {
                postings.entry(*k).or_default().push(i as u32);
            }
        }
        self.postings = Some(postings);
    }
}

fn normalise(v: &mut Sparse) {
    let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for e in v.iter_mut() {
            e.1 /= norm;
        }
    }
}

/// Cosine of a normalised article vector with a story centroid (both sorted
/// by key).
fn cosine(a: &Sparse, c: &Sparse) -> f64 {
    let norm = c.iter().map(|e| f64::from(e.1) * f64::from(e.1)).sum::<f64>().sqrt();
    if norm == 0.0 || a.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < c.len() {
        match a[i].0.cmp(&c[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(c[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot / norm
}

/// Add `v` into the centroid `c` (both sorted by key), keep its `keep`
/// strongest entries, and return the keys that are new in it.
fn add_into(c: &mut Sparse, v: &Sparse, keep: usize) -> Vec<u64> {
    let before: FxHashSet<u64> = c.iter().map(|e| e.0).collect();
    let mut merged: FxHashMap<u64, f32> = c.iter().copied().collect();
    for &(k, w) in v {
        *merged.entry(k).or_default() += w;
    }
    let mut out: Sparse = merged.into_iter().collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out.truncate(keep);
    out.sort_by_key(|e| e.0);
    let added = out.iter().map(|e| e.0).filter(|k| !before.contains(k)).collect();
    *c = out;
    added
}

/// Figures of the article that the story already has (same category, value
/// within 5 %), and the evidence of the article's figures: its rarity
/// weight for such a figure, [`Params::near_figure_credit`] of it for a
/// comparable one (within [`Params::near_figure`]).
fn shared_figures(a: &[(FigureKey, f64)], story: &[FigureKey], p: &Params) -> (usize, f64) {
    let mut count = 0;
    let mut evidence = 0.0;
    for (x, w) in a {
        let closest = story
            .iter()
            .filter(|y| x.category == y.category)
            .map(|y| (x.value - y.value).abs() / x.value.max(y.value))
            .fold(f64::INFINITY, f64::min);
        if closest <= 0.05 {
            count += 1;
            evidence += w;
        } else if closest <= p.near_figure {
            evidence += w * p.near_figure_credit;
        }
    }
    (count, evidence)
}

fn count_names(list: &mut Vec<NamedCount>, names: &[(String, String)]) {
    for (id, name) in names {
        match list.iter_mut().find(|n| &n.id == id) {
            Some(n) => n.count += 1,
            None => list.push(NamedCount { id: id.clone(), name: name.clone(), count: 1 }),
        }
    }
    list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    list.truncate(MAX_NAMES);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_model::{ArticleMeta, Mention, Span};

    fn mention(id: &str, ar: &str) -> Mention {
        Mention {
            span: Span::new(0, 1),
            text: ar.into(),
            id: id.into(),
            ar: ar.into(),
            en: id.into(),
            kind: "place".into(),
            lat: None,
            lon: None,
            admin: None,
        }
    }

    fn extraction(places: &[(&str, &str)], actors: &[(&str, &str)]) -> Extraction {
        let mut x = Extraction::empty(ArticleMeta::default());
        x.places = places.iter().map(|(id, ar)| mention(id, ar)).collect();
        x.actors = actors.iter().map(|(id, ar)| mention(id, ar)).collect();
        x
    }

    struct Doc {
        id: &'static str,
        day: i8,
        title: &'static str,
        text: &'static str,
        x: Extraction,
    }

    /// Two reports of a market strike in Kafr Nabl, a later report of the
    /// same strike, a book fair, and the same market strike wording three
    /// weeks later (a different story).
    fn docs() -> Vec<Doc> {
        let strike = || {
            extraction(&[("kafr_nabl", "كفرنبل"), ("idlib", "إدلب")], &[("civil_defence", "الدفاع المدني")])
        };
        vec![
            Doc {
                id: "a1",
                day: 1,
                title: "مقتل 20 مدنيا في قصف على سوق بلدة كفرنبل بريف إدلب",
                text: "قتل 20 مدنيا بينهم أطفال في قصف جوي استهدف سوقا شعبيا في بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم، وفق ما أفاد الدفاع المدني.",
                x: strike(),
            },
            Doc {
                id: "b1",
                day: 1,
                title: "افتتاح معرض للكتاب في عمان بمشاركة دور نشر عربية",
                text: "افتتح في العاصمة الأردنية عمان معرض الكتاب السنوي بمشاركة أكثر من 300 دار نشر عربية وأجنبية، ويستمر المعرض عشرة أيام.",
                x: extraction(&[("amman", "عمان")], &[]),
            },
            Doc {
                id: "a2",
                day: 2,
                title: "غارات على سوق كفرنبل توقع عشرين قتيلا من المدنيين",
                text: "أسفرت غارات جوية على سوق بلدة كفرنبل في ريف إدلب عن سقوط عشرين قتيلا من المدنيين، بحسب الدفاع المدني الذي انتشل الضحايا من تحت الأنقاض.",
                x: strike(),
            },
            Doc {
                id: "a3",
                day: 3,
                title: "ارتفاع حصيلة قتلى قصف سوق كفرنبل إلى 25",
                text: "ارتفعت حصيلة القتلى المدنيين في قصف سوق بلدة كفرنبل بريف إدلب إلى 25 قتيلا، بعد وفاة خمسة من المصابين، وفق الدفاع المدني.",
                x: strike(),
            },
            Doc {
                id: "a9",
                day: 24,
                title: "مقتل مدنيين في قصف على سوق بلدة كفرنبل بريف إدلب",
                text: "قتل مدنيون في قصف جوي استهدف سوقا في بلدة كفرنبل بريف إدلب، وفق ما أفاد الدفاع المدني.",
                x: strike(),
            },
        ]
    }

    fn input(d: &Doc) -> StoryInput<'_> {
        StoryInput {
            id: d.id.into(),
            published: Some(jiff::civil::date(2019, 5, 1) + jiff::Span::new().days(d.day)),
            outlet: Some("outlet".into()),
            title: d.title.into(),
            text: d.text,
            extraction: &d.x,
            dup_of: None,
        }
    }

    fn run(c: &mut Clusterer, docs: &[Doc]) -> Vec<StoryId> {
        docs.iter().map(|d| c.assign(&input(d))).collect()
    }

    #[test]
    fn reports_of_one_episode_form_one_story() {
        let mut c = Clusterer::default();
        let s = run(&mut c, &docs());
        assert_eq!(s[0], s[2], "two reports of the strike");
        assert_eq!(s[0], s[3], "the updated toll");
        assert_ne!(s[0], s[1], "the book fair");
        assert_ne!(s[0], s[4], "three weeks later is another story");
        let story = c.story(s[0]).expect("story");
        assert_eq!(story.articles, ["a1", "a2", "a3"]);
        assert_eq!(story.first, Some(jiff::civil::date(2019, 5, 2)));
        assert_eq!(story.last, Some(jiff::civil::date(2019, 5, 4)));
        assert_eq!(story.places.first().map(|p| p.id.as_str()), Some("idlib"));
        assert_eq!(c.story_of("a2"), Some(s[0]));
        assert_eq!(c.assign(&input(&docs()[2])), s[0], "assigning again changes nothing");
    }

    #[test]
    fn a_near_duplicate_joins_its_original() {
        let docs = docs();
        let mut c = Clusterer::default();
        let book = c.assign(&input(&docs[1]));
        let mut copy = input(&docs[4]);
        copy.dup_of = Some("b1".into());
        assert_eq!(c.assign(&copy), book);
    }

    #[test]
    fn clustering_is_deterministic_and_resumes_from_saved_state() {
        let docs = docs();
        let mut whole = Clusterer::default();
        let expected = run(&mut whole, &docs);
        assert_eq!(run(&mut Clusterer::default(), &docs), expected);
        let mut first = Clusterer::default();
        let mut got = run(&mut first, &docs[..2]);
        let saved = serde_json::to_string(&first).expect("save");
        let mut resumed: Clusterer = serde_json::from_str(&saved).expect("load");
        got.extend(run(&mut resumed, &docs[2..]));
        assert_eq!(got, expected);
        assert_eq!(resumed.stories(), whole.stories());
    }

    #[test]
    fn explain_shows_the_candidates() {
        let docs = docs();
        let mut c = Clusterer::default();
        let first = c.assign(&input(&docs[0]));
        let why = c.explain(&input(&docs[2]));
        assert_eq!(why.first().map(|w| (w.story, w.joins)), Some((first, true)));
        assert!(why[0].place > 0.9 && why[0].text >= c.params().min_text);
    }
}
