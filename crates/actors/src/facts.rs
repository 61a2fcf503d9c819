//! What the rules ask about every token, answered once per document.
//!
//! The person and actor rules test each token against many word lists
//! (titles, speech verbs, given names, stop words…), several times per token
//! (a name's trigger is searched for by reading back up to ten tokens from
//! every candidate word), and try three lexicons at every token. Asking a hash
//! set per list per test made those lookups most of the cost of the analysis.
//!
//! Instead, [`Vocab`] maps every listed word to the set of lists it is in (one
//! bit per list, [`Classes`]), built once with the registry; [`Facts`] looks
//! every token up once per document, as written, without its conjunction
//! (`و`/`ف`) and under each proclitic reading, and the rules test bits.
//!
//! Each bit answers exactly what the word list it stands for would answer
//! (`WordSet::has`, `WordSet::exact`, a given-name lookup…), so the rules
//! recognise the same words. For the lexicons and anaphors the bits are a
//! prefilter: a token none of whose readings begins any name cannot start a
//! match, and the lexicon is not walked there.

use rasid_text::bytes::{u32_at, u64_at};
use rasid_text::{Document, TokenKind};

use crate::data::WordSet;
use crate::words::{is_comma, is_quote, two_chars};

/// A set of word lists, one bit per list.
pub(crate) type Classes = u32;

pub(crate) const NAME_STOP: Classes = 1 << 0;
pub(crate) const TITLE: Classes = 1 << 1;
pub(crate) const SPEECH: Classes = 1 << 2;
pub(crate) const NAMING: Classes = 1 << 3;
pub(crate) const CONNECTOR: Classes = 1 << 4;
pub(crate) const NOT_AFTER: Classes = 1 << 5;
/// Words that end a title's complement, read backwards from a name.
pub(crate) const CLAUSE_BREAK: Classes = 1 << 6;
/// A known given name; with [`FIRST_NAME_AMBIGUOUS`] also a common word.
pub(crate) const FIRST_NAME: Classes = 1 << 7;
pub(crate) const FIRST_NAME_AMBIGUOUS: Classes = 1 << 8;
/// Heads of a loyalty designation (`القوات`, `الفصائل`).
pub(crate) const LOYAL_HEAD: Classes = 1 << 9;
/// The first word of a named-body designation's head (`المجلس`, `مستشفى`).
pub(crate) const DESIGNATION_HEAD: Classes = 1 << 10;
/// The first word of a key of the actor lexicon; `_ELIDED`: that word
/// without its article, as it follows a `لل`.
pub(crate) const ACTOR_START: Classes = 1 << 11;
pub(crate) const ACTOR_START_ELIDED: Classes = 1 << 12;
/// The same for the person lexicon.
pub(crate) const PERSON_START: Classes = 1 << 13;
pub(crate) const PERSON_START_ELIDED: Classes = 1 << 14;
/// An anaphor as listed (`الوزاره`); `_STEM`: without its article.
pub(crate) const ANAPHOR: Classes = 1 << 15;
pub(crate) const ANAPHOR_STEM: Classes = 1 << 16;

/// Punctuation marks the rules step over, one bit each (`Facts::mark`).
pub(crate) type Marks = u8;

/// A quotation mark or guillemet (`words::is_quote`) written as a
/// punctuation token.
pub(crate) const QUOTE: Marks = 1 << 0;
/// `،` or `,`.
pub(crate) const COMMA: Marks = 1 << 1;
/// `(`, `)`, `-` or `–`: inside a role title's complement.
pub(crate) const BRACKET_OR_DASH: Marks = 1 << 2;

/// Every word of the lists the per-token rules use, with its classes.
///
/// An open-addressing table of its own, not a `HashMap<String, _>`: it is
/// probed a few times for every token of every document, and hashing a
/// string byte by byte was most of the cost. The hash reads the word's
/// length and its first and last eight bytes (two loads, whatever the
/// length), and the table is kept sparse, so a word that is in no list
/// (most words) usually lands on an empty slot at once.
#[derive(Debug)]
pub(crate) struct Vocab {
    /// Index + 1 into `entries` (0: empty); the length is a power of two.
    slots: Vec<u32>,
    entries: Vec<(Box<str>, Classes)>,
}

