//! From corpus data to what the pages show: filters, story cards, the ledger
//! table, charts, the map, the highlighted article and search hits. Every
//! field here is a display string (escaped by the templates) except the
//! `*_html` / `*_svg` ones, which are built from escaped parts by
//! [`crate::highlight`], [`crate::svg`] and [`snippet_html`].

use jiff::civil::Date;
use rasid_corpus::{DayRange, SearchQuery, StorySummary};
use rasid_model::{Approx, Extraction, Span};
use rasid_store::{EntityCount, StoredArticle};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

use crate::App;
use crate::failure::{Failure, internal};
use crate::format;
use crate::highlight::{self, Kind, Mark};
use crate::html::{escape_into, url_component};
use crate::i18n::{Lang, Strings};
use crate::pages::FilterParams;
use crate::svg;

/// Stories listed on the home page.
pub const STORIES_SHOWN: usize = 60;
/// Stories fetched to filter by place, actor or outlet in memory.
pub const STORIES_SCANNED: usize = 2_000;
/// Stories drawn on the timeline.
const TIMELINE_STORIES: usize = 30;
/// Ledger rows charted on a story page (the rows with the most claims).
const CHARTS: usize = 6;
/// Hits per search page.
pub const HITS_PER_PAGE: usize = 20;

// ---- filters ---------------------------------------------------------------

/// The filters of the stories and search pages, parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub q: String,
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub place: Option<String>,
    pub actor: Option<String>,
    pub outlet: Option<String>,
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn parse_date(name: &str, s: &Option<String>) -> Result<Option<Date>, String> {
    match non_empty(s) {
        None => Ok(None),
        Some(v) => {
            v.parse::<Date>().map(Some).map_err(|_| format!("'{name}' must be a date YYYY-MM-DD, not '{v}'"))
        }
    }
}

impl Filters {
    /// Strict (the API): a bad date is an error.
    pub fn parse(p: &FilterParams) -> Result<Filters, String> {
        Ok(Filters {
            q: non_empty(&p.q).unwrap_or_default(),
            from: parse_date("from", &p.from)?,
            to: parse_date("to", &p.to)?,
            place: non_empty(&p.place),
            actor: non_empty(&p.actor),
            outlet: non_empty(&p.outlet),
        })
    }

    /// Lenient (the pages): a bad date is dropped and reported.
    pub fn parse_lenient(p: &FilterParams) -> (Filters, Vec<String>) {
        let mut notices = Vec::new();
        let mut date = |name: &str, s: &Option<String>| {
            parse_date(name, s).unwrap_or_else(|e| {
                notices.push(e);
                None
            })
        };
        let from = date("from", &p.from);
        let to = date("to", &p.to);
        let f = Filters {
            q: non_empty(&p.q).unwrap_or_default(),
            from,
            to,
            place: non_empty(&p.place),
            actor: non_empty(&p.actor),
            outlet: non_empty(&p.outlet),
        };
        (f, notices)
    }

    pub fn days(&self) -> DayRange {
        DayRange { from: self.from.map(|d| d.to_string()), to: self.to.map(|d| d.to_string()) }
    }

    /// Whether stories must be filtered in memory (place, actor, outlet).
    pub fn needs_scan(&self) -> bool {
        self.place.is_some() || self.actor.is_some() || self.outlet.is_some()
    }

    pub fn search_query(&self, limit: usize, offset: usize) -> SearchQuery {
        SearchQuery {
            text: self.q.clone(),
            outlet: self.outlet.clone(),
            from: self.from,
            to: self.to,
            place: self.place.clone(),
            actor: self.actor.clone(),
            limit,
            offset,
        }
    }

    /// Whether a story passes the place, actor and outlet filters. Names are
    /// compared folded (`إدلب` = `ادلب`), by id, canonical Arabic or English,
    /// and a filter matches a name that contains it (`إدلب` ⊂ `ريف إدلب`).
    pub fn keeps(&self, s: &StorySummary) -> bool {
        let entity = |list: &[EntityCount], want: &Option<String>| match want {
            None => true,
            Some(w) => {
                let w = fold(w);
                list.iter().any(|e| [&e.id, &e.ar, &e.en].iter().any(|n| fold(n).contains(&w)))
            }
        };
        let outlet = match &self.outlet {
            None => true,
            Some(o) => {
                let o = fold(o);
                s.outlets.iter().any(|x| fold(x).contains(&o))
            }
        };
        outlet && entity(&s.top_places, &self.place) && entity(&s.top_actors, &self.actor)
    }

