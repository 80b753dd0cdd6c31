//! The words of a points-scored designation (a partner capability score),
//! one table per language like the rest. Metric and path names come from
//! the rules file (which gives them per language); these are the words
//! around them.

use super::{Lang, Texts};
use crate::advice::points::{Route, RouteStep, route};
use crate::evaluate::points::{Gap, Score};
use crate::rules::Rules;
use crate::rules::points::{Centi, MetricDef, PathDef, Scoring};

/// The words of a points-scored designation in one language.
#[derive(Debug)]
pub struct PointsTexts {
    /// The level of a partner that qualifies.
    pub qualified: &'static str,
    /// The decimal separator in points ("7.5", "7,5").
    pub decimal_sep: char,
    /// One step of a route: (count, unit, association group, points).
    pub step: fn(&str, &str, Option<&str>, &str) -> String,
    /// A partner that qualifies: (points, path).
    pub qualifies_with: fn(&str, &str) -> String,
    /// What a partner needs: (steps, qualifying points, path).
    pub needs: fn(&str, &str, &str) -> String,
    /// No route within reach: (qualifying points).
    pub out_of_reach: fn(&str) -> String,
    /// A metric that cannot be measured without an earlier snapshot: (metric, date).
    pub gap_snapshot: fn(&str, &str) -> String,
    /// A metric that cannot be measured without licence counts: (metric).
    pub gap_licences: fn(&str) -> String,
    /// A figure against its threshold: (figure, threshold, association group).
    pub figure: fn(&str, &str, Option<&str>) -> String,
}

/// English.
pub const EN: PointsTexts = PointsTexts {
    qualified: "Qualified",
    decimal_sep: '.',
    step: |n, unit, group, points| match group {
        Some(g) => format!("{n} more {unit} as {g} (+{points})"),
        None => format!("{n} more {unit} (+{points})"),
    },
    qualifies_with: |points, path| format!("qualifies with {points} points on the {path} path"),
    needs: |steps, points, path| format!("needs {steps} for {points} points on the {path} path"),
    out_of_reach: |points| format!("{points} points are out of reach on every path"),
    gap_snapshot: |metric, date| {
        format!("{metric}: needs a snapshot from about {date} (none in the inputs)")
    },
    gap_licences: |metric| {
        format!("{metric}: needs qualified licence counts (licensesQualified; none in the inputs)")
    },
    figure: |n, of, group| match group {
        Some(g) => format!("{n} of {of} as {g}"),
        None => format!("{n} of {of}"),
    },
};

/// German.
pub const DE: PointsTexts = PointsTexts {
    qualified: "Qualifiziert",
    decimal_sep: ',',
    step: |n, unit, group, points| match group {
        Some(g) => format!("noch {n} {unit} als {g} (+{points})"),
        None => format!("noch {n} {unit} (+{points})"),
    },
    qualifies_with: |points, path| format!("qualifiziert mit {points} Punkten im Pfad {path}"),
    needs: |steps, points, path| format!("braucht {steps} für {points} Punkte im Pfad {path}"),
    out_of_reach: |points| format!("{points} Punkte sind in keinem Pfad erreichbar"),
    gap_snapshot: |metric, date| {
        format!("{metric}: braucht einen Stand von etwa {date} (keiner in den Eingaben)")
    },
    gap_licences: |metric| {
        format!(
            "{metric}: braucht die Zahl qualifizierter Lizenzen (licensesQualified; keine in den Eingaben)"
        )
    },
    figure: |n, of, group| match group {
        Some(g) => format!("{n} von {of} als {g}"),
        None => format!("{n} von {of}"),
    },
};

impl Texts {
    /// Points as a reader of this language writes them: "7.5", "7,5".
    pub fn points(&self, c: Centi) -> String {
        let shown = crate::rules::points::show_points(c);
        if self.points.decimal_sep == '.' {
            shown
        } else {
            shown.replace('.', &self.points.decimal_sep.to_string())
        }
    }

    /// A metric's name in this language.
    pub fn metric_name<'a>(&self, m: &'a MetricDef) -> &'a str {
        &self.metric_words(m).name
    }

    /// A path's name in this language.
    pub fn path_name<'a>(&self, p: &'a PathDef) -> &'a str {
        match (self.lang, &p.name_de) {
            (Lang::De, Some(name)) => name,
            _ => &p.name,
        }
    }

    fn metric_words<'a>(&self, m: &'a MetricDef) -> &'a crate::rules::points::MetricWords {
        match (self.lang, &m.words_de) {
            (Lang::De, Some(words)) => words,
            _ => &m.words,
        }
    }

    /// One step of a route: "2 more customer adds (+4)".
    pub fn route_step(&self, step: &RouteStep, scoring: &Scoring) -> String {
        let m = &scoring.metrics[step.metric];
        let unit = &self.metric_words(m).unit[usize::from(step.more != 1)];
        let group = step
            .group
            .map(|g| scoring.association_groups[g].name.as_str());
        (self.points.step)(
            &self.count(step.more),
            unit,
            group,
            &self.points(step.points),
        )
    }

    /// A route's steps: "2 more customer adds (+4) and 1 more advanced
    /// certification (+15)".
    pub fn route_steps(&self, route: &Route, scoring: &Scoring) -> String {
        let steps: Vec<String> = route
            .steps
            .iter()
            .map(|s| self.route_step(s, scoring))
            .collect();
        self.join_and(&steps)
    }

    /// A figure against its threshold: "3 of 5", "600 of 1,000 as CPOR".
    pub fn points_figure(&self, score: &Score, scoring: &Scoring, metric: usize) -> String {
        let f = score.best_path().metrics[metric].figure();
        let raw = if f.raw < 0 {
            format!("-{}", self.count(f.raw.unsigned_abs()))
        } else {
            self.count(f.raw.unsigned_abs())
        };
        let group = f.group.map(|g| scoring.association_groups[g].name.as_str());
        (self.points.figure)(&raw, &self.count(f.threshold), group)
    }

    /// What a points-scored partner's status means and what it needs:
    /// "qualifies with 82 points on the SMB path", or "needs 1 more advanced
    /// certification (+15) for 70 points on the SMB path", followed by what
    /// the inputs lack to measure a metric.
    pub fn points_action(&self, score: &Score, rules: &Rules) -> String {
        let Some(scoring) = &rules.scoring else {
            return String::new();
        };
        let mut sentence = if score.qualified() {
            (self.points.qualifies_with)(
                &self.points(score.total()),
                self.path_name(&scoring.paths[score.best]),
            )
        } else {
            match route(score, scoring) {
                Some(r) => (self.points.needs)(
                    &self.route_steps(&r, scoring),
                    &self.points(scoring.qualifying),
                    self.path_name(&scoring.paths[r.path]),
                ),
                None => (self.points.out_of_reach)(&self.points(scoring.qualifying)),
            }
        };
        for (m, ms) in scoring.metrics.iter().zip(&score.best_path().metrics) {
            let gap = match ms.gap {
                Some(Gap::NoEarlierSnapshot) => {
                    (self.points.gap_snapshot)(self.metric_name(m), &score.window_start.to_string())
                }
                Some(Gap::NoLicenceCounts) => (self.points.gap_licences)(self.metric_name(m)),
                None => continue,
            };
            sentence.push_str("; ");
            sentence.push_str(&gap);
        }
        sentence
    }
}
