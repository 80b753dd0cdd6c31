//! Month over month: last month's figures for every partner, compared
//! partner by partner with this run.
//!
//! Last month has one source: the history database (`history.sqlite`) of
//! the reports folder, when it holds a month before this one. Only a folder
//! without one (a folder from before the history, or runs with
//! `--no-history`) falls back to reading the latest earlier report back from
//! its summary sheet, by header name in any language the tool writes (the
//! words come from [`crate::text`]), so rearranged columns still compare.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::history::{HistoryDb, HistoryError};
use crate::evaluate::{Evaluation, Family};
use crate::input::discover::REPORT_PREFIX;
use crate::input::value::{self, Value};
use crate::input::workbook::{Limits, OpenError, SheetError, SheetNature, Workbook};
use crate::model::Centi;
use crate::model::{Level, PartnerId, fold};
use crate::month::{Change, Changes, PartnerChange};
use crate::text::Lang;

/// Why last month's figures could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CompareError {
    /// The file could not be opened as a workbook.
    #[error("cannot open the earlier report {path}: {source}")]
    Open {
        /// The report.
        path: String,
        /// Why.
        source: OpenError,
    },
    /// Its summary sheet stopped part-way.
    #[error("cannot open the earlier report {path}: {source}")]
    Sheet {
        /// The report.
        path: String,
        /// Why.
        source: SheetError,
    },
    /// No sheet has the columns a summary has.
    #[error("the earlier report {0} has no Summary sheet with `Partner ID` and `Level` columns")]
    NoSummary(String),
    /// The history database could not be read.
    #[error(transparent)]
    History(#[from] HistoryError),
}

/// Where last month's figures came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Earlier {
    /// A month of the history database.
    History {
        /// The database.
        db: PathBuf,
        /// The month (`YYYY-MM`).
        month: String,
    },
    /// An earlier report, read back.
    Report(PathBuf),
}

impl fmt::Display for Earlier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Earlier::History { db, month } => write!(f, "{month} in {}", db.display()),
            Earlier::Report(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One partner's figures in an earlier report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PreviousFigures {
    /// Its level then.
    pub(crate) level: Level,
    /// Its active entitlements then, if the column was there.
    pub(crate) entitlements: Option<u64>,
    /// Its qualified people then, if the column was there.
    pub(crate) qualified_people: Option<u64>,
    /// Its score then, under a points-scored rule set (if the column was there).
    pub(crate) score: Option<Centi>,
}

/// Last month's figures.
#[derive(Debug, Clone)]
pub(crate) struct Previous {
    /// Where they came from.
    pub(crate) source: Earlier,
    /// The date they speak for.
    pub(crate) as_of: NaiveDate,
    /// Its partners.
    pub(crate) partners: HashMap<PartnerId, PreviousFigures>,
}

/// The date (and re-run number) in a report's file name:
/// `competency-report-2017-08-31.xlsx` is (2017-08-31, 1), `...-31-2.xlsx` is 2.
pub(crate) fn report_date(name: &str) -> Option<(NaiveDate, u32)> {
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
pub(crate) fn find_previous(dir: &Path, as_of: NaiveDate) -> Option<(PathBuf, NaiveDate)> {
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
    score: Option<u32>,
}

/// Every language the tool writes reports in.
fn languages() -> &'static [Lang] {
    <Lang as clap::ValueEnum>::value_variants()
}

impl SummaryColumns {
    fn from_header(cells: &[(u32, Value)]) -> Option<SummaryColumns> {
        let mut cols = SummaryColumns::default();
        for (c, v) in cells {
            let Some(t) = value::text(v) else { continue };
            let header = fold(&t);
            for lang in languages() {
                let h = &lang.texts().h;
                let slot = if header == fold(h.partner_id) {
                    &mut cols.partner
                } else if header == fold(h.level) {
                    &mut cols.level
                } else if header == fold(h.active_entitlements) {
                    &mut cols.entitlements
                } else if header == fold(h.qualified_people) {
                    &mut cols.people
                } else if header == fold(lang.texts().points.score_header) {
                    &mut cols.score
                } else {
                    continue;
                };
                *slot = Some(*c);
            }
        }
        (cols.partner.is_some() && cols.level.is_some()).then_some(cols)
    }
}

/// A level's name in any language the tool writes (an unknown word is no level).
fn parse_level(raw: &str) -> Level {
    let raw = fold(raw);
    [Level::Gold, Level::Silver, Level::Qualified]
        .into_iter()
        .find(|l| {
            languages()
                .iter()
                .any(|lang| fold(lang.texts().level(*l)) == raw)
        })
        .unwrap_or(Level::None)
}

