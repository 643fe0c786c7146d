//! Second pass: qualify type names against everything one version defines.

use crate::page::{codes, PageItems, RawProperty, RawType};
use crate::types::{CellType, TypeName};
use crate::{Loaded, PageInput};
use graphdoc_schema::{
    qualify, BaseTypeFrom, Diagnostic, EnumDef, Operation, Property, PropertyKind, Schema,
    Severity, Source, TypeDef, TypeKind, TypeRef, DEFAULT_NAMESPACE,
};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

mod paths;
use paths::{properties_from_paths, PathIndex, StartCache};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Defined {
    Type,
    Enum,
}

struct Index {
    /// lowercase qualified name → (qualified name, what)
    qualified: HashMap<String, (String, Defined)>,
    /// lowercase simple name → qualified names
    simple: HashMap<String, Vec<String>>,
    /// lowercase page file name → qualified names defined on that page
    pages: HashMap<String, Vec<String>>,
}

impl Index {
    fn add(&mut self, qualified: &str, simple: &str, what: Defined, file: &str) {
        self.qualified
            .entry(qualified.to_ascii_lowercase())
            .or_insert_with(|| (qualified.to_string(), what));
        let names = self.simple.entry(simple.to_ascii_lowercase()).or_default();
        if !names.iter().any(|n| n == qualified) {
            names.push(qualified.to_string());
        }
        self.pages
            .entry(page_key(file))
            .or_default()
            .push(qualified.to_string());
    }

    fn lookup(&self, lower_qualified: &str) -> Option<&(String, Defined)> {
        self.qualified.get(lower_qualified)
    }

    /// Resolves a name as written in the docs, from a page in `namespace`.
    fn resolve_name(&self, name: &str, namespace: &str) -> Option<&(String, Defined)> {
        let lower = name.to_ascii_lowercase();
        if lower.contains('.') {
            if let Some(hit) = self.lookup(&lower) {
                return Some(hit);
            }
            for prefix in [namespace, DEFAULT_NAMESPACE] {
                if let Some(hit) = self.lookup(&format!("{}.{lower}", prefix.to_ascii_lowercase()))
                {
                    return Some(hit);
                }
            }
            if let Some(rest) = lower.strip_prefix("graph.") {
                return self.lookup(&format!("microsoft.graph.{rest}"));
            }
            return None;
        }
        for ns in [namespace, DEFAULT_NAMESPACE] {
            if let Some(hit) = self.lookup(&format!("{}.{lower}", ns.to_ascii_lowercase())) {
                return Some(hit);
            }
        }
        match self.simple.get(&lower).map(Vec::as_slice) {
            Some([only]) => self.lookup(&only.to_ascii_lowercase()),
            _ => None,
        }
    }

    /// A cell's type resolved without reporting anything: for evidence
    /// gathered before properties are resolved (and reported) in order.
    fn resolve_cell(&self, cell: &CellType, namespace: &str) -> Option<&(String, Defined)> {
        match &cell.name {
            TypeName::Primitive(_) => None,
            TypeName::Named(n) => (!n.is_empty())
                .then(|| self.resolve_name(n, namespace))
                .flatten()
                .or_else(|| cell.link.as_deref().and_then(|l| self.resolve_link(l))),
        }
    }

    /// The type a cell names when it is a primitive or a type this version
    /// defines, without reporting anything; otherwise the name it gives
    /// (`Resolver::type_ref` reports it).
    fn known_type_ref<'c>(
        &self,
        cell: &'c CellType,
        namespace: &str,
    ) -> Result<(TypeRef, Option<Defined>), &'c String> {
        match &cell.name {
            TypeName::Primitive(edm) => Ok((TypeRef::new(*edm, cell.collection), None)),
            TypeName::Named(name) => self
                .resolve_cell(cell, namespace)
                .map(|(q, defined)| (TypeRef::new(q.clone(), cell.collection), Some(*defined)))
                .ok_or(name),
        }
    }

    /// The item defined by the page a link points at, when it defines one.
    fn resolve_link(&self, target: &str) -> Option<&(String, Defined)> {
        match self.pages.get(&page_key(target)).map(Vec::as_slice) {
            Some([only]) => self.lookup(&only.to_ascii_lowercase()),
            _ => None,
        }
    }
}

