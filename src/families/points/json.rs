//! A designation's fields in the JSON summary, after the ones every family
//! has: the score, its change since last month, the path that counts, every
//! path's points and each metric on the path that counts.

use serde::{Serialize, Serializer};

use super::Points;
use super::score::Gap;
use crate::advice::Derivation;
use crate::evaluate::PartnerResult;
use crate::model::points_value;
use crate::month::PartnerChange;
use crate::report::family::JsonStanding;
use crate::rules::RuleSet;

/// A designation partner's own fields.
#[derive(Debug, Serialize)]
pub struct PointsJson {
    /// The points of the path that counts.
    score: f64,
    /// The score now less last month's, in points, or null without last
    /// month's score.
    score_change: Option<f64>,
    /// The id of the path that counts.
    path: String,
    /// Every path's points, by path id.
    path_scores: Ordered<f64>,
    /// Each metric on the path that counts, by metric id, in the rules' order.
    metrics: Ordered<MetricEntry>,
}

/// A JSON object whose keys keep the rules' order.
#[derive(Debug)]
struct Ordered<T>(Vec<(String, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// One metric of a points-scored partner.
#[derive(Debug, Serialize)]
struct MetricEntry {
    /// Points earned (hundredths at most).
    points: f64,
    /// Points at the threshold (the metric's weight).
    max_points: f64,
    /// The partner's figure (net adds and growth can be negative).
    figure: i64,
    /// What the path asks for.
    threshold: u64,
    /// The association type the figure and threshold are for, if per type.
    association: Option<String>,
    /// What the inputs lack to measure the metric (`earlier-snapshot`,
    /// `licence-counts`), or null.
    missing_input: Option<&'static str>,
}

/// A designation partner's JSON fields: no levels, and its score.
pub(super) fn json(
    set: &RuleSet<Points>,
    p: &PartnerResult<Points>,
    _: &Derivation<Points>,
    change: Option<&PartnerChange>,
) -> JsonStanding<PointsJson> {
    let (scoring, score) = (&set.scheme, &p.standing);
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
    JsonStanding::without_levels(PointsJson {
        score: points_value(score.total()),
        score_change: change.and_then(|c| c.score).map(|d| d as f64 / 100.0),
        path: scoring.paths[score.best].id.clone(),
        path_scores: Ordered(path_scores),
        metrics: Ordered(metrics),
    })
}
