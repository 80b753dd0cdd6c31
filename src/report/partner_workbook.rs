//! One partner's own report: the full report filtered down to that
//! partner's rows, for sending to the partner.
//!
//! The filtered report is built by the very same sheet writers as the full
//! one (a filtered [`ReportData`]), so the two can never drift apart in look
//! or meaning. What a partner must never see is other partners' data: their
//! rows, their people, their problems, and even the names of input files and
//! sheets that held none of its rows.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::{Family, ReportData, report_stem};
use crate::advice::Derived;
use crate::evaluate::Evaluation;
use crate::input::{FileSummary, Inputs, Rows, SheetSummary};
use crate::model::PartnerId;
use crate::problem::{Location, Problem};
use chrono::NaiveDate;

/// Longest partner id kept in a file name; longer ids are cut (ids are
/// short in practice, and a file name has to stay well below 255 bytes).
const MAX_ID_IN_NAME: usize = 64;

/// The rows, results and problems of one partner, owned, so that a
/// [`ReportData`] can borrow them.
#[derive(Debug)]
pub(crate) struct PartnerSlice<F: Family> {
    /// Only the partner's rows, and only the files and sheets they came from.
    pub(crate) inputs: Inputs,
    /// Only the partner's result, customer outcomes and people.
    pub(crate) evaluation: Evaluation<F>,
    /// What follows from them, derived again from the partner's own rows
    /// (the route's rows are the workbook's own).
    pub(crate) derived: Derived<F>,
    /// Only the problems sitting on one of the partner's rows.
    pub(crate) problems: Vec<Problem>,
}

/// A row's place, as problems name it: file, sheet, zero-based row.
type RowKey<'d> = (&'d str, Option<&'d str>, u32);

/// Where each partner's rows sit in a full report, built once so that
/// cutting out every partner's share costs one pass over the rows, not one
/// pass per partner.
#[derive(Debug)]
pub(crate) struct PartnerIndex<'d> {
    customers: HashMap<&'d PartnerId, Vec<usize>>,
    credentials: HashMap<&'d PartnerId, Vec<usize>>,
    partners: HashMap<&'d PartnerId, Vec<usize>>,
    people: HashMap<&'d PartnerId, Vec<usize>>,
    problems: HashMap<RowKey<'d>, Vec<usize>>,
}

impl<'d> PartnerIndex<'d> {
    /// Indexes a full report.
    pub(crate) fn new<F: Family>(data: &ReportData<'d, F>) -> PartnerIndex<'d> {
        fn group<'d, T>(
            items: &'d [T],
            key: impl Fn(&'d T) -> &'d PartnerId,
        ) -> HashMap<&'d PartnerId, Vec<usize>> {
            let mut map: HashMap<&PartnerId, Vec<usize>> = HashMap::new();
            for (i, item) in items.iter().enumerate() {
                map.entry(key(item)).or_default().push(i);
            }
            map
        }
        let rows = &data.inputs.rows;
        let mut problems: HashMap<RowKey<'d>, Vec<usize>> = HashMap::new();
        for (i, p) in data.problems.iter().enumerate() {
            let l = &p.location;
            if let Some(row) = l.row {
                problems
                    .entry((&*l.file, l.sheet.as_deref(), row))
                    .or_default()
                    .push(i);
            }
        }
        PartnerIndex {
            customers: group(&rows.customers, |r| &r.partner),
            credentials: group(&rows.credentials, |r| &r.partner),
            partners: group(&rows.partners, |r| &r.partner),
            people: group(&data.evaluation.people, |p| &p.partner),
            problems,
        }
    }

    /// Cuts one partner's share out of the report this index was built
    /// from; `None` when the report has no result for that partner.
    ///
    /// Problems: a problem is kept when its location is one of the
    /// partner's own input rows (customer, transcript or partners-sheet
    /// row, matched by file, sheet and row). Problems about a whole file or
    /// sheet (an unreadable file, a missing column) are left out: they may
    /// concern every partner in that file, and naming other partners' files
    /// would leak them. The operators' full report has them all.
    pub(crate) fn slice<F: Family>(
        &self,
        data: &ReportData<'d, F>,
        partner: &PartnerId,
    ) -> Option<PartnerSlice<F>> {
        let evaluation = data.evaluation;
        let index = evaluation
            .partners
            .binary_search_by(|p| p.partner.cmp(partner))
            .ok()?;
        let all = &data.inputs.rows;
        let pick = |map: &HashMap<&'d PartnerId, Vec<usize>>| -> Vec<usize> {
            map.get(partner).cloned().unwrap_or_default()
        };

        let mut rows = Rows::default();
        let mut outcomes = Vec::new();
        for i in pick(&self.customers) {
            rows.customers.push(all.customers[i].clone());
            if let Some(o) = evaluation.customer_outcomes.get(i) {
                outcomes.push(o.clone());
            }
        }
        rows.credentials = pick(&self.credentials)
            .into_iter()
            .map(|i| all.credentials[i].clone())
            .collect();
        rows.partners = pick(&self.partners)
            .into_iter()
            .map(|i| all.partners[i].clone())
            .collect();