/// `../resources/Intune-X.md#anchor` → `intune-x.md`.
fn page_key(path: &str) -> String {
    let no_anchor = path.split(['#', '?']).next().unwrap_or(path);
    no_anchor
        .rsplit('/')
        .next()
        .unwrap_or(no_anchor)
        .to_ascii_lowercase()
}

struct Resolver<'a> {
    index: &'a Index,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    /// Resolves a cell's type; reports a name no page defines.
    fn type_ref(
        &mut self,
        cell: &CellType,
        namespace: &str,
        source: &Source,
        what: &str,
    ) -> (TypeRef, Option<Defined>) {
        let name = match self.index.known_type_ref(cell, namespace) {
            Ok(known) => return known,
            Err(unknown) => unknown,
        };
        let shown = if name.is_empty() {
            cell.link.clone().unwrap_or_default()
        } else {
            name.clone()
        };
        self.diagnostics.push(Diagnostic::new(
            source,
            Severity::Warning,
            codes::UNKNOWN_TYPE,
            format!("{what} refers to type `{shown}`, which no page of this version defines"),
        ));
        let qualified = if name.is_empty() {
            qualify(namespace, "unknown")
        } else if name.contains('.') {
            name.clone()
        } else {
            qualify(namespace, name)
        };
        (TypeRef::new(qualified, cell.collection), None)
    }
}

impl Resolver<'_> {
    /// `type_ref` for a type read from a sentence's link. A link whose text
    /// names no type and whose page defines none ("see [common Planner error
    /// conditions](planner-overview.md#…)", "[get the status of the copy
    /// operation](onenoteoperation-get.md)") makes no claim about types: no
    /// type, and no warning.
    fn claimed_type_ref(
        &mut self,
        cell: &CellType,
        namespace: &str,
        source: &Source,
        what: &str,
    ) -> Option<TypeRef> {
        match self.index.known_type_ref(cell, namespace) {
            Ok((known, _)) => Some(known),
            Err(name) if name.is_empty() => None,
            Err(_) => Some(self.type_ref(cell, namespace, source, what).0),
        }
    }
}

