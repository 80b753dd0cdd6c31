//! An ACR-scored designation's sentences, in its own units: dollars of
//! Azure consumed revenue (usage growth next month, a customer short of
//! the track's minimum), Azure services, and certified people by steps
//! ("1 more Azure Administrator Associate (unlocks step-3: +8)"). The
//! words are the text tables' (`text::acr`).

use super::route::acr_for_growth;
use super::rules::{AcrMeasure, AcrScheme};
use super::score::AcrStanding;
use super::steps::{Step, best_added, unlocked};
use crate::families::points::route::{Route, RouteStep};
use crate::families::points::score::Figure;
use crate::model::{Amount, Centi};
use crate::text::Texts;

/// Dollars as a reader of the language writes them: "$1,500", "1.500 $".
pub(crate) fn money(t: &Texts, a: Amount) -> String {
    (t.acr.money)(&t.count(a.as_f64().max(0.0).floor() as u64))
}

/// Dollars still lacking, rounded up to a whole one.
pub(crate) fn money_up(t: &Texts, a: Amount) -> String {
    (t.acr.money)(&t.count(a.as_f64().max(0.0).ceil() as u64))
}

/// Hundredths of a percent as a reader writes them: "12.5", "-4.5".
fn percent(t: &Texts, hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let shown = t.points(Centi::try_from(hundredths.unsigned_abs()).unwrap_or(Centi::MAX));
    format!("{sign}{shown}")
}

/// One figure against its threshold: usage growth "12.5 % of 20 %", the
/// others as the points family writes them ("4 of 5").
pub(super) fn figure_words(t: &Texts, scheme: &AcrScheme, m: usize, f: &Figure) -> String {
    if matches!(scheme.measures[m], AcrMeasure::GrowthPercent { .. }) {
        (t.revenue.growth_figure)(
            &percent(t, f.raw),
            &percent(t, i64::try_from(f.threshold).unwrap_or(i64::MAX)),
        )
    } else {
        t.figure_words(f, &scheme.scoring)
    }
}

/// What one route step asks for, in the metric's units, and what it adds
/// besides its points, if anything: the steps it unlocks and their points
/// ("unlocks step-3: +8", 8).
fn step_parts(
    t: &Texts,
    scheme: &AcrScheme,
    s: &AcrStanding,
    step: &RouteStep,
) -> (String, Option<(String, Centi)>) {
    let m = step.metric;
    let path = s.score.best;
    let metric = &scheme.scoring.metrics[m];
    match &scheme.measures[m] {
        AcrMeasure::GrowthPercent { .. } => {
            // The least growth that earns the step's points.
            let f = s.score.best_path().metrics[m].figure();
            let target = f.points.saturating_add(step.points);
            let raw = (u128::from(target) * u128::from(f.threshold))
                .div_ceil(u128::from(metric.points.max(1)));
            let needed = acr_for_growth(s.acr[1], i64::try_from(raw).unwrap_or(i64::MAX));
            (
                (t.acr.growth_more)(&money_up(t, needed.saturating_sub(s.acr[0]))),
                None,
            )
        }
        AcrMeasure::NetCustomers { min, .. } => {
            let named = s
                .short
                .len()
                .min(usize::try_from(step.more).unwrap_or(usize::MAX));
            let mut parts: Vec<String> = s.short[..named]
                .iter()
                .map(|n| (t.acr.short_customer)(&money_up(t, n.lacks), &n.customer))
                .collect();
            let rest = step.more - named as u64;
            if rest > 0 {
                parts.push((t.acr.adds_more)(rest, &money(t, min[path])));
            }
            (t.join_and(&parts), None)
        }
        AcrMeasure::Services { excluded, .. } => (
            (t.acr.services_more)(step.more, &t.join_and(excluded)),
            None,
        ),
        AcrMeasure::Steps(steps) => steps_parts(
            t,
            &t.metric_words(metric).name,
            steps,
            &s.steps[m],
            path,
            metric.points,
            step.more,
        ),
    }
}

/// A certification-steps metric's people per step on `path`, for
/// `Partner Details`: "Intermediate certifications: step-1: 2 of 2,
/// step-2: 2 of 2, step-3: 8 of 10".
pub(crate) fn step_people(
    t: &Texts,
    metric: &str,
    steps: &[Step],
    counts: &[u64],
    path: usize,
) -> String {
    let each: Vec<String> = steps
        .iter()
        .zip(counts)
        .map(|(st, n)| (t.acr.step_people)(&st.id, *n, st.people[path]))
        .collect();
    format!("{metric}: {}", each.join(", "))
}

