//! The `competency-report` command: parses the command line, calls the
//! library, prints what happened and sets the exit code. Nothing else.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use competency_report::deliver::email::EmailSettings;
use competency_report::model::Level;
use competency_report::problem::Problem;
use competency_report::{RunOptions, RunOutcome, load_rules};

/// Exit code: the report was written (or `check` found no problem).
const EXIT_OK: u8 = 0;
/// Exit code: `check` found input problems.
const EXIT_PROBLEMS: u8 = 1;
/// Exit code: nothing could be written (bad arguments, rules, inputs or disk).
const EXIT_FAILED: u8 = 2;
/// Problems printed on stderr by `run` before the rest is left to the report.
const PRINTED_PROBLEMS: usize = 50;

/// Evaluates Microsoft partners against the Cloud Productivity competency
/// from Excel workbooks and writes an annotated Excel report.
#[derive(Debug, Parser)]
#[command(name = "competency-report", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read every workbook in the inputs, evaluate every partner, write the report.
    Run {
        /// Files or folders to read (folders are searched recursively).
        #[arg(long, short, required = true, num_args = 1..)]
        input: Vec<PathBuf>,
        /// The folder the report is written into (created if missing).
        #[arg(long, short)]
        output: PathBuf,
        /// Also write a JSON summary to this file.
        #[arg(long)]
        json: Option<PathBuf>,
        /// A rules file to use instead of the built-in Cloud Productivity rules.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// The date the report speaks for (YYYY-MM-DD); today by default.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Email each partner its own report and the operators the full one
        /// (to <output>/outbox/ as .eml files when no SMTP server is set).
        #[arg(long)]
        email: bool,
        /// A TOML file with an [email] table: operators, from, smtp, retries.
        #[arg(long, requires = "email")]
        email_config: Option<PathBuf>,
    },
    /// Read and validate the inputs only: print the problems, write nothing.
    Check {
        /// Files or folders to read.
        #[arg(long, short, required = true, num_args = 1..)]
        input: Vec<PathBuf>,
        /// A rules file to use instead of the built-in one.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// The date to evaluate credentials against (YYYY-MM-DD); today by default.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
    },
    /// Print the rules in force, in plain words.
    Rules {
        /// A rules file to describe instead of the built-in one.
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Write blank input workbooks with the expected headers.
    Template {
        /// The folder to write them into (created if missing).
        #[arg(long, short)]
        output: PathBuf,
        /// A rules file whose workloads fill the drop-down list.
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date in the form YYYY-MM-DD"))
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match execute(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("competency-report: error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(EXIT_FAILED)
        }
    }
}

fn execute(command: Command) -> anyhow::Result<u8> {
    match command {
        Command::Run {
            input,
            output,
            json,
            rules,
            as_of,
            email,
            email_config,
        } => {
            // Settings are checked before anything is written: a typo in
            // them should not cost a report run.
            let email_settings = email
                .then(|| match &email_config {
                    Some(path) => {
                        EmailSettings::from_file(path).and_then(|s| s.check_ready().map(|()| s))
                    }
                    None => Ok(EmailSettings::default()),
                })
                .transpose()
                .context("no report was written")?;
            let options = RunOptions {
                inputs: input,
                output,
                json,
                rules,
                as_of: as_of.unwrap_or_else(today),
            };
            let outcome = competency_report::run(&options).with_context(|| {
                format!("no report was written to {}", options.output.display())
            })?;
            let analysis = &outcome.analysis;
            print_problems(&analysis.problems, PRINTED_PROBLEMS);
            let partners = &analysis.evaluation.partners;
            let count = |l: Level| partners.iter().filter(|p| p.level == l).count();
            eprintln!(
                "Read {} file(s); {} partner(s): {} Gold, {} Silver, {} none; {} problem(s).",
                analysis.inputs.files.len(),
                partners.len(),
                count(Level::Gold),
                count(Level::Silver),
                count(Level::None),
                analysis.problems.len()
            );
            if let Some(json) = &outcome.json {
                eprintln!("JSON summary: {}", json.display());
            }
            eprintln!("Report: {}", outcome.report.display());
            println!("{}", outcome.report.display());
            if let Some(settings) = &email_settings {
                send_email(&outcome, &options.output, settings);
            }
            // The report was written: that is what the exit code says, even
            // when some messages could not be sent (see stderr, the delivery
            // log and the outbox).
            Ok(EXIT_OK)
        }
        Command::Check {
            input,
            rules,
            as_of,
        } => {
            let (rules, _) = load_rules(rules.as_deref())?;
            let analysis =
                competency_report::analyse(&input, &[], &rules, as_of.unwrap_or_else(today))
                    .context("the inputs could not be checked")?;
            print_problems(&analysis.problems, usize::MAX);
            let rows = &analysis.inputs.rows;
            eprintln!(
                "Checked {} file(s): {} customer row(s), {} transcript row(s), {} partner row(s); {} problem(s).",
                analysis.inputs.files.len(),
                rows.customers.len(),
                rows.credentials.len(),
                rows.partners.len(),
                analysis.problems.len()
            );
            Ok(if analysis.problems.is_empty() {
                EXIT_OK
            } else {
                EXIT_PROBLEMS
            })
        }
        Command::Rules { rules } => {
            let (rules, origin) = load_rules(rules.as_deref())?;
            print!("{}", rules.describe(&origin));
            Ok(EXIT_OK)
        }
        Command::Template { output, rules } => {
            let (rules, _) = load_rules(rules.as_deref())?;
            let written = competency_report::template::write_templates(&output, &rules)
                .with_context(|| format!("cannot write templates into {}", output.display()))?;
            for path in written {
                println!("{}", path.display());
            }
            Ok(EXIT_OK)
        }
    }
}

/// Sends the reports and says on stderr what became of every message.
fn send_email(outcome: &RunOutcome, output: &Path, settings: &EmailSettings) {
    use competency_report::deliver::email::{self, Status};
    let data = outcome.report_data();
    let delivery = match email::deliver(&data, &outcome.report, output, settings) {
        Ok(d) => d,
        Err(err) => {
            eprintln!("email: error: {err}; the report was written, but email stopped here");
            return;
        }
    };
    for u in &delivery.unaddressed {
        eprintln!(
            "email: partner {} was not sent its report: {}",
            u.partner, u.reason
        );
    }
    for o in &delivery.outcomes {
        let what = match &o.audience {
            email::Audience::Partner(p) => format!("partner {p}'s report"),
            email::Audience::Operator => "the summary".to_string(),
        };
        match o.status {
            Status::Sent => eprintln!("email: sent {what} to {}", o.recipient),
            Status::Outbox => eprintln!(
                "email: wrote {what} for {} to {}",
                o.recipient,
                o.eml.as_deref().unwrap_or(&delivery.outbox).display()
            ),
            Status::Skipped => eprintln!("email: skipped {what} to {}: {}", o.recipient, o.detail),
            Status::Failed => eprintln!(
                "email: FAILED to send {what} to {}: {}; left in {}",
                o.recipient,
                o.detail,
                o.eml.as_deref().unwrap_or(&delivery.outbox).display()
            ),
        }
    }
    for note in &delivery.notes {
        eprintln!("email: {note}");
    }
    eprintln!(
        "Email: {} sent, {} in the outbox, {} failed, {} skipped; {} partner(s) without an address; log: {}",
        delivery.count(&Status::Sent),
        delivery.count(&Status::Outbox),
        delivery.count(&Status::Failed),
        delivery.count(&Status::Skipped),
        delivery.unaddressed.len(),
        delivery.log.display()
    );
}

fn print_problems(problems: &[Problem], limit: usize) {
    for problem in problems.iter().take(limit) {
        eprintln!("problem: {problem}");
    }
    if problems.len() > limit {
        eprintln!(
            "... and {} more problem(s): see the Problems sheet of the report.",
            problems.len() - limit
        );
    }
}