impl Default for Vocab {
    fn default() -> Vocab {
        Vocab::new()
    }
}

impl Vocab {
    /// At most one slot in this many is used.
    const SPARSENESS: usize = 4;

    pub fn new() -> Vocab {
        Vocab { slots: vec![0; 64], entries: Vec::new() }
    }

    #[inline]
    fn hash(word: &[u8]) -> u64 {
        let n = word.len();
        let (head, tail) = if n >= 8 {
            (u64_at(word, 0), u64_at(word, n - 8))
        } else if n >= 4 {
            (u64::from(u32_at(word, 0)), u64::from(u32_at(word, n - 4)))
        } else {
            let byte = |i: usize| word.get(i).map_or(0, |&b| u64::from(b));
            (byte(0) | byte(1) << 8 | byte(2) << 16, 0)
        };
        let h = (head ^ (n as u64).rotate_left(40)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ tail.rotate_left(23).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        h ^ (h >> 29)
    }

    /// The slot holding `word`, or the empty slot where it would go.
    #[inline(always)]
    fn find(&self, word: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = Self::hash(word.as_bytes()) as usize & mask;
        loop {
            match self.slots[at] {
                0 => return at,
                e if rasid_text::bytes::same(self.entries[e as usize - 1].0.as_bytes(), word.as_bytes()) => {
                    return at;
                }
                _ => at = (at + 1) & mask,
            }
        }
    }

    pub fn add(&mut self, word: &str, classes: Classes) {
        let at = self.find(word);
        match self.slots[at] {
            0 => {
                self.entries.push((word.into(), classes));
                self.slots[at] = index_plus_one(self.entries.len() - 1);
                if self.entries.len() * Self::SPARSENESS > self.slots.len() {
                    self.rebuild(self.slots.len() * 2);
                }
            }
            e => self.entries[e as usize - 1].1 |= classes,
        }
    }

    fn rebuild(&mut self, size: usize) {
        self.slots = vec![0; size];
        for e in 0..self.entries.len() {
            let at = self.find(&self.entries[e].0);
            self.slots[at] = index_plus_one(e);
        }
    }

    /// The classes of a folded word (none when unlisted).
    #[inline]
    pub fn get(&self, word: &str) -> Classes {
        match self.slots[self.find(word)] {
            0 => 0,
            e => self.entries[e as usize - 1].1,
        }
    }

    pub fn add_set(&mut self, set: &WordSet, classes: Classes) {
        for w in set.words() {
            self.add(w, classes);
        }
    }
}

/// A slot's value for entry `e`. The lists hold a few thousand words; a
/// table of four billion is beyond any registry.
fn index_plus_one(e: usize) -> u32 {
    u32::try_from(e + 1).unwrap_or(u32::MAX)
}

/// What is known of one token.
#[derive(Debug, Clone, Copy, Default)]
struct TokenFacts {
    /// The word as written.
    exact: Classes,
    /// The word without a leading و/ف (when at least two letters remain):
    /// what `WordSet::has` also tries. Zero when the word has none.
    bare: Classes,
    /// The word has a leading و/ف that `strip_conj` removes.
    stripped: bool,
    /// Union over the word's readings without an elided article (the word
    /// itself included): what a lexicon walk starting there may find.
    peeled: Classes,
    /// Union over its `لل` readings, looked up without the article.
    elided: Classes,
    /// Index of its sentence (`Document::sentence_of`).
    sentence: u32,
    /// What mark the token is, if it is a one-character token.
    marks: Marks,
    /// A punctuation token that is a quotation mark (skipped when reading
    /// the neighbouring words).
    quote: bool,
    /// What reading back from a name for a role title makes of the token
    /// (see [`Facts::title_scan`]).
    title_scan: TitleScan,
}

/// A token, as the backward search for a role title before a name sees it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum TitleScan {
    /// Part of a title's complement: read on (`السوري`, `،`, `«`).
    #[default]
    Over,
    /// A role title (`مدير`, `اللواء`).
    Title,
    /// A speech verb, a naming word, a clause boundary (`أن`, `الذي`), a
    /// digit or another mark: no title before it counts.
    Stop,
}

/// The facts of every token of one document.
#[derive(Debug)]
pub(crate) struct Facts {
    tokens: Vec<TokenFacts>,
}

