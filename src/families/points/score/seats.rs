//! The customer metrics of a seat-licensed designation (Modern Work), tenant
//! by tenant: each tenant's part of a path's net customer adds, usage growth
//! and net new deployments, one [`TenantLine`] per tenant, path and
//! association group. A metric's figure is the sum of its lines, so the
//! report's per-tenant sheet and the score never disagree.
//!
//! - A tenant is eligible on a path when one of the metric's workloads has
//!   paid licences in the path's band; one that was eligible a year before
//!   and has outgrown the band stays eligible where the path says so (SMB
//!   stays SMB). It counts under an association group only where the path
//!   counts that group.
//! - Net customer adds: qualifying tenants now less a year before, a tenant
//!   once whatever its associations.
//! - Usage growth: the eligible active users now less those a year before;
//!   a tenant associated since then is measured from its first snapshot on
//!   or after the association.
//! - Net new deployments: tenants whose active users reach the share of
//!   their paid licences now, less those a year before, leaving out tenants
//!   associated since then that had reached it at association.

use std::sync::Arc;

use chrono::NaiveDate;

use super::tenants::{AssociatedBy, State, Tenant, Tenants, When};
use crate::families::points::rules::{MAX_METRICS, Measure, MetricDef, Scoring};
use crate::model::{CustomerId, Workload};
use crate::rules::Rules;

/// Where a tenant stands on a path at one time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Eligibility {
    /// Eligible for no customer metric (no workload in the path's band).
    No,
    /// Eligible for every customer metric.
    Yes,
    /// Eligible for these metrics only (index into the rules' metrics): its
    /// workloads in the band count for those alone (Teams Premium).
    Only(Vec<usize>),
}

/// What a tenant's usage growth is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MeasuredFrom {
    /// The snapshot (`None`: the current state stood in for a missing one).
    pub(crate) date: Option<NaiveDate>,
    /// Its eligible active users then (0 where it was not eligible).
    pub(crate) users: u64,
    /// Whether it is the tenant's usage at association (associated within
    /// the window) rather than a year before.
    pub(crate) at_association: bool,
}

/// Why a line's figures are what they are, beyond its cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LineNote {
    /// The association group does not count on the path.
    NotOnPath,
    /// In the snapshot a year before, not now: last seen on that date.
    Gone(Option<NaiveDate>),
    /// Eligible because it was a year before: it has outgrown the band since.
    Stays,
    /// Associated within the window and already deployed at association
    /// (that snapshot, that share): left out of deployments.
    DeployedAtAssociation(NaiveDate, f64),
    /// Its net add is counted on its line of another group (that group).
    AddOnAnotherLine(usize),
}

/// One tenant on one path under one association group: why it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct TenantLine {
    /// The tenant.
    pub(crate) tenant: CustomerId,
    /// Its name, if a row gives one: one copy for all the tenant's lines
    /// (a designation's report has about half a million lines at 1M rows).
    pub(crate) name: Option<Arc<str>>,
    /// The path (index into the rules' paths).
    pub(crate) path: usize,
    /// The association group (index into the rules' groups).
    pub(crate) group: usize,
    /// Its largest paid licences on a workload now, if in the current state.
    pub(crate) paid_now: Option<u64>,
    /// Eligible on the path now.
    pub(crate) eligible_now: Eligibility,
    /// Eligible on the path a year before.
    pub(crate) eligible_before: Eligibility,
    /// When the partner associated with it under the group, and how that
    /// is known.
    pub(crate) associated: Option<(NaiveDate, AssociatedBy)>,
    /// Its eligible active users now, where it counts now.
    pub(crate) users_now: Option<u64>,
    /// What its usage growth is measured from, where it counts.
    pub(crate) measured_from: Option<MeasuredFrom>,
    /// Its share of paid licences active now, a year before and at
    /// association (where known and where it counts).
    pub(crate) deployed: [Option<f64>; 3],
    /// Its part of each metric's figure on the path (index into the
    /// rules' metrics; 0 for a metric that does not count tenants, and past
    /// the rules' metrics): in the line, not an allocation of its own.
    pub(crate) values: [i64; MAX_METRICS],
    /// Why, beyond the cells.
    pub(crate) notes: Vec<LineNote>,
}

impl TenantLine {
    /// Its part of metric `metric`'s figure.
    pub(crate) fn value(&self, metric: usize) -> i64 {
        self.values.get(metric).copied().unwrap_or(0)
    }
}

/// A metric's figure on a path: the sum of its lines, of one association
/// group or (`None`) of every group the path counts.
pub(super) fn figure(
    lines: &[TenantLine],
    path: usize,
    metric: usize,
    group: Option<usize>,
) -> i64 {
    lines
        .iter()
        .filter(|l| l.path == path && group.is_none_or(|g| l.group == g))
        .map(|l| l.value(metric))
        .sum()
}

