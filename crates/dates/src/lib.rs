//! # rasid-dates: Arabic date mentions resolved against publication
//!
//! [`find_dates`] reads every date mention of a [`Document`] — weekdays
//! ("الخميس", "يوم الجمعة الماضية"), relative days ("أمس", "أول من أمس",
//! "قبل يومين", "الليلة"), relative periods ("الأسبوع الماضي", "الشهر
//! الماضي"), months in Levantine and Egyptian names and their doubled forms
//! ("شباط/فبراير", "مايو أيار"), calendar dates ("18 فبراير", "الثامن من
//! مارس", "2018 / 01 / 21"), years and year ranges ("العام 2013", "2007 -
//! 2018"), parts of periods ("نهاية العام 2016"), "منذ" periods and
//! durations, Hijri dates and a few feast days — and resolves each to an
//! inclusive range of days, using the article's publication date for
//! everything relative.
//!
//! The conventions are those of the syria-dev-40 gold (GUIDELINES §9):
//!
//! - a weekday is the latest such day on or before publication (with
//!   "الماضي" strictly before; with "المقبل", or after "من المقرر"/"سوف",
//!   the next one);
//! - a month or day without a year is the latest one not after publication's
//!   month ("الماضي": strictly before; "المقبل": strictly after; after a
//!   future marker such as "المقررة": the next one); a day up to 45 days
//!   after publication is read as still to come;
//! - years 1350–1500 without an era are Hijri ("عام 1436", "19/7/1436"),
//!   converted with the Umm al-Qura calendar like every Hijri date;
//! - weeks run Sunday to Saturday;
//! - "منذ X" starts at X and is closed at publication ([`DatePhrase::since`]
//!   tells the caller, who may close it at the date of the statement
//!   instead with [`DatePhrase::close_at`]); "منذ" + a duration counts back
//!   from publication, approximation words ("أكثر من", "نحو") notwithstanding;
//! - parts of periods: "مطلع/بداية" = days 1–10 or January, "منتصف" = days
//!   11–20 or June–July, "نهاية" = days 21–last or December; the plural
//!   "أوائل/أواخر" are not narrowed (GUIDELINES: "أوائل عام 2018" is the year);
//!   "الأسبوع الثاني من شباط" is days 8–14, "الأسبوع الأخير" the last seven;
//! - vague mentions ("الأيام الماضية", "منذ أسابيع", "قبل أيام") are kept with
//!   no dates;
//! - time-of-day words and separable clitics stay out of the span ("مساء
//!   السبت" → "السبت", "وأمس" → "أمس"), except "ليل" in a night that names its
//!   days ("ليل الاثنين الثلاثاء").
//!
//! All word lists live in `data/*.tsv` and are compiled once.

mod calendar;
mod grammar;
mod lexicon;

use jiff::civil::Date;
use rasid_model::{DateMention, Span};
use rasid_text::Document;
use std::ops::Range;

/// One date mention.
#[derive(Debug, Clone, PartialEq)]
pub struct DatePhrase {
    /// Token indices of the mention (the first token may carry a clitic left
    /// out of `span`).
    pub tokens: Range<usize>,
    /// Original character span (time-of-day words and separable clitics left
    /// out, per GUIDELINES).
    pub span: Span,
    /// First day, inclusive; `None` when unresolvable or vague.
    pub from: Option<Date>,
    /// Last day, inclusive; `None` when unresolvable or vague.
    pub to: Option<Date>,
    pub kind: DateKind,
    /// For `منذ X`: the mention starts an open period ("since"), closed here at
    /// publication; the caller may close it at a statement's date instead
    /// ([`DatePhrase::close_at`]).
    pub since: bool,
    /// For a duration counted back ("منذ خمس سنوات", "منذ شهر"): how far back
    /// from the closing day `from` lies.
    pub lookback: Option<Lookback>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// الخميس، يوم الجمعة الماضية
    Weekday,
    /// أمس، اليوم، أول أمس، الليلة، قبل يومين، الأسبوع الماضي، الشهر الماضي
    Relative,
    /// 18 شباط 2018، الثامن من مارس، 2018 / 01 / 21، عيد الأم
    Calendar,
    /// فبراير الماضي، أغسطس/آب 2013، نهاية مارس
    Month,
    /// العام 2013، نهاية العام 2016
    Year,
    /// ليل الاثنين الثلاثاء، 2007 - 2018، بين 18 و20 مارس
    Range,
    /// منذ خمس سنوات، الأيام الثلاثة الماضية
    Duration,
    /// الأيام التالية، منذ أسابيع: from/to None
    Vague,
    /// 15 رمضان 1439، 1439 هـ، عيد الفطر
    Hijri,
}

