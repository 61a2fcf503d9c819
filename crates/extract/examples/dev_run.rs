//! Run the extractor over a JSON Lines file and write `<id>.json` files:
//! `cargo run -p rasid-extract --example dev_run -- IN.jsonl OUT_DIR [HOME]`.
//! A development tool for scoring; users run `rasid extract --jsonl`.

use std::io::BufRead;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, out) = (&args[1], &args[2]);
    let config = rasid_extract::Config { home: args.get(3).map(Into::into) };
    let ex = rasid_extract::Extractor::new(&config).expect("extractor");
    std::fs::create_dir_all(out).expect("out dir");
    let f = std::io::BufReader::new(std::fs::File::open(input).expect("input"));
    for line in f.lines() {
        let line = line.expect("line");
        let v: serde_json::Value = serde_json::from_str(&line).expect("json");
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let art = rasid_extract::Article {
            id: s("id").unwrap_or_default(),
            text: s("text").unwrap_or_default(),
            published: s("published"),
            outlet: s("outlet"),
            title: s("title"),
            url: None,
        };
        let x = ex.extract(&art);
        let path = format!("{out}/{}.json", art.id);
        std::fs::write(path, serde_json::to_string_pretty(&x).expect("ser")).expect("write");
    }
}
