//! Sending the reports by email: each partner its own workbook, the
//! operators the full report with a summary. Every message is
//! multipart/alternative (plain text and HTML) with the workbook attached.
//!
//! The rooms: `settings` (the `[email]` table, secrets, trust; `token`
//! runs an OAuth token helper) -> `compose` (what a message says, in the
//! report's language; `plain` and `html` write its two parts) -> `send`
//! (TLS, sign-in, retries, the outbox) -> `log` (the delivery log).
//!
//! Every message is first written as an `.eml` file into `<output>/outbox/`,
//! then (when SMTP is configured) sent, and its `.eml` removed once the
//! server accepted it. So a message that was not sent, for whatever reason,
//! is always left in the outbox, ready for any mail client. Without SMTP
//! settings the outbox is the whole delivery: nothing needs a server.
//!
//! A recipient already logged as sent (or written to the outbox) for the
//! same as-of date and the same message is skipped on a re-run, so running
//! the month again never mails anyone twice. Delivery is at least once: a
//! crash between the server's answer and the log line can repeat that one
//! message on the next run.

mod compose;
pub(crate) mod composer;
pub mod family;
mod html;
pub(crate) mod log;
mod operator;
mod plain;
mod send;
pub(crate) mod settings;
mod token;
pub(crate) mod view;

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::PartnerId;
use crate::report::partner_workbook::{PartnerIndex, partner_stem};
use crate::report::{ReportData, ReportError, build_workbook, report_stem};
use crate::text::Lang;
use crate::text::mail::MailTexts;

pub use family::Family;
pub(crate) use log::{log_path, outbox_path, read_log};
pub use settings::EmailSettings;
pub(crate) use settings::{Ready, SettingsError};

/// Why email could not be set up or carried out at all. (A message the
/// server refuses is not an error: it is a `Status::Failed` outcome.)
#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    /// The settings are wrong; the message says which one and how.
    #[error("email settings: {0}")]
    Settings(SettingsError),
    /// A partner's workbook could not be built.
    #[error(transparent)]
    Report(#[from] ReportError),
    /// A partner in the evaluation has no share in the report data: the
    /// two were made from different runs.
    #[error("partner {0} has no result in the report, so its workbook cannot be made")]
    NoResult(PartnerId),
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
        source: std::io::Error,
    },
}

// By hand, not `#[from]`: that would also make the settings error the
// source, and error chains would print its message twice.
impl From<SettingsError> for EmailError {
    fn from(e: SettingsError) -> Self {
        EmailError::Settings(e)
    }
}

/// Who a message is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Audience {
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
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
    /// The delivery log's word for it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::Outbox => "outbox",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }
}

/// Why a message could not be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The server's certificate did not verify; nothing was sent.
    Certificate {
        /// The server.
        host: String,
        /// The verifier's reason.
        why: String,
    },
    /// TLS was asked for and the server does not offer STARTTLS.
    NoStarttls {
        /// The server.
        host: String,
    },
    /// The server refused the sign-in.
    SignIn {
        /// The server.
        host: String,
        /// Its answer.
        answer: String,
    },
    /// Anything else: a refused connection, a timeout, a refused recipient,
    /// in the words of the error.
    Other(String),
}

/// The particulars of a message's [`Status`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Sent: the server's answer.
    Answer(String),
    /// Written to the outbox; no server is configured.
    Outbox,
    /// Not sent.
    Failed {
        /// Why.
        failure: Failure,
        /// How many attempts were made.
        attempts: u32,
    },
    /// Served by an earlier run.
    Earlier {
        /// Sent (or else written to the outbox).
        sent: bool,
        /// Its outbox file, if it was written there.
        eml: Option<String>,
        /// When.
        at: String,
        /// Its Message-ID.
        message_id: String,
    },
}

