//! Scoring one partner from its Business Applications downloads: the latest
//! month and the month a year before, revenue and monthly consumption
//! value (MCV) per workload at a tenant in each, the track the revenue rule
//! chooses, and every metric on every track as the points family's
//! [`Score`] (the chosen track is the one that counts; the other is shown
//! for information).

use std::collections::BTreeMap;

use super::RevenueScored;
use super::rules::{RateUnit, RevenueMeasure, RevenueScheme, UsersColumn};
use crate::evaluate::{self, Downloads, Facts, PersonResult};
use crate::families::points::report::scored_level;
use crate::families::points::rules::earned;
use crate::families::points::score::{
    Figure, Marks, MetricScore, PathScore, Score, certified_people,
};
use crate::input::{RevenueRow, UsageRow, WorkloadCell};
use crate::model::{Amount, Association, CalendarMonth, Centi, CustomerId, Level, Sku};
use crate::rules::RuleSet;

/// A partner's standing: the points family's score (a path per track, the
/// chosen track the one that counts) and the months and sums it was made
/// from.
#[derive(Debug, Clone, PartialEq)]
pub struct RevenueStanding {
    /// The score.
    pub score: Score,
    /// The latest month scored, if the downloads hold one by then.
    pub(crate) month: Option<CalendarMonth>,
    /// Workloads at tenants over the track rule's revenue in its two
    /// months (the later first).
    pub(crate) track_workloads: [u64; 2],
    /// The MCV of the latest month and of the month a window before.
    pub(crate) consumption: [Amount; 2],
    /// Per metric, the workloads at tenants short of what it counts in
    /// the latest month on the chosen track (net customer adds' revenue,
    /// deployments' MCV), nearest first: the route's cheapest steps.
    pub(crate) short: Vec<Vec<Short>>,
}

/// A workload at a tenant short of what a metric counts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Short {
    /// The customer's name as the download gives it, else its tenant id.
    pub(crate) customer: String,
    /// The workload (revenue) or rate card line (consumption).
    pub(crate) workload: String,
    /// How much more revenue or MCV it needs.
    pub(crate) lacks: Amount,
    /// For MCV: how many more users (or profiles, `true`) at its rate.
    pub(crate) units: Option<(u64, bool)>,
}

/// The nearest workloads at tenants short of `minimum` (with some figure
/// already), at most a route's worth.
fn shortfalls(
    figures: &BTreeMap<At, Amount>,
    minimum: Amount,
    names: &BTreeMap<&CustomerId, &str>,
    workload: impl Fn(usize) -> (String, Option<(Amount, bool)>),
) -> Vec<Short> {
    let mut out: Vec<Short> = figures
        .iter()
        .filter(|(_, v)| v.is_positive() && **v < minimum)
        .map(|((customer, w), v)| {
            let (workload, rate) = workload(*w);
            let lacks = minimum.saturating_sub(*v);
            Short {
                customer: names
                    .get(customer)
                    .map_or_else(|| customer.to_string(), |n| n.to_string()),
                workload,
                lacks,
                units: rate.filter(|(r, _)| r.is_positive()).map(|(r, profiles)| {
                    let (lacks, rate) = (lacks.micros().max(0) as u64, r.micros() as u64);
                    (lacks.div_ceil(rate), profiles)
                }),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.lacks, &a.customer, &a.workload).cmp(&(b.lacks, &b.customer, &b.workload))
    });
    out.truncate(5);
    out
}

/// The customers' names the downloads give, by tenant.
fn customer_names<'d>(d: &'d Downloads<'_>) -> BTreeMap<&'d CustomerId, &'d str> {
    let revenue = d.revenue.iter().map(|r| (&r.customer, &r.customer_name));
    let usage = d.usage.iter().map(|r| (&r.customer, &r.customer_name));
    revenue
        .chain(usage)
        .filter_map(|(c, n)| Some((c.as_ref()?, n.as_deref()?)))
        .collect()
}

impl evaluate::Family for RevenueScored {
    type Standing = RevenueStanding;

    fn evaluate(set: &RuleSet<RevenueScored>, p: &Facts<'_>) -> RevenueStanding {
        let as_of = CalendarMonth::of(p.as_of);
        standing(&set.scheme, p.downloads, p.people, as_of)
    }

    fn level(s: &RevenueStanding) -> Level {
        scored_level(&s.score)
    }

    fn score(s: &RevenueStanding) -> Option<Centi> {
        Some(s.score.best_path().total)
    }
}

/// A workload at a tenant: the tenant and a workload (revenue) or a rate
/// card line (consumption).
type At = (CustomerId, usize);

