//! An ACR-scored rule set, validated ([`AcrScheme`]): what it measures and
//! how the track is told. Its tables as written and their validation are in
//! [`file`].
//!
//! The score is the points family's model: the paths and metrics become a
//! [`Scoring`] so that the designation shows as any other. What only this
//! family has (which ACR counts, the segment-share track, each metric's
//! dollar minimums and excluded services, the certification steps) sits
//! beside it.

use std::collections::BTreeMap;

use super::steps::Step;
use crate::families::points::rules::{Measure, Scoring};
use crate::families::revenue::rules::FigureError;
use crate::model::{Amount, Association, fold};

/// What does not hold together in an ACR-scored rule set's tables.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AcrRulesError {
    /// No `[[paths]]`, or one listed twice.
    #[error("[[paths]] must list each path once, at least one ('{0}')")]
    Paths(String),
    /// A per-path figure naming a path that is not in `[[paths]]`, or
    /// leaving one out.
    #[error("{what} must give a figure for every path in [[paths]] and no other")]
    PerPath {
        /// Where: "metric 'deployments' threshold".
        what: String,
    },
    /// `[track]` naming a path that is not in `[[paths]]`.
    #[error("[track] names path '{0}', which is not in [[paths]]")]
    UnknownPath(String),
    /// A setting the engine does not know.
    #[error("{what} is '{value}'; the one known is '{known}'")]
    Setting {
        /// Where.
        what: &'static str,
        /// What it says.
        value: String,
        /// What it may say.
        known: &'static str,
    },
    /// A figure that is not a non-negative number.
    #[error(transparent)]
    Figure(#[from] FigureError),
    /// A metric whose measure needs a key it lacks.
    #[error("metric '{metric}' ({measure}) needs {needs}")]
    MetricNeeds {
        /// The metric.
        metric: String,
        /// Its measure.
        measure: &'static str,
        /// What it lacks.
        needs: &'static str,
    },
    /// A step naming a credential `[[credentials]]` does not list.
    #[error(
        "metric '{metric}' step '{step}' names credential '{credential}', which [[credentials]] does not list"
    )]
    UnknownCredential {
        /// The metric.
        metric: String,
        /// The step.
        step: String,
        /// The credential.
        credential: String,
    },
    /// A step requiring a step that is not an earlier one of its metric.
    #[error(
        "metric '{metric}' step '{step}' requires '{requires}', which is not an earlier step of it"
    )]
    UnknownStep {
        /// The metric.
        metric: String,
        /// The step.
        step: String,
        /// What it names.
        requires: String,
    },
    /// Steps whose points on a path add up past the metric's.
    #[error(
        "metric '{metric}': its steps' points on path '{path}' add up to more than its {points}"
    )]
    StepsPastMetric {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
        /// The metric's points.
        points: f64,
    },
    /// An example naming an unknown metric, path or step.
    #[error("[[examples]] names {what} '{name}', which the rules do not define")]
    ExampleNames {
        /// "metric", "path" or "step".
        what: &'static str,
        /// The name.
        name: String,
    },
    /// One of the page's own examples that the rules do not score as the
    /// page does.
    #[error(
        "[[examples]] of metric '{metric}' on path '{path}': the rules give {got} points, the page {expected}"
    )]
    Example {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
        /// What the rules give.
        got: f64,
        /// What the page says.
        expected: f64,
    },
}

type Result<T> = std::result::Result<T, AcrRulesError>;

mod file;

pub(crate) use file::{AcrFile, ExampleEntry, StepEntry, check_examples, setting};

/// Reads a per-path table into figures in the paths' order.
/// A figure per path, in the paths' order, from a table keyed by path id.
pub(crate) type PerPath<'a> =
    dyn Fn(&dyn Fn() -> String, &BTreeMap<String, f64>) -> Result<Vec<f64>> + 'a;

/// What an ACR-scored metric measures, with its own figures.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AcrMeasure {
    /// Tenants with at least the path's ACR in one of the last `months`
    /// months, last month less the same month a year before.
    NetCustomers {
        /// The months a tenant's ACR is looked for in (2: this and the one
        /// before).
        months: u32,
        /// The ACR a tenant needs in one of them, per path.
        min: Vec<Amount>,
    },
    /// Last month's ACR against the same month a year before, in percent
    /// (to the hundredth), once the trailing twelve months reach `ttm_min`.
    GrowthPercent {
        /// The trailing twelve months' ACR needed for any points.
        ttm_min: Amount,
    },
    /// Distinct Service Level 2 services with ACR over the trailing twelve
    /// months, these left out.
    Services {
        /// The services left out, as written.
        excluded: Vec<String>,
        /// ...and folded for comparing.
        folded: Vec<String>,
    },
    /// Certified people by steps (gates, then electives).
    Steps(Vec<Step>),
}

impl AcrMeasure {
    /// The points family's measure it is shown as.
    pub(super) fn shown_as(&self) -> Measure {
        match self {
            AcrMeasure::NetCustomers { .. } => Measure::NetCustomerAdds,
            AcrMeasure::GrowthPercent { .. } => Measure::UsageGrowth,
            AcrMeasure::Services { .. } => Measure::NetNewDeployments,
            AcrMeasure::Steps(_) => Measure::CertifiedPeople,
        }
    }
}

/// How the track is told: the share of last month's customers in an SMB
/// segment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TrackRule {
    /// The path of a partner whose customers are SMB enough.
    pub(crate) smb: usize,
    /// The path otherwise.
    pub(crate) otherwise: usize,
    /// The share of customers (percent) that makes a partner SMB.
    pub(crate) share_percent: u32,
    /// The SMB segments, as written (for Run info) and folded.
    pub(crate) smb_segments: Vec<String>,
    pub(crate) smb_folded: Vec<String>,
    /// The segments known not to be SMB, folded (an unknown one is named).
    pub(crate) other_folded: Vec<String>,
}

impl TrackRule {
    /// Whether a segment as written is SMB (`Some(false)` when it is a
    /// known other segment, `None` when unknown).
    pub(crate) fn is_smb(&self, segment: &str) -> Option<bool> {
        let f = fold(segment);
        if self.smb_folded.contains(&f) {
            Some(true)
        } else if self.other_folded.contains(&f) {
            Some(false)
        } else {
            None
        }
    }
}

/// A validated ACR-scored rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct AcrScheme {
    /// The score's shape, as the points family shows it.
    pub(crate) scoring: Scoring,
    /// What each metric measures, in the metrics' order.
    pub(crate) measures: Vec<AcrMeasure>,
    /// How the track is told.
    pub(crate) track: TrackRule,
    /// ACR counts under these attributions.
    pub(crate) associations: Vec<Association>,
    /// Offers left out where a download has an offer column, as written...
    pub(crate) excluded_offers: Vec<String>,
    /// ...and folded.
    pub(crate) offers_folded: Vec<String>,
}

impl AcrScheme {
    /// Whether an offer as written is one left out.
    pub(crate) fn offer_excluded(&self, offer: &str) -> bool {
        let f = fold(offer);
        self.offers_folded.iter().any(|o| f.contains(o.as_str()))
    }
}
