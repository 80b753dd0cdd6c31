//! Sending the reports by email: each partner its own workbook, the
//! operators the full report with a plain-text summary.
//!
//! Every message is first written as an `.eml` file into `<output>/outbox/`,
//! then (when SMTP is configured) sent, and its `.eml` removed once the
//! server accepted it. So a message that was not sent, for whatever reason,
//! is always left in the outbox, ready for any mail client. Without SMTP
//! settings the outbox is the whole delivery: nothing needs a server.
//!
//! A delivery log next to the report (`<output>/delivery-log-<as-of>.jsonl`,
//! one JSON object per line, appended and synced after each message) says
//! what happened to each message. A recipient already logged as sent (or
//! written to the outbox) for the same as-of date and the same message is
//! skipped on a re-run, so running the month again never mails anyone twice.
//! Delivery is at least once: a crash between the server's answer and the
//! log line can repeat that one message on the next run.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use serde::{Deserialize, Serialize};

use crate::evaluate::PartnerResult;
use crate::model::{Level, PartnerId};
use crate::report::partner::{PartnerIndex, partner_stem};
use crate::report::{ReportData, ReportError, build_workbook, report_stem};
use crate::safe_write::{self, Access, NewName};
use crate::text;

/// The MIME type of an `.xlsx` attachment.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// The sender when the settings name none.
const DEFAULT_FROM: &str = "competency-report <competency-report@localhost>";
/// How many partners the operator summary lists under "top actions".
const TOP_ACTIONS: usize = 10;
/// The longest piece of input text (a partner name) put into a subject.
const MAX_SUBJECT_NAME: usize = 80;

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
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
    pub fn default_port(self) -> u16 {
        match self {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// Where and how to reach the SMTP server.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    /// The server's host name (also the name its TLS certificate must carry).
    pub host: String,
    /// The port; by default 587, 465 or 25 following `security`.
    #[serde(default)]
    pub port: Option<u16>,
    /// `starttls` (default), `tls` or `none`.
    #[serde(default)]
    pub security: Security,
    /// The user name to log in with, if the server wants one.
    #[serde(default)]
    pub user: Option<String>,
    /// The NAME of the environment variable holding the password. The
    /// password itself never goes into a settings file, which tends to be
    /// committed, copied and backed up.
    #[serde(default)]
    pub password_env: Option<String>,
    /// Seconds to wait for the server before giving up on one attempt.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
}

fn default_timeout() -> u64 {
    30
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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    /// The operators: each gets the full report and the plain-text summary.
    #[serde(default)]
    pub operators: Vec<String>,
    /// The sender, e.g. `Partner Desk <partners@example.com>`.
    #[serde(default = "default_from")]
    pub from: String,
    /// The SMTP server; without it every message goes to the outbox only.
    #[serde(default)]
    pub smtp: Option<SmtpSettings>,
    /// Further attempts after a failed one (only failures that may pass: a
    /// server's permanent refusal, 5xx, or a TLS failure is not retried).
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// Wait before the first retry, in milliseconds; doubled for each next one.
    #[serde(default = "default_retry_delay")]
    pub retry_delay_ms: u64,
}

impl Default for EmailSettings {
    fn default() -> Self {
        EmailSettings {
            operators: Vec::new(),
            from: default_from(),
            smtp: None,
            retries: default_retries(),
            retry_delay_ms: default_retry_delay(),
        }
    }
}

/// Why email could not be set up or carried out at all. (A message the
/// server refuses is not an error: it is a [`Status::Failed`] outcome.)
#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    /// The settings are wrong; the message says which one and how.
    #[error("email settings: {0}")]
    Settings(String),
    /// The settings file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: io::Error,
    },
    /// The settings file is not valid TOML.
    #[error("{path} is not valid TOML: {source}")]
    Toml {
        /// The file.
        path: String,
        /// Why.
        source: toml::de::Error,
    },
    /// A partner's workbook could not be built.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// A message could not be put together.
    #[error("cannot build the message to {recipient}: {source}")]
    Message {
        /// Who it was for.
        recipient: String,
        /// Why.
        source: lettre::error::Error,
    },
    /// The outbox, the delivery log or the report could not be read or written.
    #[error("cannot use {path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// Why.
        source: io::Error,
    },
}