pub fn resolve(
    version: &str,
    pages: &[PageInput],
    parsed: Vec<PageItems>,
    companion: Option<crate::Companion>,
) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut raw_types: Vec<RawType> = Vec::new();
    let mut enums: BTreeMap<String, EnumDef> = BTreeMap::new();
    let mut raw_ops = Vec::new();
    for (input, items) in pages.iter().zip(parsed) {
        diagnostics.extend(items.diagnostics);
        let defines_nothing =
            items.types.is_empty() && items.enums.is_empty() && items.operations.is_empty();
        if defines_nothing && input.kind == crate::PageKind::Resource {
            diagnostics.push(Diagnostic::new(
                &Source::new(input.path.clone(), 1),
                Severity::Note,
                codes::NO_ITEMS,
                "page defines no type or enum (not a resource or enum page?)",
            ));
        }
        raw_types.extend(items.types);
        for e in items.enums {
            add_enum(&mut enums, e, &mut diagnostics);
        }
        raw_ops.extend(items.operations);
    }

    let mut types_by_name = merge_types(raw_types, &mut diagnostics);
    let mut index = Index {
        qualified: HashMap::new(),
        simple: HashMap::new(),
        pages: HashMap::new(),
    };
    for (q, t) in &types_by_name {
        index.add(q, &t.name, Defined::Type, &t.source.file);
    }
    for (q, e) in &enums {
        if index.lookup(&q.to_ascii_lowercase()).is_some() {
            diagnostics.push(Diagnostic::new(
                &e.source,
                Severity::Warning,
                codes::DUPLICATE_DEFINITION,
                format!("`{q}` is defined both as a type and as an enum"),
            ));
            continue;
        }
        index.add(q, &e.name, Defined::Enum, &e.source.file);
    }

    let mut resolver = Resolver {
        index: &index,
        diagnostics: &mut diagnostics,
    };

    let entity = qualify(DEFAULT_NAMESPACE, "entity");
    // Base types first: kinds depend on them.
    let mut bases = Bases::default();
    let resolve_base = |resolver: &mut Resolver, q: &str, t: &RawType, b: &CellType| {
        let (r, defined) = resolver.type_ref(
            b,
            &t.namespace,
            &t.source,
            &format!("base type of `{}`", t.name),
        );
        match defined {
            Some(Defined::Type) if r.name != q => Some(r.name),
            Some(_) => None,
            None => Some(r.name),
        }
    };
    for (q, t) in &types_by_name {
        let base = t
            .base
            .as_ref()
            .and_then(|b| resolve_base(&mut resolver, q, t, b));
        bases.stated(q.clone(), base, t.base_stated_by);
    }
    // What follows only fills in bases a page leaves unstated; a page that
    // says `"baseType": null` has stated one.
    let unstated = |bases: &HashMap<String, Option<String>>, q: &str| {
        bases.get(q).is_some_and(Option::is_none)
            && types_by_name.get(q).is_some_and(|t| !t.states_no_base)
    };
    // A "Derived types" section or sentence names the base of types whose
    // own page states none.
    for (q, t) in &types_by_name {
        for child in &t.derived {
            if let Some((r, Defined::Type)) = index.resolve_cell(child, &t.namespace) {
                if r != q && unstated(&bases, r) && !ancestors(&bases, q).contains(r) {
                    bases.set(r.clone(), q.clone(), BaseTypeFrom::DerivedTypes);
                }
            }
        }
    }
    // A row "Inherited from [x]" names an ancestor when the page states no
    // base.
    for (q, t) in &types_by_name {
        if !unstated(&bases, q) || q == &entity {
            continue;
        }
        // Only a type the version defines: "inherited from a parent scope"
        // is prose, not a claim about types, and not worth a warning.
        if let Some(from_row) = inherited_from_rows(t) {
            if let Some((r, Defined::Type)) = index.resolve_cell(&from_row, &t.namespace) {
                if r != q && !ancestors(&bases, r).contains(q) {
                    bases.set(q.clone(), r.clone(), BaseTypeFrom::InheritedRow);
                }
            }
        }
    }
    // An API page that says it returns `B` and shows an object of type `T`
    // in its response example tells that `T` is a `B`.
    let paths = PathIndex::new(&raw_ops, &types_by_name, &index);
    let located = bases_from_locations(&raw_ops, &paths, &bases, &index);
    let shown = bases_from_examples(&raw_ops, &index)
        .into_iter()
        .map(|(t, b)| (t, b, BaseTypeFrom::ResponseExample));
    let located = located
        .into_iter()
        .map(|(t, b)| (t, b, BaseTypeFrom::LocationHeader));
    for (t, b, by) in shown.chain(located) {
        if unstated(&bases, &t) && !ancestors(&bases, &b).contains(&t) {
            bases.set(t, b, by);
        }
    }
    // Last, the same type's page in the other version of the tree, for a
    // base still unstated: pages of one type are often edited in one version
    // only ("This type inherits from [identity]" in beta alone). Its base is
    // taken only when this version defines it too.
    if let Some(companion) = companion {
        let wanted: Vec<(&String, &RawType)> = types_by_name
            .iter()
            .filter(|(q, _)| unstated(&bases, q) && q.as_str() != entity)
            .collect();
        let found: Vec<(String, CellType, String, Source)> = wanted
            .par_iter()
            .filter_map(|(q, t)| {
                companion(&t.source.file)
                    .into_iter()
                    .flat_map(|items| items.types)
                    .find(|other| {
                        qualify(&other.namespace, &other.name).eq_ignore_ascii_case(q)
                            && other.base.is_some()
                    })
                    .and_then(|other| {
                        Some(((*q).clone(), other.base?, other.namespace, other.source))
                    })
            })
            .collect();
        for (q, cell, namespace, from) in found {
            let Some((b, Defined::Type)) = index.resolve_cell(&cell, &namespace) else {
                continue;
            };
            if b != &q && unstated(&bases, &q) && !ancestors(&bases, b).contains(&q) {
                resolver.diagnostics.push(Diagnostic::new(
                    &types_by_name[&q].source,
                    Severity::Note,
                    codes::BASE_FROM_OTHER_VERSION,
                    format!(
                        "base type of `{q}` is not stated on this page; read `{b}` from {from}"
                    ),
                ));
                bases.set(q, b.clone(), BaseTypeFrom::OtherVersion);
            }
        }
    }

    // A key annotation is copied between pages more often than any other
    // line: on a type that has no such property, no base to inherit it from
    // and no operations of its own, it is not evidence of an entity.
    let mut keys: HashMap<String, Option<String>> = HashMap::new();
    for (q, t) in &types_by_name {
        let key = t.key.clone().filter(|k| {
            let has = t.properties.iter().any(|p| &p.name == k)
                || t.json_properties.iter().any(|p| &p.name == k)
                || t.json_untyped.iter().any(|(n, _)| n == k);
            let trusted = has || t.has_methods || bases[q].is_some();
            if !trusted {
                resolver.diagnostics.push(Diagnostic::new(
                    &t.source,
                    Severity::Note,
                    codes::KIND_FROM_TYPE,
                    format!("`{}` is annotated with key `{k}` but has no such property, no base type and no methods; read as a complex type", t.name),
                ));
            }
            trusted
        });
        keys.insert(q.clone(), key);
    }
    let addressable = addressable_types(&types_by_name, &raw_ops, &paths, &index);

    let entity_is_keyed = types_by_name.get(&entity).is_some_and(|e| e.key.is_some());
    let has_identity = |q: &str| {
        types_by_name
            .get(q)
            .is_some_and(|t| keys[q].is_some() || addressable_with_id(t) || addressable.contains(q))
    };
    for q in types_by_name.keys() {
        // Graph's addressable types derive from `entity` (which holds `id`)
        // unless a page says otherwise.
        if unstated(&bases, q)
            && q != &entity
            && entity_is_keyed
            && (keys[q].as_deref() == Some("id") || has_identity(q) && keys[q].is_none())
        {
            bases.set(q.clone(), entity.clone(), BaseTypeFrom::Addressable);
        }
    }
    // The annotation and the prose name different bases. When the
    // annotation's is an ancestor of the prose's, both hold and the prose
    // names the nearer one (`"baseType": "microsoft.graph.entity"` over
    // "Inherits from [directoryObject]"); otherwise the annotation stands.
    for (q, t) in &types_by_name {
        let (Some(cell), Some(stated)) = (&t.base_in_prose, bases[q].clone()) else {
            continue;
        };
        let Some((prose, Defined::Type)) = index.resolve_cell(cell, &t.namespace) else {
            continue;
        };
        if prose == &stated || prose == q {
            continue;
        }
        let above = ancestors(&bases, prose);
        let (severity, message) = if above.contains(&stated) && !above.contains(q) {
            bases.set(q.clone(), prose.clone(), BaseTypeFrom::Prose);
            (
                Severity::Note,
                format!("the annotation names `{stated}` as the base type of `{}` and the text names `{prose}`, which derives from it: read `{prose}`", t.name),
            )
        } else {
            (
                Severity::Warning,
                format!("the annotation names `{stated}` as the base type of `{}` but the text names `{prose}`; the annotation is kept", t.name),
            )
        };
        resolver.diagnostics.push(Diagnostic::new(
            &t.source,
            severity,
            codes::BASE_STATED_TWICE,
            message,
        ));
    }
    let is_entity = |q: &str| -> bool {
        std::iter::once(q.to_string())
            .chain(ancestors(&bases, q))
            .any(|name| has_identity(&name))
    };
    let kinds: HashMap<String, TypeKind> = types_by_name
        .keys()
        .map(|q| {
            (
                q.clone(),
                if is_entity(q) {
                    TypeKind::Entity
                } else {
                    TypeKind::Complex
                },
            )
        })
        .collect();

    let from_paths =
        properties_from_paths(&raw_ops, &paths, &types_by_name, &bases, &kinds, &index);
    drop(paths);
    for (owner, property, note) in from_paths {
        diagnostics.push(note);
        if let Some(t) = types_by_name.get_mut(&owner) {
            t.properties.push(property);
        }
    }

    // What each type declares, so that a JSON representation showing an
    // inherited property does not declare it again on the subtype.
    // Computed only for types whose representation shows something.
    let inherited_names: HashMap<String, Vec<String>> = types_by_name
        .iter()
        .filter(|(_, t)| !t.json_properties.is_empty() || !t.json_untyped.is_empty())
        .map(|(q, _)| {
            let names = ancestors(&bases, q)
                .iter()
                .filter_map(|a| types_by_name.get(a))
                .flat_map(|a| {
                    let names = a.properties.iter().chain(&a.json_properties);
                    names
                        .map(|p| p.name.clone())
                        .chain(a.json_untyped.iter().map(|(n, _)| n.clone()))
                })
                .collect();
            (q.clone(), names)
        })
        .collect();
    // Each type and operation is built on its own (in parallel), with its
    // own diagnostics, merged in order afterwards.
    let build_type = |(q, t): (String, RawType)| -> (String, TypeDef, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut resolver = Resolver {
            index: &index,
            diagnostics: &mut diagnostics,
        };
        let no_names = Vec::new();
        let inherited: Vec<&String> = inherited_names
            .get(&q)
            .unwrap_or(&no_names)
            .iter()
            .collect();
        let mut properties: Vec<Property> = Vec::new();
        // Sets, not scans of the list: a table of n rows is O(n), not O(n²).
        let mut read: std::collections::HashSet<String> = std::collections::HashSet::new();
        let table_names: std::collections::HashSet<String> =
            t.properties.iter().map(|p| p.name.clone()).collect();
        let inherited: std::collections::HashSet<&String> = inherited.into_iter().collect();
        for p in t.properties {
            if !read.insert(p.name.clone()) {
                resolver.diagnostics.push(Diagnostic::new(
                    &p.source,
                    Severity::Warning,
                    codes::DUPLICATE_PROPERTY,
                    format!(
                        "property `{}` of `{}` is listed twice; the first row is kept",
                        p.name, t.name
                    ),
                ));
                continue;
            }
            properties.push(property(&mut resolver, p, &t.namespace, &kinds, &t.name));
        }
        for p in t.json_properties {
            if read.contains(&p.name)
                || table_names.contains(&p.name)
                || inherited.contains(&p.name)
            {
                continue;
            }
            if t.is_open {
                // An open type's representation may show properties an
                // instance happens to carry; only the tables declare.
                resolver.diagnostics.push(Diagnostic::new(
                    &p.source,
                    Severity::Note,
                    codes::JSON_ONLY_PROPERTY,
                    format!("property `{}` of open type `{}` is only in the JSON representation; not read as declared", p.name, t.name),
                ));
                continue;
            }
            let (severity, message) = if t.unread_rows.contains(&p.name) {
                (Severity::Note, format!("property `{}` of `{}`: its table row's type could not be read (reported at the row); its type is read from the JSON representation", p.name, t.name))
            } else {
                (Severity::Warning, format!("property `{}` of `{}` is in the JSON representation but in no table; read from the representation", p.name, t.name))
            };
            resolver.diagnostics.push(Diagnostic::new(
                &p.source,
                severity,
                codes::JSON_ONLY_PROPERTY,
                message,
            ));
            read.insert(p.name.clone());
            properties.push(property(&mut resolver, p, &t.namespace, &kinds, &t.name));
        }
        for (name, source) in &t.json_untyped {
            if !t.is_open && !read.contains(name) && !inherited.contains(name) {
                let (severity, message) = if t.unread_rows.contains(name) {
                    (Severity::Note, format!("property `{name}` of `{}`: neither its table row's type (reported at the row) nor its placeholder in the JSON representation can be read; not read", t.name))
                } else {
                    (Severity::Warning, format!("property `{name}` of `{}` is in the JSON representation but in no table, and its placeholder does not tell its type; not read", t.name))
                };
                resolver.diagnostics.push(Diagnostic::new(
                    source,
                    severity,
                    codes::JSON_ONLY_PROPERTY,
                    message,
                ));
            }
        }
        // Structural first, then navigation, each in table order.
        properties.sort_by_key(|p| p.kind == PropertyKind::Navigation);
        let (kind, base_type, key) = (kinds[&q], bases[&q].clone(), keys[&q].clone());
        let def = TypeDef {
            name: t.name,
            namespace: t.namespace,
            kind,
            base_type_from: match &base_type {
                Some(_) => bases.from.get(&q).copied(),
                None => t.states_no_base.then_some(BaseTypeFrom::Annotation),
            },
            base_type,
            key,
            is_abstract: t.is_abstract,
            is_open: t.is_open,
            description: t.description,
            properties,
            optional_properties: t.optional_properties,
            source: t.source,
        };
        (q, def, diagnostics)
    };
    let built: Vec<(String, TypeDef, Vec<Diagnostic>)> = types_by_name
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(build_type)
        .collect();
    let mut types: BTreeMap<String, TypeDef> = BTreeMap::new();
    for (q, def, diags) in built {
        diagnostics.extend(diags);
        types.insert(q, def);
    }

    let build_op = |raw: crate::page::RawOperation| -> (Operation, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut resolver = Resolver {
            index: &index,
            diagnostics: &mut diagnostics,
        };
        let mut op = raw.op;
        let ns = DEFAULT_NAMESPACE;
        op.request_body = raw
            .request_body
            .into_iter()
            .map(|p| property(&mut resolver, p, ns, &kinds, &op.title))
            .collect();
        op.request_type = raw
            .request_type
            .as_ref()
            .and_then(|c| resolver.claimed_type_ref(c, ns, &op.source, "request body"));
        op.response_type = raw
            .response_type
            .as_ref()
            .and_then(|c| resolver.claimed_type_ref(c, ns, &op.source, "response"))
            .or_else(|| {
                // Where the Response section names no type, the response
                // example's annotation does (the type the docs' validator
                // checks the example against), if this version defines it.
                let cell = raw.annotated_response_type.as_ref()?;
                index.known_type_ref(cell, ns).ok().map(|(t, _)| t)
            });
        (op, diagnostics)
    };
    let built: Vec<(Operation, Vec<Diagnostic>)> = raw_ops.into_par_iter().map(build_op).collect();
    let mut operations: Vec<Operation> = Vec::with_capacity(built.len());
    for (op, diags) in built {
        diagnostics.extend(diags);
        operations.push(op);
    }
    operations.sort_by(|a, b| a.source.cmp(&b.source));

    Loaded {
        schema: Schema {
            version: version.to_string(),
            types,
            enums,
            operations,
        },
        diagnostics,
    }
}

