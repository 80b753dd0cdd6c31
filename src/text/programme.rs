//! The words of a report that holds several rule sets (a programme: the
//! Solutions Partner designations side by side), one table per language.
//! The designations' names come from their rules files.

/// The words of a programme report in one language.
#[derive(Debug)]
pub(crate) struct ProgrammeTexts {
    /// What a run evaluated, for its first line: (programme, rule sets).
    pub(crate) evaluated: fn(&str, usize) -> String,
    /// The report's title: (programme, as-of date).
    pub(crate) title: fn(&str, &str) -> String,
    /// The title on a printed page's footer, on two lines so that a long
    /// programme name stays clear of the sheet's name in the middle.
    pub(crate) footer: fn(&str, &str) -> String,
    /// The `Summary` column of a designation's score: (designation).
    pub(crate) score_of: fn(&str) -> String,
    /// The `Summary` column counting the designations a partner holds.
    pub(crate) held: &'static str,
    /// `Run info`: the programme's name.
    pub(crate) programme: &'static str,
    /// `Run info`: where the programme came from.
    pub(crate) programme_from: &'static str,
    /// `Run info`: a designation's heading row: (designation).
    pub(crate) designation: fn(&str) -> String,
    /// `Run info`: the designation's sheet: (sheet).
    pub(crate) sheet_of: fn(&str) -> String,
    /// A partner's message's subject: (programme, as-of date, partner).
    pub(crate) mail_subject: fn(&str, &str, &str) -> String,
    /// What the partner's message is about: (programme, partner, as-of
    /// date, how many rule sets).
    pub(crate) mail_intro: fn(&str, &str, &str, usize) -> String,
    /// The operators' summary's subject: (programme, as-of date, partners).
    pub(crate) operator_subject: fn(&str, &str, usize) -> String,
    /// What a partner's own workbook holds: (file).
    pub(crate) attachment_note: fn(&str) -> String,
}

/// English.
pub(crate) const EN: ProgrammeTexts = ProgrammeTexts {
    evaluated: |programme, n| format!("{programme} ({n} rule sets, in one report)"),
    title: |programme, as_of| format!("{programme}: report as of {as_of}"),
    footer: |programme, as_of| format!("{programme}\nreport as of {as_of}"),
    score_of: |designation| format!("{designation}: score"),
    held: "Designations held",
    programme: "Programme",
    programme_from: "Rule sets from",
    designation: |designation| format!("Designation: {designation}"),
    sheet_of: |sheet| format!("its partners, score, metrics and route: sheet '{sheet}'"),
    mail_subject: |programme, as_of, partner| format!("{programme} as of {as_of}: {partner}"),
    mail_intro: |programme, partner, as_of, n| {
        format!(
            "Here is where {partner} stands as of {as_of} in {programme}: each of the {n} designations below, with what it still needs, and your own workbook attached."
        )
    },
    operator_subject: |programme, as_of, partners| {
        format!("{programme} as of {as_of}: {partners} partners")
    },
    attachment_note: |file| {
        format!(
            "{file} holds your row of the Summary, a sheet per designation with your score, each metric and the route, and the problems found on your rows."
        )
    },
};

/// German.
pub(crate) const DE: ProgrammeTexts = ProgrammeTexts {
    evaluated: |programme, n| format!("{programme} ({n} Regelwerke, in einem Bericht)"),
    title: |programme, as_of| format!("{programme}: Bericht zum {as_of}"),
    footer: |programme, as_of| format!("{programme}\nBericht zum {as_of}"),
    score_of: |designation| format!("{designation}: Punkte"),
    held: "Erreichte Designationen",
    programme: "Programm",
    programme_from: "Regelwerke aus",
    designation: |designation| format!("Designation: {designation}"),
    sheet_of: |sheet| format!("Partner, Punkte, Kennzahlen und Weg dorthin: Blatt '{sheet}'"),
    mail_subject: |programme, as_of, partner| format!("{programme} zum {as_of}: {partner}"),
    mail_intro: |programme, partner, as_of, n| {
        format!(
            "So steht {partner} zum {as_of} in {programme}: jede der {n} Designationen unten, mit dem, was noch fehlt; Ihre eigene Arbeitsmappe ist angehängt."
        )
    },
    operator_subject: |programme, as_of, partners| {
        format!("{programme} zum {as_of}: {partners} Partner")
    },
    attachment_note: |file| {
        format!(
            "{file} enthält Ihre Zeile der Übersicht, je Designation ein Blatt mit Ihren Punkten, jeder Kennzahl und dem Weg dorthin, und die Probleme in Ihren Zeilen."
        )
    },
};
