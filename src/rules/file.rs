//! The rules file as written (TOML) and its validation: the common part
//! into [`Rules`], the rest, the tables a family reads, into its scheme.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::{
    Alerts, Competency, CredentialDef, Family, MarginError, Method, RuleSet, Rules, RulesError,
};
use crate::model::{Association, CredentialId, Sku, Workload, fold};

/// The months a customer counts as new for when the rules file does not say.
const DEFAULT_NEW_CUSTOMER_WINDOW_MONTHS: u32 = 12;

/// The common part of a rules file as written, before validation; every
/// other top-level table is the family's (`family`).
#[derive(Debug, Deserialize)]
struct RulesFile {
    competency: Competency,
    entitlements: EntitlementsSection,
    workloads: Vec<WorkloadEntry>,
    #[serde(default)]
    markets: MarketsSection,
    credentials: Vec<CredentialEntry>,
    #[serde(default)]
    alerts: Alerts,
    /// The tables the common part does not know: the family's.
    #[serde(flatten)]
    family: toml::Table,
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

impl<F: Family> RuleSet<F> {
    /// Parses and validates rules of family `F` from TOML text; `origin`
    /// names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<RuleSet<F>, RulesError> {
        let (mut rules, tables) = Rules::parse_common(text, origin)?;
        let scheme = F::scheme(tables, &mut rules).map_err(|source| RulesError::Scheme {
            path: origin.to_string(),
            source,
        })?;
        Ok(RuleSet { rules, scheme })
    }
}

/// A rules file's text.
pub(crate) fn read(path: &Path) -> Result<String, RulesError> {
    std::fs::read_to_string(path).map_err(|source| RulesError::Read {
        path: path.display().to_string(),
        source,
    })
}

/// The top-level tables of a rules file, for telling its family.
pub(crate) fn top_level_keys(text: &str, origin: &str) -> Result<Vec<String>, RulesError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| RulesError::Syntax {
        path: origin.to_string(),
        message: e.to_string(),
    })?;
    Ok(table.keys().cloned().collect())
}

impl Rules {
    /// Parses and validates the common part of a rules file; returns it
    /// with the tables it leaves to the family.
    pub(super) fn parse_common(
        text: &str,
        origin: &str,
    ) -> Result<(Rules, toml::Table), RulesError> {
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

        if file.entitlements.new_customer_window_months == 0 {
            return Err(invalid(Inconsistency::ZeroWindow));
        }
        if file.entitlements.associations.is_empty() || file.entitlements.skus.is_empty() {
            return Err(invalid(Inconsistency::NothingCounted));
        }

        Alerts::check_margin(file.alerts.at_risk_margin)
            .map_err(|e| invalid(Inconsistency::Margin(e)))?;

        let rules = Rules {
            alerts: file.alerts,
            competency: file.competency,
            method: file.entitlements.method,
            associations: file.entitlements.associations.into_iter().collect(),
            skus: file.entitlements.skus.into_iter().collect(),
            workloads,
            credentials,
            new_customer_window_months: file.entitlements.new_customer_window_months,
            // The family says whether it counts new customers and tells
            // markets apart.
            counts_new_customers: false,
            market_split: false,
            baseline_months: None,
            emerging_folded: file
                .markets
                .emerging_countries
                .iter()
                .map(|c| fold(c))
                .collect(),
            emerging_countries: file.markets.emerging_countries,
            workload_aliases,
        };
        Ok((rules, file.family))
    }
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
    /// A new-customer window of no months.
    #[error("[entitlements] new_customer_window_months must be at least 1")]
    ZeroWindow,
    /// Nothing could ever count.
    #[error("[entitlements] must list at least one association and one sku")]
    NothingCounted,
    /// The At Risk margin.
    #[error("[alerts] {0}")]
    Margin(MarginError),
}
