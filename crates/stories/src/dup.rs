//! Near-duplicate reports: the same wire copy published by several outlets,
//! the same article filed twice or crawled again.
//!
//! ## Fingerprint
//!
//! A MinHash sketch of the set of word 4-shingles of the folded text
//! ([`SHINGLE`] consecutive words, digits included, punctuation ignored), so
//! diacritics, tatweel, letter variants, spacing and punctuation do not
//! matter. It uses one-permutation hashing: each shingle is hashed once, the
//! top bits of the hash pick one of [`BINS`] bins and the bin keeps the
//! smallest low 32 bits; empty bins (short texts) borrow the value of a
//! non-empty bin picked by a fixed probe sequence ("optimal densification",
//! Shrivastava 2017), so two sketches stay comparable bin by bin. The share of
//! equal bins estimates the Jaccard similarity of the two shingle sets (one
//! standard deviation is about 0.05 at 0.8).
//!
//! ## Index
//!
//! [`DupIndex`] finds candidates by LSH banding ([`BANDS`] bands of
//! [`ROWS`] bins: a pair with Jaccard 0.7 becomes a candidate with
//! probability 0.99, one with 0.3 with probability 0.12) and confirms them on
//! the whole sketch against its threshold ([`DEFAULT_THRESHOLD`]). An article
//! is a duplicate of the most similar earlier article that passes, reported
//! as that article's own original (`dup_of` always names an article that is
//! not itself a duplicate).
//!
//! Wire copies and re-crawls are published within days of each other, so the
//! index may forget dated entries older than a retention window
//! ([`DupIndex::with_retention`]) to keep its memory bounded on a growing
//! corpus; undated entries are kept.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::hash::{combine, hash_str, mix};
use crate::terms::words;

/// Bins of a sketch.
pub const BINS: usize = 64;
/// LSH bands and rows per band (`BANDS * ROWS == BINS`).
pub const BANDS: usize = 16;
pub const ROWS: usize = 4;
/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Estimated Jaccard similarity of 4-shingles from which two reports are
/// the same copy. Measured on ANT (see the crate docs): byte-identical
/// copies score 1.0; the same wire story lightly edited (a sentence added, a
/// dateline changed) scores 0.6–0.9; reports of the same event written
/// separately score below 0.3.
pub const DEFAULT_THRESHOLD: f64 = 0.7;

const EMPTY: u32 = u32::MAX;

/// The MinHash sketch of a text (empty when the text has no words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint(#[serde(with = "hex_bins")] Vec<u32>);

impl Fingerprint {
    /// The sketch of a sequence of (folded) words.
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Fingerprint {
        let hashes: Vec<u64> = words.into_iter().map(hash_str).collect();
        if hashes.is_empty() {
            return Fingerprint(Vec::new());
        }
        let mut bins = vec![EMPTY; BINS];
        let mut add = |h: u64| {
            let bin = (h >> (64 - BINS.trailing_zeros())) as usize;
            let value = (h as u32).min(EMPTY - 1);
            if value < bins[bin] {
                bins[bin] = value;
            }
        };
        if hashes.len() < SHINGLE {
            add(hashes.iter().fold(0, |acc, &h| combine(acc, h)));
        } else {
            for w in hashes.windows(SHINGLE) {
                add(w.iter().fold(0, |acc, &h| combine(acc, h)));
            }
        }
        densify(&mut bins);
        Fingerprint(bins)
    }

    /// No words: never a duplicate of anything.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Estimated Jaccard similarity of the two shingle sets, in `[0, 1]`.
    pub fn similarity(&self, other: &Fingerprint) -> f64 {
        if self.is_empty() || other.is_empty() || self.0.len() != other.0.len() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(band, rows)| rows.iter().fold(mix(band as u64 + 1), |acc, &v| combine(acc, u64::from(v))))
    }
}

/// Fill empty bins from non-empty ones along a fixed probe sequence per bin.
fn densify(bins: &mut [u32]) {
    if bins.iter().all(|&b| b == EMPTY) {
        return;
    }
    let original = bins.to_vec();
    for (i, bin) in bins.iter_mut().enumerate() {
        if *bin != EMPTY {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            attempt += 1;
            let probe = (mix(((i as u64) << 32) | attempt) % original.len() as u64) as usize;
            if original[probe] != EMPTY {
                *bin = original[probe];
                break;
            }
        }
    }
}

