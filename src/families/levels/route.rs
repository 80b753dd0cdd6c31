//! A competency's cheapest route: for each partner below the top level, the
//! steps to the next one, and the customers nearest to counting.
//!
//! This reads a finished [`Evaluation`] and the typed rows and returns plain
//! data; it decides nothing about levels, so the evaluation stays the
//! single place where results are made. The words are in `words`.
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

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::{LevelScheme, Levels};
use crate::evaluate::{Evaluation, Exclusion, PartnerResult, PersonHint, RowOutcome};
use crate::input::{CustomerRow, Rows, WorkloadCell, partner_runs};
use crate::model::{Association, CustomerId, Level, Sku, Workload};
use crate::rules::{Method, RuleSet, Rules};

/// At most this many customers are proposed for one partner: a longer list
/// is not advice any more.
pub(crate) const MAX_PLAN: usize = 10;

/// What one partner below the top level can do next.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Route {
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

/// The route of every partner, aligned with `evaluation.partners` (`None`
/// at the top level).
pub(crate) fn routes(
    set: &RuleSet<Levels>,
    evaluation: &Evaluation<Levels>,
    rows: &Rows,
) -> Vec<Option<Route>> {
    let rules = &set.rules;
    let partners = &evaluation.partners;
    // Per partner: counted (customer, workload) -> users, and candidates.
    let mut counted: Vec<BTreeMap<(CustomerId, Workload), u64>> =
        vec![BTreeMap::new(); partners.len()];
    let mut near: Vec<Vec<NearCustomer>> = vec![Vec::new(); partners.len()];
    for (id, run) in partner_runs(&rows.customers, |r| &r.partner) {
        let Ok(p) = partners.binary_search_by(|r| r.partner.cmp(id)) else {
            continue;
        };
        if partners[p].standing.next.is_none() {
            continue;
        }
        for i in run {
            let row = &rows.customers[i];
            match &evaluation.customer_outcomes[i] {
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
    }
    // Each partner's route on its own: partners in parallel.
    partners
        .par_iter()
        .zip(counted)
        .zip(near)
        .map(|((partner, counted), near)| route(partner, counted, near, set))
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
        customer_name: row.customer_name.as_deref().map(String::from),
        workload: workload.clone(),
        users,
        unpaid: (!rules.skus.contains(&sku)).then_some(sku),
        unassociated: (!rules.associations.contains(&association)).then_some(association),
        figure_after: 0,
    })
}

fn route(
    partner: &PartnerResult<Levels>,
    counted: BTreeMap<(CustomerId, Workload), u64>,
    mut near: Vec<NearCustomer>,
    set: &RuleSet<Levels>,
) -> Option<Route> {
    let (rules, scheme): (&Rules, &LevelScheme) = (&set.rules, &set.scheme);
    let next = partner.standing.next.as_ref()?;
    let threshold = scheme.threshold(next.level)?;
    let needed = threshold.entitlements.get(partner.market);
    let mut steps: Vec<Step> = Vec::new();
    if next.people_short > 0 {
        steps.push(Step::People(PeopleStep {
            short: next.people_short,
            candidates: partner.standing.hints.clone(),
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
    Some(Route {
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
    use crate::families::AnyRuleSet;

    fn default_set() -> RuleSet<Levels> {
        match AnyRuleSet::shipped(crate::rules::DEFAULT_NAME) {
            Ok(AnyRuleSet::Levels(set)) => set,
            other => panic!("the default rules are a competency: {other:?}"),
        }
    }

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
        let rules = default_set().rules;
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
        let rules = default_set().rules;
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
        let rules = default_set().rules;
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
        let rules = default_set().rules;
        CustomerRow {
            source: crate::problem::RowSource::file("t.xlsx".into()),
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
            let mut set = default_set();
            set.rules.method = method;
            let rows = Rows {
                customers: customers.clone(),
                ..Rows::default()
            };
            let evaluation = crate::evaluate::evaluate(&rows, &set, as_of);
            let advice = routes(&set, &evaluation, &rows);
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
            let after = crate::evaluate::evaluate(&converted, &set, as_of);
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
}
