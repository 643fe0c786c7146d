//! Doc samples: every JSON block of a docs tree, read tolerantly and checked
//! against the schema the docs themselves describe.
//!
//! [`extract`] finds the blocks (resource representations, request and
//! response bodies, other ```json examples) with their annotation comment,
//! HTTP line and position; [`tolerant`] reads them, forgiving what doc JSON
//! usually gets wrong and saying so; [`validate`] checks each value against
//! the type its context names. [`run`] is the `graphdoc samples` entry
//! point; [`samples_for_roundtrip`] hands clean samples to the code
//! generator's round-trip tests.

pub mod extract;
pub mod pr;
/// The tolerant JSON reader, which lives in the front-end (its annotation
/// comments and the linter read JSON through it too).
pub use graphdoc_docs::tolerant;
pub mod validate;

use extract::{RawSample, SampleKind};
use graphdoc_docs::LoadError;
use graphdoc_schema::{Diagnostic, Operation, Schema, Severity, Source};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use validate::{FindingKind, Lookup};

/// Diagnostic codes of this crate, and their registry entries.
pub mod codes {
    use crate::validate::FindingKind;
    use graphdoc_schema::{Code, Severity};

    /// A JSON block the tolerant reader could not read.
    pub const UNREADABLE: &str = "GS0001";
    /// One of the docs' elision conventions the tolerant reader forgave.
    pub const FORGIVEN: &str = "GS0002";
    /// Broken JSON the tolerant reader read anyway.
    pub const INVALID_JSON: &str = "GS0018";

