//! A competency's sentences: what a person lacks, the action, at risk.

use crate::evaluate::PersonHint;
use crate::families::levels::{NextLevel, bare, progress};
use crate::model::{CredentialId, Level};
use crate::rules::Lacking;
use crate::text::de::DE;
use crate::text::en::EN;

use super::evaluate::competency;

#[test]
fn an_unmet_one_of_reads_as_a_choice() {
    let rules = competency("enterprise-mobility-management-smb").rules;
    let id = CredentialId::new;
    let missing = Lacking {
        all_of: vec![id("ems-overview")],
        one_of: vec![id("mdm"), id("information-protection")],
    };
    assert_eq!(
        EN.lacking(&missing, &rules),
        "EMS Overview and one of Mobile Device Management or Information Protection"
    );
    assert_eq!(
        DE.lacking(&missing, &rules),
        "EMS Overview und eine von Mobile Device Management oder Information Protection"
    );
    let single = Lacking {
        all_of: Vec::new(),
        one_of: vec![id("cloud-app-security")],
    };
    assert_eq!(EN.lacking(&single, &rules), "Cloud App Security");
}

/// The action names every shortfall in one sentence, then the people
/// nearest to qualifying (the shortfalls and hints `evaluate` makes for an
/// Enterprise Mobility partner; see its tests).
#[test]
fn an_action_names_every_shortfall_then_who_is_nearest() {
    let rules = competency("enterprise-mobility-management-enterprise").rules;
    let next = |level, new_customers_short, entitlements_short, people_short| {
        Some(NextLevel {
            level,
            entitlements_short,
            people_short,
            new_customers_short,
        })
    };
    let mut p = bare("1", Level::None, 900, 2);
    p.standing.next = next(Level::Silver, 1, 0, 0);
    assert_eq!(
        EN.action(&p, &rules),
        "needs 1 more new customer for Silver"
    );

    p.standing.next = next(Level::Gold, 2, 3100, 2);
    assert_eq!(
        EN.action(&p, &rules),
        "needs 2 more new customers, 3,100 more active entitlements and 2 more qualified people for Gold"
    );

    let id = CredentialId::new;
    p.standing.next = next(Level::Silver, 0, 0, 1);
    p.standing.hints = vec![PersonHint {
        name: "y".into(),
        held: vec![id("ems-overview")],
        missing: Lacking {
            all_of: Vec::new(),
            one_of: [
                "mdm",
                "identity-access-management",
                "information-protection",
                "cloud-app-security",
            ]
            .map(id)
            .into(),
        },
    }];
    assert_eq!(
        EN.action(&p, &rules),
        "needs 1 more qualified person for Silver; y has passed EMS Overview and needs one of Mobile Device Management, Identity & Access Management, Information Protection or Cloud App Security"
    );
}

#[test]
fn at_risk_near_the_threshold_or_on_the_last_person_in_both_languages() {
    let mut set = competency("cloud-productivity");
    let risk = |level, e, q, set: &crate::rules::RuleSet<_>| {
        progress::at_risk(&bare("1", level, e, q), set)
    };
    // Silver needs 2,000 (mature) and 1 person; 5 % margin is 2,100.
    let near = risk(Level::Silver, 2099, 2, &set).unwrap();
    assert_eq!(
        EN.at_risk(&near),
        "2,099 active entitlements are within 5 % of the Silver 2,000 threshold"
    );
    assert_eq!(
        DE.at_risk(&near),
        "2.099 aktive Berechtigungen liegen weniger als 5 % über der Silber-Schwelle von 2.000"
    );
    assert!(risk(Level::Silver, 2100, 2, &set).is_none());
    let person = risk(Level::Silver, 3000, 1, &set).unwrap();
    assert_eq!(
        EN.at_risk(&person),
        "relies on exactly the 1 qualified person Silver needs"
    );
    assert_eq!(
        DE.at_risk(&person),
        "hängt an genau der 1 qualifizierten Person, die Silber verlangt"
    );
    let gold = risk(Level::Gold, 4100, 2, &set).unwrap();
    assert_eq!(
        EN.at_risk(&gold),
        "4,100 active entitlements are within 5 % of the Gold 4,000 threshold; \
         relies on exactly the 2 qualified people Gold needs"
    );
    assert!(risk(Level::None, 1990, 0, &set).is_none());
    set.rules.alerts.at_risk_margin = 0.025;
    let half = risk(Level::Silver, 2010, 2, &set).unwrap();
    assert!(
        EN.at_risk(&half).contains("within 2.5 %"),
        "{}",
        EN.at_risk(&half)
    );
    assert!(DE.at_risk(&half).contains("weniger als 2,5 %"));
}