    /// URL query of these filters (for pagination links).
    fn query_string(&self) -> String {
        let mut parts = Vec::new();
        let mut add = |k: &str, v: &str| {
            if !v.is_empty() {
                parts.push(format!("{k}={}", url_component(v)));
            }
        };
        add("q", &self.q);
        add("from", &self.from.map(|d| d.to_string()).unwrap_or_default());
        add("to", &self.to.map(|d| d.to_string()).unwrap_or_default());
        add("place", self.place.as_deref().unwrap_or(""));
        add("actor", self.actor.as_deref().unwrap_or(""));
        add("outlet", self.outlet.as_deref().unwrap_or(""));
        parts.join("&")
    }
}

/// Folded for comparison: the reading layer's key, lower-cased for Latin.
fn fold(s: &str) -> String {
    rasid_text::key(s).to_lowercase()
}

/// What the filter form shows.
#[derive(Debug, Serialize)]
pub struct FiltersView {
    action: &'static str,
    with_query: bool,
    q: String,
    from: String,
    to: String,
    place: String,
    actor: String,
    outlet: String,
    outlets: Vec<String>,
}

fn filters_view(f: &Filters, action: &'static str, with_query: bool, outlets: Vec<String>) -> FiltersView {
    FiltersView {
        action,
        with_query,
        q: f.q.clone(),
        from: f.from.map(|d| d.to_string()).unwrap_or_default(),
        to: f.to.map(|d| d.to_string()).unwrap_or_default(),
        place: f.place.clone().unwrap_or_default(),
        actor: f.actor.clone().unwrap_or_default(),
        outlet: f.outlet.clone().unwrap_or_default(),
        outlets,
    }
}

// ---- labels ----------------------------------------------------------------

/// Display name of an entity in the interface language.
fn entity_name(lang: Lang, ar: &str, en: &str) -> String {
    let (first, second) = if lang == Lang::Ar { (ar, en) } else { (en, ar) };
    if first.trim().is_empty() { second.to_string() } else { first.to_string() }
}

/// Names of actors met in the articles at hand (id → Arabic, English): a
/// source id that is not in the built-in registry (a local council found in
/// the text) is named as the text named it.
pub type Names = HashMap<String, (String, String)>;

/// [`Names`] from actor mentions.
pub fn names_of<'a>(mentions: impl IntoIterator<Item = &'a rasid_model::Mention>) -> Names {
    mentions.into_iter().map(|m| (m.id.clone(), (m.ar.clone(), m.en.clone()))).collect()
}

/// A figure's source as people read it: the registry's name for an
/// attribution id (else the name the articles gave it), the outlet itself
/// for `outlet` (the article's own voice).
pub fn source_label(
    strings: &Strings,
    lang: Lang,
    source: Option<&str>,
    outlet: Option<&str>,
    names: &Names,
) -> String {
    match source {
        None | Some("") => strings.ui(lang, "unknown_source").to_string(),
        Some("outlet") => match outlet {
            Some(o) if !o.trim().is_empty() => o.to_string(),
            _ => strings.ui(lang, "own_reporting").to_string(),
        },
        Some(id) => match rasid_actors::Registry::builtin().actor(id) {
            Some(a) => entity_name(lang, &a.ar, &a.en),
            None => match names.get(id) {
                Some((ar, en)) => entity_name(lang, ar, en),
                None => id.replace('_', " "),
            },
        },
    }
}

fn date_range_text(first: Option<&str>, last: Option<&str>) -> String {
    let f = first.and_then(format::day);
    let l = last.and_then(format::day);
    match (f, l) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) | (None, Some(a)) => a.to_string(),
        (None, None) => String::new(),
    }
}

/// `category · who` in the interface language.
fn counted_label(
    strings: &Strings,
    lang: Lang,
    category: Option<&str>,
    who: Option<&str>,
) -> (String, String) {
    let cat = category.map(|c| strings.label(lang, "category", c).to_string()).unwrap_or_default();
    let who = who.map(|w| strings.label(lang, "who", w).to_string()).unwrap_or_default();
    (cat, who)
}

// ---- stories ---------------------------------------------------------------

#[derive(Debug, Serialize)]
pub struct Chip {
    key: String,
    name: String,
}

#[derive(Debug, Serialize)]
pub struct HeadlineView {
    value: String,
    label: String,
    source: String,
    article: String,
}

#[derive(Debug, Serialize)]
pub struct StoryCard {
    id: i64,
    title: String,
    dates: String,
    reports: usize,
    outlets: Vec<String>,
    places: Vec<Chip>,
    actors: Vec<Chip>,
    headline: Vec<HeadlineView>,
}

#[derive(Debug, Serialize)]
pub struct StoriesView {
    filters: FiltersView,
    notices: Vec<String>,
    stories: Vec<StoryCard>,
    timeline_svg: String,
}

