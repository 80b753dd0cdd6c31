//! A scored designation's `Partner Details` columns: what matters for a
//! score (each metric's figure against its threshold for every association
//! type, with its points), what the family adds beside them (the points
//! family: the snapshots each download was compared with; the revenue
//! family: the track and why, the months, usage growth's figures), the
//! cheapest route, every path's points, and the rows behind them (each
//! linked to the first).

use super::summary::path;
use super::{Points, Scored};
use crate::model::points_value;
use crate::report::ReportData;
use crate::report::columns::{CellOf, PartnerRow, SummaryColumn};
use crate::report::sheets::partner_details::{
    count_link, customer_rows, partner_id, partner_name, people_rows,
};
use crate::report::xlsx::Cell;

/// The columns, in order: who, the path, the metrics, the family's `own`
/// columns, the route, every path's points, then its `evidence` columns.
pub(crate) fn columns<F: Scored>(
    data: &ReportData<F>,
    own: Vec<SummaryColumn<F>>,
    evidence: Vec<SummaryColumn<F>>,
) -> Vec<SummaryColumn<F>> {
    let t = data.texts();
    let scoring = F::scoring(&data.set.scheme);
    let column =
        |header: &'static str, width, cell: CellOf<F>| SummaryColumn::new(header, width, cell);
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
    columns.extend(own);
    columns.push(column(t.h.cheapest_route, 50.0, |r| {
        F::route_in_words(r.texts(), r.data.set, &r.partner.standing, r.derived)
            .map_or(Cell::Blank, |w| Cell::Wrapped(w.into()))
    }));
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
    columns.extend(evidence);
    columns
}

/// The points family's: the snapshots compared beside the metrics; the
/// tenants, customer rows and people behind them.
pub(super) fn points_columns(data: &ReportData<Points>) -> Vec<SummaryColumn<Points>> {
    let t = data.texts();
    let own = vec![SummaryColumn::new(t.points.compared_header, 40.0, compared)];
    let evidence = vec![
        SummaryColumn::new(t.sheets.tenants, 10.0, |r: &PartnerRow<'_, Points>| {
            count_link(r.texts().sheets.tenants, r.layout.evidence[r.index])
        }),
        SummaryColumn::new(t.h.customer_rows, 11.0, customer_rows),
        SummaryColumn::new(t.h.people_rows, 11.0, people_rows),
    ];
    columns(data, own, evidence)
}

/// One path's points (the column's `metric` is the path's index).
fn path_score<'a, F: Scored>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    let score = F::scored(&r.partner.standing);
    Cell::Points(points_value(score.paths[r.metric].total))
}

/// Every option of a metric on the path that counts, with its points:
/// "660 of 1,000 as CPOR: 19.8; 900 of 4,000 as DPOR: 6.75".
fn options<'a, F: Scored>(r: &PartnerRow<'a, F>) -> Cell<'a> {
    let t = r.texts();
    let scheme = &r.data.set.scheme;
    let ms = &F::scored(&r.partner.standing).best_path().metrics[r.metric];
    let words: Vec<String> = ms
        .figures
        .iter()
        .map(|f| {
            (t.points.option_points)(
                &F::figure_words(t, scheme, r.metric, f),
                &t.points(f.points),
            )
        })
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
