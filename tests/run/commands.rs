//! The other commands: check, rules and template, and a custom rules file.

use super::*;

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
    // The page's 22 workloads are longer than a drop-down holds in itself
    // (255 characters): they sit on a hidden sheet the drop-down refers to.
    let workloads = lists
        .iter()
        .find(|l| l.starts_with("Lists!"))
        .expect("a Workload list on the Lists sheet");
    assert_eq!(*workloads, "Lists!$A$1:$A$22");
    let held = Report::open(&customers).sheet("Lists");
    assert_eq!(held.len(), 22);
    assert_eq!(held[0][0], "Exchange Online");
    assert_eq!(held[21][0], "Teams Premium");
    let book = common::xlsx::part(&customers, "xl/workbook.xml").unwrap();
    assert!(
        book.contains("name=\"Lists\" sheetId=\"2\" state=\"hidden\""),
        "{book}"
    );
    // The template as it is reads without a problem: the hidden sheet is
    // not input.
    Run::new()
        .args([
            "check",
            "--rules",
            "solutions-partner-modern-work",
            "--input",
        ])
        .arg(&customers)
        .ok()
        .stderr_has("; 0 problem(s)");
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
fn a_reader_that_went_away_ends_the_output_quietly() {
    // `competency-report rules --list | head -1`: stdout is a pipe nobody
    // reads any more. The tool stops, exit code 0, no panic on stderr.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_competency-report"))
        .args(["rules", "--list"])
        .stdout(writer)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
