//! Evaluation: group the typed rows by partner and decide, for each partner
//! in parallel, its level, its figures and exactly what it still lacks.
//!
//! Every partner is evaluated from its own rows only. The one thing that
//! crosses partners, a person listed under two of them, is settled before
//! the parallel part, so the order of evaluation cannot change a result.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::input::{CredentialRow, CustomerRow, PartnerRow, Rows, WorkloadCell};
use crate::model::{
    Association, CredentialId, CustomerId, Level, Market, PartnerId, PersonId, Sku, Workload,
};
use crate::problem::Problem;
use crate::rules::{Lacking, Method, Rules};

pub(crate) mod points;

/// Why a customer row does not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    /// A cell of the row is bad (the message says which).
    Invalid(String),
    /// A trial or free SKU.
    NotPaid(Sku),
    /// The partner is not associated to the customer in a counted way.
    NotAssociated(Association),
    /// The workload is not one the rules count.
    WorkloadNotCounted,
    /// The same partner, customer and workload appear on a larger row.
    Duplicate,
    /// The row is of an earlier snapshot than the partner's current one of
    /// the same download (the latest on or before the as-of date): history,
    /// a baseline at most, never a current figure.
    EarlierSnapshot {
        /// This row's snapshot date.
        snapshot: NaiveDate,
        /// The partner's current snapshot of the download.
        latest: NaiveDate,
        /// Whether the customer's workload is missing from the current
        /// snapshot: gone, counted nowhere.
        gone: bool,
    },
    /// The row's snapshot is dated after the as-of date.
    SnapshotAfterAsOf(NaiveDate),
}

/// What one customer row contributed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    /// It counts toward its workload's total; `in_figure` says whether that
    /// total (or this row) is part of the partner's active entitlements.
    Counted {
        /// The workload it counts toward.
        workload: Workload,
        /// Whether it is part of the partner's figure.
        in_figure: bool,
    },
    /// It does not count, and why.
    Excluded(Exclusion),
}

/// What a partner still needs for the next level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextLevel {
    /// The level.
    pub(crate) level: Level,
    /// Active entitlements still missing (0 when met).
    pub(crate) entitlements_short: u64,
    /// Qualified people still missing (0 when met).
    pub(crate) people_short: u32,
    /// New customers still missing (0 when met or not asked for).
    pub(crate) new_customers_short: u32,
}

/// A person close to qualifying, for the action text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonHint {
    /// The person's name (or id).
    pub(crate) name: String,
    /// Credentials of the route they are on that they hold.
    pub(crate) held: Vec<CredentialId>,
    /// Credentials of that route they still need.
    pub(crate) missing: Lacking,
}

/// One partner's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerResult {
    /// The partner.
    pub partner: PartnerId,
    /// Its name, if any input gives one.
    pub(crate) name: Option<String>,
    /// Its country, if any input gives one.
    pub(crate) country: Option<String>,
    /// Its contact address, from the partners sheet.
    pub(crate) contact_email: Option<String>,
    /// Its market.
    pub(crate) market: Market,
    /// The level attained.
    pub level: Level,
    /// Its active entitlements, figured by the rules' method.
    pub entitlements: u64,
    /// The workload with the largest total, if any counted.
    pub(crate) best_workload: Option<Workload>,
    /// Every counted workload's total, in the rules' order.
    pub(crate) workload_totals: Vec<(Workload, u64)>,
    /// Counted customers first added within the rules' window before the
    /// as-of date (see [`Rules::is_new_customer`]).
    pub(crate) new_customers: u32,
    /// People who qualify and count for this partner.
    pub qualified_people: u32,
    /// The next level and the shortfall to it; `None` at the top.
    pub next: Option<NextLevel>,
    /// People closest to qualifying, when people are short.
    pub(crate) hints: Vec<PersonHint>,
    /// The score, when the rules are points-scored (a designation); the
    /// level is then `Qualified` or `None` and `next` is `None`.
    pub score: Option<points::Score>,
}

