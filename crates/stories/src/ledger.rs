//! The figure ledger of a story: every source's claim about the same count,
//! side by side.
//!
//! ## Claims and copies
//!
//! Every figure of every article of the story is one **claim**, unless it
//! repeats another, in which case it is listed as a **copy** of that claim
//! (so each figure of the input appears exactly once, as a claim or as a
//! copy):
//! - a figure inside a repeated passage (the extraction's `repeats`) is a
//!   copy of the figure at the same place in the earlier passage (same
//!   value and category);
//! - inside one article, a figure with the same category, who, source,
//!   value, bounds and approximation as an earlier one, at a compatible
//!   place and period, is the same claim told twice (a lead and its body);
//! - a near-duplicate article (`dup_of`: the same wire copy in another
//!   outlet, a re-crawl) lists its figures as copies of the matching claims
//!   of its original (same signature, compatible place and period), when
//!   the original is in the story. The original's claim stays the claim.
//!
//! Different outlets relaying one source (two articles quoting the same
//! SOHR toll) are different claims: each is a report the reader may weigh.
//!
//! ## Rows
//!
//! Claims are grouped into **rows** of claims that count the same thing:
//! the same `category` and `who` (a breakdown such as `بينهم 12 طفلا`, who =
//! children, is its own row), compatible places and compatible periods,
//! every claim of a row with every other (complete link, so rows do not
//! chain):
//! - **places** are compatible when equal or one contains the other
//!   ([`crate::places`]: Douma is in Eastern Ghouta; Douma and Harasta are
//!   not compatible); a figure without a place is compatible with any place
//!   (an unplaced toll in a story is most likely the story's toll).
//! - **periods** are compatible when they overlap and are of the same kind:
//!   both short (three days or less), with the shorter at least half the
//!   longer (`on Saturday` and `in the past 48 hours`), or both long
//!   (cumulative, or open at one end) ending within three days of each
//!   other. A daily toll is never in a row with a cumulative one (`منذ 18
//!   شباط` vs `خلال الساعات ال48 الماضية`). A figure without a period is
//!   compatible with any period.
//!
//! Claims are placed most specific first (a town before a region before
//! the country before no place; a period before none); each goes to the
//! compatible row with most claims (the earliest on a tie), or starts a row.
//! A row shows the most specific place and the narrowest period of its
//! claims.
//!
//! ## Range and disagreement
//!
//! `low`/`high` are the smallest lower bound and the largest upper bound
//! across the row's claims (a claim's bounds are its `low`/`high`, or its
//! value); `spread = high − low`. Each claim also admits an interval of
//! true values: `exact` its value (or its bounds), `about` ± [`ABOUT_TOLERANCE`]
//! of it, `at_least` from it up, `at_most` up to it, `range` its bounds.
//! The row has `disagree: true` when no single number fits every claim's
//! interval: `exact 40,000` vs `about 20,000` disagree, `at_least 25` vs
//! `40` do not, `about 70` vs `75` do not.

use std::io::Write;

use rasid_model::{Approx, Extraction, Figure, Period, PlaceRef, Span};
use serde::{Deserialize, Serialize};

use crate::places::PlaceInfo;

/// `about X` admits X ± 15 %.
pub const ABOUT_TOLERANCE: f64 = 0.15;
/// Periods of at most this many days are "short" (a day's or a raid's toll).
pub const SHORT_PERIOD_DAYS: i64 = 3;
/// Long periods in one row end at most this many days apart.
pub const LONG_PERIOD_END_DAYS: i64 = 3;

/// One article of a story, as the ledger reads it.
#[derive(Debug, Clone)]
pub struct LedgerArticle<'a> {
    pub id: String,
    pub outlet: Option<String>,
    pub published: Option<jiff::civil::Date>,
    pub extraction: &'a Extraction,
    /// The original this article near-duplicates, if any.
    pub dup_of: Option<String>,
}