impl Facts {
    pub fn new(doc: &Document, vocab: &Vocab) -> Facts {
        let n = doc.tokens.len();
        let mut tokens = Vec::with_capacity(n);
        let last_sentence = doc.sentences.len().saturating_sub(1);
        let mut sentence = 0;
        for (i, tok) in doc.tokens.iter().enumerate() {
            // `sentence_of` is a binary search over sentence ends, which grow
            // with the token index: a forward sweep finds the same index.
            while sentence < doc.sentences.len() && doc.sentences[sentence].tokens.end <= i {
                sentence += 1;
            }
            let w = doc.key(i);
            let exact = vocab.get(w);
            let first = clitic_at(w.as_bytes(), 0);
            // `strip_conj`: a leading و/ف before at least two letters.
            let conj_len = if first & CONJ != 0 && two_chars(&w[2..]) { 2 } else { 0 };
            let stripped = conj_len > 0;
            let bare = if stripped { vocab.get(&w[conj_len..]) } else { 0 };
            let mut peeled = exact | bare;
            let mut elided = 0;
            // Lexicons peel proclitics off Arabic words only.
            if tok.kind == TokenKind::Arabic && first != 0 {
                peel_readings(w, first, |prefix, rest, is_elided| {
                    if is_elided {
                        elided |= vocab.get(rest);
                    } else if !(stripped && prefix == conj_len) {
                        // (the conjunction alone was looked up as `bare`)
                        peeled |= vocab.get(rest);
                    }
                });
            }
            let marks = marks_of(w);
            tokens.push(TokenFacts {
                exact,
                bare,
                stripped,
                peeled,
                elided,
                sentence: sentence.min(last_sentence) as u32,
                marks,
                quote: tok.kind == TokenKind::Punct && marks & QUOTE != 0,
                title_scan: title_scan(tok.kind, exact, bare, stripped, marks),
            });
        }
        Facts { tokens }
    }

    /// `WordSet::has` of the token's word, for the lists in `classes`.
    pub fn has(&self, t: usize, classes: Classes) -> bool {
        let f = &self.tokens[t];
        (f.exact | f.bare) & classes != 0
    }

    /// `WordSet::exact` of the token's word.
    pub fn exact(&self, t: usize, classes: Classes) -> bool {
        self.tokens[t].exact & classes != 0
    }

    /// `WordSet::exact` of the token's word without its leading و/ف
    /// (`strip_conj`).
    pub fn bare(&self, t: usize, classes: Classes) -> bool {
        let f = &self.tokens[t];
        (if f.stripped { f.bare } else { f.exact }) & classes != 0
    }

    /// The given-name entry of the token's word: `Some(ambiguous)`.
    pub fn first_name(&self, t: usize) -> Option<bool> {
        first_name_of(self.tokens[t].exact)
    }

    /// The given-name entry of the token's word without its leading و/ف,
    /// when it has one.
    pub fn first_name_bare(&self, t: usize) -> Option<bool> {
        let f = &self.tokens[t];
        if f.stripped { first_name_of(f.bare) } else { None }
    }

    /// Can a key of the actor lexicon start at the token?
    pub fn may_start_actor(&self, t: usize) -> bool {
        let f = &self.tokens[t];
        f.peeled & ACTOR_START != 0 || f.elided & ACTOR_START_ELIDED != 0
    }

    /// Can a key of the person lexicon start at the token?
    pub fn may_start_person(&self, t: usize) -> bool {
        let f = &self.tokens[t];
        f.peeled & PERSON_START != 0 || f.elided & PERSON_START_ELIDED != 0
    }

    /// Can the token read as a listed anaphor once its clitics are peeled?
    pub fn may_be_anaphor(&self, t: usize) -> bool {
        let f = &self.tokens[t];
        f.peeled & ANAPHOR != 0 || f.elided & ANAPHOR_STEM != 0
    }

    /// Is the token one of these `marks` (whatever its kind)?
    pub fn mark(&self, t: usize, marks: Marks) -> bool {
        self.tokens[t].marks & marks != 0
    }

