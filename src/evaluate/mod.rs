//! Evaluation: group the typed rows by partner and decide, for each partner
//! in parallel, its figures and its standing under the rules' family.
//!
//! Every partner is evaluated from its own rows only. The one thing that
//! crosses partners, a person listed under two of them, is settled before
//! the parallel part, so the order of evaluation cannot change a result.
//!
//! The rooms: this file groups and runs; `figures` makes what every family
//! shares (the counted rows, active entitlements, new customers, market,
//! country); `snapshots` settles several snapshots of one customer;
//! [`family`] is what a family adds (its standing), in `crate::families`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::input::{CredentialRow, CustomerRow, Rows, partner_runs};
use crate::model::{Association, CredentialId, Level, Market, PartnerId, PersonId, Sku, Workload};
use crate::problem::Problem;
use crate::rules::{Lacking, RuleSet};

pub mod family;
mod figures;
pub(crate) mod snapshots;

pub(crate) use family::PersonHint;
pub use family::{Downloads, Facts, Family};

/// Why a customer row does not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exclusion {
    /// A cell of the row is bad (the message says which; boxed: one
    /// outcome is kept per customer row).
    Invalid(Box<str>),
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

/// One partner's result: the figures every family shares, and its
/// standing under the rules' family.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerResult<F: Family> {
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
    /// Its active entitlements, figured by the rules' method.
    pub entitlements: u64,
    /// The workload with the largest total, if any counted.
    pub(crate) best_workload: Option<Workload>,
    /// Every counted workload's total, in the rules' order.
    pub(crate) workload_totals: Vec<(Workload, u64)>,
    /// Counted customers first added within the rules' window before the
    /// as-of date (see [`crate::rules::Rules::is_new_customer`]).
    pub(crate) new_customers: u32,
    /// People who qualify and count for this partner.
    pub qualified_people: u32,
    /// Where it stands under the family's rules.
    pub standing: F::Standing,
}

impl<F: Family> PartnerResult<F> {
    /// The level attained.
    pub fn level(&self) -> Level {
        F::level(&self.standing)
    }
}

#[cfg(test)]
impl<F: Family> PartnerResult<F> {
    /// A mature-market partner with just its figures and a standing, for tests.
    pub(crate) fn bare(id: &str, entitlements: u64, people: u32, standing: F::Standing) -> Self {
        PartnerResult {
            partner: PartnerId::parse(id).expect("a partner id"),
            name: None,
            country: None,
            contact_email: None,
            market: Market::Mature,
            entitlements,
            best_workload: None,
            workload_totals: Vec::new(),
            new_customers: 0,
            qualified_people: people,
            standing,
        }
    }
}