    /// The code of a finding about a sample value.
    pub fn of_kind(kind: FindingKind) -> &'static str {
        match kind {
            FindingKind::UnknownProperty => "GS0003",
            FindingKind::WrongJsonType => "GS0004",
            FindingKind::NotEnumMember => "GS0005",
            FindingKind::MalformedTimestamp => "GS0006",
            FindingKind::MalformedDate => "GS0007",
            FindingKind::MalformedGuid => "GS0008",
            FindingKind::MalformedDuration => "GS0009",
            FindingKind::MalformedTimeOfDay => "GS0010",
            FindingKind::NullNotNullable => "GS0011",
            FindingKind::ReadOnlyInRequest => "GS0012",
            FindingKind::AbsentProperty => "GS0013",
            FindingKind::AbsentRequired => "GS0014",
            FindingKind::PlaceholderDrift => "GS0015",
            FindingKind::UnknownType => "GS0016",
            FindingKind::MalformedBinary => "GS0017",
        }
    }

    const fn code(
        code: &'static str,
        name: &'static str,
        default_severity: Severity,
        summary: &'static str,
        explain: &'static str,
    ) -> Code {
        Code {
            code,
            name,
            summary,
            default_severity,
            enabled: true,
            explain,
            aliases: &[],
        }
    }

    /// Every code of the samples check, with its explanation.
    pub static CODES: &[Code] = &[
        code(UNREADABLE, "sample-unreadable", Severity::Error, "a JSON block cannot be read, even forgiving what doc JSON usually gets wrong",
            "A ```json block (resource representation, request or response body, other example) is not JSON, and the tolerant reader cannot read it either: an unclosed brace, text in place of a value… The sample is not checked. Fix: make the block valid JSON; elide with a comment-free `...` only where the docs' convention allows it."),
        code(FORGIVEN, "sample-forgiven", Severity::Note, "a JSON block uses the docs' elision conventions (a comment, `...`, a `{id}` placeholder)",
            "The block is not strict JSON, but what it adds is one of the docs' conventions for eliding or annotating an example, which readers recognise: `// comments`, `...` for elided members, unquoted `{id}` placeholders, `a | b` alternatives. The value read is checked as usual. Broken JSON (a missing or extra comma, single quotes, an unquoted key…) is GS0018, an error. Fix, if the example should be copyable: write strict JSON."),
        code("GS0003", "unknown-property", Severity::Warning, "a sample sets a property its type (with its base types) does not have",
            "An object of a sample has a member that is not a property of the object's type, own or inherited, as the docs define it (open types excepted). Either the sample uses a property of another type or version, or the type's table misses the property. Fix: correct the sample or add the property to the table."),
        code("GS0004", "wrong-json-type", Severity::Warning, "a sample value has the wrong JSON type (string, number, boolean, object, array) for its property",
            "The property's type says string, number, boolean, object or array, and the sample gives another kind of JSON value (a number for a String, a single object for a collection…). Fix: correct the sample or the property's type."),
        code("GS0005", "not-enum-member", Severity::Warning, "a sample gives an enum-typed property a value that is not a member",
            "The property's type is an enum and the sample's string is not one of its members (flags enums accept comma-separated members). Typically the generator's `\"String\"` placeholder. Fix: use a member, or add the member to the enum's page."),
        code("GS0006", "malformed-timestamp", Severity::Warning, "a DateTimeOffset value is not an RFC 3339 timestamp",
            "The property is an Edm.DateTimeOffset and the sample's string is not a timestamp as the service writes it (`2024-01-31T12:00:00Z`, with offset or `Z`): an upper-case `T` and `Z`, a day that exists, an offset `+hh:mm`. The generated model refuses the same values (one validator, `graphdoc_schema::edm::formats`). Fix: write a valid timestamp."),
        code("GS0007", "malformed-date", Severity::Warning, "a Date value is not a `YYYY-MM-DD` date",
            "The property is an Edm.Date and the sample's string is not a calendar date `YYYY-MM-DD` that exists (`2023-02-29` does not). Fix: write a valid date."),
        code("GS0008", "malformed-guid", Severity::Warning, "a Guid value is not a GUID",
            "The property is an Edm.Guid and the sample's string is not `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hexadecimal. Fix: write a valid GUID."),
        code("GS0009", "malformed-duration", Severity::Warning, "a Duration value is not an ISO 8601 duration",
            "The property is an Edm.Duration and the sample's string is not an ISO 8601 duration as OData writes it (`PT1H30M`, `P2D`, `PT0.5S`): a fraction only on the seconds and with a point, never a comma (`PT1,5S` and `P1.5D` are refused, as the generated model refuses them). Fix: write a valid duration."),
        code("GS0010", "malformed-time-of-day", Severity::Warning, "a TimeOfDay value is not `hh:mm:ss`",
            "The property is an Edm.TimeOfDay and the sample's string is not a time of day `hh:mm[:ss[.fff]]`. Fix: write a valid time."),
        code("GS0011", "null-not-nullable", Severity::Warning, "a sample sets `null` for a property the docs say is not nullable",
            "The sample gives `null` to a property the docs say is not nullable. Either the sample or the docs' nullability is wrong. Fix: give a value, or correct the description."),
        code("GS0012", "read-only-in-request", Severity::Warning, "a request body sets a property the docs say is read-only",
            "A request example (create or update) sets a property whose description says it is read-only. The service ignores or rejects it. Fix: remove it from the request, or correct the description."),
        code("GS0013", "absent-property", Severity::Warning, "a representation or full response leaves out properties of its type",
            "A resource's JSON representation, or a response that is not `$select`ed or marked truncated, leaves out properties of its type. Readers take the representation as the full list. Fix: add the properties, or mark the sample truncated."),
        code("GS0014", "absent-required", Severity::Warning, "a create request or action call leaves out what the docs say is required",
            "A request example for a create, or an action's call, does not set a property or parameter that the docs mark required. Fix: add it to the example, or correct the table."),
        code("GS0015", "placeholder-drift", Severity::Warning, "a representation placeholder names another type than the property table",
            "A JSON representation's placeholder (`\"Int64\"`, `\"String (timestamp)\"`, `true`) tells a different type than the property's table row. Fix: make them agree."),
        code("GS0016", "sample-unknown-type", Severity::Warning, "an `@odata.type` in a sample names a type the docs do not define",
            "The sample's annotation or an `@odata.type` member names a type that no page of this version defines, so the value cannot be checked. Fix: correct the name, or add the type's page."),
        code("GS0017", "malformed-binary", Severity::Warning, "a Binary value is not base64",
            "The property is an Edm.Binary and the sample's string is not base64 (the URL-safe alphabet OData prescribes, or the standard one), padded or not: `MIIDYDCCAki...` with an ellipsis, or a length no decoder accepts. The generated model refuses the same values. Fix: write valid base64, or elide the value some other way."),
        code(INVALID_JSON, "sample-not-json", Severity::Error, "a JSON example is broken JSON (a missing or extra comma, single quotes, an unquoted key…)",
            "The block is not valid JSON, and not because of the docs' elision conventions (those are GS0002 notes): a missing comma between members, a comma before `}` or `]`, single-quoted strings, unquoted keys, bare words, numbers or whitespace JSON does not allow, a duplicate key, text after the value. A reader who copies the example gets a parse error. graphdoc still reads the block tolerantly (as if the comma were there…), so the other checks of the sample run as usual. Fix: make the block valid JSON."),
    ];
}

