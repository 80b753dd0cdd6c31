//! The `Dashboard` sheet, first in the workbook: partners per level, active
//! users counted and not counted by reason (each a small table with a
//! chart), what each level needs (the legend of thresholds, stated once
//! here rather than on every Summary row) and the partners closest to
//! their next level, ranked by how far along they are.
//!
//! It is small whatever the input size, so it is an ordinary worksheet
//! (charts and tables need no constant-memory care).

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartPoint, ChartSolidFill, ChartType, Color, Workbook, Worksheet,
    XlsxError,
};

use crate::evaluate::{Exclusion, RowOutcome};
use crate::model::Level;
use crate::report::layout::Layout;
use crate::report::xlsx::formats;
use crate::report::xlsx::{
    Cell, Col, ExcelTable, Formats, add_excel_table, col, data_row_at, internal_link, set_lines,
    write_cell, write_row,
};
use crate::report::xlsx::{set_header_lines, wrapped_lines};
use crate::report::{Family, ReportData};

/// The closest partners' columns, which set the sheet's column widths
/// (the small tables above use the first few): the first also holds the
/// labels of the small tables, the last the cheapest route.
fn closest_columns<F: Family>(data: &ReportData<F>) -> Vec<Col<'static>> {
    F::closest_columns(data.texts(), data.rules())
}

/// Where the sections start (0-based rows).
const LEVELS_AT: u32 = 3;
const OUTCOMES_AT: u32 = 10;
pub(crate) const NEEDS_AT: u32 = 21;

/// Where the charts sit: right of the small tables, in pixels from column D.
const CHART_COLUMN: u16 = 3;
const CHART_GAP: u32 = 20;
const LEVELS_CHART: (u32, u32) = (400, 300);
const OUTCOMES_CHART: (u32, u32) = (520, 300);

/// Writes the `Dashboard` sheet.
pub(crate) fn write<F: Family>(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData<F>,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let name = t.sheets.dashboard;
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    formats.page.apply(sheet, None)?;
    let widths: Vec<f64> = closest_columns(data).iter().map(|c| c.width).collect();
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *width)?;
    }
    sheet.write_string_with_format(0, 0, data.title(), &formats.title)?;
    sheet.set_row_height(0, 24)?;

    let levels = levels_table(sheet, formats, data)?;
    let outcomes = outcomes_table(sheet, formats, data)?;
    let closest_at = F::dashboard_needs(sheet, formats, data, NEEDS_AT, &widths)? + 1;
    closest_table(sheet, formats, data, layout, closest_at)?;

    let mut chart = Chart::new(ChartType::Column);
    let colours = shown_levels(data).map(|l| match l {
        Level::Gold | Level::Qualified => 0xFFD966,
        Level::Silver => 0xBFBFBF,
        Level::None => 0xE7E6E6,
    });
    let points: Vec<ChartPoint> = colours
        .map(|rgb| {
            ChartPoint::new().set_format(
                ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(rgb))),
            )
        })
        .collect();
    chart
        .add_series()
        .set_categories((name, levels.0, 0, levels.1, 0))
        .set_values((name, levels.0, 1, levels.1, 1))
        .set_points(&points)
        .set_name(t.h.partners);
    chart.title().set_name(t.dashboard.per_level);
    chart.legend().set_hidden();
    // Partners are whole: no 0.5 on the axis.
    whole_numbers(chart.y_axis(), levels.2, t);
    chart.set_width(LEVELS_CHART.0).set_height(LEVELS_CHART.1);
    sheet.insert_chart(LEVELS_AT, CHART_COLUMN, &chart)?;

    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories((name, outcomes.0, 0, outcomes.1, 0))
        .set_values((name, outcomes.0, 2, outcomes.1, 2))
        .set_name(t.h.active_users);
    chart.title().set_name(t.dashboard.by_outcome);
    chart.legend().set_hidden();
    // A bar chart's values run along its x axis.
    whole_numbers(chart.x_axis(), outcomes.2, t);
    chart
        .set_width(OUTCOMES_CHART.0)
        .set_height(OUTCOMES_CHART.1);
    sheet.insert_chart_with_offset(
        LEVELS_AT,
        CHART_COLUMN,
        &chart,
        LEVELS_CHART.0 + CHART_GAP,
        0,
    )?;
    Ok(())
}

