//! Solutions Partner for Business Applications: the real binary on the
//! hand-worked sample (`samples/.business-applications`, worked out in
//! samples/README.md) and on the page's own examples.
//!
//! Phase 1 of issue 20 reads the downloads; the scoring tests state the
//! figures the designation's rule family must give and are ignored until
//! it lands (phase 2). The JSON they read is the points family's (score,
//! path, metrics with points, figure and threshold), the track as the
//! path.

mod common;

use std::path::{Path, PathBuf};

use common::mail::read_parts;
use common::*;
use serde_json::Value as Json;

fn sample() -> PathBuf {
    samples().join(".business-applications")
}

fn draft_rules() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/solutions-partner-business-applications.toml")
}

/// Runs `input` under `rules` as of `as_of`, through the harness.
fn run(input: &Path, rules: &Path, as_of: &str) -> Output {
    Run::report_of(input)
        .args(["--as-of", as_of, "--no-history", "--rules"])
        .arg(rules)
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

/// (metric, points, figure, threshold) of a partner, in the rules' order.
fn metrics(p: &Json) -> Vec<(String, f64, f64, f64)> {
    const ORDER: [&str; 5] = [
        "net-customer-adds",
        "intermediate-certifications",
        "advanced-certifications",
        "usage-growth",
        "deployments",
    ];
    let mut out: Vec<(String, f64, f64, f64)> = p["metrics"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, m)| {
            (
                id.clone(),
                m["points"].as_f64().unwrap(),
                m["figure"].as_f64().unwrap(),
                m["threshold"].as_f64().unwrap(),
            )
        })
        .collect();
    out.sort_by_key(|(id, ..)| ORDER.iter().position(|o| o == id));
    out
}

#[test]
fn the_downloads_are_read_as_partner_center_writes_them() {
    // Any rule set reads the downloads; the Modern Work one is shipped.
    let out = run(
        &sample(),
        Path::new("solutions-partner-modern-work"),
        "2026-05-15",
    );
    let summary = out.json();
    assert_eq!(
        summary["problems"].as_array().map(Vec::len),
        Some(0),
        "{summary}"
    );
    let info = out.report().sheet("Run info");
    let text = |c: &calamine::Data| c.to_string();
    // (file, sheet, read as, rows read) for every sheet of the sample, the
    // file as shown: under the input folder named.
    let mut sheets: Vec<(String, String, String, String)> = info
        .iter()
        .filter(|row| {
            row.len() >= 5 && [".csv", ".xlsx"].iter().any(|e| text(&row[0]).ends_with(e))
        })
        .map(|row| (text(&row[0]), text(&row[1]), text(&row[2]), text(&row[4])))
        .collect();
    sheets.sort();
    assert_eq!(
        sheets,
        [
            (
                ".business-applications/4000101 Contoso Dynamics/BusinessApplicationsRevenue.csv"
                    .to_string(),
                String::new(),
                "Business Applications revenue".to_string(),
                "140".to_string()
            ),
            (
                ".business-applications/4000101 Contoso Dynamics/BusinessApplicationsUsage.csv"
                    .to_string(),
                String::new(),
                "Business Applications usage".to_string(),
                "123".to_string()
            ),
            (
                ".business-applications/4000102 Fabrikam Apps/business-applications.xlsx"
                    .to_string(),
                "Revenue".to_string(),
                "Business Applications revenue".to_string(),
                "91".to_string()
            ),
            (
                ".business-applications/4000102 Fabrikam Apps/business-applications.xlsx"
                    .to_string(),
                "Usage".to_string(),
                "Business Applications usage".to_string(),
                "86".to_string()
            ),
            (
                ".business-applications/transcripts.csv".to_string(),
                String::new(),
                "Transcripts".to_string(),
                "26".to_string()
            ),
        ]
    );
}

