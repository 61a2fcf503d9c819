//! The date grammar: small recursive-descent rules over the tokens of a
//! [`Document`], looking words up in the [`Lexicon`].
//!
//! The scan visits each token that can begin a mention (a digit run, or a
//! word of the lexicon's trigger table after clitic peeling), runs the rules
//! the table says can begin there, keeps the longest match and continues
//! after it. Rules never look at
//! raw text: they read folded token keys, so spelling variants, diacritics
//! and Eastern digits are already unified, and every span they report comes
//! from the tokens' original offsets.

use std::borrow::Cow;

use jiff::civil::Date;
use rasid_text::{Document, TokenKind};

use crate::calendar::{self, Days, Direction, Tense};
use crate::lexicon::{Calendar, Count, Lexicon, Modifier, Phrases, RelativeUnit, Unit, role, rule};
use crate::{DateKind, DatePhrase, Lookback, LookbackUnit};

/// Longest number of digits read as a count or a year.
const MAX_DIGITS: usize = 9;
/// Years accepted with a strong cue ("العام 1999") or an era suffix.
const CUED_YEARS: std::ops::RangeInclusive<i64> = 1000..=2200;
/// Years accepted with a weak cue ("في 2013") or as a bare range ("2007 - 2018").
const BARE_YEARS: std::ops::RangeInclusive<i64> = 1900..=2100;
/// Hijri years with "هـ".
const HIJRI_YEARS: std::ops::RangeInclusive<i64> = 1..=2000;
/// Years read as Hijri even without "هـ" ("عام 1436", "19/7/1436"): as
/// Gregorian years they would lie in the Middle Ages, which news rarely
/// dates to the year, while Gulf papers write the Hijri year bare.
const HIJRI_LOOKING_YEARS: std::ops::RangeInclusive<i64> = 1350..=1500;
/// How far back a future marker ("من المقرر") may stand from a weekday.
const FUTURE_WINDOW: usize = 8;

/// A rule's match, before it becomes a [`DatePhrase`].
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    /// Bytes of the first token's folded key peeled off as clitics.
    prefix: usize,
    end: usize,
    from: Option<Date>,
    to: Option<Date>,
    kind: DateKind,
    since: bool,
    lookback: Option<Lookback>,
}

impl Hit {
    fn new(start: usize, prefix: usize, end: usize, days: Option<Days>, kind: DateKind) -> Hit {
        Hit {
            start,
            prefix,
            end,
            from: days.map(|d| d.0),
            to: days.map(|d| d.1),
            kind,
            since: false,
            lookback: None,
        }
    }

    fn vague(start: usize, prefix: usize, end: usize) -> Hit {
        Hit::new(start, prefix, end, None, DateKind::Vague)
    }
}

/// The longest of some candidate hits; the earliest listed wins a tie.
fn longest(cands: impl IntoIterator<Item = Option<Hit>>) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    for h in cands.into_iter().flatten() {
        if best.is_none_or(|b| h.end > b.end) {
            best = Some(h);
        }
    }
    best
}

/// A year the text gives, or a year phrase that needs publication to
/// resolve and could not be resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearSpec {
    Missing,
    Known(i64),
    Unresolved,
}

/// A month name with what follows it: its paired name, a tense word, a year.
#[derive(Debug, Clone, Copy)]
struct MonthExpr {
    calendar: Calendar,
    month: u8,
    weak: bool,
    prefix: usize,
    end: usize,
    year: YearSpec,
    tense: Tense,
    /// Paired, modified or followed by a year: a month whatever its strength.
    sure: bool,
}

/// A duration: how many of which unit (`None`: an indefinite number).
#[derive(Debug, Clone, Copy)]
struct Duration {
    amount: Option<u32>,
    unit: Unit,
    end: usize,
}

fn lookback_unit(u: Unit) -> Option<LookbackUnit> {
    Some(match u {
        Unit::Hour => LookbackUnit::Hour,
        Unit::Day => LookbackUnit::Day,
        Unit::Week => LookbackUnit::Week,
        Unit::Month => LookbackUnit::Month,
        Unit::Year => LookbackUnit::Year,
        Unit::Decade => LookbackUnit::Decade,
        Unit::Vague => return None,
    })
}

/// `d` moved by `n` units (negative: back).
pub(crate) fn shift(d: Date, unit: LookbackUnit, n: i64) -> Option<Date> {
    match unit {
        LookbackUnit::Hour => calendar::add_days(d, n / 24),
        LookbackUnit::Day => calendar::add_days(d, n),
        LookbackUnit::Week => calendar::add_days(d, n.checked_mul(7)?),
        LookbackUnit::Month => calendar::add_months(d, n),
        LookbackUnit::Year => calendar::add_years(d, n),
        LookbackUnit::Decade => calendar::add_years(d, n.checked_mul(10)?),
    }
}

fn tense_of(m: Modifier) -> Option<Tense> {
    match m {
        Modifier::Past | Modifier::Previous => Some(Tense::Past),
        Modifier::Current => Some(Tense::Current),
        Modifier::Next => Some(Tense::Next),
        Modifier::Following => None,
    }
}

fn offset_of(m: Modifier) -> Option<i64> {
    match m {
        Modifier::Past | Modifier::Previous => Some(-1),
        Modifier::Current => Some(0),
        Modifier::Next => Some(1),
        Modifier::Following => None,
    }
}

/// The proclitic readings of a folded word, as [`rasid_text::clitic::peels`]
/// reads them but without allocating: (prefix bytes, rest, whether the prefix
/// ends in `لل`, ل + the article with its alef unwritten), shortest prefix
/// first. A conjunction (و ف) may precede a preposition (ب ك ل); at least
/// two letters must remain.
pub(crate) fn proclitic_readings(w: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    const LETTER: usize = 2; // the clitic letters are two bytes in UTF-8
    let letter_at = |at: usize| w.get(at..).and_then(|r| r.chars().next());
    let mut cuts: [(usize, bool); 3] = [(0, false); 3];
    let mut n = 0;
    let mut cut = |at: usize, elided: bool| {
        cuts[n] = (at, elided);
        n += 1;
    };
    let conj = match letter_at(0) {
        Some('و' | 'ف') => {
            cut(LETTER, false);
            LETTER
        }
        _ => 0,
    };
    match letter_at(conj) {
        Some('ب' | 'ك') => cut(conj + LETTER, false),
        Some('ل') => {
            cut(conj + LETTER, false);
            if letter_at(conj + LETTER) == Some('ل') {
                cut(conj + 2 * LETTER, true);
            }
        }
        _ => {}
    }
    cuts.into_iter().take(n).filter_map(move |(at, elided)| {
        let rest = w.get(at..)?;
        rest.chars().nth(1).is_some().then_some((at, rest, elided))
    })
}

