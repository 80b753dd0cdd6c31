//! One partner's customer tenants as a seat-licensed designation sees
//! them: the counted rows (valid, paid, associated in a counted way, on an
//! eligible workload) of each tenant, per association group, read at the
//! times a score compares: now (each download's current snapshot), a year
//! before (each download's baseline) and at one snapshot (the tenant's
//! first after its association).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::snapshots::DownloadBaseline;
use crate::families::points::rules::Scoring;
use crate::input::{CustomerRow, Download, WorkloadCell};
use crate::model::{CustomerId, Workload};
use crate::rules::Rules;

/// What a tenant's association date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AssociatedBy {
    /// The CPOR download's `DateAssociated`.
    DateAssociated,
    /// The row's Customer Since.
    CustomerSince,
    /// Neither is given: the first snapshot the tenant appears in under
    /// the association group.
    FirstSnapshot,
}

/// One counted row, under one association group.
#[derive(Debug)]
struct Seen<'a> {
    workload: &'a Workload,
    group: usize,
    download: Download,
    /// `None`: undated, part of the current state.
    date: Option<NaiveDate>,
    active: u64,
    paid: Option<u64>,
    associated_on: Option<NaiveDate>,
    added_on: Option<NaiveDate>,
}

/// One tenant and its counted rows.
#[derive(Debug)]
pub(super) struct Tenant<'a> {
    /// The tenant.
    pub(super) id: &'a CustomerId,
    /// Its name, as the first of its rows that gives one writes it.
    pub(super) name: Option<&'a str>,
    rows: Vec<Seen<'a>>,
}

impl Tenant<'_> {
    /// The association groups it has counted rows under, at any time.
    pub(super) fn groups(&self) -> Vec<usize> {
        let mut groups: Vec<usize> = self.rows.iter().map(|r| r.group).collect();
        groups.sort_unstable();
        groups.dedup();
        groups
    }

    /// Its latest snapshot.
    pub(super) fn last_seen(&self) -> Option<NaiveDate> {
        self.rows.iter().filter_map(|r| r.date).max()
    }
}

/// When a tenant's rows are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum When {
    /// Each download's current snapshot (and its undated rows).
    Now,
    /// Each download's baseline; the current state where none stands in.
    YearBefore,
    /// One snapshot.
    At(NaiveDate),
}

/// One tenant's workloads at one time.
#[derive(Debug, Default)]
pub(super) struct State<'a> {
    /// Per workload, its paid licences (the larger row's; active users
    /// where a row gives none), whatever the association.
    paid: BTreeMap<&'a Workload, u64>,
    /// Per association group and workload: (active users, paid licences),
    /// the larger row's of each.
    groups: BTreeMap<usize, BTreeMap<&'a Workload, (u64, Option<u64>)>>,
}

impl<'a> State<'a> {
    /// Its workloads' paid licences, with the workload.
    pub(super) fn paid(&self) -> impl Iterator<Item = (&'a Workload, u64)> + '_ {
        self.paid.iter().map(|(w, p)| (*w, *p))
    }

    /// Whether it has rows under `group` on a workload `counts` accepts.
    pub(super) fn under(&self, group: usize, counts: &dyn Fn(&Workload) -> bool) -> bool {
        self.groups
            .get(&group)
            .is_some_and(|ws| ws.keys().any(|w| counts(w)))
    }

    /// Its active users under `group`, summed over the workloads `counts`
    /// accepts.
    pub(super) fn users(&self, group: usize, counts: &dyn Fn(&Workload) -> bool) -> u64 {
        self.groups.get(&group).map_or(0, |ws| {
            ws.iter()
                .filter(|(w, _)| counts(w))
                .map(|(_, (active, _))| active)
                .sum()
        })
    }

    /// Its active users over its paid licences under `group`, summed over
    /// the workloads `counts` accepts that give paid licences; `None`
    /// without any.
    pub(super) fn share(&self, group: usize, counts: &dyn Fn(&Workload) -> bool) -> Option<f64> {
        let (active, paid) = self
            .groups
            .get(&group)?
            .iter()
            .filter(|(w, _)| counts(w))
            .filter_map(|(_, (a, p))| Some((*a, (*p)?)))
            .fold((0u64, 0u64), |(a, p), (x, y)| (a + x, p + y));
        (paid > 0).then(|| active as f64 / paid as f64)
    }
}

/// A partner's tenants, and its downloads' snapshots.
#[derive(Debug)]
pub(super) struct Tenants<'a> {
    /// Every tenant with a counted row, by id.
    pub(super) list: Vec<Tenant<'a>>,
    baselines: Vec<DownloadBaseline>,
    paid_missing: bool,
}

impl<'a> Tenants<'a> {
    /// Whether some counted row comes from `download`.
    pub(super) fn uses(&self, download: Download) -> bool {
        self.list
            .iter()
            .any(|t| t.rows.iter().any(|r| r.download == download))
    }

