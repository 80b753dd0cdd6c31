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
        "\nPaths (a tenant is eligible on a path when one of a metric's workloads has paid licences in its band; \
             the same tenant can be on both):"
    );
    for p in &s.paths {
        let band = match p.max_paid {
            Some(max) => format!("{} to {max} paid licences", p.min_paid),
            None => format!("more than {} paid licences", p.min_paid.saturating_sub(1)),
        };
        let groups: Vec<&str> = p
            .groups
            .iter()
            .map(|g| s.association_groups[*g].name.as_str())
            .collect();
        let stays = if p.stays_when_outgrown {
            "; a tenant eligible a year before stays eligible once it outgrows the band"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  - {}: tenants with a workload of {band}, associated as {}{stays}",
            p.name,
            groups.join(" or ")
        );
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
        "People are counted once per metric, and for one partner only. A credential counts while it is valid: \
             not past its expiration date, nor past the last day the programme counts it."
    );
    if !s.examples.is_empty() {
        let _ = writeln!(
            out,
            "The programme's own scoring examples ({}) are checked whenever these rules are read.",
            s.examples.len()
        );
    }
    out
}

/// What a metric measures, in words.
fn measure_in_words(rules: &Rules, s: &Scoring, m: &MetricDef) -> String {
    let months = s.window_months;
    let only: Vec<&str> = rules
        .workload_metrics
        .iter()
        .filter(|(_, ms)| !ms.contains(&m.id))
        .map(|(w, _)| w.as_str())
        .collect();
    let except = if only.is_empty() || !m.measure.counts_customers() {
        String::new()
    } else {
        format!(" (not counting {})", only.join(", "))
    };
    match m.measure {
        Measure::NetCustomerAdds => format!(
            "eligible tenants associated in a way the path counts now, less those of the snapshot {months} months \
                 before (counted from the current snapshot's month); a tenant counts once whatever its associations{except}"
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
            "monthly active users of eligible tenants on eligible workloads now, less those {months} months before, \
                 per association type{}{except}",
            if m.from_association {
                "; a tenant associated since then is measured from its first snapshot on or after its association \
                 (DateAssociated, else Customer Since, else its first snapshot)"
            } else {
                ""
            }
        ),
        Measure::NetNewDeployments => format!(
            "eligible tenants whose active users are at least {} % of their paid licences (summed over eligible \
                 workloads) now, less those {months} months before, per association type; a tenant associated since \
                 then that was deployed at association is left out{except}",
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
