//! What a competency derives for a partner once evaluated: the cheapest
//! route to its next level, whether it is at risk of losing its level, and
//! its progress bars toward the next level.

use rayon::prelude::*;

use super::Levels;
use super::progress::{self, AtRisk, Progress};
use super::route::{self, Route};
use crate::advice;
use crate::evaluate::{Evaluation, PartnerResult};
use crate::input::Rows;
use crate::model::Level;
use crate::rules::RuleSet;

/// What is derived for one competency partner.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelAdvice {
    /// The cheapest route to the next level (`None` at the top).
    pub(crate) route: Option<Route>,
    /// Why it might lose its level soon, if so.
    pub(crate) at_risk: Option<AtRisk>,
    /// The level its progress is measured against (the next, or its own
    /// at the top).
    pub(crate) progress_level: Level,
    /// One bar per requirement of that level.
    pub(crate) bars: Vec<Progress>,
}

impl advice::Family for Levels {
    type Advice = LevelAdvice;

    fn advise(
        set: &RuleSet<Levels>,
        evaluation: &Evaluation<Levels>,
        rows: &Rows,
    ) -> Vec<LevelAdvice> {
        route::routes(set, evaluation, rows)
            .into_par_iter()
            .zip(&evaluation.partners)
            .map(|(route, p)| LevelAdvice {
                route,
                at_risk: progress::at_risk(p, set),
                progress_level: progress::progress_level(p),
                bars: progress::progress(p, &set.scheme),
            })
            .collect()
    }

    fn progress(
        _: &RuleSet<Levels>,
        partner: &PartnerResult<Levels>,
        advice: &LevelAdvice,
    ) -> Option<u8> {
        partner.standing.next.as_ref()?;
        Some(progress::percent_of_the_way(&advice.bars))
    }
}
