//! The designations scored from Azure consumed revenue (Data & AI, Infrastructure, Digital &
//! App Innovation) and Security (issue 19): Partner Center's revenue downloads read as they
//! come, the rules files holding the pages' figures (all four shipped in `templates/`), and the
//! real binary on the sample `samples/.azure`, worked by hand in samples/README.md (its figures
//! are data: `tests/designations/expected.toml`).
//!
//! The scoring tests read the JSON summary a scored rule set writes (`level`, `score`, `path`,
//! `path_scores`, `metrics`), with every path scored, and a programme's (`designations`).

mod common;
#[path = "designations/drafts.rs"]
mod drafts;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::Data;
use common::*;
use serde_json::Value as Json;
use toml::{Table, Value};

fn sample() -> PathBuf {
    samples().join(".azure")
}

fn drafts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/drafts")
}

/// The four designations' draft rules files, by name.
const DESIGNATIONS: [&str; 4] = [
    "solutions-partner-data-ai",
    "solutions-partner-infrastructure",
    "solutions-partner-digital-app-innovation",
    "solutions-partner-security",
];

const AZURE: [&str; 3] = [
    "solutions-partner-data-ai",
    "solutions-partner-infrastructure",
    "solutions-partner-digital-app-innovation",
];

fn read_toml(path: &Path) -> Table {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A designation's rules file: shipped under `templates/`, else still a draft.
fn rules_file(name: &str) -> PathBuf {
    let shipped = drafts().join(format!("../{name}.toml"));
    if shipped.is_file() {
        shipped
    } else {
        drafts().join(format!("{name}.toml"))
    }
}

fn draft(name: &str) -> Table {
    read_toml(&rules_file(name))
}

fn expected() -> Table {
    read_toml(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/designations/expected.toml"))
}

fn table<'a>(t: &'a Table, key: &str) -> &'a Table {
    t.get(key)
        .and_then(Value::as_table)
        .unwrap_or_else(|| panic!("no table {key}"))
}

fn array<'a>(t: &'a Table, key: &str) -> &'a [Value] {
    t.get(key)
        .and_then(Value::as_array)
        .map_or(&[], |a| a.as_slice())
}

fn text<'a>(t: &'a Table, key: &str) -> &'a str {
    t.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no text {key} in {t:?}"))
}

/// A number, integer or float.
fn number(v: &Value) -> f64 {
    v.as_float()
        .or_else(|| v.as_integer().map(|i| i as f64))
        .unwrap_or_else(|| panic!("{v:?} is no number"))
}

fn num(t: &Table, key: &str) -> f64 {
    number(t.get(key).unwrap_or_else(|| panic!("no {key} in {t:?}")))
}

/// A per-path figure: `{ enterprise = 2, smb = 1 }`.
fn per_path(t: &Table, key: &str) -> (f64, f64) {
    let p = table(t, key);
    (num(p, "enterprise"), num(p, "smb"))
}

fn texts(v: &[Value]) -> Vec<&str> {
    v.iter().filter_map(Value::as_str).collect()
}

fn metrics(rules: &Table) -> Vec<&Table> {
    array(rules, "metrics")
        .iter()
        .filter_map(Value::as_table)
        .collect()
}

fn metric<'a>(rules: &'a Table, id: &str) -> &'a Table {
    metrics(rules)
        .into_iter()
        .find(|m| text(m, "id") == id)
        .unwrap_or_else(|| panic!("no metric {id}"))
}

fn steps(m: &Table) -> Vec<&Table> {
    array(m, "steps")
        .iter()
        .filter_map(Value::as_table)
        .collect()
}

fn parts(m: &Table) -> Vec<&Table> {
    array(m, "parts")
        .iter()
        .filter_map(Value::as_table)
        .collect()
}

/// A credential's label, by id.
fn label<'a>(rules: &'a Table, id: &str) -> &'a str {
    array(rules, "credentials")
        .iter()
        .filter_map(Value::as_table)
        .find(|c| text(c, "id") == id)
        .map(|c| text(c, "label"))
        .unwrap_or_else(|| panic!("no credential {id}"))
}

