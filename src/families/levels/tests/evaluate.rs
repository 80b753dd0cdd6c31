//! A competency's evaluation end to end: which rows count, the figures
//! by each method, snapshots, people, and the level and what the next one
//! lacks.

use chrono::NaiveDate;

use crate::evaluate::{Evaluation, Exclusion, PartnerResult, RowOutcome, evaluate, evaluate_with};
use crate::families::{AnyRuleSet, Levels};
use crate::input::{CredentialRow, CustomerRow, Rows, WorkloadCell};
use crate::model::{
    Association, CredentialId, CustomerId, Level, Market, PartnerId, PersonId, Sku, Workload,
};
use crate::problem::Location;
use crate::rules::{Method, RuleSet};

/// A shipped competency.
pub(crate) fn competency(name: &str) -> RuleSet<Levels> {
    match AnyRuleSet::shipped(name).expect("the shipped rules are valid") {
        AnyRuleSet::Levels(set) => set,
        other => panic!("{name} is not a competency: {other:?}"),
    }
}

fn rules() -> RuleSet<Levels> {
    competency("cloud-productivity")
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 9, 30).unwrap()
}

fn loc(row: u32) -> Location {
    Location::sheet("t.xlsx".into(), "S".into()).at_row(row)
}

/// A paid, DAP-associated customer row.
fn customer(partner: &str, customer: &str, workload: &str, users: u64) -> CustomerRow {
    let rules = rules();
    CustomerRow {
        source: crate::problem::RowSource::new(
            std::sync::Arc::new(Location::sheet("t.xlsx".into(), "S".into())),
            1,
        ),
        partner: PartnerId::parse(partner).unwrap(),
        partner_name: None,
        customer: CustomerId::parse(customer),
        customer_name: None,
        workload: Some(match rules.rules.workload(workload) {
            Some(w) => WorkloadCell::Counted(w),
            None => WorkloadCell::Other(workload.into()),
        }),
        active_users: Some(users),
        sku: Some(Sku::Paid),
        association: Some(Association::DelegatedAdministrator),
        ..CustomerRow::blank(PartnerId::parse(partner).unwrap())
    }
}

fn credential(partner: &str, person: &str, text: &str) -> CredentialRow {
    CredentialRow {
        source: loc(1),
        partner: PartnerId::parse(partner).unwrap(),
        partner_name: None,
        person: PersonId::parse(person).unwrap(),
        person_name: Some(person.split('@').next().unwrap().to_string()),
        credentials: rules().rules.credentials_in(text),
        text: text.into(),
        passed_on: None,
        expires_on: None,
    }
}

fn mcsa(partner: &str, person: &str) -> CredentialRow {
    credential(partner, person, "MCSA: Office 365")
}

fn run(rows: &Rows) -> Evaluation<Levels> {
    evaluate(rows, &rules(), as_of())
}

fn only(e: &Evaluation<Levels>) -> &PartnerResult<Levels> {
    assert_eq!(e.partners.len(), 1);
    &e.partners[0]
}

#[test]
fn entitlements_are_the_best_workload_not_the_sum() {
    let rows = Rows {
        customers: vec![
            customer("1", "a", "Exchange Online", 1500),
            customer("1", "b", "Exchange Online", 800),
            customer("1", "a", "SharePoint Online", 2000),
        ],
        credentials: vec![mcsa("1", "x@p")],
        ..Rows::default()
    };
    let e = run(&rows);
    let p = only(&e);
    assert_eq!(p.entitlements, 2300);
    assert_eq!(
        p.best_workload.as_ref().unwrap().as_str(),
        "Exchange Online"
    );
    assert_eq!(p.level(), Level::Silver);
    assert_eq!(
        e.customer_outcomes[2],
        RowOutcome::Counted {
            workload: Workload::new("SharePoint Online"),
            in_figure: false
        }
    );
    assert_eq!(
        e.customer_outcomes[0],
        RowOutcome::Counted {
            workload: Workload::new("Exchange Online"),
            in_figure: true
        }
    );
}

#[test]
fn the_other_methods_are_selectable() {
    let rows = Rows {
        customers: vec![
            customer("1", "a", "Exchange Online", 1500),
            customer("1", "b", "Exchange Online", 800),
            customer("1", "a", "SharePoint Online", 2000),
        ],
        ..Rows::default()
    };
    let mut r = rules();
    r.rules.method = Method::CustomerMax;
    assert_eq!(evaluate(&rows, &r, as_of()).partners[0].entitlements, 2800);
    r.rules.method = Method::Sum;
    assert_eq!(evaluate(&rows, &r, as_of()).partners[0].entitlements, 4300);
}

