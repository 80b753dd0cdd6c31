//! The rules file: what a competency asks for, read from TOML and validated
//! once into plain data the evaluation can use without further checks.
//!
//! Every rule set in `templates/` is embedded in the binary ([`SHIPPED`]) and
//! can be picked by name (`--rules enterprise-mobility-management-smb`); the
//! default is `cloud-productivity`. `--rules FILE` reads any other file of
//! the same format.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use chrono::{Months, NaiveDate};
use serde::Deserialize;

use crate::model::{Association, CredentialId, Level, Market, Sku, Workload, fold};

/// The Cloud Productivity rules shipped with the tool.
pub const DEFAULT_RULES: &str = include_str!("../templates/cloud-productivity.toml");

/// The name of the rule set used when no `--rules` is given.
pub const DEFAULT_NAME: &str = "cloud-productivity";

/// The rule sets shipped in the binary: (name, TOML text). The name is the
/// file stem under `templates/`, which is what `--rules NAME` accepts.
pub const SHIPPED: &[(&str, &str)] = &[
    (DEFAULT_NAME, DEFAULT_RULES),
    (
        "enterprise-mobility-management-enterprise",
        include_str!("../templates/enterprise-mobility-management-enterprise.toml"),
    ),
    (
        "enterprise-mobility-management-smb",
        include_str!("../templates/enterprise-mobility-management-smb.toml"),
    ),
];

/// The months a customer counts as new for when the rules file does not say.
const DEFAULT_NEW_CUSTOMER_WINDOW_MONTHS: u32 = 12;

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
    /// `--rules` named neither an existing file nor a shipped rule set.
    #[error(
        "'{name}' is neither a rules file nor a shipped rule set (shipped: {}; `competency-report rules --list` describes them)",
        known.join(", ")
    )]
    Unknown {
        /// What was given.
        name: String,
        /// The shipped names.
        known: Vec<String>,
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

/// What a person still lacks on one qualification route.
///
/// The two parts are kept apart because they read differently: every one of
/// `all_of` is needed, but only one of `one_of` ("needs 70-347" against
/// "needs one of MDM, Information Protection or Cloud App Security").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lacking {
    /// Credentials of the route's `all_of` the person does not hold.
    pub all_of: Vec<CredentialId>,
    /// The route's `any_of`, when the person holds none of it (any one will do).
    pub one_of: Vec<CredentialId>,
}

impl Lacking {
    /// Whether nothing is lacking (the person qualifies on this route).
    pub fn is_empty(&self) -> bool {
        self.all_of.is_empty() && self.one_of.is_empty()
    }

    /// How many more credentials the person must pass: an unmet `one_of`
    /// is one credential, however many it offers.
    pub fn count(&self) -> usize {
        self.all_of.len() + usize::from(!self.one_of.is_empty())
    }
}