impl EmailSettings {
    /// Reads the settings from an `[email]` table (the contents of the
    /// table, not the document holding it) and checks them (see
    /// [`EmailSettings::validate`]; the environment is not looked at, so a
    /// configuration can be loaded where no email is sent).
    pub fn from_table(table: &toml::Table) -> Result<EmailSettings, EmailError> {
        let settings: EmailSettings = toml::Value::Table(table.clone())
            .try_into()
            .map_err(|e: toml::de::Error| EmailError::Settings(e.message().to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    /// Reads the `[email]` table of a TOML file.
    pub fn from_file(path: &Path) -> Result<EmailSettings, EmailError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| EmailError::Read {
            path: shown.clone(),
            source,
        })?;
        let doc: toml::Table = text.parse().map_err(|source| EmailError::Toml {
            path: shown.clone(),
            source,
        })?;
        match doc.get("email") {
            Some(toml::Value::Table(t)) => EmailSettings::from_table(t),
            Some(_) => Err(EmailError::Settings(format!(
                "in {shown}, `email` must be a table ([email])"
            ))),
            None => Err(EmailError::Settings(format!(
                "{shown} has no [email] table"
            ))),
        }
    }

    /// Checks everything needed before sending: the settings themselves
    /// and the password's environment variable, if one is named. Called
    /// before the report is written, so a missing password costs no run.
    pub fn check_ready(&self) -> Result<(), EmailError> {
        self.validate()?;
        if let Some(smtp) = &self.smtp {
            smtp.password()?;
        }
        Ok(())
    }

    /// Checks the settings themselves: the addresses parse, the SMTP host
    /// is named, a user comes with a password variable and the other way
    /// round.
    pub fn validate(&self) -> Result<(), EmailError> {
        parse_mailbox(&self.from).map_err(|why| {
            EmailError::Settings(format!("`from` = {:?} is not an address: {why}", self.from))
        })?;
        for op in &self.operators {
            parse_mailbox(op).map_err(|why| {
                EmailError::Settings(format!("operator {op:?} is not an address: {why}"))
            })?;
        }
        if let Some(smtp) = &self.smtp {
            if smtp.host.trim().is_empty() {
                return Err(EmailError::Settings("`smtp.host` is empty".into()));
            }
            match (&smtp.user, &smtp.password_env) {
                (None, Some(_)) => {
                    return Err(EmailError::Settings(
                        "`smtp.password_env` is set but `smtp.user` is not".into(),
                    ));
                }
                (Some(_), None) => {
                    return Err(EmailError::Settings(
                        "`smtp.user` is set but `smtp.password_env` (the name of the \
                         environment variable holding the password) is not"
                            .into(),
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

impl SmtpSettings {
    /// The password from the environment variable named by `password_env`.
    fn password(&self) -> Result<Option<String>, EmailError> {
        let Some(name) = &self.password_env else {
            return Ok(None);
        };
        match std::env::var(name) {
            Ok(p) => Ok(Some(p)),
            Err(_) => Err(EmailError::Settings(format!(
                "`smtp.password_env` names the environment variable {name}, which is not set"
            ))),
        }
    }

    /// The port in use.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(self.security.default_port())
    }

    /// The blocking SMTP transport these settings describe.
    fn transport(&self) -> Result<SmtpTransport, EmailError> {
        let smtp_err = |e: lettre::transport::smtp::Error| {
            EmailError::Settings(format!("SMTP server {}: {e}", self.host))
        };
        let builder = match self.security {
            Security::Tls => SmtpTransport::relay(&self.host).map_err(smtp_err)?,
            Security::Starttls => SmtpTransport::starttls_relay(&self.host).map_err(smtp_err)?,
            Security::None => SmtpTransport::builder_dangerous(&self.host),
        };
        let mut builder = builder
            .port(self.port())
            .timeout(Some(Duration::from_secs(self.timeout_secs.max(1))));
        if let Some(user) = &self.user {
            let password = self.password()?.unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok(builder.build())
    }
}

/// Parses one address, `a@b.example` or `Name <a@b.example>`.
fn parse_mailbox(text: &str) -> Result<Mailbox, String> {
    text.trim().parse::<Mailbox>().map_err(|e| e.to_string())
}

/// Who a message is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// A partner, receiving its own workbook.
    Partner(PartnerId),
    /// An operator, receiving the full report and the summary.
    Operator,
}

impl Audience {
    /// The key the delivery log knows the message by.
    fn key(&self) -> String {
        match self {
            Audience::Partner(p) => format!("partner {p}"),
            Audience::Operator => "operator summary".into(),
        }
    }
}

/// What became of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The server accepted it.
    Sent,
    /// No SMTP is configured: it was written to the outbox for a mail client.
    Outbox,
    /// Every attempt failed; it stays in the outbox.
    Failed,
    /// Already sent (or put in the outbox) by an earlier run for this date.
    Skipped,
}

impl Status {
    fn as_str(&self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::Outbox => "outbox",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }
}

/// One message's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The recipient's address.
    pub recipient: String,
    /// Who they are.
    pub audience: Audience,
    /// The attached file's name.
    pub attachment: String,
    /// The message's Message-ID (empty when skipped).
    pub message_id: String,
    /// What happened.
    pub status: Status,
    /// The server's answer, the error, or why it was skipped.
    pub detail: String,
    /// The `.eml` file left in the outbox, if any.
    pub eml: Option<PathBuf>,
}

/// A partner that got no message, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unaddressed {
    /// The partner.
    pub partner: PartnerId,
    /// Its name, if known.
    pub name: Option<String>,
    /// Why: no Contact Email, or one that is not an address.
    pub reason: String,
}

/// Everything the email step did.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// One entry per message, partners first (by partner id), then operators.
    pub outcomes: Vec<Outcome>,
    /// Partners that could not be sent their report.
    pub unaddressed: Vec<Unaddressed>,
    /// The outbox folder.
    pub outbox: PathBuf,
    /// The delivery log.
    pub log: PathBuf,
    /// Remarks: no operator configured, unreadable log lines...
    pub notes: Vec<String>,
}

impl Delivery {
    /// How many messages ended with a status.
    pub fn count(&self, status: &Status) -> usize {
        self.outcomes.iter().filter(|o| &o.status == status).count()
    }
}

/// One line of the delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// The report's as-of date, `YYYY-MM-DD`.
    pub as_of: String,
    /// The recipient's address.
    pub recipient: String,
    /// Which message: `partner 1000001` or `operator summary`.
    pub message: String,
    /// The attached file's name.
    pub attachment: String,
    /// The Message-ID header.
    pub message_id: String,
    /// `sent`, `outbox` or `failed`.
    pub status: String,
    /// The server's answer or the error.
    pub detail: String,
    /// When, RFC 3339.
    pub at: String,
    /// The `.eml` file's name in the outbox, while it is there.
    #[serde(default)]
    pub eml: Option<String>,
}

/// The delivery log's path for a date.
pub fn log_path(output: &Path, as_of: chrono::NaiveDate) -> PathBuf {
    output.join(format!("delivery-log-{}.jsonl", as_of.format("%Y-%m-%d")))
}

/// The outbox folder.
pub fn outbox_path(output: &Path) -> PathBuf {
    output.join("outbox")
}

/// Reads the delivery log; a missing log is empty. Lines that do not parse
/// (a line torn by a crash) are passed over and counted, not fatal: losing
/// one line can at worst repeat one message.
pub fn read_log(path: &Path) -> Result<(Vec<LogEntry>, usize), EmailError> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(source) => {
            return Err(EmailError::Io {
                path: path.display().to_string(),
                source,
            });
        }
    };
    let mut entries = Vec::new();
    let mut bad = 0;
    for line in io::BufReader::new(file).lines() {
        let line = line.map_err(|source| EmailError::Io {
            path: path.display().to_string(),
            source,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(&line) {
            Ok(e) => entries.push(e),
            Err(_) => bad += 1,
        }
    }
    Ok((entries, bad))
}

/// Appends one line to the delivery log and syncs it to disk before the
/// next message goes out, so that a crash cannot forget a sent message.
fn append_log(path: &Path, entry: &LogEntry) -> Result<(), EmailError> {
    let io_err = |source| EmailError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut line = serde_json::to_string(entry).map_err(|e| io_err(io::Error::other(e)))?;
    line.push('\n');
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(io_err)?;
    // One write call per line: appends of one small buffer do not interleave.
    file.write_all(line.as_bytes()).map_err(io_err)?;
    file.sync_all().map_err(io_err)
}

/// Text from the inputs made safe for a header or a line of text: control
/// characters (line breaks included) become spaces, and it is cut short.
fn clean(text: &str, max: usize) -> String {
    let s: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    s.trim().to_string()
}

/// The partner named for people: `Contoso (1000001)` or `1000001`.
fn partner_label(p: &PartnerResult) -> String {
    match p.name.as_deref().map(|n| clean(n, MAX_SUBJECT_NAME)) {
        Some(n) if !n.is_empty() => format!("{n} ({})", p.partner),
        _ => p.partner.to_string(),
    }
}

/// Sends (or puts in the outbox) every partner's own report and the
/// operators' summary with the full report at `report`.
///
/// Fails only when email cannot work at all (bad settings, an outbox or
/// log that cannot be written, a report that cannot be read); a message
/// the server refuses is an outcome, and the others still go out. The
/// delivery log must be writable: without it a re-run could mail people
/// twice, so delivery stops at the first log write that fails.
pub fn deliver<'d>(
    data: &ReportData<'d>,
    report: &Path,
    output: &Path,
    settings: &EmailSettings,
) -> Result<Delivery, EmailError> {
    settings.check_ready()?;
    let transport = settings
        .smtp
        .as_ref()
        .map(SmtpSettings::transport)
        .transpose()?;
    let from = parse_mailbox(&settings.from).map_err(EmailError::Settings)?;
    let outbox = outbox_path(output);
    let log = log_path(output, data.as_of);
    let (entries, bad_lines) = read_log(&log)?;
    let mut delivery = Delivery {
        outcomes: Vec::new(),
        unaddressed: Vec::new(),
        outbox: outbox.clone(),
        log: log.clone(),
        notes: Vec::new(),
    };
    if bad_lines > 0 {
        delivery.notes.push(format!(
            "{bad_lines} line(s) of {} could not be read and were passed over",
            log.display()
        ));
    }
    let index = PartnerIndex::new(data);
    let mut sender = Sender {
        as_of: data.as_of.format("%Y-%m-%d").to_string(),
        transport,
        settings,
        outbox,
        log,
        entries,
    };

    for p in &data.evaluation.partners {
        let addresses: Vec<&str> = p
            .contact_email
            .as_deref()
            .unwrap_or_default()
            .split([';', ','])
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .collect();
        if addresses.is_empty() {
            delivery.unaddressed.push(Unaddressed {
                partner: p.partner.clone(),
                name: p.name.clone(),
                reason: "no Contact Email on the partners sheet".into(),
            });
            continue;
        }
        let stem = partner_stem(data.as_of, &p.partner);
        let attachment = format!("{stem}.xlsx");
        // Built lazily: a partner whose every address was already served
        // costs no workbook.
        let mut workbook: Option<Vec<u8>> = None;
        for address in addresses {
            let to = match parse_mailbox(address) {
                Ok(m) => m,
                Err(why) => {
                    delivery.unaddressed.push(Unaddressed {
                        partner: p.partner.clone(),
                        name: p.name.clone(),
                        reason: format!(
                            "Contact Email {:?} is not an address ({why})",
                            clean(address, 200)
                        ),
                    });
                    continue;
                }
            };
            let audience = Audience::Partner(p.partner.clone());
            if let Some(skip) = sender.already_done(&to, &audience, &attachment) {
                delivery.outcomes.push(skip);
                continue;
            }
            let bytes = match &workbook {
                Some(b) => b.clone(),
                None => {
                    let b = partner_bytes(&index, data, &p.partner)?;
                    workbook = Some(b.clone());
                    b
                }
            };
            let subject = format!(
                "{} competency report {}: {}",
                data.rules.competency.name,
                sender.as_of,
                partner_label(p)
            );
            let body = partner_body(data, p, &attachment);
            let message = build_message(&from, &to, &subject, body, &attachment, bytes)?;
            let outcome = sender.send(message, &to, audience, &attachment, &stem)?;
            delivery.outcomes.push(outcome);
        }
    }

    if settings.operators.is_empty() {
        delivery
            .notes
            .push("no operator addresses are configured: the summary was not sent".into());
    } else {
        let attachment = report
            .file_name()
            .map_or_else(|| "report.xlsx".into(), |n| n.to_string_lossy().to_string());
        let report_bytes = std::fs::read(report).map_err(|source| EmailError::Io {
            path: report.display().to_string(),
            source,
        })?;
        let subject = format!(
            "{} competency report {}: summary",
            data.rules.competency.name, sender.as_of
        );
        let stem = format!("{}-summary", report_stem(data.as_of));
        for op in &settings.operators {
            let to = parse_mailbox(op).map_err(EmailError::Settings)?;
            if let Some(skip) = sender.already_done(&to, &Audience::Operator, &attachment) {
                delivery.outcomes.push(skip);
                continue;
            }
            let body = operator_summary(data, &attachment, &delivery);
            let message = build_message(
                &from,
                &to,
                &subject,
                body,
                &attachment,
                report_bytes.clone(),
            )?;
            let outcome = sender.send(message, &to, Audience::Operator, &attachment, &stem)?;
            delivery.outcomes.push(outcome);
        }
    }
    Ok(delivery)
}

/// One partner's workbook as bytes.
fn partner_bytes<'d>(
    index: &PartnerIndex<'d>,
    data: &ReportData<'d>,
    partner: &PartnerId,
) -> Result<Vec<u8>, EmailError> {
    let slice = index.slice(data, partner).ok_or_else(|| {
        EmailError::Settings(format!("partner {partner} has no result in the report"))
    })?;
    let mut workbook = build_workbook(&slice.data(data))?;
    workbook
        .save_to_buffer()
        .map_err(|e| EmailError::Report(ReportError::Xlsx(e)))
}

