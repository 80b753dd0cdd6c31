//! The points family: a partner capability score (Microsoft's Solutions
//! Partner designations): metrics worth points on every path, the best
//! path kept, qualified at a total with a minimum in every metric.
//!
//! Its rooms follow the stages: `rules` (its tables), `score` (every
//! metric on every path), `route` (the cheapest route to qualify), `words`
//! (its sentences), then how it shows: `summary`, `dashboard`,
//! `next_steps`, `json`, `mail` and `describe` (`competency-report rules`).

mod dashboard;
mod describe;
mod json;
mod mail;
mod next_steps;
mod report;
pub mod route;
pub mod rules;
pub mod score;
mod summary;
#[cfg(test)]
mod tests;
mod words;

use std::collections::BTreeSet;

use crate::model::{CredentialId, Level};
use crate::rules::{self as common, PersonStanding, RuleSet, Rules, SchemeError};

pub(crate) use rules::Scoring;

/// The points family (`[score]`, `[[paths]]`, `[[metrics]]`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Points;

impl common::Family for Points {
    type Scheme = Scoring;

    const KEY: &'static str = "score";

    fn scheme(tables: toml::Table, rules: &mut Rules) -> Result<Scoring, SchemeError> {
        let file: rules::ScoringFile = toml::Value::Table(tables).try_into()?;
        let scoring = file.validate(rules)?;
        // A designation's window for customer adds is its score's, and its
        // figures compare with the snapshots a window back.
        rules.new_customer_window_months = scoring.window_months;
        rules.baseline_months = Some(scoring.window_months);
        Ok(scoring)
    }

    fn title(rules: &Rules, _: &Scoring) -> String {
        let c = &rules.competency;
        format!("{} designation, {}", c.name, c.option)
    }

    fn attainable_levels(_: &Scoring) -> &'static [Level] {
        &[Level::Qualified]
    }

    /// A person "qualifies" by holding any credential a metric counts; a
    /// score has no routes, so nobody is part-way.
    fn person(_: &Rules, scoring: &Scoring, held: &BTreeSet<CredentialId>) -> PersonStanding {
        PersonStanding {
            qualifies: scoring.scored_credentials().any(|c| held.contains(c)),
            ..PersonStanding::default()
        }
    }

    fn describe(set: &RuleSet<Points>, origin: &str) -> String {
        describe::describe(set, origin)
    }

    fn listed(rules: &Rules) -> String {
        let c = &rules.competency;
        format!("{}, {} (points)", c.name, c.option)
    }

    fn tally(count: &dyn Fn(Level) -> usize) -> String {
        format!(
            "{} qualified, {} not",
            count(Level::Qualified),
            count(Level::None)
        )
    }
}
