//! Sending the reports by email: each partner its own workbook, the
//! operators the full report with a summary. Every message is
//! multipart/alternative (plain text and HTML) with the workbook attached.
//!
//! The rooms: `settings` (the `[email]` table, plain data) -> `secret`
//! (a password or token, and scrubbing it from every text) -> `token`
//! (reads the secret: a variable or an OAuth token helper) -> `compose`
//! (what a message says, in the report's language; `plain` and `html`
//! write its two parts) -> `connection` (the relay: TLS, one sign-in per
//! run, each attempt under deadlines) -> `send` (the outbox, the retries,
//! when to stop) -> `log` (the delivery log). Each room takes from the
//! ones before it, never from one after.
//!
//! Every message is first written as an `.eml` file into `<output>/outbox/`,
//! then (when SMTP is configured) sent, and its `.eml` removed once the
//! server accepted it. So a message that was not sent, for whatever reason,
//! is always left in the outbox, ready for any mail client. Without SMTP
//! settings the outbox is the whole delivery: nothing needs a server.
//!
//! Nobody is mailed twice: a recipient already logged as sent (or written
//! to the outbox) for the same as-of date and message is skipped on a
//! re-run, and a message is retried only while it cannot have reached the
//! relay, before its final dot. After the dot, a relay that does not answer
//! leaves the message `unknown`: it is not sent again, by this run or a
//! later one, and the operator is told what to check (see `send`).

mod compose;
mod connection;
mod html;
pub(crate) mod log;
mod operator;
mod plain;
mod points;
mod secret;
mod send;
pub(crate) mod settings;
mod token;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lettre::message::Mailbox;

use crate::advice;
use crate::model::PartnerId;
use crate::report::partner_workbook::{PartnerIndex, partner_stem};
use crate::report::{ReportData, ReportError, build_workbook, report_stem};
use crate::text::Lang;
use crate::text::mail::MailTexts;

use connection::{Line, Relay, Step};
pub(crate) use log::{log_path, outbox_path, read_log};
pub use settings::EmailSettings;
pub(crate) use settings::SettingsError;

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
    /// Not delivered; it stays in the outbox and the next run tries again.
    Failed,
    /// Handed over whole without an answer: it may have been delivered. Its
    /// copy is in `outbox/unconfirmed/`; it is never sent again by the tool.
    Unknown,
    /// Not tried: the email step had stopped. It stays in the outbox.
    Untried,
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
            Status::Unknown => "unknown",
            Status::Untried => "untried",
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
    /// A step's deadline passed without the server's answer.
    TimedOut {
        /// The server.
        host: String,
        /// The step it did not answer.
        step: Step,
        /// The deadline.
        limit: Duration,
        /// The setting that gives it.
        setting: &'static str,
    },
    /// The connection was refused, cut or answered with nonsense.
    Lost {
        /// The server.
        host: String,
        /// Where.
        step: Step,
        /// In the words of the error.
        why: String,
    },
    /// The email step's own deadline (`deadline_secs`) cut it off.
    Deadline,
    /// An earlier run was stopped (killed) while it had this message.
    Interrupted {
        /// Whether the message had been handed over whole.
        handed_over: bool,
    },
    /// Anything else: a refused recipient, a server's refusal, in the words
    /// of the error.
    Other(String),
}

impl Failure {
    /// In words.
    fn words(&self, t: &MailTexts) -> String {
        match self {
            Failure::Certificate { host, why } => (t.certificate_failed)(host, why),
            Failure::NoStarttls { host } => (t.no_starttls)(host),
            Failure::SignIn { host, answer } => (t.sign_in_refused)(host, answer),
            Failure::TimedOut {
                host,
                step,
                limit,
                setting,
            } => (t.timed_out)(host, step.words(), &seconds(*limit), setting),
            Failure::Lost { host, step, why } => (t.connection_lost)(host, step.words(), why),
            Failure::Deadline => t.deadline_reached.to_string(),
            Failure::Interrupted { handed_over } => (t.interrupted)(*handed_over),
            Failure::Other(why) => (t.failed)(why),
        }
    }
}

/// A duration in seconds as people write it: `30 s`, `0.25 s`.
fn seconds(d: Duration) -> String {
    let text = format!("{:.3}", d.as_secs_f64());
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} s")
}

/// Why the email step stopped before its last message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The relay fails every message the same way: the sign-in, its
    /// certificate, no STARTTLS.
    Relay(Failure),
    /// The relay left this many attempts in a row unanswered.
    Silent {
        /// The last of them.
        last: Failure,
        /// How many.
        attempts: u32,
    },
    /// The step's deadline passed (`deadline_secs`).
    Deadline(Duration),
}

