//! Partner Center's Business Applications downloads, typed: one
//! [`RevenueRow`] per row of the revenue download and one [`UsageRow`] per
//! row of the usage download, every cell parsed once (by
//! `row_reader::business_apps`).
//!
//! Both downloads hold many months in one file (a row's month is data, not
//! a snapshot to replace), name each month by Microsoft's fiscal year
//! (`FY26-Jul`), and give the partner's association per row. Rows are
//! kept whatever their association, workload or metric type: which of them
//! count is the designation's rule, decided when a partner is scored. A row
//! with a bad cell is kept too, marked invalid, with the cell a problem.

use std::sync::Arc;

use super::WorkloadCell;
use crate::model::{Amount, Association, CalendarMonth, CustomerId, PartnerId, Sku};
use crate::problem::Location;

/// One row of the revenue download: a partner's revenue from one workload
/// of one subscription of a customer tenant in one month.
#[derive(Debug, Clone, PartialEq)]
pub struct RevenueRow {
    /// The row in the inputs.
    pub source: Location,
    /// The partner (Partner Center's global partner id).
    pub partner: PartnerId,
    /// The partner's name, if the row gives one.
    pub partner_name: Option<String>,
    /// The calendar month the revenue is for; `None` only on an invalid row.
    pub month: Option<CalendarMonth>,
    /// How the partner is associated (CSP T1, DPOR, a CPOR claim type,
    /// PAL); `None` only on an invalid row.
    pub association: Option<Association>,
    /// The customer tenant; `None` only on an invalid row.
    pub customer: Option<CustomerId>,
    /// The tenant's (or customer's) name, if given.
    pub customer_name: Option<String>,
    /// The subscription, if given.
    pub subscription: Option<Arc<str>>,
    /// The workload's category, if given.
    pub workload_category: Option<Arc<str>>,
    /// The workload, a counted one where the rules name it; `None` only on
    /// an invalid row.
    pub workload: Option<WorkloadCell>,
    /// Revenue in US dollars (negative for a credit); `None` only on an
    /// invalid row.
    pub revenue: Option<Amount>,
    /// Why the row cannot count (its first problem), if it is invalid.
    pub invalid: Option<String>,
}

/// One row of the usage download: a workload's active users and capacity
/// at a customer tenant in one month.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageRow {
    /// The row in the inputs.
    pub source: Location,
    /// The partner (Partner Center's global partner id).
    pub partner: PartnerId,
    /// The partner's name, if the row gives one.
    pub partner_name: Option<String>,
    /// The calendar month the usage is for; `None` only on an invalid row.
    pub month: Option<CalendarMonth>,
    /// How the partner is associated; `None` only on an invalid row.
    pub association: Option<Association>,
    /// The customer tenant; `None` only on an invalid row.
    pub customer: Option<CustomerId>,
    /// The tenant's (or customer's) name, if given.
    pub customer_name: Option<String>,
    /// The subscription, if given.
    pub subscription: Option<Arc<str>>,
    /// Paid or trial (`MetricType`): a trial never counts; `None` only on
    /// an invalid row.
    pub metric: Option<Sku>,
    /// The workload's category, if given.
    pub workload_category: Option<Arc<str>>,
    /// The workload, a counted one where the rules name it; `None` only on
    /// an invalid row.
    pub workload: Option<WorkloadCell>,
    /// The SKU's group, if given.
    pub sku_group: Option<Arc<str>>,
    /// Partner-attached monthly active users (`PAMAU`), if given.
    pub attached_users: Option<u64>,
    /// Monthly active capacity (`MAC`: Customer Insights' profiles), if given.
    pub active_capacity: Option<Amount>,
    /// Monthly active users (`MAU`), if given.
    pub active_users: Option<u64>,
    /// Why the row cannot count (its first problem), if it is invalid.
    pub invalid: Option<String>,
}
