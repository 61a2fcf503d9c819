//! Output files: a safe file name for any article id, and atomic writes.
//!
//! Ids come from the input, so they are hostile until proven otherwise: a
//! `../../etc/x` id must still land inside the output directory. The file
//! name is the id with every unsafe byte percent-encoded, which keeps
//! ordinary ids (ASCII, Arabic) readable, is reversible, and so never maps two
//! ids to one file. Only ids too long for a file name are cut, and those get a
//! hash of the whole id so they stay apart.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Longest file stem written, in bytes: leaves room for `.json` under the
/// common 255-byte file name limit, with a margin.
pub const MAX_STEM_BYTES: usize = 200;

/// Marks a cut stem (`<prefix>~<hash>`); never produced otherwise, because a
/// `~` in an id is percent-encoded.
const CUT_MARK: char = '~';

/// Whether `c` may stand for itself in a file name at position `first` or not.
fn is_kept(c: char, first: bool) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' => true,
        // A leading dot would make `.`, `..` or a hidden file.
        '.' => !first,
        c if !c.is_ascii() => c.is_alphanumeric(),
        _ => false,
    }
}

/// The file stem (name without `.json`) for an article id: no path
/// separators, no control characters, never `.` or `..`, at most
/// [`MAX_STEM_BYTES`] bytes, and different ids give different stems.
pub fn file_stem(id: &str) -> String {
    let mut stem = String::with_capacity(id.len());
    for (i, c) in id.chars().enumerate() {
        if is_kept(c, i == 0) {
            stem.push(c);
        } else {
            let mut utf8 = [0u8; 4];
            for b in c.encode_utf8(&mut utf8).bytes() {
                stem.push_str(&format!("%{b:02X}"));
            }
        }
    }
    if stem.len() <= MAX_STEM_BYTES {
        return stem;
    }
    // Cut at a character boundary outside any %XX, then add the hash.
    let suffix = format!("{CUT_MARK}{:016x}", fnv1a64(id.as_bytes()));
    let budget = MAX_STEM_BYTES - suffix.len();
    let mut cut = 0;
    let mut pieces = stem.char_indices().peekable();
    while let Some((at, c)) = pieces.next() {
        let width = if c == '%' { 3 } else { c.len_utf8() };
        if at + width > budget {
            break;
        }
        cut = at + width;
        if c == '%' {
            pieces.next();
            pieces.next();
        }
    }
    stem.truncate(cut);
    stem.push_str(&suffix);
    stem
}

/// The id a stem was made from, or `None` when the stem was cut (or is not
/// one [`file_stem`] makes).
pub fn id_from_stem(stem: &str) -> Option<String> {
    if stem.contains(CUT_MARK) {
        return None;
    }
    let bytes = stem.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = stem.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// FNV-1a, 64 bits: a hash that is the same on every platform and release
/// (std's `DefaultHasher` promises neither), so cut names are stable.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Write `bytes` to `dir/name` so that readers (and a crash) only ever see
/// the old file or the whole new one: write a temporary file in the same
/// directory, then rename it over the target.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    commit(stage(dir, bytes)?, dir, name)
}

/// The first half of [`write_atomically`]: `bytes` in a temporary file of
/// `dir`, removed if it is dropped before [`commit`].
pub fn stage(dir: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rasid-").suffix(".tmp");
    // A temporary file is private (0600) by default, and the rename keeps
    // that: ask for what any other written file gets (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    Ok(tmp)
}

/// The second half of [`write_atomically`]: the staged file renamed to
/// `dir/name`, replacing what was there.
pub fn commit(staged: tempfile::NamedTempFile, dir: &Path, name: &str) -> io::Result<()> {
    staged.persist(dir.join(name)).map_err(|e| e.error)?;
    Ok(())
}