fn property(
    resolver: &mut Resolver,
    p: RawProperty,
    namespace: &str,
    kinds: &HashMap<String, TypeKind>,
    owner: &str,
) -> Property {
    let (ty, _) = resolver.type_ref(
        &p.cell_type,
        namespace,
        &p.source,
        &format!("property `{}` of `{owner}`", p.name),
    );
    // CSDL allows only entity types behind navigation properties, and only
    // them there: the type decides, whichever table the row sits in.
    let kind = match kinds.get(&ty.name) {
        Some(TypeKind::Entity) => PropertyKind::Navigation,
        Some(TypeKind::Complex) => PropertyKind::Structural,
        None => {
            if ty.is_primitive() {
                PropertyKind::Structural
            } else {
                p.kind
            }
        }
    };
    if kind != p.kind {
        let (table, should) = match p.kind {
            PropertyKind::Navigation => ("Relationships", "Properties"),
            PropertyKind::Structural => ("Properties", "Relationships"),
        };
        resolver.diagnostics.push(Diagnostic::new(
            &p.source,
            Severity::Note,
            codes::KIND_FROM_TYPE,
            format!(
                "`{}` is listed under {table} but its type `{}` belongs under {should}",
                p.name, ty.name
            ),
        ));
    }
    let f = p.facts;
    Property {
        name: p.name,
        ty,
        kind,
        description: p.description,
        read_only: f.read_only,
        nullable: f.nullable,
        possible_values: f.possible_values,
        query_options: f.query_options,
        required_on_create: f.required_on_create,
        source: p.source,
    }
}

