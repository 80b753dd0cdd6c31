//! A revenue-scored rule set's tables as written (`[revenue_score]`,
//! `[[tracks]]`, `[track_rule]`, `[[metrics]]`, `[net_customer_adds]`,
//! `[customer_success_associations]`, `[consumption]`, `[[rate_card]]`) and
//! their validation, once, into a [`RevenueScheme`].
//!
//! The score itself is the points family's model: the tracks and metrics
//! become a [`Scoring`] (a track is a path, a metric keeps its weight and
//! its threshold per track), so that a designation scored from revenue
//! shows as any other. What only this family has (the revenue and
//! consumption thresholds, the track rule, the rate card, which
//! associations count for what) sits beside it.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::families::points::rules::{Measure, MetricDef, MetricWords, PathDef, Scoring, Target};
use crate::model::{Amount, Association, Centi, CredentialId, Workload};
use crate::rules::Rules;

/// What does not hold together in a revenue-scored rule set's tables.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RevenueRulesError {
    /// No `[[tracks]]`, or one listed twice.
    #[error("[[tracks]] must list each track once, at least one ('{0}')")]
    Tracks(String),
    /// A per-track table naming a track that is not in `[[tracks]]`, or
    /// leaving one out.
    #[error("{what} must give a figure for every track in [[tracks]] and no other")]
    PerTrack {
        /// Where: "metric 'deployments' threshold".
        what: String,
    },
    /// `[track_rule]` naming a track that is not in `[[tracks]]`.
    #[error("[track_rule] names track '{0}', which is not in [[tracks]]")]
    UnknownTrack(String),
    /// `[track_rule] months_back` not two months, later first.
    #[error("[track_rule] months_back must be two months back, the later first (as [1, 13])")]
    MonthsBack,
    /// A figure that is not a non-negative number.
    #[error(transparent)]
    Figure(#[from] FigureError),
    /// A metric whose measure needs a table it lacks.
    #[error("metric '{metric}' ({measure}) needs {needs}")]
    MetricNeeds {
        /// The metric.
        metric: String,
        /// Its measure.
        measure: &'static str,
        /// What it lacks.
        needs: &'static str,
    },
    /// A workload name that is not a `[[workloads]]` entry.
    #[error("{what} names workload '{name}', which [[workloads]] does not list")]
    UnknownWorkload {
        /// Where.
        what: String,
        /// The name.
        name: String,
    },
    /// One download workload on two rate card lines.
    #[error("workload '{0}' is on two [[rate_card]] lines; a usage row must weigh once")]
    RateTwice(String),
    /// A rate card line naming an association group that does not exist.
    #[error(
        "[[rate_card]] '{line}' names associations '{group}', which [customer_success_associations] does not list"
    )]
    UnknownGroup {
        /// The line.
        line: String,
        /// The group.
        group: String,
    },
    /// A users column the usage download does not have.
    #[error("[consumption] users lists '{0}'; the usage download's user columns are PAMAU and MAU")]
    UsersColumn(String),
}

/// What a revenue-scored metric measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RevenueMeasure {
    /// Workloads at tenants with at least the track's revenue in the latest
    /// month, less those a window before.
    RevenueWorkloads,
    /// People holding one of the metric's credentials.
    CertifiedPeople,
    /// Monthly consumption value now against a window before, in percent
    /// (to the hundredth), once the year before reaches the track's baseline.
    ConsumptionGrowth,
    /// Workloads at tenants (a rate card line each) with at least the
    /// track's consumption value now, less those a window before.
    ConsumptionDeployments,
}

impl RevenueMeasure {
    /// The points family's measure it is shown as.
    fn shown_as(self) -> Measure {
        match self {
            RevenueMeasure::RevenueWorkloads => Measure::NetCustomerAdds,
            RevenueMeasure::CertifiedPeople => Measure::CertifiedPeople,
            RevenueMeasure::ConsumptionGrowth => Measure::UsageGrowth,
            RevenueMeasure::ConsumptionDeployments => Measure::NetNewDeployments,
        }
    }