/// A length of time counted back from the day a period is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lookback {
    pub amount: u32,
    pub unit: LookbackUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LookbackUnit {
    /// Whole days of it count (48 hours = 2 days).
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
}

impl Lookback {
    /// The day `self` before `at`; `None` outside jiff's range.
    pub fn before(&self, at: Date) -> Option<Date> {
        grammar::shift(at, self.unit, -i64::from(self.amount))
    }
}

impl DatePhrase {
    /// Close an open period at `at` (the date of the statement that says it)
    /// instead of publication: `to` becomes `at`, and a duration counted back
    /// is counted back from `at`. Does nothing to mentions that are not
    /// `since`, to vague ones, or when the start is unknown or after `at`.
    pub fn close_at(&mut self, at: Date) {
        if !self.since || self.kind == DateKind::Vague {
            return;
        }
        if let Some(back) = self.lookback {
            self.from = back.before(at);
        }
        // an unknown start stays unknown: no half-open period is made up
        if self.from.is_some_and(|f| f <= at) {
            self.to = Some(at);
        }
    }

    /// The mention in the contract's shape (`rasid.extraction/1`).
    pub fn to_mention(&self, doc: &Document) -> DateMention {
        DateMention {
            span: self.span,
            text: doc.slice(self.span).to_string(),
            from: self.from.map(|d| d.to_string()),
            to: self.to.map(|d| d.to_string()),
        }
    }
}

/// Every date mention of the document, in order, non-overlapping. `published` is the article's publication
/// date; without it relative mentions keep from/to None (absolute ones still resolve).
pub fn find_dates(doc: &Document, published: Option<Date>) -> Vec<DatePhrase> {
    grammar::Reader::new(doc, published).find_all()
}

/// Convenience for callers holding a "YYYY-MM-DD" string. A date-time
/// ("2018-03-17T15:23:32+04:00", "2015-08-03 20:57:30") gives its date part,
/// as written (no time-zone conversion).
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let b = head.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: Range<usize>| -> Option<i64> {
        let part = head.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) { part.parse().ok() } else { None }
    };
    calendar::ymd(num(0..4)?, num(5..7)?, num(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso_date("2018-03-17"), "2018-03-17".parse().ok());
        assert_eq!(parse_iso_date("2018-03-17T15:23:32+04:00"), "2018-03-17".parse().ok());
        assert_eq!(parse_iso_date(" 2015-08-03 20:57:30"), "2015-08-03".parse().ok());
        assert_eq!(parse_iso_date("2018-02-30"), None);
        assert_eq!(parse_iso_date("2018-3-17"), None);
        assert_eq!(parse_iso_date("2018-03-17x"), None);
        assert_eq!(parse_iso_date("٢٠١٨-٠٣-١٧"), None);
        assert_eq!(parse_iso_date(""), None);
    }

    #[test]
    fn close_at_a_statement_date() {
        let doc = Document::new("قتل 20 شخصا منذ 18 شباط/فبراير الماضي.");
        let pubd: Date = "2018-03-11".parse().unwrap();
        let mut d = find_dates(&doc, Some(pubd)).remove(0);
        assert!(d.since);
        assert_eq!(d.to, Some(pubd));
        d.close_at("2018-03-10".parse().unwrap());
        assert_eq!((d.from, d.to), ("2018-02-18".parse().ok(), "2018-03-10".parse().ok()));

        let doc = Document::new("يحاصر الجيش المدينة منذ أكثر من خمس سنوات");
        let mut d = find_dates(&doc, Some(pubd)).remove(0);
        assert_eq!(d.from, "2013-03-11".parse().ok());
        d.close_at("2018-01-01".parse().unwrap());
        assert_eq!((d.from, d.to), ("2013-01-01".parse().ok(), "2018-01-01".parse().ok()));
    }
}