#[cfg(test)]
impl<F: Family> Evaluation<F> {
    /// An evaluation of just these partners, for tests.
    pub(crate) fn of(partners: Vec<PartnerResult<F>>) -> Self {
        Evaluation {
            partners,
            customer_outcomes: Vec::new(),
            people: Vec::new(),
            problems: Vec::new(),
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
    /// When it expires, if the transcript says.
    pub(crate) expires_on: Option<NaiveDate>,
    /// The credentials it names that do not count, and why.
    pub(crate) dropped: Vec<(CredentialId, Dropped)>,
}

impl HeldCredential {
    /// The credentials it names that count on the as-of date.
    pub(crate) fn counted(&self) -> impl Iterator<Item = &CredentialId> {
        self.ids
            .iter()
            .filter(|id| self.in_time && !self.dropped.iter().any(|(d, _)| d == *id))
    }
}

/// Why a credential a transcript row names does not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Dropped {
    /// The row's expiration date (`ExpirationDate`) is before the as-of date.
    Expired(NaiveDate),
    /// The as-of date is past the last day the credential counts (a
    /// retired certification's "counts through" date in the rules).
    PastCountsThrough(NaiveDate),
    /// Passed on or after the credential's retirement date.
    PassedAfterRetirement(NaiveDate),
    /// Named by an exam alone, and the person holds none of the
    /// certifications that exam needs beside it (its prerequisites).
    NeedsOneOf(Vec<CredentialId>),
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
#[derive(Debug)]
pub struct Evaluation<F: Family> {
    /// One result per partner, sorted by partner id.
    pub partners: Vec<PartnerResult<F>>,
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
    revenue: Vec<usize>,
    usage: Vec<usize>,
    acr: Vec<usize>,
}

/// Evaluates every partner in the rows, in parallel.
pub fn evaluate<F: Family>(rows: &Rows, set: &RuleSet<F>, as_of: NaiveDate) -> Evaluation<F> {
    evaluate_with(rows, set, as_of, true)
}

/// Evaluates every partner, in parallel or one at a time; both give the same result.
pub fn evaluate_with<F: Family>(
    rows: &Rows,
    set: &RuleSet<F>,
    as_of: NaiveDate,
    parallel: bool,
) -> Evaluation<F> {
    let mut groups: BTreeMap<PartnerId, Group> = BTreeMap::new();
    for (p, run) in partner_runs(&rows.customers, |r| &r.partner) {
        groups.entry(p.clone()).or_default().customers.extend(run);
    }
    for (p, run) in partner_runs(&rows.credentials, |r| &r.partner) {
        groups.entry(p.clone()).or_default().credentials.extend(run);
    }
    for (p, run) in partner_runs(&rows.revenue, |r| &r.partner) {
        groups.entry(p.clone()).or_default().revenue.extend(run);
    }
    for (p, run) in partner_runs(&rows.usage, |r| &r.partner) {
        groups.entry(p.clone()).or_default().usage.extend(run);
    }
    for (p, run) in partner_runs(&rows.acr, |r| &r.partner) {
        groups.entry(p.clone()).or_default().acr.extend(run);
    }
    for (p, run) in partner_runs(&rows.partners, |r| &r.partner) {
        let group = groups.entry(p.clone()).or_default();
        group.master.get_or_insert(run.start);
    }
    let (owners, mut problems) = settle_people(&rows.credentials, as_of);
    let cx = Context {
        rows,
        set,
        as_of,
        owners: &owners,
    };
    let groups: Vec<(PartnerId, Group)> = groups.into_iter().collect();
    let evaluated: Vec<Evaluated<F>> = if parallel {
        groups.par_iter().map(|(p, g)| cx.partner(p, g)).collect()
    } else {
        groups.iter().map(|(p, g)| cx.partner(p, g)).collect()
    };

    let mut out = Evaluation {
        partners: Vec::with_capacity(evaluated.len()),
        customer_outcomes: vec![RowOutcome::Excluded(Exclusion::Duplicate); rows.customers.len()],
        people: Vec::new(),
        problems: Vec::new(),
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

/// One person's transcript rows as evaluated: what each names, and what of
/// it does not count on the as-of date (passed later, expired, past its
/// "counts through" date, an exam alone without the certification it
/// needs beside it).
fn held_credentials(
    rows: &[&CredentialRow],
    rules: &crate::rules::Rules,
    as_of: NaiveDate,
) -> Vec<HeldCredential> {
    let mut held: Vec<HeldCredential> = rows
        .iter()
        .map(|r| {
            let expired = r.expires_on.filter(|e| *e < as_of);
            let dropped = r
                .credentials
                .iter()
                .filter_map(|id| {
                    let def = rules.credential(id)?;
                    let retired = def
                        .retires
                        .filter(|day| r.passed_on.is_some_and(|p| p >= *day));
                    let why = match (expired, def.counts_through, retired) {
                        (Some(e), _, _) => Dropped::Expired(e),
                        (None, _, Some(day)) => Dropped::PassedAfterRetirement(day),
                        (None, Some(last), _) if as_of > last => Dropped::PastCountsThrough(last),
                        _ => return None,
                    };
                    Some((id.clone(), why))
                })
                .collect();
            HeldCredential {
                text: r.text.clone(),
                ids: r.credentials.clone(),
                passed_on: r.passed_on,
                in_time: r.passed_on.is_none_or(|d| d <= as_of),
                expires_on: r.expires_on,
                dropped,
            }
        })
        .collect();
    // An exam that earns a certification only beside one of its
    // prerequisites: the prerequisites held otherwise decide.
    let needs = |id: &CredentialId| {
        rules
            .credential(id)
            .map_or(&[][..], |c| c.exams_need_one_of.as_slice())
    };
    let by_exam_alone = |h: &HeldCredential, id: &CredentialId| {
        !needs(id).is_empty() && rules.named_by_exam_only(id, &h.text)
    };
    let otherwise: BTreeSet<CredentialId> = held
        .iter()
        .flat_map(|h| h.counted().filter(|id| !by_exam_alone(h, id)).cloned())
        .collect();
    for h in &mut held {
        let lacking: Vec<CredentialId> = h
            .counted()
            .filter(|id| by_exam_alone(h, id))
            .filter(|id| !needs(id).iter().any(|p| otherwise.contains(p)))
            .cloned()
            .collect();
        for id in lacking {
            let why = Dropped::NeedsOneOf(needs(&id).to_vec());
            h.dropped.push((id, why));
        }
    }
    held
}

struct Evaluated<F: Family> {
    result: PartnerResult<F>,
    outcomes: Vec<(usize, RowOutcome)>,
    people: Vec<PersonResult>,
    problems: Vec<Problem>,
}

struct Context<'a, F: Family> {
    rows: &'a Rows,
    set: &'a RuleSet<F>,
    as_of: NaiveDate,
    owners: &'a HashMap<PersonId, PartnerId>,
}

impl<F: Family> Context<'_, F> {
    fn partner(&self, partner: &PartnerId, group: &Group) -> Evaluated<F> {
        let rules = &self.set.rules;
        let customers: Vec<(usize, &CustomerRow)> = group
            .customers
            .iter()
            .map(|&i| (i, &self.rows.customers[i]))
            .collect();
        let master = group.master.map(|i| &self.rows.partners[i]);
        let mut problems = Vec::new();

        let superseded = snapshots::superseded(&customers, self.as_of);
        let figures = figures::figure(&customers, &superseded, rules, self.as_of);
        let (people, part_way) = self.people(partner, group);
        let qualified_people = people.iter().filter(|p| p.counted).count() as u32;
        let market = figures::market_of(partner, master, &customers, rules, &mut problems);
        let downloads = Downloads {
            revenue: group
                .revenue
                .iter()
                .map(|&i| &self.rows.revenue[i])
                .collect(),
            usage: group.usage.iter().map(|&i| &self.rows.usage[i]).collect(),
            acr: group.acr.iter().map(|&i| &self.rows.acr[i]).collect(),
        };
        let standing = F::evaluate(
            self.set,
            &Facts {
                as_of: self.as_of,
                market,
                customers: &customers,
                entitlements: figures.entitlements,
                new_customers: figures.new_customers,
                qualified_people,
                people: &people,
                part_way: &part_way,
                downloads: &downloads,
            },
        );

        let transcript_names = group
            .credentials
            .iter()
            .map(|&i| self.rows.credentials[i].partner_name.as_deref());
        let name = master.and_then(|m| m.name.clone()).or_else(|| {
            figures::common_value(
                customers
                    .iter()
                    .map(|(_, r)| r.partner_name.as_deref())
                    .chain(downloads.partner_names())
                    .chain(transcript_names),
            )
        });
        let country = figures::country_of(master, &customers);
        Evaluated {
            result: PartnerResult {
                partner: partner.clone(),
                name,
                country,
                contact_email: master.and_then(|m| m.contact_email.clone()),
                market,
                entitlements: figures.entitlements,
                best_workload: figures.best_workload,
                workload_totals: figures.totals,
                new_customers: figures.new_customers,
                qualified_people,
                standing,
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
            let mut credentials = held_credentials(&rows, &self.set.rules, self.as_of);
            // Listed by date, then text, so the order of the input rows
            // never shows in the result.
            credentials.sort_by(|a, b| (a.passed_on, &a.text).cmp(&(b.passed_on, &b.text)));
            let held: BTreeSet<CredentialId> = credentials
                .iter()
                .flat_map(|c| c.counted().cloned())
                .collect();
            let standing = self.set.person(&held);
            let qualifies = standing.qualifies;
            let counted_for = self.owners.get(person).filter(|o| *o != partner).cloned();
            let name = figures::common_value(rows.iter().map(|r| r.person_name.as_deref()));
            if counted_for.is_none() && !standing.part_way.is_empty() {
                hints.push((
                    standing.missing.count(),
                    people.len(),
                    PersonHint {
                        name: name.clone().unwrap_or_else(|| person.to_string()),
                        held: standing.part_way,
                        missing: standing.missing.clone(),
                    },
                ));
            }
            people.push(PersonResult {
                partner: partner.clone(),
                person: person.clone(),
                name,
                credentials,
                qualifies,
                counted: qualifies && counted_for.is_none(),
                missing: standing.missing,
                counted_for,
            });
        }
        hints.sort_by_key(|(missing, order, _)| (*missing, *order));
        (people, hints.into_iter().map(|(_, _, h)| h).collect())
    }
}
