//! The rules file: what a competency asks for, read from TOML and validated
//! once into plain data the evaluation can use without further checks.
//!
//! Every rule set in `templates/` is embedded in the binary (`shipped::SHIPPED`) and
//! can be picked by name (`--rules enterprise-mobility-management-smb`); the
//! default is `cloud-productivity`. `--rules FILE` reads any other file of
//! the same format.
//!
//! The folder follows the file's life: `file` is the TOML as written and
//! its validation into [`Rules`] (the common part every rule set has) and
//! a family's [`Family::Scheme`] (the rest), [`family`] what a rule family
//! is, `requirement` the common pieces (credentials, what a person lacks,
//! alerts), `shipped` the rule sets embedded in the binary, and `describe`
//! the common part in plain words for `competency-report rules`. The
//! families themselves (which tables they read, what they decide) live in
//! `crate::families`.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Months, NaiveDate};

use crate::model::{Association, CredentialId, Market, Sku, Workload, fold};

mod describe;
pub mod family;
mod file;
mod requirement;
mod shipped;

pub use family::{Family, PersonStanding, RuleSet, SchemeError};
pub use file::Inconsistency;
pub(crate) use file::top_level_keys;
pub use requirement::MarginError;
pub(crate) use requirement::{Alerts, Competency, CredentialDef, Lacking, Method};
pub use shipped::RulesOrigin;
pub(crate) use shipped::{DEFAULT_NAME, SHIPPED, find, text_of};

/// Why a rules file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The file could not be read.
    #[error("cannot read rules file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown or missing keys.
    #[error("rules file {path} is not valid: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// What the TOML parser said.
        message: String,
    },
    /// The TOML parses, but what it says does not hold together.
    #[error("rules file {path}: {problem}")]
    Invalid {
        /// The file.
        path: String,
        /// What is inconsistent.
        problem: Inconsistency,
    },
    /// The family's part of the file does not hold together.
    #[error("rules file {path}: {source}")]
    Scheme {
        /// The file.
        path: String,
        /// What the family found wrong.
        source: SchemeError,
    },
    /// The file is of no family, or of two: exactly one family's table
    /// (`[levels]`, `[score]`) says how it is scored.
    #[error(
        "rules file {path}: {}",
        if found.is_empty() {
            format!("has none of [{}]: a rule set is scored by exactly one of them", known.join("], ["))
        } else {
            format!("has both [{}]: a rule set is scored by one of them, not both", found.join("] and ["))
        }
    )]
    Family {
        /// The file.
        path: String,
        /// The families' tables it has.
        found: Vec<&'static str>,
        /// Every family's table.
        known: Vec<&'static str>,
    },
    /// `--rules` named neither an existing file nor a shipped rule set.
    #[error(
        "'{name}' is neither a rules file nor a shipped rule set (shipped: {}; `competency-report rules --list` describes them)",
        known.join(", ")
    )]
    Unknown {
        /// What was given.
        name: String,
        /// The shipped names.
        known: Vec<String>,
    },
}

/// The common part of a validated rule set: what every family has.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The competency and option described.
    pub(crate) competency: Competency,
    /// How active entitlements are figured.
    pub(crate) method: Method,
    /// Associations under which a customer counts.
    pub associations: BTreeSet<Association>,
    /// SKU types that count.
    pub(crate) skus: BTreeSet<Sku>,
    /// Counted workloads, in the rules file's order.
    pub(crate) workloads: Vec<Workload>,
    /// Credentials searched for, in the rules file's order.
    pub(crate) credentials: Vec<CredentialDef>,
    /// The emerging-markets list as written.
    pub(crate) emerging_countries: Vec<String>,
    /// How many months before the as-of date a customer added counts as new.
    pub(crate) new_customer_window_months: u32,
    /// Whether the family counts new customers (so inputs need a date
    /// column, and the report shows them).
    pub(crate) counts_new_customers: bool,
    /// Whether any threshold differs between mature and emerging markets
    /// (so the report shows the market).
    pub(crate) market_split: bool,
    /// How many months back the family's figures compare with (a
    /// designation's window), if they do: a run then reads the archive's
    /// earlier months as baselines, and the templates ask for snapshots and
    /// paid licences.
    pub(crate) baseline_months: Option<u32>,
    /// When a partner at a level is flagged as at risk of losing it.
    pub(crate) alerts: Alerts,
    workload_aliases: HashMap<String, Workload>,
    emerging_folded: HashSet<String>,
}

impl Rules {
    /// Whether any threshold differs between mature and emerging markets.
    pub(crate) fn has_market_split(&self) -> bool {
        self.market_split
    }

    /// Whether the family counts new customers (so inputs need a date column).
    pub(crate) fn counts_new_customers(&self) -> bool {
        self.counts_new_customers
    }

    /// Whether a customer first added on `added` is new as of `as_of`: added
    /// within the window, that is after the same day `window` months before
    /// and not after the as-of date. With a 12-month window and an as-of
    /// date of 2017-09-30, 2016-10-01 is new and 2016-09-30 is not.
    pub(crate) fn is_new_customer(&self, added: NaiveDate, as_of: NaiveDate) -> bool {
        // A window reaching before the calendar's start covers everything.
        let start = as_of.checked_sub_months(Months::new(self.new_customer_window_months));
        added <= as_of && start.is_none_or(|s| added > s)
    }

    /// The counted workload a workload cell names, if any.
    pub fn workload(&self, raw: &str) -> Option<Workload> {
        self.workload_aliases.get(&fold(raw)).cloned()
    }

    /// Every credential a transcript's text names.
    pub fn credentials_in(&self, text: &str) -> Vec<CredentialId> {
        let folded = fold(text);
        self.credentials
            .iter()
            .filter(|c| c.patterns.iter().all(|p| folded.contains(p.as_str())))
            .map(|c| c.id.clone())
            .collect()
    }

    /// The definition of a credential by id.
    pub(crate) fn credential(&self, id: &CredentialId) -> Option<&CredentialDef> {
        self.credentials.iter().find(|c| &c.id == id)
    }

    /// The market a country implies when no market is given.
    pub(crate) fn market_of_country(&self, country: Option<&str>) -> Market {
        match country {
            Some(c) if self.emerging_folded.contains(&fold(c)) => Market::Emerging,
            _ => Market::Mature,
        }
    }

    /// A credential's short label, falling back to its id.
    pub(crate) fn label(&self, id: &CredentialId) -> String {
        self.credential(id)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

impl Rules {
    /// The common part of the built-in rules: what reading the inputs
    /// needs (workloads, credentials, what counts), for the stages and the
    /// fuzz targets that read only it. A whole rule set, with its family,
    /// comes from `crate::families::AnyRuleSet`.
    pub fn default_rules() -> Result<Rules, RulesError> {
        Rules::parse_common(shipped::DEFAULT_RULES, DEFAULT_NAME).map(|(rules, _)| rules)
    }

    /// The common part of a shipped rule set, for tests of the stages that
    /// read only it (the Modern Work workloads for reading Partner Center's
    /// downloads).
    #[cfg(test)]
    pub(crate) fn shipped_common(name: &str) -> Result<Rules, RulesError> {
        let (name, text) = find(name)?;
        Rules::parse_common(text, name).map(|(rules, _)| rules)
    }
}

#[cfg(test)]
impl Rules {
    /// The common part of a rules file alone (its family's tables left
    /// unread), for tests of what reads only the common part: the inputs.
    pub(crate) fn common_of(text: &str, origin: &str) -> Result<Rules, RulesError> {
        Rules::parse_common(text, origin).map(|(rules, _)| rules)
    }
}
