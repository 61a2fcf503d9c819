//! `rasid stories`: stories (reports of the same episode), newest first.

use serde_json::json;

use super::corpus::{days, fatal, open_read, print_json, write_stdout};
use crate::cli::{GlobalArgs, StoriesArgs};
use crate::report::Reporter;
use crate::table::Table;
use crate::{Fatal, Status};

pub fn run(args: &StoriesArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let corpus = open_read(global, reporter)?;
    let stories = corpus.stories(&days(&args.days), args.limit).map_err(fatal)?;
    if args.json {
        // Exactly the shape other tools rely on (see the README).
        let list: Vec<_> = stories
            .iter()
            .map(|s| {
                json!({
                    "id": s.id,
                    "title": s.title,
                    "first": s.first,
                    "last": s.last,
                    "outlets": s.outlets,
                    "articles": s.articles,
                })
            })
            .collect();
        print_json(&list)?;
        return Ok(Status::Success);
    }
    if stories.is_empty() {
        write_stdout("no stories\n")?;
        return Ok(Status::Success);
    }
    let mut table = Table::new(&[
        ("id", 8),
        ("first", 10),
        ("last", 10),
        ("articles", 8),
        ("outlets", 30),
        ("places", 30),
        ("figures", 30),
        ("title", 60),
    ]);
    for s in &stories {
        table.row(vec![
            s.id.to_string(),
            s.first.clone().unwrap_or_default(),
            s.last.clone().unwrap_or_default(),
            s.articles.len().to_string(),
            s.outlets.join("، "),
            s.top_places.iter().map(|p| p.ar.as_str()).collect::<Vec<_>>().join("، "),
            s.headline_figures
                .iter()
                .map(|f| format!("{} {}", f.category, number(f.value)))
                .collect::<Vec<_>>()
                .join(", "),
            s.title.clone(),
        ]);
    }
    write_stdout(&table.render())?;
    Ok(Status::Success)
}

/// A figure value without a pointless `.0`.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}
