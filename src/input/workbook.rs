//! Opening one spreadsheet and streaming its sheets row by row, whatever the
//! format, within limits that a hostile file cannot talk its way past.
//!
//! xlsx and xlsb go through calamine's cell reader, which never builds a
//! dense grid: a file claiming a cell at XFD1048576 costs nothing. Every
//! file is inspected first ([`inspect`]): a zip bomb or an outsized
//! shared-strings table is refused before calamine inflates it, and the
//! reader is chosen from the bytes, not the name. What calamine says when
//! it fails is put in words a user can act on ([`explain`]), its own text
//! kept after them for support.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::path::Path;

use calamine::{DataRef, Ods, Reader, SheetType, SheetVisible, Sheets, Xls, Xlsb, Xlsx};

use super::inspect::{self, Format};
pub use super::limits::Limits;
pub(crate) use super::limits::{OpenError, SAVE_AGAIN};
use super::value::{MAX_CELL_CHARS, Value, clip_to};

/// Why a sheet stopped part-way: what is wrong and what to do, then
/// calamine's own words.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct SheetError(String);

impl From<calamine::XlsxError> for SheetError {
    fn from(e: calamine::XlsxError) -> SheetError {
        SheetError(explain(&calamine::Error::Xlsx(e)))
    }
}

impl From<calamine::XlsbError> for SheetError {
    fn from(e: calamine::XlsbError) -> SheetError {
        SheetError(explain(&calamine::Error::Xlsb(e)))
    }
}

impl From<calamine::Error> for SheetError {
    fn from(e: calamine::Error) -> SheetError {
        SheetError(explain(&e))
    }
}

/// What kind of sheet a workbook's sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SheetNature {
    /// A worksheet: the only kind read.
    Worksheet,
    /// An Excel 4.0 macro sheet (formulas that are a program, not data).
    MacroSheet,
    /// A chart, dialog or VBA sheet.
    Other,
}

/// A sheet's name and whether Excel shows it.
#[derive(Debug, Clone)]
pub(crate) struct SheetMeta {
    /// The sheet's name.
    pub(crate) name: String,
    /// False for hidden and very hidden sheets.
    pub(crate) visible: bool,
    /// Worksheets are read; macro sheets and charts are skipped.
    pub(crate) nature: SheetNature,
}

/// The bytes calamine reads: the file, or a copy of it made in memory
/// (a zip whose macro sheets were relabelled).
pub(crate) enum Source {
    /// The file as it is.
    File(BufReader<File>),
    /// A rewritten copy.
    Memory(Cursor<Vec<u8>>),
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::File(f) => f.read(buf),
            Source::Memory(m) => m.read(buf),
        }
    }
}

impl Seek for Source {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        match self {
            Source::File(f) => f.seek(pos),
            Source::Memory(m) => m.seek(pos),
        }
    }
}

/// An open workbook.
pub(crate) struct Workbook {
    sheets: Sheets<Source>,
    limits: Limits,
    /// The dialog sheets calamine lists are relabelled macro sheets.
    dialog_sheets_are_macro_sheets: bool,
}

impl Workbook {
    /// Opens a file after checking that it is a spreadsheet and not a bomb,
    /// with the reader its bytes call for.
    pub(crate) fn open(path: &Path, limits: Limits) -> Result<Workbook, OpenError> {
        let inspected = inspect::inspect(path, &limits)?;
        let source = match inspected.rewritten {
            Some(bytes) => Source::Memory(Cursor::new(bytes)),
            None => Source::File(BufReader::new(File::open(path)?)),
        };
        let unreadable = |e: calamine::Error| match e {
            calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xlsb(calamine::XlsbError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password) => OpenError::Password,
            e => OpenError::Unreadable(explain(&e)),
        };
        let sheets = match inspected.format {
            Format::Xlsx => Sheets::Xlsx(Xlsx::new(source).map_err(|e| unreadable(e.into()))?),
            Format::Xlsb => Sheets::Xlsb(Xlsb::new(source).map_err(|e| unreadable(e.into()))?),
            Format::Ods => Sheets::Ods(Ods::new(source).map_err(|e| unreadable(e.into()))?),
            Format::Xls => Sheets::Xls(Xls::new(source).map_err(|e| unreadable(e.into()))?),
        };
        Ok(Workbook {
            sheets,
            limits,
            dialog_sheets_are_macro_sheets: inspected.dialog_sheets_are_macro_sheets,
        })
    }

    /// The workbook's sheets, in order.
    pub(crate) fn sheets(&self) -> Vec<SheetMeta> {
        self.sheets
            .sheets_metadata()
            .iter()
            .map(|s| SheetMeta {
                name: s.name.clone(),
                visible: s.visible == SheetVisible::Visible,
                nature: match s.typ {
                    SheetType::WorkSheet => SheetNature::Worksheet,
                    SheetType::MacroSheet => SheetNature::MacroSheet,
                    SheetType::DialogSheet if self.dialog_sheets_are_macro_sheets => {
                        SheetNature::MacroSheet
                    }
                    _ => SheetNature::Other,
                },
            })
            .collect()
    }

