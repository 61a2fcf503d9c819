//! Word knowledge: the Hunspell Arabic dictionary plus the crate's own lexicon.
//!
//! Hunspell is what lets the repairer tell a glued pair (`مجلسالأمن`) from a
//! long word it has simply never seen, without a list of known damage. The
//! dictionary is checked on the word **as written** (hamza forms, ة, ى): its
//! affix rules know `الأمن` but not the folded `الامن`. Diacritics and tatweel
//! are ignored by the dictionary itself (its `IGNORE` line).
//!
//! Checks are slow for long Arabic words (the affix rules are many: up to a few
//! milliseconds for a long unknown word), so verdicts are cached, and the cache
//! is bounded so a hostile input cannot grow it without limit.
//!
//! The word lists (the dictionary's stems and names, the lexicon's words) are
//! asked about many times per token, so they sit in one [`WordTable`]: one
//! hash look-up per candidate string answers all three questions.

// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt, HashSet};
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use crate::peel::{any_peel, concat, has_chars, with_article};

/// Environment variable naming a directory that holds `ar.dic` and `ar.aff`.
pub const HUNSPELL_DIR_ENV: &str = "RASID_HUNSPELL_DIR";

/// Where Debian's `hunspell-ar` and `myspell` packages put their dictionaries.
const SYSTEM_DIRS: &[&str] = &["/usr/share/hunspell", "/usr/share/myspell/dicts"];

/// Cached verdicts kept before the cache is emptied and started again.
const CACHE_LIMIT: usize = 200_000;

/// The crate's lexicon (`data/lexicon.tsv`), folded, compiled once.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Known words (`word` and `function` classes).
    pub words: HashSet<String>,
    /// Function words: known everywhere, so their use in an article proves
    /// nothing about a glued half.
    pub function: HashSet<String>,
    /// Words written closed up with the next one by convention.
    pub heads: HashSet<String>,
    /// Abbreviations written glued to a number.
    pub units: HashSet<String>,
    /// Domain labels written in Arabic letters.
    pub domains: HashSet<String>,
    /// Bytes of the longest domain label: no longer string need be looked up.
    pub longest_domain: usize,
    /// Latin letter names in Arabic letters.
    pub letters: HashSet<String>,
    /// Names written closed up with a number.
    pub brands: HashSet<String>,
    /// Inflection endings and what they replace on the stem (`ات` → `ه`:
    /// كلمات is the plural of كلمة), to find a stem in the dictionary's list.
    pub suffixes: Vec<(String, String)>,
    /// Relational (nisba) endings: `عربي` from `عرب`. Only for recognising a
    /// known word spelled unusually, never as evidence for a split: the
    /// nisba of a name is a name.
    pub nisba: Vec<String>,
}

impl Lexicon {
    fn parse(src: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((class, word)) = line.split_once('\t') else {
                continue;
            };
            if class.trim() == "nisba" {
                let k = rasid_text::key(word);
                if !k.is_empty() {
                    lex.nisba.push(k);
                }
                continue;
            }
            if class.trim() == "suffix" {
                let (ending, replacement) = word.split_once('\t').unwrap_or((word, ""));
                let ending = rasid_text::key(ending);
                if !ending.is_empty() {
                    lex.suffixes.push((ending, rasid_text::key(replacement)));
                }
                continue;
            }
            let set = match class.trim() {
                "word" => &mut lex.words,
                "function" => &mut lex.function,
                "head" => &mut lex.heads,
                "unit" => &mut lex.units,
                "domain" => &mut lex.domains,
                "letter" => &mut lex.letters,
                "brand" => &mut lex.brands,
                _ => continue,
            };
            // Multi-word names contribute each of their words.
            for w in word.split_whitespace() {
                let k = rasid_text::key(w);
                if !k.is_empty() {
                    set.insert(k);
                }
            }
        }
        let function: Vec<String> = lex.function.iter().cloned().collect();
        lex.words.extend(function);
        lex.longest_domain = lex.domains.iter().map(String::len).max().unwrap_or(0);
        lex
    }

    /// Whether the lexicon knows the folded word, directly or once its
    /// proclitics are peeled.
    pub fn knows(&self, folded: &str) -> bool {
        any_peel(folded, |p| {
            self.words.contains(p.rest)
                || (p.elided_article && with_article(p.rest, |w| self.words.contains(w)))
        })
    }
}

