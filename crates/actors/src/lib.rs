//! # rasid-actors: who acts and who speaks in a report
//!
//! The **source registry** ([`Registry`]) holds every actor rasid knows by id
//! (`sohr`, `russian_mod`, `syrian_army`, `medical_source`, …) with its
//! canonical Arabic and English names and its Arabic aliases, and the public
//! figures who speak for them. The figure-attribution stage uses the ids; this
//! crate finds the mentions:
//!
//! - [`Registry::find_actors`]: organizations, forces, governments, states
//!   (a country or capital used for the state, see [`state_reading`]), media
//!   (the article's own outlet included), anonymous source roles (`مصادر
//!   طبية`, `سكان وشهود`), role titles used without a name (`الرئيس التركي`),
//!   short anaphoric forms resolved to an earlier mention (`الوزارة`,
//!   `المرصد`), designations by loyalty (`الفصائل الموالية لها`);
//! - [`Registry::find_persons`]: people, from the registry (spelling variants
//!   unified) and by rule (a role title, a speech verb or a naming word before
//!   a name that starts with a known given name), with surname-only repeats.
//!
//! Everything is matched on the folded text (`rasid-text`) through
//! `rasid-lexicon`, and every mention carries original character offsets.
//! All word lists are data files in `data/`, compiled once.

mod actors;
mod data;
mod facts;
mod persons;
mod state;
mod words;

use rasid_lexicon::{Joined, Lexicon};
use rasid_model::{Mention, Span};
use rasid_text::Document;
// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;
use std::sync::OnceLock;

pub use data::LoadError;
pub use state::state_reading;

use data::{AnaphorRule, Context, Flags, Gate, WordSet};
use facts::{Facts, Vocab};

/// An actor of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    /// Canonical Arabic name.
    pub ar: String,
    pub en: String,
    /// `government`, `state_force`, `armed_group`, `monitor`, `media`,
    /// `intl_org`, `humanitarian_org`, `rescue_org`, `medical_org`,
    /// `person_role`, `foreign_state`, `local_authority`, `political_party`,
    /// `political_body`, `activists`.
    pub kind: String,
}

/// A person of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub ar: String,
    pub en: String,
    pub role: Option<String>,
    /// The actor id the person speaks for.
    pub speaks_for: Option<String>,
}

/// One actor mention in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    /// Tokens covered (the first may carry proclitics outside the span).
    pub tokens: Range<usize>,
    /// Original character span (proclitics out, an elided-article `لل` in).
    pub span: Span,
    /// Registry id, or a rule-made id for a named body that the registry
    /// lacks (`المجلس المحلي لمدينة دوما`).
    pub actor_id: String,
    /// Canonical Arabic, English and kind of the actor (for a body found by
    /// rule: its name as written, a transliteration, the rule's kind).
    pub ar: String,
    pub en: String,
    pub kind: String,
    /// A short form (`الوزارة`, `المرصد`, `المصدر`…) resolved to an earlier
    /// mention.
    pub anaphoric: bool,
    /// A country or capital name standing for the state (`أنقرة`, `وسارعت
    /// دمشق للنفي`): the same words must not also be reported as a place.
    pub state_metonymy: bool,
}

impl ActorMention {
    /// The contract's mention object.
    pub fn to_mention(&self, doc: &Document) -> Mention {
        Mention {
            span: self.span,
            text: doc.slice(self.span).to_string(),
            id: self.actor_id.clone(),
            ar: self.ar.clone(),
            en: self.en.clone(),
            kind: self.kind.clone(),
            lat: None,
            lon: None,
            admin: None,
        }
    }
}

/// One person mention in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMention {
    pub tokens: Range<usize>,
    pub span: Span,
    /// Registry id, or `person_<transliteration>` for a name found by rule.
    pub id: String,
    /// Canonical Arabic (a surname-only mention carries the full name).
    pub ar: String,
    pub en: String,
    /// The actor the person speaks for, when known: رامي عبد الرحمن → sohr,
    /// أردوغان → turkish_president; for a name found after a role title, the
    /// organization named in the title (`مدير المرصد` → sohr).
    pub speaks_for: Option<String>,
    /// The role (registry) or the role title written before the name.
    pub role: Option<String>,
}

impl PersonMention {
    /// The contract's mention object.
    pub fn to_mention(&self, doc: &Document) -> Mention {
        Mention {
            span: self.span,
            text: doc.slice(self.span).to_string(),
            id: self.id.clone(),
            ar: self.ar.clone(),
            en: self.en.clone(),
            kind: "person".to_string(),
            lat: None,
            lon: None,
            admin: None,
        }
    }
}

