//! A designation's `Partner Details` columns: what matters for a score
//! (each metric's figure against its threshold for every association type,
//! with its points; the snapshots each download was compared with), the
//! cheapest route, every path's points, and the rows behind them (tenants,
//! customer rows, people, each linked to the first).

use super::Points;
use super::summary::path;
use crate::model::points_value;
use crate::report::Family;
use crate::report::ReportData;
use crate::report::columns::{CellOf, PartnerRow, SummaryColumn};
use crate::report::sheets::partner_details::{
    count_link, customer_rows, partner_id, partner_name, people_rows,
};
use crate::report::xlsx::Cell;

/// The columns, in order.
pub(super) fn columns(data: &ReportData<Points>) -> Vec<SummaryColumn<Points>> {
    let t = data.texts();
    let scoring = &data.set.scheme;
    let column =
        |header: &'static str, width, cell: CellOf<Points>| SummaryColumn::new(header, width, cell);
    // Words first, numbers last: a number set right never runs into the
    // words after it.
    let mut columns = vec![
        column(t.h.partner_id, 12.0, partner_id),
        column(t.h.partner_name, 24.0, partner_name),
        column(t.points.path_header, 11.0, path),
    ];
    for (i, m) in scoring.metrics.iter().enumerate() {
        columns.push(SummaryColumn::new(t.metric_name(m).to_string(), 26.0, options).of_metric(i));
    }
    columns.extend([
        column(t.points.compared_header, 40.0, compared),
        column(t.h.cheapest_route, 50.0, |r| {
            Points::route_words(r.texts(), r.data.set, r.derived)
                .map_or(Cell::Blank, |w| Cell::Wrapped(w.into()))
        }),
    ]);
    for (i, p) in scoring.paths.iter().enumerate() {
        columns.push(
            SummaryColumn::new(
                (t.points.path_score_header)(t.path_name(p)),
                10.0,
                path_score,
            )
            .of_metric(i),
        );
    }
    columns.extend([
        column(t.sheets.tenants, 10.0, |r| {
            count_link(r.texts().sheets.tenants, r.layout.evidence[r.index])
        }),
        column(t.h.customer_rows, 11.0, customer_rows),
        column(t.h.people_rows, 11.0, people_rows),
    ]);
    columns
}

/// One path's points (the column's `metric` is the path's index).
fn path_score<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    Cell::Points(points_value(r.partner.standing.paths[r.metric].total))
}

/// Every option of a metric on the path that counts, with its points:
/// "660 of 1,000 as CPOR: 19.8; 900 of 4,000 as DPOR: 6.75".
fn options<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    let t = r.texts();
    let scoring = &r.data.set.scheme;
    let ms = &r.partner.standing.best_path().metrics[r.metric];
    let words: Vec<String> = ms
        .figures
        .iter()
        .map(|f| (t.points.option_points)(&t.figure_words(f, scoring), &t.points(f.points)))
        .collect();
    Cell::Wrapped(words.join("; ").into())
}

/// The snapshots each download was compared with, what stood in, and
/// which current snapshots are old.
fn compared<'a>(r: &PartnerRow<'a, Points>) -> Cell<'a> {
    let t = r.texts();
    let words: Vec<String> = r
        .partner
        .standing
        .baselines
        .iter()
        .flat_map(|b| t.stale_words(b).into_iter().chain([t.baseline_words(b)]))
        .collect();
    let words = words.join("; ");
    // A sentence: its first letter capital ("The customer list ...").
    let mut chars = words.chars();
    match chars.next() {
        None => Cell::Blank,
        Some(first) => Cell::Wrapped(format!("{}{}", first.to_uppercase(), chars.as_str()).into()),
    }
}
