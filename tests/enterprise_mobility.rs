//! Runs the real binary with the shipped Enterprise Mobility Management rules
//! on a workbook written here, and checks the JSON summary and the Excel
//! report; and checks that `rules --list` and `--rules NAME` work.

mod common;

use std::path::{Path, PathBuf};

use common::{Output, Report, Run};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::Value;

const AS_OF: &str = "2017-09-30";
const EMM_ENTERPRISE: &str = "enterprise-mobility-management-enterprise";

/// A customer row: partner, partner name, customer, component, seats, SKU,
/// association, customer since (`None`: blank; `Some("2017-03-01")`: a date
/// cell, or text when it is not in ISO form).
type CustomerLine = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u32,
    &'static str,
    &'static str,
    Option<&'static str>,
);

fn customers() -> Vec<CustomerLine> {
    let mut lines: Vec<CustomerLine> = vec![
        // Contoso: 3 new customers, 300 + 250 paid seats; a big trial that
        // does not count; an old customer. Silver.
        (
            "2000001",
            "Contoso Mobility",
            "c-a",
            "Intune",
            300,
            "Paid",
            "DAP",
            Some("2017-03-01"),
        ),
        (
            "2000001",
            "Contoso Mobility",
            "c-b",
            "AADP",
            250,
            "Paid",
            "Transacting Partner",
            Some("2016-10-01"),
        ),
        // Text in German form: read as a date all the same.
        (
            "2000001",
            "Contoso Mobility",
            "c-c",
            "Azure Information Protection",
            5,
            "Paid",
            "DPOR",
            Some("15.09.2017"),
        ),
        (
            "2000001",
            "Contoso Mobility",
            "c-d",
            "Intune",
            5000,
            "Trial",
            "DAP",
            Some("2017-05-01"),
        ),
        (
            "2000001",
            "Contoso Mobility",
            "c-e",
            "Exchange Online",
            900,
            "Paid",
            "DAP",
            Some("2017-05-01"),
        ),
        // Exactly twelve months before the as-of date: not new.
        (
            "2000001",
            "Contoso Mobility",
            "c-f",
            "Intune",
            10,
            "Paid",
            "DAP",
            Some("2016-09-30"),
        ),
        // Tailspin: 2 new customers and an old one, 900 seats. None.
        (
            "2000003",
            "Tailspin",
            "t-a",
            "EMS",
            300,
            "Paid",
            "DAP",
            Some("2017-01-01"),
        ),
        (
            "2000003",
            "Tailspin",
            "t-b",
            "EMS",
            300,
            "Paid",
            "Fast Track Partner",
            Some("2017-02-01"),
        ),
        (
            "2000003",
            "Tailspin",
            "t-c",
            "EMS",
            300,
            "Paid",
            "DAP",
            Some("2015-02-01"),
        ),
    ];
    // Fabrikam: 5 new customers of 800 seats each. Gold.
    for c in ["f-a", "f-b", "f-c", "f-d", "f-e"] {
        lines.push((
            "2000002",
            "Fabrikam",
            c,
            "Enterprise Mobility + Security E3",
            800,
            "Paid",
            "DAP",
            Some("2017-08-01"),
        ));
    }
    lines
}

fn people() -> Vec<(&'static str, &'static str, &'static str)> {
    let overview = "Technical Assessment for Enterprise Mobility Suite Overview";
    let mut rows = vec![
        ("2000001", "ann@contoso.example", overview),
        (
            "2000001",
            "ann@contoso.example",
            "Technical Assessment for Mobile Device Management",
        ),
        ("2000001", "ben@contoso.example", overview),
        (
            "2000001",
            "ben@contoso.example",
            "Technical Assessment for Cloud App Security",
        ),
        ("2000003", "tom@tailspin.example", overview),
        (
            "2000003",
            "tom@tailspin.example",
            "Technical Assessment for Information Protection",
        ),
        // Only the overview: one assessment short.
        ("2000003", "uma@tailspin.example", overview),
    ];
    for p in ["p1", "p2", "p3", "p4"] {
        let person: &'static str = Box::leak(format!("{p}@fabrikam.example").into_boxed_str());
        rows.push(("2000002", person, overview));
        rows.push((
            "2000002",
            person,
            "Technical Assessment for Identity & Access Management",
        ));
    }
    rows
}