impl Stop {
    /// In words.
    fn words(&self, t: &MailTexts) -> String {
        match self {
            Stop::Relay(failure) => failure.words(t),
            Stop::Silent { last, attempts } => {
                (t.relay_silent)(&attempts.to_string(), &last.words(t))
            }
            Stop::Deadline(limit) => (t.step_deadline)(&seconds(*limit)),
        }
    }
}

/// The particulars of a message's [`Status`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Sent: the server's answer.
    Answer {
        /// The answer.
        answer: String,
        /// How many attempts it took.
        attempts: u32,
    },
    /// Written to the outbox; no server is configured.
    Outbox,
    /// Not sent.
    Failed {
        /// Why.
        failure: Failure,
        /// How many attempts were made.
        attempts: u32,
    },
    /// Handed over without an answer.
    Unknown {
        /// What happened after the hand-over.
        why: Failure,
        /// How many attempts were made (0: settled from an earlier run).
        attempts: u32,
    },
    /// Not tried: why the step had stopped.
    Untried(Stop),
    /// Served by an earlier run.
    Earlier {
        /// Sent, written to the outbox, or of unknown fate.
        status: Status,
        /// Its outbox file, if it was written there.
        eml: Option<String>,
        /// When.
        at: String,
        /// Its Message-ID.
        message_id: String,
    },
}

impl Detail {
    /// A failure after some attempts.
    fn failed(failure: Failure, attempts: u32) -> Detail {
        Detail::Failed { failure, attempts }
    }

