//! What a partner manager sees of Modern Work on the sample as of
//! 2026-09-30 (and 2026-06-30): the Summary at a glance, Partner Details,
//! the Tenants sheet, the Dashboard and Next Steps, each figure as
//! samples/README.md works it out.

use std::collections::HashMap;

use calamine::Data;

use super::common::excel_date;
use super::common::xlsx::{letters, part};
use super::{num, partner, run, run_at};

#[test]
fn the_summary_shows_level_path_score_and_one_cell_per_metric_at_a_glance() {
    for (lang, sheet, headers, not_qualified) in [
        (
            "en",
            "Summary",
            [
                "Partner ID",
                "Partner Name",
                "Level",
                "Path",
                "Score",
                "Net customer adds",
                "Intermediate certifications",
                "Advanced certifications",
                "Usage growth",
                "Deployments",
                "Action",
                "Change",
                "Score Change",
            ],
            "Not qualified",
        ),
        (
            "de",
            "Partner",
            [
                "Partner-ID",
                "Partnername",
                "Stufe",
                "Pfad",
                "Punkte",
                "Netto-Kundenzuwachs",
                "Zertifizierungen (Associate)",
                "Zertifizierungen (Expert)",
                "Nutzungswachstum",
                "Bereitstellungen",
                "Maßnahme",
                "Veränderung",
                "Punkteänderung",
            ],
            "Nicht qualifiziert",
        ),
    ] {
        let report = run(&["--lang", lang]).report();
        let rows = report.sheet(sheet);
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(header, headers, "{lang}");
        // samples/README.md's table: Northwind 64.3 on Enterprise.
        let northwind = &rows[1];
        assert_eq!(northwind[2], not_qualified, "{lang}");
        assert_eq!(northwind[3], "Enterprise");
        assert_eq!(northwind[4], Data::Float(64.3));
        let points: Vec<f64> = northwind[5..10].iter().map(num).collect();
        assert_eq!(points, [12.0, 7.5, 15.0, 19.8, 10.0], "{lang}");
        let tailwind = &rows[2];
        assert_ne!(tailwind[2], not_qualified, "{lang}");
        assert_eq!(tailwind[4], Data::Float(70.5));
        let lakeshore = &rows[3];
        assert_eq!(num(&lakeshore[5]), 0.0, "net adds at 0: blocks");
        // Four partners and no total row: scores do not add up.
        assert_eq!(rows.len(), 5, "{lang}: {rows:?}");

        // Each metric reads "12 / 20": a number whose format carries its most.
        let styles = part(&report, "xl/styles.xml").unwrap();
        for most in ["20", "10", "15", "30", "25"] {
            assert!(
                styles.contains(&format!("formatCode=\"General&quot; / {most}&quot;\"")),
                "{most}: {styles}"
            );
        }
        // The score's bar runs to 100; each metric is coloured by its share:
        // full, below the minimum of 1 (blocks), or between.
        let xml = report.xml(sheet);
        let rules_on = |col: usize| -> String {
            let c = letters(col);
            let range = format!("sqref=\"{c}2:{c}5\"");
            xml.split("<conditionalFormatting ")
                .filter(|f| f.starts_with(&range))
                .collect::<Vec<_>>()
                .join("")
        };
        let score = rules_on(4);
        assert!(score.contains("type=\"dataBar\""), "{score}");
        assert!(
            score.contains("<cfvo type=\"num\" val=\"100\"/>"),
            "{score}"
        );
        for (col, most) in [(5, "20"), (6, "10"), (7, "15"), (8, "30"), (9, "25")] {
            let rules = rules_on(col);
            assert!(
                rules.contains("operator=\"greaterThanOrEqual\"")
                    && rules.contains(&format!("<formula>{most}</formula>"))
                    && rules.contains("operator=\"lessThan\"")
                    && rules.contains("<formula>1</formula>")
                    && rules.contains("operator=\"between\""),
                "{lang} {col}: {rules}"
            );
        }
    }
}

#[test]
fn partner_details_shows_what_matters_for_a_score_and_the_cheapest_route() {
    let rows = run(&[]).report().table("Partner Details");
    let header: Vec<&String> = rows[0].keys().collect();
    assert!(!header.iter().any(|h| *h == "Best Workload"), "{header:?}");
    let northwind = &rows[0];
    assert_eq!(northwind["Path"], "Enterprise");
    assert_eq!(northwind["Enterprise Score"], "64.3");
    assert_eq!(northwind["SMB Score"], "42.8");
    assert_eq!(
        northwind["Usage growth"],
        "660 of 1,000 as CPOR: 19.8; 900 of 4,000 as DPOR: 6.75"
    );
    assert_eq!(northwind["Net customer adds"], "3 of 5: 12");
    assert!(
        northwind["Compared With"].contains("OfficeUsage compared with 2025-09-01"),
        "{northwind:?}"
    );
    assert!(
        northwind["Cheapest Route"].starts_with("needs "),
        "{northwind:?}"
    );
    // Nine tenants, each under one association type, on two paths.
    assert_eq!(northwind["Tenants"], "18");
    let tailwind = &rows[1];
    assert_eq!(tailwind["Cheapest Route"], "", "qualified: no route");
}

