//! The grammar of number phrases, over the tokens of a [`Document`].
//!
//! A phrase is read left to right from a token where something starts:
//!
//! ```text
//! phrase   := [range-open] amount (و | to-word) amount      -- بين 9 و11 ألفا، من 5 إلى 10
//!           | [pre-approx] ["] number [percent] [post-approx]
//! number   := amount ["-" amount] | ordinal | fraction | "ال" digits…
//! amount   := group (و group)*         -- each group smaller than the multiplier before it
//! group    := (digits | small | fraction) [multiplier] | multiplier   -- 5 آلاف، ثلاثمئة ألف، ألفين
//! small    := hundred [و rest] | unit [مئة] [و rest] | rest
//! rest     := unit [و tens] | unit عشر | tens
//! ```
//!
//! The scan is greedy and never backtracks past a phrase: phrases come out
//! in text order and never share a token.

use crate::digits::{self, DigitRun};
use crate::lexicon::{Class, FxMap, Lexicon, NumEntry, Role, WordInfo, lexicon};
use crate::{NumberForm, NumberPhrase};
use rasid_model::{Approx, Span};
use rasid_text::clitic::PREFIXES;
use rasid_text::{Document, TokenKind};
use std::ops::Range;

/// How many words may stand between a number and a postposed approximation
/// ("ثماني جثث محترقة على الأقل": two).
const TRAILING_WINDOW_WORDS: usize = 3;

/// How far before "من X إلى Y" a verb of change is looked for ("ارتفع عدد القتلى من …").
const CHANGE_VERB_WINDOW: usize = 6;

/// Quotation marks that may stand between an approximation word and its number
/// (`حوالي "سبعين شخصا`), or inside the trailing window (`47" قتيلاً`).
const QUOTES: &[&str] = &["\"", "«", "»", "“", "”", "'", "„", "‘", "’"];

/// Dashes that make a range between two digit numbers ("10-15", "10 – 15").
const DASHES: &[&str] = &["-", "–"];

/// Pronoun suffixes read on fractions only ("ربعهم", "نصفها").
const FRACTION_SUFFIXES: &[&str] = &["هما", "هم", "هن", "ها", "كم", "ه"];

/// Every spelling of a fraction under a pronoun suffix, with its clitics:
/// clitics ([`is_clitic_string`]) + fraction + suffix ([`FRACTION_SUFFIXES`]),
/// mapped to its reading. Where two decompositions give the same spelling,
/// the first in the order suffix, then fraction wins, as a scan over the
/// suffixes and the (sorted) fractions would find it.
fn fraction_forms(lex: &Lexicon) -> &'static FxMap<WordRead> {
    static FORMS: std::sync::OnceLock<FxMap<WordRead>> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        const CLITICS: [&str; 9] = ["", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك"];
        let mut forms = FxMap::default();
        for suf in FRACTION_SUFFIXES {
            for f in &lex.fractions {
                let Some(entry) = lex.get(f).and_then(|i| i.num) else { continue };
                for before in CLITICS {
                    debug_assert!(is_clitic_string(before));
                    forms.entry(format!("{before}{f}{suf}")).or_insert(WordRead {
                        entry,
                        prefix: before.len(),
                        definite: false,
                    });
                }
            }
        }
        forms
    })
}

/// Whether a folded word may open a phrase, the test [`Reader::may_open`]
/// makes of every Arabic token: some clitic reading ([`clitic_splits`]) is an
/// opening word, or it is a fraction under a pronoun suffix.
fn opens_phrase(lex: &Lexicon, w: &str) -> bool {
    let mut splits = [(0usize, false); 16];
    let k = clitic_splits(w, &mut splits);
    splits[..k].iter().any(|&(p, _)| lex.get(&w[p..]).is_some_and(|info| info.opens))
        || fraction_forms(lex).contains_key(w)
}

/// Every spelling for which [`opens_phrase`] holds, so that the test on each
/// token is one lookup instead of one per clitic reading. The spellings are
/// finite: a clitic reading ([`clitic_splits`], as `rasid_text::clitic`)
/// peels one of its [`PREFIXES`] off an opening word, so the candidates are
/// those strings before each opening word (and the fraction forms), each
/// kept only if [`opens_phrase`] accepts it.
fn opening_forms(lex: &Lexicon) -> &'static FxMap<()> {
    static FORMS: std::sync::OnceLock<FxMap<()>> = std::sync::OnceLock::new();
    FORMS.get_or_init(|| {
        let openers = lex.words().filter(|(_, info)| info.opens).map(|(w, _)| w);
        let candidates = openers
            .flat_map(|w| PREFIXES.iter().map(move |p| format!("{p}{w}")))
            .chain(fraction_forms(lex).keys().cloned());
        candidates.filter(|s| opens_phrase(lex, s)).map(|s| (s, ())).collect()
    })
}

/// Which proclitics a token may carry where a number word is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clitics {
    /// The bare word (inside a phrase: "خمسة عشر", "5 آلاف").
    None,
    /// Exactly a glued و: the joint of a compound ("وخمسمائة").
    Waw,
    /// Any conjunction/preposition: the first word of a phrase ("وبنحو", "لثلاثة").
    Any,
}

