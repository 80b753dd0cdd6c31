//! SMTP servers for the email tests, started inside the test process on an
//! ephemeral port of 127.0.0.1; and a certificate authority made here.
//!
//! - [`start_plain`]: mailin-embedded (a maintained SMTP server crate), no
//!   TLS, no sign-in.
//! - [`start_starttls`]: mailin-embedded requiring STARTTLS and then AUTH
//!   PLAIN or LOGIN with one user and password, its certificate issued by a
//!   [`TestCa`].
//! - [`start_xoauth2`]: mailin-embedded speaks no XOAUTH2, so this is a
//!   small server of our own: STARTTLS with rustls (required before
//!   anything else), then only `AUTH XOAUTH2`, whose string it decodes and
//!   checks against the one user and token it was given, answering like
//!   Exchange Online (`535 5.7.3 Authentication unsuccessful`). Mail from a
//!   client that has not signed in is refused.

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use mailin_embedded::{AuthMechanism, Handler, Response, Server, SslConfig, response};
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

/// The mailin-embedded handler: keeps every message, refuses recipients
/// whose address contains `refuse`, and accepts one user and password
/// when sign-in is required.
#[derive(Clone)]
struct Keep {
    inbox: Inbox,
    login: Option<(String, String)>,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Keep {
    fn check(&self, user: &str, password: &str) -> Response {
        match &self.login {
            Some((u, p)) if u == user && p == password => response::AUTH_OK,
            _ => response::INVALID_CREDENTIALS,
        }
    }
}

impl Handler for Keep {
    fn helo(&mut self, _ip: IpAddr, _domain: &str) -> Response {
        self.to.clear();
        self.data.clear();
        response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        if to.contains("refuse") {
            response::NO_MAILBOX
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mut inbox = self.inbox.lock().expect("inbox lock");
        inbox.push(Received {
            to: std::mem::take(&mut self.to),
            data: std::mem::take(&mut self.data),
        });
        response::OK
    }

    fn auth_plain(&mut self, _authz: &str, user: &str, password: &str) -> Response {
        self.check(user, password)
    }

    fn auth_login(&mut self, user: &str, password: &str) -> Response {
        self.check(user, password)
    }
}

fn listen() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    let port = listener.local_addr().expect("local address").port();
    (listener, port)
}

fn serve_mailin(server: Server<Keep>) {
    std::thread::spawn(move || {
        // serve() returns only if the listener fails; say so, then end.
        if let Err(e) = server.serve() {
            eprintln!("test SMTP server stopped: {e}");
        }
    });
}

/// An SMTP server without TLS or sign-in; its port and inbox. The server
/// thread ends with the test process.
pub fn start_plain() -> (u16, Inbox) {
    let inbox = Inbox::default();
    let (listener, port) = listen();
    let mut server = Server::new(Keep {
        inbox: inbox.clone(),
        login: None,
        to: Vec::new(),
        data: Vec::new(),
    });
    server
        .with_name("test.localhost")
        .with_ssl(SslConfig::None)
        .expect("no TLS")
        .with_num_threads(2)
        .with_tcp_listener(listener);
    serve_mailin(server);
    (port, inbox)
}

/// An SMTP server that requires STARTTLS (with `ca`'s server certificate)
/// and then AUTH PLAIN or LOGIN as `user` with `password`.
pub fn start_starttls(ca: &TestCa, user: &str, password: &str) -> (u16, Inbox) {
    // mailin-embedded builds its TLS with rustls's process-wide provider;
    // two are compiled in here, so name one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let inbox = Inbox::default();
    let (listener, port) = listen();
    let mut server = Server::new(Keep {
        inbox: inbox.clone(),
        login: Some((user.to_string(), password.to_string())),
        to: Vec::new(),
        data: Vec::new(),
    });
    server
        .with_name("smtp.contoso.test")
        .with_ssl(SslConfig::SelfSigned {
            cert_path: path_text(&ca.cert_pem),
            key_path: path_text(&ca.key_pem),
        })
        .expect("TLS settings")
        .with_auth(AuthMechanism::Plain)
        .with_auth(AuthMechanism::Login)
        .with_num_threads(2)
        .with_tcp_listener(listener);
    serve_mailin(server);
    (port, inbox)
}

fn path_text(path: &Path) -> String {
    path.to_str().expect("a UTF-8 temp path").to_string()
}

/// What the XOAUTH2 server saw of the sign-ins: (user, whether the token
/// was the expected one).
pub type SignIns = Arc<Mutex<Vec<(String, bool)>>>;

/// An SMTP server that requires STARTTLS and then XOAUTH2 as `user` with
/// the access token `token`; its port, inbox and the sign-ins it saw.
pub fn start_xoauth2(ca: &TestCa, user: &str, token: &str) -> (u16, Inbox, SignIns) {
    let inbox = Inbox::default();
    let sign_ins = SignIns::default();
    let (listener, port) = listen();
    let tls = ca.server_config();
    let expected = (user.to_string(), token.to_string());
    let (inbox2, sign_ins2) = (inbox.clone(), sign_ins.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (tls, expected) = (tls.clone(), expected.clone());
            let (inbox, sign_ins) = (inbox2.clone(), sign_ins2.clone());
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(20)));
                if let Err(e) = xoauth2_session(stream, tls, &expected, &inbox, &sign_ins) {
                    eprintln!("test XOAUTH2 server: session ended: {e}");
                }
            });
        }
    });
    (port, inbox, sign_ins)
}

