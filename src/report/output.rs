//! Putting a finished file in place: written under a temporary name in the
//! target folder, then renamed to a name that does not exist yet. A crash or
//! a full disk leaves at worst a stray temporary file, never a half report
//! under the real name, and no existing file is ever replaced.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// The first free name among `stem.ext`, `stem-2.ext`, `stem-3.ext`...
fn candidate(dir: &Path, stem: &str, ext: &str, n: u32) -> PathBuf {
    if n == 1 {
        dir.join(format!("{stem}.{ext}"))
    } else {
        dir.join(format!("{stem}-{n}.{ext}"))
    }
}

/// Writes a new file in `dir` named `stem.ext` (or `stem-N.ext` when that
/// is taken), with `write` filling it; returns where it went.
pub fn save_new(
    dir: &Path,
    stem: &str,
    ext: &str,
    write: impl FnOnce(&mut NamedTempFile) -> io::Result<()>,
) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let prefix = format!(".{stem}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A temporary file is private (0600) by default; the report is a file
    // for the people the folder is shared with, so it gets what any new file
    // gets (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    write(&mut tmp)?;
    tmp.flush()?;
    tmp.as_file().sync_all()?;
    let mut n = 1;
    loop {
        let target = candidate(dir, stem, ext, n);
        match tmp.persist_noclobber(&target) {
            Ok(_) => return Ok(target),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists && n < 10_000 => {
                tmp = e.file;
                n += 1;
            }
            Err(e) => return Err(e.error),
        }
    }
}

/// Splits a path the user named into folder, stem and extension, for
/// `save_new`.
pub fn split_path(path: &Path, default_ext: &str) -> (PathBuf, String, String) {
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
    (dir, stem, ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_replaces_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("r.xlsx"), b"keep me").unwrap();
        let a = save_new(dir.path(), "r", "xlsx", |f| f.write_all(b"one")).unwrap();
        let b = save_new(dir.path(), "r", "xlsx", |f| f.write_all(b"two")).unwrap();
        assert_eq!(a, dir.path().join("r-2.xlsx"));
        assert_eq!(b, dir.path().join("r-3.xlsx"));
        assert_eq!(
            std::fs::read(dir.path().join("r.xlsx")).unwrap(),
            b"keep me"
        );
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_saved_file_is_as_readable_as_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = save_new(dir.path(), "r", "xlsx", |f| f.write_all(b"x")).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_ne!(mode & 0o044, 0, "group or others can read it: {mode:o}");
    }

    #[test]
    fn a_failed_write_leaves_nothing_under_the_real_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = save_new(dir.path(), "r", "xlsx", |_| {
            Err(io::Error::other("disk full"))
        });
        assert!(err.is_err());
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    }

    #[test]
    fn split_path_defaults_the_folder_and_extension() {
        let (d, s, e) = split_path(Path::new("summary"), "json");
        assert_eq!(
            (d, s.as_str(), e.as_str()),
            (PathBuf::from("."), "summary", "json")
        );
        let (d, s, e) = split_path(Path::new("out/x.json"), "json");
        assert_eq!(
            (d, s.as_str(), e.as_str()),
            (PathBuf::from("out"), "x", "json")
        );
    }
}
