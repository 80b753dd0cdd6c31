//! A paged table writer over rust_xlsxwriter's constant-memory worksheets:
//! header row, frozen panes, autofilter, widths and cell formats, continuing
//! on a new sheet ("Customers (2)") when Excel's row limit is reached.
//!
//! A sheet whose row count is known up front can be an Excel table instead
//! (banded rows, a total row): [`write_excel_table`]. rust_xlsxwriter's
//! tables do work on constant-memory sheets (the header and total row are
//! written ahead), but a table keeps an entry per cell of its range in
//! memory, which defeats constant memory on a million-row sheet; so the big
//! sheets keep a plain autofilter and only the per-partner sheets are tables.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, Format, FormatBorder, Formula, Table, TableColumn, TableFunction, Url, Workbook,
    Worksheet, XlsxError,
};

use crate::model::Level;

/// Excel's longest text in one cell.
const MAX_TEXT: usize = 32_767;
/// Excel's last row index (0-based).
const MAX_ROW: u32 = 1_048_575;
/// Excel's limit of hyperlinks on one worksheet; past it, links are written
/// as plain text so the file still opens.
const MAX_LINKS: u32 = 65_530;

/// One cell to write.
#[derive(Debug, Clone)]
pub enum Cell<'a> {
    /// Nothing.
    Blank,
    /// Text, always written as text (never as a formula).
    Text(Cow<'a, str>),
    /// A count, with thousands separators.
    Count(u64),
    /// A level, filled in its colour, with its name in the report's language.
    Level(crate::model::Level, &'static str),
    /// A date.
    Date(NaiveDate),
    /// A number shown with two to four decimals.
    Decimal(f64),
    /// Long text (a sentence), wrapped within its column.
    Wrapped(Cow<'a, str>),
    /// Text that links to a cell of the workbook (see [`internal_link`]).
    Link {
        /// What the cell shows.
        text: Cow<'a, str>,
        /// Where it leads: `internal:'Sheet'!A5`.
        target: String,
    },
    /// A signed change, shown with its sign (`+150`, `-20`, `0`).
    Delta(i64),
    /// A count at a level: the number, filled in the level's colour and
    /// followed by the level's name (`4,100 Gold`), still a number to Excel.
    CountAt(u64, crate::model::Level),
}

/// The sheet and 1-based Excel row holding data row `index` (0-based) of a
/// sheet written by [`write_table`] under `name`, which continues on
/// `name (2)`... every 1,048,575 rows.
pub fn data_row_at(name: &str, index: usize) -> (String, u32) {
    let per_page = MAX_ROW as usize;
    let page = index / per_page + 1;
    let row = (index % per_page) as u32 + 2;
    (page_title(name, page as u32), row)
}

/// A link target for cell `A<row>` of `sheet`: `internal:'Sheet'!A5`.
pub fn internal_link(sheet: &str, row: u32) -> String {
    // Apostrophes in a quoted sheet name are doubled.
    format!("internal:'{}'!A{row}", sheet.replace('\'', "''"))
}

fn page_title(name: &str, page: u32) -> String {
    if page == 1 {
        name.to_string()
    } else {
        format!("{name} ({page})")
    }
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
    decimal: Format,
    link: Format,
    wrap: Format,
    gold: Format,
    silver: Format,
    none: Format,
    delta: Format,
    count_at: [Format; 3],
    /// Bold text, for labels.
    pub bold: Format,
    /// A sheet's title.
    pub title: Format,
    /// A section's heading.
    pub heading: Format,
    /// A note under a heading.
    pub note: Format,
}

impl Formats {
    /// The report's formats, in English.
    pub fn new() -> Formats {
        Formats::new_in(&crate::text::en::EN)
    }

    /// The report's formats, with level names (in number formats) in the
    /// language of `t`.
    pub fn new_in(t: &crate::text::Texts) -> Formats {
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
            decimal: Format::new().set_num_format("0.00##"),
            wrap: Format::new()
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Top),
            link: Format::new()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(rust_xlsxwriter::FormatUnderline::Single),
            gold: level(0xFFD966),
            silver: level(0xD9D9D9),
            none: level(0xF2F2F2).set_font_color(Color::RGB(0x7F7F7F)),
            delta: Format::new().set_num_format("+#,##0;-#,##0;0"),
            // The level's name is part of the number format, so the cell
            // stays a number (sortable, summable) yet reads as a level too.
            count_at: [
                Format::new().set_num_format("#,##0"),
                level(0xD9D9D9).set_num_format(format!("#,##0\" {}\"", t.level(Level::Silver))),
                level(0xFFD966).set_num_format(format!("#,##0\" {}\"", t.level(Level::Gold))),
            ],
            bold: Format::new().set_bold(),
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(Color::RGB(0x1F4E79)),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(0x1F4E79)),
            note: Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959)),
        }
    }
}

