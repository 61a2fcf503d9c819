//! Small helpers over folded words and document tokens.
//!
//! Folded text (see `rasid_text::fold`) writes the article as `ال`, ta
//! marbuta as `ه`, alif maqsura as `ي`. The helpers here peel proclitics
//! conservatively: only where what remains is still a plausible word, because
//! a wrong peel turns a name into another word (`بعثه` is not ب + `عثه`).

use rasid_text::{Document, TokenKind};

/// The folded key of a single word or short phrase.
pub(crate) fn fold_word(s: &str) -> String {
    rasid_text::key(s)
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// At least two characters (`chars(s) >= 2`), from the byte length of the
/// first character: no walk over the word.
pub(crate) fn two_chars(s: &str) -> bool {
    let first_len = match s.as_bytes().first() {
        None => return false,
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b < 0xE0 => 2,
        Some(&b) if b < 0xF0 => 3,
        Some(_) => 4,
    };
    s.len() > first_len
}

/// The word without a leading article (`الوزاره` → `وزاره`), if what remains
/// has at least two letters.
pub(crate) fn strip_article(w: &str) -> &str {
    match w.strip_prefix("ال") {
        Some(r) if chars(r) >= 2 => r,
        _ => w,
    }
}

/// The parts of a word written conjunction + preposition + article + stem
/// (`وبالوزاره` = و + ب + ال + وزاره, `للمرصد` = ل + (ا)ل + مرصد): the bytes
/// before the article, and the stem. `None` when the word has no article
/// after its proclitics, or the stem would be shorter than two letters
/// (`وكاله` is not و + ك + ال + ه).
fn article_parts(w: &str) -> Option<(usize, &str)> {
    for conj in ["", "و", "ف"] {
        let Some(a) = w.strip_prefix(conj) else { continue };
        for prep in ["", "ب", "ك"] {
            let Some(b) = a.strip_prefix(prep) else { continue };
            if let Some(stem) = b.strip_prefix("ال")
                && chars(stem) >= 2
            {
                return Some((conj.len() + prep.len(), stem));
            }
        }
        if let Some(stem) = a.strip_prefix("لل")
            && chars(stem) >= 2
        {
            return Some((conj.len(), stem));
        }
    }
    None
}

/// The word without conjunction (و ف) and without a preposition (ب ل ك) that
/// is glued to an article, article kept: `وبالوزاره` → `الوزاره`, `للمرصد` →
/// `المرصد`, `وزاره` → `وزاره`, `بعثه` → `بعثه`, `وكاله` → `وكاله`.
pub(crate) fn strip_to_article(w: &str) -> std::borrow::Cow<'_, str> {
    match article_parts(w) {
        Some((_, stem)) if w.len() == stem.len() + "ال".len() && w.starts_with("ال") => {
            std::borrow::Cow::Borrowed(w)
        }
        Some((_, stem)) => std::borrow::Cow::Owned(format!("ال{stem}")),
        None => std::borrow::Cow::Borrowed(w),
    }
}

/// The stem of a word: clitics and article removed (`وبالوزاره` → `وزاره`,
/// `للمرصد` → `مرصد`); a word without article stays whole (`بعثه`, `وكاله`).
pub(crate) fn strip_clitics(w: &str) -> &str {
    article_parts(w).map_or(w, |(_, stem)| stem)
}

/// The word without a leading و or ف when at least two letters remain.
pub(crate) fn strip_conj(w: &str) -> &str {
    match w.strip_prefix('و').or_else(|| w.strip_prefix('ف')) {
        Some(r) if chars(r) >= 2 => r,
        _ => w,
    }
}

/// A definite relational adjective (`الاعلامي`, `السوريه`, `الروسيين`):
/// after a one-word name it shows the name is a different body (`النظام
/// الصحي`, `المرصد الاورومتوسطي`).
pub(crate) fn is_definite_nisba(w: &str) -> bool {
    let Some(stem) = w.strip_prefix("ال") else { return false };
    chars(stem) >= 3 && ["ي", "يه", "يين", "يون", "يات"].iter().any(|s| stem.ends_with(s))
}

