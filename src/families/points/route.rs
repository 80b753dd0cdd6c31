//! The cheapest route to a points-scored designation: the fewest steps (one
//! customer added, one person certified, 100 more monthly active users: each
//! metric's `step` in the rules) that bring a path to the qualifying total
//! with every metric at its minimum.
//!
//! Each step raises one metric's figure by its step; points stay linear up
//! to the threshold, so the search is a small exact knapsack per path
//! (fewest steps, then most points), and the path needing fewest steps wins
//! (the one counting now on a tie, then the rules' order). A metric with a
//! threshold per association type takes its steps in the type that earns
//! most from them.

use rayon::prelude::*;

use super::Points;
use super::rules::{Scoring, earned};
use super::score::{MetricScore, Score};
use crate::advice;
use crate::evaluate::{Evaluation, PartnerResult};
use crate::input::Rows;
use crate::model::Centi;
use crate::rules::RuleSet;

/// No metric is planned for more than this many steps: a route that long
/// is not advice any more, and the search stays small.
const MAX_STEPS_PER_METRIC: u64 = 500;

/// The cheapest route to qualify, for a partner that does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The path the route is on (index into the rules' paths).
    pub path: usize,
    /// The steps, in the rules' metric order, only metrics that need some.
    pub steps: Vec<RouteStep>,
    /// The path's points once every step is taken.
    pub reaches: Centi,
}

impl Route {
    /// Steps over all metrics.
    pub(crate) fn step_count(&self) -> u64 {
        self.steps.iter().map(|s| s.steps).sum()
    }
}

/// More of one metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteStep {
    /// The metric (index into the rules' metrics).
    pub metric: usize,
    /// The association group the figure must grow in, if per association.
    pub(crate) group: Option<usize>,
    /// How many steps.
    pub steps: u64,
    /// How much more of the figure: steps times the metric's step.
    pub more: u64,
    /// The points it adds.
    pub points: Centi,
}

/// One way to spend `k` steps on a metric.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Choice {
    /// How many steps.
    pub(crate) steps: u64,
    /// The metric's points after them.
    pub(crate) points: Centi,
    /// The figure (threshold option) they go to.
    pub(crate) figure: usize,
}

impl advice::Family for Points {
    /// The cheapest route to qualify (`None` once qualified, or when no
    /// route is within reach).
    type Advice = Option<Route>;

    fn advise(
        set: &RuleSet<Points>,
        evaluation: &Evaluation<Points>,
        _: &Rows,
    ) -> Vec<Option<Route>> {
        evaluation
            .partners
            .par_iter()
            .map(|p| route(&p.standing, &set.scheme))
            .collect()
    }

    /// As far along as its [`distance`] says: the mean of its share of the
    /// qualifying points and its share of metrics at their minimum.
    fn progress(
        set: &RuleSet<Points>,
        partner: &PartnerResult<Points>,
        _: &Option<Route>,
    ) -> Option<u8> {
        let d = distance(&partner.standing, &set.scheme)?;
        // The small nudge keeps 0.29 * 100 from flooring to 28.
        Some((((1.0 - d / 2.0) * 100.0 + 1e-9).floor() as u8).min(99))
    }
}

/// The cheapest route to qualify; `None` when the partner qualifies (or no
/// route within the step limit exists).
pub fn route(score: &Score, scoring: &Scoring) -> Option<Route> {
    if score.qualified() {
        return None;
    }
    (0..score.paths.len())
        .filter_map(|p| path_route(score, scoring, p))
        .min_by_key(|r| (r.step_count(), r.path != score.best, r.path))
}

/// How far a partner is from qualifying on the path that counts: the
/// points it lacks over the qualifying total plus the share of its metrics
/// below their minimum (0 to 2); `None` once it qualifies.
pub(crate) fn distance(score: &Score, scoring: &Scoring) -> Option<f64> {
    if score.qualified() {
        return None;
    }
    let path = score.best_path();
    let short = scoring.qualifying.saturating_sub(path.total);
    let below = path
        .metrics
        .iter()
        .filter(|m| m.points() < scoring.metric_minimum)
        .count();
    Some(
        f64::from(short) / f64::from(scoring.qualifying.max(1))
            + below as f64 / path.metrics.len().max(1) as f64,
    )
}

