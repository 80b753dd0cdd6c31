//! One sheet (or text file) followed from its first row: find the header
//! among the first rows, decide whose rows these are, then type every data
//! row below it. Workbooks and text exports share this; only the way their
//! rows arrive differs.

use std::ops::ControlFlow;

use super::amount::DecimalMark;
use super::attribution::{Attribution, PartnerOrigin, from_path};
use super::cache::RowCache;
use super::row_reader::{RowFate, SheetRows, read_row_cached};
use super::rows::Rows;
use super::schema::{Classified, Columns, Download, Field, Need, SheetKind, classify};
use super::value::{self, Value};
use crate::problem::{Location, Problem};
use crate::rules::Rules;

/// How many non-empty rows at the top of a sheet are searched for its header.
pub(crate) const HEADER_SEARCH_ROWS: usize = 30;

/// What became of a sheet (the words are in `text`, for `Run info`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SheetStatus {
    /// Not looked at (yet).
    Pending,
    /// Read as this kind of sheet.
    Read(SheetKind),
    /// It holds no rows.
    Empty,
    /// A chart or dialog sheet: skipped.
    NotWorksheet,
    /// An Excel 4.0 macro sheet: skipped.
    MacroSheet,
    /// Hidden or very hidden: skipped.
    Hidden,
    /// Not read, and why (in English, like the problem saying so).
    NotRead(String),
    /// Read only in part: why it stopped (in English).
    Stopped(String),
}

impl std::fmt::Display for SheetStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SheetStatus::Pending => Ok(()),
            SheetStatus::Read(kind) => write!(f, "read as {}", kind.label()),
            SheetStatus::Empty => f.write_str("empty"),
            SheetStatus::NotWorksheet => f.write_str("not a worksheet: skipped"),
            SheetStatus::MacroSheet => f.write_str("an Excel 4.0 macro sheet: skipped"),
            SheetStatus::Hidden => f.write_str("hidden: skipped"),
            SheetStatus::NotRead(why) => write!(f, "not read: {why}"),
            SheetStatus::Stopped(why) => write!(f, "the sheet could not be read to the end: {why}"),
        }
    }
}

/// What happened to one sheet.
#[derive(Debug, Clone)]
pub(crate) struct SheetSummary {
    /// The sheet's name (empty for a text file, which has no sheets).
    pub(crate) name: String,
    /// What it was read as, if it was classified.
    pub(crate) kind: Option<SheetKind>,
    /// The header row (1-based), if found.
    pub(crate) header_row: Option<u32>,
    /// Data rows read into typed rows.
    pub(crate) rows: u64,
    /// Rows with content but no partner id (totals, notes).
    pub(crate) rows_without_partner: u64,
    /// What became of it: read, hidden and skipped, not read, empty...
    pub(crate) status: SheetStatus,
    /// The partner of every row and where it came from, when the sheet has
    /// no partner id column (a Partner Center export).
    pub(crate) partner: Option<Attribution>,
    /// Whether the rows' association is Transacting Partner because the
    /// sheet has Partner Center's `channel` column and no Association column.
    pub(crate) association_from_channel: bool,
}

impl SheetSummary {
    /// A sheet not read yet.
    pub(crate) fn new(name: impl Into<String>) -> SheetSummary {
        SheetSummary {
            name: name.into(),
            kind: None,
            header_row: None,
            rows: 0,
            rows_without_partner: 0,
            status: SheetStatus::Pending,
            partner: None,
            association_from_channel: false,
        }
    }
}

/// What a sheet's rows need that the sheet itself may not say.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SheetSettings<'a> {
    /// The rules in force.
    pub(crate) rules: &'a Rules,
    /// The partner of a sheet without a partner id column, if one is known.
    pub(crate) attribution: Option<&'a Attribution>,
    /// Whether slash dates are month-first (text exports).
    pub(crate) month_first_dates: bool,
    /// The decimal mark of text amounts, where the file tells it (a text
    /// export's delimiter).
    pub(crate) decimal_mark: Option<DecimalMark>,
    /// The snapshot of rows that give none, for a file kept in an earlier
    /// month's archive folder (see [`super::Found::month`]).
    pub(crate) default_snapshot: Option<chrono::NaiveDate>,
}

