//! The words put together for what a run found: why a partner is at risk
//! of losing its level (the Summary's `At Risk` column, the JSON's
//! `at_risk`), what became of each input sheet and how the rules figure
//! active entitlements (`Run info`).

use super::Texts;
use crate::input::SheetStatus;
use crate::rules::Method;

/// The words of [`AtRisk`].
#[derive(Debug)]
pub(crate) struct AlertTexts {
    /// Active entitlements close above the threshold: (entitlements,
    /// percent, level, threshold).
    pub(crate) near_threshold: fn(&str, &str, &str, &str) -> String,
    /// Exactly the qualified people the level needs: (count, is one, level).
    pub(crate) last_people: fn(&str, bool, &str) -> String,
    /// Between two reasons: "; ".
    pub(crate) also: &'static str,
    /// The decimal separator of a percentage ("2.5" or "2,5").
    pub(crate) decimal_sep: char,
}

impl Texts {
    /// How the rules figure active entitlements, in words.
    pub(crate) fn method(&self, method: Method) -> &'static str {
        match method {
            Method::BestWorkload => self.info.methods[0],
            Method::CustomerMax => self.info.methods[1],
            Method::Sum => self.info.methods[2],
        }
    }

    /// What became of an input sheet, for `Run info`.
    pub(crate) fn sheet_status(&self, status: &SheetStatus) -> String {
        let i = &self.info;
        match status {
            SheetStatus::Pending => String::new(),
            SheetStatus::Read(kind) => (i.read_as)(self.sheet_kind(*kind)),
            SheetStatus::Empty => i.sheet_empty.into(),
            SheetStatus::NotWorksheet => i.not_worksheet.into(),
            SheetStatus::MacroSheet => i.macro_sheet.into(),
            SheetStatus::Hidden => i.sheet_hidden.into(),
            SheetStatus::NotRead(why) => (i.not_read)(why),
            SheetStatus::Stopped(why) => (i.stopped)(why),
        }
    }
}
