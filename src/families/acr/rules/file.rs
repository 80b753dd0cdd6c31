//! An ACR-scored rule set's tables as written (`[acr_score]`, `[[paths]]`,
//! `[revenue]`, `[track]`, `[[metrics]]` with their `[[metrics.steps]]`,
//! `[[examples]]`) and their validation, once, into an [`AcrScheme`].

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{AcrMeasure, AcrRulesError, AcrScheme, PerPath, Result, TrackRule};
use crate::families::acr::steps::{Step, step_points};
use crate::families::points::rules::{MetricDef, MetricWords, PathDef, Scoring, Target};
use crate::families::revenue::rules::{amount, centi, figure};
use crate::model::{Association, Centi, CredentialId, fold};
use crate::rules::Rules;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreSection {
    qualifying_points: f64,
    #[serde(default)]
    metric_minimum: f64,
    tracks: String,
    window_months: u32,
    last_month: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathEntry {
    id: String,
    name: String,
    #[serde(default)]
    de: Option<PathWords>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathWords {
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RevenueSection {
    associations: Vec<Association>,
    services: String,
    #[serde(default)]
    excluded_offers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackSection {
    rule: String,
    track: String,
    otherwise: String,
    smb_share_percent: u32,
    customers: String,
    smb_segments: Vec<String>,
    #[serde(default)]
    enterprise_segments: Vec<String>,
}

/// One `[[metrics.steps]]` entry as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StepEntry {
    id: String,
    credentials: Vec<CredentialId>,
    #[serde(default)]
    requires: Vec<String>,
    people: BTreeMap<String, f64>,
    points: BTreeMap<String, f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricEntry {
    id: String,
    name: String,
    unit: [String; 2],
    #[serde(default)]
    de: Option<MetricWords>,
    measure: String,
    points: f64,
    #[serde(default)]
    threshold: Option<BTreeMap<String, f64>>,
    #[serde(default = "one")]
    step: u64,
    #[serde(default)]
    months: Option<u32>,
    #[serde(default)]
    min_usd: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    ttm_min_usd: Option<f64>,
    #[serde(default)]
    excluded_services: Vec<String>,
    #[serde(default)]
    steps: Vec<StepEntry>,
}

fn one() -> u64 {
    1
}

/// One of the page's own examples as written (`[[examples]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExampleEntry {
    metric: String,
    path: String,
    people: Vec<Vec<String>>,
    points: f64,
}

/// The family's tables as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AcrFile {
    acr_score: ScoreSection,
    paths: Vec<PathEntry>,
    revenue: RevenueSection,
    track: TrackSection,
    metrics: Vec<MetricEntry>,
    #[serde(default)]
    examples: Vec<ExampleEntry>,
}

/// A setting that must say what the engine knows.
pub(crate) fn setting(what: &'static str, value: &str, known: &'static str) -> Result<()> {
    if value == known {
        Ok(())
    } else {
        Err(AcrRulesError::Setting {
            what,
            value: value.to_string(),
            known,
        })
    }
}

impl AcrFile {
    /// Validates the tables against the common part of the rules.
    pub(crate) fn validate(self, rules: &Rules) -> Result<AcrScheme> {
        let s = &self.acr_score;
        setting("[acr_score] tracks", &s.tracks, "segment-share")?;
        setting(
            "[acr_score] last_month",
            &s.last_month,
            "last-complete-month",
        )?;
        setting("[track] rule", &self.track.rule, "segment-share")?;
        setting(
            "[track] customers",
            &self.track.customers,
            "eligible-acr-last-month",
        )?;
        setting("[revenue] services", &self.revenue.services, "all")?;

        let ids: Vec<&str> = self.paths.iter().map(|p| p.id.as_str()).collect();
        if ids.is_empty() {
            return Err(AcrRulesError::Paths(String::new()));
        }
        if let Some((_, twice)) = ids
            .iter()
            .enumerate()
            .find(|(i, id)| ids[..*i].contains(id))
        {
            return Err(AcrRulesError::Paths(twice.to_string()));
        }
        let path_index = |id: &str| {
            ids.iter()
                .position(|p| *p == id)
                .ok_or_else(|| AcrRulesError::UnknownPath(id.to_string()))
        };
        // A figure per path, in the paths' order.
        let per_path = |what: &dyn Fn() -> String, m: &BTreeMap<String, f64>| {
            if m.len() != ids.len() || ids.iter().any(|id| !m.contains_key(*id)) {
                return Err(AcrRulesError::PerPath { what: what() });
            }
            ids.iter()
                .map(|id| Ok(figure(what, m[*id])?))
                .collect::<Result<Vec<f64>>>()
        };
        let needs = |m: &MetricEntry, needs: &'static str| AcrRulesError::MetricNeeds {
            metric: m.id.clone(),
            measure: match m.measure.as_str() {
                "acr-net-customers" => "acr-net-customers",
                "acr-growth-percent" => "acr-growth-percent",
                "acr-services" => "acr-services",
                _ => "certification-steps",
            },
            needs,
        };

        let t = &self.track;
        let track = TrackRule {
            smb: path_index(&t.track)?,
            otherwise: path_index(&t.otherwise)?,
            share_percent: t.smb_share_percent,
            smb_segments: t.smb_segments.clone(),
            smb_folded: t.smb_segments.iter().map(|s| fold(s)).collect(),
            other_folded: t.enterprise_segments.iter().map(|s| fold(s)).collect(),
        };

        let mut metrics = Vec::new();
        let mut measures = Vec::new();
        for m in &self.metrics {
            let what = |field: &str| format!("metric '{}' {field}", m.id);
            let points = centi(|| what("points"), m.points)?;
            let thresholds = |m: &MetricEntry| {
                let t = m.threshold.as_ref().ok_or_else(|| needs(m, "threshold"))?;
                per_path(&|| what("threshold"), t)
            };
            let (measure, counts): (AcrMeasure, Vec<f64>) = match m.measure.as_str() {
                "acr-net-customers" => {
                    let min = m.min_usd.as_ref().ok_or_else(|| needs(m, "min_usd"))?;
                    let min = per_path(&|| what("min_usd"), min)?
                        .into_iter()
                        .map(|v| Ok(amount(|| what("min_usd"), v)?))
                        .collect::<Result<Vec<_>>>()?;
                    let months = m.months.ok_or_else(|| needs(m, "months"))?.max(1);
                    (AcrMeasure::NetCustomers { months, min }, thresholds(m)?)
                }
                "acr-growth-percent" => {
                    let ttm = m.ttm_min_usd.ok_or_else(|| needs(m, "ttm_min_usd"))?;
                    let ttm_min = amount(|| what("ttm_min_usd"), ttm)?;
                    (AcrMeasure::GrowthPercent { ttm_min }, thresholds(m)?)
                }
                "acr-services" => (
                    AcrMeasure::Services {
                        excluded: m.excluded_services.clone(),
                        folded: m.excluded_services.iter().map(|s| fold(s)).collect(),
                    },
                    thresholds(m)?,
                ),
                "certification-steps" => {
                    let steps =
                        Self::validate_steps(rules, &m.id, &m.steps, &per_path, points, &ids)?;
                    // Shown as the places its steps have for people on a
                    // path (each step's people): "12 of 14".
                    if steps.is_empty() {
                        return Err(needs(m, "[[metrics.steps]]"));
                    }
                    let counts = (0..ids.len())
                        .map(|p| steps.iter().map(|s| s.people[p]).sum::<u64>() as f64)
                        .collect();
                    (AcrMeasure::Steps(steps), counts)
                }
                other => {
                    return Err(AcrRulesError::Setting {
                        what: "a metric's measure",
                        value: other.to_string(),
                        known: "acr-net-customers, acr-growth-percent, acr-services or certification-steps",
                    });
                }
            };
            let credentials = match &measure {
                AcrMeasure::Steps(steps) => {
                    let mut all: Vec<CredentialId> = Vec::new();
                    for c in steps.iter().flat_map(|s| &s.credentials) {
                        if !all.contains(c) {
                            all.push(c.clone());
                        }
                    }
                    all
                }
                _ => Vec::new(),
            };
            metrics.push(MetricDef {
                id: m.id.clone(),
                words: MetricWords {
                    name: m.name.clone(),
                    unit: m.unit.clone(),
                },
                words_de: m.de.clone(),
                measure: measure.shown_as(),
                points,
                targets: counts
                    .into_iter()
                    .map(|c| Target::Count(c.round() as u64))
                    .collect(),
                credentials,
                min_active_share: None,
                from_association: false,
                step: m.step.max(1),
            });
            measures.push(measure);
        }
        let scoring = Scoring {
            qualifying: centi(
                || "[acr_score] qualifying_points".into(),
                s.qualifying_points,
            )?,
            metric_minimum: centi(|| "[acr_score] metric_minimum".into(), s.metric_minimum)?,
            window_months: s.window_months,
            paths: self
                .paths
                .iter()
                .map(|p| PathDef {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    name_de: p.de.as_ref().map(|d| d.name.clone()),
                    min_paid: 0,
                    max_paid: None,
                    groups: Vec::new(),
                    stays_when_outgrown: false,
                })
                .collect(),
            metrics,
            association_groups: Vec::new(),
            examples: Vec::new(),
        };
        check_examples(&self.examples, &scoring, &|m| match &measures[m] {
            AcrMeasure::Steps(steps) => Some(steps.as_slice()),
            _ => None,
        })?;
        Ok(AcrScheme {
            scoring,
            measures,
            track,
            associations: self.revenue.associations,
            offers_folded: self
                .revenue
                .excluded_offers
                .iter()
                .map(|o| fold(o))
                .collect(),
            excluded_offers: self.revenue.excluded_offers,
        })
    }

    /// A certification-steps metric's steps (metric `metric`), validated.
    pub(crate) fn validate_steps(
        rules: &Rules,
        metric: &str,
        entries: &[StepEntry],
        per_path: &PerPath<'_>,
        metric_points: Centi,
        paths: &[&str],
    ) -> Result<Vec<Step>> {
        let mut steps: Vec<Step> = Vec::new();
        for s in entries {
            let what = |field: &str| format!("metric '{}' step '{}' {field}", metric, s.id);
            if let Some(c) = s.credentials.iter().find(|c| rules.credential(c).is_none()) {
                return Err(AcrRulesError::UnknownCredential {
                    metric: metric.to_string(),
                    step: s.id.clone(),
                    credential: c.to_string(),
                });
            }
            let requires = s
                .requires
                .iter()
                .map(|r| {
                    steps.iter().position(|e| e.id == *r).ok_or_else(|| {
                        AcrRulesError::UnknownStep {
                            metric: metric.to_string(),
                            step: s.id.clone(),
                            requires: r.clone(),
                        }
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let people = per_path(&|| what("people"), &s.people)?
                .into_iter()
                .map(|n| n.round() as u64)
                .collect();
            let points = per_path(&|| what("points"), &s.points)?
                .into_iter()
                .map(|p| (p * 100.0).round() as Centi)
                .collect();
            steps.push(Step {
                id: s.id.clone(),
                credentials: s.credentials.clone(),
                labels: s
                    .credentials
                    .iter()
                    .filter_map(|c| rules.credential(c).map(|d| d.label.clone()))
                    .collect(),
                requires,
                people,
                points,
            });
        }
        for (p, path) in paths.iter().enumerate() {
            if steps.iter().map(|s| s.points[p]).sum::<Centi>() > metric_points {
                return Err(AcrRulesError::StepsPastMetric {
                    metric: metric.to_string(),
                    path: path.to_string(),
                    points: f64::from(metric_points) / 100.0,
                });
            }
        }
        Ok(steps)
    }
}

/// Checks the page's own examples: each example's people, by the steps
/// they hold, give the points the page gives (`steps_of` gives a metric's
/// steps, if it is a certification-steps metric).
pub(crate) fn check_examples<'s>(
    examples: &[ExampleEntry],
    scoring: &Scoring,
    steps_of: &dyn Fn(usize) -> Option<&'s [Step]>,
) -> Result<()> {
    for e in examples {
        let unknown = |what, name: &str| AcrRulesError::ExampleNames {
            what,
            name: name.to_string(),
        };
        let m = scoring
            .metrics
            .iter()
            .position(|m| m.id == e.metric)
            .ok_or_else(|| unknown("metric", &e.metric))?;
        let path = scoring
            .paths
            .iter()
            .position(|p| p.id == e.path)
            .ok_or_else(|| unknown("path", &e.path))?;
        let Some(steps) = steps_of(m) else {
            return Err(unknown("metric", &e.metric));
        };
        let mut counts = vec![0u64; steps.len()];
        for person in &e.people {
            for id in person {
                let s = steps
                    .iter()
                    .position(|s| s.id == *id)
                    .ok_or_else(|| unknown("step", id))?;
                counts[s] += 1;
            }
        }
        let got = step_points(steps, &counts, path, scoring.metrics[m].points);
        let expected = centi(|| "[[examples]] points".into(), e.points)?;
        if got != expected {
            return Err(AcrRulesError::Example {
                metric: e.metric.clone(),
                path: e.path.clone(),
                got: f64::from(got) / 100.0,
                expected: e.points,
            });
        }
    }
    Ok(())
}