/// The sketch of an article text (folded as [`rasid_text::Folded`] folds).
pub fn fingerprint(text: &str) -> Fingerprint {
    let folded = rasid_text::fold::fold_str(text);
    Fingerprint::from_words(words(&folded).map(|(w, _)| w))
}

/// The sketch of an already folded and tokenized document.
pub fn fingerprint_document(doc: &rasid_text::Document) -> Fingerprint {
    Fingerprint::from_words(
        (0..doc.tokens.len())
            .filter(|&i| doc.tokens[i].kind != rasid_text::TokenKind::Punct)
            .map(|i| doc.key(i)),
    )
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    id: String,
    /// Day number of the publication date, if known.
    day: Option<i32>,
    /// The original this entry duplicates, `None` for an original.
    dup_of: Option<String>,
    fp: Fingerprint,
}

/// Finds near-duplicates among the articles inserted so far.
/// Serializable, so a corpus can persist and resume it; the band tables are
/// rebuilt on first use after loading.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DupIndex {
    threshold: f64,
    retention_days: Option<i32>,
    entries: Vec<Option<Entry>>,
    newest_day: Option<i32>,
    #[serde(skip)]
    tables: Option<Tables>,
}

#[derive(Debug, Clone, Default)]
struct Tables {
    bands: FxHashMap<u64, Vec<u32>>,
    by_id: FxHashMap<String, u32>,
    live: usize,
    oldest_day: Option<i32>,
}

impl Default for DupIndex {
    fn default() -> Self {
        DupIndex::new(DEFAULT_THRESHOLD)
    }
}

impl DupIndex {
    /// An empty index that calls two texts duplicates from estimated
    /// Jaccard similarity `threshold` up (clamped to `[0.3, 1]`: below 0.3
    /// the banding would miss most pairs anyway).
    pub fn new(threshold: f64) -> DupIndex {
        let threshold = if threshold.is_nan() { DEFAULT_THRESHOLD } else { threshold.clamp(0.3, 1.0) };
        DupIndex { threshold, retention_days: None, entries: Vec::new(), newest_day: None, tables: None }
    }

    /// Forget dated entries published more than `days` before the newest
    /// date seen (bounded memory on a growing corpus).
    pub fn with_retention(mut self, days: u32) -> DupIndex {
        self.retention_days = Some(i32::try_from(days).unwrap_or(i32::MAX));
        self
    }

    /// Number of articles the index remembers.
    pub fn len(&self) -> usize {
        self.entries.iter().flatten().filter(|e| self.is_live(e.day)).count()
    }

    /// The first day still inside the retention window, if there is one.
    fn cutoff(&self) -> Option<i32> {
        Some(self.newest_day?.saturating_sub(self.retention_days?))
    }

