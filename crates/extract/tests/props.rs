//! No input makes the pipeline panic, and every item's text is the slice of
//! the original its span names.

use proptest::prelude::*;
use rasid_extract::{Article, Extractor};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| Extractor::builtin().expect("built-in extractor"))
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "قتل",
            "مقتل",
            " 25 ",
            "ألف",
            "آلاف",
            "مدنيا",
            "بينهم",
            "نحو",
            "أكثر من",
            "بين",
            " و",
            "في",
            "دوما",
            "الغوطة",
            "قال",
            "المرصد",
            "وفق",
            "أمس",
            "الأحد",
            "آذار",
            "2018",
            "13.450",
            "٢٣",
            ".",
            "،",
            "\"",
            "\n",
            "\u{200F}",
            "\u{202E}",
            "ـ",
            "ً",
            "منذ",
            "نقلا عن",
            "الأمم المتحدة",
            "حافلة",
            "في المئة",
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn extraction_is_total_and_spans_are_exact(parts in prop::collection::vec(piece(), 0..40), day in 1u8..28) {
        let text: String = parts.concat();
        let x = extractor().extract(&Article {
            id: "p".into(),
            text: text.clone(),
            published: Some(format!("2018-03-{day:02}")),
            outlet: None,
            title: None,
            url: None,
        });
        let chars: Vec<char> = text.chars().collect();
        let slice = |s: rasid_model::Span| -> String { chars[s.start..s.end].iter().collect() };
        for f in &x.figures {
            prop_assert!(f.span.start < f.span.end && f.span.end <= chars.len());
            prop_assert_eq!(slice(f.span), f.text.clone());
            prop_assert!(f.value.is_finite());
            if let (Some(l), Some(h)) = (f.low, f.high) { prop_assert!(l <= h); }
        }
        for m in x.places.iter().chain(&x.actors).chain(&x.persons) {
            prop_assert!(m.span.start < m.span.end && m.span.end <= chars.len());
            prop_assert_eq!(slice(m.span), m.text.clone());
        }
        for d in &x.dates {
            prop_assert_eq!(slice(d.span), d.text.clone());
        }
        for r in &x.repairs {
            prop_assert_eq!(slice(r.span), r.text.clone());
        }
        for r in &x.repeats {
            prop_assert!(r.span.end <= chars.len() && r.repeats.end <= chars.len());
        }
    }
}