    /// In words.
    pub(crate) fn words(&self, t: &MailTexts) -> String {
        let after = |n: u32| (t.attempts)(&n.to_string(), n == 1);
        match self {
            Detail::Answer { answer, attempts } if *attempts > 1 => {
                format!("{answer} ({})", after(*attempts))
            }
            Detail::Answer { answer, .. } => answer.clone(),
            Detail::Outbox => t.written_to_outbox.to_string(),
            Detail::Failed { failure, attempts } if *attempts == 0 => failure.words(t),
            Detail::Failed { failure, attempts } => {
                format!("{} ({})", failure.words(t), after(*attempts))
            }
            Detail::Unknown { why, attempts } if *attempts == 0 => (t.unknown)(&why.words(t)),
            Detail::Unknown { why, attempts } => {
                format!("{} ({})", (t.unknown)(&why.words(t)), after(*attempts))
            }
            Detail::Untried(stop) => (t.untried)(&stop.words(t)),
            Detail::Earlier {
                status: Status::Sent,
                at,
                message_id,
                ..
            } => (t.already_sent)(at, message_id),
            Detail::Earlier {
                status: Status::Unknown,
                eml,
                at,
                message_id,
            } => (t.already_unknown)(eml.as_deref().unwrap_or(""), at, message_id),
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
    /// The `.eml` file left in the outbox (or in `unconfirmed/`), if any.
    pub(crate) eml: Option<PathBuf>,
    /// Its Message-ID, what the relay's log knows it by.
    pub(crate) message_id: String,
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
    /// Why the step stopped before its last message, if it did.
    pub(crate) stopped: Option<Stop>,
}

impl Delivery {
    /// How many messages ended with a status.
    pub(crate) fn count(&self, status: Status) -> usize {
        self.outcomes.iter().filter(|o| o.status == status).count()
    }

    /// Why the email step stopped early (the relay refused the sign-in or
    /// its certificate, stopped answering, or time ran out), in one line;
    /// the run's exit code says it.
    pub fn stopped(&self) -> Option<String> {
        let t = &Lang::En.texts().mail;
        self.stopped.as_ref().map(|stop| {
            (t.line_stopped)(
                &stop.words(t),
                &self.count(Status::Untried).to_string(),
                &self.outbox.display().to_string(),
            )
        })
    }

    /// The messages that need a person although the step went on: not
    /// delivered, or delivered or not, nobody knows (for `--strict`).
    pub fn undelivered(&self) -> Option<String> {
        let (failed, unknown) = (self.count(Status::Failed), self.count(Status::Unknown));
        (failed + unknown > 0).then(|| {
            format!(
                "{failed} message(s) could not be sent and {unknown} may or may not have been \
                 delivered (see the email lines above)"
            )
        })
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
                Status::Sent => match &o.detail {
                    Detail::Answer { attempts, .. } if *attempts > 1 => {
                        let n = (t.attempts)(&attempts.to_string(), false);
                        (
                            false,
                            format!("{} ({n})", (t.line_sent)(&what, &o.recipient)),
                        )
                    }
                    _ => (false, (t.line_sent)(&what, &o.recipient)),
                },
                Status::Outbox => (false, (t.line_outbox)(&what, &o.recipient, &file)),
                Status::Skipped => (false, (t.line_skipped)(&what, &o.recipient, &words)),
                Status::Failed => (true, (t.line_failed)(&what, &o.recipient, &words, &file)),
                Status::Unknown => {
                    let (id, log) = (&o.message_id, self.log.display().to_string());
                    let line = (t.line_unknown)(&what, &o.recipient, &words, id, &file, &log);
                    (true, line)
                }
                // Said once, below.
                Status::Untried => continue,
            });
        }
        if let Some(stopped) = self.stopped() {
            lines.push((true, stopped));
        }
        if self.unreadable_log_lines > 0 {
            let line = (t.unreadable_log_lines)(
                &self.unreadable_log_lines.to_string(),
                &self.log.display().to_string(),
            );
            lines.push((true, line));
        }
        if self.no_operators {
            lines.push((false, t.no_operators.to_string()));
        }
        lines.push((
            false,
            (t.line_totals)(
                &[
                    self.count(Status::Sent),
                    self.count(Status::Outbox),
                    self.count(Status::Failed),
                    self.count(Status::Unknown),
                    self.count(Status::Untried),
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

/// Settings made ready to send: addresses parsed, the secret read, the
/// relay set up. Made once per run, before anything is written.
#[derive(Debug)]
pub(crate) struct Ready {
    /// The settings it was made from.
    pub(crate) settings: EmailSettings,
    pub(crate) from: Mailbox,
    pub(crate) operators: Vec<Mailbox>,
    pub(crate) relay: Option<Arc<Relay>>,
}

impl EmailSettings {
    /// Makes the settings ready to send: reads the password or token (runs
    /// the `token_command`, so call it once per run) and the CA file, sets
    /// up the relay.
    pub(crate) fn prepare(&self) -> Result<Ready, EmailError> {
        self.validate()?;
        let from = settings::parse_mailbox(&self.from, "`from` =")?;
        let operators = self
            .operators
            .iter()
            .map(|op| settings::parse_mailbox(op, "operator"))
            .collect::<Result<Vec<_>, _>>()?;
        let relay = match &self.smtp {
            None => None,
            Some(smtp) => {
                let secret = token::read_secret(smtp)?;
                let ca = smtp.ca_certificates()?;
                Some(Arc::new(Relay::new(smtp, secret, &ca)?))
            }
        };
        Ok(Ready {
            settings: self.clone(),
            from,
            operators,
            relay,
        })
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
pub(crate) fn deliver(
    data: &ReportData<'_>,
    report: &Path,
    output: &Path,
    ready: &Ready,
) -> Result<Delivery, EmailError> {
    let started = Instant::now();
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
        stopped: None,
    };
    let s = &ready.settings;
    let mut sender = send::Sender {
        as_of: data.as_of.format("%Y-%m-%d").to_string(),
        line: ready.relay.as_ref().map(|r| Line::new(Arc::clone(r))),
        retries: s.retries,
        retry_delay: Duration::from_millis(s.retry_delay_ms),
        give_up_after: s.give_up_after,
        deadline: started + s.deadline_secs,
        deadline_setting: s.deadline_secs,
        outbox,
        log,
        entries,
        silent: 0,
        stopped: None,
    };
    sender.settle_interrupted()?;
    let result = send_all(data, report, ready, &mut sender, &mut delivery);
    if let Some(line) = sender.line.as_mut() {
        line.close();
    }
    delivery.stopped = sender.stopped.clone();
    result.map(|()| delivery)
}

/// Every partner's message, then the operators'.
fn send_all(
    data: &ReportData<'_>,
    report: &Path,
    ready: &Ready,
    sender: &mut send::Sender,
    delivery: &mut Delivery,
) -> Result<(), EmailError> {
    let index = PartnerIndex::new(data);
    let advice = advice::advise(data.evaluation, &data.inputs.rows, data.rules);
    let composer = compose::Composer::new(data, &advice);

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
            // The summary tells the operators what became of the partners'
            // messages, the step's stop included.
            delivery.stopped = sender.stopped.clone();
            let parts = composer.operator(&attachment, delivery);
            let message =
                compose::build_message(&ready.from, to, parts, &attachment, report_bytes.clone())?;
            let outcome =
                sender.send(message, &recipient, Audience::Operator, &attachment, &stem)?;
            delivery.outcomes.push(outcome);
        }
    }
    Ok(())
}

/// One partner's workbook as bytes.
fn partner_bytes<'d>(
    index: &PartnerIndex<'d>,
    data: &ReportData<'d>,
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
