//! What the grammar reads, one feature at a time, on sentences written for
//! these tests (news style, not taken from any corpus).
//!
//! Reference days: 2018-03-20 is a Tuesday, 2018-03-25 a Sunday, 2015-08-04
//! a Tuesday.

use rasid_dates::{DateKind, find_dates, parse_iso_date};
use rasid_text::Document;

type Found = (String, Option<String>, Option<String>);

/// (span text, from, to) of every mention.
fn read(text: &str, published: Option<&str>) -> Vec<Found> {
    let doc = Document::new(text);
    let published = published.map(|p| parse_iso_date(p).expect("test date"));
    find_dates(&doc, published)
        .iter()
        .map(|d| {
            let m = d.to_mention(&doc);
            (m.text, m.from, m.to)
        })
        .collect()
}

fn one(span: &str, from: &str, to: &str) -> Found {
    (span.to_string(), Some(from.to_string()), Some(to.to_string()))
}

fn day(span: &str, d: &str) -> Found {
    one(span, d, d)
}

fn unresolved(span: &str) -> Found {
    (span.to_string(), None, None)
}

const TUE: Option<&str> = Some("2018-03-20");

fn kinds(text: &str, published: Option<&str>) -> Vec<(DateKind, bool)> {
    let doc = Document::new(text);
    find_dates(&doc, published.and_then(parse_iso_date)).iter().map(|d| (d.kind, d.since)).collect()
}

// ------------------------------------------------------------------ weekdays

#[test]
fn weekdays_set_off_or_after_a_day_word() {
    assert_eq!(read("قتل خمسة مدنيين، الأحد، في قصف على البلدة.", TUE), [day("الأحد", "2018-03-18")]);
    assert_eq!(read("أعلن الجيش يوم الخميس سيطرته على القرية.", TUE), [day("يوم الخميس", "2018-03-15")]);
    assert_eq!(read("وصلت القافلة الثلاثاء إلى المدينة.", TUE), [day("الثلاثاء", "2018-03-20")]);
    assert_eq!(kinds("وصلت القافلة الثلاثاء", TUE), [(DateKind::Weekday, false)]);
}

#[test]
fn past_and_next_weekdays() {
    // a Thursday article: "الخميس الماضي" is a week back, "الخميس" today
    let thu = Some("2018-03-22");
    assert_eq!(read("وصل الوفد الخميس الماضي إلى دمشق.", thu), [day("الخميس الماضي", "2018-03-15")]);
    assert_eq!(read("وصل الوفد الخميس إلى دمشق.", thu), [day("الخميس", "2018-03-22")]);
    assert_eq!(read("تعقد الجولة الجمعة المقبلة في جنيف.", TUE), [day("الجمعة المقبلة", "2018-03-23")]);
    assert_eq!(
        read("قتل العشرات يوم الجمعة الماضية.", Some("2018-04-08")),
        [day("يوم الجمعة الماضية", "2018-04-06")]
    );
}

#[test]
fn planned_weekdays_look_forward() {
    assert_eq!(read("ومن المقرر أن يصل المبعوث الأحد إلى العاصمة.", TUE), [day("الأحد", "2018-03-25")]);
}

#[test]
fn time_of_day_stays_out_of_the_span() {
    assert_eq!(read("قتل ثلاثة أشخاص مساء السبت في الحي.", TUE), [day("السبت", "2018-03-17")]);
    assert_eq!(read("بدأ القصف فجر اليوم على البلدة.", TUE), [day("اليوم", "2018-03-20")]);
    assert_eq!(
        read("سقطت قذائف ظهر اليوم السبت على السوق.", Some("2018-03-17")),
        [day("اليوم السبت", "2018-03-17")]
    );
    assert_eq!(read("ارتفعت الحصيلة حتى مساء أمس إلى 18 قتيلا.", TUE), [day("أمس", "2018-03-19")]);
}

#[test]
fn a_night_that_names_its_days() {
    assert_eq!(
        read("اندلعت اشتباكات عنيفة ليل الاثنين الثلاثاء في الحي.", TUE),
        [one("ليل الاثنين الثلاثاء", "2018-03-19", "2018-03-20")]
    );
    assert_eq!(
        read("خرجت الحافلات ليل السبت-الأحد من المدينة.", Some("2018-03-25")),
        [one("ليل السبت-الأحد", "2018-03-24", "2018-03-25")]
    );
    // one day named: the night word stays out
    assert_eq!(read("قتل جنديان ليل الاثنين في الحي.", TUE), [day("الاثنين", "2018-03-19")]);
    assert_eq!(kinds("ليل الاثنين الثلاثاء", TUE), [(DateKind::Range, false)]);
}

