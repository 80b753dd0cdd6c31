//! `run --email` end to end: the real binary, real input workbooks made
//! here, and real SMTP servers listening on ephemeral ports of 127.0.0.1
//! inside the test process: mailin-embedded (a maintained SMTP server
//! crate), and our own misbehaving one for the faults a relay has (slow
//! after the final dot, trickling, silent, dropping the connection at each
//! step, 451 for a while, a refused sign-in quoting the password back).
//! Nothing needs installing beyond the Rust toolchain.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::V::T;
use common::mail::{
    AS_OF, column, first_column, outbox, parts, read_parts, run, run_with, smtp_config,
    write_config, write_inputs,
};
use common::smtp::{
    Fault, Stage, closed_port, fault_config, final_log as log, start_faulty,
    start_plain as start_server,
};
use mailparse::MailHeaderMap;

#[test]
fn sends_each_partner_its_own_report_and_the_operators_the_summary_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let (port, inbox) = start_server();
    let config = write_config(dir.path(), &smtp_config(port, "\"ops@example.com\""));

    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        dir.path()
            .join(format!("out/competency-report-{AS_OF}.xlsx"))
            .exists()
    );
    assert!(
        stderr.contains("partner 1000003 was not sent its report: no Contact Email"),
        "{stderr}"
    );
    let received = inbox.lock().expect("inbox").clone();
    assert_eq!(received.len(), 3, "{stderr}");

    for (to, partner) in [
        ("alice@contoso.example", "1000001"),
        ("bob@fabrikam.example", "1000002"),
    ] {
        let msg = received
            .iter()
            .find(|m| m.to == vec![to.to_string()])
            .unwrap_or_else(|| panic!("no message to {to}"));
        let mail = mailparse::parse_mail(&msg.data).expect("a MIME message");
        let subject = mail.headers.get_first_value("Subject").expect("subject");
        assert!(
            subject.contains(AS_OF) && subject.contains(partner),
            "{subject}"
        );
        assert_eq!(
            mail.headers.get_first_value("To").as_deref(),
            Some(to),
            "header To"
        );
        let common::mail::Parts { text, files, .. } = parts(&mail);
        assert!(text.contains(&format!("partner ID {partner}")) || text.contains(partner));
        assert_eq!(files.len(), 1);
        let (name, xlsx) = &files[0];
        assert_eq!(
            name,
            &format!("competency-report-{AS_OF}-partner-{partner}.xlsx")
        );
        // Only its own rows, on every sheet.
        assert_eq!(first_column(xlsx, "Summary"), vec![partner.to_string()]);
        let customers = column(xlsx, "Customers", "Partner ID");
        assert_eq!(customers.len(), 2);
        assert!(customers.iter().all(|p| p == partner));
        assert!(
            column(xlsx, "People", "Partner ID")
                .iter()
                .all(|p| p == partner)
        );
        let files = first_column(xlsx, "Run info").join(" ");
        assert!(files.contains("partners.xlsx"), "{files}");
        assert!(!files.contains("litware"), "{files}");
        let problems = first_column(xlsx, "Problems");
        if partner == "1000002" {
            assert_eq!(problems.len(), 1, "its negative Active Users cell");
        } else {
            assert!(problems.is_empty());
        }
    }

    let ops = received
        .iter()
        .find(|m| m.to == vec!["ops@example.com".to_string()])
        .expect("the operator message");
    let mail = mailparse::parse_mail(&ops.data).expect("a MIME message");
    let common::mail::Parts { text, files, .. } = parts(&mail);
    assert!(
        text.contains("Partners: 3 (Gold 0, Silver 1, none 2)"),
        "{text}"
    );
    assert!(text.contains("Problems: 2"), "{text}");
    assert!(text.contains("Top actions"), "{text}");
    assert!(text.contains("2 sent"), "{text}");
    assert!(
        text.contains("1000003 Litware UK: no Contact Email"),
        "{text}"
    );
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, format!("competency-report-{AS_OF}.xlsx"));
    assert_eq!(first_column(&files[0].1, "Summary").len(), 3);
    assert!(
        first_column(&files[0].1, "Run info")
            .join(" ")
            .contains("litware-secret.xlsx")
    );

    let entries = log(dir.path());
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| e["status"] == "sent"
        && e["as_of"] == AS_OF
        && e["attempts"] == 1
        && e["message_id"].as_str().is_some_and(|m| m.starts_with('<'))));
    assert!(
        outbox(dir.path()).is_empty(),
        "sent messages leave the outbox"
    );

    // The same month again: a second report, but nobody is mailed twice.
    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(inbox.lock().expect("inbox").len(), 3, "{stderr}");
    assert_eq!(stderr.matches("email: skipped").count(), 3, "{stderr}");
    assert_eq!(log(dir.path()).len(), 3);
}

