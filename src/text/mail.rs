//! The words of the emails: subjects, the partner's message, the operators'
//! summary, and what became of a message; one table per language ([`EN`],
//! [`DE`]) like the rest. `deliver::email` puts them together and never
//! holds words of its own.
//!
//! Every function here takes text that is already safe for where it goes:
//! the HTML writer escapes whatever comes from the inputs before it calls
//! them, and escapes what they return.

/// The words of the emails, one table per language.
#[derive(Debug)]
pub(crate) struct MailTexts {
    /// A partner's subject: (competency, as-of date, partner).
    pub(crate) partner_subject: fn(&str, &str, &str) -> String,
    /// The operators' subject: (competency, as-of date).
    pub(crate) operator_subject: fn(&str, &str) -> String,
    /// The first line of a partner's message.
    pub(crate) greeting: &'static str,
    /// What is attached and for whom: (competency, partner, as-of date).
    pub(crate) partner_intro: fn(&str, &str, &str) -> String,
    /// "Level".
    pub(crate) level: &'static str,
    /// "Active entitlements".
    pub(crate) entitlements: &'static str,
    /// "Qualified people".
    pub(crate) people: &'static str,
    /// "New customers".
    pub(crate) new_customers: &'static str,
    /// After the entitlements figure: (best workload).
    pub(crate) best_workload: fn(&str) -> String,
    /// "Next step".
    pub(crate) next_step: &'static str,
    /// The next step of a partner at the top level: (level).
    pub(crate) at_the_top: fn(&str) -> String,
    /// The heading of the progress bars: (level aimed at).
    pub(crate) progress_toward: fn(&str) -> String,
    /// One bar's figures: (have, needed).
    pub(crate) of_needed: fn(&str, &str) -> String,
    /// A bar's percent: "55%" in English, "55 %" (non-breaking) in German.
    pub(crate) percent: fn(u8) -> String,
    /// A requirement that is met.
    pub(crate) met: &'static str,
    /// "Since the last report" label: (its as-of date).
    pub(crate) since: fn(&str) -> String,
    /// A figure's move since the last report: (signed difference).
    pub(crate) entitlements_moved: fn(&str) -> String,
    /// The qualified people's move since the last report: (signed difference).
    pub(crate) people_moved: fn(&str) -> String,
    /// "Customers closest to counting".
    pub(crate) closest_customers: &'static str,
    /// What the attached workbook holds: (file name).
    pub(crate) attachment_note: fn(&str) -> String,
    /// The signature: (tool version).
    pub(crate) signature: fn(&str) -> String,
    /// "Attached: {file}".
    pub(crate) attached: fn(&str) -> String,
    /// Partners and their levels: (total, gold, silver, none).
    pub(crate) partners_line: fn(&str, &str, &str, &str) -> String,
    /// Input problems: (count).
    pub(crate) problems_line: fn(&str) -> String,
    /// "Top actions" heading.
    pub(crate) top_actions: &'static str,
    /// No partner is below the top level.
    pub(crate) top_actions_none: &'static str,
    /// More partners than listed: (how many).
    pub(crate) more_on_summary: fn(&str) -> String,
    /// "Changes since {date}" heading.
    pub(crate) changes_since: fn(&str) -> String,
    /// The changes heading when there is no earlier report.
    pub(crate) changes: &'static str,
    /// No earlier report to compare with.
    pub(crate) no_comparison: &'static str,
    /// Every partner kept its level.
    pub(crate) no_level_changes: &'static str,
    /// Partners in the earlier report and not in this one: (ids).
    pub(crate) no_longer_listed: fn(&str) -> String,
    /// "Partners at risk" heading.
    pub(crate) at_risk: &'static str,
    /// No partner is at risk.
    pub(crate) at_risk_none: &'static str,
    /// "Partner reports" heading.
    pub(crate) partner_reports: &'static str,
    /// What became of the partners' messages: (sent, outbox, failed,
    /// unknown, untried, skipped).
    pub(crate) partner_messages: fn(&str, &str, &str, &str, &str, &str) -> String,
    /// One message that failed: (recipient, why).
    pub(crate) failed_to: fn(&str, &str) -> String,
    /// One message whose delivery is unknown: (recipient, why, Message-ID).
    pub(crate) unknown_to: fn(&str, &str, &str) -> String,
    /// One message not tried: (recipient, why).
    pub(crate) untried_to: fn(&str, &str) -> String,
    /// "Partners not sent their report" heading.
    pub(crate) not_sent: &'static str,
    /// Every partner with an address was sent its report.
    pub(crate) not_sent_none: &'static str,
    /// "Recipient" column header.
    pub(crate) recipient: &'static str,
    /// "Why" column header.
    pub(crate) why: &'static str,
    /// Why a partner got no message: no address at all.
    pub(crate) no_contact_email: &'static str,
    /// Why a partner got no message: (the cell's text, why it is no address).
    pub(crate) not_an_address: fn(&str, &str) -> String,
    /// What became of a message: it went to the outbox, no server is set.
    pub(crate) written_to_outbox: &'static str,
    /// A message sent by an earlier run: (when, Message-ID).
    pub(crate) already_sent: fn(&str, &str) -> String,
    /// A message an earlier run put in the outbox: (file or "", when, Message-ID).
    pub(crate) already_in_outbox: fn(&str, &str, &str) -> String,
    /// A message an earlier run handed over without an answer: (file or "",
    /// when, Message-ID).
    pub(crate) already_unknown: fn(&str, &str, &str) -> String,
    /// The server's certificate did not verify: (host, why).
    pub(crate) certificate_failed: fn(&str, &str) -> String,
    /// TLS was asked for and the server does not offer STARTTLS: (host).
    pub(crate) no_starttls: fn(&str) -> String,
    /// The server refused the sign-in: (host, its answer).
    pub(crate) sign_in_refused: fn(&str, &str) -> String,
    /// A step's deadline passed: (host, step, deadline, setting).
    pub(crate) timed_out: fn(&str, &str, &str, &str) -> String,
    /// The connection was refused or cut: (host, step, why).
    pub(crate) connection_lost: fn(&str, &str, &str) -> String,
    /// The email step's own deadline cut the attempt off.
    pub(crate) deadline_reached: &'static str,
    /// An earlier run was stopped with the message: (whether it had handed
    /// the message over whole).
    pub(crate) interrupted: fn(bool) -> String,
    /// The relay left attempts in a row unanswered: (how many, the last).
    pub(crate) relay_silent: fn(&str, &str) -> String,
    /// The email step ran out of time: (its deadline).
    pub(crate) step_deadline: fn(&str) -> String,
    /// Handed over without an answer: (what happened).
    pub(crate) unknown: fn(&str) -> String,
    /// Not tried: (why the step stopped).
    pub(crate) untried: fn(&str) -> String,
    /// Any other failure, in the words of the error: (why).
    pub(crate) failed: fn(&str) -> String,
    /// How many attempts were made: (count, is one).
    pub(crate) attempts: fn(&str, bool) -> String,
    /// A partner's message, in a progress line: (partner id).
    pub(crate) what_partner: fn(&str) -> String,
    /// The operators' message, in a progress line.
    pub(crate) what_summary: &'static str,
    /// A message sent: (what, recipient).
    pub(crate) line_sent: fn(&str, &str) -> String,
    /// A message written to the outbox: (what, recipient, file).
    pub(crate) line_outbox: fn(&str, &str, &str) -> String,
    /// A message skipped: (what, recipient, why).
    pub(crate) line_skipped: fn(&str, &str, &str) -> String,
    /// A message that failed: (what, recipient, why, where it was left).
    pub(crate) line_failed: fn(&str, &str, &str, &str) -> String,
    /// A message whose delivery is unknown: (what, recipient, why,
    /// Message-ID, where its copy is, log).
    pub(crate) line_unknown: fn(&str, &str, &str, &str, &str, &str) -> String,
    /// The step stopped: (why, messages not tried, outbox).
    pub(crate) line_stopped: fn(&str, &str, &str) -> String,
    /// A partner not sent its report: (partner id, why).
    pub(crate) line_unaddressed: fn(&str, &str) -> String,
    /// The totals: ([sent, outbox, failed, unknown, untried, skipped,
    /// without address], log).
    pub(crate) line_totals: fn(&[String; 7], &str) -> String,
    /// Lines of the delivery log passed over: (count, log).
    pub(crate) unreadable_log_lines: fn(&str, &str) -> String,
    /// No operator address is configured.
    pub(crate) no_operators: &'static str,
    /// The words of a points-scored designation's messages.
    pub(crate) points: PointsMailTexts,
}

