//! A `Summary` column as a family lists it: its header, width, what it
//! shows for a partner, its total and its conditional format. The sheet
//! ([`super::sheets::summary`]) writes whatever columns the family gives.

use std::borrow::Cow;

use super::ReportData;
use super::layout::Layout;
use super::xlsx::Cell;
use crate::advice::{Derivation, Family};
use crate::evaluate::PartnerResult;
use crate::month::PartnerChange;
use crate::text::Texts;

/// One partner, as a Summary column sees it.
pub struct PartnerRow<'a, F: Family> {
    /// The whole report.
    pub(crate) data: &'a ReportData<'a, F>,
    /// Where its rows are.
    pub(crate) layout: &'a Layout,
    /// Its place among the evaluation's partners.
    pub(crate) index: usize,
    /// Its result.
    pub(crate) partner: &'a PartnerResult<F>,
    /// What is derived for it.
    pub(crate) derived: &'a Derivation<F>,
    /// Its change since the earlier report, if compared.
    pub(crate) change: Option<&'a PartnerChange>,
    /// The metric a per-metric column shows (index into the rules'
    /// metrics); 0 for the other columns.
    pub(crate) metric: usize,
}

impl<F: Family> PartnerRow<'_, F> {
    /// The words of the report's language.
    pub(crate) fn texts(&self) -> &'static Texts {
        self.data.texts()
    }
}

/// What a column's total row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Total {
    /// Nothing: the figures do not add up to anything.
    None,
    /// The sum, in the column's own number format.
    Sum,
}

/// A conditional format over a column's cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Highlight {
    /// None.
    None,
    /// A data bar from 0 % to 100 %.
    ProgressBar,
    /// Any text is a warning (Excel's "Neutral" style).
    Warning,
    /// Levels gained look good, levels lost look bad.
    LevelChange,
    /// A data bar for points, from 0 to the most the column can hold (a
    /// metric's weight, or the score's 100).
    Points(f64),
}

/// What a column shows for a partner.
pub(crate) type CellOf<F> = for<'a> fn(&PartnerRow<'a, F>) -> Cell<'a>;

/// One column of the Summary, for the rules in force.
pub struct SummaryColumn<F: Family> {
    /// Its header, in the report's language.
    pub(crate) header: Cow<'static, str>,
    /// Its widest width in characters; a column of short values narrows to
    /// them, a column of sentences keeps it and wraps.
    pub(crate) width: f64,
    /// What it shows for a partner.
    pub(crate) cell: CellOf<F>,
    /// The metric it shows, for a column repeated per metric.
    pub(crate) metric: usize,
    /// What its total row shows.
    pub(crate) total: Total,
    /// Its conditional format.
    pub(crate) highlight: Highlight,
}

impl<F: Family> SummaryColumn<F> {
    /// A column with no total and no conditional format.
    pub(crate) fn new(header: impl Into<Cow<'static, str>>, width: f64, cell: CellOf<F>) -> Self {
        SummaryColumn {
            header: header.into(),
            width,
            cell,
            metric: 0,
            total: Total::None,
            highlight: Highlight::None,
        }
    }

    /// The column with a total row that sums it.
    pub(crate) fn summed(self) -> Self {
        SummaryColumn {
            total: Total::Sum,
            ..self
        }
    }

    /// The column with a conditional format.
    pub(crate) fn highlighted(self, highlight: Highlight) -> Self {
        SummaryColumn { highlight, ..self }
    }

    /// The column showing metric `metric`.
    pub(crate) fn of_metric(self, metric: usize) -> Self {
        SummaryColumn { metric, ..self }
    }
}
