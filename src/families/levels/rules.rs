//! A competency's own tables in a rules file: `[levels]` (what Silver and
//! Gold ask for, per market) and `[[qualifications]]` (the routes by which
//! a person qualifies), validated once.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Deserialize;

use crate::model::{CredentialId, Level, Market};
use crate::rules::{Lacking, Rules};

/// A competency's scheme: what each level asks for and who qualifies.
#[derive(Debug, Clone)]
pub struct LevelScheme {
    /// What each attainable level asks for.
    pub(crate) levels: BTreeMap<Level, Threshold>,
    /// The routes by which a person qualifies.
    pub(crate) qualifications: Vec<Qualification>,
}

impl LevelScheme {
    /// What a level asks for (none asks for nothing).
    pub(crate) fn threshold(&self, level: Level) -> Option<&Threshold> {
        self.levels.get(&level)
    }

    /// Whether a person holding `held` qualifies by any route.
    pub(crate) fn qualifies(&self, held: &BTreeSet<CredentialId>) -> bool {
        self.qualifications
            .iter()
            .any(|q| q.missing(held).is_empty())
    }

    /// The route a person is closest to and what it still lacks.
    ///
    /// Closest means fewest credentials missing (an unmet "one of" counts as
    /// one); ties go to the route the person has made most progress on, then
    /// to the rules file's order.
    pub(crate) fn closest_route(&self, held: &BTreeSet<CredentialId>) -> (usize, Lacking) {
        self.qualifications
            .iter()
            .enumerate()
            .map(|(i, q)| (i, q.missing(held), q.progress(held)))
            .min_by(|a, b| a.1.count().cmp(&b.1.count()).then(b.2.cmp(&a.2)))
            .map(|(i, missing, _)| (i, missing))
            .unwrap_or_default()
    }

    /// Whether any level asks for new customers.
    pub(crate) fn counts_new_customers(&self) -> bool {
        self.levels.values().any(|t| t.new_customers > 0)
    }

    /// Whether any threshold differs between mature and emerging markets.
    pub(crate) fn has_market_split(&self) -> bool {
        self.levels
            .values()
            .any(|t| t.entitlements.mature != t.entitlements.emerging)
    }
}

/// A competency's tables as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LevelsFile {
    #[serde(default)]
    qualifications: Vec<Qualification>,
    levels: BTreeMap<Level, Threshold>,
}

impl LevelsFile {
    /// Checks the tables against the common part of the rules.
    pub(super) fn validate(self, rules: &Rules) -> Result<LevelScheme, LevelsError> {
        let ids: HashSet<CredentialId> = rules.credentials.iter().map(|c| c.id.clone()).collect();
        // A competency has no metrics for a workload to be limited to.
        if let Some((w, _)) = rules.workload_metrics.first() {
            return Err(LevelsError::WorkloadMetrics(w.to_string()));
        }
        check_levels(&self.qualifications, &self.levels, &ids)?;
        Ok(LevelScheme {
            levels: self.levels,
            qualifications: self.qualifications,
        })
    }
}

/// One route by which a person qualifies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Qualification {
    /// Credentials the person must hold, all of them.
    #[serde(default)]
    pub(crate) all_of: Vec<CredentialId>,
    /// Credentials of which the person must hold at least one (if not empty).
    #[serde(default)]
    pub(crate) any_of: Vec<CredentialId>,
}

impl Qualification {
    /// What a person holding `held` still lacks on this route (empty: qualified).
    pub(crate) fn missing(&self, held: &BTreeSet<CredentialId>) -> Lacking {
        let all_of = self
            .all_of
            .iter()
            .filter(|c| !held.contains(*c))
            .cloned()
            .collect();
        let one_of = if self.any_of.iter().any(|c| held.contains(c)) {
            Vec::new()
        } else {
            self.any_of.clone()
        };
        Lacking { all_of, one_of }
    }

