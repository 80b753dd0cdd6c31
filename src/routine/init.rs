//! `competency-report init DIR`: a folder ready for the monthly routine:
//! `inbox/`, `reports/`, `archive/`, `templates/` with blank input workbooks,
//! and a commented `competency-report.toml`. Nothing that exists already is
//! ever replaced, so running it again on a working folder is harmless.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::config::{CONFIG_FILE, CONFIG_TEMPLATE};
use crate::rules::Rules;
use crate::safe_write::Staged;

/// The folders `init` makes.
pub(crate) const FOLDERS: [&str; 4] = ["inbox", "reports", "archive", "templates"];

/// Why the layout could not be made.
#[derive(Debug, thiserror::Error)]
#[error("cannot set up {path}: {source}")]
pub struct InitError {
    /// What could not be made.
    pub(crate) path: String,
    /// Why.
    pub(crate) source: io::Error,
}

/// What `init` did.
#[derive(Debug, Default)]
pub struct InitOutcome {
    /// Folders and files it made.
    pub created: Vec<PathBuf>,
    /// Folders and files that were already there and were left as they are.
    pub kept: Vec<PathBuf>,
}

fn err(path: &Path) -> impl Fn(io::Error) -> InitError + '_ {
    move |source| InitError {
        path: path.display().to_string(),
        source,
    }
}

/// Writes `text` to `path` unless something is there already. Returns
/// whether it wrote.
fn write_if_absent(path: &Path, text: &str) -> io::Result<bool> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut staged = Staged::new(dir, "config")?;
    staged.write_all(text.as_bytes())?;
    staged.place_if_absent(path)
}

/// Makes the layout in `dir` (created if missing).
pub fn init(dir: &Path, rules: &Rules) -> Result<InitOutcome, InitError> {
    let mut out = InitOutcome::default();
    std::fs::create_dir_all(dir).map_err(err(dir))?;
    for name in FOLDERS {
        let path = dir.join(name);
        if path.is_dir() {
            out.kept.push(path);
        } else {
            std::fs::create_dir(&path).map_err(err(&path))?;
            out.created.push(path);
        }
    }
    let config = dir.join(CONFIG_FILE);
    if write_if_absent(&config, CONFIG_TEMPLATE).map_err(err(&config))? {
        out.created.push(config);
    } else {
        out.kept.push(config);
    }
    let templates = dir.join("templates");
    let existing: Vec<PathBuf> = std::fs::read_dir(&templates)
        .map_err(err(&templates))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with("-template.xlsx"))
        .collect();
    if existing.is_empty() {
        let written =
            crate::template::write_templates(&templates, rules).map_err(err(&templates))?;
        out.created.extend(written);
    } else {
        // write_templates never replaces either, but it would add `-2`
        // copies; a second init should leave the folder as it is.
        out.kept.extend(existing);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_the_layout_and_keeps_what_exists() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("cr");
        let rules = Rules::default_rules().unwrap();
        let first = init(&root, &rules).unwrap();
        for name in FOLDERS {
            assert!(root.join(name).is_dir(), "{name}");
        }
        assert!(first.created.contains(&root.join(CONFIG_FILE)));
        assert!(root.join("templates/customers-template.xlsx").is_file());
        std::fs::write(root.join(CONFIG_FILE), "inbox = \"mine\"\n").unwrap();
        let second = init(&root, &rules).unwrap();
        assert!(second.created.is_empty(), "{:?}", second.created);
        assert_eq!(
            std::fs::read_to_string(root.join(CONFIG_FILE)).unwrap(),
            "inbox = \"mine\"\n"
        );
        let leftovers = std::fs::read_dir(&root)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(leftovers, 0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let fresh = dir.path().join("fresh");
            init(&fresh, &rules).unwrap();
            let mode = std::fs::metadata(fresh.join(CONFIG_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_ne!(
                mode & 0o044,
                0,
                "the config file is not owner-only: {mode:o}"
            );
        }
    }
}
