//! `run --email` against the relays people really have: STARTTLS and
//! sign-in required, a certificate from a company CA (made here with
//! rcgen), and OAuth 2.0 (XOAUTH2) as Exchange Online wants it. Every
//! server runs inside the test process on 127.0.0.1.

mod common;

use std::path::Path;

use common::mail::{log_text, outbox, parts, run_with, write_config, write_inputs};
use common::smtp::{TestCa, final_log as log, start_starttls, start_xoauth2};

const USER: &str = "partner-desk@contoso.test";
const PASSWORD: &str = "Corr3ct-Horse-Battery";
const PASSWORD_VAR: &str = "COMPETENCY_REPORT_TEST_SMTP_PASSWORD";
const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test-access-token.sig";
const TOKEN_VAR: &str = "COMPETENCY_REPORT_TEST_SMTP_TOKEN";

/// `[email]` settings for a STARTTLS relay on 127.0.0.1; `smtp` is added
/// to the `[email.smtp]` table.
fn starttls_config(port: u16, smtp: &str) -> String {
    format!(
        "operators = [\"ops@contoso.test\"]\nfrom = \"Partner Desk <{USER}>\"\nretries = 2\n\
         retry_delay_ms = 10\n[email.smtp]\nhost = \"127.0.0.1\"\nport = {port}\n\
         security = \"starttls\"\ntimeout_secs = 10\nuser = \"{USER}\"\n{smtp}\n"
    )
}

/// A TOML string for a path.
fn toml_path(path: &Path) -> String {
    toml::Value::String(path.display().to_string()).to_string()
}

/// Everything a run left for people to read: stderr, the delivery log, the
/// outbox; a secret must be in none of them.
fn assert_secret_nowhere(dir: &Path, stderr: &str, secret: &str) {
    assert!(
        !stderr.contains(secret),
        "stderr shows the secret: {stderr}"
    );
    assert!(
        !log_text(dir).contains(secret),
        "the delivery log shows the secret"
    );
    for eml in outbox(dir) {
        let text = String::from_utf8_lossy(&std::fs::read(&eml).expect("read eml")).to_string();
        assert!(!text.contains(secret), "{} holds the secret", eml.display());
    }
}

/// A run of the standard inputs against a relay on `port` with these
/// `[email.smtp]` lines and environment.
struct Run {
    dir: tempfile::TempDir,
    code: i32,
    stderr: String,
}

fn run_against(port: u16, smtp: &str, env: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let config = write_config(dir.path(), &starttls_config(port, smtp));
    let (code, stderr) = run_with(dir.path(), Some(&config), &[], env);
    Run { dir, code, stderr }
}

/// PLAIN or LOGIN with the password in `PASSWORD_VAR`, trusting `ca` if given.
fn password_settings(ca: Option<&TestCa>) -> String {
    let mut smtp = format!("password_env = \"{PASSWORD_VAR}\"");
    if let Some(ca) = ca {
        smtp.push_str(&format!("\nca_file = {}", toml_path(&ca.ca_pem)));
    }
    smtp
}

/// XOAUTH2 with the token in `TOKEN_VAR`, trusting `ca`.
fn xoauth2_settings(ca: &TestCa) -> String {
    format!(
        "auth = \"xoauth2\"\ntoken_env = \"{TOKEN_VAR}\"\nca_file = {}",
        toml_path(&ca.ca_pem)
    )
}

#[test]
fn a_relay_with_a_company_ca_gets_every_message_through_starttls_and_auth() {
    let ca = TestCa::new();
    let (port, inbox) = start_starttls(&ca, USER, PASSWORD);
    let Run { dir, code, stderr } = run_against(
        port,
        &password_settings(Some(&ca)),
        &[(PASSWORD_VAR, PASSWORD)],
    );
    assert_eq!(code, 0, "{stderr}");

    let received = inbox.lock().expect("inbox").clone();
    let mut to: Vec<String> = received.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "alice@contoso.example",
            "bob@fabrikam.example",
            "ops@contoso.test"
        ],
        "{stderr}"
    );
    for m in &received {
        let mail = mailparse::parse_mail(&m.data).expect("a MIME message");
        let p = parts(&mail);
        assert!(!p.text.is_empty() && !p.html.is_empty() && p.files.len() == 1);
    }
    assert!(log(dir.path()).iter().all(|e| e["status"] == "sent"));
    assert!(outbox(dir.path()).is_empty(), "{stderr}");
    assert_secret_nowhere(dir.path(), &stderr, PASSWORD);
}

