//! Property tests: no input makes the repairer panic, and every repair it
//! reports is well formed (span within the text, `text` the original slice,
//! `fixed` the same text with spaces added, spans in order and disjoint).

use proptest::prelude::*;
use rasid_repair::{Vocabulary, find_repairs};
use rasid_text::Document;
use std::sync::OnceLock;

fn vocab() -> &'static Vocabulary {
    static V: OnceLock<Vocabulary> = OnceLock::new();
    V.get_or_init(|| Vocabulary::load_default().0)
}

/// Text made of the pieces that matter here: Arabic letters and marks,
/// digits of both kinds, punctuation, quotes, Latin, spaces, controls.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("مجلس".to_string()),
        Just("الأمن".to_string()),
        Just("أنقرة".to_string()),
        Just("وطهران".to_string()),
        Just("نت".to_string()),
        Just("13".to_string()),
        Just("١٣".to_string()),
        Just("ألف".to_string()),
        Just(".".to_string()),
        Just("،".to_string()),
        Just("\"".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just(":".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\u{00A0}".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{0651}".to_string()),
        Just("ـ".to_string()),
        Just("ﻻ".to_string()),
        Just("http://x.com/".to_string()),
        Just("#".to_string()),
        "[a-zA-Z]{1,4}",
        "\\PC{1,3}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) {
    let doc = Document::new(text);
    let repairs = find_repairs(&doc, vocab());
    let n = text.chars().count();
    let mut last_end = 0;
    for r in &repairs {
        assert!(r.span.start < r.span.end && r.span.end <= n, "bad span {:?} in {n} chars", r.span);
        assert!(r.span.start >= last_end, "overlapping repairs");
        last_end = r.span.end;
        assert_eq!(doc.slice(r.span), r.text);
        assert!(r.fixed.chars().count() > r.text.chars().count());
        let unspaced: String = r.fixed.chars().filter(|&c| c != ' ').collect();
        let text_unspaced: String = r.text.chars().filter(|&c| c != ' ').collect();
        assert_eq!(unspaced, text_unspaced, "fixed must only add spaces");
        assert!(matches!(r.kind.as_deref(), Some("glued_words" | "glued_punctuation")));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_are_valid(text in hostile_text()) {
        check(&text);
    }

    #[test]
    fn arbitrary_unicode(text in "\\PC{0,80}") {
        check(&text);
    }
}

#[test]
fn edge_inputs() {
    for t in ["", " ", "\n\n", ".", "\"", "مجلسالأمن", "12ألف", "\u{202E}\u{200F}", "ـــ", "إدلب.", ".وقال"]
    {
        check(t);
    }
}