/// A number word read on a token.
#[derive(Debug, Clone, Copy)]
struct WordRead {
    entry: NumEntry,
    /// Bytes of proclitics before the word in the folded token.
    prefix: usize,
    definite: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Cardinal,
    Ordinal,
    Fraction,
}

/// A number read, before approximation and percent.
#[derive(Debug, Clone)]
struct Core {
    /// First token of the phrase part (the article token of "الـ35").
    first: usize,
    /// Original character where the phrase part starts (after clitics).
    start: usize,
    /// First token of the number itself.
    num_first: usize,
    /// Token after the number.
    end: usize,
    value: f64,
    kind: Kind,
    digits: bool,
    words: bool,
    definite: bool,
    decimal_reading: Option<f64>,
    /// The multiplier of the first group (1 when none): a bare range bound
    /// borrows it ("بين 9 و11 ألفا").
    lead_mult: f64,
}

/// One group of an amount: a count and its multiplier.
#[derive(Debug, Clone, Copy)]
struct Group {
    end: usize,
    value: f64,
    mult: f64,
    digits: bool,
    words: bool,
    decimal_reading: Option<f64>,
    fraction: bool,
    prefix: usize,
    definite: bool,
}

/// The proclitic readings of a folded word: byte length of the prefix and
/// whether it ends in ل + elided article (`لل`), shortest prefix first (the
/// bare word first). Mirrors `rasid_text::clitic::peels` without allocating,
/// since it runs on every token. Returns how many of `out` are filled.
fn clitic_splits(w: &str, out: &mut [(usize, bool); 16]) -> usize {
    const CONJ: [&str; 2] = ["و", "ف"];
    const PREP: [&str; 3] = ["ب", "ك", "ل"];
    // a peeling must leave at least two letters
    let leaves_word = |rest: &str| rest.chars().nth(1).is_some();
    let mut n = 0;
    out[n] = (0, false);
    n += 1;
    let conj = CONJ.iter().find(|c| w.starts_with(**c)).map_or(0, |c| c.len());
    let after_conj = &w[conj..];
    let prep = PREP.iter().find(|p| after_conj.starts_with(**p)).map_or(0, |p| p.len());
    // one clitic: the conjunction, or a preposition alone
    if conj > 0 && leaves_word(after_conj) {
        out[n] = (conj, false);
        n += 1;
    }
    let first_prep = PREP.iter().find(|p| w.starts_with(**p)).map_or(0, |p| p.len());
    if conj == 0 && first_prep > 0 && leaves_word(&w[first_prep..]) {
        out[n] = (first_prep, false);
        n += 1;
    }
    // two: conjunction + preposition
    if conj > 0 && prep > 0 && leaves_word(&after_conj[prep..]) {
        out[n] = (conj + prep, false);
        n += 1;
    }
    // ل + elided article, after an optional conjunction
    if let Some(rest) = after_conj.strip_prefix("لل")
        && leaves_word(rest)
    {
        out[n] = (conj + "لل".len(), true);
        n += 1;
    }
    n
}

/// Whether `s` is a valid sequence of separable proclitics (conjunction then preposition).
fn is_clitic_string(s: &str) -> bool {
    let s = s.strip_prefix('و').or_else(|| s.strip_prefix('ف')).unwrap_or(s);
    s.is_empty() || s == "ب" || s == "ك"
}

pub(crate) struct Reader<'a, 'd> {
    doc: &'a Document<'d>,
    lex: &'static Lexicon,
    n: usize,
}

impl<'a, 'd> Reader<'a, 'd> {
    pub(crate) fn new(doc: &'a Document<'d>) -> Self {
        Reader { doc, lex: lexicon(), n: doc.tokens.len() }
    }

    // ---- token helpers -------------------------------------------------

    fn kind(&self, i: usize) -> TokenKind {
        self.doc.tokens[i].kind
    }

