//! # rasid-stories: one episode, many reports
//!
//! (crate docs written at the end)

pub mod cluster;
pub mod dup;
pub mod hash;
pub mod ledger;
pub mod places;
pub mod terms;

pub use cluster::{Candidate, Clusterer, NamedCount, Params, Prepared, Story, StoryId, StoryInput, prepare};
pub use dup::{DupIndex, Fingerprint, fingerprint, fingerprint_document};
pub use ledger::{Claim, Copy, Ledger, LedgerArticle, Row, ledger};

/// Days since 1970-01-01 of a civil date: the time axis of stories.
pub fn day_number(date: jiff::civil::Date) -> i32 {
    // Howard Hinnant's days_from_civil.
    let (y, m, d) = (i32::from(date.year()), i32::from(date.month()), i32::from(date.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a `published` string: `YYYY-MM-DD` or an ISO date-time
/// starting with one (the time and offset are ignored: the story axis is
/// the day the outlet dated it).
pub fn parse_published(s: &str) -> Option<jiff::civil::Date> {
    s.trim().get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(jiff::civil::date(1970, 1, 1)), 0);
        assert_eq!(day_number(jiff::civil::date(2018, 4, 7)) - day_number(jiff::civil::date(2018, 3, 31)), 7);
        assert_eq!(day_number(jiff::civil::date(1969, 12, 31)), -1);
    }

    #[test]
    fn published_strings() {
        assert_eq!(parse_published("2018-03-20T07:33:24+00:00"), Some(jiff::civil::date(2018, 3, 20)));
        assert_eq!(parse_published("2017-12-27"), Some(jiff::civil::date(2017, 12, 27)));
        assert_eq!(parse_published("غدا"), None);
        assert_eq!(parse_published(""), None);
    }
}
