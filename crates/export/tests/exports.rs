//! The four exports on small hand-made extractions.

use proptest::prelude::*;
use rasid_export::{ExportRecord, ExportSummary, Format, export};
use rasid_model::{
    Approx, Article, ArticleMeta, DateMention, Extraction, Figure, Mention, Period, PlaceRef, Repeat, Span,
};

const TEXT: &str = "قتل 25 مدنيا بينهم 10 أطفال وأصيب 70 آخرون في غارات جوية لقوات النظام على مدينة دوما السبت، \
بحسب المرصد السوري. وقالت مصادر طبية إن عدد القتلى بلغ 40 شخصا. \
ونزح نحو 3 آلاف شخص من بلدة حرستا باتجاه دمشق. \
وقال مدير المرصد رامي عبد الرحمن إن الحصيلة مرشحة للارتفاع. \
قتل 25 مدنيا بينهم 10 أطفال وأصيب 70 آخرون في غارات جوية لقوات النظام على مدينة دوما.";

/// Character span of the `nth` occurrence of `needle` in `text`.
fn span(text: &str, needle: &str, nth: usize) -> Span {
    let (byte, _) =
        text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"));
    let start = text[..byte].chars().count();
    Span::new(start, start + needle.chars().count())
}

fn mention(text: &str, needle: &str, nth: usize, id: &str, ar: &str, en: &str, kind: &str) -> Mention {
    Mention {
        span: span(text, needle, nth),
        text: needle.to_string(),
        id: id.to_string(),
        ar: ar.to_string(),
        en: en.to_string(),
        kind: kind.to_string(),
        lat: None,
        lon: None,
        admin: None,
    }
}

fn place(text: &str, needle: &str, nth: usize, id: &str, en: &str, at: (f64, f64), admin: &str) -> Mention {
    Mention {
        lat: Some(at.0),
        lon: Some(at.1),
        admin: Some(admin.to_string()),
        ..mention(text, needle, nth, id, needle, en, "place")
    }
}

#[allow(clippy::too_many_arguments)]
fn figure(
    text: &str,
    needle: &str,
    nth: usize,
    value: f64,
    category: &str,
    who: &str,
    place: Option<(&str, &str)>,
    source: &str,
) -> Figure {
    Figure {
        span: span(text, needle, nth),
        text: needle.to_string(),
        value,
        low: Some(value),
        high: Some(value),
        approx: Approx::Exact,
        category: Some(category.to_string()),
        who: Some(who.to_string()),
        place: place.map(|(ar, en)| PlaceRef { ar: ar.to_string(), en: en.to_string() }),
        destination: None,
        source: Some(source.to_string()),
        period: Some(Period { from: Some("2018-04-07".to_string()), to: Some("2018-04-07".to_string()) }),
    }
}

fn article(id: &str) -> Article {
    Article {
        id: id.to_string(),
        text: TEXT.to_string(),
        published: Some("2018-04-08T09:15:00+03:00".to_string()),
        outlet: Some("وكالة الاختبار".to_string()),
        title: Some("غارات على دوما".to_string()),
        url: Some(format!("https://agency.example/{id}")),
    }
}

fn extraction(id: &str) -> Extraction {
    let t = TEXT;
    let douma = Some(("دوما", "Douma"));
    let mut x = Extraction::empty(ArticleMeta {
        id: id.to_string(),
        outlet: Some("وكالة الاختبار".to_string()),
        published: Some("2018-04-08".to_string()),
        title: None,
        language: "ar".to_string(),
    });
    x.figures = vec![
        figure(t, "25 مدنيا", 0, 25.0, "killed", "civilians", douma, "sohr"),
        figure(t, "10 أطفال", 0, 10.0, "killed", "children", douma, "sohr"),
        figure(t, "70 آخرون", 0, 70.0, "injured", "people", douma, "sohr"),
        figure(t, "40 شخصا", 0, 40.0, "killed", "people", douma, "medical_sources"),
        Figure {
            approx: Approx::About,
            destination: Some(PlaceRef { ar: "دمشق".to_string(), en: "Damascus".to_string() }),
            ..figure(
                t,
                "نحو 3 آلاف شخص",
                0,
                3000.0,
                "displaced",
                "people",
                Some(("حرستا", "Harasta")),
                "outlet",
            )
        },
        // The repeated last sentence: not counted again.
        figure(t, "25 مدنيا", 1, 25.0, "killed", "civilians", douma, "sohr"),
        figure(t, "70 آخرون", 1, 70.0, "injured", "people", douma, "sohr"),
    ];
    x.places = vec![
        place(t, "دوما", 0, "douma", "Douma", (33.5711, 36.4022), "ريف دمشق"),
        place(t, "حرستا", 0, "harasta", "Harasta", (33.5586, 36.3653), "ريف دمشق"),
        place(t, "دمشق", 0, "damascus", "Damascus", (33.513, 36.292), "دمشق"),
        place(t, "دوما", 1, "douma", "Douma", (33.5711, 36.4022), "ريف دمشق"),
    ];
    x.actors = vec![
        mention(t, "قوات النظام", 0, "syrian_army", "قوات النظام", "Syrian government forces", "state_force"),
        mention(t, "المرصد السوري", 0, "sohr", "المرصد السوري لحقوق الإنسان", "SOHR", "monitor"),
    ];
    x.persons = vec![mention(
        t,
        "رامي عبد الرحمن",
        0,
        "rami_abdulrahman",
        "رامي عبد الرحمن",
        "Rami Abdulrahman",
        "person",
    )];
    x.dates = vec![DateMention {
        span: span(t, "السبت", 0),
        text: "السبت".to_string(),
        from: Some("2018-04-07".to_string()),
        to: Some("2018-04-07".to_string()),
    }];
    let last = t.rfind("قتل 25").map(|b| t[..b].chars().count()).unwrap_or_default();
    let first_sentence_end = span(t, "دوما", 0).end;
    x.repeats = vec![Repeat {
        span: Span::new(last, t.chars().count()),
        repeats: Span::new(0, first_sentence_end),
        kind: None,
    }];
    x
}