/// The words of the messages under a points-scored rule set (a Solutions
/// Partner designation): score, path and points per metric in place of
/// levels and thresholds.
#[derive(Debug)]
pub(crate) struct PointsMailTexts {
    /// A partner's subject: (designation, as-of date, partner).
    pub(crate) partner_subject: fn(&str, &str, &str) -> String,
    /// The operators' subject: (designation, as-of date).
    pub(crate) operator_subject: fn(&str, &str) -> String,
    /// What is attached and for whom: (designation, partner, as-of date).
    pub(crate) partner_intro: fn(&str, &str, &str) -> String,
    /// "Status" label (Qualified or not).
    pub(crate) status: &'static str,
    /// The level word of a partner that does not qualify.
    pub(crate) not_qualified: &'static str,
    /// "Score" label.
    pub(crate) score: &'static str,
    /// The score: (points, most points, qualifying points).
    pub(crate) score_of: fn(&str, &str, &str) -> String,
    /// "Path" label.
    pub(crate) path: &'static str,
    /// The heading of the metrics' bars: (path).
    pub(crate) points_per_metric: fn(&str) -> String,
    /// One metric's bar: (points, most points, figure against threshold).
    pub(crate) metric_points: fn(&str, &str, &str) -> String,
    /// A metric at its full points.
    pub(crate) full: &'static str,
    /// Points with their unit: (points, is one): "1 point", "7.5 points".
    pub(crate) points_unit: fn(&str, bool) -> String,
    /// A metric below the per-metric minimum (the call-out under the bars
    /// says what the minimum is).
    pub(crate) below_minimum: &'static str,
    /// The call-out of metrics below the minimum: (metrics, minimum with its unit).
    pub(crate) below_minimum_note: fn(&str, &str) -> String,
    /// Partners and their status: (total, qualified, not qualified).
    pub(crate) partners_line: fn(&str, &str, &str) -> String,
    /// "Top actions" heading.
    pub(crate) top_actions: &'static str,
    /// No partner changed its status.
    pub(crate) no_changes: &'static str,
}

