//! A partner's message under a points-scored rule set (a Solutions Partner
//! designation): qualified or not, the score against the qualifying total
//! on the path that counts, each metric's points against its most as a
//! bar, the metrics below the per-metric minimum called out, and the
//! cheapest route in the words of the report's Summary. Everything is read
//! from the evaluation (the score) and the advice the report shows
//! ([`crate::text::Texts::points_action`]); nothing is scored here.

use super::compose::{
    Bar, Composer, MAX_SUBJECT, PartnerView, Section, clean, lang_code, partner_label, sentence,
};
use crate::evaluate::PartnerResult;
use crate::evaluate::points::Score;
use crate::rules::points::{Centi, Scoring};

impl Composer<'_, '_> {
    /// What a partner scored in points is shown.
    pub(super) fn points_partner_view(
        &self,
        p: &PartnerResult,
        score: &Score,
        scoring: &Scoring,
        attachment: &str,
    ) -> PartnerView {
        let t = self.texts;
        let m = &t.mail;
        let w = &m.points;
        let label = partner_label(p);
        let path = t.path_name(&scoring.paths[score.best]).to_string();
        let level = self.level_word(p.level);
        let mut facts = vec![
            (w.status.to_string(), level.clone()),
            (
                w.score.to_string(),
                (w.score_of)(
                    &t.points(score.total()),
                    &t.points(scoring.max_points()),
                    &t.points(scoring.qualifying),
                ),
            ),
            (w.path.to_string(), path.clone()),
        ];
        if let Some((since, change)) = self.change_words(p) {
            facts.push((since, change));
        }
        let minimum = self.points_with_unit(scoring.metric_minimum);
        let bars: Vec<_> = scoring
            .metrics
            .iter()
            .zip(&score.best_path().metrics)
            .enumerate()
            .map(|(i, (def, ms))| {
                let points = ms.points();
                let short = points < scoring.metric_minimum;
                let met = points >= def.points;
                Bar {
                    label: t.metric_name(def).to_string(),
                    figures: (w.metric_points)(
                        &t.points(points),
                        &t.points(def.points),
                        &t.points_figure(score, scoring, i),
                    ),
                    percent: share(points, def.points),
                    // The points say how far along; a percent beside them
                    // would be a third figure for the same thing.
                    percent_shown: String::new(),
                    met,
                    short,
                    status: if short {
                        Some(w.below_minimum.to_string())
                    } else {
                        met.then(|| w.full.to_string())
                    },
                }
            })
            .collect();
        let below: Vec<String> = bars
            .iter()
            .filter(|b| b.short)
            .map(|b| b.label.clone())
            .collect();
        let alert =
            (!below.is_empty()).then(|| (w.below_minimum_note)(&t.join_and(&below), &minimum));
        PartnerView {
            lang: lang_code(t),
            subject: clean(
                &(w.partner_subject)(self.competency(), &self.as_of(), &label),
                MAX_SUBJECT,
            ),
            title: self.title(),
            partner: label.clone(),
            greeting: m.greeting,
            intro: (w.partner_intro)(self.competency(), &label, &self.as_of()),
            level: (level, p.level),
            facts,
            progress_heading: Some((w.points_per_metric)(&path)),
            bars,
            alert,
            // The Summary's action cell: the cheapest route, or the points
            // it qualifies with, and what the inputs lack to measure.
            next_step: (
                m.next_step,
                sentence(t.points_action(score, self.data.rules)),
            ),
            // Customers closest to counting are a competency's idea: a
            // designation's route is in metrics, not in customers.
            near: Section::default(),
            attachment_note: (m.attachment_note)(attachment),
            signature: (m.signature)(env!("CARGO_PKG_VERSION")),
        }
    }

    /// "1 point", "7.5 points", "1 Punkt".
    fn points_with_unit(&self, c: Centi) -> String {
        (self.texts.mail.points.points_unit)(&self.texts.points(c), c == 100)
    }
}

/// `points` as a share of `most`, 0 to 100, rounded down: a bar is full
/// only at the most (and always for a metric worth nothing).
fn share(points: Centi, most: Centi) -> u8 {
    if most == 0 {
        return 100;
    }
    let percent = u64::from(points.min(most)) * 100 / u64::from(most);
    u8::try_from(percent).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn a_bar_is_full_only_at_the_most_points() {
        assert_eq!(share(0, 1500), 0);
        assert_eq!(share(1750, 2500), 70);
        assert_eq!(share(1999, 2000), 99);
        assert_eq!(share(2000, 2000), 100);
        assert_eq!(share(10, 0), 100);
    }
}
