//! The relay: one signed-in connection kept for the whole run, and each
//! attempt at a message on it, under deadlines, knowing at every moment
//! whether the message may already be the relay's.
//!
//! lettre speaks SMTP here (TLS, EHLO, AUTH, dot-stuffing), through its
//! `SmtpConnection`, the client under its pooled `SmtpTransport`. The
//! transport itself does not fit: it sends a message in one call, and a
//! failure after the final dot (a relay slow to answer, a connection cut)
//! comes out of it as the same network error as one before it, so a retry
//! could mail the partner twice. Driving the connection step by step
//! tells them apart: the message goes out through `message_iter`, whose
//! iterator lettre asks for the next piece only once the previous one is
//! written, so the moment it runs dry is the moment the final dot goes out.
//!
//! lettre's timeouts are idle timeouts on the socket: a relay trickling a
//! byte at a time never trips them. So every attempt runs on a thread of
//! its own, watched: each step (connect, STARTTLS, sign-in, MAIL FROM,
//! RCPT TO, DATA, each piece of the message, the answer after the dot) has
//! a deadline, and so has the whole email step. An attempt past its
//! deadline is given up; the thread, should it ever wake, sees that and
//! drops the connection before the final dot, so a message given up as
//! "not sent" can never be delivered behind the run's back.

use std::io;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, mpsc};
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{
    Certificate, CertificateStore, SmtpConnection, TlsParameters,
};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use rustls::pki_types::CertificateDer;

use super::Failure;
use super::secret::{Scrubber, Secret};
use super::settings::{AuthMethod, Security, SettingsError, SmtpSettings};

/// The size of the pieces a message is written in: each must be taken
/// within `timeout_secs`.
const PIECE: usize = 16 * 1024;

/// How soon after the final dot a connection reset still means the relay
/// never read the message (see `converse`).
const RESET_WINDOW: Duration = Duration::from_secs(1);

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

/// How the relay is reached: built once per run from the settings and the
/// secret, before anything is written.
pub(crate) struct Relay {
    host: String,
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

    /// A new connection: connected, encrypted as the settings say, signed in.
    fn open(&self, watch: &Watch) -> Result<SmtpConnection, Stopped> {
        watch.enter(Step::Connect)?;
        let wrapper = match self.security {
            Security::Tls => self.tls.as_ref(),
            _ => None,
        };
        let mut conn = SmtpConnection::connect(
            (self.host.as_str(), self.port),
            Some(self.timeout),
            &self.hello,
            wrapper,
            None,
        )
        .map_err(|e| Stopped::Failed(self.judge(&e, Step::Connect)))?;
        if let (Security::Starttls, Some(tls)) = (self.security, &self.tls) {
            watch.enter(Step::Starttls)?;
            conn.starttls(tls, &self.hello)
                .map_err(|e| Stopped::Failed(self.judge(&e, Step::Starttls)))?;
        }
        if let Some(credentials) = &self.credentials {
            watch.enter(Step::SignIn)?;
            conn.auth(&self.mechanisms, credentials)
                .map_err(|e| Stopped::Failed(self.judge(&e, Step::SignIn)))?;
        }
        Ok(conn)
    }

