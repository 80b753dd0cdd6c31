//! The hostile and messy input corpus (`tests/corpus/`, made by
//! `make_corpus.py`): every file is run through the real binary and must give
//! exactly the outcome `manifest.toml` states: refused with a clear problem,
//! skipped, read with the right figures and problems, or at least survived.
//! No input file may change.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use calamine::Data;
use common::*;
use serde::Deserialize;
use serde_json::Value as Json;

#[derive(Debug, Deserialize)]
struct Manifest {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    file: String,
    expect: String,
    #[serde(default)]
    message_contains: Option<String>,
    #[serde(default)]
    partners: Vec<ExpectedPartner>,
    #[serde(default)]
    problems: Vec<ExpectedProblem>,
    #[serde(default)]
    extra_problems_ok: bool,
    #[serde(default)]
    skipped_sheets: Vec<String>,
    #[serde(default)]
    dates_passed: Vec<ExpectedDate>,
    #[serde(default)]
    report_text: Vec<String>,
    #[serde(default)]
    args: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedPartner {
    id: String,
    active_entitlements: u64,
    qualified_people: u64,
    level: String,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedProblem {
    sheet: String,
    #[serde(default)]
    cell: Option<String>,
    #[serde(default)]
    message_contains: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ExpectedDate {
    person_id: String,
    credential_contains: String,
    date: String,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn manifest() -> Manifest {
    let text = std::fs::read_to_string(corpus().join("manifest.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

/// Runs the tool on `input` (with the case's extra arguments) into a fresh
/// folder, kept as long as the output.
fn run(input: &Path, args: &[String]) -> Output {
    let out = Run::report_of(input)
        .timeout(Duration::from_secs(120))
        .args(["--as-of", "2017-09-30", "--no-history"])
        .args(args)
        .run();
    // A run that evaluated no partner wrote its report (the Problems sheet
    // says why) but is no success: exit code 5, said in one line.
    let no_partner = partners(&out.json()).is_empty();
    let expected = if no_partner { 5 } else { 0 };
    assert_eq!(out.code, expected, "{}: {}", input.display(), out.stderr);
    // A reader's panic is the file's problem, in words: the library's own
    // panic line never reaches stderr.
    assert!(
        !out.stderr.contains("panicked at"),
        "{}: {}",
        input.display(),
        out.stderr
    );
    if no_partner {
        let last = out.stderr.lines().last().unwrap_or("");
        assert!(
            last.starts_with("competency-report: error: no partner could be evaluated"),
            "{}: {}",
            input.display(),
            out.stderr
        );
    }
    out
}

fn partners(summary: &Json) -> BTreeMap<String, Json> {
    summary["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["partner_id"].as_str().unwrap().to_string(), p.clone()))
        .collect()
}

fn check_partners(case: &Case, summary: &Json) -> Vec<String> {
    let mut failures = Vec::new();
    let got = partners(summary);
    let want: Vec<&str> = case.partners.iter().map(|p| p.id.as_str()).collect();
    let got_ids: Vec<&str> = got.keys().map(String::as_str).collect();
    if got_ids != want {
        failures.push(format!("partners {got_ids:?}, expected {want:?}"));
    }
    for p in &case.partners {
        let Some(g) = got.get(&p.id) else { continue };
        let figures = (
            g["active_entitlements"].as_u64(),
            g["qualified_people"].as_u64(),
            g["level"].as_str(),
        );
        if figures
            != (
                Some(p.active_entitlements),
                Some(p.qualified_people),
                Some(p.level.as_str()),
            )
        {
            failures.push(format!("partner {}: got {figures:?}, expected {p:?}", p.id));
        }
        if let Some(name) = &p.name
            && g["partner_name"].as_str() != Some(name)
        {
            failures.push(format!(
                "partner {}: name {:?}, expected {name:?}",
                p.id, g["partner_name"]
            ));
        }
    }
    failures
}

fn check_problems(case: &Case, summary: &Json) -> Vec<String> {
    let problems: Vec<&Json> = summary["problems"].as_array().unwrap().iter().collect();
    let mut used = vec![false; problems.len()];
    let mut failures = Vec::new();
    for want in &case.problems {
        let found = problems.iter().enumerate().position(|(i, p)| {
            !used[i]
                && p["sheet"] == want.sheet.as_str()
                && want.cell.as_ref().is_none_or(|c| p["cell"] == c.as_str())
                && want.message_contains.as_ref().is_none_or(|m| {
                    p["message"]
                        .as_str()
                        .unwrap()
                        .to_lowercase()
                        .contains(&m.to_lowercase())
                })
        });
        match found {
            Some(i) => used[i] = true,
            None => failures.push(format!("no problem matching {want:?}")),
        }
    }
    if !case.extra_problems_ok {
        for (i, p) in problems.iter().enumerate() {
            if !used[i] && !p["cell"].as_str().unwrap().is_empty() {
                failures.push(format!("unexpected problem {p}"));
            }
        }
    }
    failures
}

fn check_report(case: &Case, report: &Report) -> Vec<String> {
    let mut failures = Vec::new();
    if !case.skipped_sheets.is_empty() {
        let info = report.grid("Run info");
        for sheet in &case.skipped_sheets {
            let listed = info
                .iter()
                .any(|r| r.get(1) == Some(sheet) && r.iter().any(|c| c.contains("skipped")));
            if !listed {
                failures.push(format!(
                    "sheet {sheet} is not listed as skipped on Run info"
                ));
            }
        }
    }
    if !case.dates_passed.is_empty() {
        let people = report.table("People");
        for d in &case.dates_passed {
            let seen = people.iter().any(|p| {
                p["Person ID"] == d.person_id
                    && p["Credentials"].split("; ").any(|c| {
                        c.contains(&d.credential_contains) && c.contains(&format!("({})", d.date))
                    })
            });
            if !seen {
                failures.push(format!("no credential date {d:?} on People"));
            }
        }
    }
    if !case.report_text.is_empty() {
        let mut strings = Vec::new();
        for name in report.sheet_names() {
            strings.extend(
                report
                    .sheet(&name)
                    .into_iter()
                    .flatten()
                    .filter_map(|c| match c {
                        Data::String(s) => Some(s),
                        _ => None,
                    }),
            );
            // The only formulas are the tool's own table totals; input text
            // never becomes one.
            for f in report.formulas(&name) {
                if !f.starts_with("SUBTOTAL(109,") {
                    failures.push(format!(
                        "sheet {name} of the report holds the formula {f:?}"
                    ));
                }
            }
        }
        for text in &case.report_text {
            if !strings.contains(text) {
                failures.push(format!("{text:?} is not a text cell of the report"));
            }
        }
    }
    failures
}

#[test]
fn every_corpus_file_gets_its_stated_outcome_and_no_input_changes() {
    let files = corpus().join("files");
    let before = fingerprint(&files);
    let manifest = manifest();
    assert!(manifest.case.len() >= 40, "the corpus is all there");
    let baseline = run(&files.join("valid_baseline.xlsx"), &[]).json();
    let mut failures = Vec::new();
    for case in &manifest.case {
        let path = files.join(&case.file);
        let mut fail = |what: Vec<String>| {
            failures.extend(what.into_iter().map(|w| format!("{}: {w}", case.file)))
        };
        match case.expect.as_str() {
            "refused" => {
                let summary = run(&path, &case.args).json();
                let problems = summary["problems"].as_array().unwrap();
                let about_file: Vec<&Json> = problems
                    .iter()
                    .filter(|p| p["sheet"] == "" && p["cell"] == "")
                    .collect();
                if problems.len() != 1 || about_file.len() != 1 {
                    fail(vec![format!("expected one file problem, got {problems:?}")]);
                } else if let Some(m) = &case.message_contains {
                    let message = about_file[0]["message"].as_str().unwrap().to_lowercase();
                    if !message.contains(&m.to_lowercase()) {
                        fail(vec![format!("message {message:?} lacks {m:?}")]);
                    }
                }
                if !partners(&summary).is_empty() {
                    fail(vec!["a refused file gave partners".into()]);
                }
            }
            "skipped" => {
                let input = tempfile::tempdir().unwrap();
                std::fs::copy(&path, input.path().join(&case.file)).unwrap();
                std::fs::copy(
                    files.join("valid_baseline.xlsx"),
                    input.path().join("valid_baseline.xlsx"),
                )
                .unwrap();
                let summary = run(input.path(), &case.args).json();
                if summary["partners"] != baseline["partners"]
                    || summary["problems"] != baseline["problems"]
                {
                    fail(vec!["the skipped file changed the result".into()]);
                }
            }
            "read" => {
                let out = run(&path, &case.args);
                let summary = out.json();
                fail(check_partners(case, &summary));
                fail(check_problems(case, &summary));
                fail(check_report(case, &out.report()));
            }
            "survives" => {
                run(&path, &case.args);
            }
            other => fail(vec![format!("unknown expectation {other}")]),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(before, fingerprint(&files), "an input file was modified");
}

/// The whole corpus in one run under the points-scored Modern Work rules:
/// the run ends normally, every file is read or refused as under the
/// competency rules (the rule set never changes reading), and every
/// partner's score is well-formed.
#[test]
fn the_corpus_under_points_rules_is_read_alike_and_scored_well_formed() {
    let files = corpus().join("files");
    let before = fingerprint(&files);
    let manifest = manifest();
    let out = Run::report_of(&files)
        .timeout(Duration::from_secs(300))
        .args(["--as-of", "2017-09-30", "--no-history", "--quiet"])
        .args(["--rules", "solutions-partner-modern-work"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let summary = out.json();
    let got = partners(&summary);
    let problems = summary["problems"].as_array().unwrap();
    let mut failures = Vec::new();
    // Cases run with their own flags (a --partner-id) are not alike in one
    // run; nor are files a folder's walk passes over (an image, a .md file:
    // only named on their own are they read, and refused).
    let walked = |file: &str| {
        let ext = Path::new(file)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        files.join(file).is_dir()
            || ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"]
                .iter()
                .any(|x| ext.as_deref() == Some(*x))
    };
    for case in manifest
        .case
        .iter()
        .filter(|c| c.args.is_empty() && walked(&c.file))
    {
        match case.expect.as_str() {
            "read" => {
                for p in &case.partners {
                    if !got.contains_key(&p.id) {
                        failures.push(format!("{}: partner {} missing", case.file, p.id));
                    }
                }
            }
            "refused" => {
                let refused = problems.iter().any(|p| {
                    p["file"].as_str().unwrap().ends_with(&case.file)
                        && p["sheet"] == ""
                        && p["cell"] == ""
                });
                if !refused {
                    failures.push(format!("{}: not refused", case.file));
                }
            }
            _ => {}
        }
    }
    for (id, p) in &got {
        let level = p["level"].as_str().unwrap();
        let score = p["score"].as_f64().unwrap();
        let metrics = p["metrics"].as_object().unwrap();
        let sum: f64 = metrics
            .values()
            .map(|m| m["points"].as_f64().unwrap())
            .sum();
        let fine = ["qualified", "none"].contains(&level)
            && (0.0..=100.0).contains(&score)
            && metrics.len() == 5
            && (sum - score).abs() < 1e-9
            && metrics
                .values()
                .all(|m| m["points"].as_f64().unwrap() <= m["max_points"].as_f64().unwrap());
        if !fine {
            failures.push(format!("partner {id}: {p}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(before, fingerprint(&files), "an input file was modified");
}