#[test]
fn without_ca_file_the_same_relay_gets_nothing_and_the_failure_says_why() {
    let ca = TestCa::new();
    let (port, inbox) = start_starttls(&ca, USER, PASSWORD);
    let Run { dir, code, stderr } =
        run_against(port, &password_settings(None), &[(PASSWORD_VAR, PASSWORD)]);
    // The report is written; the email step stopped at the first message
    // (exit code 4): the failure is on stderr, in the log and the outbox.
    assert_eq!(code, 4, "{stderr}");
    assert!(inbox.lock().expect("inbox").is_empty(), "{stderr}");
    let failures: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("email: FAILED"))
        .collect();
    assert_eq!(failures.len(), 1, "{stderr}");
    assert!(
        failures[0].contains("the certificate of 127.0.0.1 could not be verified")
            && failures[0].contains("UnknownIssuer")
            && failures[0].contains("ca_file")
            && failures[0].contains("(after 1 attempt)"),
        "not retried, and says why: {}",
        failures[0]
    );
    assert!(
        stderr.contains("email: stopped: the certificate of 127.0.0.1")
            && stderr.contains("2 message(s) not tried"),
        "the others are not tried: {stderr}"
    );
    let entries = log(dir.path());
    let statuses: Vec<_> = entries.iter().map(|e| e["status"].clone()).collect();
    assert_eq!(statuses, ["failed", "untried", "untried"]);
    assert!(entries.iter().all(|e| {
        e["detail"]
            .as_str()
            .is_some_and(|d| d.contains("certificate of 127.0.0.1"))
    }));
    assert_eq!(outbox(dir.path()).len(), 3);
    assert_secret_nowhere(dir.path(), &stderr, PASSWORD);
}

#[test]
fn a_ca_file_that_is_missing_or_holds_no_certificate_stops_the_run_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let not_pem = dir.path().join("not-a-cert.pem");
    std::fs::write(&not_pem, "this is not a certificate\n").expect("write");
    for (ca_file, says) in [
        ("\"missing-ca.pem\"".to_string(), "missing-ca.pem"),
        (toml_path(&not_pem), "holds no certificate"),
    ] {
        let config = write_config(
            dir.path(),
            &starttls_config(
                25,
                &format!("password_env = \"{PASSWORD_VAR}\"\nca_file = {ca_file}"),
            ),
        );
        let (code, stderr) = run_with(dir.path(), Some(&config), &[], &[(PASSWORD_VAR, PASSWORD)]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("ca_file") && stderr.contains(says),
            "{stderr}"
        );
        assert!(
            !dir.path().join("out").exists(),
            "nothing written: {stderr}"
        );
    }
}

#[test]
fn a_wrong_password_is_reported_as_a_refused_sign_in_without_showing_it() {
    let ca = TestCa::new();
    let (port, inbox) = start_starttls(&ca, USER, PASSWORD);
    let wrong = "Wr0ng-Password-Here";
    let Run { dir, code, stderr } = run_against(
        port,
        &password_settings(Some(&ca)),
        &[(PASSWORD_VAR, wrong)],
    );
    assert_eq!(code, 4, "{stderr}");
    assert!(inbox.lock().expect("inbox").is_empty());
    let failed: Vec<&str> = stderr.lines().filter(|l| l.contains("FAILED")).collect();
    assert_eq!(
        failed.len(),
        1,
        "one sign-in, not one per message: {stderr}"
    );
    assert!(
        failed
            .iter()
            .all(|l| l.contains("127.0.0.1 refused the sign-in") && l.contains("535")),
        "{stderr}"
    );
    assert_secret_nowhere(dir.path(), &stderr, wrong);
}