impl Formats {
    /// Gives every format its index in `workbook` now, in a fixed order.
    ///
    /// Sheets built on two threads would otherwise number the formats in
    /// whichever order the threads first use them, and two runs on the same
    /// inputs would write different (if equivalent) files.
    pub fn register(&self, workbook: &mut Workbook) {
        let fixed = [
            &self.header,
            &self.count,
            &self.date,
            &self.decimal,
            &self.link,
            &self.wrap,
            &self.gold,
            &self.silver,
            &self.none,
            &self.delta,
            &self.bold,
            &self.title,
            &self.heading,
            &self.note,
        ];
        for format in fixed.into_iter().chain(&self.count_at) {
            workbook.register_format(format);
        }
    }

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

/// Where a paged table gets its sheets: the workbook itself, or sheets made
/// ready ahead of time ([`ReadySheets`]) so that a large sheet can be built
/// on another thread while the workbook builds the others.
pub trait Pages {
    /// The next empty constant-memory sheet to fill.
    fn next_page(&mut self) -> Result<&mut Worksheet, XlsxError>;
}

impl Pages for Workbook {
    fn next_page(&mut self) -> Result<&mut Worksheet, XlsxError> {
        self.add_worksheet_with_constant_memory()
    }
}

/// Constant-memory sheets made by a workbook up front (a sheet must be made
/// by its workbook to share its formats), then filled on their own, on any
/// thread, and added to the workbook afterwards, where the report wants them.
pub struct ReadySheets {
    sheets: Vec<Worksheet>,
    used: usize,
}

impl ReadySheets {
    /// `count` empty sheets of `workbook`.
    pub fn new(workbook: &mut Workbook, count: usize) -> Result<ReadySheets, XlsxError> {
        let sheets = (0..count)
            .map(|_| workbook.new_worksheet_with_constant_memory())
            .collect::<Result<_, _>>()?;
        Ok(ReadySheets { sheets, used: 0 })
    }

    /// Adds the sheets that were filled to `workbook`, in order; any left
    /// unused are dropped.
    pub fn push_into(self, workbook: &mut Workbook) {
        for sheet in self.sheets.into_iter().take(self.used) {
            workbook.push_worksheet(sheet);
        }
    }
}

impl Pages for ReadySheets {
    fn next_page(&mut self) -> Result<&mut Worksheet, XlsxError> {
        let i = self.used;
        self.used += 1;
        self.sheets.get_mut(i).ok_or_else(|| {
            XlsxError::ParameterError("a table needed more sheets than were made ready".into())
        })
    }
}

/// How many sheets [`write_table`] needs for `rows` data rows.
pub fn pages_for(rows: usize) -> usize {
    rows.div_ceil(MAX_ROW as usize).max(1)
}

/// Writes the rows of `rows` as a table on one or more sheets named `name`,
/// `name (2)`...; returns how many data rows were written.
///
/// Rows are anything that derefs to a slice of cells, so that the largest
/// sheets can pass fixed-size arrays and spare an allocation per row.
pub fn write_table<'a, R: AsRef<[Cell<'a>]>>(
    workbook: &mut impl Pages,
    formats: &Formats,
    name: &str,
    columns: &[Col],
    rows: impl IntoIterator<Item = R>,
) -> Result<u64, XlsxError> {
    write_sheet(workbook, formats, name, columns, None, rows)
}

/// An Excel table over a sheet's rows: banded rows, filter buttons and an
/// optional total row.
#[derive(Debug, Clone, Default)]
pub struct ExcelTable {
    /// The table's name (letters, digits, `_`; unique in the workbook);
    /// `None` for Excel's default `TableN`. The total row's formulas name it,
    /// as LibreOffice needs.
    pub name: Option<&'static str>,
    /// How many data rows will be written (a table's range is fixed up front).
    pub rows: usize,
    /// The total row's label (in the first column), if there is a total row.
    pub total_label: Option<&'static str>,
    /// Columns summed on the total row, with their sums (so the file shows
    /// the figure even where formulas are not recalculated).
    pub sums: Vec<(usize, u64)>,
}

