//! The end-to-end batch, run as a user runs it: the real binary on real
//! workbooks, the report read back with calamine.

mod common;

use std::collections::HashMap;

use common::*;
use serde_json::Value as Json;

/// Runs the samples into a fresh folder; checks what it printed.
fn run_samples() -> Output {
    let run = Run::samples().ok();
    run.stdout_has("competency-report-2017-09-30.xlsx");
    run.stderr_has("6 partner(s): 1 Gold, 3 Silver, 2 none; 3 problem(s)");
    run
}

fn by_id(rows: Vec<HashMap<String, String>>) -> HashMap<String, HashMap<String, String>> {
    rows.into_iter()
        .map(|r| (r["Partner ID"].clone(), r))
        .collect()
}

#[test]
fn the_samples_give_the_hand_checked_results() {
    let report = run_samples().report();
    assert_eq!(
        report.sheet_names(),
        [
            "Dashboard",
            "Summary",
            "Partner Details",
            "Next Steps",
            "Customers",
            "People",
            "History",
            "Problems",
            "Run info"
        ]
    );
    let summary = by_id(report.summary_rows());
    assert_eq!(summary.len(), 6);
    // The workload a figure comes from is on Partner Details.
    let details = by_id(report.table("Partner Details"));
    // id: level, entitlements, best workload, qualified, next, short, people short
    let expected = [
        (
            "1000001",
            "Gold",
            "4300",
            "Exchange Online",
            "2",
            "",
            "",
            "",
        ),
        (
            "1000002",
            "Silver",
            "2100",
            "SharePoint Online",
            "2",
            "Gold",
            "1900",
            "0",
        ),
        (
            "1000003",
            "Silver",
            "1200",
            "Exchange Online",
            "1",
            "Gold",
            "2800",
            "1",
        ),
        (
            "1000004",
            "None",
            "1950",
            "Exchange Online",
            "0",
            "Silver",
            "50",
            "1",
        ),
        (
            "1000005",
            "Silver",
            "2200",
            "Exchange Online",
            "2",
            "Gold",
            "1800",
            "0",
        ),
        // The Partner Center download: September's snapshot counts.
        (
            "1000006",
            "None",
            "2150",
            "Exchange Online",
            "0",
            "Silver",
            "0",
            "1",
        ),
    ];
    for (id, level, ent, best, people, next, short, pshort) in expected {
        let row = &summary[id];
        assert_eq!(row["Level"], level, "{id}");
        assert_eq!(row["Active Entitlements"], ent, "{id}");
        assert_eq!(details[id]["Best Workload"], best, "{id}");
        assert_eq!(row["Qualified People"], people, "{id}");
        assert_eq!(row["Next Level"], next, "{id}");
        assert_eq!(row["Entitlements Short"], short, "{id}");
        assert_eq!(row["People Short"], pshort, "{id}");
    }
    // Silver at 1,200 only because emerging markets need 1,000.
    assert_eq!(summary["1000003"]["Market"], "Emerging");
    assert_eq!(summary["1000002"]["Market"], "Mature");
    assert_eq!(
        summary["1000004"]["Action"],
        "needs 50 more active entitlements and 1 more qualified person for Silver; Dan Park has passed 70-346 and needs 70-347"
    );
    assert_eq!(summary["1000001"]["Action"], "meets Gold");
    assert_eq!(summary["1000006"]["Partner Name"], "Wingtip Partners");
    assert_eq!(
        summary["1000006"]["Action"],
        "needs 1 more qualified person for Silver"
    );
}

