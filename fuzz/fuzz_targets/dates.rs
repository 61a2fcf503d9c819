//! Fuzz the date reader: `rasid_dates::find_dates` on any text and any
//! publication date must not panic; mentions are ordered, inside the text,
//! and `from <= to`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_text::Document;

fuzz_target!(|data: &[u8]| {
    let (date_bytes, rest) = data.split_at(data.len().min(3));
    // the first bytes choose a publication date, anywhere in 1900–2155, or none
    let published = match date_bytes {
        [y, m, d] => jiff::civil::Date::new(1900 + *y as i16, 1 + (m % 12) as i8, 1 + (d % 28) as i8).ok(),
        _ => None,
    };
    let text = String::from_utf8_lossy(rest);
    let doc = Document::new(&text);
    let chars = text.chars().count();
    let mut last_end = 0;
    for d in rasid_dates::find_dates(&doc, published) {
        assert!(d.span.start < d.span.end && d.span.end <= chars, "span {:?}", d.span);
        assert!(d.span.start >= last_end, "mentions overlap");
        last_end = d.span.end;
        if let (Some(f), Some(t)) = (d.from, d.to) {
            assert!(f <= t, "{f} > {t}");
        }
    }
});
