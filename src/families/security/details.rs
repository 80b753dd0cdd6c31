//! Security's `Partner Details`: the scored family's columns (each metric's
//! figure against its threshold with its points, the cheapest route, both
//! paths' points) with its own beside them: the security ACR over the two
//! trailing twelve months (numbers with a currency format), each metric's
//! Azure part and
//! Microsoft 365 part on the path that counts, the security ACR of each
//! tenant, people per certification step, and what the downloads allowed;
//! then the people.

use super::SecurityScored;
use super::rules::SecurityMeasure;
use crate::families::acr::words::{money, step_people};
use crate::families::points::details;
use crate::families::points::rules::Measure;
use crate::model::Amount;
use crate::report::ReportData;
use crate::report::columns::{PartnerRow, SummaryColumn};
use crate::report::sheets::partner_details::people_rows;
use crate::report::xlsx::Cell;
use crate::text::Texts;

type Row<'r, 'a> = &'r PartnerRow<'a, SecurityScored>;

/// The columns, in order.
pub(super) fn columns(data: &ReportData<SecurityScored>) -> Vec<SummaryColumn<SecurityScored>> {
    let t = data.texts();
    let own = vec![
        SummaryColumn::new(t.security.ttm_now_header, 16.0, |r| money_cell(r, 0)),
        SummaryColumn::new(t.security.ttm_before_header, 16.0, |r| money_cell(r, 1)),
        SummaryColumn::new(t.security.azure_header, 46.0, azure),
        SummaryColumn::new(t.security.m365_header, 40.0, m365),
        SummaryColumn::new(t.acr.steps_header, 30.0, steps),
        SummaryColumn::new(t.acr.facts_header, 44.0, facts),
    ];
    let evidence = vec![SummaryColumn::new(t.h.people_rows, 11.0, people_rows)];
    details::columns(data, own, evidence)
}

/// Each part's lines on the path that counts (`which`: 0 Azure, 1
/// Microsoft 365): "Net customer adds: 3 / 5 (12 points)"; `shown` writes
/// a figure of metric `i`.
fn part_lines(r: Row<'_, '_>, which: usize, shown: &dyn Fn(usize, i64) -> String) -> Vec<String> {
    let (t, scheme, s) = (r.texts(), &r.data.set.scheme, &r.partner.standing);
    let path = s.score.best;
    (0..scheme.measures.len())
        .filter_map(|i| {
            let f = s.parts.get(path)?.get(i)?[which]?;
            let name = &t.metric_words(&scheme.scoring.metrics[i]).name;
            let threshold = i64::try_from(f.threshold).unwrap_or(i64::MAX);
            let figure = format!("{} / {}", shown(i, f.raw), shown(i, threshold));
            Some((t.security.part)(name, &figure, &t.points(f.points)))
        })
        .collect()
}

/// A whole figure as the reader writes it, with its sign: "2,500", "-3".
fn signed(t: &Texts, n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", t.count(n.unsigned_abs()))
}

/// Cents as dollars: "$16,500", "-$2,000".
fn dollars(t: &Texts, cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let micros = cents.unsigned_abs().saturating_mul(10_000);
    let amount = Amount::from_micros(i64::try_from(micros).unwrap_or(i64::MAX));
    format!("{sign}{}", money(t, amount))
}

/// Security ACR over the trailing twelve months to last month (0) and to
/// the same month a year before (1), in dollars with a currency format.
fn money_cell<'a>(r: Row<'_, 'a>, which: usize) -> Cell<'a> {
    Cell::Money(r.partner.standing.ttm[which].as_f64())
}

/// The Azure part: customers, deployments and growth in dollars, then the
/// security ACR of each tenant over the two trailing twelve months.
fn azure<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let (t, s) = (r.texts(), &r.partner.standing);
    let scheme = &r.data.set.scheme;
    let growth = |i: usize| scheme.scoring.metrics[i].measure == Measure::UsageGrowth;
    let mut lines = part_lines(r, 0, &|i, n| {
        if growth(i) {
            dollars(t, n)
        } else {
            signed(t, n)
        }
    });
    let tenants: Vec<String> = s
        .tenants
        .iter()
        .map(|(name, [now, before])| {
            (t.security.tenant_ttm)(name, &money(t, *now), &money(t, *before))
        })
        .collect();
    if !tenants.is_empty() {
        lines.push(tenants.join("; "));
    }
    Cell::Wrapped(lines.join("\n").into())
}

/// The Microsoft 365 part: tenants, deployments and protected users.
fn m365<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let t = r.texts();
    let s = &r.partner.standing;
    let mut lines = part_lines(r, 1, &|_, n| signed(t, n));
    // The path's tenants counted now: their active users of their paid licences.
    let tenants: Vec<String> = s
        .m365
        .tenants
        .iter()
        .filter(|l| l.path == s.score.best)
        .filter_map(|l| {
            let name = l
                .name
                .as_deref()
                .map_or_else(|| l.tenant.to_string(), String::from);
            let users = t.count(l.users_now?);
            let paid = t.count(l.paid_now?);
            Some((t.security.tenant_seats)(&name, &users, &paid))
        })
        .collect();
    if s.m365.tenants.is_empty() {
        lines.push(t.security.no_m365.to_string());
    } else if !tenants.is_empty() {
        lines.push(tenants.join("; "));
    }
    Cell::Wrapped(lines.join("\n").into())
}

/// Per certification-steps metric: "step-1: 3 of 1, step-2: 2 of 1,
/// step-3: 3 of 4".
fn steps<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let (t, scheme, s) = (r.texts(), &r.data.set.scheme, &r.partner.standing);
    let path = s.score.best;
    let lines: Vec<String> = scheme
        .measures
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match m {
            SecurityMeasure::Steps(steps) => {
                let name = &t.metric_words(&scheme.scoring.metrics[i]).name;
                Some(step_people(t, name, steps, &s.steps[i], path))
            }
            SecurityMeasure::Parts { .. } => None,
        })
        .collect();
    Cell::Wrapped(lines.join("\n").into())
}

/// Offers excluded or not, the security services counted, downloads
/// ending early.
fn facts<'a>(r: Row<'_, 'a>) -> Cell<'a> {
    let (t, scheme, s) = (r.texts(), &r.data.set.scheme, &r.partner.standing);
    let a = &t.acr;
    let mut out = Vec::new();
    if let Some(latest) = s.latest.filter(|l| *l < s.month) {
        out.push((a.stale)(&latest.to_string(), &s.month.to_string()));
    }
    if s.latest.is_some() {
        out.push(if s.offer_column {
            (a.offers_excluded)(s.offers_left_out)
        } else {
            (a.offers_not_excluded)(&t.join_and(&scheme.excluded_offers))
        });
    }
    if !s.services.is_empty() {
        out.push((a.services)(&s.services.join(", ")));
    }
    Cell::Wrapped(out.join("; ").into())
}