/// Writes the input workbook; without `with_since` the Customers sheet has
/// no Customer Since column.
fn write_inputs(dir: &Path, with_since: bool) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");

    let sheet = book.add_worksheet();
    sheet.set_name("Customers").unwrap();
    let mut headers = vec![
        "Partner ID",
        "Partner Name",
        "Customer ID",
        "Workload",
        "Active Users",
        "SKU Type",
        "Association",
    ];
    if with_since {
        headers.push("Customer Since");
    }
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (partner, name, customer, workload, seats, sku, assoc, since)) in
        customers().into_iter().enumerate()
    {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, partner).unwrap();
        sheet.write_string(r, 1, name).unwrap();
        sheet.write_string(r, 2, customer).unwrap();
        sheet.write_string(r, 3, workload).unwrap();
        sheet.write_number(r, 4, f64::from(seats)).unwrap();
        sheet.write_string(r, 5, sku).unwrap();
        sheet.write_string(r, 6, assoc).unwrap();
        match since {
            Some(s) if with_since => match iso(s) {
                Some((y, m, d)) => {
                    let when = ExcelDateTime::from_ymd(y, m, d).unwrap();
                    sheet
                        .write_datetime_with_format(r, 7, &when, &date)
                        .unwrap();
                }
                None => {
                    sheet.write_string(r, 7, s).unwrap();
                }
            },
            _ => {}
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name("Transcripts").unwrap();
    for (c, h) in ["Partner ID", "Person ID", "Credential", "Date Passed"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (partner, person, text)) in people().into_iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, partner).unwrap();
        sheet.write_string(r, 1, person).unwrap();
        sheet.write_string(r, 2, text).unwrap();
        sheet.write_string(r, 3, "2017-06-01").unwrap();
    }
    book.save(input.join("emm-partners.xlsx")).unwrap();
    input
}

fn iso(s: &str) -> Option<(u16, u8, u8)> {
    let mut parts = s.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Some((y, m, d))
}

/// Runs `run` with the given rules into a fresh folder, kept as long as
/// the output.
fn run(input: &Path, rules: &str) -> Output {
    Run::report_of(input)
        .args(["--rules", rules, "--as-of", AS_OF])
        .ok()
}

fn partner<'a>(summary: &'a Value, id: &str) -> &'a Value {
    summary["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["partner_id"] == id)
        .unwrap_or_else(|| panic!("partner {id} in {summary}"))
}

#[test]
fn emm_enterprise_is_evaluated_from_a_real_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_inputs(dir.path(), true);
    let out = run(&input, EMM_ENTERPRISE);
    let (summary, report) = (out.json(), out.report());

    assert_eq!(summary["competency"], "Enterprise Mobility Management");
    assert_eq!(summary["option"], "Enterprise Partner");
    assert_eq!(summary["problems"], Value::Array(Vec::new()), "{summary}");

    let contoso = partner(&summary, "2000001");
    assert_eq!(contoso["level"], "silver", "{contoso}");
    assert_eq!(contoso["new_customers"], 3);
    assert_eq!(contoso["active_entitlements"], 565);
    assert_eq!(contoso["qualified_people"], 2);
    assert_eq!(contoso["next_level"], "gold");
    assert_eq!(contoso["new_customers_short"], 2);
    assert_eq!(contoso["entitlements_short"], 3435);
    assert_eq!(contoso["people_short"], 2);
    assert_eq!(
        contoso["action"],
        "needs 2 more new customers, 3,435 more active entitlements and 2 more qualified people for Gold"
    );

    let fabrikam = partner(&summary, "2000002");
    assert_eq!(fabrikam["level"], "gold", "{fabrikam}");
    assert_eq!(fabrikam["new_customers"], 5);
    assert_eq!(fabrikam["active_entitlements"], 4000);
    assert_eq!(fabrikam["qualified_people"], 4);
    assert_eq!(fabrikam["next_level"], Value::Null);

    let tailspin = partner(&summary, "2000003");
    assert_eq!(tailspin["level"], "none", "{tailspin}");
    assert_eq!(tailspin["new_customers"], 2);
    assert_eq!(tailspin["active_entitlements"], 900);
    assert_eq!(tailspin["qualified_people"], 1);
    assert_eq!(tailspin["new_customers_short"], 1);
    assert_eq!(tailspin["people_short"], 1);
    let action = tailspin["action"].as_str().unwrap();
    assert!(
        action.starts_with("needs 1 more new customer and 1 more qualified person for Silver; uma@tailspin.example has passed EMS Overview and needs one of Mobile Device Management, "),
        "{action}"
    );

    // The report names the competency and option it evaluated.
    let info = report.grid("Run info");
    let setting = |name: &str| {
        info.iter()
            .find(|r| r[0] == name)
            .map(|r| r[6].clone())
            .unwrap_or_default()
    };
    assert_eq!(
        setting("Competency"),
        "Enterprise Mobility Management (Enterprise Partner)"
    );
    assert!(setting("Rules file").contains(EMM_ENTERPRISE));
    assert!(
        setting("Silver")
            .starts_with("3 new customers (added within 12 months); 500 active entitlements"),
        "{}",
        setting("Silver")
    );
    let levels: Vec<(String, String)> = report
        .grid("Summary")
        .into_iter()
        .skip(1)
        // The Summary table ends with a total row.
        .filter(|r| r[0] != "Total")
        .map(|r| (r[0].clone(), r[3].clone()))
        .collect();
    assert_eq!(
        levels,
        [
            ("2000001".to_string(), "Silver".to_string()),
            ("2000002".into(), "Gold".into()),
            ("2000003".into(), "None".into()),
        ]
    );
    let people = report.grid("People");
    let uma = people
        .iter()
        .find(|r| r[2] == "uma@tailspin.example")
        .unwrap();
    assert!(
        uma[7].starts_with("one of Mobile Device Management"),
        "{uma:?}"
    );
}

