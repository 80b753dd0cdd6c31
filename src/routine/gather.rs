//! Which files a month's run reads: the inbox's files that have settled,
//! and (unless `--inbox-only`) the as-of month's inputs already moved to
//! `<archive>/<YYYY-MM>/` by an earlier run, so that a re-run for the month
//! (a late file) makes a report and a history of the whole month.
//!
//! Everything here only looks: it runs before the reports folder is locked
//! (or even created), so a run with nothing to read creates nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::inbox::{self, FileStamp};
use super::{RoutineError, RoutineOptions, archive};
use crate::input::{Found, Skipped, discover};
use crate::pipeline::RunError;

/// Files named in the "still being copied" error; the notes list them all.
const NAMED: usize = 5;

/// The files of a run, judged ready or not.
#[derive(Debug, Default)]
pub(crate) struct Gathered {
    /// Files from the inbox to read, each with its stamp when judged ready.
    pub(crate) inbox: Vec<(Found, Option<FileStamp>)>,
    /// The month's files already in the archive, read again.
    pub(crate) archived: Vec<(Found, Option<FileStamp>)>,
    /// Everything not read, with the reason (settling files included).
    pub(crate) skipped: Vec<Skipped>,
    /// Files left for the next run because they were still being copied.
    pub(crate) settling: Vec<Skipped>,
}

impl Gathered {
    /// Every file to read, inbox first.
    pub(crate) fn ready(&self) -> Vec<Found> {
        self.inbox
            .iter()
            .chain(&self.archived)
            .map(|(f, _)| f.clone())
            .collect()
    }
}

/// Lists and settles the run's files. Fails when the inbox holds nothing
/// ready to read: the archive alone is last run's month, not a new one.
pub(crate) fn gather(options: &RoutineOptions) -> Result<Gathered, RoutineError> {
    let o = &options.run;
    // The report folder and the archive are never inputs, even when they
    // sit inside the inbox.
    let mut exclude = vec![o.output.clone()];
    exclude.extend(options.archive.iter().cloned());
    exclude.extend(options.read_archive.iter().cloned());
    let (mut found, mut skipped) =
        discover::discover(&o.inputs, &exclude).map_err(RunError::from)?;
    let mut archived_paths = BTreeSet::new();
    let mut archived_shown = BTreeSet::new();
    if let Some(root) = &options.read_archive {
        let month = archive::month_dir(root, o.as_of);
        if month.is_dir() {
            let (again, also_skipped) =
                discover::discover(std::slice::from_ref(&month), &[]).map_err(RunError::from)?;
            let prefix = shown_prefix(root);
            // A file of the month named as an input itself is read once.
            let named: BTreeSet<PathBuf> = found
                .iter()
                .filter_map(|f| f.path.canonicalize().ok())
                .collect();
            let again = again
                .into_iter()
                .filter(|f| f.path.canonicalize().map_or(true, |p| !named.contains(&p)));
            for mut f in again {
                f.shown = format!("{prefix}{}", f.shown);
                archived_paths.insert(f.path.clone());
                archived_shown.insert(f.shown.clone());
                found.push(f);
            }
            skipped.extend(also_skipped.into_iter().map(|mut s| {
                s.shown = format!("{prefix}{}", s.shown);
                s
            }));
        }
    }
    let settle = Duration::from_secs(options.settle_seconds);
    let settled = inbox::settle(found, settle, SystemTime::now());
    skipped.extend(settled.settling.iter().cloned());
    let (archived, inbox): (Vec<_>, Vec<_>) = settled
        .ready
        .into_iter()
        .partition(|(f, _)| archived_paths.contains(&f.path));
    if inbox.is_empty() {
        let inputs: Vec<String> = o.inputs.iter().map(|p| p.display().to_string()).collect();
        let inputs = inputs.join(", ");
        let copying: Vec<&Skipped> = settled
            .settling
            .iter()
            .filter(|s| !archived_shown.contains(&s.shown))
            .collect();
        if copying.is_empty() {
            return Err(RunError::NoInputs(inputs).into());
        }
        let mut names: Vec<&str> = copying
            .iter()
            .take(NAMED)
            .map(|s| s.shown.as_str())
            .collect();
        if copying.len() > NAMED {
            names.push("...");
        }
        return Err(RoutineError::StillCopying {
            inputs,
            count: copying.len(),
            names: names.join(", "),
            settle_seconds: options.settle_seconds,
        });
    }
    Ok(Gathered {
        inbox,
        archived,
        skipped,
        settling: settled.settling,
    })
}

/// Once the reports folder is locked: files that changed or went away
/// since they were judged ready (another run archived them, someone is
/// writing them) are left for the next run.
pub(crate) fn recheck(gathered: &mut Gathered) {
    for list in [&mut gathered.inbox, &mut gathered.archived] {
        list.retain(|(f, stamp)| {
            let same = stamp.is_none() || FileStamp::of(&f.path).ok() == *stamp;
            if !same {
                let left = Skipped {
                    shown: f.shown.clone(),
                    reason: "changed or moved while this run started: left for the next run".into(),
                };
                gathered.skipped.push(left.clone());
                gathered.settling.push(left);
            }
            same
        });
    }
}

/// How files of the archive are shown: `archive/2017-09/customers.xlsx`
/// (the month folder's own name comes from discovery).
fn shown_prefix(root: &Path) -> String {
    root.file_name()
        .map_or_else(String::new, |n| format!("{}/", PathBuf::from(n).display()))
}
