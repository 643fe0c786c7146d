//! The lint rules: stable codes, default severities, summaries and the
//! `--explain` text, and the [`Finding`] every check produces.

use graphdoc_schema::Severity;
use serde::Serialize;

/// One rule of the linter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable code (`GL001`…), used in output, suppressions and SARIF.
    pub code: &'static str,
    /// Short kebab-case name.
    pub name: &'static str,
    /// The severity of the rule's findings; front-end (GL001) and metadata
    /// (GL013) findings keep the severity their source gave them.
    pub default_severity: Severity,
    /// Whether the rule runs by default; `--enable CODE` turns on one that
    /// does not.
    pub enabled: bool,
    pub summary: &'static str,
    pub explain: &'static str,
}

pub const FRONTEND: &str = "GL001";
pub const MISSING_IN_JSON: &str = "GL002";
pub const JSON_TYPE_MISMATCH: &str = "GL003";
pub const POSSIBLE_VALUES: &str = "GL004";
pub const BROKEN_LINK: &str = "GL005";
pub const UNDEFINED_TYPE: &str = "GL006";
pub const DUPLICATE_DESCRIPTION: &str = "GL007";
pub const REPEATED_SENTENCE: &str = "GL008";
pub const PLACEHOLDER_TEXT: &str = "GL009";
pub const ENUM_SAMPLE: &str = "GL010";
pub const VERSION_MISSING: &str = "GL011";
pub const VERSION_TYPE: &str = "GL012";
pub const METADATA_DRIFT: &str = "GL013";
pub const UNUSED_SUPPRESSION: &str = "GL014";
pub const BAD_SUPPRESSION: &str = "GL015";