/// How well a block read as JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadStatus {
    /// Valid JSON as it stands.
    Strict,
    /// Read after forgiving something.
    Tolerant,
    /// Not JSON even when read tolerantly; not checked.
    Unreadable,
}

/// A problem with a sample value, at the doc position of the value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// What is wrong.
    pub kind: FindingKind,
    /// JSON pointer of the value inside the sample.
    pub pointer: String,
    /// The page, relative to the docs root.
    pub file: String,
    /// The page line of the value.
    pub line: u32,
    /// The column of the value, 1-based.
    pub column: u32,
    /// One sentence naming the property and what the docs say of it.
    pub message: String,
}

impl Finding {
    /// This finding as graphdoc's one finding type: its code by kind, the
    /// pointer as its subject and the kind as its key.
    pub fn to_finding(&self) -> Diagnostic {
        let code = codes::of_kind(self.kind);
        let severity = codes::CODES
            .iter()
            .find(|c| c.code == code)
            .map_or(Severity::Warning, |c| c.default_severity);
        Diagnostic::new(
            &Source::new(self.file.as_str(), self.line),
            severity,
            code,
            self.message.as_str(),
        )
        .with_column(self.column)
        .about(if self.pointer.is_empty() {
            "/"
        } else {
            self.pointer.as_str()
        })
        .keyed(self.kind.code())
    }
}

/// What was found about one JSON block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampleReport {
    /// `v1.0` or `beta`.
    pub version: String,
    /// The page, relative to the docs root.
    pub file: String,
    /// Page line of the first line of the JSON.
    pub line: u32,
    /// Representation, request, response or other.
    pub kind: SampleKind,
    /// The HTTP start line the block belongs to (`PATCH …`, `HTTP/1.1 200 OK`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub http_line: String,
    /// For a response, the request it answers.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub request_line: String,
    /// The annotation's `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Strict, tolerant or unreadable.
    pub read: ReadStatus,
    /// What the sample was checked against: `microsoft.graph.user`,
    /// `Collection(microsoft.graph.user)`, `Collection(Edm.String)`, an
    /// enum, `parameters of `…`` (an action's request body table) or
    /// `reference (`@odata.id`)`; `None` when the context names nothing
    /// the docs define.
    pub checked_as: Option<String>,
    /// `checked_as` when it is a structured type or a collection of one
    /// (what the generated crate has a struct for), else `None`.
    pub validated_as: Option<String>,
    /// What the tolerant reader forgave (notes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forgiven: Vec<Diagnostic>,
    /// Why the block could not be read, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<Diagnostic>,
    /// What is wrong with the values.
    pub findings: Vec<Finding>,
    /// The value read, for later steps (round trip).
    #[serde(skip)]
    pub value: Option<Value>,
}

impl SampleReport {
    /// Everything found about this block as graphdoc findings: the
    /// unreadable block, what was forgiven, and the findings.
    pub fn all_findings(&self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self.unreadable.iter().cloned().collect();
        out.extend(self.forgiven.iter().cloned());
        out.extend(self.findings.iter().map(Finding::to_finding));
        out
    }

