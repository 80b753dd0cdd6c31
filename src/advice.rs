//! Advice: for each partner below the top level, the cheapest route to the
//! next one, and the customers nearest to counting.
//!
//! This reads a finished [`Evaluation`] and the typed rows and returns plain
//! data; it decides nothing about levels, so the evaluation core stays the
//! single place where results are made. The words are in [`crate::text`].
//!
//! - A step is one shortfall (people or entitlements). Steps are ordered by
//!   `effort`, counted in actions: each exam a person part-way still needs
//!   is 1, each person who must qualify from scratch is 2 (a route is two
//!   exams), each customer of the plan is 1, and entitlements no near
//!   customer can cover are 10 (new business), as are new customers (10 plus
//!   one per customer). On a tie people come first.
//! - The customers nearest to counting are rows that are valid, on a counted
//!   workload and would count but for their SKU (trial or free) or their
//!   association. The plan takes them largest first, per workload when the
//!   figure is the best workload (converting rows of two workloads does not
//!   add up there), and stops as soon as the shortfall is closed.
//! - Progress toward the next level is one bar per requirement
//!   (`progress`) and, to rank partners, one percent of the way
//!   (`percent_of_the_way`): the mean of those bars.

use std::collections::BTreeMap;

use crate::evaluate::{Evaluation, Exclusion, PartnerResult, PersonHint, RowOutcome};
use crate::input::{CustomerRow, Rows, WorkloadCell};
use crate::model::{Association, CustomerId, Level, Sku, Workload};
use crate::rules::{Method, Rules};

pub mod points;
/// Why a partner at Silver or Gold might lose its level soon (the Summary's
/// `At Risk` column); the words are in [`crate::text`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AtRisk {
    /// The level it might lose.
    pub(crate) level: Level,
    /// Its active entitlements are within the margin above the threshold.
    pub(crate) near_threshold: Option<NearThreshold>,
    /// It has exactly the qualified people its level needs: that many.
    pub(crate) last_people: Option<u32>,
}

/// Active entitlements close above a level's threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct NearThreshold {
    /// The partner's active entitlements.
    pub(crate) entitlements: u64,
    /// The level's threshold for its market.
    pub(crate) threshold: u64,
    /// The margin (0.05 is 5 %).
    pub(crate) margin: f64,
}

/// Whether a partner might lose its level soon: its active entitlements are
/// within the rules' margin above its threshold, or it has exactly the
/// qualified people its level needs.
pub(crate) fn at_risk(p: &PartnerResult, rules: &Rules) -> Option<AtRisk> {
    let threshold = rules.threshold(p.level)?;
    let margin = rules.alerts.at_risk_margin;
    let needed = threshold.entitlements.get(p.market);
    // Compared in floating point only to apply the fraction; the counts
    // involved are far below where f64 loses whole numbers.
    let near_threshold =
        ((p.entitlements as f64) < needed as f64 * (1.0 + margin)).then_some(NearThreshold {
            entitlements: p.entitlements,
            threshold: needed,
            margin,
        });
    let last_people = (p.qualified_people == threshold.people).then_some(threshold.people);
    (near_threshold.is_some() || last_people.is_some()).then_some(AtRisk {
        level: p.level,
        near_threshold,
        last_people,
    })
}

/// At most this many customers are proposed for one partner: a longer list
/// is not advice any more.
pub(crate) const MAX_PLAN: usize = 10;

/// What one partner below the top level can do next.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Advice {
    /// The level aimed at.
    pub(crate) level: Level,
    /// The shortfalls to close, cheapest first.
    pub(crate) steps: Vec<Step>,
}

/// One shortfall and how to close it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// Qualified people are missing.
    People(PeopleStep),
    /// Active entitlements are missing.
    Entitlements(EntitlementsStep),
    /// New customers are missing (rules that count them): as many to win.
    NewCustomers(u32),
}

/// Qualified people still needed, and who is part-way there.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PeopleStep {
    /// People still needed.
    pub(crate) short: u32,
    /// People part-way, closest first (at most `short`).
    pub(crate) candidates: Vec<PersonHint>,
}

