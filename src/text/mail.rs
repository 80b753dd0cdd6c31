//! The words of the emails: subjects, the partner's message, the operators'
//! summary, and what became of a message. One [`MailTexts`] per language,
//! in [`super::en::EN`] and [`super::de::DE`]; `deliver::email` puts them
//! together and never holds words of its own.
//!
//! Every function here takes text that is already safe for where it goes:
//! the HTML writer escapes whatever comes from the inputs before it calls
//! them, and escapes what they return.

/// The words of the emails, one table per language.
#[derive(Debug)]
pub struct MailTexts {
    /// A partner's subject: (competency, as-of date, partner).
    pub partner_subject: fn(&str, &str, &str) -> String,
    /// The operators' subject: (competency, as-of date).
    pub operator_subject: fn(&str, &str) -> String,
    /// The first line of a partner's message.
    pub greeting: &'static str,
    /// What is attached and for whom: (competency, partner, as-of date).
    pub partner_intro: fn(&str, &str, &str) -> String,
    /// "Level".
    pub level: &'static str,
    /// "Active entitlements".
    pub entitlements: &'static str,
    /// "Qualified people".
    pub people: &'static str,
    /// "New customers".
    pub new_customers: &'static str,
    /// After the entitlements figure: (best workload).
    pub best_workload: fn(&str) -> String,
    /// "Next step".
    pub next_step: &'static str,
    /// The heading of the progress bars: (level aimed at).
    pub progress_toward: fn(&str) -> String,
    /// One bar's figures: (have, needed).
    pub of_needed: fn(&str, &str) -> String,
    /// A requirement that is met.
    pub met: &'static str,
    /// "Since the last report" label: (its as-of date).
    pub since: fn(&str) -> String,
    /// A figure's move since the last report: (signed difference).
    pub entitlements_moved: fn(&str) -> String,
    /// The qualified people's move since the last report: (signed difference).
    pub people_moved: fn(&str) -> String,
    /// "Customers closest to counting".
    pub closest_customers: &'static str,
    /// What the attached workbook holds: (file name).
    pub attachment_note: fn(&str) -> String,
    /// The signature: (tool version).
    pub signature: fn(&str) -> String,
    /// "Attached: {file}".
    pub attached: fn(&str) -> String,
    /// Partners and their levels: (total, gold, silver, none).
    pub partners_line: fn(&str, &str, &str, &str) -> String,
    /// Input problems: (count).
    pub problems_line: fn(&str) -> String,
    /// "Top actions" heading.
    pub top_actions: &'static str,
    /// No partner is below the top level.
    pub top_actions_none: &'static str,
    /// More partners than listed: (how many).
    pub more_on_summary: fn(&str) -> String,
    /// "Changes since {date}" heading.
    pub changes_since: fn(&str) -> String,
    /// No earlier report to compare with.
    pub no_comparison: &'static str,
    /// Every partner kept its level.
    pub no_level_changes: &'static str,
    /// Partners in the earlier report and not in this one: (ids).
    pub no_longer_listed: fn(&str) -> String,
    /// "Partners at risk" heading.
    pub at_risk: &'static str,
    /// No partner is at risk.
    pub at_risk_none: &'static str,
    /// What became of the partners' messages: (sent, outbox, failed, skipped).
    pub partner_messages: fn(&str, &str, &str, &str) -> String,
    /// One message that failed: (recipient, why).
    pub failed_to: fn(&str, &str) -> String,
    /// "Partners not sent their report" heading.
    pub not_sent: &'static str,
    /// Every partner with an address was sent its report.
    pub not_sent_none: &'static str,
    /// "Recipient" column header.
    pub recipient: &'static str,
    /// "Why" column header.
    pub why: &'static str,
    /// Why a partner got no message: no address at all.
    pub no_contact_email: &'static str,
    /// Why a partner got no message: (the cell's text, why it is no address).
    pub not_an_address: fn(&str, &str) -> String,
    /// What became of a message: it went to the outbox, no server is set.
    pub written_to_outbox: &'static str,
    /// A message sent by an earlier run: (when, Message-ID).
    pub already_sent: fn(&str, &str) -> String,
    /// A message an earlier run put in the outbox: (file or "", when, Message-ID).
    pub already_in_outbox: fn(&str, &str, &str) -> String,
    /// The server's certificate did not verify: (host, why).
    pub certificate_failed: fn(&str, &str) -> String,
    /// TLS was asked for and the server does not offer STARTTLS: (host).
    pub no_starttls: fn(&str) -> String,
    /// The server refused the sign-in: (host, its answer).
    pub sign_in_refused: fn(&str, &str) -> String,
    /// Any other failure, in the words of the error: (why).
    pub failed: fn(&str) -> String,
    /// How many attempts were made: (count, is one).
    pub attempts: fn(&str, bool) -> String,
    /// A partner's message, in a progress line: (partner id).
    pub what_partner: fn(&str) -> String,
    /// The operators' message, in a progress line.
    pub what_summary: &'static str,
    /// A message sent: (what, recipient).
    pub line_sent: fn(&str, &str) -> String,
    /// A message written to the outbox: (what, recipient, file).
    pub line_outbox: fn(&str, &str, &str) -> String,
    /// A message skipped: (what, recipient, why).
    pub line_skipped: fn(&str, &str, &str) -> String,
    /// A message that failed: (what, recipient, why, where it was left).
    pub line_failed: fn(&str, &str, &str, &str) -> String,
    /// A partner not sent its report: (partner id, why).
    pub line_unaddressed: fn(&str, &str) -> String,
    /// The totals: ([sent, outbox, failed, skipped, without address], log).
    pub line_totals: fn(&[String; 5], &str) -> String,
    /// Lines of the delivery log passed over: (count, log).
    pub unreadable_log_lines: fn(&str, &str) -> String,
    /// No operator address is configured.
    pub no_operators: &'static str,
}
