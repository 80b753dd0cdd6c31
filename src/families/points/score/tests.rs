//! The score of one partner from rows made here: tracks per tenant,
//! associations per track, net adds, usage growth from association, net new
//! deployments, baselines that stand in, and the people metrics.

use super::*;
use crate::evaluate::HeldCredential;
use crate::evaluate::snapshots::Baseline;
use crate::input::{Download, WorkloadCell};
use crate::model::{Association, CredentialId, CustomerId, PartnerId, PersonId, Sku, Workload};
use crate::text::Lang;

fn rules() -> RuleSet<Points> {
    match crate::families::AnyRuleSet::shipped("solutions-partner-modern-work") {
        Ok(crate::families::AnyRuleSet::Points(set)) => set,
        other => panic!("Modern Work is a designation: {other:?}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

const AS_OF: (i32, u32, u32) = (2026, 9, 30);
const NOW: (i32, u32, u32) = (2026, 9, 1);
const YEAR_AGO: (i32, u32, u32) = (2025, 9, 1);
const MARCH: (i32, u32, u32) = (2026, 3, 1);

const CPOR: Association = Association::ClaimingPartnerOfRecord;
const DPOR: Association = Association::DigitalPartnerOfRecord;
const CSP1: Association = Association::CspTier1;
const CSP2: Association = Association::CspTier2;

const ENTERPRISE: usize = 0;
const SMB: usize = 1;
const NET_ADDS: usize = 0;
const INTERMEDIATE: usize = 1;
const ADVANCED: usize = 2;
const GROWTH: usize = 3;
const DEPLOYMENTS: usize = 4;

/// Rows of one partner's downloads, made one by one.
#[derive(Default)]
struct Rows(Vec<CustomerRow>);

/// One row: tenant, workload, (paid, active), association, snapshot.
impl Rows {
    fn row(
        &mut self,
        tenant: &str,
        workload: &str,
        (paid, active): (u64, u64),
        association: Association,
        snapshot: (i32, u32, u32),
    ) -> &mut CustomerRow {
        self.0.push(CustomerRow {
            customer: CustomerId::parse(tenant),
            workload: Some(WorkloadCell::Counted(Workload::new(workload))),
            active_users: Some(active),
            qualified_licences: Some(paid),
            sku: Some(Sku::Paid),
            association: Some(association),
            download: if association == CPOR {
                Download::CporUsage
            } else {
                Download::OfficeUsage
            },
            snapshot: Some(date(snapshot.0, snapshot.1, snapshot.2)),
            ..CustomerRow::blank(PartnerId::parse("1").expect("an id"))
        });
        self.0.last_mut().expect("just pushed")
    }

    /// The same row now and a year before.
    fn both(
        &mut self,
        tenant: &str,
        workload: &str,
        before: (u64, u64),
        now: (u64, u64),
        association: Association,
    ) -> &mut Rows {
        self.row(tenant, workload, before, association, YEAR_AGO);
        self.row(tenant, workload, now, association, NOW);
        self
    }

    fn score(&self, people: &[PersonResult]) -> Score {
        self.score_as_of(people, date(AS_OF.0, AS_OF.1, AS_OF.2))
    }

    fn score_as_of(&self, people: &[PersonResult], as_of: NaiveDate) -> Score {
        let r = rules();
        let indexed: Vec<(usize, &CustomerRow)> = self.0.iter().enumerate().collect();
        let score = score(&r.scheme, &r.rules, &indexed, people, as_of);
        // The `Tenants` sheet makes the same lines again.
        let again = tenant_lines(&r.scheme, &r.rules, &indexed, as_of);
        assert_eq!(again, score.tenants, "the lines made again");
        assert_eq!(score.tenant_lines, score.tenants.len());
        score
    }
}

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
                expires_on: None,
                dropped: Vec::new(),
            })
            .collect(),
        qualifies: true,
        counted: true,
        missing: Default::default(),
        counted_for: None,
    }
}

/// A tenant's first line on a path.
fn line<'a>(s: &'a Score, tenant: &str, path: usize) -> &'a TenantLine {
    s.tenants
        .iter()
        .find(|l| l.tenant.as_str() == tenant && l.path == path)
        .unwrap_or_else(|| panic!("{tenant} on path {path}"))
}

fn metric(s: &Score, path: usize, metric: usize) -> &MetricScore {
    &s.paths[path].metrics[metric]
}

