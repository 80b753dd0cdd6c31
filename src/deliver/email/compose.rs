//! What a message says: the partner's message and the operators' summary,
//! each as a view (headings, figures, rows, already in the report's
//! language) from which [`super::plain`] writes the plain-text part and
//! [`super::html`] the HTML part; and the MIME message around them. The
//! operators' summary is composed in [`super::operator`], a partner's
//! message under a points-scored designation in [`super::points`].

use std::io;

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};

pub(crate) use super::operator::OperatorView;
use super::{Delivery, EmailError, Unreachable};
use crate::advice::{self, Advice, Progress, Requirement, Step};
use crate::evaluate::PartnerResult;
use crate::model::Level;
use crate::report::ReportData;
use crate::rules::points::Centi;
use crate::text::Texts;
use chrono::NaiveDate;

/// The MIME type of an `.xlsx` attachment.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/// How many partners the operators' summary lists under "top actions".
pub(super) const TOP_ACTIONS: usize = 10;
/// The longest piece of input text (a partner name) put into a subject or a line.
pub(super) const MAX_NAME: usize = 80;
/// The longest subject.
pub(super) const MAX_SUBJECT: usize = 200;

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

/// Composes the messages of one run.
pub(crate) struct Composer<'a, 'd> {
    pub(super) data: &'a ReportData<'d>,
    pub(super) texts: &'static Texts,
    advice: &'a [Option<Advice>],
}

impl<'a, 'd> Composer<'a, 'd> {
    /// A composer for a report, with the advice aligned with its partners.
    pub(crate) fn new(data: &'a ReportData<'d>, advice: &'a [Option<Advice>]) -> Self {
        Composer {
            data,
            texts: data.texts(),
            advice,
        }
    }

    pub(super) fn as_of(&self) -> String {
        self.data.as_of.format("%Y-%m-%d").to_string()
    }

    /// The competency's or the designation's name.
    pub(super) fn competency(&self) -> &str {
        &self.data.rules.competency.name
    }

    /// The report's title: "Cloud Productivity competency report, as of
    /// 2017-09-30", "Solutions Partner for Modern Work report, as of ...".
    pub(super) fn title(&self) -> String {
        self.texts.report_title(self.data.rules, &self.as_of())
    }

    /// A level's word: "Gold", "Qualified"; "Not qualified" rather than
    /// "None" where a designation is scored in points.
    pub(super) fn level_word(&self, level: Level) -> String {
        match (level, &self.data.rules.scoring) {
            (Level::None, Some(_)) => self.texts.mail.points.not_qualified.to_string(),
            _ => self.texts.level(level).to_string(),
        }
    }

    /// The message to the partner at `index` in the evaluation.
    pub(crate) fn partner(&self, index: usize, attachment: &str) -> Parts {
        let view = self.partner_view(index, attachment);
        Parts {
            subject: view.subject.clone(),
            text: super::plain::partner(&view),
            html: super::html::partner(&view),
        }
    }

    /// The operators' summary, after the partners' messages in `delivery`.
    pub(crate) fn operator(&self, attachment: &str, delivery: &Delivery) -> Parts {
        let view = self.operator_view(attachment, delivery);
        Parts {
            subject: view.subject.clone(),
            text: super::plain::operator(&view),
            html: super::html::operator(&view),
        }
    }

