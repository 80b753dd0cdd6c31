//! The rules file as written (TOML) and its validation: the common part
//! into [`Rules`], the rest, the tables a family reads, into its scheme.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::{
    Alerts, Competency, CredentialDef, Family, MarginError, Method, RuleSet, Rules, RulesError,
    exam_codes,
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
    /// Absent where the family reads no licence workloads (a designation
    /// scored from Azure consumed revenue); [`Family::READS_WORKLOADS`] says.
    #[serde(default)]
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
    /// The metrics it counts for, where not all (a designation's).
    #[serde(default)]
    metrics: Option<Vec<String>>,
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
    /// Other names (a former one), each a list like `match`.
    #[serde(default)]
    also_match: Vec<Vec<String>>,
    /// Exam codes that name it on their own.
    #[serde(default)]
    exams: Vec<String>,
    /// Named by an exam alone, one of these is needed too.
    #[serde(default)]
    exams_need_one_of: Vec<CredentialId>,
    /// The last day it counts (a TOML date).
    #[serde(default)]
    counts_through: Option<toml::value::Datetime>,
    /// Its retirement date (a TOML date): a pass on or after it does not count.
    #[serde(default)]
    retires: Option<toml::value::Datetime>,
}

impl<F: Family> RuleSet<F> {
    /// Parses and validates rules of family `F` from TOML text; `origin`
    /// names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<RuleSet<F>, RulesError> {
        let (mut rules, tables) = Rules::parse_common(text, origin)?;
        if F::READS_WORKLOADS && rules.workloads.is_empty() {
            return Err(RulesError::Invalid {
                path: origin.to_string(),
                problem: Inconsistency::NoWorkloads,
            });
        }
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

        let mut workload_aliases = HashMap::new();
        let mut workloads = Vec::new();
        let mut workload_metrics = Vec::new();
        for entry in &file.workloads {
            let workload = Workload::new(entry.name.trim());
            if let Some(metrics) = &entry.metrics {
                if metrics.is_empty() {
                    return Err(invalid(Inconsistency::NoMetricsForWorkload(workload)));
                }
                workload_metrics.push((workload.clone(), metrics.clone()));
            }
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
        for entry in &file.credentials {
            if !ids.insert(entry.id.clone()) {
                return Err(invalid(Inconsistency::CredentialTwice(entry.id.clone())));
            }
        }
        for entry in file.credentials {
            credentials.push(credential(entry, &ids).map_err(invalid)?);
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
            workload_metrics,
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

/// One `[[credentials]]` entry validated: its names folded, its exams
/// normalised, its prerequisites among `ids`, its date a date.
fn credential(
    entry: CredentialEntry,
    ids: &HashSet<CredentialId>,
) -> Result<CredentialDef, Inconsistency> {
    let id = entry.id;
    let mut patterns = Vec::new();
    for names in std::iter::once(entry.patterns).chain(entry.also_match) {
        let folded: Vec<String> = names.iter().map(|p| fold(p)).collect();
        if folded.is_empty() || folded.iter().any(String::is_empty) {
            return Err(Inconsistency::NoMatch(id));
        }
        patterns.push(folded);
    }
    let mut exams = Vec::new();
    for exam in &entry.exams {
        match exam_codes(exam).as_slice() {
            [code] => exams.push(code.clone()),
            _ => {
                return Err(Inconsistency::NotAnExam {
                    credential: id,
                    exam: exam.clone(),
                });
            }
        }
    }
    if !entry.exams_need_one_of.is_empty() && exams.is_empty() {
        return Err(Inconsistency::PrerequisitesWithoutExam(id));
    }
    if let Some(other) = entry
        .exams_need_one_of
        .iter()
        .find(|p| !ids.contains(*p) || **p == id)
    {
        return Err(Inconsistency::UnknownPrerequisite {
            credential: id.clone(),
            prerequisite: other.clone(),
        });
    }
    let date = |d: Option<toml::value::Datetime>| match d {
        None => Ok(None),
        Some(d) => toml_date(&d)
            .map(Some)
            .ok_or_else(|| Inconsistency::NotADate {
                credential: id.clone(),
                value: d.to_string(),
            }),
    };
    let counts_through = date(entry.counts_through)?;
    let retires = date(entry.retires)?;
    Ok(CredentialDef {
        label: entry.label.unwrap_or_else(|| id.to_string()),
        id,
        name: entry.name,
        patterns,
        exams,
        exams_need_one_of: entry.exams_need_one_of,
        counts_through,
        retires,
    })
}

/// A TOML date without a time (`2027-03-31`) as a date.
fn toml_date(d: &toml::value::Datetime) -> Option<chrono::NaiveDate> {
    match (&d.date, &d.time, &d.offset) {
        (Some(date), None, None) => chrono::NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        ),
        _ => None,
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
    /// An exam that is no exam code.
    #[error(
        "credential '{credential}' lists exam '{exam}', which is no exam code (letters and digits: MS-102)"
    )]
    NotAnExam {
        /// The credential.
        credential: CredentialId,
        /// The exam as written.
        exam: String,
    },
    /// Prerequisites for an exam on a credential named by no exam.
    #[error("credential '{0}' has exams_need_one_of but no exams")]
    PrerequisitesWithoutExam(CredentialId),
    /// A prerequisite that is no other credential of the file.
    #[error(
        "credential '{credential}' needs '{prerequisite}', which is no other credential in [[credentials]]"
    )]
    UnknownPrerequisite {
        /// The credential.
        credential: CredentialId,
        /// The prerequisite it names.
        prerequisite: CredentialId,
    },
    /// A counts-through date that is no plain date.
    #[error(
        "credential '{credential}' counts_through {value} is not a date (write it as 2027-03-31)"
    )]
    NotADate {
        /// The credential.
        credential: CredentialId,
        /// As written.
        value: String,
    },
    /// A workload that counts for no metric.
    #[error("workload '{0}' lists no metrics (leave `metrics` out for all)")]
    NoMetricsForWorkload(Workload),
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
