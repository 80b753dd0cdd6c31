//! Every file the tool writes is put in place the same way: written under a
//! temporary name in its destination folder, flushed to disk, renamed to its
//! real name, and the folder flushed too. A crash, a kill or a full disk
//! leaves at worst a hidden temporary file (removed by the next run, see
//! [`remove_stale`]), never a half-written file under a real name.
//!
//! New files never replace anything: the name is taken only if free, else
//! `name-2.ext`, `name-3.ext`... ([`Staged::place_new`]); `init` writes a
//! name only if it is free ([`Staged::place_if_absent`]). Only the history
//! database replaces its old self ([`Staged::replace`]), by design.
//!
//! Files are as readable as any new file (0666 less the umask), since they
//! are for the people the folder is shared with. (None is private by
//! design today; one that is would need its own mode here, and a reason.)

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// Every temporary file starts with this (hidden on Unix, and never
/// mistaken for a report): `.competency-report-<what>.<random>.tmp`.
pub(crate) const TEMP_PREFIX: &str = ".competency-report-";
/// Every temporary file ends with this.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Most names are free on the first try; this only bounds a pathological folder.
const MAX_SUFFIX: u32 = 10_000;

/// A file's name split for numbering: `customers.xlsx` is `customers` +
/// `xlsx`, and its second copy is `customers-2.xlsx`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewName {
    stem: String,
    ext: Option<String>,
}

impl NewName {
    /// `stem.ext`.
    pub(crate) fn new(stem: &str, ext: &str) -> NewName {
        NewName {
            stem: stem.to_string(),
            ext: Some(ext.to_string()),
        }
    }

    /// The name of an existing file (`None` for a path without one).
    pub(crate) fn of(path: &Path) -> Option<NewName> {
        let name = Path::new(path.file_name()?);
        Some(NewName {
            stem: name.file_stem()?.to_string_lossy().to_string(),
            ext: name.extension().map(|e| e.to_string_lossy().to_string()),
        })
    }

    /// Splits a path a user named into its folder (`.` when it has none)
    /// and its name (`default_ext` when it has no extension).
    pub(crate) fn split(path: &Path, default_ext: &str) -> (PathBuf, NewName) {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let stem = path.file_stem().map_or_else(
            || "competency-report".into(),
            |s| s.to_string_lossy().to_string(),
        );
        let ext = path.extension().map_or_else(
            || default_ext.to_string(),
            |e| e.to_string_lossy().to_string(),
        );
        (dir, NewName::new(&stem, &ext))
    }

    /// The `n`th candidate: `stem.ext`, then `stem-2.ext`, `stem-3.ext`...
    pub(crate) fn nth(&self, n: u32) -> String {
        let stem = if n <= 1 {
            self.stem.clone()
        } else {
            format!("{}-{n}", self.stem)
        };
        match &self.ext {
            Some(ext) => format!("{stem}.{ext}"),
            None => stem,
        }
    }
}

/// Tries `place` on `name`, `name-2`, `name-3`... in `dir` while it answers
/// that the name is taken; returns the path that worked and what `place`
/// gave. `place` must fail with [`io::ErrorKind::AlreadyExists`] rather than
/// replace anything.
pub(crate) fn first_free<T>(
    dir: &Path,
    name: &NewName,
    mut place: impl FnMut(&Path) -> io::Result<T>,
) -> io::Result<(PathBuf, T)> {
    for n in 1..=MAX_SUFFIX {
        let target = dir.join(name.nth(n));
        match place(&target) {
            Ok(t) => return Ok((target, t)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "no free name for {} in {}",
        name.nth(1),
        dir.display()
    )))
}

/// A file being written under a temporary name in its destination folder.
/// It appears under a real name only through one of the `place` methods;
/// dropped before that, the temporary file is removed.
///
/// The temporary file is locked while it is written, so that a cleanup by
/// another run ([`remove_stale`]) can tell it from one a killed run left.
#[derive(Debug)]
pub(crate) struct Staged {
    tmp: Quiet<NamedTempFile>,
    dir: PathBuf,
}

