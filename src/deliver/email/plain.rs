//! The plain-text part of a message: the same view as the HTML part, as
//! aligned labels and lists, for mail clients that show no HTML (and for
//! people who prefer it).

use super::view::{
    OperatorView, PartnerView, ProgrammeOperatorView, ProgrammePartnerView, Section,
};

/// The partner's plain-text message.
pub(crate) fn partner(v: &PartnerView) -> String {
    let mut s = format!("{}\n\n{}\n\n", v.greeting, v.intro);
    s.push_str(&partner_body(v));
    s.push_str(&format!("\n{}\n", v.attachment_note));
    s.push_str(&format!("\n-- \n{}\n", v.signature));
    s
}

/// A partner's message when the report holds several rule sets: each
/// rule set's standing under its name.
pub(crate) fn programme_partner(v: &ProgrammePartnerView) -> String {
    let mut s = format!("{}\n\n{}\n", v.greeting, v.intro);
    for (name, view) in &v.designations {
        s.push_str(&format!(
            "\n{name}\n{}\n\n",
            "=".repeat(name.chars().count())
        ));
        s.push_str(&partner_body(view));
    }
    s.push_str(&format!("\n{}\n", v.attachment_note));
    s.push_str(&format!("\n-- \n{}\n", v.signature));
    s
}

/// The partner's standing: figures, progress, the next step.
fn partner_body(v: &PartnerView) -> String {
    let mut s = String::new();
    let width = v
        .facts
        .iter()
        .map(|(l, _)| l.chars().count())
        .chain(v.bars.iter().map(|b| b.label.chars().count()))
        .chain([v.next_step.0.chars().count()])
        .max()
        .unwrap_or(0)
        + 1;
    let line = |s: &mut String, label: &str, value: &str| {
        let pad = width.saturating_sub(label.chars().count());
        s.push_str(&format!("{label}:{:pad$} {value}\n", ""));
    };
    for (label, value) in &v.facts {
        line(&mut s, label, value);
    }
    // The bars repeat the facts' labels (active entitlements, qualified
    // people) against what the next level needs: under their heading, as
    // in the HTML part, they read as progress, not as the figures twice.
    if let Some(heading) = &v.progress_heading {
        s.push_str(&format!("\n{heading}:\n"));
    }
    for bar in &v.bars {
        let mut value = bar.figures.clone();
        if !bar.percent_shown.is_empty() {
            value.push_str(&format!(" ({})", bar.percent_shown));
        }
        if bar.met {
            value.push_str(" ✓");
        }
        if let (true, Some(status)) = (bar.short, &bar.status) {
            value.push_str(&format!(" ✗ {status}"));
        }
        line(&mut s, &bar.label, &value);
    }
    if let Some(alert) = &v.alert {
        s.push_str(&format!("\n{alert}\n\n"));
    } else if v.progress_heading.is_some() {
        // The bars end their block, as in the HTML part.
        s.push('\n');
    }
    line(&mut s, v.next_step.0, &v.next_step.1);
    if !v.near.rows.is_empty() {
        section_text(&mut s, &v.near);
    }
    s
}

/// The operators' plain-text summary.
pub(crate) fn operator(v: &OperatorView) -> String {
    let mut s = format!("{}\n{}\n\n", v.title, v.attached);
    s.push_str(&format!("{}\n{}\n", v.partners_line, v.problems_line));
    for section in [Some(&v.changes), v.at_risk.as_ref()]
        .into_iter()
        .flatten()
        .chain([&v.top_actions, &v.messages])
    {
        section_text(&mut s, section);
    }
    if !v.not_sent.rows.is_empty() {
        section_text(&mut s, &v.not_sent);
    }
    s.push_str(&format!("\n-- \n{}\n", v.signature));
    s
}

/// The operators' summary when the report holds several rule sets.
pub(crate) fn programme_operator(v: &ProgrammeOperatorView) -> String {
    let mut s = format!("{}\n{}\n\n{}\n", v.title, v.attached, v.problems_line);
    for (name, view) in &v.designations {
        s.push_str(&format!("\n{name}\n{}\n", "=".repeat(name.chars().count())));
        s.push_str(&format!("{}\n", view.partners_line));
        for section in view.at_risk.iter().chain([&view.top_actions]) {
            section_text(&mut s, section);
        }
    }
    section_text(&mut s, &v.messages);
    if !v.not_sent.rows.is_empty() {
        section_text(&mut s, &v.not_sent);
    }
    s.push_str(&format!("\n-- \n{}\n", v.signature));
    s
}

/// A section as a heading and a list.
fn section_text(s: &mut String, section: &Section) {
    s.push_str(&format!("\n{}:\n", section.heading));
    if let Some(intro) = &section.intro {
        s.push_str(&format!("{intro}\n"));
    }
    if section.rows.is_empty() && !section.empty.is_empty() {
        s.push_str(&format!("- {}\n", section.empty));
    }
    for (_, line) in &section.rows {
        s.push_str(&format!("- {line}\n"));
    }
    if let Some(more) = &section.more {
        s.push_str(&format!("- {more}\n"));
    }
}
