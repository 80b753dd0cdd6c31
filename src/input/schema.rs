//! The kinds of sheet the tool reads, the columns each has, and the header
//! names (English and German, and Partner Center's) each column is known by.
//! The Business Applications downloads' columns are in
//! [`business_apps`] (a room of its own).
//!
//! A sheet is classified by the headers it has, never by its file or sheet
//! name: the first row (within the first few) that holds every required
//! header of a kind is the header row.

use crate::model::fold;

mod business_apps;

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SheetKind {
    /// One row per partner, customer tenant and workload.
    Customers,
    /// One row per person and exam or certification.
    Transcripts,
    /// The optional master list of partners.
    Partners,
    /// Partner Center's Business Applications revenue download: revenue
    /// per month, tenant, subscription and workload.
    BusinessAppsRevenue,
    /// Partner Center's Business Applications usage download: active users
    /// and capacity per month, tenant and workload.
    BusinessAppsUsage,
}

impl SheetKind {
    /// Every kind, in the order a tie between them is decided.
    pub(crate) const ALL: [SheetKind; 5] = [
        SheetKind::Customers,
        SheetKind::Transcripts,
        SheetKind::Partners,
        SheetKind::BusinessAppsRevenue,
        SheetKind::BusinessAppsUsage,
    ];

    /// The kinds people fill in, which `template` writes blank workbooks
    /// for; the others are Partner Center's downloads, used as they come.
    pub(crate) const FILLED_IN: [SheetKind; 3] = [
        SheetKind::Customers,
        SheetKind::Transcripts,
        SheetKind::Partners,
    ];

    /// The kind's name in reports.
    pub(crate) fn label(self) -> &'static str {
        match self {
            SheetKind::Customers => "Customers",
            SheetKind::Transcripts => "Transcripts",
            SheetKind::Partners => "Partners",
            SheetKind::BusinessAppsRevenue => "Business Applications revenue",
            SheetKind::BusinessAppsUsage => "Business Applications usage",
        }
    }

    /// The columns this kind of sheet may have.
    pub(crate) fn columns(self) -> &'static [Column] {
        match self {
            SheetKind::Customers => CUSTOMER_COLUMNS,
            SheetKind::Transcripts => TRANSCRIPT_COLUMNS,
            SheetKind::Partners => PARTNER_COLUMNS,
            SheetKind::BusinessAppsRevenue => business_apps::REVENUE_COLUMNS,
            SheetKind::BusinessAppsUsage => business_apps::USAGE_COLUMNS,
        }
    }

    /// A column's name in messages: its first header spelling (the
    /// template's header, or the name Partner Center gives it).
    pub(crate) fn column_name(self, field: Field) -> &'static str {
        self.columns()
            .iter()
            .find(|c| c.field == field)
            .and_then(|c| c.aliases.first().copied())
            .unwrap_or(field.header())
    }
}

