//! Date arithmetic that never panics.
//!
//! Every function returns `None` where jiff or ICU would fail (years outside
//! -9999..=9999, invalid days): publication dates come from untrusted
//! metadata and numbers from untrusted text, so nothing here may assume a
//! sane range.

use icu_calendar::cal::Hijri;
use jiff::civil::Date;

/// An inclusive range of days.
pub(crate) type Days = (Date, Date);

pub(crate) fn ymd(year: i64, month: i64, day: i64) -> Option<Date> {
    let y = i16::try_from(year).ok()?;
    let m = i8::try_from(month).ok()?;
    let d = i8::try_from(day).ok()?;
    Date::new(y, m, d).ok()
}

pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_days(n).ok()?).ok()
}

pub(crate) fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_months(n).ok()?).ok()
}

pub(crate) fn add_years(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().try_years(n).ok()?).ok()
}

pub(crate) fn day(d: Date) -> Days {
    (d, d)
}

pub(crate) fn month_of(year: i64, month: i64) -> Option<Days> {
    let first = ymd(year, month, 1)?;
    Some((first, first.last_of_month()))
}

pub(crate) fn year_of(year: i64) -> Option<Days> {
    Some((ymd(year, 1, 1)?, ymd(year, 12, 31)?))
}

/// 0 = Sunday … 6 = Saturday.
pub(crate) fn weekday_index(d: Date) -> i64 {
    i64::from(d.weekday().to_sunday_zero_offset())
}

/// The week (Sunday to Saturday) `offset` weeks from the one holding `d`.
pub(crate) fn week_of(d: Date, offset: i64) -> Option<Days> {
    let sunday = add_days(d, -weekday_index(d))?;
    let start = add_days(sunday, offset.checked_mul(7)?)?;
    Some((start, add_days(start, 6)?))
}

/// Which occurrence of a weekday relative to a reference day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// The reference day itself if it is that weekday, else the last one before.
    OnOrBefore,
    StrictlyBefore,
    OnOrAfter,
    StrictlyAfter,
}

pub(crate) fn weekday_from(reference: Date, weekday: u8, dir: Direction) -> Option<Date> {
    let w = i64::from(weekday);
    let r = weekday_index(reference);
    let back = (r - w).rem_euclid(7);
    let fwd = (w - r).rem_euclid(7);
    let delta = match dir {
        Direction::OnOrBefore => -back,
        Direction::StrictlyBefore => -(if back == 0 { 7 } else { back }),
        Direction::OnOrAfter => fwd,
        Direction::StrictlyAfter => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
    };
    add_days(reference, delta)
}

/// The day of the given weekday nearest to `target` (ties go back in time).
pub(crate) fn weekday_nearest(target: Date, weekday: u8) -> Option<Date> {
    let w = i64::from(weekday);
    let r = weekday_index(target);
    let back = (r - w).rem_euclid(7);
    let delta = if back <= 3 { -back } else { 7 - back };
    add_days(target, delta)
}

/// Which year a month (or a day of a month) without a year falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// The most recent one not after publication (this month included).
    Latest,
    /// Strictly before publication's month (or day, for a day).
    Past,
    /// The one holding publication.
    Current,
    /// Strictly after publication's month (or day).
    Next,
    /// Not before publication's month (or day): said of something planned.
    Upcoming,
}

/// A day of a month without a year up to this many days after publication
/// is read as still to come ("في 5 أبريل" in a 28 March article) rather
/// than as almost a year back.
const FORWARD_DAYS: i32 = 45;

/// The Gregorian year of month `month` as seen from `published`.
pub(crate) fn year_of_month(published: Date, month: u8, tense: Tense) -> i64 {
    let y = i64::from(published.year());
    let m = published.month();
    let month = i8::try_from(month).unwrap_or(i8::MAX);
    match tense {
        Tense::Latest | Tense::Current => {
            if month <= m {
                y
            } else {
                y - 1
            }
        }
        Tense::Past => {
            if month < m {
                y
            } else {
                y - 1
            }
        }
        Tense::Next => {
            if month > m {
                y
            } else {
                y + 1
            }
        }
        Tense::Upcoming => {
            if month >= m {
                y
            } else {
                y + 1
            }
        }
    }
}

