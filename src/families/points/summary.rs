//! A designation's `Summary` columns, at a glance: who, the level
//! (Qualified or not), the path that counts and the score on it (a data bar
//! to the most points), one cell per metric (`8 / 20`, coloured by its
//! share: full, partial, or below the minimum that blocks), the cheapest
//! route in words, and the change since the earlier report. The figures
//! behind the points are on `Partner Details`, tenant by tenant on the
//! tenants sheet.

use super::Points;
use crate::model::points_value;
use crate::report::ReportData;
use crate::report::columns::{CellOf, Highlight, PartnerRow, SummaryColumn};
use crate::report::sheets::summary::{action, change, level, partner_id, partner_name};
use crate::report::xlsx::Cell;

/// The columns, in order.
pub(super) fn columns(data: &ReportData<Points>) -> Vec<SummaryColumn<Points>> {
    let t = data.texts();
    let scoring = &data.set.scheme;
    let column =
        |header: &'static str, width, cell: CellOf<Points>| SummaryColumn::new(header, width, cell);
    let mut columns = vec![
        column(t.h.partner_id, 12.0, partner_id),
        column(t.h.partner_name, 22.0, partner_name),
        column(t.h.level, 12.0, level),
        // The path before the score, so that the score's bar runs up to the
        // metrics rather than into the path's name.
        column(t.points.path_header, 11.0, path),
        column(t.points.score_header, 9.0, score)
            .highlighted(Highlight::Points(points_value(scoring.max_points()))),
    ];
    for (i, m) in scoring.metrics.iter().enumerate() {
        columns.push(
            SummaryColumn::new(t.metric_name(m).to_string(), 12.0, metric_points)
                .of_metric(i)
                .highlighted(Highlight::Share {
                    most: points_value(m.points),
                    minimum: points_value(scoring.metric_minimum),
                }),
        );
    }
    columns.extend([
        column(t.h.action, 60.0, action),
        column(t.h.change, 14.0, change).highlighted(Highlight::LevelChange),
        column(t.points.score_change_header, 11.0, score_change),
    ]);
    columns
}

/// The score now less last month's (blank without last month's score).
fn score_change<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    r.change
        .and_then(|c| c.score)
        .map_or(Cell::Blank, |d| Cell::PointsDelta(d as f64 / 100.0))
}

/// The points of the path that counts.
fn score<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    Cell::Points(points_value(r.partner.standing.total()))
}

/// The path that counts, by name.
pub(super) fn path<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    let scoring = &r.data.set.scheme;
    Cell::from(r.texts().path_name(&scoring.paths[r.partner.standing.best]))
}

/// One metric's points on the path that counts, out of its most: `8 / 20`.
fn metric_points<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    let s = &r.partner.standing;
    let most = r.data.set.scheme.metrics[r.metric].points;
    Cell::PointsOf(
        points_value(s.best_path().metrics[r.metric].points()),
        points_value(most),
    )
}
