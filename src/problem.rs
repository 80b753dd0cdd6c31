//! Where a problem sits in the inputs, and the problem itself.
//!
//! Problems are data: every stage returns what it could read plus the
//! problems it found, and the report lists them. Only a run that cannot write
//! any report at all stops with an error.

use std::fmt;
use std::sync::Arc;

/// A place in the inputs: a file, optionally a sheet, a row and a column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file as the user named it (relative to the input they gave).
    pub(crate) file: Arc<str>,
    /// The sheet's name, when the problem is inside one.
    pub(crate) sheet: Option<Arc<str>>,
    /// Zero-based row index, when the problem is on a row.
    pub(crate) row: Option<u32>,
    /// Zero-based column index, when the problem is in one cell.
    pub(crate) col: Option<u32>,
}

impl Location {
    /// A whole file.
    pub(crate) fn file(file: Arc<str>) -> Location {
        Location {
            file,
            sheet: None,
            row: None,
            col: None,
        }
    }

    /// A whole sheet of a file.
    pub fn sheet(file: Arc<str>, sheet: Arc<str>) -> Location {
        Location {
            file,
            sheet: Some(sheet),
            row: None,
            col: None,
        }
    }

    /// The same place narrowed to a row.
    pub fn at_row(&self, row: u32) -> Location {
        Location {
            row: Some(row),
            col: None,
            ..self.clone()
        }
    }

    /// The same place narrowed to a cell.
    pub(crate) fn at_cell(&self, row: u32, col: u32) -> Location {
        Location {
            row: Some(row),
            col: Some(col),
            ..self.clone()
        }
    }

    /// The row as Excel numbers it (1-based), if any.
    pub(crate) fn excel_row(&self) -> Option<u32> {
        self.row.map(|r| r + 1)
    }

    /// The cell in A1 notation (`D17`), the row (`17`) or empty.
    pub(crate) fn cell(&self) -> String {
        match (self.row, self.col) {
            (Some(r), Some(c)) => format!("{}{}", column_name(c), r + 1),
            (Some(r), None) => format!("{}", r + 1),
            _ => String::new(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet '{sheet}'")?;
        }
        match (self.row, self.col) {
            (Some(_), Some(_)) => write!(f, ", cell {}", self.cell()),
            (Some(_), None) => write!(f, ", row {}", self.cell()),
            _ => Ok(()),
        }
    }
}

/// Where a customer row is: its sheet, one copy shared by every row of the
/// sheet, and its row. A [`Location`] of its own per row would be 48 bytes
/// (the file's and the sheet's names, a row and a column); this is 16, at
/// a million rows and more held until the report is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSource {
    /// The sheet (or the text file), without a row.
    sheet: Arc<Location>,
    /// Zero-based row index; `None` for a row made at no place (tests).
    row: Option<u32>,
}

impl RowSource {
    /// Row `row` of the sheet at `sheet`.
    pub fn new(sheet: Arc<Location>, row: u32) -> RowSource {
        RowSource {
            sheet,
            row: Some(row),
        }
    }

    /// A whole file, at no row (the start of a test row).
    pub(crate) fn file(file: Arc<str>) -> RowSource {
        RowSource {
            sheet: Arc::new(Location::file(file)),
            row: None,
        }
    }

    /// The row as a [`Location`] (for a problem on it).
    pub(crate) fn location(&self) -> Location {
        Location {
            row: self.row,
            ..(*self.sheet).clone()
        }
    }

    /// The file as the user named it.
    pub(crate) fn file_name(&self) -> &Arc<str> {
        &self.sheet.file
    }

    /// The sheet's name, if the row is in a sheet.
    pub(crate) fn sheet_name(&self) -> Option<&str> {
        self.sheet.sheet.as_deref()
    }

    /// The row as Excel numbers it (1-based), if any.
    pub(crate) fn excel_row(&self) -> Option<u32> {
        self.row.map(|r| r + 1)
    }

    /// The row as Excel numbers it (`17`), or empty.
    #[cfg(test)]
    pub(crate) fn cell(&self) -> String {
        self.excel_row().map_or_else(String::new, |r| r.to_string())
    }
}

/// Excel's column letters for a zero-based column index (0 -> A, 26 -> AA).
pub(crate) fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// One thing wrong with the input, and where.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Where it is.
    pub(crate) location: Location,
    /// What is wrong, in plain words.
    pub(crate) message: String,
}

impl Problem {
    /// A problem at a place.
    pub(crate) fn new(location: Location, message: impl Into<String>) -> Problem {
        Problem {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_follow_excel() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(3), "D");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
    }

    #[test]
    fn locations_print_file_sheet_and_cell() {
        let loc = Location::sheet("in/a.xlsx".into(), "Customers".into()).at_cell(16, 3);
        assert_eq!(loc.cell(), "D17");
        assert_eq!(loc.to_string(), "in/a.xlsx, sheet 'Customers', cell D17");
        assert_eq!(
            loc.at_row(4).to_string(),
            "in/a.xlsx, sheet 'Customers', row 5"
        );
    }
}