#[test]
fn trials_unassociated_and_uncounted_workloads_do_not_count() {
    let mut trial = customer("1", "t", "Exchange Online", 5000);
    trial.sku = Some(Sku::Trial);
    let mut unassociated = customer("1", "u", "Exchange Online", 5000);
    unassociated.association = Some(Association::None);
    let mut fast_track = customer("1", "f", "Exchange Online", 700);
    fast_track.association = Some(Association::FastTrackPartner);
    let rows = Rows {
        customers: vec![
            trial,
            unassociated,
            customer("1", "x", "Microsoft Teams", 9000),
            fast_track,
        ],
        ..Rows::default()
    };
    let e = run(&rows);
    assert_eq!(only(&e).entitlements, 700);
    assert_eq!(
        e.customer_outcomes[0],
        RowOutcome::Excluded(Exclusion::NotPaid(Sku::Trial))
    );
    assert_eq!(
        e.customer_outcomes[1],
        RowOutcome::Excluded(Exclusion::NotAssociated(Association::None))
    );
    assert_eq!(
        e.customer_outcomes[2],
        RowOutcome::Excluded(Exclusion::WorkloadNotCounted)
    );
}

#[test]
fn a_duplicate_customer_workload_counts_once_the_larger() {
    let rows = Rows {
        customers: vec![
            customer("1", "a", "Exchange Online", 900),
            customer("1", "A", "Exchange Online", 1100),
            customer("1", "a", "Exchange Online", 1000),
        ],
        ..Rows::default()
    };
    let e = run(&rows);
    assert_eq!(only(&e).entitlements, 1100);
    assert_eq!(
        e.customer_outcomes[0],
        RowOutcome::Excluded(Exclusion::Duplicate)
    );
    assert!(matches!(e.customer_outcomes[1], RowOutcome::Counted { .. }));
    assert_eq!(
        e.customer_outcomes[2],
        RowOutcome::Excluded(Exclusion::Duplicate)
    );
}

#[test]
fn thresholds_depend_on_market_and_people() {
    let mut rows = Rows {
        customers: vec![customer("1", "a", "Yammer", 1000)],
        credentials: vec![mcsa("1", "x@p")],
        ..Rows::default()
    };
    assert_eq!(only(&run(&rows)).level(), Level::None);
    rows.customers[0].country = Some("Kenya".into());
    let e = run(&rows);
    let p = only(&e);
    assert_eq!((p.market, p.level()), (Market::Emerging, Level::Silver));
    let next = p.standing.next.as_ref().unwrap();
    assert_eq!(
        (next.level, next.entitlements_short, next.people_short),
        (Level::Gold, 3000, 1)
    );

    // An explicit market wins over the country.
    rows.customers[0].market = Some(Market::Mature);
    assert_eq!(only(&run(&rows)).market, Market::Mature);
}

#[test]
fn gold_needs_four_thousand_and_two_people() {
    let mut rows = Rows {
        customers: vec![customer("1", "a", "Exchange Online", 4000)],
        credentials: vec![mcsa("1", "x@p"), credential("1", "y@p", "Exam 70-346")],
        ..Rows::default()
    };
    let e = run(&rows);
    let p = only(&e);
    assert_eq!(p.level(), Level::Silver);
    assert_eq!(p.standing.next.as_ref().unwrap().people_short, 1);
    assert_eq!(p.standing.hints.len(), 1);
    assert_eq!(p.standing.hints[0].name, "y");
    assert_eq!(
        p.standing.hints[0].missing.all_of,
        vec![CredentialId::new("70-347")]
    );

    rows.credentials.push(credential(
        "1",
        "Y@P",
        "Exam 70-347: Enabling Office 365 Services",
    ));
    let e = run(&rows);
    let p = only(&e);
    assert_eq!(
        (p.level(), p.qualified_people, p.standing.next.clone()),
        (Level::Gold, 2, None)
    );
}