/// A step's credentials, by label.
fn step_labels<'a>(rules: &'a Table, step: &'a Table) -> Vec<&'a str> {
    texts(array(step, "credentials"))
        .into_iter()
        .map(|id| label(rules, id))
        .collect()
}

// ---- reading the downloads (phase 1) ---------------------------------------------------------

/// Runs the binary on `input` as of `as_of`, without history, with more arguments.
fn run(input: &Path, as_of: &str, extra: &[&str]) -> Output {
    Run::report_of(input)
        .args(["--as-of", as_of, "--no-history"])
        .args(extra)
        .ok()
}

/// The Run info row of an input file: its cells after the file's name.
fn run_info_row(report: &Report, file: &str) -> Vec<Data> {
    report
        .sheet("Run info")
        .into_iter()
        .find(|r| r.first().is_some_and(|c| c.to_string().ends_with(file)))
        .unwrap_or_else(|| panic!("no Run info row for {file}"))
}

#[test]
fn the_sample_downloads_are_read_as_partner_center_gives_them() {
    let run = run(&sample(), "2026-05-31", &[]);
    let json = run.json();
    assert_eq!(json["problems"], Json::Array(vec![]), "{json}");
    let report = run.report();
    for (file, kind, rows) in [
        ("AzureUsage-2026-06.csv", "Azure consumption", 255.0),
        ("AzureUsage-2025-06.csv", "Azure consumption", 219.0),
        ("TrainingCompletions.csv", "Transcripts", 32.0),
        ("M365-security-seats.csv", "Customers", 10.0),
    ] {
        let row = run_info_row(&report, file);
        assert_eq!(row[2], Data::String(kind.into()), "{file}: {row:?}");
        assert_eq!(row[4], Data::Float(rows), "{file}: {row:?}");
        assert_eq!(
            row[5],
            Data::Float(0.0),
            "{file}: no rows without a partner"
        );
    }
}

#[test]
fn a_revenue_download_names_its_bad_cells_and_reads_decimal_commas() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    // As German Excel saves it: semicolons, decimal commas, thousands points. `1.234` alone
    // could be either; the semicolons say the decimals are a comma's, so it is 1,234 dollars
    // (and no problem).
    std::fs::write(
        input.join("AzureUsage.csv"),
        "MPNID;CustomerTenantId;CustomerSegment;Month;ServiceLevel2;PartnerAttributionType;ACR_USD\r\n\
         4000002;t-1;SMB Commercial;2026-05-01;Azure Backup;CSP;1.234,56\r\n\
         4000002;t-2;SMB Commercial;2026-05-01;Azure Backup;CSP;12,34,5\r\n\
         4000002;t-3;SMB Commercial;spring;Azure Backup;PAL;100\r\n\
         4000002;t-4;SMB Commercial;2026-04-01;Azure Backup;Reseller;100\r\n\
         4000002;;SMB Commercial;2026-04-01;Azure Backup;DPOR;100\r\n\
         4000002;t-5;SMB Commercial;2026-04-01;Azure Backup;DPOR;1.234\r\n",
    )
    .unwrap();
    // The report is written and names every bad cell; the good rows score.
    let run = Run::report_of(&input)
        .args(["--as-of", "2026-05-31", "--no-history"])
        .args(["--rules", "solutions-partner-infrastructure"])
        .code(0);
    // t-1 ($1,234.56 in May, SMB Commercial) is last month's one customer: SMB. With t-5
    // ($1,234 in April, read with the file's decimal comma), two customers reach SMB's $500
    // in one of the last two months, none a year before: 2 of 3 customer adds, 20 points.
    let partner = &partners(&run.json())["4000002"];
    assert_eq!(partner["path"], "smb", "{partner}");
    close(
        &partner["metrics"]["net-customer-adds"]["figure"],
        2.0,
        "net adds",
    );
    close(
        &partner["metrics"]["net-customer-adds"]["points"],
        20.0,
        "net adds",
    );
    close(&partner["acr"], 1234.56, "last month's ACR");
    let problems: Vec<(String, String)> = run.json()["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert_eq!(p["file"], "in/AzureUsage.csv");
            (
                p["cell"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        (
            "G3",
            "ACR_USD '12,34,5' is not an amount (write it as 1234.56)",
        ),
        (
            "D4",
            "Month 'spring' is not a month I can read (write it as 2025-07, FY26-Jul or a date)",
        ),
        (
            "F5",
            "PartnerAttributionType 'Reseller' is not one I know (expected CSP, CSP Tier 1, CSP Tier 2, DPOR, PAL or None)",
        ),
        ("B6", "CustomerTenantId is blank"),
    ];
    assert_eq!(
        problems,
        expected.map(|(c, m)| (c.to_string(), m.to_string())),
    );
    let row = run_info_row(&run.report(), "AzureUsage.csv");
    assert_eq!(row[2], Data::String("Azure consumption".into()));
    assert_eq!(row[4], Data::Float(6.0));
}

// ---- the hand-worked figures ---------------------------------------------------------------

/// One partner's expected figures under one designation.
struct Expected<'a> {
    rules: &'a str,
    partner: &'a Table,
}

