//! The monthly routine, end to end: the real binary on workbooks written
//! here, reports read back with calamine.

mod common;

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
fn init_makes_the_layout_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("cr");
    let out = run(dir.path(), &["init", root.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for name in ["inbox", "reports", "archive", "templates"] {
        assert!(root.join(name).is_dir(), "{name}");
    }
    let config = root.join("competency-report.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("inbox = [\"inbox\"]") && text.contains("# settle_seconds"));
    assert!(root.join("templates/customers-template.xlsx").is_file());

    std::fs::write(&config, "inbox = \"mine\"\nreports = \"reports\"\n").unwrap();
    let templates_before = files_in(&root.join("templates"));
    let again = run(dir.path(), &["init", root.to_str().unwrap()]);
    assert_eq!(again.code, 0);
    assert!(!again.stdout.contains("created"));
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "inbox = \"mine\"\nreports = \"reports\"\n"
    );
    assert_eq!(files_in(&root.join("templates")), templates_before);
}

#[test]
fn the_config_file_supplies_the_folders_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    august(&root.join("inbox"));
    write_config(root, "");

    // Found in the working directory, no flags at all.
    let out = run(root, &["run", "--as-of", "2017-08-31"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        root.join("reports/competency-report-2017-08-31.xlsx")
            .is_file()
    );

    // --output wins over `reports`.
    let out = run(
        root,
        &["run", "--as-of", "2017-08-31", "--output", "elsewhere"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        root.join("elsewhere/competency-report-2017-08-31.xlsx")
            .is_file()
    );

    // --config from another directory: paths are relative to the file.
    let other = tempfile::tempdir().unwrap();
    let config = root.join("competency-report.toml");
    let out = run(
        other.path(),
        &[
            "run",
            "--config",
            config.to_str().unwrap(),
            "--as-of",
            "2017-09-30",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.report().path(),
        root.join("reports/competency-report-2017-09-30.xlsx")
    );

    // A named config that does not exist is an error, not a silent default.
    let out = run(root, &["run", "--config", "nope.toml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("nope.toml"));
}

#[test]
fn archive_moves_what_was_read_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    august(&inbox);
    std::fs::write(inbox.join("damaged.xlsx"), b"not a workbook").unwrap();
    let month = root.join("archive/2017-08");
    std::fs::create_dir_all(&month).unwrap();
    std::fs::write(month.join("customers.xlsx"), b"already archived").unwrap();
    write_config(root, "archive = \"archive\"\n");

    let out = run(root, &["run", "--as-of", "2017-08-31"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(files_in(&inbox), vec!["damaged.xlsx"]);
    assert_eq!(
        files_in(&month),
        vec!["customers-2.xlsx", "customers.xlsx", "transcripts.xlsx"]
    );
    assert_eq!(
        std::fs::read(month.join("customers.xlsx")).unwrap(),
        b"already archived"
    );
    // The archived copy is the workbook that was read.
    let (_, partners) =
        sheet_by_partner(&Report::open(month.join("customers-2.xlsx")), "Customers");
    assert!(partners.contains_key("1000001"));
}

#[test]
fn a_failed_run_moves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    august(&inbox);
    std::fs::write(root.join("blocker"), b"a file, not a folder").unwrap();
    write_config(root, "archive = \"archive\"\n");

    // The JSON summary cannot be written (its folder is a file): the run fails.
    let out = run(
        root,
        &[
            "run",
            "--as-of",
            "2017-08-31",
            "--json",
            "blocker/summary.json",
        ],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(files_in(&inbox), vec!["customers.xlsx", "transcripts.xlsx"]);
    assert!(files_in(&root.join("archive")).is_empty());

    // A rules file that cannot be used: nothing is read, written or moved.
    let out = run(
        root,
        &["run", "--as-of", "2017-08-31", "--rules", "missing.toml"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(files_in(&inbox), vec!["customers.xlsx", "transcripts.xlsx"]);
}

#[test]
fn a_file_still_being_copied_is_left_for_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    august(&inbox);
    // The customers arrived an hour ago; the transcripts are arriving now.
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    File::options()
        .write(true)
        .open(inbox.join("customers.xlsx"))
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    std::fs::write(
        root.join("competency-report.toml"),
        "inbox = \"inbox\"\nreports = \"reports\"\narchive = \"archive\"\nsettle_seconds = 600\n",
    )
    .unwrap();

    // With --strict, a file left for the next run makes the exit code 1.
    let out = run(
        root,
        &["run", "--as-of", "2017-08-31", "--strict", "--no-archive"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(files_in(&inbox).len(), 2);

    let out = run(root, &["run", "--as-of", "2017-08-31"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("transcripts.xlsx: still being copied"),
        "{}",
        out.stderr
    );
    assert_eq!(files_in(&inbox), vec!["transcripts.xlsx"]);
    assert_eq!(
        files_in(&root.join("archive/2017-08")),
        vec!["customers.xlsx"]
    );
    let report = out.report();
    let skipped = report
        .grid("Run info")
        .iter()
        .any(|r| r.iter().any(|c| c.contains("still being copied")));
    assert!(skipped, "Run info lists the file left for the next run");
}

#[test]
fn a_second_run_at_once_exits_3_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    std::fs::create_dir_all(root.join("reports")).unwrap();
    august(&root.join("inbox"));
    write_config(root, "archive = \"archive\"\n");
    // This test holds the lock, as a first run would.
    let held = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(root.join("reports/.competency-report.lock"))
        .unwrap();
    held.try_lock().unwrap();

    let out = run(root, &["run", "--as-of", "2017-08-31", "--quiet"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("another competency-report run"),
        "the reason, even when quiet: {}",
        out.stderr
    );
    assert_eq!(
        files_in(&root.join("reports")),
        vec![".competency-report.lock"]
    );
    assert_eq!(files_in(&root.join("inbox")).len(), 2);

    drop(held);
    let out = run(root, &["run", "--as-of", "2017-08-31"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn the_second_month_shows_changes_and_partners_at_risk() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    write_config(root, "json = \"reports/summary-{as_of}.json\"\n");
    august(&inbox);
    let out = run(root, &["run", "--as-of", "2017-08-31"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (headers, first) = sheet_by_partner(&out.report(), "Summary");
    for h in ["Change", "Entitlements Change", "People Change", "At Risk"] {
        assert!(headers.iter().any(|x| x == h), "{h} in {headers:?}");
    }
    assert_eq!(
        first["1000001"]["Change"], "",
        "no earlier report, no change"
    );

    september(&inbox);
    let out = run(root, &["run", "--as-of", "2017-09-30"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("compared with 2017-08 in ") && out.stderr.contains("history.sqlite"),
        "last month comes from the history: {}",
        out.stderr
    );
    let (_, s) = sheet_by_partner(&out.report(), "Summary");
    let get = |p: &str, h: &str| s[p][h].clone();
    assert_eq!(get("1000001", "Level"), "Gold");
    assert_eq!(get("1000001", "Change"), "gained Gold");
    assert_eq!(get("1000001", "Entitlements Change"), "1600");
    assert_eq!(get("1000001", "People Change"), "1");
    assert!(get("1000001", "At Risk").contains("within 5 %"));
    assert!(get("1000001", "At Risk").contains("exactly the 2 qualified people Gold needs"));
    assert_eq!(get("1000002", "Change"), "gained Silver");
    assert!(get("1000002", "At Risk").contains("2,050 active entitlements"));
    assert!(
        !get("1000002", "At Risk").contains("exactly"),
        "3 people, 1 needed"
    );
    assert_eq!(get("1000003", "Change"), "lost Gold");
    assert_eq!(get("1000003", "Entitlements Change"), "-1500");
    assert_eq!(get("1000003", "At Risk"), "", "3,000 is well above 2,000");
    assert_eq!(get("1000004", "Change"), "new");
    assert_eq!(get("1000004", "Entitlements Change"), "");

    // The JSON summary (one file a month through `{as_of}`) says the same.
    let json = read_json(&root.join("reports/summary-2017-09-30.json"));
    let p1 = &json["partners"][0];
    assert_eq!(p1["partner_id"], "1000001");
    assert_eq!(p1["change"], "gained Gold");
    assert_eq!(p1["entitlements_change"], 1600);
    assert!(p1["at_risk"].as_str().unwrap().contains("within 5 %"));
    assert!(json["partners"][2]["at_risk"].is_null());
    assert!(root.join("reports/summary-2017-08-31.json").is_file());

    // Without the history, the latest earlier report is read back; an
    // unreadable one is a note, not a failure.
    std::fs::write(
        root.join("reports/competency-report-2017-10-15.xlsx"),
        b"garbage",
    )
    .unwrap();
    let out = run(
        root,
        &[
            "run",
            "--as-of",
            "2017-10-31",
            "--at-risk-margin",
            "0.6",
            "--no-history",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("cannot open the earlier report"));
    let (_, s) = sheet_by_partner(&out.report(), "Summary");
    assert_eq!(s["1000001"]["Change"], "");
    // The margin flag wins over the rules file: 3,000 is within 60 % of 2,000.
    assert!(s["1000003"]["At Risk"].contains("within 60 %"));
}

#[test]
fn history_keeps_one_row_per_month_and_the_sheet_shows_the_months() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    write_config(root, "");
    august(&inbox);
    assert_eq!(run(root, &["run", "--as-of", "2017-08-31"]).code, 0);
    september(&inbox);
    assert_eq!(run(root, &["run", "--as-of", "2017-09-30"]).code, 0);
    let out = run(root, &["run", "--as-of", "2017-09-30"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.report()
            .ends_with("competency-report-2017-09-30-2.xlsx")
    );

    let db = rusqlite::Connection::open(root.join("reports/history.sqlite")).unwrap();
    let count = |month: &str| -> i64 {
        db.query_row(
            "SELECT COUNT(*) FROM partner_month WHERE month = ?1",
            [month],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(count("2017-08"), 3);
    assert_eq!(
        count("2017-09"),
        4,
        "the re-run replaced September, not doubled it"
    );

    let (headers, rows) = sheet_by_partner(&out.report(), "History");
    assert_eq!(headers.len(), 2 + 12);
    assert_eq!(headers[2], "2016-10");
    assert_eq!(headers[13], "2017-09");
    assert_eq!(rows["1000001"]["2017-08"], "2500");
    assert_eq!(rows["1000001"]["2017-09"], "4100");
    assert_eq!(rows["1000004"]["2017-08"], "");
    assert_eq!(rows["1000002"]["Partner Name"], "Fabrikam");
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

/// The issue's story: a late file's re-run for the same month reads the
/// month's archived inputs again, so its report and the month's history
/// hold every partner.
#[test]
fn a_late_file_joins_its_month_and_the_rerun_is_complete() {
    let expected = levels(&Run::samples().ok().report());
    assert!(expected.len() >= 5, "{expected:?}");

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    inbox_with_a_late_file(root);
    let first = run(
        root,
        &["run", "--as-of", "2017-09-30", "--strict", "--quiet"],
    );
    assert_eq!(first.code, 1, "{}", first.stderr);
    assert!(
        first.stderr.contains("exit code 1 (--strict)")
            && first.stderr.contains("1 file(s) still being copied"),
        "the reason, even when quiet: {}",
        first.stderr
    );
    let month = root.join("archive/2017-09");
    assert!(files_in(&month).contains(&"northwind-distribution.xlsx".to_string()));
    let left: Vec<PathBuf> = common::fingerprint(&root.join("inbox"))
        .into_iter()
        .map(|(p, _, _)| p)
        .collect();
    assert_eq!(left, vec![root.join("inbox/partnerportal-de.xlsx")]);
    assert!(levels(&first.report()).len() < expected.len());

    // The late file has settled; the obvious re-run for the same month.
    age(&root.join("inbox/partnerportal-de.xlsx"), 3600);
    let again = run(root, &["run", "--as-of", "2017-09-30"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let report = again.report();
    assert!(report.ends_with("competency-report-2017-09-30-2.xlsx"));
    assert_eq!(
        levels(&report),
        expected,
        "the whole month, as one run of every file"
    );
    assert!(
        again.stderr.contains(
            "note: archive/2017-09/northwind-distribution.xlsx: read again from the archive"
        ),
        "{}",
        again.stderr
    );
    let info = report.sheet("Run info");
    assert!(
        info.iter().flatten().any(|c| c
            .to_string()
            .contains("archive/2017-09/northwind-distribution.xlsx: read again")),
        "Run info says which archived file was read again"
    );
    let db = root.join("reports/history.sqlite");
    let mut ids: Vec<String> = expected.keys().cloned().collect();
    ids.sort();
    assert_eq!(history_partners(&db, "2017-09"), ids);
    assert!(!again.stderr.contains("warning"), "{}", again.stderr);
    // Each input archived once (the file read again is not moved twice),
    // in the folders it came in.
    let mut archived = files_in(&month);
    archived.retain(|n| n.ends_with(".xlsx"));
    assert_eq!(
        archived,
        vec!["northwind-distribution.xlsx", "partnerportal-de.xlsx"]
    );
    for entry in std::fs::read_dir(common::samples()).unwrap().flatten() {
        if entry.path().is_dir() && !entry.file_name().to_string_lossy().starts_with('.') {
            let kept = month.join(entry.file_name());
            assert_eq!(
                files_in(&kept),
                files_in(&entry.path()),
                "{}",
                kept.display()
            );
        }
    }
    assert!(
        common::fingerprint(&root.join("inbox")).is_empty(),
        "every file was archived (the partner's folder stays, empty)"
    );
}

/// `--inbox-only` makes a report of the inbox alone; recording it would
/// drop partners from the month's history, and a warning names them, even
/// when quiet.
#[test]
fn inbox_only_reads_the_inbox_alone_and_warns_before_history_shrinks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    inbox_with_a_late_file(root);
    age(&root.join("inbox/partnerportal-de.xlsx"), 3600);
    let first = run(root, &["run", "--as-of", "2017-09-30"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let whole = levels(&first.report());

    // A corrected file for one sender, run on its own.
    let late = root.join("inbox/partnerportal-de.xlsx");
    std::fs::copy(common::samples().join("partnerportal-de.xlsx"), &late).unwrap();
    age(&late, 3600);
    let out = run(
        root,
        &[
            "run",
            "--as-of",
            "2017-09-30",
            "--inbox-only",
            "--quiet",
            "--strict",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let err = out.stderr.clone();
    let alone = levels(&out.report());
    assert!(alone.len() < whole.len(), "{alone:?}");
    let mut dropped: Vec<&str> = whole
        .keys()
        .map(String::as_str)
        .filter(|id| !alone.contains_key(*id))
        .collect();
    dropped.sort();
    assert!(!dropped.is_empty());
    assert!(
        err.contains("warning:") && err.contains(&format!(": {}", dropped.join(", "))),
        "the warning names the partners that vanish: {err}"
    );
    assert!(
        err.contains("the month in the history lost partners"),
        "{err}"
    );
    assert!(!err.contains("read again"), "--inbox-only: {err}");
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
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    august(&root.join("inbox"));
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

/// A run killed mid-write leaves a hidden temporary file, in the reports
/// folder or its outbox; the next run (it holds the lock) removes it, and
/// says so.
#[test]
fn the_next_run_removes_what_a_killed_run_left() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    august(&root.join("inbox"));
    write_config(root, "");
    let reports = root.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let stale = reports.join(".competency-report-2017-08-31.Xk3b9Q.tmp");
    std::fs::write(&stale, b"PK half a report").unwrap();
    let theirs = reports.join(".someone-elses.tmp");
    std::fs::write(&theirs, b"not the tool's").unwrap();
    let outbox = reports.join("outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    let stale_mail = outbox.join(".competency-report-partner-1000001.Qz81aa.tmp");
    std::fs::write(&stale_mail, b"X-Unsent: 1\r\nTo: half a mess").unwrap();
    let out = run(root, &["run", "--as-of", "2017-08-31"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!stale.exists(), "the leftover is gone");
    assert!(!stale_mail.exists(), "the outbox's leftover too");
    assert!(theirs.exists(), "only the tool's own temporary files go");
    assert!(
        out.stderr
            .contains("note: removed 2 temporary file(s) left by an interrupted run"),
        "{}",
        out.stderr
    );
}

/// On a full disk (here: a file-size limit) only the tool's own message is
/// printed: the zip writer's clean-up stays quiet, and nothing is left. The
/// limit is swept, since where the writing fails decides whether the zip
/// writer's clean-up would have spoken.
#[cfg(unix)]
#[test]
fn a_full_disk_prints_only_the_tools_message() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    august(&root.join("inbox"));
    write_config(root, "");
    let mut failed = 0;
    for blocks in 1..=60 {
        let _ = std::fs::remove_dir_all(root.join("reports"));
        // Blocks of 512 bytes: the inputs are read, the report may not fit;
        // SIGXFSZ ignored, so writing fails with EFBIG instead.
        let out = Run::in_shell(&format!("trap '' XFSZ; ulimit -f {blocks}"))
            .current_dir(root)
            .args(["run", "--as-of", "2017-08-31", "--quiet", "--no-history"])
            .run();
        let err = out.stderr.clone();
        assert!(!err.contains("ZipWriter"), "{blocks} blocks: {err}");
        if out.code == 0 {
            continue;
        }
        failed += 1;
        assert_eq!(out.code, 2, "{blocks} blocks: {err}");
        assert_eq!(err.lines().count(), 1, "{blocks} blocks, one line: {err}");
        assert!(
            err.starts_with("competency-report: error: no report was written to ")
                && err.matches("File too large").count() == 1,
            "{blocks} blocks: {err}"
        );
        assert_eq!(
            files_in(&root.join("reports")),
            vec![".competency-report.lock"],
            "{blocks} blocks: no report, no temporary file"
        );
    }
    assert!(failed > 10, "the limit stopped {failed} runs only");
}

/// A file of the archived month named with `--input` is read once, not
/// again as part of the month.
#[test]
fn an_archived_file_named_as_input_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    august(&root.join("inbox"));
    write_config(root, "archive = \"archive\"\n");
    assert_eq!(run(root, &["run", "--as-of", "2017-08-31"]).code, 0);
    let out = run(
        root,
        &[
            "run",
            "--as-of",
            "2017-08-31",
            "--input",
            "archive/2017-08/customers.xlsx",
            "--no-archive",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let err = out.stderr.clone();
    assert!(
        err.contains("archive/2017-08/transcripts.xlsx: read again"),
        "{err}"
    );
    assert!(!err.contains("customers.xlsx: read again"), "{err}");
    assert!(err.contains("Read 2 file(s)"), "{err}");
}

/// A shipped rule set named in the config file means that rule set, as on
/// the command line; the line `init` writes works once uncommented; a name
/// that is neither a file nor a shipped set says what was written.
#[test]
fn the_config_file_names_a_shipped_rule_set() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    august(&root.join("inbox"));
    write_config(root, "rules = \"solutions-partner-modern-work\"\n");
    let other = tempfile::tempdir().unwrap();
    let config = root.join("competency-report.toml");
    let args = [
        "run",
        "--config",
        config.to_str().unwrap(),
        "--as-of",
        "2017-08-31",
        "--no-history",
    ];
    let out = run(other.path(), &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("Solutions Partner for Modern Work designation"),
        "{}",
        out.stderr
    );

    // What `init` writes, uncommented.
    let init = run(root, &["init", "cr"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let text = std::fs::read_to_string(root.join("cr/competency-report.toml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("# rules = "))
        .expect("init writes a rules line");
    write_config(root, &format!("{}\n", &line[2..]));
    let out = run(other.path(), &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("Cloud Productivity competency"),
        "{}",
        out.stderr
    );

    write_config(root, "rules = \"modern-work\"\n");
    let out = run(other.path(), &args);
    assert_eq!(out.code, 2);
    let err = &out.stderr;
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("rules = \"modern-work\" names no file in"),
        "{err}"
    );
    assert!(err.contains("competency-report.toml"), "{err}");
    assert!(err.contains("solutions-partner-modern-work"), "{err}");
}

/// A typo in the `[email]` table is one line naming the file and the line.
#[test]
fn an_email_typo_names_the_file_and_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    august(&root.join("inbox"));
    write_config(
        root,
        "\n[email]\noperators = [\"ops@example.com\"]\nform = \"desk@example.com\"\n",
    );
    let out = run(root, &["run", "--as-of", "2017-08-31"]);
    assert_eq!(out.code, 2);
    let err = &out.stderr;
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("competency-report: error: config file "),
        "{err}"
    );
    assert!(
        err.contains("competency-report.toml, line 7: unknown field `form`"),
        "{err}"
    );
    assert!(!root.join("reports").exists(), "nothing was written");

    // The same in a file given with --email-config.
    write_config(root, "");
    std::fs::write(
        root.join("mail.toml"),
        "[email]\n\nform = \"desk@example.com\"\n",
    )
    .unwrap();
    let out = run(
        root,
        &[
            "run",
            "--as-of",
            "2017-08-31",
            "--email-config",
            "mail.toml",
        ],
    );
    assert_eq!(out.code, 2);
    let err = &out.stderr;
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("mail.toml, line 3: unknown field `form`"),
        "{err}"
    );
}

/// An as-of date after today is reported on, said even when quiet, and not
/// recorded as a month in the history.
#[test]
fn a_future_as_of_date_is_said_and_not_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox")).unwrap();
    august(&root.join("inbox"));
    write_config(root, "");
    let out = run(root, &["run", "--as-of", "2017-08-31", "--quiet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let db = root.join("reports/history.sqlite");
    assert_eq!(history_partners(&db, "2017-08").len(), 3);

    let out = run(root, &["run", "--as-of", "2999-01-31", "--quiet"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let err = &out.stderr;
    assert!(
        err.contains("competency-report: warning: the as-of date 2999-01-31 is after today")
            && err.contains("it was not recorded in the history"),
        "{err}"
    );
    assert!(history_partners(&db, "2999-01").is_empty());
    assert!(
        root.join("reports/competency-report-2999-01-31.xlsx")
            .is_file()
    );
}

/// A run that evaluates no partner (the month's only download came empty)
/// writes its report, records nothing, archives nothing and exits 5 with
/// one line saying why, quiet or not.
#[test]
fn a_run_with_no_partner_exits_5_and_keeps_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("inbox/1000021 Northwind")).unwrap();
    std::fs::write(root.join("inbox/1000021 Northwind/LicenseUsage.csv"), b"").unwrap();
    write_config(root, "archive = \"archive\"\nstrict = false\n");
    for quiet in [true, false] {
        let mut args = vec!["run", "--as-of", "2017-09-30"];
        if quiet {
            args.push("--quiet");
        }
        let out = run(root, &args);
        assert_eq!(out.code, 5, "{}", out.stderr);
        let err = &out.stderr;
        let last = err.lines().last().unwrap_or("");
        assert!(
            last.starts_with("competency-report: error: no partner could be evaluated")
                && last.contains("LicenseUsage.csv: the file is empty")
                && last.contains("nothing was archived"),
            "{err}"
        );
        if quiet {
            assert_eq!(err.lines().count(), 1, "{err}");
        }
        assert!(out.report().path().is_file(), "the report is written");
    }
    assert!(
        root.join("inbox/1000021 Northwind/LicenseUsage.csv")
            .is_file()
    );
    assert!(!root.join("archive").exists());
    let db = root.join("reports/history.sqlite");
    assert!(!db.exists() || history_partners(&db, "2017-09").is_empty());
}
