//! The composer of one run's messages: the report they speak of and the
//! words of its language, what every message says the same way (title, the
//! partner's name, its change since last month) and the small pieces of
//! text messages are made of. [`super::compose`] puts the messages
//! together, each family's mail fills in its figures.

use crate::evaluate::PartnerResult;
use crate::month::PartnerChange;
use crate::report::{Family, ReportData};
use crate::text::Texts;

/// How many partners the operators' summary lists under "top actions".
pub(crate) const TOP_ACTIONS: usize = 10;
/// The longest piece of input text (a partner name) put into a subject or a line.
pub(crate) const MAX_NAME: usize = 80;
/// The longest subject.
pub(crate) const MAX_SUBJECT: usize = 200;

/// Composes the messages of one run.
pub struct Composer<'a, 'd, F: Family> {
    /// The report the messages speak of.
    pub(crate) data: &'a ReportData<'d, F>,
    /// The words of the report's language.
    pub(crate) texts: &'static Texts,
}

impl<'a, 'd, F: Family> Composer<'a, 'd, F> {
    /// A composer for a report.
    pub(crate) fn new(data: &'a ReportData<'d, F>) -> Self {
        Composer {
            data,
            texts: data.texts(),
        }
    }
    pub(crate) fn as_of(&self) -> String {
        self.data.as_of.format("%Y-%m-%d").to_string()
    }
    /// The competency's or the designation's name.
    pub(crate) fn competency(&self) -> &str {
        &self.data.rules().competency.name
    }
    /// The report's title: "Cloud Productivity competency report, as of
    /// 2017-09-30", "Solutions Partner for Modern Work report, as of ...".
    pub(crate) fn title(&self) -> String {
        self.data.title()
    }
    /// "Since 2017-08-31" and the partner's change in words, when there is
    /// an earlier report to compare with: the level's move, then what the
    /// family adds (`more`: figures moved, the score's change).
    pub(crate) fn change_words(
        &self,
        p: &PartnerResult<F>,
        more: impl FnOnce(&PartnerChange) -> Vec<String>,
    ) -> Option<(String, String)> {
        let changes = self.data.changes?;
        let change = changes.get(&p.partner)?;
        let t = self.texts;
        let mut words = vec![t.change(change.change).to_string()];
        words.extend(more(change));
        let since = (t.mail.since)(&changes.against_as_of.format("%Y-%m-%d").to_string());
        Some((since, words.join(", ")))
    }
}

/// "+200", "-1,050", "0", with the language's thousands separator.
pub(crate) fn signed(t: &Texts, n: i64) -> String {
    format!("{}{}", sign(n), t.count(n.unsigned_abs()))
}

/// "+", "-" or nothing for zero.
pub(crate) fn sign(n: i64) -> &'static str {
    match n.signum() {
        1 => "+",
        -1 => "-",
        _ => "",
    }
}

/// `en` or `de`.
pub(crate) fn lang_code(t: &Texts) -> &'static str {
    match t.lang {
        crate::text::Lang::En => "en",
        crate::text::Lang::De => "de",
    }
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
pub(crate) fn partner_label<F: Family>(p: &PartnerResult<F>) -> String {
    match p.name.as_deref().map(|n| clean(n, MAX_NAME)) {
        Some(n) if !n.is_empty() => format!("{n} ({})", p.partner),
        _ => p.partner.to_string(),
    }
}

/// `text` with its first letter a capital, to stand as a sentence.
pub(crate) fn sentence(text: String) -> String {
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
}
