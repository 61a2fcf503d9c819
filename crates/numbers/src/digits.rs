//! Digit runs and their separators: `5218`, `13.450`, `13,450`, `3.5`, `1 200`.
//!
//! rasid-text has already folded Eastern digits to ASCII and the Arabic
//! separators `٬`/`٫` to `,`/`.`, and split `13.450` into three tokens
//! (`13`, `.`, `450`) with no space between them. This module puts such a
//! chain back together and decides whether a separator groups thousands or
//! marks decimals.

use rasid_text::{Document, TokenKind};

/// One digit run (with its separators) read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct DigitRun {
    /// Token after the run.
    pub end: usize,
    /// The reading without a multiplier: `13.450` → 13450.
    pub value: f64,
    /// When one separator before exactly three digits could be either a
    /// thousands separator or a decimal point (`13.450`), the decimal
    /// reading (13.45). A following multiplier (`13.450 ألف`) selects it.
    pub decimal_alt: Option<f64>,
}

/// Value of an ASCII digit string, in f64 so that no length overflows
/// (a run of 400 digits gives infinity, which callers reject).
pub(crate) fn digits_value(s: &str) -> f64 {
    s.bytes().filter(u8::is_ascii_digit).fold(0.0, |v, b| v * 10.0 + f64::from(b - b'0'))
}

/// `int.frac` from two digit strings.
fn decimal(int: &str, frac: &str) -> f64 {
    let len = i32::try_from(frac.len()).unwrap_or(i32::MAX);
    digits_value(int) + digits_value(frac) / 10f64.powi(len)
}

fn is_separator(s: &str) -> bool {
    s == "." || s == ","
}

/// Read the digit run starting at token `j` (a `Digits` token).
pub(crate) fn read_run(doc: &Document, j: usize) -> DigitRun {
    let toks = &doc.tokens;
    let n = toks.len();
    let first = doc.key(j);
    // Glued separator chains: 13.450, 1,234,567, 1,234.5
    let mut k = j + 1;
    let mut seps: Vec<&str> = Vec::new();
    let mut groups: Vec<&str> = Vec::new();
    while k + 1 < n
        && toks[k].kind == TokenKind::Punct
        && is_separator(doc.key(k))
        && toks[k].glued()
        && toks[k + 1].kind == TokenKind::Digits
        && toks[k + 1].glued()
    {
        seps.push(doc.key(k));
        groups.push(doc.key(k + 1));
        k += 2;
    }
    if seps.is_empty() {
        return space_grouped(doc, j);
    }
    let lead_ok = first.len() <= 3 && !first.starts_with('0');
    if seps.len() == 1 {
        let g = groups[0];
        if g.len() == 3 && lead_ok {
            return DigitRun {
                end: k,
                value: digits_value(first) * 1000.0 + digits_value(g),
                decimal_alt: Some(decimal(first, g)),
            };
        }
        return DigitRun { end: k, value: decimal(first, g), decimal_alt: None };
    }
    // Several separators: thousands groups, possibly closed by a decimal part
    // written with the other separator ("1,234.5").
    let last = seps.len() - 1;
    let thousands_sep = seps[0];
    let inner_ok = seps[..last].iter().all(|s| *s == thousands_sep)
        && groups[..last].iter().all(|g| g.len() == 3)
        && lead_ok;
    if inner_ok {
        let int: f64 = groups[..last].iter().fold(digits_value(first), |v, g| v * 1000.0 + digits_value(g));
        if seps[last] == thousands_sep && groups[last].len() == 3 {
            return DigitRun { end: k, value: int * 1000.0 + digits_value(groups[last]), decimal_alt: None };
        }
        if seps[last] != thousands_sep {
            let len = i32::try_from(groups[last].len()).unwrap_or(i32::MAX);
            let frac = digits_value(groups[last]) / 10f64.powi(len);
            return DigitRun { end: k, value: int + frac, decimal_alt: None };
        }
    }
    // Not a number layout (a date "21.01.2018", a version): the first run alone.
    DigitRun { end: j + 1, value: digits_value(first), decimal_alt: None }
}

/// `1 200`, `12 345 678`: a run of one to three digits followed by groups of
/// exactly three digits, each after exactly one space on the same line.
fn space_grouped(doc: &Document, j: usize) -> DigitRun {
    let toks = &doc.tokens;
    let first = doc.key(j);
    let mut value = digits_value(first);
    let mut k = j + 1;
    if first.len() <= 3 && !first.starts_with('0') {
        while k < toks.len()
            && toks[k].kind == TokenKind::Digits
            && toks[k].space_before
            && !toks[k].newline_before
            && doc.key(k).len() == 3
            && toks[k].span.start == toks[k - 1].span.end + 1
        {
            value = value * 1000.0 + digits_value(doc.key(k));
            k += 1;
        }
    }
    DigitRun { end: k, value, decimal_alt: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> (f64, Option<f64>, usize) {
        let d = Document::new(t);
        let j = d.tokens.iter().position(|t| t.kind == TokenKind::Digits).expect("digits");
        let r = read_run(&d, j);
        (r.value, r.decimal_alt, r.end - j)
    }

    #[test]
    fn plain_and_eastern() {
        assert_eq!(run("قتل 5218 شخصا").0, 5218.0);
        assert_eq!(run("قتل ٥٢١٨ شخصا").0, 5218.0);
    }

    #[test]
    fn thousands_or_decimal() {
        assert_eq!(run("13.450 مدنيا"), (13450.0, Some(13.45), 3));
        assert_eq!(run("13,450 مدنيا"), (13450.0, Some(13.45), 3));
        assert_eq!(run("١٣٬٤٥٠ مدنيا"), (13450.0, Some(13.45), 3));
        assert_eq!(run("3.5 ألف"), (3.5, None, 3));
        assert_eq!(run("1,234,567 نسمة"), (1234567.0, None, 5));
        assert_eq!(run("1,234.5 طن"), (1234.5, None, 5));
    }

    #[test]
    fn dates_are_not_chains() {
        assert_eq!(run("21.01.2018").0, 21.0);
    }

    #[test]
    fn space_groups() {
        assert_eq!(run("نحو 1 200 شخص").0, 1200.0);
        assert_eq!(run("نحو 12 345 678 شخص").0, 12345678.0);
        // two spaces, or a four-digit head: not a grouping
        assert_eq!(run("عام 2018 200 شخص").0, 2018.0);
        assert_eq!(run("قتل 5  200").0, 5.0);
    }

    #[test]
    fn long_runs_do_not_overflow() {
        let v = digits_value("99999999999999999999999");
        assert!(v > 9.9e22 && v.is_finite());
        assert!(digits_value(&"9".repeat(400)).is_infinite());
    }
}
