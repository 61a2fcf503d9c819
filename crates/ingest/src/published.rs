//! Publication dates as the inputs write them, brought to ISO 8601.
//!
//! The extractor resolves relative dates ("أمس", "الخميس") against the
//! `YYYY-MM-DD` prefix of `published`, and the corpus filters on it, so a
//! date that is not ISO is as good as no date downstream. JSON inputs are
//! mostly ISO already; feeds and web pages also use RFC 2822 (`Tue, 20 Mar
//! 2018 07:33:24 +0200`) or Unix time. Those are converted; anything else is
//! kept as written (the caller decides what to do with it), never dropped
//! silently.

use jiff::Timestamp;
use jiff::civil::Date;

/// The `YYYY-MM-DD` part of a date or date-time, if it starts with a valid
/// calendar date.
pub fn date_part(s: &str) -> Option<String> {
    let s = s.trim();
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let shaped = b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    Date::strptime("%Y-%m-%d", d).ok().map(|x| x.to_string())
}

/// `published` as given, or in ISO 8601 when it was written another way
/// that can be read without guessing (RFC 2822, RFC 3339 with odd spacing,
/// Unix seconds). `None` for an empty value.
pub fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if date_part(s).is_some() {
        return Some(s.to_string());
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(s) {
        return Some(zoned.timestamp().to_string());
    }
    if (9..=11).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_digit())
        && let Some(t) = s.parse::<i64>().ok().and_then(|n| Timestamp::from_second(n).ok())
    {
        return Some(t.to_string());
    }
    // `2018/03/20` and `2018.03.20` are unambiguous (year first).
    let dashed: String = s.chars().take(10).map(|c| if c == '/' || c == '.' { '-' } else { c }).collect();
    if let Some(date) = date_part(&dashed) {
        return Some(date);
    }
    Some(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dates() {
        assert_eq!(date_part("2018-03-20T07:33:24+00:00").as_deref(), Some("2018-03-20"));
        assert_eq!(date_part("2018-02-30"), None);
        assert_eq!(date_part("soon"), None);
        assert_eq!(normalize(" 2018-03-11 ").as_deref(), Some("2018-03-11"));
        assert_eq!(normalize("Tue, 20 Mar 2018 07:33:24 +0200").as_deref(), Some("2018-03-20T05:33:24Z"));
        assert_eq!(normalize("1521531204").as_deref(), Some("2018-03-20T07:33:24Z"));
        assert_eq!(normalize("2018/03/20").as_deref(), Some("2018-03-20"));
        assert_eq!(normalize("الثلاثاء").as_deref(), Some("الثلاثاء"));
        assert_eq!(normalize("  "), None);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = date_part(&s);
            let _ = normalize(&s);
        }
    }
}
