//! The model crate generated from a whole docs tree, checked as a user
//! would use it: built, linted, documented, and fed every JSON sample of
//! the docs.
//!
//! [`run`] (`cargo xtask model-check`):
//!
//! 1. loads every API version of the docs tree and generates the model
//!    crate into `<out>` as a standalone workspace (deterministic; files
//!    written atomically, unchanged files keep their mtime), with the
//!    round-trip harness as a second member, `<out>/roundtrip`;
//! 2. builds it with clippy as the compiler of its crates (`cargo build
//!    --all-targets` with `RUSTC_WORKSPACE_WRAPPER=clippy-driver`, the
//!    mechanism of `cargo clippy`, so one pass gives both the binary the
//!    harness needs and the lints; `-D warnings`), then runs `cargo doc
//!    --no-deps` (rustdoc warnings denied), with `<out>/target` as target
//!    directory so that a second run is incremental; any warning fails the
//!    step;
//! 3. writes the docs' samples to `<out>/roundtrip/samples.json`
//!    ([`roundtrip::collect_samples`]), runs the harness on them, compares
//!    what it wrote back with the originals ([`compare`]) and judges every
//!    difference ([`roundtrip`]: the table of reasons and who is at fault);
//! 4. calls every documented v1.0 GET operation that has a response
//!    example through the model's client against a local server that
//!    answers the example ([`client_check`]), and judges what came back
//!    the same way.
//!
//! Failures blamed on the docs are findings, not errors: the exit code is
//! 1 only when a round-trip or client failure is blamed on graphdoc. A build,
//! lint or doc warning, or a harness that breaks, is an [`Error`].
//!
//! [`bench::run`] (`cargo xtask bench-model`) measures cold builds of the
//! model for growing parts of the docs against the compile budget;
//! [`serde_bench::run`] (`cargo xtask bench-serde`) its run time and binary
//! size against serde derive.

pub mod bench;
mod cargo;
pub mod client_check;
pub mod compare;
pub mod consumer;
// The harness's own file, so that the docs' requests and what the client
// sent are decoded alike.
#[path = "../harness/percent.rs"]
mod percent;
pub mod roundtrip;
pub mod serde_bench;
pub mod through;

use graphdoc_codegen::{GeneratedCrate, GeneratedFile, GENERATED_MARKER};
use graphdoc_schema::Schema;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The package name of the generated facade (library `graph_model`).
pub const CRATE_NAME: &str = "graph-model";

/// The harness's package, a member of the generated workspace.
const HARNESS_PACKAGE: &str = "graph-model-roundtrip";
const HARNESS_DIR: &str = "roundtrip";
const HARNESS_MAIN: &str = include_str!("../harness/main.rs");
/// The client harness (a second binary of the harness package) and the
/// local server it answers from.
const HARNESS_CLIENT_CALLS: &str = include_str!("../harness/client_calls.rs");
const HARNESS_SERVER: &str = include_str!("../harness/server.rs");
/// The percent-decoder the client harness and [`client_check`] share.
const HARNESS_PERCENT: &str = include_str!("../harness/percent.rs");

/// Where `cargo xtask model-check` reads the docs and builds the model.
#[derive(Clone, Debug)]
pub struct Options {
    /// A docs tree (the folder that holds `api-reference/`).
    pub docs: PathBuf,
    /// Where the model workspace goes (`$TMPDIR/graphdoc-full-model` for
    /// `cargo xtask model-check`: outside the repository).
    pub out: PathBuf,
}

