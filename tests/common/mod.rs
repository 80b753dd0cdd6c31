//! Helpers shared by the integration tests: run the real binary, write small
//! workbooks, read reports back with calamine.

#![allow(dead_code)]

pub mod mail;
pub mod smtp;
pub mod xlsx;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::Workbook;

/// The binary under test.
pub fn bin() -> Command {
    Command::cargo_bin("competency-report").expect("the binary is built")
}

/// The binary under test, run through `sh -c` with `script` first (a
/// `ulimit`, a `trap`), for the tests that need the shell to set limits.
pub fn bin_in_shell(script: &str) -> Command {
    let path = assert_cmd::cargo::cargo_bin("competency-report");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("{script}; exec \"$0\" \"$@\""))
        .arg(path);
    cmd
}

/// The repository's `samples/` folder.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A finished run of the samples: its folder, report, JSON summary and
/// the command's stdout and stderr.
pub struct SamplesRun {
    /// The output folder (removed when dropped).
    pub out: tempfile::TempDir,
    /// The Excel report.
    pub report: PathBuf,
    /// The JSON summary.
    pub json: serde_json::Value,
    /// What the command printed on stdout.
    pub stdout: String,
    /// What the command printed on stderr.
    pub stderr: String,
}

/// Runs the samples as of 2017-09-30 with extra arguments, into a fresh
/// folder; the run must succeed.
pub fn run_samples_with(extra: &[&str]) -> SamplesRun {
    run_input(&samples(), "2017-09-30", extra)
}

/// Runs the inputs `input` as of `as_of` with extra arguments, into a fresh
/// folder; the run must succeed.
pub fn run_input(input: &Path, as_of: &str, extra: &[&str]) -> SamplesRun {
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("summary.json");
    let assert = bin()
        .args(["run", "--as-of", as_of, "--input"])
        .arg(input)
        .arg("--output")
        .arg(out.path())
        .arg("--json")
        .arg(&json)
        .args(extra)
        .assert()
        .success();
    let output = assert.get_output();
    SamplesRun {
        report: out.path().join(format!("competency-report-{as_of}.xlsx")),
        json: serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        out,
    }
}

/// A cell to write in a test workbook.
#[derive(Debug, Clone)]
pub enum V {
    /// Text.
    T(&'static str),
    /// Text made at run time.
    S(String),
    /// A number.
    N(f64),
    /// Nothing.
    E,
}

/// Writes a workbook of sheets, each a name and its rows.
pub fn write_workbook(path: &Path, sheets: &[(&str, Vec<Vec<V>>)]) {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match v {
                    V::T(s) => {
                        sheet.write_string(r as u32, c as u16, *s).unwrap();
                    }
                    V::S(s) => {
                        sheet.write_string(r as u32, c as u16, s).unwrap();
                    }
                    V::N(n) => {
                        sheet.write_number(r as u32, c as u16, *n).unwrap();
                    }
                    V::E => {}
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

/// The standard customers header row.
pub fn customer_header() -> Vec<V> {
    [
        "Partner ID",
        "Partner Name",
        "Customer ID",
        "Workload",
        "Active Users",
        "SKU Type",
        "Association",
        "Country",
    ]
    .iter()
    .map(|h| V::T(h))
    .collect()
}

/// A customer row in the order of `customer_header`.
pub fn customer(
    partner: &'static str,
    customer: &'static str,
    workload: &'static str,
    users: f64,
    sku: &'static str,
    association: &'static str,
) -> Vec<V> {
    vec![
        V::T(partner),
        V::E,
        V::T(customer),
        V::T(workload),
        V::N(users),
        V::T(sku),
        V::T(association),
        V::E,
    ]
}

/// The standard transcripts header row.
pub fn transcript_header() -> Vec<V> {
    ["Partner ID", "Person ID", "Person Name", "Credential"]
        .iter()
        .map(|h| V::T(h))
        .collect()
}

/// A transcript row in the order of `transcript_header`.
pub fn transcript(partner: &'static str, person: &'static str, credential: &'static str) -> Vec<V> {
    vec![V::T(partner), V::T(person), V::T(person), V::T(credential)]
}

/// Every row of a sheet of a workbook, as calamine reads it.
pub fn read_sheet(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut book =
        open_workbook_auto(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("sheet {sheet}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

/// The sheet names of a workbook, in order.
pub fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

/// A sheet's rows as maps from header to cell text, header on row 1.
pub fn table(path: &Path, sheet: &str) -> Vec<std::collections::HashMap<String, String>> {
    let rows = read_sheet(path, sheet);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    rows[1..]
        .iter()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.iter().map(|c| c.to_string()))
                .collect()
        })
        .collect()
}

/// The `Summary` sheet's partner rows: its table ends with a total row,
/// which is not a partner.
pub fn summary_rows(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut rows = table(path, "Summary");
    let total = rows.pop().expect("a total row");
    assert_eq!(total["Partner ID"], "Total");
    rows
}

/// The one report in a folder.
pub fn only_report(dir: &Path) -> PathBuf {
    let reports: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    assert_eq!(
        reports.len(),
        1,
        "expected one report in {}: {reports:?}",
        dir.display()
    );
    reports[0].clone()
}

/// A hash of every file under a folder, to prove inputs were not touched.
pub fn fingerprint(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut out: Vec<_> = walk(dir)
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).unwrap();
            (
                p.clone(),
                std::fs::read(&p).unwrap(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