impl Staged {
    /// Starts a file in `dir` (created if missing); `what` goes into the
    /// temporary name, so a stray one says whose it was.
    pub(crate) fn new(dir: &Path, what: &str) -> io::Result<Staged> {
        std::fs::create_dir_all(dir)?;
        // `.competency-report-2017-09-30.x.tmp`, `.competency-report-history.x.tmp`
        let what = what.strip_prefix(&TEMP_PREFIX[1..]).unwrap_or(what);
        let prefix = format!("{TEMP_PREFIX}{what}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(TEMP_SUFFIX);
        // A temporary file is private (0600) by default, but what the tool
        // writes is for everyone the folder is shared with; the OS takes the
        // umask off the mode asked for here.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir)?;
        // Best effort: a filesystem without locks just loses the cleanup's
        // way of telling a live file from a stray one.
        let _ = tmp.as_file().try_lock();
        Ok(Staged {
            tmp: Quiet::wrap(tmp),
            dir: dir.to_path_buf(),
        })
    }

    /// The temporary file's path, for a writer that opens files by name
    /// (SQLite); see [`Staged::unlock`].
    pub(crate) fn path(&self) -> &Path {
        self.tmp.inner.path()
    }

    /// Releases the temporary file's lock, for a writer that opens it by
    /// name and locks ranges of it itself (SQLite, whose writes a whole-file
    /// lock would block on Windows). Only for a file in a folder the run
    /// lock protects, since the cleanup can no longer tell it is live.
    pub(crate) fn unlock(&self) {
        let _ = self.tmp.inner.as_file().unlock();
    }

    /// Flushes the contents to disk; the first write error, if any, is
    /// returned here at the latest.
    fn finish(&mut self) -> io::Result<&File> {
        self.tmp.check()?;
        self.tmp.inner.flush()?;
        self.tmp.inner.as_file().sync_all()?;
        Ok(self.tmp.inner.as_file())
    }

    /// Puts the file in place under `name` in its folder, or the first free
    /// `name-N`, never replacing a file; returns where it went.
    pub(crate) fn place_new(mut self, name: &NewName) -> io::Result<PathBuf> {
        self.finish()?;
        let dir = self.dir.clone();
        let mut tmp = Some(self.tmp.inner);
        let (target, _) = first_free(&dir, name, |target| {
            let file = tmp.take().ok_or_else(|| io::Error::other("no file"))?;
            file.persist_noclobber(target).map_err(|e| {
                let kind = e.error.kind();
                tmp = Some(e.file);
                io::Error::new(kind, e.error)
            })
        })?;
        sync_dir(&dir);
        Ok(target)
    }

    /// Puts the file in place as `path` only if nothing is there; returns
    /// whether it did (the temporary file is removed if not).
    pub(crate) fn place_if_absent(mut self, path: &Path) -> io::Result<bool> {
        self.finish()?;
        match self.tmp.inner.persist_noclobber(path) {
            Ok(_) => {
                sync_dir(&self.dir);
                Ok(true)
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(e.error),
        }
    }

    /// Puts the file in place as `path`, replacing what was there in one
    /// step (the history database: its new version replaces the old).
    pub(crate) fn replace(mut self, path: &Path) -> io::Result<()> {
        self.finish()?;
        self.tmp.inner.persist(path).map_err(|e| e.error)?;
        sync_dir(&self.dir);
        Ok(())
    }
}

/// Writes through [`Quiet`]: after the first error nothing more is written,
/// and `place_*` returns it.
impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

impl Seek for Staged {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.tmp.seek(pos)
    }
}

/// A writer that goes quiet after its first error: writes go to `inner`
/// until then; after it, every write, seek and flush "succeeds" without
/// touching it, and the error is returned by [`Quiet::check`] (by
/// `place_*` for a [`Staged`] file). A writer that cleans up in its `Drop`
/// (the zip writer inside rust_xlsxwriter finishes its archive there and
/// prints its own message when that fails) then finishes quietly, and only
/// the tool's own message reaches the user.
#[derive(Debug)]
pub(crate) struct Quiet<W> {
    inner: W,
    failed: Option<io::Error>,
    position: u64,
}

impl<W> Quiet<W> {
    /// Wraps `inner`, positioned at its start.
    fn wrap(inner: W) -> Quiet<W> {
        Quiet {
            inner,
            failed: None,
            position: 0,
        }
    }

    /// The error that stopped the writing, if any.
    fn check(&mut self) -> io::Result<()> {
        match self.failed.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Keeps the first error and hands back a copy of it.
    fn fail(&mut self, e: io::Error) -> io::Error {
        let again = io::Error::new(e.kind(), e.to_string());
        self.failed = Some(e);
        again
    }
}

/// An anonymous temporary file that goes quiet after its first write
/// error, for a package put together before it is copied into place.
pub(crate) type QuietTemp = Quiet<File>;

impl Quiet<File> {
    /// A new empty temporary file (removed when closed).
    pub(crate) fn new() -> io::Result<QuietTemp> {
        Ok(Quiet::wrap(tempfile::tempfile()?))
    }

    /// The file, rewound to be read, or the first error writing it.
    pub(crate) fn into_file(mut self) -> io::Result<File> {
        self.check()?;
        self.inner.flush()?;
        self.inner.seek(SeekFrom::Start(0))?;
        Ok(self.inner)
    }
}

impl<W: Write> Write for Quiet<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.failed.is_some() {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Ok(n) => {
                self.position += n as u64;
                Ok(n)
            }
            Err(e) => Err(self.fail(e)),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.failed.is_some() {
            return Ok(());
        }
        self.inner.flush()
    }
}

impl<W: Seek> Seek for Quiet<W> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        if self.failed.is_some() {
            // Pretend, so the writer's clean-up has somewhere to go.
            self.position = match pos {
                SeekFrom::Start(p) => p,
                SeekFrom::Current(d) | SeekFrom::End(d) => self.position.saturating_add_signed(d),
            };
            return Ok(self.position);
        }
        match self.inner.seek(pos) {
            Ok(p) => {
                self.position = p;
                Ok(p)
            }
            Err(e) => Err(self.fail(e)),
        }
    }
}