/// A score as an earlier report shows it (a number of points, `70.5`), in
/// hundredths; anything else is no score.
fn score_of(v: &Value) -> Option<Centi> {
    match v {
        Value::Number(x) if x.is_finite() && *x >= 0.0 && *x <= 1.0e6 => {
            Some((x * 100.0).round() as Centi)
        }
        _ => None,
    }
}

/// The header must be near the top, as the tool writes it; a sheet without
/// one in its first rows is not a summary.
const HEADER_ROWS: u32 = 10;

/// Reads the partners of an earlier report's `Summary` sheet.
pub(crate) fn read_previous(path: &Path, as_of: NaiveDate) -> Result<Previous, CompareError> {
    let shown = path.display().to_string();
    let mut book =
        Workbook::open(path, Limits::default()).map_err(|source| CompareError::Open {
            path: shown.clone(),
            source,
        })?;
    let mut names: Vec<String> = book
        .sheets()
        .into_iter()
        .filter(|s| s.nature == SheetNature::Worksheet)
        .map(|s| s.name)
        .collect();
    // The summary sheet first (by its name in any language); any other
    // sheet only if it was renamed.
    names.sort_by_key(|n| {
        !languages()
            .iter()
            .any(|lang| lang.texts().sheets.summary == n)
    });
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
                    score: cell(cols.score).and_then(score_of),
                },
            );
            ControlFlow::Continue(())
        });
        if columns.is_some() {
            streamed.map_err(|source| CompareError::Sheet {
                path: shown.clone(),
                source,
            })?;
            return Ok(Previous {
                source: Earlier::Report(path.to_path_buf()),
                as_of,
                partners,
            });
        }
    }
    Err(CompareError::NoSummary(shown))
}

/// Last month's figures: from the history database when it holds a month
/// before `as_of`'s, else from the latest earlier report in `reports`;
/// `None` when there is nothing to compare with. `history` is `None` when
/// the run keeps no history.
pub(crate) fn last_month(
    reports: &Path,
    as_of: NaiveDate,
    history: Option<&HistoryDb>,
) -> Result<Option<Previous>, CompareError> {
    if let Some(db) = history
        && let Some(previous) = from_history(db, as_of)?
    {
        return Ok(Some(previous));
    }
    match find_previous(reports, as_of) {
        None => Ok(None),
        Some((path, date)) => read_previous(&path, date).map(Some),
    }
}

/// The month before `as_of` in the history database, if it holds one (a
/// rule set of a report holding several is compared only so: the report
/// before it shows every rule set side by side).
pub(crate) fn from_history(
    db: &HistoryDb,
    as_of: NaiveDate,
) -> Result<Option<Previous>, CompareError> {
    let Some(stored) = db.previous_month(as_of)? else {
        return Ok(None);
    };
    let partners = stored
        .partners
        .into_iter()
        .map(|(id, f)| {
            let figures = PreviousFigures {
                level: f.level,
                entitlements: Some(f.entitlements),
                qualified_people: Some(u64::from(f.qualified_people)),
                score: f.score,
            };
            (id, figures)
        })
        .collect();
    Ok(Some(Previous {
        source: Earlier::History {
            db: db.path().to_path_buf(),
            month: stored.month,
        },
        as_of: stored.as_of,
        partners,
    }))
}

fn delta(now: u64, then: Option<u64>) -> Option<i64> {
    let then = then?;
    Some(i64::try_from(now).unwrap_or(i64::MAX) - i64::try_from(then).unwrap_or(i64::MAX))
}

