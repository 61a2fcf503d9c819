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
//! Everything is hashed: whole units into a map, six-word shingles and word
//! pairs into posting lists capped at [`MAX_POSTINGS`] entries. No pair of
//! units is compared unless they share a hash, and each unit is compared
//! with at most a bounded number of others, so the work grows linearly with
//! the text, however large or repetitive.

// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt};
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

/// FNV-1a: a fixed, fast hash (word hashes are compared within one run only).
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Combines word hashes into the hash of a sequence.
fn combine(hashes: &[u64]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    for &x in hashes {
        h = (h ^ x).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    h ^ hashes.len() as u64
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
    let mut words = Words { token: Vec::new(), hash: Vec::new() };
    // word index of each token (the index of the next word for punctuation)
    let mut word_at = Vec::with_capacity(doc.tokens.len() + 1);
    for (i, t) in doc.tokens.iter().enumerate() {
        word_at.push(words.token.len());
        if is_word(t.kind) {
            words.token.push(i);
            words.hash.push(fnv(doc.key(i).as_bytes()));
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
    let mut first_with: HashMap<u64, Vec<usize>> = HashMap::new();
    for (ui, u) in units.iter().enumerate() {
        if !cand[ui] {
            continue;
        }
        let h = combine(&words.hash[u.words.clone()]);
        let seen = first_with.entry(h).or_default();
        if let Some(&ej) = seen.iter().find(|&&ej| same_words(units[ej].words.clone(), u.words.clone())) {
            found.push(Found {
                later: doc.span_of(u.tokens.clone()),
                earlier: doc.span_of(units[ej].tokens.clone()),
                units: Some((ui, ej)),
                verbatim: true,
            });
            matched[ui] = true;
            matched[ej] = true;
        } else if seen.len() < MAX_POSTINGS {
            seen.push(ui);
        }
    }

    // 2. a whole unit repeated as a run inside a longer passage elsewhere
    let k = MIN_WORDS;
    let mut shingles: HashMap<u64, Vec<usize>> = HashMap::new();
    for p in 0..words.hash.len().saturating_sub(k - 1) {
        let list = shingles.entry(combine(&words.hash[p..p + k])).or_default();
        if list.len() < MAX_POSTINGS {
            list.push(p);
        }
    }
    for (ui, u) in units.iter().enumerate() {
        if !cand[ui] || matched[ui] {
            continue;
        }
        let n = u.words.len();
        let Some(list) = shingles.get(&combine(&words.hash[u.words.start..u.words.start + k])) else {
            continue;
        };
        let hit = list.iter().copied().find(|&p| {
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

/// Distinct word pairs of a unit, hashed.
fn pairs(words: &Words, r: Range<usize>) -> Vec<u64> {
    let mut v: Vec<u64> = words.hash[r].windows(2).map(combine).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn near_verbatim(
    doc: &Document,
    words: &Words,
    units: &[Unit],
    cand: &[bool],
    matched: &[bool],
    found: &mut Vec<Found>,
) {
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut unit_pairs: Vec<Vec<u64>> = vec![Vec::new(); units.len()];
    for (ui, u) in units.iter().enumerate() {
        if !cand[ui] {
            continue;
        }
        let ps = pairs(words, u.words.clone());
        if !matched[ui] {
            // compare with earlier units sharing pairs
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for h in &ps {
                for &ej in index.get(h).map(Vec::as_slice).unwrap_or_default() {
                    *shared.entry(ej).or_insert(0) += 1;
                }
            }
            let n = units[ui].words.len();
            let best = shared
                .into_iter()
                .filter(|&(ej, _)| {
                    let m = units[ej].words.len();
                    n.min(m) as f64 >= MIN_LENGTH_RATIO * n.max(m) as f64
                })
                .map(|(ej, common)| (ej, common as f64 / ps.len().min(unit_pairs[ej].len()).max(1) as f64))
                .filter(|&(_, overlap)| overlap >= NEAR_OVERLAP)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((ej, _)) = best {
                found.push(Found {
                    later: doc.span_of(units[ui].tokens.clone()),
                    earlier: doc.span_of(units[ej].tokens.clone()),
                    units: Some((ui, ej)),
                    verbatim: false,
                });
            }
        }
        for &h in &ps {
            let list = index.entry(h).or_default();
            if list.len() < MAX_POSTINGS {
                list.push(ui);
            }
        }
        unit_pairs[ui] = ps;
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
