//! A designation's fields in the JSON summary, after the ones every family
//! has: the score, its change since last month, the path that counts, every
//! path's points, each metric on the path that counts (every association
//! option's figure, and whether it is exact), and the snapshots each
//! download was compared with.

use serde::{Serialize, Serializer};

use super::Points;
use super::score::{DownloadBaseline, Marks};
use crate::advice::Derivation;
use crate::evaluate::PartnerResult;
use crate::evaluate::snapshots::Baseline;
use crate::input::Download;
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
    /// Each download's current snapshot and the one it was compared with.
    baselines: Vec<BaselineEntry>,
}

/// One download's comparison.
#[derive(Debug, Serialize)]
struct BaselineEntry {
    /// The download: `OfficeUsage`, `EMSUsage`, `CPOR-M365-usage`,
    /// `license-usage`, `customer-list`.
    download: &'static str,
    /// Its current snapshot, or null for undated rows.
    current: Option<String>,
    /// The month a window before the current one ("2025-09").
    month: String,
    /// The snapshot compared with, or null where the current one stood in.
    compared_with: Option<String>,
    /// `exact`, `stood-in` (a later snapshot) or `missing` (none: the
    /// current one stood in, no change shown).
    status: &'static str,
    /// Months its current snapshot is older than the as-of date's month,
    /// when more than one (this month's download was not dropped); else 0.
    months_behind: u32,
    /// In words, with what to drop to make it exact (and current).
    note: String,
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
    /// Whether the figure is exact (see `not_exact_because` and the
    /// partner's `baselines`).
    exact: bool,
    /// What makes it less than exact: `year-before-snapshot` (a download's
    /// snapshot of the month a year before is missing; `baselines` says
    /// what stood in), `paid-licences` (rows without paid licences),
    /// `old-current-snapshot` (a download's latest snapshot is older than
    /// last month's; `baselines` says which).
    not_exact_because: Vec<&'static str>,
    /// Every option (association type) with its figure and points.
    options: Vec<OptionEntry>,
}

/// One threshold option of a metric.
#[derive(Debug, Serialize)]
struct OptionEntry {
    /// The association type, or null for a plain count.
    association: Option<String>,
    /// The partner's figure.
    figure: i64,
    /// The threshold.
    threshold: u64,
    /// The points it earns.
    points: f64,
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
            let group = |g: Option<usize>| g.map(|g| scoring.association_groups[g].name.clone());
            let entry = MetricEntry {
                points: points_value(f.points),
                max_points: points_value(m.points),
                figure: f.raw,
                threshold: f.threshold,
                association: group(f.group),
                exact: ms.marks.exact(),
                not_exact_because: because(&ms.marks),
                options: ms
                    .figures
                    .iter()
                    .map(|o| OptionEntry {
                        association: group(o.group),
                        figure: o.raw,
                        threshold: o.threshold,
                        points: points_value(o.points),
                    })
                    .collect(),
            };
            (m.id.clone(), entry)
        })
        .collect();
    let baselines = score.baselines.iter().map(baseline).collect();
    JsonStanding::without_levels(PointsJson {
        score: points_value(score.total()),
        score_change: change.and_then(|c| c.score).map(|d| d as f64 / 100.0),
        path: scoring.paths[score.best].id.clone(),
        path_scores: Ordered(path_scores),
        metrics: Ordered(metrics),
        baselines,
    })
}

/// What makes a figure less than exact, as the JSON names it.
fn because(marks: &Marks) -> Vec<&'static str> {
    let mut out = Vec::new();
    if marks.baseline {
        out.push("year-before-snapshot");
    }
    if marks.licences {
        out.push("paid-licences");
    }
    if marks.stale {
        out.push("old-current-snapshot");
    }
    out
}

/// One download's comparison, in the JSON's (English) words.
fn baseline(b: &DownloadBaseline) -> BaselineEntry {
    let t = crate::text::Lang::En.texts();
    BaselineEntry {
        download: match b.download {
            Download::CustomerList => "customer-list",
            Download::OfficeUsage => "OfficeUsage",
            Download::EmsUsage => "EMSUsage",
            Download::CporUsage => "CPOR-M365-usage",
            Download::LicenseUsage => "license-usage",
        },
        current: b.current.map(|d| d.to_string()),
        month: b.wanted().format("%Y-%m").to_string(),
        compared_with: b.year_before().map(|d| d.to_string()),
        status: match b.baseline {
            Baseline::Exact(_) => "exact",
            Baseline::Instead { .. } => "stood-in",
            Baseline::Missing { .. } => "missing",
        },
        months_behind: b.months_behind,
        note: t
            .stale_words(b)
            .into_iter()
            .chain([t.baseline_words(b)])
            .collect::<Vec<_>>()
            .join("; "),
    }
}
