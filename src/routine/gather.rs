//! Which files a month's run reads: the inbox's files that have settled,
//! and (unless `--inbox-only`) the as-of month's inputs already moved to
//! `<archive>/<YYYY-MM>/` by an earlier run, so that a re-run for the month
//! (a late file) makes a report and a history of the whole month.
//!
//! A points-scored rule set compares this month with a year before and with
//! each customer's month of association, so its runs also read the earlier
//! months' folders of the archive (a window and one month back: the month a
//! year before the latest download may be last month's). Their files are
//! baselines only ([`Found::earlier_month`]): a user who drops only this
//! month's downloads gets the comparisons once the routine has run for a
//! year.
//!
//! Everything here only looks: it runs before the reports folder is locked
//! (or even created), so a run with nothing to read creates nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{Datelike, Months, NaiveDate};

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
    /// The earlier months of the archive, read as baselines.
    pub(crate) earlier: EarlierMonths,
    /// Everything not read, with the reason (settling files included).
    pub(crate) skipped: Vec<Skipped>,
    /// Files left for the next run because they were still being copied.
    pub(crate) settling: Vec<Skipped>,
}

impl Gathered {
    /// Every file to read, inbox first, then the month's archived files,
    /// then the earlier months' baselines.
    pub(crate) fn ready(&self) -> Vec<Found> {
        self.inbox
            .iter()
            .chain(&self.archived)
            .map(|(f, _)| f.clone())
            .chain(self.earlier.files.iter().cloned())
            .collect()
    }
}

/// Lists and settles the run's files, with the earlier months of the
/// archive when `baseline_window` (a points-scored rule set's window, in
/// months) asks for them. Fails when the inbox holds nothing ready to read:
/// the archive alone is last run's month, not a new one.
pub(crate) fn gather(
    options: &RoutineOptions,
    baseline_window: Option<u32>,
) -> Result<Gathered, RoutineError> {
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
            let again = discover_archived(root, &month, &mut skipped)?;
            // A file of the month named as an input itself is read once.
            let named: BTreeSet<PathBuf> = found
                .iter()
                .filter_map(|f| f.path.canonicalize().ok())
                .collect();
            let again = again
                .into_iter()
                .filter(|f| f.path.canonicalize().map_or(true, |p| !named.contains(&p)));
            for f in again {
                archived_paths.insert(f.path.clone());
                archived_shown.insert(f.shown.clone());
                found.push(f);
            }
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
    let earlier = match (&options.read_archive, baseline_window) {
        (Some(root), Some(window)) => earlier_months(root, o.as_of, window + 1, &mut skipped)?,
        _ => EarlierMonths::default(),
    };
    Ok(Gathered {
        inbox,
        archived,
        earlier,
        skipped,
        settling: settled.settling,
    })
}

/// The archive's earlier months a run reads as baselines.
#[derive(Debug, Default)]
pub(crate) struct EarlierMonths {
    /// Their files, each marked with the last day of its month.
    pub(crate) files: Vec<Found>,
    /// The months looked for (first days, latest first), and whether the
    /// archive has a folder for each.
    pub(crate) months: Vec<(NaiveDate, bool)>,
}

/// The files of the `months` archive folders before the as-of month, each
/// marked with the last day of its month (the snapshot of rows that give
/// none), and the months looked for with whether their folder is there.
/// They were archived by earlier runs, so nothing is still being copied.
fn earlier_months(
    root: &Path,
    as_of: NaiveDate,
    months: u32,
    skipped: &mut Vec<Skipped>,
) -> Result<EarlierMonths, RoutineError> {
    let this_month = as_of.with_day(1).unwrap_or(as_of);
    let mut found = Vec::new();
    let mut looked = Vec::new();
    for back in 1..=months {
        let Some(month) = this_month.checked_sub_months(Months::new(back)) else {
            break;
        };
        let dir = archive::month_dir(root, month);
        looked.push((month, dir.is_dir()));
        if !dir.is_dir() {
            continue;
        }
        let last_day = month
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(month);
        found.extend(
            discover_archived(root, &dir, skipped)?
                .into_iter()
                .map(|f| Found {
                    earlier_month: Some(last_day),
                    ..f
                }),
        );
    }
    Ok(EarlierMonths {
        files: found,
        months: looked,
    })
}

/// The files of one month folder of the archive, shown under the archive's
/// name (`archive/2017-09/customers.xlsx`); what is passed over goes to
/// `skipped`.
fn discover_archived(
    root: &Path,
    dir: &Path,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<Found>, RoutineError> {
    let prefix = shown_prefix(root);
    let (found, also_skipped) = discover::discover(std::slice::from_ref(&dir.to_path_buf()), &[])
        .map_err(RunError::from)?;
    skipped.extend(also_skipped.into_iter().map(|mut s| {
        s.shown = format!("{prefix}{}", s.shown);
        s
    }));
    Ok(found
        .into_iter()
        .map(|mut f| {
            f.shown = format!("{prefix}{}", f.shown);
            f
        })
        .collect())
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
