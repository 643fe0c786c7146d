//! `cargo xtask bench-model`: the compile budget of the generated model,
//! as a consumer builds it.
//!
//! Generates the model of the whole docs tree into `<out>/graph-model` (a
//! directory of its own, as `regenerate --out` gives a user), then builds a
//! consumer crate beside it the way the generated README says: a path
//! dependency with the default features (v1.0), or with `beta` as well;
//! each with the README's `[profile]` snippet in the consumer's manifest and
//! without it; and v1.0 with the `client` feature (with the snippet). Every build is cold (an empty target directory), in the dev
//! profile, under `/usr/bin/time -v`: wall time, CPU time, peak memory (the
//! largest single process, as `time` reports it) and target size. Last, the
//! release build of a program that reads one `User`, and the size of its
//! stripped binary. Figures depend on what else runs on the machine, so the
//! load average is printed with them.

use crate::consumer::{readme_profile_snippets, write_consumer, write_model, READ_ONE_USER};
use crate::{cargo::Cargo, Error};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The budget of a cold debug build with the README's snippet:
/// `(features, wall seconds, peak bytes)`.
pub const BUDGETS: &[(&str, f64, u64)] = &[
    ("v1.0", 30.0, 1_000_000_000),
    ("v1.0+beta", 75.0, 2_000_000_000),
];

/// Where `cargo xtask bench-model` reads the docs and builds.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// A docs tree (the folder that holds `api-reference/`).
    pub docs: PathBuf,
    /// The model and one consumer crate per build go under it.
    pub out: PathBuf,
}

/// One measured build.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// `v1.0` or `v1.0+beta`.
    pub features: String,
    /// `dev` for the consumers' builds, `release` for the program that reads one `User`.
    pub profile: &'static str,
    /// The consumer's manifest has the README's `[profile]` snippet.
    pub snippet: bool,
    /// Elapsed time of the cold build.
    pub wall_seconds: f64,
    /// User plus system time of the build and its children.
    pub cpu_seconds: f64,
    /// The largest single process's peak memory, as `time -v` reports it.
    pub peak_rss_bytes: u64,
    /// The size of the target directory after the build.
    pub target_bytes: u64,
}

/// What `cargo xtask bench-model` measured, printed and returns.
#[derive(Clone, Debug)]
pub struct BenchOutcome {
    /// Every build measured, in the order run.
    pub points: Vec<Point>,
    /// The stripped release binary that reads one `User`.
    pub read_user_binary_bytes: u64,
    /// The table of figures, with the machine's load average.
    pub rendered: String,
    /// 1 when a build with the snippet is over its budget.
    pub exit_code: u8,
}

/// Generates the model, then builds each consumer cold and measures it (minutes: see the module docs).
pub fn run(options: &BenchOptions) -> Result<BenchOutcome, Error> {
    let work = std::path::absolute(&options.out).map_err(|e| Error::Io(options.out.clone(), e))?;
    let generated = write_model(&options.docs, &work)?;
    let readme = generated.file("README.md").unwrap_or_default();
    let snippets = readme_profile_snippets(readme);
    let default_snippet = snippets.first().cloned().unwrap_or_default();
    let all_snippets = snippets.concat();
    let beta = generated.version_modules.iter().any(|(_, m)| m == "beta");

    let load_before = load_average();
    let mut builds: Vec<(&str, Vec<&str>, bool, String)> = vec![
        ("v1.0", vec![], true, default_snippet.clone()),
        ("v1.0", vec![], false, String::new()),
        // The HTTP client's cost: reqwest, tokio, hyper and the runtime's
        // client module, on top of the first build.
        ("v1.0+client", vec!["client"], true, default_snippet.clone()),
    ];
    if beta {
        builds.push(("v1.0+beta", vec!["beta"], true, all_snippets));
        builds.push(("v1.0+beta", vec!["beta"], false, String::new()));
    }
    let mut points = Vec::new();
    for (features, extra, snippet, profile) in &builds {
        let name = format!(
            "consumer-{}-{}",
            features.replace(['.', '+'], "_"),
            if *snippet { "snippet" } else { "plain" }
        );
        let dir = write_consumer(&work, &name, extra, profile, READ_ONE_USER)?;
        eprintln!("bench-model: building {name} cold (debug)");
        let (timed, target_bytes) = cold_build(&dir, &["build", "--offline"])?;
        let point = Point {
            features: features.to_string(),
            profile: "dev",
            snippet: *snippet,
            wall_seconds: timed.wall_seconds,
            cpu_seconds: timed.cpu_seconds,
            peak_rss_bytes: timed.peak_rss_bytes,
            target_bytes,
        };
        eprint!("bench-model: {}", render(std::slice::from_ref(&point)));
        points.push(point);
        remove_target(&dir)?;
    }
    let dir = write_consumer(&work, "consumer-read-user", &[], "", READ_ONE_USER)?;
    eprintln!("bench-model: building consumer-read-user cold (release)");
    let (timed, target_bytes) = cold_build(&dir, &["build", "--offline", "--release"])?;
    points.push(Point {
        features: "v1.0".into(),
        profile: "release",
        snippet: false,
        wall_seconds: timed.wall_seconds,
        cpu_seconds: timed.cpu_seconds,
        peak_rss_bytes: timed.peak_rss_bytes,
        target_bytes,
    });
    let binary = dir.join("target/release/consumer-read-user");
    let read_user_binary_bytes = std::fs::metadata(&binary)
        .map_err(|e| Error::Io(binary.clone(), e))?
        .len();
    remove_target(&dir)?;
    let load_after = load_average();

    let mut over = false;
    let mut rendered = render(&points);
    let _ = writeln!(
        rendered,
        "release binary that reads one User (stripped): {}",
        mb(read_user_binary_bytes)
    );
    for (features, wall, peak) in BUDGETS {
        let Some(p) = points
            .iter()
            .find(|p| p.features == *features && p.snippet && p.profile == "dev")
        else {
            continue;
        };
        let within = p.wall_seconds <= *wall && p.peak_rss_bytes <= *peak;
        over |= !within;
        let _ = writeln!(
            rendered,
            "budget for {features} with the snippet: {wall:.0} s and {}: {}",
            gb(*peak),
            if within { "within" } else { "OVER" }
        );
    }
    let _ = writeln!(
        rendered,
        "load average (1, 5, 15 min) before: {load_before}; after: {load_after}"
    );
    Ok(BenchOutcome {
        points,
        read_user_binary_bytes,
        rendered,
        exit_code: u8::from(over),
    })
}

