//! `cargo bench`: the pipeline at small sizes (10k and 100k customer rows),
//! end to end and by phase, next to the two reference figures (calamine
//! alone reading the same inputs, rust_xlsxwriter alone writing as many
//! cells). The full sizes up to 1M rows, with peak memory, are measured by
//! `scripts/bench.sh` on the real binary.
//!
//! Inputs are made once per size in a temporary folder: two customer files
//! and two transcript files, about 20 customer rows and 4 transcript rows per
//! partner, like `examples/generate.rs` but simpler.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calamine::{DataRef, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use competency_report::families::{AnyRuleSet, Levels};
use competency_report::phase::Silent;
use competency_report::pipeline::{RunData, analyse};
use competency_report::report;
use competency_report::routine::{self, config};
use competency_report::rules::{RuleSet, RulesOrigin};
use competency_report::text::Lang;
use competency_report::{evaluate, input};
use divan::Bencher;
use rust_xlsxwriter::{Format, Workbook};

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[10_000, 100_000];
const AS_OF: (i32, u32, u32) = (2017, 9, 30);

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(AS_OF.0, AS_OF.1, AS_OF.2).expect("a valid date")
}

/// The inputs of one size, made on first use and kept for the whole run.
fn inputs(rows: usize) -> &'static Path {
    static DIRS: OnceLock<Vec<(usize, tempfile::TempDir)>> = OnceLock::new();
    let dirs = DIRS.get_or_init(|| {
        SIZES
            .iter()
            .map(|&n| {
                let dir = tempfile::tempdir().expect("a temporary folder");
                make_inputs(dir.path(), n);
                (n, dir)
            })
            .collect()
    });
    dirs.iter()
        .find(|(n, _)| *n == rows)
        .map(|(_, d)| d.path())
        .expect("a benchmarked size")
}

const WORKLOADS: &[&str] = &[
    "Exchange Online",
    "SPO",
    "Skype for Business",
    "Yammer",
    "ProPlus",
    "Microsoft Teams",
];
const ASSOCIATIONS: &[&str] = &["DAP", "Transacting Partner", "DPOR", "None"];
const CREDENTIALS: &[&str] = &[
    "Exam 70-346: Managing Office 365 Identities and Requirements",
    "Exam 70-347: Enabling Office 365 Services",
    "MCSA: Office 365",
    "MCSA: Windows Server 2016",
];

/// Writes `customer_rows` customer rows and a fifth as many transcript rows,
/// each split over two files.
fn make_inputs(dir: &Path, customer_rows: usize) {
    let partners = customer_rows / 20;
    for file in 0..2 {
        let block = file * partners / 2..(file + 1) * partners / 2;
        let mut book = Workbook::new();
        let sheet = book
            .add_worksheet_with_constant_memory()
            .expect("a sheet")
            .set_name("Customers")
            .expect("a name");
        let headers = [
            "Partner ID",
            "Partner Name",
            "Customer ID",
            "Customer Name",
            "Workload",
            "Active Users",
            "SKU Type",
            "Association",
            "Country",
        ];
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).expect("writes");
        }
        let mut row = 0u32;
        for p in block.clone() {
            for i in 0..20 {
                row += 1;
                let id = 1_000_000 + p as u32;
                sheet.write_number(row, 0, id).expect("writes");
                sheet
                    .write_string(row, 1, format!("Partner {p}"))
                    .expect("writes");
                sheet
                    .write_string(row, 2, format!("{id}-{:04}", i / 4))
                    .expect("writes");
                sheet
                    .write_string(row, 3, format!("Customer {p}-{}", i / 4))
                    .expect("writes");
                sheet
                    .write_string(row, 4, WORKLOADS[(p + i) % WORKLOADS.len()])
                    .expect("writes");
                sheet
                    .write_number(row, 5, ((p * 7 + i * 13) % 400) as f64)
                    .expect("writes");
                sheet
                    .write_string(row, 6, if i % 10 == 9 { "Trial" } else { "Paid" })
                    .expect("writes");
                sheet
                    .write_string(row, 7, ASSOCIATIONS[(p + i) % ASSOCIATIONS.len()])
                    .expect("writes");
                sheet
                    .write_string(row, 8, if p % 3 == 0 { "India" } else { "Germany" })
                    .expect("writes");
            }
        }
        book.save(dir.join(format!("customers-{file}.xlsx")))
            .expect("saves");

        let mut book = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let sheet = book
            .add_worksheet_with_constant_memory()
            .expect("a sheet")
            .set_name("Transcripts")
            .expect("a name");
        let headers = [
            "Partner ID",
            "Person ID",
            "Person Name",
            "Credential",
            "Date Passed",
        ];
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).expect("writes");
        }
        let passed = rust_xlsxwriter::ExcelDateTime::from_ymd(2017, 5, 3).expect("a date");
        let mut row = 0u32;
        for p in block {
            for i in 0..4 {
                row += 1;
                sheet
                    .write_number(row, 0, 1_000_000 + p as u32)
                    .expect("writes");
                sheet
                    .write_string(row, 1, format!("person{}@p{p}.example", i / 2))
                    .expect("writes");
                sheet
                    .write_string(row, 2, format!("Person {} of {p}", i / 2))
                    .expect("writes");
                sheet
                    .write_string(row, 3, CREDENTIALS[(p + i) % CREDENTIALS.len()])
                    .expect("writes");
                sheet
                    .write_datetime_with_format(row, 4, &passed, &date)
                    .expect("writes");
            }
        }
        book.save(dir.join(format!("transcripts-{file}.xlsx")))
            .expect("saves");
    }
}

