//! The security family on small hand-made partners: which rows are security
//! ACR (PAL or CSP, a security service at Service Level 2 or 3), the ACR
//! bands over trailing twelve months (an SMB tenant grown past $12,000
//! stays SMB), both paths scored with the better counting, and the route in
//! Security's own units, in English and German. The sample and the page's
//! examples are scored through the binary in tests/designations.rs.

use super::SecurityScored;
use super::route::route;
use super::score::{SecurityStanding, standing};
use super::words::{part_words, route_words};
use crate::evaluate::{Downloads, PersonResult};
use crate::families::AnyRuleSet;
use crate::families::acr::tests::{month, person, row};
use crate::families::points::score::score as m365_score;
use crate::input::AcrRow;
use crate::model::{Association, CalendarMonth};
use crate::rules::RuleSet;

fn shipped() -> RuleSet<SecurityScored> {
    match AnyRuleSet::shipped("solutions-partner-security").expect("it loads") {
        AnyRuleSet::Security(set) => set,
        other => panic!("not the security family: {}", other.title()),
    }
}

const PAL: Association = Association::PartnerAdminLink;

/// A tenant's rows: `usd` a month on `service` over `months` (offsets from
/// May 2026, 0 the last).
fn tenant(
    name: &str,
    service: &str,
    a: Association,
    usd: i64,
    months: std::ops::RangeInclusive<u32>,
) -> Vec<AcrRow> {
    months
        .map(|back| {
            row(
                "u.csv",
                name,
                "SMB Commercial",
                month(2026, 5).minus(back),
                Some(service),
                a,
                usd,
            )
        })
        .collect()
}

fn score(
    set: &RuleSet<SecurityScored>,
    rows: &[AcrRow],
    people: &[PersonResult],
) -> SecurityStanding {
    let downloads = Downloads {
        acr: rows.iter().collect(),
        ..Downloads::default()
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 5, 31).unwrap();
    let m365 = m365_score(&set.scheme.m365, &set.rules, &[], people, as_of);
    standing(&set.scheme, &downloads, people, month(2026, 5), m365)
}

/// A metric's (Azure part's raw figure, metric points) on path `p`.
fn azure(s: &SecurityStanding, set: &RuleSet<SecurityScored>, id: &str, p: usize) -> (i64, u32) {
    let i = set
        .scheme
        .scoring
        .metrics
        .iter()
        .position(|m| m.id == id)
        .unwrap();
    let raw = s.parts[p][i][0].map_or(0, |f| f.raw);
    (raw, s.score.paths[p].metrics[i].points())
}

const ENTERPRISE: usize = 0;
const SMB: usize = 1;

#[test]
fn only_pal_and_csp_on_security_services_count() {
    let set = shipped();
    let mut rows = tenant("t1", "Sentinel", PAL, 100, 0..=11);
    // DPOR, and a service that is not a security one: nowhere.
    rows.extend(tenant(
        "t2",
        "Sentinel",
        Association::DigitalPartnerOfRecord,
        5_000,
        0..=11,
    ));
    rows.extend(tenant("t3", "Azure Kubernetes Service", PAL, 5_000, 0..=11));
    // Named at Service Level 3 under another Level 2: counts.
    let mut level3 = tenant("t4", "Networking", Association::CspTier2, 100, 0..=11);
    for r in &mut level3 {
        r.services[2] = Some("Azure Firewall".into());
    }
    rows.extend(level3);
    let s = score(&set, &rows, &[]);
    assert_eq!(s.services, ["Azure Firewall", "Sentinel"]);
    assert_eq!(s.ttm[0].as_f64(), 2_400.0);
    // Two tenants with $1,200 over 12 months (at least $600): 2 net adds.
    assert_eq!(azure(&s, &set, "net-customer-adds", ENTERPRISE), (2, 400));
    assert_eq!(azure(&s, &set, "net-customer-adds", SMB), (2, 800));
}

#[test]
fn a_tenant_outgrowing_smb_stays_smb_and_counts_on_enterprise_too() {
    let set = shipped();
    // $900 a month a year before ($10,800 over 12 months), $1,100 now ($13,200).
    let mut rows = tenant("grows", "Key Vault", PAL, 900, 12..=23);
    rows.extend(tenant("grows", "Key Vault", PAL, 1_100, 0..=11));
    let s = score(&set, &rows, &[]);
    // Deployments: SMB 1 before, still 1 now (stays) = 0; Enterprise 0 before, 1 now.
    assert_eq!(azure(&s, &set, "deployments", SMB), (0, 0));
    assert_eq!(azure(&s, &set, "deployments", ENTERPRISE), (1, 333));
    // Usage growth: SMB $13,200 - $10,800 = $2,400 of $15,000 -> 3.2; Enterprise $13,200 of
    // $25,000 -> 10.56.
    assert_eq!(azure(&s, &set, "usage-growth", SMB), (240_000, 320));
    assert_eq!(
        azure(&s, &set, "usage-growth", ENTERPRISE),
        (1_320_000, 1056)
    );
    // Both paths scored: the better one counts.
    assert_eq!(s.score.best, ENTERPRISE);
}