/// Rows up to which a sheet is written as an Excel table: a table keeps an
/// entry per cell of its range in memory while the workbook is built.
pub const MAX_TABLE_ROWS: usize = 100_000;

/// Like [`write_table`], but as an Excel table; falls back to a plain
/// autofilter (and no total row) past [`MAX_TABLE_ROWS`] rows.
pub fn write_excel_table<'a, R: AsRef<[Cell<'a>]>>(
    workbook: &mut impl Pages,
    formats: &Formats,
    name: &str,
    columns: &[Col],
    table: ExcelTable,
    rows: impl IntoIterator<Item = R>,
) -> Result<u64, XlsxError> {
    let fits = table.rows <= MAX_TABLE_ROWS;
    write_sheet(
        workbook,
        formats,
        name,
        columns,
        fits.then_some(table),
        rows,
    )
}

fn write_sheet<'a, R: AsRef<[Cell<'a>]>>(
    workbook: &mut impl Pages,
    formats: &Formats,
    name: &str,
    columns: &[Col],
    table: Option<ExcelTable>,
    rows: impl IntoIterator<Item = R>,
) -> Result<u64, XlsxError> {
    let mut page = 1;
    let mut sheet = new_page(workbook, formats, name, page, columns)?;
    if let Some(table) = &table {
        add_excel_table(sheet, formats, 0, columns, table)?;
    }
    let mut row = 0u32;
    let mut written = 0u64;
    let mut links = 0u32;
    for cells in rows {
        let cells = cells.as_ref();
        if row == MAX_ROW {
            finish_page(sheet, row, columns);
            page += 1;
            sheet = new_page(workbook, formats, name, page, columns)?;
            row = 0;
            links = 0;
        }
        row += 1;
        written += 1;
        fit_row_height(sheet, row, columns.iter().map(|c| c.width), cells)?;
        for (c, cell) in cells.iter().enumerate() {
            if let Cell::Link { text, .. } = cell {
                if links == MAX_LINKS {
                    write_cell(sheet, formats, row, c as u16, &Cell::Text(text.clone()))?;
                    continue;
                }
                links += 1;
            }
            write_cell(sheet, formats, row, c as u16, cell)?;
        }
    }
    if table.is_none() {
        finish_page(sheet, row, columns);
    }
    Ok(written)
}

fn new_page<'w>(
    workbook: &'w mut impl Pages,
    formats: &Formats,
    name: &str,
    page: u32,
    columns: &[Col],
) -> Result<&'w mut Worksheet, XlsxError> {
    let sheet = workbook.next_page()?;
    sheet.set_name(page_title(name, page))?;
    for (c, column) in columns.iter().enumerate() {
        sheet.set_column_width(c as u16, column.width)?;
    }
    sheet.set_row_height(0, 30)?;
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, column.header, &formats.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    print_setup(sheet)?;
    sheet.set_repeat_rows(0, 0)?;
    Ok(sheet)
}

/// Points per line of text in the default font.
const LINE_HEIGHT: f64 = 15.0;

/// Makes a row tall enough for its wrapped cells: neither Excel nor
/// LibreOffice grows a row for wrapped text written by a library, so a
/// sentence would show one line. Lines are estimated from the text's length
/// and the column's width (in characters); call before the row's cells.
pub fn fit_row_height(
    sheet: &mut Worksheet,
    row: u32,
    widths: impl IntoIterator<Item = f64>,
    cells: &[Cell],
) -> Result<(), XlsxError> {
    let lines = widths
        .into_iter()
        .zip(cells)
        .filter_map(|(width, cell)| match cell {
            Cell::Wrapped(s) => {
                let chars = s.chars().count() as f64;
                // A little under the width: words do not fill a line exactly.
                Some((chars / (width * 0.9).max(1.0)).ceil())
            }
            _ => None,
        })
        .fold(1.0, f64::max);
    if lines > 1.0 {
        sheet.set_row_height(row, (lines.min(20.0)) * LINE_HEIGHT)?;
    }
    Ok(())
}