        let sources: Vec<Location> = rows
            .customers
            .iter()
            .map(|r| r.source.location())
            .chain(rows.credentials.iter().map(|r| r.source.clone()))
            .chain(rows.partners.iter().map(|r| r.source.clone()))
            .collect();
        // Problem indexes, each once (one row can hold several problems,
        // and two of a partner's rows never share a location), in report
        // order.
        let mut picked: Vec<usize> = sources
            .iter()
            .filter_map(|l| self.problems.get(&(&*l.file, l.sheet.as_deref(), l.row?)))
            .flatten()
            .copied()
            .collect::<HashSet<usize>>()
            .into_iter()
            .collect();
        picked.sort_unstable();
        let problems: Vec<Problem> = picked.iter().map(|&i| data.problems[i].clone()).collect();
        rows.problems = problems.clone();

        let files = own_files(&data.inputs.files, &sources);
        let own_problems: BTreeSet<&Problem> = problems.iter().collect();
        let evaluation_problems = evaluation
            .problems
            .iter()
            .filter(|p| own_problems.contains(p))
            .cloned()
            .collect();
        let evaluation = Evaluation {
            partners: vec![evaluation.partners[index].clone()],
            customer_outcomes: outcomes,
            people: pick(&self.people)
                .into_iter()
                .map(|i| evaluation.people[i].clone())
                .collect(),
            problems: evaluation_problems,
        };
        let derived = crate::advice::derive(data.set, &evaluation, &rows);
        Some(PartnerSlice {
            inputs: Inputs {
                rows,
                files,
                // Skipped files are the operators' business, and their
                // names may be other partners' names.
                skipped: Vec::new(),
            },
            evaluation,
            derived,
            problems,
        })
    }
}

impl<F: Family> PartnerSlice<F> {
    /// The report data for this partner's workbook, borrowing the rules
    /// and settings of the full report.
    pub(crate) fn data<'a>(&'a self, full: &ReportData<'a, F>) -> ReportData<'a, F> {
        ReportData {
            as_of: full.as_of,
            set: full.set,
            rules_origin: full.rules_origin,
            inputs: &self.inputs,
            evaluation: &self.evaluation,
            derived: &self.derived,
            problems: &self.problems,
            // Changes are looked up per partner on Summary, so only this
            // partner's show. The History sheet and the run's notes cover
            // every partner and every file: they stay in the full report.
            changes: full.changes,
            history: None,
            notes: &[],
            lang: full.lang,
        }
    }
}

/// The input files and sheets that hold at least one of the partner's rows,
/// with the row counts cut down to the partner's own rows (the full counts
/// would tell a partner how much data other partners sent).
fn own_files(files: &[FileSummary], sources: &[Location]) -> Vec<FileSummary> {
    let mut counts: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for l in sources {
        // A text file's rows have no sheet: its one sheet has no name.
        let sheet = l.sheet.as_deref().unwrap_or("");
        *counts.entry((&*l.file, sheet)).or_default() += 1;
    }
    files
        .iter()
        .filter_map(|file| {
            let sheets: Vec<SheetSummary> = file
                .sheets
                .iter()
                .filter_map(|s| {
                    let n = *counts.get(&(file.shown.as_str(), s.name.as_str()))?;
                    Some(SheetSummary {
                        rows: n,
                        rows_without_partner: 0,
                        ..s.clone()
                    })
                })
                .collect();
            (!sheets.is_empty()).then(|| FileSummary {
                shown: file.shown.clone(),
                sheets,
                error: None,
                text: file.text,
            })
        })
        .collect()
}

/// A partner id reduced to `[A-Za-z0-9-]` for use in a file name: other
/// characters become `-`, runs of `-` collapse, and the result is cut to a
/// sane length. Never empty (`unknown`). Only ever built from the parsed
/// partner id, never from other input text, so no path separator, dot or
/// control character can reach a file name.
pub(crate) fn safe_id(partner: &PartnerId) -> String {
    let mut out = String::new();
    for c in partner.as_str().chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '-' };
        if !(c == '-' && (out.is_empty() || out.ends_with('-'))) {
            out.push(c);
        }
        if out.len() >= MAX_ID_IN_NAME {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "unknown".into()
    } else {
        out.into()
    }
}

/// The file stem of a partner's workbook:
/// `competency-report-2017-09-30-partner-1000001`.
pub(crate) fn partner_stem(as_of: NaiveDate, partner: &PartnerId) -> String {
    format!("{}-partner-{}", report_stem(as_of), safe_id(partner))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> PartnerId {
        PartnerId::parse(s).expect("a partner id")
    }

    #[test]
    fn safe_id_keeps_only_letters_digits_and_dashes() {
        assert_eq!(safe_id(&id("0001000001")), "1000001");
        assert_eq!(safe_id(&id("ab/../c")), "AB-C");
        assert_eq!(safe_id(&id("..")), "unknown");
        assert_eq!(safe_id(&id("x\u{202e}y")), "X-Y");
        assert_eq!(safe_id(&id(&"9a".repeat(100))).len(), MAX_ID_IN_NAME);
    }

    #[test]
    fn partner_stem_names_date_and_id() {
        let d = NaiveDate::from_ymd_opt(2017, 9, 30).expect("a date");
        assert_eq!(
            partner_stem(d, &id("1000001")),
            "competency-report-2017-09-30-partner-1000001"
        );
    }
}
