//! The relay: how it is reached (host, TLS trust, sign-in), the steps of a
//! conversation with it, and what a failed step means: why, in words with
//! the secret scrubbed, and what to do next (retry, give the message up,
//! stop the email step).

use std::io;
use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{
    Certificate, CertificateStore, SmtpConnection, TlsParameters,
};
use lettre::transport::smtp::extension::ClientId;
use rustls::pki_types::CertificateDer;

use super::outcome::{Failure, Step};
use super::secret::{Scrubber, Secret};
use super::settings::{AuthMethod, Security, SettingsError, SmtpSettings};

/// How the relay is reached: built once per run from the settings and the
/// secret, before anything is written.
pub(crate) struct Relay {
    /// The relay's host name.
    pub(crate) host: String,
    port: u16,
    security: Security,
    tls: Option<TlsParameters>,
    credentials: Option<Credentials>,
    mechanisms: Vec<Mechanism>,
    hello: ClientId,
    /// Removes the secret from every answer and error before it is shown.
    pub(crate) scrubber: Scrubber,
    /// The deadline of each step before the final dot.
    pub(crate) timeout: Duration,
    /// The deadline of the answer after the final dot.
    pub(crate) data_timeout: Duration,
}

// By hand: lettre's `Credentials` shows the password in its `Debug`.
impl std::fmt::Debug for Relay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Relay")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("signs_in", &self.credentials.is_some())
            .finish_non_exhaustive()
    }
}

