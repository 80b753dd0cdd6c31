//! The Modern Work rule set as shipped: its scoring, workloads and
//! certifications, the checks on its tables, and its description.

use crate::families::Points;
use crate::families::tests::{DEFAULT_RULES, held, parse, points, rules};
use crate::model::{Association, CredentialId, Level};
use crate::rules::RuleSet;

fn modern_work() -> RuleSet<Points> {
    points("solutions-partner-modern-work")
}

const MODERN_WORK: &str = include_str!("../../../templates/solutions-partner-modern-work.toml");

#[test]
fn modern_work_carries_the_published_scoring() {
    use crate::families::points::rules::{Measure, Target};
    let r = modern_work();
    assert_eq!(
        r.title(),
        "Solutions Partner for Modern Work designation, Partner capability score"
    );
    assert_eq!(r.attainable_levels(), [Level::Qualified]);
    assert_eq!(rules().attainable_levels(), [Level::Silver, Level::Gold]);
    let s = &r.scheme;
    assert_eq!(
        (s.qualifying, s.metric_minimum, s.max_points()),
        (7000, 100, 10_000)
    );
    assert_eq!(s.window_months, 12);
    assert_eq!(r.rules.new_customer_window_months, 12);
    let paths: Vec<(&str, u64, Option<u64>)> = s
        .paths
        .iter()
        .map(|p| (p.id.as_str(), p.min_seats, p.max_seats))
        .collect();
    assert_eq!(paths, [("enterprise", 301, None), ("smb", 11, Some(300))]);
    let weights: Vec<(&str, Measure, u32)> = s
        .metrics
        .iter()
        .map(|m| (m.id.as_str(), m.measure, m.points))
        .collect();
    assert_eq!(
        weights,
        [
            ("net-customer-adds", Measure::NetCustomerAdds, 2000),
            (
                "intermediate-certifications",
                Measure::CertifiedPeople,
                1000
            ),
            ("advanced-certifications", Measure::CertifiedPeople, 1500),
            ("usage-growth", Measure::UsageGrowth, 3000),
            ("deployments", Measure::Deployments, 2500),
        ]
    );
    let group = |name: &str| {
        s.association_groups
            .iter()
            .position(|g| g.name == name)
            .expect("a group")
    };
    let m = |i: usize| &s.metrics[i].targets;
    assert_eq!(m(0), &[Target::Count(5), Target::Count(10)]);
    assert_eq!(m(1), &[Target::Count(4), Target::Count(2)]);
    assert_eq!(m(2), &[Target::Count(2), Target::Count(1)]);
    let by =
        |v: &[(&str, u64)]| Target::ByAssociation(v.iter().map(|(g, n)| (group(g), *n)).collect());
    assert_eq!(
        m(3),
        &[
            by(&[("CPOR", 1000), ("DPOR", 4000)]),
            by(&[("CPOR", 500), ("CSP", 2000)])
        ]
    );
    assert_eq!(
        m(4),
        &[
            by(&[("CPOR", 5), ("DPOR", 10)]),
            by(&[("CPOR", 5), ("CSP", 10)])
        ]
    );
    assert_eq!(s.metrics[4].min_active_share, Some(0.4));
    assert_eq!(s.metrics[3].step, 100);
    let csp = &s.association_groups[group("CSP")].associations;
    assert_eq!(
        csp,
        &[
            Association::TransactingPartner,
            Association::CspTier1,
            Association::CspTier2
        ]
    );
}

#[test]
fn modern_work_recognises_workloads_and_certifications() {
    let r = modern_work();
    for (raw, name) in [
        ("Teams", "Microsoft Teams"),
        ("Teams Phone Standard", "Teams Phone"),
        ("Yammer", "Viva Engage"),
        ("Office 365 ProPlus", "Microsoft 365 Apps"),
        ("Intune", "Microsoft Intune"),
        ("Copilot", "Microsoft 365 Copilot"),
    ] {
        assert_eq!(
            r.rules.workload(raw).map(|w| w.to_string()),
            Some(name.into())
        );
    }
    assert!(r.rules.workload("Dynamics 365").is_none());
    let id = CredentialId::new;
    assert_eq!(
        r.rules
            .credentials_in("Exam MS-700: Managing Microsoft Teams"),
        vec![id("ms-700")]
    );
    assert_eq!(
        r.rules
            .credentials_in("Microsoft 365 Certified: Enterprise Administrator Expert"),
        vec![id("administrator-expert")]
    );
    assert!(
        r.rules
            .credentials_in("Azure Administrator Associate")
            .is_empty()
    );
    // Holding any scored credential is what makes a person count.
    assert!(r.person(&held(&["md-102"])).qualifies);
    assert!(!r.person(&held(&["70-346"])).qualifies);
}