/// Printing (and the PDF): landscape, as wide as one page, as long as it takes.
pub fn print_setup(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Declares an Excel table whose header is on `first_row` and whose first
/// column is A. On a constant-memory sheet call it before any data row is
/// written: its header and total row can only be written ahead.
pub fn add_excel_table(
    sheet: &mut Worksheet,
    formats: &Formats,
    first_row: u32,
    columns: &[Col],
    spec: &ExcelTable,
) -> Result<(), XlsxError> {
    if columns.is_empty() {
        return Ok(());
    }
    let table_columns: Vec<TableColumn> = columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let mut tc = TableColumn::new()
                .set_header(column.header)
                .set_header_format(&formats.header);
            if c == 0
                && let Some(label) = spec.total_label
            {
                tc = tc.set_total_label(label);
            }
            if let Some((_, sum)) = spec.sums.iter().find(|(i, _)| *i == c) {
                let name = column
                    .header
                    .replace('\'', "''")
                    .replace('#', "'#")
                    .replace(']', "']")
                    .replace('[', "'[");
                let table = spec.name.unwrap_or_default();
                let formula = Formula::new(format!("SUBTOTAL(109,{table}[{name}])"))
                    .set_result(sum.to_string());
                tc = tc.set_total_function(TableFunction::Custom(formula));
            }
            tc
        })
        .collect();
    let total = spec.total_label.is_some() || !spec.sums.is_empty();
    // A table needs at least one data row; an empty one gets a blank row.
    let last_row = first_row + spec.rows.max(1) as u32 + u32::from(total);
    let mut table = Table::new()
        .set_columns(&table_columns)
        .set_total_row(total);
    if let Some(name) = spec.name {
        table = table.set_name(name);
    }
    sheet.add_table(first_row, 0, last_row, columns.len() as u16 - 1, &table)?;
    Ok(())
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
        Cell::Level(level, label) => {
            let format = match level {
                // A designation attained is the top of its rule set, as Gold is.
                Level::Gold | Level::Qualified => &formats.gold,
                Level::Silver => &formats.silver,
                Level::None => &formats.none,
            };
            sheet.write_string_with_format(row, col, *label, format)?;
        }
        Cell::Date(d) => {
            let year = u16::try_from(d.year()).unwrap_or(1900);
            let excel =
                rust_xlsxwriter::ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)?;
            sheet.write_datetime_with_format(row, col, &excel, &formats.date)?;
        }
        Cell::Wrapped(s) => {
            sheet.write_string_with_format(row, col, clip(s), &formats.wrap)?;
        }
        Cell::Decimal(x) => {
            sheet.write_number_with_format(row, col, *x, &formats.decimal)?;
        }
        Cell::Link { text, target } => {
            let url = Url::new(target.as_str()).set_text(clip(text));
            sheet.write_url_with_format(row, col, url, &formats.link)?;
        }
        Cell::Delta(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &formats.delta)?;
        }
        Cell::CountAt(n, level) => {
            let format = match level {
                Level::None => &formats.count_at[0],
                Level::Silver => &formats.count_at[1],
                Level::Gold | Level::Qualified => &formats.count_at[2],
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_takes_one_sheet_per_excel_page_and_at_least_one() {
        assert_eq!(pages_for(0), 1);
        assert_eq!(pages_for(MAX_ROW as usize), 1);
        assert_eq!(pages_for(MAX_ROW as usize + 1), 2);
    }

    #[test]
    fn ready_sheets_are_handed_out_once_and_only_the_filled_ones_are_added() {
        let mut workbook = Workbook::new();
        let mut ready = ReadySheets::new(&mut workbook, 2).expect("sheets");
        let formats = Formats::new();
        let columns = [col("A", 10.0)];
        let rows = [[Cell::Count(1)], [Cell::Count(2)]];
        let written = write_table(&mut ready, &formats, "Data", &columns, rows).expect("writes");
        assert_eq!(written, 2);
        ready.push_into(&mut workbook);
        let names: Vec<String> = workbook.worksheets().iter().map(|s| s.name()).collect();
        assert_eq!(names, ["Data"]);

        let mut none = ReadySheets::new(&mut workbook, 0).expect("no sheets");
        assert!(none.next_page().is_err());
    }
}