#[test]
fn the_two_and_the_one_are_not_weekdays() {
    assert!(read("اتفق الاثنين معا على الخطة.", TUE).is_empty());
    assert!(read("رفض كلا الاثنين العرض المقدم.", TUE).is_empty());
    assert!(read("قال عبد الأحد إن القرية هادئة.", TUE).is_empty());
    assert!(read("التقى الاثنين الآخرين في المقر.", TUE).is_empty());
}

#[test]
fn weekdays_listed_together() {
    assert_eq!(
        read("قتل 40 شخصا خلال يومي الاثنين والثلاثاء.", TUE),
        [day("الاثنين", "2018-03-19"), day("الثلاثاء", "2018-03-20")]
    );
    assert_eq!(read("وصل الوفد (الاثنين) إلى المدينة.", TUE), [day("الاثنين", "2018-03-19")]);
}

// ------------------------------------------------------------------ relative days

#[test]
fn yesterday_and_the_day_before() {
    let mon = Some("2018-03-19");
    assert_eq!(read("قال المرصد أمس الأحد إن الغارات توقفت.", mon), [day("أمس الأحد", "2018-03-18")]);
    assert_eq!(
        read("وصلت قافلة اليوم، وأمس غادرت أخرى.", mon),
        [day("اليوم", "2018-03-19"), day("أمس", "2018-03-18")]
    );
    assert_eq!(read("جرت الاشتباكات أول أمس قرب الجسر.", mon), [day("أول أمس", "2018-03-17")]);
    assert_eq!(read("جرت الاشتباكات أول من أمس قرب الجسر.", mon), [day("أول من أمس", "2018-03-17")]);
    assert_eq!(read("جرت الاشتباكات أمس الأول قرب الجسر.", mon), [day("أمس الأول", "2018-03-17")]);
    assert_eq!(
        read("دارت معارك منتصف ليل أمس (الأول) في البلدة.", mon),
        [day("ليل أمس (الأول)", "2018-03-17")]
    );
    assert_eq!(read("قصفت الطائرات (أمس) القرية.", mon), [day("أمس", "2018-03-18")]);
}

#[test]
fn today_and_its_lookalikes() {
    assert_eq!(
        read("أعلن الجيش اليوم (الاثنين) وقف القتال.", Some("2018-03-19")),
        [day("اليوم (الاثنين)", "2018-03-19")]
    );
    assert!(read("في اليوم الأول من الهدنة عاد الهدوء.", TUE).is_empty());
    assert!(read("في ذلك اليوم قتل العشرات.", TUE).is_empty());
    assert!(read("احتفل الناشطون باليوم العالمي للاجئين.", TUE).is_empty());
}

#[test]
fn nights_tomorrow_and_the_previous_day() {
    assert_eq!(read("بدأت عمليات الإجلاء الليلة من البلدة.", TUE), [one("الليلة", "2018-03-19", "2018-03-20")]);
    assert_eq!(read("تصل القافلة غدا إلى المدينة.", TUE), [day("غدا", "2018-03-21")]);
    assert_eq!(read("وكما حصل في اليوم السابق، تجمعت الحافلات.", TUE), [day("اليوم السابق", "2018-03-19")]);
    assert_eq!(kinds("في اليوم التالي", TUE), [(DateKind::Vague, false)]);
}

#[test]
fn days_ago() {
    assert_eq!(read("وقبل يومين، أعلن الجيش خروج المسلحين.", TUE), [day("قبل يومين", "2018-03-18")]);
    assert_eq!(read("غادرت القافلة قبل ثلاثة أيام.", TUE), [day("قبل ثلاثة أيام", "2018-03-17")]);
    assert_eq!(read("غادرت القافلة قبل 10 أيام.", TUE), [day("قبل 10 أيام", "2018-03-10")]);
    assert_eq!(read("وصلت المساعدات قبل أيام إلى البلدة.", TUE), [unresolved("قبل أيام")]);
    assert_eq!(read("توقف القصف قبل يومين من الاتفاق.", TUE), [unresolved("قبل يومين")]);
}