/// A column the tool understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Field {
    /// The partner's id.
    PartnerId,
    /// The partner's name.
    PartnerName,
    /// The customer tenant's id.
    CustomerId,
    /// The customer's name.
    CustomerName,
    /// The Office 365 workload.
    Workload,
    /// Active users (active entitlements).
    ActiveUsers,
    /// Paid, trial or free.
    SkuType,
    /// How the partner is associated to the customer.
    Association,
    /// The country.
    Country,
    /// Mature or emerging.
    Market,
    /// The person's id (email, MCP id).
    PersonId,
    /// The person's name.
    PersonName,
    /// The exam or certification.
    Credential,
    /// When it was passed.
    DatePassed,
    /// The partner's contact address.
    ContactEmail,
    /// When the customer was added (became the partner's customer).
    CustomerSince,
    /// The date of the snapshot a row belongs to (Partner Center's
    /// `processedDateTime`): of several snapshots only the latest on or
    /// before the as-of date counts.
    Snapshot,
    /// Qualified licences (Partner Center's `licensesQualified`): shown,
    /// never counted.
    QualifiedLicences,
    /// The product or plan (Partner Center's `productName`): a trial product
    /// makes the row a trial when the sheet has no SKU Type column.
    Product,
    /// Partner Center's sales channel (`channel`): on a sheet without an
    /// Association column it marks the partner's own CSP customer list.
    Channel,
    /// When the partner claimed or associated with the customer's workload
    /// (the CPOR download's `DateAssociated`).
    AssociatedOn,
    /// The claim of a Claiming Partner of Record (`ClaimId`): marks the CPOR
    /// download; not kept on the rows.
    ClaimId,
    /// When a certification expires (`TrainingCompletions`'
    /// `ExpirationDate`): past the as-of date it no longer counts.
    Expires,
    /// The person's first name, where a transcript splits the name
    /// (`IndividualFirstName`).
    PersonFirstName,
    /// The person's last name (`IndividualLastName`).
    PersonLastName,
    /// Intune's paid units on a row of the `EMSUsage` download, which gives
    /// each workload columns of its own instead of a row.
    IntunePaid,
    /// Intune's monthly active users on an `EMSUsage` row.
    IntuneActive,
    /// Entra ID Premium's (Azure AD Premium's) paid units on an `EMSUsage` row.
    EntraPaid,
    /// Entra ID Premium's monthly active users on an `EMSUsage` row.
    EntraActive,
    /// Information Protection's paid units on an `EMSUsage` row.
    InformationProtectionPaid,
    /// Information Protection's monthly active users on an `EMSUsage` row.
    InformationProtectionActive,
    /// The month a monthly download's row reports (the Business
    /// Applications downloads' `FiscalMonthName`).
    FiscalMonth,
    /// The subscription (`SubscriptionId`).
    Subscription,
    /// The workload's category (`WorkloadCategory`).
    WorkloadCategory,
    /// Revenue in US dollars (`AdjustedRevenueAmtCD`).
    Revenue,
    /// Paid or trial (`MetricType`).
    MetricType,
    /// The group the SKU belongs to (`SkuGroup`).
    SkuGroup,
    /// Partner-attached monthly active users (`PAMAU`).
    AttachedUsers,
    /// Monthly active capacity (`MAC`): Customer Insights' profiles.
    ActiveCapacity,
}

impl Field {
    /// The number of fields, for tables indexed by field.
    pub(crate) const COUNT: usize = 39;

    /// The column's English header, as the templates write it.
    pub(crate) fn header(self) -> &'static str {
        match self {
            Field::PartnerId => "Partner ID",
            Field::PartnerName => "Partner Name",
            Field::CustomerId => "Customer ID",
            Field::CustomerName => "Customer Name",
            Field::Workload => "Workload",
            Field::ActiveUsers => "Active Users",
            Field::SkuType => "SKU Type",
            Field::Association => "Association",
            Field::Country => "Country",
            Field::Market => "Market",
            Field::PersonId => "Person ID",
            Field::PersonName => "Person Name",
            Field::Credential => "Credential",
            Field::DatePassed => "Date Passed",
            Field::ContactEmail => "Contact Email",
            Field::CustomerSince => "Customer Since",
            Field::Snapshot => "Snapshot Date",
            Field::QualifiedLicences => "Qualified Licences",
            Field::Product => "Product",
            Field::Channel => "Channel",
            Field::AssociatedOn => "Date Associated",
            Field::ClaimId => "Claim ID",
            Field::Expires => "Expiration Date",
            Field::PersonFirstName => "First Name",
            Field::PersonLastName => "Last Name",
            Field::IntunePaid => "IntunePaidAvailableUnits",
            Field::IntuneActive => "IntuneMonthlyActiveUsers",
            Field::EntraPaid => "AADPPaidAvailableUnits",
            Field::EntraActive => "AADPMonthlyActiveUsers",
            Field::InformationProtectionPaid => "AzipPaidAvailableUnits",
            Field::InformationProtectionActive => "AzipMonthlyActiveUsers",
            Field::FiscalMonth => "FiscalMonthName",
            Field::Subscription => "SubscriptionId",
            Field::WorkloadCategory => "WorkloadCategory",
            Field::Revenue => "AdjustedRevenueAmtCD",
            Field::MetricType => "MetricType",
            Field::SkuGroup => "SkuGroup",
            Field::AttachedUsers => "PAMAU",
            Field::ActiveCapacity => "MAC",
        }
    }

    /// Whether the blank input workbooks (`template`) have this column
    /// under every rule set: the columns only Partner Center's exports
    /// carry are left out, and the template adds the ones a points-scored
    /// rule set needs (see [`Field::in_points_templates`]).
    pub(crate) fn in_templates(self) -> bool {
        !matches!(
            self,
            Field::Snapshot
                | Field::QualifiedLicences
                | Field::Product
                | Field::Channel
                | Field::AssociatedOn
                | Field::ClaimId
                | Field::Expires
                | Field::PersonFirstName
                | Field::PersonLastName
                | Field::FiscalMonth
                | Field::Subscription
                | Field::WorkloadCategory
                | Field::Revenue
                | Field::MetricType
                | Field::SkuGroup
                | Field::AttachedUsers
                | Field::ActiveCapacity
        ) && WIDE_WORKLOADS
            .iter()
            .all(|w| w.paid != self && w.active != self)
    }

    /// The columns a points-scored rule set's templates add: its score
    /// compares snapshots (paid licences now and a year before) and
    /// credentials expire.
    pub(crate) fn in_points_templates(self) -> bool {
        matches!(
            self,
            Field::Snapshot | Field::QualifiedLicences | Field::CustomerSince | Field::Expires
        )
    }
}

