//! A run's phases, as a progress bar shows them and a benchmark times them:
//! the stages of the pipeline and the routine around it tell a [`Progress`]
//! when each starts and ends. Below every stage, so that each can report
//! without knowing who listens. [`Timings`] is the listener behind `run
//! --timings` and the benchmarks: each phase's seconds, processor seconds
//! and peak memory.

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::input::Found;

/// A step of a run, for progress and timing (see [`Progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and typing the rows (files in parallel).
    Read,
    /// Putting the files' rows together (one spelling per id).
    Normalise,
    /// Evaluating every partner (in parallel).
    Evaluate,
    /// Deriving advice, progress and the ranking from the evaluation.
    Derive,
    /// Reading last month's figures and comparing.
    Compare,
    /// Reading the history for the `History` sheet.
    History,
    /// Building the report's sheets.
    Sheets,
    /// Building one sheet (some at the same time as others).
    Sheet(SheetName),
    /// Saving the report (zip compression).
    Save,
    /// Writing the JSON summary.
    Json,
    /// Converting the report to PDF.
    Pdf,
    /// Recording the month in the history database.
    Record,
    /// Moving the inputs to the archive.
    Archive,
    /// Emailing the reports.
    Email,
}

impl Phase {
    /// Its name, for timings.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Read => "read",
            Phase::Normalise => "normalise",
            Phase::Evaluate => "evaluate",
            Phase::Derive => "derive",
            Phase::Compare => "compare",
            Phase::History => "history",
            Phase::Sheets => "build_sheets",
            Phase::Sheet(sheet) => sheet.name(),
            Phase::Save => "save",
            Phase::Json => "json",
            Phase::Pdf => "pdf",
            Phase::Record => "record",
            Phase::Archive => "archive",
            Phase::Email => "email",
        }
    }
}

/// The report's sheets, for their timings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetName {
    /// `Dashboard`.
    Dashboard,
    /// `Summary`.
    Summary,
    /// `Partner Details`.
    PartnerDetails,
    /// `Next Steps`.
    NextSteps,
    /// The family's evidence sheet (Modern Work's `Tenants`), if it has one.
    Evidence,
    /// `Customers` (its rows made and compressed on every core).
    Customers,
    /// `People`.
    People,
    /// `History`.
    History,
    /// `Problems`.
    Problems,
    /// `Run info`.
    RunInfo,
}

impl SheetName {
    /// Its name, for timings.
    pub fn name(self) -> &'static str {
        match self {
            SheetName::Dashboard => "sheet_dashboard",
            SheetName::Summary => "sheet_summary",
            SheetName::PartnerDetails => "sheet_partner_details",
            SheetName::NextSteps => "sheet_next_steps",
            SheetName::Evidence => "sheet_evidence",
            SheetName::Customers => "sheet_customers",
            SheetName::People => "sheet_people",
            SheetName::History => "sheet_history",
            SheetName::Problems => "sheet_problems",
            SheetName::RunInfo => "sheet_run_info",
        }
    }
}

/// Told what a run is doing: a progress bar shows it, a benchmark times it.
/// Every method does nothing unless overridden.
pub trait Progress: Sync {
    /// Reading starts, with this many files.
    fn reading(&self, _files: usize) {}
    /// One file has been read.
    fn file_read(&self, _file: &Found) {}
    /// A phase starts.
    fn phase_started(&self, _phase: Phase) {}
    /// A phase has finished, and took this long.
    fn phase_done(&self, _phase: Phase, _took: Duration) {}
}

/// Both listen: a progress bar and a timer.
impl<A: Progress, B: Progress> Progress for (A, B) {
    fn reading(&self, files: usize) {
        self.0.reading(files);
        self.1.reading(files);
    }
    fn file_read(&self, file: &Found) {
        self.0.file_read(file);
        self.1.file_read(file);
    }
    fn phase_started(&self, phase: Phase) {
        self.0.phase_started(phase);
        self.1.phase_started(phase);
    }
    fn phase_done(&self, phase: Phase, took: Duration) {
        self.0.phase_done(phase, took);
        self.1.phase_done(phase, took);
    }
}

impl<P: Progress + ?Sized> Progress for &P {
    fn reading(&self, files: usize) {
        (**self).reading(files);
    }
    fn file_read(&self, file: &Found) {
        (**self).file_read(file);
    }
    fn phase_started(&self, phase: Phase) {
        (**self).phase_started(phase);
    }
    fn phase_done(&self, phase: Phase, took: Duration) {
        (**self).phase_done(phase, took);
    }
}

/// Shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// Runs `step` as `phase`, telling `progress` how long it took.
pub(crate) fn timed<T>(progress: &dyn Progress, phase: Phase, step: impl FnOnce() -> T) -> T {
    progress.phase_started(phase);
    let started = Instant::now();
    let out = step();
    progress.phase_done(phase, started.elapsed());
    out
}

/// One timed phase.
#[derive(Debug, Clone)]
pub struct Timed {
    /// The phase.
    pub phase: Phase,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// Processor seconds of the whole process meanwhile (every thread;
    /// `None` where the system does not tell), for phases that do not
    /// overlap others.
    pub cpu_seconds: Option<f64>,
    /// The most memory the process held during the phase, in MiB (`None`
    /// where the system does not tell).
    pub peak_mib: Option<u64>,
}

/// Records every phase of a run: its seconds, the processor seconds spent
/// meanwhile and the peak resident memory during it (Linux: the kernel's
/// high-water mark is reset when a phase starts). Sheets are built at the
/// same time as one another: each has its seconds only; the
/// `build_sheets` phase holds them all.
#[derive(Debug, Default)]
pub struct Timings {
    started: Mutex<Vec<(Phase, Option<f64>)>>,
    done: Mutex<Vec<Timed>>,
}

impl Timings {
    /// A timer with nothing recorded.
    pub fn new() -> Timings {
        Timings::default()
    }

    /// What was recorded, in the order phases ended.
    pub fn phases(&self) -> Vec<Timed> {
        self.done.lock().map(|d| d.clone()).unwrap_or_default()
    }
}

/// Sheets overlap one another and their `build_sheets` phase.
fn overlaps(phase: Phase) -> bool {
    matches!(phase, Phase::Sheet(_))
}

impl Progress for Timings {
    fn phase_started(&self, phase: Phase) {
        if overlaps(phase) {
            return;
        }
        memory::reset_peak();
        if let Ok(mut started) = self.started.lock() {
            started.push((phase, memory::cpu_seconds()));
        }
    }

    fn phase_done(&self, phase: Phase, took: Duration) {
        let (cpu_seconds, peak_mib) = if overlaps(phase) {
            (None, None)
        } else {
            let start = self.started.lock().ok().and_then(|mut s| {
                let i = s.iter().rposition(|(p, _)| *p == phase)?;
                Some(s.remove(i).1)
            });
            let cpu = match (start.flatten(), memory::cpu_seconds()) {
                (Some(a), Some(b)) => Some(b - a),
                _ => None,
            };
            (cpu, memory::peak_mib())
        };
        if let Ok(mut done) = self.done.lock() {
            done.push(Timed {
                phase,
                seconds: took.as_secs_f64(),
                cpu_seconds,
                peak_mib,
            });
        }
    }
}

/// The timings as a table, one phase a line: `phase  seconds  cpu  peak`.
impl fmt::Display for Timings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<24} {:>9} {:>9} {:>9}",
            "phase", "seconds", "cpu s", "peak MiB"
        )?;
        for t in self.phases() {
            let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
            writeln!(
                f,
                "{:<24} {:>9.3} {:>9} {:>9}",
                t.phase.name(),
                t.seconds,
                or_dash(t.cpu_seconds.map(|c| format!("{c:.2}"))),
                or_dash(t.peak_mib.map(|m| m.to_string())),
            )?;
        }
        Ok(())
    }
}

/// What the system tells about the process (Linux's `/proc`; nothing
/// elsewhere).
pub mod memory {
    /// The process's peak resident memory so far (since the last
    /// [`reset_peak`]), in MiB.
    pub fn peak_mib() -> Option<u64> {
        status_kib("VmHWM:").map(|k| k / 1024)
    }

    /// Starts the peak over from the memory held now (Linux 4.0+).
    pub fn reset_peak() {
        let _ = std::fs::write("/proc/self/clear_refs", "5");
    }

    /// Processor seconds the process has used, every thread, user and system.
    pub fn cpu_seconds() -> Option<f64> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        // Fields after the command's closing parenthesis: utime is the 14th
        // field of the line, stime the 15th, in clock ticks (100 a second).
        let rest = &stat[stat.rfind(')')? + 2..];
        let mut fields = rest.split_whitespace().skip(11);
        let user: f64 = fields.next()?.parse().ok()?;
        let system: f64 = fields.next()?.parse().ok()?;
        Some((user + system) / 100.0)
    }

    fn status_kib(key: &str) -> Option<u64> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }
}
