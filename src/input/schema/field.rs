//! The columns the tool understands ([`Field`]): each one's English header
//! as the templates write it, and which of them the blank input workbooks
//! carry.

use super::WIDE_WORKLOADS;

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
    /// Applications downloads' `FiscalMonthName`, `AzureUsage`'s `Month`).
    Month,
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
    /// The customer's segment (`CustomerSegment`): which values are SMB is
    /// the rules file's to say.
    Segment,
    /// Azure's service pillar (`ServiceLevel1`: Compute, Databases...).
    ServiceLevel1,
    /// Azure's workload of the pillar (`ServiceLevel2`), the service the
    /// designations count; the older downloads' `MeterCategory`.
    ServiceLevel2,
    /// Azure's service name (`ServiceLevel3`); the older downloads'
    /// `ServiceName`.
    ServiceLevel3,
    /// Azure's feature group within the service (`ServiceLevel4`).
    ServiceLevel4,
    /// The association's type as Partner Center writes it beside the
    /// attribution (`AssociationType`): shown, and read as the association
    /// where a sheet has no attribution column.
    AssociationType,
    /// The offer or pricing level a revenue row comes from, where a download
    /// has one: some offers (support, internal, trial) never count.
    Offer,
    /// Azure consumed revenue in US dollars (`ACR_USD`).
    Acr,
}

impl Field {
    /// The number of fields, for tables indexed by field.
    pub(crate) const COUNT: usize = 47;

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
            Field::Month => "Month",
            Field::Subscription => "SubscriptionId",
            Field::WorkloadCategory => "WorkloadCategory",
            Field::Revenue => "AdjustedRevenueAmtCD",
            Field::MetricType => "MetricType",
            Field::SkuGroup => "SkuGroup",
            Field::AttachedUsers => "PAMAU",
            Field::ActiveCapacity => "MAC",
            Field::Segment => "Customer Segment",
            Field::ServiceLevel1 => "Service Level 1",
            Field::ServiceLevel2 => "Service Level 2",
            Field::ServiceLevel3 => "Service Level 3",
            Field::ServiceLevel4 => "Service Level 4",
            Field::AssociationType => "Association Type",
            Field::Offer => "Offer",
            Field::Acr => "ACR (USD)",
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
                | Field::Month
                | Field::Subscription
                | Field::WorkloadCategory
                | Field::Revenue
                | Field::MetricType
                | Field::SkuGroup
                | Field::AttachedUsers
                | Field::ActiveCapacity
                | Field::Segment
                | Field::ServiceLevel1
                | Field::ServiceLevel2
                | Field::ServiceLevel3
                | Field::ServiceLevel4
                | Field::AssociationType
                | Field::Offer
                | Field::Acr
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
