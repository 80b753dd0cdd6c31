//! The rule sets embedded in the binary, and finding one by name or path.

use std::fmt;
use std::path::{Path, PathBuf};

use super::{Rules, RulesError};

/// The Cloud Productivity rules shipped with the tool.
pub(crate) const DEFAULT_RULES: &str = include_str!("../../templates/cloud-productivity.toml");

/// The name of the rule set used when no `--rules` is given.
pub(crate) const DEFAULT_NAME: &str = "cloud-productivity";

/// The rule sets shipped in the binary: (name, TOML text). The name is the
/// file stem under `templates/`, which is what `--rules NAME` accepts.
pub(crate) const SHIPPED: &[(&str, &str)] = &[
    (DEFAULT_NAME, DEFAULT_RULES),
    (
        "enterprise-mobility-management-enterprise",
        include_str!("../../templates/enterprise-mobility-management-enterprise.toml"),
    ),
    (
        "enterprise-mobility-management-smb",
        include_str!("../../templates/enterprise-mobility-management-smb.toml"),
    ),
    (
        "solutions-partner-modern-work",
        include_str!("../../templates/solutions-partner-modern-work.toml"),
    ),
];

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
    /// Whether it is scored in points (a designation) rather than by levels.
    pub points: bool,
}

impl Rules {
    /// The embedded Cloud Productivity rules.
    pub fn default_rules() -> Result<Rules, RulesError> {
        Rules::shipped(DEFAULT_NAME)
    }

    /// A shipped rule set by name (`enterprise-mobility-management-smb`;
    /// case is ignored and a trailing `.toml` is allowed).
    pub fn shipped(name: &str) -> Result<Rules, RulesError> {
        Rules::shipped_with_origin(name).map(|(rules, _)| rules)
    }

    /// Every shipped rule set, in `SHIPPED` order.
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
                    points: rules.scoring.is_some(),
                })
            })
            .collect()
    }

    /// What `--rules` names: an existing file wins (so a local file is never
    /// shadowed by a shipped name); otherwise a shipped rule set by name.
    /// Returns the rules and where they came from, for the report.
    pub(crate) fn load(spec: &Path) -> Result<(Rules, RulesOrigin), RulesError> {
        if spec.is_file() {
            let rules = Rules::from_path(spec)?;
            return Ok((rules, RulesOrigin::File(spec.to_path_buf())));
        }
        Rules::shipped_with_origin(&spec.to_string_lossy())
    }

    /// A shipped rule set by name, with where it came from, for the report.
    pub(crate) fn shipped_with_origin(name: &str) -> Result<(Rules, RulesOrigin), RulesError> {
        let stem = name.strip_suffix(".toml").unwrap_or(name);
        let Some((name, text)) = SHIPPED.iter().find(|(n, _)| n.eq_ignore_ascii_case(stem)) else {
            return Err(RulesError::Unknown {
                name: name.to_string(),
                known: SHIPPED.iter().map(|(n, _)| n.to_string()).collect(),
            });
        };
        let origin = RulesOrigin::Shipped(name);
        Ok((Rules::parse(text, &origin.to_string())?, origin))
    }
}

/// Where the rules in force came from: named on `Run info` (in the report's
/// language) and on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesOrigin {
    /// A rule set shipped in the binary, by its name under `templates/`.
    Shipped(&'static str),
    /// A rules file the user named.
    File(PathBuf),
}

/// In English, for the command line and error messages; the report words it
/// through its text tables.
impl fmt::Display for RulesOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RulesOrigin::Shipped(name) => write!(f, "built-in {name} (templates/{name}.toml)"),
            RulesOrigin::File(path) => write!(f, "{}", path.display()),
        }
    }
}