/// A value axis for counts: from 0, whole numbers with separators, and a
/// step of 1 while the largest count is small (Excel would step by 0.5).
fn whole_numbers(axis: &mut rust_xlsxwriter::ChartAxis, largest: u64, t: &crate::text::Texts) {
    axis.set_num_format(format!("{}#,##0", t.number_locale))
        .set_min(0);
    if largest <= 10 {
        axis.set_major_unit(1);
    }
}

/// Partners per level, Gold first; returns the data rows (first, last) and
/// the largest count.
fn levels_table<F: Family>(
    sheet: &mut Worksheet,
    formats: &Formats,
    data: &ReportData<F>,
) -> Result<(u32, u32, u64), XlsxError> {
    let t = data.texts();
    let partners = &data.evaluation.partners;
    sheet.write_string_with_format(LEVELS_AT, 0, t.dashboard.per_level, &formats.heading)?;
    let header = LEVELS_AT + 1;
    let counts: Vec<(Level, u64)> = shown_levels(data)
        .map(|l| (l, partners.iter().filter(|p| p.level() == l).count() as u64))
        .collect();
    let columns = [col(t.h.level, 0.0), col(t.h.partners, 0.0)];
    add_excel_table(
        sheet,
        formats,
        header,
        &columns,
        &ExcelTable {
            name: Some("Levels"),
            rows: counts.len(),
            total_label: Some(t.dashboard.total),
            sums: vec![(1, Cell::Count(partners.len() as u64))],
        },
    )?;
    for (i, (level, count)) in counts.iter().enumerate() {
        let row = header + 1 + i as u32;
        write_cell(
            sheet,
            formats,
            row,
            0,
            &Cell::Level(*level, t.level(*level)),
        )?;
        write_cell(sheet, formats, row, 1, &Cell::Count(*count))?;
    }
    let largest = counts.iter().map(|c| c.1).max().unwrap_or(0);
    Ok((header + 1, header + counts.len() as u32, largest))
}

/// The levels the Dashboard counts, highest first: Gold, Silver and None,
/// or Qualified and None.
fn shown_levels<F: Family>(data: &ReportData<F>) -> impl Iterator<Item = Level> + use<F> {
    let attainable = data.set.attainable_levels();
    attainable.iter().rev().copied().chain([Level::None])
}

/// Customer rows and active users by outcome; returns the data rows
/// (first, last) and the largest number of users.
fn outcomes_table<F: Family>(
    sheet: &mut Worksheet,
    formats: &Formats,
    data: &ReportData<F>,
) -> Result<(u32, u32, u64), XlsxError> {
    let t = data.texts();
    let d = &t.dashboard;
    sheet.write_string_with_format(OUTCOMES_AT, 0, d.by_outcome, &formats.heading)?;
    // Beside the charts: wrapped within the table's own three columns.
    let widths: Vec<f64> = closest_columns(data)
        .iter()
        .take(3)
        .map(|c| c.width)
        .collect();
    note(sheet, formats, OUTCOMES_AT + 1, d.by_outcome_note, &widths)?;
    let labels = [
        d.counted,
        d.not_paid,
        d.not_associated,
        d.workload_not_counted,
        d.duplicate,
        d.invalid,
    ];
    // (rows, active users) per label, in the labels' order.
    let mut totals = [(0u64, 0u64); 6];
    for (row, outcome) in data
        .inputs
        .rows
        .customers
        .iter()
        .zip(&data.evaluation.customer_outcomes)
    {
        let slot = match outcome {
            RowOutcome::Counted { .. } => 0,
            RowOutcome::Excluded(Exclusion::NotPaid(_)) => 1,
            RowOutcome::Excluded(Exclusion::NotAssociated(_)) => 2,
            RowOutcome::Excluded(Exclusion::WorkloadNotCounted) => 3,
            // An earlier (or later) snapshot of a customer's workload is the
            // same customer and workload listed again.
            RowOutcome::Excluded(
                Exclusion::Duplicate
                | Exclusion::EarlierSnapshot { .. }
                | Exclusion::SnapshotAfterAsOf(_),
            ) => 4,
            RowOutcome::Excluded(Exclusion::Invalid(_)) => 5,
        };
        totals[slot].0 += 1;
        totals[slot].1 += row.active_users.unwrap_or(0);
    }
    let header = OUTCOMES_AT + 2;
    let columns = [
        col(t.h.outcome, 0.0),
        col(t.h.rows, 0.0),
        col(t.h.active_users, 0.0),
    ];
    add_excel_table(
        sheet,
        formats,
        header,
        &columns,
        &ExcelTable {
            name: Some("Outcomes"),
            rows: labels.len(),
            total_label: Some(d.total),
            sums: vec![
                (1, Cell::Count(totals.iter().map(|t| t.0).sum())),
                (2, Cell::Count(totals.iter().map(|t| t.1).sum())),
            ],
        },
    )?;
    for (i, (label, (rows, users))) in labels.iter().zip(totals).enumerate() {
        let row = header + 1 + i as u32;
        write_cell(sheet, formats, row, 0, &Cell::from(*label))?;
        write_cell(sheet, formats, row, 1, &Cell::Count(rows))?;
        write_cell(sheet, formats, row, 2, &Cell::Count(users))?;
    }
    let largest = totals.iter().map(|t| t.1).max().unwrap_or(0);
    Ok((header + 1, header + labels.len() as u32, largest))
}

