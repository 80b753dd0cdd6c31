//! A relay that misbehaves on purpose ([`start_faulty`]), as relays do
//! under load or in a bad network (see the parent module).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::*;

/// Where in a conversation a fault strikes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Right after the connection is accepted, before the greeting.
    Connect,
    /// At EHLO.
    Ehlo,
    /// At AUTH.
    Auth,
    /// At MAIL FROM.
    Mail,
    /// At RCPT TO.
    Rcpt,
    /// At DATA, instead of 354.
    Data,
    /// After 354, while the message is coming in.
    MidData,
    /// After the final dot, instead of the answer.
    AfterDot,
}

/// How [`start_faulty`] misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Behaves.
    None,
    /// Keeps the message on the final dot and answers 250 this much later.
    SlowAfterDot(Duration),
    /// Sends its greeting one byte at a time, this far apart.
    Trickle(Duration),
    /// Accepts connections and says nothing.
    Silent,
    /// Closes the connection at this stage.
    DropAt(Stage),
    /// Says nothing from this stage on, holding the connection open.
    HangAt(Stage),
    /// Answers 451 (try again later) to the connection's first RCPT TO.
    TempFailRcpt,
    /// Refuses every sign-in with 535, quoting the AUTH string (or the
    /// LOGIN password) it was sent, and the password it decoded.
    RejectSignInEcho,
}

/// What a faulty server saw.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    /// Connections accepted.
    pub connections: usize,
    /// AUTH commands received.
    pub sign_ins: usize,
    /// Stages reached, in order, over every connection.
    pub stages: Vec<Stage>,
}

/// A running faulty server: its port, what it received, what it saw.
pub struct Faulty {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// The messages it kept.
    pub inbox: Inbox,
    /// What it saw.
    pub seen: Arc<Mutex<Seen>>,
}

impl Faulty {
    /// What it saw so far.
    pub fn seen(&self) -> Seen {
        self.seen.lock().expect("seen").clone()
    }

    /// Waits (up to 20 s) until the server reached `stage`.
    pub fn wait_for(&self, stage: Stage) {
        let end = Instant::now() + Duration::from_secs(20);
        while !self.seen().stages.contains(&stage) {
            assert!(Instant::now() < end, "the server never reached {stage:?}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The Message-IDs of what it kept, in order.
    pub fn message_ids(&self) -> Vec<String> {
        self.inbox
            .lock()
            .expect("inbox")
            .iter()
            .map(|m| {
                String::from_utf8_lossy(&m.data)
                    .lines()
                    .find_map(|l| l.strip_prefix("Message-ID: ").map(str::to_string))
                    .unwrap_or_default()
            })
            .collect()
    }
}

/// An SMTP server without TLS that misbehaves with `fault` on its first
/// `times` connections and behaves on the later ones. With `login`, it
/// offers AUTH PLAIN and LOGIN and wants that user and password.
pub fn start_faulty(fault: Fault, times: usize, login: Option<(&str, &str)>) -> Faulty {
    let inbox = Inbox::default();
    let seen: Arc<Mutex<Seen>> = Arc::default();
    let (listener, port) = listen();
    let login = login.map(|(u, p)| (u.to_string(), p.to_string()));
    let (inbox2, seen2) = (inbox.clone(), seen.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let n = {
                let mut seen = seen2.lock().expect("seen");
                seen.connections += 1;
                seen.connections
            };
            let fault = if n <= times { fault } else { Fault::None };
            let (inbox, seen, login) = (inbox2.clone(), seen2.clone(), login.clone());
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                let _ = faulty_session(stream, fault, login.as_ref(), &inbox, &seen);
            });
        }
    });
    Faulty { port, inbox, seen }
}