/// Follows one sheet from its first row: looks for the header, then reads
/// every data row below it.
pub(crate) struct SheetParser<'a> {
    sheet: &'a Location,
    settings: SheetSettings<'a>,
    out: &'a mut Rows,
    summary: &'a mut SheetSummary,
    columns: Option<Columns>,
    /// Which download the sheet is, told from its header once.
    download: Download,
    /// Whether it gives workloads as columns of their own (`EMSUsage`).
    wide: bool,
    rows_seen: usize,
    partial: Option<(u32, Columns)>,
    /// The previous row's text cells, for headers merged across two rows.
    previous: Vec<(u32, String)>,
    /// What this sheet's repeated texts were read as (ids, vocabularies).
    cache: RowCache,
    /// Set when the sheet cannot be read past its header (no partner).
    stopped: bool,
}

impl<'a> SheetParser<'a> {
    /// A parser for one sheet, writing its rows and problems into `out`.
    pub(crate) fn new(
        sheet: &'a Location,
        settings: SheetSettings<'a>,
        out: &'a mut Rows,
        summary: &'a mut SheetSummary,
    ) -> Self {
        SheetParser {
            sheet,
            settings,
            out,
            summary,
            columns: None,
            download: Download::CustomerList,
            wide: false,
            rows_seen: 0,
            partial: None,
            previous: Vec::new(),
            cache: RowCache::default(),
            stopped: false,
        }
    }

    /// Whether the header row has been found.
    pub(crate) fn has_header(&self) -> bool {
        self.columns.is_some()
    }

    /// The columns the rows are read from, once the header is found (see
    /// [`Columns::read_columns`]).
    pub(crate) fn read_columns(&self) -> Option<Vec<bool>> {
        self.columns.as_ref().map(Columns::read_columns)
    }

    /// The problems written so far, for a reader adding its own (a broken
    /// line of a text file) in row order.
    pub(crate) fn problems(&mut self) -> &mut Vec<Problem> {
        &mut self.out.problems
    }

