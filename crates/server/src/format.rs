//! Numbers, bounds and dates as the pages show them.

use rasid_model::Approx;

/// A count with thousands separators: `1850` → `1,850`; fractions keep one
/// decimal (`2.5`). Non-finite values (never produced, but stored data is
/// data) print as `?`.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return "?".to_string();
    }
    let neg = v < 0.0;
    let a = v.abs();
    let whole = a.trunc();
    let frac = a - whole;
    let digits = format!("{whole:.0}");
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 3);
    if neg {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if frac >= 0.05 {
        let tenth = (frac * 10.0).round().min(9.0);
        out.push('.');
        out.push_str(&format!("{tenth:.0}"));
    }
    out
}

/// Parse a stored approximation name (`about`, `at_least` …).
pub fn approx_of(s: &str) -> Option<Approx> {
    Some(match s {
        "exact" => Approx::Exact,
        "about" => Approx::About,
        "at_least" => Approx::AtLeast,
        "at_most" => Approx::AtMost,
        "range" => Approx::Range,
        _ => return None,
    })
}

/// A value with its approximation as a compact sign: `~30`, `≥23`, `≤50`,
/// `1,500–2,000`.
pub fn claim(value: f64, low: Option<f64>, high: Option<f64>, approx: Option<Approx>) -> String {
    match approx {
        Some(Approx::About) => format!("~{}", number(value)),
        Some(Approx::AtLeast) => format!("≥{}", number(low.unwrap_or(value))),
        Some(Approx::AtMost) => format!("≤{}", number(high.unwrap_or(value))),
        Some(Approx::Range) => match (low, high) {
            (Some(l), Some(h)) => format!("{}–{}", number(l), number(h)),
            _ => format!("~{}", number(value)),
        },
        Some(Approx::Exact) | None => number(value),
    }
}

/// Bounds as `low – high`, open ends as `…`; `None` when both are open.
pub fn bounds(low: Option<f64>, high: Option<f64>) -> Option<String> {
    match (low, high) {
        (None, None) => None,
        (l, h) => Some(format!(
            "{} – {}",
            l.map(number).unwrap_or_else(|| "…".into()),
            h.map(number).unwrap_or_else(|| "…".into())
        )),
    }
}

/// A period `from – to` (one date when both ends agree); `None` when open.
pub fn period(from: Option<&str>, to: Option<&str>) -> Option<String> {
    match (from, to) {
        (None, None) => None,
        (Some(f), Some(t)) if f == t => Some(f.to_string()),
        (f, t) => Some(format!("{} – {}", f.unwrap_or("…"), t.unwrap_or("…"))),
    }
}

/// The `YYYY-MM-DD` day of a date or date-time string, if it is one.
pub fn day(s: &str) -> Option<jiff::civil::Date> {
    s.get(..10)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_separators() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1850.0), "1,850");
        assert_eq!(number(150000.0), "150,000");
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(f64::NAN), "?");
    }

    #[test]
    fn claims_show_their_approximation() {
        assert_eq!(claim(30.0, None, None, Some(Approx::About)), "~30");
        assert_eq!(claim(23.0, Some(23.0), None, Some(Approx::AtLeast)), "≥23");
        assert_eq!(claim(1750.0, Some(1500.0), Some(2000.0), Some(Approx::Range)), "1,500–2,000");
        assert_eq!(claim(27.0, None, None, None), "27");
    }

    #[test]
    fn periods_and_days() {
        assert_eq!(period(Some("2019-03-09"), Some("2019-03-09")).as_deref(), Some("2019-03-09"));
        assert_eq!(period(Some("2019-04-29"), None).as_deref(), Some("2019-04-29 – …"));
        assert_eq!(period(None, None), None);
        assert!(day("2019-03-09T18:20:00+02:00").is_some());
        assert!(day("2019-3-9").is_none());
        assert!(day("ثلاثاء").is_none());
    }
}
