//! OCHA COD gazetteer TSVs: admin1/2/3, communities, neighbourhoods.
//!
//! Match names: the plain community name (`admin4_name_ar`, or `name_ar`
//! without its ` - <parent>` disambiguator), the alternative names, each part
//! of a neighbourhood name written `A_ B` or `A / B`. A sub-district named
//! `مركز <district>` ("centre of") keeps that as its canonical name but is not
//! matched: the bare name is the district's seat, which the communities have.

use super::{Format, ImportError, Output, RowLog, Tsv, for_each_line, lat_lon};
use crate::names::{clean_english, clean_imported, has_arabic, slug};
use crate::{Place, PlaceKind};
use std::collections::BTreeMap;
use std::path::Path;

struct Spec {
    store: &'static str,
    kind: PlaceKind,
    required: &'static [&'static str],
}

fn spec(format: Format) -> Spec {
    match format {
        Format::OchaAdmin1 => Spec {
            store: "ocha-admin1.tsv",
            kind: PlaceKind::Governorate,
            required: &["pcode", "name_en", "name_ar"],
        },
        Format::OchaAdmin2 => Spec {
            store: "ocha-admin2.tsv",
            kind: PlaceKind::District,
            required: &["pcode", "name_en", "name_ar", "admin1_pcode", "admin1_name_ar"],
        },
        Format::OchaAdmin3 => Spec {
            store: "ocha-admin3.tsv",
            kind: PlaceKind::Subdistrict,
            required: &["pcode", "name_en", "name_ar", "admin2_pcode", "admin2_name_ar", "admin1_name_ar"],
        },
        Format::OchaNeighbourhoods => Spec {
            store: "ocha-neighbourhoods.tsv",
            kind: PlaceKind::Neighbourhood,
            required: &["pcode", "name_en", "name_ar", "admin1_name_ar"],
        },
        _ => Spec {
            store: "ocha-communities.tsv",
            kind: PlaceKind::Community,
            required: &["location_pcode", "name_en", "name_ar", "latitude", "longitude", "admin1_name_ar"],
        },
    }
}

