//! The machine-readable summary (`--json`): exactly the names the README
//! documents, partners sorted by partner id.

use serde::Serialize;

use super::ReportData;
use crate::model::{Level, Market};
use crate::text;

/// The whole JSON document.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// The as-of date, `YYYY-MM-DD`.
    pub as_of: String,
    /// The competency evaluated, e.g. `Enterprise Mobility Management`.
    pub competency: String,
    /// The option within it, e.g. `SMB Partner`.
    pub option: String,
    /// One entry per partner.
    pub partners: Vec<Partner>,
    /// Every input problem.
    pub problems: Vec<ProblemEntry>,
}

/// One partner's result.
#[derive(Debug, Serialize)]
pub struct Partner {
    /// The partner id.
    pub partner_id: String,
    /// The partner's name, if known.
    pub partner_name: Option<String>,
    /// `mature` or `emerging`.
    pub market: Market,
    /// `gold`, `silver` or `none`.
    pub level: Level,
    /// Active entitlements.
    pub active_entitlements: u64,
    /// The workload the figure comes from.
    pub best_workload: Option<String>,
    /// New customers counted (0 when the rules ask for none).
    pub new_customers: u32,
    /// Qualified people counted.
    pub qualified_people: u32,
    /// `silver`, `gold` or null at the top.
    pub next_level: Option<Level>,
    /// Entitlements short of the next level.
    pub entitlements_short: u64,
    /// People short of the next level.
    pub people_short: u32,
    /// New customers short of the next level.
    pub new_customers_short: u32,
    /// What to do next, in words.
    pub action: String,
    /// The level's move since the earlier report (`gained Gold`...), or
    /// null when there was no earlier report.
    pub change: Option<String>,
    /// Active entitlements now minus then; null when new or not compared.
    pub entitlements_change: Option<i64>,
    /// Qualified people now minus then; null when new or not compared.
    pub people_change: Option<i64>,
    /// Why the partner could lose its level soon, or null.
    pub at_risk: Option<String>,
}

/// One problem.
#[derive(Debug, Serialize)]
pub struct ProblemEntry {
    /// The file.
    pub file: String,
    /// The sheet, or empty.
    pub sheet: String,
    /// The cell (`D17`), the row (`17`) or empty.
    pub cell: String,
    /// What is wrong.
    pub message: String,
}

impl Summary {
    /// The summary of a report.
    pub fn new(data: &ReportData) -> Summary {
        let partners = data
            .evaluation
            .partners
            .iter()
            .map(|p| (p, data.changes.and_then(|c| c.get(&p.partner))))
            .map(|(p, change)| Partner {
                partner_id: p.partner.to_string(),
                partner_name: p.name.clone(),
                market: p.market,
                level: p.level,
                active_entitlements: p.entitlements,
                best_workload: p.best_workload.as_ref().map(|w| w.to_string()),
                new_customers: p.new_customers,
                qualified_people: p.qualified_people,
                next_level: p.next.as_ref().map(|n| n.level),
                entitlements_short: p.next.as_ref().map_or(0, |n| n.entitlements_short),
                people_short: p.next.as_ref().map_or(0, |n| n.people_short),
                new_customers_short: p.next.as_ref().map_or(0, |n| n.new_customers_short),
                action: text::action(p, data.rules),
                change: change.map(|c| crate::text::en::EN.change(c.change).to_string()),
                entitlements_change: change.and_then(|c| c.entitlements),
                people_change: change.and_then(|c| c.qualified_people),
                at_risk: crate::advice::at_risk(p, data.rules).map(|r| crate::text::at_risk(&r)),
            })
            .collect();
        let problems = data
            .problems
            .iter()
            .map(|p| ProblemEntry {
                file: p.location.file.to_string(),
                sheet: p.location.sheet.as_deref().unwrap_or_default().to_string(),
                cell: p.location.cell(),
                message: p.message.clone(),
            })
            .collect();
        Summary {
            as_of: data.as_of.format("%Y-%m-%d").to_string(),
            competency: data.rules.competency.name.clone(),
            option: data.rules.competency.option.clone(),
            partners,
            problems,
        }
    }
}
