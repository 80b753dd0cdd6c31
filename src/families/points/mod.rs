//! The points family: a partner capability score (Microsoft's Solutions
//! Partner designations): metrics worth points on every path, the best
//! path kept, qualified at a total with a minimum in every metric.
//!
//! Its rooms follow the stages: `rules` (its tables), `score` (every
//! metric on every path; the seat-licensed customer measures in rooms of
//! their own), `route` (the cheapest route to qualify), `words` (its
//! sentences), then how it shows: `summary`, `details` (Partner Details),
//! `dashboard`, `next_steps`, `tenants` (why each tenant counts), `json`,
//! `mail` and `describe` (`competency-report rules`).

mod dashboard;
mod describe;
pub(crate) mod details;
mod json;
pub(crate) mod mail;
pub(crate) mod next_steps;
pub(crate) mod report;
pub mod route;
pub mod rules;
pub mod score;
pub(crate) mod summary;
mod tenants;
#[cfg(test)]
mod tests;
mod words;

use std::collections::BTreeSet;

use crate::model::{CredentialId, Level};
use crate::rules::{self as common, PersonStanding, RuleSet, Rules, SchemeError};

pub(crate) use rules::Scoring;
pub(crate) use score::Score;

/// A family scored as a partner capability score: its scheme holds a
/// [`Scoring`] and its standing a [`Score`], so that the score's
/// presentation (the Summary's columns) serves it as it serves this one.
pub(crate) trait Scored: crate::report::Family {
    /// The score's shape.
    fn scoring(scheme: &Self::Scheme) -> &Scoring;
    /// A partner's score.
    fn scored(standing: &Self::Standing) -> &Score;

    /// One figure of metric `metric` against its threshold, in the
    /// metric's units: "3 of 5", "600 of 1,000 as CPOR".
    fn figure_words(
        t: &crate::text::Texts,
        scheme: &Self::Scheme,
        _metric: usize,
        f: &score::Figure,
    ) -> String {
        t.figure_words(f, Self::scoring(scheme))
    }

    /// The cheapest route in words for `Partner Details`, beside the
    /// figures of the partner's `standing`.
    fn route_in_words(
        t: &crate::text::Texts,
        set: &RuleSet<Self>,
        _standing: &Self::Standing,
        derived: &crate::advice::Derivation<Self>,
    ) -> Option<String> {
        Self::route_words(t, set, derived)
    }

    /// The cheapest route in a partner's advice, if it has one.
    fn route(advice: &Self::Advice) -> Option<&route::Route>;

    /// What one step of the route asks for, without its points, in the
    /// designation's units: "2 more customer adds".
    fn step_more(
        t: &crate::text::Texts,
        scheme: &Self::Scheme,
        _standing: &Self::Standing,
        step: &route::RouteStep,
    ) -> String {
        t.route_step_more(step, Self::scoring(scheme))
    }

    /// What a partner must do besides the route's steps, worth no points
    /// of their own, with the metric each is about (if one).
    fn other_steps(
        _t: &crate::text::Texts,
        _scheme: &Self::Scheme,
        _standing: &Self::Standing,
    ) -> Vec<(Option<usize>, String)> {
        Vec::new()
    }
}

impl Scored for Points {
    fn scoring(scheme: &Scoring) -> &Scoring {
        scheme
    }

    fn scored(standing: &Score) -> &Score {
        standing
    }

    fn route(advice: &Option<route::Route>) -> Option<&route::Route> {
        advice.as_ref()
    }
}

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
