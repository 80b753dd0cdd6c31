//! The monthly routine: one unattended `run`, safe to start twice.
//!
//! In order: take the reports folder's lock (a second run at once stops
//! here), list the inbox and leave files still being copied, read and
//! evaluate, compare with the latest earlier report, add the history, write
//! the report (and JSON); then, only once the report is safely written,
//! record the month in the history database and move the inputs that were
//! read to the archive. A run that fails before the report is written
//! changes nothing else.
//!
//! The rooms: [`config`] (settings from `competency-report.toml`), [`lock`]
//! (one run per reports folder), [`inbox`] (files still being copied),
//! [`compare`] (last month), [`history`] (`history.sqlite`), [`archive`]
//! (moving the inputs read), and [`init`] (a ready folder layout).

pub mod archive;
pub mod compare;
pub mod config;
pub mod history;
pub mod inbox;
pub mod init;
pub mod lock;

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use self::archive::ReadFile;
use self::compare::Changes;
use self::history::HistoryDb;
use self::inbox::FileStamp;
use self::lock::{LockError, RunLock};
use crate::input::{Found, Skipped, discover};
use crate::report::{self, ReportData};
use crate::{RunError, RunOptions, RunOutcome, analyse_found, load_rules};

/// What a scheduled run needs beyond a plain run.
#[derive(Debug, Clone)]
pub struct RoutineOptions {
    /// Inputs, report folder, JSON, rules, as-of date.
    pub run: RunOptions,
    /// Move the inputs into `<archive>/<YYYY-MM>/` after a good run.
    pub archive: Option<PathBuf>,
    /// Whether input problems should fail the exit code (see `main`).
    pub strict: bool,
    /// No progress bar (the caller also leaves out its summary).
    pub quiet: bool,
    /// A file changed more recently than this is left for the next run.
    pub settle_seconds: u64,
    /// Replaces the rules file's `[alerts] at_risk_margin`.
    pub at_risk_margin: Option<f64>,
    /// Keep `history.sqlite` and add the `History` sheet.
    pub history: bool,
}