#[test]
fn the_sample_is_scored_as_worked_by_hand() {
    let summary = run(&sample(), &draft_rules(), "2026-05-15").json();
    let contoso = partner(&summary, "4000101");
    assert_eq!(contoso["level"], "qualified");
    assert_eq!(contoso["path"], "enterprise");
    assert_eq!(contoso["score"].as_f64(), Some(72.57));
    assert_eq!(
        metrics(contoso),
        [
            ("net-customer-adds".to_string(), 12.0, 4.0, 5.0),
            ("intermediate-certifications".to_string(), 14.0, 14.0, 20.0),
            // 15 × 4 / 7, not 4 × 2.14.
            ("advanced-certifications".to_string(), 8.57, 4.0, 7.0),
            // (95,000 − 69,000) / 69,000 = 37.68 %.
            ("usage-growth".to_string(), 30.0, 37.68, 30.0),
            ("deployments".to_string(), 8.0, 2.0, 5.0),
        ]
    );
    let fabrikam = partner(&summary, "4000102");
    assert_eq!(fabrikam["level"], "none");
    // Six workloads over $5,000 now, but two a year before: SMB.
    assert_eq!(fabrikam["path"], "smb");
    assert_eq!(fabrikam["score"].as_f64(), Some(40.5));
    assert_eq!(
        metrics(fabrikam),
        [
            ("net-customer-adds".to_string(), 9.0, 3.0, 5.0),
            ("intermediate-certifications".to_string(), 12.0, 3.0, 5.0),
            ("advanced-certifications".to_string(), 7.5, 1.0, 2.0),
            // A baseline of 22,000 MCV, below 25,000: no points however
            // much it grew (to 43,000).
            ("usage-growth".to_string(), 0.0, 95.45, 30.0),
            ("deployments".to_string(), 12.0, 3.0, 5.0),
        ]
    );
}

/// The page's rate card example as a usage download: "A Business Central
/// deployment of 10 MAU one month would be 10,000 MCV ... A Customer
/// Insights deployment with 50,000 profiles would be 10,000 MCV ...
/// Together, these two customers ... would count as 20,000 MCV".
#[test]
fn the_pages_consumption_example_is_two_deployments_of_10000() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("4000201 Woodgrove Apps");
    std::fs::create_dir_all(&folder).unwrap();
    let header = "FiscalMonthName,PartnerAssociationType,CustomerTenantID,MetricType,Workload,SkuGroup,PAMAU,MAC,MAU";
    let usage = format!(
        "{header}\n\
         FY26-Apr,CSP T1,t-business-central,Paid,Business Central,Essentials,10,,10\n\
         FY26-Apr,PAL,t-customer-insights,Paid,Customer Insights,Profiles,,50000,\n"
    );
    std::fs::write(folder.join("usage.csv"), usage).unwrap();
    let summary = run(dir.path(), &draft_rules(), "2026-05-15").json();
    let p = partner(&summary, "4000201");
    // No revenue: the SMB track. Each customer's 10,000 MCV is a
    // deployment there (5,000), and would be on Enterprise too (10,000).
    assert_eq!(p["path"], "smb");
    let deployments = &p["metrics"]["deployments"];
    assert_eq!(deployments["figure"].as_f64(), Some(2.0));
    assert_eq!(deployments["points"].as_f64(), Some(8.0));
    // 20,000 MCV now, nothing a year before: below any baseline.
    let growth = &p["metrics"]["usage-growth"];
    assert_eq!(growth["now"].as_f64(), Some(20_000.0));
    assert_eq!(growth["year_before"].as_f64(), Some(0.0));
    assert_eq!(growth["points"].as_f64(), Some(0.0));
}

/// A plain "CSP" in the downloads (no tier) is the transacting partner,
/// who is "CSP Tier 1" or "CSP Tier 2": its rows count for net customer
/// adds and for Dynamics 365's customer success as a Tier 1 row does.
#[test]
fn a_plain_csp_row_counts_as_a_tier_1_row() {
    let dir = tempfile::tempdir().unwrap();
    for (id, name, association) in [
        ("4000301", "Tier One Ltd", "CSP T1"),
        ("4000302", "Plain Csp Ltd", "CSP"),
    ] {
        let folder = dir.path().join(format!("{id} {name}"));
        std::fs::create_dir_all(&folder).unwrap();
        let revenue = format!(
            "FiscalMonthName,PartnerAssociationType,CustomerTenantID,SubscriptionId,Workloads,AdjustedRevenueAmtCD\n\
             FY26-Apr,{association},t-one,S-1,Power Apps,2000\n\
             FY26-Apr,{association},t-two,S-2,Sales,900\n"
        );
        std::fs::write(folder.join("BusinessApplicationsRevenue.csv"), revenue).unwrap();
        let usage = format!(
            "FiscalMonthName,PartnerAssociationType,CustomerTenantID,MetricType,Workload,SkuGroup,PAMAU,MAC,MAU\n\
             FY26-Apr,{association},t-two,Paid,Dynamics 365 Sales,Enterprise,30,,30\n"
        );
        std::fs::write(folder.join("BusinessApplicationsUsage.csv"), usage).unwrap();
    }
    let summary = run(dir.path(), &draft_rules(), "2026-05-15").json();
    let [tier_1, plain] = ["4000301", "4000302"].map(|id| metrics(partner(&summary, id)));
    // Two workloads at tenants over SMB's $250 now, none a year before;
    // 30 Sales users at 200 = 6,000 MCV, a deployment over SMB's 5,000.
    assert_eq!(tier_1[0], ("net-customer-adds".to_string(), 6.0, 2.0, 5.0));
    assert_eq!(tier_1[4], ("deployments".to_string(), 4.0, 1.0, 5.0));
    assert_eq!(plain, tier_1);
}

