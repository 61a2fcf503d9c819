//! The word lists of `data/`, folded and compiled once.
//!
//! Every list is a TSV file with `#` comments, embedded with `include_str!`.
//! Entries are folded with [`rasid_text::key`] at load time, so a data file
//! needs one spelling per folded form and the text is matched on the same
//! folded keys as every other stage of rasid.
//!
//! Multi-word entries ("كانون الثاني", "أول من أمس") are stored in a
//! [`Phrases`] table keyed on their first word; the grammar matches the rest
//! word by word against the following tokens.

use crate::grammar::proclitic_readings;
use rasid_text::clitic::PREFIXES;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A small multiplicative hasher for the lexicon's short keys. The tables
/// are fixed at start-up (no untrusted keys are ever inserted), so the
/// DoS resistance of the default SipHash buys nothing here, while the date
/// scan looks up several keys for every word of every article.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<WordHasher>>;
type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<WordHasher>>;

/// Which calendar a month or holiday belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Calendar {
    Gregorian,
    Hijri,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MonthName {
    pub calendar: Calendar,
    pub month: u8,
    /// Needs context to be read as a month (see `months.tsv`).
    pub weak: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WeekdayName {
    /// 0 = Sunday … 6 = Saturday.
    pub day: u8,
    pub weak: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    /// A stretch of no set length (فترة): only ever vague.
    Vague,
}

/// How many units a unit noun stands for by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    One,
    Two,
    /// Singular accusative ("عاما"): only after a number.
    NeedsNumber,
    /// Plural: a number, or else vague.
    Plural,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnitForm {
    pub unit: Unit,
    pub count: Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Modifier {
    Past,
    Previous,
    Current,
    Next,
    Following,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelativeUnit {
    Day,
    Night,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Relative {
    pub unit: RelativeUnit,
    pub offset: i8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Start,
    Mid,
    End,
    Whole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Holiday {
    pub calendar: Calendar,
    pub month: u8,
    pub day: u8,
}

/// Roles of context words (`context.tsv`), as bits.
pub(crate) mod role {
    pub const SINCE: u32 = 1 << 0;
    pub const AGO: u32 = 1 << 1;
    pub const DAY_WORD: u32 = 1 << 2;
    pub const MONTH_WORD: u32 = 1 << 3;
    pub const NIGHT_WORD: u32 = 1 << 4;
    pub const EVE: u32 = 1 << 5;
    pub const THIS: u32 = 1 << 6;
    pub const OF: u32 = 1 << 7;
    pub const YEAR_WORD: u32 = 1 << 8;
    pub const YEAR_CUE: u32 = 1 << 9;
    pub const YEAR_WEAK_CUE: u32 = 1 << 10;
    pub const YEAR_FOLLOWER: u32 = 1 << 11;
    pub const GREGORIAN_SUFFIX: u32 = 1 << 12;
    pub const HIJRI_SUFFIX: u32 = 1 << 13;
    pub const MONTH_CUE: u32 = 1 << 14;
    pub const RANGE_TO: u32 = 1 << 15;
    pub const CALENDAR_NAME_BEFORE: u32 = 1 << 16;
    pub const WEEKDAY_BEFORE: u32 = 1 << 17;
    pub const WEEKDAY_NOT_BEFORE: u32 = 1 << 18;
    pub const WEEKDAY_NOT_AFTER: u32 = 1 << 19;
    pub const TODAY_NOT_BEFORE: u32 = 1 << 20;
    pub const TODAY_NOT_AFTER: u32 = 1 << 21;
    pub const FUTURE_MARKER: u32 = 1 << 22;
    pub const VAGUE_ADJECTIVE: u32 = 1 << 23;
    pub const NIGHT_TO: u32 = 1 << 24;

    pub(crate) fn by_name(name: &str) -> Option<u32> {
        Some(match name {
            "since" => SINCE,
            "ago" => AGO,
            "day_word" => DAY_WORD,
            "month_word" => MONTH_WORD,
            "night_word" => NIGHT_WORD,
            "eve" => EVE,
            "this" => THIS,
            "of" => OF,
            "year_word" => YEAR_WORD,
            "year_cue" => YEAR_CUE,
            "year_weak_cue" => YEAR_WEAK_CUE,
            "year_follower" => YEAR_FOLLOWER,
            "gregorian_suffix" => GREGORIAN_SUFFIX,
            "hijri_suffix" => HIJRI_SUFFIX,
            "month_cue" => MONTH_CUE,
            "range_to" => RANGE_TO,
            "calendar_name_before" => CALENDAR_NAME_BEFORE,
            "weekday_before" => WEEKDAY_BEFORE,
            "weekday_not_before" => WEEKDAY_NOT_BEFORE,
            "weekday_not_after" => WEEKDAY_NOT_AFTER,
            "today_not_before" => TODAY_NOT_BEFORE,
            "today_not_after" => TODAY_NOT_AFTER,
            "future_marker" => FUTURE_MARKER,
            "vague_adjective" => VAGUE_ADJECTIVE,
            "night_to" => NIGHT_TO,
            _ => return None,
        })
    }
}

/// The grammar's rules, as bits: which ones can begin at a word.
pub(crate) mod rule {
    pub const SINCE: u16 = 1 << 0;
    pub const AGO: u16 = 1 << 1;
    pub const NIGHT: u16 = 1 << 2;
    pub const HOLIDAY: u16 = 1 << 3;
    pub const QUALIFIED: u16 = 1 << 4;
    pub const CALENDAR: u16 = 1 << 5;
    pub const NUMERIC: u16 = 1 << 6;
    pub const YEAR: u16 = 1 << 7;
    pub const MONTH: u16 = 1 << 8;
    pub const UNIT_PERIOD: u16 = 1 << 9;
    pub const RELATIVE: u16 = 1 << 10;
    pub const WEEKDAY: u16 = 1 << 11;
    pub const DAY_WORD: u16 = 1 << 12;
    /// What a digit run can begin.
    pub const DIGITS: u16 = CALENDAR | NUMERIC | YEAR;
}

/// Bits of a word's [`signature`].
const SIGNATURE_BITS: usize = 16;

/// A cheap 16-bit sketch of a word from its raw bytes: its length, the low
/// bits of its last byte (the last letter) and of its sixth byte (the third
/// letter of an Arabic word, the first after an article). Trigger words set
/// their bit in a table; a word whose bit is clear is no trigger, which
/// turns most words of a text away before any hashing.
fn signature(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let last = *b.last()?;
    let sixth = b.get(5).copied().unwrap_or(0);
    Some((b.len() & 0xF) | usize::from(last & 0x3F) << 4 | usize::from(sixth & 0x3F) << 10)
}

/// Multi-word entries keyed on their folded first word; the continuations
/// of one first word are kept longest first, so the first that matches is
/// the longest.
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    by_first: HashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases { by_first: HashMap::default() }
    }
}

impl<T> Phrases<T> {
    fn insert(&mut self, phrase: &str, value: T) {
        let folded = rasid_text::key(phrase);
        let mut words = folded.split(' ').map(str::to_string);
        let Some(first) = words.next() else {
            return;
        };
        let rest: Vec<String> = words.collect();
        let list = self.by_first.entry(first).or_default();
        list.push((rest, value));
        list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
    }

    /// The entries whose first word is `first` (folded), longest first.
    pub(crate) fn starting_with(&self, first: &str) -> &[(Vec<String>, T)] {
        self.by_first.get(first).map(Vec::as_slice).unwrap_or(&[])
    }

    fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys().map(String::as_str)
    }
}

/// Everything the grammar looks words up in.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub months: Phrases<MonthName>,
    pub weekdays: HashMap<String, WeekdayName>,
    pub ordinals: Phrases<u8>,
    pub numbers: Phrases<u32>,
    pub units: HashMap<String, UnitForm>,
    pub modifiers: HashMap<String, Modifier>,
    pub relative: Phrases<Relative>,
    pub qualifiers: HashMap<String, Part>,
    pub approx: Phrases<()>,
    pub time_of_day: HashSet<String>,
    pub holidays: Phrases<Holiday>,
    roles: HashMap<String, u32>,
    /// Folded words that can start a date mention (after clitic peeling),
    /// with the rules (`rule::*` bits) that can start there.
    triggers: RuleTable,
    /// Every word as written whose bare form or some clitic reading is a
    /// trigger, with the union of their rules: the scan's one lookup per
    /// word (see [`Lexicon::rules_at_word`]).
    written: RuleTable,
}

/// Words with the rules that can begin at them, behind a [`signature`]
/// filter.
#[derive(Debug)]
struct RuleTable {
    rules: HashMap<String, u16>,
    /// Bit `s % 64` of `signatures[s / 64]` is set when some word has the
    /// [`signature`] `s`.
    signatures: Box<[u64; (1 << SIGNATURE_BITS) / 64]>,
}

impl RuleTable {
    fn new(rules: HashMap<String, u16>) -> RuleTable {
        let mut signatures = Box::new([0; (1 << SIGNATURE_BITS) / 64]);
        for sig in rules.keys().filter_map(|w| signature(w)) {
            signatures[sig / 64] |= 1 << (sig % 64);
        }
        RuleTable { rules, signatures }
    }

    /// The rules of `w` (0: none). Runs for every word of every article, so
    /// the [`signature`] check comes first.
    fn get(&self, w: &str) -> u16 {
        let Some(sig) = signature(w) else {
            return 0;
        };
        if self.signatures[sig / 64] & (1 << (sig % 64)) == 0 {
            return 0;
        }
        self.rules.get(w).copied().unwrap_or(0)
    }
}

/// The data lines of a TSV file: comments and blank lines dropped, fields
/// trimmed.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// A malformed built-in data file is a bug of this crate, caught by its unit
/// tests: the row is reported in debug builds and skipped.
fn bad_row(file: &str, row: &[&str]) {
    debug_assert!(false, "bad row in {file}: {row:?}");
}

impl Lexicon {
    /// The built-in lexicon, compiled on first use.
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::load)
    }

    fn load() -> Lexicon {
        let mut lex = Lexicon {
            months: Phrases::default(),
            weekdays: HashMap::default(),
            ordinals: Phrases::default(),
            numbers: Phrases::default(),
            units: HashMap::default(),
            modifiers: HashMap::default(),
            relative: Phrases::default(),
            qualifiers: HashMap::default(),
            approx: Phrases::default(),
            time_of_day: HashSet::default(),
            holidays: Phrases::default(),
            roles: HashMap::default(),
            triggers: RuleTable::new(HashMap::default()),
            written: RuleTable::new(HashMap::default()),
        };
        for row in rows(include_str!("../data/months.tsv")) {
            match row.as_slice() {
                [name, cal, month, strength] => {
                    let calendar = if *cal == "h" { Calendar::Hijri } else { Calendar::Gregorian };
                    match month.parse::<u8>() {
                        Ok(month @ 1..=12) => {
                            lex.months.insert(name, MonthName { calendar, month, weak: *strength == "weak" })
                        }
                        _ => bad_row("months.tsv", &row),
                    }
                }
                _ => bad_row("months.tsv", &row),
            }
        }
        for row in rows(include_str!("../data/weekdays.tsv")) {
            match row.as_slice() {
                [name, day, strength] => match day.parse::<u8>() {
                    Ok(day @ 0..=6) => {
                        lex.weekdays
                            .insert(rasid_text::key(name), WeekdayName { day, weak: *strength == "weak" });
                    }
                    _ => bad_row("weekdays.tsv", &row),
                },
                _ => bad_row("weekdays.tsv", &row),
            }
        }
        for row in rows(include_str!("../data/ordinals.tsv")) {
            match row.as_slice() {
                [phrase, day] => match day.parse::<u8>() {
                    Ok(day @ 1..=31) => lex.ordinals.insert(phrase, day),
                    _ => bad_row("ordinals.tsv", &row),
                },
                _ => bad_row("ordinals.tsv", &row),
            }
        }
        for row in rows(include_str!("../data/numbers.tsv")) {
            match row.as_slice() {
                [phrase, value] => match value.parse::<u32>() {
                    Ok(v) => lex.numbers.insert(phrase, v),
                    _ => bad_row("numbers.tsv", &row),
                },
                _ => bad_row("numbers.tsv", &row),
            }
        }
        for row in rows(include_str!("../data/units.tsv")) {
            let unit = match row.get(1).copied() {
                Some("hour") => Unit::Hour,
                Some("day") => Unit::Day,
                Some("week") => Unit::Week,
                Some("month") => Unit::Month,
                Some("year") => Unit::Year,
                Some("decade") => Unit::Decade,
                Some("vague") => Unit::Vague,
                _ => {
                    bad_row("units.tsv", &row);
                    continue;
                }
            };
            let count = match row.get(2).copied() {
                Some("1") => Count::One,
                Some("2") => Count::Two,
                Some("n") => Count::NeedsNumber,
                Some("p") => Count::Plural,
                _ => {
                    bad_row("units.tsv", &row);
                    continue;
                }
            };
            lex.units.insert(rasid_text::key(row[0]), UnitForm { unit, count });
        }
        for row in rows(include_str!("../data/modifiers.tsv")) {
            let sense = match row.get(1).copied() {
                Some("past") => Modifier::Past,
                Some("previous") => Modifier::Previous,
                Some("current") => Modifier::Current,
                Some("next") => Modifier::Next,
                Some("following") => Modifier::Following,
                _ => {
                    bad_row("modifiers.tsv", &row);
                    continue;
                }
            };
            lex.modifiers.insert(rasid_text::key(row[0]), sense);
        }
        for row in rows(include_str!("../data/relative.tsv")) {
            let unit = match row.get(1).copied() {
                Some("day") => RelativeUnit::Day,
                Some("night") => RelativeUnit::Night,
                _ => {
                    bad_row("relative.tsv", &row);
                    continue;
                }
            };
            match row.get(2).and_then(|o| o.parse::<i8>().ok()) {
                Some(offset) => lex.relative.insert(row[0], Relative { unit, offset }),
                None => bad_row("relative.tsv", &row),
            }
        }
        for row in rows(include_str!("../data/qualifiers.tsv")) {
            let part = match row.get(1).copied() {
                Some("start") => Part::Start,
                Some("mid") => Part::Mid,
                Some("end") => Part::End,
                Some("none") => Part::Whole,
                _ => {
                    bad_row("qualifiers.tsv", &row);
                    continue;
                }
            };
            lex.qualifiers.insert(rasid_text::key(row[0]), part);
        }
        for row in rows(include_str!("../data/approx.tsv")) {
            lex.approx.insert(row[0], ());
        }
        for row in rows(include_str!("../data/time_of_day.tsv")) {
            lex.time_of_day.insert(rasid_text::key(row[0]));
        }
        for row in rows(include_str!("../data/holidays.tsv")) {
            match row.as_slice() {
                [phrase, cal, month, day] => {
                    let calendar = if *cal == "h" { Calendar::Hijri } else { Calendar::Gregorian };
                    match (month.parse::<u8>(), day.parse::<u8>()) {
                        (Ok(month @ 1..=12), Ok(day @ 1..=31)) => {
                            lex.holidays.insert(phrase, Holiday { calendar, month, day })
                        }
                        _ => bad_row("holidays.tsv", &row),
                    }
                }
                _ => bad_row("holidays.tsv", &row),
            }
        }
        for row in rows(include_str!("../data/context.tsv")) {
            match row.as_slice() {
                [name, word] => match role::by_name(name) {
                    Some(bit) => *lex.roles.entry(rasid_text::key(word)).or_default() |= bit,
                    None => bad_row("context.tsv", &row),
                },
                _ => bad_row("context.tsv", &row),
            }
        }
        lex.triggers = RuleTable::new(lex.compute_triggers());
        lex.written = RuleTable::new(lex.compute_written());
        lex
    }

    /// Every folded word a date mention can begin with, and which rules can
    /// begin there.
    fn compute_triggers(&self) -> HashMap<String, u16> {
        let mut t: HashMap<String, u16> = HashMap::default();
        let mut add = |w: &str, rules: u16| *t.entry(w.to_string()).or_default() |= rules;
        self.months.first_words().for_each(|w| add(w, rule::MONTH));
        self.weekdays.keys().for_each(|w| add(w, rule::WEEKDAY));
        self.ordinals.first_words().for_each(|w| add(w, rule::CALENDAR));
        self.relative.first_words().for_each(|w| add(w, rule::RELATIVE));
        self.holidays.first_words().for_each(|w| add(w, rule::HOLIDAY));
        self.qualifiers.keys().for_each(|w| add(w, rule::QUALIFIED));
        self.units.keys().for_each(|u| add(&format!("ال{u}"), rule::UNIT_PERIOD));
        for (w, bits) in &self.roles {
            for (role_bit, rules) in [
                (role::SINCE, rule::SINCE),
                (role::AGO, rule::AGO),
                (role::DAY_WORD, rule::DAY_WORD),
                (role::MONTH_WORD, rule::MONTH),
                (role::NIGHT_WORD, rule::NIGHT),
                (role::EVE, rule::HOLIDAY),
                (role::THIS, rule::UNIT_PERIOD),
                (role::YEAR_WORD, rule::YEAR),
            ] {
                if bits & role_bit != 0 {
                    add(w, rules);
                }
            }
        }
        // "الـ18", "الـ24 ساعة الماضية": the article glued to a number.
        add("ال", rule::CALENDAR | rule::UNIT_PERIOD);
        // "للعام", "للأحد": after ل the article's alef is not written, and the
        // scan looks up the stem, so every trigger with the article lends its
        // rules to its stem.
        let stems: Vec<(String, u16)> = t
            .iter()
            .filter_map(|(w, &r)| Some((w.strip_prefix("ال").filter(|s| !s.is_empty())?.to_string(), r)))
            .collect();
        for (stem, r) in stems {
            *t.entry(stem).or_default() |= r;
        }
        t
    }

    /// Whether the folded word `w` has any of the `bits` roles.
    pub(crate) fn has_role(&self, w: &str, bits: u32) -> bool {
        self.roles.get(w).is_some_and(|b| b & bits != 0)
    }

    /// The rules that can begin at the folded word `w` (0: none).
    pub(crate) fn rules_for(&self, w: &str) -> u16 {
        self.triggers.get(w)
    }

    /// The rules that can begin at the folded word `w` as written, over all
    /// its readings: [`Lexicon::rules_for`] of the word and of every clitic
    /// reading's rest, in one lookup.
    pub(crate) fn rules_at_word(&self, w: &str) -> u16 {
        self.written.get(w)
    }

    /// What [`Lexicon::rules_at_word`] computes, one reading at a time.
    pub(crate) fn rules_over_readings(&self, w: &str) -> u16 {
        proclitic_readings(w).fold(self.rules_for(w), |rules, (_, rest, _)| rules | self.rules_for(rest))
    }

    /// The table behind [`Lexicon::rules_at_word`]. A word with rules is a
    /// trigger under one of the clitic [`PREFIXES`] (the readings of
    /// [`proclitic_readings`] are those of `rasid_text::clitic`), so those
    /// strings before each trigger are every candidate, each given its rules
    /// by [`Lexicon::rules_over_readings`] itself.
    fn compute_written(&self) -> HashMap<String, u16> {
        let candidates =
            self.triggers.rules.keys().flat_map(|t| PREFIXES.iter().map(move |p| format!("{p}{t}")));
        candidates
            .filter_map(|w| {
                let rules = self.rules_over_readings(&w);
                (rules != 0).then_some((w, rules))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words near the triggers: every trigger under every string of up to
    /// three clitic letters (more than [`PREFIXES`], so a string
    /// missing there shows), cut short or lengthened by a letter.
    fn near_triggers(lex: &Lexicon) -> Vec<String> {
        let letters = ["و", "ف", "ب", "ك", "ل"];
        let mut leads = vec![String::new(), "ال".into(), "وال".into(), "م".into()];
        for a in letters {
            leads.push(a.into());
            for b in letters {
                leads.push(format!("{a}{b}"));
                leads.extend(letters.iter().map(|c| format!("{a}{b}{c}")));
            }
        }
        let mut words = Vec::new();
        for t in lex.triggers.rules.keys() {
            for p in &leads {
                for tail in ["", "ا", "ه", "ين", "ة"] {
                    words.push(format!("{p}{t}{tail}"));
                }
                let mut short = t.chars();
                short.next_back();
                words.push(format!("{p}{}", short.as_str()));
            }
        }
        words
    }

    #[test]
    fn written_table_agrees_with_the_readings() {
        let lex = Lexicon::get();
        let words = near_triggers(lex);
        let mut with_rules = 0;
        for w in &words {
            let fast = lex.rules_at_word(w);
            assert_eq!(fast, lex.rules_over_readings(w), "{w}");
            with_rules += usize::from(fast != 0);
        }
        // the comparison must see both answers, many times
        assert!(with_rules > 1000 && words.len() - with_rules > 1000, "{with_rules} of {}", words.len());
    }

    proptest::proptest! {
        #[test]
        fn written_table_agrees_on_any_word(w in "[وفبكلالنحثسعمتخهيرةأإدج]{1,9}") {
            let lex = Lexicon::get();
            proptest::prop_assert_eq!(lex.rules_at_word(&w), lex.rules_over_readings(&w));
        }
    }

    #[test]
    fn data_files_load_completely() {
        let lex = Lexicon::load();
        assert_eq!(lex.weekdays.len(), 9);
        assert!(lex.months.starting_with("كانون").len() == 2);
        assert_eq!(lex.months.starting_with("اذار")[0].1.month, 3);
        assert_eq!(lex.ordinals.starting_with("الحادي").len(), 3);
        assert_eq!(lex.units.get("عامين").map(|u| u.count), Some(Count::Two));
        assert_eq!(lex.modifiers.get("الماضيه"), Some(&Modifier::Past));
        assert!(lex.has_role("منذ", role::SINCE));
        assert!(lex.has_role("ه", role::HIJRI_SUFFIX), "هـ folds to ه");
        assert_eq!(lex.rules_for("الاسبوع"), rule::UNIT_PERIOD);
        assert_eq!(lex.rules_for("عام") & rule::YEAR, rule::YEAR);
        assert_eq!(lex.rules_for("في"), 0);
        assert_eq!(lex.rules_for(""), 0);
        // every month number 1..=12 has a Gregorian and a Hijri name
        for cal in [Calendar::Gregorian, Calendar::Hijri] {
            for m in 1..=12u8 {
                let found =
                    lex.months.by_first.values().flatten().any(|(_, n)| n.calendar == cal && n.month == m);
                assert!(found, "no name for month {m} of {cal:?}");
            }
        }
    }
}