    fn name(self) -> &'static str {
        match self {
            RevenueMeasure::RevenueWorkloads => "revenue-workloads",
            RevenueMeasure::CertifiedPeople => "certified-people",
            RevenueMeasure::ConsumptionGrowth => "consumption-growth",
            RevenueMeasure::ConsumptionDeployments => "consumption-deployments",
        }
    }
}

/// How a rate card line counts usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum RateUnit {
    /// Active users (as `[consumption] users` reads them).
    Users,
    /// Active capacity (the usage download's `MAC`: profiles).
    Profiles,
}

/// One line of the rate card.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RateLine {
    /// Its name on the page ("Business Central").
    pub(crate) name: String,
    /// Consumption value per unit.
    pub(crate) rate: Amount,
    /// What is counted.
    pub(crate) unit: RateUnit,
    /// The download workloads it weighs.
    pub(crate) workloads: Vec<Workload>,
    /// The associations its usage counts under.
    pub(crate) associations: Vec<Association>,
}

/// Which users column of the usage download is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UsersColumn {
    /// `PAMAU`: partner-attached monthly active users.
    Attached,
    /// `MAU`: monthly active users.
    Active,
}

/// The track rule: the track a partner is on when enough workloads at
/// tenants have more than a revenue in both months.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TrackRule {
    /// The track it leads to (index into the tracks).
    pub(crate) track: usize,
    /// The track otherwise.
    pub(crate) otherwise: usize,
    /// Workloads at tenants needed in each month.
    pub(crate) min_workloads: u64,
    /// Revenue a workload at a tenant must exceed.
    pub(crate) revenue_over: Amount,
    /// The two months, counted back from the as-of month (1 and 13).
    pub(crate) months_back: [u32; 2],
}

/// A validated revenue-scored rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct RevenueScheme {
    /// The score's shape, as the points family shows it: a path per track.
    pub(crate) scoring: Scoring,
    /// What each metric measures, in the metrics' order.
    pub(crate) measures: Vec<RevenueMeasure>,
    /// Per metric, per track: the revenue or consumption value a workload
    /// at a tenant needs (net adds, deployments) or the baseline (growth).
    pub(crate) minimums: Vec<Option<Vec<Amount>>>,
    /// How the track is chosen.
    pub(crate) track_rule: TrackRule,
    /// The latest month is this many months before the as-of month.
    pub(crate) latest_month_back: u32,
    /// Revenue counts under these associations...
    pub(crate) revenue_associations: Vec<Association>,
    /// ...on these workloads.
    pub(crate) revenue_workloads: Vec<Workload>,
    /// The rate card.
    pub(crate) rate_card: Vec<RateLine>,
    /// The users columns read, the first given wins.
    pub(crate) users: Vec<UsersColumn>,
}

