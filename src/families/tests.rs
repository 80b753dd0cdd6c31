use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;

use super::*;
use crate::model::{Association, CredentialId, Market, Sku};
use crate::rules::{Alerts, DEFAULT_NAME, Method, SHIPPED};

/// The default rules file's text.
pub(crate) const DEFAULT_RULES: &str = SHIPPED[0].1;

/// A shipped competency.
pub(crate) fn levels(name: &str) -> RuleSet<Levels> {
    match AnyRuleSet::shipped(name).expect("the shipped rules are valid") {
        AnyRuleSet::Levels(set) => set,
        other => panic!("{name} is not a competency: {other:?}"),
    }
}

/// A shipped designation.
pub(crate) fn points(name: &str) -> RuleSet<Points> {
    match AnyRuleSet::shipped(name).expect("the shipped rules are valid") {
        AnyRuleSet::Points(set) => set,
        other => panic!("{name} is not a designation: {other:?}"),
    }
}

/// Rules from text, of whichever family.
pub(crate) fn parse(text: &str, origin: &str) -> Result<AnyRuleSet, RulesError> {
    AnyRuleSet::parse(text, origin)
}

pub(crate) fn rules() -> RuleSet<Levels> {
    levels(DEFAULT_NAME)
}

pub(crate) fn held(ids: &[&str]) -> BTreeSet<CredentialId> {
    ids.iter().map(|i| CredentialId::new(i)).collect()
}

#[test]
fn alerts_default_to_five_percent_and_are_checked() {
    assert_eq!(rules().rules.alerts.at_risk_margin, 0.05);
    let without = DEFAULT_RULES.replace("[alerts]\nat_risk_margin = 0.05\n", "");
    assert!(!without.contains("[alerts]"));
    let parsed = parse(&without, "test").expect("alerts are optional");
    assert_eq!(parsed.rules().alerts, Alerts::default());
    let ten = DEFAULT_RULES.replace("at_risk_margin = 0.05", "at_risk_margin = 0.1");
    assert_eq!(parse(&ten, "t").unwrap().rules().alerts.at_risk_margin, 0.1);
    let bad = DEFAULT_RULES.replace("at_risk_margin = 0.05", "at_risk_margin = 5.0");
    let err = parse(&bad, "t").unwrap_err().to_string();
    assert!(err.contains("at_risk_margin"), "{err}");
}

#[test]
fn shipped_rules_carry_the_published_thresholds() {
    let r = rules();
    assert_eq!(r.rules.method, Method::BestWorkload);
    let silver = r.scheme.threshold(Level::Silver).unwrap();
    let gold = r.scheme.threshold(Level::Gold).unwrap();
    assert_eq!(silver.entitlements.mature, 2000);
    assert_eq!(silver.entitlements.emerging, 1000);
    assert_eq!(silver.people, 1);
    assert_eq!(gold.entitlements.get(Market::Mature), 4000);
    assert_eq!(gold.entitlements.get(Market::Emerging), 4000);
    assert_eq!(gold.people, 2);
    assert!(
        r.rules
            .associations
            .contains(&Association::FastTrackPartner)
    );
    assert!(!r.rules.associations.contains(&Association::None));
    assert!(!r.rules.skus.contains(&Sku::Trial));
    assert_eq!(r.rules.workloads.len(), 5);
}

#[test]
fn workloads_match_by_alias_and_others_do_not() {
    let r = rules();
    assert_eq!(
        r.rules.workload("exchange online").unwrap().as_str(),
        "Exchange Online"
    );
    assert_eq!(r.rules.workload("EXO").unwrap().as_str(), "Exchange Online");
    assert_eq!(
        r.rules.workload("Office 365 ProPlus").unwrap().as_str(),
        "Office 365 ProPlus"
    );
    assert_eq!(
        r.rules.workload("Skype for Business").unwrap().as_str(),
        "Skype for Business"
    );
    assert!(r.rules.workload("Microsoft Teams").is_none());
    assert!(r.rules.workload("Dynamics 365").is_none());
}

#[test]
fn credentials_are_recognised_from_their_text() {
    let r = rules();
    assert_eq!(
        r.rules
            .credentials_in("Exam 70-346: Managing Office 365 Identities and Requirements"),
        vec![CredentialId::new("70-346")]
    );
    assert_eq!(
        r.rules.credentials_in("70347"),
        vec![CredentialId::new("70-347")]
    );
    assert_eq!(
        r.rules.credentials_in("MCSA Office 365"),
        vec![CredentialId::new("mcsa-office-365")]
    );
    assert_eq!(
        r.rules.credentials_in("MCSA: Office 365"),
        vec![CredentialId::new("mcsa-office-365")]
    );
    assert!(r.rules.credentials_in("Exam 70-533: Azure").is_empty());
    assert!(
        r.rules
            .credentials_in("MCSA: Windows Server 2016")
            .is_empty()
    );
}

