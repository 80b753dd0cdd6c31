//! Text exports end to end: the real binary on CSV and tab-separated files
//! as Partner Center, German Excel and Excel's "Unicode Text" write them.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{Output, Run, V, customer_header, excel_date, write_workbook};

/// Writes `text` into `path` (folders created) in the given bytes.
fn put(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    bytes
}

/// Runs the tool on `input` as of `as_of` with extra arguments.
fn run(input: &Path, as_of: &str, extra: &[&str]) -> Output {
    Run::report_of(input)
        .args(["--as-of", as_of])
        .args(extra)
        .ok()
}

fn partners(json: &serde_json::Value) -> HashMap<String, serde_json::Value> {
    json["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["partner_id"].as_str().unwrap().to_string(), p.clone()))
        .collect()
}

/// Partner Center's license-usage download, as its analytics API names the
/// fields, for the partner whose folder holds it.
const LICENSE_USAGE: &str = "\u{feff}customerTenantId,customerName,productName,workloadCode,workloadName,channel,licensesActive,licensesQualified,processedDateTime\r\n\
0b4f3c52-1111-4d7a-9a43-5d5f3c2b0001,Contoso Ltd,OFFICE 365 E3,EXO,Exchange,Reseller,\"1,500\",1600,9/28/2017 12:00:00 AM\r\n\
0b4f3c52-1111-4d7a-9a43-5d5f3c2b0002,\"Fabrikam, Inc.\",OFFICE 365 E3 TRIAL,EXO,Exchange,Reseller,900,900,9/28/2017 12:00:00 AM\r\n\
0b4f3c52-1111-4d7a-9a43-5d5f3c2b0003,Tailspin Toys,OFFICE 365 E1,EXO,Exchange,Reseller,700,700,9/28/2017 12:00:00 AM\r\n\
0b4f3c52-1111-4d7a-9a43-5d5f3c2b0003,Tailspin Toys,YAMMER ENTERPRISE,YAM,Yammer,Reseller,300,300,9/28/2017 12:00:00 AM\r\n";

#[test]
fn a_partner_center_export_a_german_csv_and_a_unicode_text_file_need_no_manual_step() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    put(
        &inbox.join("1000021 Northwind Traders/LicenseUsage.csv"),
        LICENSE_USAGE.as_bytes(),
    );
    let german = "Kunden-ID;Kundenname;Arbeitslast;Aktive Benutzer;SKU-Typ;Zuordnung;Land\r\n\
        K-1;Müller Maschinenbau GmbH;Exchange Online;1.200;Kostenpflichtig;DPOR;Deutschland\r\n\
        K-2;Bäckerei Öztürk;Exchange Online;900;Kostenpflichtig;Delegierter Administrator;Deutschland\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(german);
    put(&inbox.join("1000022-kunden.csv"), &bytes);
    let transcripts = "Partner ID\tEmail\tName\tExam\tDate Passed\r\n\
        1000021\tdan@northwind.example\tDan Park\tExam 70-346: Managing Office 365 Identities and Requirements\t5/3/2017\r\n\
        1000021\tDan@Northwind.example\tDan Park\tExam 70-347: Enabling Office 365 Services\t6/1/2017\r\n\
        1000022\tanna@mueller.example\tAnna Müller\tMCSA: Office 365\t2017-04-02\r\n";
    put(
        &inbox.join("transcripts.tsv"),
        &utf16le_with_bom(transcripts),
    );

    let out = run(&inbox, "2017-09-30", &[]);
    let (report, json) = (out.report(), out.json());
    assert_eq!(
        json["problems"].as_array().unwrap().len(),
        0,
        "{}",
        json["problems"]
    );
    let partners = partners(&json);
    // 1000021: Exchange 1,500 + 700 (the trial does not count); Yammer 300.
    assert_eq!(partners["1000021"]["active_entitlements"], 2200);
    assert_eq!(partners["1000021"]["qualified_people"], 1);
    assert_eq!(partners["1000021"]["level"], "silver");
    assert_eq!(partners["1000022"]["active_entitlements"], 2100);
    assert_eq!(partners["1000022"]["level"], "silver");

    let customers = report.table("Customers");
    let names: Vec<&str> = customers
        .iter()
        .map(|r| r["Customer Name"].as_str())
        .collect();
    assert!(names.contains(&"Müller Maschinenbau GmbH"), "{names:?}");
    assert!(names.contains(&"Bäckerei Öztürk"), "{names:?}");
    assert!(names.contains(&"Fabrikam, Inc."), "{names:?}");
    let fabrikam = customers
        .iter()
        .find(|r| r["Customer Name"] == "Fabrikam, Inc.")
        .unwrap();
    assert_eq!(fabrikam["Counted"], "No");
    // Every row of a text file sits at the row Excel shows it on, no sheet.
    let mueller = customers
        .iter()
        .find(|r| r["Customer Name"] == "Müller Maschinenbau GmbH")
        .unwrap();
    assert_eq!(mueller["File"], "inbox/1000022-kunden.csv");
    assert_eq!(mueller["Sheet"], "");
    assert_eq!(mueller["Row"], "2");
}

