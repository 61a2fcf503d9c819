//! The mapping tables of the exports, read once from `data/`.
//!
//! They are data, not code, so that a reviewer can read and change what a
//! category or a word becomes without touching the writers: `acled.toml`
//! (figure categories → event families, defaults, actor types),
//! `event_cues.tsv` (words → ACLED event types) and `gkg.toml` (categories →
//! GKG count types). They are compiled into the binary and parsed on first
//! use; a broken table is a bug of the build, caught by the tests.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

const ACLED_TOML: &str = include_str!("../data/acled.toml");
const EVENT_CUES_TSV: &str = include_str!("../data/event_cues.tsv");
const GKG_TOML: &str = include_str!("../data/gkg.toml");

/// One family of figure categories that make events of one kind.
#[derive(Debug, Clone, Deserialize)]
pub struct Family {
    pub categories: Vec<String>,
    /// Fixed types; absent for violence, typed by cue words.
    pub event_type: Option<String>,
    pub sub_event_type: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ActorRules {
    pub types: Vec<String>,
    pub civilians: String,
    pub civilian_who: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct AcledToml {
    max_event_days: i64,
    cumulative_cues: Vec<String>,
    families: BTreeMap<String, Family>,
    violence_defaults: BTreeMap<String, [String; 2]>,
    actors: ActorRules,
}

#[derive(Debug, Clone, Deserialize)]
struct GkgToml {
    count_types: BTreeMap<String, String>,
}

/// A cue word and the event type it signals; `rank` is its row (lower wins).
#[derive(Debug, Clone)]
pub struct Cue {
    pub rank: usize,
    pub event_type: String,
    pub sub_event_type: String,
}

/// All the tables, ready to use.
#[derive(Debug)]
pub struct Rules {
    /// Family name by figure category.
    pub family_of: HashMap<String, String>,
    pub families: BTreeMap<String, Family>,
    /// `(event_type, sub_event_type)` for violence without a cue, by `who`.
    pub violence_defaults: BTreeMap<String, [String; 2]>,
    pub actors: ActorRules,
    /// Longest period of an event, in days.
    pub max_event_days: i64,
    /// Words (folded) that make an undated figure a cumulative toll.
    pub cumulative_cues: HashSet<String>,
    /// Cue words (folded) matched whole.
    pub exact_cues: HashMap<String, Cue>,
    /// Cue prefixes (folded), matched at the start of a word.
    pub prefix_cues: Vec<(String, Cue)>,
    /// GKG count type by figure category.
    pub count_types: BTreeMap<String, String>,
}

impl Rules {
    /// The tables, parsed on first use.
    pub fn get() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| match Rules::parse(ACLED_TOML, EVENT_CUES_TSV, GKG_TOML) {
            Ok(rules) => rules,
            // The tables are compiled in and checked by the tests: a failure
            // here is a broken build, not bad input.
            Err(e) => panic!("rasid-export: built-in mapping tables are invalid: {e}"),
        })
    }

    fn parse(acled: &str, cues: &str, gkg: &str) -> Result<Rules, String> {
        let acled: AcledToml = toml::from_str(acled).map_err(|e| format!("acled.toml: {e}"))?;
        let gkg: GkgToml = toml::from_str(gkg).map_err(|e| format!("gkg.toml: {e}"))?;
        if !acled.violence_defaults.contains_key("otherwise") {
            return Err("acled.toml: violence_defaults needs an `otherwise` entry".to_string());
        }
        let mut family_of = HashMap::new();
        for (name, family) in &acled.families {
            if family.event_type.is_some() != family.sub_event_type.is_some() {
                return Err(format!("acled.toml: family {name} needs both event_type and sub_event_type"));
            }
            for category in &family.categories {
                if family_of.insert(category.clone(), name.clone()).is_some() {
                    return Err(format!("acled.toml: category {category} is in two families"));
                }
            }
        }
        let mut exact_cues = HashMap::new();
        let mut prefix_cues = Vec::new();
        for (rank, line) in cues.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [word, event_type, sub_event_type] = cols[..] else {
                return Err(format!(
                    "event_cues.tsv line {}: expected 3 columns, found {}",
                    rank + 1,
                    cols.len()
                ));
            };
            let cue =
                Cue { rank, event_type: event_type.to_string(), sub_event_type: sub_event_type.to_string() };
            match word.strip_suffix('*') {
                Some(prefix) => prefix_cues.push((rasid_text::key(prefix), cue)),
                None => {
                    exact_cues.entry(rasid_text::key(word)).or_insert(cue);
                }
            }
        }
        Ok(Rules {
            family_of,
            families: acled.families,
            violence_defaults: acled.violence_defaults,
            actors: acled.actors,
            max_event_days: acled.max_event_days,
            cumulative_cues: acled.cumulative_cues.iter().map(|w| rasid_text::key(w)).collect(),
            exact_cues,
            prefix_cues,
            count_types: gkg.count_types,
        })
    }

    /// Whether a folded word (clitics attached) marks a cumulative toll.
    pub fn is_cumulative_cue(&self, folded_word: &str) -> bool {
        rasid_text::clitic::peels(folded_word).iter().any(|p| {
            let bare = p.rest.strip_prefix("ال").unwrap_or(p.rest);
            self.cumulative_cues.contains(p.rest) || self.cumulative_cues.contains(bare)
        })
    }

    /// The best cue a folded word (clitics attached) matches, if any.
    pub fn cue_for(&self, folded_word: &str) -> Option<&Cue> {
        let mut best: Option<&Cue> = None;
        for peel in rasid_text::clitic::peels(folded_word) {
            let rest = if peel.elided_article { format!("ال{}", peel.rest) } else { peel.rest.to_string() };
            let bare = rest.strip_prefix("ال").unwrap_or(&rest);
            for form in [rest.as_str(), bare] {
                let exact = self.exact_cues.get(form);
                let prefix =
                    self.prefix_cues.iter().filter(|(p, _)| form.starts_with(p.as_str())).map(|(_, c)| c);
                for cue in exact.into_iter().chain(prefix) {
                    if best.is_none_or(|b| cue.rank < b.rank) {
                        best = Some(cue);
                    }
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_tables_parse() {
        let rules = Rules::parse(ACLED_TOML, EVENT_CUES_TSV, GKG_TOML).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(rules.family_of.get("killed").map(String::as_str), Some("violence"));
        assert_eq!(rules.count_types.get("killed").map(String::as_str), Some("KILL"));
        assert!(rules.exact_cues.len() > 20);
    }

    #[test]
    fn cues_match_through_clitics_and_prefer_earlier_rows() {
        let rules = Rules::get();
        let sub = |w: &str| rules.cue_for(&rasid_text::key(w)).map(|c| c.sub_event_type.clone());
        assert_eq!(sub("بغارات").as_deref(), Some("Air/drone strike"));
        assert_eq!(sub("والقصف").as_deref(), Some("Shelling/artillery/missile attack"));
        assert_eq!(sub("الكيماوية").as_deref(), Some("Chemical weapon"));
        assert_eq!(sub("للاشتباكات").as_deref(), Some("Armed clash"));
        assert_eq!(sub("مدرسة"), None);
    }

    #[test]
    fn broken_tables_are_reported() {
        assert!(Rules::parse("x = 1", EVENT_CUES_TSV, GKG_TOML).is_err());
        assert!(Rules::parse(ACLED_TOML, "one\ttwo\n", GKG_TOML).is_err());
    }
}