/// The lexicon compiled from `data/lexicon.tsv`.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::parse(include_str!("../data/lexicon.tsv")))
}

/// What a [`WordTable`] records about a folded word (bit flags).
pub(crate) mod flag {
    /// A word of the dictionary's lists other than its lists of names.
    pub const STEM: u8 = 1;
    /// A word of the dictionary's lists of names.
    pub const NAME: u8 = 2;
    /// A word of the crate's lexicon (`word` and `function` classes).
    pub const LEXICON: u8 = 4;
}

/// Folded words and what is known about each ([`flag`]), in one hash table:
/// one look-up answers "a stem of the dictionary? a name? a word of the
/// lexicon?". The words sit end to end in one string, so building and
/// dropping the table costs no allocation per word (the dictionary has
/// ~170,000 of them).
pub(crate) struct WordTable {
    text: String,
    entries: hashbrown::HashTable<WordEntry>,
    hasher: foldhash::fast::FixedState,
    /// Identifies this table's contents for a [`FlagMemo`]: unique per table,
    /// renewed whenever a word is entered.
    id: u64,
}

/// A fresh [`WordTable::id`].
fn next_table_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Slots of a [`FlagMemo`] (a power of two).
const MEMO_SLOTS: usize = 65536;
/// Longest word (bytes) a [`FlagMemo`] slot holds: 15 Arabic letters.
const MEMO_WORD: usize = 30;
/// [`MemoSlot::len`] of an empty slot.
const MEMO_EMPTY: u8 = u8::MAX;

/// A small direct-mapped memo of [`WordTable::flags`] (or of a byte derived
/// from a word and the table alone), one per thread.
///
/// Why: the table holds ~170,000 words in a few MiB, so a look-up costs two
/// or three cache misses (control bytes, entry, the word's text), and the
/// repairer asks it about most tokens of every article. News reuses a
/// limited set of words: a 2 MiB memo per thread (32-byte slots) answered 81 %
/// of the look-ups over the ANT corpus (8,192 slots: 52 %), from cache lines
/// that stay warm. Each slot holds the word itself, so an answer is exact,
/// never a guess from a hash; a slot is simply overwritten by the next word
/// that maps to it.
pub(crate) struct FlagMemo {
    /// The [`WordTable::id`] the slots describe; another table empties them.
    table: u64,
    slots: Box<[MemoSlot]>,
}

#[derive(Clone, Copy)]
struct MemoSlot {
    len: u8,
    /// The word's flags, or the byte derived from it ([`WordTable::derived_memo`]).
    value: u8,
    bytes: [u8; MEMO_WORD],
}

const EMPTY_SLOT: MemoSlot = MemoSlot { len: MEMO_EMPTY, value: 0, bytes: [0; MEMO_WORD] };

impl Default for FlagMemo {
    fn default() -> Self {
        FlagMemo::with_slots(MEMO_SLOTS)
    }
}

impl FlagMemo {
    /// A memo of `slots` slots (rounded up to a power of two).
    pub(crate) fn with_slots(slots: usize) -> FlagMemo {
        FlagMemo { table: 0, slots: vec![EMPTY_SLOT; slots.next_power_of_two()].into_boxed_slice() }
    }

