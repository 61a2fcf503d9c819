//! GeoJSON (RFC 7946): one FeatureCollection; one Point feature per place
//! with coordinates per article — every place the article names, not only
//! those with figures, so a map shows where the news is as well as where
//! the counted harm is.
//!
//! Properties of a feature (flat values where a GIS can style on them,
//! arrays where a reader needs the detail):
//!
//! - `article`, `title`, `outlet`, `published` (`YYYY-MM-DD`), `url`,
//!   `story`, `dup_of`;
//! - `place_id`, `place_ar`, `place_en`, `admin`;
//! - `mentions` (how often the article names the place) and `spans`
//!   (`[[start, end], …]`, character offsets into the article text);
//! - `figures`: the figures placed there (`category`, `who`, `value`, `low`,
//!   `high`, `approx`, `source`, `span`, `text`), repeats left out;
//! - `killed`, `injured`, `displaced`, `evacuated`: the largest figure of
//!   that category placed there, or null; `summary`: the figures in words
//!   (`killed 25 civilians (sohr); injured 70`).
//!
//! Coordinates are `[longitude, latitude]` (the RFC's order), finite and in
//! range; places without them are left out.

use std::io::Write;

use serde_json::{Value, json};

use crate::context::{Context, Place};
use crate::{ExportError, ExportRecord};

/// Categories given their own numeric property.
const STYLED_CATEGORIES: [&str; 4] = ["killed", "injured", "displaced", "evacuated"];

pub fn write_start(out: &mut impl Write) -> Result<(), ExportError> {
    out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    Ok(())
}

pub fn write_end(out: &mut impl Write) -> Result<(), ExportError> {
    out.write_all(b"\n]}\n")?;
    Ok(())
}

/// Write the features of one article; `first` when none was written yet
/// (the separators of the array). Returns the number written.
pub fn write_features(
    out: &mut impl Write,
    r: &ExportRecord<'_>,
    mut first: bool,
) -> Result<u64, ExportError> {
    let cx = Context::new(r);
    let a = r.article;
    // Places in order of first mention, each with all its mentions.
    let mut places: Vec<(Place, Vec<rasid_model::Span>)> = Vec::new();
    for m in &r.extraction.places {
        let place = Place {
            id: m.id.clone(),
            ar: m.ar.clone(),
            en: m.en.clone(),
            lat: m.lat,
            lon: m.lon,
            admin: m.admin.clone(),
        };
        if place.point().is_none() {
            continue;
        }
        match places.iter_mut().find(|(p, _)| p.key() == place.key()) {
            Some((_, spans)) => spans.push(m.span),
            None => places.push((place, vec![m.span])),
        }
    }
    let mut written = 0;
    for (place, spans) in places {
        let Some((lat, lon)) = place.point() else { continue };
        let here: Vec<_> = cx
            .figures
            .iter()
            .filter(|pf| pf.place.as_ref().is_some_and(|p| p.key() == place.key()))
            .collect();
        let figures: Vec<Value> = here
            .iter()
            .map(|pf| {
                let f = pf.figure;
                json!({
                    "category": f.category, "who": f.who, "value": finite(f.value), "low": f.low.and_then(finite),
                    "high": f.high.and_then(finite), "approx": f.approx.as_str(), "source": f.source,
                    "span": f.span, "text": f.text,
                })
            })
            .collect();
        let mut properties = json!({
            "article": a.id,
            "title": a.title,
            "outlet": a.outlet,
            "published": cx.published_date(),
            "url": a.url,
            "story": r.story,
            "dup_of": r.dup_of,
            "place_id": place.id,
            "place_ar": place.ar,
            "place_en": place.en,
            "admin": place.admin,
            "mentions": spans.len(),
            "spans": spans,
            "figures": figures,
            "summary": summary(&here.iter().map(|pf| pf.figure).collect::<Vec<_>>()),
        });
        for category in STYLED_CATEGORIES {
            let largest = here
                .iter()
                .filter(|pf| pf.figure.category.as_deref() == Some(category))
                .filter_map(|pf| finite(pf.figure.value))
                .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
            properties[category] = json!(largest);
        }
        let feature = json!({
            "type": "Feature",
            "id": format!("{}#{}", a.id, place.key()),
            "geometry": {"type": "Point", "coordinates": [round6(lon), round6(lat)]},
            "properties": properties,
        });
        if !first {
            out.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut *out, &feature)?;
        first = false;
        written += 1;
    }
    Ok(written)
}

/// A number JSON can hold (NaN and infinities are not JSON).
fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// Six decimals: about 10 cm, far below the gazetteer's precision.
fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// `killed 25 civilians (sohr); injured 70`.
fn summary(figures: &[&rasid_model::Figure]) -> String {
    let parts: Vec<String> = figures
        .iter()
        .map(|f| {
            let mut s = f.category.clone().unwrap_or_else(|| "figure".to_string());
            s.push(' ');
            s.push_str(&match (f.approx, f.low, f.high) {
                (rasid_model::Approx::Range, Some(l), Some(h)) => format!("{l}-{h}"),
                (rasid_model::Approx::AtLeast, ..) => format!("≥{}", f.value),
                (rasid_model::Approx::AtMost, ..) => format!("≤{}", f.value),
                (rasid_model::Approx::About, ..) => format!("~{}", f.value),
                _ => format!("{}", f.value),
            });
            if let Some(who) = &f.who {
                s.push(' ');
                s.push_str(who);
            }
            if let Some(source) = &f.source {
                s.push_str(&format!(" ({source})"));
            }
            s
        })
        .collect();
    parts.join("; ")
}