fn run(format: Format, records: &[ExportRecord<'_>]) -> (String, ExportSummary) {
    let mut out = Vec::new();
    let summary = export(format, records.iter().copied(), &mut out).unwrap_or_else(|e| panic!("{e}"));
    (String::from_utf8(out).unwrap_or_else(|e| panic!("{e}")), summary)
}

struct Corpus {
    articles: Vec<Article>,
    extractions: Vec<Extraction>,
}

impl Corpus {
    fn new() -> Corpus {
        let quiet = Article {
            id: "c".to_string(),
            text: "خبر بلا أرقام.".to_string(),
            published: None,
            outlet: None,
            title: None,
            url: None,
        };
        let quiet_x = Extraction::empty(ArticleMeta {
            id: "c".to_string(),
            outlet: None,
            published: None,
            title: None,
            language: "ar".to_string(),
        });
        Corpus {
            articles: vec![article("a"), article("b"), quiet],
            extractions: vec![extraction("a"), extraction("b"), quiet_x],
        }
    }

    fn records(&self) -> Vec<ExportRecord<'_>> {
        vec![
            ExportRecord {
                article: &self.articles[0],
                extraction: &self.extractions[0],
                story: Some(7),
                dup_of: None,
            },
            ExportRecord {
                article: &self.articles[1],
                extraction: &self.extractions[1],
                story: Some(7),
                dup_of: Some("a"),
            },
            ExportRecord {
                article: &self.articles[2],
                extraction: &self.extractions[2],
                story: None,
                dup_of: None,
            },
        ]
    }
}

#[test]
fn jsonl_has_one_line_per_article_that_ingest_can_read_back() {
    let corpus = Corpus::new();
    let (out, summary) = run(Format::Jsonl, &corpus.records());
    assert_eq!(summary, ExportSummary { articles: 3, rows: 3, skipped_duplicates: 0 });
    let lines: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["story"], 7);
    assert_eq!(lines[1]["dup_of"], "a");
    assert_eq!(lines[0]["text"], TEXT);
    let back: Extraction =
        serde_json::from_value(lines[0]["extraction"].clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, corpus.extractions[0]);
    let again: Article = serde_json::from_value(lines[0].clone()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, corpus.articles[0]);
}