#[test]
fn xoauth2_with_a_token_from_the_environment_signs_in_and_delivers() {
    let ca = TestCa::new();
    let (port, inbox, sign_ins) = start_xoauth2(&ca, USER, TOKEN);
    let Run { dir, code, stderr } =
        run_against(port, &xoauth2_settings(&ca), &[(TOKEN_VAR, TOKEN)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(inbox.lock().expect("inbox").len(), 3, "{stderr}");
    let seen = sign_ins.lock().expect("sign-ins").clone();
    assert_eq!(seen, [(USER.to_string(), true)], "one sign-in for the run");
    assert_secret_nowhere(dir.path(), &stderr, TOKEN);
}

#[test]
fn a_token_the_server_rejects_stops_the_step_after_one_sign_in_and_stays_secret() {
    let ca = TestCa::new();
    let (port, inbox, sign_ins) = start_xoauth2(&ca, USER, TOKEN);
    let expired = "expired-token-0123456789";
    let Run { dir, code, stderr } =
        run_against(port, &xoauth2_settings(&ca), &[(TOKEN_VAR, expired)]);
    assert_eq!(code, 4, "{stderr}");
    assert!(inbox.lock().expect("inbox").is_empty());
    assert_eq!(
        sign_ins.lock().expect("sign-ins").clone(),
        [(USER.to_string(), false)],
        "one refused sign-in stops the step"
    );
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("FAILED") && l.contains("refused the sign-in"))
            .count(),
        1,
        "{stderr}"
    );
    assert_eq!(outbox(dir.path()).len(), 3);
    assert_secret_nowhere(dir.path(), &stderr, expired);
}

/// The token helper is run once per run, whatever the number of messages.
#[cfg(unix)]
#[test]
fn xoauth2_with_a_token_command_runs_it_once_and_delivers() {
    let ca = TestCa::new();
    let (port, inbox, _) = start_xoauth2(&ca, USER, TOKEN);
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let runs = dir.path().join("helper-runs.txt");
    let helper = format!("echo run >> '{}'; echo {TOKEN}", runs.display());
    let smtp = format!(
        "auth = \"xoauth2\"\ntoken_command = {}\nca_file = {}",
        toml::Value::String(helper),
        toml_path(&ca.ca_pem)
    );
    let config = write_config(dir.path(), &starttls_config(port, &smtp));
    let (code, stderr) = run_with(dir.path(), Some(&config), &[], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(inbox.lock().expect("inbox").len(), 3, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&runs).expect("the helper ran"),
        "run\n"
    );
    assert_secret_nowhere(dir.path(), &stderr, TOKEN);
}

#[cfg(unix)]
#[test]
fn a_token_command_that_fails_stops_the_run_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let smtp = "auth = \"xoauth2\"\ntoken_command = [\"sh\", \"-c\", \"echo 'AADSTS70043: refresh token expired (refresh_token=RT-SECRET-999-abc)' >&2; exit 3\"]";
    let config = write_config(dir.path(), &starttls_config(25, smtp));
    let (code, stderr) = run_with(dir.path(), Some(&config), &[], &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`smtp.token_command` `sh` failed (exit status: 3)")
            && stderr.contains("AADSTS70043: refresh token expired"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("RT-SECRET-999-abc"),
        "the helper's error output is scrubbed: {stderr}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn sign_in_settings_that_do_not_go_together_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    for (smtp, says) in [
        ("auth = \"xoauth2\"", "token_env"),
        (
            "auth = \"xoauth2\"\ntoken_env = \"A\"\npassword_env = \"B\"",
            "not with `smtp.password_env`",
        ),
        ("token_env = \"A\"", "are for auth = \"xoauth2\""),
        (
            "auth = \"plain\"",
            "need `smtp.user` and `smtp.password_env`",
        ),
        ("auth = \"oauth\"", "unknown variant"),
    ] {
        let config = write_config(dir.path(), &starttls_config(25, smtp));
        let (code, stderr) = run_with(dir.path(), Some(&config), &[], &[]);
        assert_eq!(code, 2, "{smtp}: {stderr}");
        assert!(stderr.contains(says), "{smtp}: {stderr}");
        assert!(!dir.path().join("out").exists());
    }
}
