//! Loading the data files of `data/` into the registry's tables.
//!
//! Everything here runs once, when [`crate::Registry::builtin`] is first
//! called. The files are part of the binary (`include_str!`), so a malformed
//! line is a bug of this crate, caught by the unit tests: loading reports it
//! in [`LoadError`] instead of panicking.

use serde::Deserialize;
// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::words::{fold_word, strip_article, strip_clitics};

pub(crate) const ACTORS_TSV: &str = include_str!("../data/actors.tsv");
pub(crate) const PERSONS_TSV: &str = include_str!("../data/persons.tsv");
pub(crate) const OUTLETS_TSV: &str = include_str!("../data/outlets.tsv");
pub(crate) const ANAPHORS_TSV: &str = include_str!("../data/anaphors.tsv");
pub(crate) const FIRST_NAMES: &str = include_str!("../data/first_names.txt");
pub(crate) const NAME_STOP: &str = include_str!("../data/name_stop.txt");
pub(crate) const LOYALTY_TSV: &str = include_str!("../data/loyalty.tsv");
pub(crate) const CONTEXT_TOML: &str = include_str!("../data/context.toml");

/// A data file line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LoadError {}

/// Where an alias counts (its prefix in `actors.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gate {
    /// Always.
    Plain,
    /// `@`: a country name, the state unless the context says territory.
    Country,
    /// `^`: a capital or region, the territory unless the context says state.
    City,
    /// `!`: an outlet name that is also a common word.
    Quoted,
    /// `~`: a common noun that is a source only when it speaks.
    Source,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Flags {
    pub nest: bool,
    pub generic: bool,
    pub role: bool,
}

/// One row of `actors.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct ActorRow {
    pub id: String,
    pub kind: String,
    pub ar: String,
    pub en: String,
    pub flags: Flags,
    pub aliases: Vec<(Gate, String)>,
}