#[test]
fn weeks_months_and_years_around_publication() {
    // weeks run Sunday to Saturday
    assert_eq!(read("غادر المسلحون الأسبوع الماضي.", TUE), [one("الأسبوع الماضي", "2018-03-11", "2018-03-17")]);
    assert_eq!(read("يصل الوفد الأسبوع المقبل.", TUE), [one("الأسبوع المقبل", "2018-03-25", "2018-03-31")]);
    assert_eq!(read("تصاعد القصف هذا الأسبوع.", TUE), [one("هذا الأسبوع", "2018-03-18", "2018-03-24")]);
    assert_eq!(read("بدأ الهجوم الشهر الماضي.", TUE), [one("الشهر الماضي", "2018-02-01", "2018-02-28")]);
    assert_eq!(read("أبرم الاتفاق العام الماضي.", TUE), [one("العام الماضي", "2017-01-01", "2017-12-31")]);
    assert_eq!(
        read("أبرم الاتفاق في السنة الماضية.", TUE),
        [one("السنة الماضية", "2017-01-01", "2017-12-31")]
    );
}

#[test]
fn counted_and_vague_periods() {
    assert_eq!(
        read("قتل 40 شخصا خلال الأيام الثلاثة الماضية.", TUE),
        [one("الأيام الثلاثة الماضية", "2018-03-17", "2018-03-20")]
    );
    assert_eq!(
        read("قتل 40 شخصا خلال الساعات الـ24 الماضية.", TUE),
        [one("الساعات الـ24 الماضية", "2018-03-19", "2018-03-20")]
    );
    assert_eq!(
        read("تصاعد القصف خلال الأسبوعين الماضيين.", TUE),
        [one("الأسبوعين الماضيين", "2018-03-06", "2018-03-20")]
    );
    for vague in
        ["الأيام الماضية", "الأيام التالية", "الأيام القليلة الماضية", "الفترة الأخيرة", "الأسابيع الماضية"]
    {
        assert_eq!(read(&format!("تصاعد القصف في {vague} على البلدة."), TUE), [unresolved(vague)], "{vague}");
    }
}

// ------------------------------------------------------------------ months

#[test]
fn levantine_and_egyptian_month_names() {
    assert_eq!(
        read("بدأ الهجوم في شباط/فبراير الماضي.", TUE),
        [one("شباط/فبراير الماضي", "2018-02-01", "2018-02-28")]
    );
    assert_eq!(
        read("سقطت المدينة في مايو أيار.", Some("2015-08-03")),
        [one("مايو أيار", "2015-05-01", "2015-05-31")]
    );
    assert_eq!(
        read("وصف المكتب في نوفمبر / تشرين الثاني الوضع بأنه كارثي.", Some("2017-12-24")),
        [one("نوفمبر / تشرين الثاني", "2017-11-01", "2017-11-30")]
    );
    assert_eq!(
        read("انسحبت القوات في كانون الثاني 2017.", TUE),
        [one("كانون الثاني 2017", "2017-01-01", "2017-01-31")]
    );
    assert_eq!(
        read("وقع الهجوم في أغسطس/آب عام 2013.", TUE),
        [one("أغسطس/آب عام 2013", "2013-08-01", "2013-08-31")]
    );
    assert_eq!(
        read("بدأ النزاع في آذار (مارس) 2011.", TUE),
        [one("آذار (مارس) 2011", "2011-03-01", "2011-03-31")]
    );
}

#[test]
fn months_without_a_year() {
    // the latest not after publication; "الماضي" strictly before; "المقبل" after
    assert_eq!(read("سيطر التحالف على المدينة في ديسمبر.", TUE), [one("ديسمبر", "2017-12-01", "2017-12-31")]);
    assert_eq!(read("تقدم الجيش في مارس.", TUE), [one("مارس", "2018-03-01", "2018-03-31")]);
    assert_eq!(read("تعقد القمة في مارس المقبل.", TUE), [one("مارس المقبل", "2019-03-01", "2019-03-31")]);
    assert_eq!(
        read("خسر الجيش المدينة في مارس الماضي.", TUE),
        [one("مارس الماضي", "2017-03-01", "2017-03-31")]
    );
    assert_eq!(
        read("ومن المقرر أن تعقد الجولة المقبلة في يونيو.", TUE),
        [one("يونيو", "2018-06-01", "2018-06-30")]
    );
}

