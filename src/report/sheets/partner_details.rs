//! The `Partner Details` sheet: one row per partner with the figures
//! behind its level that the Summary leaves out to stay readable: the
//! workload its figure comes from, every counted workload's total, its new
//! customers (rules that count them), how many customer rows and people it
//! has (each linked to the first), and the cheapest route to its next level.

use rust_xlsxwriter::{Workbook, XlsxError};

use crate::report::layout::Layout;
use crate::report::xlsx::{
    Cell, Col, Formats, col, data_row_at, fit_widths, internal_link, write_table,
};
use crate::report::{Family, ReportData};

/// Writes the `Partner Details` sheet.
pub(crate) fn write<F: Family>(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData<F>,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let h = &t.h;
    let rules = data.rules();
    let new_customers = rules.counts_new_customers();
    let workload_names: Vec<&str> = rules.workloads.iter().map(|w| w.as_str()).collect();
    let mut columns: Vec<Col> = vec![
        col(h.partner_id, 12.0),
        col(h.partner_name, 26.0),
        col(h.best_workload, 20.0),
    ];
    // Workload names are proper names, the same in every language.
    columns.extend(workload_names.iter().map(|w| col(w, 14.0)));
    if new_customers {
        columns.push(col(h.new_customers, 11.0));
    }
    columns.extend([
        col(h.customer_rows, 11.0),
        col(h.people_rows, 11.0),
        col(h.cheapest_route, 60.0),
    ]);
    let count_link = |sheet: &str, (first, count): (usize, usize)| {
        if count == 0 {
            return Cell::Count(0);
        }
        let (sheet, row) = data_row_at(sheet, first);
        Cell::CountLink {
            count: count as u64,
            target: internal_link(&sheet, row),
        }
    };
    let rows: Vec<Vec<Cell>> = data
        .partners()
        .enumerate()
        .map(|(i, (p, derived))| {
            // No link back to Summary: each link costs memory until the
            // workbook is saved, and Summary is one sheet to the left.
            let mut cells = vec![
                Cell::from(p.partner.as_str()),
                Cell::from(p.name.as_deref()),
                Cell::from(p.best_workload.as_ref().map(|w| w.as_str())),
            ];
            cells.extend(rules.workloads.iter().map(|w| {
                p.workload_totals
                    .iter()
                    .find(|(x, _)| x == w)
                    .map_or(Cell::Count(0), |(_, n)| Cell::Count(*n))
            }));
            if new_customers {
                cells.push(Cell::from(p.new_customers));
            }
            cells.extend([
                count_link(t.sheets.customers, layout.customers[i]),
                count_link(t.sheets.people, layout.people[i]),
                F::route_words(t, data.set, derived)
                    .map_or(Cell::Blank, |r| Cell::Wrapped(r.into())),
            ]);
            cells
        })
        .collect();
    let columns = fit_widths(&columns, &rows);
    write_table(workbook, formats, t.sheets.details, &columns, rows)?;
    Ok(())
}