/// One client, start to end: a plain phase that allows only EHLO, STARTTLS
/// and QUIT, then the TLS phase.
fn xoauth2_session(
    stream: TcpStream,
    tls: Arc<rustls::ServerConfig>,
    expected: &(String, String),
    inbox: &Inbox,
    sign_ins: &SignIns,
) -> std::io::Result<()> {
    let mut plain = BufReader::new(stream);
    plain
        .get_mut()
        .write_all(b"220 xoauth2.test ESMTP ready\r\n")?;
    loop {
        let Some(line) = read_line(&mut plain)? else {
            return Ok(());
        };
        let verb = line.split(' ').next().unwrap_or("").to_ascii_uppercase();
        let answer: &[u8] = match verb.as_str() {
            "EHLO" => b"250-xoauth2.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n",
            "STARTTLS" => b"220 2.0.0 Ready to start TLS\r\n",
            "QUIT" => b"221 2.0.0 Bye\r\n",
            "NOOP" => b"250 2.0.0 OK\r\n",
            _ => b"530 5.7.0 Must issue a STARTTLS command first\r\n",
        };
        plain.get_mut().write_all(answer)?;
        match verb.as_str() {
            "STARTTLS" => break,
            "QUIT" => return Ok(()),
            _ => {}
        }
    }
    let conn = rustls::ServerConnection::new(tls).map_err(std::io::Error::other)?;
    let mut s = BufReader::new(rustls::StreamOwned::new(conn, plain.into_inner()));
    let mut signed_in = false;
    let mut to: Vec<String> = Vec::new();
    loop {
        let Some(line) = read_line(&mut s)? else {
            return Ok(());
        };
        let upper = line.to_ascii_uppercase();
        let answer = if upper.starts_with("EHLO") {
            "250-xoauth2.test\r\n250-AUTH XOAUTH2\r\n250 8BITMIME\r\n".to_string()
        } else if let Some(arg) = upper
            .starts_with("AUTH XOAUTH2 ")
            .then(|| line["AUTH XOAUTH2 ".len()..].trim())
        {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(arg)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default();
            // RFC 7628 / Microsoft's format: user=U ^A auth=Bearer T ^A ^A
            let user = decoded
                .strip_prefix("user=")
                .and_then(|r| r.split('\x01').next())
                .unwrap_or("")
                .to_string();
            let good =
                decoded == format!("user={}\x01auth=Bearer {}\x01\x01", expected.0, expected.1);
            sign_ins.lock().expect("sign-ins").push((user, good));
            signed_in = good;
            if good {
                "235 2.7.0 Authentication successful\r\n".into()
            } else {
                "535 5.7.3 Authentication unsuccessful\r\n".into()
            }
        } else if upper.starts_with("AUTH") {
            "504 5.7.4 Unrecognized authentication type\r\n".into()
        } else if upper.starts_with("MAIL FROM:") {
            to.clear();
            if signed_in {
                "250 2.1.0 Sender OK\r\n".into()
            } else {
                "530 5.7.57 Client not authenticated to send mail\r\n".into()
            }
        } else if upper.starts_with("RCPT TO:") && signed_in {
            let addr = line["RCPT TO:".len()..]
                .trim()
                .trim_start_matches('<')
                .split('>')
                .next()
                .unwrap_or("")
                .to_string();
            to.push(addr);
            "250 2.1.5 Recipient OK\r\n".into()
        } else if upper == "DATA" && signed_in && !to.is_empty() {
            s.get_mut().write_all(b"354 Start mail input\r\n")?;
            let mut data = Vec::new();
            loop {
                let Some(l) = read_line(&mut s)? else {
                    return Ok(());
                };
                if l == "." {
                    break;
                }
                // Dot-stuffing: a leading dot was doubled by the client.
                data.extend_from_slice(l.strip_prefix('.').unwrap_or(&l).as_bytes());
                data.extend_from_slice(b"\r\n");
            }
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
