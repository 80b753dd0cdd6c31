//! Reading the inputs: find the files, open each (in parallel), classify its
//! sheets by their headers and turn their rows into typed rows.
//!
//! One bad file or sheet becomes problem entries and never stops the others:
//! each file is read under `catch_unwind`, so even a panic inside a reader
//! ends only that file.

pub mod discover;
pub mod rows;
pub mod schema;
pub mod value;
pub mod workbook;

use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

pub use discover::{DiscoverError, Found, Skipped};
pub use rows::{CredentialRow, CustomerRow, PartnerRow, Rows, WorkloadCell};
pub use schema::{Field, SheetKind};
pub use workbook::Limits;

use crate::problem::{Location, Problem};
use crate::rules::Rules;
use rows::{RowCache, RowFate, read_row_cached};
use schema::{Classified, classify};
use value::Value;
use workbook::Workbook;

/// How many non-empty rows at the top of a sheet are searched for its header.
const HEADER_SEARCH_ROWS: usize = 30;

/// What happened to one sheet.
#[derive(Debug, Clone)]
pub struct SheetSummary {
    /// The sheet's name.
    pub name: String,
    /// What it was read as, if it was classified.
    pub kind: Option<SheetKind>,
    /// The header row (1-based), if found.
    pub header_row: Option<u32>,
    /// Data rows read into typed rows.
    pub rows: u64,
    /// Rows with content but no partner id (totals, notes).
    pub rows_without_partner: u64,
    /// In words: read, hidden and skipped, not classified, empty...
    pub status: String,
}

/// What happened to one file.
#[derive(Debug, Clone)]
pub struct FileSummary {
    /// The file as shown in the report.
    pub shown: String,
    /// Its sheets.
    pub sheets: Vec<SheetSummary>,
    /// Why it could not be read, if it could not.
    pub error: Option<String>,
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Typed rows and problems, in input order (files by path, then sheets, then rows).
    pub rows: Rows,
    /// One summary per file read.
    pub files: Vec<FileSummary>,
    /// Files found and deliberately not read.
    pub skipped: Vec<Skipped>,
}

/// Reads every spreadsheet under `inputs` (excluding `exclude`), in parallel.
///
/// Fails only when the inputs cannot be listed; everything else wrong with
/// a file is a problem in the result.
pub fn read_inputs(
    inputs: &[PathBuf],
    exclude: &[PathBuf],
    rules: &Rules,
    limits: Limits,
) -> Result<Inputs, DiscoverError> {
    let (found, skipped) = discover::discover(inputs, exclude)?;
    Ok(read_found(&found, skipped, rules, limits, &|_| {}))
}

/// Reads files already found (in parallel), calling `on_read` as each one
/// is done (for a progress bar); `skipped` is carried into the result.
pub fn read_found(
    found: &[Found],
    skipped: Vec<Skipped>,
    rules: &Rules,
    limits: Limits,
    on_read: &(dyn Fn(&Found) + Sync),
) -> Inputs {
    let per_file: Vec<(FileSummary, Rows)> = found
        .par_iter()
        .map(|f| {
            let read = read_file(f, rules, limits);
            on_read(f);
            read
        })
        .collect();
    let mut result = Inputs {
        skipped,
        ..Inputs::default()
    };
    for (summary, rows) in per_file {
        result.files.push(summary);
        result.rows.append(rows);
    }
    result
}

/// Reads one file; never panics and never fails: what goes wrong is a problem.
pub fn read_file(found: &Found, rules: &Rules, limits: Limits) -> (FileSummary, Rows) {
    let shown: Arc<str> = found.shown.as_str().into();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        read_file_inner(found, &shown, rules, limits)
    }));
    let (summary, mut rows, error) = match outcome {
        Ok(Ok((sheets, rows))) => (sheets, rows, None),
        Ok(Err(message)) => (Vec::new(), Rows::default(), Some(message)),
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
                    "the spreadsheet reader failed on this file ({why}); it looks damaged"
                )),
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
        },
        rows,
    )
}

fn read_file_inner(
    found: &Found,
    shown: &Arc<str>,
    rules: &Rules,
    limits: Limits,
) -> Result<(Vec<SheetSummary>, Rows), String> {
    let mut book = Workbook::open(&found.path, limits).map_err(|e| e.to_string())?;
    let mut summaries = Vec::new();
    let mut rows = Rows::default();
    for meta in book.sheets() {
        let sheet_loc = Location::sheet(shown.clone(), meta.name.as_str().into());
        let mut summary = SheetSummary {
            name: meta.name.clone(),
            kind: None,
            header_row: None,
            rows: 0,
            rows_without_partner: 0,
            status: String::new(),
        };
        if !meta.is_worksheet {
            summary.status = "not a worksheet: skipped".into();
        } else if !meta.visible {
            // A hidden sheet is usually an old copy or a lookup table kept
            // out of sight; reading it could count figures twice.
            summary.status = "hidden: skipped".into();
        } else {
            let mut parser = SheetParser::new(&sheet_loc, rules, &mut rows, &mut summary);
            let streamed = book.stream_rows(&meta.name, |r, cells| parser.row(r, cells));
            parser.finish();
            if let Err(e) = streamed {
                let message = format!("the sheet could not be read to the end: {e}");
                rows.problems
                    .push(Problem::new(sheet_loc.clone(), message.clone()));
                summary.status = message;
            }
        }
        summaries.push(summary);
    }
    Ok((summaries, rows))
}