/// Active entitlements still needed, and the customers nearest to counting.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EntitlementsStep {
    /// Entitlements still needed.
    pub(crate) short: u64,
    /// Entitlements the level needs in the partner's market.
    pub(crate) threshold: u64,
    /// The customers to convert, in order (empty when none is near).
    pub(crate) plan: Vec<NearCustomer>,
    /// The partner's figure once every customer of the plan counts.
    pub(crate) reaches: u64,
}

/// A customer row that would count once one or two things change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NearCustomer {
    /// The row's index in [`Rows::customers`].
    pub(crate) row: usize,
    /// The customer.
    pub(crate) customer: CustomerId,
    /// The customer's name, if given.
    pub(crate) customer_name: Option<String>,
    /// The workload.
    pub(crate) workload: Workload,
    /// Its active users.
    pub(crate) users: u64,
    /// Set when the SKU must become paid.
    pub(crate) unpaid: Option<Sku>,
    /// Set when the partner must become associated in a counted way.
    pub(crate) unassociated: Option<Association>,
    /// The partner's figure after this row (and the earlier ones) count.
    pub(crate) figure_after: u64,
}

/// How far a partner is from its next level: entitlements short over
/// entitlements needed plus people short over people needed (0 to 2), plus
/// new customers short over new customers needed where the rules count them;
/// `None` at the top level.
///
/// A partner scored in points is at the points it lacks over the qualifying
/// total plus the share of its metrics below their minimum; `None` once it
/// qualifies.
pub(crate) fn distance(partner: &PartnerResult, rules: &Rules) -> Option<f64> {
    if let (Some(score), Some(scoring)) = (&partner.score, &rules.scoring) {
        return points::distance(score, scoring);
    }
    let next = partner.next.as_ref()?;
    let threshold = rules.threshold(next.level)?;
    let share = |short: f64, needed: f64| if needed > 0.0 { short / needed } else { 0.0 };
    Some(
        share(
            next.entitlements_short as f64,
            threshold.entitlements.get(partner.market) as f64,
        ) + share(f64::from(next.people_short), f64::from(threshold.people))
            + share(
                f64::from(next.new_customers_short),
                f64::from(threshold.new_customers),
            ),
    )
}

/// One requirement of a level, as the partner's figure against what the
/// level asks for: what a progress bar (a mail's, a data bar's) shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Progress {
    /// Which requirement.
    pub(crate) requirement: Requirement,
    /// The partner's figure.
    pub(crate) have: u64,
    /// What the level asks for (more than 0).
    pub(crate) needed: u64,
}

/// The requirements a level can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Requirement {
    /// Active entitlements (the partner's figure against its market's threshold).
    Entitlements,
    /// Qualified people.
    People,
    /// New customers (rules that count them).
    NewCustomers,
}

impl Progress {
    /// How much of the requirement is met, 0 to 100, rounded down: a bar
    /// shows 100 only when the requirement is met.
    pub(crate) fn percent(&self) -> u8 {
        let percent = self.have.min(self.needed) * 100 / self.needed.max(1);
        u8::try_from(percent).unwrap_or(100)
    }

    /// Whether the figure reaches what is asked for.
    pub(crate) fn met(&self) -> bool {
        self.have >= self.needed
    }
}

/// The level a partner's progress is measured against: the next one, or
/// its own at the top (where every bar is full).
pub(crate) fn progress_level(partner: &PartnerResult) -> Level {
    partner.next.as_ref().map_or(partner.level, |n| n.level)
}

/// A partner's progress toward [`progress_level`], one entry per
/// requirement that level asks for (entitlements, people, new customers,
/// in that order); empty where the rules give that level no threshold.
pub(crate) fn progress(partner: &PartnerResult, rules: &Rules) -> Vec<Progress> {
    let Some(threshold) = rules.threshold(progress_level(partner)) else {
        return Vec::new();
    };
    [
        (
            Requirement::Entitlements,
            partner.entitlements,
            threshold.entitlements.get(partner.market),
        ),
        (
            Requirement::People,
            u64::from(partner.qualified_people),
            u64::from(threshold.people),
        ),
        (
            Requirement::NewCustomers,
            u64::from(partner.new_customers),
            u64::from(threshold.new_customers),
        ),
    ]
    .into_iter()
    .filter(|(_, _, needed)| *needed > 0)
    .map(|(requirement, have, needed)| Progress {
        requirement,
        have,
        needed,
    })
    .collect()
}

