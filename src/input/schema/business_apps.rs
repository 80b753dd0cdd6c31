//! The columns of Partner Center's two Business Applications downloads and
//! the header names each is known by: Partner Center's own first (the name
//! a message uses when the column is missing), then the spellings a saved
//! or hand-made copy may use. Matching ignores case, spaces and punctuation.
//!
//! The names are the Insights data definitions' (Partner Center docs,
//! "Partner insights reports and data definitions", sections "Business
//! applications revenue" and "Business applications usage"):
//!
//! - revenue: FiscalMonthName, GlobalPartnerID, PartnerName,
//!   PartnerAssociationType ("for example, CSP T1, DPOR, PAL"), CustomerID,
//!   CustomerName, CustomerTenantID, CustomerTenantName, SubscriptionId,
//!   SubscriptionStartDate, Country, WorkloadCategory, Workloads,
//!   AdjustedRevenueAmtCD ("revenue details for the subscription");
//! - usage: the same up to SubscriptionStartDate (SubscriptionID), then
//!   MetricType ("paid or trial"), WorkloadCategory, Workload, SkuGroup,
//!   PAMAU ("partner attached monthly active users"), MAC ("monthly active
//!   capacity") and MAU ("monthly active users").
//!
//! `CustomerID` is Microsoft's customer record, not the tenant: the
//! designation rolls workloads up per customer tenant, so only a tenant
//! column keys a row.

use super::{Column, Field, Need};

/// The partner: Partner Center's global (partner global account) id.
const PARTNER_ID: &[&str] = &[
    "GlobalPartnerID",
    "Global Partner ID",
    "PGA MPN ID",
    "Partner ID",
    "PartnerID",
    "MPN ID",
    "Partner-ID",
    "Partnernummer",
];

const PARTNER_NAME: &[&str] = &["PartnerName", "Partner Name", "Partnername"];

const ASSOCIATION: &[&str] = &[
    "PartnerAssociationType",
    "Partner Association Type",
    "Association Type",
    "Partner Attribution Type",
    "Association",
    "Zuordnung",
    "Zuordnungstyp",
];

const TENANT: &[&str] = &[
    "CustomerTenantID",
    "Customer Tenant ID",
    "Tenant ID",
    "Mandanten-ID",
];

// The tenant's own name first: the designation counts tenants.
const TENANT_NAME: &[&str] = &[
    "CustomerTenantName",
    "Customer Tenant Name",
    "Tenant Name",
    "Mandantenname",
    "CustomerName",
    "Customer Name",
    "Kundenname",
];

const SUBSCRIPTION: &[&str] = &[
    "SubscriptionId",
    "Subscription ID",
    "Subscription",
    "Abonnement-ID",
];

const MONTH: &[&str] = &[
    "FiscalMonthName",
    "Fiscal Month Name",
    "Fiscal Month",
    "Month",
    "Monat",
    "Geschäftsmonat",
];

const WORKLOAD_CATEGORY: &[&str] = &[
    "WorkloadCategory",
    "Workload Category",
    "Workload-Kategorie",
];

/// The columns of the revenue download.
pub(crate) const REVENUE_COLUMNS: &[Column] = &[
    Column {
        field: Field::PartnerId,
        need: Need::Attributable,
        aliases: PARTNER_ID,
    },
    Column {
        field: Field::PartnerName,
        need: Need::Optional,
        aliases: PARTNER_NAME,
    },
    Column {
        field: Field::Association,
        need: Need::Required,
        aliases: ASSOCIATION,
    },
    Column {
        field: Field::CustomerId,
        need: Need::Required,
        aliases: TENANT,
    },
    Column {
        field: Field::CustomerName,
        need: Need::Optional,
        aliases: TENANT_NAME,
    },
    Column {
        field: Field::Subscription,
        need: Need::Optional,
        aliases: SUBSCRIPTION,
    },
    Column {
        field: Field::FiscalMonth,
        need: Need::Required,
        aliases: MONTH,
    },
    Column {
        field: Field::WorkloadCategory,
        need: Need::Optional,
        aliases: WORKLOAD_CATEGORY,
    },
    Column {
        field: Field::Workload,
        need: Need::Required,
        aliases: &["Workloads", "Workload", "Arbeitslasten", "Arbeitslast"],
    },
    Column {
        field: Field::Revenue,
        need: Need::Required,
        aliases: &[
            "AdjustedRevenueAmtCD",
            "Adjusted Revenue Amt CD",
            "Adjusted Revenue",
            "Revenue",
            "Revenue USD",
            "Umsatz",
            "Umsatz USD",
        ],
    },
];

/// The columns of the usage download.
pub(crate) const USAGE_COLUMNS: &[Column] = &[
    Column {
        field: Field::PartnerId,
        need: Need::Attributable,
        aliases: PARTNER_ID,
    },
    Column {
        field: Field::PartnerName,
        need: Need::Optional,
        aliases: PARTNER_NAME,
    },
    Column {
        field: Field::Association,
        need: Need::Required,
        aliases: ASSOCIATION,
    },
    Column {
        field: Field::CustomerId,
        need: Need::Required,
        aliases: TENANT,
    },
    Column {
        field: Field::CustomerName,
        need: Need::Optional,
        aliases: TENANT_NAME,
    },
    Column {
        field: Field::Subscription,
        need: Need::Optional,
        aliases: SUBSCRIPTION,
    },
    Column {
        field: Field::FiscalMonth,
        need: Need::Required,
        aliases: MONTH,
    },
    // Trials never count, so a usage sheet must say which rows are paid.
    Column {
        field: Field::MetricType,
        need: Need::Required,
        aliases: &["MetricType", "Metric Type", "Metrik-Typ"],
    },
    Column {
        field: Field::WorkloadCategory,
        need: Need::Optional,
        aliases: WORKLOAD_CATEGORY,
    },
    Column {
        field: Field::Workload,
        need: Need::Required,
        aliases: &["Workload", "Workloads", "Arbeitslast", "Arbeitslasten"],
    },
    Column {
        field: Field::SkuGroup,
        need: Need::Optional,
        aliases: &["SkuGroup", "SKU Group", "SKU-Gruppe"],
    },
    // Users come as partner-attached or all monthly active users; a sheet
    // needs one of the two.
    Column {
        field: Field::AttachedUsers,
        need: Need::RequiredUnless(&[Field::ActiveUsers]),
        aliases: &[
            "PAMAU",
            "Partner Attached Monthly Active Users",
            "Partner Attached MAU",
        ],
    },
    Column {
        field: Field::ActiveCapacity,
        need: Need::Optional,
        aliases: &["MAC", "Monthly Active Capacity", "Active Capacity"],
    },
    Column {
        field: Field::ActiveUsers,
        need: Need::Optional,
        aliases: &["MAU", "Monthly Active Users", "Monatlich aktive Benutzer"],
    },
];
