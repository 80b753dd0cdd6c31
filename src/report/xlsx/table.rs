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

use rust_xlsxwriter::{Formula, Table, TableColumn, TableFunction, Workbook, Worksheet, XlsxError};

use super::cell::Cell;
use super::fit::{Col, fit_widths, row_lines, set_lines};
use super::formats::{Formats, XfIndices};
use super::package::SplicedRows;
use super::rows_xml::{LineXf, render_row};

/// Excel's last row index (0-based).
const MAX_ROW: u32 = 1_048_575;
/// How many rows column widths are fitted to (see [`fit_widths`]).
const FIT_SAMPLE: usize = 1_000;
/// Excel's limit of hyperlinks on one worksheet; past it, links are written
/// as plain text so the file still opens.
const MAX_LINKS: u32 = 65_530;

/// The sheet and 1-based Excel row holding data row `index` (0-based) of a
/// sheet written by [`write_table`] under `name`, which continues on
/// `name (2)`... every 1,048,575 rows.
pub(crate) fn data_row_at(name: &str, index: usize) -> (String, u32) {
    let per_page = MAX_ROW as usize;
    let page = index / per_page + 1;
    let row = (index % per_page) as u32 + 2;
    (page_title(name, page as u32), row)
}

/// A link target for cell `A<row>` of `sheet`: `internal:'Sheet'!A5`.
pub(crate) fn internal_link(sheet: &str, row: u32) -> String {
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

/// Where a paged table gets its sheets: the workbook itself, or sheets made
/// ready ahead of time ([`ReadySheets`]) so that a large sheet can be built
/// on another thread while the workbook builds the others.
pub(crate) trait Pages {
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
pub(crate) struct ReadySheets {
    sheets: Vec<Worksheet>,
    used: usize,
}

impl ReadySheets {
    /// `count` empty sheets of `workbook`.
    pub(crate) fn new(workbook: &mut Workbook, count: usize) -> Result<ReadySheets, XlsxError> {
        let sheets = (0..count)
            .map(|_| workbook.new_worksheet_with_constant_memory())
            .collect::<Result<_, _>>()?;
        Ok(ReadySheets { sheets, used: 0 })
    }

    /// Adds the sheets that were filled to `workbook`, in order; any left
    /// unused are dropped.
    pub(crate) fn push_into(self, workbook: &mut Workbook) {
        for sheet in self.sheets.into_iter().take(self.used) {
            workbook.push_worksheet(sheet);
        }
    }

    /// Adds the sheets that were filled to `workbook` after its sheet named
    /// `after` (at the end if it has none), in order: a sheet built beside
    /// the sheets before it still takes its place among them.
    pub(crate) fn insert_into(self, workbook: &mut Workbook, after: &str) {
        let sheets = workbook.worksheets_mut();
        let at = sheets
            .iter()
            .position(|s| s.name() == after)
            .map_or(sheets.len(), |i| i + 1);
        let filled = self.sheets.into_iter().take(self.used);
        sheets.splice(at..at, filled);
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
pub(crate) fn pages_for(rows: usize) -> usize {
    rows.div_ceil(MAX_ROW as usize).max(1)
}

/// Writes the rows of `rows` as a table on one or more sheets named `name`,
/// `name (2)`...; returns how many data rows were written.
///
/// Rows are anything that derefs to a slice of cells, so that the largest
/// sheets can pass fixed-size arrays and spare an allocation per row.
pub(crate) fn write_table<'a, R: AsRef<[Cell<'a>]>>(
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
pub(crate) struct ExcelTable {
    /// The table's name (letters, digits, `_`; unique in the workbook);
    /// `None` for Excel's default `TableN`. The total row's formulas name it,
    /// as LibreOffice needs.
    pub(crate) name: Option<&'static str>,
    /// How many data rows will be written (a table's range is fixed up front).
    pub(crate) rows: usize,
    /// The total row's label (in the first column), if there is a total row.
    pub(crate) total_label: Option<&'static str>,
    /// Columns summed on the total row, with their sums as a cell of the
    /// column's kind ([`Cell::Count`] or [`Cell::Delta`]): the file shows
    /// the figure even where formulas are not recalculated, in the same
    /// number format as the column.
    pub(crate) sums: Vec<(usize, Cell<'static>)>,
}

/// Rows up to which a sheet is written as an Excel table: a table keeps an
/// entry per cell of its range in memory while the workbook is built.
pub(crate) const MAX_TABLE_ROWS: usize = 100_000;

/// Like [`write_table`], but as an Excel table; falls back to a plain
/// autofilter (and no total row) past [`MAX_TABLE_ROWS`] rows.
pub(crate) fn write_excel_table<'a, R: AsRef<[Cell<'a>]>>(
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
    // Columns as wide as their values, judged on the first rows: enough to
    // see a sheet's kind of values, and cheap however long the sheet.
    let mut rows = rows.into_iter();
    let head: Vec<R> = rows.by_ref().take(FIT_SAMPLE).collect();
    let fitted = fit_widths(columns, &head);
    let columns = fitted.as_slice();
    let rows = head.into_iter().chain(rows);
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
        let widths = columns.iter().map(|c| c.width);
        let in_row = cells.iter().filter(|c| c.is_link()).count() as u32;
        if links + in_row <= MAX_LINKS {
            links += in_row;
            write_row(sheet, formats, row, widths, cells)?;
        } else {
            // Past Excel's limit, links are written as what they show.
            let plain: Vec<Cell> = cells
                .iter()
                .map(|cell| {
                    if !cell.is_link() {
                        return cell.clone();
                    }
                    if links < MAX_LINKS {
                        links += 1;
                        return cell.clone();
                    }
                    cell.without_link()
                })
                .collect();
            write_row(sheet, formats, row, widths, &plain)?;
        }
    }
    if table.is_none() {
        finish_page(sheet, row, columns);
    }
    Ok(written)
}

/// Like [`write_table`], for a table of `count` rows that can be made in
/// any order by `row` (index, and a state each thread keeps from row to
/// row), made and compressed on every core ([`super::rows_xml`]): each
/// page's data rows but its last are made apart and returned, to be
/// spliced in when the file is saved ([`super::package`]); the rest of the
/// page (header, widths, panes, filter, the last row) is written here as
/// [`write_table`] writes it. Rows may be tall (wrapped text), not links.
pub(crate) fn write_table_spliced<'a, R, S>(
    workbook: &mut impl Pages,
    formats: &Formats,
    xf: &XfIndices,
    name: &str,
    columns: &[Col],
    count: usize,
    row: impl Fn(usize, &mut S) -> R + Sync,
) -> Result<Vec<SplicedRows>, XlsxError>
where
    R: AsRef<[Cell<'a>]>,
    S: Default,
{
    let line = LineXf::new(&formats.line, xf)?;
    let tall = LineXf::new(&formats.tall, xf)?;
    let fitted = {
        let mut state = S::default();
        let head: Vec<R> = (0..count.min(FIT_SAMPLE))
            .map(|i| row(i, &mut state))
            .collect();
        fit_widths(columns, &head)
    };
    let columns = fitted.as_slice();
    let widths = || columns.iter().map(|c| c.width);
    // A row's height and formats, as `write_row` chooses them.
    let render = |out: &mut Vec<u8>, row: u32, cells: &[Cell]| {
        let lines = row_lines(widths(), cells);
        let kind = if lines > 1 { &tall } else { &line };
        render_row(out, row, lines, cells, kind)
    };
    let per_page = MAX_ROW as usize;
    let mut spliced = Vec::new();
    for page in 0..pages_for(count) {
        let rows = page * per_page..((page + 1) * per_page).min(count);
        let sheet_row = |i: usize| (i - rows.start) as u32 + 1;
        let sheet = new_page(workbook, formats, name, page as u32 + 1, columns)?;
        let Some(last) = rows.end.checked_sub(1).filter(|&l| l >= rows.start) else {
            finish_page(sheet, 0, columns);
            continue;
        };
        let middle = super::rows_xml::deflate_rows(
            rows.start..last,
            super::package::ZIP_COMPRESSION_LEVEL,
            |chunk, out| {
                let mut state = S::default();
                for i in chunk {
                    let cells = row(i, &mut state);
                    render(out, sheet_row(i), cells.as_ref())?;
                }
                Ok(())
            },
        )?;
        // The last row goes through rust_xlsxwriter: the sheet's dimension
        // comes out right, and saving checks the rows made apart against it.
        let cells = row(last, &mut S::default());
        let cells = cells.as_ref();
        let mut last_row = Vec::new();
        render(&mut last_row, sheet_row(last), cells)?;
        write_row(sheet, formats, sheet_row(last), widths(), cells)?;
        finish_page(sheet, sheet_row(last), columns);
        spliced.push(SplicedRows {
            sheet: page_title(name, page as u32 + 1),
            rows: middle,
            last_row,
        });
    }
    Ok(spliced)
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
    write_header(sheet, formats, 0, columns)?;
    sheet.set_freeze_panes(1, 0)?;
    formats.page.apply(sheet, Some((0, 0)))?;
    Ok(sheet)
}

/// Writes a header row of `columns` on `row`, as tall as its longest
/// header wraps to.
pub(crate) fn write_header(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    columns: &[Col],
) -> Result<(), XlsxError> {
    super::fit::set_header_lines(sheet, row, columns)?;
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, column.header, &formats.header)?;
    }
    Ok(())
}

/// Writes one row of cells from column A: as tall as its wrapped text
/// needs, with its short cells at the top, in line with the wrapped ones.
pub(crate) fn write_row(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    widths: impl IntoIterator<Item = f64>,
    cells: &[Cell],
) -> Result<(), XlsxError> {
    let lines = row_lines(widths, cells);
    set_lines(sheet, row, lines)?;
    // A row of one line keeps Excel's default alignment (and plain text no
    // format at all, which spares a format lookup on each of a million
    // short rows); in a taller row every cell goes to the top.
    let kind = if lines > 1 {
        &formats.tall
    } else {
        &formats.line
    };
    for (c, cell) in cells.iter().enumerate() {
        super::cell::write_in(sheet, kind, row, c as u16, cell)?;
    }
    Ok(())
}

/// Writes `rows` from `first` down, each with [`write_row`]; returns the
/// row after the last.
pub(crate) fn write_rows(
    sheet: &mut Worksheet,
    formats: &Formats,
    first: u32,
    widths: &[f64],
    rows: &[Vec<Cell>],
) -> Result<u32, XlsxError> {
    for (i, cells) in rows.iter().enumerate() {
        write_row(
            sheet,
            formats,
            first + i as u32,
            widths.iter().copied(),
            cells,
        )?;
    }
    Ok(first + rows.len() as u32)
}

/// Declares an Excel table whose header is on `first_row` and whose first
/// column is A. On a constant-memory sheet call it before any data row is
/// written: its header and total row can only be written ahead.
pub(crate) fn add_excel_table(
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
                let (value, format) = match sum {
                    Cell::Delta(n) => (n.to_string(), formats.delta()),
                    Cell::Count(n) => (n.to_string(), formats.count()),
                    _ => (String::new(), formats.count()),
                };
                let formula =
                    Formula::new(format!("SUBTOTAL(109,{table}[{name}])")).set_result(value);
                tc = tc
                    .set_total_function(TableFunction::Custom(formula))
                    .set_format(format);
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

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
