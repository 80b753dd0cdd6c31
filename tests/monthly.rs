//! The monthly routine, end to end: the real binary on workbooks written
//! here, reports read back with calamine.

mod common;
#[path = "monthly/folders.rs"]
mod folders;
#[path = "monthly/months.rs"]
mod months;

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::{Output, Report, Run, read_json};
use rust_xlsxwriter::Workbook;

/// (partner id, name, customer id, active users on Exchange Online)
type CustomerRow<'a> = (&'a str, &'a str, &'a str, u32);

fn write_customers(path: &Path, rows: &[CustomerRow]) {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("Customers").unwrap();
    let headers = [
        "Partner ID",
        "Partner Name",
        "Customer ID",
        "Workload",
        "Active Users",
        "Association",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (partner, name, customer, users)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *partner).unwrap();
        sheet.write_string(r, 1, *name).unwrap();
        sheet.write_string(r, 2, *customer).unwrap();
        sheet.write_string(r, 3, "Exchange Online").unwrap();
        sheet.write_number(r, 4, f64::from(*users)).unwrap();
        sheet.write_string(r, 5, "DAP").unwrap();
    }
    wb.save(path).unwrap();
}

/// Each partner gets `n` people holding MCSA: Office 365.
fn write_transcripts(path: &Path, people: &[(&str, u32)]) {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("Transcripts").unwrap();
    for (c, h) in ["Partner ID", "Person ID", "Credential", "Date Passed"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let mut r = 0;
    for (partner, n) in people {
        for i in 0..*n {
            r += 1;
            sheet.write_string(r, 0, *partner).unwrap();
            sheet
                .write_string(r, 1, format!("p{i}@{partner}.example"))
                .unwrap();
            sheet.write_string(r, 2, "MCSA: Office 365").unwrap();
            sheet.write_string(r, 3, "2017-01-15").unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// A small month: partner 1 Silver, 2 none, 3 Gold.
fn august(inbox: &Path) {
    write_customers(
        &inbox.join("customers.xlsx"),
        &[
            ("1000001", "Contoso", "c1", 2500),
            ("1000002", "Fabrikam", "c2", 1000),
            ("1000003", "Litware", "c3", 4500),
        ],
    );
    write_transcripts(
        &inbox.join("transcripts.xlsx"),
        &[("1000001", 1), ("1000002", 1), ("1000003", 3)],
    );
}

/// A fresh routine folder whose inbox holds August's files.
fn august_inbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inbox")).unwrap();
    august(&dir.path().join("inbox"));
    dir
}

/// The next month: 1 gains Gold (just), 2 gains Silver (just), 3 loses
/// Gold, 4 is new.
fn september(inbox: &Path) {
    write_customers(
        &inbox.join("customers.xlsx"),
        &[
            ("1000001", "Contoso", "c1", 4100),
            ("1000002", "Fabrikam", "c2", 2050),
            ("1000003", "Litware", "c3", 3000),
            ("1000004", "Northwind", "c4", 10),
        ],
    );
    write_transcripts(
        &inbox.join("transcripts.xlsx"),
        &[("1000001", 2), ("1000002", 3), ("1000003", 3)],
    );
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    Run::new().current_dir(cwd).args(args).run()
}

/// A sheet as rows of text keyed by the column `key`, and its headers.
fn sheet_by(
    report: &Report,
    sheet: &str,
    key: &str,
) -> (Vec<String>, HashMap<String, HashMap<String, String>>) {
    (report.grid(sheet)[0].clone(), report.by(sheet, key))
}

/// [`sheet_by`] the partner id.
fn sheet_by_partner(
    report: &Report,
    sheet: &str,
) -> (Vec<String>, HashMap<String, HashMap<String, String>>) {
    sheet_by(report, sheet, "Partner ID")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn write_config(dir: &Path, extra: &str) {
    std::fs::write(
        dir.join("competency-report.toml"),
        format!("inbox = \"inbox\"\nreports = \"reports\"\nsettle_seconds = 0\n{extra}"),
    )
    .unwrap();
}

#[test]
fn problems_exit_0_unless_strict() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    august(&inbox);
    std::fs::write(inbox.join("damaged.xlsx"), b"not a workbook").unwrap();
    let args = [
        "run",
        "--input",
        "inbox",
        "--output",
        "reports",
        "--as-of",
        "2017-08-31",
        "--quiet",
    ];
    let out = run(root, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.is_empty(), "--quiet: {}", out.stderr);
    let mut strict = args.to_vec();
    strict.push("--strict");
    let out = run(root, &strict);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stderr.trim(),
        "competency-report: exit code 1 (--strict): the report was written, but the inputs have 1 problem(s) (listed on the report's Problems sheet)",
        "one line says why, even when quiet"
    );
    assert!(out.report().is_file(), "the report is still written");
}

#[test]
fn the_german_report_says_at_risk_in_german() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    write_config(root, "lang = \"de\"\n");
    august(&inbox);
    assert_eq!(run(root, &["run", "--as-of", "2017-08-31"]).code, 0);
    september(&inbox);
    let out = run(root, &["run", "--as-of", "2017-09-30"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (_, s) = sheet_by(&out.report(), "Partner", "Partner-ID");
    let risk = |p: &str| s[p]["Gefährdet"].clone();
    assert_eq!(s["1000001"]["Veränderung"], "Gold erreicht");
    assert_eq!(
        risk("1000001"),
        "4.100 aktive Berechtigungen liegen weniger als 5 % über der Gold-Schwelle von 4.000; \
         hängt an genau den 2 qualifizierten Personen, die Gold verlangt"
    );
    assert_eq!(
        risk("1000002"),
        "2.050 aktive Berechtigungen liegen weniger als 5 % über der Silber-Schwelle von 2.000"
    );
    for p in ["1000001", "1000002"] {
        assert!(!risk(p).contains("within"), "{}", risk(p));
    }
}

/// Sets a file's modification time `secs` seconds in the past.
fn age(path: &Path, secs: u64) {
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(secs))
        .unwrap();
}

/// The partners (id -> level) of a report's Summary sheet.
fn levels(report: &Report) -> HashMap<String, String> {
    report
        .summary_rows()
        .into_iter()
        .map(|r| (r["Partner ID"].clone(), r["Level"].clone()))
        .collect()
}

/// The partner ids history.sqlite holds for a month.
fn history_partners(db: &Path, month: &str) -> Vec<String> {
    let db = rusqlite::Connection::open(db).unwrap();
    let mut stmt = db
        .prepare("SELECT partner_id FROM partner_month WHERE month = ?1 ORDER BY partner_id")
        .unwrap();
    stmt.query_map([month], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

/// Copies every input file under `from` (not the README, nothing hidden,
/// as a run of `from` reads it) into `to`, folders and all, each changed an
/// hour ago.
fn copy_inputs(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let (path, target) = (entry.path(), to.join(entry.file_name()));
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            copy_inputs(&path, &target);
        } else if entry.file_name() != "README.md" {
            std::fs::copy(&path, &target).unwrap();
            age(&target, 3600);
        }
    }
}

/// A folder as `init` makes it, with the samples dropped into the inbox,
/// settled an hour ago, but for `partnerportal-de.xlsx`, still arriving.
fn inbox_with_a_late_file(root: &Path) {
    let inbox = root.join("inbox");
    copy_inputs(&common::samples(), &inbox);
    std::fs::File::options()
        .write(true)
        .open(inbox.join("partnerportal-de.xlsx"))
        .unwrap()
        .set_modified(SystemTime::now())
        .unwrap();
    std::fs::write(
        root.join("competency-report.toml"),
        "inbox = \"inbox\"\nreports = \"reports\"\narchive = \"archive\"\n",
    )
    .unwrap();
}

/// Exit code 2 for a missing input says why, even when quiet, and creates
/// nothing: no reports folder, no lock file.
#[test]
fn exit_2_says_why_when_quiet_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let out = run(
        root,
        &[
            "run", "--input", "nowhere", "--output", "reports", "--quiet",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    let err = out.stderr.clone();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("input nowhere does not exist"), "{err}");
    assert!(!root.join("reports").exists(), "nothing was created");

    // Only files still being copied: how long the tool waits, how to change it.
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    august(&root.join("inbox"));
    std::fs::write(
        root.join("competency-report.toml"),
        "inbox = \"inbox\"\nreports = \"reports\"\n",
    )
    .unwrap();
    let out = run(root, &["run", "--as-of", "2017-08-31", "--quiet"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let err = out.stderr.clone();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    for part in [
        "2 file(s) changed less than 60 s ago",
        "Wait 60 s",
        "--settle-seconds 0",
        "settle_seconds",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
    assert!(!root.join("reports").exists(), "nothing was created");
    // As the message says: --settle-seconds 0 reads them at once.
    let out = run(
        root,
        &[
            "run",
            "--as-of",
            "2017-08-31",
            "--settle-seconds",
            "0",
            "--quiet",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// Exit code 4 (the report is written, the history is not) says why, even
/// when quiet.
#[test]
fn exit_4_says_why_when_quiet() {
    let dir = august_inbox();
    let root = dir.path();
    write_config(root, "archive = \"archive\"\n");
    // A folder where the database should be: it can be neither read nor replaced.
    std::fs::create_dir_all(root.join("reports/history.sqlite")).unwrap();
    let out = run(root, &["run", "--as-of", "2017-08-31", "--quiet"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    let err = out.stderr.clone();
    assert!(
        err.contains("warning: the history was not updated"),
        "{err}"
    );
    assert!(
        err.contains("the inputs were not archived, so a re-run can record the month"),
        "{err}"
    );
    assert!(out.report().is_file(), "the report is written");
    assert_eq!(files_in(&root.join("inbox")).len(), 2);
}

/// `--lang de` leaves no English in the workbook's title, the status of
/// each input sheet, the rules' method or where the rules came from on
/// `Laufinfo`.
#[test]
fn the_german_report_title_and_run_info_are_german() {
    let report = Run::samples().args(["--lang", "de"]).ok().report();
    let core = common::xlsx::part(&report, "docProps/core.xml").unwrap();
    assert!(
        core.contains(
            "<dc:title>Kompetenzbericht Cloud Productivity (Managed Service Partner), Stichtag 2017-09-30</dc:title>"
        ),
        "{core}"
    );
    let info = report.sheet("Laufinfo");
    let text: Vec<String> = info.iter().flatten().map(|c| c.to_string()).collect();
    assert!(text.iter().any(|c| c == "gelesen als Kunden"), "{text:?}");
    assert!(
        text.iter().any(|c| c == "gelesen als Prüfungen"),
        "{text:?}"
    );
    assert!(!text.iter().any(|c| c.starts_with("read as")), "{text:?}");
    assert!(
        text.iter()
            .any(|c| c == "mitgeliefert: cloud-productivity (templates/cloud-productivity.toml)"),
        "{text:?}"
    );
    assert!(!text.iter().any(|c| c.starts_with("built-in")), "{text:?}");
    assert!(
        text.iter()
            .any(|c| c == "die stärkste Arbeitslast, über die Kunden summiert (best-workload)"),
        "{text:?}"
    );
}

/// `rules` writes thresholds as the report does (2,000, not 2000).
#[test]
fn rules_groups_thousands_like_the_report() {
    let text = Run::new().arg("rules").run().stdout;
    assert!(text.contains("Silver: 2,000 active entitlements"), "{text}");
    assert!(!text.contains("2000"), "{text}");
}