/// A workload that Partner Center's `EMSUsage` download gives columns of
/// its own (paid units and monthly active users) on every row, instead of
/// a row with a workload name: each becomes a customer row of its own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WideWorkload {
    /// The workload as the rules files spell it (matched against their
    /// aliases like any workload cell).
    pub(crate) workload: &'static str,
    /// Its paid units column.
    pub(crate) paid: Field,
    /// Its monthly active users column.
    pub(crate) active: Field,
}

/// The `EMSUsage` download's workloads, in the order their rows are made
/// (the data definitions: `IntunePaidAvailableUnits`,
/// `IntuneMonthlyActiveUsers`, `AADPPaidAvailableUnits`,
/// `AADPMonthlyActiveUsers`, `AzipPaidAvailableUnits`,
/// `AzipMonthlyActiveUsers`). AADP is Azure Active Directory Premium, now
/// Microsoft Entra ID; Azip is Azure Information Protection, now Microsoft
/// Purview Information Protection.
pub(crate) const WIDE_WORKLOADS: &[WideWorkload] = &[
    WideWorkload {
        workload: "Intune",
        paid: Field::IntunePaid,
        active: Field::IntuneActive,
    },
    WideWorkload {
        workload: "AADP",
        paid: Field::EntraPaid,
        active: Field::EntraActive,
    },
    WideWorkload {
        workload: "AIP",
        paid: Field::InformationProtectionPaid,
        active: Field::InformationProtectionActive,
    },
];

/// Which download (or other export) a customer sheet is, told by its
/// columns. A partner's current state is the latest snapshot of each
/// download on or before the as-of date; snapshots of one download replace
/// each other, those of two downloads never do (`OfficeUsage` of September
/// and `EMSUsage` of August are both current).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Download {
    /// Any other customer list: a workbook shaped like the template, a
    /// distributor's export.
    #[default]
    CustomerList,
    /// The Insights `OfficeUsage` download (Office 365 license usage:
    /// `WorkloadName`, `PaidAvailableUnits`, `MonthlyActiveUsers`, `Month`).
    OfficeUsage,
    /// The Insights `EMSUsage` download (Enterprise Mobility license usage:
    /// a column pair per workload).
    EmsUsage,
    /// The Insights CPOR Microsoft 365 usage download (`ClaimId`,
    /// `DateAssociated`, `Date`).
    CporUsage,
    /// The analytics API's license usage (`licensesActive`,
    /// `licensesQualified`, `processedDateTime`).
    LicenseUsage,
}

/// How each download is told from the others: a column it has, under the
/// header Partner Center gives it (`None`: under any of the column's
/// names). The first entry a sheet matches decides; a sheet matching none
/// is a [`Download::CustomerList`].
const DOWNLOAD_SIGNS: &[(Download, Field, Option<&str>)] = &[
    (Download::CporUsage, Field::ClaimId, None),
    (
        Download::CporUsage,
        Field::AssociatedOn,
        Some("DateAssociated"),
    ),
    (Download::EmsUsage, Field::IntunePaid, None),
    (Download::EmsUsage, Field::EntraPaid, None),
    (
        Download::OfficeUsage,
        Field::QualifiedLicences,
        Some("PaidAvailableUnits"),
    ),
    (
        Download::LicenseUsage,
        Field::ActiveUsers,
        Some("licensesActive"),
    ),
];

