//! A revenue-scored designation's sentences, in its own units: usage
//! growth in percent of monthly consumption value (MCV) and its baseline
//! gate, net customer adds as workloads at tenants over a revenue,
//! deployments as workloads at tenants over an MCV, and the track the
//! revenue rule chooses. The words are the text tables' (`text::revenue`).

use super::rules::{RevenueMeasure, RevenueScheme};
use super::score::{RevenueStanding, track_months};
use crate::families::points::route::{Route, RouteStep};
use crate::families::points::score::Figure;
use crate::model::{Amount, Centi};
use crate::text::Texts;

/// An amount of dollars or MCV as a reader of the language writes a
/// count: "1,500", "10.000".
pub(super) fn amount(t: &Texts, a: Amount) -> String {
    t.count(a.as_f64().max(0.0).floor() as u64)
}

/// An amount still lacking, rounded up to a whole one: "1,400".
fn amount_up(t: &Texts, a: Amount) -> String {
    t.count(a.as_f64().max(0.0).ceil() as u64)
}

/// Hundredths of a percent as a reader writes them: "37.68", "-4.5".
fn percent(t: &Texts, hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let shown = t.points(Centi::try_from(hundredths.unsigned_abs()).unwrap_or(Centi::MAX));
    format!("{sign}{shown}")
}

/// What metric `m` needs of a workload at a tenant on `track` (revenue,
/// MCV, or usage growth's baseline), if anything.
pub(super) fn minimum(scheme: &RevenueScheme, m: usize, track: usize) -> Option<Amount> {
    scheme.minimums[m].as_ref().map(|v| v[track])
}

/// One figure against its threshold: usage growth "37.68 % of 30 %", the
/// others as the points family writes them ("4 of 5").
pub(super) fn figure_words(t: &Texts, scheme: &RevenueScheme, m: usize, f: &Figure) -> String {
    if scheme.measures[m] == RevenueMeasure::ConsumptionGrowth {
        (t.revenue.growth_figure)(
            &percent(t, f.raw),
            &percent(t, i64::try_from(f.threshold).unwrap_or(i64::MAX)),
        )
    } else {
        t.figure_words(f, &scheme.scoring)
    }
}

/// Words of a count of workloads at tenants: (how many, what each needs).
type CountWords = fn(u64, &str) -> String;

/// Words of one workload at a tenant: (how much more, workload, customer).
type NamedWords = fn(&str, &str, &str) -> String;

/// What one route step asks for, in the metric's units, and (where it
/// names workloads at tenants) what it adds to the figure: ("$1,400 more
/// on Power Apps at Contoso", "+1 workload add"), ("7 more percentage
/// points of usage growth in MCV", none).
fn step_parts(
    t: &Texts,
    scheme: &RevenueScheme,
    s: &RevenueStanding,
    step: &RouteStep,
) -> (String, Option<String>) {
    let m = step.metric;
    let least = amount(t, minimum(scheme, m, s.score.best).unwrap_or_default());
    let (generic, short): (CountWords, NamedWords) = match scheme.measures[m] {
        RevenueMeasure::ConsumptionGrowth => {
            let more = t.count(step.more.div_ceil(100));
            return ((t.revenue.growth_more)(&more), None);
        }
        RevenueMeasure::CertifiedPeople => {
            return (t.route_step_more(step, &scheme.scoring), None);
        }
        RevenueMeasure::RevenueWorkloads => (t.revenue.adds_more, t.revenue.short_revenue),
        RevenueMeasure::ConsumptionDeployments => (t.revenue.deployments_more, t.revenue.short_mcv),
    };
    // The nearest workloads at tenants first; any more as the metric asks.
    let near = &s.short[m];
    if near.is_empty() {
        return (generic(step.more, &least), None);
    }
    let named = near
        .len()
        .min(usize::try_from(step.more).unwrap_or(usize::MAX));
    let mut parts: Vec<String> = near[..named]
        .iter()
        .map(|n| {
            let words = short(&amount_up(t, n.lacks), &n.workload, &n.customer);
            match n.units {
                Some((units, profiles)) => {
                    let more = (t.revenue.units_more)(units, &t.count(units), profiles);
                    format!("{words} ({more})")
                }
                None => words,
            }
        })
        .collect();
    let rest = step.more - named as u64;
    if rest > 0 {
        parts.push(generic(rest, &least));
    }
    let unit = &t.metric_words(&scheme.scoring.metrics[m]).unit[usize::from(step.more != 1)];
    (
        t.join_and(&parts),
        Some(format!("+{} {unit}", t.count(step.more))),
    )
}

