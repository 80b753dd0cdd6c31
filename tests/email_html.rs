//! The messages people read: every message is text + HTML alternatives;
//! the HTML is parsed here (scraper, the html5ever parser) and its figures,
//! its escaping and its independence from anything outside the message are
//! checked. Nothing is judged by eye; the README's screenshot is for that.

mod common;
#[path = "email_html/points.rs"]
mod points;

use std::path::{Path, PathBuf};

use common::V::{E, N, T};
use common::mail::{
    AS_OF, MODERN_WORK_ARGS, MODERN_WORK_AS_OF, column, outbox, parts, read_parts, run_with,
    write_config, write_modern_work_inputs,
};
use common::write_workbook;
use scraper::{ElementRef, Html, Selector};

/// A partner name and a customer name that must show as text.
const TAGGED: &str = "<b>Contoso</b> & Co";
const FORMULA: &str = "=HYPERLINK(\"http://evil.example\",\"Click\")";

/// Partners: 1000001 Silver (2,200 entitlements, 1 person; a trial
/// customer of 2,000 users would lift it over Gold's 4,000), 1000002 Gold
/// (4,500, 2 people), 1000003 without an address.
fn write_inputs(dir: &Path) {
    let input = dir.join("input");
    std::fs::create_dir_all(&input).expect("input dir");
    let header = |h: &[&'static str]| h.iter().map(|s| T(s)).collect::<Vec<_>>();
    let customer = |p: &'static str, c: &'static str, name: &'static str, users: f64, sku| {
        vec![
            T(p),
            T(c),
            T(name),
            T("Exchange Online"),
            N(users),
            T(sku),
            T("DAP"),
        ]
    };
    let person = |p: &'static str, id: &'static str| {
        vec![T(p), T(id), T(id), T("MCSA: Office 365"), T("2017-05-03")]
    };
    write_workbook(
        &input.join("partners.xlsx"),
        &[
            (
                "Partners",
                vec![
                    header(&["Partner ID", "Partner Name", "Contact Email"]),
                    vec![T("1000001"), T(TAGGED), T("alice@contoso.example")],
                    vec![T("1000002"), T("Fabrikam Inc"), T("bob@fabrikam.example")],
                    vec![T("1000003"), T("Litware UK"), E],
                ],
            ),
            (
                "Customers",
                vec![
                    header(&[
                        "Partner ID",
                        "Customer ID",
                        "Customer Name",
                        "Workload",
                        "Active Users",
                        "SKU Type",
                        "Association",
                    ]),
                    customer("1000001", "t-a", "Adatum", 1500.0, "Paid"),
                    customer("1000001", "t-b", "Bellows", 700.0, "Paid"),
                    customer("1000001", "t-c", FORMULA, 2000.0, "Trial"),
                    customer("1000002", "t-d", "Datum", 4500.0, "Paid"),
                    customer("1000003", "t-e", "Electro", 300.0, "Paid"),
                ],
            ),
            (
                "Transcripts",
                vec![
                    header(&[
                        "Partner ID",
                        "Person ID",
                        "Person Name",
                        "Credential",
                        "Date Passed",
                    ]),
                    person("1000001", "dan@contoso.example"),
                    person("1000002", "eve@fabrikam.example"),
                    person("1000002", "fay@fabrikam.example"),
                ],
            ),
        ],
    );
}

/// Runs into the outbox (no server) with an operator; returns the folder.
fn run_outbox(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write_inputs(dir.path());
    let config = write_config(dir.path(), "operators = [\"ops@example.com\"]");
    let (code, stderr) = run_with(dir.path(), Some(&config), extra, &[]);
    assert_eq!(code, 0, "{stderr}");
    dir
}

/// The outbox message whose file name ends with `suffix`: (subject, text, HTML).
fn message(dir: &Path, suffix: &str) -> (String, String, String) {
    use mailparse::MailHeaderMap;
    let files: Vec<PathBuf> = outbox(dir);
    let eml = files
        .iter()
        .find(|p| p.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} in {files:?}"));
    let bytes = std::fs::read(eml).expect("read eml");
    let mail = mailparse::parse_mail(&bytes).expect("a MIME message");
    let subject = mail.headers.get_first_value("Subject").expect("subject");
    let alternative = mail
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "multipart/alternative")
        .expect("text and HTML as alternatives");
    let kinds: Vec<&str> = alternative
        .subparts
        .iter()
        .map(|p| p.ctype.mimetype.as_str())
        .collect();
    assert_eq!(
        kinds,
        ["text/plain", "text/html"],
        "plain text first, HTML preferred"
    );
    let p = parts(&mail);
    (subject, p.text, p.html)
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).expect("a CSS selector");
    doc.select(&selector).collect()
}