#[test]
fn the_json_summary_has_the_documented_shape() {
    let json = run_samples().json();
    assert_eq!(json["as_of"], "2017-09-30");
    let partners = json["partners"].as_array().unwrap();
    let ids: Vec<&str> = partners
        .iter()
        .map(|p| p["partner_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "1000001", "1000002", "1000003", "1000004", "1000005", "1000006"
        ]
    );
    let keys: Vec<&String> = partners[0].as_object().unwrap().keys().collect();
    for key in [
        "partner_id",
        "partner_name",
        "market",
        "level",
        "active_entitlements",
        "best_workload",
        "qualified_people",
        "next_level",
        "entitlements_short",
        "people_short",
        "action",
    ] {
        assert!(keys.iter().any(|k| *k == key), "missing {key}");
    }
    assert_eq!(partners[0]["level"], "gold");
    assert_eq!(partners[0]["next_level"], Json::Null);
    assert_eq!(partners[2]["market"], "emerging");
    assert_eq!(partners[3]["level"], "none");
    assert_eq!(partners[3]["next_level"], "silver");
    assert_eq!(partners[3]["entitlements_short"], 50);
    let cells: Vec<(&str, &str)> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["sheet"].as_str().unwrap(), p["cell"].as_str().unwrap()))
        .collect();
    assert_eq!(
        cells,
        [
            ("Customers", "F10"),
            ("Customers", "F15"),
            ("Customers", "H18")
        ]
    );
}

#[test]
fn every_customer_row_says_what_it_contributed_or_why_not() {
    let report = run_samples().report();
    let rows = report.table("Customers");
    let find = |sheet: &str, row: &str| {
        rows.iter()
            .find(|r| r["Sheet"] == sheet && r["Row"] == row)
            .unwrap_or_else(|| panic!("no Customers row for {sheet} {row}"))
            .clone()
    };
    let counted = find("Customers", "5");
    assert_eq!(
        (
            counted["Counted"].as_str(),
            counted["Workload Total"].as_str()
        ),
        ("Yes", "4300")
    );
    assert_eq!(counted["In Partner's Figure"], "Yes");
    let sharepoint = find("Customers", "6");
    assert_eq!(
        (
            sharepoint["Counted"].as_str(),
            sharepoint["In Partner's Figure"].as_str()
        ),
        ("Yes", "No")
    );
    assert!(find("Customers", "9")["Not Counted Because"].contains("workload not counted"));
    assert!(find("Customers", "10")["Not Counted Because"].contains("negative"));
    assert!(find("Customers", "22")["Not Counted Because"].contains("trial"));
    assert!(find("Customers", "23")["Not Counted Because"].contains("not associated"));
    // The German file's duplicate (same customer and workload) counts once.
    let german: Vec<_> = rows.iter().filter(|r| r["Sheet"] == "Kunden").collect();
    assert_eq!(
        german
            .iter()
            .filter(|r| r["Not Counted Because"].starts_with("duplicate"))
            .count(),
        1
    );
    // The total row is no customer.
    assert!(
        rows.iter()
            .all(|r| r["Row"] != "24" || r["Sheet"] != "Customers")
    );
    // Wingtip's Partner Center download: two snapshots, the earlier one
    // shown but not counted; channel rows are Transacting Partner.
    let wingtip: Vec<_> = rows
        .iter()
        .filter(|r| r["Partner ID"] == "1000006")
        .collect();
    assert_eq!(wingtip.len(), 8);
    let earlier: Vec<_> = wingtip
        .iter()
        .filter(|r| r["Not Counted Because"].starts_with("earlier snapshot (2017-08-31)"))
        .collect();
    assert_eq!(earlier.len(), 2);
    assert!(
        wingtip
            .iter()
            .all(|r| r["Association"] == "Transacting Partner (channel)")
    );
    let trial = wingtip
        .iter()
        .find(|r| r["Customer Name"] == "Southridge Video")
        .unwrap();
    assert!(trial["Not Counted Because"].contains("trial"), "{trial:?}");
    assert_eq!(trial["Product"], "OFFICE 365 E3 TRIAL");
    let total_rows = rows.len();
    assert_eq!(total_rows, 19 + german.len() + wingtip.len());
}

#[test]
fn people_show_what_each_person_still_lacks() {
    let report = run_samples().report();
    let people = report.table("People");
    let dan = people
        .iter()
        .find(|p| p["Person Name"].starts_with("Dan"))
        .expect("Dan is listed");
    assert_eq!(dan["Qualifies"], "No");
    assert_eq!(dan["Still Needs"], "70-347");
    let qualified = people
        .iter()
        .filter(|p| p["Counted for Partner"] == "Yes")
        .count();
    assert_eq!(qualified, 2 + 2 + 1 + 2);
}

