//! The columns of Partner Center's Azure consumed revenue downloads and
//! the header names each is known by. Partner Center's Insights downloads
//! name the columns (the data definitions, checked 2026-12): the `AzureUsage`
//! download ("Azure usage report": MPNID, PartnerName, CustomerTenantId,
//! CustomerName, CustomerSegment, Month, ServiceLevel1 to ServiceLevel4,
//! PartnerAttributionType, AssociationType, SubscriptionId, ACR_USD, and
//! more the tool does not read), its older names in the programmatic system
//! queries (MpnId, ServiceName, MeterCategory, MonthlySubscriptionLevelACR),
//! and the `CustomersAndTenants` download ("Customers and revenue": Month,
//! CustomerSegment, PartnerAttributionType, Product,
//! AzureConsumedRevenueUSD; no service level). The older `TotalACR` is not
//! read: a total beside the month's figure would count twice.

use super::columns::{PARTNER_ID, PARTNER_NAME};
use super::{Column, Field, Need};

/// An Azure consumed revenue download's columns.
pub(super) const ACR_COLUMNS: &[Column] = &[
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
        field: Field::CustomerId,
        need: Need::Required,
        // The tenant first: where a download also has a `CustomerId` (the
        // customer's top parent in some of them), the tenant is the customer.
        aliases: &[
            "Customer Tenant ID",
            "Tenant ID",
            "Customer ID",
            "Kunden-ID",
            "Mandanten-ID",
        ],
    },
    Column {
        field: Field::CustomerName,
        need: Need::Optional,
        aliases: &[
            "Customer Name",
            "Customer Tenant Name",
            "Kundenname",
            "Mandantenname",
        ],
    },
    Column {
        field: Field::Segment,
        need: Need::Optional,
        aliases: &["Customer Segment", "Segment", "Kundensegment"],
    },
    Column {
        field: Field::Month,
        need: Need::Required,
        aliases: &["Month", "Month Key", "Usage Month", "Monat"],
    },
    Column {
        field: Field::ServiceLevel1,
        need: Need::Optional,
        aliases: &["Service Level 1", "Service Pillar"],
    },
    Column {
        field: Field::ServiceLevel2,
        need: Need::Optional,
        aliases: &["Service Level 2", "Meter Category"],
    },
    Column {
        field: Field::ServiceLevel3,
        need: Need::Optional,
        aliases: &["Service Level 3", "Service Name"],
    },
    Column {
        field: Field::ServiceLevel4,
        need: Need::Optional,
        aliases: &["Service Level 4"],
    },
    Column {
        field: Field::Association,
        need: Need::RequiredUnless(&[Field::AssociationType]),
        aliases: &[
            "Partner Attribution Type",
            "Attribution Type",
            "Partner Association Type",
            "Association",
            "Zuordnung",
        ],
    },
    Column {
        field: Field::AssociationType,
        need: Need::Optional,
        aliases: &["Association Type", "Zuordnungstyp"],
    },
    Column {
        field: Field::Subscription,
        need: Need::Optional,
        aliases: &["Subscription ID", "Subscription", "Abonnement-ID"],
    },
    Column {
        field: Field::Offer,
        need: Need::Optional,
        aliases: &[
            "Offer",
            "Offer Type",
            "Offer Name",
            "Pricing Level",
            "Summary Pricing Level",
            "Reporting Pricing Level",
            "Detail Pricing Level Name",
            "Angebot",
            "Angebotstyp",
        ],
    },
    Column {
        field: Field::Product,
        need: Need::Optional,
        aliases: &["Product", "Product Name", "Produkt"],
    },
    Column {
        field: Field::Acr,
        need: Need::Required,
        aliases: &[
            "ACR (USD)",
            "ACR_USD",
            "ACR",
            "Azure Consumed Revenue USD",
            "Azure Consumed Revenue",
            "Monthly Subscription Level ACR",
            "Azure-Verbrauchsumsatz",
        ],
    },
];