    /// The byte remembered for `w` (of hash `hash`) under the table `table`,
    /// else `compute`'s, then remembered. A memo filled under another table
    /// is emptied first.
    fn answer(&mut self, table: u64, w: &str, hash: u64, compute: impl FnOnce() -> u8) -> u8 {
        if self.table != table {
            self.slots.fill(EMPTY_SLOT);
            self.table = table;
        }
        if w.len() > MEMO_WORD {
            return compute();
        }
        let mask = self.slots.len() - 1;
        let slot = &mut self.slots[hash as usize & mask];
        if usize::from(slot.len) == w.len() && rasid_text::bytes::same(&slot.bytes[..w.len()], w.as_bytes()) {
            return slot.value;
        }
        let value = compute();
        slot.len = w.len() as u8; // at most MEMO_WORD
        slot.bytes[..w.len()].copy_from_slice(w.as_bytes());
        slot.value = value;
        value
    }
}

/// A word of a [`WordTable`]: its byte range in the table's text and flags.
#[derive(Debug, Clone, Copy)]
struct WordEntry {
    start: u32,
    end: u32,
    flags: u8,
}

impl WordEntry {
    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl WordTable {
    fn with_capacity(words: usize, bytes: usize) -> WordTable {
        WordTable {
            text: String::with_capacity(bytes),
            entries: hashbrown::HashTable::with_capacity(words),
            hasher: foldhash::fast::FixedState::with_seed(0x7261_7369_645f_7772),
            id: next_table_id(),
        }
    }

    /// The flags of a folded word; 0 for a word not in the table.
    pub fn flags(&self, w: &str) -> u8 {
        self.flags_hashed(w, self.hasher.hash_one(w))
    }

    fn flags_hashed(&self, w: &str, hash: u64) -> u8 {
        self.entries
            .find(hash, |e| rasid_text::bytes::same(self.text[e.range()].as_bytes(), w.as_bytes()))
            .map_or(0, |e| e.flags)
    }

    /// [`WordTable::flags`], answered from `memo` when it holds the word.
    pub fn flags_memo(&self, w: &str, memo: &mut FlagMemo) -> u8 {
        let hash = self.hasher.hash_one(w);
        memo.answer(self.id, w, hash, || self.flags_hashed(w, hash))
    }

    /// A byte that `compute` derives from `w` and this table alone (no other
    /// state that changes), answered from `memo` when it holds the word.
    pub(crate) fn derived_memo(&self, w: &str, memo: &mut FlagMemo, compute: impl FnOnce() -> u8) -> u8 {
        memo.answer(self.id, w, self.hasher.hash_one(w), compute)
    }

    /// Whether the table holds the word with any of `flags`.
    pub fn has(&self, w: &str, flags: u8) -> bool {
        self.flags(w) & flags != 0
    }

    /// Adds `flags` to a word.
    fn insert(&mut self, w: &str, flags: u8) {
        let start = self.text.len();
        self.text.push_str(w);
        self.enter_tail(start, flags);
    }

    /// Enters the word just appended to the text at `start` with `flags`
    /// (merged into the entry of the same word if there is one, and the
    /// copy dropped).
    fn enter_tail(&mut self, start: usize, flags: u8) {
        self.id = next_table_id();
        let WordTable { text, entries, hasher, .. } = self;
        let (Ok(s), Ok(e)) = (u32::try_from(start), u32::try_from(text.len())) else {
            text.truncate(start); // beyond 4 GiB of words: not a dictionary
            return;
        };
        let w = &text[start..];
        let hash = hasher.hash_one(w);
        let known =
            match entries.entry(hash, |x| &text[x.range()] == w, |x| hasher.hash_one(&text[x.range()])) {
                hashbrown::hash_table::Entry::Occupied(mut o) => {
                    o.get_mut().flags |= flags;
                    true
                }
                hashbrown::hash_table::Entry::Vacant(v) => {
                    v.insert(WordEntry { start: s, end: e, flags });
                    false
                }
            };
        if known {
            text.truncate(start);
        }
    }

    /// Number of distinct words.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }

    /// A table of the lexicon's words alone.
    fn of_lexicon() -> WordTable {
        let mut table = WordTable::with_capacity(0, 0);
        table.add_lexicon();
        table
    }

    fn add_lexicon(&mut self) {
        for w in &lexicon().words {
            self.insert(w, flag::LEXICON);
        }
    }
}

/// Word knowledge used to decide where glued words split.
///
/// `Sync`: one vocabulary is shared by all worker threads; its verdict cache
/// sits behind a mutex.
pub struct Vocabulary {
    dictionary: Option<spellbook::Dictionary>,
    /// The dictionary's word list (its stems, before affixes), folded
    /// ([`flag::STEM`]). A word found here, or one inflection away, is a
    /// word people write; a word the dictionary accepts only through its
    /// many affix rules may be an accident (`يمي`, `الدو`), which matters
    /// when judging halves of foreign names. The names of the dictionary's
    /// lists of names ([`flag::NAME`]) are known words, but no evidence of a
    /// word boundary (`مونت` + `ي` is a surname). The lexicon's words
    /// ([`flag::LEXICON`]) are here too.
    words: WordTable,
    /// Where the dictionary was loaded from, for reports.
    source: Option<PathBuf>,
    cache: Mutex<HashMap<String, bool>>,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary")
            .field("dictionary", &self.source)
            .field("lexicon_words", &lexicon().words.len())
            .finish()
    }
}

