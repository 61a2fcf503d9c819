//! Assembling a gazetteer: the built-in places, then imported records merged
//! into them, then the match keys compiled.
//!
//! Merging: an imported record that is a place already known (the same
//! p-code or GeoNames id, or a shared name within a few kilometres and a
//! compatible kind) adds its names, p-code and population to that place
//! instead of becoming a homonym of it. Built-in entries keep their id,
//! canonical names and kind.

use crate::names::{gate_for, keys_of, norm_ar};
use crate::rules::{Gate, rules};
use crate::{Entry, Gazetteer, Place, PlaceKind};
use rasid_lexicon::{Lexicon, name_key};
// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt};

const PLACES_TSV: &str = include_str!("../data/places.tsv");

/// How far apart two records with a shared name may be and still be the same
/// place, by kind of the imported record (km). Built-in coordinates are typed
/// by hand and approximate, hence the slack.
fn merge_radius_km(kind: PlaceKind) -> f64 {
    match kind {
        PlaceKind::Governorate | PlaceKind::Region | PlaceKind::Country => 80.0,
        PlaceKind::District | PlaceKind::Subdistrict => 30.0,
        _ => 12.0,
    }
}

/// Whether an imported record of kind `new` may merge into a place of kind `old`.
fn kinds_merge(old: PlaceKind, new: PlaceKind) -> bool {
    use PlaceKind::*;
    let admin = |k: PlaceKind| matches!(k, Governorate | District | Subdistrict);
    let area = |k: PlaceKind| matches!(k, Region | Border | Country);
    if admin(old) || admin(new) {
        return old == new;
    }
    if area(old) || area(new) {
        return area(old) && area(new);
    }
    true
}

/// A built-in governorate's canonical Arabic and English names, by id
/// (`rif_dimashq` → `ريف دمشق`, `Rif Dimashq`).
pub fn builtin_governorate(id: &str) -> Option<(String, String)> {
    static GOVS: std::sync::OnceLock<HashMap<String, (String, String)>> = std::sync::OnceLock::new();
    GOVS.get_or_init(|| {
        PLACES_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect::<Vec<_>>())
            .filter(|r| r.len() == 11 && r[1] == "governorate")
            .map(|r| {
                (r[0].to_string(), (r[2].to_string(), r[3].trim_end_matches(" Governorate").to_string()))
            })
            .collect()
    })
    .get(id)
    .cloned()
}

pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h =
        ((lat2 - lat1) / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

pub(crate) struct Builder {
    pub places: Vec<Place>,
    /// Per place: its names with their gates.
    names: Vec<Vec<(String, Gate)>>,
    by_pcode: HashMap<String, usize>,
    by_geonames: HashMap<u64, usize>,
    /// Name key → places having it.
    by_key: HashMap<String, Vec<usize>>,
    /// Governorate p-code (`SY07`) → canonical Arabic and English names.
    governorates: HashMap<String, (String, String)>,
    /// Normalised governorate name → canonical Arabic and English names, so
    /// that every source's spelling of a governorate (`ادلب`, `حماه`) votes
    /// for the same one.
    governorate_names: HashMap<String, (String, String)>,
    pub merged: usize,
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl Builder {
    fn empty() -> Builder {
        Builder {
            places: Vec::new(),
            names: Vec::new(),
            by_pcode: HashMap::new(),
            by_geonames: HashMap::new(),
            by_key: HashMap::new(),
            governorates: HashMap::new(),
            governorate_names: HashMap::new(),
            merged: 0,
        }
    }

    /// The built-in places of `data/places.tsv`.
    pub fn with_builtin() -> Builder {
        let mut b = Builder::empty();
        let rows: Vec<Vec<&str>> = PLACES_TSV
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#') && !l.starts_with("id\t"))
            .map(|l| l.split('\t').collect())
            .collect();
        // Governorate ids → names, for the admin1 column.
        let mut gov_names: HashMap<&str, (&str, &str)> = HashMap::new();
        for r in &rows {
            if r.get(1) == Some(&"governorate") {
                gov_names.insert(r[0], (r[2], r[3]));
            }
        }
        for (n, r) in rows.iter().enumerate() {
            // The file is part of the crate and tested: a bad row is a build defect.
            assert!(r.len() == 11, "data/places.tsv row {n}: expected 11 columns, found {}", r.len());
            let kind =
                PlaceKind::parse(r[1]).unwrap_or_else(|| panic!("data/places.tsv: bad kind {:?}", r[1]));
            let coord = |s: &str| s.trim().parse::<f64>().ok();
            let admin = gov_names.get(r[6]).copied();
            let mut names = vec![r[2].to_string()];
            names.extend(r[10].split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from));
            let place = Place {
                id: r[0].to_string(),
                ar: r[2].to_string(),
                en: r[3].to_string(),
                kind,
                lat: coord(r[4]),
                lon: coord(r[5]),
                admin1: admin.map(|a| a.0.to_string()),
                admin1_en: admin.map(|a| a.1.trim_end_matches(" Governorate").to_string()),
                admin2: None,
                pcode: opt(r[8]),
                parent: None,
                population: None,
                country: opt(r[7]),
                geonames: None,
                source: "builtin",
                names: Vec::new(),
                priority: r[9].trim().parse().unwrap_or(0),
            };
            if kind == PlaceKind::Governorate
                && let Some(pc) = &place.pcode
            {
                let names = (place.ar.clone(), place.admin1_en.clone().unwrap_or_default());
                b.governorates.insert(pc.clone(), names.clone());
                b.governorate_names.insert(norm_ar(&place.ar), names);
            }
            let idx = b.push(place);
            for name in names {
                b.add_name(idx, &name, true);
            }
        }
        b
    }

    fn push(&mut self, place: Place) -> usize {
        let idx = self.places.len();
        if let Some(pc) = &place.pcode {
            self.by_pcode.entry(pc.clone()).or_insert(idx);
        }
        if let Some(g) = place.geonames {
            self.by_geonames.entry(g).or_insert(idx);
        }
        self.places.push(place);
        self.names.push(Vec::new());
        idx
    }

    fn add_name(&mut self, idx: usize, name: &str, builtin: bool) {
        let name = name.trim();
        if name.is_empty() || !crate::names::has_arabic(name) {
            return;
        }
        let kind = self.places[idx].kind;
        for key in keys_of(name) {
            let gate = gate_for(&key, kind, builtin);
            let list = &mut self.names[idx];
            match list.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = entry.1.min(gate),
                None => list.push((key.clone(), gate)),
            }
            let places = self.by_key.entry(key).or_default();
            if !places.contains(&idx) {
                places.push(idx);
            }
        }
        let place = &mut self.places[idx];
        if !place.names.iter().any(|n| n == name) {
            place.names.push(name.to_string());
        }
    }

    /// The place an imported record is, if it is already known.
    fn find_same(&self, rec: &Place) -> Option<usize> {
        if let Some(i) = rec.pcode.as_ref().and_then(|pc| self.by_pcode.get(pc)) {
            return Some(*i);
        }
        if let Some(i) = rec.geonames.and_then(|g| self.by_geonames.get(&g)) {
            return Some(*i);
        }
        let mut best: Option<(f64, usize)> = None;
        for name in &rec.names {
            let key = name_key(name);
            let Some(cands) = self.by_key.get(&key) else { continue };
            for &i in cands {
                let p = &self.places[i];
                if !kinds_merge(p.kind, rec.kind) || p.country.as_deref().unwrap_or("SY") != "SY" {
                    continue;
                }
                // A place that already has its own p-code is another place.
                if rec.pcode.is_some() && p.pcode.is_some() {
                    continue;
                }
                let d = match (p.lat.zip(p.lon), rec.lat.zip(rec.lon)) {
                    (Some(a), Some(b)) => distance_km(a, b),
                    _ if p.admin1.is_some() && p.admin1 == rec.admin1 => merge_radius_km(rec.kind),
                    _ => continue,
                };
                if d <= merge_radius_km(rec.kind) && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, i));
                }
            }
        }
        best.map(|(_, i)| i)
    }

    /// Add an imported record: merged into a known place, or a new place.
    pub fn add_imported(&mut self, mut rec: Place) {
        if rec.admin1.is_none()
            && let Some(pc) = &rec.pcode
            && let Some((ar, en)) = pc.get(..4).and_then(|p| self.governorates.get(p))
            && pc.starts_with("SY")
        {
            rec.admin1 = Some(ar.clone());
            rec.admin1_en = Some(en.clone());
        }
        if let Some((ar, en)) = rec.admin1.as_deref().and_then(|a| self.governorate_names.get(&norm_ar(a))) {
            rec.admin1 = Some(ar.clone());
            rec.admin1_en = Some(en.clone());
        }
        let names = rec.names.clone();
        match self.find_same(&rec) {
            Some(i) => {
                self.merged += 1;
                let p = &mut self.places[i];
                if p.pcode.is_none()
                    && let Some(pc) = rec.pcode.clone()
                {
                    p.pcode = Some(pc.clone());
                    self.by_pcode.entry(pc).or_insert(i);
                }
                if p.geonames.is_none()
                    && let Some(g) = rec.geonames
                {
                    p.geonames = Some(g);
                    self.by_geonames.entry(g).or_insert(i);
                }
                let p = &mut self.places[i];
                p.population = p.population.or(rec.population);
                p.admin2 = p.admin2.take().or(rec.admin2);
                p.parent = p.parent.take().or(rec.parent);
                if p.lat.is_none() || p.lon.is_none() {
                    p.lat = rec.lat;
                    p.lon = rec.lon;
                }
                if p.admin1.is_none() {
                    p.admin1 = rec.admin1;
                    p.admin1_en = rec.admin1_en;
                }
                for n in names {
                    self.add_name(i, &n, false);
                }
            }
            None => {
                rec.names = Vec::new();
                let i = self.push(rec);
                for n in names {
                    self.add_name(i, &n, false);
                }
            }
        }
    }

    /// GeoNames alternate names (`isolanguage == ar`) for a GeoNames id.
    pub fn add_alternate_names(&mut self, geonameid: u64, names: &[String]) {
        if let Some(&i) = self.by_geonames.get(&geonameid) {
            for n in names {
                self.add_name(i, n, false);
            }
        }
    }

    /// Preference order of homonyms when nothing else tells them apart.
    fn rank(p: &Place) -> (bool, i32, u64) {
        (p.source == "builtin", p.priority, p.population.unwrap_or(0))
    }

    pub fn finish(self) -> Gazetteer {
        let r = rules();
        let mut lex = Lexicon::builder();
        for (idx, names) in self.names.iter().enumerate() {
            for (key, gate) in names {
                if *gate != Gate::Never {
                    lex.add([key.as_str()], Entry { place: idx as u32, gate: *gate });
                }
            }
        }
        let mut blockers = Lexicon::builder();
        for (phrase, when) in &r.blockers {
            blockers.add([phrase.as_str()], *when);
        }
        let mut by_key = self.by_key;
        for list in by_key.values_mut() {
            list.sort_by(|&a, &b| Builder::rank(&self.places[b]).cmp(&Builder::rank(&self.places[a])));
        }
        let by_id = self.places.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        Gazetteer { places: self.places, by_id, by_key, lexicon: lex.build(), blockers: blockers.build() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_with_governorates() {
        let g = Builder::with_builtin().finish();
        let idlib = g.get("idlib").expect("idlib");
        assert_eq!(idlib.kind, PlaceKind::Governorate);
        assert_eq!(idlib.pcode.as_deref(), Some("SY07"));
        assert_eq!(g.get("douma").and_then(|p| p.admin1.as_deref()), Some("ريف دمشق"));
        let govs = g.places().iter().filter(|p| p.kind == PlaceKind::Governorate).count();
        assert_eq!(govs, 14);
        let mut ids = std::collections::HashSet::new();
        for p in g.places() {
            assert!(ids.insert(p.id.clone()), "duplicate id {}", p.id);
            assert!(!p.ar.is_empty() && !p.en.is_empty(), "{} lacks a name", p.id);
            if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
                assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon), "{}", p.id);
            }
            if p.country.as_deref() == Some("SY") && p.kind != PlaceKind::Country {
                assert!(
                    p.admin1.is_some() || p.kind == PlaceKind::Region || p.kind == PlaceKind::Border,
                    "{}",
                    p.id
                );
            }
        }
    }

    #[test]
    fn imported_record_merges_into_builtin() {
        let mut b = Builder::with_builtin();
        let before = b.places.len();
        let rec = Place {
            id: "duma_c2000".into(),
            ar: "دوما".into(),
            en: "Duma".into(),
            kind: PlaceKind::Community,
            lat: Some(33.57),
            lon: Some(36.40),
            admin1: Some("ريف دمشق".into()),
            admin1_en: None,
            admin2: None,
            pcode: Some("C9999".into()),
            parent: None,
            population: Some(100),
            country: Some("SY".into()),
            geonames: None,
            source: "ocha",
            names: vec!["دوما".into()],
            priority: 0,
        };
        b.add_imported(rec.clone());
        assert_eq!(b.places.len(), before);
        // far away: a homonym
        b.add_imported(Place { lat: Some(35.0), lon: Some(36.7), pcode: Some("C9998".into()), ..rec });
        assert_eq!(b.places.len(), before + 1);
        let g = b.finish();
        assert_eq!(g.get("douma").and_then(|p| p.pcode.as_deref()), Some("C9999"));
        assert_eq!(g.lookup("دوما").len(), 2);
        assert_eq!(g.lookup("دوما")[0].id, "douma");
    }
}
