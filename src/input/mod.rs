//! Reading the inputs: find the files, open each (in parallel), classify its
//! sheets by their headers and turn their rows into typed rows.
//!
//! One bad file or sheet becomes problem entries and never stops the others:
//! each file is read under `catch_unwind`, so even a panic inside a reader
//! ends only that file.

pub(crate) mod amount;
pub(crate) mod attribution;
mod cache;
pub mod delimited;
pub(crate) mod discover;
pub(crate) mod inspect;
pub(crate) mod limits;
pub(crate) mod month;
pub(crate) mod row_reader;
pub(crate) mod rows;
pub(crate) mod schema;
pub(crate) mod sheet;
pub(crate) mod value;
pub(crate) mod workbook;

#[cfg(test)]
mod azure_tests;
#[cfg(test)]
mod business_apps_tests;

use foldhash::{HashSet, HashSetExt};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

pub(crate) use attribution::PartnerOrigin;
pub(crate) use delimited::TextFormat;
pub(crate) use discover::{DiscoverError, Found, Skipped};
pub(crate) use rows::partner_runs;
pub use rows::{
    AcrRow, CredentialRow, CustomerRow, PartnerRow, RevenueRow, Rows, UsageRow, WorkloadCell,
};
pub use schema::Download;
pub(crate) use schema::{Field, SheetKind};
pub(crate) use sheet::{SheetStatus, SheetSummary};
pub use workbook::Limits;

use crate::model::PartnerId;
use crate::problem::{Location, Problem};
use crate::rules::Rules;
use delimited::encoding::TextError;
use sheet::{SheetParser, SheetSettings};
use workbook::{OpenError, SheetNature, Workbook};

/// What happened to one file.
#[derive(Debug, Clone)]
pub struct FileSummary {
    /// The file as shown in the report.
    pub(crate) shown: String,
    /// Its sheets (one, without a name, for a text file).
    pub(crate) sheets: Vec<SheetSummary>,
    /// Why it could not be read, if it could not.
    pub(crate) error: Option<String>,
    /// How a text file was read (encoding, delimiter); `None` for a workbook.
    pub(crate) text: Option<TextFormat>,
}

/// How the inputs are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Caps on what one file may ask of the machine.
    pub(crate) limits: Limits,
    /// The partner of every sheet without a partner id column
    /// (`--partner-id`, `partner_id` in the config file); without it such a
    /// sheet's partner comes from its folder's or file's name.
    pub(crate) partner: Option<PartnerId>,
}

impl From<Limits> for ReadOptions {
    fn from(limits: Limits) -> ReadOptions {
        ReadOptions {
            limits,
            partner: None,
        }
    }
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Typed rows and problems, in input order (files by path, then sheets, then rows).
    pub rows: Rows,
    /// One summary per file read.
    pub files: Vec<FileSummary>,
    /// Files found and deliberately not read.
    pub(crate) skipped: Vec<Skipped>,
}

impl Inputs {
    /// The files something was read from: opened, with a sheet read as one
    /// of the kinds the tool knows. A file found but not read (unreadable,
    /// no header, its partner unknown) is not counted.
    pub fn files_read(&self) -> usize {
        self.files
            .iter()
            .filter(|f| {
                f.error.is_none()
                    && f.sheets
                        .iter()
                        .any(|s| matches!(s.status, SheetStatus::Read(_)))
            })
            .count()
    }
}

/// Reads every spreadsheet under `inputs` (excluding `exclude`), in parallel.
///
/// Fails only when the inputs cannot be listed; everything else wrong with
/// a file is a problem in the result.
pub fn read_inputs(
    inputs: &[PathBuf],
    exclude: &[PathBuf],
    rules: &Rules,
    options: impl Into<ReadOptions>,
) -> Result<Inputs, DiscoverError> {
    let (found, skipped) = discover::discover(inputs, exclude)?;
    Ok(read_found(&found, skipped, rules, options, &|_| {}))
}

/// Reads files already found (in parallel), calling `on_read` as each one
/// is done (for a progress bar); `skipped` is carried into the result.
pub(crate) fn read_found(
    found: &[Found],
    skipped: Vec<Skipped>,
    rules: &Rules,
    options: impl Into<ReadOptions>,
    on_read: &(dyn Fn(&Found) + Sync),
) -> Inputs {
    gather(found, read_each(found, rules, options, on_read), skipped)
}

