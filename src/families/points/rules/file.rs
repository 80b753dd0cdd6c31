//! A designation's tables as written (`[score]`, `[[paths]]`,
//! `[[metrics]]`, `[association_groups]`, `[[examples]]`) and their
//! validation, once, into a [`Scoring`]: what does not hold together is a
//! [`ScoringError`] naming the table and the figure.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{
    AssociationGroup, Example, MAX_METRICS, Measure, MetricDef, MetricWords, PathDef, Scoring,
    ScoringError, Target, earned,
};
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
    min_paid_licences: u64,
    #[serde(default)]
    max_paid_licences: Option<u64>,
    /// The association groups valid on the path (all when absent).
    #[serde(default)]
    associations: Option<Vec<String>>,
    #[serde(default)]
    stays_eligible_when_outgrown: bool,
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
    from_association: bool,
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

/// One `[[examples]]` entry: figures per association group (`all` for a
/// plain count), the points each earns and the metric's score.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleEntry {
    metric: String,
    path: String,
    figures: BTreeMap<String, i64>,
    points: BTreeMap<String, f64>,
    score: f64,
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
    #[serde(default)]
    examples: Vec<ExampleEntry>,
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
    /// credentials it defines, the workloads limited to some metrics.
    pub(crate) fn validate(self, rules: &Rules) -> Result<Scoring, ScoringError> {
        let groups = groups(self.association_groups, rules)?;
        let paths = paths(self.paths, &groups)?;
        if paths.iter().any(|p| p.groups.len() < groups.len())
            && let Some(a) = rules
                .associations
                .iter()
                .find(|a| !groups.iter().any(|g| g.associations.contains(a)))
        {
            return Err(ScoringError::AssociationInNoGroup(*a));
        }

        if self.metrics.is_empty() {
            return Err(ScoringError::NoMetrics);
        }
        if self.metrics.len() > MAX_METRICS {
            return Err(ScoringError::TooManyMetrics(self.metrics.len()));
        }
        let credentials: Vec<CredentialId> =
            rules.credentials.iter().map(|c| c.id.clone()).collect();
        let mut metrics: Vec<MetricDef> = Vec::new();
        for m in self.metrics {
            let metric = validate_metric(m, &paths, &groups, &credentials)?;
            if metrics.iter().any(|o| o.id == metric.id) {
                return Err(ScoringError::MetricTwice(metric.id));
            }
            metrics.push(metric);
        }
        for (workload, ids) in &rules.workload_metrics {
            if let Some(id) = ids.iter().find(|id| !metrics.iter().any(|m| &m.id == *id)) {
                return Err(ScoringError::WorkloadUnknownMetric {
                    workload: workload.to_string(),
                    metric: id.clone(),
                });
            }
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
        let examples = self
            .examples
            .into_iter()
            .map(|e| example(e, &paths, &metrics, &groups))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Scoring {
            qualifying,
            metric_minimum,
            window_months: self.score.window_months,
            paths,
            metrics,
            association_groups: groups,
            examples,
        })
    }
}

/// The `[association_groups]`: each non-empty, of associations the rules count.
fn groups(
    written: BTreeMap<String, Vec<Association>>,
    rules: &Rules,
) -> Result<Vec<AssociationGroup>, ScoringError> {
    let mut groups = Vec::new();
    for (name, associations) in written {
        if associations.is_empty() {
            return Err(ScoringError::EmptyGroup(name));
        }
        if let Some(a) = associations
            .iter()
            .find(|a| !rules.associations.contains(a))
        {
            return Err(ScoringError::UncountedInGroup {
                group: name,
                association: *a,
            });
        }
        groups.push(AssociationGroup { name, associations });
    }
    Ok(groups)
}

