//! Derived figures: what follows from the evaluation, computed once, after
//! it, into data the report, the JSON and the mail all read: per partner
//! its family's advice (the cheapest route, at risk, progress bars) and how
//! far along it is toward its next standing; across partners, the ranking
//! of those closest to it. Nothing downstream computes any of it again.

use rayon::prelude::*;

use crate::evaluate::Evaluation;
use crate::input::Rows;
use crate::rules::RuleSet;

pub mod family;

pub use family::Family;

/// How many partners the ranking of those closest to their next standing
/// holds (the Dashboard lists them).
pub(crate) const CLOSEST: usize = 20;

/// Everything derived from an evaluation.
#[derive(Debug)]
pub struct Derived<F: Family> {
    /// One per partner, aligned with the evaluation's partners.
    pub(crate) partners: Vec<Derivation<F>>,
    /// The partners closest to their next standing, as indices into the
    /// evaluation's partners with their percent, furthest along first;
    /// ties keep partner-id order. At most [`CLOSEST`].
    pub(crate) closest: Vec<(usize, u8)>,
}

/// What is derived for one partner.
#[derive(Debug, Clone)]
pub struct Derivation<F: Family> {
    /// The family's advice.
    pub(crate) advice: F::Advice,
    /// How far along toward its next standing, in whole percent rounded
    /// down; `None` at the top (shown as 100).
    pub(crate) progress: Option<u8>,
}

impl<F: Family> Derivation<F> {
    /// The percent a bar shows: 100 at the top.
    pub(crate) fn percent(&self) -> u8 {
        self.progress.unwrap_or(100)
    }
}

/// Derives everything the outputs read from an evaluation.
pub fn derive<F: Family>(set: &RuleSet<F>, evaluation: &Evaluation<F>, rows: &Rows) -> Derived<F> {
    // Partners in parallel: each partner's progress is its own.
    let partners: Vec<Derivation<F>> = F::advise(set, evaluation, rows)
        .into_par_iter()
        .zip(&evaluation.partners)
        .map(|(advice, p)| Derivation {
            progress: F::progress(set, p, &advice),
            advice,
        })
        .collect();
    let mut closest: Vec<(usize, u8)> = partners
        .iter()
        .enumerate()
        .filter_map(|(i, d)| Some((i, d.progress?)))
        .collect();
    // Stable: equal percents stay in partner-id order.
    closest.sort_by_key(|&(_, percent)| std::cmp::Reverse(percent));
    closest.truncate(CLOSEST);
    Derived { partners, closest }
}
