//! The `Summary` sheet: one row per partner, in the order a manager asks:
//! who, where they stand, where they go (progress as a data bar, the action
//! in words) and what changed since the earlier report. An Excel table
//! (banded rows) whose total row sums only what adds up.
//!
//! The columns are the family's ([`crate::report::Family::summary_columns`]):
//! a competency shows its level, active entitlements, qualified people and
//! shortfalls; a designation its path, score and metrics. This file writes
//! whatever columns it is given, and holds the cells every family shows.
//! What each level needs is stated once, on the Dashboard's legend.

use std::borrow::Cow;

use rust_xlsxwriter::{
    ConditionalFormatBlank, ConditionalFormatText, ConditionalFormatTextRule, Workbook, Worksheet,
    XlsxError,
};

use crate::advice::Derivation;
use crate::evaluate::PartnerResult;
use crate::month::{Change, PartnerChange};
use crate::report::layout::Layout;
use crate::report::xlsx::formats;
use crate::report::xlsx::{
    Cell, Col, ExcelTable, Formats, data_row_at, fit_widths, internal_link, write_excel_table,
};
use crate::report::{Family, ReportData};
use crate::text::Texts;

/// One partner, as a Summary column sees it.
pub struct PartnerRow<'a, F: Family> {
    /// The whole report.
    pub(crate) data: &'a ReportData<'a, F>,
    /// Where its rows are.
    pub(crate) layout: &'a Layout,
    /// Its place among the evaluation's partners.
    pub(crate) index: usize,
    /// Its result.
    pub(crate) partner: &'a PartnerResult<F>,
    /// What is derived for it.
    pub(crate) derived: &'a Derivation<F>,
    /// Its change since the earlier report, if compared.
    pub(crate) change: Option<&'a PartnerChange>,
    /// The metric a per-metric column shows (index into the rules'
    /// metrics); 0 for the other columns.
    pub(crate) metric: usize,
}

impl<F: Family> PartnerRow<'_, F> {
    /// The words of the report's language.
    pub(crate) fn texts(&self) -> &'static Texts {
        self.data.texts()
    }
}

/// What a column's total row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Total {
    /// Nothing: the figures do not add up to anything.
    None,
    /// The sum, in the column's own number format.
    Sum,
}

/// A conditional format over a column's cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Highlight {
    /// None.
    None,
    /// A data bar from 0 % to 100 %.
    ProgressBar,
    /// Any text is a warning (Excel's "Neutral" style).
    Warning,
    /// Levels gained look good, levels lost look bad.
    LevelChange,
    /// A data bar for points, from 0 to the most the column can hold (a
    /// metric's weight, or the score's 100).
    Points(f64),
}

/// What a column shows for a partner.
pub(crate) type CellOf<F> = for<'a> fn(&PartnerRow<'a, F>) -> Cell<'a>;

/// One column of the Summary, for the rules in force.
pub struct SummaryColumn<F: Family> {
    /// Its header, in the report's language.
    pub(crate) header: Cow<'static, str>,
    /// Its widest width in characters; a column of short values narrows to
    /// them, a column of sentences keeps it and wraps.
    pub(crate) width: f64,
    /// What it shows for a partner.
    pub(crate) cell: CellOf<F>,
    /// The metric it shows, for a column repeated per metric.
    pub(crate) metric: usize,
    /// What its total row shows.
    pub(crate) total: Total,
    /// Its conditional format.
    pub(crate) highlight: Highlight,
}

impl<F: Family> SummaryColumn<F> {
    /// A column with no total and no conditional format.
    pub(crate) fn new(header: impl Into<Cow<'static, str>>, width: f64, cell: CellOf<F>) -> Self {
        SummaryColumn {
            header: header.into(),
            width,
            cell,
            metric: 0,
            total: Total::None,
            highlight: Highlight::None,
        }
    }

    /// The column with a total row that sums it.
    pub(crate) fn summed(self) -> Self {
        SummaryColumn {
            total: Total::Sum,
            ..self
        }
    }

    /// The column with a conditional format.
    pub(crate) fn highlighted(self, highlight: Highlight) -> Self {
        SummaryColumn { highlight, ..self }
    }

    /// The column showing metric `metric`.
    pub(crate) fn of_metric(self, metric: usize) -> Self {
        SummaryColumn { metric, ..self }
    }
}

/// The partner's name, wrapped.
pub(crate) fn partner_name<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    r.partner
        .name
        .as_deref()
        .map_or(Cell::Blank, |n| Cell::Wrapped(n.into()))
}

/// The partner's level, filled in its colour.
pub(crate) fn level<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    let level = r.partner.level();
    Cell::Level(level, r.texts().level(level))
}

/// The action in words.
pub(crate) fn action<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    Cell::Wrapped(r.data.action(r.index).into())
}