#[cfg(test)]
impl PartnerResult {
    /// A mature-market partner with just a level and its figures, for tests.
    pub(crate) fn bare(id: &str, level: Level, entitlements: u64, people: u32) -> PartnerResult {
        PartnerResult {
            partner: PartnerId::parse(id).expect("a partner id"),
            name: None,
            country: None,
            contact_email: None,
            market: Market::Mature,
            level,
            entitlements,
            best_workload: None,
            workload_totals: Vec::new(),
            new_customers: 0,
            qualified_people: people,
            next: None,
            hints: Vec::new(),
            score: None,
        }
    }
}

/// One credential row as evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeldCredential {
    /// The text as written.
    pub(crate) text: String,
    /// The rules' credentials it names.
    pub(crate) ids: Vec<CredentialId>,
    /// When it was passed.
    pub(crate) passed_on: Option<NaiveDate>,
    /// False when passed after the as-of date.
    pub(crate) in_time: bool,
}

/// One person at one partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonResult {
    /// The partner the person is listed under.
    pub(crate) partner: PartnerId,
    /// The person.
    pub(crate) person: PersonId,
    /// Their name, if given.
    pub(crate) name: Option<String>,
    /// Their transcript rows.
    pub(crate) credentials: Vec<HeldCredential>,
    /// Whether their credentials satisfy a qualification route.
    pub(crate) qualifies: bool,
    /// Whether they count for this partner (false when counted for another).
    pub(crate) counted: bool,
    /// What the closest route still lacks (empty when qualified).
    pub(crate) missing: Lacking,
    /// The partner the person counts for instead, if not this one.
    pub(crate) counted_for: Option<PartnerId>,
}

/// The whole evaluation.
#[derive(Debug, Default)]
pub struct Evaluation {
    /// One result per partner, sorted by partner id.
    pub partners: Vec<PartnerResult>,
    /// One outcome per customer row, in the rows' order.
    pub customer_outcomes: Vec<RowOutcome>,
    /// Every person, sorted by partner and person.
    pub people: Vec<PersonResult>,
    /// Problems found only by looking across rows.
    pub(crate) problems: Vec<Problem>,
}

/// The rows that belong to one partner.
#[derive(Debug, Default)]
struct Group {
    customers: Vec<usize>,
    credentials: Vec<usize>,
    master: Option<usize>,
}

/// Evaluates every partner in the rows, in parallel.
pub fn evaluate(rows: &Rows, rules: &Rules, as_of: NaiveDate) -> Evaluation {
    evaluate_with(rows, rules, as_of, true)
}

/// Evaluates every partner, in parallel or one at a time; both give the same result.
pub fn evaluate_with(rows: &Rows, rules: &Rules, as_of: NaiveDate, parallel: bool) -> Evaluation {
    let mut groups: BTreeMap<PartnerId, Group> = BTreeMap::new();
    for (i, r) in rows.customers.iter().enumerate() {
        groups
            .entry(r.partner.clone())
            .or_default()
            .customers
            .push(i);
    }
    for (i, r) in rows.credentials.iter().enumerate() {
        groups
            .entry(r.partner.clone())
            .or_default()
            .credentials
            .push(i);
    }
    for (i, r) in rows.partners.iter().enumerate() {
        let group = groups.entry(r.partner.clone()).or_default();
        group.master.get_or_insert(i);
    }
    let (owners, mut problems) = settle_people(&rows.credentials, as_of);
    let cx = Context {
        rows,
        rules,
        as_of,
        owners: &owners,
    };
    let groups: Vec<(PartnerId, Group)> = groups.into_iter().collect();
    let evaluated: Vec<Evaluated> = if parallel {
        groups.par_iter().map(|(p, g)| cx.partner(p, g)).collect()
    } else {
        groups.iter().map(|(p, g)| cx.partner(p, g)).collect()
    };

    let mut out = Evaluation {
        customer_outcomes: vec![RowOutcome::Excluded(Exclusion::Duplicate); rows.customers.len()],
        ..Evaluation::default()
    };
    for e in evaluated {
        for (i, outcome) in e.outcomes {
            out.customer_outcomes[i] = outcome;
        }
        out.people.extend(e.people);
        problems.extend(e.problems);
        out.partners.push(e.result);
    }
    problems.sort();
    out.problems = problems;
    out
}