fn input_list(rows: usize) -> Vec<PathBuf> {
    vec![inputs(rows).to_path_buf()]
}

/// The whole `run`, as the command runs it (`competency-report run --input
/// DIR --output OUT --as-of 2017-09-30`, options resolved by the same code):
/// lock, read, evaluate, compare, history, report, into a fresh folder.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn end_to_end(bencher: Bencher, rows: usize) {
    let inputs = input_list(rows);
    bencher.bench(|| {
        let out = tempfile::tempdir().expect("a temporary folder");
        let flags = config::Flags {
            input: inputs.clone(),
            output: Some(out.path().to_path_buf()),
            as_of: Some(as_of()),
            ..config::Flags::default()
        };
        let options = config::resolve(flags, None, as_of()).expect("valid options");
        routine::run_with(&options, &Silent).expect("the run succeeds")
    });
}

/// Reading and typing the rows (files in parallel).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn read_inputs(bencher: Bencher, rows: usize) {
    let inputs = input_list(rows);
    let (set, _) = default_rules();
    bencher.bench(|| {
        input::read_inputs(&inputs, &[], &set.rules, input::Limits::default()).expect("reads")
    });
}

/// Evaluating every partner (in parallel).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn evaluate_partners(bencher: Bencher, rows: usize) {
    let (set, _) = default_rules();
    let read = input::read_inputs(&input_list(rows), &[], &set.rules, input::Limits::default())
        .expect("reads");
    bencher.bench(|| evaluate::evaluate(&read.rows, &set, as_of()));
}

/// Building and saving the report (the run's own writer, into a temporary
/// folder; no history, no earlier month).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn write_report(bencher: Bencher, rows: usize) {
    let (set, origin) = default_rules();
    let analysis = analyse(&input_list(rows), &[], &set, as_of(), None).expect("reads");
    let data = RunData {
        as_of: as_of(),
        lang: Lang::En,
        set,
        rules_origin: origin,
        analysis,
        changes: None,
        history: None,
        notes: Vec::new(),
    };
    bencher.bench(|| {
        let out = tempfile::tempdir().expect("a temporary folder");
        report::write_outputs(&data.report_data(), out.path(), None, false, &Silent)
            .expect("writes")
    });
}

/// Reference: calamine alone reading every cell of the same inputs, one
/// file after the other.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn reference_read_only(bencher: Bencher, rows: usize) {
    let dir = inputs(rows);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("lists")
        .map(|e| e.expect("an entry").path())
        .collect();
    files.sort();
    bencher.bench(|| {
        let mut cells = 0u64;
        for file in &files {
            let mut book: Xlsx<_> = open_workbook(file).expect("opens");
            for name in book.sheet_names() {
                let mut reader = book.worksheet_cells_reader(&name).expect("a sheet");
                while let Some(cell) = reader.next_cell().expect("a cell") {
                    if !matches!(cell.get_value(), DataRef::Empty) {
                        cells += 1;
                    }
                }
            }
        }
        cells
    });
}

/// Reference: rust_xlsxwriter alone writing 15 cells per customer row (the
/// report's `Customers` sheet) in constant-memory mode, saved to memory.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn reference_write_only(bencher: Bencher, rows: usize) {
    bencher.bench(|| {
        let mut book = Workbook::new();
        book.set_zip_compression_level(report::ZIP_COMPRESSION_LEVEL);
        let sheet = book.add_worksheet_with_constant_memory().expect("a sheet");
        for r in 1..=rows as u32 {
            sheet
                .write_string(r, 0, "customers-0.xlsx")
                .expect("writes");
            sheet.write_string(r, 1, "Customers").expect("writes");
            sheet.write_number(r, 2, r).expect("writes");
            for c in 3..15u16 {
                sheet.write_string(r, c, "Exchange Online").expect("writes");
            }
        }
        book.save_to_buffer().expect("saves")
    });
}

/// The built-in rules (Cloud Productivity, a competency).
fn default_rules() -> (RuleSet<Levels>, RulesOrigin) {
    match AnyRuleSet::load(None).expect("built-in rules") {
        (AnyRuleSet::Levels(set), origin) => (set, origin),
        (other, _) => panic!("the built-in rules are a competency: {other:?}"),
    }
}
