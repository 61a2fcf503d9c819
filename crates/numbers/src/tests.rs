//! Unit tests, one group per number form. Every sentence here was written
//! for these tests.

use crate::{NumberForm, NumberPhrase, find_numbers, parse_number};
use rasid_model::Approx;
use rasid_text::Document;

/// All phrases of `t` as (phrase text, value, approx).
fn all(t: &str) -> Vec<(String, f64, Approx)> {
    let d = Document::new(t);
    find_numbers(&d).into_iter().map(|p| (d.slice(p.span).to_string(), p.value, p.approx)).collect()
}

/// The only phrase of `t`, with its text.
fn one(t: &str) -> (NumberPhrase, String) {
    let d = Document::new(t);
    let ps = find_numbers(&d);
    assert_eq!(ps.len(), 1, "expected one phrase in {t:?}, got {:?}", all(t));
    let text = d.slice(ps[0].span).to_string();
    (ps[0].clone(), text)
}

fn value(t: &str) -> f64 {
    one(t).0.value
}

#[track_caller]
fn check(t: &str, text: &str, v: f64, approx: Approx) {
    let (p, s) = one(t);
    assert_eq!(s, text, "span of {t:?}");
    assert!((p.value - v).abs() < 1e-6, "value of {t:?}: {} != {v}", p.value);
    assert_eq!(p.approx, approx, "approx of {t:?}");
}

// ---- digits ------------------------------------------------------------

#[test]
fn western_and_eastern_digits() {
    check("قتل 5218 شخصا في الهجوم", "5218", 5218.0, Approx::Exact);
    check("قتل ٥٢١٨ شخصا في الهجوم", "٥٢١٨", 5218.0, Approx::Exact);
    let (p, _) = one("قتل 5218 شخصا");
    assert_eq!(p.form, NumberForm::Digits);
    assert_eq!((p.low, p.high), (Some(5218.0), Some(5218.0)));
}

#[test]
fn thousands_separators_and_decimals() {
    let (p, s) = one("نزح 13.450 مدنيا خلال الأسبوع");
    assert_eq!((s.as_str(), p.value, p.decimal_reading), ("13.450", 13450.0, Some(13.45)));
    assert_eq!(value("نزح 13,450 مدنيا"), 13450.0);
    assert_eq!(value("نزح ١٣٬٤٥٠ مدنيا"), 13450.0);
    assert_eq!(value("يعيش هناك 1 200 شخص"), 1200.0);
    let (p, s) = one("غادر 3.5 ألف شخص");
    assert_eq!(
        (s.as_str(), p.value, p.form, p.decimal_reading),
        ("3.5 ألف", 3500.0, NumberForm::Mixed, None)
    );
    assert_eq!(value("يحتاج 2.5 مليون شخص إلى المساعدة"), 2_500_000.0);
    assert_eq!(value("يحتاج ٢٫٥ مليون شخص إلى المساعدة"), 2_500_000.0);
    assert_eq!(value("بلغت النسبة 4.75"), 4.75);
}

#[test]
fn dates_and_slashes_are_separate_numbers() {
    let v: Vec<f64> = all("تحديث 2018 / 01 / 21").into_iter().map(|x| x.1).collect();
    assert_eq!(v, [2018.0, 1.0, 21.0]);
    let v: Vec<f64> = all("في 2018-03-20 وقع الهجوم").into_iter().map(|x| x.1).collect();
    assert_eq!(v, [2018.0, 3.0, 20.0]);
}

#[test]
fn digits_inside_latin_names_are_skipped() {
    assert!(all("أسقطت طائرة F16 فوق المدينة").is_empty());
}

#[test]
fn huge_digit_runs_do_not_panic() {
    let v = value("الرقم 99999999999999999999999 كبير");
    assert!((v / 1e23 - 1.0).abs() < 1e-9, "{v}");
    let long = format!("رقم {} هنا", "9".repeat(500));
    assert!(all(&long).is_empty(), "an infinite value is not reported");
}

// ---- words -------------------------------------------------------------

