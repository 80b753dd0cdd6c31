//! The cheapest route to an ACR-scored designation on the partner's track:
//! the points family's search (fewest steps, then most points) with each
//! metric's own ways of spending steps: customers and services linear as
//! the points family's, usage growth a percentage point a step (in dollars
//! of ACR last month), and certifications a person a step, placed where
//! they earn most (a gate first where it unlocks a later step).

use rayon::prelude::*;

use super::AcrScored;
use super::rules::AcrMeasure;
use super::score::AcrStanding;
use super::steps::best_added;
use crate::advice;
use crate::evaluate::{Evaluation, PartnerResult};
use crate::families::points::route::{Choice, Route, distance, options, path_route_with};
use crate::families::points::rules::{Scoring, earned};
use crate::input::Rows;
use crate::model::{Amount, Centi};
use crate::rules::RuleSet;

/// No metric is planned for more than this many steps.
const MAX_STEPS: u64 = 500;

impl advice::Family for AcrScored {
    /// The cheapest route to qualify on the track (`None` once qualified,
    /// or out of reach).
    type Advice = Option<Route>;

    fn advise(
        set: &RuleSet<AcrScored>,
        evaluation: &Evaluation<AcrScored>,
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
        set: &RuleSet<AcrScored>,
        p: &PartnerResult<AcrScored>,
        _: &Option<Route>,
    ) -> Option<u8> {
        let d = distance(&p.standing.score, &set.scheme.scoring)?;
        Some((((1.0 - d / 2.0) * 100.0 + 1e-9).floor() as u8).min(99))
    }
}

/// The cheapest route on the track, if the partner does not qualify.
pub(crate) fn route(scheme: &super::AcrScheme, s: &AcrStanding) -> Option<Route> {
    let score = &s.score;
    if score.qualified() {
        return None;
    }
    let p = score.best;
    let scoring = &scheme.scoring;
    let choices: Vec<Vec<Choice>> = scheme
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let def = &scoring.metrics[i];
            let ms = &score.paths[p].metrics[i];
            match m {
                AcrMeasure::GrowthPercent { ttm_min } => growth_options(scoring, s, i, *ttm_min),
                AcrMeasure::Steps(steps) => {
                    let counts = &s.steps[i];
                    let room: u64 = steps
                        .iter()
                        .zip(counts)
                        .map(|(st, c)| st.people[p].saturating_sub(*c))
                        .sum();
                    increasing(
                        (0..=room.min(MAX_STEPS))
                            .map(|k| (k, best_added(steps, counts, p, def.points, k).0)),
                        scoring.metric_minimum,
                        def.points,
                    )
                }
                _ => options(ms, def.points, def.step, scoring.metric_minimum),
            }
        })
        .collect();
    path_route_with(score, scoring, p, &choices)
}

/// Only the step counts that raise the points, none leaving the metric
/// below the minimum; stops at the metric's most.
pub(crate) fn increasing(
    points: impl Iterator<Item = (u64, Centi)>,
    minimum: Centi,
    most: Centi,
) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    for (steps, points) in points {
        if points >= minimum && out.last().is_none_or(|l| points > l.points) {
            out.push(Choice {
                steps,
                points,
                figure: 0,
            });
        }
        if points >= most {
            break;
        }
    }
    out
}

/// The ACR last month must reach for `raw` hundredths of a percent of
/// growth over `before`.
pub(crate) fn acr_for_growth(before: Amount, raw: i64) -> Amount {
    let micros = i128::from(before.micros()) * (10_000 + i128::from(raw));
    // Rounded up: the figure must reach the percent.
    let micros = (micros + 9_999).div_euclid(10_000);
    Amount::from_micros(micros.clamp(0, i128::from(i64::MAX)) as i64)
}

/// Usage growth a percentage point a step: the points each brings once the
/// trailing twelve months reach their minimum with the ACR it takes.
fn growth_options(scoring: &Scoring, s: &AcrStanding, i: usize, ttm_min: Amount) -> Vec<Choice> {
    let def = &scoring.metrics[i];
    let f = s.score.best_path().metrics[i].figure();
    let [now, before] = s.acr;
    let points = (0..=MAX_STEPS).map(|k| {
        if !before.is_positive() {
            return (k, f.points);
        }
        let raw = f.raw.saturating_add((k * 100) as i64);
        let more = acr_for_growth(before, raw).saturating_sub(now);
        let based = s.ttm.saturating_add(more.max(Amount::ZERO)) >= ttm_min;
        (
            k,
            if based {
                earned(def.points, raw, f.threshold)
            } else {
                0
            },
        )
    });
    increasing(points, scoring.metric_minimum, def.points)
}
