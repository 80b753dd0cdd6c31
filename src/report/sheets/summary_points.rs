//! The `Summary` columns of a points-scored rule set (a Solutions Partner
//! designation): who, the level (Qualified or None), the path and the
//! score on it, each metric's points (a data bar from 0 to its weight)
//! and its figure against the threshold, then the cheapest route in words
//! and the change since the earlier report (the designation gained or lost,
//! and the score's change). Written by the Summary's own
//! writer ([`super::summary`]); only the columns differ.

use super::summary::{
    Highlight, PartnerRow, SummaryColumn, Total, action, change, column, level, partner_id,
    partner_name,
};
use crate::report::xlsx::Cell;
use crate::rules::points::points_value;

/// The columns, in order; `Header::PerMetric` columns repeat per metric.
pub(crate) const COLUMNS: &[SummaryColumn] = &[
    column(|t| t.h.partner_id, 12.0, partner_id),
    column(|t| t.h.partner_name, 22.0, partner_name),
    column(|t| t.h.level, 12.0, level),
    // The path before the score, so that the score's bar runs up to the
    // metrics' bars rather than into the path's name.
    column(|t| t.points.path_header, 11.0, path),
    SummaryColumn {
        highlight: Highlight::Points,
        ..column(|t| t.points.score_header, 9.0, score)
    },
    SummaryColumn {
        header: super::summary::Header::PerMetric(|t, m| (t.points.points_header)(m)),
        highlight: Highlight::Points,
        ..column(|_| "", 11.0, metric_points)
    },
    SummaryColumn {
        header: super::summary::Header::PerMetric(|t, m| (t.points.figure_header)(m)),
        ..column(|_| "", 19.0, metric_figure)
    },
    column(|t| t.h.action, 30.0, action),
    SummaryColumn {
        highlight: Highlight::LevelChange,
        total: Total::None,
        ..column(|t| t.h.change, 14.0, change)
    },
    column(|t| t.points.score_change_header, 11.0, score_change),
];

/// The score now less last month's (blank without last month's score).
fn score_change<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    r.change
        .and_then(|c| c.score)
        .map_or(Cell::Blank, |d| Cell::PointsDelta(d as f64 / 100.0))
}

/// The points of the path that counts.
fn score<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    r.partner
        .score
        .as_ref()
        .map_or(Cell::Blank, |s| Cell::Points(points_value(s.total())))
}

/// The path that counts, by name.
fn path<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    match (&r.partner.score, &r.data.rules.scoring) {
        (Some(s), Some(scoring)) => Cell::from(r.texts().path_name(&scoring.paths[s.best])),
        _ => Cell::Blank,
    }
}

/// One metric's points on the path that counts.
fn metric_points<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    r.partner.score.as_ref().map_or(Cell::Blank, |s| {
        Cell::Points(points_value(s.best_path().metrics[r.metric].points()))
    })
}

/// One metric's figure against its threshold: "2 of 5", "1,020 of 1,000 as CPOR".
fn metric_figure<'a>(r: &PartnerRow<'a>) -> Cell<'a> {
    match (&r.partner.score, &r.data.rules.scoring) {
        (Some(s), Some(scoring)) => {
            Cell::RightText(r.texts().points_figure(s, scoring, r.metric).into())
        }
        _ => Cell::Blank,
    }
}
