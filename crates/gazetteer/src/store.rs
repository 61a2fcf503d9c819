//! The imported gazetteer on disk: `home/gazetteer/<source>-<part>.tsv`, one
//! compact TSV per imported file kind, written atomically (temp file, then
//! rename), so a re-import replaces exactly what the same kind of input
//! produced before and a failed import leaves the previous store intact.
//!
//! Place files have the header [`PLACE_COLUMNS`]; `names` holds every Arabic
//! name of the place separated by `|`. `geonames-alternates.tsv` holds
//! `geonameid<TAB>names`, joined to GeoNames places when loading.

use crate::build::Builder;
use crate::{GazetteerError, LoadReport, Place, PlaceKind};
use std::io::Write;
use std::path::{Path, PathBuf};

pub const PLACE_COLUMNS: [&str; 15] = [
    "id",
    "kind",
    "ar",
    "en",
    "lat",
    "lon",
    "admin1",
    "admin1_en",
    "admin2",
    "pcode",
    "parent",
    "population",
    "country",
    "geonames",
    "names",
];

pub const ALTERNATES_FILE: &str = "geonames-alternates.tsv";

pub fn store_dir(home: &Path) -> PathBuf {
    home.join("gazetteer")
}

/// The source name of a store file (`ocha-communities.tsv` → `ocha`).
pub fn source_of(file_name: &str) -> &'static str {
    match file_name.split(['-', '.']).next().unwrap_or("") {
        "ocha" => "ocha",
        "geonames" => "geonames",
        "opensyria" => "opensyria",
        _ => "imported",
    }
}

/// Load order: admin units before villages (so villages find their
/// governorates), OCHA before GeoNames (so GeoNames merges into OCHA's
/// communities rather than the reverse).
fn load_rank(file_name: &str) -> (u8, String) {
    let rank = [
        "opensyria-governorates",
        "opensyria-districts",
        "opensyria-subdistricts",
        "ocha-admin1",
        "ocha-admin2",
        "ocha-admin3",
        "ocha-communities",
        "ocha-neighbourhoods",
    ]
    .iter()
    .position(|p| file_name.starts_with(p))
    .unwrap_or(if file_name.starts_with("geonames") { 20 } else { 30 });
    (rank as u8, file_name.to_string())
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn fmt_opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| clean(&x.to_string())).unwrap_or_default()
}

/// One place as a store row.
pub fn place_row(p: &Place) -> String {
    let names: Vec<String> = p.names.iter().map(|n| clean(n).replace('|', "/")).collect();
    [
        clean(&p.id),
        p.kind.as_str().to_string(),
        clean(&p.ar),
        clean(&p.en),
        p.lat.map(|v| format!("{v:.6}")).unwrap_or_default(),
        p.lon.map(|v| format!("{v:.6}")).unwrap_or_default(),
        fmt_opt(&p.admin1),
        fmt_opt(&p.admin1_en),
        fmt_opt(&p.admin2),
        fmt_opt(&p.pcode),
        fmt_opt(&p.parent),
        fmt_opt(&p.population),
        fmt_opt(&p.country),
        fmt_opt(&p.geonames),
        names.join("|"),
    ]
    .join("\t")
}

pub fn places_file(places: &[Place]) -> String {
    let mut out = String::with_capacity(places.len() * 160);
    out.push_str(&PLACE_COLUMNS.join("\t"));
    out.push('\n');
    for p in places {
        out.push_str(&place_row(p));
        out.push('\n');
    }
    out
}

/// Write `contents` to `path` through a temp file in the same folder and a
/// rename: readers see the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("store");
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn store_err(file: &Path, line: usize, reason: impl Into<String>) -> GazetteerError {
    GazetteerError::Store { file: file.to_path_buf(), line, reason: reason.into() }
}

fn parse_place(
    fields: &[&str],
    source: &'static str,
    file: &Path,
    line: usize,
) -> Result<Place, GazetteerError> {
    let o = |i: usize| -> Option<String> { (!fields[i].is_empty()).then(|| fields[i].to_string()) };
    let num = |i: usize| -> Result<Option<f64>, GazetteerError> {
        if fields[i].is_empty() {
            return Ok(None);
        }
        fields[i].parse::<f64>().ok().filter(|v| v.is_finite()).map(Some).ok_or_else(|| {
            store_err(file, line, format!("bad number {:?} in column {}", fields[i], PLACE_COLUMNS[i]))
        })
    };
    let int = |i: usize| -> Result<Option<u64>, GazetteerError> {
        if fields[i].is_empty() {
            return Ok(None);
        }
        fields[i].parse::<u64>().map(Some).map_err(|_| {
            store_err(file, line, format!("bad integer {:?} in column {}", fields[i], PLACE_COLUMNS[i]))
        })
    };
    let kind = PlaceKind::parse(fields[1])
        .ok_or_else(|| store_err(file, line, format!("unknown kind {:?}", fields[1])))?;
    Ok(Place {
        id: fields[0].to_string(),
        ar: fields[2].to_string(),
        en: fields[3].to_string(),
        kind,
        lat: num(4)?,
        lon: num(5)?,
        admin1: o(6),
        admin1_en: o(7),
        admin2: o(8),
        pcode: o(9),
        parent: o(10),
        population: int(11)?,
        country: o(12),
        geonames: int(13)?,
        source,
        names: fields[14].split('|').filter(|n| !n.is_empty()).map(String::from).collect(),
        priority: 0,
    })
}

fn read(path: &Path) -> Result<String, GazetteerError> {
    std::fs::read_to_string(path).map_err(|source| GazetteerError::Io { path: path.to_path_buf(), source })
}

/// Read every store file of `dir` into the builder. A missing folder is an
/// empty store.
pub fn load_into(dir: &Path, builder: &mut Builder, report: &mut LoadReport) -> Result<(), GazetteerError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(GazetteerError::Io { path: dir.to_path_buf(), source }),
    };
    let mut files: Vec<(u8, String, PathBuf)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| GazetteerError::Io { path: dir.to_path_buf(), source })?;
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".tsv") && !name.starts_with('.') && name != ALTERNATES_FILE {
            let (rank, key) = load_rank(&name);
            files.push((rank, key, entry.path()));
        }
    }
    files.sort();
    for (_, name, path) in &files {
        let text = read(path)?;
        let source = source_of(name);
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, header)) if header.split('\t').eq(PLACE_COLUMNS) => {}
            _ => return Err(store_err(path, 1, "not a gazetteer store file (unexpected header)")),
        }
        let mut count = 0;
        for (i, line) in lines {
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != PLACE_COLUMNS.len() {
                return Err(store_err(
                    path,
                    i + 1,
                    format!("expected {} columns, found {}", PLACE_COLUMNS.len(), fields.len()),
                ));
            }
            builder.add_imported(parse_place(&fields, source, path, i + 1)?);
            count += 1;
        }
        report.files.push((path.clone(), count));
    }
    let alternates = dir.join(ALTERNATES_FILE);
    if alternates.exists() {
        let text = read(&alternates)?;
        let mut count = 0;
        for (i, line) in text.lines().enumerate().skip(1) {
            let Some((id, names)) = line.split_once('\t') else { continue };
            let id: u64 =
                id.parse().map_err(|_| store_err(&alternates, i + 1, format!("bad geonameid {id:?}")))?;
            let names: Vec<String> = names.split('|').filter(|n| !n.is_empty()).map(String::from).collect();
            builder.add_alternate_names(id, &names);
            count += 1;
        }
        report.files.push((alternates, count));
    }
    Ok(())
}