    /// `words::prev_skipping_quotes`: the token before `i` that is not a
    /// quotation mark.
    pub fn prev_skipping_quotes(&self, i: usize) -> Option<usize> {
        self.tokens[..i].iter().rposition(|f| !f.quote)
    }

    /// What the token is to the backward search for a role title.
    pub fn title_scan(&self, t: usize) -> TitleScan {
        self.tokens[t].title_scan
    }

    /// `Document::sentence_of` the token.
    pub fn sentence(&self, t: usize) -> usize {
        self.tokens[t].sentence as usize
    }
}

/// The marks a token's folded text is: every listed mark is one character,
/// so longer tokens are none.
fn marks_of(w: &str) -> Marks {
    // (every listed mark is at most three bytes long)
    if w.len() > 3 {
        return 0;
    }
    let mut chars = w.chars();
    if chars.next().is_none() || chars.next().is_some() {
        return 0;
    }
    let mut marks = 0;
    if is_quote(w) {
        marks |= QUOTE;
    }
    if is_comma(w) {
        marks |= COMMA;
    }
    if matches!(w, "(" | ")" | "-" | "–") {
        marks |= BRACKET_OR_DASH;
    }
    marks
}

/// [`TitleScan`] of a token from its kind, classes and marks.
fn title_scan(kind: TokenKind, exact: Classes, bare: Classes, stripped: bool, marks: Marks) -> TitleScan {
    match kind {
        TokenKind::Punct if marks & (COMMA | QUOTE | BRACKET_OR_DASH) != 0 => TitleScan::Over,
        TokenKind::Arabic | TokenKind::Latin => {
            let any = exact | bare;
            let bare_exact = if stripped { bare } else { exact };
            if any & TITLE != 0 {
                TitleScan::Title
            } else if any & (SPEECH | NAMING) != 0 || bare_exact & CLAUSE_BREAK != 0 {
                TitleScan::Stop
            } else {
                TitleScan::Over
            }
        }
        _ => TitleScan::Stop,
    }
}

fn first_name_of(classes: Classes) -> Option<bool> {
    (classes & FIRST_NAME != 0).then_some(classes & FIRST_NAME_AMBIGUOUS != 0)
}

/// A proclitic letter: a conjunction (و ف), a preposition (ب ك ل), ل.
type Clitic = u8;
const CONJ: Clitic = 1;
const PREP: Clitic = 2;
const LAM: Clitic = 4;

/// The proclitic letter a folded word has at byte `at` (0: none), read from
/// its UTF-8 bytes: this runs for every token.
fn clitic_at(word: &[u8], at: usize) -> Clitic {
    match (word.get(at), word.get(at + 1)) {
        (Some(0xD9), Some(0x88 | 0x81)) => CONJ,                     // و ف
        (Some(0xD8), Some(0xA8)) | (Some(0xD9), Some(0x83)) => PREP, // ب ك
        (Some(0xD9), Some(0x84)) => PREP | LAM,                      // ل
        _ => 0,
    }
}

/// Every proclitic reading of a folded word that `rasid_text::clitic::peels`
/// gives, except the word itself, without allocating: `f(prefix bytes, rest,
/// elided article)`. Conjunction (و ف), then preposition (ب ك ل), or `لل`
/// for ل + article; each leaving at least two letters.
#[cfg(test)]
fn for_each_peel(word: &str, f: impl FnMut(usize, &str, bool)) {
    let first = clitic_at(word.as_bytes(), 0);
    if first != 0 {
        peel_readings(word, first, f);
    }
}

