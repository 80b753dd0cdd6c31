//! Runs that cannot finish, and mistakes in the arguments: what is written,
//! what is not, and what the user is told to do.

use super::*;

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