/// The Tenants sheet's rows of a partner, tenant, path and association.
fn tenant_row<'a>(
    rows: &'a [HashMap<String, Data>],
    partner: &str,
    tenant: &str,
    path: &str,
    association: &str,
) -> &'a HashMap<String, Data> {
    rows.iter()
        .find(|r| {
            r["Partner ID"] == partner
                && r["Customer Name"] == tenant
                && r["Path"] == path
                && r["Association"] == association
        })
        .unwrap_or_else(|| panic!("{partner} {tenant} {path} {association}"))
}

#[test]
fn the_tenants_sheet_says_per_tenant_and_path_why_it_counts() {
    let out = run(&[]);
    let (json, rows) = (out.json(), out.report().typed_table("Tenants"));
    let text = |r: &HashMap<String, Data>, h: &str| r[h].to_string();
    let date = |r: &HashMap<String, Data>, h: &str| excel_date(&r[h].to_string());
    // Bellows College: associated 2026-02-10, measured from March's 700,
    // already 46.7 % deployed then: left out of deployments.
    let bellows = tenant_row(&rows, "3000001", "Bellows College", "Enterprise", "CPOR");
    assert_eq!(text(bellows, "Eligible Now"), "Yes");
    assert_eq!(text(bellows, "Eligible a Year Before"), "No");
    assert_eq!(num(&bellows["Net Add"]), 1.0);
    assert_eq!(date(bellows, "Associated On"), "2026-02-10");
    assert_eq!(text(bellows, "Known From"), "DateAssociated");
    assert_eq!(date(bellows, "Measured From"), "2026-03-01");
    assert_eq!(
        (
            num(&bellows["Users Then"]),
            num(&bellows["Users Now"]),
            num(&bellows["Growth"])
        ),
        (700.0, 900.0, 200.0)
    );
    assert_eq!(num(&bellows["Deployed Now"]), 0.6);
    assert_eq!(num(&bellows["Deployed at Association"]), 0.467);
    assert_eq!(num(&bellows["Deployment"]), 0.0);
    let note = text(bellows, "Note");
    assert!(
        note.contains(
            "left out of deployments: already 46.7 % deployed at association (2026-03-01)"
        ),
        "{note}"
    );
    // Datum Corporation: 600 paid licences, CSP: not on Enterprise.
    let datum = tenant_row(&rows, "3000001", "Datum Corporation", "Enterprise", "CSP");
    assert_eq!(
        text(datum, "Note"),
        "CSP does not count on the Enterprise path"
    );
    assert_eq!(datum["Net Add"], Data::Empty);
    // Fabrikam Residences: gone, -1 add and -500 growth as DPOR.
    let gone = tenant_row(
        &rows,
        "3000001",
        "Fabrikam Residences",
        "Enterprise",
        "DPOR",
    );
    assert_eq!(
        (num(&gone["Net Add"]), num(&gone["Growth"])),
        (-1.0, -500.0)
    );
    assert!(
        text(gone, "Note").starts_with("gone: not in the current snapshot (last seen 2026-03-01)")
    );
    // Adventure Works: SMB a year before, 450 now: stays SMB.
    let grown = tenant_row(&rows, "3000002", "Adventure Works", "SMB", "CSP");
    assert_eq!(num(&grown["Paid Licences Now"]), 450.0);
    assert_eq!(text(grown, "Eligible Now"), "Yes");
    assert!(text(grown, "Note").contains("eligible because it was a year before"));
    // Litware, Teams Premium only: growth and deployments, no net add.
    let litware = tenant_row(&rows, "3000002", "Litware", "SMB", "CSP");
    assert_eq!(
        text(litware, "Eligible Now"),
        "only: Usage growth and Deployments"
    );
    assert_eq!(num(&litware["Net Add"]), 0.0);
    assert_eq!(num(&litware["Growth"]), 20.0);
    // The sheet's rows add up to the JSON's figures.
    for (id, path, group, metric, column) in [
        ("3000001", "Enterprise", "CPOR", "usage-growth", "Growth"),
        ("3000001", "Enterprise", "CPOR", "deployments", "Deployment"),
        ("3000002", "SMB", "CPOR", "usage-growth", "Growth"),
        ("3000002", "SMB", "CPOR", "deployments", "Deployment"),
        ("3000004", "Enterprise", "CPOR", "usage-growth", "Growth"),
    ] {
        let sum: f64 = rows
            .iter()
            .filter(|r| r["Partner ID"] == id && r["Path"] == path && r["Association"] == group)
            .map(|r| match &r[column] {
                Data::Empty => 0.0,
                other => num(other),
            })
            .sum();
        let figure = partner(&json, id)["metrics"][metric]["figure"]
            .as_f64()
            .unwrap();
        assert_eq!(sum, figure, "{id} {metric}");
    }
    let adds: f64 = rows
        .iter()
        .filter(|r| r["Partner ID"] == "3000002" && r["Path"] == "SMB")
        .map(|r| match &r["Net Add"] {
            Data::Empty => 0.0,
            other => num(other),
        })
        .sum();
    assert_eq!(adds, 4.0);
}