fn text_of(e: &ElementRef) -> String {
    e.text().collect::<String>().replace('\u{a0}', " ")
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css).iter().map(text_of).collect()
}

/// No script, no style sheet, no image, font or frame, nothing that loads
/// from elsewhere: Outlook and every other client show it as it is.
fn assert_self_contained(html: &str) {
    let doc = Html::parse_document(html);
    for tag in [
        "script",
        "style",
        "link",
        "img",
        "iframe",
        "object",
        "embed",
        "form",
        "svg",
        "video",
        "audio",
        "base",
        "meta[http-equiv]",
    ] {
        assert!(select(&doc, tag).is_empty(), "a <{tag}> element");
    }
    for e in select(&doc, "*") {
        for (name, value) in e.value().attrs() {
            assert!(
                !matches!(name, "src" | "href" | "srcset" | "background" | "action")
                    && !name.starts_with("on"),
                "attribute {name}={value:?}"
            );
            let v = value.to_ascii_lowercase();
            assert!(
                !v.contains("url(") && !v.contains("http") && !v.contains("@import"),
                "{name}={value:?} refers to something outside"
            );
        }
    }
}

/// A progress bar as the HTML draws it.
#[derive(Debug, PartialEq)]
struct BarSeen {
    label: String,
    figures: String,
    percent: String,
    /// The `width` of the filled cell and of the rest, if there.
    done: Option<String>,
    rest: Option<String>,
}

/// Each progress bar of a message.
fn bars(doc: &Html) -> Vec<BarSeen> {
    select(doc, "table.progress")
        .iter()
        .map(|bar| {
            let frag = Html::parse_fragment(&bar.html());
            let width = |css: &str| {
                select(&frag, css)
                    .first()
                    .and_then(|e| e.value().attr("width"))
                    .map(String::from)
            };
            let label = select(&frag, "td").first().map(text_of).unwrap_or_default();
            BarSeen {
                label,
                figures: texts(&frag, ".figures").concat(),
                percent: texts(&frag, ".percent").concat(),
                done: width("td.bar-done"),
                rest: width("td.bar-rest"),
            }
        })
        .collect()
}

#[test]
fn a_partners_html_shows_its_level_progress_next_step_and_closest_customers() {
    let dir = run_outbox(&[]);
    let (subject, text, html) = message(dir.path(), "partner-1000001.eml");
    assert!(
        subject.contains(TAGGED) && subject.contains(AS_OF),
        "{subject}"
    );
    assert_self_contained(&html);
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(texts(&doc, ".level"), ["Silver"]);
    let bar = |label: &str, figures: &str, percent: &str, done: &str, rest: &str| BarSeen {
        label: label.into(),
        figures: figures.into(),
        percent: percent.into(),
        done: Some(done.into()),
        rest: Some(rest.into()),
    };
    assert_eq!(
        bars(&doc),
        [
            bar("Active entitlements", "2,200 of 4,000", "55%", "55%", "45%"),
            bar("Qualified people", "1 of 2", "50%", "50%", "50%"),
        ]
    );
    let next = texts(&doc, ".next-step").concat();
    assert_eq!(
        next,
        "Needs 1,800 more active entitlements and 1 more qualified person for Gold"
    );
    let near: Vec<Vec<String>> = select(&doc, "table.near tr")
        .iter()
        .skip(1)
        .map(|tr| {
            let frag = Html::parse_fragment(&format!("<table>{}</table>", tr.html()));
            texts(&frag, "td")
        })
        .collect();
    assert_eq!(
        near,
        [[
            FORMULA.to_string(),
            "Exchange Online".to_string(),
            "2,000".to_string(),
            "convert the trial subscription to paid".to_string()
        ]]
    );
    // Input text shows as text: no <b> element, the name as written.
    assert!(
        select(&doc, "b").is_empty(),
        "the partner's name became markup"
    );
    assert!(
        html.contains("&lt;b&gt;Contoso&lt;/b&gt; &amp; Co"),
        "escaped once"
    );
    assert!(texts(&doc, "title").concat().contains(TAGGED));
    // The text part says the same.
    for words in [
        "Level:",
        "Silver",
        "2,200 of 4,000 (55%)",
        "1 of 2 (50%)",
        &next,
        FORMULA,
    ] {
        assert!(text.contains(words), "{words:?} not in:\n{text}");
    }
}

