//! competency-report: reads partner workbooks, evaluates every Microsoft
//! partner against a competency's rules and writes an annotated report.
//!
//! The data takes one road, and the modules follow it:
//! [`input`] (find, open, classify, type the rows) -> [`rules`] (what counts)
//! -> [`evaluate`] (per partner, in parallel) -> [`report`] (Excel and JSON).
//! [`model`] holds the domain types every stage shares; [`problem`] says
//! where in the inputs something is wrong; [`text`] holds the words.
//!
//! The monthly routine wraps that road in a room of its own, [`routine`]:
//! config, lock, inbox settling, the run, comparison with last month,
//! history, archive and `init`'s folder layout. [`deliver`] sends the
//! written report (email).

pub mod advice;
pub mod deliver;
pub mod evaluate;
#[doc(hidden)]
pub mod fuzz;
pub mod input;
pub mod model;
pub mod problem;
pub mod report;
pub mod routine;
pub mod rules;
pub mod template;
pub mod text;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::evaluate::Evaluation;
use crate::input::{DiscoverError, Inputs, Limits, ReadOptions};
use crate::model::PartnerId;
use crate::problem::Problem;
use crate::report::pdf::PdfError;
use crate::report::{ReportData, ReportError};
use crate::rules::{Rules, RulesError};
use crate::text::Lang;

/// What a `run` needs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// The folder the report goes into.
    pub output: PathBuf,
    /// Where the JSON summary goes, if wanted.
    pub json: Option<PathBuf>,
    /// A rules file or the name of a shipped rule set (default: Cloud Productivity).
    pub rules: Option<PathBuf>,
    /// The date the report speaks for.
    pub as_of: NaiveDate,
    /// The language of the Excel report (the JSON stays English).
    pub lang: Lang,
    /// Also convert the report to PDF with LibreOffice, when installed.
    pub pdf: bool,
    /// The partner of every sheet without a Partner ID column (a partner
    /// checking its own Partner Center export); `None`: told from folder
    /// and file names.
    pub partner: Option<PartnerId>,
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

/// What a finished run wrote and found.
#[derive(Debug)]
pub struct RunOutcome {
    /// The Excel report.
    pub report: PathBuf,
    /// The JSON summary, if asked for.
    pub json: Option<PathBuf>,
    /// The PDF copy, if asked for: where it went, or why there is none (the
    /// run still succeeded: the report is written).
    pub pdf: Option<Result<PathBuf, PdfError>>,
    /// The analysis behind them.
    pub analysis: Analysis,
    /// The rules the run used.
    pub rules: Rules,
    /// Where those rules came from.
    pub rules_origin: String,
    /// The date the report speaks for.
    pub as_of: NaiveDate,
    /// The language the report was written in.
    pub lang: Lang,
}

impl RunOutcome {
    /// The data the report was written from, for whatever comes after the
    /// report (sending it by email).
    pub fn report_data(&self) -> ReportData<'_> {
        ReportData {
            as_of: self.as_of,
            rules: &self.rules,
            rules_origin: &self.rules_origin,
            inputs: &self.analysis.inputs,
            evaluation: &self.analysis.evaluation,
            problems: &self.analysis.problems,
            changes: None,
            history: None,
            notes: &[],
            lang: self.lang,
        }
    }
}

/// Loads the rules `--rules` names: a rules file (an existing path wins) or
/// a shipped rule set by name; without one, the built-in Cloud Productivity
/// rules. Returns them with a name for where they came from.
pub fn load_rules(spec: Option<&Path>) -> Result<(Rules, String), RulesError> {
    match spec {
        Some(spec) => Rules::load(spec),
        // Not `load`: a stray file named like the default in the working
        // folder must not replace the built-in rules.
        None => Rules::shipped_with_origin(rules::DEFAULT_NAME),
    }
}

/// Reads and evaluates the inputs.
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
    let mut read = input::read_inputs(inputs, exclude, rules, read_options(partner))?;
    if read.files.is_empty() {
        let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(RunError::NoInputs(names.join(", ")));
    }
    let evaluation = evaluate::evaluate(&read.rows, rules, as_of);
    let mut problems = std::mem::take(&mut read.rows.problems);
    problems.extend(evaluation.problems.iter().cloned());
    Ok(Analysis {
        inputs: read,
        evaluation,
        problems,
    })
}

/// Evaluates files already found (and judged ready), calling `on_read` as
/// each file is read; the monthly routine's version of [`analyse`].
pub fn analyse_found(
    found: &[input::Found],
    skipped: Vec<input::Skipped>,
    rules: &Rules,
    as_of: NaiveDate,
    partner: Option<&PartnerId>,
    on_read: &(dyn Fn(&input::Found) + Sync),
) -> Analysis {
    let mut read = input::read_found(found, skipped, rules, read_options(partner), on_read);
    let evaluation = evaluate::evaluate(&read.rows, rules, as_of);
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

/// The whole batch: read, evaluate, write the report (and JSON).
pub fn run(options: &RunOptions) -> Result<RunOutcome, RunError> {
    let (rules, origin) = load_rules(options.rules.as_deref())?;
    let analysis = analyse(
        &options.inputs,
        std::slice::from_ref(&options.output),
        &rules,
        options.as_of,
        options.partner.as_ref(),
    )?;
    let data = ReportData {
        as_of: options.as_of,
        rules: &rules,
        rules_origin: &origin,
        inputs: &analysis.inputs,
        evaluation: &analysis.evaluation,
        problems: &analysis.problems,
        changes: None,
        history: None,
        notes: &[],
        lang: options.lang,
    };
    let report::Written { report, json, pdf } =
        report::write_outputs(&data, &options.output, options.json.as_deref(), options.pdf)?;
    Ok(RunOutcome {
        report,
        json,
        pdf,
        analysis,
        rules,
        rules_origin: origin,
        as_of: options.as_of,
        lang: options.lang,
    })
}
