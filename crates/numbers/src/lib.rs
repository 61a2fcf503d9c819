//! # rasid-numbers: Arabic number phrases
//!
//! Finds every number phrase of a [`Document`] and reads its value, bounds
//! and approximation, keeping the original character span:
//!
//! - digits, Western or Eastern, with thousands separators or decimals
//!   (`13.450` = 13450, `3.5 ألف` = 3500, `1 200` = 1200);
//! - number words in every case and gender, compounds joined by و
//!   (`ثلاثة آلاف وخمسمائة` = 3500), duals (`ألفين`, `مئتين`), and digits with
//!   word multipliers (`25 ألفاً`, `13ألف`, `240 ألفا و381`);
//! - approximation words before or after the number (`نحو`, `أكثر من`,
//!   `ما لا يقل عن`, `على الأقل`), including one that follows the counted noun
//!   (`12 شخصا على الأقل`, reported in [`NumberPhrase::trailing_approx`]);
//! - ranges (`بين 9 و11 ألفا`, `من 5 إلى 10`, `10-15`), percentages
//!   (`70 في المئة`, `%`), the article on digits (`الـ35`), ordinals and
//!   fractions.
//!
//! It does not decide whether a number counts people (that is the figure
//! stage's job, which uses what is reported here), and it never returns the
//! vague plurals (`عشرات`, `آلاف المدنيين`), weekdays (`الاثنين`, `الأحد`) or
//! `أحد` meaning "one of".
//!
//! All word lists are in `data/*.tsv`, compiled once on first use.

mod digits;
mod lexicon;
mod read;

use rasid_model::{Approx, Span};
use rasid_text::Document;
use std::ops::Range;

/// One number phrase found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberPhrase {
    /// Tokens of the whole phrase: preposed approximation words ("نحو", "أكثر من", "ما لا يقل عن",
    /// "بين"), the number (both ends of a range), a percent expression ("في المئة", "بالمئة", "%"),
    /// and postposed approximation words when they directly follow the number ("ألف على الأقل").
    /// It does not include a counted noun, nor separable clitics (و ف ب ل) at the start of the first
    /// token.
    pub tokens: Range<usize>,
    /// Original character span of the phrase; the first token's span is trimmed to start after a
    /// separable proclitic (in "وبنحو 5" the phrase starts at "نحو"; in "و3" at "3").
    pub span: Span,
    /// Tokens of the number itself, without approximation words (for a range: from the first number
    /// to the end of the second).
    pub core: Range<usize>,
    /// Best point value; for a range the midpoint.
    pub value: f64,
    /// Lower bound, with the contract's semantics: exact → value; at_least → value; at_most and
    /// about → None; range → the lower end.
    pub low: Option<f64>,
    /// Upper bound: exact → value; at_most → value; at_least and about → None; range → the upper end.
    pub high: Option<f64>,
    pub approx: Approx,
    pub form: NumberForm,
    /// "في المئة", "بالمائة", "%" etc. were read: `value` is a percentage.
    pub percent: bool,
    /// Written with the article: "ال48", "الـ35", "الثلاثة", "الثامن".
    pub definite: bool,
    /// A postposed approximation ("على الأقل", "تقريبا") that does not directly follow the number but
    /// comes within the next few words of the same clause (after the counted noun: "12 شخصا على
    /// الأقل"): its token range, so the figure stage can extend the span over the noun to it. When set,
    /// `approx` already reflects it.
    pub trailing_approx: Option<Range<usize>>,
    /// Digits that were ambiguous between a decimal and a thousands separator ("13.450"), read as an
    /// integer (13450) because there was no multiplier; the decimal reading is kept here.
    pub decimal_reading: Option<f64>,
}

/// How the number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberForm {
    /// "5218", "١٣٬٤٥٠", "13.450".
    Digits,
    /// "ستين", "ثلاثمئة ألف", "ثلاثة آلاف وخمسمائة", "ألفين".
    Words,
    /// "3.5 ألف", "25 ألفاً", "13ألف", "240 ألفا و381".
    Mixed,
    /// "الثامن", "الثانية", "ثان", "أولى": `value` is the rank. Reported so that other stages can
    /// skip them (figures) or use them (dates: "الثامن من مارس").
    Ordinal,
    /// "ثلثي" (2/3), "ربع", "نصف": `value` is the ratio (0.667), `percent` is false.
    Fraction,
}

/// Every number phrase of the document, in text order, non-overlapping.
pub fn find_numbers(doc: &Document) -> Vec<NumberPhrase> {
    read::Reader::new(doc).find_all()
}

/// Parse one short phrase on its own (a convenience for other stages and tests): the value and
/// approximation of the first number phrase found in `text`.
pub fn parse_number(text: &str) -> Option<(f64, Approx)> {
    let doc = Document::new(text);
    find_numbers(&doc).into_iter().next().map(|p| (p.value, p.approx))
}

#[cfg(test)]
mod tests;