#[test]
fn problems_and_run_info_name_files_sheets_and_cells() {
    let report = run_samples().report();
    let problems = report.table("Problems");
    assert_eq!(problems.len(), 3);
    assert!(
        problems
            .iter()
            .all(|p| p["File"].ends_with("northwind-distribution.xlsx"))
    );
    assert_eq!(problems[1]["Cell"], "F15");
    assert!(problems[1]["Message"].contains("'n/a' is not a number"));
    let info = report.sheet("Run info");
    let text: Vec<String> = info
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    assert!(
        text.iter()
            .any(|l| l.contains("As of|") && l.contains("2017-09-30")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|l| l.contains("Kunden|Customers|2|")),
        "{text:?}"
    );
    assert!(
        text.iter().any(|l| l.contains("Prüfungen|Transcripts|1|")),
        "{text:?}"
    );
}

#[test]
fn a_second_run_never_overwrites_and_inputs_are_untouched() {
    let inputs = tempfile::tempdir().unwrap();
    for f in ["northwind-distribution.xlsx", "partnerportal-de.xlsx"] {
        std::fs::copy(samples().join(f), inputs.path().join(f)).unwrap();
    }
    let before = fingerprint(inputs.path());
    // The report goes inside the input folder: it must not be read back.
    let out = inputs.path().join("reports");
    let [first, second] = [(); 2].map(|_| {
        Run::new()
            .args(["run", "--as-of", "2017-09-30", "--input"])
            .arg(inputs.path())
            .arg("--output")
            .arg(&out)
            .ok()
            .report()
    });
    assert_eq!(first.path(), out.join("competency-report-2017-09-30.xlsx"));
    assert_eq!(
        second.path(),
        out.join("competency-report-2017-09-30-2.xlsx")
    );
    assert!(first.exists() && second.exists());
    assert_eq!(first.summary_rows().len(), 5);
    assert_eq!(
        second.summary_rows().len(),
        5,
        "the first report was not read as input"
    );
    let after: Vec<_> = fingerprint(inputs.path())
        .into_iter()
        .filter(|(p, ..)| !p.starts_with(&out))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn a_broken_file_is_a_problem_and_changes_no_other_result() {
    let inputs = tempfile::tempdir().unwrap();
    std::fs::copy(
        samples().join("northwind-distribution.xlsx"),
        inputs.path().join("a.xlsx"),
    )
    .unwrap();
    let clean = Run::report_of(inputs.path())
        .args(["--as-of", "2017-09-30"])
        .ok();

    std::fs::write(inputs.path().join("b.xlsx"), "this is not a workbook\n").unwrap();
    std::fs::write(inputs.path().join("c.xlsx"), b"%PDF-1.4 not really").unwrap();
    let broken = Run::report_of(inputs.path())
        .args(["--as-of", "2017-09-30"])
        .ok();
    broken
        .stderr_has("b.xlsx: not a spreadsheet or text export: it is a text file")
        .stderr_has("c.xlsx: not a spreadsheet or text export: it is a PDF document");
    assert_eq!(
        broken.report().table("Summary"),
        clean.report().table("Summary")
    );
}

#[test]
fn unclassifiable_sheets_and_missing_columns_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mixed.xlsx");
    write_workbook(
        &file,
        &[
            (
                "Notes",
                vec![vec![V::T("Please send by the 5th")], vec![V::T("Thanks")]],
            ),
            (
                "NoAssoc",
                vec![vec![
                    V::T("Partner ID"),
                    V::T("Customer ID"),
                    V::T("Workload"),
                    V::T("Active Users"),
                ]],
            ),
            ("Empty", vec![]),
            (
                "Good",
                vec![
                    customer_header(),
                    customer("42", "t1", "Yammer", 2500.0, "Paid", "DAP"),
                ],
            ),
        ],
    );
    let summary = Run::report_of(&file)
        .args(["--as-of", "2017-09-30"])
        .ok()
        .json();
    let messages: Vec<String> = summary["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}:{}:{}",
                p["sheet"].as_str().unwrap(),
                p["cell"].as_str().unwrap(),
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("Notes::no header row found"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with(
            "NoAssoc:1:this looks like a Customers sheet but has no Association (or Partner Center's Channel) column"
        ),
        "{messages:?}"
    );
    assert_eq!(summary["partners"][0]["active_entitlements"], 2500);
    assert_eq!(summary["partners"][0]["level"], "none");
}

#[test]
fn check_reads_and_reports_but_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    Run::new()
        .current_dir(out.path())
        .args(["check", "--as-of", "2017-09-30", "--input"])
        .arg(samples())
        .code(1)
        .stderr_has("cell F10: Active Users -5 is negative")
        .stderr_has("3 problem(s)");
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
}

