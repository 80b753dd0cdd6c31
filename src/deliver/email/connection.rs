//! One signed-in connection to the relay kept for the whole run, and each
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
use lettre::transport::smtp::client::SmtpConnection;
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{Extension, MailBodyParameter, MailParameter};

use super::outcome::{Failure, Step};
use super::relay::{Next, NotDelivered, Relay, io_kind};

/// The size of the pieces a message is written in: each must be taken
/// within `timeout_secs`.
const PIECE: usize = 16 * 1024;

/// How soon after the final dot a connection reset still means the relay
/// never read the message (see `converse`).
const RESET_WINDOW: Duration = Duration::from_secs(1);

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

/// A new connection: connected, encrypted as the settings say, signed in,
/// each step watched.
fn open(relay: &Relay, watch: &Watch) -> Result<SmtpConnection, Stopped> {
    watch.enter(Step::Connect)?;
    let mut conn = relay.connect().map_err(Stopped::Failed)?;
    if relay.starts_tls() {
        watch.enter(Step::Starttls)?;
        relay.starttls(&mut conn).map_err(Stopped::Failed)?;
    }
    if relay.signs_in() {
        watch.enter(Step::SignIn)?;
        relay.sign_in(&mut conn).map_err(Stopped::Failed)?;
    }
    Ok(conn)
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
                open(relay, watch)?
            }
        }
        None => open(relay, watch)?,
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
