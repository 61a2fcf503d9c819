//! # rasid-repeats: passages repeated inside one article
//!
//! Scrapers duplicate paragraphs, web pages repeat their title as the
//! headline, and pull-quotes repeat a line of the body. A reader (or a
//! figure counter) must not take the second copy for new information, so
//! every repeat is reported as a [`Repeat`]: the later occurrence as `span`,
//! the earlier as `repeats`.
//!
//! ## What is compared
//!
//! The article is cut into **units**: sentences ([`rasid_text::Sentence`]),
//! further cut at the separators of web pages (`|`, a dash between spaces).
//! A unit is a candidate when it has at least [`MIN_WORDS`] words, mostly
//! Arabic (so a quoted English tweet is not one). Units are compared on their
//! folded words only, so diacritics, tatweel, spacing and punctuation do not
//! matter.
//!
//! - **verbatim**: the same words as an earlier unit, or as a run of words
//!   inside a longer sentence elsewhere (a title repeated at the start of a
//!   caption, a pull-quote repeated inside the quote it came from);
//! - **near_verbatim**: a unit of about the same length as an earlier unit
//!   ([`MIN_LENGTH_RATIO`]), sharing at least [`NEAR_OVERLAP`] of the
//!   shorter one's word pairs.
//!
//! Repeats of consecutive units that repeat a consecutive run are merged
//! into one. A repeated phrase inside two sentences, neither of which it
//! makes up, is not a repeat (a long noun phrase used in two sentences).
//!
//! ## Work bound
//!
//! Everything is hashed: whole units, six-word shingles and word pairs into
//! posting lists capped at [`MAX_POSTINGS`] entries. No pair of units is
//! compared unless they share a hash, and each unit is compared with at most
//! a bounded number of others, so the work grows linearly with the text,
//! however large or repetitive. The posting lists of one kind share one
//! table and one array (see [`Postings`]): a list per hash would cost an
//! allocation per word of the article.

use std::hash::BuildHasher;
use std::ops::Range;

use rasid_model::{Repeat, Span};
use rasid_text::{Document, TokenKind};

/// Fewest words of a repeated unit: shorter runs are boilerplate or phrases.
pub const MIN_WORDS: usize = 6;
/// Share of the shorter unit's word pairs found in the other unit above
/// which two units are near-verbatim (one word changed in a 14-word
/// sentence is 12 of 13 pairs kept).
pub const NEAR_OVERLAP: f64 = 0.85;
/// Least ratio of the shorter unit's length to the longer's for a
/// near-verbatim pair: a short unit inside a long one must repeat exactly.
pub const MIN_LENGTH_RATIO: f64 = 0.8;
/// Most occurrences kept for one hash: a phrase repeated more often than
/// this is boilerplate, and the cap bounds the work on hostile input.
pub const MAX_POSTINGS: usize = 8;
/// Least share of Arabic words in a unit.
const MIN_ARABIC_SHARE: f64 = 0.6;

/// The `kind` of a repeat with the same folded words.
pub const VERBATIM: &str = "verbatim";
/// The `kind` of a repeat with nearly the same words.
pub const NEAR_VERBATIM: &str = "near_verbatim";

/// A unit: a run of tokens between separators, and its words.
#[derive(Debug, Clone)]
struct Unit {
    tokens: Range<usize>,
    /// Range in the word stream.
    words: Range<usize>,
}

/// The words of a document, in order: token index and hash of the folded
/// form.
struct Words {
    token: Vec<usize>,
    hash: Vec<u64>,
}

/// A word's hash: fixed across runs, compared within one run only. foldhash
/// reads eight bytes at a time; the byte-at-a-time FNV-1a used before was a
/// visible share of the whole extraction, every word of every article
/// passing here.
fn word_hash(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    const WORDS: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x0072_6570_6561_7473);
    WORDS.hash_one(bytes)
}

