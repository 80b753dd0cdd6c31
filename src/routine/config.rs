//! The config file (`competency-report.toml`): the folders and settings of a
//! monthly routine, so a scheduler can start `competency-report run` with no
//! flags at all. Command-line flags always win over the file.
//!
//! Relative paths in the file are taken relative to the file's own folder,
//! not to the working directory: a cron job started from `/` with
//! `--config /srv/competency/competency-report.toml` finds the same folders
//! as a person running it inside `/srv/competency`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use super::RoutineOptions;
use crate::deliver::email::settings::{check_email_table, toml_error_line};
use crate::model::PartnerId;
use crate::rules::{Alerts, RulesError};

/// The file name looked for in the working directory when no `--config` is given.
pub(crate) const CONFIG_FILE: &str = "competency-report.toml";

/// Seconds a file must have been left alone before a scheduled run reads it.
pub(crate) const DEFAULT_SETTLE_SECONDS: u64 = 60;

/// Why the config file or the settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown keys (the message names the
    /// line).
    #[error("config file {path}, {message}")]
    Syntax {
        /// The file.
        path: String,
        /// What the TOML parser said.
        message: String,
    },
    /// The settings, taken together, do not make a run.
    #[error("{0}")]
    Incomplete(String),
    /// A flag's value is out of range.
    #[error("{0}")]
    Invalid(String),
}

/// One path or a list of them (`inbox = "inbox"` or `inbox = ["a", "b"]`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(PathBuf),
    Many(Vec<PathBuf>),
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<PathBuf>, D::Error> {
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(p) => vec![p],
        OneOrMany::Many(v) => v,
    })
}

/// The config file as written (paths already resolved against its folder
/// once loaded with `Config::load`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Folders (or files) the workbooks are dropped into.
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) inbox: Vec<PathBuf>,
    /// The folder reports, the history database and the lock file go into.
    pub(crate) reports: Option<PathBuf>,
    /// When set, inputs are moved to `<archive>/<YYYY-MM>/` after a good run.
    pub(crate) archive: Option<PathBuf>,
    /// The rules replacing the built-in ones: one rule set, a programme
    /// file, or several reported together.
    #[serde(default, deserialize_with = "one_or_many")]
    pub(crate) rules: Vec<PathBuf>,
    /// A JSON summary to write as well; `{as_of}` in it becomes the date.
    pub(crate) json: Option<PathBuf>,
    /// Exit with 1 when the report was written but the inputs had problems.
    pub(crate) strict: Option<bool>,
    /// No progress bar and no summary on stderr.
    pub(crate) quiet: Option<bool>,
    /// How long a file must have been left alone before it is read.
    pub(crate) settle_seconds: Option<u64>,
    /// Overrides the rules file's `[alerts] at_risk_margin`.
    pub(crate) at_risk_margin: Option<f64>,
    /// Whether to keep `history.sqlite` in the reports folder (default true).
    pub(crate) history: Option<bool>,
    /// The report's language, `en` or `de` (default `en`).
    pub(crate) lang: Option<crate::text::Lang>,
    /// Also write a PDF copy of the report (default false).
    pub(crate) pdf: Option<bool>,
    /// The partner of every sheet without a Partner ID column (a partner
    /// checking its own Partner Center exports): digits, as text or number.
    pub(crate) partner_id: Option<PartnerIdSetting>,
    /// The `[email]` table, left raw: the email delivery reads its own
    /// settings from it, so this module need not know them.
    #[serde(default)]
    pub email: Option<toml::Table>,
}

