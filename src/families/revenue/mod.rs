//! The revenue family: a partner capability score measured from Partner
//! Center's Business Applications downloads (revenue per tenant and
//! workload, and usage weighted by a rate card into monthly consumption
//! value), the track chosen by a revenue rule rather than the better of two
//! scores (Microsoft's Solutions Partner for Business Applications).
//!
//! Its rooms follow the stages: `rules` (its tables), `score` (the months,
//! the sums, every metric on every track as the points family's score),
//! `show` (the route, the report, the JSON and the mail, the points
//! family's presentation where it serves), `details` (its `Partner
//! Details` columns) and `words` (its sentences, in its own units).

mod details;
pub mod rules;
pub mod score;
mod show;
#[cfg(test)]
mod tests;
mod words;

use std::collections::BTreeSet;

use crate::families::points::route::{Route, RouteStep};
use crate::families::points::{Scored, Scoring};
use crate::model::{CredentialId, Level};
use crate::rules::{self as common, PersonStanding, RuleSet, Rules, SchemeError};

pub use rules::RevenueScheme;
pub use score::RevenueStanding;

/// The revenue family (`[revenue_score]`, `[[tracks]]`, `[track_rule]`,
/// `[[metrics]]`, `[[rate_card]]`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RevenueScored;

impl common::Family for RevenueScored {
    type Scheme = RevenueScheme;

    const KEY: &'static str = "revenue_score";

    fn scheme(tables: toml::Table, rules: &mut Rules) -> Result<RevenueScheme, SchemeError> {
        let file: rules::RevenueFile = toml::Value::Table(tables).try_into()?;
        let scheme = file.validate(rules)?;
        rules.new_customer_window_months = scheme.scoring.window_months;
        Ok(scheme)
    }

    fn title(rules: &Rules, _: &RevenueScheme) -> String {
        let c = &rules.competency;
        format!("{} designation, {}", c.name, c.option)
    }

    fn attainable_levels(_: &RevenueScheme) -> &'static [Level] {
        &[Level::Qualified]
    }

    /// A person "qualifies" by holding any credential a metric counts.
    fn person(_: &Rules, s: &RevenueScheme, held: &BTreeSet<CredentialId>) -> PersonStanding {
        PersonStanding {
            qualifies: s.scoring.scored_credentials().any(|c| held.contains(c)),
            ..PersonStanding::default()
        }
    }

    fn describe(set: &RuleSet<RevenueScored>, origin: &str) -> String {
        show::describe(set, origin)
    }

    fn listed(rules: &Rules) -> String {
        let c = &rules.competency;
        format!("{}, {} (points from revenue)", c.name, c.option)
    }

    fn tally(count: &dyn Fn(Level) -> usize) -> String {
        format!(
            "{} qualified, {} not",
            count(Level::Qualified),
            count(Level::None)
        )
    }
}

impl Scored for RevenueScored {
    fn scoring(scheme: &RevenueScheme) -> &Scoring {
        &scheme.scoring
    }

    fn scored(standing: &RevenueStanding) -> &crate::families::points::Score {
        &standing.score
    }

    fn figure_words(
        t: &crate::text::Texts,
        scheme: &RevenueScheme,
        metric: usize,
        f: &crate::families::points::score::Figure,
    ) -> String {
        words::figure_words(t, scheme, metric, f)
    }

    fn route_in_words(
        t: &crate::text::Texts,
        set: &RuleSet<RevenueScored>,
        standing: &RevenueStanding,
        derived: &crate::advice::Derivation<RevenueScored>,
    ) -> Option<String> {
        words::route_words(t, &set.scheme, standing, derived.advice.as_ref())
    }

    fn route(advice: &Option<Route>) -> Option<&Route> {
        advice.as_ref()
    }

    fn step_more(
        t: &crate::text::Texts,
        scheme: &RevenueScheme,
        standing: &RevenueStanding,
        step: &RouteStep,
    ) -> String {
        words::step_more(t, scheme, standing, step)
    }

    fn other_steps(
        t: &crate::text::Texts,
        scheme: &RevenueScheme,
        standing: &RevenueStanding,
    ) -> Vec<(Option<usize>, String)> {
        words::other_steps(t, scheme, standing)
    }
}