/// Follows one sheet from its first row: looks for the header, then reads
/// every data row below it.
struct SheetParser<'a> {
    sheet: &'a Location,
    rules: &'a Rules,
    out: &'a mut Rows,
    summary: &'a mut SheetSummary,
    columns: Option<schema::Columns>,
    rows_seen: usize,
    partial: Option<(u32, schema::Columns)>,
    /// The previous row's text cells, for headers merged across two rows.
    previous: Vec<(u32, String)>,
    /// What this sheet's repeated texts were read as (ids, vocabularies).
    cache: RowCache,
}

impl<'a> SheetParser<'a> {
    fn new(
        sheet: &'a Location,
        rules: &'a Rules,
        out: &'a mut Rows,
        summary: &'a mut SheetSummary,
    ) -> Self {
        SheetParser {
            sheet,
            rules,
            out,
            summary,
            columns: None,
            rows_seen: 0,
            partial: None,
            previous: Vec::new(),
            cache: RowCache::default(),
        }
    }

    fn row(&mut self, r: u32, cells: &[(u32, Value)]) -> ControlFlow<()> {
        self.rows_seen += 1;
        if let Some(columns) = &self.columns {
            match read_row_cached(
                columns,
                self.sheet,
                r,
                cells,
                self.rules,
                self.out,
                &mut self.cache,
            ) {
                RowFate::Read => self.summary.rows += 1,
                RowFate::NoPartner => self.summary.rows_without_partner += 1,
                RowFate::Blank => {}
            }
            return ControlFlow::Continue(());
        }
        let texts: Vec<(u32, String)> = cells
            .iter()
            .filter_map(|(c, v)| value::text(v).map(|t| (*c, t)))
            .collect();
        let mut classified = classify(&texts);
        if !matches!(classified, Classified::Header(_)) && !self.previous.is_empty() {
            // A header split over two rows (group titles above, or cells
            // merged down from the row above): the row above fills the
            // columns this row leaves empty.
            let mut combined = texts.clone();
            for (c, t) in &self.previous {
                if !texts.iter().any(|(tc, _)| tc == c) {
                    combined.push((*c, t.clone()));
                }
            }
            combined.sort_by_key(|(c, _)| *c);
            if let header @ Classified::Header(_) = classify(&combined) {
                classified = header;
            }
        }
        self.previous = texts;
        match classified {
            Classified::Header(columns) => {
                if columns.kind() == SheetKind::Customers
                    && columns.col(Field::CustomerSince).is_none()
                    && self.rules.counts_new_customers()
                {
                    // Without the column every customer's date is unknown,
                    // so none can count as new: say why once, here.
                    self.out.problems.push(Problem::new(
                        self.sheet.at_row(r),
                        format!(
                            "the {} rules count new customers, but this sheet has no {} column (also: Date Added, Added On, Kunde seit); none of its customers can count as new",
                            self.rules.competency.name,
                            Field::CustomerSince.header()
                        ),
                    ));
                }
                self.summary.kind = Some(columns.kind());
                self.summary.header_row = Some(r + 1);
                self.columns = Some(columns);
            }
            Classified::Partial(partial) if self.partial.is_none() => {
                self.partial = Some((r, partial))
            }
            Classified::Partial(_) | Classified::NotAHeader => {}
        }
        if self.columns.is_none() && self.rows_seen >= HEADER_SEARCH_ROWS {
            // No header near the top: this sheet is not one of ours, and
            // reading the rest of it would only cost time.
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    }

    fn finish(self) {
        if let Some(columns) = &self.columns {
            self.summary.status = format!("read as {}", columns.kind().label());
            return;
        }
        if self.rows_seen == 0 {
            self.summary.status = "empty".into();
            return;
        }
        let message = match &self.partial {
            Some((r, partial)) => {
                let missing: Vec<&str> = partial
                    .missing_required()
                    .iter()
                    .map(|f| f.header())
                    .collect();
                self.out.problems.push(Problem::new(
                    self.sheet.at_row(*r),
                    format!(
                        "this looks like a {} sheet but has no {} column; the sheet was not read",
                        partial.kind().label(),
                        missing.join(", ")
                    ),
                ));
                format!("not read: missing {}", missing.join(", "))
            }
            None => {
                self.out.problems.push(Problem::new(
                    self.sheet.clone(),
                    format!(
                        "no header row found in the first {HEADER_SEARCH_ROWS} rows (expected e.g. Partner ID, Customer ID, Workload, Active Users, Association; or Partner ID, Person ID, Credential); the sheet was not read"
                    ),
                ));
                "not read: no header row".into()
            }
        };
        self.summary.status = message;
    }
}
