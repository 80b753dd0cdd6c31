//! A competency's parts of the Dashboard: the legend of what each level
//! asks for (per market where the rules tell markets apart), and the rows
//! of the partners closest to their next level.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Levels;
use super::summary::on_next;
use crate::model::{Level, Market};
use crate::report::ReportData;
use crate::report::sheets::dashboard::{note, plain_table};
use crate::report::xlsx::{Cell, Col, Formats, col, write_rows};
use crate::rules::Rules;
use crate::text::Texts;

/// The legend: what each level asks for, one row per level and market, so
/// that Summary rows need not repeat it. Written from row `at`; returns the
/// first row after it.
pub(super) fn needs_table(
    sheet: &mut Worksheet,
    formats: &Formats,
    data: &ReportData<Levels>,
    at: u32,
    widths: &[f64],
) -> Result<u32, XlsxError> {
    let t = data.texts();
    let rules = data.rules();
    let scheme = &data.set.scheme;
    sheet.write_string_with_format(at, 0, t.dashboard.needs, &formats.heading)?;
    note(sheet, formats, at + 1, t.dashboard.needs_note, widths)?;
    let split = rules.has_market_split();
    let markets: &[Market] = if split {
        &[Market::Mature, Market::Emerging]
    } else {
        &[Market::Mature]
    };
    let mut headers = vec![t.h.level];
    if split {
        headers.push(t.h.market);
    }
    headers.extend([t.h.active_entitlements, t.h.qualified_people]);
    if rules.counts_new_customers() {
        headers.push(t.h.new_customers);
    }
    let columns: Vec<Col> = headers
        .into_iter()
        .zip(widths)
        .map(|(h, w)| col(h, *w))
        .collect();
    let rows: Vec<Vec<Cell>> = Level::ATTAINABLE
        .into_iter()
        .filter_map(|l| Some((l, scheme.threshold(l)?)))
        .flat_map(|(level, threshold)| {
            markets.iter().map(move |m| {
                let mut cells = vec![Cell::Level(level, t.level(level))];
                if split {
                    cells.push(Cell::from(t.market(*m)));
                }
                cells.push(Cell::Count(threshold.entitlements.get(*m)));
                cells.push(Cell::from(threshold.people));
                if rules.counts_new_customers() {
                    cells.push(Cell::from(threshold.new_customers));
                }
                cells
            })
        })
        .collect();
    let header = at + 2;
    plain_table(sheet, formats, header, &columns, "Needs", rows.len())?;
    write_rows(sheet, formats, header + 1, widths, &rows)
}

/// The closest partners' columns.
pub(super) fn closest_columns(t: &Texts, rules: &Rules) -> Vec<Col<'static>> {
    let h = &t.h;
    let mut columns = vec![
        col(h.partner_name, 28.0),
        col(h.partner_id, 12.0),
        col(h.level, 13.0),
        col(h.next_level, 11.0),
        col(h.progress, 11.0),
        col(h.entitlements_short, 14.0),
        col(h.people_short, 10.0),
    ];
    if rules.counts_new_customers() {
        columns.push(col(h.new_customers_short, 11.0));
    }
    // As wide as the charts above reach, so routes take few lines.
    columns.push(col(h.cheapest_route, 80.0));
    columns
}

/// One closest partner's cells after its name, id and level: the next
/// level, progress, what is short, and the cheapest route in words.
pub(super) fn closest_cells<'a>(
    data: &'a ReportData<Levels>,
    index: usize,
    percent: u8,
) -> Vec<Cell<'a>> {
    let t = data.texts();
    let p = &data.evaluation.partners[index];
    let mut cells = vec![
        on_next(p, |n| Cell::from(t.level(n.level))),
        Cell::Percent(percent),
        on_next(p, |n| Cell::Count(n.entitlements_short)),
        on_next(p, |n| Cell::from(n.people_short)),
    ];
    if data.rules().counts_new_customers() {
        cells.push(on_next(p, |n| Cell::from(n.new_customers_short)));
    }
    cells.push(route_cell(data, index));
    cells
}

/// The cheapest route of partner `index`, wrapped (blank at the top level).
pub(super) fn route_cell(data: &ReportData<Levels>, index: usize) -> Cell<'static> {
    data.derived.partners[index]
        .advice
        .route
        .as_ref()
        .map_or(Cell::Blank, |r| {
            Cell::Wrapped(data.texts().route(r, data.rules()).into())
        })
}
