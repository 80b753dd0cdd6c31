//! The `Summary` sheet: one row per partner, in the order a manager asks:
//! who (id, name, market), where they stand (level, active entitlements,
//! qualified people), where they go (next level, progress as a data bar,
//! what is short, the action in words) and what changed (since the earlier
//! report, at risk). An Excel table (banded rows) whose total row sums only
//! what adds up.
//!
//! The columns are data ([`COLUMNS`]): a rule family that measures other
//! things lists its own. What each level needs is stated once, on the
//! Dashboard's legend; the figures behind a level (best workload, each
//! workload's total, rows) and the cheapest route are on `Partner Details`.

use rust_xlsxwriter::{
    ConditionalFormatBlank, ConditionalFormatText, ConditionalFormatTextRule, Workbook, Worksheet,
    XlsxError,
};

use crate::advice;
use crate::evaluate::{NextLevel, PartnerResult};
use crate::month::{Change, PartnerChange};
use crate::report::ReportData;
use crate::report::layout::Layout;
use crate::report::xlsx::formats;
use crate::report::xlsx::{
    Cell, Col, ExcelTable, Formats, data_row_at, fit_widths, internal_link, write_excel_table,
};
use crate::rules::Rules;
use crate::rules::points::points_value;
use crate::text::Texts;

/// One partner, as a Summary column sees it.
pub(crate) struct PartnerRow<'a> {
    /// The whole report.
    pub(crate) data: &'a ReportData<'a>,
    /// Where its rows are.
    pub(crate) layout: &'a Layout,
    /// Its place among the evaluation's partners.
    pub(crate) index: usize,
    /// Its result.
    pub(crate) partner: &'a PartnerResult,
    /// Its change since the earlier report, if compared.
    pub(crate) change: Option<&'a PartnerChange>,
    /// The metric a per-metric column shows (index into the rules'
    /// metrics); 0 for the other columns.
    pub(crate) metric: usize,
}

impl PartnerRow<'_> {
    pub(super) fn texts(&self) -> &'static Texts {
        self.data.texts()
    }
}

/// What a column's total row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Total {
    /// Nothing: the figures do not add up to anything.
    None,
    /// The sum, in the column's own number format.
    Sum,
}

/// A conditional format over a column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Highlight {
    /// None.
    None,
    /// A data bar from 0 % to 100 %.
    ProgressBar,
    /// Any text is a warning (Excel's "Neutral" style).
    Warning,
    /// Levels gained look good, levels lost look bad.
    LevelChange,
    /// A data bar for points, from 0 to the most the column can hold (the
    /// metric's weight, or the score's 100).
    Points,
}

/// A column's header.
#[derive(Clone, Copy)]
pub(crate) enum Header {
    /// Words of the report's language.
    Words(fn(&Texts) -> &'static str),
    /// A column repeated once per metric of a points-scored rule set,
    /// headed by the metric's name in the report's language.
    PerMetric(fn(&Texts, &str) -> String),
}

/// One column of the Summary.
pub(crate) struct SummaryColumn {
    /// Its header, in the report's language.
    pub(crate) header: Header,
    /// Its widest width in characters; a column of short values narrows to
    /// them, a column of sentences keeps it and wraps.
    pub(crate) width: f64,
    /// Whether the rules in force have this column.
    pub(crate) when: fn(&Rules) -> bool,
    /// What it shows for a partner.
    pub(crate) cell: for<'a> fn(&PartnerRow<'a>) -> Cell<'a>,
    /// What its total row shows.
    pub(crate) total: Total,
    /// Its conditional format.
    pub(crate) highlight: Highlight,
}

fn always(_: &Rules) -> bool {
    true
}

/// A column with no total and no conditional format.
pub(super) const fn column(
    header: fn(&Texts) -> &'static str,
    width: f64,
    cell: for<'a> fn(&PartnerRow<'a>) -> Cell<'a>,
) -> SummaryColumn {
    SummaryColumn {
        header: Header::Words(header),
        width,
        when: always,
        cell,
        total: Total::None,
        highlight: Highlight::None,
    }
}

