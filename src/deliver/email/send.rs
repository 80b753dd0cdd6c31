//! Sending, message by message: the outbox copy, the delivery log's lines
//! around each attempt, the retries, and when to stop.
//!
//! A message's lines in the log tell, at every moment, which side of the
//! final dot it is on, so that neither a failure nor a killed run can mail
//! anyone twice:
//!
//! 1. `queued`: its copy is going into the outbox (logged before the copy
//!    is written, so no copy is ever unaccounted for);
//! 2. `handed-over`: every byte is written and the final dot goes out next
//!    (logged right before it);
//! 3. how it ended: `sent`, `failed` (it stays in the outbox and the next
//!    run tries again), `unknown` (handed over without an answer: it may
//!    have been delivered, so it is moved to `outbox/unconfirmed/` and
//!    never sent again by the tool), `untried` (the step stopped before
//!    it), or `outbox` (no relay configured).
//!
//! A run that finds a message's last line `queued` or `handed-over` knows
//! the run before was stopped there, and settles it as `failed` or
//! `unknown` before anything else.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use lettre::Message;

use super::EmailError;
use super::connection::{Attempt, HandOver, Line};
use super::log::{LogEntry, append_log};
use super::outcome::{Audience, Detail, Failure, Outcome, Status, Stop};
use super::relay::Next;
use crate::safe_write::{NewName, Staged};

/// The folder in the outbox for the messages whose delivery is unknown.
pub(crate) const UNCONFIRMED: &str = "unconfirmed";

/// Sends messages one by one, keeping the outbox and the log.
pub(crate) struct Sender {
    pub(crate) as_of: String,
    /// The relay; `None` writes every message to the outbox only.
    pub(crate) line: Option<Line>,
    pub(crate) retries: u32,
    pub(crate) retry_delay: Duration,
    /// Attempts in a row the relay may leave unanswered.
    pub(crate) give_up_after: u32,
    /// When the email step must end.
    pub(crate) deadline: Instant,
    /// The setting behind `deadline`, for messages.
    pub(crate) deadline_setting: Duration,
    pub(crate) outbox: PathBuf,
    pub(crate) log: PathBuf,
    pub(crate) entries: Vec<LogEntry>,
    /// Attempts the relay has left unanswered since its last answer.
    pub(crate) silent: u32,
    /// Why the step stopped, once it has: the messages after it are not tried.
    pub(crate) stopped: Option<Stop>,
}

impl Sender {
    /// The latest line logged for this message to this recipient.
    fn latest(&self, recipient: &str, key: &str) -> Option<&LogEntry> {
        self.entries.iter().rev().find(|e| {
            e.as_of == self.as_of && e.message == key && e.recipient.eq_ignore_ascii_case(recipient)
        })
    }

    /// The skip outcome when the log shows this message already went to
    /// this recipient for this date (or may have, or is in the outbox for
    /// a mail client).
    pub(crate) fn already_done(&self, recipient: &str, audience: &Audience) -> Option<Outcome> {
        let done = self.latest(recipient, &audience.key())?;
        // An outbox copy counts as delivered: the operator may well have
        // sent it from a mail client already, and sending it again would
        // mail the partner twice. So does a message the relay may have.
        let status = [Status::Sent, Status::Outbox, Status::Unknown]
            .into_iter()
            .find(|s| s.as_str() == done.status)?;
        Some(Outcome {
            recipient: recipient.to_string(),
            audience: audience.clone(),
            status: Status::Skipped,
            detail: Detail::Earlier {
                status,
                eml: done.eml.clone(),
                at: done.at.clone(),
                message_id: done.message_id.clone(),
            },
            eml: None,
            message_id: done.message_id.clone(),
        })
    }

    /// Settles the messages the last run left half-way (its last line for
    /// them `queued` or `handed-over`): it was stopped there.
    pub(crate) fn settle_interrupted(&mut self) -> Result<(), EmailError> {
        let mut open: Vec<LogEntry> = Vec::new();
        for e in &self.entries {
            open.retain(|o| !same_message(o, e));
            if e.status == QUEUED || e.status == HANDED_OVER {
                open.push(e.clone());
            }
        }
        for last in open {
            let copy = last.eml.as_deref().map(|name| self.outbox.join(name));
            let copy = copy.filter(|p| p.is_file());
            let (status, detail, eml) = if last.status == HANDED_OVER {
                let eml = match &copy {
                    Some(path) => Some(self.unconfirm(path)?),
                    None => None,
                };
                let why = Failure::Interrupted { handed_over: true };
                (Status::Unknown, Detail::Unknown { why, attempts: 0 }, eml)
            } else {
                let failure = Failure::Interrupted { handed_over: false };
                let eml = copy.and(last.eml.clone());
                (Status::Failed, Detail::failed(failure, 0), eml)
            };
            self.log_line(&last, status.as_str(), &detail, eml, None)?;
        }
        Ok(())
    }