/// The level's move since the earlier report.
pub(crate) fn change<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    r.change.map_or(Cell::Blank, |c| {
        Cell::Wrapped(r.texts().change(c.change).into())
    })
}

/// The partner id, linked to the partner's first row on Customers, or on
/// People when it has no customer row.
pub(crate) fn partner_id<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    let t = r.texts();
    let id = r.partner.partner.as_str();
    let (sheet, (first, count)) = match (r.layout.customers[r.index], r.layout.people[r.index]) {
        ((_, 0), (_, 0)) => return Cell::from(id),
        ((_, 0), people) => (t.sheets.people, people),
        (customers, _) => (t.sheets.customers, customers),
    };
    debug_assert!(count > 0);
    let (sheet, row) = data_row_at(sheet, first);
    Cell::Link {
        text: id.into(),
        target: internal_link(&sheet, row),
    }
}

/// Writes the `Summary` sheet.
pub(crate) fn write<F: Family>(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData<F>,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let columns = F::summary_columns(data);
    let rows: Vec<Vec<Cell>> = data
        .partners()
        .enumerate()
        .map(|(index, (partner, derived))| {
            let row = PartnerRow {
                data,
                layout,
                index,
                partner,
                derived,
                change: data.change(partner),
                metric: 0,
            };
            columns
                .iter()
                .map(|c| {
                    (c.cell)(&PartnerRow {
                        metric: c.metric,
                        ..row
                    })
                })
                .collect()
        })
        .collect();
    let headers: Vec<Col> = columns
        .iter()
        .map(|c| Col {
            header: &c.header,
            width: c.width,
        })
        .collect();
    let widths = fit_widths(&headers, &rows);
    let sums = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.total == Total::Sum)
        .filter_map(|(i, _)| Some((i, total(rows.iter().map(|r| &r[i]))?)))
        .collect();
    let partners = rows.len();
    let table = ExcelTable {
        name: Some("Partners"),
        rows: partners,
        total_label: Some(t.dashboard.total),
        sums,
    };
    write_excel_table(workbook, formats, t.sheets.summary, &widths, table, rows)?;
    let sheet = workbook.worksheet_from_name(t.sheets.summary)?;
    highlight(sheet, t, &columns, partners)
}

/// The sum of a column's numbers, as a cell of the column's kind (a signed
/// change sums to a signed change, a count to a count); `None` when the
/// column holds no number (no earlier report to compare with).
fn total<'c>(cells: impl Iterator<Item = &'c Cell<'c>>) -> Option<Cell<'static>> {
    let mut sum: Option<i64> = None;
    let mut signed = false;
    for cell in cells {
        let n = match cell {
            Cell::Count(n) => i64::try_from(*n).unwrap_or(i64::MAX),
            Cell::Delta(n) => {
                signed = true;
                *n
            }
            _ => continue,
        };
        sum = Some(sum.unwrap_or(0).saturating_add(n));
    }
    let sum = sum?;
    Some(if signed {
        Cell::Delta(sum)
    } else {
        Cell::Count(sum.unsigned_abs())
    })
}

/// Adds each column's conditional format over its data rows.
fn highlight<F: Family>(
    sheet: &mut Worksheet,
    t: &Texts,
    columns: &[SummaryColumn<F>],
    partners: usize,
) -> Result<(), XlsxError> {
    if partners == 0 {
        return Ok(());
    }
    let (first, last) = (1, partners as u32);
    for (c, column) in columns.iter().enumerate() {
        let c = c as u16;
        match column.highlight {
            Highlight::None => {}
            Highlight::ProgressBar => {
                sheet.add_conditional_format(first, c, last, c, &formats::progress_bar())?;
            }
            Highlight::Points(most) => {
                let bar = formats::points_bar(most);
                sheet.add_conditional_format(first, c, last, c, &bar)?;
            }
            Highlight::Warning => {
                let warning = ConditionalFormatBlank::new()
                    .invert()
                    .set_format(formats::warning());
                sheet.add_conditional_format(first, c, last, c, &warning)?;
            }
            Highlight::LevelChange => {
                let looks = [
                    (Change::GainedGold, formats::good()),
                    (Change::GainedSilver, formats::good()),
                    (Change::LostGold, formats::bad()),
                    (Change::LostSilver, formats::bad()),
                    (Change::Qualified, formats::good()),
                    (Change::LostQualification, formats::bad()),
                ];
                for (change, look) in looks {
                    let rule = ConditionalFormatText::new()
                        .set_rule(ConditionalFormatTextRule::Contains(
                            t.change(change).to_string(),
                        ))
                        .set_format(look);
                    sheet.add_conditional_format(first, c, last, c, &rule)?;
                }
            }
        }
    }
    Ok(())
}
