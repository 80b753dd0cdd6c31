//! `run --email` end to end: the real binary, real input workbooks made
//! here, and a real SMTP server (mailin-embedded, a maintained SMTP server
//! crate) listening on an ephemeral port of 127.0.0.1 inside the test
//! process. Nothing needs installing beyond the Rust toolchain.

use std::io::Cursor;
use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};
use mailin_embedded::{Handler, Response, Server, SslConfig, response};
use mailparse::{MailHeaderMap, ParsedMail};
use rust_xlsxwriter::Workbook;

const AS_OF: &str = "2017-09-30";

/// One message as the server received it.
#[derive(Debug, Clone)]
struct Received {
    /// The envelope recipients (RCPT TO).
    to: Vec<String>,
    /// The message, as sent.
    data: Vec<u8>,
}

/// The test server's handler: keeps every message, refuses recipients
/// whose address contains `refuse`.
#[derive(Clone)]
struct Keep {
    inbox: Arc<Mutex<Vec<Received>>>,
    to: Vec<String>,
    data: Vec<u8>,
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
}

/// Starts an SMTP server on an ephemeral port; returns the port and its
/// inbox. The server thread ends with the test process.
fn start_server() -> (u16, Arc<Mutex<Vec<Received>>>) {
    let inbox = Arc::new(Mutex::new(Vec::new()));
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
    let port = listener.local_addr().expect("local address").port();
    let mut server = Server::new(Keep {
        inbox: inbox.clone(),
        to: Vec::new(),
        data: Vec::new(),
    });
    server
        .with_name("test.localhost")
        .with_ssl(SslConfig::None)
        .expect("no TLS")
        .with_num_threads(2)
        .with_tcp_listener(listener);
    std::thread::spawn(move || {
        // serve() returns only if the listener fails; say so, then end.
        if let Err(e) = server.serve() {
            eprintln!("test SMTP server stopped: {e}");
        }
    });
    (port, inbox)
}

/// A port nothing listens on: bound, then released.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}

/// One input workbook: partners 1000001 and 1000002 have addresses,
/// 1000003 has none; 1000002 has a bad Active Users cell (a problem on one
/// of its rows); 1000001 has a qualified person.
fn write_inputs(dir: &Path, p2_email: &str) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Partners").expect("sheet");
    for (c, h) in ["Partner ID", "Partner Name", "Contact Email"]
        .iter()
        .enumerate()
    {
        ws.write(0, c as u16, *h).expect("write");
    }
    let partners = [
        ("1000001", "Contoso Ltd", "alice@contoso.example"),
        ("1000002", "Fabrikam Inc", p2_email),
        ("1000003", "Litware UK", ""),
    ];
    for (r, (id, name, mail)) in partners.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write(r, 0, *id).expect("write");
        ws.write(r, 1, *name).expect("write");
        if !mail.is_empty() {
            ws.write(r, 2, *mail).expect("write");
        }
    }
    let ws = wb.add_worksheet().set_name("Customers").expect("sheet");
    for (c, h) in [
        "Partner ID",
        "Customer ID",
        "Customer Name",
        "Workload",
        "Active Users",
        "Association",
    ]
    .iter()
    .enumerate()
    {
        ws.write(0, c as u16, *h).expect("write");
    }
    let customers: [(&str, &str, &str, &str, &str); 5] = [
        ("1000001", "t-a", "Adatum", "Exchange Online", "1500"),
        ("1000001", "t-b", "Bellows", "Exchange Online", "700"),
        ("1000002", "t-c", "Coho", "SharePoint Online", "900"),
        ("1000002", "t-d", "Datum", "Exchange Online", "-5"),
        ("1000003", "t-e", "Electro", "Exchange Online", "4500"),
    ];
    for (r, (id, cust, name, wl, users)) in customers.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write(r, 0, *id).expect("write");
        ws.write(r, 1, *cust).expect("write");
        ws.write(r, 2, *name).expect("write");
        ws.write(r, 3, *wl).expect("write");
        ws.write(r, 4, *users).expect("write");
        ws.write(r, 5, "DAP").expect("write");
    }
    let ws = wb.add_worksheet().set_name("Transcripts").expect("sheet");
    for (c, h) in [
        "Partner ID",
        "Person ID",
        "Person Name",
        "Credential",
        "Date Passed",
    ]
    .iter()
    .enumerate()
    {
        ws.write(0, c as u16, *h).expect("write");
    }
    ws.write(1, 0, "1000001").expect("write");
    ws.write(1, 1, "dan@contoso.example").expect("write");
    ws.write(1, 2, "Dan Park").expect("write");
    ws.write(1, 3, "MCSA: Office 365").expect("write");
    ws.write(1, 4, "2017-05-03").expect("write");
    // A sheet that cannot be classified: a problem about the whole sheet,
    // which no partner's own workbook carries.
    let ws = wb.add_worksheet().set_name("Notes").expect("sheet");
    ws.write(0, 0, "Remark").expect("write");
    ws.write(1, 0, "call Litware about renewals")
        .expect("write");
    let input = dir.join("input");
    std::fs::create_dir_all(&input).expect("input dir");
    let path = input.join("partners.xlsx");
    wb.save(&path).expect("save inputs");

    // A second file holding only partner 1000003's rows: other partners'
    // workbooks must not even name it.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Customers").expect("sheet");
    for (c, h) in [
        "Partner ID",
        "Customer ID",
        "Workload",
        "Active Users",
        "Association",
    ]
    .iter()
    .enumerate()
    {
        ws.write(0, c as u16, *h).expect("write");
    }
    for (c, v) in ["1000003", "t-f", "Yammer", "10", "DAP"].iter().enumerate() {
        ws.write(1, c as u16, *v).expect("write");
    }
    wb.save(input.join("litware-secret.xlsx"))
        .expect("save inputs");
    path
}