/// Combines word hashes into the hash of a sequence.
fn combine(hashes: &[u64]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &x in hashes {
        h = (h ^ x).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    h ^ hashes.len() as u64
}

/// Posting lists: for each hash, the first [`MAX_POSTINGS`] values pushed
/// under it, in the order pushed. One hash table of list heads and one
/// array of entries linked in order, for all lists together.
struct Postings {
    heads: hashbrown::HashTable<Head>,
    /// (value, index of the next entry of the same list or [`Postings::END`]).
    entries: Vec<(usize, u32)>,
}

/// The head of one posting list.
#[derive(Debug, Clone, Copy)]
struct Head {
    key: u64,
    first: u32,
    last: u32,
    len: u32,
    /// The last visitor of the list ([`Postings::visit`]).
    visitor: usize,
}

/// The hasher that spreads the (already hashed) keys over the table.
const KEY_HASHER: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x7265_7065_6174);

impl Postings {
    const END: u32 = u32::MAX;

    fn with_capacity(n: usize) -> Postings {
        Postings { heads: hashbrown::HashTable::with_capacity(n), entries: Vec::with_capacity(n) }
    }

    /// Appends `value` to the list of `key` unless the list is full.
    fn push(&mut self, key: u64, value: usize) {
        self.visit(key, usize::MAX, value, |_| {});
    }

    /// Visits the list of `key` on behalf of `visitor` (a unit) and appends
    /// `value` to it (unless it is full), calling `seen` with every value
    /// already there. Returns false, doing nothing, if the list's last
    /// visitor was this one (the unit's second occurrence of the key); the
    /// visitor `usize::MAX` is never remembered.
    fn visit(&mut self, key: u64, visitor: usize, value: usize, mut seen: impl FnMut(usize)) -> bool {
        let Postings { heads, entries } = self;
        // more than u32::MAX entries: later values are not recorded
        let at = u32::try_from(entries.len()).ok().filter(|&at| at != Self::END);
        let entry = heads.entry(KEY_HASHER.hash_one(key), |h| h.key == key, |h| KEY_HASHER.hash_one(h.key));
        match entry {
            hashbrown::hash_table::Entry::Occupied(mut o) => {
                let head = o.get_mut();
                if visitor != usize::MAX && head.visitor == visitor {
                    return false;
                }
                head.visitor = visitor;
                let mut next = head.first;
                while next != Self::END {
                    let (v, after) = entries[next as usize];
                    seen(v);
                    next = after;
                }
                if let Some(at) = at
                    && (head.len as usize) < MAX_POSTINGS
                {
                    entries[head.last as usize].1 = at;
                    head.last = at;
                    head.len += 1;
                    entries.push((value, Self::END));
                }
            }
            hashbrown::hash_table::Entry::Vacant(v) => {
                if let Some(at) = at {
                    v.insert(Head { key, first: at, last: at, len: 1, visitor });
                    entries.push((value, Self::END));
                }
            }
        }
        true
    }

    /// The list of `key`, in the order pushed.
    fn get(&self, key: u64) -> impl Iterator<Item = usize> + '_ {
        let first =
            self.heads.find(KEY_HASHER.hash_one(key), |h| h.key == key).map_or(Self::END, |h| h.first);
        std::iter::successors((first != Self::END).then_some(first), |&at| {
            let next = self.entries[at as usize].1;
            (next != Self::END).then_some(next)
        })
        .map(|at| self.entries[at as usize].0)
    }
}

/// A 1,024-bit filter of a few hashes: most hashes not in the set fail it
/// without a search.
struct QuickSet {
    bits: [u64; 16],
}

impl QuickSet {
    fn of(hashes: &[u64]) -> QuickSet {
        let mut bits = [0u64; 16];
        for &h in hashes {
            let b = Self::bit(h);
            bits[b / 64] |= 1 << (b % 64);
        }
        QuickSet { bits }
    }

    fn bit(h: u64) -> usize {
        (KEY_HASHER.hash_one(h) >> 54) as usize
    }

    fn may_hold(&self, h: u64) -> bool {
        let b = Self::bit(h);
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }
}

fn is_word(k: TokenKind) -> bool {
    matches!(k, TokenKind::Arabic | TokenKind::Latin | TokenKind::Digits)
}

