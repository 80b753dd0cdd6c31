//! The cheapest route, on scores whose figures are stated here as the
//! Modern Work rules give them on the SMB path (net adds 20 points at 10,
//! intermediate 10 at 2, advanced 15 at 1, usage growth 30 at 500 as CPOR or
//! 2,000 as CSP, deployments 25 at 5 as CPOR or 10 as CSP), not computed by
//! the scoring code they test against.

use super::*;
use crate::families::AnyRuleSet;
use crate::families::points::score::{Figure, PathScore};

fn scoring() -> Scoring {
    match AnyRuleSet::shipped("solutions-partner-modern-work") {
        Ok(AnyRuleSet::Points(set)) => set.scheme,
        other => panic!("Modern Work is a designation: {other:?}"),
    }
}

/// The association groups' indices in the rules ([association_groups]
/// are read in name order).
const CPOR: usize = 0;
const CSP: usize = 1;

/// A metric with one figure: (raw, threshold, points).
fn one((raw, threshold, points): (i64, u64, Centi)) -> MetricScore {
    MetricScore {
        figures: vec![Figure {
            group: None,
            raw,
            threshold,
            points,
        }],
        chosen: 0,
        marks: Default::default(),
    }
}

/// A metric with a figure as CPOR and one as CSP, each (raw, threshold,
/// points), and the one that counts.
fn two(cpor: (i64, u64, Centi), csp: (i64, u64, Centi), chosen: usize) -> MetricScore {
    let figure = |group, (raw, threshold, points)| Figure {
        group: Some(group),
        raw,
        threshold,
        points,
    };
    MetricScore {
        figures: vec![figure(CPOR, cpor), figure(CSP, csp)],
        chosen,
        marks: Default::default(),
    }
}

/// The SMB path with these metrics, their total and whether it qualifies.
fn smb(metrics: [MetricScore; 5], total: Centi, qualified: bool) -> PathScore {
    PathScore {
        total,
        qualified,
        metrics: metrics.into(),
    }
}

/// A score whose Enterprise path has nothing at all (every figure 0 of the
/// Enterprise thresholds: 5, 4, 2, 1,000 as CPOR or 4,000 as DPOR, 5 as
/// CPOR or 10 as DPOR).
fn score(smb_path: PathScore) -> Score {
    const DPOR: usize = 2;
    let zero = |group, threshold| Figure {
        group,
        raw: 0,
        threshold,
        points: 0,
    };
    let metric = |figures: Vec<Figure>| MetricScore {
        figures,
        chosen: 0,
        marks: Default::default(),
    };
    let enterprise = PathScore {
        total: 0,
        qualified: false,
        metrics: vec![
            metric(vec![zero(None, 5)]),
            metric(vec![zero(None, 4)]),
            metric(vec![zero(None, 2)]),
            metric(vec![zero(Some(CPOR), 1000), zero(Some(DPOR), 4000)]),
            metric(vec![zero(Some(CPOR), 5), zero(Some(DPOR), 10)]),
        ],
    };
    Score {
        paths: vec![enterprise, smb_path],
        best: 1,
        baselines: Vec::new(),
        tenants: Vec::new(),
        tenant_lines: 0,
    }
}

/// 8 adds (16), 2 intermediate (10), no advanced, growth 500 (30 as CPOR),
/// 3 deployments (15 as CPOR): 71 points, advanced below the minimum.
fn seventy_one_without_advanced() -> Score {
    score(smb(
        [
            one((8, 10, 1600)),
            one((2, 2, 1000)),
            one((0, 1, 0)),
            two((500, 500, 3000), (500, 2000, 750), 0),
            two((3, 5, 1500), (3, 10, 750), 0),
        ],
        7100,
        false,
    ))
}

/// 10 adds (20), 2 intermediate (10), 1 advanced (15), growth 500 (30),
/// 5 deployments (25): the full 100.
fn qualified() -> Score {
    score(smb(
        [
            one((10, 10, 2000)),
            one((2, 2, 1000)),
            one((1, 1, 1500)),
            two((500, 500, 3000), (500, 2000, 750), 0),
            two((5, 5, 2500), (5, 10, 1250), 0),
        ],
        10_000,
        true,
    ))
}

fn steps(r: &Route) -> Vec<(usize, u64, Centi)> {
    r.steps
        .iter()
        .map(|s| (s.metric, s.more, s.points))
        .collect()
}

