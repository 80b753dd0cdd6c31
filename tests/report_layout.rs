//! The report's look, checked in the file itself: the Summary's columns
//! (at most 16, in a manager's order), progress as data bars with a full
//! bar at the top level, the at-risk highlight, every sheet's print setup
//! (landscape, one page wide, header rows repeated, a footer with the
//! as-of date and page numbers), tall rows with their short cells at the
//! top, and numbers stored as numbers: in English and German.

mod common;

use calamine::Data;
use common::xlsx::*;
use common::*;

/// The Summary's headers, in order, in English and German.
const SUMMARY_EN: [&str; 15] = [
    "Partner ID",
    "Partner Name",
    "Market",
    "Level",
    "Active Entitlements",
    "Qualified People",
    "Next Level",
    "Progress",
    "Entitlements Short",
    "People Short",
    "Action",
    "Change",
    "Entitlements Change",
    "People Change",
    "At Risk",
];
const SUMMARY_DE: [&str; 15] = [
    "Partner-ID",
    "Partnername",
    "Markt",
    "Stufe",
    "Aktive Berechtigungen",
    "Qualifizierte Personen",
    "Nächste Stufe",
    "Fortschritt",
    "Fehlende Berechtigungen",
    "Fehlende Personen",
    "Maßnahme",
    "Veränderung",
    "Veränderung Berechtigungen",
    "Veränderung Personen",
    "Gefährdet",
];

/// What differs between the two languages in these checks.
struct Lang {
    flag: &'static str,
    summary: &'static str,
    summary_headers: [&'static str; 15],
    dashboard: &'static str,
    /// The left of every footer: the report's title with its date.
    footer: &'static str,
    /// The page numbers on the right of every footer.
    pages: &'static str,
}

const LANGS: [Lang; 2] = [
    Lang {
        flag: "en",
        summary: "Summary",
        summary_headers: SUMMARY_EN,
        dashboard: "Dashboard",
        footer: "Cloud Productivity competency report, as of 2017-09-30",
        pages: "Page &amp;P of &amp;N",
    },
    Lang {
        flag: "de",
        summary: "Partner",
        summary_headers: SUMMARY_DE,
        dashboard: "Überblick",
        footer: "Kompetenzbericht Cloud Productivity, Stichtag 2017-09-30",
        pages: "Seite &amp;P von &amp;N",
    },
];

/// The text between `<name` and its closing tag, if the XML has one.
fn element<'a>(xml: &'a str, name: &str) -> Option<&'a str> {
    let start = xml.find(&format!("<{name}"))?;
    let end = xml[start..].find(&format!("</{name}>"))?;
    Some(&xml[start..start + end])
}

#[test]
fn summary_has_at_most_16_columns_in_a_managers_order_with_progress_bars() {
    for lang in &LANGS {
        let report = &Run::samples().args(["--lang", lang.flag]).ok().report();
        let rows = report.sheet(lang.summary);
        let headers: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert!(headers.len() <= 16, "{}: {headers:?}", lang.flag);
        assert_eq!(headers, lang.summary_headers, "{}", lang.flag);

        // Progress: a number from 0 to 1 (a percent), a full bar at Gold.
        let progress = headers
            .iter()
            .position(|h| h == lang.summary_headers[7])
            .unwrap();
        let level = 3;
        let partners = &rows[1..rows.len() - 1];
        for row in partners {
            let Data::Float(p) = row[progress] else {
                panic!("{}: progress is not a number: {row:?}", lang.flag);
            };
            assert!((0.0..=1.0).contains(&p), "{p}");
            if row[level] == "Gold" {
                assert_eq!(p, 1.0, "a partner at the top level shows a full bar");
            } else {
                assert!(p < 1.0, "{row:?}");
            }
        }

        // The bar is Excel's own data bar over the progress column, with
        // fixed ends (0 and 1) so 100 % is always a full bar.
        let xml = report.xml(lang.summary);
        let col = letters(progress);
        let range = format!("{col}2:{col}{}", partners.len() + 1);
        let bar = xml
            .split("<conditionalFormatting ")
            .find(|c| c.starts_with(&format!("sqref=\"{range}\"")))
            .unwrap_or_else(|| panic!("{}: no conditional format on {range}", lang.flag));
        assert!(bar.contains("type=\"dataBar\""), "{bar}");
        assert!(bar.contains("<cfvo type=\"num\" val=\"0\"/>"), "{bar}");
        assert!(bar.contains("<cfvo type=\"num\" val=\"1\"/>"), "{bar}");

        // At risk speaks louder: a fill wherever the column holds text.
        let at_risk = letters(14);
        assert!(
            xml.split("<conditionalFormatting ")
                .any(|c| c.starts_with(&format!("sqref=\"{at_risk}2:{at_risk}"))
                    && c.contains("type=\"notContainsBlanks\"")),
            "{}: no at-risk highlight",
            lang.flag
        );
        // The Dashboard's closest partners show the same bars.
        assert!(
            report.xml(lang.dashboard).contains("type=\"dataBar\""),
            "{}",
            lang.flag
        );
    }
}