/// A directory that many files are written into atomically (the output of
/// `rasid extract --jsonl`): each file appears whole under its name or not
/// at all, as with [`write_atomically`], at a lower cost per file.
///
/// On Linux a file is first written as an anonymous file of the directory
/// (`O_TMPFILE`) and then given its name with one `linkat`: of the
/// descriptor itself where the kernel allows it (Linux 6.10 and later allow
/// it for a file the process opened), or else of its `/proc/self/fd` path,
/// whose lookup was half the cost of the link on tmpfs. A named
/// temporary file costs a directory entry made, then a rename (an entry
/// removed and one made), each under the directory's lock that every writer
/// shares; on ext4 the lock is also held while a new inode is found, which
/// with two writers was most of a corpus run's system time. An anonymous file
/// also never outlives a crash. Where anonymous files are not supported (or
/// `/proc`, through which one is linked, is missing), named temporary files
/// are used, as everywhere else.
pub struct AtomicDir {
    path: PathBuf,
    /// The directory, open, when anonymous files work in it.
    #[cfg(target_os = "linux")]
    anonymous: Option<std::os::fd::OwnedFd>,
    /// Numbers the temporary names used to replace an existing file.
    #[cfg(target_os = "linux")]
    temp_names: std::sync::atomic::AtomicU64,
    /// Whether to link the descriptor itself (`AT_EMPTY_PATH`) rather than
    /// its `/proc` path: cleared at the first refusal.
    #[cfg(target_os = "linux")]
    by_descriptor: std::sync::atomic::AtomicBool,
}

/// A file written by [`AtomicDir::stage`] and not yet named.
pub enum Staged {
    #[cfg(target_os = "linux")]
    Anonymous(std::fs::File),
    Named(tempfile::NamedTempFile),
}

impl AtomicDir {
    /// Files in `path` (an existing directory), anonymous first where they
    /// work: a probe file is made, named and removed to find out.
    pub fn new(path: &Path) -> AtomicDir {
        #[cfg(target_os = "linux")]
        {
            let mut dir = AtomicDir::named(path);
            dir.anonymous = linux::open_dir(path).ok();
            if dir.anonymous.is_some() && dir.probe().is_err() {
                dir.anonymous = None;
            }
            dir
        }
        #[cfg(not(target_os = "linux"))]
        AtomicDir::named(path)
    }

    /// Files in `path` through named temporary files only.
    pub fn named(path: &Path) -> AtomicDir {
        AtomicDir {
            path: path.to_path_buf(),
            #[cfg(target_os = "linux")]
            anonymous: None,
            #[cfg(target_os = "linux")]
            temp_names: std::sync::atomic::AtomicU64::new(0),
            #[cfg(target_os = "linux")]
            by_descriptor: std::sync::atomic::AtomicBool::new(true),
        }
    }

    /// Whether files are written as anonymous files first.
    pub fn uses_anonymous_files(&self) -> bool {
        #[cfg(target_os = "linux")]
        return self.anonymous.is_some();
        #[cfg(not(target_os = "linux"))]
        false
    }

    /// `bytes` in a file of the directory that has no name yet; it is
    /// removed if dropped before [`AtomicDir::commit`].
    pub fn stage(&self, bytes: &[u8]) -> io::Result<Staged> {
        #[cfg(target_os = "linux")]
        if let Some(dir) = &self.anonymous {
            let mut file = linux::anonymous_file(dir)?;
            file.write_all(bytes)?;
            return Ok(Staged::Anonymous(file));
        }
        stage(&self.path, bytes).map(Staged::Named)
    }

    /// The staged file named `name`, replacing what was there.
    pub fn commit(&self, staged: Staged, name: &str) -> io::Result<()> {
        match staged {
            #[cfg(target_os = "linux")]
            Staged::Anonymous(file) => {
                let Some(dir) = &self.anonymous else {
                    return Err(io::Error::other("an anonymous file staged for a directory without them"));
                };
                linux::name_file(dir, &file, name, &self.links())
            }
            Staged::Named(tmp) => commit(tmp, &self.path, name),
        }
    }

    /// How files are linked into the directory.
    #[cfg(target_os = "linux")]
    fn links(&self) -> linux::Links<'_> {
        linux::Links { temp_names: &self.temp_names, by_descriptor: &self.by_descriptor }
    }

    /// Stage, name and remove a file, to see that anonymous files work here.
    #[cfg(target_os = "linux")]
    fn probe(&self) -> io::Result<()> {
        let (Some(dir), Staged::Anonymous(file)) = (&self.anonymous, self.stage(b"")?) else {
            return Err(io::ErrorKind::Unsupported.into());
        };
        let name = linux::link_to_temp_name(dir, &file, &self.links())?;
        rustix::fs::unlinkat(dir, &name, rustix::fs::AtFlags::empty())?;
        Ok(())
    }
}

