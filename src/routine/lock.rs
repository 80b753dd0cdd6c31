//! One run at a time per report folder: an advisory lock on
//! `<reports>/.competency-report.lock`, held for the whole run.
//!
//! The operating system drops the lock when the process ends, however it
//! ends, so a crashed run never leaves a stale lock behind. The file itself
//! is empty and stays in place: deleting a lock file while another process
//! may be opening it would let two runs lock two different files.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;

/// The lock file's name inside the reports folder (hidden, so it is not
/// mistaken for a report).
pub(crate) const LOCK_FILE: &str = ".competency-report.lock";

/// Why the lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another run holds it.
    #[error(
        "another competency-report run is using {0} (it holds the lock file); this run did nothing. Try again when it has finished"
    )]
    Busy(String),
    /// The lock file could not be created or locked.
    #[error("cannot lock {path}: {source}")]
    Io {
        /// The lock file.
        path: String,
        /// Why.
        source: io::Error,
    },
}

/// A held lock; released when dropped.
#[derive(Debug)]
pub(crate) struct RunLock {
    _file: File,
}

impl RunLock {
    /// Takes the lock of `dir` (created if missing) without waiting.
    pub(crate) fn acquire(dir: &Path) -> Result<RunLock, LockError> {
        let path = dir.join(LOCK_FILE);
        let io_err = |source| LockError::Io {
            path: path.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io_err)?;
        // Opened for writing only because some platforms need it for an
        // exclusive lock; nothing is ever written to it.
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_err)?;
        match file.try_lock() {
            Ok(()) => Ok(RunLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(LockError::Busy(dir.display().to_string())),
            Err(TryLockError::Error(e)) => Err(io_err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = RunLock::acquire(dir.path()).unwrap();
        let err = RunLock::acquire(dir.path()).unwrap_err();
        assert!(matches!(err, LockError::Busy(_)), "{err}");
        assert!(err.to_string().contains("another competency-report run"));
        drop(first);
        RunLock::acquire(dir.path()).unwrap();
        assert!(dir.path().join(LOCK_FILE).is_file());
    }
}
