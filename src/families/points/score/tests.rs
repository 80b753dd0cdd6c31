use super::*;
use crate::evaluate::HeldCredential;
use crate::model::{CredentialId, PartnerId, PersonId};

fn rules() -> RuleSet<Points> {
    match crate::families::AnyRuleSet::shipped("solutions-partner-modern-work") {
        Ok(crate::families::AnyRuleSet::Points(set)) => set,
        other => panic!("Modern Work is a designation: {other:?}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn as_of() -> NaiveDate {
    date(2026, 9, 30)
}

const NOW: (i32, u32, u32) = (2026, 9, 30);
const YEAR_AGO: (i32, u32, u32) = (2025, 9, 30);

/// (customer, workload, active, qualified, association, snapshot, added).
type TestRow = (
    usize,
    usize,
    u64,
    Option<u64>,
    Association,
    NaiveDate,
    Option<NaiveDate>,
);

/// Test rows: (customer, workload, active, qualified, association, snapshot, added).
struct Rows {
    ids: Vec<CustomerId>,
    workloads: Vec<Workload>,
    rows: Vec<TestRow>,
}

impl Rows {
    fn new() -> Rows {
        Rows {
            ids: (0..40)
                .map(|i| CustomerId::parse(&format!("c{i}")).unwrap())
                .collect(),
            workloads: ["Exchange Online", "Microsoft Teams"]
                .iter()
                .map(|w| Workload::new(w))
                .collect(),
            rows: Vec::new(),
        }
    }

    /// One row of customer `c` on Exchange (workload 0) or Teams (1).
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        c: usize,
        w: usize,
        active: u64,
        qualified: u64,
        a: Association,
        snapshot: (i32, u32, u32),
        added: Option<NaiveDate>,
    ) -> &mut Rows {
        let snap = date(snapshot.0, snapshot.1, snapshot.2);
        self.rows
            .push((c, w, active, Some(qualified), a, snap, added));
        self
    }

    fn usage(&self) -> Vec<Usage<'_>> {
        self.rows
            .iter()
            .map(
                |&(c, w, active, qualified, association, snapshot, added_on)| Usage {
                    customer: &self.ids[c],
                    workload: &self.workloads[w],
                    active,
                    qualified,
                    association,
                    snapshot,
                    added_on,
                },
            )
            .collect()
    }

    fn score(&self, people: &[PersonResult]) -> Score {
        let r = rules();
        score_usage(&r.scheme, &self.usage(), people, as_of())
    }
}

const CPOR: Association = Association::ClaimingPartnerOfRecord;
const DPOR: Association = Association::DigitalPartnerOfRecord;
const CSP1: Association = Association::CspTier1;

const ENTERPRISE: usize = 0;
const SMB: usize = 1;
const NET_ADDS: usize = 0;
const INTERMEDIATE: usize = 1;
const ADVANCED: usize = 2;
const GROWTH: usize = 3;
const DEPLOYMENTS: usize = 4;

fn person(id: &str, credentials: &[&str]) -> PersonResult {
    PersonResult {
        partner: PartnerId::parse("1").unwrap(),
        person: PersonId::parse(id).unwrap(),
        name: None,
        credentials: credentials
            .iter()
            .map(|c| HeldCredential {
                text: c.to_string(),
                ids: vec![CredentialId::new(c)],
                passed_on: None,
                in_time: true,
            })
            .collect(),
        qualifies: true,
        counted: true,
        missing: Default::default(),
        counted_for: None,
    }
}

fn metric(s: &Score, path: usize, metric: usize) -> &MetricScore {
    &s.paths[path].metrics[metric]
}

#[test]
fn three_of_five_enterprise_customer_adds_is_twelve_of_twenty_points() {
    let mut rows = Rows::new();
    let added = Some(date(2026, 3, 1));
    for c in 0..3 {
        rows.row(c, 0, 400, 500, CPOR, NOW, added);
    }
    let s = rows.score(&[]);
    let m = metric(&s, ENTERPRISE, NET_ADDS);
    assert_eq!(
        (m.figure().raw, m.figure().threshold, m.points()),
        (3, 5, 1200)
    );
    // Enterprise customers are not SMB customers.
    assert_eq!(metric(&s, SMB, NET_ADDS).figure().raw, 0);
}

