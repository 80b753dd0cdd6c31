//! Opening one spreadsheet and streaming its sheets row by row, whatever the
//! format, within limits that a hostile file cannot talk its way past.
//!
//! xlsx and xlsb go through calamine's cell reader, which never builds a
//! dense grid: a file claiming a cell at XFD1048576 costs nothing. Zip-based
//! files are checked against their central directory first, so a zip bomb
//! or an outsized shared-strings table is refused before calamine inflates it.

use std::fs::File;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;

use calamine::{DataRef, Reader, SheetVisible, Sheets, open_workbook_auto};

use super::value::{MAX_CELL_CHARS, Value, clip_to};

/// Caps on what one file may ask of the machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Cells right of this column are ignored (no input needs that many).
    pub(crate) max_cols: u32,
    /// The largest inflated size of any one part of a zip-based workbook.
    pub(crate) max_part_bytes: u64,
    /// The largest inflated size of the shared-strings table, which is held
    /// in memory whole.
    pub(crate) max_shared_strings_bytes: u64,
    /// The largest inflated size of all parts together.
    pub(crate) max_total_bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_cols: 512,
            // A full 1,048,576-row sheet of ten columns is about 600 MB of XML.
            max_part_bytes: 2 << 30,
            max_shared_strings_bytes: 512 << 20,
            max_total_bytes: 6 << 30,
        }
    }
}

