//! Helpers for the email tests: input workbooks with partners and contact
//! addresses, `run --email`, and reading back the outbox, the delivery log
//! and the messages (text, HTML, attachments).

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use mailparse::ParsedMail;

/// The as-of date of every email test.
pub const AS_OF: &str = "2017-09-30";

/// One input workbook: partners 1000001 and 1000002 have addresses,
/// 1000003 has none; 1000002 has a bad Active Users cell (a problem on one
/// of its rows); 1000001 has a qualified person.
pub fn write_inputs(dir: &Path, p2_email: &str) -> PathBuf {
    write_inputs_named(dir, ["Contoso Ltd", "Fabrikam Inc", "Litware UK"], p2_email)
}

/// [`write_inputs`] with other names for the three partners.
pub fn write_inputs_named(dir: &Path, names: [&str; 3], p2_email: &str) -> PathBuf {
    use super::V::{E, S, T};
    let text = |s: &str| if s.is_empty() { E } else { S(s.to_string()) };
    let texts = |cells: &[&'static str]| cells.iter().map(|c| T(c)).collect::<Vec<_>>();
    let partners = [
        ("1000001", names[0], "alice@contoso.example"),
        ("1000002", names[1], p2_email),
        ("1000003", names[2], ""),
    ]
    .into_iter()
    .map(|(id, name, mail)| vec![text(id), text(name), text(mail)]);
    let customers = [
        ("1000001", "t-a", "Adatum", "Exchange Online", "1500"),
        ("1000001", "t-b", "Bellows", "Exchange Online", "700"),
        ("1000002", "t-c", "Coho", "SharePoint Online", "900"),
        ("1000002", "t-d", "Datum", "Exchange Online", "-5"),
        ("1000003", "t-e", "Electro", "Exchange Online", "4500"),
    ]
    .into_iter()
    .map(|(id, cust, name, wl, users)| texts(&[id, cust, name, wl, users, "DAP"]));
    let input = dir.join("input");
    std::fs::create_dir_all(&input).expect("input dir");
    let path = input.join("partners.xlsx");
    super::write_workbook(
        &path,
        &[
            (
                "Partners",
                std::iter::once(texts(&["Partner ID", "Partner Name", "Contact Email"]))
                    .chain(partners)
                    .collect(),
            ),
            (
                "Customers",
                std::iter::once(texts(&[
                    "Partner ID",
                    "Customer ID",
                    "Customer Name",
                    "Workload",
                    "Active Users",
                    "Association",
                ]))
                .chain(customers)
                .collect(),
            ),
            (
                "Transcripts",
                vec![
                    texts(&[
                        "Partner ID",
                        "Person ID",
                        "Person Name",
                        "Credential",
                        "Date Passed",
                    ]),
                    texts(&[
                        "1000001",
                        "dan@contoso.example",
                        "Dan Park",
                        "MCSA: Office 365",
                        "2017-05-03",
                    ]),
                ],
            ),
            // A sheet that cannot be classified: a problem about the whole
            // sheet, which no partner's own workbook carries.
            (
                "Notes",
                vec![texts(&["Remark"]), texts(&["call Litware about renewals"])],
            ),
        ],
    );

    // A second file holding only partner 1000003's rows: other partners'
    // workbooks must not even name it.
    super::write_workbook(
        &input.join("litware-secret.xlsx"),
        &[(
            "Customers",
            vec![
                texts(&[
                    "Partner ID",
                    "Customer ID",
                    "Workload",
                    "Active Users",
                    "Association",
                ]),
                texts(&["1000003", "t-f", "Yammer", "10", "DAP"]),
            ],
        )],
    );
    path
}

/// Writes an email settings file.
pub fn write_config(dir: &Path, body: &str) -> PathBuf {
    let path = dir.join("email.toml");
    std::fs::write(&path, format!("[email]\n{body}\n")).expect("write config");
    path
}

/// Runs `run --email`; returns the exit code and stderr.
pub fn run(dir: &Path, config: Option<&Path>) -> (i32, String) {
    run_with(dir, config, &[], &[])
}

/// [`run`] with more arguments (`--as-of` among them replaces [`AS_OF`])
/// and environment variables.
pub fn run_with(
    dir: &Path,
    config: Option<&Path>,
    args: &[&str],
    env: &[(&str, &str)],
) -> (i32, String) {
    let mut run = super::Run::new()
        .arg("run")
        .arg("--input")
        .arg(dir.join("input"))
        .arg("--output")
        .arg(dir.join("out"))
        .arg("--email");
    for (key, value) in env {
        run = run.env(key, value);
    }
    if !args.contains(&"--as-of") {
        run = run.args(["--as-of", AS_OF]);
    }
    if let Some(c) = config {
        run = run.arg("--email-config").arg(c);
    }
    let out = run.args(args).run();
    (out.code, out.stderr)
}

/// Settings for a test server on 127.0.0.1 without TLS; quick retries.
pub fn smtp_config(port: u16, operators: &str) -> String {
    format!(
        "operators = [{operators}]\nfrom = \"Partner Desk <desk@example.com>\"\nretries = 2\nretry_delay_ms = 10\n\
         [email.smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\ntimeout_secs = 10\n"
    )
}

/// The `.eml` files in the outbox.
pub fn outbox(dir: &Path) -> Vec<PathBuf> {
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

/// The delivery log as written (empty when there is none).
pub fn log_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join(format!("out/delivery-log-{AS_OF}.jsonl"))).unwrap_or_default()
}

