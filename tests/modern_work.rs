//! Solutions Partner for Modern Work, a points-scored rule set: the real
//! binary on the hand-checked sample (`samples/.modern-work`, worked out in
//! samples/README.md), and `rules` describing it.

mod common;

use std::path::PathBuf;

use common::*;
use serde_json::Value as Json;

fn sample() -> PathBuf {
    samples().join(".modern-work")
}

/// Runs the Modern Work sample; returns the output folder, report and JSON.
fn run(extra: &[&str]) -> (tempfile::TempDir, PathBuf, Json) {
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("summary.json");
    bin()
        .args(["run", "--as-of", "2026-09-30", "--no-history"])
        .args(["--rules", "solutions-partner-modern-work", "--input"])
        .arg(sample())
        .arg("--output")
        .arg(out.path())
        .arg("--json")
        .arg(&json)
        .args(extra)
        .assert()
        .success();
    let summary = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let report = only_report(out.path());
    (out, report, summary)
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
    let (out, _report, _) = run(&[]);
    let text = std::fs::read_to_string(out.path().join("summary.json")).unwrap();
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
    let (_out, _report, summary) = run(&[]);
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
        "needs 1 more advanced certification (+15) for 70 points on the SMB path"
    );
    for p in [contoso, fabrikam, lakeshore] {
        for metric in p["metrics"].as_object().unwrap().values() {
            assert_eq!(metric["missing_input"], Json::Null, "{p}");
        }
    }
}

#[test]
fn competency_json_has_no_points_fields() {
    let run = run_samples_with(&[]);
    for p in run.json["partners"].as_array().unwrap() {
        for key in ["score", "path", "path_scores", "metrics"] {
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
    let out = dir.path().join("out");
    let json = dir.path().join("s.json");
    bin()
        .args(["run", "--as-of", "2026-09-30", "--no-history"])
        .args(["--rules", "solutions-partner-modern-work", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .arg("--json")
        .arg(&json)
        .assert()
        .success();
    let summary: Json = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
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
    let out = bin()
        .args(["rules", "--rules", "solutions-partner-modern-work"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.starts_with("Solutions Partner for Modern Work designation, Partner capability score"),
        "{text}"
    );
    assert!(text.contains("Deployments (25 points)"), "{text}");
}
