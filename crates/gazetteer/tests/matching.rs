//! Matching with the built-in lexicon, on sentences written for these tests.

use rasid_gazetteer::{Gazetteer, PlaceKind};
use rasid_lexicon::Joined;
use rasid_text::Document;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::builtin)
}

/// (surface text of the span, place id) of every mention.
fn found(text: &str) -> Vec<(String, String)> {
    let g = gaz();
    let doc = Document::new(text);
    let joined = Joined::new(&doc);
    g.find_places(&doc, &joined)
        .into_iter()
        .map(|m| (doc.slice(m.span).to_string(), g.place(m.place).id.clone()))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn clitics_stay_outside_the_span_except_elided_lam() {
    assert_eq!(found("وصلت الحافلات وبإدلب قصف"), pairs(&[("إدلب", "idlib")]));
    assert_eq!(found("خرج المقاتلون من زملكا وعربين"), pairs(&[("زملكا", "zamalka"), ("عربين", "arbin")]));
    assert_eq!(found("قدمت مساعدات للغوطة الشرقية"), pairs(&[("للغوطة الشرقية", "eastern_ghouta")]));
    assert_eq!(found("وصلت قافلة للسودان"), pairs(&[("للسودان", "sudan")]));
}

#[test]
fn descriptors_and_directions_are_left_out() {
    assert_eq!(found("استهدف القصف مدينة حرستا"), pairs(&[("حرستا", "harasta")]));
    assert_eq!(found("اشتباكات في حي جوبر الدمشقي"), pairs(&[("جوبر", "jobar")]));
    assert_eq!(found("غارات على ريف إدلب الشمالي"), pairs(&[("إدلب", "idlib")]));
    assert_eq!(found("سقطت قذائف في ريف دمشق"), pairs(&[("ريف دمشق", "rif_dimashq")]));
    assert_eq!(found("نقلوا إلى شمالي سوريا"), pairs(&[("سوريا", "syria")]));
    assert_eq!(found("تقدمت القوات جنوب الغوطة"), pairs(&[("الغوطة", "eastern_ghouta")]));
    assert_eq!(found("سيتجهون إلى الشمال السوري"), pairs(&[("الشمال السوري", "northern_syria")]));
    assert_eq!(found("قرب مطار أبو الظهور العسكري"), pairs(&[("أبو الظهور", "abu_al_duhur")]));
    assert_eq!(found("في العاصمة السورية دمشق"), pairs(&[("دمشق", "damascus")]));
    assert_eq!(
        found("تقع في مخيم اليرموك جنوب دمشق"),
        pairs(&[("مخيم اليرموك", "yarmouk_camp"), ("دمشق", "damascus")])
    );
}

#[test]
fn city_or_governorate() {
    assert_eq!(found("سيطرت على إدلب"), pairs(&[("إدلب", "idlib")]));
    assert_eq!(found("دخلوا مدينة إدلب ليلا"), pairs(&[("إدلب", "idlib_city")]));
    assert_eq!(found("وصلوا كمدينة إدلب"), pairs(&[("إدلب", "idlib_city")]));
    assert_eq!(found("في محافظة أدلب"), pairs(&[("أدلب", "idlib")]));
    assert_eq!(found("قصف على حلب"), pairs(&[("حلب", "aleppo")]));
    assert_eq!(found("في محافظة حلب"), pairs(&[("حلب", "aleppo_governorate")]));
    let g = gaz();
    assert_eq!(g.get("idlib").map(|p| p.kind), Some(PlaceKind::Governorate));
    assert_eq!(g.get("idlib_city").map(|p| p.ar.as_str()), g.get("idlib").map(|p| p.ar.as_str()));
}

#[test]
fn spelling_variants_take_the_canonical_place() {
    assert_eq!(found("سقطت طائرة في بلدة أريحة"), pairs(&[("أريحة", "ariha")]));
    assert_eq!(found("قصف في ريف حماه"), pairs(&[("حماه", "hama_governorate")]));
    assert_eq!(found("غارة على صقبة"), pairs(&[("صقبة", "saqba")]));
    assert_eq!(
        found("في كفربطنا وفي كفر بطنا"),
        pairs(&[("كفربطنا", "kafr_batna"), ("كفر بطنا", "kafr_batna")])
    );
    assert_eq!(found("قرب دمِشق"), pairs(&[("دمِشق", "damascus")]));
    assert_eq!(
        found("اجتماع في أستانا وآخر في أستانة"),
        pairs(&[("أستانا", "astana"), ("أستانة", "astana")])
    );
    assert_eq!(gaz().get("ariha").map(|p| p.ar.as_str()), Some("أريحا"));
}

#[test]
fn adjectives_and_brands_are_not_places() {
    assert!(found("تحطمت طائرة حربية سورية أمس").is_empty());
    assert!(found("قالت مصادر سورية إن").is_empty());
    assert_eq!(found("قتلى في سورية أمس"), pairs(&[("سورية", "syria")]));
    assert!(found("بثت قناة روسيا اليوم تقريرا").is_empty());
    assert_eq!(found("أعلنت روسيا اليوم أن الهدنة بدأت"), pairs(&[("روسيا", "russia")]));
    assert!(found("قال المصدر لـ«الشرق الأوسط» إن").is_empty());
    assert!(found("عادت الهدوء إلى البلاد وإلى العاصمة").is_empty());
    assert!(found("قالت الحكومة السعودية").is_empty());
    assert_eq!(found("وصل الوفد إلى السعودية"), pairs(&[("السعودية", "saudi_arabia")]));
    assert!(found("فتح الباب أمام المفاوضات").is_empty());
    assert!(found("فاز فريق كرة القدم").is_empty());
    assert!(found("بعد صلاة المغرب").is_empty());
    assert!(found("القرداحة مسقط رأس الرئيس").iter().all(|(_, id)| id != "muscat"));
    assert!(found("نشرت صحيفة واشنطن بوست").is_empty());
}

#[test]
fn ordinary_words_need_a_descriptor() {
    assert_eq!(found("تقدمت القوات نحو مدينة الباب"), pairs(&[("الباب", "al_bab")]));
    assert_eq!(found("اشتباكات في حي القدم"), pairs(&[("القدم", "al_qadam")]));
    assert_eq!(found("نزحوا من بلدة المرج"), pairs(&[("المرج", "al_marj")]));
    assert_eq!(
        found("نزحوا من المرج"),
        pairs(&[("المرج", "al_marj")]),
        "a preposition is enough for a built-in name"
    );
    assert!(found("انتشرت رائحة الريحان").is_empty());
}

#[test]
fn lists_lend_context() {
    assert_eq!(
        found("قصف بلدات بنش وطعوم وسرمين وتفتناز"),
        pairs(&[("بنش", "binnish"), ("طعوم", "taoum"), ("سرمين", "sarmin"), ("تفتناز", "taftanaz")])
    );
    assert_eq!(found("في قريتي حندرات وباشكوي"), pairs(&[("حندرات", "handarat"), ("باشكوي", "bashkoy")]));
}

#[test]
fn homonyms_resolved_by_context() {
    assert_eq!(
        found("اشتباكات في حي الخالدية شمال حلب")[0],
        ("الخالدية".to_string(), "khalidiya_aleppo".to_string())
    );
    assert_eq!(
        found("اشتباكات في حي الخالدية بمدينة حمص")[0],
        ("الخالدية".to_string(), "khalidiya_homs".to_string())
    );
    assert_eq!(found("أعلنت السلطات في ليبيا أن طرابلس هادئة")[1].1, "tripoli_libya");
    assert_eq!(
        found("قال الجيش اللبناني إن طرابلس هادئة وإن عكار شهدت اشتباكات في لبنان")[0].1,
        "tripoli_lebanon"
    );
    assert_eq!(found("زار الوزير سلطنة عمان"), pairs(&[("سلطنة عمان", "oman")]));
    assert_eq!(found("وصل إلى العاصمة الأردنية عمان"), pairs(&[("عمان", "amman")]));
    // an ambiguous name with no context says so
    let g = gaz();
    let doc = Document::new("قصف في حي الخالدية");
    let joined = Joined::new(&doc);
    let m = g.find_places(&doc, &joined);
    assert_eq!(m.len(), 1);
    assert!(m[0].ambiguous);
    assert_eq!(m[0].alternatives.len(), 1);
    // and an unambiguous one does not
    let doc = Document::new("قصف في دوما");
    let joined = Joined::new(&doc);
    assert!(!g.find_places(&doc, &joined)[0].ambiguous);
}

#[test]
fn datelines_and_org_names_contain_places() {
    assert_eq!(
        found("دبي، الإمارات العربية المتحدة (CNN)-- قال"),
        pairs(&[("دبي", "dubai"), ("الإمارات العربية المتحدة", "uae")])
    );
    assert_eq!(
        found("أتلانتا، الولايات المتحدة الأمريكية"),
        pairs(&[("أتلانتا", "atlanta"), ("الولايات المتحدة الأمريكية", "united_states")])
    );
    assert_eq!(found("قال مكتب أخبار سوريا المعارض"), pairs(&[("سوريا", "syria")]));
}

#[test]
fn mentions_carry_coordinates_and_governorate() {
    let g = gaz();
    let doc = Document::new("قتل مدنيون في دوما");
    let joined = Joined::new(&doc);
    let m = g.mentions(&doc, &joined);
    assert_eq!(m.len(), 1);
    assert_eq!((m[0].span.start, m[0].span.end), (14, 18));
    assert_eq!(m[0].text, "دوما");
    assert_eq!(m[0].kind, "place");
    assert_eq!(m[0].admin.as_deref(), Some("ريف دمشق"));
    assert!(m[0].lat.is_some() && m[0].lon.is_some());
}

#[test]
fn lookup_for_the_figure_stage() {
    let g = gaz();
    assert_eq!(g.lookup("الغوطة").first().map(|p| p.id.as_str()), Some("eastern_ghouta"));
    assert_eq!(g.lookup("ادلب").first().map(|p| p.id.as_str()), Some("idlib"));
    assert_eq!(g.lookup("بريف إدلب").first().map(|p| p.id.as_str()), Some("idlib"));
    assert_eq!(g.lookup("مدينة إدلب").first().map(|p| p.id.as_str()), Some("idlib_city"));
    assert!(g.lookup("كلمة لا تعني مكانا").is_empty());
}
