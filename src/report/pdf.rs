//! `--pdf`: a PDF copy of the report, made by LibreOffice when it is
//! installed (`soffice` or `libreoffice` on PATH).
//!
//! LibreOffice converts into a private temporary folder, with a private
//! profile (two conversions at once, or one beside a running LibreOffice,
//! would otherwise fight over the user's profile lock); the PDF is then put
//! beside the report under a name that replaces nothing.

use std::ffi::OsString;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::safe_write::{self, NewName};

/// How long a conversion may take before it is given up.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(300);

/// Why no PDF was made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Neither `soffice` nor `libreoffice` is on PATH.
    #[error("LibreOffice (soffice) is not installed, so no PDF was made")]
    NoOffice,
    /// LibreOffice ran but made no PDF.
    #[error("LibreOffice could not convert {report} to PDF: {detail}")]
    Failed {
        /// The report.
        report: String,
        /// What went wrong (exit status and LibreOffice's last words).
        detail: String,
    },
    /// A file could not be written or moved.
    #[error("cannot write the PDF next to {report}: {source}")]
    Io {
        /// The report.
        report: String,
        /// Why.
        source: io::Error,
    },
}

/// The LibreOffice program on PATH, if any.
pub fn find_office() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        ["soffice", "libreoffice"]
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// Converts `report` to PDF beside it (`<stem>.pdf`, or `<stem>-2.pdf`...
/// if taken) and returns where it went.
pub(crate) fn convert(report: &Path) -> Result<PathBuf, PdfError> {
    let office = find_office().ok_or(PdfError::NoOffice)?;
    let shown = report.display().to_string();
    let io_error = |source| PdfError::Io {
        report: shown.clone(),
        source,
    };
    let work = tempfile::Builder::new()
        .prefix("competency-report-pdf.")
        .tempdir()
        .map_err(io_error)?;
    let out_dir = work.path().join("out");
    let mut profile = OsString::from("-env:UserInstallation=file://");
    profile.push(work.path().join("profile").as_os_str());
    // LibreOffice's messages go to a file: a pipe nobody reads while it
    // works could fill up and stall it.
    let log_path = work.path().join("soffice.log");
    let log = std::fs::File::create(&log_path).map_err(io_error)?;
    let mut child = Command::new(&office)
        .arg(profile)
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&out_dir)
        .arg(report)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| PdfError::Failed {
            report: shown.clone(),
            detail: format!("cannot start {}: {e}", office.display()),
        })?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(io_error)? {
            Some(status) => break status,
            None if started.elapsed() > TIMEOUT => {
                // A hung conversion must not hang the batch; the report is
                // already written.
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::Failed {
                    report: shown,
                    detail: format!("no answer after {} s", TIMEOUT.as_secs()),
                });
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    };
    let stderr = std::fs::read_to_string(&log_path).unwrap_or_default();
    let stem = report.file_stem().map_or_else(
        || "competency-report".into(),
        |s| s.to_string_lossy().to_string(),
    );
    let made = out_dir.join(format!("{stem}.pdf"));
    let size = std::fs::metadata(&made).map(|m| m.len()).unwrap_or(0);
    if !status.success() || size == 0 {
        return Err(PdfError::Failed {
            report: shown,
            detail: format!("{status}; {}", stderr.trim()),
        });
    }
    let dir = report
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    safe_write::save_new(dir, &NewName::new(&stem, "pdf"), |file| {
        let mut pdf = std::fs::File::open(&made)?;
        io::copy(&mut pdf, file).map(|_| ())
    })
    .map_err(io_error)
}