pub(crate) fn split_tsv(line: &str) -> Vec<&str> {
    line.split('\t').map(str::trim).collect()
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

fn list(field: &str, sep: char) -> Vec<String> {
    if field == "-" {
        return Vec::new();
    }
    field.split(sep).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

pub(crate) fn load_actors() -> Result<Vec<ActorRow>, LoadError> {
    let mut rows: Vec<ActorRow> = Vec::new();
    let mut seen = HashSet::new();
    for (line, text) in data_lines(ACTORS_TSV) {
        let err = |message: String| LoadError { file: "actors.tsv", line, message };
        let f = split_tsv(text);
        if f.len() != 6 {
            return Err(err(format!("expected 6 tab-separated fields, found {}", f.len())));
        }
        if !seen.insert(f[0].to_string()) {
            return Err(err(format!("duplicate id {}", f[0])));
        }
        let mut flags = Flags::default();
        for flag in list(f[4], ',') {
            match flag.as_str() {
                "nest" => flags.nest = true,
                "generic" => flags.generic = true,
                "role" => flags.role = true,
                other => return Err(err(format!("unknown flag {other}"))),
            }
        }
        let mut aliases = vec![(Gate::Plain, f[2].to_string())];
        for alias in list(f[5], '|') {
            let (gate, name) = match alias.chars().next() {
                Some('@') => (Gate::Country, &alias[1..]),
                Some('^') => (Gate::City, &alias[1..]),
                Some('!') => (Gate::Quoted, &alias[1..]),
                Some('~') => (Gate::Source, &alias[1..]),
                _ => (Gate::Plain, alias.as_str()),
            };
            if fold_word(name) == fold_word(f[2]) {
                // The canonical name written with a gate: the gate wins.
                aliases[0].0 = gate;
                continue;
            }
            aliases.push((gate, name.to_string()));
        }
        rows.push(ActorRow {
            id: f[0].to_string(),
            kind: f[1].to_string(),
            ar: f[2].to_string(),
            en: f[3].to_string(),
            flags,
            aliases,
        });
    }
    Ok(rows)
}

/// One row of `persons.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct PersonRow {
    pub id: String,
    pub ar: String,
    pub en: String,
    pub role: Option<String>,
    pub speaks_for: Option<String>,
    pub aliases: Vec<String>,
}

pub(crate) fn load_persons(actor_ids: &HashSet<&str>) -> Result<Vec<PersonRow>, LoadError> {
    let mut rows = Vec::new();
    for (line, text) in data_lines(PERSONS_TSV) {
        let err = |message: String| LoadError { file: "persons.tsv", line, message };
        let f = split_tsv(text);
        if f.len() != 6 {
            return Err(err(format!("expected 6 tab-separated fields, found {}", f.len())));
        }
        let speaks_for = (f[4] != "-").then(|| f[4].to_string());
        if let Some(a) = &speaks_for
            && !actor_ids.contains(a.as_str())
        {
            return Err(err(format!("speaks_for {a} is not an actor id")));
        }
        let mut aliases = vec![f[1].to_string()];
        aliases.extend(list(f[5], '|'));
        rows.push(PersonRow {
            id: f[0].to_string(),
            ar: f[1].to_string(),
            en: f[2].to_string(),
            role: (f[3] != "-").then(|| f[3].to_string()),
            speaks_for,
            aliases,
        });
    }
    Ok(rows)
}

/// `outlets.tsv`: lower-cased metadata name -> actor id.
pub(crate) fn load_outlets(actor_ids: &HashSet<&str>) -> Result<HashMap<String, String>, LoadError> {
    let mut out = HashMap::new();
    for (line, text) in data_lines(OUTLETS_TSV) {
        let f = split_tsv(text);
        if f.len() != 2 || !actor_ids.contains(f[1]) {
            return Err(LoadError {
                file: "outlets.tsv",
                line,
                message: "expected `name<TAB>actor id` with a known id".into(),
            });
        }
        out.insert(f[0].to_lowercase(), f[1].to_string());
    }
    Ok(out)
}

/// The clients of a patron (`loyalty.tsv`).
#[derive(Debug, Clone)]
pub(crate) struct Clients {
    pub forces: String,
    pub militias: String,
    pub opponents: Option<String>,
}

/// `loyalty.tsv`: patron id -> its clients.
pub(crate) fn load_loyalty(actor_ids: &HashSet<&str>) -> Result<HashMap<String, Clients>, LoadError> {
    let mut out = HashMap::new();
    for (line, text) in data_lines(LOYALTY_TSV) {
        let f = split_tsv(text);
        if f.len() != 4 || f.iter().any(|id| *id != "-" && !actor_ids.contains(id)) || f[..3].contains(&"-") {
            return Err(LoadError {
                file: "loyalty.tsv",
                line,
                message: "expected three known actor ids and an opponents id or `-`".into(),
            });
        }
        out.insert(
            f[0].to_string(),
            Clients {
                forces: f[1].to_string(),
                militias: f[2].to_string(),
                opponents: (f[3] != "-").then(|| f[3].to_string()),
            },
        );
    }
    Ok(out)
}

/// One row of `anaphors.tsv`.
#[derive(Debug, Clone)]
pub(crate) struct AnaphorRule {
    /// Head nouns, folded, without article (with it for `definite`).
    pub heads: Vec<String>,
    pub kinds: Vec<String>,
    pub surface: bool,
    pub definite: bool,
}

/// Folded anaphor (with its article) -> rule.
pub(crate) fn load_anaphors() -> Result<HashMap<String, AnaphorRule>, LoadError> {
    let mut out = HashMap::new();
    for (line, text) in data_lines(ANAPHORS_TSV) {
        let err = |message: String| LoadError { file: "anaphors.tsv", line, message };
        let f = split_tsv(text);
        if f.len() != 4 {
            return Err(err(format!("expected 4 tab-separated fields, found {}", f.len())));
        }
        let options = list(f[3], ',');
        let definite = options.iter().any(|o| o == "definite");
        let surface = options.iter().any(|o| o == "surface");
        if options.iter().any(|o| o != "definite" && o != "surface") {
            return Err(err("unknown option".into()));
        }
        let heads = list(f[1], ',')
            .iter()
            .map(|h| {
                let h = fold_word(h);
                if definite { h } else { strip_article(&h).to_string() }
            })
            .collect();
        out.insert(fold_word(f[0]), AnaphorRule { heads, kinds: list(f[2], ','), surface, definite });
    }
    Ok(out)
}

/// Folded word -> `true` when the name is also a common word (`?`).
pub(crate) fn load_first_names() -> HashMap<String, bool> {
    let mut out: HashMap<String, bool> = HashMap::new();
    for w in words_of(FIRST_NAMES) {
        let (name, ambiguous) = match w.strip_suffix('?') {
            Some(n) => (n, true),
            None => (w, false),
        };
        let k = fold_word(name);
        if k.is_empty() {
            continue;
        }
        // A name listed both ways is ambiguous.
        let e = out.entry(k).or_insert(ambiguous);
        *e |= ambiguous;
    }
    out
}

/// The whitespace-separated words of a list file, comments removed.
pub(crate) fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|l| l.split('#').next().unwrap_or("")).flat_map(str::split_whitespace)
}

