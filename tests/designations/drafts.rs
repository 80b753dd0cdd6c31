//! The designations' rules files (all four shipped in `templates/`): every
//! figure the pages give, checked against the pages' own words.

use super::*;

#[test]
fn the_four_designations_ship_and_no_draft_is_left() {
    // Only the files directly under templates/ load; the drafts sit below it.
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for name in DESIGNATIONS {
        assert!(shipped.join(format!("{name}.toml")).is_file(), "{name}");
        assert!(!drafts().join(format!("{name}.toml")).is_file(), "{name}");
    }
}

/// The table a designation's score settings are in: the ACR family's, or Security's.
fn score_table(rules: &Table) -> &Table {
    match rules.get("acr_score") {
        Some(_) => table(rules, "acr_score"),
        None => table(rules, "security_score"),
    }
}

#[test]
fn every_draft_scores_100_points_qualifies_at_70_with_a_point_in_every_metric() {
    for name in DESIGNATIONS {
        let rules = draft(name);
        let score = score_table(&rules);
        assert_eq!(num(score, "qualifying_points"), 70.0, "{name}");
        assert_eq!(num(score, "metric_minimum"), 1.0, "{name}");
        let total: f64 = metrics(&rules).iter().map(|m| num(m, "points")).sum();
        assert_eq!(total, 100.0, "{name}");
        let paths: Vec<&str> = array(&rules, "paths")
            .iter()
            .filter_map(Value::as_table)
            .map(|p| text(p, "id"))
            .collect();
        assert_eq!(paths, ["enterprise", "smb"], "{name}");
    }
}

#[test]
fn the_azure_drafts_share_the_pages_revenue_metrics_and_track() {
    for name in AZURE {
        let rules = draft(name);
        let score = table(&rules, "acr_score");
        assert_eq!(text(score, "tracks"), "segment-share", "{name}");
        let track = table(&rules, "track");
        assert_eq!(
            (text(track, "track"), text(track, "otherwise")),
            ("smb", "enterprise")
        );
        assert_eq!(num(track, "smb_share_percent"), 80.0);
        assert!(texts(array(track, "smb_segments")).contains(&"SMB Commercial"));
        assert!(texts(array(track, "enterprise_segments")).contains(&"Major Commercial"));
        let revenue = table(&rules, "revenue");
        assert_eq!(
            texts(array(revenue, "associations")),
            [
                "csp-tier-1",
                "csp-tier-2",
                "transacting-partner",
                "digital-partner-of-record",
                "partner-admin-link"
            ]
        );
        assert_eq!(
            texts(array(revenue, "excluded_offers")),
            ["Support", "Internal", "Benefit Program", "Trial"]
        );
        assert_eq!(text(revenue, "services"), "all");

        let adds = metric(&rules, "net-customer-adds");
        assert_eq!(text(adds, "measure"), "acr-net-customers");
        // 10 points a customer, 30 at most.
        assert_eq!(num(adds, "points"), 30.0);
        assert_eq!(per_path(adds, "threshold"), (3.0, 3.0));
        assert_eq!(per_path(adds, "min_usd"), (1000.0, 500.0));
        assert_eq!(num(adds, "months"), 2.0);

        let growth = metric(&rules, "usage-growth");
        assert_eq!(text(growth, "measure"), "acr-growth-percent");
        // 1 point a percent, 20 at most.
        assert_eq!(num(growth, "points"), 20.0);
        assert_eq!(per_path(growth, "threshold"), (20.0, 20.0));
        assert_eq!(num(growth, "ttm_min_usd"), 1000.0);

        let deployments = metric(&rules, "deployments");
        assert_eq!(text(deployments, "measure"), "acr-services");
        // 2 points a service, 10 at most.
        assert_eq!(num(deployments, "points"), 10.0);
        assert_eq!(per_path(deployments, "threshold"), (5.0, 5.0));
        let excluded = texts(array(deployments, "excluded_services"));
        assert!(
            excluded.contains(&"Virtual Machines")
                && excluded.contains(&"Virtual Machines Licenses")
        );
    }
}

/// A step: its credentials' labels, people per path and points per path.
fn step_figures<'a>(rules: &'a Table, step: &'a Table) -> (Vec<&'a str>, (f64, f64), (f64, f64)) {
    (
        step_labels(rules, step),
        per_path(step, "people"),
        per_path(step, "points"),
    )
}

