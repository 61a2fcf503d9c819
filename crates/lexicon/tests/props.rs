//! The matcher is exact whatever the text: a name written as whole words,
//! with or without proclitics, is found where it stands; spans are valid;
//! nothing panics.

use proptest::prelude::*;
use rasid_lexicon::{Joined, Lexicon};
use rasid_text::{Document, TokenKind};

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "دوما",
        "الغوطة",
        "الشرقية",
        "إدلب",
        "ريف",
        "كفر",
        "نبل",
        "المرصد",
        "السوري",
        "حلب",
        "قتل",
        "من",
        "في",
        "و",
        "ب",
        "ال",
        "5",
        "x",
        "ـ",
        "ً",
        "\u{200F}",
        "،",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn every_listed_name_is_found(
        names in prop::collection::vec(prop::collection::vec(word(), 1..4), 1..8),
        text in prop::collection::vec(word(), 0..30),
        pick in 0usize..8,
        clitic in prop::sample::select(vec!["", "و", "ب", "وب"]),
    ) {
        let mut b = Lexicon::builder();
        for (i, n) in names.iter().enumerate() {
            b.add([n.join(" ").as_str()], i);
        }
        let lex = b.build();
        let name = names[pick % names.len()].join(" ");
        let full = format!("{} {clitic}{name}", text.join(" "));
        let doc = Document::new(&full);
        let joined = Joined::new(&doc);
        let n = full.chars().count();
        for m in lex.find_all(&doc, &joined) {
            prop_assert!(m.span.start < m.span.end && m.span.end <= n);
        }
        let name_doc = Document::new(&name);
        let k = name_doc.tokens.len();
        prop_assume!(k > 0);
        // a proclitic glues only onto an Arabic word of two letters or more
        let first = &name_doc.tokens[0];
        // names start with a word or a number, never with punctuation
        prop_assume!(first.kind != TokenKind::Punct);
        prop_assume!(clitic.is_empty() || (first.kind == TokenKind::Arabic && name_doc.key(0).chars().count() >= 2));
        let last = doc.tokens.len();
        prop_assume!(last >= k);
        let mut found = false;
        lex.each_match_at(&doc, &joined, last - k, |m, _| found |= m.tokens.end == last);
        prop_assert!(found, "{:?} not found at the end of {:?}", name, full);
    }
}
