//! Moving the workbooks a report was made from out of the inbox, into
//! `<archive>/<YYYY-MM>/`, so next month's run starts from an empty inbox.
//!
//! A file is only moved after the report is safely written, only if it was
//! read, and only if it has not changed since it was read. It keeps the
//! folders it was in under the inbox (`inbox/1000006 Wingtip/usage.csv`
//! goes to `<archive>/2017-09/1000006 Wingtip/usage.csv`), since a folder's
//! name can say whose a file is. Nothing already in the archive is ever
//! replaced: a second `customers.xlsx` for the same month becomes
//! `customers-2.xlsx`.

use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::inbox::FileStamp;
use crate::safe_write::{NewName, Staged, first_free, sync_dir};

/// A file to archive: where it is, and how it looked when it was read.
#[derive(Debug, Clone)]
pub(crate) struct ReadFile {
    /// The file.
    pub(crate) path: PathBuf,
    /// The folders between its input folder and it (`1000006 Wingtip/`), kept
    /// in the archive: a folder's name can say whose the file is.
    pub(crate) subdir: PathBuf,
    /// Its size and modification time when it was read.
    pub(crate) stamp: Option<FileStamp>,
}

/// What archiving did.
#[derive(Debug, Default)]
pub(crate) struct ArchiveOutcome {
    /// Files moved: from, to.
    pub(crate) moved: Vec<(PathBuf, PathBuf)>,
    /// Files left in place, and why.
    pub(crate) failed: Vec<(PathBuf, String)>,
}

/// The month folder for a date: `<root>/2017-09`.
pub(crate) fn month_dir(root: &Path, as_of: NaiveDate) -> PathBuf {
    root.join(as_of.format("%Y-%m").to_string())
}

/// Moves every file into `<root>/<YYYY-MM of as_of>/`. A file that cannot
/// be moved (or changed since it was read) stays where it is and is listed
/// in `failed`; the others are still moved.
pub(crate) fn archive(files: &[ReadFile], root: &Path, as_of: NaiveDate) -> ArchiveOutcome {
    let dir = month_dir(root, as_of);
    let mut outcome = ArchiveOutcome::default();
    for file in files {
        if let Some(stamp) = &file.stamp
            && FileStamp::of(&file.path).ok().as_ref() != Some(stamp)
        {
            // The report holds what the file said when it was read; moving
            // a newer version away would hide figures no report has seen.
            outcome.failed.push((
                file.path.clone(),
                "it changed after it was read; left in place for the next run".into(),
            ));
            continue;
        }
        match move_new(&file.path, &dir.join(&file.subdir)) {
            Ok(to) => outcome.moved.push((file.path.clone(), to)),
            Err(e) => outcome.failed.push((file.path.clone(), e.to_string())),
        }
    }
    outcome
}

/// Moves `src` into `dir` under its own name, or the first free `-N` name;
/// returns where it went. Never replaces a file.
///
/// Within one filesystem this is a hard link under the new name followed by
/// removing the old one: a rename that fails instead of replacing an
/// existing file (`rename` alone would silently replace it). Where links are
/// not possible (another filesystem, or one without links) the file is
/// copied like any file the tool writes ([`crate::safe_write`]: a temporary
/// name, flushed to disk, renamed into place without replacing, ordinary
/// permissions), and only then removed from the inbox.
pub(crate) fn move_new(src: &Path, dir: &Path) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let name = NewName::of(src)
        .ok_or_else(|| io::Error::other(format!("{} has no file name", src.display())))?;
    let linked = first_free(dir, &name, |target| std::fs::hard_link(src, target));
    let Ok((target, ())) = linked else {
        return copy_new(src, dir, &name);
    };
    if let Err(e) = std::fs::remove_file(src) {
        // Keep one copy only: a file both archived and still in the inbox
        // would be counted again next month.
        let _ = std::fs::remove_file(&target);
        return Err(e);
    }
    sync_dir(dir);
    Ok(target)
}

/// The copy fallback of [`move_new`].
fn copy_new(src: &Path, dir: &Path, name: &NewName) -> io::Result<PathBuf> {
    let mut staged = Staged::new(dir, "archiving")?;
    let mut input = std::fs::File::open(src)?;
    io::copy(&mut input, &mut staged)?;
    let target = staged.place_new(name)?;
    if let Err(e) = std::fs::remove_file(src) {
        let _ = std::fs::remove_file(&target);
        return Err(e);
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn moves_into_the_month_folder_without_replacing() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inbox");
        let root = dir.path().join("archive");
        std::fs::create_dir_all(inbox.join("sub")).unwrap();
        std::fs::create_dir_all(root.join("2017-09")).unwrap();
        std::fs::write(root.join("2017-09/a.xlsx"), b"old").unwrap();
        std::fs::write(inbox.join("a.xlsx"), b"new").unwrap();
        std::fs::write(inbox.join("sub/a.xlsx"), b"newer").unwrap();
        let files: Vec<ReadFile> = [inbox.join("a.xlsx"), inbox.join("sub/a.xlsx")]
            .into_iter()
            .map(|p| ReadFile {
                stamp: FileStamp::of(&p).ok(),
                subdir: PathBuf::new(),
                path: p,
            })
            .collect();
        let out = archive(&files, &root, date("2017-09-30"));
        assert!(out.failed.is_empty(), "{:?}", out.failed);
        let targets: Vec<PathBuf> = out.moved.iter().map(|(_, to)| to.clone()).collect();
        assert_eq!(
            targets,
            vec![root.join("2017-09/a-2.xlsx"), root.join("2017-09/a-3.xlsx")]
        );
        assert_eq!(std::fs::read(root.join("2017-09/a.xlsx")).unwrap(), b"old");
        assert_eq!(
            std::fs::read(root.join("2017-09/a-3.xlsx")).unwrap(),
            b"newer"
        );
        assert!(!inbox.join("a.xlsx").exists() && !inbox.join("sub/a.xlsx").exists());
    }

    #[test]
    fn a_file_changed_since_it_was_read_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.xlsx");
        std::fs::write(&path, b"one").unwrap();
        let stamp = FileStamp::of(&path).ok();
        std::fs::write(&path, b"one and more").unwrap();
        let out = archive(
            &[ReadFile {
                path: path.clone(),
                subdir: PathBuf::new(),
                stamp,
            }],
            &dir.path().join("archive"),
            date("2017-09-30"),
        );
        assert!(out.moved.is_empty());
        assert_eq!(out.failed.len(), 1);
        assert!(path.exists());
    }

    #[test]
    fn the_copy_fallback_never_replaces_either() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("b.xlsx");
        let dest = dir.path().join("dest");
        std::fs::create_dir_all(&dest).unwrap();
        std::fs::write(dest.join("b.xlsx"), b"old").unwrap();
        std::fs::write(&src, b"new").unwrap();
        let to = copy_new(&src, &dest, &NewName::new("b", "xlsx")).unwrap();
        assert_eq!(to, dest.join("b-2.xlsx"));
        assert_eq!(std::fs::read(&to).unwrap(), b"new");
        assert_eq!(std::fs::read(dest.join("b.xlsx")).unwrap(), b"old");
        assert!(!src.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&to).unwrap().permissions().mode();
            assert_ne!(
                mode & 0o044,
                0,
                "an archived copy is not owner-only: {mode:o}"
            );
        }
    }
}
