//! The comparison itself: walks both schemas and appends [`Change`]s.

use crate::{
    normalize_path, Change, ChangeKind, Compatibility, DiffOptions, MissingProperty, SchemaDiff,
    OPERATIONS_SUBJECT,
};
use graphdoc_schema::{
    EnumDef, EnumMember, Operation, Property, PropertyKind, Schema, Source, TypeDef, TypeKind,
    UNKNOWN_FUTURE_VALUE,
};
use std::collections::{BTreeMap, HashMap};

use Compatibility::{Additive, Breaking};

pub(crate) fn compare(from: &Schema, to: &Schema, options: &DiffOptions, out: &mut SchemaDiff) {
    let mut cx = Context {
        from,
        to,
        options,
        out,
    };
    cx.types();
    cx.enums();
    cx.operations();
}

struct Context<'a> {
    from: &'a Schema,
    to: &'a Schema,
    options: &'a DiffOptions,
    out: &'a mut SchemaDiff,
}

/// The fields of a change that vary; the rest comes from where it is built.
struct Found<'s> {
    kind: ChangeKind,
    compatibility: Compatibility,
    member: Option<&'s str>,
    before: Option<String>,
    after: Option<String>,
    reason: String,
    source: &'s Source,
}

impl Context<'_> {
    fn push(&mut self, subject: &str, found: Found<'_>) {
        self.out.changes.push(Change {
            kind: found.kind,
            compatibility: found.compatibility,
            subject: subject.to_string(),
            member: found.member.map(str::to_string),
            before: found.before,
            after: found.after,
            reason: found.reason,
            source: found.source.clone(),
        });
    }

    fn types(&mut self) {
        let (from, to) = (self.from, self.to);
        for pair in pairs(&from.types, &to.types) {
            match pair {
                Pair::From(name, old) => self.push(
                    name,
                    Found {
                        kind: ChangeKind::TypeRemoved,
                        compatibility: Breaking,
                        member: None,
                        before: Some(type_kind_name(old.kind).to_string()),
                        after: None,
                        reason: "clients that read, write or cast to this type fail".into(),
                        source: &old.source,
                    },
                ),
                Pair::To(name, new) => self.push(
                    name,
                    Found {
                        kind: ChangeKind::TypeAdded,
                        compatibility: Additive,
                        member: None,
                        before: None,
                        after: Some(type_kind_name(new.kind).to_string()),
                        reason: "new type; existing clients do not use it".into(),
                        source: &new.source,
                    },
                ),
                Pair::Both(name, old, new) => {
                    self.type_header(name, old, new);
                    self.properties(name, old, new);
                }
            }
        }
    }

    fn type_header(&mut self, name: &str, old: &TypeDef, new: &TypeDef) {
        let source = &new.source;
        if old.kind != new.kind {
            self.push(
                name,
                Found {
                    kind: ChangeKind::TypeKindChanged,
                    compatibility: Breaking,
                    member: None,
                    before: Some(type_kind_name(old.kind).into()),
                    after: Some(type_kind_name(new.kind).into()),
                    reason:
                        "identity, addressing and @odata.id differ between entity and complex types"
                            .into(),
                    source,
                },
            );
        }
        if old.base_type != new.base_type {
            self.push(
                name,
                Found {
                    kind: ChangeKind::BaseTypeChanged,
                    compatibility: Breaking,
                    member: None,
                    before: Some(old.base_type.clone().unwrap_or_else(|| "(none)".into())),
                    after: Some(new.base_type.clone().unwrap_or_else(|| "(none)".into())),
                    reason: "inherited properties and type casts change".into(),
                    source,
                },
            );
        }
        if old.is_abstract != new.is_abstract {
            let (compatibility, reason) = if new.is_abstract {
                (
                    Breaking,
                    "the type can no longer be created or returned as itself",
                )
            } else {
                (Additive, "the type can now also be created as itself")
            };
            self.push(
                name,
                Found {
                    kind: ChangeKind::AbstractChanged,
                    compatibility,
                    member: None,
                    before: Some(abstract_name(old.is_abstract).into()),
                    after: Some(abstract_name(new.is_abstract).into()),
                    reason: reason.into(),
                    source,
                },
            );
        }
        if old.is_open != new.is_open {
            let (compatibility, reason) = if new.is_open {
                (
                    Additive,
                    "dynamic properties may now appear besides the declared ones",
                )
            } else {
                (
                    Breaking,
                    "requests that carry dynamic properties are rejected",
                )
            };
            self.push(
                name,
                Found {
                    kind: ChangeKind::OpenChanged,
                    compatibility,
                    member: None,
                    before: Some(open_name(old.is_open).into()),
                    after: Some(open_name(new.is_open).into()),
                    reason: reason.into(),
                    source,
                },
            );
        }
        if self.options.include_descriptions && old.description != new.description {
            self.push(
                name,
                description_change(
                    ChangeKind::TypeDescriptionChanged,
                    None,
                    &old.description,
                    &new.description,
                    source,
                ),
            );
        }
    }

    /// Compares the properties a type declares on either side against what
    /// the other side has, own or inherited, so that moving a property
    /// along the hierarchy is not reported as a removal.
    fn properties(&mut self, name: &str, old: &TypeDef, new: &TypeDef) {
        if same_properties(
            &old.properties,
            &new.properties,
            self.options.include_descriptions,
        ) {
            // Every own property is found as it was, so nothing can differ;
            // most types of a real diff are so, and this keeps the diff fast.
            return;
        }
        let old_own = own_properties(old);
        let new_own = own_properties(new);
        let (from, to) = (self.from, self.to);
        let old_all = |p: &str| old_own.get(p).copied().or_else(|| inherited(from, name, p));
        let new_all = |p: &str| new_own.get(p).copied().or_else(|| inherited(to, name, p));

        for p in old_own.values() {
            match new_all(&p.name) {
                Some(q) => self.property(name, p, q),
                None => {
                    self.push(
                        name,
                        Found {
                            kind: ChangeKind::PropertyRemoved,
                            compatibility: Breaking,
                            member: Some(&p.name),
                            before: Some(p.ty.to_string()),
                            after: None,
                            reason: "clients that read or write this property fail".into(),
                            source: &p.source,
                        },
                    );
                    self.out.missing_in_to.push(MissingProperty {
                        type_name: name.to_string(),
                        property: p.name.clone(),
                        source: p.source.clone(),
                    });
                }
            }
        }
        for q in new_own.values() {
            if old_own.contains_key(q.name.as_str()) {
                continue;
            }
            match old_all(&q.name) {
                Some(p) => self.property(name, p, q),
                None => {
                    let (compatibility, reason) = if q.required_on_create {
                        (
                            Breaking,
                            "required on create: existing create requests lack it",
                        )
                    } else {
                        (Additive, "new property; existing clients ignore it")
                    };
                    self.push(
                        name,
                        Found {
                            kind: ChangeKind::PropertyAdded,
                            compatibility,
                            member: Some(&q.name),
                            before: None,
                            after: Some(q.ty.to_string()),
                            reason: reason.into(),
                            source: &q.source,
                        },
                    );
                }
            }
        }
    }

    fn property(&mut self, subject: &str, p: &Property, q: &Property) {
        let member = Some(q.name.as_str());
        let source = &q.source;
        if p.ty != q.ty {
            let reason = match (p.ty.collection, q.ty.collection) {
                (false, true) => "a single value became a collection: payloads change shape",
                (true, false) => "a collection became a single value: payloads change shape",
                _ => "values no longer deserialize into the old type",
            };
            self.push(
                subject,
                Found {
                    kind: ChangeKind::PropertyTypeChanged,
                    compatibility: Breaking,
                    member,
                    before: Some(p.ty.to_string()),
                    after: Some(q.ty.to_string()),
                    reason: reason.into(),
                    source,
                },
            );
        }
        if p.kind != q.kind {
            self.push(
                subject,
                Found {
                    kind: ChangeKind::PropertyKindChanged,
                    compatibility: Breaking,
                    member,
                    before: Some(property_kind_name(p.kind).into()),
                    after: Some(property_kind_name(q.kind).into()),
                    reason: "navigation properties are not returned inline without $expand and are written by reference"
                        .into(),
                    source,
                },
            );
        }
        let (was_nullable, is_nullable) = (effective_nullable(p), effective_nullable(q));
        if was_nullable != is_nullable {
            let (compatibility, reason) = match (is_nullable, q.read_only) {
                (true, _) => (
                    Breaking,
                    "responses may now carry null where clients expect a value",
                ),
                (false, false) => (Breaking, "requests that send null are now rejected"),
                (false, true) => (Additive, "read-only: readers only get a stronger guarantee"),
            };
            self.push(
                subject,
                Found {
                    kind: ChangeKind::PropertyNullabilityChanged,
                    compatibility,
                    member,
                    before: Some(nullable_name(was_nullable).into()),
                    after: Some(nullable_name(is_nullable).into()),
                    reason: reason.into(),
                    source,
                },
            );
        }
        if p.read_only != q.read_only {
            let (compatibility, reason) = if q.read_only {
                (Breaking, "requests that set this property are rejected")
            } else {
                (Additive, "clients may now also set this property")
            };
            self.push(
                subject,
                Found {
                    kind: ChangeKind::PropertyReadOnlyChanged,
                    compatibility,
                    member,
                    before: Some(read_only_name(p.read_only).into()),
                    after: Some(read_only_name(q.read_only).into()),
                    reason: reason.into(),
                    source,
                },
            );
        }
        if self.options.include_descriptions && p.description != q.description {
            self.push(
                subject,
                description_change(
                    ChangeKind::PropertyDescriptionChanged,
                    member,
                    &p.description,
                    &q.description,
                    source,
                ),
            );
        }
    }

    fn enums(&mut self) {
        let (from, to) = (self.from, self.to);
        for pair in pairs(&from.enums, &to.enums) {
            match pair {
                Pair::From(name, old) => self.push(
                    name,
                    Found {
                        kind: ChangeKind::EnumRemoved,
                        compatibility: Breaking,
                        member: None,
                        before: None,
                        after: None,
                        reason: "clients that read, write or match on this enum fail".into(),
                        source: &old.source,
                    },
                ),
                Pair::To(name, new) => self.push(
                    name,
                    Found {
                        kind: ChangeKind::EnumAdded,
                        compatibility: Additive,
                        member: None,
                        before: None,
                        after: None,
                        reason: "new enum; existing clients do not use it".into(),
                        source: &new.source,
                    },
                ),
                Pair::Both(name, old, new) => self.enum_pair(name, old, new),
            }
        }
    }

    fn enum_pair(&mut self, name: &str, old: &EnumDef, new: &EnumDef) {
        if old.is_flags != new.is_flags {
            self.push(
                name,
                Found {
                    kind: ChangeKind::EnumFlagsChanged,
                    compatibility: Breaking,
                    member: None,
                    before: Some(flags_name(old.is_flags).into()),
                    after: Some(flags_name(new.is_flags).into()),
                    reason: "the wire form of values (\"a,b\") changes".into(),
                    source: &new.source,
                },
            );
        }
        if self.options.include_descriptions && old.description != new.description {
            self.push(
                name,
                description_change(
                    ChangeKind::EnumDescriptionChanged,
                    None,
                    &old.description,
                    &new.description,
                    &new.source,
                ),
            );
        }

        let old_members = members_by_name(old);
        let new_members = members_by_name(new);
        for m in old_members.values() {
            if !new_members.contains_key(m.name.as_str()) {
                self.push(
                    name,
                    Found {
                        kind: ChangeKind::EnumMemberRemoved,
                        compatibility: Breaking,
                        member: Some(&m.name),
                        before: m.value.map(|v| v.to_string()),
                        after: None,
                        reason: "clients that send this value are rejected".into(),
                        source: &m.source,
                    },
                );
            }
        }
        let evolvable: Vec<&str> = new
            .evolvable_members()
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        for m in new_members.values() {
            match old_members.get(m.name.as_str()) {
                None => {
                    let (compatibility, reason) = if evolvable.contains(&m.name.as_str()) {
                        (
                            Additive,
                            "after unknownFutureValue, so sent only to clients that opt in",
                        )
                    } else if m.name == UNKNOWN_FUTURE_VALUE {
                        (Breaking, "the sentinel itself is a value clients that match exhaustively do not know")
                    } else {
                        (Breaking, "clients that match every member exhaustively receive a value they do not know (it is not after unknownFutureValue)")
                    };
                    self.push(
                        name,
                        Found {
                            kind: ChangeKind::EnumMemberAdded,
                            compatibility,
                            member: Some(&m.name),
                            before: None,
                            after: m.value.map(|v| v.to_string()),
                            reason: reason.into(),
                            source: &m.source,
                        },
                    );
                }
                Some(o) => {
                    if let (Some(a), Some(b)) = (o.value, m.value) {
                        if a != b {
                            self.push(
                                name,
                                Found {
                                    kind: ChangeKind::EnumMemberRenumbered,
                                    compatibility: Breaking,
                                    member: Some(&m.name),
                                    before: Some(a.to_string()),
                                    after: Some(b.to_string()),
                                    reason: "the numeric value on the wire changes".into(),
                                    source: &m.source,
                                },
                            );
                        }
                    }
                    if self.options.include_descriptions && o.description != m.description {
                        self.push(
                            name,
                            description_change(
                                ChangeKind::EnumMemberDescriptionChanged,
                                Some(&m.name),
                                &o.description,
                                &m.description,
                                &m.source,
                            ),
                        );
                    }
                }
            }
        }
    }

    fn operations(&mut self) {
        let old_ops = operations_by_key(&self.from.operations);
        let new_ops = operations_by_key(&self.to.operations);
        for (key, (op, path)) in &old_ops {
            if !new_ops.contains_key(key) {
                let member = format!("{} {}", method_of(key), path.trim());
                self.push(
                    OPERATIONS_SUBJECT,
                    Found {
                        kind: ChangeKind::OperationRemoved,
                        compatibility: Breaking,
                        member: Some(&member),
                        before: non_empty(&op.title),
                        after: None,
                        reason: "clients that call it fail".into(),
                        source: &op.source,
                    },
                );
            }
        }
        for (key, (op, path)) in &new_ops {
            if !old_ops.contains_key(key) {
                let member = format!("{} {}", method_of(key), path.trim());
                self.push(
                    OPERATIONS_SUBJECT,
                    Found {
                        kind: ChangeKind::OperationAdded,
                        compatibility: Additive,
                        member: Some(&member),
                        before: None,
                        after: non_empty(&op.title),
                        reason: "new operation; existing clients do not call it".into(),
                        source: &op.source,
                    },
                );
            }
        }
    }
}