    /// What the partner at `index` is shown.
    pub(crate) fn partner_view(&self, index: usize, attachment: &str) -> PartnerView {
        let t = self.texts;
        let m = &t.mail;
        let p = &self.data.evaluation.partners[index];
        if let (Some(score), Some(scoring)) = (&p.score, &self.data.rules.scoring) {
            return self.points_partner_view(p, score, scoring, attachment);
        }
        let label = partner_label(p);
        let level = t.level(p.level).to_string();
        let mut entitlements = t.count(p.entitlements);
        if let Some(w) = &p.best_workload {
            entitlements.push_str(&format!(" ({})", (m.best_workload)(w.as_str())));
        }
        let mut facts = vec![
            (m.level.to_string(), level.clone()),
            (m.entitlements.to_string(), entitlements),
            (m.people.to_string(), t.count(u64::from(p.qualified_people))),
        ];
        if let Some((since, change)) = self.change_words(p) {
            facts.push((since, change));
        }
        let bars: Vec<Bar> = advice::progress(p, self.data.rules)
            .iter()
            .map(|b| self.bar(b))
            .collect();
        let progress_heading =
            (!bars.is_empty()).then(|| (m.progress_toward)(t.level(advice::progress_level(p))));
        // The action is a cell on Summary ("needs 50 more ..."); here it
        // stands alone as a sentence. At the top there is no next level:
        // "Meets Gold" would be no step at all.
        let next_step = match &p.next {
            Some(_) => (m.next_step, sentence(t.action(p, self.data.rules))),
            None => (m.next_step, (m.at_the_top)(t.level(p.level))),
        };
        PartnerView {
            lang: lang_code(t),
            subject: clean(
                &(m.partner_subject)(self.competency(), &self.as_of(), &label),
                MAX_SUBJECT,
            ),
            title: self.title(),
            partner: label.clone(),
            greeting: m.greeting,
            intro: (m.partner_intro)(self.competency(), &label, &self.as_of()),
            level: (level, p.level),
            facts,
            progress_heading,
            bars,
            alert: None,
            next_step,
            near: self.near_customers(index),
            attachment_note: (m.attachment_note)(attachment),
            signature: (m.signature)(env!("CARGO_PKG_VERSION")),
        }
    }

    fn bar(&self, b: &Progress) -> Bar {
        let m = &self.texts.mail;
        Bar {
            label: match b.requirement {
                Requirement::Entitlements => m.entitlements,
                Requirement::People => m.people,
                Requirement::NewCustomers => m.new_customers,
            }
            .to_string(),
            figures: (m.of_needed)(&self.texts.count(b.have), &self.texts.count(b.needed)),
            percent: b.percent(),
            percent_shown: (m.percent)(b.percent()),
            met: b.met(),
            short: false,
            status: b.met().then(|| m.met.to_string()),
        }
    }

    /// "Since 2017-08-31" and "gained Silver, +200 active entitlements, +1
    /// qualified people", when there is an earlier report to compare with.
    /// A partner scored in points is told its status's move and its
    /// score's, where the history kept the earlier month's score.
    pub(super) fn change_words(&self, p: &PartnerResult) -> Option<(String, String)> {
        let changes = self.data.changes?;
        let change = changes.get(&p.partner)?;
        let t = self.texts;
        let mut words = vec![t.change(change.change).to_string()];
        if let Some(score) = &p.score {
            if let Some(moved) = self.score_moved(p, score.total(), changes.against_as_of) {
                words.push(moved);
            }
        } else {
            if let Some(n) = change.entitlements {
                words.push((t.mail.entitlements_moved)(&signed(t, n)));
            }
            if let Some(n) = change.qualified_people {
                words.push((t.mail.people_moved)(&signed(t, n)));
            }
        }
        let since = (t.mail.since)(&changes.against_as_of.format("%Y-%m-%d").to_string());
        Some((since, words.join(", ")))
    }

    /// "+3.5 points" since the month of `then`, from the history's score of
    /// that month; `None` where the history has none (no history kept, a
    /// month stored before scores were, a partner new since).
    fn score_moved(&self, p: &PartnerResult, now: Centi, then: NaiveDate) -> Option<String> {
        // The history's months are keyed `YYYY-MM`, as the routine stores them.
        let month = then.format("%Y-%m").to_string();
        let before = self
            .data
            .history?
            .partners
            .get(&p.partner)?
            .months
            .get(&month)?
            .score?;
        let t = self.texts;
        let diff = i64::from(now) - i64::from(before);
        let abs = Centi::try_from(diff.unsigned_abs()).unwrap_or(Centi::MAX);
        let shown = format!("{}{}", sign(diff), t.points(abs));
        Some((t.mail.points.points_unit)(&shown, abs == 100))
    }