/// Why model-check could not run to the end.
#[derive(Debug)]
pub enum Error {
    /// No `api-reference/<version>` under the docs tree.
    NoDocs(PathBuf),
    /// A version that could not be read.
    Load(graphdoc_docs::LoadError),
    /// The samples of a version could not be checked.
    Samples(graphdoc_samples::Error),
    /// A file or directory that cannot be read or written.
    Io(PathBuf, std::io::Error),
    /// A cargo step failed or warned.
    Step(String),
    /// The harness broke or wrote something unreadable.
    Harness(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoDocs(p) => write!(
                f,
                "no docs at {}: expected api-reference/v1.0 or api-reference/beta",
                p.display()
            ),
            Error::Load(e) => e.fmt(f),
            Error::Samples(e) => e.fmt(f),
            Error::Io(p, e) => write!(f, "{}: {e}", p.display()),
            Error::Step(m) => f.write_str(m),
            Error::Harness(m) => write!(f, "round-trip harness: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<cargo::StepError> for Error {
    fn from(e: cargo::StepError) -> Self {
        Error::Step(e.to_string())
    }
}

/// What `cargo xtask model-check` prints and returns.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Summary, graphdoc-blamed failures, where the full report is.
    pub rendered: String,
    /// The round trip's summaries and failures, each blamed on the docs or graphdoc.
    pub judgement: roundtrip::Judgement,
    /// The documented GET operations called through the client.
    pub client: client_check::ClientReport,
    /// 0, or 1 when a round-trip or client failure is blamed on graphdoc.
    pub exit_code: u8,
}

/// The versions a docs tree holds, in `graphdoc_docs::VERSIONS` order.
pub fn versions_in(docs: &Path) -> Vec<&'static str> {
    graphdoc_docs::VERSIONS
        .into_iter()
        .filter(|v| docs.join("api-reference").join(v).is_dir())
        .collect()
}

/// Loads every version of the docs tree.
pub fn load_schemas(docs: &Path) -> Result<Vec<Schema>, Error> {
    Ok(load(docs)?.into_iter().map(|l| l.schema).collect())
}

/// Loads every version of the docs tree, with the front-end's diagnostics.
fn load(docs: &Path) -> Result<Vec<graphdoc_docs::Loaded>, Error> {
    let versions = versions_in(docs);
    if versions.is_empty() {
        return Err(Error::NoDocs(docs.to_path_buf()));
    }
    graphdoc_docs::load_versions(docs, &versions).map_err(Error::Load)
}

/// Codegen options for a model that builds on its own, wherever it is, as
/// a user of `cargo xtask regenerate --out <dir>` gets it: the derive
/// vendored, the version and revision from the docs.
pub fn standalone_options(docs: &Path, members: &[&str]) -> graphdoc_codegen::Options {
    let revision = graphdoc_codegen::DocsRevision::detect(docs);
    let defaults = graphdoc_codegen::Options::default();
    graphdoc_codegen::Options {
        crate_name: CRATE_NAME.into(),
        version: revision
            .as_ref()
            .map_or(defaults.version.clone(), |r| r.crate_version()),
        docs_revision: revision,
        standalone_workspace: true,
        workspace_members: members.iter().map(|m| m.to_string()).collect(),
        ..defaults
    }
}

/// Progress on standard error: a CI log shows where the time goes.
fn progress(what: &str, start: Instant) {
    eprintln!(
        "model-check: {what} ({:.1} s)",
        start.elapsed().as_secs_f64()
    );
}

