//! How Security shows: the Summary's columns, Next Steps and the mail as
//! any scored designation's (the points family's), its own `Partner
//! Details` columns, its Run info settings (the facts the rules file sets:
//! the security services, where seats come from, excluded offers), its
//! JSON fields and `competency-report rules`.

use std::fmt::Write;

use serde::Serialize;

use super::rules::{SeatsFrom, SecurityMeasure};
use super::{SecurityScored, details, words};
use crate::deliver::email::composer::Composer;
use crate::deliver::email::family::{self as mail, OperatorWords, StandingView};
use crate::evaluate::PartnerResult;
use crate::families::points::mail as scored_mail;
use crate::families::points::report::scored_from_downloads;
use crate::families::points::score::Figure;
use crate::model::{Association, points_value, show_points};
use crate::month::PartnerChange;
use crate::report::family::JsonStanding;
use crate::report::{self};
use crate::rules::RuleSet;
use crate::text::Texts;

/// A Security partner's own JSON fields.
#[derive(Debug, Serialize)]
pub struct SecurityJson {
    /// The points of the path that counts.
    score: f64,
    /// The score now less last month's, or null.
    score_change: Option<f64>,
    /// The id of the path that counts.
    path: String,
    /// Last month ("2026-05").
    month: String,
    /// Security ACR over the trailing twelve months to last month and to
    /// the same month a year before, in dollars.
    security_acr_12_months: f64,
    security_acr_12_months_year_before: f64,
    /// The security services with ACR over the trailing twelve months.
    services: Vec<String>,
    /// Whether excluded offers could be left out (some row gave an offer).
    offers_excluded: bool,
    /// Every path's points, by path id.
    path_scores: serde_json::Map<String, serde_json::Value>,
    /// Each metric on the path that counts, by id, in the rules' order.
    metrics: serde_json::Map<String, serde_json::Value>,
}

/// One metric's entry.
#[derive(Debug, Serialize)]
struct MetricEntry {
    points: f64,
    max_points: f64,
    /// Customers, deployments, people in the last step; usage growth in
    /// points of growth.
    figure: f64,
    threshold: f64,
    /// The parts, by id ("azure", "microsoft-365"): growth in dollars and
    /// protected users.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    parts: serde_json::Map<String, serde_json::Value>,
    /// Certification steps: people per step.
    #[serde(skip_serializing_if = "Option::is_none")]
    steps: Option<Vec<u64>>,
}

/// One part's entry.
#[derive(Debug, Serialize)]
struct PartEntry {
    points: f64,
    figure: f64,
    threshold: f64,
}

fn json(
    set: &RuleSet<SecurityScored>,
    p: &PartnerResult<SecurityScored>,
    change: Option<&PartnerChange>,
) -> JsonStanding<SecurityJson> {
    let (scheme, s) = (&set.scheme, &p.standing);
    let scoring = &scheme.scoring;
    let score = &s.score;
    let path_scores = scoring
        .paths
        .iter()
        .zip(&score.paths)
        .map(|(def, ps)| (def.id.clone(), points_value(ps.total).into()))
        .collect();
    let growth_in_cents = |i: usize| {
        matches!(&scheme.measures[i], SecurityMeasure::Parts { azure: Some(a), .. }
            if matches!(a.measure, super::rules::AzureMeasure::Growth { .. }))
    };
    let metrics = scoring
        .metrics
        .iter()
        .zip(&score.best_path().metrics)
        .enumerate()
        .map(|(i, (m, ms))| {
            let f = ms.figure();
            let scale = if m.measure == crate::families::points::rules::Measure::UsageGrowth {
                100.0
            } else {
                1.0
            };
            let part = |f: &Figure, scale: f64| {
                serde_json::to_value(PartEntry {
                    points: points_value(f.points),
                    figure: f.raw as f64 / scale,
                    threshold: f.threshold as f64 / scale,
                })
                .unwrap_or_default()
            };
            let [a, m365] = &s.parts[score.best][i];
            let mut parts = serde_json::Map::new();
            if let Some(a) = a {
                let scale = if growth_in_cents(i) { 100.0 } else { 1.0 };
                parts.insert("azure".into(), part(a, scale));
            }
            if let Some(m) = m365 {
                parts.insert("microsoft-365".into(), part(m, 1.0));
            }
            let entry = MetricEntry {
                points: points_value(f.points),
                max_points: points_value(m.points),
                figure: f.raw as f64 / scale,
                threshold: f.threshold as f64 / scale,
                parts,
                steps: matches!(scheme.measures[i], SecurityMeasure::Steps(_))
                    .then(|| s.steps[i].clone()),
            };
            (
                m.id.clone(),
                serde_json::to_value(entry).unwrap_or_default(),
            )
        })
        .collect();
    JsonStanding::without_levels(SecurityJson {
        score: points_value(score.total()),
        score_change: change.and_then(|c| c.score).map(|d| d as f64 / 100.0),
        path: scoring.paths[score.best].id.clone(),
        month: s.month.to_string(),
        security_acr_12_months: s.ttm[0].as_f64(),
        security_acr_12_months_year_before: s.ttm[1].as_f64(),
        services: s.services.clone(),
        offers_excluded: s.offer_column,
        path_scores,
        metrics,
    })
}

impl report::Family for SecurityScored {
    type Json = SecurityJson;

