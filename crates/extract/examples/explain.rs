//! Print what the figure stage sees in a text: `cargo run -p rasid-extract --example explain -- "نص"`.
//! A development tool.

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let tables = rasid_extract::tables::Tables::load().expect("tables");
    let published = std::env::args().nth(2).and_then(|d| rasid_dates::parse_iso_date(&d));
    let a = rasid_extract::analysis::Analysis::new(&text, published, &tables);
    for d in &a.dates {
        println!(
            "date {:?} {:?} {:?}..{:?} since={} lookback={:?}",
            d.tokens, d.kind, d.from, d.to, d.since, d.lookback
        );
    }
    for (i, t) in a.doc.tokens.iter().enumerate() {
        print!("{i}:{} ", a.doc.key(i));
        if t.newline_before {
            println!();
        }
    }
    println!();
    for n in &a.numbers {
        println!("number {:?} {} {:?} {:?}", n.tokens, n.value, n.approx, n.form);
    }
    for m in &a.nouns.all {
        println!("noun {:?} {:?}", m.tokens, tables.nouns.entries_of(m.key).collect::<Vec<_>>());
    }
    for m in &a.cues.all {
        println!("cue {:?} {:?}", m.tokens, tables.cues.entries_of(m.key).collect::<Vec<_>>());
    }
    for m in &a.span_words.all {
        println!("span word {:?} {:?}", m.tokens, tables.span_words.entries_of(m.key).collect::<Vec<_>>());
    }
    for d in rasid_extract::figures::find(&a, &tables) {
        println!("FIGURE {:?} {} {} {:?}", d.tokens, d.value, d.category, d.who);
    }
}
