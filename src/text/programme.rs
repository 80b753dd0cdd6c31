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
}

/// English.
pub(crate) const EN: ProgrammeTexts = ProgrammeTexts {
    evaluated: |programme, n| format!("{programme} ({n} rule sets, in one report)"),
    title: |programme, as_of| format!("{programme}: report as of {as_of}"),
    score_of: |designation| format!("{designation}: score"),
    held: "Designations held",
    programme: "Programme",
    programme_from: "Rule sets from",
    designation: |designation| format!("Designation: {designation}"),
    sheet_of: |sheet| format!("its partners, score, metrics and route: sheet '{sheet}'"),
};

/// German.
pub(crate) const DE: ProgrammeTexts = ProgrammeTexts {
    evaluated: |programme, n| format!("{programme} ({n} Regelwerke, in einem Bericht)"),
    title: |programme, as_of| format!("{programme}: Bericht zum {as_of}"),
    score_of: |designation| format!("{designation}: Punkte"),
    held: "Erreichte Designationen",
    programme: "Programm",
    programme_from: "Regelwerke aus",
    designation: |designation| format!("Designation: {designation}"),
    sheet_of: |sheet| format!("Partner, Punkte, Kennzahlen und Weg dorthin: Blatt '{sheet}'"),
};
