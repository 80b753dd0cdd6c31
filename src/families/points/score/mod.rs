//! Scoring one partner against a points-scored rule set (a partner
//! capability score): every metric on every path, the best path kept.
//!
//! This room is the score's model and how it is put together, whatever a
//! metric measures: a figure per threshold option, the option earning most,
//! the path's total, the path that counts. What a metric measures is in
//! rooms of their own: `people` (certified people), `snapshots` (which
//! snapshot of each download is "now" and which "a year before"), and
//! `tenants` with `seats` (the customer tenants of a seat-licensed
//! designation: eligible per path by paid licences, associated per path,
//! net adds, usage growth from association, net new deployments).

use chrono::NaiveDate;

use super::Points;
use super::rules::{Measure, Scoring, earned};
use crate::evaluate::{self, Facts, PersonResult};
use crate::input::CustomerRow;
use crate::model::{Centi, Level};
use crate::rules::{RuleSet, Rules};

mod people;
mod seats;
mod snapshots;
mod tenants;

pub(crate) use people::certified as certified_people;
pub(crate) use people::holding as people_holding;
pub use seats::TenantLine;
pub(crate) use seats::{Eligibility, LineNote};
pub(crate) use snapshots::DownloadBaseline;
pub(crate) use tenants::AssociatedBy;

/// A partner's score: every path, and the one that counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// One per path, in the rules' order.
    pub paths: Vec<PathScore>,
    /// The path that counts: the qualifying one with most points, else the
    /// one with most points (the first on a tie).
    pub(crate) best: usize,
    /// Each download's current snapshot and the one it is compared with
    /// (a year before), in the order of the downloads.
    pub(crate) baselines: Vec<DownloadBaseline>,
    /// Why each tenant counts, per path and association group: the lines
    /// the customer metrics' figures are the sums of. Kept where a family
    /// reads them again (Security's Microsoft 365 part); a designation's
    /// own score keeps only their count ([`Score::tenant_lines`]).
    pub(crate) tenants: Vec<TenantLine>,
    /// How many tenant lines the score summed: the partner's rows of the
    /// `Tenants` sheet, which makes them again ([`tenant_lines`]) rather
    /// than hold about half a million of them (130 MB at 1M customer rows)
    /// from evaluation until the sheet is written.
    pub(crate) tenant_lines: usize,
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

    /// The downloads whose year-before snapshot is not of the month asked
    /// for (one stood in, or none did).
    pub(crate) fn inexact(&self) -> impl Iterator<Item = &DownloadBaseline> {
        self.baselines.iter().filter(|b| !b.exact())
    }

    /// The downloads whose current snapshot is older than last month's.
    pub(crate) fn stale(&self) -> impl Iterator<Item = &DownloadBaseline> {
        self.baselines.iter().filter(|b| b.stale())
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
    /// What makes the figure less than exact, if anything.
    pub(crate) marks: Marks,
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

/// What makes a metric's figure less than exact: it is still the figure
/// the inputs give, never a silent zero, and the report and the JSON say
/// what stood in and what to drop to make it exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Marks {
    /// A year-before snapshot of some download is not of the month asked
    /// for: a later one stood in, or (none between) the current one did,
    /// so that nothing is credited that the inputs cannot show
    /// ([`Score::baselines`] says which).
    pub(crate) baseline: bool,
    /// Some rows give no paid licences: their active users stood in for
    /// placing tenants on a path, and they take no part in deployments.
    pub(crate) licences: bool,
    /// The current snapshot of some download is older than last month's:
    /// the figure is the partner's as it stood then ([`Score::baselines`]
    /// says which and what to drop).
    pub(crate) stale: bool,
}

impl Marks {
    /// Whether the figure is exact.
    pub(crate) fn exact(&self) -> bool {
        !self.baseline && !self.licences && !self.stale
    }
}

impl evaluate::Family for Points {
    type Standing = Score;

    fn evaluate(set: &RuleSet<Points>, p: &Facts<'_>) -> Score {
        let mut score = score(&set.scheme, &set.rules, p.customers, p.people, p.as_of);
        // Made again for the `Tenants` sheet, partner by partner.
        score.tenants = Vec::new();
        score
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
    let (tenants, mut baselines) = tenants_of(scoring, rules, customers, as_of);
    // Only the downloads a figure is made from say what they were compared
    // with (one of trials alone changes nothing).
    baselines.retain(|b| tenants.uses(b.download));
    let lines = seats::lines(&tenants, scoring, rules);
    let marks = Marks {
        baseline: baselines.iter().any(|b| !b.exact()),
        licences: tenants.paid_missing(),
        stale: baselines.iter().any(DownloadBaseline::stale),
    };
    let paths: Vec<PathScore> = (0..scoring.paths.len())
        .map(|p| path_score(scoring, p, &lines, people, marks))
        .collect();
    let best = best_path(&paths);
    Score {
        paths,
        best,
        baselines,
        tenant_lines: lines.len(),
        tenants: lines,
    }
}

/// A partner's tenants, and each download's current snapshot and its
/// baseline, from its customer rows.
fn tenants_of<'a>(
    scoring: &Scoring,
    rules: &Rules,
    customers: &[(usize, &'a CustomerRow)],
    as_of: NaiveDate,
) -> (tenants::Tenants<'a>, Vec<DownloadBaseline>) {
    let timeline = crate::evaluate::snapshots::Timeline::of(customers, as_of);
    let baselines = snapshots::baselines(&timeline, scoring.window_months, as_of);
    let tenants = tenants::Tenants::of(customers, rules, scoring, &baselines, as_of);
    (tenants, baselines)
}

/// The lines a partner's score summed ([`Score::tenant_lines`] of them),
/// made again from the same customer rows: tenant by tenant, path by path,
/// group by group.
pub(crate) fn tenant_lines(
    scoring: &Scoring,
    rules: &Rules,
    customers: &[(usize, &CustomerRow)],
    as_of: NaiveDate,
) -> Vec<TenantLine> {
    let (tenants, _) = tenants_of(scoring, rules, customers, as_of);
    seats::lines(&tenants, scoring, rules)
}

/// One path: each metric's figures from its measure, the best option, the
/// total and whether it qualifies.
fn path_score(
    scoring: &Scoring,
    p: usize,
    lines: &[TenantLine],
    people: &[PersonResult],
    marks: Marks,
) -> PathScore {
    let metrics: Vec<MetricScore> = scoring
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let figures: Vec<Figure> = m.targets[p]
                .options()
                .into_iter()
                .map(|(group, threshold)| {
                    let raw = match m.measure {
                        Measure::CertifiedPeople => people::certified(people, m) as i64,
                        _ => seats::figure(lines, p, i, group),
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
                .min_by_key(|&f| (Centi::MAX - figures[f].points, f))
                .unwrap_or(0);
            MetricScore {
                figures,
                chosen,
                marks: if m.measure.counts_customers() {
                    marks
                } else {
                    Marks::default()
                },
            }
        })
        .collect();
    let total: Centi = metrics.iter().map(MetricScore::points).sum();
    let qualified =
        total >= scoring.qualifying && metrics.iter().all(|m| m.points() >= scoring.metric_minimum);
    PathScore {
        total,
        qualified,
        metrics,
    }
}

/// The path that counts: a qualifying one before one that is not, then
/// more points, then the rules' order.
pub(crate) fn best_path(paths: &[PathScore]) -> usize {
    (0..paths.len())
        .min_by_key(|&i| (!paths[i].qualified, Centi::MAX - paths[i].total, i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
