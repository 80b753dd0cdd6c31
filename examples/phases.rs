//! Times the phases of the very run the command makes (`competency-report
//! run --input DIR... --output OUT --as-of DATE`, options resolved by the
//! same code): reading (and typing) the rows, evaluating, comparing, the
//! history, building the Excel report's sheets, saving (zip compression),
//! recording the history; so a benchmark can say where the seconds go.
//!
//! ```text
//! cargo run --release --example phases -- DIR_OR_FILE... [--as-of 2017-09-30] [--no-history]
//! ```
//!
//! Prints one line of `phase seconds` per phase on stdout, and the peak
//! resident memory after reading, after evaluating and at the end. The
//! report goes into a temporary folder, removed at the end.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use chrono::NaiveDate;
use competency_report::phase::{Phase, Progress};
use competency_report::routine::{self, config};

/// Remembers every phase's time and the peak memory after the first two.
#[derive(Default)]
struct Timings(Mutex<Vec<String>>);

impl Progress for Timings {
    fn phase_done(&self, phase: Phase, took: Duration) {
        let mut lines = self.0.lock().expect("not poisoned");
        if matches!(phase, Phase::Read | Phase::Evaluate) {
            lines.push(format!(
                "peak_rss_mib_after_{} {}",
                phase.name(),
                peak_rss_kib() / 1024
            ));
        }
        lines.push(format!("{} {:.3}", phase.name(), took.as_secs_f64()));
    }
}

fn main() -> anyhow::Result<()> {
    let mut flags = config::Flags::default();
    let mut as_of = NaiveDate::from_ymd_opt(2017, 9, 30).expect("a valid date");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--as-of" => {
                let value = args
                    .next()
                    .ok_or_else(|| anyhow::anyhow!("--as-of needs a date"))?;
                as_of = NaiveDate::parse_from_str(&value, "%Y-%m-%d")?;
            }
            "--no-history" => flags.no_history = true,
            _ => flags.input.push(PathBuf::from(arg)),
        }
    }
    let out = tempfile::tempdir()?;
    flags.output = Some(out.path().to_path_buf());
    flags.as_of = Some(as_of);
    let options = config::resolve(flags, None, as_of)?;

    let timings = Timings::default();
    let outcome = routine::run_with(&options, &timings)?;
    let (customers, transcripts) = outcome.summary.rows;
    println!("peak_rss_mib {}", peak_rss_kib() / 1024);
    println!("customer_rows {customers}");
    println!("transcript_rows {transcripts}");
    for line in timings.0.lock().expect("not poisoned").iter() {
        println!("{line}");
    }
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
