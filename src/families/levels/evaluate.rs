//! A competency's decision for one partner: the highest level whose
//! thresholds its figures meet, and what the next level still lacks.

use super::Levels;
use crate::evaluate::{self, Facts, PersonHint};
use crate::model::Level;
use crate::rules::RuleSet;

/// Where a partner stands under a competency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The level attained.
    pub(crate) level: Level,
    /// The next level and the shortfall to it; `None` at the top.
    pub(crate) next: Option<NextLevel>,
    /// People closest to qualifying, when people are short (at most as
    /// many as are short).
    pub(crate) hints: Vec<PersonHint>,
}

/// What a partner still needs for the next level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NextLevel {
    /// The level.
    pub(crate) level: Level,
    /// Active entitlements still missing (0 when met).
    pub(crate) entitlements_short: u64,
    /// Qualified people still missing (0 when met).
    pub(crate) people_short: u32,
    /// New customers still missing (0 when met or not asked for).
    pub(crate) new_customers_short: u32,
}

impl evaluate::Family for Levels {
    type Standing = Standing;

    fn evaluate(set: &RuleSet<Levels>, p: &Facts<'_>) -> Standing {
        let scheme = &set.scheme;
        let meets = |level: Level| {
            scheme.threshold(level).is_some_and(|t| {
                p.entitlements >= t.entitlements.get(p.market)
                    && p.qualified_people >= t.people
                    && p.new_customers >= t.new_customers
            })
        };
        let level = Level::ATTAINABLE
            .iter()
            .rev()
            .copied()
            .find(|l| meets(*l))
            .unwrap_or(Level::None);
        let next = level.next().and_then(|l| {
            scheme.threshold(l).map(|t| NextLevel {
                level: l,
                entitlements_short: t.entitlements.get(p.market).saturating_sub(p.entitlements),
                people_short: t.people.saturating_sub(p.qualified_people),
                new_customers_short: t.new_customers.saturating_sub(p.new_customers),
            })
        });
        let people_short = next.as_ref().map_or(0, |n| n.people_short) as usize;
        Standing {
            level,
            next,
            hints: p.part_way.iter().take(people_short).cloned().collect(),
        }
    }

    fn level(standing: &Standing) -> Level {
        standing.level
    }
}
