//! Importers on hand-written fixtures (every format, good and bad input) and,
//! at run time, on the real files in shared/data.

mod common;

use rasid_gazetteer::{Gazetteer, ImportError, PlaceKind, import, load_boundaries, load_boundary_level};
use rasid_lexicon::Joined;
use rasid_text::Document;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn fixture(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(p)
}

fn found(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
    let doc = Document::new(text);
    let joined = Joined::new(&doc);
    g.find_places(&doc, &joined)
        .into_iter()
        .map(|m| (doc.slice(m.span).to_string(), g.place(m.place).id.clone()))
        .collect()
}

fn store_snapshot(home: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(home.join("gazetteer"))
        .expect("store dir")
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().to_string(), std::fs::read(e.path()).expect("read")))
        .collect();
    files.sort();
    files
}

#[test]
fn ocha_directory_imports_and_resolves_homonyms_by_context() {
    let home = tempfile::tempdir().expect("tempdir");
    let report = import(&fixture("ocha"), home.path()).expect("import");
    assert_eq!(report.format, "ocha-cod");
    assert_eq!(report.files.len(), 5);
    // the community named "3" has no Arabic name: skipped, with file and line
    assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
    assert!(report.skipped[0].contains("communities.tsv:7:"), "{}", report.skipped[0]);

    let (g, load) = Gazetteer::load(home.path()).expect("load");
    assert!(load.merged >= 2, "governorates and Ariha merge into the built-in entries");
    // admin1 merged into the built-in governorate by p-code: no second Idlib governorate
    assert_eq!(g.places().iter().filter(|p| p.pcode.as_deref() == Some("SY07")).count(), 1);
    // Ariha community merged into the built-in city, which gained its p-code
    assert_eq!(g.get("ariha").and_then(|p| p.pcode.as_deref()), Some("C9005"));
    // the spelling of the source's governorate is canonicalised
    let kom = g.places().iter().find(|p| p.pcode.as_deref() == Some("C9002")).expect("C9002");
    assert_eq!(kom.admin1.as_deref(), Some("إدلب"));
    assert_eq!(kom.en, "Kom");

    // A common word: not a place without context, a place with a descriptor;
    // which الكوم depends on the governorate the article is about.
    assert!(found(&g, "وصل الكوم إلى المدينة").is_empty());
    let idlib = found(&g, "قصفت الطائرات قرية الكوم في ريف إدلب الجنوبي");
    assert_eq!(idlib[0], ("الكوم".to_string(), kom.id.clone()));
    let latakia = found(&g, "قصفت الطائرات قرية الكوم في ريف اللاذقية الشمالي");
    assert_eq!(latakia[0].0, "الكوم");
    assert!(latakia[0].1.ends_with("c9001"), "{latakia:?}");

    // suffix-free names and name alternatives
    assert_eq!(found(&g, "اشتباكات في بلدة الغمامة بريف اللاذقية")[0].0, "الغمامة");
    assert_eq!(found(&g, "سقطت قذائف على تل الزعفران قرب أريحا")[0].0, "تل الزعفران");
    // glued and spaced spellings
    assert_eq!(found(&g, "وصلت قافلة إلى بلدة كفر تين")[0].0, "كفر تين");
    // a neighbourhood needs حي
    assert!(found(&g, "دعا إلى السلام في المنطقة").iter().all(|(s, _)| s != "السلام"));
    assert_eq!(found(&g, "قصف حي السلام في أريحا")[0].0, "السلام");
    // the central sub-district ("مركز أريحا") is not a match key
    assert!(g.lookup("مركز اريحا").iter().all(|p| p.kind != PlaceKind::Subdistrict));
}

#[test]
fn reimport_is_idempotent_and_single_files_work() {
    let home = tempfile::tempdir().expect("tempdir");
    import(&fixture("ocha"), home.path()).expect("first import");
    let first = store_snapshot(home.path());
    import(&fixture("ocha"), home.path()).expect("second import");
    assert_eq!(first, store_snapshot(home.path()));
    // a single file replaces its own store file only
    let r = import(&fixture("ocha/communities.tsv"), home.path()).expect("single file");
    assert_eq!(r.files.len(), 1);
    assert_eq!(first, store_snapshot(home.path()));
    // no temp files left behind
    assert!(store_snapshot(home.path()).iter().all(|(n, _)| !n.starts_with('.')));
}