#[test]
fn the_route_takes_the_steps_worth_most() {
    let s = scoring();
    // 8 adds (16), 2 intermediate (10), 0 advanced, growth 500 (30),
    // deployments 3 (15): 71 points, but advanced certifications at 0.
    let sc = seventy_one_without_advanced();
    assert!(!sc.qualified());
    let r = route(&sc, &s).expect("a route");
    // One advanced certification (+15) fixes the minimum and the total.
    assert_eq!(r.path, 1);
    assert_eq!(steps(&r), [(2, 1, 1500)]);
    assert_eq!(r.reaches, 8600);
}

#[test]
fn the_route_is_the_fewest_steps_then_the_most_points() {
    let s = scoring();
    // 4 adds (8), 1 intermediate (5), 0 advanced, growth 300 (18),
    // deployments 2 (10): 41 points. Per step: advanced +15 (once),
    // growth +6 (twice), intermediate +5 (once), deployments +5, adds +2.
    // Three steps reach at most 41 + 15 + 6 + 6 = 68; four reach 73.
    let sc = score(smb(
        [
            one((4, 10, 800)),
            one((1, 2, 500)),
            one((0, 1, 0)),
            two((300, 500, 1800), (300, 2000, 450), 0),
            two((2, 5, 1000), (2, 10, 500), 0),
        ],
        4100,
        false,
    ));
    let r = route(&sc, &s).expect("a route");
    assert_eq!(r.step_count(), 4, "{r:?}");
    let taken = steps(&r);
    assert!(
        taken.contains(&(2, 1, 1500)) && taken.contains(&(3, 200, 1200)),
        "{r:?}"
    );
    // The fourth step is worth 5: an intermediate certification or a
    // deployment (equal in steps and points).
    assert!(
        taken.contains(&(1, 1, 500)) || taken.contains(&(4, 1, 500)),
        "{r:?}"
    );
    assert_eq!(r.reaches, 7300);
}

#[test]
fn a_qualified_partner_needs_no_route() {
    let s = scoring();
    let sc = qualified();
    assert!(sc.qualified());
    assert_eq!(route(&sc, &s), None);
}

#[test]
fn negative_figures_are_made_up_first() {
    let s = scoring();
    // Lost 2 customers net: 3 adds are needed for the first 2 points.
    let sc = score(smb(
        [
            one((-2, 10, 0)),
            one((2, 2, 1000)),
            one((1, 1, 1500)),
            two((500, 500, 3000), (500, 2000, 750), 0),
            two((5, 5, 2500), (5, 10, 1250), 0),
        ],
        8000,
        false,
    ));
    assert!(!sc.qualified());
    let r = route(&sc, &s).expect("a route");
    assert_eq!(steps(&r), [(0, 3, 200)]);
}

#[test]
fn usage_growth_is_planned_in_the_association_type_that_earns_most() {
    let s = scoring();
    let sc = score(smb(
        [
            one((10, 10, 2000)),
            one((2, 2, 1000)),
            one((1, 1, 1500)),
            two((0, 500, 0), (0, 2000, 0), 0),
            two((5, 5, 2500), (5, 10, 1250), 0),
        ],
        7000,
        false,
    ));
    let r = route(&sc, &s).expect("a route");
    // 70 points without growth, which is at 0: one step of 100 users as
    // CPOR (+6 points, against +1.5 as CSP) meets the minimum.
    assert_eq!(r.steps.len(), 1);
    let step = r.steps[0];
    assert_eq!((step.metric, step.more, step.points), (3, 100, 600));
    let group = step.group.map(|g| s.association_groups[g].name.as_str());
    assert_eq!(group, Some("CPOR"));
}

#[test]
fn distance_is_points_short_plus_metrics_below_the_minimum() {
    let s = scoring();
    // 71 points with one metric at 0: 0 points short, 1 of 5 metrics below.
    let sc = seventy_one_without_advanced();
    assert_eq!(distance(&sc, &s), Some(0.2));
    // 10 + 5 + 15 + 0 + 5 = 35 points, growth at 0: half the total short.
    let sc = score(smb(
        [
            one((5, 10, 1000)),
            one((1, 2, 500)),
            one((1, 1, 1500)),
            two((0, 500, 0), (0, 2000, 0), 0),
            two((1, 5, 500), (1, 10, 250), 0),
        ],
        3500,
        false,
    ));
    assert_eq!(sc.total(), 3500);
    assert_eq!(distance(&sc, &s), Some(0.5 + 0.2));
    let sc = qualified();
    assert_eq!(distance(&sc, &s), None);
}