    /// The partner's tenants from its customer rows: only rows that count
    /// (valid, paid, a counted association in some group, an eligible
    /// workload), known on the as-of date.
    pub(super) fn of(
        customers: &[(usize, &'a CustomerRow)],
        rules: &Rules,
        scoring: &Scoring,
        baselines: &[DownloadBaseline],
        as_of: NaiveDate,
    ) -> Tenants<'a> {
        let mut by_id: BTreeMap<&CustomerId, Tenant<'a>> = BTreeMap::new();
        let mut paid_missing = false;
        for (_, row) in customers {
            let (Some(customer), Some(WorkloadCell::Counted(workload)), Some(active)) =
                (&row.customer, &row.workload, row.active_users)
            else {
                continue;
            };
            let counted = row.invalid.is_none()
                && row.sku.is_some_and(|s| rules.skus.contains(&s))
                && row
                    .association
                    .is_some_and(|a| rules.associations.contains(&a))
                && row.snapshot.is_none_or(|d| d <= as_of);
            let Some(association) = row.association.filter(|_| counted) else {
                continue;
            };
            let tenant = by_id.entry(customer).or_insert_with(|| Tenant {
                id: customer,
                name: None,
                rows: Vec::new(),
            });
            if tenant.name.is_none() {
                tenant.name = row.customer_name.as_deref();
            }
            paid_missing |= row.qualified_licences.is_none();
            for (group, _) in scoring
                .association_groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.associations.contains(&association))
            {
                tenant.rows.push(Seen {
                    workload,
                    group,
                    download: row.download,
                    date: row.snapshot,
                    active,
                    paid: row.qualified_licences,
                    associated_on: row.associated_on.filter(|d| *d <= as_of),
                    added_on: row.added_on.filter(|d| *d <= as_of),
                });
            }
        }
        Tenants {
            list: by_id.into_values().filter(|t| !t.rows.is_empty()).collect(),
            baselines: baselines.to_vec(),
            paid_missing,
        }
    }

    /// Whether some counted row gives no paid licences.
    pub(super) fn paid_missing(&self) -> bool {
        self.paid_missing
    }

    fn baseline(&self, download: Download) -> Option<&DownloadBaseline> {
        self.baselines.iter().find(|b| b.download == download)
    }

    /// Whether a row is part of the tenant's state at `when`.
    fn at(&self, row: &Seen, when: When) -> bool {
        let current = || self.baseline(row.download).and_then(|b| b.current);
        match when {
            When::Now => row.date.is_none() || row.date == current(),
            When::YearBefore => match self.baseline(row.download).and_then(|b| b.year_before()) {
                Some(d) => row.date == Some(d),
                None => row.date.is_none() || row.date == current(),
            },
            When::At(d) => row.date == Some(d),
        }
    }

    /// The tenant's state at `when`.
    pub(super) fn state(&self, t: &Tenant<'a>, when: When) -> State<'a> {
        let mut state = State::default();
        for row in t.rows.iter().filter(|r| self.at(r, when)) {
            let paid = state.paid.entry(row.workload).or_default();
            *paid = (*paid).max(row.paid.unwrap_or(row.active));
            let w = state
                .groups
                .entry(row.group)
                .or_default()
                .entry(row.workload)
                .or_insert((0, None));
            w.0 = w.0.max(row.active);
            w.1 = w.1.max(row.paid);
        }
        state
    }

    /// When the partner associated with the tenant under `group`, and how
    /// that is known: its earliest `DateAssociated`, else its earliest
    /// Customer Since, else the first snapshot it appears in under the
    /// group (`None`: its rows carry no date at all).
    pub(super) fn associated(&self, t: &Tenant, group: usize) -> Option<(NaiveDate, AssociatedBy)> {
        let rows = || t.rows.iter().filter(move |r| r.group == group);
        rows()
            .filter_map(|r| r.associated_on)
            .min()
            .map(|d| (d, AssociatedBy::DateAssociated))
            .or_else(|| {
                rows()
                    .filter_map(|r| r.added_on)
                    .min()
                    .map(|d| (d, AssociatedBy::CustomerSince))
            })
            .or_else(|| {
                rows()
                    .filter_map(|r| r.date)
                    .min()
                    .map(|d| (d, AssociatedBy::FirstSnapshot))
            })
    }

    /// The first snapshot on or after `date` the tenant appears in under
    /// `group`: its usage at association.
    pub(super) fn first_on_or_after(
        &self,
        t: &Tenant,
        group: usize,
        date: NaiveDate,
    ) -> Option<NaiveDate> {
        t.rows
            .iter()
            .filter(|r| r.group == group)
            .filter_map(|r| r.date)
            .filter(|d| *d >= date)
            .min()
    }

    /// The snapshot "a year before" for the tenant's rows under `group`
    /// (its first download's baseline), and "now" where none stands in.
    pub(super) fn year_before_date(&self, t: &Tenant, group: usize) -> Option<NaiveDate> {
        let row = t.rows.iter().find(|r| r.group == group)?;
        let b = self.baseline(row.download)?;
        b.year_before().or(b.current)
    }

    /// The current snapshot of the tenant's rows under `group`.
    pub(super) fn now_date(&self, t: &Tenant, group: usize) -> Option<NaiveDate> {
        let row = t.rows.iter().find(|r| r.group == group)?;
        self.baseline(row.download).and_then(|b| b.current)
    }
}