/// The columns of the Summary for rules of thresholds (active
/// entitlements, qualified people, new customers where counted), in order.
pub(crate) const COLUMNS: &[SummaryColumn] = &[
    // Who.
    column(|t| t.h.partner_id, 12.0, partner_id),
    // Long names wrap rather than widen the page.
    column(|t| t.h.partner_name, 20.0, partner_name),
    column(
        |t| t.h.market,
        14.0,
        |r| Cell::from(r.texts().market(r.partner.market)),
    ),
    // Where they stand.
    column(|t| t.h.level, 10.0, level),
    SummaryColumn {
        total: Total::Sum,
        ..column(
            |t| t.h.active_entitlements,
            14.0,
            |r| Cell::Count(r.partner.entitlements),
        )
    },
    column(
        |t| t.h.qualified_people,
        12.0,
        |r| Cell::from(r.partner.qualified_people),
    ),
    // Where they go.
    column(
        |t| t.h.next_level,
        10.0,
        |r| on_next(r.partner, |n| Cell::from(r.texts().level(n.level))),
    ),
    SummaryColumn {
        highlight: Highlight::ProgressBar,
        ..column(
            |t| t.h.progress,
            11.0,
            |r| Cell::Percent(advice::percent_of_the_way(r.partner, r.data.rules)),
        )
    },
    column(
        |t| t.h.entitlements_short,
        14.0,
        |r| on_next(r.partner, |n| Cell::Count(n.entitlements_short)),
    ),
    column(
        |t| t.h.people_short,
        10.0,
        |r| on_next(r.partner, |n| Cell::from(n.people_short)),
    ),
    SummaryColumn {
        when: Rules::counts_new_customers,
        ..column(
            |t| t.h.new_customers_short,
            10.0,
            |r| on_next(r.partner, |n| Cell::from(n.new_customers_short)),
        )
    },
    column(|t| t.h.action, 27.0, action),
    // What changed (blank when there is no earlier report).
    SummaryColumn {
        highlight: Highlight::LevelChange,
        // "gained Silver" takes two lines rather than a wider page.
        ..column(|t| t.h.change, 9.0, change)
    },
    SummaryColumn {
        total: Total::Sum,
        ..column(
            |t| t.h.entitlements_change,
            14.0,
            |r| {
                r.change
                    .and_then(|c| c.entitlements)
                    .map_or(Cell::Blank, Cell::Delta)
            },
        )
    },
    column(
        |t| t.h.people_change,
        10.0,
        |r| {
            r.change
                .and_then(|c| c.qualified_people)
                .map_or(Cell::Blank, Cell::Delta)
        },
    ),
    SummaryColumn {
        highlight: Highlight::Warning,
        ..column(
            |t| t.h.at_risk,
            21.0,
            |r| {
                advice::at_risk(r.partner, r.data.rules)
                    .map_or(Cell::Blank, |a| Cell::Wrapped(r.texts().at_risk(&a).into()))
            },
        )
    },
];

/// The partner's name, wrapped.
pub(super) fn partner_name<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    r.partner
        .name
        .as_deref()
        .map_or(Cell::Blank, |n| Cell::Wrapped(n.into()))
}

/// The partner's level, filled in its colour.
pub(super) fn level<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    Cell::Level(r.partner.level, r.texts().level(r.partner.level))
}

/// The action in words.
pub(super) fn action<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    Cell::Wrapped(r.texts().action(r.partner, r.data.rules).into())
}

/// The level's move since the earlier report.
pub(super) fn change<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    r.change.map_or(Cell::Blank, |c| {
        Cell::Wrapped(r.texts().change(c.change).into())
    })
}

/// A cell about the partner's next level; blank at the top level.
pub(super) fn on_next<'a>(
    partner: &PartnerResult,
    cell: impl Fn(&NextLevel) -> Cell<'a>,
) -> Cell<'a> {
    partner.next.as_ref().map_or(Cell::Blank, cell)
}

/// The partner id, linked to the partner's first row on Customers, or on
/// People when it has no customer row.
pub(super) fn partner_id<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    let t = r.texts();
    let id = r.partner.partner.as_str();
    let (sheet, (first, count)) = match (r.layout.customers[r.index], r.layout.people[r.index]) {
        ((_, 0), (_, 0)) => return Cell::from(id),
        ((_, 0), people) => (t.sheets.people, people),
        (customers, _) => (t.sheets.customers, customers),
    };
    debug_assert!(count > 0);
    let (sheet, row) = data_row_at(sheet, first);
    Cell::Link {
        text: id.into(),
        target: internal_link(&sheet, row),
    }
}

/// The cheapest route of partner `i`, wrapped (blank at the top level).
pub(super) fn route_cell(layout: &Layout, i: usize, data: &ReportData) -> Cell<'static> {
    layout.advice[i].as_ref().map_or(Cell::Blank, |a| {
        Cell::Wrapped(data.texts().route(a, data.rules).into())
    })
}

