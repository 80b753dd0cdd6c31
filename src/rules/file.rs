//! The rules file as written (TOML) and its validation into [`Rules`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::points::{MetricEntry, PathEntry, ScoreSection, ScoringError, ScoringFile};
use super::{
    Alerts, Competency, CredentialDef, MarginError, Method, Qualification, Rules, RulesError,
    Threshold,
};
use crate::model::{Association, CredentialId, Level, Market, Sku, Workload, fold};

/// The months a customer counts as new for when the rules file does not say.
const DEFAULT_NEW_CUSTOMER_WINDOW_MONTHS: u32 = 12;

/// The rules file as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    competency: Competency,
    entitlements: EntitlementsSection,
    workloads: Vec<WorkloadEntry>,
    #[serde(default)]
    markets: MarketsSection,
    credentials: Vec<CredentialEntry>,
    /// Threshold-based rule sets (the competencies): who qualifies, and
    /// what each level asks for.
    #[serde(default)]
    qualifications: Vec<Qualification>,
    #[serde(default)]
    levels: Option<BTreeMap<Level, Threshold>>,
    /// Points-scored rule sets (capability scores): `[score]` makes one.
    #[serde(default)]
    score: Option<ScoreSection>,
    #[serde(default)]
    paths: Vec<PathEntry>,
    #[serde(default)]
    metrics: Vec<MetricEntry>,
    #[serde(default)]
    association_groups: BTreeMap<String, Vec<Association>>,
    #[serde(default)]
    alerts: Alerts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitlementsSection {
    method: Method,
    associations: Vec<Association>,
    skus: Vec<Sku>,
    #[serde(default = "default_window")]
    new_customer_window_months: u32,
}

fn default_window() -> u32 {
    DEFAULT_NEW_CUSTOMER_WINDOW_MONTHS
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkloadEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarketsSection {
    #[serde(default)]
    emerging_countries: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialEntry {
    id: CredentialId,
    #[serde(default)]
    label: Option<String>,
    name: String,
    #[serde(rename = "match")]
    patterns: Vec<String>,
}

impl Rules {
    /// Reads and validates a rules file.
    pub(crate) fn from_path(path: &Path) -> Result<Rules, RulesError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Read {
            path: shown.clone(),
            source,
        })?;
        Rules::parse(&text, &shown)
    }

    /// Parses and validates rules from TOML text; `origin` names it in errors.
    pub(crate) fn parse(text: &str, origin: &str) -> Result<Rules, RulesError> {
        let file: RulesFile = toml::from_str(text).map_err(|e| RulesError::Syntax {
            path: origin.to_string(),
            message: e.to_string(),
        })?;
        let invalid = |problem: Inconsistency| RulesError::Invalid {
            path: origin.to_string(),
            problem,
        };

        if file.workloads.is_empty() {
            return Err(invalid(Inconsistency::NoWorkloads));
        }
        let mut workload_aliases = HashMap::new();
        let mut workloads = Vec::new();
        for entry in &file.workloads {
            let workload = Workload::new(entry.name.trim());
            for spelling in std::iter::once(&entry.name).chain(&entry.aliases) {
                let key = fold(spelling);
                if key.is_empty() {
                    return Err(invalid(Inconsistency::EmptyAlias(entry.name.clone())));
                }
                if let Some(other) = workload_aliases.insert(key, workload.clone())
                    && other != workload
                {
                    return Err(invalid(Inconsistency::AliasOfTwo {
                        spelling: spelling.clone(),
                        first: other,
                        second: workload,
                    }));
                }
            }
            workloads.push(workload);
        }

        let mut credentials = Vec::new();
        let mut ids = HashSet::new();
        for entry in file.credentials {
            if !ids.insert(entry.id.clone()) {
                return Err(invalid(Inconsistency::CredentialTwice(entry.id)));
            }
            let patterns: Vec<String> = entry.patterns.iter().map(|p| fold(p)).collect();
            if patterns.is_empty() || patterns.iter().any(String::is_empty) {
                return Err(invalid(Inconsistency::NoMatch(entry.id)));
            }
            credentials.push(CredentialDef {
                label: entry.label.unwrap_or_else(|| entry.id.to_string()),
                id: entry.id,
                name: entry.name,
                patterns,
            });
        }

        let (levels, scoring) = match file.score {
            None => {
                if !file.paths.is_empty() || !file.metrics.is_empty() {
                    return Err(invalid(Inconsistency::PointsWithoutScore));
                }
                let levels = file
                    .levels
                    .ok_or_else(|| invalid(Inconsistency::NoLevels))?;
                check_levels(&file.qualifications, &levels, &ids).map_err(invalid)?;
                (levels, None)
            }
            Some(score) => {
                if file.levels.is_some() || !file.qualifications.is_empty() {
                    return Err(invalid(Inconsistency::TwoScorings));
                }
                let counted: Vec<Association> = file.entitlements.associations.clone();
                let known: Vec<CredentialId> = ids.iter().cloned().collect();
                let scoring = ScoringFile {
                    score,
                    paths: file.paths,
                    metrics: file.metrics,
                    association_groups: file.association_groups,
                    counted: &counted,
                    credentials: &known,
                }
                .validate()
                .map_err(|e| invalid(e.into()))?;
                (BTreeMap::new(), Some(scoring))
            }
        };
        // New customers are deliberately not checked the same way: the
        // published Enterprise Mobility Management SMB option asks Silver
        // for 20 and Gold for 5.
        if file.entitlements.new_customer_window_months == 0 {
            return Err(invalid(Inconsistency::ZeroWindow));
        }
        if file.entitlements.associations.is_empty() || file.entitlements.skus.is_empty() {
            return Err(invalid(Inconsistency::NothingCounted));
        }

        Alerts::check_margin(file.alerts.at_risk_margin)
            .map_err(|e| invalid(Inconsistency::Margin(e)))?;

        Ok(Rules {
            alerts: file.alerts,
            competency: file.competency,
            method: file.entitlements.method,
            associations: file.entitlements.associations.into_iter().collect(),
            skus: file.entitlements.skus.into_iter().collect(),
            workloads,
            credentials,
            qualifications: file.qualifications,
            // A points-scored rule set's window is its score's.
            new_customer_window_months: scoring
                .as_ref()
                .map_or(file.entitlements.new_customer_window_months, |s| {
                    s.window_months
                }),
            levels,
            scoring,
            emerging_folded: file
                .markets
                .emerging_countries
                .iter()
                .map(|c| fold(c))
                .collect(),
            emerging_countries: file.markets.emerging_countries,
            workload_aliases,
        })
    }
}

