//! The Modern Work rule set as shipped: its scoring as Microsoft's page
//! defines it (tracks, associations per track, workloads, certifications
//! with their dates), the page's own scoring examples, the checks on its
//! tables, and its description.

use crate::families::Points;
use crate::families::tests::{DEFAULT_RULES, held, parse, points, rules};
use crate::model::{Association, CredentialId, Level, Workload};
use crate::rules::RuleSet;

fn modern_work() -> RuleSet<Points> {
    points("solutions-partner-modern-work")
}

const MODERN_WORK: &str = include_str!("../../../templates/solutions-partner-modern-work.toml");

#[test]
fn modern_work_carries_the_pages_scoring() {
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
    let group = |name: &str| {
        s.association_groups
            .iter()
            .position(|g| g.name == name)
            .expect("a group")
    };
    // Enterprise: more than 300 paid licences, CPOR and DPOR; SMB: 11 to
    // 300, CPOR and CSP, and SMB a year before stays SMB.
    type Band<'a> = (&'a str, u64, Option<u64>, Vec<usize>, bool);
    let paths: Vec<Band> = s
        .paths
        .iter()
        .map(|p| {
            (
                p.id.as_str(),
                p.min_paid,
                p.max_paid,
                p.groups.clone(),
                p.stays_when_outgrown,
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            (
                "enterprise",
                301,
                None,
                vec![group("CPOR"), group("DPOR")],
                false
            ),
            (
                "smb",
                11,
                Some(300),
                vec![group("CPOR"), group("CSP")],
                true
            )
        ]
    );
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
            ("deployments", Measure::NetNewDeployments, 2500),
        ]
    );
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
    assert!(s.metrics[3].from_association);
    assert_eq!(s.metrics[4].min_active_share, Some(0.4));
    assert_eq!(s.metrics[3].step, 100);
    let csp = &s.association_groups[group("CSP")].associations;
    assert_eq!(
        csp,
        &[
            Association::CspTier1,
            Association::CspTier2,
            Association::TransactingPartner,
        ]
    );
    // DAP and Fast Track count nowhere.
    assert!(
        !r.rules
            .associations
            .contains(&Association::DelegatedAdministrator)
    );
    assert!(
        !r.rules
            .associations
            .contains(&Association::FastTrackPartner)
    );
}

#[test]
fn the_pages_own_scoring_examples_are_part_of_the_rules_and_hold() {
    let s = &modern_work().scheme;
    // Usage growth (Enterprise, SMB), deployments (Enterprise, SMB), net adds.
    let examples: Vec<(&str, &str, u32)> = s
        .examples
        .iter()
        .map(|e| {
            (
                s.metrics[e.metric].id.as_str(),
                s.paths[e.path].id.as_str(),
                e.score,
            )
        })
        .collect();
    assert_eq!(
        examples,
        [
            ("usage-growth", "enterprise", 3000),
            ("usage-growth", "smb", 3000),
            ("deployments", "enterprise", 1500),
            ("deployments", "smb", 2000),
            ("net-customer-adds", "enterprise", 1200),
        ]
    );
    // "2,000 Usage growth from DPOR ... 1,500 ... from CPOR": 15 and 30.
    let e = &s.examples[0];
    let group = |g: Option<usize>| g.map(|g| s.association_groups[g].name.as_str());
    let figures: Vec<(Option<&str>, i64, u32)> = e
        .figures
        .iter()
        .map(|(g, f, p)| (group(*g), *f, *p))
        .collect();
    assert_eq!(
        figures,
        [(Some("CPOR"), 1500, 3000), (Some("DPOR"), 2000, 1500)]
    );
    // An example the rules do not score as the page says is refused.
    let wrong = MODERN_WORK.replacen("score = 15\n", "score = 25\n", 1);
    let err = parse(&wrong, "x.toml").unwrap_err().to_string();
    assert!(
        err.contains("example for metric 'deployments' on path 'enterprise'")
            && err.contains("score 15, not 25"),
        "{err}"
    );
    let wrong = MODERN_WORK.replacen(
        "points = { DPOR = 10, CPOR = 15 }",
        "points = { DPOR = 12, CPOR = 15 }",
        1,
    );
    let err = parse(&wrong, "x.toml").unwrap_err().to_string();
    assert!(err.contains("4 as DPOR earns 10 points, not 12"), "{err}");
}