/// The stories the home page and `/api/stories` list: newest first, within
/// the day range, then filtered by place, actor and outlet.
pub fn list_stories(app: &App, f: &Filters, limit: usize) -> Result<Vec<StorySummary>, Failure> {
    let fetch = if f.needs_scan() { STORIES_SCANNED.max(limit) } else { limit };
    let mut stories = app.corpus.stories(&f.days(), fetch)?;
    stories.retain(|s| f.keeps(s));
    stories.truncate(limit);
    Ok(stories)
}

fn chips(lang: Lang, list: &[EntityCount], n: usize) -> Vec<Chip> {
    list.iter().take(n).map(|e| Chip { key: e.id.clone(), name: entity_name(lang, &e.ar, &e.en) }).collect()
}

fn card(app: &App, lang: Lang, s: &StorySummary) -> StoryCard {
    let strings = &app.ui.strings;
    let names: Names = s.top_actors.iter().map(|e| (e.id.clone(), (e.ar.clone(), e.en.clone()))).collect();
    StoryCard {
        id: s.id,
        title: s.title.clone(),
        dates: date_range_text(s.first.as_deref(), s.last.as_deref()),
        reports: s.articles.len(),
        outlets: s.outlets.clone(),
        places: chips(lang, &s.top_places, 4),
        actors: chips(lang, &s.top_actors, 3),
        headline: s
            .headline_figures
            .iter()
            .map(|h| {
                let (cat, who) = counted_label(strings, lang, Some(&h.category), h.who.as_deref());
                HeadlineView {
                    value: format::claim(h.value, None, None, format::approx_of(&h.approx)),
                    label: if who.is_empty() { cat } else { format!("{cat} ({who})") },
                    source: source_label(strings, lang, h.source.as_deref(), h.outlet.as_deref(), &names),
                    article: h.article.clone(),
                }
            })
            .collect(),
    }
}

pub fn stories_view(
    app: &App,
    lang: Lang,
    f: &Filters,
    mut notices: Vec<String>,
) -> Result<StoriesView, Failure> {
    let stories = list_stories(app, f, STORIES_SHOWN)?;
    notices.extend(app.corpus.notices().iter().cloned());
    let mut outlets: Vec<String> = stories.iter().flat_map(|s| s.outlets.iter().cloned()).collect();
    outlets.sort();
    outlets.dedup();
    let items: Vec<svg::TimelineItem> = stories
        .iter()
        .filter_map(|s| {
            let first = s.first.as_deref().and_then(format::day)?;
            let last = s.last.as_deref().and_then(format::day).unwrap_or(first);
            Some(svg::TimelineItem {
                href: format!("/story/{}", s.id),
                label: s.title.clone(),
                first: first.min(last),
                last: last.max(first),
                reports: s.articles.len(),
            })
        })
        .take(TIMELINE_STORIES)
        .collect();
    let timeline_svg = svg::timeline(&items, app.ui.strings.ui(lang, "timeline"), lang == Lang::Ar);
    Ok(StoriesView {
        filters: filters_view(f, "/", false, outlets),
        notices,
        stories: stories.iter().map(|s| card(app, lang, s)).collect(),
        timeline_svg,
    })
}

// ---- the ledger, as JSON ----------------------------------------------------