pub(crate) fn path_route(score: &Score, scoring: &Scoring, p: usize) -> Option<Route> {
    let choices: Vec<Vec<Choice>> = scoring
        .metrics
        .iter()
        .zip(&score.paths[p].metrics)
        .map(|(m, ms)| options(ms, m.points, m.step, scoring.metric_minimum))
        .collect();
    path_route_with(score, scoring, p, &choices)
}

/// The cheapest route on path `p` given, per metric, every number of steps
/// worth taking on it (a family whose points are not linear in its figure
/// works out its own; linear ones take [`options`]).
pub(crate) fn path_route_with(
    score: &Score,
    scoring: &Scoring,
    p: usize,
    choices: &[Vec<Choice>],
) -> Option<Route> {
    let path = &score.paths[p];
    // best[s] = the most points with exactly s steps over the metrics so
    // far; each metric's layer keeps, per s, those points and where they
    // came from (the steps before, the choice), so the picks are read back
    // once at the end rather than copied at every improvement.
    let mut best: Vec<Option<Centi>> = vec![Some(0)];
    let mut layers: Vec<Vec<Option<(Centi, usize, usize)>>> = Vec::with_capacity(choices.len());
    for opts in choices {
        let most = best.len() - 1 + opts.iter().map(|o| o.steps as usize).max().unwrap_or(0);
        let mut next: Vec<Option<(Centi, usize, usize)>> = vec![None; most + 1];
        for (s, cur) in best.iter().enumerate() {
            let Some(pts) = *cur else { continue };
            for (i, o) in opts.iter().enumerate() {
                let slot = &mut next[s + o.steps as usize];
                let total = pts + o.points;
                if slot.is_none_or(|(t, _, _)| total > t) {
                    *slot = Some((total, s, i));
                }
            }
        }
        best = next.iter().map(|c| c.map(|(t, _, _)| t)).collect();
        layers.push(next);
    }
    let (mut at, reaches) = best
        .iter()
        .enumerate()
        .find_map(|(s, points)| points.filter(|p| *p >= scoring.qualifying).map(|p| (s, p)))?;
    let mut picks = vec![0; layers.len()];
    for (metric, layer) in layers.iter().enumerate().rev() {
        let (_, before, i) = layer[at]?;
        picks[metric] = i;
        at = before;
    }
    let steps = picks
        .iter()
        .enumerate()
        .filter_map(|(metric, &i)| {
            let o = choices[metric][i];
            (o.steps > 0).then(|| {
                let ms = &path.metrics[metric];
                RouteStep {
                    metric,
                    group: ms.figures[o.figure].group,
                    steps: o.steps,
                    more: o.steps * scoring.metrics[metric].step,
                    points: o.points - ms.points(),
                }
            })
        })
        .collect();
    Some(Route {
        path: p,
        steps,
        reaches,
    })
}

/// Every number of steps worth taking on a metric, with the points it then
/// earns: only counts that raise the points, and none that leave the metric
/// below the minimum.
pub(crate) fn options(ms: &MetricScore, weight: Centi, step: u64, minimum: Centi) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    let mut last = None;
    for k in 0..=MAX_STEPS_PER_METRIC {
        let (figure, points) = ms
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let raw = f.raw.saturating_add((k * step) as i64);
                (i, earned(weight, raw, f.threshold))
            })
            .min_by_key(|&(i, points)| (Centi::MAX - points, i))
            .unwrap_or((0, 0));
        if points >= minimum && last.is_none_or(|l| points > l) {
            out.push(Choice {
                steps: k,
                points,
                figure,
            });
            last = Some(points);
        }
        if points >= weight {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests;