/// An Excel table without a total row, its header on `header` and as tall
/// as its longest header wraps to.
pub(crate) fn plain_table(
    sheet: &mut Worksheet,
    formats: &Formats,
    header: u32,
    columns: &[Col],
    name: &'static str,
    rows: usize,
) -> Result<(), XlsxError> {
    let spec = ExcelTable {
        name: Some(name),
        rows,
        ..ExcelTable::default()
    };
    add_excel_table(sheet, formats, header, columns, &spec)?;
    set_header_lines(sheet, header, columns)
}

/// A note under a heading, wrapped across the sheet's columns so that it
/// neither runs under a chart nor off the printed page.
pub(crate) fn note(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    text: &str,
    widths: &[f64],
) -> Result<(), XlsxError> {
    let last = widths.len().saturating_sub(1);
    let width: f64 = widths.iter().sum();
    set_lines(sheet, row, wrapped_lines(text, width))?;
    sheet.merge_range(row, 0, row, last as u16, text, &formats.wrapped_note)?;
    Ok(())
}

/// The partners closest to their next standing, furthest along first (the
/// ranking [`crate::advice::derive`] made).
fn closest_table<F: Family>(
    sheet: &mut Worksheet,
    formats: &Formats,
    data: &ReportData<F>,
    layout: &Layout,
    at: u32,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let partners = &data.evaluation.partners;
    let ranked = &data.derived.closest;
    let (heading, rule, nobody) = F::closest_words(t);
    sheet.write_string_with_format(at, 0, heading, &formats.heading)?;
    let columns = closest_columns(data);
    let widths: Vec<f64> = columns.iter().map(|c| c.width).collect();
    note(sheet, formats, at + 1, rule, &widths)?;
    if ranked.is_empty() {
        sheet.write_string(at + 2, 0, nobody)?;
        return Ok(());
    }
    let header = at + 2;
    plain_table(sheet, formats, header, &columns, "Closest", ranked.len())?;
    let rows = ranked.len() as u32;
    for (n, &(i, percent)) in ranked.iter().enumerate() {
        let p = &partners[i];
        let (summary, row) = data_row_at(t.sheets.summary, i);
        let level = p.level();
        let mut cells: Vec<Cell> = vec![
            Cell::from(p.name.as_deref()),
            Cell::Link {
                text: p.partner.as_str().into(),
                target: internal_link(&summary, row),
            },
            Cell::Level(level, t.level(level)),
        ];
        cells.extend(F::closest_cells(data, layout, i, percent));
        write_row(
            sheet,
            formats,
            header + 1 + n as u32,
            widths.iter().copied(),
            &cells,
        )?;
    }
    // The progress column's data bar.
    if let Some(progress) = columns.iter().position(|c| c.header == t.h.progress) {
        let progress = progress as u16;
        sheet.add_conditional_format(
            header + 1,
            progress,
            header + rows,
            progress,
            &formats::progress_bar(),
        )?;
    }
    Ok(())
}
