//! Scoring one partner against a points-scored rule set (a partner
//! capability score): every metric on every path, the best path kept.
//!
//! The figures come from the partner's customer rows, which may span several
//! snapshots (Partner Center downloads of different months): the snapshot
//! nearest the as-of date is "now", the one nearest a window before it is
//! "before". A row without a snapshot date belongs to the as-of date.
//!
//! - A customer's size is its largest paid seat count on an eligible
//!   workload (qualified licences; active users where a sheet gives no
//!   licence count), taken from the latest snapshot it appears in; its path
//!   is the one whose seat band holds that size.
//! - Net customer adds: customers of the path now that were added within the
//!   window (the earliest Customer Since date on their rows; without one,
//!   absence from the earlier snapshot) less the path's customers of the
//!   earlier snapshot that are gone now.
//! - Usage growth: monthly active users (per customer, summed over
//!   workloads) now less before, per association group.
//! - Deployments: customers of the path now whose active users reach the
//!   share of their qualified licences on at least one workload, per
//!   association group.
//! - Certified people: people counted for the partner holding one of the
//!   metric's credentials (passed by the as-of date).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Months, NaiveDate};

use super::Points;
use super::rules::{Measure, MetricDef, Scoring, Target, earned};
use crate::evaluate::{self, Facts, PersonResult};
use crate::input::{CustomerRow, WorkloadCell};
use crate::model::{Association, Centi, CustomerId, Level, Workload};
use crate::rules::{RuleSet, Rules};

/// A partner's score: every path, and the one that counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    /// One per path, in the rules' order.
    pub paths: Vec<PathScore>,
    /// The path that counts: the qualifying one with most points, else the
    /// one with most points (the first on a tie).
    pub(crate) best: usize,
    /// The snapshot taken as "now", if the partner has customer rows.
    pub(crate) now: Option<NaiveDate>,
    /// The snapshot taken as "a window before", if there is an earlier one.
    pub(crate) before: Option<NaiveDate>,
    /// The date a window before the as-of date, which `before` is nearest to.
    pub(crate) window_start: NaiveDate,
}

impl Score {
    /// The path that counts.
    pub fn best_path(&self) -> &PathScore {
        &self.paths[self.best]
    }

    /// Whether the partner qualifies (on the path that counts).
    pub fn qualified(&self) -> bool {
        self.best_path().qualified
    }

    /// The points of the path that counts.
    pub(crate) fn total(&self) -> Centi {
        self.best_path().total
    }
}

/// A partner's score on one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathScore {
    /// Points over all metrics.
    pub total: Centi,
    /// Whether the total and every metric's minimum are met.
    pub qualified: bool,
    /// One per metric, in the rules' order.
    pub metrics: Vec<MetricScore>,
}

/// One metric on one path: a figure per threshold option, the best chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetricScore {
    /// One per threshold option (one, or one per association group).
    pub figures: Vec<Figure>,
    /// The figure that counts (the one earning most points, the first on a tie).
    pub(crate) chosen: usize,
    /// Why the figure could not be measured from the inputs, if so.
    pub(crate) gap: Option<Gap>,
}

impl MetricScore {
    /// The figure that counts.
    pub(crate) fn figure(&self) -> &Figure {
        &self.figures[self.chosen]
    }

    /// The points earned.
    pub fn points(&self) -> Centi {
        self.figure().points
    }
}

/// A raw figure against its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// The association group the threshold is for, if per association.
    pub(crate) group: Option<usize>,
    /// The partner's figure (net adds and growth can be negative).
    pub raw: i64,
    /// The threshold.
    pub threshold: u64,
    /// The points it earns.
    pub points: Centi,
}

/// Why a metric could not be measured: it scores nothing until the inputs
/// carry what it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Usage growth needs a snapshot from about a window before the as-of
    /// date; the inputs have none before the current one.
    NoEarlierSnapshot,
    /// Deployments need qualified licence counts; no row gives one.
    NoLicenceCounts,
}

/// One counted customer row, as scoring sees it.
struct Usage<'a> {
    customer: &'a CustomerId,
    workload: &'a Workload,
    active: u64,
    qualified: Option<u64>,
    association: Association,
    snapshot: NaiveDate,
    added_on: Option<NaiveDate>,
}

/// What one customer looks like in one snapshot.
#[derive(Debug, Default)]
struct Customer<'a> {
    /// Per workload: (active users, qualified licences), the larger row's.
    workloads: BTreeMap<&'a Workload, (u64, Option<u64>)>,
    /// The association groups the partner holds it under.
    groups: BTreeSet<usize>,
}