impl Qualification {
    /// What a person holding `held` still lacks on this route (empty: qualified).
    pub fn missing(&self, held: &BTreeSet<CredentialId>) -> Lacking {
        let all_of = self
            .all_of
            .iter()
            .filter(|c| !held.contains(*c))
            .cloned()
            .collect();
        let one_of = if self.any_of.iter().any(|c| held.contains(c)) {
            Vec::new()
        } else {
            self.any_of.clone()
        };
        Lacking { all_of, one_of }
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
    /// New customers needed: customers first added within the rules' window
    /// before the as-of date. 0 (the default) when the level asks for none.
    #[serde(default)]
    pub new_customers: u32,
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
    /// How many months before the as-of date a customer added counts as new.
    pub new_customer_window_months: u32,
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
    #[serde(default = "default_window")]
    new_customer_window_months: u32,
}

fn default_window() -> u32 {
    DEFAULT_NEW_CUSTOMER_WINDOW_MONTHS
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

/// A shipped rule set, for `competency-report rules --list`.
#[derive(Debug, Clone)]
pub struct ShippedRules {
    /// The name `--rules` accepts (the file stem under `templates/`).
    pub name: &'static str,
    /// The competency it describes.
    pub competency: String,
    /// The option within the competency.
    pub option: String,
    /// Whether it is the default.
    pub default: bool,
}

impl Rules {
    /// The embedded Cloud Productivity rules.
    pub fn default_rules() -> Result<Rules, RulesError> {
        Rules::shipped(DEFAULT_NAME)
    }

    /// A shipped rule set by name (`enterprise-mobility-management-smb`;
    /// case is ignored and a trailing `.toml` is allowed).
    pub fn shipped(name: &str) -> Result<Rules, RulesError> {
        let stem = name.strip_suffix(".toml").unwrap_or(name);
        match SHIPPED.iter().find(|(n, _)| n.eq_ignore_ascii_case(stem)) {
            Some((n, text)) => Rules::parse(text, &shipped_origin(n)),
            None => Err(RulesError::Unknown {
                name: name.to_string(),
                known: SHIPPED.iter().map(|(n, _)| n.to_string()).collect(),
            }),
        }
    }

    /// Every shipped rule set, in [`SHIPPED`] order.
    pub fn shipped_list() -> Result<Vec<ShippedRules>, RulesError> {
        SHIPPED
            .iter()
            .map(|(name, _)| {
                let rules = Rules::shipped(name)?;
                Ok(ShippedRules {
                    name,
                    competency: rules.competency.name,
                    option: rules.competency.option,
                    default: *name == DEFAULT_NAME,
                })
            })
            .collect()
    }

    /// What `--rules` names: an existing file wins (so a local file is never
    /// shadowed by a shipped name); otherwise a shipped rule set by name.
    /// Returns the rules and where they came from, for the report.
    pub fn load(spec: &Path) -> Result<(Rules, String), RulesError> {
        if spec.is_file() {
            return Ok((Rules::from_path(spec)?, spec.display().to_string()));
        }
        Rules::shipped_with_origin(&spec.to_string_lossy())
    }

    /// A shipped rule set by name, with where it came from, for the report.
    pub fn shipped_with_origin(name: &str) -> Result<(Rules, String), RulesError> {
        let rules = Rules::shipped(name)?;
        let stem = name.strip_suffix(".toml").unwrap_or(name).to_lowercase();
        Ok((rules, shipped_origin(&stem)))
    }

    /// Whether any threshold differs between mature and emerging markets.
    pub fn has_market_split(&self) -> bool {
        self.levels
            .values()
            .any(|t| t.entitlements.mature != t.entitlements.emerging)
    }

    /// Whether any level asks for new customers (so inputs need a date column).
    pub fn counts_new_customers(&self) -> bool {
        self.levels.values().any(|t| t.new_customers > 0)
    }

    /// Whether a customer first added on `added` is new as of `as_of`: added
    /// within the window, that is after the same day `window` months before
    /// and not after the as-of date. With a 12-month window and an as-of
    /// date of 2017-09-30, 2016-10-01 is new and 2016-09-30 is not.
    pub fn is_new_customer(&self, added: NaiveDate, as_of: NaiveDate) -> bool {
        // A window reaching before the calendar's start covers everything.
        let start = as_of.checked_sub_months(Months::new(self.new_customer_window_months));
        added <= as_of && start.is_none_or(|s| added > s)
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
        // New customers are deliberately not checked the same way: the
        // published Enterprise Mobility Management SMB option asks Silver
        // for 20 and Gold for 5.
        if file.entitlements.new_customer_window_months == 0 {
            return Err(invalid(
                "[entitlements] new_customer_window_months must be at least 1".into(),
            ));
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
            new_customer_window_months: file.entitlements.new_customer_window_months,
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
    /// Closest means fewest credentials missing (an unmet "one of" counts as
    /// one); ties go to the route the person has made most progress on, then
    /// to the rules file's order.
    pub fn closest_route(&self, held: &BTreeSet<CredentialId>) -> (usize, Lacking) {
        self.qualifications
            .iter()
            .enumerate()
            .map(|(i, q)| (i, q.missing(held), q.progress(held)))
            .min_by(|a, b| a.1.count().cmp(&b.1.count()).then(b.2.cmp(&a.2)))
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

fn shipped_origin(name: &str) -> String {
    format!("built-in {name} (templates/{name}.toml)")
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
                let new = if t.new_customers > 0 {
                    format!(
                        "{} new {} (added within {} months of the as-of date), ",
                        t.new_customers,
                        if t.new_customers == 1 {
                            "customer"
                        } else {
                            "customers"
                        },
                        self.new_customer_window_months
                    )
                } else {
                    String::new()
                };
                let entitlements = if self.has_market_split() {
                    format!(
                        "{} active entitlements in mature markets, {} in emerging markets",
                        t.entitlements.mature, t.entitlements.emerging
                    )
                } else {
                    format!("{} active entitlements", t.entitlements.mature)
                };
                let _ = writeln!(
                    out,
                    "{level}: {new}{entitlements}, and {} qualified {}",
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
            Method::Sum => "every counted row added together (seats over all counted workloads)",
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
        if self.counts_new_customers() {
            let _ = writeln!(
                out,
                "\nNew customers: distinct counted customers (at least one counted seat) whose earliest Customer Since date on a counted row lies within the {} months up to the as-of date (the same day {0} months before is outside); a customer with no date is not new.",
                self.new_customer_window_months
            );
        }
        if self.has_market_split() {
            let _ = writeln!(
                out,
                "\nMarket: an explicit Market value wins; otherwise a country on the emerging-markets list ({} entries) is emerging; otherwise mature.",
                self.emerging_countries.len()
            );
        } else {
            let _ = writeln!(
                out,
                "\nMarket: the thresholds are the same in every market."
            );
        }
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
        assert_eq!(missing.all_of, vec![CredentialId::new("70-347")]);
        assert!(missing.one_of.is_empty());
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

    fn emm(option: &str) -> Rules {
        Rules::shipped(&format!("enterprise-mobility-management-{option}"))
            .expect("the shipped EMM rules are valid")
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
    }

    #[test]
    fn every_shipped_rule_set_is_valid_and_listed() {
        let list = Rules::shipped_list().expect("all shipped rules parse");
        let names: Vec<&str> = list.iter().map(|s| s.name).collect();
        assert_eq!(
            names,
            [
                "cloud-productivity",
                "enterprise-mobility-management-enterprise",
                "enterprise-mobility-management-smb"
            ]
        );
        assert!(list[0].default && !list[1].default);
        assert_eq!(list[1].competency, "Enterprise Mobility Management");
        assert_eq!(list[1].option, "Enterprise Partner");
        assert_eq!(list[2].option, "SMB Partner");
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
        assert_eq!(r.competency.name, "Enterprise Mobility Management");
        assert_eq!(r.method, Method::Sum);
        let (silver, gold) = (r.levels[&Level::Silver], r.levels[&Level::Gold]);
        assert_eq!((silver.new_customers, silver.people), (3, 2));
        assert_eq!((gold.new_customers, gold.people), (5, 4));
        for market in [Market::Mature, Market::Emerging] {
            assert_eq!(silver.entitlements.get(market), 500);
            assert_eq!(gold.entitlements.get(market), 4000);
        }
        assert_eq!(r.new_customer_window_months, 12);
        assert!(r.counts_new_customers());
        assert!(r.associations.contains(&Association::FastTrackPartner));
        assert_eq!(r.associations.len(), 4);
        assert_eq!(r.skus.iter().collect::<Vec<_>>(), [&Sku::Paid]);
        assert!(r.emerging_countries.is_empty());
    }

    #[test]
    fn emm_smb_carries_the_published_thresholds_even_where_odd() {
        let r = emm("smb");
        assert_eq!(r.competency.option, "SMB Partner");
        let (silver, gold) = (r.levels[&Level::Silver], r.levels[&Level::Gold]);
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
        assert!(!r.counts_new_customers());
        assert_eq!(r.levels[&Level::Gold].new_customers, 0);
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
            assert_eq!(r.workload(raw).map(|w| w.to_string()), Some(name.into()));
        }
        assert!(r.workload("Exchange Online").is_none());
        let id = CredentialId::new;
        assert_eq!(
            r.credentials_in("Technical Assessment for Enterprise Mobility Suite Overview"),
            vec![id("ems-overview")]
        );
        assert_eq!(
            r.credentials_in("Technical Assessment for Identity & Access Management"),
            vec![id("identity-access-management")]
        );
        assert_eq!(
            r.credentials_in("Identity and Access Management"),
            vec![id("identity-access-management")]
        );
        assert_eq!(
            r.credentials_in("Technical Assessment for Mobile Device Management"),
            vec![id("mdm")]
        );
        assert_eq!(
            r.credentials_in("Technical Assessment for Cloud App Security"),
            vec![id("cloud-app-security")]
        );
        assert!(r.credentials_in("Exam 70-346").is_empty());
    }

    #[test]
    fn the_overview_and_one_of_the_others_qualify_by_the_same_person() {
        let r = emm("enterprise");
        assert!(r.qualifies(&held(&["ems-overview", "mdm"])));
        assert!(r.qualifies(&held(&["ems-overview", "cloud-app-security", "mdm"])));
        assert!(!r.qualifies(&held(&["ems-overview"])));
        assert!(!r.qualifies(&held(&["mdm", "information-protection"])));

        let q = &r.qualifications[0];
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
        let (route, lacking) = r.closest_route(&held(&[]));
        assert_eq!((route, lacking.count()), (0, 2));
        assert!(q.missing(&held(&["ems-overview", "mdm"])).is_empty());
    }

    #[test]
    fn the_new_customer_window_is_the_twelve_months_up_to_the_as_of_date() {
        let r = emm("smb");
        let as_of = date(2017, 9, 30);
        assert!(r.is_new_customer(as_of, as_of));
        assert!(r.is_new_customer(date(2016, 10, 1), as_of));
        // Exactly twelve months before is outside: the window is 12 months long.
        assert!(!r.is_new_customer(date(2016, 9, 30), as_of));
        assert!(!r.is_new_customer(date(2015, 1, 1), as_of));
        // Added after the as-of date: not yet a customer on that date.
        assert!(!r.is_new_customer(date(2017, 10, 1), as_of));
        // Month arithmetic clamps at the month's end: 2016-02-29 less 12 months.
        let leap = date(2016, 2, 29);
        assert!(!r.is_new_customer(date(2015, 2, 28), leap));
        assert!(r.is_new_customer(date(2015, 3, 1), leap));

        let mut six = r.clone();
        six.new_customer_window_months = 6;
        assert!(!six.is_new_customer(date(2017, 3, 30), as_of));
        assert!(six.is_new_customer(date(2017, 3, 31), as_of));
    }

    #[test]
    fn rules_are_loaded_by_name_or_by_file_and_unknown_names_are_listed() {
        let (r, origin) =
            Rules::load(Path::new("enterprise-mobility-management-smb")).expect("a shipped name");
        assert_eq!(r.competency.option, "SMB Partner");
        assert!(
            origin.contains("enterprise-mobility-management-smb"),
            "{origin}"
        );
        assert!(Rules::load(Path::new("cloud-productivity.toml")).is_ok());
        let (_, origin) = Rules::load(Path::new("Enterprise-Mobility-Management-SMB"))
            .expect("names match ignoring case");
        assert_eq!(
            origin,
            "built-in enterprise-mobility-management-smb (templates/enterprise-mobility-management-smb.toml)"
        );

        let err = Rules::load(Path::new("enterprise-mobility"))
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
        let (r, origin) = Rules::load(&path).expect("the file");
        assert_eq!(r.levels[&Level::Gold].people, 3);
        assert_eq!(origin, path.display().to_string());
    }

    #[test]
    fn new_customer_settings_are_optional_and_checked() {
        let text = SHIPPED[2].1;
        let zero = text.replace(
            "new_customer_window_months = 12",
            "new_customer_window_months = 0",
        );
        let err = Rules::parse(&zero, "x.toml").unwrap_err().to_string();
        assert!(err.contains("new_customer_window_months"), "{err}");
        let without = text.replace("new_customer_window_months = 12", "");
        assert_eq!(
            Rules::parse(&without, "x.toml")
                .expect("the window defaults")
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
}