/// "Inherited from [entity](entity.md)" in a row's description.
fn inherited_from_rows(t: &RawType) -> Option<CellType> {
    t.properties.iter().find_map(|p| {
        // Lowercasing every description would cost more than the search.
        if !(p.description.contains("nherited") || p.description.contains("NHERITED")) {
            return None;
        }
        let lower = p.description.to_ascii_lowercase();
        let at = lower.find("inherited from ")? + "inherited from ".len();
        let word: String = p.description[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
            .collect();
        let word = word.trim_end_matches('.').to_string();
        crate::types::is_type_identifier(&word).then_some(CellType {
            name: TypeName::Named(word),
            collection: false,
            link: None,
            alias_of: None,
        })
    })
}

fn add_enum(enums: &mut BTreeMap<String, EnumDef>, e: EnumDef, diagnostics: &mut Vec<Diagnostic>) {
    let q = e.qualified_name();
    match enums.get_mut(&q) {
        None => {
            enums.insert(q, e);
        }
        Some(existing) => {
            let names = |d: &EnumDef| d.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
            if names(existing) != names(&e) {
                diagnostics.push(Diagnostic::new(
                    &e.source,
                    Severity::Warning,
                    codes::DUPLICATE_DEFINITION,
                    format!("enum `{q}` is also defined at {} with other members; the longer list is kept", existing.source),
                ));
            }
            if e.members.len() > existing.members.len() {
                *existing = e;
            }
        }
    }
}

/// Base types as decided so far (`None`: none stated yet), and for each one
/// set, what says so: the two change together.
#[derive(Default)]
struct Bases {
    of: HashMap<String, Option<String>>,
    from: HashMap<String, BaseTypeFrom>,
}

impl Bases {
    /// What the type's own page states (maybe nothing).
    fn stated(&mut self, q: String, base: Option<String>, by: Option<BaseTypeFrom>) {
        if let (Some(_), Some(by)) = (&base, by) {
            self.from.insert(q.clone(), by);
        }
        self.of.insert(q, base);
    }

    fn set(&mut self, q: String, base: String, by: BaseTypeFrom) {
        self.from.insert(q.clone(), by);
        self.of.insert(q, Some(base));
    }
}

/// Read as the map of bases wherever only the bases matter.
impl std::ops::Deref for Bases {
    type Target = HashMap<String, Option<String>>;

    fn deref(&self) -> &Self::Target {
        &self.of
    }
}

/// The chain of bases above `q`, nearest first; stops at a cycle.
fn ancestors(bases: &HashMap<String, Option<String>>, q: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = bases.get(q).cloned().flatten();
    while let Some(b) = cur {
        if b == q || out.contains(&b) {
            break;
        }
        cur = bases.get(&b).cloned().flatten();
        out.push(b);
    }
    out
}

/// Types the docs address as entities without saying so on their own page:
/// the target of a row in some Relationships table (CSDL allows navigation
/// only to entity types), the type an API returns from a path that ends in a
/// key (`GET /x/{id}/items/{item-id}`: only entities are addressed by key),
/// and the members of a collection an API lists when another API addresses
/// that collection by key (`GET /x/{id}/items` and `DELETE
/// /x/{id}/items/{item-id}`).
fn addressable_types(
    types: &BTreeMap<String, RawType>,
    ops: &[crate::page::RawOperation],
    paths: &PathIndex,
    index: &Index,
) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    for t in types.values() {
        for p in t
            .properties
            .iter()
            .filter(|p| p.kind == PropertyKind::Navigation)
        {
            if let Some((q, Defined::Type)) = index.resolve_cell(&p.cell_type, &t.namespace) {
                out.insert(q.clone());
            }
        }
    }
    for raw in ops.iter().filter(|o| o.op.method == "GET") {
        let Some(cell) = raw.response_type.as_ref().filter(|c| c.collection) else {
            continue;
        };
        if raw.op.paths.iter().any(|p| paths.is_keyed_collection(p)) {
            if let Some((q, Defined::Type)) = index.resolve_cell(cell, DEFAULT_NAMESPACE) {
                out.insert(q.clone());
            }
        }
    }
    for raw in ops {
        let by_key = matches!(raw.op.method.as_str(), "GET" | "PATCH" | "PUT")
            && raw.op.paths.iter().any(|p| ends_in_key(p));
        if !by_key {
            continue;
        }
        if let Some(cell) = raw.response_type.as_ref().filter(|c| !c.collection) {
            if let Some((q, Defined::Type)) = index.resolve_cell(cell, DEFAULT_NAMESPACE) {
                out.insert(q.clone());
            }
        }
    }
    out
}

