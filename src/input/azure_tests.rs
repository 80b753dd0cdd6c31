//! Partner Center's Azure consumed revenue downloads read as they come:
//! their sheets classified by their headers (`AzureUsage`, its older
//! names, `CustomersAndTenants`), every row typed or a problem at its cell,
//! a semicolon export's decimal commas followed.

use crate::input::amount::DecimalMark;
use crate::input::cache::RowCache;
use crate::input::discover::Found;
use crate::input::row_reader::{RowFate, SheetRows, read_row, read_row_cached};
use crate::input::rows::Rows;
use crate::input::schema::{Classified, Columns, Field, SheetKind, classify};
use crate::input::value::Value;
use crate::input::{ReadOptions, read_file};
use crate::model::{Amount, Association, CalendarMonth};
use crate::problem::Location;
use crate::rules::Rules;

/// Whole dollars.
fn usd(dollars: i64) -> Option<Amount> {
    Amount::whole(dollars)
}

/// The sample `AzureUsage` download (every documented column, in the data
/// definitions' order, as `make_samples` writes it).
const SAMPLE: &str = include_str!("../../samples/.azure/AzureUsage-2026-06.csv");

/// The `AzureUsage` download's columns, as the sample's header gives them.
fn azure_usage() -> Vec<&'static str> {
    let header = SAMPLE.lines().next().unwrap_or_default();
    header.trim_start_matches('\u{feff}').split(',').collect()
}

fn header(names: &[&str]) -> Vec<(u32, String)> {
    names
        .iter()
        .enumerate()
        .map(|(i, h)| (i as u32, h.to_string()))
        .collect()
}

fn columns(names: &[&str]) -> Columns {
    match classify(&header(names)) {
        Classified::Header(c) => c,
        other => panic!("{names:?} do not classify: {other:?}"),
    }
}

#[test]
fn partner_centers_revenue_downloads_are_azure_consumption() {
    let documented = azure_usage();
    assert_eq!(documented.len(), 38);
    let usage = columns(&documented);
    assert_eq!(usage.kind(), SheetKind::AzureConsumption);
    let at = |f| usage.col(f);
    assert_eq!(at(Field::PartnerId), Some(23));
    assert_eq!(at(Field::CustomerId), Some(19));
    assert_eq!(at(Field::Segment), Some(21));
    assert_eq!(at(Field::Month), Some(6));
    assert_eq!(at(Field::ServiceLevel2), Some(8));
    assert_eq!(at(Field::Association), Some(26));
    assert_eq!(at(Field::AssociationType), Some(36));
    assert_eq!(at(Field::Subscription), Some(1));
    assert_eq!(at(Field::Acr), Some(37));
    assert_eq!(at(Field::Offer), None);

    // The older system query's names.
    let older = columns(&[
        "PGAMpnId",
        "SubscriptionId",
        "Month",
        "ServiceName",
        "MeterCategory",
        "CustomerName",
        "CustomerTenantId",
        "CustomerSegment",
        "MpnId",
        "PartnerName",
        "PartnerLocationID",
        "PartnerAttributionType",
        "MonthlySubscriptionLevelACR",
        "TotalACR",
    ]);
    assert_eq!(older.kind(), SheetKind::AzureConsumption);
    assert_eq!(older.col(Field::ServiceLevel2), Some(4));
    assert_eq!(older.col(Field::ServiceLevel3), Some(3));
    assert_eq!(older.col(Field::Acr), Some(12));
    assert_eq!(older.col(Field::PartnerId), Some(8));

    // `CustomersAndTenants`: revenue per product, no service level.
    let customers = columns(&[
        "PGAMpnId",
        "MpnId",
        "PartnerName",
        "CustomerName",
        "CustomerTpid",
        "DUNSNumber",
        "CustomerSegment",
        "TopSegment",
        "CustomerMarket",
        "CustomerStatus",
        "CustomerTenantId",
        "CustomerTenantName",
        "CustomerTenantCountry",
        "TenantDomainName",
        "Product",
        "RawProductName",
        "ProductPartNumber",
        "SKU",
        "Month",
        "PartnerLocationID",
        "PartnerAttributionType",
        "SalesChannel",
        "IsDuplicateRowForPGA",
        "AvailableSeats",
        "BilledRevenueUSD",
        "AzureConsumedRevenueUSD",
    ]);
    assert_eq!(customers.kind(), SheetKind::AzureConsumption);
    assert_eq!(customers.col(Field::Acr), Some(25));
    assert_eq!(customers.col(Field::CustomerName), Some(3));
    assert_eq!(customers.col(Field::Product), Some(14));
    assert_eq!(customers.col(Field::ServiceLevel2), None);

    // Licence rows stay customer rows.
    let licences = columns(&[
        "Partner ID",
        "Customer ID",
        "Workload",
        "Active Users",
        "Association",
    ]);
    assert_eq!(licences.kind(), SheetKind::Customers);
    // Revenue rows without an amount are a revenue sheet lacking it.
    let Classified::Partial(partial) = classify(&header(&[
        "MPNID",
        "CustomerTenantId",
        "CustomerSegment",
        "Month",
        "ServiceLevel2",
        "PartnerAttributionType",
    ])) else {
        panic!("expected a partial match");
    };
    assert_eq!(partial.kind(), SheetKind::AzureConsumption);
    assert_eq!(partial.missing_required(), vec![Field::Acr]);
}

