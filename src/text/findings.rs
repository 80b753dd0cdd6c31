//! The words put together for what a run found: why a partner is at risk
//! of losing its level (the Summary's `At Risk` column, the JSON's
//! `at_risk`), what became of each input sheet and how the rules figure
//! active entitlements (`Run info`).

use super::{Texts, en};
use crate::advice::AtRisk;
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
    /// Why a partner is at risk, in one sentence, e.g. "2,050 active
    /// entitlements are within 5 % of the Silver 2,000 threshold".
    pub(crate) fn at_risk(&self, risk: &AtRisk) -> String {
        let a = &self.alerts;
        let level = self.level(risk.level);
        let mut reasons = Vec::new();
        if let Some(near) = &risk.near_threshold {
            // Two decimals at most: 0.05 is "5", 0.025 is "2.5".
            let percent = (near.margin * 10_000.0).round() / 100.0;
            let percent = percent.to_string().replace('.', &a.decimal_sep.to_string());
            reasons.push((a.near_threshold)(
                &self.count(near.entitlements),
                &percent,
                level,
                &self.count(near.threshold),
            ));
        }
        if let Some(people) = risk.last_people {
            reasons.push((a.last_people)(
                &self.count(u64::from(people)),
                people == 1,
                level,
            ));
        }
        reasons.join(a.also)
    }
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

/// Why a partner is at risk, in English (the JSON summary's `at_risk`).
pub(crate) fn at_risk(risk: &AtRisk) -> String {
    en::EN.at_risk(risk)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::advice;
    use crate::evaluate::PartnerResult;
    use crate::model::Level;
    use crate::rules::Rules;
    use crate::text::de::DE;

    #[test]
    fn at_risk_near_the_threshold_or_on_the_last_person_in_both_languages() {
        let mut rules = Rules::default_rules().unwrap();
        let risk = |level, e, q, rules: &Rules| {
            advice::at_risk(&PartnerResult::bare("1", level, e, q), rules)
        };
        // Silver needs 2,000 (mature) and 1 person; 5 % margin is 2,100.
        let near = risk(Level::Silver, 2099, 2, &rules).unwrap();
        assert_eq!(
            at_risk(&near),
            "2,099 active entitlements are within 5 % of the Silver 2,000 threshold"
        );
        assert_eq!(
            DE.at_risk(&near),
            "2.099 aktive Berechtigungen liegen weniger als 5 % über der Silber-Schwelle von 2.000"
        );
        assert!(risk(Level::Silver, 2100, 2, &rules).is_none());
        let person = risk(Level::Silver, 3000, 1, &rules).unwrap();
        assert_eq!(
            at_risk(&person),
            "relies on exactly the 1 qualified person Silver needs"
        );
        assert_eq!(
            DE.at_risk(&person),
            "hängt an genau der 1 qualifizierten Person, die Silber verlangt"
        );
        let gold = risk(Level::Gold, 4100, 2, &rules).unwrap();
        assert_eq!(
            at_risk(&gold),
            "4,100 active entitlements are within 5 % of the Gold 4,000 threshold; \
             relies on exactly the 2 qualified people Gold needs"
        );
        assert!(risk(Level::None, 1990, 0, &rules).is_none());
        rules.alerts.at_risk_margin = 0.025;
        let half = risk(Level::Silver, 2010, 2, &rules).unwrap();
        assert!(
            at_risk(&half).contains("within 2.5 %"),
            "{}",
            at_risk(&half)
        );
        assert!(DE.at_risk(&half).contains("weniger als 2,5 %"));
    }
}