#[test]
fn weak_month_names_need_context() {
    assert!(read("مارس الجيش ضغوطا كبيرة على السكان.", TUE).is_empty());
    assert!(read("نشر الفيديو عبر واتس آب مساء.", TUE).is_empty());
    assert!(read("وقف الحارس أمام باب المستشفى.", TUE).is_empty());
    assert!(read("قال رجب طيب أردوغان إن بلاده مستعدة.", TUE).is_empty());
    assert_eq!(read("منذ تموز تتعرض البلدة للقصف.", TUE).len(), 1);
}

// ------------------------------------------------------------------ calendar dates

#[test]
fn days_of_months() {
    assert_eq!(read("بدأ التصعيد في 18 فبراير على الغوطة.", TUE), [day("18 فبراير", "2018-02-18")]);
    assert_eq!(read("بدأ التصعيد في 18 شباط/فبراير 2018.", TUE), [day("18 شباط/فبراير 2018", "2018-02-18")]);
    assert_eq!(
        read("وقع الانفجار في الـ18 من شباط الماضي.", TUE),
        [day("الـ18 من شباط الماضي", "2018-02-18")]
    );
    assert_eq!(
        read("في الثامن من مارس، قال المرصد إن العشرات اختنقوا.", TUE),
        [day("الثامن من مارس", "2018-03-08")]
    );
    assert_eq!(read("نفذ الهجوم في 4 إبريل 2017 بغاز السارين.", TUE), [day("4 إبريل 2017", "2017-04-04")]);
    assert_eq!(read("وصلت القافلة في 14 الجاري.", TUE), [day("14 الجاري", "2018-03-14")]);
    assert_eq!(
        read("عقد الاجتماع في الخامس والعشرين من الشهر الماضي.", TUE),
        [day("الخامس والعشرين من الشهر الماضي", "2018-02-25")]
    );
    assert_eq!(read("عقد الاجتماع في 25 من الشهر الماضي.", TUE), [day("25 من الشهر الماضي", "2018-02-25")]);
}

#[test]
fn day_ranges() {
    assert_eq!(
        read("جرت المحادثات يومي 24 و25 آذار/مارس.", TUE),
        [one("24 و25 آذار/مارس", "2018-03-24", "2018-03-25")]
    );
    assert_eq!(kinds("من 3 إلى 5 مايو 2017", TUE), [(DateKind::Range, false)]);
}

#[test]
fn numeric_dates() {
    assert_eq!(read("تحديث الموقع 2018 / 01 / 21 ميلادي", None), [day("2018 / 01 / 21", "2018-01-21")]);
    assert_eq!(read("صدر البيان في 21/1/2018 عن الوزارة.", None), [day("21/1/2018", "2018-01-21")]);
    assert_eq!(read("صدر البيان في 2018-01-21 عن الوزارة.", None), [day("2018-01-21", "2018-01-21")]);
    assert!(read("بلغت النسبة 21/1 في الدورة 2/3/4/5.", None).is_empty());
}

#[test]
fn names_that_hold_a_date() {
    assert!(read("التقى وفد من قوى 14 آذار بالرئيس.", TUE).is_empty());
    assert!(read("تجمع المتظاهرون في ميدان 6 أكتوبر.", TUE).is_empty());
}

// ------------------------------------------------------------------ years and parts

#[test]
fn years() {
    assert_eq!(
        read("أسست المنظمة العام 2013 في تركيا.", TUE),
        [one("العام 2013", "2013-01-01", "2013-12-31")]
    );
    assert_eq!(
        read("وقع الهجوم الكيماوي عام 2013 على الغوطة.", TUE),
        [one("عام 2013", "2013-01-01", "2013-12-31")]
    );
    assert_eq!(read("اندلع النزاع في 2011، وما زال مستمرا.", TUE), [one("2011", "2011-01-01", "2011-12-31")]);
    assert_eq!(
        read("جميع الحقوق محفوظة 2007 - 2018", None),
        [one("2007 - 2018", "2007-01-01", "2018-12-31")]
    );
    assert_eq!(
        read("قتل المئات بين عامي 2013 و2015 في المدينة.", None),
        [one("عامي 2013 و2015", "2013-01-01", "2015-12-31")]
    );
    assert_eq!(read("صدر العدد في 2018م.", None), [one("2018م", "2018-01-01", "2018-12-31")]);
    // counts are not years
    assert!(read("نفذت الطائرات في 2000 غارة على المدينة.", TUE).is_empty());
    assert!(read("قتل 2013 شخصا.", TUE).is_empty());
}