/// English.
pub(crate) const EN: MailTexts = MailTexts {
    partner_subject: |competency, as_of, partner| {
        format!("{competency} competency report {as_of}: {partner}")
    },
    operator_subject: |competency, as_of| {
        format!("{competency} competency report {as_of}: summary")
    },
    greeting: "Hello,",
    partner_intro: |competency, partner, as_of| {
        format!("Attached is the {competency} competency report for {partner}, as of {as_of}.")
    },
    level: "Level",
    entitlements: "Active entitlements",
    people: "Qualified people",
    new_customers: "New customers",
    best_workload: |workload| format!("best workload: {workload}"),
    next_step: "Next step",
    at_the_top: |level| {
        format!("None: {level} is the top level. Keep your figures above its thresholds.")
    },
    progress_toward: |level| format!("Progress toward {level}"),
    of_needed: |have, needed| format!("{have} of {needed}"),
    percent: |p| format!("{p}%"),
    met: "met",
    since: |date| format!("Since {date}"),
    entitlements_moved: |n| format!("{n} active entitlements"),
    people_moved: |n| format!("{n} qualified people"),
    closest_customers: "Customers closest to counting",
    attachment_note: |file| {
        format!(
            "{file} lists your customer rows and what each contributed, your people and \
             their credentials, and the problems found on your rows."
        )
    },
    signature: |version| format!("Sent by competency-report {version}."),
    attached: |file| format!("Attached: {file}"),
    partners_line: |total, gold, silver, none| {
        format!("Partners: {total} (Gold {gold}, Silver {silver}, none {none})")
    },
    problems_line: |n| format!("Problems: {n} (see the Problems sheet)"),
    top_actions: "Top actions (closest to their next level first)",
    top_actions_none: "none: every partner is at the top level",
    more_on_summary: |n| format!("... and {n} more on the Summary sheet"),
    changes_since: |date| format!("Changes since {date}"),
    changes: "Changes since the last report",
    no_comparison: "No earlier report to compare with.",
    no_level_changes: "No partner changed level.",
    no_longer_listed: |ids| format!("No longer listed: {ids}"),
    at_risk: "Partners at risk",
    at_risk_none: "No partner is at risk of losing its level.",
    partner_reports: "Partner reports",
    partner_messages: |sent, outbox, failed, unknown, untried, skipped| {
        format!(
            "{sent} sent, {outbox} in the outbox for a mail client, {failed} failed, \
             {unknown} of unknown fate, {untried} not tried, {skipped} already sent earlier"
        )
    },
    failed_to: |recipient, why| format!("FAILED to {recipient}: {why}"),
    unknown_to: |recipient, why, id| {
        format!(
            "UNKNOWN whether it reached {recipient}: {why}. Check the relay's log for \
             Message-ID {id}"
        )
    },
    untried_to: |recipient, why| format!("NOT TRIED to {recipient}: {why}"),
    not_sent: "Partners not sent their report",
    not_sent_none: "Every partner was sent its report.",
    recipient: "Recipient",
    why: "Why",
    no_contact_email: "no Contact Email on the partners sheet",
    not_an_address: |text, why| format!("Contact Email \"{text}\" is not an address ({why})"),
    written_to_outbox: "no SMTP server configured: written to the outbox",
    already_sent: |at, id| format!("already sent at {at} ({id})"),
    already_in_outbox: |file, at, id| {
        if file.is_empty() {
            format!("already written to the outbox at {at} ({id})")
        } else {
            format!("already written to the outbox as {file} at {at} ({id})")
        }
    },
    already_unknown: |file, at, id| {
        let copy = if file.is_empty() {
            String::new()
        } else {
            format!(", its copy is outbox/{file}")
        };
        format!(
            "handed to the relay at {at} without an answer, so it may have been delivered \
             ({id}{copy}); it is not sent again: check the relay's log, and to send it \
             again delete its lines from the delivery log"
        )
    },
    certificate_failed: |host, why| {
        format!(
            "the certificate of {host} could not be verified ({why}), so nothing was sent; \
             if the relay uses a company CA, name its certificate in [email.smtp] ca_file"
        )
    },
    no_starttls: |host| {
        format!("{host} does not offer STARTTLS, which the settings require: nothing was sent")
    },
    sign_in_refused: |host, answer| format!("{host} refused the sign-in: {answer}"),
    timed_out: |host, step, limit, setting| {
        format!("timed out: {host} did not answer at {step} within {limit} ({setting})")
    },
    connection_lost: |host, step, why| {
        format!("the connection to {host} was lost at {step}: {why}")
    },
    deadline_reached: "the email step ran out of time (deadline_secs)",
    interrupted: |handed_over| {
        if handed_over {
            "the run sending it was stopped after handing the whole message to the relay \
             and before its answer"
                .into()
        } else {
            "the run sending it was stopped before the message reached the relay".into()
        }
    },
    relay_silent: |n, last| format!("the relay did not answer {n} attempts in a row ({last})"),
    step_deadline: |limit| format!("the email step ran out of time: {limit} (deadline_secs)"),
    unknown: |why| {
        format!(
            "{why}, after the whole message was handed over: it may or may not have been delivered"
        )
    },
    untried: |why| format!("not tried, the email step had stopped: {why}"),
    failed: |why| why.to_string(),
    attempts: |n, one| {
        if one {
            format!("after {n} attempt")
        } else {
            format!("after {n} attempts")
        }
    },
    what_partner: |id| format!("partner {id}'s report"),
    what_summary: "the summary",
    line_sent: |what, to| format!("sent {what} to {to}"),
    line_outbox: |what, to, file| format!("wrote {what} for {to} to {file}"),
    line_skipped: |what, to, why| format!("skipped {what} to {to}: {why}"),
    line_failed: |what, to, why, file| {
        format!("FAILED to send {what} to {to}: {why}; left in {file}")
    },
    line_unknown: |what, to, why, id, file, log| {
        format!(
            "UNKNOWN whether {what} reached {to}: {why}. Check the relay's log for Message-ID \
             {id} before sending it again: its copy is {file}; this tool will not send it \
             again (to have it do so, delete the message's lines from {log})"
        )
    },
    line_stopped: |why, untried, outbox| {
        format!("stopped: {why}; {untried} message(s) not tried are in {outbox} for the next run")
    },
    line_unaddressed: |id, why| format!("partner {id} was not sent its report: {why}"),
    line_totals: |[sent, outbox, failed, unknown, untried, skipped, unaddressed], log| {
        format!(
            "{sent} sent, {outbox} in the outbox, {failed} failed, {unknown} unknown, \
             {untried} not tried, {skipped} skipped; {unaddressed} partner(s) without an \
             address; log: {log}"
        )
    },
    unreadable_log_lines: |n, log| {
        format!("{n} line(s) of {log} could not be read and were passed over")
    },
    no_operators: "no operator addresses are configured: the summary was not sent",
    points: PointsMailTexts {
        partner_subject: |designation, as_of, partner| {
            format!("{designation} report {as_of}: {partner}")
        },
        operator_subject: |designation, as_of| format!("{designation} report {as_of}: summary"),
        partner_intro: |designation, partner, as_of| {
            format!("Attached is the {designation} report for {partner}, as of {as_of}.")
        },
        status: "Status",
        not_qualified: "Not qualified",
        score: "Score",
        score_of: |points, most, qualifying| {
            format!("{points} of {most} points ({qualifying} needed)")
        },
        path: "Path",
        points_per_metric: |path| format!("Points per metric ({path} path)"),
        metric_points: |points, most, figure| format!("{points} of {most} points ({figure})"),
        full: "full points",
        points_unit: |n, one| {
            if one {
                format!("{n} point")
            } else {
                format!("{n} points")
            }
        },
        below_minimum: "below the minimum",
        below_minimum_note: |metrics, minimum| {
            format!(
                "Below the per-metric minimum: {metrics}. Every metric needs at least \
                 {minimum} to qualify, whatever the total."
            )
        },
        partners_line: |total, qualified, not| {
            format!("Partners: {total} ({qualified} qualified, {not} not)")
        },
        top_actions: "Top actions (closest to qualifying first)",
        no_changes: "No partner gained or lost the designation.",
    },
};