/// A metric's figure per option on a path: (raw, points).
fn figures(s: &Score, path: usize, m: usize) -> Vec<(i64, Centi)> {
    metric(s, path, m)
        .figures
        .iter()
        .map(|f| (f.raw, f.points))
        .collect()
}

#[test]
fn a_tenant_is_on_every_track_one_of_its_workloads_puts_it_on() {
    let mut rows = Rows::default();
    rows.row("ent", "Exchange Online", (301, 10), CPOR, NOW);
    rows.row("smb", "Exchange Online", (300, 10), CPOR, NOW);
    rows.row("small", "Exchange Online", (10, 10), CPOR, NOW);
    rows.row("both", "Exchange Online", (500, 10), CPOR, NOW);
    rows.row("both", "Teams", (11, 10), CPOR, NOW);
    // Eligible by Teams Premium alone: for growth and deployments only.
    rows.row("premium", "Teams Premium", (40, 30), CPOR, NOW);
    let s = rows.score(&[]);
    // A year before is missing here: nothing is credited, and it is said.
    assert!(metric(&s, SMB, NET_ADDS).marks.baseline);
    let lines = |path: usize| -> Vec<(&str, &Eligibility)> {
        s.tenants
            .iter()
            .filter(|l| l.path == path)
            .map(|l| (l.tenant.as_str(), &l.eligible_now))
            .collect()
    };
    let growth_and_deployments = Eligibility::Only(vec![GROWTH, DEPLOYMENTS]);
    assert_eq!(
        lines(ENTERPRISE),
        [
            ("both", &Eligibility::Yes),
            ("ent", &Eligibility::Yes),
            ("premium", &Eligibility::No),
            ("small", &Eligibility::No),
            ("smb", &Eligibility::No)
        ]
    );
    assert_eq!(
        lines(SMB),
        [
            ("both", &Eligibility::Yes),
            ("ent", &Eligibility::No),
            ("premium", &growth_and_deployments),
            ("small", &Eligibility::No),
            ("smb", &Eligibility::Yes)
        ]
    );
}

#[test]
fn net_adds_are_qualifying_tenants_now_less_a_year_before_once_whatever_their_associations() {
    let mut rows = Rows::default();
    rows.both("kept", "Exchange Online", (50, 10), (50, 20), CPOR);
    rows.row("gone", "Exchange Online", (50, 10), CPOR, YEAR_AGO);
    rows.row("new", "Exchange Online", (50, 10), CSP1, NOW);
    // Two associations, one tenant.
    rows.row("twice", "Exchange Online", (50, 10), CPOR, NOW);
    rows.row("twice", "Exchange Online", (50, 10), CSP2, NOW);
    // DPOR does not count on SMB; Teams Premium makes no net add.
    rows.row("dpor", "Exchange Online", (50, 10), DPOR, NOW);
    // (OfficeUsage a year before: a DPOR tenant, which SMB does not count.)
    rows.row("dpor-then", "Exchange Online", (50, 10), DPOR, YEAR_AGO);
    rows.row("premium", "Teams Premium", (50, 10), CSP1, NOW);
    let s = rows.score(&[]);
    // Now kept, new, twice = 3; a year before kept, gone = 2.
    assert_eq!(figures(&s, SMB, NET_ADDS), [(1, 200)]);
    assert!(!metric(&s, SMB, NET_ADDS).marks.baseline);
    // The tenant under two groups has its add on one line only.
    let twice: Vec<i64> = s
        .tenants
        .iter()
        .filter(|l| l.tenant.as_str() == "twice" && l.path == SMB)
        .map(|l| l.value(NET_ADDS))
        .collect();
    assert_eq!(twice, [1, 0]);
    // The DPOR tenant's SMB line says why it does not count.
    assert_eq!(line(&s, "dpor", SMB).notes, [LineNote::NotOnPath]);
    // More lost than added is a negative figure, worth nothing.
    let mut rows = Rows::default();
    for t in ["a", "b", "c"] {
        rows.row(t, "Exchange Online", (50, 10), CPOR, YEAR_AGO);
    }
    rows.row("d", "Exchange Online", (50, 10), CPOR, NOW);
    assert_eq!(figures(&rows.score(&[]), SMB, NET_ADDS), [(-2, 0)]);
}