#[test]
fn acled_makes_one_conservative_event_per_strike() {
    let corpus = Corpus::new();
    let (out, summary) = run(Format::Acled, &corpus.records());
    assert_eq!(summary, ExportSummary { articles: 3, rows: 1, skipped_duplicates: 1 });
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> =
        reader.headers().map(|h| h.iter().map(str::to_string).collect()).unwrap_or_default();
    assert_eq!(
        header,
        [
            "event_date",
            "event_type",
            "sub_event_type",
            "actor1",
            "actor2",
            "admin1",
            "location",
            "latitude",
            "longitude",
            "source",
            "notes",
            "fatalities"
        ]
    );
    let rows: Vec<csv::StringRecord> =
        reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(rows.len(), 1, "{out}");
    let row = &rows[0];
    let field = |name: &str| row.get(header.iter().position(|h| h == name).unwrap_or(99)).unwrap_or("");
    assert_eq!(field("event_date"), "2018-04-07");
    assert_eq!(field("event_type"), "Explosions/Remote violence");
    assert_eq!(field("sub_event_type"), "Air/drone strike");
    assert_eq!(field("actor1"), "Syrian government forces");
    assert_eq!(field("actor2"), "Civilians");
    assert_eq!(field("admin1"), "ريف دمشق");
    assert_eq!(field("location"), "Douma");
    assert_eq!(field("latitude"), "33.57110");
    assert_eq!(field("longitude"), "36.40220");
    assert_eq!(field("source"), "وكالة الاختبار; sohr; medical_sources");
    // SOHR says 25 (its largest), medics 40: the conservative count is 25.
    assert_eq!(field("fatalities"), "25");
    let notes = field("notes");
    assert!(notes.starts_with("قتل 25 مدنيا بينهم 10 أطفال"), "{notes}");
    assert!(notes.contains("بلغ 40 شخصا"), "{notes}");
    assert!(!notes.contains("حرستا"), "{notes}");
    assert!(notes.contains("[rasid: article a; figures at 4-12"), "{notes}");
    assert!(notes.ends_with("; story 7]"), "{notes}");
}

#[test]
fn gkg_rows_have_27_columns_and_counts_with_offsets() {
    let corpus = Corpus::new();
    let (out, summary) = run(Format::Gkg, &corpus.records());
    assert_eq!(summary.rows, 3);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == 27), "{out}");
    let a = &rows[0];
    assert_eq!(a[0], "20180408061500-T1");
    assert_eq!(a[1], "20180408061500");
    assert_eq!(a[2], "1");
    assert_eq!(a[3], "وكالة الاختبار");
    assert_eq!(a[4], "https://agency.example/a");
    let counts: Vec<&str> = a[5].split(';').collect();
    assert_eq!(counts.len(), 5, "the repeated sentence is not counted: {counts:?}");
    assert_eq!(counts[0], "KILL#25#civilians#4#Douma##ريف دمشق#33.5711#36.4022#douma");
    assert_eq!(counts[2], "WOUND#70#people#4#Douma##ريف دمشق#33.5711#36.4022#douma");
    assert!(counts[4].starts_with("DISPLACED#3000#people#4#Harasta##"), "{counts:?}");
    let v21: Vec<&str> = a[6].split(';').collect();
    assert_eq!(v21[0], "KILL#25#civilians#4#Douma##ريف دمشق#33.5711#36.4022#douma#4");
    assert!(a[9].contains("5#Damascus##دمشق#33.5130#36.2920#damascus"), "{}", a[9]);
    assert_eq!(a[9].split(';').count(), 3, "distinct places");
    assert_eq!(a[10].split(';').count(), 4, "every mention");
    assert_eq!(a[11], "Rami Abdulrahman");
    assert!(a[12].starts_with("Rami Abdulrahman,"));
    assert_eq!(a[13], "Syrian government forces;SOHR");
    assert!(a[16].starts_with("3#4#7#2018#"), "{}", a[16]);
    assert!(a[24].contains("3000,people,"), "{}", a[24]);
    assert_eq!(a[25], "srclc:ara;eng:rasid");
    assert!(a[26].contains("<RASID_ARTICLE>a</RASID_ARTICLE><RASID_STORY>7</RASID_STORY>"), "{}", a[26]);
    assert!(rows[1][26].contains("<RASID_DUP_OF>a</RASID_DUP_OF>"));
    // An article with nothing: a row all the same, with its id.
    let c = &rows[2];
    assert_eq!(c[0], "00000000000000-T3");
    assert_eq!(c[2], "2");
    assert_eq!(c[4], "rasid:c");
    assert!(c[5].is_empty());
}

