//! The columns of the Customers, Transcripts and Partners sheets (filled in
//! by hand from the templates, or Partner Center's licence downloads and
//! `TrainingCompletions` as they come) and the header names each is known
//! by; the partner's id and name, which every kind has, are here too.

use super::{Column, Field, Need};

// Partner Center's own column names are aliases like any other. They are
// the field names Microsoft documents for its downloads (checked 2026-12):
//
// - the analytics API's license usage, "Get licenses usage information"
//   (learn.microsoft.com/partner-center/developer/get-licenses-usage-information):
//   workloadCode, workloadName, serviceCode, serviceName, channel,
//   customerTenantId, customerName, productId, productName, and per row
//   licensesActive and licensesQualified, for a processedDateTime. The SDK's
//   CustomerLicensesUsageInsights names the same figures: "LicensesActive: the
//   total active seats as of processed time stamp", "LicensesQualified: the
//   total qualified entitlements", "Channel (Example: Reseller, Direct)",
//   "ProductName (Example: OFFICE 365 BUSINESS ESSENTIALS)";
// - the Insights downloads' data definitions
//   (learn.microsoft.com/partner-center/insights-data-definitions): MPNId (now
//   also PartnerID), PartnerName, CustomerTenantId, CustomerName,
//   CustomerTenantName, RawProductName, SKU (a product SKU there, not Paid or
//   Trial, so `SKU` alone names the product, never the SKU type).
//
// - the Insights downloads a Solutions Partner score is made from (the same
//   data definitions): `OfficeUsage` (PartnerID, CustomerTenantId,
//   WorkloadName, Month, PaidAvailableUnits, MonthlyActiveUsers,
//   PartnerAttributionType), `EMSUsage` (MPNID, CustomerTenantId, Month,
//   FreeVsPaidSKU, PartnerAttributionType, and per workload
//   IntunePaidAvailableUnits / IntuneMonthlyActiveUsers,
//   AADPPaidAvailableUnits / AADPMonthlyActiveUsers,
//   AzipPaidAvailableUnits / AzipMonthlyActiveUsers), the CPOR Microsoft 365
//   usage (CustomerTenantId, WorkloadName, MonthlyActiveUsers,
//   PaidAvailableUnits, ClaimId, MpnId, DateAssociated,
//   PartnerAttributionType, and Date: "first of month and year for which the
//   data is exported") and `TrainingCompletions` (MpnId, TrainingTitle,
//   IndividualFirstName, IndividualLastName, Email, MCPID,
//   TrainingCompletionDate, ExpirationDate). Paid available units are the
//   paid licences the designation's tenant bands and deployments are
//   measured in, so they are the Qualified Licences column.
//
// Matching ignores case, spaces and punctuation, so `customerTenantId`,
// `CustomerTenantId` and `Customer Tenant ID` are one header.

pub(super) const PARTNER_ID: &[&str] = &[
    "Partner ID",
    "MPN ID",
    "Partner-ID",
    "MPN",
    "Partner MPN ID",
    "PartnerID",
    "Partnernummer",
    "MPN-ID",
];
pub(super) const PARTNER_NAME: &[&str] = &[
    "Partner Name",
    "Partnername",
    "Partner Organization",
    "Partner Organisation",
    "Partnerorganisation",
];
const COUNTRY: &[&str] = &["Country", "Land", "Country/Region", "Land/Region"];
const MARKET: &[&str] = &["Market", "Markt", "Market Type", "Markttyp"];