#[test]
fn a_tenant_smb_a_year_before_stays_smb_after_it_outgrows_the_band() {
    let mut rows = Rows::default();
    rows.both("grown", "Exchange Online", (250, 100), (450, 400), CSP2);
    // Was never SMB: 400 then, 500 now.
    rows.both("big", "Exchange Online", (400, 100), (500, 400), CSP2);
    let s = rows.score(&[]);
    // Still an SMB tenant: no net add, its growth counts as CSP.
    assert_eq!(figures(&s, SMB, NET_ADDS), [(0, 0)]);
    assert_eq!(figures(&s, SMB, GROWTH), [(0, 0), (300, 450)]);
    assert!(line(&s, "grown", SMB).notes.contains(&LineNote::Stays));
    // CSP does not count on Enterprise.
    assert_eq!(figures(&s, ENTERPRISE, NET_ADDS), [(0, 0)]);
}

#[test]
fn usage_growth_is_credited_from_the_association() {
    let mut rows = Rows::default();
    // Associated before the window: from a year before, 100 -> 180.
    rows.both("old", "M365 Copilot", (320, 100), (320, 180), CPOR);
    for r in rows.0.iter_mut() {
        r.associated_on = Some(date(2025, 8, 15));
    }
    // Associated 2026-02-10: from its first snapshot on or after, March's.
    rows.row("new", "Teams", (1500, 600), CPOR, (2025, 12, 1));
    rows.row("new", "Teams", (1500, 700), CPOR, MARCH);
    rows.row("new", "Teams", (1500, 900), CPOR, NOW);
    for r in rows.0.iter_mut().filter(|r| r.customer_name.is_none()) {
        r.associated_on.get_or_insert(date(2026, 2, 10));
    }
    // No DateAssociated, Customer Since inside the window.
    rows.row("since", "Exchange Online", (800, 100), DPOR, MARCH)
        .added_on = Some(date(2025, 11, 20));
    rows.row("since", "Exchange Online", (800, 300), DPOR, NOW)
        .added_on = Some(date(2025, 11, 20));
    // Neither: from the first snapshot it appears in.
    rows.row("first", "Exchange Online", (400, 150), DPOR, MARCH);
    // OfficeUsage a year before (a DPOR tenant gone since, no users).
    rows.row("x", "Exchange Online", (900, 0), DPOR, YEAR_AGO);
    rows.row("first", "Exchange Online", (400, 550), DPOR, NOW);
    let s = rows.score(&[]);
    // CPOR: 80 + (900 - 700); DPOR: (300 - 100) + (550 - 150).
    assert_eq!(figures(&s, ENTERPRISE, GROWTH), [(280, 840), (600, 450)]);
    let from = |t: &str| {
        line(&s, t, ENTERPRISE)
            .measured_from
            .map(|f| (f.date, f.users, f.at_association))
    };
    assert_eq!(from("old"), Some((Some(date(2025, 9, 1)), 100, false)));
    assert_eq!(from("new"), Some((Some(date(2026, 3, 1)), 700, true)));
    assert_eq!(from("since"), Some((Some(date(2026, 3, 1)), 100, true)));
    assert_eq!(from("first"), Some((Some(date(2026, 3, 1)), 150, true)));
}

#[test]
fn deployments_are_net_new_and_leave_out_tenants_deployed_at_association() {
    let mut rows = Rows::default();
    // Exactly 40 % now, 39 % a year before: a new deployment.
    rows.both("forty", "Exchange Online", (100, 39), (100, 40), CSP1);
    // Deployed both times: none new.
    rows.both("steady", "Exchange Online", (100, 60), (100, 70), CSP1);
    // Deployed a year before, not now: -1.
    rows.both("fell", "Exchange Online", (100, 50), (100, 20), CSP1);
    // Summed over workloads: (10 + 50) / 200 = 30 %: not deployed.
    rows.row("sum", "Exchange Online", (100, 10), CSP1, NOW);
    rows.row("sum", "Teams", (100, 50), CSP1, NOW);
    // Associated since, deployed at association (75 %): left out.
    rows.row("claimed", "Exchange Online", (40, 30), CSP1, MARCH);
    rows.row("claimed", "Exchange Online", (40, 36), CSP1, NOW);
    // Associated since at 20 %, deployed now: counts (the CPOR download
    // reaches back a year: another tenant of it, then).
    rows.row("old", "Exchange Online", (100, 0), CPOR, YEAR_AGO);
    rows.row("grew", "Exchange Online", (50, 10), CPOR, MARCH);
    rows.row("grew", "Exchange Online", (50, 45), CPOR, NOW);
    let s = rows.score(&[]);
    // CPOR 1 of 5; CSP: forty +1, fell -1, claimed left out = 0.
    assert_eq!(figures(&s, SMB, DEPLOYMENTS), [(1, 500), (0, 0)]);
    let claimed = line(&s, "claimed", SMB);
    assert_eq!(
        claimed.notes,
        [LineNote::DeployedAtAssociation(date(2026, 3, 1), 0.75)]
    );
    assert_eq!(claimed.deployed, [Some(0.9), None, Some(0.75)]);
}

