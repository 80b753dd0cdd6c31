//! The ACR family on small hand-made partners: the track at its 80 %
//! boundary, a month held by two downloads (the newer wins), offers left
//! out only where a download has an offer column, a download without
//! Service Level 2, usage growth's trailing-twelve-months gate, retired
//! certifications, the route in the designation's own units, and the rules'
//! own checks (the page's examples).

use std::sync::Arc;

use super::route::route;
use super::score::{AcrStanding, standing};
use super::words;
use crate::evaluate::{Downloads, HeldCredential, PersonResult};
use crate::families::AnyRuleSet;
use crate::input::AcrRow;
use crate::model::{
    Amount, Association, CalendarMonth, CredentialId, CustomerId, PartnerId, PersonId,
};
use crate::problem::Location;
use crate::rules::RuleSet;

use super::AcrScored;

fn shipped(name: &str) -> RuleSet<AcrScored> {
    match AnyRuleSet::shipped(name).expect("it loads") {
        AnyRuleSet::Acr(set) => set,
        other => panic!("{name} is not an ACR rule set: {}", other.title()),
    }
}

pub(crate) fn month(y: i32, m: u32) -> CalendarMonth {
    CalendarMonth::new(y, m).unwrap()
}

/// A row: (file, tenant, segment, month, service, association, dollars).
pub(crate) fn row(
    file: &str,
    tenant: &str,
    segment: &str,
    m: CalendarMonth,
    service: Option<&str>,
    association: Association,
    usd: i64,
) -> AcrRow {
    AcrRow {
        source: Location::file(Arc::from(file)),
        partner: PartnerId::parse("4000009").unwrap(),
        partner_name: None,
        customer: CustomerId::parse(tenant),
        customer_name: Some(Arc::from(format!("{tenant} Ltd"))),
        segment: Some(Arc::from(segment)),
        month: Some(m),
        services: [None, service.map(Arc::from), None, None],
        association: Some(association),
        association_type: None,
        subscription: None,
        offer: None,
        product: None,
        amount: Amount::whole(usd),
        invalid: None,
    }
}

