//! What the operators' summary says: partners per level, the problems,
//! the changes since the last report, the partners at risk, the top
//! actions, what became of the partners' messages and who was not sent
//! one; as a view for [`super::plain`] and [`super::html`].

use super::composer::{
    Composer, MAX_NAME, MAX_SUBJECT, TOP_ACTIONS, clean, lang_code, partner_label,
};
use super::family::OperatorWords;
use super::view::{OperatorView, Section};
use super::{Audience, Delivery, Family, Status};
use crate::model::Level;
use crate::month::Change;
use crate::text::Texts;

impl<F: Family> Composer<'_, '_, F> {
    /// What the operators are shown.
    pub(crate) fn operator_view(&self, attachment: &str, delivery: &Delivery) -> OperatorView {
        let t = self.texts;
        let m = &t.mail;
        let partners = &self.data.evaluation.partners;
        let count = |l: Level| partners.iter().filter(|p| p.level() == l).count();
        // The levels these rules give, highest first, and none.
        let levels: Vec<Level> = self
            .data
            .set
            .attainable_levels()
            .iter()
            .rev()
            .copied()
            .chain([Level::None])
            .collect();
        let words = F::operator_words(self);
        let changes = self.changes_section(&words);
        let top_actions = self.top_actions_section(&words);
        OperatorView {
            lang: lang_code(t),
            subject: clean(&words.subject, MAX_SUBJECT),
            title: self.title(),
            attached: (m.attached)(attachment),
            partners_line: words.partners_line,
            per_level: (
                t.dashboard.per_level.to_string(),
                levels
                    .iter()
                    .map(|&l| (self.level_word(l), l, count(l)))
                    .collect(),
            ),
            problems_line: (m.problems_line)(&t.count(self.data.problems.len() as u64)),
            changes,
            top_actions,
            at_risk: words.at_risk,
            messages: messages_section(t, delivery),
            not_sent: not_sent_section(t, delivery),
            signature: (m.signature)(env!("CARGO_PKG_VERSION")),
        }
    }

    fn changes_section(&self, words: &OperatorWords) -> Section {
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
            empty: words.no_changes.to_string(),
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
                .push((vec![label, change, self.level_word(p.level())], line));
        }
        if !changes.gone.is_empty() {
            let ids: Vec<&str> = changes.gone.iter().map(|p| p.as_str()).collect();
            section.more = Some((m.no_longer_listed)(&ids.join(", ")));
        }
        section
    }

    fn top_actions_section(&self, words: &OperatorWords) -> Section {
        let t = self.texts;
        let evaluation = self.data.evaluation;
        let mut section = Section {
            heading: words.top_actions.to_string(),
            headers: [t.h.partner_name, t.h.level, t.h.action]
                .map(String::from)
                .to_vec(),
            empty: words.top_actions_none.to_string(),
            ..Section::default()
        };
        // The Dashboard's ranking, so the summary and the report agree.
        for &(i, _) in self.data.derived.closest.iter().take(TOP_ACTIONS) {
            let p = &evaluation.partners[i];
            let label = partner_label(p);
            let action = self.data.action(i);
            let line = format!("{label}: {action}");
            section
                .rows
                .push((vec![label, self.level_word(p.level()), action], line));
        }
        // The partners the ranking could list: below the top level, or not
        // yet qualified for a designation.
        let below_top = self
            .data
            .derived
            .partners
            .iter()
            .filter(|d| d.progress.is_some())
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