/// The sample's report as of its date (both partners).
fn sample_report() -> Report {
    run(&sample(), &draft_rules(), "2026-05-15").report()
}

/// `Partner Details` shows a score's figures, not a competency's columns:
/// each metric against its threshold with its points (usage growth in
/// percent), the track and why, the months compared, usage growth's MCV
/// against its baseline, the route, and both tracks' points.
#[test]
fn partner_details_shows_the_score_track_months_and_usage_growth() {
    let report = sample_report();
    let details = report.by("Partner Details", "Partner ID");
    let contoso = &details["4000101"];
    assert_eq!(contoso["Path"], "Enterprise");
    assert_eq!(contoso["Net customer adds"], "4 of 5: 12");
    assert_eq!(contoso["Advanced certifications"], "4 of 7: 8.57");
    assert_eq!(contoso["Usage growth"], "37.68 % of 30 %: 30");
    assert_eq!(
        contoso["Track and why"],
        "Enterprise: 5 workloads at tenants over $5,000 in 2026-04, 5 in 2025-04 (Enterprise needs 5 in both)"
    );
    assert_eq!(contoso["Month scored / a year before"], "2026-04 / 2025-04");
    assert_eq!(
        contoso["Usage growth: MCV now / a year before / baseline"],
        "95,000 / 69,000 / 50,000 (reached)"
    );
    assert_eq!(contoso["Enterprise Score"], "72.57");
    assert_eq!(contoso["Cheapest Route"], "");
    let fabrikam = &details["4000102"];
    assert_eq!(
        fabrikam["Track and why"],
        "SMB: 6 workloads at tenants over $5,000 in 2026-04, 2 in 2025-04 (Enterprise needs 5 in both)"
    );
    assert_eq!(fabrikam["Usage growth"], "95.45 % of 30 %: 0");
    assert_eq!(
        fabrikam["Usage growth: MCV now / a year before / baseline"],
        "43,000 / 22,000 / 25,000 (not reached: no points)"
    );
    assert_eq!(fabrikam["SMB Score"], "40.5");
    assert!(
        fabrikam["Cheapest Route"]
            .starts_with("needs usage growth to score: the month a year before must reach 25,000 MCV (2025-04: 22,000)"),
        "{fabrikam:?}"
    );
    // A competency's columns (entitlements, customer rows) are not there.
    let header = &report.grid("Partner Details")[0];
    assert!(
        !header
            .iter()
            .any(|h| h.contains("Customer Rows") || h.contains("Entitle")),
        "{header:?}"
    );
}

