//! Classifying sheets by their headers: every kind, Partner Center's names,
//! ties and partial matches.

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
    assert_eq!(Field::Acr as usize + 1, Field::COUNT);
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