pub(crate) fn person(
    id: &str,
    credentials: &[&str],
    passed: Option<chrono::NaiveDate>,
) -> PersonResult {
    PersonResult {
        partner: PartnerId::parse("4000009").unwrap(),
        person: PersonId::parse(id).unwrap(),
        name: None,
        credentials: credentials
            .iter()
            .map(|c| HeldCredential {
                text: c.to_string(),
                ids: vec![CredentialId::new(c)],
                passed_on: passed,
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

fn score(set: &RuleSet<AcrScored>, rows: &[AcrRow], people: &[PersonResult]) -> AcrStanding {
    let downloads = Downloads {
        acr: rows.iter().collect(),
        ..Downloads::default()
    };
    standing(&set.scheme, &downloads, people, month(2026, 5))
}

fn metric(s: &AcrStanding, set: &RuleSet<AcrScored>, id: &str) -> (i64, u32) {
    let i = set
        .scheme
        .scoring
        .metrics
        .iter()
        .position(|m| m.id == id)
        .unwrap();
    let f = s.score.best_path().metrics[i].figure();
    (f.raw, f.points)
}

const CSP: Association = Association::CspTier1;

#[test]
fn eighty_percent_of_last_months_customers_in_smb_segments_is_the_smb_track() {
    let set = shipped("solutions-partner-data-ai");
    let may = month(2026, 5);
    let mut rows: Vec<AcrRow> = (0..4)
        .map(|i| {
            row(
                "a.csv",
                &format!("t{i}"),
                "SMB Commercial",
                may,
                Some("Storage"),
                CSP,
                100,
            )
        })
        .collect();
    rows.push(row(
        "a.csv",
        "big",
        "Major Commercial",
        may,
        Some("Storage"),
        CSP,
        100,
    ));
    let s = score(&set, &rows, &[]);
    assert_eq!((s.smb_customers, s.customers, s.score.best), (4, 5, 1));
    // A sixth customer in a segment the rules do not list: 4 of 6, Enterprise, and named.
    rows.push(row(
        "a.csv",
        "odd",
        "Galactic",
        may,
        Some("Storage"),
        CSP,
        100,
    ));
    let s = score(&set, &rows, &[]);
    assert_eq!((s.smb_customers, s.customers, s.score.best), (4, 6, 0));
    assert_eq!(s.unknown_segments, ["Galactic"]);
    // A tenant whose ACR is not eligible (DAP) is no customer of the track.
    rows.pop();
    rows.push(row(
        "a.csv",
        "dap",
        "Major Commercial",
        may,
        Some("Storage"),
        Association::DelegatedAdministrator,
        900,
    ));
    let s = score(&set, &rows, &[]);
    assert_eq!((s.customers, s.score.best), (5, 1));
}

#[test]
fn the_newer_download_holds_a_month_two_downloads_give() {
    let set = shipped("solutions-partner-data-ai");
    let (may, may_before) = (month(2026, 5), month(2025, 5));
    let rows = [
        // The older download (reaching 2025-05) and the newer (reaching 2026-05) both hold 2025-05.
        row(
            "old.csv",
            "t1",
            "Major Commercial",
            may_before,
            Some("AKS"),
            CSP,
            2_250,
        ),
        row(
            "new.csv",
            "t1",
            "Major Commercial",
            may_before,
            Some("AKS"),
            CSP,
            2_000,
        ),
        row(
            "new.csv",
            "t1",
            "Major Commercial",
            may,
            Some("AKS"),
            CSP,
            2_500,
        ),
    ];
    let s = score(&set, &rows, &[]);
    assert_eq!(
        s.acr,
        [Amount::whole(2_500).unwrap(), Amount::whole(2_000).unwrap()]
    );
    // 25 % growth: the full 20 points.
    assert_eq!(metric(&s, &set, "usage-growth"), (2_500, 2_000));
}

#[test]
fn offers_are_left_out_only_where_a_download_gives_them() {
    let set = shipped("solutions-partner-infrastructure");
    let may = month(2026, 5);
    let mut trial = row(
        "a.csv",
        "t1",
        "Major Commercial",
        may,
        Some("Storage"),
        CSP,
        5_000,
    );
    trial.offer = Some(Arc::from("Free TRIAL"));
    let paid = row(
        "a.csv",
        "t2",
        "Major Commercial",
        may,
        Some("Storage"),
        CSP,
        1_000,
    );
    let s = score(&set, &[trial, paid.clone()], &[]);
    assert!(s.offer_column);
    assert_eq!(
        (s.offers_left_out, s.acr[0]),
        (1, Amount::whole(1_000).unwrap())
    );
    let s = score(&set, &[paid], &[]);
    assert!(!s.offer_column);
}

#[test]
fn deployments_count_services_over_twelve_months_and_say_when_a_download_has_none() {
    let set = shipped("solutions-partner-digital-app-innovation");
    let rows = [
        row(
            "a.csv",
            "t1",
            "Major Commercial",
            month(2025, 6),
            Some("Azure Functions"),
            CSP,
            10,
        ),
        // Eleven months before 2025-06 ended: outside the twelve months.
        row(
            "a.csv",
            "t1",
            "Major Commercial",
            month(2025, 5),
            Some("Azure Monitor"),
            CSP,
            10,
        ),
        row(
            "a.csv",
            "t1",
            "Major Commercial",
            month(2026, 5),
            Some("virtual machines"),
            CSP,
            10,
        ),
        row(
            "a.csv",
            "t1",
            "Major Commercial",
            month(2026, 5),
            Some("Storage"),
            CSP,
            10,
        ),
    ];
    let s = score(&set, &rows, &[]);
    assert_eq!(s.services, ["Azure Functions", "Storage"]);
    assert_eq!(metric(&s, &set, "deployments"), (2, 400));
    assert_eq!(s.rows_without_service, 0);
    // A CustomersAndTenants download (no service level) reaching the same month gives way to
    // the AzureUsage download; alone, it cannot measure deployments, and says so.
    let products = row(
        "b.csv",
        "t2",
        "Major Commercial",
        month(2026, 5),
        None,
        CSP,
        10,
    );
    let s = score(&set, &[rows.to_vec(), vec![products.clone()]].concat(), &[]);
    assert_eq!((s.services.len(), s.rows_without_service), (2, 0));
    let s = score(&set, &[products], &[]);
    assert_eq!(metric(&s, &set, "deployments"), (0, 0));
    assert_eq!(s.rows_without_service, 1);
}

#[test]
fn usage_growth_needs_a_thousand_dollars_over_twelve_months_and_a_year_before() {
    let set = shipped("solutions-partner-data-ai");
    let rows = [
        row(
            "a.csv",
            "t1",
            "Major Commercial",
            month(2025, 5),
            Some("Storage"),
            CSP,
            100,
        ),
        row(
            "a.csv",
            "t1",
            "Major Commercial",
            month(2026, 5),
            Some("Storage"),
            CSP,
            150,
        ),
    ];
    let s = score(&set, &rows, &[]);
    // 50 % growth, but $150 over the trailing twelve months: no points, and the route says why.
    assert_eq!(metric(&s, &set, "usage-growth"), (5_000, 0));
    let t = &crate::text::en::EN;
    let other = words::other_steps(t, &set.scheme, &s);
    assert_eq!(
        other[0].1,
        "usage growth to score: at least $1,000 of ACR over the trailing 12 months (now $150)"
    );
    // Nothing a year before: no percentage.
    let s = score(&set, &rows[1..], &[]);
    assert_eq!(metric(&s, &set, "usage-growth"), (0, 0));
}

#[test]
fn the_route_speaks_in_dollars_of_acr_and_certifications() {
    let set = shipped("solutions-partner-data-ai");
    let (may, before) = (month(2026, 5), month(2025, 5));
    let mut rows = Vec::new();
    for (i, t) in ["a", "b", "c", "d"].iter().enumerate() {
        rows.push(row(
            "x.csv",
            t,
            "Major Commercial",
            may,
            Some(&format!("S{i}")),
            CSP,
            2_500,
        ));
        rows.push(row(
            "x.csv",
            t,
            "Major Commercial",
            before,
            Some(&format!("S{i}")),
            CSP,
            2_500,
        ));
    }
    // Three new customers, one $100 short of Enterprise's $1,000.
    for t in ["e", "f", "g"] {
        rows.push(row(
            "x.csv",
            t,
            "Major Commercial",
            may,
            Some("S9"),
            CSP,
            1_000,
        ));
    }
    rows.push(row(
        "x.csv",
        "h",
        "Major Commercial",
        may,
        Some("S8"),
        CSP,
        900,
    ));
    // One Azure Administrator short of step 1; step 2 met; eight electives waiting.
    let mut people = vec![
        person(
            "ann",
            &[
                "azure-administrator-associate",
                "azure-solutions-architect-expert",
            ],
            None,
        ),
        person("bo", &["azure-solutions-architect-expert"], None),
    ];
    for i in 0..8 {
        people.push(person(&format!("p{i}"), &["data-analyst-associate"], None));
    }
    let s = score(&set, &rows, &people);
    let growth = metric(&s, &set, "usage-growth");
    assert_eq!(growth.0, 3_900); // (10,000 + 3,000 + 900) / 10,000: 39 %.
    let r = route(&set.scheme, &s).expect("a route");
    let t = &crate::text::en::EN;
    let steps: Vec<String> = r
        .steps
        .iter()
        .map(|st| words::step_more(t, &set.scheme, &s, st))
        .collect();
    assert_eq!(
        steps,
        ["1 more Azure Administrator Associate (unlocks step-3: +32)"],
        "{r:?}"
    );
    let route = words::route_words(t, &set.scheme, &s, Some(&r)).unwrap();
    assert_eq!(
        route,
        "needs 1 more Azure Administrator Associate (unlocks step-3: +32) to qualify on the Enterprise path (92 points)"
    );
    // In German, from the German table.
    let de = &crate::text::de::DE;
    assert!(
        words::step_more(de, &set.scheme, &s, &r.steps[0]).starts_with(
            "1 weitere Person mit Azure Administrator Associate (schaltet step-3 frei: +32)"
        ),
        "{}",
        words::step_more(de, &set.scheme, &s, &r.steps[0])
    );
}

#[test]
fn a_metric_at_nothing_asks_for_the_acr_that_earns_its_first_point() {
    let set = shipped("solutions-partner-data-ai");
    let (may, before) = (month(2026, 5), month(2025, 5));
    let mut rows = Vec::new();
    // Four customers a year before at $2,500, now at $1,500, and three new at $1,000: net 3,
    // $9,000 against $10,000 (-10 %: no growth points, below the metric minimum).
    for (i, t) in ["a", "b", "c", "d"].iter().enumerate() {
        let service = format!("S{i}");
        rows.push(row(
            "x.csv",
            t,
            "Major Commercial",
            before,
            Some(&service),
            CSP,
            2_500,
        ));
        rows.push(row(
            "x.csv",
            t,
            "Major Commercial",
            may,
            Some(&service),
            CSP,
            1_500,
        ));
    }
    for t in ["e", "f", "g"] {
        rows.push(row(
            "x.csv",
            t,
            "Major Commercial",
            may,
            Some(t),
            CSP,
            1_000,
        ));
    }
    let mut people = vec![
        person(
            "ann",
            &[
                "azure-administrator-associate",
                "azure-solutions-architect-expert",
            ],
            None,
        ),
        person(
            "bo",
            &[
                "azure-administrator-associate",
                "azure-solutions-architect-expert",
            ],
            None,
        ),
    ];
    for i in 0..10 {
        people.push(person(&format!("p{i}"), &["data-analyst-associate"], None));
    }
    let s = score(&set, &rows, &people);
    assert_eq!(metric(&s, &set, "usage-growth"), (-1_000, 0));
    assert_eq!(s.score.best_path().total, 8_000);
    assert!(!s.score.qualified());
    let r = route(&set.scheme, &s).expect("a route");
    let t = &crate::text::en::EN;
    let route = words::route_words(t, &set.scheme, &s, Some(&r)).unwrap();
    assert!(
        route.starts_with("needs $1,100 more ACR next month for usage growth (+1 point)"),
        "{route}"
    );
}