    /// Calls `visit` with each row that has a value: its zero-based index and
    /// its non-empty cells sorted by column. `visit` may stop the reading.
    pub(crate) fn stream_rows(
        &mut self,
        sheet: &str,
        mut visit: impl FnMut(u32, &[(u32, Value)]) -> ControlFlow<()>,
    ) -> Result<(), SheetError> {
        let max_cols = self.limits.max_cols;
        let mut rows = RowAssembler::default();
        macro_rules! stream_cells {
            ($reader:expr) => {{
                let mut reader = $reader?;
                while let Some(cell) = reader.next_cell()? {
                    let (r, c) = cell.get_position();
                    if c >= max_cols {
                        continue;
                    }
                    // Text goes into a recycled buffer: no copy of the
                    // streamed cell, and no allocation per text cell.
                    let value = match cell.get_value() {
                        DataRef::Empty => continue,
                        data => rows.value_of(data),
                    };
                    if rows.push(r, c, value, &mut visit).is_break() {
                        return Ok(());
                    }
                }
            }};
        }
        match &mut self.sheets {
            Sheets::Xlsx(x) => stream_cells!(x.worksheet_cells_reader(sheet)),
            Sheets::Xlsb(x) => stream_cells!(x.worksheet_cells_reader(sheet)),
            // xls is capped by its format at 65,536 x 256 cells and ods has no
            // cell reader: the dense range is the only way in.
            other => {
                let range = other.worksheet_range(sheet)?;
                for (r, c, data) in range.used_cells() {
                    let (r, c) = (
                        r as u32 + range.start().map_or(0, |s| s.0),
                        c as u32 + range.start().map_or(0, |s| s.1),
                    );
                    if c >= max_cols {
                        continue;
                    }
                    if rows.push(r, c, Value::from(data), &mut visit).is_break() {
                        return Ok(());
                    }
                }
            }
        }
        // The last row: whether the visitor wants to stop no longer matters.
        let _ = rows.flush(&mut visit);
        Ok(())
    }
}

/// Gathers cells, which arrive in row order, into whole rows.
#[derive(Default)]
struct RowAssembler {
    row: Option<u32>,
    cells: Vec<(u32, Value)>,
    /// The text buffers of rows already visited, for the next rows' text
    /// cells: a million-row sheet then costs a few dozen allocations for
    /// its text instead of one per cell.
    pool: Vec<String>,
}

impl RowAssembler {
    /// The streamed cell's value, its text (clipped like any cell's) in a
    /// recycled buffer; the same value as `Value::from(data.clone())`.
    fn value_of(&mut self, data: &DataRef<'_>) -> Value {
        match data {
            DataRef::SharedString(s) => Value::Text(self.text(s)),
            DataRef::String(s) => Value::Text(self.text(s)),
            // Numbers, dates and booleans own nothing worth recycling; the
            // rare ISO, duration and error strings are simply copied.
            other => Value::from(other.clone()),
        }
    }

    fn text(&mut self, s: &str) -> String {
        let mut buffer = self.pool.pop().unwrap_or_default();
        buffer.clear();
        buffer.push_str(clip_to(s, MAX_CELL_CHARS));
        buffer
    }

    fn push(
        &mut self,
        r: u32,
        c: u32,
        value: Value,
        visit: &mut impl FnMut(u32, &[(u32, Value)]) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if value == Value::Empty {
            return ControlFlow::Continue(());
        }
        if self.row != Some(r) {
            if self.flush(visit).is_break() {
                return ControlFlow::Break(());
            }
            self.row = Some(r);
        }
        self.cells.push((c, value));
        ControlFlow::Continue(())
    }

    fn flush(
        &mut self,
        visit: &mut impl FnMut(u32, &[(u32, Value)]) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let Some(r) = self.row.take() else {
            return ControlFlow::Continue(());
        };
        self.cells.sort_by_key(|(c, _)| *c);
        self.cells.dedup_by_key(|(c, _)| *c);
        let flow = visit(r, &self.cells);
        for (_, value) in self.cells.drain(..) {
            if let Value::Text(buffer) = value {
                self.pool.push(buffer);
            }
        }
        flow
    }
}

