//! The machine-readable summary (`--json`): exactly the names the README
//! documents, partners sorted by partner id.

use serde::{Serialize, Serializer};

use super::ReportData;
use crate::evaluate::PartnerResult;
use crate::evaluate::points::Gap;
use crate::model::{Level, Market};
use crate::rules::Rules;
use crate::rules::points::points_value;
use crate::text;

/// The whole JSON document.
#[derive(Debug, Serialize)]
pub(crate) struct Summary {
    /// The as-of date, `YYYY-MM-DD`.
    pub(crate) as_of: String,
    /// The competency evaluated, e.g. `Enterprise Mobility Management`.
    pub(crate) competency: String,
    /// The option within it, e.g. `SMB Partner`.
    pub(crate) option: String,
    /// One entry per partner.
    pub(crate) partners: Vec<Partner>,
    /// Every input problem.
    pub(crate) problems: Vec<ProblemEntry>,
}

/// One partner's result.
#[derive(Debug, Serialize)]
pub(crate) struct Partner {
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
    /// A points-scored rule set only: the points of the path that counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) score: Option<f64>,
    /// A points-scored rule set only: the score now less last month's, in
    /// points, or null without last month's score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) score_change: Option<Option<f64>>,
    /// A points-scored rule set only: the id of the path that counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) path: Option<String>,
    /// A points-scored rule set only: every path's points, by path id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) path_scores: Option<Ordered<f64>>,
    /// A points-scored rule set only: each metric on the path that counts,
    /// by metric id, in the rules' order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) metrics: Option<Ordered<MetricEntry>>,
}

/// A JSON object whose keys keep the rules' order.
#[derive(Debug)]
pub(crate) struct Ordered<T>(pub(crate) Vec<(String, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// One metric of a points-scored partner.
#[derive(Debug, Serialize)]
pub(crate) struct MetricEntry {
    /// Points earned (hundredths at most).
    pub(crate) points: f64,
    /// Points at the threshold (the metric's weight).
    pub(crate) max_points: f64,
    /// The partner's figure (net adds and growth can be negative).
    pub(crate) figure: i64,
    /// What the path asks for.
    pub(crate) threshold: u64,
    /// The association type the figure and threshold are for, if per type.
    pub(crate) association: Option<String>,
    /// What the inputs lack to measure the metric (`earlier-snapshot`,
    /// `licence-counts`), or null.
    pub(crate) missing_input: Option<&'static str>,
}

/// The points-scored fields of a partner: score, path, path scores, metrics.
type PointsFields = (
    Option<f64>,
    Option<String>,
    Option<Ordered<f64>>,
    Option<Ordered<MetricEntry>>,
);

fn points_fields(p: &PartnerResult, rules: &Rules) -> PointsFields {
    let (Some(score), Some(scoring)) = (&p.score, &rules.scoring) else {
        return (None, None, None, None);
    };
    let path_scores = scoring
        .paths
        .iter()
        .zip(&score.paths)
        .map(|(def, ps)| (def.id.clone(), points_value(ps.total)))
        .collect();
    let metrics = scoring
        .metrics
        .iter()
        .zip(&score.best_path().metrics)
        .map(|(m, ms)| {
            let f = ms.figure();
            let entry = MetricEntry {
                points: points_value(f.points),
                max_points: points_value(m.points),
                figure: f.raw,
                threshold: f.threshold,
                association: f.group.map(|g| scoring.association_groups[g].name.clone()),
                missing_input: ms.gap.map(|g| match g {
                    Gap::NoEarlierSnapshot => "earlier-snapshot",
                    Gap::NoLicenceCounts => "licence-counts",
                }),
            };
            (m.id.clone(), entry)
        })
        .collect();
    (
        Some(points_value(score.total())),
        Some(scoring.paths[score.best].id.clone()),
        Some(Ordered(path_scores)),
        Some(Ordered(metrics)),
    )
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

impl Summary {
    /// The summary of a report.
    pub(crate) fn new(data: &ReportData) -> Summary {
        let partners = data
            .evaluation
            .partners
            .iter()
            .map(|p| (p, data.changes.and_then(|c| c.get(&p.partner))))
            .map(|(p, change)| (p, change, points_fields(p, data.rules)))
            .map(|(p, change, (score, path, path_scores, metrics))| Partner {
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
                progress: crate::advice::percent_of_the_way(p, data.rules),
                action: text::action(p, data.rules),
                change: change.map(|c| crate::text::en::EN.change(c.change).to_string()),
                entitlements_change: change.and_then(|c| c.entitlements),
                people_change: change.and_then(|c| c.qualified_people),
                at_risk: crate::advice::at_risk(p, data.rules).map(|r| crate::text::at_risk(&r)),
                score_change: score.map(|_| change.and_then(|c| c.score).map(|d| d as f64 / 100.0)),
                score,
                path,
                path_scores,
                metrics,
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
