//! Which files a run reads: every spreadsheet and text export (`.csv`,
//! `.tsv`) under the inputs, minus Excel's lock files, hidden files and the
//! tool's own reports.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Extensions calamine reads.
pub(crate) const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Extensions of the text exports read (comma-, semicolon-, tab- or
/// `|`-separated, whatever the name says).
pub(crate) const TEXT_EXTENSIONS: &[&str] = &["csv", "tsv"];

/// The prefix of every report the tool writes, so that a report saved inside
/// an input folder is not read back as input.
pub(crate) const REPORT_PREFIX: &str = "competency-report-";

/// A file found under the inputs.
#[derive(Debug, Clone)]
pub struct Found {
    /// Where it is.
    pub(crate) path: PathBuf,
    /// How it is shown in the report: relative to the input that held it.
    pub(crate) shown: String,
    /// For a file kept in an earlier month's archive folder (read for the
    /// baselines a score compares with), the last day of that month: the
    /// snapshot of its rows that give none. Such a file gives customer rows
    /// only, and only of partners this month's files have.
    pub(crate) earlier_month: Option<chrono::NaiveDate>,
}

/// Something found and deliberately not read.
#[derive(Debug, Clone)]
pub(crate) struct Skipped {
    /// How it is shown.
    pub(crate) shown: String,
    /// Why it was not read.
    pub(crate) reason: String,
}

/// Why the inputs cannot be listed.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    /// An input the user named does not exist.
    #[error("input {0} does not exist")]
    Missing(String),
    /// A folder could not be listed.
    #[error("cannot list {path}: {message}")]
    Walk {
        /// The folder.
        path: String,
        /// What went wrong.
        message: String,
    },
}

/// Lists the spreadsheets under `inputs` (files or folders, folders walked
/// recursively), sorted by path so every run sees them in the same order.
///
/// Files under `exclude` (the report folder) are passed over.
pub(crate) fn discover(
    inputs: &[PathBuf],
    exclude: &[PathBuf],
) -> Result<(Vec<Found>, Vec<Skipped>), DiscoverError> {
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        if !input.exists() {
            return Err(DiscoverError::Missing(input.display().to_string()));
        }
        if input.is_file() {
            // A file named explicitly is read whatever its name says: the
            // user asked for it, and a wrong format becomes a problem entry.
            found.push(Found {
                path: input.clone(),
                shown: input.display().to_string(),
                earlier_month: None,
            });
            continue;
        }
        let walker = WalkDir::new(input)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !is_hidden(e.file_name().to_string_lossy().as_ref())
            });
        for entry in walker {
            let entry = entry.map_err(|e| DiscoverError::Walk {
                path: input.display().to_string(),
                message: e.to_string(),
            })?;
            if entry.file_type().is_dir() {
                if entry.depth() > 0 && is_excluded(entry.path(), &exclude) {
                    skipped.push(Skipped {
                        shown: shown_path(input, entry.path()),
                        reason: "the report folder".into(),
                    });
                }
                continue;
            }
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if !is_input(path) {
                continue;
            }
            let shown = shown_path(input, path);
            if name.starts_with("~$") {
                skipped.push(Skipped {
                    shown,
                    reason: "an Excel lock file".into(),
                });
            } else if is_excluded(path, &exclude) || name.starts_with(REPORT_PREFIX) {
                skipped.push(Skipped {
                    shown,
                    reason: "a report this tool wrote".into(),
                });
            } else {
                found.push(Found {
                    path: path.to_path_buf(),
                    shown,
                    earlier_month: None,
                });
            }
        }
    }
    // Hidden files never reach the list above (the walk prunes them), but the
    // user should still see that they were there.
    for input in inputs.iter().filter(|p| p.is_dir()) {
        for entry in WalkDir::new(input)
            .max_depth(1)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let name = entry.file_name().to_string_lossy();
            if entry.depth() == 1 && is_hidden(&name) && is_input(entry.path()) {
                skipped.push(Skipped {
                    shown: shown_path(input, entry.path()),
                    reason: "a hidden file".into(),
                });
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found.dedup_by(|a, b| a.path == b.path);
    Ok((found, skipped))
}

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

/// Whether a file's name says it is a workbook calamine reads.
pub(crate) fn has_spreadsheet_extension(path: &Path) -> bool {
    has_extension(path, SPREADSHEET_EXTENSIONS)
}

/// Whether a file found in a folder is an input: a workbook or a text export.
fn is_input(path: &Path) -> bool {
    has_spreadsheet_extension(path) || has_extension(path, TEXT_EXTENSIONS)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_excluded(path: &Path, exclude: &[PathBuf]) -> bool {
    path.canonicalize()
        .is_ok_and(|p| exclude.iter().any(|x| p.starts_with(x)))
}

fn shown_path(input: &Path, path: &Path) -> String {
    let base = input.file_name().map(PathBuf::from).unwrap_or_default();
    match path.strip_prefix(input) {
        Ok(rel) => base.join(rel).display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_spreadsheets_and_skips_locks_hidden_and_reports() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("inbox");
        std::fs::create_dir_all(root.join("sub")).unwrap();
        for name in [
            "b.xlsx",
            "a.XLS",
            "~$b.xlsx",
            ".hidden.xlsx",
            "notes.txt",
            "sub/c.ods",
            "sub/usage.CSV",
            "sub/transcripts.tsv",
            "competency-report-2017-09-30.xlsx",
        ] {
            std::fs::write(root.join(name), b"x").unwrap();
        }
        let (found, skipped) = discover(std::slice::from_ref(&root), &[]).unwrap();
        let shown: Vec<&str> = found.iter().map(|f| f.shown.as_str()).collect();
        assert_eq!(
            shown,
            vec![
                "inbox/a.XLS",
                "inbox/b.xlsx",
                "inbox/sub/c.ods",
                "inbox/sub/transcripts.tsv",
                "inbox/sub/usage.CSV"
            ]
        );
        let reasons: Vec<String> = skipped
            .iter()
            .map(|s| format!("{} {}", s.shown, s.reason))
            .collect();
        assert!(
            reasons.contains(&"inbox/~$b.xlsx an Excel lock file".to_string()),
            "{reasons:?}"
        );
        assert!(
            reasons.contains(&"inbox/.hidden.xlsx a hidden file".to_string()),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("competency-report-2017-09-30.xlsx a report"))
        );
    }

    #[test]
    fn the_report_folder_inside_an_input_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("reports")).unwrap();
        std::fs::write(dir.path().join("reports/old.xlsx"), b"x").unwrap();
        std::fs::write(dir.path().join("in.xlsx"), b"x").unwrap();
        let (found, _) =
            discover(&[dir.path().to_path_buf()], &[dir.path().join("reports")]).unwrap();
        assert_eq!(found.len(), 1);
        assert!(found[0].path.ends_with("in.xlsx"));
    }

    #[test]
    fn a_missing_input_is_an_error() {
        let err = discover(&[PathBuf::from("/no/such/folder")], &[]).unwrap_err();
        assert!(err.to_string().contains("/no/such/folder"));
    }
}