/// Deutsch.
pub(crate) const DE: MailTexts = MailTexts {
    partner_subject: |competency, as_of, partner| {
        format!("Kompetenzbericht {competency} {as_of}: {partner}")
    },
    operator_subject: |competency, as_of| {
        format!("Kompetenzbericht {competency} {as_of}: Zusammenfassung")
    },
    greeting: "Guten Tag,",
    partner_intro: |competency, partner, as_of| {
        format!("anbei der Bericht zur Kompetenz {competency} für {partner}, Stand {as_of}.")
    },
    level: "Stufe",
    entitlements: "Aktive Berechtigungen",
    people: "Qualifizierte Personen",
    new_customers: "Neue Kunden",
    best_workload: |workload| format!("beste Arbeitslast: {workload}"),
    next_step: "Nächster Schritt",
    at_the_top: |level| {
        format!(
            "Keiner: {level} ist die höchste Stufe. Halten Sie Ihre Zahlen über ihren Schwellen."
        )
    },
    progress_toward: |level| format!("Fortschritt zu {level}"),
    of_needed: |have, needed| format!("{have} von {needed}"),
    percent: |p| format!("{p}\u{a0}%"),
    met: "erfüllt",
    since: |date| format!("Seit {date}"),
    entitlements_moved: |n| format!("{n} aktive Berechtigungen"),
    people_moved: |n| format!("{n} qualifizierte Personen"),
    closest_customers: "Kunden, die am ehesten zählen würden",
    attachment_note: |file| {
        format!(
            "{file} enthält Ihre Kundenzeilen und was jede beigetragen hat, Ihre Personen \
             und ihre Nachweise sowie die Probleme in Ihren Zeilen."
        )
    },
    signature: |version| format!("Gesendet von competency-report {version}."),
    attached: |file| format!("Anhang: {file}"),
    partners_line: |total, gold, silver, none| {
        format!("Partner: {total} (Gold {gold}, Silber {silver}, keine {none})")
    },
    problems_line: |n| format!("Probleme: {n} (siehe Blatt Probleme)"),
    top_actions: "Wichtigste Schritte (nächste Stufe am nächsten zuerst)",
    top_actions_none: "keine: jeder Partner hat die höchste Stufe",
    more_on_summary: |n| format!("... und {n} weitere auf dem Blatt Partner"),
    changes_since: |date| format!("Änderungen seit {date}"),
    changes: "Änderungen seit dem letzten Bericht",
    no_comparison: "Kein früherer Bericht zum Vergleich.",
    no_level_changes: "Kein Partner hat die Stufe gewechselt.",
    no_longer_listed: |ids| format!("Nicht mehr aufgeführt: {ids}"),
    at_risk: "Gefährdete Partner",
    at_risk_none: "Kein Partner droht seine Stufe zu verlieren.",
    partner_reports: "Partnerberichte",
    partner_messages: |sent, outbox, failed, unknown, untried, skipped| {
        format!(
            "{sent} gesendet, {outbox} im Postausgang für ein Mailprogramm, \
             {failed} fehlgeschlagen, {unknown} mit ungewissem Verbleib, {untried} nicht \
             versucht, {skipped} schon früher gesendet"
        )
    },
    failed_to: |recipient, why| format!("FEHLGESCHLAGEN an {recipient}: {why}"),
    unknown_to: |recipient, why, id| {
        format!(
            "UNGEWISS, ob sie {recipient} erreicht hat: {why}. Prüfen Sie im Protokoll des \
             Relays die Message-ID {id}"
        )
    },
    untried_to: |recipient, why| format!("NICHT VERSUCHT an {recipient}: {why}"),
    not_sent: "Partner ohne Bericht",
    not_sent_none: "Jeder Partner hat seinen Bericht erhalten.",
    recipient: "Empfänger",
    why: "Grund",
    no_contact_email: "keine Contact Email auf dem Partnerblatt",
    not_an_address: |text, why| format!("Contact Email \"{text}\" ist keine Adresse ({why})"),
    written_to_outbox: "kein SMTP-Server eingestellt: in den Postausgang geschrieben",
    already_sent: |at, id| format!("schon gesendet am {at} ({id})"),
    already_in_outbox: |file, at, id| {
        if file.is_empty() {
            format!("schon in den Postausgang geschrieben am {at} ({id})")
        } else {
            format!("schon in den Postausgang geschrieben als {file} am {at} ({id})")
        }
    },
    already_unknown: |file, at, id| {
        let copy = if file.is_empty() {
            String::new()
        } else {
            format!(", Kopie in outbox/{file}")
        };
        format!(
            "am {at} ohne Antwort an das Relay übergeben, also vielleicht zugestellt \
             ({id}{copy}); sie wird nicht noch einmal gesendet: prüfen Sie das Protokoll des \
             Relays; um sie erneut zu senden, löschen Sie ihre Zeilen im Zustellprotokoll"
        )
    },
    certificate_failed: |host, why| {
        format!(
            "das Zertifikat von {host} ließ sich nicht prüfen ({why}), daher wurde nichts \
             gesendet; nutzt das Relay eine Firmen-CA, nennen Sie deren Zertifikat in \
             [email.smtp] ca_file"
        )
    },
    no_starttls: |host| {
        format!(
            "{host} bietet kein STARTTLS an, das die Einstellungen verlangen: nichts wurde gesendet"
        )
    },
    sign_in_refused: |host, answer| format!("{host} hat die Anmeldung abgelehnt: {answer}"),
    timed_out: |host, step, limit, setting| {
        format!(
            "Zeitüberschreitung: {host} hat bei {step} nicht innerhalb von {limit} \
             geantwortet ({setting})"
        )
    },
    connection_lost: |host, step, why| {
        format!("die Verbindung zu {host} brach bei {step} ab: {why}")
    },
    deadline_reached: "der E-Mail-Schritt hatte keine Zeit mehr (deadline_secs)",
    interrupted: |handed_over| {
        if handed_over {
            "der Lauf, der sie sandte, wurde angehalten, nachdem die ganze Nachricht an das \
             Relay übergeben war und bevor es antwortete"
                .into()
        } else {
            "der Lauf, der sie sandte, wurde angehalten, bevor die Nachricht das Relay erreichte"
                .into()
        }
    },
    relay_silent: |n, last| {
        format!("das Relay hat {n} Versuche in Folge nicht beantwortet ({last})")
    },
    step_deadline: |limit| {
        format!("der E-Mail-Schritt hatte keine Zeit mehr: {limit} (deadline_secs)")
    },
    unknown: |why| {
        format!(
            "{why}, nachdem die ganze Nachricht übergeben war: sie ist vielleicht zugestellt, \
             vielleicht nicht"
        )
    },
    untried: |why| format!("nicht versucht, der E-Mail-Schritt war beendet: {why}"),
    failed: |why| why.to_string(),
    attempts: |n, one| {
        if one {
            format!("nach {n} Versuch")
        } else {
            format!("nach {n} Versuchen")
        }
    },
    what_partner: |id| format!("den Bericht für Partner {id}"),
    what_summary: "die Zusammenfassung",
    line_sent: |what, to| format!("{what} an {to} gesendet"),
    line_outbox: |what, to, file| format!("{what} für {to} nach {file} geschrieben"),
    line_skipped: |what, to, why| format!("{what} an {to} übersprungen: {why}"),
    line_failed: |what, to, why, file| {
        format!("FEHLGESCHLAGEN: {what} an {to}: {why}; liegt in {file}")
    },
    line_unknown: |what, to, why, id, file, log| {
        format!(
            "UNGEWISS, ob {what} {to} erreicht hat: {why}. Prüfen Sie im Protokoll des Relays \
             die Message-ID {id}, bevor Sie sie erneut senden: die Kopie liegt in {file}; \
             dieses Programm sendet sie nicht noch einmal (dafür ihre Zeilen in {log} löschen)"
        )
    },
    line_stopped: |why, untried, outbox| {
        format!(
            "beendet: {why}; {untried} nicht versuchte Nachricht(en) liegen in {outbox} für \
             den nächsten Lauf"
        )
    },
    line_unaddressed: |id, why| format!("Partner {id} hat seinen Bericht nicht erhalten: {why}"),
    line_totals: |[sent, outbox, failed, unknown, untried, skipped, unaddressed], log| {
        format!(
            "{sent} gesendet, {outbox} im Postausgang, {failed} fehlgeschlagen, \
             {unknown} ungewiss, {untried} nicht versucht, {skipped} übersprungen; \
             {unaddressed} Partner ohne Adresse; Protokoll: {log}"
        )
    },
    unreadable_log_lines: |n, log| {
        format!("{n} Zeile(n) von {log} waren unlesbar und wurden übergangen")
    },
    no_operators: "keine Betreuer-Adressen eingestellt: die Zusammenfassung wurde nicht gesendet",
    points: PointsMailTexts {
        partner_subject: |designation, as_of, partner| {
            format!("Bericht {designation} {as_of}: {partner}")
        },
        operator_subject: |designation, as_of| {
            format!("Bericht {designation} {as_of}: Zusammenfassung")
        },
        partner_intro: |designation, partner, as_of| {
            format!("anbei der Bericht zu {designation} für {partner}, Stand {as_of}.")
        },
        status: "Status",
        not_qualified: "Nicht qualifiziert",
        score: "Punktzahl",
        score_of: |points, most, qualifying| {
            format!("{points} von {most} Punkten ({qualifying} nötig)")
        },
        path: "Pfad",
        points_per_metric: |path| format!("Punkte je Kennzahl (Pfad {path})"),
        metric_points: |points, most, figure| format!("{points} von {most} Punkten ({figure})"),
        full: "volle Punktzahl",
        points_unit: |n, one| {
            if one {
                format!("{n} Punkt")
            } else {
                format!("{n} Punkte")
            }
        },
        below_minimum: "unter dem Minimum",
        below_minimum_note: |metrics, minimum| {
            format!(
                "Unter dem Minimum je Kennzahl: {metrics}. Jede Kennzahl braucht mindestens \
                 {minimum}, um zu qualifizieren, unabhängig von der Gesamtpunktzahl."
            )
        },
        partners_line: |total, qualified, not| {
            format!("Partner: {total} ({qualified} qualifiziert, {not} nicht)")
        },
        top_actions: "Wichtigste Schritte (am nächsten an der Qualifizierung zuerst)",
        no_changes: "Kein Partner hat die Auszeichnung erlangt oder verloren.",
    },
};
