//! Property tests: no input makes the number reader panic, and what it
//! reports is always well formed (spans inside the text, phrases in order and
//! disjoint, bounds around the value).

use proptest::prelude::*;
use rasid_numbers::{NumberPhrase, find_numbers, parse_number};
use rasid_text::Document;

/// Pieces of number phrases, glued in random order with random separators:
/// the inputs most likely to reach the corners of the grammar.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "نحو",
            "حوالي",
            "أكثر من",
            "ما لا يقل عن",
            "على الأقل",
            "تقريبا",
            "بين",
            "ما بين",
            "من",
            "إلى",
            "و",
            "ال",
            "الـ",
            "بـ",
            "وبنحو",
            "ألف",
            "آلاف",
            "ألفين",
            "مليون",
            "ملايين",
            "مئة",
            "مائتين",
            "ثلاث",
            "ثلاثة",
            "عشر",
            "عشرة",
            "أحد",
            "اثنا",
            "عشرين",
            "وعشرين",
            "خمسمائة",
            "وخمسمائة",
            "الثاني",
            "الحادي",
            "والعشرين",
            "ثلثي",
            "ربعهم",
            "أرباع",
            "نصف",
            "ونصف",
            "في المئة",
            "بالمئة",
            "%",
            "٪",
            "-",
            "–",
            "/",
            ".",
            ",",
            "٬",
            "٫",
            "\"",
            "«",
            "شخصا",
            "الاثنين",
            "عشرات",
            "ارتفع",
            "لست",
            "F",
            "\n",
            "\u{00A0}",
            "\u{0640}",
            "\u{064B}",
            "\u{200F}",
            "¼",
            "ﻻ",
        ])
        .prop_map(str::to_string),
        "[0-9٠-٩]{1,4}",
        "[0-9]{15,30}",
        any::<String>(),
    ]
}

fn text_of(pieces: Vec<(String, u8)>) -> String {
    let mut t = String::new();
    for (p, sep) in pieces {
        t.push_str(&p);
        match sep % 4 {
            0 => {}
            1 | 2 => t.push(' '),
            _ => t.push_str("  "),
        }
    }
    t
}

fn check_invariants(text: &str, phrases: &[NumberPhrase], doc: &Document) -> Result<(), TestCaseError> {
    let n = text.chars().count();
    let mut prev_end = 0usize;
    let mut prev_tok = 0usize;
    for p in phrases {
        prop_assert!(p.span.start < p.span.end, "empty span {:?}", p);
        prop_assert!(p.span.end <= n, "span past the end {:?}", p);
        prop_assert!(p.span.start >= prev_end, "phrases overlap or are out of order");
        prop_assert!(p.tokens.start >= prev_tok && p.tokens.start < p.tokens.end);
        prop_assert!(p.tokens.end <= doc.tokens.len());
        prop_assert!(p.tokens.start <= p.core.start && p.core.end <= p.tokens.end, "core outside {:?}", p);
        prop_assert!(p.value.is_finite());
        if let (Some(lo), Some(hi)) = (p.low, p.high) {
            prop_assert!(lo <= p.value && p.value <= hi, "bounds {:?}", p);
        }
        if let Some(r) = &p.trailing_approx {
            prop_assert!(r.start >= p.tokens.end && r.end <= doc.tokens.len() && r.start < r.end);
        }
        prev_end = p.span.end;
        prev_tok = p.tokens.end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn number_pieces_never_panic(pieces in prop::collection::vec((piece(), any::<u8>()), 0..24)) {
        let text = text_of(pieces);
        let doc = Document::new(&text);
        let phrases = find_numbers(&doc);
        check_invariants(&text, &phrases, &doc)?;
        let _ = parse_number(&text);
    }

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let doc = Document::new(&text);
        let phrases = find_numbers(&doc);
        check_invariants(&text, &phrases, &doc)?;
    }
}