impl Detail {
    /// In words.
    pub(crate) fn words(&self, t: &MailTexts) -> String {
        match self {
            Detail::Answer(answer) => answer.clone(),
            Detail::Outbox => t.written_to_outbox.to_string(),
            Detail::Failed { failure, attempts } => {
                let why = match failure {
                    Failure::Certificate { host, why } => (t.certificate_failed)(host, why),
                    Failure::NoStarttls { host } => (t.no_starttls)(host),
                    Failure::SignIn { host, answer } => (t.sign_in_refused)(host, answer),
                    Failure::Other(why) => (t.failed)(why),
                };
                format!(
                    "{why} ({})",
                    (t.attempts)(&attempts.to_string(), *attempts == 1)
                )
            }
            Detail::Earlier {
                sent: true,
                at,
                message_id,
                ..
            } => (t.already_sent)(at, message_id),
            Detail::Earlier {
                eml,
                at,
                message_id,
                ..
            } => (t.already_in_outbox)(eml.as_deref().unwrap_or(""), at, message_id),
        }
    }
}

/// One message's outcome.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    /// The recipient's address.
    pub(crate) recipient: String,
    /// Who they are.
    pub(crate) audience: Audience,
    /// What happened.
    pub(crate) status: Status,
    /// The particulars.
    pub(crate) detail: Detail,
    /// The `.eml` file left in the outbox, if any.
    pub(crate) eml: Option<PathBuf>,
}

/// Why a partner got no message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unreachable {
    /// Its Contact Email is empty or missing.
    NoContactEmail,
    /// Its Contact Email (one of them) is not an address.
    NotAnAddress {
        /// The text, cleaned of control characters.
        text: String,
        /// Why it does not parse.
        why: String,
    },
}

/// A partner that got no message (or not at every address), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unaddressed {
    /// The partner.
    pub(crate) partner: PartnerId,
    /// Its name, if known.
    pub(crate) name: Option<String>,
    /// Why.
    pub(crate) reason: Unreachable,
}

impl Unaddressed {
    /// Why, in words.
    pub(crate) fn reason(&self, t: &MailTexts) -> String {
        match &self.reason {
            Unreachable::NoContactEmail => t.no_contact_email.to_string(),
            Unreachable::NotAnAddress { text, why } => (t.not_an_address)(text, why),
        }
    }
}

/// Everything the email step did.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// One entry per message, partners first (by partner id), then operators.
    pub(crate) outcomes: Vec<Outcome>,
    /// Partners that could not be sent their report.
    pub(crate) unaddressed: Vec<Unaddressed>,
    /// The outbox folder.
    pub(crate) outbox: PathBuf,
    /// The delivery log.
    pub(crate) log: PathBuf,
    /// No operator address is configured: the summary went to nobody.
    pub(crate) no_operators: bool,
    /// Lines of the delivery log that could not be read and were passed over.
    pub(crate) unreadable_log_lines: usize,
}

impl Delivery {
    /// How many messages ended with a status.
    pub(crate) fn count(&self, status: Status) -> usize {
        self.outcomes.iter().filter(|o| o.status == status).count()
    }

    /// What happened, one line each, in the terminal's words (English);
    /// `true` marks a line that needs a person (shown even when quiet).
    pub fn lines(&self) -> Vec<(bool, String)> {
        let t = &Lang::En.texts().mail;
        let mut lines = Vec::new();
        for u in &self.unaddressed {
            let line = (t.line_unaddressed)(u.partner.as_str(), &u.reason(t));
            lines.push((true, line));
        }
        for o in &self.outcomes {
            let what = match &o.audience {
                Audience::Partner(p) => (t.what_partner)(p.as_str()),
                Audience::Operator => t.what_summary.to_string(),
            };
            let file = o
                .eml
                .as_deref()
                .unwrap_or(&self.outbox)
                .display()
                .to_string();
            let words = o.detail.words(t);
            lines.push(match o.status {
                Status::Sent => (false, (t.line_sent)(&what, &o.recipient)),
                Status::Outbox => (false, (t.line_outbox)(&what, &o.recipient, &file)),
                Status::Skipped => (false, (t.line_skipped)(&what, &o.recipient, &words)),
                Status::Failed => (true, (t.line_failed)(&what, &o.recipient, &words, &file)),
            });
        }
        if self.unreadable_log_lines > 0 {
            let line = (t.unreadable_log_lines)(
                &self.unreadable_log_lines.to_string(),
                &self.log.display().to_string(),
            );
            lines.push((true, line));
        }
        if self.no_operators {
            // The full report went to nobody: a person should know, quiet or not.
            lines.push((true, t.no_operators.to_string()));
        }
        lines.push((
            false,
            (t.line_totals)(
                &[
                    self.count(Status::Sent),
                    self.count(Status::Outbox),
                    self.count(Status::Failed),
                    self.count(Status::Skipped),
                    self.unaddressed.len(),
                ]
                .map(|n| n.to_string()),
                &self.log.display().to_string(),
            ),
        ));
        lines
    }
}