/// Each file read (in parallel), in the order found; [`gather`] puts them
/// together.
pub(crate) fn read_each(
    found: &[Found],
    rules: &Rules,
    options: impl Into<ReadOptions>,
    on_read: &(dyn Fn(&Found) + Sync),
) -> Vec<(FileSummary, Rows)> {
    let options = options.into();
    found
        .par_iter()
        .map(|f| {
            let read = read_file(f, rules, &options);
            on_read(f);
            read
        })
        .collect()
}

/// The files' rows (`per_file`, read from `found` in its order) in one
/// place, in input order, each id spelled one way; `skipped` is carried
/// into the result.
pub(crate) fn gather(
    found: &[Found],
    per_file: Vec<(FileSummary, Rows)>,
    skipped: Vec<Skipped>,
) -> Inputs {
    let mut result = Inputs {
        skipped,
        ..Inputs::default()
    };
    let this_month = partners_of(
        found
            .iter()
            .zip(&per_file)
            .filter(|(f, _)| f.earlier_month.is_none())
            .map(|(_, (_, rows))| rows),
    );
    for (f, (summary, mut rows)) in found.iter().zip(per_file) {
        if f.earlier_month.is_some() {
            keep_baselines(&mut rows, &this_month);
        }
        result.files.push(summary);
        result.rows.append(rows);
    }
    result.rows.unify_spellings();
    result
}

thread_local! {
    /// Whether this thread is inside a file's reader, where a panic is
    /// caught and reported as the file's problem (see [`quiet_reader_panics`]).
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps a panic inside a file's reader (a library failing on a damaged
/// file) off stderr: it is caught and becomes the file's problem, in words,
/// with the library's own text after it. Every other panic is printed as
/// before. For the binary, which owns stderr, to call once at start.
pub fn quiet_reader_panics() {
    let earlier = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !READING.get() {
            earlier(info);
        }
    }));
}

/// Every partner the rows speak of.
fn partners_of<'a>(rows: impl Iterator<Item = &'a Rows>) -> HashSet<PartnerId> {
    let mut out = HashSet::new();
    for rows in rows {
        let runs = partner_runs(&rows.customers, |r| &r.partner)
            .chain(partner_runs(&rows.credentials, |r| &r.partner))
            .chain(partner_runs(&rows.partners, |r| &r.partner));
        out.extend(runs.map(|(id, _)| id.clone()));
    }
    out
}

/// Keeps of an earlier month's file what a baseline needs: the customer
/// rows of partners this month's files have. Its transcripts and partner
/// lists are that month's, not this one's; a partner this month's files do
/// not have is not in this month's report. Its problems were reported in
/// its own month (and would fail `--strict` every month for a year); they
/// are not repeated, and the rows they spoil do not count either way.
fn keep_baselines(rows: &mut Rows, this_month: &HashSet<PartnerId>) {
    rows.customers.retain(|r| this_month.contains(&r.partner));
    rows.credentials.clear();
    rows.partners.clear();
    rows.problems.clear();
}

/// Reads one file; never panics and never fails: what goes wrong is a problem.
pub(crate) fn read_file(
    found: &Found,
    rules: &Rules,
    options: &ReadOptions,
) -> (FileSummary, Rows) {
    let shown: Arc<str> = found.shown.as_str().into();
    READING.set(true);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        read_file_inner(found, &shown, rules, options)
    }));
    READING.set(false);
    let (summary, mut rows, error, text) = match outcome {
        Ok(Ok((sheets, rows, text))) => (sheets, rows, None, text),
        Ok(Err(e)) => (Vec::new(), Rows::default(), Some(e.to_string()), None),
        Err(panic) => {
            let why = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("unknown cause");
            (
                Vec::new(),
                Rows::default(),
                Some(format!(
                    "the spreadsheet reader failed on this file, which looks damaged: open it in Excel (or LibreOffice) and save it again as .xlsx (the reader said: {why})"
                )),
                None,
            )
        }
    };
    if let Some(message) = &error {
        rows.problems
            .push(Problem::new(Location::file(shown.clone()), message.clone()));
    }
    (
        FileSummary {
            shown: found.shown.clone(),
            sheets: summary,
            error,
            text,
        },
        rows,
    )
}

