//! The rule sets embedded in the binary, and finding one by name or path.

use std::fmt;
use std::path::{Path, PathBuf};

use super::RulesError;

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
        "solutions-partner-business-applications",
        include_str!("../../templates/solutions-partner-business-applications.toml"),
    ),
    (
        "solutions-partner-data-ai",
        include_str!("../../templates/solutions-partner-data-ai.toml"),
    ),
    (
        "solutions-partner-digital-app-innovation",
        include_str!("../../templates/solutions-partner-digital-app-innovation.toml"),
    ),
    (
        "solutions-partner-infrastructure",
        include_str!("../../templates/solutions-partner-infrastructure.toml"),
    ),
    (
        "solutions-partner-modern-work",
        include_str!("../../templates/solutions-partner-modern-work.toml"),
    ),
    (
        "solutions-partner-security",
        include_str!("../../templates/solutions-partner-security.toml"),
    ),
];

/// A rules file's text, by `--rules`: a rules file (an existing path wins)
/// or a shipped rule set by name (`.toml` optional, any case).
pub(crate) fn text_of(spec: &Path) -> Result<(String, RulesOrigin), RulesError> {
    if spec.is_file() {
        let text = super::file::read(spec)?;
        return Ok((text, RulesOrigin::File(spec.to_path_buf())));
    }
    let (name, text) = find(&spec.to_string_lossy())?;
    Ok((text.to_string(), RulesOrigin::Shipped(name)))
}

/// A shipped rule set by name (`.toml` optional, any case): its name as
/// shipped and its text.
pub(crate) fn find(name: &str) -> Result<(&'static str, &'static str), RulesError> {
    let stem = name.strip_suffix(".toml").unwrap_or(name);
    SHIPPED
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(stem))
        .copied()
        .ok_or_else(|| RulesError::Unknown {
            name: name.to_string(),
            known: SHIPPED.iter().map(|(n, _)| n.to_string()).collect(),
        })
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
