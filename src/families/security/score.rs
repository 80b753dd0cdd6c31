//! Scoring one partner for Security: every metric on both paths, each the
//! sum of its Azure part (security ACR over trailing twelve months, from
//! the ACR family's rows and sums) and its Microsoft 365 part (the points
//! family's tenants and seats), capped at the metric's points; the
//! skilling metric by the ACR family's certification steps; the better
//! path counts.
//!
//! Security's page counts a Microsoft 365 deployment last month against the
//! same month a year before, with no exception for tenants associated in
//! between (Modern Work's page leaves out those deployed at association):
//! such lines are counted back here.

use super::SecurityScored;
use super::rules::{AzureMeasure, Part, SecurityMeasure, SecurityScheme};
use crate::evaluate::{self, Downloads, Facts};
use crate::families::acr::score::{Eligible, PerTenant, eligible, newest_rows, per_tenant};
use crate::families::acr::steps::{people_per_step, step_points};
use crate::families::points::rules::{Measure, earned};
use crate::families::points::score::{
    Figure, LineNote, Marks, MetricScore, PathScore, Score, TenantLine, best_path, score,
};
use crate::input::AcrRow;
use crate::model::{Amount, CalendarMonth, Centi, CustomerId, Level};
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// A partner's Security standing: the score as the points family shows it
/// (both paths, the better one counts) and each metric's two parts.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityStanding {
    /// The score.
    pub score: Score,
    /// Last month: the last complete month by the as-of date.
    pub(crate) month: CalendarMonth,
    /// The latest month the partner's ACR rows reach, if any.
    pub(crate) latest: Option<CalendarMonth>,
    /// Per path, per metric: the Azure part's and the Microsoft 365 part's
    /// figures (growth in cents and protected users), where it has them.
    pub(crate) parts: Vec<Vec<[Option<Figure>; 2]>>,
    /// Security ACR over the trailing twelve months to last month and to
    /// the same month a year before.
    pub(crate) ttm: [Amount; 2],
    /// Per tenant: its security ACR over those two trailing twelve months.
    pub(crate) tenants: Vec<(String, [Amount; 2])>,
    /// The security services with ACR over the trailing twelve months.
    pub(crate) services: Vec<String>,
    /// Whether some row gave an offer (so excluded offers could be left out).
    pub(crate) offer_column: bool,
    /// Rows left out for their offer.
    pub(crate) offers_left_out: usize,
    /// People per step, per certification-steps metric (empty otherwise).
    pub(crate) steps: Vec<Vec<u64>>,
    /// The Microsoft 365 parts' score (the points family's), with its
    /// tenant lines.
    pub(crate) m365: Score,
}

impl evaluate::Family for SecurityScored {
    type Standing = SecurityStanding;

    fn evaluate(set: &RuleSet<SecurityScored>, p: &Facts<'_>) -> SecurityStanding {
        let month = CalendarMonth::last_complete(p.as_of);
        let m365 = score(&set.scheme.m365, &set.rules, p.customers, p.people, p.as_of);
        standing(&set.scheme, p.downloads, p.people, month, m365)
    }

    fn level(s: &SecurityStanding) -> Level {
        if s.score.qualified() {
            Level::Qualified
        } else {
            Level::None
        }
    }

    fn score(s: &SecurityStanding) -> Option<Centi> {
        Some(s.score.best_path().total)
    }
}

/// The partner's security rows: attributed in a counted way, on a security
/// service at a listed service level, not of an excluded offer.
fn security_rows<'r>(scheme: &SecurityScheme, rows: Vec<&'r AcrRow>) -> Eligible<'r> {
    let offer_column = rows.iter().any(|r| r.offer.is_some());
    let on_service = rows
        .into_iter()
        .filter(|r| service_of(scheme, r).is_some())
        .collect();
    let excluded = |o: &str| scheme.offer_excluded(o);
    Eligible {
        offer_column,
        ..eligible(&scheme.associations, &excluded, on_service)
    }
}

