//! The matching rules, loaded once from the data files compiled into the
//! crate: word classes around names (`context.toml`), name gates
//! (`gates.tsv`, `common_words.txt`), blocked phrases (`not_places.tsv`),
//! GeoNames' governorate codes (`geonames_admin1.tsv`).

use crate::PlaceKind;
use rasid_lexicon::name_key;
use rasid_text::clitic;
use serde::Deserialize;
use std::collections::BTreeMap;
// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::OnceLock;

const CONTEXT_TOML: &str = include_str!("../data/context.toml");
const GATES_TSV: &str = include_str!("../data/gates.tsv");
const COMMON_WORDS: &str = include_str!("../data/common_words.txt");
const NOT_PLACES_TSV: &str = include_str!("../data/not_places.tsv");
const GEONAMES_ADMIN1_TSV: &str = include_str!("../data/geonames_admin1.tsv");

/// How much context a name needs before it is reported as a place
/// (see `data/gates.tsv`). Ordered from the most to the least permissive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gate {
    /// Always a place.
    Free,
    /// Also a definite adjective (`السعودية`): not a place right after a
    /// definite word.
    AdjDef,
    /// Also an indefinite adjective (`سورية`): a place after a preposition,
    /// descriptor or direction, at a sentence start, after punctuation, or
    /// in a list of places.
    Adjective,
    /// Needs place context: a descriptor before it, a place listed next to
    /// it, or a place right after it; for a built-in name a preposition or
    /// direction before it is enough.
    Weak,
    /// An ordinary word: needs a descriptor before it or a place listed next
    /// to it.
    Strong,
    /// Never reported.
    Never,
}

impl Gate {
    pub fn parse(s: &str) -> Option<Gate> {
        Some(match s {
            "free" => Gate::Free,
            "adj_def" => Gate::AdjDef,
            "adjective" => Gate::Adjective,
            "weak" => Gate::Weak,
            "strong" => Gate::Strong,
            "never" => Gate::Never,
            _ => return None,
        })
    }
}

/// When a blocked phrase (`not_places.tsv`) blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockWhen {
    Always,
    /// Only when it reads as a media brand.
    Media,
}

/// A class of descriptor words and the kinds of place it announces.
#[derive(Debug, Clone)]
pub struct DescriptorClass {
    pub prefer: Vec<PlaceKind>,
}

#[derive(Debug)]
pub struct Rules {
    /// Folded descriptor word → index in `classes`.
    pub descriptors: HashMap<String, usize>,
    pub classes: Vec<DescriptorClass>,
    pub between: HashSet<String>,
    pub prepositions: HashSet<String>,
    pub directions: HashSet<String>,
    pub media: HashSet<String>,
    pub list_words: HashSet<String>,
    /// Name key → gate, from gates.tsv.
    pub gates: HashMap<String, Gate>,
    /// Name keys of ordinary words.
    pub common: HashSet<String>,
    pub blockers: Vec<(String, BlockWhen)>,
    /// GeoNames admin1 code (`08`) → built-in governorate id.
    pub geonames_admin1: HashMap<String, String>,
    /// Folded leading words dropped from imported names.
    pub strip_leading: HashSet<String>,
    pub glue_prefixes: Vec<String>,
    pub split_prefixes: Vec<String>,
    pub person_titles: HashSet<String>,
    /// Words after which a country or capital is a place, not the state.
    pub locative: HashSet<String>,
}

#[derive(Deserialize)]
struct ContextFile {
    descriptors: BTreeMap<String, DescriptorSection>,
    prepositions: WordList,
    directions: WordList,
    media: WordList,
    lists: WordList,
    import: ImportSection,
    state: StateSection,
}

#[derive(Deserialize)]
struct StateSection {
    locative: Vec<String>,
}

#[derive(Deserialize)]
struct DescriptorSection {
    #[serde(default)]
    prefer: Vec<String>,
    words: Vec<String>,
}

#[derive(Deserialize)]
struct WordList {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct ImportSection {
    strip_leading: Vec<String>,
    glue_prefixes: Vec<String>,
    split_prefixes: Vec<String>,
    person_titles: Vec<String>,
}

/// Lines of a data file that carry data: no comments, no blank lines, no header.
fn data_lines<'a>(text: &'a str, header: Option<&'a str>) -> impl Iterator<Item = &'a str> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter(move |l| header.is_none_or(|h| !l.starts_with(h)))
}

fn fold_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| name_key(w)).filter(|k| !k.is_empty()).collect()
}