/// The system calls behind [`AtomicDir`]'s anonymous files.
#[cfg(target_os = "linux")]
mod linux {
    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use rustix::io::Errno;
    use std::fs::File;
    use std::io;
    use std::os::fd::{AsRawFd, OwnedFd};
    use std::path::Path;
    use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

    pub(super) fn open_dir(path: &Path) -> io::Result<OwnedFd> {
        Ok(rustix::fs::open(path, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?)
    }

    /// A new file of `dir` without a name. Its mode is what any created file
    /// gets (0666 less the umask).
    pub(super) fn anonymous_file(dir: &OwnedFd) -> io::Result<File> {
        let flags = OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC;
        Ok(File::from(rustix::fs::openat(dir, ".", flags, Mode::from_raw_mode(0o666))?))
    }

    /// The path through which an open file can be linked where linking the
    /// descriptor itself is refused.
    fn proc_path(file: &File) -> String {
        format!("/proc/self/fd/{}", file.as_raw_fd())
    }

    /// The state of a directory's links: see [`super::AtomicDir`].
    pub(super) struct Links<'a> {
        pub(super) temp_names: &'a AtomicU64,
        pub(super) by_descriptor: &'a AtomicBool,
    }

    /// Link `file` as `name` in `dir`. The descriptor itself (`AT_EMPTY_PATH`)
    /// is linked while the kernel allows it: before Linux 6.10 only with a
    /// capability users lack, refused with `ENOENT` (or `EPERM`); after the
    /// first refusal, always through `/proc`.
    fn link(dir: &OwnedFd, file: &File, name: &str, links: &Links) -> Result<(), Errno> {
        if links.by_descriptor.load(Ordering::Relaxed) {
            match rustix::fs::linkat(file, "", dir, name, AtFlags::EMPTY_PATH) {
                Err(Errno::NOENT | Errno::PERM | Errno::ACCESS | Errno::INVAL) => {
                    links.by_descriptor.store(false, Ordering::Relaxed);
                }
                done => return done,
            }
        }
        rustix::fs::linkat(CWD, proc_path(file), dir, name, AtFlags::SYMLINK_FOLLOW)
    }

    /// Name `file` `name` in `dir`. `linkat` never replaces a file, so where
    /// `name` exists (a re-run into the same directory, a repeated id) the
    /// file gets a temporary name first and is renamed over it.
    pub(super) fn name_file(dir: &OwnedFd, file: &File, name: &str, links: &Links) -> io::Result<()> {
        match link(dir, file, name, links) {
            Err(Errno::EXIST) => {}
            other => return Ok(other?),
        }
        let temp = link_to_temp_name(dir, file, links)?;
        rustix::fs::renameat(dir, &temp, dir, name).map_err(|e| {
            let _ = rustix::fs::unlinkat(dir, &temp, AtFlags::empty());
            io::Error::from(e)
        })
    }