impl RevenueScheme {
    /// The rate card line a download workload is weighed on.
    pub(crate) fn line_of(&self, workload: &Workload) -> Option<usize> {
        self.rate_card
            .iter()
            .position(|l| l.workloads.contains(workload))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreSection {
    qualifying_points: f64,
    #[serde(default)]
    metric_minimum: f64,
    window_months: u32,
    #[serde(default)]
    latest_month_back: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackEntry {
    id: String,
    name: String,
    #[serde(default)]
    de: Option<TrackWords>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackWords {
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackRuleEntry {
    track: String,
    otherwise: String,
    min_workloads: u64,
    revenue_over: f64,
    months_back: Vec<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricEntry {
    id: String,
    name: String,
    unit: [String; 2],
    #[serde(default)]
    de: Option<MetricWords>,
    measure: RevenueMeasure,
    points: f64,
    threshold: BTreeMap<String, u64>,
    #[serde(default)]
    credentials: Vec<CredentialId>,
    #[serde(default)]
    min_revenue: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    min_baseline: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    min_consumption: Option<BTreeMap<String, f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EligibleEntry {
    associations: Vec<Association>,
    workloads: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsumptionEntry {
    users: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RateEntry {
    name: String,
    rate: f64,
    unit: RateUnit,
    workloads: Vec<String>,
    associations: String,
}

/// The family's tables as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RevenueFile {
    revenue_score: ScoreSection,
    tracks: Vec<TrackEntry>,
    track_rule: TrackRuleEntry,
    metrics: Vec<MetricEntry>,
    net_customer_adds: EligibleEntry,
    customer_success_associations: BTreeMap<String, Vec<Association>>,
    consumption: ConsumptionEntry,
    rate_card: Vec<RateEntry>,
}

type Result<T> = std::result::Result<T, RevenueRulesError>;

/// A figure of a rules file that is not a non-negative number: the one
/// error of the families that read dollars and points from their tables.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{what} must be a non-negative number (got {value})")]
pub struct FigureError {
    /// Where.
    pub what: String,
    /// What it says.
    pub value: f64,
}

/// A non-negative figure; `what` says where it is.
pub(crate) fn figure(
    what: impl Fn() -> String,
    value: f64,
) -> std::result::Result<f64, FigureError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(FigureError {
            what: what(),
            value,
        })
    }
}

/// A non-negative figure in hundredths (points).
pub(crate) fn centi(
    what: impl Fn() -> String,
    value: f64,
) -> std::result::Result<Centi, FigureError> {
    Ok((figure(what, value)? * 100.0).round() as Centi)
}

/// A non-negative figure in dollars.
pub(crate) fn amount(
    what: impl Fn() -> String,
    value: f64,
) -> std::result::Result<Amount, FigureError> {
    let value = figure(&what, value)?;
    Amount::from_f64(value).ok_or(FigureError {
        what: what(),
        value,
    })
}

impl RevenueFile {
    /// Validates the tables against the common part of the rules.
    pub(crate) fn validate(self, rules: &Rules) -> Result<RevenueScheme> {
        let ids: Vec<&str> = self.tracks.iter().map(|t| t.id.as_str()).collect();
        if ids.is_empty() {
            return Err(RevenueRulesError::Tracks(String::new()));
        }
        if let Some(twice) = ids
            .iter()
            .enumerate()
            .find(|(i, id)| ids[..*i].contains(id))
        {
            return Err(RevenueRulesError::Tracks(twice.1.to_string()));
        }
        // A figure per track, in the tracks' order.
        let per_track = |what: &dyn Fn() -> String, m: &BTreeMap<String, f64>| {
            if m.len() != ids.len() || ids.iter().any(|id| !m.contains_key(*id)) {
                return Err(RevenueRulesError::PerTrack { what: what() });
            }
            ids.iter()
                .map(|id| Ok(amount(what, m[*id])?))
                .collect::<Result<Vec<_>>>()
        };
        let track_index = |id: &str| {
            ids.iter()
                .position(|t| *t == id)
                .ok_or_else(|| RevenueRulesError::UnknownTrack(id.to_string()))
        };
        let workload = |what: &dyn Fn() -> String, name: &str| {
            rules
                .workload(name)
                .ok_or_else(|| RevenueRulesError::UnknownWorkload {
                    what: what(),
                    name: name.to_string(),
                })
        };

        let rule = &self.track_rule;
        let months_back = match rule.months_back.as_slice() {
            [a, b] if a < b => [*a, *b],
            _ => return Err(RevenueRulesError::MonthsBack),
        };
        let track_rule = TrackRule {
            track: track_index(&rule.track)?,
            otherwise: track_index(&rule.otherwise)?,
            min_workloads: rule.min_workloads,
            revenue_over: amount(|| "[track_rule] revenue_over".into(), rule.revenue_over)?,
            months_back,
        };

        let paths = self
            .tracks
            .iter()
            .map(|t| PathDef {
                id: t.id.clone(),
                name: t.name.clone(),
                name_de: t.de.as_ref().map(|d| d.name.clone()),
                min_paid: 0,
                max_paid: None,
                groups: Vec::new(),
                stays_when_outgrown: false,
            })
            .collect();
        let mut metrics = Vec::new();
        let mut measures = Vec::new();
        let mut minimums = Vec::new();
        for m in &self.metrics {
            let what = |field: &str| format!("metric '{}' {field}", m.id);
            let thresholds = m
                .threshold
                .iter()
                .map(|(k, v)| (k.clone(), *v as f64))
                .collect();
            let targets = per_track(&|| what("threshold"), &thresholds)?
                .into_iter()
                .map(|a| Target::Count((a.micros() / 1_000_000) as u64))
                .collect();
            let (field, table) = match m.measure {
                RevenueMeasure::RevenueWorkloads => ("min_revenue", &m.min_revenue),
                RevenueMeasure::ConsumptionGrowth => ("min_baseline", &m.min_baseline),
                RevenueMeasure::ConsumptionDeployments => ("min_consumption", &m.min_consumption),
                RevenueMeasure::CertifiedPeople => ("credentials", &None),
            };
            let minimum = match (m.measure, table) {
                (RevenueMeasure::CertifiedPeople, _) if m.credentials.is_empty() => {
                    return Err(RevenueRulesError::MetricNeeds {
                        metric: m.id.clone(),
                        measure: m.measure.name(),
                        needs: "credentials",
                    });
                }
                (RevenueMeasure::CertifiedPeople, _) => None,
                (_, Some(t)) => Some(per_track(&|| what(field), t)?),
                (_, None) => {
                    return Err(RevenueRulesError::MetricNeeds {
                        metric: m.id.clone(),
                        measure: m.measure.name(),
                        needs: field,
                    });
                }
            };
            metrics.push(MetricDef {
                id: m.id.clone(),
                words: MetricWords {
                    name: m.name.clone(),
                    unit: m.unit.clone(),
                },
                words_de: m.de.clone(),
                measure: m.measure.shown_as(),
                points: centi(|| what("points"), m.points)?,
                targets,
                credentials: m.credentials.clone(),
                min_active_share: None,
                from_association: false,
                step: 1,
            });
            measures.push(m.measure);
            minimums.push(minimum);
        }
        let scoring = Scoring {
            qualifying: centi(
                || "[revenue_score] qualifying_points".into(),
                self.revenue_score.qualifying_points,
            )?,
            metric_minimum: centi(
                || "[revenue_score] metric_minimum".into(),
                self.revenue_score.metric_minimum,
            )?,
            window_months: self.revenue_score.window_months,
            paths,
            metrics,
            association_groups: Vec::new(),
            examples: Vec::new(),
        };

        let revenue_workloads = self
            .net_customer_adds
            .workloads
            .iter()
            .map(|w| workload(&|| "[net_customer_adds] workloads".into(), w))
            .collect::<Result<Vec<_>>>()?;
        let mut rate_card: Vec<RateLine> = Vec::new();
        for line in &self.rate_card {
            let what = || format!("[[rate_card]] '{}'", line.name);
            let workloads = line
                .workloads
                .iter()
                .map(|w| workload(&what, w))
                .collect::<Result<Vec<_>>>()?;
            if let Some(twice) = workloads
                .iter()
                .find(|w| rate_card.iter().any(|l| l.workloads.contains(w)))
            {
                return Err(RevenueRulesError::RateTwice(twice.to_string()));
            }
            let associations = self
                .customer_success_associations
                .get(&line.associations)
                .ok_or_else(|| RevenueRulesError::UnknownGroup {
                    line: line.name.clone(),
                    group: line.associations.clone(),
                })?
                .clone();
            rate_card.push(RateLine {
                name: line.name.clone(),
                rate: amount(|| format!("{} rate", what()), line.rate)?,
                unit: line.unit,
                workloads,
                associations,
            });
        }
        let users = self
            .consumption
            .users
            .iter()
            .map(|c| match c.to_ascii_uppercase().as_str() {
                "PAMAU" => Ok(UsersColumn::Attached),
                "MAU" => Ok(UsersColumn::Active),
                _ => Err(RevenueRulesError::UsersColumn(c.clone())),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(RevenueScheme {
            scoring,
            measures,
            minimums,
            track_rule,
            latest_month_back: self.revenue_score.latest_month_back,
            revenue_associations: self.net_customer_adds.associations,
            revenue_workloads,
            rate_card,
            users,
        })
    }
}
