//! The messages people read: every message is text + HTML alternatives;
//! the HTML is parsed here (scraper, the html5ever parser) and its figures,
//! its escaping and its independence from anything outside the message are
//! checked. Nothing is judged by eye; the README's screenshot is for that.

mod common;

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

// --- A points-scored designation: Solutions Partner for Modern Work ---

/// Runs the Modern Work sample into the outbox with an operator and
/// `extra` arguments; returns the folder.
fn run_modern_work(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write_modern_work_inputs(dir.path());
    let config = write_config(dir.path(), "operators = [\"ops@example.com\"]");
    let args: Vec<&str> = MODERN_WORK_ARGS.iter().chain(extra).copied().collect();
    let (code, stderr) = run_with(dir.path(), Some(&config), &args, &[]);
    assert_eq!(code, 0, "{stderr}");
    dir
}

/// The facts table of a partner's message: (label, value) per row.
fn facts(doc: &Html) -> Vec<(String, String)> {
    select(doc, "table.facts tr")
        .iter()
        .map(|tr| {
            let frag = Html::parse_fragment(&format!("<table>{}</table>", tr.html()));
            let cells = texts(&frag, "td");
            (cells[0].clone(), cells[1].clone())
        })
        .collect()
}

/// No word of the competency's levels anywhere in a message.
fn assert_no_competency_levels(words: &[&str], parts: &[&str]) {
    for part in parts {
        for w in words {
            assert!(
                !part.contains(w),
                "{w:?} in a designation's message:\n{part}"
            );
        }
    }
}

#[test]
fn a_points_partners_message_shows_score_path_metrics_and_the_zero_metric() {
    let dir = run_modern_work(&[]);
    let (subject, text, html) = message(dir.path(), "partner-2000003.eml");
    assert_eq!(
        subject,
        "Solutions Partner for Modern Work report 2026-09-30: Lakeshore Workplace (2000003)"
    );
    assert_self_contained(&html);
    let doc = Html::parse_document(&html);
    assert_eq!(texts(&doc, ".level"), ["Not qualified"]);
    let facts = facts(&doc);
    assert_eq!(
        facts,
        [
            ("Status".to_string(), "Not qualified".to_string()),
            ("Score".into(), "71.5 of 100 points (70 needed)".into()),
            ("Path".into(), "SMB".into()),
        ]
    );
    // samples/README.md's hand-checked row, metric by metric; the bar's
    // filled share is the points over the metric's most.
    let bar = |label: &str, figures: &str, done: Option<&str>, rest: Option<&str>| BarSeen {
        label: label.into(),
        figures: figures.into(),
        percent: String::new(),
        done: done.map(String::from),
        rest: rest.map(String::from),
    };
    assert_eq!(
        bars(&doc),
        [
            bar(
                "Net customer adds",
                "14 of 20 points (7 of 10)",
                Some("70%"),
                Some("30%")
            ),
            bar(
                "Intermediate certifications",
                "10 of 10 points (2 of 2)",
                Some("100%"),
                None
            ),
            bar(
                "Advanced certifications",
                "0 of 15 points (0 of 1)",
                None,
                Some("100%")
            ),
            bar(
                "Usage growth",
                "30 of 30 points (500 of 500 as CPOR)",
                Some("100%"),
                None
            ),
            bar(
                "Deployments",
                "17.5 of 25 points (7 of 10 as CSP)",
                Some("70%"),
                Some("30%")
            ),
        ]
    );
    // The metric at zero is called out on its bar and under the bars.
    assert_eq!(texts(&doc, "table.progress .short"), ["below the minimum"]);
    assert_eq!(
        texts(&doc, ".alert").concat(),
        "Below the per-metric minimum: Advanced certifications. Every metric needs at least \
         1 point to qualify, whatever the total."
    );
    // The Summary's cheapest route, as the next step.
    assert_eq!(
        texts(&doc, ".next-step").concat(),
        "Needs 1 more advanced certification (+15) to qualify on the SMB path (86.5 points)"
    );
    assert!(select(&doc, "table.near").is_empty());
    for words in [
        "Status:",
        "Not qualified",
        "71.5 of 100 points (70 needed)",
        "Advanced certifications:",
        "0 of 15 points (0 of 1) ✗ below the minimum",
        "Usage growth:",
        "30 of 30 points (500 of 500 as CPOR) ✓",
        "Below the per-metric minimum: Advanced certifications.",
        "Needs 1 more advanced certification (+15) to qualify on the SMB path (86.5 points)",
    ] {
        assert!(text.contains(words), "{words:?} not in:\n{text}");
    }
    assert_no_competency_levels(
        &["Gold", "Silver", "competency report", "Active entitlements"],
        &[&subject, &text, &html],
    );
}

