//! What differs between two graphdoc schemas, and whether it breaks clients.
//!
//! [`diff`] compares a `from` schema with a `to` schema (v1.0 with beta of one
//! docs tree, one version of two docs trees, or two saved schema JSON files)
//! and returns a [`SchemaDiff`]: a sorted list of [`Change`]s, each classified
//! for a client written against `from` that now talks to `to`, with a reason
//! and the doc line ([`Source`]) of the `to` side when it exists, else of the
//! `from` side. [`SchemaDiff::to_text`], [`SchemaDiff::to_markdown`] and
//! [`SchemaDiff::to_json`] render it.
//!
//! ```
//! use graphdoc_diff::{diff, ChangeKind, DiffOptions};
//! use graphdoc_schema::Schema;
//!
//! let v1: Schema = serde_json::from_str(r#"{"version": "v1.0", "types": {}, "enums": {},
//!     "operations": []}"#).unwrap();
//! let beta: Schema = serde_json::from_str(r#"{"version": "beta", "types": {}, "enums": {
//!     "microsoft.graph.colour": {"name": "colour", "namespace": "microsoft.graph",
//!         "members": [], "source": {"file": "beta/resources/colour.md", "line": 1}}},
//!     "operations": []}"#).unwrap();
//!
//! let result = diff(&v1, &beta, &DiffOptions::default());
//! assert!(!result.has_breaking()); // what `--fail-on breaking` looks at
//! assert_eq!(result.counts().by_kind[&ChangeKind::EnumAdded].additive, 1);
//! assert_eq!(result.changes[0].source.to_string(), "beta/resources/colour.md:1");
//! print!("{}", result.to_text(false)); // or to_markdown(), to_json()
//! ```
//!
//! # What is compared
//!
//! * Entity and complex types by qualified name: added, removed, kind
//!   (entity/complex), base type, abstract, open.
//! * Properties of a type present on both sides. Inheritance is taken into
//!   account: a property that moves from a type to one of its ancestors (or
//!   back) is not reported on that type, because its clients still see it; it
//!   is reported where it is declared (added to the ancestor, for instance).
//!   Compared: type (name and collection), nullability, read-only, kind
//!   (structural/navigation).
//! * Enums by qualified name: added, removed, flags, members added, removed
//!   or renumbered (only when both sides state a value).
//! * Operations, identified by HTTP method and normalized path template (see
//!   [`normalize_path`]): added, removed. A page listing several paths counts
//!   as one operation per path.
//! * Descriptions of types, properties, enums and enum members, only with
//!   [`DiffOptions::include_descriptions`].
//!
//! # Classification
//!
//! [`Compatibility::Breaking`] means that a client correct against `from` may
//! fail against `to`; [`Compatibility::Additive`] means it keeps working
//! (new things it may ignore, or a weaker constraint). The rules, after
//! oasdiff and the Microsoft Graph API guidelines:
//!
//! | change | class | why |
//! |---|---|---|
//! | type, enum, property, enum member, operation added | additive | clients ignore what they do not know |
//! | property added that is required on create | breaking | existing create requests lack it |
//! | type, enum, property, enum member, operation removed | breaking | clients that use it fail |
//! | property type changed (incl. collection or not) | breaking | payloads no longer deserialize into the old type |
//! | property becomes nullable | breaking | responses may carry `null` where clients expect a value |
//! | property becomes not nullable, and is writable | breaking | requests that send `null` are rejected |
//! | property becomes not nullable, and is read-only | additive | readers only get a stronger guarantee |
//! | property becomes read-only | breaking | requests that set it are rejected |
//! | property becomes writable | additive | |
//! | property kind changed (structural ↔ navigation) | breaking | navigation properties are not returned inline without `$expand`, and are written differently |
//! | base type changed, added or removed | breaking | inherited properties and type casts change |
//! | kind changed (entity ↔ complex) | breaking | identity, addressing and `@odata.id` change |
//! | type becomes abstract | breaking | it can no longer be created or returned as such |
//! | type stops being abstract | additive | |
//! | type becomes open | additive | only extra, dynamic properties may appear |
//! | type stops being open | breaking | requests with dynamic properties are rejected |
//! | enum member added after `unknownFutureValue` | additive | evolvable enum: the service sends it only to clients that opt in |
//! | enum member added otherwise | breaking | clients that match every member exhaustively receive a value they do not know (the Graph guidelines treat this as breaking) |
//! | enum member renumbered | breaking | the numeric value on the wire changes |
//! | enum flags changed | breaking | the wire form of values (`"a,b"`) changes |
//! | description changed | additive | documentation only |
//!
//! Nullability is compared as the docs state it, with an unstated
//! nullability taken as nullable (the OData default), so a page that starts
//! or stops saying "nullable" is not reported as a change.