#[test]
fn a_person_qualifies_by_both_exams_or_the_mcsa() {
    let r = rules();
    assert!(r.scheme.qualifies(&held(&["70-346", "70-347"])));
    assert!(r.scheme.qualifies(&held(&["mcsa-office-365"])));
    assert!(!r.scheme.qualifies(&held(&["70-346"])));
    assert!(!r.scheme.qualifies(&held(&[])));
    let (_, missing) = r.scheme.closest_route(&held(&["70-346"]));
    assert_eq!(missing.all_of, vec![CredentialId::new("70-347")]);
    assert!(missing.one_of.is_empty());
}

#[test]
fn emerging_markets_come_from_the_country_list() {
    let r = rules();
    assert_eq!(r.rules.market_of_country(Some("Nigeria")), Market::Emerging);
    assert_eq!(r.rules.market_of_country(Some("indien")), Market::Emerging);
    assert_eq!(r.rules.market_of_country(Some("IN")), Market::Emerging);
    assert_eq!(r.rules.market_of_country(Some("Germany")), Market::Mature);
    assert_eq!(r.rules.market_of_country(Some("N/A")), Market::Mature);
    assert_eq!(r.rules.market_of_country(None), Market::Mature);
}

#[test]
fn inconsistent_rules_are_refused_with_a_reason() {
    let broken =
        DEFAULT_RULES.replace("all_of = [\"70-346\", \"70-347\"]", "all_of = [\"70-999\"]");
    let err = parse(&broken, "x.toml").unwrap_err().to_string();
    assert!(err.contains("70-999"), "{err}");

    let broken = DEFAULT_RULES.replace("mature = 4000", "mature = 10");
    let err = parse(&broken, "x.toml").unwrap_err().to_string();
    assert!(err.contains("fewer mature entitlements"), "{err}");

    let broken = DEFAULT_RULES.replace("method = \"best-workload\"", "method = \"average\"");
    let err = parse(&broken, "x.toml").unwrap_err().to_string();
    assert!(err.contains("x.toml") && err.contains("average"), "{err}");

    let broken = DEFAULT_RULES.replace("\"fast-track-partner\",", "\"reseller\",");
    assert!(parse(&broken, "x.toml").is_err());
}

#[test]
fn the_description_names_thresholds_and_routes() {
    let text = rules().describe("built-in");
    assert!(text.contains("Silver: 2,000 active entitlements in mature markets, 1,000 in emerging markets, and 1 qualified person"), "{text}");
    assert!(text.contains("Gold: 4,000"), "{text}");
    assert!(
        text.contains("Exam 70-346: Managing Office 365 Identities and Requirements; Exam 70-347"),
        "{text}"
    );
    assert!(text.contains("Fast Track Partner"), "{text}");
}

fn emm(option: &str) -> RuleSet<Levels> {
    levels(&format!("enterprise-mobility-management-{option}"))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

#[test]
fn every_shipped_rule_set_is_valid_and_listed() {
    let list = shipped_list().expect("all shipped rules parse");
    let names: Vec<&str> = list.iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "cloud-productivity",
            "enterprise-mobility-management-enterprise",
            "enterprise-mobility-management-smb",
            "solutions-partner-business-applications",
            "solutions-partner-data-ai",
            "solutions-partner-digital-app-innovation",
            "solutions-partner-infrastructure",
            "solutions-partner-modern-work",
            "solutions-partner-security"
        ]
    );
    assert_eq!(
        list[8].described,
        "Solutions Partner for Security, Partner capability score (points from security ACR and Microsoft 365 seats)"
    );
    assert!(list[0].default && !list[1].default);
    assert_eq!(
        list[1].described,
        "Enterprise Mobility Management, Enterprise Partner option"
    );
    assert_eq!(
        list[2].described,
        "Enterprise Mobility Management, SMB Partner option"
    );
    assert_eq!(
        list[3].described,
        "Solutions Partner for Business Applications, Partner capability score (points from revenue)"
    );
    assert_eq!(
        list[4].described,
        "Solutions Partner for Data & AI (Azure), Partner capability score (points from Azure consumed revenue)"
    );
    assert_eq!(
        list[6].described,
        "Solutions Partner for Infrastructure (Azure), Partner capability score (points from Azure consumed revenue)"
    );
    assert_eq!(
        list[7].described,
        "Solutions Partner for Modern Work, Partner capability score (points)"
    );
    // Every file under templates/ is shipped, so none is forgotten.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .expect("templates/ exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".toml"))
                .map(String::from)
        })
        .collect();
    on_disk.sort();
    assert_eq!(on_disk, names);
}