#[test]
fn without_smtp_messages_go_to_the_outbox_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let (code, stderr) = run(dir.path(), None);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("partner 1000003 was not sent"), "{stderr}");
    assert!(stderr.contains("no operator addresses"), "{stderr}");
    let files = outbox(dir.path());
    let names: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
        .collect();
    assert_eq!(
        names,
        vec![
            format!("competency-report-{AS_OF}-partner-1000001.eml"),
            format!("competency-report-{AS_OF}-partner-1000002.eml"),
        ]
    );
    let eml = std::fs::read(&files[0]).expect("read eml");
    assert!(eml.starts_with(b"X-Unsent: 1\r\n"), "opens as a draft");
    let mail = mailparse::parse_mail(&eml).expect("a MIME message");
    assert_eq!(
        mail.headers.get_first_value("To").as_deref(),
        Some("alice@contoso.example")
    );
    let attached = parts(&mail).files;
    assert_eq!(first_column(&attached[0].1, "Summary"), vec!["1000001"]);
    assert!(log(dir.path()).iter().all(|e| e["status"] == "outbox"));

    let (code, stderr) = run(dir.path(), None);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(outbox(dir.path()).len(), 2, "no second copy: {stderr}");
}

#[test]
fn a_refusing_server_is_retried_reported_and_the_message_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let port = closed_port();
    let config = write_config(dir.path(), &smtp_config(port, "\"ops@example.com\""));
    let (code, stderr) = run(dir.path(), Some(&config));
    // The report was written, but the email step stopped: exit code 4.
    assert_eq!(code, 4, "{stderr}");
    assert!(
        dir.path()
            .join(format!("out/competency-report-{AS_OF}.xlsx"))
            .exists()
    );
    assert!(
        stderr.contains("FAILED to send partner 1000001's report to alice@contoso.example"),
        "{stderr}"
    );
    assert!(stderr.contains("after 3 attempts"), "{stderr}");
    assert!(stderr.to_lowercase().contains("refused"), "{stderr}");
    // Three refused connections in a row: the relay is left alone, the
    // rest said in one line.
    assert_eq!(stderr.matches("email: FAILED").count(), 1, "{stderr}");
    assert!(
        stderr.contains("competency-report: warning: email stopped: the relay did not answer 3 attempts in a row")
            && stderr.contains("2 message(s) not tried are in"),
        "{stderr}"
    );
    assert_eq!(outbox(dir.path()).len(), 3, "all three stay in the outbox");
    assert_eq!(statuses(dir.path()), ["failed", "untried", "untried"]);

    // Later the server is up: the failed messages go out, and their old
    // outbox copies are cleared.
    let (port, inbox) = start_server();
    let config = write_config(dir.path(), &smtp_config(port, "\"ops@example.com\""));
    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(inbox.lock().expect("inbox").len(), 3, "{stderr}");
    assert!(outbox(dir.path()).is_empty(), "{stderr}");
}

#[test]
fn a_recipient_the_server_refuses_is_reported_with_its_answer_and_not_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "refuse@fabrikam.example");
    let (port, inbox) = start_server();
    let config = write_config(dir.path(), &smtp_config(port, "\"ops@example.com\""));
    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 0, "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("FAILED"))
        .unwrap_or_else(|| panic!("no failure reported: {stderr}"));
    assert!(line.contains("refuse@fabrikam.example"), "{line}");
    assert!(line.contains("550"), "the server's answer: {line}");
    assert!(line.contains("after 1 attempt)"), "5xx is final: {line}");
    assert_eq!(inbox.lock().expect("inbox").len(), 2, "the others went out");
    let kept = outbox(dir.path());
    assert_eq!(kept.len(), 1);
    let ops = inbox
        .lock()
        .expect("inbox")
        .iter()
        .find(|m| m.to == vec!["ops@example.com".to_string()])
        .cloned()
        .expect("operator message");
    let text = parts(&mailparse::parse_mail(&ops.data).expect("MIME")).text;
    assert!(text.contains("FAILED to refuse@fabrikam.example"), "{text}");
}

