//! Solutions Partner for Modern Work, a points-scored rule set: the real
//! binary on the hand-checked sample (`samples/.modern-work`, worked out in
//! samples/README.md), and `rules` describing it.

#[path = "modern_work/by_month.rs"]
mod by_month;
mod common;

use std::path::PathBuf;

use calamine::Data;
use common::xlsx::letters;
use common::*;
use serde_json::Value as Json;

fn sample() -> PathBuf {
    samples().join(".modern-work")
}

/// Runs the Modern Work sample as of 2026-09-30 with extra arguments.
fn run(extra: &[&str]) -> Output {
    Run::report_of(sample())
        .args(["--as-of", "2026-09-30", "--no-history"])
        .args(["--rules", "solutions-partner-modern-work"])
        .args(extra)
        .ok()
}

fn partner<'a>(summary: &'a Json, id: &str) -> &'a Json {
    summary["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partner_id"] == id)
        .unwrap_or_else(|| panic!("partner {id} in {summary}"))
}

/// (metric, points, figure, threshold, association) of a partner, in the
/// rules' order (serde_json's map sorts keys; the order is checked on the
/// text in `the_json_lists_metrics_in_the_rules_order`).
fn metrics(p: &Json) -> Vec<(String, f64, i64, u64, Option<String>)> {
    const ORDER: [&str; 5] = [
        "net-customer-adds",
        "intermediate-certifications",
        "advanced-certifications",
        "usage-growth",
        "deployments",
    ];
    let mut out: Vec<(String, f64, i64, u64, Option<String>)> = p["metrics"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, m)| {
            (
                id.clone(),
                m["points"].as_f64().unwrap(),
                m["figure"].as_i64().unwrap(),
                m["threshold"].as_u64().unwrap(),
                m["association"].as_str().map(String::from),
            )
        })
        .collect();
    out.sort_by_key(|(id, ..)| ORDER.iter().position(|o| o == id));
    out
}

