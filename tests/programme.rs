//! Several rule sets in one report (`--rules` given more than once, or a
//! programme file): the Summary holds a level and a score column per rule
//! set, each rule set has its own sheet, and each partner's JSON entry
//! carries every rule set exactly as a run of that rule set alone scores it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value as Json;

const AS_OF: &str = "2026-06-30";
const MODERN_WORK: &str = "solutions-partner-modern-work";
const BUSINESS_APPS: &str = "solutions-partner-business-applications";

/// The Modern Work and Business Applications samples in one inbox.
fn both_samples(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    copy_tree(&samples().join(".business-applications"), &input);
    copy_tree(&samples().join(".modern-work-monthly/inbox"), &input);
    input
}

fn run(input: &Path, rules: &[&str]) -> Output {
    let mut run = Run::report_of(input).args(["--as-of", AS_OF, "--no-history"]);
    for r in rules {
        run = run.args(["--rules", r]);
    }
    run.ok()
}

/// A JSON summary's partners by id.
fn by_id(json: &Json) -> BTreeMap<String, Json> {
    json["partners"]
        .as_array()
        .expect("partners")
        .iter()
        .map(|p| (p["partner_id"].as_str().unwrap().to_string(), p.clone()))
        .collect()
}

#[test]
fn each_partner_carries_every_rule_set_as_scored_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = both_samples(dir.path());
    let together = run(&input, &[MODERN_WORK, BUSINESS_APPS]);
    let json = together.json();
    assert_eq!(json["designations"][0]["key"], MODERN_WORK);
    assert_eq!(json["designations"][1]["key"], BUSINESS_APPS);
    let partners = by_id(&json);
    assert!(partners.len() >= 6, "{}", partners.len());
    let mut qualified = 0;
    for rules in [MODERN_WORK, BUSINESS_APPS] {
        let alone = by_id(&run(&input, &[rules]).json());
        assert_eq!(alone.len(), partners.len(), "{rules}");
        for (id, mut entry) in alone {
            let object = entry.as_object_mut().unwrap();
            let name = object
                .remove("partner_id")
                .and(object.remove("partner_name"));
            let p = &partners[&id];
            assert_eq!(p["partner_name"], name.unwrap(), "{id}");
            assert_eq!(p["designations"][rules], entry, "{rules} {id}");
            qualified += usize::from(entry["level"] != "none");
        }
    }
    let held: u64 = partners
        .values()
        .map(|p| p["designations_held"].as_u64().unwrap())
        .sum();
    assert_eq!(held, qualified as u64);
}

#[test]
fn the_summary_shows_every_rule_set_and_each_has_its_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let input = both_samples(dir.path());
    let together = run(&input, &[MODERN_WORK, BUSINESS_APPS]);
    let report = together.report();
    assert_eq!(
        report.sheet_names(),
        [
            "Summary",
            "Modern Work",
            "Business Applications",
            "Problems",
            "Run info"
        ]
    );
    let json = by_id(&together.json());
    let summary = report.summary_rows();
    assert_eq!(summary.len(), json.len());
    for row in &summary {
        let p = &json[&row["Partner ID"]];
        for (rules, name, short) in [
            (
                MODERN_WORK,
                "Solutions Partner for Modern Work",
                "Modern Work",
            ),
            (
                BUSINESS_APPS,
                "Solutions Partner for Business Applications",
                "Business Applications",
            ),
        ] {
            let entry = &p["designations"][rules];
            let word = if entry["level"] == "qualified" {
                "Qualified"
            } else {
                "Not qualified"
            };
            assert_eq!(row[name], word, "{row:?}");
            let score: f64 = row[&format!("{short}: score")].parse().unwrap();
            assert!(
                (score - entry["score"].as_f64().unwrap()).abs() < 0.005,
                "{row:?}"
            );
        }
    }
    // A rule set's sheet is the Summary a run of it alone writes, without
    // the links to sheets this report does not have.
    let alone = run(&input, &[MODERN_WORK]).report().summary_rows();
    assert_eq!(report.table("Modern Work"), alone);
    let info = report.grid("Run info");
    let said = |text: &str| info.iter().any(|r| r.iter().any(|c| c.contains(text)));
    assert!(said("Designation: Solutions Partner for Modern Work"));
    assert!(said(
        "Designation: Solutions Partner for Business Applications"
    ));
}

