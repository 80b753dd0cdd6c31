//! SMTP servers for the email tests, started inside the test process on an
//! ephemeral port of 127.0.0.1; and a certificate authority made here.
//!
//! Small servers of our own:
//!
//! - [`start_plain`]: no TLS, no sign-in; a recipient whose address
//!   contains `refuse` is refused (`550`).
//! - [`start_starttls`]: STARTTLS required before anything else (rustls,
//!   its certificate issued by a [`TestCa`]), then AUTH PLAIN or LOGIN
//!   with one user and password.
//! - [`start_xoauth2`]: STARTTLS required, then only `AUTH XOAUTH2`, whose
//!   string it decodes and checks against the one user and token it was
//!   given, answering like Exchange Online (`535 5.7.3 Authentication
//!   unsuccessful`).
//! - [`start_faulty`]: a server that misbehaves on purpose,
//!   as relays do under load or in a bad network: it answers the final dot
//!   late or never, trickles its greeting a byte at a time, says nothing,
//!   drops the connection at a given step, answers 451 for a while, or
//!   refuses the sign-in quoting back what it was sent. It counts the
//!   connections and sign-ins it saw, and keeps what it received.
//!
//! Mail from a client that has not signed in is refused where a sign-in is
//! required. Its TLS is rustls with the *ring* provider, the one lettre uses:
//! a crate server (mailin-embedded) would pull in rustls' default
//! provider, aws-lc-rs, and with it a second C library to build.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SanType,
};

/// One message as a server received it.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope recipients (RCPT TO).
    pub to: Vec<String>,
    /// The message, as sent.
    pub data: Vec<u8>,
}

/// What a server received, shared with the test.
pub type Inbox = Arc<Mutex<Vec<Received>>>;

/// A certificate authority made for one test, and a server certificate
/// it issued for 127.0.0.1 and localhost, as PEM files in a folder.
pub struct TestCa {
    /// The folder holding the files (removed when dropped).
    pub dir: tempfile::TempDir,
    /// The CA's certificate: what `ca_file` names.
    pub ca_pem: PathBuf,
    /// The server's certificate.
    pub cert_pem: PathBuf,
    /// The server's private key.
    pub key_pem: PathBuf,
}

impl TestCa {
    /// Makes a CA ("Contoso Test Root CA") and a server certificate.
    pub fn new() -> TestCa {
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "Contoso Test Root CA");
        ca.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
        let issuer = Issuer::new(ca, ca_key);

        let key = KeyPair::generate().expect("server key");
        let mut params =
            CertificateParams::new(vec!["localhost".to_string()]).expect("server params");
        params
            .subject_alt_names
            .push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        params
            .distinguished_name
            .push(DnType::CommonName, "smtp.contoso.test");
        let cert = params.signed_by(&key, &issuer).expect("server certificate");

        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, text: String| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write PEM");
            path
        };
        TestCa {
            ca_pem: write("company-ca.pem", ca_cert.pem()),
            cert_pem: write("server.pem", cert.pem()),
            key_pem: write("server.key", key.serialize_pem()),
            dir,
        }
    }

    /// The server side of TLS, for our own test server.
    fn server_config(&self) -> Arc<rustls::ServerConfig> {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let certs = CertificateDer::pem_file_iter(&self.cert_pem)
            .expect("read certificate")
            .collect::<Result<Vec<_>, _>>()
            .expect("certificate PEM");
        let key = PrivateKeyDer::from_pem_file(&self.key_pem).expect("key PEM");
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .expect("server TLS config");
        Arc::new(config)
    }
}

impl Default for TestCa {
    fn default() -> Self {
        TestCa::new()
    }
}

fn listen() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    let port = listener.local_addr().expect("local address").port();
    (listener, port)
}

/// Who may sign in, and how.
#[derive(Clone)]
enum Login {
    /// AUTH PLAIN or LOGIN with this user and password.
    Password(String, String),
    /// AUTH XOAUTH2 with this user and access token.
    XOauth2(String, String),
}

impl Login {
    /// The EHLO line naming the mechanisms.
    fn offer(&self) -> &'static str {
        match self {
            Login::Password(..) => "250-AUTH PLAIN LOGIN\r\n",
            Login::XOauth2(..) => "250-AUTH XOAUTH2\r\n",
        }
    }
}

/// A server's set-up: TLS (STARTTLS, required) and who may sign in.
#[derive(Clone)]
struct Setup {
    name: &'static str,
    tls: Option<Arc<rustls::ServerConfig>>,
    login: Option<Login>,
}

/// Starts a server with `setup`; its port, inbox and the sign-ins it saw.
/// The server's threads end with the test process.
fn start(setup: Setup) -> (u16, Inbox, SignIns) {
    let inbox = Inbox::default();
    let sign_ins = SignIns::default();
    let (listener, port) = listen();
    let (inbox2, sign_ins2) = (inbox.clone(), sign_ins.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let setup = setup.clone();
            let (inbox, sign_ins) = (inbox2.clone(), sign_ins2.clone());
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
                if let Err(e) = session(stream, &setup, &inbox, &sign_ins) {
                    eprintln!("test SMTP server {}: session ended: {e}", setup.name);
                }
            });
        }
    });
    (port, inbox, sign_ins)
}

