//! Sending: the SMTP transport (TLS trust, sign-in), the outbox copy of
//! every message, the attempts with their retries, and what a failure means.
//!
//! Trust: the Web PKI roots (Mozilla's list, built in), the operating
//! system's certificate store, and the certificates of `ca_file`. There is
//! no way to switch certificate checks off: a certificate that does not
//! verify fails the message, and with `starttls` or `tls` nothing is ever
//! sent over a connection that is not encrypted.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, CertificateStore, Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport as _};
use rustls::pki_types::CertificateDer;

use super::log::{LogEntry, append_log};
use super::settings::{AuthMethod, Secret, Security, SettingsError, SmtpSettings};
use super::{Audience, Detail, EmailError, Failure, Outcome, Status};
use crate::safe_write::{self, NewName};

/// What replaces a secret found in a server's answer or an error.
const REDACTED: &str = "[redacted]";

/// The SMTP transport and what is needed to talk about its failures.
#[derive(Debug)]
pub(crate) struct Transport {
    smtp: SmtpTransport,
    host: String,
    /// Kept to scrub from every answer and error before it is shown.
    secret: Option<Secret>,
}

/// Builds the transport for `smtp`: its TLS trust and its sign-in.
pub(crate) fn transport(
    smtp: &SmtpSettings,
    secret: Option<Secret>,
    ca_file: &[CertificateDer<'static>],
) -> Result<Transport, SettingsError> {
    let tls_error = |source| SettingsError::Tls {
        host: smtp.host.clone(),
        source,
    };
    let mut builder = SmtpTransport::builder_dangerous(&smtp.host)
        .port(smtp.port())
        .timeout(Some(Duration::from_secs(smtp.timeout_secs.max(1))));
    if smtp.security != Security::None {
        let mut tls = TlsParameters::builder(smtp.host.clone())
            .certificate_store(CertificateStore::WebpkiRoots);
        for der in system_roots().iter().chain(ca_file) {
            tls = tls.add_root_certificate(Certificate::from_der(der.to_vec()).map_err(tls_error)?);
        }
        let params = tls.build_rustls().map_err(tls_error)?;
        builder = builder.tls(match smtp.security {
            Security::Tls => Tls::Wrapper(params),
            _ => Tls::Required(params),
        });
    }
    if let (Some(user), Some(secret)) = (&smtp.user, &secret) {
        builder = builder.credentials(Credentials::new(user.clone(), secret.expose().to_string()));
        if let Some(method) = smtp.auth {
            builder = builder.authentication(vec![match method {
                AuthMethod::Plain => Mechanism::Plain,
                AuthMethod::Login => Mechanism::Login,
                AuthMethod::Xoauth2 => Mechanism::Xoauth2,
            }]);
        }
    }
    Ok(Transport {
        smtp: builder.build(),
        host: smtp.host.clone(),
        secret,
    })
}

/// The operating system's trusted certificates (Windows' and macOS's
/// stores, the distribution's bundle on Linux), those rustls can use: a
/// store may hold certificates a verifier rejects, and one such must not
/// cost every other.
fn system_roots() -> Vec<CertificateDer<'static>> {
    rustls_native_certs::load_native_certs()
        .certs
        .into_iter()
        .filter(|cert| rustls::RootCertStore::empty().add(cert.clone()).is_ok())
        .collect()
}

impl Transport {
    /// Replaces the secret, wherever it shows up, with a marker.
    fn scrub(&self, text: String) -> String {
        match &self.secret {
            Some(secret) if secret.expose().len() >= 4 && text.contains(secret.expose()) => {
                text.replace(secret.expose(), REDACTED)
            }
            _ => text,
        }
    }

    /// What a failed attempt means, and whether trying again may help.
    fn judge(&self, e: &lettre::transport::smtp::Error) -> (Failure, bool) {
        let host = self.host.clone();
        if let Some(tls) = find_rustls_error(e) {
            let why = self.scrub(tls.to_string());
            let failure = match tls {
                rustls::Error::InvalidCertificate(_) => Failure::Certificate { host, why },
                _ => Failure::Other(self.scrub(error_chain(e))),
            };
            return (failure, false);
        }
        let why = self.scrub(error_chain(e));
        if e.is_client() && why.contains("STARTTLS") {
            return (Failure::NoStarttls { host }, false);
        }
        // 530 (authentication required), 534 and 535: the sign-in failed.
        if let Some(code) = e.status()
            && matches!(code.to_string().as_str(), "530" | "534" | "535")
        {
            return (Failure::SignIn { host, answer: why }, false);
        }
        // Only what may pass is retried: a refused or lost connection, a
        // timeout, a 4xx answer. A 5xx answer, a TLS failure or a server
        // lacking what the settings require will not change in a few seconds.
        let final_answer = e.is_permanent() || e.is_client() || e.is_tls() || e.is_response();
        (Failure::Other(why), !final_answer)
    }
}

