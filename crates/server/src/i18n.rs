//! The interface languages and their strings (`i18n/ar.toml`, `i18n/en.toml`).
//!
//! Arabic is the default. The strings are data files, embedded in the binary
//! and parsed once when the app starts: a missing key is found by a test, not
//! by a user.

use std::collections::BTreeMap;

use crate::ServerError;

const AR: &str = include_str!("../i18n/ar.toml");
const EN: &str = include_str!("../i18n/en.toml");

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ar,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// Text direction of the interface.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ar => Lang::En,
            Lang::En => Lang::Ar,
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" => Some(Lang::Ar),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Sections (`ui`, `category`, `who`, …) → key → text.
pub type Table = BTreeMap<String, BTreeMap<String, String>>;

/// The strings of both languages.
#[derive(Debug, Clone)]
pub struct Strings {
    ar: Table,
    en: Table,
}

fn parse(name: &str, text: &str) -> Result<Table, ServerError> {
    toml::from_str(text).map_err(|e| ServerError::Ui(format!("i18n/{name}: {e}")))
}

impl Strings {
    pub fn load() -> Result<Strings, ServerError> {
        Ok(Strings { ar: parse("ar.toml", AR)?, en: parse("en.toml", EN)? })
    }

    pub fn table(&self, lang: Lang) -> &Table {
        match lang {
            Lang::Ar => &self.ar,
            Lang::En => &self.en,
        }
    }

    /// The text of `section.key`, if the language has it.
    pub fn lookup(&self, lang: Lang, section: &str, key: &str) -> Option<&str> {
        self.table(lang).get(section)?.get(key).map(String::as_str)
    }

    /// The text of `ui.key`; the key itself when missing (visible, not fatal).
    pub fn ui<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.lookup(lang, "ui", key).unwrap_or(key)
    }

    /// A label for a data value (`category`, `who`, `approx`, `kind`):
    /// the translation when there is one, else the value as stored.
    pub fn label<'a>(&'a self, lang: Lang, section: &str, value: &'a str) -> &'a str {
        self.lookup(lang, section, value).unwrap_or(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_keys() {
        let s = Strings::load().expect("i18n files parse");
        let keys = |t: &Table| -> Vec<String> {
            t.iter().flat_map(|(sec, m)| m.keys().map(move |k| format!("{sec}.{k}"))).collect()
        };
        assert_eq!(keys(&s.ar), keys(&s.en));
        assert!(s.ar.values().flat_map(|m| m.values()).all(|v| !v.trim().is_empty()));
        assert_eq!(s.ui(Lang::Ar, "nav_stories"), "القصص");
        assert_eq!(s.label(Lang::En, "category", "killed"), "killed");
        assert_eq!(s.label(Lang::Ar, "category", "no_such"), "no_such");
    }

    #[test]
    fn languages_parse_and_switch() {
        assert_eq!(Lang::parse("EN"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::Ar.other(), Lang::En);
        assert_eq!(Lang::default().dir(), "rtl");
    }
}