/// Whether a sheet needs a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// The sheet is read without it.
    Optional,
    /// The sheet is unusable without it.
    Required,
    /// Required, unless the sheet has one of these other columns instead
    /// (an Association column, or Partner Center's `channel`; a Workload
    /// column, or the `EMSUsage` download's columns per workload).
    RequiredUnless(&'static [Field]),
    /// The partner id: a sheet without the column is still classified, and
    /// its partner is found from `--partner-id`, its folder or its file name.
    Attributable,
}

/// A column of a sheet kind: the field, whether it must be there, and the
/// header spellings that name it.
#[derive(Debug)]
pub(crate) struct Column {
    /// What the column holds.
    pub(crate) field: Field,
    /// Whether a sheet of this kind needs it.
    pub(crate) need: Need,
    /// Header spellings (compared folded: case, spaces, punctuation ignored),
    /// in order of preference: when a sheet has two of them, the earlier wins
    /// (Partner Center's `workloadCode` over its `workloadName`).
    pub(crate) aliases: &'static [&'static str],
}

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

const PARTNER_ID: &[&str] = &[
    "Partner ID",
    "MPN ID",
    "Partner-ID",
    "MPN",
    "Partner MPN ID",
    "PartnerID",
    "Partnernummer",
    "MPN-ID",
];
const PARTNER_NAME: &[&str] = &[
    "Partner Name",
    "Partnername",
    "Partner Organization",
    "Partner Organisation",
    "Partnerorganisation",
];
const COUNTRY: &[&str] = &["Country", "Land", "Country/Region", "Land/Region"];
const MARKET: &[&str] = &["Market", "Markt", "Market Type", "Markttyp"];

