//! The Dashboard's parts for a points-scored rule set: what the score asks
//! for (each metric's weight and its threshold on every path, in place of
//! the levels' thresholds) and the rows of the partners closest to
//! qualifying. The Dashboard's writer ([`super::dashboard`]) places them.

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::evaluate::PartnerResult;
use crate::report::ReportData;
use crate::report::xlsx::{Cell, Col, Formats, col, write_rows};
use crate::rules::points::{Scoring, points_value};
use crate::text::Texts;

/// The closest partners' columns under a points-scored rule set.
pub(crate) fn closest_columns(t: &Texts) -> Vec<Col<'static>> {
    vec![
        col(t.h.partner_name, 28.0),
        col(t.h.partner_id, 12.0),
        col(t.h.level, 13.0),
        col(t.points.path_header, 14.0),
        col(t.points.score_header, 11.0),
        col(t.h.progress, 11.0),
        col(t.h.cheapest_route, 58.0),
    ]
}

/// The column of the closest partners' progress (its data bar).
pub(crate) const PROGRESS_COLUMN: u16 = 5;

/// One closest partner's cells after its name, id and level: path, score,
/// progress, and the cheapest route in words.
pub(crate) fn closest_cells<'a>(
    data: &ReportData,
    p: &PartnerResult,
    percent: u8,
    scoring: &'a Scoring,
) -> Vec<Cell<'a>> {
    let t = data.texts();
    let Some(score) = &p.score else {
        return vec![Cell::Blank, Cell::Blank, Cell::Percent(percent)];
    };
    vec![
        Cell::from(t.path_name(&scoring.paths[score.best])),
        Cell::Points(points_value(score.total())),
        Cell::Percent(percent),
        Cell::Wrapped(t.points_action(score, data.rules).into()),
    ]
}

/// "What the score asks for": one row per metric, its threshold on every
/// path and its points; returns the row after the table.
pub(crate) fn needs_table(
    sheet: &mut Worksheet,
    formats: &Formats,
    data: &ReportData,
    scoring: &Scoring,
    at: u32,
    widths: &[f64],
    table: impl FnOnce(&mut Worksheet, u32, &[Col], usize) -> Result<(), XlsxError>,
) -> Result<u32, XlsxError> {
    let t = data.texts();
    // The metric's points last, so that the number does not run into the
    // thresholds' words.
    let mut headers: Vec<&str> = vec![t.points.metric_header];
    headers.extend(scoring.paths.iter().map(|p| t.path_name(p)));
    headers.push(t.points.weight_header);
    let columns: Vec<Col> = headers
        .into_iter()
        .zip(widths)
        .map(|(h, w)| col(h, *w))
        .collect();
    let rows: Vec<Vec<Cell>> = scoring
        .metrics
        .iter()
        .map(|m| {
            let mut cells = vec![Cell::from(t.metric_name(m))];
            cells.extend(
                m.targets
                    .iter()
                    .map(|target| Cell::Wrapped(t.target_words(scoring, target).into())),
            );
            cells.push(Cell::Points(points_value(m.points)));
            cells
        })
        .collect();
    table(sheet, at, &columns, rows.len())?;
    write_rows(sheet, formats, at + 1, widths, &rows)
}
