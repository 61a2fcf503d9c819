//! Administrative outlines imported from OCHA boundary GeoJSON, kept for
//! drawing maps: each feature is a p-code, its names and its polygons as
//! rings of `[lon, lat]` points (the first ring of a polygon is its outline,
//! the others its holes, as in GeoJSON).

use crate::GazetteerError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One administrative unit's outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoundaryFeature {
    pub pcode: String,
    pub ar: String,
    pub en: String,
    /// P-code of the governorate the unit belongs to (its own for a governorate).
    pub admin1_pcode: Option<String>,
    /// Polygons → rings → `[lon, lat]` points.
    pub polygons: Vec<Vec<Vec<[f64; 2]>>>,
}

/// The outlines of one administrative level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Boundaries {
    /// `adm0`, `adm1` (governorates), `adm2`, `adm3`, `neighbourhoods`.
    pub level: String,
    pub features: Vec<BoundaryFeature>,
}

impl Boundaries {
    /// The feature whose polygons contain the point, if any (even-odd rule).
    pub fn containing(&self, lon: f64, lat: f64) -> Option<&BoundaryFeature> {
        self.features.iter().find(|f| {
            f.polygons.iter().any(|poly| {
                let inside = |ring: &Vec<[f64; 2]>| point_in_ring(ring, lon, lat);
                poly.first().is_some_and(inside) && !poly[1..].iter().any(inside)
            })
        })
    }
}

fn point_in_ring(ring: &[[f64; 2]], x: f64, y: f64) -> bool {
    let mut inside = false;
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = (ring[i][0], ring[i][1]);
        let (xj, yj) = (ring[j][0], ring[j][1]);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Store file of a level.
pub fn boundary_file(level: &str) -> String {
    format!("boundaries-{level}.json")
}

/// Governorate outlines (`adm1`), if they were imported.
pub fn load_boundaries(home: &Path) -> Result<Option<Boundaries>, GazetteerError> {
    load_boundary_level(home, "adm1")
}

/// The outlines of any imported level (`adm0`, `adm1`, `adm2`, `adm3`,
/// `neighbourhoods`).
pub fn load_boundary_level(home: &Path, level: &str) -> Result<Option<Boundaries>, GazetteerError> {
    let path = crate::store::store_dir(home).join(boundary_file(level));
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(GazetteerError::Io { path, source }),
    };
    serde_json::from_str(&text).map(Some).map_err(|e| GazetteerError::Store {
        file: path,
        line: e.line(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_in_square_with_hole() {
        let outer = vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]];
        let hole = vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]];
        let b = Boundaries {
            level: "adm1".into(),
            features: vec![BoundaryFeature {
                pcode: "X1".into(),
                ar: "س".into(),
                en: "X".into(),
                admin1_pcode: None,
                polygons: vec![vec![outer, hole]],
            }],
        };
        assert!(b.containing(1.0, 1.0).is_some());
        assert!(b.containing(5.0, 5.0).is_none());
        assert!(b.containing(11.0, 1.0).is_none());
    }
}