/// The `[[paths]]`: distinct ids, bands the right way round, known groups.
fn paths(
    written: Vec<PathEntry>,
    groups: &[AssociationGroup],
) -> Result<Vec<PathDef>, ScoringError> {
    if written.is_empty() {
        return Err(ScoringError::NoPaths);
    }
    let mut paths: Vec<PathDef> = Vec::new();
    for p in written {
        if paths.iter().any(|q| q.id == p.id) {
            return Err(ScoringError::PathTwice(p.id));
        }
        if p.max_paid_licences
            .is_some_and(|max| max < p.min_paid_licences)
        {
            return Err(ScoringError::BandReversed(p.id));
        }
        if p.stays_eligible_when_outgrown && p.max_paid_licences.is_none() {
            return Err(ScoringError::NothingToOutgrow(p.id));
        }
        let valid = match p.associations {
            None => (0..groups.len()).collect(),
            Some(names) => {
                let mut valid = Vec::new();
                for name in names {
                    let Some(g) = groups.iter().position(|g| g.name == name) else {
                        return Err(ScoringError::PathUnknownGroup {
                            path: p.id,
                            group: name,
                        });
                    };
                    valid.push(g);
                }
                valid
            }
        };
        paths.push(PathDef {
            id: p.id,
            name: p.name,
            name_de: p.de.map(|w| w.name),
            min_paid: p.min_paid_licences,
            max_paid: p.max_paid_licences,
            groups: valid,
            stays_when_outgrown: p.stays_eligible_when_outgrown,
        });
    }
    Ok(paths)
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
                match m.measure {
                    Measure::CertifiedPeople => {
                        return Err(ScoringError::PeoplePerAssociation(id));
                    }
                    Measure::NetCustomerAdds => return Err(ScoringError::AddsPerAssociation(id)),
                    _ => {}
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
                    if !path.valid(g) {
                        return Err(ScoringError::GroupNotOnPath {
                            metric: id,
                            path: path.id.clone(),
                            group: name.clone(),
                        });
                    }
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
    if m.from_association && m.measure != Measure::UsageGrowth {
        return Err(ScoringError::FromAssociationUnused(id));
    }
    let min_active_share = match (m.measure, m.min_active_share) {
        (Measure::NetNewDeployments, Some(s)) if s > 0.0 && s <= 1.0 => Some(s),
        (Measure::NetNewDeployments, Some(s)) => {
            return Err(ScoringError::ShareOutOfRange {
                metric: id,
                share: s,
            });
        }
        (Measure::NetNewDeployments, None) => {
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
        from_association: m.from_association,
        step,
    })
}

/// One `[[examples]]` entry checked: each figure earns the points the
/// programme gives it against the path's threshold, and the metric scores
/// the most of them.
fn example(
    e: ExampleEntry,
    paths: &[PathDef],
    metrics: &[MetricDef],
    groups: &[AssociationGroup],
) -> Result<Example, ScoringError> {
    let fail = |what: String| ScoringError::Example {
        metric: e.metric.clone(),
        path: e.path.clone(),
        what,
    };
    let metric = metrics
        .iter()
        .position(|m| m.id == e.metric)
        .ok_or_else(|| fail("no such metric in [[metrics]]".into()))?;
    let path = paths
        .iter()
        .position(|p| p.id == e.path)
        .ok_or_else(|| fail("no such path in [[paths]]".into()))?;
    let m = &metrics[metric];
    let options = m.targets[path].options();
    let mut figures = Vec::new();
    for (name, figure) in &e.figures {
        let group = match name.as_str() {
            "all" => None,
            _ => Some(
                groups
                    .iter()
                    .position(|g| &g.name == name)
                    .ok_or_else(|| fail(format!("'{name}' is no association group")))?,
            ),
        };
        let Some((_, threshold)) = options.iter().find(|(g, _)| *g == group) else {
            return Err(fail(format!("the path has no threshold for '{name}'")));
        };
        let points = earned(m.points, *figure, *threshold);
        let said = e
            .points
            .get(name)
            .ok_or_else(|| fail(format!("no points given for '{name}'")))?;
        let said = centi(|| format!("example points for '{name}'"), *said)?;
        // The page computes uncapped points ("1,500/1,000 * 30 = 45")
        // before it keeps at most the metric's weight: either is right.
        let uncapped =
            u128::from(m.points) * (*figure).max(0) as u128 / u128::from((*threshold).max(1));
        if said != points && u128::from(said) != uncapped {
            return Err(fail(format!(
                "{figure} as {name} earns {} points, not {}",
                show_points(points),
                show_points(said)
            )));
        }
        figures.push((group, *figure, points));
    }
    let score = figures.iter().map(|f| f.2).max().unwrap_or(0);
    let said = centi(|| "example score".into(), e.score)?;
    if said != score {
        return Err(fail(format!(
            "the figures score {}, not {}",
            show_points(score),
            show_points(said)
        )));
    }
    Ok(Example {
        metric,
        path,
        figures,
        score,
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
