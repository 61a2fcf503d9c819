//! OpenSyria `data-geography` admin records (governorates, districts,
//! sub-districts): Arabic name and Arabic aliases as match names, OCHA p-code
//! and GeoNames id as join keys (so they merge with the OCHA and built-in
//! entries), centroid and population.

use super::{ImportError, Output, RowLog};
use crate::names::{clean_imported, has_arabic};
use crate::{Place, PlaceKind};
use serde_json::Value;
use std::path::Path;

pub fn parse(path: &Path, skipped: &mut Vec<String>) -> Result<Output, ImportError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| ImportError::Io { path: path.to_path_buf(), source: e })?;
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| ImportError::malformed(path, e.line(), format!("not JSON: {e}")))?;
    let Some(items) = value.as_array() else {
        return Err(ImportError::malformed(path, 1, "expected a JSON array of records"));
    };
    let level = if items.iter().any(|o| o.get("districtId").is_some()) {
        (PlaceKind::Subdistrict, "subdistricts")
    } else if items.iter().any(|o| o.get("governorateId").is_some()) {
        (PlaceKind::District, "districts")
    } else {
        (PlaceKind::Governorate, "governorates")
    };
    let mut log = RowLog::new(path);
    let mut places = Vec::new();
    for (n, o) in items.iter().enumerate() {
        let record = n + 1;
        log.rows += 1;
        let str_at = |ptr: &str| o.pointer(ptr).and_then(Value::as_str).map(str::trim).unwrap_or("");
        let ar_raw = str_at("/name/ar");
        if !has_arabic(ar_raw) {
            log.skip(record, format!("record {record}: no Arabic name"));
            continue;
        }
        let point = match (o.pointer("/centroid/latitude"), o.pointer("/centroid/longitude")) {
            (Some(la), Some(lo)) => match (la.as_f64(), lo.as_f64()) {
                (Some(la), Some(lo)) if la.abs() <= 90.0 && lo.abs() <= 180.0 => Some((la, lo)),
                _ => {
                    log.skip(record, format!("record {record}: bad centroid"));
                    continue;
                }
            },
            _ => None,
        };
        let ar = clean_imported(ar_raw);
        let mut names = vec![ar.clone()];
        if let Some(aliases) = o.get("aliases").and_then(Value::as_array) {
            for a in aliases {
                if a.get("language").and_then(Value::as_str) == Some("ar")
                    && let Some(v) = a.get("value").and_then(Value::as_str)
                {
                    let v = clean_imported(v);
                    if has_arabic(&v) && !names.contains(&v) {
                        names.push(v);
                    }
                }
            }
        }
        names.retain(|n| !n.starts_with("مركز"));
        let pcode = str_at("/externalIds/ochaPcode");
        let id = str_at("/id").replace('-', "_");
        places.push(Place {
            id: if id.is_empty() { format!("opensyria_{record}") } else { id },
            ar,
            en: str_at("/name/en").to_string(),
            kind: level.0,
            lat: point.map(|p| p.0),
            lon: point.map(|p| p.1),
            admin1: None,
            admin1_en: None,
            admin2: None,
            pcode: (!pcode.is_empty()).then(|| pcode.to_string()),
            parent: None,
            population: o.pointer("/population/value").and_then(Value::as_u64),
            country: Some("SY".into()),
            geonames: str_at("/externalIds/geonames")
                .parse()
                .ok()
                .or_else(|| o.pointer("/externalIds/geonames").and_then(Value::as_u64)),
            source: "opensyria",
            names,
            priority: 0,
        });
    }
    skipped.extend(log.finish()?);
    Ok(Output::Places { name: format!("opensyria-{}.tsv", level.1), places })
}
