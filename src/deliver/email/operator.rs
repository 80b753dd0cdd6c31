//! What the operators' summary says: partners per level, the problems,
//! the changes since the last report, the partners at risk, the top
//! actions, what became of the partners' messages and who was not sent
//! one; as a view for [`super::plain`] and [`super::html`].

use super::compose::{
    Composer, MAX_NAME, MAX_SUBJECT, Section, TOP_ACTIONS, clean, lang_code, partner_label,
};
use super::{Audience, Delivery, Status};
use crate::advice;
use crate::model::Level;
use crate::month::Change;
use crate::text::Texts;

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

impl Composer<'_, '_> {
    /// What the operators are shown.
    pub(crate) fn operator_view(&self, attachment: &str, delivery: &Delivery) -> OperatorView {
        let t = self.texts;
        let m = &t.mail;
        let partners = &self.data.evaluation.partners;
        let count = |l: Level| partners.iter().filter(|p| p.level == l).count();
        // The levels these rules give, highest first, and none.
        let mut levels: Vec<Level> = self.data.rules.levels.keys().rev().copied().collect();
        if self.data.rules.scoring.is_some() {
            levels.push(Level::Qualified);
        }
        levels.push(Level::None);
        let scored = self.data.rules.scoring.is_some();
        let n = |l: Level| t.count(count(l) as u64);
        let total = t.count(partners.len() as u64);
        let (subject, partners_line) = if scored {
            (
                (m.points.operator_subject)(self.competency(), &self.as_of()),
                (m.points.partners_line)(&total, &n(Level::Qualified), &n(Level::None)),
            )
        } else {
            (
                (m.operator_subject)(self.competency(), &self.as_of()),
                (m.partners_line)(&total, &n(Level::Gold), &n(Level::Silver), &n(Level::None)),
            )
        };
        OperatorView {
            lang: lang_code(t),
            subject: clean(&subject, MAX_SUBJECT),
            title: self.title(),
            attached: (m.attached)(attachment),
            partners_line,
            per_level: (
                t.dashboard.per_level.to_string(),
                levels
                    .iter()
                    .map(|&l| (self.level_word(l), l, count(l)))
                    .collect(),
            ),
            problems_line: (m.problems_line)(&t.count(self.data.problems.len() as u64)),
            changes: self.changes_section(),
            // The report gives a points-scored designation no at-risk
            // alert; the summary says nothing it does not.
            at_risk: (!scored).then(|| self.at_risk_section()),
            top_actions: self.top_actions_section(),
            messages: messages_section(t, delivery),
            not_sent: not_sent_section(t, delivery),
            signature: (m.signature)(env!("CARGO_PKG_VERSION")),
        }
    }

    fn changes_section(&self) -> Section {
        let t = self.texts;
        let m = &t.mail;
        let Some(changes) = self.data.changes else {
            return Section {
                heading: m.changes.to_string(),
                empty: m.no_comparison.to_string(),
                ..Section::default()
            };
        };
        let mut section = Section {
            heading: (m.changes_since)(&changes.against_as_of.format("%Y-%m-%d").to_string()),
            headers: [t.h.partner_name, t.h.change, t.h.level]
                .map(String::from)
                .to_vec(),
            empty: match self.data.rules.scoring {
                Some(_) => m.points.no_changes,
                None => m.no_level_changes,
            }
            .to_string(),
            ..Section::default()
        };
        for p in &self.data.evaluation.partners {
            let Some(c) = changes.get(&p.partner) else {
                continue;
            };
            if c.change == Change::Unchanged {
                continue;
            }
            let label = partner_label(p);
            let change = t.change(c.change).to_string();
            let line = format!("{label}: {change}");
            section
                .rows
                .push((vec![label, change, self.level_word(p.level)], line));
        }
        if !changes.gone.is_empty() {
            let ids: Vec<&str> = changes.gone.iter().map(|p| p.as_str()).collect();
            section.more = Some((m.no_longer_listed)(&ids.join(", ")));
        }
        section
    }

