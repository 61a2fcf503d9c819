//! # rasid-export: a corpus in the formats other tools read
//!
//! Given articles with their extractions (and the story and near-duplicate
//! links the corpus found), write one of four formats to any
//! [`std::io::Write`]:
//!
//! | format | what | one … per |
//! |---|---|---|
//! | [`Format::Jsonl`] | the article (`id`, `outlet`, `published`, `title`, `url`, `text`), `story`, `dup_of` and the whole `extraction` | article (line) |
//! | [`Format::Acled`] | ACLED-style CSV: `event_date, event_type, sub_event_type, actor1, actor2, admin1, location, latitude, longitude, source, notes, fatalities` | derived event (see [`events`]) |
//! | [`Format::Gkg`] | GDELT GKG 2.1-style tab-separated rows: the 27 columns, with COUNTS / V2.1COUNTS (`KILL#47#civilians#…#offset`), locations, persons, organisations, dates, amounts | article |
//! | [`Format::Geojson`] | an RFC 7946 FeatureCollection | place with coordinates, per article |
//!
//! The mapping of each format is documented in `docs/exports.md` (and at
//! each writer); the tables behind it are data files in `data/`.
//!
//! Places in extractions already carry their coordinates and governorate,
//! so nothing here needs the gazetteer. Filtering (dates, outlets) is the
//! caller's: an export takes whatever records it is given, streaming — one
//! record in memory at a time, whatever the size of the corpus.
//!
//! ```no_run
//! # use rasid_export::{ExportRecord, Exporter, Format};
//! # fn run(records: Vec<(rasid_model::Article, rasid_model::Extraction)>) -> Result<(), rasid_export::ExportError> {
//! let mut exporter = Exporter::new(Format::Geojson, std::io::stdout().lock())?;
//! for (article, extraction) in &records {
//!     exporter.write(&ExportRecord { article, extraction, story: None, dup_of: None })?;
//! }
//! let summary = exporter.finish()?;
//! eprintln!("{} articles, {} features", summary.articles, summary.rows);
//! # Ok(()) }
//! ```

mod acled;
mod context;
pub mod events;
mod geojson;
mod gkg;
mod jsonl;
pub mod rules;

use std::fmt;
use std::io::{self, BufWriter, Write};
use std::str::FromStr;

pub use context::Place;
pub use rasid_model::{Article, Extraction};

/// One article to export: what was read, what was extracted, and what the
/// corpus knows about it.
#[derive(Debug, Clone, Copy)]
pub struct ExportRecord<'a> {
    pub article: &'a Article,
    pub extraction: &'a Extraction,
    /// The story the article was clustered into.
    pub story: Option<i64>,
    /// The article this one is a near-duplicate of (same wire copy).
    pub dup_of: Option<&'a str>,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Jsonl,
    Acled,
    Gkg,
    Geojson,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Jsonl, Format::Acled, Format::Gkg, Format::Geojson];

    /// The name on the command line (`--format`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Acled => "acled",
            Format::Gkg => "gkg",
            Format::Geojson => "geojson",
        }
    }

    /// The usual file extension (GDELT names its tab-separated files `.csv`).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Acled => "csv",
            Format::Gkg => "gkg.csv",
            Format::Geojson => "geojson",
        }
    }

    /// The media type, for an HTTP response.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Jsonl => "application/x-ndjson",
            Format::Acled => "text/csv; charset=utf-8",
            Format::Gkg => "text/tab-separated-values; charset=utf-8",
            Format::Geojson => "application/geo+json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        let wanted = s.trim().to_ascii_lowercase();
        Format::ALL.into_iter().find(|f| f.as_str() == wanted).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown export format {s:?} (use one of: {})", names.join(", "))
        })
    }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write the export: {0}")]
    Io(#[from] io::Error),
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot write the JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    /// Records given.
    pub articles: u64,
    /// Lines, rows or features written (not counting headers).
    pub rows: u64,
    /// Records left out because they are near-duplicates of another (ACLED
    /// only: one wire copy is one event, not one per outlet that ran it).
    pub skipped_duplicates: u64,
}

/// A streaming exporter: [`Exporter::new`] writes any header,
/// [`Exporter::write`] one record, [`Exporter::finish`] the footer.
pub struct Exporter<W: Write> {
    format: Format,
    sink: Sink<W>,
    summary: ExportSummary,
}

enum Sink<W: Write> {
    Plain(BufWriter<W>),
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> Exporter<W> {
    pub fn new(format: Format, out: W) -> Result<Exporter<W>, ExportError> {
        let sink = match format {
            Format::Acled => {
                let mut csv = csv::WriterBuilder::new().has_headers(false).from_writer(out);
                csv.write_record(acled::HEADER)?;
                Sink::Csv(Box::new(csv))
            }
            Format::Jsonl | Format::Gkg | Format::Geojson => {
                let mut out = BufWriter::new(out);
                if format == Format::Geojson {
                    geojson::write_start(&mut out)?;
                }
                Sink::Plain(out)
            }
        };
        Ok(Exporter { format, sink, summary: ExportSummary::default() })
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Export one article.
    pub fn write(&mut self, record: &ExportRecord<'_>) -> Result<(), ExportError> {
        self.summary.articles += 1;
        match (&mut self.sink, self.format) {
            (Sink::Csv(csv), _) => {
                if record.dup_of.is_some() {
                    self.summary.skipped_duplicates += 1;
                    return Ok(());
                }
                self.summary.rows += acled::write(csv, record)?;
            }
            (Sink::Plain(out), Format::Jsonl) => self.summary.rows += jsonl::write(out, record)?,
            (Sink::Plain(out), Format::Gkg) => {
                let sequence = self.summary.rows + 1;
                self.summary.rows += gkg::write(out, record, sequence)?;
            }
            (Sink::Plain(out), Format::Geojson) => {
                self.summary.rows += geojson::write_features(out, record, self.summary.rows == 0)?;
            }
            (Sink::Plain(_), Format::Acled) => {}
        }
        Ok(())
    }

    /// Finish the output (close the GeoJSON collection) and flush it.
    pub fn finish(self) -> Result<ExportSummary, ExportError> {
        match self.sink {
            Sink::Csv(mut csv) => csv.flush()?,
            Sink::Plain(mut out) => {
                if self.format == Format::Geojson {
                    geojson::write_end(&mut out)?;
                }
                out.flush()?;
            }
        }
        Ok(self.summary)
    }
}

/// Export all `records` to `out` in `format`.
pub fn export<'a, W: Write>(
    format: Format,
    records: impl IntoIterator<Item = ExportRecord<'a>>,
    out: W,
) -> Result<ExportSummary, ExportError> {
    let mut exporter = Exporter::new(format, out)?;
    for record in records {
        exporter.write(&record)?;
    }
    exporter.finish()
}

/// A field made safe for a one-line, delimited format: line breaks and tabs
/// become spaces, and `forbidden` characters are dropped.
pub(crate) fn one_line(s: &str, forbidden: &[char]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if forbidden.contains(&c) {
            continue;
        }
        if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_name() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert_eq!(" GeoJSON ".parse::<Format>(), Ok(Format::Geojson));
        assert!("kml".parse::<Format>().is_err_and(|e| e.contains("acled")));
    }

    #[test]
    fn one_line_fields() {
        assert_eq!(one_line("a\tb\nc\r\n", &[]), "a b c");
        assert_eq!(one_line("x#y;z", &['#', ';']), "xyz");
    }
}
