//! A competency partner's message: its level, active entitlements and
//! qualified people, its move since last month, one progress bar per
//! requirement of the next level, and the customers whose conversion the
//! cheapest route proposes; the operators' summary's words for levels.

use super::Levels;
use super::progress::{Progress, Requirement};
use super::route::Step;
use crate::deliver::email::composer::{Composer, partner_label, signed};
use crate::deliver::email::family::{self, OperatorWords, StandingView};
use crate::deliver::email::view::{Bar, Section};
use crate::model::Level;
use crate::text::Texts;

impl family::Family for Levels {
    fn standing_view(c: &Composer<'_, '_, Levels>, index: usize) -> StandingView {
        let t = c.texts;
        let m = &t.mail;
        let p = &c.data.evaluation.partners[index];
        let advice = &c.data.derived.partners[index].advice;
        let level = t.level(p.level()).to_string();
        let mut entitlements = t.count(p.entitlements);
        if let Some(w) = &p.best_workload {
            entitlements.push_str(&format!(" ({})", (m.best_workload)(w.as_str())));
        }
        let mut facts = vec![
            (m.level.to_string(), level.clone()),
            (m.entitlements.to_string(), entitlements),
            (m.people.to_string(), t.count(u64::from(p.qualified_people))),
        ];
        // "gained Silver, +200 active entitlements, +1 qualified people".
        let moved = c.change_words(p, |change| {
            let mut words = Vec::new();
            if let Some(n) = change.entitlements {
                words.push((m.entitlements_moved)(&signed(t, n)));
            }
            if let Some(n) = change.qualified_people {
                words.push((m.people_moved)(&signed(t, n)));
            }
            words
        });
        facts.extend(moved);
        let bars: Vec<Bar> = advice.bars.iter().map(|b| bar(t, b)).collect();
        let progress_heading =
            (!bars.is_empty()).then(|| (m.progress_toward)(t.level(advice.progress_level)));
        StandingView {
            subject: m.partner_subject,
            intro: m.partner_intro,
            level: (level, p.level()),
            facts,
            progress_heading,
            bars,
            alert: None,
            near: near_customers(c, index),
            next_step: p
                .standing
                .next
                .is_none()
                .then(|| (m.at_the_top)(t.level(p.level()))),
        }
    }

    fn operator_words(c: &Composer<'_, '_, Levels>) -> OperatorWords {
        let t = c.texts;
        let m = &t.mail;
        let partners = &c.data.evaluation.partners;
        let n = |l: Level| t.count(partners.iter().filter(|p| p.level() == l).count() as u64);
        OperatorWords {
            subject: (m.operator_subject)(c.competency(), &c.as_of()),
            partners_line: (m.partners_line)(
                &t.count(partners.len() as u64),
                &n(Level::Gold),
                &n(Level::Silver),
                &n(Level::None),
            ),
            no_changes: m.no_level_changes,
            top_actions: m.top_actions,
            top_actions_none: m.top_actions_none,
            at_risk: Some(at_risk_section(c)),
        }
    }
}

/// One progress bar: a requirement's figure against what the level needs.
fn bar(t: &Texts, b: &Progress) -> Bar {
    let m = &t.mail;
    Bar {
        label: match b.requirement {
            Requirement::Entitlements => m.entitlements,
            Requirement::People => m.people,
            Requirement::NewCustomers => m.new_customers,
        }
        .to_string(),
        figures: (m.of_needed)(&t.count(b.have), &t.count(b.needed)),
        percent: b.percent(),
        percent_shown: (m.percent)(b.percent()),
        met: b.met(),
        short: false,
        status: b.met().then(|| m.met.to_string()),
    }
}

/// The customers whose conversion the cheapest route proposes.
fn near_customers(c: &Composer<'_, '_, Levels>, index: usize) -> Section {
    let t = c.texts;
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
    let plan = c.data.derived.partners[index]
        .advice
        .route
        .as_ref()
        .and_then(|a| {
            a.steps.iter().find_map(|s| match s {
                Step::Entitlements(e) => Some(&e.plan),
                _ => None,
            })
        });
    for customer in plan.into_iter().flatten() {
        let name = customer
            .customer_name
            .as_deref()
            .unwrap_or(customer.customer.as_str());
        let users = t.count(customer.users);
        let todo = t.what_to_do(customer, c.data.rules());
        let line = (t.advice.near_customer)(
            name,
            &users,
            customer.workload.as_str(),
            &t.obstacle(customer),
        );
        section.rows.push((
            vec![name.to_string(), customer.workload.to_string(), users, todo],
            line,
        ));
    }
    section
}

/// The partners at risk of losing their level.
fn at_risk_section(c: &Composer<'_, '_, Levels>) -> Section {
    let t = c.texts;
    let mut section = Section {
        heading: t.mail.at_risk.to_string(),
        headers: [t.h.partner_name, t.h.level, t.h.at_risk]
            .map(String::from)
            .to_vec(),
        empty: t.mail.at_risk_none.to_string(),
        ..Section::default()
    };
    for (p, derived) in c.data.partners() {
        if let Some(risk) = &derived.advice.at_risk {
            let why = t.at_risk(risk);
            let label = partner_label(p);
            let line = format!("{label}: {why}");
            section
                .rows
                .push((vec![label, t.level(p.level()).to_string(), why], line));
        }
    }
    section
}