#[test]
fn the_json_lists_metrics_in_the_rules_order() {
    let text = run(&[]).json_text();
    let at = |key: &str| text.find(&format!("\"{key}\":")).unwrap_or(usize::MAX);
    let order = [
        at("net-customer-adds"),
        at("intermediate-certifications"),
        at("advanced-certifications"),
        at("usage-growth"),
        at("deployments"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

fn m(
    id: &str,
    points: f64,
    figure: i64,
    threshold: u64,
    association: Option<&str>,
) -> (String, f64, i64, u64, Option<String>) {
    (
        id.into(),
        points,
        figure,
        threshold,
        association.map(String::from),
    )
}

#[test]
fn the_sample_scores_as_worked_out_by_hand() {
    let summary = run(&[]).json();
    assert_eq!(summary["competency"], "Solutions Partner for Modern Work");
    assert_eq!(summary["problems"], Json::Array(Vec::new()), "{summary}");
    assert_eq!(summary["partners"].as_array().unwrap().len(), 3);

    let contoso = partner(&summary, "2000001");
    assert_eq!(
        (&contoso["level"], &contoso["score"], &contoso["path"]),
        (
            &Json::from("qualified"),
            &Json::from(70.5),
            &Json::from("enterprise")
        )
    );
    assert_eq!(contoso["path_scores"]["smb"], 25.0);
    assert_eq!(
        metrics(contoso),
        [
            m("net-customer-adds", 8.0, 2, 5, None),
            m("intermediate-certifications", 7.5, 3, 4, None),
            m("advanced-certifications", 15.0, 2, 2, None),
            m("usage-growth", 30.0, 1020, 1000, Some("CPOR")),
            m("deployments", 10.0, 2, 5, Some("CPOR")),
        ]
    );
    assert_eq!(
        contoso["action"],
        "qualifies with 70.5 points on the Enterprise path"
    );

    let fabrikam = partner(&summary, "2000002");
    assert_eq!(
        (&fabrikam["level"], &fabrikam["score"], &fabrikam["path"]),
        (
            &Json::from("qualified"),
            &Json::from(70.6),
            &Json::from("smb")
        )
    );
    assert_eq!(fabrikam["path_scores"]["enterprise"], 12.5);
    assert_eq!(
        metrics(fabrikam),
        [
            m("net-customer-adds", 12.0, 6, 10, None),
            m("intermediate-certifications", 10.0, 2, 2, None),
            m("advanced-certifications", 15.0, 1, 1, None),
            m("usage-growth", 18.6, 310, 500, Some("CPOR")),
            m("deployments", 15.0, 6, 10, Some("CSP")),
        ]
    );

    // More than 70 points, one metric at 0: not qualified.
    let lakeshore = partner(&summary, "2000003");
    assert_eq!(
        (&lakeshore["level"], &lakeshore["score"], &lakeshore["path"]),
        (&Json::from("none"), &Json::from(71.5), &Json::from("smb"))
    );
    assert_eq!(
        metrics(lakeshore),
        [
            m("net-customer-adds", 14.0, 7, 10, None),
            m("intermediate-certifications", 10.0, 2, 2, None),
            m("advanced-certifications", 0.0, 0, 1, None),
            m("usage-growth", 30.0, 500, 500, Some("CPOR")),
            m("deployments", 17.5, 7, 10, Some("CSP")),
        ]
    );
    assert_eq!(
        lakeshore["action"],
        "needs 1 more advanced certification (+15) to qualify on the SMB path (86.5 points)"
    );
    for p in [contoso, fabrikam, lakeshore] {
        for metric in p["metrics"].as_object().unwrap().values() {
            assert_eq!(metric["missing_input"], Json::Null, "{p}");
        }
    }
}

#[test]
fn competency_json_has_no_points_fields() {
    let json = Run::samples().ok().json();
    for p in json["partners"].as_array().unwrap() {
        for key in ["score", "score_change", "path", "path_scores", "metrics"] {
            assert!(p.get(key).is_none(), "{key} in {p}");
        }
    }
}

#[test]
fn without_an_earlier_snapshot_or_licence_counts_the_action_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.xlsx");
    write_workbook(
        &input,
        &[
            (
                "Customers",
                vec![
                    customer_header(),
                    customer("3000001", "T-1", "Exchange Online", 50.0, "Paid", "CPOR"),
                ],
            ),
            ("Transcripts", vec![transcript_header()]),
        ],
    );
    let summary = Run::report_of(&input)
        .args(["--as-of", "2026-09-30", "--no-history"])
        .args(["--rules", "solutions-partner-modern-work"])
        .ok()
        .json();
    let p = partner(&summary, "3000001");
    assert_eq!(
        p["metrics"]["usage-growth"]["missing_input"],
        "earlier-snapshot"
    );
    assert_eq!(
        p["metrics"]["deployments"]["missing_input"],
        "licence-counts"
    );
    let action = p["action"].as_str().unwrap();
    assert!(
        action.contains("Usage growth: needs a snapshot from about 2025-09-30")
            && action.contains("Deployments: needs qualified licence counts"),
        "{action}"
    );
}

#[test]
fn rules_describes_the_designation() {
    let text = Run::new()
        .args(["rules", "--rules", "solutions-partner-modern-work"])
        .ok()
        .stdout;
    assert!(
        text.starts_with("Solutions Partner for Modern Work designation, Partner capability score"),
        "{text}"
    );
    assert!(text.contains("Deployments (25 points)"), "{text}");
    // What partners read names Microsoft's page, never this project's work.
    assert!(!text.to_lowercase().contains("issue"), "{text}");
}

#[test]
fn the_summary_shows_score_path_and_each_metric_with_a_bar_to_its_weight() {
    for (lang, sheet, headers, qualified) in [
        (
            "en",
            "Summary",
            [
                "Partner ID",
                "Partner Name",
                "Level",
                "Path",
                "Score",
                "Net customer adds (points)",
                "Net customer adds (figure)",
            ],
            "Qualified",
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
                "Netto-Kundenzuwachs (Punkte)",
                "Netto-Kundenzuwachs (Wert)",
            ],
            "Qualifiziert",
        ),
    ] {
        let report = run(&["--lang", lang]).report();
        let rows = report.sheet(sheet);
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(&header[..7], headers, "{lang}");
        // Five metrics, two columns each, then the action, the change and
        // the score's change.
        assert_eq!(header.len(), 5 + 10 + 3, "{lang}: {header:?}");
        let contoso = &rows[1];
        assert_eq!(contoso[2], qualified);
        assert_eq!(contoso[3], "Enterprise");
        assert_eq!(contoso[4], Data::Float(70.5));
        assert_eq!(contoso[5], Data::Float(8.0));
        let figure = if lang == "en" { "2 of 5" } else { "2 von 5" };
        assert_eq!(contoso[6], figure);
        let growth = if lang == "en" {
            "1,020 of 1,000 as CPOR"
        } else {
            "1.020 von 1.000 als CPOR"
        };
        assert_eq!(contoso[12], growth);
        let lakeshore = &rows[3];
        assert_eq!(lakeshore[4], Data::Float(71.5));
        assert_eq!(lakeshore[9], Data::Float(0.0), "advanced certifications");
        let action = lakeshore[15].to_string();
        assert!(action.contains("(+15)"), "{lang}: {action}");

        // Data bars with fixed ends: the score to 100, each metric to its weight.
        let xml = report.xml(sheet);
        for (col, most) in [
            (4, "100"),
            (5, "20"),
            (7, "10"),
            (9, "15"),
            (11, "30"),
            (13, "25"),
        ] {
            let c = letters(col);
            let range = format!("sqref=\"{c}2:{c}4\"");
            let bar = xml
                .split("<conditionalFormatting ")
                .find(|f| f.starts_with(&range))
                .unwrap_or_else(|| panic!("{lang}: no bar on {c}"));
            assert!(bar.contains("type=\"dataBar\""), "{bar}");
            assert!(bar.contains("<cfvo type=\"num\" val=\"0\"/>"), "{bar}");
            assert!(
                bar.contains(&format!("<cfvo type=\"num\" val=\"{most}\"/>")),
                "{bar}"
            );
        }
    }
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
    assert_eq!(find("Qualified")[1], "2");
    assert_eq!(find("None")[1], "1");
    assert!(!text.iter().any(|r| r[0] == "Gold" || r[0] == "Silver"));
    let growth = find("Usage growth");
    assert_eq!(growth[1], "1,000 as CPOR or 4,000 as DPOR");
    assert_eq!(growth[2], "500 as CPOR or 2,000 as CSP");
    assert_eq!(growth[3], "30");
    let closest = find("Lakeshore Workplace");
    assert!(
        closest
            .iter()
            .any(|c| c.contains("needs 1 more advanced certification (+15)")),
        "{closest:?}"
    );
}

/// Runs the sample for August and then September 2026 into one reports
/// folder (with its history), as a monthly job would; returns September's report.
fn run_august_and_september(reports: &std::path::Path, extra: &[&str]) -> Report {
    let mut report = None;
    for as_of in ["2026-08-31", "2026-09-30"] {
        let out = Run::new()
            .args(["run", "--as-of", as_of])
            .args(extra)
            .args(["--rules", "solutions-partner-modern-work", "--input"])
            .arg(sample())
            .arg("--output")
            .arg(reports)
            .ok();
        report = Some(out.report());
    }
    report.expect("two runs")
}

#[test]
fn a_month_later_the_summary_says_who_is_now_qualified_and_how_the_score_moved() {
    // Last month from the history, and (without one) read back from
    // August's report: the same changes either way.
    for extra in [&[][..], &["--no-history"][..]] {
        let out = tempfile::tempdir().unwrap();
        let json = out.path().join("summary-{as_of}.json");
        let json = json.to_str().unwrap();
        let report = run_august_and_september(out.path(), &[extra, &["--json", json]].concat());
        assert_eq!(
            report.path(),
            out.path().join("competency-report-2026-09-30.xlsx")
        );
        let summary = report.typed_table("Summary");
        let change = |id: &str, column: &str| {
            summary
                .iter()
                .find(|r| r["Partner ID"] == id)
                .map(|r| r[column].clone())
                .unwrap_or_else(|| panic!("{extra:?}: {id} in {summary:?}"))
        };
        // In August only the 2025 snapshot is known: nobody qualified.
        assert_eq!(change("2000001", "Change"), "now qualified", "{extra:?}");
        assert_eq!(change("2000002", "Change"), "now qualified", "{extra:?}");
        assert_eq!(change("2000003", "Change"), "unchanged", "{extra:?}");
        // 70.5 - 27.5, 70.6 - 27.5, 71.5 - 10 (August's scores: History).
        let moved = |id: &str| match change(id, "Score Change") {
            Data::Float(x) => (x * 100.0).round() / 100.0,
            other => panic!("{extra:?} {id}: {other:?}"),
        };
        assert_eq!(moved("2000001"), 43.0, "{extra:?}");
        assert_eq!(moved("2000002"), 43.1, "{extra:?}");
        assert_eq!(moved("2000003"), 61.5, "{extra:?}");
        // The JSON says the same; in August, with no month before, null.
        let read =
            |date: &str| -> Json { read_json(&out.path().join(format!("summary-{date}.json"))) };
        let score_change = |json: &Json, id: &str| {
            json["partners"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["partner_id"] == id)
                .map(|p| p["score_change"].clone())
                .unwrap_or_else(|| panic!("{id} in {json}"))
        };
        let september = read("2026-09-30");
        assert_eq!(score_change(&september, "2000001"), 43.0, "{extra:?}");
        assert_eq!(score_change(&september, "2000002"), 43.1, "{extra:?}");
        assert_eq!(score_change(&september, "2000003"), 61.5, "{extra:?}");
        let august = read("2026-08-31");
        assert_eq!(score_change(&august, "2000001"), Json::Null, "{extra:?}");
    }
}

#[test]
fn next_steps_names_the_step_that_blocks_lakeshore_in_both_languages() {
    for (lang, sheet, h, what, blocks) in [
        (
            "en",
            "Next Steps",
            [
                "Partner ID",
                "Metric",
                "Figure Now",
                "What To Do",
                "Note",
                "Score Now",
                "Points Added",
                "Score After",
                "Path",
            ],
            (
                "Advanced certifications",
                "0 of 1",
                "1 more advanced certification",
            ),
            "blocks qualification whatever the total",
        ),
        (
            "de",
            "Nächste Schritte",
            [
                "Partner-ID",
                "Kennzahl",
                "Wert jetzt",
                "Was zu tun ist",
                "Hinweis",
                "Punkte jetzt",
                "Punkte dazu",
                "Punkte danach",
                "Pfad",
            ],
            (
                "Zertifizierungen (Expert)",
                "0 von 1",
                "noch 1 Expert-Zertifizierung",
            ),
            "verhindert die Qualifizierung unabhängig von der Summe",
        ),
    ] {
        let rows = run(&["--lang", lang]).report().typed_table(sheet);
        // The two qualified partners have no steps: the advice knows no
        // designation at risk.
        assert_eq!(rows.len(), 1, "{lang}: {rows:?}");
        let r = &rows[0];
        let text = |i: usize| r[h[i]].to_string();
        assert_eq!(text(0), "2000003", "{lang}");
        assert_eq!((text(1).as_str(), text(2).as_str(), text(3).as_str()), what);
        assert!(text(4).contains(blocks), "{lang}: {}", text(4));
        assert!(text(4).contains('0'), "{lang}: {}", text(4));
        assert_eq!(text(8), if lang == "en" { "SMB" } else { "KMU" });
        // Numbers as numbers: 71.5 now, +15, 86.5 after.
        assert_eq!(r[h[5]], Data::Float(71.5), "{lang}");
        assert_eq!(r[h[6]], Data::Float(15.0), "{lang}");
        assert_eq!(r[h[7]], Data::Float(86.5), "{lang}");
    }
}

#[test]
fn next_steps_walks_every_step_of_the_route_with_its_association_and_what_the_inputs_lack() {
    // At the end of 2025 only the 2025 snapshot is known: nobody qualifies,
    // usage growth cannot be measured, and each route has several steps.
    let rows = Run::report_of(sample())
        .args(["--as-of", "2025-12-31", "--no-history"])
        .args(["--rules", "solutions-partner-modern-work"])
        .ok()
        .report()
        .typed_table("Next Steps");
    for id in ["2000001", "2000002", "2000003"] {
        let mine: Vec<_> = rows.iter().filter(|r| r["Partner ID"] == id).collect();
        assert!(mine.len() >= 2, "{id}: {mine:?}");
        let num = |r: &std::collections::HashMap<String, Data>, h: &str| match r[h] {
            Data::Float(x) => x,
            ref other => panic!("{id} {h}: {other:?}"),
        };
        // The score after each step is the one before plus the step's points,
        // and the last reaches the qualifying 70.
        let mut score = num(mine[0], "Score Now");
        for r in &mine {
            assert_eq!(num(r, "Score Now"), num(mine[0], "Score Now"));
            score += num(r, "Points Added");
            assert!((num(r, "Score After") - score).abs() < 1e-9, "{id}: {r:?}");
            // A step in an association type is measured in that type.
            let what = r["What To Do"].to_string();
            let figure = r["Figure Now"].to_string();
            for group in ["CPOR", "CSP", "DPOR"] {
                if what.ends_with(&format!("as {group}")) {
                    assert!(figure.ends_with(&format!("as {group}")), "{id}: {r:?}");
                }
            }
        }
        assert!(score >= 70.0, "{id}: {score}");
        let growth = mine
            .iter()
            .find(|r| r["Metric"] == "Usage growth")
            .unwrap_or_else(|| panic!("{id}: no usage growth step in {mine:?}"));
        let note = growth["Note"].to_string();
        assert!(
            note.contains("blocks qualification")
                && note.contains("needs a snapshot from about 2024-12-31"),
            "{id}: {note}"
        );
    }
}

/// `partner_month` as it was before scores were kept.
const OLD_HISTORY_SCHEMA: &str = "CREATE TABLE partner_month (
    month               TEXT NOT NULL,
    as_of               TEXT NOT NULL,
    partner_id          TEXT NOT NULL,
    partner_name        TEXT,
    market              TEXT NOT NULL,
    level               TEXT NOT NULL,
    active_entitlements INTEGER NOT NULL,
    qualified_people    INTEGER NOT NULL,
    recorded_at         TEXT NOT NULL,
    PRIMARY KEY (month, partner_id)
);
INSERT INTO partner_month VALUES ('2026-07', '2026-07-31', '2000001', 'Contoso Modern Work',
    'mature', 'none', 2200, 4, '2026-08-01T08:00:00+00:00');";