#[test]
fn units_in_both_genders() {
    assert_eq!(value("قتل ثلاثة أطفال"), 3.0);
    assert_eq!(value("عثر على ثلاث جثث"), 3.0);
    assert_eq!(value("أصيب ثماني نساء"), 8.0);
    assert_eq!(value("أصيب ثمانية رجال"), 8.0);
    assert_eq!(value("قتل اثنان من المسعفين"), 2.0);
    assert_eq!(value("قتلت امرأتان واثنتان من بناتهما"), 2.0);
    assert_eq!(value("نجا رجل واحد"), 1.0);
    let (p, _) = one("أصيب عشرة مدنيين");
    assert_eq!((p.value, p.form), (10.0, NumberForm::Words));
}

#[test]
fn teens() {
    assert_eq!(value("قتل أحد عشر شخصا"), 11.0);
    assert_eq!(value("قتلت إحدى عشرة امرأة"), 11.0);
    assert_eq!(value("أصيب اثنا عشر طفلا"), 12.0);
    assert_eq!(value("أسعف اثني عشر جريحا"), 12.0);
    assert_eq!(value("اعتقل ثلاثة عشر شابا"), 13.0);
    assert_eq!(value("اعتقلت ثلاث عشرة سيدة"), 13.0);
    assert_eq!(value("قتل تسعة عشر عنصرا"), 19.0);
}

#[test]
fn tens_and_compounds() {
    assert_eq!(value("قتل ستين مدنيا"), 60.0);
    assert_eq!(value("قتل خمسة وعشرون شخصا"), 25.0);
    assert_eq!(value("أحصى المرصد سبعة وثلاثين قتيلا"), 37.0);
    assert_eq!(value("وصلت مئة حافلة"), 100.0);
    assert_eq!(value("وصلت مائة وعشرون حافلة"), 120.0);
    assert_eq!(value("نقل مئتان وخمسون جريحا"), 250.0);
    assert_eq!(value("نقل مائتين من الجرحى"), 200.0);
    assert_eq!(value("نقل ثلاثمئة جريح"), 300.0);
    assert_eq!(value("نقل ثلاث مائة جريح"), 300.0);
    assert_eq!(value("نقل تسعمائة وتسعة وتسعون جريحا"), 999.0);
}

#[test]
fn multipliers() {
    let (p, s) = one("نزح ثلاثمئة ألف شخص");
    assert_eq!((s.as_str(), p.value, p.form), ("ثلاثمئة ألف", 300_000.0, NumberForm::Words));
    assert_eq!(value("نزح ثلاثة آلاف وخمسمائة شخص"), 3500.0);
    assert_eq!(value("سقط ألف قتيل"), 1000.0);
    assert_eq!(value("نزح ألفين من السكان"), 2000.0);
    assert_eq!(value("نزح ألفان من السكان"), 2000.0);
    assert_eq!(value("يعيش ثلاثة ملايين لاجئ"), 3_000_000.0);
    assert_eq!(value("يعيش مليونا لاجئ"), 1_000_000.0);
    assert_eq!(value("يعيش مليونين من اللاجئين"), 2_000_000.0);
    assert_eq!(value("يعيش مليون ونصف لاجئ"), 1_500_000.0);
    assert_eq!(value("يعيش نصف مليون لاجئ"), 500_000.0);
    assert_eq!(value("بلغت الكلفة مليار دولار"), 1e9);
    assert_eq!(value("خرج عشرون ألفا من المدنيين"), 20_000.0);
    assert_eq!(value("خرج مئة وخمسون ألف مدني"), 150_000.0);
    assert_eq!(value("نزح أحد عشر ألف شخص"), 11_000.0);
    assert_eq!(value("نزح ثلاثة ملايين وخمسمائة ألف شخص"), 3_500_000.0);
}

#[test]
fn digits_with_word_multipliers() {
    check("نزح 5 آلاف شخص", "5 آلاف", 5000.0, Approx::Exact);
    check("نزح 25 ألفاً من السكان", "25 ألفاً", 25000.0, Approx::Exact);
    check("نزح 12 ألف مدني", "12 ألف", 12000.0, Approx::Exact);
    check("نزح 13ألف شخص", "13ألف", 13000.0, Approx::Exact);
    check("بلغ عدد النازحين 240 ألفا و381 شخصا", "240 ألفا و381", 240_381.0, Approx::Exact);
    check("سجل 71 ألفا و781 نازحا", "71 ألفا و781", 71_781.0, Approx::Exact);
    let (p, _) = one("نزح 5 آلاف وخمسمائة شخص");
    assert_eq!((p.value, p.form), (5500.0, NumberForm::Mixed));
}