#[test]
fn bad_email_settings_stop_the_run_before_anything_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let config = write_config(
        dir.path(),
        "operators = [\"ops@example.com\"]\n[email.smtp]\nhost = \"127.0.0.1\"\nuser = \"u\"\n\
         password_env = \"COMPETENCY_REPORT_TEST_UNSET_PASSWORD\"\n",
    );
    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("COMPETENCY_REPORT_TEST_UNSET_PASSWORD"),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());

    // A password is never sent without TLS to another machine: one line
    // naming the setting to change.
    let config = write_config(
        dir.path(),
        "[email.smtp]\nhost = \"smtp.example.com\"\nsecurity = \"none\"\nuser = \"u\"\n\
         password_env = \"COMPETENCY_REPORT_TEST_UNSET_PASSWORD\"\n",
    );
    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 2, "{stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("never sent unencrypted"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(
        line.contains("`smtp.security`") && line.contains("\"starttls\""),
        "{line}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_contact_email_that_is_not_an_address_is_listed_not_skipped_silently() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob at fabrikam");
    let (code, stderr) = run(dir.path(), None);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("partner 1000002 was not sent its report: Contact Email \"bob at fabrikam\" is not an address"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 partner(s) without an address"),
        "{stderr}"
    );
    assert_eq!(outbox(dir.path()).len(), 1);
}

#[test]
fn starttls_is_required_when_asked_for_nothing_goes_out_in_plain_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    // The test server offers no STARTTLS.
    let (port, inbox) = start_server();
    let config = write_config(
        dir.path(),
        &smtp_config(port, "\"ops@example.com\"").replace("\"none\"", "\"starttls\""),
    );
    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 4, "the email step stopped: {stderr}");
    assert!(inbox.lock().expect("inbox").is_empty(), "{stderr}");
    assert_eq!(stderr.matches("email: FAILED").count(), 1, "{stderr}");
    assert!(stderr.contains("STARTTLS"), "{stderr}");
    assert_eq!(
        stderr.matches("(after 1 attempt)").count(),
        1,
        "a missing STARTTLS is not retried: {stderr}"
    );
    assert!(
        stderr.contains("2 message(s) not tried are in"),
        "nor tried again for the other messages: {stderr}"
    );
    assert_eq!(outbox(dir.path()).len(), 3);
}

#[test]
fn the_config_files_email_table_sends_without_the_flag() {
    let (port, received) = start_server();
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    // The monthly routine's config file: folders and [email], no flags.
    let config = format!(
        "inbox = \"input\"\nreports = \"out\"\nsettle_seconds = 0\n[email]\n{}",
        smtp_config(port, "\"ops@example.com\"")
    );
    std::fs::write(dir.path().join("competency-report.toml"), config).expect("write config");
    let out = common::Run::new()
        .current_dir(dir.path())
        .args(["run", "--as-of", AS_OF])
        .ok();
    let stderr = &out.stderr;
    let mails = received.lock().expect("lock");
    let mut to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "alice@contoso.example",
            "bob@fabrikam.example",
            "ops@example.com"
        ],
        "{stderr}"
    );
    assert!(
        outbox(dir.path()).is_empty(),
        "everything was sent: {stderr}"
    );
}