#[test]
fn the_dashboard_counts_qualified_partners_and_states_what_the_score_asks_for() {
    let text = run(&[]).report().grid("Dashboard");
    assert_eq!(
        text[0][0],
        "Solutions Partner for Modern Work report, as of 2026-09-30"
    );
    let find = |first: &str| {
        text.iter()
            .find(|r| r.first().map(String::as_str) == Some(first))
            .unwrap_or_else(|| panic!("no row {first}: {text:?}"))
    };
    assert_eq!(find("Qualified")[1], "1");
    assert_eq!(find("Not qualified")[1], "3");
    assert!(!text.iter().any(|r| r[0] == "Gold" || r[0] == "Silver"));
    let growth = find("Usage growth");
    assert_eq!(growth[1], "1,000 as CPOR or 4,000 as DPOR");
    assert_eq!(growth[2], "500 as CPOR or 2,000 as CSP");
    assert_eq!(growth[3], "30");
    let closest = find("Northwind Modern Work");
    assert!(closest.iter().any(|c| c.contains("needs ")), "{closest:?}");
}

#[test]
fn next_steps_names_the_route_and_the_metrics_that_block() {
    for (lang, sheet, h, blocks) in [
        (
            "en",
            "Next Steps",
            [
                "Partner ID",
                "Metric",
                "Note",
                "Score Now",
                "Points Added",
                "Score After",
            ],
            "blocks qualification whatever the total",
        ),
        (
            "de",
            "Nächste Schritte",
            [
                "Partner-ID",
                "Kennzahl",
                "Hinweis",
                "Punkte jetzt",
                "Punkte dazu",
                "Punkte danach",
            ],
            "verhindert die Qualifizierung unabhängig von der Summe",
        ),
    ] {
        let rows = run(&["--lang", lang]).report().typed_table(sheet);
        // Tailwind qualifies: no steps.
        assert!(!rows.iter().any(|r| r[h[0]] == "3000002"), "{lang}");
        // Lakeshore: net adds and advanced certifications at 0 block.
        let lakeshore: Vec<_> = rows.iter().filter(|r| r[h[0]] == "3000003").collect();
        let blocked: Vec<String> = lakeshore
            .iter()
            .filter(|r| r[h[2]].to_string().contains(blocks))
            .map(|r| r[h[1]].to_string())
            .collect();
        assert_eq!(blocked.len(), 2, "{lang}: {lakeshore:?}");
        // The score after each step is the one before plus its points, and
        // the last reaches 70.
        let mut score = num(&lakeshore[0][h[3]]);
        assert_eq!(score, 22.2);
        for r in &lakeshore {
            if r[h[4]] != Data::Empty {
                score += num(&r[h[4]]);
                assert!((num(&r[h[5]]) - score).abs() < 1e-6, "{lang}: {r:?}");
            }
        }
        assert!(score >= 70.0, "{lang}: {score}");
    }
}

#[test]
fn next_steps_says_where_a_figure_is_not_exact() {
    let rows = run_at("2026-06-30", &[]).report().typed_table("Next Steps");
    let fourth: Vec<_> = rows
        .iter()
        .filter(|r| r["Partner ID"] == "3000004")
        .collect();
    assert!(!fourth.is_empty());
    let growth = fourth
        .iter()
        .find(|r| r["Metric"] == "Usage growth")
        .unwrap_or_else(|| panic!("{fourth:?}"));
    let note = growth["Note"].to_string();
    assert!(
        note.contains("blocks qualification")
            && note.contains("Usage growth not exact")
            && note.contains("drop the 2024-09 OfficeUsage download"),
        "{note}"
    );
}