/// Separators that end a unit inside a sentence: a bar, or a dash with
/// space on both sides (web-page titles: `العنوان | الموقع`).
fn is_separator(doc: &Document, i: usize) -> bool {
    let t = &doc.tokens[i];
    if t.kind != TokenKind::Punct {
        return false;
    }
    match doc.key(i) {
        "|" | "¦" | "•" => true,
        "-" | "–" | "—" => t.space_before && doc.tokens.get(i + 1).is_none_or(|n| n.space_before),
        _ => false,
    }
}

fn words_of(doc: &Document) -> (Words, Vec<usize>) {
    let n = doc.tokens.len();
    let mut words = Words { token: Vec::with_capacity(n), hash: Vec::with_capacity(n) };
    // word index of each token (the index of the next word for punctuation)
    let mut word_at = Vec::with_capacity(doc.tokens.len() + 1);
    for (i, t) in doc.tokens.iter().enumerate() {
        word_at.push(words.token.len());
        if is_word(t.kind) {
            words.token.push(i);
            words.hash.push(word_hash(doc.key(i).as_bytes()));
        }
    }
    word_at.push(words.token.len());
    (words, word_at)
}

fn units_of(doc: &Document, word_at: &[usize]) -> Vec<Unit> {
    let mut units = Vec::new();
    for s in &doc.sentences {
        let mut start = s.tokens.start;
        for i in s.tokens.clone() {
            if is_separator(doc, i) {
                if i > start {
                    units.push(start..i);
                }
                start = i + 1;
            }
        }
        if s.tokens.end > start {
            units.push(start..s.tokens.end);
        }
    }
    units
        .into_iter()
        .map(|tokens| Unit { words: word_at[tokens.start]..word_at[tokens.end], tokens })
        .collect()
}

/// Whether a unit is long enough and Arabic enough to be compared.
fn is_candidate(doc: &Document, words: &Words, u: &Unit) -> bool {
    let n = u.words.len();
    if n < MIN_WORDS {
        return false;
    }
    let arabic =
        words.token[u.words.clone()].iter().filter(|&&t| doc.tokens[t].kind == TokenKind::Arabic).count();
    arabic as f64 >= MIN_ARABIC_SHARE * n as f64
}

/// One repeat found, before merging: which units (if whole units) and the
/// spans.
#[derive(Debug, Clone)]
struct Found {
    later: Span,
    earlier: Span,
    /// Unit indices when both sides are whole units (they may merge).
    units: Option<(usize, usize)>,
    verbatim: bool,
}

/// Repeated passages of one document, in order of the later occurrence.
pub fn find_repeats(doc: &Document) -> Vec<Repeat> {
    let (words, word_at) = words_of(doc);
    let units = units_of(doc, &word_at);
    let cand: Vec<bool> = units.iter().map(|u| is_candidate(doc, &words, u)).collect();
    let same_words = |a: Range<usize>, b: Range<usize>| {
        a.len() == b.len()
            && words.hash[a.clone()] == words.hash[b.clone()]
            && a.zip(b).all(|(x, y)| doc.key(words.token[x]) == doc.key(words.token[y]))
    };
    let mut found: Vec<Found> = Vec::new();
    let mut matched = vec![false; units.len()];

    // 1. whole units with the same words
    let mut first_with = Postings::with_capacity(units.len());
    for (ui, u) in units.iter().enumerate() {
        if !cand[ui] {
            continue;
        }
        let h = combine(&words.hash[u.words.clone()]);
        if let Some(ej) = first_with.get(h).find(|&ej| same_words(units[ej].words.clone(), u.words.clone())) {
            found.push(Found {
                later: doc.span_of(u.tokens.clone()),
                earlier: doc.span_of(units[ej].tokens.clone()),
                units: Some((ui, ej)),
                verbatim: true,
            });
            matched[ui] = true;
            matched[ej] = true;
        } else {
            first_with.push(h, ui);
        }
    }

    // 2. a whole unit repeated as a run inside a longer passage elsewhere:
    // the first six words of every unit still unmatched, looked for among
    // the six-word shingles of the whole text (only the shingles equal to
    // one of them are kept: indexing them all cost an entry per word)
    let k = MIN_WORDS;
    let shingle_of = |p: usize| combine(&words.hash[p..p + k]);
    let mut wanted: Vec<u64> = (0..units.len())
        .filter(|&ui| cand[ui] && !matched[ui])
        .map(|ui| shingle_of(units[ui].words.start))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut shingles = Postings::with_capacity(wanted.len());
    if !wanted.is_empty() {
        let quick = QuickSet::of(&wanted);
        for p in 0..words.hash.len().saturating_sub(k - 1) {
            let h = shingle_of(p);
            if quick.may_hold(h) && wanted.binary_search(&h).is_ok() {
                shingles.push(h, p);
            }
        }
    }
    for (ui, u) in units.iter().enumerate() {
        if !cand[ui] || matched[ui] {
            continue;
        }
        let n = u.words.len();
        let hit = shingles.get(combine(&words.hash[u.words.start..u.words.start + k])).find(|&p| {
            let inside = p < u.words.end && u.words.start < p + n;
            !inside && p + n <= words.hash.len() && same_words(p..p + n, u.words.clone())
        });
        if let Some(p) = hit {
            let other = mirror_span(doc, &words, u, p);
            let here = doc.span_of(u.tokens.clone());
            let (later, earlier) = if other.start > here.start { (other, here) } else { (here, other) };
            found.push(Found { later, earlier, units: None, verbatim: true });
            matched[ui] = true;
        }
    }

    // 3. near-verbatim units: word pairs overlap
    near_verbatim(doc, &words, &units, &cand, &matched, &mut found);

    merge(found)
}

