//! Entry points for fuzzing: the cargo-fuzz targets in `fuzz/` and the short
//! deterministic run in `tests/fuzz_smoke.rs` call these, so both exercise
//! exactly the same code.

use std::io::Write;

use crate::input::amount::{self, DecimalMark};
use crate::input::fiscal;
use crate::input::row_reader::{SheetRows, read_row};
use crate::input::rows::Rows;
use crate::input::schema::{Classified, SheetKind, classify};
use crate::input::value::{self, Value};
use crate::input::{Found, ReadOptions, read_file};
use crate::model::{Association, Market, PartnerId, Sku};
use crate::problem::Location;
use crate::rules::Rules;

/// Turns fuzz bytes into a row of cells: chunks separated by 0xFF, each
/// typed by its first byte.
pub(crate) fn cells_from_bytes(data: &[u8]) -> Vec<(u32, Value)> {
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
                    chrono::NaiveDate::from_num_days_from_ce_opt((days % 3_000_000) as i32)
                        .map_or(Value::Empty, Value::Date)
                }
                _ => Value::Empty,
            };
            (value != Value::Empty).then_some((col as u32, value))
        })
        .collect()
}

/// Normalises one row of fuzzed cells under every sheet kind and checks
/// the invariants a typed row promises.
pub fn normalise(data: &[u8], rules: &Rules) {
    let cells = cells_from_bytes(data);
    let sheet = Location::sheet("fuzz.xlsx".into(), "Fuzz".into());
    for kind in SheetKind::ALL {
        // Every column the schema knows, in its order, as the header row
        // (each under its kind's first name for it).
        let header: Vec<(u32, String)> = kind
            .columns()
            .iter()
            .enumerate()
            .map(|(i, c)| (i as u32, kind.column_name(c.field).to_string()))
            .collect();
        let Classified::Header(columns) = classify(&header) else {
            panic!("the fixed headers classify");
        };
        let mut out = Rows::default();
        read_row(
            &SheetRows::new(&columns, &sheet, rules),
            7,
            &cells,
            &mut out,
        );
        for row in &out.customers {
            // A row marked valid has every typed value; an invalid one says why.
            if row.invalid.is_none() {
                assert!(
                    row.customer.is_some() && row.workload.is_some() && row.active_users.is_some()
                );
                assert!(row.sku.is_some() && row.association.is_some());
            }
        }
        for row in &out.revenue {
            if row.invalid.is_none() {
                assert!(row.month.is_some() && row.customer.is_some() && row.workload.is_some());
                assert!(row.association.is_some() && row.revenue.is_some());
            }
        }
        for row in &out.usage {
            if row.invalid.is_none() {
                assert!(row.month.is_some() && row.customer.is_some() && row.workload.is_some());
                assert!(row.association.is_some() && row.metric.is_some());
                let figures = [row.attached_users, row.active_users];
                assert!(figures.iter().any(Option::is_some) || row.active_capacity.is_some());
            }
        }
        for p in &out.problems {
            assert_eq!(p.location.row, Some(7));
            assert!(!p.message.is_empty());
        }
    }
    // The cell-level parsers on their own, with their promises.
    for (_, v) in &cells {
        if let Ok(Some(n)) = value::count(v) {
            assert!(n <= 9_007_199_254_740_991);
        }
        let _ = value::date(v);
        for mark in [None, Some(DecimalMark::Point), Some(DecimalMark::Comma)] {
            if let Ok(Some(a)) = amount::amount(v, mark) {
                // A trillion at most, to the millionth.
                assert!(a.micros().unsigned_abs() <= 1_000_000_000_000_000_000);
            }
        }
        if let Ok(Some(m)) = fiscal::month(v, true) {
            assert!((1..=12).contains(&m.month()));
        }
        if let Some(t) = value::text(v) {
            if let Some(id) = PartnerId::parse(&t) {
                assert!(!id.as_str().is_empty());
                assert_eq!(
                    PartnerId::parse(id.as_str()),
                    Some(id.clone()),
                    "parsing is idempotent"
                );
            }
            let _ = (Association::parse(&t), Sku::parse(&t), Market::parse(&t));
        }
    }
}

