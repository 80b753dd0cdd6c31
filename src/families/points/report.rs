//! How a designation shows in the report: the family's answers to
//! [`report::Family`], each delegating to the room that holds it.

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::json::{self, PointsJson};
use super::{Points, dashboard, details, next_steps, summary, tenants};
use crate::advice::{CLOSEST, Derivation};
use crate::evaluate::PartnerResult;
use crate::model::{Level, points_value};
use crate::month::{MonthFigures, PartnerChange};
use crate::report::columns::SummaryColumn;
use crate::report::family::JsonStanding;
use crate::report::layout::Layout;
use crate::report::xlsx::{Cell, Col, Formats, SplicedRows, XfIndices};
use crate::report::{self, ReportData};
use crate::rules::{RuleSet, Rules};
use crate::text::Texts;

impl report::Family for Points {
    type Json = PointsJson;

    fn report_title(t: &Texts, name: &str, as_of: &str) -> String {
        scored_title(t, name, as_of)
    }

    fn level_word(t: &Texts, level: Level) -> &'static str {
        scored_level_word(t, level)
    }

    fn summary_columns(data: &ReportData<Points>) -> Vec<SummaryColumn<Points>> {
        summary::columns(data)
    }

    fn details_columns(data: &ReportData<Points>) -> Vec<SummaryColumn<Points>> {
        details::points_columns(data)
    }

    /// "needs 1 more advanced certification (+15) to qualify on the SMB
    /// path (86.5 points)"; nothing once qualified.
    fn route_words(
        t: &Texts,
        set: &RuleSet<Points>,
        derived: &Derivation<Points>,
    ) -> Option<String> {
        let route = derived.advice.as_ref()?;
        let scoring = &set.scheme;
        Some((t.points.needs)(
            &t.route_steps(route, scoring),
            t.path_name(&scoring.paths[route.path]),
            &t.points(route.reaches),
        ))
    }

    fn write_evidence_spliced(
        workbook: &mut Workbook,
        formats: &Formats,
        xf: &XfIndices,
        data: &ReportData<Points>,
        layout: &Layout,
    ) -> Result<Vec<SplicedRows>, XlsxError> {
        tenants::write(workbook, formats, xf, data, layout)
    }

    fn evidence_rows(partner: &PartnerResult<Points>) -> usize {
        partner.standing.tenant_lines
    }

    /// "qualifies with 82 points on the SMB path", or the cheapest route,
    /// then what the inputs lack to measure a metric.
    fn action(
        t: &Texts,
        set: &RuleSet<Points>,
        partner: &PartnerResult<Points>,
        derived: &Derivation<Points>,
    ) -> String {
        t.points_action(&partner.standing, derived.advice.as_ref(), &set.scheme)
    }

    fn dashboard_needs(
        sheet: &mut Worksheet,
        formats: &Formats,
        data: &ReportData<Points>,
        at: u32,
        widths: &[f64],
    ) -> Result<u32, XlsxError> {
        dashboard::needs_table(sheet, formats, data, at, widths)
    }

    fn closest_columns(t: &Texts, _: &Rules) -> Vec<Col<'static>> {
        dashboard::closest_columns(t)
    }

    fn closest_words(t: &Texts) -> (String, &'static str, &'static str) {
        scored_closest_words(t)
    }

    fn closest_cells<'a>(
        data: &'a ReportData<Points>,
        _: &Layout,
        index: usize,
        percent: u8,
    ) -> Vec<Cell<'a>> {
        dashboard::closest_cells(data, index, percent)
    }

    fn write_next_steps(
        workbook: &mut Workbook,
        formats: &Formats,
        data: &ReportData<Points>,
        _: &Layout,
    ) -> Result<(), XlsxError> {
        next_steps::write(workbook, formats, data)
    }

    /// The score and each metric, in place of a competency's method,
    /// levels and qualification routes.
    fn scheme_settings(t: &Texts, set: &RuleSet<Points>) -> Vec<(String, String)> {
        t.scoring_settings(&set.scheme)
    }

    fn history_cell(month: &MonthFigures) -> Cell<'static> {
        scored_history_cell(month)
    }

    fn json(
        set: &RuleSet<Points>,
        partner: &PartnerResult<Points>,
        derived: &Derivation<Points>,
        change: Option<&PartnerChange>,
    ) -> JsonStanding<PointsJson> {
        json::json(set, partner, derived, change)
    }
}

// What every points-scored designation shows alike, whatever its figures
// are made from: the report's title, its level words, the Dashboard's
// closest-partners words and the History cell.

/// The report's title: "Solutions Partner for ... report, as of ...".
pub(crate) fn scored_title(t: &Texts, name: &str, as_of: &str) -> String {
    (t.points.title)(name, as_of)
}

