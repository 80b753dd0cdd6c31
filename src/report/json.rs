//! The machine-readable summary (`--json`): exactly the names the README
//! documents, partners sorted by partner id.

use serde::Serialize;

use super::{Family, ReportData};
use crate::model::{Level, Market};
use crate::text::en::EN;

/// The whole JSON document.
#[derive(Debug, Serialize)]
pub(crate) struct Summary<X> {
    /// The as-of date, `YYYY-MM-DD`.
    pub(crate) as_of: String,
    /// The competency evaluated, e.g. `Enterprise Mobility Management`.
    pub(crate) competency: String,
    /// The option within it, e.g. `SMB Partner`.
    pub(crate) option: String,
    /// One entry per partner.
    pub(crate) partners: Vec<Partner<X>>,
    /// Every input problem.
    pub(crate) problems: Vec<ProblemEntry>,
}

/// One partner's result.
#[derive(Debug, Serialize)]
pub(crate) struct Partner<X> {
    /// The partner id.
    pub(crate) partner_id: String,
    /// The partner's name, if known.
    pub(crate) partner_name: Option<String>,
    /// `mature` or `emerging`.
    pub(crate) market: Market,
    /// `gold`, `silver` or `none`.
    pub(crate) level: Level,
    /// Active entitlements.
    pub(crate) active_entitlements: u64,
    /// The workload the figure comes from.
    pub(crate) best_workload: Option<String>,
    /// New customers counted (0 when the rules ask for none).
    pub(crate) new_customers: u32,
    /// Qualified people counted.
    pub(crate) qualified_people: u32,
    /// `silver`, `gold` or null at the top.
    pub(crate) next_level: Option<Level>,
    /// Entitlements short of the next level.
    pub(crate) entitlements_short: u64,
    /// People short of the next level.
    pub(crate) people_short: u32,
    /// New customers short of the next level.
    pub(crate) new_customers_short: u32,
    /// Percent of the way to the next level (0 to 100, 100 at the top), as
    /// the Summary's Progress column shows it.
    pub(crate) progress: u8,
    /// What to do next, in words.
    pub(crate) action: String,
    /// The level's move since the earlier report (`gained Gold`...), or
    /// null when there was no earlier report.
    pub(crate) change: Option<String>,
    /// Active entitlements now minus then; null when new or not compared.
    pub(crate) entitlements_change: Option<i64>,
    /// Qualified people now minus then; null when new or not compared.
    pub(crate) people_change: Option<i64>,
    /// Why the partner could lose its level soon, or null.
    pub(crate) at_risk: Option<String>,
    /// The family's own fields (a designation's score, path and metrics).
    #[serde(flatten)]
    pub(crate) family: X,
}

/// One problem.
#[derive(Debug, Serialize)]
pub(crate) struct ProblemEntry {
    /// The file.
    pub(crate) file: String,
    /// The sheet, or empty.
    pub(crate) sheet: String,
    /// The cell (`D17`), the row (`17`) or empty.
    pub(crate) cell: String,
    /// What is wrong.
    pub(crate) message: String,
}

impl ProblemEntry {
    /// A problem's entry.
    pub(crate) fn of(p: &crate::problem::Problem) -> ProblemEntry {
        ProblemEntry {
            file: p.location.file.to_string(),
            sheet: p.location.sheet.as_deref().unwrap_or_default().to_string(),
            cell: p.location.cell(),
            message: p.message.clone(),
        }
    }
}

impl<X: Serialize> Summary<X> {
    /// The summary of a report.
    pub(crate) fn new<F: Family<Json = X>>(data: &ReportData<F>) -> Summary<X> {
        let set = data.set;
        let partners = data
            .partners()
            .map(|(p, derived)| {
                let change = data.change(p);
                let standing = F::json(set, p, derived, change);
                Partner {
                    partner_id: p.partner.to_string(),
                    partner_name: p.name.clone(),
                    market: p.market,
                    level: p.level(),
                    active_entitlements: p.entitlements,
                    best_workload: p.best_workload.as_ref().map(|w| w.to_string()),
                    new_customers: p.new_customers,
                    qualified_people: p.qualified_people,
                    next_level: standing.next_level,
                    entitlements_short: standing.entitlements_short,
                    people_short: standing.people_short,
                    new_customers_short: standing.new_customers_short,
                    progress: derived.percent(),
                    action: F::action(&EN, set, p, derived),
                    change: change.map(|c| EN.change(c.change).to_string()),
                    entitlements_change: change.and_then(|c| c.entitlements),
                    people_change: change.and_then(|c| c.qualified_people),
                    at_risk: standing.at_risk,
                    family: standing.extra,
                }
            })
            .collect();
        let problems = data.problems.iter().map(ProblemEntry::of).collect();
        Summary {
            as_of: data.as_of.format("%Y-%m-%d").to_string(),
            competency: data.rules().competency.name.clone(),
            option: data.rules().competency.option.clone(),
            partners,
            problems,
        }
    }
}