#[test]
fn rules_prints_the_rules_in_force() {
    Run::new()
        .arg("rules")
        .ok()
        .stdout_has("Cloud Productivity competency, Managed Service Partner option")
        .stdout_has(
            "Silver: 2,000 active entitlements in mature markets, 1,000 in emerging markets",
        )
        .stdout_has("Gold: 4,000");
}

/// The header row of a template's one sheet.
fn template_header(template: &std::path::Path, sheet: &str) -> Vec<String> {
    Report::open(template).grid(sheet)[0].clone()
}

/// Fills a customers template's header into a workbook of its own and
/// checks it under `rules`: the tool must read it as a customers sheet.
fn check_filled_in(customers: &std::path::Path, rules: &[&str]) {
    let file = customers.with_file_name("filled.xlsx");
    let header: Vec<V> = template_header(customers, "Customers")
        .into_iter()
        .map(|h| V::T(Box::leak(h.into_boxed_str())))
        .collect();
    write_workbook(&file, &[("Customers", vec![header])]);
    Run::new()
        .arg("check")
        .args(rules)
        .arg("--input")
        .arg(&file)
        .ok();
}

#[test]
fn templates_are_blank_workbooks_the_tool_recognises() {
    let dir = tempfile::tempdir().unwrap();
    Run::new()
        .args(["template", "--output"])
        .arg(dir.path())
        .ok();
    let customers = dir.path().join("customers-template.xlsx");
    let header = template_header(&customers, "Customers");
    // Partner Center's own columns (snapshot, product, ...) are read, but a
    // blank template does not ask for them.
    assert_eq!(
        header,
        [
            "Partner ID",
            "Partner Name",
            "Customer ID",
            "Customer Name",
            "Workload",
            "Active Users",
            "SKU Type",
            "Association",
            "Country",
            "Market"
        ]
    );
    // Filled in, the templates are read as the kinds they are.
    check_filled_in(&customers, &[]);
    // A second template run never replaces the first.
    Run::new()
        .args(["template", "--output"])
        .arg(dir.path())
        .ok();
    assert!(dir.path().join("customers-template-2.xlsx").exists());
}

#[test]
fn the_modern_work_templates_ask_for_what_the_score_needs() {
    let dir = tempfile::tempdir().unwrap();
    Run::new()
        .args([
            "template",
            "--rules",
            "solutions-partner-modern-work",
            "--output",
        ])
        .arg(dir.path())
        .ok();
    let customers = dir.path().join("customers-template.xlsx");
    let header = template_header(&customers, "Customers");
    for column in ["Qualified Licences", "Snapshot Date", "Customer Since"] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }
    // The drop-down offers the associations the designation counts.
    let xml = Report::open(&customers).xml("Customers");
    let lists: Vec<&str> = xml
        .split("<formula1>")
        .skip(1)
        .filter_map(|s| s.split("</formula1>").next())
        .collect();
    let associations = lists
        .iter()
        .find(|l| l.contains("Partner of Record"))
        .expect("an Association list");
    for offered in [
        "Claiming Partner of Record",
        "Digital Partner of Record",
        "CSP Tier 1",
        "CSP Tier 2",
        "None",
    ] {
        assert!(
            associations.contains(offered),
            "{offered} in {associations}"
        );
    }
    for not_offered in ["Delegated Administrator", "Fast Track Partner"] {
        assert!(
            !associations.contains(not_offered),
            "{not_offered} in {associations}"
        );
    }
    let transcripts = dir.path().join("transcripts-template.xlsx");
    let header = template_header(&transcripts, "Transcripts");
    assert!(header.iter().any(|h| h == "Expiration Date"), "{header:?}");
    // Filled in, the template is read as a customers sheet.
    check_filled_in(&customers, &["--rules", "solutions-partner-modern-work"]);
}

