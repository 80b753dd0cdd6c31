//! The rules in plain words, for `competency-report rules`.

use super::{Method, Rules};
use crate::model::{CredentialId, Level, group_digits};

impl Rules {
    /// The rules in plain words, for `competency-report rules`.
    pub fn describe(&self, origin: &str) -> String {
        use std::fmt::Write;
        if let Some(scoring) = &self.scoring {
            return self.describe_points(scoring, origin);
        }
        let mut out = String::new();
        let c = &self.competency;
        let _ = writeln!(out, "{}", self.title());
        if !c.source.is_empty() {
            let _ = writeln!(out, "Source: {}", c.source);
        }
        let _ = writeln!(out, "Rules file: {origin}\n");
        for level in Level::ATTAINABLE {
            if let Some(t) = self.threshold(level) {
                let new = if t.new_customers > 0 {
                    format!(
                        "{} new {} (added within {} months of the as-of date), ",
                        t.new_customers,
                        if t.new_customers == 1 {
                            "customer"
                        } else {
                            "customers"
                        },
                        self.new_customer_window_months
                    )
                } else {
                    String::new()
                };
                let entitlements = if self.has_market_split() {
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
        let method = match self.method {
            Method::BestWorkload => {
                "per workload, active users summed over customers; the partner's figure is its best workload"
            }
            Method::CustomerMax => "each customer's highest workload, summed over customers",
            Method::Sum => "every counted row added together (seats over all counted workloads)",
        };
        let _ = writeln!(
            out,
            "\nActive entitlements ({}): {method}.",
            self.method.as_str()
        );
        let workloads: Vec<&str> = self.workloads.iter().map(|w| w.as_str()).collect();
        let _ = writeln!(out, "Counted workloads: {}.", workloads.join(", "));
        let skus: Vec<&str> = self.skus.iter().map(|s| s.label()).collect();
        let _ = writeln!(
            out,
            "Counted SKU types: {} (everything else, trials included, never counts).",
            skus.join(", ")
        );
        let assoc: Vec<&str> = self.associations.iter().map(|a| a.label()).collect();
        let _ = writeln!(
            out,
            "A customer counts only where the partner is: {}.",
            assoc.join(", ")
        );
        let _ = writeln!(out, "\nA person qualifies with:");
        for q in &self.qualifications {
            let all: Vec<String> = q
                .all_of
                .iter()
                .map(|c| self.describe_credential(c))
                .collect();
            let any: Vec<String> = q
                .any_of
                .iter()
                .map(|c| self.describe_credential(c))
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
        if self.counts_new_customers() {
            let _ = writeln!(
                out,
                "\nNew customers: distinct counted customers (at least one counted seat) whose earliest Customer Since date on a counted row lies within the {} months up to the as-of date (the same day {0} months before is outside); a customer with no date is not new.",
                self.new_customer_window_months
            );
        }
        if self.has_market_split() {
            let _ = writeln!(
                out,
                "\nMarket: an explicit Market value wins; otherwise a country on the emerging-markets list ({} entries) is emerging; otherwise mature.",
                self.emerging_countries.len()
            );
        } else {
            let _ = writeln!(
                out,
                "\nMarket: the thresholds are the same in every market."
            );
        }
        out
    }

    pub(super) fn describe_credential(&self, id: &CredentialId) -> String {
        self.credential(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }
}
