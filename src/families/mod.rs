//! The rule families the tool ships, each a folder that holds everything
//! the family adds at every stage (its tables, its evaluation, its advice,
//! how it shows in the report and the mail, its words), and the one place
//! a loaded rules file becomes a rule set of its family.
//!
//! - [`levels`]: the 2017 competencies, Silver and Gold by thresholds.
//! - [`points`]: the Solutions Partner designations, a capability score.
//! - [`revenue`]: a capability score measured from revenue and consumption
//!   (Business Applications), shown as `points` shows its score.
//! - [`acr`]: a capability score measured from Azure consumed revenue (Data
//!   & AI, Infrastructure, Digital & App Innovation), shown likewise.
//! - [`security`]: Security's capability score, each metric an Azure part
//!   (security ACR) plus a Microsoft 365 part (seats), built from the `acr`
//!   and `points` families' pieces.
//!
//! A new family is a new folder implementing the stages' `Family` traits
//! (`rules`, `evaluate`, `advice`, `report`, `deliver::email`), its words in
//! `text`, and one variant of [`AnyRuleSet`] (with its arm in
//! [`with_family!`](crate::with_family)). Everything else runs generic.

pub mod acr;
pub mod levels;
pub mod points;
pub mod programme;
pub mod revenue;
pub mod security;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod toy;

use std::path::Path;

pub use acr::AcrScored;
pub use levels::Levels;
pub use points::Points;
pub use programme::{Loaded, Member, Programme};
pub use revenue::RevenueScored;
pub use security::SecurityScored;

use crate::model::Level;
use crate::rules::{self, Family, RuleSet, Rules, RulesError, RulesOrigin};

/// A rule set of whichever family its file is.
#[derive(Debug, Clone)]
pub enum AnyRuleSet {
    /// A competency (`[levels]`).
    Levels(RuleSet<Levels>),
    /// A designation scored in points (`[score]`).
    Points(RuleSet<Points>),
    /// A designation scored in points from revenue and consumption
    /// (`[revenue_score]`).
    Revenue(RuleSet<RevenueScored>),
    /// A designation scored in points from Azure consumed revenue
    /// (`[acr_score]`).
    Acr(RuleSet<AcrScored>),
    /// Solutions Partner for Security, scored from security ACR and
    /// Microsoft 365 seats (`[security_score]`).
    Security(RuleSet<SecurityScored>),
}

/// Runs `$body` with `$set` bound to the rule set inside an
/// [`AnyRuleSet`], typed as its own family: the one dispatch on the family.
#[macro_export]
macro_rules! with_family {
    ($any:expr, $set:ident => $body:expr) => {
        match $any {
            $crate::families::AnyRuleSet::Levels($set) => $body,
            $crate::families::AnyRuleSet::Points($set) => $body,
            $crate::families::AnyRuleSet::Revenue($set) => $body,
            $crate::families::AnyRuleSet::Acr($set) => $body,
            $crate::families::AnyRuleSet::Security($set) => $body,
        }
    };
}

/// Each family's table, which tells a rules file's family.
const KEYS: [&str; 5] = [
    Levels::KEY,
    Points::KEY,
    RevenueScored::KEY,
    AcrScored::KEY,
    SecurityScored::KEY,
];

impl AnyRuleSet {
    /// Parses a rules file of any family from its TOML text: the one family
    /// table it has says which; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<AnyRuleSet, RulesError> {
        let keys = rules::top_level_keys(text, origin)?;
        if keys.iter().any(|k| k == programme::KEY) {
            return Err(RulesError::Syntax {
                path: origin.to_string(),
                message: "is a programme file (several rule sets): `run` and `rules` take it; `check` and `template` take one rule set".into(),
            });
        }
        let found: Vec<&'static str> = KEYS
            .iter()
            .copied()
            .filter(|k| keys.iter().any(|key| key == k))
            .collect();
        match found.as_slice() {
            [k] if *k == Levels::KEY => RuleSet::parse(text, origin).map(AnyRuleSet::Levels),
            [k] if *k == Points::KEY => RuleSet::parse(text, origin).map(AnyRuleSet::Points),
            [k] if *k == RevenueScored::KEY => {
                RuleSet::parse(text, origin).map(AnyRuleSet::Revenue)
            }
            [k] if *k == AcrScored::KEY => RuleSet::parse(text, origin).map(AnyRuleSet::Acr),
            [k] if *k == SecurityScored::KEY => {
                RuleSet::parse(text, origin).map(AnyRuleSet::Security)
            }
            _ => Err(RulesError::Family {
                path: origin.to_string(),
                found,
                known: KEYS.to_vec(),
            }),
        }
    }

    /// Loads the rules `--rules` names: a rules file (an existing path wins)
    /// or a shipped rule set by name; without one, the built-in Cloud
    /// Productivity rules. Returns them with where they came from.
    pub fn load(spec: Option<&Path>) -> Result<(AnyRuleSet, RulesOrigin), RulesError> {
        let (text, origin) = match spec {
            Some(spec) => rules::text_of(spec)?,
            // Not a path: a stray file named like the default in the
            // working folder must not replace the built-in rules.
            None => rules::text_of(Path::new(rules::DEFAULT_NAME))?,
        };
        Ok((AnyRuleSet::parse(&text, &origin.to_string())?, origin))
    }

    /// A shipped rule set by name.
    pub fn shipped(name: &str) -> Result<AnyRuleSet, RulesError> {
        let (name, text) = rules::find(name)?;
        AnyRuleSet::parse(text, &RulesOrigin::Shipped(name).to_string())
    }

    /// The common part of the rules.
    pub fn rules(&self) -> &Rules {
        with_family!(self, set => &set.rules)
    }

    /// What the rules describe, for a first line.
    pub fn title(&self) -> String {
        with_family!(self, set => set.title())
    }

    /// The rules in plain words, for `competency-report rules`.
    pub fn describe(&self, origin: &str) -> String {
        with_family!(self, set => set.describe(origin))
    }

    /// The levels a partner can attain, lowest first.
    pub fn attainable_levels(&self) -> &'static [Level] {
        with_family!(self, set => set.attainable_levels())
    }
}

/// A shipped rule set, for `competency-report rules --list`.
#[derive(Debug, Clone)]
pub struct ShippedRules {
    /// The name `--rules` accepts (the file stem under `templates/`).
    pub name: &'static str,
    /// "Cloud Productivity, Managed Service Partner option".
    pub described: String,
    /// Whether it is the default.
    pub default: bool,
}

/// Every shipped rule set, in the order they ship.
pub fn shipped_list() -> Result<Vec<ShippedRules>, RulesError> {
    rules::SHIPPED
        .iter()
        .map(|(name, _)| {
            let set = AnyRuleSet::shipped(name)?;
            let described = with_family!(&set, set => set.listed());
            Ok(ShippedRules {
                name,
                described,
                default: *name == rules::DEFAULT_NAME,
            })
        })
        .collect()
}
