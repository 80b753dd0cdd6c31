//! The rules file as written (TOML) and its validation into [`Rules`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::points::{MetricEntry, PathEntry, ScoreSection, ScoringFile};
use super::{
    Alerts, Competency, CredentialDef, Method, Qualification, Rules, RulesError, Threshold,
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
        let invalid = |message: String| RulesError::Invalid {
            path: origin.to_string(),
            message,
        };

        if file.workloads.is_empty() {
            return Err(invalid("no [[workloads]] are listed".into()));
        }
        let mut workload_aliases = HashMap::new();
        let mut workloads = Vec::new();
        for entry in &file.workloads {
            let workload = Workload::new(entry.name.trim());
            for spelling in std::iter::once(&entry.name).chain(&entry.aliases) {
                let key = fold(spelling);
                if key.is_empty() {
                    return Err(invalid(format!(
                        "workload '{}' has an empty alias",
                        entry.name
                    )));
                }
                if let Some(other) = workload_aliases.insert(key, workload.clone())
                    && other != workload
                {
                    return Err(invalid(format!(
                        "'{spelling}' names both workload '{other}' and '{workload}'"
                    )));
                }
            }
            workloads.push(workload);
        }

        let mut credentials = Vec::new();
        let mut ids = HashSet::new();
        for entry in file.credentials {
            if !ids.insert(entry.id.clone()) {
                return Err(invalid(format!(
                    "credential '{}' is listed twice",
                    entry.id
                )));
            }
            let patterns: Vec<String> = entry.patterns.iter().map(|p| fold(p)).collect();
            if patterns.is_empty() || patterns.iter().any(String::is_empty) {
                return Err(invalid(format!(
                    "credential '{}' needs a non-empty `match` list",
                    entry.id
                )));
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
                    return Err(invalid(
                        "[[paths]] and [[metrics]] belong to a points-scored rule set, which needs [score]".into(),
                    ));
                }
                let levels = file.levels.ok_or_else(|| {
                    invalid("[levels] is missing (or [score], for a points-scored rule set)".into())
                })?;
                check_levels(&file.qualifications, &levels, &ids).map_err(invalid)?;
                (levels, None)
            }
            Some(score) => {
                if file.levels.is_some() || !file.qualifications.is_empty() {
                    return Err(invalid(
                        "a rule set is scored either by [levels] and [[qualifications]] or by [score] points, not both".into(),
                    ));
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
                .map_err(invalid)?;
                (BTreeMap::new(), Some(scoring))
            }
        };
        // New customers are deliberately not checked the same way: the
        // published Enterprise Mobility Management SMB option asks Silver
        // for 20 and Gold for 5.
        if file.entitlements.new_customer_window_months == 0 {
            return Err(invalid(
                "[entitlements] new_customer_window_months must be at least 1".into(),
            ));
        }
        if file.entitlements.associations.is_empty() || file.entitlements.skus.is_empty() {
            return Err(invalid(
                "[entitlements] must list at least one association and one sku".into(),
            ));
        }

        Alerts::check_margin(file.alerts.at_risk_margin)
            .map_err(|m| invalid(format!("[alerts] {m}")))?;

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
) -> Result<(), String> {
    if qualifications.is_empty() {
        return Err("no [[qualifications]] are listed".into());
    }
    for (i, q) in qualifications.iter().enumerate() {
        if q.all_of.is_empty() && q.any_of.is_empty() {
            return Err(format!("qualification {} names no credential", i + 1));
        }
        for id in q.all_of.iter().chain(&q.any_of) {
            if !ids.contains(id) {
                return Err(format!(
                    "qualification {} names credential '{id}', which is not in [[credentials]]",
                    i + 1
                ));
            }
        }
    }
    for level in [Level::None, Level::Qualified] {
        if levels.contains_key(&level) {
            return Err(format!(
                "[levels.{}] cannot have a threshold",
                level.as_str()
            ));
        }
    }
    for level in Level::ATTAINABLE {
        if !levels.contains_key(&level) {
            return Err(format!("[levels.{}] is missing", level.as_str()));
        }
    }
    let (silver, gold) = (levels[&Level::Silver], levels[&Level::Gold]);
    for market in [Market::Mature, Market::Emerging] {
        if gold.entitlements.get(market) < silver.entitlements.get(market) {
            return Err(format!(
                "gold needs fewer {} entitlements than silver",
                market.as_str()
            ));
        }
    }
    if gold.people < silver.people {
        return Err("gold needs fewer people than silver".into());
    }
    Ok(())
}
