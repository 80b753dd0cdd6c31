//! The rules file: what a competency asks for, read from TOML and validated
//! once into plain data the evaluation can use without further checks.
//!
//! The shipped default (`templates/cloud-productivity.toml`) is embedded in
//! the binary; `--rules FILE` replaces it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::model::{Association, CredentialId, Level, Market, Sku, Workload, fold};

/// The Cloud Productivity rules shipped with the tool.
pub const DEFAULT_RULES: &str = include_str!("../templates/cloud-productivity.toml");

/// Why a rules file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The file could not be read.
    #[error("cannot read rules file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown or missing keys.
    #[error("rules file {path} is not valid: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// What the TOML parser said.
        message: String,
    },
    /// The TOML parses, but what it says does not hold together.
    #[error("rules file {path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is inconsistent.
        message: String,
    },
}

/// How a partner's active entitlements are figured from its counted rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Per workload, summed over customers; the partner's figure is its best workload.
    BestWorkload,
    /// Each customer's highest workload, summed over customers.
    CustomerMax,
    /// Every counted row added up.
    Sum,
}

impl Method {
    /// The name used in rules files.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::BestWorkload => "best-workload",
            Method::CustomerMax => "customer-max",
            Method::Sum => "sum",
        }
    }
}

/// The competency a rules file describes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    /// The competency's name, e.g. "Cloud Productivity".
    pub name: String,
    /// The option within it, e.g. "Managed Service Partner".
    #[serde(default)]
    pub option: String,
    /// Where the requirement text comes from.
    #[serde(default)]
    pub source: String,
}

/// A credential the transcripts are searched for.
#[derive(Debug, Clone)]
pub struct CredentialDef {
    /// Its id, used by qualifications.
    pub id: CredentialId,
    /// A short label for actions ("70-347").
    pub label: String,
    /// Its full name.
    pub name: String,
    /// Folded fragments that must all appear in a transcript's text.
    patterns: Vec<String>,
}

/// One route by which a person qualifies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// Credentials the person must hold, all of them.
    #[serde(default)]
    pub all_of: Vec<CredentialId>,
    /// Credentials of which the person must hold at least one (if not empty).
    #[serde(default)]
    pub any_of: Vec<CredentialId>,
}

impl Qualification {
    /// What a person holding `held` still lacks on this route (empty: qualified).
    ///
    /// For an unmet `any_of`, the first of its credentials stands for the set.
    pub fn missing(&self, held: &BTreeSet<CredentialId>) -> Vec<CredentialId> {
        let mut missing: Vec<CredentialId> = self
            .all_of
            .iter()
            .filter(|c| !held.contains(*c))
            .cloned()
            .collect();
        if !self.any_of.is_empty() && !self.any_of.iter().any(|c| held.contains(c)) {
            missing.push(self.any_of[0].clone());
        }
        missing
    }

    /// How many of this route's credentials the person already holds.
    pub fn progress(&self, held: &BTreeSet<CredentialId>) -> usize {
        self.all_of.iter().filter(|c| held.contains(*c)).count()
            + usize::from(self.any_of.iter().any(|c| held.contains(c)))
    }
}

/// What one level asks for.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// Active entitlements needed, by market.
    pub entitlements: ByMarket,
    /// Qualified people needed.
    pub people: u32,
}

/// A number that depends on the partner's market.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByMarket {
    /// For developed (mature) markets.
    pub mature: u64,
    /// For developing (emerging) markets.
    pub emerging: u64,
}

impl ByMarket {
    /// The figure for a market.
    pub fn get(&self, market: Market) -> u64 {
        match market {
            Market::Mature => self.mature,
            Market::Emerging => self.emerging,
        }
    }
}

/// A validated rule set, ready to use.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The competency and option described.
    pub competency: Competency,
    /// How active entitlements are figured.
    pub method: Method,
    /// Associations under which a customer counts.
    pub associations: BTreeSet<Association>,
    /// SKU types that count.
    pub skus: BTreeSet<Sku>,
    /// Counted workloads, in the rules file's order.
    pub workloads: Vec<Workload>,
    /// Credentials searched for, in the rules file's order.
    pub credentials: Vec<CredentialDef>,
    /// The routes by which a person qualifies.
    pub qualifications: Vec<Qualification>,
    /// What each attainable level asks for.
    pub levels: BTreeMap<Level, Threshold>,
    /// The emerging-markets list as written.
    pub emerging_countries: Vec<String>,
    /// When a partner at a level is flagged as at risk of losing it.
    pub alerts: Alerts,
    workload_aliases: HashMap<String, Workload>,
    emerging_folded: HashSet<String>,
}