/// What calamine's failure means, in words a user can act on, with
/// calamine's own text after them for support.
pub(crate) fn explain(e: &calamine::Error) -> String {
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    let said = e.to_string();
    let lower = said.to_lowercase();
    let what = match e {
        Error::Xlsx(XlsxError::Password)
        | Error::Xlsb(XlsbError::Password)
        | Error::Xls(XlsError::Password)
        | Error::Ods(OdsError::Password) => {
            "the workbook is password protected (encrypted): open it in Excel, remove the password and save it again".to_string()
        }
        // calamine's CfbError is private: its text names the code page.
        Error::Xls(XlsError::Cfb(_)) if lower.contains("codepage") => format!(
            "the .xls file declares a character set (code page {}) the reader does not know, as very old or non-Excel programs write them: {SAVE_AGAIN}",
            said.split_whitespace()
                .skip_while(|w| !w.eq_ignore_ascii_case("codepage"))
                .nth(1)
                .unwrap_or("?")
        ),
        Error::Ods(OdsError::CellLimitExceeded { requested, max }) => format!(
            "a sheet is stored as {} cells (values or formats repeated over whole rows or columns), more than the {} the reader takes: delete the rows and columns past the data, or {SAVE_AGAIN}",
            crate::model::group_digits(*requested as u64, ','),
            crate::model::group_digits(*max as u64, ',')
        ),
        Error::Xlsx(XlsxError::FileNotFound(part)) | Error::Xlsb(XlsbError::FileNotFound(part)) => {
            format!(
                "not a valid workbook: its part {part} is missing (the file is damaged, or was written by a program that does not follow Excel's format): {SAVE_AGAIN}"
            )
        }
        Error::Ods(OdsError::FileNotFound(part)) => format!(
            "not a valid OpenDocument spreadsheet: its part {part} is missing: {SAVE_AGAIN}"
        ),
        _ if lower.contains("declared uncompressed size")
            || lower.contains("checksum")
            || lower.contains("invalid zip")
            || lower.contains("zip error") =>
        {
            format!(
                "not a valid workbook: its zip container is damaged (a part holds other data than the zip's directory declares): {SAVE_AGAIN}"
            )
        }
        Error::Xlsx(XlsxError::Unrecognized { .. })
        | Error::Xlsb(XlsbError::Unrecognized { .. })
        | Error::Xls(XlsError::Unrecognized { .. }) => format!(
            "the workbook holds something the reader does not know (a newer or unusual Excel feature): {SAVE_AGAIN}"
        ),
        Error::Xls(_) | Error::Vba(_) => format!(
            "not a valid .xls workbook: it is damaged, or was written by a program that does not follow Excel's format: {SAVE_AGAIN}"
        ),
        _ => format!(
            "not a valid workbook: it is damaged, or was written by a program that does not follow Excel's format: {SAVE_AGAIN}"
        ),
    };
    format!("{what} (the reader said: {said})")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `cells` (row, column, value) to an assembler and returns the
    /// rows it hands out.
    fn assemble(cells: &[(u32, u32, DataRef<'_>)]) -> Vec<(u32, Vec<(u32, Value)>)> {
        let mut rows = RowAssembler::default();
        let mut seen = Vec::new();
        let mut visit = |r: u32, cells: &[(u32, Value)]| {
            seen.push((r, cells.to_vec()));
            ControlFlow::Continue(())
        };
        for (r, c, data) in cells {
            if matches!(data, DataRef::Empty) {
                continue;
            }
            let value = rows.value_of(data);
            let _ = rows.push(*r, *c, value, &mut visit);
        }
        let _ = rows.flush(&mut visit);
        seen
    }

    #[test]
    fn rows_are_assembled_sorted_with_recycled_text_buffers_holding_the_right_text() {
        let long = "a longer text than the one before it, to force the buffer to grow";
        let rows = assemble(&[
            (0, 1, DataRef::SharedString("Partner ID")),
            (0, 0, DataRef::String("first".to_string())),
            (2, 0, DataRef::SharedString("x")),
            (2, 3, DataRef::Float(5.0)),
            (2, 1, DataRef::SharedString(long)),
            (3, 0, DataRef::SharedString("")),
            (3, 2, DataRef::Bool(true)),
            (4, 0, DataRef::Empty),
        ]);
        let text = |s: &str| Value::Text(s.to_string());
        assert_eq!(
            rows,
            [
                (0, vec![(0, text("first")), (1, text("Partner ID"))]),
                (
                    2,
                    vec![(0, text("x")), (1, text(long)), (3, Value::Number(5.0))]
                ),
                (3, vec![(0, text("")), (2, Value::Bool(true))]),
            ]
        );
    }

    #[test]
    fn recycled_buffers_clip_text_like_any_cell() {
        let huge = "x".repeat(MAX_CELL_CHARS * 3);
        let mut rows = RowAssembler::default();
        for data in [
            DataRef::SharedString(&huge),
            DataRef::String(huge.clone()),
            DataRef::Float(2.0),
        ] {
            assert_eq!(rows.value_of(&data), Value::from(data.clone()));
        }
    }

    #[test]
    fn the_buffer_pool_stays_as_small_as_the_widest_row() {
        let mut rows = RowAssembler::default();
        let mut visit = |_: u32, _: &[(u32, Value)]| ControlFlow::Continue(());
        for r in 0..1000 {
            for c in 0..3 {
                let value = rows.value_of(&DataRef::SharedString("cell"));
                let _ = rows.push(r, c, value, &mut visit);
            }
        }
        let _ = rows.flush(&mut visit);
        // The widest row's buffers, plus the first cell of a row, which is
        // converted before the previous row hands its buffers back.
        assert!(rows.pool.len() <= 4, "{} buffers", rows.pool.len());
    }
}
