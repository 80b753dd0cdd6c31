//! A designation's tables as written (`[score]`, `[[paths]]`,
//! `[[metrics]]`, `[association_groups]`) and their validation, once, into
//! a [`Scoring`]: what does not hold together is a [`ScoringError`] naming
//! the table and the figure.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{AssociationGroup, Measure, MetricDef, MetricWords, PathDef, Scoring, Target};
use crate::model::{Association, Centi, CredentialId, show_points};
use crate::rules::Rules;

/// The `[score]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreSection {
    qualifying_points: f64,
    #[serde(default)]
    metric_minimum: f64,
    window_months: u32,
}

/// One `[[paths]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathEntry {
    id: String,
    name: String,
    #[serde(default)]
    de: Option<PathWords>,
    min_seats: u64,
    #[serde(default)]
    max_seats: Option<u64>,
}

/// A path's words in another language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathWords {
    name: String,
}

/// One `[[metrics]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricEntry {
    id: String,
    name: String,
    unit: [String; 2],
    #[serde(default)]
    de: Option<MetricWords>,
    measure: Measure,
    points: f64,
    threshold: BTreeMap<String, ThresholdEntry>,
    #[serde(default)]
    credentials: Vec<CredentialId>,
    #[serde(default)]
    min_active_share: Option<f64>,
    #[serde(default)]
    step: Option<u64>,
}

/// A path's threshold as written: a number, or a number per association group.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ThresholdEntry {
    Count(u64),
    ByAssociation(BTreeMap<String, u64>),
}

/// A points-scored rule set's tables, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ScoringFile {
    score: ScoreSection,
    #[serde(default)]
    paths: Vec<PathEntry>,
    #[serde(default)]
    metrics: Vec<MetricEntry>,
    #[serde(default)]
    association_groups: BTreeMap<String, Vec<Association>>,
}

/// What does not hold together in a points-scored rule set's `[score]`,
/// `[[paths]]`, `[[metrics]]` and `[association_groups]`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoringError {
    /// A group with no association.
    #[error("[association_groups] {0} lists no association")]
    EmptyGroup(String),
    /// A group with an association the rules do not count at all.
    #[error("[association_groups] {group} lists '{}', which [entitlements] associations does not count", .association.label())]
    UncountedInGroup {
        /// The group.
        group: String,
        /// The association.
        association: Association,
    },
    /// No `[[paths]]`.
    #[error("a points-scored rule set needs [[paths]]")]
    NoPaths,
    /// Two paths with one id.
    #[error("path '{0}' is listed twice")]
    PathTwice(String),
    /// A path whose seat range is upside down.
    #[error("path '{0}' has max_seats below min_seats")]
    SeatsReversed(String),
    /// No `[[metrics]]`.
    #[error("a points-scored rule set needs [[metrics]]")]
    NoMetrics,
    /// Two metrics with one id.
    #[error("metric '{0}' is listed twice")]
    MetricTwice(String),
    /// Points that are negative, not finite, too many or finer than
    /// hundredths.
    #[error("{what} {value} is not a number of points from 0 with at most two decimals")]
    Points {
        /// Which points (`[score] qualifying_points`, `metric 'x' points`).
        what: String,
        /// As written.
        value: f64,
    },
    /// Qualifying points no partner could reach, or none.
    #[error("[score] qualifying_points {} must be above 0 and at most the metrics' {} points", show_points(*.qualifying), show_points(*.max))]
    QualifyingOutOfRange {
        /// The qualifying points.
        qualifying: Centi,
        /// All metrics' points together.
        max: Centi,
    },
    /// A metric worth less than the minimum every metric must reach.
    #[error("metric '{metric}' is worth {} points, less than [score] metric_minimum {}", show_points(*.points), show_points(*.minimum))]
    BelowMinimum {
        /// The metric.
        metric: String,
        /// Its points.
        points: Centi,
        /// The minimum.
        minimum: Centi,
    },
    /// A score window of no months.
    #[error("[score] window_months must be at least 1")]
    ZeroWindow,
    /// A metric worth nothing.
    #[error("metric '{0}' is worth no points")]
    NoPoints(String),
    /// A threshold for a path that does not exist.
    #[error("metric '{metric}' has a threshold for '{path}', which is not in [[paths]]")]
    UnknownPath {
        /// The metric.
        metric: String,
        /// The path it names.
        path: String,
    },
    /// A path the metric sets no threshold for.
    #[error("metric '{metric}' has no threshold for path '{path}'")]
    NoThreshold {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
    },
    /// A people metric with thresholds per association.
    #[error("metric '{0}' counts people: it cannot have a threshold per association")]
    PeoplePerAssociation(String),
    /// A per-association threshold naming no group.
    #[error("metric '{metric}' names no association group for path '{path}'")]
    NoGroup {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
    },
    /// A per-association threshold naming a group that does not exist.
    #[error(
        "metric '{metric}' names association group '{group}', which is not in [association_groups]"
    )]
    UnknownGroup {
        /// The metric.
        metric: String,
        /// The group it names.
        group: String,
    },
    /// A threshold of 0, which every partner would meet.
    #[error("metric '{metric}' has a threshold of 0 for path '{path}'")]
    ZeroThreshold {
        /// The metric.
        metric: String,
        /// The path.
        path: String,
    },
    /// A people metric without the credentials that count.
    #[error("metric '{0}' counts people but lists no credentials")]
    NoCredentials(String),
    /// A people metric naming a credential the rules do not define.
    #[error("metric '{metric}' names credential '{credential}', which is not in [[credentials]]")]
    UnknownCredential {
        /// The metric.
        metric: String,
        /// The credential it names.
        credential: CredentialId,
    },
    /// Credentials on a metric that does not count people.
    #[error("metric '{0}' lists credentials, but only a certified-people metric counts them")]
    CredentialsUnused(String),
    /// A deployments share that is no fraction above 0.
    #[error("metric '{metric}' min_active_share {share} is not a fraction above 0 and at most 1")]
    ShareOutOfRange {
        /// The metric.
        metric: String,
        /// The share as written.
        share: f64,
    },
    /// A deployments metric without its share.
    #[error("metric '{0}' (deployments) needs min_active_share")]
    NoShare(String),
    /// A share on a metric that does not use it.
    #[error("metric '{0}' has min_active_share, which only a deployments metric uses")]
    ShareUnused(String),
    /// A step of 0.
    #[error("metric '{0}' step must be at least 1")]
    ZeroStep(String),
}

