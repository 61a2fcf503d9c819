//! `rasid search QUERY`: full-text search with filters.

use rasid_corpus::{Hit, SearchQuery};
use serde_json::json;

use super::corpus::{fatal, open_read, print_json, write_stdout};
use crate::cli::{GlobalArgs, SearchArgs};
use crate::report::Reporter;
use crate::table::{Table, fit};
use crate::{Fatal, Status};

/// Marks put around highlighted words in the terminal.
const MARK: (&str, &str) = ("«", "»");

fn parse_date(day: &Option<String>) -> Option<jiff::civil::Date> {
    day.as_deref().and_then(|d| d.parse().ok())
}

pub fn run(args: &SearchArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let corpus = open_read(global, reporter)?;
    let query = SearchQuery {
        text: args.query.clone(),
        outlet: args.outlet.clone(),
        from: parse_date(&args.days.from),
        to: parse_date(&args.days.to),
        place: args.place.clone(),
        actor: args.actor.clone(),
        limit: args.limit,
        offset: args.offset,
    };
    let (total, hits) = corpus.search(&query).map_err(fatal)?;
    if args.json {
        let hits: Vec<_> = hits
            .iter()
            .map(|h| {
                json!({
                    "id": h.id,
                    "score": h.score,
                    "title": h.title,
                    "outlet": h.outlet,
                    "published": h.published.map(|d| d.to_string()),
                    "snippet": h.snippet,
                    "highlights": h.highlights,
                })
            })
            .collect();
        print_json(&json!({ "total": total, "hits": hits }))?;
        return Ok(Status::Success);
    }
    let mut out = format!("{total} articles match\n");
    if !hits.is_empty() {
        let mut table = Table::new(&[("#", 4), ("date", 10), ("outlet", 16), ("id", 24), ("title", 60)]);
        for (i, h) in hits.iter().enumerate() {
            table.row(vec![
                (args.offset + i + 1).to_string(),
                h.published.map(|d| d.to_string()).unwrap_or_default(),
                h.outlet.clone().unwrap_or_default(),
                h.id.clone(),
                h.title.clone(),
            ]);
        }
        out.push('\n');
        out.push_str(&table.render());
        out.push('\n');
        for (i, h) in hits.iter().enumerate() {
            out.push_str(&format!("{:>3}. {}\n", args.offset + i + 1, fit(&marked(h), 300)));
        }
    }
    write_stdout(&out)?;
    Ok(Status::Success)
}

/// The snippet with its highlighted character ranges between marks.
fn marked(hit: &Hit) -> String {
    let chars: Vec<char> = hit.snippet.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    let mut ranges = hit.highlights.clone();
    ranges.sort_unstable();
    for (start, end) in ranges {
        let (start, end) = (start.min(chars.len()), end.min(chars.len()));
        if start < at || start >= end {
            continue;
        }
        out.extend(&chars[at..start]);
        out.push_str(MARK.0);
        out.extend(&chars[start..end]);
        out.push_str(MARK.1);
        at = end;
    }
    out.extend(&chars[at..]);
    out
}