/// The point of a row: the label point (inside the polygon) if given, else
/// the centroid, else `latitude`/`longitude`.
fn point(t: &Tsv, f: &[&str]) -> Option<Result<(f64, f64), String>> {
    for (la, lo) in [("label_lat", "label_lon"), ("centroid_lat", "centroid_lon"), ("latitude", "longitude")]
    {
        let (a, b) = (t.get(f, la), t.get(f, lo));
        if !a.is_empty() || !b.is_empty() {
            return Some(lat_lon(a, b));
        }
    }
    None
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Area (intermediate city division) of neighbourhoods: collected while
/// reading, emitted as neighbourhood-kind places at the mean of their members.
#[derive(Default)]
struct Area {
    ar: String,
    en: String,
    admin1: Option<String>,
    admin2: Option<String>,
    parent: Option<String>,
    lat_sum: f64,
    lon_sum: f64,
    n: usize,
}

pub fn parse(path: &Path, format: Format, skipped: &mut Vec<String>) -> Result<Output, ImportError> {
    let spec = spec(format);
    let mut tsv: Option<Tsv> = None;
    let mut places = Vec::new();
    let mut areas: BTreeMap<String, Area> = BTreeMap::new();
    let mut log = RowLog::new(path);
    for_each_line(path, |line, text| {
        let Some(t) = &tsv else {
            tsv = Some(Tsv::from_header(path, text, spec.required)?);
            return Ok(());
        };
        if text.trim().is_empty() {
            return Ok(());
        }
        let f = t.split(path, line, text)?;
        log.rows += 1;
        let pcode =
            if format == Format::OchaCommunities { t.get(&f, "location_pcode") } else { t.get(&f, "pcode") };
        if pcode.is_empty() {
            log.skip(line, "no p-code");
            return Ok(());
        }
        let raw_ar = match format {
            Format::OchaCommunities if !t.get(&f, "admin4_name_ar").is_empty() => t.get(&f, "admin4_name_ar"),
            _ => t.get(&f, "name_ar"),
        };
        if !has_arabic(raw_ar) {
            log.skip(line, format!("no Arabic name ({raw_ar:?})"));
            return Ok(());
        }
        let (lat, lon) = match point(t, &f) {
            Some(Ok(p)) => (Some(p.0), Some(p.1)),
            Some(Err(reason)) => {
                log.skip(line, reason);
                return Ok(());
            }
            None => (None, None),
        };
        let raw_en = match format {
            Format::OchaCommunities if !t.get(&f, "admin4_name_en").is_empty() => t.get(&f, "admin4_name_en"),
            _ => t.get(&f, "name_en"),
        };
        // Names may carry alternatives: `الحرية_ عش الورور`, `بغمليخ_الغمامة`.
        let parts: Vec<String> =
            raw_ar.split(['_', '/']).map(clean_imported).filter(|s| has_arabic(s)).collect();
        let ar = parts.first().cloned().unwrap_or_default();
        let en = clean_english(raw_en.split('_').next().unwrap_or(raw_en));
        let mut names = parts;
        for alt in ["alt1_ar", "alt2_ar"] {
            let a = t.get(&f, alt);
            if has_arabic(a) {
                names.push(clean_imported(a));
            }
        }
        if format == Format::OchaAdmin3 || format == Format::OchaAdmin2 {
            names.retain(|n| !n.starts_with("مركز"));
        }
        let admin1 =
            opt(t.get(&f, "admin1_name_ar")).or_else(|| (format == Format::OchaAdmin1).then(|| ar.clone()));
        let admin1_en =
            opt(t.get(&f, "admin1_name_en")).or_else(|| (format == Format::OchaAdmin1).then(|| en.clone()));
        let admin2 = opt(t.get(&f, "admin2_name_ar"));
        let parent = match format {
            Format::OchaAdmin2 => opt(t.get(&f, "admin1_pcode")),
            Format::OchaAdmin3 => opt(t.get(&f, "admin2_pcode")),
            Format::OchaCommunities => opt(t.get(&f, "admin3_pcode")),
            Format::OchaNeighbourhoods => {
                opt(t.get(&f, "area_pcode")).or_else(|| opt(t.get(&f, "admin4_pcode")))
            }
            _ => None,
        };
        if format == Format::OchaNeighbourhoods
            && let (Some(ap), Some(la), Some(lo)) = (opt(t.get(&f, "area_pcode")), lat, lon)
            && has_arabic(t.get(&f, "area_name_ar"))
        {
            let area = areas.entry(ap).or_insert_with(|| Area {
                ar: clean_imported(t.get(&f, "area_name_ar")),
                en: t.get(&f, "area_name_en").to_string(),
                admin1: admin1.clone(),
                admin2: admin2.clone(),
                parent: opt(t.get(&f, "admin4_pcode")),
                ..Area::default()
            });
            area.lat_sum += la;
            area.lon_sum += lo;
            area.n += 1;
        }
        let id_base = slug(&en);
        places.push(Place {
            id: format!(
                "{}_{}",
                if id_base.is_empty() { "place".into() } else { id_base },
                pcode.to_lowercase()
            ),
            ar,
            en,
            kind: spec.kind,
            lat,
            lon,
            admin1,
            admin1_en,
            admin2,
            pcode: Some(pcode.to_string()),
            parent,
            population: None,
            country: Some("SY".into()),
            geonames: None,
            source: "ocha",
            names,
            priority: 0,
        });
        Ok(())
    })?;
    if tsv.is_none() {
        return Err(ImportError::malformed(path, 1, "empty file"));
    }
    for (pcode, a) in areas {
        if places.iter().any(|p| p.ar == a.ar) {
            continue; // an area named like one of its neighbourhoods adds nothing
        }
        let n = a.n as f64;
        places.push(Place {
            id: format!("{}_{}", slug(&a.en), pcode.to_lowercase()),
            ar: a.ar.clone(),
            en: a.en,
            kind: PlaceKind::Neighbourhood,
            lat: Some(a.lat_sum / n),
            lon: Some(a.lon_sum / n),
            admin1: a.admin1,
            admin1_en: None,
            admin2: a.admin2,
            pcode: Some(pcode),
            parent: a.parent,
            population: None,
            country: Some("SY".into()),
            geonames: None,
            source: "ocha",
            names: vec![a.ar],
            priority: 0,
        });
    }
    skipped.extend(log.finish()?);
    Ok(Output::Places { name: spec.store.to_string(), places })
}
