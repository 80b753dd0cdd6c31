//! Solutions Partner for Modern Work, a points-scored rule set: the real
//! binary on the hand-checked sample (`samples/.modern-work-monthly`,
//! worked out in samples/README.md): the score as Microsoft's page defines
//! it (`by_month`), what a partner manager sees (Summary, Partner Details,
//! the Tenants sheet, Next Steps, the Dashboard: `sheets`), month over
//! month, and `rules` describing it.

#[path = "modern_work/by_month.rs"]
mod by_month;
mod common;
#[path = "modern_work/sheets.rs"]
mod sheets;

use std::path::{Path, PathBuf};

use calamine::Data;
use common::xlsx::part;
use common::*;
use serde_json::Value as Json;

fn sample() -> PathBuf {
    samples().join(".modern-work-monthly")
}

/// Runs the Modern Work sample as of `as_of` with extra arguments.
fn run_at(as_of: &str, extra: &[&str]) -> Output {
    Run::report_of(sample())
        .args(["--as-of", as_of, "--no-history"])
        .args(["--rules", "solutions-partner-modern-work"])
        .args(extra)
        .ok()
}

/// As of 2026-09-30, the date samples/README.md works out.
fn run(extra: &[&str]) -> Output {
    run_at("2026-09-30", extra)
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

fn num(cell: &Data) -> f64 {
    match cell {
        Data::Float(x) => (x * 1000.0).round() / 1000.0,
        Data::Int(n) => *n as f64,
        other => panic!("a number: {other:?}"),
    }
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

#[test]
fn the_json_gives_every_option_and_what_each_download_was_compared_with() {
    let json = run(&[]).json();
    let northwind = partner(&json, "3000001");
    let growth = &northwind["metrics"]["usage-growth"];
    assert_eq!(growth["exact"], true);
    assert_eq!(growth["not_exact_because"], Json::Array(Vec::new()));
    let options: Vec<(String, i64, f64)> = growth["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["association"].as_str().unwrap().to_string(),
                o["figure"].as_i64().unwrap(),
                o["points"].as_f64().unwrap(),
            )
        })
        .collect();
    // samples/README.md point 4: 660 as CPOR (19.8), 900 as DPOR (6.75).
    assert_eq!(
        options,
        [("CPOR".into(), 660, 19.8), ("DPOR".into(), 900, 6.75)]
    );
    let baselines: Vec<(&str, &str, &str, &str)> = northwind["baselines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["download"].as_str().unwrap(),
                b["current"].as_str().unwrap(),
                b["compared_with"].as_str().unwrap(),
                b["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        baselines,
        [
            ("OfficeUsage", "2026-09-01", "2025-09-01", "exact"),
            ("CPOR-M365-usage", "2026-09-01", "2025-09-01", "exact"),
        ]
    );
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

/// As of 2026-06-30 no download has a snapshot of 2025-06: 2025-09 stands
/// in (Northwind, Tailwind, Lakeshore), and Fourth Coffee, whose downloads
/// reach 2025-09 and 2026-09 only, has its 2025-09 snapshot as the current
/// one and nothing before it. samples/README.md works the figures out.
#[test]
fn a_missing_year_before_snapshot_is_marked_with_what_stood_in_and_what_to_drop() {
    let out = run_at("2026-06-30", &[]);
    let (json, report) = (out.json(), out.report());
    let standing = |id: &str| {
        let p = partner(&json, id);
        (
            p["score"].as_f64().unwrap(),
            p["path"].as_str().unwrap().to_string(),
            p["level"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        standing("3000001"),
        (48.2, "enterprise".into(), "none".into())
    );
    assert_eq!(standing("3000002"), (65.4, "smb".into(), "none".into()));
    assert_eq!(standing("3000003"), (20.6, "smb".into(), "none".into()));
    assert_eq!(
        standing("3000004"),
        (0.0, "enterprise".into(), "none".into())
    );
    let tailwind = partner(&json, "3000002");
    assert_eq!(
        metrics(tailwind),
        [
            m("net-customer-adds", 8.0, 4, 10, None),
            m("intermediate-certifications", 10.0, 3, 2, None),
            m("advanced-certifications", 15.0, 1, 1, None),
            m("usage-growth", 17.4, 290, 500, Some("CPOR")),
            m("deployments", 15.0, 3, 5, Some("CPOR")),
        ]
    );
    // Marked, never silently: each customer metric, and what stood in.
    for id in ["net-customer-adds", "usage-growth", "deployments"] {
        let metric = &tailwind["metrics"][id];
        assert_eq!(metric["exact"], false, "{id}");
        assert_eq!(metric["not_exact_because"][0], "year-before-snapshot");
    }
    assert_eq!(
        tailwind["metrics"]["intermediate-certifications"]["exact"],
        true
    );
    let office = &tailwind["baselines"][0];
    assert_eq!(office["download"], "OfficeUsage");
    assert_eq!(
        (
            &office["month"],
            &office["compared_with"],
            &office["status"]
        ),
        (
            &Json::from("2025-06"),
            &Json::from("2025-09-01"),
            &Json::from("stood-in")
        )
    );
    assert!(
        office["note"]
            .as_str()
            .unwrap()
            .contains("drop the 2025-06 OfficeUsage download into the archive's 2025-06 folder"),
        "{office}"
    );
    // Fourth Coffee: nothing stood in; nothing is credited.
    let fourth = partner(&json, "3000004");
    assert_eq!(fourth["baselines"][0]["status"], "missing");
    assert_eq!(fourth["baselines"][0]["compared_with"], Json::Null);
    assert_eq!(fourth["metrics"]["usage-growth"]["figure"], 0);
    let action = fourth["action"].as_str().unwrap();
    assert!(
        action.contains("Net customer adds, Usage growth and Deployments not exact")
            && action
                .contains("OfficeUsage has no snapshot of 2024-09 or later before the current one"),
        "{action}"
    );
    // The Summary's action says the same in the report.
    let summary = report.summary_rows();
    assert!(summary[3]["Action"].contains("2024-09"), "{summary:?}");
}

#[test]
fn rows_without_paid_licences_or_dates_are_marked() {
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
        p["metrics"]["deployments"]["not_exact_because"],
        serde_json::json!(["year-before-snapshot", "paid-licences"])
    );
    assert_eq!(p["baselines"][0]["download"], "customer-list");
    assert_eq!(p["baselines"][0]["current"], Json::Null);
    let action = p["action"].as_str().unwrap();
    assert!(
        action.contains("the customer list has no snapshot of 2025-09")
            && action.contains("some rows give no paid licences (PaidAvailableUnits)"),
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
    assert!(text.contains("copy checked 2026-05-08"), "{text}");
    // What partners read names Microsoft's page, never this project's work.
    assert!(!text.to_lowercase().contains("issue"), "{text}");
}

/// Runs the sample for June and then September 2026 into one reports
/// folder (with its history), as a monthly job would; returns September's
/// report.
fn run_june_and_september(reports: &Path, extra: &[&str]) -> Report {
    let mut report = None;
    for as_of in ["2026-06-30", "2026-09-30"] {
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
fn a_quarter_later_the_summary_says_who_is_now_qualified_and_how_the_score_moved() {
    // Last time from the history, and (without one) read back from June's
    // report: the same changes either way.
    for extra in [&[][..], &["--no-history"][..]] {
        let out = tempfile::tempdir().unwrap();
        let json = out.path().join("summary-{as_of}.json");
        let json = json.to_str().unwrap();
        let report = run_june_and_september(out.path(), &[extra, &["--json", json]].concat());
        let summary = report.typed_table("Summary");
        let cell = |id: &str, column: &str| {
            summary
                .iter()
                .find(|r| r["Partner ID"] == id)
                .map(|r| r[column].clone())
                .unwrap_or_else(|| panic!("{extra:?}: {id} in {summary:?}"))
        };
        assert_eq!(cell("3000002", "Change"), "now qualified", "{extra:?}");
        for id in ["3000001", "3000003", "3000004"] {
            assert_eq!(cell(id, "Change"), "unchanged", "{extra:?} {id}");
        }
        // 64.3 - 48.2, 70.5 - 65.4, 22.2 - 20.6, 45 - 0 (samples/README.md).
        let moved = |id: &str| num(&cell(id, "Score Change"));
        assert_eq!(moved("3000001"), 16.1, "{extra:?}");
        assert_eq!(moved("3000002"), 5.1, "{extra:?}");
        assert_eq!(moved("3000003"), 1.6, "{extra:?}");
        assert_eq!(moved("3000004"), 45.0, "{extra:?}");
        let read = |date: &str| read_json(&out.path().join(format!("summary-{date}.json")));
        let score_change = |json: &Json, id: &str| partner(json, id)["score_change"].clone();
        let september = read("2026-09-30");
        assert_eq!(score_change(&september, "3000002"), 5.1, "{extra:?}");
        let june = read("2026-06-30");
        assert_eq!(score_change(&june, "3000002"), Json::Null, "{extra:?}");
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
INSERT INTO partner_month VALUES ('2026-05', '2026-05-31', '3000001', 'Northwind Modern Work',
    'mature', 'none', 2200, 4, '2026-06-01T08:00:00+00:00');";

#[test]
fn history_shows_the_score_of_each_month_over_a_database_from_before_scores() {
    let out = tempfile::tempdir().unwrap();
    let db = out.path().join("history.sqlite");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(OLD_HISTORY_SCHEMA)
        .unwrap();
    let report = run_june_and_september(out.path(), &[]);
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
    assert_eq!(score("3000001", "2026-06"), Data::Float(48.2));
    assert_eq!(score("3000001", "2026-09"), Data::Float(64.3));
    assert_eq!(score("3000002", "2026-06"), Data::Float(65.4));
    assert_eq!(score("3000002", "2026-09"), Data::Float(70.5));
    // May was stored before scores were kept: no score, not its entitlements.
    assert_eq!(score("3000001", "2026-05"), Data::Empty);
    // A qualifying month reads as such and stays a number.
    let styles = part(&report, "xl/styles.xml").unwrap();
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
    assert_eq!(stored("2026-05", "3000001"), (None, 2200));
    assert_eq!(stored("2026-06", "3000003").0, Some(20.6));
    assert_eq!(stored("2026-09", "3000001").0, Some(64.3));
}