impl Customer<'_> {
    fn seats(&self) -> u64 {
        self.workloads
            .values()
            .map(|(active, qualified)| qualified.unwrap_or(*active))
            .max()
            .unwrap_or(0)
    }

    fn active_users(&self) -> u64 {
        self.workloads.values().map(|(a, _)| *a).sum()
    }

    fn deployed(&self, share: f64) -> bool {
        self.workloads.values().any(|&(active, qualified)| {
            qualified.is_some_and(|q| q > 0 && active as f64 >= share * q as f64 - 1e-9)
        })
    }
}

type Snapshot<'a> = BTreeMap<&'a CustomerId, Customer<'a>>;

impl evaluate::Family for Points {
    type Standing = Score;

    fn evaluate(set: &RuleSet<Points>, p: &Facts<'_>) -> Score {
        score(&set.scheme, &set.rules, p.customers, p.people, p.as_of)
    }

    fn level(score: &Score) -> Level {
        if score.qualified() {
            Level::Qualified
        } else {
            Level::None
        }
    }

    fn score(score: &Score) -> Option<Centi> {
        Some(score.total())
    }
}

/// Scores one partner from its customer rows and its people.
pub(crate) fn score(
    scoring: &Scoring,
    rules: &Rules,
    customers: &[(usize, &CustomerRow)],
    people: &[PersonResult],
    as_of: NaiveDate,
) -> Score {
    let usage: Vec<Usage> = customers
        .iter()
        .filter_map(|(_, row)| usage_of(row, rules, as_of))
        .collect();
    score_usage(scoring, &usage, people, as_of)
}

/// Scores one partner from its counted rows (see [`usage_of`]).
fn score_usage(
    scoring: &Scoring,
    usage: &[Usage],
    people: &[PersonResult],
    as_of: NaiveDate,
) -> Score {
    // A snapshot after the as-of date is not known yet on that date.
    let usage: Vec<&Usage> = usage.iter().filter(|u| u.snapshot <= as_of).collect();
    let dates: BTreeSet<NaiveDate> = usage.iter().map(|u| u.snapshot).collect();
    let now = dates.last().copied();
    let target = as_of
        .checked_sub_months(Months::new(scoring.window_months))
        .unwrap_or(NaiveDate::MIN);
    // The earlier snapshot nearest the target; the earlier one on a tie.
    let before = dates
        .iter()
        .copied()
        .filter(|d| Some(*d) != now)
        .min_by_key(|d| (d.signed_duration_since(target).num_days().abs(), *d));
    let group_of = |a: Association| -> Vec<usize> {
        scoring
            .association_groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.associations.contains(&a))
            .map(|(i, _)| i)
            .collect()
    };
    let snapshot = |date: Option<NaiveDate>| -> Snapshot {
        let mut out: Snapshot = BTreeMap::new();
        for u in usage.iter().filter(|u| Some(u.snapshot) == date) {
            let c = out.entry(u.customer).or_default();
            let w = c.workloads.entry(u.workload).or_insert((0, None));
            w.0 = w.0.max(u.active);
            w.1 = w.1.max(u.qualified);
            c.groups.extend(group_of(u.association));
        }
        out
    };
    let (current, earlier) = (snapshot(now), snapshot(before));
    let mut added_on: BTreeMap<&CustomerId, NaiveDate> = BTreeMap::new();
    for u in &usage {
        if let Some(d) = u.added_on {
            let e = added_on.entry(u.customer).or_insert(d);
            *e = (*e).min(d);
        }
    }
    let cx = Scorer {
        scoring,
        current,
        earlier,
        has_before: before.is_some(),
        has_licences: usage.iter().any(|u| u.qualified.is_some()),
        added_on,
        window_start: target,
        as_of,
        people,
    };
    let paths: Vec<PathScore> = (0..scoring.paths.len()).map(|p| cx.path(p)).collect();
    let best = best_path(&paths);
    Score {
        paths,
        best,
        now,
        before,
        window_start: target,
    }
}

/// The path that counts: a qualifying one before one that is not, then
/// more points, then the rules' order.
fn best_path(paths: &[PathScore]) -> usize {
    (0..paths.len())
        .min_by_key(|&i| (!paths[i].qualified, Centi::MAX - paths[i].total, i))
        .unwrap_or(0)
}

/// The row as scoring sees it, if it counts at all: valid, paid (as the
/// rules say), associated in a counted way, on an eligible workload.
fn usage_of<'a>(row: &'a CustomerRow, rules: &Rules, as_of: NaiveDate) -> Option<Usage<'a>> {
    if row.invalid.is_some() {
        return None;
    }
    let Some(WorkloadCell::Counted(workload)) = &row.workload else {
        return None;
    };
    let (customer, active, sku, association) = (
        row.customer.as_ref()?,
        row.active_users?,
        row.sku?,
        row.association?,
    );
    if !rules.skus.contains(&sku) || !rules.associations.contains(&association) {
        return None;
    }
    Some(Usage {
        customer,
        workload,
        active,
        qualified: row.qualified_licences,
        association,
        snapshot: row.snapshot.unwrap_or(as_of),
        added_on: row.added_on,
    })
}

