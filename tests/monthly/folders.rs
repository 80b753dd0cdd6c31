//! The routine's folders, lock and settings: what it makes, moves, keeps
//! and refuses, and what it says when it cannot.

use super::*;

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
    let dir = august_inbox();
    let root = dir.path();
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

/// A run killed mid-write leaves a hidden temporary file, in the reports
/// folder or its outbox; the next run (it holds the lock) removes it, and
/// says so.
#[test]
fn the_next_run_removes_what_a_killed_run_left() {
    let dir = august_inbox();
    let root = dir.path();
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
    let dir = august_inbox();
    let root = dir.path();
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
    let dir = august_inbox();
    let root = dir.path();
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
    let dir = august_inbox();
    let root = dir.path();
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
    let dir = august_inbox();
    let root = dir.path();
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
