//! Which snapshot of each of a partner's downloads is "now" and which "a
//! year before": the current snapshot (the latest on or before the as-of
//! date) and the one of the same month a window earlier, counted from the
//! current snapshot's month. Where that month is missing, a later snapshot
//! stands in (a shorter comparison, never more than the window), and where
//! none does, the current one does (nothing is credited the inputs cannot
//! show); either way the baseline says so, for the report and the JSON.

use chrono::{Datelike, Months, NaiveDate};

use crate::evaluate::snapshots::{Baseline, Timeline};
use crate::input::Download;

/// One download's snapshots as a score compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DownloadBaseline {
    /// The download.
    pub(crate) download: Download,
    /// Its current snapshot (`None`: its rows carry no date, and are the
    /// current state as they are).
    pub(crate) current: Option<NaiveDate>,
    /// The snapshot compared with.
    pub(crate) baseline: Baseline,
    /// Months the current snapshot is older than the as-of date's month,
    /// when more than one: Partner Center's downloads run a month behind,
    /// so last month's snapshot is current, but an older one means this
    /// month's download was not dropped and the partner is scored as it
    /// stood then. Zero when current.
    pub(crate) months_behind: u32,
}

impl DownloadBaseline {
    /// Whether the comparison is with the month asked for.
    pub(crate) fn exact(&self) -> bool {
        matches!(self.baseline, Baseline::Exact(_))
    }

    /// Whether the current snapshot is older than the month before the
    /// as-of date's (see [`DownloadBaseline::months_behind`]).
    pub(crate) fn stale(&self) -> bool {
        self.months_behind > 0
    }

    /// The snapshot whose rows are "a year before": the month's, the one
    /// standing in, or (`None`) the current state itself.
    pub(crate) fn year_before(&self) -> Option<NaiveDate> {
        match self.baseline {
            Baseline::Exact(d) | Baseline::Instead { used: d, .. } => Some(d),
            Baseline::Missing { .. } => None,
        }
    }

    /// The first day of the month compared with.
    pub(crate) fn wanted(&self) -> NaiveDate {
        match self.baseline {
            Baseline::Exact(d) => d.with_day(1).unwrap_or(d),
            Baseline::Instead { wanted, .. } | Baseline::Missing { wanted } => wanted,
        }
    }
}

/// Every download of the partner with its baseline; a download of undated
/// rows only compares with nothing (its baseline is missing, counted from
/// the as-of date's month).
pub(super) fn baselines(
    timeline: &Timeline,
    window: u32,
    as_of: NaiveDate,
) -> Vec<DownloadBaseline> {
    let mut out: Vec<DownloadBaseline> = timeline
        .downloads()
        .filter_map(|download| {
            let current = timeline.current(download);
            Some(DownloadBaseline {
                download,
                current,
                baseline: timeline.months_before(download, window)?,
                months_behind: current.map_or(0, |c| months_behind(c, as_of)),
            })
        })
        .collect();
    for download in timeline.undated() {
        if out.iter().all(|b| b.download != download) {
            let wanted = as_of
                .with_day(1)
                .and_then(|d| d.checked_sub_months(Months::new(window)))
                .unwrap_or(NaiveDate::MIN);
            out.push(DownloadBaseline {
                download,
                current: None,
                baseline: Baseline::Missing { wanted },
                months_behind: 0,
            });
        }
    }
    out.sort_by_key(|b| b.download);
    out
}

/// Months from the current snapshot's month to the as-of date's, when that
/// is more than one (the month a download runs behind); else zero.
fn months_behind(current: NaiveDate, as_of: NaiveDate) -> u32 {
    let month = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let behind = month(as_of) - month(current);
    if behind > 1 { behind as u32 } else { 0 }
}
