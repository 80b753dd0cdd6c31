//! How a competency partner is doing against its levels: progress toward
//! the next level, one bar per requirement and one percent of the way (the
//! mean of the bars, to rank partners), and whether it is at risk of losing
//! the level it holds.

use super::{LevelScheme, Levels};
use crate::evaluate::PartnerResult;
use crate::model::Level;
use crate::rules::RuleSet;

/// Why a partner at Silver or Gold might lose its level soon (the Summary's
/// `At Risk` column); the words are in `words`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AtRisk {
    /// The level it might lose.
    pub(crate) level: Level,
    /// Its active entitlements are within the margin above the threshold.
    pub(crate) near_threshold: Option<NearThreshold>,
    /// It has exactly the qualified people its level needs: that many.
    pub(crate) last_people: Option<u32>,
}

/// Active entitlements close above a level's threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NearThreshold {
    /// The partner's active entitlements.
    pub(crate) entitlements: u64,
    /// The level's threshold for its market.
    pub(crate) threshold: u64,
    /// The margin (0.05 is 5 %).
    pub(crate) margin: f64,
}

/// Whether a partner might lose its level soon: its active entitlements are
/// within the rules' margin above its threshold, or it has exactly the
/// qualified people its level needs.
pub(crate) fn at_risk(p: &PartnerResult<Levels>, set: &RuleSet<Levels>) -> Option<AtRisk> {
    let level = p.level();
    let threshold = set.scheme.threshold(level)?;
    let margin = set.rules.alerts.at_risk_margin;
    let needed = threshold.entitlements.get(p.market);
    // Compared in floating point only to apply the fraction; the counts
    // involved are far below where f64 loses whole numbers.
    let near_threshold =
        ((p.entitlements as f64) < needed as f64 * (1.0 + margin)).then_some(NearThreshold {
            entitlements: p.entitlements,
            threshold: needed,
            margin,
        });
    let last_people = (p.qualified_people == threshold.people).then_some(threshold.people);
    (near_threshold.is_some() || last_people.is_some()).then_some(AtRisk {
        level,
        near_threshold,
        last_people,
    })
}

/// One requirement of a level, as the partner's figure against what the
/// level asks for: what a progress bar (a mail's, a data bar's) shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Which requirement.
    pub(crate) requirement: Requirement,
    /// The partner's figure.
    pub(crate) have: u64,
    /// What the level asks for (more than 0).
    pub(crate) needed: u64,
}

/// The requirements a level can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Requirement {
    /// Active entitlements (the partner's figure against its market's threshold).
    Entitlements,
    /// Qualified people.
    People,
    /// New customers (rules that count them).
    NewCustomers,
}

impl Progress {
    /// How much of the requirement is met, 0 to 100, rounded down: a bar
    /// shows 100 only when the requirement is met.
    pub(crate) fn percent(&self) -> u8 {
        let percent = self.have.min(self.needed) * 100 / self.needed.max(1);
        u8::try_from(percent).unwrap_or(100)
    }

    /// Whether the figure reaches what is asked for.
    pub(crate) fn met(&self) -> bool {
        self.have >= self.needed
    }
}

/// The level a partner's progress is measured against: the next one, or
/// its own at the top (where every bar is full).
pub(crate) fn progress_level(partner: &PartnerResult<Levels>) -> Level {
    partner
        .standing
        .next
        .as_ref()
        .map_or(partner.level(), |n| n.level)
}

/// A partner's progress toward [`progress_level`], one entry per
/// requirement that level asks for (entitlements, people, new customers,
/// in that order); empty where the rules give that level no threshold.
pub(crate) fn progress(partner: &PartnerResult<Levels>, scheme: &LevelScheme) -> Vec<Progress> {
    let Some(threshold) = scheme.threshold(progress_level(partner)) else {
        return Vec::new();
    };
    [
        (
            Requirement::Entitlements,
            partner.entitlements,
            threshold.entitlements.get(partner.market),
        ),
        (
            Requirement::People,
            u64::from(partner.qualified_people),
            u64::from(threshold.people),
        ),
        (
            Requirement::NewCustomers,
            u64::from(partner.new_customers),
            u64::from(threshold.new_customers),
        ),
    ]
    .into_iter()
    .filter(|(_, _, needed)| *needed > 0)
    .map(|(requirement, have, needed)| Progress {
        requirement,
        have,
        needed,
    })
    .collect()
}

/// How far along a partner is toward its next level, in whole percent
/// rounded down: the mean, over what that level asks for (active
/// entitlements, qualified people, new customers where counted), of how
/// much of each the partner has, each capped at all of it. 100 only when
/// every requirement is met, so always 100 at the top level.
pub(crate) fn percent_of_the_way(bars: &[Progress]) -> u8 {
    if bars.is_empty() {
        return 100;
    }
    let share: f64 = bars
        .iter()
        .map(|b| b.have.min(b.needed) as f64 / b.needed as f64)
        .sum::<f64>()
        / bars.len() as f64;
    // The small nudge keeps 0.29 * 100 from flooring to 28.
    let percent = (share * 100.0 + 1e-9).floor();
    if bars.iter().all(Progress::met) {
        100
    } else {
        (percent as u8).min(99)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_measured_against_the_next_level_and_full_at_the_top() {
        use crate::families::AnyRuleSet;
        use crate::families::levels::{NextLevel, bare};
        let Ok(AnyRuleSet::Levels(set)) = AnyRuleSet::shipped(crate::rules::DEFAULT_NAME) else {
            panic!("the default rules are a competency");
        };
        let rules = &set.scheme;
        let mut p = bare("1000001", Level::Silver, 2_999, 1);
        p.standing.next = Some(NextLevel {
            level: Level::Gold,
            entitlements_short: 1_001,
            people_short: 1,
            new_customers_short: 0,
        });
        let bars = progress(&p, rules);
        assert_eq!(
            bars.iter()
                .map(|b| (b.requirement, b.have, b.needed, b.percent(), b.met()))
                .collect::<Vec<_>>(),
            vec![
                (Requirement::Entitlements, 2_999, 4_000, 74, false),
                (Requirement::People, 1, 2, 50, false),
            ],
            "no new-customers bar: Cloud Productivity asks for none"
        );
        // One percent of the way: (2,999 / 4,000 + 1 / 2) / 2 = 62.49 %.
        assert_eq!(percent_of_the_way(&progress(&p, rules)), 62);
        // 3,999 of 4,000 is not 100 %.
        p.entitlements = 3_999;
        assert_eq!(progress(&p, rules)[0].percent(), 99);
        // Entitlements met and people not: 75 %, never 100.
        p.entitlements = 4_000;
        assert_eq!(percent_of_the_way(&progress(&p, rules)), 75);
        p.qualified_people = 2;
        assert_eq!(percent_of_the_way(&progress(&p, rules)), 100);
        p.standing.level = Level::Gold;
        p.entitlements = 9_000;
        p.qualified_people = 3;
        p.standing.next = None;
        assert!(
            progress(&p, rules)
                .iter()
                .all(|b| b.met() && b.percent() == 100)
        );
        assert_eq!(percent_of_the_way(&progress(&p, rules)), 100);
    }
}
