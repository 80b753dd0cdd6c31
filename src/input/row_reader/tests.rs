//! Typed rows from cells: good rows, bad cells at their place, labels and
//! blank partner ids, and the per-sheet cache changing nothing.

use super::*;
use crate::input::schema::Download;
use crate::input::schema::classify;
use crate::model::Workload;

fn columns(headers: &[&str]) -> Columns {
    let cells: Vec<(u32, String)> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (i as u32, h.to_string()))
        .collect();
    match classify(&cells) {
        crate::input::schema::Classified::Header(c) => c,
        other => panic!("headers do not classify: {other:?}"),
    }
}

fn cells(values: Vec<Value>) -> Vec<(u32, Value)> {
    values
        .into_iter()
        .enumerate()
        .filter(|(_, v)| *v != Value::Empty)
        .map(|(i, v)| (i as u32, v))
        .collect()
}

fn t(s: &str) -> Value {
    Value::Text(s.into())
}

const CUSTOMER_HEADERS: &[&str] = &[
    "Partner ID",
    "Customer ID",
    "Workload",
    "Active Users",
    "SKU Type",
    "Association",
];

fn read(values: Vec<Value>) -> (Rows, RowFate) {
    let rules = Rules::default_rules().unwrap();
    let sheet = Location::sheet("f.xlsx".into(), "Customers".into());
    let mut out = Rows::default();
    let columns = columns(CUSTOMER_HEADERS);
    let fate = read_row(
        &SheetRows::new(&columns, &sheet, &rules),
        4,
        &cells(values),
        &mut out,
    );
    (out, fate)
}

#[test]
fn a_good_customer_row_is_typed() {
    let (rows, fate) = read(vec![
        Value::Number(1_000_001.0),
        t("Tenant-A"),
        t("EXO"),
        t("1.200"),
        t("Kostenpflichtig"),
        t("DPOR"),
    ]);
    assert_eq!(fate, RowFate::Read);
    assert!(rows.problems.is_empty(), "{:?}", rows.problems);
    let row = &rows.customers[0];
    assert_eq!(row.partner.as_str(), "1000001");
    assert_eq!(row.customer.as_ref().unwrap().as_str(), "Tenant-A");
    assert_eq!(
        row.workload,
        Some(WorkloadCell::Counted(Workload::new("Exchange Online")))
    );
    assert_eq!(row.active_users, Some(1200));
    assert_eq!(row.sku, Some(Sku::Paid));
    assert_eq!(row.association, Some(Association::DigitalPartnerOfRecord));
    assert!(row.invalid.is_none());
    assert_eq!(row.source.excel_row(), Some(5));
}

#[test]
fn a_bad_value_is_a_problem_at_its_cell_and_invalidates_the_row() {
    let (rows, _) = read(vec![
        t("1000001"),
        t("A"),
        t("Yammer"),
        t("n/a"),
        Value::Empty,
        t("DAP"),
    ]);
    assert_eq!(rows.problems.len(), 1);
    assert_eq!(rows.problems[0].location.cell(), "D5");
    assert!(
        rows.problems[0]
            .message
            .contains("Active Users 'n/a' is not a number")
    );
    assert!(rows.customers[0].invalid.is_some());

    let (rows, _) = read(vec![
        t("1000001"),
        t("A"),
        t("Yammer"),
        t("10"),
        t(""),
        t("Reseller"),
    ]);
    assert_eq!(rows.problems[0].location.cell(), "F5");
    assert!(
        rows.problems[0]
            .message
            .contains("'Reseller' is not one I know")
    );
}

#[test]
fn rows_without_a_partner_are_skipped_and_flagged_only_when_keyed() {
    let (rows, fate) = read(vec![
        Value::Empty,
        Value::Empty,
        t("Total"),
        Value::Number(9000.0),
    ]);
    assert_eq!(fate, RowFate::NoPartner);
    assert!(rows.problems.is_empty() && rows.customers.is_empty());

    let (rows, fate) = read(vec![
        Value::Empty,
        t("tenant"),
        t("Yammer"),
        Value::Number(5.0),
    ]);
    assert_eq!(fate, RowFate::NoPartner);
    assert_eq!(rows.problems.len(), 1);
    assert_eq!(rows.problems[0].location.cell(), "A5");

    let (_, fate) = read(vec![t(" "), Value::Empty]);
    assert_eq!(fate, RowFate::Blank);
}

