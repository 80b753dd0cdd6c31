//! The one harness of the integration tests: run the real binary
//! ([`Run`]), read what it wrote ([`Output::json`], [`Report`]), and write
//! small input workbooks.

#![allow(dead_code, unused_imports)]

pub mod mail;
pub mod report;
pub mod run;
pub mod smtp;
pub mod xlsx;

pub use report::{Report, Table};
pub use run::{Output, Run, SAMPLES_AS_OF, read_json};

use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

/// The repository's `samples/` folder.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
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

/// A date cell as read back (an Excel serial day) in ISO form.
pub fn excel_date(cell: &str) -> String {
    let serial: i64 = cell
        .parse()
        .unwrap_or_else(|_| panic!("a date cell: {cell}"));
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (base + chrono::Duration::days(serial)).to_string()
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