#[test]
fn clitics_on_number_words() {
    check("قتل رجل وخمسة أطفال", "خمسة", 5.0, Approx::Exact);
    check("مر بخمسة حواجز", "خمسة", 5.0, Approx::Exact);
    check("دعا لثلاثة أيام حداد", "ثلاثة", 3.0, Approx::Exact);
    check("قتل رجل و3 أطفال", "3", 3.0, Approx::Exact);
    check("قدرت الخسائر بـ 1100 منزل", "1100", 1100.0, Approx::Exact);
    check("أصيب رجل وبنحو 5 أطفال", "نحو 5", 5.0, Approx::About);
}

#[test]
fn waw_joins_only_one_number() {
    let v = all("قتل 5 وجرح 10 في القصف");
    assert_eq!(v.iter().map(|x| x.1).collect::<Vec<_>>(), [5.0, 10.0]);
    let v = all("قتل خمسة وأصيب عشرة");
    assert_eq!(v.iter().map(|x| x.1).collect::<Vec<_>>(), [5.0, 10.0]);
    let v = all("نزح 12 ألفا و5 آلاف عادوا");
    assert_eq!(v.iter().map(|x| x.1).collect::<Vec<_>>(), [12000.0, 5000.0]);
}

// ---- approximation -----------------------------------------------------

#[test]
fn about() {
    check("قتل نحو 40 شخصا", "نحو 40", 40.0, Approx::About);
    check("قتل حوالي 40 شخصا", "حوالي 40", 40.0, Approx::About);
    check("قتل حوالى 40 شخصا", "حوالى 40", 40.0, Approx::About);
    check("يعيش قرابة 400 ألف شخص", "قرابة 400 ألف", 400_000.0, Approx::About);
    check("يعيش زهاء مليون شخص", "زهاء مليون", 1e6, Approx::About);
    check("يعيش ما يقارب 30 ألفا", "ما يقارب 30 ألفا", 30_000.0, Approx::About);
    check("خرج 50 شخصا تقريبا", "50", 50.0, Approx::About);
    check("خرج 50 تقريبا", "50 تقريبا", 50.0, Approx::About);
    check("قدرت الأعداد بحوالي 200 ألف طفل", "حوالي 200 ألف", 200_000.0, Approx::About);
    check("وقرابة 70 جريحا", "قرابة 70", 70.0, Approx::About);
    let (p, _) = one("قتل نحو 40 شخصا");
    assert_eq!((p.low, p.high), (None, None));
}

#[test]
fn at_least() {
    let (p, s) = one("نزح أكثر من 5 آلاف شخص");
    assert_eq!((s.as_str(), p.value, p.low, p.high), ("أكثر من 5 آلاف", 5000.0, Some(5000.0), None));
    check("قتل ما لا يقل عن 25 شخصا", "ما لا يقل عن 25", 25.0, Approx::AtLeast);
    check("قتل ما يزيد عن 30 شخصا", "ما يزيد عن 30", 30.0, Approx::AtLeast);
    check("قتل ما يزيد على 30 شخصا", "ما يزيد على 30", 30.0, Approx::AtLeast);
    check("قتل أزيد من 30 شخصا", "أزيد من 30", 30.0, Approx::AtLeast);
    check("قتل ألف على الأقل", "ألف على الأقل", 1000.0, Approx::AtLeast);
    check("تسبب بأكثر من ألف إصابة", "أكثر من ألف", 1000.0, Approx::AtLeast);
    check("قتل أكثر من تسعين في المئة", "أكثر من تسعين في المئة", 90.0, Approx::AtLeast);
}

#[test]
fn at_most() {
    let (p, s) = one("قتل أقل من 10 أشخاص");
    assert_eq!(
        (s.as_str(), p.value, p.low, p.high, p.approx),
        ("أقل من 10", 10.0, None, Some(10.0), Approx::AtMost)
    );
    check("تشير الأرقام إلى ما يصل إلى 180 ضحية", "ما يصل إلى 180", 180.0, Approx::AtMost);
    check("الأعداد قد تصل إلى 180 ضحية", "قد تصل إلى 180", 180.0, Approx::AtMost);
    check("حمولة ولا تتجاوز 30 كيلوغراما", "لا تتجاوز 30", 30.0, Approx::AtMost);
}