struct Scorer<'a> {
    scoring: &'a Scoring,
    current: Snapshot<'a>,
    earlier: Snapshot<'a>,
    has_before: bool,
    has_licences: bool,
    added_on: BTreeMap<&'a CustomerId, NaiveDate>,
    window_start: NaiveDate,
    as_of: NaiveDate,
    people: &'a [PersonResult],
}

impl Scorer<'_> {
    fn path(&self, p: usize) -> PathScore {
        let path = &self.scoring.paths[p];
        // A customer's path is set by its latest size: now if it is still a
        // customer, else as it was.
        let now: Vec<(&CustomerId, &Customer)> = self
            .current
            .iter()
            .filter(|(_, c)| path.admits(c.seats()))
            .map(|(id, c)| (*id, c))
            .collect();
        let gone: Vec<(&CustomerId, &Customer)> = self
            .earlier
            .iter()
            .filter(|(id, c)| !self.current.contains_key(*id) && path.admits(c.seats()))
            .map(|(id, c)| (*id, c))
            .collect();
        let was: Vec<&Customer> = self
            .earlier
            .iter()
            .filter(|(id, c)| {
                self.current
                    .get(*id)
                    .map_or(path.admits(c.seats()), |now| path.admits(now.seats()))
            })
            .map(|(_, c)| c)
            .collect();
        let metrics: Vec<MetricScore> = self
            .scoring
            .metrics
            .iter()
            .map(|m| self.metric(m, &m.targets[p], &now, &gone, &was))
            .collect();
        let total: Centi = metrics.iter().map(MetricScore::points).sum();
        let qualified = total >= self.scoring.qualifying
            && metrics
                .iter()
                .all(|m| m.points() >= self.scoring.metric_minimum);
        PathScore {
            total,
            qualified,
            metrics,
        }
    }

    fn metric(
        &self,
        m: &MetricDef,
        target: &Target,
        now: &[(&CustomerId, &Customer)],
        gone: &[(&CustomerId, &Customer)],
        was: &[&Customer],
    ) -> MetricScore {
        let in_group = |c: &Customer, g: Option<usize>| g.is_none_or(|g| c.groups.contains(&g));
        let mut gap = None;
        let figures: Vec<Figure> = target
            .options()
            .into_iter()
            .map(|(group, threshold)| {
                let raw: i64 = match m.measure {
                    Measure::NetCustomerAdds => {
                        let added = now
                            .iter()
                            .filter(|(id, c)| in_group(c, group) && self.is_added(id))
                            .count();
                        let lost = gone.iter().filter(|(_, c)| in_group(c, group)).count();
                        added as i64 - lost as i64
                    }
                    Measure::CertifiedPeople => self.certified(m) as i64,
                    Measure::UsageGrowth => {
                        if !self.has_before {
                            gap = Some(Gap::NoEarlierSnapshot);
                            0
                        } else {
                            let sum = |cs: &mut dyn Iterator<Item = &Customer>| -> i64 {
                                cs.filter(|c| in_group(c, group))
                                    .map(|c| c.active_users() as i64)
                                    .sum()
                            };
                            sum(&mut now.iter().map(|(_, c)| *c)) - sum(&mut was.iter().copied())
                        }
                    }
                    Measure::Deployments => {
                        if !self.has_licences {
                            gap = Some(Gap::NoLicenceCounts);
                        }
                        let share = m.min_active_share.unwrap_or(1.0);
                        now.iter()
                            .filter(|(_, c)| in_group(c, group) && c.deployed(share))
                            .count() as i64
                    }
                };
                Figure {
                    group,
                    raw,
                    threshold,
                    points: earned(m.points, raw, threshold),
                }
            })
            .collect();
        let chosen = (0..figures.len())
            .min_by_key(|&i| (u32::MAX - figures[i].points, i))
            .unwrap_or(0);
        MetricScore {
            figures,
            chosen,
            gap,
        }
    }

    /// Whether a customer of the current snapshot was added within the
    /// window: by its Customer Since date where it has one, else by its
    /// absence from the earlier snapshot (unknown, so not new, without one).
    fn is_added(&self, id: &CustomerId) -> bool {
        match self.added_on.get(id) {
            Some(d) => *d > self.window_start && *d <= self.as_of,
            None => self.has_before && !self.earlier.contains_key(id),
        }
    }

    /// People counted for the partner who hold one of the metric's credentials.
    fn certified(&self, m: &MetricDef) -> usize {
        self.people
            .iter()
            .filter(|p| p.counted_for.is_none())
            .filter(|p| {
                p.credentials
                    .iter()
                    .filter(|c| c.in_time)
                    .any(|c| c.ids.iter().any(|id| m.credentials.contains(id)))
            })
            .count()
    }
}

#[cfg(test)]
mod tests;