#[test]
fn a_customer_belongs_to_the_path_of_its_largest_paid_workload() {
    let mut rows = Rows::new();
    let added = Some(date(2026, 3, 1));
    rows.row(0, 0, 5, 300, CPOR, NOW, added) // SMB: 300 seats
        .row(1, 0, 5, 301, CPOR, NOW, added) // Enterprise
        .row(2, 0, 5, 10, CPOR, NOW, added) // neither: 10 seats
        .row(3, 0, 5, 11, CPOR, NOW, added) // SMB
        .row(4, 0, 5, 20, CPOR, NOW, added) // Enterprise by its Teams seats
        .row(4, 1, 5, 900, CPOR, NOW, added);
    let s = rows.score(&[]);
    assert_eq!(metric(&s, SMB, NET_ADDS).figure().raw, 2);
    assert_eq!(metric(&s, ENTERPRISE, NET_ADDS).figure().raw, 2);
}

#[test]
fn net_adds_are_customers_added_in_the_window_less_those_lost() {
    let mut rows = Rows::new();
    let old = Some(date(2020, 1, 1));
    // Two new by date, one whose date is just outside the window.
    rows.row(0, 0, 50, 50, CPOR, NOW, Some(date(2025, 10, 1)))
        .row(1, 0, 50, 50, CSP1, NOW, Some(date(2026, 9, 30)))
        .row(2, 0, 50, 50, CPOR, NOW, Some(date(2025, 9, 30)));
    // Two customers of a year ago: one still here, one gone (lost).
    rows.row(3, 0, 50, 50, CPOR, YEAR_AGO, old)
        .row(3, 0, 60, 60, CPOR, NOW, old)
        .row(4, 0, 50, 50, CPOR, YEAR_AGO, old);
    // Undated and absent a year ago: added. Undated and present: not.
    rows.row(5, 0, 50, 50, CPOR, NOW, None)
        .row(6, 0, 50, 50, DPOR, YEAR_AGO, None)
        .row(6, 0, 50, 50, DPOR, NOW, None);
    // One customer under two associations counts once.
    rows.row(7, 0, 50, 50, CPOR, NOW, Some(date(2026, 1, 1)))
        .row(7, 0, 50, 50, DPOR, NOW, Some(date(2026, 1, 1)));
    let s = rows.score(&[]);
    let m = metric(&s, SMB, NET_ADDS);
    // Added: 0, 1, 5, 7 = 4; lost: 4 = 1.
    assert_eq!(m.figure().raw, 3);
    assert_eq!(m.points(), 600);
    assert_eq!(s.before, Some(date(2025, 9, 30)));
}

#[test]
fn without_an_earlier_snapshot_undated_customers_are_not_new_and_growth_is_unmeasured() {
    let mut rows = Rows::new();
    rows.row(0, 0, 50, 50, CPOR, NOW, None);
    let s = rows.score(&[]);
    assert_eq!(metric(&s, SMB, NET_ADDS).figure().raw, 0);
    let growth = metric(&s, SMB, GROWTH);
    assert_eq!(
        (growth.points(), growth.gap),
        (0, Some(Gap::NoEarlierSnapshot))
    );
    assert_eq!(s.before, None);
}

#[test]
fn more_than_one_customer_lost_makes_net_adds_negative_and_worth_nothing() {
    let mut rows = Rows::new();
    for c in 0..3 {
        rows.row(c, 0, 50, 50, CPOR, YEAR_AGO, None);
    }
    rows.row(3, 0, 50, 50, CPOR, NOW, Some(date(2026, 5, 1)));
    let s = rows.score(&[]);
    let m = metric(&s, SMB, NET_ADDS);
    assert_eq!((m.figure().raw, m.points()), (-2, 0));
}