#[test]
fn without_a_customer_since_column_no_customer_is_new_and_the_sheet_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let input = write_inputs(dir.path(), false);
    let summary = run(&input, EMM_ENTERPRISE).json();
    let problems = summary["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{summary}");
    assert_eq!(problems[0]["sheet"], "Customers");
    let message = problems[0]["message"].as_str().unwrap();
    assert!(
        message.contains("no Customer Since column") && message.contains("count new customers"),
        "{message}"
    );
    for p in summary["partners"].as_array().unwrap() {
        assert_eq!(p["new_customers"], 0);
        assert_eq!(p["level"], "none");
    }
    // The same inputs under Cloud Productivity rules need no such column.
    let dir2 = tempfile::tempdir().unwrap();
    let input2 = write_inputs(dir2.path(), false);
    let summary = run(&input2, "cloud-productivity").json();
    assert_eq!(summary["competency"], "Cloud Productivity");
    assert_eq!(summary["problems"], Value::Array(Vec::new()), "{summary}");
}

#[test]
fn rules_list_shows_the_shipped_sets() {
    let text = Run::new().args(["rules", "--list"]).ok().stdout;
    for line in [
        "cloud-productivity                         Cloud Productivity, Managed Service Partner option (default)",
        "enterprise-mobility-management-enterprise  Enterprise Mobility Management, Enterprise Partner option",
        "enterprise-mobility-management-smb         Enterprise Mobility Management, SMB Partner option",
        "solutions-partner-modern-work              Solutions Partner for Modern Work, Partner capability score (points)",
    ] {
        assert!(text.contains(line), "{text}");
    }
}

#[test]
fn rules_are_picked_by_name_and_an_unknown_name_lists_the_names() {
    let text = Run::new()
        .args(["rules", "--rules", "enterprise-mobility-management-smb"])
        .ok()
        .stdout;
    assert!(
        text.starts_with("Enterprise Mobility Management competency, SMB Partner option"),
        "{text}"
    );
    assert!(text.contains("Silver: 20 new customers"), "{text}");

    let err = Run::new()
        .args(["rules", "--rules", "enterprise-mobility"])
        .code(2)
        .stderr;
    assert!(
        err.contains("'enterprise-mobility' is neither a rules file nor a shipped rule set")
            && err.contains("enterprise-mobility-management-smb"),
        "{err}"
    );

    // check and template take a name too.
    let dir = tempfile::tempdir().unwrap();
    let input = write_inputs(dir.path(), true);
    Run::new()
        .args(["check", "--input"])
        .arg(&input)
        .args([
            "--rules",
            "enterprise-mobility-management-smb",
            "--as-of",
            AS_OF,
        ])
        .ok();
    let templates = dir.path().join("templates");
    Run::new()
        .args(["template", "--output"])
        .arg(&templates)
        .args(["--rules", EMM_ENTERPRISE])
        .ok();
    let header = Report::open(templates.join("customers-template.xlsx")).grid("Customers");
    assert!(
        header[0].contains(&"Customer Since".to_string()),
        "{header:?}"
    );
    // Cloud Productivity counts no new customers: its template has no such column.
    let plain = dir.path().join("plain");
    Run::new().args(["template", "--output"]).arg(&plain).ok();
    let header = Report::open(plain.join("customers-template.xlsx")).grid("Customers");
    assert!(
        !header[0].contains(&"Customer Since".to_string()),
        "{header:?}"
    );
}
