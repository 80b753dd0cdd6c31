//! A designation's sentences: the route step by step, a figure against
//! its threshold, what a partner must do, what the inputs lack, the
//! settings for `Run info`. The words themselves are in
//! [`crate::text::points`]'s tables (one per language); metric and path
//! names come from the rules file, which gives them per language.

use super::route::{Route, RouteStep};
use super::rules::{MetricDef, MetricWords, PathDef, Scoring, Target};
use super::score::{Figure, Gap, MetricScore, Score};
use crate::text::{Lang, Texts};

impl Texts {
    /// A metric's name in this language.
    pub(crate) fn metric_name<'a>(&self, m: &'a MetricDef) -> &'a str {
        &self.metric_words(m).name
    }

    /// A path's name in this language.
    pub(crate) fn path_name<'a>(&self, p: &'a PathDef) -> &'a str {
        match (self.lang, &p.name_de) {
            (Lang::De, Some(name)) => name,
            _ => &p.name,
        }
    }

    fn metric_words<'a>(&self, m: &'a MetricDef) -> &'a MetricWords {
        match (self.lang, &m.words_de) {
            (Lang::De, Some(words)) => words,
            _ => &m.words,
        }
    }

    /// One step of a route: "2 more customer adds (+4)".
    pub(crate) fn route_step(&self, step: &RouteStep, scoring: &Scoring) -> String {
        format!(
            "{} (+{})",
            self.route_step_more(step, scoring),
            self.points(step.points)
        )
    }

    /// What one step of a route asks for, without its points: "2 more
    /// customer adds", "500 more monthly active users as CPOR".
    pub(crate) fn route_step_more(&self, step: &RouteStep, scoring: &Scoring) -> String {
        let m = &scoring.metrics[step.metric];
        let unit = &self.metric_words(m).unit[usize::from(step.more != 1)];
        let group = step
            .group
            .map(|g| scoring.association_groups[g].name.as_str());
        (self.points.more)(&self.count(step.more), unit, group)
    }

    /// A route's steps: "2 more customer adds (+4) and 1 more advanced
    /// certification (+15)".
    pub(crate) fn route_steps(&self, route: &Route, scoring: &Scoring) -> String {
        let steps: Vec<String> = route
            .steps
            .iter()
            .map(|s| self.route_step(s, scoring))
            .collect();
        self.join_and(&steps)
    }

    /// A figure against its threshold: "3 of 5", "600 of 1,000 as CPOR".
    pub(crate) fn points_figure(&self, score: &Score, scoring: &Scoring, metric: usize) -> String {
        self.figure_words(score.best_path().metrics[metric].figure(), scoring)
    }

    /// One figure against its threshold: "0 of 5 as CPOR".
    pub(crate) fn figure_words(&self, f: &Figure, scoring: &Scoring) -> String {
        let raw = if f.raw < 0 {
            format!("-{}", self.count(f.raw.unsigned_abs()))
        } else {
            self.count(f.raw.unsigned_abs())
        };
        let group = f.group.map(|g| scoring.association_groups[g].name.as_str());
        (self.points.figure)(&raw, &self.count(f.threshold), group)
    }

    /// The score's settings for `Run info`, as (name, value): the
    /// qualifying rule, then each metric with its points and thresholds.
    pub(crate) fn scoring_settings(&self, scoring: &Scoring) -> Vec<(String, String)> {
        let mut out = vec![(
            self.points.score_header.to_string(),
            (self.points.needs_note)(
                &self.points(scoring.qualifying),
                &self.points(scoring.max_points()),
                &self.points(scoring.metric_minimum),
            ),
        )];
        for m in &scoring.metrics {
            let per_path: Vec<String> = scoring
                .paths
                .iter()
                .zip(&m.targets)
                .map(|(p, target)| {
                    format!(
                        "{} {}",
                        self.path_name(p),
                        self.target_words(scoring, target)
                    )
                })
                .collect();
            out.push((
                self.metric_name(m).to_string(),
                format!(
                    "{} {}: {}",
                    self.points(m.points),
                    self.points.weight_header,
                    per_path.join("; ")
                ),
            ));
        }
        out
    }

    /// The thresholds of one metric on one path, in words: "5", "1,000 as
    /// CPOR or 4,000 as DPOR".
    pub(crate) fn target_words(&self, scoring: &Scoring, target: &Target) -> String {
        let options: Vec<String> = target
            .options()
            .into_iter()
            .map(|(group, n)| match group {
                Some(g) => {
                    (self.points.threshold_as)(&self.count(n), &scoring.association_groups[g].name)
                }
                None => self.count(n),
            })
            .collect();
        self.join_or(&options)
    }

    /// What a points-scored partner's status means and what it needs:
    /// "qualifies with 82 points on the SMB path", or "needs 1 more advanced
    /// certification (+15) to qualify on the SMB path (86.5 points)": the
    /// points the route reaches, which may be well past 70 when a metric at
    /// zero is what holds a partner back; followed by what
    /// the inputs lack to measure a metric.
    pub(crate) fn points_action(
        &self,
        score: &Score,
        route: Option<&Route>,
        scoring: &Scoring,
    ) -> String {
        let mut sentence = if score.qualified() {
            (self.points.qualifies_with)(
                &self.points(score.total()),
                self.path_name(&scoring.paths[score.best]),
            )
        } else {
            match route {
                Some(r) => (self.points.needs)(
                    &self.route_steps(r, scoring),
                    self.path_name(&scoring.paths[r.path]),
                    &self.points(r.reaches),
                ),
                None => (self.points.out_of_reach)(&self.points(scoring.qualifying)),
            }
        };
        for (m, ms) in scoring.metrics.iter().zip(&score.best_path().metrics) {
            if let Some(gap) = self.gap(score, m, ms) {
                sentence.push_str("; ");
                sentence.push_str(&gap);
            }
        }
        sentence
    }

    /// What the inputs lack to measure a metric, if anything: "Usage
    /// growth: needs a snapshot from about 2025-09-30 (none in the inputs)".
    pub(crate) fn gap(&self, score: &Score, m: &MetricDef, ms: &MetricScore) -> Option<String> {
        Some(match ms.gap? {
            Gap::NoEarlierSnapshot => {
                (self.points.gap_snapshot)(self.metric_name(m), &score.window_start.to_string())
            }
            Gap::NoLicenceCounts => (self.points.gap_licences)(self.metric_name(m)),
        })
    }
}
