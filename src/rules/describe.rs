//! The common part of the rules in plain words, for `competency-report
//! rules`: the heading every description opens with, and what counts as an
//! entitlement. Each family describes the rest (`crate::families`).

use std::fmt::Write;

use super::Rules;
use crate::model::CredentialId;

impl Rules {
    /// The first lines: the title, the source, the rules file.
    pub(crate) fn describe_heading(&self, title: &str, origin: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{title}");
        if !self.competency.source.is_empty() {
            let _ = writeln!(out, "Source: {}", self.competency.source);
        }
        let _ = writeln!(out, "Rules file: {origin}\n");
        out
    }

    /// What counts: the workloads (introduced as `workloads`), the SKU
    /// types and the associations, one line each.
    pub(crate) fn describe_counted(&self, workloads: &str) -> String {
        let mut out = String::new();
        let names: Vec<&str> = self.workloads.iter().map(|w| w.as_str()).collect();
        let _ = writeln!(out, "{workloads}: {}.", names.join(", "));
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
        out
    }

    /// A credential's full name, falling back to its id.
    pub(crate) fn describe_credential(&self, id: &CredentialId) -> String {
        self.credential(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }
}
