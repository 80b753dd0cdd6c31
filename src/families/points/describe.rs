//! A designation in plain words, for `competency-report rules`: how the
//! score qualifies, the paths, each metric with its points and thresholds,
//! what counts.

use std::fmt::Write;

use super::Points;
use super::rules::{Measure, MetricDef, Scoring, Target};
use crate::model::show_points;
use crate::rules::{RuleSet, Rules};

/// The designation in plain words.
pub(super) fn describe(set: &RuleSet<Points>, origin: &str) -> String {
    let (rules, s) = (&set.rules, &set.scheme);
    let mut out = rules.describe_heading(&set.title(), origin);
    let _ = writeln!(
        out,
        "Scored in points: qualified with at least {} of {} points and at least {} {} in every metric. \
             The partner is scored on every path; the path that qualifies (else the one with more points) counts.",
        show_points(s.qualifying),
        show_points(s.max_points()),
        show_points(s.metric_minimum),
        if s.metric_minimum == 100 {
            "point"
        } else {
            "points"
        },
    );
    let _ = writeln!(
        out,
        "\nPaths (a customer belongs to the path its paid seats on its largest eligible workload fall in):"
    );
    for p in &s.paths {
        let band = match p.max_seats {
            Some(max) => format!("{} to {max} seats", p.min_seats),
            None => format!("{} seats or more", p.min_seats),
        };
        let _ = writeln!(out, "  - {}: customers with {band}", p.name);
    }
    let _ = writeln!(
        out,
        "\nMetrics (points in full at the threshold, in proportion below it):"
    );
    for m in &s.metrics {
        let _ = writeln!(
            out,
            "  - {} ({} points): {}. {}.",
            m.words.name,
            show_points(m.points),
            measure_in_words(rules, s, m),
            targets_in_words(s, m)
        );
    }
    if !s.association_groups.is_empty() {
        let groups: Vec<String> = s
            .association_groups
            .iter()
            .map(|g| {
                let names: Vec<&str> = g.associations.iter().map(|a| a.label()).collect();
                format!("{} = {}", g.name, names.join(", "))
            })
            .collect();
        let _ = writeln!(
            out,
            "Where a threshold is given per association type, the type that earns more points counts: {}.",
            groups.join("; ")
        );
    }
    out.push('\n');
    out.push_str(&rules.describe_counted("Eligible workloads"));
    let _ = writeln!(
        out,
        "People are counted once per metric, and for one partner only."
    );
    out
}

/// What a metric measures, in words.
fn measure_in_words(rules: &Rules, s: &Scoring, m: &MetricDef) -> String {
    let months = s.window_months;
    match m.measure {
        Measure::NetCustomerAdds => format!(
            "customers added within the {months} months up to the as-of date (their earliest Customer Since date, \
                 or the first snapshot they appear in), less customers lost in them (in the snapshot {months} months \
                 back, gone now); a customer counts once whatever its associations"
        ),
        Measure::CertifiedPeople => {
            let names: Vec<String> = m
                .credentials
                .iter()
                .map(|c| rules.describe_credential(c))
                .collect();
            format!("people holding one of: {}", names.join("; "))
        }
        Measure::UsageGrowth => format!(
            "monthly active users on eligible workloads (summed over workloads) in the snapshot nearest the \
                 as-of date, less those in the snapshot nearest {months} months before"
        ),
        Measure::Deployments => format!(
            "customers whose active users reach {} % of their qualified (paid) licences on at least one \
                 eligible workload",
            m.min_active_share.map_or(0.0, |x| x * 100.0)
        ),
    }
}

/// A metric's thresholds per path, in words: "Enterprise 5, SMB 10".
fn targets_in_words(s: &Scoring, m: &MetricDef) -> String {
    let per_path: Vec<String> = s
        .paths
        .iter()
        .zip(&m.targets)
        .map(|(p, t)| match t {
            Target::Count(n) => format!("{} {n}", p.name),
            Target::ByAssociation(v) => {
                let options: Vec<String> = v
                    .iter()
                    .map(|(g, n)| format!("{n} as {}", s.association_groups[*g].name))
                    .collect();
                format!("{} {}", p.name, options.join(" or "))
            }
        })
        .collect();
    format!("Thresholds: {}", per_path.join("; "))
}
