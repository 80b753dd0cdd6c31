//! The competency family: Silver and Gold by thresholds (active
//! entitlements per market, qualified people, new customers), people
//! qualifying by routes of credentials (the 2017 competencies: Cloud
//! Productivity, Enterprise Mobility Management).
//!
//! Its rooms follow the stages: `rules` (its tables), `evaluate` (the
//! level and what the next one lacks), `advice` (what is derived: `route`,
//! the cheapest route and the customers nearest to counting; `progress`,
//! the bars toward the next level and at risk), `words` (its sentences),
//! then how it shows: `summary`, `dashboard`, `next_steps`, `json`, `mail`
//! and `describe` (`competency-report rules`).

mod advice;
mod dashboard;
mod describe;
mod evaluate;
mod mail;
mod next_steps;
pub(crate) mod progress;
mod report;
mod route;
pub(crate) mod rules;
mod summary;
#[cfg(test)]
mod tests;
mod words;

use std::collections::BTreeSet;

use crate::model::{CredentialId, Level};
use crate::rules::{self as common, PersonStanding, RuleSet, Rules, SchemeError};

pub(crate) use evaluate::NextLevel;
pub(crate) use route::Step;
pub(crate) use rules::LevelScheme;

/// The competency family (`[levels]` and `[[qualifications]]`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Levels;

impl common::Family for Levels {
    type Scheme = LevelScheme;

    const KEY: &'static str = "levels";

    fn scheme(tables: toml::Table, rules: &mut Rules) -> Result<LevelScheme, SchemeError> {
        let file: rules::LevelsFile = toml::Value::Table(tables).try_into()?;
        let scheme = file.validate(rules)?;
        rules.counts_new_customers = scheme.counts_new_customers();
        rules.market_split = scheme.has_market_split();
        Ok(scheme)
    }

    fn title(rules: &Rules, _: &LevelScheme) -> String {
        let c = &rules.competency;
        format!("{} competency, {} option", c.name, c.option)
    }

    fn attainable_levels(_: &LevelScheme) -> &'static [Level] {
        &Level::ATTAINABLE
    }

    fn person(_: &Rules, scheme: &LevelScheme, held: &BTreeSet<CredentialId>) -> PersonStanding {
        let qualifies = scheme.qualifies(held);
        let (route, missing) = scheme.closest_route(held);
        let part_way = match scheme.qualifications.get(route) {
            Some(q) if !qualifies => q
                .all_of
                .iter()
                .chain(&q.any_of)
                .filter(|c| held.contains(*c))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        PersonStanding {
            qualifies,
            missing: if qualifies {
                Default::default()
            } else {
                missing
            },
            part_way,
        }
    }

    fn describe(set: &RuleSet<Levels>, origin: &str) -> String {
        describe::describe(set, origin)
    }

    fn listed(rules: &Rules) -> String {
        let c = &rules.competency;
        format!("{}, {} option", c.name, c.option)
    }

    fn tally(count: &dyn Fn(Level) -> usize) -> String {
        format!(
            "{} Gold, {} Silver, {} none",
            count(Level::Gold),
            count(Level::Silver),
            count(Level::None)
        )
    }
}

/// A mature-market competency partner with just a level and its figures,
/// for tests.
#[cfg(test)]
pub(crate) fn bare(
    id: &str,
    level: Level,
    entitlements: u64,
    people: u32,
) -> crate::evaluate::PartnerResult<Levels> {
    let standing = evaluate::Standing {
        level,
        next: None,
        hints: Vec::new(),
    };
    crate::evaluate::PartnerResult::bare(id, entitlements, people, standing)
}
