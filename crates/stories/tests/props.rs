//! Property tests: no input breaks the ledger, the fingerprint or the
//! clusterer, and the ledger accounts for every figure exactly once.

use std::collections::HashMap;

use proptest::prelude::*;
use rasid_model::{Approx, ArticleMeta, Extraction, Figure, Mention, Period, PlaceRef, Repeat, Span};
use rasid_stories::{Clusterer, DupIndex, LedgerArticle, StoryInput, fingerprint, ledger};

fn approx() -> impl Strategy<Value = Approx> {
    prop::sample::select(vec![Approx::Exact, Approx::About, Approx::AtLeast, Approx::AtMost, Approx::Range])
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => prop::sample::select(vec![0.0, 1.0, 11.0, 40.0, 47.0, 70.0, 20_000.0, 40_000.0]),
        1 => any::<f64>(),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
    ]
}

fn date() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        (0u32..40).prop_map(|d| Some(format!("2018-{:02}-{:02}", 3 + d / 28, 1 + d % 28))),
        Just(Some("garbage".to_string())),
        Just(Some("2018-02-30".to_string())),
    ]
}

fn figure() -> impl Strategy<Value = Figure> {
    (
        (0usize..400, 0usize..30),
        number(),
        prop::option::of(number()),
        prop::option::of(number()),
        approx(),
        prop::option::of(prop::sample::select(vec!["killed", "injured", "displaced"])),
        prop::option::of(prop::sample::select(vec!["people", "civilians", "children"])),
        prop::option::of(prop::sample::select(vec![
            ("دوما", "Douma"),
            ("حرستا", "Harasta"),
            ("لندن", "London"),
            ("", ""),
        ])),
        prop::option::of(prop::sample::select(vec!["sohr", "outlet", "un"])),
        prop::option::of((date(), date())),
    )
        .prop_map(|((start, len), value, low, high, approx, category, who, place, source, period)| {
            Figure {
                span: Span::new(start, start + len),
                text: String::new(),
                value,
                low,
                high,
                approx,
                category: category.map(Into::into),
                who: who.map(Into::into),
                place: place.map(|(ar, en)| PlaceRef { ar: ar.into(), en: en.into() }),
                destination: None,
                source: source.map(Into::into),
                period: period.map(|(from, to)| Period { from, to }),
            }
        })
}

fn extraction() -> impl Strategy<Value = Extraction> {
    (
        prop::collection::vec(figure(), 0..8),
        prop::collection::vec(((0usize..400, 0usize..200), (0usize..400, 0usize..200)), 0..3),
        any::<bool>(),
    )
        .prop_map(|(figures, repeats, with_places)| {
            let mut x = Extraction::empty(ArticleMeta::default());
            x.figures = figures;
            x.repeats = repeats
                .into_iter()
                .map(|((a, al), (b, bl))| Repeat {
                    span: Span::new(a, a + al),
                    repeats: Span::new(b, b + bl),
                    kind: None,
                })
                .collect();
            if with_places {
                for (id, ar, en, admin) in
                    [("douma", "دوما", "Douma", Some("ريف دمشق")), ("london", "لندن", "London", None)]
                {
                    x.places.push(Mention {
                        span: Span::new(0, 1),
                        text: ar.into(),
                        id: id.into(),
                        ar: ar.into(),
                        en: en.into(),
                        kind: "place".into(),
                        lat: None,
                        lon: None,
                        admin: admin.map(Into::into),
                    });
                }
            }
            x
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever the extractions (NaN values, reversed periods, repeats
    /// pointing anywhere, dup_of cycles), the ledger is built, serializes,
    /// and lists every figure exactly once, as a claim or as a copy.
    #[test]
    fn ledger_accounts_for_every_figure_once(
        xs in prop::collection::vec(extraction(), 0..5),
        dups in prop::collection::vec(prop::option::of(0usize..6), 5),
    ) {
        let ids: Vec<String> = (0..xs.len()).map(|i| format!("a{i}")).collect();
        let articles: Vec<LedgerArticle> = xs
            .iter()
            .enumerate()
            .map(|(i, x)| LedgerArticle {
                id: ids[i].clone(),
                outlet: None,
                published: None,
                extraction: x,
                dup_of: dups[i].map(|d| format!("a{d}")),
            })
            .collect();
        let l = ledger(1, &articles);
        let mut expected: HashMap<(String, Span), usize> = HashMap::new();
        for (i, x) in xs.iter().enumerate() {
            for f in &x.figures {
                *expected.entry((ids[i].clone(), f.span)).or_default() += 1;
            }
        }
        let mut seen: HashMap<(String, Span), usize> = HashMap::new();
        for row in &l.rows {
            prop_assert!(!row.claims.is_empty());
            for c in &row.claims {
                *seen.entry((c.article.clone(), c.span)).or_default() += 1;
                for k in &c.copies {
                    *seen.entry((k.article.clone(), k.span)).or_default() += 1;
                }
            }
        }
        prop_assert_eq!(seen, expected);
        prop_assert!(serde_json::to_string(&l).is_ok());
        let csv = l.to_csv();
        let claims: usize = l.rows.iter().map(|r| r.claims.len()).sum();
        prop_assert_eq!(csv.lines().count(), 1 + claims);
    }

    /// Any text can be fingerprinted, indexed and clustered.
    #[test]
    fn any_text_is_fingerprinted_and_clustered(
        texts in prop::collection::vec(".{0,300}", 1..6),
        days in prop::collection::vec(prop::option::of(0i64..30), 6),
    ) {
        let x = Extraction::empty(ArticleMeta::default());
        let mut dups = DupIndex::default().with_retention(5);
        let mut clusterer = Clusterer::default();
        for (i, t) in texts.iter().enumerate() {
            let published = days[i].map(|d| jiff::civil::date(2018, 3, 1) + jiff::Span::new().days(d));
            let id = format!("a{}", i % 4); // some ids come back
            let fp = fingerprint(t);
            let s = fp.similarity(&fp);
            prop_assert!(s == 0.0 || s == 1.0);
            let dup_of = dups.insert_dated(&id, &fp, published);
            prop_assert!(dup_of.as_deref() != Some(id.as_str()));
            let input = StoryInput {
                id,
                published,
                outlet: Some("o".into()),
                title: t.chars().take(20).collect(),
                text: t,
                extraction: &x,
                dup_of,
            };
            let story = clusterer.assign(&input);
            prop_assert!(clusterer.story(story).is_some());
        }
    }
}