fn expectations(all: &Table) -> Vec<Expected<'_>> {
    array(all, "designations")
        .iter()
        .filter_map(Value::as_table)
        .flat_map(|d| {
            let rules = text(d, "rules");
            array(d, "partners")
                .iter()
                .filter_map(Value::as_table)
                .map(move |partner| Expected { rules, partner })
        })
        .collect()
}

const CENT: f64 = 0.005;

#[test]
fn the_hand_worked_figures_add_up_under_the_drafts() {
    let all = expected();
    let cases = expectations(&all);
    assert_eq!(cases.len(), 12);
    for Expected { rules, partner } in cases {
        let id = text(partner, "id");
        let draft = draft(rules);
        let points = table(partner, "metrics");
        // Every metric of the draft, in its order, within its maximum.
        let names: Vec<&str> = points.keys().map(String::as_str).collect();
        let mut defined: Vec<&str> = metrics(&draft).iter().map(|m| text(m, "id")).collect();
        defined.sort_unstable();
        let mut named = names.clone();
        named.sort_unstable();
        assert_eq!(named, defined, "{rules} {id}");
        for (m, p) in points {
            let p = number(p);
            assert!(
                p >= 0.0 && p <= num(metric(&draft, m), "points"),
                "{rules} {id} {m}"
            );
        }
        let sum: f64 = points.values().map(number).sum();
        let score = num(partner, "score");
        assert!(
            (sum - score).abs() < CENT,
            "{rules} {id}: {sum} against {score}"
        );
        let qualifies = score >= 70.0 && points.values().all(|p| number(p) >= 1.0);
        assert_eq!(
            text(partner, "level"),
            if qualifies { "qualified" } else { "none" },
            "{rules} {id}"
        );
        if let Some(paths) = partner.get("path_scores").and_then(Value::as_table) {
            assert!((num(paths, text(partner, "path")) - score).abs() < CENT);
            assert!(
                paths.values().all(|s| number(s) <= score + CENT),
                "{rules} {id}"
            );
        }
    }
}

// ---- scoring ----------------------------------------------------------------------------------

fn draft_path(name: &str) -> String {
    rules_file(name).to_string_lossy().into_owned()
}

/// The JSON summary's partner entries, by partner id.
fn partners(json: &Json) -> BTreeMap<String, Json> {
    json["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["partner_id"].as_str().unwrap().to_string(), p.clone()))
        .collect()
}

fn close(actual: &Json, expected: f64, what: &str) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {actual} is no number"));
    assert!(
        (a - expected).abs() < CENT,
        "{what}: {a}, expected {expected}"
    );
}