/// Decides, for every person listed under more than one partner, which one
/// they count for: the partner whose transcript shows the latest pass (the
/// person's current employer), and on a tie the lowest partner id.
fn settle_people(
    credentials: &[CredentialRow],
    as_of: NaiveDate,
) -> (HashMap<PersonId, PartnerId>, Vec<Problem>) {
    let mut seen: BTreeMap<&PersonId, BTreeMap<&PartnerId, (Option<NaiveDate>, usize)>> =
        BTreeMap::new();
    for (i, row) in credentials.iter().enumerate() {
        let date = row.passed_on.filter(|d| *d <= as_of);
        let entry = seen
            .entry(&row.person)
            .or_default()
            .entry(&row.partner)
            .or_insert((date, i));
        entry.0 = entry.0.max(date);
    }
    let mut owners = HashMap::new();
    let mut problems = Vec::new();
    for (person, partners) in seen {
        if partners.len() < 2 {
            continue;
        }
        let owner = partners
            .iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(a.0)))
            .map(|(p, _)| (*p).clone())
            .expect("at least two partners");
        let listed: Vec<String> = partners.keys().map(|p| p.to_string()).collect();
        for (partner, (_, first_row)) in &partners {
            if **partner == owner {
                continue;
            }
            problems.push(Problem::new(
                credentials[*first_row].source.clone(),
                format!(
                    "{person} is listed under partners {}; a person's credentials count for one partner only, here {owner} (latest pass), not {partner}",
                    listed.join(" and ")
                ),
            ));
        }
        owners.insert(person.clone(), owner);
    }
    (owners, problems)
}

struct Evaluated {
    result: PartnerResult,
    outcomes: Vec<(usize, RowOutcome)>,
    people: Vec<PersonResult>,
    problems: Vec<Problem>,
}

struct Context<'a> {
    rows: &'a Rows,
    rules: &'a Rules,
    as_of: NaiveDate,
    owners: &'a HashMap<PersonId, PartnerId>,
}