    /// Takes one row: its zero-based index and non-empty cells sorted by
    /// column. Breaks when the rest of the sheet is of no use.
    pub(crate) fn row(&mut self, r: u32, cells: &[(u32, Value)]) -> ControlFlow<()> {
        if self.stopped {
            return ControlFlow::Break(());
        }
        self.rows_seen += 1;
        if let Some(columns) = &self.columns {
            let sheet = SheetRows {
                columns,
                location: self.sheet,
                rules: self.settings.rules,
                partner: self.summary.partner.as_ref().map(|a| &a.partner),
                partner_name: self
                    .summary
                    .partner
                    .as_ref()
                    .and_then(Attribution::partner_name),
                month_first_dates: self.settings.month_first_dates,
                decimal_mark: self.settings.decimal_mark,
                download: self.download,
                wide: self.wide,
                default_snapshot: self.settings.default_snapshot,
            };
            match read_row_cached(&sheet, r, cells, self.out, &mut self.cache) {
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
            Classified::Header(columns) => return self.header(r, columns),
            Classified::Partial(partial) if self.partial.is_none() => {
                self.partial = Some((r, partial))
            }
            Classified::Partial(_) | Classified::NotAHeader => {}
        }
        if self.rows_seen >= HEADER_SEARCH_ROWS {
            // No header near the top: this sheet is not one of ours, and
            // reading the rest of it would only cost time.
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    }

    fn header(&mut self, r: u32, columns: Columns) -> ControlFlow<()> {
        let rules = self.settings.rules;
        self.summary.kind = Some(columns.kind());
        self.summary.header_row = Some(r + 1);
        if columns.needs_partner() {
            match self.settings.attribution {
                Some(attribution) => {
                    self.overridden_name(r, attribution);
                    self.summary.partner = Some(attribution.clone());
                }
                None => {
                    self.out.problems.push(Problem::new(
                        self.sheet.at_row(r),
                        format!(
                            "this {} sheet has no {} column and its partner cannot be told: nothing of it was read. Add the column, put the file into a folder named after the partner (`1000021 Northwind Traders/`), start the file's name with the partner id (`1000021-usage.csv`), or give the partner with --partner-id",
                            columns.kind().label(),
                            columns.kind().column_name(Field::PartnerId)
                        ),
                    ));
                    self.summary.status = SheetStatus::NotRead("its partner is unknown".into());
                    self.stopped = true;
                    return ControlFlow::Break(());
                }
            }
        }
        self.summary.association_from_channel = columns.association_from_channel();
        self.download = columns.download();
        self.wide = columns.wide_workloads();
        if columns.kind() == SheetKind::Customers
            && columns.col(Field::CustomerSince).is_none()
            && rules.counts_new_customers()
        {
            // Without the column every customer's date is unknown, so none
            // can count as new: say why once, here.
            self.out.problems.push(Problem::new(
                self.sheet.at_row(r),
                format!(
                    "the {} rules count new customers, but this sheet has no {} column (also: Date Added, Added On, Kunde seit); none of its customers can count as new",
                    rules.competency.name,
                    Field::CustomerSince.header()
                ),
            ));
        }
        self.columns = Some(columns);
        ControlFlow::Continue(())
    }

    /// A problem when `--partner-id` gives this sheet another partner than
    /// its folder's or file's name does: the rows count for the partner
    /// given, which merges two partners' downloads into one unless that is
    /// meant, so it is said rather than done silently.
    fn overridden_name(&mut self, r: u32, given: &Attribution) {
        if given.origin != PartnerOrigin::Given {
            return;
        }
        let Some(named) = from_path(&self.sheet.file) else {
            return;
        };
        if named.partner == given.partner {
            return;
        }
        let by = match &named.origin {
            PartnerOrigin::Folder(folder) => format!("its folder `{folder}`"),
            _ => "its file name".to_string(),
        };
        self.out.problems.push(Problem::new(
            self.sheet.at_row(r),
            format!(
                "--partner-id {} was given, but {by} names partner {}: its rows count for {}. If they are {}'s, run without --partner-id (or leave this file out of the run)",
                given.partner.as_str(),
                named.partner.as_str(),
                given.partner.as_str(),
                named.partner.as_str()
            ),
        ));
    }

    /// Ends the sheet: says what it was read as, or why it was not read.
    pub(crate) fn finish(self) {
        if self.stopped {
            return;
        }
        if let Some(columns) = &self.columns {
            self.summary.status = SheetStatus::Read(columns.kind());
            return;
        }
        if self.rows_seen == 0 {
            self.summary.status = SheetStatus::Empty;
            return;
        }
        let message = match &self.partial {
            Some((r, partial)) => {
                let missing: Vec<String> = partial
                    .missing_required()
                    .iter()
                    .map(|f| missing_name(partial.kind(), *f))
                    .collect();
                self.out.problems.push(Problem::new(
                    self.sheet.at_row(*r),
                    format!(
                        "this looks like a {} sheet but has no {} column; the sheet was not read",
                        partial.kind().label(),
                        missing.join(", ")
                    ),
                ));
                SheetStatus::NotRead(format!("missing {}", missing.join(", ")))
            }
            None => {
                self.out.problems.push(Problem::new(
                    self.sheet.clone(),
                    format!(
                        "no header row found in the first {HEADER_SEARCH_ROWS} rows (expected e.g. Partner ID, Customer ID, Workload, Active Users, Association; or Partner ID, Person ID, Credential); the sheet was not read"
                    ),
                ));
                SheetStatus::NotRead("no header row".into())
            }
        };
        self.summary.status = message;
    }
}

/// A missing column's name, with the column that could stand in for it
/// (`Association (or Partner Center's Channel)`).
fn missing_name(kind: SheetKind, field: Field) -> String {
    // One stand-in is worth naming; the `EMSUsage` download's columns per
    // workload are not what a person missing a Workload column looks for.
    let instead = kind.columns().iter().find_map(|c| match c.need {
        Need::RequiredUnless([other]) if c.field == field => Some(*other),
        _ => None,
    });
    match instead {
        Some(other) => format!(
            "{} (or Partner Center's {})",
            kind.column_name(field),
            kind.column_name(other)
        ),
        None => kind.column_name(field).to_string(),
    }
}