#[test]
fn a_custom_rules_file_changes_the_method() {
    let dir = tempfile::tempdir().unwrap();
    let rules = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/cloud-productivity.toml"),
    )
    .unwrap()
    .replace("method = \"best-workload\"", "method = \"sum\"");
    let rules_path = dir.path().join("sum.toml");
    std::fs::write(&rules_path, rules).unwrap();
    let summary = Run::samples().arg("--rules").arg(&rules_path).ok().json();
    // Fabrikam: Exchange 4,300 + SharePoint 3,000 + ProPlus 1,200.
    assert_eq!(summary["partners"][0]["active_entitlements"], 8500);
}

#[test]
fn fatal_errors_write_nothing_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    Run::new()
        .args(["run", "--input", "/no/such/inbox", "--output"])
        .arg(&out)
        .code(2)
        .stderr_has("input /no/such/inbox does not exist");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    Run::new()
        .args(["run", "--input"])
        .arg(&empty)
        .arg("--output")
        .arg(&out)
        .code(2)
        .stderr_has("no spreadsheet");
    let bad_rules = dir.path().join("bad.toml");
    std::fs::write(&bad_rules, "[competency]\nname = 1\n").unwrap();
    Run::new()
        .args(["run", "--input"])
        .arg(samples())
        .arg("--output")
        .arg(&out)
        .arg("--rules")
        .arg(&bad_rules)
        .code(2)
        .stderr_has("bad.toml");
    Run::new()
        .args([
            "run",
            "--as-of",
            "2017-13-01",
            "--input",
            "x",
            "--output",
            "y",
        ])
        .code(2);
    // The run may have made the folder and its lock file; never a report.
    let written: Vec<_> = std::fs::read_dir(&out)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name())
                .filter(|n| !n.to_string_lossy().starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    assert!(written.is_empty(), "{written:?}");
}

/// A mistake on the command line is one line starting `competency-report:`,
/// with what the flag takes or the flag meant; no usage block.
#[test]
fn argument_mistakes_are_one_line_with_a_hint() {
    for (args, hint) in [
        (&["run", "--ouput", "x"][..], "did you mean --output?"),
        (&["run", "--lang", "fr"][..], "--lang takes en or de"),
        (
            &["run", "--as-of", "30.09.2017"][..],
            "--as-of takes one as YYYY-MM-DD, e.g. 2017-09-30",
        ),
        (&["chek"][..], "did you mean check?"),
    ] {
        let out = Run::new().args(args).code(2);
        let err = &out.stderr;
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("competency-report: error: "), "{err}");
        assert!(err.contains(hint), "{args:?}: {err}");
        assert!(!err.contains("Usage:"), "{err}");
    }
    // The usage `run --help` shows claims no flag the config file can give.
    let out = Run::new().args(["run", "--help"]).ok();
    let usage = out
        .stdout
        .lines()
        .find(|l| l.starts_with("Usage:"))
        .unwrap();
    assert_eq!(usage, "Usage: competency-report run [OPTIONS]");
}

/// When only the JSON summary cannot be written, the message says the
/// report was: it is there.
#[test]
fn when_only_the_json_fails_the_report_is_said_to_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("file");
    std::fs::write(&not_a_folder, "x").unwrap();
    let out = dir.path().join("out");
    let output = Run::new()
        .args(["run", "--as-of", "2017-09-30", "--input"])
        .arg(samples())
        .arg("--output")
        .arg(&out)
        .arg("--json")
        .arg(not_a_folder.join("s.json"))
        .code(2);
    let err = &output.stderr;
    let last = err.lines().last().unwrap();
    let report = out.join("competency-report-2017-09-30.xlsx");
    assert!(report.is_file());
    assert!(
        last.starts_with(&format!(
            "competency-report: error: the report was written to {}, but the JSON summary was not: cannot write",
            report.display()
        )),
        "{err}"
    );
    assert!(!err.contains("no report was written"), "{err}");
}

