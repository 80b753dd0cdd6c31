//! Running the binary under test: one builder for every command line the
//! tests run, and what a run left (exit code, stdout, stderr, the JSON
//! summary, the report).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::report::Report;

/// The longest one run may take: a hang fails its test instead of holding
/// up the suite.
const TIMEOUT: Duration = Duration::from_secs(300);

/// The as-of date the samples are worked out for by hand.
pub const SAMPLES_AS_OF: &str = "2017-09-30";

/// A command line of the binary under test, built up and then run once.
pub struct Run {
    cmd: assert_cmd::Command,
    /// The command line as given, for failure messages.
    line: Vec<String>,
    /// Where `--json` writes, when given through [`Run::json`].
    json: Option<PathBuf>,
    /// The working directory, which a relative report path is relative to.
    cwd: Option<PathBuf>,
    /// The fresh output folder of [`Run::report_of`], kept as long as the
    /// output or a report read from it.
    out: Option<Arc<tempfile::TempDir>>,
}

impl Run {
    /// The binary, with no arguments yet.
    pub fn new() -> Run {
        Run::from(assert_cmd::Command::new(env!(
            "CARGO_BIN_EXE_competency-report"
        )))
    }

    /// The binary run through `sh -c` with `script` first (a `ulimit`, a
    /// `trap`), for the tests that need the shell to set limits.
    pub fn in_shell(script: &str) -> Run {
        let mut cmd = assert_cmd::Command::new("sh");
        cmd.arg("-c")
            .arg(format!("{script}; exec \"$0\" \"$@\""))
            .arg(env!("CARGO_BIN_EXE_competency-report"));
        Run::from(cmd)
    }

    fn from(mut cmd: assert_cmd::Command) -> Run {
        cmd.timeout(TIMEOUT);
        Run {
            cmd,
            line: Vec::new(),
            json: None,
            cwd: None,
            out: None,
        }
    }

    /// `run --input INPUT` into a fresh output folder (kept as long as the
    /// [`Output`] or a [`Report`] read from it), with the JSON summary
    /// beside the report: the run most tests make. Add `--as-of` and the
    /// rest with [`Run::args`].
    pub fn report_of(input: impl AsRef<Path>) -> Run {
        let out = tempfile::tempdir().expect("a temporary folder");
        let mut run = Run::new()
            .args(["run", "--input"])
            .arg(input.as_ref())
            .arg("--output")
            .arg(out.path())
            .json(out.path().join("summary.json"));
        run.out = Some(Arc::new(out));
        run
    }

    /// [`Run::report_of`] the samples as of [`SAMPLES_AS_OF`].
    pub fn samples() -> Run {
        Run::report_of(super::samples()).args(["--as-of", SAMPLES_AS_OF])
    }

    /// One more argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Run {
        self.line.push(arg.as_ref().to_string_lossy().into_owned());
        self.cmd.arg(arg);
        self
    }

    /// More arguments.
    pub fn args<I, S>(self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        args.into_iter().fold(self, Run::arg)
    }

    /// `--json PATH`; [`Output::json`] reads it back.
    pub fn json(mut self, path: impl Into<PathBuf>) -> Run {
        let path = path.into();
        self = self.arg("--json").arg(&path);
        self.json = Some(path);
        self
    }

    /// Runs in `dir` (relative paths, the config file found there).
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Run {
        self.cmd.current_dir(dir.as_ref());
        self.cwd = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Run {
        self.cmd.env(key, value);
        self
    }

    /// The longest this run may take, instead of five minutes.
    pub fn timeout(mut self, limit: Duration) -> Run {
        self.cmd.timeout(limit);
        self
    }

    /// Runs the command, whatever its exit code.
    pub fn run(mut self) -> Output {
        let output = self
            .cmd
            .output()
            .unwrap_or_else(|e| panic!("{:?}: {e}", self.line));
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let code = output
            .status
            .code()
            .unwrap_or_else(|| panic!("{:?} ended by a signal: {stderr}", self.line));
        Output {
            code,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr,
            line: self.line,
            json: self.json,
            cwd: self.cwd,
            out: self.out,
        }
    }

    /// Runs the command, which must succeed (exit code 0).
    pub fn ok(self) -> Output {
        self.code(0)
    }

    /// Runs the command, which must end with exit code `code`.
    pub fn code(self, code: i32) -> Output {
        let output = self.run();
        assert_eq!(
            output.code, code,
            "exit code of {:?}; stderr:\n{}",
            output.line, output.stderr
        );
        output
    }
}

/// What a run left: its exit code, what it printed and the files it wrote.
pub struct Output {
    /// The exit code.
    pub code: i32,
    /// What the command printed on stdout.
    pub stdout: String,
    /// What the command printed on stderr.
    pub stderr: String,
    line: Vec<String>,
    json: Option<PathBuf>,
    cwd: Option<PathBuf>,
    out: Option<Arc<tempfile::TempDir>>,
}

impl Output {
    /// The JSON summary written through [`Run::json`], parsed.
    pub fn json(&self) -> serde_json::Value {
        read_json(self.json_path())
    }

    /// The JSON summary written through [`Run::json`], as text.
    pub fn json_text(&self) -> String {
        let path = self.json_path();
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn json_path(&self) -> &Path {
        self.json
            .as_deref()
            .unwrap_or_else(|| panic!("{:?} was not given --json", self.line))
    }

    /// The report the run wrote: `run` prints its path on stdout (relative
    /// to the working directory when the output folder was given so). It
    /// keeps the fresh output folder of [`Run::report_of`] as long as it lives.
    pub fn report(&self) -> Report {
        let printed = self.stdout.trim();
        assert!(
            !printed.is_empty() && !printed.contains('\n'),
            "{:?} printed no report path: {printed:?}",
            self.line
        );
        let path = match &self.cwd {
            Some(cwd) => cwd.join(printed),
            None => PathBuf::from(printed),
        };
        assert!(
            path.is_file(),
            "{:?}: no report at {}",
            self.line,
            path.display()
        );
        Report::in_folder(path, self.out.clone())
    }

    /// The fresh output folder of [`Run::report_of`].
    pub fn out(&self) -> &Path {
        self.out
            .as_ref()
            .unwrap_or_else(|| panic!("{:?} has no fresh output folder", self.line))
            .path()
    }

    /// Asserts that stdout holds `part`.
    pub fn stdout_has(&self, part: &str) -> &Output {
        assert!(
            self.stdout.contains(part),
            "{part:?} not on stdout:\n{}",
            self.stdout
        );
        self
    }

    /// Asserts that stderr holds `part`.
    pub fn stderr_has(&self, part: &str) -> &Output {
        assert!(
            self.stderr.contains(part),
            "{part:?} not on stderr:\n{}",
            self.stderr
        );
        self
    }
}

/// A JSON file the tool wrote, parsed.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