    /// Writes the message to the outbox, sends it if a relay is set (with
    /// retries), logs the outcome.
    pub(crate) fn send(
        &mut self,
        message: Message,
        recipient: &str,
        audience: Audience,
        attachment: &str,
        stem: &str,
    ) -> Result<Outcome, EmailError> {
        let message_id = message
            .headers()
            .get_raw("Message-ID")
            .unwrap_or_default()
            .to_string();
        let body = Arc::new(message.formatted());
        let name = self.free_name(stem);
        let queued = LogEntry {
            as_of: self.as_of.clone(),
            recipient: recipient.to_string(),
            message: audience.key(),
            attachment: attachment.to_string(),
            message_id,
            status: QUEUED.into(),
            detail: String::new(),
            at: now(),
            eml: Some(name.clone()),
            attempts: None,
        };
        self.append(queued.clone())?;
        let eml = self.write_copy(&name, &body)?;
        self.remove_superseded(&queued);

        let (status, detail) = match (self.stopped.clone(), self.line.is_some()) {
            (_, false) => (Status::Outbox, Detail::Outbox),
            (Some(stop), true) => (Status::Untried, Detail::Untried(stop)),
            (None, true) => self.attempts(message.envelope(), &body, &queued)?,
        };
        let eml = match status {
            Status::Sent => {
                let _ = std::fs::remove_file(&eml);
                None
            }
            Status::Unknown => Some(self.unconfirm(&eml)?),
            _ => Some(name),
        };
        let attempts = match &detail {
            Detail::Answer { attempts, .. } | Detail::Failed { attempts, .. } => Some(*attempts),
            Detail::Unknown { attempts, .. } => Some(*attempts),
            _ => None,
        };
        let shown = eml.as_ref().map(|name| self.outbox.join(name));
        self.log_line(&queued, status.as_str(), &detail, eml, attempts)?;
        Ok(Outcome {
            recipient: recipient.to_string(),
            audience,
            status,
            detail,
            eml: shown,
            message_id: queued.message_id.clone(),
        })
    }

    /// Tries to send: once, then up to `retries` more times with a doubling
    /// wait, while the failure may pass, the relay answers and there is
    /// time left.
    fn attempts(
        &mut self,
        envelope: &lettre::address::Envelope,
        body: &Arc<Vec<u8>>,
        queued: &LogEntry,
    ) -> Result<(Status, Detail), EmailError> {
        let total = self.retries.saturating_add(1);
        let mut delay = self.retry_delay;
        let mut attempt = 1;
        if Instant::now() >= self.deadline {
            let stop = Stop::Deadline(self.deadline_setting);
            self.stopped = Some(stop.clone());
            return Ok((Status::Untried, Detail::Untried(stop)));
        }
        loop {
            let hand_over = self.hand_over(queued);
            let Some(line) = self.line.as_mut() else {
                return Ok((Status::Outbox, Detail::Outbox));
            };
            let (failure, next) = match line.attempt(envelope, body, self.deadline, hand_over) {
                Attempt::Accepted(answer) => {
                    self.silent = 0;
                    let detail = Detail::Answer {
                        answer,
                        attempts: attempt,
                    };
                    return Ok((Status::Sent, detail));
                }
                Attempt::Unknown(why) => {
                    // The relay took everything and then said nothing: as
                    // unanswered an attempt as any.
                    self.silent += 1;
                    self.give_up_if_silent(&why);
                    let detail = Detail::Unknown {
                        why,
                        attempts: attempt,
                    };
                    return Ok((Status::Unknown, detail));
                }
                Attempt::LogFailed(source) => {
                    return Err(EmailError::Io {
                        path: self.log.display().to_string(),
                        source,
                    });
                }
                Attempt::NotDelivered(nd) => (nd.failure, nd.next),
            };
            let failed = |failure| Ok((Status::Failed, Detail::failed(failure, attempt)));
            match next {
                Next::Stop => {
                    self.stopped = Some(if failure == Failure::Deadline {
                        Stop::Deadline(self.deadline_setting)
                    } else {
                        Stop::Relay(failure.clone())
                    });
                    return failed(failure);
                }
                Next::Final => {
                    self.silent = 0;
                    return failed(failure);
                }
                Next::Retry { silent } => {
                    self.silent = if silent { self.silent + 1 } else { 0 };
                    if self.give_up_if_silent(&failure) || attempt >= total {
                        return failed(failure);
                    }
                }
            }
            if Instant::now() + delay >= self.deadline {
                self.stopped = Some(Stop::Deadline(self.deadline_setting));
                return failed(failure);
            }
            std::thread::sleep(delay);
            delay = delay.saturating_mul(2);
            attempt += 1;
        }
    }

    /// Stops the step once the relay has left `give_up_after` attempts in a
    /// row unanswered; says whether it did.
    fn give_up_if_silent(&mut self, last: &Failure) -> bool {
        if self.stopped.is_none() && self.silent >= self.give_up_after {
            self.stopped = Some(Stop::Silent {
                last: last.clone(),
                attempts: self.silent,
            });
        }
        self.stopped.is_some()
    }