#[test]
fn geojson_is_a_valid_feature_collection() {
    let corpus = Corpus::new();
    let (out, summary) = run(Format::Geojson, &corpus.records());
    assert_eq!(summary.rows, 6, "three places in each of two articles");
    let parsed: geojson::GeoJson = out.parse().unwrap_or_else(|e| panic!("{e}\n{out}"));
    let geojson::GeoJson::FeatureCollection(collection) = parsed else { panic!("not a FeatureCollection") };
    assert_eq!(collection.features.len(), 6);
    for feature in &collection.features {
        let geometry = feature.geometry.as_ref().unwrap_or_else(|| panic!("no geometry"));
        let geojson::GeometryValue::Point { coordinates } = &geometry.value else { panic!("not a point") };
        let (lon, lat) = (coordinates[0], coordinates[1]);
        assert!(lon.is_finite() && lat.is_finite());
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        assert!(lon > 35.0 && lat < 34.0, "longitude first: {coordinates:?}");
        let props = feature.properties.as_ref().unwrap_or_else(|| panic!("no properties"));
        for key in ["article", "outlet", "published", "place_id", "place_en", "figures", "spans", "summary"] {
            assert!(props.contains_key(key), "{key} missing");
        }
    }
    let douma = collection.features[0].properties.as_ref().unwrap_or_else(|| panic!("no properties"));
    assert_eq!(douma["place_id"], "douma");
    assert_eq!(douma["mentions"], 2);
    assert_eq!(douma["killed"], 40.0);
    assert_eq!(douma["injured"], 70.0);
    assert_eq!(douma["published"], "2018-04-08");
    assert_eq!(douma["figures"].as_array().map(Vec::len), Some(4), "repeats left out");
    assert!(douma["summary"].as_str().is_some_and(|s| s.starts_with("killed 25 civilians (sohr)")));
    let harasta = collection.features[1].properties.as_ref().unwrap_or_else(|| panic!("no properties"));
    assert_eq!(harasta["displaced"], 3000.0);
    // An empty export is still valid.
    let (empty, _) = run(Format::Geojson, &[]);
    let parsed: geojson::GeoJson = empty.parse().unwrap_or_else(|e| panic!("{e}\n{empty}"));
    assert!(matches!(parsed, geojson::GeoJson::FeatureCollection(c) if c.features.is_empty()));
}

/// Extractions as a buggy or hostile producer might write them: spans past
/// the text, NaN values, delimiters and line breaks in names.
fn wild_extraction() -> impl Strategy<Value = (String, Extraction)> {
    let text = "\\PC{0,60}";
    let name = prop_oneof![Just("a\tb\nc#d;e,f".to_string()), "\\PC{0,8}", Just(String::new())];
    let number = prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(-3.0), 0.0..1e7f64];
    let coord = prop_oneof![Just(None), Just(Some(f64::NAN)), (-200.0..200.0f64).prop_map(Some)];
    let span = (0usize..100, 0usize..100).prop_map(|(a, b)| Span::new(a, b));
    let category = prop_oneof![
        Just("killed"),
        Just("injured"),
        Just("displaced"),
        Just("detained"),
        Just("attacks"),
        Just("nonsense")
    ];
    let fig = (span.clone(), number, category, name.clone(), name.clone()).prop_map(
        |(span, value, category, place, who)| Figure {
            span,
            text: String::new(),
            value,
            low: Some(value),
            high: None,
            approx: Approx::Range,
            category: Some(category.to_string()),
            who: Some(who),
            place: Some(PlaceRef { ar: place.clone(), en: place }),
            destination: None,
            source: None,
            period: None,
        },
    );
    let men = (span, name.clone(), coord.clone(), coord, prop_oneof![Just("state_force"), Just("place")])
        .prop_map(|(span, n, lat, lon, kind)| Mention {
            span,
            text: n.clone(),
            id: n.clone(),
            ar: n.clone(),
            en: n,
            kind: kind.to_string(),
            lat,
            lon,
            admin: Some("x#y".to_string()),
        });
    (text, prop::collection::vec(fig, 0..5), prop::collection::vec(men, 0..5)).prop_map(
        |(text, figures, mentions)| {
            let mut x = Extraction::empty(ArticleMeta {
                id: "w".into(),
                outlet: None,
                published: Some("bad".into()),
                title: None,
                language: "ar".into(),
            });
            x.figures = figures;
            x.places = mentions.clone();
            x.actors = mentions;
            (text, x)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn wild_extractions_never_break_the_formats((text, x) in wild_extraction(), id in "\\PC{1,10}") {
        let a = Article { id, text, published: Some("2018-13-45".into()), outlet: Some("o\tu\nt".into()), title: Some("t<\n>".into()), url: None };
        let record = ExportRecord { article: &a, extraction: &x, story: None, dup_of: None };
        for format in Format::ALL {
            let (out, summary) = run(format, &[record]);
            match format {
                Format::Gkg => {
                    prop_assert_eq!(out.lines().count(), 1);
                    prop_assert!(out.lines().all(|l| l.split('\t').count() == 27));
                }
                Format::Acled => {
                    let mut reader = csv::Reader::from_reader(out.as_bytes());
                    let rows: Vec<_> = reader.records().collect();
                    prop_assert_eq!(rows.len() as u64, summary.rows);
                    prop_assert!(rows.iter().all(|r| r.as_ref().is_ok_and(|r| r.len() == 12)));
                }
                Format::Geojson => {
                    let parsed = out.parse::<geojson::GeoJson>();
                    prop_assert!(parsed.is_ok(), "{}", out);
                }
                Format::Jsonl => {
                    prop_assert!(serde_json::from_str::<serde_json::Value>(out.trim_end()).is_ok(), "{}", out);
                }
            }
        }
    }
}