#[test]
fn trailing_approximation_after_the_noun() {
    let d = Document::new("قتل 12 شخصا على الأقل في الغارة");
    let ps = find_numbers(&d);
    assert_eq!(ps.len(), 1);
    let p = &ps[0];
    assert_eq!(d.slice(p.span), "12");
    assert_eq!(p.approx, Approx::AtLeast);
    let r = p.trailing_approx.clone().expect("trailing");
    assert_eq!(d.slice(d.span_of(r)), "على الأقل");
    check("شاهد المصور ثماني جثث محترقة على الأقل", "ثماني", 8.0, Approx::AtLeast);
    check("قتل 80 قتيلا مدنيا على الاقل", "80", 80.0, Approx::AtLeast);
    // a preposed "about" is refined by a postposed bound
    check("قتل حوالي سبعين شخصا على الأقل", "حوالي سبعين", 70.0, Approx::AtLeast);
    // the bound belongs to the nearest number
    let v = all("خلف 35 قتيلا و23 مصابا على الأقل");
    assert_eq!(v[0].2, Approx::Exact);
    assert_eq!(v[1].2, Approx::AtLeast);
    // too far, or across punctuation: not read
    assert_eq!(all("قتل 12 شخصا، وأصيب آخرون على الأقل")[0].2, Approx::Exact);
}

#[test]
fn quote_between_approx_and_number() {
    check("قال إن حوالي \"سبعين شخصا اختنقوا", "حوالي \"سبعين", 70.0, Approx::About);
}

// ---- ranges ------------------------------------------------------------

#[test]
fn ranges() {
    let (p, s) = one("نزح بين 9 آلاف و11 ألفا");
    assert_eq!(s, "بين 9 آلاف و11 ألفا");
    assert_eq!((p.value, p.low, p.high, p.approx), (10_000.0, Some(9000.0), Some(11_000.0), Approx::Range));
    let (p, _) = one("نزح بين 9 و11 ألفا");
    assert_eq!((p.low, p.high), (Some(9000.0), Some(11_000.0)));
    let (p, _) = one("نزح بين 500 و3 آلاف");
    assert_eq!((p.low, p.high), (Some(500.0), Some(3000.0)));
    let (p, s) = one("قتل ما بين 20 و30 شخصا");
    assert_eq!((s.as_str(), p.value), ("ما بين 20 و30", 25.0));
    let (p, s) = one("يتراوح عددهم من 5 إلى 10 آلاف");
    assert_eq!((s.as_str(), p.low, p.high), ("من 5 إلى 10 آلاف", Some(5000.0), Some(10_000.0)));
    let (p, s) = one("قتل 10-15 شخصا");
    assert_eq!((s.as_str(), p.value, p.approx), ("10-15", 12.5, Approx::Range));
    let (p, _) = one("حقوق النشر 2007 - 2018");
    assert_eq!((p.low, p.high), (Some(2007.0), Some(2018.0)));
    let (p, _) = one("بين خمسة وعشرة أشخاص");
    assert_eq!((p.low, p.high), (Some(5.0), Some(10.0)));
}

#[test]
fn a_change_is_not_a_range() {
    let v = all("ارتفع عدد القتلى من 20 إلى 35 شخصا");
    assert_eq!(v.iter().map(|x| x.1).collect::<Vec<_>>(), [20.0, 35.0]);
    assert!(v.iter().all(|x| x.2 == Approx::Exact));
    let v = all("سجلت الأرقام تغيرا من 6899 إلى 6254 قتيلا");
    assert_eq!(v.iter().map(|x| x.1).collect::<Vec<_>>(), [6899.0, 6254.0], "a range does not go down");
}

#[test]
fn bayn_without_a_second_bound_is_not_a_range() {
    let v = all("بين 12 طفلا و5 نساء");
    assert_eq!(
        v.iter().map(|x| (x.1, x.2)).collect::<Vec<_>>(),
        [(12.0, Approx::Exact), (5.0, Approx::Exact)]
    );
}

// ---- percent, article --------------------------------------------------