/// The span of the run of words starting at word `p` that repeats unit `u`,
/// widened over the punctuation that also surrounds the unit's words (the
/// quotes of a repeated quotation).
fn mirror_span(doc: &Document, words: &Words, u: &Unit, p: usize) -> Span {
    let n = u.words.len();
    let (mut s, mut e) = (words.token[p], words.token[p + n - 1] + 1);
    let (us, ue) = (words.token[u.words.start], words.token[u.words.end - 1] + 1);
    // leading punctuation of the unit, outwards
    let mut lead = us;
    while lead > u.tokens.start && s > 0 && doc.key(lead - 1) == doc.key(s - 1) {
        lead -= 1;
        s -= 1;
    }
    let mut trail = ue;
    while trail < u.tokens.end && e < doc.tokens.len() && doc.key(trail) == doc.key(e) {
        trail += 1;
        e += 1;
    }
    doc.span_of(s..e)
}

fn near_verbatim(
    doc: &Document,
    words: &Words,
    units: &[Unit],
    cand: &[bool],
    matched: &[bool],
    found: &mut Vec<Found>,
) {
    let pair_count: usize =
        units.iter().zip(cand).filter(|&(_, &c)| c).map(|(u, _)| u.words.len().saturating_sub(1)).sum();
    // units holding each word pair (hashed)
    let mut index = Postings::with_capacity(pair_count);
    // number of distinct pairs of each unit indexed so far
    let mut unit_pairs: Vec<usize> = vec![0; units.len()];
    // pairs shared with each earlier unit, and the units with any
    let mut shared: Vec<usize> = vec![0; units.len()];
    let mut sharing: Vec<usize> = Vec::new();
    for (ui, u) in units.iter().enumerate() {
        if !cand[ui] {
            continue;
        }
        // each distinct pair once: counted against the earlier units that
        // hold it (unless the unit is matched already), then indexed
        let compare = !matched[ui];
        let mut distinct = 0;
        for pair in words.hash[u.words.clone()].windows(2) {
            let first_visit = index.visit(combine(pair), ui, ui, |ej| {
                if compare {
                    if shared[ej] == 0 {
                        sharing.push(ej);
                    }
                    shared[ej] += 1;
                }
            });
            distinct += usize::from(first_visit);
        }
        if compare {
            let n = units[ui].words.len();
            let best = sharing
                .iter()
                .map(|&ej| (ej, shared[ej]))
                .filter(|&(ej, _)| {
                    let m = units[ej].words.len();
                    n.min(m) as f64 >= MIN_LENGTH_RATIO * n.max(m) as f64
                })
                .map(|(ej, common)| (ej, common as f64 / distinct.min(unit_pairs[ej]).max(1) as f64))
                .filter(|&(_, overlap)| overlap >= NEAR_OVERLAP)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            for &ej in &sharing {
                shared[ej] = 0;
            }
            sharing.clear();
            if let Some((ej, _)) = best {
                found.push(Found {
                    later: doc.span_of(units[ui].tokens.clone()),
                    earlier: doc.span_of(units[ej].tokens.clone()),
                    units: Some((ui, ej)),
                    verbatim: false,
                });
            }
        }
        unit_pairs[ui] = distinct;
    }
}