/// Figures per workload at a tenant in one month, a subscription under two
/// association types counted once (its larger figure), a subscription's
/// rows summed (a credit reduces it).
fn per_tenant<'r>(
    rows: impl Iterator<Item = (At, Option<&'r str>, Association, Amount)>,
) -> BTreeMap<At, Amount> {
    let mut by_subscription: BTreeMap<(At, Option<&str>, Association), Amount> = BTreeMap::new();
    for (at, subscription, association, value) in rows {
        let sum = by_subscription
            .entry((at, subscription, association))
            .or_default();
        *sum = sum.saturating_add(value);
    }
    let mut largest: BTreeMap<(At, Option<&str>), Amount> = BTreeMap::new();
    for ((at, subscription, _), value) in by_subscription {
        let entry = largest.entry((at, subscription)).or_insert(value);
        *entry = (*entry).max(value);
    }
    let mut out: BTreeMap<At, Amount> = BTreeMap::new();
    for ((at, _), value) in largest {
        let sum = out.entry(at).or_default();
        *sum = sum.saturating_add(value);
    }
    out
}

/// Revenue per workload at a tenant in `month`, under the associations and
/// on the workloads that count.
fn revenue(
    scheme: &RevenueScheme,
    rows: &[&RevenueRow],
    month: CalendarMonth,
) -> BTreeMap<At, Amount> {
    per_tenant(rows.iter().filter_map(|r| {
        let Some(WorkloadCell::Counted(w)) = &r.workload else {
            return None;
        };
        let workload = scheme.revenue_workloads.iter().position(|x| x == w)?;
        let association = r
            .association
            .filter(|a| scheme.revenue_associations.contains(a))?;
        (r.invalid.is_none() && r.month == Some(month)).then_some(())?;
        let at = (r.customer.clone()?, workload);
        Some((at, r.subscription.as_deref(), association, r.revenue?))
    }))
}

/// One usage row's consumption value on its rate card line: users (or
/// profiles) times the line's rate.
fn consumption_of(scheme: &RevenueScheme, r: &UsageRow) -> Option<(usize, Amount)> {
    let Some(WorkloadCell::Counted(w)) = &r.workload else {
        return None;
    };
    let line = scheme.line_of(w)?;
    let rate = scheme.rate_card[line].rate;
    let value = match scheme.rate_card[line].unit {
        RateUnit::Users => {
            let users = scheme.users.iter().find_map(|c| match c {
                UsersColumn::Attached => r.attached_users,
                UsersColumn::Active => r.active_users,
            })?;
            rate.times(users)
        }
        RateUnit::Profiles => {
            let product =
                i128::from(rate.micros()) * i128::from(r.active_capacity?.micros()) / 1_000_000;
            Amount::from_micros(product.clamp(0, i128::from(i64::MAX)) as i64)
        }
    };
    Some((line, value))
}

/// MCV per rate card line at a tenant in `month`: paid rows under the
/// line's associations.
fn consumption(
    scheme: &RevenueScheme,
    rows: &[&UsageRow],
    month: CalendarMonth,
) -> BTreeMap<At, Amount> {
    per_tenant(rows.iter().filter_map(|r| {
        (r.invalid.is_none() && r.month == Some(month) && r.metric == Some(Sku::Paid))
            .then_some(())?;
        let (line, value) = consumption_of(scheme, r)?;
        let association = r
            .association
            .filter(|a| scheme.rate_card[line].associations.contains(a))?;
        let at = (r.customer.clone()?, line);
        Some((at, r.subscription.as_deref(), association, value))
    }))
}

/// The latest month of the downloads not after `as_of` less the rules'
/// months back.
fn latest_month(
    scheme: &RevenueScheme,
    d: &Downloads<'_>,
    as_of: CalendarMonth,
) -> Option<CalendarMonth> {
    let by = as_of.minus(scheme.latest_month_back);
    let revenue = d
        .revenue
        .iter()
        .filter(|r| r.invalid.is_none())
        .filter_map(|r| r.month);
    let usage = d
        .usage
        .iter()
        .filter(|r| r.invalid.is_none())
        .filter_map(|r| r.month);
    revenue.chain(usage).filter(|m| *m <= by).max()
}

/// How many figures reach `minimum` (or exceed it, where `over`).
fn reaching(figures: &BTreeMap<At, Amount>, minimum: Amount, over: bool) -> u64 {
    figures
        .values()
        .filter(|v| if over { **v > minimum } else { **v >= minimum })
        .count() as u64
}

/// Growth from `before` to `now` in hundredths of a percent, rounded toward
/// zero; none from nothing.
pub(crate) fn growth_hundredths(now: Amount, before: Amount) -> i64 {
    if before.micros() <= 0 {
        return 0;
    }
    let change = i128::from(now.micros()) - i128::from(before.micros());
    (change * 10_000 / i128::from(before.micros())) as i64
}

