//! Blank input workbooks with the headers the tool expects, and drop-down
//! lists for the columns with a fixed vocabulary, for partners to fill in.

use std::io;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DataValidation, Format, Workbook, XlsxError};

use crate::input::{Field, SheetKind};
use crate::model::Association;
use crate::rules::Rules;
use crate::safe_write::{NewName, save_new};

/// Rows the drop-down lists cover.
const VALIDATED_ROWS: u32 = 10_000;

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
            let mut validation = DataValidation::new().allow_list_strings(&list)?;
            if column.field == Field::Workload {
                validation = validation
                    .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information);
            }
            sheet.add_data_validation(1, c, VALIDATED_ROWS, c, &validation)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
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