/// Where else a claim was made in the same words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Copy {
    pub article: String,
    pub span: Span,
}

/// One source's figure in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub source: Option<String>,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: Approx,
    pub article: String,
    pub outlet: Option<String>,
    pub span: Span,
    pub copies: Vec<Copy>,
}

/// Claims that count the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub category: Option<String>,
    pub who: Option<String>,
    pub place: Option<PlaceRef>,
    pub period: Option<Period>,
    pub low: f64,
    pub high: f64,
    pub spread: f64,
    pub disagree: bool,
    pub claims: Vec<Claim>,
}

/// The ledger of one story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub story: i64,
    pub rows: Vec<Row>,
}

/// A figure with what the grouping needs.
struct Item<'a> {
    article: usize,
    figure: &'a Figure,
    place: Option<PlaceInfo>,
    period: Option<Interval>,
    /// `Some(i)`: a copy of item `i`.
    copy_of: Option<usize>,
}

/// A period as days, open ends at the extremes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Interval {
    from: i64,
    to: i64,
}

impl Interval {
    fn of(p: &Period) -> Option<Interval> {
        let day = |s: &Option<String>| {
            s.as_deref().and_then(crate::parse_published).map(|d| i64::from(crate::day_number(d)))
        };
        match (day(&p.from), day(&p.to)) {
            (None, None) => None,
            (f, t) => {
                let (from, to) = (f.unwrap_or(i64::MIN), t.unwrap_or(i64::MAX));
                Some(if from <= to { Interval { from, to } } else { Interval { from: to, to: from } })
            }
        }
    }

    fn days(&self) -> i64 {
        self.to.saturating_sub(self.from).saturating_add(1)
    }

    fn is_short(&self) -> bool {
        self.days() <= SHORT_PERIOD_DAYS
    }

    fn compatible(&self, other: &Interval) -> bool {
        let overlap = self.from <= other.to && other.from <= self.to;
        if !overlap {
            return false;
        }
        match (self.is_short(), other.is_short()) {
            (true, true) => {
                let (a, b) = (self.days(), other.days());
                2 * a.min(b) >= a.max(b)
            }
            (false, false) => self.to.abs_diff(other.to) <= LONG_PERIOD_END_DAYS as u64,
            _ => false,
        }
    }
}

fn places_compatible(a: &Option<PlaceInfo>, b: &Option<PlaceInfo>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.compatible(b),
        _ => true,
    }
}

fn periods_compatible(a: &Option<Interval>, b: &Option<Interval>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.compatible(b),
        _ => true,
    }
}

fn same_number(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

fn same_bound(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => same_number(x, y),
        (None, None) => true,
        _ => false,
    }
}

/// Same category, who, source, value, bounds and approximation.
fn same_signature(a: &Figure, b: &Figure) -> bool {
    a.category == b.category
        && a.who == b.who
        && a.source == b.source
        && a.approx == b.approx
        && same_number(a.value, b.value)
        && same_bound(a.low, b.low)
        && same_bound(a.high, b.high)
}

impl Item<'_> {
    /// Could this and `other` be one claim told twice?
    fn same_claim(&self, other: &Item) -> bool {
        same_signature(self.figure, other.figure)
            && places_compatible(&self.place, &other.place)
            && periods_compatible(&self.period, &other.period)
    }

    /// Could this and `other` count the same thing?
    fn same_row(&self, other: &Item) -> bool {
        self.figure.category == other.figure.category
            && self.figure.who == other.figure.who
            && places_compatible(&self.place, &other.place)
            && periods_compatible(&self.period, &other.period)
    }
}