/// The track rule's two months for a partner whose latest month is
/// `month` (its months back count from the as-of month, the latest month
/// is the rules' months before it).
pub(crate) fn track_months(scheme: &RevenueScheme, month: CalendarMonth) -> [CalendarMonth; 2] {
    let rule = &scheme.track_rule;
    let shift = rule.months_back[0].saturating_sub(scheme.latest_month_back);
    rule.months_back
        .map(|back| month.minus(back - rule.months_back[0] + shift))
}

/// The partner's standing.
pub(crate) fn standing(
    scheme: &RevenueScheme,
    d: &Downloads<'_>,
    people: &[PersonResult],
    as_of: CalendarMonth,
) -> RevenueStanding {
    let month = latest_month(scheme, d, as_of);
    let window = scheme.scoring.window_months;
    // Revenue and MCV in the latest month and a window before (empty
    // without a latest month: every customer figure is zero).
    let months = |m: Option<CalendarMonth>| m.map(|m| [m, m.minus(window)]);
    let revenue_in = |m: Option<CalendarMonth>| {
        m.map(|m| revenue(scheme, &d.revenue, m))
            .unwrap_or_default()
    };
    let both = months(month);
    let rev = [
        revenue_in(both.map(|b| b[0])),
        revenue_in(both.map(|b| b[1])),
    ];
    let mcv = both.map_or_else(
        || [BTreeMap::new(), BTreeMap::new()],
        |b| {
            [
                consumption(scheme, &d.usage, b[0]),
                consumption(scheme, &d.usage, b[1]),
            ]
        },
    );
    let consumption = [
        mcv[0].values().copied().sum(),
        mcv[1].values().copied().sum(),
    ];

    let rule = &scheme.track_rule;
    let track_workloads = month.map_or([0, 0], |m| {
        track_months(scheme, m)
            .map(|at| reaching(&revenue(scheme, &d.revenue, at), rule.revenue_over, true))
    });
    let best = if track_workloads.iter().all(|n| *n >= rule.min_workloads) {
        rule.track
    } else {
        rule.otherwise
    };

    let names = customer_names(d);
    let short = scheme
        .measures
        .iter()
        .zip(&scheme.minimums)
        .map(|(measure, minimum)| match (measure, minimum) {
            (RevenueMeasure::RevenueWorkloads, Some(min)) => {
                shortfalls(&rev[0], min[best], &names, |w| {
                    (scheme.revenue_workloads[w].to_string(), None)
                })
            }
            (RevenueMeasure::ConsumptionDeployments, Some(min)) => {
                shortfalls(&mcv[0], min[best], &names, |l| {
                    let line = &scheme.rate_card[l];
                    let profiles = line.unit == RateUnit::Profiles;
                    (line.name.clone(), Some((line.rate, profiles)))
                })
            }
            _ => Vec::new(),
        })
        .collect();

    let scoring = &scheme.scoring;
    let paths = (0..scoring.paths.len())
        .map(|p| {
            let metrics: Vec<MetricScore> = scoring
                .metrics
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let minimum = scheme.minimums[i].as_ref().map(|v| v[p]);
                    let threshold = m.targets[p].options()[0].1;
                    let net = |figures: &[BTreeMap<At, Amount>; 2]| {
                        let min = minimum.unwrap_or_default();
                        reaching(&figures[0], min, false) as i64
                            - reaching(&figures[1], min, false) as i64
                    };
                    let (raw, threshold, points) = match scheme.measures[i] {
                        RevenueMeasure::CertifiedPeople => {
                            let n = certified_people(people, m) as i64;
                            (n, threshold, earned(m.points, n, threshold))
                        }
                        RevenueMeasure::RevenueWorkloads => {
                            let n = net(&rev);
                            (n, threshold, earned(m.points, n, threshold))
                        }
                        RevenueMeasure::ConsumptionDeployments => {
                            let n = net(&mcv);
                            (n, threshold, earned(m.points, n, threshold))
                        }
                        RevenueMeasure::ConsumptionGrowth => {
                            // Percent to the hundredth, against the threshold
                            // in hundredths; nothing below the baseline.
                            let raw = growth_hundredths(consumption[0], consumption[1]);
                            let threshold = threshold * 100;
                            let based = consumption[1] >= minimum.unwrap_or_default();
                            let points = if based {
                                earned(m.points, raw, threshold)
                            } else {
                                0
                            };
                            (raw, threshold, points)
                        }
                    };
                    MetricScore {
                        figures: vec![Figure {
                            group: None,
                            raw,
                            threshold,
                            points,
                        }],
                        chosen: 0,
                        marks: Marks::default(),
                    }
                })
                .collect();
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
    RevenueStanding {
        score: Score {
            paths,
            best,
            baselines: Vec::new(),
            tenants: Vec::new(),
            tenant_lines: 0,
        },
        month,
        track_workloads,
        consumption,
        short,
    }
}
