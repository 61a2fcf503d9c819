//! JSON Lines: one line per article, in the shape `rasid ingest` reads
//! (`id`, `text`, `published`, `outlet`, `title`, `url`), so an export can
//! be ingested again elsewhere, plus `story`, `dup_of` and the extraction
//! (`rasid.extraction/1`). The text is included: without it the spans of
//! the extraction point at nothing.

use std::io::Write;

use serde::Serialize;

use crate::{ExportError, ExportRecord};

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    outlet: Option<&'a str>,
    published: Option<&'a str>,
    title: Option<&'a str>,
    url: Option<&'a str>,
    story: Option<i64>,
    dup_of: Option<&'a str>,
    text: &'a str,
    extraction: &'a rasid_model::Extraction,
}

pub fn write(out: &mut impl Write, r: &ExportRecord<'_>) -> Result<u64, ExportError> {
    let a = r.article;
    let line = Line {
        id: &a.id,
        outlet: a.outlet.as_deref(),
        published: a.published.as_deref(),
        title: a.title.as_deref(),
        url: a.url.as_deref(),
        story: r.story,
        dup_of: r.dup_of,
        text: &a.text,
        extraction: r.extraction,
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")?;
    Ok(1)
}
