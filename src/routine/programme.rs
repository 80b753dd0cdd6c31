//! The routine for several rule sets at once (a programme): the same start
//! as a run of one (the inbox, the lock, what an interrupted run left),
//! each rule set read and evaluated as a run of it alone would be, then
//! one report and one JSON summary holding them all
//! ([`crate::report::programme`]), and the inputs archived.
//!
//! Email sends each partner one message about every rule set
//! ([`crate::deliver::email::programme`]). Each rule set keeps its own
//! history (`history-<key>.sqlite` in the reports folder), compared with
//! its own last month: the report before shows every rule set side by side,
//! so it is not read back.

use std::path::Path;

use chrono::NaiveDate;

use super::history::{HistoryDb, HistoryError};
use super::{After, RoutineOptions, RunSummary, Started, archive_inputs, compare, start};
use super::{RoutineError, RoutineOutcome, RunMemory};
use crate::deliver::email::{self, Family, programme::MailPart};
use crate::families::{Member, Programme};
use crate::model::Level;
use crate::phase::{Phase, Progress, timed};
use crate::pipeline::{RunError, analyse_found};
use crate::report::programme::{Part, PartRun, ProgrammeReport, write_outputs};
use crate::with_family;

/// A rule set's part as the routine needs it: reported, mailed, and its
/// month recorded in its own history.
trait RoutinePart: MailPart {
    /// Records the month in the rule set's history in `reports`.
    fn record(&self, reports: &Path, as_of: NaiveDate) -> Result<(), HistoryError>;
}

impl<F: Family> RoutinePart for PartRun<F> {
    fn record(&self, reports: &Path, as_of: NaiveDate) -> Result<(), HistoryError> {
        HistoryDb::of_rule_set(reports, &self.key).record(as_of, &self.evaluation)
    }
}

/// Runs the routine once for every rule set of `programme`.
pub(super) fn run(
    options: &RoutineOptions,
    progress: &dyn Progress,
    programme: Programme,
) -> Result<RoutineOutcome, RoutineError> {
    let o = &options.run;
    // The widest window any rule set compares with: each reads what it needs.
    let window = programme
        .members
        .iter()
        .filter_map(|m| m.set.rules().baseline_months)
        .max();
    let Started {
        mut gathered,
        mail,
        _lock,
        mut notes,
    } = start(options, window)?;
    let (future, notices) = super::future_month(options, &mut notes);
    let ready = gathered.ready();
    let mut part_notes = Vec::new();
    let skipped = std::mem::take(&mut gathered.skipped);
    let parts: Vec<Box<dyn RoutinePart>> = programme
        .members
        .into_iter()
        .map(|Member { set, origin, key }| {
            let mut set = set;
            if let Some(margin) = options.at_risk_margin {
                with_family!(&mut set, s => s.rules.alerts.at_risk_margin = margin);
            }
            with_family!(set, set => {
                let analysis = analyse_found(
                    &ready,
                    skipped.clone(),
                    &set,
                    o.as_of,
                    o.partner.as_ref(),
                    progress,
                );
                let name = set.rules.competency.name.clone();
                let db = options.history.then(|| HistoryDb::of_rule_set(&o.output, &key));
                // Compared with the rule set's own last month, from its
                // history: the report before shows every rule set side by side.
                let changes = db.as_ref().and_then(|db| {
                    timed(progress, Phase::Compare, || {
                        match compare::from_history(db, o.as_of) {
                            Ok(Some(previous)) => {
                                part_notes.push(format!(
                                    "{name}: compared with {}",
                                    previous.source
                                ));
                                Some(compare::compare(&previous, &analysis.evaluation))
                            }
                            Ok(None) => {
                                part_notes.push(format!(
                                    "{name}: no earlier month in {}: nothing to compare with",
                                    db.path().display()
                                ));
                                None
                            }
                            Err(e) => {
                                part_notes.push(format!("{name}: {e}; no changes shown"));
                                None
                            }
                        }
                    })
                });
                Box::new(PartRun {
                    key,
                    as_of: o.as_of,
                    lang: o.lang,
                    set,
                    rules_origin: origin,
                    inputs: analysis.inputs,
                    evaluation: analysis.evaluation,
                    derived: analysis.derived,
                    problems: analysis.problems,
                    changes,
                }) as Box<dyn RoutinePart>
            })
        })
        .collect();
    notes.extend(part_notes);
    let report = ProgrammeReport {
        as_of: o.as_of,
        lang: o.lang,
        name: &programme.name,
        origin: &programme.origin,
        parts: parts.iter().map(|p| p.as_ref() as &dyn Part).collect(),
        notes: &notes,
    };
    let written = write_outputs(&report, &o.output, o.json.as_deref(), o.pdf, progress)
        .map_err(RunError::from)?;

    let mut after = After::default();
    let partners = report.partners();
    // Each rule set's month into its own history, once the report is
    // safely written; a run that scored nobody keeps the months as they are.
    if options.history && !future && !partners.is_empty() {
        for part in &parts {
            if let Err(e) = timed(progress, Phase::Record, || part.record(&o.output, o.as_of)) {
                after
                    .warnings
                    .push(format!("the history was not updated: {e}"));
            }
        }
    }
    let problems: Vec<_> = report.problems().into_iter().cloned().collect();
    if let Some(root) = &options.archive
        && !partners.is_empty()
        && let Some(first) = report.parts.first()
    {
        timed(progress, Phase::Archive, || {
            archive_inputs(
                &mut after,
                first.inputs(),
                o.as_of,
                &gathered.inbox,
                &o.inputs,
                root,
            )
        });
    }
    // Last: what is mailed is what was written.
    let email = mail.filter(|_| !partners.is_empty()).map(|ready| {
        let mail_parts: Vec<&dyn MailPart> =
            parts.iter().map(|p| p.as_ref() as &dyn MailPart).collect();
        timed(progress, Phase::Email, || {
            email::programme::deliver(&report, &mail_parts, &written.report, &o.output, &ready)
        })
    });
    after.warnings.extend(super::email_warnings(email.as_ref()));
    let rule_sets: Vec<(&str, bool, Vec<Level>)> = report
        .parts
        .iter()
        .map(|part| {
            let levels = part.standings().iter().map(|s| s.level).collect();
            (part.short_name(), part.max_points().is_some(), levels)
        })
        .collect();
    let inputs = report.parts.first().map(|p| p.inputs());
    let files = inputs.map_or((0, 0), |i| (i.files_read(), i.files.len()));
    let summary_line =
        o.lang
            .programme_summary_line(files, partners.len(), &rule_sets, problems.len());
    let rules_line =
        o.lang
            .programme_rules_line(&programme.name, report.parts.len(), &programme.origin);
    let summary = RunSummary {
        title: programme.name.clone(),
        problems,
        notes: notes.clone(),
        files: inputs.map_or(0, |i| i.files.len()),
        rows: inputs.map_or((0, 0), |i| {
            (i.rows.customers.len(), i.rows.credentials.len())
        }),
        partners: partners.len(),
        tally: rule_sets
            .iter()
            .map(|(name, _, levels)| format!("{name}: {}", levels.len()))
            .collect::<Vec<_>>()
            .join("; "),
        lang: o.lang,
        rules_line,
        summary_line,
    };
    drop(partners);
    Ok(RoutineOutcome {
        summary,
        memory: RunMemory::new(parts),
        written,
        settling: gathered.settling,
        cautions: Vec::new(),
        notes: after.notes,
        warnings: after.warnings,
        email,
        notices,
    })
}