pub(super) const CUSTOMER_COLUMNS: &[Column] = &[
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
        aliases: &[
            "Customer ID",
            "Tenant ID",
            "Kunden-ID",
            "Mandanten-ID",
            "Customer Tenant ID",
            "Tenant",
        ],
    },
    Column {
        field: Field::CustomerName,
        need: Need::Optional,
        aliases: &[
            "Customer Name",
            "Kundenname",
            "Customer",
            "Kunde",
            "Tenant Name",
            "Mandantenname",
            "Customer Tenant Name",
        ],
    },
    Column {
        field: Field::Workload,
        // Partner Center gives both a code (`SFB`) and a name; the code is
        // the steadier of the two, so it wins when both are there.
        need: Need::RequiredUnless(WIDE_SIGNS),
        aliases: &["Workload", "Arbeitslast", "Workload Code", "Workload Name"],
    },
    Column {
        field: Field::ActiveUsers,
        need: Need::RequiredUnless(WIDE_SIGNS),
        aliases: &[
            "Active Users",
            "Active Entitlements",
            "Aktive Benutzer",
            "Aktive Berechtigungen",
            "Aktive Nutzer",
            "Active Seats",
            "Licenses Active",
            "Active Licenses",
            "Active Licences",
            "Aktive Lizenzen",
            "Monthly Active Users",
            "MAU",
            "Monatlich aktive Benutzer",
        ],
    },
    Column {
        field: Field::SkuType,
        need: Need::Optional,
        aliases: &[
            "SKU Type",
            "SKU-Typ",
            "Subscription Type",
            "Abonnementtyp",
            "Lizenztyp",
            "Free Vs Paid SKU",
        ],
    },
    Column {
        field: Field::Association,
        need: Need::RequiredUnless(&[Field::Channel]),
        aliases: &[
            "Association",
            "Zuordnung",
            "Partner Association",
            "Association Type",
            "Zuordnungstyp",
            "Partner Attribution Type",
            "Partner Attach Type",
            "Partner Association Type",
            "Attribution Type",
        ],
    },
    Column {
        field: Field::Country,
        need: Need::Optional,
        aliases: COUNTRY,
    },
    Column {
        field: Field::Market,
        need: Need::Optional,
        aliases: MARKET,
    },
    // Optional: only rules that count new customers (Enterprise Mobility
    // Management) read it. Not "Date"/"Datum": those name the pass date on
    // transcripts.
    Column {
        field: Field::CustomerSince,
        need: Need::Optional,
        aliases: &[
            "Customer Since",
            "Date Added",
            "Added On",
            "Customer Added",
            "Customer Added On",
            "Customer Start Date",
            "Kunde seit",
            "Kunden seit",
            "Hinzugefügt am",
            "Kunde hinzugefügt am",
        ],
    },
    Column {
        field: Field::Snapshot,
        need: Need::Optional,
        aliases: &[
            "Processed Date Time",
            "Processed Date",
            "Processed On",
            "Snapshot Date",
            "Snapshot",
            "Data As Of",
            "Stichtag",
            "Datenstand",
            "Verarbeitet am",
            "Verarbeitungsdatum",
            // The Insights downloads' month ("Month for which usage is
            // reported"; the CPOR download's "Date", the first of the month).
            "Month",
            "Month Key",
            "Date",
            "Monat",
        ],
    },
    Column {
        field: Field::QualifiedLicences,
        need: Need::Optional,
        aliases: &[
            "Licenses Qualified",
            "Qualified Licenses",
            "Qualified Licences",
            "Qualified Entitlements",
            "Qualifizierte Lizenzen",
            "Paid Available Units",
            "PAU",
            "Paid Licenses",
            "Paid Licences",
            "Paid Seats",
            "Bezahlte Lizenzen",
        ],
    },
    Column {
        field: Field::Product,
        need: Need::Optional,
        aliases: &[
            "Product Name",
            "Raw Product Name",
            "Product",
            "SKU",
            "Plan",
            "Produktname",
            "Produkt",
        ],
    },
    Column {
        field: Field::Channel,
        need: Need::Optional,
        aliases: &["Channel", "Kanal"],
    },
    Column {
        field: Field::AssociatedOn,
        need: Need::Optional,
        aliases: &[
            "Date Associated",
            "Associated On",
            "Association Date",
            "Claimed On",
            "Claim Date",
            "Zugeordnet am",
            "Zuordnungsdatum",
        ],
    },
    Column {
        field: Field::ClaimId,
        need: Need::Optional,
        aliases: &["Claim ID", "Claim-ID"],
    },
    wide(Field::IntunePaid, &["Intune Paid Available Units"]),
    wide(Field::IntuneActive, &["Intune Monthly Active Users"]),
    wide(Field::EntraPaid, &["AADP Paid Available Units"]),
    wide(Field::EntraActive, &["AADP Monthly Active Users"]),
    wide(
        Field::InformationProtectionPaid,
        &["Azip Paid Available Units"],
    ),
    wide(
        Field::InformationProtectionActive,
        &["Azip Monthly Active Users"],
    ),
];

