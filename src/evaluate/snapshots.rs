//! Snapshots: a partner's current state, and its history. Exports come as
//! snapshots (a download per month, several months in one file, last
//! year's downloads kept in the routine's archive). For each partner and
//! download ([`Download`]: `OfficeUsage`, `EMSUsage`, the CPOR download, a
//! customer list...) the latest snapshot on or before the as-of date is the
//! partner's current state: a tenant or workload missing from it is gone,
//! whichever snapshot last had it. Earlier snapshots are history (the
//! baselines a score compares with), never current figures; snapshots after
//! the as-of date are not known yet on that date.
//!
//! Snapshots of two downloads never replace each other: September's
//! `OfficeUsage` and August's `EMSUsage` are both current. Rows without a
//! snapshot date take no part: they count as they are, and a dated row and
//! an undated one of the same customer and workload meet as duplicates do
//! (the larger counts).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};

use super::Exclusion;
use crate::input::{CustomerRow, Download};
use crate::model::CustomerId;

/// One partner's snapshots, per download: every snapshot date on or before
/// the as-of date, oldest first; the last is the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Timeline {
    dates: BTreeMap<Download, Vec<NaiveDate>>,
}

/// The snapshot a figure is compared with (a year before the current one).
// The points scoring's baselines read this and the timeline's look-ups
// below; until it does, only the tests do.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Baseline {
    /// A snapshot of the month asked for.
    Exact(NaiveDate),
    /// No snapshot of the month asked for (`wanted`, its first day): the
    /// first one after it stands in, which shortens the comparison rather
    /// than credit more than the window.
    Instead {
        /// The first day of the month asked for.
        wanted: NaiveDate,
        /// The snapshot used instead.
        used: NaiveDate,
    },
    /// No snapshot between that month and the current one.
    Missing {
        /// The first day of the month asked for.
        wanted: NaiveDate,
    },
}

#[cfg_attr(not(test), allow(dead_code))]
impl Timeline {
    /// The snapshots of one partner's rows known on `as_of`.
    pub(crate) fn of(rows: &[(usize, &CustomerRow)], as_of: NaiveDate) -> Timeline {
        let mut dates: BTreeMap<Download, Vec<NaiveDate>> = BTreeMap::new();
        for (_, row) in rows {
            if let Some(d) = row.snapshot.filter(|d| *d <= as_of) {
                dates.entry(row.download).or_default().push(d);
            }
        }
        for list in dates.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        Timeline { dates }
    }

    /// The downloads the partner has dated rows of.
    pub(crate) fn downloads(&self) -> impl Iterator<Item = Download> + '_ {
        self.dates.keys().copied()
    }

    /// The current snapshot of a download: its latest on or before the
    /// as-of date.
    pub(crate) fn current(&self, download: Download) -> Option<NaiveDate> {
        self.dates.get(&download).and_then(|d| d.last().copied())
    }

    /// Every snapshot of a download on or before the as-of date, oldest first.
    pub(crate) fn dates(&self, download: Download) -> &[NaiveDate] {
        self.dates.get(&download).map_or(&[], Vec::as_slice)
    }

    /// The first snapshot of a download on or after `date` (a tenant
    /// associated on `date` is measured from it), if any.
    pub(crate) fn first_on_or_after(
        &self,
        download: Download,
        date: NaiveDate,
    ) -> Option<NaiveDate> {
        self.dates(download).iter().copied().find(|d| *d >= date)
    }

    /// The snapshot of the month `months` before the current snapshot's
    /// month (`12`: the same month a year before), or what stands in.
    pub(crate) fn months_before(&self, download: Download, months: u32) -> Option<Baseline> {
        let current = self.current(download)?;
        let wanted = current
            .with_day(1)
            .and_then(|d| d.checked_sub_months(Months::new(months)))
            .unwrap_or(NaiveDate::MIN);
        let same_month = |d: &NaiveDate| d.year() == wanted.year() && d.month() == wanted.month();
        let dates = self.dates(download);
        Some(
            if let Some(d) = dates.iter().rev().find(|d| same_month(d)) {
                Baseline::Exact(*d)
            } else if let Some(d) = dates.iter().find(|d| **d > wanted && **d < current) {
                Baseline::Instead { wanted, used: *d }
            } else {
                Baseline::Missing { wanted }
            },
        )
    }
}