/// A temporary folder that cannot be used is named, with what to do.
#[test]
fn an_unusable_temporary_folder_is_named_with_what_to_do() {
    let out = tempfile::tempdir().unwrap();
    let output = Run::new()
        .env("TMPDIR", "/nonexistent-dir")
        .args(["run", "--as-of", "2017-09-30", "--input"])
        .arg(samples())
        .arg("--output")
        .arg(out.path())
        .code(2);
    let err = &output.stderr;
    let last = err.lines().last().unwrap();
    assert!(
        last.contains("the temporary folder /nonexistent-dir cannot be used")
            && last.contains("Set TMPDIR"),
        "{err}"
    );
    assert!(!last.contains("Temporary file error"), "{err}");
}

/// A Partner Center download (no Partner ID column) with the usage rows of
/// one customer.
const USAGE: &str = "customerTenantId,customerName,workloadCode,channel,licensesActive\r\n\
    0b4f3c52-0001,Contoso Ltd,EXO,Reseller,2100\r\n";

/// The end-of-run summary: the rules line first, files counted only when
/// something was read from them, in the run's language; problem messages
/// keep their backticks on the terminal, not in Excel.
#[test]
fn the_summary_counts_files_read_and_speaks_the_runs_language() {
    let inbox = tempfile::tempdir().unwrap();
    std::fs::copy(
        samples().join("northwind-distribution.xlsx"),
        inbox.path().join("northwind-distribution.xlsx"),
    )
    .unwrap();
    // Nothing names this download's partner: found, not read.
    std::fs::write(inbox.path().join("usage.csv"), USAGE).unwrap();
    let output = Run::report_of(inbox.path())
        .args(["--as-of", "2017-09-30", "--no-history"])
        .ok();
    let err = &output.stderr;
    assert!(
        err.lines().next().unwrap().starts_with(
            "Cloud Productivity competency, Managed Service Partner option; rules: built-in cloud-productivity"
        ),
        "{err}"
    );
    assert!(err.contains("\nRead 1 of 2 file(s); "), "{err}");
    assert!(err.contains("(`1000021 Northwind Traders/`)"), "{err}");
    let messages: Vec<String> = output
        .report()
        .table("Problems")
        .into_iter()
        .map(|p| p["Message"].clone())
        .collect();
    let unknown = messages
        .iter()
        .find(|m| m.contains("its partner cannot be told"))
        .expect("the download's problem");
    assert!(!unknown.contains('`'), "{unknown}");
    assert!(
        unknown.contains("(1000021 Northwind Traders/)"),
        "{unknown}"
    );

    let output = Run::report_of(inbox.path())
        .args(["--as-of", "2017-09-30", "--no-history", "--lang", "de"])
        .ok();
    let err = &output.stderr;
    assert!(
        err.lines()
            .next()
            .unwrap()
            .starts_with("Kompetenz Cloud Productivity, Option Managed Service Partner; Regeln: "),
        "{err}"
    );
    assert!(err.contains("\n1 von 2 Datei(en) gelesen; "), "{err}");
    assert!(
        err.contains(" Partner: 1 Gold, 2 Silber, 1 keine;"),
        "{err}"
    );
    assert!(err.contains("\nBericht: "), "{err}");
}

/// `--partner-id` that overrides the partner a folder names is said, as a
/// problem at the sheet's header row; the rows count for the partner given.
#[test]
fn a_partner_id_overriding_a_folder_is_said() {
    let inbox = tempfile::tempdir().unwrap();
    let folder = inbox.path().join("1000021 Northwind Traders");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("LicenseUsage.csv"), USAGE).unwrap();
    let output = Run::report_of(inbox.path())
        .args(["--as-of", "2017-09-30", "--no-history"])
        .args(["--partner-id", "1000005"])
        .ok();
    output.stderr_has(
        "--partner-id 1000005 was given, but its folder `1000021 Northwind Traders` names partner 1000021: its rows count for 1000005",
    );
    let summary = output.json();
    let ids: Vec<&str> = summary["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["partner_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1000005"]);
    assert_eq!(summary["problems"][0]["cell"], "1");
    // The same partner as the folder's: nothing to say.
    let same = Run::report_of(inbox.path())
        .args(["--as-of", "2017-09-30", "--no-history"])
        .args(["--partner-id", "1000021"])
        .ok();
    assert!(!same.stderr.contains("was given, but"), "{}", same.stderr);
}