/// The security service a row is on, at the first listed level naming one.
fn service_of<'r>(scheme: &SecurityScheme, r: &'r AcrRow) -> Option<&'r str> {
    scheme
        .service_levels
        .iter()
        .filter_map(|l| r.services.get(l.wrapping_sub(1))?.as_deref())
        .find(|s| scheme.security_service(s))
}

/// Each tenant's ACR over the trailing twelve months to `month`.
fn ttm_of(sums: &PerTenant, month: CalendarMonth) -> BTreeMap<&CustomerId, Amount> {
    let from = month.minus(11);
    let mut out: BTreeMap<&CustomerId, Amount> = BTreeMap::new();
    for ((c, m), a) in sums {
        if *m >= from && *m <= month {
            let e = out.entry(c).or_default();
            *e = e.saturating_add(*a);
        }
    }
    out
}

/// An Azure part's figure on path `p` from each tenant's trailing twelve
/// months now and a year before.
fn azure_figure(part: &Part<AzureMeasure>, p: usize, ttm: &[(Amount, Amount)]) -> Figure {
    let count = |f: &dyn Fn(&(Amount, Amount)) -> bool| ttm.iter().filter(|t| f(t)).count() as i64;
    let raw = match &part.measure {
        AzureMeasure::NetCustomers { ttm_min } => {
            count(&|(now, _)| now >= ttm_min) - count(&|(_, before)| before >= ttm_min)
        }
        AzureMeasure::NetTenants { bands } => {
            let b = &bands[p];
            count(&|(now, before)| b.counts_now(*now, *before))
                - count(&|(_, before)| b.admits(*before))
        }
        AzureMeasure::Growth { bands } => {
            let b = &bands[p];
            let now: i64 = ttm
                .iter()
                .filter(|(now, before)| b.counts_now(*now, *before))
                .map(|(now, _)| now.cents())
                .sum();
            let before: i64 = ttm
                .iter()
                .filter(|(_, before)| b.admits(*before))
                .map(|(_, before)| before.cents())
                .sum();
            now - before
        }
    };
    let threshold = part.thresholds[p];
    Figure {
        group: None,
        raw,
        threshold,
        points: earned(part.points, raw, threshold),
    }
}

/// The Microsoft 365 tenant lines as Security counts them: a deployment
/// at association is one like any other.
fn counted_back(m365: &mut Score, deployments: &[usize]) {
    for line in &mut m365.tenants {
        let before = line.notes.len();
        line.notes
            .retain(|n| !matches!(n, LineNote::DeployedAtAssociation(..)));
        if line.notes.len() < before {
            for &i in deployments {
                if let Some(v) = line.values.get_mut(i) {
                    *v += 1;
                }
            }
        }
    }
}

/// A Microsoft 365 part's figure on path `p`: the sum of its lines.
fn m365_figure(part: &Part<usize>, p: usize, lines: &[TenantLine]) -> Figure {
    let raw = lines
        .iter()
        .filter(|l| l.path == p)
        .map(|l| l.value(part.measure))
        .sum();
    let threshold = part.thresholds[p];
    Figure {
        group: None,
        raw,
        threshold,
        points: earned(part.points, raw, threshold),
    }
}

