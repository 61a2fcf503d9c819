//! Dates as whole days since 1970-01-01: the corpus's one time axis.
//!
//! The search index stores publication dates this way (date filters become integer range
//! queries over a fast field, independent of time zones: a report's publication date is a
//! civil date), stories compare days with it, and the web UI draws its date axes on it.

use jiff::civil::Date;

/// Days from 1970-01-01 to `date` (negative before it).
pub fn from_date(date: Date) -> i64 {
    // Howard Hinnant's days_from_civil, with March as the first month of the computing year.
    let (year, month, day) = (i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date `days` after 1970-01-01, or `None` outside jiff's range (years -9999..=9999).
pub fn to_date(days: i64) -> Option<Date> {
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_days() {
        assert_eq!(from_date(jiff::civil::date(1970, 1, 1)), 0);
        assert_eq!(from_date(jiff::civil::date(2018, 3, 15)), 17_605);
        assert_eq!(from_date(jiff::civil::date(1969, 12, 31)), -1);
        assert_eq!(to_date(17_605), Some(jiff::civil::date(2018, 3, 15)));
        assert_eq!(to_date(i64::MAX), None);
    }

    #[test]
    fn agrees_with_jiff_arithmetic() {
        let epoch = jiff::civil::date(1970, 1, 1);
        for date in
            [jiff::civil::date(2000, 2, 29), jiff::civil::date(1900, 3, 1), jiff::civil::date(2024, 12, 31)]
        {
            let span = epoch.until(date).map(|s| i64::from(s.get_days()));
            assert_eq!(span.ok(), Some(from_date(date)));
        }
    }

    proptest! {
        #[test]
        fn round_trips(days in -3_000_000i64..3_000_000) {
            if let Some(date) = to_date(days) {
                prop_assert_eq!(from_date(date), days);
            }
        }
    }
}