/// How far along a partner is toward its next level, in whole percent
/// rounded down: the mean, over what that level asks for (active
/// entitlements, qualified people, new customers where counted), of how
/// much of each the partner has, each capped at all of it. 100 only when
/// every requirement is met, so always 100 at the top level.
///
/// A partner scored in points is as far along as its [`distance`] says: the
/// mean of its share of the qualifying points and its share of metrics at
/// their minimum.
pub(crate) fn percent_of_the_way(partner: &PartnerResult, rules: &Rules) -> u8 {
    if let (Some(score), Some(scoring)) = (&partner.score, &rules.scoring) {
        return points::distance(score, scoring).map_or(100, |d| {
            // The small nudge keeps 0.29 * 100 from flooring to 28.
            (((1.0 - d / 2.0) * 100.0 + 1e-9).floor() as u8).min(99)
        });
    }
    let bars = progress(partner, rules);
    if bars.is_empty() {
        return 100;
    }
    let share: f64 = bars
        .iter()
        .map(|b| b.have.min(b.needed) as f64 / b.needed as f64)
        .sum::<f64>()
        / bars.len() as f64;
    // The small nudge keeps 0.29 * 100 from flooring to 28.
    let percent = (share * 100.0 + 1e-9).floor();
    if bars.iter().all(Progress::met) {
        100
    } else {
        (percent as u8).min(99)
    }
}

/// The `n` partners closest to their next level, as indices into
/// `evaluation.partners` with their [`percent_of_the_way`], furthest along
/// first; ties keep partner-id order.
pub(crate) fn closest(evaluation: &Evaluation, rules: &Rules, n: usize) -> Vec<(usize, u8)> {
    let mut ranked: Vec<(usize, u8)> = evaluation
        .partners
        .iter()
        .enumerate()
        .filter(|(_, p)| distance(p, rules).is_some())
        .map(|(i, p)| (i, percent_of_the_way(p, rules)))
        .collect();
    // Stable: equal percents stay in partner-id order.
    ranked.sort_by_key(|&(_, percent)| std::cmp::Reverse(percent));
    ranked.truncate(n);
    ranked
}

/// Advice for every partner, aligned with `evaluation.partners` (`None` at
/// the top level).
pub(crate) fn advise(evaluation: &Evaluation, rows: &Rows, rules: &Rules) -> Vec<Option<Advice>> {
    let partners = &evaluation.partners;
    // Per partner: counted (customer, workload) -> users, and candidates.
    let mut counted: Vec<BTreeMap<(CustomerId, Workload), u64>> =
        vec![BTreeMap::new(); partners.len()];
    let mut near: Vec<Vec<NearCustomer>> = vec![Vec::new(); partners.len()];
    for (i, (row, outcome)) in rows
        .customers
        .iter()
        .zip(&evaluation.customer_outcomes)
        .enumerate()
    {
        let Ok(p) = partners.binary_search_by(|r| r.partner.cmp(&row.partner)) else {
            continue;
        };
        if partners[p].next.is_none() {
            continue;
        }
        match outcome {
            RowOutcome::Counted { workload, .. } => {
                if let (Some(customer), Some(users)) = (&row.customer, row.active_users) {
                    counted[p].insert((customer.clone(), workload.clone()), users);
                }
            }
            RowOutcome::Excluded(Exclusion::NotPaid(_) | Exclusion::NotAssociated(_)) => {
                if let Some(candidate) = near_customer(i, row, rules) {
                    near[p].push(candidate);
                }
            }
            RowOutcome::Excluded(_) => {}
        }
    }
    partners
        .iter()
        .zip(counted)
        .zip(near)
        .map(|((partner, counted), near)| advise_one(partner, counted, near, rules))
        .collect()
}