#[test]
fn a_qualified_points_partner_sees_its_score_path_and_no_call_out() {
    let dir = run_modern_work(&[]);
    for (suffix, score, path, next) in [
        (
            "partner-2000001.eml",
            "70.5 of 100 points (70 needed)",
            "Enterprise",
            "Qualifies with 70.5 points on the Enterprise path",
        ),
        (
            "partner-2000002.eml",
            "70.6 of 100 points (70 needed)",
            "SMB",
            "Qualifies with 70.6 points on the SMB path",
        ),
    ] {
        let (_, text, html) = message(dir.path(), suffix);
        let doc = Html::parse_document(&html);
        assert_eq!(texts(&doc, ".level"), ["Qualified"], "{suffix}");
        let facts = facts(&doc);
        assert_eq!(facts[1].1, score, "{suffix}");
        assert_eq!(facts[2].1, path, "{suffix}");
        assert_eq!(bars(&doc).len(), 5, "{suffix}");
        assert!(select(&doc, ".alert, .short").is_empty(), "{suffix}");
        assert_eq!(texts(&doc, ".next-step").concat(), next);
        assert!(text.contains(next), "{text}");
        assert_no_competency_levels(&["Gold", "Silver"], &[&text, &html]);
    }
    // Contoso's advanced certifications: 2 of 2, full points (README).
    let (_, _, html) = message(dir.path(), "partner-2000001.eml");
    let b = bars(&Html::parse_document(&html));
    assert_eq!(b[2].figures, "15 of 15 points (2 of 2)");
    assert_eq!(b[1].figures, "7.5 of 10 points (3 of 4)");
}

#[test]
fn the_operators_points_summary_counts_qualified_and_not() {
    let dir = run_modern_work(&[]);
    let (subject, text, html) = message(dir.path(), "-summary.eml");
    assert_eq!(
        subject,
        "Solutions Partner for Modern Work report 2026-09-30: summary"
    );
    assert_self_contained(&html);
    let doc = Html::parse_document(&html);
    assert_eq!(
        texts(&doc, ".levels .level"),
        ["Qualified", "Not qualified"]
    );
    assert_eq!(texts(&doc, ".levels .count"), ["2", "1"]);
    assert!(text.contains("Partners: 3 (2 qualified, 1 not)"), "{text}");
    // The report has no at-risk alert for a designation: neither has the mail.
    assert!(select(&doc, "table.at-risk").is_empty());
    assert!(
        !text.contains("at risk") && !html.contains("at risk"),
        "{text}"
    );
    let actions: Vec<String> = select(&doc, "table.top-actions tr")
        .iter()
        .skip(1)
        .map(text_of)
        .collect();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert!(
        actions[0].contains("Lakeshore Workplace (2000003)")
            && actions[0].contains("Not qualified")
            && actions[0].contains("1 more advanced certification (+15)"),
        "{actions:?}"
    );
    assert!(
        text.contains("Top actions (closest to qualifying first)"),
        "{text}"
    );
    assert_no_competency_levels(
        &["Gold", "Silver", "competency report"],
        &[&subject, &text, &html],
    );
}

