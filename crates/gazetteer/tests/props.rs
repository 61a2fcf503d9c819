//! Property tests: matching never panics and reports valid spans whatever the
//! text; importers never panic on arbitrary bytes (they return errors).

use proptest::prelude::*;
use rasid_gazetteer::{Gazetteer, import};
use rasid_lexicon::Joined;
use rasid_text::Document;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::builtin)
}

/// Words that exercise the matcher: names, clitic forms, descriptors,
/// directions, list words, blockers, punctuation and odd characters.
const WORDS: &[&str] = &[
    "دوما",
    "وبإدلب",
    "للغوطة",
    "الغوطة",
    "الشرقية",
    "مدينة",
    "بلدات",
    "حي",
    "ريف",
    "دمشق",
    "شمال",
    "غرب",
    "سوريا",
    "سورية",
    "في",
    "إلى",
    "و",
    "،",
    ".",
    "«",
    "»",
    "روسيا",
    "اليوم",
    "الشرق",
    "الأوسط",
    "الباب",
    "كفر",
    "بطنا",
    "كفربطنا",
    "الخالدية",
    "طرابلس",
    "عمان",
    "السعودية",
    "الحكومة",
    "ل",
    "لل",
    "ب",
    "ـ",
    "\u{064e}",
    "\u{200f}",
    "\n",
    " ",
    "12",
    "٣",
    "abc",
    "ﻻ",
    "x",
    "الحدود",
    "التركية",
    "العاصمة",
    "السورية",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(WORDS).prop_map(|w| w.to_string()),
            1 => any::<String>(),
        ],
        0..40,
    )
    .prop_map(|parts| {
        let mut s = String::new();
        for (i, p) in parts.iter().enumerate() {
            if i % 3 != 2 {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn find_places_spans_are_valid(text in text_strategy()) {
        let g = gaz();
        let doc = Document::new(&text);
        let joined = Joined::new(&doc);
        let found = g.find_places(&doc, &joined);
        let n = text.chars().count();
        let mut last_end = 0;
        for m in &found {
            prop_assert!(m.span.start < m.span.end && m.span.end <= n, "{:?} in {} chars", m.span, n);
            prop_assert!(m.span.start >= last_end, "mentions overlap");
            prop_assert!(m.tokens.start < m.tokens.end && m.tokens.end <= doc.tokens.len());
            prop_assert!(m.place < g.places().len());
            prop_assert!(!doc.slice(m.span).trim().is_empty());
            last_end = m.span.end;
        }
        let mentions = g.mentions(&doc, &joined);
        for m in &mentions {
            let slice: String = text.chars().skip(m.span.start).take(m.span.len()).collect();
            prop_assert_eq!(&slice, &m.text);
        }
    }

    #[test]
    fn importers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), header in 0usize..8) {
        // Arbitrary bytes, sometimes behind a real header so the row parsers run.
        let headers: [&[u8]; 8] = [
            b"",
            b"pcode\tname_en\tname_ar\tcentroid_lat\tcentroid_lon\n",
            b"location_pcode\tname_en\tname_ar\tlocation_type\tlatitude\tlongitude\tadmin1_name_ar\n",
            b"geonameid\tname\tlatitude\tlongitude\tpopulation\tadmin1_code\ttimezone\tnames_ar\talternatenames\n",
            b"1\tA\tA\t\t35\t36\tP\tPPL\tSY\t\t01\t\t\t\t0\t\t0\tAsia/Damascus\t2020-01-01\n",
            b"1\t2\tar\t",
            b"[{\"name\":{\"ar\":",
            b"{\"type\":\"FeatureCollection\",\"features\":[",
        ];
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("input.tsv");
        let mut contents = headers[header].to_vec();
        contents.extend_from_slice(&bytes);
        std::fs::write(&file, &contents).expect("write");
        let home = dir.path().join("home");
        if import(&file, &home).is_ok() {
            // whatever was stored loads back
            prop_assert!(Gazetteer::load(&home).is_ok());
        }
    }
}
