//! How a rule family shows in a partner's message and in the operators'
//! summary: the figures that differ by family, in the frame every message
//! has.

use super::composer::Composer;
use super::view::{Bar, Section};
use crate::model::Level;
use crate::report;
use crate::text::Texts;

/// A rule family as the mail shows it.
pub trait Family: report::Family {
    /// A partner's standing as its message shows it.
    fn standing_view(c: &Composer<'_, '_, Self>, index: usize) -> StandingView;

    /// A level's word in a message ("Not qualified" rather than "None" for
    /// a designation).
    fn level_word(t: &Texts, level: Level) -> &'static str {
        t.level(level)
    }

    /// The operators' summary's words that differ by family.
    fn operator_words(c: &Composer<'_, '_, Self>) -> OperatorWords;
}

/// What a partner's message shows of its standing.
#[derive(Debug)]
pub struct StandingView {
    /// The subject: (programme, as-of date, partner).
    pub(crate) subject: fn(&str, &str, &str) -> String,
    /// What is attached and for whom: (programme, partner, as-of date).
    pub(crate) intro: fn(&str, &str, &str) -> String,
    /// The partner's level, as a word, and as a level.
    pub(crate) level: (String, Level),
    /// Labelled figures.
    pub(crate) facts: Vec<(String, String)>,
    /// The heading over the bars.
    pub(crate) progress_heading: Option<String>,
    /// One bar per requirement or metric.
    pub(crate) bars: Vec<Bar>,
    /// A warning under the bars: what blocks the level whatever the rest.
    pub(crate) alert: Option<String>,
    /// The customers closest to counting (empty where the family's route
    /// is not in customers).
    pub(crate) near: Section,
    /// The next step, where it is not the Summary's action as a sentence
    /// (a partner at the top has no next level: "Meets Gold" is no step).
    pub(crate) next_step: Option<String>,
}

/// The operators' summary's words that differ by family.
#[derive(Debug)]
pub struct OperatorWords {
    /// The subject.
    pub(crate) subject: String,
    /// "12 partners: 3 Gold, ..." in words.
    pub(crate) partners_line: String,
    /// When no partner's standing changed.
    pub(crate) no_changes: &'static str,
    /// The heading over the top actions.
    pub(crate) top_actions: &'static str,
    /// When no partner is below the top.
    pub(crate) top_actions_none: &'static str,
    /// The partners at risk of losing their level, where the family has
    /// such an alert.
    pub(crate) at_risk: Option<Section>,
}