/// The rustls error behind a lettre error, if TLS is what failed: lettre
/// wraps it in an I/O error when the handshake fails on the first read.
fn find_rustls_error<'e>(e: &'e (dyn std::error::Error + 'static)) -> Option<&'e rustls::Error> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if let Some(tls) = c.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        if let Some(io) = c.downcast_ref::<std::io::Error>()
            && let Some(inner) = io.get_ref()
            && let Some(tls) = inner.downcast_ref::<rustls::Error>()
        {
            return Some(tls);
        }
        cause = c.source();
    }
    None
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

/// Sends messages one by one, keeping the outbox and the log.
pub(crate) struct Sender<'a> {
    pub(crate) as_of: String,
    pub(crate) transport: Option<&'a Transport>,
    pub(crate) retries: u32,
    pub(crate) retry_delay: Duration,
    pub(crate) outbox: PathBuf,
    pub(crate) log: PathBuf,
    pub(crate) entries: Vec<LogEntry>,
}

impl Sender<'_> {
    /// The skip outcome when the log shows this message already went to
    /// this recipient for this date.
    pub(crate) fn already_done(&self, recipient: &str, audience: &Audience) -> Option<Outcome> {
        let key = audience.key();
        let done = self.entries.iter().rev().find(|e| {
            e.as_of == self.as_of
                && e.message == key
                && e.recipient.eq_ignore_ascii_case(recipient)
                && (e.status == Status::Sent.as_str() || e.status == Status::Outbox.as_str())
        })?;
        // An outbox copy counts as delivered: the operator may well have
        // sent it from a mail client already, and sending it again would
        // mail the partner twice.
        Some(Outcome {
            recipient: recipient.to_string(),
            audience: audience.clone(),
            status: Status::Skipped,
            detail: Detail::Earlier {
                sent: done.status == Status::Sent.as_str(),
                eml: done.eml.clone(),
                at: done.at.clone(),
                message_id: done.message_id.clone(),
            },
            eml: None,
        })
    }

    /// Writes the message to the outbox, sends it if SMTP is configured
    /// (with retries), logs the outcome.
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
        // `X-Unsent: 1` makes Outlook open the file as a draft with a Send
        // button instead of as a received message; it is only on the
        // outbox copy, never sent.
        let mut formatted = b"X-Unsent: 1\r\n".to_vec();
        formatted.extend_from_slice(&message.formatted());
        // The outbox copy comes first: whatever happens next, the message
        // is not lost.
        let eml = safe_write::save_new(&self.outbox, &NewName::new(stem, "eml"), |f| {
            f.write_all(&formatted)
        })
        .map_err(|source| EmailError::Io {
            path: self.outbox.display().to_string(),
            source,
        })?;
        let (status, detail) = match self.transport {
            None => (Status::Outbox, Detail::Outbox),
            Some(transport) => match self.attempts(transport, &message) {
                Ok(answer) => (Status::Sent, Detail::Answer(answer)),
                Err((failure, attempts)) => (Status::Failed, Detail::Failed { failure, attempts }),
            },
        };
        let eml = if status == Status::Sent {
            // Sent: the outbox copy, and copies of earlier failed tries of
            // this very message, are no longer waiting for anyone.
            let _ = std::fs::remove_file(&eml);
            self.remove_failed_copies(recipient, &audience);
            None
        } else {
            Some(eml)
        };
        let entry = LogEntry {
            as_of: self.as_of.clone(),
            recipient: recipient.to_string(),
            message: audience.key(),
            attachment: attachment.to_string(),
            message_id,
            status: status.as_str().to_string(),
            detail: detail.words(&crate::text::en::EN.mail),
            at: chrono::Local::now().to_rfc3339(),
            eml: eml
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().to_string()),
        };
        append_log(&self.log, &entry)?;
        self.entries.push(entry);
        Ok(Outcome {
            recipient: recipient.to_string(),
            audience,
            status,
            detail,
            eml,
        })
    }

    /// Tries to send: once, then up to `retries` more times with a doubling
    /// wait, but only while the failure may pass. Returns the server's
    /// answer, or the last failure and the number of attempts made.
    fn attempts(&self, transport: &Transport, message: &Message) -> Result<String, (Failure, u32)> {
        let total = self.retries.saturating_add(1);
        let mut delay = self.retry_delay;
        let mut attempt = 1;
        loop {
            match transport.smtp.send(message) {
                Ok(resp) => {
                    let words: Vec<&str> = resp.message().collect();
                    return Ok(transport.scrub(format!("{} {}", resp.code(), words.join(" "))));
                }
                Err(e) => {
                    let (failure, may_pass) = transport.judge(&e);
                    if !may_pass || attempt >= total {
                        return Err((failure, attempt));
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
                && e.status == Status::Failed.as_str()
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
