//! Blank input workbooks with the headers the tool expects, and drop-down
//! lists for the columns with a fixed vocabulary, for partners to fill in.

use std::io;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DataValidation, Format, Formula, Workbook, XlsxError};

use crate::input::{Field, SheetKind};
use crate::model::Association;
use crate::rules::Rules;
use crate::safe_write::{NewName, save_new};

/// Rows the drop-down lists cover.
const VALIDATED_ROWS: u32 = 10_000;

/// The longest list Excel keeps in the drop-down itself (its values joined
/// by commas); a longer one (Modern Work's 22 workloads) is kept on a hidden
/// sheet of its own and the drop-down refers to it.
const MAX_INLINE_LIST: usize = 255;

/// The hidden sheet holding the longer lists. Hidden sheets are not read
/// as input, so a filled-in template reads as before.
const LISTS_SHEET: &str = "Lists";

/// Writes one blank workbook per sheet kind into `dir`; returns the paths.
///
/// An existing file is never replaced: the new one gets a `-2` suffix.
pub fn write_templates(dir: &Path, rules: &Rules) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for kind in SheetKind::FILLED_IN {
        let mut workbook = template(kind, rules).map_err(io::Error::other)?;
        let stem = format!("{}-template", kind.label().to_lowercase());
        let path = save_new(dir, &NewName::new(&stem, "xlsx"), |file| {
            workbook.save_to_writer(file).map_err(io::Error::other)
        })?;
        written.push(path);
    }
    Ok(written)
}

fn template(kind: SheetKind, rules: &Rules) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(kind.label())?;
    let bold = Format::new().set_bold();
    let workloads: Vec<String> = rules.workloads.iter().map(|w| w.to_string()).collect();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    // A points-scored rule set compares snapshots (paid licences now and a
    // year before, usage from the customer's association), so its templates
    // carry those columns; Customer Since otherwise only matters to rules
    // that count new customers, and under the others an empty extra column
    // would only raise questions.
    let points = rules.baseline_months.is_some();
    let columns = kind.columns().iter().filter(|c| {
        if points && c.field.in_points_templates() {
            return true;
        }
        c.field.in_templates() && (c.field != Field::CustomerSince || rules.counts_new_customers())
    });
    let mut lists: Vec<(u16, Field, Vec<String>)> = Vec::new();
    for (c, column) in columns.enumerate() {
        let c = c as u16;
        if matches!(
            column.field,
            Field::CustomerSince | Field::Snapshot | Field::Expires
        ) {
            sheet.set_column_format(c, &date)?;
        }
        let header = column.field.header();
        sheet.write_string_with_format(0, c, header, &bold)?;
        sheet.set_column_width(c, (header.len() as f64 + 4.0).max(16.0))?;
        let list: Option<Vec<String>> = match column.field {
            Field::Association => Some(association_list(rules)),
            Field::SkuType => Some(["Paid", "Trial", "Free"].map(String::from).to_vec()),
            Field::Market => Some(["Mature", "Emerging"].map(String::from).to_vec()),
            // Other workloads are allowed (they simply do not count), so the
            // list only suggests.
            Field::Workload => Some(workloads.clone()),
            _ => None,
        };
        if let Some(list) = list {
            lists.push((c, column.field, list));
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let long: Vec<&(u16, Field, Vec<String>)> = lists
        .iter()
        .filter(|(_, _, list)| list.iter().map(|v| v.len() + 1).sum::<usize>() > MAX_INLINE_LIST)
        .collect();
    if !long.is_empty() {
        let held = workbook.add_worksheet();
        held.set_name(LISTS_SHEET)?.set_hidden(true);
        for (at, (_, _, list)) in long.iter().enumerate() {
            for (row, value) in list.iter().enumerate() {
                held.write_string(row as u32, at as u16, value)?;
            }
        }
    }
    let sheet = workbook.worksheet_from_index(0)?;
    for (c, field, list) in &lists {
        let mut validation = match long.iter().position(|(l, ..)| l == c) {
            Some(at) => {
                let column = char::from(b'A' + at as u8);
                DataValidation::new().allow_list_formula(Formula::new(format!(
                    "={LISTS_SHEET}!${column}$1:${column}${}",
                    list.len()
                )))
            }
            None => DataValidation::new().allow_list_strings(list)?,
        };
        if *field == Field::Workload {
            validation =
                validation.set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information);
        }
        sheet.add_data_validation(1, *c, VALIDATED_ROWS, *c, &validation)?;
    }
    Ok(workbook)
}

/// The associations the rules count, as the drop-down offers them, and
/// None: a points-scored designation counts CPOR, DPOR and CSP (Tier 1,
/// Tier 2), a competency DAP, Transacting Partner, DPOR and Fast Track.
fn association_list(rules: &Rules) -> Vec<String> {
    let mut list: Vec<String> = rules
        .associations
        .iter()
        .map(|a| a.label().to_string())
        .collect();
    list.push(Association::None.label().to_string());
    list
}
