//! Files still arriving: a workbook being copied into the inbox while a
//! scheduled run starts must not be read half-written. A file that changed
//! within the settle time, or whose size or modification time changes while
//! the run looks at it, is left for the next run.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::input::{Found, Skipped};

/// A file's size and modification time: enough to tell that it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileStamp {
    /// Its size in bytes.
    pub(crate) len: u64,
    /// Its modification time, where the platform keeps one.
    pub(crate) modified: Option<SystemTime>,
}

impl FileStamp {
    /// The stamp of a file now.
    pub(crate) fn of(path: &Path) -> std::io::Result<FileStamp> {
        let meta = std::fs::metadata(path)?;
        Ok(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// The longest the run waits to see whether a file is still growing.
const SAMPLE_PAUSE: Duration = Duration::from_secs(1);

/// The found files split into those ready to read (with their stamps) and
/// those left for the next run.
#[derive(Debug, Default)]
pub(crate) struct Settled {
    /// Files to read, each with its stamp when it was judged ready.
    pub(crate) ready: Vec<(Found, Option<FileStamp>)>,
    /// Files still being copied, with the reason, for `Run info` and stderr.
    pub(crate) settling: Vec<Skipped>,
}

/// Splits `found` by whether each file has been left alone for `settle`.
///
/// With a settle time of zero every file is ready and nothing waits. A file
/// whose metadata cannot be read is passed on: reading it will say why.
pub(crate) fn settle(found: Vec<Found>, settle: Duration, now: SystemTime) -> Settled {
    let mut out = Settled::default();
    let mut candidates = Vec::new();
    for f in found {
        let stamp = FileStamp::of(&f.path).ok();
        let recent = match stamp.as_ref().and_then(|s| s.modified) {
            Some(modified) if !settle.is_zero() => match now.duration_since(modified) {
                Ok(age) => (age < settle).then(|| format!("changed {} s ago", age.as_secs())),
                // A modification time slightly ahead is a copy in progress
                // seen through a skewed clock; far ahead it is just a wrong
                // clock, and waiting would hold the file back forever.
                Err(ahead) => (ahead.duration() < settle)
                    .then(|| "its modification time is in the future".to_string()),
            },
            _ => None,
        };
        match recent {
            Some(why) => out.settling.push(left(&f, &why, settle)),
            None => candidates.push((f, stamp)),
        }
    }
    if settle.is_zero() || candidates.is_empty() {
        out.ready = candidates;
        return out;
    }
    // A copy that keeps the source's modification time (cp -p, some sync
    // tools) looks old from its first byte; a growing size gives it away.
    std::thread::sleep(SAMPLE_PAUSE.min(settle));
    for (f, stamp) in candidates {
        let again = FileStamp::of(&f.path).ok();
        if stamp.is_some() && again != stamp {
            out.settling.push(left(
                &f,
                "its size or modification time is changing",
                settle,
            ));
        } else {
            out.ready.push((f, stamp));
        }
    }
    out
}

fn left(f: &Found, why: &str, settle: Duration) -> Skipped {
    Skipped {
        shown: f.shown.clone(),
        reason: format!(
            "still being copied ({why}; settle time {} s, see --settle-seconds): left for the next run",
            settle.as_secs()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(path: &Path) -> Found {
        Found {
            path: path.to_path_buf(),
            shown: path.file_name().unwrap().to_string_lossy().to_string(),
            earlier_month: None,
        }
    }

    #[test]
    fn a_fresh_file_waits_and_an_old_one_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("fresh.xlsx");
        std::fs::write(&fresh, b"x").unwrap();
        let now = SystemTime::now();
        let out = settle(vec![found(&fresh)], Duration::from_secs(60), now);
        assert!(out.ready.is_empty());
        assert!(out.settling[0].reason.contains("left for the next run"));
        // An hour later the same file is ready.
        let later = now + Duration::from_secs(3600);
        let out = settle(vec![found(&fresh)], Duration::from_secs(60), later);
        assert_eq!(out.ready.len(), 1);
        assert!(out.settling.is_empty());
    }

    #[test]
    fn a_file_growing_while_looked_at_waits_even_with_an_old_time() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("growing.xlsx");
        std::fs::write(&p, b"x").unwrap();
        let writer = {
            let p = p.clone();
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(300));
                std::fs::write(&p, b"xx and more bytes").unwrap();
            })
        };
        // `now` an hour ahead: by its time the file looks long settled, as a
        // copy that keeps the source's modification time would.
        let later = SystemTime::now() + Duration::from_secs(3600);
        let out = settle(vec![found(&p)], Duration::from_secs(60), later);
        writer.join().unwrap();
        assert!(out.ready.is_empty());
        assert!(
            out.settling[0].reason.contains("changing"),
            "{:?}",
            out.settling
        );
    }

    #[test]
    fn zero_settle_reads_everything_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.xlsx");
        std::fs::write(&p, b"x").unwrap();
        let out = settle(vec![found(&p)], Duration::ZERO, SystemTime::now());
        assert_eq!(out.ready.len(), 1);
        assert_eq!(out.ready[0].1.as_ref().map(|s| s.len), Some(1));
    }

    #[test]
    fn a_far_future_time_is_a_wrong_clock_not_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.xlsx");
        std::fs::write(&p, b"x").unwrap();
        let long_ago = SystemTime::now() - Duration::from_secs(86_400);
        let out = settle(vec![found(&p)], Duration::from_secs(60), long_ago);
        assert_eq!(out.ready.len(), 1);
    }
}
