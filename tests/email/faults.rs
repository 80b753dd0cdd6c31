//! A relay that misbehaves: slow, silent, trickling or dropped connections,
//! sign-ins refused or temporarily refused, and a run killed mid-send. Each
//! message is delivered at most once and what was not sent waits in the outbox.

use super::*;

/// The standard inputs and a config for a faulty server; the folder.
fn faulty_run(port: u16, secs: f64, email: &str, smtp: &str) -> (tempfile::TempDir, i32, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let config = write_config(dir.path(), &fault_config(port, secs, email, smtp));
    let (code, stderr) = run(dir.path(), Some(&config));
    (dir, code, stderr)
}

/// No Message-ID twice in what a server kept.
fn assert_no_duplicates(ids: &[String]) {
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        ids.len(),
        "a message was delivered twice: {ids:?}"
    );
}

/// The `.eml` files in `out/outbox/unconfirmed/`.
fn unconfirmed(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir.join("out/outbox/unconfirmed"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

/// The relay keeps the whole message and answers the final dot only after
/// `data_timeout_secs`: the message may have been delivered, so it is not
/// sent again, now or on a re-run, and the operator is told what to check.
#[test]
fn a_relay_slow_after_the_final_dot_never_gets_the_message_twice() {
    let server = start_faulty(Fault::SlowAfterDot(Duration::from_secs(2)), 1, None);
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let config = write_config(dir.path(), &fault_config(server.port, 0.5, "", ""));
    let (code, stderr) = run_with(dir.path(), Some(&config), &["--strict"], &[]);
    // The step went on with a new connection: no warning, but --strict
    // says a message may not have arrived.
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(
        stderr.contains("0 message(s) could not be sent and 1 may or may not have been delivered"),
        "{stderr}"
    );
    let ids = server.message_ids();
    assert_eq!(ids.len(), 3, "{stderr}");
    assert_no_duplicates(&ids);
    let line = stderr
        .lines()
        .find(|l| l.contains("UNKNOWN"))
        .unwrap_or_else(|| panic!("no line says the fate is unknown: {stderr}"));
    assert!(
        line.contains("partner 1000001's report reached alice@contoso.example")
            && line.contains("did not answer at the final dot within 0.5 s (data_timeout_secs)")
            && line.contains(&format!("Message-ID {}", ids[0]))
            && line.contains("unconfirmed")
            && line.contains("(after 1 attempt)"),
        "{line}"
    );
    assert_eq!(statuses(dir.path()), ["unknown", "sent", "sent"]);
    // The outbox holds exactly the unsent messages: none; the unknown one
    // waits in unconfirmed/ for the operator.
    assert!(outbox(dir.path()).is_empty(), "{stderr}");
    assert_eq!(unconfirmed(dir.path()).len(), 1);
    let summary = server.inbox.lock().expect("inbox")[2].data.clone();
    let text = parts(&mailparse::parse_mail(&summary).expect("MIME")).text;
    assert!(
        text.contains("UNKNOWN whether it reached alice@contoso.example")
            && text.contains("Check the relay's log for Message-ID"),
        "{text}"
    );

    // The month again: nobody is sent anything twice.
    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(server.message_ids().len(), 3, "{stderr}");
    assert!(
        stderr.contains(
            "skipped partner 1000001's report to alice@contoso.example: handed to the relay"
        ),
        "{stderr}"
    );
}

/// A relay that answers a byte at a time, or not at all: each attempt ends
/// at its deadline, said in words; after three silent attempts in a row the
/// relay is left alone, the rest wait in the outbox, and the whole step
/// has a deadline of its own.
#[test]
fn a_trickling_or_silent_relay_meets_deadlines_and_is_given_up() {
    let server = start_faulty(Fault::Trickle(Duration::from_millis(100)), usize::MAX, None);
    let started = Instant::now();
    let (dir, code, stderr) = faulty_run(server.port, 0.3, "", "");
    assert!(started.elapsed() < Duration::from_secs(15), "{stderr}");
    assert_eq!(code, 4, "{stderr}");
    assert!(
        stderr.contains(
            "timed out: 127.0.0.1 did not answer at connect (greeting, EHLO) within 0.3 s (timeout_secs) (after 3 attempts)"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
    assert!(
        stderr.contains("email: stopped: the relay did not answer 3 attempts in a row")
            && stderr.contains("2 message(s) not tried are in"),
        "{stderr}"
    );
    assert_eq!(server.seen().connections, 3);
    assert_eq!(outbox(dir.path()).len(), 3);

    // Silent, with a relay given more chances than the step has time.
    let server = start_faulty(Fault::Silent, usize::MAX, None);
    let started = Instant::now();
    let (dir, code, stderr) = faulty_run(
        server.port,
        5.0,
        "deadline_secs = 0.5\ngive_up_after = 10",
        "",
    );
    assert!(started.elapsed() < Duration::from_secs(15), "{stderr}");
    assert_eq!(code, 4, "{stderr}");
    assert!(
        stderr.contains("the email step ran out of time: 0.5 s (deadline_secs)")
            && stderr.contains("2 message(s) not tried"),
        "{stderr}"
    );
    assert_eq!(statuses(dir.path()), ["failed", "untried", "untried"]);
    assert_eq!(outbox(dir.path()).len(), 3);

    // The relay is back: everything goes, once, and the outbox empties.
    let good = start_faulty(Fault::None, 0, None);
    let config = write_config(dir.path(), &fault_config(good.port, 5.0, "", ""));
    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(good.message_ids().len(), 3, "{stderr}");
    assert!(outbox(dir.path()).is_empty(), "{stderr}");
}

/// Before the final dot the message cannot be the relay's: a connection
/// lost at any step up to then is retried, and the message delivered once,
/// its attempts logged.
#[test]
fn a_connection_dropped_before_the_final_dot_is_retried_and_delivered_once() {
    for stage in [
        Stage::Connect,
        Stage::Ehlo,
        Stage::Mail,
        Stage::Rcpt,
        Stage::Data,
        Stage::MidData,
    ] {
        let server = start_faulty(Fault::DropAt(stage), 1, None);
        let (dir, code, stderr) = faulty_run(server.port, 5.0, "", "");
        assert_eq!(code, 0, "{stage:?}: {stderr}");
        let ids = server.message_ids();
        assert_eq!(ids.len(), 3, "{stage:?}: {stderr}");
        assert_no_duplicates(&ids);
        assert!(
            stderr.contains(
                "sent partner 1000001's report to alice@contoso.example (after 2 attempts)"
            ),
            "{stage:?}: {stderr}"
        );
        let first = &log(dir.path())[0];
        assert_eq!(
            (&first["status"], &first["attempts"]),
            (&"sent".into(), &2.into())
        );
        assert!(outbox(dir.path()).is_empty(), "{stage:?}: {stderr}");
    }
}

/// A 451 is retried on the same connection, and the success says it took
/// two attempts; one sign-in serves the whole run.
#[test]
fn one_sign_in_serves_the_run_and_a_temporary_refusal_is_retried() {
    let server = start_faulty(Fault::TempFailRcpt, 1, Some(("desk", "Corr3ct-Horse")));
    let (dir, code, stderr) = {
        let dir = tempfile::tempdir().expect("tempdir");
        write_inputs(dir.path(), "bob@fabrikam.example");
        let smtp = "user = \"desk\"\npassword_env = \"COMPETENCY_REPORT_TEST_FAULT_PASSWORD\"";
        let config = write_config(dir.path(), &fault_config(server.port, 5.0, "", smtp));
        let env = [("COMPETENCY_REPORT_TEST_FAULT_PASSWORD", "Corr3ct-Horse")];
        let (code, stderr) = run_with(dir.path(), Some(&config), &[], &env);
        (dir, code, stderr)
    };
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(server.message_ids().len(), 3, "{stderr}");
    let seen = server.seen();
    assert_eq!((seen.connections, seen.sign_ins), (1, 1), "{stderr}");
    assert!(
        stderr
            .contains("sent partner 1000001's report to alice@contoso.example (after 2 attempts)"),
        "{stderr}"
    );
    let first = &log(dir.path())[0];
    assert!(
        first["detail"]
            .as_str()
            .is_some_and(|d| d.contains("(after 2 attempts)"))
            && first["attempts"] == 2,
        "{first}"
    );
}

/// A refused sign-in stops the step at once: one sign-in, not one per
/// message, everything left in the outbox, exit code 4. The relay quotes
/// the password back, plain and base64-encoded; it shows nowhere.
#[test]
fn a_refused_sign_in_is_tried_once_and_the_password_shows_nowhere() {
    // Short, and with a character no base64 text or Message-ID has.
    let password = "k7$";
    let (plain, login) = {
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        (
            b64.encode(format!("\0desk\0{password}")),
            b64.encode(password),
        )
    };
    for auth in ["", "auth = \"login\""] {
        let server = start_faulty(Fault::RejectSignInEcho, usize::MAX, Some(("desk", "other")));
        let dir = tempfile::tempdir().expect("tempdir");
        write_inputs(dir.path(), "bob@fabrikam.example");
        let smtp =
            format!("user = \"desk\"\npassword_env = \"COMPETENCY_REPORT_TEST_FAULT_PW\"\n{auth}");
        let config = write_config(dir.path(), &fault_config(server.port, 5.0, "", &smtp));
        let env = [("COMPETENCY_REPORT_TEST_FAULT_PW", password)];
        let (code, stderr) = run_with(dir.path(), Some(&config), &[], &env);
        assert_eq!(code, 4, "{auth}: {stderr}");
        assert_eq!(server.seen().sign_ins, 1, "{auth}: {stderr}");
        assert!(server.message_ids().is_empty());
        assert!(
            stderr.contains("127.0.0.1 refused the sign-in: permanent error (535)")
                && stderr.contains(
                    "Authentication failed for [redacted] (user desk with password [redacted])"
                )
                && stderr.contains("competency-report: warning: email stopped")
                && stderr.contains("2 message(s) not tried"),
            "{auth}: {stderr}"
        );
        assert_eq!(outbox(dir.path()).len(), 3);
        let log_text =
            std::fs::read_to_string(dir.path().join(format!("out/delivery-log-{AS_OF}.jsonl")))
                .expect("log");
        // The messages as a person reads them: the summary tells the
        // operators why nothing was sent.
        let mut traces = vec![stderr.clone(), log_text];
        for eml in outbox(dir.path()) {
            let bytes = std::fs::read(eml).expect("eml");
            let p = parts(&mailparse::parse_mail(&bytes).expect("MIME"));
            traces.extend([p.text, p.html]);
        }
        assert!(traces.iter().any(|t| t.contains("refused the sign-in")));
        for (i, trace) in traces.iter().enumerate() {
            for secret in [password, plain.as_str(), login.as_str()] {
                assert!(
                    !trace.contains(secret),
                    "{auth}: trace {i} holds {secret:?}: {trace}"
                );
            }
        }
    }
}

/// A run killed mid-send: the message the relay never got is sent by the
/// next run and its stale copy goes; the one handed over whole is not sent
/// again. After each run the outbox holds exactly the unsent messages.
#[cfg(unix)]
#[test]
fn a_run_killed_mid_send_leaves_exactly_the_unsent_messages_in_the_outbox() {
    for (hang, resent) in [(Stage::Mail, true), (Stage::AfterDot, false)] {
        let server = start_faulty(Fault::HangAt(hang), usize::MAX, None);
        let dir = tempfile::tempdir().expect("tempdir");
        write_inputs(dir.path(), "bob@fabrikam.example");
        let config = write_config(dir.path(), &fault_config(server.port, 30.0, "", ""));
        let mut child =
            std::process::Command::new(assert_cmd::cargo::cargo_bin("competency-report"))
                .arg("run")
                .arg("--input")
                .arg(dir.path().join("input"))
                .arg("--output")
                .arg(dir.path().join("out"))
                .args(["--as-of", AS_OF, "--email-config"])
                .arg(&config)
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("start the run");
        server.wait_for(hang);
        child.kill().expect("kill -9");
        let _ = child.wait();
        assert_eq!(outbox(dir.path()).len(), 1, "{hang:?}: its copy is there");

        let good = start_faulty(Fault::None, 0, None);
        let config = write_config(dir.path(), &fault_config(good.port, 5.0, "", ""));
        let (code, stderr) = run(dir.path(), Some(&config));
        assert_eq!(code, 0, "{hang:?}: {stderr}");
        assert!(outbox(dir.path()).is_empty(), "{hang:?}: {stderr}");
        let first = &log(dir.path())[0];
        if resent {
            assert_eq!(good.message_ids().len(), 3, "{stderr}");
            assert_eq!(first["status"], "sent");
            assert!(unconfirmed(dir.path()).is_empty());
        } else {
            assert_eq!(server.message_ids().len(), 1);
            assert_eq!(good.message_ids().len(), 2, "not sent again: {stderr}");
            assert_eq!(first["status"], "unknown");
            assert_eq!(unconfirmed(dir.path()).len(), 1);
            assert!(
                stderr.contains("skipped partner 1000001's report")
                    && stderr.contains("may have been delivered"),
                "{stderr}"
            );
        }
    }
}