/// Every tenant's lines, tenant by tenant, path by path, group by group.
pub(super) fn lines(tenants: &Tenants, scoring: &Scoring, rules: &Rules) -> Vec<TenantLine> {
    let mut out = Vec::new();
    for t in &tenants.list {
        let now = tenants.state(t, When::Now);
        let before = tenants.state(t, When::YearBefore);
        let groups = t.groups();
        let name: Option<Arc<str>> = t.name.map(Arc::from);
        for (p, _) in scoring.paths.iter().enumerate() {
            let cx = Line {
                tenants,
                scoring,
                rules,
                t,
                p,
                now: &now,
                before: &before,
                name: &name,
            };
            let start = out.len();
            for &g in &groups {
                if let Some(line) = cx.line(g) {
                    out.push(line);
                }
            }
            cx.net_adds(&mut out[start..]);
        }
    }
    // Held from evaluation until the report is written: no spare room.
    out.shrink_to_fit();
    out
}

/// One tenant on one path, and what the lines need of it.
struct Line<'s, 'a> {
    tenants: &'s Tenants<'a>,
    scoring: &'s Scoring,
    rules: &'s Rules,
    t: &'s Tenant<'a>,
    p: usize,
    now: &'s State<'a>,
    before: &'s State<'a>,
    name: &'s Option<Arc<str>>,
}

impl Line<'_, '_> {
    /// Whether workload `w` counts for metric `m`.
    fn counts<'m>(&'m self, m: &'m MetricDef) -> impl Fn(&Workload) -> bool + 'm {
        move |w: &Workload| self.rules.workload_counts_for(w, &m.id)
    }

    /// Whether the tenant is eligible for metric `m` on the path in
    /// `state`, by its own paid licences.
    fn in_band(&self, state: &State, m: &MetricDef) -> bool {
        let path = &self.scoring.paths[self.p];
        state
            .paid()
            .any(|(w, paid)| path.admits(paid) && (self.counts(m))(w))
    }

    /// Whether the tenant is eligible for metric `m` now: in the band, or
    /// outgrown since a year before, when it was in the band.
    fn eligible_now(&self, m: &MetricDef) -> (bool, bool) {
        if self.in_band(self.now, m) {
            return (true, false);
        }
        let path = &self.scoring.paths[self.p];
        let outgrown = self
            .now
            .paid()
            .any(|(w, paid)| path.outgrown(paid) && (self.counts(m))(w));
        let stays = path.stays_when_outgrown && outgrown && self.in_band(self.before, m);
        (stays, stays)
    }

    /// Eligibility over the customer metrics, from `eligible` per metric.
    fn eligibility(&self, eligible: impl Fn(&MetricDef) -> bool) -> Eligibility {
        let customer: Vec<usize> = self.customer_metrics().collect();
        let yes: Vec<usize> = customer
            .iter()
            .copied()
            .filter(|&i| eligible(&self.scoring.metrics[i]))
            .collect();
        match yes.len() {
            0 => Eligibility::No,
            n if n == customer.len() => Eligibility::Yes,
            _ => Eligibility::Only(yes),
        }
    }