#[test]
fn the_sample_scores_as_worked_by_hand() {
    let all = expected();
    let as_of = text(&all, "as_of");
    // The four designations, by their shipped names.
    for name in DESIGNATIONS {
        let out = run(&sample(), as_of, &["--rules", name]);
        let json = out.json();
        if name == "solutions-partner-data-ai" {
            // Partner Details: the track and why, and the ACR as numbers (a currency format).
            let details = out.report().typed_table("Partner Details");
            let adatum = details
                .iter()
                .find(|r| r["Partner ID"] == "4000001")
                .unwrap();
            assert_eq!(adatum["ACR last month"], Data::Float(11_250.0));
            assert_eq!(adatum["ACR a year before"], Data::Float(10_000.0));
            let why = adatum["Track and why"].to_string();
            assert_eq!(
                why,
                "Enterprise: 1 of 5 customers with ACR in 2026-05 in an SMB segment (SMB needs 80 %)"
            );
        }
        if name == "solutions-partner-security" {
            // Partner Details: security ACR over 12 months as numbers, the parts in their units,
            // and the route in Security's units.
            let details = out.report().typed_table("Partner Details");
            let trey = details
                .iter()
                .find(|r| r["Partner ID"] == "4000003")
                .unwrap();
            assert_eq!(trey["Security ACR, 12 months"], Data::Float(50_720.0));
            assert_eq!(
                trey["Security ACR, 12 months a year before"],
                Data::Float(27_200.0)
            );
            let azure = trey["Azure part (security ACR)"].to_string();
            assert!(
                azure.contains("Usage growth: $7,020 / $15,000 (9.36 points)"),
                "{azure}"
            );
            let m365 = trey["Microsoft 365 part"].to_string();
            assert!(
                m365.contains("Usage growth: 470 / 1,000 (9.4 points)"),
                "{m365}"
            );
            let adatum = details
                .iter()
                .find(|r| r["Partner ID"] == "4000001")
                .unwrap();
            let route = adatum["Cheapest Route"].to_string();
            assert!(
                route.contains("$750 more security ACR over 12 months (+1 point)")
                    && route.contains("to qualify on the SMB path"),
                "{route}"
            );
        }
        assert_eq!(json["problems"], Json::Array(vec![]));
        let got = partners(&json);
        for Expected { rules, partner } in expectations(&all) {
            if rules != name {
                continue;
            }
            let id = text(partner, "id");
            let p = &got[id];
            let what = format!("{name} {id}");
            assert_eq!(p["level"], text(partner, "level"), "{what}");
            assert_eq!(p["path"], text(partner, "path"), "{what}");
            close(&p["score"], num(partner, "score"), &what);
            for (m, points) in table(partner, "metrics") {
                close(
                    &p["metrics"][m]["points"],
                    number(points),
                    &format!("{what} {m}"),
                );
            }
            if let Some(paths) = partner.get("path_scores").and_then(Value::as_table) {
                for (path, points) in paths {
                    close(
                        &p["path_scores"][path],
                        number(points),
                        &format!("{what} {path}"),
                    );
                }
            }
        }
    }
}

#[test]
fn a_certification_passed_after_its_retirement_does_not_count() {
    let dir = tempfile::tempdir().unwrap();
    // Data & AI's gates met twice over; two Azure AI Engineers, the certification retiring on
    // 2026-06-30: one passed before (it counts through 2027-06-30), one after.
    let mut lines =
        vec!["MpnId,Email,TrainingTitle,TrainingType,TrainingCompletionDate".to_string()];
    for who in ["ann", "bo"] {
        for c in [
            "Azure Administrator Associate",
            "Azure Solutions Architect Expert",
        ] {
            lines.push(format!(
                "5800001,{who}@ex.example,Microsoft Certified: {c},Certification,2025-01-15"
            ));
        }
    }
    for (who, passed) in [("cy", "2026-06-29"), ("di", "2026-07-01")] {
        lines.push(format!(
            "5800001,{who}@ex.example,Microsoft Certified: Azure AI Engineer Associate,Certification,{passed}"
        ));
    }
    std::fs::write(
        dir.path().join("TrainingCompletions.csv"),
        lines.join("\r\n"),
    )
    .unwrap();
    let json = run(
        dir.path(),
        "2026-08-31",
        &["--rules", "solutions-partner-data-ai"],
    )
    .json();
    let p = &partners(&json)["5800001"];
    let m = &p["metrics"]["intermediate-certifications"];
    assert_eq!(m["steps"], serde_json::json!([2, 2, 1]), "{p}");
    // Shown as the places filled: 2 + 2 + 1 of Enterprise's 2 + 2 + 10.
    close(&m["figure"], 5.0, "places filled");
    close(&m["threshold"], 14.0, "places");
    // One of ten electives on Enterprise: 4 points.
    close(&m["points"], 4.0, "intermediate");
}