#[test]
fn identifiers_are_shown_as_first_written_and_compared_ignoring_case() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customers.xlsx");
    let row = |customer: &'static str, users: f64| {
        vec![
            V::T("1000001"),
            V::E,
            V::T(customer),
            V::T("Exchange Online"),
            V::N(users),
            V::T("Paid"),
            V::T("DAP"),
            V::E,
        ]
    };
    write_workbook(
        &path,
        &[(
            "Customers",
            vec![
                customer_header(),
                row("C-1001", 500.0),
                row("c-1001", 700.0),
            ],
        )],
    );
    let out = run(&path, "2017-09-30", &[]);
    let (report, json) = (out.report(), out.json());
    // One customer: the larger row counts, the other is its duplicate.
    assert_eq!(partners(&json)["1000001"]["active_entitlements"], 700);
    let customers = report.table("Customers");
    let ids: Vec<&str> = customers
        .iter()
        .map(|r| r["Customer ID"].as_str())
        .collect();
    assert_eq!(ids, ["C-1001", "C-1001"]);
}

/// A monthly license-usage download for one customer workload set.
fn usage(rows: &[(&str, &str, &str, u64, &str)]) -> String {
    let mut text = String::from(
        "customerTenantId,customerName,productName,workloadCode,channel,licensesActive,licensesQualified,processedDateTime\r\n",
    );
    for (tenant, name, workload, users, processed) in rows {
        text.push_str(&format!(
            "{tenant},{name},OFFICE 365 E3,{workload},Reseller,{users},{users},{processed}\r\n"
        ));
    }
    text
}

