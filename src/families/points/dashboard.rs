//! A designation's parts of the Dashboard: what the score asks for (each
//! metric's weight and its threshold on every path, in place of the levels'
//! thresholds) and the rows of the partners closest to qualifying.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::Points;
use crate::model::points_value;
use crate::report::ReportData;
use crate::report::sheets::dashboard::{note, plain_table};
use crate::report::xlsx::{Cell, Col, Formats, col, write_rows};
use crate::text::Texts;

/// The closest partners' columns.
pub(super) fn closest_columns(t: &Texts) -> Vec<Col<'static>> {
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

/// One closest partner's cells after its name, id and level: path, score,
/// progress, and the cheapest route in words.
pub(super) fn closest_cells<'a>(
    data: &'a ReportData<Points>,
    index: usize,
    percent: u8,
) -> Vec<Cell<'a>> {
    let t = data.texts();
    let scoring = &data.set.scheme;
    let score = &data.evaluation.partners[index].standing;
    let route = data.derived.partners[index].advice.as_ref();
    vec![
        Cell::from(t.path_name(&scoring.paths[score.best])),
        Cell::Points(points_value(score.total())),
        Cell::Percent(percent),
        Cell::Wrapped(t.points_action(score, route, scoring).into()),
    ]
}

/// "What the score asks for": a note on how points add up, then one row
/// per metric, its threshold on every path and its points. Written from row
/// `at`; returns the first row after it.
pub(super) fn needs_table(
    sheet: &mut Worksheet,
    formats: &Formats,
    data: &ReportData<Points>,
    at: u32,
    widths: &[f64],
) -> Result<u32, XlsxError> {
    let t = data.texts();
    let scoring = &data.set.scheme;
    sheet.write_string_with_format(at, 0, t.points.asks_for, &formats.heading)?;
    let words = (t.points.needs_note)(
        &t.points(scoring.qualifying),
        &t.points(scoring.max_points()),
        &t.points(scoring.metric_minimum),
    );
    note(sheet, formats, at + 1, &words, widths)?;
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
    let header = at + 2;
    plain_table(sheet, formats, header, &columns, "Needs", rows.len())?;
    write_rows(sheet, formats, header + 1, widths, &rows)
}
