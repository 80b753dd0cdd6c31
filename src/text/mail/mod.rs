//! The words of the emails: subjects, the partner's message, the operators'
//! summary, and what became of a message; one table per language (`en.rs`,
//! `de.rs`) like the rest. `deliver::email` puts them together and never
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

mod de;
mod en;

pub(crate) use de::DE;
pub(crate) use en::EN;

#[cfg(test)]
mod tests {
    use super::{DE, EN};

    #[test]
    fn one_unanswered_attempt_is_said_in_the_singular() {
        assert_eq!(
            (EN.relay_silent)("1", "timed out"),
            "the relay did not answer its one attempt (timed out)"
        );
        assert_eq!(
            (EN.relay_silent)("3", "timed out"),
            "the relay did not answer 3 attempts in a row (timed out)"
        );
        assert!((DE.relay_silent)("1", "x").contains("den einen Versuch"));
        assert!((DE.relay_silent)("3", "x").contains("3 Versuche in Folge"));
    }
}
