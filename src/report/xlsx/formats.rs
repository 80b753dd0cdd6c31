//! The look every sheet shares: cell formats (numbers with separators,
//! levels in their colours, every cell of a tall row at its top) and the
//! printed page (landscape, one page wide, header rows repeated, a footer
//! with the as-of date and page numbers).

use std::collections::HashMap;

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatDataBar,
    ConditionalFormatType, Format, FormatAlign, FormatBorder, FormatUnderline, Workbook, XlsxError,
};

use crate::model::Level;
use crate::text::Texts;

/// The report's cell formats and page setup.
pub struct Formats {
    pub(super) header: Format,
    /// Cells of rows one line tall, aligned as Excel aligns by default.
    pub(crate) line: CellFormats,
    /// Cells of rows made taller for wrapped text: all at the top, in line
    /// with the wrapped text's first line.
    pub(crate) tall: CellFormats,
    /// Bold text, for labels.
    pub(crate) bold: Format,
    /// A sheet's title.
    pub(crate) title: Format,
    /// A section's heading.
    pub(crate) heading: Format,
    /// A note under a heading.
    pub(crate) note: Format,
    /// A note wrapped over several lines, at the top of its cells.
    pub(crate) wrapped_note: Format,
    /// How every sheet prints.
    pub(crate) page: PageSetup,
}

/// The formats of one kind of row: one per kind of cell.
pub(crate) struct CellFormats {
    /// Plain text (`None`: Excel's default, which costs nothing to write).
    pub(super) text: Option<Format>,
    pub(super) right: Format,
    pub(super) count: Format,
    pub(super) figure: Format,
    pub(super) date: Format,
    pub(super) points: Format,
    pub(super) money: Format,
    pub(super) percent: Format,
    pub(super) share: Format,
    pub(super) link: Format,
    pub(super) count_link: Format,
    pub(super) wrap: Format,
    pub(super) gold: Format,
    pub(super) silver: Format,
    pub(super) none: Format,
    pub(super) delta: Format,
    pub(super) count_at: [Format; 4],
    pub(super) points_at: [Format; 2],
    pub(super) points_delta: Format,
}

impl CellFormats {
    /// The formats, each starting from `base` (an alignment).
    fn new(t: &Texts, base: Format, text: Option<Format>) -> CellFormats {
        let link = || {
            base.clone()
                .set_font_color(Color::RGB(0x0563C1))
                .set_underline(FormatUnderline::Single)
        };
        let level = |rgb: u32| {
            base.clone()
                .set_background_color(Color::RGB(rgb))
                .set_bold()
                .set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xBFBFBF))
        };
        let number = |format: &str| {
            base.clone()
                .set_num_format(format!("{}{format}", t.number_locale))
        };
        CellFormats {
            text,
            right: base.clone().set_align(FormatAlign::Right),
            count: number("#,##0"),
            figure: number("#,##0").set_align(FormatAlign::Left),
            date: number("yyyy-mm-dd"),
            points: number("General"),
            money: number("\"$\"#,##0.00"),
            percent: number("0%"),
            share: number("0.0%"),
            // Wrapped text is what makes a row tall: always at the top.
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            link: link(),
            count_link: link().set_num_format(format!("{}#,##0", t.number_locale)),
            gold: level(0xFFD966),
            silver: level(0xD9D9D9),
            none: level(0xF2F2F2).set_font_color(Color::RGB(0x7F7F7F)),
            delta: number("+#,##0;[Red]-#,##0;0"),
            points_delta: number("+General;[Red]-General;0"),
            // The level's name is part of the number format, so the cell
            // stays a number (sortable, summable) yet reads as a level too.
            count_at: [
                number("#,##0"),
                level(0xD9D9D9).set_num_format(format!(
                    "{}#,##0\" {}\"",
                    t.number_locale,
                    t.level(Level::Silver)
                )),
                level(0xFFD966).set_num_format(format!(
                    "{}#,##0\" {}\"",
                    t.number_locale,
                    t.level(Level::Gold)
                )),
                level(0xFFD966).set_num_format(format!(
                    "{}#,##0\" {}\"",
                    t.number_locale,
                    t.level(Level::Qualified)
                )),
            ],
            // Points keep their decimals (`70.5`), as `points` does.
            points_at: [
                number("General"),
                level(0xFFD966).set_num_format(format!(
                    "{}General\" {}\"",
                    t.number_locale,
                    t.level(Level::Qualified)
                )),
            ],
        }
    }

    /// Every format, in a fixed order.
    fn all(&self) -> impl Iterator<Item = &Format> {
        self.text
            .iter()
            .chain([
                &self.right,
                &self.count,
                &self.figure,
                &self.date,
                &self.points,
                &self.money,
                &self.percent,
                &self.share,
                &self.link,
                &self.count_link,
                &self.wrap,
                &self.gold,
                &self.silver,
                &self.none,
                &self.delta,
            ])
            .chain(&self.count_at)
            .chain(&self.points_at)
            .chain([&self.points_delta])
    }
}

