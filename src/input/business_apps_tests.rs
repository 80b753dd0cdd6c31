//! The Business Applications downloads read as they come: CSV (Partner
//! Center's own, and re-saved by a decimal-comma Excel) and workbooks, their
//! sheets classified by their headers, every row typed or a problem at its
//! cell. The rules are the draft Business Applications rule set's common
//! part (its workload vocabulary).

use std::path::Path;

use crate::input::rows::{RevenueRow, UsageRow, WorkloadCell};
use crate::input::schema::{Classified, Field, SheetKind, classify};
use crate::input::{Found, ReadOptions, Rows, SheetStatus, read_file};
use crate::model::{Amount, Association, CalendarMonth, Sku, Workload};
use crate::rules::Rules;

/// The draft rule set, whose common part the inputs read.
pub(crate) const DRAFT: &str =
    include_str!("../../templates/drafts/solutions-partner-business-applications.toml");

fn rules() -> Rules {
    Rules::common_of(DRAFT, "draft").expect("the draft's common part is valid")
}

/// Reads `bytes` as the file `shown` (under a folder of that name, so a
/// partner folder attributes it).
fn read(shown: &str, bytes: &[u8]) -> (Rows, Vec<SheetStatus>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(shown);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    let found = Found {
        path,
        shown: shown.to_string(),
        earlier_month: None,
    };
    let (summary, rows) = read_file(&found, &rules(), &ReadOptions::default());
    let statuses = summary.sheets.iter().map(|s| s.status.clone()).collect();
    (rows, statuses)
}

fn month(year: i32, m: u32) -> Option<CalendarMonth> {
    CalendarMonth::new(year, m)
}

fn usd(dollars: &str) -> Option<Amount> {
    let (whole, cents) = dollars.split_once('.').unwrap_or((dollars, "0"));
    let cents = format!("{cents:0<6}");
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    let whole: i64 = whole.trim_start_matches('-').parse().unwrap();
    Some(Amount::from_micros(
        sign * (whole * 1_000_000 + cents.parse::<i64>().unwrap()),
    ))
}

/// A revenue row as a test sees it: month, association, tenant, workload,
/// revenue.
type RevenueSeen<'a> = (
    Option<CalendarMonth>,
    Option<Association>,
    &'a str,
    Option<WorkloadCell>,
    Option<Amount>,
);

/// A usage row as a test sees it: metric type, workload, PAMAU, MAC, MAU.
type UsageSeen = (
    Option<Sku>,
    Option<WorkloadCell>,
    Option<u64>,
    Option<Amount>,
    Option<u64>,
);

fn counted(name: &str) -> Option<WorkloadCell> {
    Some(WorkloadCell::Counted(Workload::new(name)))
}

const REVENUE_HEADER: &str = "FiscalMonthName,GlobalPartnerID,PartnerName,PartnerAssociationType,CustomerID,CustomerName,CustomerTenantID,CustomerTenantName,SubscriptionId,SubscriptionStartDate,Country,WorkloadCategory,Workloads,AdjustedRevenueAmtCD";

const USAGE_HEADER: &str = "FiscalMonthName,GlobalPartnerID,PartnerName,PartnerAssociationType,CustomerID,CustomerName,CustomerTenantID,CustomerTenantName,SubscriptionID,SubscriptionStartDate,MetricType,WorkloadCategory,Workload,SkuGroup,PAMAU,MAC,MAU";

fn headers(line: &str) -> Vec<(u32, String)> {
    line.split(',')
        .enumerate()
        .map(|(i, h)| (i as u32, h.to_string()))
        .collect()
}