#[test]
fn geonames_cities_dump_and_alternates() {
    let home = tempfile::tempdir().expect("tempdir");
    let r = import(&fixture("geonames/cities.tsv"), home.path()).expect("cities");
    assert_eq!(r.format, "geonames-cities");
    assert_eq!(r.places, 2);
    assert!(
        r.skipped.iter().any(|s| s.contains("cities.tsv:4:") && s.contains("latitude")),
        "{:?}",
        r.skipped
    );

    // the official dump and its alternate names, imported together
    let r = import(&fixture("geonames_dump"), home.path()).expect("dump");
    assert_eq!(r.format, "geonames-alternates+geonames-dump");
    let (g, _) = Gazetteer::load(home.path()).expect("load");
    let ward = g.places().iter().find(|p| p.geonames == Some(9900011)).expect("Qaryat al Ward");
    assert_eq!(ward.admin1.as_deref(), Some("حمص"), "GeoNames admin1 11 is Homs");
    assert_eq!(ward.kind, PlaceKind::Community);
    assert!(ward.names.iter().any(|n| n == "كفرورد"), "{:?}", ward.names);
    assert!(found(&g, "نزح السكان من بلدة كفرورد").iter().any(|(s, id)| s == "كفرورد" && *id == ward.id));
    // the historic alternate name is dropped, mountains (class T) are not kept
    assert!(g.lookup("سهل الورود القديم").is_empty());
    assert!(g.places().iter().all(|p| p.geonames != Some(9900012)));
    // cities500 row and OCHA-less store: the Arabic name is a match key
    assert!(!g.lookup("خربة النقطة").is_empty());
}

#[test]
fn geonames_alternates_alone_join_the_stored_dump() {
    let home = tempfile::tempdir().expect("tempdir");
    import(&fixture("geonames_dump/SY.txt"), home.path()).expect("dump");
    let r = import(&fixture("geonames_dump/alternateNamesV2.txt"), home.path()).expect("alternates");
    assert_eq!(r.format, "geonames-alternates");
    let (g, _) = Gazetteer::load(home.path()).expect("load");
    assert_eq!(g.lookup("كفرورد").first().and_then(|p| p.geonames), Some(9900011));
}

#[test]
fn opensyria_merges_by_pcode_and_adds_aliases() {
    let home = tempfile::tempdir().expect("tempdir");
    let r = import(&fixture("opensyria"), home.path()).expect("opensyria");
    assert_eq!(r.format, "opensyria");
    assert!(r.skipped.iter().any(|s| s.contains("sources.json") && s.contains("skipped")), "{:?}", r.skipped);
    assert!(
        r.skipped.iter().any(|s| s.contains("districts.json:2:") && s.contains("no Arabic name")),
        "{:?}",
        r.skipped
    );
    let (g, _) = Gazetteer::load(home.path()).expect("load");
    let idlib = g.get("idlib").expect("idlib");
    assert_eq!(idlib.population, Some(1_500_000));
    assert_eq!(g.lookup("إدلب الخضراء").first().map(|p| p.id.as_str()), Some("idlib"));
    let ariha_district = g.places().iter().find(|p| p.pcode.as_deref() == Some("SY0701")).expect("district");
    assert_eq!(ariha_district.kind, PlaceKind::District);
    assert_eq!(ariha_district.admin1.as_deref(), Some("إدلب"), "governorate from the p-code");
    // the district does not take the bare name from the city
    assert_eq!(found(&g, "قصف على أريحا")[0].1, "ariha");
}

#[test]
fn boundaries_are_stored_for_maps() {
    let home = tempfile::tempdir().expect("tempdir");
    assert!(load_boundaries(home.path()).expect("none yet").is_none());
    let r = import(&fixture("boundaries/adm1.geojson"), home.path()).expect("geojson");
    assert_eq!(r.format, "ocha-boundaries");
    assert_eq!(r.places, 2);
    let b = load_boundaries(home.path()).expect("load").expect("adm1");
    assert_eq!(b.level, "adm1");
    assert_eq!(b.containing(36.6, 35.9).map(|f| f.pcode.as_str()), Some("SY07"));
    assert_eq!(b.containing(35.8, 35.5).map(|f| f.ar.as_str()), Some("اللاذقية"));
    assert!(load_boundary_level(home.path(), "adm2").expect("adm2").is_none());
}

fn malformed(r: Result<rasid_gazetteer::ImportReport, ImportError>) -> (PathBuf, usize, String) {
    match r {
        Err(ImportError::Malformed { file, line, reason }) => (file, line, reason),
        other => panic!("expected a malformed-file error, got {other:?}"),
    }
}

#[test]
fn malformed_files_are_rejected_with_file_line_reason() {
    let home = tempfile::tempdir().expect("tempdir");
    let (file, line, reason) = malformed(import(&fixture("bad/wrong_columns.tsv"), home.path()));
    assert!(file.ends_with("wrong_columns.tsv"));
    assert_eq!(line, 2);
    assert!(reason.contains("expected 5 columns, found 4"), "{reason}");

    let (_, line, reason) = malformed(import(&fixture("bad/missing_column.tsv"), home.path()));
    assert_eq!(line, 1);
    assert!(reason.contains("name_ar"), "{reason}");

    let (_, _, reason) = malformed(import(&fixture("bad/not_json.geojson"), home.path()));
    assert!(reason.starts_with("not JSON"), "{reason}");

    let (_, line, reason) = malformed(import(&fixture("bad/bad_coordinates.tsv"), home.path()));
    assert_eq!(line, 2);
    assert!(reason.contains("2 of 3 rows unusable") && reason.contains("latitude"), "{reason}");

    // one bad row of three: skipped and reported, the rest imported
    let r = import(&fixture("bad/one_bad_coordinate.tsv"), home.path()).expect("partly bad");
    assert_eq!(r.places, 2);
    assert!(r.skipped[0].contains("one_bad_coordinate.tsv:4: bad longitude"), "{:?}", r.skipped);

    // invalid UTF-8, with its line
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("latin1.tsv");
    let mut bytes = b"pcode\tname_en\tname_ar\nSY01\tDamascus\tDamascus\n".to_vec();
    bytes.extend_from_slice(b"SY02\tAleppo\t\xe9\xe9\n");
    std::fs::write(&bad, bytes).expect("write");
    let (_, line, reason) = malformed(import(&bad, home.path()));
    assert_eq!((line, reason.as_str()), (3, "invalid UTF-8"));

    // unknown formats
    assert!(matches!(import(&fixture("README.md"), home.path()), Err(ImportError::UnknownFormat { .. })));
    assert!(matches!(import(&fixture("bad/nonexistent.tsv"), home.path()), Err(ImportError::Io { .. })));
}