impl Vocabulary {
    /// Loads the Hunspell Arabic dictionary from the first of the default
    /// directories that has `ar.dic`/`ar.aff` (`$RASID_HUNSPELL_DIR`,
    /// `/usr/share/hunspell`, `/usr/share/myspell/dicts`), plus the crate's own
    /// lexicon. Returns the vocabulary and, if no dictionary was found, a
    /// notice for the CLI to print once (the repairer still works, with less
    /// recall).
    pub fn load_default() -> (Vocabulary, Option<String>) {
        let mut dirs = Vec::new();
        if let Some(d) = std::env::var_os(HUNSPELL_DIR_ENV).filter(|d| !d.is_empty()) {
            dirs.push(PathBuf::from(d));
        }
        dirs.extend(SYSTEM_DIRS.iter().map(PathBuf::from));
        Vocabulary::from_dirs(&dirs)
    }

    /// Loads the dictionary from the first of `dirs` that has a readable and
    /// parsable `ar.dic`/`ar.aff`; see [`Vocabulary::load_default`].
    pub fn from_dirs(dirs: &[PathBuf]) -> (Vocabulary, Option<String>) {
        let mut problems = Vec::new();
        for dir in dirs {
            match load_dictionary(dir) {
                Ok(Some(Loaded { dictionary, mut words })) => {
                    words.add_lexicon();
                    let v = Vocabulary {
                        dictionary: Some(dictionary),
                        words,
                        source: Some(dir.clone()),
                        cache: Mutex::new(HashMap::new()),
                    };
                    return (v, None);
                }
                Ok(None) => {}
                Err(e) => problems.push(format!("{}: {e}", dir.display())),
            }
        }
        let searched: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        let mut notice = format!(
            "rasid-repair: no Hunspell Arabic dictionary (ar.dic + ar.aff) in {}; glued words are \
             found with the built-in word list only (install hunspell-ar, or set {HUNSPELL_DIR_ENV})",
            searched.join(", ")
        );
        if !problems.is_empty() {
            notice.push_str(&format!(" [{}]", problems.join("; ")));
        }
        (Vocabulary::without_dictionary(), Some(notice))
    }

