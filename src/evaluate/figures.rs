//! The figures every family shares, from one partner's rows: which rows
//! count (valid, paid, associated, on a counted workload, not a duplicate
//! or an earlier snapshot), its active entitlements by the rules' method,
//! its new customers, and its market and country.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use super::{Exclusion, RowOutcome};
use crate::input::{CustomerRow, PartnerRow, WorkloadCell};
use crate::model::{CustomerId, Market, PartnerId, Workload};
use crate::problem::Problem;
use crate::rules::{Method, Rules};

/// The figures of one partner's customer rows.
pub(super) struct Figures {
    pub(super) entitlements: u64,
    pub(super) new_customers: u32,
    pub(super) best_workload: Option<Workload>,
    pub(super) totals: Vec<(Workload, u64)>,
    pub(super) outcomes: Vec<(usize, RowOutcome)>,
}

/// Filters a partner's customer rows, drops duplicates and figures its
/// active entitlements by the rules' method, and its new customers.
pub(super) fn figure(
    customers: &[(usize, &CustomerRow)],
    superseded: &HashMap<usize, Exclusion>,
    rules: &Rules,
    as_of: NaiveDate,
) -> Figures {
    let mut outcomes: Vec<(usize, RowOutcome)> = Vec::with_capacity(customers.len());
    // customer -> earliest date on any of its rows that passes the filters.
    // Duplicate rows are included: a duplicate's users are not counted twice,
    // but its date still tells when the customer was first served.
    let mut first_added: BTreeMap<&CustomerId, Option<NaiveDate>> = BTreeMap::new();
    // (customer, workload) -> (row index, users): the larger row wins, the
    // earlier one on a tie.
    let mut kept: BTreeMap<(&CustomerId, &Workload), (usize, u64)> = BTreeMap::new();
    for &(i, row) in customers {
        if let Some(e) = superseded.get(&i) {
            outcomes.push((i, RowOutcome::Excluded(e.clone())));
            continue;
        }
        let exclusion = match (
            &row.invalid,
            row.sku,
            row.association,
            &row.workload,
            &row.customer,
            row.active_users,
        ) {
            (Some(why), ..) => Some(Exclusion::Invalid(why.clone())),
            (None, Some(sku), Some(assoc), Some(workload), Some(customer), Some(users)) => {
                if !rules.skus.contains(&sku) {
                    Some(Exclusion::NotPaid(sku))
                } else if !rules.associations.contains(&assoc) {
                    Some(Exclusion::NotAssociated(assoc))
                } else if let WorkloadCell::Counted(w) = workload {
                    // A customer with no active seats has not been deployed:
                    // such a row does not make it a (new) customer.
                    let added = row.added_on.filter(|_| users > 0);
                    let first = first_added.entry(customer).or_default();
                    *first = match (*first, added) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    match kept.get_mut(&(customer, w)) {
                        Some(best) if users > best.1 => {
                            outcomes.push((best.0, RowOutcome::Excluded(Exclusion::Duplicate)));
                            *best = (i, users);
                            None
                        }
                        Some(_) => Some(Exclusion::Duplicate),
                        None => {
                            kept.insert((customer, w), (i, users));
                            None
                        }
                    }
                } else {
                    Some(Exclusion::WorkloadNotCounted)
                }
            }
            _ => Some(Exclusion::Invalid("incomplete row".into())),
        };
        if let Some(e) = exclusion {
            outcomes.push((i, RowOutcome::Excluded(e)));
        }
    }

    let mut totals: Vec<(Workload, u64)> = rules.workloads.iter().map(|w| (w.clone(), 0)).collect();
    let mut per_customer: BTreeMap<&CustomerId, (usize, u64)> = BTreeMap::new();
    for (&(customer, workload), &(i, users)) in &kept {
        if let Some(t) = totals.iter_mut().find(|(w, _)| w == workload) {
            t.1 += users;
        }
        // Keys come in (customer, workload name) order, so a tie between
        // two workloads of one customer is settled the same way every run.
        let best = per_customer.entry(customer).or_insert((i, users));
        if users > best.1 {
            *best = (i, users);
        }
    }
    // The first workload in the rules' order wins a tie, so the choice does
    // not depend on row order.
    let best_workload = totals
        .iter()
        .filter(|(_, t)| *t > 0)
        .fold(None::<&(Workload, u64)>, |best, cur| match best {
            Some(b) if b.1 >= cur.1 => Some(b),
            _ => Some(cur),
        })
        .map(|(w, _)| w.clone());
    let entitlements = match rules.method {
        Method::BestWorkload => totals.iter().map(|(_, t)| *t).max().unwrap_or(0),
        Method::CustomerMax => per_customer.values().map(|(_, u)| *u).sum(),
        Method::Sum => totals.iter().map(|(_, t)| *t).sum(),
    };
    let customer_best: BTreeSet<usize> = per_customer.values().map(|(i, _)| *i).collect();
    for (&(_, workload), &(i, _)) in &kept {
        let in_figure = match rules.method {
            Method::BestWorkload => best_workload.as_ref() == Some(workload),
            Method::CustomerMax => customer_best.contains(&i),
            Method::Sum => true,
        };
        outcomes.push((
            i,
            RowOutcome::Counted {
                workload: workload.clone(),
                in_figure,
            },
        ));
    }
    totals.retain(|(_, t)| *t > 0);
    // A customer whose rows carry no date is not known to be new, so it is
    // not counted as new.
    let new_customers = first_added
        .values()
        .filter(|d| d.is_some_and(|d| rules.is_new_customer(d, as_of)))
        .count();
    Figures {
        entitlements,
        new_customers: u32::try_from(new_customers).unwrap_or(u32::MAX),
        best_workload,
        totals,
        outcomes,
    }
}

/// The partner's market: an explicit value wins (partners sheet first, then
/// customer rows), else its country decides, else mature.
pub(super) fn market_of(
    partner: &PartnerId,
    master: Option<&PartnerRow>,
    customers: &[(usize, &CustomerRow)],
    rules: &Rules,
    problems: &mut Vec<Problem>,
) -> Market {
    if let Some(m) = master.and_then(|m| m.market) {
        return m;
    }
    let explicit: BTreeSet<Market> = customers.iter().filter_map(|(_, r)| r.market).collect();
    match explicit.len() {
        1 => return *explicit.first().expect("one market"),
        0 => {}
        _ => {
            // Conflicting markets: the stricter (mature) threshold applies
            // until the inputs agree, and the user is told.
            if let Some((_, row)) = customers.iter().find(|(_, r)| r.market.is_some()) {
                problems.push(Problem::new(
                    row.source.location(),
                    format!("partner {partner} is given both mature and emerging markets; treated as mature (set Market on the partners sheet to decide)"),
                ));
            }
            return Market::Mature;
        }
    }
    rules.market_of_country(country_of(master, customers).as_deref())
}

/// The partner's country: the partners sheet's, else the one its customer
/// rows agree on most.
pub(super) fn country_of(
    master: Option<&PartnerRow>,
    customers: &[(usize, &CustomerRow)],
) -> Option<String> {
    master
        .and_then(|m| m.country.clone())
        .or_else(|| common_value(customers.iter().map(|(_, r)| r.country.as_deref())))
}

/// The value most rows agree on (on a tie, the first in sort order), so that
/// a name never depends on which row came first.
pub(super) fn common_value<'a>(values: impl Iterator<Item = Option<&'a str>>) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values.flatten() {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .fold(None::<(&str, usize)>, |best, (v, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((v, n)),
        })
        .map(|(v, _)| v.to_string())
}
