//! OCHA boundary GeoJSON (`syr_adm1.geojson` …): a FeatureCollection of
//! Polygon / MultiPolygon features whose properties carry `ADMn_PCODE`,
//! `ADMn_AR`, `ADMn_EN` (or `PCODE`, `NAME_AR`, `NAME_EN` for
//! neighbourhoods). The level is the most specific p-code property present.

use super::ImportError;
use crate::boundaries::{Boundaries, BoundaryFeature};
use serde_json::Value;
use std::path::Path;

/// Property prefix → level, most specific first (neighbourhood features also
/// carry their ADM3/ADM1 p-codes).
const LEVELS: [(&str, &str); 5] =
    [("", "neighbourhoods"), ("ADM3", "adm3"), ("ADM2", "adm2"), ("ADM1", "adm1"), ("ADM0", "adm0")];

fn ring(v: &Value) -> Option<Vec<[f64; 2]>> {
    v.as_array()?
        .iter()
        .map(|p| {
            let p = p.as_array()?;
            let (lon, lat) = (p.first()?.as_f64()?, p.get(1)?.as_f64()?);
            (lon.abs() <= 180.0 && lat.abs() <= 90.0).then_some([lon, lat])
        })
        .collect()
}

fn polygon(v: &Value) -> Option<Vec<Vec<[f64; 2]>>> {
    v.as_array()?.iter().map(ring).collect()
}

pub fn parse(path: &Path) -> Result<Boundaries, ImportError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| ImportError::Io { path: path.to_path_buf(), source: e })?;
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| ImportError::malformed(path, e.line(), format!("not JSON: {e}")))?;
    let Some(features) = value.get("features").and_then(Value::as_array) else {
        return Err(ImportError::malformed(path, 1, "a FeatureCollection without features"));
    };
    let props_of = |f: &Value| f.get("properties").cloned().unwrap_or(Value::Null);
    let first = features.first().map(props_of).unwrap_or(Value::Null);
    let (prefix, level) = LEVELS
        .iter()
        .find(|(p, _)| {
            if p.is_empty() {
                first.get("PCODE").is_some()
            } else {
                first.get(format!("{p}_PCODE")).is_some()
            }
        })
        .copied()
        .ok_or_else(|| ImportError::malformed(path, 1, "features carry no ADMn_PCODE or PCODE property"))?;
    let key =
        |suffix: &str| if prefix.is_empty() { suffix.to_string() } else { format!("{prefix}_{suffix}") };
    let name_key = |suffix: &str| {
        if prefix.is_empty() { format!("NAME_{suffix}") } else { format!("{prefix}_{suffix}") }
    };
    let mut out = Vec::with_capacity(features.len());
    for (n, f) in features.iter().enumerate() {
        let bad = |reason: &str| ImportError::malformed(path, 1, format!("feature {}: {reason}", n + 1));
        let props = props_of(f);
        let s = |k: &str| props.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        let pcode = s(&key("PCODE"));
        if pcode.is_empty() {
            return Err(bad("no p-code"));
        }
        let geometry = f.get("geometry").ok_or_else(|| bad("no geometry"))?;
        let coords = geometry.get("coordinates").ok_or_else(|| bad("geometry without coordinates"))?;
        let polygons = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![polygon(coords).ok_or_else(|| bad("bad coordinate"))?],
            Some("MultiPolygon") => coords
                .as_array()
                .ok_or_else(|| bad("bad coordinates"))?
                .iter()
                .map(polygon)
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| bad("bad coordinate"))?,
            other => return Err(bad(&format!("unsupported geometry {other:?}"))),
        };
        let admin1 = s("ADM1_PCODE");
        out.push(BoundaryFeature {
            pcode,
            ar: s(&name_key("AR")),
            en: s(&name_key("EN")),
            admin1_pcode: (!admin1.is_empty()).then_some(admin1),
            polygons,
        });
    }
    Ok(Boundaries { level: level.to_string(), features: out })
}