#[test]
fn customer_since_is_read_as_a_date_and_a_bad_one_is_a_problem_only() {
    let rules = Rules::default_rules().unwrap();
    let sheet = Location::sheet("f.xlsx".into(), "Customers".into());
    let mut headers = CUSTOMER_HEADERS.to_vec();
    headers.push("Customer Since");
    let columns = columns(&headers);
    let mut out = Rows::default();
    let good = cells(vec![
        t("1"),
        t("A"),
        t("Intune"),
        t("10"),
        t("Paid"),
        t("DAP"),
        t("03.05.2017"),
    ]);
    let ctx = SheetRows::new(&columns, &sheet, &rules);
    read_row(&ctx, 4, &good, &mut out);
    assert_eq!(
        out.customers[0].added_on,
        NaiveDate::from_ymd_opt(2017, 5, 3)
    );
    let bad = cells(vec![
        t("1"),
        t("B"),
        t("Intune"),
        t("10"),
        t("Paid"),
        t("DAP"),
        t("last spring"),
    ]);
    read_row(&ctx, 5, &bad, &mut out);
    assert_eq!(out.customers[1].added_on, None);
    assert!(out.customers[1].invalid.is_none());
    assert_eq!(out.problems.len(), 1);
    assert_eq!(out.problems[0].location.cell(), "G6");
}

#[test]
fn partner_ids_are_digits_labels_are_skipped_and_lookalikes_are_problems() {
    let (rows, fate) = read(vec![
        t("Total"),
        Value::Empty,
        Value::Empty,
        Value::Number(9000.0),
    ]);
    assert_eq!(fate, RowFate::NoPartner);
    assert!(rows.problems.is_empty() && rows.customers.is_empty());

    let (rows, fate) = read(vec![
        t("10O0001"),
        t("A"),
        t("Yammer"),
        t("10"),
        t("Paid"),
        t("DAP"),
    ]);
    assert_eq!(fate, RowFate::NoPartner);
    assert!(rows.customers.is_empty());
    assert_eq!(rows.problems[0].location.cell(), "A5");
    assert!(
        rows.problems[0]
            .message
            .contains("'10O0001' is not a partner id")
    );

    let (rows, _) = read(vec![
        t(" 0001 000 001 "),
        t("A"),
        t("Yammer"),
        t("10"),
        t("Paid"),
        t("DAP"),
    ]);
    assert_eq!(rows.customers[0].partner.as_str(), "1000001");
}

#[test]
fn an_uncounted_workload_is_no_problem() {
    let (rows, _) = read(vec![
        t("1"),
        t("A"),
        t("Microsoft Teams"),
        t("10"),
        t("Paid"),
        t("DAP"),
    ]);
    assert!(rows.problems.is_empty());
    assert_eq!(
        rows.customers[0].workload,
        Some(WorkloadCell::Other("Microsoft Teams".into()))
    );
}

