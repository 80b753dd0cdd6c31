//! Snapshots: never count a customer twice. Exports often hold several
//! processing dates (a file per month dropped together, or a history in one
//! file). For each partner, customer and workload only the latest snapshot
//! on or before the as-of date counts; earlier ones, and ones after the
//! as-of date, are superseded, whichever files they come from.
//!
//! Rows without a snapshot date take no part: they are counted as before,
//! and a dated row and an undated one of the same customer and workload
//! meet as duplicates do (the larger counts).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Exclusion;
use crate::input::CustomerRow;
use crate::model::CustomerId;

/// The rows of one partner (index into all customer rows, and the row) that
/// a snapshot supersedes, and why. Empty (and free) when no row is dated.
pub(crate) fn superseded(
    rows: &[(usize, &CustomerRow)],
    as_of: NaiveDate,
) -> HashMap<usize, Exclusion> {
    let mut out = HashMap::new();
    // Most partners' rows come from one download, one snapshot: then no row
    // is an earlier snapshot, and only rows after the as-of date are set
    // aside (without looking customers up at all).
    let mut dates = rows.iter().filter_map(|(_, r)| r.snapshot);
    let Some(first) = dates.next() else {
        return out;
    };
    if dates.all(|d| d == first) {
        if first > as_of {
            for (i, row) in rows {
                if row.snapshot.is_some() {
                    out.insert(*i, Exclusion::SnapshotAfterAsOf(first));
                }
            }
        }
        return out;
    }
    fn key(row: &CustomerRow) -> Option<(&CustomerId, &str)> {
        Some((row.customer.as_ref()?, row.workload.as_ref()?.name()))
    }
    // (customer, workload) -> the latest snapshot on or before the as-of date.
    let mut latest: HashMap<(&CustomerId, &str), NaiveDate> = HashMap::new();
    for (i, row) in rows {
        let Some(snapshot) = row.snapshot else {
            continue;
        };
        if snapshot > as_of {
            out.insert(*i, Exclusion::SnapshotAfterAsOf(snapshot));
            continue;
        }
        if let Some(key) = key(row) {
            let entry = latest.entry(key).or_insert(snapshot);
            *entry = (*entry).max(snapshot);
        }
    }
    for (i, row) in rows {
        let Some(snapshot) = row.snapshot.filter(|s| *s <= as_of) else {
            continue;
        };
        if let Some(&newest) = key(row).and_then(|k| latest.get(&k))
            && snapshot < newest
        {
            out.insert(
                *i,
                Exclusion::EarlierSnapshot {
                    snapshot,
                    latest: newest,
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

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn only_the_latest_snapshot_on_or_before_the_as_of_date_counts() {
        let rows = [
            row("A", "Exchange Online", Some((2017, 7, 31))),
            row("a", "Exchange Online", Some((2017, 8, 31))),
            row("A", "Exchange Online", Some((2017, 10, 31))),
            row("A", "Yammer", Some((2017, 7, 31))),
            row("B", "Exchange Online", None),
            row("B", "Exchange Online", Some((2017, 6, 30))),
        ];
        let indexed: Vec<(usize, &CustomerRow)> = rows.iter().enumerate().collect();
        let out = superseded(&indexed, date(2017, 9, 30));
        assert_eq!(
            out.get(&0),
            Some(&Exclusion::EarlierSnapshot {
                snapshot: date(2017, 7, 31),
                latest: date(2017, 8, 31)
            })
        );
        assert_eq!(out.get(&1), None, "the latest before the as-of date");
        assert_eq!(
            out.get(&2),
            Some(&Exclusion::SnapshotAfterAsOf(date(2017, 10, 31)))
        );
        assert_eq!(out.get(&3), None, "another workload has its own snapshots");
        assert_eq!(out.get(&4), None, "undated rows take no part");
        assert_eq!(out.get(&5), None, "B's only snapshot");
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
}