/// The rules file as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    competency: Competency,
    entitlements: EntitlementsSection,
    workloads: Vec<WorkloadEntry>,
    #[serde(default)]
    markets: MarketsSection,
    credentials: Vec<CredentialEntry>,
    qualifications: Vec<Qualification>,
    levels: BTreeMap<Level, Threshold>,
    #[serde(default)]
    alerts: Alerts,
}

/// The optional `[alerts]` table: when a partner counts as at risk.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alerts {
    /// A partner whose active entitlements are less than this fraction above
    /// its level's threshold is at risk (0.05: within 5 %).
    #[serde(default = "Alerts::default_margin")]
    pub at_risk_margin: f64,
}

impl Alerts {
    /// The margin used when the rules file gives none: 5 %.
    pub const DEFAULT_MARGIN: f64 = 0.05;

    fn default_margin() -> f64 {
        Alerts::DEFAULT_MARGIN
    }

    /// Checks that a margin is a fraction from 0 up to 1.
    pub fn check_margin(margin: f64) -> Result<f64, String> {
        if margin.is_finite() && (0.0..=1.0).contains(&margin) {
            Ok(margin)
        } else {
            Err(format!(
                "at_risk_margin {margin} is not a fraction between 0 and 1 (0.05 means 5 %)"
            ))
        }
    }
}

