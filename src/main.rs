//! The `competency-report` command: parses the command line, calls the
//! library, prints what happened and sets the exit code. Nothing else.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Parser, Subcommand};

use competency_report::deliver::email::{Delivery, EmailError, EmailSettings};
use competency_report::families::{self, AnyRuleSet};
use competency_report::model::PartnerId;
use competency_report::phase::Timings;
use competency_report::pipeline::RunError;
use competency_report::problem::Problem;
use competency_report::report::ReportError;
use competency_report::routine::config::{self, Config, Flags, parse_date, parse_partner_id};
use competency_report::routine::{self, RoutineError, RunSummary};
use competency_report::with_family;

/// Exit code: the report was written (or `check` found no problem).
const EXIT_OK: u8 = 0;
/// Exit code: `check` found input problems; `run --strict` wrote the report
/// but the inputs had problems (or files were left for the next run).
const EXIT_PROBLEMS: u8 = 1;
/// Writes to stdout; a reader that went away (`| head`) ends the program
/// quietly, as a command-line tool should, rather than with a panic.
macro_rules! out {
    ($($t:tt)*) => {
        if let Err(e) = std::io::Write::write_fmt(&mut std::io::stdout(), format_args!($($t)*)) {
            stdout_failed(e)
        }
    };
}

/// [`out!`] with a line end.
macro_rules! outln {
    () => { out!("\n") };
    ($($t:tt)*) => {{
        out!($($t)*);
        out!("\n");
    }};
}

/// Stdout could not be written: a closed pipe ends the program quietly
/// (exit code 0, as the reader asked for no more); anything else is said.
fn stdout_failed(e: std::io::Error) {
    if e.kind() != std::io::ErrorKind::BrokenPipe {
        eprintln!("competency-report: error: cannot write to standard output: {e}");
    }
    let code = if e.kind() == std::io::ErrorKind::BrokenPipe {
        0
    } else {
        EXIT_FAILED
    };
    std::process::exit(i32::from(code));
}

/// Exit code: nothing could be written (bad arguments, rules, inputs or disk).
const EXIT_FAILED: u8 = 2;
/// Exit code: another run holds the reports folder; this one did nothing.
const EXIT_BUSY: u8 = 3;
/// Exit code: the report was written, but recording the history or
/// archiving the inputs failed (the messages say what to fix).
const EXIT_FOLLOW_UP: u8 = 4;
/// Exit code: the report was written, but no partner could be evaluated
/// (nothing usable was read); nothing was recorded, archived or mailed.
const EXIT_NO_PARTNER: u8 = 5;
/// Problems printed on stderr by `run` before the rest is left to the report.
const PRINTED_PROBLEMS: usize = 50;

