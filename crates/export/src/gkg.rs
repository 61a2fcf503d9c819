//! GDELT Global Knowledge Graph 2.1-style rows: one tab-separated line of
//! the 27 GKG 2.1 columns per article, no header (as GDELT's files).
//!
//! Filled columns (the others are left empty):
//!
//! | # | column | from |
//! |---|---|---|
//! | 1 | GKGRECORDID | `DATE-T<n>` (`T`: translingual source; `n` counts the rows of the export) |
//! | 2 | V2.1DATE | `published` as UTC `YYYYMMDDHHMMSS` |
//! | 3 | V2SOURCECOLLECTIONIDENTIFIER | `1` (web) with a URL, else `2` (citation only) |
//! | 4 | V2SOURCECOMMONNAME | outlet, else the URL's host |
//! | 5 | V2DOCUMENTIDENTIFIER | URL, else `rasid:<article id>` |
//! | 6 | V1COUNTS | `TYPE#NUMBER#OBJECT#LOCTYPE#LOCATION#COUNTRY#ADM1#LAT#LON#FEATUREID` per figure of a counted category (`gkg.toml`) |
//! | 7 | V2.1COUNTS | the same with `#OFFSET` (character offset of the figure) |
//! | 10 | V1LOCATIONS | `TYPE#NAME#COUNTRY#ADM1#LAT#LON#FEATUREID` per distinct place |
//! | 11 | V2ENHANCEDLOCATIONS | `TYPE#NAME#COUNTRY#ADM1#ADM2#LAT#LON#FEATUREID#OFFSET` per place mention |
//! | 12, 13 | V1PERSONS, V2ENHANCEDPERSONS | persons; `NAME,OFFSET` |
//! | 14, 15 | V1ORGANIZATIONS, V2ENHANCEDORGANIZATIONS | actors; `NAME,OFFSET` |
//! | 17 | V2.1ENHANCEDDATES | `3#MONTH#DAY#YEAR#OFFSET` per resolved date |
//! | 24 | V2.1ALLNAMES | places, actors, persons; `NAME,OFFSET` |
//! | 25 | V2.1AMOUNTS | every figure: `AMOUNT,OBJECT,OFFSET` |
//! | 26 | V2.1TRANSLATIONINFO | `srclc:ara;eng:rasid` |
//! | 27 | V2EXTRASXML | `<PAGE_TITLE>`, `<RASID_ARTICLE>`, `<RASID_STORY>`, `<RASID_DUP_OF>` |
//!
//! Names are the English ones where the extraction has them. LOCTYPE is
//! approximate (the extraction does not say what kind of place it is): `5`
//! (world state) for a governorate, `4` (world city) for a place inside one,
//! `1` (country) for a place without a governorate, `0` when the figure has
//! no place. COUNTRY is left empty (not in the extraction); ADM1 holds the
//! governorate's name, not a FIPS code; FEATUREID is rasid's place id.
//! Offsets are character offsets into the article text, as everywhere in
//! rasid. Repeated passages are not counted twice.

use std::collections::HashSet;
use std::io::Write;

use rasid_model::Mention;

use crate::context::{Context, Place};
use crate::rules::Rules;
use crate::{ExportError, ExportRecord, one_line};

/// Characters that delimit GKG subfields, removed from names.
const DELIMITERS: &[char] = &['#', ';', ',', '\t'];