/// How every sheet prints (and so how `--pdf` looks): landscape, one page
/// wide however long, narrow margins, the header rows on every page, and a
/// footer naming the as-of date, the sheet and the page.
#[derive(Debug, Clone)]
pub(crate) struct PageSetup {
    /// The footer in Excel's header/footer codes (`&L`, `&C`, `&R`, `&P`...).
    pub(crate) footer: String,
    /// Excel's paper size (1 Letter, 9 A4); `None`: the printer's default.
    pub(crate) paper: Option<u8>,
}

impl PageSetup {
    /// A footer with `left` on the left (its `&` escaped), the sheet's name
    /// in the middle and `page` (which may hold `&P` and `&N`) on the right.
    pub(crate) fn new(left: &str, page: &str, paper: Option<u8>) -> PageSetup {
        PageSetup {
            footer: format!("&L{}&C&A&R{page}", left.replace('&', "&&")),
            paper,
        }
    }

    /// Applies the setup to a sheet; `header_rows` (first, last), if any,
    /// repeat at the top of every printed page.
    pub(crate) fn apply(
        &self,
        sheet: &mut rust_xlsxwriter::Worksheet,
        header_rows: Option<(u32, u32)>,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        sheet.set_landscape();
        if let Some(paper) = self.paper {
            sheet.set_paper_size(paper);
        }
        sheet.set_print_fit_to_pages(1, 0);
        // Inches: left, right, top, bottom, header, footer. Narrow at the
        // sides, so that a wide sheet shrinks less to fit the page.
        sheet.set_margins(0.3, 0.3, 0.5, 0.6, 0.3, 0.3);
        sheet.set_footer(&self.footer);
        if let Some((first, last)) = header_rows {
            sheet.set_repeat_rows(first, last)?;
        }
        Ok(())
    }
}

/// Excel's "Good", "Neutral" and "Bad" cell styles: fill and font colours.
const GOOD: (u32, u32) = (0xC6EFCE, 0x006100);
const NEUTRAL: (u32, u32) = (0xFFEB9C, 0x9C5700);
const BAD: (u32, u32) = (0xFFC7CE, 0x9C0006);

/// A conditional format's look: one of Excel's cell styles.
fn style((fill, font): (u32, u32)) -> Format {
    Format::new()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
}

/// The look of a good change (a level gained).
pub(crate) fn good() -> Format {
    style(GOOD)
}

/// The look of a warning (at risk).
pub(crate) fn warning() -> Format {
    style(NEUTRAL)
}

/// The look of a bad change (a level lost).
pub(crate) fn bad() -> Format {
    style(BAD)
}

/// A data bar for a percent of the way (0 to 1): fixed ends, so that a
/// partner at 100 % shows a full bar whatever the others' figures.
pub(crate) fn progress_bar() -> ConditionalFormatDataBar {
    ConditionalFormatDataBar::new()
        .set_minimum(ConditionalFormatType::Number, 0)
        .set_maximum(ConditionalFormatType::Number, 1)
        .set_fill_color(Color::RGB(0x63BE7B))
        .set_solid_fill(true)
}

/// A data bar for points, from 0 to `most` (a metric's weight, or the
/// score's 100): fixed ends, so full points show a full bar.
pub(crate) fn points_bar(most: f64) -> ConditionalFormatDataBar {
    progress_bar().set_maximum(ConditionalFormatType::Number, most)
}