const SHORT: &[&str] = &[
    "MPNID",
    "PartnerName",
    "CustomerTenantId",
    "CustomerName",
    "CustomerSegment",
    "Month",
    "ServiceLevel1",
    "ServiceLevel2",
    "PartnerAttributionType",
    "AssociationType",
    "SubscriptionId",
    "ACR_USD",
];

fn t(s: &str) -> Value {
    Value::Text(s.into())
}

fn read(headers: &[&str], rows: &[Vec<Value>], decimal_mark: Option<DecimalMark>) -> Rows {
    let rules = Rules::default_rules().unwrap();
    let sheet = Location::sheet("AzureUsage.xlsx".into(), "AzureUsage".into());
    let columns = columns(headers);
    let mut out = Rows::default();
    let mut cache = RowCache::default();
    for (r, values) in rows.iter().enumerate() {
        let cells: Vec<(u32, Value)> = values
            .iter()
            .cloned()
            .enumerate()
            .filter(|(_, v)| *v != Value::Empty)
            .map(|(i, v)| (i as u32, v))
            .collect();
        let rows = SheetRows {
            decimal_mark,
            month_first_dates: true,
            ..SheetRows::new(&columns, &sheet, &rules)
        };
        read_row_cached(&rows, r as u32 + 1, &cells, &mut out, &mut cache);
    }
    out
}

fn row(month: &str, amount: Value) -> Vec<Value> {
    vec![
        Value::Number(4_000_001.0),
        t("Adatum Cloud Services"),
        t("9f1c2d3e-0000-4000-8000-000000000a01"),
        t("Alpine Ski House"),
        t("Major Commercial"),
        t(month),
        t("Databases"),
        t("SQL Database"),
        t("CSP"),
        t("CSP Tier 1"),
        t("sub-a01"),
        amount,
    ]
}

#[test]
fn a_revenue_row_is_typed_once() {
    let out = read(
        SHORT,
        &[
            row("2026-05-01", t("1.234,56")),
            row("5/1/2026 12:00:00 AM", Value::Number(12.5)),
            row("2026-04", t("-3,00")),
        ],
        Some(DecimalMark::Comma),
    );
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.acr.len(), 3);
    let a = &out.acr[0];
    assert_eq!(a.partner.as_str(), "4000001");
    assert_eq!(a.partner_name.as_deref(), Some("Adatum Cloud Services"));
    assert_eq!(
        a.customer.as_ref().unwrap().as_str(),
        "9f1c2d3e-0000-4000-8000-000000000a01"
    );
    assert_eq!(a.customer_name.as_deref(), Some("Alpine Ski House"));
    assert_eq!(a.segment.as_deref(), Some("Major Commercial"));
    assert_eq!(a.month, CalendarMonth::new(2026, 5));
    assert_eq!(a.services[0].as_deref(), Some("Databases"));
    assert_eq!(a.service(), Some("SQL Database"));
    assert_eq!(a.services[2], None);
    assert_eq!(a.association, Some(Association::TransactingPartner));
    assert_eq!(a.association_type.as_deref(), Some("CSP Tier 1"));
    assert_eq!(a.subscription.as_deref(), Some("sub-a01"));
    assert_eq!(a.amount, Some(Amount::from_micros(1_234_560_000)));
    assert!(a.invalid.is_none());
    assert_eq!(a.source.excel_row(), Some(2));
    assert_eq!(out.acr[1].month, CalendarMonth::new(2026, 5));
    assert_eq!(out.acr[1].amount, Some(Amount::from_micros(12_500_000)));
    assert_eq!(out.acr[2].month, CalendarMonth::new(2026, 4));
    assert_eq!(out.acr[2].amount, usd(-3));
    // Repeated texts are one allocation.
    assert!(std::sync::Arc::ptr_eq(
        out.acr[0].services[1].as_ref().unwrap(),
        out.acr[2].services[1].as_ref().unwrap()
    ));
    assert!(std::sync::Arc::ptr_eq(
        out.acr[0].customer_name.as_ref().unwrap(),
        out.acr[1].customer_name.as_ref().unwrap()
    ));
}