/// Actor and person mentions of one document, found together (each kind
/// needs the other: a role title before a name is not an actor, a name is not
/// read inside an organization's name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    pub actors: Vec<ActorMention>,
    pub persons: Vec<PersonMention>,
}

/// A registry actor with what the matching rules need.
#[derive(Debug, Clone)]
pub(crate) struct ActorEntry {
    pub actor: Actor,
    pub flags: Flags,
    /// First words of its aliases without clitics and article (`وزاره`), and
    /// with the article kept (`الجيش`), for anaphor compatibility.
    pub heads_bare: HashSet<String>,
    pub heads_definite: HashSet<String>,
}

/// What a lexicon key of the actor lexicon points to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AliasRef {
    pub actor: usize,
    pub gate: Gate,
    /// The alias is one definite word (`النظام`, `المعارضة`).
    pub one_word_definite: bool,
}

/// What a lexicon key of the person lexicon points to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PersonRef {
    pub person: usize,
    /// A one-word alias (surname only: `أردوغان`, `الأسد`).
    pub short: bool,
}

/// The source registry and the compiled matching rules. Build once
/// ([`Registry::builtin`]); it is immutable and `Sync`.
#[derive(Debug)]
pub struct Registry {
    pub(crate) actors: Vec<ActorEntry>,
    pub(crate) by_id: HashMap<String, usize>,
    pub(crate) actor_lex: Lexicon<AliasRef>,
    pub(crate) persons: Vec<Person>,
    pub(crate) person_lex: Lexicon<PersonRef>,
    outlets: HashMap<String, String>,
    pub(crate) anaphors: HashMap<String, AnaphorRule>,
    pub(crate) loyalty: HashMap<String, data::Clients>,
    pub(crate) first_names: HashMap<String, bool>,
    pub(crate) name_stop: WordSet,
    pub(crate) ctx: Context,
    /// Every key of `actor_lex` -> its index: an exact lookup of a key built
    /// from document tokens (already folded and tokenized), without folding
    /// it again as `Lexicon::lookup` does.
    pub(crate) actor_keys: HashMap<String, usize>,
    /// The words of the lists above, for [`Facts`].
    pub(crate) vocab: Vocab,
}

