//! The `Partner Details` sheet: one row per partner with the figures
//! behind its standing that the Summary leaves out to stay readable. The
//! columns are the family's ([`crate::report::Family::details_columns`]):
//! by default a competency's (the workload its figure comes from, every
//! counted workload's total, its new customers), then how many customer
//! rows and people it has (each linked to the first) and the cheapest
//! route to its next standing.

use rust_xlsxwriter::XlsxError;

use crate::report::columns::{CellOf, PartnerRow, SummaryColumn, headers, partner_rows};
use crate::report::layout::Layout;
use crate::report::xlsx::{
    Cell, Formats, Pages, data_row_at, fit_widths, internal_link, write_table,
};
use crate::report::{Family, ReportData};

/// Writes the `Partner Details` sheet.
pub(crate) fn write<F: Family>(
    workbook: &mut impl Pages,
    formats: &Formats,
    data: &ReportData<F>,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let columns = F::details_columns(data);
    let rows = partner_rows(data, layout, &columns);
    let headers = headers(&columns);
    let widths = fit_widths(&headers, &rows);
    write_table(workbook, formats, t.sheets.details, &widths, rows)?;
    Ok(())
}

/// A competency's columns: id, name, the best workload, every workload's
/// total, new customers (rules that count them), the rows behind them and
/// the cheapest route.
pub(crate) fn level_columns<F: Family>(data: &ReportData<F>) -> Vec<SummaryColumn<F>> {
    let h = &data.texts().h;
    let rules = data.rules();
    let column =
        |header: &'static str, width, cell: CellOf<F>| SummaryColumn::new(header, width, cell);
    let mut columns = vec![
        column(h.partner_id, 12.0, partner_id),
        column(h.partner_name, 26.0, partner_name),
        column(h.best_workload, 20.0, |r| {
            Cell::from(r.partner.best_workload.as_ref().map(|w| w.as_str()))
        }),
    ];
    // Workload names are proper names, the same in every language.
    for (i, w) in rules.workloads.iter().enumerate() {
        columns.push(SummaryColumn::new(w.as_str().to_string(), 14.0, workload_total).of_metric(i));
    }
    if rules.counts_new_customers() {
        columns.push(column(h.new_customers, 11.0, |r| {
            Cell::from(r.partner.new_customers)
        }));
    }
    columns.extend([
        column(h.customer_rows, 11.0, customer_rows),
        column(h.people_rows, 11.0, people_rows),
        column(h.cheapest_route, 60.0, |r| {
            F::route_words(r.texts(), r.data.set, r.derived)
                .map_or(Cell::Blank, |w| Cell::Wrapped(w.into()))
        }),
    ]);
    columns
}

/// The partner's id. No link back to Summary: each link costs memory until
/// the workbook is saved, and Summary is one sheet to the left.
pub(crate) fn partner_id<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    Cell::from(r.partner.partner.as_str())
}

/// The partner's name.
pub(crate) fn partner_name<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    Cell::from(r.partner.name.as_deref())
}

/// A workload's total (the column's `metric` is the workload's index).
fn workload_total<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    let w = &r.data.rules().workloads[r.metric];
    r.partner
        .workload_totals
        .iter()
        .find(|(x, _)| x == w)
        .map_or(Cell::Count(0), |(_, n)| Cell::Count(*n))
}

/// A count of rows on `sheet`, linked to the first (`(first, count)`).
pub(crate) fn count_link<'a>(sheet: &str, (first, count): (usize, usize)) -> Cell<'a> {
    if count == 0 {
        return Cell::Count(0);
    }
    let (sheet, row) = data_row_at(sheet, first);
    Cell::CountLink {
        count: count as u64,
        target: internal_link(&sheet, row),
    }
}

/// How many customer rows the partner has, linked to the first.
pub(crate) fn customer_rows<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    count_link(r.texts().sheets.customers, r.layout.customers[r.index])
}

/// How many people the partner has, linked to the first.
pub(crate) fn people_rows<'a, F: Family>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    count_link(r.texts().sheets.people, r.layout.people[r.index])
}
