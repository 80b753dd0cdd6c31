//! How big rows and columns are: neither Excel nor LibreOffice grows a row
//! for wrapped text written by a library, and a column sized for its
//! longest possible value wastes the printed page. Both are estimated here
//! from the text, in Excel's unit of width (the width of a digit).

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::cell::Cell;
use super::measure::{text_units, wrapped_lines};

/// A column: its header and width in characters.
#[derive(Debug, Clone, Copy)]
pub struct Col<'a> {
    /// Header text.
    pub(crate) header: &'a str,
    /// Width in characters.
    pub(crate) width: f64,
}

/// Shorthand for a column.
pub(crate) const fn col(header: &str, width: f64) -> Col<'_> {
    Col { header, width }
}

/// Points per line of text in the default font.
const LINE_HEIGHT: f64 = 15.0;

/// The most lines a row is made tall for (a row of 20 lines is already a
/// screenful).
const MAX_LINES: usize = 20;

/// How many lines a row needs: its tallest wrapped cell's.
pub(crate) fn row_lines(widths: impl IntoIterator<Item = f64>, cells: &[Cell]) -> usize {
    widths
        .into_iter()
        .zip(cells)
        .filter_map(|(width, cell)| match cell {
            Cell::Wrapped(s) => Some(wrapped_lines(s, width)),
            _ => None,
        })
        .fold(1, usize::max)
        .min(MAX_LINES)
}

/// The height in points of a row of `lines` lines.
pub(crate) fn line_points(lines: usize) -> f64 {
    lines as f64 * LINE_HEIGHT
}

/// Makes row `row` tall enough for `lines` lines (rows of one line keep
/// the default height); call before the row's cells.
pub(crate) fn set_lines(sheet: &mut Worksheet, row: u32, lines: usize) -> Result<(), XlsxError> {
    if lines > 1 {
        sheet.set_row_height(row, line_points(lines))?;
    }
    Ok(())
}

/// How wide header text is against body text: headers are 9 point bold
/// (bold is about 8 % wider), body text 11 point.
pub(crate) const HEADER_SCALE: f64 = 9.0 / 11.0 * 1.08;

/// Points per line of header text.
const HEADER_LINE_HEIGHT: f64 = 12.0;

/// Room a header cell keeps for its filter button (every table filters).
const FILTER_BUTTON: f64 = 2.6;

/// The width a header needs: its longest word (it wraps between words),
/// beside the filter button, and a little padding.
fn header_width(header: &str) -> f64 {
    let longest = header.split([' ', '-']).map(text_units).fold(0.0, f64::max);
    longest * HEADER_SCALE + FILTER_BUTTON + 1.0
}

/// Makes header row `row` tall enough for the longest header of `columns`
/// wrapped in its column (two lines at least, so that a row of short
/// headers still stands out).
pub(crate) fn set_header_lines(
    sheet: &mut Worksheet,
    row: u32,
    columns: &[Col],
) -> Result<(), XlsxError> {
    let lines = columns
        .iter()
        .map(|c| wrapped_lines(c.header, (c.width - FILTER_BUTTON).max(1.0) / HEADER_SCALE))
        .max()
        .unwrap_or(1)
        .max(2);
    sheet.set_row_height(row, lines as f64 * HEADER_LINE_HEIGHT + 3.0)?;
    Ok(())
}

/// Narrows each column to what its header and cells need: the width of
/// its widest cell, at most its given width (past it, wrapped text wraps
/// and other text is cut), at least its header's longest word.
pub(crate) fn fit_widths<'c, 'r, R: AsRef<[Cell<'r>]>>(
    columns: &[Col<'c>],
    rows: &[R],
) -> Vec<Col<'c>> {
    columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            let widest = rows
                .iter()
                .filter_map(|row| row.as_ref().get(c))
                .map(Cell::shown_width)
                .fold(0.0, f64::max);
            let width = (widest + 1.5)
                .min(column.width)
                .max(header_width(column.header));
            Col { width, ..*column }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_words_and_breaks_words_longer_than_a_line() {
        assert_eq!(wrapped_lines("", 10.0), 1);
        assert_eq!(wrapped_lines("meets Gold", 12.0), 1);
        // 34.7 units are 243 pixels of text in Excel: 16.5 times the font size.
        let line = "needs 50 more active entitlements and";
        assert_eq!(wrapped_lines(line, 34.7), 1);
        assert_eq!(wrapped_lines(&format!("{line} 1"), 34.7), 2);
        // Twice as wide as a line: broken in two.
        let long = "x".repeat(2 * 30);
        assert_eq!(wrapped_lines(&long, text_units(&"x".repeat(30)) + 3.0), 2);
        // An m is wider than an i.
        assert!(text_units("mmmm") > 3.0 * text_units("iiii"));
        assert_eq!(wrapped_lines("one\ntwo", 30.0), 2);
    }

    #[test]
    fn columns_take_their_values_width_up_to_their_own() {
        let columns = [col("ID", 20.0), col("Action", 40.0), col("Count", 20.0)];
        let rows = [
            vec![
                Cell::from("1000001"),
                Cell::Wrapped("a long sentence".into()),
                Cell::Count(1_234_567),
            ],
            vec![Cell::from("12"), Cell::Blank, Cell::Blank],
        ];
        let fitted = fit_widths(&columns, &rows);
        assert!((8.5..9.5).contains(&fitted[0].width), "{}", fitted[0].width);
        assert!(
            fitted[1].width < 20.0,
            "a short sentence: {}",
            fitted[1].width
        );
        let sentence = Cell::Wrapped("a sentence much longer than its column is wide".into());
        assert_eq!(
            fit_widths(&[col("Action", 20.0)], &[[sentence]])[0].width,
            20.0
        );
        assert_eq!(fitted[2].width, 10.5);
        // A header's longest word is the least a column gets.
        let fitted = fit_widths(&[col("Entitlements Short", 30.0)], &[[Cell::Count(5)]]);
        let word = text_units("Entitlements") * HEADER_SCALE;
        assert!(fitted[0].width > word, "{} {word}", fitted[0].width);
    }
}