/// Last month partner 1000001 had 1,500 active entitlements (no level);
/// this month it has 2,200 (Silver). Its emailed workbook and its message
/// say so: the email step gets the month-over-month changes the report got.
#[test]
fn a_partners_workbook_and_message_show_its_change_since_last_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("input");
    std::fs::create_dir_all(&input).expect("input dir");
    common::write_workbook(
        &input.join("partners.xlsx"),
        &[
            (
                "Partners",
                vec![
                    vec![T("Partner ID"), T("Partner Name"), T("Contact Email")],
                    vec![T("1000001"), T("Contoso Ltd"), T("alice@contoso.example")],
                ],
            ),
            (
                "Customers",
                vec![
                    common::customer_header(),
                    common::customer("1000001", "t-a", "Exchange Online", 1500.0, "Paid", "DAP"),
                ],
            ),
            (
                "Transcripts",
                vec![
                    common::transcript_header(),
                    common::transcript("1000001", "dan@contoso.example", "MCSA: Office 365"),
                ],
            ),
        ],
    );
    let config = write_config(dir.path(), "operators = [\"ops@example.com\"]");
    let (code, stderr) = run_with(dir.path(), Some(&config), &["--as-of", "2017-08-31"], &[]);
    assert_eq!(code, 0, "{stderr}");
    // This month's inputs replace last month's.
    write_inputs(dir.path(), "bob@fabrikam.example");
    let (code, stderr) = run(dir.path(), Some(&config));
    assert_eq!(code, 0, "{stderr}");

    let eml = outbox(dir.path())
        .into_iter()
        .find(|p| p.ends_with(format!("competency-report-{AS_OF}-partner-1000001.eml")))
        .expect("this month's message to 1000001");
    let p = read_parts(&eml);
    let xlsx = &p.files[0].1;
    assert_eq!(column(xlsx, "Summary", "Change")[0], "gained Silver");
    assert_eq!(column(xlsx, "Summary", "Entitlements Change")[0], "700");
    assert!(
        p.text.contains("Since 2017-08-31:")
            && p.text.contains("gained Silver, +700 active entitlements"),
        "{}",
        p.text
    );
    assert!(p.html.contains("gained Silver, +700 active entitlements"));

    // The operators' summary lists the level changes.
    let summary = outbox(dir.path())
        .into_iter()
        .find(|p| p.ends_with(format!("competency-report-{AS_OF}-summary.eml")))
        .expect("this month's summary");
    let text = read_parts(&summary).text;
    assert!(text.contains("Changes since 2017-08-31:"), "{text}");
    assert!(
        text.contains("- Contoso Ltd (1000001): gained Silver"),
        "{text}"
    );
    assert!(text.contains("- Fabrikam Inc (1000002): new"), "{text}");
}

/// `--quiet` leaves out the progress lines, never what needs a person.
#[test]
fn quiet_keeps_failures_and_unaddressed_partners_and_drops_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let (code, stderr) = run_with(dir.path(), None, &["--quiet"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        outbox(dir.path()).len(),
        2,
        "the messages are written: {stderr}"
    );
    let email_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("email:")).collect();
    // Nor that the summary went to nobody.
    assert_eq!(
        email_lines,
        [
            "email: partner 1000003 was not sent its report: no Contact Email on the partners sheet",
            "email: no operator addresses are configured: the summary was not sent"
        ],
        "{stderr}"
    );

    let port = closed_port();
    let config = write_config(dir.path(), &smtp_config(port, "\"ops@example.com\""));
    let (code, stderr) = run_with(
        dir.path(),
        Some(&config),
        &["--quiet", "--as-of", "2017-10-31"],
        &[],
    );
    assert_eq!(code, 4, "{stderr}");
    assert_eq!(stderr.matches("email: FAILED").count(), 1, "{stderr}");
    assert!(stderr.contains("email: stopped:"), "{stderr}");
    assert!(
        !stderr.contains(" in the outbox, "),
        "no totals when quiet: {stderr}"
    );
}

/// The totals line says "email:" once: the prefix is the caller's.
#[test]
fn the_totals_line_has_one_prefix() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let (code, stderr) = run_with(dir.path(), None, &[], &[]);
    assert_eq!(code, 0, "{stderr}");
    let totals: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains(" in the outbox, "))
        .collect();
    assert_eq!(totals.len(), 1, "{stderr}");
    assert!(
        totals[0].starts_with("email: 0 sent, 2 in the outbox, 0 failed"),
        "{stderr}"
    );
    assert!(!stderr.to_lowercase().contains("email: email:"), "{stderr}");
}

/// The standard inputs and a config for a faulty server; the folder.
fn faulty_run(port: u16, secs: f64, email: &str, smtp: &str) -> (tempfile::TempDir, i32, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path(), "bob@fabrikam.example");
    let config = write_config(dir.path(), &fault_config(port, secs, email, smtp));
    let (code, stderr) = run(dir.path(), Some(&config));
    (dir, code, stderr)
}

/// What became of each message, in the order they were sent.
fn statuses(dir: &Path) -> Vec<String> {
    log(dir)
        .iter()
        .map(|e| e["status"].as_str().unwrap_or_default().to_string())
        .collect()
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
