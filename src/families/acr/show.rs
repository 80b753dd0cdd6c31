//! How an ACR-scored designation shows: the Summary's columns, Next Steps
//! and the mail as any scored designation's (the points family's), its own
//! `Partner Details` columns, its Run info settings (the facts the rules
//! file sets: SMB segments, excluded offers), its JSON fields and
//! `competency-report rules`.

use std::fmt::Write;

use serde::Serialize;

use super::rules::AcrMeasure;
use super::{AcrScored, details, words};
use crate::deliver::email::composer::Composer;
use crate::deliver::email::family::{self as mail, OperatorWords, StandingView};
use crate::evaluate::PartnerResult;
use crate::families::points::mail as scored_mail;
use crate::families::points::report::scored_from_downloads;
use crate::model::{points_value, show_points};
use crate::month::PartnerChange;
use crate::report::family::JsonStanding;
use crate::report::{self};
use crate::rules::RuleSet;
use crate::text::Texts;

/// An ACR-scored partner's own JSON fields.
#[derive(Debug, Serialize)]
pub struct AcrJson {
    /// The points of the path that counts.
    score: f64,
    /// The score now less last month's, or null.
    score_change: Option<f64>,
    /// The id of the track's path.
    path: String,
    /// Last month ("2026-05").
    month: String,
    /// Last month's customers with eligible ACR, and those in an SMB segment.
    customers: u64,
    smb_customers: u64,
    /// Eligible ACR last month, the same month a year before, and over
    /// the trailing twelve months, in dollars.
    acr: f64,
    acr_year_before: f64,
    acr_12_months: f64,
    /// The services deployments counted.
    services: Vec<String>,
    /// Whether excluded offers could be left out (some row gave an offer).
    offers_excluded: bool,
    /// Every path's points, by path id.
    path_scores: serde_json::Map<String, serde_json::Value>,
    /// Each metric on the track's path, by id, in the rules' order.
    metrics: serde_json::Map<String, serde_json::Value>,
}

/// One metric's entry.
#[derive(Debug, Serialize)]
struct MetricEntry {
    points: f64,
    max_points: f64,
    /// Net adds, services, places filled in the certification steps (each
    /// step's people up to what it needs); usage growth in percent.
    figure: f64,
    threshold: f64,
    /// Certification steps: people per step.
    #[serde(skip_serializing_if = "Option::is_none")]
    steps: Option<Vec<u64>>,
}

fn json(
    set: &RuleSet<AcrScored>,
    p: &PartnerResult<AcrScored>,
    change: Option<&PartnerChange>,
) -> JsonStanding<AcrJson> {
    let (scheme, s) = (&set.scheme, &p.standing);
    let scoring = &scheme.scoring;
    let score = &s.score;
    let path_scores = scoring
        .paths
        .iter()
        .zip(&score.paths)
        .map(|(def, ps)| (def.id.clone(), points_value(ps.total).into()))
        .collect();
    let metrics = scoring
        .metrics
        .iter()
        .zip(&score.best_path().metrics)
        .enumerate()
        .map(|(i, (m, ms))| {
            let f = ms.figure();
            let growth = matches!(scheme.measures[i], AcrMeasure::GrowthPercent { .. });
            let scale = if growth { 100.0 } else { 1.0 };
            let entry = MetricEntry {
                points: points_value(f.points),
                max_points: points_value(m.points),
                figure: f.raw as f64 / scale,
                threshold: f.threshold as f64 / scale,
                steps: matches!(scheme.measures[i], AcrMeasure::Steps(_))
                    .then(|| s.steps[i].clone()),
            };
            let value = serde_json::to_value(entry).unwrap_or_default();
            (m.id.clone(), value)
        })
        .collect();
    JsonStanding::without_levels(AcrJson {
        score: points_value(score.total()),
        score_change: change.and_then(|c| c.score).map(|d| d as f64 / 100.0),
        path: scoring.paths[score.best].id.clone(),
        month: s.month.to_string(),
        customers: s.customers,
        smb_customers: s.smb_customers,
        acr: s.acr[0].as_f64(),
        acr_year_before: s.acr[1].as_f64(),
        acr_12_months: s.ttm.as_f64(),
        services: s.services.clone(),
        offers_excluded: s.offer_column,
        path_scores,
        metrics,
    })
}

impl report::Family for AcrScored {
    type Json = AcrJson;

