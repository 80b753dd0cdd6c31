//! The `Problems` and `Run info` sheets: what was wrong with the inputs, and
//! what this run read and by which rules.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::ReportData;
use super::table::{Cell, Col, Formats, col, write_table};
use crate::model::Level;
use crate::text;

const PROBLEM_COLUMNS: &[Col] = &[
    col("File", 36.0),
    col("Sheet", 16.0),
    col("Cell", 8.0),
    col("Message", 100.0),
];

/// Writes the `Problems` sheet.
pub fn write_problems(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData,
) -> Result<(), XlsxError> {
    let rows = data.problems.iter().map(|p| {
        vec![
            Cell::from(&*p.location.file),
            Cell::from(p.location.sheet.as_deref()),
            Cell::from(p.location.cell()),
            Cell::from(p.message.as_str()),
        ]
    });
    write_table(workbook, formats, "Problems", PROBLEM_COLUMNS, rows)?;
    Ok(())
}

const INFO_COLUMNS: &[Col] = &[
    col("Item", 26.0),
    col("Sheet", 18.0),
    col("Read As", 12.0),
    col("Header Row", 8.0),
    col("Rows", 10.0),
    col("Rows Without Partner", 10.0),
    col("Value / Status", 90.0),
];

/// Writes the `Run info` sheet: settings first, then every input file and sheet.
pub fn write_run_info(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData,
) -> Result<(), XlsxError> {
    let rules = data.rules;
    let threshold = |level: Level| {
        rules.threshold(level).map_or(String::new(), |t| {
            let new = if t.new_customers > 0 {
                format!(
                    "{} new customers (added within {} months); ",
                    t.new_customers, rules.new_customer_window_months
                )
            } else {
                String::new()
            };
            let entitlements = if rules.has_market_split() {
                format!(
                    "{} active entitlements (mature markets), {} (emerging markets)",
                    text::thousands(t.entitlements.mature),
                    text::thousands(t.entitlements.emerging)
                )
            } else {
                format!(
                    "{} active entitlements",
                    text::thousands(t.entitlements.mature)
                )
            };
            format!(
                "{new}{entitlements}; {} qualified {}",
                t.people,
                if t.people == 1 { "person" } else { "people" }
            )
        })
    };
    let routes: Vec<String> = rules
        .qualifications
        .iter()
        .map(|q| {
            let all: Vec<String> = q.all_of.iter().map(|c| rules.label(c)).collect();
            let any: Vec<String> = q.any_of.iter().map(|c| rules.label(c)).collect();
            match (all.is_empty(), any.is_empty()) {
                (false, true) => format!("all of {}", text::join_and(&all)),
                (true, false) => format!("one of {}", any.join(", ")),
                _ => format!(
                    "all of {} and one of {}",
                    text::join_and(&all),
                    any.join(", ")
                ),
            }
        })
        .collect();
    let setting = |name: &'static str, value: String| -> Vec<Cell<'static>> {
        vec![
            Cell::from(name),
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::from(value),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = vec![
        setting(
            "Tool",
            format!("competency-report {}", env!("CARGO_PKG_VERSION")),
        ),
        setting("As of", data.as_of.format("%Y-%m-%d").to_string()),
        setting(
            "Generated",
            chrono::Local::now()
                .format("%Y-%m-%d %H:%M:%S %z")
                .to_string(),
        ),
        setting("Rules file", data.rules_origin.to_string()),
        setting(
            "Competency",
            format!("{} ({})", rules.competency.name, rules.competency.option),
        ),
        setting("Source", rules.competency.source.clone()),
        setting("Entitlements method", rules.method.as_str().to_string()),
        setting("Silver", threshold(Level::Silver)),
        setting("Gold", threshold(Level::Gold)),
        setting(
            "Counted workloads",
            rules
                .workloads
                .iter()
                .map(|w| w.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        setting(
            "Counted associations",
            rules
                .associations
                .iter()
                .map(|a| a.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        setting(
            "Counted SKU types",
            rules
                .skus
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        setting("A person qualifies with", routes.join("; or ")),
        setting(
            "Emerging markets",
            format!(
                "{} names and codes on the rules file's list",
                rules.emerging_countries.len()
            ),
        ),
        setting("Partners", data.evaluation.partners.len().to_string()),
        setting("Problems", data.problems.len().to_string()),
        vec![Cell::Blank],
    ];
    for note in data.notes {
        rows.push(setting("Note", note.clone()));
    }
    for file in &data.inputs.files {
        if let Some(error) = &file.error {
            rows.push(vec![
                Cell::from(file.shown.as_str()),
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
                Cell::from(format!("not read: {error}")),
            ]);
        }
        for sheet in &file.sheets {
            rows.push(vec![
                Cell::from(file.shown.as_str()),
                Cell::from(sheet.name.as_str()),
                Cell::from(sheet.kind.map(|k| k.label())),
                sheet.header_row.map_or(Cell::Blank, Cell::from),
                Cell::Count(sheet.rows),
                Cell::Count(sheet.rows_without_partner),
                Cell::from(sheet.status.as_str()),
            ]);
        }
    }
    for skipped in &data.inputs.skipped {
        rows.push(vec![
            Cell::from(skipped.shown.as_str()),
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::from(format!("skipped: {}", skipped.reason)),
        ]);
    }
    write_table(workbook, formats, "Run info", INFO_COLUMNS, rows)?;
    Ok(())
}
