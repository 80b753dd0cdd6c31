//! The cheapest route to Security on either path: the points family's
//! search (fewest steps, then most points, the path that counts on a tie)
//! with each metric's own ways of spending steps. A step on a two-part
//! metric goes to the part where it earns most (one customer or deployment,
//! one point of growth: $1,250 of security ACR or 125 protected users on
//! Enterprise); a step on skilling is a person, placed as the ACR family
//! places one.

use rayon::prelude::*;

use super::SecurityScored;
use super::rules::{AzureMeasure, Part, SecurityMeasure, SecurityScheme};
use super::score::SecurityStanding;
use crate::advice;
use crate::evaluate::{Evaluation, PartnerResult};
use crate::families::acr::route::increasing;
use crate::families::acr::steps::best_added;
use crate::families::points::route::{Choice, Route, distance, path_route_with};
use crate::families::points::rules::{Measure, earned};
use crate::families::points::score::Figure;
use crate::input::Rows;
use crate::model::Centi;
use crate::rules::RuleSet;

/// No metric is planned for more than this many steps.
const MAX_STEPS: u64 = 200;

impl advice::Family for SecurityScored {
    /// The cheapest route to qualify (`None` once qualified, or out of
    /// reach).
    type Advice = Option<Route>;

    fn advise(
        set: &RuleSet<SecurityScored>,
        evaluation: &Evaluation<SecurityScored>,
        _: &Rows,
    ) -> Vec<Option<Route>> {
        evaluation
            .partners
            // Each partner's route is its own: every core searches.
            .par_iter()
            .map(|p| route(&set.scheme, &p.standing))
            .collect()
    }

    fn progress(
        set: &RuleSet<SecurityScored>,
        p: &PartnerResult<SecurityScored>,
        _: &Option<Route>,
    ) -> Option<u8> {
        let d = distance(&p.standing.score, &set.scheme.scoring)?;
        Some((((1.0 - d / 2.0) * 100.0 + 1e-9).floor() as u8).min(99))
    }
}

/// How much of a part's figure one step is: a point of growth for growth
/// (the threshold over the part's points), else one.
pub(crate) fn unit(measure_is_growth: bool, points: Centi, threshold: u64) -> u64 {
    if measure_is_growth && points > 0 {
        (u128::from(threshold) * 100)
            .div_ceil(u128::from(points))
            .try_into()
            .unwrap_or(u64::MAX)
            .max(1)
    } else {
        1
    }
}

/// A part's points with `k` more steps on path `p`.
fn part_points<M>(part: &Part<M>, f: Option<&Figure>, p: usize, growth: bool, k: u64) -> Centi {
    let Some(f) = f else { return 0 };
    let u = unit(growth, part.points, part.thresholds[p]);
    let raw = f
        .raw
        .saturating_add(i64::try_from(k.saturating_mul(u)).unwrap_or(i64::MAX));
    earned(part.points, raw, f.threshold)
}

/// The best split of `k` steps between a metric's Azure and Microsoft 365
/// parts on path `p`: (steps on Azure, steps on Microsoft 365, points); the
/// Azure part first on a tie.
pub(crate) fn split(
    scheme: &SecurityScheme,
    s: &SecurityStanding,
    p: usize,
    metric: usize,
    k: u64,
) -> (u64, u64, Centi) {
    let SecurityMeasure::Parts { azure, m365 } = &scheme.measures[metric] else {
        return (0, 0, 0);
    };
    let most = scheme.scoring.metrics[metric].points;
    let [fa, fm] = &s.parts[p][metric];
    let growth_a = azure
        .as_ref()
        .is_some_and(|a| matches!(a.measure, AzureMeasure::Growth { .. }));
    let growth_m = m365
        .as_ref()
        .is_some_and(|m| scheme.m365.metrics[m.measure].measure == Measure::UsageGrowth);
    let a_max = if azure.is_some() { k } else { 0 };
    let m_has = m365.is_some();
    (0..=a_max)
        .rev()
        .filter(|a| m_has || *a == k)
        .map(|a| {
            let m = k - a;
            let pa = azure
                .as_ref()
                .map_or(0, |part| part_points(part, fa.as_ref(), p, growth_a, a));
            let pm = m365
                .as_ref()
                .map_or(0, |part| part_points(part, fm.as_ref(), p, growth_m, m));
            (a, m, (pa + pm).min(most))
        })
        .max_by_key(|(a, _, points)| (*points, *a))
        .unwrap_or((0, 0, 0))
}

/// The cheapest route, if the partner does not qualify: on the path that
/// needs fewest steps (the one counting now on a tie).
pub(crate) fn route(scheme: &SecurityScheme, s: &SecurityStanding) -> Option<Route> {
    let score = &s.score;
    if score.qualified() {
        return None;
    }
    let scoring = &scheme.scoring;
    (0..scoring.paths.len())
        .filter_map(|p| {
            let choices: Vec<Vec<Choice>> = scheme
                .measures
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let def = &scoring.metrics[i];
                    let points: Box<dyn Iterator<Item = (u64, Centi)>> =
                        match m {
                            SecurityMeasure::Steps(steps) => {
                                let counts = &s.steps[i];
                                let room: u64 = steps
                                    .iter()
                                    .zip(counts)
                                    .map(|(st, c)| st.people[p].saturating_sub(*c))
                                    .sum();
                                Box::new((0..=room.min(MAX_STEPS)).map(move |k| {
                                    (k, best_added(steps, counts, p, def.points, k).0)
                                }))
                            }
                            SecurityMeasure::Parts { .. } => Box::new(
                                (0..=MAX_STEPS).map(move |k| (k, split(scheme, s, p, i, k).2)),
                            ),
                        };
                    increasing(points, scoring.metric_minimum, def.points)
                })
                .collect();
            path_route_with(score, scoring, p, &choices)
        })
        .min_by_key(|r| (r.step_count(), r.path != score.best, r.path))
}