#[test]
fn a_missing_year_before_snapshot_stands_in_later_or_not_at_all_and_says_so() {
    // OfficeUsage reaches back to March only: March stands in for 2025-09.
    let mut rows = Rows::default();
    rows.row("a", "Exchange Online", (50, 10), DPOR, MARCH);
    rows.row("a", "Exchange Online", (50, 30), DPOR, NOW);
    rows.row("b", "Exchange Online", (50, 30), DPOR, NOW);
    let s = rows.score(&[]);
    let office = s
        .baselines
        .iter()
        .find(|b| b.download == Download::OfficeUsage)
        .expect("OfficeUsage");
    assert_eq!(
        office.baseline,
        Baseline::Instead {
            wanted: date(2025, 9, 1),
            used: date(2026, 3, 1)
        }
    );
    assert!(!office.exact());
    // Measured from March: "a" is no add and grew by 20; "b" is new.
    assert_eq!(figures(&s, ENTERPRISE, NET_ADDS), [(0, 0)]);
    assert!(metric(&s, ENTERPRISE, GROWTH).marks.baseline);
    assert!(!metric(&s, ENTERPRISE, INTERMEDIATE).marks.baseline);
    // (SMB: a and b are 50 licences, but DPOR does not count on SMB.)
    assert_eq!(figures(&s, SMB, NET_ADDS), [(0, 0)]);

    // Only the current snapshot: it stands in, so nothing is credited
    // (never a baseline of zero that makes every user growth).
    let mut rows = Rows::default();
    rows.row("a", "Exchange Online", (50, 30), CSP1, NOW);
    rows.row("b", "Exchange Online", (50, 30), CPOR, NOW);
    let s = rows.score(&[]);
    assert_eq!(figures(&s, SMB, NET_ADDS), [(0, 0)]);
    assert_eq!(figures(&s, SMB, GROWTH), [(0, 0), (0, 0)]);
    assert_eq!(figures(&s, SMB, DEPLOYMENTS), [(0, 0), (0, 0)]);
    assert!(s.baselines.iter().all(|b| matches!(
        b.baseline,
        Baseline::Missing { wanted } if wanted == date(2025, 9, 1)
    )));
    assert!(metric(&s, SMB, DEPLOYMENTS).marks.baseline);

    // Undated rows (a workbook without Snapshot Date) are the current state
    // and compare with nothing either.
    let mut rows = Rows::default();
    rows.row("a", "Exchange Online", (50, 30), CSP1, NOW)
        .snapshot = None;
    let s = rows.score(&[]);
    assert_eq!(figures(&s, SMB, NET_ADDS), [(0, 0)]);
    assert_eq!(
        s.baselines
            .iter()
            .map(|b| (b.current, b.exact()))
            .collect::<Vec<_>>(),
        [(None, false)]
    );
}

#[test]
fn a_current_snapshot_older_than_last_months_is_marked_not_current() {
    // The September snapshot is current at the end of September and, as
    // Partner Center's downloads run a month behind, at the end of October.
    let mut rows = Rows::default();
    rows.both("a", "Exchange Online", (50, 10), (50, 30), CSP1);
    let in_time = rows.score_as_of(&[], date(2026, 10, 31));
    assert!(in_time.baselines.iter().all(|b| b.months_behind == 0));
    assert!(!metric(&in_time, SMB, GROWTH).marks.stale);

    // At the end of November, October's download was not dropped: the
    // figures are September's, and say so, on the customer metrics only.
    let late = rows.score_as_of(&[], date(2026, 11, 30));
    let office = late
        .baselines
        .iter()
        .find(|b| b.download == Download::OfficeUsage)
        .expect("OfficeUsage");
    assert_eq!(
        (office.current, office.months_behind),
        (Some(date(2026, 9, 1)), 2)
    );
    assert!(metric(&late, SMB, GROWTH).marks.stale);
    assert!(metric(&late, SMB, NET_ADDS).marks.stale);
    assert!(!metric(&late, SMB, INTERMEDIATE).marks.stale);
    // Still the figures the inputs give, never zeroed.
    assert_eq!(figures(&late, SMB, GROWTH), figures(&in_time, SMB, GROWTH));
    let words = Lang::En.texts().stale_words(office).expect("old");
    assert!(
        words.starts_with(
            "the latest snapshot of OfficeUsage is of 2026-09, 2 months before the as-of date"
        ) && words.contains("drop the latest one into the input"),
        "{words}"
    );
}

