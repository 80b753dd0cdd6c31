//! Scoring one partner from its Azure consumed revenue (ACR) rows: last
//! month (the last complete month by the as-of date) and the same month a
//! year before, each tenant's eligible ACR per month, the track its
//! customers' segments give, and every metric on every path as the points
//! family's [`Score`] (the track's path is the one that counts; the other
//! is shown for information).
//!
//! Where two downloads hold one month of the partner's, the newer
//! download's rows are that month (the download reaching the later month;
//! a restated figure replaces the older one); of two reaching the same
//! month, the one giving services (`AzureUsage` rather than
//! `CustomersAndTenants`), then the one read later.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::AcrScored;
use super::rules::{AcrMeasure, AcrScheme};
use super::steps::{people_per_step, step_points};
use crate::evaluate::{self, Downloads, Facts, PersonResult};
use crate::families::points::report::scored_level;
use crate::families::points::rules::earned;
use crate::families::points::score::{Figure, Marks, MetricScore, PathScore, Score};
use crate::families::revenue::score::growth_hundredths;
use crate::input::AcrRow;
use crate::model::{Amount, Association, CalendarMonth, Centi, CustomerId, Level, fold};
use crate::rules::RuleSet;

/// A partner's standing: the points family's score (a path per track, the
/// track's path the one that counts) and the figures it was made from.
#[derive(Debug, Clone, PartialEq)]
pub struct AcrStanding {
    /// The score.
    pub score: Score,
    /// Last month: the last complete month by the as-of date.
    pub(crate) month: CalendarMonth,
    /// The latest month the partner's rows reach, if any.
    pub(crate) latest: Option<CalendarMonth>,
    /// The track's figures: last month's customers and those in an SMB
    /// segment, and segments the rules do not list.
    pub(crate) customers: u64,
    pub(crate) smb_customers: u64,
    pub(crate) unknown_segments: Vec<String>,
    /// Eligible ACR last month and the same month a year before.
    pub(crate) acr: [Amount; 2],
    /// Eligible ACR over the trailing twelve months to last month.
    pub(crate) ttm: Amount,
    /// The services counted for deployments, as first written.
    pub(crate) services: Vec<String>,
    /// Eligible rows without a Service Level 2 (a `CustomersAndTenants`
    /// download): deployments cannot be measured from them.
    pub(crate) rows_without_service: usize,
    /// Whether some row gave an offer (so excluded offers could be left out).
    pub(crate) offer_column: bool,
    /// Rows left out for their offer.
    pub(crate) offers_left_out: usize,
    /// People per step, per certification-steps metric (empty otherwise).
    pub(crate) steps: Vec<Vec<u64>>,
    /// Tenants short of the track's net customer adds minimum, nearest
    /// first: the route's cheapest customers.
    pub(crate) short: Vec<Short>,
}

/// A tenant short of what net customer adds counts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Short {
    /// The customer's name as the download gives it, else its tenant id.
    pub(crate) customer: String,
    /// How much more ACR it needs in a month.
    pub(crate) lacks: Amount,
}

impl evaluate::Family for AcrScored {
    type Standing = AcrStanding;

    fn evaluate(set: &RuleSet<AcrScored>, p: &Facts<'_>) -> AcrStanding {
        let month = CalendarMonth::last_complete(p.as_of);
        standing(&set.scheme, p.downloads, p.people, month)
    }

    fn level(s: &AcrStanding) -> Level {
        scored_level(&s.score)
    }

    fn score(s: &AcrStanding) -> Option<Centi> {
        Some(s.score.best_path().total)
    }
}

