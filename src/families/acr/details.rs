//! An ACR-scored designation's `Partner Details`: the scored family's
//! columns (each metric's figure against its threshold with its points,
//! the cheapest route, both paths' points) with its own beside them: the
//! track and why (last month's customers by segment), the ACR of last
//! month, a year before and the trailing twelve months (numbers with a
//! currency format), people per
//! certification step, and what the downloads allowed (offers excluded or
//! not, services counted, rows without a service); then the people.

use super::AcrScored;
use super::rules::AcrMeasure;
use super::words::step_people;
use crate::families::points::details;
use crate::report::ReportData;
use crate::report::columns::{PartnerRow, SummaryColumn};
use crate::report::sheets::partner_details::people_rows;
use crate::report::xlsx::Cell;

type Row<'r, 'a> = &'r PartnerRow<'a, AcrScored>;

/// The columns, in order.
pub(super) fn columns(data: &ReportData<AcrScored>) -> Vec<SummaryColumn<AcrScored>> {
    let t = data.texts();
    let a = &t.acr;
    let own = vec![
        SummaryColumn::new(a.track_header, 40.0, track),
        SummaryColumn::new(a.acr_now_header, 16.0, |r| money_cell(r, 0)),
        SummaryColumn::new(a.acr_before_header, 16.0, |r| money_cell(r, 1)),
        SummaryColumn::new(a.acr_ttm_header, 16.0, |r| money_cell(r, 2)),
        SummaryColumn::new(a.steps_header, 30.0, steps),
        SummaryColumn::new(a.facts_header, 44.0, facts),
    ];
    let evidence = vec![SummaryColumn::new(t.h.people_rows, 11.0, people_rows)];
    details::columns(data, own, evidence)
}

/// "Enterprise: 1 of 5 customers with ACR in 2026-05 in an SMB segment
/// (SMB needs 80 %)".
fn track<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let (t, scheme, s) = (r.texts(), &r.data.set.scheme, &r.partner.standing);
    let paths = &scheme.scoring.paths;
    let mut words = (t.acr.track_why)(
        t.path_name(&paths[s.score.best]),
        s.smb_customers,
        s.customers,
        &s.month.to_string(),
        t.path_name(&paths[scheme.track.smb]),
        scheme.track.share_percent,
    );
    if !s.unknown_segments.is_empty() {
        words.push_str("; ");
        words.push_str(&(t.acr.unknown_segments)(&s.unknown_segments.join(", ")));
    }
    Cell::Wrapped(words.into())
}

/// Eligible ACR last month (0), the same month a year before (1), over the
/// trailing twelve months (2), in dollars with a currency format.
fn money_cell<'a>(r: Row<'_, 'a>, which: usize) -> Cell<'a> {
    let s = &r.partner.standing;
    Cell::Money([s.acr[0], s.acr[1], s.ttm][which].as_f64())
}

/// Per certification-steps metric: "step-1: 2 of 2, step-2: 2 of 2,
/// step-3: 8 of 10".
fn steps<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let (t, scheme, s) = (r.texts(), &r.data.set.scheme, &r.partner.standing);
    let path = s.score.best;
    let lines: Vec<String> = scheme
        .measures
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match m {
            AcrMeasure::Steps(steps) => {
                let name = &t.metric_words(&scheme.scoring.metrics[i]).name;
                Some(step_people(t, name, steps, &s.steps[i], path))
            }
            _ => None,
        })
        .collect();
    Cell::Wrapped(lines.join("\n").into())
}

/// Offers excluded or not, the services counted, rows without a service,
/// downloads ending early.
fn facts<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let (t, scheme, s) = (r.texts(), &r.data.set.scheme, &r.partner.standing);
    let a = &t.acr;
    let mut out = Vec::new();
    match s.latest {
        None => out.push(a.no_rows.to_string()),
        Some(latest) if latest < s.month => {
            out.push((a.stale)(&latest.to_string(), &s.month.to_string()));
        }
        Some(_) => {}
    }
    out.push(if s.offer_column {
        (a.offers_excluded)(s.offers_left_out)
    } else {
        (a.offers_not_excluded)(&t.join_and(&scheme.excluded_offers))
    });
    if !s.services.is_empty() {
        out.push((a.services)(&s.services.join(", ")));
    }
    if s.rows_without_service > 0 {
        out.push((a.no_service)(s.rows_without_service));
    }
    Cell::Wrapped(out.join("; ").into())
}
