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
        let Some(c) = self.credential(id) else {
            return id.to_string();
        };
        let mut also = Vec::new();
        if !c.exams.is_empty() {
            let exams: Vec<String> = c.exams.iter().map(|e| show_exam(e)).collect();
            let mut exams = format!("or exam {}", exams.join(" or "));
            if !c.exams_need_one_of.is_empty() {
                let needs: Vec<String> =
                    c.exams_need_one_of.iter().map(|n| self.label(n)).collect();
                exams.push_str(&format!(" with one of {}", needs.join(", ")));
            }
            also.push(exams);
        }
        if let Some(last) = c.counts_through {
            also.push(format!("counts through {last}"));
        }
        if also.is_empty() {
            c.name.clone()
        } else {
            format!("{} ({})", c.name, also.join("; "))
        }
    }
}

/// An exam code as people write it: `MS102` as `MS-102`.
fn show_exam(code: &str) -> String {
    match code.find(|c: char| c.is_ascii_digit()) {
        Some(at) => format!("{}-{}", &code[..at], &code[at..]),
        None => code.to_string(),
    }
}
