//! What a routine run gives back: the outcome of a run that wrote its
//! report (what it read, wrote, archived and mailed, and why the exit code
//! is what it is), or why it wrote none.

use super::lock::LockError;
use crate::deliver::email::{Delivery, EmailError, Family};
use crate::input::Skipped;
use crate::model::Level;
use crate::pipeline::{RunData, RunError};
use crate::problem::Problem;
use crate::report::Written;
use crate::text::Lang;

/// Why a routine run wrote no report.
#[derive(Debug, thiserror::Error)]
pub enum RoutineError {
    /// Another run holds the reports folder (or the lock failed).
    #[error(transparent)]
    Lock(#[from] LockError),
    /// The run itself failed.
    #[error(transparent)]
    Run(#[from] RunError),
    /// Every file in the inbox is still being copied.
    #[error(
        "nothing to read yet in {inputs}: {count} file(s) changed less than {settle_seconds} s ago and may still be being copied ({names}); they were left for the next run. Wait {settle_seconds} s and run again, or run with --settle-seconds 0 (`settle_seconds` in the config file) to read them at once"
    )]
    StillCopying {
        /// The inputs looked at.
        inputs: String,
        /// How many files are still being copied.
        count: usize,
        /// The first of them.
        names: String,
        /// The settle time in force.
        settle_seconds: u64,
    },
    /// The email settings cannot be used (checked before anything is written).
    #[error(transparent)]
    Email(#[from] EmailError),
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
    /// What the run read and decided, as the command line tells it.
    pub summary: RunSummary,
    /// The report, JSON and PDF written.
    pub written: Written,
    /// Files left for the next run because they were still being copied.
    pub(crate) settling: Vec<Skipped>,
    /// Things a person must know even when the run is quiet, though they
    /// fail nothing (partners a re-run drops from the month's history).
    pub cautions: Vec<String>,
    /// Notes from after the report was written (what was archived), for
    /// the person reading stderr; the notes before it are in
    /// `summary.notes` (and on `Run info`).
    pub notes: Vec<String>,
    /// Steps after the report that failed (history, archive): the report is
    /// good, but something needs a person.
    pub warnings: Vec<String>,
    /// What the email step did, if the run sends email; an error means
    /// email stopped part-way (the report is written all the same).
    pub email: Option<Result<Delivery, EmailError>>,
    /// Said even when quiet, changing no exit code: the as-of date is in the
    /// future, so the month was not recorded.
    pub notices: Vec<String>,
    /// What the report was made from, no longer needed (see [`RunMemory`]).
    pub memory: RunMemory,
}

/// What a run's report was made from (its rows, evaluation and advice),
/// handed back with the outcome instead of freed inside the run: a
/// program about to exit can leave it to the system with
/// [`RunMemory::leave_to_exit`], since freeing a million rows one
/// allocation at a time costs about a third of a second the run has no use
/// for. A caller that goes on frees it with the outcome, as any value.
pub struct RunMemory(Option<Box<dyn std::any::Any>>);

impl RunMemory {
    /// Holds `data` until the outcome is dropped or left to the exit.
    pub(crate) fn new(data: impl std::any::Any) -> RunMemory {
        RunMemory(Some(Box::new(data)))
    }

    /// Leaves the memory to the process's exit, which returns it to the
    /// system at once: for a program that is about to end, never for one
    /// that goes on (it would be lost until the end). The outcome stays
    /// whole for what the program still prints.
    pub fn leave_to_exit(&mut self) {
        if let Some(data) = self.0.take() {
            std::mem::forget(data);
        }
    }
}

impl std::fmt::Debug for RunMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RunMemory(..)")
    }
}

/// What a run read and decided, whatever the family, for the command
/// line's lines.
#[derive(Debug)]
pub struct RunSummary {
    /// What the rules describe: "Cloud Productivity competency, Managed
    /// Service Partner option".
    pub title: String,
    /// Every problem, input problems first.
    pub problems: Vec<Problem>,
    /// Notes about the run before the report was written.
    pub notes: Vec<String>,
    /// How many input files were read.
    pub files: usize,
    /// How many customer rows and transcript rows were read.
    pub rows: (usize, usize),
    /// How many partners were evaluated.
    pub partners: usize,
    /// Partners per level in words: "1 Gold, 3 Silver, 2 none".
    pub tally: String,
    /// The language of the report, and of the lines below.
    pub lang: Lang,
    /// The first line `run` prints: what was evaluated, where the rules
    /// came from (in `lang`).
    pub rules_line: String,
    /// The end-of-run summary: files read, partners by level, problems
    /// (in `lang`).
    pub summary_line: String,
}

impl RunSummary {
    /// The summary of a run; its problems and notes are moved out of `data`.
    pub(super) fn of<F: Family>(data: &mut RunData<F>) -> RunSummary {
        let partners = &data.analysis.evaluation.partners;
        let count = |level: Level| partners.iter().filter(|p| p.level() == level).count();
        let lang = data.lang;
        // Scored in points: the one level is Qualified.
        let scored = data.set.attainable_levels().contains(&Level::Qualified);
        let inputs = &data.analysis.inputs;
        let levels: Vec<Level> = partners.iter().map(|p| p.level()).collect();
        let rules_line = lang.rules_line(&data.set.rules, scored, &data.rules_origin);
        let summary_line = lang.summary_line(
            scored,
            (inputs.files_read(), inputs.files.len()),
            &levels,
            data.analysis.problems.len(),
        );
        RunSummary {
            lang,
            rules_line,
            summary_line,
            title: data.set.title(),
            tally: F::tally(&count),
            files: data.analysis.inputs.files.len(),
            rows: (
                data.analysis.inputs.rows.customers.len(),
                data.analysis.inputs.rows.credentials.len(),
            ),
            partners: partners.len(),
            problems: std::mem::take(&mut data.analysis.problems),
            notes: std::mem::take(&mut data.notes),
        }
    }
}

impl RoutineOutcome {
    /// Whether no partner could be evaluated: nothing usable was read. The
    /// report (with its Problems and Run info sheets) is written, but the
    /// run is no success: nothing is recorded, archived or mailed.
    pub fn no_partner(&self) -> bool {
        self.summary.partners == 0
    }

    /// Why `--strict` fails this run (exit code 1), in words; empty when
    /// nothing does.
    pub fn strict_reasons(&self) -> Vec<String> {
        let mut reasons = Vec::new();
        let problems = self.summary.problems.len();
        if problems > 0 {
            reasons.push(format!(
                "the inputs have {problems} problem(s) (listed on the report's Problems sheet)"
            ));
        }
        if !self.settling.is_empty() {
            reasons.push(format!(
                "{} file(s) still being copied were left for the next run (see --settle-seconds)",
                self.settling.len()
            ));
        }
        if !self.cautions.is_empty() {
            reasons.push("the month in the history lost partners (see the warning)".into());
        }
        if let Some(Ok(delivery)) = &self.email
            && let Some(undelivered) = delivery.undelivered()
        {
            reasons.push(undelivered);
        }
        reasons
    }
}