impl Config {
    /// Parses config text; relative paths are resolved against `base`.
    pub(crate) fn parse(text: &str, origin: &str, base: &Path) -> Result<Config, ConfigError> {
        // One line, naming the line of the file: the TOML crate's own text
        // spans several (a snippet and a caret), which breaks the one-line
        // reason a scheduler mails.
        let syntax = |e: toml::de::Error| ConfigError::Syntax {
            path: origin.to_string(),
            message: toml_error_line(text, &e),
        };
        let mut config: Config = toml::from_str(text).map_err(syntax)?;
        // The `[email]` table is kept raw (the delivery reads it), but its
        // shape is checked here, where the text still knows the lines.
        check_email_table(text).map_err(syntax)?;
        let resolve = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        config.inbox.iter_mut().for_each(resolve);
        for p in [&mut config.reports, &mut config.archive, &mut config.json]
            .into_iter()
            .flatten()
        {
            resolve(p);
        }
        for rules in &mut config.rules {
            *rules = rules_setting(rules, base)
                .map_err(|why| ConfigError::Invalid(format!("config file {origin}: {why}")))?;
        }
        if let Some(m) = config.at_risk_margin {
            Alerts::check_margin(m).map_err(|e| ConfigError::Syntax {
                path: origin.to_string(),
                message: e.to_string(),
            })?;
        }
        Ok(config)
    }

    /// Reads a config file.
    pub(crate) fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Config::parse(&text, &path.display().to_string(), base)
    }

    /// The config in force: the file named (which must exist), else
    /// `competency-report.toml` in `cwd` if there is one, else none.
    pub fn find(
        explicit: Option<&Path>,
        cwd: &Path,
    ) -> Result<Option<(PathBuf, Config)>, ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => {
                let p = cwd.join(CONFIG_FILE);
                if !p.is_file() {
                    return Ok(None);
                }
                p
            }
        };
        let config = Config::load(&path)?;
        Ok(Some((path, config)))
    }
}

/// What `rules = "..."` in the config file names: a rules file (relative to
/// the config file's folder) when there is one, else a shipped rule set by
/// name (`solutions-partner-modern-work`, `cloud-productivity.toml`), as
/// `--rules` takes it on the command line; an error when it is neither.
fn rules_setting(written: &Path, base: &Path) -> Result<PathBuf, String> {
    let resolved = base.join(written);
    // A path (`rules/custom.toml`), or a file that is there: a path, and
    // when it is missing the error names where it was looked for.
    if resolved.is_file() || written.components().count() != 1 {
        return Ok(resolved);
    }
    let name = written.to_string_lossy();
    match crate::rules::find(&name) {
        Ok(_) => Ok(written.to_path_buf()),
        Err(RulesError::Unknown { known, .. }) => Err(format!(
            "rules = \"{name}\" names no file in {} and no shipped rule set (shipped: {}; `competency-report rules --list` describes them)",
            base.display(),
            known.join(", ")
        )),
        Err(e) => Err(e.to_string()),
    }
}

/// The `run` command's flags, as given (`None`: not given). The command line
/// parses straight into this, so each flag and its help live here once.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct Flags {
    /// Files or folders to read (folders are searched recursively); default: the config's `inbox`.
    #[arg(long, short, num_args = 1..)]
    pub input: Vec<PathBuf>,
    /// The folder the report is written into (created if missing); default: the config's `reports`.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Also write a JSON summary to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
    /// A shipped rule set by name (see `rules --list`), a rules file or a programme file; Cloud Productivity by default. Given more than once, the rule sets are reported together in one report.
    #[arg(long, value_name = "NAME or FILE")]
    pub rules: Vec<PathBuf>,
    /// The date the report speaks for (YYYY-MM-DD); today by default.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// After the report is written, move the inputs read to DIR/<YYYY-MM>/ (default DIR: the config's `archive`, else `archive` beside the reports folder).
    #[arg(long, value_name = "DIR", num_args = 0..=1, conflicts_with = "no_archive")]
    pub archive: Option<Option<PathBuf>>,
    /// Do not archive, even if the config file says to.
    #[arg(long)]
    pub no_archive: bool,
    /// Exit with 1 when the report was written but the inputs had problems.
    #[arg(long)]
    pub strict: bool,
    /// No progress bar and no summary on stderr (errors and warnings still show).
    #[arg(long, short)]
    pub quiet: bool,
    /// Leave files changed less than this many seconds ago for the next run (default: 60 for the config's inbox, 0 for --input).
    #[arg(long, value_name = "SECONDS")]
    pub settle_seconds: Option<u64>,
    /// Flag partners within this fraction of their level's threshold (default: the rules file's, 0.05).
    #[arg(long, value_name = "FRACTION")]
    pub at_risk_margin: Option<f64>,
    /// Do not read or update history.sqlite (no History sheet).
    #[arg(long)]
    pub no_history: bool,
    /// Read the inbox alone: leave out the as-of month's inputs already in the archive (by default they are read again, so a re-run's report and history hold the whole month).
    #[arg(long)]
    pub inbox_only: bool,
    /// The language of the Excel report (the JSON summary stays English).
    #[arg(long, value_enum)]
    pub lang: Option<crate::text::Lang>,
    /// Also write a PDF copy of the report (needs LibreOffice's soffice on PATH).
    #[arg(long)]
    pub pdf: bool,
    /// The partner of every sheet without a Partner ID column (your own Partner Center exports); default: the partner id a folder's or file's name starts with.
    #[arg(long, value_name = "ID", value_parser = parse_partner_id)]
    pub partner_id: Option<PartnerId>,
}

