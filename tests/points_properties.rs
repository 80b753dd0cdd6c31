//! Properties of the points engine (a partner capability score) for any
//! input: every figure stays within its metric's points, a partner qualifies
//! exactly when its path's total and every metric's minimum say so, the best
//! path is the best, row order and parallelism never matter, rows that
//! cannot count change nothing, another certified person never costs points,
//! and the cheapest route really reaches the qualifying total.

use chrono::NaiveDate;
use competency_report::evaluate::{Evaluation, PartnerResult, evaluate_with};
use competency_report::families::points::route::route;
use competency_report::families::points::rules::Scoring;
use competency_report::families::{AnyRuleSet, Points};
use competency_report::input::{CredentialRow, CustomerRow, Rows, WorkloadCell};
use competency_report::model::{Association, CustomerId, Level, PartnerId, PersonId, Sku};
use competency_report::problem::{Location, RowSource};
use competency_report::rules::RuleSet;
use proptest::prelude::*;

/// The rules, parsed once: the strategies ask for them on every row.
fn rules() -> &'static RuleSet<Points> {
    static RULES: std::sync::OnceLock<RuleSet<Points>> = std::sync::OnceLock::new();
    RULES.get_or_init(
        || match AnyRuleSet::shipped("solutions-partner-modern-work").unwrap() {
            AnyRuleSet::Points(set) => set,
            other => panic!("Modern Work is a designation: {other:?}"),
        },
    )
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 9, 30).unwrap()
}

/// Workloads, and whether Modern Work counts them
/// (templates/solutions-partner-modern-work.toml; Intune is an alias).
const WORKLOADS: &[(&str, bool)] = &[
    ("Exchange Online", true),
    ("Microsoft Teams", true),
    ("Intune", true),
    ("Dynamics 365", false),
];
/// Associations, and whether a customer under one counts (a delegated
/// administrator alone does not).
const ASSOCIATIONS: &[(Association, bool)] = &[
    (Association::ClaimingPartnerOfRecord, true),
    (Association::DigitalPartnerOfRecord, true),
    (Association::CspTier1, true),
    (Association::CspTier2, true),
    (Association::TransactingPartner, true),
    (Association::DelegatedAdministrator, false),
];
/// Snapshot dates: a year before, a month before, the as-of date, undated
/// (the as-of date too) and after the as-of date.
const SNAPSHOTS: &[Option<(i32, u32, u32)>] = &[
    Some((2025, 9, 30)),
    Some((2026, 8, 31)),
    Some((2026, 9, 30)),
    None,
    Some((2026, 10, 31)),
];
const SINCE: &[Option<(i32, u32, u32)>] = &[None, Some((2019, 1, 1)), Some((2026, 3, 1))];
const CREDENTIALS: &[&str] = &[
    "Exam MS-700: Managing Microsoft Teams",
    "Exam MD-102: Endpoint Administrator",
    "Exam MS-102: Microsoft 365 Administrator",
    "Microsoft 365 Certified: Enterprise Administrator Expert",
    "Exam AZ-104: Microsoft Azure Administrator",
];

