//! Where the secret comes from: the variable `password_env` or `token_env`
//! names, or the OAuth token helper `token_command`, run once per run, whose
//! standard output is the access token (an existing helper, such as the
//! Azure CLI's `az account get-access-token`, can be used as it is).

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::secret::{Secret, scrub_credentials};
use super::settings::{SettingsError, SmtpSettings, TokenCommand};

/// The password or token `smtp` names, read now (the helper is run).
pub(crate) fn read_secret(smtp: &SmtpSettings) -> Result<Option<Secret>, SettingsError> {
    if let Some(name) = &smtp.password_env {
        return env_secret("password_env", name).map(Some);
    }
    if let Some(name) = &smtp.token_env {
        return env_secret("token_env", name).map(Some);
    }
    match &smtp.token_command {
        Some(command) => run_token_command(command).map(Some),
        None => Ok(None),
    }
}

/// A secret from the environment variable `name`; unset or empty is an error.
fn env_secret(key: &'static str, name: &str) -> Result<Secret, SettingsError> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok(Secret::new(value.trim().to_string())),
        _ => Err(SettingsError::Unset {
            key,
            name: name.to_string(),
        }),
    }
}

/// How long a `token_command` may take: token helpers may go to the
/// network, but a run must not hang on one waiting for a person.
const TOKEN_COMMAND_TIMEOUT: Duration = Duration::from_secs(120);
/// The longest part of a helper's error output quoted in a message.
const QUOTED_STDERR: usize = 300;

/// Runs the token helper once: no standard input (a run is unattended), a
/// time limit, and its standard output, trimmed, is the token.
fn run_token_command(command: &TokenCommand) -> Result<Secret, SettingsError> {
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
        // A helper's error output is not ours: it may quote a refresh
        // token, a client secret or the token it did print.
        let mut stderr = scrub_credentials(&String::from_utf8_lossy(&err));
        let printed = String::from_utf8_lossy(&out).trim().to_string();
        if !printed.is_empty() {
            stderr = stderr.replace(&printed, super::secret::REDACTED);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unset_variable_is_named() {
        let smtp = SmtpSettings {
            password_env: Some("COMPETENCY_REPORT_TEST_SURELY_UNSET".into()),
            ..serde_json::from_str(r#"{"host": "h"}"#).expect("smtp settings")
        };
        let msg = read_secret(&smtp).expect_err("unset").to_string();
        assert!(msg.contains("COMPETENCY_REPORT_TEST_SURELY_UNSET"), "{msg}");
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_helper_is_quoted_without_what_looks_like_a_credential() {
        let command = TokenCommand::Program(vec![
            "sh".into(),
            "-c".into(),
            "echo tok-12345-partial; echo 'AADSTS70043: expired, refresh_token=RT-SECRET-999-abc' >&2; exit 3".into(),
        ]);
        let msg = run_token_command(&command).expect_err("fails").to_string();
        assert!(
            msg.contains("AADSTS70043") && msg.contains("exit status: 3"),
            "{msg}"
        );
        assert!(!msg.contains("RT-SECRET-999-abc"), "{msg}");
    }
}