/// Writes a new file named `name` (or `name-N` when taken) in `dir`, with
/// `write` filling it; returns where it went.
pub(crate) fn save_new(
    dir: &Path,
    name: &NewName,
    write: impl FnOnce(&mut Staged) -> io::Result<()>,
) -> io::Result<PathBuf> {
    let mut staged = Staged::new(dir, &name.stem)?;
    let written = write(&mut staged);
    // The first error wins: a writer may report a later, vaguer one.
    staged.tmp.check()?;
    written?;
    staged.place_new(name)
}

/// Flushes a folder's entries to disk so a rename survives a power cut.
/// Best effort: not every platform can open a folder for this.
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes the temporary files (`.competency-report-*.tmp`) in `dir` that
/// no live writer holds: the leftovers of a run that was killed mid-write.
/// Returns what it removed. Call it only while holding the run lock of the
/// folder (or of the run writing there).
pub(crate) fn remove_stale(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with(TEMP_PREFIX) || !name.ends_with(TEMP_SUFFIX) {
            continue;
        }
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = std::fs::OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        // A writer holds the lock until its file is in place: a file that
        // can be locked is nobody's.
        if file.try_lock().is_ok() && std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed.sort();
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temps(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(TEMP_SUFFIX))
            .collect()
    }

    #[test]
    fn never_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("r.xlsx"), b"keep me").unwrap();
        let name = NewName::new("r", "xlsx");
        let a = save_new(dir.path(), &name, |f| f.write_all(b"one")).unwrap();
        let b = save_new(dir.path(), &name, |f| f.write_all(b"two")).unwrap();
        assert_eq!(a, dir.path().join("r-2.xlsx"));
        assert_eq!(b, dir.path().join("r-3.xlsx"));
        assert_eq!(
            std::fs::read(dir.path().join("r.xlsx")).unwrap(),
            b"keep me"
        );
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        assert!(temps(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn files_are_as_readable_as_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let name = NewName::new("r", "xlsx");
        let shared = save_new(dir.path(), &name, |f| f.write_all(b"x")).unwrap();
        assert_ne!(mode(&shared) & 0o044, 0, "{:o}", mode(&shared));
        let config = dir.path().join("c.toml");
        let mut staged = Staged::new(dir.path(), "c").unwrap();
        staged.write_all(b"x").unwrap();
        assert!(staged.place_if_absent(&config).unwrap());
        assert_eq!(mode(&config), mode(&shared));
    }

    #[test]
    fn a_failed_write_leaves_nothing_under_the_real_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = save_new(dir.path(), &NewName::new("r", "xlsx"), |_| {
            Err(io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    }

    #[test]
    fn if_absent_keeps_what_is_there_and_replace_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, b"mine").unwrap();
        let mut staged = Staged::new(dir.path(), "a").unwrap();
        staged.write_all(b"new").unwrap();
        assert!(!staged.place_if_absent(&path).unwrap());
        assert_eq!(std::fs::read(&path).unwrap(), b"mine");
        let mut staged = Staged::new(dir.path(), "a").unwrap();
        staged.write_all(b"new").unwrap();
        staged.replace(&path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert!(temps(dir.path()).is_empty());
    }

    #[test]
    fn names_number_before_the_extension() {
        assert_eq!(NewName::new("r", "xlsx").nth(1), "r.xlsx");
        assert_eq!(NewName::new("r", "xlsx").nth(3), "r-3.xlsx");
        let bare = NewName::of(Path::new("in/README")).unwrap();
        assert_eq!(bare.nth(2), "README-2");
        let (d, n) = NewName::split(Path::new("summary"), "json");
        assert_eq!((d, n.nth(1)), (PathBuf::from("."), "summary.json".into()));
        let (d, n) = NewName::split(Path::new("out/x.json"), "json");
        assert_eq!((d, n.nth(2)), (PathBuf::from("out"), "x-2.json".into()));
    }

    #[test]
    fn after_the_first_error_writes_go_nowhere_and_the_error_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut staged = Staged::new(dir.path(), "r").unwrap();
        staged.write_all(b"abc").unwrap();
        staged.tmp.failed = Some(io::Error::other("No space left on device"));
        // What a writer's clean-up does after the failure: all quiet.
        staged.write_all(b"central directory").unwrap();
        assert_eq!(staged.seek(SeekFrom::Start(1)).unwrap(), 1);
        staged.flush().unwrap();
        let err = staged.place_new(&NewName::new("r", "xlsx")).unwrap_err();
        assert!(err.to_string().contains("No space left"), "{err}");
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    }

    #[test]
    fn stale_temporary_files_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".competency-report-2017-09-30.abc123.tmp");
        std::fs::write(&stale, b"half a report").unwrap();
        let other = dir.path().join(".someone-else.tmp");
        std::fs::write(&other, b"not ours").unwrap();
        let live = Staged::new(dir.path(), "competency-report-2017-10-31").unwrap();
        let removed = remove_stale(dir.path());
        assert_eq!(removed, vec![stale.clone()]);
        assert!(!stale.exists());
        assert!(other.exists());
        assert!(live.path().exists(), "a file being written is left alone");
    }
}