#[test]
fn every_sheet_prints_landscape_one_page_wide_with_its_header_and_a_footer() {
    for lang in &LANGS {
        let report = &Run::samples().args(["--lang", lang.flag]).ok().report();
        let workbook = part(report, "xl/workbook.xml").unwrap();
        let names = report.sheet_names();
        assert_eq!(names.len(), 9, "{}: {names:?}", lang.flag);
        for (i, name) in names.iter().enumerate() {
            let xml = report.xml(name);
            let setup = tags(&xml, "pageSetup");
            let setup = setup
                .first()
                .unwrap_or_else(|| panic!("{name}: no pageSetup"));
            assert_eq!(
                attr(setup, "orientation").as_deref(),
                Some("landscape"),
                "{name}"
            );
            // One page wide (fitToWidth defaults to 1), as long as it takes.
            assert_eq!(attr(setup, "fitToHeight").as_deref(), Some("0"), "{name}");
            assert_ne!(attr(setup, "fitToWidth").as_deref().unwrap_or("1"), "0");
            assert!(
                tags(&xml, "pageSetUpPr")
                    .iter()
                    .any(|t| attr(t, "fitToPage").as_deref() == Some("1")),
                "{name}: not fitted to the page"
            );
            let footer = element(&xml, "oddFooter").unwrap_or_else(|| panic!("{name}: no footer"));
            assert!(footer.contains(lang.footer), "{name}: {footer}");
            assert!(footer.contains(lang.pages), "{name}: {footer}");
            // Every sheet but the Dashboard is a table whose header row
            // repeats on every printed page.
            if i > 0 {
                let titles = format!("'{}'!$1:$1", name.replace('\'', "''"));
                let plain = format!("{name}!$1:$1");
                assert!(
                    workbook.contains(&format!("localSheetId=\"{i}\">{titles}</definedName>"))
                        || workbook
                            .contains(&format!("localSheetId=\"{i}\">{plain}</definedName>")),
                    "{name}: header row not repeated: {workbook}"
                );
            }
        }
    }
}

/// A cell whose text reads as a number (`1,900`, `48%`, `-20`) is a number
/// stored as text: Excel flags it with a green triangle and will neither
/// sum nor sort it as a number. Ids are text on purpose.
fn looks_numeric(s: &str) -> bool {
    let body = s
        .trim()
        .trim_start_matches(['+', '-'])
        .trim_end_matches('%');
    !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        && body.chars().next().is_some_and(|c| c.is_ascii_digit())
}

#[test]
fn numbers_are_stored_as_numbers_and_ids_as_text_on_every_sheet() {
    for lang in &LANGS {
        let report = &Run::samples().args(["--lang", lang.flag]).ok().report();
        for name in report.sheet_names() {
            let rows = report.sheet(&name);
            // Tables have their header on row 1; the Dashboard's small
            // tables each have their own: a row of two or more texts and
            // nothing else.
            let is_header = |r: &[Data]| {
                r.iter().filter(|c| matches!(c, Data::String(_))).count() >= 2
                    && r.iter().all(|c| matches!(c, Data::String(_) | Data::Empty))
            };
            let mut headers: Vec<String> = Vec::new();
            for (r, row) in rows.iter().enumerate() {
                if r == 0 || (name == lang.dashboard && is_header(row)) {
                    headers = row.iter().map(|c| c.to_string()).collect();
                    continue;
                }
                for (c, cell) in row.iter().enumerate() {
                    let Data::String(s) = cell else { continue };
                    // The Dashboard's small tables have headers of their own.
                    let column = headers.get(c).map_or("", String::as_str);
                    let id = column.contains("ID") || column.ends_with("-ID");
                    assert!(
                        id || !looks_numeric(s),
                        "{}: {name} row {} column {column:?} holds the number {s:?} as text",
                        lang.flag,
                        r + 1
                    );
                }
            }
        }
        // And the partner ids stay text, however they look.
        let summary = report.sheet(lang.summary);
        assert!(
            summary[1..summary.len() - 1]
                .iter()
                .all(|r| matches!(&r[0], Data::String(_))),
            "{}",
            lang.flag
        );
    }
}