#[test]
fn a_failed_import_leaves_the_store_as_it_was() {
    let home = tempfile::tempdir().expect("tempdir");
    import(&fixture("ocha"), home.path()).expect("good import");
    let before = store_snapshot(home.path());
    // a directory with a good file and a broken one: nothing is written
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture("ocha/communities.tsv"), dir.path().join("communities.tsv")).expect("copy");
    let mut broken = std::fs::read_to_string(fixture("ocha/admin1.tsv")).expect("read");
    broken.push_str("SY99\tBroken\n");
    std::fs::write(dir.path().join("admin1.tsv"), broken).expect("write");
    assert!(import(dir.path(), home.path()).is_err());
    assert_eq!(before, store_snapshot(home.path()));
}

// ---- the real files, when present ----

#[test]
fn real_ocha_gazetteer() {
    let Some(ocha) = common::data_dir("syria-ocha-cod-gazetteer") else { return };
    let home = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let r = import(&ocha, home.path()).expect("import");
    println!("OCHA import: {} places, {:?}, skipped {:?}", r.places, t.elapsed(), r.skipped);
    assert_eq!(r.files.len(), 5);
    assert!(r.places > 8000);
    // only unrecognised files (SOURCE.md) and rows without an Arabic name are skipped
    assert!(
        r.skipped.iter().all(|s| s.contains("SOURCE.md") || s.contains("no Arabic name")),
        "{:?}",
        r.skipped
    );
    let t = Instant::now();
    let (g, load) = Gazetteer::load(home.path()).expect("load");
    println!(
        "OCHA load: {} places, {} keys, {} merged, {:?}",
        load.places,
        load.names,
        load.merged,
        t.elapsed()
    );
    assert!(g.lookup("دوما").len() >= 3, "three communities are called دوما");
    assert_eq!(g.lookup("دوما")[0].id, "douma");
    // each file alone
    for f in ["admin1.tsv", "admin2.tsv", "admin3.tsv", "communities.tsv", "neighbourhoods.tsv"] {
        let home = tempfile::tempdir().expect("tempdir");
        let r = import(&ocha.join(f), home.path()).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert!(r.places > 10, "{f}");
    }
}

#[test]
fn real_geonames_opensyria_and_boundaries() {
    let (Some(gn), Some(os), Some(b), Some(ocha)) = (
        common::data_dir("syria-geonames-cities500"),
        common::data_dir("syria-opensyria-admin"),
        common::data_dir("syria-ocha-boundaries"),
        common::data_dir("syria-ocha-cod-gazetteer"),
    ) else {
        return;
    };
    let home = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let r1 = import(&ocha, home.path()).expect("ocha");
    let r2 = import(&gn, home.path()).expect("geonames");
    let r3 = import(&os, home.path()).expect("opensyria");
    let r4 = import(&b, home.path()).expect("boundaries");
    println!(
        "import OCHA {} + GeoNames {} + OpenSyria {} places + {} boundary features: {:?}",
        r1.places,
        r2.places,
        r3.places,
        r4.places,
        t.elapsed()
    );
    assert_eq!(r2.format, "geonames-cities");
    assert!(r2.places > 250);
    assert_eq!(r3.format, "opensyria");
    assert_eq!(r4.format, "ocha-boundaries");
    let t = Instant::now();
    let (g, load) = Gazetteer::load(home.path()).expect("load");
    println!(
        "load OCHA + GeoNames + OpenSyria: {} places, {} keys, {} merged, {:?}",
        load.places,
        load.names,
        load.merged,
        t.elapsed()
    );
    assert_eq!(g.places().iter().filter(|p| p.kind == PlaceKind::Governorate).count(), 14);
    let adm1 = load_boundaries(home.path()).expect("load").expect("adm1");
    assert_eq!(adm1.features.len(), 14);
    let idlib = g.get("idlib_city").expect("idlib city");
    let (lat, lon) = (idlib.lat.unwrap_or(0.0), idlib.lon.unwrap_or(0.0));
    assert_eq!(adm1.containing(lon, lat).map(|f| f.pcode.as_str()), Some("SY07"));
    for level in ["adm0", "adm2", "adm3", "neighbourhoods"] {
        assert!(load_boundary_level(home.path(), level).expect("level").is_some(), "{level}");
    }
}