    /// The customers whose conversion the cheapest route proposes.
    fn near_customers(&self, index: usize) -> Section {
        let t = self.texts;
        let mut section = Section {
            heading: t.mail.closest_customers.to_string(),
            headers: [
                t.h.customer_name,
                t.h.workload,
                t.h.active_users,
                t.h.what_to_do,
            ]
            .map(String::from)
            .to_vec(),
            empty: t.advice.no_near_customer.to_string(),
            ..Section::default()
        };
        let plan = self
            .advice
            .get(index)
            .and_then(Option::as_ref)
            .and_then(|a| {
                a.steps.iter().find_map(|s| match s {
                    Step::Entitlements(e) => Some(&e.plan),
                    _ => None,
                })
            });
        for c in plan.into_iter().flatten() {
            let name = c.customer_name.as_deref().unwrap_or(c.customer.as_str());
            let users = t.count(c.users);
            let todo = t.what_to_do(c, self.data.rules);
            let line = (t.advice.near_customer)(name, &users, c.workload.as_str(), &t.obstacle(c));
            section.rows.push((
                vec![name.to_string(), c.workload.to_string(), users, todo],
                line,
            ));
        }
        section
    }
}

/// "+200", "-1,050", "0", with the language's thousands separator.
fn signed(t: &Texts, n: i64) -> String {
    format!("{}{}", sign(n), t.count(n.unsigned_abs()))
}

/// "+", "-" or nothing for zero.
fn sign(n: i64) -> &'static str {
    match n.signum() {
        1 => "+",
        -1 => "-",
        _ => "",
    }
}

/// `en` or `de`.
pub(super) fn lang_code(t: &Texts) -> &'static str {
    match t.lang {
        crate::text::Lang::En => "en",
        crate::text::Lang::De => "de",
    }
}

/// The addresses in a Contact Email cell (separated by `;` or `,`), and
/// why the partner cannot be reached at the others.
pub(crate) fn addresses(cell: Option<&str>) -> (Vec<Mailbox>, Vec<Unreachable>) {
    let texts: Vec<&str> = cell
        .unwrap_or_default()
        .split([';', ','])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    if texts.is_empty() {
        return (Vec::new(), vec![Unreachable::NoContactEmail]);
    }
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for text in texts {
        match text.parse::<Mailbox>() {
            Ok(m) => good.push(m),
            Err(why) => bad.push(Unreachable::NotAnAddress {
                text: clean(text, MAX_SUBJECT),
                why: why.to_string(),
            }),
        }
    }
    (good, bad)
}

/// Text from the inputs made safe for a header or a line of text: control
/// characters (line breaks included) become spaces, and it is cut short.
pub(crate) fn clean(text: &str, max: usize) -> String {
    let s: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect();
    s.trim().to_string()
}

/// The partner named for people: `Contoso (1000001)` or `1000001`.
pub(super) fn partner_label(p: &PartnerResult) -> String {
    match p.name.as_deref().map(|n| clean(n, MAX_NAME)) {
        Some(n) if !n.is_empty() => format!("{n} ({})", p.partner),
        _ => p.partner.to_string(),
    }
}

/// A message: text and HTML as alternatives, the workbook attached.
pub(crate) fn build_message(
    from: &Mailbox,
    to: &Mailbox,
    parts: Parts,
    attachment: &str,
    bytes: Vec<u8>,
) -> Result<Message, EmailError> {
    let failed = |source| EmailError::Message {
        recipient: to.to_string(),
        source,
    };
    let content_type = ContentType::parse(XLSX_MIME)
        .map_err(|e| failed(lettre::error::Error::Io(io::Error::other(e.to_string()))))?;
    Message::builder()
        .from(from.clone())
        .to(to.clone())
        .subject(parts.subject)
        .message_id(None)
        .user_agent(format!("competency-report {}", env!("CARGO_PKG_VERSION")))
        .multipart(
            MultiPart::mixed()
                .multipart(MultiPart::alternative_plain_html(parts.text, parts.html))
                .singlepart(Attachment::new(attachment.to_string()).body(bytes, content_type)),
        )
        .map_err(failed)
}

/// `text` with its first letter a capital, to stand as a sentence.
pub(super) fn sentence(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_line_breaks_from_header_text() {
        assert_eq!(clean("a\r\nBcc: x@y", 100), "a  Bcc: x@y");
        assert_eq!(clean("abcdef", 3), "abc");
    }

    #[test]
    fn a_contact_email_cell_splits_into_addresses_and_reasons() {
        let (good, bad) = addresses(Some("a@x.example; not one, b@y.example"));
        assert_eq!(good.len(), 2);
        assert!(matches!(&bad[..], [Unreachable::NotAnAddress { text, .. }] if text == "not one"));
        let (good, bad) = addresses(Some("  "));
        assert!(good.is_empty());
        assert_eq!(bad, vec![Unreachable::NoContactEmail]);
    }
}