/// Sends (or puts in the outbox) every partner's own report and the
/// operators' summary with the full report at `report`.
///
/// Fails only when email cannot work at all (an outbox or log that cannot
/// be written, a report that cannot be read); a message the server refuses
/// is an outcome, and the others still go out. The delivery log must be
/// writable: without it a re-run could mail people twice, so delivery stops
/// at the first log write that fails.
pub(crate) fn deliver<F: Family>(
    data: &ReportData<'_, F>,
    report: &Path,
    output: &Path,
    ready: &Ready,
) -> Result<Delivery, EmailError> {
    let outbox = outbox_path(output);
    let log = log_path(output, data.as_of);
    let (entries, unreadable_log_lines) = read_log(&log)?;
    let mut delivery = Delivery {
        outcomes: Vec::new(),
        unaddressed: Vec::new(),
        outbox: outbox.clone(),
        log: log.clone(),
        no_operators: ready.operators.is_empty(),
        unreadable_log_lines,
    };
    let mut sender = send::Sender {
        as_of: data.as_of.format("%Y-%m-%d").to_string(),
        transport: ready.transport.as_ref(),
        retries: ready.settings.retries,
        retry_delay: Duration::from_millis(ready.settings.retry_delay_ms),
        outbox,
        log,
        entries,
    };
    let index = PartnerIndex::new(data);
    let composer = composer::Composer::new(data);

    for (i, p) in data.evaluation.partners.iter().enumerate() {
        let (addresses, unreachable) = compose::addresses(p.contact_email.as_deref());
        for reason in unreachable {
            delivery.unaddressed.push(Unaddressed {
                partner: p.partner.clone(),
                name: p.name.clone(),
                reason,
            });
        }
        let stem = partner_stem(data.as_of, &p.partner);
        let attachment = format!("{stem}.xlsx");
        // Built lazily: a partner whose every address was already served
        // costs no workbook.
        let mut workbook: Option<Vec<u8>> = None;
        for to in addresses {
            let audience = Audience::Partner(p.partner.clone());
            let recipient = to.email.to_string();
            if let Some(skip) = sender.already_done(&recipient, &audience) {
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
            let parts = composer.partner(i, &attachment);
            let message = compose::build_message(&ready.from, &to, parts, &attachment, bytes)?;
            let outcome = sender.send(message, &recipient, audience, &attachment, &stem)?;
            delivery.outcomes.push(outcome);
        }
    }

    if !ready.operators.is_empty() {
        let attachment = report
            .file_name()
            .map_or_else(|| "report.xlsx".into(), |n| n.to_string_lossy().to_string());
        let report_bytes = std::fs::read(report).map_err(|source| EmailError::Io {
            path: report.display().to_string(),
            source,
        })?;
        let stem = format!("{}-summary", report_stem(data.as_of));
        for to in &ready.operators {
            let recipient = to.email.to_string();
            if let Some(skip) = sender.already_done(&recipient, &Audience::Operator) {
                delivery.outcomes.push(skip);
                continue;
            }
            let parts = composer.operator(&attachment, &delivery);
            let message =
                compose::build_message(&ready.from, to, parts, &attachment, report_bytes.clone())?;
            let outcome =
                sender.send(message, &recipient, Audience::Operator, &attachment, &stem)?;
            delivery.outcomes.push(outcome);
        }
    }
    Ok(delivery)
}

/// One partner's workbook as bytes.
fn partner_bytes<'d, F: Family>(
    index: &PartnerIndex<'d>,
    data: &ReportData<'d, F>,
    partner: &PartnerId,
) -> Result<Vec<u8>, EmailError> {
    let slice = index
        .slice(data, partner)
        .ok_or_else(|| EmailError::NoResult(partner.clone()))?;
    let mut workbook = build_workbook(&slice.data(data))?;
    workbook
        .save_to_buffer()
        .map_err(|e| EmailError::Report(ReportError::Xlsx(e)))
}
