//! Byte sizes on the command line (`10MiB`, `512K`, `1048576`).

/// The default `--max-article-bytes`: 10 MiB. Real news articles are a few
/// kilobytes; anything this big is a scraping accident or hostile input, and
/// refusing it keeps memory bounded.
pub const DEFAULT_MAX_ARTICLE_BYTES: u64 = 10 * 1024 * 1024;

/// The largest size accepted at all, so arithmetic on sizes cannot overflow.
const MAX_SIZE: u64 = 1 << 40;

/// Parse a size: a whole number with an optional unit, case-insensitive.
/// `K`/`M`/`G` and `KiB`/`MiB`/`GiB` are powers of 1024, `KB`/`MB`/`GB` powers
/// of 1000, `B` or nothing is bytes.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits_end);
    if number.is_empty() {
        return Err(format!("'{s}' is not a size: expected a number of bytes, e.g. 10MiB or 1048576"));
    }
    let number: u64 = number.parse().map_err(|_| format!("'{s}' is too large"))?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        other => return Err(format!("'{s}': unknown unit '{other}' (use B, KiB, MiB, GiB, KB, MB or GB)")),
    };
    match number.checked_mul(multiplier) {
        Some(0) => Err("the size must be at least 1 byte".to_string()),
        Some(n) if n <= MAX_SIZE => Ok(n),
        _ => Err(format!("'{s}' is too large (at most 1 TiB)")),
    }
}

/// A size for people: `10 MiB`, `1.5 KiB`, `17 bytes`.
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MiB"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("10m"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_size("2 KB"), Ok(2000));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert!(parse_size("").is_err());
        assert!(parse_size("MiB").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("10 parsecs").is_err());
        assert!(parse_size("99999999999999999999999").is_err());
        assert!(parse_size("2000GiB").is_err());
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human(17), "17 bytes");
        assert_eq!(human(10 * 1024 * 1024), "10 MiB");
        assert_eq!(human(1536), "1.5 KiB");
    }

    proptest! {
        #[test]
        fn parse_size_never_panics(s in ".{0,24}") {
            if let Ok(n) = parse_size(&s) {
                prop_assert!((1..=MAX_SIZE).contains(&n));
            }
        }

        #[test]
        fn plain_numbers_are_bytes(n in 1u64..=MAX_SIZE) {
            prop_assert_eq!(parse_size(&n.to_string()), Ok(n));
        }
    }
}