/// The Gregorian year of day `day` of month `month` as seen from `published`.
/// Without a tense word a date of publication's month is in publication's
/// year even when it is still to come ("في 25 مارس" in a March article), and
/// so is a date up to [`FORWARD_DAYS`] ahead.
pub(crate) fn year_of_day(published: Date, month: u8, day: u8, tense: Tense) -> i64 {
    let y = i64::from(published.year());
    let key = (i16::from(month), i16::from(day));
    let now = (i16::from(published.month()), i16::from(published.day()));
    let soon = || {
        ymd(y, i64::from(month), i64::from(day))
            .and_then(|c| published.until(c).ok())
            .is_some_and(|s| s.get_days() <= FORWARD_DAYS)
    };
    match tense {
        Tense::Latest | Tense::Current => {
            if key.0 <= now.0 || soon() {
                y
            } else {
                y - 1
            }
        }
        Tense::Upcoming => {
            if key >= now {
                y
            } else {
                y + 1
            }
        }
        Tense::Past => {
            if key < now {
                y
            } else {
                y - 1
            }
        }
        Tense::Next => {
            if key > now {
                y
            } else {
                y + 1
            }
        }
    }
}

/// Part of a month: days 1-10, 11-20 or 21-last.
pub(crate) fn part_of_month((first, last): Days, part: crate::lexicon::Part) -> Option<Days> {
    use crate::lexicon::Part;
    match part {
        Part::Whole => Some((first, last)),
        Part::Start => Some((first, add_days(first, 9)?)),
        Part::Mid => Some((add_days(first, 10)?, add_days(first, 19)?)),
        Part::End => Some((add_days(first, 20)?, last)),
    }
}

/// Part of a year: January, June-July or December.
pub(crate) fn part_of_year((first, last): Days, part: crate::lexicon::Part) -> Option<Days> {
    use crate::lexicon::Part;
    let y = i64::from(first.year());
    match part {
        Part::Whole => Some((first, last)),
        Part::Start => month_of(y, 1),
        Part::Mid => Some((ymd(y, 6, 1)?, ymd(y, 7, 31)?)),
        Part::End => month_of(y, 12),
    }
}

/// The Hijri years ICU's Umm al-Qura tables and our own sanity accept.
const HIJRI_YEARS: std::ops::RangeInclusive<i32> = 1..=2000;

/// A Hijri (Umm al-Qura) date as a Gregorian one.
pub(crate) fn from_hijri(year: i64, month: u8, day: u8) -> Option<Date> {
    let year = i32::try_from(year).ok().filter(|y| HIJRI_YEARS.contains(y))?;
    let h =
        icu_calendar::Date::try_new_hijri_with_calendar(year, month, day, Hijri::new_umm_al_qura()).ok()?;
    let iso = h.to_calendar(icu_calendar::Iso);
    ymd(
        i64::from(iso.year().extended_year()),
        i64::from(iso.month().ordinal),
        i64::from(iso.day_of_month().0),
    )
}

/// The number of days of a Hijri month.
fn hijri_month_len(year: i64, month: u8) -> Option<u8> {
    let year = i32::try_from(year).ok().filter(|y| HIJRI_YEARS.contains(y))?;
    let h = icu_calendar::Date::try_new_hijri_with_calendar(year, month, 1, Hijri::new_umm_al_qura()).ok()?;
    Some(h.days_in_month())
}

/// A whole Hijri month as Gregorian days.
pub(crate) fn hijri_month(year: i64, month: u8) -> Option<Days> {
    let len = hijri_month_len(year, month)?;
    Some((from_hijri(year, month, 1)?, from_hijri(year, month, len)?))
}

/// A whole Hijri year as Gregorian days.
pub(crate) fn hijri_year(year: i64) -> Option<Days> {
    Some((hijri_month(year, 1)?.0, hijri_month(year, 12)?.1))
}