    /// Its Azure figures are the Azure consumed revenue rows.
    const FIGURES_FROM_CUSTOMER_ROWS: bool = false;

    scored_from_downloads!(SecurityScored, details::columns, words::action_words, json);

    /// The score's settings, then the facts the rules file sets that no
    /// download documents: the paths, the security services, the
    /// attributions, where seats come from, last month, excluded offers.
    fn scheme_settings(t: &Texts, set: &RuleSet<SecurityScored>) -> Vec<(String, String)> {
        let s = &set.scheme;
        let (a, sec) = (&t.acr, &t.security);
        let mut out = t.scoring_settings(&s.scoring);
        out.push((sec.paths_name.to_string(), sec.paths_setting.to_string()));
        let levels: Vec<String> = s.service_levels.iter().map(|l| l.to_string()).collect();
        out.push((
            sec.services_name.to_string(),
            (sec.services_setting)(&s.services.join(", "), &t.join_or(&levels)),
        ));
        let labels = |v: &[Association]| {
            let mut l: Vec<String> = Vec::new();
            for a in v {
                let label = a.label().to_string();
                if !l.contains(&label) {
                    l.push(label);
                }
            }
            l.join(", ")
        };
        let m365 = s
            .m365
            .association_groups
            .first()
            .map(|g| labels(&g.associations))
            .unwrap_or_default();
        out.push((
            sec.associations_name.to_string(),
            (sec.associations_setting)(&labels(&s.associations), &m365),
        ));
        let seats: Vec<String> = s
            .seats
            .iter()
            .map(|(from, w)| match from {
                SeatsFrom::EmsUsage => (sec.seats_ems)(&w.join(", ")),
                SeatsFrom::CustomerList => (sec.seats_list)(&w.join(", ")),
            })
            .collect();
        if !seats.is_empty() {
            out.push((sec.seats_name.to_string(), seats.join("; ")));
        }
        out.push((
            a.last_month_name.to_string(),
            a.last_month_setting.to_string(),
        ));
        out.push((
            a.offers_name.to_string(),
            (a.offers_setting)(&t.join_and(&s.excluded_offers)),
        ));
        out
    }
}

impl mail::Family for SecurityScored {
    fn standing_view(c: &Composer<'_, '_, SecurityScored>, index: usize) -> StandingView {
        scored_mail::standing_view(c, index)
    }

    fn operator_words(c: &Composer<'_, '_, SecurityScored>) -> OperatorWords {
        scored_mail::operator_words(c)
    }
}

/// The designation in plain words, for `competency-report rules`.
pub(super) fn describe(set: &RuleSet<SecurityScored>, origin: &str) -> String {
    let (rules, s) = (&set.rules, &set.scheme);
    let scoring = &s.scoring;
    let t = &crate::text::en::EN;
    let mut out = rules.describe_heading(&set.title(), origin);
    let _ = writeln!(
        out,
        "Scored in points on both paths, the better counting: qualified with at least {} of {} points and at least {} in every metric. \
         Each metric but skilling is an Azure part (security ACR over trailing 12 months on {}) plus a Microsoft 365 part (tenants by paid licences), capped at the metric's points.",
        show_points(scoring.qualifying),
        show_points(scoring.max_points()),
        show_points(scoring.metric_minimum),
        s.services.join(", "),
    );
    let _ = writeln!(out, "\nMetrics:");
    for (i, m) in scoring.metrics.iter().enumerate() {
        let _ = writeln!(out, "  {}: {} points", m.words.name, show_points(m.points));
        match &s.measures[i] {
            SecurityMeasure::Steps(steps) => {
                for st in steps {
                    let per_path: Vec<String> = scoring
                        .paths
                        .iter()
                        .enumerate()
                        .map(|(p, def)| {
                            format!(
                                "{} {} people for {}",
                                def.name,
                                st.people[p],
                                show_points(st.points[p])
                            )
                        })
                        .collect();
                    let _ = writeln!(
                        out,
                        "    {}: {} ({})",
                        st.id,
                        per_path.join("; "),
                        st.labels.join(", ")
                    );
                }
            }
            SecurityMeasure::Parts { azure, m365 } => {
                for (p, def) in scoring.paths.iter().enumerate() {
                    let mut parts = Vec::new();
                    if let Some(a) = azure {
                        let threshold = match a.measure {
                            super::rules::AzureMeasure::Growth { .. } => {
                                format!("${}", a.thresholds[p] / 100)
                            }
                            _ => a.thresholds[p].to_string(),
                        };
                        let band = match &a.measure {
                            super::rules::AzureMeasure::NetTenants { bands }
                            | super::rules::AzureMeasure::Growth { bands } => {
                                format!(", tenants {}", words::band_words(t, &bands[p]))
                            }
                            super::rules::AzureMeasure::NetCustomers { ttm_min } => {
                                format!(", tenants with ${ttm_min}")
                            }
                        };
                        parts.push(format!(
                            "Azure {} points at {threshold}{band}",
                            show_points(a.points)
                        ));
                    }
                    if let Some(m) = m365 {
                        parts.push(format!(
                            "Microsoft 365 {} points at {}",
                            show_points(m.points),
                            m.thresholds[p]
                        ));
                    }
                    let _ = writeln!(out, "    {}: {}", def.name, parts.join("; "));
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "\nExcluded offers, where a download has an offer column: {}",
        s.excluded_offers.join(", ")
    );
    out
}