/// Builds `dir` with an empty target directory `dir/target`, timed.
fn cold_build(dir: &Path, args: &[&str]) -> Result<(Timed, u64), Error> {
    remove_target(dir)?;
    let target = dir.join("target");
    let timed = timed_build(dir, &target, args)?;
    Ok((timed, dir_size(&target)))
}

/// A measured build's target directory goes at once: the builds of the
/// bench would need 2 GB of disk together.
fn remove_target(dir: &Path) -> Result<(), Error> {
    let target = dir.join("target");
    match std::fs::remove_dir_all(&target) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::Io(target, e)),
    }
}

/// The table.
pub fn render(points: &[Point]) -> String {
    let mut out = String::from("features    profile  snippet    wall     cpu  peak RSS   target\n");
    for p in points {
        let _ = writeln!(
            out,
            "{:<11} {:<8} {:<7} {:>6.1}s {:>6.1}s {:>9} {:>8}",
            p.features,
            p.profile,
            if p.snippet { "yes" } else { "no" },
            p.wall_seconds,
            p.cpu_seconds,
            gb(p.peak_rss_bytes),
            gb(p.target_bytes),
        );
    }
    out
}

struct Timed {
    wall_seconds: f64,
    cpu_seconds: f64,
    peak_rss_bytes: u64,
}

fn timed_build(dir: &Path, target: &Path, args: &[&str]) -> Result<Timed, Error> {
    let cargo = Cargo::new(dir, target);
    let cmd = cargo.command(args);
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    // The same environment, with `time -v` in front.
    let mut timed = std::process::Command::new("/usr/bin/time");
    timed.arg("-v").arg(program).args(args).current_dir(dir);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => timed.env(k, v),
            None => timed.env_remove(k),
        };
    }
    let output = timed
        .output()
        .map_err(|e| Error::Step(format!("cannot run /usr/bin/time: {e}")))?;
    crate::cargo::check_output("cargo build (timed)", &output)?;
    parse_time_v(&String::from_utf8_lossy(&output.stderr))
        .ok_or_else(|| Error::Step("no figures in the output of /usr/bin/time -v".into()))
}

/// Wall, user + system time and peak RSS from GNU `time -v` output.
fn parse_time_v(text: &str) -> Option<Timed> {
    let field = |name: &str| -> Option<&str> {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(str::trim)
    };
    let seconds = |s: &str| s.parse::<f64>().ok();
    let wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss):")?;
    let mut wall = 0.0;
    for part in wall_text.split(':') {
        wall = wall * 60.0 + seconds(part)?;
    }
    let cpu = seconds(field("User time (seconds):")?)? + seconds(field("System time (seconds):")?)?;
    let kb = field("Maximum resident set size (kbytes):")?
        .parse::<u64>()
        .ok()?;
    Some(Timed {
        wall_seconds: wall,
        cpu_seconds: cpu,
        peak_rss_bytes: kb * 1024,
    })
}

fn dir_size(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            match entry.metadata() {
                Ok(m) if m.is_dir() => stack.push(entry.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn gb(bytes: u64) -> String {
    format!("{:.2} GB", bytes as f64 / 1e9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_v_output_is_read() {
        let text = "\tCommand being timed: \"cargo build\"\n\tUser time (seconds): 60.50\n\tSystem time (seconds): 9.25\n\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50\n\tMaximum resident set size (kbytes): 1843200\n";
        let t = parse_time_v(text).unwrap();
        assert_eq!((t.wall_seconds, t.cpu_seconds), (62.5, 69.75));
        assert_eq!(t.peak_rss_bytes, 1_887_436_800);
        let hours = text.replace("1:02.50", "1:00:01");
        assert_eq!(parse_time_v(&hours).unwrap().wall_seconds, 3601.0);
        assert!(parse_time_v("Command exited with non-zero status 101").is_none());
    }

    #[test]
    fn the_table_has_a_row_per_build() {
        let point = |features: &str, snippet| Point {
            features: features.into(),
            profile: "dev",
            snippet,
            wall_seconds: 20.0,
            cpu_seconds: 35.5,
            peak_rss_bytes: 850_000_000,
            target_bytes: 240_000_000,
        };
        let text = render(&[point("v1.0", true), point("v1.0+beta", false)]);
        assert!(
            text.contains("v1.0        dev      yes       20.0s   35.5s   0.85 GB  0.24 GB"),
            "{text}"
        );
        assert!(text.contains("v1.0+beta   dev      no "), "{text}");
    }
}