/// Reads fuzzed bytes as a workbook file (the first byte picks the
/// extension) and checks that reading ends with rows or problems, never a crash.
pub fn workbook(data: &[u8], rules: &Rules) {
    let Some((pick, bytes)) = data.split_first() else {
        return;
    };
    let ext = ["xlsx", "xls", "ods", "xlsb", "xlsm"][usize::from(*pick) % 5];
    let Ok(mut file) = tempfile::Builder::new()
        .suffix(&format!(".{ext}"))
        .tempfile()
    else {
        return;
    };
    if file.write_all(bytes).and_then(|_| file.flush()).is_err() {
        return;
    }
    let found = Found {
        path: file.path().to_path_buf(),
        shown: format!("fuzz.{ext}"),
    };
    let (summary, rows) = read_file(&found, rules, &ReadOptions::default());
    if summary.error.is_some() {
        assert!(
            rows.customers.is_empty() && rows.credentials.is_empty() && rows.partners.is_empty()
        );
        assert!(
            !rows.problems.is_empty(),
            "an unreadable file is always a problem"
        );
    }
}

/// Reads fuzz bytes as a text export (`.csv` or `.tsv`, picked by the first
/// byte; named after a partner, so a sheet without a Partner ID column is
/// read too) and checks that reading ends with rows or problems, never a
/// crash, and that the rows it reads sit where the file has them. Also
/// checks that the records come out the same however the bytes arrive.
pub fn text(data: &[u8], rules: &Rules) {
    let Some((pick, bytes)) = data.split_first() else {
        return;
    };
    same_records_in_any_chunks(bytes, *pick);
    let ext = ["csv", "tsv"][usize::from(*pick) % 2];
    let Ok(mut file) = tempfile::Builder::new()
        .prefix("1000099-")
        .suffix(&format!(".{ext}"))
        .tempfile()
    else {
        return;
    };
    if file.write_all(bytes).and_then(|_| file.flush()).is_err() {
        return;
    }
    let shown = format!("1000099-fuzz.{ext}");
    let found = Found {
        path: file.path().to_path_buf(),
        shown: shown.clone(),
    };
    let (summary, rows) = read_file(&found, rules, &ReadOptions::default());
    if summary.error.is_some() {
        assert!(
            rows.customers.is_empty() && rows.credentials.is_empty() && rows.partners.is_empty()
        );
        assert!(!rows.problems.is_empty(), "an unreadable file is a problem");
        return;
    }
    // A row read is typed, or (a transcript row without a person or a
    // credential) left out with a problem of its own.
    let read: u64 = summary.sheets.iter().map(|s| s.rows).sum();
    let typed = (rows.customers.len() + rows.credentials.len() + rows.partners.len()) as u64;
    assert!(typed <= read, "{typed} typed rows from {read} read");
    assert!(
        read - typed <= rows.problems.len() as u64,
        "{} rows read but left out, with only {} problems",
        read - typed,
        rows.problems.len()
    );
    for p in &rows.problems {
        assert_eq!(&*p.location.file, shown.as_str());
        assert!(!p.message.is_empty());
    }
    let header = summary.sheets.first().and_then(|s| s.header_row);
    for source in rows
        .customers
        .iter()
        .map(|r| &r.source)
        .chain(rows.credentials.iter().map(|r| &r.source))
    {
        // A data row sits below the header, on the row Excel shows it on.
        let row = source.excel_row().expect("a row's place");
        assert!(
            header.is_some_and(|h| row > h),
            "row {row} under header {header:?}"
        );
    }
}

/// The records of `bytes` split on the delimiter `pick` chooses, read whole
/// and read a few bytes at a time, must be the same.
fn same_records_in_any_chunks(bytes: &[u8], pick: u8) {
    use crate::input::delimited::records::{Next, Records};
    use std::io::Read;
    struct Trickle<'a>(&'a [u8], usize);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.1).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let delimiter = [b',', b';', b'\t', b'|'][usize::from(pick / 2) % 4];
    let all = |reader: &mut dyn Read| {
        let mut records = Records::new(reader, delimiter);
        let mut seen = Vec::new();
        while let Ok(Some(next)) = records.next_record() {
            seen.push(match next {
                Next::Record(r) => (r.row, r.fields().map(<[u8]>::to_vec).collect::<Vec<_>>()),
                Next::TooLong(row) => (row, Vec::new()),
            });
            assert!(seen.len() <= bytes.len() + 1, "more records than bytes");
        }
        seen
    };
    let whole = all(&mut Trickle(bytes, usize::MAX));
    let chunked = all(&mut Trickle(bytes, 1 + usize::from(pick) % 7));
    assert_eq!(whole, chunked, "records depend on how the bytes arrive");
    // Rows only go forward.
    assert!(whole.windows(2).all(|w| w[0].0 < w[1].0));
}
