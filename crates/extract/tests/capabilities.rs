//! What `rasid extract` must read, each capability on sentences we wrote.

use rasid_extract::{Article, Extractor};
use rasid_model::{Extraction, Figure};
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| Extractor::builtin().expect("built-in extractor"))
}

fn run(text: &str, published: &str) -> Extraction {
    extractor().extract(&Article {
        id: "t".into(),
        text: text.into(),
        published: Some(published.into()),
        outlet: Some("الراصد نيوز".into()),
        title: None,
        url: None,
    })
}

fn figure(x: &Extraction, value: f64) -> &Figure {
    x.figures
        .iter()
        .find(|f| f.value == value)
        .unwrap_or_else(|| panic!("no figure {value} in {:#?}", x.figures))
}

#[test]
fn figure_carries_category_who_source_place_period() {
    let x =
        run("قال المرصد السوري لحقوق الإنسان إن 17 مدنياً قتلوا أمس الأحد في قصف على مدينة دوما.", "2018-03-12");
    let f = figure(&x, 17.0);
    assert_eq!(f.category.as_deref(), Some("killed"));
    assert_eq!(f.who.as_deref(), Some("civilians"));
    assert_eq!(f.source.as_deref(), Some("sohr"));
    assert_eq!(f.place.as_ref().map(|p| p.ar.as_str()), Some("دوما"));
    let p = f.period.as_ref().expect("period");
    assert_eq!((p.from.as_deref(), p.to.as_deref()), (Some("2018-03-11"), Some("2018-03-11")));
    assert_eq!(f.text, "17 مدنياً");
}

#[test]
fn breakdown_is_its_own_figure_of_the_same_category() {
    let x = run("أسفر القصف عن مقتل 30 شخصا بينهم 12 طفلا، وفق الدفاع المدني.", "2018-03-12");
    let total = figure(&x, 30.0);
    let part = figure(&x, 12.0);
    assert_eq!(total.category, part.category);
    assert_eq!(part.who.as_deref(), Some("children"));
    assert_eq!(part.source.as_deref(), Some("civil_defence"));
}

#[test]
fn attribution_continues_across_sentences_and_resets() {
    let text = "أعلنت وزارة الدفاع الروسية أن 4 آلاف شخص غادروا الغوطة الشرقية. \
                وأضافت أن 900 مدني خرجوا عبر ممر مخيم الوافدين. \
                وقال المرصد السوري لحقوق الإنسان إن 2500 مدني فقط غادروا المنطقة. \
                وتشهد المنطقة قصفا أسفر عن مقتل 11 مدنيا.";
    let x = run(text, "2018-03-12");
    assert_eq!(figure(&x, 4000.0).source.as_deref(), Some("russian_mod"));
    assert_eq!(figure(&x, 900.0).source.as_deref(), Some("russian_mod"));
    assert_eq!(figure(&x, 2500.0).source.as_deref(), Some("sohr"));
    assert_eq!(figure(&x, 11.0).source.as_deref(), Some("outlet"));
}

#[test]
fn relayed_statement_goes_to_its_origin() {
    let x = run("نقلت وكالة رويترز عن الأمم المتحدة أن نحو 12 ألف مدني نزحوا من المنطقة.", "2018-03-12");
    let f = figure(&x, 12000.0);
    assert_eq!(f.source.as_deref(), Some("un"));
    assert_eq!(f.approx, rasid_model::Approx::About);
    assert_eq!(f.category.as_deref(), Some("displaced"));
}

#[test]
fn according_to_after_the_figure() {
    let x = run("قتل 8 أشخاص في غارة على بلدة سقبا، بحسب ناشطين.", "2018-03-12");
    assert_eq!(figure(&x, 8.0).source.as_deref(), Some("activists"));
}

#[test]
fn unnamed_sources_give_no_source() {
    let x = run("ويقول مراقبون إن قوات النظام تسيطر على 70 في المئة من مساحة الغوطة الشرقية.", "2018-03-12");
    let f = figure(&x, 70.0);
    assert_eq!(f.category.as_deref(), Some("territory_percent"));
    assert_eq!(f.source, None);
}