    fn key(&self, i: usize) -> &'a str {
        self.doc.key(i)
    }

    /// Token `i` exists and continues the line (no line break before it).
    fn on_line(&self, i: usize) -> bool {
        i < self.n && !self.doc.tokens[i].newline_before
    }

    fn is_punct_in(&self, i: usize, set: &[&str]) -> bool {
        i < self.n && self.kind(i) == TokenKind::Punct && set.contains(&self.key(i))
    }

    /// Original character offset of token `i` after `prefix` folded bytes.
    fn char_start(&self, i: usize, prefix: usize) -> usize {
        let t = &self.doc.tokens[i];
        if prefix == 0 {
            return t.span.start;
        }
        self.doc.folded.original_start(t.fold.start + prefix).clamp(t.span.start, t.span.end)
    }

    // ---- lexicon probes ------------------------------------------------

    /// The number word on token `i`, with the clitics `mode` allows.
    fn read_num(&self, i: usize, mode: Clitics) -> Option<WordRead> {
        if i >= self.n || self.kind(i) != TokenKind::Arabic {
            return None;
        }
        let w = self.key(i);
        let found = |prefix: usize, elided: bool| -> Option<Option<WordRead>> {
            let e = self.lex.get(&w[prefix..])?.num?;
            if e.class == Class::Exclude {
                return Some(None);
            }
            Some(Some(WordRead { entry: e, prefix, definite: e.definite || elided }))
        };
        match mode {
            Clitics::None => match found(0, false) {
                Some(r) => r,
                None => self.read_fraction_with_suffix(w).filter(|r| r.prefix == 0),
            },
            Clitics::Waw => {
                // the rest must be a word of two letters or more
                w.strip_prefix('و')?.chars().nth(1)?;
                found('و'.len_utf8(), false).flatten()
            }
            Clitics::Any => {
                let mut splits = [(0usize, false); 16];
                let k = clitic_splits(w, &mut splits);
                for &(prefix, elided) in &splits[..k] {
                    if let Some(r) = found(prefix, elided) {
                        // An excluded spelling ("لست") stops the search.
                        return r;
                    }
                }
                self.read_fraction_with_suffix(w)
            }
        }
    }

    /// "ربعهم", "نصفها": a fraction with a pronoun suffix, after optional
    /// clitics ("وربعهم"): one lookup in [`fraction_forms`], since many words
    /// end in a pronoun.
    fn read_fraction_with_suffix(&self, w: &str) -> Option<WordRead> {
        fraction_forms(self.lex).get(w).copied()
    }

    /// Whether a phrase can start at token `i`: digits, the article before
    /// digits, or a word (under some clitic reading) that opens a phrase.
    /// One pass of lookups that rejects almost every token.
    fn may_open(&self, i: usize) -> bool {
        match self.kind(i) {
            TokenKind::Digits => true,
            TokenKind::Arabic => {
                if self.on_line(i + 1) && self.kind(i + 1) == TokenKind::Digits {
                    return true; // "ال48", "و3": let the full reader decide
                }
                opening_forms(self.lex).contains_key(self.key(i))
            }
            _ => false,
        }
    }

    /// Listed phrases with a role `want` accepts starting at token `i`:
    /// (role, token after the phrase, clitic bytes on the first token).
    /// Longest first; the bare first word before clitic readings.
    fn match_phrase(
        &self,
        i: usize,
        mode: Clitics,
        want: impl Fn(Role) -> bool,
    ) -> Option<(Role, usize, usize)> {
        if i >= self.n {
            return None;
        }
        let w = self.key(i);
        let mut splits = [(0usize, false); 16];
        let k = match (mode, self.kind(i)) {
            (Clitics::Any, TokenKind::Arabic) => clitic_splits(w, &mut splits),
            _ => 1,
        };
        for &(prefix, elided) in &splits[..k] {
            if elided {
                continue;
            }
            let Some(info) = self.lex.get(&w[prefix..]) else {
                continue;
            };
            if let Some((role, end)) = self.match_starts(info, i, &want) {
                return Some((role, end, prefix));
            }
        }
        None
    }

    fn match_starts(&self, info: &WordInfo, i: usize, want: &impl Fn(Role) -> bool) -> Option<(Role, usize)> {
        'phrases: for &p in &info.starts {
            let phrase = &self.lex.phrases[p as usize];
            if !want(phrase.role) {
                continue;
            }
            for (off, word) in phrase.words.iter().enumerate().skip(1) {
                let t = i + off;
                if !self.on_line(t) || self.key(t) != word {
                    continue 'phrases;
                }
            }
            let end = i + phrase.words.len();
            if let Role::Approx { strict: true, .. } = phrase.role
                && end < self.n
                && self.key(end) == "من"
            {
                continue;
            }
            return Some((phrase.role, end));
        }
        None
    }

    fn pre_approx(role: Role) -> Option<Approx> {
        match role {
            Role::Approx { approx, pre: true, .. } => Some(approx),
            _ => None,
        }
    }

    fn post_approx(role: Role) -> Option<Approx> {
        match role {
            Role::Approx { approx, post: true, .. } => Some(approx),
            _ => None,
        }
    }

    // ---- the grammar ---------------------------------------------------

    /// A و joint before token `k`: the token to read next and how (a separate
    /// "و" token, or و glued to the next word).
    fn waw_next(&self, k: usize) -> Option<(usize, Clitics)> {
        if !self.on_line(k) || self.kind(k) != TokenKind::Arabic {
            return None;
        }
        let w = self.key(k);
        if w == "و" {
            return self.on_line(k + 1).then_some((k + 1, Clitics::None));
        }
        w.starts_with('و').then_some((k, Clitics::Waw))
    }

    /// A multiplier word right after a count at token `k` ("5 آلاف", "13ألف").
    fn mult_after(&self, k: usize) -> Option<NumEntry> {
        if !self.on_line(k) {
            return None;
        }
        let r = self.read_num(k, Clitics::None)?;
        (r.entry.class == Class::Mult && !r.entry.dual).then_some(r.entry)
    }

    /// Units, teens, unit و tens, or tens at token `j` (already read as `r`):
    /// (value < 100, next token). None for a teen head alone ("أحد").
    fn below_hundred(&self, j: usize, r: WordRead) -> Option<(f64, usize)> {
        let e = r.entry;
        let k = j + 1;
        match e.class {
            Class::Tens => Some((e.value, k)),
            Class::Unit | Class::TeenHead => {
                if e.value <= 9.0
                    && self.on_line(k)
                    && self.read_num(k, Clitics::None).is_some_and(|s| s.entry.teen_suffix)
                {
                    return Some((e.value + 10.0, k + 1));
                }
                if e.class == Class::TeenHead {
                    return None;
                }
                if e.value <= 9.0
                    && let Some((t, m)) = self.waw_next(k)
                    && let Some(tens) = self.read_num(t, m)
                    && tens.entry.class == Class::Tens
                {
                    return Some((e.value + tens.entry.value, t + 1));
                }
                Some((e.value, k))
            }
            _ => None,
        }
    }

    /// After hundreds: "و" + something below a hundred.
    fn waw_rest(&self, k: usize) -> Option<(f64, usize)> {
        let (t, m) = self.waw_next(k)?;
        let r = self.read_num(t, m)?;
        self.below_hundred(t, r)
    }

    /// A number below a thousand written in words at token `j` (read as `r`):
    /// (value, next token, is a fraction "ثلاثة أرباع").
    fn small_number(&self, j: usize, r: WordRead) -> Option<(f64, usize, bool)> {
        let e = r.entry;
        match e.class {
            Class::Hundred => {
                let (rest, end) = self.waw_rest(j + 1).unwrap_or((0.0, j + 1));
                Some((e.value + rest, end, false))
            }
            Class::Unit | Class::TeenHead => {
                let k = j + 1;
                // "ثلاث مئة"
                if e.class == Class::Unit
                    && (3.0..=9.0).contains(&e.value)
                    && self.on_line(k)
                    && self.read_num(k, Clitics::None).is_some_and(|h| h.entry.base)
                {
                    let (rest, end) = self.waw_rest(k + 1).unwrap_or((0.0, k + 1));
                    return Some((e.value * 100.0 + rest, end, false));
                }
                // "ثلاثة أرباع"
                if e.class == Class::Unit
                    && self.on_line(k)
                    && let Some(f) = self.read_num(k, Clitics::None)
                    && f.entry.class == Class::FracPlural
                {
                    return Some((e.value * f.entry.value, k + 1, true));
                }
                let (v, end) = self.below_hundred(j, r)?;
                Some((v, end, false))
            }
            Class::Tens => Some((e.value, j + 1, false)),
            _ => None,
        }
    }

    /// One group at token `j`: a count with its multiplier, or a multiplier alone.
    fn group(&self, j: usize, mode: Clitics) -> Option<Group> {
        if j >= self.n {
            return None;
        }
        match self.kind(j) {
            TokenKind::Digits => self.digit_group(j),
            TokenKind::Arabic => {
                let r = self.read_num(j, mode)?;
                let e = r.entry;
                let base = Group {
                    end: j + 1,
                    value: 0.0,
                    mult: 1.0,
                    digits: false,
                    words: true,
                    decimal_reading: None,
                    fraction: false,
                    prefix: r.prefix,
                    definite: r.definite,
                };
                match e.class {
                    Class::Mult => {
                        if e.plural {
                            return None; // "آلاف" alone is vague
                        }
                        let count = if e.dual { 2.0 } else { 1.0 };
                        Some(Group { value: count * e.value, mult: e.value, ..base })
                    }
                    Class::Frac => match self.mult_after(j + 1) {
                        // "نصف مليون"
                        Some(m) if !m.plural => {
                            Some(Group { end: j + 2, value: e.value * m.value, mult: m.value, ..base })
                        }
                        _ => Some(Group { value: e.value, fraction: true, ..base }),
                    },
                    Class::Unit | Class::TeenHead | Class::Tens | Class::Hundred => {
                        let (v, k, fraction) = self.small_number(j, r)?;
                        if fraction {
                            return Some(Group { end: k, value: v, fraction: true, ..base });
                        }
                        match self.mult_after(k) {
                            Some(m) => Some(Group { end: k + 1, value: v * m.value, mult: m.value, ..base }),
                            None => Some(Group { end: k, value: v, ..base }),
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn digit_group(&self, j: usize) -> Option<Group> {
        let toks = &self.doc.tokens;
        // "F16", "3rd": digits glued to Latin letters are part of a name.
        if j > 0 && toks[j].glued() && toks[j - 1].kind == TokenKind::Latin {
            return None;
        }
        let DigitRun { end, value, decimal_alt } = digits::read_run(self.doc, j);
        if end < self.n && toks[end].glued() && toks[end].kind == TokenKind::Latin {
            return None;
        }
        let base = Group {
            end,
            value,
            mult: 1.0,
            digits: true,
            words: false,
            decimal_reading: decimal_alt,
            fraction: false,
            prefix: 0,
            definite: false,
        };
        match self.mult_after(end) {
            Some(m) => Some(Group {
                end: end + 1,
                value: decimal_alt.unwrap_or(value) * m.value,
                mult: m.value,
                words: true,
                decimal_reading: None,
                ..base
            }),
            None => Some(base),
        }
    }

    /// An amount at token `i`: groups joined by و, each smaller than the
    /// multiplier before it ("ثلاثة آلاف وخمسمائة", "240 ألفا و381").
    fn amount(&self, i: usize, mode: Clitics) -> Option<Core> {
        let g = self.group(i, mode)?;
        let mut core = Core {
            first: i,
            start: self.char_start(i, g.prefix),
            num_first: i,
            end: g.end,
            value: g.value,
            kind: if g.fraction { Kind::Fraction } else { Kind::Cardinal },
            digits: g.digits,
            words: g.words,
            definite: g.definite,
            decimal_reading: g.decimal_reading,
            lead_mult: g.mult,
        };
        if g.fraction {
            return Some(core);
        }
        let mut last = g.mult;
        while last > 1.0 {
            let Some((k, m)) = self.waw_next(core.end) else {
                break;
            };
            // "مليون ونصف"
            if let Some(f) = self.read_num(k, m)
                && f.entry.class == Class::Frac
                && self.mult_after(k + 1).is_none()
            {
                core.value += f.entry.value * last;
                core.end = k + 1;
                break;
            }
            let Some(g2) = self.group(k, m) else {
                break;
            };
            if g2.fraction || g2.value >= last || g2.mult >= last {
                break;
            }
            core.value += g2.value;
            core.end = g2.end;
            core.digits |= g2.digits;
            core.words |= g2.words;
            last = g2.mult;
        }
        Some(core)
    }

    /// An ordinal at token `i`: "الثامن", "الحادي عشر", "الثاني والعشرون".
    fn ordinal(&self, i: usize, r: WordRead) -> Option<Core> {
        let e = r.entry;
        let mut value = e.value;
        let mut end = i + 1;
        let opens_compound = e.class == Class::OrdHead || (2.0..=9.0).contains(&e.value);
        let mut compound = false;
        if opens_compound {
            if self.on_line(end) && self.read_num(end, Clitics::None).is_some_and(|s| s.entry.teen_suffix) {
                value += 10.0;
                end += 1;
                compound = true;
            } else if let Some((t, m)) = self.waw_next(end)
                && let Some(tens) = self.read_num(t, m)
                && tens.entry.class == Class::Ord
                && tens.entry.tens
            {
                value += tens.entry.value;
                end = t + 1;
                compound = true;
            }
        }
        if e.class == Class::OrdHead && !compound {
            return None;
        }
        Some(Core {
            first: i,
            start: self.char_start(i, r.prefix),
            num_first: i,
            end,
            value,
            kind: Kind::Ordinal,
            digits: false,
            words: true,
            definite: r.definite,
            decimal_reading: None,
            lead_mult: 1.0,
        })
    }

    /// The article before digits: "ال48", "الـ35", "وال35", "لل35". Returns
    /// the bytes before the article (where the phrase starts).
    fn article_before_digits(&self, i: usize, mode: Clitics) -> Option<usize> {
        if self.kind(i) != TokenKind::Arabic || !self.on_line(i + 1) || self.kind(i + 1) != TokenKind::Digits
        {
            return None;
        }
        let w = self.key(i);
        if let Some(before) = w.strip_suffix("ال") {
            let ok = match mode {
                Clitics::None => before.is_empty(),
                Clitics::Waw => before.is_empty() || before == "و",
                Clitics::Any => is_clitic_string(before),
            };
            return ok.then_some(before.len());
        }
        if mode == Clitics::Any
            && let Some(before) = w.strip_suffix("لل")
            && (before.is_empty() || before == "و" || before == "ف")
        {
            // ل + article: the phrase starts at the article's ل.
            return Some(before.len() + 'ل'.len_utf8());
        }
        None
    }

    /// The number at token `i` (no approximation): cardinal, ordinal, fraction
    /// or definite digits.
    fn number_at(&self, i: usize, mode: Clitics) -> Option<Core> {
        if i >= self.n {
            return None;
        }
        if let Some(prefix) = self.article_before_digits(i, mode) {
            let mut c = self.amount(i + 1, Clitics::None)?;
            c.first = i;
            c.start = self.char_start(i, prefix);
            c.definite = true;
            return Some(c);
        }
        match self.kind(i) {
            TokenKind::Digits => self.amount(i, mode),
            TokenKind::Arabic => {
                let r = self.read_num(i, mode)?;
                match r.entry.class {
                    Class::Ord | Class::OrdHead => self.ordinal(i, r),
                    Class::Vague | Class::Exclude | Class::FracPlural => None,
                    _ => self.amount(i, mode),
                }
            }
            _ => None,
        }
    }

    /// "من X إلى Y" after a verb of change ("ارتفعت الحصيلة من 20 إلى 35") is
    /// two counts, not a range.
    fn change_verb_before(&self, i: usize) -> bool {
        let s = self.doc.sentence_of(i);
        let from =
            self.doc.sentences.get(s).map_or(0, |s| s.tokens.start).max(i.saturating_sub(CHANGE_VERB_WINDOW));
        (from..i).any(|t| {
            if self.kind(t) != TokenKind::Arabic {
                return false;
            }
            let w = self.key(t);
            let mut splits = [(0usize, false); 16];
            let k = clitic_splits(w, &mut splits);
            splits[..k]
                .iter()
                .any(|&(p, el)| !el && self.lex.get(&w[p..]).is_some_and(|info| info.change_verb))
        })
    }

    /// The second bound of a range after `x`: "و Y" (between only) or a to-word + Y.
    fn second_bound(&self, x_end: usize, between: bool) -> Option<Core> {
        if between
            && let Some((k, m)) = self.waw_next(x_end)
            && let Some(y) = self.number_at(k, m)
            && y.kind == Kind::Cardinal
        {
            return Some(y);
        }
        let (_, after, _) = self.match_phrase(x_end, Clitics::None, |r| r == Role::To)?;
        let y = self.number_at(after, Clitics::None)?;
        (y.kind == Kind::Cardinal).then_some(y)
    }

    /// Two bounds of a range; a bare first bound borrows the multiplier of
    /// the second ("بين 9 و11 ألفا" = 9000..11000, but "بين 500 و3 آلاف" keeps 500).
    fn range_of(mut x: Core, y: &Core) -> (Core, f64, f64) {
        if x.lead_mult <= 1.0 && y.lead_mult > 1.0 && x.value * y.lead_mult <= y.value {
            x.value *= y.lead_mult;
            x.words = true;
        }
        let (lo, hi) = if x.value <= y.value { (x.value, y.value) } else { (y.value, x.value) };
        x.digits |= y.digits;
        x.words |= y.words;
        x.end = y.end;
        x.definite |= y.definite;
        x.decimal_reading = None;
        (x, lo, hi)
    }

    /// "بين X و Y", "ما بين X إلى Y", "من X إلى Y" at token `i`.
    fn range_at(&self, i: usize) -> Option<NumberPhrase> {
        let (role, after, prefix) =
            self.match_phrase(i, Clitics::Any, |r| matches!(r, Role::Between | Role::From))?;
        let x = self.number_at(after, Clitics::None)?;
        if x.kind != Kind::Cardinal {
            return None;
        }
        // "بين 15-20", "ما بين 20-30 ألف": a dash range after the opener
        let y = match self.second_bound(x.end, role == Role::Between) {
            Some(y) => y,
            None => self.dash_range(&x)?,
        };
        // "من 6899 إلى 6254" goes down: a change between two counts, like one
        // announced by a verb of change.
        if role == Role::From && (x.value > y.value || self.change_verb_before(i)) {
            return None;
        }
        let num_first = x.num_first;
        let (core, lo, hi) = Self::range_of(x, &y);
        let bounds = Bounds::Range(lo, hi);
        self.finish(i, self.char_start(i, prefix), num_first, core, bounds)
    }

    /// "10-15", "2007 - 2018": two digit numbers joined by a dash, not part of
    /// a longer chain ("2018-03-20" is a date, "2018 / 01 / 21" never a range).
    fn dash_range(&self, x: &Core) -> Option<Core> {
        if x.kind != Kind::Cardinal || !x.digits || x.lead_mult > 1.0 {
            return None;
        }
        let d = x.end;
        if !self.is_punct_in(d, DASHES) || !self.on_line(d) || !self.on_line(d + 1) {
            return None;
        }
        if self.kind(d + 1) != TokenKind::Digits {
            return None;
        }
        let chained_before = x.num_first >= 2
            && self.is_punct_in(x.num_first - 1, &["-", "–", "/"])
            && self.kind(x.num_first - 2) == TokenKind::Digits;
        if chained_before {
            return None;
        }
        let y = self.amount(d + 1, Clitics::None)?;
        let chained_after = self.is_punct_in(y.end, &["-", "–", "/"])
            && self.on_line(y.end + 1)
            && self.kind(y.end + 1) == TokenKind::Digits;
        (!chained_after && y.kind == Kind::Cardinal).then_some(y)
    }

    /// "150 إلى 200", "نحو 150 إلى 200 نازح": a range without its opener.
    /// Only upwards and within one order of magnitude, and not after a verb of
    /// change ("ارتفع عدد القتلى 20 إلى 35" is two counts).
    fn bare_to_range(&self, x: &Core) -> Option<Core> {
        if x.kind != Kind::Cardinal {
            return None;
        }
        let (_, after, _) = self.match_phrase(x.end, Clitics::None, |r| r == Role::To)?;
        let y = self.number_at(after, Clitics::None)?;
        if y.kind != Kind::Cardinal || self.change_verb_before(x.first) {
            return None;
        }
        let borrowed = if x.lead_mult <= 1.0 && y.lead_mult > 1.0 { x.value * y.lead_mult } else { x.value };
        (borrowed < y.value && y.value <= borrowed * 10.0).then_some(y)
    }

    /// The phrase starting at token `i`, if any. `claimed` is the end of the
    /// last trailing approximation: no preposed approximation starts inside it.
    fn phrase_at(&self, i: usize, claimed: usize) -> Option<NumberPhrase> {
        if !self.may_open(i) {
            return None;
        }
        let t = &self.doc.tokens[i];
        if matches!(t.kind, TokenKind::Arabic) {
            if let Some(p) = self.range_at(i) {
                return Some(p);
            }
            if i >= claimed
                && let Some((role, after, prefix)) =
                    self.match_phrase(i, Clitics::Any, |r| Self::pre_approx(r).is_some())
                && let Some(approx) = Self::pre_approx(role)
            {
                let mut k = after;
                if self.is_punct_in(k, QUOTES) && self.on_line(k) {
                    k += 1;
                }
                if let Some(core) = self.number_at(k, Clitics::None)
                    && core.kind != Kind::Ordinal
                {
                    let num_first = core.num_first;
                    if let Some(y) = self.bare_to_range(&core) {
                        let (core, lo, hi) = Self::range_of(core, &y);
                        return self.finish(
                            i,
                            self.char_start(i, prefix),
                            num_first,
                            core,
                            Bounds::Range(lo, hi),
                        );
                    }
                    return self.finish(
                        i,
                        self.char_start(i, prefix),
                        num_first,
                        core,
                        Bounds::Pre(Some(approx)),
                    );
                }
            }
        }
        if !matches!(t.kind, TokenKind::Arabic | TokenKind::Digits) {
            return None;
        }
        let core = self.number_at(i, Clitics::Any)?;
        let (first, start, num_first) = (core.first, core.start, core.num_first);
        if let Some(y) = self.dash_range(&core).or_else(|| self.bare_to_range(&core)) {
            let (core, lo, hi) = Self::range_of(core, &y);
            return self.finish(first, start, num_first, core, Bounds::Range(lo, hi));
        }
        self.finish(first, start, num_first, core, Bounds::Pre(None))
    }

    /// A postposed approximation after the counted noun: up to
    /// [`TRAILING_WINDOW_WORDS`] words, same sentence, no punctuation but quotes,
    /// no other number in between.
    fn trailing_approx(&self, end: usize) -> Option<(Range<usize>, Approx)> {
        if end == 0 || end >= self.n {
            return None;
        }
        let sentence_end =
            self.doc.sentences.get(self.doc.sentence_of(end - 1)).map_or(self.n, |s| s.tokens.end);
        let mut words = 0;
        let mut k = end;
        while k < sentence_end && self.on_line(k) {
            match self.kind(k) {
                TokenKind::Punct if QUOTES.contains(&self.key(k)) => {
                    k += 1;
                    continue;
                }
                TokenKind::Punct | TokenKind::Digits => return None,
                TokenKind::Arabic | TokenKind::Latin => {}
            }
            if words > 0
                && let Some((role, e, _)) =
                    self.match_phrase(k, Clitics::None, |r| Self::post_approx(r).is_some())
                && let Some(approx) = Self::post_approx(role)
            {
                return Some((k..e, approx));
            }
            if self.read_num(k, Clitics::Any).is_some() {
                return None; // another number (or a vague plural) starts here
            }
            if self.lex.get(self.key(k)).is_some_and(|info| info.clause_break) {
                return None;
            }
            words += 1;
            if words > TRAILING_WINDOW_WORDS {
                return None;
            }
            k += 1;
        }
        None
    }

    /// Percent, postposed approximation and bounds around a number read.
    fn finish(
        &self,
        first: usize,
        start: usize,
        num_first: usize,
        core: Core,
        bounds: Bounds,
    ) -> Option<NumberPhrase> {
        let mut end = core.end;
        let mut percent = false;
        if core.kind == Kind::Cardinal
            && let Some((_, e, _)) = self.match_phrase(end, Clitics::None, |r| r == Role::Percent)
            && self.on_line(end)
        {
            percent = true;
            end = e;
        }
        let mut post = None;
        let mut trailing = None;
        if core.kind != Kind::Ordinal {
            if self.on_line(end)
                && let Some((role, e, _)) =
                    self.match_phrase(end, Clitics::None, |r| Self::post_approx(r).is_some())
            {
                post = Self::post_approx(role);
                end = e;
            } else if let Some((r, a)) = self.trailing_approx(end) {
                post = Some(a);
                trailing = Some(r);
            }
        }
        let value;
        let (approx, low, high) = match bounds {
            Bounds::Range(lo, hi) => {
                value = (lo + hi) / 2.0;
                (Approx::Range, Some(lo), Some(hi))
            }
            Bounds::Pre(pre) => {
                value = core.value;
                let approx = combine(pre, post);
                let (low, high) = match approx {
                    Approx::Exact => (Some(value), Some(value)),
                    Approx::AtLeast => (Some(value), None),
                    Approx::AtMost => (None, Some(value)),
                    Approx::About | Approx::Range => (None, None),
                };
                (approx, low, high)
            }
        };
        let finite = value.is_finite() && low.is_none_or(f64::is_finite) && high.is_none_or(f64::is_finite);
        let span_end = self.doc.tokens[end - 1].span.end;
        if !finite || start >= span_end {
            return None;
        }
        let form = match core.kind {
            Kind::Ordinal => NumberForm::Ordinal,
            Kind::Fraction => NumberForm::Fraction,
            Kind::Cardinal => match (core.digits, core.words) {
                (true, true) => NumberForm::Mixed,
                (true, false) => NumberForm::Digits,
                _ => NumberForm::Words,
            },
        };
        Some(NumberPhrase {
            tokens: first..end,
            span: Span::new(start, span_end),
            core: num_first..core.end,
            value,
            low,
            high,
            approx,
            form,
            percent,
            definite: core.definite,
            trailing_approx: trailing,
            decimal_reading: core.decimal_reading,
        })
    }

    pub(crate) fn find_all(&self) -> Vec<NumberPhrase> {
        let mut out: Vec<NumberPhrase> = Vec::new();
        let mut claimed = 0;
        let mut i = 0;
        while i < self.n {
            match self.phrase_at(i, claimed) {
                Some(p) if out.last().is_none_or(|q| q.span.end <= p.span.start) => {
                    i = p.tokens.end.max(i + 1);
                    if let Some(r) = &p.trailing_approx {
                        claimed = r.end;
                    }
                    out.push(p);
                }
                _ => i += 1,
            }
        }
        out
    }
}

/// What was read around the number before percent and postposed words.
#[derive(Debug, Clone, Copy)]
enum Bounds {
    /// A preposed approximation, if any.
    Pre(Option<Approx>),
    /// A range with its ends.
    Range(f64, f64),
}

/// Preposed and postposed approximation together: a postposed bound refines
/// a preposed "about" ("حوالي سبعين شخصا على الأقل" is at least 70); otherwise
/// the preposed word wins.
fn combine(pre: Option<Approx>, post: Option<Approx>) -> Approx {
    match (pre, post) {
        (None, None) => Approx::Exact,
        (Some(a), None) | (None, Some(a)) => a,
        (Some(Approx::About), Some(b)) => b,
        (Some(a), Some(_)) => a,
    }
}

#[cfg(test)]
mod fraction_tests {
    use super::*;

    /// The scan the table of [`fraction_forms`] replaces: suffixes, then
    /// fractions, then the clitics left before the fraction.
    fn scanned(lex: &Lexicon, w: &str) -> Option<(f64, usize)> {
        for suf in FRACTION_SUFFIXES {
            let Some(stem) = w.strip_suffix(suf) else { continue };
            for f in &lex.fractions {
                if let Some(before) = stem.strip_suffix(f.as_str())
                    && is_clitic_string(before)
                    && let Some(e) = lex.get(f).and_then(|i| i.num)
                {
                    return Some((e.value, before.len()));
                }
            }
        }
        None
    }

    /// Words near the opening ones: every word of the lexicon under every
    /// string of up to three clitic letters (more than [`PREFIXES`],
    /// so a string missing there shows), cut short or lengthened by a letter.
    fn near_openers(lex: &Lexicon) -> Vec<String> {
        let letters = ["و", "ف", "ب", "ك", "ل"];
        let mut leads = vec![String::new(), "ال".into(), "وال".into(), "م".into()];
        for a in letters {
            leads.push(a.into());
            for b in letters {
                leads.push(format!("{a}{b}"));
                leads.extend(letters.iter().map(|c| format!("{a}{b}{c}")));
            }
        }
        let mut words = Vec::new();
        for (w, _) in lex.words() {
            for p in &leads {
                for tail in ["", "ا", "ه", "هم", "ون", "ين", "ة"] {
                    words.push(format!("{p}{w}{tail}"));
                }
                let mut short = w.chars();
                short.next_back();
                words.push(format!("{p}{}", short.as_str()));
            }
        }
        words
    }

    #[test]
    fn opening_table_agrees_with_the_clitic_readings() {
        let lex = lexicon();
        let words = near_openers(lex);
        let mut opening = 0;
        for w in &words {
            let fast = opening_forms(lex).contains_key(w.as_str());
            assert_eq!(fast, opens_phrase(lex, w), "{w}");
            opening += usize::from(fast);
        }
        // the comparison must see both answers, many times
        assert!(opening > 1000 && words.len() - opening > 1000, "{opening} of {}", words.len());
    }

    proptest::proptest! {
        #[test]
        fn opening_table_agrees_on_any_word(w in "[وفبكلالنحثسعمتخهيرةأإ]{1,9}") {
            let lex = lexicon();
            proptest::prop_assert_eq!(opening_forms(lex).contains_key(w.as_str()), opens_phrase(lex, &w));
        }
    }

    #[test]
    fn fraction_table_reads_as_the_scan() {
        let lex = lexicon();
        let mut words: Vec<String> = Vec::new();
        let pieces = ["", "و", "ف", "ب", "ك", "ل", "ال", "وب", "فك", "ولل"];
        for before in pieces {
            for f in lex.fractions.iter().map(String::as_str).chain(["قتل", "ه", "ثلثه", ""]) {
                for suf in FRACTION_SUFFIXES.iter().copied().chain(["", "ون", "ما", "ت"]) {
                    words.push(format!("{before}{f}{suf}"));
                }
            }
        }
        for w in &words {
            let fast = fraction_forms(lex).get(w.as_str()).map(|r| (r.entry.value, r.prefix));
            assert_eq!(fast, scanned(lex, w), "{w}");
        }
    }
}