#[test]
fn parts_of_periods() {
    assert_eq!(
        read("أجلي السكان في نهاية العام 2016.", TUE),
        [one("نهاية العام 2016", "2016-12-01", "2016-12-31")]
    );
    assert_eq!(
        read("خسر الجيش المدن منذ نهاية مارس الماضي.", TUE),
        [one("منذ نهاية مارس الماضي", "2017-03-21", "2018-03-20")]
    );
    assert_eq!(read("تقدم الجيش في نهاية مارس.", TUE), [one("نهاية مارس", "2018-03-21", "2018-03-31")]);
    assert_eq!(
        read("تقدم الجيش في مطلع العام الجاري.", TUE),
        [one("مطلع العام الجاري", "2018-01-01", "2018-01-31")]
    );
    assert_eq!(
        read("تقدم الجيش منتصف الشهر الماضي.", TUE),
        [one("منتصف الشهر الماضي", "2018-02-11", "2018-02-20")]
    );
    assert_eq!(
        read("شنت الغارات في أوائل عام 2018.", TUE),
        [one("أوائل عام 2018", "2018-01-01", "2018-12-31")]
    );
    assert_eq!(
        read("شنت الغارات في بداية مايو 2017.", TUE),
        [one("بداية مايو 2017", "2017-05-01", "2017-05-10")]
    );
    assert_eq!(
        read("تصاعد القصف في الأسبوع الثاني من شهر شباط/فبراير الحالي.", Some("2018-02-25")),
        [one("الأسبوع الثاني من شهر شباط/فبراير الحالي", "2018-02-08", "2018-02-14")]
    );
    assert_eq!(
        read("انسحبت القوات في الأسبوع الأخير من الشهر الماضي.", TUE),
        [one("الأسبوع الأخير من الشهر الماضي", "2018-02-22", "2018-02-28")]
    );
}

// ------------------------------------------------------------------ since

#[test]
fn since_a_date_is_closed_at_publication() {
    assert_eq!(read("نزح الآلاف منذ 10 آذار.", TUE), [one("منذ 10 آذار", "2018-03-10", "2018-03-20")]);
    assert_eq!(
        read("قتل العشرات منذ الجمعة في غارات.", TUE),
        [one("منذ الجمعة", "2018-03-16", "2018-03-20")]
    );
    assert_eq!(
        read("بدأ المدنيون المغادرة منذ الأسبوع الماضي.", TUE),
        [one("منذ الأسبوع الماضي", "2018-03-11", "2018-03-20")]
    );
    assert_eq!(
        read("تحاصر القوات البلدة منذ العام 2013.", TUE),
        [one("منذ العام 2013", "2013-01-01", "2018-03-20")]
    );
    assert_eq!(
        read("تشكل البلدة منذ 2012 معقلا للفصائل.", TUE),
        [one("منذ 2012", "2012-01-01", "2018-03-20")]
    );
    assert_eq!(
        read("ومنذ مساء الأربعاء، نزح أكثر من 200 ألف مدني.", TUE),
        [one("منذ مساء الأربعاء", "2018-03-14", "2018-03-20")]
    );
    assert_eq!(kinds("منذ 10 آذار", TUE), [(DateKind::Calendar, true)]);
}

#[test]
fn since_a_duration_counts_back() {
    assert_eq!(
        read("يحاصر الجيش المدينة منذ خمس سنوات.", TUE),
        [one("منذ خمس سنوات", "2013-03-20", "2018-03-20")]
    );
    assert_eq!(
        read("يحاصر الجيش المدينة منذ أكثر من خمس سنوات.", TUE),
        [one("منذ أكثر من خمس سنوات", "2013-03-20", "2018-03-20")]
    );
    assert_eq!(
        read("أطلقت الحملة منذ نحو الأسبوع.", TUE),
        [one("منذ نحو الأسبوع", "2018-03-13", "2018-03-20")]
    );
    assert_eq!(read("القصف مستمر منذ شهر على البلدة.", TUE), [one("منذ شهر", "2018-02-20", "2018-03-20")]);
    assert_eq!(read("الحرب مستمرة منذ 7 سنوات.", TUE), [one("منذ 7 سنوات", "2011-03-20", "2018-03-20")]);
    assert_eq!(read("تشن القوات هجوما منذ أسابيع.", TUE), [unresolved("منذ أسابيع")]);
    assert_eq!(kinds("منذ خمس سنوات", TUE), [(DateKind::Duration, true)]);
}