#[test]
fn a_programme_file_names_its_rule_sets_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let input = both_samples(dir.path());
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    let own = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("templates/solutions-partner-business-applications.toml"),
    )
    .unwrap();
    std::fs::write(rules.join("our-bizapps.toml"), own).unwrap();
    let programme = rules.join("programme.toml");
    std::fs::write(
        &programme,
        format!("[programme]\nname = \"Our designations\"\nrules = [\"{MODERN_WORK}\", \"our-bizapps.toml\"]\n"),
    )
    .unwrap();
    let out = run(&input, &[&programme.to_string_lossy()]);
    let json = out.json();
    assert_eq!(json["programme"], "Our designations");
    assert_eq!(json["designations"][1]["key"], "our-bizapps");
    assert!(
        out.stderr.contains("Our designations (2 rule sets"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_file_is_one_problem_not_one_per_rule_set() {
    let dir = tempfile::tempdir().unwrap();
    let input = both_samples(dir.path());
    std::fs::write(input.join("broken.xlsx"), b"not a workbook").unwrap();
    let json = run(&input, &[MODERN_WORK, BUSINESS_APPS]).json();
    let alone = run(&input, &[MODERN_WORK]).json();
    assert!(!alone["problems"].as_array().unwrap().is_empty());
    assert_eq!(json["problems"], alone["problems"]);
}

#[test]
fn each_partner_is_mailed_once_about_every_rule_set_with_only_its_own_rows() {
    use common::mail::{outbox, read_parts, write_config};
    let dir = tempfile::tempdir().unwrap();
    let input = both_samples(dir.path());
    let partners = [
        vec![
            V::T("Partner ID"),
            V::T("Partner Name"),
            V::T("Contact Email"),
        ],
        vec![
            V::T("3000001"),
            V::T("Northwind Modern Work"),
            V::T("mw@northwind.example"),
        ],
        vec![
            V::T("4000101"),
            V::T("Contoso Dynamics"),
            V::T("ba@contoso.example"),
        ],
    ];
    write_workbook(
        &input.join("contacts.xlsx"),
        &[("Partners", partners.to_vec())],
    );
    let config = write_config(
        dir.path(),
        "from = \"Partner Desk <desk@example.com>\"\noperators = [\"ops@example.com\"]",
    );
    let out = dir.path().join("out");
    let json_path = out.join("summary.json");
    Run::new()
        .args([
            "run",
            "--no-history",
            "--as-of",
            AS_OF,
            "--email",
            "--input",
        ])
        .arg(&input)
        .arg("--output")
        .arg(&out)
        .arg("--email-config")
        .arg(&config)
        .args(["--rules", MODERN_WORK, "--rules", BUSINESS_APPS])
        .json(&json_path)
        .ok();
    let json = by_id(&common::read_json(&json_path));
    let messages: Vec<_> = outbox(dir.path()).iter().map(|m| read_parts(m)).collect();
    assert_eq!(messages.len(), 3, "two partners and the operators");
    let attached =
        |m: &common::mail::Parts, end: &str| m.files.iter().any(|(f, _)| f.ends_with(end));
    for (id, to) in [
        ("3000001", "mw@northwind.example"),
        ("4000101", "ba@contoso.example"),
    ] {
        let own = format!("partner-{id}.xlsx");
        let m = messages
            .iter()
            .find(|m| attached(m, &own))
            .unwrap_or_else(|| panic!("no message to {to}"));
        for name in [
            "Solutions Partner for Modern Work",
            "Solutions Partner for Business Applications",
        ] {
            assert!(m.text.contains(name), "{to}: {}", m.text);
            assert!(m.html.contains(name), "{to}");
        }
        // Each rule set's next step, as the report says it.
        for rules in [MODERN_WORK, BUSINESS_APPS] {
            let action = json[id]["designations"][rules]["action"].as_str().unwrap();
            let words: String = action.chars().skip(1).take(40).collect();
            assert!(m.text.contains(&words), "{to} {rules}: {words}");
        }
        let (_, xlsx) = &m.files[0];
        for sheet in ["Summary", "Modern Work", "Business Applications"] {
            assert_eq!(
                common::mail::first_column(xlsx, sheet),
                [id],
                "{to} {sheet}"
            );
        }
    }
    let ops = messages
        .iter()
        .find(|m| attached(m, "competency-report-2026-06-30.xlsx"))
        .expect("the operators' summary with the full report");
    assert!(ops.text.contains("Modern Work") && ops.text.contains("Business Applications"));
    assert!(ops.html.contains("Business Applications"));
}

#[test]
fn each_rule_set_keeps_its_own_history_and_is_compared_with_its_last_month() {
    let dir = tempfile::tempdir().unwrap();
    let input = both_samples(dir.path());
    let out = dir.path().join("out");
    let month = |as_of: &str| {
        let json = out.join(format!("summary-{as_of}.json"));
        Run::new()
            .args(["run", "--as-of", as_of, "--no-archive", "--input"])
            .arg(&input)
            .arg("--output")
            .arg(&out)
            .args(["--rules", MODERN_WORK, "--rules", BUSINESS_APPS])
            .json(&json)
            .ok();
        by_id(&common::read_json(&json))
    };
    let may = month("2026-05-31");
    for p in may.values() {
        assert_eq!(p["designations"][MODERN_WORK]["change"], Json::Null);
    }
    let june = month("2026-06-30");
    for rules in [MODERN_WORK, BUSINESS_APPS] {
        assert!(
            out.join(format!("history-{rules}.sqlite")).is_file(),
            "{rules}"
        );
        for (id, p) in &june {
            let entry = &p["designations"][rules];
            assert!(entry["change"].is_string(), "{rules} {id}: {entry}");
        }
    }
    assert!(
        !out.join("history.sqlite").exists(),
        "no history of one rule set"
    );
}