#[test]
fn the_downloads_are_told_apart_by_their_headers() {
    let Classified::Header(revenue) = classify(&headers(REVENUE_HEADER)) else {
        panic!("the revenue download's header classifies");
    };
    assert_eq!(revenue.kind(), SheetKind::BusinessAppsRevenue);
    // The tenant, not Microsoft's customer record, keys a row.
    assert_eq!(revenue.col(Field::CustomerId), Some(6));
    assert_eq!(revenue.col(Field::CustomerName), Some(7));
    assert_eq!(revenue.col(Field::Workload), Some(12));
    assert_eq!(revenue.col(Field::Revenue), Some(13));
    assert_eq!(revenue.col(Field::PartnerId), Some(1));

    let Classified::Header(usage) = classify(&headers(USAGE_HEADER)) else {
        panic!("the usage download's header classifies");
    };
    assert_eq!(usage.kind(), SheetKind::BusinessAppsUsage);
    assert_eq!(usage.col(Field::AttachedUsers), Some(14));
    assert_eq!(usage.col(Field::ActiveCapacity), Some(15));
    assert_eq!(usage.col(Field::ActiveUsers), Some(16));
    assert_eq!(usage.col(Field::Subscription), Some(8));

    // A usage download without its metric type is a usage sheet lacking a
    // column, said so, not something else read without it.
    let without = USAGE_HEADER.replace("MetricType,", "");
    let Classified::Partial(partial) = classify(&headers(&without)) else {
        panic!("a usage sheet without MetricType is a partial match");
    };
    assert_eq!(partial.kind(), SheetKind::BusinessAppsUsage);
    assert_eq!(partial.missing_required(), vec![Field::MetricType]);
    assert_eq!(
        SheetKind::BusinessAppsUsage.column_name(Field::MetricType),
        "MetricType"
    );
    assert_eq!(
        SheetKind::BusinessAppsRevenue.column_name(Field::CustomerId),
        "CustomerTenantID"
    );
}

#[test]
fn partner_centers_revenue_csv_is_typed_row_by_row() {
    let csv = format!(
        "\u{feff}{REVENUE_HEADER}\r\n\
         FY26-Jul,1000101,Contoso Dynamics,CSP T1,C-1,Alpine,t-alpine,Alpine Ski House,sub-1,7/1/2024,US,Dynamics 365,Business Central,6250.50\r\n\
         FY26-Jan,1000101,Contoso Dynamics,DPOR,C-1,Alpine,t-alpine,Alpine Ski House,sub-2,7/1/2024,US,Dynamics 365,Dynamics 365 Sales,\"1,500.00\"\r\n\
         FY25-Jun,1000101,Contoso Dynamics,PAL,C-2,Bellows,t-bellows,Bellows College,sub-3,7/1/2024,US,Power Platform,Power Apps,-120\r\n\
         FY26-Aug,1000101,Contoso Dynamics,CPOR RevRec Performance,C-2,Bellows,t-bellows,Bellows College,sub-4,7/1/2024,US,Dynamics 365,Marketing,99.999\r\n"
    );
    let (rows, statuses) = read("BizAppsRevenue.csv", csv.as_bytes());
    assert_eq!(
        statuses,
        [SheetStatus::Read(SheetKind::BusinessAppsRevenue)]
    );
    assert!(rows.problems.is_empty(), "{:?}", rows.problems);
    assert!(rows.customers.is_empty() && rows.usage.is_empty());
    let got: Vec<RevenueSeen<'_>> = rows
        .revenue
        .iter()
        .map(|r: &RevenueRow| {
            (
                r.month,
                r.association,
                r.customer.as_ref().unwrap().as_str(),
                r.workload.clone(),
                r.revenue,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                month(2025, 7),
                Some(Association::CspTier1),
                "t-alpine",
                counted("Business Central"),
                usd("6250.5")
            ),
            (
                month(2026, 1),
                Some(Association::DigitalPartnerOfRecord),
                "t-alpine",
                counted("Sales"),
                usd("1500")
            ),
            (
                month(2025, 6),
                Some(Association::PartnerAdminLink),
                "t-bellows",
                counted("Power Apps"),
                usd("-120")
            ),
            (
                month(2025, 8),
                Some(Association::CporRevRecPerformance),
                "t-bellows",
                Some(WorkloadCell::Other("Marketing".into())),
                usd("99.999"),
            ),
        ]
    );
    let first = &rows.revenue[0];
    assert_eq!(first.partner.as_str(), "1000101");
    assert_eq!(first.partner_name.as_deref(), Some("Contoso Dynamics"));
    assert_eq!(first.customer_name.as_deref(), Some("Alpine Ski House"));
    assert_eq!(first.subscription.as_deref(), Some("sub-1"));
    assert_eq!(first.workload_category.as_deref(), Some("Dynamics 365"));
    assert_eq!(first.source.excel_row(), Some(2));
    assert!(rows.revenue.iter().all(|r| r.invalid.is_none()));
}

