//! The paged table writer's tests: pages, sheets made ready, and rows made
//! apart against the same rows written by rust_xlsxwriter.

use super::*;
use crate::report::xlsx::col;

#[test]
fn a_table_takes_one_sheet_per_excel_page_and_at_least_one() {
    assert_eq!(pages_for(0), 1);
    assert_eq!(pages_for(MAX_ROW as usize), 1);
    assert_eq!(pages_for(MAX_ROW as usize + 1), 2);
}

/// Every part of a saved workbook, inflated, by name.
fn parts(bytes: Vec<u8>) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).expect("a part");
            let mut data = Vec::new();
            part.read_to_end(&mut data).expect("inflates");
            (part.name().expect("a name").into_owned(), data)
        })
        .collect()
}

/// Rows of every kind of plain cell, with text that needs escaping.
fn varied_row(i: usize) -> Vec<Cell<'static>> {
    use crate::model::Level;
    let levels = [Level::None, Level::Silver, Level::Gold, Level::Qualified];
    let text = match i % 7 {
        0 => " leading space".to_string(),
        1 => "a & b < c > d".to_string(),
        2 => format!("_x00{:02X}_ bell{}", i % 256, '\u{7}'),
        3 => String::new(),
        4 => "x".repeat(40_000),
        5 => format!("Kunde Nr. {i} – Zürich"),
        _ => format!("row {i}\t"),
    };
    vec![
        Cell::Text(text.into()),
        Cell::Count(i as u64 * 1_001),
        if i.is_multiple_of(3) {
            Cell::Blank
        } else {
            Cell::RightText(format!("{i} of 5").into())
        },
        Cell::Date(
            chrono::NaiveDate::from_ymd_opt(2017, 1 + (i % 12) as u32, 1 + (i % 28) as u32)
                .unwrap(),
        ),
        Cell::Points(i as f64 / 8.0),
        Cell::Percent((i % 101) as u8),
        Cell::Figure(i as u64),
        Cell::Delta(i as i64 - 500),
        Cell::PointsDelta(-(i as f64) / 3.0),
        Cell::Level(levels[i % 4], "Gold"),
        Cell::CountAt(i as u64, levels[(i + 1) % 4]),
        Cell::PointsAt(70.5 + i as f64, levels[(i + 2) % 4]),
        Cell::from(if i.is_multiple_of(2) { "Yes" } else { "No" }),
        // Some rows made tall by wrapped text (up to the most lines a
        // row is made for), some wrapped but one line, some blank.
        match i % 4 {
            0 => Cell::Wrapped(format!("{i}: {}", "a sentence to wrap; ".repeat(i % 40)).into()),
            1 => Cell::Wrapped("short".into()),
            2 => Cell::Wrapped(String::new().into()),
            _ => Cell::Blank,
        },
        Cell::Share((i % 1000) as f64 / 999.0),
    ]
}

#[test]
fn rows_made_apart_give_the_sheet_rust_xlsxwriter_writes() {
    let columns: Vec<Col> = [
        "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
    ]
    .into_iter()
    .map(|c| col(c, 30.0))
    .collect();
    // The last row one line tall, then made taller (which
    // rust_xlsxwriter writes twice, the second time empty).
    for count in [123, 125].map(|n| super::super::rows_xml::CHUNK_ROWS * 2 + n) {
        same_sheet_both_ways(&columns, count);
    }
}

fn same_sheet_both_ways(columns: &[Col], count: usize) {
    let formats = Formats::new();
    let saved = |spliced: bool| {
        let mut workbook = Workbook::new();
        let xf = formats.register(&mut workbook);
        let mut ready = ReadySheets::new(&mut workbook, 1).expect("a sheet");
        let rows = if spliced {
            write_table_spliced(
                &mut ready,
                &formats,
                &xf,
                "Data",
                columns,
                count,
                |i, _: &mut ()| varied_row(i),
            )
            .expect("writes")
        } else {
            write_table(
                &mut ready,
                &formats,
                "Data",
                columns,
                (0..count).map(varied_row),
            )
            .expect("writes");
            Vec::new()
        };
        ready.push_into(&mut workbook);
        let mut built = super::super::package::BuiltWorkbook {
            workbook,
            spliced: rows,
        };
        parts(built.save_to_buffer().expect("saves"))
    };
    let (plain, spliced) = (saved(false), saved(true));
    assert_eq!(
        plain.keys().collect::<Vec<_>>(),
        spliced.keys().collect::<Vec<_>>()
    );
    for (name, data) in &plain {
        if name.starts_with("docProps/") {
            continue; // the time it was saved
        }
        assert!(
            *data == spliced[name],
            "{name} differs:\n{}\n---\n{}",
            String::from_utf8_lossy(&data[..data.len().min(3000)]),
            String::from_utf8_lossy(&spliced[name][..spliced[name].len().min(3000)])
        );
    }
    let sheet = String::from_utf8_lossy(&plain["xl/worksheets/sheet1.xml"]);
    assert!(
        sheet.contains(&format!("<row r=\"{}\"", count + 1)),
        "every row is there"
    );
    assert!(sheet.contains("customHeight"), "tall rows are there");
    if count % 4 == 1 {
        assert!(
            sheet.contains("customHeight=\"1\"/></sheetData>"),
            "the tall last row, written again"
        );
    }
}

#[test]
fn a_table_without_rows_made_apart_is_its_header_alone() {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let xf = formats.register(&mut workbook);
    let mut ready = ReadySheets::new(&mut workbook, 1).expect("a sheet");
    let columns = [col("A", 10.0)];
    let rows = write_table_spliced(
        &mut ready,
        &formats,
        &xf,
        "Data",
        &columns,
        0,
        |_, _: &mut ()| [Cell::Count(1)],
    )
    .expect("writes");
    assert!(rows.is_empty());
    ready.push_into(&mut workbook);
    let mut built = super::super::package::BuiltWorkbook {
        workbook,
        spliced: rows,
    };
    let parts = parts(built.save_to_buffer().expect("saves"));
    let sheet = String::from_utf8_lossy(&parts["xl/worksheets/sheet1.xml"]);
    assert!(sheet.contains("<row r=\"1\"") && !sheet.contains("<row r=\"2\""));
}

#[test]
fn a_row_with_a_link_is_not_made_apart() {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let xf = formats.register(&mut workbook);
    let mut ready = ReadySheets::new(&mut workbook, 1).expect("a sheet");
    let columns = [col("A", 10.0)];
    let link = |_, _: &mut ()| {
        [Cell::Link {
            text: "a".into(),
            target: internal_link("Data", 2),
        }]
    };
    let err = write_table_spliced(&mut ready, &formats, &xf, "Data", &columns, 3, link)
        .expect_err("refused");
    assert!(err.to_string().contains("link"), "{err}");
}

#[test]
fn ready_sheets_are_handed_out_once_and_only_the_filled_ones_are_added() {
    let mut workbook = Workbook::new();
    let mut ready = ReadySheets::new(&mut workbook, 2).expect("sheets");
    let formats = Formats::new();
    let columns = [col("A", 10.0)];
    let rows = [[Cell::Count(1)], [Cell::Count(2)]];
    let written = write_table(&mut ready, &formats, "Data", &columns, rows).expect("writes");
    assert_eq!(written, 2);
    ready.push_into(&mut workbook);
    let names: Vec<String> = workbook.worksheets().iter().map(|s| s.name()).collect();
    assert_eq!(names, ["Data"]);

    let mut none = ReadySheets::new(&mut workbook, 0).expect("no sheets");
    assert!(none.next_page().is_err());
}
