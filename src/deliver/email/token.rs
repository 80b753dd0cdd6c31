//! The OAuth token helper: `token_command`, run once per run, whose
//! standard output is the access token (an existing helper, such as the
//! Azure CLI's `az account get-access-token`, can be used as it is).

use std::fmt;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::settings::{Secret, SettingsError};

/// How long a `token_command` may take: token helpers may go to the
/// network, but a run must not hang on one waiting for a person.
const TOKEN_COMMAND_TIMEOUT: Duration = Duration::from_secs(120);
/// The longest part of a helper's error output quoted in a message.
const QUOTED_STDERR: usize = 300;

/// A command that prints an OAuth access token on its standard output.
#[derive(Clone, PartialEq, Eq, Deserialize, Serialize)]
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

/// Runs the token helper once: no standard input (a run is unattended), a
/// time limit, and its standard output, trimmed, is the token.
pub(crate) fn run_token_command(command: &TokenCommand) -> Result<Secret, SettingsError> {
    let shown = command.shown();
    let failed = |why: String| SettingsError::TokenCommand {
        command: shown.clone(),
        why,
    };
    let mut process = match command {
        TokenCommand::Shell(line) if cfg!(windows) => {
            let mut c = Command::new("cmd");
            c.args(["/C", line]);
            c
        }
        TokenCommand::Shell(line) => {
            let mut c = Command::new("sh");
            c.args(["-c", line]);
            c
        }
        TokenCommand::Program(argv) => {
            let Some((program, args)) = argv.split_first() else {
                return Err(failed("is an empty list".into()));
            };
            let mut c = Command::new(program);
            c.args(args);
            c
        }
    };
    let mut child = process
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| SettingsError::TokenStart {
            command: shown.clone(),
            source,
        })?;
    // Read both pipes on their own threads so a chatty helper cannot fill
    // one and stall; a channel (not a join) so that a grandchild holding a
    // pipe open cannot hang the run.
    let (tx, rx) = mpsc::channel::<(bool, Vec<u8>)>();
    for (is_out, pipe) in [
        (
            true,
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        ),
        (
            false,
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        ),
    ] {
        let tx = tx.clone();
        if let Some(mut pipe) = pipe {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = pipe.read_to_end(&mut buf);
                let _ = tx.send((is_out, buf));
            });
        }
    }
    drop(tx);
    let deadline = Instant::now() + TOKEN_COMMAND_TIMEOUT;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!(
                    "did not finish within {} seconds",
                    TOKEN_COMMAND_TIMEOUT.as_secs()
                )));
            }
            Err(e) => return Err(failed(format!("could not be waited for: {e}"))),
        }
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    while let Ok((is_out, buf)) = rx.recv_timeout(Duration::from_secs(2)) {
        if is_out { out = buf } else { err = buf }
    }
    if !status.success() {
        let stderr = String::from_utf8_lossy(&err);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let last: String = last.trim().chars().take(QUOTED_STDERR).collect();
        return Err(failed(if last.is_empty() {
            format!("failed ({status})")
        } else {
            format!("failed ({status}): {last}")
        }));
    }
    let token = String::from_utf8_lossy(&out).trim().to_string();
    if token.is_empty() {
        return Err(failed("printed no token on its standard output".into()));
    }
    if token.contains(char::is_whitespace) {
        return Err(failed(
            "printed more than a token (expected only the access token on its standard output)"
                .into(),
        ));
    }
    Ok(Secret::new(token))
}
