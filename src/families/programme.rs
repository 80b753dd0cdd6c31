//! Several rule sets in one run: `--rules` given more than once, or a
//! programme file naming them. A programme file is a TOML file with one
//! table, `[programme]`:
//!
//! ```toml
//! [programme]
//! name = "Solutions Partner designations"
//! rules = ["solutions-partner-modern-work", "my-rules/business-apps.toml"]
//! ```
//!
//! Each entry is a shipped rule set by name or a rules file (a path
//! relative to the programme file, or as given). The report shows them in
//! this order: a Summary column and a sheet each.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::AnyRuleSet;
use crate::rules::{self, RulesError, RulesOrigin};

/// The table that makes a file a programme file.
pub(crate) const KEY: &str = "programme";

/// One rule set of a programme, with where it came from.
#[derive(Debug, Clone)]
pub struct Member {
    /// The rules.
    pub set: AnyRuleSet,
    /// Where they came from.
    pub origin: RulesOrigin,
    /// The rule set's name in the JSON summary and the programme's
    /// settings: the shipped name, or the rules file's stem
    /// (`solutions-partner-data-ai`).
    pub key: String,
}

/// Several rule sets evaluated on the same inputs, reported together.
#[derive(Debug, Clone)]
pub struct Programme {
    /// What the programme is called: the programme file's `name`, else the
    /// rule sets' short names joined.
    pub name: String,
    /// Where it came from: the programme file, or the `--rules` given.
    pub origin: String,
    /// The rule sets, in the report's order.
    pub members: Vec<Member>,
}

/// What `--rules` loaded: one rule set (every run before programmes), or
/// several. Made once per run, so its size does not matter.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Loaded {
    /// One rule set.
    One(AnyRuleSet, RulesOrigin),
    /// Several, reported together.
    Several(Programme),
}

/// A programme file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeFile {
    programme: ProgrammeTable,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgrammeTable {
    name: Option<String>,
    rules: Vec<String>,
}

impl Loaded {
    /// Loads what `--rules` names: nothing (the built-in Cloud Productivity
    /// rules), one rule set, a programme file, or several of these, which
    /// are then reported together.
    pub fn load(specs: &[PathBuf]) -> Result<Loaded, RulesError> {
        if specs.is_empty() {
            let (set, origin) = AnyRuleSet::load(None)?;
            return Ok(Loaded::One(set, origin));
        }
        let mut members = Vec::new();
        let mut name = None;
        for spec in specs {
            let (text, origin) = rules::text_of(spec)?;
            let shown = origin.to_string();
            if rules::top_level_keys(&text, &shown)?
                .iter()
                .any(|k| k == KEY)
            {
                let (file_name, listed) = programme_members(&text, &origin, &shown)?;
                // The file's name names the run only when it is all the run has.
                name = (specs.len() == 1).then_some(file_name).flatten();
                members.extend(listed);
            } else {
                let set = AnyRuleSet::parse(&text, &shown)?;
                members.push(member(set, origin));
            }
        }
        check_distinct(&members)?;
        if members.len() == 1 && name.is_none() {
            let Member { set, origin, .. } = members.remove(0);
            return Ok(Loaded::One(set, origin));
        }
        let origin = specs
            .iter()
            .map(|s| s.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let name = name.unwrap_or_else(|| {
            members
                .iter()
                .map(|m| {
                    let c = &m.set.rules().competency;
                    c.short_name.clone().unwrap_or_else(|| c.name.clone())
                })
                .collect::<Vec<_>>()
                .join(", ")
        });
        Ok(Loaded::Several(Programme {
            name,
            origin,
            members,
        }))
    }
}

/// The rule sets a programme file lists, and its name.
fn programme_members(
    text: &str,
    origin: &RulesOrigin,
    shown: &str,
) -> Result<(Option<String>, Vec<Member>), RulesError> {
    let file: ProgrammeFile = toml::from_str(text).map_err(|e| RulesError::Syntax {
        path: shown.to_string(),
        message: e.to_string(),
    })?;
    let table = file.programme;
    if table.rules.is_empty() {
        return Err(RulesError::Syntax {
            path: shown.to_string(),
            message:
                "[programme] rules is empty: list the rule sets it holds, by shipped name or file"
                    .into(),
        });
    }
    // Entries are relative to the programme file, as a reader of it expects.
    let dir = match origin {
        RulesOrigin::File(path) => path.parent().map(Path::to_path_buf),
        RulesOrigin::Shipped(_) => None,
    };
    let mut members = Vec::new();
    for entry in &table.rules {
        let beside = dir.as_ref().map(|d| d.join(entry)).filter(|p| p.is_file());
        let spec = beside.unwrap_or_else(|| PathBuf::from(entry));
        let (text, origin) = rules::text_of(&spec)?;
        let shown = origin.to_string();
        if rules::top_level_keys(&text, &shown)?
            .iter()
            .any(|k| k == KEY)
        {
            return Err(RulesError::Syntax {
                path: shown,
                message: "is a programme file inside a programme: list its rule sets instead"
                    .into(),
            });
        }
        members.push(member(AnyRuleSet::parse(&text, &shown)?, origin));
    }
    Ok((table.name, members))
}

fn member(set: AnyRuleSet, origin: RulesOrigin) -> Member {
    let key = match &origin {
        RulesOrigin::Shipped(name) => (*name).to_string(),
        RulesOrigin::File(path) => path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().into_owned(),
        ),
    };
    Member { set, origin, key }
}