#[test]
fn history_shows_the_score_of_each_month_over_a_database_from_before_scores() {
    let out = tempfile::tempdir().unwrap();
    let db = out.path().join("history.sqlite");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(OLD_HISTORY_SCHEMA)
        .unwrap();
    let report = run_august_and_september(out.path(), &[]);
    assert_eq!(
        report.path(),
        out.path().join("competency-report-2026-09-30.xlsx")
    );
    let rows = report.sheet("History");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |m: &str| header.iter().position(|h| h == m).unwrap();
    let score = |id: &str, month: &str| {
        let row = rows
            .iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("{id} in {rows:?}"));
        row.get(col(month)).cloned().unwrap_or(Data::Empty)
    };
    // In August only the 2025 snapshot is known (see the Change test above).
    assert_eq!(score("2000001", "2026-08"), Data::Float(27.5));
    assert_eq!(score("2000001", "2026-09"), Data::Float(70.5));
    assert_eq!(score("2000002", "2026-09"), Data::Float(70.6));
    assert_eq!(score("2000003", "2026-08"), Data::Float(10.0));
    assert_eq!(score("2000003", "2026-09"), Data::Float(71.5));
    // July was stored before scores were kept: no score, not its entitlements.
    assert_eq!(score("2000001", "2026-07"), Data::Empty);
    // A qualifying month reads as such and stays a number.
    let styles = common::xlsx::part(&report, "xl/styles.xml").unwrap();
    assert!(
        styles.contains("formatCode=\"General&quot; Qualified&quot;\""),
        "{styles}"
    );

    // The old database gained the column and kept its row.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stored = |month: &str, id: &str| -> (Option<f64>, i64) {
        conn.query_row(
            "SELECT score, active_entitlements FROM partner_month WHERE month = ?1 AND partner_id = ?2",
            [month, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    assert_eq!(stored("2026-07", "2000001"), (None, 2200));
    assert_eq!(stored("2026-08", "2000003").0, Some(10.0));
    assert_eq!(stored("2026-09", "2000001").0, Some(70.5));
}