/// The columns that make a customer sheet the `EMSUsage` download, which
/// needs no Workload or Active Users column (see [`WIDE_WORKLOADS`](super::WIDE_WORKLOADS)).
pub(super) const WIDE_SIGNS: &[Field] = &[
    Field::IntunePaid,
    Field::IntuneActive,
    Field::EntraPaid,
    Field::EntraActive,
    Field::InformationProtectionPaid,
    Field::InformationProtectionActive,
];

/// An optional `EMSUsage` column per workload.
const fn wide(field: Field, aliases: &'static [&'static str]) -> Column {
    Column {
        field,
        need: Need::Optional,
        aliases,
    }
}

pub(super) const TRANSCRIPT_COLUMNS: &[Column] = &[
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
        field: Field::PersonId,
        need: Need::Required,
        aliases: &[
            "Person ID",
            "Email",
            "E-Mail",
            "MCP ID",
            "Personen-ID",
            "Email Address",
            "E-Mail-Adresse",
        ],
    },
    Column {
        field: Field::PersonName,
        need: Need::Optional,
        aliases: &["Person Name", "Name", "Full Name", "Vollständiger Name"],
    },
    Column {
        field: Field::Credential,
        need: Need::Required,
        aliases: &[
            "Credential",
            "Exam",
            "Certification",
            "Prüfung",
            "Zertifizierung",
            "Exam Name",
            "Certification Name",
            "Prüfung/Zertifizierung",
            "Training Title",
        ],
    },
    Column {
        field: Field::DatePassed,
        need: Need::Optional,
        aliases: &[
            "Date Passed",
            "Passed On",
            "Bestanden am",
            "Passed Date",
            "Datum",
            "Training Completion Date",
            "Completion Date",
            "Abgeschlossen am",
        ],
    },
    Column {
        field: Field::Expires,
        need: Need::Optional,
        aliases: &[
            "Expiration Date",
            "Expiry Date",
            "Expires On",
            "Valid Until",
            "Ablaufdatum",
            "Gültig bis",
        ],
    },
    Column {
        field: Field::PersonFirstName,
        need: Need::Optional,
        aliases: &["Individual First Name", "First Name", "Vorname"],
    },
    Column {
        field: Field::PersonLastName,
        need: Need::Optional,
        aliases: &["Individual Last Name", "Last Name", "Nachname"],
    },
];

pub(super) const PARTNER_COLUMNS: &[Column] = &[
    Column {
        field: Field::PartnerId,
        need: Need::Required,
        aliases: PARTNER_ID,
    },
    Column {
        field: Field::PartnerName,
        need: Need::Optional,
        aliases: PARTNER_NAME,
    },
    Column {
        field: Field::Country,
        need: Need::Optional,
        aliases: COUNTRY,
    },
    Column {
        field: Field::Market,
        need: Need::Optional,
        aliases: MARKET,
    },
    Column {
        field: Field::ContactEmail,
        need: Need::Optional,
        aliases: &[
            "Contact Email",
            "E-Mail",
            "Email",
            "Contact E-Mail",
            "Kontakt-E-Mail",
            "Kontakt E-Mail",
        ],
    },
];