#[test]
fn percent() {
    for (t, text, v) in [
        ("سيطرت على 70 في المئة منها", "70 في المئة", 70.0),
        ("سيطرت على 95 في المائة من الغوطة", "95 في المائة", 95.0),
        ("سيطرت على 80 بالمئة منها", "80 بالمئة", 80.0),
        ("سيطرت على 80 بالمائة منها", "80 بالمائة", 80.0),
        ("سيطرت على 60% منها", "60%", 60.0),
        ("سيطرت على ٦٠٪ منها", "٦٠٪", 60.0),
        ("سيطرت على نحو 10 في المئة فقط", "نحو 10 في المئة", 10.0),
    ] {
        let (p, s) = one(t);
        assert_eq!((s.as_str(), p.value, p.percent), (text, v, true), "{t}");
    }
    assert!(!one("قتل 70 شخصا").0.percent);
}

#[test]
fn article_on_digits() {
    let (p, s) = one("أكد أن القتلى الـ35 مدنيون");
    assert_eq!((s.as_str(), p.value, p.definite), ("الـ35", 35.0, true));
    let (p, s) = one("خروج ال48 شخصا");
    assert_eq!((s.as_str(), p.value, p.definite), ("ال48", 48.0, true));
    let (p, s) = one("وصول والـ20 ألفا");
    assert_eq!((s.as_str(), p.value, p.definite), ("الـ20 ألفا", 20_000.0, true));
    assert!(!one("قتل 35 شخصا").0.definite);
}

// ---- ordinals and fractions ---------------------------------------------

#[test]
fn ordinals() {
    for (t, v) in [
        ("في الثامن من مارس", 8.0),
        ("الدفعة الثانية", 2.0),
        ("اتفاق إجلاء ثان", 2.0),
        ("دفعة أولى", 1.0),
        ("اليوم الأول", 1.0),
        ("هجوما ثانيا", 2.0),
        ("في الحادي عشر من أيار", 11.0),
        ("في الثانية عشرة ظهرا", 12.0),
        ("في العشرين من الشهر", 20.0),
        ("في الحادي والعشرين من الشهر", 21.0),
        ("في الثاني والعشرين من الشهر", 22.0),
        ("في الحادي والثلاثين من الشهر", 31.0),
        ("للمرة العاشرة", 10.0),
    ] {
        let (p, _) = one(t);
        assert_eq!((p.value, p.form), (v, NumberForm::Ordinal), "{t}");
    }
    assert!(one("في الثامن من مارس").0.definite);
    assert!(all("أعلن الحادي أمس").is_empty(), "الحادي alone is not a number");
}

#[test]
fn fractions() {
    let (p, s) = one("سيطرت بثلثي ما تم تحريره");
    assert_eq!((s.as_str(), p.form, p.percent), ("ثلثي", NumberForm::Fraction, false));
    assert!((p.value - 2.0 / 3.0).abs() < 1e-6);
    assert_eq!(value("غادر ربع السكان"), 0.25);
    assert_eq!(value("غادر نصف السكان"), 0.5);
    assert!((value("غادر ثلث السكان") - 1.0 / 3.0).abs() < 1e-6);
    assert_eq!(value("غادر ثلاثة أرباع السكان"), 0.75);
    let (p, s) = one("ربعهم من المقاتلين");
    assert_eq!((s.as_str(), p.form), ("ربعهم", NumberForm::Fraction));
}

// ---- non-numbers ---------------------------------------------------------

#[test]
fn weekdays_and_one_of_are_not_numbers() {
    for t in [
        "قتل يوم الاثنين",
        "وصل الأحد الماضي",
        "يوم الثلاثاء",
        "يوم الخميس",
        "يوم السبت",
        "في أحد الأحياء",
        "في إحدى مناطق خفض التوتر",
        "شنت غارات عدة",
        "قتل عشرات المدنيين",
        "نزح مئات الأشخاص",
        "نزح آلاف المدنيين",
        "نزح عشرات الآلاف",
        "نزح مئات الآلاف",
        "فر الآلاف",
        "أصيب العشرات",
        "في بضعة أحياء",
        "أنا لست هنا",
    ] {
        assert!(all(t).is_empty(), "{t}: {:?}", all(t));
    }
    // without the article it is two
    assert_eq!(value("قتل اثنين من المسلحين"), 2.0);
}

#[test]
fn years_and_other_numbers_are_returned_as_numbers() {
    assert_eq!(value("منذ العام 2013"), 2013.0);
    assert_eq!(value("القرار 2254"), 2254.0);
    assert_eq!(value("رجل يبلغ 41 عاما"), 41.0);
}