/// A plain-text message with one `.xlsx` attached.
fn build_message(
    from: &Mailbox,
    to: &Mailbox,
    subject: &str,
    body: String,
    attachment: &str,
    bytes: Vec<u8>,
) -> Result<Message, EmailError> {
    let content_type = ContentType::parse(XLSX_MIME).map_err(|e| EmailError::Message {
        recipient: to.to_string(),
        source: lettre::error::Error::Io(io::Error::other(e.to_string())),
    })?;
    Message::builder()
        .from(from.clone())
        .to(to.clone())
        .subject(clean(subject, 200))
        .message_id(None)
        .user_agent(format!("competency-report {}", env!("CARGO_PKG_VERSION")))
        .multipart(
            MultiPart::mixed()
                .singlepart(SinglePart::plain(body))
                .singlepart(Attachment::new(attachment.to_string()).body(bytes, content_type)),
        )
        .map_err(|source| EmailError::Message {
            recipient: to.to_string(),
            source,
        })
}

/// The text a partner reads above its workbook.
fn partner_body(data: &ReportData, p: &PartnerResult, attachment: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Hello,\n");
    let _ = writeln!(
        s,
        "attached is the {} competency report for {}, as of {}.\n",
        data.rules.competency.name,
        partner_label(p),
        data.as_of.format("%Y-%m-%d")
    );
    let _ = writeln!(s, "Level:               {}", p.level);
    let _ = writeln!(
        s,
        "Active entitlements: {}{}",
        text::thousands(p.entitlements),
        p.best_workload
            .as_ref()
            .map(|w| format!(" (best workload: {w})"))
            .unwrap_or_default()
    );
    let _ = writeln!(s, "Qualified people:    {}", p.qualified_people);
    let _ = writeln!(s, "Next step:           {}\n", text::action(p, data.rules));
    let _ = writeln!(
        s,
        "{attachment} lists your customer rows and what each contributed, your people and \
         their credentials, and the problems found on your rows."
    );
    let _ = writeln!(
        s,
        "\n-- \nSent by competency-report {}.",
        env!("CARGO_PKG_VERSION")
    );
    s
}

