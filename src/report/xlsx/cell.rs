//! One cell of the report and how it is written: numbers as numbers (with
//! their separators, signs or percent), ids and words as text, levels in
//! their colours.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Url, Worksheet, XlsxError};

use super::formats::{CellFormats, Formats};
use super::measure::text_units;
use crate::model::Level;

/// Excel's longest text in one cell.
const MAX_TEXT: usize = 32_767;

/// One cell to write.
#[derive(Debug, Clone)]
pub enum Cell<'a> {
    /// Nothing.
    Blank,
    /// Text, always written as text (never as a formula).
    Text(Cow<'a, str>),
    /// Text set against the right edge, like the numbers it stands beside
    /// (a figure against its threshold: `2 of 5`).
    RightText(Cow<'a, str>),
    /// A count, with thousands separators.
    Count(u64),
    /// A level, filled in its colour, with its name in the report's language.
    Level(Level, &'static str),
    /// A date.
    Date(NaiveDate),
    /// Points of a score, as many decimals as they have (`12`, `7.5`, `12.37`).
    Points(f64),
    /// A whole percent (0 to 100), stored as the fraction Excel expects.
    Percent(u8),
    /// Long text (a sentence), wrapped within its column.
    Wrapped(Cow<'a, str>),
    /// Text that links to a cell of the workbook (see
    /// [`internal_link`](super::table::internal_link)).
    Link {
        /// What the cell shows.
        text: Cow<'a, str>,
        /// Where it leads: `internal:'Sheet'!A5`.
        target: String,
    },
    /// A count that links to a cell of the workbook: still a number to
    /// Excel (it sorts and sums), with the link on the cell.
    CountLink {
        /// The count.
        count: u64,
        /// Where it leads: `internal:'Sheet'!A5`.
        target: String,
    },
    /// A count among words (a setting's value beside text values), aligned
    /// left like them; still a number.
    Figure(u64),
    /// A signed change, shown with its sign (`+150`, `-20` in red, `0`).
    Delta(i64),
    /// A count at a level: the number, filled in the level's colour and
    /// followed by the level's name (`4,100 Gold`), still a number to Excel.
    CountAt(u64, Level),
    /// Points at a level, like [`Cell::CountAt`]: `70.5 Qualified`, still
    /// a number to Excel.
    PointsAt(f64, Level),
    /// A signed change of points, shown with its sign (`+43.1`, `-2.5` in
    /// red, `0`).
    PointsDelta(f64),
    /// Points out of the most a metric earns: `7.5 / 10`, still a number
    /// to Excel (the most is part of the number format).
    PointsOf(f64, f64),
    /// A share (0 to 1) with one decimal: `46.7%`.
    Share(f64),
    /// US dollars with a currency format: `$11,250.00`, still a number.
    Money(f64),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Cell<'a> {
        Cell::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Cell<'_> {
    fn from(s: String) -> Self {
        Cell::Text(Cow::Owned(s))
    }
}

impl<'a> From<Option<&'a str>> for Cell<'a> {
    fn from(s: Option<&'a str>) -> Cell<'a> {
        s.map_or(Cell::Blank, Cell::from)
    }
}

impl From<u64> for Cell<'_> {
    fn from(n: u64) -> Self {
        Cell::Count(n)
    }
}

impl From<u32> for Cell<'_> {
    fn from(n: u32) -> Self {
        Cell::Count(u64::from(n))
    }
}

impl Cell<'_> {
    /// Whether the cell carries a link.
    pub(crate) fn is_link(&self) -> bool {
        matches!(self, Cell::Link { .. } | Cell::CountLink { .. })
    }

    /// The same cell without its link: what it shows.
    pub(crate) fn without_link(&self) -> Cell<'_> {
        match self {
            Cell::Link { text, .. } => Cell::Text(Cow::Borrowed(text)),
            Cell::CountLink { count, .. } => Cell::Count(*count),
            other => other.clone(),
        }
    }

    /// About how wide the cell shows on one line, in units of column width
    /// (for column widths); wrapped text as if it were not wrapped.
    pub(crate) fn shown_width(&self) -> f64 {
        let digits = |n: u64| {
            let d = n.to_string().len();
            (d + (d - 1) / 3) as f64
        };
        match self {
            Cell::Blank => 0.0,
            Cell::Text(s) | Cell::RightText(s) | Cell::Link { text: s, .. } | Cell::Wrapped(s) => {
                text_units(s)
            }
            Cell::Count(n) | Cell::CountLink { count: n, .. } | Cell::Figure(n) => digits(*n),
            // Bold, in a border.
            Cell::Level(_, label) => text_units(label) * 1.08 + 1.0,
            Cell::Date(_) => 10.0,
            Cell::Points(_) => 5.0,
            Cell::Percent(_) => 4.0,
            Cell::Delta(n) => digits(n.unsigned_abs()) + 1.0,
            Cell::CountAt(n, _) => digits(*n) + 8.0,
            Cell::PointsAt(..) => 5.0 + 12.0,
            Cell::PointsDelta(_) => 6.0,
            Cell::PointsOf(_, most) => 5.0 + 3.0 + most.to_string().len() as f64,
            Cell::Share(_) => 6.0,
            Cell::Money(x) => digits(x.abs() as u64) + 4.0,
        }
    }
}

