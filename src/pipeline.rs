//! The road from inputs to a report, in one place: what a run needs
//! ([`RunOptions`]), the rules it loads, reading and evaluating the inputs
//! ([`analyse`]), and everything a report is made from ([`RunData`]). The
//! monthly routine ([`crate::routine`]) wraps it; `check` takes it alone.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::advice::{self, Derived};
use crate::evaluate::{self, Evaluation};
use crate::input::{self, DiscoverError, Found, Inputs, Limits, ReadOptions, Skipped};
use crate::model::PartnerId;
use crate::month::{Changes, History};
use crate::phase::{Phase, Progress, Silent, timed};
use crate::problem::Problem;
use crate::report::{Family, ReportData, ReportError};
use crate::rules::{RuleSet, RulesError, RulesOrigin};
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
    /// Rules files, programme files or names of shipped rule sets (none:
    /// Cloud Productivity; several: reported together).
    pub(crate) rules: Vec<PathBuf>,
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
pub struct Analysis<F: Family> {
    /// What was read.
    pub inputs: Inputs,
    /// What was decided.
    pub evaluation: Evaluation<F>,
    /// What follows from it (advice, progress, the closest partners).
    pub derived: Derived<F>,
    /// Every problem: input problems in input order, then evaluation problems.
    pub problems: Vec<Problem>,
}

/// Everything a run's report is made from, owned: what was read, decided
/// and derived, the rules, last month's changes, the history and the run's
/// notes. [`RunData::report_data`] is the one place a full report's
/// [`ReportData`] is made, for the report and for whatever comes after it
/// (email).
#[derive(Debug)]
pub struct RunData<F: Family> {
    /// The date the report speaks for.
    pub as_of: NaiveDate,
    /// The language of the Excel report.
    pub lang: Lang,
    /// The rules in force.
    pub set: RuleSet<F>,
    /// Where the rules came from.
    pub rules_origin: RulesOrigin,
    /// What was read, decided and derived.
    pub analysis: Analysis<F>,
    /// The comparison with last month, if there was one.
    pub changes: Option<Changes>,
    /// The month-by-month history, if kept.
    pub history: Option<History>,
    /// Notes about the run, listed on `Run info`.
    pub notes: Vec<String>,
}

impl<F: Family> RunData<F> {
    /// The data the report is written from.
    pub fn report_data(&self) -> ReportData<'_, F> {
        ReportData {
            as_of: self.as_of,
            set: &self.set,
            rules_origin: &self.rules_origin,
            inputs: &self.analysis.inputs,
            evaluation: &self.analysis.evaluation,
            derived: &self.analysis.derived,
            problems: &self.analysis.problems,
            changes: self.changes.as_ref(),
            history: self.history.as_ref(),
            notes: &self.notes,
            lang: self.lang,
        }
    }
}

/// Reads and evaluates the inputs (`check`: no settling, no report).
///
/// `partner` is the partner of every sheet without a Partner ID column
/// (`--partner-id`); without it such a sheet's partner comes from its
/// folder's or file's name.
pub fn analyse<F: Family>(
    inputs: &[PathBuf],
    exclude: &[PathBuf],
    set: &RuleSet<F>,
    as_of: NaiveDate,
    partner: Option<&PartnerId>,
) -> Result<Analysis<F>, RunError> {
    let (found, skipped) = input::discover::discover(inputs, exclude)?;
    if found.is_empty() {
        let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(RunError::NoInputs(names.join(", ")));
    }
    Ok(analyse_found(&found, skipped, set, as_of, partner, &Silent))
}

/// Reads files already found (and judged ready), evaluates them and
/// derives what follows, telling `progress` as each file is read and each
/// phase ends.
pub(crate) fn analyse_found<F: Family>(
    found: &[Found],
    skipped: Vec<Skipped>,
    set: &RuleSet<F>,
    as_of: NaiveDate,
    partner: Option<&PartnerId>,
    progress: &dyn Progress,
) -> Analysis<F> {
    progress.reading(found.len());
    let per_file = timed(progress, Phase::Read, || {
        input::read_each(found, &set.rules, read_options(partner), &|f| {
            progress.file_read(f)
        })
    });
    let mut read = timed(progress, Phase::Normalise, || {
        input::gather(found, per_file, skipped)
    });
    let evaluation = timed(progress, Phase::Evaluate, || {
        evaluate::evaluate(&read.rows, set, as_of)
    });
    let derived = timed(progress, Phase::Derive, || {
        advice::derive(set, &evaluation, &read.rows)
    });
    let mut problems = std::mem::take(&mut read.rows.problems);
    problems.extend(evaluation.problems.iter().cloned());
    Analysis {
        inputs: read,
        evaluation,
        derived,
        problems,
    }
}

fn read_options(partner: Option<&PartnerId>) -> ReadOptions {
    ReadOptions {
        limits: Limits::default(),
        partner: partner.cloned(),
    }
}
