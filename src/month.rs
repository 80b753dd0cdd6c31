//! Month over month: how each partner moved since last month ([`Changes`])
//! and its figures month by month ([`History`]).
//!
//! The routine computes both (`routine::compare` from the history database
//! or an earlier report, `routine::history` from the database); the report,
//! the mail and the words only read them. They live here, below all of
//! those, so that readers need not import the routine that fills them.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::Centi;
use crate::model::{Level, PartnerId};

/// How a partner's level moved since the earlier report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// Not in the earlier report.
    New,
    /// Now Gold, and was not.
    GainedGold,
    /// Now Silver, was none.
    GainedSilver,
    /// Was Gold, now Silver or none.
    LostGold,
    /// Was Silver, now none.
    LostSilver,
    /// A designation (points-scored) attained, and not before.
    Qualified,
    /// A designation held before, and not now.
    LostQualification,
    /// The same level.
    Unchanged,
}

impl Change {
    /// The change from `before` to `now`.
    pub(crate) fn between(before: Level, now: Level) -> Change {
        use std::cmp::Ordering::*;
        match now.cmp(&before) {
            Equal => Change::Unchanged,
            Greater if now == Level::Qualified => Change::Qualified,
            Less if before == Level::Qualified => Change::LostQualification,
            Greater if now == Level::Gold => Change::GainedGold,
            Greater => Change::GainedSilver,
            Less if before == Level::Gold => Change::LostGold,
            Less => Change::LostSilver,
        }
    }
}

/// One partner's change since the earlier report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerChange {
    /// How its level moved.
    pub(crate) change: Change,
    /// Active entitlements now minus then (`None` for a new partner).
    pub(crate) entitlements: Option<i64>,
    /// Qualified people now minus then (`None` for a new partner).
    pub(crate) qualified_people: Option<i64>,
    /// The score now minus then, in hundredths of a point (`None` unless
    /// both months have a score: a points-scored rule set both times).
    pub(crate) score: Option<i64>,
}

/// This run compared with last month.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The date it speaks for.
    pub(crate) against_as_of: NaiveDate,
    /// Every partner of this run.
    pub(crate) partners: BTreeMap<PartnerId, PartnerChange>,
    /// Partners in the earlier report that this run no longer has.
    pub(crate) gone: Vec<PartnerId>,
}

impl Changes {
    /// The change for one partner.
    pub(crate) fn get(&self, partner: &PartnerId) -> Option<&PartnerChange> {
        self.partners.get(partner)
    }
}

/// One partner's figures in one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthFigures {
    /// Its level.
    pub(crate) level: Level,
    /// Its active entitlements.
    pub(crate) entitlements: u64,
    /// Its qualified people.
    pub(crate) qualified_people: u32,
    /// Its score, under a points-scored rule set (`None` under a
    /// competency, and in months stored before scores were kept).
    pub(crate) score: Option<Centi>,
}

/// One partner's row of the `History` sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PartnerHistory {
    /// Its latest known name.
    pub(crate) name: Option<String>,
    /// Its figures by month (`YYYY-MM`).
    pub(crate) months: Months,
}

/// One partner's figures by month (`YYYY-MM`), in month order: a dozen at
/// most, kept in a list of their size rather than a tree (a tree's first
/// node is about 540 bytes, for every partner of a 50,000-partner run).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Months(Vec<(String, MonthFigures)>);

impl Months {
    /// Sets a month's figures.
    pub(crate) fn insert(&mut self, month: String, figures: MonthFigures) {
        match self.0.binary_search_by(|(m, _)| m.as_str().cmp(&month)) {
            Ok(at) => self.0[at].1 = figures,
            Err(at) => {
                self.0.reserve_exact(1);
                self.0.insert(at, (month, figures));
            }
        }
    }

    /// A month's figures, if any.
    pub(crate) fn get(&self, month: &str) -> Option<&MonthFigures> {
        let at = self.0.binary_search_by(|(m, _)| m.as_str().cmp(month));
        at.ok().map(|at| &self.0[at].1)
    }

    /// Whether the month has figures.
    #[cfg(test)]
    pub(crate) fn contains_key(&self, month: &str) -> bool {
        self.get(month).is_some()
    }
}

#[cfg(test)]
impl std::ops::Index<&str> for Months {
    type Output = MonthFigures;

    fn index(&self, month: &str) -> &MonthFigures {
        self.get(month).expect("a month with figures")
    }
}

/// The months shown and every partner's figures in them.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The months, oldest first (`YYYY-MM`).
    pub(crate) months: Vec<String>,
    /// Partners, sorted by id.
    pub(crate) partners: BTreeMap<PartnerId, PartnerHistory>,
}
