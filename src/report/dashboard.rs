//! The `Dashboard` sheet, first in the workbook: partners per level, active
//! users counted and not counted by reason (each a small table with a chart)
//! and the partners closest to their next level.
//!
//! It is small whatever the input size, so it is an ordinary worksheet
//! (charts and tables need no constant-memory care).

use rust_xlsxwriter::{
    Chart, ChartFormat, ChartPoint, ChartSolidFill, ChartType, Color, Workbook, Worksheet,
    XlsxError,
};

use super::ReportData;
use super::layout::Layout;
use super::summary::{next_level_cells, route_cell};
use super::table::{
    Cell, Col, ExcelTable, Formats, add_excel_table, col, data_row_at, fit_row_height,
    internal_link, print_setup, write_cell,
};
use crate::advice;
use crate::evaluate::{Exclusion, RowOutcome};
use crate::model::Level;

/// How many partners the "closest to the next level" table lists.
pub const CLOSEST: usize = 20;

/// Column widths (characters): labels, then the closest partners' columns.
const WIDTHS: [f64; 8] = [28.0, 12.0, 14.0, 12.0, 13.0, 11.0, 10.0, 70.0];

/// Where the sections start (0-based rows).
const LEVELS_AT: u32 = 3;
const OUTCOMES_AT: u32 = 10;
const CLOSEST_AT: u32 = 21;

/// Writes the `Dashboard` sheet.
pub fn write(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let name = t.sheets.dashboard;
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    print_setup(sheet)?;
    for (c, width) in WIDTHS.into_iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }
    let title = (t.dashboard.title)(
        &data.rules.competency.name,
        &data.as_of.format("%Y-%m-%d").to_string(),
    );
    sheet.write_string_with_format(0, 0, title, &formats.title)?;
    sheet.set_row_height(0, 24)?;

    let levels = levels_table(sheet, formats, data)?;
    let outcomes = outcomes_table(sheet, formats, data)?;
    closest_table(sheet, formats, data, layout)?;

    let mut chart = Chart::new(ChartType::Column);
    let colours = [0xFFD966, 0xBFBFBF, 0xE7E6E6];
    let points: Vec<ChartPoint> = colours
        .iter()
        .map(|rgb| {
            ChartPoint::new().set_format(
                ChartFormat::new()
                    .set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(*rgb))),
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
    chart.set_width(430).set_height(300);
    sheet.insert_chart(LEVELS_AT, 3, &chart)?;

    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories((name, outcomes.0, 0, outcomes.1, 0))
        .set_values((name, outcomes.0, 2, outcomes.1, 2))
        .set_name(t.h.active_users);
    chart.title().set_name(t.dashboard.by_outcome);
    chart.legend().set_hidden();
    chart.set_width(520).set_height(300);
    sheet.insert_chart_with_offset(LEVELS_AT, 7, &chart, 60, 0)?;
    Ok(())
}

/// Partners per level, Gold first; returns the data rows (first, last).
fn levels_table(
    sheet: &mut Worksheet,
    formats: &Formats,
    data: &ReportData,
) -> Result<(u32, u32), XlsxError> {
    let t = data.texts();
    let partners = &data.evaluation.partners;
    sheet.write_string_with_format(LEVELS_AT, 0, t.dashboard.per_level, &formats.heading)?;
    let header = LEVELS_AT + 1;
    let counts: Vec<(Level, u64)> = [Level::Gold, Level::Silver, Level::None]
        .into_iter()
        .map(|l| (l, partners.iter().filter(|p| p.level == l).count() as u64))
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
            sums: vec![(1, partners.len() as u64)],
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
    Ok((header + 1, header + counts.len() as u32))
}

/// Customer rows and active users by outcome; returns the data rows (first, last).
fn outcomes_table(
    sheet: &mut Worksheet,
    formats: &Formats,
    data: &ReportData,
) -> Result<(u32, u32), XlsxError> {
    let t = data.texts();
    let d = &t.dashboard;
    sheet.write_string_with_format(OUTCOMES_AT, 0, d.by_outcome, &formats.heading)?;
    sheet.write_string_with_format(OUTCOMES_AT + 1, 0, d.by_outcome_note, &formats.note)?;
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
                (1, totals.iter().map(|t| t.0).sum()),
                (2, totals.iter().map(|t| t.1).sum()),
            ],
        },
    )?;
    for (i, (label, (rows, users))) in labels.iter().zip(totals).enumerate() {
        let row = header + 1 + i as u32;
        write_cell(sheet, formats, row, 0, &Cell::from(*label))?;
        write_cell(sheet, formats, row, 1, &Cell::Count(rows))?;
        write_cell(sheet, formats, row, 2, &Cell::Count(users))?;
    }
    Ok((header + 1, header + labels.len() as u32))
}

/// The partners closest to their next level, by [`advice::distance`].
fn closest_table(
    sheet: &mut Worksheet,
    formats: &Formats,
    data: &ReportData,
    layout: &Layout,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let h = &t.h;
    let rules = data.rules;
    let partners = &data.evaluation.partners;
    let ranked = advice::closest(data.evaluation, rules, CLOSEST);
    sheet.write_string_with_format(
        CLOSEST_AT,
        0,
        (t.dashboard.closest)(CLOSEST),
        &formats.heading,
    )?;
    sheet.write_string_with_format(CLOSEST_AT + 1, 0, t.dashboard.closest_rule, &formats.note)?;
    if ranked.is_empty() {
        sheet.write_string(CLOSEST_AT + 2, 0, t.dashboard.nobody_below_top)?;
        return Ok(());
    }
    let columns: [Col; 8] = [
        col(h.partner_name, 0.0),
        col(h.partner_id, 0.0),
        col(h.level, 0.0),
        col(h.next_level, 0.0),
        col(h.entitlements_short, 0.0),
        col(h.people_short, 0.0),
        col(h.distance, 0.0),
        col(h.cheapest_route, 0.0),
    ];
    let header = CLOSEST_AT + 2;
    sheet.set_row_height(header, 30)?;
    add_excel_table(
        sheet,
        formats,
        header,
        &columns,
        &ExcelTable {
            name: Some("Closest"),
            rows: ranked.len(),
            ..ExcelTable::default()
        },
    )?;
    for (n, (i, distance)) in ranked.into_iter().enumerate() {
        let p = &partners[i];
        let (summary, row) = data_row_at(t.sheets.summary, i);
        let cells: Vec<Cell> = [
            Cell::from(p.name.as_deref()),
            Cell::Link {
                text: p.partner.as_str().into(),
                target: internal_link(&summary, row),
            },
            Cell::Level(p.level, t.level(p.level)),
        ]
        .into_iter()
        .chain(next_level_cells(p, t))
        .chain([Cell::Decimal(distance), route_cell(layout, i, data)])
        .collect();
        let row = header + 1 + n as u32;
        fit_row_height(sheet, row, WIDTHS, &cells)?;
        for (c, cell) in cells.iter().enumerate() {
            write_cell(sheet, formats, row, c as u16, cell)?;
        }
    }
    Ok(())
}
