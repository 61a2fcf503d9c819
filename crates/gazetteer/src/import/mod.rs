//! Importers: gazetteer files in, store files (`home/gazetteer/`) out.
//!
//! [`import()`] takes a file or a directory and recognises each file by its
//! content, not its name:
//!
//! | format | recognised by |
//! | --- | --- |
//! | OCHA COD admin1/2/3, communities, neighbourhoods (TSV) | header columns (`pcode`, `admin1_pcode`, `location_pcode`, `area_pcode` …) |
//! | GeoNames `cities500`-style TSV | header with `geonameid` and `names_ar` |
//! | GeoNames dump (`SY.txt`, `allCountries.txt`) | no header, 19 tab-separated columns, numeric id |
//! | GeoNames `alternateNamesV2.txt` / `alternateNames.txt` | no header, 10 (or 8) columns, two numeric ids |
//! | OpenSyria admin JSON | a JSON array of records with `name.ar` |
//! | OCHA boundaries GeoJSON | a `FeatureCollection` with `ADMn_PCODE` / `PCODE` properties |
//!
//! **Bad input.** A file that cannot be read as its format — invalid UTF-8, a
//! missing header column, a row with the wrong number of columns, text that
//! is not JSON, a broken geometry — is rejected with `file:line: reason`.
//! Rows that are well-formed but unusable (a coordinate that is not a number
//! or out of range, no Arabic name, no p-code) are skipped and listed in
//! [`ImportReport::skipped`] as `file:line: reason`; if more than half of a
//! file's rows are unusable the file is rejected instead, since it is then
//! more likely the wrong file than a few bad rows. Everything is parsed and
//! checked before anything is written, and each store file is written through
//! a temp file and a rename: a failed import leaves the store as it was.
//!
//! **Re-import.** Each kind of input has its own store file
//! (`ocha-communities.tsv`, `geonames-sy.tsv`, `boundaries-adm1.json` …),
//! replaced whole by the next import of the same kind: importing the same
//! source twice gives the same store.

mod geojson;
mod geonames;
mod ocha;
mod opensyria;

use crate::store::{self, ALTERNATES_FILE};
use crate::{Boundaries, Place};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The format(s) recognised (`ocha-cod`, `geonames-cities`, `geonames-dump`,
    /// `geonames-alternates`, `opensyria`, `ocha-boundaries`), `+`-joined.
    pub format: String,
    /// Store files written.
    pub files: Vec<PathBuf>,
    /// Places (or boundary features, or alternate-name sets) stored.
    pub places: usize,
    /// `file:line: reason` for every row left out, and files of a directory
    /// that were not recognised.
    pub skipped: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{file}:{line}: {reason}")]
    Malformed { file: PathBuf, line: usize, reason: String },
    #[error("{path}: not a gazetteer file this importer knows ({reason})")]
    UnknownFormat { path: PathBuf, reason: String },
}

impl ImportError {
    pub(crate) fn malformed(file: &Path, line: usize, reason: impl Into<String>) -> ImportError {
        ImportError::Malformed { file: file.to_path_buf(), line, reason: reason.into() }
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Io { path: path.to_path_buf(), source }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    OchaAdmin1,
    OchaAdmin2,
    OchaAdmin3,
    OchaCommunities,
    OchaNeighbourhoods,
    GeonamesCities,
    GeonamesDump,
    GeonamesAlternates,
    OpenSyria,
    GeoJson,
}

impl Format {
    fn family(self) -> &'static str {
        match self {
            Format::OchaAdmin1
            | Format::OchaAdmin2
            | Format::OchaAdmin3
            | Format::OchaCommunities
            | Format::OchaNeighbourhoods => "ocha-cod",
            Format::GeonamesCities => "geonames-cities",
            Format::GeonamesDump => "geonames-dump",
            Format::GeonamesAlternates => "geonames-alternates",
            Format::OpenSyria => "opensyria",
            Format::GeoJson => "ocha-boundaries",
        }
    }
}