/// One client of the faulty server.
fn faulty_session(
    stream: TcpStream,
    fault: Fault,
    login: Option<&(String, String)>,
    inbox: &Inbox,
    seen: &Arc<Mutex<Seen>>,
) -> std::io::Result<()> {
    let mut s = BufReader::new(stream);
    // Whether the session ends at `stage`: dropped there (closed now), or
    // hung there (the connection kept, nothing said any more).
    let ends_at = |stage: Stage, s: &mut BufReader<TcpStream>| {
        seen.lock().expect("seen").stages.push(stage);
        match fault {
            Fault::DropAt(at) => at == stage,
            Fault::HangAt(at) if at == stage => {
                hang(s);
                true
            }
            _ => false,
        }
    };
    if ends_at(Stage::Connect, &mut s) {
        return Ok(());
    }
    match fault {
        Fault::Silent => {
            hang(&mut s);
            return Ok(());
        }
        Fault::Trickle(gap) => {
            for b in b"220 faulty.test ESMTP slowly\r\n" {
                s.get_mut().write_all(&[*b])?;
                std::thread::sleep(gap);
            }
        }
        _ => s.get_mut().write_all(b"220 faulty.test ESMTP\r\n")?,
    }
    let mut to: Vec<String> = Vec::new();
    let mut rcpts = 0;
    loop {
        let Some(line) = read_line(&mut s)? else {
            return Ok(());
        };
        let upper = line.to_ascii_uppercase();
        let stage = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            Some(Stage::Ehlo)
        } else if upper.starts_with("AUTH") {
            Some(Stage::Auth)
        } else if upper.starts_with("MAIL FROM:") {
            Some(Stage::Mail)
        } else if upper.starts_with("RCPT TO:") {
            Some(Stage::Rcpt)
        } else if upper == "DATA" {
            Some(Stage::Data)
        } else {
            None
        };
        if stage.is_some_and(|stage| ends_at(stage, &mut s)) {
            return Ok(());
        }
        let answer: String = match stage {
            Some(Stage::Ehlo) if login.is_some() => {
                "250-faulty.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n".into()
            }
            Some(Stage::Ehlo) => "250-faulty.test\r\n250 8BITMIME\r\n".into(),
            Some(Stage::Auth) => {
                seen.lock().expect("seen").sign_ins += 1;
                let (sent, password) = auth_exchange(&mut s, &line)?;
                let good = login.is_some_and(|(u, p)| password == (u.clone(), p.clone()));
                if good && fault != Fault::RejectSignInEcho {
                    "235 2.7.0 Authentication successful\r\n".into()
                } else {
                    // As some relays do: quote back what they got.
                    format!(
                        "535 5.7.8 Authentication failed for {sent} (user {} with password {})\r\n",
                        password.0, password.1
                    )
                }
            }
            Some(Stage::Mail) => {
                to.clear();
                "250 2.1.0 Sender OK\r\n".into()
            }
            Some(Stage::Rcpt) if fault == Fault::TempFailRcpt && rcpts == 0 => {
                rcpts += 1;
                "451 4.3.0 Temporary failure, try again later\r\n".into()
            }
            Some(Stage::Rcpt) => {
                to.push(rcpt_address(&line));
                "250 2.1.5 Recipient OK\r\n".into()
            }
            Some(Stage::Data) => {
                s.get_mut().write_all(b"354 Start mail input\r\n")?;
                s.get_mut().flush()?;
                if ends_at(Stage::MidData, &mut s) {
                    return Ok(());
                }
                let Some(data) = read_data(&mut s)? else {
                    return Ok(());
                };
                // The message is the server's from here on, whatever it
                // answers, and whenever.
                inbox.lock().expect("inbox").push(Received {
                    to: std::mem::take(&mut to),
                    data,
                });
                if ends_at(Stage::AfterDot, &mut s) {
                    return Ok(());
                }
                if let Fault::SlowAfterDot(delay) = fault {
                    std::thread::sleep(delay);
                }
                "250 2.0.0 OK queued\r\n".into()
            }
            _ if upper == "RSET" || upper == "NOOP" => "250 2.0.0 OK\r\n".into(),
            _ if upper == "QUIT" => {
                s.get_mut().write_all(b"221 2.0.0 Bye\r\n")?;
                return Ok(());
            }
            _ => "502 5.5.2 Command not recognized\r\n".into(),
        };
        s.get_mut().write_all(answer.as_bytes())?;
        s.get_mut().flush()?;
    }
}

/// Keeps a connection open and says nothing, until the client goes.
fn hang(s: &mut BufReader<TcpStream>) {
    let _ = s.get_mut().set_read_timeout(Some(Duration::from_secs(60)));
    let mut sink = Vec::new();
    let _ = std::io::Read::read_to_end(s, &mut sink);
}

/// The rest of an AUTH exchange (PLAIN with or without its initial
/// response, LOGIN): what the client sent, as sent, and the user and
/// password decoded from it.
fn auth_exchange(
    s: &mut BufReader<TcpStream>,
    line: &str,
) -> std::io::Result<(String, (String, String))> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let decode = |text: &str| {
        String::from_utf8_lossy(&b64.decode(text.trim()).unwrap_or_default()).to_string()
    };
    let mut words = line.split_whitespace().skip(1);
    let mechanism = words.next().unwrap_or("").to_ascii_uppercase();
    let initial = words.next().map(str::to_string);
    let mut ask = |prompt: &str| -> std::io::Result<String> {
        s.get_mut()
            .write_all(format!("334 {prompt}\r\n").as_bytes())?;
        s.get_mut().flush()?;
        Ok(read_line(s)?.unwrap_or_default())
    };
    if mechanism == "LOGIN" {
        let user = ask(&b64.encode("Username:"))?;
        let password = ask(&b64.encode("Password:"))?;
        return Ok((password.clone(), (decode(&user), decode(&password))));
    }
    let sent = match initial {
        Some(sent) => sent,
        None => ask("")?,
    };
    let plain = decode(&sent);
    let mut parts = plain.split('\0').skip(1);
    let user = parts.next().unwrap_or("").to_string();
    let password = parts.next().unwrap_or("").to_string();
    Ok((sent, (user, password)))
}

/// The delivery log's last line for each message and recipient, in the
/// order they first appear: what became of each message.
pub fn final_log(dir: &Path) -> Vec<serde_json::Value> {
    let mut last: Vec<serde_json::Value> = Vec::new();
    for line in super::super::mail::log(dir) {
        let key = |v: &serde_json::Value| (v["message"].clone(), v["recipient"].clone());
        match last.iter_mut().find(|l| key(l) == key(&line)) {
            Some(slot) => *slot = line,
            None => last.push(line),
        }
    }
    last
}

/// `[email]` settings for a faulty server on 127.0.0.1: quick retries and
/// short deadlines (`timeout_secs` and `data_timeout_secs` of `secs`);
/// `email` and `smtp` are added to the `[email]` and `[email.smtp]` tables.
pub fn fault_config(port: u16, secs: f64, email: &str, smtp: &str) -> String {
    format!(
        "operators = [\"ops@example.com\"]\nfrom = \"Partner Desk <desk@example.com>\"\n\
         retries = 2\nretry_delay_ms = 10\n{email}\n[email.smtp]\nhost = \"127.0.0.1\"\n\
         port = {port}\nsecurity = \"none\"\ntimeout_secs = {secs}\ndata_timeout_secs = {secs}\n\
         {smtp}\n"
    )
}
