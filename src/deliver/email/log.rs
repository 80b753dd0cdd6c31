//! The delivery log: `<output>/delivery-log-<as-of>.jsonl`, one JSON object
//! per message, appended and synced to disk before the next message goes
//! out, so that a re-run knows whom it already served.

use std::fs::OpenOptions;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::EmailError;

/// One line of the delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LogEntry {
    /// The report's as-of date, `YYYY-MM-DD`.
    pub(crate) as_of: String,
    /// The recipient's address.
    pub(crate) recipient: String,
    /// Which message: `partner 1000001` or `operator summary`.
    pub(crate) message: String,
    /// The attached file's name.
    pub(crate) attachment: String,
    /// The Message-ID header.
    pub(crate) message_id: String,
    /// `queued`, `handed-over`, then `sent`, `failed`, `unknown`, `untried`
    /// or `outbox` (see `send`).
    pub(crate) status: String,
    /// The server's answer or what went wrong, in English (never a secret).
    pub(crate) detail: String,
    /// When, RFC 3339.
    pub(crate) at: String,
    /// The `.eml` file's name in the outbox (`unconfirmed/...` for a message
    /// whose delivery is unknown), while it is there.
    #[serde(default)]
    pub(crate) eml: Option<String>,
    /// How many attempts were made, once it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) attempts: Option<u32>,
}

/// The delivery log's path for a date.
pub(crate) fn log_path(output: &Path, as_of: chrono::NaiveDate) -> PathBuf {
    output.join(format!("delivery-log-{}.jsonl", as_of.format("%Y-%m-%d")))
}

/// The outbox folder.
pub(crate) fn outbox_path(output: &Path) -> PathBuf {
    output.join("outbox")
}

/// Reads the delivery log; a missing log is empty. Lines that do not parse
/// (a line torn by a crash) are passed over and counted, not fatal: losing
/// one line can at worst repeat one message.
pub(crate) fn read_log(path: &Path) -> Result<(Vec<LogEntry>, usize), EmailError> {
    let io_err = |source| EmailError::Io {
        path: path.display().to_string(),
        source,
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(source) => return Err(io_err(source)),
    };
    let mut entries = Vec::new();
    let mut bad = 0;
    for line in io::BufReader::new(file).lines() {
        let line = line.map_err(io_err)?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str(&line) {
            Ok(e) => entries.push(e),
            Err(_) => bad += 1,
        }
    }
    Ok((entries, bad))
}

/// Appends one line to the delivery log and syncs it to disk before the
/// next message goes out, so that a crash cannot forget a sent message.
pub(crate) fn append_log(path: &Path, entry: &LogEntry) -> Result<(), EmailError> {
    let io_err = |source| EmailError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut line = serde_json::to_string(entry).map_err(|e| io_err(io::Error::other(e)))?;
    line.push('\n');
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(io_err)?;
    // One write call per line: appends of one small buffer do not interleave.
    file.write_all(line.as_bytes()).map_err(io_err)?;
    file.sync_all().map_err(io_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torn_log_line_is_passed_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("log.jsonl");
        let entry = LogEntry {
            as_of: "2017-09-30".into(),
            recipient: "a@b.example".into(),
            message: "operator summary".into(),
            attachment: "r.xlsx".into(),
            message_id: "<1@x>".into(),
            status: "sent".into(),
            detail: "250 OK".into(),
            at: "now".into(),
            eml: None,
            attempts: Some(2),
        };
        append_log(&path, &entry).expect("append");
        let mut f = OpenOptions::new().append(true).open(&path).expect("open");
        f.write_all(b"{\"as_of\": \"2017-").expect("write");
        let (entries, bad) = read_log(&path).expect("read");
        assert_eq!((entries, bad), (vec![entry], 1));
    }
}