#[test]
fn emm_enterprise_carries_the_published_thresholds() {
    let r = emm("enterprise");
    assert_eq!(r.rules.competency.name, "Enterprise Mobility Management");
    assert_eq!(r.rules.method, Method::Sum);
    let (silver, gold) = (
        r.scheme.levels[&Level::Silver],
        r.scheme.levels[&Level::Gold],
    );
    assert_eq!((silver.new_customers, silver.people), (3, 2));
    assert_eq!((gold.new_customers, gold.people), (5, 4));
    for market in [Market::Mature, Market::Emerging] {
        assert_eq!(silver.entitlements.get(market), 500);
        assert_eq!(gold.entitlements.get(market), 4000);
    }
    assert_eq!(r.rules.new_customer_window_months, 12);
    assert!(r.rules.counts_new_customers());
    assert!(
        r.rules
            .associations
            .contains(&Association::FastTrackPartner)
    );
    assert_eq!(r.rules.associations.len(), 4);
    assert_eq!(r.rules.skus.iter().collect::<Vec<_>>(), [&Sku::Paid]);
    assert!(r.rules.emerging_countries.is_empty());
}

#[test]
fn emm_smb_carries_the_published_thresholds_even_where_odd() {
    let r = emm("smb");
    assert_eq!(r.rules.competency.option, "SMB Partner");
    let (silver, gold) = (
        r.scheme.levels[&Level::Silver],
        r.scheme.levels[&Level::Gold],
    );
    assert_eq!((silver.new_customers, silver.people), (20, 2));
    assert_eq!(silver.entitlements.get(Market::Mature), 125);
    assert_eq!(silver.entitlements.get(Market::Emerging), 125);
    // As published: Gold asks for fewer new customers than Silver.
    assert_eq!((gold.new_customers, gold.people), (5, 4));
    assert_eq!(gold.entitlements.get(Market::Emerging), 4000);
}

#[test]
fn cloud_productivity_asks_for_no_new_customers() {
    let r = rules();
    assert!(!r.rules.counts_new_customers());
    assert_eq!(r.scheme.levels[&Level::Gold].new_customers, 0);
}

#[test]
fn emm_components_and_assessments_are_recognised() {
    let r = emm("enterprise");
    for (raw, name) in [
        ("Intune", "Microsoft Intune"),
        ("AADP", "Azure Active Directory Premium"),
        ("Azure AD Premium P2", "Azure Active Directory Premium"),
        ("AIP", "Azure Information Protection"),
        ("EMS E3", "Enterprise Mobility + Security"),
    ] {
        assert_eq!(
            r.rules.workload(raw).map(|w| w.to_string()),
            Some(name.into())
        );
    }
    assert!(r.rules.workload("Exchange Online").is_none());
    let id = CredentialId::new;
    assert_eq!(
        r.rules
            .credentials_in("Technical Assessment for Enterprise Mobility Suite Overview"),
        vec![id("ems-overview")]
    );
    assert_eq!(
        r.rules
            .credentials_in("Technical Assessment for Identity & Access Management"),
        vec![id("identity-access-management")]
    );
    assert_eq!(
        r.rules.credentials_in("Identity and Access Management"),
        vec![id("identity-access-management")]
    );
    assert_eq!(
        r.rules
            .credentials_in("Technical Assessment for Mobile Device Management"),
        vec![id("mdm")]
    );
    assert_eq!(
        r.rules
            .credentials_in("Technical Assessment for Cloud App Security"),
        vec![id("cloud-app-security")]
    );
    assert!(r.rules.credentials_in("Exam 70-346").is_empty());
}

#[test]
fn the_overview_and_one_of_the_others_qualify_by_the_same_person() {
    let r = emm("enterprise");
    assert!(r.scheme.qualifies(&held(&["ems-overview", "mdm"])));
    assert!(
        r.scheme
            .qualifies(&held(&["ems-overview", "cloud-app-security", "mdm"]))
    );
    assert!(!r.scheme.qualifies(&held(&["ems-overview"])));
    assert!(
        !r.scheme
            .qualifies(&held(&["mdm", "information-protection"]))
    );

    let q = &r.scheme.qualifications[0];
    // An unmet "one of" is one credential short, offering all four.
    let lacking = q.missing(&held(&["ems-overview"]));
    assert!(lacking.all_of.is_empty());
    assert_eq!(lacking.one_of.len(), 4);
    assert_eq!(lacking.count(), 1);
    assert_eq!(q.progress(&held(&["ems-overview"])), 1);
    let lacking = q.missing(&held(&["information-protection"]));
    assert_eq!(lacking.all_of, vec![CredentialId::new("ems-overview")]);
    assert!(lacking.one_of.is_empty());
    assert_eq!(q.progress(&held(&["information-protection", "mdm"])), 1);
    let (route, lacking) = r.scheme.closest_route(&held(&[]));
    assert_eq!((route, lacking.count()), (0, 2));
    assert!(q.missing(&held(&["ems-overview", "mdm"])).is_empty());
}