/// The values a claim admits.
fn admitted(f: &Figure) -> (f64, f64) {
    let v = f.value;
    match f.approx {
        Approx::Exact | Approx::Range => (f.low.unwrap_or(v), f.high.unwrap_or(v)),
        Approx::About => {
            let (lo, hi) = (v * (1.0 - ABOUT_TOLERANCE), v * (1.0 + ABOUT_TOLERANCE));
            (f.low.map_or(lo, |l| l.min(lo)), f.high.map_or(hi, |h| h.max(hi)))
        }
        Approx::AtLeast => (f.low.unwrap_or(v), f.high.unwrap_or(f64::INFINITY)),
        Approx::AtMost => (f.low.unwrap_or(f64::NEG_INFINITY), f.high.unwrap_or(v)),
    }
}

/// The ledger of story `story` over its articles. Articles are read in the
/// order given (the corpus gives them in publication order); a `dup_of`
/// naming an article outside `articles` is ignored.
pub fn ledger(story: i64, articles: &[LedgerArticle]) -> Ledger {
    let mut items: Vec<Item> = Vec::new();
    // index of the first item of each article
    let mut first_item = Vec::with_capacity(articles.len());
    for (a, art) in articles.iter().enumerate() {
        first_item.push(items.len());
        let x = art.extraction;
        for f in &x.figures {
            items.push(Item {
                article: a,
                figure: f,
                place: f.place.as_ref().map(|p| PlaceInfo::resolve(p, x)),
                period: f.period.as_ref().and_then(Interval::of),
                copy_of: None,
            });
        }
    }
    first_item.push(items.len());

    // 1. repeats and claims told twice inside one article
    for (a, art) in articles.iter().enumerate() {
        let range = first_item[a]..first_item[a + 1];
        for i in range.clone() {
            let span = items[i].figure.span;
            let in_repeat =
                art.extraction.repeats.iter().filter(|r| r.span.contains(&span) && r.span != r.repeats);
            let mut target = None;
            for r in in_repeat {
                let offset = span.start.saturating_sub(r.span.start);
                let expected = r.repeats.start.saturating_add(offset);
                target = range
                    .clone()
                    // the earlier passage: copies point backwards, so they never form a cycle
                    .filter(|&j| j < i && r.repeats.contains(&items[j].figure.span))
                    .filter(|&j| {
                        same_number(items[j].figure.value, items[i].figure.value)
                            && items[j].figure.category == items[i].figure.category
                    })
                    .min_by_key(|&j| (items[j].figure.span.start.abs_diff(expected), j));
                if target.is_some() {
                    break;
                }
            }
            let target = target.or_else(|| {
                (range.start..i).find(|&j| items[j].copy_of.is_none() && items[j].same_claim(&items[i]))
            });
            if let Some(t) = target {
                items[i].copy_of = Some(t);
            }
        }
    }
    resolve_roots(&mut items);

    // 2. near-duplicate articles: copies of their original's claims
    let index_of = |id: &str| articles.iter().position(|a| a.id == id);
    for a in 0..articles.len() {
        let Some(orig) = original_of(a, articles, &index_of) else { continue };
        let mut taken = vec![false; items.len()];
        for i in first_item[a]..first_item[a + 1] {
            if items[i].copy_of.is_some() {
                continue;
            }
            let m = (first_item[orig]..first_item[orig + 1])
                .find(|&j| !taken[j] && items[j].copy_of.is_none() && items[j].same_claim(&items[i]));
            if let Some(j) = m {
                taken[j] = true;
                items[i].copy_of = Some(j);
                for item in items.iter_mut() {
                    if item.copy_of == Some(i) {
                        item.copy_of = Some(j);
                    }
                }
            }
        }
    }
    resolve_roots(&mut items);

    // 3. rows, most specific claims first
    let mut originals: Vec<usize> = (0..items.len()).filter(|&i| items[i].copy_of.is_none()).collect();
    originals.sort_by_key(|&i| {
        let it = &items[i];
        (
            std::cmp::Reverse(it.place.as_ref().map_or(0, PlaceInfo::rank)),
            it.period.is_none(),
            it.period.map_or(i64::MAX, |p| p.days()),
            i,
        )
    });
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for i in originals {
        let best = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.iter().all(|&j| items[j].same_row(&items[i])))
            .max_by(|(ra, a), (rb, b)| a.len().cmp(&b.len()).then(rb.cmp(ra)))
            .map(|(k, _)| k);
        match best {
            Some(k) => rows[k].push(i),
            None => rows.push(vec![i]),
        }
    }

    let mut out: Vec<Row> = rows
        .into_iter()
        .map(|mut members| {
            members.sort_unstable();
            build_row(&members, &items, articles)
        })
        .collect();
    let rank = |c: &Option<String>| {
        c.as_deref()
            .and_then(|c| rasid_model::CATEGORIES.iter().position(|k| *k == c))
            .unwrap_or(rasid_model::CATEGORIES.len())
    };
    // stable: rows were built in order of first appearance of their claims
    out.sort_by(|a, b| rank(&a.category).cmp(&rank(&b.category)).then(b.claims.len().cmp(&a.claims.len())));
    Ledger { story, rows: out }
}