/// Writes the `Summary` sheet.
pub(crate) fn write(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let t = data.texts();
    // A points-scored rule set has its own columns, some once per metric.
    let (list, metrics) = match &data.rules.scoring {
        Some(s) => (super::summary_points::COLUMNS, s.metrics.as_slice()),
        None => (COLUMNS, &[][..]),
    };
    let columns = expand(list, data.rules, metrics.len());
    let rows: Vec<Vec<Cell>> = data
        .evaluation
        .partners
        .iter()
        .enumerate()
        .map(|(index, partner)| {
            let row = PartnerRow {
                data,
                layout,
                index,
                partner,
                change: data.changes.and_then(|c| c.get(&partner.partner)),
                metric: 0,
            };
            columns
                .iter()
                .map(|(c, metric)| {
                    (c.cell)(&PartnerRow {
                        metric: *metric,
                        ..row
                    })
                })
                .collect()
        })
        .collect();
    let header_words: Vec<std::borrow::Cow<str>> = columns
        .iter()
        .map(|(c, m)| match c.header {
            Header::Words(words) => words(t).into(),
            Header::PerMetric(words) => words(t, t.metric_name(&metrics[*m])).into(),
        })
        .collect();
    let headers: Vec<Col> = columns
        .iter()
        .zip(&header_words)
        .map(|((c, _), header)| Col {
            header,
            width: c.width,
        })
        .collect();
    let widths = fit_widths(&headers, &rows);
    let sums = columns
        .iter()
        .enumerate()
        .filter(|(_, (c, _))| c.total == Total::Sum)
        .filter_map(|(i, _)| Some((i, total(rows.iter().map(|r| &r[i]))?)))
        .collect();
    let partners = rows.len();
    let table = ExcelTable {
        name: Some("Partners"),
        rows: partners,
        total_label: Some(t.dashboard.total),
        sums,
    };
    write_excel_table(workbook, formats, t.sheets.summary, &widths, table, rows)?;
    let sheet = workbook.worksheet_from_name(t.sheets.summary)?;
    highlight(sheet, t, data.rules, &columns, partners)
}

/// The columns the rules in force have, each with the metric it shows: a
/// run of per-metric columns repeats metric by metric (the first metric's
/// columns, then the second's...).
fn expand<'c>(
    list: &'c [SummaryColumn],
    rules: &Rules,
    metrics: usize,
) -> Vec<(&'c SummaryColumn, usize)> {
    let mut out = Vec::new();
    let mut run: Vec<&SummaryColumn> = Vec::new();
    let flush = |run: &mut Vec<&'c SummaryColumn>, out: &mut Vec<(&'c SummaryColumn, usize)>| {
        for m in 0..metrics {
            out.extend(run.iter().map(|c| (*c, m)));
        }
        run.clear();
    };
    for c in list.iter().filter(|c| (c.when)(rules)) {
        match c.header {
            Header::PerMetric(_) => run.push(c),
            Header::Words(_) => {
                flush(&mut run, &mut out);
                out.push((c, 0));
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

/// The sum of a column's numbers, as a cell of the column's kind (a signed
/// change sums to a signed change, a count to a count); `None` when the
/// column holds no number (no earlier report to compare with).
fn total<'c>(cells: impl Iterator<Item = &'c Cell<'c>>) -> Option<Cell<'static>> {
    let mut sum: Option<i64> = None;
    let mut signed = false;
    for cell in cells {
        let n = match cell {
            Cell::Count(n) => i64::try_from(*n).unwrap_or(i64::MAX),
            Cell::Delta(n) => {
                signed = true;
                *n
            }
            _ => continue,
        };
        sum = Some(sum.unwrap_or(0).saturating_add(n));
    }
    let sum = sum?;
    Some(if signed {
        Cell::Delta(sum)
    } else {
        Cell::Count(sum.unsigned_abs())
    })
}

/// Adds each column's conditional format over its data rows.
fn highlight(
    sheet: &mut Worksheet,
    t: &Texts,
    rules: &Rules,
    columns: &[(&SummaryColumn, usize)],
    partners: usize,
) -> Result<(), XlsxError> {
    if partners == 0 {
        return Ok(());
    }
    let (first, last) = (1, partners as u32);
    for (c, (column, metric)) in columns.iter().enumerate() {
        let c = c as u16;
        match column.highlight {
            Highlight::None => {}
            Highlight::ProgressBar => {
                sheet.add_conditional_format(first, c, last, c, &formats::progress_bar())?;
            }
            Highlight::Points => {
                let Some(scoring) = &rules.scoring else {
                    continue;
                };
                let most = match column.header {
                    Header::PerMetric(_) => scoring.metrics[*metric].points,
                    Header::Words(_) => scoring.max_points(),
                };
                let bar = formats::points_bar(points_value(most));
                sheet.add_conditional_format(first, c, last, c, &bar)?;
            }
            Highlight::Warning => {
                let warning = ConditionalFormatBlank::new()
                    .invert()
                    .set_format(formats::warning());
                sheet.add_conditional_format(first, c, last, c, &warning)?;
            }
            Highlight::LevelChange => {
                let looks = [
                    (Change::GainedGold, formats::good()),
                    (Change::GainedSilver, formats::good()),
                    (Change::LostGold, formats::bad()),
                    (Change::LostSilver, formats::bad()),
                    (Change::Qualified, formats::good()),
                    (Change::LostQualification, formats::bad()),
                ];
                for (change, look) in looks {
                    let rule = ConditionalFormatText::new()
                        .set_rule(ConditionalFormatTextRule::Contains(
                            t.change(change).to_string(),
                        ))
                        .set_format(look);
                    sheet.add_conditional_format(first, c, last, c, &rule)?;
                }
            }
        }
    }
    Ok(())
}
