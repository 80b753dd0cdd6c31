//! Properties that must hold for any input: order never matters, counted
//! rows only ever help, rows that cannot count change nothing, parallel
//! evaluation equals sequential, and one workbook split into several files
//! gives the same report.

mod common;

use chrono::NaiveDate;
use competency_report::evaluate::{Evaluation, evaluate_with};
use competency_report::families::{AnyRuleSet, Levels};
use competency_report::input::{CredentialRow, CustomerRow, Rows, WorkloadCell};
use competency_report::model::{Association, CustomerId, PartnerId, PersonId, Sku};
use competency_report::problem::{Location, RowSource};
use competency_report::rules::RuleSet;
use proptest::prelude::*;

fn rules() -> RuleSet<Levels> {
    match AnyRuleSet::load(None).expect("the default rules").0 {
        AnyRuleSet::Levels(set) => set,
        other => panic!("the default rules are a competency: {other:?}"),
    }
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 9, 30).unwrap()
}

/// Workloads, and whether Cloud Productivity counts them
/// (templates/cloud-productivity.toml).
const WORKLOADS: &[(&str, bool)] = &[
    ("Exchange Online", true),
    ("SharePoint Online", true),
    ("Yammer", true),
    ("Microsoft Teams", false),
];
/// Associations, and whether a customer under one counts.
const ASSOCIATIONS: &[(Association, bool)] = &[
    (Association::DelegatedAdministrator, true),
    (Association::TransactingPartner, true),
    (Association::DigitalPartnerOfRecord, true),
    (Association::FastTrackPartner, true),
    (Association::None, false),
];
const CREDENTIALS: &[&str] = &[
    "Exam 70-346",
    "Exam 70-347",
    "MCSA: Office 365",
    "Exam 70-533",
];
const COUNTRIES: &[Option<&str>] = &[None, Some("Germany"), Some("Kenya")];

fn customer_row() -> impl Strategy<Value = CustomerRow> {
    (
        0..4u32,
        0..6u32,
        0..WORKLOADS.len(),
        0..3000u64,
        prop::bool::weighted(0.15),
        0..ASSOCIATIONS.len(),
    )
        .prop_map(|(p, c, w, users, trial, a)| {
            let (workload, counted) = WORKLOADS[w];
            let workload = rules()
                .rules
                .workload(workload)
                .map_or(WorkloadCell::Other(workload.into()), WorkloadCell::Counted);
            assert_eq!(
                matches!(workload, WorkloadCell::Counted(_)),
                counted,
                "{workload:?}"
            );
            let partner = PartnerId::parse(&(1000 + p).to_string()).unwrap();
            CustomerRow {
                source: RowSource::new(Location::sheet("p.xlsx".into(), "S".into()).into(), 1),
                partner: partner.clone(),
                partner_name: None,
                customer: CustomerId::parse(&format!("c{c}")),
                customer_name: None,
                workload: Some(workload),
                active_users: Some(users),
                sku: Some(if trial { Sku::Trial } else { Sku::Paid }),
                association: Some(ASSOCIATIONS[a].0),
                // One country per partner, so adding rows cannot move its market.
                country: COUNTRIES[p as usize % COUNTRIES.len()].map(Into::into),
                ..CustomerRow::blank(partner)
            }
        })
}

fn credential_row() -> impl Strategy<Value = CredentialRow> {
    (0..4u32, 0..5u32, 0..CREDENTIALS.len()).prop_map(|(p, person, c)| CredentialRow {
        source: Location::sheet("p.xlsx".into(), "T".into()).at_row(1),
        partner: PartnerId::parse(&(1000 + p).to_string()).unwrap(),
        partner_name: None,
        // People are per partner here, so one person never spans two partners.
        person: PersonId::parse(&format!("p{person}@{p}.example")).unwrap(),
        person_name: None,
        credentials: rules().rules.credentials_in(CREDENTIALS[c]),
        text: CREDENTIALS[c].into(),
        passed_on: None,
        expires_on: None,
    })
}

fn rows() -> impl Strategy<Value = Rows> {
    (
        prop::collection::vec(customer_row(), 0..40),
        prop::collection::vec(credential_row(), 0..12),
    )
        .prop_map(|(customers, credentials)| Rows {
            customers,
            credentials,
            ..Rows::default()
        })
}

fn eval(rows: &Rows) -> Evaluation<Levels> {
    evaluate_with(rows, &rules(), as_of(), true)
}

fn levels(e: &Evaluation<Levels>) -> Vec<(PartnerId, competency_report::model::Level, u64, u32)> {
    e.partners
        .iter()
        .map(|p| {
            (
                p.partner.clone(),
                p.level(),
                p.entitlements,
                p.qualified_people,
            )
        })
        .collect()
}

