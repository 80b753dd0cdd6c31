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

use rust_xlsxwriter::{
    ConditionalFormatBlank, ConditionalFormatText, ConditionalFormatTextRule, Workbook, Worksheet,
    XlsxError,
};

use crate::month::Change;
use crate::report::columns::{Highlight, PartnerRow, SummaryColumn, Total, headers, partner_rows};
use crate::report::layout::Layout;
use crate::report::xlsx::formats;
use crate::report::xlsx::{
    Cell, ExcelTable, Formats, data_row_at, fit_widths, internal_link, write_excel_table,
};
use crate::report::{Family, ReportData};
use crate::text::Texts;

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
    Cell::Level(level, F::level_word(r.texts(), level))
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
    let name = data.texts().sheets.summary;
    write_as(workbook, formats, data, layout, name, Some("Partners"))
}

/// Writes the family's Summary columns as the sheet `name`, its Excel
/// table named `table` (`None`: Excel's own `TableN`, where several such
/// sheets share a workbook).
pub(crate) fn write_as<F: Family>(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData<F>,
    layout: &Layout,
    name: &str,
    table: Option<&'static str>,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let columns = F::summary_columns(data);
    let rows = partner_rows(data, layout, &columns);
    let headers = headers(&columns);
    let widths = fit_widths(&headers, &rows);
    let sums: Vec<_> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.total == Total::Sum)
        .filter_map(|(i, _)| Some((i, total(rows.iter().map(|r| &r[i]))?)))
        .collect();
    let partners = rows.len();
    // No total row where nothing adds up (scores do not): a "Total" beside
    // empty cells reads as a sum of zero.
    let table = ExcelTable {
        name: table,
        rows: partners,
        total_label: (!sums.is_empty()).then_some(t.dashboard.total),
        sums,
    };
    write_excel_table(workbook, formats, name, &widths, table, rows)?;
    let sheet = workbook.worksheet_from_name(name)?;
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
            Highlight::Share { most, minimum } => {
                for rule in formats::share_colours(most, minimum) {
                    sheet.add_conditional_format(first, c, last, c, &rule)?;
                }
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