/// Writes an email settings file.
fn write_config(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("email.toml");
    std::fs::write(&path, format!("[email]\n{body}\n")).expect("write config");
    path
}

/// Runs `run --email`; returns the exit code and stderr.
fn run(dir: &Path, config: Option<&Path>) -> (i32, String) {
    let mut cmd = Command::cargo_bin("competency-report").expect("the binary");
    cmd.arg("run")
        .arg("--input")
        .arg(dir.join("input"))
        .arg("--output")
        .arg(dir.join("out"))
        .arg("--as-of")
        .arg(AS_OF)
        .arg("--email");
    if let Some(c) = config {
        cmd.arg("--email-config").arg(c);
    }
    let out = cmd.output().expect("run the binary");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn smtp_config(port: u16, operators: &str) -> String {
    format!(
        "operators = [{operators}]\nfrom = \"Partner Desk <desk@example.com>\"\nretries = 2\nretry_delay_ms = 10\n\
         [email.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\ntimeout_secs = 10\n"
    )
}

/// The `.eml` files in the outbox.
fn outbox(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir.join("out/outbox")) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    v.sort();
    v
}

/// The delivery log's lines as JSON.
fn log(dir: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(dir.join(format!("out/delivery-log-{AS_OF}.jsonl")))
        .unwrap_or_default();
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON log line"))
        .collect()
}

/// The plain-text part and the attachments (name, bytes) of a message.
fn parts(mail: &ParsedMail) -> (String, Vec<(String, Vec<u8>)>) {
    let mut text = String::new();
    let mut files = Vec::new();
    for part in &mail.subparts {
        let disposition = part.get_content_disposition();
        if let Some(name) = disposition.params.get("filename") {
            files.push((name.clone(), part.get_body_raw().expect("attachment body")));
        } else if part.ctype.mimetype == "text/plain" {
            text.push_str(&part.get_body().expect("text body"));
        }
    }
    (text, files)
}

/// The first column of every data row of a sheet of an xlsx in memory.
fn first_column(xlsx: &[u8], sheet: &str) -> Vec<String> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.to_vec())).expect("a valid xlsx");
    let range = wb.worksheet_range(sheet).expect("the sheet");
    range
        .rows()
        .skip(1)
        .map(|r| match r.first() {
            Some(Data::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        })
        // The Summary table ends with a total row, which is no partner.
        .filter(|s| !(sheet == "Summary" && s == "Total"))
        .collect()
}

fn column(xlsx: &[u8], sheet: &str, header: &str) -> Vec<String> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(xlsx.to_vec())).expect("a valid xlsx");
    let range = wb.worksheet_range(sheet).expect("the sheet");
    let mut rows = range.rows();
    let head = rows.next().expect("a header row");
    let i = head
        .iter()
        .position(|c| *c == header)
        .unwrap_or_else(|| panic!("no column {header} on {sheet}"));
    rows.map(|r| r.get(i).map(|c| c.to_string()).unwrap_or_default())
        .collect()
}

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
        let (text, files) = parts(&mail);
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
    let (text, files) = parts(&mail);
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
    let (_, attached) = parts(&mail);
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
    // The report was written: the exit code says so, whatever the mail did.
    assert_eq!(code, 0, "{stderr}");
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
    assert_eq!(outbox(dir.path()).len(), 3, "all three stay in the outbox");
    let entries = log(dir.path());
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().all(|e| e["status"] == "failed"));

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
    let (text, _) = parts(&mailparse::parse_mail(&ops.data).expect("MIME"));
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
    assert_eq!(code, 0, "{stderr}");
    assert!(inbox.lock().expect("inbox").is_empty(), "{stderr}");
    assert_eq!(stderr.matches("email: FAILED").count(), 3, "{stderr}");
    assert!(stderr.contains("STARTTLS"), "{stderr}");
    assert_eq!(
        stderr.matches("(after 1 attempt)").count(),
        3,
        "a missing STARTTLS is not retried: {stderr}"
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
    let out = Command::cargo_bin("competency-report")
        .expect("the binary")
        .current_dir(dir.path())
        .args(["run", "--as-of", AS_OF])
        .output()
        .expect("run the binary");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
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
