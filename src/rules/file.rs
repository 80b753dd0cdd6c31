//! The rules file as written (TOML) and its validation into [`Rules`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

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
    qualifications: Vec<Qualification>,
    levels: BTreeMap<Level, Threshold>,
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
    pub fn from_path(path: &Path) -> Result<Rules, RulesError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Read {
            path: shown.clone(),
            source,
        })?;
        Rules::parse(&text, &shown)
    }

    /// Parses and validates rules from TOML text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Rules, RulesError> {
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

        if file.qualifications.is_empty() {
            return Err(invalid("no [[qualifications]] are listed".into()));
        }
        for (i, q) in file.qualifications.iter().enumerate() {
            if q.all_of.is_empty() && q.any_of.is_empty() {
                return Err(invalid(format!(
                    "qualification {} names no credential",
                    i + 1
                )));
            }
            for id in q.all_of.iter().chain(&q.any_of) {
                if !ids.contains(id) {
                    return Err(invalid(format!(
                        "qualification {} names credential '{id}', which is not in [[credentials]]",
                        i + 1
                    )));
                }
            }
        }

        if file.levels.contains_key(&Level::None) {
            return Err(invalid("[levels.none] cannot have a threshold".into()));
        }
        for level in Level::ATTAINABLE {
            if !file.levels.contains_key(&level) {
                return Err(invalid(format!("[levels.{}] is missing", level.as_str())));
            }
        }
        let (silver, gold) = (file.levels[&Level::Silver], file.levels[&Level::Gold]);
        for market in [Market::Mature, Market::Emerging] {
            if gold.entitlements.get(market) < silver.entitlements.get(market) {
                return Err(invalid(format!(
                    "gold needs fewer {} entitlements than silver",
                    market.as_str()
                )));
            }
        }
        if gold.people < silver.people {
            return Err(invalid("gold needs fewer people than silver".into()));
        }
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
            levels: file.levels,
            emerging_folded: file
                .markets
                .emerging_countries
                .iter()
                .map(|c| fold(c))
                .collect(),
            emerging_countries: file.markets.emerging_countries,
            new_customer_window_months: file.entitlements.new_customer_window_months,
            workload_aliases,
        })
    }
}
