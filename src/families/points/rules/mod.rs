//! A points-scored rule set (a partner capability score, as Microsoft's
//! Solutions Partner designations use): metrics with a measure, a weight and
//! a threshold per path, partial points for progress, the best path kept,
//! and a qualifying total with a minimum in every metric.
//!
//! A rules file is points-scored when it has a `[score]` table; it then has
//! `[[paths]]` and `[[metrics]]` instead of `[levels]` and
//! `[[qualifications]]`. Everything here is plain data, validated once.
//!
//! Points are kept in hundredths (`Centi`) so that sums and comparisons
//! with the qualifying total are exact.

use serde::Deserialize;

use crate::model::{Association, Centi, CredentialId};

mod error;
mod file;

pub use error::ScoringError;

/// The most metrics a score has: the page's capability score has five (a
/// tenant's part of each is kept in a fixed array, not an allocation).
pub(crate) const MAX_METRICS: usize = 8;
pub(crate) use file::ScoringFile;

/// What a metric measures. The vocabulary is closed because each measure is
/// computed from the inputs in its own way; the figures live in the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Measure {
    /// Qualifying tenants now less qualifying tenants a window before, per
    /// path: a tenant counts once whatever its associations.
    NetCustomerAdds,
    /// People holding at least one of the metric's credentials.
    CertifiedPeople,
    /// Eligible monthly active users now less a window before, per
    /// association group (from the association where `from_association`).
    UsageGrowth,
    /// Tenants deployed now (active users at least a share of paid
    /// licences) less tenants deployed a window before, leaving out tenants
    /// associated within the window that were deployed at association.
    NetNewDeployments,
}

impl Measure {
    /// Whether the measure is figured from customer rows (and so can have a
    /// threshold per association type).
    pub(crate) fn counts_customers(self) -> bool {
        !matches!(self, Measure::CertifiedPeople)
    }
}

/// A way of scoring (a track: Enterprise, SMB), with the tenants and the
/// associations that count on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathDef {
    /// Its id in the rules file ("enterprise").
    pub(crate) id: String,
    /// Its name in reports ("Enterprise").
    pub(crate) name: String,
    /// Its name in German reports, if the rules file gives one.
    pub(crate) name_de: Option<String>,
    /// A tenant is eligible when one of its eligible workloads has at least
    /// this many paid licences...
    pub(crate) min_paid: u64,
    /// ...and at most this many (no upper bound when `None`).
    pub(crate) max_paid: Option<u64>,
    /// The association groups valid on it (index into
    /// [`Scoring::association_groups`]).
    pub(crate) groups: Vec<usize>,
    /// Whether a tenant that was eligible a window before stays eligible
    /// once a workload has grown past `max_paid` (SMB stays SMB).
    pub(crate) stays_when_outgrown: bool,
}

impl PathDef {
    /// Whether a workload with `paid` licences makes a tenant eligible.
    pub(crate) fn admits(&self, paid: u64) -> bool {
        paid >= self.min_paid && self.max_paid.is_none_or(|max| paid <= max)
    }

    /// Whether a workload with `paid` licences has grown past the band.
    pub(crate) fn outgrown(&self, paid: u64) -> bool {
        self.max_paid.is_some_and(|max| paid > max)
    }

    /// Whether association group `group` counts on this path.
    pub(crate) fn valid(&self, group: usize) -> bool {
        self.groups.contains(&group)
    }
}

/// Named sets of associations a threshold can be given for ("CPOR").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AssociationGroup {
    /// Its name in the rules file and reports ("CPOR").
    pub(crate) name: String,
    /// The associations it stands for.
    pub(crate) associations: Vec<Association>,
}

/// What a metric asks for on one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// One figure, whatever the association.
    Count(u64),
    /// A figure per association group (index into
    /// [`Scoring::association_groups`]); the group that earns more counts.
    ByAssociation(Vec<(usize, u64)>),
}

impl Target {
    /// Every (group, threshold) this target asks for; one `None` group for a
    /// plain count.
    pub(crate) fn options(&self) -> Vec<(Option<usize>, u64)> {
        match self {
            Target::Count(n) => vec![(None, *n)],
            Target::ByAssociation(v) => v.iter().map(|&(g, n)| (Some(g), n)).collect(),
        }
    }
}