#[test]
fn modern_work_recognises_the_pages_workloads_and_teams_premium_counts_for_growth_and_deployments_only()
 {
    let r = modern_work();
    for (raw, name) in [
        ("Teams", "Teams"),
        ("Microsoft Teams", "Teams"),
        ("Teams Phone Standard", "Teams Phone"),
        ("Yammer", "Viva Engage"),
        ("Office 365 ProPlus", "Microsoft 365 Apps"),
        ("Intune", "Intune"),
        ("AADP", "Microsoft Entra ID P1"),
        ("M365 Copilot", "M365 Copilot"),
        ("Teams Platform", "Teams Apps"),
        ("Teams Premium", "Teams Premium"),
        ("Windows 365", "Windows 365"),
    ] {
        assert_eq!(
            r.rules.workload(raw).map(|w| w.to_string()),
            Some(name.into()),
            "{raw}"
        );
    }
    assert_eq!(
        r.rules.workloads.len(),
        22,
        "the page's 21 and Teams Premium"
    );
    assert!(r.rules.workload("Dynamics 365").is_none());
    assert!(r.rules.workload("Skype for Business").is_none());
    let premium = Workload::new("Teams Premium");
    let exchange = Workload::new("Exchange Online");
    for (metric, counts) in [
        ("net-customer-adds", false),
        ("usage-growth", true),
        ("deployments", true),
    ] {
        assert_eq!(r.rules.workload_counts_for(&premium, metric), counts);
        assert!(r.rules.workload_counts_for(&exchange, metric));
    }
}

#[test]
fn modern_work_recognises_the_pages_certifications_by_name_or_exam() {
    let r = modern_work();
    let id = CredentialId::new;
    let named = |text: &str| r.rules.credentials_in(text);
    for (text, credential) in [
        (
            "Exam MS-700: Managing Microsoft Teams",
            "teams-administrator-associate",
        ),
        (
            "Microsoft 365 Certified: Teams Administrator Associate",
            "teams-administrator-associate",
        ),
        (
            "Exam SC-300: Microsoft Identity and Access Administrator",
            "identity-and-access-administrator-associate",
        ),
        ("MD 102", "endpoint-administrator-associate"),
        (
            "Microsoft 365 Certified: Modern Desktop Administrator Associate",
            "endpoint-administrator-associate",
        ),
        (
            "Microsoft 365 Certified: Fundamentals",
            "microsoft-365-fundamentals",
        ),
        ("Exam MS-900", "microsoft-365-fundamentals"),
        (
            "Microsoft 365 Certified: Enterprise Administrator Expert",
            "enterprise-administrator-expert",
        ),
        (
            "Microsoft 365 Certified: Administrator Expert",
            "enterprise-administrator-expert",
        ),
        (
            "Exam MS-102: Microsoft 365 Administrator",
            "enterprise-administrator-expert",
        ),
        (
            "Teams Meetings and Meeting Rooms Technical Assessment",
            "teams-meetings-rooms-assessment",
        ),
        (
            "Exam MS-203: Microsoft 365 Messaging",
            "messaging-administrator-associate",
        ),
    ] {
        assert_eq!(named(text), vec![id(credential)], "{text}");
    }
    // Teams Voice Engineer Expert is on neither list; an exam code is a
    // whole word.
    assert!(named("Microsoft 365 Certified: Teams Voice Engineer Expert").is_empty());
    assert!(named("Exam MS-1020").is_empty() && named("Exam AMS-102").is_empty());
    assert!(named("Azure Administrator Associate").is_empty());
    // The Expert by its exam alone needs a prerequisite; by its name it
    // does not.
    let expert = id("enterprise-administrator-expert");
    assert!(
        r.rules
            .named_by_exam_only(&expert, "Exam MS-102: Microsoft 365 Administrator")
    );
    assert!(!r.rules.named_by_exam_only(
        &expert,
        "Microsoft 365 Certified: Enterprise Administrator Expert"
    ));
    let c = r.rules.credential(&expert).expect("defined");
    assert!(
        c.exams_need_one_of
            .contains(&id("messaging-administrator-associate"))
    );
    // "counts through" dates, inclusive.
    let through = |c: &str| r.rules.credential(&id(c)).and_then(|c| c.counts_through);
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    assert_eq!(through("microsoft-365-fundamentals"), date(2027, 3, 31));
    assert_eq!(
        through("teams-meetings-rooms-assessment"),
        date(2027, 6, 15)
    );
    assert_eq!(
        through("enterprise-administrator-expert"),
        date(2027, 11, 30)
    );
    assert_eq!(through("teams-administrator-associate"), None);
    // Holding a scored credential is what makes a person count; a
    // prerequisite alone does not.
    assert!(
        r.person(&held(&["endpoint-administrator-associate"]))
            .qualifies
    );
    assert!(
        !r.person(&held(&["messaging-administrator-associate"]))
            .qualifies
    );
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
        ("points = 20\n", "points = 20.125\n", "two decimals"),
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
            "threshold = { enterprise = 5, smb = 10 }",
            "threshold = { enterprise = { CPOR = 5 }, smb = 10 }",
            "counts tenants once whatever their association",
        ),
        (
            "smb = { CPOR = 500, CSP = 2000 }",
            "smb = { CPOR = 500, TIER = 2000 }",
            "'TIER'",
        ),
        (
            "smb = { CPOR = 500, CSP = 2000 }",
            "smb = { CPOR = 500, DPOR = 2000 }",
            "threshold as DPOR on path 'smb', which does not count DPOR",
        ),
        (
            "min_active_share = 0.4",
            "min_active_share = 1.5",
            "min_active_share",
        ),
        ("min_active_share = 0.4", "", "needs min_active_share"),
        (
            "credentials = [\"enterprise-administrator-expert\"",
            "credentials = [\"ms-999\"",
            "ms-999",
        ),
        (
            "metric_minimum = 1",
            "metric_minimum = 11",
            "less than [score] metric_minimum",
        ),
        (
            "min_paid_licences = 11\nmax_paid_licences = 300",
            "min_paid_licences = 11\nmax_paid_licences = 10",
            "max_paid_licences below min_paid_licences",
        ),
        (
            "associations = [\"CPOR\", \"CSP\"]",
            "associations = [\"CPOR\", \"TIER\"]",
            "path 'smb' names association group 'TIER'",
        ),
        (
            "CSP = [\"csp-tier-1\"",
            "CSP = [\"fast-track-partner\"",
            "does not count",
        ),
        (
            "CSP = [\"csp-tier-1\", \"csp-tier-2\", \"transacting-partner\"]",
            "CSP = [\"csp-tier-1\", \"csp-tier-2\"]",
            "'Transacting Partner' is counted in [entitlements] but in no [association_groups] group",
        ),
        (
            "threshold = { enterprise = 4, smb = 2 }",
            "threshold = { enterprise = { CPOR = 4 }, smb = 2 }",
            "counts people",
        ),
        (
            "measure = \"net-new-deployments\"",
            "measure = \"net-new-deployments\"\nfrom_association = true",
            "only a usage-growth metric uses",
        ),
        (
            "metrics = [\"usage-growth\", \"deployments\"]",
            "metrics = [\"usage-growth\", \"installs\"]",
            "workload 'Teams Premium' counts for metric 'installs'",
        ),
        (
            "exams = [\"MS-102\"]",
            "exams = [\"Microsoft 365\"]",
            "no exam code",
        ),
        (
            "\"security-administrator-associate\",\n]",
            "\"security-administrator-associate\",\n  \"no-such-thing\",\n]",
            "needs 'no-such-thing'",
        ),
        (
            "counts_through = 2027-03-31",
            "counts_through = 2027-03-31T00:00:00",
            "is not a date",
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
    // A competency has no metrics a workload could be limited to.
    let limited = DEFAULT_RULES.replacen(
        "[[workloads]]\nname = \"Exchange Online\"",
        "[[workloads]]\nname = \"Exchange Online\"\nmetrics = [\"x\"]",
        1,
    );
    assert_ne!(limited, DEFAULT_RULES);
    let err = parse(&limited, "x.toml").unwrap_err().to_string();
    assert!(err.contains("only a points-scored rule set"), "{err}");
}

