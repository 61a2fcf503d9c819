//! The word tables of the number reader, compiled once from the data files.
//!
//! Everything language-specific (number words, approximation words, percent
//! expressions, range words, verbs of change) lives in `data/*.tsv`; this
//! module folds the entries with [`rasid_text::key`] and indexes them in one
//! hash map keyed by folded word, so reading a token costs one or a few
//! lookups (one per clitic reading of the token).

use rasid_model::Approx;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

const NUMBER_WORDS: &str = include_str!("../data/number_words.tsv");
const APPROX: &str = include_str!("../data/approx.tsv");
const PERCENT: &str = include_str!("../data/percent.tsv");
const RANGE: &str = include_str!("../data/range.tsv");
const CHANGE_VERBS: &str = include_str!("../data/change_verbs.tsv");
const CLAUSE_BREAKS: &str = include_str!("../data/clause_breaks.tsv");

/// What a number word is, grammatically: it decides which words may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Unit,
    TeenHead,
    Tens,
    Hundred,
    Mult,
    Ord,
    OrdHead,
    Frac,
    FracPlural,
    Vague,
    Exclude,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NumEntry {
    pub class: Class,
    pub value: f64,
    /// `عشر`/`عشرة`: closes a teen after a unit.
    pub teen_suffix: bool,
    /// `مئة`/`مائة`: a unit may multiply it (`ثلاث مئة`).
    pub base: bool,
    /// `آلاف`, `ملايين`: only after a count.
    pub plural: bool,
    /// `ألفين`, `مليونين`: two of the multiplier, never after a count.
    pub dual: bool,
    /// Definite tens ordinal (`العشرين`): the end of a compound ordinal.
    pub tens: bool,
    /// Written with the article.
    pub definite: bool,
}

/// What a listed phrase does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Approx { approx: Approx, pre: bool, post: bool, strict: bool },
    Percent,
    Between,
    From,
    To,
}

#[derive(Debug, Clone)]
pub(crate) struct Phrase {
    /// Folded words; the first one is the map key.
    pub words: Vec<String>,
    pub role: Role,
}

/// Everything known about one folded word.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordInfo {
    pub num: Option<NumEntry>,
    /// Phrases whose first word this is, longest first.
    pub starts: Vec<u16>,
    pub change_verb: bool,
    /// Ends the window in which a postposed approximation is looked for.
    pub clause_break: bool,
    /// A phrase may start on this word: it is a number word, an
    /// approximation word or a range opener (the scan skips other words
    /// after one lookup).
    pub opens: bool,
}

/// FxHash: the word keys are short and trusted (our own data), so a fast
/// non-keyed hash is right for a table probed once or twice per token.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxMap<V> = HashMap<String, V, BuildHasherDefault<FxHasher>>;

#[derive(Debug)]
pub(crate) struct Lexicon {
    words: FxMap<WordInfo>,
    pub phrases: Vec<Phrase>,
    /// Longest number word in bytes: longer tokens skip the lookups.
    max_word_len: usize,
    /// Bare fraction words, for reading them under a pronoun suffix ("ربعهم").
    pub fractions: Vec<String>,
}

/// The compiled tables (built on first use).
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::build)
}

/// Data lines: comments and blank lines dropped, fields split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn parse_class(s: &str) -> Class {
    match s {
        "unit" => Class::Unit,
        "teen_head" => Class::TeenHead,
        "tens" => Class::Tens,
        "hundred" => Class::Hundred,
        "mult" => Class::Mult,
        "ord" => Class::Ord,
        "ord_head" => Class::OrdHead,
        "frac" => Class::Frac,
        "frac_plural" => Class::FracPlural,
        "vague" => Class::Vague,
        "exclude" => Class::Exclude,
        other => panic!("number_words.tsv: unknown class {other:?}"),
    }
}

