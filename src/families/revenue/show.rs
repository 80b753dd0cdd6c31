//! How a revenue-scored designation advises and shows: the cheapest route
//! on the track the revenue rule chose (the points family's route, the
//! track fixed), the Summary's columns and the mail as any scored
//! designation's, and its own words where its units are its own (usage
//! growth in percent of monthly consumption value, its baseline gate, the
//! month scored), its JSON fields and `competency-report rules`.

use std::fmt::Write;

use rayon::prelude::*;
use serde::Serialize;

use super::rules::RevenueMeasure;
use super::{RevenueScored, details, words};
use crate::advice::{self};
use crate::deliver::email::composer::Composer;
use crate::deliver::email::family::{self as mail, OperatorWords, StandingView};
use crate::evaluate::{Evaluation, PartnerResult};
use crate::families::points::mail as scored_mail;
use crate::families::points::report::scored_from_downloads;
use crate::families::points::route::{Route, distance, path_route};
use crate::input::Rows;
use crate::model::{points_value, show_points};
use crate::month::PartnerChange;
use crate::report::family::JsonStanding;
use crate::report::{self};
use crate::rules::RuleSet;
use crate::text::Texts;

impl advice::Family for RevenueScored {
    /// The cheapest route to qualify on the chosen track (`None` once
    /// qualified, or out of reach).
    type Advice = Option<Route>;

    fn advise(
        set: &RuleSet<RevenueScored>,
        evaluation: &Evaluation<RevenueScored>,
        _: &Rows,
    ) -> Vec<Option<Route>> {
        let scoring = &set.scheme.scoring;
        evaluation
            .partners
            // Each partner's route is its own: every core searches.
            .par_iter()
            .map(|p| {
                let score = &p.standing.score;
                (!score.qualified())
                    .then(|| path_route(score, scoring, score.best))
                    .flatten()
            })
            .collect()
    }

    fn progress(
        set: &RuleSet<RevenueScored>,
        p: &PartnerResult<RevenueScored>,
        _: &Option<Route>,
    ) -> Option<u8> {
        let d = distance(&p.standing.score, &set.scheme.scoring)?;
        Some((((1.0 - d / 2.0) * 100.0 + 1e-9).floor() as u8).min(99))
    }
}

/// A revenue-scored partner's own JSON fields.
#[derive(Debug, Serialize)]
pub struct RevenueJson {
    /// The points of the track that counts.
    score: f64,
    /// The score now less last month's, or null.
    score_change: Option<f64>,
    /// The id of the track the revenue rule chose.
    path: String,
    /// The latest month scored ("2026-04"), or null.
    month: Option<String>,
    /// Workloads at tenants over the track rule's revenue, in its two
    /// months (the later first).
    track_workloads: [u64; 2],
    /// Every track's points, by track id.
    path_scores: serde_json::Map<String, serde_json::Value>,
    /// Each metric on the chosen track, by id, in the rules' order.
    metrics: serde_json::Map<String, serde_json::Value>,
}

/// One metric's entry.
#[derive(Debug, Serialize)]
struct MetricEntry {
    points: f64,
    max_points: f64,
    /// Net adds, people, deployments; usage growth in percent (hundredths).
    figure: f64,
    threshold: f64,
    /// Usage growth: MCV of the latest month and of the month a year before.
    #[serde(skip_serializing_if = "Option::is_none")]
    now: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year_before: Option<f64>,
    /// Usage growth: the MCV the month a year before must reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<f64>,
}