impl Registry {
    /// The registry built from the crate's data files (once per process).
    ///
    /// The data files are compiled into the binary and checked by this
    /// crate's tests; should one ever fail to load, the registry is empty
    /// rather than a panic at run time.
    pub fn builtin() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| Registry::load().unwrap_or_else(|_| Registry::empty()))
    }

    /// Build the registry from the data files, reporting the first bad line.
    pub fn load() -> Result<Registry, LoadError> {
        let rows = data::load_actors()?;
        let ctx = data::load_context()?;
        let mut actors = Vec::with_capacity(rows.len());
        let mut by_id = HashMap::new();
        let mut lex = Lexicon::builder();
        let mut vocab = Vocab::new();
        let mut alias_keys: Vec<(String, String)> = Vec::new();
        for (idx, row) in rows.into_iter().enumerate() {
            let mut heads_bare = HashSet::new();
            let mut heads_definite = HashSet::new();
            for (gate, alias) in &row.aliases {
                let key = rasid_lexicon::name_key(alias);
                add_key_start(&mut vocab, &key, facts::ACTOR_START, facts::ACTOR_START_ELIDED);
                alias_keys.push((alias.clone(), key.clone()));
                let Some(first) = key.split(' ').next() else { continue };
                heads_bare.insert(words::strip_clitics(first).to_string());
                heads_definite.insert(words::strip_to_article(first).into_owned());
                let one_word_definite = !key.contains(' ') && key.starts_with("ال");
                lex.add([alias.as_str()], AliasRef { actor: idx, gate: *gate, one_word_definite });
            }
            by_id.insert(row.id.clone(), idx);
            actors.push(ActorEntry {
                actor: Actor { id: row.id, ar: row.ar, en: row.en, kind: row.kind },
                flags: row.flags,
                heads_bare,
                heads_definite,
            });
        }
        let ids: HashSet<&str> = actors.iter().map(|a| a.actor.id.as_str()).collect();
        let person_rows = data::load_persons(&ids)?;
        let outlets = data::load_outlets(&ids)?;
        let loyalty = data::load_loyalty(&ids)?;
        let mut persons = Vec::with_capacity(person_rows.len());
        let mut plex = Lexicon::builder();
        for (idx, row) in person_rows.into_iter().enumerate() {
            for alias in &row.aliases {
                let key = rasid_lexicon::name_key(alias);
                add_key_start(&mut vocab, &key, facts::PERSON_START, facts::PERSON_START_ELIDED);
                let short = !key.contains(' ');
                plex.add([alias.as_str()], PersonRef { person: idx, short });
            }
            persons.push(Person {
                id: row.id,
                ar: row.ar,
                en: row.en,
                role: row.role,
                speaks_for: row.speaks_for,
            });
        }
        let actor_lex = lex.build();
        let actor_keys = alias_keys
            .into_iter()
            .filter_map(|(alias, key)| actor_lex.lookup(&alias).map(|k| (key, k)))
            .collect();
        let anaphors = data::load_anaphors()?;
        let first_names = data::load_first_names();
        let name_stop = WordSet::from_words(data::words_of(data::NAME_STOP));
        add_word_lists(&mut vocab, &ctx, &name_stop, &first_names, &anaphors);
        Ok(Registry {
            actors,
            by_id,
            actor_lex,
            persons,
            person_lex: plex.build(),
            outlets,
            anaphors,
            loyalty,
            first_names,
            name_stop,
            ctx,
            actor_keys,
            vocab,
        })
    }

    fn empty() -> Registry {
        Registry {
            actors: Vec::new(),
            by_id: HashMap::new(),
            actor_lex: Lexicon::builder().build(),
            persons: Vec::new(),
            person_lex: Lexicon::builder().build(),
            outlets: HashMap::new(),
            anaphors: HashMap::new(),
            loyalty: HashMap::new(),
            first_names: HashMap::new(),
            name_stop: WordSet::default(),
            ctx: Context::default(),
            actor_keys: HashMap::new(),
            vocab: Vocab::new(),
        }
    }

    /// The actor with this id.
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &self.actors[i].actor)
    }

    /// Every actor of the registry.
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.actors.iter().map(|a| &a.actor)
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.persons.iter().find(|p| p.id == id)
    }

    /// The registry id of an outlet as article metadata names it ("Sky News
    /// Arabia" → `sky_news_arabia`), so that "مراسل الجزيرة" can be told
    /// apart as the article's own voice. Also accepts an actor id, its
    /// English name or one of its Arabic names.
    pub fn outlet_id(&self, outlet: &str) -> Option<&str> {
        let name = outlet.trim();
        if name.is_empty() {
            return None;
        }
        if let Some(id) = self.outlets.get(&name.to_lowercase()) {
            return self.by_id.get(id).map(|&i| self.actors[i].actor.id.as_str());
        }
        if let Some(&i) = self.by_id.get(name) {
            return Some(self.actors[i].actor.id.as_str());
        }
        let lower = name.to_lowercase();
        if let Some(a) =
            self.actors.iter().find(|a| a.actor.kind == "media" && a.actor.en.to_lowercase() == lower)
        {
            return Some(a.actor.id.as_str());
        }
        let key = rasid_lexicon::name_key(name);
        let k = self.actor_lex.lookup(&key)?;
        self.actor_lex
            .entries_of(k)
            .map(|r| &self.actors[r.actor].actor)
            .find(|a| a.kind == "media")
            .map(|a| a.id.as_str())
    }

    /// Actor mentions of a document. `outlet` is the article's outlet as its
    /// metadata names it (see [`Registry::outlet_id`]); it lets an outlet name
    /// that is also a common word count after لـ in the outlet's own article.
    pub fn find_actors(&self, doc: &Document, joined: &Joined, outlet: Option<&str>) -> Vec<ActorMention> {
        self.analyze(doc, joined, outlet).actors
    }

    /// Person mentions of a document.
    pub fn find_persons(&self, doc: &Document, joined: &Joined) -> Vec<PersonMention> {
        self.analyze(doc, joined, None).persons
    }

    /// Actors and persons together (what [`Registry::find_actors`] and
    /// [`Registry::find_persons`] each compute, in one pass).
    pub fn analyze(&self, doc: &Document, joined: &Joined, outlet: Option<&str>) -> Analysis {
        if doc.tokens.is_empty() {
            return Analysis::default();
        }
        let outlet_actor = outlet.and_then(|o| self.outlet_id(o)).and_then(|id| self.by_id.get(id).copied());
        let facts = Facts::new(doc, &self.vocab);
        let mut cands = self.actor_candidates(doc, joined, &facts, outlet_actor);
        let found = self.find_person_mentions(doc, joined, &facts, &cands);
        let actors = self.resolve_actors(doc, &facts, &mut cands, &found);
        let persons = self.finish_persons(doc, found, &actors, &cands);
        Analysis { actors, persons }
    }
}

