//! The emails' words in German.

use super::{MailTexts, PointsMailTexts};

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
    relay_silent: |n, last| match n {
        "1" => format!("das Relay hat den einen Versuch nicht beantwortet ({last})"),
        _ => format!("das Relay hat {n} Versuche in Folge nicht beantwortet ({last})"),
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
