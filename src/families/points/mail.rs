//! A designation partner's message: qualified or not, the score against
//! the qualifying total on the path that counts, each metric's points
//! against its most as a bar, the metrics below the per-metric minimum
//! called out, and the score's move since last month; the operators'
//! summary's words for a designation. Everything is read from the
//! evaluation and what is derived from it; nothing is scored here.

use super::{Points, Scored};
use crate::deliver::email::composer::{Composer, sign};
use crate::deliver::email::family::{self, OperatorWords, StandingView};
use crate::deliver::email::view::{Bar, Section};
use crate::model::{Centi, Level};
use crate::text::Texts;

impl family::Family for Points {
    fn standing_view(c: &Composer<'_, '_, Points>, index: usize) -> StandingView {
        standing_view(c, index)
    }

    fn operator_words(c: &Composer<'_, '_, Points>) -> OperatorWords {
        operator_words(c)
    }
}

/// A scored partner's message: status, score, path, a bar per metric.
pub(crate) fn standing_view<F: Scored>(c: &Composer<'_, '_, F>, index: usize) -> StandingView {
    let t = c.texts;
    let w = &t.mail.points;
    let scoring = F::scoring(&c.data.set.scheme);
    let p = &c.data.evaluation.partners[index];
    let score = F::scored(&p.standing);
    let path = t.path_name(&scoring.paths[score.best]).to_string();
    let level = F::level_word(t, p.level()).to_string();
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
    // The status's move, then the score's where last month's is known.
    let moved = c.change_words(p, |change| {
        change
            .score
            .map(|d| points_moved(t, d))
            .into_iter()
            .collect()
    });
    facts.extend(moved);
    let minimum = points_with_unit(t, scoring.metric_minimum);
    let bars: Vec<Bar> = scoring
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
                    &F::figure_words(
                        t,
                        &c.data.set.scheme,
                        i,
                        score.best_path().metrics[i].figure(),
                    ),
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
    let alert = (!below.is_empty()).then(|| (w.below_minimum_note)(&t.join_and(&below), &minimum));
    StandingView {
        subject: w.partner_subject,
        intro: w.partner_intro,
        level: (level, p.level()),
        facts,
        progress_heading: Some((w.points_per_metric)(&path)),
        bars,
        alert,
        // Customers closest to counting are a competency's idea: a
        // designation's route is in metrics, not in customers.
        near: Section::default(),
        next_step: None,
    }
}

/// The operators' summary's words for a scored designation.
pub(crate) fn operator_words<F: Scored>(c: &Composer<'_, '_, F>) -> OperatorWords {
    let t = c.texts;
    let w = &t.mail.points;
    let partners = &c.data.evaluation.partners;
    let n = |l: Level| t.count(partners.iter().filter(|p| p.level() == l).count() as u64);
    OperatorWords {
        subject: (w.operator_subject)(c.competency(), &c.as_of()),
        partners_line: (w.partners_line)(
            &t.count(partners.len() as u64),
            &n(Level::Qualified),
            &n(Level::None),
        ),
        no_changes: w.no_changes,
        top_actions: w.top_actions,
        top_actions_none: t.points.nobody_below,
        // The report gives a designation no at-risk alert; the summary
        // says nothing it does not.
        at_risk: None,
    }
}

/// "+3.5 points", "-1 point": the score's move since last month.
fn points_moved(t: &Texts, diff: i64) -> String {
    let abs = Centi::try_from(diff.unsigned_abs()).unwrap_or(Centi::MAX);
    let shown = format!("{}{}", sign(diff), t.points(abs));
    (t.mail.points.points_unit)(&shown, abs == 100)
}

/// "1 point", "7.5 points", "1 Punkt".
fn points_with_unit(t: &Texts, c: Centi) -> String {
    (t.mail.points.points_unit)(&t.points(c), c == 100)
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
