//! A revenue-scored designation's `Partner Details`: the scored family's
//! columns (each metric's figure against its threshold with its points,
//! the cheapest route, both tracks' points) with its own beside the
//! metrics: the track and why (the track rule's workloads in its two
//! months), the month scored and the month a year before, and usage
//! growth's MCV now, a year before and the baseline it must reach; then
//! the people behind the certifications.

use super::RevenueScored;
use super::score::track_months;
use super::words::{amount, growth_metric, minimum};
use crate::families::points::details;
use crate::report::ReportData;
use crate::report::columns::{PartnerRow, SummaryColumn};
use crate::report::sheets::partner_details::people_rows;
use crate::report::xlsx::Cell;

type Row<'r, 'a> = &'r PartnerRow<'a, RevenueScored>;

/// The columns, in order.
pub(super) fn columns(data: &ReportData<RevenueScored>) -> Vec<SummaryColumn<RevenueScored>> {
    let t = data.texts();
    let r = &t.revenue;
    let own = vec![
        SummaryColumn::new(r.track_header, 40.0, track),
        SummaryColumn::new(r.months_header, 16.0, months),
        SummaryColumn::new(r.growth_header, 30.0, growth),
    ];
    let evidence = vec![SummaryColumn::new(t.h.people_rows, 11.0, people_rows)];
    details::columns(data, own, evidence)
}

/// "Enterprise: 6 workloads at tenants over $5,000 in 2026-04, 5 in
/// 2025-04 (Enterprise needs 5 in both)".
fn track<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let (t, scheme, s) = (r.texts(), &r.data.set.scheme, &r.partner.standing);
    let Some(month) = s.month else {
        return Cell::from(t.revenue.no_month);
    };
    let rule = &scheme.track_rule;
    let paths = &scheme.scoring.paths;
    let [at, before] = track_months(scheme, month);
    Cell::Wrapped(
        (t.revenue.track_why)(
            t.path_name(&paths[s.score.best]),
            s.track_workloads[0],
            &at.to_string(),
            s.track_workloads[1],
            &before.to_string(),
            &amount(t, rule.revenue_over),
            t.path_name(&paths[rule.track]),
            rule.min_workloads,
        )
        .into(),
    )
}

/// "2026-04 / 2025-04".
fn months<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let (t, s) = (r.texts(), &r.partner.standing);
    let window = r.data.set.scheme.scoring.window_months;
    s.month.map_or(Cell::Blank, |m| {
        Cell::from((t.revenue.months)(
            &m.to_string(),
            &m.minus(window).to_string(),
        ))
    })
}

/// "95,000 / 69,000 / 50,000 (reached)".
fn growth<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let (t, scheme, s) = (r.texts(), &r.data.set.scheme, &r.partner.standing);
    let Some(g) = growth_metric(scheme) else {
        return Cell::Blank;
    };
    let baseline = minimum(scheme, g, s.score.best).unwrap_or_default();
    Cell::Wrapped(
        (t.revenue.growth)(
            &amount(t, s.consumption[0]),
            &amount(t, s.consumption[1]),
            &amount(t, baseline),
            s.consumption[1] >= baseline,
        )
        .into(),
    )
}