#[test]
fn data_and_ai_has_three_steps_of_intermediate_certifications_and_no_advanced_metric() {
    let rules = draft("solutions-partner-data-ai");
    let ids: Vec<&str> = metrics(&rules).iter().map(|m| text(m, "id")).collect();
    assert_eq!(
        ids,
        [
            "net-customer-adds",
            "intermediate-certifications",
            "usage-growth",
            "deployments"
        ]
    );
    let m = metric(&rules, "intermediate-certifications");
    assert_eq!(num(m, "points"), 40.0);
    let s = steps(m);
    assert_eq!(
        step_figures(&rules, s[0]),
        (
            vec!["Azure Administrator Associate"],
            (2.0, 1.0),
            (0.0, 4.0)
        )
    );
    assert_eq!(
        step_figures(&rules, s[1]),
        (
            vec!["Azure Solutions Architect Expert"],
            (2.0, 1.0),
            (0.0, 4.0)
        )
    );
    // Four points a person: 40 from ten on Enterprise, 32 from eight after SMB's two steps.
    assert_eq!(
        step_figures(&rules, s[2]),
        (
            vec![
                "Azure Database Administrator Associate",
                "Azure AI Engineer Associate",
                "Azure Data Scientist Associate",
                "Data Analyst Associate",
                "Azure Cosmos DB Developer Specialty",
                "Fabric Analytics Engineer Associate",
                "Fabric Data Engineer Associate",
                "SQL AI Developer Associate",
                "Azure AI Apps and Agents Developer Associate",
                "Machine Learning Operations Engineer Associate",
                "Azure Databricks Data Engineer Associate",
            ],
            (10.0, 8.0),
            (40.0, 32.0)
        )
    );
    assert_eq!(texts(array(s[2], "requires")), ["step-1", "step-2"]);
}

#[test]
fn infrastructure_and_digital_app_innovation_have_two_steps_per_certification_metric() {
    let cases: [(&str, &str, &str, &[&str]); 4] = [
        (
            "solutions-partner-infrastructure",
            "intermediate-certifications",
            "Azure Administrator Associate",
            &[
                "Azure Network Engineer Associate",
                "Windows Server Hybrid Administrator Associate",
            ],
        ),
        (
            "solutions-partner-infrastructure",
            "advanced-certifications",
            "Azure Solutions Architect Expert",
            &[
                "Azure Virtual Desktop Specialty",
                "Azure for SAP Workloads Specialty",
            ],
        ),
        (
            "solutions-partner-digital-app-innovation",
            "intermediate-certifications",
            "Azure Administrator Associate",
            &[
                "Azure Developer Associate",
                "Power Platform Developer Associate",
                "Azure AI Cloud Developer Associate",
                "GitHub Agentic AI Developer",
            ],
        ),
        (
            "solutions-partner-digital-app-innovation",
            "advanced-certifications",
            "Azure Solutions Architect Expert",
            &[
                "Azure DevOps Engineer Expert",
                "Power Platform Solution Architect Expert",
                "GitHub Actions",
                "GitHub Administration",
                "GitHub Advanced Security",
                "GitHub Copilot",
            ],
        ),
    ];
    for (name, id, gate, electives) in cases {
        let rules = draft(name);
        let m = metric(&rules, id);
        assert_eq!(num(m, "points"), 20.0, "{name} {id}");
        let s = steps(m);
        assert_eq!(s.len(), 2);
        assert_eq!(
            step_figures(&rules, s[0]),
            (vec![gate], (2.0, 1.0), (0.0, 4.0)),
            "{name} {id}"
        );
        // Four points a person: 20 from five on Enterprise, 16 from four after SMB's step 1.
        assert_eq!(
            step_figures(&rules, s[1]),
            (electives.to_vec(), (5.0, 4.0), (20.0, 16.0)),
            "{name} {id}"
        );
        assert_eq!(texts(array(s[1], "requires")), ["step-1"]);
    }
}

