//! The progress bar a person sees while the files are read.

use std::io::IsTerminal;
use std::sync::OnceLock;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::input::Found;
use crate::phase::{Phase, Progress};

/// A bar on stderr while files are read, when stderr is a terminal and the
/// run is not quiet; otherwise nothing (cron mail and logs stay clean).
#[derive(Debug, Default)]
pub(crate) struct Bar {
    quiet: bool,
    bar: OnceLock<ProgressBar>,
}

impl Bar {
    /// A bar, hidden when `quiet`.
    pub(crate) fn new(quiet: bool) -> Bar {
        Bar {
            quiet,
            bar: OnceLock::new(),
        }
    }
}

impl Progress for Bar {
    fn reading(&self, files: usize) {
        self.bar.get_or_init(|| {
            if self.quiet || !std::io::stderr().is_terminal() {
                return ProgressBar::hidden();
            }
            let bar =
                ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template(
                "reading {bar:30.cyan/blue} {pos}/{len} files  {wide_msg}",
            ) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
    }

    fn file_read(&self, file: &Found) {
        if let Some(bar) = self.bar.get() {
            bar.set_message(file.shown.clone());
            bar.inc(1);
        }
    }

    fn phase_done(&self, phase: Phase, _took: std::time::Duration) {
        if phase == Phase::Read
            && let Some(bar) = self.bar.get()
        {
            bar.finish_and_clear();
        }
    }
}