/// The operators' plain-text summary: partners per level, problems, top
/// actions, and what happened to the partners' messages.
pub fn operator_summary(data: &ReportData, attachment: &str, delivery: &Delivery) -> String {
    let partners = &data.evaluation.partners;
    let count = |l: Level| partners.iter().filter(|p| p.level == l).count();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} competency report, as of {}",
        data.rules.competency.name,
        data.as_of.format("%Y-%m-%d")
    );
    let _ = writeln!(s, "Attached: {attachment}\n");
    let _ = writeln!(
        s,
        "Partners: {} (Gold {}, Silver {}, none {})",
        partners.len(),
        count(Level::Gold),
        count(Level::Silver),
        count(Level::None)
    );
    let _ = writeln!(
        s,
        "Problems: {} (see the Problems sheet)\n",
        data.problems.len()
    );

    // Closest to their next level first: fewest people short, then fewest
    // entitlements short. Those are the partners an operator can help most.
    let mut close: Vec<&PartnerResult> = partners.iter().filter(|p| p.next.is_some()).collect();
    close.sort_by_key(|p| {
        p.next
            .as_ref()
            .map(|n| (n.people_short, n.entitlements_short))
    });
    let _ = writeln!(s, "Top actions (closest to their next level first):");
    if close.is_empty() {
        let _ = writeln!(s, "- none: every partner is at the top level");
    }
    for p in close.iter().take(TOP_ACTIONS) {
        let _ = writeln!(s, "- {}: {}", partner_label(p), text::action(p, data.rules));
    }
    if close.len() > TOP_ACTIONS {
        let _ = writeln!(
            s,
            "- ... and {} more on the Summary sheet",
            close.len() - TOP_ACTIONS
        );
    }

    let partner_msgs: Vec<&Outcome> = delivery
        .outcomes
        .iter()
        .filter(|o| matches!(o.audience, Audience::Partner(_)))
        .collect();
    let by = |st: Status| partner_msgs.iter().filter(|o| o.status == st).count();
    let _ = writeln!(
        s,
        "\nPartner reports: {} sent, {} in the outbox for a mail client, {} failed, {} already sent earlier",
        by(Status::Sent),
        by(Status::Outbox),
        by(Status::Failed),
        by(Status::Skipped)
    );
    for o in partner_msgs.iter().filter(|o| o.status == Status::Failed) {
        let _ = writeln!(s, "- FAILED to {}: {}", o.recipient, o.detail);
    }
    if !delivery.unaddressed.is_empty() {
        let _ = writeln!(s, "\nPartners not sent their report:");
        for u in &delivery.unaddressed {
            let name = u
                .name
                .as_deref()
                .map(|n| format!(" {}", clean(n, MAX_SUBJECT_NAME)))
                .unwrap_or_default();
            let _ = writeln!(s, "- {}{}: {}", u.partner, name, u.reason);
        }
    }
    let _ = writeln!(
        s,
        "\n-- \nSent by competency-report {}.",
        env!("CARGO_PKG_VERSION")
    );
    s
}