#[test]
fn a_bad_cell_is_a_problem_at_its_cell_and_the_row_does_not_count() {
    let mut no_tenant = row("2026-05", t("10"));
    no_tenant[2] = Value::Empty;
    let mut unknown = row("2026-05", t("10"));
    unknown[8] = t("Reseller of Record");
    let out = read(
        SHORT,
        &[
            row("last spring", t("10")),
            row("2026-05", t("12,34,5")),
            row("2026-05", t("1,234")),
            row("2026-05", Value::Empty),
            unknown,
            no_tenant,
        ],
        None,
    );
    let cells: Vec<(String, &str)> = out
        .problems
        .iter()
        .map(|p| (p.location.cell(), p.message.as_str()))
        .collect();
    assert_eq!(
        cells,
        [
            (
                "F2".to_string(),
                "Month 'last spring' is not a month I can read (write it as 2025-07, FY26-Jul or a date)"
            ),
            (
                "L3".to_string(),
                "ACR_USD '12,34,5' is not an amount (write it as 1234.56)"
            ),
            (
                "L4".to_string(),
                "ACR_USD '1,234' could mean 1234 or 1.234: write it without the thousands separator, or with its decimals (1234.00)"
            ),
            (
                "L5".to_string(),
                "ACR_USD is blank (expected an amount in US dollars)"
            ),
            (
                "I6".to_string(),
                "PartnerAttributionType 'Reseller of Record' is not one I know (expected CSP, CSP Tier 1, CSP Tier 2, DPOR, PAL or None)"
            ),
            ("C7".to_string(), "CustomerTenantId is blank"),
        ]
    );
    assert!(
        out.problems
            .iter()
            .all(|p| &*p.location.file == "AzureUsage.xlsx"
                && p.location.sheet.as_deref() == Some("AzureUsage"))
    );
    assert_eq!(out.acr.len(), 6);
    assert!(out.acr.iter().all(|r| r.invalid.is_some()));
}

#[test]
fn the_association_type_stands_in_for_a_missing_attribution() {
    let headers = [
        "MPNID",
        "CustomerTenantId",
        "Month",
        "AssociationType",
        "ACR_USD",
    ];
    let out = read(
        &headers,
        &[
            vec![
                t("4000003"),
                t("c-1"),
                t("2026-05"),
                t("Partner Admin Link"),
                t("60"),
            ],
            vec![
                t("Total"),
                Value::Empty,
                Value::Empty,
                Value::Empty,
                t("60"),
            ],
        ],
        Some(DecimalMark::Point),
    );
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.acr.len(), 1);
    assert_eq!(out.acr[0].association, Some(Association::PartnerAdminLink));
    assert_eq!(
        out.acr[0].association_type.as_deref(),
        Some("Partner Admin Link")
    );
    assert_eq!(out.acr[0].amount, usd(60));
}

#[test]
fn a_total_row_is_no_partners() {
    let rules = Rules::default_rules().unwrap();
    let sheet = Location::sheet("f.xlsx".into(), "AzureUsage".into());
    let columns = columns(SHORT);
    let mut out = Rows::default();
    let cells = vec![(0, t("Total")), (11, Value::Number(9000.0))];
    let fate = read_row(
        &SheetRows::new(&columns, &sheet, &rules),
        30,
        &cells,
        &mut out,
    );
    assert_eq!(fate, RowFate::NoPartner);
    assert!(out.acr.is_empty() && out.problems.is_empty());
}

#[test]
fn a_semicolon_export_reads_decimal_commas_as_the_file_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("AzureUsage.csv");
    std::fs::write(
        &path,
        "\u{feff}MPNID;CustomerTenantId;CustomerSegment;Month;ServiceLevel2;PartnerAttributionType;ACR_USD\r\n\
         4000002;t-1;SMB Commercial;5/1/2026 12:00:00 AM;Azure Backup;CSP;1.234\r\n\
         4000002;t-1;SMB Commercial;4/1/2026 12:00:00 AM;Azure Backup;CSP;700,5\r\n\
         4000002;t-2;SMB Commercial;2026-05;Azure Monitor;DPOR;12;5\r\n",
    )
    .unwrap();
    let found = Found {
        path,
        shown: "AzureUsage.csv".into(),
        earlier_month: None,
    };
    let rules = Rules::default_rules().unwrap();
    let (summary, rows) = read_file(&found, &rules, &ReadOptions::default());
    assert!(summary.error.is_none());
    assert_eq!(summary.sheets[0].kind, Some(SheetKind::AzureConsumption));
    let amounts: Vec<Option<Amount>> = rows.acr.iter().map(|r| r.amount).collect();
    assert_eq!(amounts, [usd(1234), Some(Amount::from_micros(700_500_000))]);
    assert_eq!(rows.acr[1].month, CalendarMonth::new(2026, 4));
    // The ragged last line is the file's problem, named at its row.
    assert_eq!(rows.problems.len(), 1, "{:?}", rows.problems);
    assert_eq!(rows.problems[0].location.excel_row(), Some(4));
}
