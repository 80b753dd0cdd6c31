//! The history: every run's figures per partner, kept month by month in a
//! small SQLite database next to the reports (`history.sqlite`), for the
//! report's `History` sheet.
//!
//! Rows are keyed by month (of the as-of date) and partner: a re-run for a
//! month replaces that month's rows, so running twice never doubles them.
//!
//! The database is updated like every other file the tool writes (see
//! [`crate::safe_write`]): a copy is changed under a temporary name and
//! renamed over the old one only when complete, so a crash mid-update leaves
//! last month's database intact.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OpenFlags, params};

use crate::evaluate::{Evaluation, Family};
use crate::model::{Centi, points_value};
use crate::model::{Level, PartnerId};
use crate::month::{History, MonthFigures, PartnerHistory};
use crate::safe_write::Staged;

/// The database's file name in the reports folder.
pub(crate) const HISTORY_FILE: &str = "history.sqlite";

/// How many months the `History` sheet shows, the as-of month included.
pub(crate) const MONTHS_SHOWN: u32 = 12;

/// Why the history could not be read or updated.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HistoryError {
    /// SQLite refused.
    #[error("history database {path}: {source}")]
    Sql {
        /// The database.
        path: String,
        /// Why.
        source: rusqlite::Error,
    },
    /// The file system refused.
    #[error("history database {path}: {source}")]
    Io {
        /// The database.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// One month as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct StoredMonth {
    /// The month (`YYYY-MM`).
    pub(crate) month: String,
    /// The as-of date it was recorded for.
    pub(crate) as_of: NaiveDate,
    /// Every partner's figures.
    pub(crate) partners: BTreeMap<PartnerId, MonthFigures>,
}

/// The `YYYY-MM` key of a date.
pub(crate) fn month_key(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}

/// The `count` calendar months ending with `as_of`'s month, oldest first.
pub(crate) fn months_ending(as_of: NaiveDate, count: u32) -> Vec<String> {
    let last = as_of.year() * 12 + as_of.month0() as i32;
    (0..count as i32)
        .rev()
        .map(|back| {
            let m = last - back;
            format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
        })
        .collect()
}