/// Punctuation around a weekday that sets it off as an adverb of time
/// ("قتل 11 مدنياً، السبت، في غارة").
fn sets_off(p: &str) -> bool {
    matches!(p, "،" | "," | "(" | ")" | "-" | ":" | "؛" | "." | "!" | "؟" | "\"" | "«" | "»")
}

pub(crate) struct Reader<'a, 'd> {
    doc: &'a Document<'d>,
    lex: &'static Lexicon,
    published: Option<Date>,
    n: usize,
}

impl<'a, 'd> Reader<'a, 'd> {
    pub(crate) fn new(doc: &'a Document<'d>, published: Option<Date>) -> Self {
        Reader { doc, lex: Lexicon::get(), published, n: doc.tokens.len() }
    }

    pub(crate) fn find_all(&self) -> Vec<DatePhrase> {
        let mut out: Vec<DatePhrase> = Vec::new();
        let mut i = 0;
        while i < self.n {
            let rules = self.rules_at(i);
            if rules == 0 {
                i += 1;
                continue;
            }
            match self.best_at(i, rules) {
                Some(hit) if hit.end > i => {
                    if let Some(p) = self.phrase_of(hit)
                        && out.last().is_none_or(|last| last.span.end <= p.span.start)
                    {
                        out.push(p);
                    }
                    i = hit.end;
                }
                _ => i += 1,
            }
        }
        out
    }

    fn phrase_of(&self, h: Hit) -> Option<DatePhrase> {
        let first = self.doc.tokens.get(h.start)?;
        let last = self.doc.tokens.get(h.end.checked_sub(1)?)?;
        let start = if h.prefix > 0 {
            self.doc.folded.original_start(first.fold.start + h.prefix)
        } else {
            first.span.start
        };
        let end = last.span.end;
        if start >= end {
            return None;
        }
        let (from, to) = match (h.from, h.to) {
            (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
            other => other,
        };
        Some(DatePhrase {
            tokens: h.start..h.end,
            span: rasid_model::Span::new(start, end),
            from,
            to,
            kind: h.kind,
            since: h.since,
            lookback: h.lookback,
        })
    }

    // ------------------------------------------------------------ token access

    /// Folded key of token `i`, or "" past the end.
    fn key(&self, i: usize) -> &'a str {
        let doc: &'a Document<'d> = self.doc;
        if i < self.n { doc.key(i) } else { "" }
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.doc.tokens.get(i).map(|t| t.kind)
    }

