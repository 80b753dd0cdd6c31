//! Times the phases of the very run the command makes (`competency-report
//! run --input DIR... --output OUT --as-of DATE`, options resolved by the
//! same code): reading (and typing) the rows, putting them together,
//! evaluating, deriving, comparing, the history, building each of the
//! report's sheets, saving (zip), recording the history; so a benchmark can
//! say where the seconds and the memory go. `run --timings` prints the same
//! table; this one writes into a temporary folder, removed at the end.
//!
//! ```text
//! cargo run --release --example phases -- DIR_OR_FILE... [--as-of 2017-09-30] [--rules NAME] [--no-history]
//! ```
//!
//! Prints one line per phase (`phase seconds cpu_seconds peak_mib`: wall
//! seconds, processor seconds of the whole process meanwhile, the most
//! resident memory during the phase), then the peak of the whole run.

use std::path::PathBuf;

use chrono::NaiveDate;
use competency_report::phase::{Timings, memory};
use competency_report::routine::{self, config};

fn main() -> anyhow::Result<()> {
    let mut flags = config::Flags::default();
    let mut as_of = NaiveDate::from_ymd_opt(2017, 9, 30).expect("a valid date");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{name} needs a value"))
        };
        match arg.as_str() {
            "--as-of" => as_of = NaiveDate::parse_from_str(&value("--as-of")?, "%Y-%m-%d")?,
            "--rules" => flags.rules.push(PathBuf::from(value("--rules")?)),
            "--no-history" => flags.no_history = true,
            _ => flags.input.push(PathBuf::from(arg)),
        }
    }
    let out = tempfile::tempdir()?;
    flags.output = Some(out.path().to_path_buf());
    flags.as_of = Some(as_of);
    flags.quiet = true;
    let options = config::resolve(flags, None, as_of)?;

    let timings = Timings::new();
    let outcome = routine::run_timed(&options, &timings)?;
    let (customers, transcripts) = outcome.summary.rows;
    println!("customer_rows {customers}");
    println!("transcript_rows {transcripts}");
    print!("{timings}");
    // The peak since the last phase started, and no more: the whole run's
    // peak is the largest of the phases'.
    let peak = timings
        .phases()
        .iter()
        .filter_map(|t| t.peak_mib)
        .chain(memory::peak_mib())
        .max()
        .unwrap_or(0);
    println!("peak_rss_mib {peak}");
    Ok(())
}