/// An SMTP server without TLS or sign-in; its port and inbox.
pub fn start_plain() -> (u16, Inbox) {
    let (port, inbox, _) = start(Setup {
        name: "test.localhost",
        tls: None,
        login: None,
    });
    (port, inbox)
}

/// An SMTP server that requires STARTTLS (with `ca`'s server certificate)
/// and then AUTH PLAIN or LOGIN as `user` with `password`.
pub fn start_starttls(ca: &TestCa, user: &str, password: &str) -> (u16, Inbox) {
    let (port, inbox, _) = start(Setup {
        name: "smtp.contoso.test",
        tls: Some(ca.server_config()),
        login: Some(Login::Password(user.to_string(), password.to_string())),
    });
    (port, inbox)
}

/// What the server saw of the sign-ins: (user, whether the password or
/// token was the expected one).
pub type SignIns = Arc<Mutex<Vec<(String, bool)>>>;

/// An SMTP server that requires STARTTLS and then XOAUTH2 as `user` with
/// the access token `token`; its port, inbox and the sign-ins it saw.
pub fn start_xoauth2(ca: &TestCa, user: &str, token: &str) -> (u16, Inbox, SignIns) {
    start(Setup {
        name: "xoauth2.test",
        tls: Some(ca.server_config()),
        login: Some(Login::XOauth2(user.to_string(), token.to_string())),
    })
}

/// One client, start to end. With TLS, a plain phase that allows only
/// EHLO, STARTTLS and QUIT comes first; then the mail phase.
fn session(
    stream: TcpStream,
    setup: &Setup,
    inbox: &Inbox,
    sign_ins: &SignIns,
) -> std::io::Result<()> {
    let mut plain = BufReader::new(stream);
    plain
        .get_mut()
        .write_all(format!("220 {} ESMTP ready\r\n", setup.name).as_bytes())?;
    let Some(tls) = &setup.tls else {
        return mail_phase(plain, setup, inbox, sign_ins);
    };
    loop {
        let Some(line) = read_line(&mut plain)? else {
            return Ok(());
        };
        let verb = line.split(' ').next().unwrap_or("").to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" => format!("250-{}\r\n250-STARTTLS\r\n250 8BITMIME\r\n", setup.name),
            "STARTTLS" => "220 2.0.0 Ready to start TLS\r\n".into(),
            "QUIT" => "221 2.0.0 Bye\r\n".into(),
            "NOOP" => "250 2.0.0 OK\r\n".into(),
            _ => "530 5.7.0 Must issue a STARTTLS command first\r\n".into(),
        };
        plain.get_mut().write_all(answer.as_bytes())?;
        match verb.as_str() {
            "STARTTLS" => break,
            "QUIT" => return Ok(()),
            _ => {}
        }
    }
    let conn = rustls::ServerConnection::new(tls.clone()).map_err(std::io::Error::other)?;
    let s = BufReader::new(rustls::StreamOwned::new(conn, plain.into_inner()));
    mail_phase(s, setup, inbox, sign_ins)
}

/// Decodes a base64 argument to text (empty when it is not).
fn decode(b64: &str) -> String {
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default()
}

/// Sends `answer` and reads the client's next line (a SASL step).
fn ask<S: Read + Write>(s: &mut BufReader<S>, answer: &str) -> std::io::Result<String> {
    s.get_mut().write_all(answer.as_bytes())?;
    s.get_mut().flush()?;
    Ok(read_line(s)?.unwrap_or_default())
}

/// The sign-in: the user it named and whether it was good, or `None` for
/// a mechanism this set-up does not take.
fn sign_in<S: Read + Write>(
    s: &mut BufReader<S>,
    login: &Login,
    line: &str,
) -> std::io::Result<Option<(String, bool)>> {
    let mut words = line.split_whitespace().skip(1);
    let mechanism = words.next().unwrap_or("").to_ascii_uppercase();
    let initial = words.next().map(str::to_string);
    Ok(match (login, mechanism.as_str()) {
        (Login::XOauth2(user, token), "XOAUTH2") => {
            let decoded = decode(&initial.unwrap_or_default());
            // RFC 7628 / Microsoft's format: user=U ^A auth=Bearer T ^A ^A
            let named = decoded
                .strip_prefix("user=")
                .and_then(|r| r.split('\x01').next())
                .unwrap_or("")
                .to_string();
            let good = decoded == format!("user={user}\x01auth=Bearer {token}\x01\x01");
            Some((named, good))
        }
        (Login::Password(user, password), "PLAIN") => {
            let response = match initial {
                Some(r) => r,
                None => ask(s, "334 \r\n")?,
            };
            // authzid NUL authcid NUL password
            let decoded = decode(&response);
            let mut parts = decoded.split('\0').skip(1);
            let named = parts.next().unwrap_or("").to_string();
            let good = named == *user && parts.next() == Some(password.as_str());
            Some((named, good))
        }
        (Login::Password(user, password), "LOGIN") => {
            let named = match initial {
                Some(r) => decode(&r),
                None => decode(&ask(s, "334 VXNlcm5hbWU6\r\n")?),
            };
            let given = decode(&ask(s, "334 UGFzc3dvcmQ6\r\n")?);
            let good = named == *user && given == *password;
            Some((named, good))
        }
        _ => None,
    })
}