/// The answers to [`report::Family`] that every designation scored from
/// downloads other than customer lists (Azure consumed revenue, Security,
/// Business Applications) gives alike: the points family's title, level
/// words, Summary, Next Steps and Dashboard (no needs table; the closest
/// partners by progress), with the family's own Partner Details columns
/// (`$details`), action words (`$action`, given the scheme, the standing
/// and the advice) and JSON fields (`$json`, given the rule set, the partner
/// and its change). Used inside the family's `impl report::Family`, which
/// adds its Run info settings.
macro_rules! scored_from_downloads {
    ($family:ty, $details:path, $action:path, $json:path) => {
        fn report_title(t: &$crate::text::Texts, name: &str, as_of: &str) -> String {
            $crate::families::points::report::scored_title(t, name, as_of)
        }

        fn level_word(t: &$crate::text::Texts, level: $crate::model::Level) -> &'static str {
            $crate::families::points::report::scored_level_word(t, level)
        }

        fn summary_columns(
            data: &$crate::report::ReportData<$family>,
        ) -> Vec<$crate::report::columns::SummaryColumn<$family>> {
            $crate::families::points::summary::columns(data)
        }

        fn details_columns(
            data: &$crate::report::ReportData<$family>,
        ) -> Vec<$crate::report::columns::SummaryColumn<$family>> {
            $details(data)
        }

        fn action(
            t: &$crate::text::Texts,
            set: &$crate::rules::RuleSet<$family>,
            p: &$crate::evaluate::PartnerResult<$family>,
            d: &$crate::advice::Derivation<$family>,
        ) -> String {
            $action(t, &set.scheme, &p.standing, d.advice.as_ref())
        }

        fn dashboard_needs(
            _: &mut rust_xlsxwriter::Worksheet,
            _: &$crate::report::xlsx::Formats,
            _: &$crate::report::ReportData<$family>,
            at: u32,
            _: &[f64],
        ) -> Result<u32, rust_xlsxwriter::XlsxError> {
            Ok(at)
        }

        fn closest_columns(
            t: &$crate::text::Texts,
            _: &$crate::rules::Rules,
        ) -> Vec<$crate::report::xlsx::Col<'static>> {
            $crate::families::points::report::scored_download_closest_columns(t)
        }

        fn closest_words(t: &$crate::text::Texts) -> (String, &'static str, &'static str) {
            $crate::families::points::report::scored_closest_words(t)
        }

        fn closest_cells<'a>(
            _: &'a $crate::report::ReportData<$family>,
            _: &$crate::report::layout::Layout,
            _: usize,
            percent: u8,
        ) -> Vec<$crate::report::xlsx::Cell<'a>> {
            vec![$crate::report::xlsx::Cell::Percent(percent)]
        }

        /// One row per step of the route (and per step besides it) of each
        /// partner that does not qualify, as the points family's.
        fn write_next_steps(
            workbook: &mut rust_xlsxwriter::Workbook,
            formats: &$crate::report::xlsx::Formats,
            data: &$crate::report::ReportData<$family>,
            _: &$crate::report::layout::Layout,
        ) -> Result<(), rust_xlsxwriter::XlsxError> {
            $crate::families::points::next_steps::write(workbook, formats, data)
        }

        fn history_cell(
            month: &$crate::month::MonthFigures,
        ) -> $crate::report::xlsx::Cell<'static> {
            $crate::families::points::report::scored_history_cell(month)
        }

        fn json(
            set: &$crate::rules::RuleSet<$family>,
            p: &$crate::evaluate::PartnerResult<$family>,
            _: &$crate::advice::Derivation<$family>,
            change: Option<&$crate::month::PartnerChange>,
        ) -> $crate::report::family::JsonStanding<<$family as $crate::report::Family>::Json> {
            $json(set, p, change)
        }
    };
}
pub(crate) use scored_from_downloads;

/// "Qualified" or "Not qualified".
pub(crate) fn scored_level_word(t: &Texts, level: Level) -> &'static str {
    match level {
        Level::None => t.points.not_qualified,
        _ => t.level(level),
    }
}

/// The Dashboard's closest-partners heading, rule and empty note.
pub(crate) fn scored_closest_words(t: &Texts) -> (String, &'static str, &'static str) {
    (
        (t.points.closest)(CLOSEST),
        t.points.closest_rule,
        t.points.nobody_below,
    )
}

/// The Dashboard's closest-partners columns of a designation scored from
/// downloads other than customer lists (no workload to show): name, id,
/// level, progress.
pub(crate) fn scored_download_closest_columns(t: &Texts) -> Vec<Col<'static>> {
    vec![
        crate::report::xlsx::col(t.h.partner_name, 28.0),
        crate::report::xlsx::col(t.h.partner_id, 12.0),
        crate::report::xlsx::col(t.h.level, 13.0),
        crate::report::xlsx::col(t.h.progress, 11.0),
    ]
}

/// "Qualified" when the path that counts qualifies, else none.
pub(crate) fn scored_level(score: &super::Score) -> Level {
    if score.qualified() {
        Level::Qualified
    } else {
        Level::None
    }
}

/// The score of the month, in its level's colour; blank for a month
/// stored without a score.
pub(crate) fn scored_history_cell(month: &MonthFigures) -> Cell<'static> {
    month.score.map_or(Cell::Blank, |s| {
        Cell::PointsAt(points_value(s), month.level)
    })
}