#[test]
fn usage_growth_counts_the_association_type_that_earns_more() {
    let mut rows = Rows::new();
    // Enterprise customer 0 as CPOR grows by 500 (15 of 30 points at 1,000);
    // customer 1 as DPOR grows by 3,000 (22.5 points at 4,000): DPOR wins.
    rows.row(0, 0, 1000, 2000, CPOR, YEAR_AGO, None)
        .row(0, 0, 1500, 2000, CPOR, NOW, None)
        .row(1, 0, 1000, 5000, DPOR, YEAR_AGO, None)
        .row(1, 0, 4000, 5000, DPOR, NOW, None);
    let s = rows.score(&[]);
    let m = metric(&s, ENTERPRISE, GROWTH);
    let figures: Vec<(i64, u64, Centi)> = m
        .figures
        .iter()
        .map(|f| (f.raw, f.threshold, f.points))
        .collect();
    assert_eq!(figures, [(500, 1000, 1500), (3000, 4000, 2250)]);
    assert_eq!(m.points(), 2250);
    let rules = rules();
    let group = m
        .figure()
        .group
        .map(|g| &rules.scheme.association_groups[g].name);
    assert_eq!(group.map(String::as_str), Some("DPOR"));
}

#[test]
fn usage_growth_sums_workloads_and_takes_the_larger_of_duplicate_rows() {
    let mut rows = Rows::new();
    rows.row(0, 0, 100, 200, CPOR, YEAR_AGO, None)
        .row(0, 0, 180, 200, CPOR, NOW, None)
        .row(0, 0, 150, 200, CSP1, NOW, None) // same workload again: the larger counts
        .row(0, 1, 120, 200, CPOR, NOW, None); // Teams: new this year
    let s = rows.score(&[]);
    // CPOR: (180 + 120) - 100 = 200 of 500.
    let m = metric(&s, SMB, GROWTH);
    assert_eq!(m.figures[0].raw, 200);
    assert_eq!(m.figures[0].points, 1200);
    // As CSP (an association new this year) all its usage now is growth,
    // against 2,000: 300 users, 4.5 points.
    assert_eq!((m.figures[1].raw, m.figures[1].points), (300, 450));
    assert_eq!(m.chosen, 0);
}

#[test]
fn the_earlier_snapshot_is_the_one_nearest_a_year_before() {
    let mut rows = Rows::new();
    rows.row(0, 0, 10, 20, CPOR, (2025, 6, 30), None)
        .row(0, 0, 30, 40, CPOR, (2025, 10, 31), None)
        .row(0, 0, 99, 99, CPOR, (2026, 8, 31), None)
        .row(0, 0, 50, 60, CPOR, NOW, None)
        // After the as-of date: not yet known, ignored.
        .row(0, 0, 500, 600, CPOR, (2026, 10, 31), None);
    let s = rows.score(&[]);
    assert_eq!(s.now, Some(as_of()));
    assert_eq!(s.before, Some(date(2025, 10, 31)));
    assert_eq!(metric(&s, SMB, GROWTH).figures[0].raw, 20);
}

#[test]
fn a_deployment_is_a_customer_at_forty_percent_of_its_qualified_licences() {
    let mut rows = Rows::new();
    rows.row(0, 0, 40, 100, CPOR, NOW, None) // exactly 40 %: deployed
        .row(1, 0, 39, 100, CPOR, NOW, None) // 39 %: not
        .row(2, 0, 10, 100, CPOR, NOW, None) // 10 % on Exchange ...
        .row(2, 1, 50, 100, CPOR, NOW, None) // ... 50 % on Teams: deployed
        .row(3, 0, 80, 100, CSP1, NOW, None); // deployed, but as CSP
    let s = rows.score(&[]);
    let m = metric(&s, SMB, DEPLOYMENTS);
    // CPOR: 2 of 5 = 10 points; CSP: 1 of 10 = 2.5 points.
    assert_eq!((m.figures[0].raw, m.figures[0].points), (2, 1000));
    assert_eq!((m.figures[1].raw, m.figures[1].points), (1, 250));
    assert_eq!((m.points(), m.gap), (1000, None));
}

#[test]
fn without_licence_counts_deployments_are_unmeasured() {
    let mut rows = Rows::new();
    rows.row(0, 0, 40, 100, CPOR, NOW, None);
    rows.rows[0].3 = None;
    let s = rows.score(&[]);
    let m = metric(&s, SMB, DEPLOYMENTS);
    assert_eq!((m.points(), m.gap), (0, Some(Gap::NoLicenceCounts)));
}

