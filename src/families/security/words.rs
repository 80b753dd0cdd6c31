//! Security's sentences, in its own units: dollars of security ACR over
//! twelve months, Azure and Microsoft 365 customers and deployments,
//! protected users, and certified people by steps ("1 more Security
//! Operations Analyst Associate (unlocks step-3: +8)", the ACR family's
//! words). The words are the text tables' (`text::security`, `text::acr`).

use super::route::{route, split, unit};
use super::rules::{AzureMeasure, Band, SecurityMeasure, SecurityScheme};
use super::score::SecurityStanding;
use crate::families::acr::words::{money, steps_parts, with_points};
use crate::families::points::route::{Route, RouteStep};
use crate::families::points::rules::{Measure, PathDef};
use crate::families::points::score::Figure;
use crate::model::{Amount, Centi};
use crate::text::Texts;

/// One figure against its threshold: usage growth in points of growth
/// ("15.2 of 20 points of growth"), the others as the points family writes
/// them ("4 of 5").
pub(super) fn figure_words(t: &Texts, scheme: &SecurityScheme, m: usize, f: &Figure) -> String {
    if scheme.scoring.metrics[m].measure == Measure::UsageGrowth {
        let points = Centi::try_from(f.raw.max(0)).unwrap_or(Centi::MAX);
        let of = Centi::try_from(f.threshold).unwrap_or(Centi::MAX);
        (t.security.growth_figure)(&t.points(points), &t.points(of))
    } else {
        t.figure_words(f, &scheme.scoring)
    }
}

/// An ACR band in words: "$750 to $12,000", "more than $12,000".
pub(super) fn band_words(t: &Texts, b: &Band) -> String {
    let low = b.min.or(b.above);
    match (low, b.max) {
        (Some(low), Some(max)) => (t.security.band_between)(&money(t, low), &money(t, max)),
        (None, Some(max)) => (t.security.band_between)(&money(t, Amount::ZERO), &money(t, max)),
        (Some(low), None) => (t.security.band_above)(&money(t, low)),
        (None, None) => String::new(),
    }
}

/// A path's paid licences in words: "5 to 300", "more than 300".
fn licences_words(t: &Texts, p: &PathDef) -> String {
    match p.max_paid {
        Some(max) => (t.security.band_between)(&t.count(p.min_paid), &t.count(max)),
        None => (t.security.band_above)(&t.count(p.min_paid.saturating_sub(1))),
    }
}

/// What `k` steps on one part of metric `m` on path `p` ask for.
pub(super) fn part_words(
    t: &Texts,
    scheme: &SecurityScheme,
    p: usize,
    m: usize,
    azure: bool,
    k: u64,
) -> Option<String> {
    let SecurityMeasure::Parts { azure: a, m365 } = &scheme.measures[m] else {
        return None;
    };
    if k == 0 {
        return None;
    }
    let s = &t.security;
    if azure {
        let a = a.as_ref()?;
        Some(match &a.measure {
            AzureMeasure::NetCustomers { ttm_min } => (s.azure_adds_more)(k, &money(t, *ttm_min)),
            AzureMeasure::NetTenants { bands } => {
                (s.azure_deploy_more)(k, &band_words(t, &bands[p]))
            }
            AzureMeasure::Growth { .. } => {
                let cents = k.saturating_mul(unit(true, a.points, a.thresholds[p]));
                let dollars = Amount::from_micros(
                    i64::try_from(cents.saturating_mul(10_000)).unwrap_or(i64::MAX),
                );
                (s.azure_growth_more)(&money(t, dollars))
            }
        })
    } else {
        let part = m365.as_ref()?;
        let def = &scheme.m365.metrics[part.measure];
        Some(match def.measure {
            Measure::NetCustomerAdds => {
                (s.m365_adds_more)(k, &licences_words(t, &scheme.m365.paths[p]))
            }
            Measure::NetNewDeployments => {
                let share = def.min_active_share.unwrap_or_default() * 100.0;
                (s.m365_deploy_more)(k, &t.count(share.round() as u64))
            }
            _ => {
                (s.m365_growth_more)(k.saturating_mul(unit(true, part.points, part.thresholds[p])))
            }
        })
    }
}

/// What one route step asks for, and what it unlocks with those points.
fn step_parts(
    t: &Texts,
    scheme: &SecurityScheme,
    s: &SecurityStanding,
    path: usize,
    step: &RouteStep,
) -> (String, Option<(String, Centi)>) {
    let m = step.metric;
    match &scheme.measures[m] {
        SecurityMeasure::Steps(steps) => steps_parts(
            t,
            &t.metric_words(&scheme.scoring.metrics[m]).name,
            steps,
            &s.steps[m],
            path,
            scheme.scoring.metrics[m].points,
            step.more,
        ),
        SecurityMeasure::Parts { .. } => {
            let (a, k365, _) = split(scheme, s, path, m, step.steps);
            let parts: Vec<String> = [(true, a), (false, k365)]
                .into_iter()
                .filter_map(|(azure, k)| part_words(t, scheme, path, m, azure, k))
                .collect();
            (t.join_and(&parts), None)
        }
    }
}

/// The path the partner's route is on (the one counting without a route).
fn route_path(scheme: &SecurityScheme, s: &SecurityStanding) -> usize {
    route(scheme, s).map_or(s.score.best, |r| r.path)
}

/// What one route step asks for, without its points, for `Next Steps`.
pub(super) fn step_more(
    t: &Texts,
    scheme: &SecurityScheme,
    s: &SecurityStanding,
    step: &RouteStep,
) -> String {
    match step_parts(t, scheme, s, route_path(scheme, s), step) {
        (what, Some((unlocks, _))) => format!("{what} ({unlocks})"),
        (what, None) => what,
    }
}

/// The route in words: "needs $3,750 more security ACR over 12 months
/// (+3 points) and ... to qualify on the SMB path (70 points)".
pub(super) fn route_words(
    t: &Texts,
    scheme: &SecurityScheme,
    s: &SecurityStanding,
    route: Option<&Route>,
) -> Option<String> {
    if s.score.qualified() {
        return None;
    }
    let steps = |r: &Route| {
        r.steps
            .iter()
            .map(|step| with_points(t, step_parts(t, scheme, s, r.path, step), step.points))
            .collect()
    };
    Some(t.needs_words(&scheme.scoring, route, steps, std::iter::empty()))
}

/// What a partner must do, in one sentence: "qualifies with 87.42 points
/// on the SMB path", or the route in words.
pub(super) fn action_words(
    t: &Texts,
    scheme: &SecurityScheme,
    s: &SecurityStanding,
    route: Option<&Route>,
) -> String {
    let mut sentence = route_words(t, scheme, s, route)
        .unwrap_or_else(|| t.points_action(&s.score, None, &scheme.scoring));
    if let Some(latest) = s.latest.filter(|l| *l < s.month) {
        sentence.push_str("; ");
        sentence.push_str(&(t.acr.stale)(&latest.to_string(), &s.month.to_string()));
    }
    sentence
}