/// A Gregorian date as Hijri (year, month, day); `None` far outside the
/// years news is written in.
pub(crate) fn to_hijri(d: Date) -> Option<(i64, u8, u8)> {
    if !(1000..=3000).contains(&d.year()) {
        return None;
    }
    let iso = icu_calendar::Date::try_new_iso(
        i32::from(d.year()),
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()?;
    let h = iso.to_calendar(Hijri::new_umm_al_qura());
    Some((i64::from(h.year().extended_year()), h.month().ordinal, h.day_of_month().0))
}

/// The Hijri year of Hijri month (and day) as seen from `published`, like
/// [`year_of_day`] for the Gregorian calendar.
pub(crate) fn hijri_year_of(published: Date, month: u8, day: Option<u8>, tense: Tense) -> Option<i64> {
    let (hy, hm, hd) = to_hijri(published)?;
    let key = (month, day.unwrap_or(1));
    let now = (hm, hd);
    Some(match tense {
        Tense::Latest | Tense::Current => {
            if month <= hm {
                hy
            } else {
                hy - 1
            }
        }
        Tense::Past => {
            if day.is_some() && key < now || day.is_none() && month < hm {
                hy
            } else {
                hy - 1
            }
        }
        Tense::Next => {
            if day.is_some() && key > now || day.is_none() && month > hm {
                hy
            } else {
                hy + 1
            }
        }
        Tense::Upcoming => {
            if day.is_some() && key >= now || day.is_none() && month >= hm {
                hy
            } else {
                hy + 1
            }
        }
    })
}

/// The occurrence of a yearly day nearest to `published`.
pub(crate) fn nearest_yearly(
    published: Date,
    calendar: crate::lexicon::Calendar,
    month: u8,
    day: u8,
) -> Option<Date> {
    use crate::lexicon::Calendar;
    let candidates: Vec<Date> = match calendar {
        Calendar::Gregorian => {
            let y = i64::from(published.year());
            (y - 1..=y + 1).filter_map(|y| ymd(y, i64::from(month), i64::from(day))).collect()
        }
        Calendar::Hijri => {
            let (hy, _, _) = to_hijri(published)?;
            (hy - 1..=hy + 1).filter_map(|y| from_hijri(y, month, day)).collect()
        }
    };
    candidates
        .into_iter()
        .min_by_key(|c| published.until(*c).map(|s| s.get_days().unsigned_abs()).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn weekdays_around_a_reference() {
        // 2018-03-20 is a Tuesday.
        let tue = d("2018-03-20");
        assert_eq!(weekday_from(tue, 2, Direction::OnOrBefore), Some(tue));
        assert_eq!(weekday_from(tue, 2, Direction::StrictlyBefore), Some(d("2018-03-13")));
        assert_eq!(weekday_from(tue, 0, Direction::OnOrBefore), Some(d("2018-03-18")));
        assert_eq!(weekday_from(tue, 0, Direction::OnOrAfter), Some(d("2018-03-25")));
        assert_eq!(weekday_from(tue, 2, Direction::StrictlyAfter), Some(d("2018-03-27")));
        assert_eq!(weekday_nearest(tue, 1), Some(d("2018-03-19")));
        assert_eq!(weekday_nearest(tue, 5), Some(d("2018-03-23")));
    }

    #[test]
    fn weeks_run_sunday_to_saturday() {
        assert_eq!(week_of(d("2018-03-20"), -1), Some((d("2018-03-11"), d("2018-03-17"))));
        assert_eq!(week_of(d("2018-03-25"), 0), Some((d("2018-03-25"), d("2018-03-31"))));
    }

    #[test]
    fn months_without_a_year() {
        let p = d("2015-08-04");
        assert_eq!(year_of_month(p, 5, Tense::Latest), 2015);
        assert_eq!(year_of_month(p, 8, Tense::Latest), 2015);
        assert_eq!(year_of_month(p, 8, Tense::Past), 2014);
        assert_eq!(year_of_month(p, 11, Tense::Latest), 2014);
        assert_eq!(year_of_month(p, 11, Tense::Next), 2015);
        assert_eq!(year_of_day(p, 8, 25, Tense::Latest), 2015);
        assert_eq!(year_of_day(p, 8, 1, Tense::Past), 2015);
        assert_eq!(year_of_day(p, 8, 25, Tense::Past), 2014);
        assert_eq!(year_of_day(p, 9, 10, Tense::Latest), 2015, "within the forward window");
        assert_eq!(year_of_day(p, 10, 10, Tense::Latest), 2014);
        assert_eq!(year_of_day(p, 7, 10, Tense::Upcoming), 2016);
        assert_eq!(year_of_month(p, 6, Tense::Upcoming), 2016);
        assert_eq!(year_of_month(p, 8, Tense::Upcoming), 2015);
    }

    #[test]
    fn hijri_round_trip() {
        // 2 Jumada al-Akhirah 1439 = 18 February 2018 (Umm al-Qura).
        assert_eq!(from_hijri(1439, 6, 2), Some(d("2018-02-18")));
        assert_eq!(to_hijri(d("2018-02-18")), Some((1439, 6, 2)));
        let (a, b) = hijri_month(1439, 9).unwrap();
        assert_eq!(a, d("2018-05-16"));
        assert!(b > a);
        assert_eq!(from_hijri(99999, 1, 1), None);
    }

    #[test]
    fn arithmetic_at_the_edges_is_none_not_a_panic() {
        let max = Date::MAX;
        let min = Date::MIN;
        assert_eq!(add_days(max, 1), None);
        assert_eq!(add_years(min, -1), None);
        assert_eq!(week_of(max, 1), None);
        assert_eq!(weekday_from(min, 0, Direction::StrictlyBefore), None);
        assert_eq!(ymd(40000, 1, 1), None);
        assert_eq!(nearest_yearly(max, crate::lexicon::Calendar::Gregorian, 12, 25), Some(d("9999-12-25")));
        assert_eq!(nearest_yearly(max, crate::lexicon::Calendar::Hijri, 10, 1), None);
    }
}