/// A path with its keys written `{}` and names lowercased, for comparing
/// paths whatever their key placeholders are called.
fn path_shape(path: &str) -> String {
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    path.split('/')
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                "{}".to_string()
            } else {
                s.to_ascii_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `/users/{id}/events/{event-id}` (a query string aside).
fn ends_in_key(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    let last = path.rsplit('/').next().unwrap_or("");
    path.contains('/') && last.starts_with('{') && last.ends_with('}')
}

/// (T, B) pairs: an API page says it returns `B` and its response example
/// shows a `T` (`"@odata.type": "#microsoft.graph.T"` on the returned
/// object or on the items of `value`). A type shown under several bases is
/// left out.
fn bases_from_examples(ops: &[crate::page::RawOperation], index: &Index) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, Option<String>> = BTreeMap::new();
    for raw in ops {
        let Some(cell) = &raw.response_type else {
            continue;
        };
        let Some((b, Defined::Type)) = index.resolve_cell(cell, DEFAULT_NAMESPACE) else {
            continue;
        };
        for shown in &raw.response_shows {
            let name = shown.trim_start_matches('#');
            let Some((t, Defined::Type)) = index.resolve_name(name, DEFAULT_NAMESPACE) else {
                continue;
            };
            if t == b {
                continue;
            }
            match seen.get_mut(t) {
                None => {
                    seen.insert(t.clone(), Some(b.clone()));
                }
                Some(slot) => {
                    if slot.as_ref() != Some(b) {
                        *slot = None;
                    }
                }
            }
        }
    }
    seen.into_iter()
        .filter_map(|(t, b)| Some((t, b?)))
        .collect()
}

