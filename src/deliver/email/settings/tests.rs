//! The `[email]` settings read, checked and refused.

use super::smtp::is_loopback;
use super::*;

fn table(text: &str) -> toml::Table {
    text.parse().expect("valid TOML")
}

fn settings(text: &str) -> Result<EmailSettings, SettingsError> {
    EmailSettings::from_table(&table(text), Path::new("/etc/competency-report"))
}

#[test]
fn settings_read_with_defaults_and_ca_file_relative_to_their_file() {
    let s = settings(
        r#"operators = ["ops@example.com"]
           [smtp]
           host = "mail.example.com"
           ca_file = "company-ca.pem""#,
    )
    .expect("valid settings");
    assert_eq!(s.retries, 3);
    let smtp = s.smtp.expect("smtp");
    assert_eq!(smtp.security, Security::Starttls);
    assert_eq!(smtp.port(), 587);
    assert_eq!(smtp.auth, None);
    assert_eq!(
        smtp.ca_file.as_deref(),
        Some(Path::new("/etc/competency-report/company-ca.pem"))
    );
}

#[test]
fn settings_refuse_bad_addresses_and_unknown_keys_and_load_without_the_environment() {
    let bad = |t: &str| settings(t).expect_err(t).to_string();
    assert!(bad(r#"operators = ["not an address"]"#).contains("operator"));
    assert!(bad(r#"password = "x""#).contains("password"));
    assert!(
        bad(r#"[smtp]
               host = "h"
               security = "ssl""#)
        .contains("ssl")
    );
    assert!(
        bad(r#"[smtp]
               host = "h"
               user = "u""#)
        .contains("password_env")
    );
    assert!(
        bad(r#"[smtp]
               host = "mail.example.com"
               security = "none"
               user = "u"
               password_env = "P""#)
        .contains("never sent unencrypted")
    );
    let s = settings(
        r#"[smtp]
           host = "h"
           user = "u"
           password_env = "COMPETENCY_REPORT_TEST_SURELY_UNSET""#,
    )
    .expect("loads without looking at the environment");
    assert!(s.smtp.is_some());
}

#[test]
fn deadlines_are_seconds_whole_or_not_and_more_than_zero() {
    let s = settings(
        r#"deadline_secs = 0.5
           [smtp]
           host = "h"
           timeout_secs = 0.25"#,
    )
    .expect("fractions of a second");
    assert_eq!(s.deadline_secs, Duration::from_millis(500));
    let smtp = s.smtp.expect("smtp");
    assert_eq!(smtp.timeout_secs, Duration::from_millis(250));
    assert_eq!(smtp.data_timeout_secs, Duration::from_secs(600));
    for bad in [
        "deadline_secs = 0",
        "deadline_secs = -1",
        "deadline_secs = 1e9",
    ] {
        let msg = settings(bad).expect_err(bad).to_string();
        assert!(msg.contains("seconds"), "{bad}: {msg}");
    }
    assert!(
        settings("give_up_after = 0")
            .expect_err("zero")
            .to_string()
            .contains("give_up_after")
    );
}

#[test]
fn a_token_command_is_shown_by_its_program_only() {
    let command = TokenCommand::Shell("get-token --client-secret hunter22".into());
    assert_eq!(command.shown(), "`get-token`");
    assert!(!format!("{command:?}").contains("hunter22"));
}

#[test]
fn loopback_hosts_are_recognised() {
    for host in ["localhost", "127.0.0.1", "::1", "[::1]"] {
        assert!(is_loopback(host), "{host}");
    }
    for host in ["mail.example.com", "10.0.0.1"] {
        assert!(!is_loopback(host), "{host}");
    }
}
