//! The `Problems` sheet: what was wrong with the inputs, where (file,
//! sheet, cell) and what to do.

use rust_xlsxwriter::{Workbook, XlsxError};

use crate::problem::Problem;
use crate::report::xlsx::{Cell, Col, Formats, col, write_table};
use crate::report::{Family, ReportData};
use crate::text::Texts;

/// The sheet's columns.
pub(crate) fn columns(t: &Texts) -> [Col<'static>; 4] {
    [
        col(t.h.file, 36.0),
        col(t.h.sheet, 16.0),
        col(t.h.cell, 8.0),
        col(t.h.message, 70.0),
    ]
}

/// A problem's row.
pub(crate) fn row(p: &Problem) -> Vec<Cell<'_>> {
    vec![
        Cell::from(&*p.location.file),
        Cell::from(p.location.sheet.as_deref()),
        Cell::from(p.location.cell()),
        Cell::Wrapped(crate::text::for_cell(&p.message)),
    ]
}

/// Writes the `Problems` sheet. The messages come from the input stage in
/// English, in every language (see the README).
pub(crate) fn write<F: Family>(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData<F>,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let rows = data.problems.iter().map(row);
    write_table(workbook, formats, t.sheets.problems, &columns(t), rows)?;
    Ok(())
}
