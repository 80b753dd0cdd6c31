//! The `[email]` settings: who gets the messages, which server carries
//! them, how to sign in and which certificates to trust.
//!
//! Plain data: read and checked without looking at the environment (a
//! configuration can be loaded where no email is sent). The secrets are
//! read by `token`, the transport built by `send`; both take these
//! settings, never the other way round. The routine makes them ready
//! (`EmailSettings::prepare`) before anything is written, so a wrong
//! setting costs no report.
//!
//! Secrets never come from the settings file itself, which tends to be
//! committed, copied and backed up: only the NAME of a variable, or a
//! command that prints a token.

use std::path::Path;
use std::time::Duration;

use lettre::message::Mailbox;
use serde::{Deserialize, Deserializer};

/// The sender when the settings name none.
const DEFAULT_FROM: &str = "competency-report <competency-report@localhost>";

mod smtp;
#[cfg(test)]
mod tests;

pub(crate) use smtp::{AuthMethod, Security, SmtpSettings, TokenCommand};

/// The longest deadline a setting may give: a day. A run holds the reports
/// folder's lock while it mails.
const MAX_SECONDS: f64 = 86_400.0;

/// A number of seconds, whole or not (`30`, `0.25`), more than zero and at
/// most a day.
fn seconds<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Number {
        Whole(u64),
        Fraction(f64),
    }
    let secs = match Number::deserialize(d)? {
        Number::Whole(n) => n as f64,
        Number::Fraction(f) => f,
    };
    if !(secs > 0.0 && secs <= MAX_SECONDS) {
        return Err(serde::de::Error::custom(format!(
            "{secs} is not a number of seconds between 0 and {MAX_SECONDS} (a day)"
        )));
    }
    Ok(Duration::from_secs_f64(secs))
}

fn default_deadline() -> Duration {
    Duration::from_secs(2 * 3600)
}

fn default_give_up_after() -> u32 {
    3
}

fn default_retries() -> u32 {
    3
}

fn default_retry_delay() -> u64 {
    2000
}

fn default_from() -> String {
    DEFAULT_FROM.into()
}

/// The `[email]` settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    /// The operators: each gets the full report and the summary.
    #[serde(default)]
    pub(crate) operators: Vec<String>,
    /// The sender, e.g. `Partner Desk <partners@example.com>`.
    #[serde(default = "default_from")]
    pub(crate) from: String,
    /// The SMTP server; without it every message goes to the outbox only.
    #[serde(default)]
    pub(crate) smtp: Option<SmtpSettings>,
    /// Further attempts after a failed one (only failures that may pass: a
    /// server's permanent refusal, 5xx, or a TLS failure is not retried).
    #[serde(default = "default_retries")]
    pub(crate) retries: u32,
    /// Wait before the first retry, in milliseconds; doubled for each next one.
    #[serde(default = "default_retry_delay")]
    pub(crate) retry_delay_ms: u64,
    /// Attempts in a row the relay does not answer (refused, silent, cut
    /// off) after which it is not tried again this run: the messages left
    /// wait in the outbox for the next run.
    #[serde(default = "default_give_up_after")]
    pub(crate) give_up_after: u32,
    /// The longest the whole email step may take. Past it no message is
    /// started, and the one under way is cut off.
    #[serde(default = "default_deadline", deserialize_with = "seconds")]
    pub(crate) deadline_secs: Duration,
}

impl Default for EmailSettings {
    fn default() -> Self {
        EmailSettings {
            operators: Vec::new(),
            from: default_from(),
            smtp: None,
            retries: default_retries(),
            retry_delay_ms: default_retry_delay(),
            give_up_after: default_give_up_after(),
            deadline_secs: default_deadline(),
        }
    }
}