    /// How many of this route's credentials the person already holds.
    pub(crate) fn progress(&self, held: &BTreeSet<CredentialId>) -> usize {
        self.all_of.iter().filter(|c| held.contains(*c)).count()
            + usize::from(self.any_of.iter().any(|c| held.contains(c)))
    }
}

/// What one level asks for.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Threshold {
    /// Active entitlements needed, by market.
    pub(crate) entitlements: ByMarket,
    /// Qualified people needed.
    pub(crate) people: u32,
    /// New customers needed: customers first added within the rules' window
    /// before the as-of date. 0 (the default) when the level asks for none.
    #[serde(default)]
    pub(crate) new_customers: u32,
}

/// A number that depends on the partner's market.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ByMarket {
    /// For developed (mature) markets.
    pub(crate) mature: u64,
    /// For developing (emerging) markets.
    pub(crate) emerging: u64,
}

impl ByMarket {
    /// The figure for a market.
    pub(crate) fn get(&self, market: Market) -> u64 {
        match market {
            Market::Mature => self.mature,
            Market::Emerging => self.emerging,
        }
    }
}

/// Checks a threshold-based rule set's qualification routes and levels.
fn check_levels(
    qualifications: &[Qualification],
    levels: &BTreeMap<Level, Threshold>,
    ids: &HashSet<CredentialId>,
) -> Result<(), LevelsError> {
    if qualifications.is_empty() {
        return Err(LevelsError::NoQualifications);
    }
    for (i, q) in qualifications.iter().enumerate() {
        if q.all_of.is_empty() && q.any_of.is_empty() {
            return Err(LevelsError::EmptyQualification(i + 1));
        }
        for id in q.all_of.iter().chain(&q.any_of) {
            if !ids.contains(id) {
                return Err(LevelsError::UnknownCredential {
                    qualification: i + 1,
                    credential: id.clone(),
                });
            }
        }
    }
    for level in [Level::None, Level::Qualified] {
        if levels.contains_key(&level) {
            return Err(LevelsError::ThresholdForbidden(level));
        }
    }
    for level in Level::ATTAINABLE {
        if !levels.contains_key(&level) {
            return Err(LevelsError::LevelMissing(level));
        }
    }
    let (silver, gold) = (levels[&Level::Silver], levels[&Level::Gold]);
    for market in [Market::Mature, Market::Emerging] {
        if gold.entitlements.get(market) < silver.entitlements.get(market) {
            return Err(LevelsError::GoldBelowSilver(market));
        }
    }
    if gold.people < silver.people {
        return Err(LevelsError::GoldFewerPeople);
    }
    Ok(())
}

/// What does not hold together in a competency's `[levels]` and
/// `[[qualifications]]`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LevelsError {
    /// No `[[qualifications]]` in a threshold rule set.
    #[error("no [[qualifications]] are listed")]
    NoQualifications,
    /// A qualification (numbered from 1) naming no credential.
    #[error("qualification {0} names no credential")]
    EmptyQualification(usize),
    /// A qualification naming a credential the rules do not define.
    #[error(
        "qualification {qualification} names credential '{credential}', which is not in [[credentials]]"
    )]
    UnknownCredential {
        /// The qualification, numbered from 1.
        qualification: usize,
        /// The credential it names.
        credential: CredentialId,
    },
    /// A threshold for a level that has none (`none`, `qualified`).
    #[error("[levels.{}] cannot have a threshold", .0.as_str())]
    ThresholdForbidden(Level),
    /// A level without its threshold.
    #[error("[levels.{}] is missing", .0.as_str())]
    LevelMissing(Level),
    /// Gold asking fewer entitlements than Silver in a market.
    #[error("gold needs fewer {} entitlements than silver", .0.as_str())]
    GoldBelowSilver(Market),
    /// Gold asking fewer people than Silver.
    #[error("gold needs fewer people than silver")]
    GoldFewerPeople,
    /// A workload limited to some metrics, which a competency does not have.
    #[error("workload '{0}' lists metrics, which only a points-scored rule set has")]
    WorkloadMetrics(String),
}