/// A row that would count but for its SKU or association.
fn near_customer(row_index: usize, row: &CustomerRow, rules: &Rules) -> Option<NearCustomer> {
    if row.invalid.is_some() {
        return None;
    }
    let Some(WorkloadCell::Counted(workload)) = &row.workload else {
        return None;
    };
    let users = row.active_users.filter(|u| *u > 0)?;
    let sku = row.sku?;
    let association = row.association?;
    Some(NearCustomer {
        row: row_index,
        customer: row.customer.clone()?,
        customer_name: row.customer_name.clone(),
        workload: workload.clone(),
        users,
        unpaid: (!rules.skus.contains(&sku)).then_some(sku),
        unassociated: (!rules.associations.contains(&association)).then_some(association),
        figure_after: 0,
    })
}

fn advise_one(
    partner: &PartnerResult,
    counted: BTreeMap<(CustomerId, Workload), u64>,
    mut near: Vec<NearCustomer>,
    rules: &Rules,
) -> Option<Advice> {
    let next = partner.next.as_ref()?;
    let threshold = rules.threshold(next.level)?;
    let needed = threshold.entitlements.get(partner.market);
    let mut steps: Vec<Step> = Vec::new();
    if next.people_short > 0 {
        steps.push(Step::People(PeopleStep {
            short: next.people_short,
            candidates: partner.hints.clone(),
        }));
    }
    if next.entitlements_short > 0 {
        // Largest first, then input order: fewer customers to talk to.
        near.sort_by(|a, b| b.users.cmp(&a.users).then(a.row.cmp(&b.row)));
        let (plan, reaches) = best_plan(&counted, &near, rules, partner.entitlements, needed);
        steps.push(Step::Entitlements(EntitlementsStep {
            short: next.entitlements_short,
            threshold: needed,
            plan,
            reaches,
        }));
    }
    // Stable: on a tie the people step, pushed first, stays first.
    steps.sort_by_key(effort);
    if next.new_customers_short > 0 {
        steps.push(Step::NewCustomers(next.new_customers_short));
    }
    Some(Advice {
        level: next.level,
        steps,
    })
}

/// Exams to pass per person who must qualify from scratch.
const FROM_SCRATCH: usize = 2;
/// The effort of entitlements no customer on the inputs can cover.
const NEW_BUSINESS: usize = 10;

/// How much work a step is, in actions (see the module's documentation).
pub(crate) fn effort(step: &Step) -> usize {
    match step {
        Step::People(p) => {
            let exams: usize = p.candidates.iter().map(|h| h.missing.count()).sum();
            let from_scratch = (p.short as usize).saturating_sub(p.candidates.len());
            exams + FROM_SCRATCH * from_scratch
        }
        Step::Entitlements(e) => {
            e.plan.len()
                + if e.reaches >= e.threshold {
                    0
                } else {
                    NEW_BUSINESS
                }
        }
        Step::NewCustomers(short) => NEW_BUSINESS + *short as usize,
    }
}

/// The shortest plan that closes the gap, else the one that gets closest.
fn best_plan(
    counted: &BTreeMap<(CustomerId, Workload), u64>,
    near: &[NearCustomer],
    rules: &Rules,
    current: u64,
    needed: u64,
) -> (Vec<NearCustomer>, u64) {
    let mut plans: Vec<(Vec<NearCustomer>, u64)> = Vec::new();
    if rules.method == Method::BestWorkload {
        // The figure is one workload's total: rows of different workloads
        // never add up, so each workload gets its own plan.
        for workload in &rules.workloads {
            let of_workload: Vec<NearCustomer> = near
                .iter()
                .filter(|c| &c.workload == workload)
                .cloned()
                .collect();
            if !of_workload.is_empty() {
                plans.push(greedy(counted, of_workload, rules.method, current, needed));
            }
        }
    } else if !near.is_empty() {
        plans.push(greedy(
            counted,
            near.to_vec(),
            rules.method,
            current,
            needed,
        ));
    }
    plans
        .into_iter()
        .filter(|(_, reaches)| *reaches > current)
        // Closing first, then fewest customers, then the highest figure;
        // `min_by_key` keeps the first (rules' workload order) on a tie.
        .min_by_key(|(plan, reaches)| {
            (
                *reaches < needed,
                if *reaches >= needed { plan.len() } else { 0 },
                std::cmp::Reverse(*reaches),
            )
        })
        .unwrap_or((Vec::new(), current))
}