/// Evaluates Microsoft partners against a competency (Cloud Productivity by
/// default; `rules --list` shows the others) from Excel workbooks and writes
/// an annotated Excel report.
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
        /// A config file (default: competency-report.toml in the working directory, if any).
        #[arg(long)]
        config: Option<PathBuf>,
        #[command(flatten)]
        flags: Flags,
        /// Email each partner its own report and the operators the full one (to
        /// <output>/outbox/ as .eml files when no SMTP server is set); on by
        /// default when the config file has an [email] table.
        #[arg(long)]
        email: bool,
        /// A TOML file with an [email] table (operators, from, smtp, retries);
        /// replaces the config file's [email] table.
        #[arg(long, value_name = "FILE")]
        email_config: Option<PathBuf>,
        /// Print how long each phase took (seconds, processor seconds, peak memory) on stderr.
        #[arg(long)]
        timings: bool,
    },
    /// Make a folder ready for the monthly routine: inbox/, reports/, archive/, templates/ and a config file.
    Init {
        /// The folder (created if missing); nothing in it is replaced.
        dir: PathBuf,
    },
    /// Read and validate the inputs only: print the problems, write nothing.
    Check {
        /// Files or folders to read.
        #[arg(long, short, required = true, num_args = 1..)]
        input: Vec<PathBuf>,
        /// A shipped rule set by name (see `rules --list`) or a rules file.
        #[arg(long, value_name = "NAME or FILE")]
        rules: Option<PathBuf>,
        /// The date to evaluate credentials against (YYYY-MM-DD); today by default.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// The partner of every sheet without a Partner ID column (your own Partner Center exports).
        #[arg(long, value_name = "ID", value_parser = parse_partner_id)]
        partner_id: Option<PartnerId>,
    },
    /// Print the rules in force, in plain words, or list the shipped rule sets.
    Rules {
        /// A shipped rule set by name, a rules file or a programme file to describe (more than once: each).
        #[arg(long, value_name = "NAME or FILE", conflicts_with = "list")]
        rules: Vec<PathBuf>,
        /// List the rule sets shipped in the binary: name, competency, option.
        #[arg(long)]
        list: bool,
    },
    /// Write blank input workbooks with the expected headers.
    Template {
        /// The folder to write them into (created if missing).
        #[arg(long, short)]
        output: PathBuf,
        /// A shipped rule set by name or a rules file whose workloads fill the drop-down list.
        #[arg(long, value_name = "NAME or FILE")]
        rules: Option<PathBuf>,
    },
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn main() -> ExitCode {
    competency_report::memory::bound_arenas();
    competency_report::input::quiet_reader_panics();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and the version are what was asked for, on stdout.
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            e.exit()
        }
        Err(e) => {
            eprintln!("competency-report: error: {}", argument_error(&e));
            return ExitCode::from(EXIT_FAILED);
        }
    };
    match execute(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // One line, whatever the chain of causes: the reason for the
            // exit code, for a person and for a scheduler's mail alike. A
            // cause a message already quotes is not repeated.
            let mut line = String::new();
            for cause in err.chain().map(|c| c.to_string()) {
                if !line.contains(&cause) {
                    if !line.is_empty() {
                        line.push_str(": ");
                    }
                    line.push_str(&cause);
                }
            }
            eprintln!("competency-report: error: {line}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

fn execute(command: Command) -> anyhow::Result<u8> {
    match command {
        Command::Run {
            config,
            flags,
            email,
            email_config,
            timings,
        } => {
            let cwd = std::env::current_dir().context("cannot tell the working directory")?;
            let found = Config::find(config.as_deref(), &cwd)?;
            // Email settings are checked before anything is written: a typo
            // in them should not cost a report run.
            let mut options = config::resolve(flags, found.as_ref().map(|(_, c)| c), today())?;
            let email_table = found
                .as_ref()
                .and_then(|(path, c)| c.email.as_ref().map(|t| (path.as_path(), t)));
            options.email = EmailSettings::for_run(email, email_config.as_deref(), email_table)
                .context("no report was written")?;
            let timings = timings.then(Timings::new);
            let ran = match &timings {
                Some(t) => routine::run_timed(&options, t),
                None => routine::run(&options),
            };
            let mut outcome = match ran {
                Ok(outcome) => outcome,
                Err(err @ RoutineError::Lock(_)) if err.is_busy() => {
                    eprintln!("competency-report: {err}");
                    return Ok(EXIT_BUSY);
                }
                // The report is there; only the JSON beside it is not.
                Err(RoutineError::Run(RunError::Report(
                    err @ ReportError::JsonNotWritten { .. },
                ))) => {
                    return Err(err.into());
                }
                Err(err) => {
                    return Err(err).with_context(|| {
                        format!("no report was written to {}", options.run.output.display())
                    });
                }
            };
            // The process ends after the lines below: what the report was
            // made from is left to the exit rather than freed row by row.
            outcome.memory.leave_to_exit();
            let summary = &outcome.summary;
            let lang = summary.lang;
            if !options.quiet {
                // What was evaluated comes first: a log read from the top
                // says which rules the rest is about.
                eprintln!("{}", summary.rules_line);
                print_problems(&summary.problems, PRINTED_PROBLEMS);
                // A caution is on Run info as a note, and below as a warning.
                let notes = summary.notes.iter().chain(&outcome.notes);
                for note in
                    notes.filter(|n| !outcome.cautions.contains(n) && !outcome.notices.contains(n))
                {
                    eprintln!("note: {note}");
                }
                eprintln!("{}", summary.summary_line);
                if let Some(json) = &outcome.written.json {
                    eprintln!("{}", lang.written_line(true, json));
                }
                eprintln!("{}", lang.written_line(false, &outcome.written.report));
            }
            match &outcome.written.pdf {
                Some(Ok(pdf)) if !options.quiet => eprintln!("PDF: {}", pdf.display()),
                // The report is written: a missing PDF is said (even when
                // quiet), and the exit code stays what the report earned.
                Some(Err(err)) => eprintln!("competency-report: no PDF: {err}"),
                _ => {}
            }
            for warning in outcome
                .warnings
                .iter()
                .chain(&outcome.cautions)
                .chain(&outcome.notices)
            {
                eprintln!("competency-report: warning: {warning}");
            }
            if let Some(t) = &timings {
                eprint!("{t}");
            }
            outln!("{}", outcome.written.report.display());
            // The report was written: that is what the exit code says, even
            // when some messages could not be sent (see stderr, the delivery
            // log and the outbox).
            print_email(outcome.email.as_ref(), options.quiet);
            if outcome.no_partner() {
                eprintln!(
                    "competency-report: error: {}",
                    no_partner(summary, &outcome.written.report)
                );
                return Ok(EXIT_NO_PARTNER);
            }
            let strict_reasons = outcome.strict_reasons();
            Ok(if !outcome.warnings.is_empty() {
                // The warnings above say what failed.
                EXIT_FOLLOW_UP
            } else if options.strict && !strict_reasons.is_empty() {
                eprintln!(
                    "competency-report: exit code 1 (--strict): the report was written, but {}",
                    strict_reasons.join(", and ")
                );
                EXIT_PROBLEMS
            } else {
                EXIT_OK
            })
        }
        Command::Init { dir } => {
            let (rules, _) = AnyRuleSet::load(None)?;
            let done = competency_report::routine::init::init(&dir, rules.rules())?;
            for path in &done.created {
                outln!("created {}", path.display());
            }
            for path in &done.kept {
                outln!("kept    {}", path.display());
            }
            Ok(EXIT_OK)
        }
        Command::Check {
            input,
            rules,
            as_of,
            partner_id,
        } => {
            let (rules, _) = AnyRuleSet::load(rules.as_deref())?;
            let as_of = as_of.unwrap_or_else(today);
            let (inputs, problems, partners) = with_family!(rules, set => {
                let analysis = competency_report::pipeline::analyse(
                    &input,
                    &[],
                    &set,
                    as_of,
                    partner_id.as_ref(),
                )
                .context("the inputs could not be checked")?;
                let partners = analysis.evaluation.partners.len();
                (analysis.inputs, analysis.problems, partners)
            });
            print_problems(&problems, usize::MAX);
            let rows = &inputs.rows;
            let (read, found) = (inputs.files_read(), inputs.files.len());
            eprintln!(
                "Checked {}{found} file(s): {} customer row(s), {} transcript row(s), {} partner row(s); {} problem(s).",
                if read == found {
                    String::new()
                } else {
                    format!("{read} of ")
                },
                rows.customers.len(),
                rows.credentials.len(),
                rows.partners.len(),
                problems.len()
            );
            if partners == 0 {
                // Said, though only problems decide `check`'s code: a
                // template with its headers alone is no mistake.
                eprintln!(
                    "note: no partner could be evaluated from the inputs: {}",
                    nothing_read(found, &problems)
                );
            }
            Ok(if problems.is_empty() {
                EXIT_OK
            } else {
                EXIT_PROBLEMS
            })
        }
        Command::Rules { list: true, .. } => {
            let shipped = families::shipped_list()?;
            let width = shipped.iter().map(|s| s.name.len()).max().unwrap_or(0);
            outln!("{:width$}  COMPETENCY OR DESIGNATION, OPTION", "NAME");
            for s in shipped {
                outln!(
                    "{:width$}  {}{}",
                    s.name,
                    s.described,
                    if s.default { " (default)" } else { "" }
                );
            }
            Ok(EXIT_OK)
        }
        Command::Rules { rules, .. } => {
            match families::Loaded::load(&rules)? {
                families::Loaded::One(rules, origin) => {
                    out!("{}", rules.describe(&origin.to_string()))
                }
                families::Loaded::Several(programme) => {
                    outln!(
                        "{}: {} rule sets, reported together ({})",
                        programme.name,
                        programme.members.len(),
                        programme.origin
                    );
                    for m in &programme.members {
                        outln!();
                        out!("{}", m.set.describe(&m.origin.to_string()));
                    }
                }
            }
            Ok(EXIT_OK)
        }
        Command::Template { output, rules } => {
            let (rules, _) = AnyRuleSet::load(rules.as_deref())?;
            let written = competency_report::template::write_templates(&output, rules.rules())
                .with_context(|| format!("cannot write templates into {}", output.display()))?;
            for path in written {
                outln!("{}", path.display());
            }
            Ok(EXIT_OK)
        }
    }
}

/// What the email step did: failures and partners not sent their report
/// always, the progress lines unless quiet.
fn print_email(email: Option<&Result<Delivery, EmailError>>, quiet: bool) {
    match email {
        None => {}
        Some(Ok(delivery)) => {
            for (needs_a_person, line) in delivery.lines() {
                if needs_a_person || !quiet {
                    eprintln!("email: {line}");
                }
            }
        }
        Some(Err(err)) => {
            eprintln!("email: error: {err}; the report was written, but email stopped here");
        }
    }
}

/// Why no partner could be evaluated, in one line, for the exit code 5.
fn no_partner(summary: &RunSummary, report: &std::path::Path) -> String {
    format!(
        "no partner could be evaluated: {}. The report was written to {} (its Problems and Run info sheets say what was read), but the history was not updated, nothing was archived and no email was sent",
        nothing_read(summary.files, &summary.problems),
        report.display()
    )
}

/// What was found and why nothing of it counted: the file count and the
/// first problem, or that the files hold no rows.
fn nothing_read(files: usize, problems: &[Problem]) -> String {
    match problems.first() {
        Some(first) => format!(
            "nothing usable was read from {files} file(s) ({} problem(s); the first: {first})",
            problems.len()
        ),
        None => format!("{files} file(s) hold no data rows (headers at most)"),
    }
}

/// A command-line mistake in one line, with a hint where one helps: what
/// was wrong (clap's first line), the value a flag takes, the flag meant.
fn argument_error(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut line = rendered
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches("error:")
        .trim()
        .to_string();
    let string = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let strings = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let flag = string(ContextKind::InvalidArg)
        .and_then(|a| a.split([' ', '=']).next())
        .unwrap_or("");
    let valid = strings(ContextKind::ValidValue);
    if !valid.is_empty() && e.kind() == ErrorKind::InvalidValue {
        let (last, rest) = valid.split_last().expect("not empty");
        let choices = if rest.is_empty() {
            last.clone()
        } else {
            format!("{} or {last}", rest.join(", "))
        };
        line.push_str(&format!("; {flag} takes {choices}"));
    }
    for suggested in strings(ContextKind::SuggestedArg)
        .into_iter()
        .chain(strings(ContextKind::SuggestedSubcommand))
    {
        line.push_str(&format!("; did you mean {suggested}?"));
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        line = "no command given: run, init, check, rules or template".into();
    }
    // Which command's help: the first argument that names one.
    let command = std::env::args()
        .skip(1)
        .find(|a| ["run", "init", "check", "rules", "template"].contains(&a.as_str()));
    match command {
        Some(c) => line.push_str(&format!(" (see `competency-report {c} --help`)")),
        None => line.push_str(" (see `competency-report --help`)"),
    }
    line
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