/// Whole points in hundredths, refusing more than two decimals.
fn centi(what: impl FnOnce() -> String, x: f64) -> Result<Centi, ScoringError> {
    let c = (x * 100.0).round();
    if !x.is_finite() || x < 0.0 || (x * 100.0 - c).abs() > 1e-6 || c > 1_000_000.0 {
        return Err(ScoringError::Points {
            what: what(),
            value: x,
        });
    }
    Ok(c as Centi)
}

impl ScoringFile {
    /// Checks that the points-scored parts hold together, and with the
    /// common part of the rules: the associations it counts at all, the
    /// credentials it defines.
    pub(crate) fn validate(self, rules: &Rules) -> Result<Scoring, ScoringError> {
        let counted: Vec<Association> = rules.associations.iter().copied().collect();
        let credentials: Vec<CredentialId> =
            rules.credentials.iter().map(|c| c.id.clone()).collect();
        let mut groups = Vec::new();
        for (name, associations) in self.association_groups {
            if associations.is_empty() {
                return Err(ScoringError::EmptyGroup(name));
            }
            if let Some(a) = associations.iter().find(|a| !counted.contains(a)) {
                return Err(ScoringError::UncountedInGroup {
                    group: name,
                    association: *a,
                });
            }
            groups.push(AssociationGroup { name, associations });
        }

        if self.paths.is_empty() {
            return Err(ScoringError::NoPaths);
        }
        let mut paths: Vec<PathDef> = Vec::new();
        for p in self.paths {
            if paths.iter().any(|q| q.id == p.id) {
                return Err(ScoringError::PathTwice(p.id));
            }
            if p.max_seats.is_some_and(|max| max < p.min_seats) {
                return Err(ScoringError::SeatsReversed(p.id));
            }
            paths.push(PathDef {
                id: p.id,
                name: p.name,
                name_de: p.de.map(|w| w.name),
                min_seats: p.min_seats,
                max_seats: p.max_seats,
            });
        }

        if self.metrics.is_empty() {
            return Err(ScoringError::NoMetrics);
        }
        let mut metrics: Vec<MetricDef> = Vec::new();
        for m in self.metrics {
            let metric = validate_metric(m, &paths, &groups, &credentials)?;
            if metrics.iter().any(|o| o.id == metric.id) {
                return Err(ScoringError::MetricTwice(metric.id));
            }
            metrics.push(metric);
        }

        let qualifying = centi(
            || "[score] qualifying_points".into(),
            self.score.qualifying_points,
        )?;
        let metric_minimum = centi(
            || "[score] metric_minimum".into(),
            self.score.metric_minimum,
        )?;
        let max: Centi = metrics.iter().map(|m| m.points).sum();
        if qualifying == 0 || qualifying > max {
            return Err(ScoringError::QualifyingOutOfRange { qualifying, max });
        }
        if let Some(m) = metrics.iter().find(|m| m.points < metric_minimum) {
            return Err(ScoringError::BelowMinimum {
                metric: m.id.clone(),
                points: m.points,
                minimum: metric_minimum,
            });
        }
        if self.score.window_months == 0 {
            return Err(ScoringError::ZeroWindow);
        }
        Ok(Scoring {
            qualifying,
            metric_minimum,
            window_months: self.score.window_months,
            paths,
            metrics,
            association_groups: groups,
        })
    }
}

