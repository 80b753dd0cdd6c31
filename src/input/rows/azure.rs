//! Partner Center's Azure consumed revenue downloads, typed: one
//! [`AcrRow`] per row of the `AzureUsage` download (or its older names, or
//! the `CustomersAndTenants` download), every cell parsed once (by
//! `row_reader::azure`).
//!
//! A download holds many months (a row's month is data, not a snapshot to
//! replace). Rows are kept whatever their attribution, segment, service or
//! offer: which of them count is the designation's rule, decided when a
//! partner is scored. A row with a bad cell is kept too, marked invalid,
//! with the cell a problem.

use std::sync::Arc;

use crate::model::{Amount, Association, CalendarMonth, CustomerId, PartnerId};
use crate::problem::Location;

/// One month of Azure consumed revenue of a partner at a customer tenant,
/// on one service (an `AzureUsage` row) or product (a `CustomersAndTenants`
/// row). Texts that repeat down a download (names, services, segments) are
/// shared between its rows.
#[derive(Debug, Clone)]
pub struct AcrRow {
    /// The row in the inputs.
    pub source: Location,
    /// The partner.
    pub partner: PartnerId,
    /// The partner's name, if the row gives one.
    pub partner_name: Option<Arc<str>>,
    /// The customer tenant; `None` only on an invalid row.
    pub customer: Option<CustomerId>,
    /// The customer's name as written.
    pub customer_name: Option<Arc<str>>,
    /// The customer's segment as written (`SMB Commercial`), if given.
    pub segment: Option<Arc<str>>,
    /// The month the revenue is for; `None` only on an invalid row.
    pub month: Option<CalendarMonth>,
    /// Azure's service levels 1 to 4 as written, where the download has them.
    pub services: [Option<Arc<str>>; 4],
    /// How the partner is attributed the revenue; `None` only on an
    /// invalid row.
    pub association: Option<Association>,
    /// The association type as written beside the attribution, if given.
    pub association_type: Option<Arc<str>>,
    /// The Azure subscription, if given.
    pub subscription: Option<Arc<str>>,
    /// The offer or pricing level, if the download has one.
    pub offer: Option<Arc<str>>,
    /// The product, if given (`CustomersAndTenants`).
    pub product: Option<Arc<str>>,
    /// The revenue in US dollars (negative for a credit); `None` only on an
    /// invalid row.
    pub amount: Option<Amount>,
    /// Why the row cannot count (its first problem), if it is invalid.
    pub invalid: Option<String>,
}

impl AcrRow {
    /// Azure's Service Level 2 (the workload the designations count), if given.
    pub fn service(&self) -> Option<&str> {
        self.services[1].as_deref()
    }
}