    /// What a failed step means: why, and what to do next.
    fn judge(&self, e: &lettre::transport::smtp::Error, step: Step) -> NotDelivered {
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
fn io_kind(e: &lettre::transport::smtp::Error) -> Option<io::ErrorKind> {
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
    fn new(failure: Failure, next: Next) -> NotDelivered {
        NotDelivered { failure, next }
    }
}

/// How one attempt ended.
#[derive(Debug)]
pub(crate) enum Attempt {
    /// The relay took the message: its answer.
    Accepted(String),
    /// The message is not the relay's: nothing was delivered.
    NotDelivered(NotDelivered),
    /// The whole message went out and no answer came back: it may or may
    /// not have been delivered.
    Unknown(Failure),
    /// The line saying the message is being handed over could not be
    /// logged, so it was not handed over.
    LogFailed(io::Error),
}

/// Why a thread stopped short of an answer.
enum Stopped {
    /// The watcher gave the attempt up: its result no longer matters.
    Cancelled,
    /// A step failed before the final dot.
    Failed(NotDelivered),
}

/// Unwinds a thread out of lettre's `message_iter` before it writes the
/// final dot: the only way out of it that writes nothing more.
struct Abort(Option<io::Error>);

/// What the watcher and the attempt's thread share: the step, since when,
/// and whether the watcher has given the attempt up.
struct Watch(Arc<Mutex<WatchState>>);

struct WatchState {
    step: Step,
    since: Instant,
    cancelled: bool,
}

impl Watch {
    fn new() -> Watch {
        Watch(Arc::new(Mutex::new(WatchState {
            step: Step::Connect,
            since: Instant::now(),
            cancelled: false,
        })))
    }

    fn share(&self) -> Watch {
        Watch(Arc::clone(&self.0))
    }

    fn lock(&self) -> MutexGuard<'_, WatchState> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Moves to `step`, unless the attempt was given up.
    fn enter(&self, step: Step) -> Result<(), Stopped> {
        let mut w = self.lock();
        if w.cancelled {
            return Err(Stopped::Cancelled);
        }
        w.step = step;
        w.since = Instant::now();
        Ok(())
    }
}

/// Something to run right before the final dot goes out (the log line
/// saying so); if it fails, the dot does not go out.
pub(crate) type HandOver = Box<dyn FnOnce() -> io::Result<()> + Send>;

/// The pieces of a message for `message_iter`; see the module's comment.
struct Pieces {
    body: Arc<Vec<u8>>,
    at: usize,
    watch: Watch,
    hand_over: Option<HandOver>,
}

/// A piece of the message, borrowed from the shared body.
struct Piece(Arc<Vec<u8>>, std::ops::Range<usize>);

impl AsRef<[u8]> for Piece {
    fn as_ref(&self) -> &[u8] {
        &self.0[self.1.clone()]
    }
}

impl Iterator for Pieces {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let mut w = self.watch.lock();
        if w.cancelled {
            drop(w);
            panic::resume_unwind(Box::new(Abort(None)));
        }
        w.since = Instant::now();
        if self.at < self.body.len() {
            let end = (self.at + PIECE).min(self.body.len());
            let piece = Piece(Arc::clone(&self.body), self.at..end);
            self.at = end;
            w.step = Step::Message;
            return Some(piece);
        }
        // Every piece is written: lettre writes the final dot next. Say so
        // first, while the watcher waits on the lock, so that it and the
        // log agree on which side of the dot the message is.
        if let Some(hand_over) = self.hand_over.take()
            && let Err(e) = hand_over()
        {
            drop(w);
            panic::resume_unwind(Box::new(Abort(Some(e))));
        }
        w.step = Step::Answer;
        None
    }
}

/// The connection kept for the run, and the attempts made on it.
#[derive(Debug)]
pub(crate) struct Line {
    relay: Arc<Relay>,
    /// A signed-in connection from the last message, if it is still good.
    kept: Option<KeptConnection>,
}

/// lettre's connection has no `Debug`.
struct KeptConnection(SmtpConnection);

impl std::fmt::Debug for KeptConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeptConnection")
    }
}

/// What an attempt's thread sends back: how it ended, and the connection
/// if it can serve the next message.
type Reply = (Attempt, Option<SmtpConnection>);

impl Line {
    /// A line to `relay`, not yet connected.
    pub(crate) fn new(relay: Arc<Relay>) -> Line {
        Line { relay, kept: None }
    }

    /// One attempt at sending `body` to `envelope`, on the kept connection
    /// or a new one, cut off at `deadline` (the email step's) at the latest.
    /// `hand_over` runs right before the final dot.
    pub(crate) fn attempt(
        &mut self,
        envelope: &Envelope,
        body: &Arc<Vec<u8>>,
        deadline: Instant,
        hand_over: HandOver,
    ) -> Attempt {
        let watch = Watch::new();
        let (tx, rx) = mpsc::channel::<Result<Reply, Abort>>();
        let kept = self.kept.take().map(|k| k.0);
        let (relay, envelope, body, shared) = (
            Arc::clone(&self.relay),
            envelope.clone(),
            Arc::clone(body),
            watch.share(),
        );
        std::thread::spawn(move || {
            let pieces = Pieces {
                body,
                at: 0,
                watch: shared.share(),
                hand_over: Some(hand_over),
            };
            let reply = panic::catch_unwind(AssertUnwindSafe(|| {
                converse(&relay, kept, &envelope, pieces, &shared)
            }));
            let reply = match reply {
                Ok(Ok(reply)) => Ok(reply),
                Ok(Err(Stopped::Failed(nd))) => Ok((Attempt::NotDelivered(nd), None)),
                Ok(Err(Stopped::Cancelled)) => Err(Abort(None)),
                Err(payload) => match payload.downcast::<Abort>() {
                    Ok(abort) => Err(*abort),
                    // A bug, not a fault of the relay: let it show.
                    Err(payload) => panic::resume_unwind(payload),
                },
            };
            let _ = tx.send(reply);
        });
        self.watch(&watch, &rx, deadline)
    }

