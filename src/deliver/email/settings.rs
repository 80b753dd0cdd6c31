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

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::Mailbox;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use serde::{Deserialize, Deserializer};

/// The sender when the settings name none.
const DEFAULT_FROM: &str = "competency-report <competency-report@localhost>";

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Security {
    /// Plain connection upgraded with STARTTLS, which is required (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (SMTPS, port 465).
    Tls,
    /// No encryption at all (port 25): only for a relay on the same host or
    /// a test server.
    None,
}

impl Security {
    /// The usual port for this kind of connection.
    pub(crate) fn default_port(self) -> u16 {
        match self {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// How to sign in to the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AuthMethod {
    /// SASL PLAIN with `user` and the password from `password_env`.
    Plain,
    /// LOGIN with `user` and the password from `password_env`.
    Login,
    /// OAuth 2.0 (Exchange Online, Gmail): `user` and an access token from
    /// `token_env` or `token_command`.
    Xoauth2,
}

/// Where and how to reach the SMTP server.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SmtpSettings {
    /// The server's host name (also the name its TLS certificate must carry).
    pub(crate) host: String,
    /// The port; by default 587, 465 or 25 following `security`.
    #[serde(default)]
    pub(crate) port: Option<u16>,
    /// `starttls` (default), `tls` or `none`.
    #[serde(default)]
    pub(crate) security: Security,
    /// The user name (mailbox) to sign in with, if the server wants one.
    #[serde(default)]
    pub(crate) user: Option<String>,
    /// `plain`, `login` or `xoauth2`; by default whichever of PLAIN and
    /// LOGIN the server offers.
    #[serde(default)]
    pub(crate) auth: Option<AuthMethod>,
    /// The NAME of the environment variable holding the password.
    #[serde(default)]
    pub(crate) password_env: Option<String>,
    /// The NAME of the environment variable holding the OAuth access token.
    #[serde(default)]
    pub(crate) token_env: Option<String>,
    /// A command run once per run whose standard output is the OAuth token.
    #[serde(default)]
    pub(crate) token_command: Option<TokenCommand>,
    /// A PEM file of CA certificates trusted besides the system's and the
    /// Web PKI's (a relay with a company CA). Relative to the settings file.
    #[serde(default)]
    pub(crate) ca_file: Option<PathBuf>,
    /// The longest wait for the server at any step before the final dot:
    /// to connect and be greeted, for each answer, for each part of the
    /// message to be taken. A deadline, not an idle time: a server that
    /// answers a byte at a time runs out of it all the same.
    #[serde(default = "default_timeout", deserialize_with = "seconds")]
    pub(crate) timeout_secs: Duration,
    /// The longest wait for the answer after the final dot, when the relay
    /// may be scanning the message (RFC 5321 section 4.5.3.2.6 gives it ten
    /// minutes). Past it the message may or may not have been delivered.
    #[serde(default = "default_data_timeout", deserialize_with = "seconds")]
    pub(crate) data_timeout_secs: Duration,
}

/// A command that prints an OAuth access token on its standard output.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum TokenCommand {
    /// One line, run by the system's shell (`sh -c`, or `cmd /C` on Windows).
    Shell(String),
    /// A program and its arguments, run as they are (no shell, no quoting).
    Program(Vec<String>),
}

impl TokenCommand {
    /// The program's name only: the rest of a command line may carry a
    /// client secret, and messages are read by many.
    pub(crate) fn shown(&self) -> String {
        let first = match self {
            TokenCommand::Shell(line) => line.split_whitespace().next(),
            TokenCommand::Program(argv) => argv.first().map(String::as_str),
        };
        format!("`{}`", first.unwrap_or_default())
    }
}

impl fmt::Debug for TokenCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenCommand({} ...)", self.shown())
    }
}

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

fn default_timeout() -> Duration {
    Duration::from_secs(30)
}