impl Context<'_> {
    fn partner(&self, partner: &PartnerId, group: &Group) -> Evaluated {
        let customers: Vec<(usize, &CustomerRow)> = group
            .customers
            .iter()
            .map(|&i| (i, &self.rows.customers[i]))
            .collect();
        let master = group.master.map(|i| &self.rows.partners[i]);
        let mut problems = Vec::new();

        let superseded = snapshots::superseded(&customers, self.as_of);
        let figures = figure_entitlements(&customers, &superseded, self.rules, self.as_of);
        let (people, hints_pool) = self.people(partner, group);
        let qualified_people = people.iter().filter(|p| p.counted).count() as u32;
        let market = market_of(partner, master, &customers, self.rules, &mut problems);

        let meets = |level: Level| {
            self.rules.threshold(level).is_some_and(|t| {
                figures.entitlements >= t.entitlements.get(market)
                    && qualified_people >= t.people
                    && figures.new_customers >= t.new_customers
            })
        };
        let score = self
            .rules
            .scoring
            .as_ref()
            .map(|scoring| points::score(scoring, self.rules, &customers, &people, self.as_of));
        let level = match &score {
            Some(s) if s.qualified() => Level::Qualified,
            Some(_) => Level::None,
            None => Level::ATTAINABLE
                .iter()
                .rev()
                .copied()
                .find(|l| meets(*l))
                .unwrap_or(Level::None),
        };
        let next = level.next().filter(|_| score.is_none()).and_then(|l| {
            self.rules.threshold(l).map(|t| NextLevel {
                level: l,
                entitlements_short: t
                    .entitlements
                    .get(market)
                    .saturating_sub(figures.entitlements),
                people_short: t.people.saturating_sub(qualified_people),
                new_customers_short: t.new_customers.saturating_sub(figures.new_customers),
            })
        });
        let people_short = next.as_ref().map_or(0, |n| n.people_short) as usize;
        let hints = hints_pool.into_iter().take(people_short).collect();

        let transcript_names = group
            .credentials
            .iter()
            .map(|&i| self.rows.credentials[i].partner_name.as_deref());
        let name = master.and_then(|m| m.name.clone()).or_else(|| {
            common_value(
                customers
                    .iter()
                    .map(|(_, r)| r.partner_name.as_deref())
                    .chain(transcript_names),
            )
        });
        let country = country_of(master, &customers);
        Evaluated {
            result: PartnerResult {
                partner: partner.clone(),
                name,
                country,
                contact_email: master.and_then(|m| m.contact_email.clone()),
                market,
                level,
                entitlements: figures.entitlements,
                best_workload: figures.best_workload,
                workload_totals: figures.totals,
                new_customers: figures.new_customers,
                qualified_people,
                next,
                hints,
                score,
            },
            outcomes: figures.outcomes,
            people,
            problems,
        }
    }

    /// The partner's people, and those closest to qualifying (best first).
    fn people(&self, partner: &PartnerId, group: &Group) -> (Vec<PersonResult>, Vec<PersonHint>) {
        let mut by_person: BTreeMap<&PersonId, Vec<&CredentialRow>> = BTreeMap::new();
        for &i in &group.credentials {
            let row = &self.rows.credentials[i];
            by_person.entry(&row.person).or_default().push(row);
        }
        let mut people = Vec::new();
        let mut hints: Vec<(usize, usize, PersonHint)> = Vec::new();
        for (person, rows) in by_person {
            let mut credentials: Vec<HeldCredential> = rows
                .iter()
                .map(|r| HeldCredential {
                    text: r.text.clone(),
                    ids: r.credentials.clone(),
                    passed_on: r.passed_on,
                    in_time: r.passed_on.is_none_or(|d| d <= self.as_of),
                })
                .collect();
            // Listed by date, then text, so the order of the input rows
            // never shows in the result.
            credentials.sort_by(|a, b| (a.passed_on, &a.text).cmp(&(b.passed_on, &b.text)));
            let held: BTreeSet<CredentialId> = credentials
                .iter()
                .filter(|c| c.in_time)
                .flat_map(|c| c.ids.iter().cloned())
                .collect();
            let qualifies = self.rules.qualifies(&held);
            let counted_for = self.owners.get(person).filter(|o| *o != partner).cloned();
            let (route, missing) = self.rules.closest_route(&held);
            let name = common_value(rows.iter().map(|r| r.person_name.as_deref()));
            // A points-scored rule set has no routes: nobody is part-way.
            if !qualifies
                && counted_for.is_none()
                && let Some(q) = self.rules.qualifications.get(route)
            {
                let route_held: Vec<CredentialId> = q
                    .all_of
                    .iter()
                    .chain(&q.any_of)
                    .filter(|c| held.contains(*c))
                    .cloned()
                    .collect();
                if !route_held.is_empty() {
                    hints.push((
                        missing.count(),
                        people.len(),
                        PersonHint {
                            name: name.clone().unwrap_or_else(|| person.to_string()),
                            held: route_held,
                            missing: missing.clone(),
                        },
                    ));
                }
            }
            people.push(PersonResult {
                partner: partner.clone(),
                person: person.clone(),
                name,
                credentials,
                qualifies,
                counted: qualifies && counted_for.is_none(),
                missing: if qualifies {
                    Lacking::default()
                } else {
                    missing
                },
                counted_for,
            });
        }
        hints.sort_by_key(|(missing, order, _)| (*missing, *order));
        (people, hints.into_iter().map(|(_, _, h)| h).collect())
    }
}

struct Figures {
    entitlements: u64,
    new_customers: u32,
    best_workload: Option<Workload>,
    totals: Vec<(Workload, u64)>,
    outcomes: Vec<(usize, RowOutcome)>,
}

/// Filters a partner's customer rows, drops duplicates and figures its
/// active entitlements by the rules' method, and its new customers.
fn figure_entitlements(
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
fn market_of(
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
                    row.source.clone(),
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
fn country_of(master: Option<&PartnerRow>, customers: &[(usize, &CustomerRow)]) -> Option<String> {
    master
        .and_then(|m| m.country.clone())
        .or_else(|| common_value(customers.iter().map(|(_, r)| r.country.as_deref())))
}

/// The value most rows agree on (on a tie, the first in sort order), so that
/// a name never depends on which row came first.
fn common_value<'a>(values: impl Iterator<Item = Option<&'a str>>) -> Option<String> {
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

pub(crate) mod snapshots;

#[cfg(test)]
mod tests;