/// (T, B) pairs: a response's `Location` header puts the object it returns,
/// a `T`, at a path whose last step is a member of a collection of `B`
/// (`/communications/calls/{id}/operations/{id}`, `operations` being a
/// `commsOperation` collection): `T` is a `B`. A path that cannot be
/// followed to one type tells nothing; a type placed under several bases is
/// left out.
fn bases_from_locations(
    ops: &[crate::page::RawOperation],
    paths: &PathIndex,
    bases: &HashMap<String, Option<String>>,
    index: &Index,
) -> Vec<(String, String)> {
    let mut seen: BTreeMap<String, Option<String>> = BTreeMap::new();
    let cache = StartCache::default();
    for (path, shown) in ops.iter().flat_map(|o| &o.created_at) {
        let Some(b) = paths.member_type_at(path, bases, &cache) else {
            continue;
        };
        let Some((t, Defined::Type)) =
            index.resolve_name(shown.trim_start_matches('#'), DEFAULT_NAMESPACE)
        else {
            continue;
        };
        if *t == b {
            continue;
        }
        match seen.get_mut(t) {
            None => {
                seen.insert(t.clone(), Some(b));
            }
            Some(slot) => {
                if slot.as_ref() != Some(&b) {
                    *slot = None;
                }
            }
        }
    }
    seen.into_iter()
        .filter_map(|(t, b)| Some((t, b?)))
        .collect()
}

