//! The ACR family: a partner capability score measured from Partner
//! Center's Azure consumed revenue downloads (`AzureUsage`, or
//! `CustomersAndTenants`), the track told by the share of customers in an
//! SMB segment, skilling by certification steps with gates (Microsoft's
//! Solutions Partner for Data & AI, Infrastructure, and Digital & App
//! Innovation).
//!
//! Its rooms follow the stages: `rules` (its tables), `steps` (the
//! certification steps), `score` (the months, the sums, every metric on
//! every path as the points family's score), `route` (the cheapest route,
//! the points family's search with the steps' own options), `show` (the
//! report, the JSON and the mail, the points family's presentation where it
//! serves), `details` (its `Partner Details` columns) and `words` (its
//! sentences, in its own units).

mod details;
pub(crate) mod route;
pub mod rules;
pub mod score;
mod show;
pub(crate) mod steps;
#[cfg(test)]
pub(crate) mod tests;
pub(crate) mod words;

use std::collections::BTreeSet;

use crate::families::points::route::{Route, RouteStep};
use crate::families::points::{Score, Scored, Scoring};
use crate::model::{CredentialId, Level};
use crate::rules::{self as common, PersonStanding, RuleSet, Rules, SchemeError};
use crate::text::Texts;

pub use rules::AcrScheme;
pub use score::AcrStanding;

/// The ACR family (`[acr_score]`, `[[paths]]`, `[revenue]`, `[track]`,
/// `[[metrics]]`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AcrScored;

impl common::Family for AcrScored {
    type Scheme = AcrScheme;

    const KEY: &'static str = "acr_score";

    const READS_WORKLOADS: bool = false;

    fn scheme(tables: toml::Table, rules: &mut Rules) -> Result<AcrScheme, SchemeError> {
        let file: rules::AcrFile = toml::Value::Table(tables).try_into()?;
        let scheme = file.validate(rules)?;
        rules.new_customer_window_months = scheme.scoring.window_months;
        Ok(scheme)
    }

    fn title(rules: &Rules, _: &AcrScheme) -> String {
        let c = &rules.competency;
        format!("{} designation, {}", c.name, c.option)
    }

    fn attainable_levels(_: &AcrScheme) -> &'static [Level] {
        &[Level::Qualified]
    }

    /// A person "qualifies" by holding any credential a metric counts.
    fn person(_: &Rules, s: &AcrScheme, held: &BTreeSet<CredentialId>) -> PersonStanding {
        PersonStanding {
            qualifies: s.scoring.scored_credentials().any(|c| held.contains(c)),
            ..PersonStanding::default()
        }
    }

    fn describe(set: &RuleSet<AcrScored>, origin: &str) -> String {
        show::describe(set, origin)
    }

    fn listed(rules: &Rules) -> String {
        let c = &rules.competency;
        format!(
            "{}, {} (points from Azure consumed revenue)",
            c.name, c.option
        )
    }

    fn tally(count: &dyn Fn(Level) -> usize) -> String {
        format!(
            "{} qualified, {} not",
            count(Level::Qualified),
            count(Level::None)
        )
    }
}

impl Scored for AcrScored {
    fn scoring(scheme: &AcrScheme) -> &Scoring {
        &scheme.scoring
    }

    fn scored(standing: &AcrStanding) -> &Score {
        &standing.score
    }

    fn figure_words(
        t: &Texts,
        scheme: &AcrScheme,
        metric: usize,
        f: &crate::families::points::score::Figure,
    ) -> String {
        words::figure_words(t, scheme, metric, f)
    }

    fn route_in_words(
        t: &Texts,
        set: &RuleSet<AcrScored>,
        standing: &AcrStanding,
        derived: &crate::advice::Derivation<AcrScored>,
    ) -> Option<String> {
        words::route_words(t, &set.scheme, standing, derived.advice.as_ref())
    }

    fn route(advice: &Option<Route>) -> Option<&Route> {
        advice.as_ref()
    }

    fn step_more(
        t: &Texts,
        scheme: &AcrScheme,
        standing: &AcrStanding,
        step: &RouteStep,
    ) -> String {
        words::step_more(t, scheme, standing, step)
    }

    fn other_steps(
        t: &Texts,
        scheme: &AcrScheme,
        standing: &AcrStanding,
    ) -> Vec<(Option<usize>, String)> {
        words::other_steps(t, scheme, standing)
    }
}
