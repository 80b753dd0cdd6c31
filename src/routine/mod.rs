//! The monthly routine: one unattended `run`, safe to start twice. It is the
//! one path from inputs to a written report: the `run` command, the
//! benchmark and `examples/phases.rs` all take it.
//!
//! In order: take the reports folder's lock (a second run at once stops
//! here), list the inbox and leave files still being copied, read and
//! evaluate, compare with last month, add the history, write the report
//! (and JSON); then, only once the report is safely written, record the
//! month in the history database, move the inputs that were read to the
//! archive and email the reports. A run that fails before the report is
//! written changes nothing else.
//!
//! The rooms: [`config`] (settings from `competency-report.toml`), `lock`
//! (one run per reports folder), `inbox` (files still being copied),
//! `compare` (last month), `history` (`history.sqlite`), `archive`
//! (moving the inputs read), [`init`] (a ready folder layout) and
//! `progress` (the progress bar); `outcome` what a run gives back.

pub(crate) mod archive;
pub(crate) mod compare;
pub mod config;
pub(crate) mod gather;
pub(crate) mod history;
pub(crate) mod inbox;
pub mod init;
pub(crate) mod lock;
mod outcome;
mod programme;
pub(crate) mod progress;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use self::archive::ReadFile;
use self::history::HistoryDb;
use self::inbox::FileStamp;
use self::lock::RunLock;
use crate::deliver::email::{self, EmailSettings, Family};
use crate::families::Loaded;
use crate::input::Found;
use crate::model::PartnerId;
use crate::phase::{Phase, Progress, Timings, timed};
use crate::pipeline::{RunData, RunError, RunOptions, analyse_found};
use crate::report;
use crate::rules::{RuleSet, RulesOrigin};
use crate::safe_write;
use crate::with_family;

pub use outcome::{RoutineError, RoutineOutcome, RunMemory, RunSummary};

/// What a scheduled run needs beyond a plain run.
#[derive(Debug, Clone)]
pub struct RoutineOptions {
    /// Inputs, report folder, JSON, rules, as-of date.
    pub run: RunOptions,
    /// Move the inputs into `<archive>/<YYYY-MM>/` after a good run.
    pub(crate) archive: Option<PathBuf>,
    /// The archive whose `<YYYY-MM>/` folder (the as-of month's inputs
    /// already archived) is read again together with the inbox; `None` with
    /// `--inbox-only` or without an archive.
    pub(crate) read_archive: Option<PathBuf>,
    /// Whether input problems should fail the exit code (see `main`).
    pub strict: bool,
    /// No progress bar (the caller also leaves out its summary).
    pub quiet: bool,
    /// A file changed more recently than this is left for the next run.
    pub(crate) settle_seconds: u64,
    /// Replaces the rules file's `[alerts] at_risk_margin`.
    pub(crate) at_risk_margin: Option<f64>,
    /// Keep `history.sqlite` and add the `History` sheet.
    pub(crate) history: bool,
    /// Email the reports after they are written (see [`crate::deliver::email`]).
    pub email: Option<EmailSettings>,
    /// The day the run happens: an as-of date after it is a month that has
    /// not happened, which is not recorded in the history.
    pub(crate) today: chrono::NaiveDate,
}

/// Partners named in the "no longer listed" note; a note is for reading,
/// and the earlier report holds the full list.
const GONE_LISTED: usize = 20;

/// Runs the routine once, with a progress bar on a terminal unless quiet.
pub fn run(options: &RoutineOptions) -> Result<RoutineOutcome, RoutineError> {
    run_with(options, &progress::Bar::new(options.quiet))
}

/// Runs the routine once, like [`run`], and records each phase's seconds,
/// processor seconds and peak memory in `timings` (`run --timings`).
pub fn run_timed(
    options: &RoutineOptions,
    timings: &Timings,
) -> Result<RoutineOutcome, RoutineError> {
    run_with(options, &(progress::Bar::new(options.quiet), timings))
}

/// Runs the routine once, telling `progress` what it does.
pub fn run_with(
    options: &RoutineOptions,
    progress: &dyn Progress,
) -> Result<RoutineOutcome, RoutineError> {
    match Loaded::load(&options.run.rules).map_err(RunError::from)? {
        Loaded::One(mut any, origin) => {
            if let Some(margin) = options.at_risk_margin {
                with_family!(&mut any, set => set.rules.alerts.at_risk_margin = margin);
            }
            with_family!(any, set => run_family(options, progress, set, origin))
        }
        Loaded::Several(programme) => programme::run(options, progress, programme),
    }
}

