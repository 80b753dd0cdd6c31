//! The common pieces of a rule set: how entitlements are figured, the
//! competency named, credentials, what a person still lacks, alerts.

use chrono::NaiveDate;
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
    /// A short name where the name is long ("Modern Work"): the name of the
    /// rule set's sheet in a report that holds several.
    #[serde(default)]
    pub(crate) short_name: Option<String>,
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
    /// Ways a transcript's text names it: each a list of folded fragments
    /// that must all appear (its name, and any earlier name).
    pub(super) patterns: Vec<Vec<String>>,
    /// Exam codes that name it on their own ("MS102": a certification
    /// earned by one exam is recognised by its exam), normalised.
    pub(super) exams: Vec<String>,
    /// Named by an exam alone, it counts only for a person who also holds
    /// one of these (its prerequisites); empty: the exam is enough.
    pub(crate) exams_need_one_of: Vec<CredentialId>,
    /// The last day it counts, if the programme says ("remains eligible
    /// ... through March 31, 2027"); after it, it counts nowhere.
    pub(crate) counts_through: Option<NaiveDate>,
    /// Its retirement date, if the programme gives one: a pass on or
    /// after it does not count ("if completed before retirement").
    pub(crate) retires: Option<NaiveDate>,
}

impl CredentialDef {
    /// Whether a transcript's text names it: by one of its names (every
    /// fragment of one of its patterns), or by one of its exams.
    pub(super) fn named_in(&self, folded: &str, codes: &[String]) -> bool {
        self.named_by_name(folded) || self.exams.iter().any(|e| codes.contains(e))
    }

    /// Whether a transcript's text names it by a name, not an exam alone.
    pub(super) fn named_by_name(&self, folded: &str) -> bool {
        self.patterns
            .iter()
            .any(|fragments| fragments.iter().all(|p| folded.contains(p.as_str())))
    }
}

/// The exam codes a transcript's text holds, normalised: letters then
/// digits, with or without a hyphen or space between (`Exam MS-102:`,
/// `MS 102`, `ms102` are all `MS102`). A code is a whole word: `MS-1020`
/// and `AMS-102` are not `MS102`.
pub(crate) fn exam_codes(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    let letters =
        |w: &str| (2..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_alphabetic());
    let digits = |w: &str| (2..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let split = w.find(|c: char| c.is_ascii_digit());
        if let Some(at) = split
            && letters(&w[..at])
            && digits(&w[at..])
        {
            out.push(w.clone());
        } else if letters(w)
            && let Some(next) = words.get(i + 1)
            && digits(next)
        {
            out.push(format!("{w}{next}"));
        }
    }
    out
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