mod compare;
mod path;
mod render;
pub mod sides;

pub use path::normalize_path;

use graphdoc_schema::{Schema, Source};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How to compare.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Also report changed descriptions (off by default: they change often
    /// and break nothing).
    pub include_descriptions: bool,
    /// The name shown for the `from` side; the schema's version when `None`.
    pub from_label: Option<String>,
    /// The name shown for the `to` side; the schema's version when `None`.
    pub to_label: Option<String>,
}

/// Whether a change can break a client moving from `from` to `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Compatibility {
    // Declared first so that sorting puts breaking changes first.
    /// A client written against `from` may fail against `to`.
    Breaking,
    /// Only adds to what `from` had (or changes prose).
    Additive,
}

impl Compatibility {
    /// The word renderers print: `breaking` or `additive`.
    pub fn as_str(self) -> &'static str {
        match self {
            Compatibility::Breaking => "breaking",
            Compatibility::Additive => "additive",
        }
    }
}

impl std::fmt::Display for Compatibility {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of difference a [`Change`] is. The declaration order is the
/// order changes are listed in within one subject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ChangeKind {
    /// A type only `to` has.
    TypeAdded,
    /// A type only `from` has.
    TypeRemoved,
    /// Entity became complex, or the other way round.
    TypeKindChanged,
    /// The base type differs (or one side has none).
    BaseTypeChanged,
    /// The type became abstract, or stopped being so.
    AbstractChanged,
    /// The type became open, or stopped being so.
    OpenChanged,
    /// The type's description differs (listed only when descriptions are compared).
    TypeDescriptionChanged,
    /// A property only `to` has.
    PropertyAdded,
    /// A property only `from` has.
    PropertyRemoved,
    /// A property's type (or being a collection) differs.
    PropertyTypeChanged,
    /// Structural became navigation, or the other way round.
    PropertyKindChanged,
    /// What the description says about null differs.
    PropertyNullabilityChanged,
    /// The property became read-only, or writable.
    PropertyReadOnlyChanged,
    /// A property's description differs (listed only when descriptions are compared).
    PropertyDescriptionChanged,
    /// An enum only `to` has.
    EnumAdded,
    /// An enum only `from` has.
    EnumRemoved,
    /// The enum became a flags enum, or stopped being one.
    EnumFlagsChanged,
    /// An enum's description differs (listed only when descriptions are compared).
    EnumDescriptionChanged,
    /// A member only `to` has.
    EnumMemberAdded,
    /// A member only `from` has.
    EnumMemberRemoved,
    /// A member's integer value differs.
    EnumMemberRenumbered,
    /// A member's description differs (listed only when descriptions are compared).
    EnumMemberDescriptionChanged,
    /// An operation (method and path) only `to` has.
    OperationAdded,
    /// An operation only `from` has.
    OperationRemoved,
}

impl ChangeKind {
    /// Every kind, in declaration order (for tables of counts).
    pub const ALL: [ChangeKind; 24] = [
        ChangeKind::TypeAdded,
        ChangeKind::TypeRemoved,
        ChangeKind::TypeKindChanged,
        ChangeKind::BaseTypeChanged,
        ChangeKind::AbstractChanged,
        ChangeKind::OpenChanged,
        ChangeKind::TypeDescriptionChanged,
        ChangeKind::PropertyAdded,
        ChangeKind::PropertyRemoved,
        ChangeKind::PropertyTypeChanged,
        ChangeKind::PropertyKindChanged,
        ChangeKind::PropertyNullabilityChanged,
        ChangeKind::PropertyReadOnlyChanged,
        ChangeKind::PropertyDescriptionChanged,
        ChangeKind::EnumAdded,
        ChangeKind::EnumRemoved,
        ChangeKind::EnumFlagsChanged,
        ChangeKind::EnumDescriptionChanged,
        ChangeKind::EnumMemberAdded,
        ChangeKind::EnumMemberRemoved,
        ChangeKind::EnumMemberRenumbered,
        ChangeKind::EnumMemberDescriptionChanged,
        ChangeKind::OperationAdded,
        ChangeKind::OperationRemoved,
    ];