/// What one route step asks for, without its points, for `Next Steps`:
/// "$1,400 more on Power Apps at Contoso (+1 workload add)".
pub(super) fn step_more(
    t: &Texts,
    scheme: &RevenueScheme,
    s: &RevenueStanding,
    step: &RouteStep,
) -> String {
    match step_parts(t, scheme, s, step) {
        (what, Some(adds)) => format!("{what} ({adds})"),
        (what, None) => what,
    }
}

/// One route step with its points: "$1,400 more on Power Apps at Contoso
/// (+1 workload add, +3)".
fn step_words(t: &Texts, scheme: &RevenueScheme, s: &RevenueStanding, step: &RouteStep) -> String {
    let points = format!("+{}", t.points(step.points));
    match step_parts(t, scheme, s, step) {
        (what, Some(adds)) => format!("{what} ({adds}, {points})"),
        (what, None) => format!("{what} ({points})"),
    }
}

/// The usage growth metric's index, if the rules have one.
pub(super) fn growth_metric(scheme: &RevenueScheme) -> Option<usize> {
    scheme
        .measures
        .iter()
        .position(|m| *m == RevenueMeasure::ConsumptionGrowth)
}

/// What the partner must do besides the route: usage growth scores
/// nothing below its baseline whatever its percent (the month a year
/// before must reach it), and, on the track the rule gives otherwise, what
/// moves the partner to the rule's track.
pub(super) fn other_steps(
    t: &Texts,
    scheme: &RevenueScheme,
    s: &RevenueStanding,
) -> Vec<(Option<usize>, String)> {
    let Some(month) = s.month else {
        return Vec::new();
    };
    let scoring = &scheme.scoring;
    let best = s.score.best;
    let gate = growth_metric(scheme).and_then(|g| {
        let baseline = minimum(scheme, g, best).unwrap_or_default();
        (s.consumption[1] < baseline).then(|| {
            let before = month.minus(scoring.window_months);
            let words = (t.revenue.gate)(
                &amount(t, baseline),
                &before.to_string(),
                &amount(t, s.consumption[1]),
            );
            (Some(g), words)
        })
    });
    let rule = &scheme.track_rule;
    let track = (best != rule.track).then(|| {
        let [at, before] = track_months(scheme, month);
        let words = (t.revenue.track_step)(
            rule.min_workloads,
            &amount(t, rule.revenue_over),
            &at.to_string(),
            &before.to_string(),
            t.path_name(&scoring.paths[rule.track]),
            s.track_workloads[0],
            s.track_workloads[1],
        );
        (None, words)
    });
    gate.into_iter().chain(track).collect()
}

/// The route in words: "needs 2 more workloads at a tenant with at least
/// $250 in the month (+6) and ... to qualify on the SMB path (70.5
/// points)", with the baseline gate where it holds usage growth back.
pub(super) fn route_words(
    t: &Texts,
    scheme: &RevenueScheme,
    s: &RevenueStanding,
    route: Option<&Route>,
) -> Option<String> {
    if s.score.qualified() {
        return None;
    }
    let gate = other_steps(t, scheme, s)
        .into_iter()
        .filter(|(m, _)| m.is_some())
        .map(|(_, words)| words);
    let steps = |r: &Route| {
        r.steps
            .iter()
            .map(|step| step_words(t, scheme, s, step))
            .collect()
    };
    Some(t.needs_words(&scheme.scoring, route, steps, gate))
}

/// What a partner must do, in one sentence: "qualifies with 72.57 points
/// on the Enterprise path", or the route in words.
pub(super) fn action_words(
    t: &Texts,
    scheme: &RevenueScheme,
    s: &RevenueStanding,
    route: Option<&Route>,
) -> String {
    let mut sentence = route_words(t, scheme, s, route)
        .unwrap_or_else(|| t.points_action(&s.score, None, &scheme.scoring));
    if s.month.is_none() {
        sentence.push_str("; ");
        sentence.push_str(t.revenue.no_month);
    }
    sentence
}