#[test]
fn a_person_counts_once_per_partner() {
    let rows = Rows {
        customers: vec![customer("1", "a", "Exchange Online", 4000)],
        credentials: vec![
            mcsa("1", "x@p"),
            mcsa("1", "x@p"),
            credential("1", "x@p", "70-346"),
        ],
        ..Rows::default()
    };
    assert_eq!(only(&run(&rows)).qualified_people, 1);
}

#[test]
fn a_person_under_two_partners_counts_for_one_and_is_a_problem() {
    let mut old = mcsa("1", "x@p");
    old.passed_on = NaiveDate::from_ymd_opt(2016, 1, 1);
    let mut new = mcsa("2", "x@p");
    new.passed_on = NaiveDate::from_ymd_opt(2017, 1, 1);
    let rows = Rows {
        credentials: vec![old, new],
        ..Rows::default()
    };
    let e = run(&rows);
    assert_eq!(e.partners[0].qualified_people, 0);
    assert_eq!(e.partners[1].qualified_people, 1);
    assert_eq!(e.problems.len(), 1);
    assert!(e.problems[0].message.contains("count for one partner only"));
    assert_eq!(e.people[0].counted_for, PartnerId::parse("2"));
}

#[test]
fn credentials_passed_after_the_as_of_date_do_not_count() {
    let mut later = mcsa("1", "x@p");
    later.passed_on = NaiveDate::from_ymd_opt(2018, 1, 1);
    let rows = Rows {
        credentials: vec![later],
        ..Rows::default()
    };
    assert_eq!(only(&run(&rows)).qualified_people, 0);
}

#[test]
fn invalid_rows_are_shown_but_never_counted() {
    let mut bad = customer("1", "a", "Exchange Online", 9999);
    bad.invalid = Some("Active Users 'n/a' is not a number".into());
    let rows = Rows {
        customers: vec![bad, customer("1", "b", "Exchange Online", 10)],
        ..Rows::default()
    };
    let e = run(&rows);
    assert_eq!(only(&e).entitlements, 10);
    assert!(
        matches!(&e.customer_outcomes[0], RowOutcome::Excluded(Exclusion::Invalid(m)) if m.contains("n/a"))
    );
}

#[test]
fn parallel_and_sequential_evaluation_agree() {
    let mut rows = Rows::default();
    for p in 0..200 {
        for c in 0..5 {
            rows.customers.push(customer(
                &p.to_string(),
                &format!("c{c}"),
                "Exchange Online",
                (p * 37 + c * 101) % 1500,
            ));
        }
        if p % 3 == 0 {
            rows.credentials
                .push(mcsa(&p.to_string(), &format!("p{}@x", p % 7)));
        }
    }
    let a = evaluate_with(&rows, &rules(), as_of(), true);
    let b = evaluate_with(&rows, &rules(), as_of(), false);
    assert_eq!(a.partners, b.partners);
    assert_eq!(a.customer_outcomes, b.customer_outcomes);
    assert_eq!(a.people, b.people);
    assert_eq!(a.problems, b.problems);
}

// Enterprise Mobility Management: new customers, seats over components and
// "all of these and one of those" people.