fn description_change<'s>(
    kind: ChangeKind,
    member: Option<&'s str>,
    before: &str,
    after: &str,
    source: &'s Source,
) -> Found<'s> {
    Found {
        kind,
        compatibility: Additive,
        member,
        before: Some(before.to_string()),
        after: Some(after.to_string()),
        reason: "documentation only".into(),
        source,
    }
}

/// Own properties by name; when the docs list a name twice, the first row
/// counts, as in [`TypeDef::property`].
fn own_properties(t: &TypeDef) -> BTreeMap<&str, &Property> {
    let mut map = BTreeMap::new();
    for p in &t.properties {
        map.entry(p.name.as_str()).or_insert(p);
    }
    map
}

/// Whether two property lists say the same, row by row, in everything the
/// comparison looks at.
fn same_properties(a: &[Property], b: &[Property], include_descriptions: bool) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(p, q)| {
            p.name == q.name
                && p.ty == q.ty
                && p.kind == q.kind
                && p.read_only == q.read_only
                && effective_nullable(p) == effective_nullable(q)
                && p.required_on_create == q.required_on_create
                && (!include_descriptions || p.description == q.description)
        })
}

/// A property an ancestor of the type declares, the nearest one winning.
fn inherited<'s>(schema: &'s Schema, type_name: &str, property: &str) -> Option<&'s Property> {
    schema
        .ancestry(type_name)
        .into_iter()
        .skip(1)
        .find_map(|t| t.property(property))
}