#[test]
fn points_rules_that_do_not_hold_together_are_refused_with_a_reason() {
    for (from, to, says) in [
        (
            "qualifying_points = 70",
            "qualifying_points = 101",
            "qualifying_points",
        ),
        ("points = 20", "points = 20.125", "two decimals"),
        (
            "threshold = { enterprise = 5, smb = 10 }",
            "threshold = { enterprise = 5 }",
            "no threshold for path 'smb'",
        ),
        (
            "threshold = { enterprise = 5, smb = 10 }",
            "threshold = { enterprise = 5, smb = 0 }",
            "threshold of 0",
        ),
        (
            "{ CPOR = 500, CSP = 2000 }",
            "{ CPOR = 500, TIER = 2000 }",
            "'TIER'",
        ),
        (
            "min_active_share = 0.4",
            "min_active_share = 1.5",
            "min_active_share",
        ),
        ("min_active_share = 0.4", "", "needs min_active_share"),
        (
            "\"ms-102\", \"administrator-expert\"",
            "\"ms-999\", \"administrator-expert\"",
            "ms-999",
        ),
        (
            "metric_minimum = 1",
            "metric_minimum = 11",
            "less than [score] metric_minimum",
        ),
        (
            "min_seats = 11\nmax_seats = 300",
            "min_seats = 11\nmax_seats = 10",
            "max_seats below min_seats",
        ),
        (
            "CSP = [\"transacting-partner\"",
            "CSP = [\"fast-track-partner\"",
            "does not count",
        ),
        (
            "threshold = { enterprise = 4, smb = 2 }",
            "threshold = { enterprise = { CPOR = 4 }, smb = 2 }",
            "counts people",
        ),
    ] {
        assert!(MODERN_WORK.contains(from), "{from}");
        let broken = MODERN_WORK.replacen(from, to, 1);
        let err = parse(&broken, "x.toml").unwrap_err().to_string();
        assert!(err.contains("x.toml") && err.contains(says), "{to}: {err}");
    }
    // A points-scored set has no levels; a threshold set no [score].
    let both = format!(
        "{MODERN_WORK}\n[levels.silver]\nentitlements = {{ mature = 1, emerging = 1 }}\npeople = 1\n"
    );
    let err = parse(&both, "x.toml").unwrap_err().to_string();
    assert!(err.contains("not both"), "{err}");
    let without = DEFAULT_RULES.replace("[levels.silver]", "[levels.bronze]");
    assert!(parse(&without, "x.toml").is_err());
    let no_score = MODERN_WORK.replace("[score]\n", "[unused]\n");
    assert!(parse(&no_score, "x.toml").is_err());
}

#[test]
fn the_modern_work_description_names_paths_metrics_and_thresholds() {
    let text = modern_work().describe("built-in");
    for part in [
        "Solutions Partner for Modern Work designation",
        "at least 70 of 100 points and at least 1 point in every metric",
        "Enterprise: customers with 301 seats or more",
        "SMB: customers with 11 to 300 seats",
        "Net customer adds (20 points)",
        "Thresholds: Enterprise 5; SMB 10.",
        "Usage growth (30 points)",
        "Enterprise 1000 as CPOR or 4000 as DPOR; SMB 500 as CPOR or 2000 as CSP",
        "reach 40 % of their qualified (paid) licences",
        "CSP = Transacting Partner, CSP Tier 1, CSP Tier 2",
        "Microsoft 365 Copilot",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    assert!(!text.contains("Silver"));
}
