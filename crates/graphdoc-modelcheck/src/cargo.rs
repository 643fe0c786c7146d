//! Running cargo on the generated workspace, isolated from the cargo that
//! runs us.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// Variables a parent cargo (or the user's shell) sets that would change
/// what the child builds or where: they are set explicitly or removed, so
/// that repeated runs reuse the same artifacts.
const CLEARED_ENV: &[&str] = &[
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET_DIR",
    "CARGO_ENCODED_RUSTFLAGS",
    "CARGO_ENCODED_RUSTDOCFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_BUILD_RUSTDOCFLAGS",
    "RUSTFLAGS",
    "RUSTDOCFLAGS",
    "CARGO_MAKEFLAGS",
    "MAKEFLAGS",
    "MFLAGS",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_INCREMENTAL",
    "CARGO_PROFILE_DEV_DEBUG",
    "CARGO_PROFILE_DEV_INCREMENTAL",
    "RUSTC_WORKSPACE_WRAPPER",
];

/// A cargo invocation in `dir` with its own target directory.
pub struct Cargo {
    pub program: PathBuf,
    pub dir: PathBuf,
    pub target_dir: PathBuf,
    /// `clippy-driver` as the compiler of the workspace members (what
    /// `cargo clippy` does on `cargo check`): a `cargo build` then lints as
    /// it compiles, one pass instead of a build and a separate check.
    pub clippy_driver: Option<PathBuf>,
}

/// A failed cargo step.
#[derive(Debug)]
pub struct StepError {
    pub step: String,
    pub message: String,
}

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} failed:\n{}", self.step, self.message)
    }
}

impl Cargo {
    pub fn new(dir: &Path, target_dir: &Path) -> Cargo {
        Cargo {
            // Set by cargo for the programs it runs (`cargo xtask`).
            program: std::env::var_os("CARGO")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("cargo")),
            dir: dir.to_path_buf(),
            target_dir: target_dir.to_path_buf(),
            clippy_driver: None,
        }
    }

    /// Lints every workspace member as it is compiled, warnings denied.
    pub fn with_clippy(mut self) -> Cargo {
        // Beside cargo in a rustup toolchain; else the one on the PATH.
        let beside = self.program.with_file_name("clippy-driver");
        self.clippy_driver = Some(if beside.is_file() {
            beside
        } else {
            PathBuf::from("clippy-driver")
        });
        self
    }

    /// The command with a clean environment: warnings denied for rustc and
    /// rustdoc, never the network (everything the model needs is in the
    /// local registry once the graphdoc workspace has been built).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.program);
        cmd.args(args).current_dir(&self.dir);
        for var in CLEARED_ENV {
            cmd.env_remove(var);
        }
        cmd.env("CARGO_TARGET_DIR", &self.target_dir)
            .env("RUSTFLAGS", "-D warnings")
            .env("RUSTDOCFLAGS", "-D warnings")
            .env("CARGO_TERM_COLOR", "never")
            .env("CARGO_NET_OFFLINE", "true");
        if let Some(driver) = &self.clippy_driver {
            cmd.env("RUSTC_WORKSPACE_WRAPPER", driver);
        }
        cmd
    }

    /// Runs `cargo <args>`; fails on a non-zero exit and on any warning
    /// (cargo's own included, such as an unused manifest key).
    pub fn step(&self, step: &str, args: &[&str]) -> Result<Duration, StepError> {
        let start = Instant::now();
        let output = self.command(args).output().map_err(|e| StepError {
            step: step.to_string(),
            message: format!("cannot run {}: {e}", self.program.display()),
        })?;
        let took = start.elapsed();
        check_output(step, &output)?;
        Ok(took)
    }
}

pub fn check_output(step: &str, output: &Output) -> Result<(), StepError> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let warned = stderr
        .lines()
        .any(|l| l.trim_start().starts_with("warning"));
    if output.status.success() && !warned {
        return Ok(());
    }
    Err(StepError {
        step: step.to_string(),
        message: format!(
            "{}{}",
            if output.status.success() {
                "it warned\n"
            } else {
                ""
            },
            tail(&stderr, 80)
        ),
    })
}

/// The last `n` lines of `text`.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(n);
    let mut out = lines[start..].join("\n");
    if start > 0 {
        out.insert_str(0, &format!("[{start} earlier lines]\n"));
    }
    out
}
