//! Entry points for fuzzing: each runs one reading step on arbitrary bytes
//! and returns what it made of them, as plain data. They check nothing:
//! what must hold whatever the bytes is in `fuzz/checks.rs`, which the
//! cargo-fuzz targets in `fuzz/` and the fixed-seed run in
//! `tests/fuzz_smoke.rs` share, so both drive the same code with the same
//! checks.

use std::io::{Read, Write};

use chrono::NaiveDate;

use crate::input::delimited::records::{Next, Records};
use crate::input::row_reader::{SheetRows, read_row};
use crate::input::rows::{CustomerRow, Rows};
use crate::input::schema::{Classified, SheetKind, classify};
use crate::input::value::{self, Value};
use crate::input::{Found, ReadOptions, read_file};
use crate::model::{Association, Market, Sku};
use crate::problem::{Location, Problem};
use crate::rules::Rules;

/// The zero-based row index [`normalise`] reads its row at.
pub const ROW: u32 = 7;

/// A problem, as plain data.
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemSeen {
    /// The file as shown to the user.
    pub file: String,
    /// The zero-based row index, when the problem is on a row.
    pub row: Option<u32>,
    /// What is wrong.
    pub message: String,
}

impl From<&Problem> for ProblemSeen {
    fn from(p: &Problem) -> ProblemSeen {
        ProblemSeen {
            file: p.location.file.to_string(),
            row: p.location.row,
            message: p.message.clone(),
        }
    }
}

/// What one row of cells became under one sheet kind.
#[derive(Debug)]
pub struct RowRead {
    /// The customer rows it became (a Customers sheet makes at most one).
    pub customers: Vec<CustomerRow>,
    /// The problems found on it.
    pub problems: Vec<ProblemSeen>,
}

/// What the cell parsers made of one cell.
#[derive(Debug)]
pub struct CellRead {
    /// The cell as a count, when it reads as one.
    pub count: Option<u64>,
    /// The cell as a date, when it reads as one.
    pub date: Option<NaiveDate>,
    /// The cell as text, when it holds text.
    pub text: Option<String>,
    /// That text as an association, a SKU type and a market.
    pub parsed: (Option<Association>, Option<Sku>, Option<Market>),
}

/// What [`normalise`] made of one row of cells.
#[derive(Debug)]
pub struct Normalised {
    /// The row read under each sheet kind in turn; `None` where the
    /// kind's own header row did not classify as that kind.
    pub kinds: Vec<Option<RowRead>>,
    /// Each non-empty cell through the cell parsers on their own.
    pub cells: Vec<CellRead>,
}

/// Turns bytes into a row of cells: chunks separated by 0xFF, each typed
/// by its first byte.
fn cells_from_bytes(data: &[u8]) -> Vec<(u32, Value)> {
    data.split(|b| *b == 0xFF)
        .enumerate()
        .filter_map(|(col, chunk)| {
            let (kind, rest) = chunk.split_first()?;
            let value = match kind % 6 {
                0 => Value::Text(String::from_utf8_lossy(rest).into_owned()),
                1 => {
                    let mut bytes = [0u8; 8];
                    for (b, r) in bytes.iter_mut().zip(rest) {
                        *b = *r;
                    }
                    Value::Number(f64::from_le_bytes(bytes))
                }
                2 => Value::Bool(rest.first().is_some_and(|b| b % 2 == 1)),
                3 => Value::Error(String::from_utf8_lossy(rest).into_owned()),
                4 => {
                    let days = rest
                        .iter()
                        .fold(0i64, |a, b| a.wrapping_mul(31).wrapping_add(i64::from(*b)));
                    NaiveDate::from_num_days_from_ce_opt((days % 3_000_000) as i32)
                        .map_or(Value::Empty, Value::Date)
                }
                _ => Value::Empty,
            };
            (value != Value::Empty).then_some((col as u32, value))
        })
        .collect()
}