/// [`for_each_peel`] of a word whose first letter is the proclitic `first`.
fn peel_readings(word: &str, first: Clitic, mut f: impl FnMut(usize, &str, bool)) {
    let b = word.as_bytes();
    let mut after = |c: usize, letter: Clitic| {
        if c > 0 && two_chars(&word[c..]) {
            f(c, &word[c..], false);
        }
        if letter & PREP != 0 {
            let p = c + 2;
            if two_chars(&word[p..]) {
                f(p, &word[p..], false);
            }
            if letter & LAM != 0 && clitic_at(b, p) & LAM != 0 {
                let p = c + 4;
                if two_chars(&word[p..]) {
                    f(p, &word[p..], true);
                }
            }
        }
    };
    if first & CONJ != 0 {
        after(2, clitic_at(b, 2));
    } else {
        after(0, first);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_text::clitic;

    fn peels_of(word: &str) -> Vec<(usize, String, bool)> {
        let mut out = vec![(0, word.to_string(), false)];
        for_each_peel(word, |p, r, e| out.push((p, r.to_string(), e)));
        out.sort();
        out
    }

    fn clitic_peels(word: &str) -> Vec<(usize, String, bool)> {
        let mut out: Vec<_> = clitic::peels(word)
            .into_iter()
            .map(|p| (p.prefix_len(), p.rest.to_string(), p.elided_article))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn peels_are_the_clitic_readings() {
        for w in [
            "وبالغوطه",
            "للمرصد",
            "وللمرصد",
            "فللجيش",
            "والمرصد",
            "ولل",
            "لل",
            "وب",
            "و",
            "",
            "بعثه",
            "كفرنبل",
            "فلسطين",
            "ولسانا",
            "وكالات",
            "ف",
            "ببب",
            "لللل",
            "وفلل",
        ] {
            assert_eq!(peels_of(w), clitic_peels(w), "{w}");
        }
    }

    #[test]
    fn vocab_finds_every_word() {
        let mut vocab = Vocab::new();
        let mut words: Vec<String> =
            ["", "ا", "في", "الوزاره", "قال", "a", "CNN", "عبد", "ابو", "المتحدثين الرسميين باسم الوزاره"]
                .iter()
                .map(|w| w.to_string())
                .collect();
        words.extend((0..3000).map(|k| format!("كلمه{k}")));
        for (k, w) in words.iter().enumerate() {
            vocab.add(w, 1 << (k % 20));
        }
        vocab.add("قال", 1 << 25);
        for (k, w) in words.iter().enumerate() {
            let extra = if w == "قال" { 1 << 25 } else { 0 };
            assert_eq!(vocab.get(w), 1 << (k % 20) | extra, "{w}");
        }
        for w in ["المرصد", "كلمه3000", "و", "ab", "الوزار", "لوزاره"] {
            assert_eq!(vocab.get(w), 0, "{w}");
        }
    }

    #[test]
    fn conj_is_strip_conj() {
        let mut vocab = Vocab::new();
        for w in ["قال", "ا", "فف", "لل", "ال"] {
            vocab.add(w, ANAPHOR);
        }
        for w in ["وقال", "فقال", "وا", "و", "", "قال", "ففف", "ولل", "وال"] {
            let doc = Document::new(w);
            if doc.tokens.is_empty() {
                continue;
            }
            let facts = Facts::new(&doc, &vocab);
            let bare = crate::words::strip_conj(w);
            assert_eq!(facts.bare(0, ANAPHOR), vocab.get(bare) != 0, "{w}");
            assert_eq!(
                facts.has(0, ANAPHOR),
                vocab.get(w) != 0 || (bare != w && vocab.get(bare) != 0),
                "{w}"
            );
        }
    }

    #[test]
    fn marks_and_quotes() {
        let doc = Document::new("قال «المرصد» ، إن (القصف) - استمر\" ,");
        let facts = Facts::new(&doc, &Vocab::new());
        for t in 0..doc.tokens.len() {
            let k = doc.key(t);
            assert_eq!(facts.mark(t, QUOTE), is_quote(k), "{k}");
            assert_eq!(facts.mark(t, COMMA), is_comma(k), "{k}");
            assert_eq!(facts.mark(t, BRACKET_OR_DASH), matches!(k, "(" | ")" | "-" | "–"), "{k}");
            assert_eq!(facts.prev_skipping_quotes(t), crate::words::prev_skipping_quotes(&doc, t));
        }
    }

    #[test]
    fn sentences_match_sentence_of() {
        let doc = Document::new("قال المرصد إن القصف استمر. وأضاف:\n\nالجيش تقدم! ثم ماذا؟ لا شيء");
        let facts = Facts::new(&doc, &Vocab::new());
        for t in 0..doc.tokens.len() {
            assert_eq!(facts.sentence(t), doc.sentence_of(t));
        }
    }

    /// Whatever the text, every bit answers what the word list it stands for
    /// answers, and the prefilters never turn away a token where the lexicon
    /// or the anaphor rule would find something.
    mod equivalence {
        use super::*;
        use crate::Registry;
        use crate::words::{strip_conj, strip_to_article};
        use proptest::prelude::*;
        use rasid_lexicon::Joined;

        /// Listed words, aliases and a few others, to be glued to clitics.
        fn pool() -> Vec<String> {
            let r = Registry::builtin();
            let mut words: Vec<String> = r.vocab.entries.iter().map(|(w, _)| w.to_string()).collect();
            words.sort();
            words.extend(r.actors().map(|a| a.ar.clone()));
            words.extend(r.persons.iter().map(|p| p.ar.clone()));
            words.extend(
                [
                    "قال",
                    "الوزارة",
                    "مدينة",
                    "«",
                    "»",
                    "،",
                    ",",
                    "(",
                    ")",
                    "-",
                    "–",
                    ".",
                    "\n",
                    "12",
                    "CNN",
                    "ً",
                ]
                .map(String::from),
            );
            words
        }

        const CLITICS: &[&str] =
            &["", "", "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "لل", "ولل", "فلل", "ال", "وال"];

        fn check(text: &str) {
            let r = Registry::builtin();
            let doc = Document::new(text);
            let joined = Joined::new(&doc);
            let facts = Facts::new(&doc, &r.vocab);
            let ctx = &r.ctx;
            let sets = [
                (&r.name_stop, NAME_STOP),
                (&ctx.titles, TITLE),
                (&ctx.speech_verbs, SPEECH),
                (&ctx.naming, NAMING),
                (&ctx.connectors, CONNECTOR),
                (&ctx.not_after, NOT_AFTER),
                (&ctx.clause_breaks, CLAUSE_BREAK),
            ];
            for t in 0..doc.tokens.len() {
                let k = doc.key(t);
                for (set, class) in sets {
                    assert_eq!(facts.has(t, class), set.has(k), "has {k} {class}");
                    assert_eq!(facts.exact(t, class), set.exact(k), "exact {k} {class}");
                    assert_eq!(facts.bare(t, class), set.exact(strip_conj(k)), "bare {k} {class}");
                }
                let loyal = ctx.loyal_forces_heads.has(k) || ctx.loyal_militia_heads.has(k);
                assert_eq!(facts.has(t, LOYAL_HEAD), loyal, "loyal {k}");
                let designation = ctx
                    .designations
                    .iter()
                    .any(|d| d.head.first().is_some_and(|h| h == k || h == strip_conj(k)));
                assert_eq!(facts.has(t, DESIGNATION_HEAD), designation, "designation {k}");
                assert_eq!(facts.first_name(t), r.first_names.get(k).copied(), "first name {k}");
                let bare = strip_conj(k);
                let bare_name = if bare.len() < k.len() { r.first_names.get(bare).copied() } else { None };
                assert_eq!(facts.first_name_bare(t), bare_name, "bare first name {k}");
                if r.actor_lex.match_at(&doc, &joined, t).is_some() {
                    assert!(facts.may_start_actor(t), "actor at {k}");
                }
                if r.person_lex.match_at(&doc, &joined, t).is_some() {
                    assert!(facts.may_start_person(t), "person at {k}");
                }
                if doc.tokens[t].kind == TokenKind::Arabic
                    && r.anaphors.contains_key(strip_to_article(k).as_ref())
                {
                    assert!(facts.may_be_anaphor(t), "anaphor {k}");
                }
                assert_eq!(facts.sentence(t), doc.sentence_of(t));
                assert_eq!(facts.prev_skipping_quotes(t), crate::words::prev_skipping_quotes(&doc, t));
                assert_eq!(facts.mark(t, QUOTE), is_quote(k));
                assert_eq!(facts.mark(t, COMMA), is_comma(k));
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

            #[test]
            fn listed_words_with_clitics(picks in prop::collection::vec((0..CLITICS.len(), any::<prop::sample::Index>()), 0..30)) {
                let words = pool();
                let text: Vec<String> =
                    picks.iter().map(|(c, w)| format!("{}{}", CLITICS[*c], w.get(&words))).collect();
                check(&text.join(" "));
            }

            #[test]
            fn arabic_noise(text in "[\u{0600}-\u{06FF} ،.«»\"\n]{0,120}") {
                check(&text);
            }
        }
    }
}