/// What is wrong with the email settings. Every one stops the run before
/// anything is written.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The settings file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The settings file is not valid TOML, or its `[email]` table has an
    /// unknown key or a value of the wrong type.
    #[error("{path}, {message}")]
    Toml {
        /// The file.
        path: String,
        /// The TOML error in one line, with the line it is on (its own
        /// text spans several lines).
        message: String,
    },
    /// The file has no `[email]` table, or `email` is not a table.
    #[error("{0} has no [email] table")]
    NoTable(String),
    /// A key is unknown or a value has the wrong type.
    #[error("{}", .0.message())]
    Shape(toml::de::Error),
    /// An address does not parse.
    #[error("{what} {value:?} is not an address: {why}")]
    Address {
        /// Which setting: "`from` =" or "operator".
        what: &'static str,
        /// Its text.
        value: String,
        /// Why.
        why: lettre::address::AddressError,
    },
    /// `smtp.host` is empty.
    #[error("`smtp.host` is empty")]
    EmptyHost,
    /// Settings that do not go together; the text says which and why.
    #[error("{0}")]
    Conflict(&'static str),
    /// A named environment variable is not set (or empty).
    #[error("`smtp.{key}` names the environment variable {name}, which is not set")]
    Unset {
        /// `password_env` or `token_env`.
        key: &'static str,
        /// The variable.
        name: String,
    },
    /// The CA file could not be read.
    #[error("cannot read the CA file {path} (`smtp.ca_file`): {source}")]
    CaFile {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The CA file holds no usable certificate.
    #[error("the CA file {path} (`smtp.ca_file`) {why}")]
    CaFileContent {
        /// The file.
        path: String,
        /// What is wrong with it.
        why: String,
    },
    /// The token command could not be started.
    #[error("`smtp.token_command` {command} could not be started: {source}")]
    TokenStart {
        /// The program's name.
        command: String,
        /// Why.
        source: std::io::Error,
    },
    /// The token command failed or printed nothing.
    #[error("`smtp.token_command` {command} {why}")]
    TokenCommand {
        /// The program's name.
        command: String,
        /// What went wrong, with the end of its error output.
        why: String,
    },
    /// The TLS settings could not be built.
    #[error("the TLS settings for {host} cannot be used: {source}")]
    Tls {
        /// The server.
        host: String,
        /// Why.
        source: lettre::transport::smtp::Error,
    },
}

/// Checks the `[email]` table of a TOML document (unknown keys, values of
/// the wrong type) from the document's text, so that the error knows the
/// line it is on; `Ok` when the document has no such table.
pub(crate) fn check_email_table(text: &str) -> Result<(), toml::de::Error> {
    #[derive(Deserialize)]
    struct Document {
        #[serde(default)]
        #[allow(dead_code)] // read for its errors only
        email: Option<EmailSettings>,
    }
    toml::from_str::<Document>(text).map(|_| ())
}

/// A TOML error on one line: `line 7: unknown field `form`, expected one of
/// ...`, where the TOML crate's own text takes several lines (a snippet of
/// the file, a caret).
pub(crate) fn toml_error_line(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

impl EmailSettings {
    /// Reads the settings from an `[email]` table (the contents of the
    /// table, not the document holding it) and checks them; a relative
    /// `ca_file` is taken relative to `base`, the folder of the file the
    /// table came from. The environment is not looked at.
    pub(crate) fn from_table(
        table: &toml::Table,
        base: &Path,
    ) -> Result<EmailSettings, SettingsError> {
        let mut settings: EmailSettings = toml::Value::Table(table.clone())
            .try_into()
            .map_err(SettingsError::Shape)?;
        if let Some(smtp) = &mut settings.smtp
            && let Some(ca) = &mut smtp.ca_file
            && ca.is_relative()
        {
            *ca = base.join(&*ca);
        }
        settings.validate()?;
        Ok(settings)
    }

    /// The settings a run sends with, if it sends email: `file` (the
    /// `--email-config` file) wins over `table` (the config file's `[email]`
    /// table, with that file's path); `send` (the `--email` flag) alone
    /// means the defaults, which write every message to the outbox.
    pub fn for_run(
        send: bool,
        file: Option<&Path>,
        table: Option<(&Path, &toml::Table)>,
    ) -> Result<Option<EmailSettings>, SettingsError> {
        match (file, table) {
            (Some(path), _) => EmailSettings::from_file(path).map(Some),
            (None, Some((config, table))) => {
                EmailSettings::from_table(table, config.parent().unwrap_or(Path::new(""))).map(Some)
            }
            (None, None) => Ok(send.then(EmailSettings::default)),
        }
    }

    /// Reads the `[email]` table of a TOML file.
    pub(crate) fn from_file(path: &Path) -> Result<EmailSettings, SettingsError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| SettingsError::Read {
            path: shown.clone(),
            source,
        })?;
        let at = |error| SettingsError::Toml {
            path: shown.clone(),
            message: toml_error_line(&text, &error),
        };
        let doc: toml::Table = text.parse().map_err(at)?;
        // Read from the text, the shape's errors know their line.
        check_email_table(&text).map_err(at)?;
        match doc.get("email") {
            Some(toml::Value::Table(t)) => {
                EmailSettings::from_table(t, path.parent().unwrap_or(Path::new("")))
            }
            _ => Err(SettingsError::NoTable(shown)),
        }
    }

    /// Checks the settings themselves: the addresses parse, the SMTP host
    /// is named, and the sign-in settings go together.
    pub(crate) fn validate(&self) -> Result<(), SettingsError> {
        parse_mailbox(&self.from, "`from` =")?;
        for op in &self.operators {
            parse_mailbox(op, "operator")?;
        }
        if let Some(smtp) = &self.smtp {
            smtp.validate()?;
        }
        if self.give_up_after == 0 {
            return Err(SettingsError::Conflict(
                "`give_up_after` is 0: it counts the attempts in a row the relay may fail \
                 before it is left alone for the run, so it is 1 or more",
            ));
        }
        Ok(())
    }
}

/// Parses one address, `a@b.example` or `Name <a@b.example>`.
pub(crate) fn parse_mailbox(text: &str, what: &'static str) -> Result<Mailbox, SettingsError> {
    text.trim()
        .parse::<Mailbox>()
        .map_err(|why| SettingsError::Address {
            what,
            value: text.to_string(),
            why,
        })
}