#[test]
fn evacuation_versus_displacement() {
    let x = run("غادرت 20 حافلة تقل 1200 مسلح وعائلاتهم مدينة حرستا باتجاه إدلب بموجب الاتفاق.", "2018-03-23");
    let f = figure(&x, 1200.0);
    assert_eq!(f.category.as_deref(), Some("evacuated"));
    assert_eq!(f.who.as_deref(), Some("fighters_and_families"));
    assert_eq!(f.destination.as_ref().map(|p| p.ar.as_str()), Some("إدلب"));
    assert_eq!(figure(&x, 20.0).category.as_deref(), Some("vehicles"));
    let y = run("وقال المرصد إن 3 آلاف مدني فروا عبر الممرات الإنسانية اليوم.", "2018-03-23");
    assert_eq!(figure(&y, 3000.0).category.as_deref(), Some("displaced"));
}

#[test]
fn non_figures_are_left_out() {
    let text = "وتحاصر قوات النظام المنطقة منذ العام 2013، وقد تبنى مجلس الأمن القرار 2401 قبل 5 أيام، \
                على بعد 10 كيلومترات من دمشق، وقال طفل يبلغ من العمر 12 عاما إن آلاف المدنيين فروا.";
    let x = run(text, "2018-03-12");
    assert!(x.figures.is_empty(), "{:#?}", x.figures);
}

#[test]
fn number_forms_reach_figures() {
    let x = run(
        "قالت الأمم المتحدة إن ثلاثمئة ألف شخص محاصرون، وإن 13.450 مدنيا نزحوا، وإن ما بين 9 آلاف و11 ألفا عادوا إلى منازلهم، وإن ٢٥ ألفاً تلقوا مساعدات.",
        "2018-03-12",
    );
    assert_eq!(figure(&x, 300000.0).category.as_deref(), Some("besieged"));
    assert_eq!(figure(&x, 13450.0).category.as_deref(), Some("displaced"));
    let r = figure(&x, 10000.0);
    assert_eq!((r.low, r.high, r.approx), (Some(9000.0), Some(11000.0), rasid_model::Approx::Range));
    assert_eq!(r.category.as_deref(), Some("returned"));
    assert!(x.figures.iter().any(|f| f.value == 25000.0));
}

#[test]
fn places_with_clitics_and_state_actors() {
    let x = run(
        "وصل النازحون إلى بإدلب وعفرين، وسارعت دمشق إلى نفي الاتهام، فيما قالت أنقرة إن القصف مستمر.",
        "2018-03-12",
    );
    let places: Vec<&str> = x.places.iter().map(|p| p.text.as_str()).collect();
    assert!(places.contains(&"إدلب") && places.contains(&"عفرين"), "{places:?}");
    assert!(!places.contains(&"دمشق") && !places.contains(&"أنقرة"), "{places:?}");
    let actors: Vec<&str> = x.actors.iter().map(|a| a.id.as_str()).collect();
    assert!(actors.contains(&"syrian_government") && actors.contains(&"turkey"), "{actors:?}");
}

#[test]
fn offsets_point_at_the_words_read() {
    let text = "\u{200F}قُتل ٢٣ مدنيًّا في دوما أمسِ";
    let x = run(text, "2018-03-12");
    let chars: Vec<char> = text.chars().collect();
    for f in &x.figures {
        let s: String = chars[f.span.start..f.span.end].iter().collect();
        assert_eq!(s, f.text);
    }
    assert_eq!(figure(&x, 23.0).text, "٢٣ مدنيًّا");
}

#[test]
fn empty_and_hostile_text() {
    assert!(run("", "2018-03-12").figures.is_empty());
    let x = run("\u{202E}\u{0000}<script>alert(1)</script> 5 قتلى", "2018-03-12");
    let chars: Vec<char> = "\u{202E}\u{0000}<script>alert(1)</script> 5 قتلى".chars().collect();
    for f in &x.figures {
        assert!(f.span.end <= chars.len());
    }
}
