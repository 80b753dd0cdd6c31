//! A competency's `Summary` columns, in the order a manager asks: who (id,
//! name, market), where they stand (level, active entitlements, qualified
//! people), where they go (next level, progress as a data bar, what is
//! short, the action in words) and what changed (since the earlier report,
//! at risk).

use super::{Levels, NextLevel};
use crate::evaluate::PartnerResult;
use crate::report::ReportData;
use crate::report::columns::{CellOf, Highlight, PartnerRow, SummaryColumn};
use crate::report::sheets::summary::{action, change, level, partner_id, partner_name};
use crate::report::xlsx::Cell;

/// The columns, in order (the new-customer shortfall where the rules count
/// new customers).
pub(super) fn columns(data: &ReportData<Levels>) -> Vec<SummaryColumn<Levels>> {
    let h = &data.texts().h;
    let column =
        |header: &'static str, width, cell: CellOf<Levels>| SummaryColumn::new(header, width, cell);
    let mut columns = vec![
        // Who.
        column(h.partner_id, 12.0, partner_id),
        // Long names wrap rather than widen the page.
        column(h.partner_name, 20.0, partner_name),
        column(h.market, 14.0, |r| {
            Cell::from(r.texts().market(r.partner.market))
        }),
        // Where they stand.
        column(h.level, 10.0, level),
        column(h.active_entitlements, 14.0, |r| {
            Cell::Count(r.partner.entitlements)
        })
        .summed(),
        column(h.qualified_people, 12.0, |r| {
            Cell::from(r.partner.qualified_people)
        }),
        // Where they go.
        column(h.next_level, 10.0, |r| {
            on_next(r.partner, |n| Cell::from(r.texts().level(n.level)))
        }),
        column(h.progress, 11.0, |r| Cell::Percent(r.derived.percent()))
            .highlighted(Highlight::ProgressBar),
        column(h.entitlements_short, 14.0, |r| {
            on_next(r.partner, |n| Cell::Count(n.entitlements_short))
        }),
        column(h.people_short, 10.0, |r| {
            on_next(r.partner, |n| Cell::from(n.people_short))
        }),
    ];
    if data.rules().counts_new_customers() {
        columns.push(column(h.new_customers_short, 10.0, |r| {
            on_next(r.partner, |n| Cell::from(n.new_customers_short))
        }));
    }
    columns.extend([
        column(h.action, 27.0, action),
        // What changed (blank when there is no earlier report); "gained
        // Silver" takes two lines rather than a wider page.
        column(h.change, 9.0, change).highlighted(Highlight::LevelChange),
        column(h.entitlements_change, 14.0, |r| {
            r.change
                .and_then(|c| c.entitlements)
                .map_or(Cell::Blank, Cell::Delta)
        })
        .summed(),
        column(h.people_change, 10.0, |r| {
            r.change
                .and_then(|c| c.qualified_people)
                .map_or(Cell::Blank, Cell::Delta)
        }),
        column(h.at_risk, 21.0, at_risk).highlighted(Highlight::Warning),
    ]);
    columns
}

/// Why the partner might lose its level, if it might.
fn at_risk<'a>(r: &PartnerRow<'a, Levels>) -> Cell<'a> {
    r.derived
        .advice
        .at_risk
        .as_ref()
        .map_or(Cell::Blank, |a| Cell::Wrapped(r.texts().at_risk(a).into()))
}

/// A cell about the partner's next level; blank at the top level.
pub(super) fn on_next<'a>(
    partner: &PartnerResult<Levels>,
    cell: impl Fn(&NextLevel) -> Cell<'a>,
) -> Cell<'a> {
    partner.standing.next.as_ref().map_or(Cell::Blank, cell)
}
