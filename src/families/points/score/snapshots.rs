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
}

impl DownloadBaseline {
    /// Whether the comparison is with the month asked for.
    pub(crate) fn exact(&self) -> bool {
        matches!(self.baseline, Baseline::Exact(_))
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
            Some(DownloadBaseline {
                download,
                current: timeline.current(download),
                baseline: timeline.months_before(download, window)?,
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
            });
        }
    }
    out.sort_by_key(|b| b.download);
    out
}