/// `Next Steps` has a row per step of the route, in the designation's
/// units, the score after each; the baseline gate and the track are steps
/// of their own.
#[test]
fn next_steps_has_a_row_per_route_step_in_revenue_and_mcv() {
    // Contoso without its people: 50 points, both certification metrics
    // at 0 (each blocks).
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &sample().join("4000101 Contoso Dynamics"),
        &dir.path().join("4000101 Contoso Dynamics"),
    );
    let report = run(dir.path(), &draft_rules(), "2026-05-15").report();
    let steps = report.table("Next Steps");
    let rows: Vec<(&str, &str, &str, &str)> = steps
        .iter()
        .map(|r| {
            (
                r["Metric"].as_str(),
                r["What To Do"].as_str(),
                r["Points Added"].as_str(),
                r["Score After"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // Datum's Power BI: $800 now (one subscription under CSP T1
            // and DPOR counts once), $1,500 counts on Enterprise.
            (
                "Net customer adds",
                "$700 more on Power BI at Datum Corporation (+1 workload add)",
                "3",
                "53"
            ),
            (
                "Intermediate certifications",
                "1 more intermediate certification",
                "1",
                "54"
            ),
            (
                "Advanced certifications",
                "2 more advanced certifications",
                "4.28",
                "58.28"
            ),
            // 25 Power Apps users at 200 = 5,000 MCV, 4 Business Central
            // users at 1,000 = 4,000; a deployment needs 10,000 (25 and 6
            // more users at their rates); a third has nothing yet to name.
            (
                "Deployments",
                "5,000 more MCV on Power Apps at Graphic Design Institute (25 more users), \
                 6,000 more MCV on Business Central at Fourth Coffee (6 more users) and \
                 1 more deployment (a workload at a tenant with at least 10,000 MCV) (+3 deployments)",
                "12",
                "70.28"
            ),
        ]
    );
    assert!(
        steps
            .iter()
            .all(|r| r["Partner ID"] == "4000101" && r["Score Now"] == "50")
    );
    // The Summary's action says the same, each step with its points.
    let summary = report.summary_rows();
    assert!(
        summary[0]["Action"].starts_with(
            "needs $700 more on Power BI at Datum Corporation (+1 workload add, +3), \
             1 more intermediate certification (+1)"
        ),
        "{summary:?}"
    );

    // The same in German, from the German table.
    let german = Run::report_of(dir.path())
        .args([
            "--as-of",
            "2026-05-15",
            "--no-history",
            "--lang",
            "de",
            "--rules",
        ])
        .arg(draft_rules())
        .ok()
        .report();
    let steps = german.table("Nächste Schritte");
    assert_eq!(
        steps[0]["Was zu tun ist"],
        "700 $ mehr für Power BI bei Datum Corporation (+1 neue Arbeitslast)"
    );

    // Fabrikam: usage growth's baseline and the track, each a row.
    let report = sample_report();
    let steps = report.table("Next Steps");
    let what: Vec<(&str, &str)> = steps
        .iter()
        .map(|r| (r["Metric"].as_str(), r["What To Do"].as_str()))
        .collect();
    assert_eq!(
        what,
        [
            (
                "Usage growth",
                "usage growth to score: the month a year before must reach 25,000 MCV (2025-04: 22,000)"
            ),
            (
                "",
                "5 workloads at tenants over $5,000 in 2026-04 and in 2025-04 move you to the Enterprise track (now 6 and 2)"
            ),
        ]
    );
}

/// The Dashboard leaves out "active users by outcome" (it counts customer
/// list rows, which a revenue-scored designation has none of) rather than
/// show zeros.
#[test]
fn the_dashboard_has_no_customer_row_outcomes() {
    let report = sample_report();
    let cells: Vec<String> = report.grid("Dashboard").concat();
    assert!(cells.iter().any(|c| c == "Partners per level"), "{cells:?}");
    assert!(
        !cells
            .iter()
            .any(|c| c.contains("by outcome") || c == "Counted" || c == "Not associated"),
        "{cells:?}"
    );
    // One chart (partners per level), no table or chart of outcomes.
    let parts = common::xlsx::parts(report.path());
    let charts: Vec<&String> = parts
        .iter()
        .filter(|p| p.contains("charts/chart"))
        .collect();
    assert_eq!(charts.len(), 1, "{parts:?}");
    let tables = parts.iter().filter(|p| p.contains("tables/table"));
    assert!(
        tables
            .filter_map(|t| common::xlsx::part(report.path(), t))
            .all(|xml| !xml.contains("Outcomes"))
    );
}

#[test]
fn a_partners_message_speaks_in_the_metrics_own_units() {
    // The sample with a partners sheet naming where each report goes, and
    // an operator: every message goes to the outbox (no SMTP server).
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    copy_tree(&sample(), &input);
    std::fs::write(
        input.join("partners.csv"),
        "Partner ID,Partner Name,Contact Email\r\n\
         4000101,Contoso Dynamics,partners@contoso.example\r\n\
         4000102,Fabrikam Apps,ops@fabrikam.example\r\n",
    )
    .unwrap();
    let config = dir.path().join("competency-report.toml");
    std::fs::write(&config, "[email]\noperators = [\"ops@example.com\"]\n").unwrap();
    let out = dir.path().join("out");
    Run::new()
        .args(["run", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .args([
            "--as-of",
            "2026-05-15",
            "--no-history",
            "--no-archive",
            "--rules",
        ])
        .arg(draft_rules())
        .arg("--email")
        .arg("--email-config")
        .arg(&config)
        .ok();
    let fabrikam = read_parts(&out.join("outbox/competency-report-2026-05-15-partner-4000102.eml"));
    // Usage growth is a percentage against the page's 30 % (95.45 % growth,
    // held at 0 points by its baseline), never the hundredths it is kept in.
    for part in [&fabrikam.text, &fabrikam.html] {
        assert!(part.contains("95.45 % of 30 %"), "{part}");
        assert!(!part.contains("9,545"), "{part}");
    }
    assert!(fabrikam.text.contains("25,000"), "{}", fabrikam.text);
}