#[test]
fn the_modern_work_description_states_the_pages_rules() {
    let text = modern_work().describe("built-in");
    for part in [
        "Solutions Partner for Modern Work designation",
        "at least 70 of 100 points and at least 1 point in every metric",
        "Enterprise: tenants with a workload of more than 300 paid licences, associated as CPOR or DPOR",
        "SMB: tenants with a workload of 11 to 300 paid licences, associated as CPOR or CSP; a tenant eligible a year before stays eligible",
        "Net customer adds (20 points)",
        "Thresholds: Enterprise 5; SMB 10.",
        "(not counting Teams Premium)",
        "Usage growth (30 points)",
        "measured from its first snapshot on or after its association",
        "Enterprise 1000 as CPOR or 4000 as DPOR; SMB 500 as CPOR or 2000 as CSP",
        "at least 40 % of their paid licences",
        "deployed at association is left out",
        "CSP = CSP Tier 1, CSP Tier 2, Transacting Partner",
        "or exam MS-102 with one of",
        "counts through 2027-03-31",
        "not past its expiration date",
        "scoring examples (5) are checked",
        "M365 Copilot",
    ] {
        assert!(text.contains(part), "{part}\n{text}");
    }
    assert!(!text.contains("Silver"));
    assert!(!text.to_lowercase().contains("issue"));
}