    /// A short human label: `property added`.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::TypeAdded => "type added",
            ChangeKind::TypeRemoved => "type removed",
            ChangeKind::TypeKindChanged => "kind changed",
            ChangeKind::BaseTypeChanged => "base type changed",
            ChangeKind::AbstractChanged => "abstract changed",
            ChangeKind::OpenChanged => "open changed",
            ChangeKind::TypeDescriptionChanged => "description changed",
            ChangeKind::PropertyAdded => "property added",
            ChangeKind::PropertyRemoved => "property removed",
            ChangeKind::PropertyTypeChanged => "property type changed",
            ChangeKind::PropertyKindChanged => "property kind changed",
            ChangeKind::PropertyNullabilityChanged => "nullability changed",
            ChangeKind::PropertyReadOnlyChanged => "read-only changed",
            ChangeKind::PropertyDescriptionChanged => "property description changed",
            ChangeKind::EnumAdded => "enum added",
            ChangeKind::EnumRemoved => "enum removed",
            ChangeKind::EnumFlagsChanged => "flags changed",
            ChangeKind::EnumDescriptionChanged => "enum description changed",
            ChangeKind::EnumMemberAdded => "member added",
            ChangeKind::EnumMemberRemoved => "member removed",
            ChangeKind::EnumMemberRenumbered => "member renumbered",
            ChangeKind::EnumMemberDescriptionChanged => "member description changed",
            ChangeKind::OperationAdded => "operation added",
            ChangeKind::OperationRemoved => "operation removed",
        }
    }

    /// Whether the kind says something exists on one side only.
    pub fn is_addition(self) -> bool {
        matches!(
            self,
            ChangeKind::TypeAdded
                | ChangeKind::PropertyAdded
                | ChangeKind::EnumAdded
                | ChangeKind::EnumMemberAdded
                | ChangeKind::OperationAdded
        )
    }

    /// Whether the kind says something exists on the `from` side only.
    pub fn is_removal(self) -> bool {
        matches!(
            self,
            ChangeKind::TypeRemoved
                | ChangeKind::PropertyRemoved
                | ChangeKind::EnumRemoved
                | ChangeKind::EnumMemberRemoved
                | ChangeKind::OperationRemoved
        )
    }
}

impl std::fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// The longest comment GitHub accepts, in characters.
pub const GITHUB_COMMENT_LIMIT: usize = 65_536;

/// The subject that renderers group operations under.
pub const OPERATIONS_SUBJECT: &str = "operations";

/// One difference between the two schemas.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// What differs.
    pub kind: ChangeKind,
    /// Whether it can break a client.
    pub compatibility: Compatibility,
    /// The qualified name of the type or enum the change is about, or
    /// [`OPERATIONS_SUBJECT`] for operations.
    pub subject: String,
    /// The property or enum member name; for operations, `METHOD path` as
    /// written on the side the source points at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// The value on the `from` side, when the change is about a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// The value on the `to` side (for an addition: the type of what was
    /// added, when it has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Why the change is classified as it is, for a person.
    pub reason: String,
    /// The doc line on the `to` side when the item exists there, else on the
    /// `from` side.
    pub source: Source,
}

impl Change {
    /// Whether the change can break a client.
    pub fn is_breaking(&self) -> bool {
        self.compatibility == Compatibility::Breaking
    }

    /// The sort key: subject (operations last), then member (type-level
    /// changes first), then kind; every renderer lists changes in this order.
    fn sort_key(&self) -> (bool, &str, Option<&str>, ChangeKind, Option<&str>) {
        (
            self.subject == OPERATIONS_SUBJECT,
            self.subject.as_str(),
            self.member.as_deref(),
            self.kind,
            self.after.as_deref(),
        )
    }
}