fn parse_approx(s: &str) -> Approx {
    match s {
        "about" => Approx::About,
        "at_least" => Approx::AtLeast,
        "at_most" => Approx::AtMost,
        other => panic!("approx.tsv: unknown approx {other:?}"),
    }
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut lex =
            Lexicon { words: FxMap::default(), phrases: Vec::new(), max_word_len: 0, fractions: Vec::new() };
        for r in rows(NUMBER_WORDS) {
            assert!(r.len() >= 3, "number_words.tsv: short row {r:?}");
            let form = rasid_text::key(r[0]);
            let class = parse_class(r[1]);
            let value: f64 =
                r[2].parse().unwrap_or_else(|_| panic!("number_words.tsv: bad value {:?}", r[2]));
            let flags: Vec<&str> = r.get(3).map(|f| f.split_whitespace().collect()).unwrap_or_default();
            let entry = NumEntry {
                class,
                value,
                teen_suffix: flags.contains(&"teen_suffix"),
                base: flags.contains(&"base"),
                plural: flags.contains(&"plural"),
                dual: flags.contains(&"dual"),
                tens: flags.contains(&"tens"),
                definite: matches!(class, Class::Ord) && form.starts_with("ال"),
            };
            if flags.contains(&"def") {
                let def = NumEntry { definite: true, teen_suffix: false, ..entry };
                lex.add_num(format!("ال{form}"), def);
            }
            lex.add_num(form, entry);
        }
        for r in rows(APPROX) {
            assert!(r.len() >= 3, "approx.tsv: short row {r:?}");
            let (pre, post) = match r[2] {
                "pre" => (true, false),
                "post" => (false, true),
                "both" => (true, true),
                other => panic!("approx.tsv: unknown position {other:?}"),
            };
            let strict = r.get(3).is_some_and(|f| f.split_whitespace().any(|x| x == "strict"));
            lex.add_phrase(r[0], Role::Approx { approx: parse_approx(r[1]), pre, post, strict });
        }
        for r in rows(PERCENT) {
            lex.add_phrase(r[0], Role::Percent);
        }
        for r in rows(RANGE) {
            assert!(r.len() >= 2, "range.tsv: short row {r:?}");
            let role = match r[1] {
                "between" => Role::Between,
                "from" => Role::From,
                "to" => Role::To,
                other => panic!("range.tsv: unknown role {other:?}"),
            };
            lex.add_phrase(r[0], role);
        }
        for r in rows(CHANGE_VERBS) {
            let k = rasid_text::key(r[0]);
            lex.words.entry(k).or_default().change_verb = true;
        }
        for r in rows(CLAUSE_BREAKS) {
            let k = rasid_text::key(r[0]);
            lex.words.entry(k).or_default().clause_break = true;
        }
        // Longest phrases first, so the first match is the longest.
        let phrases = &lex.phrases;
        for info in lex.words.values_mut() {
            info.starts.sort_by_key(|&p| std::cmp::Reverse(phrases[p as usize].words.len()));
            info.opens = info.num.is_some_and(|e| !matches!(e.class, Class::Vague | Class::Exclude))
                || info.starts.iter().any(|&p| match phrases[p as usize].role {
                    Role::Approx { pre, .. } => pre,
                    Role::Between | Role::From => true,
                    Role::Percent | Role::To => false,
                });
        }
        lex.fractions = lex
            .words
            .iter()
            .filter(|(_, i)| i.num.is_some_and(|e| e.class == Class::Frac && !e.definite))
            .map(|(k, _)| k.clone())
            .collect();
        lex.fractions.sort();
        lex.max_word_len = lex.words.keys().map(String::len).max().unwrap_or(0);
        lex
    }

    fn add_num(&mut self, form: String, entry: NumEntry) {
        let info = self.words.entry(form).or_default();
        // The first listing of a spelling wins (the data lists the common reading first).
        if info.num.is_none() {
            info.num = Some(entry);
        }
    }

    fn add_phrase(&mut self, text: &str, role: Role) {
        let words: Vec<String> = rasid_text::key(text).split(' ').map(str::to_string).collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        if self.phrases.iter().any(|p| p.words == words && p.role == role) {
            return;
        }
        let id = u16::try_from(self.phrases.len()).expect("fewer than 65536 phrases");
        self.phrases.push(Phrase { words, role });
        self.words.entry(first).or_default().starts.push(id);
    }

    /// Every folded word with what is known about it.
    pub fn words(&self) -> impl Iterator<Item = (&str, &WordInfo)> {
        self.words.iter().map(|(w, info)| (w.as_str(), info))
    }

    /// Everything known about a folded word.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&WordInfo> {
        if word.len() > self.max_word_len {
            return None;
        }
        self.words.get(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_and_fold() {
        let lex = lexicon();
        let e = lex.get("ثلاثه").and_then(|i| i.num).expect("ثلاثة is a number word");
        assert_eq!(e.value, 3.0);
        assert!(lex.get("الثلاثه").and_then(|i| i.num).is_some_and(|e| e.definite));
        assert!(lex.get("الاثنين").and_then(|i| i.num).is_none(), "Monday is not two");
        assert!(lex.get("مائه").and_then(|i| i.num).is_some_and(|e| e.base));
        assert!(lex.get("الاف").and_then(|i| i.num).is_some_and(|e| e.plural));
        assert!(lex.get("حوالي").is_some_and(|i| !i.starts.is_empty()));
        assert!(lex.get("ارتفعت").is_some_and(|i| i.change_verb));
    }

    #[test]
    fn longest_phrase_first() {
        let lex = lexicon();
        let info = lex.get("ما").expect("ما opens phrases");
        let lens: Vec<usize> = info.starts.iter().map(|&p| lex.phrases[p as usize].words.len()).collect();
        assert!(lens.windows(2).all(|w| w[0] >= w[1]), "{lens:?}");
    }
}