impl Rules {
    fn load() -> Rules {
        // The data files are part of the crate and covered by its tests: a
        // parse failure here is a build defect, not bad input.
        let ctx: ContextFile = toml::from_str(CONTEXT_TOML).expect("data/context.toml is valid");
        let mut descriptors = HashMap::new();
        let mut classes = Vec::new();
        let mut between = HashSet::new();
        for (name, section) in &ctx.descriptors {
            if name == "between" {
                between = fold_set(&section.words);
                continue;
            }
            let prefer = section
                .prefer
                .iter()
                .map(|k| PlaceKind::parse(k).expect("context.toml: known place kind"))
                .collect();
            let idx = classes.len();
            classes.push(DescriptorClass { prefer });
            for w in &section.words {
                descriptors.insert(name_key(w), idx);
            }
        }
        let mut gates = HashMap::new();
        for line in data_lines(GATES_TSV, Some("name\t")) {
            let mut cols = line.split('\t');
            let (Some(name), Some(gate)) = (cols.next(), cols.next()) else {
                panic!("data/gates.tsv: bad line {line:?}");
            };
            let gate =
                Gate::parse(gate.trim()).unwrap_or_else(|| panic!("data/gates.tsv: bad gate in {line:?}"));
            gates.insert(name_key(name), gate);
        }
        let common = data_lines(COMMON_WORDS, None).map(name_key).filter(|k| !k.is_empty()).collect();
        let mut blockers = Vec::new();
        for line in data_lines(NOT_PLACES_TSV, Some("phrase\t")) {
            let mut cols = line.split('\t');
            let (Some(phrase), Some(when)) = (cols.next(), cols.next()) else {
                panic!("data/not_places.tsv: bad line {line:?}");
            };
            let when = match when.trim() {
                "always" => BlockWhen::Always,
                "media" => BlockWhen::Media,
                other => panic!("data/not_places.tsv: bad condition {other:?}"),
            };
            blockers.push((phrase.to_string(), when));
        }
        let mut geonames_admin1 = HashMap::new();
        for line in data_lines(GEONAMES_ADMIN1_TSV, Some("code\t")) {
            if let Some((code, gov)) = line.split_once('\t') {
                geonames_admin1.insert(code.trim().to_string(), gov.trim().to_string());
            }
        }
        Rules {
            descriptors,
            classes,
            between,
            prepositions: fold_set(&ctx.prepositions.words),
            directions: fold_set(&ctx.directions.words),
            media: fold_set(&ctx.media.words),
            list_words: fold_set(&ctx.lists.words),
            gates,
            common,
            blockers,
            geonames_admin1,
            strip_leading: fold_set(&ctx.import.strip_leading),
            glue_prefixes: ctx.import.glue_prefixes.iter().map(|w| name_key(w)).collect(),
            split_prefixes: ctx.import.split_prefixes.iter().map(|w| name_key(w)).collect(),
            person_titles: fold_set(&ctx.import.person_titles),
            locative: fold_set(&ctx.state.locative),
        }
    }

    /// The descriptor class of a folded word, proclitics allowed
    /// (`بمدينة`, `وبلدات`, `لريف`).
    pub fn descriptor_of(&self, word: &str) -> Option<usize> {
        forms(word).find_map(|f| self.descriptors.get(f.as_ref()).copied())
    }

    pub fn is_preposition(&self, word: &str) -> bool {
        forms(word).any(|f| self.prepositions.contains(f.as_ref()))
    }

    pub fn is_direction(&self, word: &str) -> bool {
        forms(word).any(|f| self.directions.contains(f.as_ref()))
    }

    pub fn is_locative(&self, word: &str) -> bool {
        forms(word).any(|f| self.locative.contains(f.as_ref()))
    }

    pub fn is_media(&self, word: &str) -> bool {
        forms(word).any(|f| self.media.contains(f.as_ref()))
    }
}

/// A folded word and its readings without proclitics (`لل` + stem read as
/// `ال` + stem).
pub fn forms(word: &str) -> impl Iterator<Item = std::borrow::Cow<'_, str>> {
    // the readings are held inline: no allocation per word looked up
    let readings = clitic::peel_list(word);
    (0..readings.len()).map(move |k| {
        let p = readings[k];
        if p.elided_article {
            std::borrow::Cow::Owned(format!("ال{}", p.rest))
        } else {
            std::borrow::Cow::Borrowed(p.rest)
        }
    })
}

pub fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(Rules::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let r = rules();
        assert!(r.descriptor_of(&name_key("بمدينة")).is_some());
        assert!(r.descriptor_of(&name_key("وبلدات")).is_some());
        assert!(r.is_direction(&name_key("شمالي")));
        assert!(r.is_preposition(&name_key("في")));
        assert_eq!(r.gates.get(&name_key("سورية")), Some(&Gate::Adjective));
        assert!(r.common.contains(&name_key("الكوم")));
        assert_eq!(r.geonames_admin1.get("08").map(String::as_str), Some("rif_dimashq"));
        assert!(r.blockers.iter().any(|(p, w)| p == "روسيا اليوم" && *w == BlockWhen::Media));
    }
}
