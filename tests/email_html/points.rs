//! A designation partner's message and the operators' summary under a
//! points-scored rule set (Solutions Partner for Modern Work).

use super::*;

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
    let (subject, text, html) = message(dir.path(), "partner-3000003.eml");
    assert_eq!(
        subject,
        "Solutions Partner for Modern Work report 2026-09-30: Lakeshore Workplace (3000003)"
    );
    assert_self_contained(&html);
    let doc = Html::parse_document(&html);
    assert_eq!(texts(&doc, ".level"), ["Not qualified"]);
    let facts = facts(&doc);
    assert_eq!(
        facts,
        [
            ("Status".to_string(), "Not qualified".to_string()),
            ("Score".into(), "22.2 of 100 points (70 needed)".into()),
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
                "0 of 20 points (0 of 10)",
                None,
                Some("100%")
            ),
            bar(
                "Intermediate certifications",
                "5 of 10 points (1 of 2)",
                Some("50%"),
                Some("50%")
            ),
            bar(
                "Advanced certifications",
                "0 of 15 points (0 of 1)",
                None,
                Some("100%")
            ),
            bar(
                "Usage growth",
                "7.2 of 30 points (120 of 500 as CPOR)",
                Some("24%"),
                Some("76%")
            ),
            bar(
                "Deployments",
                "10 of 25 points (2 of 5 as CPOR)",
                Some("40%"),
                Some("60%")
            ),
        ]
    );
    // The metrics at zero are called out on their bars and under the bars.
    assert_eq!(
        texts(&doc, "table.progress .short"),
        ["below the minimum", "below the minimum"]
    );
    assert_eq!(
        texts(&doc, ".alert").concat(),
        "Below the per-metric minimum: Net customer adds and Advanced certifications. Every \
         metric needs at least 1 point to qualify, whatever the total."
    );
    // The Summary's cheapest route, as the next step.
    let route = "Needs 1 more customer add (+2), 1 more advanced certification (+15), 300 more \
                 monthly active users as CPOR (+18) and 3 more deployments as CPOR (+15) to \
                 qualify on the SMB path (72.2 points)";
    assert_eq!(texts(&doc, ".next-step").concat(), route);
    assert!(select(&doc, "table.near").is_empty());
    for words in [
        "Status:",
        "Not qualified",
        "22.2 of 100 points (70 needed)",
        "Advanced certifications:",
        "0 of 15 points (0 of 1) ✗ below the minimum",
        "Usage growth:",
        "7.2 of 30 points (120 of 500 as CPOR)",
        "Below the per-metric minimum: Net customer adds and Advanced certifications.",
        route,
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
    let (_, text, html) = message(dir.path(), "partner-3000002.eml");
    let doc = Html::parse_document(&html);
    assert_eq!(texts(&doc, ".level"), ["Qualified"]);
    let facts = facts(&doc);
    assert_eq!(facts[1].1, "70.5 of 100 points (70 needed)");
    assert_eq!(facts[2].1, "SMB");
    assert_eq!(bars(&doc).len(), 5);
    assert!(select(&doc, ".alert, .short").is_empty());
    let next = "Qualifies with 70.5 points on the SMB path";
    assert_eq!(texts(&doc, ".next-step").concat(), next);
    assert!(text.contains(next), "{text}");
    assert_no_competency_levels(&["Gold", "Silver"], &[&text, &html]);
    // Northwind: every metric at 1 point or more, no call-out, its route
    // as the next step (samples/README.md: 64.3 points).
    let (_, _, html) = message(dir.path(), "partner-3000001.eml");
    let doc = Html::parse_document(&html);
    let b = bars(&doc);
    assert_eq!(b[2].figures, "15 of 15 points (2 of 2)");
    assert_eq!(b[1].figures, "7.5 of 10 points (3 of 4)");
    assert_eq!(b[3].figures, "19.8 of 30 points (660 of 1,000 as CPOR)");
    assert!(select(&doc, ".alert, .short").is_empty());
    assert_eq!(
        texts(&doc, ".next-step").concat(),
        "Needs 2 more deployments as CPOR (+10) to qualify on the Enterprise path (74.3 points)"
    );
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
    assert_eq!(texts(&doc, ".levels .count"), ["1", "3"]);
    assert!(text.contains("Partners: 4 (1 qualified, 3 not)"), "{text}");
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
    // Closest first: Northwind (64.3), Fourth Coffee (45, three metrics at
    // 0), Lakeshore (22.2, two).
    assert_eq!(actions.len(), 3, "{actions:?}");
    assert!(
        actions[0].contains("Northwind Modern Work (3000001)")
            && actions[0].contains("Not qualified")
            && actions[0].contains("2 more deployments as CPOR (+10)"),
        "{actions:?}"
    );
    assert!(actions[1].contains("(3000004)"), "{actions:?}");
    assert!(actions[2].contains("(3000003)"), "{actions:?}");
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
    let (subject, text, html) = message(dir.path(), "partner-3000003.eml");
    assert_eq!(
        subject,
        "Bericht Solutions Partner for Modern Work 2026-09-30: Lakeshore Workplace (3000003)"
    );
    let doc = Html::parse_document(&html);
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("de"));
    assert_eq!(texts(&doc, ".level"), ["Nicht qualifiziert"]);
    let facts = facts(&doc);
    assert_eq!(
        facts[1],
        ("Punktzahl".into(), "22,2 von 100 Punkten (70 nötig)".into())
    );
    assert_eq!(facts[2], ("Pfad".into(), "KMU".into()));
    let b = bars(&doc);
    assert_eq!(b[2].label, "Zertifizierungen (Expert)");
    assert_eq!(b[2].figures, "0 von 15 Punkten (0 von 1)");
    assert_eq!(b[4].figures, "10 von 25 Punkten (2 von 5 als CPOR)");
    assert_eq!(
        texts(&doc, "table.progress .short"),
        ["unter dem Minimum", "unter dem Minimum"]
    );
    assert!(
        texts(&doc, ".alert")
            .concat()
            .contains("Zertifizierungen (Expert)"),
        "{html}"
    );
    assert_eq!(
        texts(&doc, ".next-step").concat(),
        "Braucht noch 1 neuer Kunde (+2), noch 1 Expert-Zertifizierung (+15), noch 300 \
         monatlich aktive Nutzer als CPOR (+18) und noch 3 Bereitstellungen als CPOR (+15), um \
         sich im Pfad KMU zu qualifizieren (72,2 Punkte)"
    );
    assert!(text.starts_with("Guten Tag,"), "{text}");
    assert_no_competency_levels(
        &["Gold", "Silber", "Kompetenz", "Level", "Stufe"],
        &[&subject, &text, &html],
    );
    let (subject, text, _) = message(dir.path(), "-summary.eml");
    assert!(subject.ends_with("Zusammenfassung"), "{subject}");
    assert!(
        text.contains("Partner: 4 (1 qualifiziert, 3 nicht)"),
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
                "competency-report-{MODERN_WORK_AS_OF}-partner-3000002.eml"
            ))
        })
        .expect("this month's message to 3000002");
    let p = read_parts(&eml);
    // On 2026-08-31 the June snapshots are the latest: Tailwind had 65.4
    // points, not qualified; September's 70.5 qualify, 5.1 points more
    // (samples/README.md).
    assert_eq!(
        column(&p.files[0].1, "Summary", "Change")[0],
        "now qualified"
    );
    let expected = "now qualified, +5.1 points".to_string();
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
