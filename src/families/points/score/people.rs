//! The certification metrics: people counted for the partner who hold one
//! of the metric's credentials on the as-of date (passed by then, not
//! expired, not past its "counts through" date, an exam with its
//! prerequisite), each person once however many they hold.

use crate::evaluate::PersonResult;
use crate::families::points::rules::MetricDef;
use crate::model::CredentialId;

/// People counted for the partner who hold one of `m`'s credentials.
pub(crate) fn certified(people: &[PersonResult], m: &MetricDef) -> usize {
    holding(people, &m.credentials)
}

/// People counted for the partner who hold one of `credentials`.
pub(crate) fn holding(people: &[PersonResult], credentials: &[CredentialId]) -> usize {
    people
        .iter()
        .filter(|p| p.counted_for.is_none())
        .filter(|p| {
            p.credentials
                .iter()
                .any(|c| c.counted().any(|id| credentials.contains(id)))
        })
        .count()
}
