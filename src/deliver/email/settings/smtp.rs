//! The `[email.smtp]` table: which server carries the messages, how to
//! sign in to it and which certificates to trust.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use serde::Deserialize;

use super::{SettingsError, seconds};

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Security {
    /// Plain connection upgraded with STARTTLS, which is required (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (SMTPS, port 465).
    Tls,
    /// No encryption at all (port 25): only for a relay on the same host or
    /// a test server.
    None,
}

impl Security {
    /// The usual port for this kind of connection.
    pub(crate) fn default_port(self) -> u16 {
        match self {
            Security::Starttls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// How to sign in to the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AuthMethod {
    /// SASL PLAIN with `user` and the password from `password_env`.
    Plain,
    /// LOGIN with `user` and the password from `password_env`.
    Login,
    /// OAuth 2.0 (Exchange Online, Gmail): `user` and an access token from
    /// `token_env` or `token_command`.
    Xoauth2,
}

/// Where and how to reach the SMTP server.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SmtpSettings {
    /// The server's host name (also the name its TLS certificate must carry).
    pub(crate) host: String,
    /// The port; by default 587, 465 or 25 following `security`.
    #[serde(default)]
    pub(crate) port: Option<u16>,
    /// `starttls` (default), `tls` or `none`.
    #[serde(default)]
    pub(crate) security: Security,
    /// The user name (mailbox) to sign in with, if the server wants one.
    #[serde(default)]
    pub(crate) user: Option<String>,
    /// `plain`, `login` or `xoauth2`; by default whichever of PLAIN and
    /// LOGIN the server offers.
    #[serde(default)]
    pub(crate) auth: Option<AuthMethod>,
    /// The NAME of the environment variable holding the password.
    #[serde(default)]
    pub(crate) password_env: Option<String>,
    /// The NAME of the environment variable holding the OAuth access token.
    #[serde(default)]
    pub(crate) token_env: Option<String>,
    /// A command run once per run whose standard output is the OAuth token.
    #[serde(default)]
    pub(crate) token_command: Option<TokenCommand>,
    /// A PEM file of CA certificates trusted besides the system's and the
    /// Web PKI's (a relay with a company CA). Relative to the settings file.
    #[serde(default)]
    pub(crate) ca_file: Option<PathBuf>,
    /// The longest wait for the server at any step before the final dot:
    /// to connect and be greeted, for each answer, for each part of the
    /// message to be taken. A deadline, not an idle time: a server that
    /// answers a byte at a time runs out of it all the same.
    #[serde(default = "default_timeout", deserialize_with = "seconds")]
    pub(crate) timeout_secs: Duration,
    /// The longest wait for the answer after the final dot, when the relay
    /// may be scanning the message (RFC 5321 section 4.5.3.2.6 gives it ten
    /// minutes). Past it the message may or may not have been delivered.
    #[serde(default = "default_data_timeout", deserialize_with = "seconds")]
    pub(crate) data_timeout_secs: Duration,
}

/// A command that prints an OAuth access token on its standard output.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub(crate) enum TokenCommand {
    /// One line, run by the system's shell (`sh -c`, or `cmd /C` on Windows).
    Shell(String),
    /// A program and its arguments, run as they are (no shell, no quoting).
    Program(Vec<String>),
}

impl TokenCommand {
    /// The program's name only: the rest of a command line may carry a
    /// client secret, and messages are read by many.
    pub(crate) fn shown(&self) -> String {
        let first = match self {
            TokenCommand::Shell(line) => line.split_whitespace().next(),
            TokenCommand::Program(argv) => argv.first().map(String::as_str),
        };
        format!("`{}`", first.unwrap_or_default())
    }
}

impl fmt::Debug for TokenCommand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenCommand({} ...)", self.shown())
    }
}

fn default_timeout() -> Duration {
    Duration::from_secs(30)
}

fn default_data_timeout() -> Duration {
    Duration::from_secs(600)
}

impl SmtpSettings {
    /// The port in use.
    pub(crate) fn port(&self) -> u16 {
        self.port.unwrap_or(self.security.default_port())
    }

    /// Checks the combinations no single field can: the sign-in a method
    /// needs, and secrets that must not travel unprotected.
    pub(super) fn validate(&self) -> Result<(), SettingsError> {
        use SettingsError::Conflict;
        if self.host.trim().is_empty() {
            return Err(SettingsError::EmptyHost);
        }
        let token = self.token_env.is_some() || self.token_command.is_some();
        if self.token_env.is_some() && self.token_command.is_some() {
            return Err(Conflict(
                "`smtp.token_env` and `smtp.token_command` are both set: name one",
            ));
        }
        match self.auth {
            Some(AuthMethod::Xoauth2) => {
                if self.password_env.is_some() {
                    return Err(Conflict(
                        "auth = \"xoauth2\" signs in with an access token from `smtp.token_env` \
                         or `smtp.token_command`, not with `smtp.password_env`",
                    ));
                }
                if self.user.is_none() || !token {
                    return Err(Conflict(
                        "auth = \"xoauth2\" needs `smtp.user` (the mailbox that signs in) and \
                         one of `smtp.token_env` or `smtp.token_command`",
                    ));
                }
            }
            _ if token => {
                return Err(Conflict(
                    "`smtp.token_env` and `smtp.token_command` are for auth = \"xoauth2\"",
                ));
            }
            Some(_) if self.user.is_none() || self.password_env.is_none() => {
                return Err(Conflict(
                    "auth = \"plain\" and \"login\" need `smtp.user` and `smtp.password_env` \
                     (the name of the environment variable holding the password)",
                ));
            }
            _ => match (&self.user, &self.password_env) {
                (None, Some(_)) => {
                    return Err(Conflict(
                        "`smtp.password_env` is set but `smtp.user` is not",
                    ));
                }
                (Some(_), None) => {
                    return Err(Conflict(
                        "`smtp.user` is set but `smtp.password_env` (the name of the \
                         environment variable holding the password) is not",
                    ));
                }
                _ => {}
            },
        }
        if self.security == Security::None {
            if self.ca_file.is_some() {
                return Err(Conflict(
                    "`smtp.ca_file` is set, but security = \"none\" uses no TLS",
                ));
            }
            if self.user.is_some() && !is_loopback(&self.host) {
                return Err(Conflict(
                    "a password or token is never sent unencrypted to another machine: set \
                     `smtp.security` to \"starttls\" or \"tls\" (security = \"none\" with \
                     `smtp.user` is only for a relay on this machine: localhost, 127.0.0.1, ::1)",
                ));
            }
        }
        Ok(())
    }

    /// The certificates of `ca_file`, checked to be usable as trust anchors.
    pub(crate) fn ca_certificates(&self) -> Result<Vec<CertificateDer<'static>>, SettingsError> {
        let Some(path) = &self.ca_file else {
            return Ok(Vec::new());
        };
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| SettingsError::CaFile {
            path: shown.clone(),
            source,
        })?;
        let content = |why: String| SettingsError::CaFileContent {
            path: shown.clone(),
            why,
        };
        let certs = CertificateDer::pem_slice_iter(&bytes)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| content(format!("is not valid PEM: {e}")))?;
        if certs.is_empty() {
            return Err(content(
                "holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)".into(),
            ));
        }
        for (i, cert) in certs.iter().enumerate() {
            let mut store = rustls::RootCertStore::empty();
            store
                .add(cert.clone())
                .map_err(|e| content(format!("certificate {} cannot be trusted: {e}", i + 1)))?;
        }
        Ok(certs)
    }
}

/// Whether a host name is this machine.
pub(super) fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}