/// What parsing one input file produced.
pub(crate) enum Output {
    /// Places for the store file `name`.
    Places {
        name: String,
        places: Vec<Place>,
    },
    /// GeoNames alternate names per geonameid.
    Alternates(Vec<(u64, Vec<String>)>),
    Boundaries(Boundaries),
}

/// Counts good and skipped rows of one file and applies the "more than half
/// unusable" rule.
pub(crate) struct RowLog<'a> {
    pub file: &'a Path,
    pub rows: usize,
    pub skipped: Vec<String>,
    first_bad_line: usize,
}

impl<'a> RowLog<'a> {
    pub fn new(file: &'a Path) -> Self {
        RowLog { file, rows: 0, skipped: Vec::new(), first_bad_line: 0 }
    }

    pub fn skip(&mut self, line: usize, reason: impl AsRef<str>) {
        if self.skipped.is_empty() {
            self.first_bad_line = line;
        }
        self.skipped.push(format!("{}:{}: {}", self.file.display(), line, reason.as_ref()));
    }

    pub fn finish(self) -> Result<Vec<String>, ImportError> {
        if self.rows > 0 && self.skipped.len() * 2 > self.rows {
            return Err(ImportError::malformed(
                self.file,
                self.first_bad_line,
                format!(
                    "{} of {} rows unusable, first: {}",
                    self.skipped.len(),
                    self.rows,
                    self.skipped.first().map(String::as_str).unwrap_or("")
                ),
            ));
        }
        Ok(self.skipped)
    }
}

/// Parse a coordinate field; `None` with a reason if it is not one.
pub(crate) fn coordinate(s: &str, what: &str, limit: f64) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Ok(v),
        _ => Err(format!("bad {what} {s:?}")),
    }
}

pub(crate) fn lat_lon(lat: &str, lon: &str) -> Result<(f64, f64), String> {
    Ok((coordinate(lat, "latitude", 90.0)?, coordinate(lon, "longitude", 180.0)?))
}

/// Read a text file line by line (1-based line numbers, `\r` stripped),
/// rejecting invalid UTF-8 with its line.
pub(crate) fn for_each_line(
    path: &Path,
    mut f: impl FnMut(usize, &str) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let file = std::fs::File::open(path).map_err(io_err(path))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut buf = Vec::with_capacity(256);
    let mut line = 0usize;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(io_err(path))?;
        if n == 0 {
            return Ok(());
        }
        line += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let text =
            std::str::from_utf8(&buf).map_err(|_| ImportError::malformed(path, line, "invalid UTF-8"))?;
        let text = if line == 1 { text.trim_start_matches('\u{feff}') } else { text };
        f(line, text)?;
    }
}

/// A header-led TSV: the header's columns by name, every row checked for
/// the header's column count.
pub(crate) struct Tsv {
    pub columns: HashMap<String, usize>,
    pub width: usize,
}

impl Tsv {
    pub fn from_header(path: &Path, header: &str, required: &[&str]) -> Result<Tsv, ImportError> {
        let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
        let columns: HashMap<String, usize> =
            cols.iter().enumerate().map(|(i, c)| (c.to_string(), i)).collect();
        for r in required {
            if !columns.contains_key(*r) {
                return Err(ImportError::malformed(path, 1, format!("missing column {r:?}")));
            }
        }
        Ok(Tsv { columns, width: cols.len() })
    }

    pub fn split<'l>(&self, path: &Path, line: usize, text: &'l str) -> Result<Vec<&'l str>, ImportError> {
        let fields: Vec<&str> = text.split('\t').collect();
        if fields.len() != self.width {
            return Err(ImportError::malformed(
                path,
                line,
                format!("expected {} columns, found {}", self.width, fields.len()),
            ));
        }
        Ok(fields)
    }

    /// The field of column `name` (empty when the header lacks it).
    pub fn get<'l>(&self, fields: &[&'l str], name: &str) -> &'l str {
        self.columns.get(name).and_then(|&i| fields.get(i)).map(|s| s.trim()).unwrap_or("")
    }
}