#[test]
fn a_shared_cache_reads_rows_exactly_as_without_one() {
    let rules = Rules::default_rules().unwrap();
    let sheet = Location::sheet("f.xlsx".into(), "Customers".into());
    let columns = columns(CUSTOMER_HEADERS);
    let row = |id: Value, customer: &str, workload: &str, users: &str, sku: &str, a: &str| {
        vec![id, t(customer), t(workload), t(users), t(sku), t(a)]
    };
    let rows: Vec<Vec<Value>> = vec![
        row(t("1000001"), "A", "EXO", "10", "Paid", "DAP"),
        row(Value::Number(1_000_001.0), "B", "exo", "5", "Trial", "DAP"),
        row(t("0001000001"), "C", "Teams", "1", "Paid", "DPOR"),
        row(t("1 000 002"), "A", "EXO", "n/a", "Paid", "Reseller"),
        row(t("1000002"), "A", "Yammer", "3", "Kostenlos", "Reseller"),
        row(t("10O0002"), "A", "Yammer", "3", "Paid", "DAP"),
        row(t("10O0002"), "A", "Yammer", "3", "Paid", "DAP"),
        row(t("Total"), "", "", "19", "", ""),
        row(t(" "), "D", "EXO", "3", "Paid", "DAP"),
        row(t("1000001"), "E", "EXO", "2", "Paid", "Keine"),
    ];
    let (mut fresh, mut cached) = (Rows::default(), Rows::default());
    let mut cache = RowCache::default();
    for (r, values) in rows.into_iter().enumerate() {
        let cells = cells(values);
        let ctx = SheetRows::new(&columns, &sheet, &rules);
        let a = read_row(&ctx, r as u32, &cells, &mut fresh);
        let b = read_row_cached(&ctx, r as u32, &cells, &mut cached, &mut cache);
        assert_eq!(a, b);
    }
    assert_eq!(
        format!("{:?}", fresh.customers),
        format!("{:?}", cached.customers)
    );
    assert_eq!(fresh.problems, cached.problems);
    assert_eq!(cached.customers.len(), 6);
    assert_eq!(cached.customers[1].partner, cached.customers[2].partner);
}

