//! How a rule family shows in the report: the parts of the sheets and of
//! the JSON summary that differ by family. The sheets call these, once
//! each; everything else in the report is the same for every family.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use serde::Serialize;

use super::ReportData;
use super::columns::SummaryColumn;
use super::layout::Layout;
use super::xlsx::{Cell, Col, Formats, SplicedRows, XfIndices};
use crate::advice::{self, Derivation};
use crate::evaluate::PartnerResult;
use crate::model::Level;
use crate::month::{MonthFigures, PartnerChange};
use crate::rules::{RuleSet, Rules};
use crate::text::Texts;

/// A rule family as the report shows it.
pub trait Family: advice::Family {
    /// What the family adds to a partner's entry in the JSON summary, after
    /// the fields every family has.
    type Json: Serialize;

    /// The report's title for the programme `name`: "Cloud Productivity
    /// competency report, as of 2017-09-30".
    fn report_title(t: &Texts, name: &str, as_of: &str) -> String;

    /// A level in the report's words: a competency's "None", a
    /// designation's "Not qualified".
    fn level_word(t: &Texts, level: Level) -> &'static str {
        t.level(level)
    }

    /// The `Summary` columns, in order, for these rules.
    fn summary_columns(data: &ReportData<Self>) -> Vec<SummaryColumn<Self>>;

    /// What a partner must do next, in one sentence (the Summary's action,
    /// the mail's next step, the JSON's `action` in English).
    fn action(
        t: &Texts,
        set: &RuleSet<Self>,
        partner: &PartnerResult<Self>,
        derived: &Derivation<Self>,
    ) -> String;

    /// The cheapest route in words, where the family has one to show on
    /// `Partner Details` beside the figures.
    fn route_words(
        _t: &Texts,
        _set: &RuleSet<Self>,
        _derived: &Derivation<Self>,
    ) -> Option<String> {
        None
    }

    /// The `Partner Details` columns, in order (a competency's are
    /// [`super::sheets::partner_details::level_columns`]).
    fn details_columns(data: &ReportData<Self>) -> Vec<SummaryColumn<Self>>;

    /// Writes the family's own evidence sheet, if it has one (after `Next
    /// Steps`, before `Customers`).
    fn write_evidence(
        _workbook: &mut Workbook,
        _formats: &Formats,
        _data: &ReportData<Self>,
    ) -> Result<(), XlsxError> {
        Ok(())
    }

    /// Writes the family's evidence sheet as [`Family::write_evidence`]
    /// does, for a sheet long enough that its rows are made and compressed
    /// on every core ([`super::xlsx::write_table_spliced`]): returns them,
    /// to be spliced in when the file is saved. By default, the sheet
    /// [`Family::write_evidence`] writes, with no rows made apart.
    fn write_evidence_spliced(
        workbook: &mut Workbook,
        formats: &Formats,
        _xf: &XfIndices,
        data: &ReportData<Self>,
        _layout: &Layout,
    ) -> Result<Vec<SplicedRows>, XlsxError> {
        Self::write_evidence(workbook, formats, data)?;
        Ok(Vec::new())
    }

    /// How many rows a partner has on the family's evidence sheet (for
    /// links to its first).
    fn evidence_rows(_partner: &PartnerResult<Self>) -> usize {
        0
    }

    /// Whether the family's figures are the customer list's rows: the
    /// Dashboard's "active users by outcome" table and chart count those
    /// rows, and a family scored from other downloads leaves them out
    /// rather than show zeros.
    const FIGURES_FROM_CUSTOMER_ROWS: bool = true;

    /// The Dashboard's section on what the family asks for, written from
    /// row `at` across `widths`; returns the first row after it.
    fn dashboard_needs(
        sheet: &mut Worksheet,
        formats: &Formats,
        data: &ReportData<Self>,
        at: u32,
        widths: &[f64],
    ) -> Result<u32, XlsxError>;

    /// The columns of the Dashboard's table of the partners closest to
    /// their next standing (their widths are the sheet's).
    fn closest_columns(t: &Texts, rules: &Rules) -> Vec<Col<'static>>;

    /// That table's heading, the note under it, and what it says when no
    /// partner is below the top.
    fn closest_words(t: &Texts) -> (String, &'static str, &'static str);

    /// One closest partner's cells after its name, id and level; `percent`
    /// is its progress.
    fn closest_cells<'a>(
        data: &'a ReportData<Self>,
        layout: &Layout,
        index: usize,
        percent: u8,
    ) -> Vec<Cell<'a>>;

    /// Writes the `Next Steps` sheet.
    fn write_next_steps(
        workbook: &mut Workbook,
        formats: &Formats,
        data: &ReportData<Self>,
        layout: &Layout,
    ) -> Result<(), XlsxError>;

    /// `Run info`: how the family scores, as (setting, value), after the
    /// competency's name and source.
    fn scheme_settings(t: &Texts, set: &RuleSet<Self>) -> Vec<(String, String)>;

    /// `Run info`: who counts as a qualified person, after the counted SKUs.
    fn people_settings(_t: &Texts, _set: &RuleSet<Self>) -> Vec<(String, String)> {
        Vec::new()
    }

    /// A month of a partner's history on the `History` sheet.
    fn history_cell(month: &MonthFigures) -> Cell<'static>;

    /// A partner's fields in the JSON summary that depend on the family.
    fn json(
        set: &RuleSet<Self>,
        partner: &PartnerResult<Self>,
        derived: &Derivation<Self>,
        change: Option<&PartnerChange>,
    ) -> JsonStanding<Self::Json>;
}

/// A partner's fields in the JSON summary that depend on its family: the
/// next level and its shortfalls (a contract every family keeps: null and 0
/// where it has no levels), why it is at risk, and the family's own.
#[derive(Debug)]
pub struct JsonStanding<X> {
    /// `silver`, `gold` or null at the top.
    pub(crate) next_level: Option<Level>,
    /// Entitlements short of the next level.
    pub(crate) entitlements_short: u64,
    /// People short of the next level.
    pub(crate) people_short: u32,
    /// New customers short of the next level.
    pub(crate) new_customers_short: u32,
    /// Why the partner could lose its level soon, in English, or null.
    pub(crate) at_risk: Option<String>,
    /// The family's own fields, last.
    pub(crate) extra: X,
}

impl<X> JsonStanding<X> {
    /// No next level, nothing short, not at risk: a family without levels.
    pub(crate) fn without_levels(extra: X) -> JsonStanding<X> {
        JsonStanding {
            next_level: None,
            entitlements_short: 0,
            people_short: 0,
            new_customers_short: 0,
            at_risk: None,
            extra,
        }
    }
}

impl<F: Family> ReportData<'_, F> {
    /// The report's title: "Cloud Productivity competency report, as of
    /// 2017-09-30".
    pub(crate) fn title(&self) -> String {
        let as_of = self.as_of.format("%Y-%m-%d").to_string();
        F::report_title(self.texts(), &self.rules().competency.name, &as_of)
    }
    /// What the partner must do next, in the report's language.
    pub(crate) fn action(&self, index: usize) -> String {
        F::action(
            self.texts(),
            self.set,
            &self.evaluation.partners[index],
            &self.derived.partners[index],
        )
    }
}