/// Takes candidates in order while they raise what they would count toward,
/// until the figure reaches `needed` or the plan is [`MAX_PLAN`] long.
fn greedy(
    counted: &BTreeMap<(CustomerId, Workload), u64>,
    candidates: Vec<NearCustomer>,
    method: Method,
    current: u64,
    needed: u64,
) -> (Vec<NearCustomer>, u64) {
    let mut counted = counted.clone();
    let mut plan = Vec::new();
    let mut reaches = current;
    for mut candidate in candidates {
        if reaches >= needed || plan.len() == MAX_PLAN {
            break;
        }
        let key = (candidate.customer.clone(), candidate.workload.clone());
        // The same customer and workload count once, the larger: a row no
        // larger than what already counts adds nothing.
        if counted.get(&key).is_some_and(|u| *u >= candidate.users) {
            continue;
        }
        counted.insert(key, candidate.users);
        reaches = figure(&counted, method);
        candidate.figure_after = reaches;
        plan.push(candidate);
    }
    (plan, reaches)
}

/// A partner's active entitlements from its counted (customer, workload)
/// figures, by the rules' method (as the evaluation figures them).
fn figure(counted: &BTreeMap<(CustomerId, Workload), u64>, method: Method) -> u64 {
    match method {
        Method::BestWorkload => {
            let mut per_workload: BTreeMap<&Workload, u64> = BTreeMap::new();
            for ((_, w), users) in counted {
                *per_workload.entry(w).or_default() += users;
            }
            per_workload.into_values().max().unwrap_or(0)
        }
        Method::CustomerMax => {
            let mut per_customer: BTreeMap<&CustomerId, u64> = BTreeMap::new();
            for ((c, _), users) in counted {
                let best = per_customer.entry(c).or_default();
                *best = (*best).max(*users);
            }
            per_customer.into_values().sum()
        }
        Method::Sum => counted.values().sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: &str) -> CustomerId {
        CustomerId::parse(id).expect("an id")
    }

    fn near(row: usize, id: &str, workload: &str, users: u64) -> NearCustomer {
        NearCustomer {
            row,
            customer: customer(id),
            customer_name: None,
            workload: Workload::new(workload),
            users,
            unpaid: Some(Sku::Trial),
            unassociated: None,
            figure_after: 0,
        }
    }

    fn counted(rows: &[(&str, &str, u64)]) -> BTreeMap<(CustomerId, Workload), u64> {
        rows.iter()
            .map(|(c, w, u)| ((customer(c), Workload::new(w)), *u))
            .collect()
    }

    #[test]
    fn the_figure_follows_the_rules_method() {
        let rows = counted(&[
            ("a", "Exchange Online", 1200),
            ("a", "SharePoint Online", 400),
            ("b", "Exchange Online", 750),
        ]);
        assert_eq!(figure(&rows, Method::BestWorkload), 1950);
        assert_eq!(figure(&rows, Method::CustomerMax), 1950);
        assert_eq!(figure(&rows, Method::Sum), 2350);
        assert_eq!(figure(&BTreeMap::new(), Method::BestWorkload), 0);
    }

    #[test]
    fn the_shortest_plan_that_closes_wins_per_workload() {
        let rules = Rules::shipped(crate::rules::DEFAULT_NAME).unwrap();
        let now = counted(&[("a", "Exchange Online", 1950)]);
        // Two SharePoint rows together would reach 2,100; one Exchange row
        // reaches 2,550 alone: one customer to talk to beats two.
        let candidates = vec![
            near(1, "s1", "SharePoint Online", 1500),
            near(2, "e1", "Exchange Online", 600),
            near(3, "s2", "SharePoint Online", 600),
        ];
        let (plan, reaches) = best_plan(&now, &candidates, &rules, 1950, 2000);
        assert_eq!(plan.iter().map(|c| c.row).collect::<Vec<_>>(), [2]);
        assert_eq!((reaches, plan[0].figure_after), (2550, 2550));

        // Without the Exchange row, both SharePoint rows are needed: the
        // first adds nothing to the figure on its own, yet belongs.
        let (plan, reaches) = best_plan(
            &now,
            &[candidates[0].clone(), candidates[2].clone()],
            &rules,
            1950,
            2000,
        );
        assert_eq!(plan.iter().map(|c| c.row).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(reaches, 2100);
        assert_eq!(plan[0].figure_after, 1950);
    }

    #[test]
    fn a_row_no_larger_than_what_counts_is_not_advice() {
        let rules = Rules::shipped(crate::rules::DEFAULT_NAME).unwrap();
        let now = counted(&[("a", "Exchange Online", 1950)]);
        let (plan, reaches) = best_plan(
            &now,
            &[near(1, "a", "Exchange Online", 900)],
            &rules,
            1950,
            2000,
        );
        assert!(plan.is_empty());
        assert_eq!(reaches, 1950);
    }

    #[test]
    fn a_plan_that_cannot_close_still_gets_closest_and_stops_at_the_cap() {
        let rules = Rules::shipped(crate::rules::DEFAULT_NAME).unwrap();
        let candidates: Vec<NearCustomer> = (0..20)
            .map(|i| near(i, &format!("c{i}"), "Exchange Online", 10))
            .collect();
        let (plan, reaches) = best_plan(&BTreeMap::new(), &candidates, &rules, 0, 4000);
        assert_eq!(plan.len(), MAX_PLAN);
        assert_eq!(reaches, 100);
    }

    /// A customer row as the input stage makes it.
    fn row(
        customer: &str,
        workload: &str,
        users: u64,
        sku: Sku,
        assoc: Association,
    ) -> CustomerRow {
        let rules = Rules::shipped(crate::rules::DEFAULT_NAME).unwrap();
        CustomerRow {
            source: crate::problem::Location::file("t.xlsx".into()),
            partner: crate::model::PartnerId::parse("1").unwrap(),
            partner_name: None,
            customer: CustomerId::parse(customer),
            customer_name: None,
            workload: rules.workload(workload).map(WorkloadCell::Counted),
            active_users: Some(users),
            sku: Some(sku),
            association: Some(assoc),
            ..CustomerRow::blank(crate::model::PartnerId::parse("1").unwrap())
        }
    }

    /// What the advice says the figure would reach is what the evaluation
    /// makes of the same rows once the plan's customers count, under every
    /// method: the advice's own arithmetic agrees with the evaluation's.
    #[test]
    fn the_plan_reaches_what_the_evaluation_would_count() {
        use crate::model::Association::{DelegatedAdministrator as Dap, None as NoAssoc};
        let as_of = chrono::NaiveDate::from_ymd_opt(2017, 9, 30).unwrap();
        let customers = vec![
            row("a", "Exchange Online", 900, Sku::Paid, Dap),
            row("a", "SharePoint Online", 700, Sku::Paid, Dap),
            row("b", "Exchange Online", 400, Sku::Trial, Dap),
            row("c", "SharePoint Online", 800, Sku::Paid, NoAssoc),
            row("d", "Yammer", 300, Sku::Free, Dap),
            row("a", "Exchange Online", 950, Sku::Trial, Dap),
        ];
        for method in [Method::BestWorkload, Method::CustomerMax, Method::Sum] {
            let mut rules = Rules::shipped(crate::rules::DEFAULT_NAME).unwrap();
            rules.method = method;
            let rows = Rows {
                customers: customers.clone(),
                ..Rows::default()
            };
            let evaluation = crate::evaluate::evaluate(&rows, &rules, as_of);
            let advice = advise(&evaluation, &rows, &rules);
            let Some(Step::Entitlements(step)) = advice[0]
                .as_ref()
                .and_then(|a| a.steps.iter().find(|s| matches!(s, Step::Entitlements(_))))
                .cloned()
            else {
                panic!("{method:?}: no entitlements step in {advice:?}");
            };
            assert!(!step.plan.is_empty(), "{method:?}");
            let mut converted = Rows {
                customers: customers.clone(),
                ..Rows::default()
            };
            for c in &step.plan {
                converted.customers[c.row].sku = Some(Sku::Paid);
                converted.customers[c.row].association = Some(Dap);
            }
            let after = crate::evaluate::evaluate(&converted, &rules, as_of);
            assert_eq!(after.partners[0].entitlements, step.reaches, "{method:?}");
        }
    }

    #[test]
    fn cheaper_steps_come_first() {
        let hint = PersonHint {
            name: "Dan".into(),
            held: vec![],
            missing: crate::rules::Lacking {
                all_of: vec![crate::model::CredentialId::new("70-347")],
                one_of: vec![],
            },
        };
        let people = Step::People(PeopleStep {
            short: 1,
            candidates: vec![hint],
        });
        let one_customer = Step::Entitlements(EntitlementsStep {
            short: 50,
            threshold: 2000,
            plan: vec![near(1, "p", "Exchange Online", 600)],
            reaches: 2550,
        });
        let new_business = Step::Entitlements(EntitlementsStep {
            short: 50,
            threshold: 2000,
            plan: vec![],
            reaches: 1950,
        });
        assert_eq!(effort(&people), 1);
        assert_eq!(effort(&one_customer), 1);
        assert_eq!(effort(&new_business), NEW_BUSINESS);
        let from_scratch = Step::People(PeopleStep {
            short: 2,
            candidates: vec![],
        });
        assert_eq!(effort(&from_scratch), 2 * FROM_SCRATCH);
    }

    #[test]
    fn progress_is_measured_against_the_next_level_and_full_at_the_top() {
        use crate::evaluate::NextLevel;
        use crate::model::{Market, PartnerId};
        let rules = Rules::default_rules().unwrap();
        let mut p = PartnerResult {
            partner: PartnerId::parse("1000001").unwrap(),
            name: None,
            country: None,
            contact_email: None,
            market: Market::Mature,
            level: Level::Silver,
            entitlements: 2_999,
            best_workload: None,
            workload_totals: Vec::new(),
            new_customers: 0,
            qualified_people: 1,
            next: Some(NextLevel {
                level: Level::Gold,
                entitlements_short: 1_001,
                people_short: 1,
                new_customers_short: 0,
            }),
            hints: Vec::new(),
            score: None,
        };
        let bars = progress(&p, &rules);
        assert_eq!(
            bars.iter()
                .map(|b| (b.requirement, b.have, b.needed, b.percent(), b.met()))
                .collect::<Vec<_>>(),
            vec![
                (Requirement::Entitlements, 2_999, 4_000, 74, false),
                (Requirement::People, 1, 2, 50, false),
            ],
            "no new-customers bar: Cloud Productivity asks for none"
        );
        // One percent of the way: (2,999 / 4,000 + 1 / 2) / 2 = 62.49 %.
        assert_eq!(percent_of_the_way(&p, &rules), 62);
        // 3,999 of 4,000 is not 100 %.
        p.entitlements = 3_999;
        assert_eq!(progress(&p, &rules)[0].percent(), 99);
        // Entitlements met and people not: 75 %, never 100.
        p.entitlements = 4_000;
        assert_eq!(percent_of_the_way(&p, &rules), 75);
        p.qualified_people = 2;
        assert_eq!(percent_of_the_way(&p, &rules), 100);
        p.level = Level::Gold;
        p.entitlements = 9_000;
        p.qualified_people = 3;
        p.next = None;
        assert!(
            progress(&p, &rules)
                .iter()
                .all(|b| b.met() && b.percent() == 100)
        );
        assert_eq!(percent_of_the_way(&p, &rules), 100);
    }
}