    fn customer_metrics(&self) -> impl Iterator<Item = usize> + '_ {
        self.scoring
            .metrics
            .iter()
            .enumerate()
            .filter(|(_, m)| m.measure.counts_customers())
            .map(|(i, _)| i)
    }

    /// The tenant's line under group `g`, if it is under `g` now or a year
    /// before.
    fn line(&self, g: usize) -> Option<TenantLine> {
        let any = |_: &Workload| true;
        let (in_now, in_before) = (self.now.under(g, &any), self.before.under(g, &any));
        if !in_now && !in_before {
            return None;
        }
        let path = &self.scoring.paths[self.p];
        let mut line = TenantLine {
            tenant: self.t.id.clone(),
            name: self.name.clone(),
            path: self.p,
            group: g,
            paid_now: self.now.paid().map(|(_, p)| p).max(),
            eligible_now: self.eligibility(|m| self.eligible_now(m).0),
            eligible_before: self.eligibility(|m| self.in_band(self.before, m)),
            associated: self.tenants.associated(self.t, g),
            users_now: None,
            measured_from: None,
            deployed: [None; 3],
            values: [0; MAX_METRICS],
            notes: Vec::new(),
        };
        if !in_now {
            line.notes.push(LineNote::Gone(self.t.last_seen()));
        }
        if !path.valid(g) {
            line.notes.push(LineNote::NotOnPath);
            return Some(line);
        }
        if self
            .customer_metrics()
            .any(|i| self.eligible_now(&self.scoring.metrics[i]).1)
        {
            line.notes.push(LineNote::Stays);
        }
        for (i, m) in self.scoring.metrics.iter().enumerate() {
            let value = match m.measure {
                Measure::UsageGrowth => self.growth(&mut line, m),
                Measure::NetNewDeployments => self.deployment(&mut line, m),
                Measure::NetCustomerAdds | Measure::CertifiedPeople => continue,
            };
            // The rules hold at most MAX_METRICS metrics.
            if let Some(v) = line.values.get_mut(i) {
                *v = value;
            }
        }
        Some(line)
    }

    /// The snapshot the tenant's usage at association is read from, where
    /// it was associated under `g` within the window (not under `g` a year
    /// before, associated after that snapshot): its first on or after the
    /// association, else the current one.
    fn at_association(&self, g: usize) -> Option<NaiveDate> {
        let any = |_: &Workload| true;
        if self.before.under(g, &any) {
            return None;
        }
        let (date, _) = self.tenants.associated(self.t, g)?;
        let year_before = self.tenants.year_before_date(self.t, g);
        if year_before.is_some_and(|y| date <= y) {
            return None;
        }
        self.tenants
            .first_on_or_after(self.t, g, date)
            .or_else(|| self.tenants.now_date(self.t, g))
    }

    /// The tenant's usage growth under `g`: its eligible users now less
    /// those it is measured from.
    fn growth(&self, line: &mut TenantLine, m: &MetricDef) -> i64 {
        let g = line.group;
        let counts = self.counts(m);
        let now_counts = self.eligible_now(m).0 && self.now.under(g, &counts);
        let before_counts = self.in_band(self.before, m) && self.before.under(g, &counts);
        let now = if now_counts {
            let users = self.now.users(g, &counts);
            line.users_now = Some(users);
            users
        } else {
            0
        };
        let from = if before_counts {
            Some(MeasuredFrom {
                date: self.tenants.year_before_date(self.t, g),
                users: self.before.users(g, &counts),
                at_association: false,
            })
        } else if !now_counts {
            None
        } else if let Some(d) = self.at_association(g).filter(|_| m.from_association) {
            let then = self.tenants.state(self.t, When::At(d));
            Some(MeasuredFrom {
                date: Some(d),
                users: then.users(g, &counts),
                at_association: true,
            })
        } else {
            // Not eligible a year before: all its eligible users now are
            // growth, as the page's formula has it.
            Some(MeasuredFrom {
                date: self.tenants.year_before_date(self.t, g),
                users: 0,
                at_association: false,
            })
        };
        line.measured_from = from;
        now as i64 - from.map_or(0, |f| f.users as i64)
    }

    /// The tenant's part of net new deployments under `g`: +1 deployed now
    /// (unless already at association), -1 deployed a year before.
    fn deployment(&self, line: &mut TenantLine, m: &MetricDef) -> i64 {
        let g = line.group;
        let share = m.min_active_share.unwrap_or(1.0);
        let reached = |s: Option<f64>| s.is_some_and(|s| s >= share - 1e-9);
        let counts = self.counts(m);
        let now = (self.eligible_now(m).0 && self.now.under(g, &counts))
            .then(|| self.now.share(g, &counts))
            .flatten();
        let before = (self.in_band(self.before, m) && self.before.under(g, &counts))
            .then(|| self.before.share(g, &counts))
            .flatten();
        let at = self
            .at_association(g)
            .filter(|_| now.is_some())
            .and_then(|d| {
                let share = self.tenants.state(self.t, When::At(d)).share(g, &counts)?;
                Some((d, share))
            });
        line.deployed = [now, before, at.map(|(_, s)| s)];
        let mut value = i64::from(reached(now)) - i64::from(reached(before));
        if reached(now)
            && let Some((d, s)) = at.filter(|(_, s)| reached(Some(*s)))
        {
            line.notes.push(LineNote::DeployedAtAssociation(d, s));
            value -= 1;
        }
        value
    }

    /// The tenant's net add on the path (qualifying now less a year
    /// before, once whatever its groups), put on its first line of a group
    /// the path counts.
    fn net_adds(&self, lines: &mut [TenantLine]) {
        let path = &self.scoring.paths[self.p];
        for (i, m) in self.scoring.metrics.iter().enumerate() {
            if m.measure != Measure::NetCustomerAdds {
                continue;
            }
            let counts = self.counts(m);
            let under = |state: &State| path.groups.iter().any(|&g| state.under(g, &counts));
            let now = self.eligible_now(m).0 && under(self.now);
            let before = self.in_band(self.before, m) && under(self.before);
            let value = i64::from(now) - i64::from(before);
            let mut valid = lines.iter_mut().filter(|l| path.valid(l.group));
            let Some(first) = valid.next() else { continue };
            if let Some(v) = first.values.get_mut(i) {
                *v = value;
            }
            let group = first.group;
            if value != 0 {
                for other in valid {
                    other.notes.push(LineNote::AddOnAnotherLine(group));
                }
            }
        }
    }
}