/// Sends messages one by one, keeping the outbox and the log.
struct Sender<'a> {
    as_of: String,
    transport: Option<SmtpTransport>,
    settings: &'a EmailSettings,
    outbox: PathBuf,
    log: PathBuf,
    entries: Vec<LogEntry>,
}

impl Sender<'_> {
    /// The skip outcome when the log shows this message already went to
    /// this recipient for this date.
    fn already_done(&self, to: &Mailbox, audience: &Audience, attachment: &str) -> Option<Outcome> {
        let recipient = to.email.to_string();
        let key = audience.key();
        let done = self.entries.iter().rev().find(|e| {
            e.as_of == self.as_of
                && e.message == key
                && e.recipient.eq_ignore_ascii_case(&recipient)
                && (e.status == "sent" || e.status == "outbox")
        })?;
        // An outbox copy counts as delivered: the operator may well have
        // sent it from a mail client already, and sending it again would
        // mail the partner twice.
        let how = match (&*done.status, &done.eml) {
            ("sent", _) => "already sent".to_string(),
            (_, Some(eml)) => format!("already written to the outbox as {eml}"),
            _ => "already written to the outbox".to_string(),
        };
        Some(Outcome {
            recipient,
            audience: audience.clone(),
            attachment: attachment.to_string(),
            message_id: done.message_id.clone(),
            status: Status::Skipped,
            detail: format!("{how} at {} ({})", done.at, done.message_id),
            eml: None,
        })
    }

    /// Writes the message to the outbox, sends it if SMTP is configured
    /// (with retries), logs the outcome.
    fn send(
        &mut self,
        message: Message,
        to: &Mailbox,
        audience: Audience,
        attachment: &str,
        stem: &str,
    ) -> Result<Outcome, EmailError> {
        let recipient = to.email.to_string();
        let message_id = message
            .headers()
            .get_raw("Message-ID")
            .unwrap_or_default()
            .to_string();
        // `X-Unsent: 1` makes Outlook open the file as a draft with a Send
        // button instead of as a received message; it is only on the
        // outbox copy, never sent.
        let mut formatted = b"X-Unsent: 1\r\n".to_vec();
        formatted.extend_from_slice(&message.formatted());
        // The outbox copy comes first: whatever happens next, the message
        // is not lost.
        let eml = safe_write::save_new(
            &self.outbox,
            &NewName::new(stem, "eml"),
            Access::Shared,
            |f| f.write_all(&formatted),
        )
        .map_err(|source| EmailError::Io {
            path: self.outbox.display().to_string(),
            source,
        })?;
        let (status, detail) = match &self.transport {
            None => (
                Status::Outbox,
                "no SMTP server configured: written to the outbox".to_string(),
            ),
            Some(transport) => match self.attempts(transport, &message) {
                Ok(answer) => (Status::Sent, answer),
                Err(why) => (Status::Failed, why),
            },
        };
        let eml = if status == Status::Sent {
            // Sent: the outbox copy, and copies of earlier failed tries of
            // this very message, are no longer waiting for anyone.
            let _ = std::fs::remove_file(&eml);
            self.remove_failed_copies(&recipient, &audience);
            None
        } else {
            Some(eml)
        };
        let entry = LogEntry {
            as_of: self.as_of.clone(),
            recipient: recipient.clone(),
            message: audience.key(),
            attachment: attachment.to_string(),
            message_id: message_id.clone(),
            status: status.as_str().to_string(),
            detail: detail.clone(),
            at: chrono::Local::now().to_rfc3339(),
            eml: eml
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().to_string()),
        };
        append_log(&self.log, &entry)?;
        self.entries.push(entry);
        Ok(Outcome {
            recipient,
            audience,
            attachment: attachment.to_string(),
            message_id,
            status,
            detail,
            eml,
        })
    }

    /// Tries to send: once, then up to `retries` more times with a doubling
    /// wait, but only while the failure may pass (a connection refused, a
    /// timeout, a 4xx answer). A 5xx answer is the server's final word,
    /// and a TLS or protocol failure is not retried either.
    /// Returns the server's answer, or the last failure in words.
    fn attempts(&self, transport: &SmtpTransport, message: &Message) -> Result<String, String> {
        let total = self.settings.retries.saturating_add(1);
        let mut delay = Duration::from_millis(self.settings.retry_delay_ms);
        let mut attempt = 1;
        loop {
            match transport.send(message) {
                Ok(resp) => {
                    let words: Vec<&str> = resp.message().collect();
                    return Ok(format!("{} {}", resp.code(), words.join(" ")));
                }
                Err(e) => {
                    let why = error_chain(&e);
                    // Only what may pass is retried: a refused or lost
                    // connection, a timeout, a 4xx answer. A 5xx answer, a
                    // TLS failure or a server lacking what the settings
                    // require (STARTTLS, a login method) will not change in
                    // a few seconds.
                    let final_answer =
                        e.is_permanent() || e.is_client() || e.is_tls() || e.is_response();
                    if final_answer || attempt >= total {
                        return Err(format!(
                            "{why} (after {attempt} attempt{})",
                            if attempt == 1 { "" } else { "s" }
                        ));
                    }
                    std::thread::sleep(delay);
                    delay = delay.saturating_mul(2);
                    attempt += 1;
                }
            }
        }
    }

    /// Removes the outbox copies that earlier runs left for this message
    /// when they failed to send it. Only plain file names inside the outbox
    /// are touched, whatever the log says.
    fn remove_failed_copies(&self, recipient: &str, audience: &Audience) {
        let key = audience.key();
        let mut names: HashSet<String> = HashSet::new();
        for e in &self.entries {
            if e.as_of == self.as_of
                && e.message == key
                && e.recipient.eq_ignore_ascii_case(recipient)
                && e.status == "failed"
                && let Some(name) = &e.eml
                && let Some(file) = Path::new(name).file_name()
            {
                names.insert(file.to_string_lossy().to_string());
            }
        }
        for name in &names {
            let _ = std::fs::remove_file(self.outbox.join(name));
        }
    }
}

