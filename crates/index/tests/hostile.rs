//! Property tests: whatever a user (or an attacker) types, a search neither panics nor errs, and
//! every highlight lies inside its snippet.

use std::sync::OnceLock;

use jiff::civil::date;
use proptest::prelude::*;
use rasid_index::{IndexDoc, MAX_LIMIT, SearchIndex, SearchQuery};

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = SearchIndex::in_memory().expect("index");
        let mut writer = index.writer().expect("writer");
        let texts = [
            "شنت الطائرات غارات على بلدات بالغوطة الشرقية وقتل عشرة مدنيين.",
            "قال المرصد السوري إن الاشتباكات تواصلت في إدلب وحلب.",
            "اجتمع مجلس الأمن لبحث الوضع الإنساني في اليمن والحديدة.",
            "The UN envoy met officials in Geneva (talks: round 9).",
            "نزح آلاف السكان من دوما نحو مخيمات في الشمال \"بحسب الأمم المتحدة\".",
        ];
        for (i, text) in texts.iter().enumerate() {
            writer
                .upsert(&IndexDoc {
                    id: format!("h{i}"),
                    title: format!("تقرير {i}"),
                    text: (*text).to_string(),
                    outlet: Some(if i % 2 == 0 { "Al Arabiya" } else { "BBC Arabic" }.to_string()),
                    published: Some(date(2018, 3, 1 + i as i8)),
                    places: vec!["الغوطة".to_string()],
                    actors: vec!["sohr".to_string()],
                    story: Some(i as i64),
                })
                .expect("upsert");
        }
        writer.commit(1).expect("commit");
        index
    })
}

/// Text made of the pieces that trip query parsers, plus Arabic with marks and bidi controls.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just(":".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(" AND ".to_string()),
        Just(" OR ".to_string()),
        Just(" NOT ".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("*".to_string()),
        Just("~2".to_string()),
        Just("^".to_string()),
        Just("\\".to_string()),
        Just("title:".to_string()),
        Just("\u{200F}".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{2066}".to_string()),
        Just("\u{064E}".to_string()),
        Just("\u{0640}".to_string()),
        Just(" ".to_string()),
        Just("الغوطة".to_string()),
        Just("غارات".to_string()),
        Just("في".to_string()),
        Just("٢٠١٨".to_string()),
        Just("ﻻ".to_string()),
        "[a-zA-Z0-9]{1,6}",
        "[\u{0600}-\u{06FF}]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

fn optional_value() -> impl Strategy<Value = Option<String>> {
    prop_oneof![Just(None), hostile_text().prop_map(Some), Just(Some("Al Arabiya".to_string()))]
}

fn check(query: &SearchQuery) -> Result<(), TestCaseError> {
    let results = index().search_detailed(query);
    prop_assert!(results.is_ok(), "{query:?}: {:?}", results.err());
    let Ok(results) = results else { return Ok(()) };
    prop_assert!(results.hits.len() <= query.limit.min(MAX_LIMIT));
    prop_assert!(results.total >= results.hits.len());
    for hit in &results.hits {
        let chars = hit.snippet.chars().count();
        let mut previous_end = 0;
        for &(start, end) in &hit.highlights {
            prop_assert!(start < end && end <= chars, "{hit:?}");
            prop_assert!(start >= previous_end, "{hit:?}");
            previous_end = end;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_never_panics_or_errs(text in hostile_text(), limit in 0usize..2000, offset in 0usize..20_000) {
        check(&SearchQuery { text, limit, offset, ..SearchQuery::default() })?;
    }

    #[test]
    fn any_string_never_panics_or_errs(text in any::<String>()) {
        check(&SearchQuery::text(text))?;
    }

    #[test]
    fn hostile_filters_never_panic_or_err(
        text in hostile_text(),
        outlet in optional_value(),
        place in optional_value(),
        actor in optional_value(),
        from in prop::option::of(1900i16..2100),
        to in prop::option::of(1900i16..2100),
    ) {
        let from = from.map(|year| date(year, 1, 1));
        let to = to.map(|year| date(year, 12, 31));
        check(&SearchQuery { text, outlet, place, actor, from, to, ..SearchQuery::default() })?;
    }
}

#[test]
fn hostile_queries_that_used_to_break_parsers() {
    for text in [
        "\"",
        "\"\"",
        "«",
        "-",
        "--",
        "- -",
        "+-\"",
        "AND",
        "OR OR",
        "NOT",
        "NOT -",
        "title:",
        "text:(غوطة",
        "((((",
        "*",
        "\\",
        "\u{200F}\u{202E}",
        "غوطة OR",
        "OR غوطة",
        "-غوطة",
        "\"الغوطة",
    ] {
        check(&SearchQuery::text(text)).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}
