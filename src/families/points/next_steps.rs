//! A scored designation's `Next Steps` sheet: for each partner that does not
//! qualify, one row per step of its cheapest route to a qualifying score
//! (the route the Summary puts in words): the metric, what to do,
//! the points it adds and the score once it and the steps before it are
//! taken. A metric below the per-metric minimum says that it blocks
//! qualification whatever the total; a metric whose figure is not exact
//! says what stood in and what to drop. A qualifying partner has no rows: the advice has no
//! notion of a designation at risk.

use std::borrow::Cow;

use rust_xlsxwriter::{Workbook, XlsxError};

use super::Scored;
use super::route::Route;
use crate::evaluate::PartnerResult;
use crate::model::points_value;
use crate::report::ReportData;
use crate::report::xlsx::{Cell, Col, Formats, col, data_row_at, internal_link, write_table};

/// The width of the column of what to do, in characters.
const WHAT_WIDTH: f64 = 40.0;

/// What a step asks for: wrapped where it would run past its column (a
/// step naming workloads at tenants), as it is otherwise.
fn what_cell<'a>(words: String) -> Cell<'a> {
    if words.chars().count() as f64 > WHAT_WIDTH {
        Cell::Wrapped(words.into())
    } else {
        Cell::from(words)
    }
}

/// Writes the `Next Steps` sheet for a scored rule set.
pub(crate) fn write<F: Scored>(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData<F>,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let h = &t.h;
    let pt = &t.points;
    // Text first, the figures of the ledger last (score now, points added,
    // score after): a number set right never runs into the words after it.
    let columns: [Col; 10] = [
        col(h.partner_id, 12.0),
        col(h.partner_name, 26.0),
        col(pt.path_header, 12.0),
        col(pt.metric_header, 26.0),
        col(pt.figure_now_header, 18.0),
        col(h.what_to_do, WHAT_WIDTH),
        col(pt.note_header, 60.0),
        col(pt.score_now_header, 13.0),
        col(pt.points_added_header, 14.0),
        col(pt.score_after_header, 15.0),
    ];
    let rows = data
        .partners()
        .enumerate()
        .filter(|(_, (p, _))| !F::scored(&p.standing).qualified())
        .flat_map(|(i, (p, d))| partner_rows(data, i, p, F::route(&d.advice)));
    write_table(workbook, formats, t.sheets.next_steps, &columns, rows)?;
    Ok(())
}

/// The rows of one partner that does not qualify.
fn partner_rows<'a, F: Scored>(
    data: &'a ReportData<F>,
    index: usize,
    p: &'a PartnerResult<F>,
    route: Option<&Route>,
) -> Vec<Vec<Cell<'a>>> {
    let t = data.texts();
    let scheme = &data.set.scheme;
    let scoring = F::scoring(scheme);
    let score = F::scored(&p.standing);
    let (summary, summary_row) = data_row_at(t.sheets.summary, index);
    // The route's path, else the path that counts.
    let path = route.map_or(score.best, |r| r.path);
    let now = score.paths[path].total;
    // The figure a step raises: the one of the step's association group
    // (which may not be the one earning most now).
    let figure = |m: usize, group: Option<Option<usize>>| {
        let ms = &score.paths[path].metrics[m];
        let f = group
            .and_then(|g| ms.figures.iter().find(|f| f.group == g))
            .unwrap_or(ms.figure());
        Cell::from(F::figure_words(t, scheme, m, f))
    };
    let lead = |metric: Option<(usize, Option<Option<usize>>)>| {
        vec![
            Cell::Link {
                text: p.partner.as_str().into(),
                target: internal_link(&summary, summary_row),
            },
            Cell::from(p.name.as_deref()),
            Cell::from(t.path_name(&scoring.paths[path])),
            metric.map_or(Cell::Blank, |(m, _)| {
                Cell::from(t.metric_name(&scoring.metrics[m]))
            }),
            metric.map_or(Cell::Blank, |(m, group)| figure(m, group)),
        ]
    };
    let now_cell = || Cell::Points(points_value(now));
    // What to say beside a metric: it blocks qualification, the inputs
    // cannot measure it, or both.
    let note = |m: usize| -> Option<String> {
        let ms = &score.paths[path].metrics[m];
        let blocks = (ms.points() < scoring.metric_minimum)
            .then(|| (t.points.blocks)(&t.points(ms.points()), &t.points(scoring.metric_minimum)));
        let inexact = t.inexact_notes(score, scoring, path, &|i| i == m);
        let notes: Vec<String> = blocks.into_iter().chain(inexact).collect();
        (!notes.is_empty()).then(|| notes.join("; "))
    };
    // What the family asks for besides the route (worth no points of its
    // own), each beside what is said of its metric.
    let others = F::other_steps(t, scheme, &p.standing);
    let other_rows = |out: &mut Vec<Vec<Cell<'a>>>| {
        for (metric, words) in &others {
            let mut row = lead(metric.map(|m| (m, None)));
            row.extend([
                Cell::Wrapped(words.clone().into()),
                metric
                    .and_then(note)
                    .map_or(Cell::Blank, |n| Cell::Wrapped(n.into())),
                now_cell(),
            ]);
            out.push(row);
        }
    };
    let said = |m: usize| others.iter().any(|(o, _)| *o == Some(m));
    let mut out = Vec::new();
    let Some(route) = route else {
        let mut row = lead(None);
        row.extend([
            Cell::Wrapped(Cow::Owned((t.points.out_of_reach)(
                &t.points(scoring.qualifying),
            ))),
            Cell::Blank,
            now_cell(),
        ]);
        out.push(row);
        other_rows(&mut out);
        // Still say which metrics block and what the inputs lack.
        for m in (0..scoring.metrics.len()).filter(|m| !said(*m)) {
            if let Some(n) = note(m) {
                let mut row = lead(Some((m, None)));
                row.extend([Cell::Blank, Cell::Wrapped(n.into()), now_cell()]);
                out.push(row);
            }
        }
        return out;
    };
    let mut after = now;
    for step in &route.steps {
        after += step.points;
        let mut row = lead(Some((step.metric, Some(step.group))));
        row.extend([
            what_cell(F::step_more(t, scheme, &p.standing, step)),
            note(step.metric).map_or(Cell::Blank, |n| Cell::Wrapped(n.into())),
            now_cell(),
            Cell::Points(points_value(step.points)),
            Cell::Points(points_value(after)),
        ]);
        out.push(row);
    }
    other_rows(&mut out);
    // A metric the inputs cannot measure that the route does not touch
    // still needs saying: its points may be worth more than the route's.
    for m in 0..scoring.metrics.len() {
        if said(m) || route.steps.iter().any(|s| s.metric == m) {
            continue;
        }
        if let Some(n) = note(m) {
            let mut row = lead(Some((m, None)));
            row.extend([Cell::Blank, Cell::Wrapped(n.into()), now_cell()]);
            out.push(row);
        }
    }
    out
}
