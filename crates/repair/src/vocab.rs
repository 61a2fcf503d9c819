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

// a fast non-cryptographic hasher: these maps are looked up for every word
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use rasid_text::clitic;

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
        lex
    }

    /// Whether the lexicon knows the folded word, directly or once its
    /// proclitics are peeled.
    pub fn knows(&self, folded: &str) -> bool {
        clitic::peels(folded).iter().any(|p| {
            self.words.contains(p.rest) || (p.elided_article && self.words.contains(&format!("ال{}", p.rest)))
        })
    }
}

/// The lexicon compiled from `data/lexicon.tsv`.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::parse(include_str!("../data/lexicon.tsv")))
}

/// Word knowledge used to decide where glued words split.
///
/// `Sync`: one vocabulary is shared by all worker threads; its verdict cache
/// sits behind a mutex.
pub struct Vocabulary {
    dictionary: Option<spellbook::Dictionary>,
    /// The dictionary's word list (its stems, before affixes), folded. A word
    /// found here, or one inflection away, is a word people write; a word the
    /// dictionary accepts only through its many affix rules may be an accident
    /// (`يمي`, `الدو`), which matters when judging halves of foreign names.
    stems: HashSet<String>,
    /// The names of the dictionary's lists of names, folded: known words,
    /// but no evidence of a word boundary (`مونت` + `ي` is a surname).
    names: HashSet<String>,
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
                Ok(Some(Loaded { dictionary, stems, names })) => {
                    let v = Vocabulary {
                        dictionary: Some(dictionary),
                        stems,
                        names,
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
            stems: HashSet::new(),
            names: HashSet::new(),
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

    /// Whether a folded word is a stem of the dictionary or the lexicon, or
    /// one of the lexicon's inflection endings away from one, once its
    /// proclitics and article are peeled.
    pub(crate) fn stem_known(&self, folded: &str) -> bool {
        let lex = lexicon();
        let listed = |w: &str| {
            w.chars().count() >= 3
                && (self.stems.contains(w) || self.names.contains(w) || lex.words.contains(w))
        };
        let inflected = |w: &str| {
            listed(w)
                || lex.suffixes.iter().any(|(ending, replacement)| {
                    w.strip_suffix(ending.as_str())
                        .is_some_and(|base| listed(&format!("{base}{replacement}")))
                })
                || lex.nisba.iter().any(|ending| w.strip_suffix(ending.as_str()).is_some_and(listed))
        };
        clitic::peels(folded).iter().any(|p| {
            let bare = p.rest.strip_prefix("ال").filter(|r| r.chars().count() >= 2);
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
        let lex = lexicon();
        let listed =
            |w: &str| w.chars().count() >= MIN_STEM && (self.stems.contains(w) || lex.words.contains(w));
        let inflected = |w: &str| {
            listed(w)
                || lex.suffixes.iter().any(|(ending, replacement)| {
                    w.strip_suffix(ending.as_str())
                        .is_some_and(|base| listed(&format!("{base}{replacement}")))
                })
        };
        let w = folded.strip_prefix(['و', 'ف']).unwrap_or(folded);
        let bare = w.strip_prefix("لل").or_else(|| {
            let w3 = w.strip_prefix(['ب', 'ك', 'ل']).unwrap_or(w);
            w3.strip_prefix("ال").or_else(|| w.strip_prefix("ال"))
        });
        // after the article, a three-letter stem will do (`الأمن`): the
        // article itself marks the start of a word
        let listed_short =
            |w: &str| w.chars().count() == MIN_STEM - 1 && (self.stems.contains(w) || lex.words.contains(w));
        inflected(folded) || inflected(w) || bare.is_some_and(|b| inflected(b) || listed_short(b))
    }

    /// Whether a folded word, once its proclitics and article are peeled, is
    /// a word of the dictionary's lists or the lexicon as it stands (no
    /// inflection endings): catches a known word in an unusual spelling
    /// (`الاضعف`) without the looseness of [`Vocabulary::stem_known`].
    pub(crate) fn listed_known(&self, folded: &str) -> bool {
        let lex = lexicon();
        let listed = |w: &str| {
            w.chars().count() >= 3
                && (self.stems.contains(w) || self.names.contains(w) || lex.words.contains(w))
        };
        clitic::peels(folded).iter().any(|p| listed(p.rest) || p.rest.strip_prefix("ال").is_some_and(listed))
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
        let word: String = surface.chars().filter(|&c| !rasid_text::fold::is_format_control(c)).collect();
        if word.is_empty() {
            return false;
        }
        if let Ok(cache) = self.cache.lock()
            && let Some(&v) = cache.get(&word)
        {
            return v;
        }
        let verdict = dictionary.check(&word);
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(word, verdict);
        }
        verdict
    }

    /// Whether a verdict on this word is already cached (so checking it costs
    /// nothing against a document's look-up budget).
    pub(crate) fn is_cached(&self, surface: &str) -> bool {
        self.dictionary.is_none() || self.cache.lock().map(|c| c.contains_key(surface)).unwrap_or(false)
    }
}

/// Folds a dictionary word. The list has ~170,000 words, nearly all plain
/// Arabic letters, for which folding is a letter-for-letter map (the same
/// as [`rasid_text::key`]'s); anything else takes the full fold. Keeps the
/// dictionary's load time down.
fn fold_plain_word(word: &str) -> String {
    if word.chars().all(|c| ('\u{0621}'..='\u{063A}').contains(&c) || ('\u{0641}'..='\u{064A}').contains(&c))
    {
        word.chars()
            .map(|c| match c {
                'أ' | 'إ' | 'آ' => 'ا',
                'ى' => 'ي',
                'ة' => 'ه',
                c => c,
            })
            .collect()
    } else {
        rasid_text::key(word)
    }
}

/// A parsed dictionary and its word lists.
struct Loaded {
    dictionary: spellbook::Dictionary,
    stems: HashSet<String>,
    names: HashSet<String>,
}

/// Reads and parses `dir/ar.aff` + `dir/ar.dic`, and collects the folded
/// stems of the `.dic`; `Ok(None)` when the files are not there.
fn load_dictionary(dir: &Path) -> Result<Option<Loaded>, String> {
    let aff_path = dir.join("ar.aff");
    let dic_path = dir.join("ar.dic");
    if !aff_path.is_file() || !dic_path.is_file() {
        return Ok(None);
    }
    let aff = std::fs::read_to_string(&aff_path).map_err(|e| format!("{}: {e}", aff_path.display()))?;
    let dic = std::fs::read_to_string(&dic_path).map_err(|e| format!("{}: {e}", dic_path.display()))?;
    let dictionary = spellbook::Dictionary::new(&aff, &dic).map_err(|e| format!("cannot parse: {e}"))?;
    let (stems, names) = dictionary_stems(&dic);
    Ok(Some(Loaded { dictionary, stems, names }))
}

/// The words of a `.dic` file, folded: each line's word before its `/flags`
/// or morphological fields; lines that are not Arabic words (counts,
/// comments) are skipped. Debian's `ar.dic` is several lists concatenated,
/// each headed by a `::::` line and its file name; the words of a list whose
/// name says it holds names go to the second set.
fn dictionary_stems(dic: &str) -> (HashSet<String>, HashSet<String>) {
    let mut stems = HashSet::with_capacity(dic.len() / 16);
    let mut names = HashSet::new();
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
        let k = fold_plain_word(word);
        if k.chars().all(rasid_text::token::is_arabic_letter) {
            if in_names {
                names.insert(k)
            } else {
                stems.insert(k)
            };
        }
    }
    (stems, names)
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
        for w in ["أرشيف", "مستشفى", "الغوطة", "إدلب", "آذار", "شؤون", "مسؤولية", "الغُوطَة", "ﻻ"]
        {
            assert_eq!(fold_plain_word(w), rasid_text::key(w), "{w}");
        }
    }

    #[test]
    fn dictionary_lists_split_names_from_words() {
        let dic = "3\n::::\nwords.dic\n::::\nمجلس/12\nأمن\n::::\nnames.dic\n::::\nياسين/4\t7\n";
        let (stems, names) = dictionary_stems(dic);
        assert!(stems.contains("مجلس") && stems.contains("امن"));
        assert!(names.contains("ياسين") && !stems.contains("ياسين"));
    }

    #[test]
    fn vocabulary_is_sync() {
        fn sync<T: Sync + Send>() {}
        sync::<Vocabulary>();
    }
}