/// The rows of one partner (index into all customer rows, and the row) that
/// are not its current state, and why. Empty (and free) when no row is
/// dated.
pub(crate) fn superseded(
    rows: &[(usize, &CustomerRow)],
    as_of: NaiveDate,
) -> HashMap<usize, Exclusion> {
    let mut out = HashMap::new();
    // Most partners' rows come from one download, one snapshot: then no row
    // is an earlier snapshot, and only rows after the as-of date are set
    // aside (without looking customers up at all).
    let mut dated = rows
        .iter()
        .filter_map(|(_, r)| r.snapshot.map(|d| (d, r.download)));
    let Some(first) = dated.next() else {
        return out;
    };
    if dated.all(|d| d == first) {
        if first.0 > as_of {
            for (i, row) in rows {
                if row.snapshot.is_some() {
                    out.insert(*i, Exclusion::SnapshotAfterAsOf(first.0));
                }
            }
        }
        return out;
    }
    let timeline = Timeline::of(rows, as_of);
    fn key(row: &CustomerRow) -> Option<(Download, &CustomerId, &str)> {
        Some((
            row.download,
            row.customer.as_ref()?,
            row.workload.as_ref()?.name(),
        ))
    }
    // What each download's current snapshot holds: (customer, workload).
    let current: HashSet<(Download, &CustomerId, &str)> = rows
        .iter()
        .filter(|(_, r)| r.snapshot.is_some() && r.snapshot == timeline.current(r.download))
        .filter_map(|(_, r)| key(r))
        .collect();
    for (i, row) in rows {
        let Some(snapshot) = row.snapshot else {
            continue;
        };
        if snapshot > as_of {
            out.insert(*i, Exclusion::SnapshotAfterAsOf(snapshot));
            continue;
        }
        let Some(latest) = timeline.current(row.download) else {
            continue;
        };
        if snapshot < latest {
            let gone = key(row).is_none_or(|k| !current.contains(&k));
            out.insert(
                *i,
                Exclusion::EarlierSnapshot {
                    snapshot,
                    latest,
                    gone,
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::WorkloadCell;
    use crate::model::{PartnerId, Workload};

    fn row(customer: &str, workload: &str, snapshot: Option<(i32, u32, u32)>) -> CustomerRow {
        CustomerRow {
            customer: CustomerId::parse(customer),
            workload: Some(WorkloadCell::Counted(Workload::new(workload))),
            snapshot: snapshot.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            ..CustomerRow::blank(PartnerId::parse("1").unwrap())
        }
    }

    fn of(download: Download, row: CustomerRow) -> CustomerRow {
        CustomerRow { download, ..row }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn earlier(snapshot: NaiveDate, latest: NaiveDate, gone: bool) -> Option<Exclusion> {
        Some(Exclusion::EarlierSnapshot {
            snapshot,
            latest,
            gone,
        })
    }

    #[test]
    fn the_latest_snapshot_on_or_before_the_as_of_date_is_the_current_state() {
        let rows = [
            row("A", "Exchange Online", Some((2017, 7, 31))),
            row("a", "Exchange Online", Some((2017, 8, 31))),
            row("A", "Exchange Online", Some((2017, 10, 31))),
            // Only in July: gone by August, not "its own latest snapshot".
            row("A", "Yammer", Some((2017, 7, 31))),
            row("B", "Exchange Online", None),
            // A tenant with 3,000 users only in July is gone too.
            row("C", "Exchange Online", Some((2017, 7, 31))),
            row("D", "Exchange Online", Some((2017, 8, 31))),
        ];
        let indexed: Vec<(usize, &CustomerRow)> = rows.iter().enumerate().collect();
        let out = superseded(&indexed, date(2017, 9, 30));
        let (july, august) = (date(2017, 7, 31), date(2017, 8, 31));
        assert_eq!(out.get(&0).cloned(), earlier(july, august, false));
        assert_eq!(out.get(&1), None, "the current snapshot");
        assert_eq!(
            out.get(&2),
            Some(&Exclusion::SnapshotAfterAsOf(date(2017, 10, 31)))
        );
        assert_eq!(out.get(&3).cloned(), earlier(july, august, true));
        assert_eq!(out.get(&4), None, "undated rows take no part");
        assert_eq!(out.get(&5).cloned(), earlier(july, august, true));
        assert_eq!(out.get(&6), None);
        assert_eq!(out.len(), 4);
    }

    #[test]
    fn each_download_has_its_own_current_snapshot() {
        let rows = [
            of(
                Download::OfficeUsage,
                row("A", "Exchange Online", Some((2026, 9, 1))),
            ),
            of(
                Download::OfficeUsage,
                row("B", "Exchange Online", Some((2026, 8, 1))),
            ),
            // August is EMSUsage's latest: current, though OfficeUsage has
            // September.
            of(Download::EmsUsage, row("A", "Intune", Some((2026, 8, 1)))),
            of(Download::EmsUsage, row("B", "Intune", Some((2026, 7, 1)))),
        ];
        let indexed: Vec<(usize, &CustomerRow)> = rows.iter().enumerate().collect();
        let out = superseded(&indexed, date(2026, 9, 30));
        assert_eq!(
            out.get(&1).cloned(),
            earlier(date(2026, 8, 1), date(2026, 9, 1), true)
        );
        assert_eq!(out.get(&2), None);
        assert_eq!(
            out.get(&3).cloned(),
            earlier(date(2026, 7, 1), date(2026, 8, 1), true)
        );
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn one_snapshot_supersedes_nothing_unless_it_is_after_the_as_of_date() {
        let rows = [
            row("A", "Exchange Online", Some((2017, 9, 28))),
            row("B", "Exchange Online", Some((2017, 9, 28))),
            row("B", "Exchange Online", None),
        ];
        let indexed: Vec<(usize, &CustomerRow)> = rows.iter().enumerate().collect();
        assert!(superseded(&indexed, date(2017, 9, 30)).is_empty());
        let out = superseded(&indexed, date(2017, 9, 1));
        assert_eq!(out.len(), 2);
        assert_eq!(
            out.get(&1),
            Some(&Exclusion::SnapshotAfterAsOf(date(2017, 9, 28)))
        );
        assert_eq!(out.get(&2), None);
    }

    #[test]
    fn without_dates_nothing_is_superseded() {
        let rows = [row("A", "Exchange Online", None)];
        let indexed: Vec<(usize, &CustomerRow)> = rows.iter().enumerate().collect();
        assert!(superseded(&indexed, date(2017, 9, 30)).is_empty());
    }

    #[test]
    fn the_timeline_finds_the_baselines() {
        let months = [
            (2025, 9, 1),
            (2025, 12, 1),
            (2026, 3, 1),
            (2026, 9, 1),
            (2026, 10, 1),
        ];
        let rows: Vec<CustomerRow> = months
            .iter()
            .map(|m| of(Download::OfficeUsage, row("A", "Exchange Online", Some(*m))))
            .collect();
        let indexed: Vec<(usize, &CustomerRow)> = rows.iter().enumerate().collect();
        let t = Timeline::of(&indexed, date(2026, 9, 30));
        let office = Download::OfficeUsage;
        assert_eq!(t.downloads().collect::<Vec<_>>(), [office]);
        assert_eq!(t.current(office), Some(date(2026, 9, 1)));
        assert_eq!(t.dates(office).len(), 4, "October is after the as-of date");
        assert_eq!(
            t.months_before(office, 12),
            Some(Baseline::Exact(date(2025, 9, 1)))
        );
        assert_eq!(
            t.first_on_or_after(office, date(2025, 10, 5)),
            Some(date(2025, 12, 1))
        );
        assert_eq!(t.first_on_or_after(office, date(2026, 9, 2)), None);
        assert_eq!(
            t.months_before(office, 13),
            Some(Baseline::Instead {
                wanted: date(2025, 8, 1),
                used: date(2025, 9, 1)
            })
        );
        assert_eq!(t.months_before(Download::EmsUsage, 12), None);
        let only_now = Timeline::of(&indexed[3..4], date(2026, 9, 30));
        assert_eq!(
            only_now.months_before(office, 12),
            Some(Baseline::Missing {
                wanted: date(2025, 9, 1)
            })
        );
    }
}
