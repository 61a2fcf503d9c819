//! The ledger of each hand-labelled story of `syria-dev-40` (its
//! `story_key` groups, so the ledger is shown apart from clustering):
//! `cargo run -p rasid-stories --example dev_ledger -- [--cache DIR] [--csv] [KEY_SUBSTRING]`.

#[path = "support/mod.rs"]
mod support;

use rasid_stories::{DupIndex, LedgerArticle, fingerprint, ledger, parse_published};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cache = None;
    let mut csv = false;
    let mut filter = String::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--cache" => cache = it.next().map(std::path::PathBuf::from),
            "--csv" => csv = true,
            other => filter = other.to_string(),
        }
    }
    let dev = support::read_jsonl(&support::data_dir().join("syria-dev-40/articles.jsonl"));
    let xs = support::extractions(&dev, cache.as_ref().map(|c| c.join("dev40.x.jsonl")).as_deref());
    let refs: Vec<&support::Row> = dev.iter().collect();
    let order = support::published_order(&refs);
    let mut dups = DupIndex::default();
    let mut dup_of = vec![None; dev.len()];
    for &i in &order {
        let a = &dev[i].article;
        dup_of[i] = dups.insert(&a.id, &fingerprint(&a.text));
    }
    let mut keys: Vec<&str> = dev.iter().filter_map(|r| r.raw["story_key"].as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    for (n, key) in keys.iter().enumerate() {
        if !key.contains(filter.as_str()) {
            continue;
        }
        let members: Vec<LedgerArticle> = order
            .iter()
            .filter(|&&i| dev[i].raw["story_key"].as_str() == Some(key))
            .map(|&i| LedgerArticle {
                id: dev[i].article.id.clone(),
                outlet: dev[i].article.outlet.clone(),
                published: dev[i].article.published.as_deref().and_then(parse_published),
                extraction: &xs[i],
                dup_of: dup_of[i].clone(),
            })
            .collect();
        let l = ledger(n as i64 + 1, &members);
        println!("== {key}");
        if csv {
            print!("{}", l.to_csv());
            continue;
        }
        for row in &l.rows {
            let claims: Vec<String> = row
                .claims
                .iter()
                .map(|c| {
                    format!(
                        "{}{} {} ({}, {}{})",
                        c.approx.as_str(),
                        "",
                        c.value,
                        c.source.as_deref().unwrap_or("-"),
                        c.outlet.as_deref().unwrap_or("-"),
                        if c.copies.is_empty() {
                            String::new()
                        } else {
                            format!(", +{} copies", c.copies.len())
                        }
                    )
                })
                .collect();
            println!(
                "  {} {} @{} {:?}: {}..{} {}\n      {}",
                row.category.as_deref().unwrap_or("-"),
                row.who.as_deref().unwrap_or("-"),
                row.place.as_ref().map_or("-", |p| p.en.as_str()),
                row.period.as_ref().map(|p| (p.from.clone(), p.to.clone())),
                row.low,
                row.high,
                if row.disagree { "DISAGREE" } else { "" },
                claims.join(" | ")
            );
        }
    }
}