    /// The line logged right before the final dot goes out.
    fn hand_over(&self, queued: &LogEntry) -> HandOver {
        let entry = LogEntry {
            status: HANDED_OVER.into(),
            at: String::new(),
            ..queued.clone()
        };
        let log = self.log.clone();
        Box::new(move || {
            let entry = LogEntry { at: now(), ..entry };
            append_log(&log, &entry).map_err(|e| match e {
                EmailError::Io { source, .. } => source,
                other => io::Error::other(other.to_string()),
            })
        })
    }

    /// Appends one line after `queued` for the same message.
    fn log_line(
        &mut self,
        queued: &LogEntry,
        status: &str,
        detail: &Detail,
        eml: Option<String>,
        attempts: Option<u32>,
    ) -> Result<(), EmailError> {
        let entry = LogEntry {
            status: status.to_string(),
            detail: detail.words(&crate::text::en::EN.mail),
            at: now(),
            eml,
            attempts,
            ..queued.clone()
        };
        self.append(entry)
    }

    fn append(&mut self, entry: LogEntry) -> Result<(), EmailError> {
        append_log(&self.log, &entry)?;
        self.entries.push(entry);
        Ok(())
    }

    /// A name in the outbox that no file has and no line of the log ever
    /// named: a name is never reused for another message.
    fn free_name(&self, stem: &str) -> String {
        let name = NewName::new(stem, "eml");
        (1..)
            .map(|n| name.nth(n))
            .find(|candidate| {
                !self.outbox.join(candidate).exists()
                    && !self.entries.iter().any(|e| {
                        e.eml
                            .as_deref()
                            .and_then(|x| Path::new(x).file_name())
                            .is_some_and(|x| x.to_string_lossy() == candidate.as_str())
                    })
            })
            .unwrap_or_else(|| name.nth(1))
    }

    /// Writes the outbox copy under `name`. `X-Unsent: 1` makes Outlook open
    /// it as a draft with a Send button; it is only on the copy, never sent.
    fn write_copy(&self, name: &str, body: &[u8]) -> Result<PathBuf, EmailError> {
        let io_err = |source| EmailError::Io {
            path: self.outbox.display().to_string(),
            source,
        };
        let path = self.outbox.join(name);
        let mut staged = Staged::new(&self.outbox, name).map_err(io_err)?;
        staged.write_all(b"X-Unsent: 1\r\n").map_err(io_err)?;
        staged.write_all(body).map_err(io_err)?;
        if !staged.place_if_absent(&path).map_err(io_err)? {
            return Err(io_err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{name} appeared in the outbox while it was written"),
            )));
        }
        Ok(path)
    }

    /// Removes the outbox copies earlier runs left of this message to this
    /// recipient: the new copy replaces them, so the outbox holds one copy
    /// of each unsent message. Only plain names inside the outbox are
    /// touched, whatever the log says; a copy whose delivery is unknown
    /// is in `unconfirmed/` and stays.
    fn remove_superseded(&self, current: &LogEntry) {
        for e in &self.entries {
            if same_message(e, current)
                && e.eml != current.eml
                && e.status != Status::Unknown.as_str()
                && let Some(name) = &e.eml
                && Path::new(name).parent() == Some(Path::new(""))
            {
                let _ = std::fs::remove_file(self.outbox.join(name));
            }
        }
    }

    /// Moves a copy to `outbox/unconfirmed/`; returns its name there,
    /// relative to the outbox.
    fn unconfirm(&self, copy: &Path) -> Result<String, EmailError> {
        let dir = self.outbox.join(UNCONFIRMED);
        let io_err = |source| EmailError::Io {
            path: dir.display().to_string(),
            source,
        };
        std::fs::create_dir_all(&dir).map_err(io_err)?;
        let file = copy.file_name().map(|n| n.to_string_lossy().to_string());
        let name = NewName::new(
            Path::new(file.as_deref().unwrap_or("message.eml"))
                .file_stem()
                .map_or_else(|| "message".into(), |s| s.to_string_lossy().to_string())
                .as_str(),
            "eml",
        );
        let target = (1..)
            .map(|n| dir.join(name.nth(n)))
            .find(|p| !p.exists())
            .unwrap_or_else(|| dir.join(name.nth(1)));
        std::fs::rename(copy, &target).map_err(io_err)?;
        crate::safe_write::sync_dir(&dir);
        let shown = target
            .file_name()
            .map(|n| format!("{UNCONFIRMED}/{}", n.to_string_lossy()))
            .unwrap_or_default();
        Ok(shown)
    }
}

/// The log's word for a message whose copy is going into the outbox.
const QUEUED: &str = "queued";
/// The log's word for a message whose final dot goes out next.
const HANDED_OVER: &str = "handed-over";

/// Whether two lines are about the same message to the same recipient.
fn same_message(a: &LogEntry, b: &LogEntry) -> bool {
    a.as_of == b.as_of && a.message == b.message && a.recipient.eq_ignore_ascii_case(&b.recipient)
}

fn now() -> String {
    chrono::Local::now().to_rfc3339()
}