fn json(
    set: &RuleSet<RevenueScored>,
    p: &PartnerResult<RevenueScored>,
    change: Option<&PartnerChange>,
) -> JsonStanding<RevenueJson> {
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
            let f = &ms.figures[0];
            let growth = scheme.measures[i] == RevenueMeasure::ConsumptionGrowth;
            let scale = if growth { 100.0 } else { 1.0 };
            let entry = MetricEntry {
                points: points_value(f.points),
                max_points: points_value(m.points),
                figure: f.raw as f64 / scale,
                threshold: f.threshold as f64 / scale,
                now: growth.then(|| s.consumption[0].as_f64()),
                year_before: growth.then(|| s.consumption[1].as_f64()),
                baseline: scheme.minimums[i]
                    .as_ref()
                    .filter(|_| growth)
                    .map(|v| v[score.best].as_f64()),
            };
            let value = serde_json::to_value(entry).unwrap_or_default();
            (m.id.clone(), value)
        })
        .collect();
    JsonStanding::without_levels(RevenueJson {
        score: points_value(score.total()),
        score_change: change.and_then(|c| c.score).map(|d| d as f64 / 100.0),
        path: scoring.paths[score.best].id.clone(),
        month: s.month.map(|m| format!("{:04}-{:02}", m.year(), m.month())),
        track_workloads: s.track_workloads,
        path_scores,
        metrics,
    })
}

impl report::Family for RevenueScored {
    type Json = RevenueJson;

    /// Its figures are the Business Applications downloads' rows.
    const FIGURES_FROM_CUSTOMER_ROWS: bool = false;

    scored_from_downloads!(RevenueScored, details::columns, words::action_words, json);

    fn scheme_settings(t: &Texts, set: &RuleSet<RevenueScored>) -> Vec<(String, String)> {
        t.scoring_settings(&set.scheme.scoring)
    }
}

impl mail::Family for RevenueScored {
    fn standing_view(c: &Composer<'_, '_, RevenueScored>, index: usize) -> StandingView {
        scored_mail::standing_view(c, index)
    }

    fn operator_words(c: &Composer<'_, '_, RevenueScored>) -> OperatorWords {
        scored_mail::operator_words(c)
    }
}

/// The designation in plain words, for `competency-report rules`.
pub(super) fn describe(set: &RuleSet<RevenueScored>, origin: &str) -> String {
    let (rules, s) = (&set.rules, &set.scheme);
    let scoring = &s.scoring;
    let mut out = rules.describe_heading(&set.title(), origin);
    let r = &s.track_rule;
    let _ = writeln!(
        out,
        "Scored in points from revenue and monthly consumption value (MCV): qualified with at least {} of {} points and at least {} in every metric. \
         The track is chosen: {} when at least {} workloads at tenants have more than ${} of revenue in month -{} and in month -{}; otherwise {}.",
        show_points(scoring.qualifying),
        show_points(scoring.max_points()),
        show_points(scoring.metric_minimum),
        scoring.paths[r.track].name,
        r.min_workloads,
        r.revenue_over,
        r.months_back[0],
        r.months_back[1],
        scoring.paths[r.otherwise].name,
    );
    let _ = writeln!(out, "\nMetrics:");
    for (i, m) in scoring.metrics.iter().enumerate() {
        let per_track: Vec<String> = scoring
            .paths
            .iter()
            .enumerate()
            .map(|(p, def)| {
                let threshold = m.targets[p].options()[0].1;
                let minimum = s.minimums[i]
                    .as_ref()
                    .map(|v| format!(", from {}", v[p]))
                    .unwrap_or_default();
                format!("{} {threshold}{minimum}", def.name)
            })
            .collect();
        let _ = writeln!(
            out,
            "  {}: {} points at {}",
            m.words.name,
            show_points(m.points),
            per_track.join("; ")
        );
    }
    let _ = writeln!(out, "\nRate card (MCV = users or profiles x rate):");
    for line in &s.rate_card {
        let workloads: Vec<String> = line.workloads.iter().map(|w| w.to_string()).collect();
        let associations: Vec<&str> = line.associations.iter().map(|a| a.label()).collect();
        let _ = writeln!(
            out,
            "  {}: {} per {} ({}; under {})",
            line.name,
            line.rate,
            match line.unit {
                super::rules::RateUnit::Users => "user",
                super::rules::RateUnit::Profiles => "profile",
            },
            workloads.join(", "),
            associations.join(", ")
        );
    }
    out
}
