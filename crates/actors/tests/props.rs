//! Property tests: whatever the text, finding actors and persons never
//! panics, and every mention's span lies inside the text, is non-empty and
//! covers its tokens.

use proptest::prelude::*;
use rasid_actors::{Registry, state_reading};
use rasid_lexicon::Joined;
use rasid_text::Document;

/// Words and marks that exercise the rules: names, titles, clitics, anaphors,
/// loyalty designations, quotes and punctuation.
const PIECES: &[&str] = &[
    "قال",
    "وقال",
    "المرصد",
    "السوري",
    "لحقوق",
    "الإنسان",
    "للمرصد",
    "الوزارة",
    "وزارة",
    "الدفاع",
    "الروسية",
    "قوات",
    "النظام",
    "الفصائل",
    "الموالية",
    "لها",
    "مدير",
    "رامي",
    "عبد",
    "الرحمن",
    "أبو",
    "محمد",
    "تدعى",
    "الرئيس",
    "التركي",
    "رجب",
    "طيب",
    "أردوغان",
    "دمشق",
    "وسارعت",
    "قرب",
    "روسيا",
    "إلى",
    "مع",
    "من",
    "بدعم",
    "مصدر",
    "في",
    "عسكري",
    "مراسل",
    "لفرانس",
    "برس",
    "سكان",
    "وشهود",
    "«",
    "»",
    "\"",
    "،",
    ".",
    ":",
    "(",
    ")",
    "-",
    "\n",
    " ",
    "  ",
    "مستشفى",
    "دار",
    "المجلس",
    "المحلي",
    "لمدينة",
    "دوما",
    "CNN",
    "ICRC",
    "/",
    "١٢",
    "ـ",
    "ً",
    "الأمم",
    "المتحدة",
    "للأمم",
    "الأمين",
    "العام",
    "المصدر",
    "اللواء",
    "ل",
    "لـ",
    "الشرق",
    "الأوسط",
];

fn check(text: &str) {
    let doc = Document::new(text);
    let joined = Joined::new(&doc);
    let registry = Registry::builtin();
    let analysis = registry.analyze(&doc, &joined, Some("Asharq Al-Awsat"));
    let n = doc.char_len();
    for m in &analysis.actors {
        assert!(m.span.start < m.span.end && m.span.end <= n, "actor span {:?} of {n}", m.span);
        assert!(m.tokens.start < m.tokens.end && m.tokens.end <= doc.tokens.len());
        assert!(doc.span_of(m.tokens.clone()).contains(&m.span), "actor span outside its tokens");
        let _ = m.to_mention(&doc);
    }
    for p in &analysis.persons {
        assert!(p.span.start < p.span.end && p.span.end <= n, "person span {:?} of {n}", p.span);
        assert!(p.tokens.start < p.tokens.end && p.tokens.end <= doc.tokens.len());
        assert!(doc.span_of(p.tokens.clone()).contains(&p.span), "person span outside its tokens");
    }
    for i in 0..doc.tokens.len() {
        for len in 0..3 {
            let _ = state_reading(&doc, i..i + len);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn pieces_never_panic(words in prop::collection::vec(prop::sample::select(PIECES), 0..40)) {
        check(&words.join(" "));
        check(&words.concat());
    }

    #[test]
    fn any_text_never_panics(text in "\\PC{0,200}") {
        check(&text);
    }

    #[test]
    fn arabic_noise_never_panics(text in "[\u{0600}-\u{06FF} ،.«»\"\n]{0,150}") {
        check(&text);
    }
}