/// Whether a row cannot count, by the stated tables: a trial, an
/// association or a workload that does not count.
fn cannot_count(row: &CustomerRow) -> bool {
    let association = ASSOCIATIONS
        .iter()
        .any(|(a, counts)| *counts && row.association == Some(*a));
    row.sku != Some(Sku::Paid)
        || !association
        || !matches!(row.workload, Some(WorkloadCell::Counted(_)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn row_order_never_changes_a_result(rows in rows(), seed in any::<u64>()) {
        let mut shuffled = Rows {
            customers: rows.customers.clone(),
            credentials: rows.credentials.clone(),
            ..Rows::default()
        };
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        let mut next = || { state ^= state << 13; state ^= state >> 7; state ^= state << 17; state };
        for i in (1..shuffled.customers.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            shuffled.customers.swap(i, j);
        }
        for i in (1..shuffled.credentials.len()).rev() {
            let j = (next() % (i as u64 + 1)) as usize;
            shuffled.credentials.swap(i, j);
        }
        let (a, b) = (eval(&rows), eval(&shuffled));
        prop_assert_eq!(&a.partners, &b.partners);
        prop_assert_eq!(&a.people, &b.people);
    }

    #[test]
    fn adding_a_counted_row_never_lowers_a_level(rows in rows(), extra in customer_row()) {
        prop_assume!(!cannot_count(&extra));
        let before = eval(&rows);
        let mut more = Rows { customers: rows.customers.clone(), credentials: rows.credentials.clone(), ..Rows::default() };
        more.customers.push(extra.clone());
        let after = eval(&more);
        for p in &before.partners {
            let q = after.partners.iter().find(|q| q.partner == p.partner).unwrap();
            prop_assert!(q.level() >= p.level(), "{} fell from {:?} to {:?}", p.partner, p.level(), q.level());
            prop_assert!(q.entitlements >= p.entitlements);
        }
    }

    #[test]
    fn removing_a_row_that_cannot_count_changes_nothing(rows in rows(), pick in any::<prop::sample::Index>()) {
        let candidates: Vec<usize> = (0..rows.customers.len()).filter(|&i| cannot_count(&rows.customers[i])).collect();
        prop_assume!(!candidates.is_empty());
        let drop = candidates[pick.index(candidates.len())];
        let partner = rows.customers[drop].partner.clone();
        let mut fewer = Rows { customers: rows.customers.clone(), credentials: rows.credentials.clone(), ..Rows::default() };
        fewer.customers.remove(drop);
        let (a, b) = (eval(&rows), eval(&fewer));
        // The partner may vanish when that was its only row; all else is equal.
        let still_there = fewer.customers.iter().any(|r| r.partner == partner) || fewer.credentials.iter().any(|r| r.partner == partner);
        let a_levels: Vec<_> = levels(&a).into_iter().filter(|l| still_there || l.0 != partner).collect();
        prop_assert_eq!(a_levels, levels(&b));
    }

    #[test]
    fn parallel_evaluation_equals_sequential(rows in rows()) {
        let a = evaluate_with(&rows, &rules(), as_of(), true);
        let b = evaluate_with(&rows, &rules(), as_of(), false);
        prop_assert_eq!(a.partners, b.partners);
        prop_assert_eq!(a.customer_outcomes, b.customer_outcomes);
        prop_assert_eq!(a.people, b.people);
    }
}

/// Splitting one workbook's rows into several files, in any order, gives the
/// same Summary as the single workbook.
mod split {
    use super::common::*;
    use proptest::prelude::*;

    const PARTNERS: &[&str] = &["1000001", "1000002", "1000003"];
    const WORKLOADS: &[&str] = &[
        "Exchange Online",
        "SharePoint Online",
        "Yammer",
        "Dynamics 365",
    ];
    const ASSOC: &[&str] = &[
        "DAP",
        "Transacting Partner",
        "DPOR",
        "None",
        "Fast Track Partner",
    ];
    const SKU: &[&str] = &["Paid", "Trial", ""];
    const CUSTOMERS: &[&str] = &["a", "b", "c", "d"];

    fn summary_of(dir: &std::path::Path) -> Table {
        Run::report_of(dir)
            .args(["--as-of", "2017-09-30"])
            .ok()
            .report()
            .table("Summary")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(6))]

        #[test]
        fn splitting_a_workbook_into_files_gives_the_same_report(
            rows in prop::collection::vec((0..PARTNERS.len(), 0..CUSTOMERS.len(), 0..WORKLOADS.len(), 0..3000u32, 0..SKU.len(), 0..ASSOC.len()), 1..30),
            people in prop::collection::vec((0..PARTNERS.len(), 0..3usize), 0..6),
            parts in 2..4usize,
        ) {
            let customer_rows: Vec<Vec<V>> = rows.iter().map(|&(p, c, w, u, s, a)| {
                customer(PARTNERS[p], CUSTOMERS[c], WORKLOADS[w], f64::from(u), SKU[s], ASSOC[a])
            }).collect();
            const PEOPLE: &[&str] = &["x@a", "y@b", "z@c"];
            let transcript_rows: Vec<Vec<V>> = people.iter().map(|&(p, who)| transcript(PARTNERS[p], PEOPLE[who], "MCSA: Office 365")).collect();

            let whole = tempfile::tempdir().unwrap();
            let mut c = vec![customer_header()];
            c.extend(customer_rows.iter().cloned());
            let mut t = vec![transcript_header()];
            t.extend(transcript_rows.iter().cloned());
            write_workbook(&whole.path().join("all.xlsx"), &[("Customers", c), ("Transcripts", t)]);

            // Deal the rows round-robin into files named so that the file
            // order differs from the row order.
            let split = tempfile::tempdir().unwrap();
            for part in 0..parts {
                let mut c = vec![customer_header()];
                c.extend(customer_rows.iter().skip(part).step_by(parts).cloned());
                let mut t = vec![transcript_header()];
                t.extend(transcript_rows.iter().skip(part).step_by(parts).cloned());
                let name = format!("{}-part.xlsx", (b'z' - part as u8) as char);
                write_workbook(&split.path().join(name), &[("T", t), ("C", c)]);
            }
            prop_assert_eq!(summary_of(whole.path()), summary_of(split.path()));
        }
    }
}