#[test]
fn a_points_message_in_german() {
    let dir = run_modern_work(&["--lang", "de"]);
    let (subject, text, html) = message(dir.path(), "partner-2000003.eml");
    assert_eq!(
        subject,
        "Bericht Solutions Partner for Modern Work 2026-09-30: Lakeshore Workplace (2000003)"
    );
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("de"));
    assert_eq!(texts(&doc, ".level"), ["Nicht qualifiziert"]);
    let facts = facts(&doc);
    assert_eq!(
        facts[1],
        ("Punktzahl".into(), "71,5 von 100 Punkten (70 nötig)".into())
    );
    assert_eq!(facts[2], ("Pfad".into(), "KMU".into()));
    let b = bars(&doc);
    assert_eq!(b[2].label, "Zertifizierungen (Expert)");
    assert_eq!(b[2].figures, "0 von 15 Punkten (0 von 1)");
    assert_eq!(b[4].figures, "17,5 von 25 Punkten (7 von 10 als CSP)");
    assert_eq!(texts(&doc, "table.progress .short"), ["unter dem Minimum"]);
    assert!(
        texts(&doc, ".alert")
            .concat()
            .contains("Zertifizierungen (Expert)"),
        "{html}"
    );
    assert_eq!(
        texts(&doc, ".next-step").concat(),
        "Braucht noch 1 Expert-Zertifizierung (+15), um sich im Pfad KMU zu qualifizieren (86,5 Punkte)"
    );
    assert!(text.starts_with("Guten Tag,"), "{text}");
    assert_no_competency_levels(
        &["Gold", "Silber", "Kompetenz", "Level", "Stufe"],
        &[&subject, &text, &html],
    );
    let (subject, text, _) = message(dir.path(), "-summary.eml");
    assert!(subject.ends_with("Zusammenfassung"), "{subject}");
    assert!(
        text.contains("Partner: 3 (2 qualifiziert, 1 nicht)"),
        "{text}"
    );
    assert_no_competency_levels(&["Gold", "Silber"], &[&text]);
}

/// A month later, a points partner is told how its status moved (the
/// report's Change cell) and its score (against last month's report), and
/// nothing about entitlements: from the history, and with `--no-history`
/// from last month's report read back, as the Summary's Score Change is.
#[test]
fn a_points_partners_message_shows_its_status_change_since_last_month() {
    for history in [&[][..], &["--no-history"][..]] {
        score_change_in_the_message(history);
    }
}

fn score_change_in_the_message(history: &[&str]) {
    let dir = tempfile::tempdir().expect("tempdir");
    write_modern_work_inputs(dir.path());
    let config = write_config(dir.path(), "operators = [\"ops@example.com\"]");
    let rules = &MODERN_WORK_ARGS[..2];
    let earlier = [rules, &["--as-of", "2026-08-31"], history].concat();
    let (code, stderr) = run_with(dir.path(), Some(&config), &earlier, &[]);
    assert_eq!(code, 0, "{stderr}");
    let now = [&MODERN_WORK_ARGS[..], history].concat();
    let (code, stderr) = run_with(dir.path(), Some(&config), &now, &[]);
    assert_eq!(code, 0, "{stderr}");
    let eml = outbox(dir.path())
        .into_iter()
        .find(|p| {
            p.ends_with(format!(
                "competency-report-{MODERN_WORK_AS_OF}-partner-2000001.eml"
            ))
        })
        .expect("this month's message to 2000001");
    let p = read_parts(&eml);
    // In August only the 2025 snapshot is known: 27.5 points, not
    // qualified; September's 70.5 qualify, 43 points more.
    assert_eq!(
        column(&p.files[0].1, "Summary", "Change")[0],
        "now qualified"
    );
    let expected = "now qualified, +43 points".to_string();
    let doc = Html::parse_document(&p.html);
    assert_eq!(
        facts(&doc)[3],
        ("Since 2026-08-31".to_string(), expected.clone()),
        "{history:?}"
    );
    let line = p
        .text
        .lines()
        .find(|l| l.starts_with("Since 2026-08-31:"))
        .unwrap_or_else(|| panic!("no change line in:\n{}", p.text));
    assert!(line.ends_with(&format!(" {expected}")), "{line}");
    assert!(!p.text.contains("active entitlements"), "{}", p.text);
}
