//! Reasons in words: why a customer row did not count, why a credential a
//! transcript names does not, what a person still lacks.

use super::{Texts, for_cell};
use crate::evaluate::{Dropped, Exclusion};
use crate::model::{Association, CredentialId, Sku};
use crate::rules::{Lacking, Rules};

impl Texts {
    /// What a person still lacks: "70-347", or "EMS Overview and one of
    /// Mobile Device Management, Information Protection or Cloud App
    /// Security".
    pub(crate) fn lacking(&self, missing: &Lacking, rules: &Rules) -> String {
        let mut parts: Vec<String> = missing.all_of.iter().map(|c| rules.label(c)).collect();
        match missing.one_of.as_slice() {
            [] => {}
            [only] => parts.push(rules.label(only)),
            several => {
                let labels: Vec<String> = several.iter().map(|c| rules.label(c)).collect();
                parts.push((self.one_of_choice)(&self.join_or(&labels)));
            }
        }
        self.join_and(&parts)
    }

    /// Why a credential a transcript row names does not count:
    /// "Teams Administrator Associate: expired on 2026-06-10".
    pub(crate) fn dropped(&self, id: &CredentialId, why: &Dropped, rules: &Rules) -> String {
        let label = rules.label(id);
        match why {
            Dropped::Expired(d) => (self.dropped_expired)(&label, &d.to_string()),
            Dropped::PastCountsThrough(d) => (self.dropped_counts_through)(&label, &d.to_string()),
            Dropped::PassedAfterRetirement(d) => (self.dropped_retired)(&label, &d.to_string()),
            Dropped::NeedsOneOf(ids) => {
                let labels: Vec<String> = ids.iter().map(|c| rules.label(c)).collect();
                (self.dropped_needs)(&label, &self.join_or(&labels))
            }
        }
    }

    /// Why a customer row did not count.
    pub(crate) fn exclusion(&self, e: &Exclusion) -> String {
        match e {
            Exclusion::Invalid(why) => (self.excl_invalid)(&for_cell(why)),
            Exclusion::NotPaid(Sku::Trial) => self.excl_trial.into(),
            Exclusion::NotPaid(sku) => (self.excl_not_paid)(self.sku(*sku)),
            Exclusion::NotAssociated(Association::None) => self.excl_not_associated.into(),
            Exclusion::NotAssociated(a) => (self.excl_association)(self.association(*a)),
            Exclusion::WorkloadNotCounted => self.excl_workload.into(),
            Exclusion::Duplicate => self.excl_duplicate.into(),
            Exclusion::EarlierSnapshot {
                snapshot,
                latest,
                gone,
            } => (self.excl_earlier_snapshot)(&snapshot.to_string(), &latest.to_string(), *gone),
            Exclusion::SnapshotAfterAsOf(snapshot) => {
                (self.excl_snapshot_after_as_of)(&snapshot.to_string())
            }
        }
    }
}
