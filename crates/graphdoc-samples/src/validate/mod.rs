//! Checking a sample's value against the schema type its context names:
//! [`target`] picks what a sample is checked against, [`check_target`]
//! checks it, and `placeholders` reads what a resource representation
//! shows instead of values.

mod checker;
mod placeholders;
mod target;

pub use checker::{check, check_target};
pub use target::{root_type, target, Target};

use graphdoc_schema::names::{Defined, Names};
use graphdoc_schema::{Property, Schema, DEFAULT_NAMESPACE};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::sync::OnceLock;
use target::strip_collection;

/// Nested objects deeper than this are not checked (the reader already caps
/// depth; this keeps recursion here bounded on its own terms).
pub(crate) const MAX_CHECK_DEPTH: usize = 64;

/// What is wrong with a sample value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A property the type (with its ancestors) does not have.
    UnknownProperty,
    /// String vs number vs boolean vs object vs array, by the property's type.
    WrongJsonType,
    /// A string that is not a member of the property's enum.
    NotEnumMember,
    /// Not an `Edm.DateTimeOffset` (`2024-01-01T00:00:00Z`).
    MalformedTimestamp,
    /// Not an `Edm.Date` (`2024-01-31`).
    MalformedDate,
    /// Not an `Edm.Guid` (8-4-4-4-12 hex digits, no braces).
    MalformedGuid,
    /// Not an `Edm.Duration` (`PT1H30M`).
    MalformedDuration,
    /// Not an `Edm.TimeOfDay` (`13:45:00`).
    MalformedTimeOfDay,
    /// Not base64 (standard or URL-safe alphabet) for an `Edm.Binary`.
    MalformedBinary,
    /// `null` for a property the docs say is not nullable.
    NullNotNullable,
    /// A request body sets a property the docs say is read-only.
    ReadOnlyInRequest,
    /// A representation or full response without properties of its type
    /// (switched off by `truncated`, and for `$select` responses).
    AbsentProperty,
    /// A create request or action call without what the docs say is required.
    AbsentRequired,
    /// A representation placeholder names another type than the property table.
    PlaceholderDrift,
    /// `@odata.type` names a type the docs do not define.
    UnknownType,
}

impl FindingKind {
    /// The kind as reports and finding keys spell it (`wrong_json_type`).
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::UnknownProperty => "unknown_property",
            FindingKind::WrongJsonType => "wrong_json_type",
            FindingKind::NotEnumMember => "not_enum_member",
            FindingKind::MalformedTimestamp => "malformed_timestamp",
            FindingKind::MalformedDate => "malformed_date",
            FindingKind::MalformedGuid => "malformed_guid",
            FindingKind::MalformedDuration => "malformed_duration",
            FindingKind::MalformedTimeOfDay => "malformed_time_of_day",
            FindingKind::MalformedBinary => "malformed_binary",
            FindingKind::NullNotNullable => "null_not_nullable",
            FindingKind::ReadOnlyInRequest => "read_only_in_request",
            FindingKind::AbsentProperty => "absent_property",
            FindingKind::AbsentRequired => "absent_required",
            FindingKind::PlaceholderDrift => "placeholder_drift",
            FindingKind::UnknownType => "unknown_type",
        }
    }
}

/// A finding before its pointer is mapped to a doc position.
#[derive(Clone, Debug, PartialEq)]
pub struct RawFinding {
    /// What is wrong.
    pub kind: FindingKind,
    /// JSON pointer of the value inside the sample.
    pub pointer: String,
    /// One sentence naming the property and what the docs say of it.
    pub message: String,
}

/// Name lookups over one schema, built once per version.
pub struct Lookup<'a> {
    /// The schema the names are resolved in.
    pub schema: &'a Schema,
    /// The front-end's resolver, over this schema's types and enums.
    names: Names,
    /// Types some other type derives from.
    bases: FxHashSet<&'a str>,
    /// Base type → the types that name it as their base.
    derived: FxHashMap<&'a str, Vec<&'a str>>,
    /// What [`Lookup::named`] answers for the names the schema itself
    /// spells (its types, enums and property types), resolved once: every
    /// value of a sample asks for its property's type.
    known: FxHashMap<&'a str, Option<Named<'a>>>,
    /// Each type's own and inherited properties, made the first time a
    /// sample has an object of the type.
    flattened: FxHashMap<&'a str, OnceLock<Vec<&'a Property>>>,
    /// The types [`Lookup::is_open`] and [`Lookup::is_untyped`] hold for,
    /// decided once per type.
    open: FxHashSet<&'a str>,
    untyped: FxHashSet<&'a str>,
}