    /// Waits for the attempt's thread, giving it up at a step's deadline.
    fn watch(
        &mut self,
        watch: &Watch,
        rx: &mpsc::Receiver<Result<Reply, Abort>>,
        deadline: Instant,
    ) -> Attempt {
        loop {
            let (step, since) = {
                let w = watch.lock();
                (w.step, w.since)
            };
            let limit = if step == Step::Answer {
                self.relay.data_timeout
            } else {
                self.relay.timeout
            };
            let until = (since + limit).min(deadline);
            match rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(Ok((attempt, conn))) => {
                    self.kept = conn.map(KeptConnection);
                    return attempt;
                }
                Ok(Err(Abort(Some(e)))) => return Attempt::LogFailed(e),
                // Given up by no one but itself: cannot happen; say so
                // as a lost connection, on the side of the dot it was on.
                Ok(Err(Abort(None))) | Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let failure = Failure::Lost {
                        host: self.relay.host.clone(),
                        step,
                        why: "the attempt ended without an answer".into(),
                    };
                    return if step == Step::Answer {
                        Attempt::Unknown(failure)
                    } else {
                        Attempt::NotDelivered(NotDelivered::new(
                            failure,
                            Next::Retry { silent: true },
                        ))
                    };
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let mut w = watch.lock();
                    if (w.step, w.since) != (step, since) || Instant::now() < until {
                        continue;
                    }
                    w.cancelled = true;
                    let failure = if until >= deadline {
                        Failure::Deadline
                    } else {
                        Failure::TimedOut {
                            host: self.relay.host.clone(),
                            step,
                            limit,
                            setting: if step == Step::Answer {
                                "data_timeout_secs"
                            } else {
                                "timeout_secs"
                            },
                        }
                    };
                    return if w.step == Step::Answer {
                        Attempt::Unknown(failure)
                    } else if failure == Failure::Deadline {
                        Attempt::NotDelivered(NotDelivered::new(failure, Next::Stop))
                    } else {
                        Attempt::NotDelivered(NotDelivered::new(
                            failure,
                            Next::Retry { silent: true },
                        ))
                    };
                }
            }
        }
    }

    /// Says goodbye on the kept connection, if any, within `timeout_secs`.
    pub(crate) fn close(&mut self) {
        let Some(KeptConnection(mut conn)) = self.kept.take() else {
            return;
        };
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = conn.quit();
            let _ = tx.send(());
        });
        let _ = rx.recv_timeout(self.relay.timeout);
    }
}

