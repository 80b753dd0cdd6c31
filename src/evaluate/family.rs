//! What a rule family decides about one partner: its standing (a level and
//! what the next one lacks, or a score), from the figures every family
//! shares.

use std::fmt::Debug;

use chrono::NaiveDate;

use super::PersonResult;
use crate::input::{AcrRow, CustomerRow, RevenueRow, UsageRow};
use crate::model::{Centi, Level, Market};
use crate::rules::{self, RuleSet};

/// A rule family's evaluation of one partner.
pub trait Family: rules::Family {
    /// Where a partner stands under the family's rules.
    type Standing: Debug + Clone + PartialEq + Send + Sync;

    /// Decides one partner's standing from its facts.
    fn evaluate(set: &RuleSet<Self>, partner: &Facts<'_>) -> Self::Standing;

    /// The level a standing amounts to.
    fn level(standing: &Self::Standing) -> Level;

    /// The standing's score, where the family scores in points: the
    /// history keeps it month by month and the change since last month is
    /// figured from it.
    fn score(_standing: &Self::Standing) -> Option<Centi> {
        None
    }
}

/// What is known of one partner before its family decides: its rows, its
/// people and the figures every family shares.
#[derive(Debug)]
pub struct Facts<'a> {
    /// The date the report speaks for.
    pub(crate) as_of: NaiveDate,
    /// Its market.
    pub(crate) market: Market,
    /// Its customer rows (index into all customer rows, and the row).
    pub(crate) customers: &'a [(usize, &'a CustomerRow)],
    /// Its active entitlements, figured by the rules' method.
    pub(crate) entitlements: u64,
    /// Its new customers (see [`crate::rules::Rules::is_new_customer`]).
    pub(crate) new_customers: u32,
    /// People who qualify and count for it.
    pub(crate) qualified_people: u32,
    /// Its people.
    pub(crate) people: &'a [PersonResult],
    /// Its people part-way along a route, closest first.
    pub(crate) part_way: &'a [PersonHint],
    /// The partner's rows of the downloads that are neither customer lists
    /// nor transcripts, by download.
    pub(crate) downloads: &'a Downloads<'a>,
}

/// One partner's rows of the downloads a family reads beside its customer
/// rows, each in input order: the one slot for such downloads (one field
/// per download), grouped by partner as the customer rows are.
#[derive(Debug, Default)]
pub struct Downloads<'a> {
    /// Business Applications revenue rows.
    pub(crate) revenue: Vec<&'a RevenueRow>,
    /// Business Applications usage rows.
    pub(crate) usage: Vec<&'a UsageRow>,
    /// Azure consumed revenue rows (`AzureUsage`, `CustomersAndTenants`).
    pub(crate) acr: Vec<&'a AcrRow>,
}

impl Downloads<'_> {
    /// Every row's partner name, in the downloads' order.
    pub(crate) fn partner_names(&self) -> impl Iterator<Item = Option<&str>> {
        let revenue = self.revenue.iter().map(|r| r.partner_name.as_deref());
        let usage = self.usage.iter().map(|r| r.partner_name.as_deref());
        let acr = self.acr.iter().map(|r| r.partner_name.as_deref());
        revenue.chain(usage).chain(acr)
    }
}

/// A person part-way along a route to qualifying, for the partner's next
/// step ("Dan has passed 70-346 and needs 70-347").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonHint {
    /// The person's name (or id).
    pub(crate) name: String,
    /// Credentials of the route they are on that they hold.
    pub(crate) held: Vec<crate::model::CredentialId>,
    /// Credentials of that route they still need.
    pub(crate) missing: crate::rules::Lacking,
}
