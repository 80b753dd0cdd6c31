//! Times the pipeline's phases on real inputs: reading (and typing) the rows,
//! evaluating, building the Excel report's sheets, and saving (zip
//! compression), so a benchmark can say where the seconds go.
//!
//! ```text
//! cargo run --release --example phases -- DIR_OR_FILE... [--as-of 2017-09-30]
//! ```
//!
//! Prints one line of `phase seconds` per phase on stdout.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use competency_report::report::{self, ReportData};
use competency_report::text::Lang;
use competency_report::{evaluate, input, load_rules};

fn main() -> anyhow::Result<()> {
    let mut inputs = Vec::new();
    let mut as_of = NaiveDate::from_ymd_opt(2017, 9, 30).expect("a valid date");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--as-of" {
            let value = args
                .next()
                .ok_or_else(|| anyhow::anyhow!("--as-of needs a date"))?;
            as_of = NaiveDate::parse_from_str(&value, "%Y-%m-%d")?;
        } else {
            inputs.push(PathBuf::from(arg));
        }
    }
    let (rules, origin) = load_rules(None)?;

    let start = Instant::now();
    let mut read = input::read_inputs(&inputs, &[], &rules, input::Limits::default())?;
    let t_read = start.elapsed().as_secs_f64();
    println!("peak_rss_mib_after_read {}", peak_rss_kib() / 1024);

    let start = Instant::now();
    let evaluation = evaluate::evaluate(&read.rows, &rules, as_of);
    let mut problems = std::mem::take(&mut read.rows.problems);
    problems.extend(evaluation.problems.iter().cloned());
    let t_eval = start.elapsed().as_secs_f64();
    println!("peak_rss_mib_after_evaluate {}", peak_rss_kib() / 1024);

    let data = ReportData {
        as_of,
        rules: &rules,
        rules_origin: &origin,
        inputs: &read,
        evaluation: &evaluation,
        problems: &problems,
        changes: None,
        history: None,
        notes: &[],
        lang: Lang::En,
    };
    let start = Instant::now();
    let mut workbook = report::build_workbook(&data)?;
    let t_build = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let out = tempfile::NamedTempFile::new()?;
    workbook.save(out.path())?;
    let t_save = start.elapsed().as_secs_f64();

    println!("peak_rss_mib {}", peak_rss_kib() / 1024);
    println!("customer_rows {}", read.rows.customers.len());
    println!("transcript_rows {}", read.rows.credentials.len());
    println!("read {t_read:.3}");
    println!("evaluate {t_eval:.3}");
    println!("build_sheets {t_build:.3}");
    println!("save {t_save:.3}");
    Ok(())
}

/// The process's peak resident set so far (Linux; 0 elsewhere).
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