/// `more` more certified people of metric `metric` placed where they earn
/// most on `path`, in words, and the later steps they unlock with their
/// points, if any: "1 more Azure Administrator Associate", ("unlocks
/// step-3: +8", 8).
pub(crate) fn steps_parts(
    t: &Texts,
    metric: &str,
    steps: &[Step],
    counts: &[u64],
    path: usize,
    metric_points: Centi,
    more: u64,
) -> (String, Option<(String, Centi)>) {
    let (_, added) = best_added(steps, counts, path, metric_points, more);
    let parts: Vec<String> = steps
        .iter()
        .zip(&added)
        .filter(|(_, n)| **n > 0)
        .map(|(st, n)| {
            let labels: Vec<&str> = st.labels.iter().map(String::as_str).collect();
            match labels.as_slice() {
                [one] => (t.acr.cert_more)(*n, one),
                _ => (t.acr.cert_more_any)(
                    *n,
                    metric,
                    &st.id,
                    labels.first().copied().unwrap_or_default(),
                ),
            }
        })
        .collect();
    let unlocked = unlocked(steps, counts, &added, path);
    let words: Vec<String> = unlocked
        .iter()
        .map(|(i, p)| (t.acr.unlocks)(&steps[*i].id, &t.points(*p)))
        .collect();
    let all: Centi = unlocked.iter().map(|(_, p)| p).sum();
    let unlocks = (!words.is_empty()).then(|| (t.join_and(&words), all));
    (t.join_and(&parts), unlocks)
}

/// What one route step asks for, without its points, for `Next Steps`:
/// "1 more Azure Administrator Associate (unlocks step-3: +8)".
pub(super) fn step_more(
    t: &Texts,
    scheme: &AcrScheme,
    s: &AcrStanding,
    step: &RouteStep,
) -> String {
    match step_parts(t, scheme, s, step) {
        (what, Some((unlocks, _))) => format!("{what} ({unlocks})"),
        (what, None) => what,
    }
}

/// One route step with its points: "$3,200 more ACR next month for usage
/// growth (+6 points)".
fn step_words(t: &Texts, scheme: &AcrScheme, s: &AcrStanding, step: &RouteStep) -> String {
    with_points(t, step_parts(t, scheme, s, step), step.points)
}

/// A route step's words with its points: what it asks for, what it
/// unlocks (said once where that is all it earns), its points.
pub(crate) fn with_points(
    t: &Texts,
    parts: (String, Option<(String, Centi)>),
    step_points: Centi,
) -> String {
    let points = (t.acr.plus_points)(&t.points(step_points));
    match parts {
        // What it unlocks is all it earns: said once.
        (what, Some((unlocks, all))) if all == step_points => format!("{what} ({unlocks})"),
        (what, Some((unlocks, _))) => format!("{what} ({unlocks}; {points})"),
        (what, None) => format!("{what} ({points})"),
    }
}

/// What the partner must do besides the route: usage growth scores
/// nothing without ACR a year before or below the trailing twelve months'
/// minimum.
pub(super) fn other_steps(
    t: &Texts,
    scheme: &AcrScheme,
    s: &AcrStanding,
) -> Vec<(Option<usize>, String)> {
    scheme
        .measures
        .iter()
        .enumerate()
        .filter_map(|(i, m)| match m {
            AcrMeasure::GrowthPercent { .. } if !s.acr[1].is_positive() => {
                let before = s.month.minus(scheme.scoring.window_months);
                Some((Some(i), (t.acr.no_year_before)(&before.to_string())))
            }
            AcrMeasure::GrowthPercent { ttm_min } if s.ttm < *ttm_min => Some((
                Some(i),
                (t.acr.ttm_gate)(&money(t, *ttm_min), &money(t, s.ttm)),
            )),
            _ => None,
        })
        .collect()
}

/// The route in words: "needs $3,200 more ACR next month for usage growth
/// (+6 points) and ... to qualify on the Enterprise path (70 points)".
pub(super) fn route_words(
    t: &Texts,
    scheme: &AcrScheme,
    s: &AcrStanding,
    route: Option<&Route>,
) -> Option<String> {
    if s.score.qualified() {
        return None;
    }
    let gates = other_steps(t, scheme, s).into_iter().map(|(_, w)| w);
    let steps = |r: &Route| {
        r.steps
            .iter()
            .map(|step| step_words(t, scheme, s, step))
            .collect()
    };
    Some(t.needs_words(&scheme.scoring, route, steps, gates))
}

/// What a partner must do, in one sentence: "qualifies with 72.5 points on
/// the Enterprise path", or the route in words.
pub(super) fn action_words(
    t: &Texts,
    scheme: &AcrScheme,
    s: &AcrStanding,
    route: Option<&Route>,
) -> String {
    let mut sentence = route_words(t, scheme, s, route)
        .unwrap_or_else(|| t.points_action(&s.score, None, &scheme.scoring));
    match s.latest {
        None => {
            sentence.push_str("; ");
            sentence.push_str(t.acr.no_rows);
        }
        Some(latest) if latest < s.month => {
            sentence.push_str("; ");
            sentence.push_str(&(t.acr.stale)(&latest.to_string(), &s.month.to_string()));
        }
        Some(_) => {}
    }
    sentence
}