/// The original of article `a` inside the story, following `dup_of` (at
/// most as many steps as there are articles, so a cycle cannot hang).
fn original_of(
    a: usize,
    articles: &[LedgerArticle],
    index_of: &impl Fn(&str) -> Option<usize>,
) -> Option<usize> {
    let mut at = a;
    let mut steps = 0;
    while let Some(next) = articles[at].dup_of.as_deref().and_then(index_of) {
        if next == a || steps > articles.len() {
            break;
        }
        at = next;
        steps += 1;
    }
    (at != a).then_some(at)
}

/// Point every copy at a claim (an item that is not itself a copy).
fn resolve_roots(items: &mut [Item]) {
    for i in 0..items.len() {
        let mut at = i;
        let mut steps = 0;
        while let Some(next) = items[at].copy_of {
            if next == i || steps > items.len() {
                break;
            }
            at = next;
            steps += 1;
        }
        items[i].copy_of = if at == i { None } else { Some(at) };
    }
}

fn build_row(members: &[usize], items: &[Item], articles: &[LedgerArticle]) -> Row {
    let first = &items[members[0]];
    let claims: Vec<Claim> = members
        .iter()
        .map(|&i| {
            let it = &items[i];
            let f = it.figure;
            let art = &articles[it.article];
            let copies = items
                .iter()
                .filter(|c| c.copy_of == Some(i))
                .map(|c| Copy { article: articles[c.article].id.clone(), span: c.figure.span })
                .collect();
            Claim {
                source: f.source.clone(),
                value: f.value,
                low: f.low,
                high: f.high,
                approx: f.approx,
                article: art.id.clone(),
                outlet: art.outlet.clone(),
                span: f.span,
                copies,
            }
        })
        .collect();
    let place = members
        .iter()
        .filter_map(|&i| Some((items[i].place.as_ref()?.rank(), items[i].figure.place.as_ref()?)))
        .fold(None::<(u8, &PlaceRef)>, |best, (r, p)| match best {
            Some((br, _)) if br >= r => best,
            _ => Some((r, p)),
        })
        .map(|(_, p)| p.clone());
    let period = members
        .iter()
        .filter_map(|&i| Some((items[i].period?.days(), items[i].figure.period.as_ref()?)))
        .fold(None::<(i64, &Period)>, |best, (d, p)| match best {
            Some((bd, _)) if bd <= d => best,
            _ => Some((d, p)),
        })
        .map(|(_, p)| p.clone());
    let finite = |x: f64| x.is_finite().then_some(x);
    let low = members
        .iter()
        .filter_map(|&i| finite(items[i].figure.low.unwrap_or(items[i].figure.value)))
        .fold(f64::NAN, f64::min);
    let high = members
        .iter()
        .filter_map(|&i| finite(items[i].figure.high.unwrap_or(items[i].figure.value)))
        .fold(f64::NAN, f64::max);
    let (lo, hi) = members
        .iter()
        .map(|&i| admitted(items[i].figure))
        .filter(|(l, h)| !l.is_nan() && !h.is_nan())
        .fold((f64::NEG_INFINITY, f64::INFINITY), |(l, h), (a, b)| (l.max(a.min(b)), h.min(a.max(b))));
    Row {
        category: first.figure.category.clone(),
        who: first.figure.who.clone(),
        place,
        period,
        low,
        high,
        spread: high - low,
        disagree: lo > hi,
        claims,
    }
}