/// Quotation marks and guillemets (folded, as single punctuation tokens).
pub(crate) fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "'" | "«" | "»" | "“" | "”" | "‘" | "’" | "„" | "‹" | "›" | "`")
}

pub(crate) fn is_comma(w: &str) -> bool {
    matches!(w, "،" | ",")
}

/// The previous token index, skipping quotation marks, inside the document.
pub(crate) fn prev_skipping_quotes(doc: &Document, i: usize) -> Option<usize> {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let t = &doc.tokens[j];
        if t.kind == TokenKind::Punct && is_quote(doc.key(j)) {
            continue;
        }
        return Some(j);
    }
    None
}

/// The next token index at or after `i`, skipping quotation marks.
pub(crate) fn next_skipping_quotes(doc: &Document, i: usize) -> Option<usize> {
    let mut j = i;
    while j < doc.tokens.len() {
        if doc.tokens[j].kind == TokenKind::Punct && is_quote(doc.key(j)) {
            j += 1;
            continue;
        }
        return Some(j);
    }
    None
}

/// Is token `i` an Arabic or Latin word?
pub(crate) fn is_word(doc: &Document, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.is_word())
}

/// A simple Latin transliteration of Arabic (folded) text, for ids of people
/// and bodies that are not in the registry: `رامي عبد الرحمن` →
/// `rami_abd_alrhmn`. Not a romanization standard; only stable and readable.
pub(crate) fn transliterate(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let t = match c {
            'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'ى' => "a",
            'ب' => "b",
            'ت' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' | 'ه' | 'ة' => "h",
            'خ' => "kh",
            'د' => "d",
            'ذ' => "dh",
            'ر' => "r",
            'ز' => "z",
            'س' => "s",
            'ش' => "sh",
            'ص' => "s",
            'ض' => "d",
            'ط' => "t",
            'ظ' => "z",
            'ع' => "a",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'و' | 'ؤ' => "w",
            'ي' | 'ئ' => "y",
            'ء' => "",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            c if c.is_whitespace() || c == '-' || c == '_' => "_",
            _ => "",
        };
        if t == "_" && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push_str(t);
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// The original text of a span with runs of whitespace collapsed to one space
/// and quotation marks removed: the display form of a name found by rule.
pub(crate) fn clean_surface(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_quote(c.encode_utf8(&mut [0; 4])) {
            space = !out.is_empty();
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripping() {
        assert_eq!(strip_clitics("وبالوزاره"), "وزاره");
        assert_eq!(strip_clitics("للمرصد"), "مرصد");
        assert_eq!(strip_clitics("بعثه"), "بعثه");
        assert_eq!(strip_clitics("وكاله"), "وكاله");
        assert_eq!(strip_to_article("وكاله"), "وكاله");
        assert_eq!(strip_to_article("الوكاله"), "الوكاله");
        assert_eq!(strip_to_article("للمرصد"), "المرصد");
        assert_eq!(strip_to_article("وللجيش"), "الجيش");
        assert_eq!(strip_to_article("جيش"), "جيش");
        assert_eq!(strip_conj("وقال"), "قال");
        assert_eq!(strip_conj("وا"), "وا");
    }

    #[test]
    fn two_chars_counts_chars() {
        for w in ["", "a", "ab", "و", "وا", "€", "€a", "😀", "😀😀", "ـ"] {
            assert_eq!(two_chars(w), chars(w) >= 2, "{w}");
        }
    }

    #[test]
    fn nisba() {
        assert!(is_definite_nisba("الاعلامي"));
        assert!(is_definite_nisba("السوريه"));
        assert!(!is_definite_nisba("الغوطه"));
        assert!(!is_definite_nisba("سوري"));
    }

    #[test]
    fn translit_and_surface() {
        assert_eq!(transliterate("هيثم الحسيني"), "hythm_alhsyny");
        assert_eq!(clean_surface("\" أدريان  رانكين \""), "أدريان رانكين");
    }
}