impl Default for Alerts {
    fn default() -> Alerts {
        Alerts {
            at_risk_margin: Alerts::DEFAULT_MARGIN,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntitlementsSection {
    method: Method,
    associations: Vec<Association>,
    skus: Vec<Sku>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkloadEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MarketsSection {
    #[serde(default)]
    emerging_countries: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CredentialEntry {
    id: CredentialId,
    #[serde(default)]
    label: Option<String>,
    name: String,
    #[serde(rename = "match")]
    patterns: Vec<String>,
}

impl Rules {
    /// The embedded Cloud Productivity rules.
    pub fn default_rules() -> Result<Rules, RulesError> {
        Rules::parse(
            DEFAULT_RULES,
            "(built-in) templates/cloud-productivity.toml",
        )
    }

    /// Reads and validates a rules file.
    pub fn from_path(path: &Path) -> Result<Rules, RulesError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Read {
            path: shown.clone(),
            source,
        })?;
        Rules::parse(&text, &shown)
    }

    /// Parses and validates rules from TOML text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Rules, RulesError> {
        let file: RulesFile = toml::from_str(text).map_err(|e| RulesError::Syntax {
            path: origin.to_string(),
            message: e.to_string(),
        })?;
        let invalid = |message: String| RulesError::Invalid {
            path: origin.to_string(),
            message,
        };

        if file.workloads.is_empty() {
            return Err(invalid("no [[workloads]] are listed".into()));
        }
        let mut workload_aliases = HashMap::new();
        let mut workloads = Vec::new();
        for entry in &file.workloads {
            let workload = Workload::new(entry.name.trim());
            for spelling in std::iter::once(&entry.name).chain(&entry.aliases) {
                let key = fold(spelling);
                if key.is_empty() {
                    return Err(invalid(format!(
                        "workload '{}' has an empty alias",
                        entry.name
                    )));
                }
                if let Some(other) = workload_aliases.insert(key, workload.clone())
                    && other != workload
                {
                    return Err(invalid(format!(
                        "'{spelling}' names both workload '{other}' and '{workload}'"
                    )));
                }
            }
            workloads.push(workload);
        }

        let mut credentials = Vec::new();
        let mut ids = HashSet::new();
        for entry in file.credentials {
            if !ids.insert(entry.id.clone()) {
                return Err(invalid(format!(
                    "credential '{}' is listed twice",
                    entry.id
                )));
            }
            let patterns: Vec<String> = entry.patterns.iter().map(|p| fold(p)).collect();
            if patterns.is_empty() || patterns.iter().any(String::is_empty) {
                return Err(invalid(format!(
                    "credential '{}' needs a non-empty `match` list",
                    entry.id
                )));
            }
            credentials.push(CredentialDef {
                label: entry.label.unwrap_or_else(|| entry.id.to_string()),
                id: entry.id,
                name: entry.name,
                patterns,
            });
        }

        if file.qualifications.is_empty() {
            return Err(invalid("no [[qualifications]] are listed".into()));
        }
        for (i, q) in file.qualifications.iter().enumerate() {
            if q.all_of.is_empty() && q.any_of.is_empty() {
                return Err(invalid(format!(
                    "qualification {} names no credential",
                    i + 1
                )));
            }
            for id in q.all_of.iter().chain(&q.any_of) {
                if !ids.contains(id) {
                    return Err(invalid(format!(
                        "qualification {} names credential '{id}', which is not in [[credentials]]",
                        i + 1
                    )));
                }
            }
        }

        if file.levels.contains_key(&Level::None) {
            return Err(invalid("[levels.none] cannot have a threshold".into()));
        }
        for level in Level::ATTAINABLE {
            if !file.levels.contains_key(&level) {
                return Err(invalid(format!("[levels.{}] is missing", level.as_str())));
            }
        }
        let (silver, gold) = (file.levels[&Level::Silver], file.levels[&Level::Gold]);
        for market in [Market::Mature, Market::Emerging] {
            if gold.entitlements.get(market) < silver.entitlements.get(market) {
                return Err(invalid(format!(
                    "gold needs fewer {} entitlements than silver",
                    market.as_str()
                )));
            }
        }
        if gold.people < silver.people {
            return Err(invalid("gold needs fewer people than silver".into()));
        }
        if file.entitlements.associations.is_empty() || file.entitlements.skus.is_empty() {
            return Err(invalid(
                "[entitlements] must list at least one association and one sku".into(),
            ));
        }

        Alerts::check_margin(file.alerts.at_risk_margin)
            .map_err(|m| invalid(format!("[alerts] {m}")))?;

        Ok(Rules {
            alerts: file.alerts,
            competency: file.competency,
            method: file.entitlements.method,
            associations: file.entitlements.associations.into_iter().collect(),
            skus: file.entitlements.skus.into_iter().collect(),
            workloads,
            credentials,
            qualifications: file.qualifications,
            levels: file.levels,
            emerging_folded: file
                .markets
                .emerging_countries
                .iter()
                .map(|c| fold(c))
                .collect(),
            emerging_countries: file.markets.emerging_countries,
            workload_aliases,
        })
    }

    /// The counted workload a workload cell names, if any.
    pub fn workload(&self, raw: &str) -> Option<Workload> {
        self.workload_aliases.get(&fold(raw)).cloned()
    }

    /// Every credential a transcript's text names.
    pub fn credentials_in(&self, text: &str) -> Vec<CredentialId> {
        let folded = fold(text);
        self.credentials
            .iter()
            .filter(|c| c.patterns.iter().all(|p| folded.contains(p.as_str())))
            .map(|c| c.id.clone())
            .collect()
    }

    /// The definition of a credential by id.
    pub fn credential(&self, id: &CredentialId) -> Option<&CredentialDef> {
        self.credentials.iter().find(|c| &c.id == id)
    }

    /// The market a country implies when no market is given.
    pub fn market_of_country(&self, country: Option<&str>) -> Market {
        match country {
            Some(c) if self.emerging_folded.contains(&fold(c)) => Market::Emerging,
            _ => Market::Mature,
        }
    }

    /// What a level asks for (none asks for nothing).
    pub fn threshold(&self, level: Level) -> Option<&Threshold> {
        self.levels.get(&level)
    }

    /// Whether a person holding `held` qualifies by any route.
    pub fn qualifies(&self, held: &BTreeSet<CredentialId>) -> bool {
        self.qualifications
            .iter()
            .any(|q| q.missing(held).is_empty())
    }

    /// The route a person is closest to and what it still lacks.
    ///
    /// Closest means fewest credentials missing; ties go to the route the
    /// person has made most progress on, then to the rules file's order.
    pub fn closest_route(&self, held: &BTreeSet<CredentialId>) -> (usize, Vec<CredentialId>) {
        self.qualifications
            .iter()
            .enumerate()
            .map(|(i, q)| (i, q.missing(held), q.progress(held)))
            .min_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.2.cmp(&a.2)))
            .map(|(i, missing, _)| (i, missing))
            .unwrap_or_default()
    }