    /// A short text report of this sample (used by the snapshot tests).
    pub fn render(&self) -> String {
        let mut out = format!("{}:{} {:?}", self.file, self.line, self.kind);
        if !self.http_line.is_empty() {
            out.push_str(&format!(" `{}`", self.http_line));
        }
        if !self.request_line.is_empty() {
            out.push_str(&format!(" answering `{}`", self.request_line));
        }
        if let Some(n) = &self.name {
            out.push_str(&format!(" name={n}"));
        }
        out.push_str(&format!(
            "\n  read: {:?}\n  validated as: {}\n",
            self.read,
            self.checked_as.as_deref().unwrap_or("-")
        ));
        for d in &self.forgiven {
            out.push_str(&format!(
                "  forgiven {}:{}: {}\n",
                d.line,
                d.column.unwrap_or(0),
                d.message
            ));
        }
        if let Some(d) = &self.unreadable {
            out.push_str(&format!(
                "  unreadable {}:{}: {}\n",
                d.line,
                d.column.unwrap_or(0),
                d.message
            ));
        }
        for f in &self.findings {
            out.push_str(&format!(
                "  {}:{}: {} {}: {}\n",
                f.line,
                f.column,
                f.kind.code(),
                f.pointer,
                f.message
            ));
        }
        out
    }
}

/// Counts for one version.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// `v1.0` or `beta`.
    pub version: String,
    /// JSON blocks found.
    pub blocks: usize,
    /// Blocks that are valid JSON as they stand.
    pub strict: usize,
    /// Blocks read after forgiving something.
    pub tolerant: usize,
    /// Blocks that could not be read.
    pub unreadable: usize,
    /// Readable samples whose context names something the docs define
    /// (`checked_as`).
    pub validated: usize,
    /// Validated samples without findings.
    pub clean: usize,
    /// Findings by kind (`wrong_json_type`…).
    pub findings: BTreeMap<String, usize>,
    /// Forgiven constructs by kind.
    pub forgiven: BTreeMap<String, usize>,
}

impl Summary {
    fn of(version: &str, samples: &[SampleReport]) -> Summary {
        let mut s = Summary {
            version: version.to_string(),
            blocks: samples.len(),
            ..Summary::default()
        };
        for r in samples {
            match r.read {
                ReadStatus::Strict => s.strict += 1,
                ReadStatus::Tolerant => s.tolerant += 1,
                ReadStatus::Unreadable => s.unreadable += 1,
            }
            if r.checked_as.is_some() {
                s.validated += 1;
                if r.findings.is_empty() {
                    s.clean += 1;
                }
            }
            for f in &r.findings {
                *s.findings.entry(f.kind.code().to_string()).or_default() += 1;
            }
            for d in &r.forgiven {
                *s.forgiven.entry(d.message.clone()).or_default() += 1;
            }
        }
        s
    }

    /// The summary line `graphdoc samples` prints for the version.
    pub fn render(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut out = format!(
            "{}: {}: {} strict, {} tolerant, {} unreadable; {} validated, {} clean",
            self.version,
            plural(self.blocks, "block"),
            self.strict,
            self.tolerant,
            self.unreadable,
            self.validated,
            self.clean
        );
        let total: usize = self.findings.values().sum();
        out.push_str(&format!("; {}", plural(total, "finding")));
        if !self.findings.is_empty() {
            let parts: Vec<String> = self
                .findings
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            out.push_str(&format!(" ({})", parts.join(", ")));
        }
        out.push('\n');
        out
    }
}

/// Samples and counts of one version.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VersionReport {
    /// The version's counts.
    pub summary: Summary,
    /// Sorted by file, then line.
    pub samples: Vec<SampleReport>,
    /// Pages whose samples were not read, and why (unreadable, a link that
    /// leaves the docs tree, a limit exceeded), as the docs walk reported
    /// them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages_not_read: Vec<Diagnostic>,
}