    /// Token `i` is glued to the one before it.
    fn glued(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| !t.space_before)
    }

    fn newline_before(&self, i: usize) -> bool {
        self.doc.tokens.get(i).is_some_and(|t| t.newline_before)
    }

    /// The readings of token `i`: the word itself, then with its proclitics
    /// peeled (shortest prefix first), as [`rasid_text::clitic::peels`]
    /// reads them; after `لل` the article is restored ("للعام" → "العام").
    /// Allocates only for that restored article.
    fn readings(&self, i: usize) -> impl Iterator<Item = (usize, Cow<'a, str>)> {
        let w = self.key(i);
        let whole = (!w.is_empty()).then_some((0, Cow::Borrowed(w)));
        let peeled = proclitic_readings(w).map(|(p, rest, elided)| {
            (p, if elided { Cow::Owned(format!("ال{rest}")) } else { Cow::Borrowed(rest) })
        });
        whole.into_iter().chain(peeled)
    }

    /// The first reading of token `i` that `f` accepts.
    fn first<T>(&self, i: usize, mut f: impl FnMut(&str) -> Option<T>) -> Option<(usize, T)> {
        self.readings(i).find_map(|(p, r)| f(&r).map(|t| (p, t)))
    }

    /// Some reading of token `i` has one of the roles `bits`.
    fn role_at(&self, i: usize, bits: u32) -> bool {
        self.first(i, |w| self.lex.has_role(w, bits).then_some(())).is_some()
    }

    /// Token `i` as written (no clitic) has one of the roles `bits`.
    fn plain_role(&self, i: usize, bits: u32) -> bool {
        self.lex.has_role(self.key(i), bits)
    }

    /// The rules that can begin at token `i` (0: none), over all its
    /// readings. The hot path: it runs for every token of every article, so
    /// the readings are folded in advance into one table of written words.
    fn rules_at(&self, i: usize) -> u16 {
        match self.kind(i) {
            Some(TokenKind::Digits) => rule::DIGITS,
            Some(TokenKind::Arabic) => self.lex.rules_at_word(self.key(i)),
            _ => 0,
        }
    }

    /// The continuation words of a phrase from token `j`; a word may stand in
    /// parentheses ("أمس (الأول)"). Returns the end.
    fn match_rest(&self, mut j: usize, words: &[String]) -> Option<usize> {
        for w in words {
            if self.key(j) == w {
                j += 1;
            } else if self.key(j) == "(" && self.key(j + 1) == w && self.key(j + 2) == ")" {
                j += 3;
            } else {
                return None;
            }
        }
        Some(j)
    }

    /// The longest entry of `table` at token `i`: (clitic prefix, end, value).
    fn phrase<T: Copy>(&self, table: &Phrases<T>, i: usize, clitics: bool) -> Option<(usize, usize, T)> {
        if i >= self.n {
            return None;
        }
        for (p, r) in self.readings(i).take(if clitics { usize::MAX } else { 1 }) {
            for (rest, v) in table.starting_with(&r) {
                if let Some(end) = self.match_rest(i + 1, rest) {
                    return Some((p, end, *v));
                }
            }
        }
        None
    }

    fn modifier(&self, i: usize) -> Option<Modifier> {
        self.lex.modifiers.get(self.key(i)).copied()
    }

    // ------------------------------------------------------------ numbers

    /// Token `i` is a separator glued between digit runs: part of one number
    /// ("13.450", "1,500").
    fn inner_separator(&self, i: usize) -> bool {
        matches!(self.key(i), "." | ",")
            && self.glued(i)
            && self.kind(i + 1) == Some(TokenKind::Digits)
            && self.glued(i + 1)
    }

    /// The digit run at `i` as a whole number (not part of a larger one):
    /// (value, digit count).
    fn digits(&self, i: usize) -> Option<(i64, usize)> {
        if self.kind(i) != Some(TokenKind::Digits) {
            return None;
        }
        let k = self.key(i);
        if k.len() > MAX_DIGITS {
            return None;
        }
        if i >= 2 && self.glued(i) && self.inner_separator(i - 1) {
            return None;
        }
        if self.inner_separator(i + 1) {
            return None;
        }
        Some((k.parse().ok()?, k.len()))
    }

    /// A count at `i`: digits (also "الـ24"), or a number word. Value 0 is
    /// an indefinite count (بضعة). Returns (value, end).
    fn count(&self, i: usize) -> Option<(i64, usize)> {
        if let Some((v, _)) = self.digits(i) {
            return Some((v, i + 1));
        }
        if self.key(i) == "ال"
            && self.glued(i + 1)
            && let Some((v, _)) = self.digits(i + 1)
        {
            return Some((v, i + 2));
        }
        if let Some((_, e, v)) = self.phrase(&self.lex.numbers, i, false) {
            return Some((i64::from(v), e));
        }
        // "الأيام الثلاثة الماضية": the number word takes the article
        let bare = self.key(i).strip_prefix("ال")?;
        let (_, v) = self.lex.numbers.starting_with(bare).iter().find(|(rest, _)| rest.is_empty())?;
        Some((i64::from(*v), i + 1))
    }

    /// A day of the month at `i`: "18", "الـ18", "الثامن": (day, prefix, end,
    /// whether it is an ordinal word).
    fn day_of_month(&self, i: usize) -> Option<(u8, usize, usize, bool)> {
        if let Some((v, len)) = self.digits(i) {
            return (len <= 2 && (1..=31).contains(&v)).then_some((v as u8, 0, i + 1, false));
        }
        if let Some((p, ())) = self.first(i, |w| (w == "ال").then_some(()))
            && self.glued(i + 1)
            && let Some((v, len)) = self.digits(i + 1)
        {
            return (len <= 2 && (1..=31).contains(&v)).then_some((v as u8, p, i + 2, false));
        }
        // "الأسبوع الثاني من شباط", "اليوم الثالث من الهدنة": an ordinal
        // agreeing with a noun before it is that noun's, not a day's.
        if i > 0
            && !self.lex.weekdays.contains_key(self.key(i - 1))
            && self.readings(i - 1).any(|(_, r)| r.starts_with("ال") && r.chars().count() > 3)
        {
            return None;
        }
        self.phrase(&self.lex.ordinals, i, true).map(|(p, e, d)| (d, p, e, true))
    }

    /// A year number at `i` with its optional era suffix: (year, end, era
    /// named by the suffix).
    fn year_number(&self, i: usize) -> Option<(i64, usize, Option<Calendar>)> {
        let (y, len) = self.digits(i)?;
        if !(3..=4).contains(&len) {
            return None;
        }
        let j = i + 1;
        let suffix = if self.plain_role(j, role::HIJRI_SUFFIX) {
            Some(Calendar::Hijri)
        } else if self.plain_role(j, role::GREGORIAN_SUFFIX) {
            Some(Calendar::Gregorian)
        } else {
            None
        };
        let ok = match suffix {
            Some(Calendar::Hijri) => HIJRI_YEARS.contains(&y),
            _ => len == 4 && CUED_YEARS.contains(&y),
        };
        ok.then_some((y, if suffix.is_some() { j + 1 } else { j }, suffix))
    }

    // ------------------------------------------------------------ rules

    /// The longest mention at `i`, trying the `rules` that can begin there.
    fn best_at(&self, i: usize, rules: u16) -> Option<Hit> {
        let since = if rules & rule::SINCE != 0 { self.since(i) } else { None };
        longest([since, self.plain_best(i, false, rules)])
    }

    /// The longest mention at `i` other than a "منذ" one, trying the `rules`
    /// that can begin there; `cued`: a bare year is a year ("منذ 2012").
    fn plain_best(&self, i: usize, cued: bool, rules: u16) -> Option<Hit> {
        let on = |bit: u16| rules & bit != 0;
        longest([
            if on(rule::NIGHT) { self.night(i) } else { None },
            if on(rule::HOLIDAY) { self.holiday(i) } else { None },
            if on(rule::QUALIFIED) { self.qualified(i) } else { None },
            if on(rule::CALENDAR) { self.calendar_date(i) } else { None },
            if on(rule::NUMERIC) { self.numeric_date(i) } else { None },
            if on(rule::YEAR) { self.year(i, cued) } else { None },
            if on(rule::MONTH) { self.month(i) } else { None },
            if on(rule::UNIT_PERIOD) { self.unit_period(i) } else { None },
            if on(rule::AGO) { self.ago(i) } else { None },
            if on(rule::RELATIVE) { self.relative(i) } else { None },
            if on(rule::WEEKDAY) { self.weekday(i) } else { None },
            if on(rule::DAY_WORD) { self.with_day_word(i) } else { None },
        ])
    }

    /// "منذ" + time-of-day words + (a duration | a date): an open period.
    fn since(&self, i: usize) -> Option<Hit> {
        let (prefix, ()) = self.first(i, |w| self.lex.has_role(w, role::SINCE).then_some(()))?;
        let mut j = i + 1;
        while j < self.n && self.lex.time_of_day.contains(self.key(j)) {
            j += 1;
        }
        let (k, approx) = match self.phrase(&self.lex.approx, j, false) {
            Some((_, e, ())) => (e, true),
            None => (j, false),
        };
        let duration = self.duration(k, approx).map(|d| {
            let mut h = self.back_from_publication(i, prefix, d);
            h.since = true;
            h
        });
        let dated = self.plain_best(j, true, self.rules_at(j)).map(|inner| {
            let (from, to) = match (inner.from, self.published) {
                (Some(f), Some(p)) if p >= f => (Some(f), Some(p)),
                (Some(f), Some(_)) => (Some(f), inner.to),
                (f, _) => (f, None),
            };
            Hit { start: i, prefix, end: inner.end, from, to, kind: inner.kind, since: true, lookback: None }
        });
        longest([duration, dated])
    }

    /// A duration counted back from publication ("منذ خمس سنوات").
    fn back_from_publication(&self, start: usize, prefix: usize, d: Duration) -> Hit {
        let (Some(amount), Some(unit)) = (d.amount, lookback_unit(d.unit)) else {
            return Hit::vague(start, prefix, d.end);
        };
        let lookback = Lookback { amount, unit };
        let from = self.published.and_then(|p| lookback.before(p));
        let to = from.and(self.published);
        Hit {
            start,
            prefix,
            end: d.end,
            from,
            to,
            kind: DateKind::Duration,
            since: false,
            lookback: Some(lookback),
        }
    }

    /// A duration at `i`: "خمس سنوات", "11 عاما", "يومين", "أسابيع";
    /// `article_ok`: "الأسبوع" counts one (after an approximation word:
    /// "منذ نحو الأسبوع").
    fn duration(&self, i: usize, article_ok: bool) -> Option<Duration> {
        if let Some((v, e)) = self.count(i) {
            let form = self.lex.units.get(self.key(e))?;
            let amount = u32::try_from(v).ok().filter(|&v| v > 0);
            return Some(Duration { amount, unit: form.unit, end: e + 1 });
        }
        let w = self.key(i);
        let (form, with_article) = match self.lex.units.get(w) {
            Some(f) => (f, false),
            None if article_ok => (w.strip_prefix("ال").and_then(|s| self.lex.units.get(s))?, true),
            None => return None,
        };
        let amount = match (form.count, with_article) {
            (Count::One, _) => Some(1),
            (Count::Two, false) => Some(2),
            (Count::Plural, false) => None,
            _ => return None,
        };
        // "منذ يوم الجمعة", "قبل عام 2011": the unit word belongs to a date.
        if form.count == Count::One && self.starts_date_word(i + 1) {
            return None;
        }
        Some(Duration { amount, unit: form.unit, end: i + 1 })
    }

    /// Token `i` is a weekday, a month name or a number: what follows "يوم"
    /// or "عام" when they name a day or a year rather than count one.
    fn starts_date_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Digits)
            || self.lex.weekdays.contains_key(self.key(i))
            || self.phrase(&self.lex.months, i, false).is_some()
            || self.phrase(&self.lex.relative, i, false).is_some()
    }

    /// "قبل يومين", "قبل ثلاثة أيام": a point back from publication.
    fn ago(&self, i: usize) -> Option<Hit> {
        let (prefix, ()) = self.first(i, |w| self.lex.has_role(w, role::AGO).then_some(()))?;
        let (k, approx) = match self.phrase(&self.lex.approx, i + 1, false) {
            Some((_, e, ())) => (e, true),
            None => (i + 1, false),
        };
        let d = self.duration(k, approx)?;
        // "قبل يومين من الانتخابات": counted from another event.
        if self.plain_role(d.end, role::OF) {
            return Some(Hit::vague(i, prefix, d.end));
        }
        let (Some(amount), Some(unit)) = (d.amount, lookback_unit(d.unit)) else {
            return Some(Hit::vague(i, prefix, d.end));
        };
        let n = -i64::from(amount);
        let days = self.published.and_then(|p| {
            let back = shift(p, unit, n)?;
            match unit {
                LookbackUnit::Month => calendar::month_of(i64::from(back.year()), i64::from(back.month())),
                LookbackUnit::Year | LookbackUnit::Decade => calendar::year_of(i64::from(back.year())),
                _ => Some(calendar::day(back)),
            }
        });
        Some(Hit::new(i, prefix, d.end, days, DateKind::Relative))
    }

    /// "يوم" + a day: the word is kept in the span ("يوم الجمعة الماضية").
    fn with_day_word(&self, i: usize) -> Option<Hit> {
        let (prefix, ()) = self.first(i, |w| self.lex.has_role(w, role::DAY_WORD).then_some(()))?;
        let j = i + 1;
        let inner = longest([self.weekday(j), self.relative(j), self.calendar_date(j), self.holiday(j)])?;
        (inner.prefix == 0).then_some(Hit { start: i, prefix, ..inner })
    }

    /// A weekday, with its tense word ("الخميس الماضي").
    fn weekday(&self, i: usize) -> Option<Hit> {
        let (prefix, w) = self.first(i, |x| self.lex.weekdays.get(x).copied())?;
        let mut end = i + 1;
        let mut dir = None;
        if let Some(m) = self.modifier(end) {
            dir = match m {
                Modifier::Past | Modifier::Previous => Some(Direction::StrictlyBefore),
                Modifier::Next => Some(Direction::StrictlyAfter),
                Modifier::Current => Some(Direction::OnOrBefore),
                Modifier::Following => None,
            };
            if dir.is_some() {
                end += 1;
            }
        }
        if w.weak && dir.is_none() && !self.reads_as_weekday(i, prefix, end) {
            return None;
        }
        let dir = dir.unwrap_or_else(|| {
            if self.future_before(i) { Direction::OnOrAfter } else { Direction::OnOrBefore }
        });
        let days = self.published.and_then(|p| calendar::weekday_from(p, w.day, dir)).map(calendar::day);
        Some(Hit::new(i, prefix, end, days, DateKind::Weekday))
    }

    /// Whether "الاثنين"/"الأحد" at `i` is a weekday rather than a number:
    /// yes when set off as an adverb of time or after a day word, no after
    /// "كلا"/"هذين" or before "معا"/"الآخرين", and yes otherwise (news
    /// text uses them far more often as weekdays).
    fn reads_as_weekday(&self, i: usize, prefix: usize, next: usize) -> bool {
        let is_weekday = |j: usize| self.first(j, |x| self.lex.weekdays.get(x).copied()).is_some();
        let prev = i.checked_sub(1);
        let positive_before = match prev {
            None => true,
            Some(q) => {
                self.newline_before(i)
                    || sets_off(self.key(q))
                    || self.role_at(q, role::WEEKDAY_BEFORE)
                    || self.lex.time_of_day.contains(self.key(q))
                    || (prefix > 0 && is_weekday(q))
            }
        };
        let positive_after = next >= self.n
            || self.newline_before(next)
            || sets_off(self.key(next))
            || (self.key(next).starts_with('و') && is_weekday(next));
        if positive_before || positive_after {
            return true;
        }
        let negative = prev.is_some_and(|q| self.plain_role(q, role::WEEKDAY_NOT_BEFORE))
            || self.plain_role(next, role::WEEKDAY_NOT_AFTER);
        !negative
    }

    /// A future marker ("من المقرر", "سوف") shortly before `i` in its sentence.
    fn future_before(&self, i: usize) -> bool {
        let s = self.doc.sentence_of(i);
        let Some(sentence) = self.doc.sentences.get(s) else {
            return false;
        };
        let from = sentence.tokens.start.max(i.saturating_sub(FUTURE_WINDOW));
        (from..i).any(|q| self.role_at(q, role::FUTURE_MARKER))
    }

    /// A relative day ("أمس", "أول من أمس", "الليلة"), with the weekday it may
    /// name ("أمس الأحد", "اليوم (الاثنين)").
    fn relative(&self, i: usize) -> Option<Hit> {
        let (prefix, end, rel) = self.phrase(&self.lex.relative, i, true)?;
        if rel.unit == RelativeUnit::Day && rel.offset == 0 && !self.is_today(i, end) {
            return None;
        }
        let mut end = end;
        let mut weekday = None;
        if rel.unit == RelativeUnit::Day {
            if let Some(w) = self.lex.weekdays.get(self.key(end)) {
                weekday = Some(w.day);
                end += 1;
            } else if self.key(end) == "("
                && self.key(end + 2) == ")"
                && let Some(w) = self.lex.weekdays.get(self.key(end + 1))
            {
                weekday = Some(w.day);
                end += 3;
            }
        }
        let off = i64::from(rel.offset);
        let days = self.published.and_then(|p| match rel.unit {
            RelativeUnit::Day => {
                let target = calendar::add_days(p, off)?;
                let d = match weekday {
                    Some(w) => calendar::weekday_nearest(target, w)?,
                    None => target,
                };
                Some(calendar::day(d))
            }
            RelativeUnit::Night => Some((calendar::add_days(p, off - 1)?, calendar::add_days(p, off)?)),
        });
        Some(Hit::new(i, prefix, end, days, DateKind::Relative))
    }

    /// "اليوم" at `i..end` means today: not "ذلك اليوم", "اليوم نفسه", "اليوم
    /// الأول".
    fn is_today(&self, i: usize, end: usize) -> bool {
        !(i > 0 && self.plain_role(i - 1, role::TODAY_NOT_BEFORE)
            || self.plain_role(end, role::TODAY_NOT_AFTER)
            || self.phrase(&self.lex.ordinals, end, false).is_some())
    }

    /// "ليل الاثنين الثلاثاء" (both days), "ليل أمس" (yesterday): the night
    /// word is kept in the span.
    fn night(&self, i: usize) -> Option<Hit> {
        let (prefix, ()) = self.first(i, |w| self.lex.has_role(w, role::NIGHT_WORD).then_some(()))?;
        let j = i + 1;
        if let Some(w1) = self.lex.weekdays.get(self.key(j)) {
            let mut k = j + 1;
            if self.plain_role(k, role::RANGE_TO | role::NIGHT_TO) {
                k += 1;
            }
            let (_, w2) = self.first(k, |x| self.lex.weekdays.get(x).copied())?;
            if w2.day != (w1.day + 1) % 7 {
                return None;
            }
            let days = self.published.and_then(|p| {
                let d1 = calendar::weekday_from(p, w1.day, Direction::OnOrBefore)?;
                Some((d1, calendar::add_days(d1, 1)?))
            });
            return Some(Hit::new(i, prefix, k + 1, days, DateKind::Range));
        }
        let (_, end, rel) = self.phrase(&self.lex.relative, j, false)?;
        if rel.unit != RelativeUnit::Day || rel.offset >= 0 {
            return None;
        }
        let days =
            self.published.and_then(|p| calendar::add_days(p, i64::from(rel.offset))).map(calendar::day);
        Some(Hit::new(i, prefix, end, days, DateKind::Relative))
    }

    /// A feast day ("عيد الفطر", "عشية عيد الأم"), nearest to publication.
    fn holiday(&self, i: usize) -> Option<Hit> {
        let eve = self
            .first(i, |w| self.lex.has_role(w, role::EVE).then_some(()))
            .filter(|_| self.phrase(&self.lex.holidays, i + 1, false).is_some());
        let (prefix, end, h, shift_days) = match eve {
            Some((p, ())) => {
                let (_, end, h) = self.phrase(&self.lex.holidays, i + 1, false)?;
                (p, end, h, -1)
            }
            None => {
                let (p, end, h) = self.phrase(&self.lex.holidays, i, true)?;
                (p, end, h, 0)
            }
        };
        let days = self
            .published
            .and_then(|p| calendar::nearest_yearly(p, h.calendar, h.month, h.day))
            .and_then(|d| calendar::add_days(d, shift_days))
            .map(calendar::day);
        let kind = if h.calendar == Calendar::Hijri { DateKind::Hijri } else { DateKind::Calendar };
        Some(Hit::new(i, prefix, end, days, kind))
    }

    /// A year phrase after a month: "2018", "عام 2013", "من العام الماضي".
    fn year_part(&self, i: usize) -> Option<(YearSpec, usize)> {
        let mut j = i;
        if self.plain_role(j, role::OF) {
            j += 1;
        }
        let word = self.first(j, |w| self.lex.has_role(w, role::YEAR_WORD).then_some(())).is_some()
            || self.key(j) == "السنه";
        let k = if word { j + 1 } else { j };
        if let Some((y, e, _)) = self.year_number(k) {
            return Some((YearSpec::Known(y), e));
        }
        let is_year_noun = matches!(self.key(j), "العام" | "السنه");
        if is_year_noun && let Some(off) = self.modifier(j + 1).and_then(offset_of) {
            let spec = match self.published {
                Some(p) => YearSpec::Known(i64::from(p.year()) + off),
                None => YearSpec::Unresolved,
            };
            return Some((spec, j + 2));
        }
        None
    }

    /// A month name, its paired name ("شباط/فبراير", "مايو أيار"), a tense
    /// word and a year.
    fn month_expr(&self, i: usize, clitics: bool) -> Option<MonthExpr> {
        let (prefix, mut k, name) = self.phrase(&self.lex.months, i, clitics)?;
        let mut sure = false;
        let open = self.key(k) == "(";
        let p = if matches!(self.key(k), "/" | "-" | "(" | "،" | ",") { k + 1 } else { k };
        if let Some((_, e, other)) = self.phrase(&self.lex.months, p, false)
            && other.month == name.month
            && other.calendar == name.calendar
        {
            k = if open && self.key(e) == ")" { e + 1 } else { e };
            sure = true;
        }
        let mut tense = Tense::Latest;
        if let Some(t) = self.modifier(k).and_then(tense_of) {
            tense = t;
            k += 1;
            sure = true;
        }
        let mut year = YearSpec::Missing;
        if let Some((y, e)) = self.year_part(k) {
            year = y;
            k = e;
            sure = true;
        }
        if year == YearSpec::Missing && tense == Tense::Latest && self.future_before(i) {
            tense = Tense::Upcoming;
        }
        Some(MonthExpr {
            calendar: name.calendar,
            month: name.month,
            weak: name.weak,
            prefix,
            end: k,
            year,
            tense,
            sure,
        })
    }

    fn month_days(&self, m: &MonthExpr) -> Option<Days> {
        let month = m.month;
        match (m.calendar, m.year) {
            (_, YearSpec::Unresolved) => None,
            (Calendar::Gregorian, YearSpec::Known(y)) => calendar::month_of(y, i64::from(month)),
            (Calendar::Gregorian, YearSpec::Missing) => {
                let p = self.published?;
                calendar::month_of(calendar::year_of_month(p, month, m.tense), i64::from(month))
            }
            (Calendar::Hijri, YearSpec::Known(y)) => calendar::hijri_month(y, month),
            (Calendar::Hijri, YearSpec::Missing) => {
                let y = calendar::hijri_year_of(self.published?, month, None, m.tense)?;
                calendar::hijri_month(y, month)
            }
        }
    }

    /// A month on its own: "فبراير الماضي", "شهر مارس", "أغسطس/آب عام 2013".
    fn month(&self, i: usize) -> Option<Hit> {
        // After a day number the month belongs to the calendar rule, which
        // only leaves it when the pair is a name ("قوى 14 آذار").
        if i > 0 && self.digits(i - 1).is_some_and(|(_, len)| len <= 2) {
            return None;
        }
        let with_word = self
            .first(i, |w| self.lex.has_role(w, role::MONTH_WORD).then_some(()))
            .and_then(|(p, ())| self.month_expr(i + 1, false).map(|m| (p, m)));
        let (prefix, m) = match with_word {
            Some(found) => found,
            None => {
                let m = self.month_expr(i, true)?;
                let cued = i > 0 && self.role_at(i - 1, role::MONTH_CUE);
                if m.weak && !m.sure && !cued {
                    return None;
                }
                // "باب" is not ب + "آب": a weak name takes only a conjunction.
                if m.weak && !self.key(i)[..m.prefix].chars().all(|c| matches!(c, 'و' | 'ف')) {
                    return None;
                }
                (m.prefix, m)
            }
        };
        let kind = if m.calendar == Calendar::Hijri { DateKind::Hijri } else { DateKind::Month };
        Some(Hit::new(i, prefix, m.end, self.month_days(&m), kind))
    }

    /// "الشهر الجاري", "الشهر الماضي", or "الجاري" alone after a day number:
    /// (months from publication's, end).
    fn month_of_publication(&self, i: usize) -> Option<(i64, usize)> {
        if self.key(i) == "الشهر" {
            return Some((self.modifier(i + 1).and_then(offset_of)?, i + 2));
        }
        (self.modifier(i)? == Modifier::Current).then_some((0, i + 1))
    }

    /// A day of a month: "18 فبراير", "الـ18 من شباط الماضي", "الثامن من
    /// مارس", "4 إبريل 2017", "18 الجاري", and "18 و20 مارس" (a range).
    fn calendar_date(&self, i: usize) -> Option<Hit> {
        let (d1, prefix, j, ordinal) = self.day_of_month(i)?;
        let second = if ordinal { None } else { self.range_to_day(j) };
        let attempts = [second.map(|(d2, e)| (Some(d2), e)), Some((None, j))];
        let (d2, m, month_end) = attempts.into_iter().flatten().find_map(|(d2, after)| {
            let mut k = after;
            if self.plain_role(k, role::OF) {
                k += 1;
            } else if ordinal {
                // "الثامن من مارس"; without "من" an ordinal is rarely a day
                // ("قمة مجموعة العشرين الشهر المقبل")
                return None;
            }
            if self.plain_role(k, role::MONTH_WORD) {
                k += 1;
            }
            if let Some(m) = self.month_expr(k, false) {
                let end = m.end;
                return Some((d2, Ok(m), end));
            }
            self.month_of_publication(k).map(|(off, end)| (d2, Err(off), end))
        })?;
        let year_given = matches!(m, Ok(MonthExpr { year: YearSpec::Known(_), .. }));
        if !year_given && i > 0 && self.role_at(i - 1, role::CALENDAR_NAME_BEFORE) {
            return None;
        }
        let last_day = d2.unwrap_or(d1);
        let days = match m {
            Ok(m) => self.day_range_in_month(&m, d1, last_day),
            Err(off) => self.published.and_then(|p| {
                let first =
                    calendar::add_months(calendar::ymd(i64::from(p.year()), i64::from(p.month()), 1)?, off)?;
                let (y, mo) = (i64::from(first.year()), i64::from(first.month()));
                Some((calendar::ymd(y, mo, i64::from(d1))?, calendar::ymd(y, mo, i64::from(last_day))?))
            }),
        }
        .filter(|(a, b)| a <= b);
        let hijri = matches!(m, Ok(MonthExpr { calendar: Calendar::Hijri, .. }));
        let kind = match (d2, hijri) {
            (Some(_), _) => DateKind::Range,
            (None, true) => DateKind::Hijri,
            (None, false) => DateKind::Calendar,
        };
        Some(Hit::new(i, prefix, month_end, days, kind))
    }

    /// "و20", "- 20", "إلى 20" after a first day: (second day, end).
    fn range_to_day(&self, j: usize) -> Option<(u8, usize)> {
        if !self.plain_role(j, role::RANGE_TO) {
            return None;
        }
        let (v, len) = self.digits(j + 1)?;
        (len <= 2 && (1..=31).contains(&v)).then_some((v as u8, j + 2))
    }

    fn day_range_in_month(&self, m: &MonthExpr, d1: u8, d2: u8) -> Option<Days> {
        let month = m.month;
        let year = match (m.calendar, m.year) {
            (_, YearSpec::Unresolved) => return None,
            (_, YearSpec::Known(y)) => y,
            (Calendar::Gregorian, YearSpec::Missing) => {
                calendar::year_of_day(self.published?, month, d1, m.tense)
            }
            (Calendar::Hijri, YearSpec::Missing) => {
                calendar::hijri_year_of(self.published?, month, Some(d1), m.tense)?
            }
        };
        match m.calendar {
            Calendar::Gregorian => Some((
                calendar::ymd(year, i64::from(month), i64::from(d1))?,
                calendar::ymd(year, i64::from(month), i64::from(d2))?,
            )),
            Calendar::Hijri => {
                Some((calendar::from_hijri(year, month, d1)?, calendar::from_hijri(year, month, d2)?))
            }
        }
    }

    /// "2018 / 01 / 21", "21/1/2018", "2018-01-21", "21.1.2018".
    fn numeric_date(&self, i: usize) -> Option<Hit> {
        let (a, la) = self.digits(i)?;
        let sep = self.key(i + 1);
        if !matches!(sep, "/" | "-" | ".") || self.key(i + 3) != sep {
            return None;
        }
        if (i + 1..=i + 4).any(|j| self.newline_before(j) || (sep == "." && !self.glued(j))) {
            return None;
        }
        // a longer run of numbers ("1/2/3/4") is no date
        if self.key(i + 5) == sep && self.kind(i + 6) == Some(TokenKind::Digits) {
            return None;
        }
        if i >= 2 && self.key(i - 1) == sep && self.kind(i - 2) == Some(TokenKind::Digits) {
            return None;
        }
        let (b, lb) = self.digits_plain(i + 2)?;
        let (c, lc) = self.digits_plain(i + 4)?;
        let (y, m, d) = match (la, lb, lc) {
            (4, 1..=2, 1..=2) => (a, b, c),
            (1..=2, 1..=2, 4) => (c, b, a),
            _ => return None,
        };
        if !CUED_YEARS.contains(&y) {
            return None;
        }
        // "19/7/1436هـ"
        let suffix = self.plain_role(i + 5, role::HIJRI_SUFFIX);
        if suffix || HIJRI_LOOKING_YEARS.contains(&y) {
            let date = calendar::from_hijri(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)?;
            let end = if suffix { i + 6 } else { i + 5 };
            return Some(Hit::new(i, 0, end, Some(calendar::day(date)), DateKind::Hijri));
        }
        // a following "ميلادي" stays out, as in the gold ("2018 / 01 / 21 ميلادي")
        let date = calendar::ymd(y, m, d)?;
        Some(Hit::new(i, 0, i + 5, Some(calendar::day(date)), DateKind::Calendar))
    }

    /// A digit run read without the inner-separator check (the parts of a
    /// dotted date "21.1.2018" are glued by dots).
    fn digits_plain(&self, i: usize) -> Option<(i64, usize)> {
        if self.kind(i) != Some(TokenKind::Digits) || self.key(i).len() > MAX_DIGITS {
            return None;
        }
        Some((self.key(i).parse().ok()?, self.key(i).len()))
    }

    /// A year: "العام 2013", "عام 2013", "2018م", "1439 هـ", a bare year after
    /// a cue ("في 2013", "منذ 2012"), and ranges ("2007 - 2018", "بين عامي
    /// 2011 و2015").
    fn year(&self, i: usize, cued: bool) -> Option<Hit> {
        if let Some((prefix, ())) = self.first(i, |w| self.lex.has_role(w, role::YEAR_WORD).then_some(()))
            && let Some((y, e, era)) = self.year_number(i + 1)
        {
            return Some(self.year_hit(i, prefix, y, e, era, false));
        }
        let (y, e, era) = self.year_number(i)?;
        let prev = i.checked_sub(1);
        let strong = cued || era.is_some() || prev.is_some_and(|q| self.role_at(q, role::YEAR_CUE));
        let weak = BARE_YEARS.contains(&y)
            && prev.is_some_and(|q| self.role_at(q, role::YEAR_WEAK_CUE))
            && (self.kind(e) != Some(TokenKind::Arabic) || self.role_at(e, role::YEAR_FOLLOWER));
        if strong || weak {
            return Some(self.year_hit(i, 0, y, e, era, false));
        }
        // "2007 - 2018": a bare range of years
        let hit = self.year_hit(i, 0, y, e, era, true);
        (hit.kind == DateKind::Range && BARE_YEARS.contains(&y)).then_some(hit)
    }

    /// The hit of year `y` (tokens `i..e`), extended over a range tail
    /// ("- 2018", "و2012", "إلى عام 2015"); `dash_only`: only "-"/"/"
    /// connect (for bare years).
    fn year_hit(
        &self,
        i: usize,
        prefix: usize,
        y: i64,
        e: usize,
        era: Option<Calendar>,
        dash_only: bool,
    ) -> Hit {
        let hijri = era == Some(Calendar::Hijri) || era.is_none() && HIJRI_LOOKING_YEARS.contains(&y);
        let whole = |y: i64| if hijri { calendar::hijri_year(y) } else { calendar::year_of(y) };
        let connector = self.key(e);
        let connects = if dash_only {
            matches!(connector, "-" | "–" | "/")
        } else {
            self.plain_role(e, role::RANGE_TO)
        };
        if connects {
            let mut k = e + 1;
            if self.first(k, |w| self.lex.has_role(w, role::YEAR_WORD).then_some(())).is_some() {
                k += 1;
            }
            if let Some((y2, e2, era2)) = self.year_number(k)
                && y2 > y
                && y2 - y <= 200
                && (era2.is_none() || era2 == era)
                && (!dash_only || BARE_YEARS.contains(&y2))
            {
                let days = whole(y).zip(whole(y2)).map(|(a, b)| (a.0, b.1));
                return Hit::new(i, prefix, e2, days, DateKind::Range);
            }
        }
        let kind = if hijri { DateKind::Hijri } else { DateKind::Year };
        Hit::new(i, prefix, e, whole(y), kind)
    }

    /// "الشهر"/"العام"/"السنة"/"الأسبوع" (+ tense word) at `i`: (unit, offset,
    /// end); without a tense word the current one.
    fn period_noun(&self, i: usize) -> Option<(Unit, i64, usize)> {
        let (_, unit) = self.first(i, |w| {
            let form = self.lex.units.get(w.strip_prefix("ال")?)?;
            (form.count == Count::One && matches!(form.unit, Unit::Week | Unit::Month | Unit::Year))
                .then_some(form.unit)
        })?;
        match self.modifier(i + 1) {
            Some(m) => Some((unit, offset_of(m)?, i + 2)),
            None => Some((unit, 0, i + 1)),
        }
    }

    /// The days of a period noun `offset` units from publication's.
    fn period_days(&self, unit: Unit, offset: i64) -> Option<Days> {
        let p = self.published?;
        match unit {
            Unit::Day => calendar::add_days(p, offset).map(calendar::day),
            Unit::Week => calendar::week_of(p, offset),
            Unit::Month => {
                let d = calendar::add_months(
                    calendar::ymd(i64::from(p.year()), i64::from(p.month()), 1)?,
                    offset,
                )?;
                calendar::month_of(i64::from(d.year()), i64::from(d.month()))
            }
            Unit::Year => calendar::year_of(i64::from(p.year()).checked_add(offset)?),
            _ => None,
        }
    }

    /// A part of a period: "نهاية مارس", "مطلع العام الجاري", "نهاية العام
    /// 2016", "أوائل عام 2018".
    fn qualified(&self, i: usize) -> Option<Hit> {
        let (prefix, part) = self.first(i, |w| self.lex.qualifiers.get(w).copied())?;
        let mut j = i + 1;
        if self.plain_role(j, role::MONTH_WORD) {
            j += 1;
        }
        if let Some(m) = self.month_expr(j, false) {
            let days = self.month_days(&m).and_then(|d| calendar::part_of_month(d, part));
            let kind = if m.calendar == Calendar::Hijri { DateKind::Hijri } else { DateKind::Month };
            return Some(Hit::new(i, prefix, m.end, days, kind));
        }
        let j = i + 1;
        if let Some(y) = self.year(j, true).filter(|h| h.kind == DateKind::Year && h.prefix == 0) {
            let days = y.from.zip(y.to).and_then(|d| calendar::part_of_year(d, part));
            return Some(Hit::new(i, prefix, y.end, days, DateKind::Year));
        }
        let (unit, offset, end) = self.period_noun(j)?;
        let days = self.period_days(unit, offset).and_then(|d| match unit {
            Unit::Month => calendar::part_of_month(d, part),
            Unit::Year => calendar::part_of_year(d, part),
            _ => Some(d),
        });
        let kind = match unit {
            Unit::Month => DateKind::Month,
            Unit::Year => DateKind::Year,
            _ => DateKind::Relative,
        };
        Some(Hit::new(i, prefix, end, days, kind))
    }

    /// Periods named by a unit noun: "الأسبوع الماضي", "هذا العام", "اليوم
    /// السابق", "الشهرين الماضيين", "الأيام الثلاثة الماضية", "الـ24 ساعة
    /// الماضية"; and the vague "الأيام الماضية", "الفترة الأخيرة".
    fn unit_period(&self, i: usize) -> Option<Hit> {
        // "هذا الأسبوع"
        if let Some((prefix, ())) = self.first(i, |w| self.lex.has_role(w, role::THIS).then_some(()))
            && let Some((unit, 0, end)) = self.period_noun(i + 1)
            && self.modifier(i + 2).is_none()
            // "هذا العام 1436": the year rule reads the year
            && self.year_number(end).is_none()
        {
            return Some(Hit::new(i, prefix, end, self.period_days(unit, 0), DateKind::Relative));
        }
        // "الـ24 ساعة الماضية"
        if self.key(i) == "ال"
            && let Some((n, e)) = self.count(i)
            && let Some(form) = self.lex.units.get(self.key(e))
            && let Some(m) = self.modifier(e + 1)
        {
            return Some(self.counted_period(i, 0, e + 2, Some(n), form.unit, m));
        }
        let (prefix, form) = self.first(i, |w| self.lex.units.get(w.strip_prefix("ال")?).copied())?;
        if form.unit == Unit::Week
            && let Some(hit) = self.week_of_month(i, prefix)
        {
            return Some(hit);
        }
        match form.count {
            Count::One => {
                let m = self.modifier(i + 1)?;
                let end = i + 2;
                match (form.unit, offset_of(m)) {
                    (Unit::Vague, _) | (_, None) => Some(Hit::vague(i, prefix, end)),
                    (Unit::Day | Unit::Week | Unit::Month | Unit::Year, Some(off)) => {
                        Some(Hit::new(i, prefix, end, self.period_days(form.unit, off), DateKind::Relative))
                    }
                    _ => None,
                }
            }
            Count::Two => {
                let m = self.modifier(i + 1)?;
                Some(self.counted_period(i, prefix, i + 2, Some(2), form.unit, m))
            }
            Count::Plural => {
                let mut j = i + 1;
                let mut n = None;
                if let Some((v, e)) = self.count(j) {
                    n = Some(v);
                    j = e;
                }
                if self.plain_role(j, role::VAGUE_ADJECTIVE) {
                    j += 1;
                }
                let m = self.modifier(j)?;
                Some(self.counted_period(i, prefix, j + 1, n, form.unit, m))
            }
            Count::NeedsNumber => None,
        }
    }

    /// "الأسبوع الثاني من شباط", "الأسبوع الأخير من الشهر الماضي": the n-th
    /// seven days of a month (the last: its last seven), from "الأسبوع" at `i`.
    fn week_of_month(&self, i: usize, prefix: usize) -> Option<Hit> {
        let j = i + 1;
        let (nth, e) = match self.phrase(&self.lex.ordinals, j, false) {
            Some((_, e, d)) if d <= 5 => (Some(i64::from(d)), e),
            Some(_) => return None,
            None if self.modifier(j) == Some(Modifier::Past) && self.plain_role(j + 1, role::OF) => {
                (None, j + 1)
            }
            None => return None,
        };
        if !self.plain_role(e, role::OF) {
            return None;
        }
        let mut k = e + 1;
        if self.plain_role(k, role::MONTH_WORD) {
            k += 1;
        }
        let (month, end) = match self.month_expr(k, false) {
            Some(m) => (self.month_days(&m), m.end),
            None => {
                let (off, end) = self.month_of_publication(k)?;
                (self.period_days(Unit::Month, off), end)
            }
        };
        let days = month.and_then(|(first, last)| match nth {
            Some(n) => {
                let start = calendar::add_days(first, 7 * (n - 1))?;
                (start <= last).then_some((start, calendar::add_days(start, 6)?.min(last)))
            }
            None => Some((calendar::add_days(last, -6)?, last)),
        });
        Some(Hit::new(i, prefix, end, days, DateKind::Month))
    }

    /// The last (or next) `n` units from publication: a duration, or vague
    /// when `n` is unknown or the modifier does not point at publication.
    fn counted_period(
        &self,
        i: usize,
        prefix: usize,
        end: usize,
        n: Option<i64>,
        unit: Unit,
        m: Modifier,
    ) -> Hit {
        let (Some(n), Some(unit)) = (n.filter(|&n| n > 0), lookback_unit(unit)) else {
            return Hit::vague(i, prefix, end);
        };
        let days = match m {
            Modifier::Past | Modifier::Previous => {
                self.published.and_then(|p| Some((shift(p, unit, -n)?, p)))
            }
            Modifier::Next => self.published.and_then(|p| Some((p, shift(p, unit, n)?))),
            Modifier::Current | Modifier::Following => return Hit::vague(i, prefix, end),
        };
        Hit::new(i, prefix, end, days, DateKind::Duration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proclitic_readings_agree_with_the_reading_layer() {
        for w in ["وبالغوطه", "للمرصد", "وللغوطه", "فلل", "بل", "والامس", "ولعام", "كانون", "الغوطه", "و", ""]
        {
            let ours: Vec<(usize, String)> = proclitic_readings(w)
                .map(|(p, r, elided)| (p, if elided { format!("ال{r}") } else { r.to_string() }))
                .collect();
            let theirs: Vec<(usize, String)> = rasid_text::clitic::peels(w)
                .into_iter()
                .filter(|p| !p.prefix.is_empty())
                .map(|p| {
                    (
                        p.prefix.len(),
                        if p.elided_article { format!("ال{}", p.rest) } else { p.rest.to_string() },
                    )
                })
                .collect();
            assert_eq!(ours, theirs, "{w}");
        }
    }

    #[test]
    fn shifts_by_units() {
        let d: Date = "2018-03-20".parse().unwrap();
        assert_eq!(shift(d, LookbackUnit::Hour, -48), "2018-03-18".parse().ok());
        assert_eq!(shift(d, LookbackUnit::Week, -1), "2018-03-13".parse().ok());
        assert_eq!(shift(d, LookbackUnit::Month, -1), "2018-02-20".parse().ok());
        assert_eq!(shift(d, LookbackUnit::Decade, -1), "2008-03-20".parse().ok());
        assert_eq!(shift(d, LookbackUnit::Year, i64::MIN), None);
        assert_eq!(shift(d, LookbackUnit::Decade, i64::MIN), None);
    }
}