/// A property of a type present on both sides that `from` has and `to`
/// lacks (own or inherited).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingProperty {
    /// Qualified name of the type.
    #[serde(rename = "type")]
    pub type_name: String,
    /// The property's name.
    pub property: String,
    /// Where `from` declares it.
    pub source: Source,
}

/// How many changes of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Changes that can break a client.
    pub breaking: usize,
    /// Changes that only add.
    pub additive: usize,
}

impl Tally {
    /// All changes counted.
    pub fn total(&self) -> usize {
        self.breaking + self.additive
    }

    fn add(&mut self, compatibility: Compatibility) {
        match compatibility {
            Compatibility::Breaking => self.breaking += 1,
            Compatibility::Additive => self.additive += 1,
        }
    }
}

/// Counts of changes overall and per kind (kinds without changes omitted).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// Over all kinds.
    pub total: Tally,
    /// By kind, for the kinds that have changes.
    pub by_kind: BTreeMap<ChangeKind, Tally>,
}

/// The result of [`diff`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaDiff {
    /// The `from` side's label (its version unless the options name it).
    pub from: String,
    /// The `to` side's label.
    pub to: String,
    /// Sorted by subject (operations last), member, kind.
    pub changes: Vec<Change>,
    /// The convenience view of properties `from` has and `to` lacks, for
    /// types present on both sides, sorted by type then property; for
    /// v1.0 → beta these are usually docs drift rather than real removals.
    pub missing_in_to: Vec<MissingProperty>,
}

impl SchemaDiff {
    /// Whether any change can break a client (what `--fail-on breaking` asks).
    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(Change::is_breaking)
    }

    /// Whether the schemas have no differences (`missing_in_to` aside, which repeats removals).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes that can break a client, in order.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.is_breaking())
    }

    /// The changes counted overall and by kind.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for change in &self.changes {
            counts.total.add(change.compatibility);
            counts
                .by_kind
                .entry(change.kind)
                .or_default()
                .add(change.compatibility);
        }
        counts
    }

    /// The changes grouped by subject, in order; within a group, the
    /// changes keep the diff's order.
    pub fn by_subject(&self) -> Vec<(&str, Vec<&Change>)> {
        let mut groups: Vec<(&str, Vec<&Change>)> = Vec::new();
        for change in &self.changes {
            match groups.last_mut() {
                Some((subject, list)) if *subject == change.subject => list.push(change),
                _ => groups.push((change.subject.as_str(), vec![change])),
            }
        }
        groups
    }

    /// Plain text grouped by subject; with `color`, ANSI colours (green
    /// additive, red breaking). The caller decides, from whether the output
    /// is a terminal.
    pub fn to_text(&self, color: bool) -> String {
        render::text::render(self, color)
    }

    /// Markdown for a pull-request comment: a summary table of counts, then
    /// one section per subject, subjects with breaking changes first.
    pub fn to_markdown(&self) -> String {
        render::markdown::render(self, None)
    }

    /// [`to_markdown`](Self::to_markdown) kept within `max_chars` bytes
    /// (a pull-request comment has a limit: [`GITHUB_COMMENT_LIMIT`]): the
    /// heading and the summary table always, then the changes in the same
    /// order until the next one would not fit, then a note of how many were
    /// left out.
    pub fn to_markdown_within(&self, max_chars: usize) -> String {
        render::markdown::render(self, Some(max_chars))
    }

    /// Pretty JSON: labels, counts, changes and the missing-properties view.
    pub fn to_json(&self) -> String {
        render::json::render(self)
    }

    fn sort(&mut self) {
        self.changes.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.missing_in_to
            .sort_by(|a, b| (&a.type_name, &a.property).cmp(&(&b.type_name, &b.property)));
    }
}

/// Compares `from` with `to`; see the crate docs for what is compared and
/// how each change is classified.
pub fn diff(from: &Schema, to: &Schema, options: &DiffOptions) -> SchemaDiff {
    let mut result = SchemaDiff {
        from: options
            .from_label
            .clone()
            .unwrap_or_else(|| from.version.clone()),
        to: options
            .to_label
            .clone()
            .unwrap_or_else(|| to.version.clone()),
        changes: Vec::new(),
        missing_in_to: Vec::new(),
    };
    compare::compare(from, to, options, &mut result);
    result.sort();
    result
}

#[cfg(test)]
mod tests;
