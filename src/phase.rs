//! A run's phases, as a progress bar shows them and a benchmark times them:
//! the stages of the pipeline and the routine around it tell a [`Progress`]
//! when each starts and ends. Below every stage, so that each can report
//! without knowing who listens.

use std::time::{Duration, Instant};

use crate::input::Found;

/// A step of a run, for progress and timing (see [`Progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and typing the rows (files in parallel).
    Read,
    /// Evaluating every partner (in parallel).
    Evaluate,
    /// Deriving advice, progress and the ranking from the evaluation.
    Derive,
    /// Reading last month's figures and comparing.
    Compare,
    /// Reading the history for the `History` sheet.
    History,
    /// Building the report's sheets.
    Sheets,
    /// Saving the report (zip compression).
    Save,
    /// Writing the JSON summary.
    Json,
    /// Converting the report to PDF.
    Pdf,
    /// Recording the month in the history database.
    Record,
    /// Moving the inputs to the archive.
    Archive,
    /// Emailing the reports.
    Email,
}

impl Phase {
    /// Its name, for timings.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Read => "read",
            Phase::Evaluate => "evaluate",
            Phase::Derive => "derive",
            Phase::Compare => "compare",
            Phase::History => "history",
            Phase::Sheets => "build_sheets",
            Phase::Save => "save",
            Phase::Json => "json",
            Phase::Pdf => "pdf",
            Phase::Record => "record",
            Phase::Archive => "archive",
            Phase::Email => "email",
        }
    }
}

/// Told what a run is doing: a progress bar shows it, a benchmark times it.
/// Every method does nothing unless overridden.
pub trait Progress: Sync {
    /// Reading starts, with this many files.
    fn reading(&self, _files: usize) {}
    /// One file has been read.
    fn file_read(&self, _file: &Found) {}
    /// A phase has finished, and took this long.
    fn phase_done(&self, _phase: Phase, _took: Duration) {}
}

/// Shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// Runs `step` as `phase`, telling `progress` how long it took.
pub(crate) fn timed<T>(progress: &dyn Progress, phase: Phase, step: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = step();
    progress.phase_done(phase, started.elapsed());
    out
}
