//! How a competency shows in the report: the family's answers to
//! [`report::Family`], each delegating to the room that holds it.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use serde::Serialize;

use super::{Levels, dashboard, next_steps, summary};
use crate::advice::{CLOSEST, Derivation};
use crate::evaluate::PartnerResult;
use crate::model::Level;
use crate::month::{MonthFigures, PartnerChange};
use crate::report::columns::SummaryColumn;
use crate::report::family::JsonStanding;
use crate::report::layout::Layout;
use crate::report::xlsx::{Cell, Col, Formats};
use crate::report::{self, ReportData};
use crate::rules::{RuleSet, Rules};
use crate::text::Texts;

/// A competency adds no fields of its own to the JSON summary: its levels
/// are in the fields every family has.
#[derive(Debug, Serialize)]
pub struct NoFields {}

impl report::Family for Levels {
    type Json = NoFields;

    fn report_title(t: &Texts, name: &str, as_of: &str) -> String {
        (t.dashboard.title)(name, as_of)
    }

    fn summary_columns(data: &ReportData<Levels>) -> Vec<SummaryColumn<Levels>> {
        summary::columns(data)
    }

    fn action(
        t: &Texts,
        set: &RuleSet<Levels>,
        partner: &PartnerResult<Levels>,
        _: &Derivation<Levels>,
    ) -> String {
        t.action(partner, &set.rules)
    }

    fn route_words(
        t: &Texts,
        set: &RuleSet<Levels>,
        derived: &Derivation<Levels>,
    ) -> Option<String> {
        derived
            .advice
            .route
            .as_ref()
            .map(|r| t.route(r, &set.rules))
    }

    fn dashboard_needs(
        sheet: &mut Worksheet,
        formats: &Formats,
        data: &ReportData<Levels>,
        at: u32,
        widths: &[f64],
    ) -> Result<u32, XlsxError> {
        dashboard::needs_table(sheet, formats, data, at, widths)
    }

    fn closest_columns(t: &Texts, rules: &Rules) -> Vec<Col<'static>> {
        dashboard::closest_columns(t, rules)
    }

    fn closest_words(t: &Texts) -> (String, &'static str, &'static str) {
        (
            (t.dashboard.closest)(CLOSEST),
            t.dashboard.closest_rule,
            t.dashboard.nobody_below_top,
        )
    }

    fn closest_cells<'a>(
        data: &'a ReportData<Levels>,
        _: &Layout,
        index: usize,
        percent: u8,
    ) -> Vec<Cell<'a>> {
        dashboard::closest_cells(data, index, percent)
    }

    fn write_next_steps(
        workbook: &mut Workbook,
        formats: &Formats,
        data: &ReportData<Levels>,
        layout: &Layout,
    ) -> Result<(), XlsxError> {
        next_steps::write(workbook, formats, data, layout)
    }

    /// The method and what Silver and Gold ask for.
    fn scheme_settings(t: &Texts, set: &RuleSet<Levels>) -> Vec<(String, String)> {
        let (rules, scheme, i) = (&set.rules, &set.scheme, &t.info);
        let threshold = |level: Level| {
            scheme.threshold(level).map_or(String::new(), |th| {
                let new = if th.new_customers > 0 {
                    (i.new_customers)(
                        &t.count(u64::from(th.new_customers)),
                        rules.new_customer_window_months,
                    )
                } else {
                    String::new()
                };
                let entitlements = if rules.has_market_split() {
                    (i.entitlements_by_market)(
                        &t.count(th.entitlements.mature),
                        &t.count(th.entitlements.emerging),
                    )
                } else {
                    (i.entitlements)(&t.count(th.entitlements.mature))
                };
                (i.threshold)(&new, &entitlements, th.people)
            })
        };
        vec![
            (i.method.to_string(), t.method(rules.method).to_string()),
            (t.level(Level::Silver).to_string(), threshold(Level::Silver)),
            (t.level(Level::Gold).to_string(), threshold(Level::Gold)),
        ]
    }

    /// The routes by which a person qualifies.
    fn people_settings(t: &Texts, set: &RuleSet<Levels>) -> Vec<(String, String)> {
        let (rules, i) = (&set.rules, &t.info);
        let routes: Vec<String> = set
            .scheme
            .qualifications
            .iter()
            .map(|q| {
                let all: Vec<String> = q.all_of.iter().map(|c| rules.label(c)).collect();
                let any: Vec<String> = q.any_of.iter().map(|c| rules.label(c)).collect();
                match (all.is_empty(), any.is_empty()) {
                    (false, true) => (i.all_of)(&t.join_and(&all)),
                    (true, false) => (i.one_of)(&any.join(", ")),
                    _ => (i.all_and_one_of)(&t.join_and(&all), &any.join(", ")),
                }
            })
            .collect();
        vec![(i.qualifies_with.to_string(), routes.join(i.or_route))]
    }

    fn history_cell(month: &MonthFigures) -> Cell<'static> {
        Cell::CountAt(month.entitlements, month.level)
    }

    fn json(
        _: &RuleSet<Levels>,
        p: &PartnerResult<Levels>,
        derived: &Derivation<Levels>,
        _: Option<&PartnerChange>,
    ) -> JsonStanding<NoFields> {
        let next = p.standing.next.as_ref();
        JsonStanding {
            next_level: next.map(|n| n.level),
            entitlements_short: next.map_or(0, |n| n.entitlements_short),
            people_short: next.map_or(0, |n| n.people_short),
            new_customers_short: next.map_or(0, |n| n.new_customers_short),
            at_risk: derived
                .advice
                .at_risk
                .as_ref()
                .map(super::words::at_risk_en),
            extra: NoFields {},
        }
    }
}
