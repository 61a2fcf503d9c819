//! Fuzz the reading layer: `rasid_text::Document::new` on any text must not
//! panic, and every span it reports must point into the original text, in
//! order, with sentences partitioning the tokens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rasid_text::Document;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = Document::new(&text);
    let chars = text.chars().count();
    assert_eq!(doc.char_len(), chars);
    for (i, token) in doc.tokens.iter().enumerate() {
        assert!(token.span.start < token.span.end, "empty token span {token:?}");
        assert!(token.span.end <= chars, "token past the end {token:?}");
        assert!(!doc.key(i).is_empty(), "empty token key {token:?}");
        assert!(!doc.slice(token.span).is_empty());
        if i > 0 {
            let prev = &doc.tokens[i - 1];
            // Ordered; overlapping only on one original character that NFKC
            // expands into several tokens: '¼' -> "1⁄4", or 'ﷻ' -> "جل جلاله",
            // whose first word glues to a letter before it ("ھﷻ").
            assert!(prev.span.start <= token.span.start && prev.span.end <= token.span.end, "out of order");
            let overlap = prev.span.end.saturating_sub(token.span.start);
            assert!(
                overlap <= 1 || prev.span.start == token.span.start,
                "tokens overlap on {overlap} characters"
            );
        }
    }
    let mut next = 0;
    for sentence in &doc.sentences {
        assert!(sentence.span.start < sentence.span.end && sentence.span.end <= chars);
        assert_eq!(sentence.tokens.start, next, "sentences must partition the tokens");
        assert!(sentence.tokens.start < sentence.tokens.end);
        next = sentence.tokens.end;
    }
    assert_eq!(next, doc.tokens.len());
});