#[test]
fn a_partner_at_the_top_sees_full_bars() {
    let dir = run_outbox(&[]);
    let (_, _, html) = message(dir.path(), "partner-1000002.eml");
    let doc = Html::parse_document(&html);
    assert_eq!(texts(&doc, ".level"), ["Gold"]);
    let b = bars(&doc);
    assert_eq!(b.len(), 2);
    assert!(
        b.iter()
            .all(|b| b.percent == "100%" && b.done.as_deref() == Some("100%") && b.rest.is_none()),
        "{b:?}"
    );
    // No "Meets Gold" for a next step: there is none, and it says so.
    assert_eq!(
        texts(&doc, ".next-step").concat(),
        "None: Gold is the top level. Keep your figures above its thresholds."
    );
    assert!(select(&doc, "table.near").is_empty());
}

/// The plain-text part lists the figures, then the bars under their
/// heading, as the HTML part does: the labels do not read as printed twice.
#[test]
fn the_plain_text_puts_the_bars_under_their_heading() {
    let dir = run_outbox(&[]);
    for (file, heading) in [
        ("partner-1000001.eml", "Progress toward Gold:"),
        ("partner-1000002.eml", "Progress toward Gold:"),
    ] {
        let (_, text, _) = message(dir.path(), file);
        let lines: Vec<&str> = text.lines().collect();
        let at = |label: &str| -> Vec<usize> {
            lines
                .iter()
                .enumerate()
                .filter(|(_, l)| l.starts_with(label))
                .map(|(i, _)| i)
                .collect()
        };
        let heading_at = at(heading);
        assert_eq!(heading_at.len(), 1, "{text}");
        for label in ["Active entitlements:", "Qualified people:"] {
            let seen = at(label);
            assert_eq!(seen.len(), 2, "{label} {text}");
            assert!(seen[0] < heading_at[0] && heading_at[0] < seen[1], "{text}");
        }
    }
    let (_, text, _) = message(dir.path(), "partner-1000002.eml");
    assert!(!text.contains("Meets Gold"), "{text}");
    assert!(text.contains("None: Gold is the top level."), "{text}");
}

#[test]
fn the_operators_html_shows_levels_risks_actions_and_who_was_not_sent() {
    let dir = run_outbox(&[]);
    let (subject, text, html) = message(dir.path(), "-summary.eml");
    assert!(subject.ends_with("summary"), "{subject}");
    assert_self_contained(&html);
    let doc = Html::parse_document(&html);
    assert_eq!(texts(&doc, ".levels .level"), ["Gold", "Silver", "None"]);
    assert_eq!(texts(&doc, ".levels .count"), ["1", "1", "1"]);
    let rows = |class: &str| -> Vec<String> {
        select(&doc, &format!("table.{class} tr"))
            .iter()
            .skip(1)
            .map(text_of)
            .collect()
    };
    let at_risk = rows("at-risk");
    assert_eq!(at_risk.len(), 2, "{at_risk:?}");
    assert!(at_risk[0].contains(TAGGED) && at_risk[0].contains("exactly the 1 qualified person"));
    assert!(at_risk[1].contains("Fabrikam Inc (1000002)"));
    let actions = rows("top-actions");
    assert_eq!(actions.len(), 2, "{actions:?}");
    let not_sent = rows("not-sent");
    assert_eq!(not_sent.len(), 1);
    assert!(not_sent[0].contains("1000003") && not_sent[0].contains("no Contact Email"));
    assert!(html.contains("No earlier report to compare with."));
    assert!(select(&doc, "b").is_empty());
    assert!(
        text.contains("Partners: 3 (Gold 1, Silver 1, none 1)"),
        "{text}"
    );
    assert!(
        text.contains("2 in the outbox for a mail client"),
        "what became of the partners' messages: {text}"
    );
}

#[test]
fn lang_de_applies_to_subject_text_and_html() {
    let dir = run_outbox(&["--lang", "de"]);
    let (subject, text, html) = message(dir.path(), "partner-1000001.eml");
    assert!(subject.starts_with("Kompetenzbericht"), "{subject}");
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("de"));
    assert_eq!(texts(&doc, ".level"), ["Silber"]);
    let b = bars(&doc);
    assert_eq!(b[0].label, "Aktive Berechtigungen");
    assert_eq!(b[0].figures, "2.200 von 4.000");
    // German puts a space before the percent sign (text_of folds the
    // non-breaking one).
    assert_eq!(b[0].percent, "55 %");
    assert!(text.starts_with("Guten Tag,"), "{text}");
    assert!(text.contains("Nächster Schritt"), "{text}");
    let (subject, text, _) = message(dir.path(), "-summary.eml");
    assert!(subject.ends_with("Zusammenfassung"), "{subject}");
    assert!(
        text.contains("Partner: 3 (Gold 1, Silber 1, keine 1)"),
        "{text}"
    );
    assert!(text.contains("Gefährdete Partner"), "{text}");
}