const CUSTOMER_COLUMNS: &[Column] = &[
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
/// needs no Workload or Active Users column (see [`WIDE_WORKLOADS`]).
const WIDE_SIGNS: &[Field] = &[
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

const TRANSCRIPT_COLUMNS: &[Column] = &[
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

const PARTNER_COLUMNS: &[Column] = &[
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

/// Words that mark a product as a trial (compared word by word, ignoring
/// case): "Office 365 E3 TRIAL", "Microsoft 365 Business Testversion".
/// Only read when a sheet has no SKU Type column.
pub(crate) const TRIAL_PRODUCT_WORDS: &[&str] = &["trial", "testversion", "testabonnement"];

/// Whether a product name says it is a trial (see [`TRIAL_PRODUCT_WORDS`]).
pub(crate) fn is_trial_product(product: &str) -> bool {
    product.split(|c: char| !c.is_alphanumeric()).any(|word| {
        TRIAL_PRODUCT_WORDS
            .iter()
            .any(|t| word.eq_ignore_ascii_case(t))
    })
}

/// Where each field sits in a sheet, and the header text found there.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    kind: SheetKind,
    at: [Option<(u32, String)>; Field::COUNT],
}

impl Columns {
    /// The sheet kind these columns are for.
    pub(crate) fn kind(&self) -> SheetKind {
        self.kind
    }

    /// The column index of a field, if the sheet has it.
    pub(crate) fn col(&self, field: Field) -> Option<u32> {
        self.at[field as usize].as_ref().map(|(c, _)| *c)
    }

    /// The header as written in the sheet (for messages), or the English one.
    pub(crate) fn header(&self, field: Field) -> &str {
        self.at[field as usize]
            .as_ref()
            .map_or(field.header(), |(_, h)| h.as_str())
    }

    /// How many of the kind's columns the sheet has.
    pub(crate) fn found(&self) -> usize {
        self.at.iter().filter(|at| at.is_some()).count()
    }

    /// Required columns of the kind that the sheet lacks. A missing partner
    /// id is not among them where the kind's partner can be attributed
    /// ([`Columns::needs_partner`] says so).
    pub(crate) fn missing_required(&self) -> Vec<Field> {
        self.kind
            .columns()
            .iter()
            .filter(|c| match c.need {
                Need::Optional | Need::Attributable => false,
                Need::Required => self.col(c.field).is_none(),
                Need::RequiredUnless(others) => {
                    self.col(c.field).is_none() && others.iter().all(|o| self.col(*o).is_none())
                }
            })
            .map(|c| c.field)
            .collect()
    }

    /// Whether the sheet has no partner id column, so its partner must come
    /// from elsewhere (`--partner-id`, its folder or its file name).
    pub(crate) fn needs_partner(&self) -> bool {
        self.col(Field::PartnerId).is_none()
    }

    /// Which download the sheet is (see [`DOWNLOAD_SIGNS`]).
    pub(crate) fn download(&self) -> Download {
        if self.kind != SheetKind::Customers {
            return Download::CustomerList;
        }
        DOWNLOAD_SIGNS
            .iter()
            .find(|(_, field, header)| {
                self.col(*field).is_some()
                    && header.is_none_or(|h| fold(h) == fold(self.header(*field)))
            })
            .map_or(Download::CustomerList, |(download, ..)| *download)
    }

    /// Whether the sheet gives workloads as columns of their own (the
    /// `EMSUsage` download) rather than a Workload column.
    pub(crate) fn wide_workloads(&self) -> bool {
        self.kind == SheetKind::Customers
            && self.col(Field::Workload).is_none()
            && WIDE_SIGNS.iter().any(|f| self.col(*f).is_some())
    }

    /// Whether the sheet's rows take their association from Partner Center's
    /// `channel` column (it has that and no Association column).
    pub(crate) fn association_from_channel(&self) -> bool {
        self.kind == SheetKind::Customers
            && self.col(Field::Association).is_none()
            && self.col(Field::Channel).is_some()
    }
}

/// What a row of cells says about being a header row.
#[derive(Debug)]
pub(crate) enum Classified {
    /// A header row with every required column of its kind.
    Header(Columns),
    /// A header row someone meant, lacking a required column (for a message).
    Partial(Columns),
    /// A title, a note or a data row.
    NotAHeader,
}

/// Every column's aliases of a kind, folded once (a sheet's first rows are
/// each tried against all of them).
fn folded_aliases(kind: SheetKind) -> &'static [Vec<String>] {
    static FOLDED: std::sync::OnceLock<[Vec<Vec<String>>; SheetKind::ALL.len()]> =
        std::sync::OnceLock::new();
    let all = FOLDED.get_or_init(|| {
        SheetKind::ALL.map(|k| {
            k.columns()
                .iter()
                .map(|c| c.aliases.iter().map(|a| fold(a)).collect())
                .collect()
        })
    });
    let at = SheetKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &all[at]
}

/// Tries a row of header cells against every sheet kind.
///
/// Returns the best kind whose required headers all appear, or, when none
/// does, the best partial match, if the row looked like a header at all.
pub(crate) fn classify(cells: &[(u32, String)]) -> Classified {
    let folded: Vec<(u32, String, &str)> = cells
        .iter()
        .map(|(c, text)| (*c, fold(text), text.as_str()))
        .collect();
    let mut best: Option<(usize, bool, Columns)> = None;
    for kind in SheetKind::ALL {
        let mut at: [Option<(u32, String)>; Field::COUNT] = std::array::from_fn(|_| None);
        let mut matched = 0;
        for (column, aliases) in kind.columns().iter().zip(folded_aliases(kind)) {
            // Aliases in order of preference: the first one the row has wins.
            let hit = aliases
                .iter()
                .find_map(|alias| folded.iter().find(|(_, f, _)| f == alias));
            if let Some((c, _, raw)) = hit {
                at[column.field as usize] = Some((*c, raw.to_string()));
                matched += 1;
            }
        }
        let columns = Columns { kind, at };
        let complete = columns.missing_required().is_empty()
            && (columns.col(Field::PartnerId).is_some() || columns.has_key());
        // The kind that explains most headers wins, so a customers sheet
        // that lacks one column is reported as such instead of passing for
        // a partners list; on a tie a complete kind, then the earlier kind.
        let better = best
            .as_ref()
            .is_none_or(|(m, c, _)| (matched, complete) > (*m, *c));
        if better {
            best = Some((matched, complete, columns));
        }
    }
    match best {
        Some((_, true, columns)) => Classified::Header(columns),
        // A partial match needs an id column (the partner's, or the
        // customer's or person's) and one more header to be a header row
        // someone meant, rather than a title or a data row.
        Some((m, _, c)) if m >= 2 && (c.col(Field::PartnerId).is_some() || c.has_key()) => {
            Classified::Partial(c)
        }
        _ => Classified::NotAHeader,
    }
}

impl Columns {
    /// Whether the sheet has the id column its kind's rows are keyed by
    /// (Customer ID, Person ID; the partner id for the partners list).
    fn has_key(&self) -> bool {
        match self.kind {
            SheetKind::Customers => self.col(Field::CustomerId).is_some(),
            SheetKind::Transcripts => self.col(Field::PersonId).is_some(),
            SheetKind::Partners => self.col(Field::PartnerId).is_some(),
            SheetKind::BusinessAppsRevenue | SheetKind::BusinessAppsUsage => {
                self.col(Field::CustomerId).is_some()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Classified {
        fn unwrap(self) -> Columns {
            match self {
                Classified::Header(c) => c,
                other => panic!("not a complete header: {other:?}"),
            }
        }
    }

    fn row(headers: &[&str]) -> Vec<(u32, String)> {
        headers
            .iter()
            .enumerate()
            .map(|(i, h)| (i as u32, h.to_string()))
            .collect()
    }

    #[test]
    fn field_count_matches_the_enum() {
        assert_eq!(Field::ActiveCapacity as usize + 1, Field::COUNT);
    }

    #[test]
    fn english_customer_headers_in_any_order() {
        let c = classify(&row(&[
            "Workload",
            "Active Users",
            "Partner ID",
            "Customer ID",
            "Association",
        ]))
        .unwrap();
        assert_eq!(c.kind(), SheetKind::Customers);
        assert_eq!(c.col(Field::PartnerId), Some(2));
        assert_eq!(c.col(Field::SkuType), None);
    }

    #[test]
    fn german_headers_are_recognised() {
        let c = classify(&row(&[
            "Partner-ID",
            "Partnername",
            "Kunden-ID",
            "Kundenname",
            "Arbeitslast",
            "Aktive Benutzer",
            "SKU-Typ",
            "Zuordnung",
            "Land",
        ]))
        .unwrap();
        assert_eq!(c.kind(), SheetKind::Customers);
        assert_eq!(c.header(Field::ActiveUsers), "Aktive Benutzer");
        let t = classify(&row(&[
            "partner id",
            "PERSONEN-ID",
            "Name",
            "Prüfung",
            "Bestanden am",
        ]))
        .unwrap();
        assert_eq!(t.kind(), SheetKind::Transcripts);
        assert_eq!(t.col(Field::DatePassed), Some(4));
    }

    #[test]
    fn customer_since_is_an_optional_customer_column() {
        let c = classify(&row(&[
            "Partner ID",
            "Customer ID",
            "Workload",
            "Active Users",
            "Association",
            "Customer Since",
        ]))
        .unwrap();
        assert_eq!(c.kind(), SheetKind::Customers);
        assert_eq!(c.col(Field::CustomerSince), Some(5));
        let german = classify(&row(&[
            "Partner-ID",
            "Kunden-ID",
            "Arbeitslast",
            "Aktive Benutzer",
            "Zuordnung",
            "Hinzugefügt am",
        ]))
        .unwrap();
        assert_eq!(german.col(Field::CustomerSince), Some(5));
    }

    #[test]
    fn partner_centers_insights_downloads_are_told_apart() {
        // The columns of the data definitions, in their order.
        let office = classify(&row(&[
            "PGAPartnerID",
            "CustomerTenantId",
            "CustomerTpid",
            "WorkloadName",
            "Month",
            "PaidAvailableUnits",
            "MonthlyActiveUsers",
            "CustomerName",
            "PartnerID",
            "PartnerName",
            "PartnerAttributionType",
            "IsDuplicateRowForPGA",
        ]))
        .unwrap();
        assert_eq!(office.kind(), SheetKind::Customers);
        assert_eq!(office.download(), Download::OfficeUsage);
        assert_eq!(office.col(Field::PartnerId), Some(8));
        assert_eq!(office.col(Field::Snapshot), Some(4));
        assert_eq!(office.col(Field::QualifiedLicences), Some(5));
        assert_eq!(office.col(Field::Association), Some(10));
        assert!(!office.wide_workloads());

        let cpor = classify(&row(&[
            "CustomerTenantId",
            "CustomerName",
            "WorkloadName",
            "MonthlyActiveUsers",
            "PaidAvailableUnits",
            "ClaimId",
            "MpnId",
            "DateAssociated",
            "PartnerAttributionType",
            "Date",
        ]))
        .unwrap();
        assert_eq!(cpor.download(), Download::CporUsage);
        assert_eq!(cpor.col(Field::AssociatedOn), Some(7));
        assert_eq!(cpor.col(Field::Snapshot), Some(9));

        let ems = classify(&row(&[
            "PGAMpnID",
            "SubscriptionId",
            "Month",
            "SKU",
            "FreeVsPaidSKU",
            "CustomerName",
            "CustomerTenantId",
            "MPNID",
            "PartnerAttributionType",
            "PaidAvailableUnits",
            "MonthlyActiveUsers",
            "AADPPaidAvailableUnits",
            "IntunePaidAvailableUnits",
            "AADPMonthlyActiveUsers",
            "IntuneMonthlyActiveUsers",
        ]))
        .unwrap();
        assert_eq!(ems.download(), Download::EmsUsage);
        assert!(ems.wide_workloads());
        assert_eq!(ems.col(Field::SkuType), Some(4));
        assert_eq!(ems.col(Field::IntuneActive), Some(14));
        // Without the columns per workload, a sheet lacking Workload is a
        // customers sheet that lacks it.
        let Classified::Partial(partial) = classify(&row(&[
            "MPNID",
            "CustomerTenantId",
            "MonthlyActiveUsers",
            "PartnerAttributionType",
        ])) else {
            panic!("expected a partial match");
        };
        assert_eq!(partial.missing_required(), vec![Field::Workload]);

        let api = classify(&row(&[
            "customerTenantId",
            "workloadCode",
            "licensesActive",
            "licensesQualified",
            "processedDateTime",
            "channel",
        ]))
        .unwrap();
        assert_eq!(api.download(), Download::LicenseUsage);
        let template = classify(&row(&[
            "Partner ID",
            "Customer ID",
            "Workload",
            "Active Users",
            "Qualified Licences",
            "Association",
            "Snapshot Date",
        ]))
        .unwrap();
        assert_eq!(template.download(), Download::CustomerList);

        let training = classify(&row(&[
            "PGAMpnId",
            "TrainingActivityId",
            "TrainingTitle",
            "TrainingType",
            "IndividualFirstName",
            "IndividualLastName",
            "Email",
            "CorpEmail",
            "TrainingCompletionDate",
            "ExpirationDate",
            "ActivationStatus",
            "Month",
            "IcMCP",
            "MCPID",
            "MpnId",
            "PartnerName",
        ]))
        .unwrap();
        assert_eq!(training.kind(), SheetKind::Transcripts);
        assert_eq!(training.col(Field::PartnerId), Some(14));
        assert_eq!(training.col(Field::PersonId), Some(6));
        assert_eq!(training.col(Field::Credential), Some(2));
        assert_eq!(training.col(Field::DatePassed), Some(8));
        assert_eq!(training.col(Field::Expires), Some(9));
        assert_eq!(training.col(Field::PersonFirstName), Some(4));
        assert_eq!(training.col(Field::PersonLastName), Some(5));
    }

    #[test]
    fn email_means_person_on_transcripts_and_contact_on_partners() {
        let t = classify(&row(&["Partner ID", "E-Mail", "Exam"])).unwrap();
        assert_eq!(t.kind(), SheetKind::Transcripts);
        assert_eq!(t.col(Field::PersonId), Some(1));
        let p = classify(&row(&["Partner ID", "Partner Name", "Market", "E-Mail"])).unwrap();
        assert_eq!(p.kind(), SheetKind::Partners);
        assert_eq!(p.col(Field::ContactEmail), Some(3));
    }

    #[test]
    fn a_header_missing_a_required_column_is_a_partial_match() {
        let partial = classify(&row(&[
            "Partner ID",
            "Customer ID",
            "Workload",
            "Active Users",
        ]));
        // Partner ID alone would satisfy the partners kind, but the customer
        // headers explain more of the row: it is a customers sheet lacking
        // its Association column.
        let Classified::Partial(columns) = partial else {
            panic!("expected a partial match, got {partial:?}");
        };
        assert_eq!(columns.kind(), SheetKind::Customers);
        assert_eq!(columns.missing_required(), vec![Field::Association]);
        let partners = classify(&row(&["Partner ID", "Partner Name", "Country"])).unwrap();
        assert_eq!(partners.kind(), SheetKind::Partners);
        let title = classify(&row(&["Northwind Distribution - Office 365 customers"]));
        assert!(matches!(title, Classified::NotAHeader));
    }
}