fn default_data_timeout() -> Duration {
    Duration::from_secs(600)
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

impl SmtpSettings {
    /// The port in use.
    pub(crate) fn port(&self) -> u16 {
        self.port.unwrap_or(self.security.default_port())
    }

    fn validate(&self) -> Result<(), SettingsError> {
        use SettingsError::Conflict;
        if self.host.trim().is_empty() {
            return Err(SettingsError::EmptyHost);
        }
        let token = self.token_env.is_some() || self.token_command.is_some();
        if self.token_env.is_some() && self.token_command.is_some() {
            return Err(Conflict(
                "`smtp.token_env` and `smtp.token_command` are both set: name one",
            ));
        }
        match self.auth {
            Some(AuthMethod::Xoauth2) => {
                if self.password_env.is_some() {
                    return Err(Conflict(
                        "auth = \"xoauth2\" signs in with an access token from `smtp.token_env` \
                         or `smtp.token_command`, not with `smtp.password_env`",
                    ));
                }
                if self.user.is_none() || !token {
                    return Err(Conflict(
                        "auth = \"xoauth2\" needs `smtp.user` (the mailbox that signs in) and \
                         one of `smtp.token_env` or `smtp.token_command`",
                    ));
                }
            }
            _ if token => {
                return Err(Conflict(
                    "`smtp.token_env` and `smtp.token_command` are for auth = \"xoauth2\"",
                ));
            }
            Some(_) if self.user.is_none() || self.password_env.is_none() => {
                return Err(Conflict(
                    "auth = \"plain\" and \"login\" need `smtp.user` and `smtp.password_env` \
                     (the name of the environment variable holding the password)",
                ));
            }
            _ => match (&self.user, &self.password_env) {
                (None, Some(_)) => {
                    return Err(Conflict(
                        "`smtp.password_env` is set but `smtp.user` is not",
                    ));
                }
                (Some(_), None) => {
                    return Err(Conflict(
                        "`smtp.user` is set but `smtp.password_env` (the name of the \
                         environment variable holding the password) is not",
                    ));
                }
                _ => {}
            },
        }
        if self.security == Security::None {
            if self.ca_file.is_some() {
                return Err(Conflict(
                    "`smtp.ca_file` is set, but security = \"none\" uses no TLS",
                ));
            }
            if self.user.is_some() && !is_loopback(&self.host) {
                return Err(Conflict(
                    "a password or token is never sent unencrypted to another machine: set \
                     `smtp.security` to \"starttls\" or \"tls\" (security = \"none\" with \
                     `smtp.user` is only for a relay on this machine: localhost, 127.0.0.1, ::1)",
                ));
            }
        }
        Ok(())
    }

    /// The certificates of `ca_file`, checked to be usable as trust anchors.
    pub(crate) fn ca_certificates(&self) -> Result<Vec<CertificateDer<'static>>, SettingsError> {
        let Some(path) = &self.ca_file else {
            return Ok(Vec::new());
        };
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| SettingsError::CaFile {
            path: shown.clone(),
            source,
        })?;
        let content = |why: String| SettingsError::CaFileContent {
            path: shown.clone(),
            why,
        };
        let certs = CertificateDer::pem_slice_iter(&bytes)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| content(format!("is not valid PEM: {e}")))?;
        if certs.is_empty() {
            return Err(content(
                "holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)".into(),
            ));
        }
        for (i, cert) in certs.iter().enumerate() {
            let mut store = rustls::RootCertStore::empty();
            store
                .add(cert.clone())
                .map_err(|e| content(format!("certificate {} cannot be trusted: {e}", i + 1)))?;
        }
        Ok(certs)
    }
}

/// Whether a host name is this machine.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        text.parse().expect("valid TOML")
    }

    fn settings(text: &str) -> Result<EmailSettings, SettingsError> {
        EmailSettings::from_table(&table(text), Path::new("/etc/competency-report"))
    }

    #[test]
    fn settings_read_with_defaults_and_ca_file_relative_to_their_file() {
        let s = settings(
            r#"operators = ["ops@example.com"]
               [smtp]
               host = "mail.example.com"
               ca_file = "company-ca.pem""#,
        )
        .expect("valid settings");
        assert_eq!(s.retries, 3);
        let smtp = s.smtp.expect("smtp");
        assert_eq!(smtp.security, Security::Starttls);
        assert_eq!(smtp.port(), 587);
        assert_eq!(smtp.auth, None);
        assert_eq!(
            smtp.ca_file.as_deref(),
            Some(Path::new("/etc/competency-report/company-ca.pem"))
        );
    }

    #[test]
    fn settings_refuse_bad_addresses_and_unknown_keys_and_load_without_the_environment() {
        let bad = |t: &str| settings(t).expect_err(t).to_string();
        assert!(bad(r#"operators = ["not an address"]"#).contains("operator"));
        assert!(bad(r#"password = "x""#).contains("password"));
        assert!(
            bad(r#"[smtp]
                   host = "h"
                   security = "ssl""#)
            .contains("ssl")
        );
        assert!(
            bad(r#"[smtp]
                   host = "h"
                   user = "u""#)
            .contains("password_env")
        );
        assert!(
            bad(r#"[smtp]
                   host = "mail.example.com"
                   security = "none"
                   user = "u"
                   password_env = "P""#)
            .contains("never sent unencrypted")
        );
        let s = settings(
            r#"[smtp]
               host = "h"
               user = "u"
               password_env = "COMPETENCY_REPORT_TEST_SURELY_UNSET""#,
        )
        .expect("loads without looking at the environment");
        assert!(s.smtp.is_some());
    }

    #[test]
    fn deadlines_are_seconds_whole_or_not_and_more_than_zero() {
        let s = settings(
            r#"deadline_secs = 0.5
               [smtp]
               host = "h"
               timeout_secs = 0.25"#,
        )
        .expect("fractions of a second");
        assert_eq!(s.deadline_secs, Duration::from_millis(500));
        let smtp = s.smtp.expect("smtp");
        assert_eq!(smtp.timeout_secs, Duration::from_millis(250));
        assert_eq!(smtp.data_timeout_secs, Duration::from_secs(600));
        for bad in [
            "deadline_secs = 0",
            "deadline_secs = -1",
            "deadline_secs = 1e9",
        ] {
            let msg = settings(bad).expect_err(bad).to_string();
            assert!(msg.contains("seconds"), "{bad}: {msg}");
        }
        assert!(
            settings("give_up_after = 0")
                .expect_err("zero")
                .to_string()
                .contains("give_up_after")
        );
    }

    #[test]
    fn a_token_command_is_shown_by_its_program_only() {
        let command = TokenCommand::Shell("get-token --client-secret hunter22".into());
        assert_eq!(command.shown(), "`get-token`");
        assert!(!format!("{command:?}").contains("hunter22"));
    }

    #[test]
    fn loopback_hosts_are_recognised() {
        for host in ["localhost", "127.0.0.1", "::1", "[::1]"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["mail.example.com", "10.0.0.1"] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
