//! The `Summary` sheet: one row per partner, its level and what it lacks.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::ReportData;
use super::table::{Cell, Col, Formats, col, write_table};
use crate::model::Level;
use crate::text;

const COLUMNS: &[Col] = &[
    col("Partner ID", 12.0),
    col("Partner Name", 30.0),
    col("Market", 10.0),
    col("Level", 9.0),
    col("Active Entitlements", 13.0),
    col("Best Workload", 20.0),
    col("Silver Threshold", 11.0),
    col("Gold Threshold", 11.0),
    col("Qualified People", 11.0),
    col("Silver People", 9.0),
    col("Gold People", 9.0),
    col("Next Level", 9.0),
    col("Entitlements Short", 13.0),
    col("People Short", 9.0),
    col("Action", 80.0),
    // Month over month (blank when there is no earlier report) and alerts.
    col("Change", 13.0),
    col("Entitlements Change", 13.0),
    col("People Change", 9.0),
    col("At Risk", 60.0),
];

/// Writes the `Summary` sheet.
pub fn write(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData,
) -> Result<(), XlsxError> {
    let rules = data.rules;
    let threshold = |level: Level| rules.threshold(level).copied();
    let rows = data.evaluation.partners.iter().map(|p| {
        let silver = threshold(Level::Silver);
        let gold = threshold(Level::Gold);
        let change = data.changes.and_then(|c| c.get(&p.partner));
        vec![
            Cell::from(p.partner.as_str()),
            Cell::from(p.name.as_deref()),
            Cell::from(p.market.to_string()),
            Cell::Level(p.level),
            Cell::Count(p.entitlements),
            Cell::from(p.best_workload.as_ref().map(|w| w.as_str())),
            silver.map_or(Cell::Blank, |t| Cell::Count(t.entitlements.get(p.market))),
            gold.map_or(Cell::Blank, |t| Cell::Count(t.entitlements.get(p.market))),
            Cell::from(p.qualified_people),
            silver.map_or(Cell::Blank, |t| Cell::from(t.people)),
            gold.map_or(Cell::Blank, |t| Cell::from(t.people)),
            p.next
                .as_ref()
                .map_or(Cell::Blank, |n| Cell::from(n.level.to_string())),
            p.next
                .as_ref()
                .map_or(Cell::Blank, |n| Cell::Count(n.entitlements_short)),
            p.next
                .as_ref()
                .map_or(Cell::Blank, |n| Cell::from(n.people_short)),
            Cell::from(text::action(p, rules)),
            change.map_or(Cell::Blank, |c| Cell::from(c.change.to_string())),
            change
                .and_then(|c| c.entitlements)
                .map_or(Cell::Blank, Cell::Delta),
            change
                .and_then(|c| c.qualified_people)
                .map_or(Cell::Blank, Cell::Delta),
            crate::compare::at_risk(p, rules).map_or(Cell::Blank, Cell::from),
        ]
    });
    write_table(workbook, formats, "Summary", COLUMNS, rows)?;
    Ok(())
}