/// A set of folded words.
#[derive(Debug, Clone, Default)]
pub(crate) struct WordSet(HashSet<String>);

impl WordSet {
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> WordSet {
        WordSet(words.into_iter().map(fold_word).filter(|w| !w.is_empty()).collect())
    }
    pub fn parse(text: &str) -> WordSet {
        WordSet::from_words(text.split_whitespace())
    }
    /// The folded word is listed, as written or without a leading و/ف.
    pub fn has(&self, folded: &str) -> bool {
        if self.0.contains(folded) {
            return true;
        }
        let rest = folded.strip_prefix('و').or_else(|| folded.strip_prefix('ف'));
        matches!(rest, Some(r) if r.chars().count() >= 2 && self.0.contains(r))
    }
    /// The folded bytes of a conjunction to leave out when the word is
    /// listed as written (`Some(0)`) or after a leading و/ف (`Some(2)`):
    /// `وقوات` → 2, `فصائل` → 0 (listed whole, not ف + صائل).
    pub fn conj_match(&self, folded: &str) -> Option<usize> {
        if self.0.contains(folded) {
            return Some(0);
        }
        let rest = folded.strip_prefix('و').or_else(|| folded.strip_prefix('ف'))?;
        (rest.chars().count() >= 2 && self.0.contains(rest)).then_some(folded.len() - rest.len())
    }
    /// Listed exactly.
    pub fn exact(&self, folded: &str) -> bool {
        self.0.contains(folded)
    }
    /// The listed words (folded).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
    /// Listed once clitics and article are peeled (`لصحيفة` → صحيفة).
    pub fn has_stem(&self, folded: &str) -> bool {
        self.has(folded) || self.0.contains(strip_clitics(folded))
    }
}

#[derive(Debug, Deserialize)]
struct ContextFile {
    speech: SpeechSection,
    persons: PersonsSection,
    state: StateSection,
    actors: ActorsSection,
}

#[derive(Debug, Deserialize)]
struct SpeechSection {
    verbs: String,
    attribution: String,
}

#[derive(Debug, Deserialize)]
struct PersonsSection {
    titles: String,
    naming: String,
    connectors: String,
    not_after: String,
    clause_breaks: String,
}

#[derive(Debug, Deserialize)]
struct StateSection {
    place_before: String,
    from_actor: String,
    border: String,
    political: String,
    verbs: String,
    loyal: String,
}

