//! Month over month: the latest earlier report in the reports folder, read
//! back from its `Summary` sheet, compared partner by partner with this
//! run; and the partners at risk of losing their level.
//!
//! The earlier report is read by header name, not by column position, so a
//! report whose columns were rearranged (or translated) still compares.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::evaluate::{Evaluation, PartnerResult};
use crate::input::discover::REPORT_PREFIX;
use crate::input::value::{self, Value};
use crate::input::workbook::{Limits, Workbook};
use crate::model::{Level, PartnerId, fold};
use crate::rules::Rules;
use crate::text;

/// Why an earlier report could not be compared against.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    /// The file could not be opened as a workbook.
    #[error("cannot open the earlier report {path}: {message}")]
    Open {
        /// The report.
        path: String,
        /// Why.
        message: String,
    },
    /// No sheet has the columns a summary has.
    #[error("the earlier report {0} has no Summary sheet with `Partner ID` and `Level` columns")]
    NoSummary(String),
}

/// One partner's figures in an earlier report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousFigures {
    /// Its level then.
    pub level: Level,
    /// Its active entitlements then, if the column was there.
    pub entitlements: Option<u64>,
    /// Its qualified people then, if the column was there.
    pub qualified_people: Option<u64>,
}

/// An earlier report, read back.
#[derive(Debug, Clone)]
pub struct Previous {
    /// The report file.
    pub path: PathBuf,
    /// The date it speaks for.
    pub as_of: NaiveDate,
    /// Its partners.
    pub partners: HashMap<PartnerId, PreviousFigures>,
}

/// How a partner's level moved since the earlier report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Not in the earlier report.
    New,
    /// Now Gold, and was not.
    GainedGold,
    /// Now Silver, was none.
    GainedSilver,
    /// Was Gold, now Silver or none.
    LostGold,
    /// Was Silver, now none.
    LostSilver,
    /// The same level.
    Unchanged,
}

impl Change {
    /// The change from `before` to `now`.
    pub fn between(before: Level, now: Level) -> Change {
        use std::cmp::Ordering::*;
        match now.cmp(&before) {
            Equal => Change::Unchanged,
            Greater if now == Level::Gold => Change::GainedGold,
            Greater => Change::GainedSilver,
            Less if before == Level::Gold => Change::LostGold,
            Less => Change::LostSilver,
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Change::New => "new",
            Change::GainedGold => "gained Gold",
            Change::GainedSilver => "gained Silver",
            Change::LostGold => "lost Gold",
            Change::LostSilver => "lost Silver",
            Change::Unchanged => "unchanged",
        })
    }
}

/// One partner's change since the earlier report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerChange {
    /// How its level moved.
    pub change: Change,
    /// Active entitlements now minus then (`None` for a new partner).
    pub entitlements: Option<i64>,
    /// Qualified people now minus then (`None` for a new partner).
    pub qualified_people: Option<i64>,
}

/// This run compared with the earlier report.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The report compared against.
    pub against: PathBuf,
    /// The date it speaks for.
    pub against_as_of: NaiveDate,
    /// Every partner of this run.
    pub partners: BTreeMap<PartnerId, PartnerChange>,
    /// Partners in the earlier report that this run no longer has.
    pub gone: Vec<PartnerId>,
}

impl Changes {
    /// The change for one partner.
    pub fn get(&self, partner: &PartnerId) -> Option<&PartnerChange> {
        self.partners.get(partner)
    }
}

/// The date (and re-run number) in a report's file name:
/// `competency-report-2017-08-31.xlsx` is (2017-08-31, 1), `...-31-2.xlsx` is 2.
pub fn report_date(name: &str) -> Option<(NaiveDate, u32)> {
    let rest = name.strip_prefix(REPORT_PREFIX)?.strip_suffix(".xlsx")?;
    let date = NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()?;
    let n = match rest.get(10..)? {
        "" => 1,
        suffix => suffix.strip_prefix('-')?.parse().ok()?,
    };
    Some((date, n))
}

/// The latest report in `dir` dated before `as_of` (of several for one
/// date, the last one written, which has the highest number).
pub fn find_previous(dir: &Path, as_of: NaiveDate) -> Option<(PathBuf, NaiveDate)> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let (date, n) = report_date(&name)?;
            (date < as_of).then(|| ((date, n), e.path()))
        })
        .max_by_key(|(key, _)| *key)
        .map(|((date, _), path)| (path, date))
}

/// Which column holds what, found by header name.
#[derive(Debug, Default)]
struct SummaryColumns {
    partner: Option<u32>,
    level: Option<u32>,
    entitlements: Option<u32>,
    people: Option<u32>,
}

impl SummaryColumns {
    fn from_header(cells: &[(u32, Value)]) -> Option<SummaryColumns> {
        let mut cols = SummaryColumns::default();
        for (c, v) in cells {
            let Some(t) = value::text(v) else { continue };
            match fold(&t).as_str() {
                "partnerid" | "mpnid" => cols.partner = Some(*c),
                "level" | "stufe" => cols.level = Some(*c),
                "activeentitlements" | "aktiveberechtigungen" => cols.entitlements = Some(*c),
                "qualifiedpeople" | "qualifiziertepersonen" => cols.people = Some(*c),
                _ => {}
            }
        }
        (cols.partner.is_some() && cols.level.is_some()).then_some(cols)
    }
}

