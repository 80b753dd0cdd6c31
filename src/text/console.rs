//! The words of the end-of-run summary `run` prints on stderr, one table
//! per language ([`EN`], [`DE`]) like the report's, so that a German run
//! reads German in the terminal too. Errors and warnings, which schedulers
//! and support search for, stay English.

use super::Lang;
use crate::model::Level;
use crate::rules::{Rules, RulesOrigin};

impl Lang {
    /// The end-of-run summary's words in this language.
    fn console(self) -> &'static ConsoleTexts {
        match self {
            Lang::En => &EN,
            Lang::De => &DE,
        }
    }

    /// The first line `run` prints: what was evaluated (`scored`: a
    /// designation scored in points) and where the rules came from.
    pub fn rules_line(self, rules: &Rules, scored: bool, origin: &RulesOrigin) -> String {
        let c = self.console();
        let what = (c.evaluated)(&rules.competency.name, &rules.competency.option, scored);
        (c.rules_line)(&what, &self.texts().rules_origin(origin))
    }

    /// The end-of-run summary: files read of those found, partners by
    /// level (qualified or not under a points-scored designation), problems.
    pub fn summary_line(
        self,
        scored: bool,
        files: (usize, usize),
        levels: &[Level],
        problems: usize,
    ) -> String {
        let c = self.console();
        let count = |l: Level| levels.iter().filter(|&&x| x == l).count();
        let by_level = if scored {
            (c.qualified)(count(Level::Qualified), count(Level::None))
        } else {
            (c.levels)(count(Level::Gold), count(Level::Silver), count(Level::None))
        };
        (c.summary)(
            &(c.files)(files.0, files.1),
            levels.len(),
            &by_level,
            problems,
        )
    }

    /// The first line of a run of several rule sets: the programme, how
    /// many rule sets, where they came from.
    pub fn programme_rules_line(self, name: &str, rule_sets: usize, origin: &str) -> String {
        let what = (self.texts().programme.evaluated)(name, rule_sets);
        (self.console().rules_line)(&what, origin)
    }

    /// The end-of-run summary of a run of several rule sets: files read,
    /// partners, each rule set's partners by level (`short name`, scored in
    /// points or not, every partner's level), problems.
    pub fn programme_summary_line(
        self,
        files: (usize, usize),
        partners: usize,
        rule_sets: &[(&str, bool, Vec<Level>)],
        problems: usize,
    ) -> String {
        let c = self.console();
        let by_rule_set: Vec<String> = rule_sets
            .iter()
            .map(|(name, scored, levels)| {
                let count = |l: Level| levels.iter().filter(|&&x| x == l).count();
                let tally = if *scored {
                    (c.qualified)(count(Level::Qualified), count(Level::None))
                } else {
                    (c.levels)(count(Level::Gold), count(Level::Silver), count(Level::None))
                };
                format!("{name}: {tally}")
            })
            .collect();
        (c.summary)(
            &(c.files)(files.0, files.1),
            partners,
            &by_rule_set.join("; "),
            problems,
        )
    }

    /// "Report: <path>", "JSON summary: <path>" (`json`), in this language.
    pub fn written_line(self, json: bool, path: &std::path::Path) -> String {
        let c = self.console();
        let what = if json { c.json } else { c.report };
        format!("{what}: {}", path.display())
    }
}

/// The end-of-run summary's words.
#[derive(Debug)]
pub(crate) struct ConsoleTexts {
    /// What was evaluated: (competency or designation, option, is scored in points).
    pub(crate) evaluated: fn(&str, &str, bool) -> String,
    /// The first line: (what was evaluated, where the rules came from).
    pub(crate) rules_line: fn(&str, &str) -> String,
    /// Files read: (read, found); a file nothing was read from (unreadable,
    /// no header, its partner unknown) is found but not read.
    pub(crate) files: fn(usize, usize) -> String,
    /// Partners by level under a competency: (gold, silver, none).
    pub(crate) levels: fn(usize, usize, usize) -> String,
    /// Partners under a points-scored designation: (qualified, not).
    pub(crate) qualified: fn(usize, usize) -> String,
    /// The summary line: (files, partners, levels, problems).
    pub(crate) summary: fn(&str, usize, &str, usize) -> String,
    /// "JSON summary".
    pub(crate) json: &'static str,
    /// "Report".
    pub(crate) report: &'static str,
}

/// English.
pub(crate) const EN: ConsoleTexts = ConsoleTexts {
    evaluated: |name, option, points| {
        if points {
            format!("{name} designation, {option}")
        } else {
            format!("{name} competency, {option} option")
        }
    },
    rules_line: |what, origin| format!("{what}; rules: {origin}."),
    files: |read, found| {
        if read == found {
            format!("Read {found} file(s)")
        } else {
            format!("Read {read} of {found} file(s)")
        }
    },
    levels: |gold, silver, none| format!("{gold} Gold, {silver} Silver, {none} none"),
    qualified: |qualified, not| format!("{qualified} qualified, {not} not"),
    summary: |files, partners, levels, problems| {
        format!("{files}; {partners} partner(s): {levels}; {problems} problem(s).")
    },
    json: "JSON summary",
    report: "Report",
};

/// Deutsch.
pub(crate) const DE: ConsoleTexts = ConsoleTexts {
    evaluated: |name, option, points| {
        if points {
            format!("Designation {name}, {option}")
        } else {
            format!("Kompetenz {name}, Option {option}")
        }
    },
    rules_line: |what, origin| format!("{what}; Regeln: {origin}."),
    files: |read, found| {
        if read == found {
            format!("{found} Datei(en) gelesen")
        } else {
            format!("{read} von {found} Datei(en) gelesen")
        }
    },
    levels: |gold, silver, none| format!("{gold} Gold, {silver} Silber, {none} keine"),
    qualified: |qualified, not| format!("{qualified} qualifiziert, {not} nicht"),
    summary: |files, partners, levels, problems| {
        format!("{files}; {partners} Partner: {levels}; {problems} Problem(e).")
    },
    json: "JSON-Zusammenfassung",
    report: "Bericht",
};
