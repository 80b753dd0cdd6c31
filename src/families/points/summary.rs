//! A designation's `Summary` columns: who, the level (Qualified or None),
//! the path and the score on it, each metric's points (a data bar from 0 to
//! its weight) and its figure against the threshold, then the cheapest
//! route in words and the change since the earlier report (the designation
//! gained or lost, and the score's change).

use super::Points;
use crate::model::points_value;
use crate::report::ReportData;
use crate::report::columns::{CellOf, Highlight, PartnerRow, SummaryColumn};
use crate::report::sheets::summary::{action, change, level, partner_id, partner_name};
use crate::report::xlsx::Cell;

/// The columns, in order: each metric's points and figure side by side,
/// metric by metric.
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
        // metrics' bars rather than into the path's name.
        column(t.points.path_header, 11.0, path),
        column(t.points.score_header, 9.0, score)
            .highlighted(Highlight::Points(points_value(scoring.max_points()))),
    ];
    for (i, m) in scoring.metrics.iter().enumerate() {
        let name = t.metric_name(m);
        columns.push(
            SummaryColumn::new((t.points.points_header)(name), 11.0, metric_points)
                .of_metric(i)
                .highlighted(Highlight::Points(points_value(m.points))),
        );
        columns.push(
            SummaryColumn::new((t.points.figure_header)(name), 19.0, metric_figure).of_metric(i),
        );
    }
    columns.extend([
        column(t.h.action, 30.0, action),
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
fn path<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    let scoring = &r.data.set.scheme;
    Cell::from(r.texts().path_name(&scoring.paths[r.partner.standing.best]))
}

/// One metric's points on the path that counts.
fn metric_points<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    let s = &r.partner.standing;
    Cell::Points(points_value(s.best_path().metrics[r.metric].points()))
}

/// One metric's figure against its threshold: "2 of 5", "1,020 of 1,000 as CPOR".
fn metric_figure<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    let scoring = &r.data.set.scheme;
    Cell::RightText(
        r.texts()
            .points_figure(&r.partner.standing, scoring, r.metric)
            .into(),
    )
}