/// Five new tenants at $60 a month ($720: net adds, not a deployment) and
/// six steady ones at $1,000 (deployed now and a year before), and the SMB
/// people of steps 1 and 3.
fn short_of_deployments() -> (RuleSet<SecurityScored>, SecurityStanding) {
    let set = shipped();
    let mut rows = Vec::new();
    for i in 0..5 {
        rows.extend(tenant(&format!("new{i}"), "Sentinel", PAL, 60, 0..=11));
    }
    for i in 0..6 {
        rows.extend(tenant(&format!("old{i}"), "Key Vault", PAL, 1_000, 0..=23));
    }
    let people = vec![
        person("a@x.example", &["azure-security-engineer-associate"], None),
        person("b@x.example", &["cybersecurity-architect-expert"], None),
        person(
            "c@x.example",
            &["identity-and-access-administrator-associate"],
            None,
        ),
        person(
            "d@x.example",
            &["information-security-administrator-associate"],
            None,
        ),
        person("e@x.example", &["cybersecurity-architect-expert"], None),
    ];
    let s = score(&set, &rows, &people);
    (set, s)
}

#[test]
fn the_route_speaks_in_securitys_units() {
    let (set, s) = short_of_deployments();
    // SMB: net adds 20, skilling 4 (step 2 missing), deployments 0, growth $3,600 -> 4.8; the
    // missing gate unlocks step 3 (+36 with its own 4), and deployments need their point and
    // the last 5.2 (two at 3.33: fewer steps than one and two points of growth).
    assert_eq!(s.score.paths[SMB].total, 2_000 + 400 + 480);
    let r = route(&set.scheme, &s).expect("a route");
    assert_eq!(r.path, SMB);
    let en = route_words(&crate::text::en::EN, &set.scheme, &s, Some(&r)).unwrap();
    assert!(
        en.contains(
            "1 more Security Operations Analyst Associate (unlocks step-3: +32; +36 points)"
        ),
        "{en}"
    );
    assert!(
        en.contains("2 more Azure deployments ($750 to $12,000 of security ACR over 12 months) (+6.66 points) to qualify on the SMB path (71.46 points)"),
        "{en}"
    );
    let de = route_words(&crate::text::de::DE, &set.scheme, &s, Some(&r)).unwrap();
    assert!(
        de.contains(
            "2 weitere Azure-Bereitstellungen (750 $ bis 12.000 $ Security-ACR über 12 Monate)"
        ),
        "{de}"
    );
    // Usage growth a point a step: $750 of security ACR on SMB, 125 protected users on
    // Enterprise.
    let i = 3;
    let t = &crate::text::en::EN;
    assert_eq!(
        part_words(t, &set.scheme, SMB, i, true, 5).as_deref(),
        Some("$3,750 more security ACR over 12 months")
    );
    assert_eq!(
        part_words(t, &set.scheme, ENTERPRISE, i, false, 3).as_deref(),
        Some("375 more protected users")
    );
}

#[test]
fn no_rows_at_all_score_nothing_on_either_path() {
    let set = shipped();
    let s = score(&set, &[], &[]);
    assert_eq!((s.score.paths[0].total, s.score.paths[1].total), (0, 0));
    assert_eq!(s.latest, None::<CalendarMonth>);
}

#[test]
fn the_rules_refuse_what_the_engine_does_not_know() {
    let text = include_str!("../../../templates/solutions-partner-security.toml");
    for (from, to, says) in [
        ("tracks = \"best\"", "tracks = \"segment-share\"", "tracks"),
        (
            "measure = \"acr-growth-ttm\"",
            "measure = \"acr-growth\"",
            "acr-growth",
        ),
        ("min_active_share = 0.15", "", "min_active_share"),
        (
            "service_levels = [2, 3]",
            "service_levels = [2, 5]",
            "service_levels",
        ),
        // The page's Enterprise example 2 is 13.33, not 13.34.
        ("points = 13.33", "points = 13.34", "[[examples]]"),
    ] {
        let changed = text.replacen(from, to, 1);
        assert_ne!(changed, text, "{from}");
        let err = AnyRuleSet::parse(&changed, "x.toml")
            .expect_err(from)
            .to_string();
        assert!(err.contains(says), "{from}: {err}");
    }
}
