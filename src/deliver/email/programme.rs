//! Mailing a report that holds several rule sets: each partner one
//! message with its standing in every rule set it is scored on (each as its
//! family's message shows it) and its own programme workbook attached; the
//! operators one summary with every rule set's partners per level and top
//! actions, and the full report attached. Sent, logged and retried as
//! every message is ([`super::send`]).

use std::path::Path;

use super::composer::{Composer, MAX_NAME, MAX_SUBJECT, clean, lang_code};
use super::view::{OperatorView, PartnerView, Parts, ProgrammeOperatorView, ProgrammePartnerView};
use super::{
    Delivery, EmailError, Family, PartnerTo, Ready, deliver_with, send_operators, send_partner,
};
use crate::model::PartnerId;
use crate::report::partner_workbook::PartnerIndex;
use crate::report::programme::{HasData, Part, PartRun, ProgrammeReport, SlicedPart};
use crate::report::{ReportData, ReportError};

/// A rule set's part of a programme as the mail needs it.
pub(crate) trait MailPart: Part {
    /// What the mail asks of the part, with the part's partners indexed
    /// once (cutting each partner's rows out costs one pass, not one per
    /// partner).
    fn mailer(&self) -> Box<dyn Mailer + '_>;
}

/// What the mail asks of one rule set's part.
pub(crate) trait Mailer {
    /// The partner's Contact Email cell, if the part has it.
    fn contact(&self, partner: &PartnerId) -> Option<&str>;
    /// The partner's standing as its family's message shows it, if the
    /// rule set scores the partner.
    fn partner_view(&self, partner: &PartnerId, attachment: &str) -> Option<PartnerView>;
    /// The operators' summary of this rule set alone.
    fn operator_view(&self, attachment: &str, delivery: &Delivery) -> OperatorView;
    /// The partner's share of the part, for its own workbook.
    fn slice(&self, partner: &PartnerId) -> Option<Box<dyn Part + '_>>;
}

impl<F: Family> MailPart for PartRun<F> {
    fn mailer(&self) -> Box<dyn Mailer + '_> {
        let data = self.data();
        let index = PartnerIndex::new(&data);
        Box::new(PartMailer {
            key: &self.key,
            data,
            index,
        })
    }
}

/// A part's report data with its partners indexed.
struct PartMailer<'d, F: Family> {
    key: &'d str,
    data: ReportData<'d, F>,
    index: PartnerIndex<'d>,
}

impl<F: Family> PartMailer<'_, F> {
    fn position(&self, partner: &PartnerId) -> Option<usize> {
        self.data
            .evaluation
            .partners
            .binary_search_by(|p| p.partner.cmp(partner))
            .ok()
    }
}

impl<F: Family> Mailer for PartMailer<'_, F> {
    fn contact(&self, partner: &PartnerId) -> Option<&str> {
        let i = self.position(partner)?;
        self.data.evaluation.partners[i].contact_email.as_deref()
    }

    fn partner_view(&self, partner: &PartnerId, attachment: &str) -> Option<PartnerView> {
        let i = self.position(partner)?;
        Some(Composer::new(&self.data).partner_view(i, attachment))
    }

    fn operator_view(&self, attachment: &str, delivery: &Delivery) -> OperatorView {
        Composer::new(&self.data).operator_view(attachment, delivery)
    }

    fn slice(&self, partner: &PartnerId) -> Option<Box<dyn Part + '_>> {
        let slice = self.index.slice(&self.data, partner)?;
        Some(Box::new(SlicedPart {
            key: self.key,
            slice,
            full: self.data.clone(),
        }))
    }
}