#[test]
fn a_decimal_comma_excel_save_is_read_as_written() {
    // Excel with a decimal comma saves ';'-separated text: its 1.500 is
    // fifteen hundred, its 1,5 one and a half.
    let csv = "Workloads;FiscalMonthName;PartnerAssociationType;CustomerTenantID;AdjustedRevenueAmtCD\n\
               Business Central;FY26-Jul;CSP T2;t-1;1.500\n\
               Power BI;FY26-Jul;CSP T2;t-1;1,5\n\
               Finance;FY26-Jul;CSP T2;t-1;12.345,67\n";
    let (rows, _) = read("1000102 Fabrikam/revenue.csv", csv.as_bytes());
    assert!(rows.problems.is_empty(), "{:?}", rows.problems);
    let amounts: Vec<Option<Amount>> = rows.revenue.iter().map(|r| r.revenue).collect();
    assert_eq!(amounts, [usd("1500"), usd("1.5"), usd("12345.67")]);
    // No GlobalPartnerID column: the folder says whose it is.
    assert!(rows.revenue.iter().all(|r| r.partner.as_str() == "1000102"));
    assert_eq!(rows.revenue[0].partner_name.as_deref(), Some("Fabrikam"));
}

#[test]
fn usage_rows_keep_users_capacity_and_the_metric_type() {
    let csv = format!(
        "{USAGE_HEADER}\n\
         FY26-Mar,1000101,Contoso,PAL,C-1,Alpine,t-alpine,Alpine Ski House,sub-1,,Paid,Power Platform,Power App,Per User,55,,60\n\
         FY26-Mar,1000101,Contoso,PAL,C-1,Alpine,t-alpine,Alpine Ski House,sub-2,,Paid,Dynamics 365,Customer Insights Partner,Profiles,,\"50,000\",\n\
         FY26-Mar,1000101,Contoso,CSP T1,C-1,Alpine,t-alpine,Alpine Ski House,sub-3,,Trial,Dynamics 365,Business Central,Premium,10,,12\n"
    );
    let (rows, statuses) = read("BizAppsUsage.csv", csv.as_bytes());
    assert_eq!(statuses, [SheetStatus::Read(SheetKind::BusinessAppsUsage)]);
    assert!(rows.problems.is_empty(), "{:?}", rows.problems);
    let got: Vec<UsageSeen> = rows
        .usage
        .iter()
        .map(|r: &UsageRow| {
            (
                r.metric,
                r.workload.clone(),
                r.attached_users,
                r.active_capacity,
                r.active_users,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(Sku::Paid),
                counted("Power Apps"),
                Some(55),
                None,
                Some(60)
            ),
            (
                Some(Sku::Paid),
                counted("Customer Insights"),
                None,
                usd("50000"),
                None
            ),
            (
                Some(Sku::Trial),
                counted("Business Central"),
                Some(10),
                None,
                Some(12)
            ),
        ]
    );
    assert!(rows.usage.iter().all(|r| r.month == month(2026, 3)));
    assert_eq!(rows.usage[0].sku_group.as_deref(), Some("Per User"));
    assert!(rows.usage[0].sku_group.is_some());
}

