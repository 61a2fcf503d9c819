//! `rasid ledger ID`: the figures of a story side by side by source.
//!
//! The terminal form is a table of ledger rows (what is counted: category,
//! who, place, period) × sources (who claims it), each cell the value as
//! claimed (`~70` about, `≥25` at least, `≤9` at most, `10–15` a range),
//! `+k` when the same claim was repeated k more times (a repeated passage or
//! a wire copy in another outlet). It is drawn from the ledger's JSON form, so
//! the terminal, `--json` and `--csv` can never disagree.

use serde_json::Value;

use super::corpus::{fatal, open_read, print_json, write_stdout};
use super::stories::number;
use crate::cli::{GlobalArgs, LedgerArgs};
use crate::report::Reporter;
use crate::table::Table;
use crate::{Fatal, Status};

/// Source columns drawn before the rest are folded into "others".
const SOURCE_COLUMNS: usize = 6;

pub fn run(args: &LedgerArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let corpus = open_read(global, reporter)?;
    let ledger = corpus.ledger(args.id).map_err(fatal)?;
    if args.json {
        print_json(&ledger)?;
    } else if args.csv {
        write_stdout(&ledger_csv(&ledger)?)?;
    } else {
        let value =
            serde_json::to_value(&ledger).map_err(|e| Fatal(format!("cannot draw the ledger: {e}")))?;
        write_stdout(&render(&value))?;
    }
    Ok(Status::Success)
}

fn ledger_csv(ledger: &rasid_stories::Ledger) -> Result<String, Fatal> {
    let mut out = Vec::new();
    ledger.write_csv(&mut out).map_err(|e| Fatal(format!("cannot write CSV: {e}")))?;
    String::from_utf8(out).map_err(|e| Fatal(format!("cannot write CSV: {e}")))
}

/// A JSON value as a short cell: strings as they are, places by their
/// Arabic name, periods as `from–to`.
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), number),
        Value::Bool(b) => b.to_string(),
        Value::Object(o) => {
            if let Some(ar) = o.get("ar").and_then(Value::as_str) {
                ar.to_string()
            } else if o.contains_key("from") || o.contains_key("to") {
                let from = o.get("from").map(text).unwrap_or_default();
                let to = o.get("to").map(text).unwrap_or_default();
                if from == to { from } else { format!("{from}–{to}") }
            } else {
                Value::Object(o.clone()).to_string()
            }
        }
        Value::Array(a) => a.iter().map(text).collect::<Vec<_>>().join(", "),
    }
}

/// Who a claim is from: its source, else the outlet that published it.
fn claimant(claim: &Value) -> String {
    let source = text(claim.get("source").unwrap_or(&Value::Null));
    if !source.is_empty() {
        return source;
    }
    let outlet = text(claim.get("outlet").unwrap_or(&Value::Null));
    if outlet.is_empty() { "?".to_string() } else { outlet }
}

/// A claim's value as stated.
fn claimed(claim: &Value) -> String {
    let get = |k: &str| claim.get(k).and_then(Value::as_f64);
    let value = get("value").map(number).unwrap_or_default();
    let shown = match claim.get("approx").and_then(Value::as_str).unwrap_or("exact") {
        "about" => format!("~{value}"),
        "at_least" => format!("≥{value}"),
        "at_most" => format!("≤{value}"),
        "range" => match (get("low"), get("high")) {
            (Some(l), Some(h)) => format!("{}–{}", number(l), number(h)),
            _ => value,
        },
        _ => value,
    };
    let copies = claim.get("copies").and_then(Value::as_array).map_or(0, Vec::len);
    if copies > 0 { format!("{shown} +{copies}") } else { shown }
}