/// How `graphdoc samples` prints its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Pages not read, then each block's problems one a line, then each version's summary line.
    Human,
    /// Every version's [`VersionReport`] as JSON.
    Json,
}

/// What `graphdoc samples` prints and returns.
#[derive(Clone, Debug, PartialEq)]
pub struct SamplesOutcome {
    /// The report as the format prints it.
    pub rendered: String,
    /// One per version checked.
    pub summaries: Vec<Summary>,
    /// 0, or 1 for a finding (an unreadable block, a page not read…) at or
    /// above the deny level.
    pub exit_code: i32,
}

/// Why `graphdoc samples` could not run (exit status 2).
#[derive(Debug)]
pub enum Error {
    /// A version that could not be read.
    Load(LoadError),
    /// Not a docs tree, or a version it does not hold.
    Tree(graphdoc_docs::locate::TreeError),
    /// A baseline or `--since` tree that cannot be read or written.
    Gate(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Load(e) => e.fmt(f),
            Error::Tree(e) => e.fmt(f),
            Error::Gate(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for Error {}

impl From<graphdoc_docs::locate::TreeError> for Error {
    fn from(e: graphdoc_docs::locate::TreeError) -> Self {
        Error::Tree(e)
    }
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        Error::Load(e)
    }
}

/// `graphdoc samples`: checks the samples of `versions` (`v1.0`, `beta`,
/// or `all`) of the docs tree at `docs` and renders the report.
/// The exit status is every command's: 1 for a finding that is an error.
pub fn run(docs: &Path, versions: &[&str], format: Format) -> Result<SamplesOutcome, Error> {
    let limits = graphdoc_docs::Limits::default();
    pr::run(
        docs,
        versions,
        &limits,
        format,
        &graphdoc_docs::gate::PrMode::default(),
    )
}

/// The reports of `versions` (`v1.0`, `beta`, `all`) of the tree at `docs`,
/// read within `limits`.
pub fn check_versions(
    limits: &graphdoc_docs::Limits,
    docs: &Path,
    versions: &[&str],
) -> Result<Vec<VersionReport>, Error> {
    let mut wanted: Vec<&str> = Vec::new();
    for v in versions {
        wanted.extend(graphdoc_docs::locate::select_versions(docs, v)?);
    }
    wanted.dedup();
    wanted
        .iter()
        .map(|v| check_version_within(limits, docs, v))
        .collect()
}

/// Renders reports as `run` does.
pub fn render(reports: Vec<VersionReport>, format: Format, exit_code: i32) -> SamplesOutcome {
    let rendered = match format {
        Format::Human => render_human(&reports),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&reports).expect("reports serialize");
            s.push('\n');
            s
        }
    };
    SamplesOutcome {
        rendered,
        summaries: reports.into_iter().map(|r| r.summary).collect(),
        exit_code,
    }
}

/// One line per unreadable block, forgiven construct (a note) and finding,
/// then the counts.
pub fn render_human(reports: &[VersionReport]) -> String {
    let mut out = String::new();
    for d in reports.iter().flat_map(|r| &r.pages_not_read) {
        out.push_str(&format!("{d}\n"));
    }
    for r in reports {
        for s in &r.samples {
            if let Some(d) = &s.unreadable {
                out.push_str(&format!("{d}\n"));
            }
            for d in &s.forgiven {
                out.push_str(&format!("{d}\n"));
            }
            for f in &s.findings {
                out.push_str(&format!(
                    "{}:{}:{}: {}: {} [{}]\n",
                    f.file,
                    f.line,
                    f.column,
                    f.kind.code(),
                    f.message,
                    if f.pointer.is_empty() {
                        "/".to_string()
                    } else {
                        f.pointer.escape_debug().to_string()
                    }
                ));
            }
        }
    }
    for r in reports {
        out.push_str(&r.summary.render());
    }
    out
}

/// Loads one version's schema and checks every JSON block of its pages.
pub fn check_version(docs: &Path, version: &str) -> Result<VersionReport, Error> {
    check_version_within(&graphdoc_docs::Limits::default(), docs, version)
}