#[test]
fn of_monthly_snapshots_across_files_the_latest_before_the_as_of_date_is_the_current_state() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("inbox/1000031 Litware");
    put(
        &folder.join("usage-2017-08.csv"),
        usage(&[
            ("T-1", "Contoso", "EXO", 2500, "2017-08-31T00:00:00"),
            ("T-2", "Fabrikam", "EXO", 400, "2017-08-31T00:00:00"),
            // Only in August: gone by September, however large.
            ("T-3", "Northwind", "EXO", 3000, "2017-08-31T00:00:00"),
        ])
        .as_bytes(),
    );
    put(
        &folder.join("usage-2017-09.csv"),
        usage(&[
            ("T-1", "Contoso", "EXO", 1800, "9/28/2017 12:00:00 AM"),
            ("t-2", "Fabrikam", "EXO", 300, "9/28/2017 12:00:00 AM"),
        ])
        .as_bytes(),
    );
    put(
        &folder.join("usage-2017-10.csv"),
        usage(&[("T-1", "Contoso", "EXO", 5000, "2017-10-31T00:00:00")]).as_bytes(),
    );
    let out = run(&dir.path().join("inbox"), "2017-09-30", &[]);
    let (report, json) = (out.report(), out.json());
    assert_eq!(
        json["problems"].as_array().unwrap().len(),
        0,
        "{}",
        json["problems"]
    );
    // September's 1,800 + 300: never August's larger figures added in, nor
    // October's, nor the 3,000 of a tenant September no longer has.
    assert_eq!(partners(&json)["1000031"]["active_entitlements"], 2100);

    let customers = report.table("Customers");
    let reasons: Vec<(&str, &str, String, &str)> = customers
        .iter()
        .map(|r| {
            (
                r["File"].rsplit('/').next().unwrap(),
                r["Customer ID"].as_str(),
                excel_date(&r["Snapshot"]),
                r["Not Counted Because"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (
                "usage-2017-08.csv",
                "T-1",
                "2017-08-31".into(),
                "earlier snapshot (2017-08-31): the current snapshot, of 2017-09-28, counts; this one is history"
            ),
            (
                "usage-2017-08.csv",
                "T-2",
                "2017-08-31".into(),
                "earlier snapshot (2017-08-31): the current snapshot, of 2017-09-28, counts; this one is history"
            ),
            (
                "usage-2017-08.csv",
                "T-3",
                "2017-08-31".into(),
                "gone: not in the current snapshot of 2017-09-28 (last seen 2017-08-31); history only, counted nowhere"
            ),
            ("usage-2017-09.csv", "T-1", "2017-09-28".into(), ""),
            ("usage-2017-09.csv", "T-2", "2017-09-28".into(), ""),
            (
                "usage-2017-10.csv",
                "T-1",
                "2017-10-31".into(),
                "snapshot of 2017-10-31, after the as-of date: an earlier one counts, if any"
            ),
        ]
    );
    let association: Vec<&str> = customers
        .iter()
        .map(|r| r["Association"].as_str())
        .collect();
    assert!(
        association
            .iter()
            .all(|a| *a == "Transacting Partner (channel)"),
        "{association:?}"
    );
    let qualified: Vec<&str> = customers
        .iter()
        .map(|r| r["Qualified Licences"].as_str())
        .collect();
    assert_eq!(qualified[3], "1800");

    // Run info says, per file, where its partner came from.
    let info = report.table("Run info");
    let september = info
        .iter()
        .find(|r| r["Item"].ends_with("usage-2017-09.csv"))
        .expect("the file on Run info");
    let status = &september["Value / Status"];
    assert!(
        status.starts_with("read as Customers; text file: UTF-8, fields separated by ','"),
        "{status}"
    );
    assert!(
        status.contains("partner 1000031 (from the folder '1000031 Litware')"),
        "{status}"
    );
    assert!(status.contains("count as Transacting Partner"), "{status}");
}

#[test]
fn a_partner_checking_its_own_export_names_itself_and_without_a_name_it_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("LicenseUsage.csv");
    put(&file, LICENSE_USAGE.as_bytes());
    // Nothing tells whose export it is: a problem that says how to fix it.
    let checked = Run::new()
        .args(["check", "--as-of", "2017-09-30", "--input"])
        .arg(&file)
        .code(1);
    let stderr = &checked.stderr;
    assert!(
        stderr.contains("has no Partner ID column and its partner cannot be told"),
        "{stderr}"
    );
    assert!(stderr.contains("--partner-id"), "{stderr}");
    assert!(stderr.contains("0 customer row(s)"), "{stderr}");

    Run::new()
        .args([
            "check",
            "--as-of",
            "2017-09-30",
            "--partner-id",
            "1000021",
            "--input",
        ])
        .arg(&file)
        .ok()
        .stderr_has("4 customer row(s)");

    let out = run(&file, "2017-09-30", &["--partner-id", "1000021"]);
    let (report, json) = (out.report(), out.json());
    assert_eq!(partners(&json)["1000021"]["active_entitlements"], 2200);
    let info = report.table("Run info");
    let row = info
        .iter()
        .find(|r| r["Item"].ends_with("LicenseUsage.csv"))
        .unwrap();
    assert!(
        row["Value / Status"].contains("partner 1000021 (given with --partner-id)"),
        "{}",
        row["Value / Status"]
    );
    Run::new()
        .args(["check", "--partner-id", "Northwind", "--input"])
        .arg(&file)
        .code(2)
        .stderr_has("not a partner id");
}
