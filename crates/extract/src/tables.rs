//! The extraction rules that are data: TSV tables in `crates/extract/data/`,
//! compiled once into [`Lexicon`]s.
//!
//! Every table has the same shape: `#` comment lines, then rows whose first
//! column is a `|`-separated list of word forms as written in text (folding
//! and proclitic peeling happen in the lexicon), followed by typed columns.

use rasid_lexicon::{Lexicon, LexiconBuilder, LexiconGroup};

/// What a counted noun makes of the number before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounClass {
    Person,
    Attack,
    Vehicle,
    Aid,
    Time,
    Distance,
    Money,
    Thing,
}

impl NounClass {
    /// Nouns whose numbers are figures.
    pub fn counts_figures(self) -> bool {
        matches!(self, NounClass::Person | NounClass::Attack | NounClass::Vehicle | NounClass::Aid)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noun {
    pub class: NounClass,
    pub who: Option<&'static str>,
    pub category: Option<&'static str>,
    /// A dual form: the noun itself says "two".
    pub dual: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueWhere {
    Before,
    After,
    Any,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// A contract category, or one of the context pseudo-categories
    /// `evacuation_context`, `corridor_context`, `territory_context`.
    pub category: &'static str,
    pub place: CueWhere,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeechKind {
    Verb,
    Continuation,
    Preposition,
    Relay,
    NullSpeaker,
    Tally,
    Carry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonFigureContext {
    Resolution,
    Clock,
    Age,
    Year,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanWord {
    Adjective,
    WhoCivilians,
    WhoFightersFamilies,
    Partitive,
    PronounPartitive,
    Limiter,
    Breakdown,
    AllOfThem,
    WhoSoldiers,
    Tally,
    Among,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PeriodWord {
    Within,
    Start,
    /// A unit of time, in days.
    Unit(f64),
}

/// All tables, compiled.
#[derive(Debug)]
pub struct Tables {
    pub nouns: Lexicon<Noun>,
    pub cues: Lexicon<Cue>,
    pub speech: Lexicon<SpeechKind>,
    pub nonfigure: Lexicon<NonFigureContext>,
    pub span_words: Lexicon<SpanWord>,
    pub period_words: Lexicon<PeriodWord>,
    /// The six lexicons above as one group, in that order: a document is
    /// probed once for all of them (see [`crate::analysis::Analysis::new`]).
    pub(crate) group: LexiconGroup,
}

/// A malformed table: which file, which line, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub file: &'static str,
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

const COUNTED_NOUNS: (&str, &str) = ("counted_nouns.tsv", include_str!("../data/counted_nouns.tsv"));
const CATEGORY_CUES: (&str, &str) = ("category_cues.tsv", include_str!("../data/category_cues.tsv"));
const ATTRIBUTION: (&str, &str) = ("attribution.tsv", include_str!("../data/attribution.tsv"));
const NONFIGURE: (&str, &str) = ("nonfigure_context.tsv", include_str!("../data/nonfigure_context.tsv"));
const SPAN_WORDS: (&str, &str) = ("span_words.tsv", include_str!("../data/span_words.tsv"));
const PERIOD_WORDS: (&str, &str) = ("period_words.tsv", include_str!("../data/period_words.tsv"));

/// Rows of a table: (line number, columns).
fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

fn forms(col: &str) -> impl Iterator<Item = &str> {
    col.split('|').map(str::trim).filter(|f| !f.is_empty())
}

/// The context pseudo-categories the cue tables may name besides the
/// contract's categories ([`rasid_model::CATEGORIES`]).
const CONTEXT_CATEGORIES: &[&str] =
    &["evacuation_context", "corridor_context", "territory_context", "siege_context"];

const WHO: &[&str] = &[
    "inherit",
    "civilians",
    "children",
    "women",
    "fighters",
    "fighters_and_families",
    "soldiers",
    "rescuers",
    "medics",
    "journalists",
    "people",
];

/// A category the tables may name: the contract's, or a context one.
fn category(v: &str) -> Option<&'static str> {
    known(rasid_model::CATEGORIES, v).or_else(|| known(CONTEXT_CATEGORIES, v))
}

fn known(list: &[&'static str], v: &str) -> Option<&'static str> {
    list.iter().copied().find(|x| *x == v)
}

fn parse<T>(
    (file, text): (&'static str, &str),
    columns: usize,
    mut row: impl FnMut(&[&str]) -> Result<T, String>,
) -> Result<LexiconBuilder<T>, TableError> {
    let mut b = LexiconBuilder::new();
    for (line, cols) in rows(text) {
        if cols.len() != columns {
            return Err(TableError {
                file,
                line,
                reason: format!("expected {columns} tab-separated columns, found {}", cols.len()),
            });
        }
        let payload = row(&cols).map_err(|reason| TableError { file, line, reason })?;
        // Common nouns and verbs are listed bare; the definite form of each is
        // added here ("أطفال" also matches "الأطفال", and with peeled proclitics
        // "والأطفال", "للأطفال").
        let listed: Vec<&str> = forms(cols[0]).collect();
        let definite: Vec<String> = listed
            .iter()
            .filter(|f| !f.starts_with("ال") && !f.starts_with("آل"))
            .map(|f| format!("ال{f}"))
            .collect();
        b.add(listed.iter().copied().chain(definite.iter().map(String::as_str)), payload);
    }
    Ok(b)
}

impl Tables {
    pub fn load() -> Result<Tables, TableError> {
        let nouns = parse(COUNTED_NOUNS, 5, |c| {
            let class = match c[1] {
                "person" => NounClass::Person,
                "attack" => NounClass::Attack,
                "vehicle" => NounClass::Vehicle,
                "aid" => NounClass::Aid,
                "time" => NounClass::Time,
                "distance" => NounClass::Distance,
                "money" => NounClass::Money,
                "thing" => NounClass::Thing,
                other => return Err(format!("unknown noun class {other:?}")),
            };
            let who = match c[2] {
                "-" => None,
                w => Some(known(WHO, w).ok_or_else(|| format!("unknown who {w:?}"))?),
            };
            let category = match c[3] {
                "-" => None,
                w => Some(category(w).ok_or_else(|| format!("unknown category {w:?}"))?),
            };
            let dual = match c[4] {
                "dual" => true,
                "-" => false,
                other => return Err(format!("dual column must be `dual` or `-`, not {other:?}")),
            };
            Ok(Noun { class, who, category, dual })
        })?
        .build();
        let cues = parse(CATEGORY_CUES, 3, |c| {
            let category = category(c[1]).ok_or_else(|| format!("unknown category {:?}", c[1]))?;
            let place = match c[2] {
                "before" => CueWhere::Before,
                "after" => CueWhere::After,
                "any" => CueWhere::Any,
                other => return Err(format!("unknown position {other:?}")),
            };
            Ok(Cue { category, place })
        })?
        .build();
        let speech = parse(ATTRIBUTION, 2, |c| {
            Ok(match c[1] {
                "verb" => SpeechKind::Verb,
                "continuation" => SpeechKind::Continuation,
                "preposition" => SpeechKind::Preposition,
                "relay" => SpeechKind::Relay,
                "null_speaker" => SpeechKind::NullSpeaker,
                "tally" => SpeechKind::Tally,
                "carry" => SpeechKind::Carry,
                other => return Err(format!("unknown kind {other:?}")),
            })
        })?
        .build();
        let nonfigure = parse(NONFIGURE, 2, |c| {
            Ok(match c[1] {
                "resolution" => NonFigureContext::Resolution,
                "clock" => NonFigureContext::Clock,
                "age" => NonFigureContext::Age,
                "year" => NonFigureContext::Year,
                "name" => NonFigureContext::Name,
                other => return Err(format!("unknown kind {other:?}")),
            })
        })?
        .build();
        let span_words = parse(SPAN_WORDS, 2, |c| {
            Ok(match c[1] {
                "adjective" => SpanWord::Adjective,
                "who_civilians" => SpanWord::WhoCivilians,
                "who_fighters_families" => SpanWord::WhoFightersFamilies,
                "partitive" => SpanWord::Partitive,
                "pronoun_partitive" => SpanWord::PronounPartitive,
                "limiter" => SpanWord::Limiter,
                "breakdown" => SpanWord::Breakdown,
                "all_of_them" => SpanWord::AllOfThem,
                "who_soldiers" => SpanWord::WhoSoldiers,
                "tally" => SpanWord::Tally,
                "among" => SpanWord::Among,
                other => return Err(format!("unknown kind {other:?}")),
            })
        })?
        .build();
        let period_words = parse(PERIOD_WORDS, 3, |c| {
            let days: f64 = c[2].parse().map_err(|_| format!("days must be a number, not {:?}", c[2]))?;
            Ok(match c[1] {
                "within" => PeriodWord::Within,
                "start" => PeriodWord::Start,
                "unit" if days > 0.0 => PeriodWord::Unit(days),
                "unit" => return Err("a unit needs a positive length in days".to_string()),
                other => return Err(format!("unknown kind {other:?}")),
            })
        })?
        .build();
        let group = LexiconGroup::new(&[
            nouns.keys(),
            cues.keys(),
            speech.keys(),
            nonfigure.keys(),
            span_words.keys(),
            period_words.keys(),
        ]);
        Ok(Tables { nouns, cues, speech, nonfigure, span_words, period_words, group })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let t = Tables::load().expect("tables parse");
        assert!(t.nouns.payloads().len() > 20);
        assert!(t.cues.payloads().iter().any(|c| c.category == "killed"));
        assert!(t.speech.payloads().contains(&SpeechKind::Relay));
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let e = parse(("x.tsv", "# c\nقتل\tkilled\n"), 3, |_| Ok(())).unwrap_err();
        assert_eq!(e.to_string(), "x.tsv:2: expected 3 tab-separated columns, found 2");
    }
}
