//! A designation's sentences: the route step by step, a figure against
//! its threshold, what a partner must do, what the inputs lack, the
//! settings for `Run info`. The words themselves are in
//! [`crate::text::points`]'s tables (one per language); metric and path
//! names come from the rules file, which gives them per language.

use super::route::{Route, RouteStep};
use super::rules::{MetricDef, MetricWords, PathDef, Scoring, Target};
use super::score::{DownloadBaseline, Figure, MetricScore, Score};
use crate::evaluate::snapshots::Baseline;
use crate::input::Download;
use crate::text::{Lang, Texts};

impl Texts {
    /// A scored designation's route in words, each step already in the
    /// family's units, then what else holds it back: "needs ... and ... to
    /// qualify on the SMB path (70.5 points)"; without a route, that the
    /// qualifying points are out of reach.
    pub(crate) fn needs_words(
        &self,
        scoring: &Scoring,
        route: Option<&Route>,
        steps: impl FnOnce(&Route) -> Vec<String>,
        besides: impl Iterator<Item = String>,
    ) -> String {
        let Some(r) = route else {
            return (self.points.out_of_reach)(&self.points(scoring.qualifying));
        };
        let steps: Vec<String> = steps(r).into_iter().chain(besides).collect();
        (self.points.needs)(
            &self.join_and(&steps),
            self.path_name(&scoring.paths[r.path]),
            &self.points(r.reaches),
        )
    }

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

    /// A metric's name and units in the report's language.
    pub(crate) fn metric_words<'a>(&self, m: &'a MetricDef) -> &'a MetricWords {
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
    /// zero is what holds a partner back; followed by what makes a figure
    /// less than exact, and what to drop to make it exact.
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
        for note in self.inexact_notes(score, scoring, score.best, &|_| true) {
            sentence.push_str("; ");
            sentence.push_str(&note);
        }
        sentence
    }

    /// What makes the figures of a path's metrics (those `which` picks,
    /// by index) less than exact, one sentence per cause naming the
    /// metrics it touches: the year-before snapshots that stood in or are
    /// missing (and what to drop), current snapshots older than last
    /// month's, paid licences the rows do not give.
    pub(crate) fn inexact_notes(
        &self,
        score: &Score,
        scoring: &Scoring,
        path: usize,
        which: &dyn Fn(usize) -> bool,
    ) -> Vec<String> {
        let metrics = &score.paths[path].metrics;
        let named = |pick: fn(&MetricScore) -> bool| -> Vec<String> {
            scoring
                .metrics
                .iter()
                .zip(metrics)
                .enumerate()
                .filter(|(i, (_, ms))| which(*i) && pick(ms))
                .map(|(_, (m, _))| self.metric_name(m).to_string())
                .collect()
        };
        let mut out = Vec::new();
        let by_baseline = named(|ms| ms.marks.baseline);
        if !by_baseline.is_empty() {
            let why: Vec<String> = score.inexact().map(|b| self.baseline_words(b)).collect();
            out.push((self.points.not_exact)(
                &self.join_and(&by_baseline),
                &why.join("; "),
            ));
        }
        let by_stale = named(|ms| ms.marks.stale);
        if !by_stale.is_empty() {
            let why: Vec<String> = score.stale().filter_map(|b| self.stale_words(b)).collect();
            out.push((self.points.not_current)(
                &self.join_and(&by_stale),
                &why.join("; "),
            ));
        }
        let by_licences = named(|ms| ms.marks.licences);
        if !by_licences.is_empty() {
            out.push((self.points.no_paid_licences)(&self.join_and(&by_licences)));
        }
        out
    }

    /// A download's year-before snapshot in words: "OfficeUsage has no
    /// snapshot of 2025-09: the one of 2025-12-01 stood in; drop the
    /// 2025-09 OfficeUsage download into the archive's 2025-09 folder (or
    /// the input) to make it exact".
    pub(crate) fn baseline_words(&self, b: &DownloadBaseline) -> String {
        let download = self.download_name(b.download);
        let month = b.wanted().format("%Y-%m").to_string();
        match b.baseline {
            Baseline::Exact(d) => (self.points.baseline_exact)(download, &d.to_string()),
            Baseline::Instead { used, .. } => {
                (self.points.baseline_instead)(download, &month, &used.to_string())
            }
            Baseline::Missing { .. } => (self.points.baseline_missing)(download, &month),
        }
    }

    /// A download whose current snapshot is older than last month's, in
    /// words: "the latest snapshot of OfficeUsage is of 2026-07, 2 months
    /// before the as-of date: ...; drop the latest one into the input ...";
    /// `None` when it is current.
    pub(crate) fn stale_words(&self, b: &DownloadBaseline) -> Option<String> {
        let current = b.current.filter(|_| b.stale())?;
        Some((self.points.stale)(
            self.download_name(b.download),
            &current.format("%Y-%m").to_string(),
            b.months_behind,
        ))
    }

    /// A download's name in words.
    pub(crate) fn download_name(&self, d: Download) -> &'static str {
        let n = &self.points.downloads;
        match d {
            Download::CustomerList => n.customer_list,
            Download::OfficeUsage => n.office_usage,
            Download::EmsUsage => n.ems_usage,
            Download::CporUsage => n.cpor_usage,
            Download::LicenseUsage => n.license_usage,
        }
    }
}
