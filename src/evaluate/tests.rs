use super::*;
use crate::problem::Location;

fn rules() -> Rules {
    Rules::default_rules().unwrap()
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
        source: loc(1),
        partner: PartnerId::parse(partner).unwrap(),
        partner_name: None,
        customer: CustomerId::parse(customer),
        customer_name: None,
        workload: Some(match rules.workload(workload) {
            Some(w) => WorkloadCell::Counted(w),
            None => WorkloadCell::Other(workload.into()),
        }),
        active_users: Some(users),
        sku: Some(Sku::Paid),
        association: Some(Association::DelegatedAdministrator),
        country: None,
        market: None,
        added_on: None,
        invalid: None,
    }
}

fn credential(partner: &str, person: &str, text: &str) -> CredentialRow {
    CredentialRow {
        source: loc(1),
        partner: PartnerId::parse(partner).unwrap(),
        partner_name: None,
        person: PersonId::parse(person).unwrap(),
        person_name: Some(person.split('@').next().unwrap().to_string()),
        credentials: rules().credentials_in(text),
        text: text.into(),
        passed_on: None,
    }
}

fn mcsa(partner: &str, person: &str) -> CredentialRow {
    credential(partner, person, "MCSA: Office 365")
}

fn run(rows: &Rows) -> Evaluation {
    evaluate(rows, &rules(), as_of())
}

fn only(e: &Evaluation) -> &PartnerResult {
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
    assert_eq!(p.level, Level::Silver);
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
    r.method = Method::CustomerMax;
    assert_eq!(evaluate(&rows, &r, as_of()).partners[0].entitlements, 2800);
    r.method = Method::Sum;
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
    assert_eq!(only(&run(&rows)).level, Level::None);
    rows.customers[0].country = Some("Kenya".into());
    let e = run(&rows);
    let p = only(&e);
    assert_eq!((p.market, p.level), (Market::Emerging, Level::Silver));
    let next = p.next.as_ref().unwrap();
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
    assert_eq!(p.level, Level::Silver);
    assert_eq!(p.next.as_ref().unwrap().people_short, 1);
    assert_eq!(p.hints.len(), 1);
    assert_eq!(p.hints[0].name, "y");
    assert_eq!(p.hints[0].missing.all_of, vec![CredentialId::new("70-347")]);

    rows.credentials.push(credential(
        "1",
        "Y@P",
        "Exam 70-347: Enabling Office 365 Services",
    ));
    let e = run(&rows);
    let p = only(&e);
    assert_eq!(
        (p.level, p.qualified_people, p.next.clone()),
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