fn validate_metric(
    m: MetricEntry,
    paths: &[PathDef],
    groups: &[AssociationGroup],
    credentials: &[CredentialId],
) -> Result<MetricDef, ScoringError> {
    let id = m.id;
    let points = centi(|| format!("metric '{id}' points"), m.points)?;
    if points == 0 {
        return Err(ScoringError::NoPoints(id));
    }
    if let Some(extra) = m
        .threshold
        .keys()
        .find(|k| !paths.iter().any(|p| &p.id == *k))
    {
        return Err(ScoringError::UnknownPath {
            metric: id,
            path: extra.clone(),
        });
    }
    let mut targets = Vec::new();
    for path in paths {
        let Some(entry) = m.threshold.get(&path.id) else {
            return Err(ScoringError::NoThreshold {
                metric: id,
                path: path.id.clone(),
            });
        };
        let target = match entry {
            ThresholdEntry::Count(n) => Target::Count(*n),
            ThresholdEntry::ByAssociation(by) => {
                if !m.measure.counts_customers() {
                    return Err(ScoringError::PeoplePerAssociation(id));
                }
                if by.is_empty() {
                    return Err(ScoringError::NoGroup {
                        metric: id,
                        path: path.id.clone(),
                    });
                }
                let mut v = Vec::new();
                for (name, n) in by {
                    let Some(g) = groups.iter().position(|g| &g.name == name) else {
                        return Err(ScoringError::UnknownGroup {
                            metric: id,
                            group: name.clone(),
                        });
                    };
                    v.push((g, *n));
                }
                Target::ByAssociation(v)
            }
        };
        if target.options().iter().any(|(_, n)| *n == 0) {
            return Err(ScoringError::ZeroThreshold {
                metric: id,
                path: path.id.clone(),
            });
        }
        targets.push(target);
    }
    match m.measure {
        Measure::CertifiedPeople => {
            if m.credentials.is_empty() {
                return Err(ScoringError::NoCredentials(id));
            }
            if let Some(c) = m.credentials.iter().find(|c| !credentials.contains(c)) {
                return Err(ScoringError::UnknownCredential {
                    metric: id,
                    credential: c.clone(),
                });
            }
        }
        _ if !m.credentials.is_empty() => {
            return Err(ScoringError::CredentialsUnused(id));
        }
        _ => {}
    }
    let min_active_share = match (m.measure, m.min_active_share) {
        (Measure::Deployments, Some(s)) if s > 0.0 && s <= 1.0 => Some(s),
        (Measure::Deployments, Some(s)) => {
            return Err(ScoringError::ShareOutOfRange {
                metric: id,
                share: s,
            });
        }
        (Measure::Deployments, None) => {
            return Err(ScoringError::NoShare(id));
        }
        (_, Some(_)) => {
            return Err(ScoringError::ShareUnused(id));
        }
        (_, None) => None,
    };
    let step = m.step.unwrap_or(1);
    if step == 0 {
        return Err(ScoringError::ZeroStep(id));
    }
    Ok(MetricDef {
        id,
        words: MetricWords {
            name: m.name,
            unit: m.unit,
        },
        words_de: m.de,
        measure: m.measure,
        points,
        targets,
        credentials: m.credentials,
        min_active_share,
        step,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_figures_with_more_than_two_decimals_are_refused() {
        let x = || "x".to_string();
        assert_eq!(centi(x, 7.5), Ok(750));
        assert_eq!(centi(x, 70.0), Ok(7000));
        assert_eq!(
            centi(x, 0.125).unwrap_err().to_string(),
            "x 0.125 is not a number of points from 0 with at most two decimals"
        );
        assert!(centi(x, -1.0).is_err());
        assert!(centi(x, f64::NAN).is_err());
    }
}