/// A type the docs give operations (a Methods table linking API pages) and
/// an `id` is an entity even when no annotation names its key.
fn addressable_with_id(t: &RawType) -> bool {
    t.key.is_none() && t.has_methods && t.properties.iter().any(|p| p.name == "id")
}

/// Several pages may document one type (`user.md` and
/// `intune-devices-user.md`). The page named after the type is the primary
/// one; the others add the properties it lacks.
fn merge_types(
    raw_types: Vec<RawType>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, RawType> {
    let mut groups: BTreeMap<String, Vec<RawType>> = BTreeMap::new();
    for t in raw_types {
        groups
            .entry(qualify(&t.namespace, &t.name))
            .or_default()
            .push(t);
    }
    let mut out = BTreeMap::new();
    for (q, mut group) in groups {
        group.sort_by_key(|t| {
            (
                page_key(&t.source.file) != format!("{}.md", t.name.to_ascii_lowercase()),
                !t.annotated,
                t.source.clone(),
            )
        });
        let mut primary = group.remove(0);
        for other in group {
            let added: Vec<RawProperty> = other
                .properties
                .into_iter()
                .filter(|p| !primary.properties.iter().any(|x| x.name == p.name))
                .collect();
            diagnostics.push(Diagnostic::new(
                &other.source,
                Severity::Note,
                codes::DUPLICATE_DEFINITION,
                format!("type `{q}` is also documented at {}; {} properties from this page were added to it", primary.source, added.len()),
            ));
            primary.properties.extend(added);
            primary.base = primary.base.or(other.base);
            primary.key = primary.key.or(other.key);
            primary.has_methods |= other.has_methods;
            primary.derived.extend(other.derived);
            if primary.json_properties.is_empty() && primary.json_untyped.is_empty() {
                primary.json_properties = other.json_properties;
                primary.json_untyped = other.json_untyped;
            }
        }
        out.insert(q, primary);
    }
    out
}