fn parse_level(raw: &str) -> Level {
    match fold(raw).as_str() {
        "gold" => Level::Gold,
        "silver" | "silber" => Level::Silver,
        _ => Level::None,
    }
}

/// The header must be near the top, as the tool writes it; a sheet without
/// one in its first rows is not a summary.
const HEADER_ROWS: u32 = 10;

/// Reads the partners of an earlier report's `Summary` sheet.
pub fn read_previous(path: &Path, as_of: NaiveDate) -> Result<Previous, CompareError> {
    let shown = path.display().to_string();
    let mut book = Workbook::open(path, Limits::default()).map_err(|e| CompareError::Open {
        path: shown.clone(),
        message: e.to_string(),
    })?;
    let mut names: Vec<String> = book
        .sheets()
        .into_iter()
        .filter(|s| s.is_worksheet)
        .map(|s| s.name)
        .collect();
    // `Summary` first; any other sheet only if the summary was renamed.
    if let Some(i) = names.iter().position(|n| n == "Summary") {
        let summary = names.remove(i);
        names.insert(0, summary);
    }
    for name in names {
        let mut columns: Option<SummaryColumns> = None;
        let mut partners = HashMap::new();
        let streamed = book.stream_rows(&name, |r, cells| {
            let Some(cols) = &columns else {
                columns = SummaryColumns::from_header(cells);
                return if columns.is_none() && r >= HEADER_ROWS {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                };
            };
            let cell = |c: Option<u32>| {
                c.and_then(|c| cells.iter().find(|(col, _)| *col == c).map(|(_, v)| v))
            };
            let Some(partner) = cell(cols.partner)
                .and_then(value::text)
                .and_then(|t| PartnerId::parse(&t))
            else {
                return ControlFlow::Continue(());
            };
            // Every partner row names a level (`None` too); the Summary
            // table's total row names none, and is no partner.
            let Some(level) = cell(cols.level).and_then(value::text) else {
                return ControlFlow::Continue(());
            };
            let count = |c| cell(c).and_then(|v| value::count(v).ok().flatten());
            partners.insert(
                partner,
                PreviousFigures {
                    level: parse_level(&level),
                    entitlements: count(cols.entitlements),
                    qualified_people: count(cols.people),
                },
            );
            ControlFlow::Continue(())
        });
        if columns.is_some() {
            streamed.map_err(|message| CompareError::Open {
                path: shown.clone(),
                message,
            })?;
            return Ok(Previous {
                path: path.to_path_buf(),
                as_of,
                partners,
            });
        }
    }
    Err(CompareError::NoSummary(shown))
}

fn delta(now: u64, then: Option<u64>) -> Option<i64> {
    let then = then?;
    Some(i64::try_from(now).unwrap_or(i64::MAX) - i64::try_from(then).unwrap_or(i64::MAX))
}

/// Compares this run's partners with an earlier report's.
pub fn compare(previous: &Previous, evaluation: &Evaluation) -> Changes {
    let partners = evaluation
        .partners
        .iter()
        .map(|p| {
            let change = match previous.partners.get(&p.partner) {
                None => PartnerChange {
                    change: Change::New,
                    entitlements: None,
                    qualified_people: None,
                },
                Some(then) => PartnerChange {
                    change: Change::between(then.level, p.level),
                    entitlements: delta(p.entitlements, then.entitlements),
                    qualified_people: delta(u64::from(p.qualified_people), then.qualified_people),
                },
            };
            (p.partner.clone(), change)
        })
        .collect::<BTreeMap<_, _>>();
    let mut gone: Vec<PartnerId> = previous
        .partners
        .keys()
        .filter(|id| !partners.contains_key(*id))
        .cloned()
        .collect();
    gone.sort();
    Changes {
        against: previous.path.clone(),
        against_as_of: previous.as_of,
        partners,
        gone,
    }
}

