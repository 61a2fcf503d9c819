//! Which places contain which, for grouping figures: a toll given for
//! "Eastern Ghouta" and one given for "Douma" may count the same dead.
//!
//! A place mention of the extraction carries its gazetteer `id`, its
//! canonical Arabic name `ar` and its governorate `admin` (the governorate's
//! canonical Arabic name; a governorate's `admin` is its own name). Three
//! rules follow, with `data/areas.tsv`:
//! - Syria contains every place with a governorate;
//! - a governorate contains every place whose `admin` it is (a governorate
//!   seat sharing its governorate's name, such as دمشق, reads as the
//!   governorate: the two cover the same news);
//! - an area of `data/areas.tsv` contains its listed members (and, for
//!   `admin:` entries, every place of that governorate).

use std::sync::OnceLock;

use rasid_model::{Extraction, PlaceRef};
use rustc_hash::{FxHashMap, FxHashSet};

/// A figure's place, resolved against the place mentions of its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceInfo {
    /// Gazetteer id when the mention was found, else `name:` + the name.
    pub key: String,
    /// Canonical Arabic name, folded.
    pub ar: String,
    /// Governorate, folded Arabic name.
    pub admin: Option<String>,
}

impl PlaceInfo {
    /// Resolve `place` with the mentions of `x` (same English or Arabic
    /// canonical name).
    pub fn resolve(place: &PlaceRef, x: &Extraction) -> PlaceInfo {
        let m = x.places.iter().find(|m| {
            (!place.en.is_empty() && m.en == place.en) || (!place.ar.is_empty() && m.ar == place.ar)
        });
        match m {
            Some(m) => PlaceInfo {
                key: m.id.clone(),
                ar: rasid_text::key(&m.ar),
                admin: m.admin.as_deref().map(rasid_text::key).filter(|a| !a.is_empty()),
            },
            None => {
                let name = if place.en.is_empty() { &place.ar } else { &place.en };
                PlaceInfo {
                    key: format!("name:{}", name.to_lowercase()),
                    ar: rasid_text::key(&place.ar),
                    admin: None,
                }
            }
        }
    }

    fn is_governorate(&self) -> bool {
        self.admin.as_deref() == Some(self.ar.as_str())
    }

    /// How specific the place is: 1 the country, 2 a governorate or an
    /// area, 3 unknown (or outside Syria), 4 a town or neighbourhood.
    pub fn rank(&self) -> u8 {
        if self.key == "syria" {
            1
        } else if self.is_governorate() || areas().contains_key(&self.key) {
            2
        } else if self.admin.is_none() {
            3
        } else {
            4
        }
    }

    /// Does this place contain `other` (strictly)?
    pub fn contains(&self, other: &PlaceInfo) -> bool {
        if self.key == other.key {
            return false;
        }
        if self.key == "syria" && other.admin.is_some() {
            return true;
        }
        if self.is_governorate() && other.admin == self.admin && !other.is_governorate() {
            return true;
        }
        areas().get(&self.key).is_some_and(|a| {
            a.places.contains(&other.key) || other.admin.as_ref().is_some_and(|g| a.governorates.contains(g))
        })
    }

    /// Can a figure here and one at `other` count the same thing?
    pub fn compatible(&self, other: &PlaceInfo) -> bool {
        self.key == other.key || self.contains(other) || other.contains(self)
    }
}

#[derive(Debug, Default)]
struct Area {
    places: FxHashSet<String>,
    governorates: FxHashSet<String>,
}

fn areas() -> &'static FxHashMap<String, Area> {
    static AREAS: OnceLock<FxHashMap<String, Area>> = OnceLock::new();
    AREAS.get_or_init(|| parse_areas(include_str!("../data/areas.tsv")))
}

fn parse_areas(data: &str) -> FxHashMap<String, Area> {
    let mut out: FxHashMap<String, Area> = FxHashMap::default();
    for line in data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let Some((area, members)) = line.split_once('\t') else { continue };
        if area == "area" {
            continue; // header
        }
        let entry = out.entry(area.trim().to_string()).or_default();
        for m in members.split_whitespace() {
            match m.strip_prefix("admin:") {
                Some(g) => entry.governorates.insert(rasid_text::key(g)),
                None => entry.places.insert(m.to_string()),
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(key: &str, ar: &str, admin: Option<&str>) -> PlaceInfo {
        PlaceInfo { key: key.into(), ar: rasid_text::key(ar), admin: admin.map(rasid_text::key) }
    }

    #[test]
    fn the_table_parses() {
        assert!(areas().get("eastern_ghouta").is_some_and(|a| a.places.contains("douma")));
        assert!(areas().values().all(|a| !a.places.is_empty() || !a.governorates.is_empty()));
    }

    #[test]
    fn containment() {
        let ghouta = place("eastern_ghouta", "الغوطة الشرقية", Some("ريف دمشق"));
        let douma = place("douma", "دوما", Some("ريف دمشق"));
        let harasta = place("harasta", "حرستا", Some("ريف دمشق"));
        let rif = place("rif_dimashq", "ريف دمشق", Some("ريف دمشق"));
        let syria = place("syria", "سوريا", None);
        let london = place("london", "لندن", None);
        let daraa_town = place("nawa", "نوى", Some("درعا"));
        assert!(place("houran", "حوران", Some("درعا")).contains(&daraa_town));
        assert!(ghouta.compatible(&douma) && douma.compatible(&ghouta));
        assert!(!douma.compatible(&harasta));
        assert!(rif.contains(&douma) && rif.contains(&ghouta));
        assert!(syria.contains(&douma) && !syria.contains(&london));
        assert!(!london.compatible(&douma));
        assert!(douma.rank() > ghouta.rank() && ghouta.rank() > syria.rank());
    }
}