fn members_by_name(e: &EnumDef) -> BTreeMap<&str, &EnumMember> {
    let mut map = BTreeMap::new();
    for m in &e.members {
        map.entry(m.name.as_str()).or_insert(m);
    }
    map
}

/// Operations by `METHOD normalized-path`, one entry per listed path; when
/// two pages (or two paths of one page) are the same operation, the first
/// by source, then path as written, then title counts, whatever the order
/// of the list.
/// A hash map is enough: the changes are sorted afterwards.
fn operations_by_key(ops: &[Operation]) -> HashMap<String, (&Operation, &str)> {
    let mut map: HashMap<String, (&Operation, &str)> = HashMap::with_capacity(ops.len());
    for op in ops {
        let method = op.method.trim().to_ascii_uppercase();
        for path in &op.paths {
            let key = format!("{method} {}", normalize_path(path));
            match map.get(&key) {
                Some(&seen) if rank(seen) <= rank((op, path)) => {}
                _ => {
                    map.insert(key, (op, path.as_str()));
                }
            }
        }
    }
    map
}

/// The order in which duplicates of one operation are preferred.
fn rank<'s>((op, path): (&'s Operation, &'s str)) -> (&'s Source, &'s str, &'s str) {
    (&op.source, path, &op.title)
}

fn method_of(key: &str) -> &str {
    key.split(' ').next().unwrap_or_default()
}