/// Why a sheet stopped part-way: calamine's own words, whichever reader it
/// took.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SheetError {
    /// The xlsx reader.
    #[error(transparent)]
    Xlsx(#[from] calamine::XlsxError),
    /// The xlsb reader.
    #[error(transparent)]
    Xlsb(#[from] calamine::XlsbError),
    /// The xls and ods readers (through the whole-sheet range).
    #[error(transparent)]
    Other(#[from] calamine::Error),
}

/// Why a file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub(crate) enum OpenError {
    /// The operating system refused (missing, permissions).
    #[error("cannot open the file: {0}")]
    Io(#[from] std::io::Error),
    /// The bytes are not a spreadsheet format calamine reads.
    #[error("not a valid Excel or OpenDocument spreadsheet ({0})")]
    NotASpreadsheet(String),
    /// The file would inflate beyond the limits.
    #[error("refused: {0}")]
    TooLarge(String),
    /// calamine could not read it (encrypted, corrupt, unsupported).
    #[error("{0}")]
    Unreadable(String),
}

/// A sheet's name and whether Excel shows it.
#[derive(Debug, Clone)]
pub(crate) struct SheetMeta {
    /// The sheet's name.
    pub(crate) name: String,
    /// False for hidden and very hidden sheets.
    pub(crate) visible: bool,
    /// False for chart sheets and other non-worksheets.
    pub(crate) is_worksheet: bool,
}

/// An open workbook.
pub(crate) struct Workbook {
    sheets: Sheets<BufReader<File>>,
    limits: Limits,
}

impl Workbook {
    /// Opens a file after checking that it is a spreadsheet and not a bomb.
    pub(crate) fn open(path: &Path, limits: Limits) -> Result<Workbook, OpenError> {
        let mut head = [0u8; 8];
        let n = File::open(path)?.read(&mut head)?;
        let head = &head[..n];
        const ZIP: &[u8] = b"PK\x03\x04";
        const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        if head.starts_with(ZIP) {
            check_zip(path, &limits)?;
        } else if head.starts_with(OLE) {
            check_compound_file(path)?;
        } else {
            return Err(OpenError::NotASpreadsheet(describe_head(head)));
        }
        let sheets = open_workbook_auto(path).map_err(|e| OpenError::Unreadable(explain(&e)))?;
        Ok(Workbook { sheets, limits })
    }

    /// The workbook's sheets, in order.
    pub(crate) fn sheets(&self) -> Vec<SheetMeta> {
        self.sheets
            .sheets_metadata()
            .iter()
            .map(|s| SheetMeta {
                name: s.name.clone(),
                visible: s.visible == SheetVisible::Visible,
                is_worksheet: matches!(s.typ, calamine::SheetType::WorkSheet),
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

/// Checks a zip's central directory against the limits without inflating.
fn check_zip(path: &Path, limits: &Limits) -> Result<(), OpenError> {
    let file = BufReader::new(File::open(path)?);
    let mut zip = zip::ZipArchive::new(file).map_err(|e| {
        OpenError::Unreadable(format!(
            "not a valid xlsx/ods file: the zip container is damaged ({e})"
        ))
    })?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| {
            OpenError::Unreadable(format!(
                "not a valid xlsx/ods file: damaged zip entry ({e})"
            ))
        })?;
        let size = entry.size();
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        total = total.saturating_add(size);
        let cap = if name.ends_with("sharedStrings.xml") || name.ends_with("sharedStrings.bin") {
            limits.max_shared_strings_bytes
        } else {
            limits.max_part_bytes
        };
        if size > cap {
            return Err(OpenError::TooLarge(format!(
                "part '{name}' would inflate to {} MB (limit {} MB); this looks like a zip bomb or a damaged file",
                size >> 20,
                cap >> 20
            )));
        }
    }
    check_shared_strings_count(&mut zip)?;
    if total > limits.max_total_bytes {
        return Err(OpenError::TooLarge(format!(
            "the workbook would inflate to {} MB (limit {} MB)",
            total >> 20,
            limits.max_total_bytes >> 20
        )));
    }
    Ok(())
}

/// The most shared strings a table may declare, whatever its size.
const MAX_SHARED_STRINGS: u64 = 50_000_000;

/// Checks the shared-strings table's declared `uniqueCount`.
///
/// calamine reserves room for that many strings before reading one, so a
/// table that claims billions makes it ask for hundreds of gigabytes and
/// abort. Every string takes at least `<si></si>` (9 bytes) of XML, so a
/// count above the part's size / 9 is a lie.
fn check_shared_strings_count<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Result<(), OpenError> {
    let Some(index) = (0..zip.len()).find(|&i| {
        zip.name_for_index(i)
            .is_some_and(|n| n.is_ok_and(|n| n.ends_with("sharedStrings.xml")))
    }) else {
        return Ok(());
    };
    let Ok(entry) = zip.by_index(index) else {
        // A damaged part is calamine's to report, with its own message.
        return Ok(());
    };
    let size = entry.size();
    let mut head = Vec::with_capacity(4096);
    if entry.take(4096).read_to_end(&mut head).is_err() {
        return Ok(());
    }
    let head = String::from_utf8_lossy(&head);
    let Some(declared) = head
        .find("uniqueCount=")
        .and_then(|at| head[at + 13..].split(['"', '\'']).next())
        .and_then(|n| n.trim().parse::<u64>().ok())
    else {
        return Ok(());
    };
    let plausible = (size / 9).min(MAX_SHARED_STRINGS);
    if declared > plausible {
        return Err(OpenError::TooLarge(format!(
            "the shared-strings table declares {declared} strings but can hold at most {plausible}; the file is damaged or hostile"
        )));
    }
    Ok(())
}

/// Checks an OLE compound file's (.xls, encrypted .xlsx) allocation tables.
///
/// calamine follows sector chains without looking for loops: a damaged file
/// whose chain points back on itself makes it allocate until the process is
/// killed, which no panic guard can stop. The `cfb` crate validates the
/// tables (and refuses loops) before calamine sees the file.
fn check_compound_file(path: &Path) -> Result<(), OpenError> {
    let file = BufReader::new(File::open(path)?);
    cfb::CompoundFile::open(file).map(|_| ()).map_err(|e| {
        OpenError::Unreadable(format!(
            "not a valid .xls file: the compound file is damaged ({e})"
        ))
    })
}

fn describe_head(head: &[u8]) -> String {
    if head.is_empty() {
        "the file is empty".into()
    } else if head.starts_with(b"%PDF") {
        "it is a PDF document".into()
    } else if head
        .iter()
        .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace())
    {
        "it is a text file".into()
    } else {
        "unknown file format".into()
    }
}

fn explain(e: &calamine::Error) -> String {
    let text = e.to_string();
    if text.contains("password") || text.contains("Password") || text.contains("encrypt") {
        "the workbook is password protected (encrypted): save it without a password".into()
    } else {
        format!("not a valid workbook: {text}")
    }
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