#[derive(Clone, Copy)]
pub(crate) enum Named<'a> {
    Structured(&'a str),
    Enum(&'a str),
}

impl<'a> Lookup<'a> {
    /// Indexes `schema`'s names and derived types.
    pub fn new(schema: &'a Schema) -> Self {
        let mut lookup = Lookup {
            schema,
            names: Names::of(schema),
            bases: schema
                .types
                .values()
                .filter_map(|t| t.base_type.as_deref())
                .collect(),
            derived: schema
                .types
                .iter()
                .filter_map(|(name, t)| Some((t.base_type.as_deref()?, name.as_str())))
                .fold(FxHashMap::default(), |mut m, (base, name)| {
                    m.entry(base).or_insert_with(Vec::new).push(name);
                    m
                }),
            known: FxHashMap::default(),
            open: FxHashSet::default(),
            untyped: FxHashSet::default(),
            flattened: schema
                .types
                .keys()
                .map(|name| (name.as_str(), OnceLock::new()))
                .collect(),
        };
        let spelled = schema
            .types
            .iter()
            .flat_map(|(name, t)| {
                std::iter::once(name.as_str())
                    .chain(t.properties.iter().map(|p| p.ty.name.as_str()))
            })
            .chain(schema.enums.keys().map(String::as_str))
            .chain(
                schema
                    .operations
                    .iter()
                    .flat_map(|o| o.request_body.iter().map(|p| p.ty.name.as_str())),
            );
        // Most names are spelled many times (`Edm.String`…): resolved once each.
        let mut known = FxHashMap::default();
        for name in spelled {
            if !known.contains_key(name) {
                known.insert(name, lookup.resolve_named(name));
            }
        }
        lookup.known = known;
        for name in schema.types.keys() {
            let chain = schema.ancestry(name);
            if chain.iter().any(|t| t.is_open) {
                lookup.open.insert(name);
            }
            if chain.iter().all(|t| t.properties.is_empty())
                && !chain[0].is_abstract
                && !lookup.bases.contains(name.as_str())
            {
                lookup.untyped.insert(name);
            }
        }
        lookup
    }

    /// The type's own and inherited properties
    /// ([`Schema::flattened_properties`]), made once per type.
    pub(crate) fn flattened_properties(&self, qualified: &str) -> &[&'a Property] {
        match self.flattened.get(qualified) {
            Some(once) => once.get_or_init(|| self.schema.flattened_properties(qualified)),
            None => &[],
        }
    }

    /// `#microsoft.graph.user`, `graph.user`, `user`, `Collection(user)` → the
    /// defined type or enum, as the front-end resolves names written on a
    /// page of `microsoft.graph`.
    pub(crate) fn named(&self, raw: &str) -> Option<Named<'a>> {
        let (name, _) = strip_collection(raw);
        let name = name.trim().trim_start_matches('#');
        match self.known.get(name) {
            Some(known) => *known,
            None => self.resolve_named(name),
        }
    }

    /// [`Lookup::named`] of a name already stripped of `Collection(…)` and `#`.
    fn resolve_named(&self, name: &str) -> Option<Named<'a>> {
        let (qualified, defined) = self.names.resolve(name, DEFAULT_NAMESPACE)?;
        match defined {
            Defined::Type => self
                .schema
                .types
                .get_key_value(qualified)
                .map(|(q, _)| Named::Structured(q.as_str())),
            Defined::Enum => self
                .schema
                .enums
                .get_key_value(qualified)
                .map(|(q, _)| Named::Enum(q.as_str())),
        }
    }

    /// The structured type a name written in a sample (`#microsoft.graph.user`, `user`) names, if any; `None` for an enum.
    pub fn structured(&self, raw: &str) -> Option<&'a str> {
        match self.named(raw)? {
            Named::Structured(t) => Some(t),
            Named::Enum(_) => None,
        }
    }

    /// Open as the front-end decided (by the annotation's `openType`, or
    /// by the page saying so in prose), itself or an ancestor.
    pub(crate) fn is_open(&self, qualified: &str) -> bool {
        self.open.contains(qualified)
    }

    /// A concrete type without a single property, own or inherited, that
    /// nothing derives from (`microsoft.graph.Json`): the docs use it for
    /// "any JSON", so any value fits.
    pub(crate) fn is_untyped(&self, qualified: &str) -> bool {
        self.untyped.contains(qualified)
    }

    /// The first type below `base` (breadth first, in name order) that has
    /// a property named `key`.
    pub(crate) fn derived_with(&self, base: &str, key: &str) -> Option<&'a str> {
        let mut queue: Vec<&str> = self.derived.get(base).cloned().unwrap_or_default();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        let mut i = 0;
        while i < queue.len() {
            let t = queue[i];
            i += 1;
            if !seen.insert(t) {
                continue;
            }
            if self
                .schema
                .types
                .get(t)
                .is_some_and(|d| d.property(key).is_some())
            {
                return Some(t);
            }
            queue.extend(self.derived.get(t).into_iter().flatten());
        }
        None
    }

    pub(crate) fn derives_from(&self, derived: &str, base: &str) -> bool {
        self.schema
            .ancestry(derived)
            .iter()
            .any(|t| t.qualified_name() == base)
    }
}
