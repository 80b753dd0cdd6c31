//! The emails' words in English.

use super::{MailTexts, PointsMailTexts};

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
    relay_silent: |n, last| match n {
        "1" => format!("the relay did not answer its one attempt ({last})"),
        _ => format!("the relay did not answer {n} attempts in a row ({last})"),
    },
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