/// The ledger as a table of rows × sources.
pub fn render(ledger: &Value) -> String {
    let empty = Vec::new();
    let rows = ledger.get("rows").and_then(Value::as_array).unwrap_or(&empty);
    let story = text(ledger.get("story").unwrap_or(&Value::Null));
    if rows.is_empty() {
        return format!("story {story}: no figures\n");
    }
    // Sources with the most claims get their own column.
    let mut sources: Vec<(String, usize)> = Vec::new();
    for claim in rows.iter().flat_map(|r| r.get("claims").and_then(Value::as_array).unwrap_or(&empty)) {
        let who = claimant(claim);
        match sources.iter_mut().find(|(s, _)| *s == who) {
            Some((_, n)) => *n += 1,
            None => sources.push((who, 1)),
        }
    }
    sources.sort_by_key(|s| std::cmp::Reverse(s.1));
    let others = sources.len() > SOURCE_COLUMNS;
    let shown: Vec<String> = sources.iter().take(SOURCE_COLUMNS).map(|(s, _)| s.clone()).collect();

    let mut columns: Vec<(String, usize)> =
        vec![("category".into(), 12), ("who".into(), 14), ("place".into(), 16), ("period".into(), 21)];
    columns.extend(shown.iter().map(|s| (s.clone(), 16)));
    if others {
        columns.push(("others".into(), 24));
    }
    columns.push(("range".into(), 15));
    columns.push(("".into(), 8));
    let headers: Vec<(&str, usize)> = columns.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    let mut table = Table::new(&headers);
    let mut disagreements = 0;
    for row in rows {
        let field = |k: &str| text(row.get(k).unwrap_or(&Value::Null));
        let claims = row.get("claims").and_then(Value::as_array).unwrap_or(&empty);
        let mut cells = vec![field("category"), field("who"), field("place"), field("period")];
        for source in &shown {
            let values: Vec<String> = claims.iter().filter(|c| claimant(c) == *source).map(claimed).collect();
            cells.push(values.join(" / "));
        }
        if others {
            let rest: Vec<String> = claims
                .iter()
                .filter(|c| !shown.contains(&claimant(c)))
                .map(|c| format!("{}: {}", claimant(c), claimed(c)))
                .collect();
            cells.push(rest.join("; "));
        }
        let (low, high) = (field("low"), field("high"));
        cells.push(if low == high { low } else { format!("{low}–{high}") });
        let disagree = row.get("disagree").and_then(Value::as_bool).unwrap_or(false);
        disagreements += usize::from(disagree);
        cells.push(if disagree { "DISAGREE".to_string() } else { String::new() });
        table.row(cells);
    }
    format!(
        "ledger of story {story}: {} rows, {} where sources disagree beyond their approximations\n\n{}\n~ about  ≥ at least  ≤ at most  +k repeated k more times (same passage or wire copy)\n",
        rows.len(),
        disagreements,
        table.render()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn draws_rows_by_sources() {
        let ledger = json!({"story": 3, "rows": [{
        "category": "killed", "who": "civilians", "place": {"ar": "دوما", "en": "Douma"},
        "period": {"from": "2018-04-07", "to": "2018-04-07"}, "low": 40.0, "high": 70.0, "spread": 30.0,
        "disagree": true, "claims": [
            {"source": "sohr", "value": 40.0, "low": null, "high": null, "approx": "exact", "article": "a",
             "outlet": "x", "span": [1, 3], "copies": [{"article": "b", "span": [4, 6]}]},
            {"source": null, "value": 70.0, "low": null, "high": null, "approx": "about", "article": "c",
             "outlet": "عنب بلدي", "span": [1, 3], "copies": []}
        ]}]});
        let out = render(&ledger);
        assert!(out.contains("sohr"), "{out}");
        assert!(out.contains("40 +1"), "{out}");
        assert!(out.contains("~70"), "{out}");
        assert!(out.contains("عنب بلدي"), "{out}");
        assert!(out.contains("DISAGREE"), "{out}");
        assert!(out.contains("دوما"), "{out}");
        assert!(out.contains("2018-04-07"), "{out}");
    }

    #[test]
    fn an_empty_ledger_says_so() {
        assert!(render(&json!({"story": 1, "rows": []})).contains("no figures"));
    }
}
