//! Speed of the gazetteer: import and load times of the OCHA, GeoNames and
//! OpenSyria files, and matching throughput over the ANT corpus.
//!
//! ```text
//! cargo run --release -p rasid-gazetteer --example bench_ant [-- /work/shared/data]
//! ```

use rasid_gazetteer::{Gazetteer, import};
use rasid_lexicon::Joined;
use rasid_text::Document;
use std::io::BufRead;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let home = tempfile::tempdir()?;

    let t = Instant::now();
    import(&data.join("syria-ocha-cod-gazetteer"), home.path())?;
    let ocha_import = t.elapsed();
    let t = Instant::now();
    let (_, ocha_load) = Gazetteer::load(home.path())?;
    println!(
        "OCHA: import {ocha_import:?}, load {:?} ({} places, {} keys)",
        t.elapsed(),
        ocha_load.places,
        ocha_load.names
    );

    let t = Instant::now();
    import(&data.join("syria-geonames-cities500"), home.path())?;
    import(&data.join("syria-opensyria-admin"), home.path())?;
    let more_import = t.elapsed();
    let t = Instant::now();
    let (gaz, load) = Gazetteer::load(home.path())?;
    println!(
        "OCHA + GeoNames + OpenSyria: import of GeoNames and OpenSyria {more_import:?}, load of all {:?} ({} places, {} keys, {} merged)",
        t.elapsed(),
        load.places,
        load.names,
        load.merged
    );

    let file = std::fs::File::open(data.join("ant-multisource/articles.jsonl.gz"))?;
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    let mut texts = Vec::new();
    for line in reader.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        if let Some(t) = v["text"].as_str() {
            texts.push(t.to_string());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut prepare = Duration::ZERO;
    let mut matching = Duration::ZERO;
    let mut mentions = 0usize;
    for text in &texts {
        let t = Instant::now();
        let doc = Document::new(text);
        let joined = Joined::new(&doc);
        prepare += t.elapsed();
        let t = Instant::now();
        mentions += gaz.find_places(&doc, &joined).len();
        matching += t.elapsed();
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "ANT: {} articles, {mb:.1} MB, {mentions} place mentions; find_places {:?} = {:.1} MB/s; Document+Joined {:?}; together {:.1} MB/s",
        texts.len(),
        matching,
        mb / matching.as_secs_f64(),
        prepare,
        mb / (matching + prepare).as_secs_f64()
    );
    Ok(())
}
