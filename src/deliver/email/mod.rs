//! Sending the reports by email: each partner its own workbook, the
//! operators the full report with a summary. Every message is
//! multipart/alternative (plain text and HTML) with the workbook attached.
//!
//! The rooms: `settings` (the `[email]` table, plain data) -> `secret`
//! (a password or token, and scrubbing it from every text) -> `token`
//! (reads the secret: a variable or an OAuth token helper) -> `view`,
//! `composer`, `family`, `compose` (what a message says, in the report's
//! language; `plain` and `html` write its two parts) -> `connection` (the relay: TLS, one sign-in per
//! run, each attempt under deadlines; `relay` says how to reach it and what
//! a failed step means) -> `send` (the outbox, the retries,
//! when to stop) -> `log` (the delivery log). No room takes from one
//! that takes from it.
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
pub(crate) mod composer;
mod connection;
pub mod family;
mod html;
pub(crate) mod log;
mod operator;
mod outcome;
mod plain;
pub(crate) mod programme;
mod relay;
mod secret;
mod send;
pub(crate) mod settings;
mod token;
pub(crate) mod view;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use lettre::message::Mailbox;

use crate::model::PartnerId;
use crate::report::partner_workbook::{PartnerIndex, partner_stem};
use crate::report::{ReportData, ReportError, build_workbook, report_stem};

use connection::Line;
pub use family::Family;
pub(crate) use log::{log_path, outbox_path, read_log};
pub use outcome::Delivery;
pub(crate) use outcome::{Audience, Status, Unaddressed, Unreachable};
use relay::Relay;
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
pub(crate) fn deliver<F: Family>(
    data: &ReportData<'_, F>,
    report: &Path,
    output: &Path,
    ready: &Ready,
) -> Result<Delivery, EmailError> {
    deliver_with(data.as_of, output, ready, |sender, delivery| {
        send_all(data, report, ready, sender, delivery)
    })
}

/// Sets up the outbox, the delivery log and the relay's line for the
/// as-of date, lets `send_all` send, and closes the line.
pub(crate) fn deliver_with(
    as_of: chrono::NaiveDate,
    output: &Path,
    ready: &Ready,
    send_all: impl FnOnce(&mut send::Sender, &mut Delivery) -> Result<(), EmailError>,
) -> Result<Delivery, EmailError> {
    let started = Instant::now();
    let outbox = outbox_path(output);
    let log = log_path(output, as_of);
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
        as_of: as_of.format("%Y-%m-%d").to_string(),
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
    let result = send_all(&mut sender, &mut delivery);
    if let Some(line) = sender.line.as_mut() {
        line.close();
    }
    delivery.stopped = sender.stopped.clone();
    result.map(|()| delivery)
}

/// Every partner's message, then the operators'.
fn send_all<F: Family>(
    data: &ReportData<'_, F>,
    report: &Path,
    ready: &Ready,
    sender: &mut send::Sender,
    delivery: &mut Delivery,
) -> Result<(), EmailError> {
    let index = PartnerIndex::new(data);
    let composer = composer::Composer::new(data);

    for (i, p) in data.evaluation.partners.iter().enumerate() {
        let to = PartnerTo {
            partner: &p.partner,
            name: p.name.as_deref(),
            contact: p.contact_email.as_deref(),
            as_of: data.as_of,
        };
        send_partner(
            ready,
            sender,
            delivery,
            &to,
            || partner_bytes(&index, data, &p.partner),
            |attachment| composer.partner(i, attachment),
        )?;
    }

    send_operators(
        report,
        data.as_of,
        ready,
        sender,
        delivery,
        |attachment, delivery| composer.operator(attachment, delivery),
    )
}

/// A partner to be sent its report.
pub(crate) struct PartnerTo<'a> {
    pub(crate) partner: &'a PartnerId,
    pub(crate) name: Option<&'a str>,
    /// Its Contact Email cell.
    pub(crate) contact: Option<&'a str>,
    pub(crate) as_of: chrono::NaiveDate,
}

/// Sends a partner its message at each of its addresses not served yet,
/// its workbook made once and only when a message is due; notes the
/// addresses it cannot be sent to.
pub(crate) fn send_partner(
    ready: &Ready,
    sender: &mut send::Sender,
    delivery: &mut Delivery,
    to: &PartnerTo,
    workbook: impl FnOnce() -> Result<Vec<u8>, EmailError>,
    parts: impl Fn(&str) -> view::Parts,
) -> Result<(), EmailError> {
    let (addresses, unreachable) = compose::addresses(to.contact);
    for reason in unreachable {
        delivery.unaddressed.push(Unaddressed {
            partner: to.partner.clone(),
            name: to.name.map(str::to_string),
            reason,
        });
    }
    let stem = partner_stem(to.as_of, to.partner);
    let attachment = format!("{stem}.xlsx");
    // Built lazily: a partner whose every address was already served
    // costs no workbook.
    let mut workbook = Some(workbook);
    let mut bytes: Option<Vec<u8>> = None;
    for address in addresses {
        let audience = Audience::Partner(to.partner.clone());
        let recipient = address.email.to_string();
        if let Some(skip) = sender.already_done(&recipient, &audience) {
            delivery.outcomes.push(skip);
            continue;
        }
        if let Some(make) = workbook.take() {
            bytes = Some(make()?);
        }
        let body = bytes.clone().unwrap_or_default();
        let message =
            compose::build_message(&ready.from, &address, parts(&attachment), &attachment, body)?;
        let outcome = sender.send(message, &recipient, audience, &attachment, &stem)?;
        delivery.outcomes.push(outcome);
    }
    Ok(())
}

/// The operators' summary with the full report at `report` attached, to
/// every operator; `compose` writes it once the partners' messages are
/// done (it tells what became of them).
pub(crate) fn send_operators(
    report: &Path,
    as_of: chrono::NaiveDate,
    ready: &Ready,
    sender: &mut send::Sender,
    delivery: &mut Delivery,
    compose: impl Fn(&str, &Delivery) -> view::Parts,
) -> Result<(), EmailError> {
    if ready.operators.is_empty() {
        return Ok(());
    }
    let attachment = report
        .file_name()
        .map_or_else(|| "report.xlsx".into(), |n| n.to_string_lossy().to_string());
    let report_bytes = std::fs::read(report).map_err(|source| EmailError::Io {
        path: report.display().to_string(),
        source,
    })?;
    let stem = format!("{}-summary", report_stem(as_of));
    for to in &ready.operators {
        let recipient = to.email.to_string();
        if let Some(skip) = sender.already_done(&recipient, &Audience::Operator) {
            delivery.outcomes.push(skip);
            continue;
        }
        // The summary tells the operators what became of the partners'
        // messages, the step's stop included.
        delivery.stopped = sender.stopped.clone();
        let parts = compose(&attachment, delivery);
        let message =
            compose::build_message(&ready.from, to, parts, &attachment, report_bytes.clone())?;
        let outcome = sender.send(message, &recipient, Audience::Operator, &attachment, &stem)?;
        delivery.outcomes.push(outcome);
    }
    Ok(())
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
