//! A competency in plain words, for `competency-report rules`: what each
//! level asks for, how active entitlements are figured, what counts, who
//! qualifies, new customers and markets.

use std::fmt::Write;

use super::Levels;
use crate::model::{Level, group_digits};
use crate::rules::{Method, RuleSet};

/// The competency in plain words.
pub(super) fn describe(set: &RuleSet<Levels>, origin: &str) -> String {
    let (rules, scheme) = (&set.rules, &set.scheme);
    let mut out = rules.describe_heading(&set.title(), origin);
    for level in Level::ATTAINABLE {
        if let Some(t) = scheme.threshold(level) {
            let new = if t.new_customers > 0 {
                format!(
                    "{} new {} (added within {} months of the as-of date), ",
                    t.new_customers,
                    if t.new_customers == 1 {
                        "customer"
                    } else {
                        "customers"
                    },
                    rules.new_customer_window_months
                )
            } else {
                String::new()
            };
            let entitlements = if rules.has_market_split() {
                format!(
                    "{} active entitlements in mature markets, {} in emerging markets",
                    group_digits(t.entitlements.mature, ','),
                    group_digits(t.entitlements.emerging, ',')
                )
            } else {
                format!(
                    "{} active entitlements",
                    group_digits(t.entitlements.mature, ',')
                )
            };
            let _ = writeln!(
                out,
                "{level}: {new}{entitlements}, and {} qualified {}",
                t.people,
                if t.people == 1 { "person" } else { "people" }
            );
        }
    }
    let method = match rules.method {
        Method::BestWorkload => {
            "per workload, active users summed over customers; the partner's figure is its best workload"
        }
        Method::CustomerMax => "each customer's highest workload, summed over customers",
        Method::Sum => "every counted row added together (seats over all counted workloads)",
    };
    let _ = writeln!(
        out,
        "\nActive entitlements ({}): {method}.",
        rules.method.as_str()
    );
    out.push_str(&rules.describe_counted("Counted workloads"));
    let _ = writeln!(out, "\nA person qualifies with:");
    for q in &scheme.qualifications {
        let all: Vec<String> = q
            .all_of
            .iter()
            .map(|c| rules.describe_credential(c))
            .collect();
        let any: Vec<String> = q
            .any_of
            .iter()
            .map(|c| rules.describe_credential(c))
            .collect();
        let mut line = String::new();
        if !all.is_empty() {
            line.push_str(&format!("all of: {}", all.join("; ")));
        }
        if !any.is_empty() {
            if !line.is_empty() {
                line.push_str(", and ");
            }
            line.push_str(&format!("one of: {}", any.join("; ")));
        }
        let _ = writeln!(out, "  - {line}");
    }
    let _ = writeln!(
        out,
        "People are counted once each, and for one partner only."
    );
    if rules.counts_new_customers() {
        let _ = writeln!(
            out,
            "\nNew customers: distinct counted customers (at least one counted seat) whose earliest Customer Since date on a counted row lies within the {} months up to the as-of date (the same day {0} months before is outside); a customer with no date is not new.",
            rules.new_customer_window_months
        );
    }
    if rules.has_market_split() {
        let _ = writeln!(
            out,
            "\nMarket: an explicit Market value wins; otherwise a country on the emerging-markets list ({} entries) is emerging; otherwise mature.",
            rules.emerging_countries.len()
        );
    } else {
        let _ = writeln!(
            out,
            "\nMarket: the thresholds are the same in every market."
        );
    }
    out
}