/// `partner_id` in the config file: `1000021` or `"1000021"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub(crate) enum PartnerIdSetting {
    /// Written as a number.
    Number(u64),
    /// Written as text.
    Text(String),
}

/// Parses a partner id given on the command line or in the config file:
/// an MPN id, digits only.
pub fn parse_partner_id(s: &str) -> Result<PartnerId, PartnerIdError> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() || !compact.chars().all(|c| c.is_ascii_digit()) {
        return Err(PartnerIdError(s.to_string()));
    }
    PartnerId::parse(&compact).ok_or_else(|| PartnerIdError(s.to_string()))
}

/// A partner id given on the command line or in the config file that is not one.
#[derive(Debug, thiserror::Error)]
#[error("'{0}' is not a partner id (MPN ids are digits)")]
pub struct PartnerIdError(pub(crate) String);

/// A date on the command line that is not `YYYY-MM-DD`.
#[derive(Debug, thiserror::Error)]
#[error("'{0}' is not a date: --as-of takes one as YYYY-MM-DD, e.g. 2017-09-30")]
pub struct DateError(pub(crate) String);

/// Parses a `YYYY-MM-DD` date from the command line.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| DateError(s.to_string()))
}

/// Merges flags over the config: a flag given wins, then the file, then
/// the defaults. `today` is the as-of date when neither names one.
pub fn resolve(
    flags: Flags,
    config: Option<&Config>,
    today: NaiveDate,
) -> Result<RoutineOptions, ConfigError> {
    let empty = Config::default();
    let from_flags = !flags.input.is_empty();
    let config = config.unwrap_or(&empty);
    let inputs = if from_flags {
        flags.input
    } else {
        config.inbox.clone()
    };
    if inputs.is_empty() {
        return Err(ConfigError::Incomplete(
            "no input: give --input, or `inbox` in competency-report.toml".into(),
        ));
    }
    let output = flags
        .output
        .or_else(|| config.reports.clone())
        .ok_or_else(|| {
            ConfigError::Incomplete(
                "no report folder: give --output, or `reports` in competency-report.toml".into(),
            )
        })?;
    let archive_dir = match flags.archive {
        Some(Some(dir)) => Some(dir),
        // `--archive` alone: the configured folder, else `archive` beside
        // the reports folder (the layout `init` makes).
        Some(None) => Some(config.archive.clone().unwrap_or_else(|| {
            output
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("archive"), |p| p.join("archive"))
        })),
        None => config.archive.clone(),
    };
    // The month's archived inputs are read again even when this run does
    // not archive (`--no-archive`): the month stays whole either way.
    let read_archive = archive_dir.clone().filter(|_| !flags.inbox_only);
    let archive = archive_dir.filter(|_| !flags.no_archive);
    let at_risk_margin = flags
        .at_risk_margin
        .map(|m| {
            Alerts::check_margin(m)
                .map_err(|e| ConfigError::Invalid(format!("--at-risk-margin: {e}")))
        })
        .transpose()?
        .or(config.at_risk_margin);
    // Files dropped into a watched inbox may still be arriving; a person who
    // names inputs on the command line has just put them there and wants
    // them read, so the wait applies by default only to the config's inbox.
    let default_settle = if from_flags {
        0
    } else {
        DEFAULT_SETTLE_SECONDS
    };
    let partner = match (flags.partner_id, &config.partner_id) {
        (Some(given), _) => Some(given),
        (None, Some(PartnerIdSetting::Number(n))) => Some(
            parse_partner_id(&n.to_string())
                .map_err(|e| ConfigError::Invalid(format!("partner_id: {e}")))?,
        ),
        (None, Some(PartnerIdSetting::Text(t))) => Some(
            parse_partner_id(t).map_err(|e| ConfigError::Invalid(format!("partner_id: {e}")))?,
        ),
        (None, None) => None,
    };
    Ok(RoutineOptions {
        run: crate::pipeline::RunOptions {
            inputs,
            output,
            json: flags.json.or_else(|| config.json.clone()),
            rules: if flags.rules.is_empty() {
                config.rules.clone()
            } else {
                flags.rules
            },
            as_of: flags.as_of.unwrap_or(today),
            lang: flags.lang.or(config.lang).unwrap_or_default(),
            pdf: flags.pdf || config.pdf.unwrap_or(false),
            partner,
        },
        archive,
        read_archive,
        strict: flags.strict || config.strict.unwrap_or(false),
        quiet: flags.quiet || config.quiet.unwrap_or(false),
        settle_seconds: flags
            .settle_seconds
            .or(config.settle_seconds)
            .unwrap_or(default_settle),
        at_risk_margin,
        history: !flags.no_history && config.history.unwrap_or(true),
        // Chosen by the caller: `--email`, `--email-config` and the `[email]`
        // table (read relative to its file) go to `EmailSettings::for_run`.
        email: None,
        today,
    })
}