impl Relay {
    /// The relay `smtp` names, trusting the Web PKI, the system's store and
    /// `ca_file`, signing in with `secret` if there is one.
    pub(crate) fn new(
        smtp: &SmtpSettings,
        secret: Option<Secret>,
        ca_file: &[CertificateDer<'static>],
    ) -> Result<Relay, SettingsError> {
        let tls_error = |source| SettingsError::Tls {
            host: smtp.host.clone(),
            source,
        };
        let tls = if smtp.security == Security::None {
            None
        } else {
            let mut tls = TlsParameters::builder(smtp.host.clone())
                .certificate_store(CertificateStore::WebpkiRoots);
            for der in system_roots().iter().chain(ca_file) {
                let cert = Certificate::from_der(der.to_vec()).map_err(tls_error)?;
                tls = tls.add_root_certificate(cert);
            }
            Some(tls.build_rustls().map_err(tls_error)?)
        };
        let (credentials, scrubber) = match (&smtp.user, &secret) {
            (Some(user), Some(secret)) => (
                Some(Credentials::new(user.clone(), secret.expose().to_string())),
                Scrubber::new(user, secret),
            ),
            _ => (None, Scrubber::default()),
        };
        let mechanisms = match smtp.auth {
            Some(AuthMethod::Plain) => vec![Mechanism::Plain],
            Some(AuthMethod::Login) => vec![Mechanism::Login],
            Some(AuthMethod::Xoauth2) => vec![Mechanism::Xoauth2],
            None => vec![Mechanism::Plain, Mechanism::Login],
        };
        Ok(Relay {
            host: smtp.host.clone(),
            port: smtp.port(),
            security: smtp.security,
            tls,
            credentials,
            mechanisms,
            hello: ClientId::default(),
            scrubber,
            timeout: smtp.timeout_secs,
            data_timeout: smtp.data_timeout_secs,
        })
    }

    /// Connects, is greeted, says EHLO (and, for `tls`, starts TLS first).
    pub(crate) fn connect(&self) -> Result<SmtpConnection, NotDelivered> {
        let wrapper = match self.security {
            Security::Tls => self.tls.as_ref(),
            _ => None,
        };
        SmtpConnection::connect(
            (self.host.as_str(), self.port),
            Some(self.timeout),
            &self.hello,
            wrapper,
            None,
        )
        .map_err(|e| self.judge(&e, Step::Connect))
    }

    /// Whether the connection is to be upgraded with STARTTLS.
    pub(crate) fn starts_tls(&self) -> bool {
        self.security == Security::Starttls && self.tls.is_some()
    }

    /// STARTTLS, required: a relay that does not offer it gets nothing.
    pub(crate) fn starttls(&self, conn: &mut SmtpConnection) -> Result<(), NotDelivered> {
        match &self.tls {
            Some(tls) => conn
                .starttls(tls, &self.hello)
                .map_err(|e| self.judge(&e, Step::Starttls)),
            None => Ok(()),
        }
    }

    /// Whether the relay wants a sign-in.
    pub(crate) fn signs_in(&self) -> bool {
        self.credentials.is_some()
    }

    /// Signs in.
    pub(crate) fn sign_in(&self, conn: &mut SmtpConnection) -> Result<(), NotDelivered> {
        match &self.credentials {
            Some(credentials) => conn
                .auth(&self.mechanisms, credentials)
                .map(|_| ())
                .map_err(|e| self.judge(&e, Step::SignIn)),
            None => Ok(()),
        }
    }

    /// What a failed step means: why, and what to do next.
    pub(crate) fn judge(&self, e: &lettre::transport::smtp::Error, step: Step) -> NotDelivered {
        let host = self.host.clone();
        let why = self.scrubber.scrub(&error_chain(e));
        if let Some(tls) = find_rustls_error(e) {
            let failure = match tls {
                rustls::Error::InvalidCertificate(_) => Failure::Certificate {
                    host,
                    why: self.scrubber.scrub(&tls.to_string()),
                },
                _ => Failure::Other(why),
            };
            return NotDelivered::new(failure, Next::Stop);
        }
        if e.is_tls() {
            return NotDelivered::new(Failure::Other(why), Next::Stop);
        }
        if step == Step::Starttls && e.is_client() {
            return NotDelivered::new(Failure::NoStarttls { host }, Next::Stop);
        }
        if let Some(code) = e.status() {
            let code = code.to_string();
            // 530 (sign-in required), 534 and 535: the sign-in failed, and
            // trying again would only lock the account.
            if matches!(code.as_str(), "530" | "534" | "535") {
                return NotDelivered::new(Failure::SignIn { host, answer: why }, Next::Stop);
            }
            let next = if e.is_transient() {
                Next::Retry { silent: false }
            } else if matches!(step, Step::Connect | Step::Starttls | Step::SignIn) {
                // The relay refuses this client, not this message.
                Next::Stop
            } else {
                Next::Final
            };
            return NotDelivered::new(Failure::Other(why), next);
        }
        if e.is_client() {
            // lettre's own refusal: no sign-in method in common, an
            // address or body the relay cannot take.
            let next = if step == Step::SignIn {
                Next::Stop
            } else {
                Next::Final
            };
            return NotDelivered::new(Failure::Other(why), next);
        }
        // The network: refused, cut, silent, or an answer that is no answer.
        let failure = if is_timeout(e) {
            Failure::TimedOut {
                host,
                step,
                limit: self.timeout,
                setting: "timeout_secs",
            }
        } else {
            Failure::Lost { host, step, why }
        };
        NotDelivered::new(failure, Next::Retry { silent: true })
    }
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

/// Whether lettre's error is a timeout: `TimedOut`, or `WouldBlock` as a
/// socket's read timeout shows on Unix ("Resource temporarily unavailable").
fn is_timeout(e: &lettre::transport::smtp::Error) -> bool {
    io_kind(e).is_some_and(|k| matches!(k, io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock))
}

/// The kind of the I/O error behind lettre's error, if there is one.
pub(crate) fn io_kind(e: &lettre::transport::smtp::Error) -> Option<io::ErrorKind> {
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<io::Error>() {
            return Some(io.kind());
        }
        cause = c.source();
    }
    None
}

/// The rustls error behind a lettre error, if TLS is what failed: lettre
/// wraps it in an I/O error when the handshake fails on the first read.
fn find_rustls_error<'e>(e: &'e (dyn std::error::Error + 'static)) -> Option<&'e rustls::Error> {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if let Some(tls) = c.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        if let Some(io) = c.downcast_ref::<io::Error>()
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

/// What to do after a message was not delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// Try this message again: the failure may pass. `silent` when the
    /// relay gave no answer at all (refused, cut off, timed out), which
    /// counts toward giving the relay up.
    Retry { silent: bool },
    /// The relay's final word on this message (5xx): not again this run.
    Final,
    /// The relay will fail every message the same way (the sign-in, its
    /// certificate, no STARTTLS): stop the email step.
    Stop,
}

/// A message that did not reach the relay, and what that means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotDelivered {
    pub(crate) failure: Failure,
    pub(crate) next: Next,
}

impl NotDelivered {
    pub(crate) fn new(failure: Failure, next: Next) -> NotDelivered {
        NotDelivered { failure, next }
    }
}
