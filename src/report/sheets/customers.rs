//! The `Customers` sheet: every input customer row, with what it
//! contributed or why it did not.

use std::borrow::Cow;

use rust_xlsxwriter::XlsxError;

use crate::evaluate::RowOutcome;
use crate::model::AssociationSource;
use crate::report::layout::Layout;
use crate::report::xlsx::{
    Cell, Col, Formats, Pages, SplicedRows, XfIndices, col, write_table_spliced,
};
use crate::report::{Family, ReportData};

/// Writes the `Customers` sheet: every input row, grouped by partner (in
/// input order within a partner) so that each partner's rows are together
/// and `Summary` can link to the first; File, Sheet and Row keep the input
/// location visible. The rows but each page's last are made apart, on
/// every core, and returned to be spliced in when the file is saved.
pub(crate) fn write<F: Family>(
    workbook: &mut impl Pages,
    formats: &Formats,
    xf: &XfIndices,
    data: &ReportData<F>,
    layout: &Layout,
) -> Result<Vec<SplicedRows>, XlsxError> {
    let t = data.texts();
    let h = &t.h;
    let columns: [Col; 18] = [
        col(h.file, 28.0),
        col(h.sheet, 14.0),
        col(h.row, 7.0),
        col(h.partner_id, 12.0),
        col(h.partner_name, 26.0),
        col(h.customer_id, 36.0),
        col(h.customer_name, 26.0),
        col(h.workload, 20.0),
        col(h.product, 20.0),
        col(h.active_users, 11.0),
        col(h.qualified_licences, 11.0),
        col(h.sku, 14.0),
        col(h.association, 28.0),
        col(h.snapshot, 11.0),
        col(h.counted, 8.0),
        col(h.workload_total, 12.0),
        col(h.in_figure, 11.0),
        col(h.not_counted_because, 60.0),
    ];
    let partners = &data.evaluation.partners;
    let customers = &data.inputs.rows.customers;
    let outcomes = &data.evaluation.customer_outcomes;
    // An index of the order without its row or outcome would be left out.
    let known = |i: &usize| *i < customers.len() && *i < outcomes.len();
    let order: Cow<[usize]> = if layout.customer_order.iter().all(known) {
        Cow::Borrowed(&layout.customer_order)
    } else {
        Cow::Owned(
            layout
                .customer_order
                .iter()
                .copied()
                .filter(known)
                .collect(),
        )
    };
    // The rows are made on several threads, each from any index: `last`
    // is a thread's previous row's partner, almost always this row's (rows
    // come grouped by partner), which spares a binary search per row.
    let row = |k: usize, last: &mut Option<usize>| {
        let i = order[k];
        let (row, outcome) = (&customers[i], &outcomes[i]);
        let (counted, total, in_figure, reason) = match outcome {
            RowOutcome::Counted {
                workload,
                in_figure,
            } => {
                let found = match *last {
                    Some(i) if partners.get(i).is_some_and(|p| p.partner == row.partner) => Some(i),
                    _ => partners
                        .binary_search_by(|p| p.partner.cmp(&row.partner))
                        .ok(),
                };
                if found.is_some() {
                    *last = found;
                }
                let total = found
                    .and_then(|i| {
                        partners[i]
                            .workload_totals
                            .iter()
                            .find(|(w, _)| w == workload)
                    })
                    .map_or(Cell::Blank, |(_, t)| Cell::Count(*t));
                (
                    Cell::from(t.yes),
                    total,
                    Cell::from(t.yes_no(*in_figure)),
                    Cell::Blank,
                )
            }
            RowOutcome::Excluded(e) => (
                Cell::from(t.no),
                Cell::Blank,
                Cell::from(t.no),
                Cell::from(t.exclusion(e)),
            ),
        };
        // An array, not a Vec: no allocation for each of a million rows.
        [
            Cell::Text(Cow::Borrowed(row.source.file_name())),
            Cell::from(row.source.sheet_name()),
            row.source.excel_row().map_or(Cell::Blank, Cell::from),
            Cell::from(row.partner.as_str()),
            Cell::from(row.partner_name.as_deref()),
            Cell::from(row.customer.as_ref().map(|c| c.as_str())),
            Cell::from(row.customer_name.as_deref()),
            Cell::from(row.workload.as_ref().map(|w| w.name())),
            Cell::from(row.product.as_deref()),
            row.active_users.map_or(Cell::Blank, Cell::Count),
            row.qualified_licences.map_or(Cell::Blank, Cell::Count),
            Cell::from(row.sku.map(|s| t.sku(s))),
            Cell::from(match row.association_source {
                AssociationSource::Channel => Some(t.association_via_channel),
                AssociationSource::Column => row.association.map(|a| t.association(a)),
            }),
            row.snapshot.map_or(Cell::Blank, Cell::Date),
            counted,
            total,
            in_figure,
            reason,
        ]
    };
    let name = t.sheets.customers;
    write_table_spliced(workbook, formats, xf, name, &columns, order.len(), row)
}
