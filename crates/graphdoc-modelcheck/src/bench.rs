//! `cargo xtask bench-model`: the compile budget of the generated model.
//!
//! Generates the model for growing parts of a docs tree (v1.0 alone, every
//! other type of v1.0 and beta, all of v1.0 and beta), builds each cold (an
//! empty target directory) in the dev profile under `/usr/bin/time -v`, and
//! prints wall time, CPU time, peak memory (the largest single process, as
//! `time` reports it), source and target sizes, and the cost per struct.
//! The budget (issue 8) is for v1.0 and beta together: at most 90 s wall and
//! 2.5 GB. Figures depend on what else runs on the machine, so the load
//! average is printed with them.

use crate::{cargo::Cargo, load_schemas, standalone_options, Error};
use graphdoc_schema::Schema;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Budget for a cold debug build of v1.0 and beta.
pub const BUDGET_WALL_SECONDS: f64 = 90.0;
pub const BUDGET_PEAK_BYTES: u64 = 2_500_000_000;

#[derive(Clone, Debug)]
pub struct BenchOptions {
    pub docs: PathBuf,
    /// One standalone workspace per point goes under it.
    pub out: PathBuf,
}

/// One measured build.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub name: String,
    pub structs: usize,
    pub enums: usize,
    pub operations: usize,
    pub source_bytes: u64,
    pub wall_seconds: f64,
    pub cpu_seconds: f64,
    pub peak_rss_bytes: u64,
    pub target_bytes: u64,
}

#[derive(Clone, Debug)]
pub struct BenchOutcome {
    pub points: Vec<Point>,
    pub rendered: String,
    /// 1 when the full build is over budget.
    pub exit_code: u8,
}

/// Keeps every other type, enum and operation (in name order): a corpus
/// half the size with the same mix. References to a dropped type become
/// `serde_json::Value` fields, as codegen does for any unknown type.
pub fn halve(schema: &Schema) -> Schema {
    Schema {
        version: schema.version.clone(),
        types: schema
            .types
            .iter()
            .step_by(2)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        enums: schema
            .enums
            .iter()
            .step_by(2)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        operations: schema.operations.iter().step_by(2).cloned().collect(),
    }
}

pub fn run(options: &BenchOptions) -> Result<BenchOutcome, Error> {
    let all = load_schemas(&options.docs)?;
    let mut configs: Vec<(String, Vec<Schema>)> = Vec::new();
    if let Some(v1) = all.iter().find(|s| s.version == "v1.0") {
        configs.push(("v1.0".into(), vec![v1.clone()]));
    }
    if all.len() > 1 {
        configs.push(("half of both".into(), all.iter().map(halve).collect()));
    }
    let names: Vec<&str> = all.iter().map(|s| s.version.as_str()).collect();
    configs.push((names.join("+"), all.clone()));

    let load_before = load_average();
    let mut points = Vec::new();
    for (i, (name, schemas)) in configs.iter().enumerate() {
        let dir = std::path::absolute(options.out.join(format!("point-{i}")))
            .map_err(|e| Error::Io(options.out.clone(), e))?;
        let generated =
            graphdoc_codegen::generate(schemas, &standalone_options(&options.docs, &[]));
        graphdoc_codegen::write(&dir, &generated).map_err(|e| Error::Io(dir.clone(), e))?;
        let target = dir.join("target");
        match std::fs::remove_dir_all(&target) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::Io(target, e)),
        }
        eprintln!("bench-model: building {name} cold in {}", dir.display());
        let timed = timed_build(&dir, &target)?;
        let point = Point {
            name: name.clone(),
            structs: schemas.iter().map(|s| s.types.len()).sum(),
            enums: schemas.iter().map(|s| s.enums.len()).sum(),
            operations: schemas.iter().map(|s| s.operations.len()).sum(),
            source_bytes: generated
                .files
                .iter()
                .map(|f| f.contents.len() as u64)
                .sum(),
            wall_seconds: timed.wall_seconds,
            cpu_seconds: timed.cpu_seconds,
            peak_rss_bytes: timed.peak_rss_bytes,
            target_bytes: dir_size(&target),
        };
        eprintln!(
            "bench-model: {name}: {:.1} s, {}",
            point.wall_seconds,
            gb(point.peak_rss_bytes)
        );
        points.push(point);
    }
    let load_after = load_average();
    let full = points.last().expect("at least one point");
    let over = full.wall_seconds > BUDGET_WALL_SECONDS || full.peak_rss_bytes > BUDGET_PEAK_BYTES;
    let mut rendered = render(&points);
    let _ = writeln!(
        rendered,
        "budget for {}: {BUDGET_WALL_SECONDS:.0} s and {}: {}",
        full.name,
        gb(BUDGET_PEAK_BYTES),
        if over { "OVER" } else { "within" }
    );
    let _ = writeln!(
        rendered,
        "load average (1, 5, 15 min) before: {load_before}; after: {load_after}"
    );
    Ok(BenchOutcome {
        points,
        rendered,
        exit_code: u8::from(over),
    })
}