/// Sends every partner its message and the operators their summary, for a
/// programme report written at `report`.
pub(crate) fn deliver(
    programme: &ProgrammeReport,
    parts: &[&dyn MailPart],
    report: &Path,
    output: &Path,
    ready: &Ready,
) -> Result<Delivery, EmailError> {
    let mailers: Vec<Box<dyn Mailer + '_>> = parts.iter().map(|p| p.mailer()).collect();
    let names: Vec<&str> = parts.iter().map(|p| p.name()).collect();
    deliver_with(programme.as_of, output, ready, |sender, delivery| {
        let t = programme.lang.texts();
        let as_of = programme.as_of.format("%Y-%m-%d").to_string();
        for (partner, standings) in programme.partners() {
            let name = standings.iter().flatten().find_map(|s| s.name);
            let to = PartnerTo {
                partner,
                name,
                contact: mailers.iter().find_map(|m| m.contact(partner)),
                as_of: programme.as_of,
            };
            let label = match name.map(|n| clean(n, MAX_NAME)) {
                Some(n) if !n.is_empty() => format!("{n} ({partner})"),
                _ => partner.to_string(),
            };
            let parts = |attachment: &str| {
                let designations: Vec<(String, PartnerView)> = names
                    .iter()
                    .zip(&mailers)
                    .filter_map(|(n, m)| {
                        Some((n.to_string(), m.partner_view(partner, attachment)?))
                    })
                    .collect();
                let view = ProgrammePartnerView {
                    lang: lang_code(t),
                    subject: clean(
                        &(t.programme.mail_subject)(programme.name, &as_of, &label),
                        MAX_SUBJECT,
                    ),
                    title: programme.title(),
                    partner: label.clone(),
                    greeting: t.mail.greeting,
                    intro: (t.programme.mail_intro)(
                        programme.name,
                        &label,
                        &as_of,
                        designations.len(),
                    ),
                    designations,
                    attachment_note: (t.programme.attachment_note)(attachment),
                    signature: (t.mail.signature)(env!("CARGO_PKG_VERSION")),
                };
                Parts {
                    subject: view.subject.clone(),
                    text: super::plain::programme_partner(&view),
                    html: super::html::programme_partner(&view),
                }
            };
            send_partner(
                ready,
                sender,
                delivery,
                &to,
                || partner_workbook(programme, &mailers, partner),
                parts,
            )?;
        }
        let partners = programme.partners().len();
        send_operators(
            report,
            programme.as_of,
            ready,
            sender,
            delivery,
            |attachment, delivery| {
                let designations: Vec<(String, OperatorView)> = names
                    .iter()
                    .zip(&mailers)
                    .map(|(n, m)| (n.to_string(), m.operator_view(attachment, delivery)))
                    .collect();
                let first = designations.first().map(|(_, v)| v);
                let view = ProgrammeOperatorView {
                    lang: lang_code(t),
                    subject: clean(
                        &(t.programme.operator_subject)(programme.name, &as_of, partners),
                        MAX_SUBJECT,
                    ),
                    title: programme.title(),
                    attached: (t.mail.attached)(attachment),
                    problems_line: (t.mail.problems_line)(
                        &t.count(programme.problems().len() as u64),
                    ),
                    messages: first.map(|v| v.messages.clone()).unwrap_or_default(),
                    not_sent: first.map(|v| v.not_sent.clone()).unwrap_or_default(),
                    designations,
                    signature: (t.mail.signature)(env!("CARGO_PKG_VERSION")),
                };
                Parts {
                    subject: view.subject.clone(),
                    text: super::plain::programme_operator(&view),
                    html: super::html::programme_operator(&view),
                }
            },
        )
    })
}

/// The partner's own programme workbook: every rule set's sheet cut down
/// to the partner's row, its problems, and the rules.
fn partner_workbook(
    programme: &ProgrammeReport,
    mailers: &[Box<dyn Mailer + '_>],
    partner: &PartnerId,
) -> Result<Vec<u8>, EmailError> {
    let slices: Vec<Box<dyn Part + '_>> = mailers.iter().filter_map(|m| m.slice(partner)).collect();
    if slices.is_empty() {
        return Err(EmailError::NoResult(partner.clone()));
    }
    let own = ProgrammeReport {
        parts: slices.iter().map(|s| s.as_ref()).collect(),
        notes: &[],
        ..*programme
    };
    let mut workbook = own.build()?;
    workbook
        .save_to_buffer()
        .map_err(|e| EmailError::Report(ReportError::Xlsx(e)))
}
