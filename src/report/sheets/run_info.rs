//! The `Run info` sheet: what this run read (every file and sheet, and how
//! it was read), by which rules, and notes about the run itself.

use rust_xlsxwriter::{Workbook, XlsxError};

use crate::input::{FileSummary, Inputs, PartnerOrigin, SheetSummary};
use crate::report::xlsx::{Cell, Col, Formats, col, write_table};
use crate::report::{Family, ReportData};
use crate::text::Texts;

/// The sheet's columns: a setting's name and value use the first and the
/// last; an input sheet's row uses them all.
pub(crate) fn columns(t: &Texts) -> [Col<'static>; 7] {
    let h = &t.h;
    [
        col(h.item, 26.0),
        col(h.sheet, 18.0),
        col(h.read_as, 12.0),
        col(h.header_row, 8.0),
        col(h.rows, 10.0),
        col(h.rows_without_partner, 10.0),
        col(h.value_status, 70.0),
    ]
}

/// A setting's row: its name, and its value in the last column.
pub(crate) fn setting(name: impl Into<Cell<'static>>, value: String) -> Vec<Cell<'static>> {
    vec![
        name.into(),
        Cell::Blank,
        Cell::Blank,
        Cell::Blank,
        Cell::Blank,
        Cell::Blank,
        Cell::Wrapped(value.into()),
    ]
}

/// A count's row: a number, in the value column like the other settings.
pub(crate) fn count(name: &'static str, n: usize) -> Vec<Cell<'static>> {
    let mut row = setting(name, String::new());
    row[6] = Cell::Figure(n as u64);
    row
}

/// The first rows: the tool, the as-of date and when the report was made.
pub(crate) fn head_rows(t: &Texts, as_of: chrono::NaiveDate) -> Vec<Vec<Cell<'static>>> {
    let i = &t.info;
    vec![
        setting(
            i.tool,
            format!("competency-report {}", env!("CARGO_PKG_VERSION")),
        ),
        setting(i.as_of, as_of.format("%Y-%m-%d").to_string()),
        setting(
            i.generated,
            chrono::Local::now()
                .format("%Y-%m-%d %H:%M:%S %z")
                .to_string(),
        ),
    ]
}

/// The rules in force: their file, the competency, how the family scores,
/// what counts and who counts as a qualified person.
pub(crate) fn rules_rows<F: Family>(data: &ReportData<F>) -> Vec<Vec<Cell<'static>>> {
    let t = data.texts();
    let i = &t.info;
    let rules = data.rules();
    let mut rows = vec![
        setting(i.rules_file, t.rules_origin(data.rules_origin)),
        setting(
            i.competency,
            format!("{} ({})", rules.competency.name, rules.competency.option),
        ),
        setting(i.source, rules.competency.source.clone()),
    ];
    // How the family scores: a competency's method and levels, a
    // designation's score and metrics.
    let named = |(name, value): (String, String)| setting(Cell::Text(name.into()), value);
    rows.extend(F::scheme_settings(t, data.set).into_iter().map(named));
    let listed = |items: Vec<String>| items.join(", ");
    rows.extend([
        setting(
            i.counted_workloads,
            listed(rules.workloads.iter().map(|w| w.to_string()).collect()),
        ),
        setting(
            i.counted_associations,
            listed(
                rules
                    .associations
                    .iter()
                    .map(|a| t.association(*a).to_string())
                    .collect(),
            ),
        ),
        setting(
            i.counted_skus,
            listed(rules.skus.iter().map(|s| t.sku(*s).to_string()).collect()),
        ),
    ]);
    rows.extend(F::people_settings(t, data.set).into_iter().map(named));
    rows.push(setting(
        i.emerging_markets,
        (i.emerging_count)(rules.emerging_countries.len()),
    ));
    rows
}

/// The language rows and the notes, after the counts.
pub(crate) fn language_rows(t: &Texts, notes: &[String]) -> Vec<Vec<Cell<'static>>> {
    let i = &t.info;
    let mut rows = vec![
        setting(i.language, t.language_name.to_string()),
        setting(i.problems_language, i.problems_language_value.to_string()),
        vec![Cell::Blank],
    ];
    rows.extend(notes.iter().map(|note| setting(i.note, note.clone())));
    rows
}

/// Every input file and sheet, how it was read, and every file skipped.
pub(crate) fn input_rows<'a>(t: &Texts, inputs: &'a Inputs) -> Vec<Vec<Cell<'a>>> {
    let i = &t.info;
    let mut rows = Vec::new();
    for file in &inputs.files {
        if let Some(error) = &file.error {
            rows.push(vec![
                Cell::from(file.shown.as_str()),
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
                Cell::Blank,
                Cell::Wrapped((i.not_read)(&crate::text::for_cell(&error.to_string())).into()),
            ]);
        }
        for sheet in &file.sheets {
            rows.push(vec![
                Cell::from(file.shown.as_str()),
                Cell::from(sheet.name.as_str()),
                Cell::from(sheet.kind.map(|k| t.sheet_kind(k))),
                sheet.header_row.map_or(Cell::Blank, Cell::from),
                Cell::Count(sheet.rows),
                Cell::Count(sheet.rows_without_partner),
                Cell::Wrapped(sheet_status(t, file, sheet).into()),
            ]);
        }
    }
    for skipped in &inputs.skipped {
        rows.push(vec![
            Cell::from(skipped.shown.as_str()),
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Blank,
            Cell::Wrapped((i.skipped)(&skipped.reason.to_string()).into()),
        ]);
    }
    rows
}

/// Writes the `Run info` sheet: settings first, then every input file and sheet.
pub(crate) fn write<F: Family>(
    workbook: &mut Workbook,
    formats: &Formats,
    data: &ReportData<F>,
) -> Result<(), XlsxError> {
    let t = data.texts();
    let i = &t.info;
    let mut rows: Vec<Vec<Cell>> = head_rows(t, data.as_of);
    rows.extend(rules_rows(data));
    rows.extend([
        count(i.partners, data.evaluation.partners.len()),
        count(i.problems, data.problems.len()),
    ]);
    rows.extend(language_rows(t, data.notes));
    rows.extend(input_rows(t, data.inputs));
    write_table(workbook, formats, t.sheets.run_info, &columns(t), rows)?;
    Ok(())
}

/// A sheet's status, with how a text file was read, where the partner of a
/// sheet without a Partner ID column came from, and where its rows'
/// association came from.
fn sheet_status(t: &Texts, file: &FileSummary, sheet: &SheetSummary) -> String {
    let i = &t.info;
    let mut parts = vec![t.sheet_status(&sheet.status)];
    if let Some(text) = &file.text {
        parts.push((i.text_file)(text.encoding.name(), &text.delimiter_shown()));
    }
    if let Some(a) = &sheet.partner {
        let partner = a.partner.as_str();
        parts.push(match &a.origin {
            PartnerOrigin::Given => (i.partner_given)(partner),
            PartnerOrigin::Folder(folder) => (i.partner_from_folder)(partner, folder),
            PartnerOrigin::FileName => (i.partner_from_file_name)(partner),
        });
    }
    if sheet.association_from_channel {
        parts.push(i.association_from_channel.to_string());
    }
    parts.join("; ")
}
