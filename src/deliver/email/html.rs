//! The HTML part of a message, written for what mail clients render,
//! Outlook's Word engine included: layout tables, inline styles, `bgcolor`
//! beside `background-color`, no `<style>` block, no scripts, no images, no
//! web fonts, no link to anything outside the message.
//!
//! Every piece of text is escaped here, on its way out: a partner named
//! `<b>Contoso</b>` or `=HYPERLINK("http://x")` shows as those characters.

use std::fmt::Write as _;

use super::view::{
    Bar, OperatorView, PartnerView, ProgrammeOperatorView, ProgrammePartnerView, Section,
};
use crate::model::Level;

/// The message's width: what every mail client shows without scrolling.
const WIDTH: u32 = 600;
/// Body text.
const FONT: &str = "font-family:'Segoe UI',Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;color:#1f2937;";
/// The banner's colour.
const BANNER: &str = "#1e3a5f";
/// A bar's filled part, a met requirement's, and the rest.
const BAR_TODO: &str = "#2563eb";
const BAR_MET: &str = "#15803d";
const BAR_REST: &str = "#e5e7eb";
/// The rest of a bar below a minimum that blocks the level, and its words.
const BAR_SHORT: &str = "#fecaca";
const SHORT_TEXT: &str = "#b91c1c";
/// The call-out of what blocks the level: background, border.
const ALERT_BG: &str = "#fef2f2";
const ALERT_BORDER: &str = "#fca5a5";
/// Table header cells.
const TH: &str = "padding:6px 8px;border-bottom:2px solid #cbd5e1;text-align:left;font-size:12px;color:#475569;white-space:nowrap;";
/// Table cells.
const TD: &str = "padding:6px 8px;border-bottom:1px solid #e2e8f0;vertical-align:top;";

/// Text made safe for HTML: `&`, `<`, `>`, `"` and `'` become references.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A level's badge colours: (background, text).
fn level_colours(level: Level) -> (&'static str, &'static str) {
    match level {
        Level::Gold => ("#b7791f", "#ffffff"),
        Level::Qualified => ("#15803d", "#ffffff"),
        Level::Silver => ("#64748b", "#ffffff"),
        Level::None => ("#e2e8f0", "#1f2937"),
    }
}

