//! Reference figure for the benchmark: rust_xlsxwriter alone writing a given
//! number of cells in constant-memory mode, as the report's `Customers` sheet
//! does (15 columns: file, sheet, row, partner, customer, workload, users,
//! SKU, association, outcome), with the same zip compression level as the
//! report, on one thread.
//!
//! ```text
//! cargo run --release --example write_only -- --cells N [--out DIR] [--shared-strings | --standard-memory] [--level L]
//! ```
//!
//! `--shared-strings` writes in rust_xlsxwriter's low-memory mode instead
//! (strings in the shared string table rather than inline) and `--level`
//! another zip level, to compare the two choices the report makes;
//! `--standard-memory` keeps every cell in memory until saving, as
//! rust_xlsxwriter's default sheets do (the mode whose XML it makes on
//! threads when saving). The benchmark's reference uses none of them. It
//! also prints the file's `bytes`.
//!
//! Blank cells of the report are not cells in the file, so `N` counts
//! written cells; rows here have 14 (one blank, like a counted row), and
//! every 15th row is a not-counted one with its reason. The file goes to a
//! temporary file in `DIR` (default: the system's temporary folder) and is
//! deleted. Prints `cells N`, `rows N` and `seconds S` on stdout.

use std::path::PathBuf;
use std::time::Instant;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// Excel's last row index (0-based); a further sheet continues after it.
const MAX_ROW: u32 = 1_048_575;

const WORKLOADS: &[&str] = &[
    "Exchange Online",
    "SharePoint Online",
    "Skype for Business",
    "Yammer",
    "Office 365 ProPlus",
    "Microsoft Teams",
];
const NAMES: &[&str] = &[
    "Contoso Ltd",
    "Fabrikam GmbH",
    "Northwind Traders",
    "Tailspin Toys",
    "Wide World Importers",
    "Adventure Works Cycles",
    "Litware Inc",
];

fn main() -> anyhow::Result<()> {
    let mut cells: u64 = 1_000_000;
    let mut dir = std::env::temp_dir();
    let mut mode = Mode::Constant;
    let mut level = competency_report::report::ZIP_COMPRESSION_LEVEL;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--cells" => cells = args.next().unwrap_or_default().parse()?,
            "--out" => dir = PathBuf::from(args.next().unwrap_or_default()),
            "--shared-strings" => mode = Mode::SharedStrings,
            "--standard-memory" => mode = Mode::Standard,
            "--level" => level = args.next().unwrap_or_default().parse()?,
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    let start = Instant::now();
    let (rows, bytes) = write(cells, &dir, mode, level)?;
    let seconds = start.elapsed().as_secs_f64();
    println!("cells {cells}");
    println!("rows {rows}");
    println!("seconds {seconds:.3}");
    println!("bytes {bytes}");
    Ok(())
}

/// How rust_xlsxwriter keeps the sheet's cells until saving.
#[derive(Clone, Copy)]
enum Mode {
    /// Written to a temporary file row by row, strings inline.
    Constant,
    /// The same, strings in the shared string table.
    SharedStrings,
    /// Every cell in memory.
    Standard,
}

/// Writes about `cells` cells and saves; returns the data rows written and
/// the file's size.
fn write(
    cells: u64,
    dir: &std::path::Path,
    mode: Mode,
    level: u8,
) -> Result<(u64, u64), XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(level);
    let count = Format::new().set_num_format("#,##0");
    let header = Format::new().set_bold();
    let mut written = 0u64;
    let mut rows = 0u64;
    let mut sheet_no = 0;
    let mut partner = String::new();
    let mut customer = String::new();
    while written < cells {
        sheet_no += 1;
        let sheet = match mode {
            Mode::Constant => workbook.add_worksheet_with_constant_memory()?,
            Mode::SharedStrings => workbook.add_worksheet_with_low_memory()?,
            Mode::Standard => workbook.add_worksheet(),
        };
        sheet.set_name(format!("Customers {sheet_no}"))?;
        for c in 0..15u16 {
            sheet.write_string_with_format(0, c, "Header", &header)?;
        }
        let mut row = 0u32;
        while row < MAX_ROW && written < cells {
            row += 1;
            rows += 1;
            let i = rows;
            partner.clear();
            customer.clear();
            use std::fmt::Write as _;
            let _ = write!(partner, "{}", 1_000_000 + i / 20);
            let _ = write!(customer, "{}-{:04}", 1_000_000 + i / 20, i % 20 / 4);
            let excluded = i.is_multiple_of(15);
            sheet.write_string(row, 0, "customers-000.xlsx")?;
            sheet.write_string(row, 1, "Customers")?;
            sheet.write_number_with_format(row, 2, (i % 260_000) as f64, &count)?;
            sheet.write_string(row, 3, &partner)?;
            sheet.write_string(row, 4, NAMES[(i / 20) as usize % NAMES.len()])?;
            sheet.write_string(row, 5, &customer)?;
            sheet.write_string(row, 6, NAMES[(i / 4) as usize % NAMES.len()])?;
            sheet.write_string(row, 7, WORKLOADS[i as usize % WORKLOADS.len()])?;
            sheet.write_number_with_format(row, 8, (i * 7 % 500) as f64, &count)?;
            sheet.write_string(row, 9, "Paid")?;
            sheet.write_string(row, 10, "Delegated Administrator")?;
            sheet.write_string(row, 11, if excluded { "No" } else { "Yes" })?;
            if excluded {
                sheet.write_string(row, 13, "No")?;
                sheet.write_string(row, 14, "the workload is not one the rules count")?;
            } else {
                sheet.write_number_with_format(row, 12, (i * 13 % 9000) as f64, &count)?;
                sheet.write_string(row, 13, "Yes")?;
            }
            written += 14;
        }
    }
    let file = tempfile::NamedTempFile::new_in(dir)?;
    workbook.save(file.path())?;
    Ok((rows, file.as_file().metadata()?.len()))
}
