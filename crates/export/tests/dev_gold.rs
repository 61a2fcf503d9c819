//! The exports over the development set's gold extractions (real articles,
//! real figures), read at run time from the shared data. Coordinates come
//! from the gazetteer's built-in places, as the extractor would add them.
//! With `CI=true` the data must be there.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rasid_export::{ExportRecord, Format, export};
use rasid_model::{Article, Extraction};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dev_set() -> Option<PathBuf> {
    match workspace().join("../shared/data/syria-dev-40").canonicalize() {
        Ok(path) => Some(path),
        Err(_) => {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but the shared data is missing");
            eprintln!("skipping: ../shared/data/syria-dev-40 is not there");
            None
        }
    }
}

/// id → (lat, lon, governorate name) from the gazetteer's built-in table.
fn coordinates() -> HashMap<String, (f64, f64, Option<String>)> {
    let table =
        std::fs::read_to_string(workspace().join("crates/gazetteer/data/places.tsv")).unwrap_or_default();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let names: HashMap<&str, &str> = rows.iter().filter(|r| r.len() > 2).map(|r| (r[0], r[2])).collect();
    rows.iter()
        .filter(|r| r.len() > 6)
        .filter_map(|r| {
            let (lat, lon) = (r[4].parse().ok()?, r[5].parse().ok()?);
            let admin = names.get(r[6]).map(|s| s.to_string());
            Some((r[0].to_string(), (lat, lon, admin)))
        })
        .collect()
}

#[test]
fn gold_extractions_export_cleanly() {
    let Some(dir) = dev_set() else { return };
    let articles: HashMap<String, Article> = std::fs::read_to_string(dir.join("articles.jsonl"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Article>(l).ok())
        .map(|a| (a.id.clone(), a))
        .collect();
    let coords = coordinates();
    let mut pairs: Vec<(Article, Extraction)> = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let mut x: Extraction =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for m in &mut x.places {
            if let Some((lat, lon, admin)) = coords.get(&m.id) {
                (m.lat, m.lon, m.admin) = (Some(*lat), Some(*lon), admin.clone());
            }
        }
        let article =
            articles.get(&x.article.id).cloned().unwrap_or_else(|| panic!("no article {}", x.article.id));
        pairs.push((article, x));
    }
    assert!(pairs.len() >= 20, "{} gold files", pairs.len());
    let records: Vec<ExportRecord<'_>> = pairs
        .iter()
        .map(|(a, x)| ExportRecord { article: a, extraction: x, story: None, dup_of: None })
        .collect();

    let mut out = Vec::new();
    let acled = export(Format::Acled, records.iter().copied(), &mut out).unwrap_or_else(|e| panic!("{e}"));
    let mut reader = csv::Reader::from_reader(&out[..]);
    let rows: Vec<csv::StringRecord> =
        reader.records().map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect();
    assert_eq!(rows.len() as u64, acled.rows);
    assert!(rows.len() >= pairs.len() / 2, "{} events from {} articles", rows.len(), pairs.len());
    let placed = rows.iter().filter(|r| !r[7].is_empty()).count();
    let typed = rows.iter().filter(|r| &r[1] != "Violence against civilians" || &r[2] != "Attack").count();
    let deaths: u64 =
        rows.iter().map(|r| r[11].parse::<u64>().unwrap_or_else(|e| panic!("{e}: {:?}", &r[11]))).sum();
    eprintln!(
        "acled: {} events, {placed} with coordinates, {typed} typed by a cue, {deaths} fatalities",
        rows.len()
    );
    if std::env::var_os("RASID_SHOW_EXPORT").is_some() {
        eprintln!("{}", String::from_utf8_lossy(&out));
    }

    let mut out = Vec::new();
    export(Format::Gkg, records.iter().copied(), &mut out).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(text.lines().count(), pairs.len());
    assert!(text.lines().all(|l| l.split('\t').count() == 27));
    let kills = text
        .lines()
        .flat_map(|l| l.split('\t').nth(6).unwrap_or("").split(';'))
        .filter(|c| c.starts_with("KILL#"))
        .count();
    eprintln!("gkg: {} rows, {kills} KILL counts", pairs.len());

    let mut out = Vec::new();
    let geo = export(Format::Geojson, records.iter().copied(), &mut out).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"));
    let parsed: geojson::GeoJson = text.parse().unwrap_or_else(|e| panic!("{e}"));
    let geojson::GeoJson::FeatureCollection(fc) = parsed else { panic!("not a FeatureCollection") };
    assert_eq!(fc.features.len() as u64, geo.rows);
    assert!(fc.features.len() > pairs.len(), "{} features", fc.features.len());
    eprintln!("geojson: {} features", fc.features.len());
}
