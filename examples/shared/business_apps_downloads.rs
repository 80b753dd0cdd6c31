//! What the examples that write Partner Center's Business Applications
//! downloads share (`make_samples`' hand-worked sample and `generate
//! --business-apps`): their columns and month names, so both write the
//! downloads exactly as one another.

/// The revenue download's columns, as Partner Center names them.
pub(crate) const REVENUE_COLUMNS: [&str; 14] = [
    "FiscalMonthName",
    "GlobalPartnerID",
    "PartnerName",
    "PartnerAssociationType",
    "CustomerID",
    "CustomerName",
    "CustomerTenantID",
    "CustomerTenantName",
    "SubscriptionId",
    "SubscriptionStartDate",
    "Country",
    "WorkloadCategory",
    "Workloads",
    "AdjustedRevenueAmtCD",
];

/// The usage download's columns.
pub(crate) const USAGE_COLUMNS: [&str; 17] = [
    "FiscalMonthName",
    "GlobalPartnerID",
    "PartnerName",
    "PartnerAssociationType",
    "CustomerID",
    "CustomerName",
    "CustomerTenantID",
    "CustomerTenantName",
    "SubscriptionID",
    "SubscriptionStartDate",
    "MetricType",
    "WorkloadCategory",
    "Workload",
    "SkuGroup",
    "PAMAU",
    "MAC",
    "MAU",
];

/// Partner Center's fiscal month name of a calendar month (1 to 12):
/// `FY26-Apr` is April 2026, `FY26-Jul` July 2025 (the fiscal year starts in
/// July).
pub(crate) fn fiscal_month_name(year: i32, month: u32) -> String {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let fiscal = if month >= 7 { year + 1 } else { year };
    format!("FY{:02}-{}", fiscal % 100, NAMES[month as usize - 1])
}
