//! What a kind of programme adds to a rules file: a rule family.
//!
//! Every rules file has the same common part ([`Rules`]: the competency,
//! what counts as an entitlement, workloads, credentials, markets). A
//! family reads the rest of the file, the tables only it knows (the levels'
//! thresholds and qualification routes of a competency, the paths and
//! metrics of a points-scored designation), into its [`Family::Scheme`].
//! Each later stage has a trait of its own that extends this one
//! (`evaluate::Family`, `advice::Family`, `report::Family`,
//! `deliver::email::Family`); a family is one type implementing them all.

use std::collections::BTreeSet;
use std::fmt::Debug;

use super::{Lacking, Rules};
use crate::model::{CredentialId, Level};

/// Why a family's part of a rules file cannot be used: the family's own
/// typed error, kept whole for its tests and shown in words to users.
pub type SchemeError = Box<dyn std::error::Error + Send + Sync>;

/// A rule family: the tables of a rules file it reads, and what its rules
/// say about a partner's levels and a person's credentials.
pub trait Family: Debug + Clone + Copy + Default + PartialEq + Send + Sync + 'static {
    /// The family's part of a rules file, validated.
    type Scheme: Debug + Clone + Send + Sync;

    /// The table whose presence makes a rules file one of this family's
    /// (`levels`, `score`).
    const KEY: &'static str;

    /// Whether the family reads licence workloads from customer lists, and
    /// so needs `[[workloads]]` (a designation scored from Azure consumed
    /// revenue reads none).
    const READS_WORKLOADS: bool = true;

    /// Reads the family's tables: every top-level table of the file that
    /// the common part does not know. It may settle common settings the
    /// family decides (a designation's new-customer window is its score's).
    fn scheme(tables: toml::Table, rules: &mut Rules) -> Result<Self::Scheme, SchemeError>;

    /// What the rules describe, for a first line: "Cloud Productivity
    /// competency, Managed Service Partner option".
    fn title(rules: &Rules, scheme: &Self::Scheme) -> String;

    /// The levels a partner can attain, lowest first.
    fn attainable_levels(scheme: &Self::Scheme) -> &'static [Level];

    /// Where a person holding `held` stands.
    fn person(
        rules: &Rules,
        scheme: &Self::Scheme,
        held: &BTreeSet<CredentialId>,
    ) -> PersonStanding;

    /// The rules in plain words, for `competency-report rules`; `origin`
    /// says where they came from.
    fn describe(set: &RuleSet<Self>, origin: &str) -> String;

    /// The rule set's line in `competency-report rules --list`:
    /// "Cloud Productivity, Managed Service Partner option".
    fn listed(rules: &Rules) -> String;

    /// Partners per level in words, for the run's summary on the command
    /// line: "1 Gold, 3 Silver, 2 none"; `count` gives a level's partners.
    fn tally(count: &dyn Fn(Level) -> usize) -> String;
}

/// Where a person stands under a family's rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonStanding {
    /// Whether the person counts toward the partner's figure.
    pub(crate) qualifies: bool,
    /// What the route the person is closest to still lacks (empty when
    /// qualified, or where the family has no routes).
    pub(crate) missing: Lacking,
    /// The credentials the person holds of that route, when part-way
    /// (empty otherwise): a hint for the partner's next step.
    pub(crate) part_way: Vec<CredentialId>,
}

/// A rule set: the common part and a family's scheme.
#[derive(Debug, Clone)]
pub struct RuleSet<F: Family> {
    /// The common part: competency, entitlements, workloads, credentials.
    pub rules: Rules,
    /// The family's part.
    pub scheme: F::Scheme,
}

impl<F: Family> RuleSet<F> {
    /// What the rules describe, for a first line.
    pub fn title(&self) -> String {
        F::title(&self.rules, &self.scheme)
    }

    /// The levels a partner can attain, lowest first.
    pub(crate) fn attainable_levels(&self) -> &'static [Level] {
        F::attainable_levels(&self.scheme)
    }

    /// Where a person holding `held` stands.
    pub(crate) fn person(&self, held: &BTreeSet<CredentialId>) -> PersonStanding {
        F::person(&self.rules, &self.scheme, held)
    }

    /// The rules in plain words, for `competency-report rules`.
    pub fn describe(&self, origin: &str) -> String {
        F::describe(self, origin)
    }

    /// The rule set's line in `competency-report rules --list`.
    pub fn listed(&self) -> String {
        F::listed(&self.rules)
    }
}
