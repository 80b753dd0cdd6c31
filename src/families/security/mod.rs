//! The security family: Solutions Partner for Security's partner capability
//! score, each metric the sum of an Azure part (security ACR from Partner
//! Center's `AzureUsage` download, over trailing twelve months) and a
//! Microsoft 365 part (seats and active users on the security workloads,
//! from customer lists), both paths scored and the better one counting;
//! skilling by certification steps with gates.
//!
//! It is built from the other families' pieces rather than copies of them:
//! the ACR family's rows, sums, certification steps, route search and
//! words; the points family's tenants and seats (the Microsoft 365 part is
//! a points-family score of its own), its score model and presentation.
//! Its rooms: `rules` (its tables), `score`, `route`, `words`, `show` (the
//! report, the JSON, the mail) and `details` (its `Partner Details`
//! columns).

mod details;
mod route;
pub mod rules;
pub mod score;
mod show;
#[cfg(test)]
mod tests;
mod words;

use std::collections::BTreeSet;

use crate::families::points::route::{Route, RouteStep};
use crate::families::points::{Score, Scored, Scoring};
use crate::model::{CredentialId, Level};
use crate::rules::{self as common, PersonStanding, RuleSet, Rules, SchemeError};
use crate::text::Texts;

pub use rules::SecurityScheme;
pub use score::SecurityStanding;

/// The security family (`[security_score]`, `[[paths]]`, `[revenue]`,
/// `[microsoft_365]`, `[[metrics]]` with `[[metrics.parts]]`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SecurityScored;

impl common::Family for SecurityScored {
    type Scheme = SecurityScheme;

    const KEY: &'static str = "security_score";

    fn scheme(tables: toml::Table, rules: &mut Rules) -> Result<SecurityScheme, SchemeError> {
        let file: rules::SecurityFile = toml::Value::Table(tables).try_into()?;
        let scheme = file.validate(rules)?;
        rules.new_customer_window_months = scheme.scoring.window_months;
        Ok(scheme)
    }

    fn title(rules: &Rules, _: &SecurityScheme) -> String {
        let c = &rules.competency;
        format!("{} designation, {}", c.name, c.option)
    }

    fn attainable_levels(_: &SecurityScheme) -> &'static [Level] {
        &[Level::Qualified]
    }

    /// A person "qualifies" by holding any credential a step counts.
    fn person(_: &Rules, s: &SecurityScheme, held: &BTreeSet<CredentialId>) -> PersonStanding {
        PersonStanding {
            qualifies: s.scoring.scored_credentials().any(|c| held.contains(c)),
            ..PersonStanding::default()
        }
    }

    fn describe(set: &RuleSet<SecurityScored>, origin: &str) -> String {
        show::describe(set, origin)
    }

    fn listed(rules: &Rules) -> String {
        let c = &rules.competency;
        format!(
            "{}, {} (points from security ACR and Microsoft 365 seats)",
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

impl Scored for SecurityScored {
    fn scoring(scheme: &SecurityScheme) -> &Scoring {
        &scheme.scoring
    }

    fn scored(standing: &SecurityStanding) -> &Score {
        &standing.score
    }

    fn figure_words(
        t: &Texts,
        scheme: &SecurityScheme,
        metric: usize,
        f: &crate::families::points::score::Figure,
    ) -> String {
        words::figure_words(t, scheme, metric, f)
    }

    fn route_in_words(
        t: &Texts,
        set: &RuleSet<SecurityScored>,
        standing: &SecurityStanding,
        derived: &crate::advice::Derivation<SecurityScored>,
    ) -> Option<String> {
        words::route_words(t, &set.scheme, standing, derived.advice.as_ref())
    }

    fn route(advice: &Option<Route>) -> Option<&Route> {
        advice.as_ref()
    }

    fn step_more(
        t: &Texts,
        scheme: &SecurityScheme,
        standing: &SecurityStanding,
        step: &RouteStep,
    ) -> String {
        words::step_more(t, scheme, standing, step)
    }

    fn other_steps(
        _: &Texts,
        _: &SecurityScheme,
        _: &SecurityStanding,
    ) -> Vec<(Option<usize>, String)> {
        Vec::new()
    }
}
