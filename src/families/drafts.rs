//! The draft rule sets (`templates/drafts/`), checked as data before their
//! family exists: every figure the page gives is in the file as the page
//! gives it, the common part is a valid rules file's, and each list names
//! only what the file defines. When the family lands, its rules tests take
//! these over and the draft moves up to `templates/`.

use std::collections::BTreeSet;

use crate::rules::Rules;

const BUSINESS_APPLICATIONS: &str =
    include_str!("../../templates/drafts/solutions-partner-business-applications.toml");

fn draft() -> toml::Table {
    toml::from_str(BUSINESS_APPLICATIONS).expect("the draft is TOML")
}

fn table<'a>(t: &'a toml::Table, key: &str) -> &'a toml::Table {
    t[key].as_table().unwrap_or_else(|| panic!("[{key}]"))
}

fn array<'a>(t: &'a toml::Table, key: &str) -> &'a [toml::Value] {
    t[key].as_array().unwrap_or_else(|| panic!("{key}"))
}

fn strings(v: &toml::Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

/// A number as the page writes it (an integer or a decimal).
fn number(v: &toml::Value) -> f64 {
    v.as_float()
        .or_else(|| v.as_integer().map(|i| i as f64))
        .unwrap()
}

#[test]
fn the_common_part_is_a_valid_rules_files() {
    let rules = Rules::common_of(BUSINESS_APPLICATIONS, "draft").unwrap();
    assert_eq!(
        rules.competency.name,
        "Solutions Partner for Business Applications"
    );
    // Both downloads' spellings meet in one workload.
    for (spelling, workload) in [
        ("Dynamics 365 Sales", "Sales"),
        ("Power App", "Power Apps"),
        ("Customer Insights Partner", "Customer Insights"),
        ("HR (Human Resources)", "Human Resources"),
        ("Core HR", "Human Resources"),
        ("Portals", "Power Pages"),
        ("Retail", "Commerce"),
        (
            "Common data service (Customer Engagement)",
            "Common data service (Customer Engagement)",
        ),
        ("Non-workload specific (F&O)", "Non-workload specific (F&O)"),
        ("Non-workload specific", "Non-workload specific"),
    ] {
        assert_eq!(
            rules.workload(spelling).map(|w| w.to_string()).as_deref(),
            Some(workload),
            "{spelling}"
        );
    }
    assert_eq!(rules.workload("Marketing"), None);
}

#[test]
fn the_rate_card_is_the_pages() {
    // The page's table, row by row: workload, rate, usage unit [page: MCV].
    const PAGE: [(&str, f64, &str); 15] = [
        ("Business Central", 1000.0, "users"),
        ("Contact Center", 200.0, "users"),
        ("Core HR", 1000.0, "users"),
        ("Common data service (Customer Engagement)", 200.0, "users"),
        ("Customer Insights", 0.2, "profiles"),
        ("Finance & Operations", 100.0, "users"),
        ("Guides", 1000.0, "users"),
        ("Portals", 100.0, "users"),
        ("Power Apps", 200.0, "users"),
        ("Power Automate", 200.0, "users"),
        ("Power BI", 200.0, "users"),
        ("Remote Assist", 1000.0, "users"),
        ("Retail", 100.0, "users"),
        ("Talent Attract", 1000.0, "users"),
        ("Talent Onboard", 1000.0, "users"),
    ];
    let d = draft();
    let card: Vec<(&str, f64, &str)> = array(&d, "rate_card")
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                number(&r["rate"]),
                r["unit"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(card, PAGE);
    // Customer Engagement weighs Sales, Sales Insights, Customer Service and
    // Field Service; Finance & Operations weighs Finance and Project
    // Operations [page: MCV footnotes].
    let workloads = |name: &str| {
        let row = array(&d, "rate_card")
            .iter()
            .find(|r| r["name"].as_str() == Some(name))
            .unwrap();
        strings(&row["workloads"])
    };
    assert_eq!(
        workloads("Common data service (Customer Engagement)"),
        [
            "Common data service (Customer Engagement)",
            "Sales",
            "Sales Insights",
            "Customer Service",
            "Field Service"
        ]
    );
    assert_eq!(
        workloads("Finance & Operations"),
        ["Finance & Operations", "Finance", "Project Operations"]
    );
    // Power Platform and Customer Insights count under PAL, the rest of
    // Dynamics 365 under CPOR OSU, CSP and DPOR [page: Usage growth].
    let pal: BTreeSet<&str> = array(&d, "rate_card")
        .iter()
        .filter(|r| r["associations"].as_str() == Some("power-platform"))
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        pal,
        BTreeSet::from([
            "Customer Insights",
            "Portals",
            "Power Apps",
            "Power Automate",
            "Power BI"
        ])
    );
    let groups = table(&d, "customer_success_associations");
    assert_eq!(
        strings(&groups["dynamics-365"]),
        [
            "cpor-osu",
            "csp-tier-1",
            "csp-tier-2",
            "digital-partner-of-record"
        ]
    );
    assert_eq!(strings(&groups["power-platform"]), ["partner-admin-link"]);
}

#[test]
fn the_metrics_carry_the_pages_figures() {
    let d = draft();
    let score = table(&d, "revenue_score");
    assert_eq!(score["qualifying_points"].as_integer(), Some(70));
    assert_eq!(score["metric_minimum"].as_integer(), Some(1));
    assert_eq!(score["window_months"].as_integer(), Some(12));
    let track = table(&d, "track_rule");
    assert_eq!(track["min_workloads"].as_integer(), Some(5));
    assert_eq!(track["revenue_over"].as_integer(), Some(5000));
    assert_eq!(
        track["months_back"].as_array().unwrap(),
        &[toml::Value::Integer(1), toml::Value::Integer(13)]
    );
    let metric = |id: &str| {
        array(&d, "metrics")
            .iter()
            .find(|m| m["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("metric {id}"))
            .clone()
    };
    let per_track = |v: &toml::Value| (number(&v["enterprise"]), number(&v["smb"]));
    // (points, threshold per track): the page's weights and maxima.
    for (id, points, threshold) in [
        ("net-customer-adds", 15.0, (5.0, 5.0)),
        ("intermediate-certifications", 20.0, (20.0, 5.0)),
        ("advanced-certifications", 15.0, (7.0, 2.0)),
        ("usage-growth", 30.0, (30.0, 30.0)),
        ("deployments", 20.0, (5.0, 5.0)),
    ] {
        let m = metric(id);
        assert_eq!(number(&m["points"]), points, "{id}");
        assert_eq!(per_track(&m["threshold"]), threshold, "{id}");
    }
    let total: f64 = array(&d, "metrics")
        .iter()
        .map(|m| number(&m["points"]))
        .sum();
    assert_eq!(total, 100.0);
    // Per person: 1 and 4 (intermediate), 2.14 (15/7) and 7.5 (advanced);
    // per add 3, per deployment 4, per percent 1.
    let per_step = |id: &str, track: &str| {
        let m = metric(id);
        number(&m["points"]) / number(&m["threshold"][track])
    };
    assert_eq!(per_step("intermediate-certifications", "enterprise"), 1.0);
    assert_eq!(per_step("intermediate-certifications", "smb"), 4.0);
    assert_eq!(
        (per_step("advanced-certifications", "enterprise") * 100.0).floor(),
        214.0
    );
    assert_eq!(per_step("advanced-certifications", "smb"), 7.5);
    assert_eq!(per_step("net-customer-adds", "smb"), 3.0);
    assert_eq!(per_step("deployments", "enterprise"), 4.0);
    assert_eq!(per_step("usage-growth", "smb"), 1.0);
    assert_eq!(
        per_track(&metric("net-customer-adds")["min_revenue"]),
        (1500.0, 250.0)
    );
    assert_eq!(
        per_track(&metric("usage-growth")["min_baseline"]),
        (50000.0, 25000.0)
    );
    assert_eq!(
        per_track(&metric("deployments")["min_consumption"]),
        (10000.0, 5000.0)
    );
}

#[test]
fn every_list_names_what_the_file_defines() {
    let d = draft();
    let rules = Rules::common_of(BUSINESS_APPLICATIONS, "draft").unwrap();
    let workloads: BTreeSet<String> = rules.workloads.iter().map(|w| w.to_string()).collect();
    let nca = table(&d, "net_customer_adds");
    let listed = strings(&nca["workloads"]);
    // The page's 25 bullets, "Sales, Supply Chain" as two [page: Net
    // customer adds].
    assert_eq!(listed.len(), 26);
    for w in listed.iter().chain(
        array(&d, "rate_card")
            .iter()
            .flat_map(|r| strings(&r["workloads"]))
            .collect::<Vec<_>>()
            .iter(),
    ) {
        assert!(workloads.contains(*w), "{w} is not a [[workloads]] name");
    }
    // A download workload is weighed by one rate card line at most.
    let mut weighed = BTreeSet::new();
    for w in array(&d, "rate_card")
        .iter()
        .flat_map(|r| strings(&r["workloads"]))
    {
        assert!(weighed.insert(w), "{w} is on two rate card lines");
    }
    let credentials: BTreeSet<String> =
        rules.credentials.iter().map(|c| c.id.to_string()).collect();
    let metric_credentials = |id: &str| {
        array(&d, "metrics")
            .iter()
            .find(|m| m["id"].as_str() == Some(id))
            .map(|m| strings(&m["credentials"]))
            .unwrap()
    };
    // The page's lists: 14 intermediate (one kept under its earlier name
    // too) and 5 advanced.
    assert_eq!(metric_credentials("intermediate-certifications").len(), 15);
    assert_eq!(metric_credentials("advanced-certifications").len(), 5);
    for c in metric_credentials("intermediate-certifications")
        .into_iter()
        .chain(metric_credentials("advanced-certifications"))
    {
        assert!(credentials.contains(c), "{c} is not a [[credentials]] id");
    }
    for date in array(&d, "certification_dates") {
        let id = date["credential"].as_str().unwrap();
        assert!(credentials.contains(id), "{id}");
    }
}

#[test]
fn retirements_are_the_pages_dates() {
    let d = draft();
    let dates: Vec<(&str, String, String)> = array(&d, "certification_dates")
        .iter()
        .map(|r| {
            (
                r["credential"].as_str().unwrap(),
                r["retires"].as_datetime().unwrap().to_string(),
                r["counts_through"].as_datetime().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            (
                "power-automate-rpa-developer",
                "2026-06-30".into(),
                "2027-06-30".into()
            ),
            (
                "power-platform-functional-consultant",
                "2026-08-31".into(),
                "2027-08-31".into()
            ),
            (
                "d365-field-service-functional-consultant",
                "2026-06-30".into(),
                "2027-06-30".into()
            ),
            (
                "d365-customer-experience-analyst",
                "2026-07-31".into(),
                "2027-07-31".into()
            ),
            (
                "d365-supply-chain-functional-consultant-expert",
                "2026-06-30".into(),
                "2027-06-30".into()
            ),
            (
                "d365-finance-operations-apps-solution-architect",
                "2026-06-30".into(),
                "2027-06-30".into()
            ),
            (
                "power-platform-solution-architect",
                "2026-06-30".into(),
                "2027-06-30".into()
            ),
        ]
    );
}

#[test]
fn each_certification_is_told_from_the_ones_its_name_resembles() {
    let rules = Rules::common_of(BUSINESS_APPLICATIONS, "draft").unwrap();
    let ids = |text: &str| -> Vec<String> {
        rules
            .credentials_in(text)
            .iter()
            .map(|c| c.to_string())
            .collect()
    };
    for (transcript, expected) in [
        (
            "Microsoft Certified: Dynamics 365 Business Central Functional Consultant Associate",
            vec!["d365-business-central-functional-consultant"],
        ),
        (
            "Microsoft Certified: Dynamics 365 Business Central Developer Associate",
            vec!["d365-business-central-developer"],
        ),
        (
            "Microsoft Certified: Dynamics 365 Supply Chain Management Functional Consultant Expert",
            vec!["d365-supply-chain-functional-consultant-expert"],
        ),
        (
            "Microsoft Certified: Dynamics 365 Supply Chain Management Functional Consultant Associate",
            vec!["d365-supply-chain-functional-consultant"],
        ),
        (
            "Microsoft Certified: Dynamics 365: Finance and Operations Apps Developer Associate",
            vec!["d365-finance-operations-apps-developer"],
        ),
        (
            "Microsoft Certified: Power Platform Solution Architect Expert",
            vec!["power-platform-solution-architect"],
        ),
        // Retired in 2021, not eligible since 2023-07-01 [2023].
        (
            "Microsoft Certified: Dynamics 365 + Power Platform Solution Architect Expert",
            vec![],
        ),
        (
            "Microsoft Certified: Data Analyst Associate",
            vec!["data-analyst-associate"],
        ),
        (
            "Microsoft Certified: Power BI Data Analyst Associate",
            vec!["power-bi-data-analyst"],
        ),
        (
            "Microsoft Certified: Azure Enterprise Data Analyst Associate",
            vec![],
        ),
        // Not on the page's lists.
        (
            "Microsoft Certified: Dynamics 365 Sales Functional Consultant Associate",
            vec![],
        ),
        (
            "Microsoft Certified: Power Platform App Maker Associate",
            vec![],
        ),
    ] {
        assert_eq!(ids(transcript), expected, "{transcript}");
    }
    // Each certification's own name names it and no other.
    for c in &rules.credentials {
        assert_eq!(ids(&c.name), [c.id.to_string()], "{}", c.name);
    }
}