/// The first line of a file and its leading non-space byte, for detection.
fn peek(path: &Path) -> Result<(Vec<u8>, Option<u8>), ImportError> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(io_err(path))?;
    let mut buf = vec![0u8; 1 << 16];
    let mut filled = 0;
    while filled < buf.len() {
        let n = file.read(&mut buf[filled..]).map_err(io_err(path))?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    buf.truncate(filled);
    let body = buf.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(&buf);
    let first = body.iter().copied().find(|b| !b.is_ascii_whitespace());
    let line_end = body.iter().position(|&b| b == b'\n').unwrap_or(body.len());
    Ok((body[..line_end].to_vec(), first))
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Recognise a file's format from its content.
pub(crate) fn detect(path: &Path) -> Result<Result<Format, String>, ImportError> {
    let (first_line, first_byte) = peek(path)?;
    match first_byte {
        None => return Ok(Err("empty file".into())),
        Some(b'{' | b'[') => {
            let text = std::fs::read(path).map_err(io_err(path))?;
            let text = std::str::from_utf8(&text).map_err(|e| {
                let line = text[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
                ImportError::malformed(path, line, "invalid UTF-8")
            })?;
            let value: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
                .map_err(|e| ImportError::malformed(path, e.line(), format!("not JSON: {e}")))?;
            if value.get("type").and_then(|t| t.as_str()) == Some("FeatureCollection") {
                return Ok(Ok(Format::GeoJson));
            }
            if let Some(items) = value.as_array()
                && items.iter().any(|o| o.pointer("/name/ar").is_some())
            {
                return Ok(Ok(Format::OpenSyria));
            }
            return Ok(Err("JSON, but neither a GeoJSON FeatureCollection nor OpenSyria records".into()));
        }
        Some(_) => {}
    }
    let Ok(line) = std::str::from_utf8(&first_line) else {
        return Err(ImportError::malformed(path, 1, "invalid UTF-8"));
    };
    let cols: Vec<&str> = line.trim_end_matches('\r').split('\t').map(str::trim).collect();
    let has = |c: &str| cols.contains(&c);
    let format = if has("location_pcode") {
        Format::OchaCommunities
    } else if has("area_pcode") {
        Format::OchaNeighbourhoods
    } else if has("pcode") && has("admin2_pcode") {
        Format::OchaAdmin3
    } else if has("pcode") && has("admin1_pcode") {
        Format::OchaAdmin2
    } else if has("pcode") && has("name_ar") {
        Format::OchaAdmin1
    } else if has("geonameid") && (has("names_ar") || has("alternatenames")) {
        Format::GeonamesCities
    } else if cols.len() == 19 && is_digits(cols[0]) {
        Format::GeonamesDump
    } else if (4..=10).contains(&cols.len()) && is_digits(cols[0]) && is_digits(cols[1]) {
        Format::GeonamesAlternates
    } else {
        return Ok(Err(format!("unrecognised first line {:?}", line.chars().take(80).collect::<String>())));
    };
    Ok(Ok(format))
}

fn parse(path: &Path, format: Format, log: &mut Vec<String>) -> Result<Output, ImportError> {
    match format {
        Format::OchaAdmin1
        | Format::OchaAdmin2
        | Format::OchaAdmin3
        | Format::OchaCommunities
        | Format::OchaNeighbourhoods => ocha::parse(path, format, log),
        Format::GeonamesCities => geonames::parse_cities(path, log),
        Format::GeonamesDump => geonames::parse_dump(path, log),
        Format::GeonamesAlternates => geonames::parse_alternates(path, log),
        Format::OpenSyria => opensyria::parse(path, log),
        Format::GeoJson => geojson::parse(path).map(Output::Boundaries),
    }
}

/// Import a gazetteer file, or every gazetteer file of a directory, into
/// `home/gazetteer/`. See the module documentation for formats and for what
/// happens with bad input.
pub fn import(path: &Path, home: &Path) -> Result<ImportReport, ImportError> {
    let meta = std::fs::metadata(path).map_err(io_err(path))?;
    let mut inputs: Vec<(PathBuf, Format)> = Vec::new();
    let mut report = ImportReport::default();
    if meta.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io_err(path))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in files {
            match detect(&f)? {
                Ok(format) => inputs.push((f, format)),
                Err(reason) => {
                    report.skipped.push(format!("{}: not a gazetteer file ({reason}), skipped", f.display()))
                }
            }
        }
        if inputs.is_empty() {
            return Err(ImportError::UnknownFormat {
                path: path.to_path_buf(),
                reason: "no gazetteer file in the directory".into(),
            });
        }
    } else {
        match detect(path)? {
            Ok(format) => inputs.push((path.to_path_buf(), format)),
            Err(reason) => return Err(ImportError::UnknownFormat { path: path.to_path_buf(), reason }),
        }
    }

    // Parse and check everything before writing anything.
    let mut outputs = Vec::new();
    for (file, format) in &inputs {
        outputs.push(parse(file, *format, &mut report.skipped)?);
    }
    let families: BTreeSet<&str> = inputs.iter().map(|(_, f)| f.family()).collect();
    report.format = families.into_iter().collect::<Vec<_>>().join("+");

    // GeoNames alternate names: keep those of places this import or the
    // store has, when there are any (the world file is large).
    let dir = store::store_dir(home);
    let mut known_ids: HashSet<u64> = outputs
        .iter()
        .filter_map(|o| match o {
            Output::Places { places, .. } => Some(places.iter().filter_map(|p| p.geonames)),
            _ => None,
        })
        .flatten()
        .collect();
    if outputs.iter().any(|o| matches!(o, Output::Alternates(_))) && known_ids.is_empty() {
        known_ids = stored_geonames_ids(&dir)?;
    }

    let mut writes: Vec<(PathBuf, Vec<u8>, usize)> = Vec::new();
    let mut alternates: Vec<(u64, Vec<String>)> = Vec::new();
    for output in outputs {
        match output {
            Output::Places { name, places } => {
                writes.push((dir.join(&name), store::places_file(&places).into_bytes(), places.len()));
            }
            Output::Alternates(rows) => alternates.extend(rows),
            Output::Boundaries(b) => {
                let json = serde_json::to_vec(&b).map_err(|e| ImportError::Malformed {
                    file: path.to_path_buf(),
                    line: 0,
                    reason: e.to_string(),
                })?;
                let n = b.features.len();
                writes.push((dir.join(crate::boundaries::boundary_file(&b.level)), json, n));
            }
        }
    }
    if !alternates.is_empty() || inputs.iter().any(|(_, f)| *f == Format::GeonamesAlternates) {
        let mut merged: HashMap<u64, Vec<String>> = HashMap::new();
        for (id, names) in alternates {
            if known_ids.is_empty() || known_ids.contains(&id) {
                let entry = merged.entry(id).or_default();
                for n in names {
                    if !entry.contains(&n) {
                        entry.push(n);
                    }
                }
            }
        }
        let mut ids: Vec<&u64> = merged.keys().collect();
        ids.sort();
        let mut text = String::from("geonameid\tnames\n");
        for id in &ids {
            text.push_str(&format!("{id}\t{}\n", merged[id].join("|")));
        }
        writes.push((dir.join(ALTERNATES_FILE), text.into_bytes(), ids.len()));
    }
    for (file, contents, n) in writes {
        store::write_atomic(&file, &contents).map_err(io_err(&file))?;
        report.files.push(file);
        report.places += n;
    }
    Ok(report)
}

/// GeoNames ids of the places already in the store.
fn stored_geonames_ids(dir: &Path) -> Result<HashSet<u64>, ImportError> {
    let mut ids = HashSet::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(ids) };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !name.starts_with("geonames") || name == ALTERNATES_FILE || !name.ends_with(".tsv") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).map_err(io_err(&e.path()))?;
        let col = store::PLACE_COLUMNS.iter().position(|c| *c == "geonames").unwrap_or(13);
        for line in text.lines().skip(1) {
            if let Some(id) = line.split('\t').nth(col).and_then(|v| v.parse().ok()) {
                ids.insert(id);
            }
        }
    }
    Ok(ids)
}

/// The store-file part of an input file's stem (`SY.txt` → `sy`).
pub(crate) fn stem_slug(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("input");
    let s = crate::names::slug(stem);
    if s.is_empty() { "input".into() } else { s }
}