/// The ledger as the issue fixes its JSON shape. Read back from the JSON
/// (not the Rust type) so the page depends on the published shape only;
/// `place` and `period` are taken as whatever JSON they are.
#[derive(Debug, Clone, Deserialize)]
pub struct LedgerJson {
    #[serde(default)]
    pub rows: Vec<RowJson>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RowJson {
    pub category: Option<String>,
    pub who: Option<String>,
    #[serde(default)]
    pub place: serde_json::Value,
    #[serde(default)]
    pub period: serde_json::Value,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub spread: Option<f64>,
    #[serde(default)]
    pub disagree: bool,
    #[serde(default)]
    pub claims: Vec<ClaimJson>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ClaimJson {
    pub source: Option<String>,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub approx: Option<String>,
    pub article: String,
    pub outlet: Option<String>,
    pub span: Option<Span>,
    #[serde(default)]
    pub copies: Vec<serde_json::Value>,
}

/// A place or period value of the ledger JSON as text: a string as is, an
/// object by its `ar`/`en` or `from`/`to`.
fn json_text(v: &serde_json::Value, lang: Lang) -> String {
    use serde_json::Value as J;
    match v {
        J::Null => String::new(),
        J::String(s) => s.clone(),
        J::Number(n) => n.to_string(),
        J::Bool(b) => b.to_string(),
        J::Array(items) => {
            items.iter().map(|i| json_text(i, lang)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(
                match lang {
                    Lang::Ar => "، ",
                    Lang::En => ", ",
                },
            )
        }
        J::Object(m) => {
            let s = |k: &str| m.get(k).and_then(J::as_str).filter(|s| !s.is_empty());
            if s("ar").is_some() || s("en").is_some() {
                entity_name(lang, s("ar").unwrap_or(""), s("en").unwrap_or(""))
            } else if m.contains_key("from") || m.contains_key("to") {
                format::period(s("from"), s("to")).unwrap_or_default()
            } else {
                m.values().map(|i| json_text(i, lang)).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
            }
        }
    }
}

// ---- story -----------------------------------------------------------------

#[derive(Debug, Serialize)]
pub struct CellClaim {
    value: String,
    href: String,
    note: String,
    copies: usize,
}

#[derive(Debug, Serialize)]
pub struct LedgerRowView {
    category: String,
    who: String,
    place: String,
    period: String,
    disagree: bool,
    range: String,
    spread: String,
    /// One list of claims per column.
    cells: Vec<Vec<CellClaim>>,
}

#[derive(Debug, Serialize)]
pub struct LedgerView {
    columns: Vec<String>,
    rows: Vec<LedgerRowView>,
}

#[derive(Debug, Serialize)]
pub struct ChartView {
    category: String,
    who: String,
    place: String,
    period: String,
    chart_svg: String,
}

#[derive(Debug, Serialize)]
pub struct ArticleLine {
    id: String,
    title: String,
    outlet: String,
    day: String,
}

#[derive(Debug, Serialize)]
pub struct StoryView {
    id: i64,
    title: String,
    dates: String,
    reports: usize,
    outlets: Vec<String>,
    ledger: LedgerView,
    charts: Vec<ChartView>,
    map_svg: String,
    outlines: bool,
    outside: Vec<String>,
    articles: Vec<ArticleLine>,
}

/// The link from a claim to its figure: `/article/ID#fig-N`, N being the
/// figure's index in the article's extraction (found by its span).
pub fn claim_href(articles: &HashMap<&str, &StoredArticle>, article: &str, span: Option<Span>) -> String {
    let base = format!("/article/{}", url_component(article));
    let index = span.and_then(|span| {
        let a = articles.get(article)?;
        a.extraction.figures.iter().position(|f| f.span == span)
    });
    match index {
        Some(i) => format!("{base}#fig-{i}"),
        None => base,
    }
}

/// Column of a claim: its attribution id, or its outlet when the outlet
/// speaks in its own voice or the source is unknown.
fn column_key(c: &ClaimJson) -> String {
    match c.source.as_deref() {
        Some(s) if !s.is_empty() && s != "outlet" => format!("source:{s}"),
        Some("outlet") => format!("outlet:{}", c.outlet.as_deref().unwrap_or("")),
        _ => format!("unknown:{}", c.outlet.as_deref().unwrap_or("")),
    }
}

pub fn story_view(app: &App, lang: Lang, id: i64) -> Result<StoryView, Failure> {
    let strings = &app.ui.strings;
    let summary = app.corpus.story(id)?;
    let ledger = app.corpus.ledger(id)?;
    let ledger: LedgerJson = serde_json::to_value(&ledger)
        .and_then(serde_json::from_value)
        .map_err(|e| Failure::Internal(format!("ledger of story {id} has an unexpected shape: {e}")))?;
    let stored = app.corpus.store().story_articles(id).map_err(internal)?;
    let by_id: HashMap<&str, &StoredArticle> = stored.iter().map(|a| (a.article.id.as_str(), a)).collect();
    let names = names_of(stored.iter().flat_map(|a| &a.extraction.actors));

    // Columns: sources, the most quoted first.
    let mut column_counts: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for c in ledger.rows.iter().flat_map(|r| &r.claims) {
        let label = match c.source.as_deref() {
            None | Some("") => format!(
                "{} ({})",
                c.outlet.as_deref().unwrap_or_default(),
                strings.ui(lang, "unknown_source")
            ),
            s => source_label(strings, lang, s, c.outlet.as_deref(), &names),
        };
        column_counts.entry(column_key(c)).or_insert((0, label)).0 += 1;
    }
    let mut columns: Vec<(String, usize, String)> =
        column_counts.into_iter().map(|(k, (n, l))| (k, n, l)).collect();
    columns.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.2.cmp(&b.2)));
    let col_index: HashMap<&str, usize> =
        columns.iter().enumerate().map(|(i, c)| (c.0.as_str(), i)).collect();

    let note = |c: &ClaimJson| -> String {
        let mut parts = vec![source_label(strings, lang, c.source.as_deref(), c.outlet.as_deref(), &names)];
        if let Some(o) = &c.outlet {
            parts.push(o.clone());
        }
        if let Some(a) = c.approx.as_deref() {
            parts.push(strings.label(lang, "approx", a).to_string());
        }
        parts.push(c.article.clone());
        parts.join(" · ")
    };

    let rows: Vec<LedgerRowView> = ledger
        .rows
        .iter()
        .map(|r| {
            let (category, who) = counted_label(strings, lang, r.category.as_deref(), r.who.as_deref());
            let mut cells: Vec<Vec<CellClaim>> = (0..columns.len()).map(|_| Vec::new()).collect();
            for c in &r.claims {
                let Some(&col) = col_index.get(column_key(c).as_str()) else { continue };
                cells[col].push(CellClaim {
                    value: format::claim(
                        c.value.unwrap_or(f64::NAN),
                        c.low,
                        c.high,
                        c.approx.as_deref().and_then(format::approx_of),
                    ),
                    href: claim_href(&by_id, &c.article, c.span),
                    note: note(c),
                    copies: c.copies.len(),
                });
            }
            let range = match (r.low, r.high) {
                (Some(l), Some(h)) if l == h => format::number(l),
                (l, h) => format::bounds(l, h).unwrap_or_default(),
            };
            LedgerRowView {
                category,
                who,
                place: json_text(&r.place, lang),
                period: json_text(&r.period, lang),
                disagree: r.disagree,
                range,
                spread: r.spread.filter(|s| *s > 0.0).map(format::number).unwrap_or_default(),
                cells,
            }
        })
        .collect();

    // Charts: the rows with the most claims, one series per source.
    let day_of: HashMap<&str, Date> = stored
        .iter()
        .filter_map(|a| Some((a.article.id.as_str(), a.day.as_deref().and_then(format::day)?)))
        .collect();
    let mut by_size: Vec<(usize, &RowJson, &LedgerRowView)> =
        ledger.rows.iter().zip(&rows).enumerate().map(|(i, (r, v))| (i, r, v)).collect();
    by_size.sort_by(|a, b| b.1.claims.len().cmp(&a.1.claims.len()).then(a.0.cmp(&b.0)));
    // A row with one claim makes a poor chart: those only when no row has two.
    let min_claims = if by_size.first().is_some_and(|r| r.1.claims.len() >= 2) { 2 } else { 1 };
    let charts: Vec<ChartView> = by_size
        .into_iter()
        .filter(|(_, r, _)| r.claims.len() >= min_claims)
        .take(CHARTS)
        .filter_map(|(_, r, v)| {
            let mut series: Vec<svg::Series> = Vec::new();
            let mut series_of: HashMap<String, usize> = HashMap::new();
            for c in &r.claims {
                let (Some(value), Some(&day)) = (c.value, day_of.get(c.article.as_str())) else { continue };
                let key = column_key(c);
                let si = *series_of.entry(key.clone()).or_insert_with(|| {
                    // A source's colour is its ledger column: the same in every chart.
                    let color = col_index.get(key.as_str()).copied().unwrap_or(columns.len());
                    let label =
                        columns.iter().find(|col| col.0 == key).map(|col| col.2.clone()).unwrap_or_default();
                    series.push(svg::Series { label, color, points: Vec::new() });
                    series.len() - 1
                });
                series[si].points.push(svg::ChartPoint {
                    day,
                    value,
                    low: c.low,
                    high: c.high,
                    href: claim_href(&by_id, &c.article, c.span),
                    note: format!(
                        "{} — {}",
                        format::claim(value, c.low, c.high, c.approx.as_deref().and_then(format::approx_of)),
                        note(c)
                    ),
                });
            }
            // Legends list the sources in ledger-column order, like the table.
            series.sort_by_key(|s| s.color);
            let title = [v.category.as_str(), v.who.as_str(), v.place.as_str(), v.period.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            let chart_svg = svg::chart(&title, &series);
            (!chart_svg.is_empty()).then(|| ChartView {
                category: v.category.clone(),
                who: v.who.clone(),
                place: v.place.clone(),
                period: v.period.clone(),
                chart_svg,
            })
        })
        .collect();

    // The map: every place with coordinates, sized by how many reports name it.
    let mut places: BTreeMap<String, (f64, f64, String, usize)> = BTreeMap::new();
    for a in &stored {
        let mut seen: Vec<&str> = Vec::new();
        for m in &a.extraction.places {
            let (Some(lat), Some(lon)) = (m.lat, m.lon) else { continue };
            if m.kind == "country" || seen.contains(&m.id.as_str()) {
                continue;
            }
            seen.push(&m.id);
            let e = places.entry(m.id.clone()).or_insert((lon, lat, entity_name(lang, &m.ar, &m.en), 0));
            e.3 += 1;
        }
    }
    let points: Vec<svg::MapPoint> = places
        .iter()
        .map(|(id, (lon, lat, label, n))| svg::MapPoint {
            lon: *lon,
            lat: *lat,
            label: label.clone(),
            href: format!("/?place={}", url_component(id)),
            weight: *n,
        })
        .collect();
    let (map_svg, outside) = if points.is_empty() {
        (String::new(), Vec::new())
    } else {
        svg::map(&points, app.boundaries.as_ref(), strings.ui(lang, "map"), lang == Lang::Ar)
    };

    Ok(StoryView {
        id,
        title: summary.title.clone(),
        dates: date_range_text(summary.first.as_deref(), summary.last.as_deref()),
        reports: summary.articles.len(),
        outlets: summary.outlets.clone(),
        ledger: LedgerView { columns: columns.into_iter().map(|c| c.2).collect(), rows },
        charts,
        map_svg,
        outlines: app.boundaries.is_some(),
        outside: outside.into_iter().map(|i| points[i].label.clone()).collect(),
        articles: stored
            .iter()
            .map(|a| ArticleLine {
                id: a.article.id.clone(),
                title: a.article.title.clone().unwrap_or_else(|| a.article.id.clone()),
                outlet: a.article.outlet.clone().unwrap_or_default(),
                day: a.day.clone().unwrap_or_default(),
            })
            .collect(),
    })
}

// ---- article ---------------------------------------------------------------

#[derive(Debug, Serialize)]
pub struct LegendKey {
    class: &'static str,
    label: String,
    count: usize,
}

#[derive(Debug, Serialize)]
pub struct FigureLine {
    n: usize,
    anchor: String,
    text: String,
    value: String,
    category: String,
    who: String,
    place: String,
    period: String,
    source: String,
}

#[derive(Debug, Serialize)]
pub struct ArticleView {
    id: String,
    title: String,
    outlet: String,
    published: String,
    url: Option<String>,
    story: Option<i64>,
    legend: Vec<LegendKey>,
    body_html: String,
    figures: Vec<FigureLine>,
}

/// The characters `span` covers, shortened for a tooltip.
fn excerpt(text: &str, span: Span, max: usize) -> String {
    let s: String = text.chars().skip(span.start).take(span.len().min(max + 1)).collect();
    if s.chars().count() > max { s.chars().take(max).chain(std::iter::once('…')).collect() } else { s }
}

/// The marks of an article: sentences (link targets), then every item of
/// its extraction with a tooltip.
pub fn marks(strings: &Strings, lang: Lang, text: &str, x: &Extraction, outlet: Option<&str>) -> Vec<Mark> {
    let ui = |k: &str| strings.ui(lang, k).to_string();
    let kind_label = |k: &str| strings.label(lang, "kind", k).to_string();
    let mut marks = Vec::new();
    let names = names_of(&x.actors);
    let doc = rasid_text::Document::new(text);
    for (i, s) in doc.sentences.iter().enumerate() {
        marks.push(Mark {
            span: s.span,
            kind: Kind::Sentence,
            anchor: Some(format!("s-{i}")),
            title: String::new(),
            rows: vec![],
        });
    }
    for (i, f) in x.figures.iter().enumerate() {
        let mut rows = vec![(ui("value"), format::claim(f.value, f.low, f.high, Some(f.approx)))];
        rows.push((ui("approx"), strings.label(lang, "approx", f.approx.as_str()).to_string()));
        if f.approx != Approx::Exact
            && let Some(b) = format::bounds(f.low, f.high)
        {
            rows.push((ui("bounds"), b));
        }
        if let Some(c) = &f.category {
            rows.push((ui("category"), strings.label(lang, "category", c).to_string()));
        }
        if let Some(w) = &f.who {
            rows.push((ui("who"), strings.label(lang, "who", w).to_string()));
        }
        if let Some(p) = &f.place {
            rows.push((ui("place"), entity_name(lang, &p.ar, &p.en)));
        }
        if let Some(p) = &f.destination {
            rows.push((ui("destination"), entity_name(lang, &p.ar, &p.en)));
        }
        if let Some(p) = f.period.as_ref().and_then(|p| format::period(p.from.as_deref(), p.to.as_deref())) {
            rows.push((ui("period"), p));
        }
        rows.push((ui("source"), source_label(strings, lang, f.source.as_deref(), outlet, &names)));
        marks.push(Mark {
            span: f.span,
            kind: Kind::Figure,
            anchor: Some(format!("fig-{i}")),
            title: kind_label("figure"),
            rows,
        });
    }
    let mention_rows = |m: &rasid_model::Mention, with_place: bool| {
        let mut rows = vec![(ui("canonical"), format!("{} / {}", m.ar, m.en))];
        rows.push((ui("type"), m.kind.clone()));
        if with_place {
            if let Some(a) = &m.admin {
                rows.push((ui("governorate"), a.clone()));
            }
            if let (Some(lat), Some(lon)) = (m.lat, m.lon) {
                rows.push((ui("coordinates"), format!("{lat:.3}, {lon:.3}")));
            }
        }
        rows.push(("id".to_string(), m.id.clone()));
        rows
    };
    for (list, kind, name) in [
        (&x.places, Kind::Place, "place"),
        (&x.actors, Kind::Actor, "actor"),
        (&x.persons, Kind::Person, "person"),
    ] {
        for (i, m) in list.iter().enumerate() {
            marks.push(Mark {
                span: m.span,
                kind,
                anchor: Some(format!("{name}-{i}")),
                title: kind_label(name),
                rows: mention_rows(m, kind == Kind::Place),
            });
        }
    }
    for (i, d) in x.dates.iter().enumerate() {
        let rows = format::period(d.from.as_deref(), d.to.as_deref())
            .map(|p| vec![(ui("resolved"), p)])
            .unwrap_or_default();
        marks.push(Mark {
            span: d.span,
            kind: Kind::Date,
            anchor: Some(format!("date-{i}")),
            title: kind_label("date"),
            rows,
        });
    }
    for (i, r) in x.repairs.iter().enumerate() {
        let mut rows = vec![(ui("fixed"), r.fixed.clone())];
        if let Some(k) = &r.kind {
            rows.push((ui("type"), k.clone()));
        }
        marks.push(Mark {
            span: r.span,
            kind: Kind::Repair,
            anchor: Some(format!("repair-{i}")),
            title: kind_label("repair"),
            rows,
        });
    }
    for (i, r) in x.repeats.iter().enumerate() {
        let rows = vec![(ui("repeat_of"), excerpt(text, r.repeats, 80))];
        marks.push(Mark {
            span: r.span,
            kind: Kind::Repeat,
            anchor: Some(format!("repeat-{i}")),
            title: ui("repeats_passage"),
            rows,
        });
    }
    marks
}

pub fn article_view(app: &App, lang: Lang, id: &str) -> Result<ArticleView, Failure> {
    let strings = &app.ui.strings;
    let stored = app
        .corpus
        .store()
        .article(id)
        .map_err(internal)?
        .ok_or_else(|| Failure::NotFound(format!("no article '{id}' in this corpus")))?;
    let (a, x) = (&stored.article, &stored.extraction);
    let marks = marks(strings, lang, &a.text, x, a.outlet.as_deref());
    let names = names_of(&x.actors);
    let body_html = highlight::render(&a.text, &marks);
    let count = |k: Kind| marks.iter().filter(|m| m.kind == k).count();
    let legend = [
        (Kind::Figure, "figure"),
        (Kind::Place, "place"),
        (Kind::Actor, "actor"),
        (Kind::Person, "person"),
        (Kind::Date, "date"),
        (Kind::Repair, "repair"),
        (Kind::Repeat, "repeat"),
    ]
    .into_iter()
    .map(|(k, name)| LegendKey {
        class: k.class(),
        label: strings.label(lang, "kind", name).to_string(),
        count: count(k),
    })
    .collect();
    let figures = x
        .figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (category, who) = counted_label(strings, lang, f.category.as_deref(), f.who.as_deref());
            FigureLine {
                n: i + 1,
                anchor: format!("fig-{i}"),
                text: f.text.clone(),
                value: format::claim(f.value, f.low, f.high, Some(f.approx)),
                category,
                who,
                place: f.place.as_ref().map(|p| entity_name(lang, &p.ar, &p.en)).unwrap_or_default(),
                period: f
                    .period
                    .as_ref()
                    .and_then(|p| format::period(p.from.as_deref(), p.to.as_deref()))
                    .unwrap_or_default(),
                source: source_label(strings, lang, f.source.as_deref(), a.outlet.as_deref(), &names),
            }
        })
        .collect();
    Ok(ArticleView {
        id: a.id.clone(),
        title: a.title.clone().unwrap_or_else(|| a.id.clone()),
        outlet: a.outlet.clone().unwrap_or_default(),
        published: a.published.clone().unwrap_or_default(),
        url: a.url.as_deref().and_then(crate::html::safe_external_url).map(str::to_string),
        story: stored.story,
        legend,
        body_html,
        figures,
    })
}

