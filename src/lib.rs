//! competency-report: reads partner workbooks, evaluates every Microsoft
//! partner against a competency's rules and writes an annotated report.
//!
//! The data takes one road, and the modules follow it:
//! [`input`] (find, open, classify, type the rows) -> [`rules`] (what counts)
//! -> [`evaluate`] (per partner, in parallel) -> [`report`] (Excel and JSON).
//! [`model`] holds the domain types every stage shares; [`problem`] says
//! where in the inputs something is wrong; [`text`] holds the words;
//! `month` holds last month's changes and the history, which the routine
//! computes and the report, the mail and the words read.
//!
//! The monthly routine wraps that road in a room of its own, [`routine`]:
//! config, lock, inbox settling, the run, comparison with last month,
//! history, archive and `init`'s folder layout. [`routine::run`] is the one
//! path from inputs to a written report: the `run` command and the
//! benchmarks both take it. [`deliver`] sends the written report (email);
//! `safe_write` is how every file the tool writes is put in place.

#![warn(missing_docs)]

pub mod advice;
pub mod deliver;
pub mod evaluate;
#[doc(hidden)]
pub mod fuzz;
pub mod input;
pub mod model;
pub(crate) mod month;
pub mod problem;
pub mod report;
pub mod routine;
pub mod rules;
pub(crate) mod safe_write;
pub mod template;
pub mod text;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::evaluate::Evaluation;
use crate::input::{DiscoverError, Found, Inputs, Limits, ReadOptions, Skipped};
use crate::model::PartnerId;
use crate::month::{Changes, History};
use crate::problem::Problem;
use crate::report::{ReportData, ReportError};
use crate::rules::{Rules, RulesError, RulesOrigin};
use crate::text::Lang;

/// What a report run needs: inputs, report folder and the report's settings.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Files and folders to read.
    pub(crate) inputs: Vec<PathBuf>,
    /// The folder the report goes into.
    pub output: PathBuf,
    /// Where the JSON summary goes, if wanted.
    pub(crate) json: Option<PathBuf>,
    /// A rules file or the name of a shipped rule set (default: Cloud Productivity).
    pub(crate) rules: Option<PathBuf>,
    /// The date the report speaks for.
    pub(crate) as_of: NaiveDate,
    /// The language of the Excel report (the JSON stays English).
    pub(crate) lang: Lang,
    /// Also convert the report to PDF with LibreOffice, when installed.
    pub(crate) pdf: bool,
    /// The partner of every sheet without a Partner ID column (a partner
    /// checking its own Partner Center export); `None`: told from folder
    /// and file names.
    pub(crate) partner: Option<PartnerId>,
}

/// Why a run wrote no report.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The rules file is unusable.
    #[error(transparent)]
    Rules(#[from] RulesError),
    /// The inputs could not be listed.
    #[error(transparent)]
    Discover(#[from] DiscoverError),
    /// No spreadsheet was found in the inputs.
    #[error(
        "no spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods) or text export (.csv, .tsv) found in {0}"
    )]
    NoInputs(String),
    /// The report could not be written.
    #[error(transparent)]
    Report(#[from] ReportError),
}

/// The inputs read and evaluated, before any report is written.
#[derive(Debug)]
pub struct Analysis {
    /// What was read.
    pub inputs: Inputs,
    /// What was decided.
    pub evaluation: Evaluation,
    /// Every problem: input problems in input order, then evaluation problems.
    pub problems: Vec<Problem>,
}

/// A step of a run, for progress and timing (see [`Progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and typing the rows (files in parallel).
    Read,
    /// Evaluating every partner (in parallel).
    Evaluate,
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

/// Everything a run's report is made from, owned: what was read and
/// decided, the rules, last month's changes, the history and the run's
/// notes. [`RunData::report_data`] is the one place a full report's
/// [`ReportData`] is made, for the report and for whatever comes after it
/// (email).
#[derive(Debug)]
pub struct RunData {
    /// The date the report speaks for.
    pub as_of: NaiveDate,
    /// The language of the Excel report.
    pub lang: Lang,
    /// The rules in force.
    pub rules: Rules,
    /// Where the rules came from.
    pub rules_origin: RulesOrigin,
    /// What was read and decided.
    pub analysis: Analysis,
    /// The comparison with last month, if there was one.
    pub changes: Option<Changes>,
    /// The month-by-month history, if kept.
    pub history: Option<History>,
    /// Notes about the run, listed on `Run info`.
    pub notes: Vec<String>,
}

impl RunData {
    /// The data the report is written from.
    pub fn report_data(&self) -> ReportData<'_> {
        ReportData {
            as_of: self.as_of,
            rules: &self.rules,
            rules_origin: &self.rules_origin,
            inputs: &self.analysis.inputs,
            evaluation: &self.analysis.evaluation,
            problems: &self.analysis.problems,
            changes: self.changes.as_ref(),
            history: self.history.as_ref(),
            notes: &self.notes,
            lang: self.lang,
        }
    }
}

/// Loads the rules `--rules` names: a rules file (an existing path wins) or
/// a shipped rule set by name; without one, the built-in Cloud Productivity
/// rules. Returns them with a name for where they came from.
pub fn load_rules(spec: Option<&Path>) -> Result<(Rules, RulesOrigin), RulesError> {
    match spec {
        Some(spec) => Rules::load(spec),
        // Not `load`: a stray file named like the default in the working
        // folder must not replace the built-in rules.
        None => Rules::shipped_with_origin(rules::DEFAULT_NAME),
    }
}

/// Reads and evaluates the inputs (`check`: no settling, no report).
///
/// `partner` is the partner of every sheet without a Partner ID column
/// (`--partner-id`); without it such a sheet's partner comes from its
/// folder's or file's name.
pub fn analyse(
    inputs: &[PathBuf],
    exclude: &[PathBuf],
    rules: &Rules,
    as_of: NaiveDate,
    partner: Option<&PartnerId>,
) -> Result<Analysis, RunError> {
    let (found, skipped) = input::discover::discover(inputs, exclude)?;
    if found.is_empty() {
        let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(RunError::NoInputs(names.join(", ")));
    }
    Ok(analyse_found(
        &found, skipped, rules, as_of, partner, &Silent,
    ))
}

/// Reads files already found (and judged ready) and evaluates them,
/// telling `progress` as each file is read and each phase ends.
pub(crate) fn analyse_found(
    found: &[Found],
    skipped: Vec<Skipped>,
    rules: &Rules,
    as_of: NaiveDate,
    partner: Option<&PartnerId>,
    progress: &dyn Progress,
) -> Analysis {
    progress.reading(found.len());
    let mut read = timed(progress, Phase::Read, || {
        input::read_found(found, skipped, rules, read_options(partner), &|f| {
            progress.file_read(f)
        })
    });
    let evaluation = timed(progress, Phase::Evaluate, || {
        evaluate::evaluate(&read.rows, rules, as_of)
    });
    let mut problems = std::mem::take(&mut read.rows.problems);
    problems.extend(evaluation.problems.iter().cloned());
    Analysis {
        inputs: read,
        evaluation,
        problems,
    }
}

fn read_options(partner: Option<&PartnerId>) -> ReadOptions {
    ReadOptions {
        limits: Limits::default(),
        partner: partner.cloned(),
    }
}