#[test]
fn a_bad_cell_is_a_problem_at_its_cell_and_the_row_is_kept_invalid() {
    let csv = format!(
        "{USAGE_HEADER}\n\
         FY26-Mar,1000101,Contoso,Reseller,C-1,A,t-a,A,s,,Paid,D365,Sales,,5,,5\n\
         FY26-13,1000101,Contoso,DPOR,C-1,A,t-a,A,s,,Paid,D365,Sales,,5,,5\n\
         FY26-Mar,1000101,Contoso,DPOR,C-1,A,t-a,A,s,,,D365,Sales,,5,,5\n\
         FY26-Mar,1000101,Contoso,DPOR,C-1,A,t-a,A,s,,Paid,D365,Sales,,5.5,,5\n\
         FY26-Mar,1000101,Contoso,DPOR,C-1,A,t-a,A,s,,Paid,D365,Sales,,,,\n\
         FY26-Mar,1000101,Contoso,DPOR,C-1,A,t-a,A,s,,Paid,D365,Customer Insights,,,-3,\n\
         FY26-Mar,1000101,Contoso,DPOR,C-1,A,,A,s,,Paid,D365,Sales,,5,,5\n"
    );
    let (rows, _) = read("usage.csv", csv.as_bytes());
    let problems: Vec<(String, String)> = rows
        .problems
        .iter()
        .map(|p| (p.location.cell(), p.message.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            (
                "D2".to_string(),
                "PartnerAssociationType 'Reseller' is not one I know (expected CSP T1, CSP T2, DPOR, PAL, CPOR RevRec, CPOR OSA, CPOR RevRec Performance or CPOR OSU)".to_string()
            ),
            (
                "A3".to_string(),
                "FiscalMonthName 'FY26-13' is not a month I can read (write it as Partner Center does, FY26-Jul, or as 2025-07)".to_string()
            ),
            ("K4".to_string(), "MetricType is blank".to_string()),
            (
                "O5".to_string(),
                "PAMAU '5.5' is not a whole number (write whole users, without decimals)".to_string()
            ),
            ("O6".to_string(), "PAMAU, MAU and MAC are all blank: the row says no usage".to_string()),
            ("P7".to_string(), "MAC '-3' is negative".to_string()),
            ("G8".to_string(), "CustomerTenantID is blank".to_string()),
        ]
    );
    assert_eq!(rows.usage.len(), 7);
    assert!(rows.usage.iter().all(|r| r.invalid.is_some()));
    assert_eq!(
        rows.usage[0].invalid.as_deref(),
        Some(problems[0].1.as_str())
    );
}

#[test]
fn a_workbook_download_reads_its_dates_and_numbers_as_cells() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Revenue").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in [
        "FiscalMonthName",
        "CustomerTenantID",
        "PartnerAssociationType",
        "Workloads",
        "AdjustedRevenueAmtCD",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // A month as a date cell, another as Partner Center's fiscal text.
    let july = ExcelDateTime::from_ymd(2025, 7, 1).unwrap();
    sheet
        .write_datetime_with_format(1, 0, &july, &date)
        .unwrap();
    sheet.write_string(2, 0, "FY26-Jun").unwrap();
    for r in 1..=2 {
        sheet.write_string(r, 1, "t-1").unwrap();
        sheet.write_string(r, 2, "DPOR").unwrap();
        sheet.write_string(r, 3, "Finance").unwrap();
    }
    sheet.write_number(1, 4, 1234.56).unwrap();
    // Text with one mark before three digits: a workbook does not say
    // which mark is its decimal one, so the cell is a problem.
    sheet.write_string(2, 4, "1.500").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let (rows, statuses) = read(
        Path::new("1000103 Northwind/revenue.xlsx")
            .to_str()
            .unwrap(),
        &bytes,
    );
    assert_eq!(
        statuses,
        [SheetStatus::Read(SheetKind::BusinessAppsRevenue)]
    );
    assert_eq!(rows.revenue[0].month, month(2025, 7));
    assert_eq!(rows.revenue[0].revenue, usd("1234.56"));
    assert_eq!(rows.revenue[1].month, month(2026, 6));
    assert_eq!(rows.revenue[1].revenue, None);
    assert_eq!(rows.problems.len(), 1);
    assert_eq!(rows.problems[0].location.cell(), "E3");
    assert_eq!(
        rows.problems[0].message,
        "AdjustedRevenueAmtCD '1.500' could mean 1500 or 1.500: write it without the thousands separator, or with its decimals (1500.00)"
    );
}