fn date(d: (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap()
}

fn customer_row() -> impl Strategy<Value = CustomerRow> {
    (
        (0..3u32, 0..8u32, 0..WORKLOADS.len()),
        (0..600u64, prop::option::weighted(0.8, 0..700u64)),
        (prop::bool::weighted(0.1), 0..ASSOCIATIONS.len()),
        (0..SNAPSHOTS.len(), 0..SINCE.len()),
    )
        .prop_map(|((p, c, w), (users, qualified), (trial, a), (s, since))| {
            let (workload, counted) = WORKLOADS[w];
            let mut row = CustomerRow::blank(PartnerId::parse(&(2000 + p).to_string()).unwrap());
            row.source = RowSource::new(Location::sheet("p.xlsx".into(), "S".into()).into(), 1);
            // Seat counts big enough for both paths: some customers pass 300.
            row.customer = CustomerId::parse(&format!("c{c}"));
            let workload = rules()
                .rules
                .workload(workload)
                .map_or(WorkloadCell::Other(workload.into()), WorkloadCell::Counted);
            assert_eq!(
                matches!(workload, WorkloadCell::Counted(_)),
                counted,
                "{workload:?}"
            );
            row.workload = Some(workload);
            row.active_users = Some(users);
            row.qualified_licences = qualified.map(|q| q.max(users / 2));
            row.sku = Some(if trial { Sku::Trial } else { Sku::Paid });
            row.association = Some(ASSOCIATIONS[a].0);
            row.snapshot = SNAPSHOTS[s].map(date);
            row.added_on = SINCE[since].map(date);
            row
        })
}

fn credential_row() -> impl Strategy<Value = CredentialRow> {
    (0..3u32, 0..5u32, 0..CREDENTIALS.len()).prop_map(|(p, person, c)| CredentialRow {
        source: Location::sheet("p.xlsx".into(), "T".into()).at_row(1),
        partner: PartnerId::parse(&(2000 + p).to_string()).unwrap(),
        partner_name: None,
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
        prop::collection::vec(credential_row(), 0..10),
    )
        .prop_map(|(customers, credentials)| Rows {
            customers,
            credentials,
            ..Rows::default()
        })
}

fn eval(rows: &Rows, parallel: bool) -> Evaluation<Points> {
    evaluate_with(rows, rules(), as_of(), parallel)
}

fn scoring() -> &'static Scoring {
    &rules().scheme
}

fn copy(rows: &Rows) -> Rows {
    Rows {
        customers: rows.customers.clone(),
        credentials: rows.credentials.clone(),
        ..Rows::default()
    }
}

fn find<'a>(e: &'a Evaluation<Points>, p: &PartnerId) -> &'a PartnerResult<Points> {
    e.partners.iter().find(|q| &q.partner == p).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn scores_are_well_formed_and_the_level_follows_them(rows in rows()) {
        let s = scoring();
        for p in eval(&rows, true).partners {
            let score = &p.standing;
            prop_assert_eq!(score.paths.len(), s.paths.len());
            for path in &score.paths {
                let mut total = 0;
                let mut all_above = true;
                for (m, ms) in s.metrics.iter().zip(&path.metrics) {
                    prop_assert!(ms.points() <= m.points);
                    for f in &ms.figures {
                        prop_assert!(f.points <= ms.points(), "the chosen figure earns most");
                        prop_assert_eq!(f.points == m.points, f.raw >= f.threshold as i64);
                        // Nothing for nothing (a tiny figure may round down to 0 too).
                        prop_assert!(f.raw > 0 || f.points == 0);
                    }
                    total += ms.points();
                    all_above &= ms.points() >= s.metric_minimum;
                }
                prop_assert_eq!(path.total, total);
                prop_assert_eq!(path.qualified, total >= s.qualifying && all_above);
            }
            let best = score.best_path();
            for other in &score.paths {
                prop_assert!((best.qualified, best.total) >= (other.qualified, other.total));
            }
            let level = if score.qualified() { Level::Qualified } else { Level::None };
            prop_assert_eq!(p.level(), level);
        }
    }

    #[test]
    fn row_order_and_parallelism_never_change_a_score(rows in rows(), seed in any::<u64>()) {
        let mut shuffled = copy(&rows);
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
        let a = eval(&rows, true);
        prop_assert_eq!(&a.partners, &eval(&shuffled, true).partners);
        prop_assert_eq!(&a.partners, &eval(&rows, false).partners);
    }

    #[test]
    fn rows_that_cannot_count_change_no_score(rows in rows(), noise in prop::collection::vec(customer_row(), 1..6)) {
        let before = eval(&rows, true);
        let mut more = copy(&rows);
        // Trials, associations the designation does not count, workloads it
        // does not count, and snapshots after the as-of date (by the stated
        // tables); only for partners already there with customer rows, and
        // only in snapshots they have (a row of a new month is a new download
        // of that month: what is missing from it is gone, rightly).
        let noise: Vec<CustomerRow> = noise
            .into_iter()
            .filter(|r| before.partners.iter().any(|p| p.partner == r.partner))
            .filter(|r| {
                let theirs = || rows.customers.iter().filter(|x| x.partner == r.partner);
                theirs().next().is_some()
                    && r.snapshot.is_none_or(|d| d > as_of() || theirs().any(|x| x.snapshot == Some(d)))
            })
            .filter(|r| {
                let association = ASSOCIATIONS
                    .iter()
                    .any(|(a, counts)| *counts && r.association == Some(*a));
                r.sku != Some(Sku::Paid)
                    || !association
                    || !matches!(r.workload, Some(WorkloadCell::Counted(_)))
                    || r.snapshot.is_some_and(|d| d > as_of())
            })
            .collect();
        prop_assume!(!noise.is_empty());
        more.customers.extend(noise);
        let after = eval(&more, true);
        for p in &before.partners {
            prop_assert_eq!(&p.standing.paths, &find(&after, &p.partner).standing.paths);
        }
    }

    #[test]
    fn another_certified_person_never_costs_points(rows in rows(), partner in 0..3u32, c in 0..CREDENTIALS.len()) {
        let id = PartnerId::parse(&(2000 + partner).to_string()).unwrap();
        let before = eval(&rows, true);
        let mut more = copy(&rows);
        more.credentials.push(CredentialRow {
            source: Location::sheet("p.xlsx".into(), "T".into()).at_row(2),
            partner: id.clone(),
            partner_name: None,
            person: PersonId::parse("newcomer@example").unwrap(),
            person_name: None,
            credentials: rules().rules.credentials_in(CREDENTIALS[c]),
            text: CREDENTIALS[c].into(),
            passed_on: None,
            expires_on: None,
        });
        let after = eval(&more, true);
        let now = &find(&after, &id).standing;
        if let Some(was) = before.partners.iter().find(|p| p.partner == id) {
            let was = &was.standing;
            for (a, b) in was.paths.iter().zip(&now.paths) {
                prop_assert!(b.total >= a.total);
            }
            prop_assert!(now.qualified() || !was.qualified());
        }
    }

    #[test]
    fn the_cheapest_route_reaches_the_qualifying_total(rows in rows()) {
        let s = scoring();
        for p in eval(&rows, true).partners {
            let score = &p.standing;
            let Some(r) = route(score, s) else {
                prop_assert!(score.qualified());
                continue;
            };
            prop_assert!(!score.qualified());
            let path = &score.paths[r.path];
            let gained: u32 = r.steps.iter().map(|st| st.points).sum();
            prop_assert_eq!(r.reaches, path.total + gained);
            prop_assert!(r.reaches >= s.qualifying);
            for (i, ms) in path.metrics.iter().enumerate() {
                let after = ms.points() + r.steps.iter().filter(|st| st.metric == i).map(|st| st.points).sum::<u32>();
                prop_assert!(after >= s.metric_minimum, "metric {} ends at {}", i, after);
                prop_assert!(after <= s.metrics[i].points);
            }
            for st in &r.steps {
                prop_assert!(st.steps > 0 && st.points > 0);
                prop_assert_eq!(st.more, st.steps * s.metrics[st.metric].step);
            }
        }
    }
}