/// The partner's valid rows, each month from the newest download holding
/// it (the download reaching the latest month; the later one read on a tie).
pub(crate) fn newest_rows<'r>(d: &Downloads<'r>) -> Vec<&'r AcrRow> {
    let valid: Vec<&AcrRow> = d
        .acr
        .iter()
        .copied()
        .filter(|r| r.invalid.is_none() && r.month.is_some() && r.customer.is_some())
        .collect();
    // Each download's rank: its reach, then whether it gives services (an
    // AzureUsage download before a CustomersAndTenants one of the same
    // months), then its place in the reading order.
    type Rank = (Option<CalendarMonth>, bool, usize);
    // A partner's rows come from a few downloads, each row holding its
    // file's name: found by a pointer's comparison, not the name's.
    let mut files: Vec<(&Arc<str>, Rank)> = Vec::new();
    let mut file_of = Vec::with_capacity(valid.len());
    for (i, r) in valid.iter().enumerate() {
        let f = same_file(&files, &r.source.file).unwrap_or_else(|| {
            files.push((&r.source.file, (None, false, i)));
            files.len() - 1
        });
        let rank = &mut files[f].1;
        rank.0 = rank.0.max(r.month);
        rank.1 |= r.service().is_some();
        file_of.push(f);
    }
    let mut owner: BTreeMap<CalendarMonth, (Rank, usize)> = BTreeMap::new();
    for (r, &f) in valid.iter().zip(&file_of) {
        let Some(month) = r.month else { continue };
        let mine = (files[f].1, f);
        let e = owner.entry(month).or_insert(mine);
        if mine.0 > e.0 {
            *e = mine;
        }
    }
    valid
        .into_iter()
        .zip(file_of)
        .filter(|(r, f)| r.month.is_some_and(|m| owner[&m].1 == *f))
        .map(|(r, _)| r)
        .collect()
}

/// The index in `files` of the file named `file`: the same shared name, or
/// (rows of one file read apart) an equal one.
fn same_file<R>(files: &[(&Arc<str>, R)], file: &Arc<str>) -> Option<usize> {
    files
        .iter()
        .position(|(f, _)| Arc::ptr_eq(f, file))
        .or_else(|| files.iter().position(|(f, _)| *f == file))
}

/// The eligible rows of a partner and what selecting them found.
pub(crate) struct Eligible<'r> {
    /// The rows that count.
    pub(crate) rows: Vec<&'r AcrRow>,
    /// Whether some row gave an offer.
    pub(crate) offer_column: bool,
    /// Rows left out for their offer.
    pub(crate) offers_left_out: usize,
}

/// The rows attributed under `associations`, less those of an offer
/// `excluded` names.
pub(crate) fn eligible<'r>(
    associations: &[Association],
    excluded: &dyn Fn(&str) -> bool,
    rows: Vec<&'r AcrRow>,
) -> Eligible<'r> {
    let offer_column = rows.iter().any(|r| r.offer.is_some());
    let mut offers_left_out = 0;
    let rows = rows
        .into_iter()
        .filter(|r| r.association.is_some_and(|a| associations.contains(&a)))
        .filter(|r| {
            let out = r.offer.as_deref().is_some_and(excluded);
            offers_left_out += usize::from(out);
            !out
        })
        .collect();
    Eligible {
        rows,
        offer_column,
        offers_left_out,
    }
}

/// Eligible ACR per tenant per month.
pub(crate) type PerTenant = BTreeMap<(CustomerId, CalendarMonth), Amount>;

pub(crate) fn per_tenant(rows: &[&AcrRow]) -> PerTenant {
    let mut out = PerTenant::new();
    for r in rows {
        let (Some(c), Some(m), Some(a)) = (&r.customer, r.month, r.amount) else {
            continue;
        };
        let sum = out.entry((c.clone(), m)).or_default();
        *sum = sum.saturating_add(a);
    }
    out
}

/// Tenants with at least `min` in one of the `months` months to `month`.
fn eligible_tenants(
    sums: &PerTenant,
    month: CalendarMonth,
    months: u32,
    min: Amount,
) -> BTreeSet<&CustomerId> {
    sums.iter()
        .filter(|((_, m), a)| {
            *m <= month && m.months_since(month.minus(months.saturating_sub(1))) >= 0 && **a >= min
        })
        .map(|((c, _), _)| c)
        .collect()
}