    fn at_risk_section(&self) -> Section {
        let t = self.texts;
        let mut section = Section {
            heading: t.mail.at_risk.to_string(),
            headers: [t.h.partner_name, t.h.level, t.h.at_risk]
                .map(String::from)
                .to_vec(),
            empty: t.mail.at_risk_none.to_string(),
            ..Section::default()
        };
        for p in &self.data.evaluation.partners {
            if let Some(risk) = advice::at_risk(p, self.data.rules) {
                let why = t.at_risk(&risk);
                let label = partner_label(p);
                let line = format!("{label}: {why}");
                section
                    .rows
                    .push((vec![label, t.level(p.level).to_string(), why], line));
            }
        }
        section
    }

    fn top_actions_section(&self) -> Section {
        let t = self.texts;
        let evaluation = self.data.evaluation;
        let scored = self.data.rules.scoring.is_some();
        let mut section = Section {
            heading: if scored {
                t.mail.points.top_actions.to_string()
            } else {
                t.mail.top_actions.to_string()
            },
            headers: [t.h.partner_name, t.h.level, t.h.action]
                .map(String::from)
                .to_vec(),
            empty: if scored {
                t.points.nobody_below.to_string()
            } else {
                t.mail.top_actions_none.to_string()
            },
            ..Section::default()
        };
        // The Dashboard's ranking, so the summary and the report agree.
        for (i, _) in advice::closest(evaluation, self.data.rules, TOP_ACTIONS) {
            let p = &evaluation.partners[i];
            let label = partner_label(p);
            let action = t.action(p, self.data.rules);
            let line = format!("{label}: {action}");
            section
                .rows
                .push((vec![label, self.level_word(p.level), action], line));
        }
        // The partners the ranking could list: below the top level, or not
        // yet qualified for a designation.
        let below_top = evaluation
            .partners
            .iter()
            .filter(|p| advice::distance(p, self.data.rules).is_some())
            .count();
        if below_top > TOP_ACTIONS {
            section.more = Some((t.mail.more_on_summary)(
                &t.count((below_top - TOP_ACTIONS) as u64),
            ));
        }
        section
    }
}

/// What became of the partners' messages: the counts as the heading, the
/// failures as rows.
fn messages_section(t: &Texts, delivery: &Delivery) -> Section {
    let m = &t.mail;
    let partner_msgs: Vec<_> = delivery
        .outcomes
        .iter()
        .filter(|o| matches!(o.audience, Audience::Partner(_)))
        .collect();
    let by = |st: Status| t.count(partner_msgs.iter().filter(|o| o.status == st).count() as u64);
    let mut section = Section {
        heading: m.partner_reports.to_string(),
        intro: Some((m.partner_messages)(
            &by(Status::Sent),
            &by(Status::Outbox),
            &by(Status::Failed),
            &by(Status::Unknown),
            &by(Status::Untried),
            &by(Status::Skipped),
        )),
        headers: vec![m.recipient.to_string(), m.why.to_string()],
        ..Section::default()
    };
    for o in &partner_msgs {
        let why = o.detail.words(m);
        let line = match o.status {
            Status::Failed => (m.failed_to)(&o.recipient, &why),
            Status::Unknown => (m.unknown_to)(&o.recipient, &why, &o.message_id),
            Status::Untried => (m.untried_to)(&o.recipient, &why),
            _ => continue,
        };
        section.rows.push((vec![o.recipient.clone(), why], line));
    }
    section
}

/// The partners that could not be sent their report.
fn not_sent_section(t: &Texts, delivery: &Delivery) -> Section {
    let m = &t.mail;
    let mut section = Section {
        heading: m.not_sent.to_string(),
        headers: [t.h.partner_id, t.h.partner_name]
            .map(String::from)
            .into_iter()
            .chain([m.why.to_string()])
            .collect(),
        empty: m.not_sent_none.to_string(),
        ..Section::default()
    };
    for u in &delivery.unaddressed {
        let name = u
            .name
            .as_deref()
            .map(|n| clean(n, MAX_NAME))
            .unwrap_or_default();
        let why = u.reason(m);
        let who = format!("{} {name}", u.partner);
        let line = format!("{}: {why}", who.trim_end());
        section
            .rows
            .push((vec![u.partner.to_string(), name, why], line));
    }
    section
}