#[test]
fn a_person_counts_once_per_metric_and_only_for_one_partner() {
    let mut other = person("eve", &["ms-102"]);
    other.counted_for = Some(PartnerId::parse("2").unwrap());
    let mut late = person("lea", &["ms-700"]);
    late.credentials[0].in_time = false;
    let people = [
        person("ann", &["md-102", "ms-700", "ms-102"]),
        person("bob", &["teams-administrator-associate"]),
        other,
        late,
    ];
    let s = Rows::new().score(&people);
    // Intermediate: ann and bob (ann once); advanced: ann.
    assert_eq!(metric(&s, ENTERPRISE, INTERMEDIATE).figure().raw, 2);
    assert_eq!(metric(&s, ENTERPRISE, INTERMEDIATE).points(), 500);
    assert_eq!(metric(&s, ENTERPRISE, ADVANCED).points(), 750);
    assert_eq!(metric(&s, SMB, INTERMEDIATE).points(), 1000);
    assert_eq!(metric(&s, SMB, ADVANCED).points(), 1500);
}

/// An SMB partner with full marks everywhere but what `skip` leaves out.
fn smb_partner(skip: &[usize]) -> (Rows, Vec<PersonResult>) {
    let mut rows = Rows::new();
    let added = Some(date(2026, 2, 1));
    for c in 0..10 {
        let net = !skip.contains(&NET_ADDS);
        let deployed = !skip.contains(&DEPLOYMENTS);
        let grown = !skip.contains(&GROWTH);
        let active = if deployed { 60 } else { 10 };
        rows.row(
            c,
            0,
            if grown { 10 } else { active },
            100,
            CPOR,
            YEAR_AGO,
            None,
        );
        rows.row(c, 0, active, 100, CPOR, NOW, if net { added } else { None });
    }
    if !skip.contains(&GROWTH) {
        rows.row(20, 0, 0, 100, CPOR, YEAR_AGO, None);
        rows.row(20, 0, 100, 100, CPOR, NOW, None);
    }
    let mut people = Vec::new();
    if !skip.contains(&INTERMEDIATE) {
        people.push(person("a", &["ms-700"]));
        people.push(person("b", &["md-102"]));
    }
    if !skip.contains(&ADVANCED) {
        people.push(person("c", &["ms-102"]));
    }
    (rows, people)
}

#[test]
fn full_marks_qualify_on_the_smb_path() {
    let (rows, people) = smb_partner(&[]);
    let s = rows.score(&people);
    let smb = &s.paths[SMB];
    let points: Vec<Centi> = smb.metrics.iter().map(MetricScore::points).collect();
    assert_eq!(points, [2000, 1000, 1500, 3000, 2500]);
    assert_eq!(smb.total, 10_000);
    assert!(smb.qualified && s.qualified());
    assert_eq!(s.best, SMB);
}

#[test]
fn seventy_points_with_a_metric_at_zero_does_not_qualify() {
    // Without intermediate certifications: 90 points, one metric at 0.
    let (rows, people) = smb_partner(&[INTERMEDIATE]);
    let s = rows.score(&people);
    assert_eq!(s.total(), 9000);
    assert!(!s.qualified());
    assert_eq!(metric(&s, SMB, INTERMEDIATE).points(), 0);
}

#[test]
fn a_qualifying_path_counts_before_a_higher_total_that_does_not_qualify() {
    let path = |total, qualified| PathScore {
        total,
        qualified,
        metrics: Vec::new(),
    };
    assert_eq!(best_path(&[path(9000, false), path(7100, true)]), 1);
    assert_eq!(best_path(&[path(7100, true), path(9000, true)]), 1);
    assert_eq!(best_path(&[path(5000, false), path(6000, false)]), 1);
    // On a tie the first path in the rules' order counts.
    assert_eq!(best_path(&[path(7000, true), path(7000, true)]), 0);
    // Through the scorer: with no customers, people alone score, and the
    // SMB path (fewer people asked for) gives more points.
    let people = [person("a", &["ms-700"]), person("c", &["ms-102"])];
    let s = Rows::new().score(&people);
    assert_eq!(s.paths[ENTERPRISE].total, 250 + 750);
    assert_eq!(s.paths[SMB].total, 500 + 1500);
    assert_eq!(s.best, SMB);
}