/// What every run has once it may write: the files to read, email made
/// ready, the reports folder's lock, and the first notes.
struct Started {
    gathered: gather::Gathered,
    mail: Option<email::Ready>,
    _lock: RunLock,
    notes: Vec<String>,
}

/// Lists the inputs, makes email ready and takes the lock; removes what
/// an interrupted run left. `baseline_window`: the months before this one
/// the rules compare with, read from the archive.
fn start(options: &RoutineOptions, baseline_window: Option<u32>) -> Result<Started, RoutineError> {
    let o = &options.run;
    // Everything that can fail for want of input fails before the lock is
    // taken: such a run creates nothing, not even the reports folder.
    let mut gathered = gather::gather(options, baseline_window)?;
    // Email is made ready (secrets read, a token fetched, the CA file
    // loaded) before anything is written: a wrong setting costs no report.
    let mail = options
        .email
        .as_ref()
        .map(EmailSettings::prepare)
        .transpose()?;
    let lock = RunLock::acquire(&o.output)?;
    gather::recheck(&mut gathered);
    let mut notes = Vec::new();
    // Holding the lock, this run is the only one writing here: a temporary
    // file nobody holds is what a killed run left behind.
    let mut stale = safe_write::remove_stale(&o.output);
    // The outbox too, whether or not this run mails: it sits in the locked
    // folder, and a run killed mid-message leaves its temporary file there.
    stale.extend(safe_write::remove_stale(&email::outbox_path(&o.output)));
    if let Some(root) = &options.archive {
        stale.extend(safe_write::remove_stale(&archive::month_dir(root, o.as_of)));
    }
    if !stale.is_empty() {
        notes.push(format!(
            "removed {} temporary file(s) left by an interrupted run",
            stale.len()
        ));
    }
    for s in &gathered.settling {
        notes.push(format!("{}: {}", s.shown, s.reason));
    }
    for (reread, _) in &gathered.archived {
        let shown = &reread.shown;
        notes.push(format!(
            "{shown}: read again from the archive (an input of this month an earlier run archived; --inbox-only leaves it out)"
        ));
    }
    if let (Some(root), Some(window)) = (&options.read_archive, baseline_window) {
        notes.extend(baseline_notes(root, &gathered, window));
    }
    Ok(Started {
        gathered,
        mail,
        _lock: lock,
        notes,
    })
}