/// The commented config file `init` writes: every key, with the layout's
/// folders filled in and the rest commented out at their defaults.
pub(crate) const CONFIG_TEMPLATE: &str = r#"# competency-report configuration, read by `competency-report run`
# (found in the working directory, or given with --config FILE).
# Command-line flags win over this file. Relative paths are relative to
# the folder this file is in.

# Folders (or files) the workbooks are dropped into; one path or a list.
inbox = ["inbox"]

# Where reports go. The history database (history.sqlite) and the lock file
# (.competency-report.lock) live here too.
reports = "reports"

# After a report is written, move the workbooks it read to archive/<YYYY-MM>/.
# Remove this line (or run with --no-archive) to leave the inbox alone.
archive = "archive"

# The rules: a shipped rule set by name (`competency-report rules --list`),
# a rules file, or a list of them reported together in one report (also what
# a programme file, a [programme] table naming rule sets, does).
# Default: cloud-productivity.
# rules = "cloud-productivity"

# Also write a JSON summary; {as_of} becomes the report's date.
# json = "reports/summary-{as_of}.json"

# Exit with code 1 (instead of 0) when the report was written but the inputs
# had problems or files were left for the next run.
# strict = false

# No progress bar and no end-of-run summary on stderr.
# quiet = false

# A file changed less than this many seconds ago is still being copied: it is
# left in the inbox for the next run.
# settle_seconds = 60

# Flag partners whose active entitlements are within this fraction of their
# level's threshold (overrides the rules file's [alerts] at_risk_margin).
# at_risk_margin = 0.05

# Keep reports/history.sqlite (month-by-month figures for the History sheet).
# history = true

# The report's language: "en" (English) or "de" (German). The JSON stays English.
# lang = "en"

# Also write a PDF copy of the report (needs LibreOffice's soffice on PATH).
# pdf = false

# For a partner checking its own Partner Center exports: the partner of every
# sheet without a Partner ID column. Without it, such a file's partner is the
# partner id its folder's or its own name starts with ("1000021 Northwind/").
# partner_id = "1000021"

# [email]
# Settings for mailing the report to its readers (see the README).
"#;

#[cfg(test)]
mod tests;
