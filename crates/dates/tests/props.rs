//! Property tests: no text and no publication date (down to year -9999 and
//! up to 9999) makes `find_dates` panic, and what it returns is always well
//! formed: valid, ordered, non-overlapping spans and from <= to.

use jiff::civil::Date;
use proptest::prelude::*;
use rasid_dates::find_dates;
use rasid_text::Document;

/// Pieces that drive the grammar into its corners, plus any character.
fn piece() -> impl Strategy<Value = String> {
    let words = vec![
        "منذ",
        "قبل",
        "يوم",
        "يومي",
        "ليل",
        "ليلة",
        "مساء",
        "أمس",
        "الأول",
        "أول",
        "من",
        "اليوم",
        "الليلة",
        "غدا",
        "الأحد",
        "الاثنين",
        "والثلاثاء",
        "السبت",
        "الجمعة",
        "الماضي",
        "الماضية",
        "المقبل",
        "الجاري",
        "شباط",
        "فبراير",
        "مارس",
        "آب",
        "كانون",
        "الثاني",
        "تشرين",
        "رمضان",
        "ذو",
        "الحجة",
        "هـ",
        "م",
        "عام",
        "العام",
        "عامي",
        "سنة",
        "الشهر",
        "الأسبوع",
        "الأيام",
        "الساعات",
        "سنوات",
        "عاما",
        "يومين",
        "خمس",
        "الثلاثة",
        "بضعة",
        "أكثر",
        "نحو",
        "نهاية",
        "مطلع",
        "منتصف",
        "أوائل",
        "عشية",
        "عيد",
        "الأم",
        "الفطر",
        "هذا",
        "في",
        "حتى",
        "محفوظة",
        "قوى",
        "المقرر",
        "الثامن",
        "الحادي",
        "والعشرين",
        "الـ",
        "ال",
        "و",
        "18",
        "31",
        "0",
        "00",
        "29",
        "2",
        "12",
        "1439",
        "2013",
        "2018",
        "9999",
        "99999999999",
        "1",
        "/",
        " / ",
        "-",
        " - ",
        ".",
        "،",
        "(",
        ")",
        "\n",
        " ",
        " ",
        "٢٠١٨",
        "١٨",
    ];
    prop_oneof![
        8 => prop::sample::select(words).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[0-9]{1,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((piece(), prop::bool::weighted(0.7)), 0..40).prop_map(|parts| {
        let mut s = String::new();
        for (p, space) in parts {
            s.push_str(&p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

fn published() -> impl Strategy<Value = Option<Date>> {
    prop_oneof![
        Just(None),
        Just(Some(Date::MIN)),
        Just(Some(Date::MAX)),
        Just(Date::new(1, 1, 1).ok()),
        Just(Date::new(9999, 12, 31).ok()),
        (-9999i16..=9999, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| Date::new(y, m, d).ok()),
        (1990i16..=2030, 1i8..=12, 1i8..=31).prop_map(|(y, m, d)| Date::new(y, m, d).ok()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn never_panics_and_output_is_well_formed(text in text(), published in published()) {
        let doc = Document::new(&text);
        let n = doc.char_len();
        let found = find_dates(&doc, published);
        let mut last_end = 0;
        for d in &found {
            prop_assert!(d.span.start < d.span.end, "empty span {:?}", d);
            prop_assert!(d.span.end <= n, "span past the end {:?}", d);
            prop_assert!(d.span.start >= last_end, "overlap or disorder {:?}", found);
            prop_assert!(d.tokens.start < d.tokens.end && d.tokens.end <= doc.tokens.len());
            last_end = d.span.end;
            if let (Some(a), Some(b)) = (d.from, d.to) {
                prop_assert!(a <= b, "from after to {:?}", d);
            }
            let m = d.to_mention(&doc);
            prop_assert!(!m.text.is_empty());
        }
    }

    #[test]
    fn any_characters_at_all(chars in prop::collection::vec(any::<char>(), 0..200), published in published()) {
        let text: String = chars.into_iter().collect();
        let doc = Document::new(&text);
        for d in find_dates(&doc, published) {
            prop_assert!(d.span.start < d.span.end && d.span.end <= doc.char_len());
        }
    }
}