/// `cargo xtask model-check`: see the crate docs.
pub fn run(options: &Options) -> Result<Outcome, Error> {
    // The harness runs in `out` and gets file arguments: absolute ones.
    let out = &std::path::absolute(&options.out).map_err(|e| Error::Io(options.out.clone(), e))?;
    let start = Instant::now();
    let loaded = load(&options.docs)?;
    let schemas: Vec<Schema> = loaded.iter().map(|l| l.schema.clone()).collect();
    progress("docs loaded", start);

    let start = Instant::now();
    let mut generated =
        graphdoc_codegen::generate(&schemas, &standalone_options(&options.docs, &[HARNESS_DIR]));
    let (samples, client_calls) = collect(options, &loaded, &generated)?;
    add_harness(&mut generated, &samples, &client_calls.calls);
    let report =
        graphdoc_codegen::write(out, &generated).map_err(|e| Error::Io(out.to_path_buf(), e))?;
    progress(
        &format!(
            "model generated: {} files, {} written, {} removed",
            generated.files.len(),
            report.written.len(),
            report.removed.len()
        ),
        start,
    );

    let cargo = cargo::Cargo::new(out, &out.join("target")).with_clippy();
    for (step, args) in [
        (
            "cargo build, linted by clippy",
            &["build", "--workspace", "--all-targets", "--offline"][..],
        ),
        (
            "cargo doc",
            &["doc", "--workspace", "--no-deps", "--offline"][..],
        ),
    ] {
        let took = cargo.step(step, args)?;
        eprintln!("model-check: {step} ({:.1} s)", took.as_secs_f64());
    }

    let samples_path = out.join(HARNESS_DIR).join("samples.json");
    let text = serde_json::to_string(&serde_json::json!({ "samples": samples }))
        .map_err(|e| Error::Harness(e.to_string()))?;
    write_if_changed(&samples_path, text.as_bytes())?;

    let start = Instant::now();
    let results_path = out.join("target").join("roundtrip-results.json");
    let _ = std::fs::remove_file(&results_path);
    let samples_arg = samples_path.to_string_lossy().into_owned();
    let results_arg = results_path.to_string_lossy().into_owned();
    cargo.step(
        "round-trip harness",
        &[
            "run",
            "--quiet",
            "--offline",
            "--package",
            HARNESS_PACKAGE,
            "--bin",
            HARNESS_PACKAGE,
            "--",
            &samples_arg,
            &results_arg,
        ],
    )?;
    let text =
        std::fs::read_to_string(&results_path).map_err(|e| Error::Io(results_path.clone(), e))?;
    let results = roundtrip::parse_results(&text).map_err(Error::Harness)?;
    let judgement = roundtrip::judge(&samples, &results).map_err(Error::Harness)?;
    progress("round trip", start);

    let report_path = out.join("roundtrip-report.txt");
    write_if_changed(&report_path, full_report(&judgement).as_bytes())?;
    let json_path = out.join("roundtrip-report.json");
    let json =
        serde_json::to_string_pretty(&judgement).map_err(|e| Error::Harness(e.to_string()))?;
    write_if_changed(&json_path, json.as_bytes())?;

    let mut rendered = String::new();
    for f in judgement.graphdoc_failures() {
        let _ = writeln!(rendered, "{}", f.render());
    }
    for s in &judgement.summaries {
        rendered.push_str(&s.render());
    }
    let _ = writeln!(
        rendered,
        "every failure: {}; as JSON: {}",
        report_path.display(),
        json_path.display()
    );

    let start = Instant::now();
    let (client, client_judgement) = client_check::run_harness(&cargo, out, &client_calls)?;
    progress("client calls", start);
    let client_report_path = out.join("client-report.txt");
    write_if_changed(
        &client_report_path,
        full_report(&client_judgement).as_bytes(),
    )?;
    for f in client_judgement.graphdoc_failures() {
        let _ = writeln!(
            rendered,
            "{}",
            f.render().replacen("roundtrip[", "client[", 1)
        );
    }
    rendered.push_str(&client.render());
    let _ = writeln!(
        rendered,
        "every client failure: {}",
        client_report_path.display()
    );

    let exit_code = u8::from(
        judgement.graphdoc_failures().next().is_some()
            || client_judgement.graphdoc_failures().next().is_some(),
    );
    Ok(Outcome {
        rendered,
        judgement,
        client,
        exit_code,
    })
}

/// The samples to round-trip, each API page's responses through their
/// operation ([`through`]), and the client calls of the documented v1.0
/// GET operations ([`client_check`]).
fn collect(
    options: &Options,
    loaded: &[graphdoc_docs::Loaded],
    generated: &GeneratedCrate,
) -> Result<(Vec<roundtrip::RoundTripSample>, client_check::ClientCalls), Error> {
    let start = Instant::now();
    let mut samples = Vec::new();
    let mut client_calls = client_check::ClientCalls::default();
    for l in loaded {
        // The schema the model was generated from: loading the docs again
        // would cost seconds and could only disagree with the model.
        let schema = &l.schema;
        let pages =
            graphdoc_samples::read_pages(&options.docs, &schema.version).map_err(Error::Samples)?;
        let report = graphdoc_samples::check_pages(schema, &schema.version, &pages);
        let mut found = roundtrip::collect_samples(&report, schema);
        let ops = through::Operations::new(schema, &l.diagnostics, &generated.operations);
        through::through_operations(&report, &ops, &mut found);
        samples.extend(found);
        if schema.version == client_check::VERSION {
            client_calls = client_check::collect_calls(&report, &ops, &generated.operations);
        }
    }
    progress(&format!("{} samples collected", samples.len()), start);
    Ok((samples, client_calls))
}