/// Why a file gave nothing at all (a sheet that stops part-way is a
/// problem of that sheet instead).
#[derive(Debug, thiserror::Error)]
enum FileError {
    /// A text export that cannot be opened or is not text.
    #[error(transparent)]
    Text(#[from] TextError),
    /// A workbook that cannot be opened.
    #[error(transparent)]
    Open(#[from] OpenError),
}

/// What one file gave: its sheets, its rows, and how it was read if text.
type FileRead = (Vec<SheetSummary>, Rows, Option<TextFormat>);

fn read_file_inner(
    found: &Found,
    shown: &Arc<str>,
    rules: &Rules,
    options: &ReadOptions,
) -> Result<FileRead, FileError> {
    let attribution = attribution::attribute(options.partner.as_ref(), &found.shown);
    let head = inspect::head(&found.path).map_err(OpenError::from)?;
    if !is_workbook(&found.path, &head) {
        // An image or a PDF named on its own is not read as text: it is
        // one problem, not a problem for every line it happens to have.
        if let Some(name) = inspect::known_format(&head) {
            return Err(OpenError::NotASpreadsheet(format!("it is {name}")).into());
        }
        let settings = SheetSettings {
            rules,
            attribution: attribution.as_ref(),
            month_first_dates: true,
            // The delimiter, once sniffed, tells it (see `read_text`).
            decimal_mark: None,
            default_snapshot: found.earlier_month,
        };
        let (summary, rows, format) =
            delimited::read_text(&found.path, shown, settings, options.limits)?;
        return Ok((vec![summary], rows, Some(format)));
    }
    let settings = SheetSettings {
        rules,
        attribution: attribution.as_ref(),
        month_first_dates: false,
        // A workbook's amounts are number cells; its text says nothing.
        decimal_mark: None,
        default_snapshot: found.earlier_month,
    };
    let mut book = Workbook::open(&found.path, options.limits)?;
    let mut summaries = Vec::new();
    let mut rows = Rows::default();
    for meta in book.sheets() {
        let sheet_loc = Location::sheet(shown.clone(), meta.name.as_str().into());
        let mut summary = SheetSummary::new(meta.name.clone());
        if meta.nature == SheetNature::MacroSheet {
            // A program, not data: calamine would refuse the whole
            // workbook for it, so it is set aside and named.
            summary.status = SheetStatus::MacroSheet;
        } else if meta.nature != SheetNature::Worksheet {
            summary.status = SheetStatus::NotWorksheet;
        } else if !meta.visible {
            // A hidden sheet is usually an old copy or a lookup table kept
            // out of sight; reading it could count figures twice.
            summary.status = SheetStatus::Hidden;
        } else {
            let mut parser = SheetParser::new(&sheet_loc, settings, &mut rows, &mut summary);
            let streamed = book.stream_rows(&meta.name, |r, cells| parser.row(r, cells));
            parser.finish();
            if let Err(e) = streamed {
                let status = SheetStatus::Stopped(e.to_string());
                rows.problems
                    .push(Problem::new(sheet_loc.clone(), status.to_string()));
                summary.status = status;
            }
        }
        summaries.push(summary);
    }
    if summaries.is_empty() {
        return Err(OpenError::Damaged(
            "not a valid workbook: it lists no sheets (its workbook part is missing or damaged)"
                .into(),
        )
        .into());
    }
    if summaries.iter().all(|s| s.status == SheetStatus::Empty) {
        // Nothing to read is worth saying, as for an empty text export: a
        // workbook saved before its data was pasted in, or an export that
        // failed.
        rows.problems.push(Problem::new(
            Location::file(shown.clone()),
            "the workbook is empty: none of its sheets holds a value. If it is an export or a download, make it again",
        ));
    }
    Ok((summaries, rows, None))
}

/// Whether a file is read as a workbook: its first bytes (`head`) are a
/// zip or an OLE compound file (whatever its name: an xlsx saved as `.csv`
/// is still a workbook), or its name says it is one (and the workbook
/// reader then says what it is instead). Everything else is read as text.
fn is_workbook(path: &Path, head: &[u8]) -> bool {
    inspect::is_container(head) || discover::has_spreadsheet_extension(path)
}