/// Compares this run's partners with an earlier report's.
pub(crate) fn compare<F: Family>(previous: &Previous, evaluation: &Evaluation<F>) -> Changes {
    let partners = evaluation
        .partners
        .iter()
        .map(|p| {
            let change = match previous.partners.get(&p.partner) {
                None => PartnerChange {
                    change: Change::New,
                    entitlements: None,
                    qualified_people: None,
                    score: None,
                },
                Some(then) => PartnerChange {
                    change: Change::between(then.level, p.level()),
                    entitlements: delta(p.entitlements, then.entitlements),
                    qualified_people: delta(u64::from(p.qualified_people), then.qualified_people),
                    score: F::score(&p.standing)
                        .and_then(|s| delta(u64::from(s), then.score.map(u64::from))),
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
        against_as_of: previous.as_of,
        partners,
        gone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn level_moves_have_names() {
        use Level::*;
        assert_eq!(Change::between(None, Gold), Change::GainedGold);
        assert_eq!(Change::between(Silver, Gold), Change::GainedGold);
        assert_eq!(Change::between(None, Silver), Change::GainedSilver);
        assert_eq!(Change::between(None, Qualified), Change::Qualified);
        assert_eq!(Change::between(Qualified, None), Change::LostQualification);
        assert_eq!(Change::between(Qualified, Qualified), Change::Unchanged);
        assert_eq!(Change::between(Gold, Silver), Change::LostGold);
        assert_eq!(Change::between(Gold, None), Change::LostGold);
        assert_eq!(Change::between(Silver, None), Change::LostSilver);
        assert_eq!(Change::between(Silver, Silver), Change::Unchanged);
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
            score: None,
        };
        before.insert(PartnerId::parse("1").unwrap(), fig(Level::Silver, 2100, 1));
        before.insert(PartnerId::parse("2").unwrap(), fig(Level::Gold, 5000, 3));
        before.insert(PartnerId::parse("9").unwrap(), fig(Level::None, 10, 0));
        let previous = Previous {
            source: Earlier::Report(PathBuf::from("r.xlsx")),
            as_of: date("2017-08-31"),
            partners: before,
        };
        let evaluation = Evaluation::of(vec![
            crate::families::levels::bare("1", Level::Gold, 4200, 2),
            crate::families::levels::bare("2", Level::Silver, 3000, 3),
            crate::families::levels::bare("3", Level::None, 5, 0),
        ]);
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

    /// A summary sheet as the tool writes it, in either language.
    fn write_summary(path: &Path, lang: Lang, rows: &[(&str, Level, f64)]) {
        let t = lang.texts();
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(t.sheets.summary).unwrap();
        for (c, h) in [
            t.h.partner_id,
            t.h.partner_name,
            t.h.level,
            t.h.active_entitlements,
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, (id, level, e)) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, *id).unwrap();
            sheet.write_string(r, 2, t.level(*level)).unwrap();
            sheet.write_number(r, 3, *e).unwrap();
        }
        book.save(path).unwrap();
    }

    #[test]
    fn a_german_report_reads_back_by_the_words_of_the_text_tables() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("competency-report-2017-08-31.xlsx");
        write_summary(
            &path,
            Lang::De,
            &[
                ("1000001", Level::Silver, 2100.0),
                ("1000002", Level::Gold, 4200.0),
            ],
        );
        let previous = read_previous(&path, date("2017-08-31")).unwrap();
        let one = &previous.partners[&PartnerId::parse("1000001").unwrap()];
        assert_eq!((one.level, one.entitlements), (Level::Silver, Some(2100)));
        assert_eq!(one.qualified_people, None, "no such column");
        let two = &previous.partners[&PartnerId::parse("1000002").unwrap()];
        assert_eq!(two.level, Level::Gold);
    }

    #[test]
    fn last_month_comes_from_the_history_and_from_a_report_only_without_one() {
        let dir = tempfile::tempdir().unwrap();
        write_summary(
            &dir.path().join("competency-report-2017-08-31.xlsx"),
            Lang::En,
            &[("1", Level::None, 10.0)],
        );
        let db = HistoryDb::in_dir(dir.path());
        // No history yet: the report is read back.
        let previous = last_month(dir.path(), date("2017-09-30"), Some(&db))
            .unwrap()
            .unwrap();
        assert!(matches!(previous.source, Earlier::Report(_)));
        let august = Evaluation::of(vec![crate::families::levels::bare(
            "1",
            Level::Silver,
            2100,
            1,
        )]);
        db.record(date("2017-08-31"), &august).unwrap();
        db.record(date("2017-09-30"), &august).unwrap();
        let previous = last_month(dir.path(), date("2017-09-30"), Some(&db))
            .unwrap()
            .unwrap();
        assert_eq!(
            previous.source,
            Earlier::History {
                db: db.path().to_path_buf(),
                month: "2017-08".into()
            },
            "the month before, not this month's earlier run"
        );
        assert_eq!(previous.as_of, date("2017-08-31"));
        let one = &previous.partners[&PartnerId::parse("1").unwrap()];
        assert_eq!(
            (one.level, one.entitlements, one.qualified_people),
            (Level::Silver, Some(2100), Some(1))
        );
        // Without history (--no-history), the report.
        let previous = last_month(dir.path(), date("2017-09-30"), None)
            .unwrap()
            .unwrap();
        assert_eq!(previous.partners.len(), 1);
        assert!(matches!(previous.source, Earlier::Report(_)));
        assert!(
            last_month(dir.path(), date("2017-08-31"), Some(&db))
                .unwrap()
                .is_none()
        );
    }
}
