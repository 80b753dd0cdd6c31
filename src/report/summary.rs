//! The `Summary` sheet: one row per partner, its level, what it lacks and
//! the cheapest route to the next level, with links to its own rows. An
//! Excel table (banded rows) with a total row.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::ReportData;
use super::layout::Layout;
use super::table::{
    Cell, Col, ExcelTable, Formats, col, data_row_at, internal_link, write_excel_table,
};
use crate::evaluate::PartnerResult;
use crate::model::Level;
use crate::text::Texts;

/// A partner's next level, entitlements short and people short (blank at
/// the top level), as Summary and Dashboard show them.
pub(super) fn next_level_cells(p: &PartnerResult, t: &Texts) -> [Cell<'static>; 3] {
    match &p.next {
        Some(n) => [
            Cell::from(t.level(n.level)),
            Cell::Count(n.entitlements_short),
            Cell::from(n.people_short),
        ],
        None => [Cell::Blank, Cell::Blank, Cell::Blank],
    }
}

/// The cheapest route of partner `i`, wrapped (blank at the top level).
pub(super) fn route_cell(layout: &Layout, i: usize, data: &ReportData) -> Cell<'static> {
    layout.advice[i].as_ref().map_or(Cell::Blank, |a| {
        Cell::Wrapped(data.texts().route(a, data.rules).into())
    })
}

/// Writes the `Summary` sheet.
pub fn write(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let h = &t.h;
    let columns: [Col; 22] = [
        col(h.partner_id, 12.0),
        col(h.partner_name, 30.0),
        col(h.market, 13.0),
        col(h.level, 9.0),
        col(h.active_entitlements, 13.0),
        col(h.best_workload, 20.0),
        col(h.silver_threshold, 11.0),
        col(h.gold_threshold, 11.0),
        col(h.qualified_people, 11.0),
        col(h.silver_people, 9.0),
        col(h.gold_people, 9.0),
        col(h.next_level, 9.0),
        col(h.entitlements_short, 13.0),
        col(h.people_short, 9.0),
        col(h.action, 45.0),
        col(h.cheapest_route, 60.0),
        // Month over month (blank when there is no earlier report) and alerts.
        col(h.change, 13.0),
        col(h.entitlements_change, 13.0),
        col(h.people_change, 9.0),
        col(h.at_risk, 60.0),
        col(h.customer_rows, 11.0),
        col(h.people_rows, 11.0),
    ];
    let rules = data.rules;
    let partners = &data.evaluation.partners;
    let threshold = |level: Level| rules.threshold(level).copied();
    let silver = threshold(Level::Silver);
    let gold = threshold(Level::Gold);
    let sum = |f: &dyn Fn(&PartnerResult) -> u64| partners.iter().map(f).sum();
    let table = ExcelTable {
        name: Some("Partners"),
        rows: partners.len(),
        total_label: Some(t.dashboard.total),
        sums: vec![
            (4, sum(&|p| p.entitlements)),
            (8, sum(&|p| u64::from(p.qualified_people))),
            (
                12,
                sum(&|p| p.next.as_ref().map_or(0, |n| n.entitlements_short)),
            ),
            (
                13,
                sum(&|p| p.next.as_ref().map_or(0, |n| u64::from(n.people_short))),
            ),
        ],
    };
    let link_to = |sheet: &str, (first, count): (usize, usize), text: String| {
        if count == 0 {
            return Cell::Blank;
        }
        let (sheet, row) = data_row_at(sheet, first);
        Cell::Link {
            text: text.into(),
            target: internal_link(&sheet, row),
        }
    };
    let rows = partners.iter().enumerate().map(|(i, p)| {
        let customers = layout.customers[i];
        let people = layout.people[i];
        let change = data.changes.and_then(|c| c.get(&p.partner));
        // The id leads to the partner's customers, or to its people when it
        // has no customer row.
        let id = match (customers.1, people.1) {
            (0, 0) => Cell::from(p.partner.as_str()),
            (0, _) => link_to(t.sheets.people, people, p.partner.to_string()),
            _ => link_to(t.sheets.customers, customers, p.partner.to_string()),
        };
        vec![
            id,
            Cell::from(p.name.as_deref()),
            Cell::from(t.market(p.market)),
            Cell::Level(p.level, t.level(p.level)),
            Cell::Count(p.entitlements),
            Cell::from(p.best_workload.as_ref().map(|w| w.as_str())),
            silver.map_or(Cell::Blank, |t| Cell::Count(t.entitlements.get(p.market))),
            gold.map_or(Cell::Blank, |t| Cell::Count(t.entitlements.get(p.market))),
            Cell::from(p.qualified_people),
            silver.map_or(Cell::Blank, |t| Cell::from(t.people)),
            gold.map_or(Cell::Blank, |t| Cell::from(t.people)),
        ]
        .into_iter()
        .chain(next_level_cells(p, t))
        .chain([
            Cell::Wrapped(t.action(p, rules).into()),
            route_cell(layout, i, data),
            change.map_or(Cell::Blank, |c| Cell::from(t.change(c.change))),
            change
                .and_then(|c| c.entitlements)
                .map_or(Cell::Blank, Cell::Delta),
            change
                .and_then(|c| c.qualified_people)
                .map_or(Cell::Blank, Cell::Delta),
            // The at-risk alert, in the report's language.
            crate::advice::at_risk(p, rules).map_or(Cell::Blank, |r| Cell::from(t.at_risk(&r))),
            // The id already leads to the customers; Excel allows only
            // 65,530 links a sheet, so the count is a plain number.
            Cell::Count(customers.1 as u64),
            link_to(t.sheets.people, people, t.count(people.1 as u64)),
        ])
        .collect::<Vec<_>>()
    });
    write_excel_table(workbook, formats, t.sheets.summary, &columns, table, rows)?;
    Ok(())
}
