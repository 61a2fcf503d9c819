//! Recall on real reports: a place name typed bare finds every article that writes it with the
//! article and clitics. Reads the development set at run time from `../shared/data` (beside the
//! workspace); with `CI=true` the data must be there, otherwise the test skips with a notice.

use std::collections::BTreeSet;
use std::path::PathBuf;

use rasid_index::{IndexDoc, SearchIndex, SearchQuery};

fn data_file(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(relative);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true but {} is missing", path.display());
    }
    eprintln!("skipping: {} is not there", path.display());
    None
}

/// Proclitic sequences that can stand before a name (folded spelling).
const PREFIXES: &[&str] =
    &["", "ال", "وال", "فال", "بال", "كال", "وبال", "لل", "ولل", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب"];

/// Does the folded text contain `name` (folded, bare) as a whole word, possibly with clitics?
fn mentions(text: &str, name: &str) -> bool {
    let doc = rasid_text::Document::new(text);
    (0..doc.tokens.len()).any(|i| {
        let word = doc.key(i);
        word.strip_suffix(name).is_some_and(|prefix| PREFIXES.contains(&prefix))
    })
}

#[test]
fn bare_place_names_find_every_clitic_form_in_the_development_set() {
    let Some(path) = data_file("syria-dev-40/articles.jsonl") else { return };
    let lines = std::fs::read_to_string(&path).expect("read articles");
    let mut articles = Vec::new();
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let article: rasid_model::Article = serde_json::from_str(line).expect("article json");
        articles.push(article);
    }
    assert!(articles.len() >= 20, "{} articles", articles.len());

    let index = SearchIndex::in_memory().expect("index");
    let mut writer = index.writer().expect("writer");
    for article in &articles {
        writer
            .upsert(&IndexDoc {
                id: article.id.clone(),
                title: article.title.clone().unwrap_or_default(),
                text: article.text.clone(),
                outlet: article.outlet.clone(),
                ..IndexDoc::default()
            })
            .expect("upsert");
    }
    writer.commit(articles.len() as i64).expect("commit");

    let mut checked = 0;
    for name in ["غوطة", "دوما", "حلب", "إدلب", "عفرين", "دمشق", "حرستا"] {
        let folded = rasid_text::key(name);
        let expected: BTreeSet<&str> = articles
            .iter()
            .filter(|a| {
                mentions(&a.text, &folded) || a.title.as_deref().is_some_and(|t| mentions(t, &folded))
            })
            .map(|a| a.id.as_str())
            .collect();
        let (_, hits) =
            index.search(&SearchQuery { limit: 1000, ..SearchQuery::text(name) }).expect("search");
        let found: BTreeSet<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        let missed: Vec<&&str> = expected.difference(&found).collect();
        assert!(missed.is_empty(), "{name}: expected {} articles, missed {missed:?}", expected.len());
        eprintln!("{name}: {} articles mention it, {} found", expected.len(), found.len());
        checked += expected.len();
    }
    assert!(checked > 0, "the development set should mention these places");
}