/// An entry of one map or both, from [`pairs`].
enum Pair<'s, V> {
    From(&'s str, &'s V),
    To(&'s str, &'s V),
    Both(&'s str, &'s V, &'s V),
}

/// Walks two maps in key order together: one pass, no lookups.
fn pairs<'s, V>(
    from: &'s BTreeMap<String, V>,
    to: &'s BTreeMap<String, V>,
) -> impl Iterator<Item = Pair<'s, V>> {
    let mut a = from.iter().peekable();
    let mut b = to.iter().peekable();
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (None, None) => None,
        (Some(_), None) => a.next().map(|(k, v)| Pair::From(k, v)),
        (None, Some(_)) => b.next().map(|(k, v)| Pair::To(k, v)),
        (Some((ka, _)), Some((kb, _))) => match ka.cmp(kb) {
            std::cmp::Ordering::Less => a.next().map(|(k, v)| Pair::From(k, v)),
            std::cmp::Ordering::Greater => b.next().map(|(k, v)| Pair::To(k, v)),
            std::cmp::Ordering::Equal => {
                let (k, old) = a.next()?;
                let (_, new) = b.next()?;
                Some(Pair::Both(k, old, new))
            }
        },
    })
}

/// OData's default: a property is nullable unless it says otherwise.
fn effective_nullable(p: &Property) -> bool {
    p.nullable.unwrap_or(true)
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.trim().to_string())
}

fn type_kind_name(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
    }
}

fn property_kind_name(kind: PropertyKind) -> &'static str {
    match kind {
        PropertyKind::Structural => "structural",
        PropertyKind::Navigation => "navigation",
    }
}

fn abstract_name(is_abstract: bool) -> &'static str {
    if is_abstract {
        "abstract"
    } else {
        "concrete"
    }
}

fn open_name(is_open: bool) -> &'static str {
    if is_open {
        "open"
    } else {
        "closed"
    }
}

fn nullable_name(nullable: bool) -> &'static str {
    if nullable {
        "nullable"
    } else {
        "not nullable"
    }
}

fn read_only_name(read_only: bool) -> &'static str {
    if read_only {
        "read-only"
    } else {
        "writable"
    }
}

fn flags_name(is_flags: bool) -> &'static str {
    if is_flags {
        "flags"
    } else {
        "single value"
    }
}