/// The run, once the rules' family is known.
fn run_family<F: Family>(
    options: &RoutineOptions,
    progress: &dyn Progress,
    set: RuleSet<F>,
    origin: RulesOrigin,
) -> Result<RoutineOutcome, RoutineError> {
    let o = &options.run;
    // A points-scored rule set compares with a window before: its run reads
    // the archive's earlier months as baselines.
    let Started {
        mut gathered,
        mail,
        _lock,
        mut notes,
    } = start(options, set.rules.baseline_months)?;
    let ready = gathered.ready();
    let analysis = analyse_found(
        &ready,
        std::mem::take(&mut gathered.skipped),
        &set,
        o.as_of,
        o.partner.as_ref(),
        progress,
    );
    let db = options.history.then(|| HistoryDb::in_dir(&o.output));
    let mut cautions = Vec::new();
    let (future, notices) = future_month(options, &mut notes);
    if let Some(db) = &db
        && !future
    {
        match dropped_from_history(db, o.as_of, &analysis.evaluation) {
            Ok(None) => {}
            Ok(Some(mut caution)) => {
                if options.read_archive.is_none() && options.archive.is_some() {
                    caution.push_str(" (this run read the inbox only: --inbox-only)");
                }
                notes.push(caution.clone());
                cautions.push(caution);
            }
            Err(e) => notes.push(e.to_string()),
        }
    }
    let changes = timed(progress, Phase::Compare, || {
        match compare::last_month(&o.output, o.as_of, db.as_ref()) {
            Ok(None) => {
                notes
                    .push("no earlier month in the reports folder: nothing to compare with".into());
                None
            }
            Ok(Some(previous)) => {
                let changes = compare::compare(&previous, &analysis.evaluation);
                notes.push(format!(
                    "compared with {} ({} partner(s) then; {} no longer listed{})",
                    previous.source,
                    previous.partners.len(),
                    changes.gone.len(),
                    listed(&changes.gone)
                ));
                Some(changes)
            }
            Err(e) => {
                notes.push(format!("{e}; this report shows no changes"));
                None
            }
        }
    });
    let history = db.as_ref().and_then(|db| {
        timed(progress, Phase::History, || {
            db.load_with(o.as_of, &analysis.evaluation)
        })
        .map_err(|e| notes.push(format!("{e}; the History sheet is left out")))
        .ok()
    });

    let mut data = RunData {
        as_of: o.as_of,
        lang: o.lang,
        set,
        rules_origin: origin,
        analysis,
        changes,
        history,
        notes,
    };
    let written = report::write_outputs(
        &data.report_data(),
        &o.output,
        o.json.as_deref(),
        o.pdf,
        progress,
    )
    .map_err(RunError::from)?;

    // The report is safely written: from here on a failure is a warning.
    let mut after = After::default();
    // A run that evaluated no partner read nothing usable: the history keeps
    // its month, the inputs stay in the inbox for a re-run after the fix,
    // and nobody is mailed an empty report.
    let nothing = data.analysis.evaluation.partners.is_empty();
    if let Some(db) = &db
        && !future
        && !nothing
        && let Err(e) = timed(progress, Phase::Record, || {
            db.record(o.as_of, &data.analysis.evaluation)
        })
    {
        after
            .warnings
            .push(format!("the history was not updated: {e}"));
    }
    if let Some(root) = &options.archive
        && !nothing
    {
        timed(progress, Phase::Archive, || {
            archive_inputs(
                &mut after,
                &data.analysis.inputs,
                o.as_of,
                &gathered.inbox,
                &o.inputs,
                root,
            )
        });
    }
    // Last: what is mailed is what was written, and a mail failure never
    // changes what the run earned.
    let email = mail.filter(|_| !nothing).map(|ready| {
        timed(progress, Phase::Email, || {
            email::deliver(&data.report_data(), &written.report, &o.output, &ready)
        })
    });
    after.warnings.extend(email_warnings(email.as_ref()));
    let summary = RunSummary::of(&mut data);
    Ok(RoutineOutcome {
        summary,
        memory: RunMemory::new(data),
        written,
        settling: gathered.settling,
        cautions,
        notes: after.notes,
        warnings: after.warnings,
        email,
        notices,
    })
}

/// What the run says about the earlier months it read as baselines: which
/// months, and which month a year back the archive lacks.
fn baseline_notes(root: &Path, gathered: &gather::Gathered, window: u32) -> Vec<String> {
    let month = |d: &chrono::NaiveDate| d.format("%Y-%m").to_string();
    let read: Vec<String> = gathered
        .earlier
        .months
        .iter()
        .filter(|(_, there)| *there)
        .map(|(m, _)| month(m))
        .collect();
    let mut notes = Vec::new();
    if !read.is_empty() {
        notes.push(format!(
            "read {} file(s) of earlier months from {} ({}) as baselines only: the comparisons a year back and from each customer's association; their problems were reported in their own month",
            gathered.earlier.files.len(),
            root.display(),
            read.join(", ")
        ));
    }
    // The month a year before this one: without it (and without a download
    // in the inbox that reaches back that far) last year's figures are not
    // exact.
    let year_ago = gathered.earlier.months.get(window as usize - 1);
    if let Some((m, false)) = year_ago {
        notes.push(format!(
            "{} has no {} folder: unless this month's downloads reach back to {}, the figures a year back are not exact; drop that month's Partner Center downloads into {}",
            root.display(),
            month(m),
            month(m),
            archive::month_dir(root, *m).display()
        ));
    }
    notes
}

/// A month that has not happened yet (a typo in --as-of, most often) is
/// reported on, but not written into the months that have: whether the
/// as-of date is after today, and the notice said then (also a note).
fn future_month(options: &RoutineOptions, notes: &mut Vec<String>) -> (bool, Vec<String>) {
    let o = &options.run;
    if o.as_of <= options.today {
        return (false, Vec::new());
    }
    let notice = format!(
        "the as-of date {} is after today ({}): the report speaks of a month that has not ended, and it was not recorded in the history",
        o.as_of, options.today
    );
    notes.push(notice.clone());
    (true, vec![notice])
}

