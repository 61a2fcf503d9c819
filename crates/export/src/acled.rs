//! ACLED-style CSV: one row per event derived from an article's figures
//! (see [`crate::events`] for how figures become events).
//!
//! Columns, in order: `event_date` (ISO `YYYY-MM-DD`: the figures' period,
//! else the publication date), `event_type`, `sub_event_type`, `actor1`,
//! `actor2`, `admin1` (the governorate the gazetteer gives), `location` (the
//! place's English name, else its Arabic one), `latitude`, `longitude`,
//! `source` (the outlet, then the figures' attributions), `notes` (the
//! sentences the figures are in, then `[rasid: article …; figures at
//! start-end …; story …]` so that every row can be traced to its words),
//! `fatalities`.

use std::io::Write;

use crate::context::Context;
use crate::events::events;
use crate::{ExportError, ExportRecord};

pub const HEADER: [&str; 12] = [
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
];

pub fn write<W: Write>(csv: &mut csv::Writer<W>, r: &ExportRecord<'_>) -> Result<u64, ExportError> {
    let cx = Context::new(r);
    let mut rows = 0;
    for e in events(&cx) {
        let place = e.place.as_ref();
        let (lat, lon) = place
            .and_then(|p| p.point())
            .map_or((String::new(), String::new()), |(lat, lon)| (format!("{lat:.5}"), format!("{lon:.5}")));
        let mut sources: Vec<String> = r.article.outlet.iter().cloned().collect();
        sources.extend(e.sources.iter().filter(|s| s.as_str() != "outlet").cloned());
        let spans: Vec<String> = e.spans.iter().map(|s| format!("{}-{}", s.start, s.end)).collect();
        let mut trace = format!("[rasid: article {}; figures at {}", r.article.id, spans.join(", "));
        if let Some(story) = r.story {
            trace.push_str(&format!("; story {story}"));
        }
        trace.push(']');
        let notes = if e.notes.is_empty() { trace } else { format!("{} {trace}", e.notes) };
        csv.write_record([
            e.date.as_deref().unwrap_or(""),
            &e.event_type,
            &e.sub_event_type,
            e.actor1.as_deref().unwrap_or(""),
            e.actor2.as_deref().unwrap_or(""),
            place.and_then(|p| p.admin.as_deref()).unwrap_or(""),
            place.map(|p| p.name()).unwrap_or(""),
            &lat,
            &lon,
            &sources.join("; "),
            &notes,
            &e.fatalities.to_string(),
        ])?;
        rows += 1;
    }
    Ok(rows)
}