#[test]
fn since_an_event_leaves_the_date_alone() {
    assert_eq!(
        read("ومنذ بدء النزاع في مارس 2011، اتهمت القوات مرات عدة.", TUE),
        [one("مارس 2011", "2011-03-01", "2011-03-31")]
    );
}

// ------------------------------------------------------------------ Hijri and feasts

#[test]
fn hijri_dates() {
    assert_eq!(read("صدر القرار في 15 رمضان 1439 هـ.", None), [day("15 رمضان 1439 هـ", "2018-05-30")]);
    assert_eq!(
        read("تأسست الجمعية عام 1439 هـ في الرياض.", None),
        [one("عام 1439 هـ", "2017-09-21", "2018-09-10")]
    );
    assert_eq!(read("خلال شهر رمضان تراجعت الغارات.", TUE), [one("شهر رمضان", "2017-05-27", "2017-06-24")]);
    assert_eq!(kinds("15 رمضان 1439", None), [(DateKind::Hijri, false)]);
    assert_eq!(read("صدر الأمر بتاريخ 19/7/1436هـ عن الديوان.", None), [day("19/7/1436هـ", "2015-05-08")]);
    assert_eq!(
        read("جرى الحفل في عيد الفطر هذا العام 1436 في جدة.", None)[1],
        one("العام 1436", "2014-10-25", "2015-10-13")
    );
    assert_eq!(
        read("ولد يوم الثلاثاء الثالث عشر من ربيع الأول 1395 في الرياض.", None),
        [unresolved("يوم الثلاثاء"), day("الثالث عشر من ربيع الأول 1395", "1975-03-26")]
    );
}

#[test]
fn feast_days() {
    assert_eq!(read("تجمع الناس عشية عيد الأم لشراء الهدايا.", TUE), [day("عشية عيد الأم", "2018-03-20")]);
    assert_eq!(read("أعلنت هدنة خلال عيد الفطر.", Some("2018-06-20")), [day("عيد الفطر", "2018-06-15")]);
}

// ------------------------------------------------------------------ non-dates and no publication

#[test]
fn not_dates() {
    for text in [
        "لم يعلن عن الحصيلة حتى الآن.",
        "قال المرصد في وقت سابق إن القصف توقف.",
        "أعلنت الوزارة لاحقا عن الحصيلة.",
        "تسلل المسلحون ليلا إلى البلدة.",
        "قتل 18 شخصا وأصيب 31 آخرون.",
        "أصدر المجلس القرار 2254 بالإجماع.",
    ] {
        assert!(read(text, TUE).is_empty(), "{text}: {:?}", read(text, TUE));
    }
}

#[test]
fn without_publication_only_absolute_dates_resolve() {
    assert_eq!(read("قتل خمسة أمس الأحد في قصف.", None), [unresolved("أمس الأحد")]);
    assert_eq!(read("بدأ التصعيد في 18 شباط 2018.", None), [day("18 شباط 2018", "2018-02-18")]);
    assert_eq!(read("بدأ التصعيد في 18 شباط.", None), [unresolved("18 شباط")]);
    assert_eq!(
        read("تحاصر القوات البلدة منذ العام 2013.", None),
        [("منذ العام 2013".to_string(), Some("2013-01-01".to_string()), None)]
    );
}

#[test]
fn clitics_stay_out_of_the_span() {
    let text = "وأمس غادرت القافلة، وبالأمس وصلت أخرى.";
    let doc = Document::new(text);
    let found = find_dates(&doc, parse_iso_date("2018-03-20"));
    assert_eq!(found.len(), 2);
    assert_eq!(doc.slice(found[0].span), "أمس");
    assert_eq!(found[0].span.start, 1);
    assert_eq!(doc.slice(found[1].span), "الأمس");
}

#[test]
fn eastern_digits_and_diacritics() {
    assert_eq!(read("بدأ الهجوم في ١٨ فبرايرَ ٢٠١٨.", None), [day("١٨ فبرايرَ ٢٠١٨", "2018-02-18")]);
    assert_eq!(read("قُتِلَ ثلاثةٌ يومَ الخميسِ.", TUE), [day("يومَ الخميسِ", "2018-03-15")]);
}
