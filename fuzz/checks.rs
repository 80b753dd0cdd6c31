//! What must hold whatever the bytes: the checks of the fuzz targets.
//!
//! The cargo-fuzz targets (`fuzz_targets/*.rs`) and the fixed-seed run in
//! `tests/fuzz_smoke.rs` both include this file with `#[path]`, so a
//! coverage-guided run and every `cargo test` check the same things. The
//! library's `fuzz` module only runs the code and returns what it made.

use std::io::Read;

use competency_report::fuzz;
use competency_report::model::PartnerId;
use competency_report::rules::Rules;

/// The largest whole number an f64 holds exactly.
const MAX_EXACT: u64 = 9_007_199_254_740_991;

/// A row of fuzzed cells under every sheet kind: a row marked valid has
/// every typed value, an invalid one says why; every problem is on the row;
/// the cell parsers keep their promises.
pub fn normalise(data: &[u8], rules: &Rules) {
    let read = fuzz::normalise(data, rules);
    for kind in &read.kinds {
        let kind = kind.as_ref().expect("the fixed headers classify");
        for row in &kind.customers {
            if row.invalid.is_none() {
                assert!(
                    row.customer.is_some() && row.workload.is_some() && row.active_users.is_some()
                );
                assert!(row.sku.is_some() && row.association.is_some());
            }
        }
        for p in &kind.problems {
            assert_eq!(p.row, Some(fuzz::ROW));
            assert!(!p.message.is_empty());
        }
    }
    for cell in &read.cells {
        if let Some(n) = cell.count {
            assert!(n <= MAX_EXACT);
        }
        if let Some(id) = cell.text.as_deref().and_then(PartnerId::parse) {
            let text = id.to_string();
            assert!(!text.is_empty());
            assert_eq!(
                PartnerId::parse(&text),
                Some(id.clone()),
                "parsing is idempotent"
            );
        }
    }
}

/// Fuzzed bytes as a workbook file (the first byte picks the extension):
/// reading ends with rows or problems, never a crash.
pub fn workbook(data: &[u8], rules: &Rules) {
    let Some((pick, bytes)) = data.split_first() else {
        return;
    };
    let ext = ["xlsx", "xls", "ods", "xlsb", "xlsm"][usize::from(*pick) % 5];
    let Some(read) = fuzz::read_file_named(&format!("fuzz.{ext}"), bytes, rules) else {
        return;
    };
    if read.unreadable {
        assert_eq!(read.typed, 0);
        assert!(
            !read.problems.is_empty(),
            "an unreadable file is always a problem"
        );
    }
}

/// Fuzzed bytes as a text export (`.csv` or `.tsv`, picked by the first
/// byte; named after a partner, so a sheet without a Partner ID column is
/// read too): reading ends with rows or problems, never a crash; the rows it
/// reads sit where the file has them; and the records come out the same
/// however the bytes arrive.
pub fn text(data: &[u8], rules: &Rules) {
    let Some((pick, bytes)) = data.split_first() else {
        return;
    };
    same_records_in_any_chunks(bytes, *pick);
    let ext = ["csv", "tsv"][usize::from(*pick) % 2];
    let name = format!("1000099-fuzz.{ext}");
    let Some(read) = fuzz::read_file_named(&name, bytes, rules) else {
        return;
    };
    if read.unreadable {
        assert_eq!(read.typed, 0);
        assert!(!read.problems.is_empty(), "an unreadable file is a problem");
        return;
    }
    // A row read is typed, or (a transcript row without a person or a
    // credential) left out with a problem of its own.
    let typed = read.typed as u64;
    assert!(
        typed <= read.rows_read,
        "{typed} typed rows from {} read",
        read.rows_read
    );
    assert!(
        read.rows_read - typed <= read.problems.len() as u64,
        "{} rows read but left out, with only {} problems",
        read.rows_read - typed,
        read.problems.len()
    );
    for p in &read.problems {
        assert_eq!(p.file, name);
        assert!(!p.message.is_empty());
    }
    let header = read.header_row;
    for place in &read.places {
        // A data row sits below the header, on the row Excel shows it on.
        let row = place.expect("a row's place");
        assert!(
            header.is_some_and(|h| row > h),
            "row {row} under header {header:?}"
        );
    }
}

/// The records of `bytes` split on the delimiter `pick` chooses, read whole
/// and read a few bytes at a time, are the same; rows only go forward.
fn same_records_in_any_chunks(bytes: &[u8], pick: u8) {
    /// A reader that hands out at most `.1` bytes a call.
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
    // One record more than bytes would be one too many.
    let limit = bytes.len() + 2;
    let whole = fuzz::records(Trickle(bytes, usize::MAX), delimiter, limit);
    assert!(whole.len() <= bytes.len() + 1, "more records than bytes");
    let chunked = fuzz::records(Trickle(bytes, 1 + usize::from(pick) % 7), delimiter, limit);
    assert_eq!(whole, chunked, "records depend on how the bytes arrive");
    assert!(whole.windows(2).all(|w| w[0].0 < w[1].0));
}
