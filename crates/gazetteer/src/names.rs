//! Name helpers: match keys, spelling variants, clean-up of imported names,
//! identifiers.

use crate::PlaceKind;
use crate::rules::{Gate, rules};
use rasid_lexicon::name_key;
use unicode_normalization::UnicodeNormalization;

/// True if the string has at least one Arabic letter.
pub fn has_arabic(s: &str) -> bool {
    s.chars().any(rasid_text::token::is_arabic_letter)
}

/// An imported Arabic name cleaned for matching: the OCHA disambiguating
/// suffix removed (`اليرموك - دمشق` → `اليرموك`), a leading descriptor
/// removed (`محافظة الحسكة` → `الحسكة`), whitespace collapsed.
pub fn clean_imported(name: &str) -> String {
    let base = match name.split_once(" - ") {
        Some((head, _)) => head,
        None => name,
    };
    let words: Vec<&str> = base.split_whitespace().collect();
    let r = rules();
    let skip =
        usize::from(words.len() > 1 && words.first().is_some_and(|w| r.strip_leading.contains(&name_key(w))));
    words[skip..].join(" ")
}

/// An English name without a bracketed disambiguator (`Duma (Duma)` → `Duma`).
pub fn clean_english(name: &str) -> String {
    let base = match name.find(" (") {
        Some(i) => &name[..i],
        None => name,
    };
    base.trim().to_string()
}

/// The folded match keys of a name: the name itself and the variants news
/// writes for it (`كفر بطنا` ↔ `كفربطنا`).
pub fn keys_of(name: &str) -> Vec<String> {
    let key = name_key(name);
    if key.is_empty() {
        return Vec::new();
    }
    let r = rules();
    let mut out = vec![key.clone()];
    let words: Vec<&str> = key.split(' ').collect();
    if words.len() >= 2 && r.glue_prefixes.iter().any(|p| p == words[0]) {
        out.push(format!("{}{}", words[0], words[1..].join(" ")));
    }
    if words.len() == 1 {
        for p in &r.split_prefixes {
            if let Some(rest) = key.strip_prefix(p.as_str())
                && rest.chars().count() >= 3
            {
                out.push(format!("{p} {rest}"));
            }
        }
    }
    out.dedup();
    out
}

/// Normalised canonical Arabic for comparing two places' names, the way the
/// scorer compares them: folded, a leading `ال` dropped from each word,
/// spaces removed.
pub fn norm_ar(s: &str) -> String {
    name_key(s)
        .split(' ')
        .map(|w| match w.strip_prefix("ال") {
            Some(rest) if rest.chars().count() >= 2 => rest,
            _ => w,
        })
        .collect()
}

/// The gate of a name. Built-in names are free unless the data says
/// otherwise; imported names are gated by their shape, because the OCHA list
/// has thousands of villages named after ordinary words.
pub fn gate_for(key: &str, kind: PlaceKind, builtin: bool) -> Gate {
    let r = rules();
    if let Some(&g) = r.gates.get(key) {
        return g;
    }
    if r.directions.contains(key) {
        return Gate::Never; // `الشمالي`, `الغربية`: directions, never names on their own
    }
    if r.common.contains(key) {
        return Gate::Strong;
    }
    if builtin {
        return Gate::Free;
    }
    if kind == PlaceKind::Neighbourhood {
        return Gate::Strong;
    }
    let words: Vec<&str> = key.split(' ').collect();
    let letters: usize = words.iter().map(|w| w.strip_prefix("ال").unwrap_or(w).chars().count()).sum();
    if letters <= 2 || words.iter().all(|w| r.common.contains(*w)) {
        return Gate::Strong;
    }
    // `تل`, `عين`, `كفر` are how place names start, not ordinary words here.
    let ordinary_word = |w: &&str| r.common.contains(*w) && !r.glue_prefixes.iter().any(|p| p == w);
    if words.len() == 1 || r.person_titles.contains(words[0]) || words.iter().any(ordinary_word) {
        return Gate::Weak;
    }
    Gate::Free
}

/// A snake-case ASCII slug of an English name (`Ḩarastā` → `harasta`).
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.nfd() {
        if c.is_ascii_alphanumeric() {
            if pending && !out.is_empty() {
                out.push('_');
            }
            pending = false;
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii() || c.is_whitespace() {
            pending = true;
        }
        // other non-ASCII (combining marks of decomposed letters): dropped
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_imported_names() {
        assert_eq!(clean_imported("اليرموك - دمشق"), "اليرموك");
        assert_eq!(clean_imported("محافظة الحسكة"), "الحسكة");
        assert_eq!(clean_imported("ناحية مركز الحسكة"), "مركز الحسكة");
        assert_eq!(clean_imported("حي"), "حي");
        assert_eq!(clean_english("Duma (Duma)"), "Duma");
    }

    #[test]
    fn glued_and_spaced_variants() {
        assert!(keys_of("كفر بطنا").contains(&"كفربطنا".to_string()));
        assert!(keys_of("كفرنبل").contains(&"كفر نبل".to_string()));
        assert_eq!(keys_of("دوما"), vec!["دوما".to_string()]);
    }

    #[test]
    fn normalises_like_the_scorer() {
        assert_eq!(norm_ar("الغوطة الشرقية"), norm_ar("غوطة شرقيه"));
        assert_eq!(norm_ar("حماه"), norm_ar("حماة"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Ḩarastā"), "harasta");
        assert_eq!(slug("Kafr Batna (Rural Damascus)"), "kafr_batna_rural_damascus");
        assert_eq!(slug("Dar'a"), "dar_a");
    }

    #[test]
    fn gates_by_shape() {
        assert_eq!(gate_for(&name_key("الكوم"), PlaceKind::Community, false), Gate::Strong);
        assert_eq!(gate_for(&name_key("حندرات"), PlaceKind::Community, false), Gate::Weak);
        assert_eq!(gate_for(&name_key("كتف الغدر"), PlaceKind::Community, false), Gate::Free);
        assert_eq!(gate_for(&name_key("الشيخ علي"), PlaceKind::Community, false), Gate::Strong);
        assert_eq!(gate_for(&name_key("دوما"), PlaceKind::City, true), Gate::Free);
    }
}