/// One attempt, on the attempt's own thread: the connection (kept or new),
/// then MAIL FROM, RCPT TO, DATA and the message.
fn converse(
    relay: &Relay,
    kept: Option<SmtpConnection>,
    envelope: &Envelope,
    pieces: Pieces,
    watch: &Watch,
) -> Result<Reply, Stopped> {
    let mut conn = match kept {
        Some(mut conn) => {
            // As lettre's pool does: a kept connection the relay has
            // closed meanwhile is replaced, at no cost to the attempt.
            watch.enter(Step::Noop)?;
            if conn.test_connected() {
                conn
            } else {
                drop(conn);
                relay.open(watch)?
            }
        }
        None => relay.open(watch)?,
    };
    watch.enter(Step::Mail)?;
    let options = match mail_options(&conn, envelope, &pieces.body) {
        Ok(options) => options,
        Err(why) => {
            let nd = NotDelivered::new(Failure::Other(why.into()), Next::Final);
            return Ok((Attempt::NotDelivered(nd), Some(conn)));
        }
    };
    if let Err(e) = conn.command(Mail::new(envelope.from().cloned(), options)) {
        return Ok(refusal(relay, watch, conn, &e, Step::Mail));
    }
    watch.enter(Step::Rcpt)?;
    for to in envelope.to() {
        if let Err(e) = conn.command(Rcpt::new(to.clone(), vec![])) {
            return Ok(refusal(relay, watch, conn, &e, Step::Rcpt));
        }
    }
    watch.enter(Step::Data)?;
    if let Err(e) = conn.command(Data) {
        return Ok(refusal(relay, watch, conn, &e, Step::Data));
    }
    // The socket's own timeout must not end the wait after the dot before
    // the watcher does.
    let _ = conn.set_timeout(Some(relay.data_timeout.max(relay.timeout)));
    watch.enter(Step::Message)?;
    let watched = pieces.watch.share();
    let sent = conn.message_iter(pieces);
    let _ = conn.set_timeout(Some(relay.timeout));
    let (handed_over, since_dot) = {
        let w = watched.lock();
        (w.step == Step::Answer, w.since.elapsed())
    };
    Ok(match sent {
        Ok(answer) => {
            let words: Vec<&str> = answer.message().collect();
            let answer = format!("{} {}", answer.code(), words.join(" "));
            (Attempt::Accepted(relay.scrubber.scrub(&answer)), Some(conn))
        }
        // An answer to the dot, if a refusal, is still an answer.
        Err(e) if e.status().is_some() => {
            let nd = relay.judge(&e, Step::Answer);
            (Attempt::NotDelivered(nd), Some(conn))
        }
        // The dot never reached the relay's program: the connection was
        // gone before it was written (a broken pipe), or the relay reset it
        // at once with the message unread. A reset is what a closed socket
        // answers to data nobody read; one that reads the whole message and
        // closes sends no reset. A firewall's reset of an idle connection
        // comes minutes later, not within `RESET_WINDOW`.
        Err(e)
            if !handed_over
                || io_kind(&e) == Some(io::ErrorKind::BrokenPipe)
                || (io_kind(&e) == Some(io::ErrorKind::ConnectionReset)
                    && since_dot < RESET_WINDOW) =>
        {
            let step = if handed_over {
                Step::Answer
            } else {
                Step::Message
            };
            let nd = relay.judge(&e, step);
            (Attempt::NotDelivered(nd), None)
        }
        Err(e) => {
            let nd = relay.judge(&e, Step::Answer);
            let failure = match nd.failure {
                Failure::TimedOut { host, step, .. } => Failure::TimedOut {
                    host,
                    step,
                    limit: relay.data_timeout,
                    setting: "data_timeout_secs",
                },
                other => other,
            };
            (Attempt::Unknown(failure), None)
        }
    })
}

/// A step before the message refused or failed: what it means, and the
/// connection back if it can serve the next message. After a refusal, RSET
/// makes it do so without another sign-in.
fn refusal(
    relay: &Relay,
    watch: &Watch,
    mut conn: SmtpConnection,
    e: &lettre::transport::smtp::Error,
    step: Step,
) -> Reply {
    let nd = relay.judge(e, step);
    let keep = e.status().is_some()
        && nd.next != Next::Stop
        && watch.enter(Step::Rset).is_ok()
        && conn.command(Rset).is_ok();
    (Attempt::NotDelivered(nd), keep.then_some(conn))
}

/// MAIL FROM's parameters, as lettre's own `send` chooses them: SMTPUTF8
/// for an address beyond ASCII, 8BITMIME for a body beyond it.
fn mail_options(
    conn: &SmtpConnection,
    envelope: &Envelope,
    body: &[u8],
) -> Result<Vec<MailParameter>, &'static str> {
    let info = conn.server_info();
    let mut options = Vec::new();
    let ascii = |a: &lettre::Address| AsRef::<str>::as_ref(a).is_ascii();
    if !(envelope.from().is_none_or(ascii) && envelope.to().iter().all(ascii)) {
        if !info.supports_feature(Extension::SmtpUtfEight) {
            return Err("an address is not ASCII and the relay does not offer SMTPUTF8");
        }
        options.push(MailParameter::SmtpUtfEight);
    }
    if !body.is_ascii() {
        if !info.supports_feature(Extension::EightBitMime) {
            return Err("the message is not ASCII and the relay does not offer 8BITMIME");
        }
        options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    Ok(options)
}
