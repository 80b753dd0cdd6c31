//! The common pieces of a rule set: how entitlements are figured, the
//! competency named, credentials, what a person still lacks, alerts.

use serde::Deserialize;

use crate::model::CredentialId;

/// How a partner's active entitlements are figured from its counted rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Method {
    /// Per workload, summed over customers; the partner's figure is its best workload.
    BestWorkload,
    /// Each customer's highest workload, summed over customers.
    CustomerMax,
    /// Every counted row added up.
    Sum,
}

impl Method {
    /// The name used in rules files.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::BestWorkload => "best-workload",
            Method::CustomerMax => "customer-max",
            Method::Sum => "sum",
        }
    }
}

/// The competency a rules file describes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Competency {
    /// The competency's name, e.g. "Cloud Productivity".
    pub(crate) name: String,
    /// The option within it, e.g. "Managed Service Partner".
    #[serde(default)]
    pub(crate) option: String,
    /// Where the requirement text comes from.
    #[serde(default)]
    pub(crate) source: String,
}

/// A credential the transcripts are searched for.
#[derive(Debug, Clone)]
pub(crate) struct CredentialDef {
    /// Its id, used by qualifications.
    pub(crate) id: CredentialId,
    /// A short label for actions ("70-347").
    pub(crate) label: String,
    /// Its full name.
    pub(crate) name: String,
    /// Folded fragments that must all appear in a transcript's text.
    pub(super) patterns: Vec<String>,
}

/// What a person still lacks on one qualification route.
///
/// The two parts are kept apart because they read differently: every one of
/// `all_of` is needed, but only one of `one_of` ("needs 70-347" against
/// "needs one of MDM, Information Protection or Cloud App Security").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Lacking {
    /// Credentials of the route's `all_of` the person does not hold.
    pub(crate) all_of: Vec<CredentialId>,
    /// The route's `any_of`, when the person holds none of it (any one will do).
    pub(crate) one_of: Vec<CredentialId>,
}

impl Lacking {
    /// Whether nothing is lacking (the person qualifies on this route).
    pub(crate) fn is_empty(&self) -> bool {
        self.all_of.is_empty() && self.one_of.is_empty()
    }

    /// How many more credentials the person must pass: an unmet `one_of`
    /// is one credential, however many it offers.
    pub(crate) fn count(&self) -> usize {
        self.all_of.len() + usize::from(!self.one_of.is_empty())
    }
}

/// The optional `[alerts]` table: when a partner counts as at risk.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Alerts {
    /// A partner whose active entitlements are less than this fraction above
    /// its level's threshold is at risk (0.05: within 5 %).
    #[serde(default = "Alerts::default_margin")]
    pub(crate) at_risk_margin: f64,
}

impl Alerts {
    /// The margin used when the rules file gives none: 5 %.
    pub(crate) const DEFAULT_MARGIN: f64 = 0.05;

    fn default_margin() -> f64 {
        Alerts::DEFAULT_MARGIN
    }

    /// Checks that a margin is a fraction from 0 up to 1.
    pub(crate) fn check_margin(margin: f64) -> Result<f64, MarginError> {
        if margin.is_finite() && (0.0..=1.0).contains(&margin) {
            Ok(margin)
        } else {
            Err(MarginError(margin))
        }
    }
}

/// An At Risk margin that is no fraction from 0 to 1 (from the rules file,
/// the config file or `--at-risk-margin`, each of which says where).
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[error("at_risk_margin {0} is not a fraction between 0 and 1 (0.05 means 5 %)")]
pub struct MarginError(pub(crate) f64);

impl Default for Alerts {
    fn default() -> Alerts {
        Alerts {
            at_risk_margin: Alerts::DEFAULT_MARGIN,
        }
    }
}