/// Checks a threshold-based rule set's qualification routes and levels.
fn check_levels(
    qualifications: &[Qualification],
    levels: &BTreeMap<Level, Threshold>,
    ids: &HashSet<CredentialId>,
) -> Result<(), Inconsistency> {
    if qualifications.is_empty() {
        return Err(Inconsistency::NoQualifications);
    }
    for (i, q) in qualifications.iter().enumerate() {
        if q.all_of.is_empty() && q.any_of.is_empty() {
            return Err(Inconsistency::EmptyQualification(i + 1));
        }
        for id in q.all_of.iter().chain(&q.any_of) {
            if !ids.contains(id) {
                return Err(Inconsistency::UnknownCredential {
                    qualification: i + 1,
                    credential: id.clone(),
                });
            }
        }
    }
    for level in [Level::None, Level::Qualified] {
        if levels.contains_key(&level) {
            return Err(Inconsistency::ThresholdForbidden(level));
        }
    }
    for level in Level::ATTAINABLE {
        if !levels.contains_key(&level) {
            return Err(Inconsistency::LevelMissing(level));
        }
    }
    let (silver, gold) = (levels[&Level::Silver], levels[&Level::Gold]);
    for market in [Market::Mature, Market::Emerging] {
        if gold.entitlements.get(market) < silver.entitlements.get(market) {
            return Err(Inconsistency::GoldBelowSilver(market));
        }
    }
    if gold.people < silver.people {
        return Err(Inconsistency::GoldFewerPeople);
    }
    Ok(())
}

/// What does not hold together in a rules file that parses.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Inconsistency {
    /// No `[[workloads]]`.
    #[error("no [[workloads]] are listed")]
    NoWorkloads,
    /// A workload with an empty name or alias.
    #[error("workload '{0}' has an empty alias")]
    EmptyAlias(String),
    /// One spelling that names two workloads.
    #[error("'{spelling}' names both workload '{first}' and '{second}'")]
    AliasOfTwo {
        /// The spelling.
        spelling: String,
        /// The workload it named first.
        first: Workload,
        /// The other.
        second: Workload,
    },
    /// Two credentials with one id.
    #[error("credential '{0}' is listed twice")]
    CredentialTwice(CredentialId),
    /// A credential nothing in a transcript can match.
    #[error("credential '{0}' needs a non-empty `match` list")]
    NoMatch(CredentialId),
    /// Points-scored parts without `[score]`.
    #[error("[[paths]] and [[metrics]] belong to a points-scored rule set, which needs [score]")]
    PointsWithoutScore,
    /// Neither `[levels]` nor `[score]`.
    #[error("[levels] is missing (or [score], for a points-scored rule set)")]
    NoLevels,
    /// Both `[levels]` (or qualifications) and `[score]`.
    #[error(
        "a rule set is scored either by [levels] and [[qualifications]] or by [score] points, not both"
    )]
    TwoScorings,
    /// A new-customer window of no months.
    #[error("[entitlements] new_customer_window_months must be at least 1")]
    ZeroWindow,
    /// Nothing could ever count.
    #[error("[entitlements] must list at least one association and one sku")]
    NothingCounted,
    /// The At Risk margin.
    #[error("[alerts] {0}")]
    Margin(MarginError),
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
    /// The points-scored parts.
    #[error(transparent)]
    Scoring(#[from] ScoringError),
}
