//! A workbook the tool wrote (a report, a template, an archived input),
//! read back with calamine: its sheets as cells, as text, or as rows keyed
//! by header.

use std::collections::HashMap;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::{Data, Reader, open_workbook_auto};

/// A workbook read back. It derefs to its path, for the zip-level helpers
/// in [`super::xlsx`].
#[derive(Debug, Clone)]
pub struct Report {
    path: PathBuf,
    /// The fresh folder the run wrote it into, kept as long as the report.
    _folder: Option<Arc<tempfile::TempDir>>,
}

/// A sheet's data rows as maps from header (row 1) to cell text.
pub type Table = Vec<HashMap<String, String>>;

impl Report {
    /// The workbook at `path`.
    pub fn open(path: impl Into<PathBuf>) -> Report {
        Report {
            path: path.into(),
            _folder: None,
        }
    }

    /// The workbook at `path` in `folder`, which stays as long as the report.
    pub(super) fn in_folder(path: PathBuf, folder: Option<Arc<tempfile::TempDir>>) -> Report {
        Report {
            path,
            _folder: folder,
        }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The sheet names, in order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.book().sheet_names()
    }

    /// Every row of a sheet, as calamine reads it.
    pub fn sheet(&self, sheet: &str) -> Vec<Vec<Data>> {
        let range = self
            .book()
            .worksheet_range(sheet)
            .unwrap_or_else(|e| panic!("{}: sheet {sheet}: {e}", self.path.display()));
        range.rows().map(|r| r.to_vec()).collect()
    }

    /// Every row of a sheet as cell text (an empty cell is "").
    pub fn grid(&self, sheet: &str) -> Vec<Vec<String>> {
        self.sheet(sheet)
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    /// A sheet's rows as maps from header (row 1) to cell, numbers kept numbers.
    pub fn typed_table(&self, sheet: &str) -> Vec<HashMap<String, Data>> {
        let rows = self.sheet(sheet);
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        rows[1..]
            .iter()
            .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
            .collect()
    }

    /// A sheet's rows as maps from header (row 1) to cell text.
    pub fn table(&self, sheet: &str) -> Table {
        self.typed_table(sheet)
            .into_iter()
            .map(|r| r.into_iter().map(|(h, c)| (h, c.to_string())).collect())
            .collect()
    }

    /// A sheet's rows as text keyed by the column `key` (the total row too,
    /// under "Total").
    pub fn by(&self, sheet: &str, key: &str) -> HashMap<String, HashMap<String, String>> {
        self.table(sheet)
            .into_iter()
            .map(|r| {
                let id = r
                    .get(key)
                    .unwrap_or_else(|| panic!("no column {key} on {sheet}"))
                    .clone();
                (id, r)
            })
            .collect()
    }

    /// The `Summary` sheet's partner rows: its table ends with a total row,
    /// which is not a partner.
    pub fn summary_rows(&self) -> Table {
        let mut rows = self.table("Summary");
        let total = rows.pop().expect("a total row");
        assert_eq!(total["Partner ID"], "Total");
        rows
    }

    /// The formulas on a sheet (the cells without one left out).
    pub fn formulas(&self, sheet: &str) -> Vec<String> {
        let range = self
            .book()
            .worksheet_formula(sheet)
            .unwrap_or_else(|e| panic!("{}: sheet {sheet}: {e}", self.path.display()));
        range
            .used_cells()
            .map(|(_, _, f)| f.clone())
            .filter(|f| !f.is_empty())
            .collect()
    }

    /// A sheet's XML (for what calamine does not show).
    pub fn xml(&self, sheet: &str) -> String {
        super::xlsx::sheet_xml(&self.path, sheet)
    }

    fn book(&self) -> calamine::Sheets<std::io::BufReader<std::fs::File>> {
        open_workbook_auto(&self.path)
            .unwrap_or_else(|e| panic!("open {}: {e}", self.path.display()))
    }
}

impl Deref for Report {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for Report {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}