/// The page around a message's rows: a grey background, a white card of
/// [`WIDTH`] pixels with a banner holding `title`, under a smaller
/// `kicker` line if given.
fn page(lang: &str, subject: &str, kicker: Option<&str>, title: &str, rows: &str) -> String {
    let kicker = kicker.map_or(String::new(), |k| {
        format!(
            "<div class=\"kicker\" style=\"font-size:13px;line-height:18px;font-weight:normal;\
             color:#cbd5e1;padding-bottom:4px;\">{}</div>",
            escape(k)
        )
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{subject}</title>\n</head>\n\
         <body style=\"margin:0;padding:0;background-color:#f1f5f9;\">\n\
         <table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
         bgcolor=\"#f1f5f9\" style=\"background-color:#f1f5f9;\">\n<tr><td align=\"center\" style=\"padding:24px 12px;\">\n\
         <table role=\"presentation\" width=\"{WIDTH}\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
         bgcolor=\"#ffffff\" style=\"width:{WIDTH}px;max-width:100%;background-color:#ffffff;border:1px solid #cbd5e1;{FONT}\">\n\
         <tr><td bgcolor=\"{BANNER}\" style=\"background-color:{BANNER};padding:16px 24px;color:#ffffff;\
         font-size:18px;line-height:24px;font-weight:bold;\">{kicker}{title}</td></tr>\n\
         {rows}\
         </table>\n</td></tr>\n</table>\n</body>\n</html>\n",
        lang = escape(lang),
        subject = escape(subject),
        title = escape(title),
    )
}

/// One row of the card, padded.
fn row(content: &str) -> String {
    format!("<tr><td style=\"padding:8px 24px;\">{content}</td></tr>\n")
}

/// A heading inside the card.
fn heading(text: &str) -> String {
    row(&format!(
        "<div style=\"font-size:16px;line-height:22px;font-weight:bold;color:{BANNER};\
         padding-top:8px;\">{}</div>",
        escape(text)
    ))
}

/// A paragraph.
fn para(text: &str) -> String {
    row(&format!("<div>{}</div>", escape(text)))
}

/// A level as a coloured badge.
fn badge(word: &str, level: Level) -> String {
    let (bg, fg) = level_colours(level);
    format!(
        "<span class=\"level\" style=\"display:inline-block;background-color:{bg};color:{fg};\
         padding:2px 10px;border-radius:10px;font-weight:bold;\">{}</span>",
        escape(word)
    )
}

/// A progress bar: a label and its figures above a two-cell table whose
/// first cell is as wide as the share met. Widths in per cent of a table
/// are what Outlook keeps; a cell of zero width would still show, so an
/// empty or full bar has one cell. A bar below a blocking minimum has a
/// red rest and its status in red.
fn bar(b: &Bar) -> String {
    let colour = if b.met { BAR_MET } else { BAR_TODO };
    let cell = |width: u8, colour: &str, class: &str| {
        format!(
            "<td class=\"{class}\" width=\"{width}%\" bgcolor=\"{colour}\" style=\"width:{width}%;\
             background-color:{colour};height:12px;font-size:1px;line-height:1px;\">&nbsp;</td>"
        )
    };
    let mut cells = String::new();
    if b.percent > 0 {
        cells.push_str(&cell(b.percent, colour, "bar-done"));
    }
    if b.percent < 100 {
        let rest = if b.short { BAR_SHORT } else { BAR_REST };
        cells.push_str(&cell(100 - b.percent, rest, "bar-rest"));
    }
    let status = match (&b.status, b.short) {
        (Some(words), true) => format!(
            " &middot; <span class=\"short\" style=\"color:{SHORT_TEXT};font-weight:bold;\">{}</span>",
            escape(words)
        ),
        (Some(words), false) => format!(" &middot; {}", escape(words)),
        (None, _) => String::new(),
    };
    let percent = if b.percent_shown.is_empty() {
        String::new()
    } else {
        format!(
            " (<span class=\"percent\">{}</span>)",
            escape(&b.percent_shown)
        )
    };
    row(&format!(
        "<table role=\"presentation\" class=\"progress\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">\
         <tr><td style=\"padding-bottom:4px;font-weight:bold;\">{label}</td>\
         <td align=\"right\" style=\"padding-bottom:4px;\"><span class=\"figures\">{figures}</span>\
         {percent}{status}</td></tr>\
         <tr><td colspan=\"2\"><table role=\"presentation\" class=\"bar\" width=\"100%\" cellpadding=\"0\" \
         cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\"><tr>{cells}</tr></table></td></tr></table>",
        label = escape(&b.label),
        figures = escape(&b.figures),
    ))
}

/// Labelled figures as a two-column table.
fn facts(items: &[(String, String)], level: Option<(&str, Level)>) -> String {
    let mut s = String::from(
        "<table role=\"presentation\" class=\"facts\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">",
    );
    for (i, (label, value)) in items.iter().enumerate() {
        let value = match level {
            Some((word, l)) if i == 0 => badge(word, l),
            _ => escape(value),
        };
        let _ = write!(
            s,
            "<tr><td width=\"40%\" style=\"padding:3px 0;color:#475569;\">{}</td>\
             <td style=\"padding:3px 0;font-weight:bold;\">{value}</td></tr>",
            escape(label)
        );
    }
    s.push_str("</table>");
    row(&s)
}

/// A section: its heading, then a table of its rows, or the words for none.
fn section(sec: &Section, class: &str) -> String {
    let mut s = heading(&sec.heading);
    if let Some(intro) = &sec.intro {
        s.push_str(&para(intro));
    }
    if sec.rows.is_empty() {
        if !sec.empty.is_empty() {
            s.push_str(&para(&sec.empty));
        }
    } else {
        let mut table = format!(
            "<table class=\"{}\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
             style=\"border-collapse:collapse;\"><tr>",
            escape(class)
        );
        for h in &sec.headers {
            let _ = write!(table, "<th style=\"{TH}\">{}</th>", escape(h));
        }
        table.push_str("</tr>");
        for (cells, _) in &sec.rows {
            table.push_str("<tr>");
            for c in cells {
                let _ = write!(table, "<td style=\"{TD}\">{}</td>", escape(c));
            }
            table.push_str("</tr>");
        }
        table.push_str("</table>");
        s.push_str(&row(&table));
    }
    if let Some(more) = &sec.more {
        s.push_str(&para(more));
    }
    s
}

/// The small print at the bottom.
fn footer(lines: &[&str]) -> String {
    let text: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    format!(
        "<tr><td style=\"padding:16px 24px;border-top:1px solid #e2e8f0;font-size:12px;\
         line-height:18px;color:#64748b;\">{}</td></tr>\n",
        text.join("<br>")
    )
}

/// A partner's message.
pub(crate) fn partner(v: &PartnerView) -> String {
    let mut rows = String::new();
    rows.push_str(&para(v.greeting));
    rows.push_str(&para(&v.intro));
    rows.push_str(&partner_body(v));
    rows.push_str(&footer(&[&v.attachment_note, &v.signature]));
    page(v.lang, &v.subject, Some(&v.title), &v.partner, &rows)
}

/// A partner's message when the report holds several rule sets: each rule
/// set's standing under its name, as a banded heading.
pub(crate) fn programme_partner(v: &ProgrammePartnerView) -> String {
    let mut rows = String::new();
    rows.push_str(&para(v.greeting));
    rows.push_str(&para(&v.intro));
    for (name, view) in &v.designations {
        rows.push_str(&designation_heading(name));
        rows.push_str(&partner_body(view));
    }
    rows.push_str(&footer(&[&v.attachment_note, &v.signature]));
    page(v.lang, &v.subject, Some(&v.title), &v.partner, &rows)
}

/// A rule set's heading in a message about several: a band across the card.
fn designation_heading(name: &str) -> String {
    format!(
        "<tr><td class=\"designation\" bgcolor=\"#e2e8f0\" style=\"background-color:#e2e8f0;\
         padding:8px 24px;margin-top:8px;font-size:16px;line-height:22px;font-weight:bold;\
         color:{BANNER};\">{}</td></tr>\n",
        escape(name)
    )
}

/// The partner's standing: figures, progress, the next step.
fn partner_body(v: &PartnerView) -> String {
    let mut rows = String::new();
    rows.push_str(&facts(&v.facts, Some((&v.level.0, v.level.1))));
    if let Some(h) = &v.progress_heading {
        rows.push_str(&heading(h));
        for b in &v.bars {
            rows.push_str(&bar(b));
        }
    }
    if let Some(alert) = &v.alert {
        rows.push_str(&row(&format!(
            "<div class=\"alert\" style=\"background-color:{ALERT_BG};border:1px solid {ALERT_BORDER};\
             color:{SHORT_TEXT};padding:8px 12px;\">{}</div>",
            escape(alert)
        )));
    }
    rows.push_str(&heading(v.next_step.0));
    rows.push_str(&row(&format!(
        "<div class=\"next-step\">{}</div>",
        escape(&v.next_step.1)
    )));
    if !v.near.rows.is_empty() {
        rows.push_str(&section(&v.near, "near"));
    }
    rows
}

/// The operators' summary.
pub(crate) fn operator(v: &OperatorView) -> String {
    let mut rows = per_level(v);
    rows.push_str(&para(&v.partners_line));
    rows.push_str(&para(&v.problems_line));
    rows.push_str(&section(&v.changes, "changes"));
    if let Some(at_risk) = &v.at_risk {
        rows.push_str(&section(at_risk, "at-risk"));
    }
    rows.push_str(&section(&v.top_actions, "top-actions"));
    rows.push_str(&section(&v.messages, "messages"));
    rows.push_str(&section(&v.not_sent, "not-sent"));
    rows.push_str(&footer(&[&v.attached, &v.signature]));
    page(v.lang, &v.subject, None, &v.title, &rows)
}

/// The operators' summary when the report holds several rule sets.
pub(crate) fn programme_operator(v: &ProgrammeOperatorView) -> String {
    let mut rows = para(&v.problems_line);
    for (name, view) in &v.designations {
        rows.push_str(&designation_heading(name));
        rows.push_str(&per_level(view));
        rows.push_str(&para(&view.partners_line));
        if let Some(at_risk) = &view.at_risk {
            rows.push_str(&section(at_risk, "at-risk"));
        }
        rows.push_str(&section(&view.top_actions, "top-actions"));
    }
    rows.push_str(&section(&v.messages, "messages"));
    rows.push_str(&section(&v.not_sent, "not-sent"));
    rows.push_str(&footer(&[&v.attached, &v.signature]));
    page(v.lang, &v.subject, None, &v.title, &rows)
}

/// Partners per level, as badges with their counts.
fn per_level(v: &OperatorView) -> String {
    let mut rows = String::new();
    rows.push_str(&heading(&v.per_level.0));
    let mut levels = String::from(
        "<table class=\"levels\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>",
    );
    for (word, level, n) in &v.per_level.1 {
        let _ = write!(
            levels,
            "<td style=\"padding:4px 16px 4px 0;\">{} <span class=\"count\" \
             style=\"font-size:18px;font-weight:bold;\">{n}</span></td>",
            badge(word, *level)
        );
    }
    levels.push_str("</tr></table>");
    rows.push_str(&row(&levels));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape("<b>\"A&B\"</b> 'x'"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;"
        );
    }
}