pub static RULES: &[Rule] = &[
    Rule {
        code: FRONTEND,
        name: "frontend-diagnostic",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "the docs front-end could not read something as written",
        explain: "GL001 frontend-diagnostic\n\n\
The markdown front-end (graphdoc-docs) reports what it had to forgive or could\n\
not read: ragged table rows, type cells it cannot parse, types (base types\n\
included) no page defines (GD0009), properties only the JSON representation\n\
shows (GD0020) and so on. Each finding keeps the front-end's severity and its\n\
GDxxxx code, shown first in the message; `--explain GDxxxx` tells what one\n\
means. A suppression may name GL001 (all front-end diagnostics) or one GDxxxx\n\
code.\n",
    },
    Rule {
        code: MISSING_IN_JSON,
        name: "missing-in-json",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "a property of the Properties table is missing from the JSON representation",
        explain: "GL002 missing-in-json\n\n\
A resource page lists a property in its Properties (or Relationships) table\n\
that the `## JSON representation` block of the same page does not show.\n\
Navigation properties are not checked (the representation normally omits\n\
them), nor are inherited properties. The opposite case, a property only the\n\
JSON representation shows, is the front-end diagnostic GD0020 (GL001).\n\n\
Fix: add the property to the JSON block, or remove the stale table row.\n",
    },
    Rule {
        code: JSON_TYPE_MISMATCH,
        name: "json-type-mismatch",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "the JSON representation's placeholder disagrees with the table's type",
        explain: "GL003 json-type-mismatch\n\n\
The placeholder a `## JSON representation` block shows for a property tells\n\
its type: `\"Int64\"`, `\"String (timestamp)\"` (a DateTimeOffset), `true`\n\
(a Boolean), `[ … ]` (a collection), `{\"@odata.type\": \"microsoft.graph.x\"}`.\n\
This rule reports a placeholder that names a different type than the\n\
Properties table, for example `\"Int64\"` in the block and `Int32` in the\n\
table, or `\"String (timestamp)\"` for a property the table types as String.\n\
Plain `\"String\"` is not checked: the docs use it for strings, enums, GUIDs\n\
and dates alike.\n",
    },
    Rule {
        code: POSSIBLE_VALUES,
        name: "possible-values-mismatch",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "\"Possible values are: …\" lists a value that is not a member of the property's enum",
        explain: "GL004 possible-values-mismatch\n\n\
A property whose type is an enum says \"Possible values are: a, b, c\" in its\n\
description, and one of the listed values is not a member of the enum as its\n\
own page defines it (compared exactly; a value differing only in case is\n\
reported too, the wire format is case-sensitive). Members missing from the\n\
list are not reported: the docs often leave out `unknownFutureValue` and the\n\
members after it, or list only the values relevant to the property.\n\
When a description has several \"Possible values\" sentences (see GL008) the\n\
values of all of them are checked.\n",
    },
    Rule {
        code: BROKEN_LINK,
        name: "broken-link",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "a link to a page of the docs tree points at a file that does not exist",
        explain: "GL005 broken-link\n\n\
A relative markdown link `[text](target.md)` in a resource or API page whose\n\
target, resolved against the page's folder, lies inside the same version's\n\
`resources/` or `api/` folders but names no file there. Links leaving those\n\
folders (concepts, other doc sets) cannot be checked and are ignored. A\n\
target that exists with another letter case is not reported (the published\n\
site is case-insensitive). Links inside code blocks are ignored.\n",
    },
    Rule {
        code: UNDEFINED_TYPE,
        name: "undefined-type",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "an \"@odata.type\" names a type no page of this version defines",
        explain: "GL006 undefined-type\n\n\
A JSON block (representation, request or response example) carries an\n\
`\"@odata.type\": \"#microsoft.graph.x\"` for a type that no page of this\n\
version defines, in any namespace. Types named in tables that no page defines\n\
are the front-end diagnostic GD0009 (GL001).\n",
    },
    Rule {
        code: DUPLICATE_DESCRIPTION,
        name: "duplicate-description",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "a property's description is identical to another property's in the same table",
        explain: "GL007 duplicate-description\n\n\
Two rows of one Properties, Relationships or request-body table carry the\n\
same description, word for word: a description copied from the wrong row.\n\
The finding names the other row. Descriptions of\n\
fewer than five words are not compared (\"Not yet documented\", \"For\n\
internal use only.\"), nor rows \"Inherited from\" a base type (reported on\n\
the base type's page). The finding is on the row whose name the text does not\n\
describe: of the words telling the two names apart (`country`, `region` vs\n\
`automatically`, `update`, `apps`), the description must mention a larger\n\
share of one name's than of the other's; when both fit equally (aliases,\n\
deprecated twins) nothing is reported.\n",
    },
    Rule {
        code: REPEATED_SENTENCE,
        name: "repeated-sentence",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "a description repeats a sentence, or has more than one \"Possible values\" sentence",
        explain: "GL008 repeated-sentence\n\n\
A property description says the same sentence twice, or says \"Possible\n\
values are: …\" twice (even with different lists; tools read only the first).\n\
The caret marks the second occurrence.\n",
    },
    Rule {
        code: PLACEHOLDER_TEXT,
        name: "placeholder-text",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "a permissions table still holds generator placeholder text (TODO)",
        explain: "GL009 placeholder-text\n\n\
A cell of a table under a `Permissions` heading holds `TODO` (the page\n\
generator's `**TODO: Determine scopes **`), so readers cannot tell which\n\
permission the API needs.\n",
    },
    Rule {
        code: ENUM_SAMPLE,
        name: "enum-sample-value",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "a request or response example gives an enum-typed property a value that is not a member",
        explain: "GL010 enum-sample-value\n\n\
The JSON body of a request or response example sets a property whose type is\n\
an enum to a value that is not one of the enum's members, typically the\n\
generator's `\"String\"` placeholder. The example's type is the body's\n\
`@odata.type`, else the operation's request or response type; nested objects\n\
are checked when their type is known (property type or `@odata.type`).\n\
Flags enums accept comma-separated members. Bodies that are not JSON (elided\n\
with `...`) are skipped. The JSON representation blocks of resource pages are\n\
not checked: `\"String\"` is their normal placeholder.\n",
    },
    Rule {
        code: VERSION_MISSING,
        name: "missing-in-beta",
        default_severity: Severity::Warning,
        enabled: false,
        summary: "a property of a v1.0 type is missing from the same type in beta",
        explain: "GL011 missing-in-beta\n\n\
With both versions linted, a type defined in both v1.0 and beta whose v1.0\n\
page lists a property (own or inherited) the beta type does not have. Beta\n\
is meant to be a superset of v1.0; a missing property is either a beta page\n\
that fell behind or a v1.0 property that was never there. The finding is on\n\
the beta type.\n\n\
Off by default (`--enable GL011`): on the Graph docs about a third of the\n\
findings sampled were deliberate API differences (a property renamed or\n\
reshaped in beta), not doc defects.\n",
    },
    Rule {
        code: VERSION_TYPE,
        name: "version-type-differs",
        default_severity: Severity::Warning,
        enabled: false,
        summary: "one property has different types in v1.0 and beta",
        explain: "GL012 version-type-differs\n\n\
With both versions linted, a property of a type defined in both versions has\n\
a different type (name, ignoring case, or collection flag) in v1.0 and beta.\n\
The finding is on the beta property.\n\n\
Off by default (`--enable GL012`): some differences are deliberate beta API\n\
changes (emailAddress vs typedEmailAddress), not doc defects.\n",
    },
    Rule {
        code: METADATA_DRIFT,
        name: "metadata-drift",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "the docs disagree with the service metadata (CSDL)",
        explain: "GL013 metadata-drift\n\n\
Only with `--metadata FILE.csdl`: every finding of the drift comparison\n\
(graphdoc_lint::drift::compare) between the docs of the metadata's version and\n\
the CSDL, with its kind first in the message (missing-property,\n\
property-type-differs, …) and its own severity (case-differs is a note).\n",
    },
    Rule {
        code: UNUSED_SUPPRESSION,
        name: "unused-suppression",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "a suppression matched no finding",
        explain: "GL014 unused-suppression\n\n\
A `[[allow]]` entry of graphdoc-lint.toml, or an inline\n\
`<!-- graphdoc-lint allow … -->` comment, suppressed nothing: the defect was\n\
fixed or the suppression is mistyped. Remove it. Cannot be suppressed.\n",
    },
    Rule {
        code: BAD_SUPPRESSION,
        name: "bad-suppression",
        default_severity: Severity::Warning,
        enabled: true,
        summary: "an inline suppression comment cannot be read (no reason, unknown code)",
        explain: "GL015 bad-suppression\n\n\
An inline comment starting `<!-- graphdoc-lint` that is not\n\
`<!-- graphdoc-lint allow CODE[, CODE…]: reason -->` with known codes and a\n\
non-empty reason. It suppresses nothing. Cannot be suppressed.\n",
    },
];

pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The `--explain` text of a rule code (`GL003`) or of a front-end code
/// (`GD0023`, reported under GL001), or `None` if unknown.
pub fn explain(code: &str) -> Option<String> {
    if let Some(r) = rule(code) {
        return Some(r.explain.to_string());
    }
    let text = graphdoc_docs::codes::explain(code)
        .or_else(|| graphdoc_docs::localise::codes::explain(code))?;
    let mut out = format!(
        "{} front-end diagnostic (reported under {FRONTEND})\n\n",
        code.to_ascii_uppercase()
    );
    let mut line_len = 0;
    for word in text.split_whitespace() {
        if line_len > 0 && line_len + 1 + word.len() > 78 {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.len();
    }
    out.push('\n');
    Some(out)
}

/// One lint finding at a doc position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    /// As the front-end shows paths: the docs root joined with the relative
    /// path, `/`-separated.
    pub file: String,
    pub line: u32,
    /// 1-based column in characters; 0 when the finding is about the line.
    pub column: u32,
    /// Characters the caret underlines; 0 for none.
    #[serde(skip)]
    pub width: u32,
    pub rule: &'static str,
    /// For GL001 the front-end's GDxxxx code, for GL013 the drift kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subcode: Option<String>,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static str, file: &str, line: u32, message: impl Into<String>) -> Self {
        Finding {
            file: file.to_string(),
            line,
            column: 0,
            width: 0,
            rule,
            subcode: None,
            severity: self::rule(rule).map_or(Severity::Warning, |r| r.default_severity),
            message: message.into(),
            note: None,
        }
    }

    pub fn at(mut self, column: u32, width: u32) -> Self {
        self.column = column;
        self.width = width;
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}