/// Writes a `TrainingCompletions` download holding each example's people as a partner of its
/// own (5900001, 5900002, ...): a person holds the first credential of each step listed.
fn examples_transcripts(rules: &Table, metric_id: &str, dir: &Path) -> Vec<(String, String, f64)> {
    let mut lines =
        vec!["MpnId,Email,TrainingTitle,TrainingType,TrainingCompletionDate".to_string()];
    let mut cases = Vec::new();
    let examples = array(rules, "examples")
        .iter()
        .filter_map(Value::as_table)
        .filter(|e| text(e, "metric") == metric_id);
    for (i, e) in examples.enumerate() {
        let partner = format!("{}", 5_900_001 + i);
        let steps = steps(metric(rules, metric_id));
        for (j, person) in array(e, "people").iter().enumerate() {
            for step in texts(person.as_array().unwrap()) {
                let step = steps.iter().find(|s| text(s, "id") == step).unwrap();
                let first = texts(array(step, "credentials"))[0];
                let name = array(rules, "credentials")
                    .iter()
                    .filter_map(Value::as_table)
                    .find(|c| text(c, "id") == first)
                    .map(|c| text(c, "name"))
                    .unwrap();
                // Passed before every retirement the drafts name, and not expired.
                lines.push(format!(
                    "{partner},p{j}@ex{i}.example,\"{name}\",Certification,2025-01-15"
                ));
            }
        }
        cases.push((partner, text(e, "path").to_string(), num(e, "points")));
    }
    std::fs::write(dir.join("TrainingCompletions.csv"), lines.join("\r\n")).unwrap();
    cases
}

#[test]
fn the_pages_worked_examples_score_as_the_pages_say() {
    let mut checked = 0;
    for name in DESIGNATIONS {
        let rules = draft(name);
        for metric_id in ["intermediate-certifications", "advanced-certifications"] {
            let dir = tempfile::tempdir().unwrap();
            let cases = examples_transcripts(&rules, metric_id, dir.path());
            if cases.is_empty() {
                continue;
            }
            let json = run(dir.path(), "2026-05-31", &["--rules", &draft_path(name)]).json();
            let got = partners(&json);
            for (partner, path, points) in cases {
                // The people are all the partner has: its score on a path is the metric's.
                close(
                    &got[&partner]["path_scores"][&path],
                    points,
                    &format!("{name} {metric_id} {partner} {path}"),
                );
                checked += 1;
            }
        }
    }
    // Data & AI 8, Infrastructure 14, Digital & App Innovation 14.
    // Data & AI 8, Infrastructure 14, Digital & App Innovation 14, Security 8.
    assert_eq!(checked, 44);
}

#[test]
fn one_report_holds_every_designation() {
    let programme = drafts().join("solutions-partners-azure-and-security.toml");
    let all = expected();
    let run = run(
        &sample(),
        text(&all, "as_of"),
        &["--rules", &programme.to_string_lossy()],
    );
    // A Summary column per designation; each partner's JSON entry carries every designation.
    let summary = run.report().summary_rows();
    let got = partners(&run.json());
    for Expected { rules, partner } in expectations(&all) {
        let id = text(partner, "id");
        let entry = &got[id]["designations"][rules];
        assert_eq!(entry["level"], text(partner, "level"), "{rules} {id}");
        close(
            &entry["score"],
            num(partner, "score"),
            &format!("{rules} {id}"),
        );
        let rules_file = draft(rules);
        let name = text(table(&rules_file, "competency"), "name");
        let row = summary.iter().find(|r| r["Partner ID"] == id).unwrap();
        assert!(row.contains_key(name), "no Summary column {name}");
    }
}
