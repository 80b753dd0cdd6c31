//! The certification metrics: people counted for the partner who hold one
//! of the metric's credentials on the as-of date (passed by then, not
//! expired, not past its "counts through" date, an exam with its
//! prerequisite), each person once however many they hold.

use crate::evaluate::PersonResult;
use crate::families::points::rules::MetricDef;

/// People counted for the partner who hold one of `m`'s credentials.
pub(super) fn certified(people: &[PersonResult], m: &MetricDef) -> usize {
    people
        .iter()
        .filter(|p| p.counted_for.is_none())
        .filter(|p| {
            p.credentials
                .iter()
                .any(|c| c.counted().any(|id| m.credentials.contains(id)))
        })
        .count()
}