/// ACR over the months `from..=to`.
pub(crate) fn total(sums: &PerTenant, from: CalendarMonth, to: CalendarMonth) -> Amount {
    sums.iter()
        .filter(|((_, m), _)| *m >= from && *m <= to)
        .map(|(_, a)| *a)
        .sum()
}

/// The customers' names the rows give, by tenant.
pub(crate) fn names<'r>(rows: &[&'r AcrRow]) -> BTreeMap<&'r CustomerId, &'r str> {
    rows.iter()
        .filter_map(|r| Some((r.customer.as_ref()?, r.customer_name.as_deref()?)))
        .collect()
}

/// The partner's standing with last month `month`.
pub(crate) fn standing(
    scheme: &AcrScheme,
    d: &Downloads<'_>,
    people: &[PersonResult],
    month: CalendarMonth,
) -> AcrStanding {
    let newest = newest_rows(d);
    let latest = newest.iter().filter_map(|r| r.month).max();
    let Eligible {
        rows,
        offer_column,
        offers_left_out,
    } = eligible(&scheme.associations, &|o| scheme.offer_excluded(o), newest);
    let sums = per_tenant(&rows);
    let scoring = &scheme.scoring;
    let before = month.minus(scoring.window_months);

    // The track: last month's customers with eligible ACR, by segment.
    let mut segments: BTreeMap<&CustomerId, Option<&str>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.month == Some(month)) {
        if let Some(c) = &r.customer
            && sums
                .get(&(c.clone(), month))
                .is_some_and(|a| a.is_positive())
        {
            let seg = segments.entry(c).or_default();
            if seg.is_none() {
                *seg = r.segment.as_deref();
            }
        }
    }
    let mut unknown_segments: Vec<String> = Vec::new();
    let mut smb_customers = 0;
    for seg in segments.values() {
        match seg.map(|s| (s, scheme.track.is_smb(s))) {
            Some((_, Some(true))) => smb_customers += 1,
            Some((s, None)) if !unknown_segments.iter().any(|u| u == s) => {
                unknown_segments.push(s.to_string());
            }
            _ => {}
        }
    }
    let customers = segments.len() as u64;
    let rule = &scheme.track;
    let track = if customers > 0 && smb_customers * 100 >= u64::from(rule.share_percent) * customers
    {
        rule.smb
    } else {
        rule.otherwise
    };

    let acr = [total(&sums, month, month), total(&sums, before, before)];
    let ttm = total(&sums, month.minus(11), month);

    // Deployments: services with ACR over the trailing twelve months.
    let window: Vec<&&AcrRow> = rows
        .iter()
        .filter(|r| r.month.is_some_and(|m| m <= month && m > month.minus(12)))
        .collect();
    let rows_without_service = window.iter().filter(|r| r.service().is_none()).count();
    let excluded = scheme.measures.iter().find_map(|m| match m {
        AcrMeasure::Services { folded, .. } => Some(folded),
        _ => None,
    });
    // Each service as written, in the order first written, with its ACR;
    // then folded once per spelling rather than once per row.
    let mut written: Vec<(&str, Amount)> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for r in &window {
        let Some(service) = r.service() else { continue };
        let i = *at.entry(service).or_insert_with(|| {
            written.push((service, Amount::ZERO));
            written.len() - 1
        });
        written[i].1 = written[i].1.saturating_add(r.amount.unwrap_or_default());
    }
    let mut by_service: BTreeMap<String, (String, Amount)> = BTreeMap::new();
    for (service, amount) in written {
        let key = fold(service);
        if excluded.is_some_and(|e| e.contains(&key)) {
            continue;
        }
        let e = by_service
            .entry(key)
            .or_insert_with(|| (service.to_string(), Amount::ZERO));
        e.1 = e.1.saturating_add(amount);
    }
    let services: Vec<String> = by_service
        .into_values()
        .filter(|(_, a)| a.is_positive())
        .map(|(name, _)| name)
        .collect();

    let steps: Vec<Vec<u64>> = scheme
        .measures
        .iter()
        .map(|m| match m {
            AcrMeasure::Steps(steps) => people_per_step(people, steps),
            _ => Vec::new(),
        })
        .collect();

    // The nearest tenants short of net customer adds' minimum on the track.
    let names = names(&rows);
    let short = scheme
        .measures
        .iter()
        .find_map(|m| match m {
            AcrMeasure::NetCustomers { months, min } => Some((*months, min[track])),
            _ => None,
        })
        .map(|(months, min)| {
            let now = eligible_tenants(&sums, month, months, min);
            let mut best: BTreeMap<&CustomerId, Amount> = BTreeMap::new();
            for ((c, m), a) in &sums {
                if *m <= month && *m > month.minus(months) && !now.contains(c) && a.is_positive() {
                    let e = best.entry(c).or_default();
                    *e = (*e).max(*a);
                }
            }
            let mut out: Vec<Short> = best
                .into_iter()
                .map(|(c, a)| Short {
                    customer: names
                        .get(c)
                        .map_or_else(|| c.to_string(), |n| n.to_string()),
                    lacks: min.saturating_sub(a),
                })
                .collect();
            out.sort_by(|a, b| (a.lacks, &a.customer).cmp(&(b.lacks, &b.customer)));
            out.truncate(5);
            out
        })
        .unwrap_or_default();

    let measured = |m: &AcrMeasure, p: usize, i: usize| -> (i64, u64, Centi, Marks) {
        let def = &scoring.metrics[i];
        let threshold = def.targets[p].options()[0].1;
        match m {
            AcrMeasure::NetCustomers { months, min } => {
                let now = eligible_tenants(&sums, month, *months, min[p]).len() as i64;
                let was = eligible_tenants(&sums, before, *months, min[p]).len() as i64;
                let raw = now - was;
                (
                    raw,
                    threshold,
                    earned(def.points, raw, threshold),
                    Marks::default(),
                )
            }
            AcrMeasure::GrowthPercent { ttm_min } => {
                let raw = growth_hundredths(acr[0], acr[1]);
                let threshold = threshold * 100;
                let based = acr[1].is_positive() && ttm >= *ttm_min;
                let points = if based {
                    earned(def.points, raw, threshold)
                } else {
                    0
                };
                (raw, threshold, points, Marks::default())
            }
            AcrMeasure::Services { .. } => {
                let raw = services.len() as i64;
                (
                    raw,
                    threshold,
                    earned(def.points, raw, threshold),
                    Marks::default(),
                )
            }
            AcrMeasure::Steps(s) => {
                // The places filled: each step's people up to what it needs.
                let counts = &steps[i];
                let filled: u64 = s
                    .iter()
                    .zip(counts)
                    .map(|(st, n)| (*n).min(st.people[p]))
                    .sum();
                let points = step_points(s, counts, p, def.points);
                (filled as i64, threshold, points, Marks::default())
            }
        }
    };
    let paths = (0..scoring.paths.len())
        .map(|p| {
            let metrics: Vec<MetricScore> = scheme
                .measures
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let (raw, threshold, points, marks) = measured(m, p, i);
                    MetricScore {
                        figures: vec![Figure {
                            group: None,
                            raw,
                            threshold,
                            points,
                        }],
                        chosen: 0,
                        marks,
                    }
                })
                .collect();
            let total: Centi = metrics.iter().map(MetricScore::points).sum();
            let qualified = total >= scoring.qualifying
                && metrics.iter().all(|m| m.points() >= scoring.metric_minimum);
            PathScore {
                total,
                qualified,
                metrics,
            }
        })
        .collect();
    AcrStanding {
        score: Score {
            paths,
            best: track,
            baselines: Vec::new(),
            tenants: Vec::new(),
            tenant_lines: 0,
        },
        month,
        latest,
        customers,
        smb_customers,
        unknown_segments,
        acr,
        ttm,
        services,
        rows_without_service,
        offer_column,
        offers_left_out,
        steps,
        short,
    }
}
