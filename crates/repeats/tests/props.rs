//! Property tests: no input makes the repeat finder panic, every reported
//! span lies within the text, the two spans of a repeat do not overlap and
//! the later one comes second; and the work stays bounded on large,
//! repetitive input.

use proptest::prelude::*;
use rasid_repeats::find_repeats;
use rasid_text::Document;

fn check(text: &str) {
    let doc = Document::new(text);
    let n = text.chars().count();
    for r in find_repeats(&doc) {
        assert!(r.span.start < r.span.end && r.span.end <= n, "bad span {:?}", r.span);
        assert!(r.repeats.start < r.repeats.end && r.repeats.end <= n, "bad span {:?}", r.repeats);
        assert!(!r.span.overlaps(&r.repeats), "{r:?}");
        assert!(r.repeats.start < r.span.start, "{r:?}");
    }
}

/// Sentences drawn from a small pool, so repeats are frequent.
fn repetitive_text() -> impl Strategy<Value = String> {
    let sentence = prop_oneof![
        Just("قال المرصد إن القصف استمر على البلدات الشرقية طوال الليل.".to_string()),
        Just("وأضاف أن عشرة مدنيين قتلوا وأصيب عشرون آخرون بجروح.".to_string()),
        Just("\"العائلات تبيت في العراء قرب المدارس المغلقة\"".to_string()),
        Just("عنوان الخبر الرئيسي عن الهدنة في الريف الجنوبي | الموقع".to_string()),
        Just(" - ".to_string()),
        Just("\n".to_string()),
        Just("\u{200F}".to_string()),
        Just("ـ".to_string()),
        "\\PC{0,12}",
    ];
    proptest::collection::vec(sentence, 0..30).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_are_valid(text in repetitive_text()) {
        check(&text);
    }

    #[test]
    fn arbitrary_unicode(text in "\\PC{0,120}") {
        check(&text);
    }
}

#[test]
fn large_repetitive_input_is_bounded() {
    // 5,000 copies of three sentences: every unit hashes alike; the capped
    // posting lists keep this linear.
    let block = "قال المرصد إن القصف استمر على البلدات الشرقية طوال الليل. \
                 وأضاف أن عشرة مدنيين قتلوا وأصيب عشرون آخرون بجروح في القصف.\n\
                 العائلات تبيت في العراء قرب المدارس المغلقة منذ أيام طويلة.\n";
    let text = block.repeat(5_000);
    let t = std::time::Instant::now();
    check(&text);
    let doc = Document::new(&text);
    let t2 = std::time::Instant::now();
    let r = find_repeats(&doc);
    println!(
        "{} chars: {} repeats in {:?} (total with parsing {:?})",
        text.len(),
        r.len(),
        t2.elapsed(),
        t.elapsed()
    );
    assert!(!r.is_empty());
}

#[test]
fn edge_inputs() {
    for t in ["", " ", "\n\n", "|", " - ", "\u{202E}\u{200F}", "ـــ", "."] {
        check(t);
    }
}