/// `check_version`, reading pages within `limits`.
pub fn check_version_within(
    limits: &graphdoc_docs::Limits,
    docs: &Path,
    version: &str,
) -> Result<VersionReport, Error> {
    let (loaded, tree) = graphdoc_docs::load_tree(limits, docs, version)?;
    let texts = page_texts(tree.pages);
    let mut report = check_pages(&loaded.schema, version, &texts);
    report.pages_not_read = tree.diagnostics;
    Ok(report)
}

/// The pages of one version as `(display path, text with \n line ends)`,
/// in path order. Pages that cannot be read, leave the docs tree or exceed
/// a limit are left out: the front-end reports them.
pub fn read_pages(docs: &Path, version: &str) -> Result<Vec<(String, String)>, Error> {
    let tree = graphdoc_docs::read_version(docs, version, &graphdoc_docs::Limits::default())?;
    Ok(page_texts(tree.pages))
}

fn page_texts(pages: Vec<graphdoc_docs::PageInput>) -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = pages
        .into_par_iter()
        .map(|page| {
            let text = String::from_utf8_lossy(&page.bytes).into_owned();
            let text = if text.contains('\r') {
                text.replace("\r\n", "\n").replace('\r', "\n")
            } else {
                text
            };
            (page.path, text)
        })
        .collect();
    texts.sort();
    texts
}

/// Checks the JSON blocks of pages already in memory (`(path, text)`)
/// against `schema`.
pub fn check_pages(schema: &Schema, version: &str, pages: &[(String, String)]) -> VersionReport {
    check_each(schema, version, pages, |(file, text)| {
        (file.as_str(), extract::samples(text))
    })
}

