//! What a message says: the partner's message and the operators' summary,
//! each as a view ([`super::view`]: headings, figures, rows, already in the
//! report's language) from which [`super::plain`] writes the plain-text
//! part and [`super::html`] the HTML part; and the MIME message around
//! them. The operators' summary is composed in [`super::operator`], a
//! partner's message by its family ([`super::Family::partner_view`]).

use std::io;

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};

use super::composer::{Composer, MAX_SUBJECT, clean, lang_code, partner_label, sentence};
use super::view::{PartnerView, Parts};
use super::{Delivery, EmailError, Family, Unreachable};
use crate::model::Level;

/// The MIME type of an `.xlsx` attachment.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl<F: Family> Composer<'_, '_, F> {
    /// A level's word: "Gold", "Qualified"; "Not qualified" rather than
    /// "None" where a designation is scored in points.
    pub(crate) fn level_word(&self, level: Level) -> String {
        F::level_word(self.texts, level).to_string()
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

    /// What the partner at `index` is shown: its family's figures, in the
    /// frame every partner's message has.
    pub(crate) fn partner_view(&self, index: usize, attachment: &str) -> PartnerView {
        let t = self.texts;
        let m = &t.mail;
        let p = &self.data.evaluation.partners[index];
        let v = F::standing_view(self, index);
        let label = partner_label(p);
        PartnerView {
            lang: lang_code(t),
            subject: clean(
                &(v.subject)(self.competency(), &self.as_of(), &label),
                MAX_SUBJECT,
            ),
            title: self.title(),
            partner: label.clone(),
            greeting: m.greeting,
            intro: (v.intro)(self.competency(), &label, &self.as_of()),
            level: v.level,
            facts: v.facts,
            progress_heading: v.progress_heading,
            bars: v.bars,
            alert: v.alert,
            // The action is a cell on Summary ("needs 50 more ..."); here it
            // stands alone as a sentence.
            next_step: (
                m.next_step,
                v.next_step
                    .unwrap_or_else(|| sentence(self.data.action(index))),
            ),
            near: v.near,
            attachment_note: (m.attachment_note)(attachment),
            signature: (m.signature)(env!("CARGO_PKG_VERSION")),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