/// The row heights and style indexes of a sheet's data rows.
fn rows_of(xml: &str) -> Vec<(u32, Option<f64>)> {
    tags(xml, "row")
        .into_iter()
        .map(|t| {
            (
                attr(t, "r").unwrap().parse().unwrap(),
                attr(t, "ht").map(|h| h.parse().unwrap()),
            )
        })
        .collect()
}

#[test]
fn rows_are_as_tall_as_their_text_and_short_cells_sit_at_the_top() {
    let report = &Run::samples().ok().report();
    let xml = report.xml("Summary");
    let styles = part(report, "xl/styles.xml").unwrap();
    let xfs = element(&styles, "cellXfs").unwrap();
    let formats: Vec<&str> = xfs.split("<xf ").skip(1).collect();
    let top = |style: usize| formats[style].contains("vertical=\"top\"");
    let heights = rows_of(&xml);
    // "meets Gold" is one line: Fabrikam's row would be one line but for
    // its at-risk sentence; Litware's action takes several lines.
    let litware = heights.iter().find(|(r, _)| *r == 5).unwrap().1.unwrap();
    let tailspin = heights.iter().find(|(r, _)| *r == 3).unwrap().1.unwrap();
    assert!(litware > tailspin, "{heights:?}");
    assert!(litware <= 5.0 * 15.0, "no taller than the text: {litware}");
    // In a tall row every cell sits at the top, in line with the first
    // line of the wrapped text.
    let row5 = xml
        .split("<row ")
        .find(|r| r.starts_with("r=\"5\""))
        .unwrap();
    for cell in tags(row5, "c") {
        let style: usize = attr(cell, "s").map_or(0, |s| s.parse().unwrap());
        assert!(top(style), "{cell} is not at the top of its row");
    }
}

/// The charts' value axes count whole things: no 0.5 partner.
#[test]
fn dashboard_charts_count_in_whole_numbers() {
    let report = &Run::samples().ok().report();
    let charts: Vec<String> = parts(report)
        .into_iter()
        .filter(|n| n.starts_with("xl/charts/chart"))
        .map(|n| part(report, &n).unwrap())
        .collect();
    assert_eq!(charts.len(), 2);
    for chart in &charts {
        let axis = element(chart, "c:valAx").expect("a value axis");
        assert!(axis.contains("formatCode=\"#,##0\""), "{axis}");
    }
    let levels = charts
        .iter()
        .find(|c| c.contains("<c:barDir val=\"col\"/>"))
        .unwrap();
    assert!(levels.contains("<c:majorUnit val=\"1\"/>"), "{levels}");
}

/// A German report prints on A4, and its cells group thousands as its
/// sentences do (`1.800`, through the format's German locale, `[$-407]`);
/// an English one prints on the paper of the locale's country, or on the
/// printer's default when the locale names none.
#[test]
fn reports_print_on_the_paper_of_their_language_and_country() {
    for (flag, locale, paper) in [
        ("de", "en_US.UTF-8", Some("9")),
        ("en", "en_GB.UTF-8", Some("9")),
        ("en", "en_US.UTF-8", Some("1")),
        ("en", "C", None),
    ] {
        let report = Run::report_of(samples())
            .env("LC_ALL", locale)
            .args(["--as-of", "2017-09-30", "--no-history", "--lang", flag])
            .ok()
            .report();
        for name in report.sheet_names() {
            let xml = sheet_xml(&report, &name);
            let setup = tags(&xml, "pageSetup");
            assert_eq!(
                attr(setup[0], "paperSize").as_deref(),
                paper,
                "{flag} {locale} {name}"
            );
        }
        let styles = part(&report, "xl/styles.xml").unwrap();
        let german = styles.contains("formatCode=\"[$-407]#,##0\"");
        assert_eq!(german, flag == "de", "{flag}: {styles}");
    }
}