/// [`check_pages`] for pages already split into blocks (`(path, blocks)`,
/// by [`graphdoc_docs::markdown::blocks`]), for a caller that parses each
/// page once for its other checks too.
pub fn check_parsed(
    schema: &Schema,
    version: &str,
    pages: &[(&str, &[graphdoc_docs::markdown::Block<'_>])],
) -> VersionReport {
    check_each(schema, version, pages, |(file, blocks)| {
        (file, extract::samples_in(blocks))
    })
}

/// The findings about sample values that `wanted` names (pairs of the
/// sample's kind and the finding's kind), in pages already split into
/// blocks (`(path, blocks)`): what [`check_parsed`] finds of them, without
/// the rest of its report (how each block read, what was forgiven), for a
/// caller that needs only these (the linter). A sample of a kind `wanted`
/// does not name is not read; a sample's positions are read only when it
/// has a finding to place. In page order, each with its sample's kind.
pub fn value_findings(
    schema: &Schema,
    pages: &[(&str, &[graphdoc_docs::markdown::Block<'_>])],
    wanted: &[(SampleKind, FindingKind)],
) -> Vec<(SampleKind, Finding)> {
    let lookup = Lookup::new(schema);
    let ops = operations_by_page(schema);
    pages
        .par_iter()
        .flat_map_iter(|&(file, blocks)| {
            let op = ops.get(file).copied();
            let lookup = &lookup;
            extract::samples_in(blocks)
                .into_iter()
                .filter(|raw| wanted.iter().any(|&(kind, _)| kind == raw.kind))
                .flat_map(move |raw| {
                    let Ok(read) = tolerant::read_unplaced(&raw.body) else {
                        return Vec::new();
                    };
                    let (_, mut found) = judge(lookup, &raw, file, op, &read.value);
                    found.retain(|f| wanted.contains(&(raw.kind, f.kind)));
                    if found.is_empty() {
                        return Vec::new();
                    }
                    // The same text reads the same: now with its positions.
                    let positions = tolerant::read(&raw.body).map(|r| r.positions);
                    let positions = positions.unwrap_or_default();
                    found
                        .into_iter()
                        .map(|f| (raw.kind, placed(f, file, raw.line, &positions)))
                        .collect()
                })
        })
        .collect()
}

/// The first operation of each page, by the page's path.
fn operations_by_page(schema: &Schema) -> HashMap<&str, &Operation> {
    let mut ops: HashMap<&str, &Operation> = HashMap::new();
    for op in &schema.operations {
        ops.entry(op.source.file.as_str()).or_insert(op);
    }
    ops
}

/// Checks the samples `samples_of` finds on each page (its path and its
/// JSON blocks).
fn check_each<P: Sync>(
    schema: &Schema,
    version: &str,
    pages: &[P],
    samples_of: fn(&P) -> (&str, Vec<RawSample>),
) -> VersionReport {
    let lookup = Lookup::new(schema);
    let ops = operations_by_page(schema);
    let mut samples: Vec<SampleReport> = pages
        .par_iter()
        .flat_map_iter(|page| {
            let (file, found) = samples_of(page);
            let op = ops.get(file).copied();
            let lookup = &lookup;
            found
                .into_iter()
                .map(move |raw| check_sample(lookup, version, file, &raw, op))
        })
        .collect();
    samples.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    VersionReport {
        summary: Summary::of(version, &samples),
        samples,
        pages_not_read: Vec::new(),
    }
}

/// What a sample read as `value` is checked against (`None` when its
/// context names nothing the docs define), and what is wrong with it, its
/// pointers not yet placed on the page.
fn judge<'a>(
    lookup: &Lookup,
    raw: &RawSample,
    file: &str,
    op: Option<&'a Operation>,
    value: &Value,
) -> (Option<validate::Target<'a>>, Vec<validate::RawFinding>) {
    match validate::target(lookup, raw, op, value) {
        Ok(Some(target)) => {
            let found = validate::check_target(lookup, raw, file, &target, value)
                .into_iter()
                .map(|f| validate::RawFinding {
                    // A key may hold a raw line break (forgiven); keep reports one line each.
                    message: f.message.replace('\n', "\\n").replace('\r', "\\r"),
                    ..f
                })
                .collect();
            (Some(target), found)
        }
        Ok(None) => (None, Vec::new()),
        Err(name) => {
            let unknown = validate::RawFinding {
                kind: FindingKind::UnknownType,
                pointer: String::new(),
                message: format!(
                    "the annotation's `@odata.type` names `{name}`, which the docs do not define"
                ),
            };
            (None, vec![unknown])
        }
    }
}

/// `f` at the page line and column where its value starts (its nearest
/// placed parent's, else the sample's first line), in a sample starting on
/// page line `first_line`.
fn placed(
    f: validate::RawFinding,
    file: &str,
    first_line: u32,
    positions: &BTreeMap<String, tolerant::Pos>,
) -> Finding {
    let mut p = f.pointer.as_str();
    let (line, column) = loop {
        if let Some(pos) = positions.get(p) {
            break (first_line + pos.line - 1, pos.column);
        }
        match p.rfind('/') {
            Some(i) => p = &p[..i],
            None => break (first_line, 1),
        }
    };
    Finding {
        kind: f.kind,
        pointer: f.pointer,
        file: file.to_string(),
        line,
        column,
        message: f.message,
    }
}

fn check_sample(
    lookup: &Lookup,
    version: &str,
    file: &str,
    raw: &RawSample,
    op: Option<&Operation>,
) -> SampleReport {
    let mut report = SampleReport {
        version: version.to_string(),
        file: file.to_string(),
        line: raw.line,
        kind: raw.kind,
        http_line: raw.http_line.clone(),
        request_line: raw.request_line.clone(),
        name: raw
            .annotation
            .get("name")
            .and_then(Value::as_str)
            .map(str::to_string),
        read: ReadStatus::Unreadable,
        checked_as: None,
        validated_as: None,
        forgiven: Vec::new(),
        unreadable: None,
        findings: Vec::new(),
        value: None,
    };
    let at = |line: u32| Source::new(file, raw.line + line.saturating_sub(1));
    let read = match tolerant::read(&raw.body) {
        Ok(r) => r,
        Err(e) => {
            report.unreadable = Some(
                Diagnostic::new(
                    &at(e.pos.line),
                    Severity::Error,
                    codes::UNREADABLE,
                    format!("JSON sample cannot be read: {}", e.message),
                )
                .with_column(e.pos.column),
            );
            return report;
        }
    };
    let strict = read.forgiven.is_empty() && serde_json::from_str::<Value>(&raw.body).is_ok();
    report.read = if strict {
        ReadStatus::Strict
    } else {
        ReadStatus::Tolerant
    };
    report.forgiven = read
        .forgiven
        .iter()
        .map(|n| {
            let (severity, code, message) = if n.kind.is_doc_convention() {
                (
                    Severity::Note,
                    codes::FORGIVEN,
                    n.kind.describe().to_string(),
                )
            } else {
                let message = format!("not valid JSON: {}", n.kind.describe());
                (Severity::Error, codes::INVALID_JSON, message)
            };
            Diagnostic::new(&at(n.pos.line), severity, code, message).with_column(n.pos.column)
        })
        .collect();
    let (target, found) = judge(lookup, raw, file, op, &read.value);
    if let Some(target) = target {
        report.checked_as = Some(target.describe());
        if matches!(&target, validate::Target::Type(t) if lookup.structured(&t.name).is_some()) {
            report.validated_as = report.checked_as.clone();
        }
    }
    report.findings = found
        .into_iter()
        .map(|f| placed(f, file, raw.line, &read.positions))
        .collect();
    report.value = Some(read.value);
    report
}

/// One object of a request or response sample, for a round trip through
/// the generated types.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundTripObject {
    /// Qualified name of the type the context names (the generated crate
    /// picks a derived type by `@odata.type` itself).
    pub type_name: String,
    /// The object (or the collection's item) as the sample gives it.
    pub value: Value,
    /// Where the sample starts.
    pub source: Source,
    /// The item's index when the sample is a collection.
    pub item: Option<usize>,
    /// Whether validation found something wrong with the value itself (not
    /// only with what it leaves out).
    pub has_value_findings: bool,
}

/// Every request, response and other example (not representations)
/// validated as a structured type, as
/// objects of that type: collections are split into their items. Samples
/// with findings are included (and say so): a round trip shows what the
/// generated types make of them.
pub fn roundtrip_objects(report: &VersionReport) -> Vec<RoundTripObject> {
    let mut out = Vec::new();
    for s in &report.samples {
        let (Some(validated), Some(value)) = (&s.validated_as, &s.value) else {
            continue;
        };
        // Representations hold placeholders, not values.
        if s.kind == SampleKind::Resource {
            continue;
        }
        let has_value_findings = s.findings.iter().any(|f| {
            !matches!(
                f.kind,
                FindingKind::AbsentProperty | FindingKind::AbsentRequired
            )
        });
        let source = Source::new(s.file.clone(), s.line);
        match validated
            .strip_prefix("Collection(")
            .and_then(|r| r.strip_suffix(')'))
        {
            Some(item_type) => {
                let items = match value {
                    Value::Array(items) => items.clone(),
                    Value::Object(o) => o
                        .get("value")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                out.extend(items.into_iter().enumerate().map(|(i, v)| RoundTripObject {
                    type_name: item_type.to_string(),
                    value: v,
                    source: source.clone(),
                    item: Some(i),
                    has_value_findings,
                }));
            }
            None => out.push(RoundTripObject {
                type_name: validated.clone(),
                value: value.clone(),
                source,
                item: None,
                has_value_findings,
            }),
        }
    }
    out
}

/// Samples fit for a round trip through generated types: request and
/// response bodies (not placeholder representations) validated as a
/// structured type without findings about their values (findings about what
/// they leave out, `absent_*`, do not matter to a round trip), as
/// (qualified type name, one object of that type, where it starts).
/// Collections are split into their items.
pub fn samples_for_roundtrip(report: &VersionReport) -> Vec<(String, Value, Source)> {
    roundtrip_objects(report)
        .into_iter()
        .filter(|o| !o.has_value_findings)
        .map(|o| (o.type_name, o.value, o.source))
        .collect()
}