#[test]
fn the_new_customer_window_is_the_twelve_months_up_to_the_as_of_date() {
    let r = emm("smb");
    let as_of = date(2017, 9, 30);
    assert!(r.rules.is_new_customer(as_of, as_of));
    assert!(r.rules.is_new_customer(date(2016, 10, 1), as_of));
    // Exactly twelve months before is outside: the window is 12 months long.
    assert!(!r.rules.is_new_customer(date(2016, 9, 30), as_of));
    assert!(!r.rules.is_new_customer(date(2015, 1, 1), as_of));
    // Added after the as-of date: not yet a customer on that date.
    assert!(!r.rules.is_new_customer(date(2017, 10, 1), as_of));
    // Month arithmetic clamps at the month's end: 2016-02-29 less 12 months.
    let leap = date(2016, 2, 29);
    assert!(!r.rules.is_new_customer(date(2015, 2, 28), leap));
    assert!(r.rules.is_new_customer(date(2015, 3, 1), leap));

    let mut six = r.clone();
    six.rules.new_customer_window_months = 6;
    assert!(!six.rules.is_new_customer(date(2017, 3, 30), as_of));
    assert!(six.rules.is_new_customer(date(2017, 3, 31), as_of));
}

#[test]
fn rules_are_loaded_by_name_or_by_file_and_unknown_names_are_listed() {
    let (r, origin) = AnyRuleSet::load(Some(Path::new("enterprise-mobility-management-smb")))
        .expect("a shipped name");
    assert_eq!(r.rules().competency.option, "SMB Partner");
    assert_eq!(
        origin,
        RulesOrigin::Shipped("enterprise-mobility-management-smb")
    );
    assert!(AnyRuleSet::load(Some(Path::new("cloud-productivity.toml"))).is_ok());
    let (_, origin) = AnyRuleSet::load(Some(Path::new("Enterprise-Mobility-Management-SMB")))
        .expect("names match ignoring case");
    assert_eq!(
        origin.to_string(),
        "built-in enterprise-mobility-management-smb (templates/enterprise-mobility-management-smb.toml)"
    );

    let err = AnyRuleSet::load(Some(Path::new("enterprise-mobility")))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("'enterprise-mobility'")
            && err.contains("cloud-productivity, enterprise-mobility-management-enterprise, enterprise-mobility-management-smb"),
        "{err}"
    );

    // An existing file wins over a shipped name.
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("cloud-productivity");
    let custom = DEFAULT_RULES.replace("people = 2", "people = 3");
    std::fs::write(&path, custom).expect("written");
    let (r, origin) = AnyRuleSet::load(Some(&path)).expect("the file");
    let AnyRuleSet::Levels(r) = r else {
        panic!("a competency");
    };
    assert_eq!(r.scheme.levels[&Level::Gold].people, 3);
    assert_eq!(origin, RulesOrigin::File(path.clone()));
}

#[test]
fn new_customer_settings_are_optional_and_checked() {
    let text = SHIPPED[2].1;
    let zero = text.replace(
        "new_customer_window_months = 12",
        "new_customer_window_months = 0",
    );
    let err = parse(&zero, "x.toml").unwrap_err().to_string();
    assert!(err.contains("new_customer_window_months"), "{err}");
    let without = text.replace("new_customer_window_months = 12", "");
    assert_eq!(
        parse(&without, "x.toml")
            .expect("the window defaults")
            .rules()
            .new_customer_window_months,
        12
    );
}

#[test]
fn the_emm_description_names_new_customers_and_the_choice() {
    let text = emm("enterprise").describe("built-in");
    assert!(
        text.contains("Silver: 3 new customers (added within 12 months of the as-of date), 500 active entitlements, and 2 qualified people"),
        "{text}"
    );
    assert!(text.contains("Gold: 5 new customers"), "{text}");
    assert!(
        text.contains("all of: Technical Assessment for Enterprise Mobility Suite Overview, and one of: Technical Assessment for Mobile Device Management;"),
        "{text}"
    );
    assert!(text.contains("New customers:"), "{text}");
    assert!(text.contains("the same in every market"), "{text}");
    assert!(!rules().describe("x").contains("New customers"));
}