/// Reads rows under `headers` (a text export's month-first dates when
/// `text`), with the rules `rules`.
fn read_sheet(rules: &str, headers: &[&str], text: bool, rows: Vec<Vec<Value>>) -> Rows {
    let rules = Rules::shipped_common(rules).unwrap();
    let sheet = Location::sheet("f.csv".into(), "".into());
    let columns = columns(headers);
    let ctx = SheetRows {
        month_first_dates: text,
        ..SheetRows::new(&columns, &sheet, &rules)
    };
    let mut out = Rows::default();
    for (r, values) in rows.into_iter().enumerate() {
        read_row(&ctx, r as u32 + 1, &cells(values), &mut out);
    }
    out
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn the_cpor_download_gives_the_association_date_and_the_month() {
    let rows = read_sheet(
        "solutions-partner-modern-work",
        &[
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
        ],
        true,
        vec![vec![
            t("b1c2"),
            t("Blue Yonder Airlines"),
            t("Teams"),
            t("100"),
            t("120"),
            t("c-77"),
            t("3000002"),
            t("10/5/2025"),
            t("CPOR"),
            t("9/1/2026"),
        ]],
    );
    assert!(rows.problems.is_empty(), "{:?}", rows.problems);
    let row = &rows.customers[0];
    assert_eq!(row.partner.as_str(), "3000002");
    assert_eq!(row.download, Download::CporUsage);
    assert_eq!(row.associated_on, day(2025, 10, 5));
    assert_eq!(row.snapshot, day(2026, 9, 1));
    assert_eq!(
        (row.active_users, row.qualified_licences),
        (Some(100), Some(120))
    );
    assert_eq!(row.association, Some(Association::ClaimingPartnerOfRecord));
}

#[test]
fn an_ems_usage_row_becomes_a_row_per_workload() {
    let headers = [
        "MPNID",
        "CustomerTenantId",
        "CustomerName",
        "Month",
        "FreeVsPaidSKU",
        "PartnerAttributionType",
        "PaidAvailableUnits",
        "MonthlyActiveUsers",
        "IntunePaidAvailableUnits",
        "IntuneMonthlyActiveUsers",
        "AADPPaidAvailableUnits",
        "AADPMonthlyActiveUsers",
    ];
    let rows = read_sheet(
        "enterprise-mobility-management-smb",
        &headers,
        true,
        vec![
            vec![
                t("3000002"),
                t("r-9"),
                t("Relecloud"),
                t("2026-09"),
                t("Paid"),
                t("CSP Indirect Reseller"),
                t("150"),
                t("120"),
                t("150"),
                t("120"),
                t("0"),
                t("0"),
            ],
            // Entra's figure is bad: its row does not count, Intune's does.
            vec![
                t("3000002"),
                t("s-1"),
                t("Southridge"),
                t("2026-09"),
                t("Paid"),
                t("CSP Direct Bill Partner"),
                t("40"),
                t("30"),
                t("40"),
                t("30"),
                t("40"),
                t("n/a"),
            ],
        ],
    );
    type Got<'a> = (&'a str, &'a str, Option<u64>, Option<u64>, bool);
    let got: Vec<Got> = rows
        .customers
        .iter()
        .map(|r| {
            (
                r.customer.as_ref().unwrap().as_str(),
                r.workload.as_ref().unwrap().name(),
                r.active_users,
                r.qualified_licences,
                r.invalid.is_some(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("r-9", "Microsoft Intune", Some(120), Some(150), false),
            ("s-1", "Microsoft Intune", Some(30), Some(40), false),
            (
                "s-1",
                "Azure Active Directory Premium",
                None,
                Some(40),
                true
            ),
        ]
    );
    assert!(
        rows.customers
            .iter()
            .all(|r| r.download == Download::EmsUsage)
    );
    assert_eq!(rows.customers[0].snapshot, day(2026, 9, 1));
    assert_eq!(rows.customers[0].association, Some(Association::CspTier2));
    assert_eq!(rows.customers[1].association, Some(Association::CspTier1));
    assert_eq!(rows.problems.len(), 1);
    assert_eq!(rows.problems[0].location.cell(), "L3");
    assert!(
        rows.problems[0]
            .message
            .contains("AADPMonthlyActiveUsers 'n/a' is not a number"),
        "{}",
        rows.problems[0].message
    );
}

#[test]
fn training_completions_give_the_expiry_and_the_name_in_two_parts() {
    let rows = read_sheet(
        "solutions-partner-modern-work",
        &[
            "MpnId",
            "TrainingTitle",
            "IndividualFirstName",
            "IndividualLastName",
            "Email",
            "TrainingCompletionDate",
            "ExpirationDate",
        ],
        true,
        vec![
            vec![
                t("3000002"),
                t("Exam MD-102: Endpoint Administrator"),
                t("Ivy"),
                t("Ito"),
                t("ivy@tailwind.example"),
                t("2/1/2026"),
                t("2/1/2027"),
            ],
            vec![
                t("3000002"),
                t("Exam MS-721"),
                t("Hal"),
                Value::Empty,
                t("hal@tailwind.example"),
                t("8/15/2025"),
                t("someday"),
            ],
        ],
    );
    let ivy = &rows.credentials[0];
    assert_eq!(ivy.person_name.as_deref(), Some("Ivy Ito"));
    assert_eq!(ivy.passed_on, day(2026, 2, 1));
    assert_eq!(ivy.expires_on, day(2027, 2, 1));
    let hal = &rows.credentials[1];
    assert_eq!(hal.person_name.as_deref(), Some("Hal"));
    assert_eq!(hal.expires_on, None);
    assert_eq!(rows.problems.len(), 1);
    assert_eq!(rows.problems[0].location.cell(), "G3");
}

#[test]
fn a_file_of_an_earlier_month_dates_its_undated_rows_with_that_month() {
    let rules = Rules::default_rules().unwrap();
    let sheet = Location::sheet("archive/2025-09/c.xlsx".into(), "Customers".into());
    let columns = columns(CUSTOMER_HEADERS);
    let ctx = SheetRows {
        default_snapshot: day(2025, 9, 30),
        ..SheetRows::new(&columns, &sheet, &rules)
    };
    let mut out = Rows::default();
    let row = cells(vec![t("1"), t("A"), t("EXO"), t("10"), t("Paid"), t("DAP")]);
    read_row(&ctx, 1, &row, &mut out);
    assert_eq!(out.customers[0].snapshot, day(2025, 9, 30));
}
