//! Property tests: no input crashes the reading layer, and offsets always
//! point back into the original text at the characters that were folded.

use proptest::prelude::*;
use rasid_text::{Document, Folded, key};

fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            'ا', 'أ', 'ل', 'غ', 'و', 'ط', 'ة', 'ى', 'ي', '\u{064B}', '\u{0651}', '\u{0640}', '\u{200F}',
            '\u{202E}', '\u{200D}', '\u{FEFF}', '٣', '٬', '٫', '.', ',', ' ', '\n', '\u{00A0}', 'ﷲ', 'ﻻ',
            '"', '؟', 'د', '5',
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn document_never_panics_and_spans_are_valid(chars in prop::collection::vec(hostile_char(), 0..200)) {
        let text: String = chars.into_iter().collect();
        let d = Document::new(&text);
        let n = text.chars().count();
        prop_assert_eq!(d.char_len(), n);
        for (i, t) in d.tokens.iter().enumerate() {
            prop_assert!(t.span.start < t.span.end, "empty token span {:?}", t);
            prop_assert!(t.span.end <= n);
            prop_assert!(!d.key(i).is_empty());
            if i > 0 {
                // tokens are ordered; they overlap only when one original
                // character expands into several tokens (NFKC: '¼' -> "1⁄4")
                let p = &d.tokens[i - 1];
                prop_assert!(p.span.start <= t.span.start && p.span.end <= t.span.end, "tokens out of order");
                // 'ﷻ' → "جل جلاله": its first word glues to a letter before it ("ھﷻ")
                let overlap = p.span.end.saturating_sub(t.span.start);
                prop_assert!(overlap <= 1 || p.span.start == t.span.start, "tokens overlap on {} characters", overlap);
            }
        }
        for s in &d.sentences {
            prop_assert!(s.span.start < s.span.end && s.span.end <= n);
            prop_assert!(!s.tokens.is_empty());
        }
        // sentences partition the tokens in order
        let mut next = 0;
        for s in &d.sentences {
            prop_assert_eq!(s.tokens.start, next);
            next = s.tokens.end;
        }
        prop_assert_eq!(next, d.tokens.len());
    }

    #[test]
    fn folding_a_token_slice_gives_its_key(chars in prop::collection::vec(hostile_char(), 0..120)) {
        let text: String = chars.into_iter().collect();
        let d = Document::new(&text);
        for (i, t) in d.tokens.iter().enumerate() {
            // the original slice of a token folds back to (a superset of) the token's key
            let k = key(d.slice(t.span));
            prop_assert!(k.contains(d.key(i)), "slice {:?} key {:?} token {:?}", d.slice(t.span), k, d.key(i));
        }
    }

    #[test]
    fn folded_maps_are_monotonic(text in ".{0,200}") {
        let f = Folded::new(&text);
        let mut last = 0;
        for (b, _) in f.as_str().char_indices() {
            let s = f.original_start(b);
            prop_assert!(s >= last);
            last = s;
        }
        prop_assert_eq!(f.original_chars(), text.chars().count());
    }

    #[test]
    fn key_is_idempotent(text in ".{0,80}") {
        let k = key(&text);
        prop_assert_eq!(key(&k), k.clone());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// `fold_str` (no offset map) folds exactly like `Folded::new`.
    #[test]
    fn fold_str_is_folded_text(chars in prop::collection::vec(hostile_char(), 0..200)) {
        let text: String = chars.into_iter().collect();
        let folded = Folded::new(&text);
        prop_assert_eq!(rasid_text::fold::fold_str(&text), folded.as_str());
    }
}
