//! The rules file: what a competency asks for, read from TOML and validated
//! once into plain data the evaluation can use without further checks.
//!
//! Every rule set in `templates/` is embedded in the binary (`shipped::SHIPPED`) and
//! can be picked by name (`--rules enterprise-mobility-management-smb`); the
//! default is `cloud-productivity`. `--rules FILE` reads any other file of
//! the same format.
//!
//! The folder follows the file's life: `file` is the TOML as written and
//! its validation into [`Rules`], `requirement` the pieces a rule set is
//! made of, `shipped` the rule sets embedded in the binary, and
//! `describe` the rules in plain words for `competency-report rules`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Months, NaiveDate};

use crate::model::{Association, CredentialId, Level, Market, Sku, Workload, fold};

mod describe;
mod describe_points;
mod file;
pub mod points;
mod requirement;
mod shipped;
#[cfg(test)]
mod tests;

pub use file::Inconsistency;
pub use points::ScoringError;
pub use requirement::MarginError;
pub(crate) use requirement::{
    Alerts, Competency, CredentialDef, Lacking, Method, Qualification, Threshold,
};
pub(crate) use shipped::DEFAULT_NAME;
pub use shipped::RulesOrigin;

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

/// A validated rule set, ready to use.
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
    /// The routes by which a person qualifies.
    pub(crate) qualifications: Vec<Qualification>,
    /// What each attainable level asks for (empty for a points-scored set).
    pub(crate) levels: BTreeMap<Level, Threshold>,
    /// The score, for a points-scored rule set (a Solutions Partner
    /// designation); `None` for a threshold-based one (a competency).
    pub scoring: Option<points::Scoring>,
    /// The emerging-markets list as written.
    pub(crate) emerging_countries: Vec<String>,
    /// How many months before the as-of date a customer added counts as new.
    pub(crate) new_customer_window_months: u32,
    /// When a partner at a level is flagged as at risk of losing it.
    pub(crate) alerts: Alerts,
    workload_aliases: HashMap<String, Workload>,
    emerging_folded: HashSet<String>,
}

impl Rules {
    /// What the rules describe, for a first line: "Cloud Productivity
    /// competency, Managed Service Partner option" or "Solutions Partner for
    /// Modern Work designation, Partner capability score".
    pub fn title(&self) -> String {
        let c = &self.competency;
        if self.scoring.is_some() {
            format!("{} designation, {}", c.name, c.option)
        } else {
            format!("{} competency, {} option", c.name, c.option)
        }
    }

    /// The levels a partner can attain under these rules, lowest first:
    /// Silver and Gold for a competency, Qualified for a designation.
    pub(crate) fn attainable_levels(&self) -> &'static [Level] {
        if self.scoring.is_some() {
            &[Level::Qualified]
        } else {
            &Level::ATTAINABLE
        }
    }

    /// Whether any threshold differs between mature and emerging markets.
    pub(crate) fn has_market_split(&self) -> bool {
        self.levels
            .values()
            .any(|t| t.entitlements.mature != t.entitlements.emerging)
    }

    /// Whether any level asks for new customers (so inputs need a date column).
    pub(crate) fn counts_new_customers(&self) -> bool {
        self.levels.values().any(|t| t.new_customers > 0)
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

    /// What a level asks for (none asks for nothing).
    pub(crate) fn threshold(&self, level: Level) -> Option<&Threshold> {
        self.levels.get(&level)
    }

    /// Whether a person holding `held` qualifies by any route.
    ///
    /// In a points-scored rule set a person "qualifies" by holding any
    /// credential a metric counts.
    pub(crate) fn qualifies(&self, held: &BTreeSet<CredentialId>) -> bool {
        match &self.scoring {
            Some(s) => s.scored_credentials().any(|c| held.contains(c)),
            None => self
                .qualifications
                .iter()
                .any(|q| q.missing(held).is_empty()),
        }
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

    /// A credential's short label, falling back to its id.
    pub(crate) fn label(&self, id: &CredentialId) -> String {
        self.credential(id)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| id.to_string())
    }
}
