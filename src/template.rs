//! Blank input workbooks with the headers the tool expects, and drop-down
//! lists for the columns with a fixed vocabulary, for partners to fill in.

use std::io;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DataValidation, Format, Workbook, XlsxError};

use crate::input::{Field, SheetKind};
use crate::rules::Rules;
use crate::safe_write::{NewName, save_new};

/// Rows the drop-down lists cover.
const VALIDATED_ROWS: u32 = 10_000;

/// Writes one blank workbook per sheet kind into `dir`; returns the paths.
///
/// An existing file is never replaced: the new one gets a `-2` suffix.
pub fn write_templates(dir: &Path, rules: &Rules) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for kind in SheetKind::ALL.into_iter().filter(|k| k.templated()) {
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
    // Customer Since only matters to rules that count new customers; under
    // the others an empty extra column would only raise questions.
    let columns = kind
        .columns()
        .iter()
        .filter(|c| c.field.in_templates())
        .filter(|c| c.field != Field::CustomerSince || rules.counts_new_customers());
    for (c, column) in columns.enumerate() {
        let c = c as u16;
        if column.field == Field::CustomerSince {
            sheet.set_column_format(c, &date)?;
        }
        let header = column.field.header();
        sheet.write_string_with_format(0, c, header, &bold)?;
        sheet.set_column_width(c, (header.len() as f64 + 4.0).max(16.0))?;
        let list: Option<Vec<String>> = match column.field {
            Field::Association => Some(
                [
                    "Delegated Administrator",
                    "Transacting Partner",
                    "Digital Partner of Record",
                    "Fast Track Partner",
                    "None",
                ]
                .map(String::from)
                .to_vec(),
            ),
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
