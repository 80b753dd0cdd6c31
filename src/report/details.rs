//! The `Customers` and `People` sheets: every input row and every person,
//! with what each contributed or why it did not.

use std::borrow::Cow;

use rust_xlsxwriter::{Workbook, XlsxError};

use super::ReportData;
use super::table::{Cell, Col, Formats, col, write_table};
use crate::evaluate::RowOutcome;
use crate::text::{self, yes_no};

const CUSTOMER_COLUMNS: &[Col] = &[
    col("File", 28.0),
    col("Sheet", 14.0),
    col("Row", 7.0),
    col("Partner ID", 12.0),
    col("Partner Name", 26.0),
    col("Customer ID", 24.0),
    col("Customer Name", 26.0),
    col("Workload", 20.0),
    col("Active Users", 11.0),
    col("SKU Type", 9.0),
    col("Association", 22.0),
    col("Counted", 8.0),
    col("Workload Total", 12.0),
    col("In Partner's Figure", 11.0),
    col("Not Counted Because", 60.0),
];

/// Writes the `Customers` sheet.
pub fn write_customers(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData,
) -> Result<(), XlsxError> {
    let partners = &data.evaluation.partners;
    let rows = data
        .inputs
        .rows
        .customers
        .iter()
        .zip(&data.evaluation.customer_outcomes)
        .map(|(row, outcome)| {
            let (counted, total, in_figure, reason) = match outcome {
                RowOutcome::Counted {
                    workload,
                    in_figure,
                } => {
                    let total = partners
                        .binary_search_by(|p| p.partner.cmp(&row.partner))
                        .ok()
                        .and_then(|i| {
                            partners[i]
                                .workload_totals
                                .iter()
                                .find(|(w, _)| w == workload)
                        })
                        .map_or(Cell::Blank, |(_, t)| Cell::Count(*t));
                    (
                        Cell::from("Yes"),
                        total,
                        Cell::from(yes_no(*in_figure)),
                        Cell::Blank,
                    )
                }
                RowOutcome::Excluded(e) => (
                    Cell::from("No"),
                    Cell::Blank,
                    Cell::from("No"),
                    Cell::from(text::exclusion(e)),
                ),
            };
            vec![
                Cell::Text(Cow::Borrowed(&row.source.file)),
                Cell::from(row.source.sheet.as_deref()),
                row.source.excel_row().map_or(Cell::Blank, Cell::from),
                Cell::from(row.partner.as_str()),
                Cell::from(row.partner_name.as_deref()),
                Cell::from(row.customer.as_ref().map(|c| c.as_str())),
                Cell::from(row.customer_name.as_deref()),
                Cell::from(row.workload.as_ref().map(|w| w.name())),
                row.active_users.map_or(Cell::Blank, Cell::Count),
                Cell::from(row.sku.map(|s| s.label())),
                Cell::from(row.association.map(|a| a.label())),
                counted,
                total,
                in_figure,
                reason,
            ]
        });
    write_table(workbook, formats, "Customers", CUSTOMER_COLUMNS, rows)?;
    Ok(())
}

const PEOPLE_COLUMNS: &[Col] = &[
    col("Partner ID", 12.0),
    col("Partner Name", 26.0),
    col("Person ID", 30.0),
    col("Person Name", 24.0),
    col("Credentials", 60.0),
    col("Qualifies", 9.0),
    col("Counted for Partner", 12.0),
    col("Still Needs", 40.0),
];

/// Writes the `People` sheet.
pub fn write_people(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData,
) -> Result<(), XlsxError> {
    let rules = data.rules;
    let partners = &data.evaluation.partners;
    let rows = data.evaluation.people.iter().map(|person| {
        let partner_name = partners
            .binary_search_by(|p| p.partner.cmp(&person.partner))
            .ok()
            .and_then(|i| partners[i].name.as_deref());
        let credentials: Vec<String> = person
            .credentials
            .iter()
            .map(|c| {
                let mut s = c.text.clone();
                if let Some(d) = c.passed_on {
                    s.push_str(&format!(" ({d})"));
                }
                if !c.in_time {
                    s.push_str(" [after the as-of date: not counted]");
                }
                s
            })
            .collect();
        let counted = match &person.counted_for {
            Some(other) => format!("No: counts for {other}"),
            None => yes_no(person.counted).to_string(),
        };
        vec![
            Cell::from(person.partner.as_str()),
            Cell::from(partner_name),
            Cell::from(person.person.as_str()),
            Cell::from(person.name.as_deref()),
            Cell::from(credentials.join("; ")),
            Cell::from(yes_no(person.qualifies)),
            Cell::from(counted),
            Cell::from(text::lacking(&person.missing, rules)),
        ]
    });
    write_table(workbook, formats, "People", PEOPLE_COLUMNS, rows)?;
    Ok(())
}
