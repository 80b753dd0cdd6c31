use super::*;
use crate::evaluate::points::{Figure, PathScore};
use crate::rules::Rules;

fn scoring() -> Scoring {
    Rules::shipped("solutions-partner-modern-work")
        .expect("the shipped rules are valid")
        .scoring
        .expect("points-scored")
}

/// A path score from (raw, points) per metric on the SMB path's thresholds:
/// net adds 10, intermediate 2, advanced 1, growth 500 (CPOR) / 2000 (CSP),
/// deployments 5 (CPOR) / 10 (CSP).
fn smb(raws: [i64; 5], scoring: &Scoring) -> PathScore {
    let path = 1;
    let metrics: Vec<MetricScore> = scoring
        .metrics
        .iter()
        .zip(raws)
        .map(|(m, raw)| {
            let figures: Vec<Figure> = m.targets[path]
                .options()
                .into_iter()
                .map(|(group, threshold)| Figure {
                    group,
                    raw,
                    threshold,
                    points: earned(m.points, raw, threshold),
                })
                .collect();
            let chosen = (0..figures.len())
                .min_by_key(|&i| (Centi::MAX - figures[i].points, i))
                .unwrap();
            MetricScore {
                figures,
                chosen,
                gap: None,
            }
        })
        .collect();
    let total = metrics.iter().map(MetricScore::points).sum();
    let qualified =
        total >= scoring.qualifying && metrics.iter().all(|m| m.points() >= scoring.metric_minimum);
    PathScore {
        total,
        qualified,
        metrics,
    }
}

/// A score whose Enterprise path has nothing at all.
fn score(smb_path: PathScore, scoring: &Scoring) -> Score {
    let enterprise = PathScore {
        total: 0,
        qualified: false,
        metrics: scoring
            .metrics
            .iter()
            .map(|m| MetricScore {
                figures: m.targets[0]
                    .options()
                    .into_iter()
                    .map(|(group, threshold)| Figure {
                        group,
                        raw: 0,
                        threshold,
                        points: 0,
                    })
                    .collect(),
                chosen: 0,
                gap: None,
            })
            .collect(),
    };
    Score {
        paths: vec![enterprise, smb_path],
        best: 1,
        now: None,
        before: None,
        window_start: chrono::NaiveDate::MIN,
    }
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
    let sc = score(smb([8, 2, 0, 500, 3], &s), &s);
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
    let sc = score(smb([4, 1, 0, 300, 2], &s), &s);
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
    let sc = score(smb([10, 2, 1, 500, 5], &s), &s);
    assert!(sc.qualified());
    assert_eq!(route(&sc, &s), None);
}

#[test]
fn negative_figures_are_made_up_first() {
    let s = scoring();
    // Lost 2 customers net: 3 adds are needed for the first 2 points.
    let sc = score(smb([-2, 2, 1, 500, 5], &s), &s);
    assert!(!sc.qualified());
    let r = route(&sc, &s).expect("a route");
    assert_eq!(steps(&r), [(0, 3, 200)]);
}

#[test]
fn usage_growth_is_planned_in_the_association_type_that_earns_most() {
    let s = scoring();
    let sc = score(smb([10, 2, 1, 0, 5], &s), &s);
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
    let sc = score(smb([8, 2, 0, 500, 3], &s), &s);
    assert_eq!(distance(&sc, &s), Some(0.2));
    // 10 + 5 + 15 + 0 + 5 = 35 points, growth at 0: half the total short.
    let sc = score(smb([5, 1, 1, 0, 1], &s), &s);
    assert_eq!(sc.total(), 3500);
    assert_eq!(distance(&sc, &s), Some(0.5 + 0.2));
    let sc = score(smb([10, 2, 1, 500, 5], &s), &s);
    assert_eq!(distance(&sc, &s), None);
}
