//! `rasid story ID`: one story, its articles and its ledger.

use super::corpus::{fatal, open_read, print_json, write_stdout};
use super::ledger::render;
use crate::cli::{GlobalArgs, StoryArgs};
use crate::report::Reporter;
use crate::table::Table;
use crate::{Fatal, Status};

pub fn run(args: &StoryArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let corpus = open_read(global, reporter)?;
    let story = corpus.story(args.id).map_err(fatal)?;
    let ledger = corpus.ledger(args.id).map_err(fatal)?;
    let ledger = serde_json::to_value(&ledger).map_err(|e| Fatal(format!("cannot write JSON: {e}")))?;
    if args.json {
        let mut value = serde_json::to_value(&story).map_err(|e| Fatal(format!("cannot write JSON: {e}")))?;
        if let Some(object) = value.as_object_mut() {
            object.insert("ledger".to_string(), ledger);
        }
        print_json(&value)?;
        return Ok(Status::Success);
    }
    let mut out = format!(
        "story {}: {}\n{} – {} · {} articles · {}\n",
        story.id,
        story.title,
        story.first.as_deref().unwrap_or("?"),
        story.last.as_deref().unwrap_or("?"),
        story.articles.len(),
        story.outlets.join("، ")
    );
    let names =
        |v: &[rasid_store::EntityCount]| v.iter().map(|e| e.ar.clone()).collect::<Vec<_>>().join("، ");
    if !story.top_places.is_empty() {
        out.push_str(&format!("places: {}\n", names(&story.top_places)));
    }
    if !story.top_actors.is_empty() {
        out.push_str(&format!("actors: {}\n", names(&story.top_actors)));
    }
    out.push('\n');
    let mut table = Table::new(&[("article", 28), ("date", 10), ("outlet", 20), ("title", 70)]);
    for id in &story.articles {
        let (article, _) = corpus.article(id).map_err(fatal)?;
        table.row(vec![
            id.clone(),
            article.published.as_deref().map(|p| p.chars().take(10).collect()).unwrap_or_default(),
            article.outlet.unwrap_or_default(),
            article.title.unwrap_or_default(),
        ]);
    }
    out.push_str(&table.render());
    out.push('\n');
    out.push_str(&render(&ledger));
    write_stdout(&out)?;
    Ok(Status::Success)
}