#[test]
fn a_tenant_is_shown_alike_in_every_download() {
    let revenue = format!("{REVENUE_HEADER}\nFY26-Jul,1,P,DPOR,,,T-ALPINE,,,,,,Finance,10\n");
    let usage = format!("{USAGE_HEADER}\nFY26-Jul,1,P,DPOR,,,t-alpine,,,,Paid,,Finance,,1,,1\n");
    let (mut a, _) = read("revenue.csv", revenue.as_bytes());
    let (b, _) = read("usage.csv", usage.as_bytes());
    a.append(b);
    a.unify_spellings();
    assert_eq!(a.usage[0].customer.as_ref().unwrap().as_str(), "T-ALPINE");
}

/// The hand-worked sample (samples/README.md): every row typed, none a
/// problem, and the April figures the README works from read exactly.
#[test]
fn the_sample_downloads_read_as_the_readme_lists_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/.business-applications");
    let inputs =
        crate::input::read_inputs(&[dir], &[], &rules(), crate::input::Limits::default()).unwrap();
    let rows = inputs.rows;
    assert!(rows.problems.is_empty(), "{:?}", rows.problems);
    assert!(rows.revenue.iter().all(|r| r.invalid.is_none()));
    assert!(rows.usage.iter().all(|r| r.invalid.is_none()));
    let count = |partner: &str, revenue: bool| {
        if revenue {
            rows.revenue
                .iter()
                .filter(|r| r.partner.as_str() == partner)
                .count()
        } else {
            rows.usage
                .iter()
                .filter(|r| r.partner.as_str() == partner)
                .count()
        }
    };
    assert_eq!(
        [
            count("4000101", true),
            count("4000101", false),
            count("4000102", true),
            count("4000102", false)
        ],
        [140, 123, 91, 86]
    );
    assert_eq!(rows.credentials.len(), 26);
    // Thirteen months, April 2025 to April 2026, and Contoso's one row of
    // May 2026 (after month −1).
    let months: std::collections::BTreeSet<CalendarMonth> =
        rows.usage.iter().filter_map(|r| r.month).collect();
    assert_eq!(months.len(), 13);
    assert_eq!(months.first().copied(), month(2025, 4));
    assert_eq!(months.last().copied(), month(2026, 4));
    let may: Vec<&RevenueRow> = rows
        .revenue
        .iter()
        .filter(|r| r.month == month(2026, 5))
        .collect();
    assert_eq!(may.len(), 1);
    // Revenue summed as written, per tenant and workload, in April 2026.
    let april = |tenant: &str, workload: &str| -> Vec<(Association, Amount)> {
        rows.revenue
            .iter()
            .filter(|r| {
                r.month == month(2026, 4)
                    && r.customer_name.as_deref() == Some(tenant)
                    && r.workload == counted(workload)
            })
            .map(|r| (r.association.unwrap(), r.revenue.unwrap()))
            .collect()
    };
    assert_eq!(
        april("Coho Winery", "Customer Service"),
        [
            (Association::CspTier2, usd("5600").unwrap()),
            (Association::CspTier2, usd("-300").unwrap())
        ]
    );
    assert_eq!(
        april("Datum Corporation", "Power BI"),
        [
            (Association::CspTier1, usd("800").unwrap()),
            (Association::DigitalPartnerOfRecord, usd("800").unwrap())
        ]
    );
    // The workbook's number cells, exact to the cent.
    assert_eq!(
        april("Relecloud", "Power Apps"),
        [(Association::CspTier2, usd("249.99").unwrap())]
    );
    assert_eq!(
        april("Nod Publishers", "Business Central"),
        [(Association::CspTier2, usd("5001").unwrap())]
    );
    // Usage: Customer Insights in profiles, the others in users.
    let graphic: Vec<(Option<u64>, Option<Amount>)> = rows
        .usage
        .iter()
        .filter(|r| {
            r.month == month(2026, 4)
                && r.customer_name.as_deref() == Some("Graphic Design Institute")
        })
        .map(|r| (r.attached_users, r.active_capacity))
        .collect();
    assert_eq!(graphic, [(Some(25), None), (None, usd("60000"))]);
}
