//! A paged table writer over rust_xlsxwriter's constant-memory worksheets:
//! header row, frozen panes, autofilter, widths and cell formats, continuing
//! on a new sheet ("Customers (2)") when Excel's row limit is reached.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::model::Level;

/// Excel's longest text in one cell.
const MAX_TEXT: usize = 32_767;
/// Excel's last row index (0-based).
const MAX_ROW: u32 = 1_048_575;

/// One cell to write.
#[derive(Debug, Clone)]
pub enum Cell<'a> {
    /// Nothing.
    Blank,
    /// Text, always written as text (never as a formula).
    Text(Cow<'a, str>),
    /// A count, with thousands separators.
    Count(u64),
    /// A level, filled in its colour.
    Level(crate::model::Level),
    /// A date.
    Date(NaiveDate),
    /// A signed change, shown with its sign (`+150`, `-20`, `0`).
    Delta(i64),
    /// A count at a level: the number, filled in the level's colour and
    /// followed by the level's name (`4,100 Gold`), still a number to Excel.
    CountAt(u64, crate::model::Level),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Cell<'_> {
    fn from(s: String) -> Self {
        Cell::Text(Cow::Owned(s))
    }
}

impl<'a> From<Option<&'a str>> for Cell<'a> {
    fn from(s: Option<&'a str>) -> Cell<'a> {
        s.map_or(Cell::Blank, Cell::from)
    }
}

impl From<u64> for Cell<'_> {
    fn from(n: u64) -> Self {
        Cell::Count(n)
    }
}

impl From<u32> for Cell<'_> {
    fn from(n: u32) -> Self {
        Cell::Count(u64::from(n))
    }
}

/// A column: its header and width in characters.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// Header text.
    pub header: &'static str,
    /// Width in characters.
    pub width: f64,
}

/// Shorthand for a column.
pub const fn col(header: &'static str, width: f64) -> Col {
    Col { header, width }
}

/// The formats every sheet shares.
pub struct Formats {
    header: Format,
    count: Format,
    date: Format,
    gold: Format,
    silver: Format,
    none: Format,
    delta: Format,
    count_at: [Format; 3],
    /// Bold text, for labels.
    pub bold: Format,
}

impl Formats {
    /// The report's formats.
    pub fn new() -> Formats {
        let level = |rgb: u32| {
            Format::new()
                .set_background_color(Color::RGB(rgb))
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xBFBFBF))
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x1F4E79))
                .set_text_wrap(),
            count: Format::new().set_num_format("#,##0"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            gold: level(0xFFD966),
            silver: level(0xD9D9D9),
            none: level(0xF2F2F2).set_font_color(Color::RGB(0x7F7F7F)),
            delta: Format::new().set_num_format("+#,##0;-#,##0;0"),
            // The level's name is part of the number format, so the cell
            // stays a number (sortable, summable) yet reads as a level too.
            count_at: [
                Format::new().set_num_format("#,##0"),
                level(0xD9D9D9).set_num_format("#,##0\" Silver\""),
                level(0xFFD966).set_num_format("#,##0\" Gold\""),
            ],
            bold: Format::new().set_bold(),
        }
    }
}

impl Formats {
    /// The header row's format.
    pub fn header(&self) -> &Format {
        &self.header
    }
}

impl Default for Formats {
    fn default() -> Self {
        Formats::new()
    }
}

/// Writes the rows of `rows` as a table on one or more sheets named `name`,
/// `name (2)`...; returns how many data rows were written.
pub fn write_table<'a>(
    workbook: &mut Workbook,
    formats: &Formats,
    name: &str,
    columns: &[Col],
    rows: impl IntoIterator<Item = Vec<Cell<'a>>>,
) -> Result<u64, XlsxError> {
    let mut page = 1;
    let mut sheet = new_page(workbook, formats, name, page, columns)?;
    let mut row = 0u32;
    let mut written = 0u64;
    for cells in rows {
        if row == MAX_ROW {
            finish_page(sheet, row, columns);
            page += 1;
            sheet = new_page(workbook, formats, name, page, columns)?;
            row = 0;
        }
        row += 1;
        written += 1;
        for (c, cell) in cells.iter().enumerate() {
            write_cell(sheet, formats, row, c as u16, cell)?;
        }
    }
    finish_page(sheet, row, columns);
    Ok(written)
}

fn new_page<'w>(
    workbook: &'w mut Workbook,
    formats: &Formats,
    name: &str,
    page: u32,
    columns: &[Col],
) -> Result<&'w mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    let title = if page == 1 {
        name.to_string()
    } else {
        format!("{name} ({page})")
    };
    sheet.set_name(title)?;
    for (c, column) in columns.iter().enumerate() {
        sheet.set_column_width(c as u16, column.width)?;
    }
    sheet.set_row_height(0, 30)?;
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, column.header, &formats.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(sheet)
}

fn finish_page(sheet: &mut Worksheet, last_row: u32, columns: &[Col]) {
    if !columns.is_empty() {
        // An autofilter over the header alone is harmless; one that fails is
        // not worth losing the report for.
        let _ = sheet.autofilter(0, 0, last_row, columns.len() as u16 - 1);
    }
}

/// Writes one cell in the shared formats.
pub fn write_cell(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    col: u16,
    cell: &Cell,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Blank => {}
        Cell::Text(s) => {
            sheet.write_string(row, col, clip(s))?;
        }
        Cell::Count(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &formats.count)?;
        }
        Cell::Level(level) => {
            let format = match level {
                Level::Gold => &formats.gold,
                Level::Silver => &formats.silver,
                Level::None => &formats.none,
            };
            sheet.write_string_with_format(row, col, level.to_string(), format)?;
        }
        Cell::Date(d) => {
            let year = u16::try_from(d.year()).unwrap_or(1900);
            let excel =
                rust_xlsxwriter::ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)?;
            sheet.write_datetime_with_format(row, col, &excel, &formats.date)?;
        }
        Cell::Delta(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &formats.delta)?;
        }
        Cell::CountAt(n, level) => {
            let format = match level {
                Level::None => &formats.count_at[0],
                Level::Silver => &formats.count_at[1],
                Level::Gold => &formats.count_at[2],
            };
            sheet.write_number_with_format(row, col, *n as f64, format)?;
        }
    }
    Ok(())
}

/// Text cut to what one Excel cell holds.
fn clip(s: &str) -> &str {
    if s.len() <= MAX_TEXT {
        return s;
    }
    // Excel counts UTF-16 units; cutting by chars at a safe margin is enough.
    let mut end = 0;
    for (count, (i, c)) in s.char_indices().enumerate() {
        if count >= MAX_TEXT / 2 {
            break;
        }
        end = i + c.len_utf8();
    }
    &s[..end]
}