// ---- search ----------------------------------------------------------------

#[derive(Debug, Serialize)]
pub struct HitView {
    id: String,
    title: String,
    outlet: String,
    day: String,
    story: Option<i64>,
    snippet_html: String,
}

#[derive(Debug, Serialize)]
pub struct SearchView {
    filters: FiltersView,
    error: Option<String>,
    searched: bool,
    total: usize,
    first: usize,
    hits: Vec<HitView>,
    prev_url: Option<String>,
    next_url: Option<String>,
}

/// A snippet with its highlighted character ranges wrapped in `<mark>`.
/// Ranges out of order, overlapping or out of bounds are skipped.
pub fn snippet_html(snippet: &str, highlights: &[(usize, usize)]) -> String {
    let chars: Vec<char> = snippet.chars().collect();
    let mut ranges: Vec<(usize, usize)> =
        highlights.iter().copied().filter(|&(s, e)| s < e && e <= chars.len()).collect();
    ranges.sort_unstable();
    let mut out = String::new();
    let mut pos = 0;
    let piece = |from: usize, to: usize| chars[from..to].iter().collect::<String>();
    for (s, e) in ranges {
        if s < pos {
            continue;
        }
        crate::html::escape_body_into(&mut out, &piece(pos, s));
        out.push_str("<mark>");
        escape_into(&mut out, &piece(s, e));
        out.push_str("</mark>");
        pos = e;
    }
    crate::html::escape_body_into(&mut out, &piece(pos, chars.len()));
    out
}