/// Two rule sets of one name, or of one designation, would be two columns
/// nobody could tell apart.
fn check_distinct(members: &[Member]) -> Result<(), RulesError> {
    let mut keys = BTreeSet::new();
    let mut names = BTreeSet::new();
    for m in members {
        let name = &m.set.rules().competency.name;
        if !keys.insert(m.key.to_lowercase()) || !names.insert(name.clone()) {
            return Err(RulesError::Syntax {
                path: m.origin.to_string(),
                message: format!(
                    "'{}' ({name}) is named twice in --rules: each rule set once",
                    m.key
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn one_rules_flag_is_one_rule_set_as_before() {
        let loaded = Loaded::load(&[PathBuf::from("solutions-partner-modern-work")]).unwrap();
        assert!(matches!(loaded, Loaded::One(AnyRuleSet::Points(_), _)));
        assert!(matches!(
            Loaded::load(&[]).unwrap(),
            Loaded::One(AnyRuleSet::Levels(_), _)
        ));
    }

    #[test]
    fn several_rules_flags_are_a_programme_in_their_order() {
        let loaded = Loaded::load(&[
            PathBuf::from("solutions-partner-modern-work"),
            PathBuf::from("solutions-partner-business-applications"),
        ])
        .unwrap();
        let Loaded::Several(p) = loaded else {
            panic!("one rule set")
        };
        let keys: Vec<&str> = p.members.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "solutions-partner-modern-work",
                "solutions-partner-business-applications"
            ]
        );
        assert!(p.name.contains("Modern Work"), "{}", p.name);
    }

    #[test]
    fn a_programme_file_names_rule_sets_beside_it_or_shipped() {
        let dir = tempfile::tempdir().unwrap();
        let own = rules::find("solutions-partner-business-applications")
            .unwrap()
            .1;
        write(dir.path(), "bizapps.toml", own);
        let file = write(
            dir.path(),
            "programme.toml",
            "[programme]\nname = \"Our designations\"\nrules = [\"solutions-partner-modern-work\", \"bizapps.toml\"]\n",
        );
        let Loaded::Several(p) = Loaded::load(&[file]).unwrap() else {
            panic!("one rule set")
        };
        assert_eq!(p.name, "Our designations");
        assert_eq!(p.members[1].key, "bizapps");
        assert!(matches!(p.members[1].origin, RulesOrigin::File(_)));
    }

    #[test]
    fn a_rule_set_named_twice_or_an_empty_programme_is_refused() {
        let twice = Loaded::load(&[
            PathBuf::from("solutions-partner-modern-work"),
            PathBuf::from("Solutions-Partner-Modern-Work.toml"),
        ])
        .unwrap_err()
        .to_string();
        assert!(twice.contains("named twice"), "{twice}");
        let dir = tempfile::tempdir().unwrap();
        let empty = write(dir.path(), "p.toml", "[programme]\nrules = []\n");
        let e = Loaded::load(&[empty]).unwrap_err().to_string();
        assert!(e.contains("rules is empty"), "{e}");
        let nested = write(dir.path(), "q.toml", "[programme]\nrules = [\"p.toml\"]\n");
        let e = Loaded::load(&[nested]).unwrap_err().to_string();
        assert!(e.contains("programme file inside a programme"), "{e}");
    }
}