#[test]
fn definite_number_words() {
    let (p, s) = one("الجيوب الثلاثة");
    assert_eq!((s.as_str(), p.value, p.definite), ("الثلاثة", 3.0, true));
    let (p, _) = one("السنوات السبع");
    assert_eq!((p.value, p.definite), (7.0, true));
}

#[test]
fn parse_number_convenience() {
    assert_eq!(parse_number("أكثر من 5 آلاف"), Some((5000.0, Approx::AtLeast)));
    assert_eq!(parse_number("نحو ألفين"), Some((2000.0, Approx::About)));
    assert_eq!(parse_number("لا شيء"), None);
}

#[test]
fn spans_come_from_the_original_text() {
    // diacritics, tatweel and a no-break space inside the phrase
    let t = "يعاني قرابة\u{00A0}400 ألفٍ من الناس";
    let (p, s) = one(t);
    assert_eq!(s, "قرابة\u{00A0}400 ألفٍ");
    assert_eq!(p.value, 400_000.0);
    let (p, s) = one("قتل خمســة أشخاص");
    assert_eq!((s.as_str(), p.value), ("خمســة", 5.0));
}

#[test]
fn more_forms_seen_in_news() {
    let (p, s) = one("تراوح العدد ما بين 20-30 ألف مقاتل");
    assert_eq!((s.as_str(), p.low, p.high), ("ما بين 20-30 ألف", Some(20_000.0), Some(30_000.0)));
    let (p, s) = one("عاد مابين 100 ألف و200 ألف شخص");
    assert_eq!((s.as_str(), p.value), ("مابين 100 ألف و200 ألف", 150_000.0));
    check("قتل أكثر من نصفهم", "أكثر من نصفهم", 0.5, Approx::AtLeast);
    check("دفعت ما تجاوز مليار دولار", "تجاوز مليار", 1e9, Approx::AtLeast);
    // "أو" opens a new clause: the bound is not the number's
    assert_eq!(all("حضر مرة واحدة أو على الأقل مرتين")[0].2, Approx::Exact);
}

#[test]
fn token_ranges_of_a_phrase() {
    let d = Document::new("قتل لنحو 5 آلاف شخص تقريبا");
    let ps = find_numbers(&d);
    assert_eq!(ps.len(), 1);
    let p = &ps[0];
    assert_eq!(d.slice(p.span), "نحو 5 آلاف");
    assert_eq!(d.slice(d.span_of(p.core.clone())), "5 آلاف");
    assert_eq!(
        d.slice(d.span_of(p.tokens.clone())),
        "لنحو 5 آلاف",
        "the clitic is in the token, not the span"
    );
    assert_eq!(p.approx, Approx::About);
    assert_eq!(p.trailing_approx.clone().map(|r| d.slice(d.span_of(r)).to_string()), Some("تقريبا".into()));

    let d = Document::new("بلغ عدد القتلى الـ35 شخصا");
    let p = &find_numbers(&d)[0];
    assert_eq!(d.slice(d.span_of(p.core.clone())), "35");
    assert_eq!(d.slice(p.span), "الـ35");
}

#[test]
fn postposed_bound_that_opens_a_new_number_is_not_read() {
    // "أو أكثر من 10" is the next number's bound, not a postposed one
    let v = all("نقل 5 أو أكثر من 10 جرحى");
    assert_eq!(v, [("5".to_string(), 5.0, Approx::Exact), ("أكثر من 10".to_string(), 10.0, Approx::AtLeast)]);
    check("نقل 5 أو أكثر", "5 أو أكثر", 5.0, Approx::AtLeast);
}

#[test]
fn a_range_without_its_opener() {
    let v = all("هناك نحو 150 إلى 200 نازح قرب الحدود");
    assert_eq!(v, [("نحو 150 إلى 200".to_string(), 175.0, Approx::Range)]);
    let v = all("قتل 3 إلى 4 آلاف شخص");
    assert_eq!(v, [("3 إلى 4 آلاف".to_string(), 3500.0, Approx::Range)]);
    // downwards, or after a verb of change, or far apart: two numbers
    assert_eq!(all("ارتفع عدد القتلى 20 إلى 35").len(), 2);
    assert_eq!(all("نقل 5 إلى 500 مصاب").len(), 2);
}