/// Sorts repeats by the later span, drops repeats of a passage already
/// reported, and merges repeats of consecutive units that repeat
/// consecutive units.
fn merge(mut found: Vec<Found>) -> Vec<Repeat> {
    found.sort_by_key(|f| (f.later.start, f.later.end));
    let mut out: Vec<Found> = Vec::new();
    for f in found {
        if let Some(last) = out.last_mut() {
            if last.later.overlaps(&f.later) {
                continue;
            }
            if let (Some((li, lj)), Some((fi, fj))) = (last.units, f.units)
                && fi == li + 1
                && fj == lj + 1
                && !last.later.cover(f.later).overlaps(&last.earlier.cover(f.earlier))
            {
                last.later = last.later.cover(f.later);
                last.earlier = last.earlier.cover(f.earlier);
                last.units = Some((fi, fj));
                last.verbatim &= f.verbatim;
                continue;
            }
        }
        out.push(f);
    }
    out.into_iter()
        .filter(|f| !f.later.overlaps(&f.earlier))
        .map(|f| Repeat {
            span: f.later,
            repeats: f.earlier,
            kind: Some(if f.verbatim { VERBATIM } else { NEAR_VERBATIM }.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeats(text: &str) -> Vec<(String, String, String)> {
        let doc = Document::new(text);
        find_repeats(&doc)
            .into_iter()
            .map(|r| {
                (doc.slice(r.span).to_string(), doc.slice(r.repeats).to_string(), r.kind.unwrap_or_default())
            })
            .collect()
    }

    #[test]
    fn postings_keep_the_first_values_of_each_key_in_order() {
        let mut p = Postings::with_capacity(0);
        for v in 0..20 {
            p.push(7, v);
            p.push(v as u64 % 3, 100 + v);
        }
        assert_eq!(p.get(7).collect::<Vec<_>>(), (0..MAX_POSTINGS).collect::<Vec<_>>());
        assert_eq!(p.get(1).collect::<Vec<_>>(), [101, 104, 107, 110, 113, 116, 119]);
        assert_eq!(p.get(99).count(), 0);
    }

    #[test]
    fn a_visitor_sees_a_list_once() {
        let mut p = Postings::with_capacity(0);
        let mut seen = Vec::new();
        assert!(p.visit(5, 0, 10, |v| seen.push(v)));
        assert!(!p.visit(5, 0, 10, |v| seen.push(v)));
        assert!(p.visit(5, 1, 11, |v| seen.push(v)));
        assert!(p.visit(6, 1, 11, |v| seen.push(v)));
        assert!(!p.visit(5, 1, 11, |v| seen.push(v)));
        assert_eq!(seen, [10]);
        assert_eq!(p.get(5).collect::<Vec<_>>(), [10, 11]);
    }

    #[test]
    fn quick_set_holds_its_hashes() {
        let hashes: Vec<u64> = (0..50).map(|i| word_hash(&[i])).collect();
        let q = QuickSet::of(&hashes);
        assert!(hashes.iter().all(|&h| q.may_hold(h)));
        assert!(!QuickSet::of(&[]).may_hold(hashes[0]));
    }

    #[test]
    fn duplicated_paragraph() {
        let p = "قال الدفاع المدني إن فرقه انتشلت جثث عشرة مدنيين من تحت الأنقاض في البلدة.";
        let t = format!("{p}\nوأضاف أن القصف استمر طوال الليل على الأحياء السكنية.\n{p}");
        let r = repeats(&t);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, p);
        assert_eq!(r[0].1, p);
        assert_eq!(r[0].2, VERBATIM);
    }

    #[test]
    fn diacritics_and_punctuation_do_not_matter() {
        let t = "قَصَفَ الطيرانُ الحربيُّ سوقاً شعبيةً في المدينة صباح اليوم.\n\
                 ثم هدأت الجبهات ساعات.\n\
                 قصف الطيران الحربي، سوقا شعبية في المدينة صباح اليوم";
        let r = repeats(t);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].2, VERBATIM);
    }

    #[test]
    fn title_repeated_inside_a_caption() {
        let title = "الأمم المتحدة تدعو إلى هدنة إنسانية عاجلة في الريف الجنوبي";
        let t = format!(
            "{title} | موقع الأخبار | تحديث اليوم - {title} صورة من الأرشيف للقصف وقال المتحدث إن الوضع صعب ."
        );
        let r = repeats(&t);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, title);
        assert_eq!(r[0].1, title);
    }

    #[test]
    fn pull_quote_repeated_inside_the_quote() {
        let t = "نزح آلاف السكان من البلدات الشرقية خلال الأسبوع الماضي.\n\
                 \"العائلات تنام في المدارس والمساجد المكتظة\"\n\
                 وقال رئيس المجلس المحلي إن \"العائلات تنام في المدارس والمساجد المكتظة\" منذ أيام.";
        let r = repeats(t);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "\"العائلات تنام في المدارس والمساجد المكتظة\"");
        assert_eq!(r[0].1, "\"العائلات تنام في المدارس والمساجد المكتظة\"");
    }

    #[test]
    fn consecutive_repeated_sentences_merge() {
        let a = "وصلت قافلة مساعدات تضم عشرين شاحنة إلى البلدة المحاصرة.";
        let b = "وأفرغت القافلة حمولتها من الطحين والأدوية في مستودع المجلس.";
        let t = format!("{a} {b}\nوقال السكان إنهم ينتظرون المزيد.\n{a} {b}");
        let r = repeats(&t);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, format!("{a} {b}"));
    }

    #[test]
    fn near_verbatim_paragraph() {
        let a = "أعلنت وزارة الصحة أن حصيلة القتلى في القصف على السوق الشعبي ارتفعت إلى ثلاثين قتيلا بينهم أطفال ونساء";
        let b = "أعلنت وزارة الصحة أن حصيلة القتلى في القصف على السوق الشعبي وصلت إلى ثلاثين قتيلا بينهم أطفال ونساء أمس";
        let t = format!("{a}.\nوقالت مصادر أخرى إن العدد أكبر.\n{b}.");
        let r = repeats(&t);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].2, NEAR_VERBATIM);
    }

    #[test]
    fn not_repeats() {
        for t in [
            // a repeated phrase inside two different sentences
            "اشتبكت قوات الحكومة والمجموعات المتحالفة معها من مناطق عدة مع الفصائل قرب القرية. \
             وفي الجنوب قصفت قوات الحكومة والمجموعات المتحالفة معها من مناطق عدة مواقع المعارضة بالمدفعية.",
            // short boilerplate
            "جميع الحقوق محفوظة.\nقال المرصد إن القصف مستمر على المدينة.\nجميع الحقوق محفوظة.",
            // English repeated
            "He said the convoy was stopped at the checkpoint today.\nHe said the convoy was stopped at the checkpoint today.",
            // different sentences
            "قال المرصد إن خمسة مدنيين قتلوا في القصف على المدينة.\nقال الدفاع المدني إن عشرة مدنيين أصيبوا في الغارة على البلدة.",
            "",
        ] {
            assert!(repeats(t).is_empty(), "{t}: {:?}", repeats(t));
        }
    }

    #[test]
    fn many_copies_report_each_against_the_first() {
        let p = "قال المتحدث باسم اللجنة الدولية إن الفرق الطبية تعمل بلا توقف.";
        let t = [p, p, p, p].join("\n");
        let d = Document::new(&t);
        let found = find_repeats(&d);
        assert_eq!(found.len(), 3, "{found:?}");
        let first = d.sentences[0].span;
        assert!(found.iter().all(|x| x.repeats == first && x.span.start > first.end));
    }
}