    /// A credential's short label, falling back to its id.
    pub fn label(&self, id: &CredentialId) -> String {
        self.credential(id)
            .map(|c| c.label.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

impl Rules {
    /// The rules in plain words, for `competency-report rules`.
    pub fn describe(&self, origin: &str) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let c = &self.competency;
        let _ = writeln!(out, "{} competency, {} option", c.name, c.option);
        if !c.source.is_empty() {
            let _ = writeln!(out, "Source: {}", c.source);
        }
        let _ = writeln!(out, "Rules file: {origin}\n");
        for level in Level::ATTAINABLE {
            if let Some(t) = self.threshold(level) {
                let _ = writeln!(
                    out,
                    "{level}: {} active entitlements in mature markets, {} in emerging markets, and {} qualified {}",
                    t.entitlements.mature,
                    t.entitlements.emerging,
                    t.people,
                    if t.people == 1 { "person" } else { "people" }
                );
            }
        }
        let method = match self.method {
            Method::BestWorkload => {
                "per workload, active users summed over customers; the partner's figure is its best workload"
            }
            Method::CustomerMax => "each customer's highest workload, summed over customers",
            Method::Sum => "every counted row added together",
        };
        let _ = writeln!(
            out,
            "\nActive entitlements ({}): {method}.",
            self.method.as_str()
        );
        let workloads: Vec<&str> = self.workloads.iter().map(|w| w.as_str()).collect();
        let _ = writeln!(out, "Counted workloads: {}.", workloads.join(", "));
        let skus: Vec<&str> = self.skus.iter().map(|s| s.label()).collect();
        let _ = writeln!(
            out,
            "Counted SKU types: {} (everything else, trials included, never counts).",
            skus.join(", ")
        );
        let assoc: Vec<&str> = self.associations.iter().map(|a| a.label()).collect();
        let _ = writeln!(
            out,
            "A customer counts only where the partner is: {}.",
            assoc.join(", ")
        );
        let _ = writeln!(out, "\nA person qualifies with:");
        for q in &self.qualifications {
            let all: Vec<String> = q
                .all_of
                .iter()
                .map(|c| self.describe_credential(c))
                .collect();
            let any: Vec<String> = q
                .any_of
                .iter()
                .map(|c| self.describe_credential(c))
                .collect();
            let mut line = String::new();
            if !all.is_empty() {
                line.push_str(&format!("all of: {}", all.join("; ")));
            }
            if !any.is_empty() {
                if !line.is_empty() {
                    line.push_str(", and ");
                }
                line.push_str(&format!("one of: {}", any.join("; ")));
            }
            let _ = writeln!(out, "  - {line}");
        }
        let _ = writeln!(
            out,
            "People are counted once each, and for one partner only."
        );
        let _ = writeln!(
            out,
            "\nMarket: an explicit Market value wins; otherwise a country on the emerging-markets list ({} entries) is emerging; otherwise mature.",
            self.emerging_countries.len()
        );
        out
    }

    fn describe_credential(&self, id: &CredentialId) -> String {
        self.credential(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::default_rules().expect("the shipped rules are valid")
    }

    fn held(ids: &[&str]) -> BTreeSet<CredentialId> {
        ids.iter().map(|i| CredentialId::new(i)).collect()
    }

    #[test]
    fn alerts_default_to_five_percent_and_are_checked() {
        assert_eq!(rules().alerts.at_risk_margin, 0.05);
        let without = DEFAULT_RULES.replace("[alerts]\nat_risk_margin = 0.05\n", "");
        assert!(!without.contains("[alerts]"));
        let parsed = Rules::parse(&without, "test").expect("alerts are optional");
        assert_eq!(parsed.alerts, Alerts::default());
        let ten = DEFAULT_RULES.replace("at_risk_margin = 0.05", "at_risk_margin = 0.1");
        assert_eq!(Rules::parse(&ten, "t").unwrap().alerts.at_risk_margin, 0.1);
        let bad = DEFAULT_RULES.replace("at_risk_margin = 0.05", "at_risk_margin = 5.0");
        let err = Rules::parse(&bad, "t").unwrap_err().to_string();
        assert!(err.contains("at_risk_margin"), "{err}");
    }

    #[test]
    fn shipped_rules_carry_the_published_thresholds() {
        let r = rules();
        assert_eq!(r.method, Method::BestWorkload);
        let silver = r.threshold(Level::Silver).unwrap();
        let gold = r.threshold(Level::Gold).unwrap();
        assert_eq!(silver.entitlements.mature, 2000);
        assert_eq!(silver.entitlements.emerging, 1000);
        assert_eq!(silver.people, 1);
        assert_eq!(gold.entitlements.get(Market::Mature), 4000);
        assert_eq!(gold.entitlements.get(Market::Emerging), 4000);
        assert_eq!(gold.people, 2);
        assert!(r.associations.contains(&Association::FastTrackPartner));
        assert!(!r.associations.contains(&Association::None));
        assert!(!r.skus.contains(&Sku::Trial));
        assert_eq!(r.workloads.len(), 5);
    }

    #[test]
    fn workloads_match_by_alias_and_others_do_not() {
        let r = rules();
        assert_eq!(
            r.workload("exchange online").unwrap().as_str(),
            "Exchange Online"
        );
        assert_eq!(r.workload("EXO").unwrap().as_str(), "Exchange Online");
        assert_eq!(
            r.workload("Office 365 ProPlus").unwrap().as_str(),
            "Office 365 ProPlus"
        );
        assert_eq!(
            r.workload("Skype for Business").unwrap().as_str(),
            "Skype for Business"
        );
        assert!(r.workload("Microsoft Teams").is_none());
        assert!(r.workload("Dynamics 365").is_none());
    }

    #[test]
    fn credentials_are_recognised_from_their_text() {
        let r = rules();
        assert_eq!(
            r.credentials_in("Exam 70-346: Managing Office 365 Identities and Requirements"),
            vec![CredentialId::new("70-346")]
        );
        assert_eq!(r.credentials_in("70347"), vec![CredentialId::new("70-347")]);
        assert_eq!(
            r.credentials_in("MCSA Office 365"),
            vec![CredentialId::new("mcsa-office-365")]
        );
        assert_eq!(
            r.credentials_in("MCSA: Office 365"),
            vec![CredentialId::new("mcsa-office-365")]
        );
        assert!(r.credentials_in("Exam 70-533: Azure").is_empty());
        assert!(r.credentials_in("MCSA: Windows Server 2016").is_empty());
    }

    #[test]
    fn a_person_qualifies_by_both_exams_or_the_mcsa() {
        let r = rules();
        assert!(r.qualifies(&held(&["70-346", "70-347"])));
        assert!(r.qualifies(&held(&["mcsa-office-365"])));
        assert!(!r.qualifies(&held(&["70-346"])));
        assert!(!r.qualifies(&held(&[])));
        let (_, missing) = r.closest_route(&held(&["70-346"]));
        assert_eq!(missing, vec![CredentialId::new("70-347")]);
    }

    #[test]
    fn emerging_markets_come_from_the_country_list() {
        let r = rules();
        assert_eq!(r.market_of_country(Some("Nigeria")), Market::Emerging);
        assert_eq!(r.market_of_country(Some("indien")), Market::Emerging);
        assert_eq!(r.market_of_country(Some("IN")), Market::Emerging);
        assert_eq!(r.market_of_country(Some("Germany")), Market::Mature);
        assert_eq!(r.market_of_country(Some("N/A")), Market::Mature);
        assert_eq!(r.market_of_country(None), Market::Mature);
    }

    #[test]
    fn inconsistent_rules_are_refused_with_a_reason() {
        let broken =
            DEFAULT_RULES.replace("all_of = [\"70-346\", \"70-347\"]", "all_of = [\"70-999\"]");
        let err = Rules::parse(&broken, "x.toml").unwrap_err().to_string();
        assert!(err.contains("70-999"), "{err}");

        let broken = DEFAULT_RULES.replace("mature = 4000", "mature = 10");
        let err = Rules::parse(&broken, "x.toml").unwrap_err().to_string();
        assert!(err.contains("fewer mature entitlements"), "{err}");

        let broken = DEFAULT_RULES.replace("method = \"best-workload\"", "method = \"average\"");
        let err = Rules::parse(&broken, "x.toml").unwrap_err().to_string();
        assert!(err.contains("x.toml") && err.contains("average"), "{err}");

        let broken = DEFAULT_RULES.replace("\"fast-track-partner\",", "\"reseller\",");
        assert!(Rules::parse(&broken, "x.toml").is_err());
    }

    #[test]
    fn the_description_names_thresholds_and_routes() {
        let text = rules().describe("built-in");
        assert!(text.contains("Silver: 2000 active entitlements in mature markets, 1000 in emerging markets, and 1 qualified person"), "{text}");
        assert!(text.contains("Gold: 4000"), "{text}");
        assert!(
            text.contains(
                "Exam 70-346: Managing Office 365 Identities and Requirements; Exam 70-347"
            ),
            "{text}"
        );
        assert!(text.contains("Fast Track Partner"), "{text}");
    }
}