/// EHLO, sign-in (where the set-up wants one), MAIL, RCPT, DATA, QUIT.
fn mail_phase<S: Read + Write>(
    mut s: BufReader<S>,
    setup: &Setup,
    inbox: &Inbox,
    sign_ins: &SignIns,
) -> std::io::Result<()> {
    let mut signed_in = setup.login.is_none();
    let mut to: Vec<String> = Vec::new();
    loop {
        let Some(line) = read_line(&mut s)? else {
            return Ok(());
        };
        let upper = line.to_ascii_uppercase();
        let answer: String = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            let offer = setup.login.as_ref().map_or("", Login::offer);
            format!("250-{}\r\n{offer}250 8BITMIME\r\n", setup.name)
        } else if upper.starts_with("AUTH") {
            match &setup.login {
                None => "503 5.5.1 AUTH not offered\r\n".into(),
                Some(login) => match sign_in(&mut s, login, &line)? {
                    None => "504 5.7.4 Unrecognized authentication type\r\n".into(),
                    Some((user, good)) => {
                        sign_ins.lock().expect("sign-ins").push((user, good));
                        signed_in = good;
                        match (good, login) {
                            (true, _) => "235 2.7.0 Authentication successful\r\n".into(),
                            (false, Login::XOauth2(..)) => {
                                "535 5.7.3 Authentication unsuccessful\r\n".into()
                            }
                            (false, Login::Password(..)) => {
                                "535 5.7.8 Authentication credentials invalid\r\n".into()
                            }
                        }
                    }
                },
            }
        } else if upper.starts_with("MAIL FROM:") {
            to.clear();
            if signed_in {
                "250 2.1.0 Sender OK\r\n".into()
            } else {
                "530 5.7.57 Client not authenticated to send mail\r\n".into()
            }
        } else if upper.starts_with("RCPT TO:") && signed_in {
            let addr = rcpt_address(&line);
            if addr.contains("refuse") {
                "550 5.1.1 No such mailbox\r\n".into()
            } else {
                to.push(addr);
                "250 2.1.5 Recipient OK\r\n".into()
            }
        } else if upper == "DATA" && signed_in && !to.is_empty() {
            s.get_mut().write_all(b"354 Start mail input\r\n")?;
            let Some(data) = read_data(&mut s)? else {
                return Ok(());
            };
            inbox.lock().expect("inbox").push(Received {
                to: std::mem::take(&mut to),
                data,
            });
            "250 2.0.0 OK queued\r\n".into()
        } else if upper == "RSET" || upper == "NOOP" {
            "250 2.0.0 OK\r\n".into()
        } else if upper == "QUIT" {
            s.get_mut().write_all(b"221 2.0.0 Bye\r\n")?;
            s.get_mut().flush()?;
            return Ok(());
        } else {
            "503 5.5.1 Bad sequence of commands\r\n".into()
        };
        s.get_mut().write_all(answer.as_bytes())?;
        s.get_mut().flush()?;
    }
}

/// The message after 354, up to the final dot, dot-stuffing undone;
/// `None` if the client went away first.
fn read_data(r: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut data = Vec::new();
    loop {
        let Some(l) = read_line(r)? else {
            return Ok(None);
        };
        if l == "." {
            return Ok(Some(data));
        }
        // Dot-stuffing: a leading dot was doubled by the client.
        data.extend_from_slice(l.strip_prefix('.').unwrap_or(&l).as_bytes());
        data.extend_from_slice(b"\r\n");
    }
}

/// The address of a `RCPT TO:<a@b>` line.
fn rcpt_address(line: &str) -> String {
    line["RCPT TO:".len()..]
        .trim()
        .trim_start_matches('<')
        .split('>')
        .next()
        .unwrap_or("")
        .to_string()
}

/// One line without its CRLF; `None` at the end of the stream.
fn read_line(r: &mut impl BufRead) -> std::io::Result<Option<String>> {
    let mut buf = Vec::new();
    if r.read_until(b'\n', &mut buf)? == 0 {
        return Ok(None);
    }
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// A port nothing listens on: bound, then released.
pub fn closed_port() -> u16 {
    listen().1
}

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
    for line in super::mail::log(dir) {
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