    /// Its figures are the Azure consumed revenue rows.
    const FIGURES_FROM_CUSTOMER_ROWS: bool = false;

    scored_from_downloads!(AcrScored, details::columns, words::action_words, json);

    /// The score's settings, then the facts the rules file sets that no
    /// download documents: the SMB segments, last month, excluded offers,
    /// sovereign clouds.
    fn scheme_settings(t: &Texts, set: &RuleSet<AcrScored>) -> Vec<(String, String)> {
        let s = &set.scheme;
        let a = &t.acr;
        let paths = &s.scoring.paths;
        let mut out = t.scoring_settings(&s.scoring);
        out.push((
            a.track_name.to_string(),
            (a.track_setting)(
                s.track.share_percent,
                &s.track.smb_segments.join(", "),
                t.path_name(&paths[s.track.smb]),
                t.path_name(&paths[s.track.otherwise]),
            ),
        ));
        out.push((
            a.last_month_name.to_string(),
            a.last_month_setting.to_string(),
        ));
        out.push((
            a.offers_name.to_string(),
            (a.offers_setting)(&t.join_and(&s.excluded_offers)),
        ));
        out.push((a.cloud_name.to_string(), a.cloud_setting.to_string()));
        out
    }
}

impl mail::Family for AcrScored {
    fn standing_view(c: &Composer<'_, '_, AcrScored>, index: usize) -> StandingView {
        scored_mail::standing_view(c, index)
    }

    fn operator_words(c: &Composer<'_, '_, AcrScored>) -> OperatorWords {
        scored_mail::operator_words(c)
    }
}

/// The designation in plain words, for `competency-report rules`.
pub(super) fn describe(set: &RuleSet<AcrScored>, origin: &str) -> String {
    let (rules, s) = (&set.rules, &set.scheme);
    let scoring = &s.scoring;
    let mut out = rules.describe_heading(&set.title(), origin);
    let paths = &scoring.paths;
    let _ = writeln!(
        out,
        "Scored in points from Azure consumed revenue (ACR): qualified with at least {} of {} points and at least {} in every metric. \
         The track is {} when {} % or more of last month's customers are in an SMB segment ({}); otherwise {}.",
        show_points(scoring.qualifying),
        show_points(scoring.max_points()),
        show_points(scoring.metric_minimum),
        paths[s.track.smb].name,
        s.track.share_percent,
        s.track.smb_segments.join(", "),
        paths[s.track.otherwise].name,
    );
    let _ = writeln!(out, "\nMetrics:");
    for (i, m) in scoring.metrics.iter().enumerate() {
        let per_path = |f: &dyn Fn(usize) -> String| {
            paths
                .iter()
                .enumerate()
                .map(|(p, def)| format!("{} {}", def.name, f(p)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let what = match &s.measures[i] {
            AcrMeasure::NetCustomers { months, min } => per_path(&|p| {
                format!(
                    "{} customers with ${} in one of the last {months} months",
                    m.targets[p].options()[0].1,
                    min[p]
                )
            }),
            AcrMeasure::GrowthPercent { ttm_min } => format!(
                "{} % growth, with at least ${ttm_min} over the trailing 12 months",
                m.targets[0].options()[0].1
            ),
            AcrMeasure::Services { excluded, .. } => format!(
                "{} Service Level 2 services with ACR over 12 months, not {}",
                m.targets[0].options()[0].1,
                excluded.join(", ")
            ),
            AcrMeasure::Steps(steps) => steps
                .iter()
                .map(|st| {
                    let requires: Vec<&str> =
                        st.requires.iter().map(|r| steps[*r].id.as_str()).collect();
                    let after = if requires.is_empty() {
                        String::new()
                    } else {
                        format!(" after {}", requires.join(", "))
                    };
                    format!(
                        "{}{after}: {} ({})",
                        st.id,
                        per_path(&|p| format!(
                            "{} people for {}",
                            st.people[p],
                            show_points(st.points[p])
                        )),
                        st.labels.join(", ")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n    "),
        };
        let _ = writeln!(
            out,
            "  {}: {} points\n    {what}",
            m.words.name,
            show_points(m.points),
        );
    }
    let _ = writeln!(
        out,
        "\nExcluded offers, where a download has an offer column: {}",
        s.excluded_offers.join(", ")
    );
    out
}