impl Ledger {
    /// The CSV form: a header, then one line per claim with its row's keys.
    pub fn write_csv<W: Write>(&self, mut w: W) -> std::io::Result<()> {
        writeln!(
            w,
            "story,row,category,who,place_ar,place_en,period_from,period_to,row_low,row_high,spread,disagree,\
             source,value,low,high,approx,article,outlet,span_start,span_end,copies"
        )?;
        for (r, row) in self.rows.iter().enumerate() {
            for c in &row.claims {
                let copies: Vec<String> = c
                    .copies
                    .iter()
                    .map(|k| format!("{}@{}-{}", k.article, k.span.start, k.span.end))
                    .collect();
                let fields = [
                    self.story.to_string(),
                    (r + 1).to_string(),
                    opt(&row.category),
                    opt(&row.who),
                    row.place.as_ref().map_or(String::new(), |p| p.ar.clone()),
                    row.place.as_ref().map_or(String::new(), |p| p.en.clone()),
                    row.period.as_ref().and_then(|p| p.from.clone()).unwrap_or_default(),
                    row.period.as_ref().and_then(|p| p.to.clone()).unwrap_or_default(),
                    num(row.low),
                    num(row.high),
                    num(row.spread),
                    row.disagree.to_string(),
                    opt(&c.source),
                    num(c.value),
                    c.low.map(num).unwrap_or_default(),
                    c.high.map(num).unwrap_or_default(),
                    c.approx.as_str().to_string(),
                    c.article.clone(),
                    opt(&c.outlet),
                    c.span.start.to_string(),
                    c.span.end.to_string(),
                    copies.join(";"),
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(w, "{}", line.join(","))?;
            }
        }
        Ok(())
    }

    /// The CSV form as a string.
    pub fn to_csv(&self) -> String {
        let mut out = Vec::new();
        // writing to a Vec cannot fail
        let _ = self.write_csv(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// Numbers as written in JSON: integers without a fraction.
fn num(x: f64) -> String {
    if !x.is_finite() {
        String::new()
    } else if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// RFC 4180 quoting.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasid_model::{ArticleMeta, Mention, Repeat};

    /// Places the hand-made articles mention: (id, ar, en, admin).
    const PLACES: &[(&str, &str, &str, Option<&str>)] = &[
        ("douma", "دوما", "Douma", Some("ريف دمشق")),
        ("harasta", "حرستا", "Harasta", Some("ريف دمشق")),
        ("eastern_ghouta", "الغوطة الشرقية", "Eastern Ghouta", Some("ريف دمشق")),
    ];

    struct F {
        at: usize,
        value: f64,
        approx: Approx,
        category: &'static str,
        who: &'static str,
        place: Option<&'static str>,
        source: &'static str,
        period: Option<(&'static str, &'static str)>,
    }

    fn f(at: usize, value: f64, approx: Approx, category: &'static str, source: &'static str) -> F {
        F { at, value, approx, category, who: "people", place: None, source, period: None }
    }

    impl F {
        fn at_place(mut self, en: &'static str) -> F {
            self.place = Some(en);
            self
        }
        fn during(mut self, from: &'static str, to: &'static str) -> F {
            self.period = Some((from, to));
            self
        }
        fn who(mut self, who: &'static str) -> F {
            self.who = who;
            self
        }
    }

    fn extraction(id: &str, figures: Vec<F>) -> Extraction {
        let meta = ArticleMeta { id: id.into(), language: "ar".into(), ..ArticleMeta::default() };
        let mut x = Extraction::empty(meta);
        for (i, (pid, ar, en, admin)) in PLACES.iter().enumerate() {
            x.places.push(Mention {
                span: Span::new(1000 + i * 10, 1005 + i * 10),
                text: (*ar).into(),
                id: (*pid).into(),
                ar: (*ar).into(),
                en: (*en).into(),
                kind: "place".into(),
                lat: None,
                lon: None,
                admin: admin.map(Into::into),
            });
        }
        for g in figures {
            let place = g.place.and_then(|en| PLACES.iter().find(|p| p.2 == en));
            x.figures.push(Figure {
                span: Span::new(g.at, g.at + 8),
                text: String::new(),
                value: g.value,
                low: None,
                high: None,
                approx: g.approx,
                category: Some(g.category.into()),
                who: Some(g.who.into()),
                place: place.map(|p| PlaceRef { ar: p.1.into(), en: p.2.into() }),
                destination: None,
                source: Some(g.source.into()),
                period: g.period.map(|(a, b)| Period { from: Some(a.into()), to: Some(b.into()) }),
            });
        }
        x
    }

    fn article<'a>(id: &str, x: &'a Extraction, dup_of: Option<&str>) -> LedgerArticle<'a> {
        LedgerArticle {
            id: id.into(),
            outlet: Some(format!("outlet of {id}")),
            published: None,
            extraction: x,
            dup_of: dup_of.map(Into::into),
        }
    }

    fn values(row: &Row) -> Vec<f64> {
        row.claims.iter().map(|c| c.value).collect()
    }

    #[test]
    fn tolls_of_one_attack_from_different_sources_share_a_row() {
        let a = extraction(
            "a",
            vec![
                f(10, 47.0, Approx::Exact, "killed", "medical_source")
                    .at_place("Douma")
                    .during("2018-04-07", "2018-04-07"),
            ],
        );
        let b = extraction(
            "b",
            vec![
                f(20, 70.0, Approx::AtLeast, "killed", "sohr")
                    .at_place("Eastern Ghouta")
                    .during("2018-04-07", "2018-04-07"),
            ],
        );
        let c = extraction("c", vec![f(30, 150.0, Approx::Exact, "killed", "activists")]);
        let l = ledger(7, &[article("a", &a, None), article("b", &b, None), article("c", &c, None)]);
        assert_eq!(l.story, 7);
        assert_eq!(l.rows.len(), 1);
        let row = &l.rows[0];
        assert_eq!(values(row), vec![47.0, 70.0, 150.0]);
        assert_eq!(row.place.as_ref().map(|p| p.en.as_str()), Some("Douma"), "the most specific place");
        assert_eq!((row.low, row.high, row.spread), (47.0, 150.0, 103.0));
        assert!(row.disagree);
    }

    fn disagree(a: (f64, Approx), b: (f64, Approx)) -> bool {
        let x =
            extraction("x", vec![f(0, a.0, a.1, "displaced", "un"), f(50, b.0, b.1, "displaced", "sohr")]);
        let l = ledger(1, &[article("x", &x, None)]);
        assert_eq!(l.rows.len(), 1);
        l.rows[0].disagree
    }

    #[test]
    fn disagreement_is_beyond_stated_approximations() {
        assert!(disagree((40_000.0, Approx::Exact), (20_000.0, Approx::About)));
        assert!(!disagree((25.0, Approx::AtLeast), (40.0, Approx::Exact)));
        assert!(!disagree((70.0, Approx::About), (75.0, Approx::Exact)));
        assert!(disagree((100.0, Approx::AtMost), (150.0, Approx::Exact)));
        assert!(disagree((47.0, Approx::Exact), (48.0, Approx::Exact)));
        assert!(!disagree((5000.0, Approx::AtLeast), (7000.0, Approx::About)));
    }

    #[test]
    fn ranges_admit_their_bounds() {
        let mut x = extraction(
            "x",
            vec![f(0, 15.0, Approx::Range, "killed", "un"), f(50, 19.0, Approx::Exact, "killed", "sohr")],
        );
        x.figures[0].low = Some(10.0);
        x.figures[0].high = Some(20.0);
        let l = ledger(1, &[article("x", &x, None)]);
        assert_eq!(l.rows.len(), 1);
        assert!(!l.rows[0].disagree);
        assert_eq!((l.rows[0].low, l.rows[0].high), (10.0, 20.0));
    }

    #[test]
    fn cumulative_and_daily_tolls_are_not_mixed() {
        let x = extraction(
            "x",
            vec![
                f(0, 1100.0, Approx::Exact, "killed", "sohr").during("2018-02-18", "2018-03-11"),
                f(40, 40.0, Approx::Exact, "killed", "sohr").during("2018-03-10", "2018-03-11"),
                f(80, 35.0, Approx::About, "killed", "civil_defence").during("2018-03-11", "2018-03-11"),
                f(120, 1150.0, Approx::About, "killed", "un").during("2018-02-18", "2018-03-12"),
            ],
        );
        let l = ledger(1, &[article("x", &x, None)]);
        let rows: Vec<Vec<f64>> = l.rows.iter().map(values).collect();
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows.contains(&vec![40.0, 35.0]));
        assert!(rows.contains(&vec![1100.0, 1150.0]));
    }

    #[test]
    fn separate_days_and_separate_towns_are_separate_rows() {
        let x = extraction(
            "x",
            vec![
                f(0, 40.0, Approx::About, "killed", "sohr")
                    .at_place("Douma")
                    .during("2018-04-06", "2018-04-06"),
                f(40, 30.0, Approx::Exact, "killed", "sohr")
                    .at_place("Douma")
                    .during("2018-04-07", "2018-04-07"),
                f(80, 12.0, Approx::Exact, "killed", "sohr")
                    .at_place("Harasta")
                    .during("2018-04-07", "2018-04-07"),
            ],
        );
        assert_eq!(ledger(1, &[article("x", &x, None)]).rows.len(), 3);
    }

    #[test]
    fn a_breakdown_is_its_own_row() {
        let x = extraction(
            "x",
            vec![
                f(0, 80.0, Approx::Exact, "killed", "sohr"),
                f(30, 12.0, Approx::Exact, "killed", "sohr").who("children"),
            ],
        );
        let l = ledger(1, &[article("x", &x, None)]);
        assert_eq!(l.rows.len(), 2);
        assert_eq!(l.rows[1].who.as_deref(), Some("children"));
        assert!(!l.rows.iter().any(|r| r.disagree));
    }

    #[test]
    fn a_repeated_passage_is_one_claim_with_a_copy() {
        let mut x = extraction(
            "x",
            vec![
                f(110, 40.0, Approx::Exact, "killed", "outlet"),
                f(520, 40.0, Approx::Exact, "killed", "outlet"),
            ],
        );
        x.repeats.push(Repeat { span: Span::new(500, 560), repeats: Span::new(90, 150), kind: None });
        // a different source in the same words outside any repeat stays its own claim
        x.figures.push(Figure {
            source: Some("sohr".into()),
            span: Span::new(700, 708),
            ..x.figures[0].clone()
        });
        let l = ledger(1, &[article("x", &x, None)]);
        assert_eq!(l.rows.len(), 1);
        let claims = &l.rows[0].claims;
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].span, Span::new(110, 118));
        assert_eq!(claims[0].copies, vec![Copy { article: "x".into(), span: Span::new(520, 528) }]);
        assert!(claims[1].copies.is_empty());
    }

    #[test]
    fn the_same_claim_told_twice_in_an_article_is_one_claim() {
        let x = extraction(
            "x",
            vec![
                f(0, 47.0, Approx::Exact, "killed", "medical_source")
                    .at_place("Eastern Ghouta")
                    .during("2018-04-07", "2018-04-07"),
                f(200, 47.0, Approx::Exact, "killed", "medical_source").at_place("Douma"),
            ],
        );
        let l = ledger(1, &[article("x", &x, None)]);
        assert_eq!(l.rows[0].claims.len(), 1);
        assert_eq!(l.rows[0].claims[0].copies.len(), 1);
    }

    #[test]
    fn a_wire_copy_in_another_outlet_is_listed_as_copies() {
        let a = extraction(
            "a",
            vec![f(10, 29.0, Approx::Exact, "killed", "sohr"), f(60, 35.0, Approx::Exact, "injured", "sohr")],
        );
        // the copy changed one number: that one is a claim of its own
        let b = extraction(
            "b",
            vec![f(12, 29.0, Approx::Exact, "killed", "sohr"), f(62, 40.0, Approx::Exact, "injured", "sohr")],
        );
        let l = ledger(1, &[article("a", &a, None), article("b", &b, Some("a"))]);
        let killed = l.rows.iter().find(|r| r.category.as_deref() == Some("killed")).expect("killed row");
        assert_eq!(killed.claims.len(), 1);
        assert_eq!(killed.claims[0].article, "a");
        assert_eq!(killed.claims[0].copies, vec![Copy { article: "b".into(), span: Span::new(12, 20) }]);
        let injured = l.rows.iter().find(|r| r.category.as_deref() == Some("injured")).expect("injured row");
        assert_eq!(values(injured), vec![35.0, 40.0]);
        // a dup_of naming an article outside the story, or a cycle, is harmless
        let l = ledger(1, &[article("a", &a, Some("b")), article("b", &b, Some("a"))]);
        let n: usize = l.rows.iter().flat_map(|r| &r.claims).map(|c| 1 + c.copies.len()).sum();
        assert_eq!(n, 4);
    }

    #[test]
    fn json_has_the_contract_shape() {
        let x = extraction(
            "x",
            vec![f(0, 40_000.0, Approx::AtLeast, "displaced", "syrian_un_envoy").who("civilians")],
        );
        let v = serde_json::to_value(ledger(3, &[article("x", &x, None)])).expect("json");
        let keys = |v: &serde_json::Value| -> Vec<String> {
            let mut k: Vec<String> = v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
            k.sort();
            k
        };
        assert_eq!(keys(&v), ["rows", "story"]);
        assert_eq!(
            keys(&v["rows"][0]),
            ["category", "claims", "disagree", "high", "low", "period", "place", "spread", "who"]
        );
        assert_eq!(
            keys(&v["rows"][0]["claims"][0]),
            ["approx", "article", "copies", "high", "low", "outlet", "source", "span", "value"]
        );
        assert_eq!(v["rows"][0]["claims"][0]["span"], serde_json::json!([0, 8]));
        assert_eq!(v["rows"][0]["claims"][0]["approx"], "at_least");
    }

    #[test]
    fn csv_has_one_line_per_claim_with_its_row() {
        let a = extraction(
            "a",
            vec![f(0, 40_000.0, Approx::AtLeast, "displaced", "syrian_un_envoy").at_place("Eastern Ghouta")],
        );
        let b = extraction(
            "b,2",
            vec![f(5, 20_000.0, Approx::About, "displaced", "sohr").at_place("Eastern Ghouta")],
        );
        let csv = ledger(9, &[article("a", &a, None), article("b,2", &b, None)]).to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("story,row,category,who,place_ar,place_en,"));
        assert_eq!(
            lines[1],
            "9,1,displaced,people,الغوطة الشرقية,Eastern Ghouta,,,20000,40000,20000,true,\
             syrian_un_envoy,40000,,,at_least,a,outlet of a,0,8,"
        );
        assert!(lines[2].contains(",\"b,2\",\"outlet of b,2\","), "{}", lines[2]);
    }
}
