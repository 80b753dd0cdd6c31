//! What does not hold together in a designation's tables: each a
//! [`ScoringError`] naming the table and the figure.

use super::MAX_METRICS;
use crate::model::{Association, Centi, CredentialId, show_points};

/// What does not hold together in a points-scored rule set's `[score]`,
/// `[[paths]]`, `[[metrics]]` and `[association_groups]`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoringError {
    /// A group with no association.
    #[error("[association_groups] {0} lists no association")]
    EmptyGroup(String),
    /// A group with an association the rules do not count at all.
    #[error("[association_groups] {group} lists '{}', which [entitlements] associations does not count", .association.label())]
    UncountedInGroup {
        /// The group.
        group: String,
        /// The association.
        association: Association,
    },
    /// No `[[paths]]`.
    #[error("a points-scored rule set needs [[paths]]")]
    NoPaths,
    /// Two paths with one id.
    #[error("path '{0}' is listed twice")]
    PathTwice(String),
    /// A path whose licence band is upside down.
    #[error("path '{0}' has max_paid_licences below min_paid_licences")]
    BandReversed(String),
    /// A path naming an association group that does not exist.
    #[error(
        "path '{path}' names association group '{group}', which is not in [association_groups]"
    )]
    PathUnknownGroup {
        /// The path.
        path: String,
        /// The group it names.
        group: String,
    },
    /// A path that stays eligible when outgrown without a band to outgrow.
    #[error("path '{0}' has stays_eligible_when_outgrown but no max_paid_licences")]
    NothingToOutgrow(String),
    /// A counted association in no group while paths name groups: it
    /// would count on no path.
    #[error("'{}' is counted in [entitlements] but in no [association_groups] group, so no path counts it", .0.label())]
    AssociationInNoGroup(Association),
    /// A per-association threshold for a group the path does not count.
    #[error(
        "metric '{metric}' has a threshold as {group} on path '{path}', which does not count {group}"
    )]
    GroupNotOnPath {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
        /// The group.
        group: String,
    },
    /// Net customer adds per association: a tenant counts once whatever
    /// its associations.
    #[error(
        "metric '{0}' counts tenants once whatever their association: its thresholds are plain numbers"
    )]
    AddsPerAssociation(String),
    /// `from_association` on a metric other than usage growth.
    #[error("metric '{0}' has from_association, which only a usage-growth metric uses")]
    FromAssociationUnused(String),
    /// A workload limited to a metric that does not exist.
    #[error("workload '{workload}' counts for metric '{metric}', which is not in [[metrics]]")]
    WorkloadUnknownMetric {
        /// The workload.
        workload: String,
        /// The metric it names.
        metric: String,
    },
    /// A scoring example that does not hold.
    #[error("example for metric '{metric}' on path '{path}': {what}")]
    Example {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
        /// What does not hold, in words.
        what: String,
    },
    /// No `[[metrics]]`.
    #[error("a points-scored rule set needs [[metrics]]")]
    NoMetrics,

    /// More metrics than a score is made for.
    #[error("a points-scored rule set has at most {MAX_METRICS} [[metrics]], not {0}")]
    TooManyMetrics(usize),
    /// Two metrics with one id.
    #[error("metric '{0}' is listed twice")]
    MetricTwice(String),
    /// Points that are negative, not finite, too many or finer than
    /// hundredths.
    #[error("{what} {value} is not a number of points from 0 with at most two decimals")]
    Points {
        /// Which points (`[score] qualifying_points`, `metric 'x' points`).
        what: String,
        /// As written.
        value: f64,
    },
    /// Qualifying points no partner could reach, or none.
    #[error("[score] qualifying_points {} must be above 0 and at most the metrics' {} points", show_points(*.qualifying), show_points(*.max))]
    QualifyingOutOfRange {
        /// The qualifying points.
        qualifying: Centi,
        /// All metrics' points together.
        max: Centi,
    },
    /// A metric worth less than the minimum every metric must reach.
    #[error("metric '{metric}' is worth {} points, less than [score] metric_minimum {}", show_points(*.points), show_points(*.minimum))]
    BelowMinimum {
        /// The metric.
        metric: String,
        /// Its points.
        points: Centi,
        /// The minimum.
        minimum: Centi,
    },
    /// A score window of no months.
    #[error("[score] window_months must be at least 1")]
    ZeroWindow,
    /// A metric worth nothing.
    #[error("metric '{0}' is worth no points")]
    NoPoints(String),
    /// A threshold for a path that does not exist.
    #[error("metric '{metric}' has a threshold for '{path}', which is not in [[paths]]")]
    UnknownPath {
        /// The metric.
        metric: String,
        /// The path it names.
        path: String,
    },
    /// A path the metric sets no threshold for.
    #[error("metric '{metric}' has no threshold for path '{path}'")]
    NoThreshold {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
    },
    /// A people metric with thresholds per association.
    #[error("metric '{0}' counts people: it cannot have a threshold per association")]
    PeoplePerAssociation(String),
    /// A per-association threshold naming no group.
    #[error("metric '{metric}' names no association group for path '{path}'")]
    NoGroup {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
    },
    /// A per-association threshold naming a group that does not exist.
    #[error(
        "metric '{metric}' names association group '{group}', which is not in [association_groups]"
    )]
    UnknownGroup {
        /// The metric.
        metric: String,
        /// The group it names.
        group: String,
    },
    /// A threshold of 0, which every partner would meet.
    #[error("metric '{metric}' has a threshold of 0 for path '{path}'")]
    ZeroThreshold {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
    },
    /// A people metric without the credentials that count.
    #[error("metric '{0}' counts people but lists no credentials")]
    NoCredentials(String),
    /// A people metric naming a credential the rules do not define.
    #[error("metric '{metric}' names credential '{credential}', which is not in [[credentials]]")]
    UnknownCredential {
        /// The metric.
        metric: String,
        /// The credential it names.
        credential: CredentialId,
    },
    /// Credentials on a metric that does not count people.
    #[error("metric '{0}' lists credentials, but only a certified-people metric counts them")]
    CredentialsUnused(String),
    /// A deployments share that is no fraction above 0.
    #[error("metric '{metric}' min_active_share {share} is not a fraction above 0 and at most 1")]
    ShareOutOfRange {
        /// The metric.
        metric: String,
        /// The share as written.
        share: f64,
    },
    /// A deployments metric without its share.
    #[error("metric '{0}' (net-new-deployments) needs min_active_share")]
    NoShare(String),
    /// A share on a metric that does not use it.
    #[error("metric '{0}' has min_active_share, which only a deployments metric uses")]
    ShareUnused(String),
    /// A step of 0.
    #[error("metric '{0}' step must be at least 1")]
    ZeroStep(String),
}