pub fn write(out: &mut impl Write, r: &ExportRecord<'_>, sequence: u64) -> Result<u64, ExportError> {
    let cx = Context::new(r);
    let rules = Rules::get();
    let a = r.article;
    let date = gkg_date(a.published.as_deref().or(r.extraction.article.published.as_deref()));
    let record_id = format!("{}-T{sequence}", if date.is_empty() { "00000000000000" } else { &date });
    let url = a.url.as_deref().map(|u| one_line(u, &['\t'])).filter(|u| !u.is_empty());
    let collection = if url.is_some() { "1" } else { "2" };
    let common_name = a
        .outlet
        .as_deref()
        .map(|o| one_line(o, &['\t']))
        .filter(|o| !o.is_empty())
        .or_else(|| url.as_deref().map(host))
        .unwrap_or_default();
    let document = url.clone().unwrap_or_else(|| format!("rasid:{}", one_line(&a.id, &['\t'])));

    let mut v1_counts = Vec::new();
    let mut v21_counts = Vec::new();
    for pf in &cx.figures {
        let f = pf.figure;
        let Some(count_type) = f.category.as_deref().and_then(|c| rules.count_types.get(c)) else { continue };
        if !f.value.is_finite() || f.value < 0.0 {
            continue;
        }
        let object = name(f.who.as_deref().unwrap_or("people"));
        let loc = location_fields(pf.place.as_ref());
        let count = format!("{count_type}#{:.0}#{object}#{loc}", f.value);
        v21_counts.push(format!("{count}#{}", f.span.start));
        v1_counts.push(count);
    }

    let x = r.extraction;
    let mut seen = HashSet::new();
    let v1_locations: Vec<String> = x
        .places
        .iter()
        .filter(|m| seen.insert(m.id.clone()))
        .map(|m| {
            let p = place_of(m);
            let (lt, name, adm1, lat, lon) = location_parts(Some(&p));
            format!("{lt}#{name}##{adm1}#{lat}#{lon}#{}", one_line(&p.id, DELIMITERS))
        })
        .collect();
    let v2_locations: Vec<String> = x
        .places
        .iter()
        .map(|m| {
            let p = place_of(m);
            let (lt, name, adm1, lat, lon) = location_parts(Some(&p));
            format!("{lt}#{name}##{adm1}##{lat}#{lon}#{}#{}", one_line(&p.id, DELIMITERS), m.span.start)
        })
        .collect();
    let (v1_persons, v2_persons) = names(&x.persons);
    let (v1_orgs, v2_orgs) = names(&x.actors);
    let dates: Vec<String> = x
        .dates
        .iter()
        .filter_map(|d| {
            let day = d.from.as_deref()?;
            let (y, m, dd) = (day.get(0..4)?, day.get(5..7)?, day.get(8..10)?);
            Some(format!(
                "3#{}#{}#{y}#{}",
                m.trim_start_matches('0'),
                dd.trim_start_matches('0'),
                d.span.start
            ))
        })
        .collect();
    let mut all_names: Vec<(usize, String)> = Vec::new();
    for m in x.places.iter().chain(&x.actors).chain(&x.persons) {
        all_names.push((m.span.start, format!("{},{}", mention_name(m), m.span.start)));
    }
    all_names.sort();
    let all_names: Vec<String> = all_names.into_iter().map(|(_, s)| s).collect();
    let amounts: Vec<String> = cx
        .figures
        .iter()
        .filter(|pf| pf.figure.value.is_finite())
        .map(|pf| {
            let f = pf.figure;
            let object = name(f.who.as_deref().or(f.category.as_deref()).unwrap_or("items"));
            format!("{},{object},{}", amount(f.value), f.span.start)
        })
        .collect();
    let mut extras = String::new();
    if let Some(t) = a.title.as_deref() {
        extras.push_str(&format!("<PAGE_TITLE>{}</PAGE_TITLE>", xml(t)));
    }
    extras.push_str(&format!("<RASID_ARTICLE>{}</RASID_ARTICLE>", xml(&a.id)));
    if let Some(story) = r.story {
        extras.push_str(&format!("<RASID_STORY>{story}</RASID_STORY>"));
    }
    if let Some(d) = r.dup_of {
        extras.push_str(&format!("<RASID_DUP_OF>{}</RASID_DUP_OF>", xml(d)));
    }

    let columns: [String; 27] = [
        record_id,
        date,
        collection.to_string(),
        common_name,
        document,
        v1_counts.join(";"),
        v21_counts.join(";"),
        String::new(), // V1THEMES
        String::new(), // V2ENHANCEDTHEMES
        v1_locations.join(";"),
        v2_locations.join(";"),
        v1_persons,
        v2_persons,
        v1_orgs,
        v2_orgs,
        String::new(), // V1.5TONE
        dates.join(";"),
        String::new(), // V2GCAM
        String::new(), // V2.1SHARINGIMAGE
        String::new(), // V2.1RELATEDIMAGES
        String::new(), // V2.1SOCIALIMAGEEMBEDS
        String::new(), // V2.1SOCIALVIDEOEMBEDS
        String::new(), // V2.1QUOTATIONS
        all_names.join(";"),
        amounts.join(";"),
        "srclc:ara;eng:rasid".to_string(),
        extras,
    ];
    out.write_all(columns.join("\t").as_bytes())?;
    out.write_all(b"\n")?;
    Ok(1)
}