/// An error with its causes, on one line: lettre's top-level message
/// ("Connection error") says little without them.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let next = c.to_string();
        if !s.contains(&next) {
            s.push_str(": ");
            s.push_str(&next);
        }
        cause = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> toml::Table {
        text.parse().expect("valid TOML")
    }

    #[test]
    fn settings_read_with_defaults() {
        let s = EmailSettings::from_table(&table(
            r#"operators = ["ops@example.com"]
               [smtp]
               host = "mail.example.com""#,
        ))
        .expect("valid settings");
        assert_eq!(s.retries, 3);
        let smtp = s.smtp.expect("smtp");
        assert_eq!(smtp.security, Security::Starttls);
        assert_eq!(smtp.port(), 587);
    }

    #[test]
    fn settings_refuse_bad_addresses_unknown_keys_and_a_missing_password_variable() {
        let bad = |t: &str| {
            EmailSettings::from_table(&table(t))
                .expect_err(t)
                .to_string()
        };
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
        let settings = EmailSettings::from_table(&table(
            r#"[smtp]
               host = "h"
               user = "u"
               password_env = "COMPETENCY_REPORT_TEST_SURELY_UNSET""#,
        ))
        .expect("loads without looking at the environment");
        let msg = settings.check_ready().expect_err("unset").to_string();
        assert!(msg.contains("COMPETENCY_REPORT_TEST_SURELY_UNSET"), "{msg}");
    }

    #[test]
    fn clean_removes_line_breaks_from_header_text() {
        assert_eq!(clean("a\r\nBcc: x@y", 100), "a  Bcc: x@y");
        assert_eq!(clean("abcdef", 3), "abc");
    }

    #[test]
    fn a_torn_log_line_is_passed_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.jsonl");
        let entry = LogEntry {
            as_of: "2017-09-30".into(),
            recipient: "a@b.example".into(),
            message: "operator summary".into(),
            attachment: "r.xlsx".into(),
            message_id: "<1@x>".into(),
            status: "sent".into(),
            detail: "250 OK".into(),
            at: "now".into(),
            eml: None,
        };
        append_log(&path, &entry).expect("append");
        let mut f = OpenOptions::new().append(true).open(&path).expect("open");
        f.write_all(b"{\"as_of\": \"2017-").expect("write");
        let (entries, bad) = read_log(&path).expect("read");
        assert_eq!((entries, bad), (vec![entry], 1));
    }
}