/// A stored row's figures (levels are stored as `none`, `silver`, `gold`,
/// or `qualified` under a points-scored rule set; the score in points).
fn figures(level: &str, entitlements: i64, people: i64, score: Option<f64>) -> MonthFigures {
    MonthFigures {
        level: match level {
            "gold" => Level::Gold,
            "silver" => Level::Silver,
            "qualified" => Level::Qualified,
            _ => Level::None,
        },
        entitlements: u64::try_from(entitlements).unwrap_or(0),
        qualified_people: u32::try_from(people).unwrap_or(0),
        // Stored in points (70.5) for whoever queries the file; kept in
        // hundredths like every score. A negative or absurd value is no score.
        score: score
            .filter(|s| s.is_finite() && *s >= 0.0 && *s <= f64::from(u32::MAX) / 100.0)
            .map(|s| (s * 100.0).round() as Centi),
    }
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS partner_month (
    month               TEXT NOT NULL,   -- YYYY-MM of the as-of date
    as_of               TEXT NOT NULL,   -- YYYY-MM-DD
    partner_id          TEXT NOT NULL,
    partner_name        TEXT,
    market              TEXT NOT NULL,
    level               TEXT NOT NULL,   -- none, silver, gold
    active_entitlements INTEGER NOT NULL,
    qualified_people    INTEGER NOT NULL,
    recorded_at         TEXT NOT NULL,
    score               REAL,            -- points, under a points-scored rule set
    PRIMARY KEY (month, partner_id)
)";

/// The score column, added to databases made before scores were kept.
const ADD_SCORE: &str = "ALTER TABLE partner_month ADD COLUMN score REAL";

/// Whether the table has the score column (a database from before scores
/// were kept has not).
fn has_score(conn: &Connection) -> rusqlite::Result<bool> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info('partner_month')")?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for name in names {
        if name? == "score" {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The score column to select: `NULL` where the (read-only) database has none.
fn score_column(conn: &Connection) -> rusqlite::Result<&'static str> {
    Ok(if has_score(conn)? { "score" } else { "NULL" })
}

/// The history database of a reports folder.
#[derive(Debug, Clone)]
pub(crate) struct HistoryDb {
    path: PathBuf,
}

impl HistoryDb {
    /// The database in `reports_dir` (it need not exist yet).
    pub(crate) fn in_dir(reports_dir: &Path) -> HistoryDb {
        HistoryDb {
            path: reports_dir.join(HISTORY_FILE),
        }
    }

    /// The database of one rule set of a report that holds several, in
    /// `reports_dir`: `history-<key>.sqlite`, so that each rule set's months
    /// are kept, compared and shown on their own.
    pub(crate) fn of_rule_set(reports_dir: &Path, key: &str) -> HistoryDb {
        let safe: String = key
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        HistoryDb {
            path: reports_dir.join(format!("history-{safe}.sqlite")),
        }
    }

    /// Where it is.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn sql(&self) -> impl Fn(rusqlite::Error) -> HistoryError + '_ {
        |source| HistoryError::Sql {
            path: self.path.display().to_string(),
            source,
        }
    }

    fn io(&self) -> impl Fn(std::io::Error) -> HistoryError + '_ {
        |source| HistoryError::Io {
            path: self.path.display().to_string(),
            source,
        }
    }

    /// The `History` sheet's data: the stored months up to `as_of`'s
    /// month, with this run's figures as that month (replacing any stored).
    pub(crate) fn load_with<F: Family>(
        &self,
        as_of: NaiveDate,
        evaluation: &Evaluation<F>,
    ) -> Result<History, HistoryError> {
        let months = months_ending(as_of, MONTHS_SHOWN);
        let current = month_key(as_of);
        let mut partners: BTreeMap<PartnerId, PartnerHistory> = BTreeMap::new();
        if let Some(conn) = self.open_read()? {
            let score = score_column(&conn).map_err(self.sql())?;
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT month, partner_id, partner_name, level, active_entitlements, qualified_people,
                     {score} FROM partner_month WHERE month >= ?1 AND month < ?2 ORDER BY month"
                ))
                .map_err(self.sql())?;
            let first = months.first().cloned().unwrap_or_default();
            let rows = stmt
                .query_map(params![first, current], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, i64>(5)?,
                        r.get::<_, Option<f64>>(6)?,
                    ))
                })
                .map_err(self.sql())?;
            for row in rows {
                let (month, id, name, level, entitlements, people, score) =
                    row.map_err(self.sql())?;
                let Some(id) = PartnerId::parse(&id) else {
                    continue;
                };
                let entry = partners.entry(id).or_default();
                if name.is_some() {
                    entry.name = name;
                }
                entry
                    .months
                    .insert(month, figures(&level, entitlements, people, score));
            }
        }
        for p in &evaluation.partners {
            let entry = partners.entry(p.partner.clone()).or_default();
            if p.name.is_some() {
                entry.name = p.name.clone();
            }
            entry.months.insert(
                current.clone(),
                MonthFigures {
                    level: p.level(),
                    entitlements: p.entitlements,
                    qualified_people: p.qualified_people,
                    score: F::score(&p.standing),
                },
            );
        }
        Ok(History { months, partners })
    }

    /// The latest month before `as_of`'s month that the database holds;
    /// `None` when it holds none (or does not exist).
    pub(crate) fn previous_month(
        &self,
        as_of: NaiveDate,
    ) -> Result<Option<StoredMonth>, HistoryError> {
        let Some(conn) = self.open_read()? else {
            return Ok(None);
        };
        let month: Option<String> = conn
            .query_row(
                "SELECT MAX(month) FROM partner_month WHERE month < ?1",
                params![month_key(as_of)],
                |r| r.get(0),
            )
            .map_err(self.sql())?;
        match month {
            Some(month) => self.read_month(&conn, &month).map(Some),
            None => Ok(None),
        }
    }

    /// The month `as_of` falls in, as stored (`None`: not stored yet).
    pub(crate) fn stored_month(
        &self,
        as_of: NaiveDate,
    ) -> Result<Option<StoredMonth>, HistoryError> {
        let Some(conn) = self.open_read()? else {
            return Ok(None);
        };
        let stored = self.read_month(&conn, &month_key(as_of))?;
        Ok((!stored.partners.is_empty()).then_some(stored))
    }

    /// The database opened for reading, if it exists.
    fn open_read(&self) -> Result<Option<Connection>, HistoryError> {
        if !self.path.exists() {
            return Ok(None);
        }
        Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map(Some)
            .map_err(self.sql())
    }

    fn read_month(&self, conn: &Connection, month: &str) -> Result<StoredMonth, HistoryError> {
        let score = score_column(conn).map_err(self.sql())?;
        let mut stmt = conn
            .prepare(&format!(
                "SELECT as_of, partner_id, level, active_entitlements, qualified_people, {score}
                 FROM partner_month WHERE month = ?1"
            ))
            .map_err(self.sql())?;
        let rows = stmt
            .query_map(params![month], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, Option<f64>>(5)?,
                ))
            })
            .map_err(self.sql())?;
        let mut stored = StoredMonth {
            month: month.to_string(),
            ..StoredMonth::default()
        };
        for row in rows {
            let (as_of, id, level, entitlements, people, score) = row.map_err(self.sql())?;
            if let Ok(date) = NaiveDate::parse_from_str(&as_of, "%Y-%m-%d") {
                stored.as_of = stored.as_of.max(date);
            }
            let Some(id) = PartnerId::parse(&id) else {
                continue;
            };
            stored
                .partners
                .insert(id, figures(&level, entitlements, people, score));
        }
        Ok(stored)
    }

    /// Stores this run's figures as `as_of`'s month, replacing whatever that
    /// month held (a re-run replaces, never doubles).
    pub(crate) fn record<F: Family>(
        &self,
        as_of: NaiveDate,
        evaluation: &Evaluation<F>,
    ) -> Result<(), HistoryError> {
        let dir = self
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut staged = Staged::new(dir, "history").map_err(self.io())?;
        // SQLite opens the copy by name and locks ranges of it itself; the
        // reports folder is under the run lock, so no cleanup takes it.
        staged.unlock();
        if self.path.exists() {
            // Copied through the staged file, not `fs::copy`, which would
            // also copy the old file's permissions.
            let mut old = std::fs::File::open(&self.path).map_err(self.io())?;
            std::io::copy(&mut old, &mut staged).map_err(self.io())?;
            std::io::Write::flush(&mut staged).map_err(self.io())?;
        }
        {
            let mut conn = Connection::open(staged.path()).map_err(self.sql())?;
            // The copy is thrown away if anything fails, so SQLite's own
            // journal file on disk would only be clutter.
            conn.pragma_update(None, "journal_mode", "MEMORY")
                .map_err(self.sql())?;
            conn.execute_batch(SCHEMA).map_err(self.sql())?;
            if !has_score(&conn).map_err(self.sql())? {
                conn.execute_batch(ADD_SCORE).map_err(self.sql())?;
            }
            let tx = conn.transaction().map_err(self.sql())?;
            let month = month_key(as_of);
            let recorded = chrono::Local::now().to_rfc3339();
            tx.execute("DELETE FROM partner_month WHERE month = ?1", params![month])
                .map_err(self.sql())?;
            {
                let mut insert = tx
                    .prepare(
                        "INSERT INTO partner_month (month, as_of, partner_id, partner_name, market,
                         level, active_entitlements, qualified_people, recorded_at, score)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    )
                    .map_err(self.sql())?;
                let date = as_of.format("%Y-%m-%d").to_string();
                for p in &evaluation.partners {
                    insert
                        .execute(params![
                            month,
                            date,
                            p.partner.as_str(),
                            p.name,
                            p.market.as_str(),
                            p.level().as_str(),
                            i64::try_from(p.entitlements).unwrap_or(i64::MAX),
                            i64::from(p.qualified_people),
                            recorded,
                            F::score(&p.standing).map(points_value),
                        ])
                        .map_err(self.sql())?;
                }
            }
            tx.commit().map_err(self.sql())?;
            conn.close().map_err(|(_, e)| self.sql()(e))?;
        }
        staged.replace(&self.path).map_err(self.io())
    }

    /// How many rows the database holds for a month (for tests).
    #[cfg(test)]
    pub(crate) fn count_month(&self, month: &str) -> Result<u64, HistoryError> {
        let conn = Connection::open_with_flags(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(self.sql())?;
        let n: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM partner_month WHERE month = ?1",
                params![month],
                |r| r.get(0),
            )
            .map_err(self.sql())?;
        Ok(u64::try_from(n).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::PartnerResult;
    use crate::families::Levels;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn evaluation(partners: &[(&str, Level, u64)]) -> Evaluation<Levels> {
        Evaluation::of(
            partners
                .iter()
                .map(|(id, level, e)| PartnerResult {
                    name: Some(format!("Partner {id}")),
                    ..crate::families::levels::bare(id, *level, *e, 1)
                })
                .collect(),
        )
    }

    #[test]
    fn months_run_back_across_the_year() {
        let m = months_ending(date("2017-02-28"), 4);
        assert_eq!(m, vec!["2016-11", "2016-12", "2017-01", "2017-02"]);
        assert_eq!(months_ending(date("2017-09-30"), 12).len(), 12);
    }

    #[test]
    fn a_rerun_replaces_its_month_and_earlier_months_show() {
        let dir = tempfile::tempdir().unwrap();
        let db = HistoryDb::in_dir(dir.path());
        db.record(
            date("2017-08-31"),
            &evaluation(&[("1", Level::Silver, 2100), ("2", Level::None, 5)]),
        )
        .unwrap();
        let sept = evaluation(&[("1", Level::Gold, 4100)]);
        db.record(date("2017-09-30"), &sept).unwrap();
        db.record(date("2017-09-30"), &sept).unwrap();
        assert_eq!(db.count_month("2017-09").unwrap(), 1);
        assert_eq!(db.count_month("2017-08").unwrap(), 2);
        let leftovers = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name() != HISTORY_FILE)
            .count();
        assert_eq!(leftovers, 0, "no temporary or journal files stay behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(db.path()).unwrap().permissions().mode();
            assert_ne!(mode & 0o044, 0, "not owner-only: {mode:o}");
        }

        let history = db.load_with(date("2017-09-30"), &sept).unwrap();
        assert_eq!(history.months.last().map(String::as_str), Some("2017-09"));
        let one = &history.partners[&PartnerId::parse("1").unwrap()];
        assert_eq!(one.months["2017-08"].level, Level::Silver);
        assert_eq!(one.months["2017-09"].entitlements, 4100);
        let two = &history.partners[&PartnerId::parse("2").unwrap()];
        assert!(!two.months.contains_key("2017-09"));
    }

    #[test]
    fn a_database_from_before_scores_is_read_as_is_and_gains_the_column_when_written() {
        let dir = tempfile::tempdir().unwrap();
        let db = HistoryDb::in_dir(dir.path());
        let old = SCHEMA.replace(
            "    score               REAL,            -- points, under a points-scored rule set\n",
            "",
        );
        assert!(!old.contains("score"), "{old}");
        let conn = Connection::open(db.path()).unwrap();
        conn.execute_batch(&old).unwrap();
        conn.execute(
            "INSERT INTO partner_month VALUES ('2017-08', '2017-08-31', '1', 'Partner 1',
             'mature', 'silver', 2100, 1, '2017-09-01T08:00:00+00:00')",
            [],
        )
        .unwrap();
        drop(conn);

        // Read only: the file is not changed by reading it.
        let before = std::fs::read(db.path()).unwrap();
        let august = db.previous_month(date("2017-09-30")).unwrap().unwrap();
        let one = PartnerId::parse("1").unwrap();
        assert_eq!(
            august.partners[&one],
            MonthFigures {
                level: Level::Silver,
                entitlements: 2100,
                qualified_people: 1,
                score: None,
            }
        );
        let sept = evaluation(&[("1", Level::Gold, 4100)]);
        let history = db.load_with(date("2017-09-30"), &sept).unwrap();
        assert_eq!(history.partners[&one].months["2017-08"].entitlements, 2100);
        assert_eq!(std::fs::read(db.path()).unwrap(), before);

        // Written: the column is added, the old row kept, a competency's
        // month stored without a score.
        db.record(date("2017-09-30"), &sept).unwrap();
        let conn = Connection::open(db.path()).unwrap();
        assert!(has_score(&conn).unwrap());
        let scores: Vec<(String, Option<f64>)> = conn
            .prepare("SELECT month, score FROM partner_month ORDER BY month")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(scores, [("2017-08".into(), None), ("2017-09".into(), None)]);
        let history = db.load_with(date("2017-09-30"), &sept).unwrap();
        assert_eq!(
            history.partners[&one].months["2017-08"].level,
            Level::Silver
        );
        // Written twice: the column is not added again.
        db.record(date("2017-09-30"), &sept).unwrap();
    }

    #[test]
    fn a_stored_score_is_read_back_in_hundredths_and_nonsense_is_none() {
        assert_eq!(figures("qualified", 0, 0, Some(70.5)).score, Some(7050));
        assert_eq!(figures("none", 0, 0, Some(18.6)).score, Some(1860));
        assert_eq!(figures("none", 0, 0, Some(-1.0)).score, None);
        assert_eq!(figures("none", 0, 0, Some(f64::NAN)).score, None);
        assert_eq!(figures("none", 0, 0, None).score, None);
    }
}
