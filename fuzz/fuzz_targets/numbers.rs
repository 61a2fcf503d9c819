//! Fuzz the number reader: `rasid_numbers::find_numbers` on any text must not
//! panic, and every phrase must be ordered, inside the text, with finite
//! values and bounds around the value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_text::Document;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::new(&text);
    let chars = text.chars().count();
    let mut last_end = 0;
    for p in rasid_numbers::find_numbers(&doc) {
        assert!(p.span.start < p.span.end && p.span.end <= chars, "span {:?}", p.span);
        assert!(p.span.start >= last_end, "phrases overlap");
        last_end = p.span.end;
        assert!(p.tokens.start < p.tokens.end && p.tokens.end <= doc.tokens.len());
        assert!(p.value.is_finite());
        if let (Some(l), Some(h)) = (p.low, p.high) {
            assert!(l <= p.value && p.value <= h, "{l} <= {} <= {h}", p.value);
        }
    }
});