#[test]
fn rows_without_paid_licences_are_marked() {
    let mut rows = Rows::default();
    rows.both("a", "Exchange Online", (50, 10), (50, 30), CSP1);
    rows.0[1].qualified_licences = None;
    let s = rows.score(&[]);
    // Its 30 active users stand in for its paid licences (SMB), but it
    // takes no part in deployments.
    assert_eq!(figures(&s, SMB, NET_ADDS), [(0, 0)]);
    assert_eq!(figures(&s, SMB, DEPLOYMENTS), [(0, 0), (0, 0)]);
    assert!(metric(&s, SMB, DEPLOYMENTS).marks.licences);
    assert!(!metric(&s, SMB, ADVANCED).marks.licences);
}

#[test]
fn a_person_counts_once_per_metric_only_for_one_partner_and_only_with_what_counts() {
    let mut other = person("eve", &["enterprise-administrator-expert"]);
    other.counted_for = Some(PartnerId::parse("2").unwrap());
    let mut late = person("lea", &["teams-administrator-associate"]);
    late.credentials[0].in_time = false;
    let mut expired = person("ana", &["teams-administrator-associate"]);
    expired.credentials[0].dropped = vec![(
        CredentialId::new("teams-administrator-associate"),
        crate::evaluate::Dropped::Expired(date(2026, 6, 10)),
    )];
    let people = [
        person(
            "ann",
            &[
                "endpoint-administrator-associate",
                "teams-administrator-associate",
                "enterprise-administrator-expert",
            ],
        ),
        person("bob", &["teams-administrator-associate"]),
        other,
        late,
        expired,
    ];
    let s = Rows::default().score(&people);
    // Intermediate: ann and bob (ann once); advanced: ann.
    assert_eq!(figures(&s, ENTERPRISE, INTERMEDIATE), [(2, 500)]);
    assert_eq!(figures(&s, ENTERPRISE, ADVANCED), [(1, 750)]);
    assert_eq!(figures(&s, SMB, INTERMEDIATE), [(2, 1000)]);
    assert_eq!(figures(&s, SMB, ADVANCED), [(1, 1500)]);
}

/// An SMB partner with full marks everywhere but what `skip` leaves out.
fn smb_partner(skip: &[usize]) -> (Rows, Vec<PersonResult>) {
    let mut rows = Rows::default();
    // Ten tenants associated long ago, new to SMB this year, deployed.
    for i in 0..10 {
        let t = format!("t{i}");
        let active = if skip.contains(&DEPLOYMENTS) { 10 } else { 60 };
        rows.row(&t, "Exchange Online", (100, active), CPOR, NOW)
            .associated_on = Some(date(2024, 1, 1));
    }
    let grown = if skip.contains(&GROWTH) { 0 } else { 500 };
    rows.both("grow", "Exchange Online", (100, 0), (100, grown), CPOR);
    let mut people = Vec::new();
    if !skip.contains(&INTERMEDIATE) {
        people.push(person("a", &["teams-administrator-associate"]));
        people.push(person("b", &["endpoint-administrator-associate"]));
    }
    if !skip.contains(&ADVANCED) {
        people.push(person("c", &["enterprise-administrator-expert"]));
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
fn ninety_points_with_a_metric_at_zero_does_not_qualify() {
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
    let people = [
        person("a", &["teams-administrator-associate"]),
        person("c", &["enterprise-administrator-expert"]),
    ];
    let s = Rows::default().score(&people);
    assert_eq!(s.paths[ENTERPRISE].total, 250 + 750);
    assert_eq!(s.paths[SMB].total, 500 + 1500);
    assert_eq!(s.best, SMB);
}