pub fn search_view(
    app: &App,
    lang: Lang,
    f: &Filters,
    notices: Vec<String>,
    page: usize,
) -> Result<SearchView, Failure> {
    let _ = lang;
    let searched = !f.q.is_empty();
    let mut view = SearchView {
        filters: filters_view(f, "/search", true, Vec::new()),
        error: (!notices.is_empty()).then(|| notices.join("; ")),
        searched,
        total: 0,
        first: 1,
        hits: Vec::new(),
        prev_url: None,
        next_url: None,
    };
    if !searched {
        return Ok(view);
    }
    let offset = (page - 1).saturating_mul(HITS_PER_PAGE);
    match app.corpus.search(&f.search_query(HITS_PER_PAGE, offset)) {
        Ok((total, hits)) => {
            view.total = total;
            view.first = offset + 1;
            view.hits = hits
                .into_iter()
                .map(|h| HitView {
                    snippet_html: snippet_html(&h.snippet, &h.highlights),
                    title: if h.title.is_empty() { h.id.clone() } else { h.title },
                    id: h.id,
                    outlet: h.outlet.unwrap_or_default(),
                    day: h.published.map(|d| d.to_string()).unwrap_or_default(),
                    story: h.story,
                })
                .collect();
            let base = f.query_string();
            if page > 1 {
                view.prev_url = Some(format!("/search?{base}&page={}", page - 1));
            }
            if offset + HITS_PER_PAGE < total {
                view.next_url = Some(format!("/search?{base}&page={}", page + 1));
            }
        }
        Err(e) => match Failure::from(e) {
            Failure::Unavailable(m) => view.error = Some(m),
            other => return Err(other),
        },
    }
    Ok(view)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn snippets_mark_their_highlights_and_escape_the_rest() {
        let s = snippet_html("قصف <b>سراقب</b> اليوم", &[(7, 12)]);
        assert_eq!(s, "قصف &lt;b&gt;<mark>سراقب</mark>&lt;/b&gt; اليوم");
        assert_eq!(snippet_html("abc", &[(2, 9), (1, 0)]), "abc");
    }

    #[test]
    fn ledger_values_read_as_text() {
        let v: serde_json::Value = serde_json::json!({"ar": "سراقب", "en": "Saraqib"});
        assert_eq!(json_text(&v, Lang::Ar), "سراقب");
        assert_eq!(json_text(&v, Lang::En), "Saraqib");
        let p = serde_json::json!({"from": "2019-03-09", "to": "2019-03-09"});
        assert_eq!(json_text(&p, Lang::Ar), "2019-03-09");
        assert_eq!(json_text(&serde_json::json!("Idlib"), Lang::Ar), "Idlib");
    }

    #[test]
    fn filters_parse() {
        let p = FilterParams { from: Some("2019-03-01".into()), to: Some("x".into()), ..Default::default() };
        assert!(Filters::parse(&p).is_err());
        let (f, notices) = Filters::parse_lenient(&p);
        assert_eq!(notices.len(), 1);
        assert_eq!(f.days(), DayRange { from: Some("2019-03-01".into()), to: None });
    }

    proptest! {
        #[test]
        fn snippets_never_panic(s in "\\PC{0,30}", hl in proptest::collection::vec((0usize..40, 0usize..40), 0..5)) {
            let html = snippet_html(&s, &hl);
            prop_assert_eq!(html.matches("<mark>").count(), html.matches("</mark>").count());
        }
    }
}
