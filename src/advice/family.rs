//! What a rule family derives for its partners once they are evaluated.

use std::fmt::Debug;

use crate::evaluate::{self, Evaluation, PartnerResult};
use crate::input::Rows;
use crate::rules::RuleSet;

/// A rule family's advice.
pub trait Family: evaluate::Family {
    /// What the family derives for one partner: its cheapest route and
    /// whatever else its outputs show.
    type Advice: Debug + Clone + Send + Sync;

    /// The advice for every partner, aligned with `evaluation.partners`
    /// (the rows are there for advice that points at rows).
    fn advise(set: &RuleSet<Self>, evaluation: &Evaluation<Self>, rows: &Rows)
    -> Vec<Self::Advice>;

    /// How far along a partner is toward its next standing, in whole
    /// percent rounded down (below 100 until it gets there); `None` at the
    /// top, where there is nothing left to reach.
    fn progress(
        set: &RuleSet<Self>,
        partner: &PartnerResult<Self>,
        advice: &Self::Advice,
    ) -> Option<u8>;
}