#[derive(Debug, Deserialize)]
struct ActorsSection {
    source_nouns: String,
    source_links: String,
    correspondents: String,
    media_descriptors: String,
    loyal_forces_heads: String,
    loyal_militia_heads: String,
    loyal_adjectives: String,
    loyal_words: String,
    backed_words: String,
    opposed_words: String,
    loyal_pronouns: String,
    designation_compounds: String,
    designation_adjectives: String,
    designation_reject: String,
    designations: Vec<DesignationRow>,
}

#[derive(Debug, Deserialize)]
struct DesignationRow {
    head: String,
    kind: String,
    links: String,
}

/// A named body built on a place name ("المجلس المحلي لمدينة دوما").
#[derive(Debug, Clone)]
pub(crate) struct Designation {
    /// Folded head words.
    pub head: Vec<String>,
    pub kind: String,
    pub links: WordSet,
}

/// The word lists of `context.toml`, folded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    pub speech_verbs: WordSet,
    pub attribution: WordSet,
    pub titles: WordSet,
    pub naming: WordSet,
    pub connectors: WordSet,
    pub not_after: WordSet,
    pub clause_breaks: WordSet,
    pub place_before: WordSet,
    pub from_actor: WordSet,
    pub border: WordSet,
    pub political: WordSet,
    pub state_verbs: WordSet,
    pub state_loyal: WordSet,
    pub source_nouns: WordSet,
    pub source_links: WordSet,
    pub correspondents: WordSet,
    pub media_descriptors: WordSet,
    pub loyal_forces_heads: WordSet,
    pub loyal_militia_heads: WordSet,
    pub loyal_adjectives: WordSet,
    pub loyal_words: WordSet,
    pub backed_words: WordSet,
    pub opposed_words: WordSet,
    pub loyal_pronouns: WordSet,
    pub designation_compounds: WordSet,
    pub designation_adjectives: WordSet,
    pub designation_reject: WordSet,
    pub designations: Vec<Designation>,
}

pub(crate) fn load_context() -> Result<Context, LoadError> {
    let file: ContextFile = toml::from_str(CONTEXT_TOML).map_err(|e| LoadError {
        file: "context.toml",
        line: 0,
        message: e.to_string(),
    })?;
    let p = WordSet::parse;
    Ok(Context {
        speech_verbs: p(&file.speech.verbs),
        attribution: p(&file.speech.attribution),
        titles: p(&file.persons.titles),
        naming: p(&file.persons.naming),
        connectors: p(&file.persons.connectors),
        not_after: p(&file.persons.not_after),
        clause_breaks: p(&file.persons.clause_breaks),
        place_before: p(&file.state.place_before),
        from_actor: p(&file.state.from_actor),
        border: p(&file.state.border),
        political: p(&file.state.political),
        state_verbs: p(&file.state.verbs),
        state_loyal: p(&file.state.loyal),
        source_nouns: p(&file.actors.source_nouns),
        source_links: p(&file.actors.source_links),
        correspondents: p(&file.actors.correspondents),
        media_descriptors: p(&file.actors.media_descriptors),
        loyal_forces_heads: p(&file.actors.loyal_forces_heads),
        loyal_militia_heads: p(&file.actors.loyal_militia_heads),
        loyal_adjectives: p(&file.actors.loyal_adjectives),
        loyal_words: p(&file.actors.loyal_words),
        backed_words: p(&file.actors.backed_words),
        opposed_words: p(&file.actors.opposed_words),
        loyal_pronouns: p(&file.actors.loyal_pronouns),
        designation_compounds: p(&file.actors.designation_compounds),
        designation_adjectives: p(&file.actors.designation_adjectives),
        designation_reject: p(&file.actors.designation_reject),
        designations: file
            .actors
            .designations
            .iter()
            .map(|d| Designation {
                head: d.head.split_whitespace().map(fold_word).collect(),
                kind: d.kind.clone(),
                links: p(&d.links),
            })
            .collect(),
    })
}