#[test]
fn security_adds_an_azure_part_and_a_microsoft_365_part_on_both_paths() {
    let rules = draft("solutions-partner-security");
    assert_eq!(text(table(&rules, "security_score"), "tracks"), "best");
    let revenue = table(&rules, "revenue");
    // PAL and CSP; not DPOR.
    assert_eq!(
        texts(array(revenue, "associations")),
        [
            "partner-admin-link",
            "csp-tier-1",
            "csp-tier-2",
            "transacting-partner"
        ]
    );
    let services = texts(array(revenue, "services"));
    assert_eq!(services.len(), 17);
    for s in [
        "Sentinel",
        "Key Vault",
        "Microsoft Defender for Cloud",
        "Azure Firewall",
    ] {
        assert!(services.contains(&s), "{s}");
    }
    assert_eq!(
        texts(array(table(&rules, "microsoft_365"), "associations")),
        [
            "claiming-partner-of-record",
            "csp-tier-1",
            "csp-tier-2",
            "transacting-partner"
        ]
    );
    let workloads: Vec<&str> = array(&rules, "workloads")
        .iter()
        .filter_map(Value::as_table)
        .map(|w| text(w, "name"))
        .collect();
    assert_eq!(workloads.len(), 6);
    assert!(workloads.contains(&"Microsoft Defender for Endpoint P2"));
    let paths: Vec<&Table> = array(&rules, "paths")
        .iter()
        .filter_map(Value::as_table)
        .collect();
    assert_eq!(num(paths[0], "min_paid_licences"), 301.0);
    assert_eq!(
        (
            num(paths[1], "min_paid_licences"),
            num(paths[1], "max_paid_licences")
        ),
        (5.0, 300.0)
    );

    // (metric, part, points, threshold per path): the page's per-unit figures at their maximum.
    let expected: [(&str, &str, f64, (f64, f64)); 6] = [
        // 2 points a customer (10 for 20) and 4 (5 for 20).
        ("net-customer-adds", "azure", 20.0, (10.0, 5.0)),
        ("net-customer-adds", "microsoft-365", 20.0, (10.0, 5.0)),
        // 20 points from six deployments.
        ("deployments", "azure", 20.0, (6.0, 6.0)),
        ("deployments", "microsoft-365", 20.0, (6.0, 6.0)),
        // A point per $1,250 and $750; per 125 and 50 protected users.
        ("usage-growth", "azure", 20.0, (25_000.0, 15_000.0)),
        ("usage-growth", "microsoft-365", 20.0, (2_500.0, 1_000.0)),
    ];
    for (id, part, points, threshold) in expected {
        let m = metric(&rules, id);
        assert_eq!(num(m, "points"), 20.0, "{id}");
        let p = parts(m)
            .into_iter()
            .find(|p| text(p, "id") == part)
            .unwrap_or_else(|| panic!("no part {part} of {id}"));
        assert_eq!(
            (num(p, "points"), per_path(p, "threshold")),
            (points, threshold),
            "{id} {part}"
        );
    }
    let adds = parts(metric(&rules, "net-customer-adds"));
    assert_eq!(num(adds[0], "ttm_min_usd"), 600.0);
    let deploy = parts(metric(&rules, "deployments"));
    let band = table(deploy[0], "band");
    assert_eq!(num(table(band, "enterprise"), "above_usd"), 12_000.0);
    assert_eq!(
        (
            num(table(band, "smb"), "min_usd"),
            num(table(band, "smb"), "max_usd")
        ),
        (750.0, 12_000.0)
    );
    assert_eq!(num(deploy[1], "min_active_share"), 0.15);

    let m = metric(&rules, "intermediate-certifications");
    assert_eq!(num(m, "points"), 40.0);
    let s = steps(m);
    assert_eq!(
        step_figures(&rules, s[0]),
        (
            vec![
                "Azure Security Engineer Associate",
                "Cloud and AI Security Engineer Associate"
            ],
            (2.0, 1.0),
            (0.0, 4.0)
        )
    );
    assert_eq!(
        step_figures(&rules, s[1]),
        (
            vec!["Security Operations Analyst Associate"],
            (2.0, 1.0),
            (0.0, 4.0)
        )
    );
    // 6.67 (40 / 6) a person on Enterprise, 8 on SMB.
    assert_eq!(
        step_figures(&rules, s[2]),
        (
            vec![
                "Cybersecurity Architect Expert",
                "Identity and Access Administrator Associate",
                "Information Protection Administrator",
                "Information Security Administrator Associate"
            ],
            (6.0, 4.0),
            (40.0, 32.0)
        )
    );
}

#[test]
fn retiring_certifications_count_one_year_past_retirement() {
    let mut seen = BTreeMap::new();
    for name in DESIGNATIONS {
        for c in array(&draft(name), "credentials")
            .iter()
            .filter_map(Value::as_table)
        {
            let (Some(retires), Some(through)) = (c.get("retires"), c.get("counts_through")) else {
                assert!(c.get("counts_through").is_none(), "{c:?}");
                continue;
            };
            let (retires, through) = (retires.to_string(), through.to_string());
            let next_year = format!(
                "{}{}",
                retires[..4].parse::<u32>().unwrap() + 1,
                &retires[4..]
            );
            assert_eq!(through, next_year, "{c:?}");
            seen.insert(text(c, "id").to_string(), retires);
        }
    }
    let seen: Vec<(&str, &str)> = seen.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        seen,
        [
            ("azure-ai-engineer-associate", "2026-06-30"),
            ("azure-data-scientist-associate", "2026-06-01"),
            ("azure-developer-associate", "2026-07-31"),
            ("azure-security-engineer-associate", "2026-08-31"),
            (
                "information-protection-administrator-associate",
                "2025-05-31"
            ),
        ]
    );
}

#[test]
fn the_drafts_name_only_what_they_define() {
    for name in DESIGNATIONS {
        let rules = draft(name);
        for m in metrics(&rules) {
            let ids: Vec<&str> = steps(m).iter().map(|s| text(s, "id")).collect();
            for s in steps(m) {
                let _ = step_labels(&rules, s);
                for r in texts(array(s, "requires")) {
                    assert!(ids.contains(&r), "{name}: step {r}");
                }
            }
        }
        for e in array(&rules, "examples").iter().filter_map(Value::as_table) {
            let m = metric(&rules, text(e, "metric"));
            let ids: Vec<&str> = steps(m).iter().map(|s| text(s, "id")).collect();
            assert!(["enterprise", "smb"].contains(&text(e, "path")));
            for person in array(e, "people") {
                for s in texts(person.as_array().unwrap()) {
                    assert!(ids.contains(&s), "{name}: example step {s}");
                }
            }
        }
    }
    let programme = read_toml(&drafts().join("solutions-partners-azure-and-security.toml"));
    assert_eq!(
        texts(array(table(&programme, "programme"), "rules")),
        DESIGNATIONS
    );
}
