//! Month after month: the history, changes and partners at risk, files
//! that arrive late, and months with nothing to read.

use super::*;

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

/// The story: a late file's re-run for the same month reads the
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

/// An as-of date after today is reported on, said even when quiet, and not
/// recorded as a month in the history.
#[test]
fn a_future_as_of_date_is_said_and_not_recorded() {
    let dir = august_inbox();
    let root = dir.path();
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