/// Why a partner might lose its level soon, if it might: its active
/// entitlements are within the rules' margin above its threshold, or it has
/// exactly the qualified people its level needs.
pub fn at_risk(p: &PartnerResult, rules: &Rules) -> Option<String> {
    let threshold = rules.threshold(p.level)?;
    let margin = rules.alerts.at_risk_margin;
    let needed = threshold.entitlements.get(p.market);
    let mut reasons = Vec::new();
    // Compared in floating point only to apply the fraction; the counts
    // involved are far below where f64 loses whole numbers.
    if (p.entitlements as f64) < needed as f64 * (1.0 + margin) {
        let percent = (margin * 10_000.0).round() / 100.0;
        reasons.push(format!(
            "{} active entitlements are within {percent} % of the {} {} threshold",
            text::thousands(p.entitlements),
            p.level,
            text::thousands(needed)
        ));
    }
    if p.qualified_people == threshold.people {
        reasons.push(format!(
            "relies on exactly the {} qualified {} {} needs",
            threshold.people,
            if threshold.people == 1 {
                "person"
            } else {
                "people"
            },
            p.level
        ));
    }
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Market;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn partner(id: &str, level: Level, entitlements: u64, people: u32) -> PartnerResult {
        PartnerResult {
            partner: PartnerId::parse(id).unwrap(),
            name: None,
            country: None,
            contact_email: None,
            market: Market::Mature,
            level,
            entitlements,
            best_workload: None,
            workload_totals: Vec::new(),
            qualified_people: people,
            new_customers: 0,
            next: None,
            hints: Vec::new(),
        }
    }

    #[test]
    fn level_moves_have_names() {
        use Level::*;
        assert_eq!(Change::between(None, Gold), Change::GainedGold);
        assert_eq!(Change::between(Silver, Gold), Change::GainedGold);
        assert_eq!(Change::between(None, Silver), Change::GainedSilver);
        assert_eq!(Change::between(Gold, Silver), Change::LostGold);
        assert_eq!(Change::between(Gold, None), Change::LostGold);
        assert_eq!(Change::between(Silver, None), Change::LostSilver);
        assert_eq!(Change::between(Silver, Silver), Change::Unchanged);
        assert_eq!(Change::GainedGold.to_string(), "gained Gold");
    }

    #[test]
    fn report_names_give_their_date_and_number() {
        assert_eq!(
            report_date("competency-report-2017-08-31.xlsx"),
            Some((date("2017-08-31"), 1))
        );
        assert_eq!(
            report_date("competency-report-2017-08-31-3.xlsx"),
            Some((date("2017-08-31"), 3))
        );
        assert_eq!(report_date("competency-report-2017-08-31.json"), None);
        assert_eq!(report_date("competency-report-2017-13-31.xlsx"), None);
        assert_eq!(report_date("competency-report-2017-08-31x.xlsx"), None);
    }

    #[test]
    fn the_latest_earlier_report_is_chosen() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "competency-report-2017-07-31.xlsx",
            "competency-report-2017-08-31.xlsx",
            "competency-report-2017-08-31-2.xlsx",
            "competency-report-2017-09-30.xlsx",
            "competency-report-2017-10-31.xlsx",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        let (path, d) = find_previous(dir.path(), date("2017-09-30")).unwrap();
        assert_eq!(d, date("2017-08-31"));
        assert!(path.ends_with("competency-report-2017-08-31-2.xlsx"));
        assert!(find_previous(dir.path(), date("2017-07-31")).is_none());
    }

    #[test]
    fn compare_names_new_changed_and_gone_partners() {
        let mut before = HashMap::new();
        let fig = |level, e, q| PreviousFigures {
            level,
            entitlements: Some(e),
            qualified_people: Some(q),
        };
        before.insert(PartnerId::parse("1").unwrap(), fig(Level::Silver, 2100, 1));
        before.insert(PartnerId::parse("2").unwrap(), fig(Level::Gold, 5000, 3));
        before.insert(PartnerId::parse("9").unwrap(), fig(Level::None, 10, 0));
        let previous = Previous {
            path: PathBuf::from("r.xlsx"),
            as_of: date("2017-08-31"),
            partners: before,
        };
        let evaluation = Evaluation {
            partners: vec![
                partner("1", Level::Gold, 4200, 2),
                partner("2", Level::Silver, 3000, 3),
                partner("3", Level::None, 5, 0),
            ],
            ..Evaluation::default()
        };
        let changes = compare(&previous, &evaluation);
        let one = changes.get(&PartnerId::parse("1").unwrap()).unwrap();
        assert_eq!(one.change, Change::GainedGold);
        assert_eq!(
            (one.entitlements, one.qualified_people),
            (Some(2100), Some(1))
        );
        let two = changes.get(&PartnerId::parse("2").unwrap()).unwrap();
        assert_eq!(
            (two.change, two.entitlements),
            (Change::LostGold, Some(-2000))
        );
        let three = changes.get(&PartnerId::parse("3").unwrap()).unwrap();
        assert_eq!((three.change, three.entitlements), (Change::New, None));
        assert_eq!(changes.gone, vec![PartnerId::parse("9").unwrap()]);
    }

    #[test]
    fn at_risk_near_the_threshold_or_on_the_last_person() {
        let rules = Rules::default_rules().unwrap();
        // Silver needs 2,000 (mature) and 1 person; 5 % margin is 2,100.
        let near = at_risk(&partner("1", Level::Silver, 2099, 2), &rules).unwrap();
        assert!(
            near.contains("within 5 %") && near.contains("2,000"),
            "{near}"
        );
        assert!(at_risk(&partner("1", Level::Silver, 2100, 2), &rules).is_none());
        let person = at_risk(&partner("1", Level::Silver, 3000, 1), &rules).unwrap();
        assert!(
            person.contains("exactly the 1 qualified person Silver needs"),
            "{person}"
        );
        let gold = at_risk(&partner("1", Level::Gold, 4100, 2), &rules).unwrap();
        assert!(
            gold.contains("4,000") && gold.contains("2 qualified people"),
            "{gold}"
        );
        assert!(at_risk(&partner("1", Level::None, 1990, 0), &rules).is_none());
    }
}