/// The delivery log's lines as JSON.
pub fn log(dir: &Path) -> Vec<serde_json::Value> {
    log_text(dir)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON log line"))
        .collect()
}

/// The parts of a message: its plain text, its HTML, its attachments
/// (name, bytes), found at any depth of the MIME tree.
#[derive(Debug, Default)]
pub struct Parts {
    /// The text/plain part.
    pub text: String,
    /// The text/html part.
    pub html: String,
    /// The attachments.
    pub files: Vec<(String, Vec<u8>)>,
}

/// The [`Parts`] of a message file (an outbox `.eml`).
pub fn read_parts(eml: &Path) -> Parts {
    let bytes = std::fs::read(eml).unwrap_or_else(|e| panic!("{}: {e}", eml.display()));
    parts(&mailparse::parse_mail(&bytes).expect("a MIME message"))
}

/// Splits a message into its [`Parts`].
pub fn parts(mail: &ParsedMail) -> Parts {
    fn walk(part: &ParsedMail, out: &mut Parts) {
        let disposition = part.get_content_disposition();
        if let Some(name) = disposition.params.get("filename") {
            out.files
                .push((name.clone(), part.get_body_raw().expect("attachment body")));
        } else if part.ctype.mimetype == "text/plain" {
            out.text.push_str(&part.get_body().expect("text body"));
        } else if part.ctype.mimetype == "text/html" {
            out.html.push_str(&part.get_body().expect("html body"));
        }
        for sub in &part.subparts {
            walk(sub, out);
        }
    }
    let mut out = Parts::default();
    walk(mail, &mut out);
    out
}

/// The first column of every data row of a sheet of an xlsx in memory.
pub fn first_column(xlsx: &[u8], sheet: &str) -> Vec<String> {
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

/// One column of a sheet of an xlsx in memory, by header.
pub fn column(xlsx: &[u8], sheet: &str, header: &str) -> Vec<String> {
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

/// The as-of date of the Modern Work sample's hand-checked figures.
pub const MODERN_WORK_AS_OF: &str = "2026-09-30";

/// The arguments that score the Modern Work sample as samples/README.md
/// works it by hand: the designation's rules and its as-of date.
pub const MODERN_WORK_ARGS: [&str; 4] = [
    "--rules",
    "solutions-partner-modern-work",
    "--as-of",
    MODERN_WORK_AS_OF,
];

/// The Modern Work sample (`samples/.modern-work`) as the input, with a
/// partners workbook giving its three partners a contact address (the
/// sample has none): 2000001 Contoso and 2000002 Fabrikam qualify,
/// 2000003 Lakeshore has 71.5 points and no advanced certification.
pub fn write_modern_work_inputs(dir: &Path) {
    use super::V::T;
    let input = dir.join("input");
    std::fs::create_dir_all(&input).expect("input dir");
    std::fs::copy(
        super::samples().join(".modern-work/modern-work.xlsx"),
        input.join("modern-work.xlsx"),
    )
    .expect("copy the Modern Work sample");
    super::write_workbook(
        &input.join("partners.xlsx"),
        &[(
            "Partners",
            vec![
                vec![T("Partner ID"), T("Partner Name"), T("Contact Email")],
                vec![
                    T("2000001"),
                    T("Contoso Modern Work"),
                    T("ana@contoso.example"),
                ],
                vec![
                    T("2000002"),
                    T("Fabrikam SMB Services"),
                    T("eva@fabrikam.example"),
                ],
                vec![
                    T("2000003"),
                    T("Lakeshore Workplace"),
                    T("hugo@lakeshore.example"),
                ],
            ],
        )],
    );
}
