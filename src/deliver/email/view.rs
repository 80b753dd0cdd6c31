//! What a message shows, as plain data in the report's language: the
//! views [`super::compose`] (and each family's mail) fill and
//! [`super::plain`] and [`super::html`] write as the message's two parts.

use crate::model::Level;

/// The three parts of a message: subject, plain text, HTML.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    /// The subject line.
    pub(crate) subject: String,
    /// The plain-text part.
    pub(crate) text: String,
    /// The HTML part.
    pub(crate) html: String,
}

/// One progress bar: a requirement's figure against what the level needs.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    /// What is measured.
    pub(crate) label: String,
    /// "2,200 of 4,000".
    pub(crate) figures: String,
    /// 0 to 100: the bar's width.
    pub(crate) percent: u8,
    /// The percent in words: "55%", "55 %"; empty where the figures say it.
    pub(crate) percent_shown: String,
    /// Whether the requirement is met (a metric: at its full points).
    pub(crate) met: bool,
    /// Whether the figure is below a minimum that blocks the level (a
    /// metric below the per-metric minimum).
    pub(crate) short: bool,
    /// A word after the figures: "met", "below the minimum of 1 point".
    pub(crate) status: Option<String>,
}

/// A block of rows under a heading: a table in HTML, a list in text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Section {
    /// The heading.
    pub(crate) heading: String,
    /// A paragraph under the heading.
    pub(crate) intro: Option<String>,
    /// The table's column headers.
    pub(crate) headers: Vec<String>,
    /// The rows, each as table cells and as one line of text.
    pub(crate) rows: Vec<(Vec<String>, String)>,
    /// What to say when there are no rows.
    pub(crate) empty: String,
    /// A line after the rows ("... and 12 more").
    pub(crate) more: Option<String>,
}

/// What a partner's message shows.
#[derive(Debug, Clone)]
pub(crate) struct PartnerView {
    /// The language's code, for `<html lang>`.
    pub(crate) lang: &'static str,
    /// The subject, also the HTML title.
    pub(crate) subject: String,
    /// "Cloud Productivity competency report, as of 2017-09-30".
    pub(crate) title: String,
    /// The partner, as named in the banner: "Contoso (1000001)".
    pub(crate) partner: String,
    /// The greeting line.
    pub(crate) greeting: &'static str,
    /// What is attached and for whom.
    pub(crate) intro: String,
    /// The partner's level, as a word, and as a level.
    pub(crate) level: (String, Level),
    /// Labelled figures: level, entitlements, people, change since last report.
    pub(crate) facts: Vec<(String, String)>,
    /// "Progress toward Gold".
    pub(crate) progress_heading: Option<String>,
    /// One bar per requirement (per metric of a points-scored rule set).
    pub(crate) bars: Vec<Bar>,
    /// A warning under the bars: what blocks the level whatever the rest.
    pub(crate) alert: Option<String>,
    /// "Next step" and the sentence.
    pub(crate) next_step: (&'static str, String),
    /// The customers closest to counting.
    pub(crate) near: Section,
    /// What the workbook holds.
    pub(crate) attachment_note: String,
    /// The signature line.
    pub(crate) signature: String,
}

/// What the operators' summary shows.
#[derive(Debug, Clone)]
pub(crate) struct OperatorView {
    /// The language's code, for `<html lang>`.
    pub(crate) lang: &'static str,
    /// The subject, also the HTML title.
    pub(crate) subject: String,
    /// "Cloud Productivity competency report, as of 2017-09-30".
    pub(crate) title: String,
    /// "Attached: ...".
    pub(crate) attached: String,
    /// "Partners: 3 (Gold 0, Silver 1, none 2)".
    pub(crate) partners_line: String,
    /// Partners per level: (level word, level, count).
    pub(crate) per_level: (String, Vec<(String, Level, usize)>),
    /// "Problems: 2 (...)".
    pub(crate) problems_line: String,
    /// Level changes since the earlier report.
    pub(crate) changes: Section,
    /// Partners at risk of losing their level; `None` where the report has
    /// no such alert (a points-scored rule set).
    pub(crate) at_risk: Option<Section>,
    /// The partners closest to their next level and what they need.
    pub(crate) top_actions: Section,
    /// What became of the partners' messages.
    pub(crate) messages: Section,
    /// Partners not sent their report.
    pub(crate) not_sent: Section,
    /// The signature line.
    pub(crate) signature: String,
}

/// What a partner's message shows when the report holds several rule
/// sets: the frame once, then the partner's standing in each.
#[derive(Debug, Clone)]
pub(crate) struct ProgrammePartnerView {
    /// The language's code, for `<html lang>`.
    pub(crate) lang: &'static str,
    /// The subject, also the HTML title.
    pub(crate) subject: String,
    /// The report's title.
    pub(crate) title: String,
    /// The partner, as named in the banner.
    pub(crate) partner: String,
    /// The greeting line.
    pub(crate) greeting: &'static str,
    /// What is attached and for whom.
    pub(crate) intro: String,
    /// Each rule set's name and the partner's standing in it (its
    /// message's body; the frame of each is left unused).
    pub(crate) designations: Vec<(String, PartnerView)>,
    /// What the workbook holds.
    pub(crate) attachment_note: String,
    /// The signature line.
    pub(crate) signature: String,
}

/// What the operators' summary shows when the report holds several rule
/// sets: each rule set's partners per level and top actions, then what
/// became of the partners' messages once.
#[derive(Debug, Clone)]
pub(crate) struct ProgrammeOperatorView {
    /// The language's code, for `<html lang>`.
    pub(crate) lang: &'static str,
    /// The subject, also the HTML title.
    pub(crate) subject: String,
    /// The report's title.
    pub(crate) title: String,
    /// "Attached: ...".
    pub(crate) attached: String,
    /// "Problems: 2 (...)".
    pub(crate) problems_line: String,
    /// Each rule set's name and its summary (only its partners, levels,
    /// at-risk and top actions are shown).
    pub(crate) designations: Vec<(String, OperatorView)>,
    /// What became of the partners' messages.
    pub(crate) messages: Section,
    /// Partners not sent their report.
    pub(crate) not_sent: Section,
    /// The signature line.
    pub(crate) signature: String,
}