/// Every failure, the summaries, and the fixed review sample.
pub fn full_report(judgement: &roundtrip::Judgement) -> String {
    let mut out = String::new();
    for f in &judgement.failures {
        let _ = writeln!(out, "{}", f.render());
    }
    for s in &judgement.summaries {
        out.push_str(&s.render());
    }
    let sample = judgement.review_sample(REVIEW_SAMPLE);
    let _ = writeln!(
        out,
        "\nreview sample: {} failures, evenly spaced over the list above",
        sample.len()
    );
    for f in sample {
        let _ = writeln!(out, "{}", f.render());
    }
    out
}

/// How many failures the round-trip note reviews by hand.
pub const REVIEW_SAMPLE: usize = 40;

/// Adds the harness crate to the generated workspace: the round trip, and
/// the client calls (`src/bin/client_calls.rs`) of `calls`.
fn add_harness(
    generated: &mut GeneratedCrate,
    samples: &[roundtrip::RoundTripSample],
    calls: &[client_check::ClientCall],
) {
    let header = format!(
        "// {GENERATED_MARKER} (round-trip harness of graphdoc-modelcheck). Do not edit.\n"
    );
    let lib = CRATE_NAME.replace('-', "_");
    let mut arms = String::new();
    for (version, module) in &generated.version_modules {
        let _ = writeln!(
            arms,
            "        {version:?} => ::{lib}::{module}::lookup_type(name),"
        );
    }
    let versions_rs = format!(
        "{header}//! The generated versions by API version name.\n\n\
         /// Finds a generated type by API version and qualified wire name.\n\
         pub fn lookup_type(version: &str, name: &str) -> Option<&'static ::{lib}::runtime::TypeDesc> {{\n    \
         match version {{\n{arms}        _ => None,\n    }}\n}}\n\n{}",
        through::dispatch(&lib, samples)
    );
    // Every version, not only the default feature.
    let features = generated
        .version_modules
        .iter()
        .map(|(_, m)| format!("{m:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    let cargo_toml = format!(
        "# {GENERATED_MARKER} (round-trip harness of graphdoc-modelcheck). Do not edit.\n\
         [package]\nname = \"{HARNESS_PACKAGE}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{CRATE_NAME} = {{ path = \"..\", features = [{features}, \"client\"] }}\n\
         serde_json = {{ version = \"1\", features = [\"preserve_order\"] }}\n\
         tokio = {{ version = \"1\", features = [\"rt-multi-thread\", \"net\", \"time\"] }}\n\
         hyper = {{ version = \"1\", features = [\"server\", \"http1\"] }}\n\
         hyper-util = {{ version = \"0.1\", features = [\"tokio\"] }}\n\
         http-body-util = \"0.1\"\n"
    );
    for (path, contents) in [
        ("Cargo.toml", cargo_toml),
        ("src/main.rs", format!("{header}{HARNESS_MAIN}")),
        ("src/versions.rs", versions_rs),
        (
            "src/bin/client_calls.rs",
            format!("{header}{HARNESS_CLIENT_CALLS}"),
        ),
        ("src/server.rs", format!("{header}{HARNESS_SERVER}")),
        ("src/percent.rs", format!("{header}{HARNESS_PERCENT}")),
        (
            "src/client_dispatch.rs",
            client_check::dispatch_source(&header, &lib, calls),
        ),
    ] {
        generated.files.push(GeneratedFile {
            path: format!("{HARNESS_DIR}/{path}"),
            contents,
        });
    }
}

/// Writes atomically, creating the directory, and only when the bytes
/// differ (an unchanged file keeps its mtime).
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |e| Error::Io(path.to_path_buf(), e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    graphdoc_codegen::write_file_atomically(path, bytes).map_err(io)
}