/// The table and the growth between consecutive points.
pub fn render(points: &[Point]) -> String {
    let mut out = String::from(
        "point            structs  enums    ops   source    wall     cpu  peak RSS  target  wall ms/struct  cpu ms/struct\n",
    );
    for p in points {
        let _ = writeln!(
            out,
            "{:<15} {:>8} {:>6} {:>6} {:>8} {:>6.1}s {:>6.1}s {:>9} {:>7} {:>15.1} {:>14.1}",
            p.name,
            p.structs,
            p.enums,
            p.operations,
            mb(p.source_bytes),
            p.wall_seconds,
            p.cpu_seconds,
            gb(p.peak_rss_bytes),
            gb(p.target_bytes),
            per_struct_ms(p.wall_seconds, p.structs),
            per_struct_ms(p.cpu_seconds, p.structs),
        );
    }
    for pair in points.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let added = b.structs.saturating_sub(a.structs);
        if added == 0 {
            continue;
        }
        let _ = writeln!(
            out,
            "{} -> {}: +{added} structs, +{:.1} s wall ({:.1} ms per added struct), +{:.1} s cpu ({:.1} ms per added struct), peak {:+.2} GB",
            a.name,
            b.name,
            b.wall_seconds - a.wall_seconds,
            per_struct_ms(b.wall_seconds - a.wall_seconds, added),
            b.cpu_seconds - a.cpu_seconds,
            per_struct_ms(b.cpu_seconds - a.cpu_seconds, added),
            (b.peak_rss_bytes as f64 - a.peak_rss_bytes as f64) / 1e9,
        );
    }
    out
}

fn per_struct_ms(seconds: f64, structs: usize) -> f64 {
    if structs == 0 {
        0.0
    } else {
        seconds * 1000.0 / structs as f64
    }
}

struct Timed {
    wall_seconds: f64,
    cpu_seconds: f64,
    peak_rss_bytes: u64,
}

fn timed_build(dir: &Path, target: &Path) -> Result<Timed, Error> {
    let cargo = Cargo::new(dir, target);
    let cmd = cargo.command(&["build", "--offline"]);
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
    fn halving_keeps_every_other_item() {
        let mut s = Schema::default();
        for name in ["a", "b", "c"] {
            let t = graphdoc_schema::TypeDef::new(
                name,
                "microsoft.graph",
                graphdoc_schema::TypeKind::Complex,
                graphdoc_schema::Source::new("x.md", 1),
            );
            s.types.insert(t.qualified_name(), t);
        }
        let half = halve(&s);
        assert_eq!(
            half.types.keys().collect::<Vec<_>>(),
            ["microsoft.graph.a", "microsoft.graph.c"]
        );
    }

    #[test]
    fn growth_is_rendered_per_added_struct() {
        let point = |name: &str, structs, wall| Point {
            name: name.into(),
            structs,
            enums: 0,
            operations: 0,
            source_bytes: 0,
            wall_seconds: wall,
            cpu_seconds: wall,
            peak_rss_bytes: 1_000_000_000,
            target_bytes: 0,
        };
        let text = render(&[point("small", 1000, 20.0), point("big", 3000, 50.0)]);
        assert!(
            text.contains("small -> big: +2000 structs, +30.0 s wall (15.0 ms per added struct), +30.0 s cpu (15.0 ms per added struct)"),
            "{text}"
        );
    }
}