/// Points coloured by their share of `most`: full is good, below
/// `minimum` is bad (the metric blocks qualification), anything between is
/// a warning.
pub(crate) fn share_colours(most: f64, minimum: f64) -> [ConditionalFormatCell; 3] {
    [
        ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::GreaterThanOrEqualTo(most))
            .set_format(good()),
        ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::LessThan(minimum))
            .set_format(bad()),
        ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::Between(minimum, most))
            .set_format(warning()),
    ]
}

/// The paper of a report in the language of `t` (A4 in German, else the
/// locale's).
fn paper(t: &Texts) -> Option<u8> {
    crate::text::paper_size(t.lang, crate::text::paper_locale().as_deref())
}

impl Formats {
    /// The report's formats, in English.
    pub(crate) fn new() -> Formats {
        Formats::new_in(&crate::text::en::EN)
    }

    /// The report's formats, with level names (in number formats) and the
    /// footer's words in the language of `t`; the footer's left part is
    /// empty until [`Formats::with_footer`].
    pub(crate) fn new_in(t: &Texts) -> Formats {
        let top = || Format::new().set_align(FormatAlign::Top);
        let note = || {
            Format::new()
                .set_italic()
                .set_font_color(Color::RGB(0x595959))
        };
        Formats {
            header: Format::new()
                .set_bold()
                .set_font_size(9)
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x1F4E79))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            line: CellFormats::new(t, Format::new(), None),
            tall: CellFormats::new(t, top(), Some(top())),
            bold: Format::new().set_bold(),
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(Color::RGB(0x1F4E79)),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(0x1F4E79)),
            note: note(),
            wrapped_note: note().set_text_wrap().set_align(FormatAlign::Top),
            page: PageSetup::new("", t.page_of, paper(t)),
        }
    }

    /// The same formats, with `left` on the left of every page's footer.
    pub(crate) fn with_footer(mut self, left: &str, t: &Texts) -> Formats {
        self.page = PageSetup::new(left, t.page_of, paper(t));
        self
    }

    /// Gives every format its index in `workbook` now, in a fixed order.
    ///
    /// Sheets built on two threads would otherwise number the formats in
    /// whichever order the threads first use them, and two runs on the same
    /// inputs would write different (if equivalent) files.
    ///
    /// Returns the index each format got, for rows written as XML apart from
    /// rust_xlsxwriter ([`super::rows_xml`]): it numbers formats in the order
    /// it first sees them, after its default format (0), so this must be
    /// the first use of formats in `workbook`.
    pub(crate) fn register(&self, workbook: &mut Workbook) -> XfIndices {
        let mut indices = HashMap::from([(Format::default(), 0)]);
        let fixed = [
            &self.header,
            &self.bold,
            &self.title,
            &self.heading,
            &self.note,
            &self.wrapped_note,
        ];
        for format in fixed
            .into_iter()
            .chain(self.line.all())
            .chain(self.tall.all())
        {
            workbook.register_format(format);
            let next = indices.len() as u32;
            indices.entry(format.clone()).or_insert(next);
        }
        XfIndices(indices)
    }

    /// The header row's format.
    pub(crate) fn header(&self) -> &Format {
        &self.header
    }

    /// A count's format (`#,##0`), also for a table's total of counts.
    pub(crate) fn count(&self) -> &Format {
        &self.line.count
    }

    /// A signed change's format, also for its total.
    pub(crate) fn delta(&self) -> &Format {
        &self.line.delta
    }
}

/// The index rust_xlsxwriter gives each of the report's formats.
#[derive(Debug, Clone)]
pub struct XfIndices(HashMap<Format, u32>);

impl XfIndices {
    /// The index of `format`, which must have been registered.
    pub(crate) fn of(&self, format: &Format) -> Result<u32, XlsxError> {
        self.0.get(format).copied().ok_or_else(|| {
            XlsxError::ParameterError(format!("a format that was not registered: {format:?}"))
        })
    }
}

impl Default for Formats {
    fn default() -> Self {
        Formats::new()
    }
}