    /// A vocabulary with the crate's lexicon only (tests, and machines
    /// without `hunspell-ar`).
    pub fn without_dictionary() -> Vocabulary {
        Vocabulary {
            dictionary: None,
            words: WordTable::of_lexicon(),
            source: None,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a Hunspell dictionary was loaded.
    pub fn has_dictionary(&self) -> bool {
        self.dictionary.is_some()
    }

    /// The directory the dictionary was loaded from.
    pub fn dictionary_dir(&self) -> Option<&Path> {
        self.source.as_deref()
    }

    /// Whether `word` is a known word: in the crate's lexicon (with or
    /// without proclitics) or accepted by the dictionary. `word` may be folded
    /// or as written; the dictionary only recognises hamza forms, ة and ى when
    /// they are passed as written.
    pub fn knows(&self, folded_word: &str) -> bool {
        let folded = rasid_text::key(folded_word);
        if folded.is_empty() {
            return false;
        }
        lexicon().knows(&folded) || self.dictionary_knows(folded_word)
    }

    /// The word table: the dictionary's lists and the lexicon's words.
    pub(crate) fn words(&self) -> &WordTable {
        &self.words
    }

    /// Whether `w` is a word of the lists with any of `flags` and at least
    /// `min_letters` letters.
    fn listed(&self, w: &str, min_letters: usize, flags: u8) -> bool {
        has_chars(w, min_letters) && self.words.has(w, flags)
    }

    /// Whether `base` + `replacement` (an inflection ending undone) is a word
    /// of the lists with any of `flags` and at least `min_letters` letters;
    /// the two are joined only when long enough.
    fn listed_joined(&self, base: &str, replacement: &str, min_letters: usize, flags: u8) -> bool {
        let n = base.chars().count() + replacement.chars().count();
        n >= min_letters && concat(base, replacement, |w| self.words.has(w, flags))
    }

    /// Whether `w` is listed (see [`Vocabulary::listed`]) or one of the
    /// lexicon's inflection endings away from a listed word; with `nisba`,
    /// also one relational ending away.
    fn inflected(&self, w: &str, min_letters: usize, flags: u8, nisba: bool) -> bool {
        let lex = lexicon();
        self.listed(w, min_letters, flags)
            || lex.suffixes.iter().any(|(ending, replacement)| {
                w.strip_suffix(ending.as_str())
                    .is_some_and(|base| self.listed_joined(base, replacement, min_letters, flags))
            })
            || (nisba
                && lex.nisba.iter().any(|ending| {
                    w.strip_suffix(ending.as_str()).is_some_and(|base| self.listed(base, min_letters, flags))
                }))
    }

    /// Whether a folded word is a stem of the dictionary or the lexicon, or
    /// one of the lexicon's inflection endings away from one, once its
    /// proclitics and article are peeled.
    pub(crate) fn stem_known(&self, folded: &str) -> bool {
        const ANY: u8 = flag::STEM | flag::NAME | flag::LEXICON;
        let inflected = |w: &str| self.inflected(w, 3, ANY, true);
        any_peel(folded, |p| {
            let bare = p.rest.strip_prefix("ال").filter(|r| has_chars(r, 2));
            inflected(p.rest) || bare.is_some_and(inflected)
        })
    }

    /// Whether a folded word is a word of the dictionary's own list (or the
    /// lexicon's) with a stem of at least four letters (three after the
    /// article), or one inflection ending away from one, after at most a conjunction and the
    /// article (with its preposition). Stricter than
    /// [`Vocabulary::stem_known`]: short stems and free proclitic peeling are
    /// what let random strings pass.
    pub(crate) fn entry_known(&self, folded: &str) -> bool {
        const MIN_STEM: usize = 4;
        const ENTRY: u8 = flag::STEM | flag::LEXICON;
        let inflected = |w: &str| self.inflected(w, MIN_STEM, ENTRY, false);
        let w = folded.strip_prefix(['و', 'ف']).unwrap_or(folded);
        let bare = w.strip_prefix("لل").or_else(|| {
            let w3 = w.strip_prefix(['ب', 'ك', 'ل']).unwrap_or(w);
            w3.strip_prefix("ال").or_else(|| w.strip_prefix("ال"))
        });
        // after the article, a three-letter stem will do (`الأمن`): the
        // article itself marks the start of a word
        let listed_short = |w: &str| w.chars().count() == MIN_STEM - 1 && self.words.has(w, ENTRY);
        inflected(folded) || inflected(w) || bare.is_some_and(|b| inflected(b) || listed_short(b))
    }

    /// Whether the dictionary knows a respelling of a word written without
    /// hamza or with ه for ة, ي for ى (`الاسلامي`, `الانتاجيه`): such words are
    /// common in scraped text and are no glued pair. Tries ة/ى at the end and
    /// أ/إ for the first alef after the proclitics.
    pub(crate) fn respelling_known(&self, surface: &str) -> bool {
        if self.dictionary.is_none() {
            return false;
        }
        let chars: Vec<char> = surface
            .chars()
            .filter(|&c| rasid_text::token::is_arabic_letter(c) || c.is_alphabetic())
            .collect();
        let Some(&last) = chars.last() else {
            return false;
        };
        let endings: &[char] = match last {
            'ه' => &['ه', 'ة'],
            'ي' => &['ي', 'ى'],
            _ => &[last],
        };
        // the first alef after at most و/ف, ب/ك/ل and the article
        let word: String = chars.iter().collect();
        let mut alef_at = None;
        for prefix in ["", "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "وبال", "لل", "ولل"]
        {
            if let Some(rest) = word.strip_prefix(prefix)
                && rest.starts_with('ا')
            {
                alef_at = Some(prefix.chars().count());
            }
        }
        let alefs: &[char] = if alef_at.is_some() { &['ا', 'أ', 'إ'] } else { &['ا'] };
        for &alef in alefs {
            for &end in endings {
                if alef == 'ا' && end == last {
                    continue; // the spelling as written, already checked
                }
                let mut v = chars.clone();
                if let Some(i) = alef_at {
                    v[i] = alef;
                }
                if let Some(e) = v.last_mut() {
                    *e = end;
                }
                if self.dictionary_knows(&v.iter().collect::<String>()) {
                    return true;
                }
            }
        }
        false
    }

    /// The dictionary's verdict on a word as written (format controls
    /// removed), cached. False without a dictionary.
    pub(crate) fn dictionary_knows(&self, surface: &str) -> bool {
        let Some(dictionary) = &self.dictionary else {
            return false;
        };
        // nearly every word has no format control: then no copy is made
        let stripped: String;
        let word = if surface.chars().any(rasid_text::fold::is_format_control) {
            stripped = surface.chars().filter(|&c| !rasid_text::fold::is_format_control(c)).collect();
            stripped.as_str()
        } else {
            surface
        };
        if word.is_empty() {
            return false;
        }
        if let Ok(cache) = self.cache.lock()
            && let Some(&v) = cache.get(word)
        {
            return v;
        }
        let verdict = dictionary.check(word);
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(word.to_string(), verdict);
        }
        verdict
    }

    /// Whether a verdict on this word is already cached (so checking it costs
    /// nothing against a document's look-up budget).
    pub(crate) fn is_cached(&self, surface: &str) -> bool {
        self.dictionary.is_none() || self.cache.lock().map(|c| c.contains_key(surface)).unwrap_or(false)
    }
}

/// Appends the fold of a dictionary word made only of plain Arabic letters
/// (U+0621..U+063A, U+0641..U+064A) to `out` and returns true; returns
/// false, leaving `out` as it was, for any other word. The list has
/// ~170,000 words, nearly all plain, for which folding is a letter-for-letter
/// map (the same as [`rasid_text::key`]'s), so this keeps the dictionary's
/// load time down; anything else takes the full fold.
fn fold_plain_word_into(word: &str, out: &mut String) -> bool {
    let start = out.len();
    for c in word.chars() {
        let folded = match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => c,
            _ => {
                out.truncate(start);
                return false;
            }
        };
        out.push(folded);
    }
    true
}

/// A parsed dictionary and its word lists.
struct Loaded {
    dictionary: spellbook::Dictionary,
    words: WordTable,
}

/// Reads and parses `dir/ar.aff` + `dir/ar.dic`, and collects the folded
/// stems of the `.dic`; `Ok(None)` when the files are not there.
///
/// Hunspell's parse and the word table are independent and each took about
/// half of the load, so the parse runs on a second thread while this one
/// builds the table (sequentially if no thread can be started).
fn load_dictionary(dir: &Path) -> Result<Option<Loaded>, String> {
    let aff_path = dir.join("ar.aff");
    let dic_path = dir.join("ar.dic");
    if !aff_path.is_file() || !dic_path.is_file() {
        return Ok(None);
    }
    let aff = std::fs::read_to_string(&aff_path).map_err(|e| format!("{}: {e}", aff_path.display()))?;
    let dic = std::fs::read_to_string(&dic_path).map_err(|e| format!("{}: {e}", dic_path.display()))?;
    let parse = || spellbook::Dictionary::new(&aff, &dic).map_err(|e| format!("cannot parse: {e}"));
    let (dictionary, words) = std::thread::scope(|scope| {
        let parser = std::thread::Builder::new().name("rasid-hunspell".into()).spawn_scoped(scope, parse);
        let words = dictionary_words(&dic);
        let dictionary = match parser {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => parse(),
        };
        (dictionary, words)
    });
    Ok(Some(Loaded { dictionary: dictionary?, words }))
}

/// The words of a `.dic` file, folded: each line's word before its `/flags`
/// or morphological fields; lines that are not Arabic words (counts,
/// comments) are skipped. Debian's `ar.dic` is several lists concatenated,
/// each headed by a `::::` line and its file name; the words of a list whose
/// name says it holds names are flagged [`flag::NAME`], the others
/// [`flag::STEM`].
fn dictionary_words(dic: &str) -> WordTable {
    let mut table = WordTable::with_capacity(dic.len() / 16, dic.len() / 2);
    let mut in_names = false;
    let mut after_rule = false;
    for line in dic.lines() {
        if line.starts_with("::::") {
            after_rule = true;
            continue;
        }
        if after_rule {
            after_rule = false;
            if !line.chars().next().is_some_and(rasid_text::token::is_arabic_letter) {
                in_names = line.to_ascii_lowercase().contains("name");
                continue;
            }
        }
        let word = line.split(['/', '\t', ' ']).next().unwrap_or("");
        if !word.chars().next().is_some_and(rasid_text::token::is_arabic_letter) {
            continue;
        }
        let start = table.text.len();
        // a plain word folds to plain Arabic letters; another must be checked
        if !fold_plain_word_into(word, &mut table.text) {
            let k = rasid_text::key(word);
            if !k.chars().all(rasid_text::token::is_arabic_letter) {
                continue;
            }
            table.text.push_str(&k);
        }
        table.enter_tail(start, if in_names { flag::NAME } else { flag::STEM });
    }
    table.text.shrink_to_fit();
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads_every_class() {
        let lex = lexicon();
        assert!(lex.words.contains("الغوطه"));
        assert!(lex.function.contains("من"));
        assert!(lex.heads.contains("عبد"));
        assert!(lex.units.contains("كم"));
        assert!(lex.domains.contains("نت"));
        assert!(lex.letters.contains("بي"));
        assert!(lex.brands.contains("فرانس"));
    }

    #[test]
    fn lexicon_knows_words_with_proclitics() {
        let lex = lexicon();
        assert!(lex.knows("وبالغوطه"));
        assert!(lex.knows("لادلب"));
        assert!(!lex.knows("قرطاسيه"));
    }

    #[test]
    fn missing_dictionary_gives_a_notice() {
        let (v, notice) = Vocabulary::from_dirs(&[PathBuf::from("/nonexistent/rasid")]);
        assert!(!v.has_dictionary());
        let notice = notice.unwrap_or_default();
        assert!(notice.contains("hunspell-ar"), "{notice}");
        assert!(v.knows("إدلب"));
        assert!(!v.knows(""));
    }

    #[test]
    fn plain_fold_agrees_with_key() {
        for w in ["أرشيف", "مستشفى", "الغوطة", "إدلب", "آذار", "شؤون", "مسؤولية", "ﻻ", "ـبـ"]
        {
            let mut out = String::from("x");
            if fold_plain_word_into(w, &mut out) {
                assert_eq!(out, format!("x{}", rasid_text::key(w)), "{w}");
            } else {
                assert_eq!(out, "x", "{w}");
            }
        }
        // marks and presentation forms are not plain: they take the full fold
        let mut out = String::new();
        assert!(!fold_plain_word_into("الغُوطَة", &mut out) && out.is_empty());
        assert!(!fold_plain_word_into("ﻻ", &mut out) && out.is_empty());
    }

    #[test]
    fn memo_answers_as_the_table_does() {
        let dic = "2\n::::\nwords.dic\n::::\nمجلس\nأمن\n::::\nnames.dic\n::::\nياسين\n";
        let table = dictionary_words(dic);
        let lexicon = WordTable::of_lexicon();
        let mut memo = FlagMemo::default();
        let long = "مستشفياتمستشفياتمستشفيات"; // longer than a slot holds
        let words = ["مجلس", "امن", "ياسين", "قتل", "", "words", long, "مجلس", "امن", long, "قتل"];
        // twice over (the second time from the memo)
        for _ in 0..2 {
            for w in words {
                assert_eq!(table.flags_memo(w, &mut memo), table.flags(w), "{w}");
            }
        }
        // alternating between two tables sharing one memo: every answer is
        // the asking table's own
        for _ in 0..2 {
            for w in words {
                assert_eq!(table.flags_memo(w, &mut memo), table.flags(w), "{w}");
                assert_eq!(lexicon.flags_memo(w, &mut memo), lexicon.flags(w), "{w}");
            }
        }
        assert_eq!(table.flags_memo("مجلس", &mut memo), flag::STEM);
    }

    #[test]
    fn derived_memo_computes_once_per_word_and_table() {
        let dic = "1\n::::\nwords.dic\n::::\nمجلس\n";
        let table = dictionary_words(dic);
        let lexicon = WordTable::of_lexicon();
        let mut memo = FlagMemo::with_slots(8);
        let mut calls = 0;
        let mut ask = |t: &WordTable, w: &str, memo: &mut FlagMemo| {
            t.derived_memo(w, memo, || {
                calls += 1;
                w.len() as u8
            })
        };
        assert_eq!(ask(&table, "مجلس", &mut memo), 8);
        assert_eq!(ask(&table, "مجلس", &mut memo), 8);
        // another table's answers are its own: computed again
        assert_eq!(ask(&lexicon, "مجلس", &mut memo), 8);
        // a word longer than a slot is never remembered
        let long = "مستشفياتمستشفياتمستشفيات";
        ask(&lexicon, long, &mut memo);
        ask(&lexicon, long, &mut memo);
        assert_eq!(calls, 4);
    }

    #[test]
    fn dictionary_lists_split_names_from_words() {
        let dic = "3\n::::\nwords.dic\n::::\nمجلس/12\nأمن\nالغُوطَة\n::::\nnames.dic\n::::\nياسين/4\t7\nمجلس\n";
        let table = dictionary_words(dic);
        assert_eq!(table.flags("مجلس"), flag::STEM | flag::NAME);
        assert_eq!(table.flags("امن"), flag::STEM);
        assert_eq!(table.flags("الغوطه"), flag::STEM);
        assert_eq!(table.flags("ياسين"), flag::NAME);
        assert_eq!(table.flags("words"), 0);
        assert_eq!(table.len(), 4);
        assert_eq!(table.text, "مجلسامنالغوطهياسين");
    }

    #[test]
    fn word_table_merges_flags() {
        let mut t = WordTable::with_capacity(0, 0);
        t.insert("قتل", flag::STEM);
        t.insert("قتل", flag::LEXICON);
        t.insert("", flag::NAME);
        assert_eq!(t.flags("قتل"), flag::STEM | flag::LEXICON);
        assert!(t.has("", flag::NAME) && !t.has("قت", flag::STEM));
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn vocabulary_is_sync() {
        fn sync<T: Sync + Send>() {}
        sync::<Vocabulary>();
    }
}