/// Why a routine run wrote no report.
#[derive(Debug, thiserror::Error)]
pub enum RoutineError {
    /// Another run holds the reports folder (or the lock failed).
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The run itself failed.
    #[error(transparent)]
    Run(#[from] RunError),
}

impl RoutineError {
    /// Whether the run stopped only because another run holds the lock.
    pub fn is_busy(&self) -> bool {
        matches!(self, RoutineError::Lock(LockError::Busy(_)))
    }
}

/// What a routine run did.
#[derive(Debug)]
pub struct RoutineOutcome {
    /// The report, JSON and analysis.
    pub run: RunOutcome,
    /// Files left for the next run because they were still being copied.
    pub settling: Vec<Skipped>,
    /// The comparison with the earlier report, if there was one.
    pub changes: Option<Changes>,
    /// Notes for the person reading stderr (also on `Run info`).
    pub notes: Vec<String>,
    /// Steps after the report that failed (history, archive): the report is
    /// good, but something needs a person.
    pub warnings: Vec<String>,
    /// Inputs moved to the archive: from, to.
    pub archived: Vec<(PathBuf, PathBuf)>,
    /// The history database, if it was updated.
    pub history: Option<PathBuf>,
}

/// The progress bar for reading: on stderr when it is a terminal and the
/// run is not quiet, otherwise hidden (cron mail and logs stay clean).
fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("reading {bar:30.cyan/blue} {pos}/{len} files  {wide_msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Partners named in the "no longer listed" note; a note is for reading,
/// and the earlier report holds the full list.
const GONE_LISTED: usize = 20;

/// Runs the routine once.
pub fn run(options: &RoutineOptions) -> Result<RoutineOutcome, RoutineError> {
    let o = &options.run;
    let (mut rules, origin) = load_rules(o.rules.as_deref()).map_err(RunError::from)?;
    if let Some(margin) = options.at_risk_margin {
        rules.alerts.at_risk_margin = margin;
    }
    let _lock = RunLock::acquire(&o.output)?;

    // The report folder and the archive are never inputs, even when they
    // sit inside the inbox.
    let mut exclude = vec![o.output.clone()];
    exclude.extend(options.archive.iter().cloned());
    let (found, mut skipped) = discover::discover(&o.inputs, &exclude).map_err(RunError::from)?;
    let settled = inbox::settle(
        found,
        Duration::from_secs(options.settle_seconds),
        SystemTime::now(),
    );
    skipped.extend(settled.settling.iter().cloned());
    let (ready, stamps): (Vec<Found>, Vec<Option<FileStamp>>) = settled.ready.into_iter().unzip();
    if ready.is_empty() {
        let names: Vec<String> = o.inputs.iter().map(|p| p.display().to_string()).collect();
        let mut message = names.join(", ");
        if !settled.settling.is_empty() {
            message.push_str(&format!(
                " ({} file(s) still being copied were left for the next run)",
                settled.settling.len()
            ));
        }
        return Err(RunError::NoInputs(message).into());
    }

    let bar = progress_bar(ready.len(), options.quiet);
    let analysis = analyse_found(
        &ready,
        skipped,
        &rules,
        o.as_of,
        o.partner.as_ref(),
        &|f: &Found| {
            bar.set_message(f.shown.clone());
            bar.inc(1);
        },
    );
    bar.finish_and_clear();

    let mut notes = Vec::new();
    for s in &settled.settling {
        notes.push(format!("{}: {}", s.shown, s.reason));
    }
    let changes = match compare::find_previous(&o.output, o.as_of) {
        None => {
            notes.push("no earlier report in the reports folder: nothing to compare with".into());
            None
        }
        Some((path, date)) => match compare::read_previous(&path, date) {
            Ok(previous) => {
                let changes = compare::compare(&previous, &analysis.evaluation);
                notes.push(format!(
                    "compared with {} ({} partner(s) then; {} no longer listed{})",
                    path.display(),
                    previous.partners.len(),
                    changes.gone.len(),
                    if changes.gone.is_empty() {
                        String::new()
                    } else {
                        let ids: Vec<&str> = changes
                            .gone
                            .iter()
                            .take(GONE_LISTED)
                            .map(|p| p.as_str())
                            .collect();
                        let more = changes.gone.len().saturating_sub(GONE_LISTED);
                        if more > 0 {
                            format!(": {} and {more} more", ids.join(", "))
                        } else {
                            format!(": {}", ids.join(", "))
                        }
                    }
                ));
                Some(changes)
            }
            Err(e) => {
                notes.push(format!("{e}; this report shows no changes"));
                None
            }
        },
    };
    let db = HistoryDb::in_dir(&o.output);
    let history = if options.history {
        match db.load_with(o.as_of, &analysis.evaluation) {
            Ok(h) => Some(h),
            Err(e) => {
                notes.push(format!("{e}; the History sheet is left out"));
                None
            }
        }
    } else {
        None
    };

    let data = ReportData {
        as_of: o.as_of,
        rules: &rules,
        rules_origin: &origin,
        inputs: &analysis.inputs,
        evaluation: &analysis.evaluation,
        problems: &analysis.problems,
        changes: changes.as_ref(),
        history: history.as_ref(),
        notes: &notes,
        lang: o.lang,
    };
    let report::Written { report, json, pdf } =
        report::write_outputs(&data, &o.output, o.json.as_deref(), o.pdf)
            .map_err(RunError::from)?;

    // The report is safely written: from here on a failure is a warning.
    let mut warnings = Vec::new();
    let mut recorded = None;
    if options.history {
        match db.record(o.as_of, &analysis.evaluation) {
            Ok(()) => recorded = Some(db.path().to_path_buf()),
            Err(e) => warnings.push(format!("the history was not updated: {e}")),
        }
    }
    let mut archived = Vec::new();
    if let Some(root) = &options.archive {
        if !warnings.is_empty() {
            // Keeping the inputs lets a re-run, once the history is fixed,
            // record the month; the re-run replaces this month's rows.
            warnings.push("the inputs were not archived, so a re-run can record the month".into());
        } else {
            // A file that could not be read is not in the report: it stays
            // in the inbox for a person to fix.
            let unreadable: BTreeSet<&str> = analysis
                .inputs
                .files
                .iter()
                .filter(|f| f.error.is_some())
                .map(|f| f.shown.as_str())
                .collect();
            let files: Vec<ReadFile> = ready
                .iter()
                .zip(stamps)
                .filter(|(f, _)| !unreadable.contains(f.shown.as_str()))
                .map(|(f, stamp)| ReadFile {
                    path: f.path.clone(),
                    stamp,
                })
                .collect();
            let outcome = archive::archive(&files, root, o.as_of);
            for (path, why) in outcome.failed {
                warnings.push(format!("not archived: {}: {why}", path.display()));
            }
            archived = outcome.moved;
            for shown in &unreadable {
                notes.push(format!(
                    "{shown}: could not be read, so it stays in the inbox"
                ));
            }
            if !archived.is_empty() {
                notes.push(format!(
                    "{} input file(s) moved to {}",
                    archived.len(),
                    archive::month_dir(root, o.as_of).display()
                ));
            }
        }
    }
    Ok(RoutineOutcome {
        run: RunOutcome {
            report,
            json,
            pdf,
            analysis,
            rules,
            rules_origin: origin,
            as_of: o.as_of,
            lang: o.lang,
        },
        settling: settled.settling,
        changes,
        notes,
        warnings,
        archived,
        history: recorded,
    })
}