    /// Link `file` under a fresh temporary name of `dir`, and return it.
    pub(super) fn link_to_temp_name(dir: &OwnedFd, file: &File, links: &Links) -> io::Result<String> {
        loop {
            let n = links.temp_names.fetch_add(1, Ordering::Relaxed);
            let temp = format!(".rasid-{}-{n}.tmp", std::process::id());
            match link(dir, file, &temp, links) {
                Err(Errno::EXIST) => continue,
                other => return other.map(|()| temp).map_err(io::Error::from),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ordinary_ids_stay_readable() {
        assert_eq!(
            file_stem("dev40-ant-FR-internationalNews-29-20180219"),
            "dev40-ant-FR-internationalNews-29-20180219"
        );
        assert_eq!(file_stem("خبر_دوما.1"), "خبر_دوما.1");
    }

    #[test]
    fn hostile_ids_stay_inside() {
        assert_eq!(file_stem("../../etc/x"), "%2E.%2F..%2Fetc%2Fx");
        assert_eq!(file_stem("a/b"), "a%2Fb");
        assert_eq!(file_stem(".."), "%2E.");
        assert_eq!(file_stem("."), "%2E");
        assert_eq!(file_stem("a\\b\u{0}\n"), "a%5Cb%00%0A");
        assert_eq!(file_stem("a b%"), "a%20b%25");
        assert_eq!(file_stem("x\u{202E}"), "x%E2%80%AE");
    }

    #[test]
    fn long_ids_are_cut_with_a_hash() {
        let a = "ب".repeat(300);
        let b = format!("{}ا", "ب".repeat(299));
        let (sa, sb) = (file_stem(&a), file_stem(&b));
        assert!(sa.len() <= MAX_STEM_BYTES && sb.len() <= MAX_STEM_BYTES);
        assert_ne!(sa, sb);
        assert_eq!(id_from_stem(&sa), None);
        let slashes = "/".repeat(100);
        let s = file_stem(&slashes);
        assert!(s.len() <= MAX_STEM_BYTES && s.contains('~'), "{s}");
        assert!(s.split('~').next().unwrap_or("").len().is_multiple_of(3), "cut inside an escape: {s}");
    }

    #[test]
    fn writes_atomically() {
        let dir = tempfile::tempdir().unwrap();
        write_atomically(dir.path(), "a.json", b"one").unwrap();
        write_atomically(dir.path(), "a.json", b"two").unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.json")).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }

    /// Both ways of writing into an [`AtomicDir`] (anonymous files where the
    /// system has them): files replaced, and nothing else left behind.
    #[test]
    fn atomic_dirs_write_and_replace_files() {
        // anonymous files linked by descriptor (where allowed), through
        // /proc, and named temporary files
        for (named_only, by_descriptor) in [(false, true), (false, false), (true, false)] {
            let tmp = tempfile::tempdir().unwrap();
            let out = if named_only { AtomicDir::named(tmp.path()) } else { AtomicDir::new(tmp.path()) };
            #[cfg(target_os = "linux")]
            out.by_descriptor.store(by_descriptor, std::sync::atomic::Ordering::Relaxed);
            #[cfg(not(target_os = "linux"))]
            let _ = by_descriptor;
            let anonymous = out.uses_anonymous_files();
            #[cfg(target_os = "linux")]
            assert_eq!(anonymous, !named_only, "anonymous files work in a temporary directory on Linux");
            let a = out.stage(b"one").unwrap();
            let b = out.stage(b"two").unwrap();
            let names = std::fs::read_dir(tmp.path()).unwrap().count();
            assert_eq!(names, if anonymous { 0 } else { 2 }, "anonymous files have no name until committed");
            out.commit(a, "a.json").unwrap();
            out.commit(b, "a.json").unwrap();
            let dropped = out.stage(b"never").unwrap();
            drop(dropped);
            assert_eq!(std::fs::read(tmp.path().join("a.json")).unwrap(), b"two");
            let names: Vec<_> =
                std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            assert_eq!(names, ["a.json"], "no temporary file left");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::write(tmp.path().join("b.json"), b"").unwrap();
                let mode = |name: &str| {
                    std::fs::metadata(tmp.path().join(name)).unwrap().permissions().mode() & 0o777
                };
                assert_eq!(mode("a.json"), mode("b.json"));
            }
        }
    }

    /// A written file gets the mode of any file the user creates (the umask
    /// applies), not the owner-only mode of a temporary file.
    #[cfg(unix)]
    #[test]
    fn written_files_have_the_usual_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        write_atomically(dir.path(), "a.json", b"one").unwrap();
        std::fs::write(dir.path().join("b.json"), b"two").unwrap();
        let mode =
            |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode("a.json"), mode("b.json"));
    }

    proptest! {
        #[test]
        fn stems_are_safe_and_reversible(id in "\\PC{1,80}|[./\\\\%~\\x00-\\x1f]{1,12}") {
            let stem = file_stem(&id);
            prop_assert!(!stem.is_empty() && stem.len() <= MAX_STEM_BYTES);
            prop_assert!(stem != "." && stem != ".." && !stem.starts_with('.'));
            prop_assert!(!stem.contains('/') && !stem.contains('\\'));
            prop_assert!(!stem.chars().any(char::is_control));
            if !stem.contains('~') {
                prop_assert_eq!(id_from_stem(&stem), Some(id.clone()));
            }
        }

        #[test]
        fn different_ids_give_different_stems(a in "\\PC{1,120}", b in "\\PC{1,120}") {
            if a != b {
                prop_assert_ne!(file_stem(&a), file_stem(&b));
            }
        }

        #[test]
        fn id_from_stem_never_panics(s in "\\PC{0,40}") {
            let _ = id_from_stem(&s);
        }
    }
}
