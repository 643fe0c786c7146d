//! What one version defines, by every name the docs use for it, and the
//! `Resolver` that turns a type cell into a `TypeRef` (reporting a name no
//! page defines).

use crate::page::{codes, RawType};
use crate::types::{CellType, TypeName};
use graphdoc_schema::{qualify, Diagnostic, EnumDef, Severity, Source, TypeRef, DEFAULT_NAMESPACE};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Defined {
    Type,
    Enum,
}

pub(super) struct Index {
    /// lowercase qualified name → (qualified name, what)
    qualified: HashMap<String, (String, Defined)>,
    /// lowercase simple name → qualified names
    simple: HashMap<String, Vec<String>>,
    /// lowercase page file name → qualified names defined on that page
    pages: HashMap<String, Vec<String>>,
}

impl Index {
    /// Indexes every type and enum; an enum with a type's name is reported
    /// and left out.
    pub(super) fn new(
        types: &BTreeMap<String, RawType>,
        enums: &BTreeMap<String, EnumDef>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut index = Index {
            qualified: HashMap::new(),
            simple: HashMap::new(),
            pages: HashMap::new(),
        };
        for (q, t) in types {
            index.add(q, &t.name, Defined::Type, &t.source.file);
        }
        for (q, e) in enums {
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
        index
    }

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
    pub(super) fn resolve_name(&self, name: &str, namespace: &str) -> Option<&(String, Defined)> {
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
    pub(super) fn resolve_cell(
        &self,
        cell: &CellType,
        namespace: &str,
    ) -> Option<&(String, Defined)> {
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
    pub(super) fn known_type_ref<'c>(
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

pub(super) struct Resolver<'a> {
    pub(super) index: &'a Index,
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    /// Resolves a cell's type; reports a name no page defines.
    pub(super) fn type_ref(
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

    /// `type_ref` for a type read from a sentence's link. A link whose text
    /// names no type and whose page defines none ("see [common Planner error
    /// conditions](planner-overview.md#…)", "[get the status of the copy
    /// operation](onenoteoperation-get.md)") makes no claim about types: no
    /// type, and no warning.
    pub(super) fn claimed_type_ref(
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

/// `../resources/Intune-X.md#anchor` → `intune-x.md`.
pub(super) fn page_key(path: &str) -> String {
    let no_anchor = path.split(['#', '?']).next().unwrap_or(path);
    no_anchor
        .rsplit('/')
        .next()
        .unwrap_or(no_anchor)
        .to_ascii_lowercase()
}