/// `published` as GDELT writes dates: UTC `YYYYMMDDHHMMSS`; a date alone is
/// midnight. Empty when there is no usable date.
fn gkg_date(published: Option<&str>) -> String {
    let Some(p) = published.map(str::trim) else { return String::new() };
    if let Ok(ts) = p.parse::<jiff::Timestamp>() {
        return ts.strftime("%Y%m%d%H%M%S").to_string();
    }
    if let Ok(dt) = p.parse::<jiff::civil::DateTime>() {
        return dt.strftime("%Y%m%d%H%M%S").to_string();
    }
    match crate::context::date_part(p).and_then(|d| d.parse::<jiff::civil::Date>().ok()) {
        Some(d) => d.strftime("%Y%m%d000000").to_string(),
        None => String::new(),
    }
}

fn place_of(m: &Mention) -> Place {
    Place {
        id: m.id.clone(),
        ar: m.ar.clone(),
        en: m.en.clone(),
        lat: m.lat,
        lon: m.lon,
        admin: m.admin.clone(),
    }
}

/// `LOCTYPE, NAME, ADM1, LAT, LON` of a place (see the module docs).
fn location_parts(place: Option<&Place>) -> (&'static str, String, String, String, String) {
    let Some(p) = place else { return ("0", String::new(), String::new(), String::new(), String::new()) };
    let location_type = match p.admin.as_deref() {
        Some(admin) if admin == p.ar => "5",
        Some(_) => "4",
        None => "1",
    };
    let (lat, lon) = p
        .point()
        .map_or((String::new(), String::new()), |(lat, lon)| (format!("{lat:.4}"), format!("{lon:.4}")));
    (location_type, name(p.name()), p.admin.as_deref().map(name).unwrap_or_default(), lat, lon)
}

/// The location subfields of a count: `LOCTYPE#NAME#COUNTRY#ADM1#LAT#LON#FEATUREID`.
fn location_fields(place: Option<&Place>) -> String {
    let (lt, name, adm1, lat, lon) = location_parts(place);
    let id = place.map(|p| one_line(&p.id, DELIMITERS)).unwrap_or_default();
    format!("{lt}#{name}##{adm1}#{lat}#{lon}#{id}")
}

/// Distinct names (V1) and every mention with its offset (V2).
fn names(mentions: &[Mention]) -> (String, String) {
    let mut seen = HashSet::new();
    let v1: Vec<String> = mentions.iter().map(mention_name).filter(|n| seen.insert(n.clone())).collect();
    let v2: Vec<String> = mentions.iter().map(|m| format!("{},{}", mention_name(m), m.span.start)).collect();
    (v1.join(";"), v2.join(";"))
}

fn mention_name(m: &Mention) -> String {
    name(if m.en.trim().is_empty() { &m.ar } else { &m.en })
}

fn name(s: &str) -> String {
    one_line(s, DELIMITERS)
}

/// A number without a needless `.0`.
fn amount(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 { format!("{v:.0}") } else { format!("{v}") }
}

/// The host of a URL, for the source's common name.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    host.strip_prefix("www.").unwrap_or(host).to_string()
}

/// Text for the extras XML: escaped, on one line.
fn xml(s: &str) -> String {
    one_line(s, &[]).replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_gdelt_writes_them() {
        assert_eq!(gkg_date(Some("2018-04-07T21:30:00+03:00")), "20180407183000");
        assert_eq!(gkg_date(Some("2018-04-07T21:30:00")), "20180407213000");
        assert_eq!(gkg_date(Some("2018-04-07")), "20180407000000");
        assert_eq!(gkg_date(Some("السبت")), "");
        assert_eq!(gkg_date(None), "");
    }

    #[test]
    fn small_helpers() {
        assert_eq!(amount(47.0), "47");
        assert_eq!(amount(2.5), "2.5");
        assert_eq!(host("https://www.example.org/a?b"), "example.org");
        assert_eq!(xml("a<b>&\n"), "a&lt;b&gt;&amp;");
        assert_eq!(name("Douma, Rif#Dimashq;x"), "Douma RifDimashqx");
    }
}