fn emm() -> RuleSet<Levels> {
    competency("enterprise-mobility-management-enterprise")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A paid, DAP-associated EMM customer row added on `added`.
fn emm_customer(
    partner: &str,
    customer: &str,
    component: &str,
    seats: u64,
    added: Option<&str>,
) -> CustomerRow {
    let mut row = self::customer(partner, customer, "Exchange Online", seats);
    row.workload = Some(match emm().rules.workload(component) {
        Some(w) => WorkloadCell::Counted(w),
        None => WorkloadCell::Other(component.into()),
    });
    row.added_on = added.map(day);
    row
}

fn assessment(partner: &str, person: &str, text: &str) -> CredentialRow {
    let mut row = credential(partner, person, text);
    row.credentials = emm().rules.credentials_in(text);
    row
}

/// A person who passes the overview and one of the others.
fn emm_person(partner: &str, person: &str) -> Vec<CredentialRow> {
    vec![
        assessment(
            partner,
            person,
            "Technical Assessment for Enterprise Mobility Suite Overview",
        ),
        assessment(
            partner,
            person,
            "Technical Assessment for Identity & Access Management",
        ),
    ]
}

fn run_emm(rows: &Rows) -> Evaluation<Levels> {
    evaluate(rows, &emm(), as_of())
}

#[test]
fn emm_seats_of_all_components_are_added() {
    let rows = Rows {
        customers: vec![
            emm_customer("1", "a", "Intune", 300, None),
            emm_customer("1", "a", "AADP", 250, None),
            emm_customer("1", "b", "AIP", 100, None),
            emm_customer("1", "b", "EMS E3", 50, None),
            // A duplicate still counts once, the larger.
            emm_customer("1", "b", "Azure Information Protection", 90, None),
        ],
        ..Rows::default()
    };
    let e = run_emm(&rows);
    let p = only(&e);
    assert_eq!(p.entitlements, 700);
    assert_eq!(
        p.best_workload.as_ref().map(|w| w.as_str()),
        Some("Microsoft Intune")
    );
    assert!(matches!(
        e.customer_outcomes[3],
        RowOutcome::Counted {
            in_figure: true,
            ..
        }
    ));
    assert_eq!(
        e.customer_outcomes[4],
        RowOutcome::Excluded(Exclusion::Duplicate)
    );
}

#[test]
fn new_customers_are_distinct_counted_customers_added_within_twelve_months() {
    let mut trial = emm_customer("1", "trial", "Intune", 100, Some("2017-06-01"));
    trial.sku = Some(Sku::Trial);
    let mut unassociated = emm_customer("1", "none", "Intune", 100, Some("2017-06-01"));
    unassociated.association = Some(Association::None);
    let rows = Rows {
        customers: vec![
            // New: two components of one customer count once.
            emm_customer("1", "a", "Intune", 100, Some("2017-01-15")),
            emm_customer("1", "a", "AADP", 100, Some("2017-02-01")),
            // New on the window's first day.
            emm_customer("1", "b", "Intune", 100, Some("2016-10-01")),
            // Exactly twelve months before: not new.
            emm_customer("1", "c", "Intune", 100, Some("2016-09-30")),
            // An older row of the same customer makes it not new.
            emm_customer("1", "d", "Intune", 100, Some("2017-05-01")),
            emm_customer("1", "d", "AIP", 100, Some("2015-05-01")),
            // No date: not known to be new.
            emm_customer("1", "e", "Intune", 100, None),
            // Added after the as-of date: not a customer yet on that date.
            emm_customer("1", "f", "Intune", 100, Some("2017-10-01")),
            // No active seats: not deployed, so not a new customer.
            emm_customer("1", "z", "Intune", 0, Some("2017-06-01")),
            // Rows that do not count make no new customer either.
            trial,
            unassociated,
            emm_customer("1", "g", "Exchange Online", 100, Some("2017-06-01")),
        ],
        ..Rows::default()
    };
    let e = run_emm(&rows);
    let p = only(&e);
    assert_eq!(p.new_customers, 2);
    // Seats count whatever the date: the window is for new customers only.
    assert_eq!(p.entitlements, 800);
}

#[test]
fn a_level_needs_new_customers_seats_and_people_together() {
    let mut rows = Rows {
        customers: vec![
            emm_customer("1", "a", "Intune", 300, Some("2017-03-01")),
            emm_customer("1", "b", "Intune", 300, Some("2017-04-01")),
            emm_customer("1", "c", "Intune", 300, Some("2014-04-01")),
        ],
        credentials: [emm_person("1", "x@p"), emm_person("1", "y@p")].concat(),
        ..Rows::default()
    };
    let e = run_emm(&rows);
    let p = only(&e);
    assert_eq!((p.entitlements, p.qualified_people), (900, 2));
    assert_eq!((p.new_customers, p.level()), (2, Level::None));
    let next = p.standing.next.as_ref().unwrap();
    assert_eq!(
        (
            next.level,
            next.new_customers_short,
            next.entitlements_short,
            next.people_short
        ),
        (Level::Silver, 1, 0, 0)
    );

    rows.customers[2].added_on = Some(day("2017-09-30"));
    let e = run_emm(&rows);
    let p = only(&e);
    assert_eq!((p.new_customers, p.level()), (3, Level::Silver));
    let next = p.standing.next.as_ref().unwrap();
    assert_eq!(
        (
            next.level,
            next.new_customers_short,
            next.entitlements_short,
            next.people_short
        ),
        (Level::Gold, 2, 3100, 2)
    );
}

#[test]
fn emm_people_need_the_overview_and_one_other_themselves() {
    let rows = Rows {
        customers: vec![emm_customer("1", "a", "Intune", 600, Some("2017-03-01"))],
        credentials: vec![
            // x has both: qualifies.
            assessment("1", "x@p", "Enterprise Mobility Suite Overview"),
            assessment("1", "x@p", "Technical Assessment for Cloud App Security"),
            // y has the overview, z one of the others: together they are no
            // qualified person, because the same person must hold both.
            assessment("1", "y@p", "Enterprise Mobility Suite Overview"),
            assessment(
                "1",
                "z@p",
                "Technical Assessment for Mobile Device Management",
            ),
        ],
        ..Rows::default()
    };
    let e = run_emm(&rows);
    let p = only(&e);
    assert_eq!(p.qualified_people, 1);
    assert_eq!(p.standing.next.as_ref().unwrap().people_short, 1);
    // y and z are each one assessment short; y comes first (input order).
    let hint = &p.standing.hints[0];
    assert_eq!(hint.name, "y");
    // The sentence these make is text's to test (`text::tests`).
    let id = CredentialId::new;
    assert_eq!(hint.held, vec![id("ems-overview")]);
    assert!(hint.missing.all_of.is_empty());
    assert_eq!(
        hint.missing.one_of,
        [
            "mdm",
            "identity-access-management",
            "information-protection",
            "cloud-app-security"
        ]
        .map(id)
    );
    let z = e
        .people
        .iter()
        .find(|q| q.person.as_str() == "z@p")
        .unwrap();
    assert!(!z.qualifies);
    assert_eq!(z.missing.all_of, vec![CredentialId::new("ems-overview")]);
    assert!(z.missing.one_of.is_empty());
}

#[test]
fn smb_gold_is_judged_on_its_own_thresholds() {
    // SMB as published: Silver 20 new customers and 125 seats, Gold 5 and 4000.
    let smb = competency("enterprise-mobility-management-smb");
    let rows = Rows {
        customers: (0..5)
            .map(|c| emm_customer("1", &format!("c{c}"), "EMS", 800, Some("2017-08-01")))
            .collect(),
        credentials: (0..4)
            .flat_map(|i| emm_person("1", &format!("p{i}@x")))
            .collect(),
        ..Rows::default()
    };
    let e = evaluate(&rows, &smb, as_of());
    let p = only(&e);
    assert_eq!((p.new_customers, p.entitlements), (5, 4000));
    assert_eq!((p.level(), p.standing.next.clone()), (Level::Gold, None));
}

#[test]
fn the_latest_snapshot_is_the_current_state_and_a_customer_missing_from_it_is_gone() {
    let dated = |customer_id: &str, users: u64, (y, m, d): (i32, u32, u32)| CustomerRow {
        snapshot: NaiveDate::from_ymd_opt(y, m, d),
        ..customer("1", customer_id, "Exchange Online", users)
    };
    let rows = Rows {
        customers: vec![
            dated("a", 1500, (2017, 8, 31)),
            dated("a", 1200, (2017, 9, 28)),
            dated("a", 9000, (2017, 10, 31)),
            dated("b", 700, (2017, 8, 31)),
            customer("1", "c", "Exchange Online", 0),
        ],
        credentials: vec![mcsa("1", "x@p")],
        ..Rows::default()
    };
    let e = run(&rows);
    // The partner's current snapshot is September's: a counts it (not the
    // larger August one, nor October's, which is after the as-of date); b,
    // only in August, is gone; c has no date and counts as it is.
    assert_eq!(only(&e).entitlements, 1200);
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(
        e.customer_outcomes[0],
        RowOutcome::Excluded(Exclusion::EarlierSnapshot {
            snapshot: date(2017, 8, 31),
            latest: date(2017, 9, 28),
            gone: false,
        })
    );
    assert!(matches!(e.customer_outcomes[1], RowOutcome::Counted { .. }));
    assert_eq!(
        e.customer_outcomes[2],
        RowOutcome::Excluded(Exclusion::SnapshotAfterAsOf(date(2017, 10, 31)))
    );
    assert_eq!(
        e.customer_outcomes[3],
        RowOutcome::Excluded(Exclusion::EarlierSnapshot {
            snapshot: date(2017, 8, 31),
            latest: date(2017, 9, 28),
            gone: true,
        })
    );
    assert!(matches!(e.customer_outcomes[4], RowOutcome::Counted { .. }));
}