/// One metric of the score.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricDef {
    /// Its id in the rules file and the JSON ("net-customer-adds").
    pub(crate) id: String,
    /// Its words in reports: name and unit ("Net customer adds", "customer add").
    pub(crate) words: MetricWords,
    /// Its words in German reports, if the rules file gives them.
    pub(crate) words_de: Option<MetricWords>,
    /// What it measures.
    pub(crate) measure: Measure,
    /// Its weight: the points earned at the threshold.
    pub points: Centi,
    /// What it asks for, one per path in [`Scoring::paths`] order.
    pub(crate) targets: Vec<Target>,
    /// The credentials that make a person count (certified-people).
    pub(crate) credentials: Vec<CredentialId>,
    /// The share of paid licences active users must reach (deployments).
    pub(crate) min_active_share: Option<f64>,
    /// Usage growth credited from each tenant's association only.
    pub(crate) from_association: bool,
    /// One step of progress in the cheapest-route advice (1 customer, 1
    /// person, 100 users).
    pub step: u64,
}

/// How a metric is named in reports, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MetricWords {
    /// The metric's name ("Net customer adds").
    pub(crate) name: String,
    /// One step's unit, singular and plural ("customer add", "customer adds").
    pub(crate) unit: [String; 2],
}

/// A validated points-scored rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    /// Points needed in total to qualify.
    pub qualifying: Centi,
    /// Points every metric needs at least to qualify.
    pub metric_minimum: Centi,
    /// The trailing window, in months, for customer adds and usage growth.
    pub(crate) window_months: u32,
    /// The paths, in the rules file's order (the first wins a tie).
    pub paths: Vec<PathDef>,
    /// The metrics, in the rules file's order.
    pub metrics: Vec<MetricDef>,
    /// The association groups thresholds are given for.
    pub(crate) association_groups: Vec<AssociationGroup>,
    /// The programme's own scoring examples, each checked when the rules
    /// are read.
    pub(crate) examples: Vec<Example>,
}

/// One of the programme's own scoring examples: figures per association
/// group on a path and the points the programme gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Example {
    /// The metric (index into [`Scoring::metrics`]).
    pub(crate) metric: usize,
    /// The path (index into [`Scoring::paths`]).
    pub(crate) path: usize,
    /// Per association group (`None` for a plain count): figure, points.
    pub(crate) figures: Vec<(Option<usize>, i64, Centi)>,
    /// The metric's points: the group earning most.
    pub(crate) score: Centi,
}

impl Scoring {
    /// The most points the score can reach.
    pub(crate) fn max_points(&self) -> Centi {
        self.metrics.iter().map(|m| m.points).sum()
    }

    /// Every credential some metric counts.
    pub(crate) fn scored_credentials(&self) -> impl Iterator<Item = &CredentialId> {
        self.metrics.iter().flat_map(|m| &m.credentials)
    }
}

/// Points earned for `raw` against `threshold` with weight `points`: linear
/// up to the threshold, capped there, nothing below zero; rounded down to
/// the hundredth so that a partner is never shown more than it has.
pub(crate) fn earned(points: Centi, raw: i64, threshold: u64) -> Centi {
    if raw <= 0 || threshold == 0 {
        return if threshold == 0 { points } else { 0 };
    }
    let raw = raw as u128;
    if raw >= u128::from(threshold) {
        return points;
    }
    (u128::from(points) * raw / u128::from(threshold)) as Centi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_linear_capped_and_never_negative() {
        assert_eq!(earned(2000, 3, 5), 1200);
        assert_eq!(earned(2000, 5, 5), 2000);
        assert_eq!(earned(2000, 9, 5), 2000);
        assert_eq!(earned(2000, 0, 5), 0);
        assert_eq!(earned(2000, -3, 5), 0);
        assert_eq!(earned(1500, 1, 2), 750);
        // Rounded down to the hundredth: 2 of 3 of 10 points is 6.66.
        assert_eq!(earned(1000, 2, 3), 666);
        assert_eq!(earned(3000, 999, 1000), 2997);
    }

    #[test]
    fn paths_admit_tenants_by_paid_licences() {
        let smb = PathDef {
            id: "smb".into(),
            name: "SMB".into(),
            name_de: None,
            min_paid: 11,
            max_paid: Some(300),
            groups: vec![0, 2],
            stays_when_outgrown: true,
        };
        let ent = PathDef {
            id: "enterprise".into(),
            name: "Enterprise".into(),
            name_de: None,
            min_paid: 301,
            max_paid: None,
            groups: vec![0, 1],
            stays_when_outgrown: false,
        };
        assert!(!smb.admits(10) && smb.admits(11) && smb.admits(300) && !smb.admits(301));
        assert!(!ent.admits(300) && ent.admits(301) && ent.admits(1_000_000));
        assert!(smb.outgrown(301) && !smb.outgrown(300) && !ent.outgrown(1_000_000));
        assert!(smb.valid(2) && !smb.valid(1) && ent.valid(1));
    }
}