/// Mark the first word of a lexicon key as a possible start of a match
/// (`start`), and the word without its article as one after `لل`
/// (`start_elided`).
fn add_key_start(vocab: &mut Vocab, key: &str, start: facts::Classes, start_elided: facts::Classes) {
    let first = key.split(' ').next().unwrap_or_default();
    vocab.add(first, start);
    if let Some(stem) = first.strip_prefix("ال") {
        vocab.add(stem, start_elided);
    }
}

/// The word lists the per-token rules test, each under its class.
fn add_word_lists(
    vocab: &mut Vocab,
    ctx: &Context,
    name_stop: &WordSet,
    first_names: &HashMap<String, bool>,
    anaphors: &HashMap<String, AnaphorRule>,
) {
    vocab.add_set(name_stop, facts::NAME_STOP);
    vocab.add_set(&ctx.titles, facts::TITLE);
    vocab.add_set(&ctx.speech_verbs, facts::SPEECH);
    vocab.add_set(&ctx.naming, facts::NAMING);
    vocab.add_set(&ctx.connectors, facts::CONNECTOR);
    vocab.add_set(&ctx.not_after, facts::NOT_AFTER);
    vocab.add_set(&ctx.clause_breaks, facts::CLAUSE_BREAK);
    vocab.add_set(&ctx.loyal_forces_heads, facts::LOYAL_HEAD);
    vocab.add_set(&ctx.loyal_militia_heads, facts::LOYAL_HEAD);
    for d in &ctx.designations {
        if let Some(head) = d.head.first() {
            vocab.add(head, facts::DESIGNATION_HEAD);
        }
    }
    for (name, &ambiguous) in first_names {
        let amb = if ambiguous { facts::FIRST_NAME_AMBIGUOUS } else { 0 };
        vocab.add(name, facts::FIRST_NAME | amb);
    }
    for form in anaphors.keys() {
        vocab.add(form, facts::ANAPHOR);
        if let Some(stem) = form.strip_prefix("ال") {
            vocab.add(stem, facts::ANAPHOR_STEM);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let r = Registry::load().expect("data files load");
        assert!(r.actors.len() > 150);
        assert!(r.persons.len() > 50);
        for id in [
            "russian_mod",
            "russian_reconciliation_center",
            "russian_military",
            "syrian_army",
            "syrian_government",
            "syrian_state_media",
            "syrian_un_envoy",
            "sohr",
            "civil_defence",
            "activists",
            "un",
            "un_ocha",
            "un_secretary_general",
            "un_envoy_syria",
            "jaish_al_islam",
            "faylaq_al_rahman",
            "ahrar_al_sham",
            "hts",
            "interfax",
            "reuters",
            "afp",
            "al_jazeera",
            "ria_novosti",
            "pro_government_media",
            "field_source",
            "medical_source",
            "residents_and_witnesses",
        ] {
            assert!(r.actor(id).is_some(), "contract source id {id} missing");
        }
    }

    #[test]
    fn outlet_ids() {
        let r = Registry::builtin();
        assert_eq!(r.outlet_id("Sky News Arabia"), Some("sky_news_arabia"));
        assert_eq!(r.outlet_id("BBC Arabic"), Some("bbc"));
        assert_eq!(r.outlet_id("France 24 Arabic"), Some("france24"));
        assert_eq!(r.outlet_id("Al Arabiya"), Some("al_arabiya"));
        assert_eq!(r.outlet_id("CNN Arabic"), Some("cnn"));
        assert_eq!(r.outlet_id("Asharq Al-Awsat"), Some("asharq_al_awsat"));
        assert_eq!(r.outlet_id("RT Arabic"), Some("rt_arabic"));
        assert_eq!(r.outlet_id("المدن"), Some("al_modon"));
        assert_eq!(r.outlet_id("Al Jazeera"), Some("al_jazeera"));
        assert_eq!(r.outlet_id("Unknown Gazette"), None);
        assert_eq!(r.outlet_id(""), None);
    }

    #[test]
    fn registry_is_sync() {
        fn is_sync<T: Sync + Send>() {}
        is_sync::<Registry>();
    }
}