    /// Whether an entry of this day is inside the retention window (undated
    /// entries always are). Entries outside it are never matched, even
    /// before [`DupIndex::expire`] gets round to dropping them.
    fn is_live(&self, day: Option<i32>) -> bool {
        match (day, self.cutoff()) {
            (Some(d), Some(cutoff)) => d >= cutoff,
            _ => true,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Insert an undated article; see [`DupIndex::insert_dated`].
    pub fn insert(&mut self, id: &str, fp: &Fingerprint) -> Option<String> {
        self.insert_dated(id, fp, None)
    }

    /// Insert an article and return the id of the earlier article it
    /// duplicates (that article's original, if it is itself a copy), or
    /// `None`. Inserting an id again replaces its earlier entry (a
    /// re-ingested article is compared with the others, not with itself).
    pub fn insert_dated(
        &mut self,
        id: &str,
        fp: &Fingerprint,
        published: Option<jiff::civil::Date>,
    ) -> Option<String> {
        let day = published.map(crate::day_number);
        if let Some(d) = day {
            self.newest_day = Some(self.newest_day.map_or(d, |n| n.max(d)));
        }
        self.ensure_tables();
        self.remove(id);
        // forget what fell out of the window before looking
        self.expire();
        let dup_of = self.lookup(fp);
        // An article already older than the window (ingested out of date
        // order) is compared but not kept: it would be forgotten at once.
        let index = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        if !fp.is_empty() && index < u32::MAX && self.is_live(day) {
            let tables = self.tables.get_or_insert_with(Tables::default);
            for key in fp.band_keys() {
                tables.bands.entry(key).or_default().push(index);
            }
            tables.by_id.insert(id.to_string(), index);
            tables.live += 1;
            tables.oldest_day = min_day(tables.oldest_day, day);
            self.entries.push(Some(Entry {
                id: id.to_string(),
                day,
                dup_of: dup_of.clone(),
                fp: fp.clone(),
            }));
        }
        dup_of
    }

    /// The most similar earlier original for `fp`, without inserting it.
    pub fn lookup(&mut self, fp: &Fingerprint) -> Option<String> {
        if fp.is_empty() {
            return None;
        }
        self.ensure_tables();
        let tables = self.tables.as_ref()?;
        let mut candidates: Vec<u32> =
            fp.band_keys().filter_map(|key| tables.bands.get(&key)).flatten().copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(f64, u32)> = None;
        for i in candidates {
            let Some(Some(e)) = self.entries.get(i as usize) else { continue };
            if !self.is_live(e.day) {
                continue;
            }
            let s = fp.similarity(&e.fp);
            if s >= self.threshold && best.is_none_or(|(bs, _)| s > bs) {
                best = Some((s, i));
            }
        }
        let (_, i) = best?;
        let e = self.entries.get(i as usize)?.as_ref()?;
        Some(e.dup_of.clone().unwrap_or_else(|| e.id.clone()))
    }

    /// Forget an article (its copies keep naming it as their original).
    pub fn remove(&mut self, id: &str) {
        self.ensure_tables();
        let Some(tables) = self.tables.as_mut() else { return };
        if let Some(i) = tables.by_id.remove(id)
            && let Some(slot) = self.entries.get_mut(i as usize)
            && slot.take().is_some()
        {
            tables.live = tables.live.saturating_sub(1);
        }
    }

    fn ensure_tables(&mut self) {
        if self.tables.is_some() {
            return;
        }
        let mut t = Tables::default();
        for (i, e) in self.entries.iter().enumerate() {
            let Some(e) = e else { continue };
            let i = i as u32;
            for key in e.fp.band_keys() {
                t.bands.entry(key).or_default().push(i);
            }
            t.by_id.insert(e.id.clone(), i);
            t.live += 1;
            t.oldest_day = min_day(t.oldest_day, e.day);
        }
        self.tables = Some(t);
    }

    /// Drop entries past the retention window, and compact once at least
    /// half of the slots are empty. Dropping means rebuilding the tables, so
    /// it waits until the oldest entry is half a window past the cutoff: the
    /// cost is paid once per half window of news, not once per day (and not
    /// once per article when articles arrive out of date order). Until then
    /// [`DupIndex::is_live`] keeps the expired entries from matching.
    fn expire(&mut self) {
        let Some(tables) = self.tables.as_ref() else { return };
        if let (Some(keep), Some(cutoff), Some(oldest)) =
            (self.retention_days, self.cutoff(), tables.oldest_day)
        {
            let slack = (keep / 2).max(1);
            if oldest < cutoff.saturating_sub(slack) {
                for slot in &mut self.entries {
                    if slot.as_ref().is_some_and(|e| e.day.is_some_and(|d| d < cutoff)) {
                        *slot = None;
                    }
                }
                self.rebuild();
                return;
            }
        }
        if self.entries.len() >= 64 && tables.live * 2 <= self.entries.len() {
            self.rebuild();
        }
    }

    fn rebuild(&mut self) {
        self.entries.retain(Option::is_some);
        self.tables = None;
        self.ensure_tables();
    }
}

fn min_day(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// Sketches as a hex string: compact in JSON state files.
mod hex_bins {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bins: &[u32], s: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(bins.len() * 8);
        for b in bins {
            out.push_str(&format!("{b:08x}"));
        }
        s.serialize_str(&out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() % 8 != 0 || !s.is_ascii() {
            return Err(serde::de::Error::custom("a fingerprint is a hex string of 8-digit groups"));
        }
        (0..s.len())
            .step_by(8)
            .map(|i| u32::from_str_radix(&s[i..i + 8], 16).map_err(serde::de::Error::custom))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "قالت مصادر طبية إن 47 شخصا على الأقل قتلوا في قصف استهدف مدينة دوما في الغوطة الشرقية قرب دمشق مساء السبت، \
        فيما أصيب أكثر من 500 آخرين بحالات اختناق، بحسب ما نقلته فرق الإسعاف العاملة في المدينة المحاصرة منذ أسابيع. \
        وأضافت المصادر أن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت أنقاض الأبنية المدمرة في عدة أحياء من المدينة.";

    #[test]
    fn copies_and_light_edits_are_duplicates() {
        let mut index = DupIndex::default();
        assert_eq!(index.insert("a", &fingerprint(WIRE)), None);
        // the same copy, with diacritics and other spacing
        let dressed = WIRE.replace("قتلوا", "قُتِلوا").replace("، ", " ، ");
        assert_eq!(index.insert("b", &fingerprint(&dressed)), Some("a".into()));
        // a sentence added at the end by another outlet: still the same copy, named by its original
        let edited = format!("{WIRE} ولم يصدر أي تعليق رسمي على الفور.");
        assert_eq!(index.insert("c", &fingerprint(&edited)), Some("a".into()));
        // another report of the same attack, written separately
        let other = "أفاد ناشطون بسقوط عشرات القتلى والجرحى في مدينة دوما إثر هجوم بغاز سام، \
            واتهموا قوات النظام بتنفيذه، في حين نفت الحكومة السورية أي مسؤولية عن الهجوم.";
        assert_eq!(index.insert("d", &fingerprint(other)), None);
        assert_eq!(index.len(), 4);
    }

    #[test]
    fn empty_texts_are_never_duplicates() {
        let mut index = DupIndex::default();
        assert!(fingerprint(" ... ").is_empty());
        assert_eq!(index.insert("a", &fingerprint("")), None);
        assert_eq!(index.insert("b", &fingerprint("")), None);
        // a short text has a sketch too
        let short = fingerprint("قتلى في دوما");
        assert!(!short.is_empty() && short.similarity(&short) == 1.0);
    }

    #[test]
    fn an_article_older_than_the_window_is_compared_but_not_kept() {
        let day = |d: i64| Some(jiff::civil::date(2018, 3, 1) + jiff::Span::new().days(d));
        let mut index = DupIndex::default().with_retention(30);
        index.insert_dated("new", &fingerprint(WIRE), day(100));
        assert_eq!(index.insert_dated("old-copy", &fingerprint(WIRE), day(0)), Some("new".into()));
        assert_eq!(index.insert_dated("old-other", &fingerprint("نص آخر لا علاقة له بما سبق"), day(1)), None);
        assert_eq!(index.len(), 1, "articles from before the window are not remembered");
    }

    #[test]
    fn reinserting_an_id_replaces_it() {
        let mut index = DupIndex::default();
        index.insert("a", &fingerprint(WIRE));
        assert_eq!(index.insert("a", &fingerprint(WIRE)), None, "not a duplicate of itself");
        assert_eq!(index.len(), 1);
    }

    #[test]
    fn state_survives_serialization_and_retention_forgets_old_entries() {
        let day = |d: i64| Some(jiff::civil::date(2018, 3, 1) + jiff::Span::new().days(d));
        let mut index = DupIndex::default().with_retention(30);
        index.insert_dated("a", &fingerprint(WIRE), day(0));
        let saved = serde_json::to_string(&index).expect("save");
        assert!(saved.len() < 2000, "{} bytes", saved.len());
        let mut loaded: DupIndex = serde_json::from_str(&saved).expect("load");
        assert_eq!(loaded.insert_dated("b", &fingerprint(WIRE), day(10)), Some("a".into()));
        // forty days on, the first copy is forgotten, then the second
        loaded.insert_dated("c", &fingerprint("نص آخر لا علاقة له بما سبق"), day(40));
        assert_eq!(loaded.len(), 2);
        assert_eq!(loaded.insert_dated("d", &fingerprint(WIRE), day(41)), None);
    }
}
