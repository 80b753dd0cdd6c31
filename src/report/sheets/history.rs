//! The `History` sheet: one row per partner, one column per month for the
//! last twelve months, each cell as the family shows a month: a
//! competency's active entitlements in its level's colour and name (`4,100
//! Gold`), a designation's score (`70.5 Qualified`).

use rust_xlsxwriter::XlsxError;

use crate::month::{History, MonthFigures};
use crate::report::xlsx::{Cell, Formats, Pages, write_cell};

use crate::text::Texts;

/// Columns before the months: partner id and name, and their widths.
const FIXED: [f64; 2] = [12.0, 30.0];
/// A month column's width: room for `1,234,567 Silver`.
const MONTH_WIDTH: f64 = 15.0;

/// Writes the `History` sheet.
pub(crate) fn write(
    workbook: &mut impl Pages,
    formats: &Formats,
    history: &History,
    t: &Texts,
    month_cell: fn(&MonthFigures) -> Cell<'static>,
) -> Result<(), XlsxError> {
    let sheet = workbook.next_page()?;
    sheet.set_name(t.sheets.history)?;
    let headers = [t.h.partner_id, t.h.partner_name]
        .into_iter()
        .zip(FIXED)
        .map(|(h, w)| (h.to_string(), w))
        .chain(history.months.iter().map(|m| (m.clone(), MONTH_WIDTH)));
    let mut columns = 0u16;
    for (c, (header, width)) in headers.enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, width)?;
        sheet.write_string_with_format(0, c, header, formats.header())?;
        columns = c + 1;
    }
    sheet.set_row_height(0, 30)?;
    let mut row = 0u32;
    for (id, partner) in &history.partners {
        row += 1;
        write_cell(sheet, formats, row, 0, &Cell::from(id.as_str()))?;
        write_cell(sheet, formats, row, 1, &Cell::from(partner.name.as_deref()))?;
        for (i, month) in history.months.iter().enumerate() {
            let cell = partner.months.get(month).map_or(Cell::Blank, month_cell);
            write_cell(sheet, formats, row, (i + FIXED.len()) as u16, &cell)?;
        }
    }
    sheet.set_freeze_panes(1, FIXED.len() as u16)?;
    formats.page.apply(sheet, Some((0, 0)))?;
    // The filter is a convenience; losing it is not worth losing the report.
    let _ = sheet.autofilter(0, 0, row, columns.saturating_sub(1));
    Ok(())
}
