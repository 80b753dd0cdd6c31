//! Text exports end to end: the real binary on CSV and tab-separated files
//! as Partner Center, German Excel and Excel's "Unicode Text" write them.

mod common;

use std::collections::HashMap;
use std::path::Path;

use common::{V, bin, customer_header, only_report, table, write_workbook};

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

/// Runs the tool on `input` as of `as_of` with extra arguments; returns
/// the report and the JSON summary.
fn run(
    input: &Path,
    as_of: &str,
    extra: &[&str],
) -> (tempfile::TempDir, std::path::PathBuf, serde_json::Value) {
    let out = tempfile::tempdir().unwrap();
    let json = out.path().join("summary.json");
    bin()
        .args(["run", "--as-of", as_of, "--input"])
        .arg(input)
        .arg("--output")
        .arg(out.path())
        .arg("--json")
        .arg(&json)
        .args(extra)
        .assert()
        .success();
    let report = only_report(out.path());
    let json = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    (out, report, json)
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

    let (_out, report, json) = run(&inbox, "2017-09-30", &[]);
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

    let customers = table(&report, "Customers");
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
    let (_out, report, json) = run(&path, "2017-09-30", &[]);
    // One customer: the larger row counts, the other is its duplicate.
    assert_eq!(partners(&json)["1000001"]["active_entitlements"], 700);
    let customers = table(&report, "Customers");
    let ids: Vec<&str> = customers
        .iter()
        .map(|r| r["Customer ID"].as_str())
        .collect();
    assert_eq!(ids, ["C-1001", "C-1001"]);
}
