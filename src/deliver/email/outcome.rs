//! What became of the messages: each one's status and particulars in
//! words (both languages), why the email step stopped, and the lines the
//! terminal shows.

use std::path::PathBuf;
use std::time::Duration;

use crate::model::PartnerId;
use crate::text::Lang;
use crate::text::mail::MailTexts;

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
    pub(crate) fn key(&self) -> String {
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
    pub(crate) fn failed(failure: Failure, attempts: u32) -> Detail {
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

/// Where an attempt is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Connecting, the greeting and EHLO (and TLS, for `tls`).
    Connect,
    /// STARTTLS and the EHLO after it.
    Starttls,
    /// AUTH.
    SignIn,
    /// NOOP on a connection kept from the last message.
    Noop,
    /// MAIL FROM.
    Mail,
    /// RCPT TO.
    Rcpt,
    /// DATA.
    Data,
    /// Writing the message, before its final dot.
    Message,
    /// The final dot is out: waiting for the relay's answer to it.
    Answer,
    /// RSET after a refusal, so the connection serves the next message.
    Rset,
}

impl Step {
    /// The step in the protocol's words, for messages.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Step::Connect => "connect (greeting, EHLO)",
            Step::Starttls => "STARTTLS",
            Step::SignIn => "AUTH (sign-in)",
            Step::Noop => "NOOP",
            Step::Mail => "MAIL FROM",
            Step::Rcpt => "RCPT TO",
            Step::Data => "DATA",
            Step::Message => "the message (before its final dot)",
            Step::Answer => "the final dot",
            Step::Rset => "RSET",
        }
    }
}