/// Writes one cell in the shared formats, for a row one line tall.
pub(crate) fn write_cell(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    col: u16,
    cell: &Cell,
) -> Result<(), XlsxError> {
    write_in(sheet, &formats.line, row, col, cell)
}

/// Writes one cell in `formats`: [`Formats::line`] for a row one line
/// tall, [`Formats::tall`] for a row made taller for wrapped text (every
/// cell at the top, in line with the wrapped text's first line).
pub(super) fn write_in(
    sheet: &mut Worksheet,
    formats: &CellFormats,
    row: u32,
    col: u16,
    cell: &Cell,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Blank => {}
        Cell::RightText(s) => {
            sheet.write_string_with_format(row, col, clip(s), &formats.right)?;
        }
        Cell::Text(s) => match &formats.text {
            Some(format) => {
                sheet.write_string_with_format(row, col, clip(s), format)?;
            }
            None => {
                sheet.write_string(row, col, clip(s))?;
            }
        },
        Cell::Count(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &formats.count)?;
        }
        Cell::Level(level, label) => {
            let format = match level {
                // A designation attained is the top of its rule set, as Gold is.
                Level::Gold | Level::Qualified => &formats.gold,
                Level::Silver => &formats.silver,
                Level::None => &formats.none,
            };
            sheet.write_string_with_format(row, col, *label, format)?;
        }
        Cell::Date(d) => {
            let year = u16::try_from(d.year()).unwrap_or(1900);
            let excel =
                rust_xlsxwriter::ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)?;
            sheet.write_datetime_with_format(row, col, &excel, &formats.date)?;
        }
        Cell::Wrapped(s) => {
            sheet.write_string_with_format(row, col, clip(s), &formats.wrap)?;
        }
        Cell::Points(x) => {
            sheet.write_number_with_format(row, col, *x, &formats.points)?;
        }
        Cell::Percent(p) => {
            sheet.write_number_with_format(row, col, f64::from(*p) / 100.0, &formats.percent)?;
        }
        Cell::Link { text, target } => {
            let url = Url::new(target.as_str()).set_text(clip(text));
            sheet.write_url_with_format(row, col, url, &formats.link)?;
        }
        Cell::CountLink { count, target } => {
            // A link is a string cell plus an entry in the sheet's list of
            // links; writing the number over the string keeps the entry and
            // makes the cell a number again, as Excel allows.
            let url = Url::new(target.as_str()).set_text(count.to_string());
            sheet.write_url_with_format(row, col, url, &formats.link)?;
            sheet.write_number_with_format(row, col, *count as f64, &formats.count_link)?;
        }
        Cell::Figure(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &formats.figure)?;
        }
        Cell::Delta(n) => {
            sheet.write_number_with_format(row, col, *n as f64, &formats.delta)?;
        }
        Cell::PointsDelta(x) => {
            sheet.write_number_with_format(row, col, *x, &formats.points_delta)?;
        }
        Cell::PointsOf(x, most) => {
            // One format per weight; a report has a handful.
            let format = formats
                .points
                .clone()
                .set_num_format(format!("General\" / {most}\""));
            sheet.write_number_with_format(row, col, *x, &format)?;
        }
        Cell::Money(x) => {
            sheet.write_number_with_format(row, col, *x, &formats.money)?;
        }
        Cell::Share(x) => {
            sheet.write_number_with_format(row, col, *x, &formats.share)?;
        }
        Cell::PointsAt(x, level) => {
            let format = match level {
                Level::Qualified => &formats.points_at[1],
                _ => &formats.points_at[0],
            };
            sheet.write_number_with_format(row, col, *x, format)?;
        }
        Cell::CountAt(n, level) => {
            let format = match level {
                Level::None => &formats.count_at[0],
                Level::Silver => &formats.count_at[1],
                Level::Gold => &formats.count_at[2],
                Level::Qualified => &formats.count_at[3],
            };
            sheet.write_number_with_format(row, col, *n as f64, format)?;
        }
    }
    Ok(())
}

/// Text cut to what one Excel cell holds.
pub(super) fn clip(s: &str) -> &str {
    if s.len() <= MAX_TEXT {
        return s;
    }
    // Excel counts UTF-16 units; cutting by chars at a safe margin is enough.
    let mut end = 0;
    for (count, (i, c)) in s.char_indices().enumerate() {
        if count >= MAX_TEXT / 2 {
            break;
        }
        end = i + c.len_utf8();
    }
    &s[..end]
}