/// The partner's standing with last month `month`, its Microsoft 365 parts
/// scored as `m365`.
pub(crate) fn standing(
    scheme: &SecurityScheme,
    d: &Downloads<'_>,
    people: &[crate::evaluate::PersonResult],
    month: CalendarMonth,
    mut m365: Score,
) -> SecurityStanding {
    let scoring = &scheme.scoring;
    let newest = newest_rows(d);
    let latest = newest.iter().filter_map(|r| r.month).max();
    let Eligible {
        rows,
        offer_column,
        offers_left_out,
    } = security_rows(scheme, newest);
    let sums = per_tenant(&rows);
    let before = month.minus(scoring.window_months);
    let (now_ttm, before_ttm) = (ttm_of(&sums, month), ttm_of(&sums, before));
    let mut tenants: BTreeMap<&CustomerId, [Amount; 2]> = BTreeMap::new();
    for (c, a) in &now_ttm {
        tenants.entry(c).or_default()[0] = *a;
    }
    for (c, a) in &before_ttm {
        tenants.entry(c).or_default()[1] = *a;
    }
    let pairs: Vec<(Amount, Amount)> = tenants.values().map(|[n, b]| (*n, *b)).collect();
    let names = crate::families::acr::score::names(&rows);
    let mut services: Vec<String> = Vec::new();
    for r in rows
        .iter()
        .filter(|r| r.month.is_some_and(|m| m <= month && m > month.minus(12)))
    {
        if let Some(s) = service_of(scheme, r)
            && !services.iter().any(|k| k == s)
        {
            services.push(s.to_string());
        }
    }
    services.sort();

    let deployments: Vec<usize> = scheme
        .m365
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| m.measure == Measure::NetNewDeployments)
        .map(|(i, _)| i)
        .collect();
    counted_back(&mut m365, &deployments);

    let steps: Vec<Vec<u64>> = scheme
        .measures
        .iter()
        .map(|m| match m {
            SecurityMeasure::Steps(steps) => people_per_step(people, steps),
            SecurityMeasure::Parts { .. } => Vec::new(),
        })
        .collect();

    let mut parts = Vec::new();
    let paths: Vec<PathScore> = (0..scoring.paths.len())
        .map(|p| {
            let mut path_parts = Vec::new();
            let metrics: Vec<MetricScore> = scheme
                .measures
                .iter()
                .enumerate()
                .map(|(i, measure)| {
                    let def = &scoring.metrics[i];
                    let shown = def.targets[p].options()[0].1;
                    let (figure, marks) = match measure {
                        SecurityMeasure::Steps(s) => {
                            path_parts.push([None, None]);
                            // The places filled: each step's people up to what it needs.
                            let counts = &steps[i];
                            let filled: u64 = s
                                .iter()
                                .zip(counts)
                                .map(|(st, n)| (*n).min(st.people[p]))
                                .sum();
                            let points = step_points(s, counts, p, def.points);
                            (figure_of(filled as i64, shown, points), Marks::default())
                        }
                        SecurityMeasure::Parts { azure, m365: part } => {
                            let a = azure.as_ref().map(|a| azure_figure(a, p, &pairs));
                            let m = part.as_ref().map(|m| m365_figure(m, p, &m365.tenants));
                            path_parts.push([a, m]);
                            let sum: Centi = [a, m].iter().flatten().map(|f| f.points).sum();
                            let points = sum.min(def.points);
                            let raw = if def.measure == Measure::UsageGrowth {
                                i64::from(sum)
                            } else {
                                [a, m].iter().flatten().map(|f| f.raw.max(0)).sum()
                            };
                            let marks = part
                                .as_ref()
                                .and_then(|m| m365.paths.get(p)?.metrics.get(m.measure))
                                .map_or_else(Marks::default, |ms| ms.marks);
                            (figure_of(raw, shown, points), marks)
                        }
                    };
                    MetricScore {
                        figures: vec![figure],
                        chosen: 0,
                        marks,
                    }
                })
                .collect();
            parts.push(path_parts);
            let total: Centi = metrics.iter().map(MetricScore::points).sum();
            let qualified = total >= scoring.qualifying
                && metrics.iter().all(|m| m.points() >= scoring.metric_minimum);
            PathScore {
                total,
                qualified,
                metrics,
            }
        })
        .collect();
    let best = best_path(&paths);
    let ttm = [
        now_ttm.values().copied().sum(),
        before_ttm.values().copied().sum(),
    ];
    SecurityStanding {
        score: Score {
            paths,
            best,
            baselines: m365.baselines.clone(),
            tenants: Vec::new(),
            tenant_lines: 0,
        },
        month,
        latest,
        parts,
        ttm,
        tenants: tenants
            .into_iter()
            .map(|(c, a)| {
                let name = names
                    .get(c)
                    .map_or_else(|| c.to_string(), |n| n.to_string());
                (name, a)
            })
            .collect(),
        services,
        offer_column,
        offers_left_out,
        steps,
        m365,
    }
}

fn figure_of(raw: i64, threshold: u64, points: Centi) -> Figure {
    Figure {
        group: None,
        raw,
        threshold,
        points,
    }
}