/// Reads bytes as one row of cells (see `cells_from_bytes`) at row [`ROW`]
/// under every sheet kind, with every column the kind knows as its header,
/// and each cell through the cell parsers on their own.
pub fn normalise(data: &[u8], rules: &Rules) -> Normalised {
    let cells = cells_from_bytes(data);
    let sheet = Location::sheet("fuzz.xlsx".into(), "Fuzz".into());
    let kinds = SheetKind::ALL
        .iter()
        .map(|kind| {
            let header: Vec<(u32, String)> = kind
                .columns()
                .iter()
                .enumerate()
                .map(|(i, c)| (i as u32, kind.column_name(c.field).to_string()))
                .collect();
            let Classified::Header(columns) = classify(&header) else {
                return None;
            };
            let mut out = Rows::default();
            read_row(
                &SheetRows::new(&columns, &sheet, rules),
                ROW,
                &cells,
                &mut out,
            );
            Some(RowRead {
                problems: out.problems.iter().map(ProblemSeen::from).collect(),
                customers: out.customers,
            })
        })
        .collect();
    let cells = cells
        .iter()
        .map(|(_, v)| {
            let text = value::text(v);
            let parsed = text.as_deref().map_or((None, None, None), |t| {
                (Association::parse(t), Sku::parse(t), Market::parse(t))
            });
            CellRead {
                count: value::count(v).ok().flatten(),
                date: value::date(v).ok().flatten(),
                text,
                parsed,
            }
        })
        .collect();
    Normalised { kinds, cells }
}

/// What reading one file gave.
#[derive(Debug)]
pub struct FileRead {
    /// The name it was read under.
    pub shown: String,
    /// Whether the file could not be read at all.
    pub unreadable: bool,
    /// The rows read, over all its sheets.
    pub rows_read: u64,
    /// The first sheet's header row, zero-based, when it has one.
    pub header_row: Option<u32>,
    /// The rows typed: customers, transcripts and partners.
    pub typed: usize,
    /// Where each typed customer and transcript row sits: the row Excel
    /// shows it on (1-based).
    pub places: Vec<Option<u32>>,
    /// The problems found.
    pub problems: Vec<ProblemSeen>,
}

/// Writes `bytes` into a temporary folder as the file `name` (its
/// extension says how it is read; a leading partner id names its partner)
/// and reads it as an input. `None` when the file cannot be written.
pub fn read_file_named(name: &str, bytes: &[u8], rules: &Rules) -> Option<FileRead> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join(name);
    let mut file = std::fs::File::create(&path).ok()?;
    file.write_all(bytes).and_then(|_| file.flush()).ok()?;
    let found = Found {
        path,
        shown: name.to_string(),
        earlier_month: None,
    };
    let (summary, rows) = read_file(&found, rules, &ReadOptions::default());
    let places = rows
        .customers
        .iter()
        .map(|r| r.source.excel_row())
        .chain(rows.credentials.iter().map(|r| r.source.excel_row()))
        .collect();
    Some(FileRead {
        shown: found.shown,
        unreadable: summary.error.is_some(),
        rows_read: summary.sheets.iter().map(|s| s.rows).sum(),
        header_row: summary.sheets.first().and_then(|s| s.header_row),
        typed: rows.customers.len() + rows.credentials.len() + rows.partners.len(),
        places,
        problems: rows.problems.iter().map(ProblemSeen::from).collect(),
    })
}

/// One record: the zero-based row it starts on and its fields (none for a
/// record too long to read).
pub type RecordSeen = (u32, Vec<Vec<u8>>);

/// Splits what `reader` gives into records on `delimiter`, as the text
/// reader does, until the end, a read error or `limit` records.
pub fn records(reader: impl Read, delimiter: u8, limit: usize) -> Vec<RecordSeen> {
    let mut records = Records::new(reader, delimiter);
    let mut seen = Vec::new();
    while seen.len() < limit
        && let Ok(Some(next)) = records.next_record()
    {
        seen.push(match next {
            Next::Record(r) => (r.row, r.fields().map(<[u8]>::to_vec).collect()),
            Next::TooLong(row) => (row, Vec::new()),
        });
    }
    seen
}