/// An email step that stopped early (the relay refused the sign-in or its
/// certificate, stopped answering, time ran out, the delivery log could not
/// be written) is a step after the report that failed.
fn email_warnings(email: Option<&Result<email::Delivery, email::EmailError>>) -> Option<String> {
    match email? {
        Ok(delivery) => delivery
            .stopped()
            .map(|why| format!("email {why}; see the email lines below")),
        Err(e) => Some(format!("email stopped: {e}; see the email lines below")),
    }
}

/// What the steps after the report did.
#[derive(Debug, Default)]
struct After {
    notes: Vec<String>,
    warnings: Vec<String>,
}

/// Moves the inputs that were read into the archive, unless an earlier
/// step failed.
fn archive_inputs(
    after: &mut After,
    read: &crate::input::Inputs,
    as_of: chrono::NaiveDate,
    inbox: &[(Found, Option<FileStamp>)],
    inputs: &[PathBuf],
    root: &Path,
) {
    if !after.warnings.is_empty() {
        // Keeping the inputs lets a re-run, once the history is fixed,
        // record the month; the re-run replaces this month's rows.
        after
            .warnings
            .push("the inputs were not archived, so a re-run can record the month".into());
        return;
    }
    // A file that could not be read is not in the report: it stays in the
    // inbox for a person to fix.
    let unreadable: BTreeSet<&str> = read
        .files
        .iter()
        .filter(|f| f.error.is_some())
        .map(|f| f.shown.as_str())
        .collect();
    // Only the inbox's files: the month's archived ones are there already.
    let files: Vec<ReadFile> = inbox
        .iter()
        .filter(|(f, _)| !unreadable.contains(f.shown.as_str()))
        .map(|(f, stamp)| ReadFile {
            path: f.path.clone(),
            subdir: subdir(&f.path, inputs),
            stamp: stamp.clone(),
        })
        .collect();
    let outcome = archive::archive(&files, root, as_of);
    for (path, why) in outcome.failed {
        after
            .warnings
            .push(format!("not archived: {}: {why}", path.display()));
    }
    for shown in &unreadable {
        after.notes.push(format!(
            "{shown}: could not be read, so it stays in the inbox"
        ));
    }
    if !outcome.moved.is_empty() {
        after.notes.push(format!(
            "{} input file(s) moved to {}",
            outcome.moved.len(),
            archive::month_dir(root, as_of).display()
        ));
    }
}

/// The folders between the input folder that holds `path` and it (empty
/// for a file named as an input itself).
fn subdir(path: &Path, inputs: &[PathBuf]) -> PathBuf {
    inputs
        .iter()
        .filter(|input| input.is_dir())
        .find_map(|input| path.strip_prefix(input).ok())
        .and_then(Path::parent)
        .map_or_else(PathBuf::new, Path::to_path_buf)
}

/// A caution when recording this run would drop partners the month
/// already has in the history (a re-run that read less than the first).
fn dropped_from_history<F: Family>(
    db: &HistoryDb,
    as_of: chrono::NaiveDate,
    evaluation: &crate::evaluate::Evaluation<F>,
) -> Result<Option<String>, history::HistoryError> {
    let Some(stored) = db.stored_month(as_of)? else {
        return Ok(None);
    };
    let now: BTreeSet<&PartnerId> = evaluation.partners.iter().map(|p| &p.partner).collect();
    let gone: Vec<PartnerId> = stored
        .partners
        .keys()
        .filter(|id| !now.contains(id))
        .cloned()
        .collect();
    if gone.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "{} already holds {} partner(s) for {} that this run's inputs do not have{}; recording this run replaces the month without them. If their files belong to this month, put them back into the inbox and run again",
        db.path().display(),
        gone.len(),
        stored.month,
        listed(&gone)
    )))
}

/// ": 1000001, 1000003" (at most [`GONE_LISTED`], then "and N more"), or
/// nothing for no partners.
fn listed(ids: &[crate::model::PartnerId]) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let shown: Vec<&str> = ids.iter().take(GONE_LISTED).map(|p| p.as_str()).collect();
    let more = ids.len().saturating_sub(GONE_LISTED);
    if more > 0 {
        format!(": {} and {more} more", shown.join(", "))
    } else {
        format!(": {}", shown.join(", "))
    }
}
